"""Whether a stored value has its column's declared type: SQLite is dynamically typed, so a row written
by hand or by an earlier version may hold a BLOB in a TEXT column, or TEXT / REAL / BLOB in an INTEGER one.

One rule, used by `doctor` (rnnquiz.store.cards.diagnose: such a review-log row is reported and
`doctor --repair` sets it aside) and by `export history` (rnnquiz.store.history.read_history: such a row
is left out of the file and named), so that neither crashes nor writes a row an import cannot take back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

# declared type -> the SQLite storage classes (typeof) a value of that column may have
ALLOWED = {"INTEGER": ("integer", "null"), "TEXT": ("text", "null"), "REAL": ("real", "integer", "null")}


def declared(db: sqlite3.Connection, table: str) -> dict[str, str]:
    """column -> its declared type (INTEGER, TEXT, REAL) for the columns this module checks."""
    out = {}
    for row in db.execute(f"PRAGMA table_info({table})"):
        kind = str(row[2]).upper()
        if kind in ALLOWED:
            out[str(row[1])] = kind
    return out


def describe(value: Any) -> str:
    """A stored value as a short phrase: `a 2-byte blob x'00ff'`, `text 'abc'`, `the real 1.5`."""
    if isinstance(value, bytes):
        shown = value[:16].hex() + ("…" if len(value) > 16 else "")
        return f"a {len(value)}-byte blob x'{shown}'"
    if isinstance(value, str):
        return f"the text {value[:40]!r}" + ("…" if len(value) > 40 else "")
    if isinstance(value, float):
        return f"the real number {value!r}"
    return repr(value)[:40]


def _matches(kind: str, value: Any) -> bool:
    if value is None:
        return True
    if kind == "INTEGER":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "TEXT":
        return isinstance(value, str)
    return isinstance(value, int | float) and not isinstance(value, bool)


def problem(types: Mapping[str, str], row: Mapping[str, Any]) -> str | None:
    """The first column of `row` whose value is not of its declared type, as a reason; None when all are."""
    for column, value in row.items():
        kind = types.get(column)
        if kind is not None and not _matches(kind, value):
            return f"{column} holds {describe(value)}, not {kind.lower()}"
    return None


def where_mistyped(types: Mapping[str, str], alias: str = "") -> str:
    """An SQL condition true for rows holding a value of another storage class than declared."""
    prefix = f"{alias}." if alias else ""
    parts = [
        f"typeof({prefix}\"{column}\") NOT IN ({', '.join(repr(c) for c in ALLOWED[kind])})" for column, kind in types.items()
    ]
    return "(" + " OR ".join(parts) + ")" if parts else "0"
