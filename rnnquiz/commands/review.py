"""Review commands: review, undo, due, stats, suspend, unsuspend, reset, doctor.

The session logic lives in rnnquiz/study (review.py, scheduler.py, cards.py); this module reads input
(a terminal, or the stdin protocol of CONTRACTS.md when stdin is not a terminal), hands it to the session
and passes what comes back to rnnquiz/render/review.py and render/stats.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rnnquiz.commands.common import (
    BankOpt,
    JsonOpt,
    LangOpt,
    TopicOpt,
    answerable,
    emit_json,
    handle_errors,
    load,
    load_index,
    resolve_lang,
    select,
)
from rnnquiz.commands.complete import complete_studied, complete_suspendable, complete_suspended
from rnnquiz.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from rnnquiz.bank.index import CatalogIndex
    from rnnquiz.bank.load import Catalog
    from rnnquiz.store import Store
    from rnnquiz.study.cards import Deck
    from rnnquiz.study.scheduler import DayClock, Planner

UntilOpt = Annotated[
    str | None,
    typer.Option("--until", help="Interview date YYYY-MM-DD (stored as the deadline setting); none clears it.", show_default=False),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


@dataclass
class Context:
    cat: Catalog | CatalogIndex  # the full catalog for review; its light index for due and stats
    selected: list[Any]  # the selected questions (Question objects, or index Entries)
    store: Store
    deck: Deck
    planner: Planner
    clock: DayClock
    settings: dict[str, Any]
    notes: list[str]


def _open(
    bank: Any, topic: list[str] | None, until: str | None = None, new: int | None = None, *, full: bool = True
) -> Context:
    """Catalog, store, deck of the selected questions, planner with the resolved settings.

    `full=False` (due, stats: nothing is shown or graded) reads the catalog's light index instead."""
    from rnnquiz import paths, settings
    from rnnquiz.store import open_store
    from rnnquiz.study.cards import Deck, quiz_missed
    from rnnquiz.study.scheduler import DayClock, Planner

    cat: Catalog | CatalogIndex = load(bank) if full else load_index(bank)
    questions = answerable(select(cat, topic, None, None))
    store = open_store()
    notes: list[str] = []
    if until is not None:
        store.set_setting("deadline", settings.encode(settings.parse_value("deadline", until)))
    stored = store.all_settings()
    values = {k: settings.resolve(k, None, stored)[0] for k in ("new_per_day", "reviews_per_day", "retention", "rollover_hour", "deadline")}
    if new is not None:
        if new < 0:
            raise UsageError("--new must be 0 or more")
        values["new_per_day"] = new
    clock = DayClock(paths.local_tz(), int(values["rollover_hour"]))
    now = paths.now()
    deadline = date.fromisoformat(values["deadline"]) if values["deadline"] else None
    if deadline is not None and deadline < clock.day(now):
        store.set_setting("deadline", None)
        notes.append(f"The deadline {deadline.isoformat()} has passed: deadline mode is now off.")
        deadline = None
    values["deadline"] = deadline
    # The priority (missed in quizzes first) orders new cards for review; due and stats only count them.
    deck = Deck(store, [q.id for q in questions], priority=quiz_missed(store.db) if full else ())
    planner = Planner(clock, float(values["retention"]), deadline)
    return Context(cat, questions, store, deck, planner, clock, values, notes)


