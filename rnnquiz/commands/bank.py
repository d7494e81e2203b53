"""`rnnquiz bank new|add|list`: your own question banks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rnnquiz.commands.common import BankOpt, JsonOpt, emit_json
from rnnquiz.i18n import t

MessageLangOpt = Annotated[str | None, typer.Option("--lang", "-l", help="Language of the messages: en or zh [default: RNNQUIZ_LANG, the lang setting, else en].", show_default=False)]

bank_app = typer.Typer(
    name="bank", help="Your own question banks: create, register, list.", no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)  # fmt: skip


def _rows(cat) -> list[dict]:  # noqa: ANN001 - a Catalog
    rows = []
    for b in cat.banks:
        n = sum(1 for q in b.questions if cat.questions.get(q.id) is q)
        rows.append({
            "name": b.namespace or b.topic, "kind": "user" if b.namespace else "bundled", "topic": b.topic,
            "questions": n, "languages": list(b.languages), "path": b.path,
        })  # fmt: skip
    return rows


@bank_app.command("list")
def bank_list(bank: BankOpt = None, json: JsonOpt = False, lang: MessageLangOpt = None) -> None:
    """List bundled and user banks with question counts."""
    from rnnquiz.commands.common import load, resolve_lang
    from rnnquiz.textsafe import escape_line

    language = resolve_lang(lang)
    cat = load(bank, strict=False)
    rows = _rows(cat)
    problems = [escape_line(str(p)) for p in cat.errors]
    if json:
        emit_json({"banks": rows, "problems": problems})
        return
    from rnnquiz.render import console
    from rnnquiz.render.banks import banks_table

    console.out().print(banks_table(rows, language))
    for p in problems:
        console.err().print(t("banks.error", language, problem=p), markup=False, style="red")
    if problems:
        console.err().print(t("banks.skipped", language), markup=False)


@bank_app.command("new")
def bank_new(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The bank's name (a slug: a-z, 0-9, '-'); its ids become NAME/…")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing bank of that name.")] = False,
    lang: MessageLangOpt = None,
) -> None:
    """Write a commented starter bank to edit."""
    from rnnquiz import paths
    from rnnquiz.bank.load import SLUG, load_catalog
    from rnnquiz.bank.starter import starter_text
    from rnnquiz.commands.common import resolve_lang, user_bank_paths
    from rnnquiz.errors import StoreError, UsageError

    language = resolve_lang(lang)
    if not SLUG.match(name):
        raise UsageError(f"Bank name {name!r} is not a slug: use a-z, 0-9 and '-' (like my-notes)")
    if len(name) > 64:  # it becomes a file name and the prefix of every id
        raise UsageError(f"Bank name {name[:20]}… is {len(name)} characters long; keep it to 64 or fewer")
    if (paths.user_bank_dir().exists() or paths.user_bank_dir().is_symlink()) and not paths.user_bank_dir().is_dir():
        raise StoreError(f"{paths.user_bank_dir()} is not a folder; move it away so `bank new` can create the folder of your banks")
    target = paths.user_bank_dir() / f"{name}.yaml"
    if target.exists() and not force:
        raise UsageError(f"{target} exists; edit it, or pass --force to start it over")
    taken = {b.namespace for b in load_catalog(user_bank_paths(None)).banks if Path(b.path).resolve() != target.resolve()}
    if name in taken:
        raise UsageError(f"A user bank named {name!r} is already loaded (its ids are {name}/…); choose another name")
    try:
        from rnnquiz.export.write import write_text  # atomic: --force on a full disk keeps the old bank whole

        write_text(target, starter_text(name, str(target)))
    except OSError as exc:
        raise StoreError(f"cannot write {target}: {exc.strerror or exc}") from None
    print(t("banks.wrote", language, target=target))
    print(t("banks.wrote_next", language, name=name))


@bank_app.command("add")
def bank_add(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A bank file (.yaml, .yml, .json) or a folder of them.", readable=False)],
    lang: MessageLangOpt = None,
) -> None:
    """Register a bank file or folder (kept in settings)."""
    from rnnquiz import paths, settings
    from rnnquiz.bank.files import safe_resolve
    from rnnquiz.bank.load import load_catalog
    from rnnquiz.commands.common import resolve_lang, stored_settings, user_bank_paths
    from rnnquiz.errors import BankError, UsageError
    from rnnquiz.store import open_store

    language = resolve_lang(lang)
    if not path.exists() and not path.is_symlink():
        raise UsageError(f"No such file or folder: {path}")
    full = safe_resolve(path.expanduser())
    registered = [str(safe_resolve(Path(p).expanduser())) for p in settings.decode(stored_settings().get("banks", "[]"))]
    own = paths.user_bank_dir().resolve()
    if str(full) in registered or full == own or full.parent == own:
        print(t("banks.already", language, path=full))
        return
    alone = load_catalog(only_paths=[full])
    if alone.errors:
        more = f" (and {len(alone.errors) - 1} more)" if len(alone.errors) > 1 else ""
        raise BankError(f"not added: {alone.errors[0]}{more}; run `rnnquiz validate {path}`")
    before = set(load_catalog(user_bank_paths(None)).errors)
    after = load_catalog(user_bank_paths([full]))
    clashes = [p for p in after.errors if p not in before]
    if clashes:
        raise BankError(f"not added: {clashes[0]}")
    with open_store() as store:
        store.set_setting("banks", settings.encode([*registered, str(full)]))
    n = len(alone.questions)
    topics = ", ".join(alone.topics())
    print(t("banks.added", language, path=full, n=n, topics=topics or t("banks.no_topic", language)))


def register(app: typer.Typer) -> None:
    app.add_typer(bank_app, name="bank")
