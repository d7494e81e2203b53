"""Chinese for the plain-English text of the older experiments (check names, figure rows, columns, chart
titles, axes and the "what" of a check's detail). No NumPy here.

New experiments write ``bi(en, zh)`` themselves; the older ones keep plain strings, and ``loc(text, "zh")``
looks them up here: first as a whole (``EXACT``), else phrase by phrase (``PHRASES``, longest first), so
that a string built with numbers ("T=100: …", "seed 3") still reads in Chinese. Math (‖∂L/∂h_t‖, ρ^k)
is the same in both languages and is left alone. A test renders every proof with ``--lang zh`` and
fails on English words left in it.
"""

from __future__ import annotations

import re

EXACT: dict[str, str] = {
    # memory
    "RNN: h_T changes when only x_1 does": "RNN：只改变 x_1 时 h_T 也会变化",
    "FFN on x_T alone: output unchanged": "只看 x_T 的前馈网络：输出不变",
    "|Δh_t| after perturbing x_1": "扰动 x_1 后的 |Δh_t|",
    "max |Δ output at T|": "T 时刻输出的 max |Δ|",
    "max |Δ output at t=1|": "t=1 时刻输出的 max |Δ|",
    # weight-sharing
    "parameters (same weights)": "参数量（同一组权重）",
    "rel. error vs Σ_t per-step terms": "与逐步贡献之和 Σ_t 的相对误差",
    "per-step contribution to ∂L/∂W_hh (T=100)": "各时间步对 ∂L/∂W_hh 的贡献（T=100）",
    # birnn-future
    "unidirectional": "单向",
    "BiRNN →H": "双向 →H",
    "BiRNN ←H": "双向 ←H",
    "max |Δ state at t=1|": "t=1 时状态的 max |Δ|",
    "max |Δ state, t<T|": "t<T 时状态的 max |Δ|",
    "output width": "输出宽度",
    "unidirectional: Δh_1 == 0 exactly": "单向：Δh_1 恰为 0",
    "BiRNN forward half: ΔH_1 == 0": "双向正向部分：ΔH_1 == 0",
    "BiRNN backward half sees x_T at t=1": "双向反向部分在 t=1 就能看到 x_T",
    "BiRNN output width is 2h": "双向 RNN 的输出宽度为 2h",
    "|ΔH_t| after perturbing x_T (0 drawn at 1e-17)": "扰动 x_T 后的 |ΔH_t|（0 画在 1e-17）",
    "uni": "单向",
    "Bi ←H": "双向 ←H",
    # io-patterns
    "output shape": "输出形状",
    "expected": "预期",
    "one-to-one": "一对一",
    "one-to-many": "一对多",
    "many-to-one": "多对一",
    "many-to-many (aligned)": "多对多（等长）",
    "encoder–decoder": "编码器–解码器",
    # receptive-field
    "conv stack": "卷积堆叠",
    "conv": "卷积",
    "farthest input that moves y_T": "能影响 y_T 的最远输入",
    "conv: output unchanged exactly outside L(k−1)+1": "卷积：超出 L(k−1)+1 的输入对输出毫无影响",
    "conv: edge of the window still counts": "卷积：窗口边缘的输入仍有影响",
    "RNN: output changes from beyond the window": "RNN：窗口之外的输入也会改变输出",
    "|Δy_T| against the distance of the perturbed input (0 drawn at 1e-17)": "|Δy_T| 与被扰动输入距离的关系（0 画在 1e-17）",
    "distance T − s": "距离 T − s",
    # bptt-gradcheck
    "max rel. error": "最大相对误差",
    "worst array": "误差最大的数组",
    "L = (1/T) Σ_t ℓ_t": "L = (1/T) Σ_t ℓ_t",
    "per-step losses ℓ_t and their mean L": "各步损失 ℓ_t 及其平均 L",
    "loss": "损失",
    "weights": "权重",
    "all weights": "全部权重",
    "output.size(0), padded": "output.size(0)（补齐）",
    # spectral-radius
    "linear, k=20": "线性，k=20",
    "tanh, k=20": "tanh，k=20",
    "tanh, k=60": "tanh，k=60",
    "linear RNN: ‖∂h_T/∂h_(T−k)‖ = ρ^k": "线性 RNN：‖∂h_T/∂h_(T−k)‖ = ρ^k",
    "linear, k=50 (ρ=0.9: 0.9^50)": "线性，k=50（ρ=0.9：0.9^50）",
    "tanh RNN: ‖∂h_T/∂h_(T−k)‖ ≤ ρ^k (|tanh′| ≤ 1)": "tanh RNN：‖∂h_T/∂h_(T−k)‖ ≤ ρ^k（|tanh′| ≤ 1）",
    "tanh RNN, k=60: saturation pulls the norm well below ρ^k": "tanh RNN，k=60：饱和使范数远低于 ρ^k",
    "ρ=0.5: the gradient vanishes (k=20 vs k=1)": "ρ=0.5：梯度消失（k=20 对比 k=1）",
    "tanh ρ=1.1 need not explode (ρ>1 necessary, not sufficient)": "tanh、ρ=1.1 不一定爆炸（ρ>1 是必要条件而非充分条件）",
    "tanh RNN: ‖∂h_T/∂h_(T−k)‖": "tanh RNN：‖∂h_T/∂h_(T−k)‖",
    "norm": "范数",
    # clipping-explode
    "no clip: max loss / first loss": "不裁剪：最大损失 / 初始损失",
    "no clip: max ‖Δθ‖ / (lr·θ)": "不裁剪：最大 ‖Δθ‖ / (lr·θ)",
    "clip: max ‖Δθ‖": "裁剪：最大 ‖Δθ‖",
    "clip: max loss / first loss": "裁剪：最大损失 / 初始损失",
    "final loss: no clip / clip": "最终损失：不裁剪 / 裁剪",
    "without clipping the loss diverges": "不裁剪时损失发散",
    "without clipping single updates are huge": "不裁剪时单次更新极大",
    "with clipping every update ≤ lr·θ": "裁剪后每次更新 ≤ lr·θ",
    "with clipping training proceeds: the loss never rises 100× above its start": "裁剪后训练照常进行：损失从未升到初始值的 100 倍",
    "the clipped run ends far below the unclipped one": "裁剪的训练最终损失远低于不裁剪的",
    "step": "步",
    "no clipping": "不裁剪",
    # clipping-vanish
    "value": "数值",
    "cos(norm-clipped, raw)": "cos(按范数裁剪, 原梯度)",
    "cos(value-clipped, raw)": "cos(按值裁剪, 原梯度)",
    "‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ at init": "初始化时 ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖",
    "norm clipping keeps the direction": "按范数裁剪保持梯度方向",
    "value clipping changes the direction": "按值裁剪改变梯度方向",
    "the gradient reaching h_1 has vanished at init": "初始化时到达 h_1 的梯度已经消失",
    "vanilla RNN with clipping still fails the adding problem": "加了裁剪的普通 RNN 仍学不会加法问题",
    "gradient reaching step t at initialisation": "初始化时到达第 t 步的梯度",
    "training loss with clipping": "裁剪后的训练损失",
    # long-range
    "final test MSE/Var": "最终测试 MSE/Var",
    "steps trained": "训练步数",
    "vanilla RNN does not learn it in the same budget": "同样的预算下普通 RNN 学不会",
    "GRU learns it: error ≥ 10× below the RNN's": "GRU 学会了：误差比 RNN 低 10 倍以上",
    "LSTM (forget bias 1) learns it: error ≥ 10× below the RNN's": "LSTM（遗忘偏置 1）学会了：误差比 RNN 低 10 倍以上",
    "test MSE/Var while training": "训练过程中的测试 MSE/Var",
    # gate-ranges
    "min": "最小值",
    "max": "最大值",
    "exact 0/1 at ×1000": "输入 ×1000 时恰为 0/1 的比例",
    "GRU: H_t = Z_t ⊙ H_(t−1) + (1 − Z_t) ⊙ H̃_t at every step": "GRU：每步 H_t = Z_t ⊙ H_(t−1) + (1 − Z_t) ⊙ H̃_t",
    "LSTM: C_t = F_t ⊙ C_(t−1) + I_t ⊙ C̃_t and H_t = O_t ⊙ tanh(C_t)": "LSTM：C_t = F_t ⊙ C_(t−1) + I_t ⊙ C̃_t，且 H_t = O_t ⊙ tanh(C_t)",
    "gates strictly inside (0, 1)": "门严格位于 (0, 1) 内",
    "candidates and H strictly inside (−1, 1)": "候选值与 H 严格位于 (−1, 1) 内",
    "large inputs saturate gates to exactly 0 and exactly 1": "大输入使门饱和到恰好 0 和恰好 1",
    # gru-reset / gru-update
    "reset closed (b_r=−20): H_(t−1) cut out of H̃_t": "重置门关闭（b_r=−20）：H̃_t 中不再含 H_(t−1)",
    "reset open (b_r=+5): H̃_t depends on H_(t−1)": "重置门打开（b_r=+5）：H̃_t 依赖 H_(t−1)",
    "‖∂H̃_t/∂H_(t−1)‖ against the reset-gate bias": "‖∂H̃_t/∂H_(t−1)‖ 与重置门偏置的关系",
    "ordinary": "普通初始化",
    "ordinary gates let the state move": "普通的门会让状态变化",
    "drift": "漂移",
    # lstm-carousel / output-gate
    "Π F_t (mean)": "Π F_t（平均）",
    "carousel: C barely drifts, 1000× less than the controls": "常数误差传送带：C 几乎不漂移，比对照组小 1000 倍",
    "Π F_t ≈ 1: the cell keeps its content": "Π F_t ≈ 1：记忆细胞保留其内容",
    "controls drift: C_0 is overwritten": "对照组漂移：C_0 被覆盖",
    "H_t = O_t ⊙ tanh(C_t): the hidden state reads the cell": "H_t = O_t ⊙ tanh(C_t)：隐藏状态读取记忆细胞",
    "|C_t − C_0| (max over units)": "|C_t − C_0|（各单元最大值）",
    "carousel": "传送带",
    "gate closed": "门关闭",
    "reopened": "重新打开",
    "closed output gate: H ≈ 0": "输出门关闭：H ≈ 0",
    "…while C keeps its content": "……同时 C 保留其内容",
    "reopened: H = tanh(C) shows the content": "重新打开：H = tanh(C) 显示出内容",
    "max |H_t|: output gate closed, then reopened at t=51": "max |H_t|：输出门先关闭，t=51 时重新打开",
    # gru-vs-lstm
    "GRU (reset-before), single bias": "GRU（重置在前），单偏置",
    "LSTM, single bias": "LSTM，单偏置",
    "GRU (reset-after), double bias": "GRU（重置在后），双偏置",
    "LSTM, double bias": "LSTM，双偏置",
    "single bias (d2l): GRU/LSTM = 3/4 exactly": "单偏置（d2l）：GRU/LSTM 恰为 3/4",
    "double bias (PyTorch): GRU/LSTM = 3/4 exactly": "双偏置（PyTorch）：GRU/LSTM 恰为 3/4",
    # gate-activations
    "ReLU gates: max |C_t|": "ReLU 门：max |C_t|",
    "sigmoid gates: max |C_t|": "sigmoid 门：max |C_t|",
    "ReLU gates: the cell blows up on every seed": "ReLU 门：每个种子下记忆细胞都爆炸",
    "sigmoid gates: the cell stays bounded, far below the bound |C_t| ≤ t": "sigmoid 门：记忆细胞有界，远低于上界 |C_t| ≤ t",
    "tanh′(0) = 1: 4× the gradient near 0": "tanh′(0) = 1：在 0 附近梯度是 sigmoid 的 4 倍",
    "relu gates": "ReLU 门",
    "sigmoid gates": "sigmoid 门",
    # forget-bias
    "gradient reaching h_1 grows with every step of b_f": "到达 h_1 的梯度随 b_f 每增加一级而增大",
    "b_f = 1 vs 0: the gradient path opens": "b_f = 1 对比 0：梯度通路被打通",
    "C_1 / C_0 at b_f = 1": "b_f = 1 时 C_1 / C_0",
    "C_5 / C_0 at b_f = 1": "b_f = 1 时 C_5 / C_0",
    "b_f = 1 keeps σ(1) ≈ 0.731 of the cell per step": "b_f = 1 时每步保留记忆细胞的 σ(1) ≈ 0.731",
    "…and σ(1)^k after k steps (k=5)": "……k 步后保留 σ(1)^k（k=5）",
    "gradient ratio against the forget bias": "梯度比值与遗忘门偏置的关系",
    "ratio": "比值",
    # conventions
    "GRU reset-after vs reset-before": "GRU 重置在后 vs 重置在前",
    "LSTM i,f,g,o weights read as i,f,o,g": "LSTM 的 i,f,g,o 权重按 i,f,o,g 读取",
    "… converted back to i,f,g,o": "……再转换回 i,f,g,o",
    "GRU forms differ with the same weights": "同一组权重下两种 GRU 形式输出不同",
    "LSTM gate order matters when loading weights": "加载权重时 LSTM 的门顺序很重要",
    "reordering the blocks back restores the outputs exactly": "把分块顺序换回后输出完全恢复",
    # batchnorm
    "batch norm": "批量归一化",
    "layer norm": "层归一化",
    "batch": "批量归一化",
    "layer": "层归一化",
    "sample 0: max |ΔH| when only batch-mates change": "样本 0：只换同批样本时的 max |ΔH|",
    "B=1: max |H(seq a) − H(seq b)|": "B=1：max |H(序列 a) − H(序列 b)|",
    "recurrent-term std at t=1": "t=1 时循环项的标准差",
    "recurrent-term std at t=2": "t=2 时循环项的标准差",
    "BN: sample 0's output depends on its batch-mates": "批量归一化：样本 0 的输出依赖同批样本",
    "BN with B=1 collapses: every sequence gives the same output": "B=1 的批量归一化失效：每条序列输出相同",
    "BN: the recurrent term has batch std 0 at t=1 (H_0 = 0 for all)": "批量归一化：t=1 时循环项的批内标准差为 0（所有 H_0 = 0）",
    "LN: sample 0 is independent of its batch": "层归一化：样本 0 与同批样本无关",
    "sample 0: |ΔH_t| when only its batch-mates change (0 drawn at 1e-17)": "样本 0：只换同批样本时的 |ΔH_t|（0 画在 1e-17）",
}

