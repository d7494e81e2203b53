"""Plain-text rendering for the fast paths (`list`): no Rich import, just display widths.

`rnnquiz list` runs often and must start quickly; a line of text needs no console object.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Sequence

from rnnquiz.bank.schema import Question


def cell_width(ch: str) -> int:
    """Terminal columns of one character: CJK and full-width characters take two."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def truncate(text: str, width: int) -> str:
    """Cut `text` to `width` terminal columns, ending in '…' when cut."""
    total = sum(cell_width(ch) for ch in text)
    if total <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def terminal_width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def question_lines(questions: Sequence[Question], lang: str, width: int | None = None) -> list[str]:
    """One line per question: id, type, topic, and the prompt cut to the terminal width."""
    width = width or terminal_width()
    id_w = max((len(q.id) for q in questions), default=2)
    topic_w = max((len(q.topic) for q in questions), default=5)
    lines = []
    for q in questions:
        head = f"{q.id:<{id_w}}  {q.type:<9}  {q.topic:<{topic_w}}  "
        prompt = " ".join(q.prompt.get(lang).split())
        if getattr(q, "generator", None) is not None:  # "hidden_size={h}": the numbers are drawn when asked
            prompt = re.sub(r"\{([A-Za-z_]\w*)\}", r"\1", prompt)
        lines.append(head + truncate(prompt, max(10, width - len(head))))
    return lines
