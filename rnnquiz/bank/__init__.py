"""Question banks: schema, loading with file:line errors, validation, generators and grading.

No typer, no rich, no numpy here.
"""
