"""``rnnquiz demo``: a heat map per quantity (gates, candidate, cell, hidden state) over the time steps.

Every cell prints its number, so the map reads without colour; with colour, gates shade from dark (0,
closed) to green (1, open), values in (−1, 1) from blue through black to red, gradients by magnitude.
"""

from __future__ import annotations

import math

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

NAMES = {
    "en": {"I": "I  input gate σ", "F": "F  forget gate σ", "O": "O  output gate σ", "C_tilde": "C̃  candidate cell tanh",
           "C": "C  memory cell", "H": "H  hidden state", "R": "R  reset gate σ", "Z": "Z  update gate σ",
           "H_tilde": "H̃  candidate state tanh", "H_fwd": "→H  forward direction", "H_bwd": "←H  backward direction",
           "dH": "∂L/∂H_t  gradient flowing back", "x": "x  input", "norm": "‖∂L/∂H‖",
           "title": "{kind}: {steps} steps, h={hidden}, seed {seed}", "unit": "unit", "loss": "loss L = ½‖H_T − y‖²",
           "back": "back through time: gradient norm per step (right to left)"},
    "zh": {"I": "I  输入门 σ", "F": "F  遗忘门 σ", "O": "O  输出门 σ", "C_tilde": "C̃  候选记忆细胞 tanh",
           "C": "C  记忆细胞", "H": "H  隐藏状态", "R": "R  重置门 σ", "Z": "Z  更新门 σ",
           "H_tilde": "H̃  候选隐藏状态 tanh", "H_fwd": "→H  前向", "H_bwd": "←H  反向",
           "dH": "∂L/∂H_t  梯度", "x": "x  输入", "norm": "‖∂L/∂H‖",
           "title": "{kind}：{steps} 个时间步，h={hidden}，种子 {seed}", "unit": "单元", "loss": "损失 L = ½‖H_T − y‖²",
           "back": "沿时间反向：每一步的梯度范数（从右到左）"},
}


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], w: float) -> str:
    w = min(max(w, 0.0), 1.0)
    r, g, bl = (round(x + (y - x) * w) for x, y in zip(a, b, strict=True))
    return f"rgb({r},{g},{bl})"


def cell_style(value: float, role: str, scale: float) -> str:
    if role == "gate":
        return "on " + _mix((20, 20, 20), (0, 150, 60), value)
    if role in ("squash", "cell"):
        v = value / scale if scale else 0.0
        return "on " + (_mix((20, 20, 20), (190, 40, 40), v) if v >= 0 else _mix((20, 20, 20), (40, 80, 200), -v))
    return "on " + _mix((20, 20, 20), (200, 150, 0), abs(value) / scale if scale else 0.0)


def _fmt(v: float, role: str) -> str:
    if role == "gate":
        return f"{v:.2f}"
    if role == "grad":
        return f"{v:+.1e}".replace("e-0", "e-").replace("e+0", "e+")
    return f"{v:+.2f}"


def demo_table(tr, lang: str) -> Table:
    N = NAMES[lang]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 0, 0, 1),
                  title=N["title"].format(kind=tr.kind, steps=tr.steps, hidden=tr.hidden, seed=tr.seed))
    table.add_column(N["unit"], min_width=8, max_width=16)  # long quantity labels wrap; unit rows are short
    for t in range(tr.steps):
        table.add_column(f"t={t + 1}", justify="right", no_wrap=True)
    table.add_row(Text(N["x"], style="bold"), *[""] * tr.steps)
    for j in range(len(tr.inputs[0])):
        table.add_row(f"  x[{j + 1}]", *[f"{row[j]:+.2f}" for row in tr.inputs])
    for qty in tr.quantities:
        table.add_row(Text(N.get(qty.key, qty.key), style="bold"), *[""] * tr.steps)
        scale = 1.0 if qty.role in ("gate", "squash") else max(abs(v) for row in qty.values for v in row) or 1.0
        width = len(qty.values[0])
        for u in range(width):
            cells = [Text(_fmt(row[u], qty.role), style=cell_style(row[u], qty.role, scale)) for row in qty.values]
            table.add_row(f"  {qty.key.replace('_tilde', '̃')}[{u + 1}]", *cells)
    if tr.grad_norms:
        table.add_row(Text(N["norm"], style="bold"), *[_fmt(v, "grad").lstrip("+") for v in tr.grad_norms])
    return table


def grad_bars(tr, lang: str, width: int = 40) -> list[Text]:
    """One bar per step, log-scaled, printed from t = T back to t = 1."""
    N = NAMES[lang]
    lines = [Text(N["back"], style="bold")]
    logs = [math.log10(v) if v > 0 else -300.0 for v in tr.grad_norms]
    top, bottom = max(logs), min(logs)
    span = max(top - bottom, 1e-12)
    for t in reversed(range(tr.steps)):
        n = 1 + round((logs[t] - bottom) / span * (width - 1))
        line = Text(f"t={t + 1:<3} ")
        line.append("█" * n, style="yellow")
        line.append(f" {tr.grad_norms[t]:.2e}")
        lines.append(line)
    return lines


def print_demo(console: Console, tr, lang: str) -> None:
    console.print(demo_table(tr, lang))
    if tr.loss is not None:
        console.print(Text(f"{NAMES[lang]['loss']} = {tr.loss:.4f}"))
    if tr.grad_norms:
        for line in grad_bars(tr, lang):
            console.print(line)
