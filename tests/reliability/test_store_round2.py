"""Round 2 of the store-side attacks (a fresh-context attacker on merged main, then this branch's own):
the data folder and the store file in states a user can get into, hostile rows and settings, hostile
streams, Ctrl-C at start-up. Each test is a real process in a fresh RNNQUIZ_HOME; numbers N40-N59 (README)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from contextlib import closing

import pytest

from .conftest import digest, last_line, need_permissions, one_line, sql

ZH_ID = "rnn-definition"  # a bundled question with Chinese text


def _rows(db, table: str = "review_log") -> int:
    return sql(db, f"SELECT COUNT(*) FROM {table}")[0][0]


# --- 1, 2: the data folder itself ----------------------------------------------------------------------


def test_N40_an_unreadable_data_folder_is_exit_4_not_a_traceback(rq):
    prefix = need_permissions()
    assert rq("config", "lang", "en").rc == 0
    before = digest(rq.home)
    rq.home.chmod(0)
    try:
        for args in (["stats"], ["due"], ["list"], ["quiz", "-n", "1", "--seed", "1"]):
            one_line(rq(*args, prefix=prefix), 4, str(rq.home), "Permission denied")
    finally:
        rq.home.chmod(0o755)
    assert digest(rq.home) == before


@pytest.mark.parametrize("where", ["file", "under-a-file"])
def test_N41_a_data_folder_that_is_a_file_is_exit_4_not_an_empty_history(rq, where):
    plain = rq.tmp / "passwd"
    plain.write_text("root:x:0:0:root:/root:/bin/bash\n")
    home = plain if where == "file" else plain / "sub"
    before = digest(plain)
    for args in (["stats"], ["due"], ["list"], ["export", "history", "-o", "-"], ["config", "lang", "zh"]):
        one_line(rq(*args, env={"RNNQUIZ_HOME": str(home)}), 4, str(plain), "not a folder")
    assert digest(plain) == before


def test_N42_a_store_that_is_a_folder_or_not_sqlite(rq):
    rq.db.mkdir()
    for args in (["stats"], ["list"], ["config", "lang", "zh"]):
        one_line(rq(*args), 4, "is a folder")
    rq.db.rmdir()
    rq.db.write_bytes(os.urandom(5000))
    before = digest(rq.home)
    for args in (["stats"], ["list"], ["doctor"], ["quiz", "-n", "1", "--seed", "1"]):
        one_line(rq(*args), 4, "not a readable rnnquiz database")
    assert digest(rq.home) == before


# --- 3: a log row the scheduler cannot compute --------------------------------------------------------


@pytest.mark.parametrize("change", [
    "reviewed_at = '9999-12-31T23:59:59.000000+00:00', due = '9999-12-31T23:59:59.000000+00:00'",
    "reviewed_at = '0001-01-01T00:00:00.000000+00:00'",
    "interval_s = 86400000000000000",  # 10**12 days
])  # fmt: skip
def test_N43_a_row_far_in_the_future_is_reported_by_doctor_and_quarantined_by_repair(rq, change):
    rq.seed_store()
    sql(rq.db, f"UPDATE review_log SET {change} WHERE id = 1")
    rows = _rows(rq.db)
    before = digest(rq.db)
    r = rq("doctor")
    assert r.rc == 4 and "Traceback" not in r.err, r
    assert "log row 1 " in r.out and "cannot be replayed" in r.out, r
    assert digest(rq.db) == before  # doctor alone writes nothing
    r = rq("doctor", "--repair")
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert sql(rq.db, "SELECT id FROM review_log_quarantine") == [(1,)]  # kept, not deleted
    assert _rows(rq.db) == rows - 1
    for args in (["doctor"], ["due"], ["stats"]):
        r = rq(*args)
        assert r.rc == 0 and "Traceback" not in r.err, r


# --- 4, 5: streams that are not UTF-8 -----------------------------------------------------------------


@pytest.mark.parametrize("args", [["list", "--lang", "zh"], ["show", ZH_ID, "--lang", "zh"], ["stats", "--lang", "zh"],
                                  ["quiz", "-n", "1", "--seed", "1", "--lang", "zh"], ["--help"]])  # fmt: skip
def test_N44_an_ascii_terminal_gets_escapes_not_a_traceback(rq, args):
    r = rq(*args, input="\n", env={"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"})
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert r.out_b.isascii() and r.err_b.isascii(), r
    if "zh" in args:
        assert "\\u" in r.out + r.err, r  # the Chinese text, escaped


@pytest.mark.parametrize("args", [["quiz", "-n", "1", "--seed", "1"], ["interview", "--seed", "1", "-m", "1"]])
def test_N45_bytes_that_are_not_utf8_on_stdin_are_an_answer_not_a_traceback(rq, args):
    r = rq(*args, input=b"\xff\xfe\n\xed\xa0\x80\n\xff\n")
    assert r.rc == 0 and "Traceback" not in r.err, r
    given = sql(rq.db, "SELECT given FROM quiz_answers")
    assert given and all(g is None or "\ufffd" in g or g == "" for (g,) in given), given


# --- 6, 7: settings no version of rnnquiz wrote -------------------------------------------------------


@pytest.mark.parametrize("value", ["x'00ff'", "x''", "42.5"])
def test_N46_a_setting_stored_as_a_blob_or_number_is_ignored_with_a_warning(rq, value):
    assert rq("config", "lang", "zh").rc == 0
    sql(rq.db, f"UPDATE settings SET value = {value} WHERE key = 'lang'")
    for args in (["stats"], ["list"], ["config"]):
        line = one_line(rq(*args), 0, "lang")
        assert "warning" in line and "ignored" in line, line
    assert rq("config", "lang", "zh").rc == 0  # config fixes it
    r = rq("config")
    assert r.rc == 0 and r.err == "" and "lang = zh" in r.out, r


@pytest.mark.parametrize("raw", [
    "{not json",
    "[1, 2]",
    '{"version": 1, "drills": {"param-count": {"attempts": "many", "best": {"passed": true, "score": [1]}}}}',
    '{"version": 1, "drills": {"param-count": {"hints": 99999999999999999999999, "attempts": 1e400}}}',
    '{"version": 1, "drills": {"param-count": {"best": {"passed": true, "score": [1]}, "history": [7]}}}',
    '{"version": 1, "drills": {"param-count": {"history": [{"passed": 1, "score": "x"}]}}}',
])  # fmt: skip
def test_N47_hand_edited_drill_progress_is_a_warning_and_that_drill_starts_over(rq, raw):
    assert rq("config", "lang", "en").rc == 0
    sql(rq.db, "INSERT INTO settings (key, value) VALUES ('drill:progress', ?)", params=(raw,))
    r = rq("drill")
    line = one_line(r, 0, "drill:progress", "starts over")
    assert line.startswith("rnnquiz: warning: "), line
    assert "param-count" in r.out, r
    r = rq("review", "--limit", "1", input="?\n")
    assert r.rc == 0 and "Traceback" not in r.err, r


# --- 8: reading a store that cannot be written --------------------------------------------------------

READERS = (["due"], ["stats"], ["list"], ["export", "history", "-o", "-"], ["doctor"])


@pytest.mark.parametrize("what", ["folder", "file"])
def test_N48_a_read_only_store_still_reads_and_refuses_writes_with_one_line(rq, what):
    prefix = need_permissions()
    rq.seed_store()
    reviews = _rows(rq.db)
    before = digest(rq.db)
    target = rq.home if what == "folder" else rq.db
    target.chmod(0o555 if what == "folder" else 0o444)
    try:
        for args in READERS:
            r = rq(*args, prefix=prefix)
            assert r.rc == 0 and "Traceback" not in r.err, r
            assert r.err == "", r
        r = rq("export", "history", "-o", "-", prefix=prefix)
        assert r.out.count('"uuid"') >= reviews, r
        last_line(rq("quiz", "-n", "1", "--seed", "1", input="\n", prefix=prefix), 4, "read-only")
        one_line(rq("config", "lang", "zh", prefix=prefix), 4, "read-only")
    finally:
        target.chmod(0o755 if what == "folder" else 0o644)
    assert digest(rq.db) == before


def test_N49_a_full_disk_still_reads(rq):
    rq.seed_store()
    before = digest(rq.db)
    for args in (["due"], ["stats"], ["list"]):
        r = rq(*args, max_file_size=0)
        assert r.rc == 0 and "Traceback" not in r.err, r
    assert digest(rq.db) == before


# --- 9: a dropped table -------------------------------------------------------------------------------


def test_N50_doctor_repair_recreates_a_dropped_cards_table_from_the_log(rq):
    rq.seed_store()
    log = sql(rq.db, "SELECT * FROM review_log ORDER BY id")
    cards = sql(rq.db, "SELECT question_id, state, due, reps FROM cards ORDER BY question_id")
    sql(rq.db, "DROP TABLE cards")
    before = digest(rq.db)
    one_line(rq("doctor"), 4, "cards", "doctor --repair")
    assert digest(rq.db) == before
    r = rq("doctor", "--repair")
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert "cards" in r.out, r
    assert sql(rq.db, "SELECT * FROM review_log ORDER BY id") == log  # the log is the truth: untouched
    assert sql(rq.db, "SELECT question_id, state, due, reps FROM cards ORDER BY question_id") == cards
    for args in (["doctor"], ["due"], ["stats"]):
        r = rq(*args)
        assert r.rc == 0 and r.err == "", r


# --- 10: Ctrl-C while starting ------------------------------------------------------------------------


def _before_rnnquiz_ran(rc: int, out: bytes, err: str) -> bool:
    """The signal came before Python ran a line of rnnquiz: killed before Python set up its handler (death by
    SIGINT, no output at all), or Python's own handler printed a traceback from interpreter start-up, `site`,
    the entry script's `import re`, or the import system locating the package — windows no program can take
    over. From the package's first line on its handler ends the process without a traceback, so a traceback
    with a frame in the package (`/rnnquiz/`) is rnnquiz's and fails the test."""
    if rc == -signal.SIGINT and not out and not err:
        return True
    return "Traceback" in err and "/rnnquiz/" not in err