@dataclass
class _Quit(Exception):
    pass


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def review(
        topic: TopicOpt = None,
        new: Annotated[int | None, typer.Option("--new", help="New cards today at most [default: the new_per_day setting, 20].", show_default=False)] = None,
        limit: Annotated[int | None, typer.Option("--limit", help="Answer at most N cards in this session.", show_default=False)] = None,
        until: UntilOpt = None,
        lang: LangOpt = None,
        bank: BankOpt = None,
        json: JsonOpt = False,
    ) -> None:
        """Review due cards with spaced repetition (FSRS)."""
        from rnnquiz import paths
        from rnnquiz.render import console
        from rnnquiz.render import review as view
        from rnnquiz.render.prompt import interactive
        from rnnquiz.study.cards import new_session_id
        from rnnquiz.study.review import ReviewSession

        language = resolve_lang(lang)
        if limit is not None and limit < 1:
            from rnnquiz.errors import UsageError

            raise UsageError(f"--limit {limit}: give how many cards at most, 1 or more")
        ctx = _open(bank, topic, until, new)
        err = console.err()
        for note in ctx.notes:
            view.note(err, note)
        session = ReviewSession(
            ctx.deck, ctx.planner, {q.id: q for q in ctx.selected}, paths.now,
            new_per_day=int(ctx.settings["new_per_day"]), reviews_per_day=int(ctx.settings["reviews_per_day"]),
            limit=limit, seed=int(paths.now().timestamp()), session_id=new_session_id(),
        )
        tty = interactive()
        interrupted = False
        try:
            with ctx.store:
                _loop(session, ctx, language, tty, err)
        except KeyboardInterrupt:
            interrupted = True
        except _Quit:
            pass
        if json:
            emit_json({"reviews": [view.review_json(a) for a in session.saved]})
        view.summary(err, session, paths.now(), ctx.clock, language, interrupted=interrupted)
        if interrupted:
            raise typer.Exit(int(ExitCode.INTERRUPTED))

    @app.command()
    @handle_errors
    def undo(bank: BankOpt = None, json: JsonOpt = False) -> None:
        """Undo the last review (also of an earlier session)."""
        from rnnquiz import paths
        from rnnquiz.render import console
        from rnnquiz.render import review as view
        from rnnquiz.store import open_store
        from rnnquiz.study.cards import Deck, Elsewhere, last_undoable_review

        with open_store() as store:
            row = last_undoable_review(store.db)
            if row is None:
                raise UsageError("Nothing to undo: the review log has no review left to take back.")
            deck = Deck(store, [])
            try:
                card = deck.commit_undo(row["id"], paths.now(), expect_last=False)
            except Elsewhere:  # another process undid it a moment ago
                raise UsageError("That review was just undone elsewhere; run undo again for the one before.") from None
        if json:
            emit_json({"undone": {"id": row["question_id"], "rating": row["rating"], "reviewed_at": row["reviewed_at"], "due": card.due.isoformat() if card.due else None}})
            return
        view.undone(console.out(), row["question_id"], row["rating"], row["reviewed_at"], card)

    @app.command()
    @handle_errors
    def due(topic: TopicOpt = None, bank: BankOpt = None, json: JsonOpt = False) -> None:
        """Show how many cards are due now, today, tomorrow."""
        from rnnquiz import paths

        ctx = _open(bank, topic, full=False)
        now = paths.now()
        with ctx.store:
            deadline = _deadline(ctx, now)
            counts = ctx.deck.due_counts(now, ctx.clock, all_studied_due=bool(deadline and deadline.all_due))
            new_left, _ = _limits_left(ctx, now)
            next_due = ctx.deck.next_due(now)
        doc = {
            "due_now": counts["due_now"], "due_today": counts["due_today"], "due_tomorrow": counts["due_tomorrow"],
            "new_available": min(new_left, counts["new"]), "next_due": next_due.isoformat() if next_due else None,
        }  # fmt: skip
        if json:
            emit_json(doc)
            return
        from rnnquiz.render import console  # Rich only for text output
        from rnnquiz.render import review as view

        for note in ctx.notes:
            view.note(console.err(), note)
        view.due(console.out(), doc, deadline, now, ctx.clock)

    @app.command()
    @handle_errors
    def stats(topic: TopicOpt = None, bank: BankOpt = None, json: JsonOpt = False) -> None:
        """Show retention, forecast, calendar, mastery, leeches."""
        from rnnquiz import paths

        ctx = _open(bank, topic, full=False)
        now = paths.now()
        with ctx.store:
            doc = collect_stats(ctx, now, ctx.selected)
        if json:
            emit_json(doc)
            return
        from rnnquiz.render import console  # Rich only for text output
        from rnnquiz.render import stats as view

        view.print_stats(console.out(), doc)

    @app.command()
    @handle_errors
    def suspend(question_id: Annotated[str, typer.Argument(metavar="ID", help="A question id.", autocompletion=complete_suspendable)], bank: BankOpt = None) -> None:
        """Suspend a card: review skips it until unsuspended."""
        _event(question_id, "suspend", bank)

    @app.command()
    @handle_errors
    def unsuspend(question_id: Annotated[str, typer.Argument(metavar="ID", help="A question id.", autocompletion=complete_suspended)], bank: BankOpt = None) -> None:
        """Bring a suspended card back into review."""
        _event(question_id, "unsuspend", bank)

    @app.command()
    @handle_errors
    def reset(
        question_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="A question id.", show_default=False, autocompletion=complete_studied)] = None,
        topic: TopicOpt = None,
        bank: BankOpt = None,
        yes: YesOpt = False,
    ) -> None:
        """Start cards over as new (asks first; logged)."""
        from rnnquiz import paths
        from rnnquiz.render import console
        from rnnquiz.render.prompt import ask

        if (question_id is None) == (not topic):
            raise UsageError("reset takes either a question ID or --topic T")
        cat = load(bank)
        ids = [cat.get(question_id).id] if question_id else [q.id for q in select(cat, topic, None, None)]
        from rnnquiz.store import open_store
        from rnnquiz.study.cards import Deck

        with open_store() as store:
            deck = Deck(store, ids)
            studied = [c.question_id for c in deck.studied_cards()]
            if not studied:
                console.err().print("Nothing to reset: those cards have no review history.", markup=False)
                return
            if not yes:
                try:
                    answer = ask(f"Reset {len(studied)} card(s) to new? Their history stays in the log. [y/N] ")
                except EOFError:
                    answer = ""
                if answer.strip().lower() not in ("y", "yes"):
                    console.err().print("Nothing reset.", markup=False)
                    return
            for qid in studied:
                deck.commit_event(qid, "reset", paths.now())
        console.out().print(f"Reset {len(studied)} card(s): they are new again.", markup=False)

    @app.command()
    @handle_errors
    def doctor(
        repair: Annotated[bool, typer.Option("--repair", help="Rewrite card rows that differ from the rebuild.")] = False,
        bank: BankOpt = None,
        json: JsonOpt = False,
    ) -> None:
        """Check card state against a rebuild from the log."""
        from rnnquiz.render import console
        from rnnquiz.render import review as view
        from rnnquiz.store import open_store
        from rnnquiz.study import cards

        cat = load(bank, strict=False)
        with open_store() as store:
            diagnosis, rebuilt = cards.diagnose(store.db, cat.questions)
            repaired = cards.repair(store, rebuilt, diagnosis) if repair else 0
        if json:
            emit_json({
                "checked": diagnosis.checked, "mismatched": diagnosis.mismatched, "missing": diagnosis.missing,
                "extra": diagnosis.extra, "orphans": diagnosis.orphans, "repaired": repaired,
            })  # fmt: skip
        else:
            view.doctor(console.out(), diagnosis, repaired)
        if (diagnosis.mismatched or diagnosis.missing) and not repair:
            raise typer.Exit(int(ExitCode.CHECK_FAILED))


