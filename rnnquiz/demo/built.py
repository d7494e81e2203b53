"""The demo models: hand-built weights that solve the task (task.py), or ``--random`` ones.

Why built and not trained: trained in two seconds on this task, a small LSTM answers right (97–100 % of
held-out sequences within 0.1) but its gates are murky: the input gate opens to 0.34–0.55 at the marker
and the output gate sits near 0.9 at every step, because the output layer can rescale whatever the gates
let through. A demo that teaches what a gate does needs gates that do one thing each, so every weight
below is chosen, and ``tests/demo`` checks that the models reach the task on held-out sequences.

Two hidden units per model, d2l notation (``X_t W_x? + H_{t−1} W_h? + b_?``), inputs [value, marker, query]:

    unit 1, "memory": keeps the marked value until the end.
    unit 2, "now" (shown as "follows x"): follows the current value and keeps nothing (the contrast: same cell, other gates).

A gate is driven to σ(±K), K = 5: σ(5) = 0.993 (open), σ(−5) = 0.007 (shut). A signal s ∈ {0, 1} opens a
gate with weight 2K and bias −K (s = 1 → σ(K), s = 0 → σ(−K)), and shuts it with −2K and +K.

LSTM, unit 1:  I = σ(2K·marker − K)    opens only at the marker (writes)
               F = σ(−2K·marker + K)   holds (0.993 a step) except at the marker, where it lets go
               O = σ(2K·query − K)     shut until the query: H ≈ 0 hides the cell; opens at the end
               C̃ = tanh(1·value)       the value to write
       unit 2: I = σ(K), F = σ(−K), O = σ(K), C̃ = tanh(value): the cell is the current value, every step.
GRU, unit 1:   Z = σ(−2K·marker + K)   holds H (Z ≈ 1) except at the marker, where 1 − Z ≈ 1 takes H̃
               R = σ(−2K·marker + K)   at the marker the reset closes, so H̃ ignores what H held
               H̃ = tanh(1·value + (R ⊙ H_{t−1})·1)
       unit 2: Z = σ(−K), R = σ(−K), H̃ = tanh(value): H is the current value.
RNN, unit 1:   H = tanh(1·value + 0.9·H_{t−1})   no gate: the marked value enters like every other value
                                                  and fades by 0.9·(1 − H²) a step under the ones after it
       unit 2: H = tanh(value).
BiRNN:         one RNN unit per direction, H = tanh(1·value + 0.9·H_neighbour): →H reads x_1 … x_t,
               ←H reads x_T … x_t, so ←H_1 already depends on the last value.
All recurrent weights of the gated models are 0: their gates read only the marker and the query, which
keeps every equation a sum of one or two terms. ``--random`` gives PyTorch's initialisation instead.

The answer is read by an output layer y = H_T W_hq + b_q fitted by least squares on 512 sequences of 8
steps (seed ``FIT_SEED``), the same for every demo length, so it is as fair to the RNN as to the LSTM.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rnnquiz.demo import task
from rnnquiz.models import GRU, LSTM, RNN, BiRNN, Recurrent

K = 5.0  # gate pre-activations ±K: σ(5) = 0.993, σ(−5) = 0.007
RNN_CARRY = 0.9  # the RNN's W_hh: below 1 it is stable and forgets; above, tanh saturates
FIT_SEED, FIT_STEPS, FIT_SIZE = 20261201, 8, 512
TOLERANCE = 0.15  # an answer within 0.15 of the marked value counts as right
CELLS = {"lstm": "lstm", "gru": "gru", "rnn": "rnn", "birnn": "rnn"}


@dataclass
class DemoModel:
    kind: str  # "lstm" | "gru" | "rnn" | "birnn"
    model: Recurrent
    d2l: dict[str, np.ndarray]  # W_x?, W_h?, b_? (suffixed _l0 / _l0_reverse for the BiRNN)
    units: list[str]  # unit roles: "memory", "now", "fwd", "bwd" or "" (random)
    built: bool
    readout: tuple[np.ndarray, float] = field(default=(np.zeros(0), 0.0))  # W_hq (h,), b_q
    trained: bool = False  # weights from trained.py

    def answer(self, H_T: np.ndarray) -> np.ndarray:
        """y = H_T W_hq + b_q for H_T (B, h)."""
        w, b = self.readout
        return H_T @ w + b


def _gate(on: str | None, off: str | None = None, always: float | None = None) -> tuple[list[float], float]:
    """(input weights over [value, marker, query], bias) of a gate opened by `on` or shut by `off`."""
    w = [0.0, 0.0, 0.0]
    if always is not None:
        return w, always
    if on is not None:
        w[task.INPUTS.index(on)] = 2 * K
        return w, -K
    w[task.INPUTS.index(off)] = -2 * K
    return w, K


def _d2l(units: list[dict[str, tuple[list[float], float]]], recurrent: dict[str, list[float]]) -> dict:
    """Columns per unit → d2l arrays: W_x? (3, h), W_h? (h, h) diagonal from `recurrent`, b_? (h,)."""
    h = len(units)
    out: dict[str, np.ndarray] = {}
    for g in units[0]:
        out[f"W_x{g}"] = np.array([u[g][0] for u in units]).T  # (3, h)
        out[f"b_{g}"] = np.array([u[g][1] for u in units])  # (h,)
        out[f"W_h{g}"] = np.diag(recurrent.get(g, [0.0] * h))  # (h, h)
    return out


def built_weights(kind: str) -> dict[str, np.ndarray]:
    """The hand-built d2l weights of `kind` (see the module doc for why each one is what it is)."""
    value = ([1.0, 0.0, 0.0], 0.0)  # tanh(1·value)
    if kind == "lstm":
        memory = {"i": _gate("marker"), "f": _gate(None, "marker"), "c": value, "o": _gate("query")}
        now = {"i": _gate(None, always=K), "f": _gate(None, always=-K), "c": value, "o": _gate(None, always=K)}
        return _d2l([memory, now], {})
    if kind == "gru":
        memory = {"r": _gate(None, "marker"), "z": _gate(None, "marker"), "h": value}
        now = {"r": _gate(None, always=-K), "z": _gate(None, always=-K), "h": value}
        return _d2l([memory, now], {"h": [1.0, 0.0]})
    if kind == "rnn":
        return _d2l([{"h": value}, {"h": value}], {"h": [RNN_CARRY, 0.0]})
    if kind == "birnn":
        one = _d2l([{"h": value}], {"h": [RNN_CARRY]})
        return {f"{k}_l0": v for k, v in one.items()} | {f"{k}_l0_reverse": v.copy() for k, v in one.items()}
    raise ValueError(f"no built model for {kind!r}")


def new_model(kind: str, hidden: int, seed: int | np.random.Generator) -> Recurrent:
    if kind == "lstm":
        return LSTM(3, hidden, seed=seed)
    if kind == "gru":
        return GRU(3, hidden, reset_after=False, seed=seed)  # d2l's form: R before the product
    if kind == "birnn":
        return BiRNN("rnn", 3, hidden, seed=seed)
    return RNN(3, hidden, seed=seed)


def make(kind: str, *, random: bool = False, hidden: int = 4, seed: int = 0) -> DemoModel:
    """The demo model of `kind`: built (2 units, or 1 per direction) or random (PyTorch's init, `hidden`
    units, weights from the generator ``[seed, 1]``, apart from the inputs' ``[seed, 0]``)."""
    if random:
        model = new_model(kind, hidden, np.random.default_rng([seed, 1]))
        d2l = model.to_d2l()
        units = ["fwd"] * hidden + ["bwd"] * hidden if kind == "birnn" else [""] * hidden
    else:
        d2l = built_weights(kind)
        h = 1 if kind == "birnn" else 2
        model = new_model(kind, h, 0)
        model.from_d2l(d2l)
        units = ["fwd", "bwd"] if kind == "birnn" else ["memory", "now"]
    dm = DemoModel(kind, model, d2l, units, built=not random)
    if kind != "birnn":
        dm.readout = fit_readout(dm.model)
    return dm


def fit_readout(model: Recurrent) -> tuple[np.ndarray, float]:
    """Least-squares W_hq, b_q from H_T to the marked value on the fixed fitting batch."""
    X, v = task.batch(np.random.default_rng(FIT_SEED), FIT_STEPS, FIT_SIZE)
    H, _, _ = model.forward(X)  # (T, B, h)
    A = np.hstack([H[-1], np.ones((FIT_SIZE, 1))])  # (B, h + 1)
    coef, *_ = np.linalg.lstsq(A, v, rcond=None)  # (h + 1,)
    return coef[:-1], float(coef[-1])


def accuracy(dm: DemoModel, seed: int, steps: int = 8, size: int = 1000) -> float:
    """Share of held-out sequences whose answer is within TOLERANCE of the marked value."""
    X, v = task.batch(np.random.default_rng(seed), steps, size)
    H, _, _ = dm.model.forward(X)
    return float(np.mean(np.abs(dm.answer(H[-1]) - v) < TOLERANCE))
