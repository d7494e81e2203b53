"""What each drill is graded on: its input cases, the reference (the models of rnnquiz/models/), the
known wrong variants with the sentence that names each, and finite differences for the backward drills.

Shapes follow the drill's notation (catalog.py). Every reference calls the models (``RNN``, ``GRU``,
``LSTM``, bidirectional, ``param_count``, ``sigmoid``, ``clip_grad_norm``), loaded with the case's weights
through ``from_d2l`` or ``load_state_dict``; the variants are plain NumPy, one mistake each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from rnnquiz.bank.schema import Text
from rnnquiz.drills import _helpers
from rnnquiz.models import GRU, LSTM, RNN
from rnnquiz.models.functional import sigmoid as model_sigmoid
from rnnquiz.models.gradcheck import numerical_gradient, truncated_loss
from rnnquiz.models.optim import clip_grad_norm as model_clip
from rnnquiz.models.shapes import param_count as model_param_count

Array = np.ndarray


@dataclass(frozen=True)
class Helper:
    """An argument that is one of the grader's functions (``_helpers.py``), handed over by name."""

    name: str


@dataclass
class Case:
    id: str
    test: str  # the test it belongs to: values | edge-T1 | edge-B1 | edge-zero-state | edge-state | tails | …
    args: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)  # what the grader knows but the candidate is not given


@dataclass(frozen=True)
class Variant:
    id: str
    fn: Callable[..., Any]
    sentence: Text
    per_output: bool = False  # also named when only some outputs show the mistake (the rest being right)


@dataclass
class Check:
    outputs: tuple[str, ...]  # names of the results, in order
    structure: str  # single | tuple | dict | clip | int
    cases: Callable[[np.random.Generator], list[Case]]
    reference: Callable[..., Any]
    variants: list[Variant]
    fd: Callable[[Case], dict[str, Array]] | None = None  # finite differences of the reference forward
    alternatives: tuple[Callable[..., Any], ...] = ()  # other right answers (PyTorch's epsilon), graded as the reference
    rtol: float = 1e-8
    atol: float = 1e-8


def _v(vid: str, fn: Callable[..., Any], en: str, zh: str, per_output: bool = False) -> Variant:
    return Variant(vid, fn, Text(en, zh), per_output)


def sig(x: Array) -> Array:
    return model_sigmoid(np.asarray(x, dtype=float))


# ---------------------------------------------------------------------------- the reference models

def _rnn(Wx: Array, Wh: Array, b: Array) -> RNN:
    m = RNN(Wx.shape[0], Wx.shape[1])
    m.from_d2l({"W_xh": Wx, "W_hh": Wh, "b_h": b})
    return m


def _torch_model(cls: type, weight_ih: Array, weight_hh: Array, bias_ih: Array, bias_hh: Array, **kw: Any) -> Any:
    m = cls(weight_ih.shape[1], weight_hh.shape[1], **kw)
    m.load_state_dict({"weight_ih_l0": weight_ih, "weight_hh_l0": weight_hh, "bias_ih_l0": bias_ih,
                       "bias_hh_l0": bias_hh})
    return m


def _rand(rng: np.random.Generator, *shape: int, scale: float = 1.0) -> Array:
    return rng.standard_normal(shape) * scale


# ---------------------------------------------------------------------------- rnn-step-forward

def rnn_step_ref(x: Array, h_prev: Array, Wx: Array, Wh: Array, b: Array) -> Array:
    H, _, _ = _rnn(Wx, Wh, b).forward(x[None], h_prev[None])
    return H[0]


def _step_cases(rng: np.random.Generator, backward: bool = False) -> list[Case]:
    out = []
    for cid, test, B, d, h, zero in (("random-1", "values", 3, 4, 5, False), ("random-2", "values", 2, 3, 6, False),
                                     ("B=1", "edge-B1", 1, 4, 5, False), ("h_prev=0", "edge-zero-state", 3, 4, 5, True)):
        x, Wx = _rand(rng, B, d), _rand(rng, d, h, scale=0.5)
        Wh, b = _rand(rng, h, h, scale=0.5), _rand(rng, h, scale=0.5)
        h_prev = np.zeros((B, h)) if zero else _rand(rng, B, h, scale=0.8)
        if not backward:
            out.append(Case(cid, test, {"x": x, "h_prev": h_prev, "Wx": Wx, "Wh": Wh, "b": b}))
        else:
            hh = rnn_step_ref(x, h_prev, Wx, Wh, b)
            out.append(Case(cid, test, {"dh": _rand(rng, B, h), "x": x, "h_prev": h_prev, "Wx": Wx, "Wh": Wh, "h": hh},
                            {"b": b}))
    return out


STEP_FWD = Check(
    ("h",), "single", _step_cases, rnn_step_ref,
    [
        _v("wh-transposed", lambda x, h_prev, Wx, Wh, b: np.tanh(x @ Wx + h_prev @ Wh.T + b),
           "your h equals the step with W_hh transposed: h_prev @ Wh.T instead of h_prev @ Wh.",
           "你的 h 等于把 W_hh 转置后的结果：写成了 h_prev @ Wh.T，而应是 h_prev @ Wh。"),
        _v("missing-bias", lambda x, h_prev, Wx, Wh, b: np.tanh(x @ Wx + h_prev @ Wh),
           "your h equals the step without the bias b.", "你的 h 等于漏掉偏置 b 的结果。"),
        _v("sigmoid", lambda x, h_prev, Wx, Wh, b: sig(x @ Wx + h_prev @ Wh + b),
           "your h equals the step with σ instead of tanh.", "你的 h 等于用 σ 代替 tanh 的结果。"),
        _v("no-recurrence", lambda x, h_prev, Wx, Wh, b: np.tanh(x @ Wx + b),
           "your h ignores h_prev: tanh(x Wx + b) has no recurrence.", "你的 h 没有用到 h_prev：tanh(x Wx + b) 不再是循环。"),
        _v("no-activation", lambda x, h_prev, Wx, Wh, b: x @ Wx + h_prev @ Wh + b,
           "your h is the pre-activation: tanh was not applied.", "你的 h 是预激活值：没有取 tanh。"),
    ],
)


# ---------------------------------------------------------------------------- rnn-step-backward

def _grads_rnn(m: RNN, g: dict[str, Array]) -> dict[str, Array]:
    return {"dWx": g["weight_ih_l0"].T, "dWh": g["weight_hh_l0"].T, "db": g["bias_ih_l0"]}


def rnn_step_backward_ref(dh: Array, x: Array, h_prev: Array, Wx: Array, Wh: Array, h: Array, *, b: Array) -> dict:
    m = _rnn(Wx, Wh, b)
    _, _, cache = m.forward(x[None], h_prev[None])
    g = m.backward(cache, dh[None])
    return {"dx": g["X"][0], "dh_prev": g["h0"][0], **_grads_rnn(m, g)}


def _step_bwd_variant(kind: str) -> Callable[..., dict]:
    def fn(dh: Array, x: Array, h_prev: Array, Wx: Array, Wh: Array, h: Array) -> dict:
        da = {"dtanh-missing": dh, "dtanh-wrong": dh * (1 - h)}.get(kind, dh * (1 - h * h))
        out = {"dx": da @ Wx.T, "dh_prev": da @ Wh.T, "dWx": x.T @ da, "dWh": h_prev.T @ da, "db": da.sum(0)}
        if kind == "dh-prev-transposed":
            out["dh_prev"] = da @ Wh
        if kind == "dwh-transposed":
            out["dWh"] = da.T @ h_prev
        if kind == "db-mean":
            out["db"] = da.mean(0)
        return out
    return fn


