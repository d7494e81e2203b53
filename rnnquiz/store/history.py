"""Study history out of one store and into another: quiz sessions and answers, and the review log.

Every logged row carries a `uuid`, so an import adds only the rows the store lacks: importing a file
twice adds nothing. Integer links (`quiz_answers.session_id`, `review_log.undoes`) travel as the uuid of
the row they point to (`session_uuid`, `undoes_uuid`) and are mapped to local ids on import.

An import is validated row by row before anything is written (`validate`): uuids, question ids as text,
kinds, ratings, statuses and types from their enums, times with an offset and not later than now + 1 day,
intervals between 0 and 100 years, links that resolve. A bad file is refused with its row and field
(UsageError, exit 2) and the store is left as it was; a good one is added in one transaction, and the
review cards are rebuilt from the log (replayed in time order) in that same transaction, so a kill
mid-import leaves either nothing or rows and cards that agree. Review-log rows dated after now + 1 day
(a clock that ran ahead, a store kept with `RNNQUIZ_NOW`) are not a reason to refuse the file: they go to
`review_log_quarantine`, counted in the summary; times outside 1970–2199 are refused. Times are stored in the store's own form
(UTC; review-log times with microseconds, so that text order is time order).

A row whose uuid the store already holds must be the same row: other content refuses the file. Rows
`doctor --repair` set aside travel as `review_log_quarantine` and land in the quarantine again, never in
the log; drill attempts (the settings document `drill:progress`) travel as `drill_attempts` rows and are
merged into the drill progress.

Reading (`history_rows`) salvages: a table with damaged pages gives every row still readable (the reading
steps over the stretch of ids that raises and goes on), and says what was lost in `HistoryRows.damaged`.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from rnnquiz import paths
from rnnquiz.errors import UsageError
from rnnquiz.store.db import Store

# table -> (integer link column, the table it points to, the uuid column that replaces it in the file)
LINKS: dict[str, tuple[str, str, str] | None] = {
    "quiz_sessions": None,
    "quiz_answers": ("session_id", "quiz_sessions", "session_uuid"),
    "review_log": ("undoes", "review_log", "undoes_uuid"),
    "review_log_quarantine": None,  # rows `doctor --repair` set aside: exported marked, imported back aside
    "drill_attempts": None,  # drill checks (the settings key `drill:progress`), one row per attempt
}
TABLES = tuple(LINKS)  # in import order: a row's link target comes first
STORED = TABLES[:4]  # tables of the store; drill attempts live in the settings document DRILL_KEY
DRILL_KEY = "drill:progress"
DRILL_KEEP = 50  # attempts kept per drill (rnnquiz.drills.progress.MAX_HISTORY)
_DRILL_NS = uuidlib.UUID("5b0e8a52-6f0c-4d8e-9a3e-2f1f6c7d9e10")
WHERE = "\0where"  # key parse() adds to each row: where it came from ("row 3", "line 7"); never stored
FUTURE = "\0future"  # key validate() adds to a review-log row dated after now + 1 day (set aside); never stored

MAX_INTERVAL_S = 100 * 365 * 86400
KINDS = ("review", "undo", "reset", "suspend", "unsuspend")
STATUSES = ("right", "wrong", "skipped", "unreadable", "unanswered")
from rnnquiz.bank.schema import TYPES  # noqa: E402  (every question type, explain included: interviews save them)

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
    # table -> (rows left out, the first one's id and reason): values of another type than their column
    # (rnnquiz.store.coltypes), which JSON cannot write or an import would refuse
    mistyped: dict[str, tuple[int, int, str]] = field(default_factory=dict)


def history_rows(db: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Every logged row, table by table, in log order (by local id), links as uuids."""
    return read_history(db).tables


def _select(db: sqlite3.Connection, table: str) -> tuple[str, list[str]]:
    """The SELECT of a table's rows in file form (links as uuids, no local ids), with `t.id` first."""
    link = LINKS[table]
    cols = [c for c in _columns(db, table) if c != "id" and (link is None or c != link[0])]
    select = ", ".join(f"t.{c}" for c in cols)
    names = list(cols)
    join = ""
    if link:
        select += f", l.uuid AS {link[2]}"
        names.append(link[2])
        join = f" LEFT JOIN {link[1]} l ON l.id = t.{link[0]}"
    return f"SELECT t.id, {select} FROM {table} t{join}", names


