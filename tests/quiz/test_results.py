"""m002_quiz and the query helpers the review/stats work reads."""

from __future__ import annotations

from datetime import timedelta

import pytest

from rnnquiz.store import MIGRATIONS, open_store
from rnnquiz.store import quiz as results
from rnnquiz.study.quiz import QuizSession

from .conftest import right_line, wrong_line


def run_session(cat, clock, store, seed, pattern, **kw):
    s = QuizSession(list(cat.questions.values()), n=len(pattern), seed=seed, clock=clock, **kw)
    sid = results.start_session(store, seed, {"n": len(pattern)}, s.started_at)
    for ok in pattern:
        item = s.current()
        if item is None:
            break
        s.start_question()
        clock.tick(2)
        a = s.submit(right_line(item) if ok else wrong_line(item))
        results.record_answer(store, sid, seed, a)
    s.finish("done")
    if s.end == "time":
        results.record_unanswered(store, sid, seed, s.unanswered(), clock(), "en")
    results.end_session(store, sid, clock(), s.end)
    return s


def test_migration_is_appended_after_m001():
    assert [m.__name__ for m in MIGRATIONS[:2]] == ["m001_initial", "m002_quiz"]
    with open_store() as store:
        cols = {r[1] for r in store.db.execute("PRAGMA table_info(quiz_answers)")}
    assert {"uuid", "question_id", "given", "correct", "override", "seconds", "answered_at", "session_seed"} <= cols


def test_answers_are_stored_and_missed_is_read_back(example_cat, clock):
    with open_store() as store:
        first = run_session(example_cat, clock, store, 11, [True, False, False, True])
        second = run_session(example_cat, clock, store, 12, [False, True])
        last = results.missed_in_session(store, 1)
        before = results.missed_in_session(store, 2)
        assert last is not None and before is not None
        assert last[1] == [second.items[0].id]
        assert before[1] == [first.items[1].id, first.items[2].id]
        assert results.missed_in_session(store, 3) is None
        rows = store.db.execute("SELECT answered_at, uuid, session_seed FROM quiz_answers").fetchall()
        assert len(rows) == 6 and len({r["uuid"] for r in rows}) == 6
        assert all(r["answered_at"].endswith("+00:00") for r in rows)
        assert {r["session_seed"] for r in rows} == {11, 12}


def test_override_updates_the_row(example_cat, clock):
    qs = [example_cat.get("example/example-typein")]
    with open_store() as store:
        s = QuizSession(qs, n=1, seed=1, clock=clock)
        sid = results.start_session(store, 1, {}, s.started_at)
        s.start_question()
        a = s.submit("keeper gate")
        results.record_answer(store, sid, 1, a)
        s.override()
        results.record_override(store, a)
        row = store.db.execute("SELECT correct, override, status FROM quiz_answers").fetchone()
        assert tuple(row) == (1, 1, "wrong")
        assert results.missed_in_session(store) == (sid, [])


def test_accuracy_and_missed_in_quizzes(example_cat, clock):
    qs = [example_cat.get("example/example-truefalse")]
    with open_store() as store:
        for line in ("t", "f", "t"):  # wrong, right, wrong (the answer is false)
            s = QuizSession(qs, n=1, seed=1, clock=clock)
            sid = results.start_session(store, 1, {}, s.started_at)
            s.start_question()
            clock.tick(1)
            results.record_answer(store, sid, 1, s.submit(line))
        acc = results.quiz_accuracy(store)["example/example-truefalse"]
        assert (acc.right, acc.total, acc.last_correct) == (1, 3, False)
        assert acc.rate == pytest.approx(1 / 3)
        assert results.missed_in_quizzes(store) == ["example/example-truefalse"]


def test_unanswered_in_a_timed_session_come_back_but_do_not_count_in_accuracy(example_cat, clock):
    with open_store() as store:
        s = QuizSession(list(example_cat.questions.values()), n=3, seed=4, clock=clock, time_limit=timedelta(seconds=1))
        sid = results.start_session(store, 4, {}, s.started_at)
        s.start_question()
        clock.tick(5)
        results.record_answer(store, sid, 4, s.submit(right_line(s.items[0])))
        assert s.end == "time"
        results.record_unanswered(store, sid, 4, s.unanswered(), clock(), "en")
        assert results.missed_in_session(store)[1] == [s.items[1].id, s.items[2].id]
        assert set(results.quiz_accuracy(store)) == {s.items[0].id}
