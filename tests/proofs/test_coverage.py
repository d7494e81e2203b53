"""Which questions have a proof, and that each proof measures what its questions claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rnnquiz.bank.load import load_catalog
from rnnquiz.proofs.registry import PROOFS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cat():
    return load_catalog(bundled=True)


def test_at_least_150_questions_name_a_proof(cat):
    named = [q.id for q in cat.questions.values() if q.proof]
    assert len(named) >= 150, f"{len(named)}/{len(cat.questions)} questions name a proof"


def test_the_proof_a_question_names_lists_that_questions_claims(cat):
    """Every claim of a topic-bank question is listed by its proof. Explain questions (explain.yaml, several
    claims each, type explain, mapped by another area) must share at least one claim with their proof."""
    wrong = []
    for q in cat.questions.values():
        if not q.proof:
            continue
        listed = set(PROOFS[q.proof].claims)
        if (q.type == "explain" and not set(q.claims) & listed) or (q.type != "explain" and not set(q.claims) <= listed):
            wrong.append((q.id, q.proof, sorted(set(q.claims) - listed)))
    assert not wrong, wrong


def test_topic_banks_have_at_least_150_of_their_questions_proved(cat):
    topical = [q for q in cat.questions.values() if q.type != "explain"]
    assert sum(1 for q in topical if q.proof) >= 150, f"{sum(1 for q in topical if q.proof)}/{len(topical)}"


def test_every_named_proof_is_built(cat):
    assert {q.proof for q in cat.questions.values() if q.proof} <= {p for p, s in PROOFS.items() if s.built}


def test_questions_without_a_proof_are_listed_in_the_content_readme(cat):
    readme = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    missing = [q.id for q in cat.questions.values() if not q.proof and f"`{q.id}`" not in readme]
    assert not missing, f"no proof and no reason in content/README.md: {missing}"


def test_the_committed_proof_map_is_what_the_banks_say(cat):
    mapping = json.loads((ROOT / "benchmarks" / "proof_map.json").read_text(encoding="utf-8"))
    differ = {qid: (pid, cat.questions[qid].proof) for qid, pid in mapping.items()
              if qid in cat.questions and cat.questions[qid].proof != pid}
    assert not differ, differ
    assert set(mapping.values()) <= set(PROOFS)


def test_apply_proof_map_is_idempotent(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("apply_proof_map", ROOT / "benchmarks" / "apply_proof_map.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    text = ("questions:\n  - id: a\n    type: mcq\n    claims: [R1]\n    refs: []\n    proof: old\n"
            "    prompt: {en: x, zh: y}\n\n  # comment\n  - id: b\n    claims: [R2]\n")
    once, seen = mod.apply(text, {"a": "memory", "b": "detach"})
    assert seen == {"a", "b"}
    assert "    claims: [R1]\n    proof: memory\n    refs: []\n" in once and "proof: old" not in once
    assert "    claims: [R2]\n    proof: detach\n" in once and "  # comment\n" in once
    assert mod.apply(once, {"a": "memory", "b": "detach"})[0] == once


def test_validate_warns_for_a_measurable_claim_without_a_proof(cat):
    import copy
    import dataclasses

    from rnnquiz.bank.coverage import gaps

    assert not [g for g in gaps(cat) if "names no proof" in g]
    q = next(q for q in cat.questions.values() if q.proof and "R8" in q.claims)
    broken = copy.copy(cat)
    broken.questions = dict(cat.questions) | {q.id: dataclasses.replace(q, proof=None)}
    assert any(g.startswith(f"question {q.id}: claim R8 is measurable") for g in gaps(broken))


def test_every_question_proof_passes_with_the_questions_numbers_and_answers(cat):
    from rnnquiz.proofs.questions import question_params
    from rnnquiz.proofs.result import loc
    from rnnquiz.proofs.runner import run_proof

    done: dict = {}
    for q in cat.questions.values():
        if not q.proof:
            continue
        params = question_params(q, 0)
        key = (q.proof, repr(sorted(params.items())))
        if key not in done:
            done[key] = run_proof(q.proof, seed=0, quick=True, params=params)
        r = done[key]
        assert r.passed, (q.id, params, [loc(c.name) for c in r.checks if not c.passed])
        assert loc(r.answer, "en") and loc(r.answer, "zh"), q.id
