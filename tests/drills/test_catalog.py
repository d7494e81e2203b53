"""The drill catalog: enough drills, both languages, ids that collide with nothing, links that resolve."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from rnnquiz.drills.catalog import DRILLS, get
from rnnquiz.drills.checks import CHECKS
from rnnquiz.drills.starter import starter_text
from rnnquiz.errors import UsageError
from rnnquiz.paths import content_dir
from rnnquiz.proofs.registry import PROOFS

REQUIRED = {"rnn-step-forward", "rnn-step-backward", "rnn-bptt", "gru-cell-d2l", "gru-cell-torch", "lstm-cell-forward",
            "lstm-cell-backward", "clip-global-norm", "tbptt-chunks", "birnn-layer", "param-count", "stable-sigmoid",
            "last-valid-state"}


def test_the_issue_drills_exist_with_a_check_each() -> None:
    ids = {d.id for d in DRILLS}
    assert len(DRILLS) >= 12 and REQUIRED <= ids
    assert set(CHECKS) == ids
    assert len({d.function for d in DRILLS}) == len(DRILLS)


def test_ids_are_distinct_from_question_and_proof_ids() -> None:
    from rnnquiz.bank.load import load_catalog

    questions = set(load_catalog([]).questions)
    ids = {d.id for d in DRILLS}
    assert not ids & questions
    assert not ids & set(PROOFS)


def test_claims_and_proofs_resolve() -> None:
    claims = {c["id"] for c in yaml.safe_load((content_dir() / "claims.yaml").read_text(encoding="utf-8"))["claims"]}
    for d in DRILLS:
        assert d.claims and set(d.claims) <= claims, d.id
        assert d.proofs and set(d.proofs) <= set(PROOFS), d.id


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
def test_every_text_has_both_languages(drill) -> None:
    texts = [drill.title, drill.task, drill.returns, drill.notation, *drill.hints]
    texts += [v.sentence for v in CHECKS[drill.id].variants]
    for text in texts:
        assert text.en and text.zh, (drill.id, text)
        assert text.en != text.zh
    assert len(drill.hints) >= 3
    assert 1 <= drill.difficulty <= 3


@pytest.mark.parametrize("drill", DRILLS, ids=lambda d: d.id)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_starter_compiles_states_the_signature_and_task(drill, lang: str) -> None:
    text = starter_text(drill, lang)
    compile(text, "starter.py", "exec")
    assert f"def {drill.function}({', '.join(drill.args)}):" in text
    assert drill.title.get(lang) in text
    assert drill.notation.get(lang) in text


def test_unknown_drill_is_a_usage_error_with_suggestions() -> None:
    with pytest.raises(UsageError, match="lstm-cell-forward"):
        get("lstm-cell-forwrd")
    assert get("drill:rnn-bptt").id == "rnn-bptt"


@pytest.mark.parametrize("drill_id", sorted(CHECKS))
def test_every_variant_differs_from_the_reference(drill_id: str) -> None:
    """A variant equal to the reference could never be told apart: each must differ on some case."""
    from rnnquiz.drills.grade import _call, _grads_keys, compare, normalize

    check = CHECKS[drill_id]
    cases = check.cases(np.random.default_rng(0))
    for v in check.variants:
        differs = False
        for c in cases:
            ref = normalize(_call(check.reference, c, meta=True), check, _grads_keys(c))
            try:
                with np.errstate(all="ignore"):
                    got = normalize(_call(v.fn, c, meta=False), check, _grads_keys(c))
            except Exception:
                differs = True
                continue
            if compare(got, ref, 1e-8 if c.test == "tails" else check.rtol, 0.0 if c.test == "tails" else check.atol):
                differs = True
        assert differs, (drill_id, v.id)


def test_every_test_id_has_a_label_in_both_languages() -> None:
    from rnnquiz.drills.grade import _test_ids
    from rnnquiz.i18n import _DRILL, STRINGS

    for drill_id, check in CHECKS.items():
        for tid, _ in _test_ids(check, check.cases(np.random.default_rng(0))):
            assert f"drill.test.{tid}" in STRINGS, (drill_id, tid)
    for key, entry in _DRILL.items():
        assert key.startswith("drill.") and entry["en"] and entry["zh"], key
        assert not entry["zh"].rstrip().endswith(":"), key  # full-width punctuation in Chinese labels


def test_review_prompt_names_the_commands() -> None:
    from rnnquiz.drills.catalog import card_ids, review_prompt

    assert card_ids()[0] == "drill:rnn-step-forward" and len(card_ids()) == len(DRILLS)
    for lang in ("en", "zh"):
        text = review_prompt("drill:lstm-cell-forward", lang)
        assert "rnnquiz drill check lstm-cell-forward" in text and "rnnquiz drill start lstm-cell-forward" in text
