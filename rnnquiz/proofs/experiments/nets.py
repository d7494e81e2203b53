"""Helpers the experiments need beyond the recurrent models.

    FeedForward        H = tanh(X W_1 + b_1),  Y = H W_2 + b_2       on one time step only (no memory)
    CausalConvStack    L layers of causal 1-D convolutions, kernel k:
                       Y^(l)_t = tanh(Σ_{j=0..k−1} Y^(l−1)_{t−j} W^(l)_j + b^(l))   (zeros before t = 1)
                       receptive field L(k − 1) + 1 steps: Y_t never reads x_{t−L(k−1)−1}
    NormRNN            tanh RNN with batch or layer normalisation of the pre-activation terms
                       (Cooijmans et al. 2016 normalise the input and the recurrent term separately):
                       H_t = tanh(N(X_t W_xh) + N(H_{t−1} W_hh) + b)
                       BN: statistics over the batch, per feature and per time step;
                       LN: statistics over the features of each sample (Ba et al. 2016)
    BNLSTM             LSTM with recurrent batch norm, statistics per time step (Cooijmans et al. 2016)
    EncoderDecoder     GRU encoder reads T_in steps; its final state starts a GRU decoder that runs
                       T_out steps on its own previous output (Sutskever et al. 2014; Cho et al. 2014)

No experiment trains these, so they need forward passes only; FeedForward also has a backward pass
(it is the "one-to-one" net of ``io-patterns``), gradient-checked in tests/proofs.
"""

from __future__ import annotations

import math

import numpy as np

from rnnquiz.models import GRU, Linear

Array = np.ndarray


class FeedForward:
    """Two-layer perceptron applied to a single input vector: no state, so no memory."""

    def __init__(self, d: int, hidden: int, q: int, seed: int | np.random.Generator = 0) -> None:
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        k1, k2 = 1 / math.sqrt(d), 1 / math.sqrt(hidden)
        self.params = {
            "W1": rng.uniform(-k1, k1, (d, hidden)),  # (d, hid)
            "b1": rng.uniform(-k1, k1, (hidden,)),  # (hid,)
            "W2": rng.uniform(-k2, k2, (hidden, q)),  # (hid, q)
            "b2": rng.uniform(-k2, k2, (q,)),  # (q,)
        }

    def forward(self, X: Array) -> tuple[Array, dict]:
        p = self.params
        H = np.tanh(X @ p["W1"] + p["b1"])  # (B, hid)
        return H @ p["W2"] + p["b2"], {"X": X, "H": H}  # (B, q)

    def backward(self, cache: dict, dY: Array) -> dict[str, Array]:
        p, X, H = self.params, cache["X"], cache["H"]
        dA = (dY @ p["W2"].T) * (1 - H * H)  # (B, hid)
        return {"W1": X.T @ dA, "b1": dA.sum(0), "W2": H.T @ dY, "b2": dY.sum(0), "X": dA @ p["W1"].T}


class CausalConvStack:
    """``layers`` causal convolutions of width ``kernel`` (tanh), channels d → c → … → c."""

    def __init__(self, d: int, channels: int, kernel: int, layers: int, seed: int | np.random.Generator = 0):
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        self.kernel, self.layers = kernel, layers
        self.weights = []
        c_in = d
        for _ in range(layers):
            k = 1 / math.sqrt(c_in * kernel)
            self.weights.append((rng.uniform(-k, k, (kernel, c_in, channels)),  # (k, c_in, c)
                                 rng.uniform(-k, k, (channels,))))  # (c,)
            c_in = channels

    @property
    def receptive_field(self) -> int:
        return self.layers * (self.kernel - 1) + 1

    def forward(self, X: Array) -> Array:
        """X (T, B, d) → (T, B, c); output t reads inputs t − RF + 1 … t only."""
        Y = X
        for W, b in self.weights:
            T = Y.shape[0]
            pad = np.concatenate([np.zeros((self.kernel - 1,) + Y.shape[1:]), Y])  # (T+k−1, B, c_in)
            A = np.zeros((T, Y.shape[1], W.shape[2])) + b  # (T, B, c)
            for j in range(self.kernel):  # tap j reads Y_{t−j}
                A += pad[self.kernel - 1 - j:self.kernel - 1 - j + T] @ W[j]
            Y = np.tanh(A)
        return Y


