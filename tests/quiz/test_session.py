"""The quiz state machine, without a terminal: inputs, seed and clock are passed in."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rnnquiz.study.quiz import QuizSession, pick

from .conftest import right_line, wrong_line


def questions(cat):
    return list(cat.questions.values())


def test_pick_is_reproducible_and_independent_of_load_order(example_cat):
    qs = questions(example_cat)
    a = [q.id for q in pick(qs, 5, seed=42)]
    b = [q.id for q in pick(list(reversed(qs)), 5, seed=42)]
    assert a == b
    assert len(set(a)) == 5
    seeds = {tuple(q.id for q in pick(qs, 5, seed=s)) for s in range(10)}
    assert len(seeds) > 1


def test_choice_order_follows_the_seed(example_cat, clock):
    qs = [example_cat.get("example/example-multi")]
    orders = {QuizSession(qs, n=1, seed=s, clock=clock).items[0].choice_order for s in range(20)}
    assert len(orders) > 1
    same = {QuizSession(qs, n=1, seed=7, clock=clock).items[0].choice_order for _ in range(3)}
    assert len(same) == 1


def test_all_right_then_done(example_cat, clock):
    s = QuizSession(questions(example_cat), n=8, seed=1, clock=clock)
    while (item := s.current()) is not None:
        s.start_question()
        clock.tick(3)
        answer = s.submit(right_line(item))
        assert answer is not None and answer.correct, (item.id, answer.verdict)
        assert answer.seconds == pytest.approx(3)
    summary = s.summary()
    assert (summary.right, summary.total, summary.end) == (8, 8, "done")
    assert summary.seconds == pytest.approx(24)
    assert set(summary.by_type) == {"flashcard", "mcq", "multi", "truefalse", "typein", "cloze", "order", "numeric"}
    assert summary.missed == [] and summary.claims == []


def test_every_type_can_be_wrong(example_cat, clock):
    s = QuizSession(questions(example_cat), n=8, seed=2, clock=clock)
    while (item := s.current()) is not None:
        s.start_question()
        answer = s.submit(wrong_line(item))
        assert answer is not None and answer.verdict.status == "wrong", (item.id, answer.verdict)
    summary = s.summary()
    assert summary.right == 0 and len(summary.missed) == 8
    assert summary.claims[0] == ("L2", 2)  # two example questions are about L2
    assert summary.by_topic["example"].total == 8


def test_unreadable_is_reasked_in_a_terminal_and_wrong_in_a_pipe(example_cat, clock):
    mcq = [example_cat.get("example/example-mcq")]
    s = QuizSession(mcq, n=1, seed=1, clock=clock)
    s.start_question()
    assert s.submit("z", reask=True) is None
    assert s.index == 0 and s.check("1,9").status == "unreadable"
    answer = s.submit("z")
    assert answer is not None and answer.verdict.status == "unreadable" and not answer.correct
    assert s.current() is None and s.end == "done"


def test_skip_counts_as_missed(example_cat, clock):
    s = QuizSession(questions(example_cat), n=2, seed=1, clock=clock)
    s.start_question()
    assert s.submit("?").verdict.status == "skipped"
    s.start_question()
    assert s.submit("").verdict.status == "skipped"
    assert s.summary().right == 0 and len(s.summary().missed) == 2


def test_override_for_wrong_answers_of_every_graded_type(example_cat, clock):
    qs = [example_cat.get("example/example-typein"), example_cat.get("example/example-mcq"),
          example_cat.get("example/example-flashcard")]
    s = QuizSession(qs, n=3, seed=3, clock=clock, keep_order=True)
    s.start_question()
    s.submit("the keep gate")
    assert s.can_override()
    a = s.override()
    assert a.correct and a.override and a.status == "override"
    assert not s.can_override()  # already right
    s.start_question()
    s.submit(wrong_line(s.items[1]))
    assert s.can_override()  # `!` works for a letter too: the key itself may be wrong
    s.override()
    s.start_question()
    s.submit("n")
    assert not s.can_override()  # a flashcard is self-graded already
    with pytest.raises(ValueError):
        s.override()
    assert s.summary().right == 2


def test_timed_session_ends_after_the_current_answer(example_cat, clock):
    s = QuizSession(questions(example_cat), n=5, seed=1, clock=clock, time_limit=timedelta(minutes=1))
    s.start_question()
    assert s.time_left() == timedelta(minutes=1)
    clock.tick(20)
    s.submit(right_line(s.items[0]))
    assert s.time_left() == timedelta(seconds=40)
    s.start_question()
    clock.tick(50)  # the time runs out while answering question 2: it is still recorded, and the last
    assert s.submit(right_line(s.items[1])) is not None
    assert s.end == "time" and s.current() is None
    summary = s.summary()
    assert summary.timed_out
    assert (summary.right, summary.total, summary.answered, summary.unanswered) == (2, 5, 2, 3)
    assert len(summary.missed) == 3
    doc = s.to_json({})
    assert [q["status"] for q in doc["questions"]][2:] == ["unanswered"] * 3
    assert doc["score"] == {"right": 2, "total": 5}


def test_time_runs_out_between_questions(example_cat, clock):
    s = QuizSession(questions(example_cat), n=3, seed=1, clock=clock, time_limit=timedelta(seconds=30))
    s.start_question()
    s.submit(right_line(s.items[0]))
    clock.tick(31)
    assert s.current() is None and s.end == "time"


def test_more_asked_for_than_match(example_cat, clock):
    s = QuizSession(questions(example_cat), n=50, seed=1, clock=clock)
    assert s.short and len(s.items) == 8


def test_quit_and_interrupt_count_only_answered(example_cat, clock):
    s = QuizSession(questions(example_cat), n=4, seed=1, clock=clock)
    s.start_question()
    s.submit(wrong_line(s.items[0]))
    s.finish("interrupted")
    s.finish("done")  # first reason wins
    summary = s.summary()
    assert (summary.end, summary.right, summary.total, summary.unanswered) == ("interrupted", 0, 1, 3)
    assert s.current() is None


def test_json_shape(example_cat, clock):
    s = QuizSession(questions(example_cat), n=2, seed=5, clock=clock)
    s.start_question()
    s.submit(right_line(s.items[0]))
    doc = s.to_json({"n": 2})
    assert set(doc) >= {"seed", "settings", "questions", "score"}
    assert set(doc["questions"][0]) >= {"id", "type", "given", "expected", "correct", "seconds"}
    assert doc["questions"][0]["correct"] is True and doc["seed"] == 5
