"""The drills: what to write, in which notation, the hints, and what each exercises. No NumPy here.

A drill is a function the candidate writes in a file of their own (``rnnquiz drill start ID`` writes the
starter); ``rnnquiz drill check ID`` runs it in a sandbox and compares it with the reference models
(``checks.py``). Ids are distinct from question and proof ids; review schedules a drill as ``drill:ID``.
Task text, the return line and the hints are given in both languages; shapes and code are notation.
"""

from __future__ import annotations

from dataclasses import dataclass

from rnnquiz.bank.schema import Text


@dataclass(frozen=True)
class Drill:
    id: str
    function: str
    args: tuple[str, ...]
    title: Text
    difficulty: int  # 1–3, as questions
    claims: tuple[str, ...]
    proofs: tuple[str, ...]
    notation: Text
    task: Text
    shapes: tuple[str, ...]  # one line per argument and result, in symbols (language-neutral)
    returns: Text
    hints: tuple[Text, ...]
    example: tuple[str, ...] = ()  # lines of a worked example (code), in the starter and the docstring


D2L = Text("d2l row-vector layout: X_t (B, d) @ W_x (d, h); a bias (h,) per pre-activation.",
           "d2l 行向量约定：X_t (B, d) @ W_x (d, h)；每个预激活一个偏置 (h,)。")
TORCH = Text("PyTorch layout: weight_ih (G·h, d), G = 3 (GRU) or 4 (LSTM) blocks; x @ weight_ih.T.",
             "PyTorch 约定：weight_ih (G·h, d)，G = 3（GRU）或 4（LSTM）个块，两个偏置；x @ weight_ih.T。")


def _t(en: str, zh: str) -> Text:
    return Text(en, zh)


