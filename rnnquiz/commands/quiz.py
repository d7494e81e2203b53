"""`rnnquiz quiz`: the terminal (or pipe) around the quiz state machine in rnnquiz.study.quiz."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rnnquiz.commands.common import BankOpt, JsonOpt, LangOpt, TagOpt, TopicOpt, TypeOpt, handle_errors

if TYPE_CHECKING:
    from rich.console import Console

    from rnnquiz.bank.grade import Item
    from rnnquiz.bank.load import Catalog
    from rnnquiz.store import Store
    from rnnquiz.study.quiz import Answer, QuizSession


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
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
        """Quiz yourself: graded questions, then a summary."""
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
    from rnnquiz.errors import ExitCode, UsageError
    from rnnquiz.render import console
    from rnnquiz.render.prompt import interactive
    from rnnquiz.store import open_store
    from rnnquiz.study import results
    from rnnquiz.study.quiz import DEFAULT_N, QuizSession, draw_seed

    if back_without_missed:
        raise UsageError("A number after `quiz` only goes with --missed (`rnnquiz quiz --missed 2`).")
    if timed is not None and not 0 < timed <= 24 * 60:
        raise UsageError(f"--timed {timed}: give the minutes, a number above 0 and at most 1440 (a day)")
    if missed is not None and missed > 10**9:  # the store counts sessions in 64-bit integers
        raise UsageError(f"There are fewer than {missed} quiz sessions with answers.")
    if seed is not None and not -(2**63) <= seed < 2**63:
        raise UsageError(f"--seed {seed}: give a whole number that fits in 64 bits (below 2**63 in size)")
    lang = resolve_lang(lang)
    cat = load(banks)
    pool = answerable(select(cat, topics, types, tags), types)
    err = console.err()
    store = open_store()
    try:
        keep_order = False
        if missed is not None:
            found = results.missed_in_session(store, missed)
            if found is None:
                raise UsageError("No quiz session to go back to yet; run `rnnquiz quiz` first." if missed == 1
                                 else f"There are fewer than {missed} quiz sessions with answers.")
            wanted = set(q.id for q in pool)
            ids = [i for i in found[1] if i in cat.questions and i in wanted]
            if not ids:
                err.print("Nothing missed in that session (with these filters): nothing to re-ask.", markup=False)
                return 0
            pool = [cat.questions[i] for i in ids]
            keep_order = True
        if not pool:
            raise UsageError("No question matches these filters; see `rnnquiz list`.")
        count = n if n is not None else (len(pool) if missed is not None else DEFAULT_N)
        if seed is None:
            seed = draw_seed()
            err.print(f"seed {seed} (replay this session with --seed {seed})", markup=False, style="dim")
        session = QuizSession(
            pool, n=count, seed=seed, clock=paths.now, lang=lang, glossary=cat.glossary,
            time_limit=timedelta(minutes=timed) if timed else None, keep_order=keep_order,
        )  # fmt: skip
        if session.short and missed is None:
            err.print(f"Only {len(pool)} question(s) match; asking all {len(pool)}.", markup=False, style="yellow")
        settings: dict[str, Any] = {
            "topics": list(topics or []), "tags": list(tags or []), "types": list(types or []), "n": count,
            "lang": lang, "timed": timed, "missed": missed, "banks": [str(b) for b in banks or []],
        }  # fmt: skip
        session_id = results.start_session(store, seed, settings, session.started_at)
        display = err if as_json else console.out()
        previous = signal.getsignal(signal.SIGINT)
        try:
            _loop(session, store, session_id, display, err, cat, lang, interactive())
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


def _loop(
    session: QuizSession, store: Store, session_id: int, display: Console, err: Console, cat: Catalog,
    lang: str, reask: bool,
) -> None:  # fmt: skip
    from rnnquiz.render.question import print_feedback
    from rnnquiz.study import results

    while (item := session.current()) is not None:
        session.start_question()
        try:
            answer, revealed = _ask_item(session, item, display, lang, reask)
        except EOFError:
            session.finish("eof")
            break
        with _shielded():
            results.record_answer(store, session_id, session.seed, answer)
        if answer.verdict.status == "unreadable":
            err.print(
                f"warning: question {session.index}: could not read {answer.verdict.given!r} "
                f"({answer.verdict.note}); counted as wrong", markup=False, style="yellow", soft_wrap=True,
            )  # fmt: skip
        print_feedback(display, item, answer.verdict, lang, revealed=revealed)
        if session.end == "time":
            display.print("Time is up: that was the last answer.", markup=False, style="yellow")
            break
        if reask and not _after_answer(session, store, answer, display, lang):
            break


def _print_header(display: Console, session: QuizSession, item: Item, lang: str) -> None:
    from rnnquiz.render.question import print_item

    total = len(session.items)
    header = f"{session.index + 1}/{total} · {item.question.topic} · {item.type}"
    left = session.time_left()
    if left is not None:
        header += f" · {_mmss(left.total_seconds())} left"
    print_item(display, item, lang, header=header)


def _ask_item(session: QuizSession, item: Item, display: Console, lang: str, reask: bool) -> tuple[Answer, bool]:
    """Show the item and read its answer: (answer, whether a flashcard's back was shown). EOFError at end."""
    from rnnquiz.render.prompt import ask
    from rnnquiz.render.question import print_answer

    _print_header(display, session, item, lang)
    revealed = False
    if item.type == "flashcard" and reask:
        line = ask("Enter to reveal the answer (? skips) ")
        if line.strip() in ("?", "？"):
            return session.submit(line) or _never(), False
        print_answer(display, item, lang)
        revealed = True
        prompt = "Did you know it? y/n > "
    else:
        prompt = "> "
    line = _read(item, prompt, reask)
    while (answer := session.submit(line, reask=reask)) is None:
        display.print(f"  {session.check(line).note}", markup=False, style="yellow")
        line = _read(item, prompt, reask)
    return answer, revealed


def _read(item: Item, prompt: str, reask: bool) -> str:
    """One answer line; in a terminal a cloze with several blanks is asked one blank at a time."""
    from rnnquiz.render.prompt import ask

    if item.type != "cloze" or not reask or len(item.blanks()) < 2:
        return ask(prompt)
    names = item.blanks()
    first = ask(f"[{names[0]}] > ")
    if "|" in first or "｜" in first or first.strip() in ("", "?", "？"):
        return first  # the whole line at once, or a skip
    parts = [first] + [ask(f"[{name}] > ") for name in names[1:]]
    return " | ".join(parts)


def _never() -> Any:  # pragma: no cover - a skip is never unreadable
    raise AssertionError("a skip is always recorded")


def _after_answer(session: QuizSession, store: Store, answer: Answer, display: Console, lang: str) -> bool:
    """The keys after an answer in a terminal. Returns False when the candidate ends the session."""
    from rnnquiz.render.prompt import ask
    from rnnquiz.render.question import print_feedback
    from rnnquiz.study import results

    while True:
        keys = ["Enter next"]
        if answer.item.question.proof:
            keys.append("p proof")
        if session.can_override(answer):
            keys.append("! I was right")
        keys.append("q quit")
        try:
            key = ask(f"[{' · '.join(keys)}] ").strip().lower()
        except EOFError:
            session.finish("eof")
            return False
        if key == "":
            return True
        if key == "q":
            session.finish("quit")
            return False
        if key == "p" and answer.item.question.proof:
            _prove(display, answer.item, lang)
        elif key == "!" and session.can_override(answer):
            session.override()
            with _shielded():
                results.record_override(store, answer)
            print_feedback(display, answer.item, answer.verdict, lang, override=True)
        else:
            display.print(f"  {key!r}: press Enter, or one of the keys shown", markup=False, style="dim")


def _prove(display: Console, item: Item, lang: str) -> None:
    """Run the question's proof inline, or say in one line why it cannot run yet."""
    from rnnquiz.errors import RnnquizError
    from rnnquiz.proofs.registry import PROOFS

    pid = item.question.proof
    assert pid is not None
    spec = PROOFS.get(pid)
    if spec is None or spec.pending:
        display.print(f"Proof {pid!r}: not built yet (see `rnnquiz prove {item.id}` later).", markup=False, style="dim")
        return
    try:
        from rnnquiz.proofs.runner import run_proof
        from rnnquiz.render.proof import print_result
    except ImportError:
        display.print(f"Proof {pid!r}: not built yet in this version.", markup=False, style="dim")
        return
    display.print(f"Running proof {pid!r}…", markup=False, style="dim")
    try:
        result = run_proof(pid, seed=0, quick=spec.runtime == "training")
    except RnnquizError as exc:
        display.print(f"Proof {pid!r}: {exc.message}", markup=False, style="yellow")
        return
    print_result(display, result, lang)


def _wrap_up(session: QuizSession, store: Store, session_id: int, display: Console, cat: Catalog, lang: str) -> None:
    from rnnquiz.proofs.registry import PROOFS
    from rnnquiz.render.session import print_summary
    from rnnquiz.study import results

    session.finish("done")  # no-op when it already ended for another reason
    if session.end == "time" and session.unanswered():
        results.record_unanswered(store, session_id, session.seed, session.unanswered(), session.clock(), lang)
    results.end_session(store, session_id, session.ended_at or session.clock(), session.end or "done")
    summary = session.summary()
    proofs = {
        item.id: not PROOFS[item.question.proof].pending
        for item in summary.missed
        if item.question.proof and item.question.proof in PROOFS
    }
    print_summary(display, summary, lang=lang, claims=cat.claims, proofs=proofs, seed=session.seed)


def _mmss(seconds: float) -> str:
    m, s = divmod(max(0, int(seconds)), 60)
    return f"{m}:{s:02d}"


class _shielded:
    """Let a store write finish even if Ctrl-C arrives during it; the interrupt is raised right after."""

    def __enter__(self) -> None:
        import signal
        import threading

        self._pending = False
        self._old: Any = None
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._defer)

    def _defer(self, *_: object) -> None:
        self._pending = True

    def __exit__(self, *exc: object) -> None:
        import signal

        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)
        if self._pending:
            raise KeyboardInterrupt
