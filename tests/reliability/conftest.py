"""Fixtures of the reliability run: real processes, a fresh RNNQUIZ_HOME each, hashes before and after.

Every attack of `shared/reviews/2026-12-reliability.md` is one test here, named after its number
(`test_A2_...` for the failures, `test_H07_...` for what held, `test_N03_...` for attacks added since);
test_attacks.py checks that each number has its test. README.md maps the numbers to the attacks.

Each test runs the installed `rnnquiz` script (found once per session next to the Python running the
tests, else `python -m rnnquiz`) in a fresh home with a fixed clock, and checks the exit code, that stderr
is one line without a traceback, and that the files it must not touch hash the same before and after.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

NOW = "2026-12-01T09:00:00+00:00"

# A single-language user bank (text may then be plain strings); QUESTION is one valid question.
QUESTION = """  - id: q1
    type: flashcard
    claims: [extra]
    prompt: "What does the forget gate keep?"
    answer: "The share of C_{t-1} that survives."
    explanation: "It multiplies the old cell state element-wise."
"""


def bank_text(questions: str = QUESTION, topic: str = "mine") -> str:
    return f"topic: {topic}\ntitle: {{en: Mine}}\nlanguages: [en]\nquestions:\n{questions}"


@pytest.fixture(scope="session")
def exe() -> list[str]:
    """The command under test: the installed entry point, else the module; with RNNQUIZ_CHECKOUT=DIR the
    module from that checkout (to run these tests against another branch's code)."""
    if os.environ.get("RNNQUIZ_CHECKOUT"):
        return [sys.executable, "-m", "rnnquiz"]
    script = shutil.which("rnnquiz", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "rnnquiz"]


@dataclass
class Result:
    rc: int
    out_b: bytes
    err_b: bytes

    @property
    def out(self) -> str:
        return self.out_b.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.err_b.decode("utf-8", "replace")

    def err_lines(self) -> list[str]:
        return [ln for ln in self.err.splitlines() if ln.strip()]

    def __repr__(self) -> str:  # what a failed assert shows
        return f"Result(rc={self.rc}, stderr={self.err[-1500:]!r}, stdout={self.out[-800:]!r})"


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


# Root ignores file permissions; dropping these capabilities makes it an ordinary user for one process.
UNPRIVILEGED = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--"]


def need_permissions() -> list[str]:
    """The prefix that makes file permissions apply to the process (skip where that is impossible)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return UNPRIVILEGED


class Rnnquiz:
    """`rq("list")` runs the command in this test's own home; `rq.home`, `rq.db`, `rq.tmp` are its paths."""

    def __init__(self, exe: list[str], tmp: Path) -> None:
        self.exe = exe
        self.tmp = tmp
        self.home = tmp / "home"
        self.home.mkdir()
        self.db = self.home / "rnnquiz.sqlite3"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("RNNQUIZ_")}
        self.env.update({
            "RNNQUIZ_HOME": str(self.home), "RNNQUIZ_NOW": NOW, "TZ": "UTC", "NO_COLOR": "1", "COLUMNS": "100",
            "LC_ALL": "C.UTF-8",
        })  # fmt: skip
        if os.environ.get("RNNQUIZ_CHECKOUT"):
            self.env["PYTHONPATH"] = os.environ["RNNQUIZ_CHECKOUT"]

    def __call__(
        self,
        *args: str,
        input: str | bytes | None = "",
        env: dict[str, str] | None = None,
        timeout: float = 60,
        prefix: list[str] | None = None,
        max_file_size: int | None = None,
    ) -> Result:
        data = input.encode() if isinstance(input, str) else input
        proc = subprocess.run(
            [*(prefix or []), *self.exe, *args], input=data, capture_output=True, timeout=timeout,
            env={**self.env, **(env or {})}, cwd=self.tmp,
            preexec_fn=_limit_file_size(max_file_size) if max_file_size else None,
        )  # fmt: skip
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def bank(self, text: str | bytes, name: str = "mine.yaml", folder: Path | None = None) -> Path:
        """Write a bank file (into the user-bank folder, RNNQUIZ_HOME/banks, unless a folder is given)."""
        folder = folder or self.home / "banks"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        return path

    def seed_store(self) -> None:
        """A store with some history: three reviews and a two-question quiz."""
        r = self("review", "--json", "--limit", "3", "--topic", "rnn", input="zzz\nzzz\nzzz\n")  # wrong answers: Again (a ? would skip)
        assert r.rc == 0, r
        r = self("quiz", "-n", "2", "--seed", "1", "--topic", "rnn", input="\n\n")
        assert r.rc == 0, r


