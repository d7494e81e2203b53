"""The grading corpus: answers written the way candidates type them, run through the real grader."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rnnquiz.bank import grade
from rnnquiz.bank.load import load_catalog

CORPORA = sorted(Path(__file__).parent.glob("corpus*.yaml"))  # corpus.yaml, corpus_round4.yaml, …
CASES = [c for f in CORPORA for c in yaml.safe_load(f.read_text(encoding="utf-8"))["cases"]]


@pytest.fixture(scope="module")
def cat():
    catalog = load_catalog(bundled=True)
    assert catalog.errors == []
    return catalog


def test_corpus_is_large_and_balanced() -> None:
    assert len(CASES) >= 150
    verdicts = [c["verdict"] for c in CASES]
    assert verdicts.count("right") >= 60 and verdicts.count("wrong") >= 60
    assert {c["lang"] for c in CASES} == {"en", "zh"}
    assert sum(c["lang"] == "zh" for c in CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']}:{c['lang']}:{c['answer']}" for c in CASES])
def test_corpus_case(cat, case) -> None:
    q = cat.questions[case["id"]]
    for seed in (0, 1):  # the verdict never depends on how the question was shown
        item = grade.prepare(q, seed)
        v = grade.grade(item, case["answer"], case["lang"], cat.glossary)
        assert v.status == case["verdict"], (case, v)
        if "unsure" in case:  # "not sure": a wrong verdict the candidate confirms (a gloss or reason the rules do not read)
            assert v.unsure == case["unsure"], (case, v)
