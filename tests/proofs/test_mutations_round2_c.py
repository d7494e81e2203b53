"""Round 2 (proofs-c): the proofs hold at every size a question can draw, and fail when the claim is broken.

Each mutation test breaks the piece of the model or experiment that the claim is about; the old proof passed
it, the new one must fail.
"""

from __future__ import annotations

import numpy as np
import pytest

from rnnquiz.proofs.runner import run_proof

from .mutants import birnn_forward_only


def _failed(pid: str, seed: int = 0, **params) -> set[str]:
    r = run_proof(pid, seed=seed, quick=True, params=params or None)
    return {c.name if isinstance(c.name, str) else c.name["en"] for c in r.checks if not c.passed}


# ---------------------------------------------------------------- item 1: birnn-output-width, every draw


@pytest.mark.parametrize(("T", "h"), [(40, 8), (40, 128), (5, 8), (38, 8), (200, 8)])
def test_birnn_future_holds_at_the_generators_extremes(T, h):
    """birnn-output-width draws T in [5, 40], h in [8, 128]; the largest T with the smallest h put the
    backward influence at t=1 below float64 rounding (seed 18: 7.8e-16, check failed)."""
    for seed in (0, 18):
        r = run_proof("birnn-future", seed=seed, quick=True, params={"T": T, "B": 2, "h": h})
        assert r.passed, [(c.name, c.detail) for c in r.checks if not c.passed]
        sees = [c for c in r.checks if "sees" in str(c.name)]
        assert sees and all(c.margin >= 2 for c in sees)


def test_birnn_output_width_question_seed_18_passes():
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "rnnquiz", "prove", "birnn-output-width", "--seed", "18",
                        "--no-charts"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]


def test_birnn_probe_fails_without_a_backward_direction_at_long_t(monkeypatch):
    from rnnquiz.proofs.experiments import rnn

    monkeypatch.setattr(rnn, "BiRNN", birnn_forward_only(rnn.BiRNN))
    assert "BiRNN backward half sees x_T at t=1" in _failed("birnn-future", T=40, B=2, h=8)


# ---------------------------------------------------------------- item 2: bptt-linear-decay, ρ·Q exactly


def test_spectral_radius_question_measures_rho_to_the_k_exactly():
    r = run_proof("spectral-radius", seed=0, quick=True, params={"rho": 0.9, "k": 50})
    assert r.passed
    assert "0.005154 = 0.9^50" in r.answer["en"]


def test_spectral_radius_fails_when_the_question_matrix_is_not_rho_q(monkeypatch):
    """W_hh = 0.93·Q where the question says 0.9·Q: 0.93^50 = 0.0266, 5× off; the old question check
    (rate of a non-normal matrix within 5 % of ρ) passed it."""
    from rnnquiz.proofs.experiments import bptt

    orth = bptt.orthogonal
    monkeypatch.setattr(bptt, "orthogonal", lambda rng, n: orth(rng, n) * (0.93 / 0.9))
    assert "W_hh = 0.9·Q (Q orthogonal): ‖∂h_T/∂h_(T−50)‖ = 0.9^50" in _failed("spectral-radius", rho=0.9, k=50)


def test_spectral_radius_fails_when_q_is_not_orthogonal(monkeypatch):
    from rnnquiz.proofs.experiments import bptt

    monkeypatch.setattr(bptt, "orthogonal", lambda rng, n: bptt.scaled_to_radius(rng, n, 1.0))
    assert "W_hh = 0.9·Q (Q orthogonal): ‖∂h_T/∂h_(T−50)‖ = 0.9^50" in _failed("spectral-radius", rho=0.9, k=50)


# ---------------------------------------------------------------- item 3: lstm-carousel without a forget gate


def test_lstm_carousel_fails_with_the_forget_gate_held_at_one(monkeypatch):
    """F fixed to 1 inside the LSTM forward (the forget gate removed): every old check passed, because Π F read
    F from the cache and both controls moved b_f and b_i together."""
    from rnnquiz.models import lstm

    init = lstm.LSTM.__init__

    def no_forget(self, *a, **k):
        init(self, *a, **k)
        gact, h = self._gact, self.hidden_size

        def gact_f1(x, out=None):
            y = gact(x, out=out)
            if y.shape[-1] == 2 * h:  # the fused I, F block
                y[..., h:] = 1.0
            return y

        self._gact = gact_f1

    assert run_proof("lstm-carousel", seed=0, quick=True).passed
    monkeypatch.setattr(lstm.LSTM, "__init__", no_forget)
    failed = _failed("lstm-carousel")
    assert "input closed, forget gate not held open (b_f=0): C_0 fades, unlike the carousel" in failed
    assert "input closed: C_t = σ(x_t W_xf + H_(t−1) W_hf + b_f) ⊙ C_(t−1) (t ≤ 10)" in failed


# ---------------------------------------------------------------- item 4: weight-sharing without recurrence


