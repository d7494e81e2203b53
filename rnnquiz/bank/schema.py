"""The bank schema as frozen dataclasses: one per question type, all sharing `Question`'s fields.

Field meanings are documented in content/README.md (and CONTRACTS.md). Objects keep the plain
``data`` dict they were built from, which is what `--json` and `export json` print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rnnquiz.i18n import LANGS  # one definition, in i18n.py

TYPES = ("flashcard", "mcq", "multi", "truefalse", "typein", "cloze", "order", "numeric", "explain")
FOLLOW_UP_AFTER = ("right", "wrong", "any")  # when a follow-up is asked: after a right answer, a miss, either


@dataclass(frozen=True)
class Text:
    """Text in one or both languages; `get` falls back to the other language."""

    en: str | None = None
    zh: str | None = None

    def get(self, lang: str) -> str:
        value = self.en if lang == "en" else self.zh
        if value is None:
            value = self.zh if lang == "en" else self.en
        return value or ""

    def langs(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGS if getattr(self, lang) is not None)

    def all(self) -> tuple[str, ...]:
        return tuple(v for v in (self.en, self.zh) if v is not None)


@dataclass(frozen=True)
class Choice:
    text: Text
    correct: bool
    why: Text | None = None


@dataclass(frozen=True)
class Generator:
    name: str
    params: dict[str, Any]  # name -> fixed value, or (lo, hi) inclusive integer range


@dataclass(frozen=True)
class FollowUp:
    id: str  # a question id (namespaced like the question's own for user banks)
    after: str = "any"  # one of FOLLOW_UP_AFTER
    line: int = field(default=0, compare=False)  # where it is written, for validate's messages
    column: int = field(default=0, compare=False)


def _lazy_data(self: Any, name: str) -> Any:
    """`data` of a Question or Bank read from the catalog cache (bank/cache.py), decoded on first use:
    a quiz or review never reads it, `show --json` and `export json` do."""
    source = self.__dict__.get("_data_from") if name == "data" else None
    if source is None:
        raise AttributeError(name)
    raw, key = source
    value = raw.get(self, key)
    object.__setattr__(self, "data", value)
    del self.__dict__["_data_from"]
    return value


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    topic: str
    claims: tuple[str, ...]
    prompt: Text
    explanation: Text
    difficulty: int = 2
    tags: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    proof: str | None = None
    misconception: Text | None = None
    fuzzy: bool = True
    source: str = ""  # file the question came from
    line: int = 0  # its line there
    bank: str = ""  # "" for bundled banks, the namespace for user banks
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    follow_up: tuple[FollowUp, ...] = ()  # questions an interviewer asks next (resolved at validate)

    __getattr__ = _lazy_data


@dataclass(frozen=True)
class Flashcard(Question):
    answer: Text = Text()


@dataclass(frozen=True)
class MCQ(Question):
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Multi(Question):
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class TrueFalse(Question):
    answer: bool = True


@dataclass(frozen=True)
class TypeIn(Question):
    accept: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> accepted answers
    reject: dict[str, tuple[str, ...]] = field(default_factory=dict)  # known wrong answers: never a near miss
    answer: Text | None = None  # the canonical answer to show; else the first accepted one
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # beside the answer: "true"/"false" -> patterns


@dataclass(frozen=True)
class Cloze(Question):
    text: Text = Text()  # with {{c1::answer}} / {{c1::answer::hint}} blanks
    accept: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "c1" -> extra accepted answers


@dataclass(frozen=True)
class Order(Question):
    items: tuple[Text, ...] = ()  # in the correct order


@dataclass(frozen=True)
class Numeric(Question):
    answer: float | None = None
    generator: Generator | None = None
    tolerance: float = 0.0
    rel_tolerance: float = 0.0
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "true"/"false" -> patterns (rnnquiz.bank.notes)


@dataclass(frozen=True)
class RubricPoint:
    """One key point of an explain question. `concepts`: each concept is a tuple of alternatives (terms or
    `a ~ b` patterns, any language); the point is covered when every concept is found, partly when some are."""

    point: Text
    concepts: tuple[tuple[str, ...], ...]
    required: bool = True
    contradicts: tuple[str, ...] = ()  # known wrong statements of this point (`a ~ b` within one clause)


@dataclass(frozen=True)
class Explain(Question):
    answer: Text = Text()  # the model answer
    rubric: tuple[RubricPoint, ...] = ()


CLASSES: dict[str, type[Question]] = {
    "flashcard": Flashcard,
    "mcq": MCQ,
    "multi": Multi,
    "truefalse": TrueFalse,
    "typein": TypeIn,
    "cloze": Cloze,
    "order": Order,
    "numeric": Numeric,
    "explain": Explain,
}


@dataclass(frozen=True)
class Bank:
    """One bank file."""

    path: str
    topic: str
    title: Text
    languages: tuple[str, ...]
    questions: tuple[Question, ...]
    namespace: str = ""  # user banks: the prefix of their ids ("mybank")
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    __getattr__ = _lazy_data


@dataclass(frozen=True)
class Claim:
    id: str
    title: Text
    prove: bool
    errata: bool
    nuance: bool = False
