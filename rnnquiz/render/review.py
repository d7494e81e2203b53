"""Review on screen: card headers, rating keys with their intervals, what was saved, due counts, doctor.

Bank text (question ids come from user banks too) only reaches Rich inside `Text` objects.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rnnquiz.study.scheduler import RATING_NAMES, DayClock, Deadline, Outcome, format_interval
from rnnquiz.textsafe import escape_line

RATING_LABELS = {
    "en": {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"},
    "zh": {1: "重来", 2: "困难", 3: "良好", 4: "简单"},
}
RATING_STYLES = {1: "red", 2: "yellow", 3: "green", 4: "cyan"}


def _t(lang: str, en: str, zh: str) -> str:
    return zh if lang == "zh" else en


def note(console: Console, message: str) -> None:
    console.print(Text(message, style="yellow"))


def warn(console: Console, message: str) -> None:
    console.print(Text(f"warning: {message}", style="yellow"))


def header(shown: Any, deadline: Deadline | None, counts: dict[str, int], lang: str) -> str:
    """One dim line above the card: queue, due counts, days left before the deadline."""
    parts = [f"{shown.question_id} · {shown.pick.queue}", _t(lang, f"due {counts['due_now']}", f"到期 {counts['due_now']}")]
    if deadline is not None and not deadline.passed:
        parts.append(_t(lang, f"{deadline.days_left} day(s) to {deadline.date}", f"距 {deadline.date} 还有 {deadline.days_left} 天"))
    return " · ".join(parts)


def reveal_prompt(lang: str) -> str:
    return _t(lang, "Enter to reveal (u undo, p proof, q quit) ", "回车揭晓答案（u 撤销，p 证明，q 退出）")


def rating_keys(console: Console, outcomes: dict[int, Outcome], allowed: tuple[int, ...], default: int, lang: str) -> None:
    """Every rating key with the interval it gives — the interval that will be stored."""
    line = Text()
    for r in allowed:
        o = outcomes[r]
        label = RATING_LABELS.get(lang, RATING_LABELS["en"])[r]
        line.append(f" {r} ", style="reverse bold" if r == default else "bold")
        line.append(f" {label} ", style=RATING_STYLES[r])
        line.append(format_interval(o.interval) + ("*" if o.capped else ""), style="dim")
        line.append("   ")
    line.append(_t(lang, f"(Enter = {default})", f"（回车 = {default}）"), style="dim")
    console.print(line)
    if any(outcomes[r].capped for r in allowed):
        console.print(Text(_t(lang, "* shortened to come back before the deadline", "* 已缩短，以便在截止日期前复习"), style="dim"))


def saved(console: Console, result: Any, lang: str) -> None:
    label = RATING_LABELS.get(lang, RATING_LABELS["en"])[result.rating]
    if not result.saved:
        console.print(Text(_t(lang, "reviewed elsewhere — not saved here; moving on", "已在别处复习——此处未保存；继续"), style="yellow"))
        return
    console.print(Text(f"{label} → {format_interval(result.outcome.interval)}", style=RATING_STYLES[result.rating]))


def undo_result(console: Console, undone: Any, lang: str) -> None:
    if undone is None:
        console.print(Text(_t(lang, "nothing to undo in this session", "本次没有可撤销的回答"), style="yellow"))
    elif undone.card is None:
        console.print(Text(_t(lang, f"{undone.question_id} changed elsewhere; not undone", f"{undone.question_id} 已在别处改动，未撤销"), style="yellow"))
    else:
        console.print(Text(_t(lang, f"undone: {undone.question_id} (it comes back now)", f"已撤销：{undone.question_id}（马上重新出现）"), style="cyan"))


def review_json(answer: Any) -> dict[str, Any]:
    return {
        "id": answer.question_id,
        "rating": RATING_NAMES[answer.rating],
        "interval_shown": format_interval(answer.outcome.interval),
        "interval_seconds": int(answer.outcome.interval.total_seconds()),
        "due": answer.outcome.due.isoformat(),
    }


def _when(t: datetime, now: datetime, clock: DayClock) -> str:
    local = t.astimezone(clock.tz)
    return f"{format_interval(max(t - now, timedelta(0)))} ({local:%Y-%m-%d %H:%M})"


def nothing_left(console: Console, session: Any, next_due: datetime | None, now: datetime, clock: DayClock, lang: str) -> None:
    if session.limit is not None and len(session.saved) >= session.limit:
        console.print(Text(_t(lang, f"Session limit of {session.limit} reached.", f"已达本次上限 {session.limit}。")))
        return
    msg = _t(lang, "Nothing due now.", "现在没有到期的卡片。")
    if next_due is not None:
        msg += _t(lang, f" Next card due in {_when(next_due, now, clock)}.", f" 下一张将于 {_when(next_due, now, clock)} 到期。")
    console.print(Text(msg, style="green"))


def summary(console: Console, session: Any, now: datetime, clock: DayClock, lang: str, *, interrupted: bool = False) -> None:
    kept = session.saved
    again = sum(1 for a in kept if a.rating == 1)
    elsewhere = sum(1 for a in session.answers if a.log_id is None and a.given != "undo")
    msg = _t(lang, f"Saved {len(kept)} review(s) ({again} again).", f"已保存 {len(kept)} 次复习（{again} 次重来）。")
    if elsewhere:
        msg += _t(lang, f" {elsewhere} reviewed elsewhere.", f" {elsewhere} 张已在别处复习。")
    if interrupted:
        msg = _t(lang, "Interrupted. ", "已中断。") + msg
    console.print(Text(msg, style="bold"))


def undone(console: Console, question_id: str, rating: int, reviewed_at: str, card: Any) -> None:
    label = RATING_LABELS["en"][rating]
    line = Text(f"Undone: {escape_line(question_id)} ({label} at {escape_line(str(reviewed_at))}).")
    if card.due is not None:
        line.append(f" Due again {card.due.isoformat()}.")
    else:
        line.append(" It is new again.")
    console.print(line)


def due(console: Console, doc: dict[str, Any], deadline: Deadline | None, now: datetime, clock: DayClock) -> None:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("due now", str(doc["due_now"]))
    table.add_row("due today", str(doc["due_today"]))
    table.add_row("due tomorrow", str(doc["due_tomorrow"]))
    table.add_row("new available", str(doc["new_available"]))
    if doc["next_due"]:
        table.add_row("next due", _when(datetime.fromisoformat(doc["next_due"]), now, clock))
    if deadline is not None:
        table.add_row("deadline", f"{deadline.date} ({deadline.days_left} day(s) left)")
    console.print(table)


def doctor(console: Console, diagnosis: Any, repaired: int) -> None:
    console.print(Text(f"{diagnosis.checked} card(s) rebuilt from the review log."))
    for label, ids, style in (
        ("differ from the log", diagnosis.mismatched, "red"),
        ("missing a card row", diagnosis.missing, "red"),
        ("card rows without history", diagnosis.extra, "yellow"),
        ("orphans (history of questions no longer in the banks; kept)", diagnosis.orphans, "yellow"),
    ):
        if ids:
            console.print(Text(f"{len(ids)} {label}: " + escape_line(", ".join(ids[:20])) + (" …" if len(ids) > 20 else ""), style=style))
    if repaired:
        console.print(Text(f"Repaired {repaired} card row(s) from the log.", style="green"))
    elif not (diagnosis.mismatched or diagnosis.missing):
        console.print(Text("Cards match the log.", style="green"))
    else:
        console.print(Text("Run `rnnquiz doctor --repair` to rebuild them from the log.", style="yellow"))
