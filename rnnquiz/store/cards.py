"""The review tables: picking the next card, committing answers and undos, rebuilding from the log.

Every write is one `BEGIN IMMEDIATE` transaction that first checks the card's `last_log_id` is still
the one the caller read: if another process reviewed the card meanwhile, nothing is written and the
caller hears "elsewhere". Queries work on indexes (cards by state and due, the log by question and by
time), never by loading the whole log into Python.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from rnnquiz import paths
from rnnquiz.store import coltypes
from rnnquiz.store.db import Store
from rnnquiz.study import scheduler as sch
from rnnquiz.study.scheduler import CardState, DayClock, LogEvent, Outcome, Pick, iso, parse_iso

if TYPE_CHECKING:
    from rnnquiz.study.review import ReviewDecision, UndoDecision

CARD_COLUMNS = (
    "question_id", "card_id", "state", "step", "stability", "difficulty", "due", "last_review", "reps",
    "lapses", "suspended", "last_log_id",
)  # fmt: skip
# A review that no undo row names. NOT IN (…) is evaluated once per statement, not once per row.
ACTIVE_REVIEW = "r.kind = 'review' AND r.id NOT IN (SELECT undoes FROM review_log WHERE undoes IS NOT NULL)"
# Studied cards (state > 0), spelled so that SQLite probes cards_state_due once per state and walks `due`
# in order: MIN(due) after now reads one index entry instead of every studied card.
STUDIED = "c.state IN (1, 2, 3)"


class Elsewhere(Exception):
    """The card changed in another process since it was read: nothing was written."""


def new_session_id() -> str:
    return uuid.uuid4().hex


class Deck:
    """The cards of a selection of questions (`selected`, in bank order) in an open store."""

    def __init__(self, store: Store, selected: Sequence[str], priority: Iterable[str] = ()):
        self.store = store
        self.db = store.db
        self.db.execute("PRAGMA temp_store = MEMORY")
        self.db.execute("DROP TABLE IF EXISTS temp.sel")
        self.db.execute("CREATE TEMP TABLE sel (question_id TEXT PRIMARY KEY, ord INTEGER NOT NULL)")
        # ord: bank order, with `priority` questions (missed in quizzes) first. One statement through
        # json_each: 10,000 executemany rows cost ~100 ms, this ~10 ms.
        self.db.execute(
            """INSERT OR IGNORE INTO temp.sel SELECT value, key - (CASE WHEN value IN (SELECT value FROM json_each(?))
               THEN ? ELSE 0 END) FROM json_each(?)""",
            (json.dumps(list(priority)), len(selected), json.dumps(list(selected))),
        )
        self._ord_index = False  # made by the first pick of a new card: due and stats never order by ord
        bad = bad_card_rows(self.db, limit=1)  # a hand-edited card row (a BLOB due, TEXT stability): one line
        if bad:
            from rnnquiz.errors import StoreError

            raise StoreError(f"{store.path}: {_bad_cards_line(bad)}")

    # --- reading ------------------------------------------------------------------------------------
    def card(self, question_id: str) -> CardState:
        row = self.db.execute("SELECT * FROM cards WHERE question_id = ?", (question_id,)).fetchone()
        return CardState.from_row(row) if row else CardState(question_id)

    def counts_today(self, clock: DayClock, now: datetime) -> tuple[int, int]:
        """(new cards introduced, review-state cards reviewed) since today's study day began."""
        start = iso(clock.start(clock.day(now)))
        row = self.db.execute(  # up to now: a row dated later, or not text (a BLOB sorts after text), is not today's
            f"""SELECT COALESCE(SUM(r.state_before = 0), 0), COALESCE(SUM(r.state_before = 2), 0)
                FROM review_log r WHERE r.reviewed_at >= ? AND r.reviewed_at <= ? AND {ACTIVE_REVIEW}""",
            (start, iso(now)),
        ).fetchone()
        return int(row[0]), int(row[1])

    def pick(
        self, now: datetime, clock: DayClock, *, new_left: int, reviews_left: int, exclude: Iterable[str] = (),
        all_studied_due: bool = False,
    ) -> Pick | None:
        """The next card: due reviews (lowest retrievability first), learning steps due, new cards, then
        learning cards due within LEARN_AHEAD (so lapses come back within the session)."""
        ex = sorted(set(exclude))
        not_ex = f"AND c.question_id NOT IN ({','.join('?' * len(ex))})" if ex else ""
        now_s = iso(now)
        tomorrow = iso(clock.start(clock.day(now) + timedelta(days=1)))
        if reviews_left > 0:
            studied = ""
            args: list = [tomorrow]
            if all_studied_due:  # the interview is tomorrow or today: every card not reviewed today
                studied = "OR (c.last_review < ?)"
                args.append(iso(clock.start(clock.day(now))))
            row = self.db.execute(
                f"""SELECT c.* FROM cards c JOIN temp.sel s ON s.question_id = c.question_id
                    WHERE c.suspended = 0 AND c.state = 2 AND (c.due < ? {studied}) {not_ex}
                    ORDER BY (julianday(?) - julianday(c.last_review)) / c.stability DESC, c.due LIMIT 1""",
                (*args, *ex, now_s),
            ).fetchone()
            if row:
                return Pick(row["question_id"], CardState.from_row(row), "review")
        learning = self._first_learning(now_s, not_ex, ex)
        if learning:
            return Pick(learning["question_id"], CardState.from_row(learning), "learning")
        if new_left > 0:
            if not self._ord_index:
                self.db.execute("CREATE INDEX IF NOT EXISTS temp.sel_ord ON sel (ord)")
                self._ord_index = True
            not_ex_s = not_ex.replace("c.question_id", "s.question_id")
            row = self.db.execute(
                f"""SELECT s.question_id, c.question_id AS has_card FROM temp.sel s
                    LEFT JOIN cards c ON c.question_id = s.question_id
                    WHERE (c.question_id IS NULL OR (c.state = 0 AND c.suspended = 0)) {not_ex_s}
                    ORDER BY s.ord LIMIT 1""",
                ex,
            ).fetchone()
            if row:
                qid = row["question_id"]
                return Pick(qid, self.card(qid) if row["has_card"] else CardState(qid), "new")
        # nothing else left: learning steps due soon come back now, so lapses return within the session
        learning = self._first_learning(iso(now + sch.LEARN_AHEAD), not_ex, ex)
        if learning:
            return Pick(learning["question_id"], CardState.from_row(learning), "ahead")
        return None

    def _first_learning(self, until: str, not_ex: str, ex: list[str]) -> sqlite3.Row | None:
        """The selected learning / relearning card due first, if it is due by `until`."""
        return self.db.execute(
            f"""SELECT c.* FROM cards c JOIN temp.sel s ON s.question_id = c.question_id
                WHERE c.suspended = 0 AND c.state IN (1, 3) AND c.due <= ? {not_ex} ORDER BY c.due LIMIT 1""",
            (until, *ex),
        ).fetchone()

    def next_due(self, now: datetime) -> datetime | None:
        """When the next card of the selection (not suspended, already studied) falls due."""
        row = self.db.execute(
            f"""SELECT MIN(c.due) FROM cards c JOIN temp.sel s ON s.question_id = c.question_id
               WHERE c.suspended = 0 AND {STUDIED} AND c.due > ?""",
            (iso(now),),
        ).fetchone()
        return parse_iso(row[0]) if row and row[0] else None

    # --- counting (due, stats) -----------------------------------------------------------------------
    def due_counts(self, now: datetime, clock: DayClock, *, all_studied_due: bool = False) -> dict[str, int]:
        """Cards of the selection due now, due before the next study day, and due during it; new cards."""
        today = clock.day(now)
        today_start, tomorrow, after = (iso(clock.start(today + timedelta(days=k))) for k in (0, 1, 2))
        studied = "OR (c.state = 2 AND c.last_review < :today_start)" if all_studied_due else ""
        # Without the deadline clause no card due after the next study day counts: read only the index range.
        horizon = "" if all_studied_due else "AND c.due < :after"
        row = self.db.execute(
            f"""SELECT
                  COALESCE(SUM((c.state = 2 AND c.due < :tomorrow) OR (c.state IN (1, 3) AND c.due <= :now) {studied}), 0),
                  COALESCE(SUM(c.due < :tomorrow {studied}), 0),
                  COALESCE(SUM(c.due >= :tomorrow AND c.due < :after), 0)
                FROM cards c JOIN temp.sel s ON s.question_id = c.question_id
                WHERE c.suspended = 0 AND {STUDIED} {horizon}""",
            {"now": iso(now), "tomorrow": tomorrow, "after": after, "today_start": today_start},
        ).fetchone()
        new = self.db.execute(
            """SELECT COUNT(*) FROM temp.sel s LEFT JOIN cards c ON c.question_id = s.question_id
               WHERE c.question_id IS NULL OR (c.state = 0 AND c.suspended = 0)"""
        ).fetchone()[0]
        return {"due_now": row[0], "due_today": row[1], "due_tomorrow": row[2], "new": new}

    def today_row(self, now: datetime, clock: DayClock) -> tuple[int, int, int]:
        """(reviews, again, milliseconds) since today's study day began, undone reviews left out."""
        start = iso(clock.start(clock.day(now)))
        row = self.db.execute(  # up to now, as counts_today (attacker round 4: future and BLOB rows counted)
            f"""SELECT COUNT(*), COALESCE(SUM(r.rating = 1), 0), COALESCE(SUM(r.duration_ms), 0)
                FROM review_log r WHERE r.reviewed_at >= ? AND r.reviewed_at <= ? AND {ACTIVE_REVIEW}""",
            (start, iso(now)),
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def retention_rows(self, now: datetime) -> list[tuple[int, int, int, int, int]]:
        """(in last day, in last week, mature, passed, count) for reviews of cards with interval ≥ 1 day
        over the last 30 days (groups with a count only), read from the covering time index.

        One plain aggregate per time slice (the last day; the week before it; the rest of the month), each
        an index range: half the cost of grouping the month's rows by four computed keys, which sorts them."""
        d1, d7, d30 = (iso(now - timedelta(days=k)) for k in (1, 7, 30))
        sql = f"""SELECT COUNT(*), COALESCE(SUM(r.rating > 1), 0), COALESCE(SUM(r.prev_interval_s >= :mature), 0),
                         COALESCE(SUM(r.rating > 1 AND r.prev_interval_s >= :mature), 0)
                  FROM review_log r WHERE r.reviewed_at >= :lo {{upper}} AND r.state_before = 2
                    AND r.prev_interval_s >= 86400 AND {ACTIVE_REVIEW}"""
        out: list[tuple[int, int, int, int, int]] = []
        for in_day, in_week, lo, hi in ((1, 1, d1, iso(now)), (0, 1, d7, d1), (0, 0, d30, d7)):
            upper = "AND r.reviewed_at < :hi" if hi != iso(now) else "AND r.reviewed_at <= :hi"  # nothing after now
            n, passed, mature, mature_passed = self.db.execute(
                sql.format(upper=upper), {"lo": lo, "hi": hi, "mature": sch.YOUNG_DAYS * 86400}
            ).fetchone()
            young, young_passed = n - mature, passed - mature_passed
            for is_mature, is_passed, count in (
                (0, 0, young - young_passed), (0, 1, young_passed), (1, 0, mature - mature_passed), (1, 1, mature_passed),
            ):  # fmt: skip
                if count:
                    out.append((in_day, in_week, is_mature, is_passed, count))
        return out

    def forecast_rows(self, now: datetime, clock: DayClock, days: int = 30) -> list[tuple[str, int]]:
        """(study day, cards due) for studied cards due before `days` study days from today (overdue count
        today). Each due time is put in its study day by the day clock itself (daylight saving included)."""
        today = clock.day(now)
        ends = [iso(clock.start(today + timedelta(days=k))) for k in range(1, days + 1)]  # end of day 0, 1, …
        counts = [0] * days
        cur = self.db.cursor()
        cur.row_factory = None
        for (due,) in cur.execute(
            f"""SELECT c.due FROM cards c JOIN temp.sel s ON s.question_id = c.question_id
               WHERE c.suspended = 0 AND {STUDIED} AND c.due < ?""",
            (ends[-1],),
        ):
            counts[bisect_right(ends, due)] += 1
        return [((today + timedelta(days=k)).isoformat(), n) for k, n in enumerate(counts) if n]

    def calendar_rows(self, now: datetime, clock: DayClock, days: int = 365) -> list[tuple[str, int]]:
        """(study day, reviews) over the last `days` study days (all banks, orphans included: it is history).

        One index range count per day: cheaper than grouping 200,000 rows by a computed day, and the day
        boundaries come from the time zone itself (daylight saving included)."""
        today = clock.day(now)
        first = today - timedelta(days=days - 1)
        bounds = [iso(clock.start(first + timedelta(days=k))) for k in range(days + 1)]
        # Count every review row per day, then take the (few) undone ones off their day: testing each of
        # the year's rows against the undo list costs as much as the counting itself.
        sql = "SELECT COUNT(*) FROM review_log r WHERE r.reviewed_at >= ? AND r.reviewed_at < ? AND r.kind = 'review'"
        counts = [self.db.execute(sql, (bounds[k], bounds[k + 1])).fetchone()[0] for k in range(days)]
        for (at,) in self.db.execute(
            """SELECT r.reviewed_at FROM review_log r WHERE r.kind = 'review' AND r.reviewed_at >= ?
               AND r.reviewed_at < ? AND r.id IN (SELECT undoes FROM review_log WHERE undoes IS NOT NULL)""",
            (bounds[0], bounds[-1]),
        ):
            counts[bisect_right(bounds, at) - 1] -= 1
        return [((first + timedelta(days=k)).isoformat(), n) for k, n in enumerate(counts) if n]

    def studied_cards(self) -> list[CardState]:
        """Cards of the selection with state (reviewed at least once since any reset), suspended or not."""
        return [
            CardState.from_row(r)
            for r in self.db.execute(
                "SELECT c.* FROM cards c JOIN temp.sel s ON s.question_id = c.question_id WHERE c.state > 0"
            )
        ]

    def memory_rows(self) -> list[tuple[str, float | None, str | None, int, int]]:
        """(question id, stability, last review as stored, reps, suspended) of the cards `studied_cards`
        returns: what retrievability needs, as plain values (no CardState, no datetime parsing)."""
        cur = self.db.cursor()
        cur.row_factory = None  # tuples: a sqlite3.Row per card costs more than the query
        return cur.execute(
            """SELECT c.question_id, c.stability, c.last_review, c.reps, c.suspended
               FROM cards c JOIN temp.sel s ON s.question_id = c.question_id WHERE c.state > 0"""
        ).fetchall()

    def leech_cards(self) -> list[CardState]:
        return [
            CardState.from_row(r)
            for r in self.db.execute(
                """SELECT c.* FROM cards c JOIN temp.sel s ON s.question_id = c.question_id
                   WHERE c.lapses >= ? ORDER BY c.lapses DESC, c.question_id""",
                (sch.LEECH_LAPSES,),
            )
        ]

    # --- writing ------------------------------------------------------------------------------------
    def commit_review(
        self, seen: CardState, outcome: Outcome, now: datetime, *, duration_ms: int | None, session: str
    ) -> tuple[int, CardState]:
        """Append the review and update the card, in one transaction. Raises Elsewhere if the card moved."""
        with self.store.transaction() as db:
            _check_token(db, seen)
            at = _not_before_last(db, seen.question_id, now)
            if at != now:  # the clock is behind the card's log: keep the interval, move the due time with it
                outcome = replace(outcome, due=at + outcome.interval)
                now = at
            prev = _interval_s(seen)
            cur = db.execute(
                """INSERT INTO review_log (uuid, question_id, kind, rating, reviewed_at, duration_ms,
                       state_before, state_after, interval_s, prev_interval_s, due, session)
                   VALUES (?, ?, 'review', ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    uuid.uuid4().hex, seen.question_id, outcome.rating, iso(now), duration_ms, seen.state,
                    outcome.state, int(outcome.interval.total_seconds()), prev, iso(outcome.due), session,
                ),
            )
            log_id = int(cur.lastrowid)
            card = sch.apply(seen, outcome, now, log_id)
            _save(db, card)
        return log_id, card

    def commit(self, decision: ReviewDecision) -> int | None:
        """Commit a session's decision: the new log row id, or None when the card moved elsewhere."""
        try:
            log_id, _ = self.commit_review(
                decision.seen, decision.outcome, decision.reviewed_at, duration_ms=decision.duration_ms,
                session=decision.session,
            )
        except Elsewhere:
            return None
        return log_id

    def commit_undo_decision(self, decision: UndoDecision) -> CardState | None:
        """Commit a session's undo: the rebuilt card, or None when the card changed elsewhere."""
        try:
            return self.commit_undo(decision.log_id, decision.at, expect_last=True, session=decision.session)
        except Elsewhere:
            return None

    def commit_undo(self, review_id: int, now: datetime, *, expect_last: bool, session: str | None = None) -> CardState:
        """Append an undo of review row `review_id` and rebuild its card from the log.

        `expect_last`: refuse (Elsewhere) unless that review is still the card's newest log row — what
        the in-session undo wants. `rnnquiz undo` passes False and undoes the latest review anyway.
        """
        with self.store.transaction() as db:
            row = db.execute("SELECT question_id, kind FROM review_log WHERE id = ?", (review_id,)).fetchone()
            if row is None or row["kind"] != "review":
                raise ValueError(f"log row {review_id} is not a review")
            if db.execute("SELECT 1 FROM review_log WHERE undoes = ?", (review_id,)).fetchone():
                raise Elsewhere(f"review {review_id} is already undone")
            qid = row["question_id"]
            if expect_last:
                last = db.execute("SELECT last_log_id FROM cards WHERE question_id = ?", (qid,)).fetchone()
                if last is None or last[0] != review_id:
                    raise Elsewhere(qid)
            db.execute(
                "INSERT INTO review_log (uuid, question_id, kind, reviewed_at, undoes, session) VALUES (?, ?, 'undo', ?, ?, ?)",
                (uuid.uuid4().hex, qid, iso(_not_before_last(db, qid, now)), review_id, session),
            )
            card = _rebuild_one(db, qid)
            assert card is not None
            _save(db, card)
        return card

    def commit_event(self, question_id: str, kind: str, now: datetime, session: str | None = None) -> CardState:
        """Append suspend / unsuspend / reset for a card and rebuild it."""
        assert kind in (sch.SUSPEND_KIND, sch.UNSUSPEND_KIND, sch.RESET_KIND)
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO review_log (uuid, question_id, kind, reviewed_at, session) VALUES (?, ?, ?, ?, ?)",
                (uuid.uuid4().hex, question_id, kind, iso(_not_before_last(db, question_id, now)), session),
            )
            card = _rebuild_one(db, question_id)
            assert card is not None
            _save(db, card)
        return card


def _not_before_last(db: sqlite3.Connection, question_id: str, now: datetime) -> datetime:
    """`now`, or just after the card's newest log row when the clock is behind it (a clock set back, or
    RNNQUIZ_NOW restarting in every process): replay is in time order, so a row appended here must never
    sort before the rows it follows."""
    row = db.execute(
        "SELECT MAX(reviewed_at) FROM review_log WHERE question_id = ? AND reviewed_at GLOB '[0-9][0-9][0-9][0-9]-*'",
        (question_id,),
    ).fetchone()
    if row is None or row[0] is None:
        return now
    try:
        last = parse_iso(row[0])
    except ValueError:
        return now
    return last + timedelta(microseconds=1) if last >= now else now


def _interval_s(card: CardState) -> int | None:
    if card.due is None or card.last_review is None:
        return None
    return int((card.due - card.last_review).total_seconds())


def _check_token(db: sqlite3.Connection, seen: CardState) -> None:
    row = db.execute("SELECT last_log_id FROM cards WHERE question_id = ?", (seen.question_id,)).fetchone()
    current = row[0] if row else None
    if current != seen.last_log_id:
        raise Elsewhere(seen.question_id)


def _save(db: sqlite3.Connection, card: CardState) -> None:
    row = card.to_row()
    cols = ", ".join(CARD_COLUMNS)
    marks = ", ".join(f":{c}" for c in CARD_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in CARD_COLUMNS if c != "question_id")
    db.execute(f"INSERT INTO cards ({cols}) VALUES ({marks}) ON CONFLICT(question_id) DO UPDATE SET {updates}", row)


EVENT_COLUMNS = "id, question_id, kind, reviewed_at, rating, interval_s, undoes"
KINDS = (sch.REVIEW_KIND, sch.UNDO_KIND, sch.RESET_KIND, sch.SUSPEND_KIND, sch.UNSUSPEND_KIND)


@dataclass(frozen=True)
class Poisoned:
    """A log row that replay cannot use (written by hand or by an earlier version): skipped, reported."""

    log_id: int
    question_id: str
    reason: str


def _event(r: Sequence[Any]) -> LogEvent | str:
    """A log row as a replay event, or the reason it cannot be one."""
    log_id, _, kind, at, rating, interval_s, undoes = r
    if kind not in KINDS:
        return f"kind {kind!r} is not one of {', '.join(KINDS)}"
    try:
        when = datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        return f"reviewed_at {at!r} is not an ISO 8601 time with an offset"
    if not paths.in_range(when):  # the clock's rule, on the UTC instant; an interval added must stay in range
        return f"reviewed_at {at!r} is outside {MIN_YEAR}–{MAX_YEAR}"
    if kind == sch.REVIEW_KIND:
        if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 4:
            return f"rating {rating!r} is not 1–4"
        if not isinstance(interval_s, int) or not 0 <= interval_s <= MAX_INTERVAL_S:
            return f"interval_s {interval_s!r} is not a number of seconds between 0 and 100 years"
    if kind == sch.UNDO_KIND and not isinstance(undoes, int):
        return f"undo row without the review it undoes ({undoes!r})"
    return LogEvent(log_id, kind, when.astimezone(UTC), rating, interval_s, undoes)


MAX_INTERVAL_S = 100 * 365 * 86400
MIN_YEAR, MAX_YEAR = paths.MIN_YEAR, paths.MAX_YEAR  # the range RNNQUIZ_NOW accepts


def _replay(question_id: str, events: list[LogEvent], poisoned: list[Poisoned]) -> CardState | None:
    """Replay, setting aside each row the scheduler itself cannot compute (a date overflow, a value out of
    its domain) instead of failing the whole rebuild: the first event whose replay raises is reported and
    the rest replayed without it."""
    events = sorted(events, key=lambda e: (e.reviewed_at, e.id))
    while True:
        try:
            return sch.replay(question_id, events)
        except (OverflowError, ValueError, ArithmeticError) as exc:
            bad = _first_failing(question_id, events)
            if bad is None:  # only the whole sequence fails: blame its last event
                bad = len(events) - 1
            event = events.pop(bad)
            poisoned.append(Poisoned(event.log_id, question_id, f"replay fails on this row ({type(exc).__name__}: {exc})"))
            if not events:
                return None


def _first_failing(question_id: str, events: list[LogEvent]) -> int | None:
    for n in range(1, len(events) + 1):
        try:
            sch.replay(question_id, events[:n])
        except (OverflowError, ValueError, ArithmeticError):
            return n - 1
    return None


def _replay_rows(question_id: str, rows: Iterable[Sequence[Any]], poisoned: list[Poisoned]) -> CardState | None:
    events = []
    for r in rows:
        e = _event(r)
        if isinstance(e, str):
            poisoned.append(Poisoned(r[0], question_id, e))
        else:
            events.append(e)
    return _replay(question_id, events, poisoned)


def _rebuild_one(db: sqlite3.Connection, question_id: str) -> CardState | None:
    rows = db.execute(
        f"SELECT {EVENT_COLUMNS} FROM review_log WHERE question_id = ? ORDER BY reviewed_at, id", (question_id,)
    ).fetchall()
    return _replay_rows(question_id, [tuple(r) for r in rows], [])


# --- whole-store operations: rebuild, doctor ---------------------------------------------------------


def rebuild_all(db: sqlite3.Connection, poisoned: list[Poisoned] | None = None) -> dict[str, CardState]:
    """Every card as the log says it should be: each card's rows replayed in time order `(reviewed_at, id)`.
    Rows replay cannot use are skipped and appended to `poisoned`."""
    by_q: dict[str, list[tuple[Any, ...]]] = {}
    bad = [] if poisoned is None else poisoned
    mistyped = mistyped_log_rows(db)  # a BLOB uuid, TEXT in an INTEGER column: reported, not replayed
    bad.extend(mistyped)
    skip = {p.log_id for p in mistyped}
    cur = db.cursor()
    cur.row_factory = None
    for r in cur.execute(f"SELECT {EVENT_COLUMNS} FROM review_log ORDER BY reviewed_at, id"):
        if r[0] not in skip:
            by_q.setdefault(str(r[1]), []).append(r)
    out = {}
    for qid, rows in by_q.items():
        card = _replay_rows(qid, rows, bad)
        if card is not None:
            out[qid] = card
    return out


def mistyped_log_rows(db: sqlite3.Connection) -> list[Poisoned]:
    """Review-log rows holding a value of another type than their column declares (rnnquiz.store.coltypes:
    the rule `export history` applies too), as poisoned rows with the column named."""
    types = coltypes.declared(db, "review_log")
    cur = db.cursor()
    cur.row_factory = sqlite3.Row
    out = []
    for r in cur.execute(f"SELECT * FROM review_log WHERE {coltypes.where_mistyped(types)} ORDER BY id"):
        row = dict(r)
        qid = row.get("question_id")
        out.append(Poisoned(row["id"], qid if isinstance(qid, str) else coltypes.describe(qid),
                            coltypes.problem(types, row) or "a value of another type than its column"))
    return out


def _bad_card_condition(db: sqlite3.Connection) -> str:
    """SQL true for a card row no CardState can be made of: a value of another type than its column
    (rnnquiz.store.coltypes), a state outside 0–3, a due or last-review time that is no ISO date."""
    stamp = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"
    return (f"({coltypes.where_mistyped(coltypes.declared(db, 'cards'))} OR state NOT IN (0, 1, 2, 3)"
            f" OR (due IS NOT NULL AND due NOT {stamp}) OR (last_review IS NOT NULL AND last_review NOT {stamp}))")


def bad_card_rows(db: sqlite3.Connection, limit: int = -1) -> list[tuple[Any, str]]:
    """(question id as stored, reason) of each card row no CardState can be made of (see above)."""
    cur = db.cursor()
    cur.row_factory = sqlite3.Row
    types = coltypes.declared(db, "cards")
    out = []
    for r in cur.execute(f"SELECT * FROM cards WHERE {_bad_card_condition(db)} LIMIT ?", (limit,)):
        row = dict(r)
        reason = coltypes.problem(types, row)
        if reason is None:
            reason = (f"state {row['state']!r} is not 0–3" if row["state"] not in (0, 1, 2, 3)
                      else "due or last_review is not an ISO 8601 time")
        out.append((row["question_id"], reason))
    return out


def _bad_cards_line(bad: list[tuple[Any, str]]) -> str:
    qid = bad[0][0] if isinstance(bad[0][0], str) else coltypes.describe(bad[0][0])
    return (f"card row {qid!r} cannot be read ({bad[0][1]}); `rnnquiz doctor --repair` rebuilds the cards "
            "from the review log")


def stored_cards(db: sqlite3.Connection, bad: list[tuple[Any, str]] | None = None) -> dict[str, CardState]:
    """Every card row as a CardState. A row none can be made of (written by hand): StoreError, or, given
    `bad` (doctor), left out and appended there."""
    found = bad_card_rows(db)
    if found and bad is None:
        from rnnquiz.errors import StoreError

        raise StoreError(_bad_cards_line(found))
    if bad is not None:
        bad.extend(found)
    return {r["question_id"]: CardState.from_row(r)
            for r in db.execute(f"SELECT * FROM cards WHERE NOT {_bad_card_condition(db)}")}


def _same(a: CardState, b: CardState) -> bool:
    def close(x: float | None, y: float | None) -> bool:
        return x == y or (x is not None and y is not None and abs(x - y) <= 1e-9 * max(1.0, abs(x)))

    return (
        a.state == b.state and a.step == b.step and close(a.stability, b.stability) and close(a.difficulty, b.difficulty)
        and a.due == b.due and a.last_review == b.last_review and a.reps == b.reps and a.lapses == b.lapses
        and a.suspended == b.suspended and a.last_log_id == b.last_log_id
    )  # fmt: skip


@dataclass(frozen=True)
class Diagnosis:
    checked: int
    mismatched: list[str]  # cards whose row differs from the rebuild
    missing: list[str]  # in the log, no card row
    extra: list[str]  # a card row with no log (cannot be rebuilt)
    orphans: list[str]  # history of questions no longer in the banks
    poisoned: list[Poisoned] = field(default_factory=list)  # log rows replay skips

    @property
    def healthy(self) -> bool:
        return not (self.mismatched or self.missing or self.poisoned)


def diagnose(db: sqlite3.Connection, known_ids: Iterable[str]) -> tuple[Diagnosis, dict[str, CardState]]:
    poisoned: list[Poisoned] = []
    rebuilt = rebuild_all(db, poisoned)
    bad: list[tuple[Any, str]] = []
    stored = stored_cards(db, bad)
    unreadable = {q for q, _ in bad}  # a card row of the wrong types: it differs from the log (or has none)
    mismatched = sorted({q for q in rebuilt if q in stored and not _same(stored[q], rebuilt[q])}
                        | {q if isinstance(q, str) else coltypes.describe(q) for q in unreadable})  # --repair rewrites or drops them
    missing = sorted(q for q in rebuilt if q not in stored and q not in unreadable)
    extra = sorted(q for q in stored if q not in rebuilt)
    known = set(known_ids)
    orphans = sorted(q for q in set(rebuilt) | set(stored) if q not in known)
    return Diagnosis(len(rebuilt), mismatched, missing, extra, orphans, poisoned), rebuilt


def repair(
    store: Store, rebuilt: dict[str, CardState], diagnosis: Diagnosis, now: datetime | None = None, *,
    quarantine: bool = True,
) -> int:
    """Set poisoned log rows aside in `review_log_quarantine` (kept whole, with the reason; unless
    `quarantine` is false), then write the rebuilt rows over the card rows that differ. Returns the number
    of card rows written."""
    with store.transaction() as db:
        if diagnosis.poisoned and quarantine:
            _quarantine(db, diagnosis.poisoned, now or datetime.now(UTC))
            rebuilt = rebuild_all(db)
        for qid in diagnosis.mismatched + diagnosis.missing:
            if qid in rebuilt:
                _save(db, rebuilt[qid])
        # a card row no CardState can be made of and no log row rebuilds: a new card, as if it had none
        db.execute(f"DELETE FROM cards WHERE {_bad_card_condition(db)}")
        for qid in {p.question_id for p in diagnosis.poisoned} if quarantine else ():
            card = rebuilt.get(qid)
            if card is not None:
                _save(db, card)
            else:
                db.execute("DELETE FROM cards WHERE question_id = ?", (qid,))
    return len(diagnosis.mismatched) + len(diagnosis.missing)


def rebuild_changed(db: sqlite3.Connection) -> int:
    """Inside the caller's transaction: write the rebuilt card over every card row that differs from the
    log (or is missing). Poisoned rows are skipped, not moved (that is `doctor --repair`'s). Returns the
    number of card rows written."""
    diagnosis, rebuilt = diagnose(db, ())
    for qid in diagnosis.mismatched + diagnosis.missing:
        _save(db, rebuilt[qid])
    return len(diagnosis.mismatched) + len(diagnosis.missing)


def _quarantine(db: sqlite3.Connection, poisoned: Sequence[Poisoned], now: datetime) -> None:
    reasons = {p.log_id: p.reason for p in poisoned}
    # undo rows of a quarantined review go with it (the link would dangle)
    for p in poisoned:
        for (uid,) in db.execute("SELECT id FROM review_log WHERE undoes = ?", (p.log_id,)).fetchall():
            reasons.setdefault(uid, f"undoes log row {p.log_id}, which was set aside")
    for log_id, reason in reasons.items():
        row = db.execute("SELECT * FROM review_log WHERE id = ?", (log_id,)).fetchone()
        if row is None:
            continue
        doc = json.dumps(dict(row), ensure_ascii=False, default=_json_value)
        uid = row["uuid"] if isinstance(row["uuid"], str) else None  # a BLOB uuid is kept in the row only
        db.execute(
            "INSERT OR REPLACE INTO review_log_quarantine (id, uuid, row, reason, moved_at) VALUES (?, ?, ?, ?, ?)",
            (log_id, uid, doc, reason, iso(now)),
        )
    db.executemany("DELETE FROM review_log WHERE id = ?", [(i,) for i in sorted(reasons, reverse=True)])


def _json_value(value: Any) -> str:
    """A stored value JSON has no form for (a BLOB) in the quarantined row: as SQLite writes it, x'00ff'."""
    return f"x'{value.hex()}'" if isinstance(value, bytes) else str(value)


def readable_tables(db: sqlite3.Connection) -> dict[str, str | None]:
    """Each table of the store -> None when every row reads, else the error (a damaged store)."""
    out: dict[str, str | None] = {}
    for table in ("settings", "quiz_sessions", "quiz_answers", "cards", "review_log", "review_log_quarantine"):
        try:
            db.execute(f"SELECT * FROM {table}").fetchall()
            out[table] = None
        except sqlite3.DatabaseError as exc:
            out[table] = str(exc)
    return out


def quiz_results(store: Store) -> dict[str, tuple[int, int]]:
    """question id -> (right, total) in quizzes, by the one definition of rnnquiz.store.quiz.quiz_accuracy."""
    from rnnquiz.store.quiz import quiz_accuracy

    return {q: (a.right, a.total) for q, a in quiz_accuracy(store).items()}


def quiz_missed(store: Store) -> list[str]:
    """Questions answered wrong in quizzes at least once (they come first among new cards)."""
    return [q for q, (right, total) in quiz_results(store).items() if right < total]


DRILL_PREFIX = "drill:"


def drill_cards(db: sqlite3.Connection) -> dict[str, CardState]:
    """The coding drills' cards (`drill:ID`) that have been rated at least once since any reset: what
    review, due and stats add to the bank's questions (review never introduces a drill as new)."""
    return {
        r["question_id"]: CardState.from_row(r)
        for r in db.execute("SELECT * FROM cards WHERE question_id GLOB 'drill:*' AND state > 0 ORDER BY question_id")
    }


def last_undoable_review(db: sqlite3.Connection) -> sqlite3.Row | None:
    """The newest review in the log (by time) that is not undone (what `rnnquiz undo` takes back); a row
    replay cannot use (doctor reports it) is never the one."""
    return db.execute(
        f"""SELECT r.* FROM review_log r WHERE {ACTIVE_REVIEW} AND r.rating BETWEEN 1 AND 4
            AND r.reviewed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'
            ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1"""
    ).fetchone()