@pytest.mark.parametrize("delay", [0.05, 0.1, 0.2, 0.3, 0.45])
@pytest.mark.parametrize("args", [["review"], ["quiz", "-n", "2", "--seed", "1"], ["stats"]])
def test_N51_ctrl_c_during_start_up_is_exit_130_with_one_line_and_nothing_written(rq, args, delay):
    if not rq.exe[0].endswith("rnnquiz"):
        pytest.skip("the entry script is not installed: python -m has its own start-up")
    assert rq("config", "lang", "en").rc == 0
    before = digest(rq.db)
    for _attempt in range(8):  # on a loaded machine Python itself may not have started within `delay`
        proc = subprocess.Popen([*rq.exe, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=rq.env, cwd=rq.tmp)  # fmt: skip
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)  # stdin stays open until the signal: a session is still waiting
        text = err.decode("utf-8", "replace")
        if not _before_rnnquiz_ran(proc.returncode, out, text):
            break
    else:  # a loaded machine: Python's own start-up took longer than the delay every time
        pytest.skip(f"Python itself had not started rnnquiz {delay} s after spawn in 8 tries (machine load)")
    assert "Traceback" not in text, text
    if args[0] == "stats" and proc.returncode in (0, -signal.SIGINT) and not text:
        # stats may finish before the signal (0), or take it while Python shuts down after its output:
        # death by SIGINT, which the shell reports as 130; no traceback either way
        return
    assert proc.returncode == 130, (proc.returncode, text)
    if args[0] == "quiz" and not text and b"interrupted (Ctrl-C)" in out:  # the quiz had begun: its own stop line
        return  # (on stdout, with what was saved) instead of the start-up one
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if args[0] == "review" and lines and lines[-1].startswith("Interrupted. Saved 0 review(s)"):
        assert digest(rq.db) == before  # the review had begun: its own stop line, and nothing was rated
        return
    assert lines[-1] == "rnnquiz: Interrupted.", text
    if args[0] != "quiz":  # a quiz that started has saved its session row; review and stats write nothing
        assert digest(rq.db) == before


