"""A cache of the loaded Catalog, so a quiz shows its first question without parsing every YAML file.

The key covers what the catalog is built from: every bank file, claims.yaml and glossary.yaml (path, size,
mtime), the user-bank paths, the proof ids, the loader's own source files and the rnnquiz version. Any
change gives a new key; a missing, stale or unreadable cache is rebuilt silently. The cache lives in
`paths.cache_dir()` (under RNNQUIZ_HOME, as private as the store), written atomically.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path

from rnnquiz.bank.load import Catalog, bank_files, load_catalog

PREFIX = "catalog-"


def _key(user_paths: Sequence[Path]) -> str:
    from rnnquiz import __version__, paths
    from rnnquiz.proofs.registry import PROOFS

    content = paths.content_dir()
    files = [content / "claims.yaml", content / "glossary.yaml", *bank_files(content)]
    for p in user_paths:
        files += bank_files(p) if p.exists() else [p]
    here = Path(__file__).resolve().parent
    files += [here / name for name in ("load.py", "schema.py", "yamlsafe.py", "generators.py", "cache.py")]
    parts = [__version__, " ".join(sorted(PROOFS)), "\0".join(str(p) for p in user_paths)]
    for f in files:
        try:
            st = f.stat()
            parts.append(f"{f.resolve()}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{f}:missing")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def cached_catalog(user_paths: Sequence[Path] = ()) -> Catalog:
    """`load_catalog(user_paths)`, from the cache when nothing it depends on has changed."""
    from rnnquiz import paths

    try:
        key = _key(user_paths)
    except OSError:
        return load_catalog(user_paths)
    folder = paths.cache_dir()
    target = folder / f"{PREFIX}{key}.pickle"
    import gc

    # A large bank is hundreds of thousands of small objects: the cyclic GC firing while they are
    # unpickled costs about 3x, and none of them is garbage.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with target.open("rb") as fh:
            cat = pickle.load(fh)
        if isinstance(cat, Catalog):
            return cat
    except Exception:  # missing, truncated, or written by another version: rebuild  # noqa: BLE001
        pass
    finally:
        if enabled:
            gc.enable()
    cat = load_catalog(user_paths)
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".catalog-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(cat, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
        for old in folder.glob(f"{PREFIX}*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only data folder only costs speed
    return cat
