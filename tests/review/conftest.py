"""Helpers for the review tests: the example bank, a fixed clock, a deck over a fresh store."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "good" / "example.yaml"
IDS = [
    "example/example-flashcard", "example/example-mcq", "example/example-multi", "example/example-truefalse",
    "example/example-typein", "example/example-cloze", "example/example-order", "example/example-numeric",
]  # fmt: skip
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    """A hand-moved clock for sessions."""

    def __init__(self, t: datetime = T0):
        self.t = t

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t += timedelta(**kw)


@pytest.fixture
def utc_tz(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def catalog():
    from rnnquiz.commands.common import load

    return load([EXAMPLE])


@pytest.fixture
def store():
    from rnnquiz.store import open_store

    s = open_store()
    yield s
    s.close()
