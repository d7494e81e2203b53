"""Proofs read off real arrays: parameter counts, output and state shapes, padded and packed batches,
the output layer, and where a BiRNN keeps the backward direction's final state.

Every experiment takes the numbers a question was asked with (``prove QUESTION-ID``), and defaults
otherwise. Counts come from the arrays of a constructed model (``sum(p.size)``), never from the formula
they are compared with.
"""

from __future__ import annotations

import numpy as np

from rnnquiz.bank.generators import GATES
from rnnquiz.bank.generators import param_count as formula_count
from rnnquiz.models import GRU, RNN, BiRNN, Linear
from rnnquiz.models.shapes import make_model
from rnnquiz.proofs.experiments.rnn import check_alignment, direction_alignment
from rnnquiz.proofs.result import ProofResult, Series, bi, fmt


def _model(cell: str, d: int, h: int, layers: int = 1, bidirectional: bool = False, bias: str = "double", seed=0):
    kwargs = {"reset_after": bias == "double"} if cell == "gru" else {}
    return make_model(cell, d, h, layers, bidirectional, seed=seed, **kwargs)


def count_arrays(cell: str, d: int, h: int, bias: str = "double", layers: int = 1, bidirectional: bool = False,
                 q: int | None = None) -> tuple[int, dict[str, tuple[int, ...]]]:
    """Scalars in the real arrays of the model (and its output layer): PyTorch's arrays for ``double``,
    d2l's (``to_d2l``: one bias per gate) for ``single``."""
    model = _model(cell, d, h, layers, bidirectional, bias)
    arrays = dict(model.params) if bias == "double" else model.to_d2l()
    if q is not None:
        head = Linear(h * model.num_directions, q)
        arrays |= {f"head.{k}": v for k, v in head.params.items()}
    return sum(int(v.size) for v in arrays.values()), {k: tuple(v.shape) for k, v in arrays.items()}


# --------------------------------------------------------------------------------- parameter-count


