"""Output layer.

    O_t = H_t W_hq + b_q          H_t (B, h) or (B, 2h) for a BiRNN, W_hq (h, q), b_q (q,)

PyTorch ``nn.Linear`` stores ``weight = W_hqᵀ`` (q, h) and ``bias`` (q,); those are the names here.
Applied to every step at once: (T, B, h) → (T, B, q), or to the last state only for many-to-one tasks.

Backward:  ∂L/∂W_hq = Σ H_tᵀ ∂L/∂O_t,  ∂L/∂b_q = Σ ∂L/∂O_t,  ∂L/∂H_t = ∂L/∂O_t W_hqᵀ.

Reference: d2l §9.4.2 (RNN with hidden state, output layer).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

Array = np.ndarray


class Linear:
    """Affine map over the last axis, PyTorch ``nn.Linear`` names and U(±1/√h) initialisation."""

    def __init__(self, in_features: int, out_features: int, *, seed: int | np.random.Generator = 0,
                 dtype: Any = np.float64) -> None:
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        k = 1.0 / math.sqrt(in_features)
        self.dtype = np.dtype(dtype)
        self.params: dict[str, Array] = {
            "weight": rng.uniform(-k, k, size=(out_features, in_features)).astype(self.dtype),  # (q, h)
            "bias": rng.uniform(-k, k, size=(out_features,)).astype(self.dtype),  # (q,)
        }

    def forward(self, H: Array) -> tuple[Array, dict[str, Array]]:
        """``O = H W_hq + b_q`` over the last axis; returns ``(O (..., q), cache)``."""
        H = np.asarray(H, dtype=self.dtype)  # (..., h)
        O = H @ self.params["weight"].T + self.params["bias"]  # noqa: E741 (d2l notation)  (..., q)
        return O, {"H": H}

    __call__ = forward

    def backward(self, cache: dict[str, Array], dO: Array) -> dict[str, Array]:
        """Grads ``{"weight", "bias", "X"}`` (X = the input H) from ∂L/∂O."""
        H = cache["H"]  # (..., h)
        h, q = H.shape[-1], dO.shape[-1]
        dO2 = np.asarray(dO, dtype=self.dtype).reshape(-1, q)  # (N, q)
        return {
            "weight": dO2.T @ H.reshape(-1, h),  # (q, h)
            "bias": dO2.sum(axis=0),  # (q,)
            "X": (dO2 @ self.params["weight"]).reshape(H.shape),  # (..., h)
        }

    def num_params(self, convention: str = "double") -> int:
        """Scalars in W_hq and b_q (one bias either way)."""
        return sum(v.size for v in self.params.values())

    def to_d2l(self) -> dict[str, Array]:
        """``{"W_hq": (h, q), "b_q": (q,)}``."""
        return {"W_hq": self.params["weight"].T.copy(), "b_q": self.params["bias"].copy()}

    def state_dict(self) -> dict[str, Array]:
        return {k: v.copy() for k, v in self.params.items()}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        for name in self.params:
            value = state_dict[name]
            if hasattr(value, "detach"):
                value = value.detach().cpu().numpy()
            self.params[name] = np.array(value, dtype=self.dtype).reshape(self.params[name].shape)