def _fd_step(case: Case) -> dict[str, Array]:
    a = {k: np.array(v, dtype=float) for k, v in case.args.items()}
    b = np.array(case.meta["b"], dtype=float)

    def loss() -> float:
        return float(np.sum(a["dh"] * rnn_step_ref(a["x"], a["h_prev"], a["Wx"], a["Wh"], b)))

    return {"dx": numerical_gradient(loss, a["x"]), "dh_prev": numerical_gradient(loss, a["h_prev"]),
            "dWx": numerical_gradient(loss, a["Wx"]), "dWh": numerical_gradient(loss, a["Wh"]),
            "db": numerical_gradient(loss, b)}


STEP_BWD = Check(
    ("dx", "dh_prev", "dWx", "dWh", "db"), "dict", lambda rng: _step_cases(rng, backward=True), rnn_step_backward_ref,
    [
        _v("dtanh-missing", _step_bwd_variant("dtanh-missing"),
           "your gradients skip tanh': da = dh, without ⊙ (1 − h²).", "你的梯度漏掉了 tanh'：da = dh，没有乘 (1 − h²)。"),
        _v("dtanh-wrong", _step_bwd_variant("dtanh-wrong"),
           "your gradients use 1 − h as tanh'; it is 1 − h².", "你把 tanh' 写成了 1 − h；应为 1 − h²。"),
        _v("dh-prev-transposed", _step_bwd_variant("dh-prev-transposed"),
           "your dh_prev is da @ Wh; with h_prev @ Wh in the forward pass it is da @ Wh.T.",
           "你的 dh_prev 写成了 da @ Wh；前向是 h_prev @ Wh，所以应为 da @ Wh.T。"),
        _v("dwh-transposed", _step_bwd_variant("dwh-transposed"),
           "your dWh is transposed: da.T @ h_prev instead of h_prev.T @ da.", "你的 dWh 转置了：写成 da.T @ h_prev，应为 h_prev.T @ da。"),
        _v("db-mean", _step_bwd_variant("db-mean"),
           "your db averages da over the batch; the gradient of a sum over the batch is the sum.",
           "你的 db 对批量取了平均；损失对批量求和时梯度也应求和。"),
    ],
    fd=_fd_step,
)


# ---------------------------------------------------------------------------- rnn-bptt

def rnn_bptt_ref(dH: Array, X: Array, h0: Array, H: Array, Wx: Array, Wh: Array, *, b: Array) -> dict:
    m = _rnn(Wx, Wh, b)
    _, _, cache = m.forward(X, h0[None])
    g = m.backward(cache, dH)
    return {"dX": g["X"], "dh0": g["h0"][0], **_grads_rnn(m, g)}


def _bptt_cases(rng: np.random.Generator) -> list[Case]:
    out = []
    for cid, test, T, B, d, h, zero in (("random-1", "values", 5, 3, 4, 5, False), ("random-2", "values", 4, 2, 3, 4, False),
                                        ("T=1", "edge-T1", 1, 3, 4, 5, False), ("B=1", "edge-B1", 4, 1, 3, 4, False),
                                        ("h0=0", "edge-zero-state", 4, 2, 3, 4, True)):
        X, Wx = _rand(rng, T, B, d), _rand(rng, d, h, scale=0.5)
        Wh, b = _rand(rng, h, h, scale=0.5), _rand(rng, h, scale=0.5)
        h0 = np.zeros((B, h)) if zero else _rand(rng, B, h, scale=0.8)
        H, _, _ = _rnn(Wx, Wh, b).forward(X, h0[None])
        out.append(Case(cid, test, {"dH": _rand(rng, T, B, h), "X": X, "h0": h0, "H": H, "Wx": Wx, "Wh": Wh}, {"b": b}))
    return out


def _bptt_variant(kind: str) -> Callable[..., dict]:
    def fn(dH: Array, X: Array, h0: Array, H: Array, Wx: Array, Wh: Array) -> dict:
        T = X.shape[0]
        dX, dWx, dWh, db = np.zeros_like(X), np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])
        dh = np.zeros_like(h0)
        if kind == "only-last-loss":
            dH = np.concatenate([np.zeros_like(dH[:-1]), dH[-1:]])
        stop = 0 if kind == "misses-t0" else -1
        for t in range(T - 1, stop, -1):
            dh = dH[t] if kind == "no-carry" else dh + dH[t]
            da = dh if kind == "dtanh-missing" else dh * (1 - H[t] ** 2)
            prev = H[t] if kind == "prev-off-by-one" else (H[t - 1] if t > 0 else h0)
            if kind == "not-accumulated":
                dWx, dWh, db = X[t].T @ da, prev.T @ da, da.sum(0)
            else:
                dWx += X[t].T @ da
                dWh += prev.T @ da
                db += da.sum(0)
            dX[t] = da @ Wx.T
            dh = da @ Wh.T
        return {"dX": dX, "dh0": dh, "dWx": dWx, "dWh": dWh, "db": db}
    return fn


def _fd_bptt(case: Case) -> dict[str, Array]:
    a = {k: np.array(v, dtype=float) for k, v in case.args.items()}
    b = np.array(case.meta["b"], dtype=float)

    def loss() -> float:
        H, _, _ = _rnn(a["Wx"], a["Wh"], b).forward(a["X"], a["h0"][None])
        return float(np.sum(a["dH"] * H))

    return {"dX": numerical_gradient(loss, a["X"]), "dh0": numerical_gradient(loss, a["h0"]),
            "dWx": numerical_gradient(loss, a["Wx"]), "dWh": numerical_gradient(loss, a["Wh"]),
            "db": numerical_gradient(loss, b)}


BPTT = Check(
    ("dX", "dh0", "dWx", "dWh", "db"), "dict", _bptt_cases, rnn_bptt_ref,
    [
        _v("not-accumulated", _bptt_variant("not-accumulated"),
           "your weight gradients (one or more of dWx, dWh, db) are not accumulated over time: overwritten at every step "
           "(=, not +=), only t = 0 is left; they must be summed over time.",
           "你的权重梯度（dWx、dWh、db 中的一个或多个）没有沿时间累加：每一步都被覆盖（用了 = 而不是 +=），只剩 t = 0 的贡献；应对时间求和。",
           per_output=True),
        _v("misses-t0", _bptt_variant("misses-t0"),
           "your backward loop stops before t = 0 (range(T − 1, 0, −1)): an off-by-one that drops the first step.",
           "你的反向循环在 t = 0 之前就停了（range(T − 1, 0, −1)）：差一错误，漏掉了第一步。"),
        _v("prev-off-by-one", _bptt_variant("prev-off-by-one"),
           "your dWh uses H[t] as the previous state; at step t it is H[t − 1] (h0 at t = 0): off by one.",
           "你的 dWh 把 H[t] 当成了上一状态；第 t 步应是 H[t − 1]（t = 0 时为 h0）：差一错误。"),
        _v("no-carry", _bptt_variant("no-carry"),
           "your dh is reset to dH[t] at every step: no gradient flows back through time (dh = dH[t] instead of dh += dH[t]).",
           "你的 dh 每一步都被重置为 dH[t]：梯度没有沿时间反向流动（应为 dh += dH[t]）。"),
        _v("only-last-loss", _bptt_variant("only-last-loss"),
           "your gradients use only the last step's dH[T − 1]: the losses at earlier steps are missing.",
           "你的梯度只用了最后一步的 dH[T − 1]：漏掉了前面各步的损失。"),
        _v("dtanh-missing", _bptt_variant("dtanh-missing"),
           "your BPTT skips tanh': da = dh, without ⊙ (1 − H[t]²).", "你的 BPTT 漏掉了 tanh'：da = dh，没有乘 (1 − H[t]²)。"),
    ],
    fd=_fd_bptt,
)


