"""Bank text → Anki field HTML: escape `<`, `>`, `&`, keep formulas Unicode in a monospace span.

Bank text has no markup; formulas are written inline (`C_t = F_t ⊙ C_{t-1}`) or in backticks. A run of
whitespace-separated tokens holding a math mark (`_ ^ ⊙ σ ∂ ×` …) joined by operators is one formula.
"""

from __future__ import annotations

import html
import re

FORMULA_OPEN = '<span class="formula" style="font-family: monospace">'
FORMULA_CLOSE = "</span>"

# A cloze blank stands in the text as a two-character placeholder while formulas are found: a math mark
# (its answer is a formula), an operand (`tanh`, `2h`) or a word (`concatenation`), then the blank's number.
_HOLE_MATH, _HOLE_OPERAND, _HOLE_WORD = "\ue000", "\ue001", "\ue002"
_HOLE = re.compile("[\ue000-\ue002]([\ue100-\uefff])")
_MATH = re.compile(r"[_^⊙⊗∘∂∑∏∇≈≤≥×·√∞σ\u0303\ue000]")
_OPS = {"=", "+", "−", "-", "*", "/", "⊙", "→", "≈", "·", "×", "<", ">", "≤", "≥", "∘"}
_TRAIL = ".,:;!?"
# CJK ideographs and full-width punctuation never belong to a formula: split around them.
_CJK = re.compile(r"([\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+)")
_TICKS = re.compile(r"`([^`]+)`")
_PROSE = re.compile(r"[A-Za-z]{3,}")  # a plain word: a bracketed group holding one is prose ("(see W_hh)")
_CALL = re.compile(r"[\w.^]+[(\[]")  # a name right before the bracket: a call or an index
_OPERAND = re.compile(r"[\w()\[\]{}'′\ue001\ue100-\uefff]{1,4}|[\d.]+")


def _kind(core: str) -> str:
    if core in _OPS:
        return "op"
    if _MATH.search(core) or (core[:1] in "([" and core[-1:] in ")]" and ", " in core):  # or a tuple (T, B, 4H)
        return "math"
    return "operand" if _OPERAND.fullmatch(core) else "word"


def _depth(token: str) -> int:
    return sum(token.count(c) for c in "([{") - sum(token.count(c) for c in ")]}")


