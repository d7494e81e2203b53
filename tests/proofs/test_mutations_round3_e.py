"""Round 3 (proofs-e): each proof fails when the claim it shows is made false.

Every test breaks the piece of the model or experiment a claim is about (a BiRNN whose backward direction
reads its input in forward order, an LSTM whose H is not squashed, a clip that does nothing, …) and asserts
that the check showing that claim fails; the unmutated proofs pass on the same seed.
"""

from __future__ import annotations

import numpy as np
import pytest

from rnnquiz.models.gru import GRU
from rnnquiz.models.lstm import LSTM
from rnnquiz.models.rnn import RNN
from rnnquiz.proofs.runner import run_proof

from .mutants import birnn_forward_only


def _failed(pid: str, seed: int = 0, **params) -> set[str]:
    r = run_proof(pid, seed=seed, quick=True, params=params or None)
    return {c.name if isinstance(c.name, str) else c.name["en"] for c in r.checks if not c.passed}


# ---------------------------------------------------------------- item 1: BiRNN alignment


def backward_reads_forward_order(monkeypatch) -> None:
    """The reverse direction is handed x_1 … x_T in forward order (its outputs are still flipped back, so
    output[0, :, h:] is the state after x_T and equals h_n's backward row: the shapes and that equality hold)."""
    for cls in (RNN, GRU, LSTM):
        original = cls._layer_forward

        def forward_order(self, XW, *a, _original=original, **k):
            if XW.strides[0] < 0:  # the reverse direction is called with the view XW[::-1]
                XW = XW[::-1]
            return _original(self, XW, *a, **k)

        monkeypatch.setattr(cls, "_layer_forward", forward_order)


def backward_not_flipped_back(monkeypatch) -> None:
    """The reverse direction reads x_T … x_1 but its states are left in processing order (output[t] holds
    the state after reading x_T … x_(T−t), not ←H_t)."""
    from rnnquiz.models import recurrent

    monkeypatch.setattr(recurrent, "_flip", lambda c: c)


ALIGN = "←H_t sees only x_t … x_T: x_s moves no ←H_t with t > s"
REACH = "x_s enters both halves at step s and moves ←H_(s−1) and →H_(s+1) next"
BIRNN_PROOFS = [("birnn-future", {}), ("birnn-future", {"T": 40, "B": 4, "h": 128}), ("birnn-final-state", {}),
                ("output-shapes", {}), ("output-shapes", {"cell": "gru", "layers": 1}),
                ("output-shapes", {"cell": "rnn", "layers": 3, "T": 30})]


@pytest.mark.parametrize(("pid", "params"), BIRNN_PROOFS)
def test_birnn_proofs_pass_unmutated(pid, params):
    for seed in (0, 7):
        assert _failed(pid, seed, **params) == set()


@pytest.mark.parametrize(("pid", "params"), BIRNN_PROOFS)
def test_backward_direction_in_forward_order_fails_every_birnn_proof(monkeypatch, pid, params):
    backward_reads_forward_order(monkeypatch)
    failed = _failed(pid, **params)
    assert ALIGN in failed and REACH in failed, failed


@pytest.mark.parametrize(("pid", "params"), BIRNN_PROOFS)
def test_backward_states_not_flipped_back_fails_every_birnn_proof(monkeypatch, pid, params):
    backward_not_flipped_back(monkeypatch)
    assert ALIGN in _failed(pid, **params)


def test_the_mutant_keeps_what_the_old_checks_looked_at(monkeypatch):
    """The forward-order mutant is the one the old proofs missed: shapes, width 2h, h_n[1] == output[0, :, h:]
    and "←H_1 sees x_T" all still hold under it."""
    model = GRU(3, 4, bidirectional=True, seed=0)
    X = np.random.default_rng(0).standard_normal((6, 2, 3))
    true_Y = model.forward(X)[0]
    backward_reads_forward_order(monkeypatch)
    Y, h_n, _ = model.forward(X)
    assert np.array_equal(Y[:, :, :4], true_Y[:, :, :4]) and np.abs(Y[:, :, 4:] - true_Y[:, :, 4:]).max() > 1e-3
    assert Y.shape == (6, 2, 8) and np.array_equal(h_n[1], Y[0, :, 4:])
    Xp = X.copy()
    Xp[-1] += 1
    assert np.abs(model.forward(Xp)[0][0, :, 4:] - Y[0, :, 4:]).max() > 0
    old = {"BiRNN backward half sees x_T at t=1", "BiRNN output width is 2h"}
    assert not old & _failed("birnn-future")


