"""Run a candidate's file in a separate, limited process and bring back its results as data.

The file is copied into a fresh temporary folder and run there by ``_child.py`` under ``python -I`` (no
user site, no PYTHON* variables, the folder not on sys.path), in its own session so that a timeout kills
everything it started. Inputs go in and results come out as JSON data (never pickles): rnnquiz never
imports, unpickles or evaluates anything of the candidate's. See ``_child.py`` for the limits it sets and
what they do not cover. No NumPy here: the parent's side only moves JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHILD = Path(__file__).with_name("_child.py")
MAX_SOURCE_BYTES = 1_000_000
MAX_OUTPUT_BYTES = 32 * 1024 * 1024
_RUNNING: set[int] = set()  # process groups of children still running (killed on Ctrl-C)


def kill_running() -> None:
    """Kill every sandboxed child still running (the caller was interrupted)."""
    for pgid in list(_RUNNING):
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


@dataclass
class Limits:
    seconds: float = 5.0
    memory_mb: int = 512
    file_bytes: int = MAX_OUTPUT_BYTES


@dataclass
class Failure:
    """Why the run gave no (or not every) result: kind is syntax | exception | memory | timeout | missing |
    crashed | file. ``line`` is in the candidate's file."""

    kind: str
    message: str
    line: int | None = None
    column: int | None = None
    type: str = ""
    stage: str = "load"
    source_line: str = ""


@dataclass
class Run:
    guard: str = ""  # "seccomp+audit" or "audit": what kept the network out
    load: Failure | None = None  # the file could not be run at all
    cases: dict[str, dict[str, Any]] = field(default_factory=dict)  # case id -> {"result" | "error", ...}
    printed: str = ""  # what the candidate printed (first lines, control characters removed)
    printed_lines: int = 0  # how many lines it printed in all
    seconds: float = 0.0


def _clean(text: str, limit: int = 2000) -> str:
    """Printable text only: no escape sequences from the candidate's output reach the terminal."""
    out = "".join(ch if ch in "\n\t" or (ch.isprintable()) else "?" for ch in text[:limit])
    return out


def _failure(raw: dict[str, Any], lines: list[str]) -> Failure:
    line = raw.get("line")
    src = lines[line - 1].rstrip() if isinstance(line, int) and 0 < line <= len(lines) else ""
    return Failure(kind=str(raw.get("kind", "exception")), message=_clean(str(raw.get("message", "")), 500),
                   line=line if isinstance(line, int) else None,
                   column=raw.get("column") if isinstance(raw.get("column"), int) else None,
                   type=_clean(str(raw.get("type", "")), 80), stage=str(raw.get("stage", "call")),
                   source_line=_clean(src, 200))


def _protected() -> list[str]:
    """Folders no read-only root of the child may contain (Landlock cannot carve them out of one): the
    store's folder and the user's home."""
    out = []
    try:
        from rnnquiz import paths

        out.append(str(paths.data_dir().expanduser().resolve()))
    except Exception:  # noqa: BLE001  no store folder to protect is no reason not to run
        pass
    out.append(str(Path.home().resolve()) if os.environ.get("HOME") else "")
    return [p for p in out if p]


def _timeout_line(dump: str, path: str) -> int | None:
    """The innermost line of the candidate's file in faulthandler's dump (most recent call first)."""
    needle = f'File "{path}", line '
    for ln in dump.splitlines():
        ln = ln.strip()
        if ln.startswith(needle):
            try:
                return int(ln[len(needle):].split()[0])
            except ValueError:
                return None
    return None


