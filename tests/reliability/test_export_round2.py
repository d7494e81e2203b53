"""Round 2 of the export / import / bank-text attacks (a fresh-context attacker on merged main).

Each test is a real process with a fresh RNNQUIZ_HOME (the `rq` fixture), checks the exit code and the one
stderr line, and hashes what must not change. Numbered N61-N75 (README.md) so they never collide with the
numbers other branches add.
"""

from __future__ import annotations

import json
import os
import pty
import select
import sqlite3
import subprocess
import unicodedata
from contextlib import closing

import pytest

from .conftest import Rnnquiz, bank_text, digest, one_line, poison_log_row, sql, validate_fails

QUESTION_WITH = """  - id: q1
    type: flashcard
    claims: [extra]
    prompt: "What does the forget gate keep?{text}"
    answer: "The share of C_{{t-1}} that survives."
    explanation: "It multiplies the old cell state element-wise."
"""


def _history(rq, fmt: str = "json") -> tuple[dict | str, object]:
    rq.seed_store()
    out = rq.tmp / f"history.{fmt}"
    r = rq("export", "history", "--out", str(out))
    assert r.rc == 0, r
    return (json.loads(out.read_text()) if fmt == "json" else out.read_text()), out


def _other(rq, name: str = "other") -> Rnnquiz:
    """A second machine: its own home under the same tmp folder."""
    tmp = rq.tmp / name
    tmp.mkdir()
    return Rnnquiz(rq.exe, tmp)


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".rnnquiz-export-"))


# --- 1. every file a command writes goes through the atomic writer ------------------------------------------


@pytest.mark.parametrize("option", ["--svg", "--html"])
def test_N61_demo_picture_to_dev_full_is_one_line_exit_4(rq, option):
    line = one_line(rq("demo", "lstm", option, "/dev/full"), 4, "/dev/full", "No space left on device")
    assert "Cannot write None" not in line


@pytest.mark.parametrize("option", ["--svg", "--html"])
def test_N61_demo_picture_on_a_full_disk_keeps_the_old_file(rq, option):
    old = rq.tmp / "trace.out"
    old.write_text("the old picture\n")
    before = digest(old, rq.home)
    r = rq("demo", "lstm", option, str(old), max_file_size=2000)  # the new picture is far larger
    one_line(r, 4, str(old), "unchanged")
    assert digest(old, rq.home) == before
    assert _leftovers(rq.tmp) == []


def test_N61_drill_start_on_a_full_disk_leaves_no_half_file(rq):
    target = rq.tmp / "starter.py"
    r = rq("drill", "start", "rnn-step-forward", "--out", str(target), "--no-edit", max_file_size=100)
    one_line(r, 4, str(target))
    assert not target.exists() and _leftovers(rq.tmp) == []
    r = rq("drill", "start", "rnn-step-forward", "--out", "/dev/full", "--no-edit", "--force")
    one_line(r, 4, "/dev/full")


# --- 2. salvage reads past a damaged page -----------------------------------------------------------------


def _damage_page_holding(db, marker: bytes) -> None:
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    at = data.index(marker)
    start = at - at % page
    data[start:start + page] = b"\xff" * page  # the whole leaf page: header and cells unreadable
    db.write_bytes(bytes(data))


