"""Forward values against committed golden data (tests/models/data/golden.npz, made by make_golden.py
from PyTorch and from a plain d2l transcription), so the numerics are checked without torch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rnnquiz.models import GRU, LSTM, RNN

GOLDEN = np.load(Path(__file__).parent / "data" / "golden.npz")
MODELS = {
    "rnn_tanh": lambda: RNN(3, 3),
    "rnn_relu": lambda: RNN(3, 3, nonlinearity="relu"),
    "gru": lambda: GRU(3, 3),
    "lstm": lambda: LSTM(3, 3),
    "gru_bi_2": lambda: GRU(3, 3, 2, True),
    "lstm_bi_2": lambda: LSTM(3, 3, 2, True),
    "rnn_bi_2": lambda: RNN(3, 3, 2, True),
    "gru_reset_before": lambda: GRU(3, 3, reset_after=False),
    "lstm_hard_sigmoid": lambda: LSTM(3, 3, gate_activation="hard_sigmoid"),
    "lstm_relu_gates": lambda: LSTM(3, 3, gate_activation="relu"),
    "lstm_sigmoid_candidate": lambda: LSTM(3, 3, candidate_activation="sigmoid"),
}


def test_every_golden_case_is_tested():
    assert {k.split("/")[0] for k in GOLDEN.files} == set(MODELS)


@pytest.mark.parametrize("case", sorted(MODELS))
def test_forward_matches_golden(case):
    model = MODELS[case]()
    model.load_state_dict({k.split("/", 2)[2]: GOLDEN[k] for k in GOLDEN.files if k.startswith(f"{case}/param/")})
    states = [GOLDEN[f"{case}/state0_{j}"] for j in range(len(model.state_names))]
    Y, final, _ = model.forward(GOLDEN[f"{case}/X"], states[0] if len(states) == 1 else tuple(states))
    np.testing.assert_allclose(Y, GOLDEN[f"{case}/Y"], rtol=0, atol=1e-12)
    final = final if isinstance(final, tuple) else (final,)
    for j, f in enumerate(final):
        np.testing.assert_allclose(f, GOLDEN[f"{case}/final_{j}"], rtol=0, atol=1e-12)
