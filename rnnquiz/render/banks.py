"""Rendering for `rnnquiz bank list`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.table import Table

from rnnquiz.textsafe import escape_line


def banks_table(rows: Sequence[dict[str, Any]]) -> Table:
    """One row per bank: name, kind, topic, questions, languages, file. Bank text goes in as plain cells."""
    table = Table(box=box.SIMPLE_HEAD)
    for name, justify in (("bank", "left"), ("kind", "left"), ("topic", "left"), ("questions", "right"),
                          ("languages", "left")):  # fmt: skip
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    table.add_column("file", ratio=1)  # the path takes the room that is left, folding only if it must
    from rich.text import Text

    for r in rows:
        table.add_row(
            Text(r["name"]), r["kind"], Text(r["topic"]), str(r["questions"]), ", ".join(r["languages"]),
            Text(escape_line(r["path"]), overflow="fold"),
        )
    return table
