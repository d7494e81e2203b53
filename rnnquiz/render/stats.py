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

from rnnquiz.i18n import t
from rnnquiz.render import claim_id
from rnnquiz.textsafe import escape_line

HEAT = ["grey23", "green4", "green3", "green1", "bright_green"]  # 0, then quartiles of the busiest day
HEAT_CHARS = ["·", "▪", "▪", "■", "■"]


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def today_panel(d: dict[str, Any], lang: str = "en") -> Panel:
    text = Text(t("stats.today_line", lang, reviews=d["reviews"], again=d["again"], minutes=d["minutes"]) + "\n")
    text.append(t("stats.due_line", lang, now=d["due_now"], later=d["due_later_today"], tomorrow=d["due_tomorrow"]))
    return Panel(text, title=t("stats.today", lang), title_align="left")


def retention_table(r: dict[str, Any], lang: str = "en") -> Table:
    table = Table(title=t("stats.retention", lang), title_justify="left")
    table.add_column("")
    for group in ("young", "mature", "all"):
        table.add_column(t(f"stats.{group}", lang), justify="right")
    for window in ("day", "week", "month"):
        cells = [f"{_pct(r[window][g]['retention'])} ({r[window][g]['passed']}/{r[window][g]['reviews']})" for g in ("young", "mature", "all")]
        table.add_row(t(f"stats.last_{window}", lang), *cells)
    return table


def forecast_chart(rows: list[dict[str, Any]], width: int = 40, lang: str = "en") -> Table:
    """Cards due per day for the next 30 days, one Rich Bar per day."""
    peak = max((r["due"] for r in rows), default=0) or 1
    table = Table(title=t("stats.forecast", lang), title_justify="left", show_header=False, box=None, pad_edge=False)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(justify="right", no_wrap=True)
    table.add_column(width=width, no_wrap=True)
    for i, r in enumerate(rows):
        day = date.fromisoformat(r["date"])
        label = t("stats.today_short", lang) if i == 0 else (day.strftime("%a %m-%d") if lang == "en" else day.strftime("%m-%d"))
        table.add_row(label, str(r["due"]), Bar(peak, 0, r["due"], width=width, color="cyan"))
    return table


def calendar_heatmap(cal: dict[str, Any], plain: bool = False, lang: str = "en") -> Group:
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
    for wd, name in enumerate(t("stats.weekdays", lang).split("|")):
        cells: list[Any] = [Text(name.ljust(4 if lang == "en" else 3))]
        for w in range(weeks):
            d = first + timedelta(days=7 * w + wd)
            if d < start or d > end:
                cells.append(Text(" "))
                continue
            n = days.get(d.isoformat(), 0)
            level = 0 if n == 0 else min(4, 1 + (4 * (n - 1)) // max(1, peak))
            cells.append(Text(HEAT_CHARS[level] if plain else "■", style=HEAT[level]))
        grid.add_row(*cells)
    caption = Text(t("stats.calendar_line", lang, reviews=cal["reviews"], days=cal["study_days"], streak=cal["streak"]))
    return Group(Text(t("stats.calendar", lang), style="bold italic"), grid, caption)


def mastery_table(rows: list[dict[str, Any]], title: str, lang: str = "en", titles: dict[str, str] | None = None) -> Table:
    """Every row, weakest first; a claim with its title under its id."""
    table = Table(title=title, title_justify="left")
    for name, justify in (("", "left"), ("stats.recall", "right"), ("stats.reviewed", "right"), ("stats.quiz", "right"), ("stats.practise", "left")):
        table.add_column(t(name, lang) if name else "", justify=justify)  # type: ignore[arg-type]
    for r in rows:
        label = Text(claim_id(r["id"], lang), style="bold")
        if titles and r["id"] in titles:
            label.append("\n" + titles[r["id"]], style="")
        table.add_row(label, _pct(r["retrievability"]), _pct(r["reviewed_share"]), _pct(r["quiz_accuracy"]), Text(r["practise"], style="dim"))
    return table


def print_stats(console: Console, doc: dict[str, Any], lang: str = "en", claim_titles: dict[str, str] | None = None) -> None:
    console.print(today_panel(doc["today"], lang))
    console.print(retention_table(doc["retention"], lang))
    console.print(forecast_chart(doc["forecast"], lang=lang))
    console.print(calendar_heatmap(doc["calendar"], plain=console.no_color or console.color_system is None, lang=lang))
    console.print(mastery_table(doc["mastery"]["topics"], t("stats.by_topic", lang), lang))
    console.print(mastery_table(doc["mastery"]["claims"], t("stats.by_claim", lang), lang, claim_titles))
    if doc["leeches"]:
        table = Table(title=t("stats.leeches", lang), title_justify="left")
        table.add_column("id")
        table.add_column(t("stats.lapses", lang), justify="right")
        table.add_column(t("stats.suspended", lang))
        for lee in doc["leeches"]:
            table.add_row(Text(escape_line(lee["id"])), str(lee["lapses"]), t("stats.yes" if lee["suspended"] else "stats.no", lang))
        console.print(table)
    dl = doc["deadline"]
    if dl:
        console.print(Text(
            t("stats.deadline", lang, date=dl["date"], days=dl["days_left"], not_safe=dl["not_safe"], studied=dl["studied"]),
            style="bold",
        ))
