"""Round 3, attacker report attack3.txt (on 84fba81): what still failed, each a real process in a fresh
RNNQUIZ_HOME; numbers N93- (README)."""

from __future__ import annotations

import json

import pytest

from .conftest import digest, one_line, poison_log_row, sql


def _review(rq, n: int = 3, env: dict | None = None) -> None:
    r = rq("review", "--limit", str(n), "--topic", "rnn", input="zzz\n" * n, env=env)
    assert r.rc == 0, r


def _warned(r, *words: str) -> str:
    """Exit 0, no traceback, exactly one warning line on stderr (besides the summary) holding every word."""
    assert r.rc == 0 and "Traceback" not in r.err, r
    warnings = [ln for ln in r.err_lines() if "warning" in ln]
    assert len(warnings) == 1, r
    for w in words:
        assert w in warnings[0], (w, r)
    return warnings[0]


def _rows(db, table: str = "review_log") -> int:
    return sql(db, f"SELECT COUNT(*) FROM {table}")[0][0]


# --- 1: a value of another type than its column (SQLite is dynamically typed) ----------------------------

MISTYPED = {  # column -> a value SQLite keeps as another storage class than the column declares
    "uuid": b"\x00\xff",  # TEXT holding a BLOB
    "question_id": b"rnn-1",
    "session": b"\x01",
    "rating": "abc",  # INTEGER holding TEXT
    "interval_s": 1.5,  # INTEGER holding REAL
    "duration_ms": b"\x02\x03",  # INTEGER holding a BLOB
    "state_before": "two",
}


@pytest.mark.parametrize("column", list(MISTYPED))
def test_N93_a_mistyped_log_value_is_left_out_of_the_export_reported_and_set_aside(rq, tmp_path, column):
    _review(rq, 2)
    changes = {"uuid": "d" * 32, "rating": 3, "reviewed_at": "2026-12-01T08:00:00.000000+00:00", column: MISTYPED[column]}
    poison_log_row(rq.db, **changes)
    out = tmp_path / "h.json"
    r = rq("export", "history", "--out", str(out))
    line = _warned(r, "review_log", "1 row(s) left out", column)
    assert line.startswith("rnnquiz: warning:"), line
    doc = json.loads(out.read_text())
    assert len(doc["review_log"]) == 2  # the rest is written
    csv = tmp_path / "h.csv"
    _warned(rq("export", "history", "--out", str(csv)), "left out")
    assert "\\x" not in csv.read_text() and "b'" not in csv.read_text()
    # doctor reports it (exit 4), --repair sets it aside (kept), then all is clean and the export imports back
    r = rq("doctor")
    assert r.rc == 4 and "Traceback" not in r.err, r
    assert "cannot be replayed" in r.out and column in r.out, r
    r = rq("doctor", "--repair")
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert _rows(rq.db) == 2 and _rows(rq.db, "review_log_quarantine") == 1
    r = rq("doctor")
    assert r.rc == 0, r
    r = rq("export", "history", "--out", str(out))
    assert r.rc == 0 and "warning" not in r.err, r
    (tmp_path / "o").mkdir()
    other = type(rq)(rq.exe, tmp_path / "o")
    r = other("import", "history", str(out))
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert _rows(other.db) == 2 and _rows(other.db, "review_log_quarantine") == 1


def test_N93_a_blob_in_a_quiz_answer_is_left_out_and_the_rest_exported(rq, tmp_path):
    _review(rq, 1)
    r = rq("quiz", "-n", "2", "--seed", "1", "--topic", "rnn", input="\n\n")
    assert r.rc == 0, r
    sql(rq.db, "UPDATE quiz_answers SET given = x'00ff' WHERE id = (SELECT MIN(id) FROM quiz_answers)")
    out = tmp_path / "h.json"
    _warned(rq("export", "history", "--out", str(out)), "quiz_answers", "given", "blob")
    doc = json.loads(out.read_text())
    assert len(doc["quiz_answers"]) == 1 and len(doc["review_log"]) == 1


# --- 2: one range, on the UTC instant: the clock, import and doctor ---------------------------------------


