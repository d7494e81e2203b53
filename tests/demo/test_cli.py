"""`rnnquiz demo` off a terminal: the whole trace once, plain; --json; --svg/--html; errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rnnquiz.cli import app
from rnnquiz.demo import deeper as deeper_mod
from rnnquiz.demo.trace import trace

runner = CliRunner()


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn", "birnn", "bptt"])
def test_pipe_prints_every_step_plain_and_the_way_on(kind):
    res = runner.invoke(app, ["demo", kind, "--steps", "6"])
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "\x1b[" not in out
    steps = [f"step {t} of 6" for t in range(1, 7)] if kind != "bptt" else [f"step {t} (going back" for t in range(6, 0, -1)]
    positions = [out.index(s) for s in steps]
    assert positions == sorted(positions)  # every step, in the order it is stepped
    assert out.count("► ") == 6 and "Go deeper:" in out and f"rnnquiz demo {kind} --random" in out
    assert runner.invoke(app, ["demo", kind, "--steps", "6"]).stdout == out  # deterministic


def test_pipe_lstm_shows_the_marker_step_equations():
    res = runner.invoke(app, ["demo", "lstm", "--at", "4"])
    assert res.exit_code == 0, res.output
    assert "step 4 of 8" in res.stdout and "step 3 of 8" not in res.stdout
    assert "I_t = σ(X_tW_xi + H_{t−1}W_hi + b_i) = σ(10.00 + 0.00 − 5.00) = 0.99" in res.stdout
    assert "The marker arrives: the input gate opens to 0.99" in res.stdout


def test_no_color_in_a_terminal_is_plain_too(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    res = runner.invoke(app, ["demo", "gru", "--steps", "3"])
    assert res.exit_code == 0 and "\x1b[" not in res.stdout and "step 3 of 3" in res.stdout


def test_zh_labels_and_sentences():
    res = runner.invoke(app, ["demo", "lstm", "--lang", "zh", "--at", "4"])
    assert res.exit_code == 0, res.output
    for label in ("输入门", "遗忘门", "输出门", "候选记忆", "记忆细胞", "隐藏状态", "标记到来：输入门打开到 0.99", "深入学习："):
        assert label in res.stdout


def test_json_has_every_step_with_equations_and_sentence():
    res = runner.invoke(app, ["demo", "lstm", "--json", "--unit", "2"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["version"] == 1 and doc["unit"] == 2
    steps = doc["demo"]["steps"]
    assert len(steps) == 8 and steps[0]["values"]["I"][1] > 0.9  # unit 2 ("now") writes every step
    assert all(s["equations"] and s["sentence"] for s in steps)
    assert "lstm-carousel" in doc["deeper"]["proofs"]


def test_svg_checks_the_path_before_computing(tmp_path, monkeypatch):
    def boom(*a, **k):
        raise AssertionError("computed before checking the path")

    monkeypatch.setattr("rnnquiz.demo.trace.trace", boom)
    res = runner.invoke(app, ["demo", "lstm", "--svg", str(tmp_path / "no" / "such" / "x.svg")])
    assert res.exit_code == 2 and "does not exist" in res.stderr
    res = runner.invoke(app, ["demo", "lstm", "--html", str(tmp_path)])
    assert res.exit_code == 2 and "is a folder" in res.stderr


def test_svg_and_html_save_the_whole_trace_and_say_where(tmp_path):
    svg, html = tmp_path / "d.svg", tmp_path / "d.html"
    res = runner.invoke(app, ["demo", "gru", "--svg", str(svg), "--html", str(html)])
    assert res.exit_code == 0, res.output
    assert f"Saved the whole trace to {svg}" in res.stdout and f"Saved the whole trace to {html}" in res.stdout
    text = svg.read_text().replace("&#160;", " ")
    assert text.startswith("<svg") and "step 8 of 8" in text and "step 1 of 8" in text
    assert "update gate" in html.read_text()


@pytest.mark.parametrize("args, message", [
    (["demo", "transformer"], "No demo named"),
    (["demo", "lstm", "--hidden", "3"], "--hidden applies to --random"),
    (["demo", "lstm", "--at", "9"], "past the last step"),
    (["demo", "lstm", "--unit", "3"], "this model has 2 units"),
])
def test_bad_options_exit_2_with_one_line(args, message):
    res = runner.invoke(app, args)
    assert res.exit_code == 2 and message in res.stderr and "Traceback" not in res.output


def test_random_keeps_the_untrained_view():
    res = runner.invoke(app, ["demo", "lstm", "--random", "--hidden", "3", "--at", "1"])
    assert res.exit_code == 0, res.output
    assert "random weights" in res.stdout and "unit 3" in res.stdout


def test_go_deeper_ids_exist_in_the_registry_claims_and_banks():
    from rnnquiz.bank.cache import cached_catalog
    from rnnquiz.bank.load import load_claims
    from rnnquiz.paths import content_dir
    from rnnquiz.proofs.registry import PROOFS

    claims = load_claims(content_dir() / "claims.yaml")
    questions = cached_catalog(()).questions
    for kind, ids in deeper_mod.CLAIMS.items():
        assert set(ids) <= set(claims), kind
        found = deeper_mod.deeper(kind)
        assert found.proofs and found.questions, kind
        assert all(pid in PROOFS for pid, _ in found.proofs)
        assert all(qid in questions and set(questions[qid].claims) & set(ids) for qid in found.questions)
        assert found.topic in {e.topic for e in questions.values()}
    assert trace("lstm").kind == "lstm"
