"""Export the banks to Anki (.apkg), Anki's text import (TSV) and JSON; move study history in and out.

Core code: no typer, no rich. The functions here return data or write files; commands/export.py wires them.
"""

from __future__ import annotations

from collections.abc import Iterable

from rnnquiz.bank.schema import Question

EXPORT_LANGS = ("en", "zh", "both")


def langs_for(lang: str) -> tuple[str, ...]:
    """`--lang en|zh|both` → the languages to write, in order."""
    return ("en", "zh") if lang == "both" else (lang,)


def sorted_questions(questions: Iterable[Question]) -> list[Question]:
    """A stable order (topic, id) so two exports of the same banks write the same rows."""
    return sorted(questions, key=lambda q: (q.topic, q.id))
