"""Optimisers and gradient clipping over dicts of arrays (``params[name]``, ``grads[name]``).

    SGD:  θ ← θ − η (g + μ v)           v ← μ v + g (momentum μ, 0 by default)
    Adam: m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  θ ← θ − η m̂ / (√v̂ + ε)   (bias-corrected m̂, v̂)

Clipping (Pascanu, Mikolov & Bengio 2013): by global norm, g ← g · min(1, c / ‖g‖) with ‖g‖ over all
arrays together, which keeps the direction; by value, g ← clip(g, −c, c) per element, which does not.
Both return the global norm *before* clipping, the number a training log plots.

References: Kingma & Ba (2015), Adam; d2l §9.5.3 (gradient clipping).
"""

from __future__ import annotations

import math

import numpy as np

Array = np.ndarray


def global_norm(grads: dict[str, Array], keys: list[str] | None = None) -> float:
    """‖g‖₂ over the named arrays together (all if ``keys`` is None)."""
    names = grads if keys is None else keys
    return math.sqrt(sum(float(np.vdot(grads[k], grads[k])) for k in names))


def clip_grad_norm(grads: dict[str, Array], max_norm: float, keys: list[str] | None = None) -> float:
    """Scale the named grads in place so their global norm is at most ``max_norm``; return the norm
    before clipping."""
    names = list(grads if keys is None else keys)
    norm = global_norm(grads, names)
    if norm > max_norm:
        scale = max_norm / (norm + 1e-12)
        for k in names:
            grads[k] *= scale
    return norm


def clip_grad_value(grads: dict[str, Array], clip_value: float, keys: list[str] | None = None) -> float:
    """Clip every named grad element to [−c, c] in place; return the global norm before clipping."""
    names = list(grads if keys is None else keys)
    norm = global_norm(grads, names)
    for k in names:
        np.clip(grads[k], -clip_value, clip_value, out=grads[k])
    return norm


class SGD:
    """Stochastic gradient descent, optional momentum. ``step`` updates ``params`` in place."""

    def __init__(self, lr: float = 0.1, momentum: float = 0.0) -> None:
        self.lr, self.momentum = lr, momentum
        self.velocity: dict[str, Array] = {}

    def step(self, params: dict[str, Array], grads: dict[str, Array]) -> None:
        for k, p in params.items():
            g = grads[k]
            if self.momentum:
                v = self.velocity.setdefault(k, np.zeros_like(p))
                v *= self.momentum
                v += g
                g = v
            p -= self.lr * g


class Adam:
    """Adam with bias correction. ``step`` updates ``params`` in place."""

    def __init__(self, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8) -> None:
        self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
        self.t = 0
        self.m: dict[str, Array] = {}
        self.v: dict[str, Array] = {}

    def step(self, params: dict[str, Array], grads: dict[str, Array]) -> None:
        self.t += 1
        c1, c2 = 1.0 - self.beta1 ** self.t, 1.0 - self.beta2 ** self.t
        for k, p in params.items():
            g = grads[k]
            m = self.m.setdefault(k, np.zeros_like(p))
            v = self.v.setdefault(k, np.zeros_like(p))
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * g * g
            p -= self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)
