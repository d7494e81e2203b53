"""Grading: reference solutions pass; every known wrong variant fails and is named; right solutions written
differently pass; hard-coded example outputs fail on the random inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from rnnquiz.drills import grade
from rnnquiz.drills.catalog import DRILLS, get
from rnnquiz.drills.checks import CHECKS
from rnnquiz.drills.solutions import solution_source

from .helpers import in_process, write


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
def test_the_shown_solution_passes_in_the_sandbox(drill, tmp_path: Path) -> None:
    path = write(tmp_path, solution_source(drill.function))
    result = grade.check_file(drill.id, path, seed=7)
    failed = [(t.id, t.detail) for t in result.tests if not t.passed]
    assert result.passed, (failed, result.error)
    assert result.bug is None and result.error is None
    assert {t.id for t in result.tests} >= ({"shapes"} if drill.id == "param-count" else {"shapes", "inputs"})
    if drill.id == "param-count":  # ints and strings in: nothing to change in place, so no such test
        assert "inputs" not in {t.id for t in result.tests}


VARIANTS = [(d, v.id) for d in CHECKS for v in CHECKS[d].variants]


@pytest.mark.parametrize(("drill_id", "variant_id"), VARIANTS)
@pytest.mark.parametrize("seed", [1, 2])
def test_each_wrong_variant_fails_and_is_named(drill_id: str, variant_id: str, seed: int, monkeypatch, tmp_path: Path) -> None:
    variant = next(v for v in CHECKS[drill_id].variants if v.id == variant_id)
    monkeypatch.setattr(grade, "run_candidate", in_process(variant.fn))
    result = grade.check_file(drill_id, tmp_path / "unused.py", seed=seed)
    assert not result.passed
    assert result.bug is not None, [(t.id, t.passed) for t in result.tests]
    assert result.bug[0] == variant_id
    assert result.bug[1].en.startswith("your")


def test_a_lstm_without_tanh_on_the_cell_is_named_through_the_real_sandbox(tmp_path: Path) -> None:
    src = solution_source("lstm_cell_forward").replace("return o * np.tanh(c), c", "return o * c, c")
    result = grade.check_file("lstm-cell-forward", write(tmp_path, src), seed=3)
    assert not result.passed
    assert result.bug is not None and result.bug[0] == "h-without-tanh"
    assert "h = o ⊙ c" in result.bug[1].en
    values = next(t for t in result.tests if t.id == "values-state")
    assert values.passed is False and values.detail["output"] == "h" and "index" in values.detail
    assert next(t for t in result.tests if t.id == "shapes").passed


def test_bptt_with_overwritten_weight_gradients_is_named(tmp_path: Path) -> None:
    src = solution_source("rnn_bptt").replace("dWx += X[t].T @ da", "dWx = X[t].T @ da").replace(
        "dWh += prev.T @ da", "dWh = prev.T @ da").replace("db += da.sum(axis=0)", "db = da.sum(axis=0)")
    result = grade.check_file("rnn-bptt", write(tmp_path, src), seed=4)
    assert not result.passed and result.bug and result.bug[0] == "not-accumulated"
    assert not next(t for t in result.tests if t.id == "fd").passed
    assert next(t for t in result.tests if t.id == "edge-T1").passed  # one step: nothing to accumulate


def test_naive_sigmoid_fails_on_the_overflow_warning_only(tmp_path: Path) -> None:
    src = "import numpy as np\n\ndef sigmoid(x):\n    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))\n"
    result = grade.check_file("stable-sigmoid", write(tmp_path, src), seed=5)
    failed = {t.id for t in result.tests if not t.passed}
    assert failed == {"no-overflow"}
    assert result.bug and result.bug[0] == "naive"


def test_changing_an_input_in_place_is_caught_and_said(tmp_path: Path) -> None:
    src = """
    import numpy as np

    def clip_grad_norm(grads, max_norm):
        total = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
        if total > max_norm:
            for g in grads.values():
                g *= max_norm / total
        return grads, total
    """
    result = grade.check_file("clip-global-norm", write(tmp_path, src), seed=6)
    assert {t.id for t in result.tests if not t.passed} == {"inputs"}
    assert result.bug and result.bug[0] == "in-place" and "grads" in result.bug[1].en


ALTERNATIVES = {
    "lstm-cell-forward": """
    import numpy as np

    def lstm_cell_forward(x, h_prev, c_prev, weight_ih, weight_hh, bias_ih, bias_hh):
        # one product on [x, h] with einsum, gates by np.split, σ through tanh
        W = np.concatenate([weight_ih, weight_hh], axis=1)  # (4h, d + h)
        a = np.einsum("bk,gk->bg", np.concatenate([x, h_prev], axis=1), W) + (bias_ih + bias_hh)
        i, f, g, o = np.split(a, 4, axis=1)
        s = lambda z: 0.5 * (1 + np.tanh(0.5 * z))
        c = s(f) * c_prev + s(i) * np.tanh(g)
        return s(o) * np.tanh(c), c
    """,
    "rnn-bptt": """
    import numpy as np

    def rnn_bptt(dH, X, h0, H, Wx, Wh):
        # first all the da by a backward loop, then every weight gradient as one einsum over time
        T = X.shape[0]
        dA = np.zeros_like(H)
        carry = np.zeros_like(h0)
        t = T - 1
        while t >= 0:
            dA[t] = (carry + dH[t]) * (1 - H[t] ** 2)
            carry = dA[t] @ Wh.T
            t -= 1
        prev = np.concatenate([h0[None], H[:-1]], axis=0)
        return (np.einsum("tbh,dh->tbd", dA, Wx), carry, np.einsum("tbd,tbh->dh", X, dA),
                np.einsum("tbk,tbh->kh", prev, dA), dA.sum(axis=(0, 1)))
    """,
    "gru-cell-torch": """
    import numpy as np

    def gru_cell_torch(x, h_prev, weight_ih, weight_hh, bias_ih, bias_hh):
        W_ir, W_iz, W_in = np.split(weight_ih, 3)
        W_hr, W_hz, W_hn = np.split(weight_hh, 3)
        b_ir, b_iz, b_in = np.split(bias_ih, 3)
        b_hr, b_hz, b_hn = np.split(bias_hh, 3)
        sig = lambda z: np.exp(-np.logaddexp(0.0, -z))
        r = sig(x @ W_ir.T + b_ir + h_prev @ W_hr.T + b_hr)
        z = sig(x @ W_iz.T + b_iz + h_prev @ W_hz.T + b_hz)
        n = np.tanh(x @ W_in.T + b_in + r * (h_prev @ W_hn.T + b_hn))
        return n + z * (h_prev - n)
    """,
    "lstm-cell-backward": """
    import numpy as np

    def lstm_cell_backward(dh, dc, x, h_prev, c_prev, weight_ih, weight_hh, bias_ih, bias_hh):
        h = h_prev.shape[1]
        a = x @ weight_ih.T + h_prev @ weight_hh.T + bias_ih + bias_hh
        s = 1 / (1 + np.exp(-a))
        i, f, o = s[:, :h], s[:, h:2*h], s[:, 3*h:]
        g = np.tanh(a[:, 2*h:3*h])
        c = f * c_prev + i * g
        dct = dc + dh * o * (1 - np.tanh(c) ** 2)
        da = np.empty_like(a)
        da[:, :h] = dct * g * i * (1 - i)
        da[:, h:2*h] = dct * c_prev * f * (1 - f)
        da[:, 2*h:3*h] = dct * i * (1 - g ** 2)
        da[:, 3*h:] = dh * np.tanh(c) * o * (1 - o)
        # a tuple in the documented order instead of a dict
        return (np.einsum("bg,gd->bd", da, weight_ih), da @ weight_hh, dct * f,
                np.einsum("bg,bd->gd", da, x), np.einsum("bg,bh->gh", da, h_prev), da.sum(0))
    """,
    "clip-global-norm": """
    import numpy as np

    def clip_grad_norm(grads, max_norm):
        flat = np.concatenate([g.ravel() for g in grads.values()])
        norm = np.linalg.norm(flat)
        factor = min(1.0, max_norm / norm)
        return {k: np.multiply(g, factor) for k, g in grads.items()}, norm
    """,
    "param-count": """
    def param_count(cell, input_size, hidden_size, num_layers, bidirectional):
        G = {"lstm": 4, "gru": 3, "rnn": 1}[cell]
        D = 2 if bidirectional else 1
        h, d = hidden_size, input_size
        first = G * h * (d + h + 2)
        rest = G * h * (D * h + h + 2) * (num_layers - 1)
        return D * (first + rest)
    """,
    "stable-sigmoid": """
    import numpy as np

    def sigmoid(x):
        x = np.asarray(x, dtype=float)
        out = np.empty_like(x)
        pos = x >= 0
        out[pos] = 1 / (1 + np.exp(-x[pos]))
        e = np.exp(x[~pos])
        out[~pos] = e / (1 + e)
        return out
    """,
    "last-valid-state": """
    import numpy as np

    def last_valid_state(H, lengths):
        return np.stack([H[int(n) - 1, b] for b, n in enumerate(lengths)])
    """,
    "birnn-layer": """
    import numpy as np

    def birnn_layer(X, h0_f, h0_b, params_f, params_b, run):
        fwd = run(X, h0_f, **params_f)
        bwd = np.flip(run(np.flip(X, 0), h0_b, **params_b), 0)
        out = np.empty(fwd.shape[:2] + (2 * fwd.shape[2],))
        out[..., :fwd.shape[2]] = fwd
        out[..., fwd.shape[2]:] = bwd
        return out
    """,
    "tbptt-chunks": """
    import numpy as np

    def tbptt(X, h0, Wx, Wh, b, dH, k, forward, backward):
        T = X.shape[0]
        starts = list(range(0, T, k))
        parts, h, states = [], h0, []
        for s in starts:  # forward over all chunks first, remembering where each started
            states.append(h)
            Hc = forward(X[s:s + k], h, Wx, Wh, b)
            h = Hc[-1]
            parts.append(Hc)
        grads = [backward(dH[s:s + k], X[s:s + k], st, Hc, Wx, Wh) for s, st, Hc in zip(starts, states, parts)]
        return {"dX": np.concatenate([g["dX"] for g in grads]), "dh0": grads[0]["dh0"],
                "dWx": sum(g["dWx"] for g in grads), "dWh": sum(g["dWh"] for g in grads),
                "db": sum(g["db"] for g in grads), "h_T": h}
    """,
}


@pytest.mark.parametrize("drill_id", sorted(ALTERNATIVES))
def test_right_but_written_differently_passes(drill_id: str, tmp_path: Path) -> None:
    result = grade.check_file(drill_id, write(tmp_path, ALTERNATIVES[drill_id]), seed=11)
    assert result.passed, ([(t.id, t.detail) for t in result.tests if not t.passed], result.error)


HARD_CODED = {
    "stable-sigmoid": "import numpy as np\n\ndef sigmoid(x):\n    return np.array([0.0, 0.5, 1.0])\n",
    "param-count": "def param_count(cell, input_size, hidden_size, num_layers, bidirectional):\n    return 2560\n",
    "clip-global-norm": "import numpy as np\n\ndef clip_grad_norm(grads, max_norm):\n    return {'W': np.array([0.6, 0.8])}, 5.0\n",
}


@pytest.mark.parametrize("drill_id", sorted(HARD_CODED))
def test_the_examples_output_hard_coded_fails_on_random_inputs(drill_id: str, tmp_path: Path) -> None:
    result = grade.check_file(drill_id, write(tmp_path, HARD_CODED[drill_id]))  # a fresh seed
    assert not result.passed
    assert next(t for t in result.tests if t.id == "values").passed is False


def test_fresh_seed_each_check_and_json_shape(tmp_path: Path) -> None:
    path = write(tmp_path, solution_source("rnn_step_forward"))
    a, b = grade.check_file("rnn-step-forward", path), grade.check_file("rnn-step-forward", path)
    assert a.seed != b.seed
    doc = a.to_json()
    assert doc["card"] == "drill:rnn-step-forward" and doc["passed"] is True
    assert doc["score"]["passed"] == doc["score"]["total"] == len(doc["tests"])


def test_a_shape_error_in_the_product_points_at_the_layout(tmp_path: Path) -> None:
    src = """
    import numpy as np

    def lstm_cell_forward(x, h_prev, c_prev, weight_ih, weight_hh, bias_ih, bias_hh):
        a = x @ weight_ih + h_prev @ weight_hh.T + bias_ih + bias_hh
        return a, a
    """
    result = grade.check_file("lstm-cell-forward", write(tmp_path, src), seed=2)
    assert result.error is not None and result.error.line == 5 and result.error.type == "ValueError"
    assert result.bug is not None and result.bug[0] == "shape-mismatch" and "weight_ih.T" in result.bug[1].en


SOL_BPTT, SOL_TBPTT, SOL_LSTM = (solution_source(f) for f in ("rnn_bptt", "tbptt", "lstm_cell_forward"))
assert "return o * np.tanh(c), c" in SOL_LSTM and "dWh += prev.T @ da" in SOL_BPTT
assert "Hc = forward(Xc, h, Wx, Wh, b)" in SOL_TBPTT

HAND_WRITTEN = [  # (drill, file, the variant that must be named): mistakes as people write them
    ("gru-cell-d2l", """
    import numpy as np
    sig = lambda z: 1 / (1 + np.exp(-z))

    def gru_cell_d2l(x, h_prev, params):
        p = params
        r = sig(x @ p["W_xr"] + h_prev @ p["W_hr"] + p["b_r"])
        z = sig(x @ p["W_xz"] + h_prev @ p["W_hz"] + p["b_z"])
        cand = np.tanh(x @ p["W_xh"] + (r * h_prev) @ p["W_hh"] + p["b_h"])
        return (1 - z) * h_prev + z * cand
    """, "update-reversed"),
    ("lstm-cell-forward", """
    import numpy as np

    def lstm_cell_forward(x, h_prev, c_prev, weight_ih, weight_hh, bias_ih, bias_hh):
        H = h_prev.shape[1]
        a = x @ weight_ih.T + h_prev @ weight_hh.T + bias_ih + bias_hh
        i, f, o, g = (a[:, k * H:(k + 1) * H] for k in range(4))   # CS231n's order
        s = lambda z: 1 / (1 + np.exp(-z))
        c = s(f) * c_prev + s(i) * np.tanh(g)
        return s(o) * np.tanh(c), c
    """, "order-ifog"),
    ("clip-global-norm", """
    import numpy as np

    def clip_grad_norm(grads, max_norm):
        norm = np.sqrt(sum((g ** 2).sum() for g in grads.values()))
        return {k: np.clip(g, -max_norm, max_norm) for k, g in grads.items()}, norm
    """, "per-element"),
    ("birnn-layer", """
    import numpy as np

    def birnn_layer(X, h0_f, h0_b, params_f, params_b, run):
        f = run(X, h0_f, params_f["Wx"], params_f["Wh"], params_f["b"])
        b = run(X[::-1], h0_b, params_b["Wx"], params_b["Wh"], params_b["b"])
        return np.concatenate([f, b], axis=2)
    """, "not-flipped-back"),
    ("param-count", """
    def param_count(cell, input_size, hidden_size, num_layers, bidirectional):
        g = {"rnn": 1, "gru": 3, "lstm": 4}[cell]
        per_layer = g * (input_size * hidden_size + hidden_size * hidden_size + 2 * hidden_size)
        return per_layer * num_layers * (2 if bidirectional else 1)
    """, "deep-input-d"),
    ("stable-sigmoid", """
    import numpy as np

    def sigmoid(x):
        return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
    """, "naive"),
    ("last-valid-state", "def last_valid_state(H, lengths):\n    return H[-1]\n", "last-padded"),
    ("rnn-bptt", SOL_BPTT.replace("dWh += prev.T @ da", "dWh = prev.T @ da"), "not-accumulated"),
    ("rnn-bptt", SOL_BPTT.replace("db += da.sum(axis=0)", "db = da.sum(axis=0)"), "not-accumulated"),
    ("tbptt-chunks", SOL_TBPTT.replace("        Xc = X[start:start + k]\n", "        Xc = X[start:start + k]\n        h = h0\n"),
     "not-carried"),
    ("tbptt-chunks", SOL_TBPTT.replace("Hc = forward(Xc, h, Wx, Wh, b)", "Hc = forward(Xc, h0, Wx, Wh, b)"), "not-carried-forward"),
    ("lstm-cell-forward", SOL_LSTM.replace("return o * np.tanh(c), c", "return c, o * np.tanh(c)"), "h-c-swapped"),
    ("clip-global-norm", """
    import numpy as np

    def clip_grad_norm(grads, max_norm):
        total = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
        scale = max_norm / total
        return {k: g * min(scale, 1.0) for k, g in grads.items()}, total
    """, "unguarded"),
]


@pytest.mark.parametrize(("drill_id", "src", "variant"), HAND_WRITTEN, ids=[f"{h[0]}-{h[2]}-{i}" for i, h in enumerate(HAND_WRITTEN)])
def test_hand_written_mistakes_are_named_through_the_sandbox(drill_id: str, src: str, variant: str, tmp_path: Path) -> None:
    result = grade.check_file(drill_id, write(tmp_path, src))
    assert not result.passed
    assert result.bug is not None and result.bug[0] == variant, [(t.id, t.passed, t.detail) for t in result.tests]


def test_float32_outputs_are_named(tmp_path: Path) -> None:
    src = solution_source("rnn_step_forward").replace("return np.tanh(x @ Wx + h_prev @ Wh + b)",
                                                      "return np.tanh(x @ Wx + h_prev @ Wh + b).astype(np.float32)")
    result = grade.check_file("rnn-step-forward", write(tmp_path, src), seed=1)
    assert not result.passed and result.bug is not None and result.bug[0] == "low-precision"


def test_arguments_are_passed_positionally_so_own_names_work(tmp_path: Path) -> None:
    """CS231n's names (x, prev_h, Wx, Wh, b) and sigmoid(z): the grader passes arguments in the documented order."""
    src = solution_source("sigmoid")
    renamed = src.replace("def sigmoid(x):", "def sigmoid(z):\n    x = z")
    assert grade.check_file("stable-sigmoid", write(tmp_path, renamed, "s.py"), seed=1).passed
    drill = get("rnn-step-forward")
    own = [f"my_{a.lower()}" for a in drill.args]
    body = "\n".join(f"    {a} = {m}" for a, m in zip(drill.args, own, strict=True))
    mine = solution_source(drill.function).replace(f"def {drill.function}({', '.join(drill.args)}):",
                                                  f"def {drill.function}({', '.join(own)}):\n{body}")
    assert mine != solution_source(drill.function)
    assert grade.check_file(drill.id, write(tmp_path, mine, "r.py"), seed=1).passed
    from rnnquiz.drills.starter import starter_text

    assert "positionally, in this order: x, h_prev, Wx, Wh, b" in starter_text(drill, "en")
    assert "按位置" in starter_text(drill, "zh")


