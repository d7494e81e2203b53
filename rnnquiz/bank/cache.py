"""A cache of the loaded Catalog, so a quiz shows its first question without parsing every YAML file.

The key covers what the catalog is built from: every bank file, claims.yaml and glossary.yaml (path, size,
mtime), the user-bank paths, the proof registry (whose ids the loader checks), the loader's own source files
and the rnnquiz version. Any
change gives a new key; a missing, stale or unreadable cache is rebuilt silently. The cache lives in
`paths.cache_dir()` (under RNNQUIZ_HOME, as private as the store), written atomically.

Beside the full catalog (`catalog-KEY.pickle`) lies its light index (`index-KEY.pickle`, see
rnnquiz/bank/index.py) for the commands that never show a question: same key, written with it, and
files of any other key are removed. `cached_index` imports neither the loader nor the schema.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rnnquiz.bank.files import bank_files
from rnnquiz.bank.index import CatalogIndex

if TYPE_CHECKING:
    from rnnquiz.bank.load import Catalog

PREFIX = "catalog-"
INDEX_PREFIX = "index-"
SOURCES = ("load.py", "schema.py", "yamlsafe.py", "generators.py", "files.py", "index.py", "cache.py")


def _key(user_paths: Sequence[Path]) -> str:
    from rnnquiz import __version__, paths

    content = paths.content_dir()
    files = [content / "claims.yaml", content / "glossary.yaml", *bank_files(content)]
    for p in user_paths:
        files += bank_files(p) if p.exists() else [p]
    here = Path(__file__).resolve().parent
    files += [here / name for name in SOURCES]
    # The proof ids are a literal table in registry.py: its stat stands for them, without importing it
    # (and the schema it imports) on every command.
    files.append(here.parent / "proofs" / "registry.py")
    parts = [__version__, "\0".join(str(p) for p in user_paths)]
    for f in files:
        try:
            st = f.stat()
            parts.append(f"{f.resolve()}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{f}:missing")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _read(target: Path) -> Any:
    """The unpickled file, or None when it is missing, truncated or unreadable."""
    import gc

    # A large bank is hundreds of thousands of small objects: the cyclic GC firing while they are
    # unpickled costs about 3x, and none of them is garbage.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with target.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, truncated, or written by another version: rebuild  # noqa: BLE001
        return None
    finally:
        if enabled:
            gc.enable()


def _write(folder: Path, key: str, files: dict[str, Any]) -> None:
    """Write {prefix: object} atomically as PREFIX-KEY.pickle, then remove the files of other keys."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        for prefix, obj in files.items():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{prefix}", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fh:
                    pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, folder / f"{prefix}{key}.pickle")
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        for prefix in (PREFIX, INDEX_PREFIX):
            keep = folder / f"{prefix}{key}.pickle"
            for old in folder.glob(f"{prefix}*.pickle"):
                if old != keep:
                    old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only data folder only costs speed


def _load_and_store(user_paths: Sequence[Path], folder: Path, key: str) -> Catalog:
    from rnnquiz.bank.load import load_catalog

    cat = load_catalog(user_paths)
    _write(folder, key, {PREFIX: cat, INDEX_PREFIX: CatalogIndex.from_catalog(cat).to_plain()})
    return cat


def cached_catalog(user_paths: Sequence[Path] = ()) -> Catalog:
    """`load_catalog(user_paths)`, from the cache when nothing it depends on has changed."""
    from rnnquiz import paths
    from rnnquiz.bank.load import Catalog, load_catalog

    try:
        key = _key(user_paths)
    except OSError:
        return load_catalog(user_paths)
    folder = paths.cache_dir()
    cat = _read(folder / f"{PREFIX}{key}.pickle")
    if isinstance(cat, Catalog):
        return cat
    return _load_and_store(user_paths, folder, key)


def cached_index(user_paths: Sequence[Path] = ()) -> CatalogIndex:
    """`CatalogIndex.from_catalog(cached_catalog(user_paths))`, without unpickling the full catalog when
    its index is cached (the index is rebuilt from the full catalog, cached or parsed, when it is not)."""
    from rnnquiz import paths

    try:
        key = _key(user_paths)
    except OSError:
        from rnnquiz.bank.load import load_catalog

        return CatalogIndex.from_catalog(load_catalog(user_paths))
    folder = paths.cache_dir()
    index = CatalogIndex.from_plain(_read(folder / f"{INDEX_PREFIX}{key}.pickle"))
    if index is not None:
        return index
    from rnnquiz.bank.load import Catalog

    cat = _read(folder / f"{PREFIX}{key}.pickle")
    if isinstance(cat, Catalog):
        index = CatalogIndex.from_catalog(cat)
        _write(folder, key, {INDEX_PREFIX: index.to_plain()})
        return index
    return CatalogIndex.from_catalog(_load_and_store(user_paths, folder, key))