# ---------------------------------------------------------------------------- GRU, d2l and PyTorch forms

def gru_d2l_ref(x: Array, h_prev: Array, params: dict[str, Array]) -> Array:
    d, h = params["W_xr"].shape
    m = GRU(d, h, reset_after=False)
    m.from_d2l(params)
    H, _, _ = m.forward(x[None], h_prev[None])
    return H[0]


def _gru_d2l_cases(rng: np.random.Generator) -> list[Case]:
    out = []
    for cid, test, B, d, h, zero in (("random-1", "values", 3, 4, 5, False), ("random-2", "values", 2, 3, 4, False),
                                     ("B=1", "edge-B1", 1, 4, 5, False), ("h_prev=0", "edge-zero-state", 3, 4, 5, True)):
        params = {}
        for g in "rzh":
            params[f"W_x{g}"], params[f"W_h{g}"], params[f"b_{g}"] = (_rand(rng, d, h, scale=0.6), _rand(rng, h, h, scale=0.6),
                                                                     _rand(rng, h, scale=0.5))
        h_prev = np.zeros((B, h)) if zero else _rand(rng, B, h, scale=0.8)
        out.append(Case(cid, test, {"x": _rand(rng, B, d), "h_prev": h_prev, "params": params}))
    return out


def _gru_d2l_variant(kind: str) -> Callable[..., Array]:
    def fn(x: Array, h_prev: Array, params: dict[str, Array]) -> Array:
        p = params
        gate, cand = (np.tanh, sig) if kind == "sigmoid-tanh-swapped" else (sig, np.tanh)
        R = gate(x @ p["W_xr"] + h_prev @ p["W_hr"] + p["b_r"])
        Z = gate(x @ p["W_xz"] + h_prev @ p["W_hz"] + p["b_z"])
        if kind == "gates-swapped":
            R, Z = Z, R
        if kind == "reset-after":
            Ht = cand(x @ p["W_xh"] + R * (h_prev @ p["W_hh"]) + p["b_h"])
        elif kind == "no-reset":
            Ht = cand(x @ p["W_xh"] + h_prev @ p["W_hh"] + p["b_h"])
        else:
            Ht = cand(x @ p["W_xh"] + (R * h_prev) @ p["W_hh"] + p["b_h"])
        if kind == "update-reversed":
            return (1 - Z) * h_prev + Z * Ht
        return Z * h_prev + (1 - Z) * Ht
    return fn


GRU_D2L = Check(
    ("h",), "single", _gru_d2l_cases, gru_d2l_ref,
    [
        _v("update-reversed", _gru_d2l_variant("update-reversed"),
           "your h is the GRU update the other way round: (1 − Z) ⊙ h_prev + Z ⊙ H̃; in d2l Z keeps the old state.",
           "你的 h 把更新方向写反了：(1 − Z) ⊙ h_prev + Z ⊙ H̃；d2l 中 Z 保留的是旧状态。"),
        _v("reset-after", _gru_d2l_variant("reset-after"),
           "your candidate applies the reset after the product, R ⊙ (h_prev W_hh) (PyTorch's form); d2l resets before: (R ⊙ h_prev) W_hh.",
           "你的候选状态在乘法之后才重置：R ⊙ (h_prev W_hh)（PyTorch 形式）；d2l 是先重置：(R ⊙ h_prev) W_hh。"),
        _v("gates-swapped", _gru_d2l_variant("gates-swapped"),
           "your h exchanges the gates: Z resets and R updates.", "你的 h 把两个门用反了：Z 用于重置，R 用于更新。"),
        _v("no-reset", _gru_d2l_variant("no-reset"),
           "your candidate ignores the reset gate: H̃ = tanh(x W_xh + h_prev W_hh + b_h).",
           "你的候选状态没有用重置门：H̃ = tanh(x W_xh + h_prev W_hh + b_h)。"),
        _v("sigmoid-tanh-swapped", _gru_d2l_variant("sigmoid-tanh-swapped"),
           "your h exchanges σ and tanh: tanh gates and a σ candidate.", "你的 h 把 σ 和 tanh 用反了：门用了 tanh，候选用了 σ。"),
    ],
)


def gru_torch_ref(x: Array, h_prev: Array, weight_ih: Array, weight_hh: Array, bias_ih: Array, bias_hh: Array) -> Array:
    m = _torch_model(GRU, weight_ih, weight_hh, bias_ih, bias_hh, reset_after=True)
    H, _, _ = m.forward(x[None], h_prev[None])
    return H[0]


def _torch_cases(rng: np.random.Generator, G: int, cell_state: bool = False, backward: bool = False) -> list[Case]:
    out = []
    for cid, test, B, d, h, zero in (("random-1", "values", 3, 4, 5, False), ("random-2", "values", 2, 3, 4, False),
                                     ("B=1", "edge-B1", 1, 4, 5, False), ("state=0", "edge-zero-state", 3, 4, 5, True)):
        args: dict[str, Any] = {}
        if backward:
            args["dh"], args["dc"] = _rand(rng, B, h), _rand(rng, B, h)
        args["x"] = _rand(rng, B, d)
        args["h_prev"] = np.zeros((B, h)) if zero else _rand(rng, B, h, scale=0.8)
        if cell_state:
            args["c_prev"] = np.zeros((B, h)) if zero else _rand(rng, B, h)
        args["weight_ih"], args["weight_hh"] = _rand(rng, G * h, d, scale=0.6), _rand(rng, G * h, h, scale=0.6)
        args["bias_ih"], args["bias_hh"] = _rand(rng, G * h, scale=0.5), _rand(rng, G * h, scale=0.5)
        out.append(Case(cid, test, args))
    return out


def _gru_torch_variant(kind: str) -> Callable[..., Array]:
    def fn(x: Array, h_prev: Array, weight_ih: Array, weight_hh: Array, bias_ih: Array, bias_hh: Array) -> Array:
        h = h_prev.shape[1]
        gi, gh = x @ weight_ih.T + bias_ih, h_prev @ weight_hh.T + bias_hh
        ri, zi, ni = gi[:, :h], gi[:, h:2 * h], gi[:, 2 * h:]
        rh, zh, nh = gh[:, :h], gh[:, h:2 * h], gh[:, 2 * h:]
        if kind == "order-zr":
            ri, zi, rh, zh = zi, ri, zh, rh
        r, z = sig(ri + rh), sig(zi + zh)
        if kind == "reset-before":
            n = np.tanh(ni + (r * h_prev) @ weight_hh[2 * h:].T + bias_hh[2 * h:])
        elif kind == "bhn-outside":
            n = np.tanh(ni + r * (h_prev @ weight_hh[2 * h:].T) + bias_hh[2 * h:])
        elif kind == "no-reset":
            n = np.tanh(ni + nh)
        else:
            n = np.tanh(ni + r * nh)
        if kind == "update-reversed":
            return z * n + (1 - z) * h_prev
        return (1 - z) * n + z * h_prev
    return fn


