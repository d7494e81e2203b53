"""The "prove it" experiments: one module per theme, each function ``(seed, quick) -> ProofResult``.

NumPy is imported at module level here (and only here, outside ``rnnquiz/models``); nothing imports
these modules until ``rnnquiz prove`` or ``rnnquiz demo`` runs.
"""
