"""Gated recurrent unit, in both of its published forms.

    R_t = σ(X_t W_xr + H_{t−1} W_hr + b_r)                      reset gate
    Z_t = σ(X_t W_xz + H_{t−1} W_hz + b_z)                      update gate
    reset before (d2l, Cho et al. 2014 v3):
        H̃_t = tanh(X_t W_xh + (R_t ⊙ H_{t−1}) W_hh + b_h)
    reset after (PyTorch, cuDNN, Keras ``reset_after=True``; the default here):
        H̃_t = tanh(X_t W_xh + b_xh + R_t ⊙ (H_{t−1} W_hh + b_hh))
    H_t = Z_t ⊙ H_{t−1} + (1 − Z_t) ⊙ H̃_t                       update rule (d2l and PyTorch)

Z_t ≈ 1 carries the old state through unchanged; Z_t ≈ 0 replaces it by the candidate. (Cho et al. and
Keras write the same rule with the roles of Z and 1 − Z swapped; the models are equivalent.)

Resetting *after* the product lets all three recurrent products H_{t−1}W_h{r,z,h} run as one fused
(B, h)·(h, 3h) product per step; the price is a recurrent candidate bias ``b_hn`` that sits inside the
reset and so cannot be merged with ``b_in``: the reset-after GRU has no single-bias (d2l) form and is
counted in the double-bias convention only. The reset-before GRU is counted in either.

Shapes: X_t (B, d), H_t (B, h). PyTorch stacks blocks in the order **r, z, n** (n = H̃):
``weight_ih_l0`` (3h, d), ``weight_hh_l0`` (3h, h), ``bias_ih_l0``, ``bias_hh_l0`` (3h,).

Backward, per step (δ = ∂L/∂H_t):

    ∂/∂H̃ = δ ⊙ (1 − Z_t),   ∂/∂Z = δ ⊙ (H_{t−1} − H̃_t),   δ_{t−1} = δ ⊙ Z_t + (through the gates)

References: Cho et al. (2014), arXiv:1406.1078; Chung et al. (2014); d2l §10.2; PyTorch ``nn.GRU``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from rnnquiz.models.functional import _sigmoid, _tanh, d_sigmoid, d_tanh
from rnnquiz.models.recurrent import Array, Recurrent


class GRU(Recurrent):
    """GRU, PyTorch ``nn.GRU`` layout (gate order r, z, n). ``reset_after=False`` gives the d2l form."""

    kind = "gru"
    gate_count = 3
    gate_letters = ("r", "z", "h")
    state_names = ("h0",)

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, bidirectional: bool = False,
                 *, reset_after: bool = True, seed: int | np.random.Generator = 0, dtype: Any = np.float64):
        self.reset_after = reset_after
        super().__init__(input_size, hidden_size, num_layers, bidirectional, seed=seed, dtype=dtype)

    def _check_single_bias(self) -> None:
        if self.reset_after:
            raise ValueError("the reset-after GRU has a separate recurrent candidate bias b_hn inside the "
                             "reset product: it has no single-bias form; use convention='double'")

    def __repr__(self) -> str:
        return super().__repr__()[:-1] + f", reset_after={self.reset_after})"

    # ------------------------------------------------------------------ forward

    def _layer_forward(self, XW: Array, W_hh: Array, b_hh: Array, state0: tuple[Array, ...]) -> dict:
        if self.reset_after:
            return self._forward_after(XW, W_hh, b_hh, state0[0])
        return self._forward_before(XW, W_hh, b_hh, state0[0])

    def _forward_after(self, XW: Array, W_hh: Array, b_hh: Array, h0: Array) -> dict:
        T, B, G = XW.shape
        h = G // 3
        XW[:, :, :2 * h] += b_hh[:2 * h]  # b_hr, b_hz fold in; b_hn stays inside the reset product
        b_hn = b_hh[2 * h:]  # (h,)
        W_hhT = W_hh.T  # (h, 3h)
        A = np.empty((T, B, G), XW.dtype)  # (T, B, 3h) activated R, Z, H̃
        HN = np.empty((T, B, h), XW.dtype)  # (T, B, h)  H_{t−1} W_hn + b_hn
        H = np.empty((T, B, h), XW.dtype)  # (T, B, h)
        hh = np.empty((B, G), XW.dtype)  # (B, 3h)
        h_prev = h0  # (B, h)
        for t in range(T):
            np.matmul(h_prev, W_hhT, out=hh)  # (B, 3h) one fused product for r, z, n
            a = A[t]  # (B, 3h)
            rz = np.add(XW[t, :, :2 * h], hh[:, :2 * h], out=a[:, :2 * h])  # (B, 2h)
            _sigmoid(rz, out=rz)
            hn = np.add(hh[:, 2 * h:], b_hn, out=HN[t])  # (B, h)
            n = np.multiply(a[:, :h], hn, out=a[:, 2 * h:])  # (B, h)  R ⊙ (H W_hn + b_hn)
            n += XW[t, :, 2 * h:]
            _tanh(n, out=n)
            ht = np.subtract(h_prev, n, out=H[t])  # (B, h)  H̃ + Z ⊙ (H_{t−1} − H̃)
            ht *= a[:, h:2 * h]
            ht += n
            h_prev = ht
        return {"R": A[:, :, :h], "Z": A[:, :, h:2 * h], "H_tilde": A[:, :, 2 * h:], "HN": HN, "H": H,
                "H0": h0, "_A": A}

    def _forward_before(self, XW: Array, W_hh: Array, b_hh: Array, h0: Array) -> dict:
        T, B, G = XW.shape
        h = G // 3
        XW += b_hh  # in this form b_hn is outside the reset product: all of b_hh folds in
        W_rzT, W_nT = W_hh[:2 * h].T, W_hh[2 * h:].T  # (h, 2h), (h, h)
        A = np.empty((T, B, G), XW.dtype)  # (T, B, 3h) activated R, Z, H̃
        RH = np.empty((T, B, h), XW.dtype)  # (T, B, h)  R_t ⊙ H_{t−1}
        H = np.empty((T, B, h), XW.dtype)  # (T, B, h)
        rz = np.empty((B, 2 * h), XW.dtype)  # (B, 2h)
        h_prev = h0  # (B, h)
        for t in range(T):
            a = A[t]  # (B, 3h)
            np.matmul(h_prev, W_rzT, out=rz)
            rz += XW[t, :, :2 * h]
            _sigmoid(rz, out=a[:, :2 * h])
            rh = np.multiply(a[:, :h], h_prev, out=RH[t])  # (B, h)
            n = a[:, 2 * h:]  # (B, h)
            np.matmul(rh, W_nT, out=n)  # a second product: it needs R_t first
            n += XW[t, :, 2 * h:]
            _tanh(n, out=n)
            ht = np.subtract(h_prev, n, out=H[t])  # (B, h)
            ht *= a[:, h:2 * h]
            ht += n
            h_prev = ht
        return {"R": A[:, :, :h], "Z": A[:, :, h:2 * h], "H_tilde": A[:, :, 2 * h:], "H": H, "H0": h0,
                "_A": A, "_RH": RH}

    # ------------------------------------------------------------------ backward

    def _layer_backward(self, c: dict, W_hh: Array, b_hh: Array, dH: Array,
                        dstate: tuple[Array, ...], k: int) -> tuple[Array, Array, Array, tuple[Array, ...]]:
        A, H, H0 = c["_A"], c["H"], c["H0"]  # (T, B, 3h), (T, B, h), (B, h)
        T, B, G = A.shape
        h = G // 3
        R, Z, N = A[:, :, :h], A[:, :, h:2 * h], A[:, :, 2 * h:]  # (T, B, h) each
        H_prev = np.empty_like(H)  # (T, B, h)
        H_prev[0], H_prev[1:] = H0, H[:-1]
        P1 = (1.0 - Z) * d_tanh(N)  # (T, B, h)  ∂H_t/∂(candidate pre-activation)
        Pz = (H_prev - N) * d_sigmoid(Z)  # (T, B, h)  ∂H_t/∂(update pre-activation)
        dh = dstate[0].copy()  # (B, h)
        tmp = np.empty((B, h), A.dtype)  # (B, h)
        if self.reset_after:
            # E[t] = δ ⊙ Q[t] holds ∂L/∂ of [x-part of n, r, z, h-part of n] pre-activations: blocks 1..3
            # are exactly what multiplies W_hh, so the recurrent product reads one contiguous (B, 3h) view.
            Q = np.empty((T, B, 4, h), A.dtype)  # (T, B, 4, h)
            Q[:, :, 0] = P1
            Q[:, :, 1] = P1 * c["HN"] * d_sigmoid(R)
            Q[:, :, 2] = Pz
            Q[:, :, 3] = P1 * R
            E = np.empty((T, B, 4, h), A.dtype)  # (T, B, 4, h)
            E_rec = E.reshape(T, B, 4 * h)[:, :, h:]  # (T, B, 3h) view: ∂L/∂(H_{t−1}W_hhᵀ + b_hh)
            for t in reversed(range(T)):
                dh += dH[t]
                np.multiply(dh[:, None, :], Q[t], out=E[t])
                dh *= Z[t]
                if t > 0 and t % k == 0:
                    dh[...] = 0.0  # truncation: the state entering this chunk is a constant
                else:
                    dh += np.matmul(E_rec[t], W_hh, out=tmp)
            dXW = np.concatenate([E[:, :, 1], E[:, :, 2], E[:, :, 0]], axis=2)  # (T, B, 3h) r, z, n
            dW_hh = E_rec[0].T @ H0  # (3h, h)
            if T > 1:
                dW_hh += E_rec[1:].reshape(-1, G).T @ H[:-1].reshape(-1, h)
            return dXW, dW_hh, E_rec.sum(axis=(0, 1)), (dh,)

        W_rz, W_n = W_hh[:2 * h], W_hh[2 * h:]  # (2h, h), (h, h)
        Pr = H_prev * d_sigmoid(R)  # (T, B, h)
        dXW = np.empty((T, B, G), A.dtype)  # (T, B, 3h)  ∂L/∂ pre-activations r, z, n
        drh = np.empty((B, h), A.dtype)  # (B, h)  ∂L/∂(R ⊙ H_{t−1})
        for t in reversed(range(T)):
            dh += dH[t]
            d = dXW[t]  # (B, 3h)
            dn = np.multiply(dh, P1[t], out=d[:, 2 * h:])
            np.matmul(dn, W_n, out=drh)
            np.multiply(drh, Pr[t], out=d[:, :h])
            np.multiply(dh, Pz[t], out=d[:, h:2 * h])
            dh *= Z[t]
            if t > 0 and t % k == 0:
                dh[...] = 0.0  # truncation: the state entering this chunk is a constant
            else:
                drh *= R[t]
                dh += drh
                dh += np.matmul(d[:, :2 * h], W_rz, out=tmp)
        dW_hh = np.empty_like(W_hh)  # (3h, h)
        dW_hh[:2 * h] = dXW[:, :, :2 * h].reshape(-1, 2 * h).T @ H_prev.reshape(-1, h)
        dW_hh[2 * h:] = dXW[:, :, 2 * h:].reshape(-1, h).T @ c["_RH"].reshape(-1, h)
        return dXW, dW_hh, dXW.sum(axis=(0, 1)), (dh,)
