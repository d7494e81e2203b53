"""Study history out of one store and into another: quiz sessions and answers, and the review log.

Every logged row carries a `uuid`, so an import adds only the rows the store lacks: importing a file
twice adds nothing. Integer links (`quiz_answers.session_id`, `review_log.undoes`) travel as the uuid of
the row they point to (`session_uuid`, `undoes_uuid`) and are mapped to local ids on import.

An import is validated row by row before anything is written (`validate`): uuids, question ids as text,
kinds, ratings, statuses and types from their enums, times with an offset and not later than now + 1 day,
intervals between 0 and 100 years, links that resolve. A bad file is refused with its row and field
(UsageError, exit 2) and the store is left as it was; a good one is added in one transaction, and the
review cards are rebuilt from the log (replayed in time order). Times are stored in the store's own form
(UTC; review-log times with microseconds, so that text order is time order).

Reading (`history_rows`) salvages: a table that cannot be read whole (a damaged store) gives the rows read
before the damage, and says so in `HistoryRows.damaged`.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from rnnquiz.errors import UsageError
from rnnquiz.store.db import Store

# table -> (integer link column, the table it points to, the uuid column that replaces it in the file)
LINKS: dict[str, tuple[str, str, str] | None] = {
    "quiz_sessions": None,
    "quiz_answers": ("session_id", "quiz_sessions", "session_uuid"),
    "review_log": ("undoes", "review_log", "undoes_uuid"),
}
TABLES = tuple(LINKS)  # in import order: a row's link target comes first
WHERE = "\0where"  # key parse() adds to each row: where it came from ("row 3", "line 7"); never stored

MAX_INTERVAL_S = 100 * 365 * 86400
KINDS = ("review", "undo", "reset", "suspend", "unsuspend")
STATUSES = ("right", "wrong", "skipped", "unreadable", "unanswered")
TYPES = ("flashcard", "mcq", "multi", "truefalse", "typein", "cloze", "order", "numeric")
ENDS = ("done", "quit", "eof", "interrupted", "time")


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def _exists(db: sqlite3.Connection, table: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


@dataclass
class HistoryRows:
    """Every logged row, table by table; `damaged`: table -> the error that stopped its reading."""

    tables: dict[str, list[dict[str, Any]]]
    damaged: dict[str, str] = field(default_factory=dict)


def history_rows(db: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Every logged row, table by table, in log order (by local id), links as uuids."""
    return read_history(db).tables


def read_history(db: sqlite3.Connection) -> HistoryRows:
    """`history_rows`, salvaging what a damaged store still gives: each table is read row by row, and a
    table that fails part-way keeps the rows read before (its error is in `damaged`)."""
    out = HistoryRows({})
    for table in TABLES:
        rows: list[dict[str, Any]] = []
        out.tables[table] = rows
        try:
            if not _exists(db, table):
                continue
            link = LINKS[table]
            cols = [c for c in _columns(db, table) if c != "id" and (link is None or c != link[0])]
            select = ", ".join(f"t.{c}" for c in cols)
            names = list(cols)
            join = ""
            if link:
                select += f", l.uuid AS {link[2]}"
                names.append(link[2])
                join = f" LEFT JOIN {link[1]} l ON l.id = t.{link[0]}"
            cur = db.cursor()
            cur.row_factory = None
            for r in cur.execute(f"SELECT {select} FROM {table} t{join} ORDER BY t.id"):
                rows.append(dict(zip(names, r, strict=True)))
        except sqlite3.DatabaseError as exc:
            out.damaged[table] = str(exc)
    return out


# --- validation ---------------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, field: str, reason: str) -> None:
        self.field, self.reason = field, reason


def _text(v: Any, f: str, *, required: bool = True, limit: int = 10_000) -> str | None:
    if v is None or (required and v == ""):
        if required:
            raise _Bad(f, "missing")
        return None
    if not isinstance(v, str):
        raise _Bad(f, f"{v!r} is not text")
    if len(v) > limit:
        raise _Bad(f, f"longer than {limit} characters")
    return v


def _uuid(v: Any, f: str, *, required: bool = True) -> str | None:
    s = _text(v, f, required=required, limit=64)
    if not s:
        return None
    try:
        uuidlib.UUID(s)
    except ValueError:
        raise _Bad(f, f"{s!r} is not a uuid") from None
    return s


