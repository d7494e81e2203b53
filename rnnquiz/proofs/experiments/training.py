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


def _perplexity(logits: np.ndarray, labels: np.ndarray) -> float:
    """exp(mean cross-entropy) of a model's logits on data (natural log, as the loss)."""
    return math.exp(softmax_cross_entropy(logits, labels)[0])


def _branching_source(rng, K: int, branching: np.ndarray, n: int):
    """``n`` (context, next) pairs: the context uniform over K tokens, the next token uniform over the
    context's own set of ``branching[c]`` allowed tokens. Its entropy is mean(ln branching) nats."""
    allowed = np.stack([rng.permutation(K) for _ in range(K)])  # (K, K): context c allows allowed[c, :branching[c]]

    def draw(m):
        ctx = rng.integers(0, K, m)
        return ctx, allowed[ctx, (rng.random(m) * branching[ctx]).astype(int)]

    return draw(n), draw(n)


def _fit_and_score(rng, K: int, branching: np.ndarray, n: int) -> tuple[float, float]:
    """A bigram model fit by counting on training pairs (add-0.01 smoothing), scored on held-out pairs:
    (held-out mean loss, held-out perplexity from its softmax outputs)."""
    (c_tr, y_tr), (c_te, y_te) = _branching_source(rng, K, branching, n)
    counts = np.full((K, K), 0.01)
    np.add.at(counts, (c_tr, y_tr), 1.0)
    logits = np.log(counts / counts.sum(axis=1, keepdims=True))[c_te]  # (n, K): the model's log-probabilities
    return softmax_cross_entropy(logits, y_te)[0], _perplexity(logits, y_te)


def _mix_for(loss: float) -> tuple[int, float]:
    """Branching k and share w of contexts with k (the rest k+1) so that the mean ln-branching is ``loss``."""
    k = max(1, int(math.floor(math.exp(loss))))
    w = (math.log(k + 1) - loss) / (math.log(k + 1) - math.log(k))
    return k, min(max(w, 0.0), 1.0)


