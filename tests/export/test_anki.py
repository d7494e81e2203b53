"""`rnnquiz export anki`: the .apkg's notes, compared row by row across exports (not byte by byte)."""

from __future__ import annotations

import re
from pathlib import Path

import genanki
import pytest
from typer.testing import CliRunner

from rnnquiz.cli import app
from rnnquiz.export import anki

runner = CliRunner()


def _read(path: Path, tmp: Path) -> dict:
    import importlib.util

    spec = importlib.util.spec_from_file_location("export_conftest", Path(__file__).with_name("conftest.py"))
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.read_apkg(path, tmp)


def export(bank: Path, out: Path, *extra: str, topic: str = "example") -> None:
    result = runner.invoke(app, ["export", "anki", "--out", str(out), "--bank", str(bank), "--topic", topic, *extra])
    assert result.exit_code == 0, result.output
    assert out.is_file()


def by_id(notes: list) -> dict:
    return {n[2][-1]: n for n in notes}  # the Id field is last in every note type


def test_two_exports_have_the_same_notes(example_bank: Path, tmp_path: Path) -> None:
    export(example_bank, tmp_path / "a.apkg", "--lang", "both")
    export(example_bank, tmp_path / "b.apkg", "--lang", "both")
    (tmp_path / "ua").mkdir(), (tmp_path / "ub").mkdir()
    a, b = _read(tmp_path / "a.apkg", tmp_path / "ua"), _read(tmp_path / "b.apkg", tmp_path / "ub")
    assert a["notes"] == b["notes"]
    assert len(a["notes"]) == 8
    # cloze with two blanks makes two cards; every other note one
    assert a["cards"] == 9


def test_ids_guids_and_note_types_are_fixed(example_bank: Path, tmp_path: Path) -> None:
    export(example_bank, tmp_path / "a.apkg", "--lang", "en")
    got = _read(tmp_path / "a.apkg", tmp_path)
    assert got["models"] == {anki.BASIC_MODEL_ID: anki.BASIC, anki.TYPEIN_MODEL_ID: anki.TYPEIN, anki.CLOZE_MODEL_ID: anki.CLOZE}
    assert got["decks"][anki.DECK_ID] == anki.DECK_NAME
    notes = by_id(got["notes"])
    assert set(notes) == {f"example/example-{t}" for t in ("flashcard", "mcq", "multi", "truefalse", "typein", "cloze", "order", "numeric")}
    for qid, (guid, mid, _fields, _tags) in notes.items():
        assert guid == genanki.guid_for(qid)
        expected = {"example/example-cloze": anki.CLOZE_MODEL_ID, "example/example-typein": anki.TYPEIN_MODEL_ID}
        assert mid == expected.get(qid, anki.BASIC_MODEL_ID), qid
    # the hard-coded ids must never change: Anki matches note types and decks by them
    assert (anki.BASIC_MODEL_ID, anki.TYPEIN_MODEL_ID, anki.CLOZE_MODEL_ID, anki.DECK_ID) == (
        1844983059, 1787265995, 1732115736, 1664639804)


def test_tags_come_from_topic_and_claims_without_spaces(example_bank: Path, tmp_path: Path) -> None:
    export(example_bank, tmp_path / "a.apkg")
    notes = by_id(_read(tmp_path / "a.apkg", tmp_path)["notes"])
    tags = notes["example/example-mcq"][3]
    assert "rnnquiz::topic::example" in tags and "rnnquiz::claim::L3" in tags
    assert all(" " not in t for n in notes.values() for t in n[3])


def test_backs_hold_answer_whys_explanation_misconception_and_proof(example_bank: Path, tmp_path: Path) -> None:
    export(example_bank, tmp_path / "a.apkg", "--lang", "en")
    notes = by_id(_read(tmp_path / "a.apkg", tmp_path)["notes"])
    front, back, _ = notes["example/example-mcq"][2]
    assert "sigmoid" in front and "tanh" in front and "<ol" in front
    assert "a gate must be a share between 0 and 1" in back  # the wrong choice's why
    assert "A gate multiplies a signal element-wise" in back  # explanation
    assert "rnnquiz prove example/example-mcq" in back
    assert "Answer:" in back and "sigmoid" in back.split("Answer:")[1]
    tf_back = notes["example/example-truefalse"][2][1]
    assert "False" in tf_back and "the LSTM (1997) came first" in tf_back  # misconception
    text, extra, _ = notes["example/example-cloze"][2]
    assert "{{c1::" in text and "{{c2::" in text and "::a gate}}" in text
    assert "The forget gate scales the old cell" in extra
    front, answer, back, _ = notes["example/example-typein"][2]
    assert answer == "forget gate" and "遗忘门" not in front
    order_back = notes["example/example-order"][2][1]
    assert order_back.index("gates and candidate") < order_back.index("tanh(C_t)")


