"""The review session as a pure state machine: what an answer line means, what a rating decides, undo.

Like py-fsrs' `review_card`, nothing here writes: `answer()` returns a `ReviewDecision` (the card as it
was seen, the outcome shown, when) and `undo()` an `UndoDecision`; the driver (rnnquiz/commands/driver.py)
commits them to the store and tells the session how that went (`committed`, `undone`). Which card comes
next is the store's query; the session says what the limits leave (`limits`) and shows the pick (`show`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rnnquiz.bank import grade as grading
from rnnquiz.bank.schema import Question
from rnnquiz.study import scheduler as sch
from rnnquiz.study.scheduler import AGAIN, EASY, GOOD, CardState, Outcome, Pick, Planner

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
class ReviewDecision:
    """A rating to commit: the card as it was seen (its `last_log_id` is the commit token), the outcome
    shown on the key, when, and how long the answer took."""

    question_id: str
    seen: CardState
    rating: int
    outcome: Outcome
    reviewed_at: datetime
    duration_ms: int
    session: str
    given: str = ""


@dataclass(frozen=True)
class UndoDecision:
    """Take back log row `log_id` (a review of this session), if it is still the card's newest."""

    question_id: str
    log_id: int
    at: datetime
    session: str
    answer: Answered


@dataclass(frozen=True)
class DrillDue:
    """A coding drill's card (`drill:ID`) came up: it is done in the editor and rated by `drill check`,
    so review shows where to go and leaves the card unrated (never a silent Again)."""

    pick: Pick
    shown_at: datetime

    @property
    def question_id(self) -> str:
        return self.pick.question_id

    @property
    def drill_id(self) -> str:
        return self.pick.question_id.removeprefix(DRILL_PREFIX)


DRILL_PREFIX = "drill:"


def is_drill(card_id: str) -> bool:
    return card_id.startswith(DRILL_PREFIX)


@dataclass(frozen=True)
class DrillCard:
    """A drill's card as stats groups it: under the topic "drills", with the drill's claims."""

    id: str
    claims: tuple[str, ...] = ()
    topic: str = "drills"


def rated_decision(planner: Planner, card: CardState, rating: int, now: datetime, session: str) -> ReviewDecision:
    """A rating given outside a review sitting (a drill check): the FSRS outcome the planner gives it now,
    as the same decision a review answer makes, for the driver to commit."""
    outcome = planner.preview(card, now)[rating]
    return ReviewDecision(card.question_id, card, rating, outcome, now, 0, session)


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
    def limits(self, counts_today: tuple[int, int]) -> tuple[int, int]:
        """(new cards, reviews) still allowed today, given (new introduced, reviews done) today."""
        new_today, reviews_today = counts_today
        return max(0, self.new_per_day - new_today), max(0, self.reviews_per_day - reviews_today)

    @property
    def finished(self) -> bool:
        """The session limit is reached."""
        return self.limit is not None and len(self.undo_stack) >= self.limit

    def take_front(self) -> str | None:
        """The card an undo brought back (it comes next), once; None otherwise."""
        qid, self._front = self._front, None
        return qid if qid in self.questions else None

    def show(self, pick: Pick, now: datetime) -> Shown:
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

    def answer(self, shown: Shown, rating: int, given: str = "") -> ReviewDecision:
        """What rating `rating` decides: the outcome that was shown, to be committed by the driver."""
        outcomes = self.preview(shown)
        assert shown.previewed_at is not None
        duration = int((shown.previewed_at - shown.shown_at).total_seconds() * 1000)
        return ReviewDecision(
            shown.question_id, shown.card, rating, outcomes[rating], shown.previewed_at, duration, self.session_id, given
        )

    def committed(self, decision: ReviewDecision, log_id: int | None) -> Answered:
        """The driver saved the decision as log row `log_id`, or (None) the card moved elsewhere."""
        result = Answered(decision.question_id, decision.rating, decision.outcome, log_id, decision.given)
        self.answers.append(result)
        if log_id is None:
            self.elsewhere.add(decision.question_id)
        else:
            self.undo_stack.append(result)
        return result

    def undo(self) -> UndoDecision | None:
        """Take back the last saved answer of this session (several levels). None when there is none."""
        if not self.undo_stack:
            return None
        last = self.undo_stack.pop()
        assert last.log_id is not None
        return UndoDecision(last.question_id, last.log_id, self.clock(), self.session_id, last)

    def undone(self, decision: UndoDecision, card: CardState | None) -> Undone:
        """The driver committed the undo (`card`: the card rebuilt) or found the card changed elsewhere (None)."""
        if card is not None:
            self.answers.append(Answered(decision.question_id, 0, decision.answer.outcome, None, "undo"))
            self._front = decision.question_id
        return Undone(decision.question_id, decision.log_id, card)

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


TEACHING_ORDER = ("rnn", "bptt", "birnn", "gru", "lstm", "training", "practice")


def teaching_order(questions: Sequence[Question]) -> list[Question]:
    """New cards as a course teaches them: rnn → bptt → birnn → gru → lstm → training → practice (other
    topics after, by name), easy before hard within a topic, then bank order."""
    rank = {topic: k for k, topic in enumerate(TEACHING_ORDER)}
    indexed = list(enumerate(questions))
    indexed.sort(key=lambda iq: (rank.get(iq[1].topic, len(rank)), iq[1].topic if iq[1].topic not in rank else "",
                                 iq[1].difficulty, iq[0]))  # fmt: skip
    return [q for _, q in indexed]


def daily_plan(new_cards: int, days_left: int, new_per_day: int | None = None) -> dict[str, int]:
    """How many new cards a day reach the deadline: 62 new, 8 days left → about 8 a day. With the
    new_per_day limit, the plan says whether that limit lets so many in."""
    days = max(1, days_left)
    plan = {"new": new_cards, "days": days_left, "per_day": -(-new_cards // days)}
    if new_per_day is not None:
        plan["new_per_day"] = new_per_day
    return plan


def grade_line(shown: Shown, line: str, lang: str, glossary: Sequence[dict] = ()) -> tuple[grading.Verdict, int | None]:
    """Grade an answer line of a graded question; returns the verdict and any ` !N` rating."""
    answer, rating = split_rating(line)
    return grading.grade(shown.item, answer, lang, glossary), rating


__all__ = [
    "AGAIN", "EASY", "GOOD", "Answered", "DrillCard", "DrillDue", "is_drill", "rated_decision", "ReviewDecision", "ReviewSession", "Shown", "UndoDecision", "Undone",
    "flashcard_rating", "grade_line", "split_rating",
]  # fmt: skip
