from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rnnquiz.bank.load import load_catalog

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "good" / "example.yaml"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.t

    def tick(self, seconds: float) -> None:
        self.t += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def example_cat():
    cat = load_catalog(only_paths=[EXAMPLE])
    assert not cat.errors, cat.errors
    return cat


def right_line(item) -> str:
    """A correct answer line for a prepared item (as a script would type it)."""
    from rnnquiz.bank import grade

    q = item.question
    if item.type in ("mcq", "multi"):
        return ",".join(grade.LETTERS[p] for p, i in enumerate(item.choice_order) if q.choices[i].correct)
    if item.type == "truefalse":
        return "t" if q.answer else "f"
    if item.type == "order":
        return " ".join(str(item.item_order.index(i) + 1) for i in range(len(q.items)))
    if item.type == "numeric":
        return grade.format_number(item.value)
    if item.type == "flashcard":
        return "y"
    if item.type == "cloze":
        return " | ".join(grade.cloze_answers(q, "en").values())
    return grade.expected(item, "en")


def wrong_line(item) -> str:
    q = item.question
    if item.type in ("mcq", "multi"):
        from rnnquiz.bank import grade

        return next(grade.LETTERS[p] for p, i in enumerate(item.choice_order) if not q.choices[i].correct)
    if item.type == "truefalse":
        return "f" if q.answer else "t"
    if item.type == "order":
        return " ".join(str(i) for i in range(1, len(q.items) + 1))  # shown order is never the right one
    if item.type == "numeric":
        return str((item.value or 0) + 1000)
    if item.type == "flashcard":
        return "n"
    if item.type == "cloze":
        return " | ".join("nonsense" for _ in item.blanks())
    return "output gate"
