"""`export json`: the banks as one document, `{"version": 1, "topics": [{topic, title, languages,
[bank,] questions}]}`, which the loader reads back as banks (one per entry of `topics`).

Questions are written as they stand in their bank file (`Question.data`): both languages, un-namespaced
ids. A user bank's entry carries `bank: <namespace>`, so loading the file keeps its ids — and the review
history that hangs on them — unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

from rnnquiz.bank.load import Catalog

TOPIC_KEYS = ("topic", "title", "languages")


def export_doc(cat: Catalog, question_ids: Collection[str] | None = None) -> dict[str, Any]:
    """The export document of the catalog's banks (only the given questions, when given; empty banks dropped)."""
    topics = []
    for bank in cat.banks:
        questions = [
            q.data for q in bank.questions
            if cat.questions.get(q.id) is q and (question_ids is None or q.id in question_ids)
        ]  # fmt: skip
        if not questions:
            continue
        entry: dict[str, Any] = {k: bank.data[k] for k in TOPIC_KEYS if k in bank.data}
        if bank.namespace:
            entry["bank"] = bank.namespace
        entry["questions"] = questions
        topics.append(entry)
    return {"version": 1, "topics": topics}


def write_json(doc: dict[str, Any], path: Path) -> None:
    from rnnquiz.export.write import write_text

    write_text(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
