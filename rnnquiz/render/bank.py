"""Rendering of banks: topic table, question list, one question in full, validation report."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RText

from rnnquiz.bank import d2l, generators, grade
from rnnquiz.bank.coverage import ClaimCoverage
from rnnquiz.bank.load import Catalog, Problem
from rnnquiz.bank.schema import MCQ, Cloze, Flashcard, Multi, Numeric, Order, Question, TrueFalse, TypeIn
from rnnquiz.i18n import t
from rnnquiz.proofs.registry import PROOFS
from rnnquiz.render import claim_id
from rnnquiz.render.question import type_name
from rnnquiz.textsafe import escape_line

BANK_LABELS = ("answer", "explanation", "misconception", "claims", "refs", "prove", "choices", "correct", "items",
               "generator", "accepted")  # fmt: skip


def _labels(lang: str) -> dict[str, str]:
    return {k: t(f"bank.{k}", lang) for k in BANK_LABELS}


def topics_table(cat: Catalog, lang: str = "en") -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=None)
    table.add_column(t("topics.topic", lang))
    table.add_column(t("topics.questions", lang), justify="right")
    table.add_column(t("topics.types", lang))
    table.add_column(t("topics.claims", lang))
    sep = "、" if lang == "zh" else ", "
    for topic in cat.topics():
        qs = [q for q in cat.questions.values() if q.topic == topic]
        types = sorted({q.type for q in qs})
        claims = sorted({c for q in qs for c in q.claims if c != "extra"}, key=_claim_key)
        extra = sum("extra" in q.claims for q in qs)
        claims_txt = ", ".join(claims) + (" " + t("topics.extra", lang, n=extra) if extra else "")
        table.add_row(RText(topic), str(len(qs)), RText(sep.join(type_name(x, lang) for x in types)), RText(claims_txt))
    return table


def _claim_key(c: str) -> tuple[str, int]:
    return ("RGL".find(c[0]) if c[0] in "RGL" else 9, int(c[1:]) if c[1:].isdigit() else 0)  # type: ignore[return-value]


def question_detail(q: Question, lang: str, cat: Catalog, seed: int = 0) -> Panel:
    """Everything about one question: prompt, answer, explanation, misconception, claims, refs, proof."""
    L = _labels(lang)
    item = grade.prepare(q, seed)
    parts: list[RText | Table] = [RText(item.prompt(lang), style="bold")]
    if isinstance(q, Cloze):
        parts.append(RText(grade.cloze_display(q, lang, reveal=False)))
    if isinstance(q, MCQ | Multi):
        for pos, idx in enumerate(range(len(q.choices))):
            c = q.choices[idx]
            mark = "✓" if c.correct else "✗"
            line = RText(f" {grade.LETTERS[pos]}) {c.text.get(lang)}  {mark}", style="green" if c.correct else "")
            parts.append(line)
            if c.why is not None:
                parts.append(RText(f"      {c.why.get(lang)}", style="dim"))
    parts.append(RText(""))
    answer_line = RText(f"{L['answer']}", style="bold green")
    if isinstance(q, MCQ | Multi):
        right = [c.text.get(lang) for c in q.choices if c.correct]  # "…increase it.; Near 0…" read as a typo:
        for i, x in enumerate(right):  # sentences follow each other, phrases take "; " (zh "；")
            answer_line.append(x if i == 0 else ("" if right[i - 1].endswith("。") else " " if right[i - 1].endswith(".")
                                                 else "；" if lang == "zh" else "; ") + x)
    elif isinstance(q, Order):
        answer_line.append(" → ".join(t.get(lang) for t in q.items))
    elif isinstance(q, Numeric) and q.generator is not None:
        work = generators.worked(q.generator.name, item.params, lang)
        answer_line.append(f"{grade.format_number(item.value or 0)}   ({L['generator']}{work})")
    elif isinstance(q, Cloze):
        answer_line.append(grade.cloze_display(q, lang, reveal=True))
    elif isinstance(q, TrueFalse | TypeIn | Numeric | Flashcard):
        answer_line.append(grade.expected(item, lang))
    parts.append(answer_line)
    if q.type == "explain":  # the model answer and its key points (rnnquiz/render/interview.py)
        from rnnquiz.render.interview import explain_detail

        parts[-1:] = explain_detail(q, lang)
    if isinstance(q, TypeIn):
        others = grade.accepted_for_display(q, lang)
        if others:
            parts.append(RText(f"{L['accepted']}{', '.join(others)}", style="dim"))
    parts.append(RText(f"{L['explanation']}", style="bold").append(RText(q.explanation.get(lang), style="")))
    if q.misconception is not None:
        parts.append(RText(f"{L['misconception']}", style="bold yellow").append(q.misconception.get(lang)))
    claims = []
    for c in q.claims:
        if c == "extra" and c not in cat.claims:  # its title says what the id says: once, not "文章外 文章之外：…"
            claims.append(t("claim.extra", lang))
            continue
        title = cat.claims[c].title.get(lang) if c in cat.claims else ""
        claims.append(f"{claim_id(c, lang)} {title}".strip())
    parts.append(RText(f"{L['claims']}", style="bold").append("; ".join(claims)))
    if q.refs:
        parts.append(RText(f"{L['refs']}", style="bold").append("; ".join(d2l.show_refs(q.refs, lang))))
    if q.proof and q.proof in PROOFS:
        parts.append(RText(f"{L['prove']}", style="bold cyan").append(f"rnnquiz prove {q.id}"))
    title = RText(f"{q.id}  ·  {type_name(q.type, lang)}  ·  {q.topic}  ·  " + t("bank.difficulty", lang, n=q.difficulty))
    return Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED)


def problems(console: Console, items: Sequence[Problem]) -> None:
    for p in items:
        # one problem, one line: editors and grep read file:line:column, so never wrap it
        console.print(RText(escape_line(str(p)), style="red" if p.level == "error" else "yellow"), soft_wrap=True)


def coverage_table(rows: Sequence[ClaimCoverage], cat: Catalog, lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD)
    for col in ("claim", "questions", "types", "proofs", "ok"):
        table.add_column(col, justify="right" if col == "questions" else "left")
    for row in rows:
        claim = cat.claims[row.claim]
        marks = "".join(m for m, on in ((" prove", claim.prove), (" errata", claim.errata)) if on)
        ok = "✓" if row.meets_rule else "✗"
        table.add_row(
            RText(row.claim + marks), str(len(row.questions)), RText(", ".join(row.types)),
            RText(", ".join(row.proofs)), RText(ok, style="green" if row.meets_rule else "red"),
        )
    return table
