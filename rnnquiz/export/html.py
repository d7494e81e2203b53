"""Bank text → Anki field HTML: escape `<`, `>`, `&`, keep formulas Unicode in a monospace span.

Bank text has no markup; formulas are written inline (`C_t = F_t ⊙ C_{t-1}`) or in backticks. A run of
whitespace-separated tokens holding a math mark (`_ ^ ⊙ σ ∂ ×` …) joined by operators is one formula.
"""

from __future__ import annotations

import html
import re

FORMULA_OPEN = '<span class="formula" style="font-family: monospace">'
FORMULA_CLOSE = "</span>"

_MATH = re.compile(r"[_^⊙⊗∘∂∑∏∇≈≤≥×·√∞σ\u0303]")
_OPS = {"=", "+", "−", "-", "*", "/", "⊙", "→", "≈", "·", "×", "<", ">", "≤", "≥", "∘"}
_TRAIL = ".,:;!?"
# CJK ideographs and full-width punctuation never belong to a formula: split around them.
_CJK = re.compile(r"([\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+)")
_TICKS = re.compile(r"`([^`]+)`")
_PROSE = re.compile(r"[A-Za-z]{3,}")  # a plain word: a bracketed group holding one is prose ("(see W_hh)")
_CALL = re.compile(r"[\w.^]+[(\[]")  # a name right before the bracket: a call or an index
_OPERAND = re.compile(r"[\w()\[\]{}'′]{1,4}|[\d.]+")


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
    """Cloze text as HTML: everything escaped, the `{{c1::answer::hint}}` markers kept for Anki."""
    from rnnquiz.bank.load import CLOZE_BLANK

    out = []
    pos = 0
    for m in CLOZE_BLANK.finditer(text):
        out.append(to_html(text[pos : m.start()]))
        inner = to_html(m.group(2)) + (f"::{to_html(m.group(3))}" if m.group(3) else "")
        if inner.endswith("}"):  # Anki would close the blank at the first }} of "}}}"
            inner += " "
        out.append("{{" + m.group(1) + "::" + inner + "}}")
        pos = m.end()
    out.append(to_html(text[pos:]))
    return "".join(out)


def mono(text: str) -> str:
    """Text that is code as a whole (a command line)."""
    return f"{FORMULA_OPEN}{html.escape(text, quote=False)}{FORMULA_CLOSE}"
