"""Round 3: the failures of the second attack run on merged main (/work/issues/reports/attack2.txt), each
a real process in a fresh RNNQUIZ_HOME; numbers N80-N99 (README)."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import digest, one_line, sql

FAR = "2199-12-31T23:00:00+00:00"  # the last hour RNNQUIZ_NOW accepts


def _rows(db, table: str = "review_log") -> int:
    return sql(db, f"SELECT COUNT(*) FROM {table}")[0][0]


def _export(rq, env: dict | None = None) -> dict:
    out = rq.tmp / "history.json"
    r = rq("export", "history", "--out", str(out), env=env)
    assert r.rc == 0, r
    return json.loads(out.read_text())


def _other(rq, tmp_path, name: str):
    """A second fresh home (another machine) running the same command."""
    (tmp_path / name).mkdir()
    return type(rq)(rq.exe, tmp_path / name)


def _review(rq, n: int = 3, env: dict | None = None) -> None:
    r = rq("review", "--limit", str(n), "--topic", "rnn", input="zzz\n" * n, env=env)
    assert r.rc == 0, r


# --- 3: a kill between the log rows and the card rebuild ----------------------------------------------

KILL_AT_REBUILD = (
    "import os, signal, sys\n"
    "import rnnquiz.store.cards as c\n"
    "def die(*a, **k):\n"
    "    os.kill(os.getpid(), signal.SIGKILL)\n"
    "c.diagnose = die\n"  # the card rebuild of an import starts by diagnosing the store
    "sys.argv[0] = 'rnnquiz'\n"
    "from rnnquiz.cli import main\n"
    "main()\n"
)


def test_N80_sigkill_at_the_card_rebuild_of_an_import_leaves_rows_and_cards_agreeing(rq, tmp_path):
    _review(rq)
    doc = _export(rq)
    fresh = _other(rq, tmp_path, "other")  # another machine: the import adds every row
    src = tmp_path / "h.json"
    src.write_text(json.dumps(doc))
    assert fresh("due").rc == 0  # the store exists
    proc = subprocess.run([sys.executable, "-c", KILL_AT_REBUILD, "import", "history", str(src)],
                          capture_output=True, env=fresh.env, cwd=fresh.tmp, timeout=60)
    assert proc.returncode == -9, proc  # killed where the cards are rebuilt
    r = fresh("doctor")
    assert r.rc == 0 and "Traceback" not in r.err, r  # no card differs from the log
    assert _rows(fresh.db) in (0, len(doc["review_log"]))
    assert r.out.count("differ") == 0, r
    r = fresh("import", "history", str(src))  # the whole import again, now to the end
    assert r.rc == 0, r
    assert _rows(fresh.db) == len(doc["review_log"])
    assert fresh("doctor").rc == 0


# --- 4: what export wrote under a clock far ahead imports back --------------------------------------------


def test_N81_an_export_dated_ahead_imports_back_with_the_future_rows_set_aside(rq, tmp_path):
    env = {"RNNQUIZ_NOW": FAR}
    _review(rq, 2, env)
    doc = _export(rq, env)
    src = tmp_path / "far.json"
    src.write_text(json.dumps(doc))
    other = _other(rq, tmp_path, "o")
    r = other("import", "history", str(src))  # the clock is NOW (2026): every log row is from the future
    assert r.rc == 0, r
    line = one_line(r, 0, "2 review-log row(s)", "quarantine")
    assert line.startswith("rnnquiz: warning:"), line
    assert _rows(other.db) == 0 and _rows(other.db, "review_log_quarantine") == 2
    assert sql(other.db, "SELECT COUNT(*) FROM cards")[0][0] == 0  # nothing scheduled from them
    r = other("import", "history", str(src))  # twice adds nothing
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert _rows(other.db, "review_log_quarantine") == 2
    assert other("doctor").rc == 0
    # what was set aside travels on: exported as quarantine rows, imported back into the quarantine
    out = tmp_path / "again.json"
    assert other("export", "history", "--out", str(out)).rc == 0
    third = _other(rq, tmp_path, "t")
    r = third("import", "history", str(out))
    assert r.rc == 0, r
    assert _rows(third.db, "review_log_quarantine") == 2 and _rows(third.db) == 0


def test_N81_json_counts_the_rows_set_aside(rq, tmp_path):
    env = {"RNNQUIZ_NOW": FAR}
    _review(rq, 1, env)
    src = tmp_path / "far.json"
    src.write_text(json.dumps(_export(rq, env)))
    other = _other(rq, tmp_path, "o")
    r = other("import", "history", str(src), "--json")
    assert r.rc == 0, r
    assert json.loads(r.out)["set_aside_future"] == 1


# --- 2: a row before 1970 is refused at import, not left for doctor -------------------------------------


def test_N82_a_row_dated_year_1_is_refused_with_row_and_field(rq, tmp_path):
    _review(rq, 2)
    doc = _export(rq)
    before = digest(rq.db)
    for when in ("0001-01-01T00:00:00+00:00", "0001-01-01T00:30:00+01:00", "1969-12-31T23:59:59+00:00",
                 "1970-01-01T00:30:00+01:00"):  # after 2199: set aside like any row dated ahead (N94)
        bad = json.loads(json.dumps(doc))
        bad["review_log"][1]["reviewed_at"] = when
        bad["review_log"][1]["uuid"] = "f" * 32
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(bad))
        one_line(rq("import", "history", str(path)), 2, "row 2", "reviewed_at", "1970")
        assert digest(rq.db) == before


# --- 10: a pasted file as an answer ---------------------------------------------------------------------


def test_N83_a_10_mb_answer_line_is_cut_to_10000_characters_with_a_warning(rq):
    big = "a" * 3_000_000 + "\n"
    r = rq("quiz", "-n", "1", "--type", "typein", "--seed", "1", input=big)
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert "only the first 10,000 are kept" in r.err, r
    assert sql(rq.db, "SELECT MAX(LENGTH(given)) FROM quiz_answers")[0][0] == 10_000
    assert rq.db.stat().st_size < 1_000_000
    r = rq("interview", "--seed", "1", "--minutes", "1", input=big + "\n" + big)
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert sql(rq.db, "SELECT MAX(LENGTH(given)) FROM quiz_answers")[0][0] <= 10_000 * 2 + 1


def test_N83_the_next_line_after_a_cut_answer_is_the_next_answer(rq):
    r = rq("quiz", "-n", "2", "--type", "typein", "--seed", "1", "--json", input="x" * 50_000 + "\n?\n")
    assert r.rc == 0, r
    given = [g for (g,) in sql(rq.db, "SELECT given FROM quiz_answers ORDER BY id")]
    assert len(given) == 2 and len(given[0]) == 10_000 and given[1] in ("?", "", None), given


# --- 9: drill check on a binary file ----------------------------------------------------------------------


def test_N84_drill_check_on_a_binary_file_is_refused_and_records_nothing(rq):
    _review(rq, 1)
    log = _rows(rq.db)
    before = digest(rq.db)
    blob = rq.tmp / "blob.py"
    blob.write_bytes(rq.db.read_bytes())
    for path in (rq.db, blob):
        one_line(rq("drill", "check", "lstm-cell-forward", str(path)), 2, "not a Python source file")
    assert digest(rq.db) == before and _rows(rq.db) == log
    line = one_line(rq("drill", "check", "lstm-cell-forward", str(blob), "--lang", "zh"), 2)
    assert "不是 Python 源文件" in line, line


# --- 6, 7: interview options ------------------------------------------------------------------------------


def test_N85_interview_seed_outside_64_bits_is_exit_2_with_the_option_named(rq):
    _review(rq, 1)
    before = digest(rq.db)
    for seed in ("99999999999999999999999", "-99999999999999999999999", "9223372036854775808"):
        one_line(rq("interview", "--seed", seed, input="\n"), 2, f"--seed {seed}", "64 bits")
    assert digest(rq.db) == before
    r = rq("interview", "--seed", "9223372036854775807", "--minutes", "1", input="")  # the largest that fits
    assert r.rc == 0 and "Traceback" not in r.err, r


def test_N86_interview_minutes_inf_nan_huge_are_exit_2_with_the_range(rq):
    _review(rq, 1)
    before = digest(rq.db)
    for minutes in ("inf", "nan", "1e308", "1441"):
        one_line(rq("interview", "--minutes", minutes, input="\n"), 2, "--minutes", "1440")
    one_line(rq("interview", "--minutes", "-inf", input="\n"), 2, "--minutes", "0.1")  # typer's own range check
    assert digest(rq.db) == before
    assert rq("interview", "--minutes", "1440", input="").rc == 0


# --- 8: the option named, the value cut, no raw Python words ----------------------------------------------


def test_N87_review_until_names_until_and_config_errors_are_short(rq):
    _review(rq, 1)
    before = digest(rq.db)
    line = one_line(rq("review", "--until", "2026-13-45", input=""), 2, "--until", "2026-13-45", "YYYY-MM-DD")
    assert "config deadline" not in line, line
    line = one_line(rq("config", "deadline", "10000-01-01"), 2, "config deadline", "YYYY-MM-DD")
    assert "isoformat" not in line, line
    line = one_line(rq("config", "new_per_day", "9" * 100_000), 2, "config new_per_day", "100,000 characters")
    assert len(line) < 300, len(line)
    line = one_line(rq("config", "new_per_day", "many"), 2, "is not a whole number between 0 and 9999")
    assert "int()" not in line, line
    assert digest(rq.db) == before
    assert rq("config", "deadline", "2027-01-15").rc == 0 and rq("config", "new_per_day", "30").rc == 0


# --- 5: invisible characters, private use, stacked marks --------------------------------------------------

INVISIBLE = {
    "\u3164": "HANGUL FILLER", "\u115f": "HANGUL CHOSEONG FILLER", "\u034f": "COMBINING GRAPHEME JOINER",
    "x\ufe0f": "VARIATION SELECTOR-16", "\u2800": "BRAILLE PATTERN BLANK", "\ufffc": "OBJECT REPLACEMENT",
    "\ue000": "private use", "\U000f0001": "private use", "\uffa0": "HALFWIDTH HANGUL FILLER",
    "\u6f22\U000e0100": "VARIATION SELECTOR-17", "e" + "\u0301" * 500: "a run of 500 combining marks",
}  # fmt: skip


def _bank_with(prompt_tail: str) -> str:
    from .conftest import bank_text

    return bank_text(f"""  - id: q1
    type: flashcard
    claims: [extra]
    prompt: "What does the forget gate keep{prompt_tail}?"
    answer: "The share of C_{{t-1}} that survives."
    explanation: "It multiplies the old cell state element-wise."
