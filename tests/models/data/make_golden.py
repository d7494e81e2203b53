"""Regenerate golden.npz: forward values computed by *independent* references, not by rnnquiz.

    python tests/models/data/make_golden.py        (needs torch)

- PyTorch nn.RNN / nn.GRU / nn.LSTM (float64) for the PyTorch-form models, incl. bidirectional+stacked;
- a plain per-step d2l transcription below for the reset-before GRU and the LSTM activation options.

Each case stores its parameters, input, initial state and expected outputs, so the test does not depend on
the initialiser's random stream.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

T, B, D, H = 4, 2, 3, 3
OUT = Path(__file__).with_name("golden.npz")


def sig(x):
    return 1.0 / (1.0 + np.exp(-x))


def hard_sig(x):
    return np.clip(x / 6 + 0.5, 0, 1)


def d2l_gru_reset_before(p, X, h):
    Wr, Wz, Wn = np.split(p["weight_ih_l0"], 3)
    Ur, Uz, Un = np.split(p["weight_hh_l0"], 3)
    br, bz, bn = np.split(p["bias_ih_l0"] + p["bias_hh_l0"], 3)
    Ys = []
    for x in X:
        r = sig(x @ Wr.T + h @ Ur.T + br)
        z = sig(x @ Wz.T + h @ Uz.T + bz)
        n = np.tanh(x @ Wn.T + (r * h) @ Un.T + bn)
        h = z * h + (1 - z) * n
        Ys.append(h)
    return np.stack(Ys), h


def d2l_lstm(p, X, h, c, gate, cand):
    Wi, Wf, Wg, Wo = np.split(p["weight_ih_l0"], 4)
    Ui, Uf, Ug, Uo = np.split(p["weight_hh_l0"], 4)
    bi, bf, bg, bo = np.split(p["bias_ih_l0"] + p["bias_hh_l0"], 4)
    Ys = []
    for x in X:
        i = gate(x @ Wi.T + h @ Ui.T + bi)
        f = gate(x @ Wf.T + h @ Uf.T + bf)
        o = gate(x @ Wo.T + h @ Uo.T + bo)
        g = cand(x @ Wg.T + h @ Ug.T + bg)
        c = f * c + i * g
        h = o * np.tanh(c)
        Ys.append(h)
    return np.stack(Ys), h, c


def main() -> None:
    rng = np.random.default_rng(20240601)
    data: dict[str, np.ndarray] = {}

    def put(case, params, X, state0, Y, final):
        for k, v in params.items():
            data[f"{case}/param/{k}"] = v
        data[f"{case}/X"], data[f"{case}/Y"] = X, Y
        for j, s in enumerate(state0):
            data[f"{case}/state0_{j}"] = s
        for j, s in enumerate(final):
            data[f"{case}/final_{j}"] = s

    torch.manual_seed(0)
    for case, name, kw, layers, bi in [
        ("rnn_tanh", "RNN", {}, 1, False), ("rnn_relu", "RNN", {"nonlinearity": "relu"}, 1, False),
        ("gru", "GRU", {}, 1, False), ("lstm", "LSTM", {}, 1, False),
        ("gru_bi_2", "GRU", {}, 2, True), ("lstm_bi_2", "LSTM", {}, 2, True), ("rnn_bi_2", "RNN", {}, 2, True),
    ]:
        tm = getattr(torch.nn, name)(D, H, layers, bidirectional=bi, **kw).double()
        n = layers * (2 if bi else 1)
        X = rng.standard_normal((T, B, D))
        states = [rng.standard_normal((n, B, H)) for _ in range(2 if name == "LSTM" else 1)]
        with torch.no_grad():
            arg = tuple(torch.tensor(s) for s in states) if name == "LSTM" else torch.tensor(states[0])
            Y, fin = tm(torch.tensor(X), arg)
        fin = fin if isinstance(fin, tuple) else (fin,)
        put(case, {k: v.numpy() for k, v in tm.state_dict().items()}, X, states, Y.numpy(),
            [f.numpy() for f in fin])

    def rand_params(G):
        k = 1 / np.sqrt(H)
        return {"weight_ih_l0": rng.uniform(-k, k, (G * H, D)), "weight_hh_l0": rng.uniform(-k, k, (G * H, H)),
                "bias_ih_l0": rng.uniform(-k, k, G * H), "bias_hh_l0": rng.uniform(-k, k, G * H)}

    p, X, h0 = rand_params(3), rng.standard_normal((T, B, D)), rng.standard_normal((1, B, H))
    Y, h = d2l_gru_reset_before(p, X, h0[0])
    put("gru_reset_before", p, X, [h0], Y, [h[None]])

    for case, gate, cand in [("lstm_hard_sigmoid", hard_sig, np.tanh), ("lstm_relu_gates", lambda x: np.maximum(x, 0), np.tanh),
                             ("lstm_sigmoid_candidate", sig, sig)]:
        p, X = rand_params(4), rng.standard_normal((T, B, D))
        h0, c0 = rng.standard_normal((1, B, H)), rng.standard_normal((1, B, H))
        Y, h, c = d2l_lstm(p, X, h0[0], c0[0], gate, cand)
        put(case, p, X, [h0, c0], Y, [h[None], c[None]])

    np.savez_compressed(OUT, **data)
    print(f"wrote {OUT} ({len(data)} arrays)")


if __name__ == "__main__":
    main()
