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