def read_history(db: sqlite3.Connection) -> HistoryRows:
    """`history_rows`, salvaging what a damaged store still gives: each table is read in id order, and
    where a stretch of rows cannot be read (a damaged page) the reading goes on after it, so every
    readable row is kept; `damaged` says what was skipped and why."""
    out = HistoryRows({})
    for table in STORED:
        rows: list[dict[str, Any]] = []
        out.tables[table] = rows
        try:
            if not _exists(db, table):
                continue
            sql, names = _select(db, table)
        except sqlite3.DatabaseError as exc:
            out.damaged[table] = str(exc)
            continue
        problem = _salvage(db, table, sql, ["id", *names], rows)
        if problem:
            out.damaged[table] = problem
        _leave_out_mistyped(db, table, rows, out)
    out.tables["drill_attempts"] = []
    try:
        found = db.execute("SELECT value FROM settings WHERE key = ?", (DRILL_KEY,)).fetchone()
        attempts = drill_rows(found[0] if found else None)
        out.tables["drill_attempts"] = good = []
        for a in attempts:  # only what an import takes back: a hand-edited attempt would block the whole move
            try:
                _drill_row(a, datetime.max.replace(tzinfo=UTC))
            except _Bad:
                continue
            good.append(a)
        if len(good) < len(attempts):
            out.damaged["drill_attempts"] = f"{len(attempts) - len(good)} malformed attempt(s) left out"
    except sqlite3.DatabaseError as exc:
        out.damaged["drill_attempts"] = str(exc)
    return out


def _span(a: int, b: int) -> str:
    """A stretch of unreadable ids in words (attacker round 4: "ids start–end" read as a placeholder)."""
    first, last = a > -(2**62), b >= 0
    if not first and not last:
        return "every id"
    if not first:
        return f"ids up to {b}"
    return f"ids from {a} on" if not last else f"ids {a}–{b}"


def _salvage(db: sqlite3.Connection, table: str, sql: str, names: list[str], rows: list[dict[str, Any]]) -> str | None:
    """Read `sql`'s rows in id order into `rows`, stepping over stretches that raise; the problem or None."""
    after = -(2**63)
    skipped: list[tuple[int, int]] = []
    error = ""
    while True:
        try:
            cur = db.cursor()
            cur.row_factory = None
            for r in cur.execute(f"{sql} WHERE t.id > ? ORDER BY t.id", (after,)):
                rows.append(dict(zip(names, r, strict=True)))
                after = r[0]
            break
        except sqlite3.DatabaseError as exc:
            error = error or str(exc)
            nxt = _next_readable(db, sql, after)
            if nxt is None or len(skipped) > 10_000:
                skipped.append((after + 1, -1))
                break
            if skipped and skipped[-1][1] == nxt - 1:  # no progress since the last stretch: step over row nxt
                nxt += 1
            skipped.append((after + 1, nxt - 1))
            after = nxt - 1
    if not skipped:
        return None
    try:  # an index may still count what the table's pages no longer give
        total = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        lost = f"{total - len(rows)} row(s) unreadable"
    except sqlite3.DatabaseError:
        lost = "an unknown number of rows unreadable"
    merged: list[list[int]] = []
    for a, b in skipped:
        if merged and a <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], b) if b >= 0 else -1
        else:
            merged.append([a, b])
    spans = ", ".join(_span(a, b) for a, b in merged[:3])
    return f"{lost}, {spans}: {error}"


def _leave_out_mistyped(db: sqlite3.Connection, table: str, rows: list[dict[str, Any]], out: HistoryRows) -> None:
    """Drop (in place) the rows holding a value of another type than declared, noting them in `out.mistyped`;
    the local id each row was read with is removed from every row (the file has no local ids)."""
    from rnnquiz.store import coltypes

    types = coltypes.declared(db, table)
    link = LINKS[table]
    if link:
        types[link[2]] = "TEXT"  # the uuid of the row linked to
    kept, first, n = [], None, 0
    for r in rows:
        local = r.pop("id")
        reason = coltypes.problem(types, r)
        if reason is None:
            kept.append(r)
            continue
        n += 1
        first = first or (local, reason)
    rows[:] = kept
    if first:
        out.mistyped[table] = (n, *first)


