"""Study history out of one store and into another: quiz sessions and answers, and the review log.

Every logged row carries a `uuid`, so an import adds only the rows the store lacks: importing a file
twice adds nothing. Integer links (`quiz_answers.session_id`, `review_log.undoes`) travel as the uuid of
the row they point to (`session_uuid`, `undoes_uuid`) and are mapped to local ids on import. Columns are
read from the tables themselves, so a later migration's extra columns travel too; an import writes the
columns both sides know. After an import the review cards are rebuilt from the log (the log is the truth).

File shapes: JSON `{"version": 1, "exported_at", "quiz_sessions": [...], "quiz_answers": [...],
"review_log": [...]}`; CSV one row per logged row, a `table` column naming its table, the union of the
columns after it, NULL written `\\N`.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rnnquiz.errors import UsageError
from rnnquiz.store import Store

# table -> (integer link column, the table it points to, the uuid column that replaces it in the file)
LINKS = {
    "quiz_sessions": None,
    "quiz_answers": ("session_id", "quiz_sessions", "session_uuid"),
    "review_log": ("undoes", "review_log", "undoes_uuid"),
}
TABLES = tuple(LINKS)  # in import order: a row's link target comes first
NULL = "\\N"


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def _exists(db: sqlite3.Connection, table: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


def history_rows(db: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Every logged row, table by table, in log order (by local id), links as uuids."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        if not _exists(db, table):
            out[table] = []
            continue
        link = LINKS[table]
        cols = [c for c in _columns(db, table) if c != "id" and (link is None or c != link[0])]
        select = ", ".join(f"t.{c}" for c in cols)
        join = ""
        if link:
            select += f", l.uuid AS {link[2]}"
            join = f" LEFT JOIN {link[1]} l ON l.id = t.{link[0]}"
        rows = (dict(zip([*cols, *( [link[2]] if link else [])], r, strict=True))
                for r in db.execute(f"SELECT {select} FROM {table} t{join} ORDER BY t.id"))  # fmt: skip
        out[table] = list(rows)
    return out


def to_json(rows: dict[str, list[dict[str, Any]]], exported_at: str) -> str:
    return json.dumps({"version": 1, "exported_at": exported_at, **rows}, ensure_ascii=False, indent=1) + "\n"


def to_csv(rows: dict[str, list[dict[str, Any]]]) -> str:
    columns: dict[str, None] = {"table": None, "uuid": None}
    for table in TABLES:
        for r in rows[table]:
            columns.update(dict.fromkeys(r))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n", restval=NULL)
    writer.writeheader()
    for table in TABLES:
        for r in rows[table]:
            writer.writerow({"table": table, **{k: NULL if v is None else v for k, v in r.items()}})
    return buf.getvalue()


def parse(text: str, name: str = "history file") -> dict[str, list[dict[str, Any]]]:
    """Read an export (JSON or CSV, told apart by the first character). Raises UsageError on bad input."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        try:
            doc = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{name}:{exc.lineno}: not valid JSON ({exc.msg})") from None
        if not isinstance(doc, dict) or doc.get("version") != 1:
            raise UsageError(f"{name}: not an rnnquiz history export (expected a JSON object with \"version\": 1)")
        out = {}
        for table in TABLES:
            rows = doc.get(table, [])
            if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                raise UsageError(f"{name}: {table} must be a list of objects")
            out[table] = rows
        return out
    reader = csv.DictReader(io.StringIO(stripped))
    if not reader.fieldnames or "table" not in reader.fieldnames or "uuid" not in reader.fieldnames:
        raise UsageError(f"{name}: not an rnnquiz history export (a JSON object, or CSV with table and uuid columns)")
    out = {t: [] for t in TABLES}
    for r in reader:
        table = r.pop("table")
        if table not in out:
            raise UsageError(f"{name}:{reader.line_num}: unknown table {table!r}; known: {', '.join(TABLES)}")
        out[table].append({k: None if v in (NULL, None) else v for k, v in r.items()})
    return out


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    question_ids: set[str] = field(default_factory=set)  # of the added rows
    cards_rebuilt: int = 0


def import_rows(store: Store, rows: dict[str, list[dict[str, Any]]], name: str = "history file") -> ImportReport:
    """Add the rows the store lacks (by uuid), in one transaction; then rebuild review cards from the log."""
    report = ImportReport()
    with store.transaction() as db:
        for table in TABLES:
            report.added[table] = report.already[table] = 0
            if not rows.get(table):
                continue
            if not _exists(db, table):
                raise UsageError(f"{name}: this rnnquiz has no {table} table to import into")
            local = set(_columns(db, table)) - {"id"}
            link = LINKS[table]
            for i, r in enumerate(rows[table]):
                uid = r.get("uuid")
                if not isinstance(uid, str) or not uid:
                    raise UsageError(f"{name}: {table} row {i + 1} has no uuid")
                if db.execute(f"SELECT 1 FROM {table} WHERE uuid = ?", (uid,)).fetchone():
                    report.already[table] += 1
                    continue
                values = {k: v for k, v in r.items() if k in local}
                if link:
                    target = r.get(link[2])
                    if target is not None:
                        found = db.execute(f"SELECT id FROM {link[1]} WHERE uuid = ?", (target,)).fetchone()
                        if found is None:
                            raise UsageError(f"{name}: {table} row {uid} points to {link[2]} {target}, which is neither in the file nor in the store")
                        values[link[0]] = found[0]
                cols = ", ".join(values)
                marks = ", ".join("?" for _ in values)
                try:
                    db.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(values.values()))
                except sqlite3.IntegrityError as exc:
                    raise UsageError(f"{name}: {table} row {uid}: {exc}") from None
                report.added[table] += 1
                if isinstance(r.get("question_id"), str):
                    report.question_ids.add(r["question_id"])
    if report.added.get("review_log") and _exists(store.db, "cards"):
        from rnnquiz.study import cards

        diagnosis, rebuilt = cards.diagnose(store.db, ())
        report.cards_rebuilt = cards.repair(store, rebuilt, diagnosis)
    return report


def count(rows: dict[str, list[Any]]) -> dict[str, int]:
    return {t: len(rows.get(t, [])) for t in TABLES}


def unknown_ids(question_ids: Iterable[str], known: Iterable[str]) -> list[str]:
    return sorted(set(question_ids) - set(known))
