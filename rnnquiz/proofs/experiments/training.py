"""Training practice measured: perplexity, recurrent dropout variants, teacher forcing vs free running."""

from __future__ import annotations

import math

import numpy as np

from rnnquiz.models import GRU, Linear
from rnnquiz.models.losses import softmax_cross_entropy
from rnnquiz.models.optim import Adam
from rnnquiz.models.train import train
from rnnquiz.proofs.result import ProofResult, Series, bi, fmt

# --------------------------------------------------------------------------------- perplexity


def perplexity(seed: int, quick: bool, V: int = 10_000, loss: float = 2.0) -> ProofResult:
    r = ProofResult.start("perplexity", seed, quick)
    r.params = {"V": V, "loss": loss}
    rng = np.random.default_rng(seed)
    N = 200
    labels = rng.integers(0, V, N)
    uniform_loss, _ = softmax_cross_entropy(np.zeros((N, V)), labels)  # every logit equal: p = 1/V
    ppl_uniform = math.exp(uniform_loss)
    # a random model over a small vocabulary: perplexity from the loss vs the geometric mean of 1/p
    K = 50
    logits = 2.0 * rng.standard_normal((N, K))
    y = rng.integers(0, K, N)
    xent, _ = softmax_cross_entropy(logits, y)
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    geo = float(np.exp(np.mean(np.log(1.0 / p[np.arange(N), y]))))
    # the question's loss: scale one-hot logits until the mean cross-entropy is `loss`, then read the perplexity
    target = rng.integers(0, K, N)
    base = np.zeros((N, K))
    base[np.arange(N), target] = 1.0
    lo, hi = 0.0, 50.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if softmax_cross_entropy(mid * base, target)[0] > loss else (lo, mid)
    got_loss, _ = softmax_cross_entropy(hi * base, target)
    zq = hi * base
    pq = np.exp(zq - zq.max(axis=1, keepdims=True))
    pq = pq[np.arange(N), target] / pq.sum(axis=1)
    ppl_q = float(np.exp(np.mean(np.log(1.0 / pq))))  # geometric mean of 1/p(true token)
    r.setup = bi(f"cross-entropy (natural log, mean over {N} tokens) of a uniform model over V={V} and of a random model "
                 f"over {K} tokens; a model tuned to mean loss {fmt(loss)}; seed {seed}",
                 f"交叉熵（自然对数，{N} 个词元取平均）：V={V} 上的均匀分布模型，以及 {K} 个词元上的随机模型；"
                 f"再调出一个平均损失为 {fmt(loss)} 的模型；种子 {seed}")
    r.table(bi("value", "数值"))
    r.row(bi("uniform model: loss (ln V)", "均匀模型：损失（ln V）"), uniform_loss)
    r.row(bi("uniform model: exp(loss)", "均匀模型：exp(损失)"), ppl_uniform)
    r.row(bi("random model: exp(mean loss)", "随机模型：exp(平均损失)"), math.exp(xent))
    r.row(bi("random model: geometric mean of 1/p(true token)", "随机模型：1/p(正确词元) 的几何平均"), geo)
    r.row(bi(f"model with mean loss {fmt(got_loss)}: perplexity", f"平均损失 {fmt(got_loss)} 的模型：困惑度"), ppl_q)
    r.check_lt(bi("uniform model: perplexity = V", "均匀模型：困惑度 = V"), abs(ppl_uniform / V - 1), 1e-9, "|exp(loss)/V − 1|")
    r.check_lt(bi("perplexity = exp(mean cross-entropy) = geometric mean of 1/p", "困惑度 = exp(平均交叉熵) = 1/p 的几何平均"),
               abs(math.exp(xent) / geo - 1), 1e-9, "relative difference")
    r.check_lt(bi(f"loss {fmt(loss)} → perplexity e^{fmt(loss)}", f"损失 {fmt(loss)} → 困惑度 e^{fmt(loss)}"),
               abs(ppl_q / math.exp(loss) - 1), 1e-6, "relative difference")
    r.answer = bi(f"Perplexity = exp(loss): a uniform model over {V} tokens scores {fmt(ppl_uniform)}; a loss of {fmt(loss)} "
                  f"gives {fmt(math.exp(loss))}.",
                  f"困惑度 = exp(损失)：{V} 个词元上的均匀模型为 {fmt(ppl_uniform)}；损失 {fmt(loss)} 对应 {fmt(math.exp(loss))}。")
    r.citation = "Jurafsky & Martin, SLP3 §3.3; d2l §9.3.1 (perplexity)"
    return r


