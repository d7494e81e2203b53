"""`rnnquiz export history` / `rnnquiz import history`: progress moves to a new machine, and importing
twice adds nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rnnquiz import paths
from rnnquiz.cli import app
from rnnquiz.export import history

runner = CliRunner()


def ok(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == 0, result.output
    return result


def snapshot() -> tuple[dict, list]:
    """The history rows (links as uuids) and the card table (without the local log id) of the current store."""
    db = sqlite3.connect(paths.db_path())
    db.row_factory = sqlite3.Row
    try:
        rows = history.history_rows(db)
        cards = [tuple(r)[:-1] for r in db.execute("SELECT * FROM cards ORDER BY question_id")]
    finally:
        db.close()
    return rows, cards


@pytest.fixture
def studied(example_bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, list]:
    """A store with a quiz session, reviews and an undo (RNNQUIZ_NOW fixed so times are known)."""
    monkeypatch.setenv("RNNQUIZ_NOW", "2026-03-01T09:00:00+00:00")
    ok("quiz", "--bank", str(example_bank), "--topic", "example", "-n", "3", "--seed", "7", input="a\nb\n\n")
    ok("review", "--bank", str(example_bank), "--topic", "example", "--limit", "4", input="a\nb\nt\n3\n")
    ok("undo")
    rows, cards = snapshot()
    assert len(rows["quiz_sessions"]) == 1 and len(rows["quiz_answers"]) == 3
    assert [r["kind"] for r in rows["review_log"]][-1] == "undo" and rows["review_log"][-1]["undoes_uuid"]
    assert cards
    return rows, cards


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_history_moves_to_a_new_store_and_twice_adds_nothing(
    studied: tuple[dict, list], fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / f"history.{fmt}"
    ok("export", "history", "--out", str(out))  # format from the suffix
    if fmt == "json":
        assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    else:
        assert out.read_text(encoding="utf-8").startswith("table,uuid,")
    monkeypatch.setenv("RNNQUIZ_HOME", str(tmp_path / "new-machine"))
    first = json.loads(ok("import", "history", str(out), "--json").stdout)
    assert first["added"] == {"quiz_sessions": 1, "quiz_answers": 3, "review_log": len(studied[0]["review_log"]),
                              "review_log_quarantine": 0, "drill_attempts": 0}
    rows, cards = snapshot()
    assert rows == studied[0]
    assert cards == studied[1]  # card state rebuilt from the imported log equals the original
    second = json.loads(ok("import", "history", str(out), "--json").stdout)
    assert second["added"] == {"quiz_sessions": 0, "quiz_answers": 0, "review_log": 0, "review_log_quarantine": 0,
                               "drill_attempts": 0}
    assert sum(second["already_present"].values()) == sum(first["added"].values())
    assert snapshot() == (rows, cards)
    assert first["unknown_question_ids"]  # the example bank is not loaded on the new machine


def test_csv_and_json_exports_import_the_same(studied: tuple[dict, list], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ok("export", "history", "--out", str(tmp_path / "h.json"))
    ok("export", "history", "--out", str(tmp_path / "h.txt"), "--format", "csv")
    monkeypatch.setenv("RNNQUIZ_HOME", str(tmp_path / "a"))
    ok("import", "history", str(tmp_path / "h.json"))
    a = snapshot()
    monkeypatch.setenv("RNNQUIZ_HOME", str(tmp_path / "b"))
    ok("import", "history", str(tmp_path / "h.txt"))
    assert snapshot() == a
    ok("import", "history", str(tmp_path / "h.json"))  # the other format: still nothing new
    assert snapshot() == a


def test_export_of_an_empty_home_is_empty(tmp_path: Path) -> None:
    out = tmp_path / "h.json"
    ok("export", "history", "--out", str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["quiz_answers"] == [] and doc["review_log"] == []
    assert not paths.db_path().exists()  # exporting creates no store


def test_bad_files_are_usage_errors_and_import_nothing(studied: tuple[dict, list], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RNNQUIZ_HOME", str(tmp_path / "fresh"))
    for content in ("not history", '{"version": 2}', "{broken", '{"version": 1, "review_log": 3}'):
        f = tmp_path / "bad.json"
        f.write_text(content, encoding="utf-8")
        result = runner.invoke(app, ["import", "history", str(f)])
        assert result.exit_code == 2, (content, result.output)
        assert result.stderr.startswith("rnnquiz: ") and "Traceback" not in result.output
    rows = {k: list(v) for k, v in studied[0].items()}
    rows["review_log"] = rows["review_log"][-1:]  # an undo whose reviewed row is missing
    f = tmp_path / "dangling.json"
    f.write_text(json.dumps({"version": 1, **rows}), encoding="utf-8")
    result = runner.invoke(app, ["import", "history", str(f)])
    assert result.exit_code == 2 and "undoes_uuid" in result.stderr
    assert snapshot()[0]["quiz_answers"] == []  # one transaction: the valid rows before it were not kept
    assert runner.invoke(app, ["import", "history", str(tmp_path / "missing.json")]).exit_code == 2
    assert runner.invoke(app, ["export", "history", "--out", str(tmp_path / "x"), "--format", "xml"]).exit_code == 2



@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_interview_s_history_imports_back(run_cli, tmp_path, rnnquiz_home, fmt):
    # newcomer run: an export written after an interview (quiz_answers of type 'explain') was refused by
    # import ("type: 'explain' is not one of flashcard, mcq, …"): the app could not read its own backup
    r = run_cli("interview", "--topic", "lstm", "--seed", "3", input="The gates let the gradient flow\n\n\n")
    assert r.returncode == 0, r.stderr
    out = tmp_path / f"h.{fmt}"
    assert run_cli("export", "history", "-o", str(out)).returncode == 0
    other = {"RNNQUIZ_HOME": str(tmp_path / "other")}
    r = run_cli("import", "history", str(out), "--json", env=other)
    assert r.returncode == 0, r.stderr
    added = json.loads(r.stdout)["added"]
    assert added["quiz_answers"] >= 1 and added["quiz_sessions"] >= 1


def test_a_number_too_long_for_python_is_one_line_exit_2(run_cli, tmp_path, rnnquiz_home):
    # attacker round 3: a 5,001-digit rating ended import with a traceback (Python's int-digits limit)
    bad = tmp_path / "f.json"
    bad.write_text('{"format": "rnnquiz-history", "version": 1, "review_log": [{"rating": ' + "9" * 5001 + "}]}")
    r = run_cli("import", "history", str(bad))
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "not valid JSON" in r.stderr