def test_numeric_generator_questions_show_the_seed_0_instance(example_bank: Path, tmp_path: Path) -> None:
    from rnnquiz.bank import grade
    from rnnquiz.bank.load import load_catalog

    q = load_catalog([example_bank], bundled=False).questions["example/example-numeric"]
    item = grade.prepare(q, seed=0)
    export(example_bank, tmp_path / "a.apkg", "--lang", "en")
    front, back, _ = by_id(_read(tmp_path / "a.apkg", tmp_path)["notes"])["example/example-numeric"][2]
    assert f"d = {item.params['d']} inputs" in front and "{d}" not in front
    assert grade.format_number(item.value) in back and "Worked answer" in back


@pytest.mark.parametrize("lang, present, absent", [("en", "Which activation", "激活函数"), ("zh", "激活函数", "Which activation"), ("both", "激活函数", None)])
def test_lang(example_bank: Path, tmp_path: Path, lang: str, present: str, absent: str | None) -> None:
    export(example_bank, tmp_path / "a.apkg", "--lang", lang)
    front = by_id(_read(tmp_path / "a.apkg", tmp_path)["notes"])["example/example-mcq"][2][0]
    assert present in front
    if absent:
        assert absent not in front
    else:
        assert "Which activation" in front


def test_html_is_escaped_and_formulas_are_monospace(tmp_path: Path) -> None:
    bank = tmp_path / "esc.yaml"
    bank.write_text(
        'topic: esc\ntitle: "Escapes"\nlanguages: [en]\nquestions:\n'
        '  - id: lt\n    type: flashcard\n    claims: [extra]\n    prompt: "Is a<b & c>d? Look at h[t-1] and W_hh · h."\n'
        '    answer: "<script>alert(1)</script>"\n    explanation: "Escaped & shown."\n'
        '  - id: cl\n    type: cloze\n    claims: [extra]\n    prompt: "x < y"\n'
        '    text: "if a < b then {{c1::a & b::<hint>}} else c"\n    explanation: "Cloze & escapes."\n',
        encoding="utf-8",
    )
    export(bank, tmp_path / "a.apkg", topic="esc")
    notes = by_id(_read(tmp_path / "a.apkg", tmp_path)["notes"])
    front, back, _ = notes["esc/lt"][2]
    assert "a&lt;b &amp; c&gt;d" in front and "h[t-1]" in front
    assert '<span class="formula" style="font-family: monospace">W_hh · h</span>' in front
    assert "&lt;script&gt;" in back and "<script>" not in back
    text = notes["esc/cl"][2][0]
    assert "if a &lt; b then {{c1::a &amp; b::&lt;hint&gt;}} else c" in text


def test_unknown_lang_and_stdout_are_usage_errors(example_bank: Path, tmp_path: Path) -> None:
    r = runner.invoke(app, ["export", "anki", "--out", str(tmp_path / "a.apkg"), "--bank", str(example_bank), "--lang", "fr"])
    assert r.exit_code == 2, r.output
    r = runner.invoke(app, ["export", "anki", "--out", "-", "--bank", str(example_bank)])
    assert r.exit_code == 2, r.output
    r = runner.invoke(app, ["export", "anki", "--out", str(tmp_path / "a.apkg"), "--topic", "nope"])
    assert r.exit_code == 2, r.output


def test_the_correct_mcq_letter_is_spread_evenly_over_positions() -> None:
    from collections import Counter

    from rnnquiz.bank.load import load_catalog
    from rnnquiz.bank.schema import MCQ

    questions = list(load_catalog([]).questions.values())
    mcqs = [q for q in questions if isinstance(q, MCQ)]
    assert len(mcqs) >= 8
    notes = {n.qid: n for n in anki.notes_for(questions, "en")}
    spread: Counter = Counter()
    for q in mcqs:
        right = q.choices[next(i for i, c in enumerate(q.choices) if c.correct)].text.get("en")
        front = notes[q.id].fields[0]
        items = re.findall(r"<li>(.*?)</li>", front)
        pos = next(i for i, item in enumerate(items) if item == html_of(right))
        assert f"{anki.LETTERS[pos]}) " in notes[q.id].fields[1], q.id  # the back names that letter
        spread[(len(q.choices), pos)] += 1
    for n in {len(q.choices) for q in mcqs}:
        per = [spread[(n, p)] for p in range(n)]
        assert max(per) - min(per) <= 1, (n, per)
    # a second export shows the same order
    assert {n.qid: n for n in anki.notes_for(questions, "en")} == notes


