"""Truncated BPTT and ``detach`` between chunks.

    chunks of k steps:  [x_1 … x_k] [x_(k+1) … x_2k] …
    forward:  the state leaving a chunk starts the next one (its *value* is carried)
    backward: with detach, the gradient arriving at a chunk's initial state is dropped (PyTorch:
              ``h = h.detach()``), so no gradient crosses a chunk boundary; without it, it flows on into
              the previous chunk, which is full BPTT over everything seen so far.
"""

from __future__ import annotations

import math

import numpy as np

from rnnquiz.models import RNN
from rnnquiz.proofs.experiments.bptt import orthogonal
from rnnquiz.proofs.result import ProofResult, Series, bi, fmt


def _memory_rnn(seed: int, d: int = 2, h: int = 8) -> RNN:
    """A tanh RNN whose W_hh is orthogonal (ρ = 1), so gradients neither vanish nor explode quickly."""
    rng = np.random.default_rng(seed)
    model = RNN(d, h, seed=rng)
    model.params["weight_hh_l0"] = orthogonal(rng, h).T.copy()
    return model


# --------------------------------------------------------------------------------- truncated-bptt

_EPS = 1e-3  # input scale of the gradient probe: |h_t| stays ~1e-2, so tanh′ = 1 − h² ≈ 1 at every step


def _probe_rnn(seed: int, d: int, h: int) -> RNN:
    """The near-linear probe: W_hh orthogonal (ρ = ‖W_hh‖₂ = 1) and biases 0, driven by inputs of size _EPS.
    Every step Jacobian is then W_hh·diag(1 − h_t²) with 1 − h_t² ≥ 1 − 1e-3, so the full-BPTT gradient keeps its
    norm over any number of steps: a gradient that is 0 beyond k is 0 because of the truncation, not because
    tanh saturated (which, at inputs of size 1, put it below 1e-7 after 50 steps on some seeds)."""
    model = _memory_rnn(seed, d, h)
    for name in model.params:
        if name.startswith("bias"):
            model.params[name][...] = 0.0
    return model


def truncated_loop(model, X, dY, k: int, keep: bool = True, meter=None):
    """Truncated BPTT as it is trained: forward one chunk of k steps, backward through that chunk only, drop its
    activations, carry the state's *value* (detached) into the next chunk. Returns the summed gradients and, with
    ``keep``, ∂L/∂X and the outputs H (None without: a training loop keeps neither, and they are T steps long).
    Only one chunk's activations are alive at a time, so memory grows with k, not T. ``meter`` (``_Meter``) is
    told when each chunk starts and ends."""
    total = {n: np.zeros_like(p) for n, p in model.params.items()}
    dX, outs = (np.zeros_like(X), []) if keep else (None, None)
    state = None
    for c in range(0, X.shape[0], k):
        if meter is not None:
            meter.chunk_start()
        H, state, cache = model.forward(X[c:c + k], state)
        g = model.backward(cache, dY[c:c + k])  # no dstate: the state entering the chunk is detached
        for name in total:
            total[name] += g[name]
        if keep:
            dX[c:c + k] = g["X"]
            outs.append(H)
        del cache, g, H
        if meter is not None:
            meter.chunk_end()
    return total, dX, (np.concatenate(outs) if keep else None)


class _Meter:
    """tracemalloc around the loop: per chunk, the peak above the bytes held when the chunk started (the chunk's
    working memory: its activations and backward buffers), and the bytes held between chunks above what was
    allocated before the loop (what is carried from chunk to chunk). Measured per chunk because NumPy and
    Python keep a few hundred bytes of small objects per call that would otherwise blur a whole-loop peak."""

    def __init__(self) -> None:
        self.work = 0
        self.held = 0
        self._base = self._start = 0

    def run(self, model, X, dY, k: int) -> _Meter:
        import tracemalloc

        tracemalloc.start()
        try:
            self._base = tracemalloc.get_traced_memory()[0]
            truncated_loop(model, X, dY, k, keep=False, meter=self)
        finally:
            tracemalloc.stop()
        return self

    def chunk_start(self) -> None:
        import tracemalloc

        self._start = tracemalloc.get_traced_memory()[0]
        self.held = max(self.held, self._start - self._base)
        tracemalloc.reset_peak()

    def chunk_end(self) -> None:
        import tracemalloc

        self.work = max(self.work, tracemalloc.get_traced_memory()[1] - self._start)


