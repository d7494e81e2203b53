"""Counting parameters and reading output shapes off real, constructed models.

The pure-Python question generators (``rnnquiz/bank/generators.py``) compute such numbers by formula; a
test checks them against these, which count the arrays of an actual model.

Per recurrent layer with G gate blocks (RNN 1, GRU 3, LSTM 4), input width d and hidden width h:
    single bias (d2l):      G·(d·h + h·h + h)
    double bias (PyTorch):  G·(d·h + h·h + 2h)
so GRU : LSTM = 3 : 4 exactly, comparing like with like.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rnnquiz.models.birnn import cell_class
from rnnquiz.models.gru import GRU
from rnnquiz.models.linear import Linear
from rnnquiz.models.recurrent import Recurrent


def make_model(cell: str | type[Recurrent], input_size: int, hidden_size: int, num_layers: int = 1,
               bidirectional: bool = False, **kwargs: Any) -> Recurrent:
    """Build ``RNN``/``GRU``/``LSTM`` by name; ``kwargs`` are the class's options (seed, dtype, …)."""
    return cell_class(cell)(input_size, hidden_size, num_layers, bidirectional, **kwargs)


def param_count(cell: str, d: int, h: int, bias: str = "single", layers: int = 1, bidirectional: bool = False,
                reset_after: bool | None = None) -> int:
    """Number of parameters of a recurrent model (no output layer), counted on its arrays.

    Args:
        cell: ``"rnn"``, ``"gru"`` or ``"lstm"``.
        d, h: input and hidden width.
        bias: ``"single"`` (d2l: one bias per gate) or ``"double"`` (PyTorch: b_ih and b_hh).
        layers, bidirectional: as PyTorch's ``num_layers`` and ``bidirectional``.
        reset_after: GRU only. None picks the form that exists in the convention: reset-after (PyTorch)
            for ``"double"``, reset-before (d2l) for ``"single"``. ``reset_after=True`` with
            ``"single"`` raises ValueError: that GRU has no single-bias form.
    """
    kwargs: dict[str, Any] = {}
    if cell_class(cell) is GRU:
        kwargs["reset_after"] = (bias == "double") if reset_after is None else reset_after
    elif reset_after is not None:
        raise ValueError("reset_after applies to the GRU only")
    model = make_model(cell, d, h, layers, bidirectional, **kwargs)
    return model.num_params(bias)


def output_shapes(cell: str, T: int, B: int, d: int, h: int, layers: int = 1, bidirectional: bool = False,
                  q: int | None = None, **kwargs: Any) -> dict[str, tuple[int, ...]]:
    """Run a model on zeros and report the shapes it produced.

    Returns ``{"outputs": (T, B, dirs·h), "h_n": (layers·dirs, B, h)}`` plus ``"c_n"`` for an LSTM and,
    if ``q`` is given, ``"O"`` (T, B, q) of an output layer on every step.
    """
    model = make_model(cell, d, h, layers, bidirectional, **kwargs)
    Y, state, _ = model.forward(np.zeros((T, B, d)))
    shapes: dict[str, tuple[int, ...]] = {"outputs": Y.shape}
    if isinstance(state, tuple):
        shapes["h_n"], shapes["c_n"] = state[0].shape, state[1].shape
    else:
        shapes["h_n"] = state.shape
    if q is not None:
        out, _ = Linear(Y.shape[-1], q).forward(Y)
        shapes["O"] = out.shape
    return shapes
