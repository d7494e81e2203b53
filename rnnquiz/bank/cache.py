"""A cache of the loaded Catalog as JSON, keyed by the content of everything it is built from.

Why a cache at all: parsing and checking the YAML banks is most of a quiz's start (the bundled banks:
about half of `rnnquiz list`; a 10,000-question user bank: seconds). `benchmarks/bench_startup.py`,
`quiz_first_question.py` and `bench_review.py` measure it with and without (RNNQUIZ_NO_CACHE=1, which `paths.cache_enabled` reads).

Why not a pickle: unpickling runs code, and the data folder is writable. This file is JSON, read with
`json.loads`; the only objects it can create are the bank's own dataclasses (schema, Problem, Pos,
Catalog) and the loader's LocDict/LocList, filled field by field: no constructor, no import, no code.

The key is a blake2b of the bytes of every bank file, claims.yaml and glossary.yaml, the user-bank
paths, the loader's source files, the proof registry and the rnnquiz version: editing a bank (even
keeping its size and mtime) gives a new key. A missing, stale or unreadable cache is rebuilt silently;
files of other keys are removed. Written atomically in `paths.cache_dir()`.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rnnquiz.bank.files import bank_files
from rnnquiz.bank.schema import _lazy_data
from rnnquiz.bank.yamlsafe import MAX_BYTES
from rnnquiz.blake import blake2b

if TYPE_CHECKING:
    from rnnquiz.bank.load import Catalog

PREFIX = "catalog-"
SUFFIX = ".json"
FORMAT = 2  # bump when the encoding below changes
SOURCES = ("load.py", "schema.py", "yamlsafe.py", "generators.py", "files.py", "cache.py")
TAG = "~"  # the key that marks an encoded object; a bank dict that has it is escaped


def _key(user_paths: Sequence[Path]) -> str:
    from rnnquiz import __version__, paths

    content = paths.content_dir()
    files = [content / "claims.yaml", content / "glossary.yaml", *bank_files(content)]
    for p in user_paths:
        files += bank_files(p) if p.exists() else [p]
    here = Path(__file__).resolve().parent
    files += [here / name for name in SOURCES]
    files.append(here.parent / "proofs" / "registry.py")  # the proof ids the loader checks
    h = blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{__version__}\0".encode())
    h.update("\0".join(str(p) for p in user_paths).encode("utf-8", "surrogateescape"))
    for f in files:
        h.update(b"\0" + str(f).encode("utf-8", "surrogateescape") + b"\0")
        try:
            if not f.is_file():
                h.update(b"missing")
            elif (st := f.stat()).st_size > MAX_BYTES:  # the loader refuses it unread: never read it here either
                h.update(f"oversized {st.st_size} {st.st_mtime_ns}".encode())
            else:
                h.update(f.read_bytes())
        except OSError:
            h.update(b"unreadable")
    return h.hexdigest()


# --- the encoding -----------------------------------------------------------------------------------


def _classes() -> dict[str, type]:
    """The classes a cache may hold, by name: the schema's dataclasses and the loader's."""
    from rnnquiz.bank import load, schema, yamlsafe

    out: dict[str, type] = {}
    for module in (schema, load, yamlsafe):
        for name, value in vars(module).items():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                out[name] = value
    return out


def _tuple_fields(cls: type) -> tuple[dict[str, str], ...]:
    """(fields annotated tuple[...], fields annotated dict[str, tuple[...]]): written as plain lists, turned
    back into tuples from the annotation, which is faster than tagging every tuple."""
    plain, in_dict = {}, {}
    for f in dataclasses.fields(cls):
        kind = str(f.type).replace(" ", "")
        if kind.startswith("tuple[") and "tuple[" not in kind[6:]:
            plain[f.name] = kind
        elif kind.startswith("dict[str,tuple[") and kind.count("tuple[") == 1:
            in_dict[f.name] = kind
    return plain, in_dict


def _encode(o: Any) -> Any:
    """Plain JSON values as they are; a tuple as {"~": "tuple"}; a dataclass as {"~": name, field: value};
    a dict that has the "~" key (or keys that are not text) escaped. The loader's LocDict/LocList (generator
    parameters) become plain dicts and lists: their source positions only serve validation."""
    if o is None or isinstance(o, str | bool | int | float):
        return o
    if isinstance(o, list):
        return [_encode(v) for v in o]
    if isinstance(o, tuple) and not dataclasses.is_dataclass(o):
        return {TAG: "tuple", "v": [_encode(v) for v in o]}
    if isinstance(o, dict):
        if TAG in o or not all(type(k) is str for k in o):
            return {TAG: "dict", "v": [[_encode(k), _encode(v)] for k, v in o.items()]}
        return {k: _encode(v) for k, v in o.items()}
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        plain, in_dict = _tuple_fields(type(o))
        out: dict[str, Any] = {TAG: type(o).__name__}
        lazy = getattr(type(o), "__getattr__", None) is _lazy_data
        for f in dataclasses.fields(o):
            if lazy and f.name == "data":
                continue  # written apart, as one JSON text (see dumps)
            v = getattr(o, f.name)
            if f.name in plain and isinstance(v, tuple):
                out[f.name] = [_encode(x) for x in v]
            elif f.name in in_dict and isinstance(v, dict) and all(isinstance(x, tuple) for x in v.values()):
                out[f.name] = {k: [_encode(x) for x in xs] for k, xs in v.items()}
            else:
                out[f.name] = _encode(v)
        return out
    raise TypeError(f"cannot cache a {type(o).__name__}")


def _decoder(classes: dict[str, type]):
    new = object.__new__
    fields = {name: _tuple_fields(cls) for name, cls in classes.items()}

    def hook(d: dict[str, Any]) -> Any:
        tag = d.pop(TAG, None)
        if tag is None:
            return d
        if tag == "tuple":
            return tuple(d["v"])
        if tag == "dict":
            return {k: v for k, v in d["v"]}
        cls = classes[tag]  # KeyError: not a class this cache may hold → the cache is rebuilt
        plain, in_dict = fields[tag]
        for k in plain:
            if k in d:
                d[k] = tuple(d[k])
        for k in in_dict:
            if k in d:
                d[k] = {key: tuple(v) for key, v in d[k].items()}
        obj = new(cls)
        obj.__dict__.update(d)  # field by field, without running __init__ (frozen dataclasses included)
        return obj

    return hook


class _RawData:
    """The banks' and questions' raw `data` of a cached catalog: one JSON text, decoded when the first
    object asks for its `data` (schema._lazy_data). A quiz or review never does, so it parses about half
    of the cache (benchmarks/quiz_first_question.py)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.docs: dict[str, Any] | None = None

    def get(self, obj: Any, key: tuple[Any, ...]) -> dict[str, Any]:
        if self.docs is None:
            self.docs = json.loads(self.text)
        if key[0] == "q":
            return self.docs["questions"][key[1]][key[2]]
        return {**self.docs["banks"][key[1]], "questions": [q.data for q in obj.questions]}