def _int(v: Any, f: str, lo: int, hi: int, *, required: bool = True) -> int | None:
    if v is None or v == "":
        if required:
            raise _Bad(f, "missing")
        return None
    if isinstance(v, bool):
        raise _Bad(f, f"{v!r} is not a whole number")
    if isinstance(v, str):
        try:
            v = int(v.strip())
        except ValueError:
            raise _Bad(f, f"{v!r} is not a whole number") from None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if not isinstance(v, int):
        raise _Bad(f, f"{v!r} is not a whole number")
    if not lo <= v <= hi:
        raise _Bad(f, f"{v} is not between {lo} and {hi}")
    return v


def _num(v: Any, f: str, lo: float, hi: float) -> float | None:
    if v is None or v == "":
        return None
    try:
        x = float(v) if isinstance(v, str | int | float) and not isinstance(v, bool) else None
    except ValueError:
        x = None
    if x is None or not lo <= x <= hi:  # NaN fails too
        raise _Bad(f, f"{v!r} is not a number between {lo:g} and {hi:g}")
    return x


def _choice(v: Any, f: str, allowed: tuple[str, ...], *, required: bool = True) -> str | None:
    s = _text(v, f, required=required, limit=64) or None
    if s is not None and s not in allowed:
        raise _Bad(f, f"{s!r} is not one of {', '.join(allowed)}")
    return s


def _time(v: Any, f: str, latest: datetime, micro: bool, *, required: bool = True) -> str | None:
    s = _text(v, f, required=required, limit=64)
    if not s:
        return None
    try:
        t = datetime.fromisoformat(s)
    except ValueError:
        raise _Bad(f, f"{s!r} is not an ISO 8601 time") from None
    if t.tzinfo is None:
        raise _Bad(f, f"{s!r} has no UTC offset")
    if t > latest:
        raise _Bad(f, f"{s!r} is in the future")
    t = t.astimezone(UTC)
    return t.isoformat(timespec="microseconds") if micro else t.isoformat()


def _session_row(r: Mapping[str, Any], latest: datetime) -> dict[str, Any]:
    settings = _text(r.get("settings"), "settings", required=False) or "{}"
    try:
        json.loads(settings)
    except json.JSONDecodeError:
        raise _Bad("settings", "not JSON") from None
    return {
        "uuid": _uuid(r.get("uuid"), "uuid"),
        "seed": _int(r.get("seed"), "seed", -(2**63), 2**63 - 1),
        "settings": settings,
        "started_at": _time(r.get("started_at"), "started_at", latest, False),
        "ended_at": _time(r.get("ended_at"), "ended_at", latest, False, required=False),
        "end_reason": _choice(r.get("end_reason"), "end_reason", ENDS, required=False),
    }


def _answer_row(r: Mapping[str, Any], latest: datetime) -> dict[str, Any]:
    return {
        "uuid": _uuid(r.get("uuid"), "uuid"),
        "session_uuid": _uuid(r.get("session_uuid"), "session_uuid"),
        "session_seed": _int(r.get("session_seed"), "session_seed", -(2**63), 2**63 - 1),
        "question_id": _text(r.get("question_id"), "question_id", limit=300),
        "type": _choice(r.get("type"), "type", TYPES),
        "topic": _text(r.get("topic"), "topic", limit=300),
        "given": _text(r.get("given"), "given", required=False),
        "expected": _text(r.get("expected"), "expected", required=False),
        "status": _choice(r.get("status"), "status", STATUSES),
        "correct": _int(r.get("correct"), "correct", 0, 1),
        "override": _int(r.get("override", 0), "override", 0, 1),
        "seconds": _num(r.get("seconds"), "seconds", 0, 10 * 86400),
        "answered_at": _time(r.get("answered_at"), "answered_at", latest, False),
    }


def _log_row(r: Mapping[str, Any], latest: datetime) -> dict[str, Any]:
    kind = _choice(r.get("kind"), "kind", KINDS)
    review = kind == "review"
    out = {
        "uuid": _uuid(r.get("uuid"), "uuid"),
        "question_id": _text(r.get("question_id"), "question_id", limit=300),
        "kind": kind,
        "rating": _int(r.get("rating"), "rating", 1, 4, required=review),
        "reviewed_at": _time(r.get("reviewed_at"), "reviewed_at", latest, True),
        "duration_ms": _int(r.get("duration_ms"), "duration_ms", 0, 10 * 86400 * 1000, required=False),
        "state_before": _int(r.get("state_before"), "state_before", 0, 3, required=False),
        "state_after": _int(r.get("state_after"), "state_after", 0, 3, required=False),
        "interval_s": _int(r.get("interval_s"), "interval_s", 0, MAX_INTERVAL_S, required=review),
        "prev_interval_s": _int(r.get("prev_interval_s"), "prev_interval_s", -MAX_INTERVAL_S, MAX_INTERVAL_S, required=False),
        "due": _time(r.get("due"), "due", datetime.max.replace(tzinfo=UTC), True, required=False),
        "undoes_uuid": _uuid(r.get("undoes_uuid"), "undoes_uuid", required=kind == "undo"),
        "session": _text(r.get("session"), "session", required=False, limit=64),
    }
    if not review and out["rating"] is not None:
        raise _Bad("rating", f"a {kind} row has no rating")
    if kind != "undo" and out["undoes_uuid"] is not None:
        raise _Bad("undoes_uuid", f"a {kind} row undoes nothing")
    return out