def _next_readable(db: sqlite3.Connection, sql: str, after: int) -> int | None:
    """The smallest id > `after` from which rows read again (found by doubling steps, then bisecting)."""

    def readable(start: int) -> int | None | bool:
        try:
            r = db.execute(f"{sql} WHERE t.id >= ? ORDER BY t.id LIMIT 1", (start,)).fetchone()
        except sqlite3.DatabaseError:
            return False
        return None if r is None else r[0]

    bad, step = after, 1
    while True:
        probe = after + step
        if probe > 2**63 - 1:
            return None
        got = readable(probe)
        if got is None:
            return None
        if got is not False:
            break
        bad, step = probe, step * 2
    good = probe  # rows read from `good` on; from `bad` they did not: find the first start that works
    while good - bad > 1:
        mid = (bad + good) // 2
        if readable(mid) is False:
            bad = mid
        else:
            good = mid
    first = readable(good)
    return first if isinstance(first, int) and not isinstance(first, bool) else None


def drill_rows(doc_text: str | None) -> list[dict[str, Any]]:
    """The drill attempts of the settings document `drill:progress`, one flat row each, with a uuid made
    from the attempt itself (the same attempt gets the same uuid on every machine)."""
    try:
        doc = json.loads(doc_text) if doc_text else {}
    except ValueError:
        return []
    drills = doc.get("drills") if isinstance(doc, dict) else None
    out = []
    for entry in (drills or {}).values() if isinstance(drills, dict) else ():
        for a in entry.get("history", []) if isinstance(entry, dict) else ():
            if not isinstance(a, dict):
                continue
            score = a.get("score") if isinstance(a.get("score"), list) and len(a["score"]) == 2 else [None, None]
            row = {"drill": a.get("drill"), "card": a.get("card"), "passed": int(bool(a.get("passed"))),
                   "score_passed": score[0], "score_total": score[1], "rating": a.get("rating"),
                   "hints_used": a.get("hints_used"), "failed_before": a.get("failed_before"),
                   "solution_seen": int(bool(a.get("solution_seen"))), "at": a.get("at"),
                   "rerun": int(bool(a.get("rerun")))}
            out.append({"uuid": _drill_uuid(row), **row})
    return out


def _drill_uuid(row: Mapping[str, Any]) -> str:
    key = json.dumps([row.get(k) for k in ("drill", "at", "passed", "score_passed", "score_total", "rating")])
    return str(uuidlib.uuid5(_DRILL_NS, key))


# --- validation ---------------------------------------------------------------------------------------


class _Bad(Exception):
    def __init__(self, field: str, reason: str) -> None:
        self.field, self.reason = field, reason


class _Future(_Bad):
    """A time later than now + 1 day: a review-log row is set aside (quarantine), not a reason to refuse."""


# the range RNNQUIZ_NOW accepts, on the UTC instant (rnnquiz.store.cards replays only these): rnnquiz.paths
MIN_YEAR, MAX_YEAR, EARLIEST, LATEST = paths.MIN_YEAR, paths.MAX_YEAR, paths.EARLIEST, paths.LATEST


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


def _time(v: Any, f: str, latest: datetime | None, micro: bool, *, required: bool = True) -> str | None:
    s = _text(v, f, required=required, limit=64)
    if not s:
        return None
    try:
        t = datetime.fromisoformat(s)
    except ValueError:
        raise _Bad(f, f"{s!r} is not an ISO 8601 time") from None
    if t.tzinfo is None:
        raise _Bad(f, f"{s!r} has no UTC offset")
    utc = paths.as_utc(t)
    if utc is None:  # 0001-01-01T00:00+01:00 has no UTC form
        raise _Bad(f, f"{s!r} is outside {MIN_YEAR}–{MAX_YEAR}")
    t = utc
    if latest is not None and t < EARLIEST:  # `due` alone (None) may lie beyond
        raise _Bad(f, f"{s!r} is outside {MIN_YEAR}–{MAX_YEAR}")
    if latest is not None and t > latest:  # a review-log row is set aside; a quiz or drill row (LATEST) refused
        raise _Future(f, f"{s!r} is " + (f"outside {MIN_YEAR}–{MAX_YEAR}" if t > LATEST else "in the future"))
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


