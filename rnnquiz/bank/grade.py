"""Turning a question into what is shown (`prepare`) and an answer line into a verdict (`grade`).

Pure functions shared by quiz, review, show and export. One answer line per question, as in the stdin
protocol of CONTRACTS.md; the interactive loops ask again when `grade` says the line was unreadable.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rnnquiz.bank import generators
from rnnquiz.bank.load import CLOZE_BLANK
from rnnquiz.bank.schema import MCQ, Cloze, Flashcard, Multi, Numeric, Order, Question, TrueFalse, TypeIn

LETTERS = "abcdefghijklmnopqrstuvwxyz"
TRUE_WORDS = {"t", "true", "y", "yes", "对", "是", "正确", "√", "✓"}
FALSE_WORDS = {"f", "false", "n", "no", "错", "否", "错误", "×", "✗"}
SKIP = {"", "?", "？"}


@dataclass(frozen=True)
class Item:
    """A question as shown once: choices and items shuffled, numeric parameters drawn."""

    question: Question
    seed: int
    choice_order: tuple[int, ...] = ()  # shown position -> index in question.choices
    item_order: tuple[int, ...] = ()  # shown position -> index in question.items (order)
    params: dict[str, Any] = field(default_factory=dict)  # numeric generator parameters
    value: float | None = None  # numeric answer
    work: str = ""  # numeric worked formula

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def type(self) -> str:
        return self.question.type

    def prompt(self, lang: str) -> str:
        text = self.question.prompt.get(lang)
        if self.params:
            text = re.sub(r"\{(\w+)\}", lambda m: str(self.params.get(m.group(1), m.group(0))), text)
        return text

    def blanks(self) -> list[str]:
        """Cloze blank names in order: c1, c2, …"""
        assert isinstance(self.question, Cloze)
        names = [m.group(1) for m in CLOZE_BLANK.finditer(self.question.text.get("en") or self.question.text.get("zh"))]
        return sorted(set(names), key=lambda c: int(c[1:]))


@dataclass(frozen=True)
class Verdict:
    status: str  # right | wrong | skipped | unreadable
    expected: str  # the expected answer, as shown to the candidate
    given: str  # the answer line as typed
    note: str = ""  # near miss, unreadable hint, per-blank detail

    @property
    def correct(self) -> bool:
        return self.status == "right"


def prepare(q: Question, seed: int) -> Item:
    """The shown form of a question for a session seed: reproducible for (seed, question id)."""
    rng = random.Random(f"{seed}:{q.id}")
    if isinstance(q, MCQ | Multi):
        order = list(range(len(q.choices)))
        rng.shuffle(order)
        return Item(q, seed, choice_order=tuple(order))
    if isinstance(q, Order):
        order = list(range(len(q.items)))
        for _ in range(10):  # never show the items already in the right order
            rng.shuffle(order)
            if order != sorted(order):
                break
        return Item(q, seed, item_order=tuple(order))
    if isinstance(q, Numeric):
        if q.generator is not None:
            params = generators.draw(q.generator.params, rng)
            value, work = generators.generate(q.generator.name, params)
            return Item(q, seed, params=params, value=float(value), work=work)
        return Item(q, seed, value=q.answer)
    return Item(q, seed)


# --- normalisation -----------------------------------------------------------------------------------

_MINUS = str.maketrans({"−": "-", "–": "-", "—": "-"})


def normalize(text: str) -> str:
    """Case, width (NFKC: ＡＢＣ = ABC), punctuation of both languages and whitespace are ignored.

    A '.' between digits and a '-' before a digit are kept, so 0.25 ≠ 025 and −1 ≠ 1.
    """
    s = unicodedata.normalize("NFKC", text).translate(_MINUS).casefold()
    out = []
    for i, ch in enumerate(s):
        if ch.isspace():
            continue
        if unicodedata.category(ch).startswith("P"):
            prev = s[i - 1] if i else ""
            nxt = s[i + 1] if i + 1 < len(s) else ""
            if ch == "." and prev.isdigit() and nxt.isdigit():
                out.append(ch)
            elif ch == "-" and nxt.isdigit():
                out.append(ch)
            continue
        out.append(ch)
    return "".join(out)


def _is_latin(s: str) -> bool:
    return all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in s)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, stopping early once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def glossary_forms(glossary: Iterable[dict]) -> list[set[str]]:
    """Each glossary term as the set of its normalised forms (en, zh and every variant)."""
    groups = []
    for term in glossary:
        forms = {term.get("en", ""), term.get("zh", "")}
        for variants in (term.get("variants") or {}).values():
            forms.update(variants or [])
        groups.append({normalize(f) for f in forms if f})
    return groups


def expand(accepted: Iterable[str], glossary: Sequence[dict] = ()) -> set[str]:
    """Normalised accepted answers, with every glossary variant of an accepted term."""
    out = {normalize(a) for a in accepted if a}
    for forms in glossary_forms(glossary):
        if out & forms:
            out |= forms
    out.discard("")
    return out


def match_text(given: str, accepted: set[str], rejected: set[str], fuzzy: bool) -> tuple[bool, str]:
    """(right?, note). Near misses (edit distance 1–2) count only for Latin answers of ≥ 5 letters
    without digits, never for a known wrong answer, and never when the question sets fuzzy: false."""
    g = normalize(given)
    if g in accepted:
        return True, ""
    if not fuzzy or g in rejected or not g or any(ch.isdigit() for ch in g) or not _is_latin(g):
        return False, ""
    best = None
    for a in accepted:
        if len(a) >= 5 and _is_latin(a) and not any(ch.isdigit() for ch in a):
            d = edit_distance(g, a, 2)
            if 1 <= d <= 2 and (best is None or d < best[0]):
                best = (d, a)
    if best is None:
        return False, ""
    if any(edit_distance(g, r, 2) <= best[0] for r in rejected):
        return False, ""
    return True, f"close enough: you wrote {given.strip()!r}, the answer is spelled {best[1]!r}"


# --- expected answers -------------------------------------------------------------------------------


def cloze_answers(q: Cloze, lang: str) -> dict[str, str]:
    """Blank name -> its answer in `lang` (first occurrence)."""
    out: dict[str, str] = {}
    for m in CLOZE_BLANK.finditer(q.text.get(lang)):
        out.setdefault(m.group(1), m.group(2))
    return out


def cloze_display(q: Cloze, lang: str, reveal: bool) -> str:
    """The cloze text with blanks shown as [c1] (or [c1: hint]) or, revealed, as their answers."""

    def sub(m: re.Match[str]) -> str:
        if reveal:
            return m.group(2)
        return f"[{m.group(1)}: {m.group(3)}]" if m.group(3) else f"[{m.group(1)}]"

    return CLOZE_BLANK.sub(sub, q.text.get(lang))


def format_number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def expected(item: Item, lang: str) -> str:
    """The expected answer as text in `lang`, with the letters/numbers the candidate would type."""
    q = item.question
    if isinstance(q, MCQ | Multi):
        parts = [f"{LETTERS[pos]}) {q.choices[idx].text.get(lang)}" for pos, idx in enumerate(item.choice_order) if q.choices[idx].correct]
        return "; ".join(parts)
    if isinstance(q, TrueFalse):
        return ("true" if q.answer else "false") if lang == "en" else ("对" if q.answer else "错")
    if isinstance(q, TypeIn):
        if q.answer is not None:
            return q.answer.get(lang)
        return (q.accept.get(lang) or q.accept.get("en") or q.accept.get("zh") or ("",))[0]
    if isinstance(q, Cloze):
        return " | ".join(cloze_answers(q, lang).values())
    if isinstance(q, Order):
        numbers = " ".join(str(item.item_order.index(i) + 1) for i in range(len(q.items)))
        return f"{numbers}  ({' → '.join(t.get(lang) for t in q.items)})"
    if isinstance(q, Numeric):
        assert item.value is not None
        return format_number(item.value) + (f"  ({item.work})" if item.work else "")
    if isinstance(q, Flashcard):
        return q.answer.get(lang)
    return ""  # pragma: no cover


# --- grading ----------------------------------------------------------------------------------------


def grade(item: Item, line: str, lang: str, glossary: Sequence[dict] = ()) -> Verdict:
    """Grade one answer line. `unreadable` means the line could not be read as an answer of this type."""
    q = item.question
    exp = expected(item, lang)
    given = line.strip()
    if given in SKIP:
        return Verdict("skipped", exp, given)
    handler = _GRADERS[q.type]
    status, note = handler(item, given, glossary)
    return Verdict(status, exp, given, note)


def _letters(given: str, n: int) -> list[int] | None:
    s = unicodedata.normalize("NFKC", given).casefold()
    tokens = [t for t in re.split(r"[\s,，、;；]+", s) if t]
    if len(tokens) == 1 and len(tokens[0]) > 1 and all(ch in LETTERS for ch in tokens[0]):
        tokens = list(tokens[0])  # "ac"
    out = []
    for t in tokens:
        t = t.rstrip(")）.")
        if len(t) != 1 or t not in LETTERS[:n]:
            return None
        out.append(LETTERS.index(t))
    return out


def picked_choices(item: Item, line: str) -> list[int]:
    """Indices into ``question.choices`` of the letters in an mcq/multi answer line ([] if unreadable)."""
    if not item.choice_order:
        return []
    picked = _letters(line, len(item.choice_order)) or []
    return [item.choice_order[p] for p in picked]


def _grade_mcq(item: Item, given: str, _g: Sequence[dict]) -> tuple[str, str]:
    q = item.question
    n = len(item.choice_order)
    picked = _letters(given, n)
    if picked is None or len(picked) != 1:
        return "unreadable", f"answer with one letter, a–{LETTERS[n - 1]}"
    choice = q.choices[item.choice_order[picked[0]]]  # type: ignore[attr-defined]
    return ("right", "") if choice.correct else ("wrong", "")


def _grade_multi(item: Item, given: str, _g: Sequence[dict]) -> tuple[str, str]:
    q = item.question
    n = len(item.choice_order)
    picked = _letters(given, n)
    if not picked:
        return "unreadable", f"answer with letters a–{LETTERS[n - 1]}, e.g. 'a,c' or 'a c'"
    right = {pos for pos, idx in enumerate(item.choice_order) if q.choices[idx].correct}  # type: ignore[attr-defined]
    return ("right", "") if set(picked) == right else ("wrong", "")


def _grade_truefalse(item: Item, given: str, _g: Sequence[dict]) -> tuple[str, str]:
    s = normalize(given) or given.strip()
    if s in TRUE_WORDS:
        value = True
    elif s in FALSE_WORDS:
        value = False
    else:
        return "unreadable", "answer t or f (also y/n, 对/错)"
    return ("right", "") if value == item.question.answer else ("wrong", "")  # type: ignore[attr-defined]


def _grade_typein(item: Item, given: str, glossary: Sequence[dict]) -> tuple[str, str]:
    q = item.question
    assert isinstance(q, TypeIn)
    accepted = expand([a for lst in q.accept.values() for a in lst], glossary)
    rejected = {normalize(r) for lst in q.reject.values() for r in lst}
    ok, note = match_text(given, accepted, rejected, q.fuzzy)
    return ("right" if ok else "wrong"), note


def _grade_cloze(item: Item, given: str, glossary: Sequence[dict]) -> tuple[str, str]:
    q = item.question
    assert isinstance(q, Cloze)
    names = item.blanks()
    parts = [p.strip() for p in re.split(r"[|｜]", given)]
    if len(parts) != len(names):
        return "unreadable", f"fill {len(names)} blank(s), separated by '|'"
    notes, all_ok = [], True
    for name, part in zip(names, parts, strict=True):
        accepted = [ans for lang in q.text.langs() for b, ans in cloze_answers(q, lang).items() if b == name]
        ok, note = match_text(part, expand(accepted + list(q.accept.get(name, ())), glossary), set(), q.fuzzy)
        all_ok &= ok
        if note:
            notes.append(f"{name}: {note}")
    return ("right" if all_ok else "wrong"), "; ".join(notes)


def _grade_order(item: Item, given: str, _g: Sequence[dict]) -> tuple[str, str]:
    n = len(item.item_order)
    tokens = [t for t in re.split(r"[\s,，、]+", unicodedata.normalize("NFKC", given)) if t]
    if len(tokens) == 1 and len(tokens[0]) == n and tokens[0].isdigit() and n < 10:
        tokens = list(tokens[0])  # "3124"
    try:
        numbers = [int(t) for t in tokens]
    except ValueError:
        return "unreadable", f"answer with the numbers 1–{n} in the correct order, e.g. '3 1 2'"
    if sorted(numbers) != list(range(1, n + 1)):
        return "unreadable", f"use each number 1–{n} once, e.g. '{' '.join(str(i) for i in range(n, 0, -1))}'"
    original = [item.item_order[k - 1] for k in numbers]
    return ("right", "") if original == list(range(n)) else ("wrong", "")


def parse_number(given: str) -> float | None:
    s = unicodedata.normalize("NFKC", given).translate(_MINUS).strip().replace(",", "").replace("_", "").replace(" ", "")
    try:
        return float(s)
    except ValueError:
        return None


def _grade_numeric(item: Item, given: str, _g: Sequence[dict]) -> tuple[str, str]:
    q = item.question
    assert isinstance(q, Numeric) and item.value is not None
    x = parse_number(given)
    if x is None:
        return "unreadable", "answer with a number"
    tol = max(q.tolerance, q.rel_tolerance * abs(item.value))
    return ("right", "") if abs(x - item.value) <= tol + 1e-12 * max(1.0, abs(item.value)) else ("wrong", "")


def _grade_flashcard(item: Item, given: str, _g: Sequence[dict]) -> tuple[str, str]:
    s = normalize(given) or given.strip()
    if s in TRUE_WORDS or s in {"1", "knew", "会"}:
        return "right", ""
    if s in FALSE_WORDS or s in {"0", "不会"}:
        return "wrong", ""
    return "unreadable", "did you know it? answer y or n"


_GRADERS = {
    "mcq": _grade_mcq,
    "multi": _grade_multi,
    "truefalse": _grade_truefalse,
    "typein": _grade_typein,
    "cloze": _grade_cloze,
    "order": _grade_order,
    "numeric": _grade_numeric,
    "flashcard": _grade_flashcard,
}
