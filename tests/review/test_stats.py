"""Each stats figure against a fixture log with known answers (UTC, rollover 4, now 2026-03-10 12:00Z)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import fsrs
import pytest
from typer.testing import CliRunner

from rnnquiz.cli import app
from rnnquiz.store import cards
from rnnquiz.study.scheduler import card_id_for

from .conftest import EXAMPLE

NOW = "2026-03-10T12:00:00+00:00"
D = 86400
# (question, reviewed_at, rating, state_before, prev_interval_s, interval_s, duration_ms)
LOG = [
    ("example/example-mcq", "2026-03-10T10:00:00", 3, 2, 2 * D, 5 * D, 30000),  # young pass, today
    ("example/example-multi", "2026-03-10T11:00:00", 1, 2, 30 * D, 60, 30000),  # mature fail, today
    ("example/example-truefalse", "2026-03-05T10:00:00", 3, 2, 25 * D, 10 * D, 1000),  # mature pass, this week
    ("example/example-typein", "2026-02-20T10:00:00", 2, 2, 3 * D, 3 * D, 1000),  # young pass, this month
    ("example/example-cloze", "2026-03-10T09:00:00", 4, 1, 600, 4 * D, 60000),  # learning: not in retention
    ("example/example-order", "2026-03-10T09:30:00", 3, 2, 5 * D, 5 * D, 1000),  # undone below
    ("example/example-numeric", "2026-03-10T03:00:00", 3, 0, None, 600, 1000),  # before the 4 am rollover: 03-09
]


def _row(db, qid, at, kind="review", rating=None, sb=None, prev=None, ivl=None, ms=None, undoes=None):
    cur = db.execute(
        """INSERT INTO review_log (uuid, question_id, kind, rating, reviewed_at, duration_ms, state_before,
               interval_s, prev_interval_s, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (uuid.uuid4().hex, qid, kind, rating, datetime.fromisoformat(at).replace(tzinfo=UTC).isoformat(timespec="microseconds"), ms, sb, ivl, prev, undoes),
    )
    return cur.lastrowid


@pytest.fixture
def fixture_log(store):
    with store.transaction() as db:
        ids = [_row(db, q, at, rating=r, sb=sb, prev=prev, ivl=ivl, ms=ms) for q, at, r, sb, prev, ivl, ms in LOG]
        _row(db, "example/example-order", "2026-03-10T09:31:00", kind="undo", undoes=ids[5])
        # a leech, long ago (outside the calendar year): Easy, then 8 × (Again, Good)
        t = 0
        _row(db, "example/example-flashcard", f"2024-01-01T10:{t:02d}:00", rating=4, sb=0, ivl=D)
        for day in range(2, 10):
            _row(db, "example/example-flashcard", f"2024-01-{day:02d}T10:00:00", rating=1, sb=2, ivl=600)
            _row(db, "example/example-flashcard", f"2024-01-{day:02d}T10:10:00", rating=3, sb=3, ivl=D)
        _row(db, "gone/question", "2026-03-01T10:00:00", rating=3, sb=0, ivl=600)  # an orphan
    diagnosis, rebuilt = cards.diagnose(store.db, [])
    cards.repair(store, rebuilt, diagnosis)
    return store


