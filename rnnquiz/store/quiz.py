"""Quiz results (tables of migration m002_quiz): written as they happen, read for `quiz --missed`, review's
new-card order and stats. `quiz_accuracy` is the one definition of how a question went in quizzes.

Every answer is committed in its own transaction as it is given, so an interrupted session keeps what
was answered. Nothing here touches the spaced-repetition schedule.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from rnnquiz.bank.grade import Item
from rnnquiz.store.db import Store
from rnnquiz.study.quiz import Answer


def iso(t: datetime) -> str:
    """ISO 8601 in UTC; naive times are refused (they would be ambiguous in the store)."""
    if t.tzinfo is None:
        raise ValueError("naive datetime")
    return t.astimezone(UTC).isoformat()


def start_session(store: Store, seed: int, settings: dict[str, Any], started_at: datetime) -> int:
    """A new session row; returns its id."""
    with store.transaction() as db:
        cur = db.execute(
            "INSERT INTO quiz_sessions (uuid, seed, settings, started_at) VALUES (?, ?, ?, ?)",
            (str(uuidlib.uuid4()), seed, json.dumps(settings, ensure_ascii=False, sort_keys=True), iso(started_at)),
        )
        return int(cur.lastrowid)  # type: ignore[arg-type]


def _text(value: str | None) -> str | None:
    """Text SQLite can store: lone surrogates (bytes that were not UTF-8, read with surrogateescape) are
    kept escaped (`\\udcff`) instead of failing the insert."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "backslashreplace").decode("utf-8")


def record_answer(store: Store, session_id: int, seed: int, answer: Answer) -> None:
    """One answer, in its own transaction."""
    item, v = answer.item, answer.verdict
    with store.transaction() as db:
        db.execute(
            """INSERT INTO quiz_answers (uuid, session_id, session_seed, question_id, type, topic, given, expected,
                   status, correct, override, seconds, answered_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (answer.uuid, session_id, seed, item.id, item.type, item.question.topic, _text(v.given), _text(v.expected),
             v.status, int(answer.correct), int(answer.override), round(answer.seconds, 3), iso(answer.answered_at)),
        )  # fmt: skip


def record_override(store: Store, answer: Answer) -> None:
    """The candidate counted a wrong typed answer as right after all."""
    with store.transaction() as db:
        db.execute("UPDATE quiz_answers SET correct = 1, override = 1 WHERE uuid = ?", (answer.uuid,))


def record_unanswered(store: Store, session_id: int, seed: int, items: list[Item], at: datetime, lang: str) -> None:
    """A timed session ran out: the questions not reached count as missed (and come back with --missed)."""
    from rnnquiz.bank.grade import expected

    with store.transaction() as db:
        for item in items:
            db.execute(
                """INSERT INTO quiz_answers (uuid, session_id, session_seed, question_id, type, topic, given,
                       expected, status, correct, override, seconds, answered_at)
                   VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'unanswered', 0, 0, NULL, ?)""",
                (str(uuidlib.uuid4()), session_id, seed, item.id, item.type, item.question.topic,
                 expected(item, lang), iso(at)),
            )  # fmt: skip


def end_session(store: Store, session_id: int, ended_at: datetime, reason: str) -> None:
    with store.transaction() as db:
        db.execute(
            "UPDATE quiz_sessions SET ended_at = ?, end_reason = ? WHERE id = ?", (iso(ended_at), reason, session_id)
        )


# --- reading ------------------------------------------------------------------------------------------


def missed_in_session(store: Store, back: int = 1) -> tuple[int, list[str]] | None:
    """Question ids missed in the session `back` sessions ago (1 = the last one with answers), in the order
    asked, without repeats; None when there is no such session. Returns (session id, ids)."""
    if back < 1:
        raise ValueError("back must be at least 1")
    row = store.db.execute(
        """SELECT id FROM quiz_sessions s WHERE EXISTS (SELECT 1 FROM quiz_answers a WHERE a.session_id = s.id)
           ORDER BY s.id DESC LIMIT 1 OFFSET ?""",
        (back - 1,),
    ).fetchone()
    if row is None:
        return None
    ids = [
        r[0]
        for r in store.db.execute(
            "SELECT question_id FROM quiz_answers WHERE session_id = ? AND correct = 0 AND typeof(question_id) = 'text' ORDER BY id", (row[0],)
        )
    ]
    return int(row[0]), list(dict.fromkeys(ids))


@dataclass(frozen=True)
class QuizAccuracy:
    """How a question went in quizzes: answers counted (skips count as missed, timed-out ones do not)."""

    question_id: str
    right: int
    total: int
    last_correct: bool
    last_at: str

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


def quiz_accuracy(store: Store) -> dict[str, QuizAccuracy]:
    """Per question id: right/total over every quiz answer, and whether the latest was right."""
    rows = store.db.execute(
        """SELECT question_id, correct, answered_at FROM quiz_answers
           WHERE status != 'unanswered' AND typeof(question_id) = 'text' AND typeof(correct) = 'integer'
           ORDER BY answered_at, id"""
    ).fetchall()
    acc: dict[str, list[Any]] = {}
    for qid, correct, at in rows:
        r = acc.setdefault(qid, [0, 0, False, ""])
        r[0] += int(correct)
        r[1] += 1
        r[2], r[3] = bool(correct), at
    return {qid: QuizAccuracy(qid, *r) for qid, r in acc.items()}


def missed_in_quizzes(store: Store, *, latest_only: bool = True) -> list[str]:
    """Question ids missed in quizzes: those whose latest quiz answer was wrong (or, with
    `latest_only=False`, ever missed), sorted."""
    acc = quiz_accuracy(store)
    if latest_only:
        return sorted(q for q, a in acc.items() if not a.last_correct)
    return sorted(q for q, a in acc.items() if a.right < a.total)
