"""The CLI house: help, version, topics, list, show, validate, config, --lang, --bank, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rnnquiz import __version__
from rnnquiz.cli import app

runner = CliRunner()
GOOD = Path(__file__).parent / "data" / "good" / "example.yaml"


def command_names() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"rnnquiz {__version__}"


def test_help_lists_every_command_with_a_description() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in command_names():
        line = next((ln for ln in result.stdout.splitlines() if ln.strip().startswith(name + " ")), None)
        assert line is not None and len(line.split()) > 1, f"{name} has no one-line description"


@pytest.mark.parametrize("name", command_names())
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_help(name: str, flag: str) -> None:
    result = runner.invoke(app, [name, flag])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout


def test_python_m_and_script(run_cli) -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_list_and_show_a_user_bank_in_both_languages() -> None:
    result = runner.invoke(app, ["list", "--bank", str(GOOD)])
    assert result.exit_code == 0, result.output
    assert "example/example-mcq" in result.stdout and "mcq" in result.stdout
    result = runner.invoke(app, ["show", "example/example-typein", "--bank", str(GOOD), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    for words in ("遗忘门", "解析", "常见错误" if False else "对应论点", "L3"):
        assert words in result.stdout
    result = runner.invoke(app, ["show", "example/example-mcq", "--bank", str(GOOD)])
    assert "rnnquiz prove example/example-mcq" in result.stdout
    assert "Common wrong answer" not in result.stdout  # this question has none


def test_show_misconception_and_refs() -> None:
    result = runner.invoke(app, ["show", "example/example-truefalse", "--bank", str(GOOD)])
    assert "Common wrong answer" in result.stdout and "1997" in result.stdout


def test_lang_from_environment() -> None:
    result = runner.invoke(app, ["show", "example/example-flashcard", "--bank", str(GOOD)], env={"RNNQUIZ_LANG": "zh"})
    assert "记忆细胞" in result.stdout
    result = runner.invoke(app, ["show", "example/example-flashcard", "--bank", str(GOOD)], env={"RNNQUIZ_LANG": "fr"})
    assert result.exit_code == 2 and "RNNQUIZ_LANG" in result.stderr


def test_banks_from_environment(tmp_path: Path) -> None:
    import os

    result = runner.invoke(app, ["list", "--type", "order"], env={"RNNQUIZ_BANKS": os.pathsep.join([str(GOOD.parent), str(tmp_path)])})
    assert result.exit_code == 0, result.output
    assert "example/example-order" in result.stdout


def test_filters_are_repeatable_and_combined() -> None:
    result = runner.invoke(app, ["list", "--bank", str(GOOD), "--topic", "example", "--type", "mcq", "--type", "multi", "--json"])
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    assert {q["type"] for q in doc["questions"]} == {"mcq", "multi"}
    assert all(q["topic"] == "example" and "prompt" in q and "zh" in q["prompt"] for q in doc["questions"])


@pytest.mark.parametrize("option,value,known", [("--topic", "gru2", "example"), ("--type", "essay", "mcq"),
                                                ("--tag", "nope", "Known")])
def test_unknown_filter_value_is_exit_2(option: str, value: str, known: str) -> None:
    result = runner.invoke(app, ["list", "--bank", str(GOOD), option, value])
    assert result.exit_code == 2
    assert value in result.stderr and known in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_show_unknown_id_suggests() -> None:
    result = runner.invoke(app, ["show", "example-mcq", "--bank", str(GOOD)])
    assert result.exit_code == 2 and "example/example-mcq" in result.stderr


def test_show_json() -> None:
    result = runner.invoke(app, ["show", "example/example-numeric", "--bank", str(GOOD), "--json"])
    doc = json.loads(result.stdout)
    assert doc["version"] == 1 and doc["question"]["generator"]["name"] == "param_count"


def test_topics_table_and_json() -> None:
    result = runner.invoke(app, ["topics", "--bank", str(GOOD), "--json"])
    rows = {r["topic"]: r for r in json.loads(result.stdout)["topics"]}
    assert rows["example"]["questions"] == 8 and "L3" in rows["example"]["claims"]
    result = runner.invoke(app, ["topics", "--bank", str(GOOD)])
    assert "example" in result.stdout and "L2" in result.stdout


def test_validate_bundled_is_clean_and_strict_flags_warnings() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.stdout


def test_config_a_negative_value_is_the_value_not_an_option(rnnquiz_home: Path) -> None:
    """`config new-per-day -3` said "No such option: -3" (newcomer round 7): the value is read and refused
    for its range; an unknown option is still named as one."""
    result = runner.invoke(app, ["config", "new-per-day", "-3"])
    assert result.exit_code == 2 and "must be between 0 and 9999" in result.output, result.output
    assert "No such option" not in result.output
    assert runner.invoke(app, ["config", "new_per_day"]).stdout.strip() == "20"  # nothing was saved
    for args in (["config", "--bogus"], ["config", "new-per-day", "--bogus"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "No such option: --bogus" in result.output, result.output


def test_config_roundtrip(rnnquiz_home: Path) -> None:
    result = runner.invoke(app, ["config", "new_per_day", "35"])
    assert result.exit_code == 0 and result.stdout.startswith("new_per_day = 35   (setting;")  # says what it saved
    result = runner.invoke(app, ["config", "new_per_day"])
    assert result.stdout.strip() == "35"
    result = runner.invoke(app, ["config", "--json"])
    doc = json.loads(result.stdout)["settings"]
    assert doc["new_per_day"] == {"value": 35, "source": "setting"}
    assert doc["retention"]["source"] == "default"
    assert (rnnquiz_home / "rnnquiz.sqlite3").exists()
    result = runner.invoke(app, ["config", "new_per_day", "--unset"])
    assert result.exit_code == 0 and result.stdout.startswith("new_per_day = 20   (default;")
    assert runner.invoke(app, ["config", "new_per_day"]).stdout.strip() == "20"


def test_lang_before_the_command_is_the_commands_lang() -> None:
    """`rnnquiz --lang zh show ID` as `rnnquiz show ID --lang zh`; the command's own --lang wins; a bad
    root --lang is the same one-line usage error; the root option does not outlive its command."""
    args = ["show", "example/example-flashcard", "--bank", str(GOOD)]
    assert "记忆细胞" in runner.invoke(app, ["--lang", "zh", *args]).stdout
    assert "记忆细胞" in runner.invoke(app, ["-l", "cn", *args]).stdout
    assert "memory cell" in runner.invoke(app, ["--lang", "zh", *args, "--lang", "en"]).stdout
    assert "memory cell" in runner.invoke(app, args).stdout
    bad = runner.invoke(app, ["--lang", "xx", *args])
    assert bad.exit_code == 2 and "'xx'" in bad.stderr and not bad.stdout


def test_config_setting_lang_is_used() -> None:
    runner.invoke(app, ["config", "lang", "zh"])
    result = runner.invoke(app, ["show", "example/example-flashcard", "--bank", str(GOOD)])
    assert "记忆细胞" in result.stdout
    result = runner.invoke(app, ["show", "example/example-flashcard", "--bank", str(GOOD), "--lang", "en"])
    assert "memory cell" in result.stdout


@pytest.mark.parametrize("args,words", [(["config", "colour"], "No setting named"),
                                        (["config", "retention", "2"], "between"),
                                        (["config", "deadline", "tomorrow"], "deadline")])
def test_config_bad_input(args: list[str], words: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and words in result.stderr


def test_store_error_is_exit_4(rnnquiz_home: Path) -> None:
    rnnquiz_home.mkdir(parents=True)
    (rnnquiz_home / "rnnquiz.sqlite3").write_bytes(b"this is not a database" * 100)
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 4, result.output
    assert "not a readable rnnquiz database" in result.stderr
    assert (rnnquiz_home / "rnnquiz.sqlite3").read_bytes().startswith(b"this is not")  # left untouched


@pytest.mark.parametrize("argv,areas", [
    (["--version"], []), (["list", "--type", "mcq"], []), (["--debug", "show", "x"], []),
    (["quiz", "-n", "2"], ["quiz"]), (["--debug", "due"], ["review"]), (["import", "history", "f"], ["export"]),
    (["--help"], None), ([], None), (["quizz"], None),
])
def test_main_builds_only_the_area_the_command_line_names(argv: list[str], areas: list[str] | None) -> None:
    from rnnquiz.cli import areas_for

    assert areas_for(argv) == areas


def test_every_top_level_command_has_an_area() -> None:
    from rnnquiz.cli import AREAS, CORE

    assert set(command_names()) == set(AREAS) | set(CORE)


@pytest.mark.parametrize("args", [["quiz", "--help"], ["export", "anki", "--help"], ["list", "--help"]])
def test_main_runs_each_area(run_cli, args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 0 and "Usage:" in result.stdout, result.stderr


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("argv", [["topics"], ["config"]])
def test_lang_is_accepted_by_listing_commands(argv: list[str]) -> None:
    # newcomer run: "No such option: --lang" on topics and config; every command speaks --lang
    zh = runner.invoke(app, [*argv, "--lang", "zh"])
    en = runner.invoke(app, [*argv, "--lang", "en"])
    assert zh.exit_code == 0 and en.exit_code == 0, (zh.output, en.output)
    assert _has_cjk(zh.stdout) and not _has_cjk(en.stdout)
    bad = runner.invoke(app, [*argv, "--lang", "ja"])
    assert bad.exit_code == 2


def test_history_export_and_import_speak_lang(tmp_path: Path) -> None:
    out = tmp_path / "h.json"
    r = runner.invoke(app, ["export", "history", "--lang", "zh", "-o", str(out)])
    assert r.exit_code == 0 and _has_cjk(r.output), r.output
    r = runner.invoke(app, ["import", "history", "--lang", "zh", str(out)])
    assert r.exit_code == 0 and _has_cjk(r.output), r.output
    r = runner.invoke(app, ["import", "history", "--lang", "en", str(out)])
    assert r.exit_code == 0 and not _has_cjk(r.output), r.output


def test_topics_says_where_the_drills_are() -> None:
    # newcomer run: stats suggested `review --topic drills`, but topics had no word of a drills topic
    r = runner.invoke(app, ["topics"])
    words = " ".join(r.stdout.split())
    assert r.exit_code == 0 and "`rnnquiz drill` lists them" in words and "--topic drills" in words
    assert runner.invoke(app, ["drill"]).exit_code == 0  # the command it names exists


def test_list_shows_no_unfilled_placeholders() -> None:
    # newcomer run: `list` showed "hidden_size={h}" for generated questions
    import re

    r = runner.invoke(app, ["list"])
    assert r.exit_code == 0 and not re.search(r"=\{[A-Za-z_]\w*\}", r.stdout), r.stdout


@pytest.mark.parametrize(("lang", "label", "twice"), [("zh", "文章之外：文章没有讲到的要点", "文章外 文章之外"),
                                                      ("en", "beyond the article", "extra beyond the article")])
def test_show_names_a_question_beyond_the_article_once(lang: str, label: str, twice: str, tmp_path: Path) -> None:
    """review9-A 21: `show --lang zh` read "对应论点：文章外 文章之外：…", the id and its title saying the same."""
    result = runner.invoke(app, ["show", "training-perplexity-formula", "--lang", lang], env={"RNNQUIZ_HOME": str(tmp_path)})
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert label in flat and twice not in flat, flat
