"""Shapes, names, conventions, conversions and the helpers the rest of the app uses."""

from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from rnnquiz.models import GRU, LSTM, RNN, BiRNN, Linear, make_model, output_shapes, param_count
from rnnquiz.models.functional import numerics

from .conftest import VARIANTS


@pytest.mark.parametrize("make", [m for _, m in VARIANTS], ids=[i for i, _ in VARIANTS])
def test_shapes_and_cache_keys(make, rng):
    model = make(3, 4, num_layers=2, bidirectional=True)
    X = rng.standard_normal((5, 2, 3))
    Y, state, cache = model.forward(X)
    assert Y.shape == (5, 2, 8)
    for s in state if isinstance(state, tuple) else (state,):
        assert s.shape == (4, 2, 4)
    assert list(cache["layers"]) == ["l0", "l0_reverse", "l1", "l1_reverse"]
    layer = cache["layers"]["l0_reverse"]
    keys = {"rnn": {"H"}, "gru": {"R", "Z", "H_tilde", "H"}, "lstm": {"I", "F", "O", "C_tilde", "C", "tanh_C", "H"}}
    for key in keys[model.kind]:
        assert layer[key].shape == (5, 2, 4), key
    # Time order also in the reverse direction: its hidden states are the second half of the outputs.
    np.testing.assert_array_equal(cache["layers"]["l1_reverse"]["H"], Y[:, :, 4:])
    assert cache["layers"]["l1"]["input"].shape == (5, 2, 8)  # layer 2 reads [→H; ←H]


def test_final_state_of_the_reverse_direction_is_its_step_at_time_zero(rng):
    model = BiRNN("gru", 3, 4)
    Y, h, _ = model.forward(rng.standard_normal((5, 2, 3)))
    np.testing.assert_array_equal(h[0], Y[-1, :, :4])
    np.testing.assert_array_equal(h[1], Y[0, :, 4:])


def test_birnn_sees_the_future_and_a_unidirectional_model_does_not(rng):
    X = rng.standard_normal((6, 1, 3))
    X2 = X.copy()
    X2[-1] += 1.0  # change only the last input
    for bi in (False, True):
        model = GRU(3, 4, bidirectional=bi, seed=1)
        changed = np.abs(model.forward(X)[0][0] - model.forward(X2)[0][0]).max() > 1e-6
        assert changed == bi


def test_gates_are_in_range(rng):
    _, _, cache = LSTM(3, 4, seed=0).forward(5 * rng.standard_normal((8, 3, 3)))
    layer = cache["layers"]["l0"]
    for g in ("I", "F", "O"):
        assert ((layer[g] >= 0) & (layer[g] <= 1)).all()
    assert (np.abs(layer["C_tilde"]) <= 1).all() and (np.abs(layer["H"]) <= 1).all()


def test_seed_not_global_rng():
    state = np.random.get_state()[1].copy()
    a, b, c = LSTM(3, 4, seed=5), LSTM(3, 4, seed=5), LSTM(3, 4, seed=6)
    np.testing.assert_array_equal(np.random.get_state()[1], state)
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    assert any(not np.array_equal(a.params[k], c.params[k]) for k in a.params)
    bound = 1 / np.sqrt(4)
    assert all(np.abs(v).max() <= bound for v in a.params.values())


@pytest.mark.parametrize("d,h", [(1, 1), (10, 32), (64, 256)])
def test_parameter_counts_and_the_three_quarters_ratio(d, h):
    for bias in ("single", "double"):
        extra = 2 if bias == "double" else 1
        assert param_count("rnn", d, h, bias) == d * h + h * h + extra * h
        assert param_count("lstm", d, h, bias) == 4 * (d * h + h * h + extra * h)
        assert param_count("gru", d, h, bias) == 3 * (d * h + h * h + extra * h)
        assert param_count("gru", d, h, bias) / param_count("lstm", d, h, bias) == 3 / 4
    assert param_count("gru", d, h, "double", reset_after=False) == 3 * (d * h + h * h + 2 * h)
    with pytest.raises(ValueError, match="b_hn"):
        param_count("gru", d, h, "single", reset_after=True)


def test_stacked_bidirectional_count():
    # Layer 2 reads 2h features in both directions.
    d, h = 5, 7
    layer1 = 4 * (d * h + h * h + 2 * h)
    layer2 = 4 * (2 * h * h + h * h + 2 * h)
    assert param_count("lstm", d, h, "double", layers=2, bidirectional=True) == 2 * (layer1 + layer2)