GRU_TORCH = Check(
    ("h",), "single", lambda rng: _torch_cases(rng, 3), gru_torch_ref,
    [
        _v("reset-before", _gru_torch_variant("reset-before"),
           "your candidate resets before the product, (r ⊙ h_prev) W_hnᵀ (the d2l form); PyTorch resets after: r ⊙ (h_prev W_hnᵀ + b_hn).",
           "你的候选在乘法之前重置：(r ⊙ h_prev) W_hnᵀ（d2l 形式）；PyTorch 是乘法之后重置：r ⊙ (h_prev W_hnᵀ + b_hn)。"),
        _v("bhn-outside", _gru_torch_variant("bhn-outside"),
           "your candidate leaves b_hn outside the reset: r ⊙ (h_prev W_hnᵀ) + b_hn; PyTorch resets the bias too.",
           "你的候选把 b_hn 放在了重置之外：r ⊙ (h_prev W_hnᵀ) + b_hn；PyTorch 中偏置也被重置门相乘。"),
        _v("update-reversed", _gru_torch_variant("update-reversed"),
           "your h' is the update the other way round: z ⊙ n + (1 − z) ⊙ h_prev; in PyTorch z keeps the old state.",
           "你的 h' 把更新方向写反了：z ⊙ n + (1 − z) ⊙ h_prev；PyTorch 中 z 保留旧状态。"),
        _v("order-zr", _gru_torch_variant("order-zr"),
           "your blocks are read in the order z, r, n; PyTorch stacks r, z, n.", "你按 z、r、n 的顺序读取了块；PyTorch 的顺序是 r、z、n。"),
        _v("no-reset", _gru_torch_variant("no-reset"),
           "your candidate ignores the reset gate: n = tanh(gi_n + gh_n).", "你的候选没有用重置门：n = tanh(gi_n + gh_n)。"),
    ],
)


# ---------------------------------------------------------------------------- LSTM cell

def _lstm(args: dict[str, Array]) -> LSTM:
    return _torch_model(LSTM, args["weight_ih"], args["weight_hh"], args["bias_ih"], args["bias_hh"])


def lstm_forward_ref(x: Array, h_prev: Array, c_prev: Array, weight_ih: Array, weight_hh: Array, bias_ih: Array,
                     bias_hh: Array) -> tuple[Array, Array]:
    m = _lstm({"weight_ih": weight_ih, "weight_hh": weight_hh, "bias_ih": bias_ih, "bias_hh": bias_hh})
    _, (hn, cn), _ = m.forward(x[None], (h_prev[None], c_prev[None]))
    return hn[0], cn[0]


def _lstm_variant(kind: str) -> Callable[..., tuple[Array, Array]]:
    def fn(x: Array, h_prev: Array, c_prev: Array, weight_ih: Array, weight_hh: Array, bias_ih: Array,
           bias_hh: Array) -> tuple[Array, Array]:
        h = h_prev.shape[1]
        a = x @ weight_ih.T + h_prev @ weight_hh.T + bias_ih + (0 if kind == "one-bias" else bias_hh)
        ai, af, ag, ao = (a[:, k * h:(k + 1) * h] for k in range(4))
        if kind == "order-ifog":
            ag, ao = ao, ag
        if kind == "if-swapped":
            ai, af = af, ai
        gate, cand = (np.tanh, sig) if kind == "sigmoid-tanh-swapped" else (sig, np.tanh)
        i, f, g, o = gate(ai), gate(af), cand(ag), gate(ao)
        c = (c_prev if kind == "no-forget" else f * c_prev) + i * g
        hh = o * c if kind == "h-without-tanh" else (o * np.tanh(c_prev) if kind == "h-from-cprev" else o * np.tanh(c))
        return (c, hh) if kind == "h-c-swapped" else (hh, c)
    return fn


LSTM_FWD = Check(
    ("h", "c"), "tuple", lambda rng: _torch_cases(rng, 4, cell_state=True), lstm_forward_ref,
    [
        _v("h-without-tanh", _lstm_variant("h-without-tanh"),
           "your H_t equals an LSTM without tanh on the cell: h = o ⊙ c (the output gate must act on tanh(c)).",
           "你的 H_t 等于记忆细胞上没有 tanh 的 LSTM：h = o ⊙ c（输出门应作用于 tanh(c)）。"),
        _v("order-ifog", _lstm_variant("order-ifog"),
           "your gates are read in the order i, f, o, g (CS231n's); PyTorch stacks i, f, g, o.",
           "你按 i、f、o、g 的顺序读取了门（CS231n 的顺序）；PyTorch 的顺序是 i、f、g、o。"),
        _v("if-swapped", _lstm_variant("if-swapped"),
           "your input and forget gates are exchanged: the first block is i, the second f.",
           "你把输入门和遗忘门用反了：第一块是 i，第二块是 f。"),
        _v("sigmoid-tanh-swapped", _lstm_variant("sigmoid-tanh-swapped"),
           "your cell exchanges σ and tanh: tanh gates and a σ candidate.", "你的单元把 σ 和 tanh 用反了：门用了 tanh，候选用了 σ。"),
        _v("no-forget", _lstm_variant("no-forget"),
           "your c does not apply the forget gate: c = c_prev + i ⊙ g instead of f ⊙ c_prev + i ⊙ g.",
           "你的 c 没有用遗忘门：写成了 c = c_prev + i ⊙ g，应为 f ⊙ c_prev + i ⊙ g。"),
        _v("h-from-cprev", _lstm_variant("h-from-cprev"),
           "your h uses the old cell: o ⊙ tanh(c_prev) instead of o ⊙ tanh(c).", "你的 h 用了旧的记忆细胞：o ⊙ tanh(c_prev)，应为 o ⊙ tanh(c)。"),
        _v("one-bias", _lstm_variant("one-bias"),
           "your pre-activations miss bias_hh: PyTorch adds both bias_ih and bias_hh.", "你的预激活漏掉了 bias_hh：PyTorch 同时加 bias_ih 和 bias_hh。"),
        _v("h-c-swapped", _lstm_variant("h-c-swapped"),
           "your h and c are right but returned as (c, h): the drill returns (h, c).",
           "你的 h 和 c 都对，但返回成了 (c, h)：本练习应返回 (h, c)。"),
    ],
)


def lstm_backward_ref(dh: Array, dc: Array, x: Array, h_prev: Array, c_prev: Array, weight_ih: Array,
                      weight_hh: Array, bias_ih: Array, bias_hh: Array) -> dict:
    m = _lstm({"weight_ih": weight_ih, "weight_hh": weight_hh, "bias_ih": bias_ih, "bias_hh": bias_hh})
    _, _, cache = m.forward(x[None], (h_prev[None], c_prev[None]))
    g = m.backward(cache, dh[None], (np.zeros_like(dh)[None], dc[None]))
    return {"dx": g["X"][0], "dh_prev": g["h0"][0], "dc_prev": g["c0"][0], "dW_ih": g["weight_ih_l0"],
            "dW_hh": g["weight_hh_l0"], "db": g["bias_ih_l0"]}


