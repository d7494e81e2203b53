"""The end of a quiz: score, time, tables per topic and per type, most-missed claims, what to run next."""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from rnnquiz.bank.schema import Claim
from rnnquiz.study.quiz import Summary, Tally

LABELS = {
    "en": {
        "score": "Score: ", "time": "time", "seed": "seed", "topic": "topic", "type": "type", "right": "right",
        "of": "of", "claims": "Claims most often missed:", "deeper": "Go deeper:", "not_built": "(not built yet)",
        "not_reached": "{n} question(s) not reached count as missed", "not_asked": "{n} question(s) not asked",
        "done": "", "quit": "ended early (q)", "eof": "end of input",
        "interrupted": "interrupted (Ctrl-C); answers so far are saved", "time_up": "time is up",
    },
    "zh": {
        "score": "得分：", "time": "用时", "seed": "种子", "topic": "主题", "type": "题型", "right": "答对",
        "of": "共", "claims": "最常答错的论点：", "deeper": "深入学习：", "not_built": "（实验尚未实现）",
        "not_reached": "{n} 道题未来得及作答，计为答错", "not_asked": "{n} 道题未作答",
        "done": "", "quit": "提前结束（q）", "eof": "输入结束",
        "interrupted": "已中断（Ctrl-C）；已作答的题目均已保存", "time_up": "时间到",
    },
}  # fmt: skip
END_KEYS = {"done": "done", "quit": "quit", "eof": "eof", "interrupted": "interrupted", "time": "time_up"}


def duration(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def _table(title: str, rows: Mapping[str, Tally], L: Mapping[str, str]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=None, pad_edge=False)
    table.add_column(title)
    table.add_column(L["right"], justify="right")
    table.add_column(L["of"], justify="right")
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
    L = LABELS.get(lang, LABELS["en"])
    console.print()
    score = Text().append(L["score"], style="bold").append(f"{s.right}/{s.total}", style="bold green" if s.right == s.total and s.total else "bold")
    if s.total:
        score.append(f"  ({100 * s.right / s.total:.0f}%)")
    score.append(f"   {L['time']} {duration(s.seconds)}")
    if seed is not None:
        score.append(f"   {L['seed']} {seed}", style="dim")
    console.print(score)
    note = L[END_KEYS[s.end]] if s.end in END_KEYS else s.end
    if s.timed_out and s.unanswered:
        note += ": " + L["not_reached"].format(n=s.unanswered)
    elif s.unanswered:
        note += "; " + L["not_asked"].format(n=s.unanswered)
    if note:
        console.print(Text(note, style="yellow"))
    if not s.total:
        return
    if len(s.by_topic) > 1 or len(s.by_type) > 1:
        console.print(_table(L["topic"], s.by_topic, L))
        console.print(_table(L["type"], s.by_type, L))
    if s.claims:
        console.print(Text(L["claims"], style="bold"))
        for cid, count in s.claims[:5]:
            title = claims[cid].title.get(lang) if claims and cid in claims else ""
            console.print(Text(f"  {cid} ×{count}  ").append(title))
    if s.missed:
        console.print(Text(L["deeper"], style="bold"))
        for item in s.missed[:8]:
            line = Text(f"  rnnquiz show {item.id}")
            if proofs and item.id in proofs:
                line.append(f"   rnnquiz prove {item.id}")
                if not proofs[item.id]:
                    line.append(f"  {L['not_built']}", style="dim")
            console.print(line)
        console.print(Text("  rnnquiz quiz --missed", style="bold"))
