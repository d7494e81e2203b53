"""The end of a quiz: score, time, tables per topic and per type, most-missed claims, what to run next."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from rnnquiz.bank.schema import Claim
from rnnquiz.i18n import t
from rnnquiz.render import claim_id
from rnnquiz.render.question import type_name
from rnnquiz.study.quiz import Summary, Tally

END_KEYS = {"quit": "quiz.end.quit", "eof": "quiz.end.eof", "interrupted": "quiz.end.interrupted", "time": "quiz.end.time"}
LABELS = ("score", "time", "seed", "topic", "type", "right", "of", "claims", "deeper", "not_reached", "not_asked")


def _labels(lang: str) -> dict[str, str]:
    keys = {k: f"quiz.{k}" for k in LABELS} | {"seed": "quiz.seed_label"}
    return {k: t(key, lang) for k, key in keys.items()}


def duration(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


def _table(title: str, rows: Mapping[str, Tally], L: Mapping[str, str], lang: str = "", types: bool = False) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=None, pad_edge=False)
    table.add_column(title)
    table.add_column(L["right"], justify="right")
    table.add_column(L["of"], justify="right")
    table.add_column("%", justify="right")
    for key, tally in sorted(rows.items(), key=lambda kv: (kv[1].percent, kv[0])):
        style = "green" if tally.right == tally.total else ("red" if tally.right * 2 < tally.total else "yellow")
        table.add_row(Text(type_name(key, lang) if types else key), str(tally.right), str(tally.total), Text(f"{tally.percent:.0f}", style=style))
    return table


def print_summary(
    console: Console,
    s: Summary,
    *,
    lang: str,
    claims: Mapping[str, Claim] | None = None,
    proofs: Mapping[str, bool] | Sequence[str] | None = None,
    seed: int | None = None,
) -> None:
    """`proofs`: the question ids that have a proof (`rnnquiz prove ID` is suggested for them)."""
    L = _labels(lang)
    console.print()
    score = Text().append(L["score"], style="bold").append(f"{s.right}/{s.total}", style="bold green" if s.right == s.total and s.total else "bold")
    if s.total:
        score.append(f"  ({100 * s.right / s.total:.0f}%)")
    score.append(f"   {L['time']} {duration(s.seconds)}")
    if seed is not None:
        score.append(f"   {L['seed']} {seed}", style="dim")
    console.print(score)
    note = t(END_KEYS[s.end], lang) if s.end in END_KEYS else ""
    if s.timed_out and s.unanswered:
        note += ("：" if lang == "zh" else ": ") + L["not_reached"].format(n=s.unanswered)
    else:
        sep = "；" if lang == "zh" else "; "
        if s.withdrawn:  # the current question was answered, but not judged: say so, it is not "not asked"
            note += sep + t("quiz.withdrawn", lang)
        if s.unanswered - s.withdrawn > 0:
            note += sep + L["not_asked"].format(n=s.unanswered - s.withdrawn)
    if note:
        console.print(Text(note, style="yellow"))
    if not s.total:
        return
    if len(s.by_topic) > 1 or len(s.by_type) > 1:
        console.print(_table(L["topic"], s.by_topic, L))
        console.print(_table(L["type"], s.by_type, L, lang, types=True))
    if s.claims:
        console.print(Text(L["claims"], style="bold"))
        for cid, count in s.claims[:5]:
            title = claims[cid].title.get(lang) if claims and cid in claims else (t("claim.extra", lang) if cid == "extra" else "")
            console.print(Text(f"  {claim_id(cid, lang)} ×{count}  ").append(title))
    if s.missed:
        console.print(Text(L["deeper"], style="bold"))
        flag = " --lang zh" if lang == "zh" else ""  # a command copied from a Chinese session stays Chinese
        for item in s.missed[:8]:
            line = Text(f"  rnnquiz show {item.id}{flag}")
            if proofs and item.id in proofs:
                line.append(f"   rnnquiz prove {item.id}{flag}")
            console.print(line)
        console.print(Text(f"  rnnquiz quiz --missed{flag}", style="bold"))
