"""Shared by the drill tests: write a candidate file, and an in-process stand-in for the sandbox that runs
a Python function (a known wrong variant) on the grader's cases, so every variant can be graded fast."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import numpy as np

from rnnquiz.drills import _helpers
from rnnquiz.drills.sandbox import Failure, Run


def write(tmp_path: Path, source: str, name: str = "candidate.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def _decode(v: dict[str, Any]) -> Any:
    t = v["t"]
    if t == "a":
        return np.array(v["v"], dtype=v["dtype"]).reshape(v["shape"])
    if t == "d":
        return {k: _decode(x) for k, x in v["v"].items()}
    if t == "fn":
        return getattr(_helpers, v["v"])
    return v.get("v")


def _encode(x: Any) -> dict[str, Any]:
    if isinstance(x, tuple | list):
        return {"t": "l", "v": [_encode(i) for i in x]}
    if isinstance(x, dict):
        return {"t": "d", "v": {k: _encode(i) for k, i in x.items()}}
    if isinstance(x, bool | np.bool_):
        return {"t": "b", "v": bool(x)}
    if isinstance(x, int | np.integer):
        return {"t": "i", "v": int(x)}
    if isinstance(x, float | np.floating):
        return {"t": "f", "v": float(x)}
    a = np.asarray(x, dtype=float)
    return {"t": "a", "v": a.ravel().tolist(), "shape": list(a.shape), "dtype": "float64"}


def in_process(fn):
    """A run_candidate replacement that calls ``fn`` in this process (tests only: never for user code)."""

    def run(path, function, payload, limits=None):
        cases = {}
        for c in payload:
            args = {k: _decode(v) for k, v in c["args"].items()}
            entry: dict[str, Any] = {"id": c["id"], "changed": [], "warnings": []}
            try:
                with np.errstate(all="ignore"):
                    entry["result"] = _encode(fn(*args.values()))
            except Exception as exc:  # a variant that raises on an edge case: an error result, like the child's
                entry["error"] = Failure("exception", str(exc), type=type(exc).__name__, stage="call")
            cases[c["id"]] = entry
        return Run(guard="in-process", cases=cases)

    return run
