"""Screens of `rnnquiz drill`: the list, the check report (✓/✗ per test, first mismatch, likely bug),
hints and the solution. Candidate text (printed output, error messages, source lines) arrives cleaned of
control characters by the sandbox and is printed with markup off."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from rnnquiz.i18n import t


def drill_table(drills: list[Any], best: dict[str, dict[str, Any]], lang: str, due: dict[str, Any] | None = None) -> Table:
    """`due`: card id (`drill:ID`) -> its next review time (aware), for drills checked at least once."""
    due = due or {}
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for key in ("drill.col.id", "drill.col.title", "drill.col.level", "drill.col.best", "drill.col.due"):
        table.add_column(t(key, lang), overflow="fold")
    for d in drills:
        b = best.get(d.id)
        if b is None:
            shown = RichText(t("drill.best.never", lang), style="dim")
        elif b["passed"]:
            shown = RichText(t("drill.best.passed", lang), style="green")
        else:
            shown = RichText(t("drill.best.score", lang, passed=b["score"][0], total=b["score"][1]), style="yellow")
        when = due.get(f"drill:{d.id}")
        next_due = RichText(_local(when) if when is not None else t("drill.best.never", lang), style="dim" if when is None else "")
        table.add_row(RichText(d.id), RichText(d.title.get(lang)), RichText("●" * d.difficulty), shown, next_due)
    return table


_SANDBOX_TEXT = [  # the sandbox's own messages (English, from the child), shown in the session's language
    (re.compile(r"rnnquiz drill sandbox: (\S+) is not allowed"), "drill.sandbox.refused"),
    (re.compile(r"rnnquiz drill sandbox: the grader's own code is not importable here"), "drill.sandbox.no_import"),
    (re.compile(r"the output limit \(([\d.]+) MiB\) was hit: your code wrote too much \(to a file or stderr\)"),
     "drill.sandbox.output"),
]


def sandbox_text(text: str, lang: str) -> str:
    """A message of the sandbox in ``lang``; the candidate's own messages unchanged."""
    for pattern, key in _SANDBOX_TEXT:
        m = pattern.search(text)
        if m:
            return text[:m.start()] + t(key, lang, what=m.group(1) if m.groups() else "") + text[m.end():]
    return text


def test_label(drill_id: str, test_id: str, lang: str) -> str:
    """The test's name, worded for its drill where the generic one does not fit."""
    from rnnquiz.i18n import STRINGS

    key = f"drill.test.{drill_id}.{test_id}"
    return t(key if key in STRINGS else f"drill.test.{test_id}", lang)


def _g(x: float) -> str:
    return f"{x:.10g}"


def detail_line(detail: dict[str, Any] | None, lang: str) -> str | None:
    if not detail:
        return None
    case = detail.get("case", "")
    if "changed" in detail:
        return t("drill.detail.changed", lang, case=case, names=", ".join(detail["changed"]))
    if "warning" in detail:
        return t("drill.detail.warning", lang, case=case, warning=detail["warning"])
    if "error" in detail:
        line = detail.get("line")
        where = f" (line {line})" if line else ""
        return t("drill.detail.error", lang, case=case, error=sandbox_text(detail["error"], lang) + where)
    if "expected" in detail and "got" in detail and isinstance(detail["got"], str):
        return t("drill.detail.structure", lang, case=case, got=detail["got"], expected=detail["expected"])
    if "got_shape" in detail:
        return t("drill.detail.shape", lang, case=case, output=detail["output"], got=tuple(detail["got_shape"]),
                 expected=tuple(detail["expected_shape"]))
    if "rel_error" in detail and "output" in detail:
        return t("drill.detail.fd", lang, error=f"{detail['rel_error']:.1e}", output=detail["output"])
    if "index" in detail:
        if not detail["index"]:  # a scalar: no [] after its name
            return t("drill.detail.mismatch0", lang, case=case, output=detail["output"], got=_g(detail["got"]),
                     expected=_g(detail["expected"]))
        return t("drill.detail.mismatch", lang, case=case, output=detail["output"],
                 index=", ".join(str(i) for i in detail["index"]), got=_g(detail["got"]), expected=_g(detail["expected"]))
    if detail.get("missing"):
        return t("drill.detail.missing", lang, case=case)
    return None


def error_line(err: Any, lang: str, memory_mb: int, seconds_limit: float = 5.0) -> str:
    line = err.line if err.line is not None else t("drill.error.unknown_line", lang)
    err = _translated(err, lang)
    at = "" if err.line is not None else ".noline"  # no frame in the candidate's file: no "line ?"
    if err.kind == "syntax":
        text = t("drill.error.syntax", lang, line=line, column=err.column or "?", message=err.message)
    elif err.kind == "memory":
        text = t("drill.error.memory" + at, lang, mb=memory_mb, line=line, message=err.message)
        if not err.message.strip():  # NumPy's MemoryError often has no message
            text = text.rstrip().rstrip(":：")
    elif err.kind == "timeout":
        text = t("drill.error.timeout" + at, lang, seconds=f"{seconds_limit:g}", line=line)
    elif err.kind == "missing":
        text = t("drill.error.missing", lang, message=err.message)
    elif err.kind == "crashed":
        text = t("drill.error.crashed", lang, message=err.message)
    elif err.kind == "file":
        text = t("drill.error.file", lang, message=err.message)
    else:
        text = t("drill.error.exception" + at, lang, type=err.type, line=line, message=err.message)
    if err.stage == "load" and err.kind in ("exception", "memory"):
        text += " " + t("drill.error.load", lang)
    return text


