from __future__ import annotations

import warnings

import numpy as np
import pytest

from rnnquiz.models import functional as F
from rnnquiz.models.gradcheck import numerical_gradient

X = np.linspace(-30, 30, 2001)


def test_sigmoid_and_tanh_agree_with_the_textbook_forms():
    np.testing.assert_allclose(F.sigmoid(X), 1 / (1 + np.exp(-X)), rtol=1e-15, atol=1e-300)
    assert np.abs(F.tanh(X) - np.tanh(X)).max() < 4.5e-16  # two ulps of 1
    np.testing.assert_allclose(F.tanh(X.astype(np.float32)), np.tanh(X), atol=1e-6)
    np.testing.assert_allclose(F.hard_sigmoid(np.array([-4.0, -3.0, 0.0, 1.5, 3.0, 9.0])),
                               [0, 0, 0.5, 0.75, 1, 1])


def test_sigmoid_saturates_without_overflow_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert F.sigmoid(np.array([-1000.0]))[0] == 0.0
        assert F.sigmoid(np.array([1000.0]))[0] == 1.0
        assert F.tanh(np.array([-1000.0, 1000.0])).tolist() == [-1.0, 1.0]


@pytest.mark.parametrize("name", sorted(F.ACTIVATIONS))
def test_derivative_from_output_matches_finite_differences(name):
    f, df = F.activation(name)
    x = np.random.default_rng(0).uniform(-4, 4, 50)
    x = x[np.abs(x) > 0.01]  # away from relu's kink
    x = x[np.abs(np.abs(x) - 3) > 0.01]  # and hard-σ's
    num = (f(x + 1e-6) - f(x - 1e-6)) / 2e-6
    np.testing.assert_allclose(df(f(x)), num, atol=1e-8)


def test_in_place_forms_write_into_out():
    x = np.array([[0.0, 1.0], [2.0, -1.0]])
    for name in F.ACTIVATIONS:
        f, _ = F.activation(name)
        buf = x.copy()
        assert f(buf, out=buf) is buf


def test_unknown_activation():
    with pytest.raises(ValueError, match="known"):
        F.activation("swish")


def test_softmax_is_stable_and_normalised():
    z = np.array([[1000.0, 1001.0, 1002.0], [0.0, 0.0, 0.0]])
    p = F.softmax(z)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_allclose(p[0], F.softmax(z[1:] + np.array([[0.0, 1.0, 2.0]]))[0])
    g = numerical_gradient(lambda: float(F.softmax(z[1:2].copy())[0, 0]), z[1:2])
    assert g.shape == (1, 3)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "hard_sigmoid"])
def test_activations_take_0d_arrays(name: str) -> None:
    fn = getattr(F, name)
    y = fn(np.array(1.0))
    assert np.shape(y) == () and np.isclose(float(y), float(fn(np.array([1.0]))[0]))
