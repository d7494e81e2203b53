"""Round 9 (content-g): a wrong answer that holds the key but is plainly wrong is never "not sure", and the
numbers people write in words are read."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rnnquiz.bank import grade
from rnnquiz.bank.load import load_catalog

CASES = [c for c in yaml.safe_load((Path(__file__).parent / "corpus_round9_g.yaml").read_text(encoding="utf-8"))["cases"]
         if c.get("sure")]


@pytest.fixture(scope="module")
def cat():
    return load_catalog(bundled=True)


def test_there_are_sure_cases() -> None:
    assert len(CASES) >= 40 and all(c["verdict"] == "wrong" for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']}:{c['lang']}:{c['answer']}" for c in CASES])
def test_plainly_wrong_is_not_unsure(cat, case) -> None:
    v = grade.grade(grade.prepare(cat.questions[case["id"]], 0), case["answer"], case["lang"], cat.glossary)
    assert v.status == "wrong" and not v.unsure, (case, v)


@pytest.mark.parametrize("text, value", [("nine", 9), ("twenty times", 20), ("ten thousand", 10000), ("10k", 10000),
                                         ("twenty-one", 21), ("one hundred and twenty", 120), ("e的平方", 7.389056),
                                         ("0.9的50次方", 0.9 ** 50), ("2的立方", 8), ("1.5M", 1.5e6),
                                         ("200?", 200), ("200 (I think)", 200), ("应该是200吧", 200), ("maybe 20", 20),
                                         ("1 (one-to-one)", 1), ("13 (one-to-many)", 13), ("one output step", 1),
                                         ("25 (T_out)", 25)])
def test_number_words(text, value) -> None:
    assert grade.parse_number(text) == pytest.approx(value, rel=1e-5)


@pytest.mark.parametrize("text", ["27 million", "a thousand", "twenty or thirty", "maybe 200 or 400", "200 or 400?"])
def test_number_words_not_guessed(text) -> None:
    assert grade.parse_number(text) is None


@pytest.mark.parametrize("answer, wrong", [("spectral radius", False), ("1/spectral radius", True), ("谱半径的倒数", True),
                                           ("one over the spectral radius", True), ("the spectral radius", False)])
def test_inverse_of_the_key_is_plainly_wrong(cat, answer, wrong) -> None:
    accepted = grade.typein_accepted(cat.questions["bptt-spectral-radius-term"], cat.glossary)
    assert grade._round9_wrong(answer, accepted) is wrong
