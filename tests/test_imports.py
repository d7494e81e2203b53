"""Start-up discipline: no NumPy for the bank commands; core modules import neither typer nor rich."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = Path(__file__).parent / "data" / "good" / "example.yaml"

PROBE = """
import runpy, sys
sys.argv = ["rnnquiz", *{args!r}]
try:
    runpy.run_module("rnnquiz", run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print("MODULES", code, *sorted(m for m in ("numpy", "rich", "yaml", "typer") if m in sys.modules), file=sys.stderr)
"""


def loaded_after(args: list[str], tmp_path: Path) -> tuple[int, set[str]]:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)
    line = next(ln for ln in proc.stderr.splitlines() if ln.startswith("MODULES"))
    parts = line.split()
    return int(parts[1]), set(parts[2:])


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["list"], ["topics"], ["validate"],
                                  ["show", "example/example-numeric", "--bank", str(GOOD)]])
def test_bank_commands_never_import_numpy(args: list[str], tmp_path: Path) -> None:
    code, modules = loaded_after(args, tmp_path)
    assert code in (0, None), (args, code)
    assert "numpy" not in modules, args


def test_version_imports_nothing_heavy(tmp_path: Path) -> None:
    _, modules = loaded_after(["--version"], tmp_path)
    assert not modules & {"numpy", "rich", "yaml"}, modules


CORE = ["rnnquiz.bank.load", "rnnquiz.bank.grade", "rnnquiz.bank.generators", "rnnquiz.bank.coverage",
        "rnnquiz.bank.cache", "rnnquiz.store", "rnnquiz.settings", "rnnquiz.paths", "rnnquiz.proofs.registry",
        "rnnquiz.study.quiz", "rnnquiz.store.quiz", "rnnquiz.study.review", "rnnquiz.study.scheduler",
        "rnnquiz.store.cards", "rnnquiz.store.history", "rnnquiz.stats", "rnnquiz.export.anki", "rnnquiz.export.history"]


@pytest.mark.parametrize("module", CORE)
def test_core_modules_import_neither_typer_nor_rich(module: str) -> None:
    code = f"import sys, {module}; print(sorted(m for m in ('typer', 'rich', 'click', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", (module, out.stdout)


PURE = ["rnnquiz.study.quiz", "rnnquiz.study.review", "rnnquiz.study.scheduler", "rnnquiz.stats", "rnnquiz.settings",
        "rnnquiz.paths", "rnnquiz.i18n", "rnnquiz.bank.load", "rnnquiz.bank.grade"]


@pytest.mark.parametrize("module", PURE)
def test_only_the_store_imports_sqlite3(module: str) -> None:
    """The sessions, scheduler, figures and banks run without sqlite3: the driver brings the store."""
    code = f"import sys, {module}; print('sqlite3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False", module


def test_no_module_outside_store_imports_sqlite3() -> None:
    import ast

    package = Path(__file__).resolve().parents[1] / "rnnquiz"
    offenders = []
    for path in package.rglob("*.py"):
        if path.relative_to(package).parts[0] == "store":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "sqlite3" or n.startswith("sqlite3.") for n in names):
                offenders.append(f"{path.relative_to(package)}:{node.lineno}")
    assert offenders == []


def test_no_test_module_imports_the_tests_folder_as_a_package() -> None:
    """`from tests.x import y` works only where the checkout itself is on sys.path (an editable install);
    the README's `pip install '.[test]' && pytest` fails at collection then. Test modules use `from .conftest`."""
    import ast

    root = Path(__file__).resolve().parent
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            if any(n == "tests" or n.startswith("tests.") for n in names):
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []


AT_FIRST_PROMPT = """
import runpy, sys
import rnnquiz.render.prompt as prompt

def first_prompt(*args, **kwargs):
    from rnnquiz import textsafe
    print("AT PROMPT", "emoji" if "rich._emoji_codes" in sys.modules else "-",
          *sorted(getattr(textsafe, "_compiled", ["compiled-at-import"])), file=sys.stderr)
    raise EOFError

prompt.ask = prompt.read_key = first_prompt
sys.argv = ["rnnquiz", "quiz", "--seed", "1", "-n", "1"]
try:
    runpy.run_module("rnnquiz", run_name="__main__")
except SystemExit:
    pass
"""


def test_first_question_loads_no_emoji_table_and_compiles_no_unsafe_pattern(tmp_path: Path) -> None:
    """Issue 11's first-question budget: Rich's emoji table (~2 ms; bank text prints as written anyway) and
    textsafe's four big character classes (~2.5 ms) are not needed to show a question from the cached catalog.
    In a terminal, as a person starts it (the key hints are printed only there)."""
    pexpect = pytest.importorskip("pexpect")
    lines = []
    for _ in range(2):  # the first run parses the banks (and checks them for unsafe text) and writes the cache
        child = pexpect.spawn(sys.executable, ["-c", AT_FIRST_PROMPT], cwd=str(tmp_path), encoding="utf-8",
                              timeout=60, dimensions=(40, 120))
        # to the line's end: stderr writes print's pieces one by one, and a match on what has arrived so far
        # can stop before ' -' does (CI saw 'AT PROMPT' alone)
        child.expect(r"AT PROMPT[^\r\n]*\r?\n")
        lines.append(child.after.rstrip("\r\n"))
        child.expect(pexpect.EOF)
    assert "_BANK_UNSAFE" in lines[0].split()  # the probe sees the patterns when they are compiled
    assert lines[1] == "AT PROMPT -", lines


def test_textsafe_patterns_still_importable_by_name() -> None:
    from rnnquiz import textsafe
    from rnnquiz.textsafe import RAW_UNSAFE, UNSAFE, UNSAFE_LINE

    assert UNSAFE.search("a\x1bb") and UNSAFE_LINE.search("a\nb") and not UNSAFE.search("a\nb")
    assert RAW_UNSAFE.search("\u202e") and not RAW_UNSAFE.search("a\r\nb")
    assert textsafe.find_raw_unsafe("x\x07") and textsafe.find_unsafe("e\u0301\u0301\u0301\u0301\u0301")
    with pytest.raises(AttributeError):
        textsafe.NOT_A_PATTERN  # noqa: B018


@pytest.mark.parametrize("args", [["list"], ["topics"], ["show", "birnn-output-width"]])
def test_bank_commands_without_a_store_import_no_sqlite3(args: list[str], tmp_path: Path) -> None:
    """No store yet (a fresh machine): the settings are empty, read without opening SQLite (issue 11: `list`
    no slower than at the branch point, which never imported sqlite3 here)."""
    code = PROBE.format(args=args).replace('("numpy", "rich", "yaml", "typer")', '("sqlite3",)')
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60,
                          env={**os.environ, "RNNQUIZ_HOME": str(tmp_path / "fresh")})
    line = next(ln for ln in proc.stderr.splitlines() if ln.startswith("MODULES"))
    assert line.split()[1:] in (["0"], ["None"]), proc.stderr


