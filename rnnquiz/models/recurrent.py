"""What RNN, GRU and LSTM share: PyTorch parameter layout, stacking, directions, conversions.

A model is ``num_layers`` layers × (1 or 2) directions. Layer l, direction d reads

    layer 0:  X                         (T, B, D)
    layer l:  [→H^(l−1); ←H^(l−1)]      (T, B, 2h) when bidirectional, else →H^(l−1) (T, B, h)

exactly like ``torch.nn.RNN/GRU/LSTM(num_layers=L, bidirectional=...)``. The reverse direction runs the
same cell over the time-reversed sequence and its outputs are flipped back before concatenation, so
``outputs[t] = [→H_t, ←H_t]`` (see ``birnn.py`` for the equations).

Parameters (PyTorch names and layout; G = gates per cell: RNN 1, GRU 3, LSTM 4)::

    weight_ih_l{l}[_reverse]  (G·h, D or D·h)      bias_ih_l{l}[_reverse]  (G·h,)
    weight_hh_l{l}[_reverse]  (G·h, h)             bias_hh_l{l}[_reverse]  (G·h,)

d2l writes the same thing row-vector style, ``X_t W_xi`` with ``W_xi`` (d, h) = the i-block of
``weight_ih`` transposed, and one bias per gate (``b_i = b_ii + b_hi``); ``to_d2l``/``from_d2l`` convert.

States: RNN and GRU take/return ``h`` (L·dirs, B, h); LSTM a pair ``(h, c)``, both (L·dirs, B, h), rows
ordered l0, l0_reverse, l1, … (PyTorch's order).

Forward cache (a dict)::

    cache["X"]                      the input (T, B, D)
    cache["layers"]["l0"], ["l0_reverse"], ["l1"], …   per layer/direction, all time-indexed arrays in
                                    *time* order (also for the reverse direction):
        "input"   (T, B, D_l)       what this layer read
        "H"       (T, B, h)         hidden states; "H0" (B, h) the initial one
        RNN:  nothing more
        GRU:  "R", "Z" (T, B, h) gates, "H_tilde" (T, B, h) candidate; reset-after also "HN" = H_{t−1}W_hn + b_hn
        LSTM: "I", "F", "O" gates, "C_tilde" candidate, "C" cells, "tanh_C"; "C0" (B, h)
    Keys starting with "_" are internal buffers used by backward.

Truncated BPTT (``backward(..., k=k)``): each direction's sequence is cut into chunks of k steps in the
order it is processed; the state entering a chunk is treated as a constant, so no gradient crosses a
chunk boundary (what ``h.detach()`` between chunks does in PyTorch). The weights still get every step's
contribution. ``k ≥ T`` (or None) is full BPTT.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from rnnquiz.models.functional import numerics

Array = np.ndarray
State = Array | tuple[Array, Array]


def suffix(layer: int, reverse: bool) -> str:
    """PyTorch's parameter suffix: ``l0``, ``l0_reverse``, ``l1`` …"""
    return f"l{layer}" + ("_reverse" if reverse else "")


def _flip(c: dict[str, Any]) -> dict[str, Any]:
    # Reverse the time axis of every time-indexed (3-D) array; views, no copies.
    return {k: (v[::-1] if isinstance(v, np.ndarray) and v.ndim == 3 else v) for k, v in c.items()}


