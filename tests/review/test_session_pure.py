"""ReviewSession without a database: decisions out, commits reported back (as py-fsrs' review_card)."""

from __future__ import annotations

from datetime import UTC

from rnnquiz.study.review import ReviewSession, daily_plan, teaching_order
from rnnquiz.study.scheduler import CardState, DayClock, Pick, Planner

from .conftest import IDS, Clock


def session(catalog, clock, **kw) -> ReviewSession:
    return ReviewSession(Planner(DayClock(UTC), fuzz=False), {q: catalog.questions[q] for q in IDS}, clock,
                         session_id="s", **kw)  # fmt: skip


def test_answer_decides_and_writes_nothing_until_committed(catalog):
    clock = Clock()
    s = session(catalog, clock, limit=1)
    shown = s.show(Pick(IDS[0], CardState(IDS[0]), "new"), clock())
    clock.advance(seconds=7)
    decision = s.answer(shown, 3, "knew it")
    assert decision.outcome == s.preview(shown)[3]  # the interval shown is the one decided
    assert decision.seen == CardState(IDS[0]) and decision.duration_ms == 7000 and decision.session == "s"
    assert s.saved == [] and not s.finished  # nothing happened yet
    answered = s.committed(decision, 41)
    assert answered.saved and s.saved == [answered] and s.finished


def test_a_card_moved_elsewhere_is_remembered_and_not_undoable(catalog):
    clock = Clock()
    s = session(catalog, clock)
    shown = s.show(Pick(IDS[1], CardState(IDS[1]), "new"), clock())
    result = s.committed(s.answer(shown, 1), None)
    assert not result.saved and s.elsewhere == {IDS[1]} and s.undo() is None


def test_undo_decides_then_the_undone_card_comes_first(catalog):
    clock = Clock()
    s = session(catalog, clock)
    for qid, log_id in ((IDS[0], 1), (IDS[1], 2)):
        s.committed(s.answer(s.show(Pick(qid, CardState(qid), "new"), clock()), 3), log_id)
    decision = s.undo()
    assert (decision.question_id, decision.log_id) == (IDS[1], 2)
    assert s.take_front() is None  # not before the driver says the undo was committed
    s.undone(decision, CardState(IDS[1]))
    assert s.take_front() == IDS[1] and s.take_front() is None
    assert [a.question_id for a in s.saved] == [IDS[0]]
    lost = s.undo()
    s.undone(lost, None)  # changed elsewhere: nothing comes back
    assert s.take_front() is None


def test_limits_count_what_today_already_used(catalog):
    s = session(catalog, Clock(), new_per_day=5, reviews_per_day=10)
    assert s.limits((3, 12)) == (2, 0)


def test_new_cards_in_teaching_order_easy_first(catalog):
    from dataclasses import replace

    q = catalog.questions[IDS[0]]
    qs = [replace(q, id=f"{topic}-{d}", topic=topic, difficulty=d)
          for topic, d in (("lstm", 1), ("birnn", 2), ("rnn", 3), ("zzz", 1), ("rnn", 1), ("bptt", 2), ("aaa", 1))]
    assert [x.id for x in teaching_order(qs)] == ["rnn-1", "rnn-3", "bptt-2", "birnn-2", "lstm-1", "aaa-1", "zzz-1"]


def test_daily_plan():
    assert daily_plan(62, 8) == {"new": 62, "days": 8, "per_day": 8}
    assert daily_plan(10, 0)["per_day"] == 10


def test_a_plan_beyond_new_per_day_says_so_and_how_to_change_it():
    from rnnquiz.render.review import plan_line

    over = daily_plan(62, 2, new_per_day=20)
    assert over["per_day"] == 31
    assert "rnnquiz config new_per_day 31" in plan_line(over, "en") and "20 a day" in plan_line(over, "en")
    assert "rnnquiz config new_per_day 31" in plan_line(over, "zh") and "每天只放入 20 张" in plan_line(over, "zh")
    assert "new_per_day" not in plan_line(daily_plan(62, 8, new_per_day=20), "en")  # 8 a day: within the limit


def test_p_before_the_answer_does_not_run_the_proof(monkeypatch):
    # newcomer run: `p` at review's answer prompt ran the whole proof, which shows the answer
    import io
    from types import SimpleNamespace

    from rich.console import Console

    from rnnquiz.commands import driver

    ran = []
    monkeypatch.setattr(driver, "run_proof", lambda console, question, lang, *a, **k: ran.append(question))
    err = Console(file=io.StringIO(), width=100)
    shown = SimpleNamespace(question=SimpleNamespace(proof="memory"))
    assert driver._handle(None, shown, err, "en", "p", answered=False) is True
    assert ran == [] and "after your answer" in err.file.getvalue()
    assert driver._handle(None, shown, err, "en", "p") is True and len(ran) == 1  # after the answer it runs
