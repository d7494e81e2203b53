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
