"""Screens of `rnnquiz drill`: the list, the check report (✓/✗ per test, first mismatch, likely bug),
hints and the solution. Candidate text (printed output, error messages, source lines) arrives cleaned of
control characters by the sandbox and is printed with markup off."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from rnnquiz.i18n import t


def drill_table(drills: list[Any], best: dict[str, dict[str, Any]], lang: str) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    for key in ("drill.col.id", "drill.col.title", "drill.col.level", "drill.col.best"):
        table.add_column(t(key, lang), overflow="fold")
    for d in drills:
        b = best.get(d.id)
        if b is None:
            shown = RichText(t("drill.best.never", lang), style="dim")
        elif b["passed"]:
            shown = RichText(t("drill.best.passed", lang), style="green")
        else:
            shown = RichText(t("drill.best.score", lang, passed=b["score"][0], total=b["score"][1]), style="yellow")
        table.add_row(RichText(d.id), RichText(d.title.get(lang)), RichText("●" * d.difficulty), shown)
    return table


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
        return t("drill.detail.error", lang, case=case, error=detail["error"] + where)
    if "expected" in detail and "got" in detail and isinstance(detail["got"], str):
        return t("drill.detail.structure", lang, case=case, got=detail["got"], expected=detail["expected"])
    if "got_shape" in detail:
        return t("drill.detail.shape", lang, case=case, output=detail["output"], got=tuple(detail["got_shape"]),
                 expected=tuple(detail["expected_shape"]))
    if "rel_error" in detail and "output" in detail:
        return t("drill.detail.fd", lang, error=f"{detail['rel_error']:.1e}", output=detail["output"])
    if "index" in detail:
        return t("drill.detail.mismatch", lang, case=case, output=detail["output"],
                 index=", ".join(str(i) for i in detail["index"]), got=_g(detail["got"]), expected=_g(detail["expected"]))
    if detail.get("missing"):
        return t("drill.detail.missing", lang, case=case)
    return None


def error_line(err: Any, lang: str, memory_mb: int, seconds_limit: float = 5.0) -> str:
    line = err.line if err.line is not None else t("drill.error.unknown_line", lang)
    if err.kind == "syntax":
        text = t("drill.error.syntax", lang, line=line, column=err.column or "?", message=err.message)
    elif err.kind == "memory":
        text = t("drill.error.memory", lang, mb=memory_mb, line=line, message=err.message)
    elif err.kind == "timeout":
        text = t("drill.error.timeout", lang, seconds=f"{seconds_limit:g}", line=line)
    elif err.kind == "missing":
        text = t("drill.error.missing", lang, message=err.message)
    elif err.kind == "crashed":
        text = t("drill.error.crashed", lang, message=err.message)
    elif err.kind == "file":
        text = t("drill.error.file", lang, message=err.message)
    else:
        text = t("drill.error.exception", lang, type=err.type, line=line, message=err.message)
    if err.stage == "load" and err.kind in ("exception", "memory"):
        text += " " + t("drill.error.load", lang)
    return text


def print_check(out: Console, result: Any, drill: Any, lang: str, *, memory_mb: int = 512,
                seconds_limit: float = 5.0) -> None:
    out.print(t("drill.check.title", lang, title=drill.title.get(lang), id=drill.id, file=result.file), style="bold",
              markup=False, highlight=False)
    seen: set[str] = set()
    for test in result.tests:
        name = t(f"drill.test.{test.id}", lang)
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
        for ln in result.printed.strip().splitlines()[:5]:
            out.print(RichText("  " + ln, style="dim"))
    out.print()
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
    out.print(RichText(t("drill.recorded", lang, card=attempt.card, rating=attempt.rating,
                         name=t(f"drill.rating.{attempt.rating}", lang)), style="dim"))


def print_hint(out: Console, n: int | None, drill: Any, lang: str) -> None:
    if n is None:
        out.print(RichText(t("drill.hint.none", lang)))
        return
    out.print(RichText(t("drill.hint", lang, n=n + 1, total=len(drill.hints), text=drill.hints[n].get(lang)), style="cyan"))


def print_solution(out: Console, drill: Any, source: str, lang: str) -> None:
    out.print(RichText(t("drill.solution.title", lang, id=drill.id), style="bold"))
    out.print(RichText(source))
