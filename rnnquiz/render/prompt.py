"""Input for the answer loop: a line (`ask`) or, at a terminal, one key press (`read_key`).

In a terminal the prompt is given to `input()`, so readline knows the cursor column (editing a line never
eats the prompt, and the next output starts on a new line); from a pipe a line is read with `readline()`,
no prompt is written (a script needs none), and end of input is EOFError. Ctrl-C arrives as
KeyboardInterrupt; the driver decides what it means.
"""

from __future__ import annotations

import os
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
        if sys.stdout.isatty():
            return input(text)
        # stdout is a file or a pipe (`--json`): the prompt must not land in it
        sys.stderr.write(text)
        sys.stderr.flush()
        return input()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


ENTER = "\n"


def read_key(text: str) -> str:
    """Show `text` on stderr and return one key press, without waiting for Enter ("\n" for Enter).

    Only at a terminal; the key is echoed and the line ended, so the next output starts on a new line.
    Raises EOFError on Ctrl-D and KeyboardInterrupt on Ctrl-C (the terminal still sends SIGINT)."""
    import termios
    import tty

    sys.stderr.write(text)
    sys.stderr.flush()
    fd = sys.stdin.fileno()
    try:
        old = termios.tcgetattr(fd)
    except termios.error:  # not a real terminal after all: read a line
        line = sys.stdin.readline()
        if not line:
            raise EOFError from None
        return line.rstrip("\r\n")[:1] or ENTER
    try:
        tty.setcbreak(fd)
        raw = os.read(fd, 8)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)
    key = raw.decode("utf-8", errors="replace")[:1] if raw else "\x04"
    if key == "\x04":
        sys.stderr.write("\n")
        raise EOFError
    if key in ("\r", "\n"):
        key = ENTER
    shown = "" if key == ENTER or not key.isprintable() else key
    sys.stderr.write(shown + "\n")
    sys.stderr.flush()
    return key if raw[:1] != b"\x1b" else "\x1b"
