"""Round-2 mutation tests: each proof below must fail when the thing it claims is taken away.

A proof that still passes with its training replaced by a no-op, its gates swapped or its clipping
removed shows nothing; these tests break one thing each and name the check that must catch it.
"""

from __future__ import annotations

from rnnquiz.proofs.result import loc
from rnnquiz.proofs.runner import run_proof


def _failed(r) -> set[str]:
    return {loc(c.name) for c in r.checks if not c.passed}


# ------------------------------------------------------------------------------ clipping-explode


def test_clipping_explode_passes_as_built():
    r = run_proof("clipping-explode", quick=True)
    assert r.passed, _failed(r)


def test_clipping_explode_fails_with_the_clipped_model_frozen(monkeypatch):
    """Clipping that zeroes the gradient bounds every update trivially: training must be seen to proceed."""
    from rnnquiz.models.optim import global_norm
    from rnnquiz.proofs.experiments import bptt

    def freeze(grads, max_norm, keys=None):
        norm = global_norm(grads, keys)
        for k in list(grads if keys is None else keys):
            grads[k] *= 0.0
        return norm

    monkeypatch.setattr(bptt, "clip_grad_norm", freeze)
    failed = _failed(run_proof("clipping-explode", quick=True))
    assert "with clipping training proceeds: the held-out loss falls below half its start" in failed
    assert "with clipping the model learns: held-out loss below half of predicting the mean" in failed


def test_clipping_explode_fails_with_clipping_removed(monkeypatch):
    from rnnquiz.models.optim import global_norm
    from rnnquiz.proofs.experiments import bptt

    monkeypatch.setattr(bptt, "clip_grad_norm", lambda grads, max_norm, keys=None: global_norm(grads, keys))
    failed = _failed(run_proof("clipping-explode", quick=True))
    assert "with clipping every update ≤ lr·θ" in failed
    assert "with clipping training proceeds: the held-out loss falls below half its start" in failed
    assert "with clipping the model learns: held-out loss below half of predicting the mean" in failed


# ------------------------------------------------------------------------------ clipping-vanish


def test_clipping_vanish_fails_with_training_replaced_by_a_no_op(monkeypatch):
    """Without the GRU control, an RNN that never trains 'still fails the adding problem' too."""
    from rnnquiz.models.train import TrainLog
    from rnnquiz.proofs.experiments import bptt

    def no_op(model, head, batch, steps, **kwargs):
        return TrainLog(losses=[1.0] * steps, grad_norms=[0.0] * steps)

    monkeypatch.setattr(bptt, "train", no_op)
    r = run_proof("clipping-vanish", quick=True)
    assert _failed(r) == {"positive control: a GRU with the same clipping and steps learns it, error ≥ 10× below the RNN's"}



# ------------------------------------------------------------------------------ gru-vs-lstm


def test_gru_vs_lstm_fails_with_a_wrong_count(monkeypatch):
    """A 'GRU' with four gate blocks (an LSTM in disguise) has the LSTM's parameters and per-step work."""
    from rnnquiz.models import LSTM
    from rnnquiz.proofs.experiments import gates

    monkeypatch.setattr(gates, "GRU", lambda d, h, reset_after=False, seed=None: LSTM(d, h, seed=seed))
    failed = _failed(run_proof("gru-vs-lstm", quick=True))
    assert "per-step matrix work: GRU/LSTM = 3/4 exactly" in failed
    assert "single bias (d2l): GRU/LSTM = 3/4 exactly" in failed


# ------------------------------------------------------------------------------ gru-gate-roles (G6)


def test_gru_gate_roles_passes_as_built():
    r = run_proof("gru-gate-roles", quick=True)
    assert r.passed, _failed(r)
    assert r.claims == ("G6",)


def _swap_gates(monkeypatch):
    from rnnquiz.proofs.experiments import gates

    monkeypatch.setattr(gates, "GRU_R", gates.GRU_Z)
    monkeypatch.setattr(gates, "GRU_Z", 0)


def test_gru_gate_roles_quick_fails_with_the_gates_swapped(monkeypatch):
    _swap_gates(monkeypatch)
    failed = _failed(run_proof("gru-gate-roles", quick=True))
    assert "update gate keeping: H_T still depends on x_(T−10), ≥ 1000× more than plain" in failed


def test_gru_gate_roles_trained_part_fails_with_the_gates_swapped(monkeypatch):
    """Swapped, 'no update gate' removes the reset gate: that GRU learns the long task and the check fails."""
    _swap_gates(monkeypatch)
    failed = _failed(run_proof("gru-gate-roles", quick=False))
    assert "long range needs the update gate: without it the error is ≥ 10× the full GRU's" in failed


# ------------------------------------------------------------------------------ long-range


def test_long_range_gives_every_cell_the_same_budget(monkeypatch):
    from rnnquiz.proofs.experiments import gates

    seen = []
    original = gates._fit_adding

    def spy(model, T, B, seed, max_steps, stop_below, chunk=100):
        seen.append((type(model).__name__, max_steps, stop_below, chunk))
        return original(model, T, B, seed, 100, stop_below, chunk)  # short: only the arguments are tested

    monkeypatch.setattr(gates, "_fit_adding", spy)
    run_proof("long-range", quick=False)
    assert [s[0] for s in seen] == ["RNN", "GRU", "LSTM"]
    assert len({s[1:] for s in seen}) == 1, seen


def test_long_range_fails_when_the_rnn_is_a_gated_cell(monkeypatch):
    from rnnquiz.models import GRU
    from rnnquiz.proofs.experiments import gates

    monkeypatch.setattr(gates, "RNN", GRU)
    failed = _failed(run_proof("long-range", quick=True))
    assert "vanilla RNN does not learn it in the same budget" in failed