def run_candidate(source: Path, function: str, cases: list[dict[str, Any]], limits: Limits | None = None) -> Run:
    """Run ``function`` of the file ``source`` on every case (``{"id", "args": {name: encoded}}``)."""
    limits = limits or Limits()
    text = source.read_bytes()[:MAX_SOURCE_BYTES + 1]
    if len(text) > MAX_SOURCE_BYTES:
        return Run(load=Failure("file", f"the file is larger than {MAX_SOURCE_BYTES // 1000} kB"))
    lines = text.decode("utf-8", errors="replace").splitlines()
    with tempfile.TemporaryDirectory(prefix="rnnquiz-drill-") as tmp:
        work = Path(tmp)
        shutil.copyfile(source, work / "candidate.py")
        spec = {"function": function, "candidate": "candidate.py", "cases": cases, "protect": _protected(),
                "limits": {"seconds": limits.seconds, "memory_mb": limits.memory_mb, "file_bytes": limits.file_bytes}}
        (work / "input.json").write_text(json.dumps(spec), encoding="utf-8")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tmp, "LANG": "C.UTF-8",
               "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
        for keep in ("OPENBLAS_CORETYPE", "TMPDIR", "SYSTEMROOT"):  # the same BLAS kernel as the parent
            if keep in os.environ:
                env[keep] = os.environ[keep]
        t0 = time.perf_counter()
        with open(work / "stdout.txt", "wb") as out, open(work / "stderr.txt", "wb") as err:
            proc = subprocess.Popen([sys.executable, "-I", str(CHILD), tmp], cwd=tmp, env=env,
                                    stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)
            _RUNNING.add(proc.pid)
            timed_out = False
            try:
                proc.wait(timeout=limits.seconds + 3.0)  # the child's own watchdog fires first
            except subprocess.TimeoutExpired:
                timed_out = True
            finally:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)  # whatever it started goes too
                except (ProcessLookupError, PermissionError):
                    pass
                proc.wait()
                _RUNNING.discard(proc.pid)
        seconds = time.perf_counter() - t0
        printed = _clean((work / "stdout.txt").read_bytes()[:4000].decode("utf-8", "replace"))
        cand_path = str(work / "candidate.py")
        dump = (work / "timeout.txt").read_text(encoding="utf-8", errors="replace") if (work / "timeout.txt").exists() else ""
        output = work / "output.json"
        if timed_out or (dump.strip() and not output.exists()):
            line = _timeout_line(dump, cand_path)
            src = lines[line - 1].rstrip() if line and 0 < line <= len(lines) else ""
            return Run(load=Failure("timeout", f"no result within {limits.seconds:g} s", line=line, stage="call",
                                    source_line=_clean(src, 200)), printed=printed, seconds=seconds)
        if not output.exists() or output.stat().st_size > MAX_OUTPUT_BYTES:
            rc = proc.returncode
            why = (f"killed by signal {signal.Signals(-rc).name}" if rc is not None and rc < 0 else f"exit status {rc}")
            if rc == -signal.SIGXCPU:
                why = "CPU time limit reached"
            tail = _clean((work / "stderr.txt").read_bytes()[-600:].decode("utf-8", "replace"), 600).strip()
            msg = f"the process ended without a result ({why})" + (f": {tail.splitlines()[-1]}" if tail else "")
            return Run(load=Failure("crashed", msg, stage="call"), printed=printed, seconds=seconds)
        try:
            doc = json.loads(output.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            doc = None
    unreadable = Run(load=Failure("crashed", "the result file is not readable (did the code write to it?)"),
                     printed=printed, seconds=seconds)
    if not isinstance(doc, dict):
        return unreadable
    try:
        return _parse(doc, lines, printed, seconds)
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError):
        return unreadable


def _parse(doc: dict[str, Any], lines: list[str], printed: str, seconds: float) -> Run:
    """The child's output.json as a Run; the file is the candidate's to scribble on, so check every type."""
    run = Run(guard=_clean(str(doc.get("guard", "")), 40), printed=printed, seconds=seconds)
    total = doc.get("printed_lines")
    run.printed_lines = total if isinstance(total, int) and not isinstance(total, bool) and total >= 0 else 0
    if doc.get("load"):
        if not isinstance(doc["load"], dict):
            raise TypeError("load")
        run.load = _failure(doc["load"], lines)
        return run
    cases = doc.get("cases", [])
    if not isinstance(cases, list):
        raise TypeError("cases")
    for entry in cases:
        if not isinstance(entry, dict) or "id" not in entry:
            continue
        clean: dict[str, Any] = {"id": str(entry["id"])}
        if isinstance(entry.get("error"), dict):
            clean["error"] = _failure(entry["error"], lines)
        elif "result" in entry:
            clean["result"] = entry["result"]
        changed, warns = entry.get("changed", []), entry.get("warnings", [])
        clean["changed"] = [_clean(str(c), 40) for c in changed] if isinstance(changed, list) else []
        clean["warnings"] = [_clean(str(w), 200) for w in warns[:5]] if isinstance(warns, list) else []
        run.cases[clean["id"]] = clean
    return run
