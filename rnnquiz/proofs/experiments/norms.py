"""Batch vs layer normalisation inside a recurrence (claim L9)."""

from __future__ import annotations

import numpy as np

from rnnquiz.proofs.experiments.nets import NormRNN
from rnnquiz.proofs.result import ProofResult, Series, bi, fmt


def batchnorm(seed: int, quick: bool) -> ProofResult:
    r = ProofResult.start("batchnorm", seed, quick)
    rng = np.random.default_rng(seed)
    T, B, d, h = 20, 32, 4, 16
    X = rng.standard_normal((T, B, d))  # (T, B, d)
    Xm = X.copy()
    Xm[:, 1:] = rng.standard_normal((T, B - 1, d))  # new batch-mates; sample 0 untouched
    moved, stds, single = {}, {}, {}
    for norm in ("batch", "layer"):
        net = NormRNN(d, h, norm, seed=np.random.default_rng(seed + 1))
        H, cache = net.forward(X)
        Hm, _ = net.forward(Xm)
        moved[norm] = np.abs(H[:, 0] - Hm[:, 0]).max(axis=1)  # (T,) sample 0's output change
        stds[norm] = cache["rec_std"]
        # batch of one: two different sequences, each alone
        a, _ = net.forward(X[:, :1])
        b, _ = net.forward(X[:, 1:2])
        single[norm] = float(np.abs(a - b).max())
    r.setup = bi(f"tanh RNN d={d}, h={h}, B={B}, T={T}: H_t = tanh(N(X_t W_xh) + N(H_(t−1) W_hh) + b) with N = batch "
                 f"norm (per step, over the batch) or layer norm (per sample); H_0 = 0; seed {seed}",
                 f"tanh RNN d={d}，h={h}，B={B}，T={T}：H_t = tanh(N(X_t W_xh) + N(H_(t−1) W_hh) + b)，N 为批量归一化"
                 f"（每步、跨批量）或层归一化（每个样本）；H_0 = 0；种子 {seed}")
    r.table("batch norm", "layer norm")
    r.row("sample 0: max |ΔH| when only batch-mates change", moved["batch"].max(), moved["layer"].max())
    r.row("B=1: max |H(seq a) − H(seq b)|", single["batch"], single["layer"])
    r.row("recurrent-term std at t=1", stds["batch"][0], stds["layer"][0])
    r.row("recurrent-term std at t=2", stds["batch"][1], stds["layer"][1])
    r.check_ratio("BN: sample 0's output depends on its batch-mates", moved["batch"].max(), single["layer"], ">", 1e-2,
                  "max |ΔH_0| / LN's |H(a) − H(b)|")
    r.check_ratio("BN with B=1 collapses: every sequence gives the same output", single["batch"], single["layer"], "<",
                  1e-6, "BN |H(a) − H(b)| / LN |H(a) − H(b)|")
    r.check_exact("BN: the recurrent term has batch std 0 at t=1 (H_0 = 0 for all)", stds["batch"][0] == 0.0,
                  f"std = {fmt(stds['batch'][0])} == 0")
    r.check_ratio("LN: sample 0 is independent of its batch", moved["layer"].max(), moved["batch"].max(), "<", 1e-9,
                  "LN max |ΔH_0| / BN max |ΔH_0|")
    c = r.chart("sample 0: |ΔH_t| when only its batch-mates change (0 drawn at 1e-17)", "t", "max |ΔH_t|", logy=True)
    c.series += [Series(n, [float(t) for t in range(1, T + 1)], [max(float(v), 1e-17) for v in moved[n]])
                 for n in ("batch", "layer")]
    r.citation = "Ioffe & Szegedy 2015; Ba, Kiros & Hinton 2016 (layer norm); Cooijmans et al. 2016; Laurent et al. 2016"
    return r
