"""What every command shares: the repeatable filter options, --lang, --bank, --json, error handling."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from rnnquiz.errors import unknown, usage

if TYPE_CHECKING:
    from rnnquiz.bank.load import Catalog
    from rnnquiz.bank.schema import Question


# --- shell completion (Typer's --install-completion): never raise, never print -------------------------
def _catalog_quietly() -> Catalog | None:
    try:
        from rnnquiz.bank.load import load_catalog

        return load_catalog(user_bank_paths(None))
    except Exception:  # a broken bank or store must not break the shell
        return None


def complete_topic(incomplete: str) -> list[str]:
    cat = _catalog_quietly()
    return [t for t in cat.topics() if t.startswith(incomplete)] if cat else []


def complete_question_id(incomplete: str) -> list[str]:
    cat = _catalog_quietly()
    return sorted(q for q in cat.questions if q.startswith(incomplete)) if cat else []


def complete_tag(incomplete: str) -> list[str]:
    cat = _catalog_quietly()
    return sorted({t for q in cat.questions.values() for t in q.tags if t.startswith(incomplete)}) if cat else []


def complete_type(incomplete: str) -> list[str]:
    from rnnquiz.bank.schema import TYPES

    return [t for t in TYPES if t.startswith(incomplete)]


# --- shared options (one definition, used by every command that filters) -----------------------------
TopicOpt = Annotated[list[str] | None, typer.Option("--topic", "-t", help="Only this topic (repeatable).", show_default=False, autocompletion=complete_topic)]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", help="Only this question type (repeatable): flashcard, mcq, multi, truefalse, typein, cloze, order, numeric, explain.", show_default=False, autocompletion=complete_type)]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", help="Only questions with this tag (repeatable).", show_default=False, autocompletion=complete_tag)]
# A question id argument with completion (for show, prove, reset …).
QuestionIdArg = Annotated[str, typer.Argument(metavar="ID", help="A question id (see `rnnquiz list`).", autocompletion=complete_question_id)]
LangOpt = Annotated[str | None, typer.Option("--lang", "-l", help="Language of bank text: en or zh [default: RNNQUIZ_LANG, the lang setting, else en].", show_default=False)]
BankOpt = Annotated[list[Path] | None, typer.Option("--bank", "-b", help="Also load this user bank file or folder (repeatable; see also RNNQUIZ_BANKS).", show_default=False, readable=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout instead of text.")]

STATE: dict[str, Any] = {"debug": False, "process": False, "lang": None}  # process: an rnnquiz process (cli.main), not a caller's; lang: the root --lang

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(f: F) -> F:
    """Deprecated, kept so that commands written before the root error path still import: errors are
    handled once, in rnnquiz.cli.RootGroup.invoke. Returns `f` unchanged."""
    return f


def reset_command_state() -> None:
    """Called by the root error path before each command: settings are read, and warnings said, once per
    command."""
    _SETTINGS.clear()
    _WARNED.clear()


def error(message: str) -> None:
    """One line on stderr, no markup interpretation."""
    from rnnquiz.textsafe import escape_line

    sys.stderr.write(f"rnnquiz: {escape_line(message)}\n")
    sys.stderr.flush()


def emit_json(doc: dict[str, Any]) -> None:
    """--json output: plain print, never through Rich's highlighter."""
    import json

    from rnnquiz.textsafe import json_safe

    # C1, bidi and invisible characters as \u escapes: the same data, nothing raw for a terminal
    sys.stdout.write(json_safe(json.dumps({"version": 1, **doc}, ensure_ascii=False, indent=2)) + "\n")


_SETTINGS: dict[str, dict[str, str]] = {}  # db path -> its settings, for the command being run


