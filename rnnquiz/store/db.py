"""The SQLite file under RNNQUIZ_HOME: connection, numbered migrations, settings, store errors.

Pattern from llm's migrations.py: ``MIGRATIONS`` is an ordered list; a migration, once landed, is never
edited — a change is a new migration at the end. The database records which have run; a database that
knows more migrations than this program (a newer rnnquiz wrote it) is refused, never downgraded.
"""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rnnquiz import paths
from rnnquiz.errors import StoreError

BUSY_TIMEOUT_MS = 10_000

Migration = Callable[[sqlite3.Connection], None]


def m001_initial(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def m002_quiz(db: sqlite3.Connection) -> None:
    """Quiz results: one row per session, one per answer (read and written by rnnquiz.store.quiz).

    `correct` is the final result (an override counts as right); `override` says the candidate
    overrode a wrong verdict. `status` is right | wrong | skipped | unreadable | unanswered (a timed
    session that ran out). Times are ISO 8601 UTC. A quiz never touches the review schedule.
    """
    db.execute(
        """CREATE TABLE quiz_sessions (
            id INTEGER PRIMARY KEY,
            uuid TEXT UNIQUE NOT NULL,
            seed INTEGER NOT NULL,
            settings TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            end_reason TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE quiz_answers (
            id INTEGER PRIMARY KEY,
            uuid TEXT UNIQUE NOT NULL,
            session_id INTEGER NOT NULL REFERENCES quiz_sessions(id),
            session_seed INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            type TEXT NOT NULL,
            topic TEXT NOT NULL,
            given TEXT,
            expected TEXT,
            status TEXT NOT NULL,
            correct INTEGER NOT NULL,
            override INTEGER NOT NULL DEFAULT 0,
            seconds REAL,
            answered_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX quiz_answers_question ON quiz_answers (question_id)")
    db.execute("CREATE INDEX quiz_answers_session ON quiz_answers (session_id)")


def m003_review(db: sqlite3.Connection) -> None:
    """Review: card state per question id, and the append-only review log it can be rebuilt from.

    `review_log` is never updated or deleted from: an undo is a row naming the row it undoes, and
    suspend / unsuspend / reset are rows too. `cards.last_log_id` is the newest log row for the card;
    a writer commits only if it is still the one it read (two processes never lose a review).
    Times are ISO 8601 UTC text with microseconds, so text order is time order.
    """
    # One statement at a time: executescript() would COMMIT the migration's transaction first.
    script = """
        CREATE TABLE cards (
            question_id TEXT PRIMARY KEY,
            card_id INTEGER NOT NULL,          -- 63-bit blake2b of question_id (FSRS card id)
            state INTEGER NOT NULL,            -- 0 new, 1 learning, 2 review, 3 relearning
            step INTEGER,
            stability REAL,
            difficulty REAL,
            due TEXT,
            last_review TEXT,
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            suspended INTEGER NOT NULL DEFAULT 0,
            last_log_id INTEGER
        );
        CREATE INDEX cards_state_due ON cards (state, due);
        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            question_id TEXT NOT NULL,
            kind TEXT NOT NULL,                -- review | undo | reset | suspend | unsuspend
            rating INTEGER,                    -- 1 again, 2 hard, 3 good, 4 easy (reviews only)
            reviewed_at TEXT NOT NULL,
            duration_ms INTEGER,
            state_before INTEGER,
            state_after INTEGER,
            interval_s INTEGER,                -- the interval shown and stored (fuzz and deadline cap included)
            prev_interval_s INTEGER,           -- the card's interval before this review (young/mature)
            due TEXT,                          -- reviewed_at + interval_s
            undoes INTEGER REFERENCES review_log (id),
            session TEXT
        );
        CREATE INDEX review_log_question ON review_log (question_id, id);
        -- covering: today, retention and calendar counts read the index alone, never the rows
        CREATE INDEX review_log_time ON review_log (reviewed_at, kind, rating, state_before, prev_interval_s, duration_ms);
        CREATE INDEX review_log_undoes ON review_log (undoes) WHERE undoes IS NOT NULL;
    """
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def m004_quarantine(db: sqlite3.Connection) -> None:
    """Log rows that card rebuild cannot replay (written by an earlier version or by hand), set aside by
    `doctor --repair`: kept whole, with the reason, never deleted."""
    db.execute(
        """CREATE TABLE review_log_quarantine (
            id INTEGER PRIMARY KEY,            -- the id the row had in review_log
            uuid TEXT,
            row TEXT NOT NULL,                 -- the whole row as JSON
            reason TEXT NOT NULL,
            moved_at TEXT NOT NULL
        )"""
    )


MIGRATIONS: list[Migration] = [m001_initial, m002_quiz, m003_review, m004_quarantine]


class Store:
    """An open store. Use as a context manager, or call close()."""

    def __init__(self, db: sqlite3.Connection, path: Path, *, readonly: Exception | None = None) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly  # why it was opened read-only (a read-only folder, a full disk): writes are refused

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT: one writer at a time, everything or nothing."""
        if self.readonly is not None:
            raise _readonly_error(self.path, self.readonly)
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _store_error(self.path, exc) from None
        try:
            yield self.db
            self.db.commit()
        except sqlite3.Error as exc:  # read-only file, disk full, a damaged page, a dropped table
            _rollback(self.db)
            raise _store_error(self.path, exc) from None
        except BaseException:
            _rollback(self.db)
            raise

    def check_writable(self, *tables: str) -> None:
        """Before a session asks its first question: a real write probe (an empty DELETE on each table the
        session writes, in a BEGIN IMMEDIATE that is rolled back), so that a store that cannot take the
        answers (read-only, a `-wal` that is a folder, a dropped table) is one line, exit 4, before anything
        is asked, instead of an answer taken and then lost. Nothing is written.

        A full disk shows only when a commit appends to the `-wal` (attacker round 4: the rolled-back probe
        passed, then the first answer was lost): so the probe also writes 64 KiB (room for a session's WAL
        frames) to a temporary file beside the store and removes it. The store's bytes are not touched."""
        try:
            with self.transaction() as db:
                for table in tables:
                    db.execute(f"DELETE FROM {table} WHERE 0")
                raise _Probed
        except _Probed:
            pass
        _room_beside(self.path)

    # --- settings -------------------------------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        rows = self._settings_rows("SELECT key, value FROM settings WHERE key = ?", (key,))
        return _setting_text(rows[0][1]) if rows else None

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def all_settings(self) -> dict[str, str]:
        return {str(k): _setting_text(v) for k, v in self._settings_rows("SELECT key, value FROM settings", ())}

    def _settings_rows(self, query: str, params: tuple[str, ...]) -> list[tuple[object, object]]:
        """A dropped settings table reads as no settings (defaults apply), with one warning: `doctor --repair`
        must still be able to run and recreate it."""
        try:
            return [tuple(r) for r in self.db.execute(query, params).fetchall()]
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                raise
            _warn_once(f"{self.path}: the store lacks its settings table; defaults apply (`rnnquiz doctor --repair` recreates it)")
            return []


class _Probed(Exception):
    """The end of Store.check_writable's probe: its transaction is rolled back."""


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    import sys

    if message not in _warned:
        _warned.add(message)
        sys.stderr.write(f"rnnquiz: warning: {message}\n")


def _readonly_error(path: Path, why: Exception) -> StoreError:
    """A write to a store that could only be opened read-only: nothing was written, and why."""
    if "readonly" in str(why) or "read-only" in str(why):
        return _store_error(path, why)
    return StoreError(
        f"{path}: the store could only be opened read-only ({why}); nothing was written — check the data folder's "
        f"free space and permissions, and that {path.name}-wal and {path.name}-shm are plain files"
    )


def _setting_text(value: object) -> str:
    """A stored setting as text. SQLite lets a hand edit store any type: a number is its JSON text; a BLOB
    or anything else becomes text that is not JSON, so that the setting is ignored with a warning (and
    `config` can overwrite it) instead of crashing every command."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, bytes):
        return f"<{len(value)}-byte blob {value[:16].hex()}>"
    return f"<{type(value).__name__}>"


def missing_tables(db: sqlite3.Connection) -> list[str]:
    """Tables of the schema that the store lacks (dropped by hand or by a damaged page)."""
    have = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [name for name, _ in _schema_sql() if name not in have]


def recreate_missing_tables(store: Store) -> list[str]:
    """Create the tables (and their indexes) the store lacks, as the migrations define them; returns their
    names. `cards` is derived from `review_log` (the log is the truth), so `doctor --repair` then rebuilds
    its rows; a recreated log or quiz table is empty (what was in it is gone)."""
    with store.transaction() as db:
        missing = missing_tables(db)
        for name, statements in _schema_sql():
            if name in missing:
                for statement in statements:
                    db.execute(statement)
    return missing


def _schema_sql() -> list[tuple[str, list[str]]]:
    """Each table of the current schema with the statements that create it and its indexes."""
    mem = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(mem, Path(":memory:"))
        rows = mem.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").fetchall()
    finally:
        mem.close()
    tables = [(name, [sql]) for kind, name, _, sql in rows if kind == "table" and not name.startswith("sqlite_")]
    by_name = dict(tables)
    for kind, _, table, sql in rows:
        if kind == "index" and table in by_name:
            by_name[table].append(sql)
    return tables


def _rollback(db: sqlite3.Connection) -> None:
    try:
        db.rollback()
    except sqlite3.Error:  # the connection itself failed: SQLite rolls back on close
        pass


def as_store_error(exc: BaseException, path: Path | None = None) -> StoreError | None:
    """A sqlite3 error raised outside a transaction (a read of a damaged store) as a StoreError; None for
    anything else. The CLI's one error path calls it, so that no command sees sqlite3."""
    if isinstance(exc, sqlite3.Error):
        if path is None:
            try:
                path = paths.db_path()
            except StoreError as bad_home:  # the error path must not raise
                return bad_home
        return _store_error(path, exc)
    if isinstance(exc, OSError) and exc.filename and _in_data_dir(str(exc.filename)):
        # the data folder or the store, unreadable (a stat() of a command that checks for the store itself)
        return StoreError(f"{exc.filename}: cannot read the data folder ({exc.strerror or exc}); set RNNQUIZ_HOME to a folder you can read")
    return None


def _in_data_dir(filename: str) -> bool:
    try:
        home = str(paths.data_dir())
    except Exception:  # noqa: BLE001 - the error path must not raise
        return False
    return filename == home or filename.startswith(home.rstrip("/") + "/")


def _store_error(path: Path, exc: Exception) -> StoreError:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return StoreError(f"{path}: the data folder is read-only ({text}); set RNNQUIZ_HOME to a writable folder")
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return StoreError(f"{path}: not a readable rnnquiz database ({text}); it was left untouched — move it aside to start afresh")
    if "disk is full" in text or "disk I/O" in text:
        return StoreError(f"{path}: the disk is full or failing ({text}); nothing more was written")
    if "no such table" in text or "no such column" in text:
        return StoreError(f"{path}: the store is damaged ({text}); run `rnnquiz doctor`")
    if "locked" in text or "busy" in text:
        return StoreError(f"{path}: the database is busy (another rnnquiz is writing); try again")
    return StoreError(f"{path}: {text}")


def schema_version(db: sqlite3.Connection) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite3.Connection, path: Path, migrations: list[Migration] | None = None) -> None:
    """Run the migrations this database has not seen, all in one transaction (all or none)."""
    migrations = MIGRATIONS if migrations is None else migrations
    version = schema_version(db)
    if version > len(migrations):
        raise StoreError(
            f"{path}: the database has schema version {version}, newer than this rnnquiz knows "
            f"({len(migrations)}); upgrade rnnquiz — the file was left untouched"
        )
    if version == len(migrations):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(db)  # another process may have migrated while we waited
        for number in range(version, len(migrations)):
            migrations[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")
        db.commit()
    except BaseException:
        db.rollback()
        raise


def store_exists(path: Path | None = None) -> bool:
    """Whether there is a store file, checking the data folder on the way: a RNNQUIZ_HOME that is a file, a
    folder the user may not enter, or a store that is a folder is a StoreError (exit 4), never a traceback
    and never an empty history."""
    path = path or paths.db_path()
    home = path.parent
    try:
        st = home.stat()
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        raise StoreError(f"{home}: cannot create the data folder inside a file (not a folder); set RNNQUIZ_HOME to a folder") from None
    except OSError as exc:
        raise StoreError(f"{home}: cannot open the data folder ({exc.strerror or exc}); set RNNQUIZ_HOME to a folder you can read") from None
    if st is None:
        return False
    if not stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{home}: the data folder is a file, not a folder; set RNNQUIZ_HOME to a folder")
    try:
        st = path.stat()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the store ({exc.strerror or exc}); set RNNQUIZ_HOME to a folder you can read") from None
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path}: the store is a folder, not a database file; move it aside to start afresh")
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(f"{path}: the store is not a regular file; move it aside to start afresh")
    return True


