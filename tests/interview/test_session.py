"""The interview planner without a terminal: openings, follow-ups after right and wrong answers, the
numeric and drill slots, the clock, replay by seed, and the report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rnnquiz.bank.load import load_catalog
from rnnquiz.bank.schema import Explain, Text
from rnnquiz.study import interview as iv
from rnnquiz.study.interview import DrillRef, InterviewSession

CAT = load_catalog()
QUESTIONS = list(CAT.questions.values())


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def session(seed: int = 1, minutes: float = 30, topics=("lstm",), drills=()) -> tuple[InterviewSession, Clock]:
    clock = Clock()
    return InterviewSession(QUESTIONS, minutes=minutes, seed=seed, clock=clock, topics=topics, drills=drills), clock


def answer(s: InterviewSession, step: iv.Step, right: bool, lang: str = "en") -> iv.Result:
    """Answer a step right or wrong: explain by confirming all points covered / all missing; other
    types with the expected answer or a skip."""
    if step.drill is not None:
        return s.pass_drill(step)
    if isinstance(step.question, Explain):
        marks = s.mark(step, "something")
        return s.answer_explain(step, "something", marks, ["covered" if right else "missing"] * len(marks))
    from rnnquiz.bank.grade import expected

    assert step.item is not None
    if right:
        line = expected(step.item, lang).split("  (")[0]
        if step.question.type in ("mcq", "multi"):
            line = ",".join(part.split(")")[0] for part in line.split("; "))
        elif step.question.type == "order":
            line = expected(step.item, lang).split("  (")[0]
        elif step.question.type == "truefalse":
            line = "t" if step.question.answer else "f"  # type: ignore[union-attr]
        elif step.question.type == "flashcard":
            line = "y"
        elif step.question.type == "cloze":
            line = expected(step.item, lang)
        return s.answer_item(step, line, lang)
    return s.answer_item(step, "?", lang)


def test_it_opens_broad_with_an_easy_explain_question_on_the_topic() -> None:
    for seed in range(10):
        s, _ = session(seed)
        step = s.next_step()
        assert step is not None and step.reason == iv.OPEN and step.is_explain
        assert step.question.topic == "lstm" and step.question.difficulty <= 2


def test_a_right_answer_follows_up_deeper_and_a_miss_goes_back_to_basics() -> None:
    q = CAT.questions["explain-lstm-vanishing"]
    right_ids = [f.id for f in q.follow_up if f.after in ("right", "any")]
    wrong_ids = [f.id for f in q.follow_up if f.after in ("wrong", "any")]
    for right, wanted, reason in ((True, right_ids, iv.DEEPER), (False, wrong_ids, iv.BASICS)):
        seed = next(sd for sd in range(200) if session(sd)[0].next_step().question.id == q.id)
        s, _ = session(seed)
        answer(s, s.next_step(), right)
        step = s.next_step()
        assert step.reason == reason and step.after == q.id
        assert step.question.id == wanted[0]


def test_without_follow_ups_a_miss_asks_a_short_question_on_the_same_claims() -> None:
    from dataclasses import replace

    bare = [replace(q, follow_up=()) for q in QUESTIONS]  # questions without follow-ups
    for seed in range(5):
        s = InterviewSession(bare, minutes=30, seed=seed, clock=Clock(), topics=("lstm",))
        first = s.next_step()
        answer(s, first, right=False)
        step = s.next_step()
        assert step.reason == iv.BASICS
        assert step.question.type in iv.BASICS_TYPES
        assert set(step.question.claims) & (set(first.question.claims) - {"extra"})
        s2 = InterviewSession(bare, minutes=30, seed=seed, clock=Clock(), topics=("lstm",))
        answer(s2, s2.next_step(), right=True)
        deeper = s2.next_step()
        assert deeper.reason == iv.DEEPER and deeper.is_explain
        assert deeper.question.difficulty >= first.question.difficulty


def test_numeric_every_fourth_step_and_a_drill_once_when_drills_exist() -> None:
    drill = DrillRef("lstm-cell-forward", Text("Write an LSTM cell", "写一个 LSTM 单元"), ("L5",))
    s, clock = session(5, drills=[drill])
    reasons = []
    while (step := s.next_step()) is not None and len(reasons) < 9:
        reasons.append(step.reason)
        clock.advance(60)
        answer(s, step, right=len(reasons) % 2 == 0)
    assert reasons[3] == iv.NUMERIC and reasons[7] == iv.NUMERIC
    assert reasons.count(iv.DRILL) == 1 and reasons.index(iv.DRILL) >= iv.DRILL_AT - 1
    assert "rnnquiz drill start lstm-cell-forward" in s.report().commands


def test_no_drill_without_drills() -> None:
    s, clock = session(5)
    for _ in range(10):
        step = s.next_step()
        assert step.reason != iv.DRILL
        answer(s, step, right=True)


def test_time_is_kept_and_the_answer_in_progress_counts() -> None:
    s, clock = session(2, minutes=3)
    step = s.next_step()
    clock.advance(200)  # past the end while answering
    answer(s, step, right=True)
    assert s.next_step() is None and s.end == "time"
    assert s.report().asked == 1 and s.report().right == 1
    assert s.time_left() == timedelta(0)


def test_the_same_seed_gives_the_same_interview() -> None:
    def run(seed: int) -> list[str]:
        s, clock = session(seed, topics=())
        ids = []
        for i in range(8):
            step = s.next_step()
            ids.append(step.question.id if step.question else step.drill.id)
            answer(s, step, right=i % 3 == 0)
        return ids

    assert run(11) == run(11)
    assert run(11) != run(12)


def test_an_unanswered_step_is_asked_again_and_the_wrong_step_is_refused() -> None:
    s, _ = session(1)
    step = s.next_step()
    assert s.next_step() is step
    other = iv.Step(99, iv.NEXT, question=step.question, item=step.item)
    with pytest.raises(ValueError):
        s.answer_explain(other, "x", [], [])
    with pytest.raises(ValueError):
        s.answer_explain(step, "x", [], ["covered"])  # one status per key point


def test_report_lists_claims_shown_and_missed_and_the_commands() -> None:
    s, _ = session(7)
    first = s.next_step()
    answer(s, first, right=False)
    second = s.next_step()
    answer(s, second, right=False)
    third = s.next_step()
    answer(s, third, right=True)
    r = s.report()
    missed_claims = (set(first.question.claims) | set(second.question.claims)) - {"extra"}
    assert set(r.missed) == missed_claims
    assert not set(r.shown) & set(r.missed)
    assert set(r.shown) == set(third.question.claims) - {"extra"} - missed_claims
    assert r.asked == 3 and r.right == 1
    assert f"rnnquiz show {first.question.id}" in r.commands
    if first.question.proof:
        assert f"rnnquiz prove {first.question.proof}" in r.commands
    if not second.is_explain:
        assert "rnnquiz quiz --missed" in r.commands
    assert "rnnquiz interview --topic lstm" in r.commands


def test_a_topic_without_explain_questions_is_refused() -> None:
    with pytest.raises(ValueError):
        InterviewSession(QUESTIONS, minutes=10, seed=1, clock=Clock(), topics=("practice",))


def test_the_interview_ends_when_nothing_is_left() -> None:
    s, _ = session(1, minutes=600, topics=("birnn",))
    n = 0
    while (step := s.next_step()) is not None:
        answer(s, step, right=True)
        n += 1
        assert n < 100
    assert s.end == "done" and n >= 2


def test_a_numeric_slot_does_not_lose_the_follow_up() -> None:
    """Step 4 is numeric: step 5 still follows up on step 3's answer."""
    for seed in range(40):
        s, _ = session(seed)
        steps = []
        for _ in range(3):
            step = s.next_step()
            steps.append(step)
            answer(s, step, right=True)
        third = steps[2].question
        wanted = [f.id for f in third.follow_up if f.after in ("right", "any") and f.id not in s.asked]
        fourth = s.next_step()
        if fourth.reason != iv.NUMERIC or not wanted or fourth.question.id in wanted:
            continue
        answer(s, fourth, right=False)
        fifth = s.next_step()
        assert fifth.reason == iv.DEEPER and fifth.after == third.id and fifth.question.id == wanted[0]
        return
    pytest.fail("no seed gave a numeric slot right after a question with an unasked follow-up")


def test_the_interview_suggests_a_real_drill_on_a_missed_claim() -> None:
    """commands.interview.find_drills reads the drills catalog (rnnquiz drill); the drill step comes once and
    prefers a drill on a claim the candidate missed."""
    from rnnquiz.commands.interview import find_drills
    from rnnquiz.drills.catalog import DRILLS

    drills = find_drills()
    assert [d.id for d in drills] == [d.id for d in DRILLS] and all(d.title.en and d.title.zh for d in drills)
    s, clock = session(5, drills=drills)
    kinds = []
    for _ in range(8):
        step = s.next_step()
        kinds.append(step.reason)
        answer(s, step, right=False)
    assert kinds.count(iv.DRILL) == 1
    drill_step = next(r.step for r in s.results if r.step.reason == iv.DRILL)
    missed_before = {c for r in s.results[: drill_step.number - 1] if r.step.question for c in r.step.question.claims}
    if any(set(d.claims) & missed_before for d in drills):
        assert set(drill_step.drill.claims) & missed_before
    assert f"rnnquiz drill start {drill_step.drill.id}" in s.report().commands
