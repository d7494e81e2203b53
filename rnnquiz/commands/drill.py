"""`rnnquiz drill`: coding drills graded against the reference models, with the likely bug named.

`rnnquiz drill` lists them; `drill start ID` writes a starter file; `drill check ID [FILE]` runs the file in
a sandbox (a separate, limited process without network) and reports. NumPy is imported only by `check`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from rnnquiz.commands.common import JsonOpt, LangOpt, emit_json, resolve_lang
from rnnquiz.errors import ExitCode, UsageError


def _complete_drill(incomplete: str) -> list[str]:
    from rnnquiz.drills.catalog import BY_ID

    return [d for d in BY_ID if d.startswith(incomplete)]


DrillArg = Annotated[str, typer.Argument(metavar="ID", help="A drill id (see `rnnquiz drill`).", autocompletion=_complete_drill)]

drill_app = typer.Typer(
    name="drill", help="Coding drills: write an RNN, GRU or LSTM piece in NumPy; it is graded against the reference "
    "models and the likely bug is named. Without a command: list the drills with your best result.",
    invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]},
)  # fmt: skip


def default_path(drill_id: str) -> Path:
    from rnnquiz import paths

    return paths.data_dir() / "drills" / f"{drill_id}.py"


def _check_readable(path: Path, drill_id: str, lang: str, *, given: bool) -> None:
    """Every problem with FILE as one line (exit 2): missing, a folder, unreadable, or in an unreadable folder."""
    import errno

    from rnnquiz.i18n import t

    try:
        st = path.stat()
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            if not given:
                raise UsageError(t("drill.err.no_file_yet", lang, path=path, id=drill_id)) from None
            raise UsageError(t("drill.err.no_such_file", lang, path=path)) from None
        raise UsageError(t("drill.err.unreadable", lang, path=path, reason=exc.strerror or exc)) from None
    import stat

    if stat.S_ISDIR(st.st_mode):
        raise UsageError(t("drill.err.is_folder", lang, path=path, id=drill_id))
    if not stat.S_ISREG(st.st_mode):
        raise UsageError(t("drill.err.not_regular", lang, path=path))
    try:
        with open(path, "rb") as f:
            head = f.read(1 << 16)
    except OSError as exc:
        raise UsageError(t("drill.err.unreadable", lang, path=path, reason=exc.strerror or exc)) from None
    if b"\0" in head:  # a database, an image, a compiled file: not source, nothing to grade or record
        raise UsageError(t("drill.err.binary", lang, path=path))


def _best() -> tuple[dict, dict]:
    """Best results, and each drill card's next due time (drills checked at least once)."""
    from rnnquiz import paths

    if not paths.db_path().exists():
        return {}, {}
    from rnnquiz.drills.progress import best_results
    from rnnquiz.store import open_store
    from rnnquiz.store.cards import drill_cards

    with open_store() as store:
        return best_results(store), {cid: c.due for cid, c in drill_cards(store.db).items() if c.due is not None}


@drill_app.callback()
def drill_list(ctx: typer.Context, lang: LangOpt = None, json: JsonOpt = False) -> None:
    """List the drills with your best result; `drill start ID`, then `drill check ID`."""
    if ctx.invoked_subcommand is not None:
        return
    from rnnquiz.drills.catalog import DRILLS

    best, due = _best()
    if json:
        emit_json({"drills": [{"id": d.id, "card": f"drill:{d.id}", "function": d.function,
                               "title": {"en": d.title.en, "zh": d.title.zh}, "difficulty": d.difficulty,
                               "claims": list(d.claims), "proofs": list(d.proofs), "best": best.get(d.id),
                               "due": due[f"drill:{d.id}"].isoformat() if f"drill:{d.id}" in due else None}
                              for d in DRILLS]})
        return
    language = resolve_lang(lang)
    from rnnquiz.i18n import t
    from rnnquiz.render import console
    from rnnquiz.render.drill import drill_table

    out = console.out()
    out.print(drill_table(list(DRILLS), best, language, due))
    out.print()
    out.print(t("drill.list.next", language), markup=False, style="dim")


