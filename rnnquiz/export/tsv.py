"""Anki's text import format: tab-separated, HTML fields, with the header lines Anki reads
(`#separator`, `#html`, `#guid column`, `#notetype column`, `#deck column`, `#tags column`).

The note types are rnnquiz's own (import the .apkg once to create them, or create note types with the
same names and fields); the GUIDs equal the .apkg's, so either file updates the same notes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from rnnquiz.export.anki import DECK_NAME, FIELDS, NoteRow

N_FIELDS = max(len(f) for f in FIELDS.values())
GUID_COL, NOTETYPE_COL, DECK_COL = 1, 2, 3
TAGS_COL = 3 + N_FIELDS + 1


def to_tsv(notes: Sequence[NoteRow]) -> str:
    buf = io.StringIO()
    buf.write("#separator:tab\n#html:true\n")
    buf.write(f"#guid column:{GUID_COL}\n#notetype column:{NOTETYPE_COL}\n#deck column:{DECK_COL}\n#tags column:{TAGS_COL}\n")
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for n in notes:
        fields = [f.replace("\t", " ").replace("\r\n", "<br>").replace("\n", "<br>") for f in n.fields]
        fields += [""] * (N_FIELDS - len(fields))
        writer.writerow([n.guid, n.notetype, DECK_NAME, *fields, " ".join(n.tags)])
    return buf.getvalue()