def test_the_loaded_catalog_is_out_of_the_cyclic_collectors_way(tmp_path: Path) -> None:
    """`due` and `stats` on 10,000 questions spent ~120 ms in the collector walking the catalog (none of it
    garbage; bench_review.py): in an rnnquiz process the loaded catalog is frozen, so no collection walks it
    again; a program that calls `load` itself (a test runner) keeps its collector as it was."""
    probe = (
        "import atexit, gc, runpy, sys\n"
        "atexit.register(lambda: print('FROZEN', gc.get_freeze_count(), file=sys.stderr))\n"
        "sys.argv = ['rnnquiz', 'list']\nrunpy.run_module('rnnquiz', run_name='__main__')"
    )
    library = "import gc\nfrom rnnquiz.commands.common import load\ncat = load()\nprint(len(cat.questions), gc.get_freeze_count())"
    for _ in range(2):  # parsed from the banks, then from the catalog cache
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, timeout=60)
        frozen = int(next(ln for ln in out.stderr.splitlines() if ln.startswith("FROZEN")).split()[1])
        assert out.returncode == 0 and frozen > 10_000, out.stderr[-500:]
        out = subprocess.run([sys.executable, "-c", library], capture_output=True, text=True, cwd=tmp_path, timeout=60)
        count, frozen = map(int, out.stdout.split())
        assert out.returncode == 0 and count > 100 and frozen == 0, out.stdout
