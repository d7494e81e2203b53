"""Bank text that tried to break the Anki exports (an independent review), imported by Anki's own library.

Each test builds its questions in code, not through the bank loader: the exporter must be safe on its own,
whatever `validate` lets through.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rnnquiz.bank.load import load_catalog
from rnnquiz.bank.schema import Cloze, Flashcard, Text, TrueFalse, TypeIn
from rnnquiz.cli import app
from rnnquiz.export import anki, tsv

pytestmark = pytest.mark.anki
pytest.importorskip("anki")

import ankioracle as ao  # noqa: E402

runner = CliRunner()
# C0 controls that Anki's CSV reader or the .apkg's field separator (\x1f) react to, DEL, C1 (CSI \x9b,
# NEL \x85) and the Unicode line/paragraph separators
CONTROLS = ["\r", "\r\n", "\n", "\x0b", "\x0c", "\x1c", "\x1e", "\x1f", "\x85", "\u2028", "\x00", "\x7f", "\x9b", "\x1b[31m"]
C0_C1 = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def flashcard(qid: str, prompt: str, answer: str, explanation: str, tags: tuple[str, ...] = ()) -> Flashcard:
    return Flashcard(id=f"hostile/{qid}", type="flashcard", topic="hostile", claims=("extra",), prompt=Text(en=prompt),
                     explanation=Text(en=explanation), answer=Text(en=answer), tags=tags)  # fmt: skip


def import_both(notes: list[anki.NoteRow], tmp: Path, name: str) -> dict[str, tuple[dict, dict[str, ao.AnkiNote]]]:
    """Each route's import counts and notes, each into its own fresh profile."""
    out = {}
    (tmp / f"{name}.tsv").write_text(tsv.to_tsv(notes), encoding="utf-8")
    anki.write_apkg(notes, tmp / f"{name}.apkg")
    for kind, imp in (("tsv", ao.import_tsv), ("apkg", ao.import_apkg)):
        col = ao.fresh_collection(tmp / f"profile-{name}-{kind}")
        try:
            out[kind] = (ao.counts(imp(col, tmp / f"{name}.{kind}")), ao.notes(col))
        finally:
            col.close()
    return out


def test_control_characters_in_any_field_keep_every_note_whole(tmp_path: Path) -> None:
    questions = [flashcard(f"q{i}", f"front{c}one", f"back{c}two", f"why{c}three", (f"t{c}x",)) for i, c in enumerate(CONTROLS)]
    notes = anki.notes_for(questions, "en")
    for kind, (log, got) in import_both(notes, tmp_path, "ctl").items():
        assert log["new"] == len(CONTROLS) and log["found_notes"] == len(CONTROLS), (kind, log)
        assert set(got) == {n.guid for n in notes}, kind
        for row in notes:
            note = got[row.guid]
            shown = ao.visible_text(note.cards[0][2])
            assert "front" in shown and "one" in shown and "two" in shown and "three" in shown, (kind, row.qid, shown)
            assert not any(C0_C1.search(v) for v in note.fields.values()), (kind, row.qid, note.fields)
            assert len(note.tags) == 4 and not any(C0_C1.search(t) for t in note.tags), (kind, note.tags)
        breaks = got[notes[0].guid].fields["Front"]
        assert breaks == "front<br>one", breaks  # a lone \r is a line break, like \n and \r\n


def test_tsv_is_safe_on_its_own_rows(tmp_path: Path) -> None:
    """Rows that did not come from note_for (raw \\r, \\t, quotes) still arrive whole."""
    rows = [anki.NoteRow(anki.guid(f"raw/{i}"), anki.BASIC, (f'"a{c}b\t', f"c{c}d", f"raw/{i}"), ("t",), f"raw/{i}")
            for i, c in enumerate(CONTROLS)]  # fmt: skip
    (tmp_path / "raw.tsv").write_text(tsv.to_tsv(rows), encoding="utf-8")
    col = ao.fresh_collection(tmp_path / "profile")
    try:
        log = ao.counts(ao.import_tsv(col, tmp_path / "raw.tsv"))
        got = ao.notes(col)
    finally:
        col.close()
    assert log["new"] == len(rows), log
    for row in rows:
        assert got[row.guid].fields["Back"].startswith("c") and got[row.guid].fields["Back"].endswith("d"), got[row.guid].fields
        assert got[row.guid].tags == ["t"]


def test_media_and_type_syntax_in_bank_text_stays_text(tmp_path: Path) -> None:
    text = "play [sound:x.mp3] say [anki:tts lang=en_US]hi[/anki:tts] type [[type:Back]] [SOUND:y.mp3]"
    questions = [flashcard("media", text, text, text),
                 TypeIn(id="hostile/typein", type="typein", topic="hostile", claims=("extra",), prompt=Text(en=text),
                        explanation=Text(en=text), accept={"en": ("[sound:z.mp3]",)})]  # fmt: skip
    notes = anki.notes_for(questions, "en")
    for kind, (log, got) in import_both(notes, tmp_path, "media").items():
        assert log["new"] == 2, (kind, log)
        for row in notes:
            note = got[row.guid]
            card = note.cards[0]
            for side in card[1:]:
                assert "[anki:play" not in side, (kind, row.qid, side)  # Anki's rendering of a live sound tag
            assert "play [sound:x.mp3] say [anki:tts lang=en_US]hi[/anki:tts]" in ao.visible_text(card[2]), (kind, card[2])
        col = ao.fresh_collection(tmp_path / f"av-{kind}")
        try:
            (ao.import_tsv if kind == "tsv" else ao.import_apkg)(col, tmp_path / f"media.{kind}")
            for cid in col.find_cards(""):
                c = col.get_card(cid)
                assert c.question_av_tags() == [] and c.answer_av_tags() == [], (kind, cid)
                # the reviewer turns this marker into an answer box; only the template's own may remain
                own = 1 if c.note_type()["name"] in (anki.TYPEIN, "Basic (type in the answer)") else 0
                assert len(re.findall(r"\[\[type:", c.question())) == own, c.question()
        finally:
            col.close()


