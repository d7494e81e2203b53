"""Rendering for `rnnquiz bank list`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from rnnquiz.i18n import t
from rnnquiz.textsafe import escape_line


def banks_table(rows: Sequence[dict[str, Any]], lang: str = "en") -> Group:
    """One row per bank (name, kind, topic, questions, languages), then each bank's file on a line of its
    own: a path squeezed into a table column was broken mid-word at 100 columns."""
    table = Table(box=box.SIMPLE_HEAD)
    for name, justify in (("bank", "left"), ("kind", "left"), ("topic", "left"), ("questions", "right"),
                          ("languages", "left")):  # fmt: skip
        table.add_column(t(f"banks.col.{name}", lang), justify=justify, no_wrap=True)  # type: ignore[arg-type]
    files = []
    for r in rows:
        table.add_row(Text(r["name"]), t(f"banks.kind.{r['kind']}", lang), Text(r["topic"]), str(r["questions"]),
                      ", ".join(r["languages"]))
        files.append(Text("  ").append(r["name"], style="bold").append(f"  {escape_line(r['path'])}"))
    return Group(table, Text(t("banks.files", lang), style="dim"), *files) if files else Group(table)
