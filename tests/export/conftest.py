"""Fixtures for the export tests: a user bank with one question of each type, and an .apkg reader."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "good" / "example.yaml"


@pytest.fixture
def example_bank(tmp_path: Path) -> Path:
    """The documented example bank (one question of each type) as a user bank file: ids `example/…`."""
    path = tmp_path / "banks-in" / "example.yaml"
    path.parent.mkdir()
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def read_apkg(path: Path, tmp: Path) -> dict:
    """The notes of an .apkg as comparable rows, plus its note types and decks (ids → names)."""
    with zipfile.ZipFile(path) as z:
        z.extract("collection.anki2", tmp)
    db = sqlite3.connect(tmp / "collection.anki2")
    try:
        notes = sorted(
            (guid, mid, tuple(flds.split("\x1f")), tuple(tags.split()))
            for guid, mid, flds, tags in db.execute("SELECT guid, mid, flds, tags FROM notes")
        )
        models_json, decks_json = db.execute("SELECT models, decks FROM col").fetchone()
        cards = db.execute("SELECT count(*) FROM cards").fetchone()[0]
    finally:
        db.close()
    models = {int(k): v["name"] for k, v in json.loads(models_json).items()}
    decks = {int(k): v["name"] for k, v in json.loads(decks_json).items()}
    return {"notes": notes, "models": models, "decks": decks, "cards": cards}