def _lstm_bwd_variant(kind: str) -> Callable[..., dict]:
    def fn(dh: Array, dc: Array, x: Array, h_prev: Array, c_prev: Array, weight_ih: Array, weight_hh: Array,
           bias_ih: Array, bias_hh: Array) -> dict:
        h = h_prev.shape[1]
        a = x @ weight_ih.T + h_prev @ weight_hh.T + bias_ih + bias_hh
        i, f, g, o = sig(a[:, :h]), sig(a[:, h:2 * h]), np.tanh(a[:, 2 * h:3 * h]), sig(a[:, 3 * h:])
        c = f * c_prev + i * g
        tc = np.tanh(c)
        if kind == "no-dh-into-c":
            dct = dc
        elif kind == "dtanh-c-missing":
            dct = dc + dh * o
        else:
            dct = dc + dh * o * (1 - tc * tc)

        def dsig(s: Array) -> Array:
            return sig(s) * (1 - sig(s)) if kind == "dsigmoid-of-output" else s * (1 - s)

        di, df, dg, do = dct * g * dsig(i), dct * c_prev * dsig(f), dct * i * (1 - g * g), dh * tc * dsig(o)
        blocks = [di, df, do, dg] if kind == "order-ifog" else [di, df, dg, do]
        da = np.concatenate(blocks, axis=1)  # (B, 4h)
        out = {"dx": da @ weight_ih, "dh_prev": da @ weight_hh, "dc_prev": dct if kind == "dc-prev-no-forget" else dct * f,
               "dW_ih": da.T @ x, "dW_hh": da.T @ h_prev, "db": da.sum(0)}
        if kind == "dw-transposed":
            out["dW_ih"], out["dW_hh"] = x.T @ da, h_prev.T @ da
        return out
    return fn


def _fd_lstm(case: Case) -> dict[str, Array]:
    a = {k: np.array(v, dtype=float) for k, v in case.args.items()}

    def loss() -> float:
        hh, cc = lstm_forward_ref(a["x"], a["h_prev"], a["c_prev"], a["weight_ih"], a["weight_hh"], a["bias_ih"], a["bias_hh"])
        return float(np.sum(a["dh"] * hh) + np.sum(a["dc"] * cc))

    return {"dx": numerical_gradient(loss, a["x"]), "dh_prev": numerical_gradient(loss, a["h_prev"]),
            "dc_prev": numerical_gradient(loss, a["c_prev"]), "dW_ih": numerical_gradient(loss, a["weight_ih"]),
            "dW_hh": numerical_gradient(loss, a["weight_hh"]), "db": numerical_gradient(loss, a["bias_ih"])}


LSTM_BWD = Check(
    ("dx", "dh_prev", "dc_prev", "dW_ih", "dW_hh", "db"), "dict",
    lambda rng: _torch_cases(rng, 4, cell_state=True, backward=True), lstm_backward_ref,
    [
        _v("no-dh-into-c", _lstm_bwd_variant("no-dh-into-c"),
           "your cell gradient misses the path through h: dc_t must be dc + dh ⊙ o ⊙ (1 − tanh²(c)).",
           "你的记忆细胞梯度漏掉了经过 h 的通路：dc_t 应为 dc + dh ⊙ o ⊙ (1 − tanh²(c))。"),
        _v("dtanh-c-missing", _lstm_bwd_variant("dtanh-c-missing"),
           "your cell gradient skips tanh' on the cell: dh ⊙ o instead of dh ⊙ o ⊙ (1 − tanh²(c)).",
           "你的记忆细胞梯度漏掉了 tanh'：写成 dh ⊙ o，应为 dh ⊙ o ⊙ (1 − tanh²(c))。"),
        _v("dc-prev-no-forget", _lstm_bwd_variant("dc-prev-no-forget"),
           "your dc_prev does not apply the forget gate: it is dc_t ⊙ f.", "你的 dc_prev 没有乘遗忘门：应为 dc_t ⊙ f。"),
        _v("order-ifog", _lstm_bwd_variant("order-ifog"),
           "your gate gradients are stacked i, f, o, g; PyTorch's blocks are i, f, g, o.",
           "你的门梯度按 i、f、o、g 拼接；PyTorch 的块顺序是 i、f、g、o。"),
        _v("dsigmoid-of-output", _lstm_bwd_variant("dsigmoid-of-output"),
           "your σ' is applied to the gate's output again: σ'(a) = s(1 − s) with s = σ(a) already computed, not σ(s)(1 − σ(s)).",
           "你对门的输出又求了一次 σ'：σ'(a) = s(1 − s)，其中 s = σ(a) 已经算好，而不是 σ(s)(1 − σ(s))。"),
        _v("dw-transposed", _lstm_bwd_variant("dw-transposed"),
           "your dW_ih and dW_hh are transposed (d2l's (d, 4h)); PyTorch's weight_ih is (4h, d): dW_ih = daᵀ x.",
           "你的 dW_ih、dW_hh 转置了（d2l 的 (d, 4h)）；PyTorch 的 weight_ih 是 (4h, d)：dW_ih = daᵀ x。"),
    ],
    fd=_fd_lstm,
)


# ---------------------------------------------------------------------------- clipping by global norm

def clip_ref(grads: dict[str, Array], max_norm: float) -> tuple[dict[str, Array], float]:
    copies = {k: np.array(v, dtype=float) for k, v in grads.items()}
    norm = model_clip(copies, max_norm)
    return copies, norm


def _clip_cases(rng: np.random.Generator) -> list[Case]:
    def grads(scale: float) -> dict[str, Array]:
        return {"W_xh": _rand(rng, 4, 5, scale=scale), "W_hh": _rand(rng, 5, 5, scale=scale), "b_h": _rand(rng, 5, scale=scale)}

    return [Case("random-1", "values", {"grads": grads(3.0), "max_norm": 1.0}),
            Case("random-2", "values", {"grads": grads(10.0), "max_norm": float(rng.uniform(2, 5))}),
            Case("below", "below", {"grads": grads(0.05), "max_norm": 5.0}),
            Case("one-array", "edge-one", {"grads": {"W": _rand(rng, 3, 3, scale=4.0)}, "max_norm": 0.5}),
            Case("zeros", "edge-zero-grads", {"grads": {k: np.zeros_like(v) for k, v in grads(1.0).items()},
                                              "max_norm": 1.0})]


def clip_torch_eps(grads: dict[str, Array], max_norm: float) -> tuple[dict[str, Array], float]:
    """torch.nn.utils.clip_grad_norm_: coef = max_norm / (total + 1e-6), clamped to 1. A right answer: it
    differs from the exact scale by a relative 1e-6 / total, more than the check's 1e-8, so it is accepted
    as a form of its own rather than by loosening the tolerance for everyone."""
    g = {k: np.array(v, dtype=float) for k, v in grads.items()}
    total = float(np.sqrt(sum(np.sum(v * v) for v in g.values())))
    coef = min(max_norm / (total + 1e-6), 1.0)
    return {k: v * coef for k, v in g.items()}, total


CLIP_UNGUARDED = Text(
    "your clipping divides by the norm unguarded (max_norm / total): all-zero gradients give a division by zero "
    "(or nan); compute the scale only when total > max_norm, or add an epsilon as PyTorch does.",
    "你的裁剪直接除以范数（max_norm / total）而没有保护：梯度全为零时会除以零（或得到 nan）；"
    "只在 total > max_norm 时计算缩放因子，或像 PyTorch 那样加一个 epsilon。")


