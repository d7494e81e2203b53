"""Finite-difference gradient checks.

    ∂L/∂θ_i ≈ (L(θ + ε e_i) − L(θ − ε e_i)) / 2ε          centred: error O(ε²), ε = 1e-6 in float64
    rel_error(a, b) = ‖a − b‖ / (‖a‖ + ‖b‖)                 one number per array (0 if both are 0)

The norm-wise relative error is used rather than the element-wise maximum, which blows up on elements
that are zero up to rounding. ``check_model`` uses a random linear loss L = Σ P ⊙ Y + Σ S ⊙ state_T,
so ∂L/∂Y = P and ∂L/∂state_T = S exercise every path at once.

Truncated BPTT (``k``) is not the gradient of L: it is the gradient of L with the state entering each
k-step chunk held constant, which is what ``truncated_loss`` computes and checks against.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from rnnquiz.models.recurrent import Recurrent, State

Array = np.ndarray


def numerical_gradient(f: Callable[[], float], x: Array, eps: float = 1e-6) -> Array:
    """Centred differences of ``f()`` with respect to ``x``, perturbing ``x`` in place (restored)."""
    grad = np.zeros_like(x, dtype=np.float64)
    flat, gflat = x.reshape(-1), grad.reshape(-1)  # views
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        plus = f()
        flat[i] = old - eps
        minus = f()
        flat[i] = old
        gflat[i] = (plus - minus) / (2 * eps)
    return grad


def rel_error(a: Array, b: Array) -> float:
    """‖a − b‖ / (‖a‖ + ‖b‖), 0.0 when both are zero."""
    den = float(np.linalg.norm(a) + np.linalg.norm(b))
    return 0.0 if den == 0.0 else float(np.linalg.norm(a - b)) / den


def _states(state: State) -> list[Array]:
    return list(state) if isinstance(state, tuple) else [state]


def truncated_loss(model: Recurrent, X: Array, state0: State, P: Array, S: list[Array], k: int,
                   boundaries: list[State]) -> float:
    """Σ P ⊙ Y + Σ S ⊙ state_T over chunks of k steps, each chunk starting from a *constant*
    boundary state (``boundaries[j]`` for chunk j ≥ 1; chunk 0 starts from ``state0``)."""
    total, T = 0.0, X.shape[0]
    state = state0
    for j, start in enumerate(range(0, T, k)):
        if j > 0:
            state = boundaries[j - 1]
        Y, state, _ = model.forward(X[start:start + k], state)
        total += float(np.sum(P[start:start + k] * Y))
    return total + sum(float(np.sum(s * f)) for s, f in zip(S, _states(state), strict=True))


def check_model(model: Recurrent, X: Array, state0: State | None = None, *, k: int | None = None,
                seed: int = 0, eps: float = 1e-6) -> dict[str, float]:
    """Relative error of ``backward`` against centred differences for every parameter, ``"X"`` and the
    initial state (``"h0"``, ``"c0"``). With ``k`` < T the reference is ``truncated_loss``
    (unidirectional models only: a chunk of a reverse direction would need the future)."""
    rng = np.random.default_rng(seed)
    X = np.array(X, dtype=model.dtype)
    T, B, _ = X.shape
    n = model.num_layers * model.num_directions
    if state0 is None:
        parts = [rng.standard_normal((n, B, model.hidden_size)) for _ in model.state_names]
        state0 = parts[0] if len(parts) == 1 else (parts[0], parts[1])
    Y, final, cache = model.forward(X, state0)
    P = rng.standard_normal(Y.shape)  # ∂L/∂Y
    S = [rng.standard_normal(f.shape) for f in _states(final)]  # ∂L/∂final state
    dstate: Any = S[0] if len(S) == 1 else (S[0], S[1])
    grads = model.backward(cache, P, dstate, k=k)

    if k is None or k >= T:
        def loss() -> float:
            Y, final, _ = model.forward(X, state0)
            return float(np.sum(P * Y)) + sum(float(np.sum(s * f)) for s, f in zip(S, _states(final), strict=True))
    else:
        if model.bidirectional:
            raise ValueError("truncated BPTT is checked on unidirectional models")
        boundaries, state = [], state0
        for start in range(0, T, k):  # the constants: states at chunk starts under the current weights
            _, state, _ = model.forward(X[start:start + k], state)
            boundaries.append(tuple(np.copy(s) for s in state) if isinstance(state, tuple) else state.copy())

        def loss() -> float:
            return truncated_loss(model, X, state0, P, S, k, boundaries)

    errors = {name: rel_error(grads[name], numerical_gradient(loss, p, eps)) for name, p in model.params.items()}
    errors["X"] = rel_error(grads["X"], numerical_gradient(loss, X, eps))
    for name, s in zip(model.state_names, _states(state0), strict=True):
        errors[name] = rel_error(grads[name], numerical_gradient(loss, s, eps))
    return errors
