"""Round 2 (proofs-b): each proof fails when the claim it shows is made false.

The mutation replaces one piece of the experiment with what a wrong claim would do (padding counted in the
loss, free running instead of teacher forcing, perplexity as an arithmetic mean, the norm instead of the
spectral radius, a swapped update gate), and the check that shows the claim must fail.
"""

from __future__ import annotations

import math

import numpy as np

from rnnquiz.proofs.runner import run_proof

from .mutants import birnn_forward_only


def _failed(pid: str, seed: int = 0, **params) -> set[str]:
    r = run_proof(pid, seed=seed, quick=True, params=params or None)
    return {c.name if isinstance(c.name, str) else c.name["en"] for c in r.checks if not c.passed}


def test_unmutated_proofs_pass():
    for pid in ("padding", "teacher-forcing", "perplexity", "spectral-radius", "gate-ranges", "birnn-future"):
        assert _failed(pid) == set(), pid


def test_padding_counted_in_the_loss_fails_padding(monkeypatch):
    from rnnquiz.proofs.experiments import shapes

    monkeypatch.setattr(shapes, "_real_tokens", lambda lengths, T: np.ones((T, len(lengths))))
    assert "per-sequence averaging weights a short sequence's tokens 10× more" in _failed("padding")


def test_padded_h_n_taken_as_packed_fails_padding(monkeypatch):
    """If "packed" ran through the padding too, it would equal the padded h_n: the check must see that."""
    from rnnquiz.proofs.experiments import shapes

    original = shapes.GRU.forward

    def through_padding(self, X, *a, **k):
        if X.shape[1] == 1 and X.shape[0] < 12:  # a sequence run alone for its own length: pad it back to T
            X = np.concatenate([X, np.zeros((12 - X.shape[0], *X.shape[1:]))])
        return original(self, X, *a, **k)

    monkeypatch.setattr(shapes.GRU, "forward", through_padding)
    failed = _failed("padding")
    assert "padded h_n has run through the padding for shorter sequences" in failed


def test_free_running_instead_of_teacher_forcing_fails(monkeypatch):
    from rnnquiz.proofs.experiments import training

    monkeypatch.setattr(training, "_teacher_forced", training._free_running)
    assert "exposure bias: free running ends far worse than teacher forcing" in _failed("teacher-forcing")


def test_perplexity_as_arithmetic_mean_fails(monkeypatch):
    from rnnquiz.proofs.experiments import training

    def arithmetic(logits, labels):
        z = logits - logits.max(axis=1, keepdims=True)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        return float(np.mean(1.0 / p[np.arange(len(labels)), labels]))

    monkeypatch.setattr(training, "_perplexity", arithmetic)
    assert "mixed branching 2 and 8: the geometric mean 4, not the arithmetic 5" in _failed("perplexity")


def test_perplexity_in_bits_fails(monkeypatch):
    from rnnquiz.models.losses import softmax_cross_entropy
    from rnnquiz.proofs.experiments import training

    monkeypatch.setattr(training, "_perplexity", lambda logits, labels: 2.0 ** softmax_cross_entropy(logits, labels)[0])
    failed = _failed("perplexity")
    assert {"uniform model: perplexity = V", "perplexity = the effective branching (4 possible next tokens → 4)"} <= failed


def test_perplexity_from_the_summed_loss_fails(monkeypatch):
    """exp of the summed (not mean) cross-entropy: every measured perplexity check fails."""
    from rnnquiz.models.losses import softmax_cross_entropy
    from rnnquiz.proofs.experiments import training

    def summed(logits, labels):
        return math.exp(min(700.0, softmax_cross_entropy(logits, labels)[0] * len(labels)))

    monkeypatch.setattr(training, "_perplexity", summed)
    failed = _failed("perplexity")
    assert "uniform model: perplexity = V" in failed
    assert any(n.startswith("a model with loss") for n in failed)


def test_norm_instead_of_spectral_radius_fails(monkeypatch):
    """Scale W so that ‖W‖₂ (not ρ) is the stated value: the measured decay rate is then not the stated ρ."""
    from rnnquiz.proofs.experiments import bptt

    def by_norm(rng, n, rho):
        A = rng.standard_normal((n, n)) / math.sqrt(n)
        return A * (rho / float(np.linalg.norm(A, 2)))

    monkeypatch.setattr(bptt, "scaled_to_radius", by_norm)
    failed = _failed("spectral-radius")
    assert "linear RNN: ‖∂h_T/∂h_(T−k)‖ shrinks or grows by ρ(W_hh) per step" in failed
    assert "linear, ρ=0.9: the gradient scales by ρ per step" in failed


def test_orthogonal_w_cannot_tell_norm_from_radius(monkeypatch):
    """With an orthogonal W (ρ = ‖W‖₂ by construction) the rival check must fail: it is what makes the
    experiment able to tell the two claims apart."""
    from rnnquiz.proofs.experiments import bptt

    monkeypatch.setattr(bptt, "scaled_to_radius", lambda rng, n, rho: rho * bptt.orthogonal(rng, n))
    assert "…the spectral radius, not the norm ‖W_hh‖₂" in _failed("spectral-radius")


