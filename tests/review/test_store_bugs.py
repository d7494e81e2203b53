"""The data bugs of the first build, each through the production path: replay in time order after a
history merge, daylight saving in the day clock and the forecast, and read-only commands that wrote."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import rnnquiz
from rnnquiz.store import cards, open_store
from rnnquiz.store.history import history_rows, import_rows
from rnnquiz.study.scheduler import iso

from .conftest import EXAMPLE

PACKAGE_PATH = str(Path(rnnquiz.__file__).resolve().parents[1])
CARD = "example/example-flashcard"
OTHER = "example/example-mcq"


def _review(store, qid: str, at: datetime, rating: int) -> None:
    """A review through the store's own commit path (the one the driver uses)."""
    from rnnquiz.study.scheduler import DayClock, Planner

    deck = cards.Deck(store, [qid])
    seen = deck.card(qid)
    outcome = Planner(DayClock(UTC), fuzz=False).preview(seen, at)[rating]
    deck.commit_review(seen, outcome, at, duration_ms=1000, session="s")


def _cards_without_tokens(store) -> dict:
    """The card table, without last_log_id (a local row id, different on every machine)."""
    return {q: replace(c, last_log_id=None) for q, c in cards.stored_cards(store.db).items()}


def test_merging_interleaved_histories_gives_the_same_cards_both_ways(tmp_path: Path) -> None:
    jan = datetime(2026, 1, 1, 9, tzinfo=UTC)
    a, b = open_store(tmp_path / "a.sqlite3"), open_store(tmp_path / "b.sqlite3")
    # A reviews on Jan 1, Jan 1 and Jan 20 (a good run); B in between, on Jan 5 and Jan 10 (a lapse)
    for store, days, ratings in ((a, (0, 0.01, 19), (3, 3, 3)), (b, (4, 4.01, 9), (3, 3, 1))):
        for qid in (CARD, OTHER):
            for d, r in zip(days, ratings, strict=True):
                _review(store, qid, jan + timedelta(days=d), r)
    rows_a, rows_b = history_rows(a.db), history_rows(b.db)
    import_rows(a, rows_b, "b.json", jan + timedelta(days=30))
    import_rows(b, rows_a, "a.json", jan + timedelta(days=30))
    merged_a, merged_b = _cards_without_tokens(a), _cards_without_tokens(b)
    assert merged_a == merged_b
    # the newest review in time (Jan 20 on A) decides the card, not the newest row id (B's Jan 10)
    assert merged_a[CARD].last_review == jan + timedelta(days=19)
    assert merged_a[CARD].state == 2
    for store in (a, b):  # doctor's rebuild agrees with the card table
        diagnosis, rebuilt = cards.diagnose(store.db, [CARD, OTHER])
        assert diagnosis.healthy, diagnosis
        assert {q: replace(c, last_log_id=None) for q, c in rebuilt.items()} == merged_a
    a.close()
    b.close()


def _env(home: Path, now: str, tz: str) -> dict[str, str]:
    return {**os.environ, "RNNQUIZ_HOME": str(home), "RNNQUIZ_NOW": now, "TZ": tz, "PYTHONPATH": PACKAGE_PATH,
            "NO_COLOR": "1"}  # fmt: skip


def _cli(home: Path, *args: str, now: str, tz: str = "Europe/Berlin") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rnnquiz", *args, "--bank", str(EXAMPLE), "--topic", "example"],
        capture_output=True, text=True, env=_env(home, now, tz), timeout=60, cwd=home.parent,
    )  # fmt: skip


def _card_due(home: Path, qid: str, due: datetime, last: datetime) -> None:
    """A review-state card due at `due` (written as a log row plus its card, as a review would)."""
    with open_store(home / "rnnquiz.sqlite3") as store, store.transaction() as db:
        interval = int((due - last).total_seconds())
        cur = db.execute(
            """INSERT INTO review_log (uuid, question_id, kind, rating, reviewed_at, state_before, state_after,
               interval_s, due) VALUES (?, ?, 'review', 3, ?, 2, 2, ?, ?)""",
            (uuid.uuid4().hex, qid, iso(last), interval, iso(due)),
        )
        db.execute(
            """INSERT INTO cards (question_id, card_id, state, step, stability, difficulty, due, last_review, reps,
               lapses, suspended, last_log_id) VALUES (?, 1, 2, NULL, 30.0, 5.0, ?, ?, 1, 0, 0, ?)""",
            (qid, iso(due), iso(last), cur.lastrowid),
        )


