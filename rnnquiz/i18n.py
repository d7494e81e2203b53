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
_PROOF: dict[str, Entry] = {
    "proof.claims": {"en": "claims", "zh": "论断"},
    "proof.setup": {"en": "setup", "zh": "设置"},
    "proof.figure": {"en": "figure", "zh": "指标"},
    "proof.value": {"en": "value", "zh": "数值"},
    "proof.checks": {"en": "checks", "zh": "检验"},
    "proof.seed": {"en": "seed", "zh": "种子"},
    "proof.quick": {"en": "quick", "zh": "快速"},
    "proof.seconds": {"en": "s", "zh": "秒"},
    "proof.seconds_col": {"en": "seconds", "zh": "秒"},
    "proof.passed": {"en": "all checks passed", "zh": "全部检验通过"},
    "proof.failed": {"en": "{n} check(s) failed", "zh": "{n} 项检验未通过"},
    "proof.summary": {"en": "{ok}/{n} proofs passed, {t:.1f} s", "zh": "{ok}/{n} 个证明通过，用时 {t:.1f} 秒"},
    "proof.col.proof": {"en": "proof", "zh": "证明"},
    "proof.col.runtime": {"en": "runtime", "zh": "耗时"},
    "proof.col.status": {"en": "status", "zh": "状态"},
    "proof.col.title": {"en": "title", "zh": "标题"},
    "proof.col.result": {"en": "result", "zh": "结果"},
    "proof.col.margin": {"en": "min margin", "zh": "最小余量"},
    "proof.runtime.instant": {"en": "instant", "zh": "即时"},
    "proof.runtime.training": {"en": "training", "zh": "需训练"},
    "proof.built": {"en": "built", "zh": "已实现"},
    "proof.pending": {"en": "pending", "zh": "待实现"},
    "proof.log": {"en": "log scale", "zh": "对数刻度"},
    "proof.legend": {"en": "legend: ", "zh": "图例："},
    "proof.not_drawn": {"en": "{name}: not drawn (no value > 0 on the log scale)", "zh": "{name}：未画出（对数刻度下没有大于 0 的值）"},
    "proof.answer": {"en": "Answer: {text}", "zh": "答案：{text}"},
    "proof.for_question": {"en": "Question {id}: proof {proof}", "zh": "题目 {id}：证明 {proof}"},
    "proof.params": {"en": "with the question's numbers: {params}", "zh": "使用题目中的数值：{params}"},
    "proof.running": {"en": "running {id} …", "zh": "正在运行 {id} ……"},
}

# rnnquiz demo.
_DEMO: dict[str, Entry] = {}

# Exports (Anki labels, TSV).
_EXPORT: dict[str, Entry] = {}

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