def test_N62_history_salvage_keeps_every_readable_row_after_a_bad_page(rq):
    rq.seed_store()
    cols = [c[1] for c in sql(rq.db, "PRAGMA table_info(review_log)")]
    row = dict(zip(cols, sql(rq.db, "SELECT * FROM review_log LIMIT 1")[0], strict=True))
    with closing(sqlite3.connect(rq.db)) as con, con:
        for i in range(2000):
            new = {**row, "id": None, "uuid": f"{i:032x}", "session": f"MARK{i:06d}" + "x" * 40}
            con.execute(f"INSERT INTO review_log ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                        list(new.values()))
    total = sql(rq.db, "PRAGMA wal_checkpoint(TRUNCATE)", "SELECT COUNT(*) FROM review_log")[0][0]
    _damage_page_holding(rq.db, b"MARK000700")
    out = rq.tmp / "salvage.json"
    r = rq("export", "history", "--out", str(out))
    assert r.rc == 0 and "Traceback" not in r.err, r
    got = json.loads(out.read_text())["review_log"]
    sessions = {x["session"][:10] for x in got if x["session"]}
    assert "MARK001999" in sessions and "MARK000000" in sessions  # rows after the bad page are kept
    assert "MARK000700" not in sessions
    assert total - 100 < len(got) < total  # one page lost, not the half after it
    warning = [ln for ln in r.err_lines() if "review_log" in ln]
    assert len(warning) == 1 and f"{total - len(got)} row(s) unreadable" in warning[0], r


# --- 3. quarantined rows travel, and land in quarantine --------------------------------------------------


def test_N63_quarantined_rows_are_exported_and_imported_back_into_quarantine(rq):
    rq.seed_store()
    poison_log_row(rq.db)
    assert rq("doctor", "--repair").rc == 0
    for fmt in ("json", "csv"):
        out = rq.tmp / f"moved.{fmt}"
        assert rq("export", "history", "--out", str(out)).rc == 0
        if fmt == "json":
            kept = json.loads(out.read_text())["review_log_quarantine"]
            assert [q["uuid"] for q in kept] == ["e" * 32] and "garbage-time" in kept[0]["row"] and kept[0]["reason"]
        other = _other(rq, f"other-{fmt}")
        r = other("import", "history", str(out), "--json")
        assert r.rc == 0, r
        assert json.loads(r.out)["added"]["review_log_quarantine"] == 1
        assert sql(other.db, "SELECT uuid FROM review_log_quarantine") == [("e" * 32,)]
        assert sql(other.db, "SELECT COUNT(*) FROM review_log WHERE uuid = ?", params=("e" * 32,)) == [(0,)]
        before = digest(other.db)
        r = other("import", "history", str(out), "--json")  # twice adds nothing
        assert r.rc == 0 and json.loads(r.out)["added"]["review_log_quarantine"] == 0, r
        assert sql(other.db, "SELECT COUNT(*) FROM review_log_quarantine") == [(1,)]
        assert other("doctor").rc == 0
        assert before  # (the store may be rewritten by the no-op transaction; the counts above are the check)


# --- 4. hints that work, and a newer format ---------------------------------------------------------------


def test_N64_the_not_history_hint_is_a_command_that_works(rq):
    bad = rq.tmp / "notes.txt"
    bad.write_text("just some notes\n")
    line = one_line(rq("import", "history", str(bad)), 2, "not an rnnquiz history export")
    hint = line.split("`")[1]  # `rnnquiz export history --out FILE`
    assert hint.startswith("rnnquiz export history ")
    args = hint.split()[1:]
    args[args.index("FILE")] = str(rq.tmp / "h.json")
    r = rq(*args)
    assert r.rc == 0 and (rq.tmp / "h.json").exists(), r


def test_N64_a_newer_format_version_says_so(rq):
    doc, _ = _history(rq)
    newer = rq.tmp / "newer.json"
    newer.write_text(json.dumps({**doc, "version": 2}))
    before = digest(rq.db)
    one_line(rq("import", "history", str(newer)), 2, "written by a newer rnnquiz")
    assert digest(rq.db) == before


# --- 5. drill history is part of the history -------------------------------------------------------------

ATTEMPTS = [
    {"drill": "rnn-step-forward", "card": "drill:rnn-step-forward", "passed": False, "score": [1, 4], "rating": 1,
     "hints_used": 0, "failed_before": 0, "solution_seen": False, "at": "2026-11-30T10:00:00+00:00", "rerun": False},
    {"drill": "rnn-step-forward", "card": "drill:rnn-step-forward", "passed": True, "score": [4, 4], "rating": 3,
     "hints_used": 0, "failed_before": 1, "solution_seen": False, "at": "2026-11-30T10:05:00+00:00", "rerun": False},
]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_N65_drill_attempts_round_trip(rq, fmt):
    rq.seed_store()
    doc = {"version": 1, "drills": {"rnn-step-forward": {
        "attempts": 2, "passes": 1, "hints": 0, "failed": 1, "solution": False, "rated": 3,
        "best": {"passed": True, "score": [4, 4], "at": ATTEMPTS[1]["at"]}, "history": ATTEMPTS}}}
    sql(rq.db, "INSERT INTO settings (key, value) VALUES ('drill:progress', ?)", params=(json.dumps(doc),))
    out = rq.tmp / f"h.{fmt}"
    assert rq("export", "history", "--out", str(out)).rc == 0
    other = _other(rq)
    r = other("import", "history", str(out), "--json")
    assert r.rc == 0, r
    assert json.loads(r.out)["added"]["drill_attempts"] == 2
    moved = json.loads(sql(other.db, "SELECT value FROM settings WHERE key = 'drill:progress'")[0][0])
    entry = moved["drills"]["rnn-step-forward"]
    assert entry["history"] == ATTEMPTS
    assert entry["best"] == doc["drills"]["rnn-step-forward"]["best"] and entry["attempts"] == 2 and entry["passes"] == 1
    r = other("import", "history", str(out), "--json")
    assert r.rc == 0 and json.loads(r.out)["added"]["drill_attempts"] == 0, r
    assert json.loads(sql(other.db, "SELECT value FROM settings WHERE key = 'drill:progress'")[0][0]) == moved
    r = other("drill", "--json")  # the drill list shows the best result that moved
    assert r.rc == 0, r
    best = {d["id"]: d["best"] for d in json.loads(r.out)["drills"]}["rnn-step-forward"]
    assert best["passed"] is True and best["score"] == [4, 4] and best["attempts"] == 2, best


# --- 6. invisible characters in banks -------------------------------------------------------------------

INVISIBLE = ["\u2028", "\u2029", "\u200b", "\u200c", "\u200d", "\ufeff", "\U000e0041", "\U000e007f", "\u00ad",
             "\u2060", "\u180e"]  # fmt: skip


@pytest.mark.parametrize("ch", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_N66_invisible_characters_are_refused_with_file_line(rq, ch):
    path = rq.bank(bank_text(QUESTION_WITH.format(text=ch)), folder=rq.tmp / "user")
    line = validate_fails(rq("validate", str(path)), path.name, f"U+{ord(ch):04X}")
    assert ":8:" in line, line  # the prompt's line
    assert ch not in line
    code = f"\\U{ord(ch):08X}" if ord(ch) > 0xFFFF else f"\\u{ord(ch):04X}"  # YAML's escapes
    escaped = rq.bank(bank_text(QUESTION_WITH.format(text=code)), name="esc.yaml",
                      folder=rq.tmp / "user2")  # written as an escape in a double-quoted scalar
    validate_fails(rq("validate", str(escaped)), escaped.name, f"U+{ord(ch):04X}")


def test_N66_every_format_character_is_unsafe():
    from rnnquiz.textsafe import UNSAFE

    missing = [f"U+{c:04X}" for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf" and not UNSAFE.match(chr(c))]
    assert missing == []
    assert not UNSAFE.search("梯度消失，遗忘门 forget gate: naïve café 🧠 ﬁ e\u0301")  # real text stays


# --- 7. history on a terminal ---------------------------------------------------------------------------

EVIL = "evil\x1b[2J\x1b]52;c;aGk=\x07\x9b31m\u202e\u200b"


def _at_terminal(rq, *args) -> bytes:
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([*rq.exe, *args], stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE,
                                env=rq.env, cwd=rq.tmp)
        os.close(slave)
        chunks = []
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                break
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        assert proc.wait(30) == 0, proc.stderr.read()
        return b"".join(chunks)
    finally:
        os.close(master)


def test_N67_history_to_a_terminal_never_sends_control_bytes(rq):
    doc, _ = _history(rq)
    row = {**doc["review_log"][0], "uuid": "d" * 32, "question_id": EVIL, "kind": "suspend", "rating": None,
           "interval_s": None, "undoes_uuid": None}
    evil = rq.tmp / "evil.json"
    evil.write_text(json.dumps({**doc, "review_log": [row], "quiz_sessions": [], "quiz_answers": []}))
    r = rq("import", "history", str(evil))
    assert r.rc == 0, r
    for fmt in ("json", "csv"):
        shown = _at_terminal(rq, "export", "history", "-o", "-", "-f", fmt)
        assert b"evil" in shown
        for raw in (b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode(), "\u200b".encode()):
            assert raw not in shown, (fmt, raw)
    piped = rq("export", "history", "-o", "-", "-f", "json")
    assert b"\x1b" not in piped.out_b and "\x9b".encode() not in piped.out_b  # escaped in the JSON itself
    assert EVIL in [x["question_id"] for x in json.loads(piped.out)["review_log"]]  # and the data is unchanged
    assert EVIL.encode() in rq("export", "history", "-o", "-", "-f", "csv").out_b  # a pipe gets the data as is


# --- 8. a uuid the store holds with other content --------------------------------------------------------


@pytest.mark.parametrize("table, field, value", [
    ("quiz_answers", "given", "a different answer"),
    ("review_log", "rating", 4),
    ("quiz_sessions", "seed", 12345),
])  # fmt: skip
def test_N68_a_known_uuid_with_other_content_is_refused(rq, table, field, value):
    doc, _ = _history(rq)
    doc[table][-1][field] = value
    changed = rq.tmp / "changed.json"
    changed.write_text(json.dumps(doc))
    before = digest(rq.db)
    line = one_line(rq("import", "history", str(changed)), 2, "is already stored with different content",
                    doc[table][-1]["uuid"], f"row {len(doc[table])}")
    assert field in line
    assert digest(rq.db) == before


def test_N68_the_same_file_twice_is_still_already_here(rq):
    _, out = _history(rq)
    before = sql(rq.db, "SELECT COUNT(*) FROM review_log")
    r = rq("import", "history", str(out), "--json")
    assert r.rc == 0 and sum(json.loads(r.out)["added"].values()) == 0, r
    assert sql(rq.db, "SELECT COUNT(*) FROM review_log") == before


# --- the same surfaces, attacked further ----------------------------------------------------------------


def test_N69_export_to_a_symlink_pointing_at_the_store_is_refused(rq):
    rq.seed_store()
    link = rq.tmp / "innocent.json"
    link.symlink_to(rq.db)
    before = digest(rq.db)
    for args in (["export", "history", "--out", str(link)], ["demo", "lstm", "--svg", str(link)],
                 ["drill", "start", "rnn-step-forward", "--out", str(link), "--force", "--no-edit"]):
        one_line(rq(*args), 2, "rnnquiz's own data")
        assert digest(rq.db) == before


def test_N70_a_1_gb_history_file_is_refused_before_reading(rq):
    huge = rq.tmp / "huge.json"
    with open(huge, "wb") as fh:
        fh.truncate(1 << 30)  # sparse: costs nothing on disk
    one_line(rq("import", "history", str(huge), timeout=20), 2, "at most", "bytes")
    assert not rq.db.exists()


@pytest.mark.parametrize("content, words", [
    ('{"version": 1, "review_log": ' + "[" * 100_000 + "]" * 100_000 + "}", ("not valid JSON",)),
    ('{"version": 1, "review_log": [], "quiz_sessions": [{"uuid": "' + "a" * 32 + '", "seed": NaN}]}', ("seed",)),
    ('{"version": 1, "quiz_answers": [{"seconds": Infinity}]}', ("quiz_answers",)),
    ('{"version": 1, "review_log_quarantine": [{"row": "[1, 2]", "reason": "x", "moved_at": "2026-11-01T00:00:00+00:00"}]}',
     ("review_log_quarantine", "row")),
    ('{"version": 1, "drill_attempts": [{"drill": "x", "passed": 7}]}', ("drill_attempts", "passed")),
])  # fmt: skip
def test_N71_hostile_history_json_is_one_line(rq, content, words):
    rq.seed_store()
    bad = rq.tmp / "bad.json"
    bad.write_text(content)
    before = digest(rq.db)
    one_line(rq("import", "history", str(bad)), 2, *words)
    assert digest(rq.db) == before


def test_N72_a_bank_with_a_10_mb_single_line_is_refused(rq):
    path = rq.bank(bank_text(QUESTION_WITH.format(text="x" * 10_000_000)), folder=rq.tmp / "user")
    validate_fails(rq("validate", str(path)), path.name, "limit")


def test_N73_bank_new_force_on_a_full_disk_keeps_the_old_bank_whole(rq):
    assert rq("bank", "new", "notes").rc == 0
    bank = rq.home / "banks" / "notes.yaml"
    bank.write_text(bank.read_text() + "# my edits\n")
    before = digest(bank)
    one_line(rq("bank", "new", "notes", "--force", max_file_size=200), 4, str(bank), "unchanged")
    assert digest(bank) == before and _leftovers(bank.parent) == []


def test_N74_json_output_of_imported_ids_holds_no_raw_c1_or_bidi(rq):
    doc, _ = _history(rq)
    row = {**doc["review_log"][0], "uuid": "c" * 32, "question_id": EVIL, "kind": "suspend", "rating": None,
           "interval_s": None, "undoes_uuid": None}
    evil = rq.tmp / "evil.json"
    evil.write_text(json.dumps({**doc, "review_log": [row], "quiz_sessions": [], "quiz_answers": []}))
    r = rq("import", "history", str(evil), "--json")
    assert r.rc == 0, r
    assert EVIL in json.loads(r.out)["unknown_question_ids"]  # the same data
    for raw in (b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode(), "\u200b".encode()):
        assert raw not in r.out_b, raw


def test_N75_a_hand_edited_drill_attempt_never_blocks_the_move(rq):
    rq.seed_store()
    bad = {**ATTEMPTS[0], "score": [1.5, "four"], "at": "yesterday"}
    doc = {"version": 1, "drills": {"rnn-step-forward": {"history": [bad, ATTEMPTS[1]]}}}
    sql(rq.db, "INSERT INTO settings (key, value) VALUES ('drill:progress', ?)", params=(json.dumps(doc),))
    out = rq.tmp / "h.csv"
    r = rq("export", "history", "--out", str(out))
    assert r.rc == 0 and "drill_attempts" in r.err and "1 malformed attempt(s) left out" in r.err, r
    other = _other(rq)
    r = other("import", "history", str(out), "--json")
    assert r.rc == 0 and json.loads(r.out)["added"]["drill_attempts"] == 1, r


@pytest.mark.parametrize("args", [["export", "history", "-o", "-"], ["export", "tsv", "-o", "-"], ["list", "--json"],
                                  ["--version"], ["--help"], ["show", "rnn-definition"]])  # fmt: skip
def test_N76_stdout_on_a_full_disk_is_one_line_exit_4(rq, args):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([*rq.exe, *args], stdin=subprocess.DEVNULL, stdout=full, stderr=subprocess.PIPE,
                              env=rq.env, cwd=rq.tmp, timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 4 and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1 and "No space left on device" in err, err


def test_N76_export_to_a_closed_stdout_is_one_line(rq):
    proc = subprocess.run([*rq.exe, "export", "history", "-o", "-"], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=rq.env, cwd=rq.tmp, timeout=60, preexec_fn=lambda: os.close(1))
    err = proc.stderr.decode()
    assert proc.returncode == 4 and "Traceback" not in err and "stdout" in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_export_history_message_counts_the_drill_attempts_too(rq):
    """Newcomer 3: the export message named quiz answers and review-log rows, not the drill attempts it wrote."""
    rq.seed_store()
    doc = {"version": 1, "drills": {"rnn-step-forward": {
        "attempts": 2, "passes": 1, "hints": 0, "failed": 1, "solution": False, "rated": 3,
        "best": {"passed": True, "score": [4, 4], "at": ATTEMPTS[1]["at"]}, "history": ATTEMPTS}}}
    sql(rq.db, "INSERT INTO settings (key, value) VALUES ('drill:progress', ?)", params=(json.dumps(doc),))
    r = rq("export", "history", "--out", str(rq.tmp / "h.json"))
    assert r.rc == 0 and "and 2 drill attempt(s) to" in r.err, r
    r = rq("export", "history", "--out", str(rq.tmp / "h2.json"), "--lang", "zh")
    assert r.rc == 0 and "和 2 次练习记录写入" in r.err, r
