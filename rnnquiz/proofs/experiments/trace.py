"""What ``rnnquiz demo`` shows: one small seeded model stepped through a short sequence.

Returns plain lists (no arrays) so ``render/demo.py`` needs no NumPy. For ``bptt`` the gradient of a
loss on the last step, ``L = ½‖h_T − y‖²``, is carried back one step at a time,
``δ_(t−1) = (δ_t ⊙ (1 − h_t²)) W_hh`` (d2l layout), and its norm recorded at every step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from rnnquiz.models import GRU, LSTM, RNN, BiRNN

KINDS = ("rnn", "birnn", "gru", "lstm", "bptt")


@dataclass
class Quantity:
    key: str  # "I", "F", "C_tilde", …
    role: str  # "gate" (0..1), "squash" (−1..1), "cell" (unbounded), "grad"
    values: list[list[float]]  # [t][unit]


@dataclass
class Trace:
    kind: str
    steps: int
    hidden: int
    seed: int
    inputs: list[list[float]]  # [t][d]
    quantities: list[Quantity] = field(default_factory=list)
    grad_norms: list[float] = field(default_factory=list)  # bptt: ‖∂L/∂h_t‖, t = 1..T
    loss: float | None = None


def trace(kind: str, steps: int = 6, hidden: int = 4, seed: int = 0, d: int = 3) -> Trace:
    if kind not in KINDS:
        raise ValueError(f"unknown demo {kind!r}; known: {', '.join(KINDS)}")
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((steps, 1, d))  # (T, 1, d) one sequence
    tr = Trace(kind, steps, hidden, seed, X[:, 0].round(12).tolist())

    def q(key, role, arr):  # arr (T, 1, h)
        tr.quantities.append(Quantity(key, role, np.asarray(arr)[:, 0].tolist()))

    if kind in ("rnn", "bptt"):
        model = RNN(d, hidden, seed=rng)
        H, _, _ = model.forward(X)
        q("H", "squash", H)
        if kind == "bptt":
            y = rng.uniform(-1, 1, (1, hidden))  # (1, h) target of the last step
            delta = H[-1] - y  # ∂L/∂h_T for L = ½‖h_T − y‖²
            tr.loss = float(0.5 * np.sum(delta ** 2))
            W = model.params["weight_hh_l0"]  # (h, h) = W_hhᵀ
            deltas = np.empty_like(H[:, 0])  # (T, h)
            for t in reversed(range(steps)):
                deltas[t] = delta[0]
                delta = (delta * (1 - H[t] ** 2)) @ W
            q("dH", "grad", deltas[:, None])
            tr.grad_norms = np.linalg.norm(deltas, axis=1).tolist()
    elif kind == "birnn":
        model = BiRNN("rnn", d, hidden, seed=rng)
        H, _, _ = model.forward(X)
        q("H_fwd", "squash", H[:, :, :hidden])
        q("H_bwd", "squash", H[:, :, hidden:])
    elif kind == "gru":
        c = GRU(d, hidden, seed=rng).forward(X)[2]["layers"]["l0"]
        q("R", "gate", c["R"])
        q("Z", "gate", c["Z"])
        q("H_tilde", "squash", c["H_tilde"])
        q("H", "squash", c["H"])
    else:
        c = LSTM(d, hidden, forget_bias=1.0, seed=rng).forward(X)[2]["layers"]["l0"]
        for key, role in (("I", "gate"), ("F", "gate"), ("O", "gate"), ("C_tilde", "squash"), ("C", "cell"),
                          ("H", "squash")):
            q(key, role, c[key])
    return tr