def test_forward_only_copy_fails_the_alignment(monkeypatch):
    from rnnquiz.proofs.experiments import rnn

    monkeypatch.setattr(rnn, "BiRNN", birnn_forward_only(rnn.BiRNN))
    assert ALIGN in _failed("birnn-future")


def test_final_backward_state_is_one_reverse_step_from_h2(monkeypatch):
    backward_reads_forward_order(monkeypatch)
    assert "h_n[1] = the reverse cell's step from ←H_2 on x_1 (the last input it reads)" in _failed("birnn-final-state")


# ---------------------------------------------------------------- item 2: C unbounded, H bounded


BOUNDED = "…while H_t = O_t ⊙ tanh(C_t) stays in (−1, 1) on the same run"
UNBOUNDED = "the memory cell leaves (−1, 1): max |C_t| > 2 with I ≈ F ≈ 1"


def test_gate_ranges_measures_c_past_1_and_h_inside():
    r = run_proof("gate-ranges", seed=0, quick=True)
    names = {c.name if isinstance(c.name, str) else c.name["en"]: c for c in r.checks}
    assert names[UNBOUNDED].passed and names[UNBOUNDED].margin >= 2
    assert names[BOUNDED].passed


def test_h_equal_o_times_c_fails_gate_ranges(monkeypatch):
    """H_t = O_t ⊙ C_t (no tanh on the cell): H leaves (−1, 1) with C."""
    from rnnquiz.models import lstm

    monkeypatch.setattr(lstm, "_tanh", lambda x, out: np.copyto(out, x))
    assert BOUNDED in _failed("gate-ranges")


def test_forget_gate_that_leaks_fails_the_cell_growth(monkeypatch):
    """F ≈ 0 (pre-activation −50): C_t = I ⊙ C̃_t each step, |C| < 1, a cell that cannot accumulate."""
    original = LSTM._layer_forward

    def leaky(self, XW, W_hh, b_hh, state0):
        h = XW.shape[-1] // 4
        XW[:, :, h:2 * h] = -50.0  # F = σ(−50 + …) ≈ 0
        return original(self, XW, W_hh, b_hh, state0)

    monkeypatch.setattr(LSTM, "_layer_forward", leaky)
    assert UNBOUNDED in _failed("gate-ranges")


# ---------------------------------------------------------------- item 3: σ′ peaks at 0


SIG_MAX = "σ′ is largest at x = 0 (grid −10 … 10, step 0.01)"
SIG_BELOW = "σ′(x) < σ′(0) = 0.25 everywhere else on the grid, by more than the differencing error"


def test_a_sigmoid_with_slope_quarter_at_0_but_steeper_elsewhere_fails(monkeypatch):
    """f(x) = σ(x) + 0.1·x³·e^(−x²): f′(0) = 0.25 and f′(0)·4 = tanh′(0) still hold (the old checks), but
    f′(0.7) ≈ 0.28: 0.25 is not the maximum."""
    from rnnquiz.proofs.experiments import gates

    sig = gates.sigmoid
    monkeypatch.setattr(gates, "sigmoid", lambda x: sig(x) + 0.1 * np.asarray(x) ** 3 * np.exp(-np.asarray(x) ** 2))
    failed = _failed("gate-activations")
    assert SIG_MAX in failed and SIG_BELOW in failed
    assert "σ′(0) = 0.25" not in failed and "tanh′(0) = 1: 4× the gradient near 0" not in failed


