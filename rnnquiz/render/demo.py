"""``rnnquiz demo``: one time step on screen (equations with numbers, bars for every unit, the unit's
timeline, what changed, one sentence), the whole trace for pipes and files, and the terminal keys.

Every bar prints its number, so a frame reads without colour: gates fill 0 → 1 (green when open),
values in (−1, 1) grow left (blue, negative) or right (red, positive) of a centre line, gradients on a
log scale whose decades are marked. Text from the trace is built here, never from bank data.
"""

from __future__ import annotations

import math
import os
import re
import select
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from rnnquiz.demo import explain
from rnnquiz.demo.deeper import Deeper
from rnnquiz.demo.trace import ROLES, Trace
from rnnquiz.i18n import STRINGS, t

BAR = 10
GLYPHS = " ▏▎▍▌▋▊▉█"
LONG = {"I": "input", "F": "forget", "O": "output", "C_tilde": "candidate", "C": "cell", "H": "state",
        "R": "reset", "Z": "update", "H_tilde": "candidate", "H_fwd": "forward", "H_bwd": "backward"}
LONG_ZH = {"I": "输入门", "F": "遗忘门", "O": "输出门", "C_tilde": "候选记忆", "C": "记忆细胞", "H": "隐藏状态",
           "R": "重置门", "Z": "更新门", "H_tilde": "候选状态", "H_fwd": "正向", "H_bwd": "反向"}


def bar_width(units: int) -> int:
    """Bar cells per unit: 10 for the two built units, fewer when --random has more (80 columns)."""
    return 10 if units <= 2 else 4 if units <= 4 else 2


def _fill(share: float, width: int) -> str:
    """A left-aligned bar of `share` (0..1) of `width` cells, in eighths."""
    eighths = round(max(0.0, min(1.0, share)) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (GLYPHS[part] if part else "")).ljust(width)


