"""Every proof id, what it shows, and where its experiment lives. No NumPy here.

Banks name proofs by id (YAML never names code); `run` resolves ``"module:function"`` only from this
table. ``built`` flips to True as each experiment lands; a pending proof is listed by `validate`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rnnquiz.bank.schema import Text


@dataclass(frozen=True)
class ProofSpec:
    id: str
    target: str  # "module:function", a function (seed, quick, **question_params) -> ProofResult
    title: Text
    claims: tuple[str, ...]
    runtime: str  # "instant" (< 1 s) or "training" (seconds)
    built: bool = False

    @property
    def pending(self) -> bool:
        return not self.built


def _p(pid: str, module: str, en: str, zh: str, claims: str, runtime: str = "instant", built: bool = False) -> ProofSpec:
    fn = pid.replace("-", "_")
    return ProofSpec(pid, f"rnnquiz.proofs.experiments.{module}:{fn}", Text(en, zh), tuple(claims.split()), runtime, built)


_SPECS = [
    _p("memory", "rnn", "An RNN's state remembers x_1; a feed-forward net on x_T cannot",
       "RNN 的隐藏状态记得 x_1，只看 x_T 的前馈网络做不到", "R3 R4 R5"),
    _p("weight-sharing", "rnn", "One set of weights for every time step; ∂L/∂W_hh sums the steps",
       "所有时间步共享一套权重；∂L/∂W_hh 是各步贡献之和", "R1 R5 R10"),
    _p("birnn-future", "rnn", "A BiRNN's state at t=1 sees x_T; a unidirectional one cannot",
       "双向 RNN 在 t=1 的状态能看到 x_T，单向 RNN 不能", "R7 extra"),
    _p("bptt-gradcheck", "bptt", "BPTT equals finite differences; the sequence loss is the mean of step losses",
       "BPTT 与有限差分一致；序列损失是各步损失的平均", "R8"),
    _p("io-patterns", "rnn", "One-to-one, one-to-many, many-to-one, many-to-many and seq2seq shapes",
       "一对一、一对多、多对一、多对多与编码器–解码器的输出形状", "R2 R9"),
    _p("receptive-field", "rnn", "A conv stack sees a fixed window; an RNN's state reaches any distance",
       "卷积堆叠只看固定感受野；RNN 的状态可跨任意距离", "R3 R10"),
    _p("spectral-radius", "bptt", "‖∂h_T/∂h_{T−k}‖ grows or shrinks like ρ(W_hh)^k",
       "‖∂h_T/∂h_{T−k}‖ 随 ρ(W_hh)^k 增长或衰减", "G1 extra"),
    _p("clipping-explode", "bptt", "Gradient clipping tames exploding gradients",
       "梯度裁剪抑制梯度爆炸", "R11 G1 extra", "training"),
    _p("clipping-vanish", "bptt", "Clipping rescales; it cannot bring back vanished gradients",
       "梯度裁剪只能缩放，救不回消失的梯度", "G1 extra", "training"),
    _p("long-range", "gates", "Adding problem: GRU and LSTM learn long-range dependencies, a plain RNN does not",
       "加法问题：GRU 和 LSTM 能学到长程依赖，普通 RNN 不能", "G2 L1", "training"),
    _p("gate-ranges", "gates", "Gates lie in (0, 1), candidates and H in (−1, 1); saturation reaches 0 and 1",
       "门在 (0, 1)，候选值与隐藏状态在 (−1, 1)；饱和时精确到 0 或 1", "G3 G4 G5 L3 L4 L6"),
    _p("gru-reset", "gates", "A closed reset gate cuts H_{t−1} out of the candidate",
       "重置门关闭时候选隐藏状态不再依赖 H_{t−1}", "G4"),
    _p("gru-update", "gates", "An update gate near 1 carries H through 1000 steps",
       "更新门接近 1 时隐藏状态可保持 1000 步不变", "G5"),
    _p("lstm-carousel", "gates", "LSTM memory cell: forget ≈ 1 and input ≈ 0 keep C unchanged",
       "LSTM 记忆细胞：遗忘门≈1、输入门≈0 时 C 保持不变", "L5 L6 extra"),
    _p("output-gate", "gates", "A closed output gate hides the cell; reopened, H shows it again",
       "输出门关闭时记忆细胞不外露；重新打开后隐藏状态再次反映它", "L6"),
    _p("gru-vs-lstm", "gates", "GRU has 3/4 of an LSTM's parameters and 3/4 of its matrix work per step",
       "GRU 的参数量和每步矩阵运算量都是 LSTM 的 3/4", "L7 extra"),
    _p("gate-activations", "gates", "Why sigmoid gates and a tanh candidate: ReLU gates blow the cell up",
       "为什么门用 sigmoid、候选用 tanh：ReLU 门会让记忆细胞爆炸", "L8"),  # forward passes and σ′ values only: nothing is trained
    _p("batchnorm", "norms", "Batch norm in an RNN couples samples and steps; layer norm does not",
       "RNN 中批量归一化让样本和时间步相互耦合，层归一化不会", "L9 extra"),
    _p("forget-bias", "gates", "A forget-gate bias of 1–3 opens the gradient path at initialisation",
       "遗忘门偏置初始化为 1–3 可在初始化时打通梯度通路", "extra"),
    _p("conventions", "gates", "GRU reset before/after the product and LSTM gate order change the outputs",
       "GRU 重置门在矩阵乘法前/后、LSTM 门顺序不同会改变输出", "extra"),
    _p("parameter-count", "shapes", "Parameter counts read off the real arrays, for the exact configuration",
       "按具体配置，从真实数组数出参数量", "L7 extra"),
    _p("output-shapes", "shapes", "Output, h_n and c_n shapes of stacked and bidirectional layers",
       "堆叠与双向层的 output、h_n、c_n 形状", "R7 L2 extra"),
    _p("padding", "shapes", "Padded vs packed batches: output length, h_n at the last real step, loss averaging",
       "补齐与打包批次：输出长度、最后真实时间步的 h_n、损失平均方式", "extra"),
    _p("output-layer", "shapes", "O_t = H_t W_hq + b_q: W_hq is h×q, and the output is not fed back",
       "O_t = H_t W_hq + b_q：W_hq 为 h×q，输出不回送", "R1 R5 R6 R7"),
    _p("birnn-final-state", "shapes", "A BiRNN's backward final state sits at output[0], not output[T−1]",
       "双向 RNN 反向的最终状态在 output[0]，不在 output[T−1]", "R7 extra"),
    _p("truncated-bptt", "truncation", "Truncated BPTT: zero gradient beyond k, memory ∝ k, state still carries forward",
       "截断 BPTT：超出 k 步梯度为零，内存 ∝ k，状态仍向前传递信息", "R8 extra"),
    _p("detach", "truncation", "detach between chunks keeps the state's value and stops its gradient",
       "分块之间 detach：保留状态的值，切断它的梯度", "extra"),
    _p("perplexity", "training", "Perplexity = exp(mean cross-entropy); a uniform model scores the vocabulary size",
       "困惑度 = exp(平均交叉熵)；均匀分布模型的困惑度等于词表大小", "extra"),
    _p("recurrent-dropout", "training", "A fresh dropout mask per step erases memory; one mask per sequence keeps it",
       "每步重新采样的循环 dropout 抹去记忆；每条序列一个掩码则能保留", "extra"),
    _p("teacher-forcing", "training", "Teacher forcing vs free running: errors compound on the model's own outputs",
       "教师强制与自由运行：模型喂入自己的输出时误差累积", "extra", "training"),
    _p("cell-jacobian", "gates", "∂C_t/∂C_(t−1) = diag(F_t) on the direct path, by finite differences",
       "有限差分测得直接通路上 ∂C_t/∂C_(t−1) = diag(F_t)", "L5 extra"),
    _p("lstm-explode", "gates", "An LSTM's gradients can still explode: clipping is still needed",
       "LSTM 的梯度仍可能爆炸：仍然需要梯度裁剪", "G1 extra"),
    _p("gru-gate-roles", "gates", "GRU: the update gate carries long-range dependencies, a closed reset gate keeps only the recent past",
       "GRU：更新门承载长程依赖，重置门关闭时只保留最近的过去", "G6", "training"),
    _p("forget-gate", "gates", "Without a forget gate the cell grows without bound on a long stream",
       "没有遗忘门时，长输入流会让记忆细胞无界增长", "L5 extra"),
]

# Experiments that have landed (rnnquiz/proofs/experiments/); the rest are listed as pending.
_BUILT = {
    "memory", "weight-sharing", "birnn-future", "io-patterns", "receptive-field",  # experiments/rnn.py
    "bptt-gradcheck", "spectral-radius", "clipping-explode", "clipping-vanish",  # experiments/bptt.py
    "long-range", "gate-ranges", "gru-reset", "gru-update", "lstm-carousel", "output-gate",  # gates.py
    "gru-vs-lstm", "gate-activations", "forget-bias", "conventions",
    "batchnorm",  # experiments/norms.py
    "parameter-count", "output-shapes", "padding", "output-layer", "birnn-final-state",  # experiments/shapes.py
    "truncated-bptt", "detach",  # experiments/truncation.py
    "perplexity", "recurrent-dropout", "teacher-forcing",  # experiments/training.py
    "cell-jacobian", "lstm-explode", "forget-gate",  # experiments/gates.py (additions)
    "gru-gate-roles",  # experiments/gates.py (round 2)
}
_SPECS = [replace(s, built=True) if s.id in _BUILT else s for s in _SPECS]

PROOFS: dict[str, ProofSpec] = {spec.id: spec for spec in _SPECS}

# One line each: how the result answers a question on the proof's claims (an experiment that knows the
# question's own numbers writes its own ``answer`` instead).
ANSWERS: dict[str, Text] = {
    "memory": Text("The hidden state carries x_1 to h_T; a net that sees only x_T cannot change when x_1 does.",
                   "隐藏状态把 x_1 的信息带到 h_T；只看 x_T 的网络在 x_1 变化时输出不变。"),
    "weight-sharing": Text("One W_hh serves every step: the parameter count does not depend on T, and ∂L/∂W_hh is the sum of the steps' terms.",
                           "所有时间步共用一个 W_hh：参数量与 T 无关，∂L/∂W_hh 是各步贡献之和。"),
    "birnn-future": Text("Only the backward half of a BiRNN's state at t=1 sees x_T (←H_t sees x_t … x_T, →H_t sees x_1 … x_t); "
                         "H_t = [→H_t, ←H_t] has width 2h.",
                         "双向 RNN 在 t=1 只有反向部分看得到 x_T（←H_t 看 x_t … x_T，→H_t 看 x_1 … x_t）；"
                         "H_t = [→H_t, ←H_t] 宽度为 2h。"),
    "bptt-gradcheck": Text("BPTT's gradients match finite differences, and the sequence loss is the mean of the step losses.",
                           "BPTT 的梯度与有限差分一致，序列损失是各步损失的平均。"),
    "io-patterns": Text("The five patterns give outputs (1|T|T_out, B, q) as measured on real models.",
                        "五种模式在真实模型上测得的输出形状为 (1|T|T_out, B, q)。"),
    "spectral-radius": Text("‖∂h_T/∂h_(T−k)‖ scales by ρ(W_hh) per step back (measured through the model's BPTT): it vanishes for ρ < 1, grows for ρ > 1, and tanh saturation only shrinks it.",
                            "‖∂h_T/∂h_(T−k)‖ 每回溯一步按 ρ(W_hh) 缩放（经模型自身的 BPTT 测得）：ρ < 1 时消失，ρ > 1 时增长，tanh 饱和只会让它更小。"),
    "clipping-explode": Text("Clipping bounds every update by lr·θ, so training proceeds where the unclipped run diverges.",
                             "梯度裁剪把每次更新限制在 lr·θ 以内，未裁剪的训练发散时它仍能继续。"),
    "clipping-vanish": Text("Clipping only rescales: a vanished gradient stays vanished and the RNN still fails the long task.",
                            "梯度裁剪只做缩放：消失的梯度依旧消失，RNN 仍学不会长程任务。"),
    "long-range": Text("GRU and LSTM learn the 50-step adding problem; a plain RNN stays at predicting the mean.",
                       "GRU 和 LSTM 学会了 50 步的加法问题；普通 RNN 只能预测均值。"),
    "gate-ranges": Text("Gates lie in (0, 1), candidates and H in (−1, 1); the cell C_t is not bounded (it passed 1 here while "
                        "H_t = O_t ⊙ tanh(C_t) stayed inside); in floating point gates saturate to exactly 0 and 1.",
                        "门的取值在 (0, 1)，候选值与 H 在 (−1, 1)；记忆细胞 C_t 没有界（这里它超过了 1，而 H_t = O_t ⊙ tanh(C_t) "
                        "仍在界内）；浮点数饱和时门会精确等于 0 或 1。"),
    "gru-reset": Text("A reset gate near 0 removes H_(t−1) from the candidate: ∂H̃_t/∂H_(t−1) ≈ 0.",
                      "重置门接近 0 时候选隐藏状态不再含 H_(t−1)：∂H̃_t/∂H_(t−1) ≈ 0。"),
    "gru-update": Text("An update gate near 1 copies H_(t−1) forward: the state survives 1000 steps almost unchanged.",
                       "更新门接近 1 时直接沿用 H_(t−1)：状态 1000 步几乎不变。"),
    "lstm-carousel": Text("Forget ≈ 1 and input ≈ 0 carry C unchanged, and ∂C_t/∂C_(t−k) = Π F ≈ 1.",
                          "遗忘门≈1、输入门≈0 时 C 原样保留，∂C_t/∂C_(t−k) = Π F ≈ 1。"),
    "output-gate": Text("A closed output gate hides the cell (H ≈ 0) while C keeps its content; reopened, H = tanh(C).",
                        "输出门关闭时 H ≈ 0 而 C 保留内容；重新打开后 H = tanh(C)。"),
    "gru-vs-lstm": Text("With the same d, h and bias convention a GRU has exactly 3/4 of an LSTM's parameters, and does 3/4 of its matrix multiply-adds per step.",
                        "相同 d、h 和偏置约定下，GRU 的参数量正好是 LSTM 的 3/4，每步的矩阵乘加次数也是 3/4。"),
    "gate-activations": Text("Sigmoid gates keep the cell bounded where ReLU gates blow it up; σ′ is largest at 0, "
                             "σ′(0) = 1/4, and tanh′(0) = 1.",
                             "sigmoid 门让记忆细胞保持有界，ReLU 门会让它爆炸；σ′ 在 0 处最大，σ′(0) = 1/4，tanh′(0) = 1。"),
    "batchnorm": Text("Batch norm couples a sample to its batch and collapses at B = 1; layer norm does neither.",
                      "批量归一化让样本依赖同批样本，且在 B = 1 时失效；层归一化两者都不会。"),
    "forget-bias": Text("b_f = 1 starts the forget gate at σ(1) ≈ 0.731 and opens the gradient path back through time.",
                        "b_f = 1 让遗忘门初始为 σ(1) ≈ 0.731，并打通沿时间回传的梯度通路。"),
    "conventions": Text("The same weights give different outputs under the two GRU forms or a different LSTM gate order.",
                        "同一组权重在两种 GRU 形式或不同 LSTM 门顺序下给出不同输出。"),
}


def pending() -> list[str]:
    return [pid for pid, spec in PROOFS.items() if spec.pending]
