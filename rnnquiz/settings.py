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

from rnnquiz.errors import usage


class Invalid(ValueError):
    """Why a setting value is refused: an i18n key (`err.setting.*`) and its fields."""

    def __init__(self, key: str, **values: object) -> None:
        from rnnquiz.i18n import t

        super().__init__(t(key, "en", option="", shown="", **values).lstrip(": ").strip())
        self.key, self.values = key, values


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    parse: Callable[[str], Any]  # text -> value; raises ValueError with a reason
    help: str
    env: str | None = None


def _lang(s: str) -> str:
    from rnnquiz.i18n import LANGS, lang_code

    if lang_code(s) not in LANGS:
        raise Invalid("err.setting.choice", choices=", ".join(LANGS))
    return lang_code(s)


def _int_range(lo: int, hi: int) -> Callable[[str], int]:
    def parse(s: str) -> int:
        try:
            v = int(s) if len(s) <= 40 else None
        except ValueError:
            v = None
        if v is None:  # int()'s own words ("invalid literal for int() with base 10") say little
            raise Invalid("err.setting.whole", lo=lo, hi=hi)
        if not lo <= v <= hi:
            raise Invalid("err.setting.range", lo=lo, hi=hi)
        return v

    return parse


def _retention(s: str) -> float:
    try:  # float()'s own words ("could not convert string to float") say little
        v = float(s) if len(s) <= 40 else float("nan")
    except ValueError:
        v = float("nan")
    if v != v:
        raise Invalid("err.setting.number", lo="0.70", hi="0.99")
    if not 0.7 <= v <= 0.99:
        raise Invalid("err.setting.range", lo="0.70", hi="0.99")
    return v


def _deadline(s: str) -> str | None:
    if s.lower() in ("none", ""):
        return None
    try:  # date.fromisoformat's own words ("Invalid isoformat string") say little
        return date.fromisoformat(s).isoformat()
    except ValueError:
        raise Invalid("err.setting.date") from None


def _paths(s: str) -> list[str]:
    try:
        value = json.loads(s) if s.startswith("[") else [p for p in s.split(os.pathsep) if p]
    except (ValueError, RecursionError):  # json's own words ("Expecting value: line 1 column 2") say little
        value = None
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise Invalid("err.setting.paths", sep=os.pathsep)
    import stat

    for p in value:  # as `bank add`: a device or a FIFO is no bank (a missing path may come later)
        try:
            mode = os.stat(p).st_mode
        except (OSError, ValueError):
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise Invalid("err.setting.not_bank", path="" if len(value) == 1 else f"{p} ")
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


def _shown(raw: str) -> str:
    """A refused value as an error quotes it: whole up to 60 characters, else cut with its length."""
    return repr(raw) if len(raw) <= 60 else f"{raw[:60]!r}… ({len(raw):,} characters)"


def parse_value(key: str, raw: str, option: str | None = None) -> Any:
    """The value of `raw` for setting `key`, or UsageError naming `option` (default `config KEY`), the
    value (cut to 60 characters) and the reason."""
    spec = SETTINGS.get(key)
    if spec is None:
        raise usage("err.setting.unknown", value=repr(key), known=", ".join(SETTINGS))
    try:
        return spec.parse(raw)
    except Invalid as exc:
        shown = _shown(raw)
        raise usage(exc.key, option=option or "config " + key, shown=shown, **exc.values) from None


def encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def decode(raw: str) -> Any:
    return json.loads(raw)


def check(key: str, raw: str) -> Any:
    """The stored text of a setting as its value; ValueError with the reason when it is not one this
    version accepts (written by hand, or by a newer rnnquiz)."""
    spec = SETTINGS[key]
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # ValueError: a number past Python's int-digits limit too
        if isinstance(exc, json.JSONDecodeError | RecursionError):
            raise ValueError("not JSON") from None
        raise ValueError(f"a number of {len(raw.strip()):,} characters, too long to be a value") from None
    if value is None and spec.default is None:
        return None
    if isinstance(value, bool) or isinstance(value, dict) or (value is None):
        raise ValueError(f"{type(value).__name__} is not a valid value")
    text = json.dumps(value) if isinstance(value, list) else str(value)
    if isinstance(spec.default, int) and not isinstance(value, int):
        raise ValueError("must be a whole number")
    if isinstance(spec.default, float) and not isinstance(value, int | float):
        raise ValueError("must be a number")
    if isinstance(spec.default, list) and not isinstance(value, list):
        raise ValueError("must be a list of paths")
    if isinstance(spec.default, str | None) and not isinstance(value, str):
        raise ValueError("must be text")
    if not isinstance(value, list) and len(text) > 4000:  # str() of a long number is itself refused past Python's int-digits limit
        raise ValueError(f"a value of {len(text):,} characters, too long")
    try:
        parsed = spec.parse(text)
    except Invalid as exc:  # our words (house-d); never Python's own parser message
        raise ValueError(str(exc) or "not a valid value") from None
    except (ValueError, json.JSONDecodeError):
        raise ValueError("not a valid value") from None
    return parsed


_warned: set[str] = set()


def warn_ignored(key: str, raw: str, reason: str, value: Any) -> None:
    """One line on stderr per broken setting and process: which setting, why, what is used instead."""
    import sys

    from rnnquiz.i18n import t

    if key in _warned:
        return
    _warned.add(key)
    shown = raw if len(raw) <= 40 else raw[:37] + "..."
    shown = shown.encode("unicode_escape").decode("ascii") if not shown.isprintable() else shown
    sys.stderr.write("rnnquiz: " + t("settings.ignored", "en", key=key, raw=shown, reason=reason, value=encode(value)) + "\n")


def resolve(key: str, option: Any = None, stored: dict[str, str] | None = None) -> tuple[Any, str]:
    """The value of a setting and where it came from: option, env, setting or default. A stored value
    this version cannot use is ignored with a one-line warning (the default applies; `config` fixes it)."""
    spec = SETTINGS[key]
    if option is not None:
        return option, "option"
    if spec.env and os.environ.get(spec.env):
        raw = os.environ[spec.env]
        try:
            return spec.parse(raw), "env"
        except Invalid as exc:
            shown = _shown(raw)
            raise usage(exc.key, option=spec.env, shown=shown, **exc.values) from None
    if stored and key in stored:
        try:
            return check(key, stored[key]), "setting"
        except ValueError as exc:
            warn_ignored(key, stored[key], str(exc), spec.default)
    return spec.default, "default"
