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
