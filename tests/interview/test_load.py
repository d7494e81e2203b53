"""Explain questions and follow-ups in banks: bad rubrics and unresolved follow-ups are one
`file:line:column: field: message` each (exit 3); the bundled explain questions keep their shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rnnquiz.bank.load import load_catalog
from rnnquiz.bank.schema import Explain
from rnnquiz.cli import app

runner = CliRunner()

HEAD = """topic: t
title: {en: T, zh: T}
languages: [en, zh]
questions:
  - id: base
    type: truefalse
    claims: [L5]
    prompt: {en: "p", zh: "p"}
    explanation: {en: "e", zh: "e"}
    answer: true
"""
GOOD_EXPLAIN = """  - id: why
    type: explain
    claims: [L5]
    prompt: {en: "Why?", zh: "为什么？"}
    explanation: {en: "e", zh: "e"}
    answer: {en: "Because.", zh: "因为。"}
    rubric:
      - point: {en: "additive", zh: "加法"}
        concepts: [[additive, 加法]]
"""


def validate(tmp_path: Path, body: str) -> tuple[int, list[str]]:
    path = tmp_path / "b.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    return result.exit_code, [ln for ln in (result.stdout + result.stderr).splitlines() if "b.yaml:" in ln]


def test_a_good_explain_question_and_follow_up_load(tmp_path: Path) -> None:
    code, lines = validate(tmp_path, GOOD_EXPLAIN + "    follow_up: [{id: base, after: wrong}, base]\n")
    assert code == 0, lines
    cat = load_catalog([tmp_path / "b.yaml"])
    q = cat.questions["b/why"]
    assert isinstance(q, Explain) and q.rubric[0].concepts == (("additive", "加法"),)
    assert [(f.id, f.after) for f in q.follow_up] == [("b/base", "wrong"), ("b/base", "any")]


@pytest.mark.parametrize(
    ("rubric", "line", "field", "words"),
    [
        ("    rubric: []\n", 17, "why.rubric", "must be a list of key points"),
        ("    rubric:\n      - point: {en: a, zh: a}\n", 18, "why.rubric[0].concepts", "missing"),
        ("    rubric:\n      - point: {en: a, zh: a}\n        concepts: [\"a ~ \"]\n", 19, "why.rubric[0].concepts[0]", "empty part"),
        ("    rubric:\n      - point: {en: a, zh: a}\n        concepts: [\"a||b\"]\n", 19, "why.rubric[0].concepts[0]", "empty part"),
        ("    rubric:\n      - point: {en: a, zh: a}\n        concepts: [[a, 3]]\n", 19, "why.rubric[0].concepts[0]", "list of alternative terms"),
        ("    rubric:\n      - point: {en: a, zh: a}\n        concepts: [a]\n        required: maybe\n", 20, "why.rubric[0].required", "true or false"),
        ("    rubric:\n      - point: {en: a, zh: a}\n        concepts: [a]\n        required: false\n", 18, "why.rubric", "at least one key point with required: true"),
        ("    rubric:\n      - point: {en: a}\n        concepts: [a]\n", 18, "why.rubric[0].point.zh", "missing"),
        ("    rubric:\n      - point: {en: a, zh: a}\n        concepts: [a]\n        weight: 2\n", 20, "why.rubric[0].weight", "unknown field"),
        ("    rubric:\n" + "      - point: {en: a, zh: a}\n        concepts: [a]\n" * 9, 18, "why.rubric", "has 9 key points"),
    ],
)
def test_a_bad_rubric_is_one_line_with_its_place(tmp_path: Path, rubric: str, line: int, field: str, words: str) -> None:
    body = GOOD_EXPLAIN.split("    rubric:")[0] + rubric
    code, lines = validate(tmp_path, body)
    assert code == 3, lines
    hit = [ln for ln in lines if f": {field}: " in ln]
    assert hit, lines
    assert re.search(rf"b\.yaml:{line}:\d+: {re.escape(field)}: .*{re.escape(words)}", hit[0]), hit


def test_an_explain_question_needs_its_model_answer(tmp_path: Path) -> None:
    body = GOOD_EXPLAIN.replace('    answer: {en: "Because.", zh: "因为。"}\n', "")
    code, lines = validate(tmp_path, body)
    assert code == 3 and any(": why.answer: missing" in ln for ln in lines), lines


@pytest.mark.parametrize(
    ("follow_up", "field", "words"),
    [
        ("[{id: nowhere}]", "why.follow_up", "unknown question id 'b/nowhere'"),
        ("[{id: bsae}]", "why.follow_up", "did you mean 'b/base'"),
        ("[{id: base, after: sometimes}]", "why.follow_up[0].after", "must be one of right, wrong, any"),
        ("[{id: why}]", "why.follow_up", "cannot follow up on itself"),
        ("base", "why.follow_up", "must be a list"),
        ("[{id: base, when: right}]", "why.follow_up[0].when", "unknown field"),
    ],
)
def test_a_bad_follow_up_is_one_line_with_its_place(tmp_path: Path, follow_up: str, field: str, words: str) -> None:
    code, lines = validate(tmp_path, GOOD_EXPLAIN + f"    follow_up: {follow_up}\n")
    assert code == 3, lines
    assert any(":20:" in ln and f": {field}: " in ln and words in ln for ln in lines), lines


# --- the bundled explain questions -------------------------------------------------------------------

CAT = load_catalog()
EXPLAIN = [q for q in CAT.questions.values() if isinstance(q, Explain)]


def test_at_least_thirty_explain_questions_across_the_claims() -> None:
    assert len(EXPLAIN) >= 30
    claims = {c for q in EXPLAIN for c in q.claims} - {"extra"}
    assert claims == set(CAT.claims), sorted(set(CAT.claims) - claims)
    assert {q.topic for q in EXPLAIN} >= {"rnn", "birnn", "bptt", "gru", "lstm"}


def test_each_rubric_has_three_to_six_points_required_and_nice_to_have() -> None:
    for q in EXPLAIN:
        assert 3 <= len(q.rubric) <= 6, q.id
        assert any(p.required for p in q.rubric), q.id
        assert q.refs, q.id
        assert q.answer.en and q.answer.zh, q.id
    assert sum(not p.required for q in EXPLAIN for p in q.rubric) >= 30


def test_every_point_has_concepts_in_both_languages() -> None:
    for q in EXPLAIN:
        for p in q.rubric:
            words = " ".join(a for c in p.concepts for a in c)
            assert p.point.en and p.point.zh, q.id
            # every concept can be shown in Chinese words, or by symbols both languages write alike
            for c in p.concepts:
                assert any(re.search(r"[\u4e00-\u9fff]", a) or not re.search(r"[a-z]{3}", a.lower()) for a in c) or any(
                    re.fullmatch(r"[!a-z0-9_().,'^\s|~≈≤<>=*+/{}\-−]+", a.lower()) and len(a) <= 12 for a in c
                ), (q.id, p.point.en, c)
            assert words, q.id


def test_follow_ups_of_explain_questions_resolve_and_vary() -> None:
    afters = [f.after for q in EXPLAIN for f in q.follow_up]
    assert afters and {"right", "wrong", "any"} <= set(afters)
    for q in EXPLAIN:
        for f in q.follow_up:
            assert f.id in CAT.questions and f.id != q.id, (q.id, f.id)
    assert any(CAT.questions[f.id].type != "explain" for q in EXPLAIN for f in q.follow_up)
    assert any(CAT.questions[f.id].type == "explain" for q in EXPLAIN for f in q.follow_up)


def test_explain_texts_follow_the_glossary() -> None:
    """The answer and key points too: an English glossary term comes with its Chinese term or a variant."""
    problems = []
    for term in CAT.glossary:
        zh_forms = [term["zh"], *((term.get("variants") or {}).get("zh") or [])]
        pattern = re.compile(rf"(?<![A-Za-z]){re.escape(term['en'])}(?![A-Za-z])", re.I)
        for q in EXPLAIN:
            pairs = [(q.answer.en, q.answer.zh)] + [(p.point.en, p.point.zh) for p in q.rubric]
            en = " ".join(a for a, _ in pairs)
            zh = " ".join(b for _, b in pairs)
            if pattern.search(en) and not any(f in zh for f in zh_forms):
                problems.append(f"{q.id}: English uses {term['en']!r}, Chinese has none of {zh_forms}")
    assert not problems, "\n".join(problems)


def test_the_readme_example_loads(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "content" / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Explain questions and follow-ups", 1)[1]
    block = re.findall(r"```yaml\n(.*?)```", section, re.S)[-1]
    path = tmp_path / "example.yaml"
    path.write_text(block, encoding="utf-8")
    cat = load_catalog([path])
    assert cat.errors == [], cat.errors
    q = cat.questions["example/example-explain"]
    assert isinstance(q, Explain) and len(q.rubric) == 3 and q.follow_up[0].after == "wrong"


def test_anki_notes_of_explain_questions_show_the_model_answer_and_key_points() -> None:
    from rnnquiz.export.anki import note_for

    q = CAT.questions["explain-lstm-gates"]
    back = note_for(q, "en").fields[1]
    assert "forget gate" in back.lower() and back.count("<li>") == len(q.rubric)