def stats_json(monkeypatch, *extra):
    monkeypatch.setenv("RNNQUIZ_NOW", NOW)
    result = CliRunner().invoke(app, ["stats", "--json", "--bank", str(EXAMPLE), *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_today_and_due(fixture_log, monkeypatch, utc_tz):
    doc = stats_json(monkeypatch)
    assert doc["version"] == 1
    # A, B, E today (F undone; the 03:00 review belongs to yesterday's study day)
    assert doc["today"] == {"reviews": 3, "again": 1, "minutes": 2.0, "due_now": 4, "due_later_today": 0, "due_tomorrow": 0}


def test_retention_windows(fixture_log, monkeypatch, utc_tz):
    r = stats_json(monkeypatch)["retention"]
    assert (r["day"]["young"]["passed"], r["day"]["young"]["reviews"]) == (1, 1)
    assert (r["day"]["mature"]["passed"], r["day"]["mature"]["reviews"]) == (0, 1)
    assert r["day"]["all"]["retention"] == 0.5
    assert (r["week"]["mature"]["passed"], r["week"]["mature"]["reviews"]) == (1, 2)
    assert (r["month"]["young"]["passed"], r["month"]["young"]["reviews"]) == (2, 2)
    assert r["month"]["all"]["retention"] == 0.75


def test_forecast(fixture_log, monkeypatch, utc_tz):
    f = stats_json(monkeypatch)["forecast"]
    assert len(f) == 30 and f[0]["date"] == "2026-03-10"
    # day 0: multi (learning, due 11:01), typein (overdue), numeric (due 03:10), flashcard (overdue review)
    assert [d["due"] for d in f[:7]] == [4, 0, 0, 0, 1, 2, 0]  # cloze on 03-14; mcq, truefalse on 03-15
    assert sum(d["due"] for d in f) == 7  # the orphan is not in the banks


def test_calendar_and_streak(fixture_log, monkeypatch, utc_tz):
    c = stats_json(monkeypatch)["calendar"]
    assert c["days"] == {"2026-02-20": 1, "2026-03-01": 1, "2026-03-05": 1, "2026-03-09": 1, "2026-03-10": 3}
    assert c["streak"] == 2 and c["study_days"] == 5 and c["reviews"] == 7


def test_mastery_leeches_deadline(fixture_log, monkeypatch, utc_tz):
    doc = stats_json(monkeypatch)
    topic = next(t for t in doc["mastery"]["topics"] if t["id"] == "example")  # bundled topics are listed too
    assert topic["reviewed_share"] == 0.875 and topic["questions"] == 8
    now = datetime.fromisoformat(NOW)
    sched = fsrs.Scheduler()
    rs = []
    for c in cards.stored_cards(fixture_log.db).values():
        if c.question_id.startswith("example/") and c.reps > 0:
            card = fsrs.Card(card_id=card_id_for(c.question_id), state=fsrs.State(c.state), step=c.step,
                             stability=c.stability, difficulty=c.difficulty, due=c.due, last_review=c.last_review)
            rs.append(sched.get_card_retrievability(card, now))
    assert topic["retrievability"] == pytest.approx(sum(rs) / len(rs), abs=1e-4)
    claims = doc["mastery"]["claims"]
    values = [-1 if c["retrievability"] is None else c["retrievability"] for c in claims]
    assert values == sorted(values) and values[0] == -1  # weakest first: L6 (order, undone) never reviewed
    assert "L6" in [c["id"] for c in claims if c["retrievability"] is None]
    assert doc["leeches"] == [{"id": "example/example-flashcard", "lapses": 8, "suspended": False}]
    assert doc["deadline"] is None


def test_deadline_counts_cards_not_safely_learned(fixture_log, monkeypatch, utc_tz):
    fixture_log.set_setting("deadline", '"2026-03-20"')
    doc = stats_json(monkeypatch)["deadline"]
    assert doc["days_left"] == 10 and doc["studied"] == 7
    # every fixture card has a short stability: none is above 0.9 ten days on, except none — check by fsrs
    at = datetime(2026, 3, 20, 4, 0, tzinfo=UTC)
    sched = fsrs.Scheduler()
    expected = 0
    for c in cards.stored_cards(fixture_log.db).values():
        if c.question_id.startswith("example/") and c.reps > 0:
            card = fsrs.Card(card_id=1, state=fsrs.State(c.state), step=c.step, stability=c.stability,
                             difficulty=c.difficulty, due=c.due, last_review=c.last_review)
            expected += sched.get_card_retrievability(card, at) < 0.9
    assert doc["not_safe"] == expected > 0


def test_doctor_reports_orphans_and_repairs(fixture_log, monkeypatch, utc_tz):
    runner = CliRunner()
    result = runner.invoke(app, ["doctor", "--json", "--bank", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["orphans"] == ["gone/question"] and doc["mismatched"] == []
    fixture_log.db.execute("UPDATE cards SET stability = 99 WHERE question_id = 'example/example-mcq'")
    result = runner.invoke(app, ["doctor", "--bank", str(EXAMPLE)])
    # exit 4 (a store problem), not 1: 1 is reserved for a failed proof check
    assert result.exit_code == 4 and "differ from the log" in result.stdout
    result = runner.invoke(app, ["doctor", "--repair", "--bank", str(EXAMPLE)])
    assert result.exit_code == 0 and "Repaired 1" in result.stdout
    assert cards.diagnose(fixture_log.db, [])[0].mismatched == []
