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


def published_ids() -> tuple[list[str], dict[str, str]]:
    """(every published id, retired id -> its note) from content/published_ids.txt."""
    ids, retired = [], {}
    for ln in (content_dir() / "published_ids.txt").read_text(encoding="utf-8").splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        qid, _, note = ln.partition("#")
        ids.append(qid.strip())
        if note.strip().startswith("retired"):
            retired[qid.strip()] = note.strip()
    return ids, retired


def test_published_ids_never_disappear(cat) -> None:
    published, retired = published_ids()
    assert len(published) == len(set(published))
    missing = sorted(set(published) - set(retired) - set(cat.questions))
    assert not missing, f"published ids removed or renamed: {missing}"
    unpublished = sorted(set(cat.questions) - set(published))
    assert not unpublished, f"add these new ids to content/published_ids.txt: {unpublished}"


def test_retired_ids_are_gone_for_good_with_a_note(cat) -> None:
    """A question whose meaning changed got a new id; the old id is never reused (its history would attach
    to a different question) and says why it was retired and what replaced it."""
    published, retired = published_ids()
    assert retired, "the mechanism is in use (practice-layernorm-axis)"
    for qid, note in retired.items():
        assert qid not in cat.questions, f"{qid} is retired but still in a bank"
        m = re.search(r"replaced by ([a-z0-9-]+)", note)
        assert re.match(r"retired \d{4}-\d{2}: \S", note) and m, (qid, note)
        assert m[1] in cat.questions and m[1] in published, (qid, m[1])


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


def test_d2l_references_name_both_editions(cat) -> None:
    """Every d2l section a bank names exists in content/d2l-sections.tsv, and is shown with both editions'
    numbers, the reader's edition first; section numbers written in a question's text agree with the table."""
    from rnnquiz.bank import d2l

    by_en, by_zh = d2l.table()
    assert by_en["10.2"].zh == "9.1" and by_en["10.2"].en_title == "Gated Recurrent Units (GRU)"
    assert by_zh["9.2"].zh_title == "长短期记忆网络（LSTM）" and by_zh["9.2"].en == "10.1"
    problems, seen = [], 0
    for q in cat.questions.values():
        for ref in q.refs:
            if "d2l" not in ref:
                continue
            seen += 1
            problems += [f"{q.id}: {p}" for p in d2l.problems(ref)]
            en, zh = d2l.show(ref, "en"), d2l.show(ref, "zh")
            section, _ = d2l.lookup(d2l.REF.search(ref)["num"], "d2l-zh" in ref)
            if re.search(r"§\s*[\d.]+\s+only\b", ref):  # one edition's passage: shown in that edition alone
                edition = "d2l-zh §" if "d2l-zh" in ref else "d2l §"
                assert "d2l-zh §" not in en.replace(edition, "") and "d2l §" not in zh.replace(edition, ""), (q.id, en, zh)
                continue
            if section is not None:
                first_en = en.index("d2l §") if section.en else None
                first_zh = zh.index("d2l-zh §") if section.zh else None
                if section.en and section.zh:
                    assert first_en < en.index("d2l-zh §"), (q.id, en)  # English view: d2l first
                    assert first_zh < zh.index("d2l §"), (q.id, zh)  # Chinese view: d2l-zh first
        for lang, values in texts(q).items():
            for text in values:
                for m in re.finditer(r"d2l(-zh)? §(\d+(?:\.\d+)*)", text):
                    seen += 1
                    if d2l.lookup(m[2], bool(m[1]))[0] is None:
                        problems.append(f"{q.id} ({lang}): {m[0]} is not in the table")
                pair = re.search(r"d2l §(\d+\.\d+) / d2l-zh §(\d+\.\d+)|d2l-zh §(\d+\.\d+) / d2l §(\d+\.\d+)", text)
                if pair:
                    en_num, zh_num = (pair[1], pair[2]) if pair[1] else (pair[4], pair[3])
                    if by_en.get(en_num) is None or by_en[en_num].zh != zh_num:
                        problems.append(f"{q.id} ({lang}): {pair[0]} pairs two different sections")
                    if lang == "zh" and not pair[3]:
                        problems.append(f"{q.id} (zh): {pair[0]} should name d2l-zh first")
    assert seen > 100
    assert not problems, "\n".join(problems)


