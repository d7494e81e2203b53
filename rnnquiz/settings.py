"""Settings: their names, types, defaults and environment variables, in one table.

Precedence: command-line option > environment > stored setting (`rnnquiz config`) > default.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rnnquiz.errors import UsageError


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    parse: Callable[[str], Any]  # text -> value; raises ValueError with a reason
    help: str
    env: str | None = None


def _lang(s: str) -> str:
    if s not in ("en", "zh"):
        raise ValueError("must be en or zh")
    return s


def _int_range(lo: int, hi: int) -> Callable[[str], int]:
    def parse(s: str) -> int:
        v = int(s)
        if not lo <= v <= hi:
            raise ValueError(f"must be between {lo} and {hi}")
        return v

    return parse


def _retention(s: str) -> float:
    v = float(s)
    if not 0.7 <= v <= 0.99:
        raise ValueError("must be between 0.70 and 0.99")
    return v


def _deadline(s: str) -> str | None:
    if s.lower() in ("none", ""):
        return None
    return date.fromisoformat(s).isoformat()


def _paths(s: str) -> list[str]:
    value = json.loads(s) if s.startswith("[") else [p for p in s.split(os.pathsep) if p]
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise ValueError("must be a list of paths")
    return value


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        Setting("lang", "en", _lang, "language of bank text: en or zh", env="RNNQUIZ_LANG"),
        Setting("new_per_day", 20, _int_range(0, 9999), "new cards introduced per day in review"),
        Setting("reviews_per_day", 200, _int_range(0, 99999), "reviews per day at most"),
        Setting("retention", 0.9, _retention, "desired retention for FSRS scheduling (0.70–0.99)"),
        Setting("rollover_hour", 4, _int_range(0, 23), "local hour at which a new study day starts"),
        Setting("deadline", None, _deadline, "interview date (YYYY-MM-DD) or none: no interval passes it"),
        Setting("banks", [], _paths, "user bank files or folders (also: --bank, RNNQUIZ_BANKS)"),
    ]
}


def parse_value(key: str, raw: str) -> Any:
    spec = SETTINGS.get(key)
    if spec is None:
        raise UsageError(f"No setting named {key!r}. Known: {', '.join(SETTINGS)}")
    try:
        return spec.parse(raw)
    except (ValueError, json.JSONDecodeError) as exc:
        raise UsageError(f"config {key}: {raw!r} {exc}") from None


def encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def decode(raw: str) -> Any:
    return json.loads(raw)


def resolve(key: str, option: Any = None, stored: dict[str, str] | None = None) -> tuple[Any, str]:
    """The value of a setting and where it came from: option, env, setting or default."""
    spec = SETTINGS[key]
    if option is not None:
        return option, "option"
    if spec.env and os.environ.get(spec.env):
        return parse_value(key, os.environ[spec.env]), "env"
    if stored and key in stored:
        return decode(stored[key]), "setting"
    return spec.default, "default"