# --- more of the same kind (this branch's own attacks) ------------------------------------------------


def test_N52_a_store_locked_past_the_busy_timeout_is_one_line(rq):
    assert rq("config", "lang", "en").rc == 0
    with closing(sqlite3.connect(rq.db, isolation_level=None)) as con:
        con.execute("PRAGMA locking_mode = EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("INSERT INTO settings VALUES ('x', '1')")
        one_line(rq("stats", timeout=60), 4, "busy")
        con.execute("ROLLBACK")
    assert sql(rq.db, "SELECT COUNT(*) FROM settings WHERE key = 'x'") == [(0,)]


def test_N53_a_read_only_store_of_an_older_schema_is_one_line(rq):
    prefix = need_permissions()
    assert rq("config", "lang", "en").rc == 0
    sql(rq.db, "PRAGMA user_version = 3")
    before = digest(rq.db)
    rq.home.chmod(0o555)
    try:
        one_line(rq("stats", prefix=prefix), 4, "read-only", "schema version 3")
    finally:
        rq.home.chmod(0o755)
    assert digest(rq.db) == before


@pytest.mark.parametrize("table", ["settings", "review_log_quarantine", "quiz_answers"])
def test_N54_doctor_repair_recreates_any_dropped_table_and_doctor_can_still_run(rq, table):
    rq.seed_store()
    log = sql(rq.db, "SELECT * FROM review_log ORDER BY id")
    sql(rq.db, f"DROP TABLE {table}")
    r = rq("doctor")
    assert r.rc == 4 and "Traceback" not in r.err, r
    assert f"lacks the table(s) {table}" in r.err_lines()[-1], r
    r = rq("doctor", "--repair")
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert sql(rq.db, "SELECT * FROM review_log ORDER BY id") == log
    for args in (["doctor"], ["due"], ["config", "lang", "zh"]):
        r = rq(*args)
        assert r.rc == 0 and r.err == "", r


def test_N55_a_wal_file_that_is_a_folder_reads_and_refuses_writes_saying_why(rq):
    rq.seed_store()
    (rq.home / "rnnquiz.sqlite3-wal").mkdir()
    before = digest(rq.db)
    for args in (["due"], ["stats"], ["export", "history", "-o", "-"]):
        r = rq(*args)
        assert r.rc == 0 and r.err == "", r
    one_line(rq("config", "lang", "zh"), 4, "read-only", "rnnquiz.sqlite3-wal", "nothing was written")
    assert digest(rq.db) == before