def open_readonly(path: Path | None = None) -> Store:
    """The store for a command that only reads (due, stats): the file when there is one (nothing is
    written to it), else an empty store in memory, so that no file is created."""
    path = path or paths.db_path()
    if store_exists(path):
        return open_store(path)
    db = sqlite3.connect(":memory:", isolation_level=None)
    migrate(db, path)
    db.row_factory = sqlite3.Row
    return Store(db, path)


def open_store(path: Path | None = None, *, create: bool = True) -> Store:
    """Open (and create and migrate) the store. Raises StoreError with a one-line message.

    A store that cannot be opened for writing (a read-only file or data folder, a full disk: SQLite's WAL
    needs its `-shm`) is opened read-only, so that reading commands still work; any write then fails as a
    StoreError (exit 4) before it starts."""
    path = path or paths.db_path()
    exists = store_exists(path)
    if not create and not exists:
        raise StoreError(f"{path}: no store yet")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path.parent}: cannot create the data folder ({exc.strerror}); set RNNQUIZ_HOME to a writable folder") from None
    db: sqlite3.Connection | None = None
    try:
        # isolation_level=None: we BEGIN ourselves; sqlite3's implicit transactions would hide them
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _journal_mode_wal(db)
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        migrate(db, path)
    except sqlite3.DatabaseError as exc:
        if db is not None:
            db.close()
        if exists and _cannot_write(exc):
            return _open_readonly_file(path, exc)
        raise _store_error(path, exc) from None
    except OSError as exc:
        if db is not None:
            db.close()
        raise StoreError(f"{path}: {exc.strerror or exc}") from None
    db.row_factory = sqlite3.Row
    return Store(db, path)


