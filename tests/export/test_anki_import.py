"""Both exports imported by Anki itself (PyPI `anki`, the `anki` extra) into a fresh collection.

Skipped without the package: `pip install -e '.[test,anki]'` and `pytest -m anki`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rnnquiz.bank.load import CLOZE_BLANK, load_catalog
from rnnquiz.bank.schema import Cloze
from rnnquiz.cli import app
from rnnquiz.export import anki, tsv

pytestmark = pytest.mark.anki
pytest.importorskip("anki")

import ankioracle as ao  # noqa: E402

runner = CliRunner()
NO_SKIPS = ("conflicting", "missing_notetype", "missing_deck", "empty_first_field", "first_field_match")


def export(kind: str, out: Path, *extra: str) -> Path:
    result = runner.invoke(app, ["export", kind, "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def bundled():
    return load_catalog([]).questions


def blanks(q: Cloze, langs: tuple[str, ...]) -> set[int]:
    return {int(m.group(1)[1:]) for la in langs for m in CLOZE_BLANK.finditer(q.text.get(la) or "")}


def check_cards(got: dict[str, ao.AnkiNote], questions) -> None:
    """Every card shows something on its front; a cloze note has one card for each of its blanks."""
    by_guid = {anki.guid(qid): q for qid, q in questions.items()}
    for g, note in got.items():
        q = by_guid[g]
        assert note.cards, q.id
        for _ord, front, back in note.cards:
            assert ao.visible_text(front), (q.id, front)
            # a back adds to its front, except the stock type-in's, which adds only the typed comparison
            assert len(ao.visible_text(back)) > len(ao.visible_text(front)) or q.type == "typein", q.id
        if isinstance(q, Cloze):
            assert [c[0] for c in note.cards] == [n - 1 for n in sorted(blanks(q, ("en", "zh")))], q.id
            for _ord, front, _back in note.cards:
                assert 'class="cloze"' in front, q.id
        else:
            assert len(note.cards) == 1, q.id


@pytest.mark.parametrize("kind, suffix", [("anki", "apkg"), ("tsv", "tsv")])
def test_the_whole_bank_imports_into_a_fresh_profile_and_reimport_adds_nothing(kind: str, suffix: str, tmp_path: Path) -> None:
    questions = bundled()
    first = export(kind, tmp_path / f"a.{suffix}", "--lang", "both")
    col = ao.fresh_collection(tmp_path / "profile")
    try:
        imp = ao.import_apkg if kind == "anki" else ao.import_tsv
        log = ao.counts(imp(col, first))
        assert log["new"] == len(questions), log
        assert all(log[k] == 0 for k in NO_SKIPS), log
        got = ao.notes(col)
        assert set(got) == {anki.guid(qid) for qid in questions}
        types = Counter(n.notetype for n in got.values())
        n_cloze = sum(isinstance(q, Cloze) for q in questions.values())
        n_typein = sum(q.type == "typein" for q in questions.values())
        names = (anki.BASIC, anki.CLOZE, anki.TYPEIN) if kind == "anki" else ("Basic", "Cloze", "Basic (type in the answer)")
        assert types == {names[0]: len(questions) - n_cloze - n_typein, names[1]: n_cloze, names[2]: n_typein}
        check_cards(got, questions)
        n_cards = col.card_count()

        # a second export, imported over the first: the same GUIDs, nothing added, nothing skipped
        second = export(kind, tmp_path / f"b.{suffix}", "--lang", "both")
        again = ao.counts(imp(col, second))
        assert again["new"] == 0 and all(again[k] == 0 for k in NO_SKIPS), again
        assert again["duplicate"] + again["updated"] == len(questions), again
        assert col.note_count() == len(questions) and col.card_count() == n_cards
    finally:
        col.close()


@pytest.mark.parametrize("kind, suffix", [("anki", "apkg"), ("tsv", "tsv")])
def test_fields_and_tags_in_anki_are_the_exported_ones(kind: str, suffix: str, example_bank: Path, tmp_path: Path) -> None:
    path = export(kind, tmp_path / f"a.{suffix}", "--bank", str(example_bank), "--topic", "example", "--lang", "en")
    questions = load_catalog([example_bank], bundled=False).questions
    rows = anki.notes_for(questions.values(), "en")
    col = ao.fresh_collection(tmp_path / "profile")
    try:
        log = ao.counts((ao.import_apkg if kind == "anki" else ao.import_tsv)(col, path))
        assert log["new"] == 8, log
        got = ao.notes(col)
    finally:
        col.close()
    for row in rows:
        note = got[row.guid]
        if kind == "anki":
            assert note.notetype == row.notetype
            assert tuple(note.fields.values()) == row.fields
        else:
            name, fields = tsv.stock_row(row)
            assert note.notetype == name
            assert tuple(note.fields.values()) == fields
        assert sorted(note.tags) == sorted(row.tags)
    typein = got[anki.guid("example/example-typein")]
    assert typein.fields.get("Answer", typein.fields.get("Back")) == "forget gate"
    # the reviewer fills this marker with the comparison of the typed text against that field
    assert re.search(r"\[\[type:(Answer|Back)\]\]", typein.cards[0][1]), typein.cards[0][1]


def test_braces_in_plain_text_make_no_extra_blank(tmp_path: Path) -> None:
    bank = tmp_path / "braces.yaml"
    bank.write_text(
        'topic: braces\ntitle: "Braces"\nlanguages: [en]\nquestions:\n'
        '  - id: fc\n    type: flashcard\n    claims: [extra]\n    prompt: "What does {{c1::x}} mean in Anki, and {{Front}}?"\n'
        '    answer: "A blank."\n    explanation: "Shown as written."\n'
        '  - id: cl\n    type: cloze\n    claims: [extra]\n    prompt: "Not a blank: {{c3::no}}"\n'
        '    text: "one {{c1::blank}} here"\n    explanation: "And {{c2::not}} this one."\n',
        encoding="utf-8",
    )
    for kind, suffix in (("anki", "apkg"), ("tsv", "tsv")):
        path = export(kind, tmp_path / f"b.{suffix}", "--bank", str(bank), "--topic", "braces")
        col = ao.fresh_collection(tmp_path / f"profile-{kind}")
        try:
            log = ao.counts((ao.import_apkg if kind == "anki" else ao.import_tsv)(col, path))
            got = ao.notes(col)
        finally:
            col.close()
        assert log["new"] == 2, (kind, log)
        fc = got[anki.guid("braces/fc")]
        assert "What does {{c1::x}} mean in Anki, and {{Front}}?" in ao.visible_text(fc.cards[0][1]), kind
        cl = got[anki.guid("braces/cl")]
        assert [c[0] for c in cl.cards] == [0], kind  # only c1: the prompt's and explanation's braces are text
        assert "Not a blank: {{c3::no}}" in ao.visible_text(cl.cards[0][1]), kind
        assert "And {{c2::not}} this one." in ao.visible_text(cl.cards[0][2]), kind


def test_formulas_render_as_one_span(tmp_path: Path) -> None:
    bank = tmp_path / "f.yaml"
    bank.write_text(
        'topic: f\ntitle: "F"\nlanguages: [en]\nquestions:\n'
        '  - id: shape\n    type: flashcard\n    claims: [extra]\n    prompt: "What is the shape of h_n?"\n'
        '    answer: "h_n (layers·D, B, h), next to output (T, B, D·h)."\n    explanation: "Time-major."\n',
        encoding="utf-8",
    )
    path = export("anki", tmp_path / "f.apkg", "--bank", str(bank), "--topic", "f")
    col = ao.fresh_collection(tmp_path / "profile")
    try:
        ao.import_apkg(col, path)
        back = ao.notes(col)[anki.guid("f/shape")].cards[0][2]
    finally:
        col.close()
    spans = re.findall(r'<span class="formula"[^>]*>(.*?)</span>', back)
    assert "h_n (layers·D, B, h)" in spans and "(T, B, D·h)" in spans, spans


def test_a_profile_created_in_chinese_needs_anki_lang_zh(tmp_path: Path) -> None:
    questions = bundled()
    col = ao.fresh_collection(tmp_path / "profile", ui_lang="zh_CN")
    try:
        assert {"问答题", "填空题", "问答题（输入答案）"} <= {m.name for m in col.models.all_names_and_ids()}
        wrong = ao.counts(ao.import_tsv(col, export("tsv", tmp_path / "en.tsv")))
        assert wrong["new"] == 0 and wrong["missing_notetype"] == len(questions), wrong  # what --anki-lang fixes
        log = ao.counts(ao.import_tsv(col, export("tsv", tmp_path / "zh.tsv", "--anki-lang", "zh", "--lang", "zh")))
        assert log["new"] == len(questions) and all(log[k] == 0 for k in NO_SKIPS), log
        check_cards(ao.notes(col), questions)
    finally:
        col.close()


def test_the_two_routes_never_make_copies_of_each_other(tmp_path: Path) -> None:
    n = len(bundled())
    files = {"apkg": export("anki", tmp_path / "a.apkg"), "tsv": export("tsv", tmp_path / "a.tsv")}
    imports = {"apkg": ao.import_apkg, "tsv": ao.import_tsv}
    for first, second in (("apkg", "tsv"), ("tsv", "apkg")):
        col = ao.fresh_collection(tmp_path / f"profile-{first}")
        try:
            assert ao.counts(imports[first](col, files[first]))["new"] == n
            later = ao.counts(imports[second](col, files[second]))
            assert later["new"] == 0 and later["conflicting"] + later["duplicate"] == n, (first, later)
            assert col.note_count() == n
        finally:
            col.close()


def test_rows_with_quotes_tabs_and_a_guid_starting_with_hash_all_arrive(tmp_path: Path) -> None:
    """Anki's CSV reader takes a line starting with `#` for a comment and drops it without a word in the
    log; `hash/q1689`'s GUID starts with `#` (genanki's alphabet has it), so no row may start with the GUID."""
    assert anki.guid("hash/q1689").startswith("#")
    bank = tmp_path / "hash.yaml"
    bank.write_text(
        'topic: hash\ntitle: "Hash"\nlanguages: [en]\nbank: hash\nquestions:\n'
        '  - id: q1689\n    type: flashcard\n    claims: [extra]\n    prompt: "Say \\"hi\\"\\tthen # not a comment"\n'
        '    answer: "a\\nb"\n    explanation: "x"\n',
        encoding="utf-8",
    )
    assert "hash/q1689" in load_catalog([bank], bundled=False).questions
    path = export("tsv", tmp_path / "h.tsv", "--bank", str(bank), "--topic", "hash")
    col = ao.fresh_collection(tmp_path / "profile")
    try:
        log = ao.counts(ao.import_tsv(col, path))
        got = ao.notes(col)
    finally:
        col.close()
    assert log["new"] == 1 and log["found_notes"] == 1, log
    note = got[anki.guid("hash/q1689")]
    assert note.fields["Front"] == 'Say "hi" then # not a comment' and "a<br>b" in note.fields["Back"]
