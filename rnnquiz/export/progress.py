"""Your review schedule in Anki's terms, for `export anki --with-progress`.

Anki keeps a card's schedule in its `cards` row and its history in `revlog`; an .apkg imported with
"Import any learning progress" copies both. What this module writes, per card:

- review cards: type 2, queue 2, `due` = the study day it is due, counted from the package's creation day
  (Anki shifts that count onto the importing profile's days), `ivl` in days, and the FSRS memory state in
  `data` (`s` stability, `d` difficulty, `dr` desired retention, `decay`, `lrt` last review), the fields
  Anki's FSRS reads;
- learning / relearning cards: queue 1 with `due` a Unix time (Anki's intraday queue), `left` the steps left;
- suspended cards: queue −1; never-studied cards stay new;
- one `revlog` row per review that was not undone (and one "manual" row per reset), on every card of the
  note (a cloze question is one card here and one card per blank in Anki).

The package's collection is created at the start of the oldest study day it names, with rnnquiz's rollover
hour and the local UTC offset, so Anki counts its days the way rnnquiz does (`sched_timing_today_v2_new` in
Anki's rslib/src/scheduler/timing.rs). The store is read in one place, `read_progress`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from rnnquiz.study.scheduler import (
    LEARNING,
    LEARNING_STEPS,
    NEW,
    RELEARNING,
    RELEARNING_STEPS,
    RESET_KIND,
    REVIEW,
    REVIEW_KIND,
    UNDO_KIND,
    CardState,
    DayClock,
    parse_iso,
)

DAY_S = 86_400


@dataclass(frozen=True)
class LoggedReview:
    """One row of rnnquiz's review log that Anki gets: a review that stands, or a reset."""

    at: datetime
    kind: str  # review | reset
    rating: int | None
    state_before: int | None
    interval_s: int | None
    prev_interval_s: int | None
    duration_ms: int | None


