"""Ratings and the record of attempts, through a store-like object (a dict here, the real store below)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from rnnquiz.drills import progress


@dataclass
class R:
    drill: str
    passed: bool
    score: tuple[int, int]


class DictStore:
    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def get_setting(self, key: str) -> str | None:
        return self.data.get(key)

    def set_setting(self, key: str, value: str | None) -> None:
        if value is None:
            self.data.pop(key, None)
        else:
            self.data[key] = value


NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("passed", "hints", "failed", "solution", "want"), [
    (False, 0, 0, False, 1), (False, 2, 3, False, 1), (True, 0, 0, True, 1), (True, 1, 0, False, 2),
    (True, 3, 2, False, 2), (True, 0, 2, False, 3), (True, 0, 0, False, 4),
])
def test_rating(passed: bool, hints: int, failed: int, solution: bool, want: int) -> None:
    assert progress.rating(R("x", passed, (1, 1)), hints, failed_before=failed, solution_seen=solution) == want


def test_a_pass_after_hints_is_hard_and_ends_the_cycle() -> None:
    store = DictStore()
    first = progress.record_attempt(store, R("lstm-cell-forward", False, (2, 5)), NOW)
    assert first.rating == 1 and first.card == "drill:lstm-cell-forward"
    assert progress.record_hint(store, "lstm-cell-forward", 3) == 0
    assert progress.record_hint(store, "lstm-cell-forward", 3) == 1
    passed = progress.record_attempt(store, R("lstm-cell-forward", True, (5, 5)), NOW)
    assert (passed.rating, passed.hints_used, passed.failed_before) == (2, 2, 1)
    assert progress.cycle(store, "lstm-cell-forward") == {"hints": 2, "failed": 1, "solution": False, "rated": 2}
    again = progress.record_attempt(store, R("lstm-cell-forward", True, (5, 5)), NOW)
    assert again.rating == 2 and again.rerun  # the same cycle: not upgraded to Easy
    best = progress.best_results(store)["lstm-cell-forward"]
    assert best["passed"] and best["score"] == [5, 5] and best["attempts"] == 3 and best["passes"] == 2
    assert len(progress.attempts(store, "lstm-cell-forward")) == 3


def test_the_hint_ladder_ends_and_the_solution_makes_a_pass_again() -> None:
    store = DictStore()
    assert [progress.record_hint(store, "d", 2) for _ in range(3)] == [0, 1, None]
    progress.record_solution(store, "d")
    assert progress.record_attempt(store, R("d", True, (3, 3)), NOW).rating == 1


def test_best_keeps_the_better_result_and_survives_junk() -> None:
    store = DictStore()
    progress.record_attempt(store, R("d", False, (3, 5)), NOW)
    progress.record_attempt(store, R("d", False, (1, 5)), NOW)
    assert progress.best_results(store)["d"]["score"] == [3, 5]
    store.data[progress.KEY] = "{not json"
    assert progress.best_results(store) == {}


def test_the_real_store_works_as_the_store_like_object() -> None:
    from rnnquiz.store import open_store

    with open_store() as store:
        progress.record_attempt(store, R("rnn-bptt", True, (7, 7)), NOW)
    with open_store() as store:
        assert progress.best_results(store)["rnn-bptt"]["passed"] is True


@pytest.mark.parametrize(("before", "want"), [("solution", 1), ("hint", 2), ("fail", 3), ("nothing", 4)])
def test_a_re_run_after_a_pass_in_the_same_cycle_is_not_upgraded(before: str, want: int) -> None:
    store = DictStore()
    if before == "solution":
        progress.record_solution(store, "d")
    elif before == "hint":
        progress.record_hint(store, "d", 3)
    elif before == "fail":
        progress.record_attempt(store, R("d", False, (1, 3)), NOW)
    first = progress.record_attempt(store, R("d", True, (3, 3)), NOW)
    assert first.rating == want and not first.rerun
    for res in (R("d", True, (3, 3)), R("d", False, (0, 3)), R("d", True, (3, 3))):
        again = progress.record_attempt(store, res, NOW)
        assert again.rating == want and again.rerun
    progress.start_cycle(store, "d")  # review opens the drill as due: the next cycle is rated afresh
    fresh = progress.record_attempt(store, R("d", True, (3, 3)), NOW)
    assert fresh.rating == 4 and not fresh.rerun
