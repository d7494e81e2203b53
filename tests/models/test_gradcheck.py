"""Finite-difference checks of the hand-written BPTT: every variant, every parameter, X and the initial
state, relative error < 1e-6 in float64 (observed: ≤ 3e-9)."""

from __future__ import annotations

import numpy as np
import pytest

from rnnquiz.models import GRU, LSTM, RNN
from rnnquiz.models.gradcheck import check_model, numerical_gradient, rel_error

from .conftest import VARIANTS

TOL = 1e-6
T, B, D, H = 4, 2, 3, 3


def _assert_all_small(errors: dict[str, float], model) -> None:
    expected = set(model.params) | {"X"} | set(model.state_names)
    assert set(errors) == expected
    bad = {k: v for k, v in errors.items() if not v < TOL}
    assert not bad, f"{model}: {bad}"


TOPOLOGIES = [(1, False, "single"), (1, True, "bidirectional"), (2, False, "stacked"),
              (2, True, "stacked-bidirectional")]
# Every variant on a single layer; every topology for each cell (the activation options do not touch
# the stacking code, which is shared by all cells).
CASES = [(name, make, 1, False) for name, make in VARIANTS] + [
    (f"{name}-{topo}", make, layers, bi)
    for name, make in VARIANTS if name in ("rnn-tanh", "gru-reset-after", "gru-reset-before", "lstm")
    for layers, bi, topo in TOPOLOGIES[1:]
]


@pytest.mark.parametrize("make,layers,bidirectional", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_backward_matches_finite_differences(make, layers, bidirectional, rng):
    model = make(D, H, num_layers=layers, bidirectional=bidirectional, seed=7)
    _assert_all_small(check_model(model, rng.standard_normal((T, B, D))), model)


def test_a_wrong_gradient_is_caught(rng):
    # The check must be able to fail: break one gradient and see it flagged.
    model = GRU(D, H, seed=0)
    X = rng.standard_normal((T, B, D))
    Y, h, cache = model.forward(X)
    dY = rng.standard_normal(Y.shape)
    g = model.backward(cache, dY)
    W = model.params["weight_hh_l0"]

    def loss() -> float:
        return float(np.sum(model.forward(X)[0] * dY))

    num = numerical_gradient(loss, W)
    assert rel_error(g["weight_hh_l0"], num) < TOL
    assert rel_error(g["weight_hh_l0"] * 1.001, num) > TOL


@pytest.mark.parametrize("make", [lambda: RNN(D, H, 2, seed=3), lambda: GRU(D, H, seed=3),
                                  lambda: GRU(D, H, reset_after=False, seed=3), lambda: LSTM(D, H, 2, seed=3)],
                         ids=["rnn-stacked", "gru-after", "gru-before", "lstm-stacked"])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_truncated_bptt_is_the_gradient_with_chunk_boundary_states_held_constant(make, k, rng):
    model = make()
    X = rng.standard_normal((7, B, D))
    errors = check_model(model, X, k=k)
    _assert_all_small(errors, model)


@pytest.mark.parametrize("cls", [RNN, GRU, LSTM])
def test_truncated_bptt_differs_from_full_and_k_at_least_T_is_full(cls, rng):
    model = cls(D, H, seed=5)
    X = rng.standard_normal((6, B, D))
    Y, _, cache = model.forward(X)
    dY = rng.standard_normal(Y.shape)
    full = model.backward(cache, dY)
    for k in (6, 7, 100, None):
        same = model.backward(cache, dY, k=k)
        for name in full:
            np.testing.assert_array_equal(same[name], full[name])
    cut = model.backward(cache, dY, k=2)
    assert rel_error(cut["weight_hh_l0"], full["weight_hh_l0"]) > 1e-3
    assert rel_error(cut["X"], full["X"]) > 1e-3


def test_truncation_needs_positive_k(rng):
    model = RNN(D, H)
    _, _, cache = model.forward(rng.standard_normal((3, B, D)))
    with pytest.raises(ValueError):
        model.backward(cache, k=0)


def test_float32_gradients_agree_with_float64(rng):
    X = rng.standard_normal((5, B, D))
    for cls in (RNN, GRU, LSTM):
        m64, m32 = cls(D, H, seed=2), cls(D, H, seed=2, dtype=np.float32)
        Y64, _, c64 = m64.forward(X)
        Y32, _, c32 = m32.forward(X)
        assert Y32.dtype == np.float32
        dY = rng.standard_normal(Y64.shape)
        g64, g32 = m64.backward(c64, dY), m32.backward(c32, dY)
        np.testing.assert_allclose(Y32, Y64, atol=1e-5)
        for name in g64:
            assert g32[name].dtype == np.float32, name
            assert rel_error(g32[name], g64[name]) < 1e-5, name
