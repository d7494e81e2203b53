"""The independent review's own answers (tests/interview/review.yaml) get the verdicts they must: wrong
answers that swap roles, invert conditions or reverse history do not score Good; strong answers phrased
differently do."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rnnquiz.bank import explain as marking
from rnnquiz.bank.load import load_catalog

CASES = yaml.safe_load((Path(__file__).parent / "review.yaml").read_text(encoding="utf-8"))
CAT = load_catalog()


def verdict(case: dict) -> tuple[int, list[marking.Mark]]:
    marks = marking.mark(CAT.questions[case["id"]], case["answer"], CAT.glossary)
    return marking.rating([m.status for m in marks], [m.required for m in marks]), marks


@pytest.mark.parametrize("case", CASES, ids=[f"{c['item']}-{c['id']}-{c['lang']}-{c['expect']}-{i}" for i, c in enumerate(CASES)])
def test_review_answer_gets_its_verdict(case: dict) -> None:
    rating, marks = verdict(case)
    detail = f"rating {rating}: " + "; ".join(
        f"{i + 1}:{m.status} {m.matched}{' x ' + str(m.contradicted) if m.contradicted else ''}" for i, m in enumerate(marks))
    expect = case["expect"]
    if expect == "again":
        assert rating == 1, detail
    elif expect == "not-good":
        assert rating <= 2, detail
    else:
        assert rating >= 3, detail
    for n in case.get("contradicted", []):
        assert marks[n - 1].status == "contradicted" and marks[n - 1].contradicted, detail
    for n in case.get("not_covered", []):
        assert marks[n - 1].status != "covered", detail


def test_no_model_answer_contradicts_its_own_rubric() -> None:
    """The contradiction patterns are narrow enough that the model answers (both languages) never
    trip them."""
    from rnnquiz.bank.schema import Explain

    tripped = []
    for q in CAT.questions.values():
        if isinstance(q, Explain):
            for lang in ("en", "zh"):
                for m in marking.mark(q, q.answer.get(lang), CAT.glossary):
                    if m.status == "contradicted":
                        tripped.append((q.id, lang, m.point.point.get("en"), m.contradicted))
    assert not tripped, tripped
