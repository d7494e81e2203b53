"""Batch vs layer normalisation inside a recurrence (claim L9)."""

from __future__ import annotations

import numpy as np

from rnnquiz.proofs.experiments.nets import BNLSTM, NormRNN
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
    # …but batch norm *can* be made to work inside an LSTM (lstm-recurrent-bn-possible): Cooijmans et al. normalise the
    # input and recurrent terms with statistics kept per time step and, at test time, use those stored statistics.
    bn = BNLSTM(d, h, seed=np.random.default_rng(seed + 2))
    Hb, info = bn.forward(X)  # training mode: each step's batch statistics
    dev = float(max(np.abs(info["std_x"] / bn.gamma - 1).max(), np.abs(info["std_h"][1:] / bn.gamma - 1).max()))
    stored = info["stats"]  # per-step (mean, var) of both terms, from this batch of 32
    Hp, _ = bn.forward(X, stored)  # inference mode on the same batch
    alone = np.concatenate([bn.forward(X[:, j:j + 1], stored)[0] for j in range(4)], axis=1)  # (T, 4, h) one at a time
    alone_diff = float(np.abs(alone - Hp[:, :4]).max() / np.abs(Hp[:, :4]).max())
    mates = float(np.abs(bn.forward(Xm, stored)[0][:, 0] - Hp[:, 0]).max())
    distinct = float(np.abs(alone[:, 0] - alone[:, 1]).max())
    # Stored statistics are per step (proofs review round 5: an inference that reused step 1's statistics for every
    # t passed, since the checks above compare inference with inference). On the batch they came from, inference
    # with them must give training mode's H; the control uses step 1's statistics at every step.
    scale_b = float(np.abs(Hb).max())
    same = float(np.abs(Hp - Hb).max()) / scale_b
    with np.errstate(all="ignore"):  # step 1's recurrent variance is 0 (H_0 = 0): its normalised term is huge
        first = float(np.abs(bn.forward(X, [stored[0]] * T)[0] - Hb).max()) / scale_b
    r.row(bi("BN-LSTM, stored statistics on the same batch: max |H inference − H training| / max |H|",
             "BN-LSTM，同一批次用存储的统计量：max |推理 H − 训练 H| / max |H|"), same, None)
    r.row(bi("…the same with step 1's statistics at every step (control)", "……每一步都用第 1 步的统计量（对照）"),
          first, None)
    r.row(bi("BN-LSTM, per-step statistics: max |std of a normalised term / γ − 1|",
             "BN-LSTM，逐步统计量：max |归一化项的标准差 / γ − 1|"), dev, None)
    r.row(bi("BN-LSTM, stored statistics: B=1 vs in-batch, max |ΔH| / max |H|",
             "BN-LSTM，存储的统计量：B=1 与批内，max |ΔH| / max |H|"), alone_diff, None)
    r.row(bi("BN-LSTM, stored statistics, B=1: max |H(seq a) − H(seq b)|", "BN-LSTM，存储的统计量，B=1：max |H(序列 a) − H(序列 b)|"),
          distinct, None)
    r.check_lt(bi(f"BN-LSTM (Cooijmans et al.): per-step statistics give every step's input and recurrent terms std γ = "
                  f"{bn.gamma[0]:g}", f"BN-LSTM（Cooijmans 等）：逐步统计量让每一步的输入项和循环项标准差都为 γ = {bn.gamma[0]:g}"),
               dev, 1e-3, bi("max over steps (recurrent: t ≥ 2) |std / γ − 1|", "各步（循环项 t ≥ 2）max |标准差 / γ − 1|"))
    r.check_lt(bi("…with the stored per-step statistics a sample alone (B=1) gives its in-batch output",
                  "……用存储的逐步统计量，单独一个样本（B=1）得到与批内相同的输出"), alone_diff, 1e-12,
               bi("max |H alone − H in batch| / max |H|", "max |单独的 H − 批内的 H| / max |H|"))
    r.check_lt(bi("…the stored statistics are per step: on their own batch they reproduce training mode's H",
                  "……存储的统计量是逐步的：在原批次上重现训练模式的 H"), same, 1e-12,
               bi("max |H inference − H training| / max |H|", "max |推理 H − 训练 H| / max |H|"))
    r.check_ratio(bi("…where step 1's statistics at every step do not", "……而每一步都用第 1 步的统计量则不能"), first,
                  max(same, 1e-15), ">", 1e6, bi("step-1 statistics' difference / per-step difference (floor 1e-15)",
                                                 "第 1 步统计量的差 / 逐步统计量的差（下限 1e-15）"))
    r.check_exact(bi("…batch-mates no longer move it", "……批内其他样本不再影响它"), mates == 0.0,
                  f"max |ΔH_0| = {fmt(mates)} == 0")
    r.check_ratio(bi("…and B=1 no longer collapses: two sequences alone give different outputs",
                     "……B=1 也不再坍缩：两条序列各自单独输入时输出不同"), distinct, single["layer"], ">", 1e-2,
                  bi("BN-LSTM |H(a) − H(b)| / LN |H(a) − H(b)|", "BN-LSTM |H(a) − H(b)| / 层归一化 |H(a) − H(b)|"))
    c = r.chart("sample 0: |ΔH_t| when only its batch-mates change (0 drawn at 1e-17)", "t", "max |ΔH_t|", logy=True)
    c.series += [Series(n, [float(t) for t in range(1, T + 1)], [max(float(v), 1e-17) for v in moved[n]])
                 for n in ("batch", "layer")]
    r.citation = "Ioffe & Szegedy 2015; Ba, Kiros & Hinton 2016 (layer norm); Cooijmans et al. 2016; Laurent et al. 2016"
    return r
