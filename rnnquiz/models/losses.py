"""Losses, each returning ``(loss, ∂loss/∂prediction)``.

    MSE:           L = 1/N Σ (ŷ − y)²                 ∂L/∂ŷ = 2 (ŷ − y) / N
    cross-entropy: L = −1/N Σ log softmax(o)[y]       ∂L/∂o = (softmax(o) − onehot(y)) / N

N counts every scalar (MSE) or every labelled item (cross-entropy), so a per-step loss over T steps is
the mean over steps and batch, d2l's ``L = 1/T Σ_t ℓ(O_t, Y_t)`` (averaged over the batch as well).
"""

from __future__ import annotations

import numpy as np

from rnnquiz.models.functional import softmax

Array = np.ndarray


def mse(pred: Array, target: Array) -> tuple[float, Array]:
    """Mean squared error over all elements and its gradient (same shape as ``pred``)."""
    diff = pred - np.asarray(target, dtype=pred.dtype)  # (...)
    return float(np.mean(diff * diff)), (2.0 / diff.size) * diff


def softmax_cross_entropy(logits: Array, labels: Array) -> tuple[float, Array]:
    """Mean cross-entropy of integer ``labels`` (...,) under ``logits`` (..., K), and ∂L/∂logits."""
    labels = np.asarray(labels)
    K = logits.shape[-1]
    z = logits.reshape(-1, K)  # (N, K)
    y = labels.reshape(-1)  # (N,)
    N = y.size
    shifted = z - z.max(axis=1, keepdims=True)  # (N, K) max subtracted: no overflow
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # (N, K)
    loss = -float(log_p[np.arange(N), y].mean())
    grad = softmax(z, axis=1)  # (N, K)
    grad[np.arange(N), y] -= 1.0
    grad /= N
    return loss, grad.reshape(logits.shape)
