"""Proofs about backpropagation through time: exactness, the ρ^k law, clipping and its limits."""

from __future__ import annotations

import math

import numpy as np

from rnnquiz.models import GRU, LSTM, RNN, Linear
from rnnquiz.models.gradcheck import check_model, rel_error
from rnnquiz.models.losses import mse
from rnnquiz.models.optim import SGD, Adam, clip_grad_norm, clip_grad_value, global_norm
from rnnquiz.models.tasks import adding_problem
from rnnquiz.models.train import train
from rnnquiz.proofs.result import ProofResult, Series, bi, fmt


def _s(name, xs, ys, floor: float | None = None) -> Series:
    ys = [float(y) for y in ys]
    if floor is not None:
        ys = [max(y, floor) for y in ys]
    return Series(name, [float(x) for x in xs], ys)


def orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    """A random orthogonal matrix (QR of a Gaussian, signs fixed so it is Haar-distributed)."""
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


# --------------------------------------------------------------------------------- bptt-gradcheck


def bptt_gradcheck(seed: int, quick: bool) -> ProofResult:
    r = ProofResult.start("bptt-gradcheck", seed, quick)
    rng = np.random.default_rng(seed)
    T, B, d, h = (3, 1, 2, 3) if quick else (4, 2, 2, 3)  # small: every weight is probed twice per model
    models = {
        "RNN (tanh)": RNN(d, h, seed=rng),
        "GRU reset-after": GRU(d, h, reset_after=True, seed=rng),
        "GRU reset-before": GRU(d, h, reset_after=False, seed=rng),
        "LSTM": LSTM(d, h, seed=rng),
    }
    r.table("max rel. error", "worst array")
    for name, model in models.items():
        X = rng.standard_normal((T, B, d))
        errs = check_model(model, X, seed=int(rng.integers(1 << 30)))
        worst = max(errs, key=errs.get)
        r.row(name, errs[worst], worst)
        r.check_lt(f"{name}: BPTT = centred differences", errs[worst], 1e-6, "max relative error")
    # Sequence loss vs per-step losses: L = 1/T Σ ℓ_t, each ℓ_t computed from its own prefix run.
    model, head = RNN(d, h, seed=rng), Linear(h, 2, seed=rng)
    X, Y = rng.standard_normal((T, B, d)), rng.standard_normal((T, B, 2))
    H, _, cache = model.forward(X)
    out, hc = head.forward(H)
    L, dO = mse(out, Y)  # mean over steps, batch and outputs
    g_full = model.backward(cache, head.backward(hc, dO)["X"])
    losses, g_sum = [], {k: np.zeros_like(v) for k, v in model.params.items()}
    for t in range(T):
        Ht, _, ct = model.forward(X[:t + 1])  # a run that stops at step t
        Ot, hct = head.forward(Ht[-1])
        lt, dOt = mse(Ot, Y[t])
        dH = np.zeros_like(Ht)
        dH[-1] = head.backward(hct, dOt)["X"]
        gt = model.backward(ct, dH)
        losses.append(lt)
        for k in g_sum:
            g_sum[k] += gt[k] / T
    loss_err = abs(L - float(np.mean(losses))) / abs(L)
    grad_err = max(rel_error(g_full[k], g_sum[k]) for k in g_sum)
    r.row("L vs mean_t ℓ_t", loss_err, "loss")
    r.row("∂L vs mean_t ∂ℓ_t", grad_err, "all weights")
    r.check_lt("L = (1/T) Σ_t ℓ_t", loss_err, 1e-12, "relative difference")
    r.check_lt("∂L/∂θ = (1/T) Σ_t ∂ℓ_t/∂θ", grad_err, 1e-10, "relative difference")
    r.setup = bi(f"d={d}, h={h}, T={T}, batch {B}, float64; centred differences ε=1e-6 on every weight, the "
                 f"inputs and the initial state; per-step losses from separate prefix runs; seed {seed}",
                 f"d={d}，h={h}，T={T}，批量 {B}，float64；对每个权重、输入和初始状态做中心差分 ε=1e-6；"
                 f"各步损失来自单独的前缀运行；种子 {seed}")
    c = r.chart("per-step losses ℓ_t and their mean L", "t", "loss")
    c.series += [_s("ℓ_t", range(1, T + 1), losses), _s("L", range(1, T + 1), [L] * T)]
    r.citation = "Werbos 1990; d2l §9.7; Goodfellow et al. 2016 §10.2.2"
    return r


# --------------------------------------------------------------------------------- spectral-radius


def scaled_to_radius(rng: np.random.Generator, n: int, rho: float) -> np.ndarray:
    """A random Gaussian (non-normal) matrix scaled so that its spectral radius is ``rho``: its spectral
    norm ‖W‖₂ is larger than ρ, so ‖W^k‖ ≠ ρ^k at small k and only the decay rate can reveal ρ."""
    A = rng.standard_normal((n, n)) / math.sqrt(n)
    return A * (rho / float(np.max(np.abs(np.linalg.eigvals(A)))))


def log_norms_back(W: np.ndarray, K: int) -> np.ndarray:
    """ln ‖∂h_T/∂h_(T−k)‖₂ of the linear RNN h_t = h_(t−1) W + x_t W_xh, k = 1 … K: the step Jacobians
    chained from T backwards (renormalised every step so nothing overflows)."""
    P, total, out = np.eye(W.shape[0]), 0.0, np.empty(K)
    for k in range(K):
        P = W @ P
        n = float(np.linalg.norm(P, 2))
        total += math.log(n)
        P /= n
        out[k] = total
    return out


