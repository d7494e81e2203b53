"""Consoles: stdout for results, stderr for prompts and progress. NO_COLOR and pipes mean plain text."""

from __future__ import annotations

import os
import re
import sys
from functools import cache

from rich.console import Console

# Chinese has no spaces between words, and Rich wraps only at spaces: a long run of Chinese moved whole
# to the next line, leaving ragged half-empty lines. Let Rich break between any two CJK characters, with
# closing punctuation (，。、）」 …) kept on the line before, as Chinese typesetting does. Rich reads
# this pattern from rich._wrap at every wrap; if a future Rich drops it, wrapping is merely the old one.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_CLOSING = "、。，．：；！？）」』》〉】”’\uff09\uff0c\uff1a\uff1b\uff01\uff1f\uff0e"
CJK_WORD_PATTERN = rf"\s*(?:[{_CJK}][{_CLOSING}]*|[^\s{_CJK}]+[{_CLOSING}]*)\s*"


class _Words:
    """Rich's `re_word`: the CJK pattern for text that has a character of the CJK ranges (all of them from
    U+2E80 on), Rich's own for other text (where the two find the same words). Compiling the CJK pattern
    costs ~5 ms (sre walks its 40,000 characters), so it is compiled at the first such text, not at every
    start of rnnquiz. Rich asks once per word with the same text: the verdict is kept for the last text."""

    def __init__(self, plain_words: re.Pattern[str]) -> None:
        self.plain_words = plain_words
        self.cjk_words: re.Pattern[str] | None = None
        self.last: tuple[str, bool] = ("", False)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if self.last[0] is not text:
            self.last = (text, not text.isascii() and max(text) >= "\u2e80")
        if not self.last[1]:
            return self.plain_words.match(text, pos)
        if self.cjk_words is None:
            self.cjk_words = re.compile(CJK_WORD_PATTERN)
        return self.cjk_words.match(text, pos)


def _break_between_cjk_characters() -> None:
    import rich._wrap

    current = getattr(rich._wrap, "re_word", None)
    if isinstance(current, re.Pattern) and current.pattern == r"\s*\S+\s*":
        rich._wrap.re_word = _Words(current)


_break_between_cjk_characters()


def _plain() -> bool:
    return "NO_COLOR" in os.environ


# emoji=False: text is printed as written (a bank's ":fire:" stays ":fire:"), and Rich's 3,600-name emoji
# table (~2 ms to import) stays unloaded.
@cache
def out() -> Console:
    return Console(highlight=False, no_color=_plain(), soft_wrap=False, emoji=False)


@cache
def err() -> Console:
    return Console(stderr=True, highlight=False, no_color=_plain(), emoji=False)


def recording(like: Console) -> Console:
    """A console that records what is printed (for --svg), as wide and as coloured as `like`."""
    return Console(record=True, width=max(like.width, 60), no_color=like.no_color, highlight=False, emoji=False,
                   force_terminal=like.is_terminal or None)  # fmt: skip


def width() -> int:
    return out().width


def is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
