"""Every UI string in both languages, and the one lookup: `t(key, lang, **values)`.

Keys are dotted by area (`quiz.score`, `demo.step`, `drill.passed`). Each area keeps its own block
below so that work on one area never touches another's lines; `STRINGS` joins them. A test walks
every key and fails on a missing language. Chinese labels take full-width punctuation (`答案：`).
Bank text never passes through here: it is data, not UI.
"""

from __future__ import annotations

LANGS = ("en", "zh")

Entry = dict[str, str]  # {"en": ..., "zh": ...}

# Core: quiz, review, due, stats, doctor, undo, config, errors, keys (the house).
_CORE: dict[str, Entry] = {}

# Proof screens: setup, figures, checks, chart titles and axes, prove --list.
_PROOF: dict[str, Entry] = {}

# rnnquiz demo.
_DEMO: dict[str, Entry] = {}

# Exports (Anki labels, TSV).
_EXPORT: dict[str, Entry] = {
    "export.progress": {
        "en": "With the schedule of {studied} studied card(s) and {reviews} review-log row(s): in Anki's import "
              "dialog tick 'Import any learning progress'. Cards already in your Anki profile keep their own schedule.",
        "zh": "含 {studied} 张已学卡片的复习计划和 {reviews} 条复习记录：在 Anki 的导入对话框中勾选“导入学习进度”"
              "（Import any learning progress）。Anki 中已有的卡片保留其原有计划。",
    },
    "export.tsv_profiles": {
        "en": "Anki imports these rows only into a profile that has the note types {names} under these names; "
              "it skips the others (a type renamed or deleted, a profile in another language). "
              "`rnnquiz export anki -o rnnquiz.apkg` imports into any profile.",
        "zh": "Anki 只会把这些行导入到仍有笔记类型 {names}（名称不变）的配置文件中，其余的会被跳过"
              "（类型被改名或删除、配置文件使用其他语言）。`rnnquiz export anki -o rnnquiz.apkg` 可导入任何配置文件。",
    },
}  # fmt: skip

# Coding drills.
_DRILL: dict[str, Entry] = {}

# Interview mode and explain questions.
_INTERVIEW: dict[str, Entry] = {}

STRINGS: dict[str, Entry] = {**_CORE, **_PROOF, **_DEMO, **_EXPORT, **_DRILL, **_INTERVIEW}


def t(key: str, lang: str, /, **values: object) -> str:
    """The UI string `key` in `lang` (falling back to English), with `{name}` fields filled from `values`."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