def decay_rate(log_norms: np.ndarray) -> float:
    """The measured growth factor per step, exp of the slope of ln ‖·‖ over the second half of the k range."""
    K = len(log_norms)
    return math.exp((log_norms[K - 1] - log_norms[K // 2 - 1]) / (K - K // 2))


def spectral_radius(seed: int, quick: bool, rho: float | None = None, k: int | None = None) -> ProofResult:
    """``rho`` and ``k`` are a question's own numbers (bptt-linear-decay); without them the run uses ρ = 0.9,
    k = 50 and writes no answer line of its own (each question that maps here has its own, proofs/questions.py)."""
    r = ProofResult.start("spectral-radius", seed, quick)
    asked = rho is not None and k is not None
    rho, k = (0.9 if rho is None else float(rho)), (50 if k is None else int(k))
    r.params = {"rho": rho, "k": k} if asked else {}
    rng = np.random.default_rng(seed)
    h, d, K = 16, 4, 60
    rhos = (0.5, 0.9, 1.0, 1.1, 1.5, 3.0)
    # linear RNN, a random non-normal W_hh scaled to each ρ: the measured decay rate must be ρ, not ‖W‖₂
    KL = max(200, 2 * k)
    A = scaled_to_radius(rng, h, 1.0)
    sigma = float(np.linalg.norm(A, 2))  # ‖A‖₂ / ρ(A): the rival explanation, "grows like ‖W‖^k"
    lin = {p: log_norms_back(p * A, KL) for p in rhos}
    rates = {p: decay_rate(lin[p]) for p in rhos}
    rate_err = max(abs(rates[p] / p - 1) for p in rhos)
    rival_err = min(abs(rates[p] / (p * sigma) - 1) for p in rhos)
    Q = orthogonal(rng, h)  # (h, h)
    X = rng.standard_normal((K, 1, d))  # (K, 1, d) moderate inputs, one sequence
    tan = {}
    for rr in rhos:
        W = rr * Q  # orthogonal: ρ = ‖W‖₂ = rr; d2l layout: h_t = φ(x_t W_xh + h_{t−1} W + b)
        model = RNN(d, h, seed=rng)
        model.params["weight_hh_l0"] = W.T.copy()  # PyTorch stores W_hhᵀ
        H = model.forward(X)[0][:, 0]  # (K, h)
        P = np.eye(h)
        tan[rr] = []
        for t in reversed(range(K)):  # J_t = W diag(1 − h_t²), chained from T backwards
            P = (W * (1 - H[t] ** 2)) @ P
            tan[rr].append(np.linalg.norm(P, 2))
    ks = np.arange(1, K + 1)
    tanh_excess = max(float(np.max(np.array(tan[p]) / p ** ks)) for p in rhos)
    r.setup = bi(f"h={h}; linear RNN with W_hh a random Gaussian matrix scaled to spectral radius ρ "
                 f"(‖W_hh‖₂ = {fmt(sigma)}·ρ), {KL} steps back; tanh RNN with W_hh = ρ·Q, Q orthogonal, one sequence "
                 f"of {K} N(0,1) inputs (d={d}); spectral norm of ∂h_T/∂h_(T−k) from the chained step Jacobians; seed {seed}",
                 f"h={h}；线性 RNN 的 W_hh 为缩放到谱半径 ρ 的随机高斯矩阵（‖W_hh‖₂ = {fmt(sigma)}·ρ），回溯 {KL} 步；"
                 f"tanh RNN 的 W_hh = ρ·Q（Q 为正交矩阵），一条 {K} 步 N(0,1) 输入序列（d={d}）；"
                 f"由逐步雅可比矩阵连乘得到 ∂h_T/∂h_(T−k) 的谱范数；种子 {seed}")
    r.table(*[f"ρ={p:g}" for p in rhos])
    r.row(bi(f"linear: measured decay rate per step (k = {KL // 2}…{KL})", f"线性：实测每步衰减率（k = {KL // 2}…{KL}）"),
          *[rates[p] for p in rhos])
    r.row("‖W_hh‖₂", *[p * sigma for p in rhos])
    r.row("ρ^20", *[p ** 20 for p in rhos])
    r.row(bi("linear, k=20", "线性，k=20"), *[math.exp(lin[p][19]) for p in rhos])
    r.row("tanh, k=20", *[tan[p][19] for p in rhos])
    r.row("tanh, k=60", *[tan[p][59] for p in rhos])
    r.check_lt(bi("linear RNN: ‖∂h_T/∂h_(T−k)‖ shrinks or grows by ρ(W_hh) per step",
                  "线性 RNN：‖∂h_T/∂h_(T−k)‖ 每步按 ρ(W_hh) 缩放"), rate_err, 0.05,
               "max over ρ of |measured rate / ρ − 1|")
    r.check_ratio(bi("…the spectral radius, not the norm ‖W_hh‖₂", "……是谱半径，而不是范数 ‖W_hh‖₂"), rival_err, rate_err,
                  ">", 5.0, "|rate/‖W‖₂ − 1| / |rate/ρ − 1|")
    r.row(bi("tanh: max norm / ρ^k (≤ 1 since |tanh′| ≤ 1, ‖Q‖ = 1)", "tanh：max 范数 / ρ^k（|tanh′| ≤ 1、‖Q‖ = 1，故 ≤ 1）"),
          tanh_excess, *[None] * (len(rhos) - 1))
    sat60 = max(tan[p][59] / p ** 60 for p in rhos)
    r.check_lt("tanh RNN, k=60: saturation pulls the norm well below ρ^k", sat60, 0.5, "max over ρ of norm / ρ^60")
    r.check_ratio("ρ=0.5: the gradient vanishes (k=20 vs k=1)", tan[0.5][19], tan[0.5][0], "<", 1e-4,
                  "‖·‖ at k=20 / at k=1")
    r.check_ratio("tanh ρ=1.1 need not explode (ρ>1 necessary, not sufficient)", tan[1.1][59], 1.1 ** 60, "<", 0.1,
                  "norm at k=60 / ρ^60")
    # the question's numbers: W_hh = ρ·Q with Q orthogonal (the question's matrix), k steps back. The orthogonal
    # part keeps every norm, so ‖∂h_T/∂h_(T−k)‖ is ρ^k exactly; the control is the non-normal matrix with the
    # same ρ, whose norm k steps back is ρ^k only up to a constant factor (the rate is ρ, the size is not).
    Qq = orthogonal(np.random.default_rng(seed + 7_000), h)  # (h, h), its own stream: the rows above unchanged
    measured = math.exp(log_norms_back(rho * Qq, k)[k - 1])
    lq = lin[rho] if rho in lin else log_norms_back(rho * A, KL)
    nonnormal, rate_q = math.exp(lq[k - 1]), decay_rate(lq)
    exact_err = abs(measured / rho ** k - 1)
    control_err = abs(nonnormal / rho ** k - 1)
    r.row(bi(f"ρ={fmt(rho)}, k={k}: ‖∂h_T/∂h_(T−k)‖ for ρ·Q, for non-normal, ρ^k",
             f"ρ={fmt(rho)}，k={k}：ρ·Q 与非正规矩阵的 ‖∂h_T/∂h_(T−k)‖、ρ^k"),
          measured, nonnormal, rho ** k, *[None] * (len(rhos) - 3))
    r.check_lt(bi(f"W_hh = {fmt(rho)}·Q (Q orthogonal): ‖∂h_T/∂h_(T−{k})‖ = {fmt(rho)}^{k}",
                  f"W_hh = {fmt(rho)}·Q（Q 正交）：‖∂h_T/∂h_(T−{k})‖ = {fmt(rho)}^{k}"),
               exact_err, 1e-9, bi("|norm / ρ^k − 1|", "|范数 / ρ^k − 1|"))
    r.check_ratio(bi("…exact only because Q is orthogonal: the non-normal matrix with the same ρ is off by a factor",
                     "……之所以精确是因为 Q 正交：同一 ρ 的非正规矩阵差一个常数因子"),
                  control_err, max(exact_err, 1e-12), ">", 1e4,
                  bi("|non-normal/ρ^k − 1| / |ρ·Q/ρ^k − 1| (floor 1e-12)", "|非正规/ρ^k − 1| / |ρ·Q/ρ^k − 1|（下限 1e-12）"))
    r.check_lt(bi(f"linear, ρ={fmt(rho)}: the gradient scales by ρ per step", f"线性，ρ={fmt(rho)}：梯度每步按 ρ 缩放"),
               abs(rate_q / rho - 1), 0.05, "|measured rate / ρ − 1|")
    # ---- through the model's own BPTT (model.backward), in the near-linear regime: biases 0 and inputs so small
    # that |h_t| stays ≲ 1e-4, so tanh′ = 1 − h² ≈ 1 and each backward step multiplies δ by ρ·Qᵀ. A loss on h_k alone
    # (∂L/∂h_k = u), the model's ∂L/∂h_0 is then ρ^k ‖u‖: what model.backward computes, compared with ρ^k.
    Qb = orthogonal(np.random.default_rng(seed + 8_000), h)  # (h, h)
    rng_b = np.random.default_rng(seed + 9_000)
    u = rng_b.standard_normal((1, h))  # (1, h) ∂L/∂h_k

    def bptt_back(model: RNN, steps: int, scale: float, h0: np.ndarray) -> float:
        """‖∂L/∂h_0‖ / ‖∂L/∂h_steps‖ from model.backward, one sequence of `steps` inputs of size `scale`."""
        X = scale * rng_b.standard_normal((steps, 1, d))  # (steps, 1, d)
        H, _, cache = model.forward(X, h0[None, None])
        dY = np.zeros_like(H)
        dY[-1] = u
        return float(np.linalg.norm(model.backward(cache, dY)["h0"]) / np.linalg.norm(u))

    def near_linear(nonlinearity: str, W: np.ndarray) -> RNN:
        model = RNN(d, h, nonlinearity=nonlinearity, seed=rng_b)
        model.params["weight_hh_l0"] = W.T.copy()  # PyTorch stores W_hhᵀ
        for name in ("bias_ih_l0", "bias_hh_l0"):
            model.params[name][...] = 0.0
        return model

    bp_rhos = list(rhos) + ([float(rho)] if rho not in rhos else [])  # every column, and the question's ρ
    bp = {}
    for p in bp_rhos:
        scale = 1e-4 / max(1.0, p) ** k  # keeps |h_t| ≲ 1e-4 even where ρ^t grows
        bp[p] = bptt_back(near_linear("tanh", p * Qb), k, scale, np.zeros(h))
    bp_err = max(abs(bp[p] / p ** k - 1) for p in bp_rhos)
    r.row(bi(f"model.backward, near-linear tanh, W_hh = ρ·Q: ‖∂L/∂h_(T−{k})‖ / ‖∂L/∂h_T‖",
             f"模型自身的 BPTT，近线性 tanh，W_hh = ρ·Q：‖∂L/∂h_(T−{k})‖ / ‖∂L/∂h_T‖"), *[bp[p] for p in rhos])
    r.row(f"ρ^{k}", *[p ** k for p in rhos])
    r.check_lt(bi(f"the model's own BPTT: ‖∂L/∂h_(T−{k})‖ = ρ^{k}·‖∂L/∂h_T‖ for ρ < 1 and ρ > 1 (near-linear)",
                  f"模型自身的 BPTT：‖∂L/∂h_(T−{k})‖ = ρ^{k}·‖∂L/∂h_T‖，ρ < 1 与 ρ > 1（近线性）"),
               bp_err, 1e-3, bi(f"max over ρ ∈ {{{', '.join(fmt(p) for p in bp_rhos)}}} of |ratio / ρ^{k} − 1|",
                                f"ρ ∈ {{{', '.join(fmt(p) for p in bp_rhos)}}} 上 |比值 / ρ^{k} − 1| 的最大值"))
    # ---- the same BPTT, vector for vector, on the non-normal matrix (proofs review round 5: a backward through
    # W_hh instead of W_hhᵀ passed, since ρ·Q, Qᵀ and I all keep the norms above). A tanh RNN with W_hh = ρ·A
    # (A the random Gaussian matrix, not normal) and ordinary N(0,1) inputs, L = u·h_KF: model.backward's ∂L/∂h_0
    # against centred differences of the forward pass, coordinate by coordinate; the control is the same vector
    # with W_hh transposed in every step Jacobian (what the swapped backward returns), against the same differences.
    KF, eps_f = 10, 1e-6
    rng_f = np.random.default_rng(seed + 10_000)  # its own stream: the rows before and after unchanged
    fd_err, swap_err = 0.0, math.inf
    for p in (0.9, 1.1):
        model = RNN(d, h, seed=rng_f)
        model.params["weight_hh_l0"] = (p * A).T.copy()  # PyTorch stores W_hhᵀ
        Xf = rng_f.standard_normal((KF, 1, d))  # (KF, 1, d)
        h0 = 0.5 * rng_f.standard_normal(h)  # (h,)
        Hf, _, cache = model.forward(Xf, h0[None, None])
        dY = np.zeros_like(Hf)
        dY[-1] = u
        g = model.backward(cache, dY)["h0"][0, 0]  # (h,)

        def loss_f(hh: np.ndarray, model: RNN = model, Xf: np.ndarray = Xf) -> float:
            return float((model.forward(Xf, hh[None, None])[0][-1] * u).sum())

        fd = np.array([(loss_f(h0 + eps_f * e) - loss_f(h0 - eps_f * e)) / (2 * eps_f) for e in np.eye(h)])  # (h,)
        g_swap = u[0].copy()  # (h,) δ back through each step with W_hh in place of W_hhᵀ
        for t in reversed(range(KF)):
            g_swap = (p * A.T) @ (g_swap * (1 - Hf[t, 0] ** 2))
        scale_f = float(np.linalg.norm(fd))
        fd_err = max(fd_err, float(np.linalg.norm(g - fd)) / scale_f)
        swap_err = min(swap_err, float(np.linalg.norm(g_swap - fd)) / scale_f)
    r.row(bi(f"model.backward, tanh, W_hh = ρ·A non-normal (ρ = 0.9, 1.1), k = {KF}: max ‖∂L/∂h_0 − finite differences‖ / ‖·‖",
             f"模型自身的 BPTT，tanh，非正规 W_hh = ρ·A（ρ = 0.9、1.1），k = {KF}：max ‖∂L/∂h_0 − 有限差分‖ / ‖·‖"),
          fd_err, *[None] * (len(rhos) - 1))
    r.row(bi("…the same through W_hh instead of W_hhᵀ (control)", "……用 W_hh 代替 W_hhᵀ 时（对照）"),
          swap_err, *[None] * (len(rhos) - 1))
    r.check_ratio(bi(f"the model's own BPTT through a non-normal W_hh equals finite differences, k = {KF} (δ_(t−1) = δ_t J_tᵀ, not J_t)",
                     f"模型自身的 BPTT 经过非正规 W_hh 时与有限差分一致，k = {KF}（δ_(t−1) = δ_t J_tᵀ，而非 J_t）"),
                  fd_err, swap_err, "<", 1e-4,
                  bi("model.backward's error / the error with W_hh in place of W_hhᵀ",
                     "反向传播的误差 / 用 W_hh 代替 W_hhᵀ 时的误差"))
    # ---- identity initialisation (IRNN, Le et al. 2015): ReLU, W_hh = I, biases 0. While the units stay active
    # (here: h_0 = 1, inputs of size 1e-3) every step Jacobian is exactly I, so no k shrinks or grows the gradient;
    # a tanh RNN with PyTorch's small random W_hh (U(−1/√h, 1/√h)) and the same inputs vanishes, and a zero W_hh
    # passes nothing back at all.
    KI = 60
    irnn = near_linear("relu", np.eye(h))
    small = near_linear("tanh", rng_b.uniform(-1 / math.sqrt(h), 1 / math.sqrt(h), (h, h)))
    zero = near_linear("tanh", np.zeros((h, h)))
    kis = (1, 10, 20, 40, KI)
    ir = {kk: bptt_back(irnn, kk, 1e-3, np.ones(h)) for kk in kis}
    sm = {KI: bptt_back(small, KI, 1e-3, np.zeros(h))}
    zr = bptt_back(zero, 1, 1e-3, np.zeros(h))
    ir_err = max(abs(v - 1) for v in ir.values())
    pad = [None] * (len(rhos) - 1)
    r.row(bi(f"IRNN (ReLU, W_hh = I, h_0 = 1): max over k = 1…{KI} of |‖∂L/∂h_(T−k)‖ / ‖∂L/∂h_T‖ − 1|",
             f"IRNN（ReLU，W_hh = I，h_0 = 1）：k = 1…{KI} 上 |‖∂L/∂h_(T−k)‖ / ‖∂L/∂h_T‖ − 1| 的最大值"), ir_err, *pad)
    r.row(bi(f"tanh RNN, small random W_hh: ‖∂L/∂h_(T−k)‖ / ‖∂L/∂h_T‖ at k = {KI}",
             f"tanh RNN，较小的随机 W_hh：k = {KI} 时 ‖∂L/∂h_(T−k)‖ / ‖∂L/∂h_T‖"), sm[KI], *pad)
    r.check_lt(bi(f"IRNN (ReLU, W_hh = I) at init: the gradient neither vanishes nor explodes, k = 1…{KI}",
                  f"IRNN（ReLU，W_hh = I）初始化时：梯度既不消失也不爆炸，k = 1…{KI}"),
               ir_err, 1e-9, bi("max over k of |‖∂L/∂h_(T−k)‖ / ‖∂L/∂h_T‖ − 1| (model.backward)",
                                "各 k 上 |‖∂L/∂h_(T−k)‖ / ‖∂L/∂h_T‖ − 1| 的最大值（模型自身的 BPTT）"))
    r.check_ratio(bi(f"…while a tanh RNN with a small random W_hh vanishes by k = {KI}",
                     f"……而较小随机 W_hh 的 tanh RNN 到 k = {KI} 时梯度已消失"), sm[KI], ir[KI], "<", 1e-3,
                  bi(f"tanh / IRNN at k = {KI}", f"k = {KI} 时 tanh / IRNN"))
    r.check_exact(bi("…and a zero W_hh passes no gradient back even one step", "……W_hh 为零时连一步都传不回梯度"),
                  zr == 0.0, f"‖∂L/∂h_(T−1)‖ = {fmt(zr)} == 0")
    r.answer = "" if not asked else {"en": f"With W_hh = {fmt(rho)}·Q, Q orthogonal, the measured ‖∂h_T/∂h_(T−{k})‖ = {fmt(measured, 4)} = "
                      f"{fmt(rho)}^{k} = {fmt(rho ** k, 4)} (|ratio − 1| = {fmt(exact_err)}): each step multiplies by ρ "
                      f"and the orthogonal part keeps the norm. A non-normal matrix with the same ρ still decays at "
                      f"{fmt(rate_q)} per step but gives {fmt(nonnormal)}; tanh saturation only shrinks it further.",
                "zh": f"W_hh = {fmt(rho)}·Q、Q 为正交矩阵时，实测 ‖∂h_T/∂h_(T−{k})‖ = {fmt(measured, 4)} = "
                      f"{fmt(rho)}^{k} = {fmt(rho ** k, 4)}（|比值 − 1| = {fmt(exact_err)}）：每步乘 ρ，正交部分保持范数。"
                      f"同一 ρ 的非正规矩阵每步仍按 {fmt(rate_q)} 衰减，但得到 {fmt(nonnormal)}；tanh 饱和只会让它更小。"}
    # two charts of three: on one, ρ = 1 ran under its neighbours 0.9 and 1.1 (review 5 #13); every series visible
    for group in ((0.5, 1.0, 3.0), (0.9, 1.1, 1.5)):
        rs = ", ".join(f"{p:g}" for p in group)
        c = r.chart(bi(f"tanh RNN: ‖∂h_T/∂h_(T−k)‖, ρ = {rs}", f"tanh RNN：‖∂h_T/∂h_(T−k)‖，ρ = {rs}"), "k", "norm", logy=True)
        c.series += [_s(f"ρ={p:g}", ks, tan[p], 1e-300) for p in group]
    r.citation = "Pascanu, Mikolov & Bengio 2013; Bengio, Simard & Frasconi 1994; d2l §9.7"
    return r


# --------------------------------------------------------------------------------- clipping-explode


def _explode_run(seed: int, steps: int, clip: float | None, lr: float = 0.2):
    """SGD on "output the last input" with a chaotic W_hh = 1.5·Q. Returns the training losses, the
    gradient norms, the update sizes ‖Δθ‖, and the held-out MSE at the start and at the end."""
    rng = np.random.default_rng(seed)
    h, T, B = 32, 40, 32
    model, head = RNN(1, h, seed=rng), Linear(h, 1, seed=rng)
    model.params["weight_hh_l0"] = 1.5 * orthogonal(rng, h).T
    params = {f"m.{k}": v for k, v in model.params.items()} | {f"h.{k}": v for k, v in head.params.items()}
    opt = SGD(lr)
    Xt = np.random.default_rng(90_000 + seed).uniform(-1, 1, (T, 500, 1))  # (T, 500, 1) held-out inputs
    Yt = Xt[-1]  # (500, 1) target: the last input

    def test() -> float:
        out = head.forward(model.forward(Xt)[0][-1])[0]
        return float(np.mean((out - Yt) ** 2)) if np.all(np.isfinite(out)) else math.inf

    losses, norms, updates = [], [], []
    with np.errstate(all="ignore"):
        start = test()
        for _ in range(steps):
            X = rng.uniform(-1, 1, (T, B, 1))  # (T, B, 1)
            Y = X[-1]  # (B, 1)
            H, _, cache = model.forward(X)
            out, hc = head.forward(H[-1])
            loss, dO = mse(out, Y)
            losses.append(loss)
            if not np.isfinite(loss) or loss > 1e100:
                break
            hg = head.backward(hc, dO)
            dH = np.zeros_like(H)
            dH[-1] = hg["X"]
            mg = model.backward(cache, dH)
            grads = {f"m.{k}": mg[k] for k in model.params} | {f"h.{k}": hg[k] for k in head.params}
            norms.append(clip_grad_norm(grads, clip) if clip is not None else global_norm(grads))
            before = {k: v.copy() for k, v in params.items()}
            opt.step(params, grads)
            updates.append(np.sqrt(sum(float(np.sum((params[k] - before[k]) ** 2)) for k in params)))
        end = test()
    return losses, norms, updates, start, end, float(np.var(Yt))


def clipping_explode(seed: int, quick: bool, g: tuple | None = None, clip: float | None = None) -> ProofResult:
    """``g`` and ``clip`` are a question's own numbers (bptt-clip-component); without them the run clips
    g = (30, 40) at θ = 5 and leaves the answer line to the registry's (it would be about another question)."""
    r = ProofResult.start("clipping-explode", seed, quick)
    asked = g is not None and clip is not None
    g, clip = ((30.0, 40.0) if g is None else tuple(g)), (5.0 if clip is None else float(clip))
    lr, theta = 0.2, 0.25
    steps = 300
    seeds = [seed] if quick else [seed, seed + 1, seed + 2]
    cols = []
    rows: dict[str, list] = {k: [] for k in ("div", "upd_o", "excess", "upd_c", "fall", "vs_mean", "start", "end", "mean")}
    first = None
    for s in seeds:
        lo, no, uo, _, _, _ = _explode_run(s, steps, None, lr)
        lc, nc, uc, start, end, base = _explode_run(s, steps, theta, lr)
        if first is None:
            first = (lo, lc, base)
        worst_o = max(lo, key=lambda x: x if np.isfinite(x) else float("inf"))
        rows["div"].append(float(worst_o) / lo[0] if np.isfinite(worst_o) else float("inf"))
        rows["upd_o"].append(max((u for u in uo if np.isfinite(u)), default=float("inf")) / (lr * theta))
        rows["upd_c"].append(max(uc))
        rows["excess"].append(max(0.0, max(uc) / (lr * theta) - 1.0))
        rows["start"].append(start)
        rows["end"].append(end)
        rows["mean"].append(base)
        rows["fall"].append(end / start)
        rows["vs_mean"].append(end / base)
        cols.append(bi(f"seed {s}", f"种子 {s}"))
    r.setup = bi(f"tanh RNN h=32, W_hh=1.5·Q (Q orthogonal: ρ=1.5, chaotic), T=40 inputs ~ U(−1,1), target = the last "
                 f"input, batch 32, SGD lr {lr}, {steps} steps; the same run without clipping and with global-norm "
                 f"clipping θ={theta:g} (so ‖Δθ‖ ≤ lr·θ = {fmt(lr * theta)}); held-out MSE on 500 sequences, against "
                 f"predicting the mean (Var y); " + (f"seed {seeds[0]}" if len(seeds) == 1 else f"seeds {seeds[0]}–{seeds[-1]}"),
                 f"tanh RNN h=32，W_hh=1.5·Q（Q 为正交矩阵：ρ=1.5，混沌），T=40，输入 ~ U(−1,1)，目标 = 最后一个输入，批量 32，"
                 f"SGD 学习率 {lr}，{steps} 步；同一训练分别不裁剪和按全局范数裁剪 θ={theta:g}（于是 ‖Δθ‖ ≤ lr·θ = "
                 f"{fmt(lr * theta)}）；在 500 条留出序列上测 MSE，与只预测均值（Var y）比较；" + (f"种子 {seeds[0]}" if len(seeds) == 1 else f"种子 {seeds[0]}–{seeds[-1]}"))
    r.table(*cols)
    r.row(bi("no clip: max loss / first loss", "不裁剪：最大损失 / 初始损失"), *rows["div"])
    r.row(bi("no clip: max ‖Δθ‖ / (lr·θ)", "不裁剪：最大 ‖Δθ‖ / (lr·θ)"), *rows["upd_o"])
    r.row(bi("clip: max ‖Δθ‖", "裁剪：最大 ‖Δθ‖"), *rows["upd_c"])
    r.row(bi("clip: held-out MSE at the start", "裁剪：训练前留出 MSE"), *rows["start"])
    r.row(bi("clip: held-out MSE at the end", "裁剪：训练后留出 MSE"), *rows["end"])
    r.row(bi("predicting the mean: Var y", "只预测均值：Var y"), *rows["mean"])
    r.check_gt("without clipping the loss diverges (≥ 10× its start, or inf/nan)", min(rows["div"]), 10.0,
               "smallest max loss / first loss")
    r.check_gt("without clipping single updates are huge", min(rows["upd_o"]), 10.0, "smallest max ‖Δθ‖ / (lr·θ)")
    r.check_lt("with clipping every update ≤ lr·θ", max(rows["excess"]), 1e-9,
               f"largest max ‖Δθ‖/(lr·θ) − 1 (lr·θ = {fmt(lr * theta)})")
    r.check_lt("with clipping training proceeds: the held-out loss falls below half its start", max(rows["fall"]), 0.5,
               "largest held-out MSE end / start")
    r.check_lt("with clipping the model learns: held-out loss below half of predicting the mean", max(rows["vs_mean"]),
               0.5, "largest held-out MSE end / Var y")
    vec = np.array(g, dtype=float)
    gq = {"g": vec.copy()}
    clip_grad_norm(gq, clip)
    want = vec * min(1.0, clip / float(np.linalg.norm(vec)))
    err = float(np.abs(gq["g"] - want).max() / np.abs(want).max())
    shown = ", ".join(fmt(float(v)) for v in gq["g"])
    r.row(f"clip ({', '.join(fmt(float(v)) for v in vec)}) at θ={fmt(clip)}", shown, *[None] * (len(cols) - 1))
    r.check_lt(f"g·θ/‖g‖ when ‖g‖ > θ: ({', '.join(fmt(float(v)) for v in vec)}) clipped at θ={fmt(clip)}", err, 1e-12,
               "relative error against g·min(1, θ/‖g‖)")
    r.answer = "" if not asked else {"en": f"Clipping bounds every update (here ‖Δθ‖ ≤ lr·θ) so training proceeds where the unclipped run "
                      f"diverges; g = ({', '.join(fmt(float(v)) for v in vec)}) at θ={fmt(clip)} becomes ({shown}).",
                "zh": f"梯度裁剪限制每次更新（此处 ‖Δθ‖ ≤ lr·θ），未裁剪的训练发散时它仍能继续；g = ("
                      f"{', '.join(fmt(float(v)) for v in vec)}) 按 θ={fmt(clip)} 裁剪后为 ({shown})。"}
    lo, lc, base = first
    c = r.chart(f"training loss, seed {seed}", "step", "loss", logy=True)
    n = max(len(lo), len(lc))
    cap = 1e3 * lo[0]  # the diverging run would squash the others into one row: drawn up to 1000× its start
    shown_o = [min(x, cap) if np.isfinite(x) else cap for x in lo]
    c.series += [_s(bi("no clipping (drawn up to 1000× its start)", "不裁剪（最多画到初始值的 1000 倍）"),
                    range(1, len(lo) + 1), shown_o),
                 _s(bi("predicting the mean", "只预测均值"), range(1, n + 1), [base] * n),
                 _s(f"clip θ={theta:g}", range(1, len(lc) + 1), lc)]
    r.citation = "Pascanu, Mikolov & Bengio 2013; Mikolov 2012; d2l §9.5.3"
    return r


# --------------------------------------------------------------------------------- clipping-vanish


def _eval_adding(model, head, T: int, seed: int, n: int = 1000) -> float:
    X, Y = adding_problem(np.random.default_rng(10_000 + seed), T, n)
    H, _, _ = model.forward(X)
    out, _ = head.forward(H[-1])
    return float(np.mean((out - Y) ** 2) / np.var(Y))


def clipping_vanish(seed: int, quick: bool) -> ProofResult:
    r = ProofResult.start("clipping-vanish", seed, quick)
    rng = np.random.default_rng(seed)
    T, h, B = 50, 16, 32
    steps = 500
    model, head = RNN(2, h, seed=rng), Linear(h, 1, seed=rng)
    # 1) what clipping does to a real gradient
    X, Y = adding_problem(rng, T, B)
    H, _, cache = model.forward(X)
    out, hc = head.forward(H[-1])
    _, dO = mse(out, Y)
    hg = head.backward(hc, dO)
    dH = np.zeros_like(H)
    dH[-1] = hg["X"]
    g = model.backward(cache, dH)
    raw = {k: g[k].copy() for k in model.params}
    flat = np.concatenate([v.ravel() for v in raw.values()])
    by_norm = {k: v.copy() for k, v in raw.items()}
    clip_grad_norm(by_norm, 0.1 * global_norm(raw))
    by_value = {k: v.copy() for k, v in raw.items()}
    clip_grad_value(by_value, 0.1 * float(np.abs(flat).max()))

    def cos(a):
        v = np.concatenate([a[k].ravel() for k in raw])
        return float(v @ flat / (np.linalg.norm(v) * np.linalg.norm(flat)))

    cos_n, cos_v = cos(by_norm), cos(by_value)
    # 2) how much gradient reaches each step: δ_t = ∂L/∂h_t from the model's own BPTT (the run restarted at h_t,
    #    its ∂L/∂h_0), checked against finite differences of the forward where those resolve (1–3 steps back)
    u = np.random.default_rng(50_000 + seed).standard_normal((1, B, h))  # (1, B, h) a probe direction

    def tail_loss(t: int, ht: np.ndarray) -> float:
        Ht = model.forward(X[t:], ht)[0]
        return float(mse(head.forward(Ht[-1])[0], Y)[0])

    dnorm, fd_err = [], 0.0
    for t in range(1, T + 1):  # δ_t, t = 1 … T (h_t = H[t−1])
        if t == T:
            d_t = hg["X"][None]
        else:
            Ht, _, ct = model.forward(X[t:], H[t - 1][None])
            ot, hct = head.forward(Ht[-1])
            dHt = np.zeros_like(Ht)
            dHt[-1] = head.backward(hct, mse(ot, Y)[1])["X"]
            d_t = model.backward(ct, dHt)["h0"]  # (1, B, h)
        dnorm.append(float(np.linalg.norm(d_t)))
        if T - 3 <= t < T:
            eps = 1e-4
            fd = (tail_loss(t, H[t - 1][None] + eps * u) - tail_loss(t, H[t - 1][None] - eps * u)) / (2 * eps)
            fd_err = max(fd_err, abs(fd - float(np.sum(d_t * u))) / abs(fd))
    # 3) train with clipping anyway, and a positive control: a GRU with the same clipping, optimiser, steps
    #    and batches, which has no vanishing path (its update gate carries H), learns the same task
    #    (trained in float32, ~1.5× faster; the RNN starts from the very weights measured above)
    f32 = np.float32
    rnn32 = RNN(2, h, seed=0, dtype=f32)
    for k, v in model.params.items():
        rnn32.params[k][...] = v
    model = rnn32
    log = train(model, head, lambda g: adding_problem(g, T, B), steps, optimizer=Adam(1e-2), clip_norm=1.0,
                seed=seed)
    ratio = _eval_adding(model, head, T, seed)
    gru, gru_head = GRU(2, h, seed=rng, dtype=f32), Linear(h, 1, seed=rng)
    gru_log = train(gru, gru_head, lambda g: adding_problem(g, T, B), steps, optimizer=Adam(1e-2), clip_norm=1.0,
                    seed=seed)
    gru_ratio = _eval_adding(gru, gru_head, T, seed)
    r.setup = bi(f"tanh RNN h={h} on the adding problem (Le et al. layout), T={T}, batch {B}; clipping θ = 0.1·‖g‖ "
                 f"(norm) or 0.1·max|g| (value); then {steps} Adam 1e-2 steps with clip 1 (float32), and the same for a GRU "
                 f"h={h} (positive control: same clipping, optimiser, steps and batches); test MSE/Var on 1000 "
                 f"held-out sequences (1 = predicting the mean); seed {seed}",
                 f"tanh RNN h={h} 做加法问题（Le 等人的格式），T={T}，批量 {B}；裁剪阈值 θ = 0.1·‖g‖（按范数）"
                 f"或 0.1·max|g|（按值）；之后用 Adam 1e-2、裁剪 1 训练 {steps} 步（float32），GRU h={h} 同样训练"
                 f"（阳性对照：相同的裁剪、优化器、步数和批次）；在 1000 条留出序列上测 MSE/Var（1 = 只会预测均值）；种子 {seed}")
    r.table("value")
    r.row("cos(norm-clipped, raw)", cos_n)
    r.row("cos(value-clipped, raw)", cos_v)
    r.row("‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ at init", dnorm[0] / dnorm[-1])
    r.row(f"RNN + clipping: test MSE/Var after {steps} steps", ratio)
    r.row(f"GRU + clipping: test MSE/Var after {steps} steps", gru_ratio)
    r.check_lt("norm clipping keeps the direction", max(abs(1 - cos_n), 0.0), 1e-12, "|1 − cos|")
    theta = 0.1 * float(np.linalg.norm(flat))
    r.check_lt(bi("norm clipping: ‖clipped g‖ = θ", "按范数裁剪：‖裁剪后的 g‖ = θ"),
               abs(global_norm(by_norm) / theta - 1), 1e-9, bi("|‖g_clipped‖ / θ − 1| (θ = 0.1·‖g‖)", "|‖g_裁剪‖ / θ − 1|（θ = 0.1·‖g‖）"))
    r.check_gt("value clipping changes the direction", 1 - cos_v, 1e-6, "1 − cos")
    r.check_lt(bi("BPTT ∂L/∂h_t = finite differences of the forward, 1–3 steps back",
                  "BPTT 的 ∂L/∂h_t = 前向的有限差分（回溯 1–3 步）"), fd_err, 1e-4,
               bi("max relative difference along a random direction (ε=1e-4)", "沿随机方向的最大相对差（ε=1e-4）"))
    r.check_exact(bi("the gradient is non-zero at every step (it shrinks, it is not cut)",
                     "每一步的梯度都不为零（是衰减，不是被截断）"), min(dnorm) > 0.0,
                  f"min_t ‖∂L/∂h_t‖ = {fmt(min(dnorm))} > 0")
    r.check_ratio("the gradient reaching h_1 has vanished at init", dnorm[0], dnorm[-1], "<", 1e-3,
                  "‖∂L/∂h_1‖ / ‖∂L/∂h_T‖")
    r.check_gt("vanilla RNN with clipping still fails the adding problem", ratio, 0.4, "test MSE/Var (1 = predicting the mean)")
    r.check_ratio("positive control: a GRU with the same clipping and steps learns it, error ≥ 10× below the RNN's",
                  ratio, gru_ratio, ">", 10.0, "RNN MSE / GRU MSE")
    c = r.chart("gradient reaching step t at initialisation", "t", "‖∂L/∂h_t‖", logy=True)
    c.series.append(_s("‖∂L/∂h_t‖", range(1, T + 1), dnorm, 1e-300))
    c2 = r.chart("training loss with clipping", "step", "MSE", logy=True)
    smooth = np.ones(10) / 10  # a 10-step moving average ("valid": no edge effects)
    xs = range(10, steps + 1)
    c2.series += [_s("GRU", xs, np.convolve(gru_log.losses, smooth, "valid")),
                  _s("RNN", xs, np.convolve(log.losses, smooth, "valid"))]
    r.citation = "Pascanu, Mikolov & Bengio 2013; Le, Jaitly & Hinton 2015; d2l §9.7"
    return r
