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


@pytest.mark.filterwarnings("ignore:overflow encountered in exp:RuntimeWarning")  # the mutant divides by step 1's zero variance
def test_batchnorm_fails_when_inference_reuses_step_one_statistics(monkeypatch):
    from rnnquiz.proofs.experiments.nets import BNLSTM

    assert _failed("batchnorm") == set()
    patch_source(monkeypatch, BNLSTM, "forward", "stats[t]", "stats[0]")  # both terms, every step
    assert BN_PER_STEP in _failed("batchnorm")


# ---------------------------------------------------------------- item 10: long-range --quick says what it ran


def test_long_range_quick_names_no_lstm_in_title_or_claims():
    quick, full_title = run_proof("long-range", seed=0, quick=True), "GRU and LSTM"
    assert quick.passed
    assert full_title not in quick.title["en"] and "LSTM" not in quick.title["en"].replace("no LSTM", "")
    assert "GRU 和 LSTM" not in quick.title["zh"]
    assert quick.claims == ("G2",)
    from rnnquiz.proofs.registry import PROOFS

    assert full_title in PROOFS["long-range"].title.get("en") and "L1" in PROOFS["long-range"].claims  # the full run keeps them


# ---------------------------------------------------------------- item 13: the proof screens at 80 columns


def _render(renderable, width: int = 80) -> str:
    import io

    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None).print(renderable)
    return buf.getvalue()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_prove_list_at_80_columns_shows_every_title_whole(lang):
    """zh `prove --list` at 80 columns cut "1–3" to "1–…" (and ∂C_t/… likewise): a title folds, never ellipsises,
    and a claim id (文章外) stays on one line."""
    from rnnquiz.proofs.registry import PROOFS
    from rnnquiz.render.proof import proof_list

    specs = list(PROOFS.values())
    text = _render(proof_list(specs, lang))
    assert "…" not in text
    lines = text.splitlines()
    start = lines[0].index("标题" if lang == "zh" else "title")
    from rich.cells import cell_len

    def column(line: str) -> str:  # the text at or after cell `start`
        out, cells = "", 0
        for ch in line:
            if cells >= start:
                out += ch
            cells += cell_len(ch)
        return out

    titles = "".join(column(ln).strip() for ln in lines[2:]).replace(" ", "")
    for s in specs:
        assert s.title.get(lang).replace(" ", "") in titles, s.id
    if lang == "zh":
        assert not any(ln.rstrip().endswith(("文", "文章")) for ln in lines), text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_prove_header_keeps_the_title_apart_from_the_claims_at_80_columns(lang):
    """long-range --quick at 80 columns printed "…a plain RNN does claims G2": one space between title and claims."""
    from rnnquiz.proofs.registry import PROOFS
    from rnnquiz.proofs.result import ProofResult
    from rnnquiz.render.proof import header

    label = "claims" if lang == "en" else "论断"
    titles = [s.title for s in PROOFS.values()] + [
        {"en": "Adding problem: a GRU learns long-range dependencies, a plain RNN does not (--quick: no LSTM)",
         "zh": "加法问题：GRU 能学到长程依赖，普通 RNN 不能（--quick：不训练 LSTM）"}]
    for title in titles:
        r = ProofResult.start("long-range", 0, True)
        r.title = {"en": title.get("en"), "zh": title.get("zh")}
        first = _render(header(r, lang)).splitlines()[0]
        before = first[:first.index(label)]
        assert before.endswith("   ") and before.strip(), first


def _marker_counts(chart, width: int = 80) -> list[int]:
    """How many plot cells show each series' marker (inside the frame, axes and legend left out)."""
    import re

    from rnnquiz.render.proof import MARKERS, chart_text

    lines = chart_text(chart, width, False).plain.splitlines()
    top = next(i for i, ln in enumerate(lines) if "┌" in ln)
    bottom = next(i for i, ln in enumerate(lines) if "└" in ln)
    body = "".join(re.split("[│┤]", ln, maxsplit=1)[1][:-1] for ln in lines[top + 1:bottom])
    return [body.count(MARKERS[i % len(MARKERS)]) for i in range(len(chart.series))]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_spectral_radius_charts_show_every_series(seed):
    """One chart of six tanh curves hid ρ = 1 under 0.9 and 1.1 (1 cell of 73)."""
    r = run_proof("spectral-radius", seed=seed, quick=True)
    names = [loc(s.name) for c in r.charts for s in c.series]
    assert sorted(names) == sorted(f"ρ={p:g}" for p in (0.5, 0.9, 1.0, 1.1, 1.5, 3.0))  # every ρ is still drawn
    for chart in r.charts:
        assert min(_marker_counts(chart)) >= 10, (loc(chart.title), _marker_counts(chart))


