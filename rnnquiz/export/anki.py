"""Questions → Anki notes, and the .apkg writer (genanki).

Model and deck ids are fixed (generated once, never change them) and each note's GUID is
`genanki.guid_for(question id)`, so importing a newer export updates the notes already in Anki instead of
adding copies. The same notes feed the TSV export (`export/tsv.py`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rnnquiz.bank.schema import (
    MCQ,
    Cloze,
    Flashcard,
    Multi,
    Numeric,
    Order,
    Question,
    Text,
    TrueFalse,
    TypeIn,
)
from rnnquiz.export import langs_for, sorted_questions
from rnnquiz.export.html import anki_field, anki_text, cloze_to_html, mono, to_html

if TYPE_CHECKING:
    from rnnquiz.export.progress import Progress

# Generated once with random.randrange(1 << 30, 1 << 31); Anki matches note types and decks by these ids.
BASIC_MODEL_ID = 1844983059
TYPEIN_MODEL_ID = 1787265995
CLOZE_MODEL_ID = 1732115736
DECK_ID = 1664639804
DECK_NAME = "rnnquiz"

BASIC = "rnnquiz basic"
TYPEIN = "rnnquiz type-in"
CLOZE = "rnnquiz cloze"
FIELDS: dict[str, tuple[str, ...]] = {
    BASIC: ("Front", "Back", "Id"),
    TYPEIN: ("Front", "Answer", "Back", "Id"),
    CLOZE: ("Text", "Back Extra", "Id"),
}
CSS = """.card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background: white; }
.formula { font-family: monospace; }
.label { color: #666; font-size: 80%; }
"""

LABELS = {
    "en": {"answer": "Answer", "why": "Why", "wrong": "Common wrong answer", "prove": "Prove it",
           "order": "Correct order", "worked": "Worked answer", "true": "True", "false": "False",
           "truefalse": "True or false?", "accepted": "Also accepted", "not": "Not"},
    "zh": {"answer": "答案", "why": "解析", "wrong": "常见错误", "prove": "实验证明", "order": "正确顺序",
           "worked": "算例", "true": "对", "false": "错", "truefalse": "对还是错？", "accepted": "也接受",
           "not": "不是"},
}  # fmt: skip
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class NoteRow:
    """One Anki note, independent of the file format it is written to."""

    guid: str
    notetype: str
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    qid: str


def guid(question_id: str) -> str:
    import genanki

    return genanki.guid_for(question_id)


def tags_for(q: Question) -> tuple[str, ...]:
    """Anki tags (no spaces): topic, claims, type, bank and the question's own tags, under `rnnquiz::`."""

    def clean(s: str) -> str:
        return re.sub(r"\s+", "_", anki_text(s).strip())

    tags = [f"rnnquiz::topic::{clean(q.topic)}", f"rnnquiz::type::{q.type}"]
    tags += [f"rnnquiz::claim::{clean(c)}" for c in q.claims]
    tags += [f"rnnquiz::tag::{clean(t)}" for t in q.tags]
    if q.bank:
        tags.append(f"rnnquiz::bank::{clean(q.bank)}")
    return tuple(tags)


# --- building fields ----------------------------------------------------------------------------------


def _text(t: Text | None, langs: Sequence[str], sep: str = "<br>") -> str:
    """A bank text in the chosen languages (both: one after the other; the same text only once)."""
    if t is None:
        return ""
    seen: list[str] = []
    for lang in langs:
        value = t.get(lang)
        if value and value not in seen:
            seen.append(value)
    return sep.join(to_html(v) for v in seen)


def _label(key: str, langs: Sequence[str]) -> str:
    names = dict.fromkeys(LABELS[lang][key] for lang in langs)
    return " / ".join(names)


def _section(key: str, body: str, langs: Sequence[str]) -> str:
    return f'<div><span class="label">{_label(key, langs)}:</span> {body}</div>' if body else ""


def _extras(q: Question, langs: Sequence[str]) -> str:
    """What every back shows: explanation, the common wrong answer, the command that proves it."""
    parts = [_section("why", _text(q.explanation, langs), langs)]
    if q.misconception is not None:
        parts.append(_section("wrong", _text(q.misconception, langs), langs))
    if q.proof:
        parts.append(_section("prove", mono(f"rnnquiz prove {q.id}"), langs))
    return "".join(p for p in parts if p)


def _choices_front(q: MCQ | Multi, order: Sequence[int], langs: Sequence[str]) -> str:
    items = "".join(f"<li>{_text(q.choices[i].text, langs, ' / ')}</li>" for i in order)
    return f'<ol type="a">{items}</ol>'


def _choices_back(q: MCQ | Multi, order: Sequence[int], langs: Sequence[str]) -> str:
    right = [f"{LETTERS[pos]}) {_text(q.choices[i].text, langs, ' / ')}" for pos, i in enumerate(order) if q.choices[i].correct]
    wrong = []
    for pos, i in enumerate(order):
        c = q.choices[i]
        if not c.correct:
            why = f" — {_text(c.why, langs, ' / ')}" if c.why is not None else ""
            wrong.append(f"<li>{_label('not', langs)} {LETTERS[pos]}) {_text(c.text, langs, ' / ')}{why}</li>")
    out = _section("answer", "; ".join([r.rstrip(".。") for r in right[:-1]] + right[-1:]), langs)  # not "….; d) …"
    return out + (f"<ul>{''.join(wrong)}</ul>" if wrong else "")


def note_for(q: Question, lang: str = "both", correct_at: int | None = None) -> NoteRow:
    """The Anki note of one question, every field safe for Anki (`anki_field`)."""
    row = _note_for(q, lang, correct_at)
    return NoteRow(row.guid, row.notetype, tuple(anki_field(f) for f in row.fields), row.tags, row.qid)


def _truefalse_asked(q: TrueFalse, lang: str) -> bool:
    """Whether the prompt already asks "True or false:" (zh "判断："), so the card needs no second question."""
    start = q.prompt.get(lang).lstrip().lower()
    return start.startswith(("true or false", "true/false")) if lang == "en" else start.startswith(("判断", "对还是错", "是非"))


def _typed(q: TypeIn, lang: str) -> str:
    """What Anki compares the typed answer with: the first accepted form in `lang`, short and typable (the
    canonical answer can carry commentary: "[0, 1] (strictly (0, 1))")."""
    from rnnquiz.bank import grade

    forms = q.accept.get(lang) or q.accept.get("en") or q.accept.get("zh")
    return forms[0] if forms else grade.expected(grade.prepare(q, seed=0), lang)


def _note_for(q: Question, lang: str = "both", correct_at: int | None = None) -> NoteRow:
    """The Anki note of one question. Choice orders come from `choice_order` (the correct mcq choice at
    `correct_at`), item orders and numeric parameters from `prepare(q, seed=0)`, so an export is the same
    every time."""
    from rnnquiz.bank import grade
    from rnnquiz.export.choices import choice_order

    langs = langs_for(lang)
    item = grade.prepare(q, seed=0)
    prompt = _text(q.prompt, langs)
    extras = _extras(q, langs)
    tags = tags_for(q)
    g = guid(q.id)

    if isinstance(q, Cloze):
        return NoteRow(g, CLOZE, (prompt + "<br>" + "<br>".join(dict.fromkeys(cloze_to_html(q.text.get(la)) for la in langs)), extras, q.id), tags, q.id)
    if isinstance(q, TypeIn):
        # Anki compares the typed text with this whole field, character by character: one language (the
        # first: English with --lang both, typable without an input method), one accepted form, escaped, no
        # formula span. The canonical answers with their commentary and the other forms go on the back.
        typed = _typed(q, langs[0])
        canonical = [a for a in dict.fromkeys(grade.expected(item, la) for la in langs) if a != typed]
        others = [a for la in langs for a in (q.accept.get(la) or ()) if a != typed and a not in canonical]
        shown = _section("answer", "<br>".join(to_html(a) for a in canonical), langs)
        also = _section("accepted", ", ".join(to_html(a) for a in dict.fromkeys(others)), langs)
        return NoteRow(g, TYPEIN, (prompt, html.escape(typed, quote=False), shown + also + extras, q.id), tags, q.id)

    front, back = prompt, ""
    if isinstance(q, MCQ | Multi):
        order = choice_order(q, 0, correct_at)
        front += _choices_front(q, order, langs)
        back = _choices_back(q, order, langs)
    elif isinstance(q, TrueFalse):
        ask = [la for la in langs if not _truefalse_asked(q, la)]
        front += f"<div>{_label('truefalse', ask)}</div>" if ask else ""
        back = _section("answer", _label("true" if q.answer else "false", langs), langs)
    elif isinstance(q, Order):
        shown = "".join(f"<li>{_text(q.items[i], langs, ' / ')}</li>" for i in item.item_order)
        front += f"<ol>{shown}</ol>"
        numbers = " ".join(str(item.item_order.index(i) + 1) for i in range(len(q.items)))
        right = "".join(f"<li>{_text(t, langs, ' / ')}</li>" for t in q.items)
        back = _section("order", numbers, langs) + f"<ol>{right}</ol>"
    elif isinstance(q, Numeric):
        front = "<br>".join(dict.fromkeys(to_html(item.prompt(la)) for la in langs))
        assert item.value is not None
        back = _section("answer", to_html(grade.format_number(item.value)), langs)
        if item.work:  # in each language of the export (the generators' own text is English)
            if q.generator is not None:
                from rnnquiz.bank.generators import worked

                works = dict.fromkeys(worked(q.generator.name, item.params, la) for la in langs)
            else:
                works = dict.fromkeys([item.work])
            back += _section("worked", " / ".join(to_html(w) for w in works), langs)
    elif isinstance(q, Flashcard):
        back = _section("answer", _text(q.answer, langs), langs)
    elif q.type == "explain":  # the model answer, then its key points (issue 18)
        points = "".join(f"<li>{_text(p.point, langs, ' / ')}</li>" for p in q.rubric)  # type: ignore[attr-defined]
        back = _section("answer", _text(q.answer, langs), langs) + f"<ul>{points}</ul>"  # type: ignore[attr-defined]
    return NoteRow(g, BASIC, (front, back + extras, q.id), tags, q.id)


def notes_for(questions: Iterable[Question], lang: str = "both") -> list[NoteRow]:
    from rnnquiz.export.choices import correct_positions

    chosen = sorted_questions(questions)
    at = correct_positions(chosen)
    return [note_for(q, lang, at.get(q.id)) for q in chosen]


# --- the .apkg ------------------------------------------------------------------------------------------


def _models() -> dict[str, object]:
    import genanki

    basic = genanki.Model(
        BASIC_MODEL_ID, BASIC, fields=[{"name": f} for f in FIELDS[BASIC]],
        templates=[{"name": "Card", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
        css=CSS,
    )
    typein = genanki.Model(
        TYPEIN_MODEL_ID, TYPEIN, fields=[{"name": f} for f in FIELDS[TYPEIN]],
        templates=[{"name": "Card", "qfmt": "{{Front}}<br><br>{{type:Answer}}",
                    "afmt": "{{Front}}<hr id=answer>{{type:Answer}}<br>{{Back}}"}],
        css=CSS,
    )
    cloze = genanki.Model(
        CLOZE_MODEL_ID, CLOZE, fields=[{"name": f} for f in FIELDS[CLOZE]],
        templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}<br>{{Back Extra}}"}],
        css=CSS, model_type=genanki.Model.CLOZE,
    )  # fmt: skip
    return {BASIC: basic, TYPEIN: typein, CLOZE: cloze}


def write_apkg(notes: Sequence[NoteRow], path: Path, progress: Progress | None = None) -> int:
    """Write the notes as an Anki package; returns the number of notes. With `progress`, each card carries
    its schedule and review log (see `export/progress.py`)."""
    import genanki

    models = _models()
    deck = genanki.Deck(DECK_ID, DECK_NAME, description="Interview questions on recurrent networks, from rnnquiz.")
    used_ids: set[int] = set()
    for n in notes:
        fields = [anki_field(f) for f in n.fields]  # \x1f would split a field in the .apkg
        tags = [anki_text(t).replace(" ", "_") for t in n.tags]
        note = genanki.Note(model=models[n.notetype], fields=fields, tags=[t for t in tags if t], guid=n.guid)
        if progress is not None:
            note.cards = [_scheduled_card(c.ord, n.qid, progress, used_ids) for c in note.cards]
        deck.add_note(note)
    package = genanki.Package(deck) if progress is None else _scheduled_package(deck, progress)
    _write_package(package, path)
    return len(notes)


def _write_package(package: object, path: Path) -> None:
    """The one place an export writes its .apkg file."""
    from rnnquiz.export.write import atomic_path

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:  # the old file stays whole until the new one is on disk
        package.write_to_file(str(tmp))  # type: ignore[attr-defined]


def _scheduled_card(ord_: int, qid: str, progress: Progress, used_ids: set[int]) -> object:
    """A genanki card that writes rnnquiz's schedule of `qid` into its `cards` row and its reviews into
    `revlog` (through genanki's cursor: no sqlite3 here)."""
    import genanki

    from rnnquiz.export.progress import anki_schedule, revlog_rows

    card = progress.cards.get(qid)
    sched = anki_schedule(card, progress)

    class ScheduledCard(genanki.Card):
        def write_to_db(self, cursor, timestamp, deck_id, note_id, id_gen, due=0):  # noqa: ANN001
            cid = next(id_gen)
            cursor.execute(
                "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);",
                (cid, note_id, deck_id, self.ord, int(timestamp), -1, sched.type, sched.queue,
                 due if sched.due is None else sched.due, sched.ivl, sched.factor, sched.reps, sched.lapses,
                 sched.left, 0, 0, 0, sched.data),
            )  # fmt: skip
            rows = []
            for row in revlog_rows(progress.log.get(qid, []), cid, self.ord):
                rid = row[0]
                while rid in used_ids:
                    rid += 1
                used_ids.add(rid)
                rows.append((rid, *row[1:]))
            cursor.executemany("INSERT INTO revlog VALUES(?,?,?,?,?,?,?,?,?);", rows)

    return ScheduledCard(ord_, suspend=bool(card and card.suspended))


def _scheduled_package(deck: object, progress: Progress) -> object:
    """A genanki package whose collection counts days like rnnquiz: created at the start of the oldest study
    day in the schedule, v2 scheduler, rnnquiz's rollover hour and UTC offset."""
    import json

    import genanki

    crt, offset_west = progress.creation()

    class ScheduledPackage(genanki.Package):
        def write_to_db(self, cursor, timestamp, id_gen):  # noqa: ANN001
            super().write_to_db(cursor, timestamp, id_gen)
            conf = json.loads(cursor.execute("SELECT conf FROM col").fetchone()[0])
            conf |= {"schedVer": 2, "rollover": progress.clock.rollover, "creationOffset": offset_west}
            cursor.execute("UPDATE col SET crt = ?, conf = ?", (crt, json.dumps(conf)))

    return ScheduledPackage(deck)
