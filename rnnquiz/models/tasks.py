"""Seeded toy tasks. Each generator takes an ``np.random.Generator`` and returns ``(X, Y)`` with X
(T, B, D) time-major like the models.

- ``adding_problem``: two input channels, values and markers; the target is the sum of the two marked
  values, read after the last step (many-to-one, Y (B, 1)). Two layouts:
    ``"le2015"``  Le, Jaitly & Hinton (2015), IRNN paper: values U[0, 1], one marker in each half,
                  target v₁ + v₂ (Var = 1/6, so MSE/Var ≈ 1 means "predicts the mean").
    ``"hs1997"``  Hochreiter & Schmidhuber (1997), experiment 4: values U[−1, 1]; first and last marker
                  −1; the first marked element among the first 10 steps, the second among the first
                  T/2 − 1; target 0.5 + (v₁ + v₂)/4. A value at step 0, if marked, is set to 0.
- ``copy_task``: L symbols, ``delay`` blanks, a go marker, then the L symbols must be emitted
  (Hochreiter & Schmidhuber 1997; Arjovsky et al. 2016 layout). Y (T, B) integer labels, 0 = blank.
- ``delayed_recall``: output at step t the symbol seen at t − delay (Y (T, B) labels, 0 before).
- ``sequence_regression``: noisy sine waves of random phase and frequency; predict the next value
  (many-to-many, Y (T, B, 1)).
"""

from __future__ import annotations

import numpy as np

Array = np.ndarray


def adding_problem(rng: np.random.Generator, T: int, B: int, layout: str = "le2015") -> tuple[Array, Array]:
    """X (T, B, 2) = [value, marker], Y (B, 1)."""
    X = np.zeros((T, B, 2))  # (T, B, 2)
    b = np.arange(B)
    if layout == "le2015":
        if T < 2:
            raise ValueError("the adding problem needs T ≥ 2")
        X[:, :, 0] = rng.uniform(0.0, 1.0, size=(T, B))
        p1 = rng.integers(0, T // 2, size=B)  # one marker in each half
        p2 = rng.integers(T // 2, T, size=B)
        X[p1, b, 1] = 1.0
        X[p2, b, 1] = 1.0
        Y = X[p1, b, 0] + X[p2, b, 0]  # (B,)
    elif layout == "hs1997":
        if T < 12:
            raise ValueError("the 1997 layout needs T ≥ 12 (first marker among the first 10 steps)")
        X[:, :, 0] = rng.uniform(-1.0, 1.0, size=(T, B))
        X[0, :, 1] = X[T - 1, :, 1] = -1.0
        p1 = rng.integers(0, 10, size=B)
        p2 = rng.integers(0, T // 2 - 1, size=B)
        while np.any(same := p2 == p1):  # two distinct marked steps
            p2[same] = rng.integers(0, T // 2 - 1, size=int(same.sum()))
        X[p1, b, 1] = 1.0
        X[p2, b, 1] = 1.0
        X[0, (p1 == 0) | (p2 == 0), 0] = 0.0
        Y = 0.5 + (X[p1, b, 0] + X[p2, b, 0]) / 4.0
    else:
        raise ValueError(f"layout must be 'le2015' or 'hs1997', not {layout!r}")
    return X, Y[:, None]


def copy_task(rng: np.random.Generator, B: int, length: int = 5, delay: int = 10,
              n_symbols: int = 8) -> tuple[Array, Array]:
    """X (T, B, n_symbols + 2) one-hot, Y (T, B) labels; T = 2·length + delay + 1.

    Labels: 0 blank, 1..n_symbols symbols, n_symbols + 1 the go marker (input only).
    """
    T = 2 * length + delay + 1
    seq = rng.integers(1, n_symbols + 1, size=(length, B))  # (L, B)
    tokens = np.zeros((T, B), dtype=np.int64)  # (T, B)
    tokens[:length] = seq
    tokens[length + delay] = n_symbols + 1
    Y = np.zeros((T, B), dtype=np.int64)  # (T, B)
    Y[T - length:] = seq
    return np.eye(n_symbols + 2)[tokens], Y


def delayed_recall(rng: np.random.Generator, T: int, B: int, delay: int = 3,
                   n_symbols: int = 4) -> tuple[Array, Array]:
    """X (T, B, n_symbols + 1) one-hot of symbols 1..n, Y (T, B) with Y[t] = symbol[t − delay], 0 before."""
    tokens = rng.integers(1, n_symbols + 1, size=(T, B))  # (T, B)
    Y = np.zeros((T, B), dtype=np.int64)  # (T, B)
    Y[delay:] = tokens[:T - delay]
    return np.eye(n_symbols + 1)[tokens], Y


def sequence_regression(rng: np.random.Generator, T: int, B: int, noise: float = 0.05) -> tuple[Array, Array]:
    """X (T, B, 1) noisy sine waves, Y (T, B, 1) the clean next value."""
    t = np.arange(T + 1)[:, None]  # (T+1, 1)
    freq = rng.uniform(0.1, 0.3, size=(1, B))  # (1, B)
    phase = rng.uniform(0, 2 * np.pi, size=(1, B))  # (1, B)
    clean = np.sin(freq * t + phase)  # (T+1, B)
    X = clean[:-1] + noise * rng.standard_normal((T, B))  # (T, B)
    return X[:, :, None], clean[1:, :, None]