def _clip_variant(kind: str) -> Callable[..., tuple[dict, float]]:
    def fn(grads: dict[str, Array], max_norm: float) -> tuple[dict, float]:
        g = {k: np.array(v, dtype=float) for k, v in grads.items()}
        norm = float(np.sqrt(sum(np.sum(v * v) for v in g.values())))
        if kind == "per-element":
            return {k: np.clip(v, -max_norm, max_norm) for k, v in g.items()}, norm
        if kind == "per-array":
            return {k: v * min(1.0, max_norm / np.linalg.norm(v)) for k, v in g.items()}, norm
        if kind == "squared":
            sq = norm * norm
            return ({k: v * (max_norm / sq) for k, v in g.items()} if sq > max_norm else g), sq
        scale = max_norm / norm if (kind == "always-scale" or norm > max_norm) else 1.0
        out = {k: v * scale for k, v in g.items()}
        return out, (float(np.sqrt(sum(np.sum(v * v) for v in out.values()))) if kind == "norm-after" else norm)
    return fn


CLIP = Check(
    ("grads", "norm"), "clip", _clip_cases, clip_ref,
    [
        _v("per-element", _clip_variant("per-element"),
           "your grads are clipped per element (np.clip to ±max_norm), which changes their direction; clipping by global norm rescales them all by one factor.",
           "你的梯度是逐元素截断的（np.clip 到 ±max_norm），这会改变方向；按全局范数裁剪是用同一个因子整体缩放。"),
        _v("per-array", _clip_variant("per-array"),
           "your grads are clipped array by array, each by its own norm; the norm is global, over all arrays together.",
           "你对每个数组分别按其自身范数裁剪；应使用所有数组合在一起的全局范数。"),
        _v("norm-after", _clip_variant("norm-after"),
           "your norm is measured after clipping; return the norm before clipping (what a training log plots).",
           "你返回的是裁剪后的范数；应返回裁剪前的范数（训练日志画的就是它）。"),
        _v("always-scale", _clip_variant("always-scale"),
           "your grads are rescaled to max_norm even when their norm is below it; below the threshold nothing changes.",
           "范数低于阈值时你也把梯度缩放到了 max_norm；低于阈值时应保持不变。"),
        _v("squared", _clip_variant("squared"),
           "your norm is the sum of squares without the square root.", "你的范数是平方和，漏掉了开平方。"),
    ],
    alternatives=(clip_torch_eps,),
)


# ---------------------------------------------------------------------------- truncated BPTT

def tbptt_ref(X: Array, h0: Array, Wx: Array, Wh: Array, b: Array, dH: Array, k: int, forward: Any = None,
              backward: Any = None) -> dict:
    m = _rnn(Wx, Wh, b)
    _, hT, cache = m.forward(X, h0[None])
    g = m.backward(cache, dH, k=int(k))
    return {"dX": g["X"], "dh0": g["h0"][0], **_grads_rnn(m, g), "h_T": hT[0]}


def _tbptt_cases(rng: np.random.Generator) -> list[Case]:
    out = []
    for cid, test, T, B, d, h, k, zero in (("random-1", "values", 7, 2, 3, 4, 3, False), ("random-2", "values", 8, 3, 2, 3, 2, False),
                                           ("k>=T", "edge-full", 4, 2, 3, 4, 5, False), ("T=1", "edge-T1", 1, 2, 3, 4, 2, False),
                                           ("k=1", "edge-k1", 5, 2, 3, 4, 1, True)):
        args = {"X": _rand(rng, T, B, d), "h0": np.zeros((B, h)) if zero else _rand(rng, B, h, scale=0.8),
                "Wx": _rand(rng, d, h, scale=0.5), "Wh": _rand(rng, h, h, scale=0.5), "b": _rand(rng, h, scale=0.5),
                "dH": _rand(rng, T, B, h), "k": k, "forward": Helper("rnn_forward"), "backward": Helper("rnn_backward")}
        out.append(Case(cid, test, args))
    return out


def _tbptt_variant(kind: str) -> Callable[..., dict]:
    def fn(X: Array, h0: Array, Wx: Array, Wh: Array, b: Array, dH: Array, k: int, forward: Any = None,
           backward: Any = None) -> dict:
        T = X.shape[0]
        if kind == "full-bptt":
            H = _helpers.rnn_forward(X, h0, Wx, Wh, b)
            return {**_helpers.rnn_backward(dH, X, h0, H, Wx, Wh), "h_T": H[-1]}
        step = k + 1 if kind == "chunk-k-plus-1" else k
        dX, dWx, dWh, db, dh0 = np.zeros_like(X), np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0]), None
        h = h0
        for start in range(0, T, step):
            Xc = X[start:start + step]
            hs = h0 if kind == "not-carried" else h
            Hc = _helpers.rnn_forward(Xc, h0 if kind == "not-carried-forward" else hs, Wx, Wh, b)
            g = _helpers.rnn_backward(dH[start:start + step], Xc, hs, Hc, Wx, Wh)
            if kind == "not-accumulated":
                dWx, dWh, db = g["dWx"], g["dWh"], g["db"]
            else:
                dWx, dWh, db = dWx + g["dWx"], dWh + g["dWh"], db + g["db"]
            dX[start:start + step] = g["dX"]
            if dh0 is None or kind == "dh0-last-chunk":
                dh0 = g["dh0"]
            h = Hc[-1]
        return {"dX": dX, "dh0": dh0, "dWx": dWx, "dWh": dWh, "db": db, "h_T": h}
    return fn


def _fd_tbptt(case: Case) -> dict[str, Array]:
    """Finite differences of the *truncated* loss: Σ dH ⊙ H over chunks of k steps, each chunk starting
    from a constant state (gradcheck.truncated_loss), so that no gradient crosses a chunk boundary."""
    a = {k: np.array(v, dtype=float) for k, v in case.args.items() if not isinstance(v, Helper | int)}
    k = int(case.args["k"])
    m = _rnn(a["Wx"], a["Wh"], a["b"])
    X, h0, dH = a["X"], a["h0"][None], a["dH"]
    T = X.shape[0]
    boundaries, state = [], h0
    for start in range(0, T, k):
        _, state, _ = m.forward(X[start:start + k], state)
        boundaries.append(state.copy())
    zero = [np.zeros_like(h0)]

    def loss() -> float:
        return truncated_loss(m, X, h0, dH, zero, k, boundaries)

    return {"dX": numerical_gradient(loss, X), "dh0": numerical_gradient(loss, h0)[0],
            "dWx": numerical_gradient(loss, m.params["weight_ih_l0"]).T,
            "dWh": numerical_gradient(loss, m.params["weight_hh_l0"]).T,
            "db": numerical_gradient(loss, m.params["bias_ih_l0"])}


