"""The `rnnquiz` command: parse options, call the core, hand results to render. Nothing else.

Errors from the core arrive as RnnquizError and leave as one line on stderr with the exit code of
errors.ExitCode: `RootGroup.invoke` is the one error path (as fastapi-cli and httpie catch theirs once),
so no command carries a decorator. Heavy imports (yaml, rich, numpy) happen inside commands.

A command area registers itself: a module rnnquiz/commands/<area>.py with `register(app)` that adds its
commands with `@app.command()`, and one line per command name in `AREAS` below.

The core commands (topics, list, show, validate, config) live here; the other areas register theirs
from rnnquiz/commands/<area>.py. `app` has every command (tests, docs, completion use it). `main()`
builds an app with only the area the command line names: Typer converts every registered command into
a Click command on each run (~50 ms for all of them), which `rnnquiz list` should not pay for.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from rnnquiz import __version__
from rnnquiz.commands.common import (
    STATE,
    BankOpt,
    JsonOpt,
    LangOpt,
    QuestionIdArg,
    TagOpt,
    TopicOpt,
    TypeOpt,
    click_in_lang,
    emit_json,
    error,
    error_lang,
    load,
    plain_words,
    question_json,
    reset_command_state,
    resolve_lang,
    select,
)
from rnnquiz.commands.complete import complete_setting, complete_setting_value
from rnnquiz.errors import ExitCode, RnnquizError


class RootGroup(TyperGroup):
    """The one error path: RnnquizError → its one line and exit code; a store failure after open → exit 4;
    Ctrl-C → exit 130; a closed pipe (`rnnquiz list | head`) → quiet exit 0."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:  # fmt: skip
        """Click's usage errors (an unknown option, a bad value) as one line on stderr, exit 2; help and
        everything else as Click does them."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except Exception as exc:
            if type(exc).__name__ == "Abort":
                error("Aborted.")
                sys.exit(1)
            if isinstance(exc, OSError) and exc.filename is None and exc.errno in _FULL:  # --help > /dev/full
                error(f"cannot write the output: {exc.strerror}; stdout is full (a full disk?)")
                sys.exit(int(ExitCode.STORE))
            if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
                raise
            if type(exc).__name__ == "NoArgsIsHelpError":  # `rnnquiz` or `rnnquiz export` alone: the help
                exc.show()
                sys.exit(exc.exit_code)
            ctx = getattr(exc, "ctx", None)
            lang = error_lang()
            message = click_in_lang(plain_words(exc.format_message()).rstrip("."), lang).rstrip("。")
            if message.endswith(("?", "？")):  # "Did you mean 'quiz'?": a new sentence, not "?; see"
                see = "见" if lang == "zh" else " See"
            else:
                see = "；见" if lang == "zh" else "; see"
            hint = f"{see} `{ctx.command_path} --help`" if ctx is not None else ""
            error(message + hint)
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        """Ctrl-C while the root options are parsed: the one line too. Typer turns a KeyboardInterrupt here,
        outside `invoke`, into a silent exit 130 (N104: `stats` interrupted 0.08 s after spawn said nothing)."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt:
            error(_interrupted())
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None

    def invoke(self, ctx: typer.Context) -> object:
        reset_command_state()
        try:
            return super().invoke(ctx)
        except RnnquizError as exc:
            if STATE["debug"]:
                raise
            error(exc.in_lang(error_lang()))
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            error(_interrupted())
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except OSError as exc:
            if exc.filename is not None or exc.errno not in _FULL or STATE["debug"]:
                raise
            error(f"cannot write the output: {exc.strerror}; stdout is full (a full disk?)")  # `> /dev/full`
            raise typer.Exit(int(ExitCode.STORE)) from None
        except Exception as exc:
            if _interrupt_inside(exc):  # Python 3.11 wraps a Ctrl-C in a class body's __set_name__ in RuntimeError
                error(_interrupted())
                raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
            from rnnquiz.store.db import as_store_error

            store_error = as_store_error(exc)
            if store_error is None or STATE["debug"]:
                raise
            error(store_error.message)
            raise typer.Exit(int(ExitCode.STORE)) from None


