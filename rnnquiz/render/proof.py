"""A proof result on the terminal: title and claims, setup, figures table, ✓/✗ checks, charts, citation.

Charts are drawn by plotext (``plotext.build()`` returns the chart as a string with ANSI colours, which
Rich parses with ``Text.from_ansi``). Every series also gets its own marker character, so a chart stays
readable without colour (NO_COLOR, pipes, ``--svg``). The legend is printed under the chart, never inside
it, so it cannot cover a series; a series that cannot be drawn (no value > 0 on a log scale) is named
there. Every word comes in the session's language: the UI labels from ``i18n`` (``proof.*``), the
experiment's own text from its ``bi(en, zh)`` strings.
"""

from __future__ import annotations

import math

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from rnnquiz.i18n import t
from rnnquiz.proofs.result import Chart, ProofResult, fmt, loc, margin_text
from rnnquiz.render import claim_id

MARKERS = ["•", "x", "+", "o", "*", "#", "@"]
COLORS = ["cyan", "orange", "green", "magenta", "red", "blue", "yellow"]


def header(result: ProofResult, lang: str) -> Table:
    grid = Table.grid(expand=True, padding=(0, 0, 0, 3))  # 3 spaces before the claims: a wrapped title never touches them
    grid.add_column(ratio=1)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_row(Text(result.title.get(lang) or result.title["en"], style="bold"),
                 Text(f"{t('proof.claims', lang)} {' '.join(claim_id(c, lang) for c in result.claims)}", style="cyan"))
    return grid