TBPTT = Check(
    ("dX", "dh0", "dWx", "dWh", "db", "h_T"), "dict", _tbptt_cases, tbptt_ref,
    [
        _v("full-bptt", _tbptt_variant("full-bptt"),
           "your gradients are those of full BPTT: nothing was detached, so gradient flows across the chunk boundaries.",
           "你的梯度是完整 BPTT 的结果：没有截断（detach），梯度跨过了块的边界。"),
        _v("not-carried", _tbptt_variant("not-carried"),
           "your chunks all start from h0: the state must be carried from one chunk to the next (detached, not reset).",
           "你的每一块都从 h0 开始：状态应从上一块传到下一块（截断梯度，而不是重置状态）。"),
        _v("not-carried-forward", _tbptt_variant("not-carried-forward"),
           "your forward pass restarts every chunk from h0 (forward(Xc, h0, …)) while the backward is given the carried "
           "state: the state must be carried from one chunk to the next, in both.",
           "你的前向在每一块都从 h0 重新开始（forward(Xc, h0, …)），而反向用的是传下来的状态：状态应从上一块传到下一块，前向和反向都一样。"),
        _v("not-accumulated", _tbptt_variant("not-accumulated"),
           "your weight gradients (one or more of dWx, dWh, db) are the last chunk's only: add every chunk's.",
           "你的权重梯度（dWx、dWh、db 中的一个或多个）只有最后一块的：应把每一块的相加。", per_output=True),
        _v("dh0-last-chunk", _tbptt_variant("dh0-last-chunk"),
           "your dh0 comes from the last chunk; h0 only enters the first chunk.", "你的 dh0 取自最后一块；h0 只进入第一块。"),
        _v("chunk-k-plus-1", _tbptt_variant("chunk-k-plus-1"),
           "your chunks are k + 1 steps long: an off-by-one in the chunk loop (X[start:start + k] has k steps).",
           "你的块长是 k + 1：分块循环差一（X[start:start + k] 正好 k 步）。"),
    ],
    fd=_fd_tbptt,
)


# ---------------------------------------------------------------------------- bidirectional layer

def birnn_ref(X: Array, h0_f: Array, h0_b: Array, params_f: dict, params_b: dict, run: Any = None) -> Array:
    d, h = params_f["Wx"].shape
    m = RNN(d, h, bidirectional=True)
    m.from_d2l({"W_xh_l0": params_f["Wx"], "W_hh_l0": params_f["Wh"], "b_h_l0": params_f["b"],
                "W_xh_l0_reverse": params_b["Wx"], "W_hh_l0_reverse": params_b["Wh"], "b_h_l0_reverse": params_b["b"]})
    Y, _, _ = m.forward(X, np.stack([h0_f, h0_b]))
    return Y


def _birnn_cases(rng: np.random.Generator) -> list[Case]:
    out = []
    for cid, test, T, B, d, h, zero in (("random-1", "values", 5, 3, 4, 5, False), ("random-2", "values", 4, 2, 3, 3, False),
                                        ("T=1", "edge-T1", 1, 3, 4, 5, False), ("B=1", "edge-B1", 4, 1, 3, 4, False),
                                        ("h0=0", "edge-zero-state", 4, 2, 3, 4, True)):
        def params(d: int = d, h: int = h) -> dict[str, Array]:
            return {"Wx": _rand(rng, d, h, scale=0.5), "Wh": _rand(rng, h, h, scale=0.5), "b": _rand(rng, h, scale=0.5)}

        args = {"X": _rand(rng, T, B, d),
                "h0_f": np.zeros((B, h)) if zero else _rand(rng, B, h, scale=0.8),
                "h0_b": np.zeros((B, h)) if zero else _rand(rng, B, h, scale=0.8),
                "params_f": params(), "params_b": params(), "run": Helper("rnn_forward")}
        out.append(Case(cid, test, args))
    return out


def _birnn_variant(kind: str) -> Callable[..., Array]:
    def fn(X: Array, h0_f: Array, h0_b: Array, params_f: dict, params_b: dict, run: Any = None) -> Array:
        pf, pb = params_f, (params_f if kind == "shared-params" else params_b)
        hf, hb = (h0_b, h0_f) if kind == "h0-swapped" else (h0_f, h0_b)
        Hf = _helpers.rnn_forward(X, hf, pf["Wx"], pf["Wh"], pf["b"])
        Xb = X if kind == "not-reversed" else X[::-1]
        Hb = _helpers.rnn_forward(Xb, hb, pb["Wx"], pb["Wh"], pb["b"])
        if kind not in ("not-flipped-back", "not-reversed"):
            Hb = Hb[::-1]
        return np.concatenate([Hb, Hf] if kind == "order-swapped" else [Hf, Hb], axis=-1)
    return fn


BIRNN = Check(
    ("Y",), "single", _birnn_cases, birnn_ref,
    [
        _v("not-flipped-back", _birnn_variant("not-flipped-back"),
           "your backward outputs are not flipped back: row t holds ←H of time T − 1 − t.",
           "你的反向输出没有翻回：第 t 行存放的是时间 T − 1 − t 的 ←H。"),
        _v("not-reversed", _birnn_variant("not-reversed"),
           "your backward direction reads X in forward order: it must run over X[::-1].",
           "你的反向方向按正向顺序读取 X：应在 X[::-1] 上运行。"),
        _v("order-swapped", _birnn_variant("order-swapped"),
           "your concatenation is [←H, →H]; the convention (PyTorch, d2l) is forward first: [→H, ←H].",
           "你拼接成了 [←H, →H]；约定（PyTorch、d2l）是正向在前：[→H, ←H]。"),
        _v("shared-params", _birnn_variant("shared-params"),
           "your backward direction uses params_f; each direction has its own parameters.",
           "你的反向方向用了 params_f；每个方向都有自己的参数。"),
        _v("h0-swapped", _birnn_variant("h0-swapped"),
           "your initial states are exchanged: h0_f starts the forward direction, h0_b the backward one.",
           "你把初始状态用反了：h0_f 属于正向，h0_b 属于反向。"),
    ],
)


# ---------------------------------------------------------------------------- parameter count

GATES = {"rnn": 1, "gru": 3, "lstm": 4}


def param_count_ref(cell: str, input_size: int, hidden_size: int, num_layers: int, bidirectional: bool) -> int:
    return model_param_count(cell, input_size, hidden_size, "double", num_layers, bidirectional)


def _count_variant(kind: str) -> Callable[..., int]:
    def fn(cell: str, input_size: int, hidden_size: int, num_layers: int, bidirectional: bool) -> int:
        G = {"rnn": 1, "gru": 4, "lstm": 3}[cell] if kind == "gates-swapped" else GATES[cell]
        h, dirs = hidden_size, (2 if bidirectional and kind != "no-bidirectional" else 1)
        total = 0
        for layer in range(num_layers):
            if layer == 0 or kind == "deep-input-d":
                d = input_size
            else:
                d = h if kind == "deep-input-h" else h * dirs
            bias = {"single-bias": h, "no-bias": 0}.get(kind, 2 * h)
            total += dirs * G * (d * h + h * h + bias)
        return total
    return fn


def _count_cases(rng: np.random.Generator) -> list[Case]:
    out = []
    cells = ["rnn", "gru", "lstm"]
    for j in range(6):
        cell = cells[j % 3]
        args = {"cell": cell, "input_size": int(rng.integers(2, 40)), "hidden_size": int(rng.integers(2, 40)),
                "num_layers": int(rng.integers(2, 4)), "bidirectional": bool(j % 2 == 0)}
        out.append(Case(f"random-{j + 1}", "values", args))
    for j, cell in enumerate(cells):
        out.append(Case(f"1-layer-{cell}", "edge-one", {"cell": cell, "input_size": int(rng.integers(2, 40)),
                                                         "hidden_size": int(rng.integers(2, 40)), "num_layers": 1,
                                                         "bidirectional": bool(j == 1)}))
    return out


