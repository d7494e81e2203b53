"""A question's own numbers, for ``rnnquiz prove QUESTION-ID``. No NumPy here.

A generated ``numeric`` question proves the parameters it was asked with: ``bank.grade.prepare`` draws
them for (session seed, question id) exactly as the quiz does, so ``prove Q --seed S`` checks the
numbers that ``quiz --seed S`` showed. Fixed-number questions state their numbers in the prompt; the
few the experiments can take are listed in ``FIXED`` (keyed by question id; an id that is gone is
simply not used).
"""

from __future__ import annotations

from typing import Any

FIXED: dict[str, dict[str, Any]] = {
    "rnn-conv-receptive-field": {"layers": 4, "kernel": 3},
    "bptt-truncation-memory-ratio": {"T": 1000, "k": 50},
    "bptt-truncation-context": {"T": 100, "k": 35},
    "training-perplexity-uniform": {"V": 10_000},
    "training-perplexity-from-loss": {"loss": 2.0},
    "bptt-clip-component": {"g": (30.0, 40.0), "clip": 5.0},
    "bptt-linear-decay": {"rho": 0.9, "k": 50},
    "gru-no-cell-state": {"cell": "gru", "layers": 1, "bidirectional": False},
    "gru-update-numeric": {"z": 0.9, "h_prev": 0.5, "h_tilde": -1.0},
    "practice-bilstm-output-width": {"d": 25},  # nn.LSTM(input_size=25, …): the generator draws T, B, h only
}