def _group_brackets(tokens: list[str], reach: int = 8) -> list[str]:
    """Join the words of one bracketed group of symbols (`(layers·D, B, h)`) into one token, so a shape tuple
    is one formula and not split at its commas. A group with a plain word in it is prose and stays apart;
    a bracket left open for more than `reach` words is left alone."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        depth = _depth(tokens[i]) if i % 2 == 0 else 0
        j = i
        while depth > 0 and j + 2 < len(tokens) and (j - i) // 2 < reach:
            j += 2
            depth += _depth(tokens[j])
        inner = [tokens[k].rstrip(_TRAIL).strip("()[]{}").rstrip(_TRAIL) for k in range(i, j + 1, 2)]
        call = _CALL.match(tokens[i]) is not None  # pack_padded_sequence(x, lengths, …): arguments, not prose
        if j > i and depth <= 0 and (call or not any(_PROSE.fullmatch(w) for w in inner)):
            out.append("".join(tokens[i : j + 1]))
            i = j + 1
        else:
            out.append(tokens[i])
            i += 1
    return out


def _split_formulas(chunk: str) -> list[tuple[bool, str]]:
    """(is_formula, text) parts of a chunk without CJK characters.

    A formula starts at a token with a math mark and takes in `op operand` pairs and further math tokens,
    until a token ends in punctuation (`C_t = F_t ⊙ C_{t-1}:` stops before the colon).
    """
    tokens = _group_brackets(re.split(r"(\s+)", chunk))  # words at even indexes, whitespace at odd ones
    parts: list[tuple[bool, str]] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        core = tok.rstrip(_TRAIL)
        if i % 2 == 0 and core and _kind(core) == "math":
            j = i
            while core == tokens[j] and j + 2 < len(tokens):
                nxt = tokens[j + 2].rstrip(_TRAIL)
                after = tokens[j + 4].rstrip(_TRAIL) if j + 4 < len(tokens) else ""
                if _kind(nxt) == "math" and nxt:
                    j += 2
                elif _kind(nxt) == "op" and after and _kind(after) in ("math", "operand"):
                    j += 4
                else:
                    break
                core = tokens[j].rstrip(_TRAIL)
            formula, rest = "".join(tokens[i:j]) + core, tokens[j][len(core) :]
            while _depth(formula) < 0 and formula[-1] in ")]}":  # the prose's closing bracket: "(… b_q)."
                formula, rest = formula[:-1], formula[-1] + rest
            while _depth(formula) > 0 and formula[0] in "([{":  # and its opening one: "(H_{t+1} depends on"
                parts.append((False, formula[0]))
                formula = formula[1:]
            parts.append((True, formula))
            if rest:
                parts.append((False, rest))
            i = j + 1
        else:
            parts.append((False, tok))
            i += 1
    return parts


def _plain(text: str) -> str:
    out = []
    for chunk in _CJK.split(text):
        if _CJK.fullmatch(chunk or " "):
            out.append(html.escape(chunk, quote=False))
            continue
        for formula, part in _split_formulas(chunk):
            escaped = html.escape(part, quote=False)
            out.append(f"{FORMULA_OPEN}{escaped}{FORMULA_CLOSE}" if formula else escaped)
    return "".join(out)


def to_html(text: str) -> str:
    """One piece of bank text as Anki field HTML (newlines become <br>)."""
    text = _LINE_BREAK.sub("\n", text)
    out = []
    pos = 0
    for m in _TICKS.finditer(text):
        out.append(_plain(text[pos : m.start()]))
        out.append(f"{FORMULA_OPEN}{html.escape(m.group(1), quote=False)}{FORMULA_CLOSE}")
        pos = m.end()
    out.append(_plain(text[pos:]))
    return no_template("".join(out).replace("\n", "<br>"))


def no_template(html_text: str) -> str:
    """`{{`/`}}` written in bank text as entities: Anki must see no cloze blank (`{{c1::`) or field reference
    in it. The entities show as the same braces."""
    return html_text.replace("{{", "&#123;&#123;").replace("}}", "&#125;&#125;")


def cloze_to_html(text: str) -> str:
    """Cloze text as HTML: everything escaped, the `{{c1::answer::hint}}` markers kept for Anki.

    The formulas are found in the whole text with each blank standing in as a placeholder of its answer's
    kind, so a formula around a blank (`H_t = {{c1::O_t}} ⊙ tanh(C_t)`) is one span with the blank in it."""
    from rnnquiz.bank.load import CLOZE_BLANK

    blanks: list[str] = []

    def hole(m: re.Match[str]) -> str:
        answer, hint = m.group(2), m.group(3)
        core = answer.strip().rstrip(_TRAIL)
        kind = _kind(core) if core and not _CJK.search(core) else "word"
        mark = {"math": _HOLE_MATH, "operand": _HOLE_OPERAND}.get(kind, _HOLE_WORD)
        # in a formula the answer is plain escaped text (the formula's span holds it); a word blank is prose
        inner = no_template(html.escape(answer, quote=False)) if mark != _HOLE_WORD else to_html(answer)
        inner += f"::{to_html(hint)}" if hint else ""
        if inner.endswith("}"):  # Anki would close the blank at the first }} of "}}}"
            inner += " "
        blanks.append("{{" + m.group(1) + "::" + inner + "}}")
        return mark + chr(0xE100 + len(blanks) - 1)

    body = to_html(CLOZE_BLANK.sub(hole, _HOLE.sub("", text)))
    return _HOLE.sub(lambda m: blanks[ord(m.group(1)) - 0xE100], body)


# Line breaks of every kind (\r\n, lone \r, \v, \f, NEL, U+2028/2029) are one: Anki's CSV reader ends a row at a lone \r
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# every other C0 or C1 control character, DEL and the placeholders above: no meaning in a field, and \x1f
# separates the fields of an .apkg note
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ue000-\ue002\ue100-\uefff]")
# Anki's media and reviewer syntax: `[sound:…]` plays, `[anki:tts …]` speaks, `[[type:…]]` becomes an answer box
_MEDIA = re.compile(r"\[(?=\[|sound:|/?anki:)", re.IGNORECASE)


def anki_field(field_html: str) -> str:
    """A field as Anki must get it: line breaks as <br>, a tab as a space, no other control character, and
    Anki's `[sound:` / `[anki:` / `[[type:` syntax as text (its `[` as an entity, shown the same)."""
    text = _LINE_BREAK.sub("<br>", field_html).replace("\t", " ")
    return _MEDIA.sub("&#91;", _CONTROL.sub("", text))


def anki_text(text: str) -> str:
    """A value Anki takes as plain text (a tag, a note type or deck name): no control character."""
    return _CONTROL.sub("", _LINE_BREAK.sub(" ", text))


def mono(text: str) -> str:
    """Text that is code as a whole (a command line)."""
    return f"{FORMULA_OPEN}{html.escape(text, quote=False)}{FORMULA_CLOSE}"