def truncated_bptt(seed: int, quick: bool, T: int = 40, k: int = 10) -> ProofResult:
    r = ProofResult.start("truncated-bptt", seed, quick)
    r.params = {"T": T, "k": k}
    rng = np.random.default_rng(seed)
    B, d, h = 4, 2, 8
    model = _probe_rnn(seed, d, h)
    # the question's own k; two full chunks and a last one of ≥ 10 steps that holds the loss
    Tg = min(T, max(60, 2 * k + max(10, k // 2)))
    kg = k if Tg >= 2 * k + max(10, k // 2) else min(k, max(1, Tg // 3))
    X = _EPS * rng.standard_normal((Tg, B, d))
    H, _, cache = model.forward(X)
    dY = np.zeros_like(H)
    dY[-1] = rng.standard_normal((B, h))  # a loss on the last step only
    full = model.backward(cache, dY)["X"]
    trunc = model.backward(cache, dY, k=kg)["X"]
    start = ((Tg - 1) // kg) * kg  # first step of the chunk that holds the loss
    beyond_t = float(np.abs(trunc[:start]).max())
    beyond_f = float(np.abs(full[:start]).max())
    inside = float(np.abs(trunc[start:]).max())
    first = float(np.abs(trunc[start]).max())  # the chunk's first step: the gradient must still reach it
    sat = float(np.max(H ** 2))  # 1 − min tanh′ over the run: how far from linear the probe went
    # the chunked training loop under test: a loss on every step, chunks of k; its gradient is model.backward(k)
    dYl = rng.standard_normal(H.shape)
    g_loop, _, H_loop = truncated_loop(model, X, dYl, kg)
    g_ref = model.backward(cache, dYl, k=kg)
    loop_err = max(float(np.abs(g_loop[n] - g_ref[n]).max() / (np.abs(g_ref[n]).max() + 1e-300)) for n in model.params)
    # the state still carries information forward across chunks: perturb x_1 as much as the inputs are, and
    # look at the loop's h at step k+1, the first step of the second chunk (its state was detached, not reset)
    Xp = X.copy()
    Xp[0] += _EPS
    Hp = truncated_loop(model, Xp, dYl, kg)[2]
    tc = min(kg, Tg - 1)
    carried, direct = float(np.abs(Hp[tc] - H_loop[tc]).max()), float(np.abs(Hp[0] - H_loop[0]).max())
    # memory: tracemalloc on the chunked loop over all T steps, for chunks of k/2, k, 2k and T (full BPTT)
    Bm, hm = 16, 32
    mm = _probe_rnn(seed, d, hm)
    Xm = _EPS * np.random.default_rng(seed + 1).standard_normal((T, Bm, d))
    dYm = np.ones((T, Bm, hm))
    # (a one-step chunk skips the backward's cross-step product, so chunks of 1 are not on the line: from 2 up)
    ks = sorted({max(min(2, k), k // 2), k, min(T, 2 * k)})
    _Meter().run(mm, Xm[:2], dYm[:2], 1)  # warm-up: one-time allocations are not the loop's memory
    # every chunk of a loop needs the same working memory: the other chunk sizes run 3 chunks, k runs all T steps
    # (what is held between chunks can only pile up over the whole sequence)
    meters = {kk: _Meter().run(mm, Xm if kk == k else Xm[:3 * kk], dYm if kk == k else dYm[:3 * kk], kk) for kk in ks}
    if T not in meters:
        meters[T] = _Meter().run(mm, Xm, dYm, T)
    mem = {kk: m.work for kk, m in meters.items()}
    mem_T = mem[T]
    held = meters[k].held
    # linear in k: the bytes added per step of chunk are the same from k/2 to 2k as from 2k to T
    slope = [(mem[b] - mem[a]) / (b - a) for a, b in zip(ks, ks[1:], strict=False)]
    if T > ks[-1]:
        slope.append((mem_T - mem[ks[-1]]) / (T - ks[-1]))
    lin_err = (max(slope) / min(slope) - 1) if len(slope) > 1 and min(slope) > 0 else (math.inf if len(slope) > 1 else 0.0)
    # the fixed part (buffers of one step, bookkeeping), from the short chunks only; then the T-step run is predicted
    per_step = (mem[ks[-1]] - mem[ks[0]]) / (ks[-1] - ks[0]) if len(ks) > 1 else mem[ks[0]] / ks[0]
    fixed = mem[ks[0]] - per_step * ks[0]
    mem_ratio = mem_T / mem[k]
    step_ratio = (mem_T - fixed) / (mem[k] - fixed)
    step_ratio_err = abs(step_ratio / (T / k) - 1)
    r.setup = bi(f"tanh RNN h={h}, W_hh orthogonal, biases 0, inputs of size {_EPS:g} (near-linear: tanh′ ≥ 1 − "
                 f"{fmt(sat)}), T={Tg} steps, loss on the last step, truncation k={kg}; the chunked truncated loop "
                 f"(forward k, backward k, drop, carry the detached state) over T={T} steps, B={Bm}, h={hm}: per "
                 f"chunk its tracemalloc peak (working memory) for chunks of k ∈ {ks} (3 chunks each, all T steps for "
                 f"k={k}) and of T (full BPTT), and the bytes held between chunks; seed {seed}",
                 f"tanh RNN h={h}，W_hh 为正交矩阵，偏置为 0，输入幅度 {_EPS:g}（近线性：tanh′ ≥ 1 − {fmt(sat)}），"
                 f"T={Tg} 步，损失在最后一步，截断 k={kg}；分块截断循环（前向 k 步、反向 k 步、释放、传递 detach 后的状态）"
                 f"跑完 T={T} 步，B={Bm}，h={hm}：块长 k ∈ {ks} 与 T（完整 BPTT）时每块的内存峰值（工作内存，由内存跟踪测得；其他块长各跑 3 块，k={k} 跑完全部 T 步），以及块与块之间保留的字节数；种子 {seed}")
    r.table(bi("value", "数值"))
    r.row(bi(f"max |∂L/∂x_t| beyond the last chunk (t ≤ {start}), truncated", f"截断：最后一块之外（t ≤ {start}）的 max |∂L/∂x_t|"), beyond_t)
    r.row(bi("… full BPTT", "……完整 BPTT"), beyond_f)
    r.row(bi("max |∂L/∂x_t| inside the last chunk, truncated", "截断：最后一块之内的 max |∂L/∂x_t|"), inside)
    for kk in ks:
        r.row(bi(f"working bytes of one chunk, chunks of k={kk}", f"块长 k={kk}：一块的工作字节数"), mem[kk])
    r.row(bi(f"working bytes, one chunk of T={T} (full BPTT)", f"整段 T={T} 一块（完整 BPTT）的工作字节数"), mem_T)
    r.row(bi(f"memory ratio full / truncated (T/k = {fmt(T / k)})", f"内存比 完整/截断（T/k = {fmt(T / k)}）"), mem_ratio)
    r.row(bi(f"fixed bytes (one step's buffers; from k={ks[0]}…{ks[-1]})", f"固定字节数（单步缓冲；由 k={ks[0]}…{ks[-1]} 得出）"), fixed)
    r.row(bi(f"bytes held from one chunk to the next, k={k}", f"k={k}：块与块之间保留的字节数"), held)
    r.row(bi(f"|Δh_{tc + 1}| after x_1 += {_EPS:g}, in the chunked loop", f"分块循环中 x_1 += {_EPS:g} 后的 |Δh_{tc + 1}|"), carried)
    r.check_exact(bi("truncated: the gradient beyond k steps is exactly 0", "截断：超出 k 步的梯度恰为 0"), beyond_t == 0.0,
                  f"max |∂L/∂x_t| = {fmt(beyond_t)} == 0")
    r.check_ratio(bi("full BPTT: that gradient is not 0", "完整 BPTT：那部分梯度不为 0"), beyond_f, inside, ">", 0.01,
                  bi("beyond / inside the last chunk (near-linear: nothing vanishes)", "最后一块之外 / 之内（近线性：不会消失）"))
    r.check_ratio(bi(f"truncated: the gradient still reaches the first step of its chunk (t = {start + 1}, k={kg} back)",
                     f"截断：梯度仍能到达本块的第一步（t = {start + 1}，回溯 k={kg} 步）"), first, inside, ">", 0.01,
                  bi("at the chunk's first step / max inside the chunk", "本块第一步 / 块内最大值"))
    r.check_lt(bi(f"the chunked loop's gradient = truncated BPTT with k={kg}", f"分块循环的梯度 = k={kg} 的截断 BPTT"),
               loop_err, 1e-9, bi("max relative difference", "最大相对差"))
    r.check_lt(bi("the loop's working memory per chunk grows linearly with k: the same bytes per step",
                  "循环每块的工作内存随 k 线性增长：每步字节数相同"),
               lin_err, 0.1, bi("largest / smallest bytes per added step − 1", "每增加一步的最大 / 最小字节数 − 1"))
    r.check_lt(bi(f"per-step memory: full / truncated = T/k = {fmt(T / k)}",
                  f"逐步内存：完整 / 截断 = T/k = {fmt(T / k)}"), step_ratio_err, 0.1,
               bi("|(work_T − fixed) / (work_k − fixed) / (T/k) − 1|, fixed part from the short chunks",
                  "|(工作_T − 固定) / (工作_k − 固定) / (T/k) − 1|，固定部分由短块得出"))
    r.check_ratio(bi("nothing piles up between chunks: what is held is < 1/4 of full BPTT's memory",
                     "块与块之间不累积：保留的内存 < 完整 BPTT 的 1/4"), held, mem_T, "<", 0.25,
                  bi(f"bytes held between chunks of k={k} / working bytes of one T-step chunk",
                     f"k={k} 块间保留字节 / T 步一块的工作字节"))
    r.check_ratio(bi("the state still carries x_1 forward past k steps (detached, not reset)",
                     "状态仍能把 x_1 的信息带过 k 步之后（detach，而非清零）"), carried, direct,
                  ">", 0.01, f"|Δh_{tc + 1}| / |Δh_1|")
    c = r.chart(bi("|∂L/∂x_t| with a loss at T (0 drawn at 1e-17)", "损失在 T 时的 |∂L/∂x_t|（0 画在 1e-17）"), "t", "|∂L/∂x_t|",
                logy=True)
    ts = [float(t + 1) for t in range(Tg)]
    c.series += [Series(bi("full BPTT", "完整 BPTT"), ts, [max(float(v), 1e-17) for v in np.abs(full).max(axis=(1, 2))]),
                 Series(bi(f"truncated k={kg}", f"截断 k={kg}"), ts, [max(float(v), 1e-17) for v in np.abs(trunc).max(axis=(1, 2))])]
    r.answer = bi(f"With k={k}, no gradient reaches beyond k steps, the memory the chunked loop keeps per step shrinks "
                  f"by T/k = {fmt(T / k)}× (measured: {fmt(step_ratio)}×; {fmt(mem_ratio)}× counting one step's "
                  "fixed buffers), and the forward state still carries older information.",
                  f"k={k} 时梯度不会越过 k 步，分块循环逐步保存的内存减少 T/k = {fmt(T / k)} 倍（实测：{fmt(step_ratio)} 倍；"
                  f"连同单步的固定缓冲为 {fmt(mem_ratio)} 倍），而前向状态仍携带更早的信息。")
    r.citation = "Williams & Peng 1990; Sutskever 2013 (thesis) §2.4; d2l §9.7.1 (truncating time steps)"
    return r


# --------------------------------------------------------------------------------- detach


def _carry_grad(dstate, detach: bool):
    """What reaches the previous chunk from a chunk's initial state: nothing after ``detach``."""
    return None if detach else dstate


def chunked_grads(model, X, dY, k: int, detach: bool):
    """Forward chunk by chunk (the state's value carried), backward chunk by chunk from the last."""
    caches, state, outs = [], None, []
    for c in range(0, X.shape[0], k):
        H, state, cache = model.forward(X[c:c + k], state)
        caches.append((c, cache))
        outs.append(H)
    total = {n: np.zeros_like(p) for n, p in model.params.items()}
    dX = np.zeros_like(X)
    dstate, steps_back = None, 0
    for c, cache in reversed(caches):
        n = cache["X"].shape[0]
        g = model.backward(cache, dY[c:c + n], dstate=dstate)
        steps_back += n
        for name in total:
            total[name] += g[name]
        dX[c:c + n] = g["X"]
        dstate = _carry_grad(g["h0"], detach)
    return total, dX, np.concatenate(outs), steps_back


def detach(seed: int, quick: bool) -> ProofResult:
    r = ProofResult.start("detach", seed, quick)
    rng = np.random.default_rng(seed)
    T, k, B, d, h = 30, 10, 4, 2, 8
    model = _memory_rnn(seed, d, h)
    X = 0.5 * rng.standard_normal((T, B, d))
    H, _, cache = model.forward(X)
    dY = rng.standard_normal(H.shape)  # a loss on every step
    g_det, dX_det, H_chunks, _ = chunked_grads(model, X, dY, k, detach=True)
    g_keep, dX_keep, _, _ = chunked_grads(model, X, dY, k, detach=False)
    g_trunc = model.backward(cache, dY, k=k)
    g_full = model.backward(cache, dY)

    def rel(a, b):
        return max(float(np.abs(a[n] - b[n]).max() / (np.abs(b[n]).max() + 1e-300)) for n in model.params)

    value = float(np.abs(H_chunks - H).max() / np.abs(H).max())
    det_vs_trunc, keep_vs_full, det_vs_full = rel(g_det, g_trunc), rel(g_keep, g_full), rel(g_det, g_full)
    own = model.backward(model.forward(X[:k])[2], dY[:k])["X"]
    cross_det = float(np.abs(dX_det[:k] - own).max() / np.abs(own).max())
    cross_keep = float(np.abs(dX_keep[:k] - own).max() / np.abs(own).max())
    r.setup = bi(f"tanh RNN h={h}, T={T} in chunks of k={k}, a loss on every step; the same chunk loop with and "
                 f"without detaching the state between chunks; seed {seed}",
                 f"tanh RNN h={h}，T={T}，每块 k={k} 步，每步都有损失；同一个分块循环，分块之间 detach 与不 detach 对比；种子 {seed}")
    r.table(bi("relative difference", "相对差"))
    r.row(bi("chunked forward vs one forward (state value)", "分块前向 vs 一次前向（状态的值）"), value)
    r.row(bi("detach: ∂L/∂θ vs truncated BPTT k", "detach：∂L/∂θ vs 截断 BPTT k"), det_vs_trunc)
    r.row(bi("detach: ∂L/∂θ vs full BPTT", "detach：∂L/∂θ vs 完整 BPTT"), det_vs_full)
    r.row(bi("no detach: ∂L/∂θ vs full BPTT", "不 detach：∂L/∂θ vs 完整 BPTT"), keep_vs_full)
    r.row(bi("chunk 1 inputs: gradient from later chunks, detach", "第 1 块输入从后续块得到的梯度（detach）"), cross_det)
    r.row(bi("… no detach", "……不 detach"), cross_keep)
    r.check_lt(bi("detach keeps the state's value: chunked forward = one forward", "detach 保留状态的值：分块前向 = 一次前向"),
               value, 1e-12, "relative difference")
    r.check_lt(bi("detach between chunks = truncated BPTT with k", "分块间 detach = k 步截断 BPTT"), det_vs_trunc, 1e-12,
               "relative difference")
    r.check_exact(bi("after detach no gradient from later chunks reaches chunk 1", "detach 后后续块的梯度到不了第 1 块"),
                  cross_det == 0.0, f"{fmt(cross_det)} == 0")
    r.check_gt(bi("without detach it does", "不 detach 时梯度会流过去"), cross_keep, 1e-4,
               "chunk-1 gradient change / its own gradient")
    r.check_lt(bi("…and the chunk loop without detach is full BPTT", "……不 detach 的分块循环就是完整 BPTT"), keep_vs_full,
               1e-12, "relative difference")
    r.answer = bi("h.detach() between chunks: the state's value is kept, and no gradient flows into earlier chunks.",
                  "在分块之间调用 h.detach()：保留状态的值，梯度不再流入之前的块。")
    r.citation = "PyTorch Tensor.detach; d2l §9.7 and §9.5 (detach the state between minibatches)"
    return r