def test_pytorch_epsilon_in_clipping_is_accepted(tmp_path: Path) -> None:
    """torch.nn.utils.clip_grad_norm_ scales by max_norm / (total + 1e-6): a right answer, accepted as such."""
    src = """
    import numpy as np

    def clip_grad_norm(grads, max_norm):
        total = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))
        coef = min(max_norm / (total + 1e-6), 1.0)
        return {k: g * coef for k, g in grads.items()}, total
    """
    result = grade.check_file("clip-global-norm", write(tmp_path, src), seed=4)
    assert result.passed, [(t.id, t.passed, t.detail) for t in result.tests]
    wrong = src.replace("1e-6", "1e-3")  # an epsilon that changes the answer is still wrong
    assert not grade.check_file("clip-global-norm", write(tmp_path, wrong, "w.py"), seed=4).passed


def test_a_float_count_is_not_an_int(tmp_path: Path) -> None:
    src = solution_source("param_count").rstrip().splitlines()
    body = "\n".join(src)
    wrapped = body.replace("def param_count(", "def _count(") + (
        "\n\n\ndef param_count(cell, input_size, hidden_size, num_layers, bidirectional):\n"
        "    return _count(cell, input_size, hidden_size, num_layers, bidirectional) + 1e-9\n")
    result = grade.check_file("param-count", write(tmp_path, wrapped), seed=1)
    assert not result.passed
    detail = next(t.detail for t in result.tests if t.passed is False)
    assert detail["expected"] == "an int" and detail["got"].startswith("a float (")


