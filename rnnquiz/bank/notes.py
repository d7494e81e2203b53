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
and so does one that denies a `true` fact; a note that states a `true` fact (or denies a `false` one) and no
`false` one makes it right, unless it says more than the fact: a qualifier, another part, or a number the
question's own text lacks (`2h per direction` beside the true `2h`) leaves it to the other readers.
The question's facts decide over the grader's general readers, so a `true` pattern must be specific enough
that no false note contains it (`2h` is true of a BiLSTM's width, `2h, summed` is not: `sum` is listed false).
A false fact is not read as one when a true fact of more parts (or more words) in its clause contains it (`27% is
forgotten` beside the false `is forgotten`), nor when it is said of another case (`with ρ = 1.1 it would explode`);
the few words joining a true fact's parts belong to it (`3 gates plus candidate`).
Anything else is left to the grader's other readers, so a question without `notes:` grades as before.
A typein may list notes as well: they are read against what follows a right answer (grade._typein_note).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from rnnquiz.bank import explain

# a comma groups thousands only in threes: `0.731，27%` (NFKC makes the Chinese comma ASCII) is two numbers
_NUMBER = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?", re.I)


def read(notes: Mapping[str, Sequence[str]], text: str, glossary: Sequence[dict] = (), own: str = "",
         prompt: str = "") -> bool | None:
    """True: the text states a true fact of `notes` (or denies a false one) and no false one, and adds no claim
    beside it (`_says_more`: a qualifier or another part the `prompt` does not name, a number the question's `own`
    text lacks); False: it states a false one, or denies a true one and states none; None: neither (or no notes)."""
    if not notes or not text.strip():
        return None
    forms = explain._glossary_forms(glossary)
    clauses = explain.sentences_of(text) or [explain.normalize(text)]  # a note is short: `ρ(W_hh) = 0.9` is one
    covered: list[str] = []  # the words the question's facts account for
    # a false fact of several parts is one clause (`compute stays the same, only memory is less` is not `compute ~ less`);
    # one of a single part is looked for in the sentence, since a clause split would cut `(b, t, h)` at its commas
    parts = explain.clauses_of(clauses) or clauses
    for pattern in notes.get("false", ()):
        where = parts if "~" in pattern else clauses
        words, negated = explain._find(explain._alternative(pattern, forms), where)
        if words is not None and not _more_specific_true(notes, pattern, words, where, forms) \
                and not _hypothetical(words, where):
            return False
        if negated is not None:
            covered.append(negated)  # `layers times directions, not layers plus directions`: a false fact denied
    said_true, denied = bool(covered), False  # a false fact denied is a true one (`directions do not share weights`)
    for pattern in notes.get("true", ()):
        words, negated = explain._find(explain._alternative(pattern, forms), clauses)
        if words is not None:
            said_true = True
            covered += _joined(words, clauses)
        elif negated is not None:
            denied = True  # `10000, not the vocabulary size`
    if denied and not said_true:
        return False
    if not said_true:
        return None  # (a true fact stated beside one read as denied, `两个方向不共享权重`: the negation is the other's)
    # a true fact decides only what it covers: `2h per direction`, `2h since num_layers=2`, `8 blocks, one bias each`
    # say more than `2h` or `8 blocks`, and the rest is left to the grader's other readers (review 18, helper-119)
    text_ = " ".join(clauses)
    keep = [True] * len(text_)  # every occurrence of every piece is covered, even where two pieces overlap
    for piece in covered:
        for m in re.finditer(re.escape(piece), text_):
            keep[m.start():m.end()] = [False] * (m.end() - m.start())
    rest = "".join(ch if k else " " for ch, k in zip(text_, keep, strict=True))
    return None if _says_more(rest, explain.normalize(own), explain.normalize(prompt)) else True


def _more_specific_true(notes: Mapping[str, Sequence[str]], false: str, words: str, where: list[str],
                        forms: Mapping[str, tuple[str, ...]]) -> bool:
    """A true fact of more parts, in the clause of a false one and sharing its words, accounts for it: `27% is
    forgotten` states the true `27% ~ forgotten`, not the false `is forgotten` said of the answer (review 125)."""
    mine = _tokens(words) - {"is", "are", "the", "a", "of", "被"}
    clause = _clause_of(words, where)
    if not clause:
        return False
    for pattern in notes.get("true", ()):
        if pattern.count("~") < false.count("~"):
            continue
        found, _ = explain._find(explain._alternative(pattern, forms), [clause])
        if found is None or not mine & _tokens(found):
            continue
        # more parts, or as many and more words: `(t, batch, 2h)` accounts for `batch`, `each update … less` for
        # `less … compute` (review 126)
        if pattern.count("~") > false.count("~") or len(found) > len(words):
            return True
    return False


def _joined(words: str, clauses: list[str]) -> list[str]:
    """The pieces of a true fact, with the few words that join its parts (`3 gates plus candidate`, `三组对四组`):
    a connective inside the fact is part of it, not a claim beside it (review 125)."""
    pieces = words.split(" … ")
    if len(pieces) > 1:
        for c in clauses:
            m = re.search(r"\s*(.{0,24}?)\s*".join(map(re.escape, pieces)), c)
            if m and all(len(re.findall(r"[^\W\d_]+|\d+", g)) <= 2 for g in m.groups()):
                return [m[0]]
    return pieces


_IF = re.compile(r"\b(?:would|were|otherwise)\b|如果|若是?|假如|要是|否则|的话|就会")  # not `only if d = h`: a condition


def _hypothetical(words: str, where: list[str]) -> bool:
    """A false fact said of another case: `with rho = 1.1 it would explode`, `如果是按值裁剪则两个分量都是5` (review 126)."""
    return bool(_IF.search(_clause_of(words, where)))


def _clause_of(words: str, where: list[str]) -> str:
    """The clause (or sentence) in which `explain._find` matched `words` ("" if none holds them all)."""
    return next((c for c in where if all(w in c for w in words.split(" … "))), "")


def _tokens(text: str) -> set[str]:
    """Latin words, numbers and single Chinese characters: what two matched phrases can share."""
    return set(re.findall(r"[^\W\d_]+|\d+", re.sub(r"([\u3400-\u9fff])", r" \1 ", text)))


# Words that add a claim to a true fact: a qualifier (`2h per direction`, `8 blocks, one bias each`, `directions
# share weights`), another part counted (`2 layers`, `3 gates each`, `每组一个偏置`). A number is a claim unless the
# question's own text has it (`σ(0) = 0.5`, `(3, 4)`).
_MORE = re.compile(
    r"\b(?:per|one|single|only|not|no|never|plus|sum|summed|add|added|times|half|twice|double|doubled|shared?|tied|"
    r"same|without|first|last|layers?|gates?|bias(?:es)?|heads?|directions?|wide|width|changes?|opposite|"
    r"forgotten|forgets?|candidate|old|new|reset|update)\b|每|单|只|不|没|无|加|共享|相同|一半|层|门|偏置|"
    r"保留|遗忘|候选|旧|新|重置|更新|改变|相反")
_FILLER = re.compile(
    r"\b(?:the|a|an|is|are|it|its|it's|this|that|which|so|and|since|because|as|i\.?e\.?|e\.?g\.?|namely|here|there|"
    r"total|in|of|for|with|we|get|gives?|has|have|parameters?|params?|values?|answer|i\s+think|probably|to|or|equal|equals|"
    r"uses?|using|vs|versus|kept|keeps?|stays?)\b|"
    r"[的是即也就因为所以由于共总一有为了这在个参数呢吧啊]|[\s,，;；:：。()（）\[\]=≈~→]|(?<!\d)[.-]|[.-](?!\d)")


def _says_more(rest: str, own: str, prompt: str) -> bool:
    """What is left of the note after the covered facts adds a claim the notes do not decide (_MORE, or a number
    the question's own text does not have)."""
    left = _FILLER.sub(" ", rest)
    if any(not re.search(rf"(?<![\w]){re.escape(m[0])}(?![\w])" if m[0].isascii() else re.escape(m[0]), prompt)
           for m in _MORE.finditer(left)):
        return True  # a qualifier or another part; one the prompt itself names (`gate` when it asks about gates) is not
    return any(not re.search(rf"(?<![\d.]){re.escape(n)}(?![\d]|\.\d)", own) for n in re.findall(r"\d+(?:\.\d+)?", left))


def beside(text: str, value: float, tol: float) -> str | None:
    """The note beside the right number: the text without the first number that equals `value` (within
    `tol`), or None when no number in the text is the answer or nothing else is written."""
    from rnnquiz.bank.grade import parse_number  # grade imports this module

    # a number's power is kept a power: NFKC would make `23²` the number 232 (review 21)
    s = unicodedata.normalize("NFKC", re.sub(r"(?<=[\d)])([²³])", lambda m: "^" + "23"["²³".index(m[1])], text)).replace("−", "-")
    for m in _NUMBER.finditer(s):
        x = parse_number(m[0].replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", m[0]) else m[0])
        if x is not None and abs(x - value) <= tol:
            rest = (s[:m.start()] + " " + s[m.end():]).strip(" ,，;；:：.。")
            return rest if re.search(r"[^\W\d_]|\d\s*[*×·/+^]", rest) else None  # words, or a formula
    return None
