"""The starter file of a drill: signature, shapes, notation and the task in the session's language."""

from __future__ import annotations

import re

from rnnquiz.drills.catalog import Drill
from rnnquiz.i18n import t

_TOKEN = re.compile(r"[\u2e80-\u9fff\uff00-\uffef][、。，：；！？）」]*|[^\s\u2e80-\u9fff\uff00-\uffef]+[、。，：；！？）」]*|\s+")


def _width(text: str) -> int:
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in text)


def _wrap(text: str, width: int = 96, indent: str = "") -> list[str]:
    """Greedy wrap by display width, breaking at spaces or between Chinese characters, never inside a
    Latin word or a formula such as forward(Xc, h)."""
    lines, cur = [], indent
    for tok in _TOKEN.findall(text):
        if tok.isspace():
            if cur.strip():
                cur += " "
            continue
        if cur.strip() and _width(cur.rstrip()) + _width(tok) > width:
            lines.append(cur.rstrip())
            cur = indent
        cur += tok
    lines.append(cur.rstrip())
    return lines


def _join(label: str, text: str) -> str:
    return label + text if label.endswith("：") else f"{label} {text}"


def starter_text(drill: Drill, lang: str) -> str:
    """The file ``rnnquiz drill start`` writes: it runs (raising NotImplementedError) until filled in."""
    lines = [f'"""rnnquiz drill {drill.id}: {drill.title.get(lang)}', ""]
    lines += _wrap(drill.task.get(lang))
    lines += ["", *_wrap(_join(t("drill.starter.notation", lang), drill.notation.get(lang))), ""]
    lines += _wrap(t("drill.starter.positional", lang, args=", ".join(drill.args)))
    lines += [t("drill.starter.check", lang, id=drill.id)]
    lines += ['"""', "", "import numpy as np", "", ""]
    lines.append(f"def {drill.function}({', '.join(drill.args)}):")
    doc = ['    """' + drill.title.get(lang), ""]
    doc += [f"    {s}" for s in drill.shapes]
    doc += ["", *_wrap(_join(t("drill.starter.returns", lang), drill.returns.get(lang)), 92, "    ")]
    if drill.example:
        doc += ["", "    " + t("drill.starter.example", lang)]
        doc += [f"        {ex}" for ex in drill.example]
    doc.append('    """')
    lines += doc
    lines.append(f'    raise NotImplementedError("{drill.function}")')
    if drill.example:
        lines += ["", ""]
        lines.append('if __name__ == "__main__":')
        lines.append(f"    # {t('drill.starter.main', lang)}")
        lines += [f"    print({ex.split('  #')[0].strip()})" for ex in drill.example]
    return "\n".join(lines) + "\n"
