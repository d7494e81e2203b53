"""The demo models: built weights that solve the task, inputs and weights that ignore --steps, gradients
carried back by hand that agree with the models' own BPTT."""

from __future__ import annotations

import numpy as np
import pytest

from rnnquiz.demo import built, task
from rnnquiz.demo.trace import trace
from rnnquiz.models.functional import sigmoid


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_gated_models_reach_the_task_on_held_out_sequences(kind):
    dm = built.make(kind)
    assert built.accuracy(dm, seed=7, steps=8) >= 0.99
    assert built.accuracy(dm, seed=8, steps=16) >= 0.95  # longer than the 8 steps the readout was fitted on


def test_rnn_on_the_same_task_forgets():
    rnn = built.accuracy(built.make("rnn"), seed=7, steps=8)
    lstm = built.accuracy(built.make("lstm"), seed=7, steps=8)
    assert rnn < 0.4 < 0.99 <= lstm  # near chance: it has no gate to keep the marked value


def test_random_models_do_not_solve_the_task():
    assert built.accuracy(built.make("lstm", random=True, seed=3), seed=7) < 0.5


def test_built_gates_are_the_derived_values():
    tr = trace("lstm", steps=8, seed=0)
    p = tr.marker - 1
    open_, shut = float(sigmoid(np.array(built.K))), float(sigmoid(np.array(-built.K)))
    assert tr.steps[p].values["I"][0] == pytest.approx(open_)  # the input gate opens at the marker …
    assert tr.steps[p].values["F"][0] == pytest.approx(shut)  # … and the forget gate lets go there
    for st in tr.steps:
        if st.t != tr.marker:
            assert st.values["I"][0] == pytest.approx(shut) and st.values["F"][0] == pytest.approx(open_)
        assert st.values["O"][0] == pytest.approx(open_ if st.t == tr.length else shut)  # only at the query
    assert tr.steps[p].parts["I"][0] == pytest.approx((2 * built.K, 0.0, -built.K))


def test_inputs_and_weights_do_not_depend_on_steps():
    X5, p5 = task.sequence(5, 5)
    X12, p12 = task.sequence(5, 12)
    assert np.array_equal(X5[:, :, 0], X12[:5, :, 0])  # the same values, step for step
    a = built.make("lstm", random=True, seed=5)
    short, long_ = trace("lstm", steps=5, seed=5, random=True), trace("lstm", steps=12, seed=5, random=True)
    assert short.weights == long_.weights
    assert short.weights == {k: v.tolist() for k, v in a.d2l.items()} | {"W_hq": a.readout[0].tolist(), "b_q": a.readout[1]}
    assert short.steps[0].values == long_.steps[0].values  # the past does not depend on the future length
    assert trace("lstm", steps=5, seed=6, random=True).weights != short.weights


def test_the_marker_does_not_move_with_steps():
    for seed in range(60):
        places = {task.sequence(seed, n)[1] for n in range(task.MIN_STEPS, task.MAX_STEPS + 1)}
        assert len(places) == 1, (seed, places)
    with pytest.raises(ValueError):
        task.sequence(0, task.MIN_STEPS - 1)  # too short to hold the marker where the draw put it


def test_birnn_backward_state_at_step_1_knows_the_last_input():
    tr = trace("birnn", steps=8, seed=0)
    first = tr.steps[0].keep
    assert first["last_fwd"] == [0.0]  # the forward direction has not seen x_T yet: exactly zero
    assert first["last_bwd"][0] > 0.05
    # and the counterfactual agrees: change the last value, ←H_1 moves, →H_1 does not
    dm = built.make("birnn")
    X, _ = task.sequence(0, 8)
    Y = X.copy()
    Y[-1, 0, 0] = -Y[-1, 0, 0]
    a, b = dm.model.forward(X)[0][0, 0], dm.model.forward(Y)[0][0, 0]  # H_1 = [→H_1, ←H_1]
    assert abs(a[0] - b[0]) < 1e-12 and abs(a[1] - b[1]) > 0.01


def test_rnn_state_forgets_the_marked_value_and_the_lstm_cell_keeps_it():
    rnn, lstm = trace("rnn", steps=8, seed=0), trace("lstm", steps=8, seed=0)
    p = rnn.marker - 1
    k_rnn = [st.keep["H"][0] for st in rnn.steps[p:]]
    k_lstm = [st.keep["C"][0] for st in lstm.steps[p:]]
    assert all(b < a for a, b in zip(k_rnn, k_rnn[1:], strict=False))  # fades every step
    assert k_rnn[-1] < 0.6 * k_rnn[0]
    assert k_lstm[-1] > 0.95 * k_lstm[0]


@pytest.mark.parametrize("random", [False, True])
def test_bptt_by_hand_equals_the_models_backward(random):
    """∂y/∂H_t (RNN) and ∂y/∂C_t (LSTM) from the demo's loop vs the library's BPTT run from step t."""
    T = 10
    tr = trace("bptt", steps=T, seed=2, random=random, hidden=3)
    X, _ = task.sequence(2, T)
    by_t = {st.t: st.grads for st in tr.steps}
    rnn = built.make("rnn", random=random, hidden=3, seed=2)
    lstm = built.make("lstm", random=random, hidden=3, seed=2)
    Hr, _, _ = rnn.model.forward(X)
    _, _, lc = lstm.model.forward(X)
    L = lc["layers"]["l0"]
    for t in (3, 7):  # 1-based: start the library models from the state after step t
        dY = np.zeros((T - t, 1, rnn.model.hidden_size))
        dY[-1, 0] = rnn.readout[0]
        _, _, cache = rnn.model.forward(X[t:], Hr[t - 1][None])
        g = rnn.model.backward(cache, dY)
        assert np.allclose(g["h0"][0, 0], by_t[t]["rnn"]["dH"], atol=1e-10)
        dY[-1, 0] = lstm.readout[0]
        _, _, cache = lstm.model.forward(X[t:], (L["H"][t - 1][None], L["C"][t - 1][None]))
        g = lstm.model.backward(cache, dY)
        O, tC = L["O"][t - 1, 0], np.tanh(L["C"][t - 1, 0])
        total_dC = g["c0"][0, 0] + g["h0"][0, 0] * O * (1 - tC ** 2)  # C_t also reaches y through H_t
        assert np.allclose(total_dC, by_t[t]["lstm"]["dC"], atol=1e-10)


def test_bptt_rnn_vanishes_and_lstm_holds_back_to_the_marker():
    tr = trace("bptt", steps=16, seed=0)
    rnn = [st.grads["rnn"]["norm"] for st in tr.steps]  # from t = T back to 1
    lstm = {st.t: st.grads["lstm"]["norm"] for st in tr.steps}
    assert rnn[-1] < 1e-3 * rnn[0]
    assert lstm[tr.marker] > 0.9 * lstm[tr.length]  # the cell carries it back to the marker
