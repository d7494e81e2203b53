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
_DEMO: dict[str, Entry] = {
    "demo.title": {"en": "rnnquiz demo {kind}: {task}", "zh": "rnnquiz demo {kind}：{task}"},
    "demo.task": {"en": "remember the value at the marked step, say it at the end",
                  "zh": "记住标记那一步的值，在最后一步说出来"},
    "demo.task.birnn": {"en": "what each direction has seen", "zh": "两个方向各自看到了什么"},
    "demo.task.bptt": {"en": "the gradient of the answer, carried back through time", "zh": "答案的梯度沿时间反向传播"},
    "demo.weights.built": {"en": "hand-built weights: each gate reads only the marker or the query (--json prints every weight)",
     "zh": "手工设定的权重：每个门只看标记或提问（--json 输出全部权重）"},
    "demo.weights.built.rnn": {"en": "hand-built weights: no gate; W_hh = 0.9 carries the state from step to step (--json prints every weight)",
     "zh": "手工设定的权重：没有门；W_hh = 0.9 把状态一步步传下去（--json 输出全部权重）"},
    "demo.weights.built.birnn": {"en": "hand-built weights: one RNN unit per direction, W_hh = 0.9 (--json prints every weight)",
     "zh": "手工设定的权重：每个方向一个 RNN 单元，W_hh = 0.9（--json 输出全部权重）"},
    "demo.weights.built.bptt": {"en": "hand-built weights: the RNN and the LSTM of `demo rnn` and `demo lstm`, the same sequence",
                                "zh": "手工设定的权重：即 `demo rnn` 与 `demo lstm` 的 RNN 和 LSTM，同一序列"},
    "demo.trained": {"en": "{kind} trained by {n} Adam updates on 8-step sequences of the task ({how})",
                     "zh": "{kind} 在该任务的 8 步序列上经 {n} 次 Adam 更新训练（{how}）"},
    "demo.accuracy": {"en": "share of answers within 0.15 of the marked value, on 1000 new random {T}-step sequences: {scores}",
     "zh": "在 1000 条新的随机 {T} 步序列上，答案与标记值相差不到 0.15 的比例：{scores}"},
    "demo.trained.now": {"en": "trained now in {s} s, saved to {path}", "zh": "刚训练完，用时 {s} 秒，已存到 {path}"},
    "demo.trained.loaded": {"en": "loaded from {path}", "zh": "读自 {path}"},
    "demo.weights.random": {"en": "random weights (PyTorch's initialisation, seed {seed}): untrained, for comparison",
                            "zh": "随机权重（PyTorch 的初始化，种子 {seed}）：未训练，用于对比"},
    "demo.step": {"en": "step {t} of {T}", "zh": "第 {t} 步，共 {T} 步"},
    "demo.step.back": {"en": "step {t} (going back: {k} of {T})", "zh": "第 {t} 步（反向第 {k} 步，共 {T} 步）"},
    "demo.input": {"en": "input x_{t} = [value {v}, marker {m}, query {q}]",
                   "zh": "输入 x_{t} = [值 {v}，标记 {m}，提问 {q}]"},
    "demo.unit": {"en": "unit {n}", "zh": "单元 {n}"},
    "demo.unit.memory": {"en": "memory", "zh": "记忆"},
    "demo.unit.now": {"en": "follows x",
                     "zh": "跟随输入"},
    "demo.unit.fwd": {"en": "forward →", "zh": "正向 →"},
    "demo.unit.bwd": {"en": "backward ←", "zh": "反向 ←"},
    "demo.equations": {"en": "Equations, {unit}:", "zh": "公式，{unit}："},
    "demo.bars": {"en": "Every unit at this step:", "zh": "本步所有单元："},
    "demo.timeline": {"en": "{unit} over time (this step marked ▲):", "zh": "{unit}随时间的变化（▲ 为本步）："},
    "demo.changed": {"en": "Changed since step {t}:", "zh": "与第 {t} 步相比的变化："},
    "demo.changed.first": {"en": "First step: the state starts from H_0 = 0{c0}.", "zh": "第一步：状态从 H_0 = 0{c0} 开始。"},
    "demo.changed.first.bptt": {"en": "First step back: the gradient starts at the answer, at the last step t = {T}, and goes back to t = 1.",
     "zh": "反向第一步：梯度从答案出发，即最后一步 t = {T}，一直退回到 t = 1。"},
    "demo.changed.first.birnn": {"en": "First step: →H starts from →H_0 = 0; ←H runs from the end and starts from ←H_{T1} = 0.",
     "zh": "第一步：→H 从 →H_0 = 0 开始；←H 从末尾往回读，从 ←H_{T1} = 0 开始。"},
    "demo.changed.none": {"en": "nothing moved by more than 0.05", "zh": "没有量变化超过 0.05"},
    "demo.changed.more": {"en": "+{n} more (all of them: --json)",
     "zh": "另有 {n} 项（全部见 --json）"},
    "demo.keys": {"en": "→/Enter next   ←/Backspace back   u next unit (or 1–{n})   p play/pause   q quit",
     "zh": "→/回车 下一步   ←/退格 上一步   u 换单元（或 1–{n}）   p 播放/暂停   q 退出"},
    "demo.end": {"en": "End of the sequence. ← goes back, q leaves.", "zh": "序列结束。← 返回，q 退出。"},
    "demo.deeper": {"en": "Go deeper:", "zh": "继续学习："},
    "demo.deeper.show": {"en": "{type} question on: {claim}", "zh": "{type} 题，关于：{claim}"},
    "demo.deeper.quiz": {"en": "questions on {topic}", "zh": "{topic} 的题目"},
    "demo.deeper.random": {"en": "the same steps with untrained weights", "zh": "同样的步骤，未训练的权重"},
    "demo.timeline.x": {"en": "x value (* marker, ? query)", "zh": "x 值（* 标记，? 提问）"},
    "demo.saved": {"en": "Saved the whole trace to {path}", "zh": "已将完整过程保存到 {path}"},
    "demo.saved.step": {"en": "Saved step {t} to {path}", "zh": "已将第 {t} 步保存到 {path}"},
    "demo.answer": {"en": "answer y = H_T W_hq + b_q = {y}; the marked value was {target} ({verdict})",
                    "zh": "答案 y = H_T W_hq + b_q = {y}；标记的值是 {target}（{verdict}）"},
    "demo.right": {"en": "right", "zh": "正确"},
    "demo.wrong": {"en": "wrong", "zh": "错误"},
    # sentences: one per step, from the numbers
    "demo.s.marker": {"en": "The marker arrives: ", "zh": "标记到来："},
    "demo.s.query": {"en": "The query arrives: ", "zh": "提问到来："},
    "demo.s.lstm.write": {"en": "the input gate opens to {I} and the forget gate drops to {F}, so the cell lets go of {Cp} and takes the value: C = {C}",
                          "zh": "输入门打开到 {I}，遗忘门降到 {F}，记忆细胞丢掉 {Cp}，写入新值：C = {C}"},
    "demo.s.lstm.write.steady": {"en": "the input gate is open ({I}) and the forget gate shut ({F}), as before, so the cell replaces {Cp} with the new value: C = {C}",
     "zh": "输入门仍打开（{I}），遗忘门仍关闭（{F}），记忆细胞用新值替换 {Cp}：C = {C}"},
    "demo.s.lstm.write_empty": {"en": "the input gate opens to {I} and the forget gate drops to {F}, so the cell takes the value: C = {C}",
                                "zh": "输入门打开到 {I}，遗忘门降到 {F}，记忆细胞写入新值：C = {C}"},
    "demo.s.lstm.write_empty.steady": {"en": "the input gate is open ({I}) and the forget gate shut ({F}), so the cell takes the new value: C = {C}",
     "zh": "输入门打开（{I}），遗忘门关闭（{F}），记忆细胞写入新值：C = {C}"},
    "demo.s.lstm.wipe_empty": {"en": "the input gate ({I}) and the forget gate ({F}) are both shut, so the cell stays empty: C = {C}",
                               "zh": "输入门（{I}）和遗忘门（{F}）都关闭，记忆细胞保持为空：C = {C}"},
    "demo.s.lstm.hold": {"en": "the input gate stays shut ({I}), so the value {v} stays out, and the forget gate holds ({F})",
     "zh": "输入门保持关闭（{I}），值 {v} 进不来；遗忘门接近 1（{F}）"},
    "demo.s.lstm.hold.moved": {"en": "the input gate shuts ({I}), so the value {v} stays out, and the forget gate holds again ({F})",
     "zh": "输入门关上（{I}），值 {v} 进不来；遗忘门回到接近 1（{F}）"},
    "demo.s.lstm.kept": {"en": ": the cell keeps its value, {Cp} → {C}",
     "zh": "：记忆细胞保住原值，{Cp} → {C}"},
    "demo.s.lstm.hold.drift": {"en": "the input gate is nearly shut ({I}) and the forget gate near 1 ({F}), yet the cell moves by {d}, {Cp} → {C}: neither gate is fully shut or open, so it keeps {FC} of the old value and takes {IC} from the candidate",
     "zh": "输入门接近关闭（{I}），遗忘门接近 1（{F}），但记忆细胞仍变化了 {d}，{Cp} → {C}：两个门都没有完全关上或打开，所以保留旧值的 {FC}，并从候选值取 {IC}"},
    "demo.s.lstm.add": {"en": "the input gate ({I}) and the forget gate ({F}) are both open, so the cell keeps {Cp} and adds {IC}: C = {C}",
                        "zh": "输入门（{I}）和遗忘门（{F}）都打开，记忆细胞保留 {Cp} 并加上 {IC}：C = {C}"},
    "demo.s.lstm.wipe": {"en": "the input gate ({I}) and the forget gate ({F}) are both shut, so the cell empties: {Cp} → {C}",
                         "zh": "输入门（{I}）和遗忘门（{F}）都关闭，记忆细胞被清空：{Cp} → {C}"},
    "demo.s.lstm.mix": {"en": "the input gate is {I} and the forget gate {F}, so the cell mixes {FC} from the old value with {IC} from the candidate: C = {C}",
                        "zh": "输入门为 {I}、遗忘门为 {F}，记忆细胞把旧值的 {FC} 与候选值的 {IC} 混在一起：C = {C}"},
    "demo.s.lstm.out_open": {"en": "; the output gate opens ({O}) and H shows the cell: H = {H}.",
                             "zh": "；输出门打开（{O}），H 显示记忆细胞：H = {H}。"},
    "demo.s.lstm.out_open.steady": {"en": "; the output gate is open ({O}), so H shows the cell: H = {H}.",
     "zh": "；输出门打开（{O}），H 显示记忆细胞：H = {H}。"},
    "demo.s.lstm.out_shut": {"en": "; the output gate is shut ({O}), so H = {H} hides the cell.",
                             "zh": "；输出门关闭（{O}），H = {H}，记忆细胞不外露。"},
    "demo.s.lstm.out_mid": {"en": "; the output gate lets {O} of tanh(C) out: H = {H}.",
                            "zh": "；输出门放出 tanh(C) 的 {O}：H = {H}。"},
    "demo.s.gru.take": {"en": "the update gate drops to {Z}, so H takes {Zc} of the candidate and lets go of {Hp}: H = {H}",
                        "zh": "更新门降到 {Z}，H 取候选值的 {Zc}，丢掉 {Hp}：H = {H}"},
    "demo.s.gru.take.steady": {"en": "the update gate is shut ({Z}), as before, so H takes {Zc} of the candidate and lets go of {Hp}: H = {H}",
     "zh": "更新门仍关闭（{Z}），H 取候选值的 {Zc}，丢掉 {Hp}：H = {H}"},
    "demo.s.gru.take_empty": {"en": "the update gate drops to {Z}, so H takes {Zc} of the candidate: H = {H}",
                              "zh": "更新门降到 {Z}，H 取候选值的 {Zc}：H = {H}"},
    "demo.s.gru.take_empty.steady": {"en": "the update gate is shut ({Z}), so H takes {Zc} of the candidate: H = {H}",
     "zh": "更新门关闭（{Z}），H 取候选值的 {Zc}：H = {H}"},
    "demo.s.gru.hold": {"en": "the update gate holds ({Z}), so H keeps its value ({Hp} → {H}) and the value {v} stays out",
                       "zh": "更新门保持（{Z}），H 保住原值（{Hp} → {H}），值 {v} 进不来"},
    "demo.s.gru.hold.drift": {"en": "the update gate is {Z}, yet H moves, {Hp} → {H}: it keeps {Z} of the old state and takes {Zc} of the candidate {Ht}",
     "zh": "更新门为 {Z}，但 H 仍有变化，{Hp} → {H}：保留旧状态的 {Z}，并取候选值 {Ht} 的 {Zc}"},
    "demo.s.gru.mix": {"en": "the update gate is {Z}, so H keeps {Z} of the old and takes {Zc} of the candidate: H = {H}",
                       "zh": "更新门为 {Z}，H 保留旧值的 {Z}，取候选值的 {Zc}：H = {H}"},
    "demo.s.gru.reset_shut": {"en": "; the reset gate is shut ({R}), so the candidate ignores the old state: H̃ = {Ht}.",
                              "zh": "；重置门关闭（{R}），候选隐藏状态不看旧状态：H̃ = {Ht}。"},
    "demo.s.gru.reset_open": {"en": "; the reset gate is open ({R}), so the candidate sees the old state: H̃ = {Ht}.",
                              "zh": "；重置门打开（{R}），候选隐藏状态参考旧状态：H̃ = {Ht}。"},
    "demo.s.gru.reset_mid": {"en": "; the reset gate lets {R} of the old state into the candidate: H̃ = {Ht}.",
                             "zh": "；重置门让旧状态的 {R} 进入候选隐藏状态：H̃ = {Ht}。"},
    "demo.s.rnn.before": {"en": "H = {H}: the state follows the inputs; there is nothing to remember yet.",
                          "zh": "H = {H}：状态跟着输入走，还没有要记住的东西。"},
    "demo.s.rnn.marker": {"en": "an RNN has no gate, so the marked value {v} enters H like every other value: H = {H}.",
                          "zh": "RNN 没有门，标记的值 {v} 像其他值一样进入 H：H = {H}。"},
    "demo.s.rnn.fade": {"en": "H = {H}; what is left of the marked value v_{p} (x at step {p}): ∂H_t/∂v_{p} = {k}, {pct} % of its effect at step {p}.",
     "zh": "H = {H}；标记值 v_{p}（第 {p} 步的 x）还剩多少：∂H_t/∂v_{p} = {k}，是第 {p} 步时的 {pct}%。"},
    "demo.s.keep": {"en": " The state still carries the marked value v_{p} (x at step {p}): ∂{q}_t/∂v_{p} = {k}.",
     "zh": "状态仍带着标记的值 v_{p}（第 {p} 步的 x）：∂{q}_t/∂v_{p} = {k}。"},
    "demo.s.birnn.first": {"en": "→H_1 has seen only x_1 (∂→H_1/∂v_{T} = {lf}), while ←H_1 has already read the sequence from the end: ∂←H_1/∂v_{T} = {lb}.",
                           "zh": "→H_1 只看到了 x_1（∂→H_1/∂v_{T} = {lf}），而 ←H_1 已经从末尾读完了整个序列：∂←H_1/∂v_{T} = {lb}。"},
    "demo.s.birnn.last": {"en": "→H_{T} has now read everything (∂→H_{T}/∂v_1 = {ff}), while ←H_{T} has seen only x_{T} (∂←H_{T}/∂v_1 = {fb}).",
                          "zh": "→H_{T} 现在读完了全部（∂→H_{T}/∂v_1 = {ff}），而 ←H_{T} 只看到 x_{T}（∂←H_{T}/∂v_1 = {fb}）。"},
    "demo.s.birnn.mid": {"en": "→H_{t} has seen x_1…x_{t}, ←H_{t} has seen x_{t}…x_{T}: H_{t} = [→H_{t}, ←H_{t}] = [{hf}, {hb}] holds both sides (∂←H_{t}/∂v_{T} = {lb}).",
                         "zh": "→H_{t} 看到了 x_1…x_{t}，←H_{t} 看到了 x_{t}…x_{T}：H_{t} = [→H_{t}, ←H_{t}] = [{hf}, {hb}] 兼顾两侧（∂←H_{t}/∂v_{T} = {lb}）。"},
    "demo.s.bptt.start": {"en": "The gradient starts at the answer y = H_{T} W_hq + b_q: ‖∂y/∂H_{T}‖ = {r} for the RNN, ‖∂y/∂C_{T}‖ = {l} for the LSTM. Each step back multiplies it by what that step did.",
                         "zh": "梯度从答案 y = H_{T} W_hq + b_q 出发：RNN 的 ‖∂y/∂H_{T}‖ = {r}，LSTM 的 ‖∂y/∂C_{T}‖ = {l}。每退一步，都乘以那一步的作用。"},
    "demo.s.bptt.step": {"en": "One step back, the norm of the RNN's gradient over all units, ‖∂y/∂H‖, is multiplied by {rr}, now {r} ({rp} % of its start; each unit's part is multiplied by tanh′ × W_hh, as in the equation); the LSTM's ‖∂y/∂C‖ by {lr} (its forget gate), now {l}.",
     "zh": "再退一步，RNN 梯度在所有单元上的范数 ‖∂y/∂H‖ 乘以 {rr}，现在是 {r}（起点的 {rp}%；每个单元的分量乘以 tanh′ × W_hh，见公式）；LSTM 的 ‖∂y/∂C‖ 乘以 {lr}（遗忘门），现在是 {l}。"},
    "demo.s.bptt.vanished": {"en": " The RNN's gradient is below 1 % of its start: it has vanished.",
                             "zh": "RNN 的梯度已不到起点的 1%：它消失了。"},
    "demo.s.bptt.cut": {"en": " At step {t1} the LSTM's forget gate was shut ({F}): the cell was overwritten there, so the answer does not depend on anything the cell held before.",
                        "zh": "第 {t1} 步 LSTM 的遗忘门是关闭的（{F}）：记忆细胞在那里被改写，所以答案与之前细胞里的内容无关。"},
    "demo.bptt.scale": {"en": "gradient norm per step, log scale (each ┊ is ×10):", "zh": "每一步的梯度范数，对数刻度（每个 ┊ 为 ×10）："},
    "demo.bptt.hidden": {"en": "(t = {T} … {t}, {n} steps, are above: a taller terminal shows them)",
                         "zh": "（t = {T} … {t} 共 {n} 步在上方：终端高一些就能看到）"},
    "demo.bptt.rnn": {"en": "RNN  ‖∂y/∂H_t‖", "zh": "RNN  ‖∂y/∂H_t‖"},
    "demo.bptt.lstm": {"en": "LSTM ‖∂y/∂C_t‖", "zh": "LSTM ‖∂y/∂C_t‖"},
    # options and errors
    "demo.err.kind": {"en": "No demo named {kind!r}. Known: {known}", "zh": "没有名为 {kind!r} 的演示。可选：{known}"},
    "demo.err.trained": {"en": "--trained and --random exclude each other: pick one",
                         "zh": "--trained 与 --random 不能同时使用：请选一个"},
    "demo.err.trained.birnn": {"en": "demo birnn has no --trained model (what it shows holds for any weights; try --random)",
                               "zh": "demo birnn 没有 --trained 模型（它展示的性质对任何权重都成立；可试 --random）"},
    "demo.err.seed": {"en": "--seed {seed}: give a seed of 0 or more",
                      "zh": "--seed {seed}：种子须为 0 或更大的整数"},
    "demo.err.json_file": {"en": "{option} cannot be combined with --json: run them separately",
                           "zh": "{option} 不能与 --json 同时使用：请分别运行"},
    "demo.err.hidden": {"en": "--hidden applies to --random models only (the built ones have 2 units)",
                        "zh": "--hidden 只用于 --random 模型（手工设定的模型有 2 个单元）"},
    "demo.err.unit": {"en": "--unit {unit}: this model has {n} units", "zh": "--unit {unit}：这个模型只有 {n} 个单元"},
    "demo.err.at": {"en": "--at {at} is past the last step ({T})", "zh": "--at {at} 超过了最后一步（{T}）"},
}

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
