"""Text that may reach a terminal, made harmless: one place that knows which characters are unsafe.

Bank text, file names, imported ids and error messages can hold control characters: ESC starts a
terminal escape sequence (ESC[2J clears the screen, OSC 52 writes the clipboard, OSC 8 makes links),
C1 bytes (0x80-0x9f) do the same on some terminals, and Unicode bidi overrides reorder what is shown.
The loader rejects them in banks (`find_unsafe`); whatever still reaches the screen goes through
`escape`, which writes each as a visible Python-style escape (``\\x1b``, ``\\u202e``). No Rich, no typer.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
# Invisible characters: the line and paragraph separators (U+2028/9: a line break no editor shows) and every
# format character (Unicode category Cf: zero-width space and joiners, U+FEFF inside text, soft hyphen, the
# tag characters U+E0000-E007F that smuggle hidden text). Chinese and Latin text needs none of them.
_INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028\u2029\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f"
    # Default_Ignorable_Code_Point characters that are not Cf: the combining grapheme joiner, the Hangul
    # fillers, Khmer inherent vowels, Mongolian and other variation selectors (U+FE00-FE0F, U+E0100-E01EF),
    # U+FFF0-FFF8; then private use (no font agrees on it), U+FFFC (the object replacement character) and
    # U+2800 (the blank Braille pattern, shown as a space).
    "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\ufff0-\ufff8\U000e0080-\U000e0fff"
    "\ue000-\uf8ff\U000f0000-\U0010ffff\ufffc\u2800"
)
# More than MAX_MARKS combining marks in a row stack into a block that covers the lines around it ("zalgo").
# The blocks of marks that stack: combining diacriticals (and their extended and supplement blocks), marks
# for symbols, half marks, Cyrillic, Hebrew and Arabic marks. Chinese and Latin text needs two at most.
MAX_MARKS = 4
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f"
    "\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
    "\ufe20-\ufe2f"
)
_STACK = f"[{_MARKS}]{{{MAX_MARKS + 1},}}"
# The patterns are compiled on first use (`_pattern`, and the module `__getattr__` for `from rnnquiz.textsafe
# import UNSAFE`): their big character classes cost ~2.5 ms to compile, and a quiz from the cached catalog
# reaches its first question without needing any of them.
_SOURCES = {
    "UNSAFE": f"[{_CONTROL}{_BIDI}{_INVISIBLE}]",
    # What a bank may not hold: the unsafe characters and runs of stacked marks.
    "_BANK_UNSAFE": f"[{_CONTROL}{_BIDI}{_INVISIBLE}]|{_STACK}",
    # In a raw bank file a carriage return is a line break (CRLF files): unsafe there is everything else.
    "RAW_UNSAFE": f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}]|{_STACK}",
    # For one-line output (an error message, a problem line) newline and tab are escaped too.
    "UNSAFE_LINE": f"[\t\n{_CONTROL}{_BIDI}{_INVISIBLE}]",
}
_compiled: dict[str, re.Pattern[str]] = {}


def _pattern(name: str) -> re.Pattern[str]:
    pattern = _compiled.get(name)
    if pattern is None:
        pattern = _compiled[name] = re.compile(_SOURCES[name])
    return pattern


def __getattr__(name: str) -> re.Pattern[str]:
    if name in _SOURCES:
        return _pattern(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_NAMES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _visible(ch: str) -> str:
    code = ord(ch)
    if ch in _NAMES:
        return _NAMES[ch]
    if code > 0xFFFF:
        return f"\\U{code:08x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape(text: str) -> str:
    """`text` with every unsafe character written as a visible escape; newline and tab kept."""
    unsafe = _pattern("UNSAFE")
    return unsafe.sub(lambda m: _visible(m.group()), text) if unsafe.search(text) else text


def escape_line(text: str) -> str:
    """`text` as one safe line: unsafe characters, newlines and tabs written as escapes."""
    unsafe = _pattern("UNSAFE_LINE")
    return unsafe.sub(lambda m: _visible(m.group()), text) if unsafe.search(text) else text


def json_safe(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with every unsafe character inside its strings
    written as a `\\uXXXX` escape: the same document, nothing raw for a terminal. (json already escapes C0;
    this adds DEL, C1, bidi and invisible characters.)"""
    import json

    unsafe = _pattern("UNSAFE")
    return unsafe.sub(lambda m: json.dumps(m.group()).strip('"'), text) if unsafe.search(text) else text


def find_unsafe(text: str) -> re.Match[str] | None:
    """The first character a bank may not hold (a control, invisible or bidi character), or None."""
    return _pattern("_BANK_UNSAFE").search(text)


def blank_raw_unsafe(text: str) -> str:
    """`text` with every raw unsafe character (and stacked mark run) replaced by as many spaces, so that
    positions in it stay those of the file."""
    return _pattern("RAW_UNSAFE").sub(lambda m: " " * len(m.group()), text)


def find_raw_unsafe(text: str) -> re.Match[str] | None:
    """The first character a raw bank file may not hold (as `find_unsafe`, a carriage return allowed), or None."""
    return _pattern("RAW_UNSAFE").search(text)


def describe(ch: str) -> str:
    """`U+001B (ESC)`-style name of an unsafe character (or of a run of stacked marks), for validation messages."""
    import unicodedata

    if len(ch) > 1:
        return f"a run of {len(ch)} combining marks (more than {MAX_MARKS} stack over the lines around them)"

    names = {0x1B: "ESC", 0x07: "BEL", 0x9B: "CSI", 0x9D: "OSC", 0x7F: "DEL", 0x0D: "carriage return", 0x00: "NUL"}
    kinds = {"Co": "private use character", "Cn": "unassigned character", "Cs": "surrogate"}
    name = names.get(ord(ch)) or unicodedata.name(ch, "") or kinds.get(unicodedata.category(ch), "control character")
    return f"U+{ord(ch):04X} ({name})"