@pytest.fixture
def rq(exe: list[str], tmp_path: Path) -> Rnnquiz:
    return Rnnquiz(exe, tmp_path)


def digest(*paths: Path) -> dict[str, str]:
    """sha256 of every file under the given paths (missing paths recorded as missing)."""
    out: dict[str, str] = {}
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file():
                    out[str(f)] = hashlib.sha256(f.read_bytes()).hexdigest()
        elif p.exists():
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[str(p)] = "missing"
    return out


def one_line(r: Result, code: int, *words: str) -> str:
    """Exit `code`, exactly one line on stderr (no traceback) holding every word; returns the line."""
    assert r.rc == code, r
    assert "Traceback" not in r.err, r
    lines = r.err_lines()
    assert len(lines) == 1, r
    for w in words:
        assert w in lines[0], (w, r)
    return lines[0]


def skipped_warning(r: Result, *words: str) -> str:
    """A study command that went on (exit 0) after skipping a broken user bank with one warning."""
    line = one_line(r, 0, *words)
    assert line.startswith("rnnquiz: warning: skipped 1 user bank: "), line
    assert "`rnnquiz validate` for details" in line, line
    return line


def validate_fails(r: Result, name: str, *words: str) -> str:
    """`validate FILE` refused the file: exit 3, one problem line `FILE:LINE:COL: field: message`."""
    assert r.rc == 3, r
    assert "Traceback" not in r.err, r
    lines = [ln for ln in r.err_lines() if name in ln]
    assert len(lines) == 1, r
    assert len(r.err_lines()) == 1, r
    head = lines[0].split(name, 1)[1]
    assert head[0] == ":" and head[1:].split(":")[0].isdigit(), lines[0]  # FILE:LINE:
    for w in words:
        assert w in lines[0], (w, r)
    return lines[0]


def _house_landed() -> bool:
    """Whether the store is the package of the house branch (rnnquiz/store/), which the `house` tests need."""
    import importlib.util

    spec = importlib.util.find_spec("rnnquiz.store")
    return spec is not None and spec.submodule_search_locations is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`house` tests (store-side fixes built on the branch `house`) are deselected until rnnquiz/store/ is a
    package, unless RNNQUIZ_HOUSE_TESTS=1 asks for them; `-m house` runs just them."""
    if _house_landed() or os.environ.get("RNNQUIZ_HOUSE_TESTS") == "1" or "house" in (config.option.markexpr or ""):
        return
    keep, drop = [], []
    for item in items:
        (drop if item.get_closest_marker("house") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def last_line(r: Result, code: int, *words: str) -> str:
    """A session command (its questions go to stderr) that stopped: exit `code`, no traceback, and the
    error as the last stderr line, holding every word."""
    assert r.rc == code, r
    assert "Traceback" not in r.err, r
    lines = r.err_lines()
    assert lines and lines[-1].startswith("rnnquiz: "), r
    for w in words:
        assert w in lines[-1], (w, r)
    return lines[-1]


def sql(db: Path, *statements: str, params: tuple = ()) -> list:
    """Run statements on the store and close it (so its WAL is folded back); the last one's rows."""
    import sqlite3

    con = sqlite3.connect(db, isolation_level=None)
    try:
        rows: list = []
        for s in statements:
            rows = con.execute(s, params if s is statements[-1] else ()).fetchall()
        return rows
    finally:
        con.close()


def poison_log_row(db: Path, **changes: object) -> None:
    """Copy a stored review-log row with `changes` (a row an earlier version could have written); the
    default is an unparseable time and a rating out of range."""
    import sqlite3
    from contextlib import closing

    changes = {"id": None, "uuid": "e" * 32, "rating": 9, "reviewed_at": "garbage-time", **changes}
    with closing(sqlite3.connect(db)) as con, con:
        cols = [c[1] for c in con.execute("PRAGMA table_info(review_log)")]
        row = dict(zip(cols, con.execute("SELECT * FROM review_log LIMIT 1").fetchone(), strict=True))
        row.update(changes)
        con.execute(f"INSERT INTO review_log ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", list(row.values()))