@drill_app.command("start")
def drill_start(
    drill_id: DrillArg,
    out_path: Annotated[Path | None, typer.Option("--out", "-o", help="Write the starter here [default: RNNQUIZ_HOME/drills/ID.py].", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    edit: Annotated[bool, typer.Option("--edit/--no-edit", help="Open it in $EDITOR (when set and in a terminal).")] = True,
    lang: LangOpt = None,
) -> None:
    """Write a starter file: signature, shapes, notation and the task."""
    from rnnquiz.drills.catalog import get
    from rnnquiz.drills.starter import starter_text
    from rnnquiz.i18n import t

    language = resolve_lang(lang)
    drill = get(drill_id, language)
    path = out_path if out_path is not None else default_path(drill.id)
    if out_path is not None:
        from rnnquiz.export.write import check_target

        check_target(out_path)  # never the store, its side files or the cache
    try:
        if path.is_dir():
            raise UsageError(t("drill.err.out_folder", language, path=path, example=path / (drill.id + ".py")))
        if path.exists() and not force:
            raise UsageError(t("drill.err.exists", language, path=path, id=drill.id))
        from rnnquiz.export.write import write_text  # atomic: a full disk is exit 4, no half file

        write_text(path, starter_text(drill, language))
    except OSError as exc:
        raise UsageError(t("drill.err.cannot_write", language, path=path, reason=exc.strerror or exc)) from None
    print(t("drill.start.wrote", language, path=path))
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if edit and editor and sys.stdin.isatty() and sys.stdout.isatty():
        import shlex
        import subprocess

        print(t("drill.start.editor", language, editor=editor))
        try:
            subprocess.call([*shlex.split(editor), str(path)])
        except OSError as exc:
            print(f"rnnquiz: could not start $EDITOR ({editor}): {exc.strerror}", file=sys.stderr)
    print(t("drill.start.next", language, function=drill.function, id=drill.id))


@drill_app.command("check")
def drill_check(
    drill_id: DrillArg,
    file: Annotated[Path | None, typer.Argument(metavar="[FILE]", help="Your file [default: RNNQUIZ_HOME/drills/ID.py].", show_default=False)] = None,
    hint: Annotated[bool, typer.Option("--hint", help="Check, and if it fails show the next hint (a pass after hints is rated Hard).")] = False,
    solution: Annotated[bool, typer.Option("--solution", help="Show a solution (asks first; a pass after it is rated Again).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before showing the solution.")] = False,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed of the random inputs [default: a fresh one each check].", show_default=False)] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds your code may run.", min=0.5, max=120)] = 5.0,
    memory: Annotated[int, typer.Option("--memory", help="MiB your code may allocate.", min=64, max=8192)] = 512,
    lang: LangOpt = None,
    json: JsonOpt = False,
) -> None:
    """Grade your file against the reference; name the likely bug."""
    from rnnquiz import paths
    from rnnquiz.drills import progress
    from rnnquiz.drills.catalog import get
    from rnnquiz.i18n import t
    from rnnquiz.store import open_store

    language = resolve_lang(lang)
    drill = get(drill_id, language)
    if solution:
        from rnnquiz.drills.solutions import solution_source

        if not yes:
            if not sys.stdin.isatty():
                raise UsageError(t("drill.solution.needs_yes", language))
            if not typer.confirm(t("drill.solution.confirm", language), default=False, err=True):
                print(t("drill.solution.kept", language), file=sys.stderr)
                return
        with open_store() as store:
            progress.record_solution(store, drill.id)
        source = solution_source(drill.function)
        if json:
            emit_json({"drill": drill.id, "solution": source})
            return
        from rnnquiz.render import console
        from rnnquiz.render.drill import print_solution

        print_solution(console.out(), drill, source, language)
        return
    path = file if file is not None else default_path(drill.id)
    _check_readable(path, drill.id, language, given=file is not None)
    with open_store() as store:  # a store that cannot record the attempt: one line before the check runs
        store.check_writable("settings", "review_log", "cards")
    from rnnquiz.drills.grade import check_file
    from rnnquiz.drills.sandbox import Limits

    result = check_file(drill.id, path, seed=seed, limits=Limits(seconds=timeout, memory_mb=memory))
    if result.not_implemented:  # the untouched starter: nothing to grade, nothing recorded
        if json:
            emit_json({"check": result.to_json(), "attempt": None})
        else:
            print(t("drill.not_implemented", language, function=drill.function, path=path))
        raise typer.Exit(int(ExitCode.CHECK_FAILED))
    with open_store() as store:
        now = paths.now()
        attempt = progress.record_attempt(store, result, now)
        card = None
        if not attempt.rerun:  # the cycle's rating, committed as review commits an answer (FSRS, the log)
            from rnnquiz.commands.driver import commit_rating

            card = commit_rating(store, attempt.card, attempt.rating, now)
        shown = None
        if hint and not result.passed:
            shown = progress.record_hint(store, drill.id, len(drill.hints))
    if json:
        doc = {"check": result.to_json(), "attempt": attempt.to_json(),
               "card": None if card is None else {"id": attempt.card, "due": card.due.isoformat() if card.due else None}}
        if hint:
            doc["hint"] = None if shown is None else {"n": shown + 1, "total": len(drill.hints),
                                                      "text": {"en": drill.hints[shown].en, "zh": drill.hints[shown].zh}}
        emit_json(doc)
    else:
        from rnnquiz.render import console
        from rnnquiz.render.drill import print_attempt, print_check, print_hint, print_scheduled

        out = console.out()
        print_check(out, result, drill, language, memory_mb=memory, seconds_limit=timeout)
        if hint:
            if result.passed:
                out.print(t("drill.hint.passed", language), markup=False)
            else:
                print_hint(out, shown, drill, language)
        print_attempt(out, attempt, language)
        if card is not None and card.due is not None:
            print_scheduled(out, attempt.card, card.due, language)
    if not result.passed:
        raise typer.Exit(int(ExitCode.CHECK_FAILED))


def register(app: typer.Typer) -> None:
    app.add_typer(drill_app, name="drill")
