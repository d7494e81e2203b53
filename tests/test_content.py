"""The bundled banks: valid, bilingual, covering every claim of the article, consistent in terms."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from rnnquiz.bank.coverage import coverage
from rnnquiz.bank.load import load_catalog, load_claims
from rnnquiz.bank.schema import MCQ, Cloze, Flashcard, Multi, Numeric, Order, TypeIn
from rnnquiz.paths import content_dir
from rnnquiz.proofs.registry import PROOFS

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_MD = ROOT.parent / "shared" / "seed" / "CLAIMS.md"
TYPES = {"flashcard", "mcq", "multi", "truefalse", "typein", "cloze", "order", "numeric", "explain"}


@pytest.fixture(scope="module")
def cat():
    catalog = load_catalog(bundled=True)
    assert catalog.errors == [], "\n".join(map(str, catalog.errors))
    return catalog


def texts(q) -> dict[str, list[str]]:
    """Every text of a question by language (prompt, answers, choices, items, explanation, misconception)."""
    out: dict[str, list[str]] = {"en": [], "zh": []}
    parts = [q.prompt, q.explanation]
    if q.misconception:
        parts.append(q.misconception)
    if isinstance(q, Flashcard):
        parts.append(q.answer)
    if isinstance(q, MCQ | Multi):
        for c in q.choices:
            parts += [c.text] + ([c.why] if c.why else [])
    if isinstance(q, Order):
        parts += list(q.items)
    if isinstance(q, Cloze):
        parts.append(q.text)
    for t in parts:
        for lang in ("en", "zh"):
            value = getattr(t, lang)
            if value is not None:
                out[lang].append(value)
    return out


@pytest.mark.skipif(not CLAIMS_MD.exists(), reason="../shared/seed/CLAIMS.md is not beside this checkout")
def test_claims_yaml_agrees_with_claims_md() -> None:
    md = CLAIMS_MD.read_text(encoding="utf-8")
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| ([RGL]\d+) \| (.*) \|$", md, re.M)}
    claims = load_claims(content_dir() / "claims.yaml")
    assert list(claims) == list(rows)
    for cid, body in rows.items():
        assert claims[cid].prove == ("**[prove]**" in body), cid
        assert claims[cid].errata == ("**[errata]**" in body), cid
        assert claims[cid].nuance == ("**[nuance]**" in body), cid
        assert claims[cid].title.en and claims[cid].title.zh


def test_published_ids_never_disappear(cat) -> None:
    published = [ln.strip() for ln in (content_dir() / "published_ids.txt").read_text().splitlines()
                 if ln.strip() and not ln.startswith("#")]
    assert len(published) == len(set(published))
    missing = sorted(set(published) - set(cat.questions))
    assert not missing, f"published ids removed or renamed: {missing}"
    unpublished = sorted(set(cat.questions) - set(published))
    assert not unpublished, f"add these new ids to content/published_ids.txt: {unpublished}"


def test_every_bundled_bank_is_bilingual_and_named_after_its_file(cat) -> None:
    stems = {Path(bank.path).stem for bank in cat.banks}
    for bank in cat.banks:
        # explain.yaml holds explain questions in the topics of the other banks (several topics, one file)
        assert Path(bank.path).stem == bank.topic or (Path(bank.path).name == "explain.yaml" and bank.topic in stems)
        assert set(bank.languages) == {"en", "zh"}


def test_lstm_bank_uses_every_type(cat) -> None:
    assert {q.type for q in cat.questions.values() if q.topic == "lstm"} == TYPES


def test_sizes(cat) -> None:
    qs = list(cat.questions.values())
    counts = Counter(q.type for q in qs)
    assert len(qs) >= 120, len(qs)
    assert set(counts) == TYPES
    assert counts["numeric"] >= 15, counts
    assert sum(q.claims == ("extra",) for q in qs) >= 40


def test_each_claim_two_questions_of_two_types(cat) -> None:
    gaps = [f"{r.claim}: {len(r.questions)} questions, types {r.types}" for r in coverage(cat) if not r.meets_rule]
    assert not gaps, gaps


def test_errata_claims_state_the_misconception(cat) -> None:
    for cid, claim in cat.claims.items():
        if claim.errata:
            assert any(cid in q.claims and q.misconception for q in cat.questions.values()), cid


def test_prove_claims_have_a_proof(cat) -> None:
    for cid, claim in cat.claims.items():
        if claim.prove:
            proofs = {q.proof for q in cat.questions.values() if cid in q.claims and q.proof}
            assert proofs, f"{cid} is [prove] but no question names a proof"
            assert proofs <= set(PROOFS)


def test_every_question_of_a_prove_claim_names_a_proof(cat) -> None:
    """Issue 5: a question on a claim marked [prove] shows its `rnnquiz prove` command."""
    prove = {cid for cid, claim in cat.claims.items() if claim.prove}
    missing = [q.id for q in cat.questions.values() if set(q.claims) & prove and not q.proof]
    assert not missing, missing


def test_bilingual_complete(cat) -> None:
    for q in cat.questions.values():
        for t in (q.prompt, q.explanation):
            assert t.en and t.zh, q.id
        if isinstance(q, TypeIn):
            assert q.accept.get("en") and q.accept.get("zh"), q.id
        en, zh = texts(q)["en"], texts(q)["zh"]
        assert len(en) == len(zh), q.id
        for z in zh:
            assert re.search(r"[\u4e00-\u9fff]", z) or not re.search(r"[A-Za-z]{4,}\s+[A-Za-z]{4,}\s+[A-Za-z]{4,}", z), (q.id, z)


def test_no_two_questions_share_a_prompt(cat) -> None:
    for lang in ("en", "zh"):
        prompts = Counter(" ".join(q.prompt.get(lang).split()) + (grade_text(q, lang)) for q in cat.questions.values())
        dup = [p for p, n in prompts.items() if n > 1]
        assert not dup, dup


def grade_text(q, lang: str) -> str:
    return q.text.get(lang) if isinstance(q, Cloze) else ""


def test_explanations_are_short(cat) -> None:
    for q in cat.questions.values():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", q.explanation.en.strip()) if s]
        assert 1 <= len(sentences) <= 7, (q.id, len(sentences))


def test_mcq_wrong_choices_say_why(cat) -> None:
    for q in cat.questions.values():
        if isinstance(q, MCQ | Multi):
            for c in q.choices:
                assert c.correct or c.why is not None, (q.id, c.text.en)


def test_terminology_follows_glossary(cat) -> None:
    problems = []
    for term in cat.glossary:
        en = term["en"]
        zh_forms = [term["zh"], *((term.get("variants") or {}).get("zh") or [])]
        pattern = re.compile(rf"(?<![A-Za-z]){re.escape(en)}(?![A-Za-z])", re.I)
        for q in cat.questions.values():
            t = texts(q)
            if any(pattern.search(s) for s in t["en"]) and not any(f in s for s in t["zh"] for f in zh_forms):
                problems.append(f"{q.id}: English uses {en!r}, Chinese has none of {zh_forms}")
    assert not problems, "\n".join(problems)


def test_glossary_terms_are_unique(cat) -> None:
    ens = Counter(t["en"].lower() for t in cat.glossary)
    assert all(n == 1 for n in ens.values()), [e for e, n in ens.items() if n > 1]


def pattern_shape(models, pattern: str, T: int, B: int, q: int, T_out: int | None) -> tuple[int, ...]:
    """Run a real RNN and output layer in the given input/output pattern; return the outputs' shape."""
    import numpy as np

    d, h = 3, 4
    rnn, head = models.RNN(d, h, seed=0), models.Linear(h, q, seed=1)
    if pattern == "one-to-one":
        Y, _, _ = rnn.forward(np.ones((1, B, d)))
    elif pattern == "one-to-many":  # one input, then zero vectors
        X = np.zeros((T_out, B, d))
        X[0] = 1.0
        Y, _, _ = rnn.forward(X)
    elif pattern == "many-to-one":
        Y, _, _ = rnn.forward(np.ones((T, B, d)))
        Y = Y[-1:]
    elif pattern == "many-to-many":
        Y, _, _ = rnn.forward(np.ones((T, B, d)))
    else:  # seq2seq: the encoder's final state starts a decoder that runs T_out steps
        _, state, _ = rnn.forward(np.ones((T, B, d)))
        Y, _, _ = models.RNN(d, h, seed=2).forward(np.zeros((T_out, B, d)), state)
    O, _ = head.forward(Y)
    return O.shape


