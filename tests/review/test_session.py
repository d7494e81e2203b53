"""The session state machine over a real store: queue order, limits, undo, reviewed elsewhere, rebuild."""

from __future__ import annotations

import random
from datetime import UTC

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rnnquiz.commands.driver import ReviewRunner
from rnnquiz.store import open_store
from rnnquiz.store.cards import Deck, diagnose, rebuild_all, stored_cards
from rnnquiz.study.review import ReviewSession, split_rating
from rnnquiz.study.scheduler import DayClock, Planner

from .conftest import IDS, Clock


def make_session(store, catalog, clock, **kw):
    """The pure session and the store's deck, joined as the driver joins them."""
    qs = {q: catalog.questions[q] for q in IDS}
    session = ReviewSession(Planner(DayClock(UTC), fuzz=kw.pop("fuzz", True)), qs, clock, session_id="s", **kw)
    return ReviewRunner(session, Deck(store, IDS))


def test_split_rating_suffix():
    assert split_rating("b !4") == ("b", 4)
    assert split_rating("forget gate") == ("forget gate", None)
    assert split_rating("!2") == ("", 2)
    assert split_rating("a!2") == ("a!2", None)


def test_new_cards_in_bank_order_then_learning_cards_come_back(store, catalog):
    clock = Clock()
    s = make_session(store, catalog, clock, new_per_day=3)
    seen = []
    for _ in range(5):
        shown = s.next()
        seen.append((shown.question_id, shown.pick.queue))
        s.answer(shown, 1)  # Again: back in a minute
        clock.advance(seconds=15)
    # due learning cards come before new ones: the first card is due again 60 s after its answer
    assert [q for q, _ in seen[:3]] == IDS[:3]
    assert seen[3] == (IDS[0], "ahead")  # learn-ahead: nothing else left (new limit 3 reached)
    clock.advance(seconds=60)
    assert s.next().pick.queue == "learning"
    assert s.remaining_limits(clock())[0] == 0


def test_undo_several_levels_brings_cards_back_and_matches_a_rebuild(store, catalog):
    clock = Clock()
    s = make_session(store, catalog, clock)
    answered = []
    for rating in (3, 4, 1):
        shown = s.next()
        answered.append(shown.question_id)
        s.answer(shown, rating)
        clock.advance(seconds=20)
    assert s.undo().question_id == answered[2]
    assert s.undo().question_id == answered[1]
    assert s.next().question_id == answered[1]  # the undone card comes straight back
    assert [a.question_id for a in s.saved] == answered[:1]
    assert rebuild_all(store.db) == stored_cards(store.db)
    kinds = [r[0] for r in store.db.execute("SELECT kind FROM review_log ORDER BY id")]
    assert kinds == ["review", "review", "review", "undo", "undo"]  # nothing deleted


def test_a_card_reviewed_elsewhere_is_not_saved_twice(store, catalog):
    clock = Clock()
    a = make_session(store, catalog, clock)
    other = open_store()
    b = make_session(other, catalog, clock)
    shown_a, shown_b = a.next(), b.next()
    assert shown_a.question_id == shown_b.question_id
    assert a.answer(shown_a, 3).saved
    result = b.answer(shown_b, 3)
    assert not result.saved
    assert store.db.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 1
    assert b.next().question_id != shown_b.question_id  # moves on
    other.close()


def test_review_limit_and_session_limit(store, catalog):
    clock = Clock()
    s = make_session(store, catalog, clock, limit=2)
    for _ in range(2):
        s.answer(s.next(), 3)
    assert s.next() is None


def test_suspended_and_reset_cards(store, catalog):
    clock = Clock()
    s = make_session(store, catalog, clock)
    deck = s.deck
    deck.commit_event(IDS[0], "suspend", clock())
    assert s.next().question_id == IDS[1]
    deck.commit_event(IDS[0], "unsuspend", clock())
    shown = s.next()
    assert shown.question_id == IDS[0]
    s.answer(shown, 4)
    card = deck.commit_event(IDS[0], "reset", clock())
    assert card.state == 0 and card.reps == 0
    assert diagnose(store.db, IDS)[0].mismatched == []


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("review"), st.integers(1, 4), st.integers(0, 3 * 86400)),
        st.tuples(st.just("undo"), st.just(0), st.integers(0, 600)),
        st.tuples(st.sampled_from(["suspend", "unsuspend", "reset"]), st.integers(0, 7), st.integers(0, 600)),
    ),
    max_size=40,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS, seed=st.integers(0, 2**16))
def test_any_sequence_of_reviews_and_undos_leaves_cards_equal_to_a_rebuild(catalog, tmp_path, ops, seed):
    random.seed(seed)  # fsrs fuzz: live intervals are fuzzed, the rebuild takes them from the log
    path = tmp_path / f"p{seed}-{len(ops)}.sqlite3"
    path.unlink(missing_ok=True)
    with open_store(path) as store:
        clock = Clock()
        s = make_session(store, catalog, clock, new_per_day=9999)
        for op, arg, dt in ops:
            clock.advance(seconds=dt)
            if op == "review":
                shown = s.next()
                if shown is not None:
                    s.answer(shown, arg)
            elif op == "undo":
                s.undo()
            else:
                s.deck.commit_event(IDS[arg], op, clock())
        assert stored_cards(store.db) == rebuild_all(store.db)
    path.unlink()