# The answer line for a question whose proof measures several claims, so that the proof's own line would be about
# another question (spectral-radius answers bptt-linear-decay's 0.9^50 itself). ``prove QUESTION-ID`` prints this one.
ANSWERS: dict[str, dict[str, str]] = {
    "practice-clip-lstm-lm": {  # a true/false question: the proof's own line answers the mcq "does the LSTM solve it?"
        "en": "True: the measured LSTM's gradient norm still grows far past max_norm on a long sequence, and "
              "clip_grad_norm brings it back to max_norm with its direction kept, so clipping stays standard.",
        "zh": "对：实测 LSTM 的梯度范数在长序列上仍远超 max_norm，clip_grad_norm 把它拉回 max_norm 且方向不变，"
              "所以梯度裁剪仍是标准做法。"},
    "lstm-recurrent-bn-possible": {
        "en": "False: plain batch norm couples samples and collapses at B = 1, but the BN-LSTM with per-step statistics "
              "(Cooijmans et al. 2016) normalises every step to std γ and, with its stored statistics, gives each sample "
              "alone its in-batch output.",
        "zh": "错：普通批量归一化让样本相互耦合、B = 1 时坍缩，但采用逐步统计量的 BN-LSTM（Cooijmans 等 2016）把每一步"
              "归一化到标准差 γ，并且用存储的统计量时，单个样本得到与批内相同的输出。"},
    "lstm-why-tanh-candidate": {  # the proof's own line answers lstm-why-sigmoid-gates (ReLU gates, σ′)
        "en": "Zero-centred and steeper at 0: with the LSTM's tanh candidate a share of the writes I_t ⊙ C̃_t is negative "
              "(a write decreases the cell) where a σ candidate never writes below 0, and tanh′(0) = 1 is 4× σ′(0) = 1/4.",
        "zh": "以 0 为中心、在 0 处更陡：LSTM 的 tanh 候选有一部分写入 I_t ⊙ C̃_t 为负（写入让记忆细胞减小），σ 候选的写入"
              "从不小于 0；tanh′(0) = 1 是 σ′(0) = 1/4 的 4 倍。"},
    "rnn-one-to-many-empty-input": {  # proofs review round 6 #5: measured on an all-zero input, not a nonzero x_1
        "en": "True: measured, an RNN given x = 0 at every step still emits one output per step, and they differ "
              "from step to step: the biases and the recurrence drive the states (with no bias they would all be 0).",
        "zh": "对：实测每一步输入都为 x = 0 时，RNN 仍逐步给出输出，而且各步输出不同：偏置与循环推动状态变化"
              "（没有偏置时它们全为 0）。"},
    "gru-update-form-chung": {  # proofs review round 6 #3: the proof's own line is about reset placement
        "en": "Z ≈ 0: measured on Chung's form H_t = (1 − Z) ⊙ H_{t−1} + Z ⊙ H̃_t (the d2l GRU with the update gate "
              "negated), Z ≈ 0 leaves H_T at H_0 and Z ≈ 1 takes the candidate, the opposite of the d2l/PyTorch form.",
        "zh": "Z ≈ 0：在 Chung 写法 H_t = (1 − Z) ⊙ H_{t−1} + Z ⊙ H̃_t（把 d2l GRU 的更新门取反）上实测，Z ≈ 0 时 H_T 停在 H_0，"
              "Z ≈ 1 时采用候选，与 d2l/PyTorch 写法正相反。"},
    "practice-double-bias": {  # proofs review round 6 #2/#7: the proof's own line is a parameter count
        "en": "Measured: in nn.LSTM moving δ between b_ih and b_hh changes nothing (only the sum acts) and the second bias "
              "adds only G·h per layer; in nn.GRU moving δ from b_in to b_hn changes H, because r_t scales b_hn.",
        "zh": "实测：nn.LSTM 中在 b_ih 与 b_hh 之间挪动 δ 输出不变（只有和起作用），第二组偏置每层只多 G·h 个；"
              "nn.GRU 中把 δ 从 b_in 挪到 b_hn 会改变 H，因为 r_t 缩放 b_hn。"},
    "rnn-state-size": {  # the proof's own line is about x_1 reaching h_T (proofs review round 6 #4)
        "en": "It stays h numbers: measured, the state is h numbers per sample after 10 steps and after 10,000, and "
              "reading the 10,000 steps in chunks of 10 while carrying only that state ends exactly where one pass ends.",
        "zh": "始终是 h 个数：实测 10 步与 10,000 步之后状态都是每个样本 h 个数；只传递这个状态、每段 10 步地读完 10,000 步，"
              "结果与一次读完完全相同。"},
    "practice-forget-bias-pytorch": {  # the proof's own line is about why b_f = 1, not how to set it in PyTorch
        "en": "Set bias_ih_l0[h:2h] = 1 and bias_hh_l0[h:2h] = 0: measured, F = σ(1) ≈ 0.731 at x = 0, H = 0. The two "
              "biases add (0.4 and 0.6 give σ(1) too), and setting only bias_ih_l0 leaves F at σ(1 + the random b_hh).",
        "zh": "令 bias_ih_l0[h:2h] = 1、bias_hh_l0[h:2h] = 0：实测 x = 0、H = 0 时 F = σ(1) ≈ 0.731。两个偏置相加"
              "（0.4 与 0.6 也得到 σ(1)），只设 bias_ih_l0 则 F = σ(1 + 随机的 b_hh)。"},
    "gru-reset-placement-truefalse": {  # a true/false question: the proof's own line also covers the LSTM gate order
        "en": "False: with the same weights the reset-before (d2l) and reset-after (PyTorch) GRUs give different "
              "outputs, and they agree only when R = 1, so where the reset is applied changes the model.",
        "zh": "错：同一组权重下，重置在前（d2l）与重置在后（PyTorch）的 GRU 输出不同，只有 R = 1 时才一致，"
              "所以重置门放在哪里会改变模型。"},
    "bptt-g1-phrase": {
        "en": "Only the distance k = T − t matters: the measured ‖∂h_T/∂h_(T−k)‖ is ρ^k, so a large T or an early t "
              "(a long way back) is what makes it vanish (ρ < 1) or explode (ρ > 1), not the sampling interval.",
        "zh": "只有距离 k = T − t 起作用：实测 ‖∂h_T/∂h_(T−k)‖ = ρ^k，所以 T 大或 t 靠前（回传路程长）才会让梯度消失（ρ < 1）"
              "或爆炸（ρ > 1），与采样间隔无关。"},
    "bptt-rho-above-one": {
        "en": "False: a linear RNN with ρ = 1.1 grows like 1.1^k, but the tanh RNN with the same W_hh stays far below "
              "1.1^60 (saturation shrinks every step), so ρ > 1 is necessary for explosion, not sufficient.",
        "zh": "错：ρ = 1.1 的线性 RNN 按 1.1^k 增长，但同一 W_hh 的 tanh RNN 远低于 1.1^60（饱和让每一步都缩小），"
              "所以 ρ > 1 是爆炸的必要条件而非充分条件。"},
    "bptt-irnn": {
        "en": "A ReLU RNN with W_hh = I and zero biases: through its own BPTT ‖∂L/∂h_(T−k)‖ / ‖∂L/∂h_T‖ stays exactly "
              "1 for k = 1…60 while its units are active, where a tanh RNN with a small random W_hh vanishes and a "
              "zero W_hh passes nothing back.",
        "zh": "初始化时 W_hh = I、偏置为零的 ReLU RNN：经它自身的 BPTT，单元保持激活时 ‖∂L/∂h_(T−k)‖ / ‖∂L/∂h_T‖ 在 "
              "k = 1…60 上恰为 1；而较小随机 W_hh 的 tanh RNN 梯度消失，W_hh 为零时什么都传不回去。"},
    "bptt-orthogonal-init": {
        "en": "With W_hh = ρ·Q, Q orthogonal, the measured ‖∂h_T/∂h_(T−k)‖ is exactly ρ^k (ρ = 1: exactly 1) where a "
              "non-normal matrix with the same ρ is off by a factor; tanh′ ≤ 1 can still shrink it.",
        "zh": "W_hh = ρ·Q、Q 为正交矩阵时，实测 ‖∂h_T/∂h_(T−k)‖ 恰为 ρ^k（ρ = 1 时恰为 1），同一 ρ 的非正规矩阵则差一个因子；"
              "tanh′ ≤ 1 仍可能让它变小。"},
    "bptt-spectral-radius-term": {
        "en": "The spectral radius ρ(W_hh): the measured decay rate per step of a linear RNN's gradient is ρ, not the "
              "norm ‖W_hh‖₂, and it vanishes for ρ < 1 and explodes for ρ > 1.",
        "zh": "谱半径 ρ(W_hh)：实测线性 RNN 的梯度每步衰减率等于 ρ，而不是范数 ‖W_hh‖₂；ρ < 1 时消失，ρ > 1 时爆炸。"},
    "explain-bptt-vanishing": {
        "en": "The gradient k steps back is a product of k Jacobians diag(φ′)·W_hh: measured, it scales like ρ^k "
              "(vanishing for ρ < 1, exploding for ρ > 1), and tanh′ ≤ 1 pushes it further towards vanishing.",
        "zh": "回溯 k 步的梯度是 k 个雅可比矩阵 diag(φ′)·W_hh 的乘积：实测它按 ρ^k 缩放（ρ < 1 消失，ρ > 1 爆炸），"
              "tanh′ ≤ 1 又进一步推向消失。"},
}