def typein_expected(kind: str, note: ao.AnkiNote) -> str:
    return note.fields["Answer"] if kind == "apkg" else note.fields["Back"]


@pytest.mark.parametrize("lang", ["en", "zh", "both"])
def test_the_compared_field_of_a_typein_is_a_typable_answer_anki_marks_right(lang: str, tmp_path: Path) -> None:
    """Anki compares the typed text with the whole field: commentary in it ("(strictly (0, 1))") makes a
    correct answer wrong. Typing the first accepted form must give an all-correct comparison."""
    questions = {qid: q for qid, q in load_catalog([]).questions.items() if isinstance(q, TypeIn)}
    assert len(questions) >= 10
    first = "en" if lang == "both" else lang
    notes = anki.notes_for(questions.values(), lang)
    for kind, (log, got) in import_both(notes, tmp_path, f"typein-{lang}").items():
        assert log["new"] == len(questions), (kind, log)
        col = ao.fresh_collection(tmp_path / f"cmp-{lang}-{kind}")
        try:
            for row in notes:
                q = questions[row.qid]
                typed = (q.accept.get(first) or q.accept.get("en") or q.accept.get("zh"))[0]
                expected = typein_expected(kind, got[row.guid])
                result = col.compare_answer(expected, typed)
                assert "typeBad" not in result and "typeMissed" not in result, (kind, row.qid, expected, typed, result)
        finally:
            col.close()
    apkg = import_both(notes, tmp_path, f"typein-back-{lang}")["apkg"][1]
    q = questions["gru-gate-range-typein"]
    back = ao.visible_text(apkg[anki.guid(q.id)].cards[0][2])
    commentary = "strictly" if first == "en" else "严格"
    assert commentary in back, back  # the canonical answer with its commentary is still on the back


class _Formulas(HTMLParser):
    """The text inside each outermost formula span (a cloze span nested in it included)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.inside, self.spans = 0, 0, []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        if tag == "span":
            self.depth += 1
            if self.inside == 0 and ("class", "formula") in attrs:
                self.inside = self.depth
                self.spans.append("")

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag == "span":
            if self.inside == self.depth:
                self.inside = 0
            self.depth -= 1

    def handle_data(self, data):  # noqa: ANN001
        if self.inside:
            self.spans[-1] += data


def formulas(card_html: str) -> list[str]:
    p = _Formulas()
    p.feed(card_html)
    return [" ".join(s.split()) for s in p.spans]


def test_a_formula_around_a_cloze_blank_is_one_monospace_span(tmp_path: Path) -> None:
    questions = load_catalog([]).questions
    chosen = [questions["lstm-hidden-state-cloze"], questions["birnn-formula"]]
    assert all(isinstance(q, Cloze) for q in chosen)
    got = import_both(anki.notes_for(chosen, "en"), tmp_path, "cloze")
    for kind, (_log, notes) in got.items():
        lstm = notes[anki.guid("lstm-hidden-state-cloze")].cards
        assert formulas(lstm[0][1]) == ["H_t = [...] ⊙ tanh(C_t)"], (kind, lstm[0][1])
        assert formulas(lstm[1][1]) == ["H_t = O_t ⊙ [...](C_t)"], (kind, lstm[1][1])
        birnn = formulas(notes[anki.guid("birnn-formula")].cards[0][1])
        assert "←H_t = φ(X_t W_xh^(b) + [...] W_hh^(b) + b_h^(b))" in birnn, (kind, birnn)
        back = formulas(notes[anki.guid("birnn-formula")].cards[1][1])
        assert "concatenation" not in " ".join(back) and "[...]" not in " ".join(back), back  # a word blank stays prose


def test_a_true_false_card_asks_once(tmp_path: Path) -> None:
    q = TrueFalse(id="hostile/tf", type="truefalse", topic="hostile", claims=("extra",),
                  prompt=Text(en="True or false: x.", zh="判断：x。"), explanation=Text(en="y", zh="y"), answer=True)  # fmt: skip
    plain = TrueFalse(id="hostile/tf2", type="truefalse", topic="hostile", claims=("extra",),
                      prompt=Text(en="x holds.", zh="x 成立。"), explanation=Text(en="y", zh="y"), answer=False)  # fmt: skip
    for lang in ("en", "zh", "both"):
        got = import_both(anki.notes_for([q, plain], lang), tmp_path, f"tf-{lang}")
        for kind, (_log, notes) in got.items():
            front = ao.visible_text(notes[anki.guid(q.id)].cards[0][1]).lower()
            assert front.count("true or false") + front.count("对还是错") + front.count("判断") == (2 if lang == "both" else 1), (kind, lang, front)
            other = ao.visible_text(notes[anki.guid(plain.id)].cards[0][1]).lower()
            assert ("true or false?" in other) == (lang != "zh") and ("对还是错" in other) == (lang != "en"), (kind, lang, other)


def test_tsv_says_which_profiles_it_serves_and_points_to_the_apkg(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "tsv", "--out", str(tmp_path / "a.tsv"), "--topic", "rnn"])
    assert result.exit_code == 0, result.output
    assert ".apkg" in result.output and "export anki" in result.output, result.output
    help_text = " ".join(runner.invoke(app, ["export", "tsv", "--help"], terminal_width=200).output.split())
    assert "export anki" in help_text and "renamed" in help_text, help_text