def bar(value: float, role: str, scale: float = 1.0, width: int = BAR) -> Text:
    """A bar with its number: gates 0..1, signed values around a centre line."""
    num = explain.num(value)
    if role == "gate":
        style = "green" if value >= explain.OPEN else "bright_black" if value <= explain.SHUT else "yellow"
        return Text.assemble((_fill(value, width), style), f" {num:>5}")
    half = max(1, width // 2)
    share = max(0.0, min(1.0, abs(value) / scale if scale else 0.0))
    full, rest = divmod(round(share * half * 2), 2)  # half-cell steps: ▌ and ▐ are the halves that exist
    if value >= 0:
        body = Text.assemble(" " * half, "│", ("█" * full + "▌" * rest, "red"), " " * (half - full - rest))
    else:
        body = Text.assemble(" " * (half - full - rest), ("▐" * rest + "█" * full, "blue"), "│", " " * half)
    return Text.assemble(body, f" {num:>5}")


def _label(q: str, lang: str) -> str:
    names = LONG_ZH if lang == "zh" else LONG
    sym = explain.SYMBOL[q]
    pad = 3 - sum(1 for ch in sym if not unicodedata.combining(ch))
    return sym + " " * pad + names[q]


def _scale(trace: Trace, q: str) -> float:
    if ROLES[q] != "cell":
        return 1.0
    return max(1.0, max(abs(v) for st in trace.steps for v in st.values[q]))


def header(trace: Trace, i: int, lang: str, compact: bool = False) -> list[RenderableType]:
    st = trace.steps[i]
    task_key = {"birnn": "demo.task.birnn", "bptt": "demo.task.bptt"}.get(trace.kind, "demo.task")
    title = Text(t("demo.title", lang, kind=trace.kind, task=t(task_key, lang)), style="bold")
    if trace.mode == "trained":
        weights = "; ".join(_trained_note(kind, note, lang) for kind, note in trace.training.items())
    else:
        key = "demo.weights.random"
        if trace.built:
            key = "demo.weights.built" + ("" if trace.kind in ("lstm", "gru") else "." + trace.kind)
        weights = t(key, lang, seed=trace.seed)
    if trace.kind == "bptt":
        where = t("demo.step.back", lang, t=st.t, k=i + 1, T=trace.length)
    else:
        where = t("demo.step", lang, t=st.t, T=trace.length)
    x = st.x
    inp = t("demo.input", lang, t=st.t, v=explain.num(x[0]), m=int(x[1]), q=int(x[2]))
    line = Text.assemble((where, "bold cyan"), "   ", inp)
    if compact:
        return [title, line]
    out = [title, Text(weights, style="dim")]
    if trace.accuracy:
        scores = ("，" if lang == "zh" else ", ").join(f"{k.upper()} {100 * v:.0f} %" for k, v in trace.accuracy.items())
        out.append(Text(t("demo.accuracy", lang, scores=scores, T=trace.length), style="dim"))
    return out + [line]


def _trained_note(kind: str, note: dict, lang: str) -> str:
    where = note["path"] or "—"
    how = t("demo.trained.loaded" if note["cached"] else "demo.trained.now", lang, s=f"{note['seconds']:.2f}",
            path=where)
    return t("demo.trained", lang, kind=kind.upper(), n=note["updates"], how=how)


def _short(line: str) -> str:
    """An equation without its symbolic form, for narrow terminals: ``I_t = σ(10.000 + …) = 0.993``."""
    parts = line.split(" = ", 2)
    return parts[0] + " = " + parts[2] if len(parts) == 3 else line


def equations_block(trace: Trace, i: int, unit: int, lang: str, short: bool = False) -> list[RenderableType]:
    out: list[RenderableType] = [Text(t("demo.equations", lang, unit=explain.unit_name(trace, unit, lang)), style="bold")]
    out += [Text("  " + (_short(line) if short else line)) for line in explain.equations(trace, i, unit)]
    return out


def bars_table(trace: Trace, i: int, lang: str, unit: int, narrow: bool = False) -> Table:
    st = trace.steps[i]
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 2, 0, 0), title=t("demo.bars", lang),
                  title_justify="left", title_style="bold")
    table.add_column("", no_wrap=True, style="bold")
    if trace.kind == "birnn":
        h = len(trace.units) // 2
        cols = [(q, j) for j in range(h) for q in ("H_fwd", "H_bwd")]
        for q, j in cols:
            name = explain.unit_name(trace, j if q == "H_fwd" else h + j, lang)
            table.add_column(name, no_wrap=True, style="bold" if (j if q == "H_fwd" else h + j) == unit else None)
        w = min(bar_width(len(cols)), 4) if narrow else bar_width(len(cols))
        table.add_row("H", *[bar(st.values[q][j], "squash", width=w) for q, j in cols])
        return table
    n = len(trace.units)
    for u in range(n):
        name = explain.unit_name(trace, u, lang)
        table.add_column(("▸ " if u == unit else "  ") + name, no_wrap=True)
    w = min(bar_width(n), 4) if narrow else bar_width(n)
    for q in trace.quantities:
        role, scale = ROLES[q], _scale(trace, q)
        table.add_row(_label(q, lang), *[bar(st.values[q][u], role, scale, w) for u in range(n)])
    return table


def timeline(trace: Trace, i: int, unit: int, lang: str) -> Table:
    """The chosen unit's quantities over every step so far; later steps are dots."""
    who = "→H, ←H" if trace.kind == "birnn" else explain.unit_name(trace, unit, lang)
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1, 0, 0),
                  title=t("demo.timeline", lang, unit=who), title_justify="left",
                  title_style="bold")
    table.add_column("", no_wrap=True)
    for st in trace.steps:
        mark = "▲" if st.t == trace.steps[i].t else ""
        table.add_column(f"{mark}t={st.t}", justify="right", no_wrap=True,
                         header_style="bold reverse" if mark else "bold")
    if trace.kind == "birnn":
        h = len(trace.units) // 2
        rows = [("H_fwd", unit % h), ("H_bwd", unit % h)]
    else:
        rows = [(q, unit) for q in trace.quantities]
    xs = Text(t("demo.timeline.x", lang))
    table.add_row(xs, *[explain.num(st.x[0]) + ("*" if st.x[1] else "?" if st.x[2] else "") for st in trace.steps])
    for q, u in rows:
        cells = []
        for j, st in enumerate(trace.steps):
            if j > i:
                cells.append(Text("·", style="dim"))
                continue
            v = st.values[q][u]
            style = _cell_style(v, ROLES[q])
            cells.append(Text(explain.num(v), style=("bold " + style) if j == i else style))
        table.add_row(_label(q, lang), *cells)
    return table


