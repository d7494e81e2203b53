"""--trained: what training finds in under a second, cached as .npz by the hash of its recipe."""

from __future__ import annotations

import numpy as np
import pytest

from rnnquiz.demo import built, trained


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("RNNQUIZ_HOME", str(tmp_path_factory.mktemp("home")))
    out = {kind: trained.make(kind) for kind in trained.KINDS}
    yield out
    mp.undo()


def test_trained_models_reach_the_task_on_held_out_sequences(models):
    acc = {kind: built.accuracy(dm, seed=99, steps=8) for kind, (dm, _) in models.items()}
    assert acc["lstm"] >= 0.95 and acc["gru"] >= 0.95
    assert acc["rnn"] < min(acc["lstm"], acc["gru"]) - 0.2  # the plain RNN gets only part of the way


def test_trained_lstm_input_gate_opens_more_at_the_marker(models):
    from rnnquiz.demo import task

    dm, _ = models["lstm"]
    X, _ = task.batch(np.random.default_rng(5), 8, 500)
    I = dm.model.forward(X)[2]["layers"]["l0"]["I"]  # noqa: E741  (T, B, h)
    marked = X[:, :, 1] == 1  # (T, B)
    assert (I[marked].max(axis=-1).mean() - I[~marked].max(axis=-1).mean()) > 0.3  # some unit writes at the marker


def test_the_cache_is_a_npz_named_by_the_recipe_and_reloads_the_same_weights(models, tmp_path, monkeypatch):
    monkeypatch.setenv("RNNQUIZ_HOME", str(tmp_path))
    first, prov = trained.make("rnn")
    assert not prov.cached and prov.path.suffix == ".npz" and trained.key("rnn") in prov.path.name
    with np.load(prov.path, allow_pickle=False) as f:  # plain arrays, no pickle
        assert set(f.files) >= {"model.weight_hh_l0", "head.weight"}
    again, prov2 = trained.make("rnn")
    assert prov2.cached and prov2.path == prov.path
    assert all(np.array_equal(first.model.params[k], again.model.params[k]) for k in first.model.params)
    assert np.array_equal(first.readout[0], again.readout[0])
    prov.path.write_bytes(b"not a zip")  # a broken file is trained again and replaced
    _, prov3 = trained.make("rnn")
    assert not prov3.cached and np.load(prov.path, allow_pickle=False)
    monkeypatch.setitem(trained.RECIPE, "updates", 10)  # another recipe, another file
    assert trained.key("rnn") != prov.path.stem.split("-")[1]


def test_an_unwritable_data_folder_only_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("RNNQUIZ_HOME", str(blocker))  # a file where the folder should be
    monkeypatch.setitem(trained.RECIPE, "updates", 20)
    dm, prov = trained.make("rnn")
    assert prov.path is None and not prov.cached and dm.model.params


def test_cli_trained_says_where_it_cached_and_refuses_birnn():
    from typer.testing import CliRunner

    from rnnquiz.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["demo", "rnn", "--trained", "--at", "2"])
    assert res.exit_code == 0, res.output
    assert "RNN trained by 500 Adam updates" in res.stdout and ".npz" in res.stdout
    assert "share of answers within 0.15 of the marked value, on 1000 new random 8-step sequences: RNN" in res.stdout
    assert runner.invoke(app, ["demo", "birnn", "--trained"]).exit_code == 2
    assert runner.invoke(app, ["demo", "lstm", "--trained", "--random"]).exit_code == 2
