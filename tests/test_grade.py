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
