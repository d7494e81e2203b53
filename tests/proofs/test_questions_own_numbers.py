"""`prove QUESTION-ID --seed S` runs the question's own numbers: every generated question, seeds 0–9.

For each (question, seed) the test draws the question as `quiz --seed S` shows it (``prepare``), runs the
real command with ``--json``, and checks that the proof recorded and printed exactly the drawn numbers, and
that its answer line states the drawn answer. A proof that silently ran its defaults fails here.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from rnnquiz.bank.grade import prepare
from rnnquiz.cli import app
from rnnquiz.commands.common import load

runner = CliRunner()
CAT = load(None)
GENERATED = sorted(qid for qid, q in CAT.questions.items() if getattr(q, "generator", None) is not None)

# Parameters a proof does not take because its design fixes them, with the value it fixes (checked equal).
FIXED_BY_DESIGN = {
    "birnn-future": {"bidirectional": True, "layers": 1, "cell": "rnn"},
    "padding": {"bidirectional": False, "layers": 1, "cell": "gru"},
    "io-patterns": {},
    "parameter-count": {},
    "output-shapes": {},
}
ASKED = {"what", "dim", "pattern"}  # which number is asked: checked through the answer line


def test_every_generated_question_is_covered():
    assert len(GENERATED) >= 20
    assert {CAT.questions[q].proof for q in GENERATED} <= set(FIXED_BY_DESIGN)


@pytest.mark.parametrize("qid", GENERATED)
def test_prove_question_runs_the_drawn_numbers(qid):
    q = CAT.questions[qid]
    fixed = FIXED_BY_DESIGN[q.proof]
    for seed in range(10):
        item = prepare(q, seed)
        res = runner.invoke(app, ["prove", qid, "--seed", str(seed), "--json"])
        assert res.exit_code == 0, (seed, res.output)
        (p,) = json.loads(res.stdout)["proofs"]
        assert p["id"] == q.proof and p["seed"] == seed
        setup, answer, ran = p["setup"], p["answer"], p["params"]
        for k, v in item.params.items():
            if k in ASKED:
                continue
            if k in fixed:
                assert fixed[k] == v, (seed, k, v)
                continue
            assert k in ran and ran[k] == v, (qid, seed, k, v, ran)
            if isinstance(v, int) and not isinstance(v, bool):
                name = r"(?:num_)?layers" if k == "layers" else re.escape(k)
                assert re.search(rf"(?<![A-Za-z_]){name}={v}(?!\d)", setup), (qid, seed, k, v, setup)
        value = int(item.value)
        if "dim" in item.params:
            dim = item.params["dim"]
            assert re.search(rf"size\({dim}\) = [^;]*(?<!\d){value}(?!\d)", answer), (qid, seed, answer)
        else:
            assert re.search(rf"(?<!\d){value}(?!\d)", answer), (qid, seed, value, answer)
        if "pattern" in item.params:
            assert answer.startswith(item.params["pattern"]), (qid, seed, answer)
