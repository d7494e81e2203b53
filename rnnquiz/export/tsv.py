"""Anki's text import format: tab-separated, HTML fields, with the header lines Anki reads
(`#separator`, `#html`, `#guid column`, `#notetype column`, `#deck column`, `#tags column`).

Anki's text importer creates no note types: a row whose note type the profile lacks is skipped. So the rows
name Anki's stock note types, which every fresh profile has (under their English names): `Basic`,
`Cloze` and `Basic (type in the answer)` (a profile created in Chinese: 问答题, 填空题, 问答题（输入答案）). What the stock types have no field for stays in the .apkg: the
`Id` field, and the explanation of a type-in card (the stock type-in back shows only the typed comparison).
The GUIDs equal the .apkg's, so re-importing either file updates its notes instead of adding copies.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rnnquiz.export.anki import BASIC, CLOZE, DECK_NAME, TYPEIN, NoteRow
from rnnquiz.export.html import anki_field, anki_text

# rnnquiz note type → (Anki's stock note type, indexes of our fields that fill its fields, in order)
STOCK: dict[str, tuple[str, tuple[int, ...]]] = {
    BASIC: ("Basic", (0, 1)),  # Front, Back
    CLOZE: ("Cloze", (0, 1)),  # Text, Back Extra
    TYPEIN: ("Basic (type in the answer)", (0, 1)),  # Front, Back = the expected answer
}
# Anki names its stock note types in the language the profile was created in (rslib/src/notetype/stock.rs
# through Anki's translations); the importer matches the name exactly.
STOCK_NAMES: dict[str, dict[str, str]] = {
    "en": {name: name for name, _ in STOCK.values()},
    "zh": {"Basic": "问答题", "Cloze": "填空题", "Basic (type in the answer)": "问答题（输入答案）"},
}
ANKI_LANGS = tuple(STOCK_NAMES)
N_FIELDS = 2
# The note type comes first: Anki's CSV reader drops a line starting with `#` as a comment, silently, and a
# GUID can start with `#` (genanki's base-91 alphabet has it); a note type name never does.
NOTETYPE_COL, DECK_COL, GUID_COL = 1, 2, 3
TAGS_COL = 3 + N_FIELDS + 1


def stock_row(note: NoteRow, anki_lang: str = "en") -> tuple[str, tuple[str, ...]]:
    """The stock note type (named as a profile created in `anki_lang` names it) and fields of a note."""
    name, picks = STOCK[note.notetype]
    return STOCK_NAMES[anki_lang][name], tuple(note.fields[i] for i in picks)


def to_tsv(notes: Sequence[NoteRow], anki_lang: str = "en") -> str:
    buf = io.StringIO()
    buf.write("#separator:tab\n#html:true\n")
    buf.write(f"#notetype column:{NOTETYPE_COL}\n#deck column:{DECK_COL}\n#guid column:{GUID_COL}\n#tags column:{TAGS_COL}\n")
    # Safe on its own, whatever the rows hold: no line break, tab or other control character is left in a
    # cell (anki_field / anki_text), and a cell with a quote is quoted (QUOTE_MINIMAL, quotes doubled).
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for n in notes:
        notetype, fields = stock_row(n, anki_lang)
        tags = " ".join(t for t in (anki_text(tag).replace("\t", "_").replace(" ", "_") for tag in n.tags) if t)
        writer.writerow([notetype, DECK_NAME, anki_text(n.guid), *(anki_field(f) for f in fields), tags])
    return buf.getvalue()