def test_every_proof_chart_shows_every_series():
    """The same class of defect in every proof's charts (seed 0, --quick, 80 columns)."""
    from rnnquiz.proofs.registry import PROOFS

    hidden = []
    for pid in PROOFS:
        for chart in run_proof(pid, seed=0, quick=True).charts:
            counts = _marker_counts(chart)
            hidden += [(pid, loc(chart.title), loc(s.name), n) for s, n in zip(chart.series, counts, strict=True) if n < 3]
    assert not hidden, hidden


# ---------------------------------------------------------------- item 11: answer lines written for the question


def test_every_true_false_answer_line_states_the_questions_verdict():
    """gru-reset-placement-truefalse printed conventions' line (about GRU forms and LSTM gate order), not whether
    the statement is true; 26 true/false questions printed a line without a verdict. Each now starts with it."""
    from rnnquiz.commands.common import load
    from rnnquiz.proofs.questions import answer_for, question_params

    cat = load(None)
    qs = [q for q in cat.questions.values() if q.type == "truefalse" and q.proof]
    assert len(qs) >= 20
    runs: dict = {}
    for q in qs:
        params = question_params(q, 0)
        key = (q.proof, repr(sorted(params.items())))
        if key not in runs:
            runs[key] = run_proof(q.proof, seed=0, quick=True, params=params or None)
        got = answer_for(q, runs[key])
        en, zh = loc(got, "en"), loc(got, "zh")
        assert en.startswith("True: " if q.answer else "False: "), (q.id, en)
        assert zh.startswith("对：" if q.answer else "错："), (q.id, zh)
        assert not en.removeprefix("True: ").removeprefix("False: ").startswith(("Yes", "No")), (q.id, en)


@pytest.mark.parametrize(("qid", "words"), [
    ("practice-forget-bias-pytorch", ("bias_ih_l0[h:2h] = 1", "bias_hh_l0[h:2h] = 0")),  # how, not why
    ("gru-reset-placement-truefalse", ("False: ", "reset-before", "reset-after")),  # no LSTM gate order in it
    ("lstm-why-tanh-candidate", ("I_t ⊙ C̃_t", "tanh′(0) = 1")),  # the candidate, not ReLU gates
])
def test_named_questions_get_their_own_answer_line(qid, words):
    from rnnquiz.commands.common import load
    from rnnquiz.proofs.questions import answer_for

    q = load(None).questions[qid]
    line = loc(answer_for(q, run_proof(q.proof, seed=0, quick=True)))
    assert all(w in line for w in words), line
    assert "LSTM gate order" not in line and "ReLU" not in line


# ---------------------------------------------------------------- item 12: bank lines agree with themselves


def test_forget_bias_sigma_one_answer_has_the_decimals_its_prompt_asks_for():
    from rnnquiz.bank.grade import grade, prepare
    from rnnquiz.commands.common import load

    q = load(None).questions["lstm-forget-bias-sigma-one"]
    assert "3 decimals" in q.prompt.get("en") and "3 位小数" in q.prompt.get("zh")
    assert f"{q.answer}".split(".")[1] == "731"  # σ(1) = 0.7310585… to 3 decimals
    item = prepare(q, 0)
    for typed in ("0.731", "0.7311", "0.73106"):
        assert grade(item, typed, "en").correct, typed
    for typed in ("0.73", "0.732", "0.5"):
        assert not grade(item, typed, "en").correct, typed


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_show_joins_the_right_choices_of_a_multi_question_without_a_stray_period(lang):
    """`show lstm-why-tanh-candidate` printed "…increase it.; Near 0…"; every multi and mcq answer line is checked."""
    from rnnquiz.commands.common import load
    from rnnquiz.render.bank import question_detail

    cat = load(None)
    shown = 0
    for q in cat.questions.values():
        if q.type not in ("multi", "mcq") or sum(c.correct for c in q.choices) < 2:
            continue
        text = " ".join(_render(question_detail(q, lang, cat), width=400).split())
        assert ".;" not in text and "。；" not in text and "。;" not in text, q.id
        shown += 1
    assert shown >= 5
