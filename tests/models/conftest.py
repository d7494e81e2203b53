from __future__ import annotations

import numpy as np
import pytest

from rnnquiz.models import GRU, LSTM, RNN

# Every model variant the issue names, small enough for finite differences: (id, constructor).
VARIANTS = [
    ("rnn-tanh", lambda d, h, **kw: RNN(d, h, **kw)),
    ("rnn-relu", lambda d, h, **kw: RNN(d, h, nonlinearity="relu", **kw)),
    ("gru-reset-after", lambda d, h, **kw: GRU(d, h, **kw)),
    ("gru-reset-before", lambda d, h, **kw: GRU(d, h, reset_after=False, **kw)),
    ("lstm", lambda d, h, **kw: LSTM(d, h, **kw)),
    ("lstm-forget-bias-1", lambda d, h, **kw: LSTM(d, h, forget_bias=1.0, **kw)),
    ("lstm-hard-sigmoid-gates", lambda d, h, **kw: LSTM(d, h, gate_activation="hard_sigmoid", **kw)),
    ("lstm-relu-gates", lambda d, h, **kw: LSTM(d, h, gate_activation="relu", **kw)),
    ("lstm-sigmoid-candidate", lambda d, h, **kw: LSTM(d, h, candidate_activation="sigmoid", **kw)),
]


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(1234)
