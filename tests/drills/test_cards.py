"""Drills are cards: `drill check` rates `drill:ID` with FSRS through review's commit path; review, due,
stats, the drill list, undo and doctor know those cards (real processes, a fixed clock)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from rnnquiz.drills.solutions import solution_source

DRILL = "lstm-cell-forward"
CARD = f"drill:{DRILL}"
WRONG_LSTM = solution_source("lstm_cell_forward").replace("return o * np.tanh(c), c", "return o * c, c")
T0 = "2026-03-02T10:00:00+00:00"
UTC_ENV = {"RNNQUIZ_NOW": T0, "TZ": "UTC"}


def _at(hours: float) -> dict[str, str]:
    return {"RNNQUIZ_NOW": (datetime.fromisoformat(T0) + timedelta(hours=hours)).isoformat(), "TZ": "UTC"}


def _fail_then_pass_with_hint(run_cli, tmp_path: Path) -> None:
    f = tmp_path / "mine.py"
    f.write_text(WRONG_LSTM, encoding="utf-8")
    wrong = run_cli("drill", "check", DRILL, str(f), "--hint", env=UTC_ENV)
    assert wrong.returncode == 1, wrong.stderr
    f.write_text(solution_source("lstm_cell_forward"), encoding="utf-8")
    ok = run_cli("drill", "check", DRILL, str(f), "--json", env=UTC_ENV)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["attempt"]["rating"] == 2


def _log(home: Path) -> list[sqlite3.Row]:
    db = sqlite3.connect(home / "rnnquiz.sqlite3")
    db.row_factory = sqlite3.Row
    try:
        return db.execute("SELECT * FROM review_log ORDER BY reviewed_at, id").fetchall()
    finally:
        db.close()


def _card_due(home: Path) -> str:
    db = sqlite3.connect(home / "rnnquiz.sqlite3")
    try:
        return db.execute("SELECT due FROM cards WHERE question_id = ?", (CARD,)).fetchone()[0]
    finally:
        db.close()


def test_check_commits_fsrs_reviews_of_the_drill_card(run_cli, tmp_path: Path, rnnquiz_home: Path) -> None:
    from rnnquiz.study import scheduler as sch

    _fail_then_pass_with_hint(run_cli, tmp_path)
    rows = [r for r in _log(rnnquiz_home) if r["question_id"] == CARD]
    assert [(r["kind"], r["rating"]) for r in rows] == [("review", 1), ("review", 2)]
    # the due date is FSRS's: the same two ratings through the scheduler (learning steps: no fuzz)
    clock = sch.DayClock(datetime.fromisoformat(T0).tzinfo, 4)
    planner = sch.Planner(clock, 0.9, None, fuzz=False)
    card = sch.CardState(CARD)
    for k, rating in enumerate((1, 2)):
        at = datetime.fromisoformat(rows[k]["reviewed_at"])
        card = sch.apply(card, planner.preview(card, at)[rating], at, rows[k]["id"])
    assert card.due is not None and datetime.fromisoformat(_card_due(rnnquiz_home)) == card.due
    assert card.due > datetime.fromisoformat(T0)
    # a re-run after the pass gives the card nothing new
    again = run_cli("drill", "check", DRILL, str(tmp_path / "mine.py"), env=UTC_ENV)
    assert again.returncode == 0, again.stderr
    assert len([r for r in _log(rnnquiz_home) if r["question_id"] == CARD]) == 2


def test_due_counts_the_drill_when_due_and_not_before(run_cli, tmp_path: Path) -> None:
    _fail_then_pass_with_hint(run_cli, tmp_path)
    now = json.loads(run_cli("due", "--json", env=UTC_ENV).stdout)
    assert now["due_now"] == 0 and now["next_due"] is not None
    later = json.loads(run_cli("due", "--json", env=_at(24 * 5)).stdout)
    assert later["due_now"] == 1
    only = json.loads(run_cli("due", "--topic", "drills", "--json", env=_at(24 * 5)).stdout)
    assert only["due_now"] == 1 and only["new_available"] == 0


def test_review_shows_a_due_drill_leaves_it_unrated_and_starts_its_cycle(run_cli, tmp_path: Path, rnnquiz_home: Path) -> None:
    from rnnquiz.drills import progress
    from rnnquiz.store import open_store

    _fail_then_pass_with_hint(run_cli, tmp_path)
    before = len(_log(rnnquiz_home))
    r = run_cli("review", "--new", "0", "--json", input="", env=_at(24 * 5))
    assert r.returncode == 0, r.stderr
    assert CARD in r.stderr and f"rnnquiz drill check {DRILL}" in r.stderr and "--force" in r.stderr
    assert json.loads(r.stdout)["reviews"] == []  # not answered: no Again
    assert len(_log(rnnquiz_home)) == before
    with open_store() as store:
        assert progress.cycle(store, DRILL)["rated"] is None  # a new cycle: the next check rates the card
    zh = run_cli("review", "--new", "0", "--lang", "zh", input="", env=_at(24 * 5))
    assert "练习到期" in zh.stderr
    # the next pass (no hints in the new cycle) is rated and committed again
    ok = run_cli("drill", "check", DRILL, str(tmp_path / "mine.py"), "--json", env=_at(24 * 5))
    assert json.loads(ok.stdout)["attempt"]["rating"] == 4 and len(_log(rnnquiz_home)) == before + 1


def test_review_does_not_introduce_drills_as_new(run_cli) -> None:
    r = run_cli("review", "--new", "1", input="", env=UTC_ENV)
    assert r.returncode == 0, r.stderr
    assert "drill:" not in r.stderr


def test_stats_and_the_drill_list_show_drill_cards(run_cli, tmp_path: Path) -> None:
    from rnnquiz.drills.catalog import get

    _fail_then_pass_with_hint(run_cli, tmp_path)
    doc = json.loads(run_cli("stats", "--json", env=UTC_ENV).stdout)
    drills = next(t for t in doc["mastery"]["topics"] if t["id"] == "drills")
    assert drills["retrievability"] is not None and drills["reviewed_share"] > 0
    claims = {c["id"]: c for c in doc["mastery"]["claims"]}
    assert all(claims[c]["retrievability"] is not None for c in get(DRILL).claims)
    assert doc["today"]["reviews"] == 2
    listed = json.loads(run_cli("drill", "--json", env=UTC_ENV).stdout)["drills"]
    due = {d["id"]: d["due"] for d in listed}
    assert due[DRILL] is not None and all(v is None for k, v in due.items() if k != DRILL)
    text = run_cli("drill", env=UTC_ENV).stdout
    assert "next review" in text and datetime.fromisoformat(due[DRILL]).strftime("%Y-%m-%d %H:%M") in text


def test_undo_and_doctor_handle_drill_cards(run_cli, tmp_path: Path, rnnquiz_home: Path) -> None:
    _fail_then_pass_with_hint(run_cli, tmp_path)
    doc = json.loads(run_cli("doctor", "--json", env=UTC_ENV).stdout)
    assert doc["orphans"] == [] and doc["poisoned"] == [] and doc["checked"] == 1
    u = run_cli("undo", "--json", env=UTC_ENV)
    assert u.returncode == 0, u.stderr
    assert json.loads(u.stdout)["undone"]["id"] == CARD and json.loads(u.stdout)["undone"]["rating"] == 2
    assert [r["kind"] for r in _log(rnnquiz_home)] == ["review", "review", "undo"]
    d = run_cli("doctor", env=UTC_ENV)
    assert d.returncode == 0, d.stdout + d.stderr
