"""`rnnquiz prove` and `rnnquiz demo` from the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

from typer.testing import CliRunner

from rnnquiz.cli import app
from rnnquiz.proofs.result import ProofResult

DATA = Path(__file__).resolve().parent.parent / "data"
runner = CliRunner()


def test_prove_json_shape():
    res = runner.invoke(app, ["prove", "memory", "--json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["version"] == 1
    (p,) = doc["proofs"]
    assert {"id", "claims", "setup", "figures", "checks", "citation", "seconds"} <= set(p)
    assert p["id"] == "memory" and p["claims"] == ["R3", "R4", "R5"]
    assert isinstance(p["figures"], dict) and p["figures"]
    assert all({"name", "passed", "detail"} <= set(c) for c in p["checks"])


def test_prove_text_shows_checks_and_chart():
    res = runner.invoke(app, ["prove", "lstm-carousel"])
    assert res.exit_code == 0, res.output
    assert "claims L5" in res.stdout and "✓ carousel: C barely drifts" in res.stdout
    assert "Hochreiter" in res.stdout and "└" in res.stdout  # citation, chart frame


def test_prove_zh_labels():
    res = runner.invoke(app, ["prove", "gru-reset", "--lang", "zh", "--no-charts"])
    assert res.exit_code == 0, res.output
    assert "论断" in res.stdout and "重置门" in res.stdout


def test_failed_check_exits_1(monkeypatch):
    from rnnquiz.proofs.experiments import rnn

    def failing(seed, quick):
        r = ProofResult.start("memory", seed, quick)
        r.setup = "forced"
        r.check("always fails", False, "0 > 1")
        return r

    monkeypatch.setattr(rnn, "memory", failing)
    res = runner.invoke(app, ["prove", "memory"])
    assert res.exit_code == 1, res.output
    assert "✗ always fails" in res.stdout


def test_unknown_id_exits_2():
    res = runner.invoke(app, ["prove", "no-such-thing"])
    assert res.exit_code == 2


def test_question_id_runs_its_proof():
    res = runner.invoke(app, ["prove", "example/example-mcq", "--bank", str(DATA / "good" / "example.yaml"), "--json"])
    assert res.exit_code == 0, res.output
    assert [p["id"] for p in json.loads(res.stdout)["proofs"]] == ["gate-ranges"]


def test_list_shows_every_proof_built():
    res = runner.invoke(app, ["prove", "--list", "--json"])
    assert res.exit_code == 0
    proofs = json.loads(res.stdout)["proofs"]
    from rnnquiz.proofs.registry import PROOFS

    assert len(proofs) == len(PROOFS) >= 30 and all(p["built"] for p in proofs)


def test_all_json_quick_subset(monkeypatch):
    # --all runs every built proof: restrict the registry to two cheap ones to keep this fast.
    from rnnquiz.proofs import registry

    keep = {k: v for k, v in registry.PROOFS.items() if k in ("conventions", "io-patterns")}
    monkeypatch.setattr(registry, "PROOFS", keep)
    res = runner.invoke(app, ["prove", "--all", "--quick", "--json"])
    assert res.exit_code == 0, res.output
    assert {p["id"] for p in json.loads(res.stdout)["proofs"]} == set(keep)


def test_print_result_marks_failures():
    from rich.console import Console

    from rnnquiz.render.proof import print_result

    r = ProofResult.start("memory", 0, False)
    r.setup = "s"
    r.table("v")
    r.row("a [x]", 1.5)  # brackets print literally
    r.check_lt("small", 2.0, 1.0, "x")
    buf = io.StringIO()
    print_result(Console(file=buf, width=80, color_system=None), r, "en")
    text = buf.getvalue()
    assert "✗ small" in text and "x = 2 < 1" in text and "a [x]" in text


def test_list_columns_have_headers_in_both_languages():
    for lang, heads in (("en", ("proof", "claims", "runtime", "status", "title")), ("zh", ("证明", "论断", "耗时", "状态", "标题"))):
        res = runner.invoke(app, ["prove", "--list", "--lang", lang])
        assert res.exit_code == 0, res.output
        first = res.stdout.splitlines()[0]
        assert all(h in first for h in heads), first


def test_prove_question_uses_its_own_numbers_and_answers_in_one_line(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    from rnnquiz.bank.grade import prepare
    from rnnquiz.commands.common import load

    q = load(None).questions["practice-stacked-bilstm-with-head"]
    item = prepare(q, 7)  # what `quiz --seed 7` asks
    res = runner.invoke(app, ["prove", q.id, "--seed", "7", "--no-charts"])
    assert res.exit_code == 0, res.output
    answers = [ln for ln in res.stdout.splitlines() if ln.startswith("Answer: ")]
    assert len(answers) == 1 and str(int(item.value)) in res.stdout.replace("\n", " ")
    doc = json.loads(runner.invoke(app, ["prove", q.id, "--seed", "7", "--json"]).stdout)
    (p,) = doc["proofs"]
    assert p["params"]["d"] == item.params["d"] and p["params"]["h"] == item.params["h"]
    assert str(int(item.value)) in p["answer"]
    other = json.loads(runner.invoke(app, ["prove", q.id, "--seed", "8", "--json"]).stdout)["proofs"][0]
    assert other["params"] != p["params"] or prepare(q, 8).params == item.params


def test_prove_fixed_number_question_and_zh_answer():
    res = runner.invoke(app, ["prove", "rnn-conv-receptive-field", "--no-charts", "--lang", "zh"])
    assert res.exit_code == 0, res.output
    assert "答案：" in res.stdout and "= 9" in res.stdout  # 4 layers of kernel 3: 4·2 + 1


def test_zh_proof_screen_has_no_english_ui_labels():
    res = runner.invoke(app, ["prove", "forget-gate", "--lang", "zh"])
    assert res.exit_code == 0, res.output
    for word in ("setup", "figure", "claims", "legend", "all checks passed", "margin", "log scale"):
        assert word not in res.stdout, word
    assert "图例：" in res.stdout and "对数刻度" in res.stdout and "余量" in res.stdout


def test_chart_legend_is_below_the_plot_and_names_undrawn_series():
    from rnnquiz.proofs.result import Chart, Series
    from rnnquiz.render.proof import chart_text

    c = Chart("t", "x", "y", logy=True)
    c.series += [Series("up", [1.0, 2.0, 3.0], [1.0, 10.0, 100.0]), Series("zero", [1.0, 2.0], [0.0, 0.0])]
    text = chart_text(c, 60, color=False).plain
    lines = text.splitlines()
    frame_end = max(i for i, ln in enumerate(lines) if "└" in ln)
    legend = [i for i, ln in enumerate(lines) if ln.startswith("legend: ")]
    assert legend and legend[0] > frame_end  # outside the plot: it cannot cover a series
    assert "• up" in lines[legend[0]] and "zero: not drawn" in lines[legend[0]]
    assert "(log scale)" in text
