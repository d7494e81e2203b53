"""Review 12-A (content-k): no path of the grader returns right while a clause no rule reads is present.

Every accepted form of every bundled typein question, and every cloze answer, is typed with a clause after it
that says something no rule can check (a purpose after a bracket or a call, a comma clause, a bracketed gloss,
a Chinese effect clause). The answer must never be right: round 12 found `detach()，它会清零梯度` and
`ρ(W_hh) so that …` graded right because the tokenizer drops a purpose after `)`.
"""

from __future__ import annotations

import pytest

from rnnquiz.bank import grade
from rnnquiz.bank.load import load_catalog
from rnnquiz.bank.schema import Cloze, TypeIn

TAILS = (", so the model is purple", " so that the model is purple", ", which makes the model purple",
         " (the model is purple)", " to make the model purple", "，它会让模型变紫", "，使模型变紫", "（模型变紫）",
         "() so the model is purple")


@pytest.fixture(scope="module")
def cat():
    catalog = load_catalog(bundled=True)
    assert catalog.errors == []
    return catalog


def _answers(cat):
    for q in sorted(cat.questions.values(), key=lambda q: q.id):
        if isinstance(q, TypeIn):
            for lang in q.prompt.langs():
                forms = {*q.accept.get(lang, ())} | ({q.answer.get(lang)} if q.answer else set())
                for form in sorted(f for f in forms if f):
                    yield q, lang, [form], 0
        elif isinstance(q, Cloze):
            names = grade.prepare(q, 0).blanks()
            for lang in q.text.langs():
                shown = grade.cloze_answers(q, lang)
                for k in range(len(names)):
                    yield q, lang, [shown[n] for n in names], k


def test_an_unread_clause_is_never_right(cat) -> None:
    right = []
    for q, lang, parts, k in _answers(cat):
        item = grade.prepare(q, 0)
        for tail in TAILS:
            typed = list(parts)
            typed[k] = typed[k] + tail
            line = " | ".join(typed)
            if grade.grade(item, line, lang, cat.glossary).status == "right":
                right.append((q.id, lang, line))
    assert right == []


def test_the_plain_answers_stay_right(cat) -> None:
    """The twin: without the clause every one of those answers is right (the test above could not pass by
    grading everything wrong)."""
    wrong = []
    for q, lang, parts, _k in _answers(cat):
        item = grade.prepare(q, 0)
        if grade.grade(item, " | ".join(parts), lang, cat.glossary).status != "right":
            wrong.append((q.id, lang, parts))
    assert wrong == []
