"""The order an export shows a question's choices in: the same balanced order as a quiz session.

`rnnquiz/bank/grade.py` owns the rule (`key_positions`, `prepare`); this module only names it for the
exporters, so the Anki and TSV exports and a session never disagree on how letters are spread.
"""

from __future__ import annotations

from collections.abc import Iterable

from rnnquiz.bank import grade
from rnnquiz.bank.schema import MCQ, Multi, Question


def correct_positions(questions: Iterable[Question], seed: int = 0) -> dict[str, int]:
    """Where each mcq of an export shows its correct choice: among the mcqs with n choices every
    position is used ⌊m/n⌋ or ⌈m/n⌉ times (`grade.key_positions`)."""
    return grade.key_positions(list(questions), seed)


def choice_order(question: MCQ | Multi, seed: int = 0, correct_at: int | None = None) -> tuple[int, ...]:
    """Shown position → index in `question.choices`, reproducible for (seed, question id); an mcq's
    correct choice at `correct_at` when given."""
    order = grade.prepare(question, seed, position=correct_at).choice_order
    assert order is not None
    return tuple(order)
