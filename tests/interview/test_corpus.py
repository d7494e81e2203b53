"""Every explain question marks a strong, a partial and a wrong candidate answer, in both languages, as
expected (tests/interview/corpus.yaml): the rubric's concepts are checked against how people answer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rnnquiz.bank import explain as marking
from rnnquiz.bank.load import load_catalog
from rnnquiz.bank.schema import Explain

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus.yaml").read_text(encoding="utf-8"))
CAT = load_catalog()
EXPLAIN = {qid: q for qid, q in CAT.questions.items() if isinstance(q, Explain)}
CASES = [(qid, lang, kind) for qid in CORPUS for lang in ("en", "zh") for kind in ("strong", "partial", "wrong")]


def test_corpus_covers_every_explain_question() -> None:
    assert sorted(CORPUS) == sorted(EXPLAIN)
    for qid, by_lang in CORPUS.items():
        for lang in ("en", "zh"):
            assert {"strong", "partial", "wrong"} <= set(by_lang[lang]), (qid, lang)


def test_corpus_answers_are_not_the_model_answer() -> None:
    """Written in the candidate's voice: no answer repeats a sentence of the model answer."""
    for qid, by_lang in CORPUS.items():
        q = EXPLAIN[qid]
        for lang in ("en", "zh"):
            model = marking.sentences_of(q.answer.get(lang))
            for kind in ("strong", "partial", "wrong"):
                given = set(marking.sentences_of(by_lang[lang][kind]))
                copied = [s for s in model if s in given and len(s) > 20]
                assert not copied, (qid, lang, kind, copied)


def describe(marks: list[marking.Mark]) -> str:
    return "".join("x" if m.status == "contradicted" else m.status[0] for m in marks) + " (" + "".join("R" if m.required else "o" for m in marks) + ")"


@pytest.mark.parametrize(("qid", "lang", "kind"), CASES, ids=[f"{q}-{lang}-{k}" for q, lang, k in CASES])
def test_answer_is_marked_as_expected(qid: str, lang: str, kind: str) -> None:
    q = EXPLAIN[qid]
    entry = CORPUS[qid][lang]
    marks = marking.mark(q, entry[kind], CAT.glossary)
    statuses = [m.status for m in marks]
    rating = marking.rating(statuses, [m.required for m in marks])
    required = [m for m in marks if m.required]
    detail = f"{qid} {lang} {kind}: {describe(marks)} rating {rating}; " + "; ".join(
        f"{i + 1}:{m.matched or ''}{' neg ' + str(m.negated) if m.negated else ''}" for i, m in enumerate(marks)
    )
    if kind == "strong":
        assert rating >= 3, detail
    elif kind == "partial":
        assert rating <= 2, detail
        assert any(m.status != "missing" for m in required), detail
    else:
        assert rating == 1, detail
        assert 2 * sum(m.status == "covered" for m in required) < len(required), detail


MORE = [(qid, lang, i) for qid in CORPUS for lang in ("en", "zh") for i, _ in enumerate(CORPUS[qid][lang].get("more") or [])]


@pytest.mark.parametrize(("qid", "lang", "i"), MORE, ids=[f"{q}-{lang}-more{i}" for q, lang, i in MORE])
def test_more_answers_get_their_marks(qid: str, lang: str, i: int) -> None:
    """The reviews' answers (`more:`): the rating they must get, and the marks of the points they name."""
    case = CORPUS[qid][lang]["more"][i]
    marks = marking.mark(EXPLAIN[qid], case["answer"], CAT.glossary)
    rating = marking.rating([m.status for m in marks], [m.required for m in marks])
    detail = f"{qid} {lang} more[{i}]: {describe(marks)} rating {rating}; " + "; ".join(
        f"{n + 1}:{m.matched or ''}{' neg ' + str(m.negated) if m.negated else ''}{' x ' + str(m.contradicted) if m.contradicted else ''}"
        for n, m in enumerate(marks))
    low, high = case["rating"] if isinstance(case["rating"], list) else (case["rating"], case["rating"])
    assert low <= rating <= high, detail
    want = case.get("marks", "")
    assert len(want) in (0, len(marks)), detail
    for w, m in zip(want, marks, strict=False):
        got = "x" if m.status == "contradicted" else m.status[0]
        assert w == "." or (w == "-" and got != "c") or w == got, detail
