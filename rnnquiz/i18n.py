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
_CORE: dict[str, Entry] = {
    # how to answer (render/question.py)
    "q.mcq": {"en": "one letter", "zh": "一个字母"},
    "q.multi": {"en": "one or more letters, e.g. a,c", "zh": "一个或多个字母，如 a,c"},
    "q.truefalse": {"en": "t or f", "zh": "t 或 f（对/错）"},
    "q.typein": {"en": "type the answer", "zh": "输入答案"},
    "q.cloze": {"en": "{n} blank(s), asked one at a time", "zh": "{n} 个空，逐个作答"},
    "q.cloze_pipe": {"en": "{n} blank(s); separate answers with |", "zh": "{n} 个空，用 | 分隔"},
    "q.order": {"en": "the numbers 1–{n} in the correct order, e.g. 2 1 3", "zh": "按正确顺序输入编号 1–{n}，如 2 1 3"},
    "q.numeric": {"en": "a number", "zh": "一个数"},
    "q.flashcard": {"en": "answer in your head, then reveal", "zh": "先在心里回答，再揭晓"},
    "q.skip": {"en": "? skips", "zh": "? 跳过"},
    "q.skip_pipe": {"en": "? or empty skips", "zh": "? 或空行跳过"},
    "q.hint_line": {"en": "({hint}; {skip})", "zh": "（{hint}；{skip}）"},
    "q.right": {"en": "✓ right", "zh": "✓ 正确"},
    "q.wrong": {"en": "✗ wrong", "zh": "✗ 错误"},
    "q.skipped": {"en": "– skipped", "zh": "– 跳过"},
    "q.unreadable": {"en": "✗ unreadable", "zh": "✗ 无法识别"},
    "q.override": {"en": "✓ counted as right (your override)", "zh": "✓ 已按正确计（手动认定）"},
    "q.answer": {"en": "Answer: ", "zh": "答案："},
    "q.why": {"en": "Why: ", "zh": "解析："},
    "q.misconception": {"en": "Common wrong answer: ", "zh": "常见错误："},
    "q.you_picked": {"en": "You picked", "zh": "你选了"},
    "q.choice_right": {"en": "✓ {letter}) right", "zh": "✓ {letter}) 选对了"},
    "q.choice_wrong": {"en": "✗ {letter}) not correct", "zh": "✗ {letter}) 不正确"},
    "q.choice_missed": {"en": "✗ {letter}) also correct (missed)", "zh": "✗ {letter}) 也正确（漏选）"},
    "q.knew": {"en": "✓ knew it", "zh": "✓ 会"},
    "q.not_knew": {"en": "✗ did not know it", "zh": "✗ 不会"},
    "type.flashcard": {"en": "flashcard", "zh": "闪卡"},
    "type.mcq": {"en": "single choice", "zh": "单选"},
    "type.multi": {"en": "multiple choice", "zh": "多选"},
    "type.truefalse": {"en": "true/false", "zh": "判断"},
    "type.typein": {"en": "type-in", "zh": "填写"},
    "type.cloze": {"en": "cloze", "zh": "完形填空"},
    "type.order": {"en": "order", "zh": "排序"},
    "type.numeric": {"en": "numeric", "zh": "数值"},
    # show (render/bank.py)
    "bank.answer": {"en": "Answer: ", "zh": "答案："},
    "bank.explanation": {"en": "Why: ", "zh": "解析："},
    "bank.misconception": {"en": "Common wrong answer: ", "zh": "常见错误："},
    "bank.claims": {"en": "Claims: ", "zh": "对应论点："},
    "bank.refs": {"en": "References: ", "zh": "参考："},
    "bank.prove": {"en": "Prove it: ", "zh": "实验证明："},
    "bank.choices": {"en": "Choices", "zh": "选项"},
    "bank.correct": {"en": "correct", "zh": "正确"},
    "bank.items": {"en": "Items in the correct order", "zh": "正确顺序"},
    "bank.generator": {"en": "Worked example: ", "zh": "算例："},
    "bank.accepted": {"en": "Also accepted: ", "zh": "也接受："},
    "bank.difficulty": {"en": "difficulty {n}", "zh": "难度 {n}"},
    # the answer loop (commands/driver.py)
    "key.reveal": {"en": "Enter/Space reveal · ? skip · {more}q quit", "zh": "回车/空格 揭晓 · ? 跳过 · {more}q 退出"},
    "key.answer": {"en": "answer, then Enter · ? skip · {more}q quit", "zh": "输入答案后回车 · ? 跳过 · {more}q 退出"},
    "key.undo": {"en": "u undo · ", "zh": "u 撤销 · "},
    "key.proof": {"en": "p proof · ", "zh": "p 证明 · "},
    "key.next": {"en": "Enter next", "zh": "回车 下一题"},
    "key.override": {"en": "! I was right", "zh": "! 我答对了"},
    "key.again": {"en": "Enter Again", "zh": "回车 重来"},
    "key.p": {"en": "p proof", "zh": "p 证明"},
    "key.u": {"en": "u undo", "zh": "u 撤销"},
    "key.q": {"en": "q quit", "zh": "q 退出"},
    "key.knew": {"en": "Did you know it? y/n", "zh": "你会吗？y/n"},
    "key.unknown": {"en": "{key!r}: press one of the keys shown", "zh": "{key!r}：请按提示中的键"},
    "key.blank": {"en": "[{name}]", "zh": "【{name}】"},
    "key.rating_hint": {"en": "press Enter for {default}, or one of {keys}", "zh": "回车选 {default}，或按 {keys} 之一"},
    "driver.unreadable": {"en": "could not read {given!r} ({note}); counted as wrong", "zh": "无法识别 {given!r}（{note}）；计为答错"},
    "driver.unreadable_rating": {"en": "{id}: unreadable rating {given!r} (1–4); counted as Again", "zh": "{id}：无法识别评分 {given!r}（1–4）；计为重来"},
    "driver.no_proof": {"en": "this question has no proof", "zh": "这道题没有实验证明"},
    "driver.running_proof": {"en": "Running proof {id!r}…", "zh": "正在运行实验 {id!r}…"},
    "driver.proof_failed": {"en": "proof {id!r}: {message}", "zh": "实验 {id!r}：{message}"},
    "driver.time_up": {"en": "Time is up: that was the last answer.", "zh": "时间到：这是最后一题。"},
    "driver.skipped_card": {"en": "skipped — not rated; it stays due", "zh": "已跳过——未评分，仍然到期"},
    "driver.saved_before": {"en": "{error}; {saved} answer(s) of this session were saved before it",
                            "zh": "{error}；本次在此之前已保存 {saved} 个回答"},
    "driver.not_saved": {"en": "{error}; {saved} answer(s) of this session were saved, the answer to {id} was not",
                         "zh": "{error}；本次已保存 {saved} 个回答，{id} 的回答未保存"},
    # quiz (commands/quiz.py, render/session.py)
    "quiz.seed": {"en": "seed {seed} (replay this session with --seed {seed})", "zh": "种子 {seed}（用 --seed {seed} 重现本次测验）"},
    "quiz.short": {"en": "Only {n} question(s) match; asking all {n}.", "zh": "只有 {n} 道题符合条件；全部作答。"},
    "quiz.nothing_missed": {"en": "Nothing missed in that session (with these filters): nothing to re-ask.", "zh": "那次测验（在这些筛选条件下）没有答错的题：无需重做。"},
    "quiz.left": {"en": "{time} left", "zh": "剩余 {time}"},
    "quiz.score": {"en": "Score: ", "zh": "得分："},
    "quiz.time": {"en": "time", "zh": "用时"},
    "quiz.seed_label": {"en": "seed", "zh": "种子"},
    "quiz.topic": {"en": "topic", "zh": "主题"},
    "quiz.type": {"en": "type", "zh": "题型"},
    "quiz.right": {"en": "right", "zh": "答对"},
    "quiz.of": {"en": "of", "zh": "共"},
    "quiz.claims": {"en": "Claims most often missed:", "zh": "最常答错的论点："},
    "quiz.deeper": {"en": "Go deeper:", "zh": "深入学习："},
    "quiz.not_reached": {"en": "{n} question(s) not reached count as missed", "zh": "{n} 道题未来得及作答，计为答错"},
    "quiz.not_asked": {"en": "{n} question(s) not asked", "zh": "{n} 道题未作答"},
    "quiz.end.quit": {"en": "ended early (q)", "zh": "提前结束（q）"},
    "quiz.end.eof": {"en": "end of input", "zh": "输入结束"},
    "quiz.end.interrupted": {"en": "interrupted (Ctrl-C); answers so far are saved", "zh": "已中断（Ctrl-C）；已作答的题目均已保存"},
    "quiz.end.time": {"en": "time is up", "zh": "时间到"},
    # review (render/review.py)
    "rating.1": {"en": "Again", "zh": "重来"},
    "rating.2": {"en": "Hard", "zh": "困难"},
    "rating.3": {"en": "Good", "zh": "良好"},
    "rating.4": {"en": "Easy", "zh": "简单"},
    "queue.review": {"en": "review", "zh": "复习"},
    "queue.learning": {"en": "learning", "zh": "学习中"},
    "queue.new": {"en": "new", "zh": "新卡"},
    "queue.ahead": {"en": "learning", "zh": "学习中"},
    "queue.undo": {"en": "undone", "zh": "已撤销"},
    "review.due": {"en": "due {n}", "zh": "到期 {n}"},
    "review.days_to": {"en": "{days} day(s) to {date}", "zh": "距 {date} 还有 {days} 天"},
    "review.enter_default": {"en": "(Enter = {default})", "zh": "（回车 = {default}）"},
    "review.capped": {"en": "* shortened to come back before the deadline", "zh": "* 已缩短，以便在截止日期前复习"},
    "review.elsewhere": {"en": "reviewed elsewhere — not saved here; moving on", "zh": "已在别处复习——此处未保存；继续"},
    "review.nothing_to_undo": {"en": "nothing to undo in this session", "zh": "本次没有可撤销的回答"},
    "review.undo_elsewhere": {"en": "{id} changed elsewhere; not undone", "zh": "{id} 已在别处改动，未撤销"},
    "review.undone_now": {"en": "undone: {id} (it comes back now)", "zh": "已撤销：{id}（马上重新出现）"},
    "review.limit": {"en": "Session limit of {n} reached.", "zh": "已达本次上限 {n}。"},
    "review.nothing_due": {"en": "Nothing due now.", "zh": "现在没有到期的卡片。"},
    "review.next_due": {"en": " Next card due in {when}.", "zh": "下一张将于 {when} 后到期。"},
    "review.saved": {"en": "Saved {n} review(s) ({again} again).", "zh": "已保存 {n} 次复习（{again} 次重来）。"},
    "review.saved_elsewhere": {"en": " {n} reviewed elsewhere.", "zh": "{n} 张已在别处复习。"},
    "review.interrupted": {"en": "Interrupted. ", "zh": "已中断。"},
    "review.plan": {"en": "{new} new card(s), {days} day(s) left: about {per_day} new a day", "zh": "{new} 张新卡，还剩 {days} 天：每天约 {per_day} 张新卡"},
    "review.deadline_passed": {"en": "The deadline {date} has passed: deadline mode is now off.", "zh": "截止日期 {date} 已过：截止模式已关闭。"},
    "warning": {"en": "warning: {message}", "zh": "警告：{message}"},
    # undo, suspend, reset
    "undo.none": {"en": "Nothing to undo: the review log has no review left to take back.", "zh": "没有可撤销的复习：复习记录里没有可撤回的复习。"},
    "undo.elsewhere": {"en": "That review was just undone elsewhere; run undo again for the one before.", "zh": "这次复习刚在别处被撤销；再运行一次 undo 撤销上一条。"},
    "undo.done": {"en": "Undone: {id} ({rating} at {at}).", "zh": "已撤销：{id}（{at} 的 {rating}）。"},
    "undo.due": {"en": " Due again {due}.", "zh": "将于 {due} 再次到期。"},
    "undo.new": {"en": " It is new again.", "zh": "它重新成为新卡。"},
    "event.already_suspended": {"en": "{id} is already suspended.", "zh": "{id} 已经暂停。"},
    "event.not_suspended": {"en": "{id} is not suspended.", "zh": "{id} 没有暂停。"},
    "event.suspend": {"en": "{id}: suspended.", "zh": "{id}：已暂停。"},
    "event.unsuspend": {"en": "{id}: unsuspended.", "zh": "{id}：已恢复。"},
    "reset.nothing": {"en": "Nothing to reset: those cards have no review history.", "zh": "无需重置：这些卡片没有复习记录。"},
    "reset.ask": {"en": "Reset {n} card(s) to new? Their history stays in the log. [y/N] ", "zh": "把 {n} 张卡片重置为新卡？复习记录会保留。[y/N] "},
    "reset.kept": {"en": "Nothing reset.", "zh": "未重置。"},
    "reset.done": {"en": "Reset {n} card(s): they are new again.", "zh": "已重置 {n} 张卡片：它们重新成为新卡。"},
    # due (render/review.py)
    "due.now": {"en": "due now", "zh": "现在到期"},
    "due.today": {"en": "due later today", "zh": "今天稍后到期"},
    "due.tomorrow": {"en": "due tomorrow", "zh": "明天到期"},
    "due.new": {"en": "new available", "zh": "可学新卡"},
    "due.next": {"en": "next due", "zh": "下次到期"},
    "due.next_when": {"en": "in {interval} ({time})", "zh": "{interval} 后（{time}）"},
    "due.deadline": {"en": "deadline", "zh": "截止日期"},
    "due.days_left": {"en": "{date} ({days} day(s) left)", "zh": "{date}（还剩 {days} 天）"},
    "due.plan": {"en": "plan", "zh": "计划"},
    # doctor (render/review.py)
    "doctor.checked": {"en": "{n} card(s) rebuilt from the review log.", "zh": "已根据复习记录重建 {n} 张卡片。"},
    "doctor.mismatched": {"en": "{n} differ from the log: {ids}", "zh": "{n} 张与记录不符：{ids}"},
    "doctor.missing": {"en": "{n} missing a card row: {ids}", "zh": "{n} 张缺少卡片行：{ids}"},
    "doctor.extra": {"en": "{n} card rows without history: {ids}", "zh": "{n} 行卡片没有复习记录：{ids}"},
    "doctor.orphans": {"en": "{n} orphans (history of questions no longer in the banks; kept): {ids}", "zh": "{n} 张孤立卡片（题库中已没有的题目的记录；已保留）：{ids}"},
    "doctor.poisoned": {"en": "log row {log_id} ({id}) cannot be replayed: {reason}", "zh": "记录行 {log_id}（{id}）无法重放：{reason}"},
    "doctor.quarantined": {"en": "Set {n} log row(s) aside in review_log_quarantine (kept, not deleted).", "zh": "已把 {n} 行记录移到 review_log_quarantine（保留，未删除）。"},
    "doctor.repaired": {"en": "Repaired {n} card row(s) from the log.", "zh": "已根据记录修复 {n} 行卡片。"},
    "doctor.ok": {"en": "Cards match the log.", "zh": "卡片与记录一致。"},
    "doctor.hint": {"en": "Run `rnnquiz doctor --repair` to rebuild them from the log.", "zh": "运行 `rnnquiz doctor --repair` 根据记录重建。"},
    "doctor.readable": {"en": "readable tables: {tables}", "zh": "可读的表：{tables}"},
    "doctor.unreadable": {"en": "unreadable table {table}: {error}", "zh": "无法读取的表 {table}：{error}"},
    "doctor.damaged": {"en": "{path}: the store is damaged; `rnnquiz export history` saves the readable rows",
                       "zh": "{path}：数据库已损坏；`rnnquiz export history` 可导出可读的行"},
    # stats (render/stats.py)
    "stats.today": {"en": "Today", "zh": "今天"},
    "stats.today_line": {"en": "{reviews} reviews ({again} again) in {minutes} min", "zh": "{reviews} 次复习（{again} 次重来），用时 {minutes} 分钟"},
    "stats.due_line": {"en": "due now {now} · later today {later} · tomorrow {tomorrow}", "zh": "现在到期 {now} · 今天稍后 {later} · 明天 {tomorrow}"},
    "stats.retention": {"en": "True retention (cards with interval ≥ 1 day)", "zh": "真实保持率（间隔 ≥ 1 天的卡片）"},
    "stats.young": {"en": "young", "zh": "新近"},
    "stats.mature": {"en": "mature", "zh": "成熟"},
    "stats.all": {"en": "all", "zh": "全部"},
    "stats.last_day": {"en": "last day", "zh": "最近一天"},
    "stats.last_week": {"en": "last week", "zh": "最近一周"},
    "stats.last_month": {"en": "last month", "zh": "最近一月"},
    "stats.forecast": {"en": "Forecast: cards due per day", "zh": "预测：每天到期的卡片"},
    "stats.today_short": {"en": "today", "zh": "今天"},
    "stats.calendar": {"en": "Calendar", "zh": "日历"},
    "stats.weekdays": {"en": "Mon||Wed||Fri||Sun", "zh": "周一||周三||周五||周日"},
    "stats.calendar_line": {"en": "{reviews} reviews on {days} day(s) in the last year · streak {streak} day(s)", "zh": "过去一年 {days} 天共复习 {reviews} 次 · 连续 {streak} 天"},
    "stats.by_topic": {"en": "Mastery by topic (weakest first)", "zh": "各主题掌握度（最弱在前）"},
    "stats.by_claim": {"en": "Mastery by claim (weakest first)", "zh": "各论点掌握度（最弱在前）"},
    "stats.recall": {"en": "recall now", "zh": "当前记忆"},
    "stats.reviewed": {"en": "reviewed", "zh": "已复习"},
    "stats.quiz": {"en": "quiz", "zh": "测验"},
    "stats.practise": {"en": "practise", "zh": "练习"},
    "stats.leeches": {"en": "Leeches (8+ lapses)", "zh": "难记卡（遗忘 8 次以上）"},
    "stats.lapses": {"en": "lapses", "zh": "遗忘"},
    "stats.suspended": {"en": "suspended", "zh": "已暂停"},
    "stats.yes": {"en": "yes", "zh": "是"},
    "stats.no": {"en": "no", "zh": "否"},
    "stats.deadline": {"en": "Deadline {date}: {days} day(s) left; {not_safe} of {studied} studied card(s) not safely learned (recall at the deadline below the desired retention).",
                       "zh": "截止日期 {date}：还剩 {days} 天；已学的 {studied} 张卡片中有 {not_safe} 张还不牢固（截止日的记忆概率低于目标保持率）。"},
    # settings (settings.py, config)
    "settings.ignored": {"en": "warning: setting {key} = {raw} ignored ({reason}); using {value}. Fix it with `rnnquiz config {key} VALUE` or `rnnquiz config {key} --unset`",
                         "zh": "警告：设置 {key} = {raw} 已忽略（{reason}）；改用 {value}。用 `rnnquiz config {key} 值` 或 `rnnquiz config {key} --unset` 修正"},
}

# Proof screens: setup, figures, checks, chart titles and axes, prove --list.
_PROOF: dict[str, Entry] = {}

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