def test_weight_sharing_fails_without_the_recurrent_term(monkeypatch):
    """H_(t−1) W_hh removed from the forward (the true ∂L/∂W_hh is 0): the old proof compared model.backward
    with its own re-derivation of the same loop and passed with ‖∂L/∂W_hh‖ = 19.9."""
    from rnnquiz.models import rnn as rnn_model

    def no_recurrence(self, XW, W_hh, b_hh, state0):
        XW += b_hh
        H = np.tanh(XW)
        return {"H": H, "H0": state0[0]}

    assert run_proof("weight-sharing", seed=0, quick=True).passed
    monkeypatch.setattr(rnn_model.RNN, "_layer_forward", no_recurrence)
    failed = _failed("weight-sharing")
    assert "untied copy (W_1 = … = W_6 = W_hh) reproduces the model" in failed
    assert "shared gradient = Σ_t ∂L/∂W_t of the untied steps (finite differences, T=6)" in failed


def test_weight_sharing_fails_with_a_count_that_grows_with_t(monkeypatch):
    from rnnquiz.models import rnn as rnn_model

    calls = []
    count = rnn_model.RNN.num_params

    def growing(self, *a, **k):
        calls.append(1)
        return count(self, *a, **k) + len(calls) - 1

    monkeypatch.setattr(rnn_model.RNN, "num_params", growing)
    assert "parameter count does not depend on T: h·d + h² + 2h" in _failed("weight-sharing")


# ---------------------------------------------------------------- items 5 and 8: clipping-vanish


def test_clipping_vanish_fails_without_bptt(monkeypatch):
    """δ zeroed across steps in the RNN backward (every step its own chunk): the old check "has vanished" was
    satisfied by an exact 0."""
    from rnnquiz.models import rnn as rnn_model

    backward = rnn_model.RNN._layer_backward
    monkeypatch.setattr(rnn_model.RNN, "_layer_backward",
                        lambda self, c, W_hh, b_hh, dH, dstate, k: backward(self, c, W_hh, b_hh, dH, dstate, 1))
    failed = _failed("clipping-vanish")
    assert "BPTT ∂L/∂h_t = finite differences of the forward, 1–3 steps back" in failed
    assert "the gradient is non-zero at every step (it shrinks, it is not cut)" in failed


def test_clipping_vanish_fails_when_norm_clipping_is_a_no_op(monkeypatch):
    from rnnquiz.proofs.experiments import bptt

    monkeypatch.setattr(bptt, "clip_grad_norm", lambda grads, max_norm: None)
    assert "norm clipping: ‖clipped g‖ = θ" in _failed("clipping-vanish")


# ---------------------------------------------------------------- item 6: gru-vs-lstm absolute counts


def test_gru_vs_lstm_fails_when_single_bias_counts_both_biases(monkeypatch):
    from rnnquiz.models import recurrent

    count = recurrent.Recurrent.num_params
    monkeypatch.setattr(recurrent.Recurrent, "num_params", lambda self, convention="double": count(self, "double"))
    assert "counts = G·(h·d + h² + h) single bias, G·(h·d + h² + 2h) double (G = 3 GRU, 4 LSTM)" in _failed("gru-vs-lstm")


# ---------------------------------------------------------------- item 7: gate-ranges, reset-after GRU


def test_gate_ranges_fails_with_z_swapped_in_the_reset_after_gru(monkeypatch):
    from rnnquiz.models import gru

    original = gru.GRU._forward_after

    def swapped(self, XW, W_hh, b_hh, h0):
        T, B, G = XW.shape
        h = G // 3
        XW = XW.copy()
        A, H, prev = np.empty((T, B, G)), np.empty((T, B, h)), h0
        for t in range(T):
            hh = prev @ W_hh.T + b_hh
            rz = 1 / (1 + np.exp(-(XW[t, :, :2 * h] + hh[:, :2 * h])))
            n = np.tanh(XW[t, :, 2 * h:] + rz[:, :h] * hh[:, 2 * h:])
            z = rz[:, h:]
            prev = z * n + (1 - z) * prev  # Z and 1 − Z swapped
            A[t, :, :2 * h], A[t, :, 2 * h:], H[t] = rz, n, prev
        return {"R": A[:, :, :h], "Z": A[:, :, h:2 * h], "H_tilde": A[:, :, 2 * h:], "H": H, "H0": h0, "_A": A}

    assert original is not swapped
    monkeypatch.setattr(gru.GRU, "_forward_after", swapped)
    name = ("GRU reset-after (PyTorch): H_t = (1 − Z_t) ⊙ N_t + Z_t ⊙ H_(t−1), "
            "N_t = tanh(… + R_t ⊙ (H_(t−1) W_hn + b_hn))")
    assert name in _failed("gate-ranges")


# ---------------------------------------------------------------- items 9 and 10: names and the question's k


