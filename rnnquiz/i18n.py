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
_DRILL: dict[str, Entry] = {
    "drill.starter.notation": {"en": "Notation:", "zh": "记号："},
    "drill.starter.positional": {"en": "The grader passes the arguments positionally, in this order: {args}. Name them as you like.",
                                 "zh": "评分程序按位置依次传入参数：{args}。参数名可以随意取。"},
    "drill.starter.check": {"en": "Check it: rnnquiz drill check {id} [this file]", "zh": "检查：rnnquiz drill check {id} [本文件]"},
    "drill.starter.returns": {"en": "Returns:", "zh": "返回："},
    "drill.starter.example": {"en": "Example:", "zh": "示例："},
    "drill.starter.main": {"en": "python this_file.py tries your function on the example", "zh": "python 本文件 会在示例上试运行你的函数"},
    "drill.col.id": {"en": "id", "zh": "编号"},
    "drill.col.title": {"en": "drill", "zh": "练习"},
    "drill.col.level": {"en": "level", "zh": "难度"},
    "drill.col.best": {"en": "your best", "zh": "最好成绩"},
    "drill.best.never": {"en": "—", "zh": "—"},
    "drill.best.passed": {"en": "✓ passed", "zh": "✓ 通过"},
    "drill.best.score": {"en": "{passed}/{total} tests", "zh": "{passed}/{total} 项测试"},
    "drill.list.next": {"en": "Start one: rnnquiz drill start ID · check it: rnnquiz drill check ID",
                        "zh": "开始：rnnquiz drill start ID · 检查：rnnquiz drill check ID"},
    "drill.start.wrote": {"en": "Wrote {path}", "zh": "已写入 {path}"},
    "drill.start.next": {"en": "Write {function} there, then run: rnnquiz drill check {id}",
                         "zh": "在其中写好 {function}，然后运行：rnnquiz drill check {id}"},
    "drill.start.editor": {"en": "Opening it with {editor} …", "zh": "正在用 {editor} 打开……"},
    "drill.check.title": {"en": "{title} ({id}) · {file}", "zh": "{title}（{id}）· {file}"},
    "drill.test.shapes": {"en": "shapes: every output has the reference's shape", "zh": "形状：每个输出与参考实现同形"},
    "drill.test.values": {"en": "values on random inputs vs the reference model, 1e-8 in float64",
                          "zh": "随机输入上的数值与参考模型一致，float64 下误差 1e-8"},
    "drill.test.values-state": {"en": "values on random inputs (non-zero initial states) vs the reference model, 1e-8 in float64",
                                "zh": "随机输入（非零初始状态）上的数值与参考模型一致，float64 下误差 1e-8"},
    "drill.test.grads": {"en": "gradients on random inputs vs the reference backward, 1e-8 in float64",
                         "zh": "随机输入上的梯度与参考反向传播一致，float64 下误差 1e-8"},
    "drill.test.fd": {"en": "gradients vs finite differences of the reference forward, relative error < 1e-6",
                      "zh": "梯度与参考前向的有限差分比较，相对误差 < 1e-6"},
    "drill.test.tbptt-chunks.fd": {"en": "gradients vs finite differences of the truncated loss (no gradient across chunks), relative error < 1e-6",
                                   "zh": "梯度与截断损失（梯度不跨块）的有限差分比较，相对误差 < 1e-6"},
    "drill.test.tbptt-chunks.edge-full": {"en": "edge case: no truncation (k ≥ T)", "zh": "边界情况：不截断（k ≥ T）"},
    "drill.test.last-valid-state.edge-full": {"en": "edge case: no padding (lengths = T)", "zh": "边界情况：无填充（lengths = T）"},
    "drill.test.param-count.shapes": {"en": "returns one number", "zh": "返回一个数"},
    "drill.test.param-count.values": {"en": "counts vs the reference model on random configurations", "zh": "在随机配置上与参考模型的参数量比较"},
    "drill.detail.mismatch0": {"en": "first mismatch: case {case}, {output}: got {got}, expected {expected}",
                               "zh": "第一个不一致：用例 {case}，{output}：得到 {got}，应为 {expected}"},
    "drill.test.edge-T1": {"en": "edge case T = 1", "zh": "边界情况 T = 1"},
    "drill.test.edge-B1": {"en": "edge case B = 1", "zh": "边界情况 B = 1"},
    "drill.test.edge-zero-state": {"en": "edge case: zero initial state", "zh": "边界情况：零初始状态"},
    "drill.test.edge-full": {"en": "edge case: no truncation or padding (k ≥ T, lengths = T)", "zh": "边界情况：不截断或无填充（k ≥ T，lengths = T）"},
    "drill.test.edge-k1": {"en": "edge case k = 1 from a zero state", "zh": "边界情况：k = 1，零初始状态"},
    "drill.test.edge-0d": {"en": "edge case: a 0-d array", "zh": "边界情况：0 维数组"},
    "drill.test.edge-one": {"en": "edge case: a single array or layer", "zh": "边界情况：只有一个数组或一层"},
    "drill.test.edge-zero-grads": {"en": "edge case: all-zero gradients (unchanged, norm 0, no division by zero)",
                                   "zh": "边界情况：梯度全为零（保持不变，范数为 0，不能除以零）"},
    "drill.test.below": {"en": "norm below max_norm: grads unchanged", "zh": "范数低于 max_norm：梯度不变"},
    "drill.test.extremes": {"en": "x = ±1000, ±750: finite, no nan, exact 0 and 1", "zh": "x = ±1000、±750：有限、无 nan，精确为 0 和 1"},
    "drill.test.tails": {"en": "tails: relative precision 1e-8 down to σ ≈ 1e-304", "zh": "尾部：直到 σ ≈ 1e-304 仍保持 1e-8 的相对精度"},
    "drill.test.inputs": {"en": "no input changed in place", "zh": "没有原地修改任何输入"},
    "drill.test.no-overflow": {"en": "no overflow or invalid-value warning", "zh": "没有溢出或无效值警告"},
    "drill.detail.mismatch": {"en": "first mismatch: case {case}, {output}[{index}]: got {got}, expected {expected}",
                              "zh": "第一个不一致：用例 {case}，{output}[{index}]：得到 {got}，应为 {expected}"},
    "drill.detail.shape": {"en": "case {case}, {output}: shape {got}, expected {expected}",
                           "zh": "用例 {case}，{output}：形状 {got}，应为 {expected}"},
    "drill.detail.error": {"en": "case {case}: {error}", "zh": "用例 {case}：{error}"},
    "drill.detail.structure": {"en": "case {case}: returned {got}, expected {expected}",
                               "zh": "用例 {case}：返回了 {got}，应为 {expected}"},
    "drill.detail.changed": {"en": "case {case}: changed in place: {names}", "zh": "用例 {case}：被原地修改：{names}"},
    "drill.detail.warning": {"en": "case {case}: {warning}", "zh": "用例 {case}：{warning}"},
    "drill.detail.fd": {"en": "relative error {error} in {output}", "zh": "{output} 的相对误差为 {error}"},
    "drill.detail.again": {"en": "case {case}: the same as above", "zh": "用例 {case}：同上"},
    "drill.detail.missing": {"en": "case {case}: no result", "zh": "用例 {case}：没有结果"},
    "drill.notrun": {"en": "{name} (not run)", "zh": "{name}（未运行）"},
    "drill.error.syntax": {"en": "Syntax error at line {line}, column {column}: {message}", "zh": "第 {line} 行第 {column} 列有语法错误：{message}"},
    "drill.error.exception": {"en": "{type} at line {line}: {message}", "zh": "第 {line} 行出现 {type}：{message}"},
    "drill.error.exception.noline": {"en": "{type}: {message}", "zh": "出现 {type}：{message}"},
    "drill.error.memory.noline": {"en": "Memory limit ({mb} MiB) reached: {message}", "zh": "达到内存上限（{mb} MiB）：{message}"},
    "drill.error.timeout.noline": {"en": "Stopped after {seconds} s without a result (an endless loop?)",
                                   "zh": "{seconds} 秒内没有结果，已停止（死循环？）"},
    "drill.error.memory": {"en": "Memory limit ({mb} MiB) reached at line {line}: {message}",
                           "zh": "第 {line} 行达到内存上限（{mb} MiB）：{message}"},
    "drill.error.timeout": {"en": "Stopped after {seconds} s without a result (an endless loop?), at line {line}",
                            "zh": "{seconds} 秒内没有结果，已停止（死循环？），位置：第 {line} 行"},
    "drill.error.missing": {"en": "The file defines no function named {message}", "zh": "文件中没有名为 {message} 的函数"},
    "drill.error.crashed": {"en": "Your code crashed: {message}", "zh": "你的代码崩溃了：{message}"},
    "drill.error.file": {"en": "The file cannot be checked: {message}", "zh": "无法检查该文件：{message}"},
    "drill.error.load": {"en": "(while the file was loading)", "zh": "（在加载文件时）"},
    "drill.error.unknown_line": {"en": "?", "zh": "?"},
    "drill.bug": {"en": "Likely bug: {sentence}", "zh": "可能的错误：{sentence}"},
    "drill.nobug": {"en": "No known mistake matches: compare with the first mismatch above, or ask for a hint (--hint).",
                    "zh": "没有匹配的已知错误：请对照上面第一个不一致之处，或使用 --hint 获取提示。"},
    "drill.passed": {"en": "Passed: {right}/{total} tests in {seconds} s.", "zh": "通过：{right}/{total} 项测试，用时 {seconds} 秒。"},
    "drill.failed": {"en": "Not yet: {right}/{total} tests passed.", "zh": "尚未通过：{right}/{total} 项测试通过。"},
    "drill.recorded": {"en": "Recorded for review as {card}: {rating} ({name}).", "zh": "已记入复习卡片 {card}：评分 {rating}（{name}）。"},
    "drill.recorded.rerun": {"en": "Already rated for review as {card}: {rating} ({name}); checks until it is due again change nothing.",
                             "zh": "本轮已记入复习卡片 {card}：评分 {rating}（{name}）；在下次到期之前再检查不会改变评分。"},
    "drill.rating.1": {"en": "Again", "zh": "重来"},
    "drill.rating.2": {"en": "Hard", "zh": "困难"},
    "drill.rating.3": {"en": "Good", "zh": "良好"},
    "drill.rating.4": {"en": "Easy", "zh": "简单"},
    "drill.hint": {"en": "Hint {n}/{total}: {text}", "zh": "提示 {n}/{total}：{text}"},
    "drill.hint.none": {"en": "No more hints; --solution shows a solution.", "zh": "没有更多提示了；--solution 可查看参考解答。"},
    "drill.hint.passed": {"en": "Passed without the hint: it stays unused.", "zh": "无需提示即已通过：该提示未被使用。"},
    "drill.solution.confirm": {"en": "Show the solution? A pass after seeing it is rated Again.", "zh": "要查看参考解答吗？看过之后再通过会被评为“重来”。"},
    "drill.solution.needs_yes": {"en": "--solution asks for confirmation: add --yes when stdin is not a terminal.",
                                 "zh": "--solution 需要确认：stdin 不是终端时请加 --yes。"},
    "drill.solution.kept": {"en": "Not shown.", "zh": "未显示。"},
    "drill.solution.title": {"en": "A solution for {id} (graded by the same checks):", "zh": "{id} 的一种解答（经同样的检查）："},
    "drill.review.due": {"en": "Drill due: {title}. Write it afresh (rnnquiz drill start {id} --force, or edit your file), then rnnquiz drill check {id}: the check rates this card.",
                         "zh": "练习到期：{title}。请重新写一遍（rnnquiz drill start {id} --force，或编辑你的文件），然后运行 rnnquiz drill check {id}：检查结果即为本卡片的评分。"},
    "drill.unconfined": {"en": "Note: Landlock is unavailable here (Linux < 5.13 or not Linux), so your code ran with your own file permissions.",
                         "zh": "注意：此系统不支持 Landlock（Linux 低于 5.13 或非 Linux），你的代码以你自己的文件权限运行。"},
    "drill.err.unknown": {"en": "No drill named {id}.{hint} Known: {known}", "zh": "没有名为 {id} 的练习。{hint}已有：{known}"},
    "drill.err.did_you_mean": {"en": " Did you mean: {ids}?", "zh": "你是不是想找：{ids}？"},
    "drill.err.no_file_yet": {"en": "No file {path} yet: `rnnquiz drill start {id}` writes it (or give FILE)",
                              "zh": "还没有文件 {path}：`rnnquiz drill start {id}` 会写出它（或给出 FILE）"},
    "drill.err.no_such_file": {"en": "{path}: no such file", "zh": "{path}：文件不存在"},
    "drill.err.is_folder": {"en": "{path}: is a folder; give the file, such as {path}/{id}.py",
                            "zh": "{path}：是一个文件夹；请给出文件，例如 {path}/{id}.py"},
    "drill.err.not_regular": {"en": "{path}: not a regular file", "zh": "{path}：不是普通文件"},
    "drill.err.unreadable": {"en": "{path}: cannot be read ({reason})", "zh": "{path}：无法读取（{reason}）"},
    "drill.err.out_folder": {"en": "--out {path}: is a folder; give a file name such as {example}",
                             "zh": "--out {path}：是一个文件夹；请给出文件名，例如 {example}"},
    "drill.err.exists": {"en": "{path} exists (your work?); check it with `rnnquiz drill check {id} {path}`, or --force to overwrite",
                         "zh": "{path} 已存在（你的代码？）；用 `rnnquiz drill check {id} {path}` 检查它，或用 --force 覆盖"},
    "drill.err.cannot_write": {"en": "Cannot write {path}: {reason}", "zh": "无法写入 {path}：{reason}"},
    "drill.sandbox.refused": {"en": "the drill sandbox does not allow {what}", "zh": "练习沙箱不允许 {what}"},
    "drill.sandbox.no_import": {"en": "the grader's own code (rnnquiz) is not importable in the drill sandbox",
                                "zh": "在练习沙箱中不能导入评分程序自身的代码（rnnquiz）"},
    "drill.sandbox.output": {"en": "the output limit ({what} MiB) was hit: your code wrote too much (to a file or stderr)",
                             "zh": "达到了输出上限（{what} MiB）：你的代码写出的内容太多（写入文件或 stderr）"},
    "drill.printed.more": {"en": "… {n} more lines", "zh": "……还有 {n} 行"},
    "drill.not_implemented": {"en": "{function} is not implemented yet in {path} (it raises NotImplementedError); write it, then check again. Nothing was recorded.",
                              "zh": "{path} 中的 {function} 还没有实现（它抛出 NotImplementedError）；写好后再检查。未记录任何结果。"},
    "drill.printed": {"en": "Your code printed:", "zh": "你的代码输出了："},
    "drill.warnings": {"en": "Warnings from your code:", "zh": "你的代码产生的警告："},
}

# Interview mode and explain questions.
_INTERVIEW: dict[str, Entry] = {}

STRINGS: dict[str, Entry] = {**_CORE, **_PROOF, **_DEMO, **_EXPORT, **_DRILL, **_INTERVIEW}


def t(key: str, lang: str, /, **values: object) -> str:
    """The UI string `key` in `lang` (falling back to English), with `{name}` fields filled from `values`."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