def _cell_style(v: float, role: str) -> str:
    if role == "gate":
        return "green" if v >= explain.OPEN else "bright_black" if v <= explain.SHUT else "yellow"
    return "red" if v > 0.05 else "blue" if v < -0.05 else ""


def grad_chart(trace: Trace, upto: int, lang: str, width: int = 22, rows: int | None = None) -> list[RenderableType]:
    """RNN beside LSTM, one row per step from t = T back, bars on a log scale with labelled decades;
    at most `rows` rows (the latest), for small terminals."""
    norms = [st.grads[m]["norm"] for st in trace.steps for m in ("rnn", "lstm")]
    positive = [v for v in norms if v > 0]
    hi = math.ceil(math.log10(max(positive))) if positive else 0
    lo = max(math.floor(math.log10(min(positive))) if positive else hi - 1, hi - 8)
    lo = min(lo, hi - 1)

    def length(v: float) -> float:
        if v <= 0:
            return 0.0
        return max(0.0, (math.log10(v) - lo) / (hi - lo))

    axis = [" "] * (width + 1)
    for d in range(lo, hi + 1):
        axis[round((d - lo) / (hi - lo) * width)] = "┊"
    labels = f"10^{lo}".ljust(width - 3) + f"10^{hi}"
    out: list[RenderableType] = [Text(t("demo.bptt.scale", lang), style="bold")]
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1, 0, 0))
    table.add_column("", no_wrap=True)
    table.add_column(t("demo.bptt.rnn", lang), no_wrap=True)
    table.add_column(t("demo.bptt.lstm", lang), no_wrap=True)
    table.add_row("", "".join(axis), "".join(axis))
    first = 0 if rows is None else max(0, upto + 1 - rows)
    if first:  # say so: a chart that silently starts lower down reads as if the gradient started there
        out.append(Text(t("demo.bptt.hidden", lang, n=first, T=trace.steps[0].t, t=trace.steps[first - 1].t),
                        style="dim"))
    for j, st in enumerate(trace.steps):
        if j > upto:
            break
        if j < first:
            continue
        cells = []
        for m, style in (("rnn", "yellow"), ("lstm", "green")):
            v = st.grads[m]["norm"]
            cells.append(Text.assemble((_fill(length(v), width), style), f" {explain._g(v)}"))
        table.add_row(Text(f"t={st.t}", style="bold reverse" if j == upto else ""), *cells)
    table.add_row("", labels, labels)
    out.append(table)
    return out


def frame(trace: Trace, i: int, unit: int, lang: str, *, with_timeline: bool = True,
          keys: bool = False, playing: bool = False, chart_rows: int | None = None, compact: bool = False,
          short: bool = False, with_bars: bool = True, chart_width: int = 22) -> Group:
    """Everything one step shows (`compact`: without the weights note and blank lines, for small terminals;
    `short`: equations without their symbolic form; `with_bars`: the bars of every unit)."""
    gap = [] if compact else [Text("")]
    parts: list[RenderableType] = header(trace, i, lang, compact) + gap
    parts += equations_block(trace, i, unit, lang, short) + gap
    if trace.kind == "bptt":
        if chart_rows != 0:
            parts += grad_chart(trace, i, lang, width=chart_width, rows=chart_rows)
    elif not with_bars:
        pass
    else:
        parts.append(bars_table(trace, i, lang, unit, narrow=short))
        if with_timeline:
            parts += [Text(""), timeline(trace, i, unit, lang)]
    parts += gap
    changed = explain.changes(trace, i, lang, unit=unit)
    if i == 0:
        c0 = ", C_0 = 0" if trace.kind == "lstm" else ""
        key = {"bptt": "demo.changed.first.bptt", "birnn": "demo.changed.first.birnn"}.get(trace.kind,
                                                                                          "demo.changed.first")
        parts.append(Text(t(key, lang, c0=c0, T=trace.length, T1=trace.length + 1), style="dim"))
    else:
        before = trace.steps[i - 1].t
        parts.append(Text.assemble((t("demo.changed", lang, t=before), "bold"),
                                   ("" if lang == "zh" else " ") + "  ·  ".join(changed)))
    parts.append(Text.assemble(("► ", "bold magenta"), explain.sentence(trace, i, unit, lang)))
    if keys:
        parts += gap
        end = i == trace.length - 1
        parts.append(Text(t("demo.end", lang) if end else t("demo.keys", lang, n=min(9, len(trace.units))) + ("  ▶" if playing else ""),
                          style="dim"))
    return Group(*parts)


