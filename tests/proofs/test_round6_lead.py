"""Proofs review round 6 (on 8c3bd00), the lead's fixes: rnn-state-size's proof measures that the carried state
does not grow with T (#4). Each test breaks the model the way the claim would be false and asserts the check fails."""

from __future__ import annotations

import numpy as np
import pytest

from rnnquiz.models.rnn import RNN
from rnnquiz.proofs.result import loc
from rnnquiz.proofs.runner import run_proof

SIZE = "the state is h = 8 numbers per sample at T=10 and at T=10,000"
STREAM = "carrying only that state, 10,000 steps in chunks of 10 end where one pass ends"


def _failed(pid: str, seed: int = 0, quick: bool = True) -> set[str]:
    return {loc(c.name) for c in run_proof(pid, seed=seed, quick=quick).checks if not c.passed}


def _names(pid: str) -> set[str]:
    return {loc(c.name) for c in run_proof(pid, seed=0, quick=True).checks}


def test_the_memory_proof_measures_the_state_size_and_passes() -> None:
    assert {SIZE, STREAM} <= _names("memory")
    assert _failed("memory") == set()


def test_a_state_that_keeps_the_whole_history_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """An 'RNN' whose carried state is every h_t so far (what the claim says an RNN does not do)."""
    forward = RNN.forward

    def hoarding(self, X, state0=None):
        H, state, cache = forward(self, X, None if state0 is None else state0[-1:])  # (layers, B, h)
        past = np.concatenate([state0, H]) if state0 is not None else H
        return H, past, cache

    monkeypatch.setattr(RNN, "forward", hoarding)
    assert SIZE in _failed("memory")


def test_a_state_that_forgets_between_chunks_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The state handed on is not what the next step reads (a reset at every chunk)."""
    forward = RNN.forward
    monkeypatch.setattr(RNN, "forward", lambda self, X, state0=None: forward(self, X, None))
    assert STREAM in _failed("memory")


ZERO_INPUT = "one-to-many from a zero input: 5 outputs, and they change from step to step"


def test_io_patterns_runs_one_to_many_from_a_zero_input() -> None:
    assert ZERO_INPUT in _names("io-patterns") and _failed("io-patterns") == set()


def test_an_rnn_without_biases_has_nothing_to_generate_from_a_zero_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """#5: with x = 0, h_0 = 0 and no bias every state is 0, so the claim would be false; the check must see it."""
    forward = RNN.forward

    def unbiased(self, X, state0=None):
        for k in self.params:
            if k.startswith("bias"):
                self.params[k] = np.zeros_like(self.params[k])
        return forward(self, X, state0)

    monkeypatch.setattr(RNN, "forward", unbiased)
    assert ZERO_INPUT in _failed("io-patterns")


CHUNG = "Chung form (1 − Z) ⊙ H_{t−1} + Z ⊙ H̃: Z ≈ 0 keeps the old state, Z ≈ 1 takes the candidate"
D2L_OTHER_WAY = "…the d2l/PyTorch form is the other way round: there Z ≈ 1 keeps it"
NEGATED = "Chung's form is the d2l GRU with its update gate negated (σ(−a) = 1 − σ(a))"


def test_conventions_runs_the_chung_form() -> None:
    """#3: gru-update-form-chung asks which Z keeps the state in Chung's form; its proof now runs that form."""
    assert CHUNG in _names("conventions") and _failed("conventions") == set()


def test_a_gru_whose_own_update_is_chungs_fails_the_chung_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the model's own update were Chung's, its Z ≈ 1 would not keep the state and negating its gate would not
    give Chung's form (proofs review round 7 #1: the d2l side was the same computation as Chung's Z ≈ 0)."""
    from rnnquiz.models.gru import GRU

    from .mutants import patch_source

    patch_source(monkeypatch, GRU, "_forward_before", "ht *= a[:, h:2 * h]", "ht *= 1.0 - a[:, h:2 * h]")
    assert {D2L_OTHER_WAY, NEGATED} <= _failed("conventions")


def test_a_chung_update_written_as_the_d2l_one_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Chung side must be Chung's own update: written the d2l way, Z ≈ 0 would take the candidate."""
    from rnnquiz.proofs.experiments import gates

    from .mutants import patch_source

    patch_source(monkeypatch, gates, "_chung_form", "((1.0 - Z) * prev[0] + Z * H_tilde)", "(Z * prev[0] + (1.0 - Z) * H_tilde)")
    assert {CHUNG, NEGATED} <= _failed("conventions")


B_HN = "nn.GRU (reset after): b_hn is not redundant: moving δ from b_in to b_hn changes H"


def test_parameter_count_measures_that_b_hn_is_not_redundant() -> None:
    """#2: practice-double-bias's option c (b_hn sits inside r ⊙ (…)) was measured by nothing."""
    assert B_HN in _names("parameter-count") and _failed("parameter-count") == set()


def test_a_gru_with_b_hn_outside_the_reset_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reviewer's mutant: b_hn moved outside the reset product, where it merges with b_in."""
    from rnnquiz.models.gru import GRU

    from .mutants import patch_source

    # R ⊙ (H W_hn + b_hn) + X W_in + b_hn − R ⊙ b_hn = R ⊙ (H W_hn) + X W_in + b_hn: outside, mergeable with b_in
    patch_source(monkeypatch, GRU, "_forward_after", "n += XW[t, :, 2 * h:]", "n += XW[t, :, 2 * h:] + b_hn - a[:, :h] * b_hn")
    assert B_HN in _failed("parameter-count")


R_OPEN = "…and with the reset gate held open (R = 1) the move changes nothing: r_t is what scales b_hn"


@pytest.mark.parametrize(("old", "new"), [
    ("hn = np.add(hh[:, 2 * h:], b_hn, out=HN[t])", "hn = np.add(hh[:, 2 * h:], 0.0 * b_hn, out=HN[t])"),  # dropped
    ("hn = np.add(hh[:, 2 * h:], b_hn, out=HN[t])", "hn = np.add(hh[:, 2 * h:], 2.0 * b_hn, out=HN[t])"),  # doubled
    ("n = np.multiply(a[:, :h], hn, out=a[:, 2 * h:])",
     "n = np.multiply(a[:, h:2 * h], hn, out=a[:, 2 * h:])"),  # scaled by z, not r
])
def test_a_b_hn_not_scaled_by_r_fails(monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> None:
    """Proofs review round 8: 'moving δ changes H' holds for any wrong b_hn; with R held open it must change nothing."""
    from rnnquiz.models.gru import GRU

    from .mutants import patch_source

    patch_source(monkeypatch, GRU, "_forward_after", old, new)
    assert R_OPEN in _failed("parameter-count")
