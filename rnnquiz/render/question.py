"""One question on screen (`print_item`) and what follows an answer (`print_feedback`).

Shared by `quiz` and `review`. Bank text is untrusted, so it only ever reaches Rich inside
`rich.text.Text` objects (never as a markup string): `h[t-1]` and `[bold]` print as written.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from rnnquiz.bank import grade
from rnnquiz.bank.grade import Item, Verdict
from rnnquiz.bank.schema import MCQ, Cloze, Flashcard, Multi, Order
from rnnquiz.i18n import t

STYLES = {"right": "bold green", "wrong": "bold red", "skipped": "bold yellow", "unreadable": "bold red", "unsure": "bold yellow"}


def label(lang: str, key: str, **kw: object) -> str:
    """The UI string `q.KEY` (rnnquiz.i18n)."""
    return t(f"q.{key}", lang, **kw)


def type_name(type_: str, lang: str) -> str:
    """The question type's name in `lang` (the type id itself for a type the table does not name yet)."""
    from rnnquiz.i18n import STRINGS

    return t(f"type.{type_}", lang) if f"type.{type_}" in STRINGS else type_


def hint(item: Item, lang: str, *, terminal: bool = False) -> str:
    """How to answer this item, e.g. 'one letter' (a terminal asks a cloze one blank at a time)."""
    q = item.question
    if isinstance(q, Cloze):
        n = len(item.blanks())
        if n == 1:
            return label(lang, "cloze_one")
        return label(lang, "cloze" if terminal else "cloze_pipe", n=n)
    if isinstance(q, Order):
        from rnnquiz.bank.grade import order_example

        return label(lang, "order", n=len(item.item_order), example=order_example(item))
    return label(lang, q.type)


def _hanging(console: Console, prefix: str, text: str) -> None:
    """Print `prefix` then `text`, wrapped lines keeping the text's indent. Wrapped here with Rich's own
    line breaking (a Table grid does the same at four times the cost of the first question)."""
    indent = cell_len(prefix)
    lines = Text(text).wrap(console, max(10, console.width - indent))
    for i, line in enumerate(lines):
        console.print(Text(prefix if i == 0 else " " * indent).append_text(line))


def _labelled(name: str, value: str, style: str = "bold") -> Text:
    """'Label: value' with only the label styled (a Text's own style would cover the whole line); `name`
    carries its own colon (`Answer: `, `答案：`)."""
    return Text().append(name, style=style).append(value)


def print_item(console: Console, item: Item, lang: str, header: str = "", *, terminal: bool = False) -> None:
    """The prompt, then the choices (lettered), items (numbered) or cloze text, then how to answer.
    Wrapped choice lines and cloze text keep their indent."""
    q = item.question
    console.print()
    if header:
        console.rule(Text(header), align="left", style="dim")
    console.print(Text(item.prompt(lang), style="bold"))
    if isinstance(q, MCQ | Multi):
        for pos, idx in enumerate(item.choice_order):
            _hanging(console, f"  {grade.LETTERS[pos]}) ", q.choices[idx].text.get(lang))
    elif isinstance(q, Order):
        for pos, idx in enumerate(item.item_order):
            _hanging(console, f"  {pos + 1}. ", q.items[idx].get(lang))
    elif isinstance(q, Cloze):
        _hanging(console, "  ", grade.cloze_display(q, lang, reveal=False))
    skip = label(lang, "skip" if terminal else "skip_pipe")
    console.print(Text(t("q.hint_line", lang, hint=hint(item, lang, terminal=terminal), skip=skip), style="dim"))


def print_answer(console: Console, item: Item, lang: str) -> None:
    """Reveal the answer (a flashcard's back)."""
    console.print(_labelled(label(lang, "answer"), grade.expected(item, lang)))


