"""The SQLite store: the only package that imports sqlite3.

- `db`: connection, WAL, numbered migrations (a newer schema is refused), settings, one-line store errors.
- `cards`: card rows and the append-only review log (rebuilt by replaying the log in time order), the
  due/stats queries, doctor's rebuild and quarantine.
- `quiz`: quiz sessions and answers, and the one definition of quiz accuracy.
- `history`: every logged row out (export) and, validated row by row, back in (import).
"""

from rnnquiz.store.db import (
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    Store,
    migrate,
    open_readonly,
    open_store,
    schema_version,
)

__all__ = ["BUSY_TIMEOUT_MS", "MIGRATIONS", "Store", "migrate", "open_readonly", "open_store", "schema_version"]