DRILLS: tuple[Drill, ...] = (
    Drill(
        "rnn-step-forward", "rnn_step_forward", ("x", "h_prev", "Wx", "Wh", "b"),
        _t("Vanilla RNN: one step forward", "普通 RNN：单步前向"), 1, ("R5",), ("weight-sharing", "memory"), D2L,
        _t("Compute the next hidden state of a tanh RNN: h = tanh(x Wx + h_prev Wh + b).",
           "计算 tanh RNN 的下一个隐藏状态：h = tanh(x Wx + h_prev Wh + b)。"),
        ("x (B, d)", "h_prev (B, h)", "Wx (d, h)", "Wh (h, h)", "b (h,)", "-> h (B, h)"),
        _t("h, the new hidden state (B, h).", "h：新的隐藏状态 (B, h)。"),
        (_t("Two products: the input x @ Wx and the previous state h_prev @ Wh; both give (B, h).",
            "两次矩阵乘法：输入 x @ Wx 与上一状态 h_prev @ Wh，结果都是 (B, h)。"),
         _t("In the d2l layout the row vector is on the left: x @ Wx, not Wx @ x and not x @ Wx.T.",
            "d2l 约定中行向量在左边：x @ Wx，而不是 Wx @ x，也不是 x @ Wx.T。"),
         _t("Add b (it broadcasts over the batch) and apply np.tanh to the sum.",
            "加上 b（沿批量维广播），再对和取 np.tanh。")),
    ),
    Drill(
        "rnn-step-backward", "rnn_step_backward", ("dh", "x", "h_prev", "Wx", "Wh", "h"),
        _t("Vanilla RNN: one step backward", "普通 RNN：单步反向"), 2, ("R5", "R8"), ("bptt-gradcheck",), D2L,
        _t("Given dh = ∂L/∂h for h = tanh(x Wx + h_prev Wh + b) (h is that step's output), return the "
           "gradients with respect to x, h_prev, Wx, Wh and b.",
           "已知 h = tanh(x Wx + h_prev Wh + b)（h 是这一步的输出）与 dh = ∂L/∂h，返回对 x、h_prev、Wx、Wh、b 的梯度。"),
        ("dh (B, h)", "x (B, d)", "h_prev (B, h)", "Wx (d, h)", "Wh (h, h)", "h (B, h)",
         "-> {dx (B, d), dh_prev (B, h), dWx (d, h), dWh (h, h), db (h,)}"),
        _t("A dict with keys dx, dh_prev, dWx, dWh, db (or a tuple in that order).",
           "字典，键为 dx、dh_prev、dWx、dWh、db（或按此顺序的元组）。"),
        (_t("First the gradient at the pre-activation: da = dh ⊙ tanh'(a), and tanh'(a) = 1 − h².",
            "先求预激活处的梯度：da = dh ⊙ tanh'(a)，而 tanh'(a) = 1 − h²。"),
         _t("Each gradient has the shape of its variable: dWx = xᵀ da (d, h), dWh = h_prevᵀ da (h, h).",
            "每个梯度与其变量同形：dWx = xᵀ da (d, h)，dWh = h_prevᵀ da (h, h)。"),
         _t("dx = da Wxᵀ, dh_prev = da Whᵀ, and db sums da over the batch axis.",
            "dx = da Wxᵀ，dh_prev = da Whᵀ，db 是 da 沿批量维的和。")),
    ),
    Drill(
        "rnn-bptt", "rnn_bptt", ("dH", "X", "h0", "H", "Wx", "Wh"),
        _t("Vanilla RNN: backpropagation through time", "普通 RNN：随时间反向传播（BPTT）"), 3, ("R8", "R5"),
        ("bptt-gradcheck", "weight-sharing"), D2L,
        _t("H[t] = tanh(X[t] Wx + H[t−1] Wh + b) for t = 0..T−1 with H[−1] = h0. Given dH[t] = ∂L/∂H[t] "
           "(the loss's direct gradient at every step), return all gradients by BPTT over the T steps.",
           "H[t] = tanh(X[t] Wx + H[t−1] Wh + b)，t = 0..T−1，H[−1] = h0。已知每一步损失的直接梯度 dH[t] = ∂L/∂H[t]，"
           "用 BPTT 沿 T 步求出全部梯度。"),
        ("dH (T, B, h)", "X (T, B, d)", "h0 (B, h)", "H (T, B, h)", "Wx (d, h)", "Wh (h, h)",
         "-> {dX (T, B, d), dh0 (B, h), dWx (d, h), dWh (h, h), db (h,)}"),
        _t("A dict with keys dX, dh0, dWx, dWh, db (or a tuple in that order).",
           "字典，键为 dX、dh0、dWx、dWh、db（或按此顺序的元组）。"),
        (_t("Walk t from T−1 down to 0, carrying dh, the gradient reaching H[t] from the future; add dH[t] to it.",
            "t 从 T−1 递减到 0，携带来自未来的梯度 dh，并在每一步加上 dH[t]。"),
         _t("The weights are shared by all steps: dWx, dWh and db are sums (+=) over t, never overwritten.",
            "权重在所有时间步共享：dWx、dWh、db 要对 t 累加（+=），不能覆盖。"),
         _t("At step t the previous state is H[t−1], or h0 when t = 0; after the loop, dh is dh0.",
            "第 t 步的上一状态是 H[t−1]，t = 0 时是 h0；循环结束时 dh 就是 dh0。")),
    ),
    Drill(
        "gru-cell-d2l", "gru_cell_d2l", ("x", "h_prev", "params"),
        _t("GRU cell forward, d2l (reset before the product)", "GRU 单元前向：d2l 形式（先重置再乘）"), 2,
        ("G3", "G4", "G5"), ("gru-reset", "gru-update", "conventions"), D2L,
        _t("R = σ(x W_xr + h_prev W_hr + b_r), Z = σ(x W_xz + h_prev W_hz + b_z), "
           "H̃ = tanh(x W_xh + (R ⊙ h_prev) W_hh + b_h), h = Z ⊙ h_prev + (1 − Z) ⊙ H̃. Return h.",
           "R = σ(x W_xr + h_prev W_hr + b_r)，Z = σ(x W_xz + h_prev W_hz + b_z)，"
           "H̃ = tanh(x W_xh + (R ⊙ h_prev) W_hh + b_h)，h = Z ⊙ h_prev + (1 − Z) ⊙ H̃。返回 h。"),
        ("x (B, d)", "h_prev (B, h)", "params: W_xr W_xz W_xh (d, h), W_hr W_hz W_hh (h, h), b_r b_z b_h (h,)",
         "-> h (B, h)"),
        _t("h, the new hidden state (B, h).", "h：新的隐藏状态 (B, h)。"),
        (_t("The two gates use σ; only the candidate H̃ uses tanh.", "两个门用 σ，只有候选状态 H̃ 用 tanh。"),
         _t("In this form the reset gate multiplies h_prev before the product with W_hh.",
            "这种形式里重置门先乘 h_prev，再与 W_hh 相乘。"),
         _t("Z near 1 keeps the old state: h = Z ⊙ h_prev + (1 − Z) ⊙ H̃.",
            "Z 接近 1 时保留旧状态：h = Z ⊙ h_prev + (1 − Z) ⊙ H̃。")),
    ),
    Drill(
        "gru-cell-torch", "gru_cell_torch", ("x", "h_prev", "weight_ih", "weight_hh", "bias_ih", "bias_hh"),
        _t("GRU cell forward, PyTorch (reset after the product)", "GRU 单元前向：PyTorch 形式（先乘再重置）"), 3,
        ("G3", "G4", "G5"), ("conventions", "gru-reset"), TORCH,
        _t("torch.nn.GRUCell: blocks r, z, n stacked in that order (W_ir = weight_ih[0:h], W_iz = weight_ih[h:2h], "
           "W_in = weight_ih[2h:3h]; likewise weight_hh and both biases). r = σ(x @ W_ir.T + b_ir + h @ W_hr.T + b_hr), "
           "z likewise, n = tanh(x @ W_in.T + b_in + r ⊙ (h @ W_hn.T + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h. Return h'.",
           "torch.nn.GRUCell：块按 r、z、n 的顺序堆叠（W_ir = weight_ih[0:h]，W_iz = weight_ih[h:2h]，"
           "W_in = weight_ih[2h:3h]；weight_hh 与两个偏置同理）。"
           "r = σ(x @ W_ir.T + b_ir + h @ W_hr.T + b_hr)，z 同理，"
           "n = tanh(x @ W_in.T + b_in + r ⊙ (h @ W_hn.T + b_hn))，h' = (1 − z) ⊙ n + z ⊙ h。返回 h'。"),
        ("x (B, d)", "h_prev (B, h)", "weight_ih (3h, d)", "weight_hh (3h, h)", "bias_ih (3h,)", "bias_hh (3h,)",
         "-> h (B, h)"),
        _t("h', the new hidden state (B, h).", "h'：新的隐藏状态 (B, h)。"),
        (_t("Compute gi = x @ weight_ih.T + bias_ih and gh = h_prev @ weight_hh.T + bias_hh, both (B, 3h), "
            "then split each into r, z, n blocks in that order.",
            "先算 gi = x @ weight_ih.T + bias_ih 和 gh = h_prev @ weight_hh.T + bias_hh，都是 (B, 3h)，再各自按 r、z、n 切块。"),
         _t("The reset gate multiplies the whole recurrent part of n, bias b_hn included: r ⊙ gh_n.",
            "重置门乘的是 n 的整个循环部分，包括偏置 b_hn：r ⊙ gh_n。"),
         _t("z near 1 keeps the old state: h' = (1 − z) ⊙ n + z ⊙ h_prev.",
            "z 接近 1 时保留旧状态：h' = (1 − z) ⊙ n + z ⊙ h_prev。")),
    ),
    Drill(
        "lstm-cell-forward", "lstm_cell_forward", ("x", "h_prev", "c_prev", "weight_ih", "weight_hh", "bias_ih", "bias_hh"),
        _t("LSTM cell forward", "LSTM 单元前向"), 2, ("L3", "L4", "L5", "L6"),
        ("lstm-carousel", "output-gate", "gate-ranges"), TORCH,
        _t("torch.nn.LSTMCell: blocks i, f, g, o stacked in that order (g is the candidate C̃). "
           "I, F, O = σ(…), C̃ = tanh(…), c = F ⊙ c_prev + I ⊙ C̃, h = O ⊙ tanh(c). Return (h, c).",
           "torch.nn.LSTMCell：块按 i、f、g、o 的顺序堆叠（g 即候选记忆 C̃）。"
           "I、F、O = σ(…)，C̃ = tanh(…)，c = F ⊙ c_prev + I ⊙ C̃，h = O ⊙ tanh(c)。返回 (h, c)。"),
        ("x (B, d)", "h_prev (B, h)", "c_prev (B, h)", "weight_ih (4h, d)", "weight_hh (4h, h)",
         "bias_ih (4h,)", "bias_hh (4h,)", "-> (h (B, h), c (B, h))"),
        _t("A tuple (h, c): the new hidden state and the new memory cell.", "元组 (h, c)：新的隐藏状态与新的记忆细胞。"),
        (_t("One product for all gates: a = x @ weight_ih.T + h_prev @ weight_hh.T + bias_ih + bias_hh, (B, 4h); "
            "slice it into four (B, h) blocks i, f, g, o.",
            "一次乘法算出所有门：a = x @ weight_ih.T + h_prev @ weight_hh.T + bias_ih + bias_hh，(B, 4h)；再切成 i、f、g、o 四个 (B, h) 块。"),
         _t("σ for the gates i, f, o; tanh for g. The forget gate multiplies c_prev.",
            "门 i、f、o 用 σ，g 用 tanh；遗忘门乘的是 c_prev。"),
         _t("The output gate multiplies tanh(c), not c itself.", "输出门乘的是 tanh(c)，不是 c 本身。")),
    ),
    Drill(
        "lstm-cell-backward", "lstm_cell_backward",
        ("dh", "dc", "x", "h_prev", "c_prev", "weight_ih", "weight_hh", "bias_ih", "bias_hh"),
        _t("LSTM cell backward", "LSTM 单元反向"), 3, ("L5", "L6"), ("lstm-carousel",), TORCH,
        _t("For the LSTM cell of lstm-cell-forward (gate order i, f, g, o), given dh = ∂L/∂h and dc = ∂L/∂c "
           "(the gradient reaching the new cell from later steps), return the gradients of the inputs and weights.",
           "对 lstm-cell-forward 中的 LSTM 单元（门顺序 i、f、g、o），已知 dh = ∂L/∂h 与 dc = ∂L/∂c（从后续时间步传到新记忆细胞的梯度），"
           "返回对输入与权重的梯度。"),
        ("dh (B, h)", "dc (B, h)", "x (B, d)", "h_prev (B, h)", "c_prev (B, h)", "weight_ih (4h, d)",
         "weight_hh (4h, h)", "bias_ih (4h,)", "bias_hh (4h,)",
         "-> {dx (B, d), dh_prev (B, h), dc_prev (B, h), dW_ih (4h, d), dW_hh (4h, h), db (4h,)}"),
        _t("A dict with keys dx, dh_prev, dc_prev, dW_ih, dW_hh, db (db = ∂L/∂bias_ih = ∂L/∂bias_hh), or a tuple "
           "in that order.",
           "字典，键为 dx、dh_prev、dc_prev、dW_ih、dW_hh、db（db = ∂L/∂bias_ih = ∂L/∂bias_hh），或按此顺序的元组。"),
        (_t("Redo the forward pass first; then the total gradient at c is dc + dh ⊙ O ⊙ (1 − tanh²(c)).",
            "先重算前向；记忆细胞上的总梯度是 dc + dh ⊙ O ⊙ (1 − tanh²(c))。"),
         _t("Gate gradients (before the activations): dO = dh ⊙ tanh(c), dI = dc_t ⊙ C̃, dF = dc_t ⊙ c_prev, "
            "dC̃ = dc_t ⊙ I; then × σ' = s(1 − s) or × tanh' = 1 − C̃².",
            "门的梯度（激活前）：dO = dh ⊙ tanh(c)，dI = dc_t ⊙ C̃，dF = dc_t ⊙ c_prev，dC̃ = dc_t ⊙ I；再乘 σ' = s(1 − s) 或 tanh' = 1 − C̃²。"),
         _t("dc_prev = dc_t ⊙ F (no matrix on the cell path); stack da = [di, df, dg, do] (B, 4h): "
            "dW_ih = daᵀ x, dW_hh = daᵀ h_prev, dx = da weight_ih, dh_prev = da weight_hh, db = Σ_batch da.",
            "dc_prev = dc_t ⊙ F（记忆细胞通路上没有矩阵）；拼成 da = [di, df, dg, do] (B, 4h)："
            "dW_ih = daᵀ x，dW_hh = daᵀ h_prev，dx = da weight_ih，dh_prev = da weight_hh，db = da 沿批量求和。")),
    ),
    Drill(
        "clip-global-norm", "clip_grad_norm", ("grads", "max_norm"),
        _t("Gradient clipping by global norm", "按全局范数裁剪梯度"), 1, ("R11", "G1"),
        ("clipping-explode", "clipping-vanish"),
        _t("Any layout: grads is a dict of arrays of any shapes.", "与布局无关：grads 是任意形状数组的字典。"),
        _t("Compute the global norm ‖g‖ = sqrt(Σ over all arrays of Σ g²). If it exceeds max_norm, scale every "
           "array by max_norm / ‖g‖. Return the clipped grads (new arrays: do not change the inputs) and the norm "
           "before clipping.",
           "计算全局范数 ‖g‖ = sqrt(所有数组的 Σ g² 之和)。若超过 max_norm，就把每个数组乘以 max_norm / ‖g‖。"
           "返回裁剪后的梯度（新数组：不要修改输入）与裁剪前的范数。"),
        ("grads: {name: array}", "max_norm: float > 0", "-> ({name: array, same shapes}, norm: float)"),
        _t("A tuple (clipped_grads, total_norm) with total_norm measured before clipping.",
           "元组 (clipped_grads, total_norm)，total_norm 是裁剪前的范数。"),
        (_t("One norm for all arrays together, not one per array.", "所有数组共用一个范数，而不是每个数组一个。"),
         _t("Clipping rescales; it never clips elements: the direction of the gradient is kept.",
            "裁剪是整体缩放，不是逐元素截断：梯度的方向保持不变。"),
         _t("Below max_norm nothing changes; return the norm you measured first.",
            "范数不超过 max_norm 时什么都不变；返回先测得的范数。")),
        ("clip_grad_norm({'W': np.array([3.0, 4.0])}, 1.0)  # -> ({'W': [0.6, 0.8]}, 5.0)",),
    ),
    Drill(
        "tbptt-chunks", "tbptt", ("X", "h0", "Wx", "Wh", "b", "dH", "k", "forward", "backward"),
        _t("Truncated BPTT: the chunk loop", "截断 BPTT：分块循环"), 3, ("R8", "G1"), ("bptt-gradcheck",), D2L,
        _t("Train-time truncated BPTT: cut the T steps into chunks of k (the last may be shorter). Run each chunk "
           "with forward(Xc, h, Wx, Wh, b) -> Hc from the state the previous chunk ended in (carried), backpropagate "
           "with backward(dHc, Xc, h, Hc, Wx, Wh) -> dict dX, dh0, dWx, dWh, db inside the chunk only (the state "
           "entering a chunk is a constant: detached). Return the summed weight gradients, dX, the dh0 of the "
           "first chunk, and h_T, the final state.",
           "训练时的截断 BPTT：把 T 步切成长度为 k 的块（最后一块可以更短）。每块用 forward(Xc, h, Wx, Wh, b) -> Hc "
           "从上一块结束时的状态开始运行（状态传递），再用 backward(dHc, Xc, h, Hc, Wx, Wh) -> 字典 dX、dh0、dWx、dWh、db "
           "只在块内反向传播（进入块的状态当作常数：detach）。返回累加的权重梯度、dX、第一块的 dh0 和最终状态 h_T。"),
        ("X (T, B, d)", "h0 (B, h)", "Wx (d, h)", "Wh (h, h)", "b (h,)", "dH (T, B, h)", "k: int ≥ 1",
         "forward, backward: functions given by the grader",
         "-> {dX (T, B, d), dh0 (B, h), dWx (d, h), dWh (h, h), db (h,), h_T (B, h)}"),
        _t("A dict with keys dX, dh0, dWx, dWh, db, h_T.", "字典，键为 dX、dh0、dWx、dWh、db、h_T。"),
        (_t("Loop start = 0, k, 2k, … < T; the chunk is X[start:start + k].",
            "循环 start = 0, k, 2k, … < T；每块是 X[start:start + k]。"),
         _t("Carry the state: the next chunk starts from Hc[-1], not from h0 again.",
            "传递状态：下一块从 Hc[-1] 开始，而不是再从 h0 开始。"),
         _t("Detach: call backward on each chunk alone (no gradient into the previous chunk), and add its dWx, "
            "dWh, db to running sums; keep dh0 of the first chunk only.",
            "截断：对每块单独调用 backward（梯度不进入上一块），把它的 dWx、dWh、db 累加；dh0 只取第一块的。")),
    ),
    Drill(
        "birnn-layer", "birnn_layer", ("X", "h0_f", "h0_b", "params_f", "params_b", "run"),
        _t("Bidirectional layer: reverse, run, flip back, concatenate", "双向层：反转、运行、翻回、拼接"), 2, ("R7",),
        ("birnn-future",), D2L,
        _t("run(X, h0, Wx, Wh, b) -> H runs a one-directional RNN over X (T, B, d). Build the bidirectional layer: "
           "the forward direction on X with params_f; the backward direction on the time-reversed X with params_b, "
           "its outputs flipped back into time order; return [→H_t, ←H_t] concatenated on the feature axis.",
           "run(X, h0, Wx, Wh, b) -> H 在 X (T, B, d) 上运行单向 RNN。请搭建双向层：正向用 params_f 在 X 上运行；"
           "反向用 params_b 在时间反转后的 X 上运行，并把输出翻回时间顺序；返回沿特征维拼接的 [→H_t, ←H_t]。"),
        ("X (T, B, d)", "h0_f, h0_b (B, h)", "params_f, params_b: {Wx (d, h), Wh (h, h), b (h,)}",
         "run: the grader's one-directional RNN", "-> Y (T, B, 2h)"),
        _t("Y (T, B, 2h) with Y[t] = [→H_t, ←H_t].", "Y (T, B, 2h)，Y[t] = [→H_t, ←H_t]。"),
        (_t("The backward direction reads X[::-1]: its first step sees the last input.",
            "反向方向读取 X[::-1]：它的第一步看到的是最后一个输入。"),
         _t("Flip its outputs back with [::-1] before concatenating, so that row t belongs to time t.",
            "拼接前用 [::-1] 把反向输出翻回来，使第 t 行对应时间 t。"),
         _t("np.concatenate([H_f, H_b], axis=-1): forward first, then backward.",
            "np.concatenate([H_f, H_b], axis=-1)：正向在前，反向在后。")),
    ),
    Drill(
        "param-count", "param_count", ("cell", "input_size", "hidden_size", "num_layers", "bidirectional"),
        _t("Parameter count of a PyTorch RNN, GRU or LSTM", "PyTorch RNN、GRU、LSTM 的参数量"), 2, ("L7",),
        ("gru-vs-lstm",), TORCH,
        _t("Return the number of parameters of torch.nn.RNN/GRU/LSTM(input_size, hidden_size, num_layers, "
           "bidirectional=…) with bias=True (PyTorch counts two bias vectors per layer and direction).",
           "返回 torch.nn.RNN/GRU/LSTM(input_size, hidden_size, num_layers, bidirectional=…) 在 bias=True 时的参数量"
           "（PyTorch 每层每个方向有两个偏置向量）。"),
        ("cell: 'rnn' | 'gru' | 'lstm'", "input_size d, hidden_size h, num_layers L ≥ 1: int",
         "bidirectional: bool", "-> int"),
        _t("An int.", "一个整数。"),
        (_t("Gate blocks G: RNN 1, GRU 3, LSTM 4. One layer, one direction: G·(d·h + h·h + 2h).",
            "门块数 G：RNN 1、GRU 3、LSTM 4。一层一个方向：G·(d·h + h·h + 2h)。"),
         _t("Layers after the first read the previous layer's output: width h, or 2h when bidirectional.",
            "第一层之后的层读取上一层的输出：宽度为 h，双向时为 2h。"),
         _t("Bidirectional doubles every layer (each direction has its own weights).",
            "双向让每一层都翻倍（每个方向有自己的权重）。")),
        ("param_count('lstm', 10, 20, 1, False)  # -> 2560",),
    ),
    Drill(
        "stable-sigmoid", "sigmoid", ("x",),
        _t("A numerically stable sigmoid", "数值稳定的 sigmoid"), 1, ("L8", "G3"), ("gate-ranges",),
        _t("Elementwise on an array of any shape (also 0-d).", "逐元素，任意形状的数组（含 0 维）。"),
        _t("σ(x) = 1 / (1 + e^(−x)) for every element, with no overflow warning, no nan or inf for any float "
           "(±1000 included), and full relative precision in the tails (σ(−40) ≈ 4.25e-18, not 0).",
           "对每个元素计算 σ(x) = 1 / (1 + e^(−x))：对任何浮点数（包括 ±1000）都不产生溢出警告、nan 或 inf，"
           "并在两端保持相对精度（σ(−40) ≈ 4.25e-18，而不是 0）。"),
        ("x: array of any shape", "-> array of the same shape"),
        _t("σ(x), same shape as x.", "σ(x)，与 x 同形。"),
        (_t("e^(−x) overflows for x < −709: never compute exp of a large positive number.",
            "x < −709 时 e^(−x) 会溢出：不要对大的正数求 exp。"),
         _t("For x ≥ 0 use 1 / (1 + e^(−x)); for x < 0 use e^x / (1 + e^x): both exponents are ≤ 0.",
            "x ≥ 0 时用 1 / (1 + e^(−x))；x < 0 时用 e^x / (1 + e^x)：两者的指数都 ≤ 0。"),
         _t("np.where evaluates both branches: compute z = exp(−|x|) once and build both from it.",
            "np.where 会计算两个分支：先算一次 z = exp(−|x|)，再用它组合两种情况。")),
        ("sigmoid(np.array([-1000.0, 0.0, 1000.0]))  # -> [0.0, 0.5, 1.0]",),
    ),
    Drill(
        "last-valid-state", "last_valid_state", ("H", "lengths"),
        _t("The last valid hidden state of a padded batch", "填充批次中最后一个有效隐藏状态"), 1, ("R9",),
        ("io-patterns",),
        _t("Time-major outputs as nn.RNN(batch_first=False): H (T, B, h).", "时间优先的输出，同 nn.RNN(batch_first=False)：H (T, B, h)。"),
        _t("Sequences of different lengths were padded to T steps. For sequence b, return its hidden state at its "
           "last real step, lengths[b] − 1 (the padding steps after it are garbage).",
           "长度不同的序列被填充到 T 步。对第 b 个序列，返回它最后一个真实时间步 lengths[b] − 1 的隐藏状态（其后的填充步是无效值）。"),
        ("H (T, B, h)", "lengths (B,) int, 1 ≤ lengths[b] ≤ T", "-> (B, h)"),
        _t("An array (B, h): row b is H[lengths[b] − 1, b].", "数组 (B, h)：第 b 行是 H[lengths[b] − 1, b]。"),
        (_t("H[-1] is the last padded step, not the last valid one.", "H[-1] 是最后一个填充步，而不是最后一个有效步。"),
         _t("Index time and batch together: H[lengths - 1, np.arange(B)].", "同时索引时间与批量：H[lengths - 1, np.arange(B)]。"),
         _t("Lengths count steps from 1: the last index is lengths − 1.", "长度从 1 开始计数：最后的索引是 lengths − 1。")),
    ),
)