def _log_row(r: Mapping[str, Any], latest: datetime | None) -> dict[str, Any]:
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
        "due": _time(r.get("due"), "due", None, True, required=False),
        "undoes_uuid": _uuid(r.get("undoes_uuid"), "undoes_uuid", required=kind == "undo"),
        "session": _text(r.get("session"), "session", required=False, limit=64),
    }
    if not review and out["rating"] is not None:
        raise _Bad("rating", f"a {kind} row has no rating")
    if kind != "undo" and out["undoes_uuid"] is not None:
        raise _Bad("undoes_uuid", f"a {kind} row undoes nothing")
    return out


def _quarantine_row(r: Mapping[str, Any], latest: datetime) -> dict[str, Any]:
    row = _text(r.get("row"), "row", limit=1_000_000)
    try:
        whole = json.loads(row)  # type: ignore[arg-type]
    except (ValueError, RecursionError):
        raise _Bad("row", "not JSON") from None
    if not isinstance(whole, dict):
        raise _Bad("row", "not a JSON object (the whole review-log row)")
    return {
        "uuid": _text(r.get("uuid"), "uuid", required=False),  # kept as it was: may not be a uuid
        "row": row,
        "reason": _text(r.get("reason"), "reason"),
        "moved_at": _time(r.get("moved_at"), "moved_at", latest, False),
    }


def _drill_row(r: Mapping[str, Any], latest: datetime) -> dict[str, Any]:
    drill = _text(r.get("drill"), "drill", limit=300)
    out = {
        "drill": drill,
        "card": _text(r.get("card"), "card", required=False, limit=300) or f"drill:{drill}",
        "passed": _int(r.get("passed"), "passed", 0, 1),
        "score_passed": _int(r.get("score_passed"), "score_passed", 0, 10**6),
        "score_total": _int(r.get("score_total"), "score_total", 0, 10**6),
        "rating": _int(r.get("rating"), "rating", 1, 4),
        "hints_used": _int(r.get("hints_used"), "hints_used", 0, 10**6),
        "failed_before": _int(r.get("failed_before"), "failed_before", 0, 10**9),
        "solution_seen": _int(r.get("solution_seen"), "solution_seen", 0, 1),
        "at": _time(r.get("at"), "at", latest, False),
        "rerun": _int(r.get("rerun", 0), "rerun", 0, 1),
    }
    _uuid(r.get("uuid"), "uuid", required=False)
    return {"uuid": _drill_uuid(out), **out}


CHECKS: dict[str, Callable[[Mapping[str, Any], datetime], dict[str, Any]]] = {
    "quiz_sessions": _session_row, "quiz_answers": _answer_row, "review_log": _log_row,
    "review_log_quarantine": _quarantine_row, "drill_attempts": _drill_row,
}  # fmt: skip