def test_swapped_update_gate_in_the_rule_fails_gate_ranges(monkeypatch):
    from rnnquiz.proofs.experiments import gates

    def swapped(p, x, H, state):
        R = gates._sig(x @ p["W_xr"] + H @ p["W_hr"] + p["b_r"])
        Z = gates._sig(x @ p["W_xz"] + H @ p["W_hz"] + p["b_z"])
        H_tilde = np.tanh(x @ p["W_xh"] + (R * H) @ p["W_hh"] + p["b_h"])
        return (1 - Z) * H + Z * H_tilde, state  # the claim with Z and 1 − Z swapped

    monkeypatch.setattr(gates, "_gru_step_d2l", swapped)
    assert "GRU: H_t = Z_t ⊙ H_(t−1) + (1 − Z_t) ⊙ H̃_t at every step" in _failed("gate-ranges")


def test_lstm_rule_without_forget_gate_fails_gate_ranges(monkeypatch):
    from rnnquiz.proofs.experiments import gates

    def no_forget(p, x, H, C):
        I = gates._sig(x @ p["W_xi"] + H @ p["W_hi"] + p["b_i"])  # noqa: E741
        O = gates._sig(x @ p["W_xo"] + H @ p["W_ho"] + p["b_o"])  # noqa: E741
        C = C + I * np.tanh(x @ p["W_xc"] + H @ p["W_hc"] + p["b_c"])
        return O * np.tanh(C), C

    monkeypatch.setattr(gates, "_lstm_step_d2l", no_forget)
    assert "LSTM: C_t = F_t ⊙ C_(t−1) + I_t ⊙ C̃_t and H_t = O_t ⊙ tanh(C_t)" in _failed("gate-ranges")


def test_birnn_without_a_backward_direction_fails_at_the_question_size(monkeypatch):
    """birnn-output-width's sizes (T up to 40, h up to 128): a 'BiRNN' whose second half also runs forward
    must fail the backward-half check, even with the float-rounding threshold a long T needs."""
    from rnnquiz.proofs.experiments import rnn

    monkeypatch.setattr(rnn, "BiRNN", birnn_forward_only(rnn.BiRNN))
    assert "BiRNN backward half sees x_T at t=1" in _failed("birnn-future", T=40, B=32, h=128)
    assert "BiRNN backward half sees x_T at t=1" in _failed("birnn-future")


def _zh_screen(pid: str, **params) -> str:
    import io

    from rich.console import Console

    from rnnquiz.render.proof import print_answer, print_result

    r = run_proof(pid, seed=0, quick=True, params=params or None)
    buf = io.StringIO()
    console = Console(file=buf, width=400, color_system=None)
    print_result(console, r, "zh", charts=True)
    print_answer(console, r, "zh")
    return buf.getvalue()


def test_zh_proof_screens_have_no_round1_leftovers():
    import re

    shapes_zh = _zh_screen("output-shapes")
    assert "input" not in shapes_zh and "输入形状 (T=7, B=3, d)" in shapes_zh
    clip = _zh_screen("clipping-explode")
    assert not re.search(r"种子 (\d+)–\1(?!\d)", clip) and "种子 0" in clip  # one seed: "种子 0", not "种子 0–0"
    for pid in ("clipping-explode", "gate-activations", "forget-bias"):
        text = _zh_screen(pid)
        assert not re.search(r"最[大小]的 (max|最大)", text), pid  # "最大的 max": the same word twice
        assert "ratio" not in text, pid
    spectral = _zh_screen("spectral-radius")
    assert "（对数刻度）" in spectral and " (对数刻度)" not in spectral  # full-width in Chinese


def test_en_one_seed_says_seed_not_a_range():
    r = run_proof("clipping-explode", seed=3, quick=True)
    assert "seed 3" in r.setup["en"] and "seeds 3–3" not in r.setup["en"]



def test_gru_update_numeric_runs_its_numbers_and_fails_a_swapped_gate(monkeypatch):
    from rnnquiz.commands.common import load
    from rnnquiz.proofs.experiments import gates
    from rnnquiz.proofs.questions import question_params

    q = load(None).questions["gru-update-numeric"]
    params = question_params(q, 0)
    r = run_proof(q.proof, seed=0, quick=True, params=params)
    assert r.passed and "= 0.35" in r.answer["en"]  # 0.9·0.5 + 0.1·(−1)
    original = gates._set_gate_bias
    # σ(−b) = 1 − σ(b): the unit then holds 1 − Z where the question says Z (Z and 1 − Z swapped)
    monkeypatch.setattr(gates, "_set_gate_bias", lambda model, block, value: original(model, block, -value))
    assert any(n.startswith("the GRU step gives H_t") for n in _failed(q.proof, **params))
