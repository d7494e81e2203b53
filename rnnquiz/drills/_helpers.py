"""Functions the grader hands to drills that build on a layer (tbptt-chunks, birnn-layer).

Plain NumPy, no rnnquiz imports: the sandboxed child executes this file by path, and the parent imports it
for the known-wrong variants, so both sides run the same code.
"""

import numpy as np


def rnn_forward(X, h0, Wx, Wh, b):
    """H (T, B, h) of a tanh RNN over X (T, B, d) from h0 (B, h): H_t = tanh(X_t Wx + H_{t−1} Wh + b)."""
    H = np.empty((X.shape[0], X.shape[1], Wh.shape[0]))
    h = h0
    for t in range(X.shape[0]):
        h = np.tanh(X[t] @ Wx + h @ Wh + b)
        H[t] = h
    return H


def rnn_backward(dH, X, h0, H, Wx, Wh, dh_T=None):
    """BPTT of ``rnn_forward`` over the whole of X; dh_T is an extra gradient on H[-1] (or None).
    Returns a dict dX, dh0, dWx, dWh, db."""
    T = X.shape[0]
    dX, dWx, dWh = np.zeros_like(X), np.zeros_like(Wx), np.zeros_like(Wh)
    db = np.zeros(Wh.shape[0])
    dh = np.zeros_like(h0) if dh_T is None else np.array(dh_T, dtype=float)
    for t in reversed(range(T)):
        dh = dh + dH[t]
        da = dh * (1.0 - H[t] ** 2)
        prev = H[t - 1] if t > 0 else h0
        dWx += X[t].T @ da
        dWh += prev.T @ da
        db += da.sum(axis=0)
        dX[t] = da @ Wx.T
        dh = da @ Wh.T
    return {"dX": dX, "dh0": dh, "dWx": dWx, "dWh": dWh, "db": db}


HELPERS = ("rnn_forward", "rnn_backward")