def test_forget_gate_check_name_states_its_threshold():
    r = run_proof("forget-gate", seed=0, quick=True)
    grow = [c for c in r.checks if "keeps growing" in str(c.name)]
    assert grow and "more than ×3" in grow[0].name["en"] and "> 3" in str(grow[0].detail)


def test_truncated_bptt_runs_the_questions_k():
    r = run_proof("truncated-bptt", seed=0, quick=True, params={"T": 1000, "k": 50})
    assert r.passed and "truncation k=50" in r.setup["en"]
    assert "measured: 20" in r.answer["en"]  # the chunked loop's working memory per step, T/k = 20


def test_truncated_bptt_fails_when_the_backward_caps_k_at_20(monkeypatch):
    """A backward that truncates at 20 steps whatever k is: the old proof ran its gradient part with k=20 for
    the question's k=50 and passed."""
    from rnnquiz.models import rnn as rnn_model

    backward = rnn_model.RNN._layer_backward
    monkeypatch.setattr(rnn_model.RNN, "_layer_backward",
                        lambda self, c, W_hh, b_hh, dH, dstate, k: backward(self, c, W_hh, b_hh, dH, dstate, min(k, 20)))
    assert any("reaches the first step of its chunk" in n for n in _failed("truncated-bptt", T=1000, k=50))


# ---------------------------------------------------------------- item 11: perplexity at the question's loss


def test_perplexity_answer_is_the_questions_number():
    r = run_proof("perplexity", seed=0, quick=True, params={"loss": 2.0})
    assert r.passed and "measures 7.38906 = e^2" in r.answer["en"]


def test_perplexity_fails_with_a_6_percent_error_the_old_tolerance_let_through(monkeypatch):
    import math

    from rnnquiz.proofs.experiments import training

    def off(logits, labels):
        value = math.exp(training.softmax_cross_entropy(logits, labels)[0])
        return value if np.all(logits == logits[:, :1]) else 1.06 * value  # uniform model still exact

    monkeypatch.setattr(training, "_perplexity", off)
    assert "mean loss 2: perplexity = e^2 = 7.3891" in _failed("perplexity", loss=2.0)


# ---------------------------------------------------------------- item 13: an instant proof imports little


def _imports(*args: str) -> str:
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "rnnquiz", *args], capture_output=True, text=True,
                       timeout=60)
    assert p.returncode == 0, p.stdout[-1000:] + p.stderr[-1000:]
    return p.stderr


def test_instant_proof_without_charts_never_imports_plotext():
    assert "plotext" not in _imports("prove", "memory", "--no-charts")


def test_a_chart_imports_plotext_without_its_help_pages():
    err = _imports("prove", "memory")
    assert "| plotext" in err and "plotext._doc.doc" not in err and "plotext.prettydoc" not in err


# ---------------------------------------------------------------- item 12: no English left on a zh screen


def _zh(pid: str, **params) -> str:
    import io

    from rich.console import Console

    from rnnquiz.render.proof import print_answer, print_result

    r = run_proof(pid, seed=0, quick=True, params=params or None)
    buf = io.StringIO()
    print_result(Console(file=buf, width=400, color_system=None), r, "zh", charts=False)
    print_answer(Console(file=buf, width=400, color_system=None), r, "zh")
    return buf.getvalue()


def test_zh_screens_have_no_round2_english_leftovers():
    pc = _zh("parameter-count", cell="gru", d=10, h=20, bias="single", layers=1, bidirectional=True, q=14)
    for en in ("one bias per gate", "output layer", "PyTorch b_ih"):
        assert en not in pc, en
    assert "d2l 每个门一个偏置" in pc and "输出层 q=14" in pc
    assert " vs mean_t" not in _zh("bptt-gradcheck")
    assert "(reset gate)" not in _zh("gru-reset") and "（重置门）" in _zh("gru-reset")
    assert "docs" not in _zh("gru-vs-lstm")
    assert "clips at" not in _zh("clipping-explode")


def test_every_citation_with_english_words_has_a_zh_line():
    """Each citation in the experiments, read in Chinese, keeps no lower-case English word (authors, titles in
    capitals, code names and "et al." aside)."""
    import ast
    import pathlib
    import re

    from rnnquiz.proofs import experiments
    from rnnquiz.proofs.result import loc

    code = re.compile(r"[^\s（）]*[_./(,][^\s（）]*")  # nn.GRU, unit_forget_bias, PyTorch/Keras, (i,f,g,o), "al."
    allowed = {"et", "of", "a", "to", "the", "search", "space", "odyssey", "forget", "dropout", "van", "den"}  # names, titles
    seen = 0
    for path in pathlib.Path(experiments.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Attribute)
                    and node.targets[0].attr == "citation" and isinstance(node.value, ast.Constant)):
                seen += 1
                zh = code.sub("", loc(node.value.value, "zh"))
                words = [w for w in re.findall(r"(?<![A-Za-z.])[a-z]{2,}(?![A-Za-z])", zh) if w not in allowed]
                assert not words, (path.name, node.value.value, words)
    assert seen >= 30
