"""Activations, their derivatives, softmax, and the numerics context every model runs in.

    σ(x)   = 1 / (1 + e^(−x))                    σ'  = σ (1 − σ)
    tanh x = 2 σ(2x) − 1                           tanh' = 1 − tanh²
    relu x = max(0, x)                           relu' = [x > 0]
    hard_σ(x) = clip(x/6 + 1/2, 0, 1)            hard_σ' = 1/6 on (−3, 3), else 0
                (PyTorch ``F.hardsigmoid``, Keras 3 ``hard_sigmoid``)

Every derivative is written as a function of the activation's *output* y, so a backward pass only needs
the activations the forward pass cached (``d_tanh(y) = 1 − y²``). For relu and hard-σ that is exact except
at the kinks, a set of measure zero.

Speed notes (measured on the 2-core x86 machine this was written on): NumPy's float64 ``tanh`` is scalar
libm code, about 4× slower than ``exp``; so in float64 ``tanh`` is computed as ``2σ(2x) − 1`` through
``exp``. Its absolute error is below 4.5e-16 (two ulps of 1; measured 3.3e-16), which is what a hidden state in (−1, 1)
needs; the relative error of tiny outputs is larger, which no model here cares about. float32 uses
NumPy's vectorised ``np.tanh``. The in-place forms (``out=``) let the step loops reuse buffers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import numpy as np

Array = np.ndarray

# ---------------------------------------------------------------- activations (in place with out=x)


def _elementwise(fn: Callable[..., Array], x: Array, out: Array | None) -> Array:
    """Apply an in-place kernel; a 0-d input goes through as shape (1,), since NumPy turns 0-d results
    into scalars that `out=` then rejects."""
    x = np.asarray(x)
    if x.ndim == 0 and out is None:
        return fn(x.reshape(1)).reshape(())
    return fn(x, out=out)


def _sigmoid(x: Array, out: Array | None = None) -> Array:
    # exp(−x) overflows to inf for x < −709; 1/(1+inf) = 0 is then the right answer. Callers run inside
    # numerics(), which silences that warning once per forward instead of once per step.
    out = np.negative(x, out=out)
    np.exp(out, out=out)
    out += 1.0
    return np.reciprocal(out, out=out)


def _tanh(x: Array, out: Array | None = None) -> Array:
    if x.dtype != np.float64:
        return np.tanh(x, out=out)
    out = np.multiply(x, -2.0, out=out)  # tanh x = 2 / (1 + e^(−2x)) − 1
    np.exp(out, out=out)
    out += 1.0
    np.divide(2.0, out, out=out)
    out -= 1.0
    return out


def _relu(x: Array, out: Array | None = None) -> Array:
    return np.maximum(x, 0.0, out=out)


def _hard_sigmoid(x: Array, out: Array | None = None) -> Array:
    out = np.multiply(x, 1.0 / 6.0, out=out)
    out += 0.5
    return np.clip(out, 0.0, 1.0, out=out)


def sigmoid(x: Array, out: Array | None = None) -> Array:
    """Logistic function, overflow-free for any input (σ(−1000) = 0, σ(1000) = 1)."""
    with np.errstate(over="ignore"):
        return _elementwise(_sigmoid, x, out)


def tanh(x: Array, out: Array | None = None) -> Array:
    """Hyperbolic tangent (float64: via exp, absolute error < 4.5e-16; see the module docstring)."""
    with np.errstate(over="ignore"):
        return _elementwise(_tanh, x, out)


def relu(x: Array, out: Array | None = None) -> Array:
    """max(0, x)."""
    return _elementwise(_relu, x, out)


def hard_sigmoid(x: Array, out: Array | None = None) -> Array:
    """Piecewise-linear σ: clip(x/6 + 1/2, 0, 1), as PyTorch ``hardsigmoid``."""
    return _elementwise(_hard_sigmoid, x, out)


# ---------------------------------------------------------------- derivatives from the output y


def d_sigmoid(y: Array) -> Array:
    """σ'(x) from y = σ(x)."""
    return y * (1.0 - y)


def d_tanh(y: Array) -> Array:
    """tanh'(x) from y = tanh(x)."""
    return 1.0 - y * y


def d_relu(y: Array) -> Array:
    """relu'(x) from y = relu(x)."""
    return (y > 0).astype(y.dtype)


def d_hard_sigmoid(y: Array) -> Array:
    """hard_σ'(x) from y = hard_σ(x): 1/6 strictly inside (0, 1), else 0."""
    return ((y > 0) & (y < 1)).astype(y.dtype) / 6.0


ActivationFn = Callable[..., Array]

#: name -> (in-place activation f(x, out=None), derivative from the output f'(y)). The models use these.
ACTIVATIONS: dict[str, tuple[ActivationFn, ActivationFn]] = {
    "sigmoid": (_sigmoid, d_sigmoid),
    "tanh": (_tanh, d_tanh),
    "relu": (_relu, d_relu),
    "hard_sigmoid": (_hard_sigmoid, d_hard_sigmoid),
}


def activation(name: str) -> tuple[ActivationFn, ActivationFn]:
    """Look up ``(f, f')`` by name; raises ValueError naming the known ones."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; known: {', '.join(ACTIVATIONS)}") from None


def softmax(x: Array, axis: int = -1) -> Array:
    """Numerically stable softmax along ``axis`` (max subtracted first)."""
    z = x - x.max(axis=axis, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=axis, keepdims=True)
    return z


# ---------------------------------------------------------------- numerics context

_blas_libs: list | None = None


def _blas_controllers() -> list:
    global _blas_libs
    if _blas_libs is None:
        from threadpoolctl import ThreadpoolController

        _blas_libs = list(ThreadpoolController().select(user_api="blas").lib_controllers)
    return _blas_libs


@contextlib.contextmanager
def numerics() -> Iterator[None]:
    """Run NumPy code the way the models need it, and restore everything afterwards.

    - BLAS limited to one thread: the per-step products here are small ((B, H)·(H, 4H)); on a 2-core
      machine multithreaded OpenBLAS made such a step loop about 7× slower than one thread.
    - exp overflow silenced (σ(−1000) = 0 is right, see ``_sigmoid``).

    Cheap enough (a few µs) to enter once per forward or backward call. The user's own thread setting is
    put back on exit; nothing global is changed.
    """
    libs = _blas_controllers()
    before = [lib.num_threads for lib in libs]
    for lib, n in zip(libs, before, strict=True):
        if n != 1:
            lib.set_num_threads(1)
    try:
        with np.errstate(over="ignore"):
            yield
    finally:
        for lib, n in zip(libs, before, strict=True):
            if n != 1:
                lib.set_num_threads(n)
