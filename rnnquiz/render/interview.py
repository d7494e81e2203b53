"""The mock interview on screen: steps, the marking of an explanation, the model answer, the report.

Bank text reaches Rich only inside `rich.text.Text` objects (never as markup). UI strings come from the
`_INTERVIEW` block of rnnquiz/i18n.py. Other question types are drawn by rnnquiz/render/question.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rnnquiz.i18n import t
from rnnquiz.study.scheduler import ZH_UNITS

if TYPE_CHECKING:
    from rnnquiz.bank.explain import Mark
    from rnnquiz.bank.schema import Claim, Explain, Question
    from rnnquiz.study.interview import DrillRef, Report, Step

_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # CSI, ESC x, C0/C1


def clean(text: str) -> str:
    """Bank text and the candidate's words without control characters: never a terminal sequence."""
    return _CONTROL.sub("", text)


def _t(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


ICONS = {"covered": "✓", "partly": "◐", "missing": "✗", "contradicted": "≠"}
STYLES = {"covered": "bold green", "partly": "bold yellow", "missing": "bold red", "contradicted": "bold magenta"}


def interval_text(interval: str, lang: str) -> str:
    """An interval label ("9d", "10m", "2.1mo") in the UI's language: "9 天", "10 分钟", "2.1 个月"."""
    m = re.fullmatch(r"([0-9.]+)(mo|[smhdy])", interval)
    if lang != "zh" or not m:
        return interval
    return f"{m.group(1)} {ZH_UNITS[m.group(2)]}"


def label(key: str, lang: str) -> str:
    """A UI label followed by a colon: full-width in Chinese (答案：), `: ` in English."""
    return t(key, lang) + ("：" if lang == "zh" else ": ")


def paren(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f"({text})"


def joined(words: Sequence[str], lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(f"“{clean(w)}”" for w in words)


def clock(td: timedelta) -> str:
    m, s = divmod(int(td.total_seconds()), 60)
    return f"{m}:{s:02d}"


def print_seed(console: Console, seed: int, lang: str) -> None:
    """On stderr (the caller's console): the seed that replays this interview."""
    console.print(Text(t("interview.seed", lang, seed=seed), style="dim"))


def print_title(console: Console, minutes: float, seed: int, lang: str) -> None:
    console.print(Text(t("interview.title", lang, minutes=f"{minutes:g}", seed=seed), style="bold"))
    console.print(Text(t("interview.intro", lang), style="dim"))


def print_step(console: Console, step: Step, left: timedelta, lang: str, after: Question | None = None) -> None:
    """The rule with the question number and the time left, then why this question comes now (and, for a
    follow-up, the question it follows up: a numeric may have come in between)."""
    console.print()
    console.rule(Text(t("interview.step", lang, n=step.number, left=clock(left))), align="left", style="dim")
    console.print(Text(t(f"interview.why.{step.reason}", lang), style="italic cyan"))
    if after is not None:
        console.print(_t(t("interview.follow_up_on", lang, prompt=after.prompt.get(lang)), "dim"))


def print_explain_prompt(console: Console, q: Question, lang: str) -> None:
    console.print(_t(q.prompt.get(lang), "bold"))
    console.print(Text(t("interview.answer_prompt", lang), style="dim"))


def print_marks(console: Console, marks: Sequence[Mark], lang: str) -> None:
    """One row per key point: status, required or not, the point, and the words that matched (a grid, so
    a long point wraps under itself)."""
    console.print()
    console.print(Text(t("interview.caption", lang), style="dim"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column()
    for i, m in enumerate(marks, 1):
        kind = t("interview.required" if m.required else "interview.optional", lang)
        status = Text(f"{ICONS[m.status]} {t(f'interview.status.{m.status}', lang)}", style=STYLES[m.status])
        grid.add_row(Text(f"{i}."), status, _t(m.point.point.get(lang)).append("  " + paren(kind, lang), style="dim"))
        if m.matched:
            grid.add_row("", "", _t(t("interview.matched", lang, words=joined(m.matched, lang)), "green"))
        if m.negated:
            grid.add_row("", "", _t(t("interview.negated", lang, words=joined(m.negated, lang)), "yellow"))
        if m.contradicted:
            grid.add_row("", "", _t(t("interview.contradicted", lang, words=joined(m.contradicted, lang)), "magenta"))
    console.print(grid)


def print_model(console: Console, q: Explain, statuses: Sequence[str], lang: str) -> None:
    """The model answer, the explanation and the common misconception, then the key points that were
    not (fully) there."""
    console.print()
    console.print(Text(label("interview.model", lang), style="bold").append(clean(q.answer.get(lang)), style=""))
    for key, text in (("interview.why_label", q.explanation), ("interview.misconception", q.misconception)):
        if text is not None and text.get(lang):
            console.print(Text(label(key, lang), style="bold").append(clean(text.get(lang)), style=""))
    missed = [(p, s) for p, s in zip(q.rubric, statuses, strict=True) if s != "covered"]
    if missed:
        console.print(Text(label("interview.not_matched", lang).rstrip(), style="bold yellow"))
        grid = Table.grid(padding=(0, 1))  # a long point wraps under itself, not under the icon
        grid.add_column(no_wrap=True)
        grid.add_column()
        for p, s in missed:
            grid.add_row(Text(f"  {ICONS[s]}", style=STYLES[s]), _t(p.point.get(lang)))
        console.print(grid)


def print_corrected(console: Console, lang: str) -> None:
    console.print(Text(t("interview.corrected", lang), style="dim"))


def print_rating(console: Console, rating: int, interval: str | None, lang: str) -> None:
    style = "bold green" if rating >= 3 else ("bold yellow" if rating == 2 else "bold red")
    line = Text(t("interview.rating", lang, rating=rating, name=t(f"interview.rating.{rating}", lang)), style=style)
    if interval:
        line.append("  ·  " + t("interview.next_review", lang, interval=interval_text(interval, lang)), style="dim")
    console.print(line)


def print_skipped(console: Console, lang: str) -> None:
    console.print(Text(t("interview.skipped", lang), style="bold yellow"))


def print_drill(console: Console, drill: DrillRef, lang: str) -> None:
    console.print(_t(t("interview.drill", lang, title=drill.title.get(lang), id=drill.id)))


def print_note(console: Console, text: str, style: str = "yellow") -> None:
    console.print(_t(text, style))


def print_report(console: Console, report: Report, claims: Mapping[str, Claim], lang: str, saved: int | None = None) -> None:
    """The claims shown and missed, with their titles, and the commands to study them."""
    console.print()
    console.rule(Text(t("interview.report.title", lang), style="bold"), align="left")
    m, s = divmod(int(round(report.seconds)), 60)
    end = t(f"interview.end.{report.end}", lang)
    console.print(Text(t("interview.report.score", lang, right=report.right, asked=report.asked, duration=f"{m}:{s:02d}", end=end)))
    for key, ids, style in (("shown", report.shown, "green"), ("missed", report.missed, "red")):
        console.print(Text(label(f"interview.report.{key}", lang).rstrip(), style=f"bold {style}"))
        if not ids:
            console.print(Text("  " + t("interview.report.none", lang), style="dim"))
        for cid in ids:
            title = claims[cid].title.get(lang) if cid in claims else ""
            console.print(Text(f"  {cid}  ", style=style).append(clean(title)))
    if report.commands:
        console.print(Text(label("interview.report.study", lang).rstrip(), style="bold"))
        for cmd in report.commands:
            console.print(_t(f"  {cmd}" + (" --lang zh" if lang == "zh" else ""), "cyan"))
    if saved is not None:
        console.print(Text(t("interview.report.saved", lang, n=saved), style="dim"))


def explain_detail(q: Question, lang: str) -> list[Text]:
    """For `rnnquiz show`: the model answer and the key points with their concepts."""
    from rnnquiz.bank.schema import Explain

    assert isinstance(q, Explain)
    parts = [Text(label("interview.model", lang), style="bold green").append(clean(q.answer.get(lang)), style="")]
    parts.append(Text(label("interview.key_points", lang).rstrip(), style="bold"))
    for i, p in enumerate(q.rubric, 1):
        kind = t("interview.required" if p.required else "interview.optional", lang)
        parts.append(Text(f" {i}. ").append(clean(p.point.get(lang))).append("  " + paren(kind, lang), style="dim"))
    return parts
