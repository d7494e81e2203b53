"""Shared fixtures: every test gets its own RNNQUIZ_HOME, and no test sees the user's settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def rnnquiz_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("RNNQUIZ_HOME", str(home))
    for var in ("RNNQUIZ_NOW", "RNNQUIZ_BANKS", "RNNQUIZ_LANG", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    return home


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run `python -m rnnquiz ...` in a subprocess (a real process: real exit codes, real stdout/stderr).

    It runs in a temporary folder, so it imports the installed rnnquiz (or the one on PYTHONPATH),
    never the checkout by accident.
    """

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None, timeout: float = 60):
        full_env = {**os.environ, **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "rnnquiz", *args],
            input=input,
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
            cwd=tmp_path,
        )

    return run