def validate(rows: Mapping[str, list[dict[str, Any]]], name: str, now: datetime) -> dict[str, list[dict[str, Any]]]:
    """Every row checked and normalised, or UsageError naming the first bad row and field. Links inside
    the file are checked here; links to rows only the store holds are checked by `import_rows`."""
    latest = now + timedelta(days=1)
    out: dict[str, list[dict[str, Any]]] = {}
    seen: dict[str, dict[str, dict[str, Any]]] = {}
    future: list[dict[str, Any]] = []  # review-log rows dated after now + 1 day: set aside, not refused
    for table in TABLES:
        out[table] = []
        seen[table] = {}
        for i, r in enumerate(rows.get(table, [])):
            where = r.get(WHERE, f"row {i + 1}")
            try:
                if table == "review_log":  # only the review log schedules: a row dated ahead is set aside
                    try:
                        clean = CHECKS[table](r, latest)
                    except _Future:  # (after 2199 too: the clock never gives such a time, an old version did)
                        clean = CHECKS[table](r, None)  # every other field still checked
                        clean[FUTURE] = True
                else:  # a quiz or drill row dated ahead is kept as it is; after 2199 it is refused
                    clean = CHECKS[table](r, LATEST)
                for key, value in r.items():  # a value in a column of another table (a CSV edited by hand)
                    if value is not None and key not in clean and key not in (WHERE, "id", "session_id", "undoes"):
                        raise _Bad(str(key)[:40], f"not a field of {table}")
            except _Bad as bad:
                raise UsageError(f"{name}: {table} {where}: {bad.field}: {bad.reason}") from None
            if clean["uuid"] is not None and clean["uuid"] in seen[table]:
                if table == "drill_attempts":  # the same attempt twice: one
                    continue
                raise UsageError(f"{name}: {table} {where}: uuid: {clean['uuid']} appears twice in the file")
            clean[WHERE] = where
            seen[table][clean["uuid"]] = clean
            out[table].append(clean)
    for r in out["review_log"]:
        target = r["undoes_uuid"] and seen["review_log"].get(r["undoes_uuid"])
        if target and (target["kind"] != "review" or target["question_id"] != r["question_id"]):
            raise UsageError(f"{name}: review_log {r[WHERE]}: undoes_uuid: {r['undoes_uuid']} is not a review of {r['question_id']}")
        if target and target.get(FUTURE):  # an undo of a row set aside goes with it (its link would dangle)
            r[FUTURE] = True
    stamp = now.astimezone(UTC).isoformat()
    for r in out["review_log"]:
        if r.get(FUTURE):
            doc = {k: v for k, v in r.items() if k not in (WHERE, FUTURE)}
            reason = f"reviewed_at {r['reviewed_at']} was later than the clock at import ({stamp}, + 1 day)"
            future.append({"uuid": r["uuid"], "row": json.dumps(doc, ensure_ascii=False), "reason": reason,
                           "moved_at": stamp, WHERE: r[WHERE], FUTURE: True})
    out["review_log"] = [r for r in out["review_log"] if not r.get(FUTURE)]
    out["review_log_quarantine"] += future
    return out


# --- import -------------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    question_ids: set[str] = field(default_factory=set)  # of the added rows
    cards_rebuilt: int = 0
    future: int = 0  # review-log rows dated after now + 1 day, added to the quarantine instead of the log
    future_first: str = ""  # the first of them: where it is in the file and its time ("row 2, 2200-01-01T…")


def import_rows(
    store: Store, rows: Mapping[str, list[dict[str, Any]]], name: str = "history file", now: datetime | None = None
) -> ImportReport:
    """Validate every row, then add the rows the store lacks (by uuid) in one transaction, then rebuild the
    review cards from the log. A bad row, or a row whose uuid the store holds with other content:
    UsageError (exit 2), nothing written. Quarantined rows go back to the quarantine, never to the log;
    drill attempts join the drill progress."""
    from rnnquiz.store import cards

    clean = validate(rows, name, now or datetime.now(UTC))
    report = ImportReport()
    with store.transaction() as db:
        for table in STORED:
            report.added[table] = report.already[table] = 0
            if not clean[table]:
                continue
            if not _exists(db, table):
                raise UsageError(f"{name}: {table}: this store has no such table (run any rnnquiz command to upgrade it)")
            if table == "review_log_quarantine":
                _import_quarantine(db, clean[table], report)
                continue
            local = set(_columns(db, table)) - {"id"}
            link = LINKS[table]
            sql, names = _select(db, table)
            for r in clean[table]:
                stored = db.execute(f"{sql} WHERE t.uuid = ?", (r["uuid"],)).fetchone()
                if stored is not None:
                    _same_or_refuse(name, table, r, dict(zip(names, stored[1:], strict=True)))
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
        _import_drills(db, clean.get("drill_attempts", []), report)
        if report.added.get("review_log"):  # in the same transaction: a kill leaves rows and cards as one
            report.cards_rebuilt = cards.rebuild_changed(db)
    return report


