"""`rnnquiz export tsv` (Anki's text import) and `rnnquiz export json` (loads back as a bank)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import genanki
from typer.testing import CliRunner

from rnnquiz.bank.load import load_catalog
from rnnquiz.cli import app
from rnnquiz.export import anki, tsv

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_tsv_headers_and_one_note_per_line(example_bank: Path) -> None:
    text = invoke("export", "tsv", "--out", "-", "--bank", str(example_bank), "--topic", "example", "--lang", "both")
    lines = text.splitlines()
    headers = [line for line in lines if line.startswith("#")]
    assert headers == ["#separator:tab", "#html:true", "#notetype column:1", "#deck column:2", "#guid column:3",
                       f"#tags column:{tsv.TAGS_COL}"]  # fmt: skip
    rows = list(csv.reader(io.StringIO("\n".join(lines[len(headers):])), delimiter="\t"))
    assert len(rows) == 8 == len(lines) - len(headers)  # no field spans lines
    ids = {genanki.guid_for(f"example/example-{t}"): t for t in
           ("flashcard", "mcq", "multi", "truefalse", "typein", "cloze", "order", "numeric")}  # fmt: skip
    for row in rows:
        assert len(row) == tsv.TAGS_COL
        assert row[2] in ids
        assert row[0] in ("Basic", "Cloze", "Basic (type in the answer)") and row[1] == anki.DECK_NAME
        assert "rnnquiz::topic::example" in row[-1].split()
    types = {ids[r[2]]: r[0] for r in rows}
    assert types["cloze"] == "Cloze" and types["typein"] == "Basic (type in the answer)"
    assert {types[t] for t in ids.values() if t not in ("cloze", "typein")} == {"Basic"}


def test_tsv_to_file_equals_apkg_notes(example_bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.tsv"
    invoke("export", "tsv", "--out", str(out), "--bank", str(example_bank), "--topic", "example", "--lang", "en")
    body = [r for r in csv.reader(io.StringIO(out.read_text(encoding="utf-8")), delimiter="\t") if not r[0].startswith("#")]
    notes = anki.notes_for(load_catalog([example_bank], bundled=False).questions.values(), "en")
    assert [r[2] for r in body] == [n.guid for n in notes]
    assert [tuple(r[3:5]) for r in body] == [tsv.stock_row(n)[1] for n in notes]


def _comparable(q):  # the same question, wherever it was read from
    return dataclasses.replace(q, source="", line=0)


def test_json_round_trip_loads_equal_questions(example_bank: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text('topic: mine\ntitle: "Mine"\nlanguages: [zh]\nquestions:\n  - id: q1\n    type: truefalse\n'
                    '    claims: [extra]\n    prompt: "对吗？"\n    answer: true\n    explanation: "对。"\n', encoding="utf-8")
    out = tmp_path / "export.json"
    invoke("export", "json", "--out", str(out), "--bank", str(example_bank), "--bank", str(mine), "--topic", "example", "--topic", "mine")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["version"] == 1
    by_topic = {t["topic"]: t for t in doc["topics"]}
    assert by_topic["example"]["bank"] == "example" and by_topic["mine"]["languages"] == ["zh"]
    before = load_catalog([example_bank, mine])
    after = load_catalog([out], bundled=False)
    assert not after.problems, [str(p) for p in after.problems]
    user_ids = {q for q in before.questions if "/" in q}
    assert set(after.questions) == user_ids  # ids keep their bank namespace
    for qid in user_ids:
        assert _comparable(after.questions[qid]) == _comparable(before.questions[qid])
        assert after.questions[qid].data == before.questions[qid].data


def test_json_validates_and_filters(example_bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "only-mcq.json"
    invoke("export", "json", "--out", str(out), "--bank", str(example_bank), "--topic", "example", "--type", "mcq")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [q["id"] for t in doc["topics"] for q in t["questions"]] == ["example-mcq"]
    result = runner.invoke(app, ["validate", str(out)])
    assert result.exit_code == 0, result.output


def test_a_topics_file_without_bank_is_namespaced_by_its_name(tmp_path: Path, example_bank: Path) -> None:
    import yaml

    entry = yaml.safe_load(example_bank.read_text(encoding="utf-8"))
    f = tmp_path / "pack.json"
    f.write_text(json.dumps({"version": 1, "topics": [entry]}), encoding="utf-8")
    cat = load_catalog([f], bundled=False)
    assert not cat.errors and "pack/example-mcq" in cat.questions


def test_loader_errors_in_a_topics_file_carry_file_line_field(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("version: 1\nextra: 2\ntopics:\n  - topic: t\n    title: T\n    languages: [en]\n"
                 "    bank: Not A Slug\n    questions: []\n", encoding="utf-8")
    problems = [str(p) for p in load_catalog([f], bundled=False).errors]
    assert problems[0].startswith(f"{f}:2:") and ": extra: unknown top-level field" in problems[0]
    assert any(p.startswith(f"{f}:7:") and ": bank: " in p for p in problems), problems
    g = tmp_path / "worse.yaml"
    g.write_text("version: 1\ntopics: 3\n", encoding="utf-8")
    assert str(load_catalog([g], bundled=False).errors[0]).startswith(f"{g}:2:")
