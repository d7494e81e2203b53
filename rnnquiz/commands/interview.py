"""`rnnquiz interview`: the terminal (or pipe) around the mock-interview session in rnnquiz.study.interview.

Three layers, kept apart so that the answer loop can move onto the shared driver (commands/driver.py)
later: reading (`read_line`, `read_explanation`: terminal or pipe), the loop (`_run_loop`: asks the
session what comes next, shows it, feeds the answer back) and saving (`_Saver`: quiz history and the
FSRS rating of explain answers). Drawing is rnnquiz/render/interview.py.

Pipe protocol: an explain answer is its lines up to an empty line, then one line correcting the marking
(empty keeps it); any other question is one line, as in `quiz`; a drill step takes one line (ignored).
End of input ends the interview with its report (exit 0).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rnnquiz.commands.common import BankOpt, LangOpt, TopicOpt

if TYPE_CHECKING:
    from rnnquiz.bank.load import Catalog
    from rnnquiz.render.console import Console
    from rnnquiz.store import Store
    from rnnquiz.study.interview import DrillRef, InterviewSession, Result, Step

SKIP = ("", "?", "？")


def register(app: typer.Typer) -> None:
    @app.command()
    def interview(
        minutes: Annotated[float, typer.Option("--minutes", "-m", min=0.1, help="Length of the interview in minutes; the answer being given when time is up still counts.")] = 30,
        topic: TopicOpt = None,
        seed: Annotated[int | None, typer.Option("--seed", help="Replay an interview: same opening and the same choices [default: a new seed, printed].", show_default=False)] = None,
        lang: LangOpt = None,
        bank: BankOpt = None,
    ) -> None:
        """Mock interview: explain in your own words, follow-ups, a report of what to study."""
        code = run_interview(minutes=minutes, topics=topic, seed=seed, lang=lang, banks=bank)
        if code:
            raise typer.Exit(code)


# --- coding drills (rnnquiz drill) ------------------------------------------------------------------------


def find_drills() -> list[DrillRef]:
    """The coding drills the interview may suggest (`rnnquiz drill start ID`): `rnnquiz.drills.catalog.DRILLS`
    (each with `id`, `title` {en, zh} and `claims`). Importing the catalog costs no NumPy. Without the drills
    package the interview mixes in numeric questions only."""
    from rnnquiz.study.interview import DrillRef

    try:
        from rnnquiz.drills.catalog import DRILLS
    except ImportError:
        return []
    return [DrillRef(d.id, d.title, tuple(d.claims)) for d in DRILLS]


# --- reading: terminal or pipe --------------------------------------------------------------------------


def read_line(prompt: str = "> ") -> str:
    """One line (EOFError at end of input)."""
    from rnnquiz.render.prompt import ask

    return ask(prompt)


def read_explanation() -> str:
    """A multi-line answer ended by an empty line; an empty (or `?`) first line is a skip (returns "").

    EOFError only when input ends before the first line; an answer cut short by the end of input counts."""
    lines: list[str] = []
    while True:
        try:
            line = read_line("> " if not lines else "… ")
        except EOFError:
            if not lines:
                raise
            break
        if not line.strip():
            break
        if not lines and line.strip() in SKIP:
            return ""
        lines.append(line)
    return "\n".join(lines)


# --- saving -----------------------------------------------------------------------------------------------


class _Saver:
    """Quiz history (so `quiz --missed` re-asks what was missed) and the FSRS rating of explain answers."""

    def __init__(self, store: Store, seed: int, settings: dict[str, Any], started_at: Any) -> None:
        from rnnquiz import paths
        from rnnquiz import settings as rs
        from rnnquiz.store import quiz as results
        from rnnquiz.store.cards import new_session_id
        from rnnquiz.study.scheduler import DayClock, Planner

        self.store = store
        self.seed = seed
        self.session_id = results.start_session(store, seed, settings, started_at)
        self.review_session = new_session_id()
        stored = store.all_settings()
        retention = float(rs.resolve("retention", None, stored)[0])
        rollover = int(rs.resolve("rollover_hour", None, stored)[0])
        self.planner = Planner(DayClock(paths.local_tz(), rollover), retention)
        self.saved = 0

    def save(self, result: Result, lang: str) -> str | None:
        """Record one answer; for an explain answer also the FSRS review. Returns the interval shown."""
        from rnnquiz.bank.grade import Verdict, expected
        from rnnquiz.store import quiz as results
        from rnnquiz.study.quiz import Answer

        step = result.step
        if step.item is None or result.right is None:
            return None
        verdict = result.verdict
        if verdict is None:  # explain: the model answer is what was expected
            status = "skipped" if not result.given else ("right" if result.right else "wrong")
            verdict = Verdict(status, expected(step.item, lang) or step.question.answer.get(lang), result.given)  # type: ignore[union-attr]
        answer = Answer(step.item, verdict, result.seconds, result.answered_at)
        results.record_answer(self.store, self.session_id, self.seed, answer)
        self.saved += 1
        if result.rating is None:
            return None
        return self._review(step.item.id, result)

    def _review(self, qid: str, result: Result) -> str | None:
        from rnnquiz.store.cards import Deck
        from rnnquiz.study.scheduler import format_interval

        deck = Deck(self.store, [qid])
        card = deck.card(qid)
        outcome = self.planner.preview(card, result.answered_at)[result.rating or 1]
        try:
            deck.commit_review(card, outcome, result.answered_at, duration_ms=int(result.seconds * 1000), session=self.review_session)
        except Exception:  # the card moved in another session: the quiz history still has the answer
            return None
        return format_interval(outcome.interval)

    def end(self, at: Any, reason: str) -> None:
        from rnnquiz.store import quiz as results

        results.end_session(self.store, self.session_id, at, reason)


# --- the command ------------------------------------------------------------------------------------------


def run_interview(
    *, minutes: float, topics: list[str] | None, seed: int | None, lang: str | None, banks: list[Path] | None
) -> int:
    """Run one interview; returns the exit code (0, or 130 after Ctrl-C)."""
    from rnnquiz.errors import UsageError as _Usage

    if not 0 < minutes <= 24 * 60:  # inf, nan, 1e308: the clock arithmetic would overflow
        raise _Usage(f"--minutes {minutes}: give the minutes, a number above 0 and at most 1440 (a day)")
    if seed is not None and not -(2**63) <= seed < 2**63:  # the store keeps seeds as 64-bit integers
        raise _Usage(f"--seed {seed}: give a whole number that fits in 64 bits (below 2**63 in size)")
    import signal

    from rnnquiz import paths
    from rnnquiz.commands.common import load, resolve_lang, select
    from rnnquiz.errors import ExitCode, UsageError
    from rnnquiz.i18n import t
    from rnnquiz.render import console
    from rnnquiz.render import interview as view
    from rnnquiz.render.prompt import interactive
    from rnnquiz.store import open_store
    from rnnquiz.study.interview import InterviewSession
    from rnnquiz.study.quiz import draw_seed

    paths.now()  # a bad RNNQUIZ_NOW is its one line, before the seed line or any question
    lang = resolve_lang(lang)
    cat = load(banks)
    select(cat, topics, None, None)  # unknown topics: exit 2
    with_explain = sorted({q.topic for q in cat.questions.values() if q.type == "explain"})
    if topics and not set(topics) & set(with_explain):
        raise UsageError(t("interview.no_explain", "en", topics=", ".join(topics), known=", ".join(with_explain)))
    if not with_explain:
        raise UsageError("No explain questions are loaded; see `rnnquiz list --type explain`.")
    err = console.err()
    if seed is None:
        seed = draw_seed()
        view.print_seed(err, seed, lang)
    session = InterviewSession(
        list(cat.questions.values()), minutes=minutes, seed=seed, clock=paths.now, topics=topics or (),
        drills=find_drills(),
    )  # fmt: skip
    display = console.out()
    store = open_store()
    code = 0
    try:
        store.check_writable("quiz_sessions", "quiz_answers", "review_log", "cards")  # before the first question
        saver = _Saver(store, seed, {"mode": "interview", "topics": list(topics or []), "minutes": minutes, "lang": lang}, session.started_at)
        view.print_title(display, minutes, seed, lang)
        previous = signal.getsignal(signal.SIGINT)
        try:
            _run_loop(session, saver, cat, display, lang, interactive())
        except KeyboardInterrupt:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            session.finish("interrupted")
            code = int(ExitCode.INTERRUPTED)
        finally:
            signal.signal(signal.SIGINT, previous)
        if session.end == "time":
            display.print()
            view.print_note(display, t("interview.time_up", lang), "bold yellow")
        report = session.report()
        saver.end(paths.now(), report.end)
        view.print_report(display, report, cat.claims, lang, saved=saver.saved)
    finally:
        store.close()
    return code


def _run_loop(session: InterviewSession, saver: _Saver, cat: Catalog, display: Console, lang: str, terminal: bool) -> None:
    """Ask until the session ends; EOF ends it normally."""
    from rnnquiz.render import interview as view

    while (step := session.next_step()) is not None:
        view.print_step(display, step, session.time_left(), lang, cat.questions.get(step.after) if step.after else None)
        try:
            if step.drill is not None:
                view.print_drill(display, step.drill, lang)
                read_line("")
                session.pass_drill(step)
                continue
            result = _explain(session, step, cat, display, lang, terminal) if step.is_explain else _other(session, step, cat, display, lang, terminal)
        except EOFError:
            session.finish("eof")
            return
        interval = saver.save(result, lang)
        if result.rating is not None:
            view.print_rating(display, result.rating, interval, lang)
        if terminal and not _go_on(lang):
            session.finish("quit")
            return


def _explain(session: InterviewSession, step: Step, cat: Catalog, display: Console, lang: str, terminal: bool) -> Result:
    from rnnquiz.bank.schema import Explain
    from rnnquiz.i18n import t
    from rnnquiz.render import interview as view

    q = step.question
    assert isinstance(q, Explain)
    view.print_explain_prompt(display, q, lang)
    text = read_explanation()
    if session.out_of_time():
        view.print_note(display, t("interview.over_time", lang), "bold yellow")
    marks = session.mark(step, text, cat.glossary)
    if not text:
        view.print_skipped(display, lang)
        statuses = ["missing"] * len(marks)
    else:
        view.print_marks(display, marks, lang)
        statuses = _confirm(marks, lang, terminal, display)
        if statuses != [m.status for m in marks]:
            view.print_corrected(display, lang)
    result = session.answer_explain(step, text, marks, statuses)
    view.print_model(display, q, statuses, lang)
    return result


def _confirm(marks: list[Any], lang: str, terminal: bool, display: Console) -> list[str]:
    """The candidate's one line confirming or correcting the marking (one key per point)."""
    from rnnquiz.bank import explain as marking
    from rnnquiz.commands.common import error
    from rnnquiz.i18n import t
    from rnnquiz.render import interview as view

    n = len(marks)
    while True:
        try:
            line = read_line(t("interview.confirm", lang, n=n))
        except EOFError:
            return [m.status for m in marks]
        statuses = marking.corrections(line, marks)
        if statuses is not None:
            return statuses
        if not terminal:
            error(t("interview.confirm_bad_pipe", "en", line=line))
            return [m.status for m in marks]
        view.print_note(display, t("interview.confirm_bad", lang, n=n))


