"""The order an export shows a question's choices in, with the correct mcq letter spread evenly.

Kept in one place so that it can point at the shared balanced order of `rnnquiz/bank/grade.py` once
that exists.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable

from rnnquiz.bank.schema import MCQ, Multi, Question


def _key(seed: int, qid: str) -> str:
    return hashlib.sha256(f"export:{seed}:{qid}".encode()).hexdigest()


def correct_positions(questions: Iterable[Question], seed: int = 0) -> dict[str, int]:
    """Where each mcq of an export shows its correct choice: the mcqs with n choices, in an order drawn
    from their ids, take positions 0, 1, …, n−1, 0, … in turn, so no letter is correct more than once more
    often than another. A question keeps its position as long as the set of questions is the same."""
    by_size: dict[int, list[MCQ]] = {}
    for q in questions:
        if isinstance(q, MCQ) and sum(c.correct for c in q.choices) == 1:
            by_size.setdefault(len(q.choices), []).append(q)
    out: dict[str, int] = {}
    for n, group in by_size.items():
        for k, q in enumerate(sorted(group, key=lambda q: _key(seed, q.id))):
            out[q.id] = k % n
    return out


def choice_order(question: MCQ | Multi, seed: int = 0, correct_at: int | None = None) -> tuple[int, ...]:
    """Shown position → index in `question.choices`, reproducible for (seed, question id).

    With `correct_at`, an mcq's correct choice is put there and the wrong ones shuffled around it; without
    it (or for a multi) the choices are shuffled as a whole.
    """
    rng = random.Random(_key(seed, question.id))
    n = len(question.choices)
    right = [i for i, c in enumerate(question.choices) if c.correct]
    if isinstance(question, MCQ) and correct_at is not None and len(right) == 1:
        wrong = [i for i, c in enumerate(question.choices) if not c.correct]
        rng.shuffle(wrong)
        return tuple(wrong[:correct_at] + right + wrong[correct_at:])
    order = list(range(n))
    rng.shuffle(order)
    return tuple(order)
