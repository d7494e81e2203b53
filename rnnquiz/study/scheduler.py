"""FSRS scheduling for review: card ids, study days, deadline caps, previews and replay from the log.

Pure functions over plain values (no SQL, no printing). The `fsrs` package (FSRS-6) computes memory
state; this module adds what rnnquiz promises on top of it:

- `card_id_for`: a stable 63-bit blake2b hash of the question id (never Python's `hash()`).
- `DayClock`: local study days that start at the rollover hour (default 4 am) in the user's zone.
- `Planner.preview`: the four outcomes of a rating, computed once (fuzz included) and capped by the
  deadline; the outcome shown is the outcome stored, so the interval a key shows is the interval saved.
- `replay`: card state rebuilt from a card's log rows — memory state through `fsrs` with fuzz off, due
  times from the intervals the log stored (caps and fuzz included). Undone reviews are skipped.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from rnnquiz.blake import blake2b

if TYPE_CHECKING:  # imported where a card is scheduled: `due` and `stats` never need the package
    import fsrs

NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3  # 1–3 are fsrs.State values; 0 = never reviewed
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "again", HARD: "hard", GOOD: "good", EASY: "easy"}
LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
LEARN_AHEAD = timedelta(minutes=20)  # learning cards this close to due come back in the same session
LEECH_LAPSES = 8
YOUNG_DAYS = 21  # an interval of 21 days or more makes a card mature (Anki's convention)

# Log row kinds. Only `review` rows carry a rating; `undo` rows name the row they undo.
REVIEW_KIND, UNDO_KIND, RESET_KIND, SUSPEND_KIND, UNSUSPEND_KIND = "review", "undo", "reset", "suspend", "unsuspend"


def card_id_for(question_id: str) -> int:
    """The FSRS card id of a question: 63 bits of blake2b, stable across runs and machines."""
    digest = blake2b(question_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & ((1 << 63) - 1)


# --- time -------------------------------------------------------------------------------------------


def iso(t: datetime) -> str:
    """Stored form of a time: ISO 8601 UTC with microseconds, so text order is time order."""
    if t.tzinfo is None:
        raise ValueError("naive datetime: times must be timezone-aware")
    return t.astimezone(UTC).isoformat(timespec="microseconds")


def parse_iso(s: str) -> datetime:
    return datetime.fromisoformat(s).astimezone(UTC)


@dataclass(frozen=True)
class DayClock:
    """Study days in a time zone: a day runs from `rollover` o'clock local time to the next."""

    tz: tzinfo
    rollover: int = 4

    def day(self, t: datetime) -> date:
        """The study day a moment belongs to (03:00 with rollover 4 is still yesterday)."""
        return (t.astimezone(self.tz) - timedelta(hours=self.rollover)).date()

    def start(self, d: date) -> datetime:
        """When study day `d` starts, in UTC."""
        return datetime.combine(d, time(self.rollover), tzinfo=self.tz).astimezone(UTC)


# --- cards ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardState:
    """One row of the `cards` table: FSRS fields plus counters, suspension and the last log row."""

    question_id: str
    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0
    suspended: bool = False
    last_log_id: int | None = None

    @property
    def card_id(self) -> int:
        return card_id_for(self.question_id)

    @property
    def is_leech(self) -> bool:
        return self.lapses >= LEECH_LAPSES

    def to_fsrs(self) -> fsrs.Card:
        import fsrs

        if self.state == NEW:
            return fsrs.Card(card_id=self.card_id, state=fsrs.State.Learning, step=0, due=self.due or datetime.now(UTC))
        return fsrs.Card(
            card_id=self.card_id, state=fsrs.State(self.state), step=self.step, stability=self.stability,
            difficulty=self.difficulty, due=self.due, last_review=self.last_review,
        )

    def to_row(self) -> dict[str, Any]:
        return {
            "question_id": self.question_id, "card_id": self.card_id, "state": self.state, "step": self.step,
            "stability": self.stability, "difficulty": self.difficulty,
            "due": iso(self.due) if self.due else None,
            "last_review": iso(self.last_review) if self.last_review else None,
            "reps": self.reps, "lapses": self.lapses, "suspended": int(self.suspended),
            "last_log_id": self.last_log_id,
        }  # fmt: skip

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> CardState:
        return cls(
            question_id=row["question_id"], state=row["state"], step=row["step"], stability=row["stability"],
            difficulty=row["difficulty"], due=parse_iso(row["due"]) if row["due"] else None,
            last_review=parse_iso(row["last_review"]) if row["last_review"] else None,
            reps=row["reps"], lapses=row["lapses"], suspended=bool(row["suspended"]), last_log_id=row["last_log_id"],
        )