def test_a_flat_topped_derivative_fails_the_strict_maximum(monkeypatch):
    """σ′ = 0.25 on a plateau around 0 (a clipped ramp there): the maximum is no longer strict."""
    from rnnquiz.proofs.experiments import gates

    sig = gates.sigmoid
    monkeypatch.setattr(gates, "sigmoid", lambda x: np.where(np.abs(x) < 0.5, 0.5 + 0.25 * np.asarray(x),
                                                             sig(np.asarray(x) - np.sign(x) * 0.5)))
    assert SIG_BELOW in _failed("gate-activations")


# ---------------------------------------------------------------- item 4: the reset gate in both GRU forms


def _reset_gate_fixed_at(monkeypatch, value: float) -> None:
    """R ≡ σ(value) in both GRU forms (the r block of the projected input overwritten: 1e4 → R = 1,
    −1e4 → R = 0, the gate removed)."""
    original = GRU._layer_forward

    def fixed(self, XW, W_hh, b_hh, state0):
        h = XW.shape[-1] // 3
        XW[:, :, :h] = value - b_hh[:h]  # reset-after adds b_hr afterwards; reset-before adds all of b_hh
        return original(self, XW, W_hh, b_hh, state0)

    monkeypatch.setattr(GRU, "_layer_forward", fixed)


@pytest.mark.parametrize(("value", "check"), [
    (-1e4, "…only through the reset gate: with R = 1 both forms agree"),  # R ≡ 0: the forms differ by b_hn alone
    (1e4, "GRU forms differ with the same weights"),  # R ≡ 1: one formula, no difference at all
])
def test_gru_without_a_reset_gate_fails_conventions(monkeypatch, value, check):
    assert _failed("conventions") == set()
    _reset_gate_fixed_at(monkeypatch, value)
    assert check in _failed("conventions")


# ---------------------------------------------------------------- item 5: clipping in lstm-explode


CLIP_NORM = "clip_grad_norm brings the global norm to max_norm"
CLIP_DIR = "…and keeps the gradient's direction"


def test_lstm_explode_clips_unmutated():
    assert _failed("lstm-explode") == set()


def test_a_no_op_clip_fails_lstm_explode(monkeypatch):
    from rnnquiz.models import optim

    monkeypatch.setattr(optim, "clip_grad_norm", lambda grads, max_norm, keys=None: optim.global_norm(grads, list(grads)))
    assert CLIP_NORM in _failed("lstm-explode")


def test_clipping_each_element_instead_of_the_norm_fails_lstm_explode(monkeypatch):
    """Clip by value, then rescale to max_norm: the norm is right but the direction turns."""
    from rnnquiz.models import optim

    def by_value(grads, max_norm, keys=None):
        norm = optim.global_norm(grads, list(grads))
        optim.clip_grad_value(grads, 1e-3 * norm)
        now = optim.global_norm(grads, list(grads))
        for k in grads:
            grads[k] *= max_norm / now
        return norm

    monkeypatch.setattr(optim, "clip_grad_norm", by_value)
    failed = _failed("lstm-explode")
    assert CLIP_DIR in failed and CLIP_NORM not in failed


# ---------------------------------------------------------------- item 6: weight sharing, counted per run


def test_an_rnn_with_a_weight_per_step_fails_weight_sharing(monkeypatch):
    """A model that allocates its own W_hh copy for every step of the input it is run on (an unrolled,
    untied network): what a run trains grows with T, even if num_params does not say so."""
    original_forward, original_backward = RNN.forward, RNN.backward

    def forward(self, X, *a, **k):
        for t in range(np.asarray(X).shape[0]):
            self.params.setdefault(f"weight_hh_step{t}", self.params["weight_hh_l0"].copy())
        return original_forward(self, X, *a, **k)

    def backward(self, cache, *a, **k):
        steps = {n: v for n, v in self.params.items() if n.startswith("weight_hh_step")}
        for n in steps:
            del self.params[n]
        try:
            out = original_backward(self, cache, *a, **k)
        finally:
            self.params |= steps
        return out | {n: np.zeros_like(v) for n, v in steps.items()}

    monkeypatch.setattr(RNN, "forward", forward)
    monkeypatch.setattr(RNN, "backward", backward)
    # …and whose num_params reports only what it had when built (the old check read num_params alone)
    monkeypatch.setattr(RNN, "num_params", lambda self, convention="double": sum(
        v.size for n, v in self.params.items() if not n.startswith("weight_hh_step")))
    assert "parameter count does not depend on T: h·d + h² + 2h" in _failed("weight-sharing")


