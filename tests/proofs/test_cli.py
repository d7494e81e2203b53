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
    assert "claims L5" in res.stdout and "✓ carousel drift < 1e-4" in res.stdout
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
    assert len(proofs) == 20 and all(p["built"] for p in proofs)


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