@dataclass(frozen=True)
class Pick:
    """The next card to show: its question id, its state as read (the commit token), and why it is due."""

    question_id: str
    card: CardState
    queue: str  # review | learning | new | ahead | undo


@dataclass(frozen=True)
class Outcome:
    """What one rating would do: the new memory state and the interval shown (= the interval stored)."""

    rating: int
    state: int
    step: int | None
    stability: float
    difficulty: float
    interval: timedelta  # whole seconds
    due: datetime
    capped: bool = False  # shortened by the deadline


@functools.cache
def fsrs_decay() -> tuple[float, float]:
    """(DECAY, FACTOR) of the default parameters: R(t) = (1 + FACTOR·t/S)^DECAY, t in whole days.

    FSRS-6: DECAY = −w[20], FACTOR = 0.9^(1/DECAY) − 1 (so that R = 0.9 when t = S), as fsrs.Scheduler
    computes them; tests/review/test_stats.py checks the formula against get_card_retrievability."""
    decay = -_nofuzz().parameters[20]
    return decay, 0.9 ** (1 / decay) - 1


def make_fsrs(retention: float = 0.9, fuzz: bool = True) -> fsrs.Scheduler:
    import fsrs

    return fsrs.Scheduler(
        desired_retention=retention, learning_steps=LEARNING_STEPS, relearning_steps=RELEARNING_STEPS,
        enable_fuzzing=fuzz,
    )


@functools.cache
def _nofuzz() -> fsrs.Scheduler:
    """The scheduler replay and retrievability use (fuzz off, default retention), made on first use."""
    return make_fsrs(0.9, fuzz=False)


# --- the planner: previews with deadline caps ---------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """The interview date and what it means today."""

    date: date
    days_left: int  # study days from today to the date (0 = the date is today)

    @property
    def passed(self) -> bool:
        return self.days_left < 0

    @property
    def all_due(self) -> bool:
        """With one day or less left, every studied card is due (once more, before the interview)."""
        return 0 <= self.days_left <= 1


def deadline_for(value: date | None, clock: DayClock, now: datetime) -> Deadline | None:
    if value is None:
        return None
    return Deadline(value, (value - clock.day(now)).days)


class Planner:
    """Previews and applies ratings for one session: retention, deadline, study days, fuzz."""

    def __init__(self, clock: DayClock, retention: float = 0.9, deadline: date | None = None, fuzz: bool = True):
        self.clock = clock
        self.retention = retention
        self.deadline = deadline
        self.fuzz = fuzz

    @functools.cached_property
    def fsrs(self) -> fsrs.Scheduler:
        """Made on first preview: `due` and `stats` open a Planner only for its deadline and retention."""
        return make_fsrs(self.retention, self.fuzz)

    def latest_due(self, now: datetime) -> datetime | None:
        """No interval may pass the deadline: cards come back by the study day before it (at least tomorrow)."""
        if self.deadline is None:
            return None
        today = self.clock.day(now)
        if self.deadline < today:
            return None  # the date has passed: deadline mode is off
        return self.clock.start(max(self.deadline - timedelta(days=1), today + timedelta(days=1)))

    def preview(self, card: CardState, now: datetime) -> dict[int, Outcome]:
        """The four outcomes, computed once: fuzz is drawn here and never again for this answer."""
        import fsrs

        if now.tzinfo is None:
            raise ValueError("naive datetime")
        now = now.astimezone(UTC)
        base = card.to_fsrs()
        cap = self.latest_due(now)
        out = {}
        for rating in (AGAIN, HARD, GOOD, EASY):
            new, _ = self.fsrs.review_card(base, fsrs.Rating(rating), review_datetime=now)
            interval = _whole_seconds(new.due - now)
            capped = False
            if cap is not None and new.state == fsrs.State.Review and now + interval > cap:
                interval, capped = _up_to_cap(cap, now), True
            out[rating] = Outcome(
                rating, int(new.state), new.step, float(new.stability), float(new.difficulty), interval,
                now + interval, capped,
            )
        good, easy = out[GOOD], out[EASY]
        if easy.interval <= good.interval and not easy.capped:
            # Easy never comes back sooner than Good (fsrs can give both 1d for a learning card): a day later,
            # unless the deadline caps it. The interval shown is the interval stored, as for every key.
            longer = good.interval + timedelta(days=1)
            capped = cap is not None and now + longer > cap
            if capped:
                longer = max(good.interval, _up_to_cap(cap, now))  # type: ignore[operator]
            out[EASY] = replace(easy, interval=longer, due=now + longer, capped=capped)
        return out


