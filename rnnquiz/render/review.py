"""Review on screen: card headers, rating keys with their intervals, what was saved, due counts, doctor.

Bank text (question ids come from user banks too) only reaches Rich inside `Text` objects.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rnnquiz.i18n import t
from rnnquiz.study.scheduler import RATING_NAMES, DayClock, Deadline, Outcome, format_interval
from rnnquiz.textsafe import escape_line

RATING_STYLES = {1: "red", 2: "yellow", 3: "green", 4: "cyan"}


def rating_label(rating: int, lang: str) -> str:
    return t(f"rating.{rating}", lang) if rating in (1, 2, 3, 4) else str(rating)


def local_time(at: datetime | str, tz: tzinfo | None = None) -> str:
    """A stored time in the local zone, to the minute (no microseconds, no UTC offset noise)."""
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def note(console: Console, message: str) -> None:
    console.print(Text(message, style="yellow"))


def drill_due(console: Console, card_id: str, prompt: str) -> None:
    """A drill card in review: its id (dim) and what to do; it is rated by `drill check`, not here."""
    console.print(Text(card_id, style="dim"))
    console.print(Text(prompt, style="cyan"))
    console.print()


def warn(console: Console, message: str, lang: str = "en") -> None:
    console.print(Text(t("warning", lang, message=message), style="yellow"))


def header(shown: Any, deadline: Deadline | None, counts: dict[str, int], new_left: int, lang: str, type_name: str = "") -> str:
    """One dim line above the card: queue, type, what is left today (due cards and new cards, as Anki counts
    them; "due 0" alone above a new card read as an error, newcomer round 7), days left before the deadline."""
    parts = [shown.question_id, t(f"queue.{shown.pick.queue}", lang)]
    if type_name:
        parts.append(type_name)
    parts.append(t("review.left", lang, due=counts["due_now"], new=new_left))
    if deadline is not None and not deadline.passed:
        parts.append(t("review.days_to", lang, days=deadline.days_left, date=deadline.date))
    return " · ".join(parts)


def rating_keys(console: Console, outcomes: dict[int, Outcome], allowed: tuple[int, ...], default: int, lang: str) -> None:
    """Every rating key with the interval it gives — the interval that will be stored."""
    items = []
    for r in allowed:
        o = outcomes[r]
        item = Text()
        item.append(f" {r} ", style="reverse bold" if r == default else "bold")
        item.append(f" {rating_label(r, lang)} ", style=RATING_STYLES[r])
        item.append(format_interval(o.interval, lang) + ("*" if o.capped else ""), style="dim")
        items.append(item)
    items.append(Text(t("review.enter_default", lang, default=default), style="dim"))
    # a narrow terminal breaks the row between keys, never inside one (newcomer round 7: at 60 columns the
    # Chinese row split 良好 from its interval)
    line, width = Text(), max(20, console.width)
    for item in items:
        if line.cell_len and line.cell_len + 3 + item.cell_len > width:
            console.print(line, no_wrap=True, overflow="fold")
            line = Text()
        if line.cell_len:
            line.append("   ")
        line.append_text(item)
    console.print(line, no_wrap=True, overflow="fold")
    if any(outcomes[r].capped for r in allowed):
        console.print(Text(t("review.capped", lang), style="dim"))


def saved(console: Console, result: Any, lang: str) -> None:
    if not result.saved:
        console.print(Text(t("review.elsewhere", lang), style="yellow"))
        return
    label = rating_label(result.rating, lang)
    console.print(Text(f"{label} → {format_interval(result.outcome.interval, lang)}", style=RATING_STYLES[result.rating]))


def undo_result(console: Console, undone: Any, lang: str, left: int | None = None) -> None:
    """What `u` did; with `left`, how many answers of this session can still be taken back (newcomer round 7:
    a second `u` did not say whether there was anything left to undo)."""
    if undone is None:
        console.print(Text(t("review.nothing_to_undo", lang), style="yellow"))
    elif undone.card is None:
        console.print(Text(t("review.undo_elsewhere", lang, id=undone.question_id), style="yellow"))
    else:
        console.print(Text(t("review.undone_now", lang, id=undone.question_id), style="cyan"))
        if left is not None:
            console.print(Text(t("review.undo_left", lang, n=left) if left else t("review.undo_last", lang), style="dim"))


def review_json(answer: Any) -> dict[str, Any]:
    return {
        "id": answer.question_id,
        "rating": RATING_NAMES[answer.rating],
        "interval_shown": format_interval(answer.outcome.interval),
        "interval_seconds": int(answer.outcome.interval.total_seconds()),
        "due": answer.outcome.due.isoformat(),
    }


def _when(at: datetime, now: datetime, clock: DayClock, lang: str) -> str:
    return t("due.next_when", lang, interval=format_interval(max(at - now, timedelta(0)), lang), time=local_time(at, clock.tz))


def nothing_left(console: Console, session: Any, next_due: datetime | None, now: datetime, clock: DayClock, lang: str,
                 *, new_waiting: int = 0, new_per_day: int = 0, new_today: int = 0) -> None:
    """Why the session ends: its limit, or nothing due; and, when new cards wait but today's new-card
    limit is used up, how to let more in (newcomer round 5 #11: it said only "Nothing due now.")."""
    if session.limit is not None and len(session.saved) >= session.limit:
        console.print(Text(t("review.limit", lang, n=session.limit)))
        return
    msg = t("review.nothing_due", lang)
    if next_due is not None:
        msg += t("review.next_due", lang, when=_when(next_due, now, clock, lang))
    console.print(Text(msg, style="green"))
    if new_waiting:
        k = min(10, new_waiting)  # --new N is the day's total (newcomer round 7: `--new 11` after 2 seen today, unexplained)
        day_total = max(new_today, new_per_day) + k
        console.print(Text(t("review.new_used", lang, n=new_waiting, seen=new_today, limit=new_per_day, k=k, more=day_total), style="dim"))


def summary(console: Console, session: Any, lang: str, *, interrupted: bool = False) -> None:
    kept = session.saved
    again = sum(1 for a in kept if a.rating == 1)
    elsewhere = sum(1 for a in session.answers if a.log_id is None and a.given != "undo")
    msg = t("review.saved", lang, n=len(kept), again=again)
    if elsewhere:
        msg += t("review.saved_elsewhere", lang, n=elsewhere)
    if interrupted:
        msg = t("review.interrupted", lang) + msg
    console.print(Text(msg, style="bold"))


def undone(console: Console, question_id: str, rating: int, reviewed_at: str, card: Any, lang: str) -> None:
    line = Text(t("undo.done", lang, id=escape_line(question_id), rating=rating_label(rating, lang), at=local_time(reviewed_at)))
    if card.due is not None:
        line.append(t("undo.due", lang, due=local_time(card.due)))
    else:
        line.append(t("undo.new", lang))
    console.print(line)


def plan_line(plan: dict[str, int], lang: str) -> str:
    line = t("review.plan", lang, new=plan["new"], days=plan["days"], per_day=plan["per_day"])
    limit = plan.get("new_per_day")
    if limit is not None and plan["per_day"] > limit:  # the plan needs more than the limit lets in
        line += t("review.plan_over", lang, limit=limit, per_day=plan["per_day"])
    return line


def due(console: Console, doc: dict[str, Any], deadline: Deadline | None, now: datetime, clock: DayClock, lang: str) -> None:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row(t("due.now", lang), str(doc["due_now"]))
    table.add_row(t("due.today", lang), str(doc["due_today"] - doc["due_now"]))
    table.add_row(t("due.tomorrow", lang), str(doc["due_tomorrow"]))
    table.add_row(t("due.new", lang), str(doc["new_available"]))
    if doc["next_due"] and not doc["due_now"]:  # "due now 3" and "next due in 7h" never side by side
        table.add_row(t("due.next", lang), _when(datetime.fromisoformat(doc["next_due"]), now, clock, lang))
    if deadline is not None:
        table.add_row(t("due.deadline", lang), t("due.days_left", lang, date=deadline.date, days=deadline.days_left))
        if doc.get("plan"):
            table.add_row(t("due.plan", lang), plan_line(doc["plan"], lang))
    console.print(table)


def doctor(console: Console, diagnosis: Any, repaired: int, quarantined: int, lang: str) -> None:
    console.print(Text(t("doctor.checked", lang, n=diagnosis.checked)))
    for key, ids, style in (
        ("doctor.mismatched", diagnosis.mismatched, "red"),
        ("doctor.missing", diagnosis.missing, "red"),
        ("doctor.extra", diagnosis.extra, "yellow"),
        ("doctor.orphans", diagnosis.orphans, "yellow"),
    ):
        if ids:
            shown = escape_line(", ".join(ids[:20])) + (" …" if len(ids) > 20 else "")
            console.print(Text(t(key, lang, n=len(ids), ids=shown), style=style))
    for p in diagnosis.poisoned:
        console.print(Text(t("doctor.poisoned", lang, log_id=p.log_id, id=escape_line(p.question_id), reason=p.reason), style="red"))
    if quarantined:
        console.print(Text(t("doctor.quarantined", lang, n=quarantined), style="green"))
    if repaired:
        console.print(Text(t("doctor.repaired", lang, n=repaired), style="green"))
    if diagnosis.healthy:
        console.print(Text(t("doctor.ok", lang), style="green"))
    elif not (repaired or quarantined):
        console.print(Text(t("doctor.hint", lang), style="yellow"))


def tables(console: Console, readable: dict[str, str | None], lang: str) -> None:
    ok = [name for name, error in readable.items() if error is None]
    console.print(Text(t("doctor.readable", lang, tables=", ".join(ok) or "—")))
    for name, error in readable.items():
        if error is not None:
            console.print(Text(t("doctor.unreadable", lang, table=name, error=error), style="red"))
