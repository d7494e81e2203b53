"""Proofs review round 5: an exception inside one experiment stopped `prove --all` with a traceback; a true/false
question printed the answer line its proof wrote for an mcq ("No: …" for a statement that is true)."""

from __future__ import annotations

import pytest

from rnnquiz.proofs import runner
from rnnquiz.proofs.result import loc


def test_an_experiment_that_breaks_is_a_failed_proof_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(seed, quick):
        raise OverflowError("math range error")

    monkeypatch.setattr(runner, "resolve", lambda proof_id: broken)
    result = runner.run_proof("perplexity", seed=0, quick=True)
    assert result.id == "perplexity" and not all(c.passed for c in result.checks)
    assert "OverflowError: math range error" in loc(result.checks[-1].detail)
    assert "OverflowError" in loc(result.checks[-1].detail, "zh")


def test_a_true_statement_is_answered_true(run_cli) -> None:
    r = run_cli("prove", "practice-clip-lstm-lm", "--no-charts", "--quick")
    assert r.returncode == 0, r.stderr
    answer = next(ln for ln in r.stdout.splitlines() if ln.startswith("Answer:"))
    assert answer.startswith("Answer: True"), answer


def test_receptive_field_fails_for_an_rnn_that_forgets_every_12_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Proofs review round 5: only distance L(k−1)+1 was checked, so a fixed 12-step window passed."""
    from rnnquiz.models.rnn import RNN

    from .mutants import patch_source

    first = "RNN: the first input x_1 still moves y_T"
    for layers, kernel in ((3, 3), (4, 3)):  # the proof's default and rnn-conv-receptive-field's numbers
        assert first not in _failed("receptive-field", layers=layers, kernel=kernel)
    patch_source(monkeypatch, RNN, "_layer_forward", "prev = a\n", "prev = a if (t + 1) % 12 else a * 0\n")
    for layers, kernel in ((3, 3), (4, 3)):
        assert first in _failed("receptive-field", layers=layers, kernel=kernel)


def _failed(pid: str, **params) -> set[str]:
    r = runner.run_proof(pid, seed=0, quick=True, params=params or None)
    return {loc(c.name) for c in r.checks if not c.passed}


def test_conventions_fails_when_the_reset_before_gru_loses_its_reset_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Proofs review round 5: `rh = R ⊙ H` → `rh = H` in the reset-before form passed conventions (the R = 1
    agreement holds for any form that ignores R)."""
    from rnnquiz.models.gru import GRU

    from .mutants import patch_source

    name = "reset-before GRU: rows 0:h are the reset gate, inside the candidate only"
    assert not any(n.startswith(name) for n in _failed("conventions"))
    patch_source(monkeypatch, GRU, "_forward_before", "rh = np.multiply(a[:, :h], h_prev, out=RH[t])",
                 "rh = np.multiply(1.0, h_prev, out=RH[t])")
    assert any(n.startswith(name) for n in _failed("conventions"))


@pytest.mark.parametrize("exc", [AttributeError("'NoneType' object has no attribute 'loss'"), RuntimeError("boom"),
                                 TypeError("bad operand")])
def test_any_exception_inside_an_experiment_is_a_failed_proof(monkeypatch: pytest.MonkeyPatch, exc: Exception) -> None:
    """Proofs review round 6 #1: a training that returned None (AttributeError in clipping-vanish) or a
    RuntimeError in gru-reset still ended `prove --all` with a traceback; the runner caught only arithmetic."""
    def broken(seed, quick):
        raise exc

    monkeypatch.setattr(runner, "resolve", lambda proof_id: broken)
    result = runner.run_proof("clipping-vanish", seed=0, quick=True)
    assert not all(c.passed for c in result.checks)
    assert type(exc).__name__ in loc(result.checks[-1].detail)


def test_ctrl_c_inside_an_experiment_still_stops_prove(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(seed, quick):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "resolve", lambda proof_id: interrupted)
    with pytest.raises(KeyboardInterrupt):
        runner.run_proof("clipping-vanish", seed=0, quick=True)