def html_of(text: str) -> str:
    from rnnquiz.export.html import to_html

    return to_html(text)


@pytest.mark.parametrize("module", ["rnnquiz.export.progress", "rnnquiz.export.choices", "rnnquiz.export.tsv"])
def test_new_export_modules_import_neither_typer_rich_nor_numpy(module: str) -> None:
    import subprocess
    import sys

    code = f"import sys, {module}; print(sorted(m for m in ('typer', 'rich', 'click', 'numpy', 'sqlite3', 'fsrs') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", (module, out.stdout)


def test_with_progress_reports_what_it_carried_and_tsv_rejects_an_unknown_anki_lang(example_bank: Path, tmp_path: Path) -> None:
    import json

    r = runner.invoke(app, ["export", "anki", "--out", str(tmp_path / "p.apkg"), "--bank", str(example_bank),
                            "--topic", "example", "--with-progress", "--json"])  # fmt: skip
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["notes"] == 8 and doc["studied_cards"] == 0 and doc["review_log_rows"] == 0
    r = runner.invoke(app, ["export", "anki", "--out", str(tmp_path / "q.apkg"), "--bank", str(example_bank),
                            "--topic", "example", "--with-progress"])  # fmt: skip
    assert r.exit_code == 0 and "Import any learning progress" in r.stderr, r.output
    r = runner.invoke(app, ["export", "tsv", "--out", "-", "--bank", str(example_bank), "--anki-lang", "fr"])
    assert r.exit_code == 2 and "--anki-lang 'fr'" in r.stderr, r.output


SPAN = re.compile(r'<span class="formula"[^>]*>(.*?)</span>')


@pytest.mark.parametrize("text, spans", [
    ("h_n (layers·D, B, h), output (T, B, D·h).", ["h_n (layers·D, B, h)", "(T, B, D·h)"]),
    ("output layer Y_t = H_t W_hq + b_q).", ["Y_t = H_t W_hq + b_q"]),
    ("(plus W_hq and b_q)", ["W_hq", "b_q"]),
    ("(H_{t+1} depends on H_t), not", ["H_{t+1}", "H_t"]),
    ("nn.RNN(input_size={d}, hidden_size={h}, bidirectional=True) have?", ["nn.RNN(input_size={d}, hidden_size={h}, bidirectional=True)"]),
    ("σ(1) = 1/(1 + e^(−1)) ≈ 0.731.", ["σ(1) = 1/(1 + e^(−1)) ≈ 0.731"]),
    ("x (see a, b) y", []),
])  # fmt: skip
def test_one_span_per_formula(text: str, spans: list[str]) -> None:
    from rnnquiz.export.html import to_html

    assert SPAN.findall(to_html(text)) == spans


def test_no_formula_span_of_the_bundled_banks_splits_a_bracket() -> None:
    from rnnquiz.bank.load import load_catalog

    questions = load_catalog([]).questions
    spans = [s for n in anki.notes_for(questions.values(), "both") for f in n.fields for s in SPAN.findall(f)]
    assert len(spans) > 500
    assert sum("{{c" in s for s in spans) >= 10  # a formula around a cloze blank holds the blank
    split = [s for s in spans if sum(s.count(c) for c in "([{") != sum(s.count(c) for c in ")]}")]
    assert not split, split[:10]


def test_a_zh_export_shows_the_worked_formula_in_chinese() -> None:
    """house-d left it: a numeric note's "worked" line was the generators' English in a zh export
    ("one-to-one: outputs (steps, B, q) = …"), while the session already showed it in Chinese."""
    from rnnquiz.bank.load import load_catalog
    from rnnquiz.bank.schema import Numeric

    questions = [q for q in load_catalog([]).questions.values() if isinstance(q, Numeric) and q.generator is not None]
    zh = " ".join(f for n in anki.notes_for(questions, "zh") for f in n.fields)
    en = " ".join(f for n in anki.notes_for(questions, "en") for f in n.fields)
    assert "outputs (steps" in en and "outputs (steps" not in zh
    assert "步数" in zh


def test_a_multi_back_joins_sentence_choices_without_a_stray_full_stop() -> None:
    from rnnquiz.bank.load import load_catalog

    questions = list(load_catalog([]).questions.values())
    backs = [n.fields[1] for n in anki.notes_for(questions, "both") if n.qid == "lstm-vs-gru-differences"]
    assert backs and ".; " not in backs[0] and "。; " not in backs[0], backs
    assert all(".; " not in f for n in anki.notes_for(questions, "both") for f in n.fields)
