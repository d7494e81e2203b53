"""Broken models shared by the mutation tests: each proof they break must fail."""

from __future__ import annotations

import numpy as np


def birnn_forward_only(make):
    """A factory like `make` (a BiRNN class) whose 'backward' half is a copy of the forward half."""

    def forward_only(*a, **k):
        model = make(*a, **k)
        original = model.forward

        def forward_twice(X, *fa, **fk):
            Y, state, cache = original(X, *fa, **fk)
            h = Y.shape[-1] // 2
            return np.concatenate([Y[..., :h], Y[..., :h]], axis=-1), state, cache

        model.forward = forward_twice
        return model

    return forward_only


def patch_source(monkeypatch, cls, method: str, old: str, new: str) -> None:
    """Replace ``cls.method`` by a copy whose source has every ``old`` replaced by ``new``: a one-line
    mutant of a model's inner loop (the backward's ``dc *= F[t]``) without copying the method into the test."""
    import inspect
    import sys
    import textwrap

    src = textwrap.dedent(inspect.getsource(getattr(cls, method)))
    if old not in src:
        raise AssertionError(f"{cls.__name__}.{method}: {old!r} not in its source (the mutant is stale)")
    namespace: dict = {}
    scope = vars(cls) if inspect.ismodule(cls) else vars(sys.modules[cls.__module__])  # a module's function too
    exec(compile(src.replace(old, new), f"<mutant {cls.__name__}.{method}>", "exec"),  # noqa: S102
         scope, namespace)
    monkeypatch.setattr(cls, method, namespace[method])
