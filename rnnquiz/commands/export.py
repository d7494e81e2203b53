"""`rnnquiz export anki|tsv|json|history` and `rnnquiz import history`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from rnnquiz.commands.common import BankOpt, TagOpt, TopicOpt, TypeOpt, emit_json, load, select
from rnnquiz.commands.complete import complete_anki_lang, complete_export_lang, complete_history_format

export_app = typer.Typer(
    name="export", help="Export questions (Anki, TSV, JSON) or your history.", no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)  # fmt: skip
import_app = typer.Typer(
    name="import", help="Import history exported on another machine.", no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)  # fmt: skip

OutOpt = Annotated[Path, typer.Option("--out", "-o", help="File to write ('-' for stdout where text).", show_default=False, readable=False)]
ExportLangOpt = Annotated[
    str | None,
    typer.Option("--lang", "-l", help="en, zh or both [default: RNNQUIZ_LANG, the lang setting, else en].", show_default=False, autocompletion=complete_export_lang),
]


def _export_lang(lang: str | None) -> str:
    from rnnquiz.commands.common import resolve_lang
    from rnnquiz.errors import UsageError
    from rnnquiz.i18n import lang_code

    if lang is not None:
        lang = lang_code(lang)
    if lang == "both":
        return lang
    if lang is not None and lang not in ("en", "zh"):
        raise UsageError(f"--lang {lang!r}: choose en, zh or both")
    return resolve_lang(lang)


def _notes(lang: str | None, bank, topic, type, tag) -> tuple[str, list]:
    """The export language and the Anki notes of the selected questions (shared by anki and tsv)."""
    from rnnquiz.export.anki import notes_for

    language = _export_lang(lang)
    return language, notes_for(select(load(bank), topic, type, tag), language)


def _write_text(text: str, out: Path) -> None:
    from rnnquiz.export.write import write_stdout, write_text

    if str(out) == "-":
        write_stdout(text)  # escaped at a terminal
        return

    write_text(out, text)


def _done(message: str, json: bool, doc: dict) -> None:
    if json:
        emit_json(doc)
    else:
        sys.stderr.write(message + "\n")


MessageLangOpt = Annotated[
    str | None,
    typer.Option("--lang", "-l", help="Language of the messages: en or zh [default: RNNQUIZ_LANG, the lang setting, else en].", show_default=False),
]


def _ui_lang(lang: str | None = None) -> str:
    """The language of messages: --lang, else the lang setting; English when the store cannot be read:
    `export history` salvages a damaged store, and reading its settings first would end it with the store's
    error."""
    from rnnquiz.commands.common import resolve_lang

    if lang is not None:
        return resolve_lang(lang)  # a bad --lang is a usage error, before anything is read
    try:
        return resolve_lang(None)
    except Exception:  # a StoreError or sqlite3's (rnnquiz/store is the only package that may name it)
        return "en"


JsonDoneOpt = Annotated[bool, typer.Option("--json", help="Print a JSON summary on stdout.")]
AnkiLangOpt = Annotated[
    str,
    typer.Option("--anki-lang", help="Language your Anki profile was created in: en or zh. It names the stock note "
                 "types the rows use (Basic / 问答题).", autocompletion=complete_anki_lang),
]  # fmt: skip
WithProgressOpt = Annotated[
    bool,
    typer.Option("--with-progress", help="Include your review schedule (FSRS state, due dates) and review log; "
                 "in Anki tick 'Import any learning progress'."),
]  # fmt: skip


@export_app.command("anki")
def export_anki(
    out: OutOpt,
    lang: ExportLangOpt = None,
    topic: TopicOpt = None,
    type: TypeOpt = None,
    tag: TagOpt = None,
    bank: BankOpt = None,
    with_progress: WithProgressOpt = False,
    json: JsonDoneOpt = False,
) -> None:
    """Write an Anki package (.apkg); re-import updates."""
    from rnnquiz.export.anki import write_apkg

    if str(out) == "-":
        from rnnquiz.errors import UsageError
        from rnnquiz.i18n import lang_code, t

        code = lang_code(lang) if lang is not None else None
        raise UsageError(t("export.apkg_stdout", _ui_lang(code if code in ("en", "zh") else None)))
    language, notes = _notes(lang, bank, topic, type, tag)
    progress = None
    if with_progress:
        from rnnquiz.export.progress import read_progress

        progress = read_progress()
    write_apkg(notes, out, progress)
    doc: dict = {"out": str(out), "notes": len(notes), "lang": language}
    from rnnquiz.i18n import t

    ui = language if language != "both" else _ui_lang()
    message = t("export.wrote_anki", ui, n=len(notes), out=out)
    if progress is not None:
        ids = {n.qid for n in notes}
        studied = sum(1 for q, c in progress.cards.items() if q in ids and c.state != 0)
        reviews = sum(len(rows) for q, rows in progress.log.items() if q in ids)
        doc |= {"studied_cards": studied, "review_log_rows": reviews}
        message += "\n" + t("export.progress", ui, studied=studied, reviews=reviews)
    _done(message, json, doc)


@export_app.command("tsv")
def export_tsv(
    out: OutOpt,
    lang: ExportLangOpt = None,
    topic: TopicOpt = None,
    type: TypeOpt = None,
    tag: TagOpt = None,
    bank: BankOpt = None,
    anki_lang: AnkiLangOpt = "en",
    json: JsonDoneOpt = False,
) -> None:
    """Write Anki's text-import format (tab-separated), for profiles with Anki's stock note types.

    Anki's text import creates no note types: each row names a stock one (Basic, Cloze, Basic (type in the
    answer)) and a note whose type the profile lacks is skipped. So this serves a profile that still has them
    under the names of the language it was created in: English (the default) or Chinese (--anki-lang zh).
    If they were renamed or deleted, or the profile was created in another language, use `rnnquiz export
    anki` (.apkg): it brings its own note types and imports into any profile."""
    from rnnquiz.export.tsv import ANKI_LANGS, STOCK_NAMES, to_tsv

    if anki_lang not in ANKI_LANGS:
        from rnnquiz.errors import UsageError

        raise UsageError(f"--anki-lang {anki_lang!r}: choose {' or '.join(ANKI_LANGS)}")
    language, notes = _notes(lang, bank, topic, type, tag)
    _write_text(to_tsv(notes, anki_lang), out)
    if str(out) != "-":
        from rnnquiz.i18n import t

        names = " / ".join(STOCK_NAMES[anki_lang].values())
        ui = language if language != "both" else _ui_lang()
        message = t("export.wrote_tsv", ui, n=len(notes), out=out) + "\n" + t("export.tsv_profiles", language if language != "both" else ui, names=names)
        _done(message, json, {"out": str(out), "notes": len(notes), "lang": language})


@export_app.command("json")
def export_json(
    out: OutOpt,
    topic: TopicOpt = None,
    type: TypeOpt = None,
    tag: TagOpt = None,
    bank: BankOpt = None,
    json: JsonDoneOpt = False,
    lang: MessageLangOpt = None,
) -> None:
    """Write the banks as JSON (loads back as a bank), in every language they have."""
    import json as jsonlib

    from rnnquiz.export.jsonbank import export_doc

    ui = _ui_lang(lang)
    cat = load(bank)
    chosen = {q.id for q in select(cat, topic, type, tag)}
    doc = export_doc(cat, chosen)
    _write_text(jsonlib.dumps(doc, ensure_ascii=False, indent=2) + "\n", out)
    if str(out) != "-":
        n = sum(len(t["questions"]) for t in doc["topics"])
        from rnnquiz.i18n import t as tr

        _done(tr("export.wrote_json", ui, n=n, topics=len(doc["topics"]), out=out), json,
              {"out": str(out), "questions": n, "topics": len(doc["topics"])})


FormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", help="csv or json [default: from the file name, else json].", show_default=False, autocompletion=complete_history_format),
]


@export_app.command("history")
def export_history(out: OutOpt, format: FormatOpt = None, lang: MessageLangOpt = None, json: JsonDoneOpt = False) -> None:
    """Write quiz results and the review log to a file."""
    from rnnquiz import paths
    from rnnquiz.errors import UsageError
    from rnnquiz.export import history
    from rnnquiz.i18n import t
    from rnnquiz.store import open_store
    from rnnquiz.textsafe import escape_line

    fmt = format or ("csv" if out.suffix.lower() == ".csv" else "json")
    if fmt not in ("csv", "json"):
        raise UsageError(t("export.bad_format", _ui_lang(lang), value=format))
    if paths.db_path().exists():
        with open_store() as store:
            read = history.read_history(store.db)
        rows = read.tables
        for table, problem in read.damaged.items():  # a damaged store: what could be read is saved
            sys.stderr.write(t("export.damaged", _ui_lang(lang), table=table, n=len(rows[table]), problem=problem) + "\n")
        for table, (n, local, reason) in read.mistyped.items():  # a BLOB uuid: the rest is written, this named
            sys.stderr.write(t("export.mistyped", _ui_lang(lang), table=table, n=n, id=local, reason=escape_line(reason)) + "\n")
    else:
        rows = {name: [] for name in history.TABLES}
    exported_at = paths.now().isoformat(timespec="seconds")
    _write_text(history.to_csv(rows) if fmt == "csv" else history.to_json(rows, exported_at), out)
    n = history.count(rows)
    if str(out) != "-":
        _done(t("export.wrote_history", _ui_lang(lang), answers=n["quiz_answers"], sessions=n["quiz_sessions"], log=n["review_log"], drills=n.get("drill_attempts", 0), out=out),
              json, {"out": str(out), "format": fmt, "rows": n})


@import_app.command("history")
def import_history(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by `rnnquiz export history` (csv or json).", readable=False)],
    lang: MessageLangOpt = None,
    json: JsonDoneOpt = False,
) -> None:
    """Add history from an export; twice adds nothing."""
    from rnnquiz import paths
    from rnnquiz.export import history
    from rnnquiz.store import open_store
    from rnnquiz.textsafe import escape_line

    text = history.read_file(file)  # a regular file (or stdin), size checked before reading, UTF-8
    rows = history.parse(text, str(file))
    with open_store() as store:
        report = history.import_rows(store, rows, str(file), paths.now())
    cat = load(None, strict=False)
    orphans = history.unknown_ids(report.question_ids, cat.questions)
    if json:
        emit_json({"added": report.added, "already_present": report.already, "cards_rebuilt": report.cards_rebuilt,
                   "unknown_question_ids": orphans, "set_aside_future": report.future})
        return
    a, k = report.added, report.already
    from rnnquiz.i18n import t

    print(t("export.added_history", _ui_lang(lang), answers=a["quiz_answers"], sessions=a["quiz_sessions"], log=a["review_log"],
            already=sum(k.values()), rebuilt=report.cards_rebuilt))
    if a.get("review_log_quarantine") or a.get("drill_attempts"):  # the rest of what moved
        print(t("export.added_more", _ui_lang(lang), drills=a.get("drill_attempts", 0), quarantined=a.get("review_log_quarantine", 0)))
    if report.future:  # dated after the clock: kept in the quarantine, not scheduled from
        sys.stderr.write(t("export.set_aside_first", _ui_lang(lang), n=report.future, first=escape_line(report.future_first)) + "\n")
    if orphans:
        shown = escape_line(", ".join(orphans[:5])) + (" …" if len(orphans) > 5 else "")
        sys.stderr.write(f"note: {len(orphans)} question id(s) are in no loaded bank ({shown}); their history is kept — "
                         "add the bank that has them (`rnnquiz bank add`).\n")


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