# --------------------------------------------------------------------------------- recurrent-dropout


def _carried(seed: int, mode: str, T: int, B: int, h: int, p_keep: float) -> float:
    """A GRU set to carry its state (update gate ≈ 1); dropout on H_(t−1) before each step. Returns the
    fraction of H_0 still present at T, mean(H_T ⊙ H_0) / mean(H_0²)."""
    rng = np.random.default_rng(seed)
    d = 2
    model = GRU(d, h, seed=np.random.default_rng(seed + 1))
    model.params["bias_ih_l0"][h:2 * h] = 20.0  # Z ≈ 1: the state is carried
    model.params["bias_hh_l0"][h:2 * h] = 0.0
    H0 = rng.uniform(0.5, 1.0, (1, B, h)) * rng.choice([-1, 1], (1, B, h))
    X = rng.uniform(-1, 1, (T, B, d))
    once = (rng.random((B, h)) < p_keep).astype(float)  # one mask per sequence (variational)
    state = H0
    for t in range(T):
        if mode == "per step":
            m = (rng.random((B, h)) < p_keep).astype(float)
        elif mode == "per sequence":
            m = once
        else:
            m = np.ones((B, h))
        state = model.forward(X[t:t + 1], state * m)[1]  # dropout on the recurrent input H_(t−1)
    return float(np.mean(state[0] * H0[0]) / np.mean(H0[0] ** 2))


def recurrent_dropout(seed: int, quick: bool, p_keep: float = 0.8) -> ProofResult:
    r = ProofResult.start("recurrent-dropout", seed, quick)
    T, B, h = 50, 32, 32
    modes = ("none", "per sequence", "per step")
    kept = {m: _carried(seed, m, T, B, h, p_keep) for m in modes}
    r.setup = bi(f"a GRU that carries its state (update gate ≈ 1), h={h}, batch {B}, {T} steps; dropout with keep "
                 f"probability {p_keep:g} on H_(t−1): a fresh mask every step, one mask per sequence, or none; "
                 f"fraction of H_0 left in H_T; seed {seed}",
                 f"一个保持状态的 GRU（更新门≈1），h={h}，批量 {B}，{T} 步；对 H_(t−1) 做保留概率 {p_keep:g} 的 dropout："
                 f"每步新掩码、每条序列一个掩码或不用；测 H_T 中还剩多少 H_0；种子 {seed}")
    r.table(bi("H_0 left in H_T", "H_T 中剩余的 H_0"))
    for m in modes:
        r.row(m, kept[m])
    r.row(bi(f"p^T = {p_keep:g}^{T}", f"p^T = {p_keep:g}^{T}"), p_keep ** T)
    r.check_ratio(bi("a fresh mask every step erases the memory", "每步新掩码会抹去记忆"), kept["per step"], kept["none"], "<",
                  1e-2, "per step / none")
    r.check_ratio(bi("one mask per sequence keeps it (the kept units carry H_0 all the way)",
                     "每条序列一个掩码能保留记忆（被保留的单元一直携带 H_0）"), kept["per sequence"], kept["none"], ">", 0.3,
                  f"per sequence / none (≈ p = {p_keep:g})")
    r.answer = bi("Per-step masks on H_(t−1) compound to p^T and wipe the memory; one mask per sequence "
                  "(variational dropout) keeps it.",
                  "每步对 H_(t−1) 重采样掩码，保留比例按 p^T 衰减，记忆被抹去；每条序列一个掩码（变分 dropout）能保留记忆。")
    r.citation = "Gal & Ghahramani 2016 (variational RNN dropout); Zaremba et al. 2014; Semeniuta et al. 2016"
    return r


# --------------------------------------------------------------------------------- teacher-forcing