def _interrupt_inside(exc: BaseException) -> bool:
    """A Ctrl-C that reached us wrapped in another exception: Python 3.11 raises `RuntimeError: Error calling
    __set_name__ …` from a KeyboardInterrupt that lands while a class body (a dataclass field) is made, as an
    import of a command module does. Followed through __cause__/__context__, a few links deep."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, KeyboardInterrupt):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


_FULL = (28, 27, 122, 5)  # ENOSPC, EFBIG, EDQUOT, EIO: a write to stdout that can never succeed


def _version(value: bool) -> None:
    if value:
        print(f"rnnquiz {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks instead of one-line errors.")] = False,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Language for the command that follows (`rnnquiz --lang zh quiz`), as its own --lang would set it: en or zh.", show_default=False)] = None,
) -> None:
    """Interview practice on recurrent networks (RNN, BiRNN, BPTT, GRU, LSTM), in English and Chinese.

    Banks live inside the package; your progress lives in RNNQUIZ_HOME (see `rnnquiz config`).
    """
    STATE["debug"] = debug
    STATE["lang"] = None
    if lang is not None:
        STATE["lang"] = resolve_lang(lang)  # checked here (`--lang xx` is an error even before `topics`)


def topics(bank: BankOpt = None, lang: LangOpt = None, json: JsonOpt = False) -> None:
    """Show topics: question counts, types, claims covered."""
    cat = load(bank)
    if json:
        rows = []
        for topic in cat.topics():
            qs = [q for q in cat.questions.values() if q.topic == topic]
            rows.append({
                "topic": topic,
                "questions": len(qs),
                "types": sorted({q.type for q in qs}),
                "claims": sorted({c for q in qs for c in q.claims}),
            })
        emit_json({"topics": rows})
        return
    from rnnquiz.render import console
    from rnnquiz.render.bank import topics_table

    language = resolve_lang(lang)
    console.out().print(topics_table(cat, language))
    from rnnquiz.drills.catalog import DRILLS
    from rnnquiz.i18n import t

    # the drills are review cards of their own topic, not bank questions: say where they are
    console.out().print(t("topics.drills", language, n=len(DRILLS)), markup=False)


def list_(
    topic: TopicOpt = None,
    type: TypeOpt = None,
    tag: TagOpt = None,
    lang: LangOpt = None,
    bank: BankOpt = None,
    json: JsonOpt = False,
) -> None:
    """List questions: id, type, topic, prompt."""
    cat = load(bank)
    questions = select(cat, topic, type, tag)
    if json:
        emit_json({"questions": [question_json(q) for q in questions]})
        return
    from rnnquiz.render.plain import question_lines

    for line in question_lines(questions, resolve_lang(lang)):
        print(line)


def show(
    question_id: QuestionIdArg,
    lang: LangOpt = None,
    bank: BankOpt = None,
    json: JsonOpt = False,
) -> None:
    """Show one question in full, with answer and proof."""
    cat = load(bank)
    q = cat.get(question_id)
    if json:
        emit_json({"question": question_json(q)})
        return
    from rnnquiz.render import console
    from rnnquiz.render.bank import question_detail

    console.out().print(question_detail(q, resolve_lang(lang), cat))


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[PATH]...", help="Bank files or folders to check [default: bundled and user banks].", show_default=False, readable=False),
    ] = None,
    bank: BankOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat coverage gaps and pending proofs as errors.")] = False,
    lang: LangOpt = None,
) -> None:
    """Check banks for errors and claim coverage."""
    from rnnquiz.bank.coverage import coverage, gaps, type_counts
    from rnnquiz.bank.files import safe_resolve
    from rnnquiz.bank.load import load_catalog
    from rnnquiz.commands.common import user_bank_paths
    from rnnquiz.paths import content_dir
    from rnnquiz.proofs.registry import pending
    from rnnquiz.render import console
    from rnnquiz.render.bank import coverage_table, problems

    cat = load_catalog(user_bank_paths(bank)) if not paths else load_catalog(only_paths=paths)
    err, out = console.err(), console.out()
    errors = cat.errors
    problems(err, cat.problems)
    counts = type_counts(cat)
    out.print(
        f"{len(cat.questions)} questions in {len(cat.topics())} topics; types: "
        + ", ".join(f"{t} {n}" for t, n in sorted(counts.items())),
        markup=False,
    )
    # Claim coverage is a property of the bundled banks; a user bank alone is not held to it.
    bundled = not paths or any(safe_resolve(p) == content_dir().resolve() or safe_resolve(p).parent == content_dir().resolve() for p in paths)
    if bundled:
        out.print(coverage_table(coverage(cat), cat, resolve_lang(lang)))
    warnings = gaps(cat) if bundled else []
    waiting = pending()
    for w in warnings:
        err.print(f"warning: {w}", markup=False, style="yellow", soft_wrap=True)
    if waiting:
        err.print(f"warning: {len(waiting)} proof(s) pending: {', '.join(waiting)}", markup=False, style="yellow", soft_wrap=True)
    status = f"{len(errors)} error(s), {len(warnings) + (1 if waiting else 0)} warning(s)"
    out.print(status, markup=False)
    if errors or (strict and (warnings or waiting)):
        raise typer.Exit(int(ExitCode.BANK))


class _NoSuchOption(RnnquizError):
    """Click's "No such option" line, for a command that reads unknown options as arguments (config)."""

    def __init__(self, option: str, command: str) -> None:
        self.option, self.command = option, command
        super().__init__(f"No such option: {option}; see `{command} --help`", ExitCode.USAGE)

    def in_lang(self, lang: str) -> str:
        if lang != "zh":
            return self.message
        return click_in_lang(f"No such option: {self.option}", lang).rstrip("。") + f"；见 `{self.command} --help`"


