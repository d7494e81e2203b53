"""The one root error path: usage errors, core errors and store failures are one line on stderr."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("args", "says"), [
    (["quiz", "--foo"], "No such option: --foo; see `"),
    (["bogus"], "No such command 'bogus'; see `"),
    (["quiz", "-n", "x"], "Invalid value for '-n'"),
    (["show"], "Missing argument 'ID'"),
    (["list", "--topic", "nope"], "No topic named 'nope'"),
    (["due", "--lang", "ja"], "--lang 'ja': choose en or zh"),
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