class NormRNN:
    """tanh RNN with ``norm`` = "batch" or "layer" normalisation of both pre-activation terms."""

    def __init__(self, d: int, h: int, norm: str, seed: int | np.random.Generator = 0, eps: float = 1e-5):
        if norm not in ("batch", "layer"):
            raise ValueError("norm must be 'batch' or 'layer'")
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        k = 1 / math.sqrt(h)
        self.norm, self.eps = norm, eps
        self.W_xh = rng.uniform(-k, k, (d, h))  # (d, h)
        self.W_hh = rng.uniform(-k, k, (h, h))  # (h, h)
        self.b = rng.uniform(-k, k, (h,))  # (h,)
        # γ, β of each normaliser (Cooijmans et al. initialise γ = 0.1; β of the two terms is the one b)
        self.gamma_x, self.gamma_h = np.full(h, 1.0), np.full(h, 1.0)

    def _normalise(self, A: Array, gamma: Array) -> tuple[Array, Array]:
        """Returns the normalised (B, h) term and the std it divided by (per feature or per sample)."""
        axis = 0 if self.norm == "batch" else 1
        mu = A.mean(axis=axis, keepdims=True)
        var = A.var(axis=axis, keepdims=True)
        return gamma * (A - mu) / np.sqrt(var + self.eps), np.sqrt(var)

    def forward(self, X: Array, h0: Array | None = None) -> tuple[Array, dict]:
        """X (T, B, d) → H (T, B, h); the cache holds the recurrent term's std per step."""
        T, B, _ = X.shape
        h_prev = np.zeros((B, self.W_hh.shape[0])) if h0 is None else h0  # (B, h)
        H = np.empty((T, B, self.W_hh.shape[0]))  # (T, B, h)
        rec_std = np.empty(T)  # mean std of the recurrent term across what it is normalised over
        for t in range(T):
            ax, _ = self._normalise(X[t] @ self.W_xh, self.gamma_x)  # (B, h)
            ah, std = self._normalise(h_prev @ self.W_hh, self.gamma_h)  # (B, h)
            rec_std[t] = float(std.max())
            h_prev = H[t] = np.tanh(ax + ah + self.b)
        return H, {"rec_std": rec_std}


class BNLSTM:
    """Recurrent batch normalisation (Cooijmans et al. 2016): an LSTM (PyTorch gate order i, f, g, o) with
    [i f g o] = BN(x_t W_x; γ) + BN(h_(t−1) W_h; γ) + b, statistics kept *per time step*, γ initialised to 0.1.
    ``forward(X)`` uses the batch's statistics of each step (training) and returns them; ``forward(X, stats)``
    uses stored per-step statistics (inference), so each sample is a function of itself alone."""

    def __init__(self, d: int, h: int, seed: int | np.random.Generator = 0, gamma: float = 0.1, eps: float = 1e-10):
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        k = 1 / math.sqrt(h)
        self.h, self.eps = h, eps
        self.W_x = rng.uniform(-k, k, (d, 4 * h))  # (d, 4h)
        self.W_h = rng.uniform(-k, k, (h, 4 * h))  # (h, 4h)
        self.b = np.zeros(4 * h)  # (4h,)
        self.b[h:2 * h] = 1.0  # forget bias 1
        self.gamma = np.full(4 * h, gamma)  # (4h,) one γ for both terms, as initialised

    def _bn(self, A: Array, stats: tuple[Array, Array] | None) -> tuple[Array, tuple[Array, Array]]:
        mu, var = (A.mean(axis=0), A.var(axis=0)) if stats is None else stats  # (4h,) each
        return self.gamma * (A - mu) / np.sqrt(var + self.eps), (mu, var)

    def forward(self, X: Array, stats: list | None = None) -> tuple[Array, dict]:
        """X (T, B, d) → H (T, B, h); info: per-step statistics and the std of the normalised terms."""
        T, B, _ = X.shape
        h = self.h
        hp, cp = np.zeros((B, h)), np.zeros((B, h))  # (B, h)
        H = np.empty((T, B, h))  # (T, B, h)
        used, std_x, std_h = [], np.empty((T, 4 * h)), np.empty((T, 4 * h))
        for t in range(T):
            ax, sx = self._bn(X[t] @ self.W_x, None if stats is None else stats[t][0])  # (B, 4h)
            ah, sh = self._bn(hp @ self.W_h, None if stats is None else stats[t][1])  # (B, 4h)
            used.append((sx, sh))
            std_x[t], std_h[t] = ax.std(axis=0), ah.std(axis=0)
            a = ax + ah + self.b
            i, f, o = (1 / (1 + np.exp(-a[:, j * h:(j + 1) * h])) for j in (0, 1, 3))
            g = np.tanh(a[:, 2 * h:3 * h])
            cp = f * cp + i * g
            hp = H[t] = o * np.tanh(cp)
        return H, {"stats": used, "std_x": std_x, "std_h": std_h}


class EncoderDecoder:
    """GRU encoder → final state → GRU decoder fed its own previous output; Linear head."""

    def __init__(self, d: int, h: int, q: int, seed: int | np.random.Generator = 0) -> None:
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        self.encoder = GRU(d, h, seed=rng)
        self.decoder = GRU(q, h, seed=rng)
        self.head = Linear(h, q, seed=rng)

    def forward(self, X: Array, T_out: int) -> tuple[Array, Array]:
        """X (T_in, B, d) → (Y (T_out, B, q), context (1, B, h))."""
        _, context, _ = self.encoder.forward(X)  # (1, B, h)
        state, y = context, np.zeros((1, X.shape[1], self.head.params["bias"].shape[0]))  # (1, B, q) <bos>
        outs = []
        for _ in range(T_out):
            H, state, _ = self.decoder.forward(y, state)  # (1, B, h)
            y, _ = self.head.forward(H)  # (1, B, q)
            outs.append(y[0])
        return np.stack(outs), context
