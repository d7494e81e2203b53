"""A proof result on the terminal: title and claims, setup, figures table, ✓/✗ checks, charts, citation.

Charts are drawn by plotext (``plotext.build()`` returns the chart as a string with ANSI colours, which
Rich parses with ``Text.from_ansi``). Every series also gets its own marker character, so a chart stays
readable without colour (NO_COLOR, pipes, ``--svg``).
"""

from __future__ import annotations

import math

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from rnnquiz.proofs.result import Chart, ProofResult, fmt

LABELS = {
    "en": {"claims": "claims", "setup": "setup", "figure": "figure", "value": "value", "checks": "checks",
           "seed": "seed", "quick": "quick", "seconds": "s", "passed": "all checks passed",
           "failed": "{n} check(s) failed", "summary": "{ok}/{n} proofs passed, {t:.1f} s"},
    "zh": {"claims": "论断", "setup": "设置", "figure": "指标", "value": "数值", "checks": "检验",
           "seed": "种子", "quick": "快速", "seconds": "秒", "passed": "全部检验通过",
           "failed": "{n} 项检验未通过", "summary": "{ok}/{n} 个证明通过，用时 {t:.1f} 秒"},
}

MARKERS = ["•", "x", "+", "o", "*", "#", "@"]
COLORS = ["cyan", "orange", "green", "magenta", "red", "blue", "yellow"]


def header(result: ProofResult, lang: str) -> Table:
    L = LABELS[lang]
    grid = Table.grid(expand=True)
    grid.add_column(ratio=1)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_row(Text(result.title.get(lang) or result.title["en"], style="bold"),
                 Text(f"{L['claims']} {' '.join(result.claims)}", style="cyan"))
    return grid


def figures_table(result: ProofResult, lang: str) -> Table:
    L = LABELS[lang]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(L["figure"])
    cols = result.columns or [L["value"]]
    for col in cols:
        table.add_column(Text(col), justify="right")
    for name, values in result.rows:
        table.add_row(Text(name), *[Text(fmt(v)) for v in values])
    return table


def checks_lines(result: ProofResult) -> list[Text]:
    lines = []
    for c in result.checks:
        line = Text()
        line.append("✓ " if c.passed else "✗ ", style="bold green" if c.passed else "bold red")
        line.append(c.name, style="" if c.passed else "red")
        line.append(f"   {c.detail}", style="dim")
        lines.append(line)
    return lines


def _ticks(lo: float, hi: float, n: int = 6) -> list[float]:
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / (n - 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step + 1e-9) + 1)]


def _label(v: float) -> str:
    return f"{v:g}"


def chart_text(chart: Chart, width: int, color: bool, height: int = 14) -> Text:
    """Draw one chart with plotext (6.x figure API) and hand its string to Rich.

    A log-scale chart is drawn as log10(y) on a linear axis with ticks labelled 1e-6, 1e-4, …: exact and
    independent of plotext's own log-axis handling.
    """
    import plotext as plt

    fig = plt.figure
    fig.clear()
    fig.plot_size(max(width, 40), height)
    fig.theme("simple" if color else "colorless")
    logy, ys_all, xs_all = chart.logy, [], []
    for i, s in enumerate(chart.series):
        pts = [(x, y) for x, y in zip(s.x, s.y, strict=True) if math.isfinite(y) and (y > 0 or not logy)]
        if not pts:
            continue
        xs, ys = zip(*pts, strict=True)
        ys = [math.log10(y) for y in ys] if logy else list(ys)
        ys_all += ys
        xs_all += xs
        marker = MARKERS[i % len(MARKERS)]
        fig.draw(fig.signal(list(xs), ys, marker=marker).lines().label(f"{marker} {s.name}"))
    if ys_all:
        if logy:
            lo, hi = math.floor(min(ys_all)), math.ceil(max(ys_all))
            step = max(1, math.ceil((hi - lo) / 5))
            decades = list(range(lo, hi + 1, step))
            fig.ruler("y").ticks([float(e) for e in decades], [f"1e{e}" for e in decades])
        else:
            yt = _ticks(min(ys_all), max(ys_all), 5)
            fig.ruler("y").ticks(yt, [_label(v) for v in yt])
        xt = _ticks(min(xs_all), max(xs_all))
        fig.ruler("x").ticks(xt, [_label(v) for v in xt])
    fig.title(chart.title)
    fig.label(chart.xlabel, axis="x")
    fig.label(chart.ylabel + (" (log)" if logy else ""), axis="y")
    out = str(fig.build())
    fig.clear()
    return Text.from_ansi(out) if color else Text(_strip_ansi(out))


def _strip_ansi(s: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", s)


def print_result(console: Console, result: ProofResult, lang: str, charts: bool = True) -> None:
    """Print one result (see the module docstring)."""
    L = LABELS[lang]
    console.print(header(result, lang))
    setup = Text()
    setup.append(f"{L['setup']}  ", style="bold")
    setup.append(result.setup)
    meta = f"   ({L['quick']}, " if result.quick else "   ("
    setup.append(f"{meta}{result.seconds:.2f} {L['seconds']})", style="dim")
    console.print(setup)
    if result.rows:
        console.print(figures_table(result, lang))
    for line in checks_lines(result):
        console.print(line)
    for note in result.notes:
        console.print(Text(f"· {note}", style="dim"))
    if charts:
        color = console.color_system is not None and not console.no_color
        for chart in result.charts:
            console.print(chart_text(chart, min(console.width, 100), color))
    if result.citation:
        console.print(Text(result.citation, style="italic dim"))
    failed = sum(not c.passed for c in result.checks)
    console.print(Text(L["passed"], style="green") if not failed
                  else Text(L["failed"].format(n=failed), style="bold red"))


def print_summary(console: Console, results: list[ProofResult], lang: str) -> None:
    """One line per proof and a total, after ``prove --all``."""
    L = LABELS[lang]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for col, just in (("proof", "left"), (L["checks"], "right"), (L["seconds"], "right"), ("", "left")):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    for r in results:
        ok = sum(c.passed for c in r.checks)
        table.add_row(r.id, f"{ok}/{len(r.checks)}", f"{r.seconds:.2f}",
                      Text("✓", style="green") if r.passed else Text("✗", style="bold red"))
    console.print(table)
    total = sum(r.seconds for r in results)
    console.print(L["summary"].format(ok=sum(r.passed for r in results), n=len(results), t=total), markup=False)


def group(result: ProofResult, lang: str) -> Group:  # pragma: no cover - convenience for embedding
    return Group(header(result, lang), figures_table(result, lang), *checks_lines(result))


def proof_list(specs: list, lang: str) -> Table:
    """`prove --list`: id, claims, runtime class, status, title."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for col in ("proof", LABELS[lang]["claims"], "runtime", "", "title"):
        table.add_column(col)
    for s in specs:
        table.add_row(s.id, " ".join(s.claims), s.runtime,
                      Text("built", style="green") if s.built else Text("pending", style="yellow"),
                      Text(s.title.get(lang)))
    return table