def _deadline(ctx: Context, now: Any) -> Any:
    from rnnquiz.study.scheduler import deadline_for

    return deadline_for(ctx.planner.deadline, ctx.clock, now)


def _limits_left(ctx: Context, now: Any) -> tuple[int, int]:
    new_today, reviews_today = ctx.deck.counts_today(ctx.clock, now)
    return max(0, int(ctx.settings["new_per_day"]) - new_today), max(0, int(ctx.settings["reviews_per_day"]) - reviews_today)


def collect_stats(ctx: Context, now: Any, questions: list) -> dict[str, Any]:
    from rnnquiz import stats
    from rnnquiz.study.cards import quiz_results

    deck, clock = ctx.deck, ctx.clock
    deadline = _deadline(ctx, now)
    reviews, again, ms = deck.today_row(now, clock)
    due = deck.due_counts(now, clock, all_studied_due=bool(deadline and deadline.all_due))
    studied = deck.memory_rows()  # plain rows: retrievability needs no CardState per card
    today = clock.day(now)
    return {
        "today": stats.today_figures(reviews, again, ms, due),
        "retention": stats.retention_figures(deck.retention_rows(now)),
        "forecast": stats.forecast_figures(deck.forecast_rows(now, clock), today),
        "calendar": stats.calendar_figures(deck.calendar_rows(now, clock), today),
        "mastery": stats.mastery_figures(questions, studied, quiz_results(ctx.store.db), now),
        "leeches": stats.leech_figures(deck.leech_cards()),
        "deadline": stats.deadline_figures(ctx.planner.deadline, studied, ctx.planner.retention, clock, now),
    }


def _event(question_id: str, kind: str, bank: Any) -> None:
    from rnnquiz import paths
    from rnnquiz.render import console
    from rnnquiz.store import open_store
    from rnnquiz.study.cards import Deck

    cat = load(bank, strict=False)
    if question_id not in cat.questions:
        cat.get(question_id)  # unknown id: exit 2 with suggestions
    with open_store() as store:
        deck = Deck(store, [question_id])
        card = deck.card(question_id)
        if kind == "suspend" and card.suspended:
            console.err().print(f"{question_id} is already suspended.", markup=False)
            return
        if kind == "unsuspend" and not card.suspended:
            console.err().print(f"{question_id} is not suspended.", markup=False)
            return
        deck.commit_event(question_id, kind, paths.now())
    console.out().print(f"{question_id}: {kind}ed.", markup=False)


# --- the session loop ---------------------------------------------------------------------------------


