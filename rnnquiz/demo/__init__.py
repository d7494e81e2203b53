"""``rnnquiz demo``: small recurrent models whose gates do something you can read, stepped one time step
at a time.

    task.py       the task every demo runs on: remember the value at the marked step, say it at the end
    built.py      the models: hand-built weights (derived in its docstring and tested), or random ones
    trace.py      run a model over one sequence and record every quantity, its parts, and what the
                  marked value still means to the state (plain lists: the renderer needs no NumPy)
    explain.py    the equations with the numbers plugged in, what changed, and the one sentence per step
    deeper.py     the proofs and questions about what a demo showed, read from the registry and the banks

NumPy is imported here (and only when a demo runs), like ``rnnquiz.models``.
"""