def chart_width(columns: int) -> int:
    """Cells of a bptt bar: 22 from 70 columns on, fewer below, so both columns keep their numbers."""
    return 22 if columns >= 70 else max(6, (columns - 6) // 2 - 10)


def deeper_block(kind: str, found: Deeper, lang: str) -> list[RenderableType]:
    """The commands that go further, each beside what it shows."""
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 2, 0, 2), show_header=False)
    table.add_column(no_wrap=True, style="cyan")
    table.add_column(overflow="fold")  # wrapped, never cut with an ellipsis
    for pid, title in found.proofs:
        table.add_row(f"rnnquiz prove {pid}", title.get(lang) or title["en"])
    for qid in found.questions:
        kind_, claim = found.about.get(qid, ("", {}))
        kind_ = t(f"type.{kind_}", lang) if f"type.{kind_}" in STRINGS else kind_  # the names every screen uses
        about = t("demo.deeper.show", lang, type=kind_, claim=claim.get(lang) or claim.get("en", "")) if claim else ""
        table.add_row(f"rnnquiz show {qid}", about)
    if found.topic:
        table.add_row(f"rnnquiz quiz --topic {found.topic}", t("demo.deeper.quiz", lang, topic=found.topic))
    table.add_row(f"rnnquiz demo {kind} --random", t("demo.deeper.random", lang))
    return [Text(t("demo.deeper", lang), style="bold"), table]


def print_trace(console: Console, trace: Trace, unit: int, lang: str, found: Deeper, only: int | None = None) -> None:
    """The whole trace (or step `only`), plain and complete, then the commands that go deeper."""
    indices = range(trace.length) if only is None else [only]
    for n, i in enumerate(indices):
        if n:
            console.rule(style="dim")
        console.print(frame(trace, i, unit, lang, with_timeline=only is not None or i == trace.length - 1,
                            chart_width=chart_width(console.width)))
    console.print()
    for line in deeper_block(trace.kind, found, lang):
        console.print(line)


def save_trace(trace: Trace, unit: int, lang: str, found: Deeper, only: int | None,
               targets: dict[str, object]) -> list[object]:
    """Record the whole trace (or step `only`) in colour at 110 columns and save it as each of
    ``targets`` ({"svg": path, "html": path}); returns the paths written."""
    with open(os.devnull, "w") as sink:
        rec = Console(record=True, width=110, highlight=False, emoji=False, force_terminal=True, color_system="truecolor",
                      file=sink)
        print_trace(rec, trace, unit, lang, found, only)
    from pathlib import Path

    from rnnquiz.export.write import write_text  # atomic: a full disk is exit 4, the old file intact

    saved = []
    for kind, path in targets.items():
        if kind == "svg":
            write_text(Path(path), rec.export_svg(title=f"rnnquiz demo {trace.kind}", clear=False))  # type: ignore[arg-type]
        else:
            write_text(Path(path), rec.export_html(clear=False))  # type: ignore[arg-type]
        saved.append(path)
    return saved


# ---------------------------------------------------------------- the terminal: raw keys, redraw


