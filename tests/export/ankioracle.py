"""Anki's own Python library (PyPI `anki`) as the oracle for the exports: import into a fresh collection.

Only the tests marked `anki` import this module, after `pytest.importorskip("anki")`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest, ImportCsvRequest

LOG_LISTS = ("new", "updated", "duplicate", "conflicting", "first_field_match", "missing_notetype",
             "missing_deck", "empty_first_field")  # fmt: skip


def fresh_collection(folder: Path, ui_lang: str = "en_US") -> Collection:
    """A new, empty profile's collection; `ui_lang` is the language Anki names the stock note types in."""
    import anki.lang

    folder.mkdir(parents=True, exist_ok=True)
    anki.lang.set_lang(ui_lang)
    try:
        return Collection(str(folder / "collection.anki2"))
    finally:
        anki.lang.set_lang("en_US")


def import_apkg(col: Collection, path: Path, with_scheduling: bool = False):
    # the import dialog's defaults: notes and note types updated when newer, note types not merged
    options = ImportAnkiPackageOptions(with_scheduling=with_scheduling)
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options)).log


def import_tsv(col: Collection, path: Path):
    metadata = col.get_csv_metadata(str(path), None)
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log


def counts(log) -> dict[str, int]:
    """How many notes an import log puts in each of its lists (plus found_notes)."""
    out = {name: len(getattr(log, name)) for name in LOG_LISTS}
    out["found_notes"] = log.found_notes
    return out


@dataclass
class AnkiNote:
    guid: str
    notetype: str
    fields: dict[str, str]
    tags: list[str]
    cards: list[tuple[int, str, str]]  # (ord, question html, answer html)


def notes(col: Collection) -> dict[str, AnkiNote]:
    """Every note of the collection by GUID, with its cards rendered by Anki."""
    out = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        cards = []
        for cid in col.card_ids_of_note(nid):
            card = col.get_card(cid)
            cards.append((card.ord, card.question(), card.answer()))
        out[note.guid] = AnkiNote(note.guid, note.note_type()["name"], dict(note.items()), list(note.tags), sorted(cards))
    return out


def visible_text(card_html: str) -> str:
    """What a card shows as text: no style, script or tags, entities decoded, whitespace squeezed."""
    text = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", card_html)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())