def parameter_count(seed: int, quick: bool, cell: str = "lstm", d: int = 32, h: int = 64, bias: str = "double",
                layers: int = 1, bidirectional: bool = False, q: int | None = None) -> ProofResult:
    r = ProofResult.start("parameter-count", seed, quick)
    r.params = {"cell": cell, "d": d, "h": h, "bias": bias, "layers": layers, "bidirectional": bidirectional, "q": q}
    n, shapes = count_arrays(cell, d, h, bias, layers, bidirectional, q)
    want, formula = formula_count(cell, d, h, bias, layers, bidirectional, q)
    head = f"{cell.upper()}(d={d}, h={h}, layers={layers}, bidirectional={bidirectional}, "
    desc = (head + f"{'PyTorch b_ih + b_hh' if bias == 'double' else 'd2l one bias per gate'}"
            + (f", output layer q={q}" if q is not None else "") + ")")
    desc_zh = (head + f"{'PyTorch 的 b_ih + b_hh' if bias == 'double' else 'd2l 每个门一个偏置'}"
               + (f"，输出层 q={q}" if q is not None else "") + ")")
    r.setup = bi(f"{desc}: the model is built and the sizes of its arrays summed; seed {seed}",
                 f"{desc_zh}：构建模型并把各数组的元素个数相加；种子 {seed}")
    r.table(bi("scalars", "参数个数"))
    for name, shape in list(shapes.items())[:8]:
        r.row(f"{name} {'×'.join(map(str, shape))}", int(np.prod(shape)))
    if len(shapes) > 8:
        r.row(bi(f"… {len(shapes) - 8} more arrays", f"……另有 {len(shapes) - 8} 个数组"),
              sum(int(np.prod(s)) for s in list(shapes.values())[8:]))
    r.row(bi("total, counted on the arrays", "总数（数组计数）"), n)
    r.row(bi("closed formula", "公式"), want)
    r.check_exact(bi("the arrays hold exactly what the formula says", "数组元素总数与公式完全一致"), n == want,
                  f"{n} == {formula}")
    # the conventions, measured on the same configuration
    one = count_arrays(cell, d, h, bias, 1, False)[0]
    two = count_arrays(cell, d, h, bias, 1, True)[0]
    r.row(bi("one layer: uni → bidirectional (no head)", "单层：单向 → 双向（不含输出层）"), f"{one} → {two}")
    r.check_exact(bi("bidirectional doubles a layer's parameters", "双向使一层的参数量正好翻倍"), two == 2 * one,
                  f"{two} == 2·{one}")
    s1 = count_arrays(cell, d, h, "single", layers, bidirectional)[0]
    s2 = count_arrays(cell, d, h, "double", layers, bidirectional)[0]
    G, D = GATES[cell], 2 if bidirectional else 1
    r.row(bi("single vs double bias", "单偏置 vs 双偏置"), f"{s1} vs {s2}")
    r.check_exact(bi("PyTorch's second bias adds G·h per layer and direction", "PyTorch 的第二组偏置每层每方向多 G·h 个"),
                  s2 - s1 == layers * D * G * h, f"{s2} − {s1} == {layers}·{D}·{G}·{h}")
    counts = [count_arrays(c, d, h, bias, layers, bidirectional)[0] for c in ("rnn", "gru", "lstm")]
    r.row(bi("RNN : GRU : LSTM", "RNN : GRU : LSTM"), " : ".join(map(str, counts)))
    r.check_exact(bi("RNN : GRU : LSTM = 1 : 3 : 4", "RNN : GRU : LSTM = 1 : 3 : 4"),
                  counts[1] == 3 * counts[0] and counts[2] == 4 * counts[0], " : ".join(map(str, counts)) + " == 1 : 3 : 4")
    # b_ih and b_hh act as one bias (except the GRU's reset-after b_hn): move δ from one to the other
    model = _model(cell, d, h, 1, False, "double", seed=np.random.default_rng(seed))
    X = np.random.default_rng(seed + 1).standard_normal((6, 3, d))
    H = model.forward(X)[0]
    G_h = G * h
    cut = 2 * h if cell == "gru" else G_h  # GRU: only the r and z blocks; b_hn sits inside r ⊙ (…)
    delta = np.random.default_rng(seed + 2).standard_normal(cut)
    model.params["bias_ih_l0"][:cut] += delta
    model.params["bias_hh_l0"][:cut] -= delta
    moved = float(np.abs(model.forward(X)[0] - H).max())
    r.check_ratio(bi("b_ih and b_hh act as one bias: moving δ between them changes nothing",
                     "b_ih 与 b_hh 等效于一个偏置：两者之间挪动 δ 输出不变"), moved, float(np.abs(H).max()), "<", 1e-12,
                  "max |ΔH| / max |H|")
    # nn.GRU's b_hn is not redundant (practice-double-bias; proofs review round 6 #2): reset-after (PyTorch) puts it
    # inside r_t ⊙ (H W_hn + b_hn), so moving δ from b_in to b_hn changes H; in the reset-before form (d2l) it folds in
    Xg = np.random.default_rng(seed + 3).standard_normal((6, 3, d))
    dn = np.random.default_rng(seed + 4).standard_normal(h)
    moves = []
    for after, open_reset in ((True, False), (False, False), (True, True)):
        g = GRU(d, h, reset_after=after, seed=np.random.default_rng(seed + 5))
        if open_reset:  # R = 1 (reset bias +1e4): then b_hn is just another b_in, and the move must change nothing
            g.params["bias_ih_l0"][:h] = 1e4
        Hg = g.forward(Xg)[0]
        g.params["bias_ih_l0"][2 * h:] += dn
        g.params["bias_hh_l0"][2 * h:] -= dn
        moves.append((float(np.abs(g.forward(Xg)[0] - Hg).max()), float(np.abs(Hg).max())))
    r.check_ratio(bi("nn.GRU (reset after): b_hn is not redundant: moving δ from b_in to b_hn changes H",
                     "nn.GRU（后重置）：b_hn 并不多余：把 δ 从 b_in 挪到 b_hn 会改变 H"), *moves[0], ">", 1e-3,
                  "max |ΔH| / max |H|")
    r.check_ratio(bi("…because r_t scales it: in the reset-before GRU the same move changes nothing",
                     "……因为 r_t 缩放它：在先重置的 GRU 中同样的挪动输出不变"), *moves[1], "<", 1e-12, "max |ΔH| / max |H|")
    r.check_ratio(bi("…and with the reset gate held open (R = 1) the move changes nothing: r_t is what scales b_hn",
                     "……把重置门固定为打开（R = 1）时同样的挪动输出不变：缩放 b_hn 的正是 r_t"), *moves[2], "<", 1e-12,
                  "max |ΔH| / max |H| (R = 1)")  # proofs review round 8: a dropped, doubled or z-scaled b_hn passed
    r.answer = bi(f"{desc} has {n} trainable parameters ({formula}), counted on its arrays.",
                  f"{desc_zh} 共有 {n} 个可训练参数（{formula}），由其数组实际计数。")
    r.citation = "PyTorch nn.RNN / nn.GRU / nn.LSTM (weight_ih, weight_hh, bias_ih, bias_hh); d2l §9.5, §10.1–10.2"
    return r