# Substrings, for text built with numbers (applied longest first).
PHRASES: dict[str, str] = {
    "max over ρ of |measured rate / ρ − 1|": "各 ρ 中 |实测衰减率 / ρ − 1| 的最大值",
    "|rate/‖W‖₂ − 1| / |rate/ρ − 1|": "|衰减率/‖W‖₂ − 1| / |衰减率/ρ − 1|",
    "|measured rate / ρ − 1|": "|实测衰减率 / ρ − 1|",
    "|perplexity/4 − 1| (5 would give 0.25)": "|困惑度/4 − 1|（算术平均 5 会得到 0.25）",
    "|perplexity/4 − 1|": "|困惑度/4 − 1|",
    "|perplexity / e^(source entropy) − 1|": "|困惑度 / e^(信源熵) − 1|",
    "exp(loss)": "exp(损失)",
    "(float64 noise: 1e-16)": "（float64 噪声：1e-16）",
    "one-to-one": "一对一",
    "one-to-many": "一对多",
    "many-to-one": "多对一",
    "many-to-many (aligned)": "多对多（等长）",
    "encoder–decoder": "编码器–解码器",
    " over x_": " 在 x_",
    "all weights": "全部权重",
    "std =": "标准差 =",
    "beyond / inside the last chunk": "最后一块之外 / 之内",
    "largest / smallest bytes per added step − 1": "每增加一步的字节数 最大/最小 − 1",
    "chunk-1 gradient change / its own gradient": "第 1 块梯度的变化 / 它自身的梯度",
    "per step / none": "每步掩码 / 不用 dropout",
    "per sequence / none": "每序列掩码 / 不用 dropout",
    "per sequence": "每条序列一个掩码",
    "per step": "每步新掩码",
    "none": "不用 dropout",
    "free / teacher-forced MSE, last 10 steps": "自由运行 / 教师强制的 MSE，最后 10 步",
    "last-10 MSE / first-5 MSE": "最后 10 步 MSE / 前 5 步 MSE",
    "(finite differences)": "（有限差分）",
    "full − diag(F) / direct − diag(F)": "完整 − diag(F) / 直接 − diag(F)",
    "large / ordinary": "大 W_hc / 普通初始化",
    "no forget / forget, at t=2000": "无遗忘门 / 有遗忘门，t=2000",
    "|measured / 10 − 1|": "|实测 / 10 − 1|",
    "|measured − 1|": "|实测 − 1|",
    "smallest perplexity": "最小困惑度",
    "forward+backward": "前向+反向",
    "median of": "中位数，重复",
    "faster": "更快",
    "not faster": "不更快",
    "informational, not a check: timings depend on the machine": "仅供参考，不作为检验：耗时取决于机器",
    "(centred differences)": "（中心差分）",
    "max |ΔH_0|": "max |ΔH_0|",
    "max |Δh_T| / max |Δh_1|": "max |Δh_T| / max |Δh_1|",
    "exactly": "（精确）",
    "relative error against g·min(1, θ/‖g‖)": "相对 g·min(1, θ/‖g‖) 的误差",
    "relative error": "相对误差",
    "relative difference": "相对差",
    "max relative error, all ρ, k ≤ 60": "最大相对误差，所有 ρ，k ≤ 60",
    "max relative error": "最大相对误差",
    "max over ρ of norm / ρ^60": "各 ρ 中 范数 / ρ^60 的最大值",
    "norm at k=60 / ρ^60": "k=60 时的范数 / ρ^60",
    "at k=20 / at k=1": "k=20 时 / k=1 时",
    "max norm / ρ^k": "最大 范数 / ρ^k",
    "(a bound that holds by |tanh′| ≤ 1)": "（由 |tanh′| ≤ 1 保证的上界）",
    "smallest max loss / first loss": "各种子中 最大损失 / 初始损失 的最小值",
    "smallest max ‖Δθ‖ / (lr·θ)": "各种子中 max ‖Δθ‖ / (lr·θ) 的最小值",
    "largest max ‖Δθ‖/(lr·θ) − 1": "各种子中 max ‖Δθ‖/(lr·θ) − 1 的最大值",
    "largest max loss / first loss": "各种子中 最大损失 / 初始损失 的最大值",
    "smallest final loss ratio, no clip / clip": "各种子中 最终损失比（不裁剪 / 裁剪）的最小值",
    "test MSE/Var (1 = predicting the mean)": "测试 MSE/Var（1 = 只会预测均值）",
    "MSE/Var (1 = predicting the mean)": "MSE/Var（1 = 只会预测均值）",
    "RNN MSE / GRU MSE": "RNN 的 MSE / GRU 的 MSE",
    "RNN MSE / LSTM MSE": "RNN 的 MSE / LSTM 的 MSE",
    "max |difference|": "最大 |差|",
    "every H̃, C̃, H: −1 < v < 1": "所有 H̃、C̃、H：−1 < v < 1",
    "(need both > 0)": "（两者都需 > 0）",
    "values == 0.0 and": "个值 == 0.0，",
    "== 1.0": "个 == 1.0",
    "at b_r=−20 / at b_r=0": "b_r=−20 时 / b_r=0 时",
    "at b_r=+5 / at b_r=−5": "b_r=+5 时 / b_r=−5 时",
    "/ ordinary max": "/ 普通初始化的 max",
    "smaller control drift": "较小的对照组漂移",
    "smaller control max": "较小的对照组 max",
    "carousel / controls": "传送带 / 对照组",
    "closed / reopened": "关闭时 / 重新打开后",
    "smallest ReLU max |C| / largest sigmoid max |C|": "ReLU 门 max |C| 的最小值 / sigmoid 门 max |C| 的最大值",
    "largest max |C| / T": "各种子中 max |C| / T 的最大值",
    "smallest ratio(b_f + 1) / ratio(b_f)": "各级 b_f 中 比值(b_f + 1) / 比值(b_f) 的最小值",
    "ratio(1)/ratio(0)": "比值(1)/比值(0)",
    "max |ΔH_0| / LN's |H(a) − H(b)|": "max |ΔH_0| / 层归一化的 |H(a) − H(b)|",
    "BN |H(a) − H(b)| / LN |H(a) − H(b)|": "批量归一化 |H(a) − H(b)| / 层归一化 |H(a) − H(b)|",
    "LN max |ΔH_0| / BN max |ΔH_0|": "层归一化 max |ΔH_0| / 批量归一化 max |ΔH_0|",
    "at distance": "距离为",
    "/ at distance 0": "/ 距离为 0 时",
    "perturbed (inside)": "被扰动（窗口内）",
    "perturbed (outside)": "被扰动（窗口外）",
    "max_t<T": "t<T 时 max",
    "width": "宽度",
    "ratios": "比值",
    "training loss, seed": "训练损失，种子",
    "max |C_t|, seed": "max |C_t|，种子",
    "seed": "种子",
    "measured ‖W^k‖": "实测 ‖W^k‖",
    "linear,": "线性，",
    "clipped at": "裁剪阈值",
    "when ‖g‖ > θ:": "当 ‖g‖ > θ 时：",
    "clip (": "裁剪 (",
    ") at θ=": ") 阈值 θ=",
    "clip θ=": "裁剪 θ=",
    "RNN + clipping: test MSE/Var after": "RNN + 裁剪：测试 MSE/Var，训练",
    " steps": " 步",
    "carries H through": "让 H 保持不变走过",
    "BPTT = centred differences": "BPTT = 中心差分",
    "GRU reset-after": "GRU 重置在后",
    "GRU reset-before": "GRU 重置在前",
    "shape": "形状",
    "gates": "门",
    "ordinary": "普通初始化",
}

