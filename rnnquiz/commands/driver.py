"""The one answer loop of quiz and review: reading an answer from a terminal or a pipe, the keys, the
inline proof, Ctrl-C shielding of a store write, end of input.

The sessions (rnnquiz/study) are pure; this module feeds them and commits what they decide to the store.

Keys, the same wherever they apply (a terminal; a pipe follows the stdin protocol of CONTRACTS.md):
- Enter or Space reveals a flashcard; `?` skips (in review the card is left unrated, never a silent Again);
- `q` quits at any prompt; `u` undoes the last review; `p` runs the question's proof;
- `!` after an automatic "wrong": I was right (quiz: counts as right; review: choose the rating);
- after "? not sure" (rnnquiz.bank.unsure: the answer holds the key, the grader cannot tell): y counts it right
  (as `!` does), n wrong, q quits;
- ratings 1–4 are single keys, each shown with the interval it gives (Enter or Space = Good); in the quiz,
  a revealed flashcard asks y / n [Y/n] (Enter = y, as Enter = Good in review).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rnnquiz.errors import RnnquizError, StoreError
from rnnquiz.i18n import t
from rnnquiz.render import prompt as terminal
from rnnquiz.render.plain import truncate

if TYPE_CHECKING:
    from rnnquiz.bank.grade import Item
    from rnnquiz.bank.schema import Question
    from rnnquiz.render.console import Console
    from rnnquiz.store import Store
    from rnnquiz.store.cards import Deck
    from rnnquiz.study.quiz import Answer, QuizSession
    from rnnquiz.study.review import Answered, DrillDue, ReviewSession, Shown, Undone
    from rnnquiz.study.scheduler import CardState

SKIP_KEYS = ("?", "？")
REVEAL_KEYS = (terminal.ENTER, " ")


class NotSaved(StoreError):
    """A store error during a session, its message saying what was saved and what was not."""


def _store_failure(exc: BaseException) -> StoreError | None:
    """A StoreError, or a sqlite3 error of a read (a damaged store) as one; None for anything else."""
    if isinstance(exc, StoreError):
        return exc
    from rnnquiz.store.db import as_store_error

    return as_store_error(exc)


@contextmanager
def saving(saved: Callable[[], int], question_id: str | None, lang: str) -> Iterator[None]:
    """A store failure inside (StoreError, or sqlite3's of a damaged store) as NotSaved: one line saying
    how many answers were saved (`saved()`, counted when it fails) and which one was not; exit 4."""
    try:
        yield
    except NotSaved:
        raise
    except Exception as exc:
        failure = _store_failure(exc)
        if failure is None:
            raise
        raise _not_saved(failure, saved(), question_id, lang) from None


class Quit(Exception):
    """The person pressed q (or the input ended) at a prompt."""


class Undo(Exception):
    """The person pressed u and a review was undone: the undone card comes next."""


class shielded:
    """Let a store write finish even if Ctrl-C arrives during it; the interrupt is raised right after."""

    def __enter__(self) -> None:
        self._pending = False
        self._old: Any = None
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._defer)

    def _defer(self, *_: object) -> None:
        self._pending = True

    def __exit__(self, *exc: object) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)
        if self._pending:
            raise KeyboardInterrupt


def mmss(seconds: float) -> str:
    m, s = divmod(max(0, int(round(seconds))), 60)
    return f"{m}:{s:02d}"


def run_proof(console: Console, question: Question, lang: str, seed: int = 0) -> None:
    """The question's proof inline (quick form), with the numbers the question was asked with (`seed`
    is the session's: a generated question proves the parameters it showed), or one line saying why it
    cannot run."""
    from rnnquiz.proofs.questions import question_params
    from rnnquiz.proofs.registry import PROOFS
    from rnnquiz.proofs.runner import run_proof as run
    from rnnquiz.render.proof import print_result
    from rnnquiz.render.review import warn

    pid = question.proof
    if not pid or pid not in PROOFS:
        warn(console, t("driver.no_proof", lang), lang)
        return
    console.print(t("driver.running_proof", lang, id=pid), markup=False, style="dim")
    try:
        result = run(pid, seed=0, quick=True, params=question_params(question, seed))
    except RnnquizError as exc:
        warn(console, t("driver.proof_failed", lang, id=pid, message=exc.message), lang)
        return
    print_result(console, result, lang)


def read_cloze(item: Item, prompt: str, ask: Callable[[str], str]) -> str:
    """A cloze with several blanks, one blank at a time at a terminal; the answers joined with `|`."""
    names = item.blanks()
    first = ask(f"[{names[0]}] {prompt}")
    if "|" in first or "｜" in first or first.strip() in ("", *SKIP_KEYS, "q", "u", "p"):
        return first  # the whole line at once, a skip or a key
    return " | ".join([first] + [ask(f"[{name}] {prompt}") for name in names[1:]])


def _keys_line(lang: str, keys: Sequence[str]) -> str:
    return "[" + " · ".join(t(k, lang) for k in keys) + "] "


# --- review -----------------------------------------------------------------------------------------


class ReviewRunner:
    """A pure ReviewSession and the store's deck: picks come from the store, decisions go back to it."""

    def __init__(self, session: ReviewSession, deck: Deck, lang: str = "en") -> None:
        self.session = session
        self.deck = deck
        self.lang = lang
        self.skipped: set[str] = set()

    def remaining_limits(self, now: datetime) -> tuple[int, int]:
        return self.session.limits(self.deck.counts_today(self.session.planner.clock, now))

    def next(self) -> Shown | DrillDue | None:
        from rnnquiz.study.review import DrillDue, is_drill
        from rnnquiz.study.scheduler import Pick

        s = self.session
        if s.finished:
            return None
        now = s.clock()
        front = s.take_front()
        if front is not None:
            return s.show(Pick(front, self.deck.card(front), "undo"), now)
        new_left, reviews_left = self.remaining_limits(now)
        deadline = s.deadline(now)
        pick = self.deck.pick(
            now, s.planner.clock, new_left=new_left, reviews_left=reviews_left, exclude=s.elsewhere | self.skipped,
            all_studied_due=bool(deadline and deadline.all_due),
        )  # fmt: skip
        if pick is not None and is_drill(pick.question_id):
            return DrillDue(pick, now)  # rated by `drill check`, not here
        return None if pick is None else s.show(pick, now)

    def answer(self, shown: Shown, rating: int, given: str = "") -> Answered:
        decision = self.session.answer(shown, rating, given)
        with saving(lambda: len(self.session.saved), shown.question_id, self.lang), shielded():
            log_id = self.deck.commit(decision)
        return self.session.committed(decision, log_id)

    def undo(self) -> Undone | None:
        decision = self.session.undo()
        if decision is None:
            return None
        with shielded():
            card = self.deck.commit_undo_decision(decision)
        return self.session.undone(decision, card)

    def skip(self, shown: Shown | DrillDue) -> None:
        self.skipped.add(shown.question_id)

    @property
    def saved(self) -> list[Answered]:
        return self.session.saved


def commit_rating(store: Store, card_id: str, rating: int, now: datetime) -> CardState | None:
    """Commit a rating decided outside a review sitting (a drill check's) to card `card_id`: the planner
    review would use (the stored retention, rollover hour and deadline), the same decision and the same
    commit. The card as saved, or None when it changed in another process meanwhile."""
    from datetime import date

    from rnnquiz import paths, settings
    from rnnquiz.store.cards import Deck, new_session_id
    from rnnquiz.study.review import rated_decision
    from rnnquiz.study.scheduler import DayClock, Planner

    stored = store.all_settings()
    values = {k: settings.resolve(k, None, stored)[0] for k in ("retention", "rollover_hour", "deadline")}
    clock = DayClock(paths.local_tz(), int(values["rollover_hour"]))
    deadline = date.fromisoformat(values["deadline"]) if values["deadline"] else None
    if deadline is not None and deadline < clock.day(now):
        deadline = None  # passed: review clears it; here it only stops counting
    deck = Deck(store, [card_id])
    decision = rated_decision(Planner(clock, float(values["retention"]), deadline), deck.card(card_id), rating, now,
                              new_session_id())
    with shielded():
        log_id = deck.commit(decision)
    return None if log_id is None else deck.card(card_id)


def _not_saved(exc: StoreError, saved: int, question_id: str | None, lang: str) -> NotSaved:
    if question_id is None:
        return NotSaved(t("driver.saved_before", lang, error=exc.message, saved=saved))
    return NotSaved(t("driver.not_saved", lang, error=exc.message, saved=saved, id=question_id))


def review_loop(runner: ReviewRunner, err: Console, lang: str, tty: bool, glossary: Sequence[dict]) -> None:
    """Show due cards until none is left, the limit is reached, `q`, or end of input. A store failure
    ends the session with one line saying what was saved (NotSaved, exit 4)."""
    with saving(lambda: len(runner.saved), None, lang):
        _review_cards(runner, err, lang, tty, glossary)


def _review_cards(runner: ReviewRunner, err: Console, lang: str, tty: bool, glossary: Sequence[dict]) -> None:
    from rnnquiz import paths
    from rnnquiz.render import review as view
    from rnnquiz.render.question import print_item, type_name
    from rnnquiz.study.review import DrillDue

    clock = runner.session.planner.clock
    while True:
        shown = runner.next()
        if shown is None:
            now = paths.now()
            today = runner.deck.counts_today(clock, now)
            new_left, _ = runner.session.limits(today)
            unseen = runner.deck.due_counts(now, clock)["new"] if new_left == 0 else 0
            view.nothing_left(err, runner.session, runner.deck.next_due(now), now, clock, lang,
                              new_waiting=unseen, new_per_day=runner.session.new_per_day, new_today=today[0])
            return
        if isinstance(shown, DrillDue):
            _drill_due(runner, shown, err, lang)
            continue
        counts = runner.deck.due_counts(shown.shown_at, clock)
        new_left = min(counts["new"], runner.session.limits(runner.deck.counts_today(clock, shown.shown_at))[0])
        header = view.header(shown, runner.session.deadline(shown.shown_at), counts, new_left, lang, type_name(shown.item.type, lang))
        print_item(err, shown.item, lang, header, terminal=tty)
        try:
            if tty:
                rating, given = _review_terminal(runner, shown, err, lang, glossary)
            else:
                rating, given = _review_line(runner, shown, err, lang, glossary)
        except Undo:
            continue
        if rating is None:
            continue  # skipped: not rated
        view.saved(err, runner.answer(shown, rating, given), lang)


def _drill_due(runner: ReviewRunner, due: DrillDue, err: Console, lang: str) -> None:
    """A drill card came up: say how to do it, start its review cycle; it stays unrated (no input read)."""
    from rnnquiz.drills import progress
    from rnnquiz.drills.catalog import review_prompt
    from rnnquiz.render import review as view

    view.drill_due(err, due.question_id, review_prompt(due.drill_id, lang))
    with shielded():
        progress.start_cycle(runner.deck.store, due.drill_id)
    runner.skip(due)


def _review_line(runner: ReviewRunner, shown: Shown, err: Console, lang: str, glossary: Sequence[dict]) -> tuple[int | None, str]:
    """The stdin protocol: one line per card; a flashcard line is a rating, a graded answer may end in !N."""
    from rnnquiz.render import review as view
    from rnnquiz.study.review import AGAIN, flashcard_rating, grade_line

    try:
        line = terminal.ask("")
    except EOFError:
        raise Quit() from None
    if line.strip() in ("", *SKIP_KEYS):  # "? or empty skips": the card stays due, unrated
        return _skip(runner, shown, err, lang)
    if shown.item.type == "flashcard":
        rating = flashcard_rating(line)
        if rating is None:
            view.warn(err, t("driver.unreadable_rating", lang, id=shown.question_id, given=truncate(line, 80)), lang)
            rating = AGAIN
        return rating, line
    verdict, override = grade_line(shown, line, lang, glossary)
    if verdict.status == "unreadable":
        view.warn(err, f"{shown.question_id}: " + t("driver.unreadable", lang, given=truncate(line, 80), note=verdict.note), lang)
    return runner.session.rating_for(verdict, override), line


def _review_terminal(
    runner: ReviewRunner, shown: Shown, err: Console, lang: str, glossary: Sequence[dict]
) -> tuple[int | None, str]:
    """A person at a terminal: keys, re-asking an unreadable answer, the override, single-key ratings."""
    from rnnquiz.render import review as view
    from rnnquiz.render.question import print_back, print_feedback
    from rnnquiz.study.review import AGAIN, GOOD, grade_line

    more = t("key.undo", lang)  # no p before the answer: the proof shows it (p comes with the feedback)
    if shown.item.type == "flashcard":
        while True:
            key = _key(runner, shown, err, lang, t("key.reveal", lang, more=more) + " ", answered=False)
            if key in REVEAL_KEYS:
                break
            if key in SKIP_KEYS:
                return _skip(runner, shown, err, lang)
            view.warn(err, t("key.unknown", lang, key=key), lang)
        print_back(err, shown.item, lang)
        rating = _rating(runner, shown, err, lang, default=GOOD, skip=True)
        return (rating, "") if rating is not None else _skip(runner, shown, err, lang)
    err.print(t("key.answer", lang, more=more), markup=False, style="dim")
    while True:
        line = _line(runner, shown, err, lang, "> ")
        if line.strip() in ("", *SKIP_KEYS):  # an empty Enter skips too, as the hint of a pipe says
            return _skip(runner, shown, err, lang)
        verdict, override = grade_line(shown, line, lang, glossary)
        if verdict.status != "unreadable":
            break
        view.warn(err, verdict.note, lang)
    print_feedback(err, shown.item, verdict, lang)
    if override is not None:
        return override, line
    if verdict.correct:
        return _rating(runner, shown, err, lang, default=GOOD), line
    if verdict.unsure:  # the grader cannot tell: the candidate compares with the expected answer shown
        same = _same_meaning(err, lang)
        if same is None:
            raise Quit()
        if same:
            print_feedback(err, shown.item, verdict, lang, override=True, confirmed=True)
            return _rating(runner, shown, err, lang, default=GOOD, allowed=(2, 3, 4)), line + " !"
        err.print(t("q.unsure_wrong", lang), markup=False, style="bold red")
        return AGAIN, line
    keys = ["key.again", "key.override"] + (["key.p"] if shown.question.proof else []) + ["key.u", "key.q"]
    while True:
        key = _key(runner, shown, err, lang, _keys_line(lang, keys))
        if key in REVEAL_KEYS:
            return AGAIN, line
        if key == "!":
            print_feedback(err, shown.item, verdict, lang, override=True)
            return _rating(runner, shown, err, lang, default=GOOD, allowed=(2, 3, 4)), line + " !"
        view.warn(err, t("key.unknown", lang, key=key), lang)


def _same_meaning(console: Console, lang: str) -> bool | None:
    """After an unsure verdict: y (the same: right), n (not: wrong), q (None: end the session). Single keys."""
    while True:
        key = terminal.read_key(t("key.same", lang) + " ").lower()
        if key in ("y", "是", "会"):
            return True
        if key in ("n", "否"):
            return False
        if key == "q":
            return None
        console.print(t("key.same_again", lang), markup=False, style="dim")


def _skip(runner: ReviewRunner, shown: Shown, err: Console, lang: str) -> tuple[None, str]:
    from rnnquiz.render import review as view

    runner.skip(shown)
    view.note(err, t("driver.skipped_card", lang))
    return None, ""


def _handle(runner: ReviewRunner, shown: Shown, err: Console, lang: str, key: str, answered: bool = True) -> bool:
    """q, u and p at any review prompt. True when the key was one of them (and was handled). Before the
    answer (`answered=False`) p only says when it comes: the proof would give the answer away."""
    from rnnquiz.render import review as view

    k = key.strip().lower()
    if k == "q":
        raise Quit()
    if k == "u":
        undone = runner.undo()
        view.undo_result(err, undone, lang, left=len(runner.session.undo_stack))
        if undone is not None and undone.card is not None:
            raise Undo()
        return True
    if k == "p":
        if not answered:
            view.note(err, t("driver.proof_after", lang))
            return True
        run_proof(err, shown.question, lang)
        return True
    return False


def _key(runner: ReviewRunner, shown: Shown, err: Console, lang: str, text: str, answered: bool = True) -> str:
    while True:
        try:
            key = terminal.read_key(text)
        except EOFError:
            raise Quit() from None
        if not _handle(runner, shown, err, lang, key, answered):
            return key


def _line(runner: ReviewRunner, shown: Shown, err: Console, lang: str, text: str) -> str:
    def ask(p: str) -> str:
        try:
            return terminal.ask(p)
        except EOFError:
            raise Quit() from None

    while True:
        line = read_cloze(shown.item, text, ask) if shown.item.type == "cloze" and len(shown.item.blanks()) > 1 else ask(text)
        if not _handle(runner, shown, err, lang, line, answered=False):  # the answer prompt: before the answer
            return line


def _rating(
    runner: ReviewRunner, shown: Shown, err: Console, lang: str, *, default: int, allowed: tuple[int, ...] = (1, 2, 3, 4),
    skip: bool = False,
) -> int | None:
    """One key: a rating shown with its interval, Enter or Space for the default; with `skip` (a revealed
    flashcard), ? leaves the card unrated (None), as ? after the reveal skips the card in the quiz."""
    from rnnquiz.render import review as view

    outcomes = runner.session.preview(shown)
    view.rating_keys(err, outcomes, allowed, default, lang)
    while True:
        key = _key(runner, shown, err, lang, "> ")
        if key in REVEAL_KEYS:
            return default
        if key.isdigit() and int(key) in allowed:
            return int(key)
        if skip and key in SKIP_KEYS:
            return None
        view.warn(err, t("key.rating_hint", lang, default=default, keys=", ".join(map(str, allowed))), lang)


# --- quiz -------------------------------------------------------------------------------------------


def quiz_loop(
    session: QuizSession, store: Store, session_id: int, display: Console, err: Console, lang: str, tty: bool
) -> None:
    """Ask until the session ends (done, q, time, end of input); every answer is saved as it is given.
    A store failure ends the session with one line saying what was saved (NotSaved, exit 4)."""
    with saving(lambda: len(session.answers), None, lang):
        _quiz_items(session, store, session_id, display, err, lang, tty)


def _quiz_items(
    session: QuizSession, store: Store, session_id: int, display: Console, err: Console, lang: str, tty: bool
) -> None:
    from rnnquiz.render.question import print_feedback

    while (item := session.current()) is not None:
        session.start_question()
        _quiz_header(display, session, item, lang, tty)
        try:
            answer, revealed = _quiz_answer(session, item, display, lang, tty)
        except EOFError:
            session.finish("eof")
            break
        except Quit:
            session.finish("quit")
            break
        # "not sure" at a terminal: nothing is saved until the candidate has judged it (y or n); q or Ctrl-C
        # at that prompt leaves the question unanswered, as review does (newcomer round 5 #3)
        judge_first = tty and answer.verdict.unsure and session.can_override(answer)
        if not judge_first:
            _record_quiz_answer(session, store, session_id, answer, lang)
        if answer.verdict.status == "unreadable":
            from rnnquiz.render.review import warn

            warn(err, f"{session.index}: " + t("driver.unreadable", lang, given=truncate(answer.verdict.given, 80), note=answer.verdict.note), lang)
        print_feedback(display, item, answer.verdict, lang, revealed=revealed)
        if answer.verdict.unsure and not tty:  # newcomer round 5 #7: a pipe has nobody to ask
            display.print(t("q.unsure_pipe", lang), markup=False, style="yellow")
        if session.end == "time":
            display.print(t("driver.time_up", lang), markup=False, style="yellow")
            break
        if judge_first and not _judge_unsure(session, store, session_id, answer, display, lang):
            break
        if tty and not _after_quiz_answer(session, store, answer, display, lang):
            break


def _record_quiz_answer(session: QuizSession, store: Store, session_id: int, answer: Answer, lang: str) -> None:
    from rnnquiz.store import quiz as results

    with saving(lambda: len(session.answers) - 1, answer.item.id, lang), shielded():
        results.record_answer(store, session_id, session.seed, answer)


def _judge_unsure(session: QuizSession, store: Store, session_id: int, answer: Answer, display: Console, lang: str) -> bool:
    """The candidate's y or n on a "not sure" verdict, then the answer is saved (y: right, as an override).
    q, Ctrl-C or the end of input withdraw it: the question was not judged. False when the session ends."""
    from rnnquiz.render.question import print_feedback

    try:
        same = _same_meaning(display, lang)
    except BaseException:  # Ctrl-C, end of input: not judged, so not counted
        session.withdraw(answer)
        raise
    if same is None:
        session.withdraw(answer)
        session.finish("quit")
        return False
    if same:
        session.override()
        print_feedback(display, answer.item, answer.verdict, lang, override=True, confirmed=True)
    else:
        display.print(t("q.unsure_wrong", lang), markup=False, style="bold red")
    _record_quiz_answer(session, store, session_id, answer, lang)
    return True


def _quiz_header(display: Console, session: QuizSession, item: Item, lang: str, tty: bool) -> None:
    from rnnquiz.render.question import print_item, type_name

    header = f"{session.index + 1}/{len(session.items)} · {item.question.topic} · {type_name(item.type, lang)}"
    left = session.time_left()
    if left is not None:
        header += " · " + t("quiz.left", lang, time=mmss(left.total_seconds()))
    print_item(display, item, lang, header=header, terminal=tty)


def _quiz_answer(session: QuizSession, item: Item, display: Console, lang: str, tty: bool) -> tuple[Answer, bool]:
    """Read the item's answer: (answer, whether a flashcard's back was shown). EOFError at end, Quit on q."""
    from rnnquiz.render.question import print_answer

    if not tty:  # the stdin protocol: one line, nothing re-asked
        answer = session.submit(terminal.ask(""))
        assert answer is not None
        return answer, False
    revealed = False
    prompt = "> "
    if item.type == "flashcard":
        while True:
            key = terminal.read_key(t("key.reveal", lang, more="") + " ")
            if key in SKIP_KEYS:
                answer = session.submit("?")
                assert answer is not None
                return answer, False
            if key.lower() == "q":
                raise Quit()
            if key in REVEAL_KEYS:
                break
            display.print(t("key.unknown", lang, key=key), markup=False, style="dim")  # as review says it
        print_answer(display, item, lang)
        while True:  # only y / n (会 / 不会), ? and q apply here: single keys, as the ratings in review
            key = terminal.read_key(t("key.knew", lang) + " ")
            if key.lower() == "q":
                raise Quit()
            if key == terminal.ENTER:  # the default the prompt shows ([Y/n]), as Enter = Good in review
                key = "y"
            answer = session.submit("?" if key in SKIP_KEYS else key, reask=True)
            if answer is not None:
                return answer, True
            display.print(f"  {session.check(key).note}", markup=False, style="yellow")
    else:
        display.print(t("key.answer", lang, more=""), markup=False, style="dim")

    def read() -> str:
        if item.type == "cloze" and len(item.blanks()) > 1:
            line = read_cloze(item, prompt, terminal.ask)
        else:
            line = terminal.ask(prompt)
        if line.strip().lower() == "q":
            raise Quit()
        return line

    line = read()
    while (answer := session.submit(line, reask=True)) is None:
        display.print(f"  {session.check(line).note}", markup=False, style="yellow")
        line = read()
    return answer, revealed


def _after_quiz_answer(session: QuizSession, store: Store, answer: Answer, display: Console, lang: str) -> bool:
    """The keys after an answer at a terminal. Returns False when the person ends the session."""
    from rnnquiz.render.question import print_feedback
    from rnnquiz.store import quiz as results

    decided = answer.verdict.unsure  # judged by the candidate already (_judge_unsure): no "! I was right"
    while True:
        keys = ["key.next"]  # in review's order: Enter, !, p, q (newcomer round 5 #15)
        if session.can_override(answer) and not decided:
            keys.append("key.override")
        keys += (["key.p"] if answer.item.question.proof else []) + ["key.q"]
        try:
            key = terminal.read_key(_keys_line(lang, keys))
        except EOFError:
            session.finish("eof")
            return False
        if key in REVEAL_KEYS:
            return True
        k = key.lower()
        if k == "q":
            session.finish("quit")
            return False
        if k == "p" and answer.item.question.proof:
            run_proof(display, answer.item.question, lang, answer.item.seed)
        elif k == "!" and session.can_override(answer) and not decided:
            session.override()
            with shielded():
                results.record_override(store, answer)
            print_feedback(display, answer.item, answer.verdict, lang, override=True)
        else:
            display.print(t("key.unknown", lang, key=key), markup=False, style="dim")