def _room_beside(path: Path, size: int = 64 * 1024) -> None:
    """Whether the store's folder takes `size` more bytes: a full disk (ENOSPC) or a file-size limit (EFBIG)
    is a StoreError here, before a session asks anything, instead of at its first commit."""
    import os
    import tempfile

    fd, name = -1, ""
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".rnnquiz-room-", suffix=".tmp")
        left = memoryview(b"\0" * size)
        while left:  # a file-size limit shows as a short write first, then EFBIG
            left = left[os.write(fd, left):]
        os.fsync(fd)
    except OSError as exc:
        raise StoreError(f"{path}: the disk is full or failing ({exc.strerror or exc}); nothing was written") from None
    finally:
        if fd >= 0:
            os.close(fd)
        if name:
            try:
                os.unlink(name)
            except OSError:
                pass


def _journal_mode_wal(db: sqlite3.Connection) -> None:
    """Switch the file to WAL, waiting for other processes as a write would.

    SQLite answers "database is locked" to this pragma at once, without calling the busy handler, while
    another connection holds the file (two sessions starting on a new store both switch it); so it is
    retried here until BUSY_TIMEOUT_MS. Once a file is in WAL mode it stays so, and the pragma is a read."""
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _cannot_write(exc: Exception) -> bool:
    text = str(exc)
    return any(w in text for w in ("readonly", "read-only", "unable to open", "disk is full", "disk I/O"))


def _open_readonly_file(path: Path, first: Exception) -> Store:
    """The store opened read-only: `mode=ro`, else (no `-shm` can be made next to it) `immutable=1`."""
    from urllib.parse import quote

    uri = "file:" + quote(str(path.resolve()))
    last: Exception = first
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        db = None
        try:
            db = sqlite3.connect(uri + query, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = schema_version(db)
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            if db is not None:
                db.close()
            last = exc
            if not _cannot_write(exc) and "locked" not in str(exc):
                raise _store_error(path, exc) from None
            continue
        if version != len(MIGRATIONS):
            db.close()
            if version > len(MIGRATIONS):
                raise StoreError(
                    f"{path}: the database has schema version {version}, newer than this rnnquiz knows "
                    f"({len(MIGRATIONS)}); upgrade rnnquiz — the file was left untouched"
                )
            raise StoreError(
                f"{path}: the store is read-only ({first}) and of schema version {version}, not {len(MIGRATIONS)}; "
                "it was left untouched — make the data folder writable once to upgrade it"
            )
        db.row_factory = sqlite3.Row
        return Store(db, path, readonly=first)
    raise _store_error(path, last if isinstance(last, sqlite3.Error) else sqlite3.OperationalError(str(last)))
