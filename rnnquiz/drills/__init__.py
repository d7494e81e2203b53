"""Coding drills: write an RNN, GRU or LSTM piece yourself; it is graded against rnnquiz's models.

``catalog`` (no NumPy) lists the drills and writes starter files; ``grade`` (NumPy, imported only by
``rnnquiz drill check``) runs the candidate's file in the sandbox (``sandbox``, ``_child``) and compares it
with the reference models and a library of known wrong variants (``checks``); ``progress`` turns results
into review ratings and keeps best results through a store-like object.
"""
