"""Round 4, attacker report attack4.txt (on 931d524): what still failed, each a real process in a fresh
RNNQUIZ_HOME; numbers N100- (README)."""

from __future__ import annotations

import sqlite3

import pytest

from .conftest import digest, sql


def _store_with_reviews(rq) -> None:
    r = rq("review", "--limit", "2", "--topic", "rnn", input="zzz\n" * 2)
    assert r.rc == 0, r


@pytest.mark.parametrize("command", [["review", "--limit", "4", "--topic", "rnn"], ["quiz", "-n", "2", "--type", "truefalse"]])
def test_N100_a_full_disk_is_refused_before_the_first_question(rq, command) -> None:
    """The write probe rolled its transaction back, so a full disk (which shows only when a commit appends to
    the -wal) passed it; the first answer was then taken and lost. Files are capped at 1,000 bytes here while
    another connection keeps the -wal and -shm in place (the attacker's full tmpfs): no WAL frame fits."""
    _store_with_reviews(rq)
    before = digest(rq.db)
    holder = sqlite3.connect(rq.db)  # another rnnquiz still open: its -wal and -shm stay in place
    holder.execute("SELECT COUNT(*) FROM review_log").fetchall()
    assert rq.db.with_name(rq.db.name + "-shm").exists()
    r = rq(*command, input="3\n" * 4, max_file_size=1000)
    holder.close()
    assert r.rc == 4, r
    assert "Traceback" not in r.err and len(r.err_lines()) == 1, r
    assert "not saved" not in r.err and "answer" not in r.out.lower(), r  # refused before any question was asked
    assert digest(rq.db) == before
    assert sql(rq.db, "SELECT COUNT(*) FROM review_log")[0][0] == 2
    assert not list(rq.home.glob(".rnnquiz-room-*"))  # the probe's file is gone


def test_N101_a_table_unreadable_from_its_first_row_is_named_in_words(rq) -> None:
    """A damaged quiz_answers root page: the warning said "ids start–end", read as a placeholder."""
    r = rq("quiz", "-n", "4", "--type", "truefalse", input="t\n" * 4)
    assert r.rc == 0, r
    sql(rq.db, "PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = sql(rq.db, "SELECT rootpage FROM sqlite_master WHERE name = 'quiz_answers'")[0]
    data = bytearray(rq.db.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    data[(root - 1) * page:(root - 1) * page + 40] = b"\xff" * 40
    rq.db.write_bytes(bytes(data))
    r = rq("export", "history", "-o", "-")
    assert r.rc == 0 and "Traceback" not in r.err, r
    warning = next(ln for ln in r.err_lines() if "quiz_answers" in ln)
    assert "start" not in warning and "end" not in warning.replace("ended", ""), warning
    assert "every id" in warning or "ids " in warning, warning


def test_N102_a_cut_json_export_is_refused_in_our_words(rq) -> None:
    _store_with_reviews(rq)
    full = rq.tmp / "full.json"
    assert rq("export", "history", "-o", str(full)).rc == 0
    cut = rq.tmp / "cut.json"
    cut.write_text(full.read_text(encoding="utf-8")[:500], encoding="utf-8")
    r = rq("import", "history", str(cut))
    assert r.rc == 2 and len(r.err_lines()) == 1 and "Traceback" not in r.err, r
    line = r.err_lines()[0]
    assert "cut.json:" in line and "not valid JSON" in line, line
    assert "Unterminated" not in line and "Expecting" not in line and "starting at" not in line, line  # Python's words


@pytest.mark.parametrize("reviewed_at", ["9999-12-31T23:59:59+00:00", b"A"], ids=["future", "blob"])
def test_N103_stats_and_due_leave_out_rows_doctor_refuses(rq, reviewed_at) -> None:
    """A review-log row dated after now, or whose time is a BLOB, counted as today's work in `stats` and used
    up the daily new-card budget in `due`, while `doctor` and `export` refuse it."""
    import json

    from .conftest import poison_log_row

    _store_with_reviews(rq)
    before_stats = json.loads(rq("stats", "--json").out)["today"]
    before_due = json.loads(rq("due", "--json").out)["new_available"]
    poison_log_row(rq.db, reviewed_at=reviewed_at, rating=1, state_before=0)
    after_stats = json.loads(rq("stats", "--json").out)["today"]
    assert (after_stats["reviews"], after_stats["again"]) == (before_stats["reviews"], before_stats["again"])
    assert json.loads(rq("due", "--json").out)["new_available"] == before_due