def _whole_seconds(td: timedelta) -> timedelta:
    return timedelta(seconds=math.floor(td.total_seconds()))


def _up_to_cap(cap: datetime, now: datetime) -> timedelta:
    """The whole seconds from now to the cap, rounded up: rounded down, a capped card fell due a fraction of
    a second before the study day the cap names (03:59:59 before a 04:00 rollover), so it came back today."""
    return timedelta(seconds=math.ceil((cap - now).total_seconds()))


def apply(card: CardState, outcome: Outcome, now: datetime, log_id: int) -> CardState:
    """The card after a rating: the outcome's memory state, counters, and the new log row as its token."""
    lapse = outcome.rating == AGAIN and card.state == REVIEW
    return replace(
        card, state=outcome.state, step=outcome.step, stability=outcome.stability, difficulty=outcome.difficulty,
        due=outcome.due, last_review=now.astimezone(UTC), reps=card.reps + 1, lapses=card.lapses + int(lapse),
        last_log_id=log_id,
    )


# --- replay: the card table from the log ---------------------------------------------------------------


@dataclass(frozen=True)
class LogEvent:
    """The fields of a review-log row that replay needs."""

    id: int
    kind: str
    reviewed_at: datetime
    rating: int | None = None
    interval_s: int | None = None
    undoes: int | None = None


def replay(question_id: str, events: Iterable[LogEvent]) -> CardState | None:
    """Rebuild a card from its log rows (any order), replayed in time order `(reviewed_at, id)`: rows
    imported from another machine get new ids but keep their times. None when the log holds nothing.

    `last_log_id` (the commit token) is the highest row id, so that every appended row changes it."""
    import fsrs

    rows = sorted(events, key=lambda e: (e.reviewed_at, e.id))
    if not rows:
        return None
    scheduler = _nofuzz()
    undone = {e.undoes for e in rows if e.kind == UNDO_KIND}
    card = CardState(question_id)
    for e in rows:
        if e.kind == UNDO_KIND or e.id in undone:
            continue
        if e.kind == REVIEW_KIND:
            assert e.rating is not None and e.interval_s is not None
            new, _ = scheduler.review_card(card.to_fsrs(), fsrs.Rating(e.rating), review_datetime=e.reviewed_at)
            lapse = e.rating == AGAIN and card.state == REVIEW
            card = replace(
                card, state=int(new.state), step=new.step, stability=float(new.stability),
                difficulty=float(new.difficulty), due=e.reviewed_at + timedelta(seconds=e.interval_s),
                last_review=e.reviewed_at, reps=card.reps + 1, lapses=card.lapses + int(lapse),
            )
        elif e.kind == RESET_KIND:
            card = CardState(question_id, suspended=card.suspended)
        elif e.kind == SUSPEND_KIND:
            card = replace(card, suspended=True)
        elif e.kind == UNSUSPEND_KIND:
            card = replace(card, suspended=False)
    return replace(card, last_log_id=max(e.id for e in rows))


# --- display ----------------------------------------------------------------------------------------


ZH_UNITS = {"s": "秒", "m": "分钟", "h": "小时", "d": "天", "mo": "个月", "y": "年"}


def format_interval(td: timedelta, lang: str = "en") -> str:
    """Short interval labels as Anki shows them: 1m, 10m, 3h, 4d, 2.1mo, 1.5y; in Chinese 1 分钟, 4 天."""
    s = td.total_seconds()
    days = s / 86400
    if s < 60:
        number, unit = f"{max(0, round(s))}", "s"
    elif s < 3600:
        number, unit = f"{round(s / 60)}", "m"
    elif s < 86400:
        number, unit = f"{round(s / 3600)}", "h"
    elif days < 30:
        number, unit = f"{round(days)}", "d"
    elif days < 365:
        number, unit = f"{days / 30:.1f}", "mo"
    else:
        number, unit = f"{days / 365:.1f}", "y"
    return f"{number} {ZH_UNITS[unit]}" if lang == "zh" else number + unit
