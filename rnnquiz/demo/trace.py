"""Run a demo model over one sequence and record, per time step, everything a step view shows.

Plain lists and floats only, so the renderer and ``--json`` need no NumPy. Per step:

    values[q][u]   each quantity q (gates, candidate, cell, state) of unit u, e.g. values["I"][0]
    parts[g][u]    the three terms inside gate g's activation: (X_t W_x·, H_{t−1} W_h·, b_·)
    prev[q][u]     the state the step started from (H_{t−1}, C_{t−1}; the BiRNN's ←H_{t+1})
    keep[q][u]     ∂q_t/∂v_p: how much the marked value v_p still moves the state (central differences);
                   the BiRNN records ∂/∂v_T (the last value) and ∂/∂v_1 instead

``bptt`` steps run from t = T back to t = 1 and hold the gradient of the answer y = H_T W_hq + b_q
with respect to each state, carried back by hand, RNN beside LSTM (d2l row layout):

    RNN   ∂y/∂H_{t−1} = (∂y/∂H_t ⊙ (1 − H_t²)) W_hhᵀ
    LSTM  ∂y/∂C_t     = ∂y/∂C_{t+1} ⊙ F_{t+1} + ∂y/∂H_t ⊙ O_t ⊙ (1 − tanh² C_t)
          ∂y/∂H_{t−1} = Σ_g (∂y/∂gate pre-activation at t) W_hgᵀ      (0 for the built LSTM: W_h = 0)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from rnnquiz.demo import built, task

KINDS = ("lstm", "gru", "rnn", "birnn", "bptt")
EPS = 1e-5

# quantity -> role: "gate" in (0, 1), "squash" in (−1, 1), "cell" unbounded
ROLES = {"I": "gate", "F": "gate", "O": "gate", "C_tilde": "squash", "C": "cell", "H": "squash",
         "R": "gate", "Z": "gate", "H_tilde": "squash", "H_fwd": "squash", "H_bwd": "squash"}
QUANTITIES = {"lstm": ("I", "F", "O", "C_tilde", "C", "H"), "gru": ("R", "Z", "H_tilde", "H"), "rnn": ("H",),
              "birnn": ("H_fwd", "H_bwd")}


@dataclass
class Step:
    t: int  # 1-based time step
    x: list[float]  # [value, marker, query]
    values: dict[str, list[float]] = field(default_factory=dict)
    parts: dict[str, list[tuple[float, float, float]]] = field(default_factory=dict)
    prev: dict[str, list[float]] = field(default_factory=dict)
    keep: dict[str, list[float]] = field(default_factory=dict)
    grads: dict[str, Any] = field(default_factory=dict)  # bptt only


@dataclass
class Trace:
    kind: str
    seed: int
    built: bool
    marker: int  # 1-based step of the marker
    inputs: list[list[float]]  # [t][value, marker, query]
    units: list[str]  # role of each unit ("memory", "now", "fwd", "bwd", "")
    quantities: tuple[str, ...]
    steps: list[Step]
    answer: float | None = None  # y = H_T W_hq + b_q
    target: float | None = None  # the marked value
    answers: dict[str, float] = field(default_factory=dict)  # bptt: {"rnn": y, "lstm": y}
    weights: dict[str, list] = field(default_factory=dict)  # d2l weights, for --json
    mode: str = "built"  # "built" | "trained" | "random"
    training: dict[str, Any] = field(default_factory=dict)  # --trained: seconds, cached, path, updates
    accuracy: dict[str, float] = field(default_factory=dict)  # share right on held-out sequences of this length

    @property
    def length(self) -> int:
        return len(self.inputs)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _cache(dm: built.DemoModel, X: np.ndarray) -> dict[str, Any]:
    _, _, cache = dm.model.forward(X)
    return cache["layers"]


def _rows(arr: np.ndarray) -> list[list[float]]:
    """(T, 1, h) → [t][u] floats."""
    return [[float(v) for v in row] for row in np.asarray(arr)[:, 0]]


def _keep(dm: built.DemoModel, X: np.ndarray, t_in: int, keys: dict[str, tuple[str, str]]) -> dict[str, list]:
    """∂(quantity)/∂(value at t_in) for every step, by central differences. keys: name -> (layer, cache key)."""
    Xp, Xm = X.copy(), X.copy()
    Xp[t_in, 0, 0] += EPS
    Xm[t_in, 0, 0] -= EPS
    cp, cm = _cache(dm, Xp), _cache(dm, Xm)
    return {name: _rows((cp[layer][k] - cm[layer][k]) / (2 * EPS)) for name, (layer, k) in keys.items()}


def _parts(W_x: np.ndarray, W_h: np.ndarray, b: np.ndarray, x: np.ndarray, h: np.ndarray) -> list[tuple]:
    """Per unit: (x W_x, h W_h, b) for one step; x (d,), h (h,)."""
    xs, hs = x @ W_x, h @ W_h  # (h,), (h,)
    return [(float(a), float(c), float(bb)) for a, c, bb in zip(xs, hs, b, strict=True)]


HELD_OUT_SEED = 424242  # the sequences the header's accuracy is measured on (never trained or fitted on)


def _model(kind: str, mode: str, hidden: int, seed: int, training: dict[str, Any]) -> built.DemoModel:
    if mode != "trained":
        return built.make(kind, random=mode == "random", hidden=hidden, seed=seed)
    from rnnquiz.demo import trained

    dm, prov = trained.make(kind)
    training[kind] = {"seconds": prov.seconds, "cached": prov.cached, "path": str(prov.path) if prov.path else None,
                      "updates": trained.RECIPE["updates"]}
    return dm


def trace(kind: str, *, steps: int = 8, seed: int = 0, random: bool = False, hidden: int = 4,
          trained: bool = False) -> Trace:
    """The demo of `kind` on the task sequence of `seed`: built weights, trained ones, or random ones with
    `hidden` units."""
    if kind not in KINDS:
        raise ValueError(f"unknown demo {kind!r}; known: {', '.join(KINDS)}")
    if random and trained:
        raise ValueError("random and trained exclude each other")
    mode = "random" if random else "trained" if trained else "built"
    X, p = task.sequence(seed, steps)  # (T, 1, 3)
    if kind == "bptt":
        return _bptt(X, p, seed, mode, hidden)
    training: dict[str, Any] = {}
    dm = _model(kind, mode, hidden, seed, training)
    inputs = [[float(v) for v in row] for row in X[:, 0]]
    weights = {k: np.asarray(v).tolist() for k, v in dm.d2l.items()}
    if kind != "birnn":  # the output layer y = H_T W_hq + b_q, which gives the answer
        weights |= {"W_hq": np.asarray(dm.readout[0]).tolist(), "b_q": float(dm.readout[1])}
    tr = Trace(kind, seed, dm.built, p + 1, inputs, dm.units, QUANTITIES[kind], [],
               weights=weights, mode=mode, training=training)
    if kind != "birnn":
        tr.accuracy = {kind: built.accuracy(dm, HELD_OUT_SEED, steps=steps)}
    layers = _cache(dm, X)
    W = dm.d2l
    T = len(X)
    if kind == "birnn":
        fwd, bwd = layers["l0"], layers["l0_reverse"]
        Hf, Hb = fwd["H"][:, 0], bwd["H"][:, 0]  # (T, h) each, time order
        last = _keep(dm, X, T - 1, {"H_fwd": ("l0", "H"), "H_bwd": ("l0_reverse", "H")})
        first = _keep(dm, X, 0, {"H_fwd": ("l0", "H"), "H_bwd": ("l0_reverse", "H")})
        zero = np.zeros_like(Hf[0])
        for t in range(T):
            hf_prev = Hf[t - 1] if t > 0 else zero
            hb_next = Hb[t + 1] if t + 1 < T else zero
            st = Step(t + 1, inputs[t])
            st.values = {"H_fwd": Hf[t].tolist(), "H_bwd": Hb[t].tolist()}
            st.prev = {"H_fwd": hf_prev.tolist(), "H_bwd": hb_next.tolist()}
            st.parts = {"H_fwd": _parts(W["W_xh_l0"], W["W_hh_l0"], W["b_h_l0"], X[t, 0], hf_prev),
                        "H_bwd": _parts(W["W_xh_l0_reverse"], W["W_hh_l0_reverse"], W["b_h_l0_reverse"],
                                        X[t, 0], hb_next)}
            st.keep = {"last_fwd": last["H_fwd"][t], "last_bwd": last["H_bwd"][t],
                       "first_fwd": first["H_fwd"][t], "first_bwd": first["H_bwd"][t]}
            tr.steps.append(st)
        return tr
    c = layers["l0"]
    H = c["H"][:, 0]  # (T, h)
    zero = np.zeros_like(H[0])
    if kind == "lstm":
        keep = _keep(dm, X, p, {"C": ("l0", "C"), "H": ("l0", "H")})
        C = c["C"][:, 0]
        for t in range(T):
            h_prev, c_prev = (H[t - 1], C[t - 1]) if t > 0 else (zero, zero)
            st = Step(t + 1, inputs[t])
            st.values = {q: [float(v) for v in c[q][t, 0]] for q in QUANTITIES["lstm"]}
            st.prev = {"H": h_prev.tolist(), "C": c_prev.tolist()}
            st.parts = {q: _parts(W[f"W_x{g}"], W[f"W_h{g}"], W[f"b_{g}"], X[t, 0], h_prev)
                        for q, g in (("I", "i"), ("F", "f"), ("O", "o"), ("C_tilde", "c"))}
            st.keep = {"C": keep["C"][t], "H": keep["H"][t]}
            tr.steps.append(st)
    elif kind == "gru":
        keep = _keep(dm, X, p, {"H": ("l0", "H")})
        R = c["R"][:, 0]
        for t in range(T):
            h_prev = H[t - 1] if t > 0 else zero
            st = Step(t + 1, inputs[t])
            st.values = {q: [float(v) for v in c[q][t, 0]] for q in QUANTITIES["gru"]}
            st.prev = {"H": h_prev.tolist()}
            st.parts = {"R": _parts(W["W_xr"], W["W_hr"], W["b_r"], X[t, 0], h_prev),
                        "Z": _parts(W["W_xz"], W["W_hz"], W["b_z"], X[t, 0], h_prev),
                        "H_tilde": _parts(W["W_xh"], W["W_hh"], W["b_h"], X[t, 0], R[t] * h_prev)}
            st.keep = {"H": keep["H"][t]}
            tr.steps.append(st)
    else:
        keep = _keep(dm, X, p, {"H": ("l0", "H")})
        for t in range(T):
            h_prev = H[t - 1] if t > 0 else zero
            st = Step(t + 1, inputs[t])
            st.values = {"H": H[t].tolist()}
            st.prev = {"H": h_prev.tolist()}
            st.parts = {"H": _parts(W["W_xh"], W["W_hh"], W["b_h"], X[t, 0], h_prev)}
            st.keep = {"H": keep["H"][t]}
            tr.steps.append(st)
    tr.answer = float(dm.answer(H[-1:])[0])
    tr.target = float(X[p, 0, 0])
    return tr


def _bptt(X: np.ndarray, p: int, seed: int, mode: str, hidden: int) -> Trace:
    """Steps from t = T back to 1: ∂y/∂H_t of the RNN beside ∂y/∂C_t (and ∂y/∂H_t) of the LSTM."""
    T = len(X)
    training: dict[str, Any] = {}
    rnn = _model("rnn", mode, hidden, seed, training)
    lstm = _model("lstm", mode, hidden, seed, training)
    rc, lc = _cache(rnn, X)["l0"], _cache(lstm, X)["l0"]
    Hr = rc["H"][:, 0]  # (T, h)
    Wr = rnn.d2l["W_hh"]  # (h, h)
    I, F, O, Cc, C, Hl = (lc[q][:, 0] for q in ("I", "F", "O", "C_tilde", "C", "H"))  # noqa: E741  (T, h)
    tC = np.tanh(C)  # (T, h)
    Wl = lstm.d2l
    dHr = np.empty_like(Hr)  # (T, h)  ∂y/∂H_t, RNN
    dHl = np.empty_like(Hl)  # (T, h)  ∂y/∂H_t, LSTM
    dCl = np.empty_like(C)  # (T, h)  ∂y/∂C_t, LSTM (through every path)
    dHr[-1] = rnn.readout[0]
    for t in range(T - 1, 0, -1):
        dHr[t - 1] = (dHr[t] * (1 - Hr[t] ** 2)) @ Wr.T
    dh = lstm.readout[0].copy()  # (h,)
    dc_next = np.zeros_like(dh)  # ∂y/∂C_t through C_{t+1}
    for t in range(T - 1, -1, -1):
        dHl[t] = dh
        dc = dc_next + dh * O[t] * (1 - tC[t] ** 2)  # (h,)
        dCl[t] = dc
        c_prev = C[t - 1] if t > 0 else np.zeros_like(dc)
        pre = {"i": dc * Cc[t] * I[t] * (1 - I[t]), "f": dc * c_prev * F[t] * (1 - F[t]),
               "o": dh * tC[t] * O[t] * (1 - O[t]), "c": dc * I[t] * (1 - Cc[t] ** 2)}
        dh = sum(pre[g] @ Wl[f"W_h{g}"].T for g in "ifoc")  # (h,) ∂y/∂H_{t−1}
        dc_next = dc * F[t]
    inputs = [[float(v) for v in row] for row in X[:, 0]]
    tr = Trace("bptt", seed, mode == "built", p + 1, inputs, rnn.units, ("dH_rnn", "dC_lstm"), [], mode=mode,
               training=training, accuracy={"rnn": built.accuracy(rnn, HELD_OUT_SEED, steps=T),
                                            "lstm": built.accuracy(lstm, HELD_OUT_SEED, steps=T)})
    for t in range(T - 1, -1, -1):
        st = Step(t + 1, inputs[t])
        st.grads = {
            "rnn": {"dH": dHr[t].tolist(), "norm": float(np.linalg.norm(dHr[t])), "H": Hr[t].tolist(),
                    "dH_next": dHr[t + 1].tolist() if t + 1 < T else None,
                    "H_next": Hr[t + 1].tolist() if t + 1 < T else None},
            "lstm": {"dC": dCl[t].tolist(), "dH": dHl[t].tolist(), "norm": float(np.linalg.norm(dCl[t])),
                     "F_next": F[t + 1].tolist() if t + 1 < T else None,
                     "dC_next": dCl[t + 1].tolist() if t + 1 < T else None,
                     "O": O[t].tolist(), "tanhC": tC[t].tolist()},
        }
        tr.steps.append(st)
    tr.weights = {"rnn_W_hh": Wr.tolist(), "rnn_W_hq": rnn.readout[0].tolist(), "rnn_b_q": float(rnn.readout[1]),
                  "lstm_W_hq": lstm.readout[0].tolist(), "lstm_b_q": float(lstm.readout[1])}
    tr.answers = {"rnn": float(rnn.answer(Hr[-1:])[0]), "lstm": float(lstm.answer(Hl[-1:])[0])}
    tr.target = float(X[p, 0, 0])
    return tr