@dataclass(frozen=True)
class Progress:
    """What the store knows of each question's schedule, and the clock its days are counted on."""

    cards: dict[str, CardState]
    log: dict[str, list[LoggedReview]]
    clock: DayClock
    now: datetime
    retention: float
    decay: float
    first_day: date = field(init=False)

    def __post_init__(self) -> None:
        days = [self.clock.day(self.now)]
        for c in self.cards.values():
            days += [self.clock.day(t) for t in (c.due, c.last_review) if t is not None]
        days += [self.clock.day(r.at) for rows in self.log.values() for r in rows]
        object.__setattr__(self, "first_day", min(days))

    def creation(self) -> tuple[int, int]:
        """(crt, creationOffset): the start of `first_day` as a Unix time, and the UTC offset then in
        minutes west, as Anki's collection config spells them."""
        start = self.clock.start(self.first_day)
        offset = start.astimezone(self.clock.tz).utcoffset() or timedelta(0)
        return int(start.timestamp()), -int(offset.total_seconds() // 60)

    def day_number(self, t: datetime) -> int:
        """The study day of `t`, counted from the package's creation day (Anki's `due` for review cards)."""
        return (self.clock.day(t) - self.first_day).days


def cards_api():  # noqa: ANN201 (a module)
    """The store's card functions (`stored_cards`, `Deck`): `rnnquiz.store.cards` once the store is a package,
    `rnnquiz.study.cards` before; either way the export reads the same public functions."""
    try:
        from rnnquiz.store import cards  # type: ignore[attr-defined]
    except ImportError:
        from rnnquiz.study import cards
    return cards


def read_progress(now: datetime | None = None) -> Progress:
    """The one place the export reads the store: cards, the review log, rollover and retention."""
    from rnnquiz import paths, settings
    from rnnquiz.export.history import history_rows
    from rnnquiz.store import open_store
    from rnnquiz.study.scheduler import fsrs_decay

    stored_cards = cards_api().stored_cards
    now = now or paths.now()
    if paths.db_path().exists():
        with open_store() as store:
            cards = stored_cards(store.db)
            rows = history_rows(store.db)["review_log"]
            stored = store.all_settings()
    else:
        cards, rows, stored = {}, [], {}
    rollover = int(settings.resolve("rollover_hour", None, stored)[0])
    retention = float(settings.resolve("retention", None, stored)[0])
    return Progress(cards, standing_reviews(rows), DayClock(paths.local_tz(), rollover), now, retention, fsrs_decay()[0])


def standing_reviews(rows: list[dict]) -> dict[str, list[LoggedReview]]:
    """Review-log rows (as `history_rows` gives them) → per question, the reviews no undo names, and resets,
    in time order."""
    undone = {r["undoes_uuid"] for r in rows if r["kind"] == UNDO_KIND and r.get("undoes_uuid")}
    out: dict[str, list[LoggedReview]] = {}
    for r in rows:
        if (r["kind"] == REVIEW_KIND and r["uuid"] not in undone) or r["kind"] == RESET_KIND:
            out.setdefault(r["question_id"], []).append(LoggedReview(
                parse_iso(r["reviewed_at"]), r["kind"], r["rating"], r["state_before"], r["interval_s"],
                r["prev_interval_s"], r["duration_ms"]))  # fmt: skip
    for rows_of in out.values():
        rows_of.sort(key=lambda x: x.at)
    return out


# --- Anki's rows ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnkiSchedule:
    """The scheduling columns of one Anki `cards` row."""

    type: int = 0  # 0 new, 1 learning, 2 review, 3 relearning
    queue: int = 0  # -1 suspended, 0 new, 1 learning (due: Unix time), 2 review (due: day), 3 day learning
    due: int | None = None  # None: keep the new-card position
    ivl: int = 0
    factor: int = 0
    reps: int = 0
    lapses: int = 0
    left: int = 0
    data: str = ""


def anki_schedule(card: CardState | None, progress: Progress) -> AnkiSchedule:
    """One rnnquiz card as Anki's scheduling columns."""
    if card is None or card.state == NEW or card.due is None:
        return AnkiSchedule(queue=-1 if card is not None and card.suspended else 0)
    memory = {"s": round(card.stability, 4), "d": round(card.difficulty, 4)} if card.stability and card.difficulty else {}
    memory |= {"dr": progress.retention, "decay": round(progress.decay, 4)}
    if card.last_review is not None:
        memory["lrt"] = int(card.last_review.timestamp())
    data = json.dumps(memory, separators=(",", ":"))
    due_day = progress.day_number(card.due)
    if card.state == REVIEW:
        reviewed = progress.day_number(card.last_review) if card.last_review else due_day - 1
        queue, due = 2, due_day
        ivl = max(1, due_day - reviewed)
        left = 0
    else:
        steps = LEARNING_STEPS if card.state == LEARNING else RELEARNING_STEPS
        left = max(1, len(steps) - (card.step or 0))
        ivl = max(1, round(card.stability)) if card.state == RELEARNING and card.stability else 0
        if due_day > progress.day_number(progress.now):  # a step that ends on a later day
            queue, due = 3, due_day
        else:
            queue, due = 1, int(card.due.timestamp())
    return AnkiSchedule(
        type={LEARNING: 1, REVIEW: 2, RELEARNING: 3}[card.state], queue=-1 if card.suspended else queue, due=due,
        ivl=ivl, factor=2500 if card.state != LEARNING else 0, reps=card.reps, lapses=card.lapses, left=left,
        data=data,
    )


def revlog_rows(reviews: list[LoggedReview], card_id: int, ord_: int = 0) -> list[tuple]:
    """Anki `revlog` rows (id, cid, usn, ease, ivl, lastIvl, factor, time, type) for one card.

    `ivl` / `lastIvl` are days when ≥ 1 day, else negative seconds, as Anki stores them; the id is the
    review time in milliseconds (plus the card's ordinal, so the cards of one cloze note never share one).
    """

    def interval(s: int | None) -> int:
        if not s:
            return 0
        return round(s / DAY_S) if s >= DAY_S else -s

    out = []
    used: set[int] = set()
    for r in reviews:
        rid = int(r.at.timestamp() * 1000) + ord_
        while rid in used:
            rid += 100
        used.add(rid)
        if r.kind == RESET_KIND:  # Anki's "Forget": a manual entry with no rating
            out.append((rid, card_id, -1, 0, 0, 0, 0, 0, 4))
            continue
        kind = {REVIEW: 1, RELEARNING: 2}.get(r.state_before or 0, 0)
        time_ms = min(max(r.duration_ms or 0, 0), 60_000)
        factor = 2500 if kind else 0
        out.append((rid, card_id, -1, int(r.rating or 0), interval(r.interval_s), interval(r.prev_interval_s), factor, time_ms, kind))
    return out
