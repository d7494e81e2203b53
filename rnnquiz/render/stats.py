"""`rnnquiz stats` on screen: today, retention, a forecast bar chart, a calendar heat map, mastery, leeches.

Charts are Rich renderables (rich.bar.Bar, a styled Table grid), not hand-drawn ASCII. Everything shown
comes from the same dict `stats --json` prints.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rich.bar import Bar
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rnnquiz.textsafe import escape_line

HEAT = ["grey23", "green4", "green3", "green1", "bright_green"]  # 0, then quartiles of the busiest day
HEAT_CHARS = ["·", "▪", "▪", "■", "■"]


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def today_panel(t: dict[str, Any]) -> Panel:
    text = Text()
    text.append(f"{t['reviews']} reviews", style="bold").append(f" ({t['again']} again) in {t['minutes']} min\n")
    text.append(f"due now {t['due_now']} · later today {t['due_later_today']} · tomorrow {t['due_tomorrow']}")
    return Panel(text, title="Today", title_align="left")


def retention_table(r: dict[str, Any]) -> Table:
    table = Table(title="True retention (cards with interval ≥ 1 day)", title_justify="left")
    table.add_column("")
    for group in ("young", "mature", "all"):
        table.add_column(group, justify="right")
    for window in ("day", "week", "month"):
        cells = [f"{_pct(r[window][g]['retention'])} ({r[window][g]['passed']}/{r[window][g]['reviews']})" for g in ("young", "mature", "all")]
        table.add_row(f"last {window}", *cells)
    return table


def forecast_chart(rows: list[dict[str, Any]], width: int = 40) -> Table:
    """Cards due per day for the next 30 days, one Rich Bar per day."""
    peak = max((r["due"] for r in rows), default=0) or 1
    table = Table(title="Forecast: cards due per day", title_justify="left", show_header=False, box=None, pad_edge=False)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(justify="right", no_wrap=True)
    table.add_column(width=width, no_wrap=True)
    for i, r in enumerate(rows):
        label = "today" if i == 0 else date.fromisoformat(r["date"]).strftime("%a %m-%d")
        table.add_row(label, str(r["due"]), Bar(peak, 0, r["due"], width=width, color="cyan"))
    return table


def calendar_heatmap(cal: dict[str, Any], plain: bool = False) -> Group:
    """Reviews per day over the last year: weeks as columns, weekdays as rows, shade by count."""
    days: dict[str, int] = cal["days"]
    start, end = date.fromisoformat(cal["start"]), date.fromisoformat(cal["end"])
    first = start - timedelta(days=start.weekday())  # the Monday on or before the start
    weeks = (end - first).days // 7 + 1
    peak = max(days.values(), default=0)
    grid = Table.grid(padding=(0, 0))
    grid.add_column(no_wrap=True, style="dim")
    for _ in range(weeks):
        grid.add_column(no_wrap=True)
    for wd, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        cells: list[Any] = [Text(f"{name:<4}")]
        for w in range(weeks):
            d = first + timedelta(days=7 * w + wd)
            if d < start or d > end:
                cells.append(Text(" "))
                continue
            n = days.get(d.isoformat(), 0)
            level = 0 if n == 0 else min(4, 1 + (4 * (n - 1)) // max(1, peak))
            cells.append(Text(HEAT_CHARS[level] if plain else "■", style=HEAT[level]))
        grid.add_row(*cells)
    caption = Text(f"{cal['reviews']} reviews on {cal['study_days']} day(s) in the last year · streak {cal['streak']} day(s)")
    return Group(Text("Calendar", style="bold italic"), grid, caption)


def mastery_table(rows: list[dict[str, Any]], title: str, limit: int = 15) -> Table:
    table = Table(title=f"{title} (weakest first)", title_justify="left")
    for name, justify in (("", "left"), ("recall now", "right"), ("reviewed", "right"), ("quiz", "right"), ("practise", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for r in rows[:limit]:
        table.add_row(Text(r["id"]), _pct(r["retrievability"]), _pct(r["reviewed_share"]), _pct(r["quiz_accuracy"]), Text(r["practise"], style="dim"))
    return table


def print_stats(console: Console, doc: dict[str, Any]) -> None:
    console.print(today_panel(doc["today"]))
    console.print(retention_table(doc["retention"]))
    console.print(forecast_chart(doc["forecast"]))
    console.print(calendar_heatmap(doc["calendar"], plain=console.no_color or console.color_system is None))
    console.print(mastery_table(doc["mastery"]["topics"], "Mastery by topic"))
    console.print(mastery_table(doc["mastery"]["claims"], "Mastery by claim"))
    if doc["leeches"]:
        table = Table(title="Leeches (8+ lapses)", title_justify="left")
        table.add_column("id")
        table.add_column("lapses", justify="right")
        table.add_column("suspended")
        for lee in doc["leeches"]:
            table.add_row(Text(escape_line(lee["id"])), str(lee["lapses"]), "yes" if lee["suspended"] else "no")
        console.print(table)
    dl = doc["deadline"]
    if dl:
        console.print(Text(
            f"Deadline {dl['date']}: {dl['days_left']} day(s) left; {dl['not_safe']} of {dl['studied']} studied card(s) "
            "not safely learned (recall at the deadline below the desired retention).",
            style="bold",
        ))
