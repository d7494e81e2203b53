"""Vanilla (Elman) RNN.

    H_t = φ(X_t W_xh + H_{t−1} W_hh + b_h)          φ = tanh (default) or relu
    O_t = H_t W_hq + b_q                             (the output layer is ``Linear``, linear.py)

Shapes (d2l row-vector convention): X_t (B, d), H_t (B, h), W_xh (d, h), W_hh (h, h), b_h (h,).
PyTorch stores ``weight_ih_l0 = W_xhᵀ`` (h, d), ``weight_hh_l0 = W_hhᵀ`` (h, h) and two biases whose sum is
b_h. Stacking and directions: recurrent.py.

Backward (BPTT), with A_t the pre-activation and δ_t = ∂L/∂H_t summed over the paths into H_t:

    ∂L/∂A_t     = δ_t ⊙ φ'(A_t)                φ' from the output: 1 − H_t² for tanh, [H_t > 0] for relu
    δ_{t−1}    += ∂L/∂A_t W_hhᵀ                  (the "back through time" step, right to left)
    ∂L/∂W_hh    = Σ_t H_{t−1}ᵀ ∂L/∂A_t

References: Elman (1990), "Finding structure in time"; d2l §9.4 and §9.7 (BPTT); PyTorch ``nn.RNN``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rnnquiz.models.functional import activation
from rnnquiz.models.recurrent import Array, Recurrent


class RNN(Recurrent):
    """Elman RNN, PyTorch ``nn.RNN`` layout. ``nonlinearity`` is ``"tanh"`` or ``"relu"``."""

    kind = "rnn"
    gate_count = 1
    gate_letters = ("h",)
    state_names = ("h0",)

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, bidirectional: bool = False,
                 *, nonlinearity: str = "tanh", seed: int | np.random.Generator = 0, dtype: Any = np.float64):
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"nonlinearity must be 'tanh' or 'relu', not {nonlinearity!r}")
        self.nonlinearity = nonlinearity
        self._act, self._dact = activation(nonlinearity)
        super().__init__(input_size, hidden_size, num_layers, bidirectional, seed=seed, dtype=dtype)

    def _layer_forward(self, XW: Array, W_hh: Array, b_hh: Array, state0: tuple[Array, ...]) -> dict:
        T, B, h = XW.shape
        XW += b_hh  # b_hh is added at every step: fold it in once
        W_hhT = W_hh.T  # (h, h)
        H = np.empty((T, B, h), XW.dtype)  # (T, B, h)
        prev = state0[0]  # (B, h)
        for t in range(T):
            a = np.matmul(prev, W_hhT, out=H[t])  # (B, h)
            a += XW[t]
            self._act(a, out=a)
            prev = a
        return {"H": H, "H0": state0[0]}

    def _layer_backward(self, c: dict, W_hh: Array, b_hh: Array, dH: Array,
                        dstate: tuple[Array, ...], k: int) -> tuple[Array, Array, Array, tuple[Array, ...]]:
        H, H0 = c["H"], c["H0"]  # (T, B, h), (B, h)
        T, B, h = H.shape
        dphi = self._dact(H)  # (T, B, h)  φ'(A_t) for all steps at once
        dA = np.empty_like(H)  # (T, B, h)
        dh = dstate[0].copy()  # (B, h)  δ flowing into the current step
        for t in reversed(range(T)):
            dh += dH[t]
            np.multiply(dh, dphi[t], out=dA[t])
            if t > 0 and t % k == 0:
                dh[...] = 0.0  # truncation: the state entering this chunk is a constant
            else:
                np.matmul(dA[t], W_hh, out=dh)
        dW_hh = dA[0].T @ H0  # (h, h)
        if T > 1:
            dW_hh += dA[1:].reshape(-1, h).T @ H[:-1].reshape(-1, h)
        return dA, dW_hh, dA.sum(axis=(0, 1)), (dh,)
