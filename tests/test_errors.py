"""The one root error path: usage errors, core errors and store failures are one line on stderr."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("args", "says"), [
    (["quiz", "--foo"], "No such option: --foo; see `"),
    (["bogus"], "No such command 'bogus'; see `"),
    (["quzi"], "No such command 'quzi'. Did you mean 'quiz'? See `"),  # newcomer round 7: it said "?; see"
    (["quiz", "-n", "x"], "Invalid value for '-n'"),
    (["show"], "Missing argument 'ID'"),
    (["list", "--topic", "nope"], "No topic named 'nope'"),
    (["due", "--lang", "ja"], "--lang 'ja': choose en or zh"),
    (["list", "--topic", "lsmt"], "No topic named 'lsmt'. Did you mean 'lstm'?"),  # newcomer round 5 #19
    (["list", "--type", "typin"], "No question type 'typin'. Did you mean 'typein'?"),
    (["list", "--tag", "clipp"], "No tag 'clipp'. Did you mean 'clipping'?"),
    (["config", "new_per_dy"], "No setting named 'new_per_dy'. Did you mean 'new_per_day'?"),
])  # fmt: skip
def test_errors_are_one_line_with_their_exit_code(run_cli, args: list[str], says: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rnnquiz: ") and says in lines[0], result.stderr
    assert result.stdout == ""


def test_no_command_shows_the_help(run_cli) -> None:
    result = run_cli()
    both = result.stdout + result.stderr
    assert "Usage: " in both and "Commands" in both and "rnnquiz:" not in both, both


_PYTHON_WORDS = ("int()", "float", "isoformat", "Expecting value", "out of range for month", "valid int", "literal")


@pytest.mark.parametrize(("args", "says"), [
    (["config", "retention", "abc"], "不是 0.70 到 0.99 之间的数"),
    (["config", "retention", "2"], "必须在 0.70 到 0.99 之间"),
    (["config", "new_per_day", "many"], "不是 0 到 9999 之间的整数"),
    (["config", "deadline", "2026-02-30"], "不是日期：请给出形如 2026-12-31 的日期"),
    (["config", "banks", "["], "不是路径列表"),
    (["config", "lang", "fr"], "必须是 en, zh 之一"),
    (["config", "colour", "1"], "没有名为 'colour' 的设置"),
    (["review", "--until", "31/12/2026"], "--until：'31/12/2026' 不是日期"),
    (["quiz", "--topic", "nope"], "没有名为 'nope' 的主题"),
    (["list", "--type", "essay"], "没有题型 'essay'"),
    (["list", "--tag", "nope"], "没有标签 'nope'"),
    (["quiz", "--type", "explain"], "请运行 `rnnquiz interview`"),
    (["quiz", "--topic", "lsmt"], "没有名为 'lsmt' 的主题。你是不是想找 'lstm'？"),
])  # fmt: skip
def test_our_one_line_errors_come_in_chinese_under_lang_zh(run_cli, args: list[str], says: str) -> None:
    """Newcomer 3: errors under --lang zh came in English, some in Python's words (int(), isoformat)."""
    for where in (["--lang", "zh"], None):  # the option, or the lang setting by the environment
        result = run_cli(*args, *(where or []), env=None if where else {"RNNQUIZ_LANG": "zh"}, input="")
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines) == 1 and says in lines[0], (where, result.stderr)
        assert not any(w in lines[0] for w in _PYTHON_WORDS), lines[0]


@pytest.mark.parametrize("args", [["config", "retention", "abc"], ["config", "deadline", "2026-02-30"],
                                  ["config", "banks", "["], ["quiz", "-n", "abc"], ["quiz", "--timed", "x"],
                                  ["review", "--limit", "1.5"], ["config", "new_per_day", "1e3"]])
def test_no_error_speaks_pythons_words(run_cli, args: list[str]) -> None:
    result = run_cli(*args, input="")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert not any(w in lines[0] for w in _PYTHON_WORDS), lines[0]
    assert "whole number" in lines[0] or "a number" in lines[0] or "date like 2026-12-31" in lines[0] \
        or "list of paths" in lines[0], lines[0]


