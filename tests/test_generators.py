"""Numeric-question generators: formulas by hand here; against the NumPy models in test_content.py."""

from __future__ import annotations

import pytest

from rnnquiz.bank import generators as g


@pytest.mark.parametrize("cell,gates", [("rnn", 1), ("gru", 3), ("lstm", 4)])
def test_param_count_single_and_double(cell: str, gates: int) -> None:
    d, h = 10, 20
    single, _ = g.param_count(cell, d, h, "single")
    double, work = g.param_count(cell, d, h, "double")
    assert single == gates * (h * d + h * h + h)
    assert double == gates * (h * d + h * h + 2 * h)
    assert work.endswith(f"= {double}")


def test_gru_lstm_ratio_is_three_quarters_like_with_like() -> None:
    for bias in ("single", "double"):
        gru, _ = g.param_count("gru", 7, 13, bias)
        lstm, _ = g.param_count("lstm", 7, 13, bias)
        assert gru * 4 == lstm * 3


def test_stacked_bidirectional_with_output() -> None:
    d, h, q = 5, 8, 3
    n, _ = g.param_count("lstm", d, h, "double", layers=2, bidirectional=True, q=q)
    layer1 = 2 * 4 * (h * d + h * h + 2 * h)
    layer2 = 2 * 4 * (h * 2 * h + h * h + 2 * h)
    assert n == layer1 + layer2 + 2 * h * q + q


def test_output_dims() -> None:
    assert g.output_dim("output", 2, T=7, B=3, h=5, bidirectional=True)[0] == 10
    assert g.output_dim("h_n", 0, T=7, B=3, h=5, layers=2, bidirectional=True)[0] == 4
    assert g.output_dim("c_n", 2, T=7, B=3, h=5)[0] == 5


@pytest.mark.parametrize("pattern,steps", [("one-to-one", 1), ("one-to-many", 9), ("many-to-one", 1),
                                           ("many-to-many", 6), ("seq2seq", 9)])
def test_pattern_dim(pattern: str, steps: int) -> None:
    assert g.pattern_dim(pattern, 0, T=6, T_out=9, B=2, q=4)[0] == steps
    assert g.pattern_dim(pattern, 2, T=6, T_out=9, B=2, q=4)[0] == 4


def test_bad_parameters_are_value_errors() -> None:
    with pytest.raises(ValueError):
        g.param_count("transformer", 1, 1)
    with pytest.raises(ValueError):
        g.param_count("rnn", 0, 1)
    with pytest.raises(ValueError):
        g.output_dim("output", 3, T=1, B=1, h=1)


def test_no_draw_grades_a_misconception_right() -> None:
    """Over many seeds, a drawn answer never equals a shown parameter it is not: answering T for a seq2seq
    decoder (T_out), B for output.size(0) (T) or T for h_n.size(0) (layers·2) is always wrong."""
    from rnnquiz.bank import grade
    from rnnquiz.bank.load import load_catalog
    from rnnquiz.bank.schema import Numeric

    cat = load_catalog(bundled=True)
    misconception = {"rnn-pattern-seq2seq": "T", "training-padded-output-length": "B", "birnn-hn-first-dim": "T"}
    numeric = [q for q in cat.questions.values() if isinstance(q, Numeric) and q.generator is not None]
    assert {q.id for q in numeric} >= misconception.keys()
    for q in numeric:
        ranged = [k for k, v in q.generator.params.items() if isinstance(v, tuple)]
        for seed in range(1500):
            item = grade.prepare(q, seed)
            assert not g.collides(q.generator.name, q.generator.params, item.params, int(item.value)), (q.id, seed)
            if q.id in misconception:
                wrong = str(item.params[misconception[q.id]])
                assert grade.grade(item, wrong, "en").status == "wrong", (q.id, seed, item.params)
            if item.params.get("what") in ("h_n", "c_n") and item.params.get("bidirectional"):
                wrong = str(item.params["layers"] + 2)  # layers + directions (review 129: equal to the key at 2 layers)
                assert grade.grade(item, wrong, "en").status == "wrong", (q.id, seed, item.params)
        assert ranged, q.id


def test_collides_finds_the_reported_draws() -> None:
    """The review's collisions (seq2seq with T = T_out = 11; padded output with T = B) are detected, and the
    answer-is-the-parameter case (size(0) = T) is not a collision."""
    spec = {"pattern": "seq2seq", "dim": 0, "T": (8, 30), "T_out": (5, 35), "B": (2, 32), "q": (1000, 8000)}
    params = {"pattern": "seq2seq", "dim": 0, "T": 11, "T_out": 11, "B": 4, "q": 2000}
    assert g.collides("pattern_dim", spec, params, 11)
    assert not g.collides("pattern_dim", spec, dict(params, T=12), 11)
    spec2 = {"what": "output", "dim": 0, "T": (10, 60), "B": (2, 32), "h": (8, 64), "layers": 1, "bidirectional": False}
    p2 = {"what": "output", "dim": 0, "T": 20, "B": 20, "h": 9, "layers": 1, "bidirectional": False}
    assert g.collides("output_dim", spec2, p2, 20)
    assert not g.collides("output_dim", spec2, dict(p2, B=3), 20)
