"""The starter file of a drill: signature, shapes, notation and the task in the session's language."""

from __future__ import annotations

from rnnquiz.drills.catalog import Drill
from rnnquiz.i18n import t


def _wrap(text: str, width: int = 96, indent: str = "") -> list[str]:
    import textwrap

    if any("\u4e00" <= ch <= "\u9fff" for ch in text):  # Chinese: no spaces to wrap at; break by width
        return [indent + text[i:i + width // 2] for i in range(0, len(text), width // 2)] or [indent]
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent) or [indent]


def starter_text(drill: Drill, lang: str) -> str:
    """The file ``rnnquiz drill start`` writes: it runs (raising NotImplementedError) until filled in."""
    lines = [f'"""rnnquiz drill {drill.id}: {drill.title.get(lang)}', ""]
    lines += _wrap(drill.task.get(lang))
    lines += ["", t("drill.starter.notation", lang) + " " + drill.notation.get(lang), ""]
    lines += [t("drill.starter.check", lang, id=drill.id)]
    lines += ['"""', "", "import numpy as np", "", ""]
    lines.append(f"def {drill.function}({', '.join(drill.args)}):")
    doc = ['    """' + drill.title.get(lang), ""]
    doc += [f"    {s}" for s in drill.shapes]
    doc += ["", *(_wrap(t("drill.starter.returns", lang) + " " + drill.returns.get(lang), 92, "    "))]
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