def _same_or_refuse(name: str, table: str, new: Mapping[str, Any], stored: Mapping[str, Any]) -> None:
    """A row of the file whose uuid the store holds must be that row: else the file is refused."""
    for key, value in new.items():
        if key == WHERE or key not in stored:
            continue
        old = stored[key]
        if old == value or (isinstance(old, float | int) and isinstance(value, float | int) and float(old) == float(value)):
            continue
        raise UsageError(f"{name}: {table} {new[WHERE]}: uuid {new['uuid']} is already stored with different content "
                         f"({key}); nothing was imported")


def _import_quarantine(db: sqlite3.Connection, rows: list[dict[str, Any]], report: ImportReport) -> None:
    """Set-aside rows stay set aside: added to the quarantine unless it (or the log) already has them."""
    table = "review_log_quarantine"
    for r in rows:
        here = db.execute(f"SELECT 1 FROM {table} WHERE row = ?", (r["row"],)).fetchone()
        if r["uuid"] is not None:
            here = here or db.execute(f"SELECT 1 FROM {table} WHERE uuid = ?", (r["uuid"],)).fetchone()
            here = here or db.execute("SELECT 1 FROM review_log WHERE uuid = ?", (r["uuid"],)).fetchone()
        if here:
            report.already[table] += 1
            continue
        db.execute(f"INSERT INTO {table} (uuid, row, reason, moved_at) VALUES (?, ?, ?, ?)",
                   (r["uuid"], r["row"], r["reason"], r["moved_at"]))
        report.added[table] += 1
        report.future += bool(r.get(FUTURE))
        if r.get(FUTURE) and not report.future_first:
            report.future_first = f"review_log {r[WHERE]}, reviewed_at {json.loads(r['row']).get('reviewed_at')}"


def _import_drills(db: sqlite3.Connection, rows: list[dict[str, Any]], report: ImportReport) -> None:
    """Drill attempts join the settings document `drill:progress`: each drill's history gains the attempts
    it lacks (in time order, the newest DRILL_KEEP kept), its counts and best result follow."""
    report.added["drill_attempts"] = report.already["drill_attempts"] = 0
    if not rows:
        return
    found = db.execute("SELECT value FROM settings WHERE key = ?", (DRILL_KEY,)).fetchone()
    try:
        doc = json.loads(found[0]) if found else {}
    except ValueError:
        doc = {}
    if not isinstance(doc, dict) or not isinstance(doc.get("drills"), dict):
        doc = {"version": 1, "drills": {}}
    have = {r["uuid"] for r in drill_rows(json.dumps(doc))}
    for r in rows:
        if r["uuid"] in have:
            report.already["drill_attempts"] += 1
            continue
        have.add(r["uuid"])
        e = doc["drills"].setdefault(r["drill"], {})
        if not isinstance(e, dict):
            e = doc["drills"][r["drill"]] = {}
        for k, v in (("attempts", 0), ("passes", 0), ("hints", 0), ("failed", 0), ("solution", False), ("best", None),
                     ("history", []), ("rated", None)):
            e.setdefault(k, v)
        attempt = {"drill": r["drill"], "card": r["card"], "passed": bool(r["passed"]),
                   "score": [r["score_passed"], r["score_total"]], "rating": r["rating"], "hints_used": r["hints_used"],
                   "failed_before": r["failed_before"], "solution_seen": bool(r["solution_seen"]), "at": r["at"],
                   "rerun": bool(r["rerun"])}
        e["history"] = sorted([*e["history"], attempt], key=lambda a: str(a.get("at")))[-DRILL_KEEP:]
        e["attempts"] = int(e.get("attempts") or 0) + 1
        e["passes"] = int(e.get("passes") or 0) + int(attempt["passed"])
        best = e["best"] if isinstance(e["best"], dict) else None
        score = attempt["score"]
        if best is None or (attempt["passed"], score[0] / max(score[1], 1)) > (
                bool(best.get("passed")), best["score"][0] / max(best["score"][1], 1)):
            e["best"] = {"passed": attempt["passed"], "score": list(score), "at": attempt["at"]}
        report.added["drill_attempts"] += 1
    if report.added["drill_attempts"]:
        db.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   (DRILL_KEY, json.dumps(doc, ensure_ascii=False, separators=(",", ":"))))