def config(
    key: Annotated[str | None, typer.Argument(help="Setting name; omit to list all.", show_default=False, autocompletion=complete_setting)] = None,
    value: Annotated[str | None, typer.Argument(help="New value; omit to print the current one.", show_default=False, autocompletion=complete_setting_value)] = None,
    unset: Annotated[bool, typer.Option("--unset", help="Remove the stored value (back to the default).")] = False,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Language of this listing: en or zh [default: RNNQUIZ_LANG, the lang setting, else en].", show_default=False)] = None,
    json: JsonOpt = False,
) -> None:
    """Show or change settings (language, limits, deadline)."""
    import re

    from rnnquiz import settings
    from rnnquiz.store import open_store

    for arg in (key, value):  # the command reads unknown options as arguments, for the sake of negative numbers
        if arg and arg.startswith("-") and not re.fullmatch(r"-\d+(?:\.\d*)?", arg):
            raise _NoSuchOption(arg, "rnnquiz config")
    if key is not None and key.replace("-", "_") in settings.SETTINGS:
        key = key.replace("-", "_")  # new-per-day, as an option would be spelt
    if key is not None and key not in settings.SETTINGS:
        from rnnquiz.errors import unknown

        raise unknown("err.setting.unknown", key, list(settings.SETTINGS))
    with open_store() as store:
        if key is not None and (value is not None or unset):
            if unset:
                store.set_setting(key, None)
            else:
                store.set_setting(key, settings.encode(settings.parse_value(key, value)))  # type: ignore[arg-type]
        stored = store.all_settings()
    keys = [key] if key else list(settings.SETTINGS)
    rows = {k: settings.resolve(k, None, stored) for k in keys}
    if json:
        emit_json({"settings": {k: {"value": v, "source": src} for k, (v, src) in rows.items()}})
        return
    from rnnquiz.i18n import STRINGS, t

    lang = settings.resolve("lang", resolve_lang(lang) if lang else None, stored)[0]
    for k, (v, src) in rows.items():
        shown = "none" if v is None else (", ".join(v) if isinstance(v, list) else v)
        if key is not None and value is None and not unset:  # a query: the bare value, for scripts
            print(f"{shown}")
            continue
        source = t(f"config.source.{src}", lang) if f"config.source.{src}" in STRINGS else src
        helptext = t(f"config.help.{k}", lang) if f"config.help.{k}" in STRINGS else settings.SETTINGS[k].help
        print(t("config.line", lang, key=k, value=shown, source=source, help=helptext))


# Command name -> the module in rnnquiz/commands that registers it (help lists areas in this order).
AREAS = {
    "quiz": "quiz",
    "review": "review", "undo": "review", "due": "review", "stats": "review", "suspend": "review",
    "unsuspend": "review", "reset": "review", "doctor": "review",
    "prove": "prove",
    "demo": "demo",
    "export": "export", "import": "export",
    "bank": "bank",
    "drill": "drill",
    "interview": "interview",
}  # fmt: skip
CORE = {"topics": topics, "list": list_, "show": show, "validate": validate, "config": config}


