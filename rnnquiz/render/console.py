"""Consoles: stdout for results, stderr for prompts and progress. NO_COLOR and pipes mean plain text."""

from __future__ import annotations

import os
import sys
from functools import cache

from rich.console import Console


def _plain() -> bool:
    return "NO_COLOR" in os.environ


@cache
def out() -> Console:
    return Console(highlight=False, no_color=_plain(), soft_wrap=False)


@cache
def err() -> Console:
    return Console(stderr=True, highlight=False, no_color=_plain())


def width() -> int:
    return out().width


def is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
