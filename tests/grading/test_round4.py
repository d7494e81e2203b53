"""Round-4 review items that the corpus (one answer line, one verdict, for any seed) cannot express: numbers
with a decimal comma or a percent sign, and order answers written with - or → between the numbers."""

from __future__ import annotations

import pytest

from rnnquiz.bank import grade
from rnnquiz.bank.load import load_catalog


@pytest.fixture(scope="module")
def cat():
    catalog = load_catalog(bundled=True)
    assert catalog.errors == []
    return catalog


@pytest.mark.parametrize(("qid", "answer", "status"), [
    ("gru-update-numeric", "0,35", "right"),  # a decimal comma after 0 (a thousands group never starts with 0)
    ("gru-update-numeric", "0.35", "right"),
    ("gru-update-numeric", "35", "wrong"),  # was what 0,35 read as
    ("gru-update-numeric", "35%", "right"),
    ("gru-update-numeric", "3,5", "unreadable"),  # neither a decimal after 0 nor groups of three
    ("gru-update-numeric", "0,36", "wrong"),
    ("lstm-forget-bias-sigma-one", "73.1%", "right"),
    ("lstm-forget-bias-sigma-one", "7.31%", "wrong"),
    ("lstm-gru-param-ratio", "75%", "right"),
    ("lstm-gru-param-ratio", "75 %", "right"),
    ("lstm-gru-param-ratio", "7.5%", "wrong"),
])
def test_numbers_with_a_comma_or_percent(cat, qid, answer, status) -> None:
    item = grade.prepare(cat.questions[qid], 0)
    assert grade.grade(item, answer, "en", cat.glossary).status == status


def test_thousands_separators_still_read(cat) -> None:
    q = cat.questions["gru-update-numeric"]
    assert grade._numeric_forms("1,000") == ["1,000"] and grade.parse_number("1,000") == 1000
    assert grade.grade(grade.prepare(q, 0), "1,000", "en", cat.glossary).status == "wrong"


@pytest.mark.parametrize("sep", [" ", "-", "→", " -> ", " → ", ">"])
def test_order_separators(cat, sep) -> None:
    q = cat.questions["lstm-step-order"]
    for seed in range(3):
        item = grade.prepare(q, seed)
        right = [item.item_order.index(i) + 1 for i in range(len(q.items))]
        assert grade.grade(item, sep.join(map(str, right)), "en", cat.glossary).status == "right"
        wrong = right[1:] + right[:1]
        assert grade.grade(item, sep.join(map(str, wrong)), "zh", cat.glossary).status == "wrong"
