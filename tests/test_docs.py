"""Every command of the Typer app is in README.md's command table (pattern: sqlite-utils tests/test_docs.py).

A row of the table starts with the command in backticks, options and arguments allowed after it:

    | `rnnquiz export anki --out FILE.apkg [--lang en|zh|both]` | Anki package; re-importing updates |

Every leaf command needs a row (`rnnquiz export anki`, `rnnquiz bank new`, `rnnquiz list`, …); a group
(`rnnquiz export`) is covered by its sub-commands' rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import typer

from rnnquiz.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"
ROW = re.compile(r"^\|\s*`rnnquiz ([^`]*)`\s*\|", re.MULTILINE)
WORD = re.compile(r"^[a-z][a-z0-9-]*$")


def command_paths() -> list[str]:
    """'list', 'export anki', … for every leaf command, hidden ones excepted."""
    out: list[str] = []

    def walk(cmd, prefix: str) -> None:
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                if not getattr(sub, "hidden", False):
                    walk(sub, f"{prefix} {name}".strip())
        else:
            out.append(prefix)

    walk(typer.main.get_command(app), "")
    return sorted(out)


def documented(readme: str) -> set[str]:
    """The command words at the start of each table row: `rnnquiz export anki --out F` → 'export anki'."""
    found = set()
    for body in ROW.findall(readme):
        words = []
        for w in body.split():
            if not WORD.match(w):
                break
            words.append(w)
        for i in range(1, len(words) + 1):  # `rnnquiz show ID`-style rows may have lowercase args too
            found.add(" ".join(words[:i]))
    return found


def test_command_paths_are_found() -> None:
    paths = command_paths()
    assert {"list", "validate", "export anki", "import history", "bank new"} <= set(paths)


def test_row_parsing() -> None:
    table = "| command | what |\n|---|---|\n| `rnnquiz export anki --out FILE` | x |\n| `rnnquiz bank list [--json]` | y |\n"
    assert {"export anki", "bank list"} <= documented(table)
    assert "export tsv" not in documented(table)


def test_every_command_is_in_the_readme_table() -> None:
    assert README.is_file(), "README.md is missing: it needs a command table (see this test's docstring)"
    missing = [p for p in command_paths() if p not in documented(README.read_text(encoding="utf-8"))]
    rows = "\n".join(f"| `rnnquiz {p}` | … |" for p in missing)
    assert not missing, f"README.md's command table lacks these commands; add rows like:\n{rows}"
