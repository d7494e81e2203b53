"""Every proof runs in quick mode with every check passing; and the checks can fail."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from rnnquiz.errors import ExitCode, RnnquizError
from rnnquiz.proofs import registry
from rnnquiz.proofs.result import ProofResult
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
    assert r.id == pid and r.claims == registry.PROOFS[pid].claims
    assert r.setup and r.citation and r.rows
    for c in r.checks:  # every check states the threshold it used
        assert any(op in c.detail for op in ("<", ">", "==", "≤", "≥")), c
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
    failed = {c.name for c in r.checks if not c.passed}
    assert "gates strictly inside (0, 1)" in failed
    r = run_proof("gate-activations", quick=True)
    assert "sigmoid gates: the cell stays bounded" in {c.name for c in r.checks if not c.passed}


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