class Recurrent:
    """Base class. Subclasses set ``gate_count``, ``gate_letters`` (d2l letters per block, PyTorch order),
    ``state_names`` and implement ``_layer_forward`` / ``_layer_backward`` for one layer, one direction."""

    kind = "recurrent"
    gate_count = 1
    gate_letters: tuple[str, ...] = ("h",)
    state_names: tuple[str, ...] = ("h0",)

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bidirectional: bool = False,
        *,
        seed: int | np.random.Generator = 0,
        dtype: Any = np.float64,
    ) -> None:
        if input_size < 1 or hidden_size < 1 or num_layers < 1:
            raise ValueError("input_size, hidden_size and num_layers must be positive")
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bidirectional = bidirectional
        self.num_directions = 2 if bidirectional else 1
        self.dtype = np.dtype(dtype)
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        k = 1.0 / math.sqrt(hidden_size)  # PyTorch: every parameter ~ U(−1/√h, 1/√h)
        self.params: dict[str, Array] = {
            name: rng.uniform(-k, k, size=shape).astype(self.dtype) for name, shape in self.param_shapes()
        }

    # ------------------------------------------------------------------ layout

    def param_shapes(self) -> list[tuple[str, tuple[int, ...]]]:
        """``(name, shape)`` of every parameter, in PyTorch's ``state_dict`` order."""
        G, h = self.gate_count * self.hidden_size, self.hidden_size
        shapes = []
        for layer in range(self.num_layers):
            d_in = self.input_size if layer == 0 else h * self.num_directions
            for reverse in range(self.num_directions):
                s = suffix(layer, bool(reverse))
                shapes += [
                    (f"weight_ih_{s}", (G, d_in)),
                    (f"weight_hh_{s}", (G, h)),
                    (f"bias_ih_{s}", (G,)),
                    (f"bias_hh_{s}", (G,)),
                ]
        return shapes

    def num_params(self, convention: str = "double") -> int:
        """Number of scalars. ``"double"``: PyTorch/cuDNN, two bias vectors per layer (b_ih and b_hh).
        ``"single"``: d2l, one bias per gate (b_ih + b_hh merge into one)."""
        if convention not in ("single", "double"):
            raise ValueError(f"convention must be 'single' or 'double', not {convention!r}")
        if convention == "single":
            self._check_single_bias()
            return sum(v.size for k, v in self.params.items() if not k.startswith("bias_hh"))
        return sum(v.size for v in self.params.values())

    def _check_single_bias(self) -> None:
        """Raise if the model cannot be written with one bias per gate (reset-after GRU)."""

    # ------------------------------------------------------------------ states

    def _state_tuple(self, state: State | None, batch: int) -> tuple[Array, ...]:
        shape = (self.num_layers * self.num_directions, batch, self.hidden_size)
        if state is None:
            return tuple(np.zeros(shape, self.dtype) for _ in self.state_names)
        parts = (state,) if len(self.state_names) == 1 else tuple(state)
        if len(parts) != len(self.state_names):
            raise ValueError(f"{type(self).__name__} state is ({', '.join(self.state_names)})")
        out = tuple(np.asarray(p, dtype=self.dtype) for p in parts)
        for p in out:
            if p.shape != shape:
                raise ValueError(f"state has shape {p.shape}, expected {shape} (layers·dirs, B, h)")
        return out

    def _pack_state(self, parts: list[Array]) -> State:
        return parts[0] if len(parts) == 1 else (parts[0], parts[1])

    # ------------------------------------------------------------------ forward / backward

    def forward(self, X: Array, state0: State | None = None) -> tuple[Array, State, dict[str, Any]]:
        """Run the whole sequence.

        Args:
            X: inputs (T, B, D).
            state0: initial state, (L·dirs, B, h) or for LSTM a pair of them; zeros if None.

        Returns:
            ``(outputs (T, B, dirs·h), final_state, cache)``; the cache is documented in the module doc.
        """
        X = np.asarray(X, dtype=self.dtype)
        if X.ndim != 3 or X.shape[2] != self.input_size:
            raise ValueError(f"X must be (T, B, {self.input_size}), got {X.shape}")
        T, B, _ = X.shape
        s0 = self._state_tuple(state0, B)
        finals = [np.empty_like(s) for s in s0]  # (L·dirs, B, h) each
        cache: dict[str, Any] = {"X": X, "layers": {}, "state0": s0}
        inp = X  # (T, B, D_l)
        with numerics():
            for layer in range(self.num_layers):
                outs = []
                for reverse in range(self.num_directions):
                    s = suffix(layer, bool(reverse))
                    idx = layer * self.num_directions + reverse
                    W_ih, W_hh = self.params[f"weight_ih_{s}"], self.params[f"weight_hh_{s}"]
                    b_ih, b_hh = self.params[f"bias_ih_{s}"], self.params[f"bias_hh_{s}"]
                    # Project the inputs of all T steps with one product before the loop.
                    XW = (inp.reshape(T * B, -1) @ W_ih.T).reshape(T, B, -1)  # (T, B, G·h)
                    XW += b_ih
                    c = self._layer_forward(XW[::-1] if reverse else XW, W_hh, b_hh,
                                            tuple(p[idx] for p in s0))
                    for j, name in enumerate(self._final_keys()):
                        finals[j][idx] = c[name][-1]
                    c = _flip(c) if reverse else c
                    c["input"] = inp
                    cache["layers"][s] = c
                    outs.append(c["H"])
                inp = outs[0] if len(outs) == 1 else np.concatenate(outs, axis=2)  # (T, B, dirs·h)
        return inp, self._pack_state(finals), cache

    __call__ = forward

    def _final_keys(self) -> tuple[str, ...]:
        return ("H",)

    def backward(
        self,
        cache: dict[str, Any],
        dY: Array | None = None,
        dstate: State | None = None,
        k: int | None = None,
    ) -> dict[str, Array]:
        """Backpropagation through time.

        Args:
            cache: from ``forward``.
            dY: ∂L/∂outputs (T, B, dirs·h), or None for zero.
            dstate: ∂L/∂final_state, same structure as the state, or None.
            k: truncation length (chunks of k steps, see module doc); None = full BPTT.

        Returns:
            ``{param name: grad}`` for every parameter, plus ``"X"`` (T, B, D) and the initial state
            (``"h0"``, and ``"c0"`` for LSTM), each (L·dirs, B, h).
        """
        X = cache["X"]
        T, B, _ = X.shape
        h, G = self.hidden_size, self.gate_count * self.hidden_size
        if k is None:
            k = T
        if k < 1:
            raise ValueError("truncation length k must be ≥ 1")
        dinp = (np.zeros((T, B, self.num_directions * h), self.dtype) if dY is None
                else np.asarray(dY, dtype=self.dtype))  # (T, B, dirs·h)
        ds = self._state_tuple(dstate, B)
        ds0 = [np.empty_like(p) for p in ds]  # (L·dirs, B, h)
        grads: dict[str, Array] = {}
        with numerics():
            for layer in reversed(range(self.num_layers)):
                dx = None
                for reverse in range(self.num_directions):
                    s = suffix(layer, bool(reverse))
                    idx = layer * self.num_directions + reverse
                    c = cache["layers"][s]
                    inp = c["input"]  # (T, B, D_l) time order
                    W_ih, W_hh = self.params[f"weight_ih_{s}"], self.params[f"weight_hh_{s}"]
                    dH = dinp[:, :, reverse * h:(reverse + 1) * h]  # (T, B, h)
                    if reverse:
                        c, dH = _flip(c), dH[::-1]
                    dXW, dW_hh, db_hh, dstart = self._layer_backward(
                        c, W_hh, self.params[f"bias_hh_{s}"], dH, tuple(p[idx] for p in ds), k)
                    if reverse:
                        dXW = dXW[::-1]
                    dXW2 = dXW.reshape(T * B, G)  # (T·B, G·h)
                    grads[f"weight_ih_{s}"] = dXW2.T @ inp.reshape(T * B, -1)  # (G·h, D_l)
                    grads[f"weight_hh_{s}"] = dW_hh  # (G·h, h)
                    grads[f"bias_ih_{s}"] = dXW2.sum(axis=0)  # (G·h,)
                    grads[f"bias_hh_{s}"] = db_hh  # (G·h,)
                    for j, d in enumerate(dstart):
                        ds0[j][idx] = d
                    dxd = (dXW2 @ W_ih).reshape(T, B, -1)  # (T, B, D_l)
                    dx = dxd if dx is None else dx + dxd
                dinp = dx
        out = {name: grads[name] for name in self.params}
        out["X"] = dinp
        for name, d in zip(self.state_names, ds0, strict=True):
            out[name] = d
        return out

    # ------------------------------------------------------------------ per-layer hooks

    def _layer_forward(self, XW: Array, W_hh: Array, b_hh: Array, state0: tuple[Array, ...]) -> dict:
        raise NotImplementedError

    def _layer_backward(self, c: dict, W_hh: Array, b_hh: Array, dH: Array,
                        dstate: tuple[Array, ...], k: int) -> tuple[Array, Array, Array, tuple[Array, ...]]:
        raise NotImplementedError

    # ------------------------------------------------------------------ conversions

    def state_dict(self) -> dict[str, Array]:
        """Copies of the parameters under PyTorch's names (``torch.tensor`` each to load into torch)."""
        return {k: v.copy() for k, v in self.params.items()}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Load PyTorch-named parameters; values may be NumPy arrays or torch tensors."""
        missing = set(self.params) - set(state_dict)
        extra = set(state_dict) - set(self.params)
        if missing or extra:
            raise KeyError(f"state dict mismatch: missing {sorted(missing)}, unexpected {sorted(extra)}")
        for name, value in state_dict.items():
            if hasattr(value, "detach"):  # a torch tensor
                value = value.detach().cpu().numpy()
            arr = np.array(value, dtype=self.dtype)
            if arr.shape != self.params[name].shape:
                raise ValueError(f"{name}: shape {arr.shape}, expected {self.params[name].shape}")
            self.params[name] = arr

    def _d2l_suffix(self, layer: int, reverse: int) -> str:
        if self.num_layers == 1 and self.num_directions == 1:
            return ""
        return "_" + suffix(layer, bool(reverse))

    def to_d2l(self) -> dict[str, Array]:
        """d2l names, row-vector layout, one bias per gate: ``W_x?`` (D, h), ``W_h?`` (h, h), ``b_?`` (h,)
        for each gate letter; suffixed ``_l0``, ``_l0_reverse`` … when there is more than one layer or
        direction."""
        self._check_single_bias()
        h, out = self.hidden_size, {}
        for layer in range(self.num_layers):
            for reverse in range(self.num_directions):
                s, ds = suffix(layer, bool(reverse)), self._d2l_suffix(layer, reverse)
                for j, g in enumerate(self.gate_letters):
                    rows = slice(j * h, (j + 1) * h)
                    out[f"W_x{g}{ds}"] = self.params[f"weight_ih_{s}"][rows].T.copy()  # (D_l, h)
                    out[f"W_h{g}{ds}"] = self.params[f"weight_hh_{s}"][rows].T.copy()  # (h, h)
                    out[f"b_{g}{ds}"] = (self.params[f"bias_ih_{s}"][rows]
                                         + self.params[f"bias_hh_{s}"][rows])  # (h,)
        return out

    def from_d2l(self, d2l: dict[str, Array]) -> None:
        """Load d2l-named parameters (the inverse of ``to_d2l``; ``bias_hh`` becomes zero)."""
        h = self.hidden_size
        new = {k: np.zeros_like(v) for k, v in self.params.items()}
        for layer in range(self.num_layers):
            for reverse in range(self.num_directions):
                s, ds = suffix(layer, bool(reverse)), self._d2l_suffix(layer, reverse)
                for j, g in enumerate(self.gate_letters):
                    rows = slice(j * h, (j + 1) * h)
                    new[f"weight_ih_{s}"][rows] = np.asarray(d2l[f"W_x{g}{ds}"]).T
                    new[f"weight_hh_{s}"][rows] = np.asarray(d2l[f"W_h{g}{ds}"]).T
                    new[f"bias_ih_{s}"][rows] = np.asarray(d2l[f"b_{g}{ds}"])
        self.params = new

    def __repr__(self) -> str:
        return (f"{type(self).__name__}({self.input_size}, {self.hidden_size}, num_layers={self.num_layers}, "
                f"bidirectional={self.bidirectional}, dtype={self.dtype.name})")