def test_review_until_a_past_date_is_refused_and_nothing_is_stored(run_cli) -> None:
    """Newcomer 3: `review --until` a date already gone was accepted (then dropped as "passed")."""
    env = {"RNNQUIZ_NOW": "2026-03-01T09:00:00+00:00", "TZ": "UTC"}
    result = run_cli("review", "--until", "2026-02-01", input="", env=env)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "in the past (today is 2026-03-01)" in lines[0], result.stderr
    assert run_cli("config", "deadline", env=env).stdout.strip() == "none"
    assert run_cli("review", "--until", "2026-03-01", "--limit", "1", input="", env=env).returncode == 0
    assert run_cli("config", "deadline", env=env).stdout.strip() == "2026-03-01"


@pytest.mark.parametrize("spelling", ["cn", "zh-CN", "zh_CN", "ZH", "zh_CN.UTF-8"])
def test_other_spellings_of_chinese_are_zh(run_cli, spelling: str) -> None:
    """Newcomer 3: `--lang cn`, `zh-CN` and `zh_CN` were refused."""
    by_option = run_cli("due", "--lang", spelling)
    by_env = run_cli("due", env={"RNNQUIZ_LANG": spelling})
    for result in (by_option, by_env):
        assert result.returncode == 0 and "现在到期" in result.stdout, (spelling, result.stderr)
    stored = run_cli("config", "lang", spelling)
    assert stored.returncode == 0 and run_cli("config", "lang").stdout.strip() == "zh", stored.stderr
    assert run_cli("due", "--lang", "ja").returncode == 2


@pytest.mark.parametrize(("args", "says"), [
    (["quiz", "--topc", "x"], "没有选项 --topc"),
    (["quizz"], "没有命令 'quizz'。你是想用 'quiz' 吗？"),
    (["quiz", "-n", "0"], "的值无效：0 不在范围 x>=1 内"),
    (["export", "history"], "缺少选项 '--out' / '-o'"),
])  # fmt: skip
def test_clicks_usage_errors_come_in_chinese_under_lang_zh(run_cli, args: list[str], says: str) -> None:
    """Newcomer 4: Click's own usage errors stayed English under --lang zh / RNNQUIZ_LANG=zh."""
    for where in (["--lang", "zh"], None):
        result = run_cli(*args, *(where or []), env=None if where else {"RNNQUIZ_LANG": "zh"}, input="")
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines) == 1 and says in lines[0], (where, result.stderr)
        assert "No such" not in lines[0] and "Invalid value" not in lines[0] and "Missing" not in lines[0], lines[0]
    english = run_cli(*args, input="").stderr
    assert "No such" in english or "Invalid value" in english or "Missing" in english, english


def test_ctrl_c_in_a_chinese_prove_says_so_in_chinese(tmp_path) -> None:
    """Newcomer 4: demo and prove said "rnnquiz: Interrupted." under --lang zh (quiz and review: 已中断)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    env = {**os.environ, "RNNQUIZ_HOME": str(tmp_path), "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "rnnquiz", "prove", "--all", "--lang", "zh", "--no-charts"], env=env,
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    out = ""
    deadline = time.monotonic() + 60
    while "✓" not in out and "✗" not in out and time.monotonic() < deadline:  # a proof has run: inside the command
        out += proc.stdout.readline()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "rnnquiz: 已中断。", err


@pytest.mark.parametrize("spelling", ["type-in", "Type-In", "typein", "填写"])
def test_a_type_may_be_named_as_the_screens_show_it(run_cli, spelling: str) -> None:
    """Newcomer round 5 #9: every quiz header said "type-in", and `--type type-in` was refused."""
    result = run_cli("list", "--type", spelling, "--json")
    assert result.returncode == 0, result.stderr
    import json

    types = {q["type"] for q in json.loads(result.stdout)["questions"]}
    assert types == {"typein"}, types


def test_a_setting_may_be_spelt_with_hyphens(run_cli) -> None:
    result = run_cli("config", "new-per-day", "7")
    assert result.returncode == 0, result.stderr
    assert "7" in run_cli("config", "new_per_day").stdout