# --------------------------------------------------------------------------------- output-shapes


def output_shapes(seed: int, quick: bool, cell: str = "lstm", T: int = 7, B: int = 3, d: int = 16, h: int = 8,
                  layers: int = 2, bidirectional: bool = True, what: str | None = None,
                  dim: int | None = None) -> ProofResult:
    r = ProofResult.start("output-shapes", seed, quick)
    r.params = {"cell": cell, "T": T, "B": B, "d": d, "h": h, "layers": layers, "bidirectional": bidirectional}
    rng = np.random.default_rng(seed)
    D = 2 if bidirectional else 1
    model = make_model(cell, d, h, layers, bidirectional, seed=rng)
    X = rng.standard_normal((T, B, d))  # (T, B, d)
    Y, state, cache = model.forward(X)
    got = {"output": Y.shape}
    if isinstance(state, tuple):
        got["h_n"], got["c_n"] = state[0].shape, state[1].shape
    else:
        got["h_n"] = state.shape
    want = {"output": (T, B, D * h), "h_n": (layers * D, B, h)} | ({"c_n": (layers * D, B, h)} if cell == "lstm" else {})
    desc = f"{cell.upper()}(d={d}, h={h}, num_layers={layers}, bidirectional={bidirectional})"
    r.setup = bi(f"{desc}, input (T={T}, B={B}, d), batch_first=False; shapes read off the arrays the model returned; seed {seed}",
                 f"{desc}，输入形状 (T={T}, B={B}, d)，batch_first=False；形状取自模型实际返回的数组；种子 {seed}")
    r.table(bi("shape", "形状"), bi("expected", "预期"))
    for k in want:
        r.row(k, "×".join(map(str, got.get(k, ()))), "×".join(map(str, want[k])))
    for k in want:
        r.check_exact(bi(f"{k} shape", f"{k} 的形状"), got.get(k) == want[k], f"{got.get(k)} == {want[k]}")
    if cell != "lstm":
        r.check_exact(bi(f"{cell.upper()} returns no memory cell c_n", f"{cell.upper()} 不返回记忆细胞 c_n"),
                      not isinstance(state, tuple), "state is one array h_n, not a pair (h_n, c_n)")
    else:
        lc = cache["layers"]["l0"]
        r.check_exact(bi("LSTM memory cell C_t has the hidden state's shape (B, h)", "LSTM 记忆细胞 C_t 与隐藏状态同形 (B, h)"),
                      lc["C"].shape == lc["H"].shape == (T, B, h), f"C {lc['C'].shape} == H {lc['H'].shape}")
    if bidirectional and got["output"] == want["output"]:
        # The backward half of output must be the backward direction: ←H_t sees x_t … x_T only. Measured on
        # layer 1's output (what layer 2 reads; the model's own output when layers=1): a stacked layer's ←H_t
        # depends on every x through layer 1's →H, so the alignment is a property of the first layer.
        def first_layer(Z):
            Yz, _, cz = model.forward(Z)
            return cz["layers"]["l1"]["input"] if layers > 1 else Yz

        check_alignment(r, direction_alignment(first_layer, X, h), bi("layer 1 output", "第 1 层输出"))
        top = state[0] if isinstance(state, tuple) else state  # h_n (L·D, B, h)
        ends = float(max(np.abs(top[-2] - Y[-1, :, :h]).max(), np.abs(top[-1] - Y[0, :, h:]).max()))
        r.check_exact(bi("h_n's last two rows: →H_T = output[T−1, :, :h], ←H_1 = output[0, :, h:]",
                         "h_n 最后两行：→H_T = output[T−1, :, :h]，←H_1 = output[0, :, h:]"), ends == 0.0,
                      f"max |Δ| = {fmt(ends)} == 0")
    if layers > 1:
        w = model.params["weight_ih_l1"].shape
        r.row("weight_ih_l1", "×".join(map(str, w)), f"{model.gate_count * h}×{D * h}")
        r.check_exact(bi("layer 2 reads the concatenated D·h outputs of layer 1", "第 2 层读取第 1 层拼接后的 D·h 维输出"),
                      w == (model.gate_count * h, D * h), f"{w} == ({model.gate_count}·{h}, {D}·{h})")
    shapes = ", ".join(f"{k} {tuple(v)}" for k, v in got.items())
    r.answer = bi(f"Measured: {shapes}" + ("; the LSTM's memory cell C_t has H_t's shape (B, h), and only the LSTM returns c_n."
                                           if cell == "lstm" else f"; a {cell.upper()} returns no c_n."),
                  f"实测：{shapes}" + ("；LSTM 的记忆细胞 C_t 与 H_t 同形 (B, h)，且只有 LSTM 返回 c_n。"
                                       if cell == "lstm" else f"；{cell.upper()} 不返回 c_n。"))
    if what in got and dim is not None:
        r.answer = bi(f"{what}.size({dim}) = {got[what][dim]}: {what} is {tuple(got[what])}.",
                      f"{what}.size({dim}) = {got[what][dim]}：{what} 的形状为 {tuple(got[what])}。")
    r.citation = "PyTorch nn.RNN / nn.GRU / nn.LSTM (outputs, h_n, c_n); d2l §10.3–10.4"
    return r


