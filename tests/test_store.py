"""Store: migrations, WAL, settings, newer schema refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rnnquiz import store
from rnnquiz.errors import ExitCode, StoreError


def test_open_creates_and_migrates(rnnquiz_home: Path) -> None:
    with store.open_store() as s:
        assert store.schema_version(s.db) == len(store.MIGRATIONS)
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.db.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS
        s.set_setting("k", "v")
    with store.open_store() as s:
        assert s.get_setting("k") == "v"


def test_migrations_run_once_in_order(tmp_path: Path) -> None:
    calls: list[int] = []
    migs = [lambda db: calls.append(1), lambda db: calls.append(2)]
    db = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    store.migrate(db, tmp_path / "x.db", migs)
    store.migrate(db, tmp_path / "x.db", migs)
    assert calls == [1, 2] and store.schema_version(db) == 2
    migs.append(lambda db: calls.append(3))
    store.migrate(db, tmp_path / "x.db", migs)
    assert calls == [1, 2, 3]


def test_failed_migration_rolls_back(tmp_path: Path) -> None:
    def boom(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE t (x)")
        raise RuntimeError("boom")

    db = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    with pytest.raises(RuntimeError):
        store.migrate(db, tmp_path / "x.db", [boom])
    assert store.schema_version(db) == 0
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 't'").fetchone()[0] == 0


def test_newer_schema_is_refused_untouched(rnnquiz_home: Path) -> None:
    with store.open_store() as s:
        s.db.execute(f"PRAGMA user_version = {len(store.MIGRATIONS) + 5}")
    before = (rnnquiz_home / "rnnquiz.sqlite3").read_bytes()
    with pytest.raises(StoreError) as exc:
        store.open_store()
    assert exc.value.exit_code == ExitCode.STORE and "newer" in exc.value.message
    assert (rnnquiz_home / "rnnquiz.sqlite3").read_bytes() == before


def test_unwritable_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("RNNQUIZ_HOME", str(blocker / "sub"))
    with pytest.raises(StoreError) as exc:
        store.open_store()
    assert "cannot create the data folder" in exc.value.message


def test_nothing_written_before_use(rnnquiz_home: Path) -> None:
    import importlib

    import rnnquiz.cli

    importlib.reload(rnnquiz.cli)
    assert not rnnquiz_home.exists()


def _open_after(path: str, barrier, results) -> None:
    barrier.wait()
    try:
        store.open_store(Path(path)).close()
        results.put("ok")
    except StoreError as exc:
        results.put(str(exc))


@pytest.mark.slow
def test_sessions_starting_together_on_a_new_store_all_open_it(tmp_path: Path) -> None:
    """SQLite refuses the switch to WAL at once ("database is locked", no busy wait) while another
    connection holds the new file; two sessions starting together on a fresh home then failed one of
    them (a CI run caught it). Four processes open one new store at the same instant, twelve times.
    Before the retry, about one round in three lost a process."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    failures: list[str] = []
    for round_ in range(12):
        path = tmp_path / f"round{round_}" / "rnnquiz.sqlite3"
        path.parent.mkdir()
        barrier, results = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_open_after, args=(str(path), barrier, results)) for _ in range(4)]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=60) for _ in procs]
        for p in procs:
            p.join()
        failures += [r for r in outcomes if r != "ok"]
    assert failures == []


def test_the_switch_to_wal_waits_while_the_file_is_locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same race without processes: the pragma answers "locked" twice, then succeeds."""
    from rnnquiz.store import db as store_db

    answers = [sqlite3.OperationalError("database is locked")] * 2

    class Flaky:
        def __init__(self) -> None:
            self.calls = 0

        def execute(self, sql: str):
            self.calls += 1
            if answers:
                raise answers.pop()

    flaky = Flaky()
    store_db._journal_mode_wal(flaky)  # type: ignore[arg-type]
    assert flaky.calls == 3
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 0)
    answers[:] = [sqlite3.OperationalError("database is locked")] * 5
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        store_db._journal_mode_wal(flaky)  # type: ignore[arg-type]
