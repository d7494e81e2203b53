"""Outputs, final states and every gradient equal torch.nn.RNN / GRU / LSTM with copied weights, to
1e-10 in float64. Skips cleanly when PyTorch is not installed (``pip install -e '.[parity]'``)."""

from __future__ import annotations

import numpy as np
import pytest

from rnnquiz.models import GRU, LSTM, RNN

torch = pytest.importorskip("torch", exc_type=ImportError)  # also skip on a broken install
pytestmark = pytest.mark.parity

T, B, D, H = 6, 3, 4, 5
TOL = 1e-10
CASES = [("RNN", RNN, {}), ("RNN", RNN, {"nonlinearity": "relu"}), ("GRU", GRU, {}), ("LSTM", LSTM, {})]


def _torch_twin(name, model, kw):
    tm = getattr(torch.nn, name)(D, H, model.num_layers, bidirectional=model.bidirectional, **kw).double()
    tm.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in model.state_dict().items()})
    return tm


def _run_both(name, cls, kw, layers, bidirectional, seed=0):
    rng = np.random.default_rng(seed)
    model = cls(D, H, layers, bidirectional, seed=seed + 1, **kw)
    tm = _torch_twin(name, model, kw)
    n = layers * (2 if bidirectional else 1)
    X = rng.standard_normal((T, B, D))
    h0, c0 = rng.standard_normal((n, B, H)), rng.standard_normal((n, B, H))
    dY = rng.standard_normal((T, B, H * (2 if bidirectional else 1)))
    dh, dc = rng.standard_normal((n, B, H)), rng.standard_normal((n, B, H))
    lstm = name == "LSTM"

    Y, state, cache = model.forward(X, (h0, c0) if lstm else h0)
    grads = model.backward(cache, dY, (dh, dc) if lstm else dh)

    tX, th0, tc0 = (torch.tensor(a, requires_grad=True) for a in (X, h0, c0))
    if lstm:
        tY, (thn, tcn) = tm(tX, (th0, tc0))
        loss = (tY * torch.tensor(dY)).sum() + (thn * torch.tensor(dh)).sum() + (tcn * torch.tensor(dc)).sum()
        tstate = (thn, tcn)
    else:
        tY, thn = tm(tX, th0)
        loss = (tY * torch.tensor(dY)).sum() + (thn * torch.tensor(dh)).sum()
        tstate = (thn,)
    loss.backward()
    tgrads = {k: p.grad.numpy() for k, p in tm.named_parameters()} | {"X": tX.grad.numpy(), "h0": th0.grad.numpy()}
    if lstm:
        tgrads["c0"] = tc0.grad.numpy()
    ours_state = state if lstm else (state,)
    return Y, ours_state, grads, tY.detach().numpy(), tuple(s.detach().numpy() for s in tstate), tgrads


@pytest.mark.parametrize("layers,bidirectional", [(1, False), (1, True), (2, False), (2, True)])
@pytest.mark.parametrize("name,cls,kw", CASES, ids=["rnn-tanh", "rnn-relu", "gru", "lstm"])
def test_equals_pytorch(name, cls, kw, layers, bidirectional):
    Y, state, grads, tY, tstate, tgrads = _run_both(name, cls, kw, layers, bidirectional)
    np.testing.assert_allclose(Y, tY, rtol=0, atol=TOL)
    for ours, theirs in zip(state, tstate, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=TOL)
    assert set(grads) == set(tgrads)
    for key in tgrads:
        np.testing.assert_allclose(grads[key], tgrads[key], rtol=0, atol=TOL, err_msg=key)


def test_reset_before_gru_measurably_differs_from_pytorch():
    model = GRU(D, H, reset_after=False, seed=3)
    tm = _torch_twin("GRU", model, {})
    X = np.random.default_rng(0).standard_normal((T, B, D))
    Y, _, _ = model.forward(X)
    tY, _ = tm(torch.tensor(X))
    assert np.abs(Y - tY.detach().numpy()).max() > 1e-3
    # …while the reset-after model with the same weights is PyTorch's GRU exactly.
    after = GRU(D, H, seed=3)
    np.testing.assert_allclose(after.forward(X)[0], tY.detach().numpy(), rtol=0, atol=TOL)


def test_pytorch_parameter_count_matches_double_convention():
    for name, cls, kw in CASES:
        for layers, bi in [(1, False), (2, True)]:
            model = cls(D, H, layers, bi, **kw)
            tm = getattr(torch.nn, name)(D, H, layers, bidirectional=bi, **kw)
            assert model.num_params("double") == sum(p.numel() for p in tm.parameters())
            assert list(model.params) == [k for k, _ in tm.named_parameters()]
