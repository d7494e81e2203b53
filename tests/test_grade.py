"""Grading every question type, normalisation and the near-miss rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from rnnquiz.bank import grade
from rnnquiz.bank.load import load_catalog

GOOD = Path(__file__).parent / "data" / "good" / "example.yaml"
GLOSSARY = [{"id": "vanishing", "en": "vanishing gradient", "zh": "梯度消失", "variants": {"zh": ["梯度衰减"]}}]


@pytest.fixture(scope="module")
def qs():
    cat = load_catalog(only_paths=[GOOD])
    return {q.id.split("/")[1].removeprefix("example-"): q for q in cat.questions.values()}


def item(qs, name, seed=0):
    return grade.prepare(qs[name], seed)


def test_mcq_letter_and_unreadable(qs) -> None:
    it = item(qs, "mcq")
    right = "abcdefgh"[[qs["mcq"].choices[i].correct for i in it.choice_order].index(True)]
    wrong = next(c for c in "ab" if c != right)
    assert grade.grade(it, right.upper(), "en").status == "right"
    assert grade.grade(it, wrong, "en").status == "wrong"
    assert grade.grade(it, "z", "en").status == "unreadable"
    assert grade.grade(it, "", "en").status == "skipped"
    assert grade.grade(it, "?", "en").status == "skipped"


def test_shuffle_is_reproducible_per_seed(qs) -> None:
    assert item(qs, "multi", 5).choice_order == item(qs, "multi", 5).choice_order
    orders = {item(qs, "multi", s).choice_order for s in range(20)}
    assert len(orders) > 1


def test_multi_accepts_commas_spaces_and_runs(qs) -> None:
    it = item(qs, "multi")
    right = sorted("abc"[pos] for pos, i in enumerate(it.choice_order) if qs["multi"].choices[i].correct)
    for answer in (",".join(right), " ".join(right), "".join(right), "，".join(right).upper()):
        assert grade.grade(it, answer, "en").status == "right", answer
    assert grade.grade(it, right[0], "en").status == "wrong"
    assert grade.grade(it, "a,9", "en").status == "unreadable"


@pytest.mark.parametrize("answer,status", [("f", "right"), ("n", "right"), ("错", "right"), ("t", "wrong"),
                                           ("对", "wrong"), ("maybe", "unreadable")])
def test_truefalse(qs, answer, status) -> None:
    assert grade.grade(item(qs, "truefalse"), answer, "en").status == status


@pytest.mark.parametrize("answer,status", [
    ("forget gate", "right"), ("Forget Gate.", "right"), ("ＦＯＲＧＥＴ ＧＡＴＥ", "right"), ("遗忘门", "right"),
    ("「遗忘门」。", "right"), ("F_t", "right"), ("遗忘问", "wrong"), ("forgot gate", "wrong"),  # fuzzy: false
])
def test_typein_normalisation_without_fuzzy(qs, answer, status) -> None:
    assert grade.grade(item(qs, "typein"), answer, "en").status == status


def test_typein_near_miss_only_for_latin_words(qs) -> None:
    from dataclasses import replace

    q = replace(qs["typein"], fuzzy=True)
    it = grade.prepare(q, 0)
    v = grade.grade(it, "forgt gate", "en")
    assert v.status == "right" and "close enough" in v.note
    assert grade.grade(it, "遗忘问", "en").status == "wrong"  # CJK: never fuzzy; also a listed wrong answer
    assert grade.grade(it, "F_x", "en").status == "wrong"  # too short to be a typo


def test_near_miss_rules() -> None:
    acc = grade.expand(["tanh", "sigmoid", "0.25", "梯度消失"])
    assert grade.match_text("sigmod", acc, set(), True)[0]  # Latin, ≥ 5 letters
    assert not grade.match_text("tan", acc, set(), True)[0]  # 4 letters: exact only
    assert not grade.match_text("0.26", acc, set(), True)[0]  # digits: exact only
    assert not grade.match_text("梯度消亡", acc, set(), True)[0]  # CJK: exact only
    assert not grade.match_text("sigmod", acc, {grade.normalize("sigmod")}, True)[0]  # a known wrong answer
    assert not grade.match_text("sigmod", acc, set(), False)[0]  # fuzzy: false


def test_glossary_variants_are_accepted() -> None:
    acc = grade.expand(["梯度消失"], GLOSSARY)
    assert grade.match_text("梯度衰减", acc, set(), True)[0]
    assert grade.match_text("Vanishing gradient", acc, set(), True)[0]


def test_normalize_keeps_numbers_apart() -> None:
    assert grade.normalize("0.25") != grade.normalize("025")
    assert grade.normalize("−1") == grade.normalize("-1") != grade.normalize("1")
    assert grade.normalize("(0, 1)") == grade.normalize("(0，1)")


def test_cloze(qs) -> None:
    it = item(qs, "cloze")
    assert it.blanks() == ["c1", "c2"]
    assert grade.grade(it, "F_t | I_t", "en").status == "right"
    assert grade.grade(it, "遗忘门｜输入门", "en").status == "right"
    assert grade.grade(it, "I_t | F_t", "en").status == "wrong"
    assert grade.grade(it, "F_t", "en").status == "unreadable"


def test_order(qs) -> None:
    it = item(qs, "order")
    assert list(it.item_order) != sorted(it.item_order)  # never shown already solved
    answer = " ".join(str(it.item_order.index(i) + 1) for i in range(3))
    assert grade.grade(it, answer, "en").status == "right"
    assert grade.grade(it, answer.replace(" ", ""), "en").status == "right"
    assert grade.grade(it, " ".join(reversed(answer.split())), "en").status == "wrong"
    assert grade.grade(it, "1 1 2", "en").status == "unreadable"


def test_numeric_generator_and_tolerance(qs) -> None:
    it = item(qs, "numeric", seed=3)
    d, h = it.params["d"], it.params["h"]
    assert it.value == 4 * (h * (d + h) + h)
    assert str(d) in it.prompt("en") and "{d}" not in it.prompt("en")
    assert grade.grade(it, f"{int(it.value):,}", "en").status == "right"
    assert grade.grade(it, str(int(it.value) + 1), "en").status == "wrong"
    assert grade.grade(it, "lots", "en").status == "unreadable"


def test_flashcard_self_grade(qs) -> None:
    it = item(qs, "flashcard")
    assert grade.grade(it, "y", "en").status == "right"
    assert grade.grade(it, "n", "en").status == "wrong"
    assert "memory cell" in grade.expected(it, "en")
    assert "记忆细胞" in grade.expected(it, "zh")


def test_cloze_blank_may_end_in_a_brace() -> None:
    from rnnquiz.bank.load import CLOZE_BLANK
    from rnnquiz.bank.schema import Cloze, Text

    text = "H_t = φ(X_t W_xh + {{c1::H_{t-1}}} W_hh + b_h), {{c2::tanh::an activation}}"
    assert [m.groups() for m in CLOZE_BLANK.finditer(text)] == [("c1", "H_{t-1}", None), ("c2", "tanh", "an activation")]
    q = Cloze(id="x", type="cloze", topic="t", claims=("R5",), prompt=Text("Fill", "填"), explanation=Text("E", "解"),
              text=Text(text, text))
    assert grade.cloze_display(q, "en", reveal=False) == "H_t = φ(X_t W_xh + [c1] W_hh + b_h), [c2: an activation]"
    assert grade.grade(grade.prepare(q, 0), "H_{t-1} | tanh", "en").status == "right"


# --- the bundled banks: every form a bank shows or lists is accepted (property over all typed questions) ---


@pytest.fixture(scope="module")
def bundled():
    cat = load_catalog(bundled=True)
    assert cat.errors == []
    return cat


def test_every_listed_shown_hinted_and_glossary_form_is_accepted(bundled) -> None:
    from rnnquiz.bank.schema import Cloze, TypeIn

    failures, checked = [], 0
    for q in bundled.questions.values():
        item = grade.prepare(q, 0)
        if isinstance(q, TypeIn):
            forms = set(grade.typein_accepted(q, bundled.glossary).values())
            forms |= {q.answer.get(lang) for lang in ("en", "zh")} if q.answer else set()
            for lang in ("en", "zh"):
                forms.add(grade.expected(item, lang))
            for form in forms:
                for lang in ("en", "zh"):
                    checked += 1
                    if not grade.grade(item, form, lang, bundled.glossary).correct:
                        failures.append((q.id, lang, form))
        elif isinstance(q, Cloze):
            names = item.blanks()
            for lang in ("en", "zh"):
                checked += 1
                if not grade.grade(item, grade.expected(item, lang), lang, bundled.glossary).correct:
                    failures.append((q.id, lang, grade.expected(item, lang)))
                base = grade.cloze_answers(q, lang)
                for name in names:
                    for form in grade.cloze_accepted(q, name, bundled.glossary).values():
                        line = " | ".join(form if n == name else base[n] for n in names)
                        checked += 1
                        if not grade.grade(item, line, lang, bundled.glossary).correct:
                            failures.append((q.id, lang, line))
    assert checked > 300
    assert not failures, failures


def test_hints_and_parenthetical_parts_are_accepted(bundled) -> None:
    q = bundled.questions["lstm-cell-update-cloze"]
    it = grade.prepare(q, 0)
    assert grade.grade(it, "F_t | I_t | the candidate", "en").correct
    assert grade.grade(it, "遗忘门 | 输入门 | 候选值", "zh").correct
    cec = grade.prepare(bundled.questions["lstm-cec-name"], 0)
    for answer in ("constant error carousel (CEC)", "CEC", "constant error carousel", "恒定误差传送带（CEC）"):
        assert grade.grade(cec, answer, "zh", bundled.glossary).correct, answer


@pytest.mark.parametrize("a,b", [
    ("h×h", "h by h"), ("h x h", "(h, h)"), ("h*h", "[h, h]"), ("h乘h", "R^{h×h}"), ("h×h 矩阵", "h×h"),
    ("[0, 1]", "0 ≤ x ≤ 1"), ("(0, 1)", "0 < R_t < 1"), ("(0,1)之间", "(0, 1)"), ("[0, 1)", "0<=z<1"),
    ("0-1", "0–1"), ("0~1", "0 to 1"), ("from 0 to 1", "between 0 and 1"),
    ("0到1", "介于0和1之间"), ("detach", ".detach()"), ("Tensor.detach()", "hidden.detach_()"),
    ("||g||", "‖g‖"), ("norm(g)", "‖g‖"), ("the tanh function", "tanh"), ("双曲正切激活函数", "双曲正切"),
    ("BPTT算法", "BPTT"), ("梯度消失问题", "梯度消失"), ("decreases", "decreasing"), ("1.0", "1"),
    ("h, h", "h×h"), ("(2*h, q)", "2h×q"), ("(2h)×q", "2h by q"), ("O(n*n*d)", "O(n²·d)"), ("O(d n^2)", "O(n^2 d)"),
    ("sigma", "σ"), ("theta", "θ"), ("W_hh^T", "W_hhᵀ"), ("W_hh^⊤", "the transpose of W_hh"), ("W_hh.T", "W_hh transpose"),
    ("gradient norm", "‖g‖"), ("norm of the gradient", "norm(g)"), ("‖g‖₂", "||g||"), ("梯度的范数", "‖g‖"),
])
def test_answer_keys_that_mean_the_same(a, b) -> None:
    assert grade.normalize(a) == grade.normalize(b)


@pytest.mark.parametrize("a,b", [
    ("[0, 1]", "{0, 1}"), ("(0, 1)", "(-1, 1)"), ("0,1", "[0, 1]"), ("‖g‖", "g"), ("h×q", "q×h"),
    ("2h×q", "h×q"), ("0.25", "025"), ("-1", "1"), ("increases", "decreases"), ("exp", "e×p"),
    ("‖g‖²", "‖g‖"), ("||g||^2", "||g||"), ("→H_{t+1}", "←H_{t+1}"), ("→H_{t+1}", "H_{t+1}"), ("O(n·d²)", "O(n²·d)"),
    ("W_hh^T", "W_hh"), ("h, d", "h×h"), ("[0, 1]", "(0, 1)"), ("[0, 1]", "[0, 1)"), ("(0, 1)", "(0, 1]"),
    ("(0, 1)", "0 to 1"), ("0 < x < 1", "0 ≤ x ≤ 1"),
])
def test_answer_keys_that_differ(a, b) -> None:
    assert grade.normalize(a) != grade.normalize(b)


@pytest.mark.parametrize("given,ok", [
    ("tanh", True), ("it is tanh", True), ("the tanh activation", True), ("用tanh", True),
    ("not tanh", False), ("sigmoid, not tanh", False), ("sigmoid or tanh", False), ("tanh and sigmoid", False),
    ("不是tanh", False), ("tanh 或 sigmoid", False),
    ("a really long sentence that happens to mention tanh somewhere", False),
    ("tanh sampling", False), ("tanh I_t", False), ("tanh 2", False), ("tanh ρ", False), ("I think it's tanh", True),
])
def test_wrapped_answers(given, ok) -> None:
    assert grade.match_text(given, grade.expand(["tanh"]), set(), True)[0] is ok


def test_near_miss_note_shows_the_bank_spelling() -> None:
    ok, note = grade.match_text("spectrial radius", grade.expand(["spectral radius"]), set(), True)
    assert ok and "'spectral radius'" in note


def test_near_miss_never_when_as_close_to_a_listed_wrong_answer() -> None:
    acc, rej = grade.expand(["decreases"]), {grade.normalize("increases")}
    assert grade.match_text("decreses", acc, rej, True)[0]
    assert not grade.match_text("increases", acc, rej, True)[0]
    assert not grade.match_text("increses", acc, rej, True)[0]


def test_cloze_separator_never_splits_a_norm() -> None:
    assert grade.split_blanks("θ | ||g||") == ["θ", "||g||"]
    assert grade.split_blanks("a｜b|c") == ["a", "b", "c"]


def test_every_graded_type_can_be_overridden() -> None:
    assert set(grade.OVERRIDABLE) == set(grade._GRADERS) - {"flashcard"}


# --- choice positions: provably even ---------------------------------------------------------------


def test_key_position_takes_every_position_once_over_n_seeds(bundled) -> None:
    from rnnquiz.bank.schema import MCQ

    for q in bundled.questions.values():
        if isinstance(q, MCQ):
            n = len(q.choices)
            for start in (0, 7):
                shown = []
                for seed in range(start, start + n):
                    it = grade.prepare(q, seed)
                    shown.append([q.choices[i].correct for i in it.choice_order].index(True))
                assert sorted(shown) == list(range(n)), (q.id, shown)


def test_prepare_all_spreads_the_key_evenly_in_every_session(bundled) -> None:
    from collections import Counter

    from rnnquiz.bank.schema import MCQ

    mcqs = [q for q in bundled.questions.values() if isinstance(q, MCQ)]
    for seed in range(6):
        items = grade.prepare_all(mcqs, seed)
        for n in {len(q.choices) for q in mcqs}:
            group = [it for it in items if len(it.question.choices) == n]
            counts = Counter([it.question.choices[i].correct for i in it.choice_order].index(True) for it in group)
            assert max(counts.values()) - min(counts.get(p, 0) for p in range(n)) <= 1, (seed, n, counts)
        assert [it.choice_order for it in items] == [it.choice_order for it in grade.prepare_all(mcqs, seed)]
    # the whole session, not one seed for all: the same question moves between sessions
    assert len({grade.prepare_all(mcqs, s)[0].choice_order for s in range(8)}) > 1


@pytest.mark.parametrize("given,form,context,clash", [
    ("T", "t", "", True), ("T+1", "t+1", "", True), ("t + 1", "t+1", "", False), ("H×H", "h×h", "W_hh is h by h", False),
    ("H×H", "h×h", "H is n×h, so W is h×h", True), ("W_hh^T", "W_hh^T", "", False), ("w_hh^t", "W_hh^T", "", False),
    ("o(n)", "O(n)", "", False), ("H_{t-1}", "H_{t-1}", "", False), ("h_{t-1}", "H_{t-1}", "", False),
    ("A tanh", "tanh", "", False),
])
def test_single_letter_symbols_keep_their_case(given, form, context, clash) -> None:
    """t is a step and T the sequence length: a letter standing alone is case-sensitive (always for t/T, for
    other letters when the question uses both); letters in names (W_hh, H_{t-1}), after ^ (a transpose) and
    before ( (O(n)) are not."""
    assert grade._case_clash(given, form, context) is clash


def test_the_order_hint_example_is_never_the_answer() -> None:
    # newcomer run: the hint said "e.g. 2 1 3" and the answer was 2 1 3 (items shown in that order)
    from rnnquiz.bank.load import load_catalog
    from rnnquiz.render.question import hint

    cat = load_catalog(bundled=True)
    orders = [q for q in cat.questions.values() if q.type == "order"]
    assert orders
    for q in orders:
        for seed in range(30):
            item = grade.prepare(q, seed)
            answer = grade.expected(item, "en").split("  ")[0]
            example = grade.order_example(item)
            assert example != answer and sorted(example.split()) == sorted(answer.split()), (q.id, seed)
            assert example in hint(item, "en") and example in hint(item, "zh")
            v = grade.grade(item, "1 1", "en")
            assert v.status == "unreadable" and answer not in v.note


def test_import_compiles_no_pattern() -> None:
    """Importing the grader compiles none of its regular expressions (issue 11: its import was 11.6 ms, most
    of it ~26 module-level re.compile); each compiles on first use and grading is unchanged."""
    import subprocess
    import sys

    code = (
        "import re, sys\n"
        "import rnnquiz.bank.load, rnnquiz.bank.schema, rnnquiz.bank.generators, rnnquiz.blake, rnnquiz.i18n\n"
        "seen = []\n"
        "real = re.compile\n"
        "def spy(pattern, flags=0):\n"
        "    seen.append(sys._getframe(1).f_code.co_filename)\n"
        "    return real(pattern, flags)\n"
        "re.compile = spy\n"
        "import rnnquiz.bank.grade as g\n"
        "print(sum(f.endswith('grade.py') for f in seen))\n"
        "re.compile = real\n"
        "print(g.split_blanks('a | ||g|| ｜ c'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "0", f"grade.py compiled {out[0]} pattern(s) at import"
    assert out[1] == "['a', '||g||', 'c']"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_show_lists_each_accepted_form_once_in_its_language(lang) -> None:
    """`rnnquiz show`'s "also accepted" line: one form per answer key, the view's language first, no English
    phrases in the zh view (review round 6: the en and zh lists were merged, [0, 1] and (0, 1) twice)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    out = subprocess.run([sys.executable, "-m", "rnnquiz", "show", "gru-gate-range-typein", "--lang", lang],
                         capture_output=True, text=True, env=env, check=True).stdout
    line = next(ln for ln in out.splitlines() if ("也接受" if lang == "zh" else "Also accepted") in ln)
    assert line.count("[0, 1]") == 1 and line.count("(0, 1)") == 1, line
    assert ("0到1" in line) == (lang == "zh") and ("0 to 1" in line) == (lang == "en"), line
    assert "between" not in line and "之间" not in line, line  # the same key as 0 to 1 / 0到1


def test_letter_and_truefalse_answers_in_words() -> None:
    """`the answer is b`, `选 B`, `答案是B。`, `b, d and f`, `对的`, `不对`, `correct`: how people type a letter or
    a verdict is the letter or the verdict (the next reviewer's forms, round 6), not an unreadable line."""
    cat = load_catalog(bundled=True)
    qs = list(cat.questions.values())
    mcq = next(q for q in qs if q.type == "mcq")
    it = grade.prepare(mcq, 0)
    key = grade.LETTERS[[mcq.choices[i].correct for i in it.choice_order].index(True)]
    other = next(c for c in "abcd" if c != key)
    for line in (f"the answer is {key}", f"选{key.upper()}", f"答案是{key.upper()}。", f"option {key}", f"I pick {key}",
                 f"选项 {key}", f"{key}。", f"it is {key}."):
        assert grade.grade(it, line, "en").status == "right", line
    assert grade.grade(it, f"the answer is {other}", "en").status == "wrong"
    assert grade.grade(it, "the answer is", "en").status == "unreadable"
    multi = next(q for q in qs if q.type == "multi")
    it = grade.prepare(multi, 0)
    keys = [grade.LETTERS[p] for p, i in enumerate(it.choice_order) if multi.choices[i].correct]
    assert len(keys) >= 2
    for line in (", ".join(keys[:-1]) + " and " + keys[-1], "答案是" + "和".join(keys).upper(), " & ".join(keys)):
        assert grade.grade(it, line, "en").status == "right", line
    assert grade.grade(it, " and ".join(keys[:-1]), "en").status == "wrong"
    tf = next(q for q in qs if q.type == "truefalse")
    it = grade.prepare(tf, 0)
    yes, no = ("对的", "不对") if tf.answer else ("不对", "对的")
    for line in (yes, "correct" if tf.answer else "incorrect", "是的" if tf.answer else "错的"):
        assert grade.grade(it, line, "zh").status == "right", line
    assert grade.grade(it, no, "zh").status == "wrong"


def test_numbers_said_in_a_sentence() -> None:
    """`等于200`, `the answer is 200`, `200 parameters`, `200个参数`, `0.00515.`: the number is the answer (they
    were unreadable lines); a multiplier word is not a unit (`27 million` stays unreadable, not 27)."""
    for text, value in (("等于200", 200), ("the answer is 200", 200), ("200 parameters", 200), ("200个参数", 200),
                        ("0.00515.", 0.00515), ("200。", 200), ("20 hidden units.", 20), ("答案是 1/4", 0.25)):
        assert grade.parse_number(text) == pytest.approx(value), text
    assert grade.parse_number("27 million") is None
    assert grade.parse_number("200 or 400") is None


def test_a_norm_with_single_bars_in_a_real_quiz() -> None:
    """Review round 6 (A11): `θ | |g|` in the quiz was "fill 2 blank(s)"; through the real process it is right,
    and `θ | g` stays wrong."""
    import json
    import os
    import subprocess
    import sys

    for line, status in (("θ | |g|", "right"), ("θ | g", "wrong")):
        run = subprocess.run([sys.executable, "-m", "rnnquiz", "quiz", "--tag", "clipping", "--type", "cloze", "-n", "1",
                              "--seed", "1", "--json"], input=line + "\n", capture_output=True, text=True,
                             env=os.environ.copy(), timeout=120)
        assert run.returncode in (0, 1), run.stderr
        doc = json.loads(run.stdout)
        assert [(q["id"], q["status"]) for q in doc["questions"]] == [("bptt-clipping-formula", status)], run.stdout


def test_multi_expected_answer_reads_as_one_line_in_each_language(bundled) -> None:
    """A multi's right choices are sentences: the expected line joins them without `.;` (newcomer round 4)."""
    multis = [q for q in bundled.questions.values() if q.type == "multi" and sum(c.correct for c in q.choices) > 1]
    assert multis
    for q in multis:
        item = grade.prepare(q, 0)
        en, zh = grade.expected(item, "en"), grade.expected(item, "zh")
        assert ".;" not in en and "。;" not in zh and "。；" not in zh, (q.id, en, zh)
        assert "; " not in zh or any("; " in c.text.get("zh") for c in q.choices), (q.id, zh)  # full-width in zh


def test_show_never_lists_the_displayed_answer_as_also_accepted(bundled) -> None:
    """Newcomer round 5 #17: "Answer: exposure bias / Also accepted: exposure bias" (a bank without `answer:`)."""
    typeins = [q for q in bundled.questions.values() if q.type == "typein"]
    assert any(q.answer is None for q in typeins)
    for q in typeins:
        for lang in ("en", "zh"):
            shown = grade.normalize(grade.expected(grade.prepare(q, 0), lang))
            assert shown not in {grade.normalize(f) for f in grade.accepted_for_display(q, lang)}, (q.id, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_answer_longer_than_any_short_answer_is_unreadable_with_its_length(qs, lang) -> None:
    it = item(qs, "typein")
    key = grade.expected(it, lang)
    assert grade.grade(it, key, lang).status == "right"
    at_cap = (key + " ") * (grade.MAX_ANSWER_CHARS // (len(key) + 1))
    assert grade.grade(it, at_cap, lang).status != "unreadable"  # long, but within the cap: graded as usual
    v = grade.grade(it, key + " " + "x" * grade.MAX_ANSWER_CHARS, lang)
    assert v.status == "unreadable" and str(grade.MAX_ANSWER_CHARS) in v.note and str(len(key) + 1 + grade.MAX_ANSWER_CHARS) in v.note


def test_no_module_level_name_of_the_grader_is_bound_twice() -> None:
    """A second `_NAME = …` at module level silently replaces the first for every reader that uses it (review 20:
    a new `_LIST_SEP` broke an old reader's lists); a name may only be rebound from itself (`_X = rf"…{_X}…"`)."""
    import ast
    from pathlib import Path

    import rnnquiz.bank.grade as grade_module

    tree = ast.parse(Path(grade_module.__file__).read_text(encoding="utf-8"))
    seen: set[str] = set()
    twice = []
    for node in tree.body:
        if isinstance(node, ast.AugAssign):
            continue  # `NEUTRAL_EN |= {…}` extends the one set
        targets = [node.name] if isinstance(node, ast.FunctionDef | ast.ClassDef) else [
            t.id for t in getattr(node, "targets", [getattr(node, "target", None)]) if isinstance(t, ast.Name)]
        for name in targets:
            uses_itself = isinstance(node, ast.Assign) and any(
                isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.value))
            if name in seen and not uses_itself:
                twice.append(name)
            seen.add(name)
    assert twice == []