def test_numeric_generators_match_the_models(cat) -> None:
    """Every parameter-count and shape generator equals what the NumPy models compute."""
    models = pytest.importorskip("rnnquiz.models")
    from rnnquiz.bank import grade

    checked = Counter()
    for q in cat.questions.values():
        if not (isinstance(q, Numeric) and q.generator):
            continue
        for seed in range(3):
            item = grade.prepare(q, seed)
            name, p = q.generator.name, item.params
            if name == "param_count":
                nd = 2 if p.get("bidirectional") else 1
                expected = models.param_count(
                    p["cell"], p["d"], p["h"], bias=p.get("bias", "single"), layers=p.get("layers", 1),
                    bidirectional=p.get("bidirectional", False),
                )
                if p.get("q"):
                    expected += sum(a.size for a in models.Linear(nd * p["h"], p["q"]).params.values())
            elif name == "output_dim":
                shapes = models.output_shapes("lstm", p["T"], p["B"], 3, p["h"], layers=p.get("layers", 1),
                                              bidirectional=p.get("bidirectional", False))
                expected = {"output": shapes["outputs"], "h_n": shapes["h_n"], "c_n": shapes["c_n"]}[p["what"]][p["dim"]]
            else:
                shape = pattern_shape(models, p["pattern"], p.get("T", 1), p.get("B", 1), p.get("q", 1), p.get("T_out"))
                expected = shape[p["dim"]]
            assert item.value == expected, (q.id, p, item.value, expected)
            checked[name] += 1
    assert set(checked) == {"param_count", "output_dim", "pattern_dim"}, checked
