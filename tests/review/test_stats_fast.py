"""The fast paths of `stats` give what the straightforward computations give.

- retrievability from plain floats equals fsrs.Scheduler.get_card_retrievability (to 1e-9);
- retention and calendar counts from range aggregates equal a plain GROUP BY / per-day count that tests
  every row against the undo list, on a random log with undos;
- mastery and deadline figures from memory rows equal the same figures computed through fsrs per card.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from rnnquiz import stats
from rnnquiz.store import cards
from rnnquiz.store.cards import ACTIVE_REVIEW, Deck
from rnnquiz.study.scheduler import DayClock, card_id_for, fsrs_decay, iso

from .conftest import IDS

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def test_decay_and_factor_are_fsrs_own():
    sched = fsrs.Scheduler()
    assert fsrs_decay() == (sched._DECAY, sched._FACTOR)
    decay, factor = fsrs_decay()
    assert (1 + factor * 1.0 / 1.0) ** decay == pytest.approx(0.9, abs=1e-12)  # R = 0.9 when t = S


def test_retrievability_formula_equals_fsrs():
    sched = fsrs.Scheduler()
    rng = random.Random(7)
    cases = [(s, h) for s in (0.01, 0.1, 0.5, 1.0, 2.3, 10.0, 47.5, 365.0, 3650.0, 36500.0) for h in (-30, 0, 1, 23.99, 24, 25, 24 * 7, 24 * 100.5, 24 * 3000)]
    cases += [(rng.uniform(0.01, 1000), rng.uniform(-48, 24 * 2000)) for _ in range(500)]
    rows, expected = [], {}
    for k, (stability, hours) in enumerate(cases):
        last = NOW - timedelta(hours=hours, microseconds=rng.randrange(10**6))
        card = fsrs.Card(card_id=1, state=fsrs.State.Review, stability=stability, difficulty=5.0, due=NOW, last_review=last)
        theirs = sched.get_card_retrievability(card, NOW)
        assert stats.retrievability(stability, last, NOW) == pytest.approx(theirs, abs=1e-9, rel=0)
        assert stats.retrievability(stability, iso(last), NOW) == pytest.approx(theirs, abs=1e-9, rel=0)  # stored text
        rows.append((f"q{k}", stability, iso(last), 1 + k % 3, k % 2))
        expected[f"q{k}"] = theirs
    rows += [("never", None, None, 0, 0), ("reset", 5.0, iso(NOW), 0, 0), ("odd", None, iso(NOW), 2, 0)]
    expected["odd"] = 0.0
    recall = stats.recall_by_id(rows, NOW)  # the loop mastery and deadline use
    assert recall.keys() == expected.keys()
    assert all(recall[q] == pytest.approx(expected[q], abs=1e-9, rel=0) for q in expected)
    assert stats.retrievability(None, NOW, NOW) == 0.0 and stats.retrievability(3.0, None, NOW) == 0.0


@pytest.fixture
def random_log(store):
    """600 reviews over 400 days (some in the future), a tenth of them undone, plus other log kinds."""
    rng = random.Random(3)
    with store.transaction() as db:
        ids = []
        for _ in range(600):
            at = NOW - timedelta(seconds=rng.randrange(-86400 * 2, 86400 * 400))
            prev = rng.choice([None, 600, 86400, 86400 * 3, 86400 * 20, 86400 * 21, 86400 * 90])
            cur = db.execute(
                """INSERT INTO review_log (uuid, question_id, kind, rating, reviewed_at, duration_ms, state_before,
                       interval_s, prev_interval_s) VALUES (?, ?, 'review', ?, ?, 1000, ?, 86400, ?)""",
                (uuid.uuid4().hex, rng.choice(IDS), rng.randint(1, 4), iso(at), rng.choice([0, 1, 2, 2, 2, 3]), prev),
            )
            ids.append(cur.lastrowid)
        for rid in rng.sample(ids, 60):
            db.execute(
                "INSERT INTO review_log (uuid, question_id, kind, reviewed_at, undoes) VALUES (?, 'x', 'undo', ?, ?)",
                (uuid.uuid4().hex, iso(NOW), rid),
            )
        for kind in ("suspend", "reset"):
            db.execute(
                "INSERT INTO review_log (uuid, question_id, kind, reviewed_at) VALUES (?, ?, ?, ?)",
                (uuid.uuid4().hex, IDS[0], kind, iso(NOW - timedelta(days=2))),
            )
    return store


def test_retention_rows_equal_a_plain_group_by(random_log):
    deck = Deck(random_log, IDS)
    plain = random_log.db.execute(
        f"""SELECT r.reviewed_at >= :d1, r.reviewed_at >= :d7, r.prev_interval_s >= :mature, r.rating > 1, COUNT(*)
            FROM review_log r WHERE r.reviewed_at >= :d30 AND r.reviewed_at <= :now AND r.state_before = 2
              AND r.prev_interval_s >= 86400 AND {ACTIVE_REVIEW} GROUP BY 1, 2, 3, 4""",
        {"d1": iso(NOW - timedelta(days=1)), "d7": iso(NOW - timedelta(days=7)), "d30": iso(NOW - timedelta(days=30)), "mature": 21 * 86400,
         "now": iso(NOW)},  # rows after now are not history yet (attacker round 4, N103)
    ).fetchall()
    ours = deck.retention_rows(NOW)
    assert sorted(ours) == sorted(tuple(r) for r in plain)
    assert len(ours) >= 4  # the fixture reaches several groups
    assert stats.retention_figures(ours) == stats.retention_figures(plain)


@pytest.mark.parametrize("tz", ["UTC", "Asia/Shanghai", "America/Los_Angeles"])
def test_calendar_rows_equal_per_day_counts_against_the_undo_list(random_log, tz):
    from zoneinfo import ZoneInfo

    clock = DayClock(ZoneInfo(tz), 4)
    deck = Deck(random_log, IDS)
    today = clock.day(NOW)
    first = today - timedelta(days=364)
    expected = []
    for k in range(365):
        lo, hi = clock.start(first + timedelta(days=k)), clock.start(first + timedelta(days=k + 1))
        n = random_log.db.execute(
            f"SELECT COUNT(*) FROM review_log r WHERE r.reviewed_at >= ? AND r.reviewed_at < ? AND {ACTIVE_REVIEW}",
            (iso(lo), iso(hi)),
        ).fetchone()[0]
        if n:
            expected.append(((first + timedelta(days=k)).isoformat(), n))
    assert deck.calendar_rows(NOW, clock) == expected
    assert sum(n for _, n in expected) > 300


def test_mastery_and_deadline_from_memory_rows_equal_fsrs_per_card(random_log):
    diagnosis, rebuilt = cards.diagnose(random_log.db, IDS)
    cards.repair(random_log, rebuilt, diagnosis)
    deck = Deck(random_log, IDS)
    rows = deck.memory_rows()
    studied = deck.studied_cards()
    assert [r[0] for r in rows] == [c.question_id for c in studied] and len(rows) > 3
    sched = fsrs.Scheduler()

    def by_fsrs(c, at):
        card = fsrs.Card(card_id=card_id_for(c.question_id), state=fsrs.State(c.state), step=c.step,
                         stability=c.stability, difficulty=c.difficulty, due=c.due, last_review=c.last_review)
        return sched.get_card_retrievability(card, at)

    from typing import NamedTuple

    class Entry(NamedTuple):  # what mastery_figures reads of a question
        id: str
        topic: str
        type: str
        tags: tuple
        claims: tuple

    questions = [Entry(qid, "example", "mcq", (), ("C1",) if k % 2 else ("C1", "C2")) for k, qid in enumerate(IDS)]
    figures = stats.mastery_figures(questions, rows, {}, NOW)
    reviewed = [c for c in studied if c.reps > 0]
    expected = sum(by_fsrs(c, NOW) for c in reviewed) / len(reviewed)
    topic = figures["topics"][0]
    assert topic["retrievability"] == pytest.approx(expected, abs=1e-4)
    assert topic["reviewed_share"] == round(len(reviewed) / len(IDS), 4)

    clock = DayClock(UTC, 4)
    deadline = NOW.date() + timedelta(days=12)
    at = clock.start(deadline)
    unsafe = sorted(c.question_id for c in reviewed if not c.suspended and by_fsrs(c, at) < 0.9)
    doc = stats.deadline_figures(deadline, rows, 0.9, clock, NOW)
    assert doc["not_safe_ids"] == unsafe and doc["studied"] == sum(1 for c in reviewed if not c.suspended)


def test_mastery_without_reviews_puts_the_claims_missed_in_quizzes_first() -> None:
    """Newcomer round (review 18): with only quiz answers, "weakest first" was the ids in text order (R1, R10,
    R11, R2): the claim answered wrong every time sat near the bottom."""
    from typing import NamedTuple

    class Entry(NamedTuple):
        id: str
        topic: str
        type: str
        tags: tuple
        claims: tuple

    questions = [Entry("q1", "rnn", "mcq", (), ("R1",)), Entry("q2", "rnn", "mcq", (), ("R10",)),
                 Entry("q3", "rnn", "mcq", (), ("R2",)), Entry("q4", "rnn", "mcq", (), ("R7",))]
    quiz = {"q1": (2, 2), "q2": (1, 2), "q4": (0, 3)}  # R2's question never quizzed
    figures = stats.mastery_figures(questions, [], quiz, NOW)
    assert [r["id"] for r in figures["claims"]] == ["R7", "R10", "R1", "R2"]