COUNT = Check(
    ("count",), "int", _count_cases, param_count_ref,
    [
        _v("single-bias", _count_variant("single-bias"),
           "your count has one bias per gate (d2l's convention); PyTorch has two, b_ih and b_hh.",
           "你的计数每个门只有一个偏置（d2l 约定）；PyTorch 有两个：b_ih 和 b_hh。"),
        _v("deep-input-d", _count_variant("deep-input-d"),
           "your layers after the first read input_size; they read the previous layer's output (h, or 2h when bidirectional).",
           "你让第一层之后的层读取 input_size；它们读取的是上一层的输出（h，双向时为 2h）。"),
        _v("deep-input-h", _count_variant("deep-input-h"),
           "your deeper layers read h even when bidirectional; they read [→H; ←H], width 2h.",
           "双向时你的深层仍按宽度 h 计算；它们读取 [→H; ←H]，宽度为 2h。"),
        _v("no-bidirectional", _count_variant("no-bidirectional"),
           "your count ignores bidirectional: each direction has its own weights.", "你的计数忽略了双向：每个方向都有自己的权重。"),
        _v("gates-swapped", _count_variant("gates-swapped"),
           "your gate counts are exchanged: a GRU has 3 blocks, an LSTM 4.", "你把门块数弄反了：GRU 有 3 块，LSTM 有 4 块。"),
        _v("no-bias", _count_variant("no-bias"),
           "your count has no biases; PyTorch's default is bias=True.", "你的计数没有偏置；PyTorch 默认 bias=True。"),
    ],
    rtol=0.0, atol=0.0,
)


# ---------------------------------------------------------------------------- stable sigmoid

def sigmoid_ref(x: Any) -> Array:
    return sig(np.asarray(x, dtype=float))


def _sigmoid_cases(rng: np.random.Generator) -> list[Case]:
    return [Case("random-1", "values", {"x": _rand(rng, 4, 5, scale=4.0)}),
            Case("random-2", "values", {"x": _rand(rng, 7, scale=10.0)}),
            Case("0-d", "edge-0d", {"x": np.array(float(rng.normal()))}),
            Case("±1000", "extremes", {"x": np.array([-1000.0, -750.0, -709.5, 709.5, 750.0, 1000.0, 0.0])}),
            Case("tails", "tails", {"x": np.concatenate([-rng.uniform(30, 700, 6), rng.uniform(20, 40, 3)])})]


SIGMOID = Check(
    ("y",), "single", _sigmoid_cases, sigmoid_ref,
    [
        _v("exp-ratio", lambda x: np.exp(x) / (1 + np.exp(x)),
           "your σ is e^x / (1 + e^x) for every x: it is inf / inf = nan for x > 709; use it for x < 0 only.",
           "你的 σ 对所有 x 都用 e^x / (1 + e^x)：x > 709 时为 inf / inf = nan；它只适用于 x < 0。"),
        _v("tanh-form", lambda x: 0.5 * (1 + np.tanh(0.5 * np.asarray(x))),
           "your σ cancels in the tail: ½(1 + tanh(x/2)) or 1 − σ(−x) is exact in theory, but the sum with 1 rounds to 0 below x ≈ −37.",
           "你的 σ 在尾部发生了抵消：½(1 + tanh(x/2)) 或 1 − σ(−x) 理论上正确，但在 x ≈ −37 以下与 1 相加减会舍入为 0。"),
        _v("clipped", lambda x: 1 / (1 + np.exp(-np.clip(x, -20, 20))),
           "your σ clips x to [−20, 20]: it avoids the overflow but gets the tails wrong (σ(−30) is 9.4e-14, not 2.1e-9).",
           "你的 σ 把 x 截断到 [−20, 20]：避免了溢出，但尾部错了（σ(−30) 是 9.4e-14，而不是 2.1e-9）。"),
        _v("wrong-sign", lambda x: 1 / (1 + np.exp(np.clip(x, -700, 700))),
           "your σ has the sign flipped: 1 / (1 + e^x) is σ(−x).", "你的 σ 符号反了：1 / (1 + e^x) 是 σ(−x)。"),
    ],
)
SIGMOID_OVERFLOW = Text(
    "exp overflowed: your code takes exp of a large positive number (the naive 1 / (1 + e^(−x)), or np.where, which "
    "evaluates both branches); the values may look right, but a stable σ never overflows.",
    "exp 溢出了：你的代码对很大的正数求了 exp（朴素的 1 / (1 + e^(−x))，或会同时计算两个分支的 np.where）；"
    "数值也许看起来正确，但稳定的 σ 从不溢出。")


# ---------------------------------------------------------------------------- last valid state

def last_valid_ref(H: Array, lengths: Array) -> Array:
    return H[np.asarray(lengths) - 1, np.arange(H.shape[1])]


def _last_valid_cases(rng: np.random.Generator) -> list[Case]:
    out = []
    for cid, test, T, B, h in (("random-1", "values", 6, 4, 3), ("random-2", "values", 5, 3, 4),
                               ("B=1", "edge-B1", 4, 1, 3), ("T=1", "edge-T1", 1, 3, 2), ("full", "edge-full", 4, 3, 2)):
        m = RNN(2, h, seed=rng)
        if cid == "T=1":
            lengths = np.ones(B, dtype=np.int64)
        elif cid == "full":
            lengths = np.full(B, T, dtype=np.int64)
        else:
            lengths = rng.integers(1, T, size=B)  # shorter than T: padding present
            lengths[0] = max(1, T - 1)
        X = rng.standard_normal((T, B, 2))
        for b in range(B):
            X[lengths[b]:, b] = 0.0  # padding
        H, _, _ = m.forward(X)
        out.append(Case(cid, test, {"H": H, "lengths": lengths.astype(np.int64)}))
    return out


LAST_VALID = Check(
    ("h",), "single", _last_valid_cases, last_valid_ref,
    [
        _v("last-padded", lambda H, lengths: H[-1],
           "your result is H[-1], the last padded step; each sequence ends at lengths[b] − 1.",
           "你的结果是 H[-1]，即最后一个填充步；每个序列结束于 lengths[b] − 1。"),
        _v("off-by-one", lambda H, lengths: H[np.minimum(np.asarray(lengths), H.shape[0] - 1), np.arange(H.shape[1])],
           "your index is lengths[b], one past the last valid step (lengths count from 1).",
           "你的索引是 lengths[b]，比最后一个有效步多一（长度从 1 开始计数）。"),
        _v("first", lambda H, lengths: H[0], "your result is H[0], the first step.", "你的结果是 H[0]，即第一步。"),
    ],
)


CHECKS: dict[str, Check] = {
    "rnn-step-forward": STEP_FWD, "rnn-step-backward": STEP_BWD, "rnn-bptt": BPTT, "gru-cell-d2l": GRU_D2L,
    "gru-cell-torch": GRU_TORCH, "lstm-cell-forward": LSTM_FWD, "lstm-cell-backward": LSTM_BWD, "clip-global-norm": CLIP,
    "tbptt-chunks": TBPTT, "birnn-layer": BIRNN, "param-count": COUNT, "stable-sigmoid": SIGMOID,
    "last-valid-state": LAST_VALID,
}
