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


def test_text_without_cjk_splits_into_the_same_words_without_compiling_the_cjk_pattern() -> None:
    """The CJK pattern costs ~5 ms to compile (benchmarks/quiz_first_question.py): an English session
    (· … ∂ θ included) never compiles it, and for text without CJK characters Rich's own pattern finds the very words the CJK one would."""
    import re
    import subprocess
    import sys

    import rich._wrap

    from rnnquiz.render.console import CJK_WORD_PATTERN

    cjk = re.compile(CJK_WORD_PATTERN)
    for text in ("  Which gate  keeps the cell?  ", "a\tb\nc", "x_{t-1} = W·h … ∂L/∂θ", "(−1, 1) 中文，字 ab", "ab（中）"):
        assert list(rich._wrap.words(text)) == [(m.start(), m.end(), m.group()) for m in cjk.finditer(text)]
    code = (
        "import io, rich._wrap, rnnquiz.render.console as c\n"
        "from rich.console import Console\n"
        "Console(file=io.StringIO(), width=20).print('the input gate · writes ∂L/∂θ … the cell state ' * 3)\n"
        "print(rich._wrap.re_word.cjk_words is None)\n"
        "Console(file=io.StringIO(), width=20).print('门表示的是比例，所以用 sigmoid。' * 3)\n"
        "print(rich._wrap.re_word.cjk_words is None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["True", "False"], out.stderr


def test_closing_punctuation_after_a_formula_stays_on_its_line() -> None:
    # newcomer run: "损失需要 O_t⏎。H_t" and "接近 1⏎，它就": a Latin token took no closing punctuation with it
    text = "隐藏状态依赖上一步，损失需要 O_t。H_t 同时进入两条路径；更新门接近 1，它就保留旧状态。"
    for width in range(10, 40):
        for line in lines_of(text, width)[1:]:
            assert line[0] not in "，。、；：！？）」", (width, line)


def test_the_rating_row_breaks_between_keys_never_inside_one() -> None:
    """Newcomer round 7: at 60 columns the Chinese rating row split a label from its interval (良好 | 10 分钟)."""
    from datetime import timedelta
    from types import SimpleNamespace

    from rnnquiz.i18n import t
    from rnnquiz.render.review import rating_keys
    from rnnquiz.study.scheduler import format_interval

    outcomes = {r: SimpleNamespace(interval=timedelta(minutes=m), capped=False) for r, m in ((1, 1), (2, 6), (3, 10), (4, 12960))}
    for lang in ("zh", "en"):
        for width in range(24, 90, 3):
            buf = io.StringIO()
            rating_keys(Console(file=buf, width=width, color_system=None), outcomes, (1, 2, 3, 4), 3, lang)
            lines = buf.getvalue().rstrip("\n").split("\n")
            for r, o in outcomes.items():
                item = f"{r}  {t(f'rating.{r}', lang)} {format_interval(o.interval, lang)}"
                assert sum(item in line for line in lines) == 1, (lang, width, item, lines)
            assert all(cell_len(line.rstrip()) <= width for line in lines), (lang, width, lines)