BY_ID: dict[str, Drill] = {d.id: d for d in DRILLS}


def get(drill_id: str, lang: str = "en") -> Drill:
    """The drill ``drill_id``; an unknown id is a usage error naming the known ones (in ``lang``)."""
    from rnnquiz.errors import UsageError
    from rnnquiz.i18n import t

    if drill_id.startswith("drill:"):
        drill_id = drill_id[len("drill:"):]
    try:
        return BY_ID[drill_id]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(drill_id, list(BY_ID), n=3)
        hint = t("drill.err.did_you_mean", lang, ids=", ".join(close)) if close else ""
        raise UsageError(t("drill.err.unknown", lang, id=repr(drill_id), hint=hint, known=", ".join(BY_ID))) from None


def card_id(drill_id: str) -> str:
    """The id review schedules this drill under."""
    return f"drill:{drill_id}"


def card_ids() -> list[str]:
    """Every drill's review card id, in catalog order (what review adds to its selection)."""
    return [card_id(d.id) for d in DRILLS]


def review_prompt(drill_id: str, lang: str) -> str:
    """What review shows when the card ``drill:ID`` comes due (the drill is done in the editor, not inline)."""
    from rnnquiz.i18n import t

    d = get(drill_id)
    return t("drill.review.due", lang, title=d.title.get(lang), id=d.id)
