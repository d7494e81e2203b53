"""Round 6 (proofs-g): the mutations that survived proofs review round 5 (reports/proofreview5.txt) now fail the
proof they break; the unmutated proof passes on the same seed. Items 1, 3, 7, 8 of that report."""

from __future__ import annotations

import pytest

from rnnquiz.proofs.result import loc
from rnnquiz.proofs.runner import run_proof

from .mutants import patch_source


def _failed(pid: str, seed: int = 0, quick: bool = True, **params) -> set[str]:
    r = run_proof(pid, seed=seed, quick=quick, params=params or None)
    return {loc(c.name) for c in r.checks if not c.passed}


# ---------------------------------------------------------------- item 1: cell-jacobian sees the H_(t−1) path

CJ_FULL = "backward through the gates: ∂C_2/∂C_0 over two steps, H_1 = O_1 ⊙ tanh(C_1), equals finite differences"


@pytest.mark.parametrize(("old", "new"), [
    ("np.matmul(dA[t], W_hh, out=dh)", "dh[...] = 0.0"),  # the H_(t−1) path cut out of the backward
    ("dc += np.multiply(dh, OdT[t], out=tmp)", "pass"),  # δc += δh ⊙ O ⊙ tanh′(C) dropped
])
@pytest.mark.parametrize("seed", [0, 7])
def test_cell_jacobian_fails_when_backward_loses_the_hidden_path(monkeypatch, old, new, seed):
    from rnnquiz.models.lstm import LSTM

    assert _failed("cell-jacobian", seed=seed) == set()
    patch_source(monkeypatch, LSTM, "_layer_backward", old, new)
    assert CJ_FULL in _failed("cell-jacobian", seed=seed)


# ---------------------------------------------------------------- item 3: a sigmoid candidate fails gate-activations

GA_TANH = "tanh candidate (the LSTM's default): a write can decrease the cell, I_t ⊙ C̃_t < 0, on every seed"
GA_SIG = "σ candidate: a write never decreases the cell (I_t ⊙ C̃_t ≥ 0 everywhere)"


def test_gate_activations_fails_for_an_lstm_whose_candidate_is_sigmoid(monkeypatch):
    """The reviewer's mutant: LSTM's default candidate_activation set to "sigmoid" passed every check."""
    from rnnquiz.models.lstm import LSTM

    assert _failed("gate-activations") == set()
    monkeypatch.setattr(LSTM.__init__, "__kwdefaults__", {**LSTM.__init__.__kwdefaults__, "candidate_activation": "sigmoid"})
    assert _failed("gate-activations") == {GA_TANH}


def test_gate_activations_fails_when_the_sigmoid_candidate_is_not_one(monkeypatch):
    """The control must be a real σ candidate: a 'sigmoid' that is tanh writes negative values and fails its check."""
    from rnnquiz.models import lstm

    original = lstm.activation
    monkeypatch.setattr(lstm, "activation", lambda name: original("tanh" if name == "sigmoid" else name))
    failed = _failed("gate-activations")
    assert GA_SIG in failed and GA_TANH not in failed


# ---------------------------------------------------------------- item 7: spectral-radius sees a transposed backward

SR_FD = ("the model's own BPTT through a non-normal W_hh equals finite differences, k = 10 "
         "(δ_(t−1) = δ_t J_tᵀ, not J_t)")


@pytest.mark.parametrize("params", [{}, {"rho": 0.9, "k": 50}])  # the proof's default and bptt-linear-decay's numbers
def test_spectral_radius_fails_for_a_backward_through_w_hh_instead_of_its_transpose(monkeypatch, params):
    """Norms of ρ·Q, ρ·Qᵀ and I are the same: only a vector check on a non-normal W_hh tells them apart."""
    from rnnquiz.models.rnn import RNN

    assert _failed("spectral-radius", **params) == set()
    patch_source(monkeypatch, RNN, "_layer_backward", "np.matmul(dA[t], W_hh, out=dh)", "np.matmul(dA[t], W_hh.T, out=dh)")
    assert _failed("spectral-radius", **params) == {SR_FD}


# ---------------------------------------------------------------- item 8: batchnorm's stored statistics are per step

BN_PER_STEP = "…the stored statistics are per step: on their own batch they reproduce training mode's H"


def test_batchnorm_fails_when_inference_reuses_step_one_statistics(monkeypatch):
    from rnnquiz.proofs.experiments.nets import BNLSTM

    assert _failed("batchnorm") == set()
    patch_source(monkeypatch, BNLSTM, "forward", "stats[t]", "stats[0]")  # both terms, every step
    assert BN_PER_STEP in _failed("batchnorm")
