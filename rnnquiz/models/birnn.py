"""Bidirectional RNN: any cell run both ways, outputs concatenated.

    →H_t = cell(X_t, →H_{t−1})         forward direction, parameters ``*_l0``
    ←H_t = cell(X_t, ←H_{t+1})         backward direction, its own parameters ``*_l0_reverse``
    H_t  = [→H_t, ←H_t]                (B, 2h): concatenated along the feature axis
    O_t  = H_t W_hq + b_q              W_hq (2h, q)

for a tanh RNN cell ``→H_t = φ(X_t W_xh^(f) + →H_{t−1} W_hh^(f) + b_h^(f))`` and likewise ←H with
W^(b). Every output H_t depends on the whole sequence: the past through →H, the future through ←H.
Stacked (``num_layers=2``), layer 2 reads [→H; ←H] of layer 1, width 2h, in both directions
(PyTorch's layout). The final state holds →H_T and ←H_1 (the last step each direction processed).

The mechanics (flipping time for the reverse direction, concatenation, its backward) live in
``recurrent.py`` and are shared by RNN, GRU and LSTM, as in PyTorch's ``bidirectional=True``;
``BiRNN`` builds such a model from a cell name or class.

References: Schuster & Paliwal (1997); d2l §10.4; PyTorch ``nn.RNN(bidirectional=True)``.
"""

from __future__ import annotations

from typing import Any

from rnnquiz.models.gru import GRU
from rnnquiz.models.lstm import LSTM
from rnnquiz.models.recurrent import Recurrent
from rnnquiz.models.rnn import RNN

CELLS: dict[str, type[Recurrent]] = {"rnn": RNN, "gru": GRU, "lstm": LSTM}


def cell_class(cell: str | type[Recurrent]) -> type[Recurrent]:
    """``"rnn" | "gru" | "lstm"`` (or a class) → the model class."""
    if isinstance(cell, type):
        return cell
    try:
        return CELLS[cell.lower()]
    except KeyError:
        raise ValueError(f"unknown cell {cell!r}; known: {', '.join(CELLS)}") from None


def BiRNN(cell: str | type[Recurrent], input_size: int, hidden_size: int, num_layers: int = 1,
          **kwargs: Any) -> Recurrent:  # noqa: N802 - reads like the class it builds
    """A bidirectional ``cell`` model (``RNN``, ``GRU`` or ``LSTM``; extra options such as
    ``nonlinearity``, ``reset_after``, ``forget_bias``, ``seed`` pass through). Outputs are (T, B, 2h)."""
    return cell_class(cell)(input_size, hidden_size, num_layers, bidirectional=True, **kwargs)