CHECKS: dict[str, Callable[[Mapping[str, Any], datetime], dict[str, Any]]] = {
    "quiz_sessions": _session_row, "quiz_answers": _answer_row, "review_log": _log_row,
}  # fmt: skip


def validate(rows: Mapping[str, list[dict[str, Any]]], name: str, now: datetime) -> dict[str, list[dict[str, Any]]]:
    """Every row checked and normalised, or UsageError naming the first bad row and field. Links inside
    the file are checked here; links to rows only the store holds are checked by `import_rows`."""
    latest = now + timedelta(days=1)
    out: dict[str, list[dict[str, Any]]] = {}
    seen: dict[str, dict[str, dict[str, Any]]] = {}
    for table in TABLES:
        out[table] = []
        seen[table] = {}
        for i, r in enumerate(rows.get(table, [])):
            where = r.get(WHERE, f"row {i + 1}")
            try:
                clean = CHECKS[table](r, latest)
            except _Bad as bad:
                raise UsageError(f"{name}: {table} {where}: {bad.field}: {bad.reason}") from None
            if clean["uuid"] in seen[table]:
                raise UsageError(f"{name}: {table} {where}: uuid: {clean['uuid']} appears twice in the file")
            clean[WHERE] = where
            seen[table][clean["uuid"]] = clean
            out[table].append(clean)
    for r in out["review_log"]:
        target = r["undoes_uuid"] and seen["review_log"].get(r["undoes_uuid"])
        if target and (target["kind"] != "review" or target["question_id"] != r["question_id"]):
            raise UsageError(f"{name}: review_log {r[WHERE]}: undoes_uuid: {r['undoes_uuid']} is not a review of {r['question_id']}")
    return out


# --- import -------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    question_ids: set[str] = field(default_factory=set)  # of the added rows
    cards_rebuilt: int = 0


def import_rows(
    store: Store, rows: Mapping[str, list[dict[str, Any]]], name: str = "history file", now: datetime | None = None
) -> ImportReport:
    """Validate every row, then add the rows the store lacks (by uuid) in one transaction, then rebuild the
    review cards from the log. A bad row: UsageError (exit 2), nothing written."""
    from rnnquiz.store import cards

    clean = validate(rows, name, now or datetime.now(UTC))
    report = ImportReport()
    with store.transaction() as db:
        for table in TABLES:
            report.added[table] = report.already[table] = 0
            if not clean[table]:
                continue
            local = set(_columns(db, table)) - {"id"}
            link = LINKS[table]
            for r in clean[table]:
                if db.execute(f"SELECT 1 FROM {table} WHERE uuid = ?", (r["uuid"],)).fetchone():
                    report.already[table] += 1
                    continue
                values = {k: v for k, v in r.items() if k in local}
                if link:
                    target = r.get(link[2])
                    if target is not None:
                        found = db.execute(f"SELECT id FROM {link[1]} WHERE uuid = ?", (target,)).fetchone()
                        if found is None:
                            raise UsageError(
                                f"{name}: {table} {r[WHERE]}: {link[2]}: {target} is neither in the file nor in the store"
                            )
                        values[link[0]] = found[0]
                cols = ", ".join(values)
                marks = ", ".join("?" for _ in values)
                try:
                    db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(values.values()))
                except sqlite3.IntegrityError as exc:
                    raise UsageError(f"{name}: {table} {r[WHERE]}: {exc}") from None
                report.added[table] += 1
                if "question_id" in r:
                    report.question_ids.add(r["question_id"])
    if report.added.get("review_log"):
        diagnosis, rebuilt = cards.diagnose(store.db, ())
        report.cards_rebuilt = cards.repair(store, rebuilt, diagnosis, quarantine=False)
    return report