@pytest.mark.parametrize(
    ("now", "due", "today", "tomorrow"),
    [
        # summer (CEST, +2): the study day of Jul 2 starts at 02:00Z, so 02:30Z is tomorrow, not today
        ("2026-07-01T12:00:00+00:00", datetime(2026, 7, 2, 2, 30, tzinfo=UTC), 0, 1),
        # winter (CET, +1): Jan 2 starts at 03:00Z, so 02:30Z still belongs to Jan 1
        ("2026-01-01T12:00:00+00:00", datetime(2026, 1, 2, 2, 30, tzinfo=UTC), 1, 0),
    ],
)
def test_study_days_follow_daylight_saving_in_due(tmp_path: Path, now: str, due: datetime, today: int, tomorrow: int) -> None:
    home = tmp_path / "home"
    _card_due(home, CARD, due, due - timedelta(days=30))
    r = _cli(home, "due", "--json", now=now)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert (doc["due_today"], doc["due_tomorrow"]) == (today, tomorrow), doc


@pytest.mark.parametrize(
    ("now", "due", "day"),
    [
        # Berlin moves to summer time on Mar 29, 2026. 02:30Z on Mar 30 is 04:30 local: study day Mar 30.
        # The offset of "now" (Mar 20, winter) would put it at 03:30 local, before the 4 am rollover: Mar 29.
        ("2026-03-20T12:00:00+00:00", datetime(2026, 3, 30, 2, 30, tzinfo=UTC), "2026-03-30"),
        # Back to winter time on Oct 25: 02:30Z on Oct 26 is 03:30 local, still Oct 25's study day, where
        # the summer offset of "now" (Oct 20) would say 04:30, Oct 26
        ("2026-10-20T12:00:00+00:00", datetime(2026, 10, 26, 2, 30, tzinfo=UTC), "2026-10-25"),
    ],
)
def test_forecast_buckets_each_day_by_its_own_offset_across_the_changes(
    tmp_path: Path, now: str, due: datetime, day: str
) -> None:
    home = tmp_path / "home"
    _card_due(home, CARD, due, due - timedelta(days=30))
    r = _cli(home, "stats", "--json", now=now)
    assert r.returncode == 0, r.stderr
    forecast = {row["date"]: row["due"] for row in json.loads(r.stdout)["forecast"] if row["due"]}
    assert forecast == {day: 1}, (now, forecast)


def test_due_and_stats_create_no_store(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for command in ("due", "stats"):
        r = _cli(home, command, "--json", now="2026-03-01T09:00:00+00:00", tz="UTC")
        assert r.returncode == 0, r.stderr
        assert not (home / "rnnquiz.sqlite3").exists(), command
    r = _cli(home, "due", now="2026-03-01T09:00:00+00:00", tz="UTC")  # text output too
    assert r.returncode == 0 and not (home / "rnnquiz.sqlite3").exists(), r.stderr


def test_due_and_stats_leave_the_store_byte_for_byte_unchanged(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _card_due(home, CARD, datetime(2026, 3, 2, 9, tzinfo=UTC), datetime(2026, 2, 1, 9, tzinfo=UTC))
    with open_store(home / "rnnquiz.sqlite3") as store:
        store.set_setting("deadline", json.dumps("2026-02-01"))  # passed: due and stats must not delete it
    before = hashlib.sha256((home / "rnnquiz.sqlite3").read_bytes()).hexdigest()
    for command in ("due", "stats"):
        for extra in ((), ("--json",)):
            r = _cli(home, command, *extra, now="2026-03-01T09:00:00+00:00", tz="UTC")
            assert r.returncode == 0, r.stderr
    assert hashlib.sha256((home / "rnnquiz.sqlite3").read_bytes()).hexdigest() == before
    with open_store(home / "rnnquiz.sqlite3") as store:
        assert store.get_setting("deadline") == json.dumps("2026-02-01")


def test_a_clock_behind_the_log_never_reorders_a_card(tmp_path: Path) -> None:
    """RNNQUIZ_NOW restarts in every process (and a clock can be set back): a suspend written "before" the
    review it follows must still come after it in the replay, and the card must equal doctor's rebuild."""
    jan = datetime(2026, 1, 1, 9, tzinfo=UTC)
    with open_store(tmp_path / "s.sqlite3") as store:
        _review(store, CARD, jan + timedelta(seconds=5), 3)
        deck = cards.Deck(store, [CARD])
        deck.commit_event(CARD, "suspend", jan)  # the clock says: before the review
        assert deck.card(CARD).suspended
        deck.commit_event(CARD, "unsuspend", jan + timedelta(seconds=1))
        assert not deck.card(CARD).suspended and deck.card(CARD).reps == 1
        _review(store, CARD, jan + timedelta(seconds=2), 3)  # behind the log again
        assert deck.card(CARD).reps == 2
        diagnosis, _ = cards.diagnose(store.db, [CARD])
        assert diagnosis.healthy, diagnosis
