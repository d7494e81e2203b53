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


MAX_ANSWER = 10_000  # characters of one answer line kept; the rest is read and dropped, with a warning


def _cut(line: str) -> str:
    if len(line) <= MAX_ANSWER:
        return line
    sys.stderr.write(f"rnnquiz: warning: the answer line has {len(line):,} characters; "
                     f"only the first {MAX_ANSWER:,} are kept\n")
    sys.stderr.flush()
    return line[:MAX_ANSWER]


def ask(text: str) -> str:
    """Show `text` on stderr and return one line of input without its newline, cut to MAX_ANSWER
    characters (a pasted file must not land whole in the store).

    Raises EOFError at end of input and KeyboardInterrupt on Ctrl-C.
    """
    if interactive():
        _line_editing()
        if sys.stdout.isatty():
            return _cut(input(text))
        # stdout is a file or a pipe (`--json`): the prompt must not land in it
        sys.stderr.write(text)
        sys.stderr.flush()
        return _cut(input())
    line = sys.stdin.readline(MAX_ANSWER + 1)
    if not line:
        raise EOFError
    if len(line) > MAX_ANSWER and not line.endswith("\n"):  # drop the rest of this line, a piece at a time
        total = len(line)
        while (more := sys.stdin.readline(1 << 16)) and not more.endswith("\n"):
            total += len(more)
        total += len(more.rstrip("\r\n"))
        sys.stderr.write(f"rnnquiz: warning: the answer line has {total:,} characters; "
                         f"only the first {MAX_ANSWER:,} are kept\n")
        sys.stderr.flush()
        return line[:MAX_ANSWER]
    return line.rstrip("\r\n")


ENTER = "\n"


def _cells(text: str) -> int:
    from rnnquiz.render.plain import cell_width

    return sum(cell_width(ch) for ch in text)


def fold(text: str, width: int | None = None) -> str:
    """A key prompt folded at spaces to the terminal's width: the terminal itself would cut it mid-word
    ("p / ress y or n" at 60 columns, newcomer round 5 #8). Chinese has no spaces: a run wider than the line
    is left for the terminal to break, which Chinese text allows anywhere."""
    if width is None:
        import shutil

        width = shutil.get_terminal_size((80, 24)).columns
    width = max(20, width - 1)  # the key is echoed after the prompt
    body = text.rstrip(" ")
    lines, cur = [], ""
    for word in body.split(" "):
        if cur and _cells(cur) + 1 + _cells(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    lines.append(cur)
    return "\n".join(lines) + text[len(body):]


def read_key(text: str) -> str:
    """Show `text` on stderr and return one key press, without waiting for Enter ("\n" for Enter).

    Only at a terminal; the key is echoed and the line ended, so the next output starts on a new line.
    Raises EOFError on Ctrl-D and KeyboardInterrupt on Ctrl-C (the terminal still sends SIGINT)."""
    import termios
    import tty

    sys.stderr.write(fold(text))
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
