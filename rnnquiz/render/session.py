"""The end of a quiz: score, time, tables per topic and per type, most-missed claims, what to run next."""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from rnnquiz.bank.schema import Claim
from rnnquiz.study.quiz import Summary, Tally

ENDS = {
    "done": "", "quit": "ended early (q)", "eof": "end of input", "interrupted": "interrupted (Ctrl-C); answers so far are saved",
    "time": "time is up",
}  # fmt: skip


def duration(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def _table(title: str, rows: Mapping[str, Tally]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=None, pad_edge=False)
    table.add_column(title)
    table.add_column("right", justify="right")
    table.add_column("of", justify="right")
    table.add_column("%", justify="right")
    for key, t in sorted(rows.items(), key=lambda kv: (kv[1].percent, kv[0])):
        style = "green" if t.right == t.total else ("red" if t.right * 2 < t.total else "yellow")
        table.add_row(Text(key), str(t.right), str(t.total), Text(f"{t.percent:.0f}", style=style))
    return table


def print_summary(
    console: Console,
    s: Summary,
    *,
    lang: str,
    claims: Mapping[str, Claim] | None = None,
    proofs: Mapping[str, bool] | None = None,
    seed: int | None = None,
) -> None:
    """`proofs`: question id -> whether its proof is built (only questions with a proof are listed)."""
    console.print()
    score = Text("Score: ", style="bold").append(f"{s.right}/{s.total}", style="bold green" if s.right == s.total and s.total else "bold")
    if s.total:
        score.append(f"  ({100 * s.right / s.total:.0f}%)")
    score.append(f"   time {duration(s.seconds)}")
    if seed is not None:
        score.append(f"   seed {seed}", style="dim")
    console.print(score)
    note = ENDS.get(s.end, s.end)
    if s.timed_out and s.unanswered:
        note += f": {s.unanswered} question(s) not reached count as missed"
    elif s.unanswered:
        note += f"; {s.unanswered} question(s) not asked"
    if note:
        console.print(Text(note, style="yellow"))
    if not s.total:
        return
    if len(s.by_topic) > 1 or len(s.by_type) > 1:
        console.print(_table("topic", s.by_topic))
        console.print(_table("type", s.by_type))
    if s.claims:
        console.print(Text("Claims most often missed:", style="bold"))
        for cid, count in s.claims[:5]:
            title = claims[cid].title.get(lang) if claims and cid in claims else ""
            console.print(Text(f"  {cid} ×{count}  ").append(title))
    if s.missed:
        console.print(Text("Go deeper:", style="bold"))
        for item in s.missed[:8]:
            line = Text(f"  rnnquiz show {item.id}")
            if proofs and item.id in proofs:
                line.append(f"   rnnquiz prove {item.id}")
                if not proofs[item.id]:
                    line.append("  (not built yet)", style="dim")
            console.print(line)
        console.print(Text("  rnnquiz quiz --missed", style="bold"))
