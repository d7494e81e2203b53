"""The demo task: remember the value at the marked step, and say it when asked at the end.

Each step reads ``x_t = [value, marker, query]``:

    value   a number in {±0.1, ±0.2, …, ±0.9} at every step (one decimal, so the equations read easily)
    marker  1 at one step p (the value to remember), 0 elsewhere
    query   1 at the last step T (say the remembered value now), 0 elsewhere

The answer is the marked value v_p, read from the state after the last step. Every other value is a
distractor: a model that cannot choose what to keep mixes them into its memory.

The inputs never depend on ``--steps``: the values of all ``MAX_STEPS`` steps and the marker's place are
drawn first from a generator seeded by the seed alone (``[seed, 0]``; the weights of ``--random`` use
``[seed, 1]``), and a shorter demo is a prefix of the same draw. Only the query moves, since it marks the
last step; a demo has at least ``MIN_STEPS`` steps, so the marker is always where the draw put it.
"""

from __future__ import annotations

import numpy as np

MAX_STEPS = 30
MIN_STEPS = 5  # the marker falls on step 2–4 and the query comes after it: the marker never moves
INPUTS = ("value", "marker", "query")


def sequence(seed: int, steps: int) -> tuple[np.ndarray, int]:
    """One demo sequence: X (T, 1, 3) and the marker's step p (0-based, 1 ≤ p ≤ 3 whatever T)."""
    if not MIN_STEPS <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be in {MIN_STEPS}..{MAX_STEPS}")
    rng = np.random.default_rng([seed, 0])
    values = rng.integers(1, 10, size=MAX_STEPS) * rng.choice([-1.0, 1.0], size=MAX_STEPS) / 10  # (MAX,)
    p = int(rng.integers(1, 4))  # steps 2..4: a value or more comes before it
    X = np.zeros((steps, 1, 3))  # (T, 1, 3)
    X[:, 0, 0] = values[:steps]
    X[p, 0, 1] = 1.0
    X[-1, 0, 2] = 1.0
    return X, p


def batch(rng: np.random.Generator, steps: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``size`` sequences of the task (X (T, B, 3), marked values (B,)), the marker anywhere in 0..T−2."""
    X = np.zeros((steps, size, 3))  # (T, B, 3)
    X[:, :, 0] = rng.integers(1, 10, size=(steps, size)) * rng.choice([-1.0, 1.0], size=(steps, size)) / 10
    p = rng.integers(0, steps - 1, size=size)  # (B,)
    b = np.arange(size)
    X[p, b, 1] = 1.0
    X[-1, :, 2] = 1.0
    return X, X[p, b, 0]