def _other(session: InterviewSession, step: Step, cat: Catalog, display: Console, lang: str, terminal: bool) -> Result:
    """A question of any other type: one line, graded by the bank's grader (re-asked when unreadable
    in a terminal; from a pipe an unreadable line counts as wrong, with a warning)."""
    from rnnquiz.bank.grade import grade
    from rnnquiz.commands.common import error
    from rnnquiz.render import interview as view
    from rnnquiz.render.plain import truncate
    from rnnquiz.render.question import print_feedback, print_item

    assert step.item is not None
    print_item(display, step.item, lang)
    line = read_line()
    while terminal and (v := grade(step.item, line, lang, cat.glossary)).status == "unreadable":
        view.print_note(display, f"  {v.note}")
        line = read_line()
    result = session.answer_item(step, line, lang, cat.glossary)
    assert result.verdict is not None
    if result.verdict.status == "unreadable":
        error(f"unreadable answer {truncate(line, 80)!r} to {step.item.id}: counted as wrong ({result.verdict.note})")
    print_feedback(display, step.item, result.verdict, lang)
    return result


def _go_on(lang: str) -> bool:
    """In a terminal, a pause to read the feedback: one key, as at quiz and review prompts (Enter or any
    key goes on, q ends)."""
    from rnnquiz.i18n import t
    from rnnquiz.render.prompt import read_key

    try:
        key = read_key(t("interview.continue", lang)).strip().lower()
    except EOFError:
        return False
    return key not in ("q", "退")