def test_d2l_show_puts_the_readers_edition_first() -> None:
    from rnnquiz.bank import d2l

    assert d2l.show("d2l-zh §8.5 only (train_epoch_ch8)", "en") == "d2l-zh §8.5 (Chinese edition only) (train_epoch_ch8)"
    assert d2l.show("d2l-zh §8.5 only (train_epoch_ch8)", "zh") == "d2l-zh §8.5 (train_epoch_ch8)"
    assert d2l.show("d2l §9.1 only", "zh") == "d2l §9.1（仅英文版有此内容）"
    assert d2l.show("d2l §9.1 only", "en") == "d2l §9.1"

    assert d2l.show("d2l §10.2", "en") == "d2l §10.2 / d2l-zh §9.1"
    assert d2l.show("d2l §10.2", "zh") == "d2l-zh §9.1 / d2l §10.2"
    assert d2l.show("d2l-zh §9.4.3", "zh") == "d2l-zh §9.4.3 / d2l §10.4"
    assert d2l.show("d2l §10.1 (the forget gate)", "zh") == "d2l-zh §9.2 / d2l §10.1 (the forget gate)"
    assert d2l.show("d2l §11.1", "en") == "d2l §11.1 (not in d2l-zh)"
    # a passage the editions keep in different sections, each number given (review 16-B: perplexity is d2l §9.3.2,
    # but d2l-zh §8.4.4, not the §8.3 that "d2l §9.3" showed Chinese readers)
    assert d2l.show("d2l §9.3.2 = d2l-zh §8.4.4", "en") == "d2l §9.3.2 / d2l-zh §8.4.4"
    assert d2l.show("d2l §9.3.2 = d2l-zh §8.4.4", "zh") == "d2l-zh §8.4.4 / d2l §9.3.2"
    assert d2l.problems("d2l §9.3.2 = d2l-zh §8.4.4") == []
    assert d2l.problems("d2l §9.3.2 / d2l-zh §8.4.4") != []  # without "=", two numbers must name one section
    assert d2l.problems("d2l §42.1") and d2l.problems("d2l §10.2 / d2l-zh §9.2")
    assert d2l.show("Pascanu et al. 2013", "zh") == "Pascanu et al. 2013"


# --- choices that need knowledge: no length, specificity or hedging shortcut ---------------------------

HEDGES = {"en": r"\b(usually|often|typically|generally|mostly|in principle|can|may|might|tends? to|about|roughly|largely)\b",
          "zh": r"通常|往往|一般|大多|原则上|可能|可以|约|大约|基本"}
ABSOLUTES = {"en": r"\b(always|never|every|all|only|cannot|impossible|exactly|any)\b",
             "zh": r"总是|永远|从不|所有|全部|只|不可能|恰好|任何|根本"}


