"""History files: the JSON and CSV forms of the study history, and reading them back.

The rows come from and go to the store (rnnquiz/store/history.py: reading, validation, import); this
module only writes and parses the files. File shapes: JSON `{"version": 1, "exported_at",
"quiz_sessions": [...], "quiz_answers": [...], "review_log": [...], "review_log_quarantine": [...],
"drill_attempts": [...]}` (the last two: rows `doctor --repair` set aside, marked by their table, and drill
checks); CSV one row per logged row, a `table` column naming its table, the union of the columns after it,
NULL written `\\N`. A file of a newer format version is refused as such; JSON writes every control,
bidi and invisible character as a `\\uXXXX` escape, so the file is safe to show on a terminal.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rnnquiz.errors import UsageError
from rnnquiz.store.history import LINKS, TABLES, WHERE, ImportReport, history_rows, import_rows, read_history

__all__ = ["LINKS", "TABLES", "ImportReport", "count", "history_rows", "import_rows", "parse", "read_history",
           "to_csv", "to_json", "unknown_ids"]  # fmt: skip

NULL = "\\N"
NOT_HISTORY = "not an rnnquiz history export (write one with `rnnquiz export history --out FILE`)"
VERSION = 1  # the history file format this rnnquiz writes and reads


MAX_FILE_BYTES = 256 * 1024 * 1024  # a history of a million reviews is far below this


def read_file(file: Path) -> str:
    """The text of a history file ('-': stdin): only a regular file, at most MAX_FILE_BYTES, UTF-8; else a
    one-line UsageError. The size is checked before reading (a 1 GB file is refused at once)."""
    import os
    import stat
    import sys

    try:
        if str(file) == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        else:
            if not stat.S_ISREG(os.stat(file).st_mode):  # before open: opening a FIFO would wait for a writer
                raise UsageError(f"cannot read {file}: not a regular file")
            with open(file, "rb") as fh:
                st = os.fstat(fh.fileno())
                if not stat.S_ISREG(st.st_mode):  # a FIFO, /dev/zero, a folder
                    raise UsageError(f"cannot read {file}: not a regular file")
                if st.st_size > MAX_FILE_BYTES:
                    raise UsageError(f"cannot read {file}: {st.st_size:,} bytes; a history file is at most "
                                     f"{MAX_FILE_BYTES:,} bytes (256 MiB)")
                data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {file}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(f"cannot read {file}: more than {MAX_FILE_BYTES:,} bytes (256 MiB), the limit of a history file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read {file}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def to_json(rows: dict[str, list[dict[str, Any]]], exported_at: str) -> str:
    """The JSON form. json escapes C0 controls; C1 controls, bidi and invisible characters are written as
    `\\uXXXX` escapes too (the same data), so the file is safe to show on a terminal."""
    from rnnquiz.textsafe import json_safe

    return json_safe(json.dumps({"version": VERSION, "exported_at": exported_at, **rows}, ensure_ascii=False, indent=1)) + "\n"


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


_JSON_REASONS = (  # Python's json messages in our words (attacker round 4: "Unterminated string starting at")
    ("Unterminated string", "the file ends inside a string: cut short?"),
    ("Expecting value", "a value is missing here: cut short, or not an export?"),
    ("Expecting ',' delimiter", "a comma is missing here"),
    ("Expecting ':' delimiter", "a colon is missing here"),
    ("Expecting property name", "a key in double quotes is expected here"),
    ("Extra data", "more text after the end of the document"),
    ("Invalid control character", "a control character inside a string"),
    ("Invalid \\escape", "an invalid backslash escape"),
)


def _json_reason(msg: str) -> str:
    return next((ours for theirs, ours in _JSON_REASONS if msg.startswith(theirs)), "not JSON here")


def parse(text: str, name: str = "history file") -> dict[str, list[dict[str, Any]]]:
    """Read an export (JSON or CSV, told apart by the first character). Each row gets a WHERE key naming
    its place in the file. Raises UsageError on a file that is not a history export."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        try:
            doc = json.loads(stripped)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError; so is a 5,000-digit number
            line = getattr(exc, "lineno", "?")
            if isinstance(exc, json.JSONDecodeError):
                line = f"{exc.lineno}:{exc.colno}"
                why = _json_reason(exc.msg)
            else:
                why = "nested too deep" if isinstance(exc, RecursionError) else "a number with more digits than any field holds"
            raise UsageError(f"{name}:{line}: not valid JSON ({why})") from None
        if isinstance(doc, dict) and "topics" in doc and not any(t in doc for t in TABLES):
            raise UsageError(f"{name}: this is a bank export (rnnquiz export json), not a history file; "
                             "use it as a bank: `rnnquiz bank add FILE`")  # fmt: skip
        version = doc.get("version") if isinstance(doc, dict) else None
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise UsageError(f"{name}: written by a newer rnnquiz (history format version {version}; this one reads "
                             f"version {VERSION}); upgrade rnnquiz to import it")
        if not isinstance(doc, dict) or version != VERSION or not any(t in doc for t in TABLES):
            raise UsageError(f"{name}: {NOT_HISTORY}")
        out = {}
        for table in TABLES:
            rows = doc.get(table, [])
            if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
                raise UsageError(f"{name}: {table} must be a list of objects")
            out[table] = [{**r, WHERE: f"row {i + 1}"} for i, r in enumerate(rows)]
        return out
    first = stripped.split("\n", 1)[0]
    if first.startswith(("topic:", "questions:", "---", "#")):
        raise UsageError(f"{name}: this looks like a bank (YAML), not a history file; use `rnnquiz bank add FILE`")
    csv.field_size_limit(1 << 24)  # a set-aside row or a long answer is more than csv's 128 KiB default
    reader = csv.DictReader(io.StringIO(stripped))
    try:
        fields = reader.fieldnames
    except csv.Error as exc:
        raise UsageError(f"{name}: {NOT_HISTORY} ({exc})") from None
    if not fields or "table" not in fields or "uuid" not in fields:
        raise UsageError(f"{name}: {NOT_HISTORY}")
    out = {t: [] for t in TABLES}
    try:
        for r in reader:
            table = r.pop("table")
            if table not in out:
                raise UsageError(f"{name}:{reader.line_num}: unknown table {table!r}; known: {', '.join(TABLES)}")
            if None in r:
                raise UsageError(f"{name}:{reader.line_num}: more fields than the header names")
            row = {k: None if v in (NULL, None) else v for k, v in r.items()}
            row[WHERE] = f"line {reader.line_num}"
            out[table].append(row)
    except csv.Error as exc:
        raise UsageError(f"{name}:{reader.line_num}: {exc}") from None
    return out


def count(rows: dict[str, list[Any]]) -> dict[str, int]:
    return {t: len(rows.get(t, [])) for t in TABLES}


def unknown_ids(question_ids: Iterable[str], known: Iterable[str]) -> list[str]:
    return sorted(set(question_ids) - set(known))
