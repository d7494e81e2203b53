"""Which files make a bank: kept apart from load.py so the cache key is computed without the schema.

Only regular files are bank files; a folder that cannot be listed, a symlink loop or a device is named
as it is (read_bank_bytes says why), never followed into a hang or a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

BANK_SUFFIXES = (".yaml", ".yml", ".json")
SPECIAL_FILES = {"claims.yaml", "glossary.yaml"}


class UnreadableBank(Exception):
    """A bank path that cannot be read; the message says why in a few words."""


def safe_resolve(path: Path) -> Path:
    """`path.resolve()`, or its absolute form when resolving fails (a symlink loop raises RuntimeError)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def bank_files(path: Path) -> list[Path]:
    """A bank file, or the bank files in a folder (sorted; claims.yaml and glossary.yaml excluded).

    A folder that cannot be listed is returned as itself, so reading it reports why."""
    try:
        is_dir = stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):
        return [path]
    if not is_dir:
        return [path]
    try:
        with os.scandir(path) as entries:
            found = []
            for entry in entries:
                name = entry.name
                if not name.endswith(BANK_SUFFIXES) or name in SPECIAL_FILES:
                    continue
                try:
                    if entry.is_dir():
                        continue
                except OSError:
                    pass  # unknown: reading it says why
                found.append(Path(entry.path))
    except OSError:
        return [path]
    return sorted(found)


def read_bank_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a bank file, read only when it is a regular file of at most `limit` bytes.

    A FIFO would block, /dev/zero would never end: both are refused before opening. Raises UnreadableBank.
    """
    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableBank("a symlink loop") from None
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise UnreadableBank("a broken symlink (its target does not exist)") from None
        raise UnreadableBank(_why(exc)) from None
    except ValueError as exc:  # an embedded NUL in the path
        raise UnreadableBank(str(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        try:
            os.listdir(path)
        except OSError as exc:
            raise UnreadableBank(f"cannot list the folder: {_why(exc)}") from None
        raise UnreadableBank("is a folder")  # pragma: no cover - bank_files lists folders it can read
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a socket"
        raise UnreadableBank(f"not a regular file ({kind})")
    if st.st_size > limit:
        raise UnreadableBank(f"file is {st.st_size:,} bytes; the limit is {limit:,} (2 MiB)")
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise UnreadableBank(_why(exc)) from None
    if len(data) > limit:  # it grew between stat and read
        raise UnreadableBank(f"file is more than {limit:,} bytes (2 MiB)")
    return data


def _why(exc: OSError) -> str:
    return f"cannot read: {exc.strerror or exc}"
