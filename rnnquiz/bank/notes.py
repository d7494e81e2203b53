"""A question's own facts about what a candidate writes beside a right number (`notes:` in a bank).

Candidates say why: `10000 (the vocabulary size)`, `3, the clipped vector is (3, 4)`, `7.39, because PyTorch
uses ln`. Sixteen review rounds taught the grader to read such notes one phrasing at a time, and each round
found more it could not read. A numeric question may instead list the true and the false things people write
beside its answer, in the explain rubric's pattern language (`a|b ~ c`: any option of each part, in one
sentence; glossary terms match all their variants; a negation before a match counts):

    notes:
      true: ["vocabulary size|词表大小|= v", "cross-entropy|交叉熵 ~ ln 10000|ln(10000)"]
      false: ["cross-entropy is 10000|交叉熵是10000"]

With the right number, a note that states a `false` fact makes the answer plainly wrong (never "not sure"),
and so does one that denies a `true` fact; a note that states a `true` fact and no `false` one makes it right.
The question's facts decide over the grader's general readers, so a `true` pattern must be specific enough
that no false note contains it (`2h` is true of a BiLSTM's width, `2h, summed` is not: `sum` is listed false).
Anything else is left to the grader's other readers, so a question without `notes:` grades as before.
A typein may list notes as well: they are read against what follows a right answer (grade._typein_note).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from rnnquiz.bank import explain

_NUMBER = re.compile(r"[-−]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:e[-+]?\d+)?", re.I)


def read(notes: Mapping[str, Sequence[str]], text: str, glossary: Sequence[dict] = ()) -> bool | None:
    """True: the text states a true fact of `notes` and no false one; False: it states a false one, or
    denies a true one; None: neither (or no notes)."""
    if not notes or not text.strip():
        return None
    forms = explain._glossary_forms(glossary)
    clauses = explain.sentences_of(text) or [explain.normalize(text)]  # a note is short: `ρ(W_hh) = 0.9` is one
    said_true = False
    for pattern in notes.get("false", ()):
        words, _negated = explain._find(explain._alternative(pattern, forms), clauses)
        if words is not None:
            return False
    for pattern in notes.get("true", ()):
        words, negated = explain._find(explain._alternative(pattern, forms), clauses)
        if words is not None:
            said_true = True
        elif negated is not None:
            return False  # `10000, not the vocabulary size`
    return True if said_true else None


def beside(text: str, value: float, tol: float) -> str | None:
    """The note beside the right number: the text without the first number that equals `value` (within
    `tol`), or None when no number in the text is the answer or nothing else is written."""
    from rnnquiz.bank.grade import parse_number  # grade imports this module

    s = unicodedata.normalize("NFKC", text).replace("−", "-")
    for m in _NUMBER.finditer(s):
        x = parse_number(m[0].replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", m[0]) else m[0])
        if x is not None and abs(x - value) <= tol:
            rest = (s[:m.start()] + " " + s[m.end():]).strip(" ,，;；:：.。")
            return rest if re.search(r"[^\W\d_]|\d\s*[*×·/+^]", rest) else None  # words, or a formula
    return None