def perplexity(seed: int, quick: bool, V: int = 10_000, loss: float = 2.0) -> ProofResult:
    r = ProofResult.start("perplexity", seed, quick)
    r.params = {"V": V, "loss": loss}
    rng = np.random.default_rng(seed)
    N, n = 50, 12_000
    labels = rng.integers(0, V, N)
    ppl_uniform = _perplexity(np.zeros((N, V)), labels)  # a model whose softmax is uniform over V
    # sources whose branching (how many next tokens are possible) is known by construction; the perplexity
    # is measured on held-out data from a model fit on training data, never from the source's numbers
    k_q, w_q = _mix_for(loss)
    K = max(64, 4 * (k_q + 1))
    half = np.arange(K) < K // 2
    flat = np.full(K, 4)
    mixed = np.where(half, 2, 8)  # geometric mean 4, arithmetic mean 5
    asked = np.where(rng.random(K) < w_q, k_q, k_q + 1)
    asked_entropy = float(np.mean(np.log(asked)))  # the source's entropy for the drawn share
    _, ppl_flat = _fit_and_score(rng, K, flat, n)
    _, ppl_mixed = _fit_and_score(rng, K, mixed, n)
    loss_q, ppl_q = _fit_and_score(rng, K, asked, n)
    # the question's own loss: a model whose per-token losses ℓ_i = −ln p_i vary (×0.5 … ×1.5) around a mean of
    # exactly ``loss``; its logits put p_i on the true token and spread the rest. Perplexity from its softmax outputs
    # must be e^loss; the arithmetic mean of 1/p_i (a wrong reading of "branching") is larger by Jensen.
    rq = np.random.default_rng(seed + 300)
    nq, Vq = 2000, 64
    ell = loss * rq.uniform(0.5, 1.5, nq)
    ell *= loss / ell.mean()
    pq = np.exp(-ell)
    yq = rq.integers(0, Vq, nq)
    lq = np.repeat(np.log((1 - pq) / (Vq - 1))[:, None], Vq, axis=1)  # (nq, Vq)
    lq[np.arange(nq), yq] = np.log(pq)
    loss_m = float(softmax_cross_entropy(lq, yq)[0])
    ppl_m = _perplexity(lq, yq)
    geo = float(np.exp(-np.mean(np.log(pq))))  # inverse geometric mean of the true-token probabilities
    arith = float(np.mean(1 / pq))
    r.setup = bi(f"a model whose softmax is uniform over V={V}, scored on {N} tokens; bigram models fit by counting on "
                 f"{n} pairs from sources over {K} tokens whose next token is uniform over 4, over 2 or 8, or over "
                 f"{k_q} or {k_q + 1} allowed tokens (entropy ≈ {fmt(loss)} nats), scored on {n} held-out pairs; seed {seed}",
                 f"在 {N} 个词元上评估一个输出分布在 V={V} 上均匀的模型；在 {K} 个词元的信源上各取 {n} 对，用计数拟合二元模型，"
                 f"信源的下一个词元在 4 个、2 或 8 个、或 {k_q} 或 {k_q + 1} 个允许词元中均匀选取（熵 ≈ {fmt(loss)} 奈特），"
                 f"再在 {n} 对留出数据上评估；种子 {seed}")
    r.table(bi("measured", "实测"), bi("expected", "预期"))
    r.row(bi("uniform model over V: exp(loss)", "V 上的均匀模型：exp(损失)"), ppl_uniform, V)
    r.row(bi("branching 4: held-out perplexity", "分支数 4：留出集困惑度"), ppl_flat, 4)
    r.row(bi("branching 2 or 8: held-out perplexity", "分支数 2 或 8：留出集困惑度"), ppl_mixed, 4)
    r.row(bi("… arithmetic mean of the branching (not it)", "……分支数的算术平均（不是它）"), None, 5)
    r.row(bi(f"entropy-{fmt(asked_entropy)} source: held-out loss", f"熵 {fmt(asked_entropy)} 的信源：留出集损失"),
          loss_q, asked_entropy)
    r.row(bi("… its perplexity", "……其困惑度"), ppl_q, math.exp(asked_entropy))
    r.row(bi(f"model with mean loss {fmt(loss)} over {nq} tokens: exp(loss)", f"平均损失 {fmt(loss)} 的模型（{nq} 个词元）：exp(损失)"),
          ppl_m, math.exp(loss))
    r.row(bi("… its held-out mean loss", "……其留出集平均损失"), loss_m, loss)
    r.row(bi("… arithmetic mean of 1/p (not it)", "……1/p 的算术平均（不是它）"), arith, None)
    r.check_lt(bi(f"mean loss {fmt(loss)}: perplexity = e^{fmt(loss)} = {fmt(math.exp(loss), 4)}",
                  f"平均损失 {fmt(loss)}：困惑度 = e^{fmt(loss)} = {fmt(math.exp(loss), 4)}"),
               abs(ppl_m / math.exp(loss) - 1), 1e-9, bi("|exp(held-out loss) / e^loss − 1|", "|exp(留出集损失) / e^损失 − 1|"))
    r.check_lt(bi("exp(mean loss) = 1 / geometric mean of p(true token)", "exp(平均损失) = 1 / p(真实词元) 的几何平均"),
               abs(ppl_m / geo - 1), 1e-9, "|exp(loss) · (Π p_i)^(1/n) − 1|")
    r.check_ratio(bi("…not the arithmetic mean of 1/p", "……而不是 1/p 的算术平均"), abs(arith / math.exp(loss) - 1),
                  max(abs(ppl_m / math.exp(loss) - 1), 1e-12), ">", 1e3,
                  bi("|mean(1/p)/e^loss − 1| / |exp(loss)/e^loss − 1| (floor 1e-12)", "|平均(1/p)/e^损失 − 1| / |exp(损失)/e^损失 − 1|（下限 1e-12）"))
    r.check_lt(bi("uniform model: perplexity = V", "均匀模型：困惑度 = V"), abs(ppl_uniform / V - 1), 1e-9, "|exp(loss)/V − 1|")
    r.check_lt(bi("perplexity = the effective branching (4 possible next tokens → 4)",
                  "困惑度 = 有效分支数（4 个可能的下一个词元 → 4）"), abs(ppl_flat / 4 - 1), 0.1, "|perplexity/4 − 1|")
    r.check_lt(bi("mixed branching 2 and 8: the geometric mean 4, not the arithmetic 5",
                  "分支数 2 与 8 混合：等于几何平均 4，而不是算术平均 5"), abs(ppl_mixed / 4 - 1), 0.1,
               "|perplexity/4 − 1| (5 would give 0.25)")
    r.check_lt(bi(f"a model with loss ≈ {fmt(loss)} has perplexity e^loss", f"损失 ≈ {fmt(loss)} 的模型困惑度为 e^损失"),
               abs(ppl_q / math.exp(asked_entropy) - 1), 0.1, "|perplexity / e^(source entropy) − 1|")
    r.answer = bi(f"Perplexity = exp(mean cross-entropy), the effective number of equally likely next tokens: a uniform "
                  f"model over {V} tokens scores {ppl_uniform:.6g}; a model whose mean loss is {fmt(loss)} measures "
                  f"{ppl_m:.6g} = e^{fmt(loss)} (a counted bigram on a source of entropy {fmt(asked_entropy)} measures "
                  f"{fmt(ppl_q)}, e^{fmt(asked_entropy)} = {fmt(math.exp(asked_entropy))}).",
                  f"困惑度 = exp(平均交叉熵)，即等可能的下一个词元的有效个数：{V} 个词元上的均匀模型为 {ppl_uniform:.6g}；"
                  f"平均损失为 {fmt(loss)} 的模型实测 {ppl_m:.6g} = e^{fmt(loss)}（熵为 {fmt(asked_entropy)} 的信源上计数得到的二元模型"
                  f"实测 {fmt(ppl_q)}，e^{fmt(asked_entropy)} = {fmt(math.exp(asked_entropy))}）。")
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


def _teacher_forced(model, head, X, warm: int):
    """Every step reads the true previous value: predictions (T, B, 1), row t predicts Y[t]."""
    return head.forward(model.forward(X)[0])[0]


def _free_running(model, head, X, warm: int):
    """After ``warm`` true values the model reads its own previous prediction: predictions (T, B, 1)."""
    H, state, _ = model.forward(X[:warm])
    out = [head.forward(H)[0]]  # rows 0 … warm−1: row warm−1 predicts Y[warm − 1]
    y = out[0][-1:]
    for _ in range(X.shape[0] - warm):
        Hs, state, _ = model.forward(y, state)
        y = head.forward(Hs)[0]
        out.append(y)
    return np.concatenate(out)


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
    O_tf = _teacher_forced(model, head, X, warm)  # (warm+horizon, B, 1); O_tf[t] predicts Y[t]
    O_free = _free_running(model, head, X, warm)
    sl = slice(warm - 1, warm - 1 + horizon)
    free_err = np.mean((O_free[sl] - Y[sl]) ** 2, axis=(1, 2))  # (horizon,)
    tf_err = np.mean((O_tf[sl] - Y[sl]) ** 2, axis=(1, 2))
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
