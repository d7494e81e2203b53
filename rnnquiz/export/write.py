"""The one way exports reach the disk: checked target, temp file in the target's folder, fsync, rename.

An export never clobbers what it must not: a folder, the store (`rnnquiz.sqlite3` and its `-wal`,
`-shm`, `-journal` files) or the data folder's internals (the catalog cache) are refused before anything
is written (exit 2). A regular file is replaced only once the new one is complete and on disk, so a full
disk or an interrupted export leaves the old file as it was; the failure is one line, exit 4. A device or
FIFO (`/dev/stdout`, `/dev/null`) is written directly: there is nothing to rename there.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rnnquiz.errors import ExitCode, RnnquizError, UsageError


def _resolved(path: Path) -> Path:
    from rnnquiz.bank.files import safe_resolve

    return safe_resolve(path.expanduser())


def check_target(path: Path, option: str = "--out") -> None:
    """Refuse (exit 2) a target that is a folder, the store or its side files, or inside the cache."""
    from rnnquiz import paths

    target = _resolved(path)
    try:
        os.stat(target)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:  # a name too long, a symlink loop
        raise RnnquizError(f"cannot write {path}: {getattr(exc, 'strerror', None) or exc}; nothing was written", ExitCode.STORE) from None
    if target.is_dir():
        raise UsageError(f"{option} {path} is a folder; give a file name, like {Path(path) / 'rnnquiz-export'}")
    home = _resolved(paths.data_dir())
    db = _resolved(paths.db_path())
    store_files = {db.parent / (db.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")}
    inside_cache = target == _resolved(paths.cache_dir()) or _resolved(paths.cache_dir()) in target.parents
    same_as_store = False
    if target.exists() and db.exists():
        try:
            same_as_store = os.path.samefile(target, db)  # a hard link to the store
        except OSError:
            pass
    if target in store_files or same_as_store or target == home or inside_cache:
        raise UsageError(f"{option} {path} is rnnquiz's own data ({home}); write it somewhere else")


def _fail(path: Path, exc: BaseException, existed: bool) -> RnnquizError:
    why = getattr(exc, "strerror", None) or str(exc)
    kept = f"{path} is unchanged" if existed else "nothing was written"
    return RnnquizError(f"cannot write {path}: {why}; {kept}", ExitCode.STORE)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path to write the whole export to; on success it becomes `path` (fsync, rename).

    On any failure the temporary file is removed and `path` is left as it was; an OSError becomes a
    one-line RnnquizError (exit 4)."""
    check_target(path)
    try:
        st = path.stat()
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):  # /dev/null, /dev/stdout, a FIFO: write straight
        with tempfile.TemporaryDirectory(prefix="rnnquiz-export-") as scratch:
            tmp = Path(scratch) / "export"
            yield tmp
            try:
                with open(tmp, "rb") as src, open(path, "wb") as dst:
                    while chunk := src.read(1 << 20):
                        dst.write(chunk)
            except OSError as exc:
                raise _fail(path, exc, existed=False) from None
        return
    existed = st is not None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".rnnquiz-export-", suffix=".tmp")
        os.close(fd)
    except OSError as exc:
        raise _fail(path, exc, existed) from None
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if st is not None:
            mode = stat.S_IMODE(st.st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _fail(path, exc, existed) from None
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        # genanki builds the package in a scratch SQLite file in the temp folder: a full disk there is
        # sqlite3.OperationalError ("database or disk is full", "disk I/O error"), not OSError.
        if type(exc).__module__ == "sqlite3":
            raise _fail(path, exc, existed) from None
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is done
    finally:
        os.close(fd)


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (see `atomic_path`)."""
    with atomic_path(path) as tmp:
        try:
            tmp.write_bytes(data)
        except OSError as exc:
            raise _fail(path, exc, path.is_file()) from None


def write_text(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically (see `atomic_path`)."""
    write_bytes(path, text.encode("utf-8"))


def write_stdout(text: str) -> None:
    """`-o -`: the export on stdout. At a terminal, control, invisible and bidi characters from imported
    ids and answers are shown escaped (`\\x1b`), never sent raw; a pipe or a file gets the data as is."""
    import sys

    if sys.stdout is None:  # `>&-`: Python has no stdout at all
        raise RnnquizError("cannot write to stdout: it is closed; give a file name with --out", ExitCode.STORE)
    if sys.stdout.isatty():
        from rnnquiz.textsafe import escape

        text = escape(text)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise RnnquizError(f"cannot write to stdout: {exc.strerror or exc}; the export is incomplete",
                           ExitCode.STORE) from None