def _translated(err: Any, lang: str) -> Any:
    import dataclasses

    msg = sandbox_text(err.message, lang)
    return dataclasses.replace(err, message=msg) if msg != err.message and dataclasses.is_dataclass(err) else err


def print_check(out: Console, result: Any, drill: Any, lang: str, *, memory_mb: int = 512,
                seconds_limit: float = 5.0) -> None:
    out.print(t("drill.check.title", lang, title=drill.title.get(lang), id=drill.id, file=result.file), style="bold",
              markup=False, highlight=False)
    seen: set[str] = set()
    for test in result.tests:
        name = test_label(drill.id, test.id, lang)
        if test.passed is None:
            out.print(RichText("  · ", style="dim") + RichText(t("drill.notrun", lang, name=name), style="dim"))
            continue
        mark = RichText("  ✓ ", style="green") if test.passed else RichText("  ✗ ", style="red")
        out.print(mark + RichText(name))
        if not test.passed:
            line = detail_line(test.detail, lang)
            key = (test.detail or {}).get("error") or (test.detail or {}).get("got")
            if isinstance(key, str) and key in seen:
                line = t("drill.detail.again", lang, case=(test.detail or {}).get("case", ""))
            elif isinstance(key, str):
                seen.add(key)
            if line:
                out.print(RichText("      " + line, style="yellow"))
    if result.error is not None:
        out.print()
        out.print(RichText(error_line(result.error, lang, memory_mb, seconds_limit), style="red"))
        if result.error.source_line:
            out.print(RichText(f"    {result.error.line} | {result.error.source_line}", style="dim"))
    if result.warnings:
        out.print(RichText(t("drill.warnings", lang), style="dim"))
        for w in result.warnings[:3]:
            out.print(RichText("  " + w, style="dim"))
    if result.printed.strip():
        out.print(RichText(t("drill.printed", lang), style="dim"))
        shown = result.printed.strip().splitlines()[:5]
        for ln in shown:
            out.print(RichText("  " + ln, style="dim"))
        total = max(getattr(result, "printed_lines", 0), len(result.printed.strip().splitlines()))
        if total > len(shown):
            out.print(RichText("  " + t("drill.printed.more", lang, n=total - len(shown)), style="dim"))
    out.print()
    guards = result.guard.split("+") if result.guard else []
    if guards and "in-process" not in guards and "landlock" not in guards:
        out.print(RichText(t("drill.unconfined", lang), style="dim"))
    right, total = result.score
    if result.passed:
        out.print(RichText(t("drill.passed", lang, right=right, total=total, seconds=f"{result.seconds:.2f}"), style="bold green"))
    else:
        if result.bug is not None:
            out.print(RichText(t("drill.bug", lang, sentence=result.bug[1].get(lang)), style="bold"))
        elif result.error is None and not all("expected" in (x.detail or {}) and isinstance((x.detail or {}).get("got"), str)
                                              for x in result.tests if x.passed is False):
            out.print(RichText(t("drill.nobug", lang)))
        out.print(RichText(t("drill.failed", lang, right=right, total=total), style="bold red"))


def print_attempt(out: Console, attempt: Any, lang: str) -> None:
    if getattr(attempt, "rerun", False):
        out.print(RichText(t("drill.recorded.rerun", lang, card=attempt.card, rating=attempt.rating,
                             name=t(f"drill.rating.{attempt.rating}", lang)), style="dim"))
        return
    out.print(RichText(t("drill.recorded", lang, card=attempt.card, rating=attempt.rating,
                         name=t(f"drill.rating.{attempt.rating}", lang)), style="dim"))


def _local(when: Any) -> str:
    """An aware time as local `YYYY-MM-DD HH:MM` (the time zone rnnquiz uses everywhere)."""
    from rnnquiz import paths

    return when.astimezone(paths.local_tz()).strftime("%Y-%m-%d %H:%M")


def print_scheduled(out: Console, card: str, due: Any, lang: str) -> None:
    out.print(RichText(t("drill.scheduled", lang, card=card, due=_local(due)), style="dim"))


def print_hint(out: Console, n: int | None, drill: Any, lang: str) -> None:
    if n is None:
        out.print(RichText(t("drill.hint.none", lang)))
        return
    out.print(RichText(t("drill.hint", lang, n=n + 1, total=len(drill.hints), text=drill.hints[n].get(lang)), style="cyan"))


def print_solution(out: Console, drill: Any, source: str, lang: str) -> None:
    out.print(RichText(t("drill.solution.title", lang, id=drill.id), style="bold"))
    out.print(RichText(source), soft_wrap=True)  # never wrapped: the code must paste as it is