def answer_for(question, result):
    """The answer line ``prove QUESTION-ID`` prints: the question's own (``ANSWERS``), else the proof's. A true/false
    question's line starts with its verdict (True: / 对：) before the proof's measured line, which was written for
    the proof and says nothing of the statement's truth (round 6: 26 true/false questions printed a bare line)."""
    own = ANSWERS.get(question.id)
    if own:
        return dict(own)
    if getattr(question, "type", None) != "truefalse" or not result.answer:
        return result.answer
    from rnnquiz.proofs.result import loc

    verdict = bool(question.answer)
    out = {}
    for lang, (yes, no, colon) in (("en", ("True", "False", ": ")), ("zh", ("对", "错", "："))):
        line = loc(result.answer, lang)
        if line.startswith((yes, no)):
            out[lang] = line
            continue
        for lead in ("Yes: ", "No: ", "是：", "否："):
            line = line.removeprefix(lead)
        out[lang] = f"{yes if verdict else no}{colon}{line}"
    return out


def _cell_from_prompt(question) -> str | None:
    text = question.prompt.get("en") or ""
    for name, cell in (("nn.LSTM", "lstm"), ("nn.GRU", "gru"), ("nn.RNN", "rnn"), ("LSTM", "lstm"), ("GRU", "gru")):
        if name in text:
            return cell
    return None


def question_params(question, seed: int) -> dict[str, Any]:
    """Keyword arguments for the question's experiment: the drawn generator parameters, or ``FIXED``."""
    params: dict[str, Any] = dict(FIXED.get(question.id, {}))
    generator = getattr(question, "generator", None)
    if generator is None:
        return params
    from rnnquiz.bank.grade import prepare

    drawn = dict(prepare(question, seed).params or {})
    if generator.name == "output_dim":
        cell = "lstm" if drawn.get("what") == "c_n" else _cell_from_prompt(question) or "rnn"
        drawn["cell"] = cell
    params |= drawn
    return params
