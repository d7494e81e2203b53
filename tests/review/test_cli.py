"""Review commands through real processes: the stdin protocol, JSON shapes, time zones, store errors,
SIGKILL mid-session, two processes at once, an interactive session in a pseudo-terminal."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import rnnquiz

from .conftest import EXAMPLE, IDS

# The rnnquiz under test (installed, or the checkout on PYTHONPATH); processes run in their home folder,
# never in the checkout, so `python -m rnnquiz` cannot pick up the source tree by accident.
PACKAGE_PATH = str(Path(rnnquiz.__file__).resolve().parents[1])

# Right answers, one line per question, in bank order (the order new cards come in).
RIGHT = ["3", "a !2", "", "f", "forget gate", "F_t | I_t", "", ""]


# The bundled banks are loaded too; sessions here study only the example bank's cards.
ONLY_EXAMPLE = {"review": ["--topic", "example"]}


def env(home: Path, now: str = "2026-03-01T09:00:00+00:00", tz: str = "UTC") -> dict[str, str]:
    return {**os.environ, "RNNQUIZ_HOME": str(home), "RNNQUIZ_NOW": now, "TZ": tz, "PYTHONPATH": PACKAGE_PATH, "NO_COLOR": "1"}


def rnnquiz(home: Path, *args: str, input: str = "", **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rnnquiz", *args, "--bank", str(EXAMPLE), *ONLY_EXAMPLE.get(args[0], [])],
        input=input, capture_output=True,
        text=True, env=env(home, **kw), timeout=60, cwd=home,
    )


def test_stdin_protocol_and_review_json(tmp_path):
    result = rnnquiz(tmp_path, "review", "--json", "--limit", "2", input="4\nb\n")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    assert [r["id"] for r in doc["reviews"]] == IDS[:2]
    mcq = doc["reviews"][1]
    assert set(mcq) >= {"id", "rating", "interval_shown", "due"}
    # flashcard rated 4 (Easy); mcq: the prepared order decides which letter is wrong, so check the log
    assert doc["reviews"][0]["rating"] == "easy"
    with sqlite3.connect(tmp_path / "rnnquiz.sqlite3") as db:
        rows = db.execute("SELECT question_id, rating, interval_s, due FROM review_log ORDER BY id").fetchall()
    assert len(rows) == 2 and rows[0][1] == 4
    assert rows[0][3] == doc["reviews"][0]["due"]  # the due shown is the due stored
    assert rows[0][2] == doc["reviews"][0]["interval_seconds"]


def test_rating_suffix_and_end_of_input(tmp_path):
    # mcq "a !4": whatever a is, the rating is Easy; then input ends: exit 0, the rest unanswered
    result = rnnquiz(tmp_path, "review", "--json", input="1\na !4\n")
    assert result.returncode == 0, result.stderr
    assert [r["rating"] for r in json.loads(result.stdout)["reviews"]] == ["again", "easy"]


def test_due_json_shape_and_rollover_in_utc_plus_8(tmp_path):
    # reviewed at 10:00 on 03-01 in Shanghai; Easy on a new card gives whole days
    rnnquiz(tmp_path, "review", "--limit", "1", input="4\n", now="2026-03-01T10:00:00+08:00", tz="Asia/Shanghai")
    with sqlite3.connect(tmp_path / "rnnquiz.sqlite3") as db:
        days = db.execute("SELECT interval_s FROM review_log").fetchone()[0] // 86400
    assert days >= 1
    due_day = f"2026-03-{1 + days:02d}"
    # at 03:00 local on the due day it is still the previous study day: not due yet
    r = rnnquiz(tmp_path, "due", "--json", now=f"{due_day}T03:00:00+08:00", tz="Asia/Shanghai")
    doc = json.loads(r.stdout)
    assert set(doc) == {"version", "due_now", "due_today", "due_tomorrow", "new_available", "next_due"}
    assert doc["due_now"] == 0 and doc["due_tomorrow"] == 1
    # from 04:00 local it is due, even though the due time (10:00) is later that day
    doc = json.loads(rnnquiz(tmp_path, "due", "--json", now=f"{due_day}T04:00:00+08:00", tz="Asia/Shanghai").stdout)
    assert doc["due_now"] == 1 and doc["new_available"] == 20  # the daily new-card limit (the bundled banks are loaded too)


def test_utc_minus_7_evening_review_is_due_by_local_day(tmp_path):
    # 22:00 on 03-01 in UTC−7 is 05:00 UTC on 03-02; the study day is still 03-01 locally
    rnnquiz(tmp_path, "review", "--limit", "1", input="4\n", now="2026-03-01T22:00:00-07:00", tz="America/Phoenix")
    with sqlite3.connect(tmp_path / "rnnquiz.sqlite3") as db:
        days = db.execute("SELECT interval_s FROM review_log").fetchone()[0] // 86400
    due_local = f"2026-03-{1 + days:02d}"
    doc = json.loads(rnnquiz(tmp_path, "due", "--json", now=f"{due_local}T05:00:00-07:00", tz="America/Phoenix").stdout)
    assert doc["due_now"] == 1  # due at 22:00 local that day, due from the day's start (04:00)
    doc = json.loads(rnnquiz(tmp_path, "due", "--json", now=f"{due_local}T03:00:00-07:00", tz="America/Phoenix").stdout)
    assert doc["due_now"] == 0


def test_deadline_until_is_stored_shown_and_switches_itself_off(tmp_path):
    r = rnnquiz(tmp_path, "review", "--until", "2026-03-05", "--limit", "1", "--json", input="4\n")
    assert r.returncode == 0, r.stderr
    assert "4 day(s) to 2026-03-05" in r.stderr
    due = json.loads(r.stdout)["reviews"][0]["due"]
    assert "2026-03-04T04:00:00" <= due < "2026-03-04T04:00:01"  # back on the study day before the interview (04:00 rollover, UTC)
    config = [sys.executable, "-m", "rnnquiz", "config", "deadline"]
    r = rnnquiz(tmp_path, "due", now="2026-03-06T09:00:00+00:00")
    assert "deadline mode is now off" in r.stderr
    # due only reads: the passed deadline stays stored until a command that writes (review) clears it
    r = subprocess.run(config, capture_output=True, text=True, env=env(tmp_path), cwd=tmp_path)
    assert r.stdout.strip() == "2026-03-05"
    r = rnnquiz(tmp_path, "review", "--limit", "1", now="2026-03-06T09:00:00+00:00")  # no input: nothing answered
    assert "deadline mode is now off" in r.stderr
    r = subprocess.run(config, capture_output=True, text=True, env=env(tmp_path), cwd=tmp_path)
    assert r.stdout.strip() == "none"


def test_suspend_unsuspend_reset_and_undo_commands(tmp_path):
    rnnquiz(tmp_path, "review", "--limit", "1", input="4\n")
    assert rnnquiz(tmp_path, "suspend", IDS[0]).returncode == 0
    assert json.loads(rnnquiz(tmp_path, "due", "--json", now="2026-04-01T09:00:00+00:00").stdout)["due_now"] == 0
    assert rnnquiz(tmp_path, "unsuspend", IDS[0]).returncode == 0
    assert json.loads(rnnquiz(tmp_path, "due", "--json", now="2026-04-01T09:00:00+00:00").stdout)["due_now"] == 1
    assert rnnquiz(tmp_path, "reset", IDS[0], input="n\n").stdout == ""  # asked, declined
    assert "Reset 1" in rnnquiz(tmp_path, "reset", IDS[0], input="y\n").stdout
    assert rnnquiz(tmp_path, "suspend", "nope").returncode == 2
    rnnquiz(tmp_path, "review", "--limit", "1", input="3\n")
    r = rnnquiz(tmp_path, "undo")
    assert r.returncode == 0 and "Undone" in r.stdout
    with sqlite3.connect(tmp_path / "rnnquiz.sqlite3") as db:
        kinds = [k for (k,) in db.execute("SELECT kind FROM review_log ORDER BY id")]
    assert kinds == ["review", "suspend", "unsuspend", "reset", "review", "undo"]
    r = rnnquiz(tmp_path, "doctor")
    assert r.returncode == 0 and "match" in r.stdout


def test_corrupt_newer_and_readonly_stores_exit_4_untouched(tmp_path):
    home = tmp_path / "corrupt"
    home.mkdir()
    (home / "rnnquiz.sqlite3").write_bytes(b"this is not sqlite" * 100)
    before = (home / "rnnquiz.sqlite3").read_bytes()
    r = rnnquiz(home, "due")
    assert r.returncode == 4 and "not a readable rnnquiz database" in r.stderr and "Traceback" not in r.stderr
    assert (home / "rnnquiz.sqlite3").read_bytes() == before
    newer = tmp_path / "newer"
    newer.mkdir()
    with sqlite3.connect(newer / "rnnquiz.sqlite3") as db:
        db.execute("PRAGMA user_version = 99")
    r = rnnquiz(newer, "review", input="1\n")
    assert r.returncode == 4 and "newer" in r.stderr
    if os.geteuid() != 0:  # root ignores permissions
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        r = rnnquiz(ro, "review", input="1\n")
        assert r.returncode == 4 and ("read-only" in r.stderr or "cannot" in r.stderr)


def _wait_for(path: Path, n: int, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with sqlite3.connect(path) as db:
                if db.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] >= n:
                    return
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    raise AssertionError(f"fewer than {n} reviews logged")


@pytest.mark.slow
def test_sigkill_mid_session_keeps_every_answer_given(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "rnnquiz", "review", "--bank", str(EXAMPLE), "--topic", "example"], stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True, env=env(tmp_path), cwd=tmp_path,
    )
    assert proc.stdin is not None
    for line in ("3\n", "a\n", "a,b\n"):
        proc.stdin.write(line)
    proc.stdin.flush()
    db = tmp_path / "rnnquiz.sqlite3"
    _wait_for(db, 3)
    proc.stdin.write("tru")  # the answer being typed
    proc.stdin.flush()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 3
    r = rnnquiz(tmp_path, "doctor")
    assert r.returncode == 0, r.stdout


@pytest.mark.slow
def test_two_processes_reviewing_at_once_never_lose_or_duplicate(tmp_path):
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "rnnquiz", "review", "--json", "--bank", str(EXAMPLE), "--topic", "example"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(tmp_path), cwd=tmp_path,
        )
        for _ in range(2)
    ]
    outs = [p.communicate("\n".join(["? !4"] * 8) + "\n", timeout=120) for p in procs]  # skip, rated Easy
    saved = [r["id"] for out, _ in outs for r in json.loads(out)["reviews"]]
    with sqlite3.connect(tmp_path / "rnnquiz.sqlite3") as db:
        logged = [q for (q,) in db.execute("SELECT question_id FROM review_log WHERE kind = 'review'")]
    assert sorted(saved) == sorted(logged)  # every review a process saved is in the log
    # Easy sends each card to days ahead, so each of the 8 cards is reviewed exactly once in all
    assert sorted(logged) == sorted(IDS)
    assert rnnquiz(tmp_path, "doctor").returncode == 0


@pytest.mark.slow
def test_interactive_review_in_a_pty_with_undo_and_flashcard_reveal(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        sys.executable, ["-m", "rnnquiz", "review", "--bank", str(EXAMPLE), "--topic", "example"], env=env(tmp_path), encoding="utf-8", timeout=30, cwd=str(tmp_path),
    )
    child.expect("What does an LSTM add")
    child.expect("Enter/Space reveal")
    child.send(" ")  # one key, no Enter
    child.expect("Three gates")  # revealed
    child.expect("Why: ")  # with the explanation, as in quiz
    child.expect(r"Again.*1m.*Hard.*Good.*Easy")  # every key with its interval
    child.expect("> ")
    child.send("4")  # a rating is one key
    child.expect("Easy → ")
    child.expect("Which activation")
    child.expect("> ")
    child.sendline("u")  # undo the flashcard
    child.expect("undone: example/example-flashcard")
    child.expect("that was this session's first answer: nothing more to undo")  # newcomer round 7: how many are left
    child.expect("What does an LSTM add")  # it comes straight back
    child.expect("Enter/Space reveal")
    child.send("\r")
    child.expect(r"\(Enter = 3\)")
    child.expect("> ")
    child.send("\r")  # Enter = Good
    child.expect("Good → ")
    child.expect("> ")
    child.sendline("q")
    child.expect("Saved 1 review")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    with sqlite3.connect(tmp_path / "rnnquiz.sqlite3") as db:
        assert [r for (r,) in db.execute("SELECT rating FROM review_log ORDER BY id")] == [4, None, 3]




def test_when_todays_new_cards_are_used_up_the_end_says_how_to_let_more_in(tmp_path):
    """Newcomer round 5 #11: `review --new 3` after three new cards said only "Nothing due now."."""
    first = rnnquiz(tmp_path, "review", "--new", "1", input="4\n")  # the flashcard, rated Easy: days away
    assert first.returncode == 0, first.stderr
    later = "2026-03-01T10:00:00+00:00"  # each process's clock starts at RNNQUIZ_NOW: the second must come after
    again = rnnquiz(tmp_path, "review", "--new", "1", input="", now=later)
    assert "Nothing due now." in again.stderr
    flat = " ".join(again.stderr.split())
    k = min(10, len(IDS) - 1)  # --new N counts the whole day: one seen, so N = 1 + k (newcomer round 7: "--new 11" unexplained)
    assert f"{len(IDS) - 1} new card(s) wait: you have had 1 new card(s) today and today's limit is 1" in flat, flat
    assert f"for {k} more today: `rnnquiz review --new {1 + k}` (--new counts the whole day)" in flat, flat
    assert "due in in" not in flat
    zh = rnnquiz(tmp_path, "review", "--new", "1", "--lang", "zh", input="", now=later)
    zflat = "".join(zh.stderr.split())
    assert "今天已学1张新卡，今天的上限是1" in zflat, zh.stderr
    more = rnnquiz(tmp_path, "review", "--new", "2", input="?\n", now=later)  # a limit not used up: nothing said
    assert "new card(s) wait" not in more.stderr and "Saved 0 review(s)" in more.stderr, more.stderr


def test_the_card_header_says_what_is_left_today_due_and_new(tmp_path):
    """Newcomer round 7: the header said "due 0" above a new card, which read as an error. It says what is left
    today, as Anki's counts do: the due cards and the new cards today's limit still lets in."""
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        sys.executable, ["-m", "rnnquiz", "review", "--bank", str(EXAMPLE), "--topic", "example", "--new", "2"],
        env=env(tmp_path), encoding="utf-8", timeout=30, cwd=str(tmp_path), dimensions=(40, 200),
    )
    child.expect(r"left today: 0 due, 2 new")
    child.expect("Enter/Space reveal")
    child.send(" ")
    child.expect("> ")
    child.send("4")  # Easy: days away, so it is neither due nor new now
    child.expect(r"left today: 0 due, 1 new")
    child.expect("> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
