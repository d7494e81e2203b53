"""One question on screen (`print_item`) and what follows an answer (`print_feedback`).

Shared by `quiz` and `review`. Bank text is untrusted, so it only ever reaches Rich inside
`rich.text.Text` objects (never as a markup string): `h[t-1]` and `[bold]` print as written.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from rnnquiz.bank import grade
from rnnquiz.bank.grade import Item, Verdict
from rnnquiz.bank.schema import MCQ, Cloze, Flashcard, Multi, Order

LABELS = {
    "en": {
        "mcq": "one letter", "multi": "one or more letters, e.g. a,c", "truefalse": "t or f",
        "typein": "type the answer", "cloze": "{n} blank(s); separate answers with |",
        "order": "the numbers 1–{n} in the correct order, e.g. 2 1 3", "numeric": "a number",
        "flashcard": "answer in your head, then reveal", "skip": "? or empty skips",
        "right": "✓ right", "wrong": "✗ wrong", "skipped": "– skipped", "unreadable": "✗ unreadable",
        "override": "✓ counted as right (your override)", "answer": "Answer", "why": "Why",
        "misconception": "Common wrong answer", "you_picked": "You picked", "knew": "✓ knew it",
        "not_knew": "✗ did not know it",
    },
    "zh": {
        "mcq": "一个字母", "multi": "一个或多个字母，如 a,c", "truefalse": "t 或 f（对/错）",
        "typein": "输入答案", "cloze": "{n} 个空，用 | 分隔", "order": "按正确顺序输入编号 1–{n}，如 2 1 3",
        "numeric": "一个数", "flashcard": "先在心里回答，再揭晓", "skip": "? 或空行跳过",
        "right": "✓ 正确", "wrong": "✗ 错误", "skipped": "– 跳过", "unreadable": "✗ 无法识别",
        "override": "✓ 已按正确计（手动认定）", "answer": "答案", "why": "解析",
        "misconception": "常见错误", "you_picked": "你选了", "knew": "✓ 会", "not_knew": "✗ 不会",
    },
}  # fmt: skip

STYLES = {"right": "bold green", "wrong": "bold red", "skipped": "bold yellow", "unreadable": "bold red"}


def label(lang: str, key: str, **kw: object) -> str:
    text = LABELS.get(lang, LABELS["en"])[key]
    return text.format(**kw) if kw else text


def hint(item: Item, lang: str) -> str:
    """How to answer this item, e.g. 'one letter'."""
    q = item.question
    if isinstance(q, Cloze):
        return label(lang, "cloze", n=len(item.blanks()))
    if isinstance(q, Order):
        return label(lang, "order", n=len(item.item_order))
    return label(lang, q.type)


def _labelled(name: str, value: str, style: str = "bold") -> Text:
    """'Label: value' with only the label styled (a Text's own style would cover the whole line)."""
    sep = "：" if any("\u4e00" <= ch <= "\u9fff" for ch in name) else ": "  # 答案：, Answer:
    return Text().append(f"{name}{sep}", style=style).append(value)


def print_item(console: Console, item: Item, lang: str, header: str = "") -> None:
    """The prompt, then the choices (lettered), items (numbered) or cloze text, then how to answer."""
    q = item.question
    console.print()
    if header:
        console.rule(Text(header), align="left", style="dim")
    console.print(Text(item.prompt(lang), style="bold"))
    if isinstance(q, MCQ | Multi):
        for pos, idx in enumerate(item.choice_order):
            console.print(Text(f"  {grade.LETTERS[pos]}) ").append(q.choices[idx].text.get(lang)))
    elif isinstance(q, Order):
        for pos, idx in enumerate(item.item_order):
            console.print(Text(f"  {pos + 1}. ").append(q.items[idx].get(lang)))
    elif isinstance(q, Cloze):
        console.print(Text("  ").append(grade.cloze_display(q, lang, reveal=False)))
    console.print(Text(f"({hint(item, lang)}; {label(lang, 'skip')})", style="dim"))


def print_answer(console: Console, item: Item, lang: str) -> None:
    """Reveal the answer (a flashcard's back)."""
    console.print(_labelled(label(lang, "answer"), grade.expected(item, lang)))


def _print_expected(console: Console, item: Item, verdict: Verdict, lang: str) -> None:
    q = item.question
    if isinstance(q, MCQ | Multi):  # one line per correct choice, as shown (letter and text)
        right = [(pos, idx) for pos, idx in enumerate(item.choice_order) if q.choices[idx].correct]
        if len(right) > 1:
            console.print(Text(f"{label(lang, 'answer')}{'：' if lang == 'zh' else ':'}", style="bold"))
            for pos, idx in right:
                console.print(Text(f"  {grade.LETTERS[pos]}) ").append(q.choices[idx].text.get(lang)))
            return
    console.print(_labelled(label(lang, "answer"), verdict.expected or grade.expected(item, lang)))


def print_feedback(
    console: Console, item: Item, verdict: Verdict, lang: str, *, override: bool = False, revealed: bool = False
) -> None:
    """Right or wrong, the expected answer, the `why` of a wrong choice picked, explanation, misconception.

    `override`: the candidate marked a wrong answer as right; `revealed`: the answer was already shown
    (a flashcard), so it is not repeated.
    """
    q = item.question
    if override:
        console.print(Text(label(lang, "override"), style=STYLES["right"]))
        return
    if isinstance(q, Flashcard) and verdict.status in ("right", "wrong"):
        key = "knew" if verdict.correct else "not_knew"
        console.print(Text(label(lang, key), style=STYLES[verdict.status]))
    else:
        console.print(Text(label(lang, verdict.status), style=STYLES.get(verdict.status, "bold")))
    if verdict.note and verdict.status != "unreadable":
        console.print(Text(verdict.note, style="yellow"))
    if not (revealed and isinstance(q, Flashcard)):
        _print_expected(console, item, verdict, lang)
    if isinstance(q, MCQ | Multi) and not verdict.correct:
        for idx in grade.picked_choices(item, verdict.given):
            choice = q.choices[idx]
            if not choice.correct and choice.why is not None:
                letter = grade.LETTERS[item.choice_order.index(idx)]
                line = Text().append(f"{label(lang, 'you_picked')} {letter}) ", style="red")
                line.append(choice.text.get(lang).rstrip("。."), style="red").append(" — ").append(choice.why.get(lang))
                console.print(line)
    console.print(_labelled(label(lang, "why"), q.explanation.get(lang)))
    if q.misconception is not None:
        console.print(_labelled(label(lang, "misconception"), q.misconception.get(lang), "bold yellow"))
