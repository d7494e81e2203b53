"""Round 9 (content-h): numbers written as a candidate works them out, read by the real parser."""

from __future__ import annotations

import pytest

from rnnquiz.bank.grade import parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("2*2", 4.0), ("2×14", 28.0), ("2+2", 4.0), ("four", 4.0), ("nine", 9.0), ("3:4", 0.75), ("三比四", 0.75),
    ("3*(73*50+73*73+2*73)", 27375.0), ("3 × (73×50 + 73×73 + 2×73)", 27375.0), ("0.9*0.5 + 0.1*(-1)", 0.35),
    ("0.45-0.1", 0.35), ("0.5*(1-0.5)", 0.25), ("27375 (3 blocks)", 27375.0), ("28 (2 directions)", 28.0),
    ("0.731 per step", 0.731), ("0.731（每步）", 0.731), ("0.25，在x=0处", 0.25),
])
def test_worked_numbers_are_read(text: str, value: float) -> None:
    x = parse_number(text)
    assert x is not None and abs(x - value) < 1e-9, (text, x)


@pytest.mark.parametrize("text", ["2-4", "3 to 4", "0.75 (2/3)", "0.25 (1/3)", "1/0", "(1+", "2h", "__import__('os')",
                                  "0.35 or 0.55", "7.39 (or 20)", "28 (not 14)"])
def test_ranges_hedges_and_code_are_not_numbers(text: str) -> None:
    assert parse_number(text) is None, text


@pytest.mark.parametrize(("text", "tokens"), [
    ("so that", ("so", "that")), ("what to keep", ("what", "to", "keep")), ("chat", ("chat",)),
    ("C-hat", ("c~",)), ("C tilde", ("c~",)), ("Ctilde", ("c~",)), ("c_hat_t", ("c~_t",)),
])
def test_hat_is_a_tilde_only_as_a_word_of_its_own(text: str, tokens: tuple[str, ...]) -> None:
    """`what` and `that` are words, not w̃ and t̃ (the grader had read "decides what to keep" as a symbol)."""
    from rnnquiz.bank.grade import answer_tokens

    assert answer_tokens(text) == tokens