def test_N94_the_clock_refuses_an_instant_outside_the_range_by_its_utc_instant(rq):
    _review(rq, 1)
    before = digest(rq.db)
    for when in ("2199-12-31T23:59:59-14:00", "2200-01-01T00:00:00+00:00", "1970-01-01T00:30:00+01:00",
                 "0001-01-01T00:30:00+01:00", "9999-12-31T23:59:59-23:59"):
        for args in (("review",), ("due",), ("quiz", "-n", "1"), ("interview", "--minutes", "1"), ("stats",)):
            line = one_line(rq(*args, input="\n", env={"RNNQUIZ_NOW": when}), 2, "RNNQUIZ_NOW", "out of range")
            assert "2199-12-31T23:59:59Z" in line and "1970-01-01T00:00:00Z" in line, line
    assert digest(rq.db) == before
    for when in ("2199-12-31T23:59:59+00:00", "2200-01-01T09:59:59+10:00", "1970-01-01T00:00:00-01:00"):
        r = rq("due", env={"RNNQUIZ_NOW": when})
        assert r.rc == 0 and "Traceback" not in r.err, (when, r)


def test_N94_import_sets_a_row_after_2199_aside_naming_it_and_doctor_applies_the_same_rule(rq, tmp_path):
    _review(rq, 2)
    out = tmp_path / "h.json"
    assert rq("export", "history", "--out", str(out)).rc == 0
    doc = json.loads(out.read_text())
    doc["review_log"][1]["reviewed_at"] = "2200-01-01T13:59:00+00:00"  # what an earlier version wrote
    doc["review_log"][1]["uuid"] = "f" * 32
    src = tmp_path / "far.json"
    src.write_text(json.dumps(doc))
    (tmp_path / "o").mkdir()
    other = type(rq)(rq.exe, tmp_path / "o")
    r = other("import", "history", str(src))
    line = _warned(r, "1 review-log row(s)", "quarantine", "row 2", "2200-01-01T13:59")
    assert _rows(other.db) == 1 and _rows(other.db, "review_log_quarantine") == 1
    assert other("doctor").rc == 0
    assert line
    # a stored row whose local time is in 2199 but whose UTC instant is in 2200: doctor reports it
    poison_log_row(rq.db, uuid="c" * 32, rating=3, reviewed_at="2199-12-31T23:59:59-14:00")
    r = rq("doctor")
    assert r.rc == 4 and "1970–2199" in r.out and "cannot be replayed" in r.out and "Traceback" not in r.err, r
    r = rq("doctor", "--repair")
    assert r.rc == 0 and _rows(rq.db, "review_log_quarantine") == 1, r


# --- 3: a store that cannot take the answers is refused before the first question --------------------------

SESSIONS = {
    "review": ("review", "--limit", "1", "--topic", "rnn"),
    "quiz": ("quiz", "-n", "1", "--seed", "1", "--topic", "rnn"),
    "interview": ("interview", "--minutes", "1", "--seed", "1"),
}


def _refused_before_asking(rq, args) -> str:
    r = rq(*args, input="zzz\n\n\n")
    line = one_line(r, 4, str(rq.db))  # the one line: no question, no seed line, no answer taken
    assert r.out == "", r
    return line


@pytest.mark.parametrize("command", list(SESSIONS))
def test_N95_a_wal_that_is_a_folder_is_refused_before_the_first_question(rq, command):
    _review(rq, 1)
    before = digest(rq.db)
    wal = rq.db.with_name(rq.db.name + "-wal")
    if wal.exists():
        wal.unlink()
    wal.mkdir()
    line = _refused_before_asking(rq, SESSIONS[command])
    assert "nothing was written" in line and "-wal" in line, line
    assert digest(rq.db) == before


@pytest.mark.parametrize(("command", "table"), [("review", "review_log"), ("review", "cards"), ("quiz", "quiz_answers"),
                                                ("interview", "quiz_answers"), ("interview", "review_log")])
def test_N95_a_dropped_table_is_refused_before_the_first_question(rq, command, table):
    _review(rq, 1)
    sql(rq.db, f"DROP TABLE {table}")
    before = digest(rq.db)
    line = _refused_before_asking(rq, SESSIONS[command])
    assert table in line and "doctor" in line, line
    assert digest(rq.db) == before


