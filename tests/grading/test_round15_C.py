"""A right number with a note, on the generated instance the reviewers typed it for (seed 0): review 15-C's true
notes (round15_C_instances.yaml), review 18's true and false ones (round18_instances.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rnnquiz.bank import grade
from rnnquiz.bank.load import load_catalog

CASES = [c for f in sorted(Path(__file__).parent.glob("round*_instances.yaml"))
         for c in yaml.safe_load(f.read_text(encoding="utf-8"))["cases"]]


@pytest.fixture(scope="module")
def cat():
    catalog = load_catalog(bundled=True)
    assert catalog.errors == []
    return catalog


@pytest.mark.parametrize("case", CASES, ids=[f"{c['id']}:{c['lang']}:{c['answer']}" for c in CASES])
def test_instance_case(cat, case) -> None:
    item = grade.prepare(cat.questions[case["id"]], 0)
    v = grade.grade(item, case["answer"], case["lang"], cat.glossary)
    assert v.status == case["verdict"], (case, v)
    if "unsure" in case:
        assert v.unsure == case["unsure"], (case, v)