_PHRASES = sorted(PHRASES.items(), key=lambda kv: -len(kv[0]))
_WORDS = re.compile(r"[A-Za-z]{3,}")


def to_zh(text: str) -> str:
    """Chinese for a plain English string of an experiment (unchanged if nothing matches)."""
    if text in EXACT:
        return EXACT[text]
    out = text
    for en, zh in _PHRASES:
        if en in out:
            out = out.replace(en, zh)
    return out


# ---------------------------------------------------------------- round 2 (proofs-a): clipping-explode,
# clipping-vanish, long-range, lstm-carousel, gru-vs-lstm. Added here so the lookups above stay untouched.
EXACT.update({
    "without clipping the loss diverges (≥ 10× its start, or inf/nan)": "不裁剪时损失发散（≥ 初始值的 10 倍，或溢出为无穷大）",
    "with clipping training proceeds: the held-out loss falls below half its start":
        "裁剪后训练照常进行：留出损失降到初始值的一半以下",
    "with clipping the model learns: held-out loss below half of predicting the mean":
        "裁剪后模型学到了东西：留出损失低于只预测均值的一半",
    "positive control: a GRU with the same clipping and steps learns it, error ≥ 10× below the RNN's":
        "阳性对照：相同裁剪和步数的 GRU 学会了，误差比 RNN 低 10 倍以上",
    "carousel: C barely drifts, 1000× less than the controls (b_f=+20, b_i=−20 vs b_f=+5, b_i=−5 and b_f=b_i=0)":
        "常数误差传送带：C 几乎不漂移，比对照组小 1000 倍（b_f=+20、b_i=−20 对比 b_f=+5、b_i=−5 以及 b_f=b_i=0）",
    "per-step matrix work: GRU/LSTM = 3/4 exactly": "每步矩阵运算量：GRU/LSTM 正好 = 3/4",
    "long range needs the update gate: without it the error is ≥ 10× the full GRU's":
        "长程依赖需要更新门：去掉它误差 ≥ 完整 GRU 的 10 倍",
    "…and not the reset gate: without it the GRU still learns, ≥ 10× below the no-update one":
        "……而不需要重置门：去掉它 GRU 仍能学会，误差比去掉更新门的低 10 倍以上",
    "reset closed: H_T reflects only the current input (dependence on x_(T−1) ≥ 1000× below plain)":
        "重置门关闭：H_T 只反映当前输入（对 x_(T−1) 的依赖比普通情形低 1000 倍以上）",
    "update gate keeping: H_T still depends on x_(T−10), ≥ 1000× more than plain":
        "更新门保留：H_T 仍依赖 x_(T−10)，比普通情形高 1000 倍以上",
})
PHRASES.update({
    "multiply-adds of x_t·W_ih and h_(t−1)·W_hh, ratios": "x_t·W_ih 与 h_(t−1)·W_hh 的乘加次数，比值",
    "MSE no update gate / MSE GRU": "去掉更新门的 MSE / GRU 的 MSE",
    "MSE no update gate / MSE no reset gate": "去掉更新门的 MSE / 去掉重置门的 MSE",
    "relative dependence on x_(T−1): reset closed / plain": "对 x_(T−1) 的相对依赖：重置门关闭 / 普通",
    "relative dependence on x_(T−10): update keeps / plain": "对 x_(T−10) 的相对依赖：更新门保留 / 普通",
})
PHRASES.update({
    "largest held-out MSE end / start": "各种子中 留出 MSE（训练后 / 训练前）的最大值",
    "largest held-out MSE end / Var y": "各种子中 留出 MSE（训练后 / Var y）的最大值",
    "GRU + clipping: test MSE/Var after": "GRU + 裁剪：测试 MSE/Var，训练",
})
_PHRASES = sorted(PHRASES.items(), key=lambda kv: -len(kv[0]))