def stored_settings() -> dict[str, str]:
    """Settings from the store, without creating one when there is none yet.

    Read once per command: --lang and the user-bank paths both need them, and each read opened the store.
    """
    from rnnquiz import paths

    db = paths.db_path()
    if str(db) not in _SETTINGS:
        try:  # no store yet (`list` on a fresh machine): nothing to read, and sqlite3 stays unimported (~2 ms)
            db.stat()
        except FileNotFoundError:
            return {}
        except OSError:
            pass  # a data folder that is a file or may not be entered: store_exists says so in one line
        from rnnquiz.store.db import open_store, store_exists

        if not store_exists(db):
            return {}
        with open_store(db) as store:
            _SETTINGS[str(db)] = store.all_settings()
    return _SETTINGS[str(db)]


_PYTHON_WORDS = (
    (" is not a valid integer range", " is not a whole number in that range"), (" is not a valid int range", " is not a whole number in that range"),
    (" is not a valid integer", " is not a whole number"), (" is not a valid int", " is not a whole number"),
    (" is not a valid float range", " is not a number in that range"), (" is not a valid float", " is not a number"),
)  # fmt: skip


def plain_words(message: str) -> str:
    """Click's usage error without Python's type names ("'x' is not a valid float" → "is not a number")."""
    for python, plain in _PYTHON_WORDS:
        message = message.replace(python, plain)
    return message


_CLICK_ZH = (  # Click's usage errors in Chinese (newcomer 4: English under --lang zh); applied in order
    (r"^No such option: (\S+)", r"没有选项 \1"),
    (r"\(Possible options: ([^)]*)\)", r"（可能的选项：\1）"),
    (r"Did you mean ([^?]+)\?", r"你是想用 \1 吗？"),
    (r"^No such command '([^']*)'\.?", r"没有命令 '\1'。"),
    (r"^Invalid value for ('[^:]*'): ", r"\1 的值无效："),
    (r"(\S+) is not in the range (\S+)", r"\1 不在范围 \2 内"),
    (r"^Missing option ", "缺少选项 "),
    (r"^Missing argument ", "缺少参数 "),
    (r"^Got unexpected extra arguments? \((.*)\)", r"多余的参数（\1）"),
    (r"^Option '([^']*)' requires an argument", r"选项 '\1' 需要一个值"),
    (r"is not a whole number in that range", "不是该范围内的整数"),
    (r"is not a whole number", "不是整数"),
    (r"is not a number in that range", "不是该范围内的数"),
    (r"is not a number", "不是数字"),
)


def click_in_lang(message: str, lang: str) -> str:
    """A Click usage error in the session's language (English as Click writes it, else translated)."""
    if lang != "zh":
        return message
    import re

    for pattern, repl in _CLICK_ZH:
        message = re.sub(pattern, repl, message)
    return message.replace("。 ", "。")


def error_lang(argv: Sequence[str] | None = None) -> str:
    """The language of a one-line error: the command's --lang (or -l), else RNNQUIZ_LANG, else the stored
    lang setting, else English. Never raises: an error about the language itself is shown in English."""
    import os

    from rnnquiz.i18n import LANGS, lang_code

    def known(value: str) -> str:
        return code if (code := lang_code(value)) in LANGS else "en"

    args = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--lang", "-l") and i + 1 < len(args):
            return known(args[i + 1])
        if arg.startswith("--lang="):
            return known(arg[7:])
    env = os.environ.get("RNNQUIZ_LANG")
    if env:
        return known(env)
    try:
        stored = stored_settings().get("lang")
    except Exception:  # an unreadable store: its own error comes in English
        return "en"
    return {'"zh"': "zh"}.get(stored or "", "en")


def resolve_lang(lang: str | None) -> str:
    from rnnquiz import settings
    from rnnquiz.i18n import LANGS, lang_code

    if lang is None:
        lang = STATE.get("lang")  # `rnnquiz --lang zh quiz`
    lang = lang_code(lang) if lang is not None else None
    if lang is not None and lang not in LANGS:
        raise usage("err.lang", value=repr(lang), choices=" or ".join(LANGS))
    value, _ = settings.resolve("lang", lang, stored_settings() if lang is None else None)
    return value


