"""Review statistics: pure functions over rows the store returns (aggregated by SQL where the log is big).

Definitions (issue 7):
- today: reviews, again count, minutes since the study day began; cards due now / later today / tomorrow.
- retention: true retention = share of reviews rated Hard, Good or Easy among reviews of cards whose
  interval was ≥ 1 day; young (< 21 days) and mature (≥ 21 days); over the last day, week and month.
- forecast: studied cards due on each of the next 30 study days (overdue ones count today).
- calendar: reviews per study day over the last year, and the streak of consecutive study days up to today
  (or up to yesterday while today has no review yet).
- mastery: per topic and per claim, mean FSRS retrievability now of reviewed cards, share of cards reviewed
  at least once, quiz accuracy; weakest first, each with the command to practise it.
- leeches: cards with 8 lapses or more.
- deadline: days left, and studied cards whose retrievability at the deadline is below the desired retention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from rnnquiz.study.scheduler import CardState, DayClock, fsrs_decay

if TYPE_CHECKING:
    from rnnquiz.bank.schema import Question
    from rnnquiz.store.cards import Deck
    from rnnquiz.study.scheduler import Deadline, Planner

# A studied card as `Deck.memory_rows` gives it: (question id, stability, last review as stored, reps, suspended).
MemoryRow = tuple[str, "float | None", "str | None", int, int]


def retrievability(stability: float | None, last_review: str | datetime | None, at: datetime) -> float:
    """FSRS-6 recall probability at `at`, as `fsrs.Scheduler.get_card_retrievability` computes it:
    R = (1 + FACTOR·t/S)^DECAY with DECAY = −w[20], FACTOR = 0.9^(1/DECAY) − 1 and t the whole days
    elapsed since the last review (never negative); 0 for a card never reviewed. `last_review` may be
    the stored ISO text. Plain floats: no fsrs.Card per card."""
    if stability is None or last_review is None:
        return 0.0
    if isinstance(last_review, str):
        last_review = datetime.fromisoformat(last_review)
    decay, factor = fsrs_decay()
    days = max(0, (at - last_review).days)
    return (1 + factor * days / stability) ** decay


def recall_by_id(cards: Iterable[MemoryRow], at: datetime) -> dict[str, float]:
    """question id -> retrievability at `at` of each reviewed card (reps > 0): `retrievability` inlined,
    with the parameters read once, for thousands of cards."""
    decay, factor = fsrs_decay()
    parse = datetime.fromisoformat
    out: dict[str, float] = {}
    for qid, stability, last, reps, _ in cards:
        if reps > 0:
            if stability is None or last is None:
                out[qid] = 0.0
            else:
                out[qid] = (1 + factor * max(0, (at - parse(last)).days) / stability) ** decay
    return out


def today_figures(reviews: int, again: int, ms: int, due: Mapping[str, int]) -> dict[str, Any]:
    return {
        "reviews": reviews,
        "again": again,
        "minutes": round(ms / 60000, 1),
        "due_now": due["due_now"],
        "due_later_today": due["due_today"] - due["due_now"],
        "due_tomorrow": due["due_tomorrow"],
    }


def _share(passed: int, total: int) -> float | None:
    return round(passed / total, 4) if total else None


def retention_figures(rows: Iterable[Sequence[int]]) -> dict[str, Any]:
    """rows: (in last day, in last week, mature, passed, count), all within the last month."""
    tally: dict[tuple[str, str], list[int]] = {}
    for in_day, in_week, mature, passed, count in rows:
        windows = ["month"] + (["week"] if in_week else []) + (["day"] if in_day else [])
        for w in windows:
            for group in ("mature" if mature else "young", "all"):
                t = tally.setdefault((w, group), [0, 0])
                t[0] += count if passed else 0
                t[1] += count
    out: dict[str, Any] = {}
    for w in ("day", "week", "month"):
        out[w] = {}
        for group in ("young", "mature", "all"):
            passed, total = tally.get((w, group), [0, 0])
            out[w][group] = {"passed": passed, "reviews": total, "retention": _share(passed, total)}
    return out


def forecast_figures(rows: Iterable[tuple[str, int]], today: date, days: int = 30) -> list[dict[str, Any]]:
    """Cards due per study day from today; days before today (overdue) count today."""
    counts = [0] * days
    for day, n in rows:
        k = max(0, (date.fromisoformat(day) - today).days)
        if k < days:
            counts[k] += n
    return [{"date": (today + timedelta(days=k)).isoformat(), "due": counts[k]} for k in range(days)]


def calendar_figures(rows: Iterable[tuple[str, int]], today: date, days: int = 365) -> dict[str, Any]:
    per_day = {d: n for d, n in rows if n > 0}
    start = today - timedelta(days=days - 1)
    per_day = {d: n for d, n in sorted(per_day.items()) if start.isoformat() <= d <= today.isoformat()}
    streak = 0
    day = today if today.isoformat() in per_day else today - timedelta(days=1)
    while day.isoformat() in per_day:
        streak += 1
        day -= timedelta(days=1)
    return {
        "days": per_day,
        "streak": streak,
        "study_days": len(per_day),
        "reviews": sum(per_day.values()),
        "start": start.isoformat(),
        "end": today.isoformat(),
    }


def mastery_figures(
    questions: Sequence[Question], cards: Iterable[MemoryRow], quiz: Mapping[str, tuple[int, int]],
    now: datetime,
) -> dict[str, list[dict[str, Any]]]:
    """Per topic and per claim: mean retrievability of reviewed cards, share reviewed, quiz accuracy.

    `questions`: anything with .id, .topic, .claims; `cards`: memory
    rows of the studied cards. Each card's retrievability is computed once, not once per group."""
    recall = recall_by_id(cards, now)
    groups: dict[tuple[str, str], list[Any]] = {}
    for q in questions:
        groups.setdefault(("topic", q.topic), []).append(q)
        for claim in q.claims:
            groups.setdefault(("claim", claim), []).append(q)
    out: dict[str, list[dict[str, Any]]] = {"topics": [], "claims": []}
    for (kind, key), qs in groups.items():
        rs = [recall[q.id] for q in qs if q.id in recall]  # in question order: the same sum as before
        right = sum(quiz.get(q.id, (0, 0))[0] for q in qs)
        total = sum(quiz.get(q.id, (0, 0))[1] for q in qs)
        topics = sorted({q.topic for q in qs})
        command = f"rnnquiz review --topic {key}" if kind == "topic" else "rnnquiz review " + " ".join(f"--topic {t}" for t in topics)
        out["topics" if kind == "topic" else "claims"].append({
            "id": key,
            "questions": len(qs),
            "retrievability": round(sum(rs) / len(rs), 4) if rs else None,
            "reviewed_share": round(len(rs) / len(qs), 4),
            "quiz_accuracy": _share(right, total),
            "quiz_answers": total,
            "practise": command,
        })
    for rows in out.values():  # weakest first: never reviewed (None) before low retrievability; then the quiz's
        # accuracy (never quizzed last), so a newcomer who has only taken quizzes sees the claims they missed first;
        # ids in natural order (R2 before R10)
        rows.sort(key=lambda r: (r["retrievability"] if r["retrievability"] is not None else -1.0,
                                 r["quiz_accuracy"] if r["quiz_accuracy"] is not None else 2.0, r["reviewed_share"],
                                 [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", r["id"])]))
    return out


def leech_figures(cards: Iterable[CardState]) -> list[dict[str, Any]]:
    return [{"id": c.question_id, "lapses": c.lapses, "suspended": c.suspended} for c in cards]


def deadline_figures(
    deadline: date | None, cards: Iterable[MemoryRow], retention: float, clock: DayClock, now: datetime
) -> dict[str, Any] | None:
    """Days left, and studied cards not safely learned: retrievability at the deadline below `retention`."""
    if deadline is None:
        return None
    at = clock.start(deadline)
    studied = [c for c in cards if c[3] > 0 and not c[4]]
    unsafe = [qid for qid, r in recall_by_id(studied, at).items() if r < retention]
    return {
        "date": deadline.isoformat(),
        "days_left": (deadline - clock.day(now)).days,
        "studied": len(studied),
        "not_safe": len(unsafe),
        "not_safe_ids": sorted(unsafe)[:50],
    }


def collect(
    deck: Deck, quiz: Mapping[str, tuple[int, int]], questions: Sequence[Question], planner: Planner,
    deadline: Deadline | None, now: datetime,
) -> dict[str, Any]:
    """The whole `stats` document from the deck's queries (the store only reads) and the quiz results."""
    clock = planner.clock
    reviews, again, ms = deck.today_row(now, clock)
    due = deck.due_counts(now, clock, all_studied_due=bool(deadline and deadline.all_due))
    studied = deck.memory_rows()  # plain rows: retrievability needs no CardState per card
    today = clock.day(now)
    return {
        "today": today_figures(reviews, again, ms, due),
        "retention": retention_figures(deck.retention_rows(now)),
        "forecast": forecast_figures(deck.forecast_rows(now, clock), today),
        "calendar": calendar_figures(deck.calendar_rows(now, clock), today),
        "mastery": mastery_figures(questions, studied, quiz, now),
        "leeches": leech_figures(deck.leech_cards()),
        "deadline": deadline_figures(planner.deadline, studied, planner.retention, clock, now),
    }