def _loop(session: Any, ctx: Context, lang: str, tty: bool, err: Any) -> None:
    from rnnquiz import paths
    from rnnquiz.bank.schema import Flashcard
    from rnnquiz.render import review as view
    from rnnquiz.render.prompt import ask
    from rnnquiz.render.question import print_answer, print_feedback, print_item
    from rnnquiz.study.review import flashcard_rating, grade_line
    from rnnquiz.study.scheduler import AGAIN, GOOD

    glossary = ctx.cat.glossary
    while True:
        shown = session.next()
        if shown is None:
            now = paths.now()
            view.nothing_left(err, session, ctx.deck.next_due(now), now, ctx.clock, lang)
            return
        header = view.header(shown, session.deadline(shown.shown_at), ctx.deck.due_counts(shown.shown_at, ctx.clock), lang)
        print_item(err, shown.item, lang, header)
        is_flash = isinstance(shown.question, Flashcard)
        if not tty:  # the stdin protocol: one line per question
            try:
                line = ask("")
            except EOFError:
                return
            if is_flash:
                rating = flashcard_rating(line)
                if rating is None:
                    view.warn(err, f"{shown.question_id}: unreadable rating {line!r} (1–4); counted as Again")
                    rating = AGAIN
            else:
                verdict, override = grade_line(shown, line, lang, glossary)
                if verdict.status == "unreadable":
                    view.warn(err, f"{shown.question_id}: unreadable answer {line!r} ({verdict.note}); counted as wrong")
                rating = session.rating_for(verdict, override)
            _commit(session, shown, rating, line, err, lang)
            continue
        # --- a person at a terminal ---
        if is_flash:
            line = _ask_command(session, shown, err, lang, view.reveal_prompt(lang))
            if line is None:
                continue  # undone: the undone card comes next
            print_answer(err, shown.item, lang)
            rating = _ask_rating(session, shown, err, lang, allowed=(1, 2, 3, 4), default=GOOD)
            if rating is None:
                continue
        else:
            while True:
                line = _ask_command(session, shown, err, lang, "> ")
                if line is None:
                    break
                verdict, override = grade_line(shown, line, lang, glossary)
                if verdict.status != "unreadable":
                    break
                view.warn(err, verdict.note)
            if line is None:
                continue
            print_feedback(err, shown.item, verdict, lang)
            if override is not None:
                rating = override
            elif verdict.correct:
                rating = _ask_rating(session, shown, err, lang, allowed=(2, 3, 4), default=GOOD)
                if rating is None:
                    continue
            else:
                rating = AGAIN
        _commit(session, shown, rating, line, err, lang)


def _ask_command(session: Any, shown: Any, err: Any, lang: str, prompt: str) -> str | None:
    """Read a line at a terminal, handling u (undo), p (proof) and q (quit). None after an undo."""
    from rnnquiz.render import review as view
    from rnnquiz.render.prompt import ask

    while True:
        try:
            line = ask(prompt)
        except EOFError:
            raise _Quit() from None
        cmd = line.strip().lower()
        if cmd == "q":
            raise _Quit()
        if cmd == "u":
            undone = session.undo()
            view.undo_result(err, undone, lang)
            if undone is not None and undone.card is not None:
                return None
            continue
        if cmd == "p":
            _proof(shown, err, lang)
            continue
        return line


def _ask_rating(session: Any, shown: Any, err: Any, lang: str, allowed: tuple[int, ...], default: int) -> int | None:
    from rnnquiz.render import review as view

    outcomes = session.preview(shown)
    view.rating_keys(err, outcomes, allowed, default, lang)
    while True:
        line = _ask_command(session, shown, err, lang, "rating> ")
        if line is None:
            return None
        s = line.strip()
        if s == "" or s == " ":
            return default
        if s.isdigit() and int(s) in allowed:
            return int(s)
        view.warn(err, f"press Enter for {default}, or one of {', '.join(map(str, allowed))}")


def _commit(session: Any, shown: Any, rating: int, given: str, err: Any, lang: str) -> None:
    from rnnquiz.render import review as view

    result = session.answer(shown, rating, given)
    view.saved(err, result, lang)


def _proof(shown: Any, err: Any, lang: str) -> None:
    from rnnquiz.render import review as view

    proof = shown.question.proof
    if not proof:
        view.warn(err, "this question has no proof")
        return
    try:
        from rnnquiz.proofs.runner import run_proof
        from rnnquiz.render.proof import print_result
    except ImportError:
        view.warn(err, f"proof {proof!r}: proofs are not available in this build")
        return
    try:
        result = run_proof(proof, seed=0, quick=True)
    except Exception as exc:  # a pending proof or an experiment error must not end the session
        view.warn(err, f"proof {proof!r}: {exc}")
        return
    print_result(err, result, lang)