def width(text: str) -> int:
    """Display width: a CJK character counts as two, as a reader sees it."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def mcqs(cat) -> list[MCQ]:
    return [q for q in cat.questions.values() if type(q) is MCQ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_key_is_not_the_longest_choice_more_often_than_chance(cat, lang) -> None:
    """"Pick the longest" must not pay: the key is the strictly longest choice at most 1.5× as often as
    chance (1/n per question), in each language."""
    longest, chance = 0, 0.0
    for q in mcqs(cat):
        lens = [width(c.text.get(lang)) for c in q.choices]
        k = next(i for i, c in enumerate(q.choices) if c.correct)
        longest += all(lens[k] > n for i, n in enumerate(lens) if i != k)
        chance += 1 / len(lens)
    assert len(mcqs(cat)) >= 30
    assert longest <= 1.5 * chance, f"{lang}: key is the longest in {longest} mcqs, chance {chance:.1f}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_bank_gives_its_key_away_by_length(cat, lang) -> None:
    """Per bank too (a reviewer reads one file at a time): with 5 or more mcqs, the key is the strictly longest
    choice at most 1.5x chance + 1 times (gru.yaml had it in 5 of 8 en, 4 of 8 zh: review round 6)."""
    from collections import defaultdict

    per_bank: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for q in mcqs(cat):
        lens = [width(c.text.get(lang)) for c in q.choices]
        k = next(i for i, c in enumerate(q.choices) if c.correct)
        row = per_bank[Path(str(q.source)).name]
        row[0] += all(lens[k] > n for i, n in enumerate(lens) if i != k)
        row[1] += 1
        row[2] += 1 / len(lens)
    over = {b: (int(r[0]), int(r[1])) for b, r in per_bank.items() if r[1] >= 5 and r[0] > 1.5 * r[2] + 1}
    assert len(per_bank) >= 5
    assert not over, f"{lang}: bank -> (key longest, mcqs) {over}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_length_rank_gives_the_key_away(cat, lang) -> None:
    """Nor "pick the second longest" or "the shortest": the number of choices longer than the key is spread
    like chance (each rank at most 1.5× its expected count)."""
    seen, expected = Counter(), Counter()
    for q in mcqs(cat):
        lens = [width(c.text.get(lang)) for c in q.choices]
        k = next(i for i, c in enumerate(q.choices) if c.correct)
        seen[sum(n > lens[k] for n in lens)] += 1
        for r in range(len(lens)):
            expected[r] += 1 / len(lens)
    over = {r: (seen[r], round(expected[r], 1)) for r in seen if seen[r] > 1.5 * expected[r]}
    assert not over, f"{lang}: rank -> (seen, expected) {over}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_most_specific_choices_are_not_the_multi_key(cat, lang) -> None:
    """In multi, "pick the k most detailed (longest) choices" matches the key at most 1.5× as often as
    chance (1/C(n, k) per question)."""
    from math import comb

    qs = [q for q in cat.questions.values() if type(q) is Multi]
    hits, chance = 0, 0.0
    for q in qs:
        lens = [width(c.text.get(lang)) for c in q.choices]
        key = {i for i, c in enumerate(q.choices) if c.correct}
        order = sorted(range(len(lens)), key=lambda i: -lens[i])
        k = len(key)
        strict = k == len(lens) or lens[order[k - 1]] > lens[order[k]]
        hits += strict and set(order[:k]) == key
        chance += 1 / comb(len(lens), k)
    assert len(qs) >= 10
    assert hits <= 1.5 * chance, f"{lang}: the {hits} multi keys are exactly the longest choices, chance {chance:.2f}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hedges_do_not_mark_the_key_nor_absolutes_the_distractors(cat, lang) -> None:
    """"Pick the hedged one" / "never pick an absolute": among mcq choices with a hedging word the key's share
    is at most 1.5× its share overall, and among choices with an absolute word at least its share / 1.5."""
    def share(pattern: str) -> tuple[float, int]:
        picked = [c for q in mcqs(cat) for c in q.choices if re.search(pattern, c.text.get(lang), re.I)]
        return (sum(c.correct for c in picked) / len(picked) if picked else 0.0), len(picked)

    choices = [c for q in mcqs(cat) for c in q.choices]
    base = sum(c.correct for c in choices) / len(choices)
    hedged, n_hedged = share(HEDGES[lang])
    absolute, n_absolute = share(ABSOLUTES[lang])
    assert hedged <= 1.5 * base, f"{lang}: {hedged:.2f} of {n_hedged} hedged choices are keys (base {base:.2f})"
    assert absolute >= base / 1.5, f"{lang}: {absolute:.2f} of {n_absolute} absolute choices are keys (base {base:.2f})"


def test_a_cloze_hint_never_gives_its_blank_away(cat) -> None:
    """A hint shown in the blank (`{{c3::C̃_t::the candidate}}`) that is itself an accepted answer makes the blank
    free to copy (review 16-D: typing the hint back was right)."""
    from rnnquiz.bank.grade import cloze_answers, cloze_hints, normalize

    free = []
    for q in cat.questions.values():
        if not isinstance(q, Cloze):
            continue
        for name, hints in cloze_hints(q).items():
            keys = {normalize(a) for lang in q.text.langs() for b, a in cloze_answers(q, lang).items() if b == name}
            keys |= {normalize(a) for a in q.accept.get(name, ())}
            free += [(q.id, name, h) for h in hints if normalize(h) in keys]
    assert free == []