""")


def test_N88_invisible_private_use_and_stacked_marks_are_refused_at_file_line_col(rq):
    from .conftest import validate_fails

    for text, name in INVISIBLE.items():
        path = rq.bank(_bank_with(text), "b.yaml", folder=rq.tmp)
        line = validate_fails(rq("validate", str(path)), "b.yaml", name)
        assert ":8:" in line, line  # the prompt's line
    escaped = _bank_with("\\u3164")  # the same character written as a YAML escape: caught after parsing
    path = rq.bank(escaped, "e.yaml", folder=rq.tmp)
    validate_fails(rq("validate", str(path)), "e.yaml", "HANGUL FILLER")


def test_N88_accents_cjk_and_two_stacked_marks_still_pass(rq):
    path = rq.bank(_bank_with(" (é, ü, ñ, 遗忘门, e\u0301\u0302, Việt)"), "ok.yaml", folder=rq.tmp)
    r = rq("validate", str(path))
    assert r.rc == 0, r


# --- 1: Ctrl-C in the first milliseconds ------------------------------------------------------------------


def _package_frames(err: str) -> list[str]:
    """The traceback frames of `err` that lie in the rnnquiz package (not the entry script, not Python's)."""
    import re
    from pathlib import Path

    import rnnquiz

    package = str(Path(rnnquiz.__file__).resolve().parent)
    init = Path(rnnquiz.__file__).resolve()
    # the lines of rnnquiz/__init__.py up to the handler's installation run before any handler of ours can:
    # the same window as Python's own start-up (a loaded CI machine landed a signal there)
    source = init.read_text(encoding="utf-8").splitlines()
    installed = next(i for i, line in enumerate(source, 1) if "_signal.signal(_signal.SIGINT, interrupted)" in line)
    frames = re.findall(r'File "([^"]+)", line (\d+)', err)
    return [f"{f}:{n}" for f, n in frames if str(Path(f).resolve()).startswith(package + "/")
            and not (Path(f).resolve() == init and (int(n) <= installed or int(n) in _before_install(source, installed)))]


def _before_install(source: list[str], installed: int) -> set[int]:
    """Line numbers of `_quit_if_interrupted_at_start`'s call at module level (it is on the stack while the
    handler is being installed)."""
    return {i for i, line in enumerate(source, 1) if line.strip() == "_quit_if_interrupted_at_start()"}


def test_N89_ctrl_c_in_the_first_milliseconds_is_never_a_traceback_from_rnnquiz(rq):
    """The window before the package's first line (interpreter start, site, the entry script's imports, the
    import system finding the package) is Python's own: a traceback there is accepted only when none of its
    frames is in rnnquiz. From the package's first line on: `rnnquiz: Interrupted.`, exit 130."""
    import time

    assert rq("config", "lang", "en").rc == 0
    before = digest(rq.db)
    ours = 0
    for delay in (0.01, 0.015, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2, 0.3, 0.6, 1.2, 2.4):
        if delay > 0.3 and ours:  # the longer delays only for a loaded machine, until one lands in rnnquiz
            break
        proc = subprocess.Popen([*rq.exe, "review"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=rq.env, cwd=rq.tmp)  # fmt: skip
        time.sleep(delay)
        proc.send_signal(2)
        out, err_b = proc.communicate(timeout=60)
        err = err_b.decode("utf-8", "replace")
        if "Traceback" in err:
            assert not _package_frames(err), (delay, err)  # only Python's own start-up may show one
            continue
        if proc.returncode == -2 and not out and not err:  # before Python set up its own handler
            continue
        if proc.returncode == -2 and not err:  # after Python's shutdown began (review had already ended)
            continue
        assert proc.returncode == 130, (delay, proc.returncode, err)
        lines = [ln for ln in err.splitlines() if ln.strip()]
        if not lines:  # the session had begun: its own stop line (on stdout, with what was saved)
            assert b"nterrupted" in out, (delay, out[-300:])
        elif lines[-1].startswith("Interrupted. Saved 0 review(s)"):  # the review had begun: its own stop line
            pass
        else:
            assert lines[-1] == "rnnquiz: Interrupted.", (delay, err)
        ours += 1
    assert ours >= 1  # at least the late signals landed in rnnquiz
    assert digest(rq.db) == before


# --- side notes ---------------------------------------------------------------------------------------------


def test_N90_doctor_without_repair_does_not_claim_it_rebuilt_anything(rq):
    _review(rq, 2)
    before = digest(rq.db)
    r = rq("doctor")
    assert r.rc == 0, r
    assert "rebuilt" not in r.out and "compared" in r.out, r
    assert digest(rq.db) == before


def test_N91_config_banks_refuses_a_device_like_bank_add(rq):
    _review(rq, 1)
    before = digest(rq.db)
    one_line(rq("config", "banks", "/dev/zero"), 2, "config banks", "not a regular file or a folder")
    assert digest(rq.db) == before
    assert rq("config", "banks", str(rq.tmp)).rc == 0  # a folder is fine


def test_N92_an_ascii_locale_still_reads_typed_chinese_as_chinese(rq):
    r = rq("quiz", "-n", "1", "--type", "typein", "--seed", "1", input="对\n",
           env={"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"})
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert sql(rq.db, "SELECT given FROM quiz_answers") == [("对",)]
    r = rq("quiz", "-n", "1", "--type", "typein", "--seed", "1", input=b"\xff\xfe\n",  # not UTF-8: still U+FFFD
           env={"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"})
    assert r.rc == 0 and "Traceback" not in r.err, r
    assert sql(rq.db, "SELECT given FROM quiz_answers ORDER BY id")[-1] == ("\ufffd\ufffd",)
