"""Review 15-C: a right number with a true note is right on the generated instance the reviewers typed it for."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rnnquiz.bank import grade
from rnnquiz.bank.load import load_catalog

CASES = yaml.safe_load((Path(__file__).parent / "round15_C_instances.yaml").read_text(encoding="utf-8"))["cases"]


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