def user_bank_paths(banks: Sequence[Path] | None) -> list[Path]:
    """--bank, then RNNQUIZ_BANKS, then the `banks` setting, then banks made by `rnnquiz bank new`."""
    from rnnquiz import paths, settings
    from rnnquiz.bank.files import safe_resolve

    out = list(banks or [])
    out += paths.env_banks()
    stored = stored_settings()
    out += [Path(p) for p in settings.resolve("banks", None, stored)[0]]
    own = paths.user_bank_dir()
    if own.is_dir():
        out.append(own)
    seen: dict[str, Path] = {}
    for p in out:
        seen.setdefault(str(safe_resolve(p.expanduser())), p.expanduser())
    return list(seen.values())


def load(banks: Sequence[Path] | None = None, *, strict: bool = True) -> Catalog:
    """Load bundled and user banks; any error is one line and exit 3."""
    from rnnquiz.bank.cache import cached_catalog

    cat = cached_catalog(user_bank_paths(banks))
    import gc

    # The catalog lives as long as the command, and none of it is garbage: moved out of the collector's
    # generations, the cyclic collector never walks its objects again (on the 10,000-question bank those
    # walks were ~120 ms of `due`, bench_review.py). A process-wide switch: only in a process of our own
    # (cli.main), never in a program that calls the app (a test runner would keep its garbage for good).
    if STATE["process"]:
        gc.freeze()
    if strict:
        cat.raise_on_errors()
        warn_once(cat.skip_warning())
    return cat


_WARNED: set[str] = set()


def warn_once(message: str | None) -> None:
    """A warning on stderr, once per command (a command may load the catalog twice)."""
    if message and message not in _WARNED:
        _WARNED.add(message)
        from rnnquiz.textsafe import escape_line

        sys.stderr.write(f"rnnquiz: warning: {escape_line(message)}\n")


def select(
    cat: Catalog, topics: Sequence[str] | None, types: Sequence[str] | None, tags: Sequence[str] | None
) -> list[Question]:
    """Questions matching every given filter (each filter: any of its values). Unknown values → exit 2."""
    known_topics = cat.topics()
    for value in topics or []:
        if value not in known_topics:
            raise unknown("err.topic", value, known_topics)
    if types:
        from rnnquiz.bank.schema import TYPES

        types = canonical_types(types)
        for value in types:
            if value not in TYPES:
                raise unknown("err.type", value, TYPES)
    if tags:
        known_tags = sorted({t for q in cat.questions.values() for t in q.tags})
        for value in tags:
            if value not in known_tags:
                raise unknown("err.tag", value, known_tags)
    return [
        q
        for q in cat.questions.values()
        if (not topics or q.topic in topics) and (not types or q.type in types) and (not tags or set(tags) & set(q.tags))
    ]


def canonical_types(types: Sequence[str]) -> list[str]:
    """`--type` values as type ids: the names the screens show are accepted too (`type-in`, `single choice`,
    `true/false`, 填写, 单选; newcomer round 5 #9: every header said "type-in" and `--type type-in` failed)."""
    from rnnquiz.bank.schema import TYPES
    from rnnquiz.i18n import STRINGS

    def key(text: str) -> str:
        return "".join(ch for ch in text.casefold() if ch.isalnum())

    names = {key(tid): tid for tid in TYPES}
    for tid in TYPES:
        for shown in STRINGS.get(f"type.{tid}", {}).values():
            names.setdefault(key(shown), tid)
    return [names.get(key(v), v) for v in types]


INTERVIEW_ONLY = ("explain",)  # types quiz and review cannot present yet: `rnnquiz interview` asks them


def answerable(questions: list[Any], types: Sequence[str] | None = None) -> list[Any]:
    """The selected questions that the quiz and review loops can present (explain questions are answered
    in your own words, in `rnnquiz interview`). Asking for such a type by name is a usage error."""
    types = canonical_types(types) if types else types
    if types and set(types) <= set(INTERVIEW_ONLY):
        raise usage("err.own_words", types=", ".join(types))
    return [q for q in questions if q.type not in INTERVIEW_ONLY]


def question_json(q: Question) -> dict[str, Any]:
    """A question as in the bank, both languages, plus its topic (and its full, namespaced id)."""
    return {**q.data, "id": q.id, "topic": q.topic}