def build_app(areas: Iterable[str] | None = None, *, core: bool = True) -> typer.Typer:
    """The Typer app with the core commands (unless `core` is false: `--version` needs none) and the
    given areas' commands (all areas by default)."""
    import importlib

    wanted = list(dict.fromkeys(AREAS.values())) if areas is None else list(areas)
    app = typer.Typer(
        name="rnnquiz",
        help="Interview practice on recurrent networks (RNN, BiRNN, BPTT, GRU, LSTM), in English and Chinese.",
        no_args_is_help=True,
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        cls=RootGroup,
    )
    app.callback()(_root)
    order = ["quiz", "review", "interview", "prove", "demo", "drill", "core", "export", "bank"]
    for area in order:
        if area == "core":
            for name, fn in (CORE.items() if core else ()):
                # `config new-per-day -3`: a negative value is the value (config then says why it is out of
                # range), never "No such option: -3"; an unknown --option still is one (see config)
                app.command(name, context_settings={"ignore_unknown_options": True} if name == "config" else None)(fn)
        elif area in wanted:
            importlib.import_module(f"rnnquiz.commands.{area}").register(app)
    return app


def areas_for(argv: list[str]) -> list[str] | None:
    """The areas a command line needs: none for --version or a core command, one for an area's
    command, all (None) for --help, no command, an unknown one, or shell completion."""
    import os

    if any(k.startswith("_RNNQUIZ_COMPLETE") for k in os.environ):
        return None
    for arg in argv:
        if arg in ("--version", "-V"):
            return []
        if arg.startswith("-"):
            if arg in ("--help", "-h"):
                return None
            continue
        if arg in CORE:
            return []
        return [AREAS[arg]] if arg in AREAS else None
    return None


def __getattr__(name: str) -> typer.Typer:
    """`from rnnquiz.cli import app`: the app with every command, built on first use."""
    if name == "app":
        globals()["app"] = built = build_app()
        return built
    raise AttributeError(name)


def _interrupted() -> str:
    """The Ctrl-C line in the command's language (newcomer 4: demo and prove said "Interrupted." under zh)."""
    try:
        return "已中断。" if error_lang() == "zh" else "Interrupted."
    except BaseException:  # a second Ctrl-C while the language is read: the English line
        return "Interrupted."


def main() -> None:
    """Entry point of the `rnnquiz` script. Until the first line here Ctrl-C is handled by the start-up
    handler of `rnnquiz/__init__.py` (one line, exit 130); what comes before the package's first line is
    Python's own start-up (interpreter, `site`, the entry script's `import re`, finding the package), which
    no program can take over: a Ctrl-C there is Python's traceback with no frame of rnnquiz."""
    try:
        import signal

        try:
            signal.signal(signal.SIGINT, signal.default_int_handler)  # from here on Ctrl-C is KeyboardInterrupt
        except ValueError:  # not the main thread
            pass
        _tolerant_streams()  # inside the try: a Ctrl-C here is the one line too, not a traceback
        argv = sys.argv[1:]
        STATE["process"] = True
        areas = areas_for(argv)
        build_app(areas, core=not (areas == [] and argv[:1] and argv[0] in ("--version", "-V")))()
    except KeyboardInterrupt:  # while the app is built or options parsed (in a command: RootGroup.invoke)
        error(_interrupted())
        sys.exit(int(ExitCode.INTERRUPTED))
    except Exception as exc:  # a Ctrl-C wrapped by Python while the app is built (see _interrupt_inside)
        if not _interrupt_inside(exc):
            raise
        error(_interrupted())
        sys.exit(int(ExitCode.INTERRUPTED))


def _tolerant_streams() -> None:
    """Text the terminal's encoding cannot show (PYTHONIOENCODING=ascii, LANG=C: Chinese text, a dash) is
    written escaped (backslashreplace) instead of raising UnicodeEncodeError; bytes on stdin that are not
    UTF-8 are read as U+FFFD (an unreadable answer), never as surrogates that SQLite cannot store."""
    for stream, errors in ((sys.stdout, "backslashreplace"), (sys.stderr, "backslashreplace"), (sys.stdin, "replace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=errors)
                if stream is sys.stdin and _is_ascii(stream):  # PYTHONIOENCODING=ascii, LANG=C: keys still
                    reconfigure(encoding="utf-8", errors=errors)  # arrive as UTF-8 (对 typed is 对, not U+FFFD); ASCII is its subset
            except (ValueError, OSError):  # a closed or detached stream
                pass


def _is_ascii(stream: object) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name == "ascii"
    except LookupError:
        return False
