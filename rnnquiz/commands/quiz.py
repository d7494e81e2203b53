"""`rnnquiz quiz`: options, the session (rnnquiz.study.quiz), the answer loop (commands/driver.py), the summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rnnquiz.commands.common import BankOpt, JsonOpt, LangOpt, TagOpt, TopicOpt, TypeOpt

if TYPE_CHECKING:
    from rnnquiz.bank.load import Catalog
    from rnnquiz.render.console import Console
    from rnnquiz.store import Store
    from rnnquiz.study.quiz import QuizSession


def register(app: typer.Typer) -> None:
    @app.command()
    def quiz(
        topic: TopicOpt = None,
        tag: TagOpt = None,
        type: TypeOpt = None,
        n: Annotated[int | None, typer.Option("-n", "--number", min=1, help="How many questions [default: 10; with --missed: all missed].", show_default=False)] = None,
        seed: Annotated[int | None, typer.Option("--seed", help="Replay a session: same questions, same choice order [default: a new seed, printed].", show_default=False)] = None,
        lang: LangOpt = None,
        timed: Annotated[float | None, typer.Option("--timed", metavar="MIN", help="Mock interview: end after MIN minutes; questions not reached count as missed.", show_default=False)] = None,
        missed: Annotated[bool, typer.Option("--missed", help="Re-ask the questions missed in the last session (`--missed 2`: the one before).")] = False,
        back: Annotated[int | None, typer.Argument(metavar="[N]", min=1, help="With --missed: how many sessions back [default: 1].", show_default=False)] = None,
        json: JsonOpt = False,
        bank: BankOpt = None,
    ) -> None:
        """Quiz yourself: graded questions, then a summary.

        Type answers as you would say them; a reason beside a right answer is read. When the grader cannot
        tell, it says "not sure", shows the expected answer and asks you (y/n). After a wrong verdict, the key
        `!` ("I was right") counts your answer right."""
        code = run_quiz(
            topics=topic, tags=tag, types=type, n=n, seed=seed, lang=lang, timed=timed,
            missed=(back or 1) if missed else None, back_without_missed=back is not None and not missed,
            as_json=json, banks=bank,
        )  # fmt: skip
        if code:
            raise typer.Exit(code)


def run_quiz(
    *,
    topics: list[str] | None,
    tags: list[str] | None,
    types: list[str] | None,
    n: int | None,
    seed: int | None,
    lang: str | None,
    timed: float | None,
    missed: int | None,
    back_without_missed: bool,
    as_json: bool,
    banks: list[Path] | None,
) -> int:
    """Run one session; returns the exit code (0, or 130 after Ctrl-C)."""
    import signal
    from datetime import timedelta

    from rnnquiz import paths
    from rnnquiz.commands.common import answerable, emit_json, load, resolve_lang, select
    from rnnquiz.commands.driver import quiz_loop
    from rnnquiz.errors import ExitCode, UsageError, usage
    from rnnquiz.i18n import t
    from rnnquiz.render import console
    from rnnquiz.render.prompt import interactive
    from rnnquiz.store import open_store
    from rnnquiz.store import quiz as results
    from rnnquiz.study.quiz import DEFAULT_N, QuizSession, draw_seed

    if back_without_missed:
        raise UsageError("A number after `quiz` only goes with --missed (`rnnquiz quiz --missed 2`).")
    if timed is not None and not 0 < timed <= 24 * 60:
        raise UsageError(f"--timed {timed}: give the minutes, a number above 0 and at most 1440 (a day)")
    if missed is not None and missed > 10**9:  # the store counts sessions in 64-bit integers
        raise UsageError(f"There are fewer than {missed} quiz sessions with answers.")
    if seed is not None and not -(2**63) <= seed < 2**63:
        raise UsageError(f"--seed {seed}: give a whole number that fits in 64 bits (below 2**63 in size)")
    paths.now()  # a bad RNNQUIZ_NOW is its one line, before the seed line or any question
    lang = resolve_lang(lang)
    cat = load(banks)
    pool = answerable(select(cat, topics, types, tags), types)
    err = console.err()
    store = open_store()
    try:
        store.check_writable("quiz_sessions", "quiz_answers")  # before the first question, not after its answer
        keep_order = False
        if missed is not None:
            found = results.missed_in_session(store, missed)
            if found is None:
                raise UsageError("No quiz session to go back to yet; run `rnnquiz quiz` first." if missed == 1
                                 else f"There are fewer than {missed} quiz sessions with answers.")
            wanted = set(q.id for q in pool)
            ids = [i for i in found[1] if i in cat.questions and i in wanted]
            if not ids:
                err.print(t("quiz.nothing_missed", lang), markup=False)
                return 0
            pool = [cat.questions[i] for i in ids]
            keep_order = True
        if not pool:
            raise usage("err.no_match")
        count = n if n is not None else (len(pool) if missed is not None else DEFAULT_N)
        if seed is None:
            seed = draw_seed()
            err.print(t("quiz.seed", lang, seed=seed), markup=False, style="dim")
        session = QuizSession(
            pool, n=count, seed=seed, clock=paths.now, lang=lang, glossary=cat.glossary,
            time_limit=timedelta(minutes=timed) if timed else None, keep_order=keep_order,
        )  # fmt: skip
        if session.short and missed is None:
            err.print(t("quiz.short", lang, n=len(pool)), markup=False, style="yellow")
        settings: dict[str, Any] = {
            "topics": list(topics or []), "tags": list(tags or []), "types": list(types or []), "n": count,
            "lang": lang, "timed": timed, "missed": missed, "banks": [str(b) for b in banks or []],
        }  # fmt: skip
        session_id = results.start_session(store, seed, settings, session.started_at)
        display = err if as_json else console.out()
        previous = signal.getsignal(signal.SIGINT)
        try:
            quiz_loop(session, store, session_id, display, err, lang, interactive())
        except KeyboardInterrupt:
            # From here on a second Ctrl-C ends the process at once; SQLite's journal keeps the store whole.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            session.finish("interrupted")
        try:
            _wrap_up(session, store, session_id, display, cat, lang)
            if as_json:
                emit_json(session.to_json(settings))
        finally:
            signal.signal(signal.SIGINT, previous)
        return int(ExitCode.INTERRUPTED) if session.end == "interrupted" else 0
    finally:
        store.close()


def _wrap_up(session: QuizSession, store: Store, session_id: int, display: Console, cat: Catalog, lang: str) -> None:
    from rnnquiz.proofs.registry import PROOFS
    from rnnquiz.render.session import print_summary
    from rnnquiz.store import quiz as results

    session.finish("done")  # no-op when it already ended for another reason
    if session.end == "time" and session.unanswered():
        results.record_unanswered(store, session_id, session.seed, session.unanswered(), session.clock(), lang)
    results.end_session(store, session_id, session.ended_at or session.clock(), session.end or "done")
    summary = session.summary()
    proofs = [item.id for item in summary.missed if item.question.proof and item.question.proof in PROOFS]
    print_summary(display, summary, lang=lang, claims=cat.claims, proofs=proofs, seed=session.seed)
