"""Line input for the study loops: the prompt on stderr, the answer from stdin.

In a terminal the line is read with `input()` (readline editing when available); from a pipe it is
read with `readline()`, no prompt is written (a script needs none), and end of input is EOFError.
Ctrl-C arrives as KeyboardInterrupt; the session loops decide what it means.
"""

from __future__ import annotations

import sys

_editing = False


def _line_editing() -> None:
    """Arrow keys and history in `input()`: importing readline is enough (once, and only in a terminal)."""
    global _editing
    if not _editing:
        _editing = True
        try:
            import readline  # noqa: F401
        except ImportError:  # pragma: no cover - Windows without pyreadline
            pass


def interactive() -> bool:
    """True when answers come from a person at a terminal (re-ask unreadable answers, offer keys)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def ask(text: str) -> str:
    """Show `text` on stderr and return one line of input without its newline.

    Raises EOFError at end of input and KeyboardInterrupt on Ctrl-C.
    """
    if interactive():
        _line_editing()
        sys.stderr.write(text)
        sys.stderr.flush()
        return input()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")