@contextmanager
def raw_keys() -> Iterator[int]:
    """stdin in cbreak mode (one key at a time, Ctrl-C still interrupts), restored on the way out."""
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield fd
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


KEYS = {b"\x1b[C": "next", b"\x1bOC": "next", b"\r": "next", b"\n": "next", b" ": "next", b"l": "next",
        b"\x1b[D": "back", b"\x1bOD": "back", b"\x7f": "back", b"\x08": "back", b"h": "back",
        b"u": "unit", b"U": "unit", b"p": "play", b"q": "quit", b"Q": "quit",
        b"\x1b[A": "unit", b"\x1b[B": "unit"}


def parse_keys(data: bytes) -> list[str]:
    """Actions in one read: a pasted or fast run of keys (``\x1b[C\x1b[C``) gives one action per key."""
    if data == b"\x1b":  # Esc alone
        return ["quit"]
    actions = []
    while data:
        if data[:2] in (b"\x1b[", b"\x1bO") and not any(data.startswith(k) for k in KEYS):
            end = 2  # an escape sequence we do not use (PageUp, F5 …): skip it whole
            while end < len(data) and not (0x40 <= data[end] <= 0x7E):
                end += 1
            data = data[end + 1:]
            actions.append("other")
            continue
        for seq in sorted((k for k in KEYS if data.startswith(k)), key=len, reverse=True)[:1]:
            actions.append(KEYS[seq])
            data = data[len(seq):]
            break
        else:
            ch, data = data[:1], data[1:]
            actions.append("unit:" + ch.decode() if ch.isdigit() else "other")
    return actions


def read_keys(fd: int, timeout: float | None) -> list[str] | None:
    """The actions of the keys pressed, or None when `timeout` seconds pass without one."""
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return None
    return parse_keys(os.read(fd, 64))


def render_lines(console: Console, renderable: RenderableType) -> str:
    with console.capture() as cap:
        console.print(renderable)
    return cap.get()


def show(text: str) -> None:
    """Redraw the screen with one rendered frame: home, the frame, clear the rest (no flicker)."""
    sys.stdout.write("\x1b[H" + text.rstrip("\n").replace("\n", "\x1b[K\n") + "\x1b[K\x1b[J")
    sys.stdout.flush()


CUT = re.compile(r"\S…(\s|$)", re.M)  # a table cell Rich cut short to the width (x_1…x_5 is no cut)


def fitted(console: Console, trace: Trace, i: int, unit: int, lang: str, playing: bool) -> str:
    """The fullest frame that fits the terminal: the timeline goes first, then the notes and blank lines,
    the symbolic forms of the equations, the bars (fewer chart rows for bptt); the title and the step line
    go last: if even the smallest frame is too tall, its bottom is cut (the keys line stays), never its top."""
    height = console.height
    small = {"with_timeline": False, "compact": True, "short": True}
    options: list[dict] = [{"with_timeline": True}, {"with_timeline": False},
                           {"with_timeline": False, "compact": True}, small, small | {"with_bars": False}]
    if trace.kind == "bptt":
        options = ([{"chart_rows": n} for n in (None, 8, 4)] + [{"chart_rows": n, "compact": True} for n in (4, 2, 1)]
                   + [{"chart_rows": n, "compact": True, "short": True} for n in (4, 2, 1, 0)])
    text = ""
    for opt in options:
        text = render_lines(console, frame(trace, i, unit, lang, keys=True, playing=playing,
                                           chart_width=chart_width(console.width), **opt))
        if text.count("\n") <= height and not CUT.search(text):
            return text
    lines = text.rstrip("\n").split("\n")
    return "\n".join(lines[:max(1, height - 1)] + lines[-1:]) + "\n"


@contextmanager
def screen() -> Iterator[None]:
    """The alternate screen with the cursor hidden, as less and top use."""
    sys.stdout.write("\x1b[?1049h\x1b[?25l")
    sys.stdout.flush()
    try:
        yield
    finally:
        sys.stdout.write("\x1b[?25h\x1b[?1049l")
        sys.stdout.flush()
