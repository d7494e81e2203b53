"""The review session as a state machine: which card next, what an answer line means, commit, undo.

Inputs (answer lines, ratings) and the clock are passed in; the store is reached only through a `Deck`.
The command layer (rnnquiz/commands/review.py) feeds it from a terminal or from the stdin protocol and
renders what it returns. Every answer is committed in its own transaction before the next card is picked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rnnquiz.bank import grade as grading
from rnnquiz.bank.schema import Question
from rnnquiz.study import scheduler as sch
from rnnquiz.study.cards import Deck, Elsewhere, Pick
from rnnquiz.study.scheduler import AGAIN, EASY, GOOD, CardState, Outcome, Planner

RATING_SUFFIX = re.compile(r"^(.*?)(?:^|\s)!([1-4])\s*$", re.S)


def split_rating(line: str) -> tuple[str, int | None]:
    """`b !4` -> ("b", 4): the stdin protocol's rating suffix on a graded answer."""
    m = RATING_SUFFIX.match(line)
    if not m:
        return line, None
    return m.group(1).rstrip(), int(m.group(2))


def flashcard_rating(line: str) -> int | None:
    """A flashcard line in review: 1–4, or y/n (knew it: Good; did not: Again). None if unreadable."""
    s, suffix = split_rating(line.strip())
    if suffix is not None:
        return suffix
    s = s.strip()
    if s in ("1", "2", "3", "4"):
        return int(s)
    if s in grading.SKIP:
        return AGAIN
    status, _ = grading._grade_flashcard(None, s, ())  # type: ignore[arg-type]
    return {"right": GOOD, "wrong": AGAIN}.get(status)


@dataclass
class Shown:
    """A card on screen: the pick, its question, the prepared item, when it was shown, its previews."""

    pick: Pick
    question: Question
    item: grading.Item
    shown_at: datetime
    outcomes: dict[int, Outcome] | None = None
    previewed_at: datetime | None = None

    @property
    def question_id(self) -> str:
        return self.pick.question_id

    @property
    def card(self) -> CardState:
        return self.pick.card


@dataclass(frozen=True)
class Answered:
    question_id: str
    rating: int
    outcome: Outcome
    log_id: int | None  # None: reviewed elsewhere, nothing written
    given: str = ""

    @property
    def saved(self) -> bool:
        return self.log_id is not None


@dataclass(frozen=True)
class Undone:
    question_id: str
    log_id: int
    card: CardState | None  # None: the card changed elsewhere; nothing undone


@dataclass
class ReviewSession:
    """One sitting. `questions`: the selected questions by id; `clock()` returns an aware UTC time."""

    deck: Deck
    planner: Planner
    questions: Mapping[str, Question]
    clock: Callable[[], datetime]
    new_per_day: int = 20
    reviews_per_day: int = 200
    limit: int | None = None  # answers in this session at most
    seed: int = 0
    session_id: str = ""
    answers: list[Answered] = field(default_factory=list)
    undo_stack: list[Answered] = field(default_factory=list)
    elsewhere: set[str] = field(default_factory=set)
    _front: str | None = None

    # --- choosing ---------------------------------------------------------------------------------
    def remaining_limits(self, now: datetime) -> tuple[int, int]:
        new_today, reviews_today = self.deck.counts_today(self.planner.clock, now)
        return max(0, self.new_per_day - new_today), max(0, self.reviews_per_day - reviews_today)

    def next(self) -> Shown | None:
        """The next card to show, or None when the session is done (limit reached or nothing due)."""
        if self.limit is not None and len(self.undo_stack) >= self.limit:
            return None
        now = self.clock()
        if self._front is not None:  # an undone card comes straight back
            qid, self._front = self._front, None
            if qid in self.questions:
                return self._show(Pick(qid, self.deck.card(qid), "undo"), now)
        new_left, reviews_left = self.remaining_limits(now)
        deadline = self.deadline(now)
        pick = self.deck.pick(
            now, self.planner.clock, new_left=new_left, reviews_left=reviews_left, exclude=self.elsewhere,
            all_studied_due=bool(deadline and deadline.all_due),
        )
        return None if pick is None else self._show(pick, now)

    def _show(self, pick: Pick, now: datetime) -> Shown:
        q = self.questions[pick.question_id]
        # a fresh seed per showing: choices reshuffle, numeric parameters are drawn anew
        item = grading.prepare(q, self.seed + len(self.answers))
        return Shown(pick, q, item, now)

    def deadline(self, now: datetime) -> sch.Deadline | None:
        return sch.deadline_for(self.planner.deadline, self.planner.clock, now)

    # --- answering --------------------------------------------------------------------------------
    def preview(self, shown: Shown) -> dict[int, Outcome]:
        """The four outcomes at this moment, computed once per showing (fuzz drawn once)."""
        if shown.outcomes is None:
            shown.previewed_at = self.clock()
            shown.outcomes = self.planner.preview(shown.card, shown.previewed_at)
        return shown.outcomes

    def answer(self, shown: Shown, rating: int, given: str = "") -> Answered:
        """Commit the rating with the outcome that was shown. Reviewed elsewhere: nothing written."""
        outcomes = self.preview(shown)
        assert shown.previewed_at is not None
        outcome = outcomes[rating]
        duration = int((shown.previewed_at - shown.shown_at).total_seconds() * 1000)
        try:
            log_id, _ = self.deck.commit_review(
                shown.card, outcome, shown.previewed_at, duration_ms=duration, session=self.session_id
            )
        except Elsewhere:
            self.elsewhere.add(shown.question_id)
            result = Answered(shown.question_id, rating, outcome, None, given)
            self.answers.append(result)
            return result
        result = Answered(shown.question_id, rating, outcome, log_id, given)
        self.answers.append(result)
        self.undo_stack.append(result)
        return result

    def undo(self) -> Undone | None:
        """Take back the last saved answer of this session (several levels). None when there is none."""
        if not self.undo_stack:
            return None
        last = self.undo_stack.pop()
        assert last.log_id is not None
        try:
            card = self.deck.commit_undo(last.log_id, self.clock(), expect_last=True, session=self.session_id)
        except Elsewhere:
            return Undone(last.question_id, last.log_id, None)
        self.answers.append(Answered(last.question_id, 0, last.outcome, None, "undo"))
        self._front = last.question_id
        return Undone(last.question_id, last.log_id, card)

    # --- reporting --------------------------------------------------------------------------------
    @property
    def saved(self) -> list[Answered]:
        """Answers saved and not undone, in order."""
        return list(self.undo_stack)

    def rating_for(self, verdict: grading.Verdict, override: int | None) -> int:
        """Wrong → Again, right → Good; an explicit rating (` !N`, or a key) wins."""
        if override is not None:
            return override
        return GOOD if verdict.correct else AGAIN


def grade_line(shown: Shown, line: str, lang: str, glossary: Sequence[dict] = ()) -> tuple[grading.Verdict, int | None]:
    """Grade an answer line of a graded question; returns the verdict and any ` !N` rating."""
    answer, rating = split_rating(line)
    return grading.grade(shown.item, answer, lang, glossary), rating


__all__ = ["AGAIN", "EASY", "GOOD", "Answered", "ReviewSession", "Shown", "Undone", "flashcard_rating", "grade_line", "split_rating"]
