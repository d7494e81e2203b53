"""Proofs about the plain RNN: memory, weight sharing, bidirectionality, I/O patterns, receptive field."""

from __future__ import annotations

import numpy as np

from rnnquiz.models import RNN, BiRNN, Linear
from rnnquiz.proofs.experiments.bptt import orthogonal
from rnnquiz.proofs.experiments.nets import CausalConvStack, EncoderDecoder, FeedForward
from rnnquiz.proofs.result import Msg, ProofResult, Series, bi, fmt


def _floor(values, tiny: float = 1e-17) -> list[float]:
    """For log-scale charts: an exact 0 is drawn at ``tiny``."""
    return [max(float(v), tiny) for v in values]


def memory(seed: int, quick: bool) -> ProofResult:
    r = ProofResult.start("memory", seed, quick)
    rng = np.random.default_rng(seed)
    T, B, d, h = 10, 4, 3, 8
    rnn, ffn = RNN(d, h, seed=rng), FeedForward(d, h, h, seed=rng)
    X = rng.standard_normal((T, B, d))  # (T, B, d)
    Xp = X.copy()
    Xp[0] += 1.0  # perturb x_1 only
    H, _, _ = rnn.forward(X)  # (T, B, h)
    Hp, _, _ = rnn.forward(Xp)
    dH = np.abs(Hp - H).max(axis=(1, 2))  # (T,) max |Δh_t|
    F, _ = ffn.forward(X[-1])  # (B, h) reads x_T alone
    Fp, _ = ffn.forward(Xp[-1])
    d_ffn = float(np.abs(Fp - F).max())
    r.setup = bi(f"d={d}, h={h}, T={T}, batch {B}, x_1 += 1, everything else equal; FFN: 2 layers on x_T; seed {seed}",
                 f"d={d}，h={h}，T={T}，批量 {B}，x_1 += 1，其余不变；前馈网络：两层，只读 x_T；种子 {seed}")
    r.table("RNN h_T", "FFN(x_T)")
    r.row("max |Δ output at T|", dH[-1], d_ffn)
    r.row("max |Δ output at t=1|", dH[0], None)
    r.check_ratio("RNN: h_T changes when only x_1 does", dH[-1], dH[0], ">", 1e-6, "max |Δh_T| / max |Δh_1|")
    r.check_exact("FFN on x_T alone: output unchanged", d_ffn == 0.0, f"max |Δy| = {fmt(d_ffn)} == 0 exactly")
    # What it carries does not grow with T (rnn-state-size; proofs review round 6 #4): a long sequence read in
    # chunks of 10 steps, carrying only the state between them, ends where one pass over it ends, and that state
    # is h numbers per sample at T = 10 and at T = 10,000, while the history it summarises grows with T.
    T_long = 10_000  # instant either way (0.2 s): --quick measures what the answer line says
    X_long = rng.standard_normal((T_long, B, d))
    _, state_full, _ = rnn.forward(X_long)
    state = None
    for k in range(0, T_long, 10):
        _, state, _ = rnn.forward(X_long[k:k + 10], state)
    _, state_short, _ = rnn.forward(X_long[:T])
    sizes = (_numbers(state_short) // B, _numbers(state) // B)
    gap = float(np.abs(np.asarray(state) - np.asarray(state_full)).max())
    r.row(bi(f"numbers carried per sample, T={T} → {T_long:,}", f"每个样本携带的数，T={T} → {T_long:,}"),
          f"{sizes[0]} → {sizes[1]}", None)
    r.check_exact(bi(f"the state is h = {h} numbers per sample at T={T} and at T={T_long:,}",
                     f"T={T} 与 T={T_long:,} 时状态都是每个样本 h = {h} 个数"),
                  sizes == (h, h), bi(f"{sizes[0]} and {sizes[1]} numbers == h, while the inputs seen grow {T * d:,} → {T_long * d:,}",
                                      f"{sizes[0]} 与 {sizes[1]} 个数 == h，而读过的输入从 {T * d:,} 增至 {T_long * d:,}"))
    r.check_exact(bi(f"carrying only that state, {T_long:,} steps in chunks of 10 end where one pass ends",
                     f"只传递这个状态，分成每段 10 步读完 {T_long:,} 步，结果与一次读完相同"),
                  gap <= 1e-9 * max(1.0, float(np.abs(np.asarray(state_full)).max())), bi(f"max |Δ| = {fmt(gap)} ≤ 1e-9 · max |h|", f"max |Δ| = {fmt(gap)} ≤ 1e-9 · max |h|"))
    c = r.chart("|Δh_t| after perturbing x_1", "t", "max |Δh_t|", logy=True)
    c.series.append(_series("RNN", range(1, T + 1), dH))
    r.citation = "Elman 1990; d2l §9.4 (RNNs with hidden states)"
    return r


def _numbers(state) -> int:
    """How many numbers a recurrent state holds (an array, or a tuple of arrays for an LSTM)."""
    parts = state if isinstance(state, tuple | list) else (state,)
    return sum(int(np.asarray(p).size) for p in parts)


def _series(name, xs, ys) -> Series:
    return Series(name, [float(x) for x in xs], _floor(ys))


def weight_sharing(seed: int, quick: bool) -> ProofResult:
    r = ProofResult.start("weight-sharing", seed, quick)
    rng = np.random.default_rng(seed)
    B, d, h = 2, 3, 8
    model = RNN(d, h, seed=rng)
    W_hh = model.params["weight_hh_l0"]  # (h, h) PyTorch layout: H_{t−1} W_hhᵀ
    r.table("T=10", "T=100", "T=1000")
    counts, errs, norms, contribs = [], [], [], None
    trained = []  # per T: scalars the run's gradient covers (what an optimiser would update), on its own model
    for T in (10, 100, 1000):
        m = RNN(d, h, seed=0)  # a separate model for every length, with the same weights
        m.params = {k: v.copy() for k, v in model.params.items()}
        X = rng.standard_normal((T, B, d))  # (T, B, d)
        H, _, cache = m.forward(X)  # (T, B, h)
        P = rng.standard_normal(H.shape)  # L = Σ_t Σ P_t ⊙ H_t: a loss on every step
        grads = m.backward(cache, P)
        trained.append(sum(int(np.asarray(v).size) for k, v in grads.items() if k in m.params))
        g = grads["weight_hh_l0"]  # (h, h)
        # Per-step contributions, one BPTT step at a time: G_t = ∂L/∂A_tᵀ H_{t−1}.
        G = np.zeros((T, h, h))  # (T, h, h)
        delta = np.zeros((B, h))  # (B, h) ∂L/∂H_t
        for t in reversed(range(T)):
            delta += P[t]
            dA = delta * (1 - H[t] ** 2)  # (B, h)
            H_prev = H[t - 1] if t > 0 else np.zeros((B, h))
            G[t] = dA.T @ H_prev
            delta = dA @ W_hh
        total = G.sum(axis=0)
        errs.append(float(np.linalg.norm(g - total) / np.linalg.norm(g)))
        counts.append(m.num_params())
        norms.append(float(np.linalg.norm(g)))
        if T == 100:
            contribs = np.linalg.norm(G, axis=(1, 2))
    # Untied: give every step its own copy W_t of W_hh (written out here, not the model's loop), check that with
    # all copies equal it reproduces the model, then get ∂L/∂W_t for each step by centred finite differences.
    # Weight sharing means the model's single gradient is their sum.
    Tu = 6
    Xu = rng.standard_normal((Tu, B, d))  # (Tu, B, d)
    Pu = rng.standard_normal((Tu, B, h))  # (Tu, B, h) loss weights
    W_ih, b = model.params["weight_ih_l0"], model.params["bias_ih_l0"] + model.params["bias_hh_l0"]

    def untied(Ws: np.ndarray) -> tuple[np.ndarray, float]:
        Hs, prev = np.empty((Tu, B, h)), np.zeros((B, h))
        for t in range(Tu):
            prev = np.tanh(Xu[t] @ W_ih.T + b + prev @ Ws[t].T)
            Hs[t] = prev
        return Hs, float(np.sum(Pu * Hs))

    Ws = np.repeat(W_hh[None], Tu, axis=0)  # (Tu, h, h) one copy per step, all equal
    Hm, _, cu = model.forward(Xu)
    tie_err = float(np.abs(untied(Ws)[0] - Hm).max())
    g_model = model.backward(cu, Pu)["weight_hh_l0"]  # (h, h)
    eps, g_steps = 1e-6, np.zeros((Tu, h, h))  # (Tu, h, h) ∂L/∂W_t
    for t in range(Tu):
        for i in range(h):
            for j in range(h):
                Wp, Wm = Ws.copy(), Ws.copy()
                Wp[t, i, j] += eps
                Wm[t, i, j] -= eps
                g_steps[t, i, j] = (untied(Wp)[1] - untied(Wm)[1]) / (2 * eps)
    fd_sum = g_steps.sum(axis=0)
    share_err = float(np.linalg.norm(g_model - fd_sum) / np.linalg.norm(fd_sum))
    one_step = min(float(np.linalg.norm(g_model - g_steps[t]) / np.linalg.norm(fd_sum)) for t in range(Tu))
    r.setup = bi(f"one tanh RNN d={d}, h={h}, batch {B}, run at three lengths; loss on every step; and an untied copy "
                 f"(each of {Tu} steps its own W_t, ∂L/∂W_t by centred differences ε=1e-6); seed {seed}",
                 f"同一个 tanh RNN，d={d}，h={h}，批量 {B}，在三种长度上运行；每步都有损失；另有一个解绑副本"
                 f"（{Tu} 步各用自己的 W_t，∂L/∂W_t 用中心差分 ε=1e-6）；种子 {seed}")
    r.row("parameters (same weights)", *counts)
    r.row("‖∂L/∂W_hh‖", *norms)
    r.row(bi(f"untied copy, T={Tu}: scalars (one W_t per step)", f"解绑副本，T={Tu}：标量个数（每步一个 W_t）"),
          int(W_ih.size + Ws.size + 2 * h), None, None)
    r.row("rel. error vs Σ_t per-step terms", *errs)
    for T, e in zip((10, 100, 1000), errs, strict=True):
        r.check_lt(f"T={T}: ∂L/∂W_hh = Σ_t H_(t−1)ᵀ ∂L/∂A_t", e, 1e-10, "relative error")
    want = h * d + h * h + 2 * h
    r.row(bi("scalars with a gradient after the run", "运行后有梯度的标量个数"), *trained)
    r.check_exact(bi("parameter count does not depend on T: h·d + h² + 2h", "参数量与 T 无关：h·d + h² + 2h"),
                  counts == [want] * 3 and trained == [want] * 3,
                  bi(f"separate models run at T = 10, 100, 1000: parameters {counts}, trained by the run {trained}; "
                     f"each == {want}",
                     f"在 T = 10、100、1000 上各自运行的模型：参数 {counts}，本次运行训练的 {trained}；都 == {want}"))
    r.check_lt(bi(f"untied copy (W_1 = … = W_{Tu} = W_hh) reproduces the model", f"解绑副本（W_1 = … = W_{Tu} = W_hh）复现模型"),
               tie_err, 1e-12, bi("max |H_t untied − H_t model|", "max |H_t 解绑 − H_t 模型|"))
    r.check_lt(bi(f"shared gradient = Σ_t ∂L/∂W_t of the untied steps (finite differences, T={Tu})",
                  f"共享权重的梯度 = 解绑各步 ∂L/∂W_t 之和（有限差分，T={Tu}）"),
               share_err, 1e-6, bi("‖∂L/∂W_hh − Σ_t FD_t‖ / ‖Σ_t FD_t‖", "‖∂L/∂W_hh − Σ_t FD_t‖ / ‖Σ_t FD_t‖"))
    r.check_ratio(bi("…and no single step's gradient is the whole", "……且任何单独一步的梯度都不是全部"),
                  one_step, max(share_err, 1e-12), ">", 100.0,
                  bi("min_t ‖∂L/∂W_hh − FD_t‖ / ‖∂L/∂W_hh − Σ_t FD_t‖", "min_t ‖∂L/∂W_hh − FD_t‖ / ‖∂L/∂W_hh − Σ_t FD_t‖"))
    c = r.chart("per-step contribution to ∂L/∂W_hh (T=100)", "t", "‖G_t‖")
    c.series.append(Series("‖G_t‖", [float(t) for t in range(1, 101)], [float(v) for v in contribs]))
    r.citation = "d2l §9.7 (backpropagation through time); Werbos 1990"
    return r


def birnn_future(seed: int, quick: bool, T: int = 6, B: int = 3, h: int = 5, what: str | None = None,
                 dim: int | None = None) -> ProofResult:
    r = ProofResult.start("birnn-future", seed, quick)
    r.params = {"T": T, "B": B, "h": h}
    rng = np.random.default_rng(seed)
    d = 3
    uni, bimodel = RNN(d, h, seed=rng), BiRNN("rnn", d, h, seed=rng)
    X = rng.standard_normal((T, B, d))  # (T, B, d)
    Xp = X.copy()
    Xp[-1] += 1.0  # perturb x_T only
    U, _, _ = uni.forward(X)
    Up, _, _ = uni.forward(Xp)
    Bo, _, _ = bimodel.forward(X)  # (T, B, 2h)
    Bp, _, _ = bimodel.forward(Xp)
    du = np.abs(Up - U).max(axis=(1, 2))  # (T,)
    dfw = np.abs(Bp - Bo)[:, :, :h].max(axis=(1, 2))  # (T,)
    dbw = np.abs(Bp - Bo)[:, :, h:].max(axis=(1, 2))  # (T,)
    r.setup = bi(f"d={d}, h={h}, T={T}, B={B}; x_T += 1, x_1 … x_(T−1) unchanged; seed {seed}",
                 f"d={d}，h={h}，T={T}，B={B}；x_T += 1，x_1 … x_(T−1) 不变；种子 {seed}")
    r.table("unidirectional", "BiRNN →H", "BiRNN ←H")
    r.row("max |Δ state at t=1|", du[0], dfw[0], dbw[0])
    r.row("max |Δ state, t<T|", du[:-1].max(), dfw[:-1].max(), dbw[:-1].max())
    r.row("output width", U.shape[-1], None, Bo.shape[-1])
    r.check_exact("unidirectional: Δh_1 == 0 exactly", du[:-1].max() == 0.0, f"max_t<T |Δh_t| = {fmt(du[:-1].max())} == 0")
    r.check_exact("BiRNN forward half: ΔH_1 == 0", dfw[0] == 0.0, f"{fmt(dfw[0])} == 0")
    # With drawn weights the backward influence shrinks like ρ^(T−1) and reaches float64 rounding by T≈30
    # (a perturbation cannot tell 1e-16 from 0). So the check runs the same model code as a probe whose
    # backward-direction recurrence is the identity and whose inputs are small (tanh′ ≈ 1): the dependency
    # path ←H_1 ← … ← x_T carries the perturbation undamped for any T, and a model without it gives exactly 0.
    probe = _identity_probe(BiRNN("rnn", d, h, seed=rng), h)
    Po, _, _ = probe.forward(X)
    Pp, _, _ = probe.forward(Xp)
    pbw = np.abs(Pp - Po)[:, :, h:].max(axis=(1, 2))  # (T,)
    pfw = np.abs(Pp - Po)[:, :, :h].max(axis=(1, 2))  # (T,)
    r.row(bi("probe W_hh=I: max |Δ state at t=1|", "探针 W_hh=I：t=1 时 max |Δ 状态|"), None, pfw[0], pbw[0])
    r.check_ratio("BiRNN backward half sees x_T at t=1", pbw[0], pbw[-1], ">", 0.25,
                  bi("probe W_hh=I: max |Δ←H_1| / max |Δ←H_T|", "探针 W_hh=I：max |Δ←H_1| / max |Δ←H_T|"))
    r.check_exact("BiRNN output width is 2h", Bo.shape[-1] == 2 * h, f"width {Bo.shape[-1]} == 2·{h}")
    # Alignment: not only does ←H_1 see x_T, each ←H_t sees exactly x_t … x_T (and →H_t exactly x_1 … x_t).
    check_alignment(r, direction_alignment(lambda Z: bimodel.forward(Z)[0], X, h), bi("BiRNN", "双向 RNN"))
    # …and on the probe (W_hh = I: nothing fades), x_s reaches every ←H_t with t ≤ s and every →H_t with t ≥ s
    pa = direction_alignment(lambda Z: probe.forward(Z)[0], X, h)
    r.check_ratio(bi("probe W_hh=I: x_s moves every ←H_t with t ≤ s and every →H_t with t ≥ s",
                     "探针 W_hh=I：x_s 改变所有 t ≤ s 的 ←H_t 和所有 t ≥ s 的 →H_t"),
                  min(pa["bw_all"] / pa["bw_scale"], pa["fw_all"] / pa["fw_scale"]), 1.0, ">", 0.25,
                  bi("min over s of |Δ←H_t| (t ≤ s) / max |Δ←H| and of |Δ→H_t| (t ≥ s) / max |Δ→H|",
                     "对 s 取 |Δ←H_t|（t ≤ s）/ max |Δ←H| 与 |Δ→H_t|（t ≥ s）/ max |Δ→H| 的最小值"))
    c = r.chart("|ΔH_t| after perturbing x_T (0 drawn at 1e-17)", "t", "max |ΔH_t|", logy=True)
    c.series += [_series("uni", range(1, T + 1), du), _series("Bi ←H", range(1, T + 1), dbw)]
    if what == "output" and dim is not None:  # a question on the output's shape (birnn-output-width)
        r.answer = bi(f"Measured: output is {tuple(Bo.shape)}, its size(2) = 2h = 2·{h} = {Bo.shape[-1]} ([→H_t, ←H_t]); "
                      f"only the backward half at t=1 sees x_T.",
                      f"实测：output 形状为 {tuple(Bo.shape)}，size(2) = 2h = 2·{h} = {Bo.shape[-1]}（[→H_t, ←H_t]）；"
                      f"t=1 时只有反向部分看得到 x_T。")
    r.citation = "Schuster & Paliwal 1997; d2l §10.4 (bidirectional RNNs)"
    return r


def _positions(T: int) -> list[int]:
    """The inputs x_s (1-based) an alignment test perturbs: both ends, their neighbours and the middle."""
    return sorted({s for s in (1, 2, (T + 1) // 2, T - 1, T) if 1 <= s <= T})


def direction_alignment(run, X: np.ndarray, h: int) -> dict[str, float]:
    """Which states of each direction move when one input moves. ``run(X)`` returns a bidirectional layer's
    outputs (T, B, 2h) = [→H_t, ←H_t]; x_s += 1 at each of ``_positions(T)``.

    A true BiRNN has ←H_t = f(x_t, ←H_(t+1)), so ←H_t depends on x_t … x_T only, and →H_t on x_1 … x_t only:
      ``bw_leak`` = max |Δ←H_t| over t > s and ``fw_leak`` = max |Δ→H_t| over t < s are exactly 0;
      ``bw_reach`` = min over s of min(|Δ←H_s|, |Δ←H_(s−1)|): x_s enters ←H at step s and the step processed
      next (s−1) carries it on; ``fw_reach`` likewise with →H_s, →H_(s+1). Both are > 0, relative to ``scale``
      (the largest change anywhere). One change per step is measured next to where it enters, so the figures
      do not shrink with T (a state's influence far away can round to exactly 0 with drawn weights).
    A "backward" half that reads x_1 … x_T in forward order and is flipped afterwards breaks the leak (x_1 then
    moves every ←H_t) and the reach (x_T moves no ←H_T)."""
    T = X.shape[0]
    Y = np.asarray(run(X))  # (T, B, 2h)
    out = {"fw_leak": 0.0, "bw_leak": 0.0, "fw_reach": np.inf, "bw_reach": np.inf, "scale": 0.0,
           "fw_all": np.inf, "bw_all": np.inf,  # *_all: min over s of |Δ| over every t the input should reach
           "fw_scale": 0.0, "bw_scale": 0.0}  # the largest change of each half
    for s in _positions(T):
        Xp = X.copy()
        Xp[s - 1] += 1.0
        D = np.abs(np.asarray(run(Xp)) - Y)  # (T, B, 2h)
        fw = D[:, :, :h].max(axis=(1, 2))  # (T,) max |Δ→H_t|
        bw = D[:, :, h:].max(axis=(1, 2))  # (T,) max |Δ←H_t|
        i = s - 1  # 0-based index of x_s
        out["fw_leak"] = max(out["fw_leak"], float(fw[:i].max(initial=0.0)))
        out["bw_leak"] = max(out["bw_leak"], float(bw[i + 1:].max(initial=0.0)))
        out["fw_reach"] = min(out["fw_reach"], float(fw[i:i + 2].min()))
        out["bw_reach"] = min(out["bw_reach"], float(bw[max(i - 1, 0):i + 1].min()))
        out["fw_all"] = min(out["fw_all"], float(fw[i:].min()))
        out["bw_all"] = min(out["bw_all"], float(bw[:i + 1].min()))
        out["scale"] = max(out["scale"], float(D.max()))
        out["fw_scale"], out["bw_scale"] = max(out["fw_scale"], float(fw.max())), max(out["bw_scale"], float(bw.max()))
    return out


def check_alignment(r: ProofResult, a: dict[str, float], where: Msg) -> None:
    """The three checks of ``direction_alignment`` on ``r`` (``where`` names the arrays, e.g. output[:, :, h:])."""
    en, zh = (where["en"], where["zh"]) if isinstance(where, dict) else (where, where)
    r.check_exact(bi("←H_t sees only x_t … x_T: x_s moves no ←H_t with t > s",
                     "←H_t 只看 x_t … x_T：x_s 不改变任何 t > s 的 ←H_t"),
                  a["bw_leak"] == 0.0, bi(f"{en}: max over s, t > s of |Δ←H_t| = {fmt(a['bw_leak'])} == 0",
                                          f"{zh}：对 s 与 t > s 取 max |Δ←H_t| = {fmt(a['bw_leak'])} == 0"))
    r.check_exact(bi("→H_t sees only x_1 … x_t: x_s moves no →H_t with t < s",
                     "→H_t 只看 x_1 … x_t：x_s 不改变任何 t < s 的 →H_t"),
                  a["fw_leak"] == 0.0, bi(f"{en}: max over s, t < s of |Δ→H_t| = {fmt(a['fw_leak'])} == 0",
                                          f"{zh}：对 s 与 t < s 取 max |Δ→H_t| = {fmt(a['fw_leak'])} == 0"))
    r.check_ratio(bi("x_s enters both halves at step s and moves ←H_(s−1) and →H_(s+1) next",
                     "x_s 在第 s 步进入两个方向，并接着改变 ←H_(s−1) 与 →H_(s+1)"),
                  min(a["bw_reach"], a["fw_reach"]), a["scale"], ">", 1e-4,
                  bi("min over s of |Δ←H_s|, |Δ←H_(s−1)|, |Δ→H_s|, |Δ→H_(s+1)| / max |ΔH|",
                     "对 s 取 |Δ←H_s|、|Δ←H_(s−1)|、|Δ→H_s|、|Δ→H_(s+1)| 的最小值 / max |ΔH|"))


def _identity_probe(model, h: int):
    """The BiRNN ``model`` with W_hh = I in both directions, W_ih scaled to 1e-3 and zero biases: states stay
    near 0 so tanh′ ≈ 1 and a perturbation travels the whole sequence at full size."""
    for s in ("l0", "l0_reverse"):
        model.params[f"weight_hh_{s}"][...] = np.eye(h)
        model.params[f"weight_ih_{s}"] *= 1e-3
        model.params[f"bias_hh_{s}"][...] = 0.0
        model.params[f"bias_ih_{s}"][...] = 0.0
    return model


_PATTERN_ROW = {"one-to-one": "one-to-one", "one-to-many": "one-to-many", "many-to-one": "many-to-one",
                "many-to-many": "many-to-many (aligned)", "seq2seq": "encoder–decoder"}


def io_patterns(seed: int, quick: bool, B: int = 2, q: int = 4, T: int = 7, T_out: int = 5,
                pattern: str | None = None, dim: int | None = None) -> ProofResult:
    r = ProofResult.start("io-patterns", seed, quick)
    r.params = {"B": B, "q": q, "T": T, "T_out": T_out}
    rng = np.random.default_rng(seed)
    d, h = 3, 6
    rnn, head = RNN(d, h, seed=rng), Linear(h, q, seed=rng)
    X = rng.standard_normal((T, B, d))  # (T, B, d)
    got: dict[str, tuple[int, ...]] = {}
    want: dict[str, tuple[int, ...]] = {}
    # one-to-one: a plain feed-forward net on one vector
    y, _ = FeedForward(d, h, q, seed=rng).forward(X[0])
    got["one-to-one"], want["one-to-one"] = y.shape, (B, q)
    # one-to-many: x as the first input, then zero vectors (music generation from a seed)
    Xm = np.zeros((T_out, B, d))
    Xm[0] = X[0]
    Hm, _, _ = rnn.forward(Xm)
    got["one-to-many"], want["one-to-many"] = head.forward(Hm)[0].shape, (T_out, B, q)
    # many-to-one: read the last state (sentence classification)
    H, hT, _ = rnn.forward(X)
    got["many-to-one"], want["many-to-one"] = head.forward(hT[-1])[0].shape, (B, q)
    # many-to-many aligned: an output per input (tagging / NER)
    got["many-to-many (aligned)"], want["many-to-many (aligned)"] = head.forward(H)[0].shape, (T, B, q)
    # encoder–decoder: T_in in, T_out out (translation)
    ed = EncoderDecoder(d, h, q, seed=rng)
    Y, ctx = ed.forward(X, T_out)
    got["encoder–decoder"], want["encoder–decoder"] = Y.shape, (T_out, B, q)
    r.setup = bi(f"d={d}, h={h}, q={q}, B={B}, T={T} input steps, T_out={T_out} output steps: real models, "
                 f"shapes read off their outputs; seed {seed}",
                 f"d={d}，h={h}，q={q}，B={B}，T={T} 个输入步，T_out={T_out} 个输出步：真实模型，形状取自其输出；种子 {seed}")
    r.table("output shape", "expected")
    for name in got:
        r.row(name, "×".join(map(str, got[name])), "×".join(map(str, want[name])))
    for name in got:
        r.check_exact(f"{name}: shape", got[name] == want[name], f"{got[name]} == {want[name]}")
    # Which inputs each output reads, not only its shape (a classifier on the first state, or a tagger that
    # looks ahead, has the right shape): perturb one input by +1 and see which outputs move.
    Xl = X.copy()
    Xl[-1] += 1.0  # x_T
    y1 = head.forward(hT[-1])[0]  # (B, q)
    d_m2o = float(np.abs(head.forward(rnn.forward(Xl)[1][-1])[0] - y1).max())
    r.check_ratio(bi("many-to-one reads the last state: its output moves with x_T", "多对一读最后的状态：输出随 x_T 变化"),
                  d_m2o, float(np.abs(y1).max()), ">", 1e-6, "max |Δy| / max |y| (x_T += 1)")
    s = (T + 1) // 2  # perturb x_s in the middle
    Xs = X.copy()
    Xs[s - 1] += 1.0
    O, Os = head.forward(H)[0], head.forward(rnn.forward(Xs)[0])[0]  # (T, B, q)
    dO = np.abs(Os - O).max(axis=(1, 2))  # (T,)
    r.check_exact(bi(f"many-to-many (aligned): O_t reads x_1 … x_t only; x_{s} moves no O_t with t < {s}",
                     f"等长多对多：O_t 只读 x_1 … x_t；x_{s} 不改变 t < {s} 的任何 O_t"),
                  float(dO[:s - 1].max(initial=0.0)) == 0.0, f"max_(t<{s}) |ΔO_t| = {fmt(float(dO[:s - 1].max(initial=0.0)))} == 0")
    r.check_ratio(bi(f"…and O_{s} is the output for x_{s}: it moves", f"……O_{s} 就是 x_{s} 的输出：它随之变化"),
                  float(dO[s - 1]), float(np.abs(O).max()), ">", 1e-6, f"max |ΔO_{s}| / max |O|")
    # one-to-many from an empty input (rnn-one-to-many-empty-input; proofs review round 6 #5): x = 0 at every
    # step still gives T_out outputs that differ from step to step (the biases and the recurrence drive them)
    Oz = head.forward(rnn.forward(np.zeros((T_out, B, d)))[0])[0]  # (T_out, B, q)
    vary = float(np.abs(Oz - Oz[:1]).max())
    r.check_ratio(bi(f"one-to-many from a zero input: {T_out} outputs, and they change from step to step",
                     f"一对多、输入全为零：{T_out} 个输出，且逐步不同"),
                  vary, float(np.abs(Oz).max()), ">", 1e-6, f"max_t |O_t − O_1| / max |O| ({Oz.shape[0]} steps, x = 0)")
    T_long = 2 * T + 3
    ctx_long = ed.encoder.forward(rng.standard_normal((T_long, B, d)))[1]  # (1, B, h)
    r.check_exact(bi("encoder–decoder: any input length is read into one context of shape (1, B, h), so T_out is free",
                     "编码器–解码器：任意长度的输入都被读成形状为 (1, B, h) 的上下文，因此 T_out 与之无关"),
                  ctx_long.shape == ctx.shape == (1, B, h),
                  bi(f"context {tuple(ctx.shape)} (input T={T}) == {tuple(ctx_long.shape)} (T={T_long}) == (1, {B}, {h})",
                     f"上下文 {tuple(ctx.shape)}（输入 T={T}）== {tuple(ctx_long.shape)}（T={T_long}）== (1, {B}, {h})"))
    d_ctx = float(np.abs(ed.forward(Xl, 1)[0][0] - Y[0]).max())
    r.check_ratio(bi("…and its first output step reads the whole input through the context (moves with x_T)",
                     "……其第一个输出步通过上下文读取整个输入（随 x_T 变化）"), d_ctx, float(np.abs(Y[0]).max()), ">", 1e-6,
                  "max |ΔY_1| / max |Y_1| (x_T += 1)")
    row = _PATTERN_ROW.get(pattern or "")
    if row is not None and dim is not None:  # a question on one pattern's output (rnn-pattern-*)
        shape = got[row] if len(got[row]) == 3 else (1, *got[row])  # one output step: (1, B, q)
        r.answer = bi(f"{pattern}: measured outputs (steps, B, q) = {shape}; size({dim}) = {shape[dim]}.",
                      f"{pattern}：实测输出 (步数, B, q) = {shape}；size({dim}) = {shape[dim]}。")
    r.citation = "Karpathy 2015, The Unreasonable Effectiveness of RNNs; Sutskever et al. 2014; d2l §10.6"
    return r


_RF_EPS = 1e-2  # input scale of the RNN probe in receptive-field: |h_t| stays ~0.1, tanh′ ≥ 0.98


def receptive_field(seed: int, quick: bool, layers: int = 3, kernel: int = 3) -> ProofResult:
    r = ProofResult.start("receptive-field", seed, quick)
    r.params = {"layers": layers, "kernel": kernel}
    rng = np.random.default_rng(seed)
    L, k, B, d, h = layers, kernel, 2, 2, 8
    T = max(24, L * (k - 1) + 8)
    conv, rnn = CausalConvStack(d, h, k, L, seed=rng), RNN(d, h, seed=rng)
    # The RNN is probed near-linearly (orthogonal W_hh, biases 0, inputs and perturbation of size _RF_EPS): every
    # step Jacobian is then W_hh·diag(1 − h²) with 1 − h² ≈ 1, so ‖Δh_T‖ keeps its size over any distance. A random
    # tanh RNN at inputs of size 1 forgets at a seed-dependent rate (|Δy_T| at distance 9 fell below 1e-4 of
    # distance 0 on some seeds): that is a property of one initialisation, not of what the state can carry.
    rnn.params["weight_hh_l0"] = orthogonal(rng, h).T.copy()
    for name in ("bias_ih_l0", "bias_hh_l0"):
        rnn.params[name][...] = 0.0
    X = rng.standard_normal((T, B, d))  # (T, B, d)
    Yc, (Yr, _, _) = conv.forward(X)[-1], rnn.forward(_RF_EPS * X)
    dist = np.arange(0, T)  # perturb x_{T−dist}
    dc, dr = np.zeros(T), np.zeros(T)
    for i, s in enumerate(dist):
        Xp = X.copy()
        Xp[T - 1 - s] += 1.0
        dc[i] = np.abs(conv.forward(Xp)[-1] - Yc).max()
        dr[i] = np.abs(rnn.forward(_RF_EPS * Xp)[0][-1] - Yr[-1]).max() / _RF_EPS  # per unit of perturbation
    rf = conv.receptive_field
    out_, in_ = L * (k - 1) + 1, L * (k - 1)  # x_{t−L(k−1)−1} is just outside, x_{t−L(k−1)} just inside
    r.setup = bi(f"{L} causal conv layers, kernel {k} (receptive field {rf}) vs tanh RNN h={h} (W_hh orthogonal, "
                 f"biases 0, inputs ×{_RF_EPS:g}: near-linear); output at t=T={T}, perturb one earlier input by +1 "
                 f"(RNN: +{_RF_EPS:g}, Δ per unit); seed {seed}",
                 f"{L} 层因果卷积，卷积核 {k}（感受野 {rf}）对比 tanh RNN h={h}（W_hh 正交、偏置 0、输入 ×{_RF_EPS:g}："
                 f"近线性）；看 t=T={T} 的输出，把更早的某个输入加 1（RNN：加 {_RF_EPS:g}，按单位扰动计）；种子 {seed}")
    r.table("conv stack", "RNN")
    r.row(f"|Δy_T|, x_(t−{in_}) perturbed (inside)", dc[in_], dr[in_])
    r.row(f"|Δy_T|, x_(t−{out_}) perturbed (outside)", dc[out_], dr[out_])
    r.row("farthest input that moves y_T", int(np.nonzero(dc)[0].max()), int(np.nonzero(dr)[0].max()))
    r.check_exact("conv: output unchanged exactly outside L(k−1)+1", dc[out_:].max() == 0.0,
                  f"max |Δy_T| over x_(t−{out_}) … x_1 = {fmt(dc[out_:].max())} == 0")
    r.check_ratio("conv: edge of the window still counts", dc[in_], dc[0], ">", 1e-4,
                  f"|Δy_T| at distance {in_} / at distance 0")
    r.check_ratio("RNN: output changes from beyond the window", dr[out_], dr[0], ">", 1e-4,
                  f"|Δy_T| at distance {out_} / at distance 0")
    # the RNN's state reaches the very first input, not just one step past the conv's window (proofs review
    # round 5: an RNN that forgot its state every 12 steps passed the check at distance L(k−1)+1 = 9)
    r.check_ratio(bi("RNN: the first input x_1 still moves y_T", "RNN：第一个输入 x_1 仍能改变 y_T"), dr[T - 1], dr[0], ">",
                  1e-4, bi(f"|Δy_T| at distance {T - 1} / at distance 0", f"距离 {T - 1} 处的 |Δy_T| / 距离 0 处"))
    c = r.chart("|Δy_T| against the distance of the perturbed input (0 drawn at 1e-17)", "distance T − s",
                "|Δy_T|", logy=True)
    c.series += [_series("conv", dist, dc), _series("RNN", dist, dr)]
    r.answer = {"en": f"{L} causal layers of kernel {k} let one output see L(k−1)+1 = {rf} input steps; the RNN's state reaches further.",
                "zh": f"{L} 层卷积核为 {k} 的因果卷积，一个输出能看到 L(k−1)+1 = {rf} 个输入时间步；RNN 的状态能看得更远。"}
    r.citation = "d2l §7 and §9 (CNN receptive field vs RNN state); van den Oord et al. 2016 (WaveNet)"
    return r