def figures_table(result: ProofResult, lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(t("proof.figure", lang))
    cols = [loc(c, lang) for c in result.columns] or [t("proof.value", lang)]
    for col in cols:
        table.add_column(Text(col), justify="right")
    for name, values in result.rows:
        table.add_row(Text(loc(name, lang)), *[Text(loc(v, lang) if isinstance(v, str) else fmt(v)) for v in values])
    return table


def checks_lines(result: ProofResult, lang: str = "en") -> list[Text]:
    lines = []
    for c in result.checks:
        line = Text()
        line.append("✓ " if c.passed else "✗ ", style="bold green" if c.passed else "bold red")
        line.append(loc(c.name, lang), style="" if c.passed else "red")
        m = margin_text(c.margin, lang)
        line.append(f"   {loc(c.detail, lang)}" + (f"   {m}" if m else ""), style="dim")
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


def _plotext():
    """plotext, imported on the first chart only. Its package __init__ also builds its own help pages
    (``plotext._doc.doc``, ~40 % of the import time), which nothing here reads: a stand-in module takes their
    place for the duration of the import, so an instant proof with a chart stays well under a second."""
    import sys

    if "plotext" in sys.modules:
        return sys.modules["plotext"]
    import types

    stub = types.ModuleType("plotext._doc.doc")
    stub.docs = None  # type: ignore[attr-defined]
    had = "plotext._doc.doc" in sys.modules
    sys.modules.setdefault("plotext._doc.doc", stub)
    try:
        import plotext
    except Exception:  # a plotext that reads more of its help pages at import: import it the plain way
        for name in [m for m in sys.modules if m == "plotext" or m.startswith("plotext.")]:
            del sys.modules[name]
        had = True  # the stub is gone already
        import plotext
    finally:
        if not had and sys.modules.get("plotext._doc.doc") is stub:
            del sys.modules["plotext._doc.doc"]
    return plotext


def chart_text(chart: Chart, width: int, color: bool, height: int = 14, lang: str = "en") -> Text:
    """Draw one chart with plotext (6.x figure API) and hand its string to Rich; the legend goes below.

    A log-scale chart is drawn as log10(y) on a linear axis with ticks labelled 1e-6, 1e-4, …: exact and
    independent of plotext's own log-axis handling; its y label says "log scale".
    """
    plt = _plotext()
    fig = plt.figure
    fig.clear()
    fig.plot_size(max(width, 40), height)
    fig.theme("simple" if color else "colorless")
    logy, ys_all, xs_all = chart.logy, [], []
    legend, hidden = [], []
    for i, s in enumerate(chart.series):
        name = loc(s.name, lang)
        pts = [(x, y) for x, y in zip(s.x, s.y, strict=True) if math.isfinite(y) and (y > 0 or not logy)]
        if not pts:
            hidden.append(name)
            continue
        xs, ys = zip(*pts, strict=True)
        ys = [math.log10(y) for y in ys] if logy else list(ys)
        ys_all += ys
        xs_all += xs
        marker = MARKERS[i % len(MARKERS)]
        fig.draw(fig.signal(list(xs), ys, marker=marker).lines())
        legend.append((marker, name))
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
    fig.title(loc(chart.title, lang))
    fig.label(loc(chart.xlabel, lang), axis="x")
    log = (f"（{t('proof.log', lang)}）" if lang == "zh" else f" ({t('proof.log', lang)})") if logy else ""
    fig.label(loc(chart.ylabel, lang) + log, axis="y")
    out = str(fig.build())
    fig.clear()
    text = Text.from_ansi(out) if color else Text(_strip_ansi(out))
    text.append("\n" + t("proof.legend", lang), style="dim")
    for j, (marker, name) in enumerate(legend):
        text.append(("   " if j else "") + f"{marker} {name}")
    for name in hidden:
        text.append("   " + t("proof.not_drawn", lang, name=name), style="dim")
    return text


def _strip_ansi(s: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", s)


def print_result(console: Console, result: ProofResult, lang: str, charts: bool = True) -> None:
    """Print one result (see the module docstring)."""
    console.print(header(result, lang))
    setup = Text()
    setup.append(f"{t('proof.setup', lang)}  ", style="bold")
    setup.append(loc(result.setup, lang))
    meta = f"   ({t('proof.quick', lang)}, " if result.quick else "   ("
    setup.append(f"{meta}{result.seconds:.2f} {t('proof.seconds', lang)})", style="dim")
    console.print(setup)
    if result.rows:
        console.print(figures_table(result, lang))
    for line in checks_lines(result, lang):
        console.print(line)
    for note in result.notes:
        console.print(Text(f"· {loc(note, lang)}", style="dim"))
    if charts:
        color = console.color_system is not None and not console.no_color
        for chart in result.charts:
            console.print(chart_text(chart, min(console.width, 100), color, lang=lang))
    if result.citation:
        cite = loc(result.citation, lang)
        console.print(Text(cite.replace("; ", "；") if lang == "zh" else cite, style="italic dim"))
    failed = sum(not c.passed for c in result.checks)
    console.print(Text(t("proof.passed", lang), style="green") if not failed
                  else Text(t("proof.failed", lang, n=failed), style="bold red"))


def print_answer(console: Console, result: ProofResult, lang: str) -> None:
    """The one line that says how the result answers the question it was run for. A run with a failed check
    has not shown it, so the line is not printed as fact: it says so first, and is not in bold."""
    if loc(result.answer, lang):
        if result.passed:
            console.print(Text(t("proof.answer", lang, text=loc(result.answer, lang)), style="bold"))
        else:
            console.print(Text(t("proof.answer_unshown", lang, text=loc(result.answer, lang)), style="red"))


def print_summary(console: Console, results: list[ProofResult], lang: str) -> None:
    """One line per proof and a total, after ``prove --all``."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for col, just in ((t("proof.col.proof", lang), "left"), (t("proof.checks", lang), "right"),
                      (t("proof.col.margin", lang), "right"), (t("proof.seconds_col", lang), "right"),
                      (t("proof.col.result", lang), "left")):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    for r in results:
        ok = sum(c.passed for c in r.checks)
        m = r.min_margin
        table.add_row(r.id, f"{ok}/{len(r.checks)}", "—" if math.isinf(m) else f"×{fmt(m, 2)}", f"{r.seconds:.2f}",
                      Text("✓", style="green") if r.passed else Text("✗", style="bold red"))
    console.print(table)
    total = sum(r.seconds for r in results)
    console.print(t("proof.summary", lang, ok=sum(r.passed for r in results), n=len(results), t=total), markup=False)


def group(result: ProofResult, lang: str) -> Group:  # pragma: no cover - convenience for embedding
    return Group(header(result, lang), figures_table(result, lang), *checks_lines(result, lang))


def proof_list(specs: list, lang: str) -> Table:
    """`prove --list`: id, claims, runtime class, status, title — every column with a header."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for col in ("proof.col.proof", "proof.claims", "proof.col.runtime", "proof.col.status", "proof.col.title"):
        # a title folds, never "…" (80 columns, zh: "1–3" was cut to "1–…")
        table.add_column(t(col, lang), overflow="fold" if col == "proof.col.title" else "ellipsis",
                         no_wrap=col == "proof.claims")
    for s in specs:
        table.add_row(s.id, _packed([claim_id(c, lang) for c in s.claims]), t(f"proof.runtime.{s.runtime}", lang),
                      Text(t("proof.built", lang), style="green") if s.built else Text(t("proof.pending", lang), style="yellow"),
                      Text(s.title.get(lang)))
    return table


def _packed(words: list[str], width: int = 9) -> str:
    """Claim ids on lines of at most ``width`` cells, broken only between ids (G3 G4 G5 / L3 L4 L6): the title
    column gets the room, and a zh id (文章外) is never split between two lines as Rich splits CJK text."""
    from rich.cells import cell_len

    lines: list[str] = []
    for w in words:
        if lines and cell_len(lines[-1]) + 1 + cell_len(w) <= width:
            lines[-1] += " " + w
        else:
            lines.append(w)
    return "\n".join(lines)