def test_N95_drill_check_refuses_before_running_the_check_when_the_store_cannot_record(rq):
    _review(rq, 1)
    src = rq.tmp / "mine.py"
    src.write_text("def lstm_cell_forward(*a):\n    raise SystemExit('ran')\n")
    sql(rq.db, "DROP TABLE review_log")
    before = digest(rq.db)
    one_line(rq("drill", "check", "lstm-cell-forward", str(src)), 4, "review_log")
    assert digest(rq.db) == before


# --- 5: a setting Python's own parsers refuse is one line of ours -----------------------------------------

PYTHON_WORDS = ("Exceeds the limit", "integer string conversion", "isoformat", "int()", "could not convert", "sys.set_int")


@pytest.mark.parametrize(("key", "stored"), [
    ("deadline", "9" * 5000), ("new_per_day", "9" * 5000), ("retention", "9" * 5000), ("rollover_hour", "-" + "9" * 4500),
    ("deadline", '"10000-01-01"'), ("deadline", '"' + "9" * 5000 + '"'), ("reviews_per_day", "9" * 4200),
])  # fmt: skip
def test_N96_a_huge_or_odd_stored_setting_is_one_warning_in_our_words(rq, key, stored):
    _review(rq, 1)
    sql(rq.db, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", params=(key, stored))
    for args in (("due",), ("stats",), ("config",)):
        r = rq(*args)
        assert r.rc == 0 and "Traceback" not in r.err, r
        warnings = [ln for ln in r.err_lines() if "warning" in ln]
        assert len(warnings) == 1 and f"setting {key}" in warnings[0], r
        assert len(warnings[0]) < 400, warnings[0]
        for words in PYTHON_WORDS:
            assert words not in r.err, (words, r)
    assert rq("config", key, {"deadline": "none", "retention": "0.9"}.get(key, "4")).rc == 0  # config fixes it
    r = rq("due")
    assert r.rc == 0 and "warning" not in r.err, r


def test_N96_a_huge_rnnquiz_lang_is_cut_in_its_error(rq):
    r = rq("list", env={"RNNQUIZ_LANG": "x" * 100_000})
    line = one_line(r, 2, "RNNQUIZ_LANG", "100,000 characters")
    assert len(line) < 300, len(line)


# --- 6: validate names the field of a character or YAML-level problem -------------------------------------

MCQ = """topic: mine
title: {{en: "Mine{title}"}}
languages: [en]
questions:
  - id: q1
    type: mcq
    claims: [extra]
    prompt: "What does the forget gate keep{prompt}?"
    choices:
      - {{text: "a", correct: true}}
      - {{text: {b}}}
      - {{text: "c{c}"}}
    explanation: "It multiplies."{tail}
"""


def _mcq(title: str = "", prompt: str = "", b: str = '"b"', c: str = "", tail: str = "") -> str:
    return MCQ.format(title=title, prompt=prompt, b=b, c=c, tail=tail)


@pytest.mark.parametrize(("text", "field"), [
    (_mcq(prompt="\x1b[2J"), "q1.prompt"),  # a raw control character, refused before parsing
    (_mcq(c="\u200b"), "q1.choices[2].text"),  # a raw invisible one
    (_mcq(title="\u202e"), "title.en"),  # a bidi override
    (_mcq(prompt="\\u001b"), "q1.prompt"),  # written as an escape: found after parsing
    (_mcq(b='!!python/name:os.system "b"'), "q1.choices[1].text"),  # a YAML tag
    (_mcq(tail="\n    difficulty: 1" + "9" * 30), "q1.difficulty"),  # a number too long
    (_mcq(tail='\n    prompt: "again"'), "q1.prompt"),  # a duplicate key
    (_mcq(b="!!int abc"), "q1.choices[1].text"),  # a bad !!int
])  # fmt: skip
def test_N97_validate_names_the_field_of_a_character_or_yaml_problem(rq, text, field):
    from .conftest import validate_fails

    path = rq.bank(text, "b.yaml", folder=rq.tmp)
    line = validate_fails(rq("validate", str(path)), "b.yaml")
    assert f": {field}: " in line and ": file: " not in line, line


def test_N97_a_yaml_syntax_error_has_no_field_and_says_file(rq):
    from .conftest import validate_fails

    path = rq.bank(_mcq(b='"b", correct: '), "b.yaml", folder=rq.tmp)
    path.write_text(path.read_text().replace('{text: "a", correct: true}', '{text: "a", correct: true'))
    validate_fails(rq("validate", str(path)), "b.yaml", ": file: YAML syntax error")


# --- the same class elsewhere: card rows and quiz answers of the wrong type, read by every command ---------

CARD_POISON = {
    "due a BLOB": "UPDATE cards SET due = x'00ff'",
    "stability TEXT": "UPDATE cards SET stability = 'abc'",
    "state TEXT": "UPDATE cards SET state = 'two'",
    "last_review a BLOB": "UPDATE cards SET last_review = x'01'",
    "reps REAL": "UPDATE cards SET reps = 1.5",
    "due not a date": "UPDATE cards SET due = 'soon'",
    "a row without history": "INSERT INTO cards (question_id, card_id, state, stability) VALUES ('nolog', 1, 2, 'abc')",
}
READERS = (("due",), ("stats",), ("review", "--limit", "1", "--topic", "rnn"), ("undo",),
           ("export", "anki", "--with-progress", "-o", "x.apkg"))


@pytest.mark.parametrize("case", list(CARD_POISON))
def test_N98_a_card_row_of_the_wrong_type_is_one_line_and_doctor_repairs_it(rq, case):
    _review(rq, 2)
    sql(rq.db, CARD_POISON[case])
    before = digest(rq.db)
    for args in READERS:
        r = rq(*args, input="zzz\n")
        assert "Traceback" not in r.err, (args, r)
        assert r.rc in (0, 4), (args, r)
        if r.rc == 4:
            assert r.err_lines()[-1].startswith("rnnquiz: ") and "doctor --repair" in r.err_lines()[-1], (args, r)
    assert rq("due").rc == 4  # never quietly as if the card were new
    r = rq("doctor")
    assert r.rc == 4 and "Traceback" not in r.err and "differ from the log" in r.out, r
    assert digest(rq.db) == before  # no reader wrote
    r = rq("doctor", "--repair")
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert rq("doctor").rc == 0 and rq("due").rc == 0 and rq("stats").rc == 0
    assert _rows(rq.db) == 2  # the log untouched


@pytest.mark.parametrize("change", ["correct = 'yes'", "question_id = x'00'", "correct = x'01'"])
def test_N98_a_quiz_answer_of_the_wrong_type_is_left_out_of_accuracy_not_a_crash(rq, change):
    _review(rq, 1)
    assert rq("quiz", "-n", "2", "--seed", "1", "--topic", "rnn", input="\n\n").rc == 0
    sql(rq.db, f"UPDATE quiz_answers SET {change} WHERE id = (SELECT MIN(id) FROM quiz_answers)")
    for args in (("stats",), ("review", "--limit", "1", "--topic", "rnn"), ("quiz", "--missed", "1")):
        r = rq(*args, input="zzz\n")
        assert r.rc == 0 and "Traceback" not in r.err, (args, r)


# --- the same class elsewhere: other environment variables -------------------------------------------------


def test_N99_a_bank_path_too_long_for_the_system_is_a_skipped_bank_not_a_traceback(rq):
    _review(rq, 1)
    huge = "x" * 100_000
    r = rq("due", env={"RNNQUIZ_BANKS": huge})
    line = one_line(r, 0, "skipped 1 user bank", "cannot use this path", "100,000 characters")
    assert len(line) < 600, len(line)
    r = rq("validate", "y" * 5000)
    line = one_line(r, 2, "cannot use this path")
    assert len(line) < 600, len(line)
    r = rq("due", env={"RNNQUIZ_BANKS": "a/" * 3000})  # a path longer than PATH_MAX
    assert r.rc == 0 and "Traceback" not in r.err, r


def test_N99_a_huge_rnnquiz_now_is_cut_in_its_error(rq):
    for raw in ("2026-" * 20_000, "2026-12-01T09:00:00" + " " * 100_000):
        line = one_line(rq("due", env={"RNNQUIZ_NOW": raw}), 2, "RNNQUIZ_NOW", "characters")
        assert len(line) < 300, len(line)
