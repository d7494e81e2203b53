"""`export anki --with-progress`: Anki, importing with scheduling, shows the schedule rnnquiz keeps."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rnnquiz.bank.load import load_catalog
from rnnquiz.cli import app
from rnnquiz.export import anki

pytestmark = pytest.mark.anki
pytest.importorskip("anki")

import ankioracle as ao  # noqa: E402

runner = CliRunner()
P = "example/example-"


def study(example_bank: Path) -> dict:
    """Real reviews through the store, at times relative to now (Anki reads the system clock): a mature
    card, a young one with an undone review, a lapse in relearning, a suspended card, a reset, one new."""
    from rnnquiz import paths
    from rnnquiz.export.progress import cards_api
    from rnnquiz.store import open_store
    from rnnquiz.study.scheduler import RESET_KIND, SUSPEND_KIND, DayClock, Planner

    now = paths.now()
    clock = DayClock(paths.local_tz(), 4)
    planner = Planner(clock, 0.9, None, fuzz=False)
    ids = [q for q in load_catalog([example_bank], bundled=False).questions]
    plan = {  # question -> (days ago, rating) in order
        P + "flashcard": [(60, 3), (59, 3), (50, 3), (30, 3)],
        P + "mcq": [(9, 3), (8, 4)],
        P + "multi": [(20, 3), (19, 3), (0.01, 1)],
        P + "truefalse": [(5, 3), (4, 3)],
        P + "typein": [(3, 2), (2, 3)],
        P + "order": [(12, 3), (11, 3)],
        P + "cloze": [(15, 3), (14, 3), (7, 3)],  # one card here, one per blank in Anki: each gets it
    }
    Deck, stored_cards = cards_api().Deck, cards_api().stored_cards
    with open_store() as store:
        deck = Deck(store, ids)
        for qid, steps in plan.items():
            for days_ago, rating in steps:
                t = now - timedelta(days=days_ago)
                seen = deck.card(qid)
                outcome = planner.preview(seen, t)[rating]
                deck.commit_review(seen, outcome, t, duration_ms=7000, session="s")
        # undo the last review of the mcq, suspend the true/false card, reset the order card
        deck.commit_undo(_last_review(store, P + "mcq"), now - timedelta(days=8) + timedelta(minutes=1), expect_last=True)
        deck.commit_event(P + "truefalse", SUSPEND_KIND, now - timedelta(days=1))
        deck.commit_event(P + "order", RESET_KIND, now - timedelta(days=1))
        cards = stored_cards(store.db)
    return {"now": now, "clock": clock, "cards": cards}


def _last_review(store, qid: str) -> int:
    return store.db.execute("SELECT max(id) FROM review_log WHERE question_id = ? AND kind = 'review'", (qid,)).fetchone()[0]


def test_due_dates_memory_state_and_log_arrive_in_anki(example_bank: Path, tmp_path: Path) -> None:
    ours = study(example_bank)
    out = tmp_path / "p.apkg"
    r = runner.invoke(app, ["export", "anki", "--out", str(out), "--bank", str(example_bank), "--topic", "example",
                            "--with-progress", "--json"])  # fmt: skip
    assert r.exit_code == 0, r.output
    col = ao.fresh_collection(tmp_path / "profile")
    try:
        log = ao.counts(ao.import_apkg(col, out, with_scheduling=True))
        assert log["new"] == 8, log
        today = col.sched.today
        by_guid = {col.get_note(nid).guid: nid for nid in col.find_notes("")}
        clock, now = ours["clock"], ours["now"]
        seen_states: set[str] = set()
        assert len(col.card_ids_of_note(by_guid[anki.guid(P + "cloze")])) == 2
        for qid, nid in ((q, by_guid[anki.guid(q)]) for q in (P + t for t in (
                "flashcard", "mcq", "multi", "truefalse", "typein", "cloze", "order", "numeric"))):
            mine = ours["cards"].get(qid)
            for cid in col.card_ids_of_note(nid):
                card = col.get_card(cid)
                revlog = col.db.list("SELECT ease FROM revlog WHERE cid = ? ORDER BY id", cid)
                if mine is None or mine.state == 0:
                    assert int(card.type) == 0, qid
                    seen_states.add("new")
                    if qid == P + "order":  # a reset: Anki's manual entry after the two reviews
                        assert revlog == [3, 3, 0], (qid, revlog)
                    continue
                assert card.reps == mine.reps and card.lapses == mine.lapses, qid
                assert card.memory_state is not None
                assert card.memory_state.stability == pytest.approx(mine.stability, rel=1e-4), qid
                assert card.memory_state.difficulty == pytest.approx(mine.difficulty, abs=1e-3), qid  # Anki keeps 3 decimals
                if mine.state == 2:
                    assert int(card.type) == 2, qid
                    # the day Anki shows it due, counted from Anki's today, is ours counted from our today
                    assert card.due - today == (clock.day(mine.due) - clock.day(now)).days, qid
                    seen_states.add("review")
                else:
                    assert int(card.type) == mine.state and int(card.queue) in (1, -1), qid  # 1 learn, 3 relearn
                    assert card.due == int(mine.due.timestamp()), qid
                    seen_states.add({1: "learning", 3: "relearning"}[mine.state])
                if mine.suspended:
                    assert int(card.queue) == -1, qid
                    seen_states.add("suspended")
                expected = {P + "flashcard": [3, 3, 3, 3], P + "mcq": [3], P + "multi": [3, 3, 1],
                            P + "truefalse": [3, 3], P + "typein": [2, 3], P + "cloze": [3, 3, 3]}[qid]  # the undone review is left out
                assert revlog == expected, (qid, revlog)
        assert seen_states == {"new", "review", "learning", "relearning", "suspended"}
        # Anki's own check finds nothing to repair in what arrived
        problems = col.fix_integrity()[0]
        assert "invalid" not in problems.lower(), problems
    finally:
        col.close()


def test_without_progress_cards_arrive_new_and_no_log(example_bank: Path, tmp_path: Path) -> None:
    study(example_bank)
    out = tmp_path / "plain.apkg"
    r = runner.invoke(app, ["export", "anki", "--out", str(out), "--bank", str(example_bank), "--topic", "example"])
    assert r.exit_code == 0, r.output
    col = ao.fresh_collection(tmp_path / "profile")
    try:
        ao.import_apkg(col, out, with_scheduling=True)
        assert col.db.scalar("SELECT count(*) FROM cards WHERE type != 0") == 0
        assert col.db.scalar("SELECT count(*) FROM revlog") == 0
    finally:
        col.close()
