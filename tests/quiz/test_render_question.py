"""print_item / print_feedback against a plain console: bank text literal, every type shown."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from rnnquiz.bank import grade
from rnnquiz.bank.load import load_catalog
from rnnquiz.render.question import print_feedback, print_item

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "good" / "example.yaml"


@pytest.fixture(scope="module")
def cat():
    return load_catalog([EXAMPLE])


def console() -> Console:
    return Console(file=io.StringIO(), width=100, color_system=None)


def text(c: Console) -> str:
    return c.file.getvalue()  # type: ignore[attr-defined]


def test_mcq_shows_lettered_choices_and_why_of_wrong_pick(cat):
    item = grade.prepare(cat.get("example/example-mcq"), seed=3)
    c = console()
    print_item(c, item, "en", header="1/8 [bold]")
    out = text(c)
    assert "1/8 [bold]" in out  # header printed literally, not as markup
    assert "a) " in out and "b) " in out
    wrong_letter = grade.LETTERS[[item.question.choices[i].correct for i in item.choice_order].index(False)]
    v = grade.grade(item, wrong_letter, "en")
    c = console()
    print_feedback(c, item, v, "en")
    out = text(c)
    assert "✗ wrong" in out
    assert "a gate must be a share between 0 and 1" in out
    assert "Answer: " in out and "sigmoid" in out


def test_every_type_renders_and_feedback_has_explanation(cat):
    for q in cat.questions.values():
        if q.bank != "example":
            continue
        item = grade.prepare(q, seed=1)
        c = console()
        print_item(c, item, "zh")
        print_feedback(c, item, grade.grade(item, "?", "zh"), "zh")
        out = text(c)
        assert item.prompt("zh") in out
        assert "– 跳过" in out
        assert q.explanation.get("zh")[:10] in out


def test_cloze_blanks_hidden_and_order_numbered(cat):
    c = console()
    print_item(c, grade.prepare(cat.get("example/example-cloze"), 1), "en")
    print_item(c, grade.prepare(cat.get("example/example-order"), 1), "en")
    out = text(c)
    assert "[c1]" in out and "[c2: a gate]" in out and "{{c1" not in out
    assert "  1. " in out and "  3. " in out


def test_override_and_misconception(cat):
    item = grade.prepare(cat.get("example/example-truefalse"), 1)
    c = console()
    print_feedback(c, item, grade.grade(item, "t", "en"), "en", override=True)
    out = text(c)
    assert "override" in out
    assert "Common wrong answer" in out
