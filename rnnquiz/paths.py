"""Where state lives and what time it is: the only module that reads RNNQUIZ_HOME, RNNQUIZ_NOW,
RNNQUIZ_BANKS, RNNQUIZ_NO_CACHE and TZ. Nothing here touches the disk at import time.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from rnnquiz.errors import UsageError


def data_dir() -> Path:
    """The folder for the store, caches and user banks (created by the caller that writes)."""
    home = os.environ.get("RNNQUIZ_HOME")
    if home:
        return Path(home).expanduser()
    import platformdirs

    return platformdirs.user_data_path("rnnquiz", appauthor=False)


_checked_home: set[str] = set()


def _check_home(path: Path) -> None:
    """RNNQUIZ_HOME naming a file (or a path inside one) is a store error (exit 4): every command would
    otherwise see "no store yet" and report an empty history."""
    import stat

    from rnnquiz.errors import StoreError

    if str(path) in _checked_home:
        return
    try:
        mode = path.stat().st_mode
    except NotADirectoryError:
        raise StoreError(f"RNNQUIZ_HOME={str(path)!r}: cannot create the data folder inside a file (not a folder); set RNNQUIZ_HOME to a folder") from None
    except OSError:  # missing (created on first write), or unreadable: reported where the store is opened
        mode = None
    if mode is not None and not stat.S_ISDIR(mode):
        raise StoreError(f"RNNQUIZ_HOME={str(path)!r}: the data folder is a file, not a folder; set RNNQUIZ_HOME to a folder")
    _checked_home.add(str(path))


def db_path() -> Path:
    """The store. RNNQUIZ_HOME naming a file is a StoreError here (not in data_dir: caches and the user-bank
    folder only go without)."""
    home = data_dir()
    if os.environ.get("RNNQUIZ_HOME"):
        _check_home(home)
    return home / "rnnquiz.sqlite3"


def cache_dir() -> Path:
    return data_dir() / "cache"


def cache_enabled() -> bool:
    """False when RNNQUIZ_NO_CACHE is set (benchmarks measure the catalog cache with and without it)."""
    return not os.environ.get("RNNQUIZ_NO_CACHE")


def user_bank_dir() -> Path:
    return data_dir() / "banks"


def content_dir() -> Path:
    """The bundled banks: inside the wheel (rnnquiz/content), else the repo's content/ (editable, source)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "content", here.parent / "content"):
        if (candidate / "claims.yaml").is_file():
            return candidate
    raise FileNotFoundError(f"bundled content not found next to {here}")


def env_banks() -> list[Path]:
    """User banks named in RNNQUIZ_BANKS (os.pathsep-separated files or folders)."""
    raw = os.environ.get("RNNQUIZ_BANKS", "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


# --- time -------------------------------------------------------------------------------------------
_clock_start: tuple[datetime, float] | None = None


def now() -> datetime:
    """The current time, timezone-aware in UTC.

    RNNQUIZ_NOW (ISO 8601 with an offset) sets where the clock starts; it then advances normally, so
    learning steps come due within a session.
    """
    global _clock_start
    raw = os.environ.get("RNNQUIZ_NOW")
    if not raw:
        return datetime.now(UTC)
    if _clock_start is None or _clock_start[0] != _parse_now(raw):
        _clock_start = (_parse_now(raw), time.monotonic())
    start, mono = _clock_start
    return min(start + timedelta(seconds=time.monotonic() - mono), LATEST)  # it stops at the range's end


def _parse_now(raw: str) -> datetime:
    shown = raw if len(raw) <= 60 else f"{raw[:60]}… ({len(raw):,} characters)"
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise UsageError(f"RNNQUIZ_NOW={shown!r} is not an ISO 8601 time (e.g. 2026-01-31T09:00:00+08:00)") from None
    if value.tzinfo is None:
        raise UsageError(f"RNNQUIZ_NOW={shown!r} needs a UTC offset (e.g. +00:00)")
    utc = as_utc(value)
    if utc is None or not in_range(utc):  # intervals (up to 100 years) and day arithmetic must stay in range
        raise UsageError(f"RNNQUIZ_NOW={shown!r} is out of range: give a time between {EARLIEST:%Y-%m-%dT%H:%M:%S}Z "
                         f"and {LATEST:%Y-%m-%dT%H:%M:%S}Z (UTC; the offset counts)")
    return utc


# The instants rnnquiz dates anything at (the clock, review-log rows): one rule on the UTC instant, used by
# the clock, by `import history` (rnnquiz.store.history) and by `doctor`'s replay (rnnquiz.store.cards).
MIN_YEAR, MAX_YEAR = 1970, 2199
EARLIEST = datetime(MIN_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(MAX_YEAR, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)


def as_utc(value: datetime) -> datetime | None:
    """An aware time as UTC; None where UTC has no form for it (0001-01-01T00:30+01:00)."""
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def in_range(value: datetime) -> bool:
    """Whether an aware time's UTC instant lies in 1970-01-01T00:00Z … 2199-12-31T23:59:59.999999Z."""
    utc = as_utc(value)
    return utc is not None and EARLIEST <= utc <= LATEST


def local_tz() -> tzinfo:
    """The system's local time zone (TZ, else /etc/localtime) with its rules, so that every instant gets
    its own offset (daylight saving) — never the fixed offset of the moment the program started."""
    from zoneinfo import ZoneInfo

    key = os.environ.get("TZ", "").removeprefix(":")
    try:
        if key:
            return ZoneInfo(key)
        with open("/etc/localtime", "rb") as fh:
            return ZoneInfo.from_file(fh, key="localtime")
    except (OSError, ValueError, LookupError):  # a POSIX rule string ("CET-1CEST"), or no zone data
        pass
    if abs(time.localtime().tm_gmtoff) >= 24 * 3600:  # glibc accepts TZ=XYZ+25:59; Python's offsets stop at 24 h
        raise UsageError(f"TZ={os.environ.get('TZ', '')!r} gives a UTC offset Python cannot use (24 hours or more); set TZ to a zone name like Asia/Shanghai")
    return _SystemZone()


class _SystemZone(tzinfo):
    """The C library's idea of local time (time.localtime), per instant: for TZ values zoneinfo cannot read."""

    def fromutc(self, dt: datetime) -> datetime:
        stamp = (dt.replace(tzinfo=None) - datetime(1970, 1, 1)).total_seconds()
        local = time.localtime(stamp)
        offset = timedelta(seconds=local.tm_gmtoff)
        return (dt + offset).replace(tzinfo=self)

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(seconds=time.localtime().tm_gmtoff)
        guess = time.mktime((*dt.timetuple()[:8], -1))
        return timedelta(seconds=time.localtime(guess).tm_gmtoff)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return time.strftime("%Z")
