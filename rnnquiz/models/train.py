"""A small training loop: recurrent model + linear output layer, a loss, an optimiser, clipping.

    for step in 1..steps:
        X, Y = batch(rng)                       fresh seeded batch
        H, _, cache = model.forward(X)          (T, B, dirs·h)
        O = head(H[−1]) or head(H)              many-to-one ("last") or many-to-many ("all")
        loss, dO = loss_fn(O, Y)
        backward through head and model (truncated to k steps if given)
        norm = clip(grads)                      norm *before* clipping is what gets logged
        optimizer.step(params, grads)

Returns the per-step loss and gradient norm, which is what the proofs plot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from rnnquiz.models.linear import Linear
from rnnquiz.models.losses import mse, softmax_cross_entropy
from rnnquiz.models.optim import Adam, clip_grad_norm, clip_grad_value, global_norm
from rnnquiz.models.recurrent import Recurrent

Array = np.ndarray
LOSSES = {"mse": mse, "xent": softmax_cross_entropy}


@dataclass
class TrainLog:
    """Per-step training record."""

    losses: list[float] = field(default_factory=list)
    grad_norms: list[float] = field(default_factory=list)  # global norm before clipping


def train(
    model: Recurrent,
    head: Linear,
    batch: Callable[[np.random.Generator], tuple[Array, Array]],
    steps: int,
    *,
    loss: str = "mse",
    readout: str = "last",
    optimizer: object | None = None,
    clip_norm: float | None = None,
    clip_value: float | None = None,
    k: int | None = None,
    seed: int = 0,
) -> TrainLog:
    """Train ``model`` and ``head`` in place.

    Args:
        model, head: the recurrent model and its output layer (``head`` in = model's output width).
        batch: ``rng -> (X (T, B, D), Y)``, e.g. ``lambda rng: tasks.adding_problem(rng, 50, 32)``.
        steps: number of updates.
        loss: ``"mse"`` or ``"xent"`` (softmax cross-entropy with integer labels).
        readout: ``"last"`` (head on the last output, many-to-one) or ``"all"`` (every step).
        optimizer: anything with ``step(params, grads)``; Adam(1e-2) if None.
        clip_norm, clip_value: gradient clipping (global norm, or per element); norm logged before.
        k: truncated BPTT length (None = full).
        seed: seeds the batch generator.
    """
    if readout not in ("last", "all"):
        raise ValueError("readout must be 'last' or 'all'")
    loss_fn = LOSSES[loss]
    opt = optimizer if optimizer is not None else Adam(1e-2)
    rng = np.random.default_rng(seed)
    # One flat dict of references: optimisers update the arrays in place, so model and head see it.
    params = {f"model.{n}": p for n, p in model.params.items()} | {f"head.{n}": p for n, p in head.params.items()}
    log = TrainLog()
    for _ in range(steps):
        X, Y = batch(rng)
        H, _, cache = model.forward(X)  # (T, B, dirs·h)
        out, hcache = head.forward(H[-1] if readout == "last" else H)  # (B, q) or (T, B, q)
        value, dO = loss_fn(out, Y)
        hg = head.backward(hcache, dO)
        if readout == "last":
            dH = np.zeros_like(H)  # (T, B, dirs·h)
            dH[-1] = hg["X"]
        else:
            dH = hg["X"]
        mg = model.backward(cache, dH, k=k)
        grads = {f"model.{n}": mg[n] for n in model.params} | {f"head.{n}": hg[n] for n in head.params}
        if clip_norm is not None:
            norm = clip_grad_norm(grads, clip_norm)
        elif clip_value is not None:
            norm = clip_grad_value(grads, clip_value)
        else:
            norm = global_norm(grads)
        opt.step(params, grads)
        log.losses.append(value)
        log.grad_norms.append(norm)
    return log