def _print_expected(console: Console, item: Item, verdict: Verdict, lang: str) -> None:
    q = item.question
    if isinstance(q, MCQ | Multi):  # one line per correct choice, as shown (letter and text)
        right = [(pos, idx) for pos, idx in enumerate(item.choice_order) if q.choices[idx].correct]
        if len(right) > 1:
            console.print(Text(label(lang, "answer").rstrip(), style="bold"))
            for pos, idx in right:
                _hanging(console, f"  {grade.LETTERS[pos]}) ", q.choices[idx].text.get(lang))
            return
    console.print(_labelled(label(lang, "answer"), verdict.expected or grade.expected(item, lang)))


def print_feedback(
    console: Console, item: Item, verdict: Verdict, lang: str, *, override: bool = False, revealed: bool = False,
    confirmed: bool = False,
) -> None:
    """Right or wrong, the expected answer, the `why` of a wrong choice picked, explanation, misconception.

    `override`: the candidate marked a wrong answer as right (`confirmed`: by y at a "not sure", which the
    app asked); `revealed`: the answer was already shown (a flashcard), so it is not repeated.
    """
    q = item.question
    if override:
        console.print(Text(label(lang, "confirmed" if confirmed else "override"), style=STYLES["right"]))
        return
    if isinstance(q, Flashcard) and verdict.status in ("right", "wrong"):
        key = "knew" if verdict.correct else "not_knew"
        console.print(Text(label(lang, key), style=STYLES[verdict.status]))
    elif verdict.unsure:  # the candidate decides after seeing the expected answer below
        console.print(Text(label(lang, "unsure"), style=STYLES["unsure"]))
    else:
        console.print(Text(label(lang, verdict.status), style=STYLES.get(verdict.status, "bold")))
    if verdict.note and verdict.status != "unreadable":
        note = verdict.note
        if verdict.unsure and isinstance(q, Cloze):  # every blank not matched is one it is not sure of (unsure.py):
            for name in item.blanks():  # "c1 ?", not a ✗ under the "? not sure" heading (newcomer round 5 #6)
                note = note.replace(f"{name} ✗", f"{name} ?")
        console.print(Text(note, style="yellow"))
    if not (revealed and isinstance(q, Flashcard)):
        _print_expected(console, item, verdict, lang)
    if isinstance(q, Multi) and not verdict.correct and verdict.status == "wrong":
        _per_choice(console, item, q, verdict, lang)
    if isinstance(q, MCQ | Multi) and not verdict.correct:
        for idx in grade.picked_choices(item, verdict.given):
            choice = q.choices[idx]
            if not choice.correct and choice.why is not None:
                letter = grade.LETTERS[item.choice_order.index(idx)]
                line = Text().append(f"{label(lang, 'you_picked')} {letter}) ", style="red")
                line.append(choice.text.get(lang).rstrip("。."), style="red").append(" — ").append(choice.why.get(lang))
                console.print(line)
    print_explanation(console, item, lang)


def _per_choice(console: Console, item: Item, q: Multi, verdict: Verdict, lang: str) -> None:
    """Multi-select feedback choice by choice: picked and right, picked but wrong, right but missed."""
    picked = set(grade.picked_choices(item, verdict.given))
    for pos, idx in enumerate(item.choice_order):
        letter, correct = grade.LETTERS[pos], q.choices[idx].correct
        if idx in picked and correct:
            console.print(Text("  " + label(lang, "choice_right", letter=letter), style="green"))
        elif idx in picked:
            console.print(Text("  " + label(lang, "choice_wrong", letter=letter), style="red"))
        elif correct:
            console.print(Text("  " + label(lang, "choice_missed", letter=letter), style="yellow"))


def print_explanation(console: Console, item: Item, lang: str) -> None:
    """The explanation, and the common wrong answer when the bank has one."""
    q = item.question
    console.print(_labelled(label(lang, "why"), q.explanation.get(lang)))
    if q.misconception is not None:
        console.print(_labelled(label(lang, "misconception"), q.misconception.get(lang), "bold yellow"))


def print_back(console: Console, item: Item, lang: str) -> None:
    """A revealed card in review: the answer, the explanation and the common wrong answer."""
    print_answer(console, item, lang)
    print_explanation(console, item, lang)
