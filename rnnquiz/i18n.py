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
_EXPORT: dict[str, Entry] = {}

# Coding drills.
_DRILL: dict[str, Entry] = {}

# Interview mode and explain questions.
_INTERVIEW: dict[str, Entry] = {
    "interview.title": {"en": "Mock interview · {minutes} min · seed {seed}", "zh": "模拟面试 · {minutes} 分钟 · 种子 {seed}"},
    "interview.seed": {"en": "seed {seed} (replay this interview with --seed {seed})", "zh": "种子 {seed}（用 --seed {seed} 重放这次面试）"},
    "interview.intro": {
        "en": "Explain in your own words: several lines, an empty line ends the answer (an empty first line or ? skips). Ctrl-C ends the interview with its report.",
        "zh": "用自己的话解释：可以写多行，空行结束回答（第一行为空或输入 ? 则跳过）。按 Ctrl-C 结束面试并查看报告。",
    },
    "interview.step": {"en": "Question {n} · {left} left", "zh": "第 {n} 题 · 剩余 {left}"},
    "interview.why.open": {"en": "Let's start broad.", "zh": "先从大处谈起。"},
    "interview.why.deeper": {"en": "Good. Let's go deeper.", "zh": "答得不错，再深入一点。"},
    "interview.why.basics": {"en": "Let's step back to the basics behind that.", "zh": "我们回到它背后的基础。"},
    "interview.why.numeric": {"en": "A quick calculation.", "zh": "算一道题。"},
    "interview.why.drill": {"en": "Now some code.", "zh": "来写点代码。"},
    "interview.why.next": {"en": "Another question.", "zh": "换一个问题。"},
    "interview.answer_prompt": {"en": "Your answer (an empty line ends it):", "zh": "你的回答（空行结束）："},
    "interview.caption": {
        "en": "These key points were matched by words you used. The marking knows words, not meaning: check it.",
        "zh": "以下要点是根据你用到的词语匹配的。标注只认词语，不懂含义：请核对。",
    },
    "interview.status.covered": {"en": "covered", "zh": "已覆盖"},
    "interview.status.partly": {"en": "partly", "zh": "部分"},
    "interview.status.missing": {"en": "missing", "zh": "缺失"},
    "interview.required": {"en": "required", "zh": "必答"},
    "interview.optional": {"en": "nice to have", "zh": "加分"},
    "interview.matched": {"en": "your words: {words}", "zh": "你的用词：{words}"},
    "interview.negated": {"en": "found only negated: {words}", "zh": "只出现在否定句中：{words}"},
    "interview.model": {"en": "Model answer", "zh": "参考答案"},
    "interview.not_matched": {"en": "Not matched in your answer", "zh": "你的回答中未匹配到"},
    "interview.key_points": {"en": "Key points", "zh": "要点"},
    "interview.confirm": {
        "en": "Enter accepts the marking, or type {n} keys, one per point (c covered, p partly, m missing, . keep): ",
        "zh": "回车接受标注，或输入 {n} 个键、每个要点一个（c 已覆盖，p 部分，m 缺失，. 不变）：",
    },
    "interview.confirm_bad": {"en": "Type {n} keys (c, p, m or .), or just Enter.", "zh": "请输入 {n} 个键（c、p、m 或 .），或直接回车。"},
    "interview.confirm_bad_pipe": {"en": "unreadable correction line {line!r}: the marking is kept", "zh": "无法识别的更正 {line!r}：保留原标注"},
    "interview.corrected": {"en": "Marking corrected by you.", "zh": "已按你的更正修改标注。"},
    "interview.rating": {"en": "Rating {rating} · {name}", "zh": "评分 {rating} · {name}"},
    "interview.next_review": {"en": "next review in {interval}", "zh": "下次复习：{interval} 后"},
    "interview.rating.1": {"en": "Again: a required point is missing", "zh": "重来：缺少必答要点"},
    "interview.rating.2": {"en": "Hard: a required point only partly there", "zh": "困难：必答要点只答了一部分"},
    "interview.rating.3": {"en": "Good: every required point", "zh": "良好：必答要点齐全"},
    "interview.rating.4": {"en": "Easy: every point", "zh": "简单：所有要点齐全"},
    "interview.skipped": {"en": "Skipped: every key point counts as missing.", "zh": "已跳过：所有要点都算缺失。"},
    "interview.drill": {
        "en": "Coding drill: {title}. Run `rnnquiz drill start {id}` after the interview. Enter goes on.",
        "zh": "编程练习：{title}。面试结束后运行 `rnnquiz drill start {id}`。回车继续。",
    },
    "interview.continue": {"en": "Enter goes on, q ends the interview ", "zh": "回车继续，q 结束面试 "},
    "interview.time_up": {"en": "Time is up.", "zh": "时间到。"},
    "interview.end.time": {"en": "ended: time is up", "zh": "结束：时间到"},
    "interview.end.done": {"en": "ended: no questions left", "zh": "结束：没有更多题目"},
    "interview.end.eof": {"en": "ended: end of input", "zh": "结束：输入结束"},
    "interview.end.interrupted": {"en": "ended: interrupted", "zh": "结束：已中断"},
    "interview.end.quit": {"en": "ended by you", "zh": "结束：你选择结束"},
    "interview.report.title": {"en": "Interview report", "zh": "面试报告"},
    "interview.report.score": {"en": "{right} of {asked} answered well in {duration} ({end})", "zh": "{asked} 题中答好 {right} 题，用时 {duration}（{end}）"},
    "interview.report.shown": {"en": "Claims you showed", "zh": "你讲清楚的论点"},
    "interview.report.missed": {"en": "Claims you missed", "zh": "你没讲清楚的论点"},
    "interview.report.study": {"en": "To study them", "zh": "复习这些"},
    "interview.report.none": {"en": "none", "zh": "无"},
    "interview.report.saved": {
        "en": "Saved: {n} answers (quiz history; explain ratings go to FSRS review).",
        "zh": "已保存：{n} 个回答（测验记录；解释题的评分写入 FSRS 复习）。",
    },
    "interview.no_explain": {
        "en": "No explain question on {topics}; topics with explain questions: {known}",
        "zh": "{topics} 没有解释题；有解释题的主题：{known}",
    },
}

STRINGS: dict[str, Entry] = {**_CORE, **_PROOF, **_DEMO, **_EXPORT, **_DRILL, **_INTERVIEW}


def t(key: str, lang: str, /, **values: object) -> str:
    """The UI string `key` in `lang` (falling back to English), with `{name}` fields filled from `values`."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