def _sine_batch(rng, T: int, B: int):
    """Noisy-free sine waves with random phase and frequency: inputs y_0..y_(T−1), targets y_1..y_T."""
    t = np.arange(T + 1)[:, None]
    w = rng.uniform(0.15, 0.3, (1, B))
    ph = rng.uniform(0, 2 * np.pi, (1, B))
    y = np.sin(w * t + ph)  # (T+1, B)
    return y[:-1, :, None], y[1:, :, None]


def teacher_forcing(seed: int, quick: bool) -> ProofResult:
    r = ProofResult.start("teacher-forcing", seed, quick)
    T, B, h = 30, 32, 16
    steps = 150 if quick else 300
    model, head = GRU(1, h, seed=seed), Linear(h, 1, seed=seed + 1)
    log = train(model, head, lambda g: _sine_batch(g, T, B), steps, readout="all", optimizer=Adam(1e-2), clip_norm=1.0,
                seed=seed)
    rng = np.random.default_rng(10_000 + seed)
    warm, horizon = 10, 40
    X, Y = _sine_batch(rng, warm + horizon, 256)
    # teacher forcing: every step reads the true previous value
    O_tf = head.forward(model.forward(X)[0])[0]  # (warm+horizon, B, 1); O_tf[t] predicts Y[t]
    # free running: after `warm` true values the model reads its own previous prediction
    H, state, _ = model.forward(X[:warm])
    y = head.forward(H[-1:])[0]  # predicts Y[warm − 1]
    free_err, tf_err = [], []
    for t in range(horizon):
        free_err.append(float(np.mean((y - Y[warm - 1 + t:warm + t]) ** 2)))
        tf_err.append(float(np.mean((O_tf[warm - 1 + t] - Y[warm - 1 + t]) ** 2)))
        Hs, state, _ = model.forward(y, state)
        y = head.forward(Hs)[0]
    free_err, tf_err = np.array(free_err), np.array(tf_err)
    early, late = float(np.mean(free_err[:5])), float(np.mean(free_err[-10:]))
    r.setup = bi(f"GRU h={h} trained {steps} steps with teacher forcing to predict the next value of sine waves "
                 f"(random phase and frequency), Adam 1e-2; then {horizon} steps after {warm} true values, fed the true "
                 f"previous value (teacher forcing) or its own prediction (free running); 256 test waves; seed {seed}",
                 f"GRU h={h} 用教师强制训练 {steps} 步，预测正弦波（随机相位和频率）的下一个值，Adam 1e-2；"
                 f"测试时先读 {warm} 个真实值，再走 {horizon} 步：喂入真实的上一值（教师强制）或自己的预测（自由运行）；"
                 f"256 条测试波形；种子 {seed}")
    r.table(bi("teacher forcing", "教师强制"), bi("free running", "自由运行"))
    r.row(bi("MSE, first 5 steps", "前 5 步 MSE"), float(np.mean(tf_err[:5])), early)
    r.row(bi("MSE, last 10 steps", "最后 10 步 MSE"), float(np.mean(tf_err[-10:])), late)
    r.row(bi("final training loss", "最终训练损失"), float(np.mean(log.losses[-10:])), None)
    r.check_ratio(bi("free running: errors compound over the horizon", "自由运行：误差随步数累积"), late, early, ">", 3.0,
                  "last-10 MSE / first-5 MSE")
    r.check_ratio(bi("exposure bias: free running ends far worse than teacher forcing", "暴露偏差：自由运行远差于教师强制"),
                  late, float(np.mean(tf_err[-10:])), ">", 10.0, "free / teacher-forced MSE, last 10 steps")
    c = r.chart(bi("test MSE per step", "每步测试 MSE"), bi("steps after the warm-up", "预热之后的步数"), "MSE", logy=True)
    xs = [float(t + 1) for t in range(horizon)]
    c.series += [Series(bi("teacher forcing", "教师强制"), xs, [float(v) for v in tf_err]),
                 Series(bi("free running", "自由运行"), xs, [float(v) for v in free_err])]
    r.answer = bi("Trained with teacher forcing, the model is accurate on true inputs but its errors compound when it "
                  "reads its own outputs: exposure bias.",
                  "用教师强制训练的模型在真实输入上很准，但读自己的输出时误差不断累积：这就是暴露偏差。")
    r.citation = "Williams & Zipser 1989; Bengio et al. 2015 (scheduled sampling); Ranzato et al. 2016 (exposure bias)"
    return r