# --------------------------------------------------------------------------------- padding


def _real_tokens(lengths, T: int) -> np.ndarray:
    """The loss mask (T, B) of a padded batch: 1 on each sequence's real tokens, 0 on its padding."""
    return (np.arange(T)[:, None] < np.asarray(lengths)[None, :]).astype(float)


def padding(seed: int, quick: bool, T: int = 12, B: int = 4, h: int = 8, d: int = 3) -> ProofResult:
    r = ProofResult.start("padding", seed, quick)
    r.params = {"T": T, "B": B, "h": h}
    rng = np.random.default_rng(seed)
    lengths = np.sort(rng.integers(2, T + 1, B))[::-1].copy()
    lengths[0] = T  # the longest sets the padded length
    if B > 1:
        lengths[-1] = min(lengths[-1], max(2, T // 2))  # at least one clearly shorter sequence
    X = rng.standard_normal((T, B, d))
    for b, n in enumerate(lengths):
        X[n:, b] = 0.0  # padding
    model = GRU(d, h, seed=rng)
    Y, h_n, _ = model.forward(X)
    # "packed": each sequence run alone for its own length, as pack_padded_sequence makes nn.GRU do
    packed = np.stack([model.forward(X[:n, b:b + 1])[1][0, 0] for b, n in enumerate(lengths)])  # (B, h)
    last_valid = np.stack([Y[n - 1, b] for b, n in enumerate(lengths)])  # (B, h)
    short = [b for b, n in enumerate(lengths) if n < T]
    pad_vs_packed = float(np.abs(h_n[0][short] - packed[short]).max()) if short else 0.0
    gathered = float(np.abs(last_valid - packed).max())
    r.setup = bi(f"GRU h={h}, batch of B={B} sequences with lengths {list(map(int, lengths))}, zero-padded to T={T}; "
                 f"'packed' = every sequence run for its own length; seed {seed}",
                 f"GRU h={h}，B={B} 条序列，长度 {list(map(int, lengths))}，补零到 T={T}；“打包”= 每条序列按自身长度运行；种子 {seed}")
    r.table(bi("value", "数值"))
    r.row("output.size(0), padded", Y.shape[0])
    r.row(bi("max |h_n(padded) − h_n(packed)|, shorter sequences", "较短序列：max |h_n(补齐) − h_n(打包)|"), pad_vs_packed)
    r.row(bi("max |output[len−1] − h_n(packed)|", "max |output[len−1] − h_n(打包)|"), gathered)
    r.check_exact(bi("padded output has T steps", "补齐后的输出有 T 步"), Y.shape == (T, B, h), f"{Y.shape} == ({T}, {B}, {h})")
    r.check_ratio(bi("padded h_n has run through the padding for shorter sequences", "较短序列的补齐 h_n 跑过了补零部分"),
                  pad_vs_packed, float(np.abs(packed).max()), ">", 1e-2, "max |Δh_n| / max |h_n|")
    r.check_ratio(bi("packed h_n = the state at each sequence's own last real step", "打包的 h_n = 每条序列最后一个真实时间步的状态"),
                  gathered, float(np.abs(packed).max()), "<", 1e-12, "max |output[len_b − 1, b] − h_n[b]| / max |h_n|")
    # loss averaging: per sequence first vs over all real tokens
    n_short, n_long = 5, 50
    w_seq = np.array([1 / (2 * n_short), 1 / (2 * n_long)])  # ∂L/∂ℓ_token, mean per sequence then over the batch
    w_tok = np.array([1 / (n_short + n_long)] * 2)  # mean over all real tokens
    ratio_seq, ratio_tok = w_seq[0] / w_seq[1], w_tok[0] / w_tok[1]
    # measured: gradient of each averaging w.r.t. every token loss (real arrays, a mask)
    mask = _real_tokens([n_short, n_long], n_long)
    ell = rng.uniform(0.5, 2.0, (n_long, 2))
    eps = 1e-6

    def per_seq(e):
        return float(np.mean((e * mask).sum(0) / mask.sum(0)))

    def per_tok(e):
        return float((e * mask).sum() / mask.sum())

    def dtoken(f, b):
        e = ell.copy()
        e[0, b] += eps
        return (f(e) - f(ell)) / eps

    m_seq = dtoken(per_seq, 0) / dtoken(per_seq, 1)
    m_tok = dtoken(per_tok, 0) / dtoken(per_tok, 1)
    r.row(bi("token weight, 5-token vs 50-token sequence (per-sequence mean)", "逐序列平均：5 词序列 vs 50 词序列的词权重"), m_seq)
    r.row(bi("… (mean over all real tokens)", "……（对所有真实词平均）"), m_tok)
    r.check_lt(bi("per-sequence averaging weights a short sequence's tokens 10× more",
                  "逐序列平均使短序列的每个词权重大 10 倍"), abs(m_seq / ratio_seq - 1), 1e-3, "|measured / 10 − 1|")
    r.check_lt(bi("token averaging weights every real token the same", "按词平均时每个真实词权重相同"),
               abs(m_tok / ratio_tok - 1), 1e-3, "|measured − 1|")
    r.answer = bi(f"Padded: output.size(0) = T = {T}; packed: h_n is each sequence's state at its own last real step.",
                  f"补齐：output.size(0) = T = {T}；打包：h_n 是每条序列最后一个真实时间步的状态。")
    r.citation = "PyTorch pack_padded_sequence / pad_packed_sequence; d2l §9.5 (masking)"
    return r


# --------------------------------------------------------------------------------- output-layer


def output_layer(seed: int, quick: bool, h: int = 8, q: int = 5) -> ProofResult:
    r = ProofResult.start("output-layer", seed, quick)
    r.params = {"h": h, "q": q}
    rng = np.random.default_rng(seed)
    T, B, d = 6, 3, 4

    rnn, head = RNN(d, h, seed=rng), Linear(h, q, seed=rng)
    X = rng.standard_normal((T, B, d))
    H = rnn.forward(X)[0]
    O = head.forward(H)[0]  # noqa: E741
    W_hq, b_q = head.params["weight"].T, head.params["bias"]  # d2l layout (h, q)
    manual = np.einsum("tbh,hq->tbq", H, W_hq) + b_q
    err = float(np.abs(O - manual).max() / np.abs(O).max())
    head2 = Linear(h, q, seed=rng)
    H2 = rnn.forward(X)[0]
    head2.forward(H2)
    fed_back = float(np.abs(H2 - H).max())
    bi_model = BiRNN("rnn", d, h, seed=rng)
    bh = Linear(2 * h, q, seed=rng)
    Ob = bh.forward(bi_model.forward(X)[0])[0]
    r.setup = bi(f"tanh RNN d={d}, h={h}, T={T}, batch {B}, output layer q={q}; a BiRNN with its own head; seed {seed}",
                 f"tanh RNN d={d}，h={h}，T={T}，批量 {B}，输出层 q={q}；另有一个带输出层的双向 RNN；种子 {seed}")
    r.table(bi("value", "数值"))
    r.row("W_hq", "×".join(map(str, W_hq.shape)))
    r.row("O", "×".join(map(str, O.shape)))
    r.row(bi("BiRNN W_hq", "双向 RNN 的 W_hq"), "×".join(map(str, bh.params["weight"].T.shape)))
    r.row(bi("max |O − (H W_hq + b_q)| / max |O|", "max |O − (H W_hq + b_q)| / max |O|"), err)
    r.check_lt(bi("O_t = H_t W_hq + b_q at every step", "每个时间步 O_t = H_t W_hq + b_q"), err, 1e-12, "relative error")
    d2l = rnn.to_d2l()
    Hm, hp = np.empty_like(H), np.zeros((B, h))
    for t in range(T):  # the step in d2l's order: X_t and H_(t−1) → H_t, then O_t from H_t alone
        hp = Hm[t] = np.tanh(X[t] @ d2l["W_xh"] + hp @ d2l["W_hh"] + d2l["b_h"])
    step_err = float(np.abs(Hm - H).max() / np.abs(H).max())
    r.check_lt(bi("H_t = φ(X_t W_xh + H_(t−1) W_hh + b_h), step after step", "逐步 H_t = φ(X_t W_xh + H_(t−1) W_hh + b_h)"),
               step_err, 1e-12, "relative error")
    r.check_exact(bi("W_hq is h × q", "W_hq 的形状为 h × q"), W_hq.shape == (h, q), f"{W_hq.shape} == ({h}, {q})")
    r.check_exact(bi("BiRNN: W_hq is 2h × q", "双向 RNN：W_hq 为 2h × q"), bh.params["weight"].T.shape == (2 * h, q)
                  and Ob.shape == (T, B, q), f"{bh.params['weight'].T.shape} == ({2 * h}, {q})")
    r.check_exact(bi("the output is not fed back: another head leaves H unchanged", "输出不回送：换一个输出层，H 完全不变"),
                  fed_back == 0.0, f"max |ΔH| = {fmt(fed_back)} == 0")
    r.answer = bi(f"W_hq is {h}×{q} (h×q), and O_t = H_t W_hq + b_q never feeds back into H.",
                  f"W_hq 为 {h}×{q}（h×q），O_t = H_t W_hq + b_q 不会回送到 H。")
    r.citation = "Elman 1990; d2l §9.4.2 (O_t = H_t W_hq + b_q)"
    return r


# --------------------------------------------------------------------------------- birnn-final-state


def birnn_final_state(seed: int, quick: bool, h: int = 6, T: int = 8) -> ProofResult:
    r = ProofResult.start("birnn-final-state", seed, quick)
    rng = np.random.default_rng(seed)
    B, d = 3, 4
    model = GRU(d, h, bidirectional=True, seed=rng)
    X = rng.standard_normal((T, B, d))
    out, h_n, _ = model.forward(X)  # (T, B, 2h), (2, B, h)
    fwd_last = float(np.abs(h_n[0] - out[-1, :, :h]).max())
    bwd_first = float(np.abs(h_n[1] - out[0, :, h:]).max())
    bwd_last = float(np.abs(h_n[1] - out[-1, :, h:]).max())
    r.setup = bi(f"bidirectional GRU d={d}, h={h}, T={T}, batch {B}, batch_first=False, no padding; seed {seed}",
                 f"双向 GRU d={d}，h={h}，T={T}，批量 {B}，batch_first=False，无补齐；种子 {seed}")
    r.table("max |Δ|")
    r.row("h_n[0] − output[T−1, :, :h]", fwd_last)
    r.row("h_n[1] − output[0, :, h:]", bwd_first)
    r.row("h_n[1] − output[T−1, :, h:]", bwd_last)
    r.check_exact(bi("forward final state = output[T−1, :, :h]", "正向最终状态 = output[T−1, :, :h]"), fwd_last == 0.0,
                  f"{fmt(fwd_last)} == 0")
    r.check_exact(bi("backward final state = output[0, :, h:] (it ends at t=1)", "反向最终状态 = output[0, :, h:]（它在 t=1 结束）"),
                  bwd_first == 0.0, f"{fmt(bwd_first)} == 0")
    r.check_ratio(bi("…and not output[T−1, :, h:]", "……而不是 output[T−1, :, h:]"), bwd_last,
                  float(np.abs(h_n[1]).max()), ">", 1e-2, "max |Δ| / max |h_n[1]|")
    # Where h_n[1] sits in output is only half the claim: it must be ←H_1, the state after the reverse direction
    # read x_1 last. So (a) output[:, :, h:] is aligned (←H_t sees x_t … x_T only) and (b) h_n[1] is one step
    # of the reverse cell, run here on its own, from ←H_2 = output[1, :, h:] on the input x_1.
    check_alignment(r, direction_alignment(lambda Z: model.forward(Z)[0], X, h), "output")
    if T > 1:
        rev = GRU(d, h, seed=0)
        for k in rev.params:
            rev.params[k] = model.params[k + "_reverse"].copy()
        step = rev.forward(X[:1], out[1, :, h:][None])[1][0]  # (B, h)
        one_step = float(np.abs(step - h_n[1]).max() / np.abs(h_n[1]).max())
        r.row(bi("h_n[1] − reverse cell(x_1, ←H_2), relative", "h_n[1] − 反向单元(x_1, ←H_2)，相对"), one_step)
        r.check_lt(bi("h_n[1] = the reverse cell's step from ←H_2 on x_1 (the last input it reads)",
                      "h_n[1] = 反向单元从 ←H_2 读入 x_1 的那一步（它最后读的输入）"), one_step, 1e-10,
                   "max |h_n[1] − cell_rev(x_1, output[1, :, h:])| / max |h_n[1]|")
    c = r.chart(bi("|h_n[1] − output[t, :, h:]| over t (0 drawn at 1e-17)", "|h_n[1] − output[t, :, h:]| 随 t 变化（0 画在 1e-17）"),
                "t", "max |Δ|", logy=True)
    diffs = [max(float(np.abs(h_n[1] - out[t, :, h:]).max()), 1e-17) for t in range(T)]
    c.series.append(Series(bi("backward half", "反向部分"), [float(t + 1) for t in range(T)], diffs))
    r.answer = bi("The backward direction's final state h_n[1] is output[0, :, h:], the first time step, not the last.",
                  "反向的最终状态 h_n[1] 位于 output[0, :, h:]（第一个时间步），而不是最后一个。")
    r.citation = "PyTorch nn.GRU(bidirectional=True) h_n layout; Schuster & Paliwal 1997"
    return r


# --------------------------------------------------------------------------------- used by tests

__all__ = ["birnn_final_state", "count_arrays", "output_layer", "output_shapes", "padding", "parameter_count"]
