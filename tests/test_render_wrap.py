"""Chinese text wraps between characters (Rich alone wraps only at spaces), English still at spaces."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

import rnnquiz.render.console  # noqa: F401  (installs the CJK-aware wrapping)

ZH = "解析: tanh 把候选内容限制在 (−1, 1) 且以 0 为中心，这样一次写入既能增大也能减小记忆细胞中的元素。相比之下，门表示的是比例，所以用 sigmoid。"


def lines_of(text: str, width: int) -> list[str]:
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None).print(Text(text))
    return buf.getvalue().rstrip("\n").split("\n")


def test_chinese_lines_are_filled_and_never_start_with_closing_punctuation() -> None:
    lines = lines_of(ZH, 40)
    assert "".join(line.rstrip() for line in lines).replace(" ", "") == ZH.replace(" ", "")
    for line in lines[:-1]:
        assert cell_len(line.rstrip()) >= 36, lines  # no ragged half-empty lines
    for line in lines[1:]:
        assert line[0] not in "，。、；：！？）」", lines


def test_english_still_wraps_at_spaces() -> None:
    text = "Gradient clipping rescales the whole gradient when its norm exceeds the threshold."
    lines = lines_of(text, 30)
    assert all(w in text.split() for line in lines for w in line.split())