def test_a_list_is_called_a_list(tmp_path: Path) -> None:
    src = solution_source("lstm_cell_forward").replace("return o * np.tanh(c), c", "return [o * np.tanh(c), c, c]")
    result = grade.check_file("lstm-cell-forward", write(tmp_path, src), seed=1)
    detail = next(t.detail for t in result.tests if t.passed is False)
    assert detail["got"] == "a list of 3"


def test_no_overflow_is_not_passed_when_every_call_crashed(tmp_path: Path) -> None:
    result = grade.check_file("stable-sigmoid", write(tmp_path, "def sigmoid(x):\n    raise ValueError('no')\n"), seed=1)
    assert {t.id: t.passed for t in result.tests}["no-overflow"] is None


def test_the_untouched_starter_is_not_implemented_not_a_failure(tmp_path: Path) -> None:
    from rnnquiz.drills.starter import starter_text

    result = grade.check_file("rnn-bptt", write(tmp_path, starter_text(get("rnn-bptt"), "en")), seed=1)
    assert result.not_implemented and not result.passed
    assert not grade.check_file("rnn-bptt", write(tmp_path, solution_source("rnn_bptt"), "s.py"), seed=1).not_implemented


def test_labels_fit_their_drill_and_a_scalar_has_no_brackets() -> None:
    from rnnquiz.render.drill import detail_line, test_label

    assert "truncat" not in test_label("rnn-bptt", "fd", "en")
    assert "padding" not in test_label("tbptt-chunks", "edge-full", "en")
    assert "truncation" not in test_label("last-valid-state", "edge-full", "en")
    assert test_label("param-count", "shapes", "en") != test_label("rnn-bptt", "shapes", "en")
    line = detail_line({"case": "c", "output": "count", "index": [], "got": 7.0, "expected": 8.0}, "en")
    assert line is not None and "count:" in line and "count[]" not in line


def test_no_line_ques_when_the_error_has_no_line_and_starter_wording() -> None:
    from rnnquiz.drills.catalog import D2L, TORCH
    from rnnquiz.drills.sandbox import Failure
    from rnnquiz.render.drill import error_line

    for kind in ("exception", "memory", "timeout"):
        for lang in ("en", "zh"):
            text = error_line(Failure(kind, "boom", line=None, type="ValueError", stage="call"), lang, 512)
            assert "line ?" not in text and "第 ? 行" not in text and "line" not in text, text
    assert "line 3" in error_line(Failure("exception", "boom", line=3, type="ValueError", stage="call"), "en", 512)
    assert "per gate" not in D2L.en and "G = 3 (GRU) or 4 (LSTM)" in TORCH.en
    assert "x W_ir" not in get("gru-cell-torch").task.en and "x @ W_ir.T" in get("gru-cell-torch").task.en