def test_output_shapes():
    assert output_shapes("lstm", 7, 2, 3, 5, layers=2, bidirectional=True, q=4) == {
        "outputs": (7, 2, 10), "h_n": (4, 2, 5), "c_n": (4, 2, 5), "O": (7, 2, 4)}
    assert output_shapes("gru", 3, 1, 2, 6) == {"outputs": (3, 1, 6), "h_n": (1, 1, 6)}


def test_d2l_names_round_trip(rng):
    lstm = LSTM(3, 4, seed=1)
    d2l = lstm.to_d2l()
    assert set(d2l) == {f"{w}{g}" for g in "ifco" for w in ("W_x", "W_h", "b_")}
    assert d2l["W_xi"].shape == (3, 4) and d2l["W_hf"].shape == (4, 4) and d2l["b_o"].shape == (4,)
    # d2l row-vector form: I_t = σ(X_t W_xi + H_{t−1} W_hi + b_i) equals the cached gate.
    X = rng.standard_normal((1, 2, 3))
    _, _, cache = lstm.forward(X)
    I = 1 / (1 + np.exp(-(X[0] @ d2l["W_xi"] + d2l["b_i"])))  # noqa: E741 d2l name
    np.testing.assert_allclose(cache["layers"]["l0"]["I"][0], I, atol=1e-14)
    other = LSTM(3, 4, seed=2)
    other.from_d2l(d2l)
    np.testing.assert_allclose(other.forward(X)[0], lstm.forward(X)[0], atol=1e-14)
    assert set(LSTM(3, 4, 2, True).to_d2l()) >= {"W_xi_l0", "W_xi_l0_reverse", "W_hc_l1"}
    assert set(GRU(3, 4, reset_after=False).to_d2l()) == {"W_xr", "W_hr", "b_r", "W_xz", "W_hz", "b_z",
                                                          "W_xh", "W_hh", "b_h"}
    with pytest.raises(ValueError):
        GRU(3, 4).to_d2l()


def test_reset_before_and_after_differ(rng):
    X = rng.standard_normal((5, 2, 3))
    a, b = GRU(3, 4, seed=3), GRU(3, 4, seed=3, reset_after=False)
    assert np.abs(a.forward(X)[0] - b.forward(X)[0]).max() > 1e-3


def test_forget_bias_sets_the_effective_d2l_bias():
    model = LSTM(3, 4, 2, forget_bias=1.0)
    for s in ("l0", "l1"):
        np.testing.assert_array_equal(model.params[f"bias_ih_{s}"][4:8] + model.params[f"bias_hh_{s}"][4:8], 1.0)


def test_state_dict_round_trip_and_validation():
    a, b = RNN(3, 4, seed=1), RNN(3, 4, seed=2)
    b.load_state_dict(a.state_dict())
    for k in a.params:
        np.testing.assert_array_equal(a.params[k], b.params[k])
    with pytest.raises(KeyError):
        b.load_state_dict({"weight_ih_l0": a.params["weight_ih_l0"]})
    bad = a.state_dict() | {"weight_hh_l0": np.zeros((4, 5))}
    with pytest.raises(ValueError):
        b.load_state_dict(bad)


def test_bad_arguments_are_rejected():
    with pytest.raises(ValueError):
        RNN(3, 4, nonlinearity="sigmoid")
    with pytest.raises(ValueError):
        LSTM(3, 4, gate_activation="tanh")
    with pytest.raises(ValueError):
        make_model("transformer", 3, 4)
    with pytest.raises(ValueError):
        RNN(3, 4).forward(np.zeros((2, 1, 5)))
    with pytest.raises(ValueError):
        RNN(3, 4).forward(np.zeros((2, 1, 3)), np.zeros((2, 1, 4)))


def test_linear_output_layer(rng):
    head = Linear(4, 2, seed=0)
    H = rng.standard_normal((5, 3, 4))
    O, cache = head.forward(H)  # noqa: E741
    d2l = head.to_d2l()
    np.testing.assert_allclose(O, H @ d2l["W_hq"] + d2l["b_q"], atol=1e-14)
    dO = rng.standard_normal(O.shape)
    g = head.backward(cache, dO)
    np.testing.assert_allclose(g["weight"], np.einsum("tbq,tbh->qh", dO, H), atol=1e-12)
    np.testing.assert_allclose(g["X"], dO @ head.params["weight"], atol=1e-12)
    assert head.num_params() == 10


def test_numerics_limits_blas_threads_only_inside():
    def blas_threads():
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()
    with numerics():
        assert all(n == 1 for n in blas_threads())
    assert blas_threads() == before
