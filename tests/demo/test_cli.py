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
    assert "I_t = σ(X_tW_xi + H_{t−1}W_hi + b_i) = σ(10.000 + 0.000 − 5.000) = 0.993" in res.stdout
    assert "The marker arrives: the input gate opens to 0.99" in res.stdout


def test_no_color_in_a_terminal_is_plain_too(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    res = runner.invoke(app, ["demo", "gru", "--steps", "5"])
    assert res.exit_code == 0 and "\x1b[" not in res.stdout and "step 5 of 5" in res.stdout


def test_zh_labels_and_sentences():
    res = runner.invoke(app, ["demo", "lstm", "--lang", "zh", "--at", "4"])
    assert res.exit_code == 0, res.output
    for label in ("输入门", "遗忘门", "输出门", "候选记忆", "记忆细胞", "隐藏状态", "标记到来：输入门打开到 0.99", "继续学习："):
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
    said = " ".join(res.stdout.split())  # a long path (an xdist worker's tmp folder) wraps onto its own line
    assert f"Saved the whole trace to {svg}" in said and f"Saved the whole trace to {html}" in said
    text = svg.read_text().replace("&#160;", " ")
    assert text.startswith("<svg") and "step 8 of 8" in text and "step 1 of 8" in text
    assert "update gate" in html.read_text()


@pytest.mark.parametrize("args, message", [
    (["demo", "transformer"], "No demo named"),
    (["demo", "lstm", "--hidden", "3"], "--hidden applies to --random"),
    (["demo", "lstm", "--at", "9"], "past the last step"),
    (["demo", "lstm", "--unit", "3"], "this model has 2 units"),
    (["demo", "lstm", "--seed", "-5"], "--seed -5: give a seed of 0 or more"),
    (["demo", "bptt", "--random", "--seed", "-1"], "--seed -1"),
    (["demo", "birnn", "--trained"], "demo birnn has no --trained model"),
    (["demo", "lstm", "--trained", "--random"], "--trained and --random exclude each other: pick one"),
    (["demo", "lstm", "--json", "--svg", "x.svg"], "--svg cannot be combined with --json"),
    (["demo", "lstm", "--json", "--html", "x.html"], "--html cannot be combined with --json"),
    (["demo", "lstm", "--svg", "-"], "--svg -: give a file name"),
    (["demo", "lstm", "--steps", "4"], "5<=x<=30"),
])
def test_bad_options_exit_2_with_one_line(args, message):
    res = runner.invoke(app, args)
    assert res.exit_code == 2 and message in res.stderr and "Traceback" not in res.output
    assert res.stderr.count("\n") == 1 or "5<=x<=30" in message  # click's own range message has a usage line


def test_birnn_trained_error_does_not_mention_random_as_the_cause():
    res = runner.invoke(app, ["demo", "birnn", "--trained"])
    assert "exclude" not in res.stderr


def test_json_has_the_output_layer_and_honours_at():
    doc = json.loads(runner.invoke(app, ["demo", "lstm", "--json"]).stdout)["demo"]
    assert len(doc["weights"]["W_hq"]) == 2 and isinstance(doc["weights"]["b_q"], float)
    tr = trace("lstm")
    assert doc["weights"]["W_hq"] == pytest.approx(tr.weights["W_hq"])
    bptt = json.loads(runner.invoke(app, ["demo", "bptt", "--json"]).stdout)["demo"]["weights"]
    assert {"rnn_W_hq", "rnn_b_q", "lstm_W_hq", "lstm_b_q"} <= set(bptt)
    one = json.loads(runner.invoke(app, ["demo", "lstm", "--json", "--at", "4"]).stdout)["demo"]
    assert [st["t"] for st in one["steps"]] == [4] and one["step_index"] == 3
    back = json.loads(runner.invoke(app, ["demo", "bptt", "--json", "--at", "3"]).stdout)["demo"]
    assert [st["t"] for st in back["steps"]] == [3]


@pytest.mark.parametrize("kind, note", [("lstm", "First step: the state starts from H_0 = 0, C_0 = 0."),
                                        ("bptt", "First step back: the gradient starts at the answer, at the last"),
                                        ("birnn", "←H runs from the end and starts from ←H_9 = 0")])
def test_first_step_note_fits_the_kind(kind, note):
    res = runner.invoke(app, ["demo", kind, "--at", "16" if kind == "bptt" else "1", "--steps", "16" if kind == "bptt" else "8"],
                        env={"COLUMNS": "200"})
    assert note in res.stdout, res.stdout
    assert "H_0 = 0" not in res.stdout or kind != "bptt"


def test_header_says_what_the_accuracy_is_measured_on():
    out = runner.invoke(app, ["demo", "lstm", "--at", "1"], env={"COLUMNS": "200"}).stdout
    assert "(--json prints every weight)" in out and "all of them: --json" not in out
    assert "on 1000 new random 8-step sequences: LSTM 100 %" in out and "held-out" not in out
    zh = runner.invoke(app, ["demo", "bptt", "--lang", "zh", "--at", "16"], env={"COLUMNS": "200"}).stdout
    assert "RNN 13 %，LSTM" in zh and "与第" not in zh


def test_pipe_exits_0_when_the_reader_leaves(tmp_path):
    import os
    import subprocess
    import sys

    env = os.environ | {"RNNQUIZ_HOME": str(tmp_path)}
    proc = subprocess.run(f"{sys.executable} -m rnnquiz demo lstm | head -3", shell=True, env=env, capture_output=True,
                          text=True, executable="/bin/bash")
    assert proc.stdout.count("\n") == 3
    proc = subprocess.run(f"set -o pipefail; {sys.executable} -m rnnquiz demo lstm | head -3 >/dev/null", shell=True,
                          env=env, capture_output=True, text=True, executable="/bin/bash")
    assert proc.returncode == 0 and proc.stderr == ""


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


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("columns", ["60", "80", "100"])
def test_go_deeper_never_cuts_a_description(lang, columns):
    for kind in ("lstm", "bptt"):
        out = runner.invoke(app, ["demo", kind, "--lang", lang, "--at", "5"], env={"COLUMNS": columns}).stdout
        block = out[out.index("继续学习：" if lang == "zh" else "Go deeper:"):]
        assert "…" not in block, block
        shows = [line for line in block.splitlines() if line.startswith("rnnquiz show")]
        assert shows and all(len(line.split(maxsplit=3)) == 4 for line in shows), block  # each says what it asks
