"""Every proof runs in quick mode with every check passing; and the checks can fail."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from rnnquiz.errors import ExitCode, RnnquizError
from rnnquiz.proofs import registry
from rnnquiz.proofs.result import ProofResult, loc
from rnnquiz.proofs.runner import resolve, run_proof

IDS = list(registry.PROOFS)
_CACHE: dict[str, ProofResult] = {}


def quick(pid: str) -> ProofResult:
    if pid not in _CACHE:
        _CACHE[pid] = run_proof(pid, seed=0, quick=True)
    return _CACHE[pid]


def test_no_proof_is_pending():
    assert registry.pending() == []
    for pid in IDS:
        assert callable(resolve(pid)), pid
        assert registry.PROOFS[pid].target.startswith("rnnquiz.proofs.experiments."), pid


@pytest.mark.parametrize("pid", IDS)
def test_every_check_passes_in_quick_mode(pid):
    r = quick(pid)
    failed = [f"{c.name}: {c.detail}" for c in r.checks if not c.passed]
    assert not failed, failed
    assert r.checks, "a proof without checks proves nothing"
    # --quick may drop what it did not run (long-range trains no LSTM: no L1), never add a claim
    assert r.id == pid and set(r.claims) <= set(registry.PROOFS[pid].claims) and r.claims
    assert r.setup and r.citation and r.rows
    for c in r.checks:  # every check states the threshold it used, in each language
        for detail in (c.detail.values() if isinstance(c.detail, dict) else [c.detail]):
            assert any(op in detail for op in ("<", ">", "==", "≤", "≥")), c
    doc = json.loads(json.dumps(r.to_json()))
    assert set(doc) >= {"id", "claims", "setup", "figures", "checks", "citation", "seconds"}
    assert all(isinstance(v, (int, float, str)) or v is None for v in doc["figures"].values())


@pytest.mark.parametrize("pid", [p for p, s in registry.PROOFS.items() if s.runtime == "instant"])
def test_instant_proofs_are_fast(pid):
    # The budget is < 1 s each on the 2-core machine; 3 s here leaves room for a loaded CI box.
    assert quick(pid).seconds < 3.0


def test_unknown_proof_is_a_usage_error():
    with pytest.raises(RnnquizError) as exc:
        run_proof("no-such-proof")
    assert exc.value.exit_code == ExitCode.USAGE


def test_same_seed_same_figures():
    a, b = run_proof("memory", seed=3), run_proof("memory", seed=3)
    assert a.figures == b.figures
    assert run_proof("memory", seed=4).figures != a.figures


# ------------------------------------------------------------------ the checks can fail


def test_swapped_gate_activation_fails_the_range_and_activation_checks(monkeypatch):
    from rnnquiz.models import functional

    monkeypatch.setitem(functional.ACTIVATIONS, "sigmoid", functional.ACTIVATIONS["relu"])
    r = run_proof("gate-ranges", quick=True)
    failed = {loc(c.name) for c in r.checks if not c.passed}
    assert "gates strictly inside (0, 1)" in failed
    r = run_proof("gate-activations", quick=True)
    assert "sigmoid gates: the cell stays bounded, far below the bound |C_t| ≤ t" in {loc(c.name) for c in r.checks if not c.passed}


def test_clipping_off_fails_the_clipping_checks(monkeypatch):
    from rnnquiz.models.optim import global_norm
    from rnnquiz.proofs.experiments import bptt

    monkeypatch.setattr(bptt, "clip_grad_norm", lambda grads, max_norm, keys=None: global_norm(grads, keys))
    r = run_proof("clipping-explode", quick=True)
    failed = {c.name for c in r.checks if not c.passed}
    assert "with clipping every update ≤ lr·θ" in failed
    assert not r.passed


def test_wrong_backward_fails_the_gradient_checks(monkeypatch):
    from rnnquiz.models.rnn import RNN

    original = RNN._layer_backward

    def wrong(self, *args, **kwargs):  # a 0.1 % error in ∂L/∂W_hh
        dXW, dW_hh, db_hh, dstart = original(self, *args, **kwargs)
        return dXW, dW_hh * 1.001, db_hh, dstart

    monkeypatch.setattr(RNN, "_layer_backward", wrong)
    r = run_proof("bptt-gradcheck", quick=True)
    assert "RNN (tanh): BPTT = centred differences" in {c.name for c in r.checks if not c.passed}
    r = run_proof("weight-sharing", quick=True)
    assert not r.passed


def test_result_figures_flatten_the_table():
    r = ProofResult(id="x", title={"en": "t", "zh": "t"}, claims=("R1",))
    r.table("a", "b")
    r.row("m", 1.0, np.float64(2.5))
    r.row("n", None, float("inf"))
    assert r.figures == {"m [a]": 1.0, "m [b]": 2.5, "n [a]": None, "n [b]": math.inf}
    assert r.to_json()["figures"]["n [b]"] == "inf"
    assert not r.check_lt("c", float("nan"), 1.0)  # NaN never passes
    assert not r.passed


def test_feedforward_backward_matches_finite_differences():
    from rnnquiz.models.gradcheck import numerical_gradient, rel_error
    from rnnquiz.proofs.experiments.nets import FeedForward

    rng = np.random.default_rng(0)
    net, X, P = FeedForward(3, 5, 2, seed=1), rng.standard_normal((4, 3)), rng.standard_normal((4, 2))
    Y, cache = net.forward(X)
    grads = net.backward(cache, P)

    def loss():
        return float(np.sum(P * net.forward(X)[0]))

    for name, p in net.params.items():
        assert rel_error(grads[name], numerical_gradient(loss, p)) < 1e-7, name
    assert rel_error(grads["X"], numerical_gradient(loss, X)) < 1e-7


def test_conv_stack_receptive_field():
    from rnnquiz.proofs.experiments.nets import CausalConvStack

    conv = CausalConvStack(2, 4, kernel=3, layers=2, seed=0)
    assert conv.receptive_field == 5
    X = np.random.default_rng(0).standard_normal((10, 1, 2))
    Xp = X.copy()
    Xp[4] += 1.0  # distance 5 from the last step: outside
    assert np.array_equal(conv.forward(X)[-1], conv.forward(Xp)[-1])
    Xp[5] += 1.0  # distance 4: inside
    assert not np.array_equal(conv.forward(X)[-1], conv.forward(Xp)[-1])


# ------------------------------------------------------------------ mutations of the new experiments

def _failed(pid, **params):
    r = run_proof(pid, quick=True, params=params or None)
    return {c.name if isinstance(c.name, str) else c.name["en"] for c in r.checks if not c.passed}


def test_a_wrong_count_fails_param_count(monkeypatch):
    import numpy as np

    from rnnquiz.models.linear import Linear

    original = Linear.__init__

    def one_too_many(self, in_features, out_features, **kw):  # an output layer with a spare input column
        original(self, in_features, out_features, **kw)
        self.params["weight"] = np.zeros((out_features, in_features + 1))

    monkeypatch.setattr(Linear, "__init__", one_too_many)
    assert "the arrays hold exactly what the formula says" in _failed("parameter-count", q=5)


def test_a_gru_shaped_lstm_state_fails_output_shapes(monkeypatch):
    from rnnquiz.models.lstm import LSTM

    monkeypatch.setattr(LSTM, "_pack_state", lambda self, parts: parts[0])  # c_n dropped
    assert "c_n shape" in _failed("output-shapes")


def test_unflipped_reverse_direction_fails_birnn_final_state(monkeypatch):
    from rnnquiz.models import recurrent

    monkeypatch.setattr(recurrent, "_flip", lambda c: c)  # backward outputs left in processing order
    failed = _failed("birnn-final-state")
    assert "backward final state = output[0, :, h:] (it ends at t=1)" in failed


def test_a_missing_bias_fails_output_layer(monkeypatch):
    from rnnquiz.models.linear import Linear

    monkeypatch.setattr(Linear, "forward", lambda self, H: (H @ self.params["weight"].T, {"H": H}))
    assert "O_t = H_t W_hq + b_q at every step" in _failed("output-layer")


def test_ignoring_k_fails_truncated_bptt(monkeypatch):
    from rnnquiz.models.rnn import RNN

    original = RNN._layer_backward
    monkeypatch.setattr(RNN, "_layer_backward", lambda self, c, W, b, dH, ds, k: original(self, c, W, b, dH, ds, 10 ** 9))
    assert "truncated: the gradient beyond k steps is exactly 0" in _failed("truncated-bptt")


def test_a_missing_detach_fails_the_detach_proof(monkeypatch):
    from rnnquiz.proofs.experiments import truncation

    monkeypatch.setattr(truncation, "_carry_grad", lambda dstate, detach: dstate)  # h.detach() forgotten
    failed = _failed("detach")
    assert {"detach between chunks = truncated BPTT with k",
            "after detach no gradient from later chunks reaches chunk 1"} <= failed


def test_log2_cross_entropy_fails_perplexity(monkeypatch):
    from rnnquiz.models.losses import softmax_cross_entropy
    from rnnquiz.proofs.experiments import training

    def log2_xent(logits, labels):
        loss, grad = softmax_cross_entropy(logits, labels)
        return loss / math.log(2), grad

    monkeypatch.setattr(training, "softmax_cross_entropy", log2_xent)
    assert "uniform model: perplexity = V" in _failed("perplexity")


def test_a_swapped_update_gate_fails_recurrent_dropout(monkeypatch):
    from rnnquiz.models.gru import GRU

    original = GRU._layer_forward

    def swapped(self, XW, W_hh, b_hh, state0):  # the update gate's input negated: Z ↔ 1 − Z at the bias
        h = XW.shape[-1] // 3
        XW = XW.copy()
        XW[:, :, h:2 * h] *= -1
        return original(self, XW, W_hh, b_hh, state0)

    monkeypatch.setattr(GRU, "_layer_forward", swapped)
    assert "one mask per sequence keeps it (the kept units carry H_0 all the way)" in _failed("recurrent-dropout")


def test_a_swapped_input_and_forget_gate_fails_cell_jacobian(monkeypatch):
    from rnnquiz.models.lstm import LSTM

    original = LSTM._layer_forward

    def swapped(self, *args):
        c = original(self, *args)
        return c | {"I": c["F"], "F": c["I"]}  # the gates reported under each other's name

    monkeypatch.setattr(LSTM, "_layer_forward", swapped)
    assert "direct path: ∂C_t/∂C_(t−1) = diag(F_t)" in _failed("cell-jacobian")


def test_a_forget_gate_stuck_open_fails_forget_gate(monkeypatch):
    from rnnquiz.models.lstm import LSTM

    original = LSTM._layer_forward

    def stuck(self, XW, W_hh, b_hh, state0):  # F = 1 whatever the weights: the 1997 cell
        h = XW.shape[-1] // 4
        XW = XW.copy()
        XW[:, :, h:2 * h] += 60.0
        return original(self, XW, W_hh, b_hh, state0)

    monkeypatch.setattr(LSTM, "_layer_forward", stuck)
    assert "with a forget gate it stays bounded" in _failed("forget-gate")


def test_a_backward_without_the_recurrent_path_fails_lstm_explode(monkeypatch):
    from rnnquiz.models.lstm import LSTM

    original = LSTM._layer_backward

    def no_recurrence(self, c, W_hh, b_hh, dH, dstate, k):  # gradient cut after every step
        return original(self, c, W_hh, b_hh, dH, dstate, 1)

    monkeypatch.setattr(LSTM, "_layer_backward", no_recurrence)
    assert any(n.startswith("large recurrent weights") for n in _failed("lstm-explode"))


def test_answers_use_the_question_numbers():
    r = run_proof("parameter-count", params={"cell": "gru", "d": 10, "h": 8, "bias": "single", "q": 3})
    from rnnquiz.bank.generators import param_count

    assert str(param_count("gru", 10, 8, "single", q=3)[0]) in r.answer["en"] and r.passed
    assert "= 9 " in run_proof("receptive-field", params={"layers": 4, "kernel": 3}).answer["en"]
    assert "20×" in run_proof("truncated-bptt", params={"T": 1000, "k": 50}).answer["en"]


def test_every_check_has_a_margin_and_passing_checks_keep_two():
    for pid in IDS:
        r = quick(pid)
        for c in r.checks:
            assert c.margin is not None, (pid, c.name)
            assert c.margin >= 2.0, (pid, c.name, c.margin)
