"""Readable solutions, one per drill: what ``rnnquiz drill check ID --solution`` shows.

Plain NumPy in the drill's notation, written like min-char-rnn. They are not the grader's reference (that is
rnnquiz/models/, see checks.py); a test runs every one of them through the sandboxed grader.
"""

from __future__ import annotations

import numpy as np


def rnn_step_forward(x, h_prev, Wx, Wh, b):
    return np.tanh(x @ Wx + h_prev @ Wh + b)  # (B, h)


def rnn_step_backward(dh, x, h_prev, Wx, Wh, h):
    da = dh * (1.0 - h * h)  # (B, h)  tanh' from the output
    return {"dx": da @ Wx.T, "dh_prev": da @ Wh.T, "dWx": x.T @ da, "dWh": h_prev.T @ da, "db": da.sum(axis=0)}


def rnn_bptt(dH, X, h0, H, Wx, Wh):
    T = X.shape[0]
    dX, dWx, dWh = np.zeros_like(X), np.zeros_like(Wx), np.zeros_like(Wh)
    db = np.zeros(Wh.shape[0])
    dh = np.zeros_like(h0)  # (B, h)  gradient reaching H[t] from the future
    for t in reversed(range(T)):
        dh = dh + dH[t]
        da = dh * (1.0 - H[t] ** 2)  # (B, h)
        prev = H[t - 1] if t > 0 else h0
        dWx += X[t].T @ da  # shared weights: sum over time
        dWh += prev.T @ da
        db += da.sum(axis=0)
        dX[t] = da @ Wx.T
        dh = da @ Wh.T
    return {"dX": dX, "dh0": dh, "dWx": dWx, "dWh": dWh, "db": db}


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def gru_cell_d2l(x, h_prev, params):
    p = params
    R = _sigmoid(x @ p["W_xr"] + h_prev @ p["W_hr"] + p["b_r"])  # (B, h) reset gate
    Z = _sigmoid(x @ p["W_xz"] + h_prev @ p["W_hz"] + p["b_z"])  # (B, h) update gate
    H_tilde = np.tanh(x @ p["W_xh"] + (R * h_prev) @ p["W_hh"] + p["b_h"])  # reset before the product
    return Z * h_prev + (1.0 - Z) * H_tilde


def gru_cell_torch(x, h_prev, weight_ih, weight_hh, bias_ih, bias_hh):
    h = h_prev.shape[1]
    gi = x @ weight_ih.T + bias_ih  # (B, 3h)  blocks r, z, n
    gh = h_prev @ weight_hh.T + bias_hh  # (B, 3h)
    r = _sigmoid(gi[:, :h] + gh[:, :h])
    z = _sigmoid(gi[:, h:2 * h] + gh[:, h:2 * h])
    n = np.tanh(gi[:, 2 * h:] + r * gh[:, 2 * h:])  # reset after the product, b_hn inside
    return (1.0 - z) * n + z * h_prev


def lstm_cell_forward(x, h_prev, c_prev, weight_ih, weight_hh, bias_ih, bias_hh):
    h = h_prev.shape[1]
    a = x @ weight_ih.T + h_prev @ weight_hh.T + bias_ih + bias_hh  # (B, 4h)  blocks i, f, g, o
    i = _sigmoid(a[:, :h])
    f = _sigmoid(a[:, h:2 * h])
    g = np.tanh(a[:, 2 * h:3 * h])
    o = _sigmoid(a[:, 3 * h:])
    c = f * c_prev + i * g  # (B, h)
    return o * np.tanh(c), c


def lstm_cell_backward(dh, dc, x, h_prev, c_prev, weight_ih, weight_hh, bias_ih, bias_hh):
    h = h_prev.shape[1]
    a = x @ weight_ih.T + h_prev @ weight_hh.T + bias_ih + bias_hh  # (B, 4h)
    i, f, g, o = _sigmoid(a[:, :h]), _sigmoid(a[:, h:2 * h]), np.tanh(a[:, 2 * h:3 * h]), _sigmoid(a[:, 3 * h:])
    c = f * c_prev + i * g
    tc = np.tanh(c)
    dc_t = dc + dh * o * (1.0 - tc * tc)  # (B, h)  both paths into c
    di = dc_t * g * i * (1.0 - i)
    df = dc_t * c_prev * f * (1.0 - f)
    dg = dc_t * i * (1.0 - g * g)
    do = dh * tc * o * (1.0 - o)
    da = np.concatenate([di, df, dg, do], axis=1)  # (B, 4h)
    return {"dx": da @ weight_ih, "dh_prev": da @ weight_hh, "dc_prev": dc_t * f,
            "dW_ih": da.T @ x, "dW_hh": da.T @ h_prev, "db": da.sum(axis=0)}


def clip_grad_norm(grads, max_norm):
    total = float(np.sqrt(sum(np.sum(g * g) for g in grads.values())))  # one norm over all arrays
    scale = max_norm / total if total > max_norm else 1.0
    return {k: g * scale for k, g in grads.items()}, total  # new arrays; the norm before clipping


def tbptt(X, h0, Wx, Wh, b, dH, k, forward, backward):
    T = X.shape[0]
    dX = np.zeros_like(X)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])
    h, dh0 = h0, None
    for start in range(0, T, k):
        Xc = X[start:start + k]
        Hc = forward(Xc, h, Wx, Wh, b)  # carried: starts where the last chunk ended
        g = backward(dH[start:start + k], Xc, h, Hc, Wx, Wh)  # detached: nothing flows into earlier chunks
        dWx, dWh, db = dWx + g["dWx"], dWh + g["dWh"], db + g["db"]
        dX[start:start + k] = g["dX"]
        if dh0 is None:
            dh0 = g["dh0"]
        h = Hc[-1]
    return {"dX": dX, "dh0": dh0, "dWx": dWx, "dWh": dWh, "db": db, "h_T": h}


def birnn_layer(X, h0_f, h0_b, params_f, params_b, run):
    H_f = run(X, h0_f, params_f["Wx"], params_f["Wh"], params_f["b"])  # (T, B, h)
    H_b = run(X[::-1], h0_b, params_b["Wx"], params_b["Wh"], params_b["b"])[::-1]  # reverse, run, flip back
    return np.concatenate([H_f, H_b], axis=-1)  # (T, B, 2h)


def param_count(cell, input_size, hidden_size, num_layers, bidirectional):
    G = {"rnn": 1, "gru": 3, "lstm": 4}[cell]
    dirs = 2 if bidirectional else 1
    h, total = hidden_size, 0
    for layer in range(num_layers):
        d = input_size if layer == 0 else dirs * h
        total += dirs * G * (d * h + h * h + 2 * h)  # weight_ih, weight_hh, bias_ih, bias_hh
    return total


def sigmoid(x):
    x = np.asarray(x, dtype=float)
    z = np.exp(-np.abs(x))  # never exp of a positive number
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def last_valid_state(H, lengths):
    lengths = np.asarray(lengths)
    return H[lengths - 1, np.arange(H.shape[1])]  # (B, h)


def solution_source(function: str) -> str:
    """The source shown for a drill's function: the imports, any helper it calls, the function."""
    import inspect

    fn = globals()[function]
    parts = ["import numpy as np", ""]
    if "_sigmoid(" in inspect.getsource(fn):
        parts += ["", inspect.getsource(_sigmoid).rstrip(), ""]
    parts += ["", inspect.getsource(fn).rstrip(), ""]
    return "\n".join(parts)
