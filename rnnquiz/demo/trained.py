"""``--trained``: what training finds on the demo task, in under a second, cached by content hash.

Recipe (``RECIPE``): 2 hidden units, sequences of 8 steps, batches of 64, 500 Adam updates (lr 0.03,
global-norm clipping at 5), a linear output on the last state, MSE on the marked value; seed 0. The LSTM
starts with forget bias 1, the GRU is d2l's reset-before form, as in built.py.

What it shows: the trained LSTM and GRU answer as well as the built ones on 8-step sequences, but their
gates are murky (an input gate half open at the marker, an output gate open everywhere) and they have not
learned to hold longer than they were trained on; the trained RNN gets part of the way and its gradient
still vanishes. The built models show what a gate can do; these show what a learner found.

The weights are saved as ``.npz`` (never a pickle) under ``data_dir()/demo/``, the file named by the
SHA-256 of the recipe, so a changed recipe trains afresh. A file that does not load, or holds other
names or shapes, is trained again and replaced; a folder that cannot be written only means no cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rnnquiz.demo import built, task
from rnnquiz.models import Linear
from rnnquiz.models.optim import Adam
from rnnquiz.models.train import train

RECIPE = {"version": 1, "hidden": 2, "steps": 8, "batch": 64, "updates": 500, "lr": 0.03, "clip": 5.0,
          "seed": 0, "lstm_forget_bias": 1.0, "gru": "reset_before"}
KINDS = ("lstm", "gru", "rnn")


@dataclass
class Provenance:
    path: Path | None  # the cache file (None when the folder cannot be written)
    cached: bool  # loaded from the cache rather than trained now
    seconds: float  # training time, or load time when cached


def key(kind: str) -> str:
    """Content hash of what determines the weights: the recipe and the kind."""
    blob = json.dumps({"kind": kind, **RECIPE}, sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def cache_path(kind: str) -> Path:
    from rnnquiz.paths import data_dir

    return data_dir() / "demo" / f"{kind}-{key(kind)}.npz"


def _fresh(kind: str):
    h = RECIPE["hidden"]
    model = built.new_model(kind, h, RECIPE["seed"])
    if kind == "lstm":
        model.params["bias_ih_l0"][h:2 * h] = RECIPE["lstm_forget_bias"]
        model.params["bias_hh_l0"][h:2 * h] = 0.0
    head = Linear(h, 1, seed=RECIPE["seed"] + 1)
    return model, head


def _train(kind: str):
    model, head = _fresh(kind)

    def batch(rng: np.random.Generator):
        X, v = task.batch(rng, RECIPE["steps"], RECIPE["batch"])
        return X, v[:, None]

    train(model, head, batch, RECIPE["updates"], optimizer=Adam(RECIPE["lr"]), clip_norm=RECIPE["clip"],
          seed=RECIPE["seed"])
    return model, head


def _load(path: Path, kind: str):
    model, head = _fresh(kind)
    with np.load(path, allow_pickle=False) as f:
        state = {k: f[k] for k in f.files}
    names = {f"model.{n}" for n in model.params} | {f"head.{n}" for n in head.params}
    if set(state) != names:
        raise ValueError("other names")
    model.load_state_dict({n: state[f"model.{n}"] for n in model.params})
    head.load_state_dict({n: state[f"head.{n}"] for n in head.params})
    return model, head


def _save(path: Path, model, head) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, **{f"model.{n}": p for n, p in model.params.items()},
                 **{f"head.{n}": p for n, p in head.params.items()})
        os.replace(tmp, path)
        return True
    except OSError:
        return False


def make(kind: str) -> tuple[built.DemoModel, Provenance]:
    """The trained model of `kind`, from the cache or trained now (and cached)."""
    if kind not in KINDS:
        raise ValueError(f"no trained model for {kind!r}")
    path = cache_path(kind)
    t0 = time.perf_counter()
    try:
        model, head = _load(path, kind)
        cached = True
    except (OSError, ValueError, KeyError):
        model, head = _train(kind)
        cached = False
        if not _save(path, model, head):
            path = None
    seconds = time.perf_counter() - t0
    dm = built.DemoModel(kind, model, model.to_d2l(), [""] * RECIPE["hidden"], built=False,
                         readout=(head.params["weight"][0].copy(), float(head.params["bias"][0])))
    dm.trained = True
    return dm, Provenance(path, cached, seconds)