def dumps(cat: Catalog) -> str:
    """The catalog as JSON. `questions` is written as ids (its values are the banks' own objects); the raw
    `data` of banks (without their question list) and questions as one JSON text under "data", which
    `loads` leaves undecoded until asked."""
    plain = {f.name: getattr(cat, f.name) for f in dataclasses.fields(cat) if f.name not in ("questions", "banks")}
    raw = {
        "banks": [{k: v for k, v in b.data.items() if k != "questions"} for b in cat.banks],
        "questions": [[q.data for q in b.questions] for b in cat.banks],
    }
    doc = {
        "format": FORMAT,
        "catalog": _encode({**plain, "banks": cat.banks}),
        "questions": list(cat.questions),
        "data": json.dumps(raw, ensure_ascii=False, separators=(",", ":")),
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> Catalog:
    """The catalog `dumps` wrote. Raises ValueError, KeyError or TypeError on anything else."""
    from rnnquiz.bank.load import Catalog

    doc = json.loads(text, object_hook=_decoder(_classes()))
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("data"), str):
        raise ValueError("another cache format")
    cat = Catalog(**doc["catalog"])
    raw = _RawData(doc["data"])
    first: dict[str, Any] = {}
    for i, bank in enumerate(cat.banks):
        bank.__dict__["_data_from"] = (raw, ("b", i))
        for j, q in enumerate(bank.questions):
            q.__dict__["_data_from"] = (raw, ("q", i, j))
            first.setdefault(q.id, q)
    cat.questions = {qid: first[qid] for qid in doc["questions"]}
    return cat


# --- reading and writing -----------------------------------------------------------------------------


def _read(target: Path) -> Catalog | None:
    """The cached catalog, or None when the file is missing, truncated or not ours."""
    import gc

    # 10,000 questions are about a million small objects, none of them garbage: the cyclic collector
    # running while they are built doubles the time (bench_review.py, 10,000-question bank).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return loads(target.read_bytes())
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    finally:
        if enabled:
            gc.enable()


def _write(folder: Path, key: str, cat: Catalog) -> None:
    """Write the cache atomically, then remove the files of other keys. A read-only folder costs speed only."""
    import tempfile

    try:
        text = dumps(cat)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{PREFIX}", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, folder / f"{PREFIX}{key}{SUFFIX}")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        keep = folder / f"{PREFIX}{key}{SUFFIX}"
        for old in [*folder.glob(f"{PREFIX}*{SUFFIX}"), *folder.glob("*.pickle")]:  # .pickle: an older rnnquiz's
            if old != keep:
                old.unlink(missing_ok=True)
    except (OSError, TypeError):
        pass


def cached_catalog(user_paths: Sequence[Path] = ()) -> Catalog:
    """`load_catalog(user_paths)`, from the cache when nothing it is built from has changed."""
    from rnnquiz import paths
    from rnnquiz.bank.load import load_catalog

    if not paths.cache_enabled():
        return load_catalog(user_paths)
    try:
        key = _key(user_paths)
    except OSError:
        return load_catalog(user_paths)
    folder = paths.cache_dir()
    cat = _read(folder / f"{PREFIX}{key}{SUFFIX}")
    if cat is not None:
        return cat
    cat = load_catalog(user_paths)
    _write(folder, key, cat)
    return cat