# ---------------------------------------------------------------- round 2 (proofs-c): citations. The render passes a
# proof's citation through to_zh, so each citation with English words beyond names, titles and code gets its line.
EXACT.update({
    "Cho et al. 2014 v3 vs PyTorch/cuDNN nn.GRU; Keras reset_after; PyTorch nn.LSTM (i,f,g,o)":
        "Cho et al. 2014 v3 对比 PyTorch/cuDNN nn.GRU；Keras reset_after；PyTorch nn.LSTM（i,f,g,o）",
    "Cho et al. 2014; d2l §10.2.2 (reset gate)": "Cho et al. 2014；d2l §10.2.2（重置门）",
    "Cho et al. 2014; d2l §10.2.3 (update gate)": "Cho et al. 2014；d2l §10.2.3（更新门）",
    "Chung et al. 2014; Jozefowicz et al. 2015; d2l §10.2; PyTorch nn.GRU / nn.LSTM docs":
        "Chung et al. 2014；Jozefowicz et al. 2015；d2l §10.2；PyTorch nn.GRU / nn.LSTM 文档",
    "Elman 1990; d2l §9.4 (RNNs with hidden states)": "Elman 1990；d2l §9.4（有隐状态的循环神经网络）",
    "Gal & Ghahramani 2016 (variational RNN dropout); Zaremba et al. 2014; Semeniuta et al. 2016":
        "Gal & Ghahramani 2016（变分 RNN dropout）；Zaremba et al. 2014；Semeniuta et al. 2016",
    "Gers et al. 2000; Hochreiter & Schmidhuber 1997 (constant error carousel); d2l §10.1":
        "Gers et al. 2000；Hochreiter & Schmidhuber 1997（常数误差传送带）；d2l §10.1",
    "Hochreiter & Schmidhuber 1997; d2l §10.1.1 (output gate)": "Hochreiter & Schmidhuber 1997；d2l §10.1.1（输出门）",
    "Ioffe & Szegedy 2015; Ba, Kiros & Hinton 2016 (layer norm); Cooijmans et al. 2016; Laurent et al. 2016":
        "Ioffe & Szegedy 2015；Ba, Kiros & Hinton 2016（层归一化）；Cooijmans et al. 2016；Laurent et al. 2016",
    "Jurafsky & Martin, SLP3 §3.3; d2l §9.3.1 (perplexity)": "Jurafsky & Martin, SLP3 §3.3；d2l §9.3.1（困惑度）",
    "Pascanu, Mikolov & Bengio 2013; Jozefowicz et al. 2015; Merity et al. 2018 (AWD-LSTM clips at 0.25)":
        "Pascanu, Mikolov & Bengio 2013；Jozefowicz et al. 2015；Merity et al. 2018（AWD-LSTM 的裁剪阈值为 0.25）",
    "PyTorch Tensor.detach; d2l §9.7 and §9.5 (detach the state between minibatches)":
        "PyTorch Tensor.detach；d2l §9.7 与 §9.5（在小批量之间分离状态）",
    "PyTorch nn.GRU(bidirectional=True) h_n layout; Schuster & Paliwal 1997":
        "PyTorch nn.GRU(bidirectional=True) 的 h_n 布局；Schuster & Paliwal 1997",
    "PyTorch pack_padded_sequence / pad_packed_sequence; d2l §9.5 (masking)":
        "PyTorch pack_padded_sequence / pad_packed_sequence；d2l §9.5（掩码）",
    "Schuster & Paliwal 1997; d2l §10.4 (bidirectional RNNs)": "Schuster & Paliwal 1997；d2l §10.4（双向循环神经网络）",
    "Williams & Peng 1990; Sutskever 2013 (thesis) §2.4; d2l §9.7.1 (truncating time steps)":
        "Williams & Peng 1990；Sutskever 2013（博士论文）§2.4；d2l §9.7.1（截断时间步）",
    "Williams & Zipser 1989; Bengio et al. 2015 (scheduled sampling); Ranzato et al. 2016 (exposure bias)":
        "Williams & Zipser 1989；Bengio et al. 2015（计划采样）；Ranzato et al. 2016（暴露偏差）",
    "d2l §10.1–10.2; Cho et al. 2014; Hochreiter & Schmidhuber 1997; IEEE 754 rounding":
        "d2l §10.1–10.2；Cho et al. 2014；Hochreiter & Schmidhuber 1997；IEEE 754 舍入",
    "d2l §7 and §9 (CNN receptive field vs RNN state); van den Oord et al. 2016 (WaveNet)":
        "d2l §7 与 §9（CNN 感受野对比 RNN 状态）；van den Oord et al. 2016（WaveNet）",
    "d2l §9.7 (backpropagation through time); Werbos 1990": "d2l §9.7（通过时间反向传播）；Werbos 1990",
    # bptt-gradcheck rows
    "L vs mean_t ℓ_t": "L 对比 mean_t ℓ_t",
    "∂L vs mean_t ∂ℓ_t": "∂L 对比 mean_t ∂ℓ_t",
})