def test_weight_sharing_unmutated_passes_and_counts_each_run():
    r = run_proof("weight-sharing", seed=3, quick=True)
    assert r.passed
    row = dict((n if isinstance(n, str) else n["en"], v) for n, v in r.rows)["scalars with a gradient after the run"]
    assert row == [3 * 8 + 64 + 16] * 3


def test_a_clip_that_always_rescales_fails_lstm_explode(monkeypatch):
    """Normalising every gradient to max_norm (also small ones) is not clipping."""
    from rnnquiz.models import optim

    def always(grads, max_norm, keys=None):
        norm = optim.global_norm(grads, list(grads))
        for k in grads:
            grads[k] *= max_norm / norm
        return norm

    monkeypatch.setattr(optim, "clip_grad_norm", always)
    failed = _failed("lstm-explode")
    assert failed == {"a gradient already below max_norm is left exactly as it was"}, failed


# ---------------------------------------------------------------- same class: io-patterns read the right inputs


def test_io_patterns_pass_at_question_extremes():
    for params in ({"T": 60, "B": 2, "q": 5}, {"T": 1, "T_out": 40, "B": 2, "q": 20}, {"T": 30, "T_out": 5, "B": 2, "q": 50}):
        assert _failed("io-patterns", **params) == set()


def test_many_to_one_on_the_first_state_fails_io_patterns(monkeypatch):
    """A 'final state' that is h_1: the classifier's output has the right shape but ignores x_T."""
    original = RNN.forward

    def first_state(self, X, *a, **k):
        Y, state, cache = original(self, X, *a, **k)
        return Y, Y[:1].copy(), cache

    monkeypatch.setattr(RNN, "forward", first_state)
    assert "many-to-one reads the last state: its output moves with x_T" in _failed("io-patterns")


def test_a_tagger_that_looks_ahead_fails_io_patterns(monkeypatch):
    """O_t computed from the states in reverse time order: same shape, but O_t then reads later inputs."""
    original = RNN.forward

    def reversed_states(self, X, *a, **k):
        Y, state, cache = original(self, X, *a, **k)
        return Y[::-1].copy(), state, cache

    monkeypatch.setattr(RNN, "forward", reversed_states)
    assert "many-to-many (aligned): O_t reads x_1 … x_t only; x_4 moves no O_t with t < 4" in _failed("io-patterns")


def test_a_decoder_that_ignores_the_encoder_fails_io_patterns(monkeypatch):
    from rnnquiz.proofs.experiments import nets, rnn

    class Deaf(nets.EncoderDecoder):
        def forward(self, X, T_out):
            Y, ctx = super().forward(np.zeros_like(X), T_out)
            return Y, ctx

    monkeypatch.setattr(rnn, "EncoderDecoder", Deaf)
    failed = _failed("io-patterns")
    assert "…and its first output step reads the whole input through the context (moves with x_T)" in failed


def test_forward_order_backward_fails_the_every_step_probe(monkeypatch):
    """Under the forward-order mutant x_T reaches only output[0, :, h:]: the probe sees ←H_2 … ←H_T unmoved."""
    backward_reads_forward_order(monkeypatch)
    for params in ({}, {"T": 40, "B": 2, "h": 8}):
        assert "probe W_hh=I: x_s moves every ←H_t with t ≤ s and every →H_t with t ≥ s" in _failed("birnn-future", **params)
