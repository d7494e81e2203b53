"""A mock interview as a pure session: it decides what to ask next, the caller shows it and feeds answers.

No terminal, no store, no Rich. The caller gives the questions, the minutes, a seed and a clock, asks for
`next_step()`, shows it, and reports the answer with `answer_explain` (the confirmed marks of an explain
question) or `answer_item` (one answer line for any other type) or `pass_drill`. `report()` lists the
claims shown and missed and the commands to study them.

How it chooses, like an interviewer:
- it opens broad: an explain question on the topic, among the easier ones;
- after a right answer it follows up deeper: the question's `follow_up` for `right`/`any`, else a harder
  explain question on the topic;
- after a miss it goes back to basics: the `follow_up` for `wrong`/`any`, else a short question (not
  explain, not numeric) on the same claims;
- every few steps it mixes in a numeric question on the topic, and once a coding drill when drills are
  given (`drills`: the hook for `rnnquiz drill`);
- it keeps time: when the clock passes the end, the answer being given still counts and the session ends.

    session = InterviewSession(questions, minutes=30, seed=7, clock=paths.now, topics=["lstm"])
    while (step := session.next_step()) is not None:
        ... show step.question / step.drill, read the answer ...
        session.answer_explain(step, text, statuses)      # or answer_item(step, line, lang)
    report = session.report()
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rnnquiz.bank import explain as marking
from rnnquiz.bank.grade import Item, Verdict, grade, prepare
from rnnquiz.bank.schema import Explain, Question, Text

Clock = Callable[[], datetime]

NUMERIC_EVERY = 4  # every 4th step is a numeric question (steps 4, 8, …)
DRILL_AT = 6  # the 6th step is the coding drill, when drills are given
BASICS_TYPES = ("mcq", "truefalse", "typein", "cloze", "multi", "order", "flashcard")  # a quick check of basics
ENDS = ("time", "done", "eof", "interrupted", "quit")

# Why a step was chosen (the render layer turns these into sentences).
OPEN, DEEPER, BASICS, NUMERIC, DRILL, NEXT = "open", "deeper", "basics", "numeric", "drill", "next"


@dataclass(frozen=True)
class DrillRef:
    """A coding drill as the interview sees it: enough to suggest `rnnquiz drill start ID`."""

    id: str
    title: Text
    claims: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    """One decision: ask `question` (prepared as `item`) or suggest `drill`, and why (`reason`)."""

    number: int
    reason: str  # OPEN, DEEPER, BASICS, NUMERIC, DRILL, NEXT
    question: Question | None = None
    item: Item | None = None
    drill: DrillRef | None = None
    after: str = ""  # the id of the question this step follows up on

    @property
    def is_explain(self) -> bool:
        return isinstance(self.question, Explain)


@dataclass(frozen=True)
class Result:
    """What happened at a step. `right` is None for a drill (not graded here)."""

    step: Step
    right: bool | None
    given: str
    seconds: float
    answered_at: datetime
    rating: int | None = None  # explain: the FSRS rating from the confirmed marks
    statuses: tuple[str, ...] = ()  # explain: confirmed status per key point
    marked: tuple[str, ...] = ()  # explain: the statuses as marked, before any correction
    verdict: Verdict | None = None  # other types: the grader's verdict


@dataclass(frozen=True)
class Report:
    shown: tuple[str, ...]  # claim ids answered right (and never missed)
    missed: tuple[str, ...]  # claim ids with a miss
    asked: int
    right: int
    seconds: float
    end: str
    missed_questions: tuple[str, ...]  # ids
    commands: tuple[str, ...]  # shell commands to study what was missed


@dataclass
class InterviewSession:
    questions: Sequence[Question]
    minutes: float
    seed: int
    clock: Clock
    topics: Sequence[str] = ()
    drills: Sequence[DrillRef] = ()
    results: list[Result] = field(default_factory=list)
    end: str | None = None

    def __post_init__(self) -> None:
        if not self.minutes > 0:
            raise ValueError("minutes must be above 0")
        self.rng = random.Random(self.seed)
        self.by_id = {q.id: q for q in self.questions}
        on_topic = [q for q in self.questions if not self.topics or q.topic in self.topics]
        self.explains = sorted((q for q in on_topic if isinstance(q, Explain)), key=lambda q: q.id)
        self.numerics = sorted((q for q in on_topic if q.type == "numeric"), key=lambda q: q.id)
        self.started_at = self.clock()
        self.ends_at = self.started_at + timedelta(minutes=self.minutes)
        self.asked: set[str] = set()
        self.drill_done = False
        self._current: Step | None = None
        self._shown_at: datetime | None = None
        if not self.explains:
            raise ValueError("no explain question on these topics")

    # --- time ---------------------------------------------------------------------------------------
    def time_left(self) -> timedelta:
        return max(timedelta(0), self.ends_at - self.clock())

    def out_of_time(self) -> bool:
        return self.clock() >= self.ends_at

    # --- deciding -----------------------------------------------------------------------------------
    def next_step(self) -> Step | None:
        """The next thing to ask, or None when the interview is over (time, or nothing left)."""
        if self.end is not None:
            return None
        if self._current is not None:
            return self._current  # not answered yet: the same step again
        if self.out_of_time():
            self.finish("time")
            return None
        step = self._decide(len(self.results) + 1)
        if step is None:
            self.finish("done")
            return None
        if step.question is not None:
            self.asked.add(step.question.id)
        self._current = step
        self._shown_at = self.clock()
        return step

    def _decide(self, number: int) -> Step | None:
        if not self.results:
            return self._ask(number, OPEN, self._opening())
        if number % NUMERIC_EVERY == 0 and (q := self._unasked(self.numerics)):
            return self._ask(number, NUMERIC, q)
        if number >= DRILL_AT and self.drills and not self.drill_done:
            self.drill_done = True
            return Step(number, DRILL, drill=self._pick_drill())
        # the thread of the conversation: a numeric or drill slot does not interrupt a follow-up
        last = next((r for r in reversed(self.results) if r.step.question is not None and r.step.reason != NUMERIC), None)
        if last is not None and last.right is not None:
            q = last.step.question
            assert q is not None
            wanted = ("right", "any") if last.right else ("wrong", "any")
            for f in q.follow_up:
                if f.after in wanted and f.id in self.by_id and f.id not in self.asked:
                    return self._ask(number, DEEPER if last.right else BASICS, self.by_id[f.id], after=q.id)
            if isinstance(q, Explain):
                found = self._deeper(q) if last.right else self._basics(q)
                if found is not None:
                    return self._ask(number, DEEPER if last.right else BASICS, found, after=q.id)
        return self._ask(number, NEXT, self._next_explain())

    def _ask(self, number: int, reason: str, q: Question | None, after: str = "") -> Step | None:
        if q is None:
            return None
        return Step(number, reason, question=q, item=prepare(q, self.seed), after=after)

    def _unasked(self, pool: Sequence[Question]) -> Question | None:
        left = [q for q in pool if q.id not in self.asked]
        return self.rng.choice(left) if left else None

    def _opening(self) -> Question:
        easiest = min(q.difficulty for q in self.explains)
        return self.rng.choice([q for q in self.explains if q.difficulty <= max(easiest, 2)])

    def _deeper(self, q: Explain) -> Question | None:
        left = [e for e in self.explains if e.id not in self.asked and e.difficulty >= q.difficulty]
        if not left:
            return None
        shared = [e for e in left if set(e.claims) & set(q.claims) - {"extra"}]
        same_topic = [e for e in left if e.topic == q.topic]
        return self.rng.choice(shared or same_topic or left)

    def _basics(self, q: Explain) -> Question | None:
        claims = set(q.claims) - {"extra"}
        pool = [
            b for b in self.questions
            if b.type in BASICS_TYPES and b.id not in self.asked and set(b.claims) & claims
        ]  # fmt: skip
        if not pool:
            return None
        easiest = min(b.difficulty for b in pool)
        return self.rng.choice(sorted((b for b in pool if b.difficulty == easiest), key=lambda b: b.id))

    def _next_explain(self) -> Question | None:
        """Back to an explain question: on the topic of the last one if any is left, easier after a miss."""
        last = next((r for r in reversed(self.results) if r.step.is_explain), None)
        left = [e for e in self.explains if e.id not in self.asked]
        if not left:
            return None
        if last is not None:
            q = last.step.question
            assert q is not None
            near = [e for e in left if e.topic == q.topic] or left
            if not last.right:
                easier = [e for e in near if e.difficulty <= q.difficulty]
                near = easier or near
            return self.rng.choice(near)
        return self.rng.choice(left)

    def _pick_drill(self) -> DrillRef:
        missed = set(self._claims(right=False))
        related = [d for d in self.drills if set(d.claims) & missed]
        return self.rng.choice(related or list(self.drills))

    # --- answers ------------------------------------------------------------------------------------
    def _take(self, step: Step) -> tuple[float, datetime]:
        if step is not self._current:
            raise ValueError("answer the current step")
        now = self.clock()
        seconds = (now - (self._shown_at or now)).total_seconds()
        self._current = None
        return seconds, now

    def mark(self, step: Step, text: str, glossary: Sequence[dict] = ()) -> list[marking.Mark]:
        """The marking of an explain answer (before the candidate confirms it)."""
        assert isinstance(step.question, Explain)
        return marking.mark(step.question, text, glossary)

    def answer_explain(self, step: Step, text: str, marks: Sequence[marking.Mark], statuses: Sequence[str]) -> Result:
        """Record an explain answer with the confirmed statuses (one per key point)."""
        assert isinstance(step.question, Explain)
        if len(statuses) != len(step.question.rubric):
            raise ValueError("one status per key point")
        seconds, now = self._take(step)
        rating = marking.rating(statuses, [p.required for p in step.question.rubric])
        result = Result(
            step, rating >= marking.RIGHT_AT, text, seconds, now, rating=rating, statuses=tuple(statuses),
            marked=tuple(m.status for m in marks),
        )  # fmt: skip
        self.results.append(result)
        return result

    def answer_item(self, step: Step, line: str, lang: str, glossary: Sequence[dict] = ()) -> Result:
        """Grade one answer line of a non-explain question (the quiz's stdin protocol)."""
        assert step.item is not None and not step.is_explain
        verdict = grade(step.item, line, lang, glossary)
        seconds, now = self._take(step)
        result = Result(step, verdict.correct, line, seconds, now, verdict=verdict)
        self.results.append(result)
        return result

    def pass_drill(self, step: Step) -> Result:
        """The drill step was shown (it is done with `rnnquiz drill start`, outside the interview)."""
        seconds, now = self._take(step)
        result = Result(step, None, "", seconds, now)
        self.results.append(result)
        return result

    def finish(self, end: str) -> None:
        if self.end is None:
            self.end = end
            self._current = None

    # --- the report ---------------------------------------------------------------------------------
    def _claims(self, *, right: bool) -> list[str]:
        out: dict[str, None] = {}
        for r in self.results:
            if r.step.question is not None and r.right is right:
                for c in r.step.question.claims:
                    if c != "extra":
                        out.setdefault(c, None)
        return list(out)

    def report(self) -> Report:
        missed = self._claims(right=False)
        shown = [c for c in self._claims(right=True) if c not in missed]
        graded = [r for r in self.results if r.right is not None]
        wrong = [r for r in graded if not r.right]
        commands: list[str] = []
        if any(not r.step.is_explain for r in wrong):
            commands.append("rnnquiz quiz --missed")
        for r in wrong:
            q = r.step.question
            assert q is not None
            if r.step.is_explain:
                commands.append(f"rnnquiz show {q.id}")
        for r in wrong:
            q = r.step.question
            assert q is not None
            if q.proof and f"rnnquiz prove {q.proof}" not in commands:
                commands.append(f"rnnquiz prove {q.proof}")
        for d in self.drills:
            shown_drill = any(r.step.drill == d for r in self.results)
            if shown_drill or set(d.claims) & set(missed):
                commands.append(f"rnnquiz drill start {d.id}")
        topics = sorted({r.step.question.topic for r in wrong if r.step.question is not None})
        for t in topics:
            commands.append(f"rnnquiz interview --topic {t}")
        end = self.end or "done"
        last = self.results[-1].answered_at if self.results else self.clock()
        return Report(
            shown=tuple(shown), missed=tuple(missed), asked=len(graded), right=len(graded) - len(wrong),
            seconds=(last - self.started_at).total_seconds(), end=end,
            missed_questions=tuple(r.step.question.id for r in wrong if r.step.question is not None),
            commands=tuple(dict.fromkeys(commands)),
        )  # fmt: skip


__all__ = ["DrillRef", "InterviewSession", "Report", "Result", "Step"]
