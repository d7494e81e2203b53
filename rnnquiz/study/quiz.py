"""A quiz session as a pure state machine: no terminal, no store, no Rich.

The caller feeds it answer lines (from a person, a pipe or a test), a seed and a clock; the session picks
and prepares the questions, grades each line, keeps time and builds the summary. Storing the answers
(`rnnquiz.store.quiz`) and showing them (`rnnquiz.render`) happen outside.

    session = QuizSession(questions, n=10, seed=7, clock=paths.now, lang="en")
    while (item := session.current()) is not None:
        session.start_question()
        answer = session.submit(line)          # None: unreadable, ask again (terminal only)
    summary = session.summary()
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rnnquiz.bank.grade import OVERRIDABLE, Item, Verdict, grade, prepare_all
from rnnquiz.bank.schema import Question

Clock = Callable[[], datetime]

DEFAULT_N = 10
ENDS = ("done", "quit", "eof", "interrupted", "time")


def draw_seed() -> int:
    """A fresh seed, short enough to type back in."""
    return random.SystemRandom().randrange(1, 1_000_000)


def pick(questions: Sequence[Question], n: int, seed: int, *, keep_order: bool = False) -> list[Question]:
    """`n` questions (all when fewer match), the same ones for the same seed and bank.

    Sorting by id first makes the pick independent of the order in which files were loaded.
    `keep_order` (for `--missed`) keeps the given order and takes the first `n`.
    """
    if keep_order:
        return list(questions)[:n]
    pool = sorted(questions, key=lambda q: q.id)
    rng = random.Random(seed)
    return rng.sample(pool, min(n, len(pool)))


@dataclass
class Answer:
    """One answered question. `correct` includes an override."""

    item: Item
    verdict: Verdict
    seconds: float
    answered_at: datetime
    override: bool = False
    uuid: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def correct(self) -> bool:
        return self.verdict.correct or self.override

    @property
    def status(self) -> str:
        return "override" if self.override else self.verdict.status


@dataclass(frozen=True)
class Tally:
    right: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0


@dataclass(frozen=True)
class Summary:
    right: int
    total: int  # answered, plus the unanswered ones when the time ran out
    answered: int
    asked_for: int  # questions picked for the session
    seconds: float
    end: str  # one of ENDS
    unanswered: int  # picked but never answered (counted as missed only when the time ran out)
    by_topic: dict[str, Tally]
    by_type: dict[str, Tally]
    missed: list[Item]  # in the order asked; includes the unanswered ones when the time ran out
    claims: list[tuple[str, int]]  # claim id, times missed — most missed first
    withdrawn: int = 0  # answered, but withdrawn unjudged (q or Ctrl-C at "does yours say the same?"): not saved

    @property
    def timed_out(self) -> bool:
        return self.end == "time"


class QuizSession:
    """Questions picked for a seed, answered one line at a time."""

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        n: int = DEFAULT_N,
        seed: int,
        clock: Clock,
        lang: str = "en",
        glossary: Sequence[dict] = (),
        time_limit: timedelta | None = None,
        keep_order: bool = False,
    ) -> None:
        if n < 1:
            raise ValueError("n must be at least 1")
        self.seed = seed
        self.clock = clock
        self.lang = lang
        self.glossary = glossary
        self.time_limit = time_limit
        self.requested = n
        self.available = len(questions)
        self.items: list[Item] = prepare_all(pick(questions, n, seed, keep_order=keep_order), seed)
        self.answers: list[Answer] = []
        self.started_at: datetime = clock()
        self.ended_at: datetime | None = None
        self.end: str | None = None
        self._asked_at: datetime | None = None
        self.withdrawn = 0  # answers taken back unjudged (see withdraw)

    # --- state -------------------------------------------------------------------------------------
    @property
    def short(self) -> bool:
        """Fewer questions matched the filters than were asked for."""
        return self.available < self.requested

    @property
    def index(self) -> int:
        return len(self.answers)

    @property
    def finished(self) -> bool:
        return self.end is not None

    def current(self) -> Item | None:
        """The item to ask now, or None when the session is over (ending it if it just ran out).

        A question already on screen stays answerable when the time runs out: it is the last one.
        """
        if self.end is None and self.index >= len(self.items):
            self.finish("done")
        if self.end is None and self._asked_at is None and self.out_of_time():
            self.finish("time")
        return None if self.end is not None else self.items[self.index]

    def time_left(self) -> timedelta | None:
        if self.time_limit is None:
            return None
        return max(timedelta(0), self.started_at + self.time_limit - self.clock())

    def out_of_time(self) -> bool:
        left = self.time_left()
        return left is not None and left <= timedelta(0)

    # --- events ------------------------------------------------------------------------------------
    def start_question(self) -> Item:
        """The current item is on screen: its answer time starts now."""
        item = self.current()
        if item is None:
            raise RuntimeError("the session is over")
        self._asked_at = self.clock()
        return item

    def check(self, line: str) -> Verdict:
        """Grade a line for the current item without recording it (to decide whether to ask again)."""
        item = self.current()
        if item is None:
            raise RuntimeError("the session is over")
        return grade(item, line, self.lang, self.glossary)

    def submit(self, line: str, *, reask: bool = False) -> Answer | None:
        """Record the answer line for the current item and move on.

        With `reask` (a person at a terminal), an unreadable line is not recorded and None is returned so
        the caller can ask again; otherwise an unreadable line is recorded as wrong. When the time runs out
        during this answer, it is the last one.
        """
        verdict = self.check(line)
        if verdict.status == "unreadable" and reask:
            return None
        item = self.items[self.index]
        now = self.clock()
        asked = self._asked_at or now
        answer = Answer(item, verdict, max(0.0, (now - asked).total_seconds()), now)
        self.answers.append(answer)
        self._asked_at = None
        if self.out_of_time():
            self.finish("time")
        return answer

    def can_override(self, answer: Answer | None = None) -> bool:
        answer = answer or (self.answers[-1] if self.answers else None)
        return (
            answer is not None
            and not answer.correct
            and answer.verdict.status == "wrong"
            and answer.item.type in OVERRIDABLE
        )

    def override(self) -> Answer:
        """Count the last (wrong, typed) answer as right: the candidate vouches for a valid synonym."""
        if not self.can_override():
            raise ValueError("only a wrong typed answer can be overridden")
        answer = self.answers[-1]
        answer.override = True
        return answer

    def withdraw(self, answer: Answer) -> None:
        """Take back the last answer (not judged yet): its question is the current one again, unanswered."""
        if not self.answers or self.answers[-1] is not answer:
            raise ValueError("only the last answer can be withdrawn")
        self.answers.pop()
        self._asked_at = None
        self.withdrawn += 1

    def finish(self, end: str) -> None:
        """End the session (first reason wins)."""
        if end not in ENDS:
            raise ValueError(f"unknown end {end!r}")
        if self.end is None:
            self.end = end
            self.ended_at = self.clock()

    # --- results -----------------------------------------------------------------------------------
    def unanswered(self) -> list[Item]:
        return self.items[self.index :]

    def summary(self) -> Summary:
        counted: list[tuple[Item, bool]] = [(a.item, a.correct) for a in self.answers]
        timed_out = self.end == "time"
        if timed_out:
            counted += [(item, False) for item in self.unanswered()]
        by_topic: dict[str, list[int]] = {}
        by_type: dict[str, list[int]] = {}
        for item, ok in counted:
            for key, table in ((item.question.topic, by_topic), (item.type, by_type)):
                row = table.setdefault(key, [0, 0])
                row[0] += ok
                row[1] += 1
        missed = [item for item, ok in counted if not ok]
        claims = Counter(c for item in missed for c in item.question.claims)
        end_time = self.ended_at or self.clock()
        return Summary(
            right=sum(ok for _, ok in counted),
            total=len(counted),
            answered=len(self.answers),
            asked_for=len(self.items),
            seconds=max(0.0, (end_time - self.started_at).total_seconds()),
            end=self.end or "done",
            unanswered=len(self.unanswered()),
            by_topic={k: Tally(*v) for k, v in by_topic.items()},
            by_type={k: Tally(*v) for k, v in by_type.items()},
            missed=missed,
            claims=sorted(claims.items(), key=lambda kv: (-kv[1], kv[0])),
            withdrawn=self.withdrawn,
        )

    def to_json(self, settings: dict) -> dict:
        """The session object of CONTRACTS.md (without "version", which emit_json adds)."""
        rows = [
            {
                "id": a.item.id,
                "type": a.item.type,
                "given": a.verdict.given,
                "expected": a.verdict.expected,
                "correct": a.correct,
                "status": a.status,
                "unsure": a.verdict.unsure,  # wrong, but the grader could not tell (no terminal to ask)
                "seconds": round(a.seconds, 3),
            }
            for a in self.answers
        ]
        if self.end == "time":
            from rnnquiz.bank.grade import expected

            rows += [
                {"id": item.id, "type": item.type, "given": None, "expected": expected(item, self.lang),
                 "correct": False, "status": "unanswered", "unsure": False, "seconds": None}
                for item in self.unanswered()
            ]  # fmt: skip
        s = self.summary()
        return {
            "seed": self.seed,
            "settings": settings,
            "questions": rows,
            "score": {"right": s.right, "total": s.total},
            "end": s.end,
        }
