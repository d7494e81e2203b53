"""What a terminal of a given size shows: the title and the step line always, nothing cut silently."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from rnnquiz.demo.trace import trace
from rnnquiz.render.demo import fitted


def _console(width: int, height: int) -> Console:
    return Console(file=io.StringIO(), width=width, height=height, force_terminal=True, color_system=None)


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn", "birnn", "bptt"])
@pytest.mark.parametrize("size", [(60, 24), (50, 20), (80, 24)])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_title_and_step_line_stay_on_screen(kind, size, lang):
    width, height = size
    tr = trace(kind, steps=16 if kind == "bptt" else 8)
    for i in (0, tr.length // 2, tr.length - 1):
        text = fitted(_console(width, height), tr, i, 0, lang, playing=False)
        lines = text.rstrip("\n").split("\n")
        assert len(lines) <= height, (kind, size, i)
        assert lines[0].startswith("rnnquiz demo") and kind in lines[0] + lines[1]  # the title, maybe wrapped
        step = f"step {tr.steps[i].t}" if lang == "en" else f"第 {tr.steps[i].t} 步"
        head = text[:text.index("Equations" if lang == "en" else "公式")]
        assert step in head, head
        cut = [line for line in lines if re.search(r"\S…(\s|$)", line)]  # a cell cut short by the table
        assert not cut, cut


def test_bptt_says_when_rows_are_above():
    tr = trace("bptt", steps=16)
    text = fitted(_console(80, 24), tr, 10, 0, "en", playing=False)
    assert "t=16" not in text and "(t = 16 … 10, 7 steps, are above: a taller terminal shows them)" in text
    assert "t=6" in text
