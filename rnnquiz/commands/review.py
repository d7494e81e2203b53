"""Review commands: review, undo, due, stats, suspend, unsuspend, reset, doctor.

Thin: the session is rnnquiz/study/review.py (pure), the answer loop rnnquiz/commands/driver.py, the
queries rnnquiz/store/cards.py, the figures rnnquiz/stats.py, the screens rnnquiz/render/review.py and
render/stats.py. `due` and `stats` only read: they never create the store or change a setting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rnnquiz.commands.common import (
    BankOpt,
    JsonOpt,
    LangOpt,
    TopicOpt,
    answerable,
    emit_json,
    load,
    resolve_lang,
    select,
)
from rnnquiz.commands.complete import complete_studied, complete_suspendable, complete_suspended
from rnnquiz.errors import ExitCode, UsageError, usage
from rnnquiz.i18n import t

if TYPE_CHECKING:
    from rnnquiz.bank.load import Catalog
    from rnnquiz.bank.schema import Question
    from rnnquiz.store import Store
    from rnnquiz.store.cards import Deck
    from rnnquiz.study.scheduler import DayClock, Deadline, Planner

DRILLS_TOPIC = "drills"  # the topic of the coding drills' cards (rnnquiz.study.review.DrillCard)
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", help="Interview date YYYY-MM-DD (stored as the deadline setting); none clears it.", show_default=False),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


@dataclass
class Context:
    cat: Catalog
    selected: list[Question]  # in teaching order
    store: Store
    deck: Deck
    planner: Planner
    clock: DayClock
    settings: dict[str, Any]
    notes: list[str]
    drills: list[str] = field(default_factory=list)  # drill cards (`drill:ID`) in the deck after the questions
    with_drills: bool = False  # no --topic, or --topic drills

    def deadline(self, now: datetime) -> Deadline | None:
        from rnnquiz.study.scheduler import deadline_for

        return deadline_for(self.planner.deadline, self.clock, now)

    def limits_left(self, now: datetime) -> tuple[int, int]:
        new_today, reviews_today = self.deck.counts_today(self.clock, now)
        return (max(0, int(self.settings["new_per_day"]) - new_today),
                max(0, int(self.settings["reviews_per_day"]) - reviews_today))  # fmt: skip


def _open(
    bank: Any, topic: list[str] | None, lang: str, *, write: bool, until: str | None = None, new: int | None = None
) -> Context:
    """Catalog, store, deck of the selected questions (teaching order), planner with the resolved settings.

    `write=False` (due, stats): the store is only read — none is created, a passed deadline stays stored."""
    from rnnquiz import paths, settings
    from rnnquiz.store import open_readonly, open_store
    from rnnquiz.store.cards import Deck, drill_cards, quiz_missed
    from rnnquiz.study.review import teaching_order
    from rnnquiz.study.scheduler import DayClock, Planner

    cat = load(bank)
    # "drills" is the coding drills' topic: `--topic drills` selects only them, no --topic adds them.
    with_drills = not topic or DRILLS_TOPIC in topic
    rest = [x for x in topic or () if x != DRILLS_TOPIC]
    questions = [] if topic and not rest else teaching_order(answerable(select(cat, rest or None, None, None)))
    until_value = settings.parse_value("deadline", until, "--until") if until is not None else None
    store = open_store() if write else open_readonly()
    notes: list[str] = []
    stored = store.all_settings()
    keys = ("new_per_day", "reviews_per_day", "retention", "rollover_hour", "deadline")
    values = {k: settings.resolve(k, None, stored)[0] for k in keys}
    if new is not None:
        if new < 0:
            raise UsageError("--new must be 0 or more")
        values["new_per_day"] = new
    clock = DayClock(paths.local_tz(), int(values["rollover_hour"]))
    now = paths.now()
    if until is not None:  # a date already gone is refused, not stored and then dropped as "passed"
        if until_value is not None and date.fromisoformat(until_value) < clock.day(now):
            store.close()
            raise usage("err.setting.past", option="--until", shown=repr(until), today=clock.day(now).isoformat())
        store.set_setting("deadline", settings.encode(until_value))
        values["deadline"] = until_value
    deadline = date.fromisoformat(values["deadline"]) if values["deadline"] else None
    if deadline is not None and deadline < clock.day(now):
        if write:
            store.set_setting("deadline", None)
        notes.append(t("review.deadline_passed", lang, date=deadline.isoformat()))
        deadline = None
    values["deadline"] = deadline
    # Missed in quizzes first among new cards (review only: due and stats just count them).
    # Drills the user has checked have cards; only those join the selection (never as new cards).
    drills = list(drill_cards(store.db)) if with_drills else []
    deck = Deck(store, [q.id for q in questions] + drills, priority=quiz_missed(store) if write else ())
    planner = Planner(clock, float(values["retention"]), deadline)
    return Context(cat, questions, store, deck, planner, clock, values, notes, drills, with_drills)


def _plan(ctx: Context, now: datetime) -> dict[str, int] | None:
    from rnnquiz.study.review import daily_plan

    deadline = ctx.deadline(now)
    if deadline is None or deadline.passed:
        return None
    return daily_plan(ctx.deck.due_counts(now, ctx.clock)["new"], deadline.days_left, int(ctx.settings["new_per_day"]))


def register(app: typer.Typer) -> None:
    @app.command()
    def review(
        topic: TopicOpt = None,
        new: Annotated[int | None, typer.Option("--new", help="New cards today at most [default: the new_per_day setting; see `rnnquiz config`].", show_default=False)] = None,
        limit: Annotated[int | None, typer.Option("--limit", help="Answer at most N cards in this session.", show_default=False)] = None,
        until: UntilOpt = None,
        lang: LangOpt = None,
        bank: BankOpt = None,
        json: JsonOpt = False,
    ) -> None:
        """Review due cards with spaced repetition (FSRS)."""
        from rnnquiz import paths
        from rnnquiz.commands.driver import Quit, ReviewRunner, review_loop
        from rnnquiz.render import console
        from rnnquiz.render import review as view
        from rnnquiz.render.prompt import interactive
        from rnnquiz.store.cards import new_session_id
        from rnnquiz.study.review import ReviewSession

        language = resolve_lang(lang)
        if limit is not None and limit < 1:
            from rnnquiz.errors import UsageError

            raise UsageError(f"--limit {limit}: give how many cards at most, 1 or more")
        ctx = _open(bank, topic, language, write=True, until=until, new=new)
        ctx.store.check_writable("review_log", "cards")  # before the first question, not after its answer
        err = console.err()
        for note in ctx.notes:
            view.note(err, note)
        plan = _plan(ctx, paths.now())
        if plan is not None:
            view.note(err, view.plan_line(plan, language))
        session = ReviewSession(
            ctx.planner, {q.id: q for q in ctx.selected}, paths.now,
            new_per_day=int(ctx.settings["new_per_day"]), reviews_per_day=int(ctx.settings["reviews_per_day"]),
            limit=limit, seed=int(paths.now().timestamp()), session_id=new_session_id(),
        )  # fmt: skip
        runner = ReviewRunner(session, ctx.deck, language)
        interrupted = False
        try:
            with ctx.store:
                review_loop(runner, err, language, interactive(), ctx.cat.glossary)
        except KeyboardInterrupt:
            interrupted = True
        except Quit:
            pass
        if json:
            emit_json({"reviews": [view.review_json(a) for a in session.saved]})
        view.summary(err, session, language, interrupted=interrupted)
        if interrupted:
            raise typer.Exit(int(ExitCode.INTERRUPTED))

    @app.command()
    def undo(lang: LangOpt = None, bank: BankOpt = None, json: JsonOpt = False) -> None:
        """Undo the last review (also of an earlier session)."""
        from rnnquiz import paths
        from rnnquiz.render import console
        from rnnquiz.render import review as view
        from rnnquiz.store import open_readonly
        from rnnquiz.store.cards import Deck, Elsewhere, last_undoable_review

        language = resolve_lang(lang)
        with open_readonly() as store:
            row = last_undoable_review(store.db)
            if row is None:
                raise UsageError(t("undo.none", language))
            deck = Deck(store, [])
            try:
                card = deck.commit_undo(row["id"], paths.now(), expect_last=False)
            except Elsewhere:  # another process undid it a moment ago
                raise UsageError(t("undo.elsewhere", language)) from None
        if json:
            emit_json({"undone": {"id": row["question_id"], "rating": row["rating"], "reviewed_at": row["reviewed_at"], "due": card.due.isoformat() if card.due else None}})
            return
        view.undone(console.out(), row["question_id"], row["rating"], row["reviewed_at"], card, language)

    @app.command()
    def due(topic: TopicOpt = None, lang: LangOpt = None, bank: BankOpt = None, json: JsonOpt = False) -> None:
        """Show how many cards are due now, today, tomorrow."""
        from rnnquiz import paths

        language = resolve_lang(lang)
        ctx = _open(bank, topic, language, write=False)
        now = paths.now()
        with ctx.store:
            deadline = ctx.deadline(now)
            counts = ctx.deck.due_counts(now, ctx.clock, all_studied_due=bool(deadline and deadline.all_due))
            new_left, _ = ctx.limits_left(now)
            next_due = ctx.deck.next_due(now)
            plan = _plan(ctx, now)
        doc: dict[str, Any] = {
            "due_now": counts["due_now"], "due_today": counts["due_today"], "due_tomorrow": counts["due_tomorrow"],
            "new_available": min(new_left, counts["new"]), "next_due": next_due.isoformat() if next_due else None,
        }  # fmt: skip
        if plan is not None:
            doc["plan"] = plan
        if json:
            emit_json(doc)
            return
        from rnnquiz.render import console  # Rich only for text output
        from rnnquiz.render import review as view

        for note in ctx.notes:
            view.note(console.err(), note)
        view.due(console.out(), doc, deadline, now, ctx.clock, language)

    @app.command()
    def stats(topic: TopicOpt = None, lang: LangOpt = None, bank: BankOpt = None, json: JsonOpt = False) -> None:
        """Show retention, forecast, calendar, mastery, leeches."""
        from rnnquiz import paths
        from rnnquiz import stats as figures
        from rnnquiz.store.cards import quiz_results

        language = resolve_lang(lang)
        ctx = _open(bank, topic, language, write=False)
        now = paths.now()
        cards: list[Any] = list(ctx.selected)
        if ctx.with_drills:  # every drill under the topic "drills", its claims feeding mastery by claim
            from rnnquiz.drills.catalog import DRILLS, card_id
            from rnnquiz.study.review import DrillCard

            cards += [DrillCard(card_id(d.id), tuple(d.claims)) for d in DRILLS]
        with ctx.store:
            doc = figures.collect(ctx.deck, quiz_results(ctx.store), cards, ctx.planner, ctx.deadline(now), now)
        if json:
            emit_json(doc)
            return
        from rnnquiz.render import console  # Rich only for text output
        from rnnquiz.render import stats as view

        view.print_stats(console.out(), doc, language, {"extra": t("claim.extra", language), **{cid: c.title.get(language) for cid, c in ctx.cat.claims.items()}})

    @app.command()
    def suspend(
        question_id: Annotated[str, typer.Argument(metavar="ID", help="A question id.", autocompletion=complete_suspendable)],
        lang: LangOpt = None,
        bank: BankOpt = None,
    ) -> None:
        """Suspend a card: review skips it until unsuspended."""
        _event(question_id, "suspend", bank, resolve_lang(lang))

    @app.command()
    def unsuspend(
        question_id: Annotated[str, typer.Argument(metavar="ID", help="A question id.", autocompletion=complete_suspended)],
        lang: LangOpt = None,
        bank: BankOpt = None,
    ) -> None:
        """Bring a suspended card back into review."""
        _event(question_id, "unsuspend", bank, resolve_lang(lang))

    @app.command()
    def reset(
        question_id: Annotated[str | None, typer.Argument(metavar="[ID]", help="A question id.", show_default=False, autocompletion=complete_studied)] = None,
        topic: TopicOpt = None,
        lang: LangOpt = None,
        bank: BankOpt = None,
        yes: YesOpt = False,
    ) -> None:
        """Start cards over as new (asks first; logged)."""
        from rnnquiz import paths
        from rnnquiz.render import console
        from rnnquiz.render.prompt import ask
        from rnnquiz.store import open_store
        from rnnquiz.store.cards import Deck

        language = resolve_lang(lang)
        if (question_id is None) == (not topic):
            raise UsageError("reset takes either a question ID or --topic T")
        cat = load(bank)
        ids = [cat.get(question_id).id] if question_id else [q.id for q in select(cat, topic, None, None)]
        with open_store() as store:
            deck = Deck(store, ids)
            studied = [c.question_id for c in deck.studied_cards()]
            if not studied:
                console.err().print(t("reset.nothing", language), markup=False)
                return
            if not yes:
                try:
                    answer = ask(t("reset.ask", language, n=len(studied)))
                except EOFError:
                    answer = ""
                if answer.strip().lower() not in ("y", "yes", "是"):
                    console.err().print(t("reset.kept", language), markup=False)
                    return
            for qid in studied:
                deck.commit_event(qid, "reset", paths.now())
        console.out().print(t("reset.done", language, n=len(studied)), markup=False)

    @app.command()
    def doctor(
        repair: Annotated[bool, typer.Option("--repair", help="Rewrite card rows that differ from the rebuild; set unreplayable log rows aside (kept).")] = False,
        lang: LangOpt = None,
        bank: BankOpt = None,
        json: JsonOpt = False,
    ) -> None:
        """Check the store: readable tables, card state against a rebuild from the log."""
        from rnnquiz import paths
        from rnnquiz.errors import StoreError
        from rnnquiz.render import console
        from rnnquiz.render import review as view
        from rnnquiz.store import cards, open_readonly
        from rnnquiz.store.db import missing_tables, recreate_missing_tables

        language = resolve_lang(lang)
        cat = load(bank, strict=False)
        with open_readonly() as store:
            restored = recreate_missing_tables(store) if repair else []  # a dropped table, from the schema
            if restored:
                console.out().print(t("doctor.recreated", language, tables=", ".join(restored)), markup=False)
            readable = cards.readable_tables(store.db)
            if any(error is not None for error in readable.values()):
                if json:
                    emit_json({"tables": {k: v is None for k, v in readable.items()}, "errors": {k: v for k, v in readable.items() if v}})
                else:
                    view.tables(console.out(), readable, language)
                lost = missing_tables(store.db)
                if lost:  # a dropped table: --repair recreates it (and rebuilds cards from the log)
                    raise StoreError(t("doctor.missing_tables", language, path=store.path, tables=", ".join(lost)))
                raise StoreError(t("doctor.damaged", language, path=store.path))
            from rnnquiz.drills.catalog import card_ids

            diagnosis, rebuilt = cards.diagnose(store.db, [*cat.questions, *card_ids()])  # drill cards are known too
            quarantined = len(diagnosis.poisoned) if repair else 0
            repaired = cards.repair(store, rebuilt, diagnosis, paths.now()) if repair else 0
        if json:
            emit_json({
                "checked": diagnosis.checked, "mismatched": diagnosis.mismatched, "missing": diagnosis.missing,
                "extra": diagnosis.extra, "orphans": diagnosis.orphans, "repaired": repaired,
                "poisoned": [{"log_id": p.log_id, "id": p.question_id, "reason": p.reason} for p in diagnosis.poisoned],
                "quarantined": quarantined,
            })  # fmt: skip
        else:
            view.doctor(console.out(), diagnosis, repaired, quarantined, language)
        if not diagnosis.healthy and not repair:
            raise typer.Exit(int(ExitCode.STORE))


def _event(question_id: str, kind: str, bank: Any, lang: str) -> None:
    from rnnquiz import paths
    from rnnquiz.render import console
    from rnnquiz.store import open_store
    from rnnquiz.store.cards import Deck

    cat = load(bank, strict=False)
    if question_id not in cat.questions:
        cat.get(question_id)  # unknown id: exit 2 with suggestions
    with open_store() as store:
        deck = Deck(store, [question_id])
        card = deck.card(question_id)
        if kind == "suspend" and card.suspended:
            console.err().print(t("event.already_suspended", lang, id=question_id), markup=False)
            return
        if kind == "unsuspend" and not card.suspended:
            console.err().print(t("event.not_suspended", lang, id=question_id), markup=False)
            return
        deck.commit_event(question_id, kind, paths.now())
    console.out().print(t(f"event.{kind}", lang, id=question_id), markup=False)
