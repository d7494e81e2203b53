"""CLI commands beyond the core ones in cli.py, one module per area. Each has `register(app)`.

Only this package and cli.py import typer. Command bodies import core modules lazily so that
`rnnquiz --help` stays fast.
"""
