"""Drill attempts, hints used and best results, kept through a store-like object; the review rating.

No NumPy, no sqlite3: everything goes through ``KeyValueStore`` (``get_setting`` / ``set_setting``, which
rnnquiz's store has had since its first migration), as one JSON document under the key
``drill:progress``. That keeps the drills off the store's schema while it is being rebuilt; a proper
table (one row per attempt) can replace this module's two private functions without changing callers.

A *cycle* is one review of the drill: it starts with the first check ever, and again each time review opens
the drill as due (``start_cycle``, called by review). It collects the hints shown, whether the solution
was shown and the failed checks. The first pass rates the cycle (``rating``) once: checks after it in the
same cycle are re-runs (``Attempt.rerun``), recorded for the best result but giving the card nothing new,
so a pass after ``--solution`` or ``--hint`` cannot be turned into Easy by running the check again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

KEY = "drill:progress"
MAX_HISTORY = 50  # attempts kept per drill (the review log, once wired, keeps all of them)

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4


class KeyValueStore(Protocol):
    def get_setting(self, key: str) -> str | None: ...

    def set_setting(self, key: str, value: str | None) -> None: ...


def rating(result: Any, hints_used: int, *, failed_before: int = 0, solution_seen: bool = False) -> int:
    """The FSRS rating a check gives its drill card (pure).

    ``result`` has ``.passed`` (a ``CheckResult`` or anything alike). Failed, or passed after the solution
    was shown: Again (1). Passed after hints: Hard (2). Passed without hints after failed checks in this
    cycle: Good (3). Passed at the first check with no hints: Easy (4).
    """
    if not getattr(result, "passed", False) or solution_seen:
        return AGAIN
    if hints_used > 0:
        return HARD
    if failed_before > 0:
        return GOOD
    return EASY


@dataclass(frozen=True)
class Attempt:
    drill: str
    card: str  # "drill:ID", the id review schedules
    passed: bool
    score: tuple[int, int]
    rating: int
    hints_used: int
    failed_before: int
    solution_seen: bool
    at: str  # ISO 8601 UTC
    rerun: bool = False  # the cycle was already rated by a pass: ``rating`` is that one, nothing new for review

    def to_json(self) -> dict[str, Any]:
        return {"drill": self.drill, "card": self.card, "passed": self.passed, "score": list(self.score),
                "rating": self.rating, "hints_used": self.hints_used, "failed_before": self.failed_before,
                "solution_seen": self.solution_seen, "at": self.at, "rerun": self.rerun}


def _load(store: KeyValueStore) -> dict[str, Any]:
    """The progress document; a part this version cannot use (edited by hand, written by a newer rnnquiz)
    is dropped with a one-line warning naming the setting and the drill: that drill starts over."""
    raw = store.get_setting(KEY)
    try:
        doc = json.loads(raw) if raw else {"version": 1, "drills": {}}
    except (ValueError, RecursionError):
        _warn(f"setting {KEY} is not JSON; drill progress starts over")
        doc = {}
    if not isinstance(doc, dict) or not isinstance(doc.get("drills"), dict):
        if doc != {}:
            _warn(f"setting {KEY} has no drills object; drill progress starts over")
        return {"version": 1, "drills": {}}
    for drill_id, entry in list(doc["drills"].items()):
        problem = _problem(entry)
        if problem is not None:
            _warn(f"setting {KEY}: drill {drill_id!r}: {problem}; its progress starts over")
            del doc["drills"][drill_id]
    return doc


_BIG = 10**9  # counts and scores above this were not written by rnnquiz


def _count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= _BIG


def _score(v: Any) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(_count(x) for x in v)


def _problem(e: Any) -> str | None:
    """Why a drill's progress entry is unusable, or None."""
    if not isinstance(e, dict):
        return "not an object"
    for k in ("attempts", "passes", "hints", "failed"):
        if k in e and not _count(e[k]):
            return f"{k} is not a count"
    if "solution" in e and not isinstance(e["solution"], bool):
        return "solution is not true/false"
    if e.get("rated") is not None and not (_count(e["rated"]) and AGAIN <= e["rated"] <= EASY):
        return "rated is not a rating 1-4"
    best = e.get("best")
    if best is not None and not (isinstance(best, dict) and isinstance(best.get("passed"), bool)
                                 and _score(best.get("score")) and isinstance(best.get("at", ""), str)):
        return "best is not a result"
    history = e.get("history", [])
    if not isinstance(history, list):
        return "history is not a list"
    for a in history:
        if not (isinstance(a, dict) and isinstance(a.get("passed"), bool) and _score(a.get("score"))
                and _count(a.get("rating")) and isinstance(a.get("at"), str)):
            return "history holds an entry that is not an attempt"
    return None


