"""Long short-term memory (with forget gate).

    I_t = σ(X_t W_xi + H_{t−1} W_hi + b_i)          input gate
    F_t = σ(X_t W_xf + H_{t−1} W_hf + b_f)          forget gate
    O_t = σ(X_t W_xo + H_{t−1} W_ho + b_o)          output gate
    C̃_t = tanh(X_t W_xc + H_{t−1} W_hc + b_c)       candidate memory cell
    C_t = F_t ⊙ C_{t−1} + I_t ⊙ C̃_t                 memory cell: an additive path through time
    H_t = O_t ⊙ tanh(C_t)                           hidden state

Shapes (d2l row-vector convention): X_t (B, d), H_t and C_t (B, h), W_x? (d, h), W_h? (h, h).
PyTorch stacks the four blocks in the order **i, f, g, o** (g = C̃): ``weight_ih_l0`` (4h, d),
``weight_hh_l0`` (4h, h), ``bias_ih_l0`` and ``bias_hh_l0`` (4h,). The forward pass computes all four
pre-activations with one fused product per step.

Options, for experiments on why the defaults are what they are:
    ``gate_activation``       σ (default), ``hard_sigmoid`` or ``relu`` for I, F, O
    ``candidate_activation``  tanh (default) or ``sigmoid`` for C̃ (a σ candidate can only add to the
                              cell); H_t = O_t ⊙ tanh(C_t) keeps tanh either way
    ``forget_bias``           if given, the forget-gate bias is initialised to it (b_if = forget_bias,
                              b_hf = 0, so the effective d2l b_f is exactly forget_bias; Gers et al. 2000,
                              Jozefowicz et al. 2015 use 1)

Backward, per step (δh, δc = gradients reaching H_t, C_t):

    δc += δh ⊙ O_t ⊙ (1 − tanh² C_t)
    ∂/∂O = δh ⊙ tanh C_t,  ∂/∂I = δc ⊙ C̃_t,  ∂/∂F = δc ⊙ C_{t−1},  ∂/∂C̃ = δc ⊙ I_t   (then × act')
    δc_{t−1} = δc ⊙ F_t          (no weight matrix: the "constant error carousel" when F ≈ 1)
    δh_{t−1} = ∂L/∂[gates] W_hhᵀ

References: Hochreiter & Schmidhuber (1997); Gers, Schmidhuber & Cummins (2000), forget gate;
d2l §10.1; PyTorch ``nn.LSTM``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rnnquiz.models.functional import _tanh, activation, d_tanh
from rnnquiz.models.recurrent import Array, Recurrent


class LSTM(Recurrent):
    """LSTM, PyTorch ``nn.LSTM`` layout (gate order i, f, g, o). State is a pair ``(h, c)``."""

    kind = "lstm"
    gate_count = 4
    gate_letters = ("i", "f", "c", "o")  # d2l letters for PyTorch's i, f, g, o blocks
    state_names = ("h0", "c0")

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, bidirectional: bool = False,
                 *, forget_bias: float | None = None, gate_activation: str = "sigmoid",
                 candidate_activation: str = "tanh", seed: int | np.random.Generator = 0,
                 dtype: Any = np.float64):
        if gate_activation not in ("sigmoid", "hard_sigmoid", "relu"):
            raise ValueError(f"gate_activation must be sigmoid, hard_sigmoid or relu, not {gate_activation!r}")
        if candidate_activation not in ("tanh", "sigmoid"):
            raise ValueError(f"candidate_activation must be tanh or sigmoid, not {candidate_activation!r}")
        self.gate_activation, self.candidate_activation = gate_activation, candidate_activation
        self.forget_bias = forget_bias
        self._gact, self._dgact = activation(gate_activation)
        self._cact, self._dcact = activation(candidate_activation)
        super().__init__(input_size, hidden_size, num_layers, bidirectional, seed=seed, dtype=dtype)
        if forget_bias is not None:
            h = hidden_size
            for name in self.params:
                if name.startswith("bias_ih"):
                    self.params[name][h:2 * h] = forget_bias
                elif name.startswith("bias_hh"):
                    self.params[name][h:2 * h] = 0.0

    def _final_keys(self) -> tuple[str, ...]:
        return ("H", "C")

    def _layer_forward(self, XW: Array, W_hh: Array, b_hh: Array, state0: tuple[Array, ...]) -> dict:
        T, B, G = XW.shape
        h = G // 4
        XW += b_hh  # fold the recurrent bias in once
        W_hhT = W_hh.T  # (h, 4h)
        A = np.empty((T, B, G), XW.dtype)  # (T, B, 4h) activated gates i, f, g, o
        C = np.empty((T, B, h), XW.dtype)  # (T, B, h)
        tC = np.empty((T, B, h), XW.dtype)  # (T, B, h)  tanh(C_t)
        H = np.empty((T, B, h), XW.dtype)  # (T, B, h)
        tmp = np.empty((B, h), XW.dtype)  # (B, h)
        gact, cact = self._gact, self._cact
        h_prev, c_prev = state0  # (B, h), (B, h)
        for t in range(T):
            a = np.matmul(h_prev, W_hhT, out=A[t])  # (B, 4h) one fused product for all gates
            a += XW[t]
            gact(a[:, :2 * h], out=a[:, :2 * h])  # I, F
            cact(a[:, 2 * h:3 * h], out=a[:, 2 * h:3 * h])  # C̃
            gact(a[:, 3 * h:], out=a[:, 3 * h:])  # O
            c = np.multiply(a[:, h:2 * h], c_prev, out=C[t])  # (B, h)  F ⊙ C_{t−1}
            c += np.multiply(a[:, :h], a[:, 2 * h:3 * h], out=tmp)  # + I ⊙ C̃
            _tanh(c, out=tC[t])
            h_prev = np.multiply(a[:, 3 * h:], tC[t], out=H[t])  # (B, h)
            c_prev = c
        return {"I": A[:, :, :h], "F": A[:, :, h:2 * h], "C_tilde": A[:, :, 2 * h:3 * h], "O": A[:, :, 3 * h:],
                "C": C, "tanh_C": tC, "H": H, "H0": state0[0], "C0": state0[1], "_A": A}

    def _layer_backward(self, c: dict, W_hh: Array, b_hh: Array, dH: Array,
                        dstate: tuple[Array, ...], k: int) -> tuple[Array, Array, Array, tuple[Array, ...]]:
        A, C, tC, H = c["_A"], c["C"], c["tanh_C"], c["H"]  # (T, B, 4h), (T, B, h) ×3
        T, B, G = A.shape
        h = G // 4
        I, F, Cc, O = A[:, :, :h], A[:, :, h:2 * h], A[:, :, 2 * h:3 * h], A[:, :, 3 * h:]  # noqa: E741 d2l I, O  (T, B, h)
        C_prev = np.empty_like(C)  # (T, B, h)
        C_prev[0], C_prev[1:] = c["C0"], C[:-1]
        # Everything that does not depend on δ is computed for all steps before the loop:
        # ∂L/∂pre = [δc ⊙ M_i, δc ⊙ M_f, δc ⊙ M_c, δh ⊙ M_o]
        M = np.empty((T, B, 4, h), A.dtype)  # (T, B, 4, h)
        M[:, :, 0] = Cc * self._dgact(I)
        M[:, :, 1] = C_prev * self._dgact(F)
        M[:, :, 2] = I * self._dcact(Cc)
        M[:, :, 3] = tC * self._dgact(O)
        OdT = O * d_tanh(tC)  # (T, B, h)  ∂H_t/∂C_t
        dA4 = np.empty((T, B, 4, h), A.dtype)  # (T, B, 4, h)  ∂L/∂(gate pre-activations)
        dA = dA4.reshape(T, B, G)  # (T, B, 4h) same memory
        dh, dc = dstate[0].copy(), dstate[1].copy()  # (B, h), (B, h)
        tmp = np.empty((B, h), A.dtype)  # (B, h)
        for t in reversed(range(T)):
            dh += dH[t]
            dc += np.multiply(dh, OdT[t], out=tmp)
            np.multiply(dc[:, None, :], M[t, :, :3], out=dA4[t, :, :3])  # i, f, g
            np.multiply(dh, M[t, :, 3], out=dA4[t, :, 3])  # o
            dc *= F[t]  # the cell path: no matrix, just the forget gate
            if t > 0 and t % k == 0:
                dh[...] = 0.0  # truncation: the state entering this chunk is a constant
                dc[...] = 0.0
            else:
                np.matmul(dA[t], W_hh, out=dh)
        dW_hh = dA[0].T @ c["H0"]  # (4h, h)
        if T > 1:
            dW_hh += dA[1:].reshape(-1, G).T @ H[:-1].reshape(-1, h)
        return dA, dW_hh, dA.sum(axis=(0, 1)), (dh, dc)
