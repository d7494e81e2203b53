"""`rnnquiz bank new|add|list` and shell completion of topics and question ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rnnquiz import paths
from rnnquiz.bank.schema import TYPES
from rnnquiz.cli import app

runner = CliRunner()


def ok(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def listed(*extra: str) -> dict:
    return {q["id"]: q for q in json.loads(ok("list", "--json", *extra).stdout)["questions"]}


@pytest.mark.parametrize("name", ["mine", "my-notes-2"])
def test_bank_new_writes_a_valid_starter_with_every_type(name: str) -> None:
    ok("bank", "new", name)
    path = paths.user_bank_dir() / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and text.count("\n  # ") >= len(TYPES)  # commented
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.stdout
    questions = listed("--topic", name)  # loaded without being registered
    assert {q["type"] for q in questions.values()} == set(TYPES)
    assert all(qid.startswith(f"{name}/") for qid in questions)


def test_bank_new_refuses_bad_names_and_existing_banks() -> None:
    assert runner.invoke(app, ["bank", "new", "Not Slug"]).exit_code == 2
    ok("bank", "new", "mine")
    path = paths.user_bank_dir() / "mine.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("What does BPTT", "What on earth does BPTT"), encoding="utf-8")
    again = runner.invoke(app, ["bank", "new", "mine"])
    assert again.exit_code == 2 and "--force" in again.stderr
    assert "What on earth" in path.read_text(encoding="utf-8")
    ok("bank", "new", "mine", "--force")
    assert "What on earth" not in path.read_text(encoding="utf-8")


def test_bank_add_registers_in_settings_and_questions_join_the_catalog(example_bank: Path) -> None:
    assert "example/example-mcq" not in listed()
    ok("bank", "add", str(example_bank))
    settings = json.loads(ok("config", "banks", "--json").stdout)["settings"]["banks"]
    assert settings == {"value": [str(example_bank.resolve())], "source": "setting"}
    assert "example/example-mcq" in listed("--topic", "example")
    again = ok("bank", "add", str(example_bank))
    assert "already" in again.stdout
    assert json.loads(ok("config", "banks", "--json").stdout)["settings"]["banks"]["value"] == [str(example_bank.resolve())]


def test_bank_add_refuses_a_missing_or_invalid_bank(tmp_path: Path) -> None:
    assert runner.invoke(app, ["bank", "add", str(tmp_path / "nope.yaml")]).exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("topic: bad\ntitle: Bad\nlanguages: [en]\nquestions:\n  - id: x\n    type: mcq\n    claims: [extra]\n", encoding="utf-8")
    result = runner.invoke(app, ["bank", "add", str(bad)])
    assert result.exit_code == 3, result.output
    assert f"{bad}:" in result.stderr
    assert not paths.db_path().exists() or json.loads(ok("config", "banks", "--json").stdout)["settings"]["banks"]["value"] == []


def test_bank_add_refuses_a_clash_with_a_loaded_bank(example_bank: Path, tmp_path: Path) -> None:
    ok("bank", "add", str(example_bank))
    twin = tmp_path / "elsewhere" / "example.yaml"
    twin.parent.mkdir()
    twin.write_text(example_bank.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["bank", "add", str(twin)])
    assert result.exit_code == 3 and "duplicate id" in result.stderr


def test_bank_list_shows_counts_and_languages(example_bank: Path) -> None:
    ok("bank", "new", "mine")
    doc = json.loads(ok("bank", "list", "--json", "--bank", str(example_bank)).stdout)
    rows = {r["name"]: r for r in doc["banks"]}
    assert rows["mine"] == {"name": "mine", "kind": "user", "topic": "mine", "questions": len(TYPES), "languages": ["en"],
                            "path": str(paths.user_bank_dir() / "mine.yaml")}  # fmt: skip
    assert rows["example"]["questions"] == 8 and rows["example"]["languages"] == ["en", "zh"]
    assert doc["version"] == 1 and doc["problems"] == []
    text = ok("bank", "list", "--bank", str(example_bank)).stdout
    assert "mine" in text and "example" in text and "\x1b[" not in text


def test_user_bank_text_is_printed_literally(tmp_path: Path) -> None:
    f = tmp_path / "mk.yaml"
    f.write_text('topic: mk\ntitle: "[bold]x[/bold]"\nlanguages: [en]\nquestions: []\n', encoding="utf-8")
    assert "mk" in ok("bank", "list", "--bank", str(f)).stdout


def test_completion_of_topics_types_tags_and_ids(example_bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rnnquiz.commands import common

    monkeypatch.setenv("RNNQUIZ_BANKS", str(example_bank))
    assert "example" in common.complete_topic("ex")
    assert common.complete_topic("zzz") == []
    assert common.complete_question_id("example/example-m") == ["example/example-mcq", "example/example-multi"]
    assert common.complete_type("m") == ["mcq", "multi"]
    paths.db_path().parent.mkdir(parents=True, exist_ok=True)
    paths.db_path().write_bytes(b"not a database" * 100)  # a broken store must not break the shell
    assert common.complete_topic("") == []


def test_shell_completion_end_to_end(example_bank: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "_RNNQUIZ_COMPLETE": "complete_bash", "COMP_WORDS": "rnnquiz list --topic exa", "COMP_CWORD": "3",
           "RNNQUIZ_BANKS": str(example_bank)}  # fmt: skip
    code = "from rnnquiz.cli import app; app(prog_name='rnnquiz')"  # as the installed `rnnquiz` script runs
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "example" in result.stdout.split(), result.stderr


@pytest.mark.parametrize("args", [["bank"], ["bank", "new"], ["bank", "add"], ["bank", "list"], ["export"], ["export", "anki"],
                                  ["export", "tsv"], ["export", "json"], ["export", "history"], ["import"], ["import", "history"]])
def test_short_help_on_every_export_and_bank_command(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "-h"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ") and " ".join(args) in result.stdout.splitlines()[0]