_warned: set[str] = set()


def _warn(message: str) -> None:
    import sys

    if message in _warned:
        return
    _warned.add(message)
    shown = message if message.isprintable() else message.encode("unicode_escape").decode("ascii")
    sys.stderr.write(f"rnnquiz: warning: {shown[:300]}\n")


def _save(store: KeyValueStore, doc: dict[str, Any]) -> None:
    store.set_setting(KEY, json.dumps(doc, ensure_ascii=False, separators=(",", ":")))


def _entry(doc: dict[str, Any], drill_id: str) -> dict[str, Any]:
    e = doc["drills"].setdefault(drill_id, {})
    for k, v in (("attempts", 0), ("passes", 0), ("hints", 0), ("failed", 0), ("solution", False), ("best", None),
                 ("history", []), ("rated", None)):
        e.setdefault(k, v)
    return e


def cycle(store: KeyValueStore, drill_id: str) -> dict[str, Any]:
    """Hints shown, failed checks and whether the solution was seen since the drill was last passed."""
    e = _entry(_load(store), drill_id)
    return {"hints": int(e["hints"]), "failed": int(e["failed"]), "solution": bool(e["solution"]),
            "rated": e["rated"] if isinstance(e["rated"], int) else None}


def start_cycle(store: KeyValueStore, drill_id: str) -> None:
    """Review opened the drill as due: a new cycle (no hints, no failures, not rated yet)."""
    doc = _load(store)
    e = _entry(doc, drill_id)
    e["hints"], e["failed"], e["solution"], e["rated"] = 0, 0, False, None
    _save(store, doc)


def record_hint(store: KeyValueStore, drill_id: str, ladder: int) -> int | None:
    """Count one more hint of this cycle; returns its index in the ladder (None: all were shown)."""
    doc = _load(store)
    e = _entry(doc, drill_id)
    if e["hints"] >= ladder:
        return None
    e["hints"] += 1
    _save(store, doc)
    return e["hints"] - 1


def record_solution(store: KeyValueStore, drill_id: str) -> None:
    doc = _load(store)
    _entry(doc, drill_id)["solution"] = True
    _save(store, doc)


def record_attempt(store: KeyValueStore, result: Any, now: datetime) -> Attempt:
    """Record a check of a drill: best result, counts, and the rating it gives the card ``drill:ID``.

    ``result`` needs ``.drill``, ``.passed`` and ``.score`` (passed, total). A pass ends the cycle.
    """
    doc = _load(store)
    e = _entry(doc, result.drill)
    score = tuple(int(x) for x in result.score)
    rated = e["rated"] if isinstance(e["rated"], int) and AGAIN <= e["rated"] <= EASY else None
    r = rated if rated is not None else rating(result, e["hints"], failed_before=e["failed"], solution_seen=e["solution"])
    attempt = Attempt(result.drill, f"drill:{result.drill}", bool(result.passed), (score[0], score[1]), r, int(e["hints"]),
                      int(e["failed"]), bool(e["solution"]), now.isoformat(), rerun=rated is not None)
    e["attempts"] += 1
    best = e["best"]
    better = best is None or (attempt.passed, score[0] / max(score[1], 1)) > (
        bool(best["passed"]), best["score"][0] / max(best["score"][1], 1))
    if better:
        e["best"] = {"passed": attempt.passed, "score": list(score), "at": attempt.at}
    e["history"] = (e["history"] + [attempt.to_json()])[-MAX_HISTORY:]
    if attempt.passed:
        e["passes"] += 1
        if rated is None:
            e["rated"] = r  # the cycle's rating, fixed until review starts the next cycle
    elif rated is None:
        e["failed"] += 1
    _save(store, doc)
    return attempt


def best_results(store: KeyValueStore) -> dict[str, dict[str, Any]]:
    """Per drill id: ``{"passed", "score": [passed, total], "at", "attempts", "passes"}`` (tried drills only)."""
    doc = _load(store)
    out = {}
    for did, e in doc["drills"].items():
        if isinstance(e, dict) and e.get("best"):
            out[did] = {**e["best"], "attempts": e.get("attempts", 0), "passes": e.get("passes", 0)}
    return out


def attempts(store: KeyValueStore, drill_id: str | None = None) -> list[dict[str, Any]]:
    """Recorded attempts (newest last), for review and stats to read."""
    doc = _load(store)
    ids = [drill_id] if drill_id else list(doc["drills"])
    return [a for d in ids for a in (doc["drills"].get(d) or {}).get("history", [])]
