"""What an experiment returns: the measured figures, the checks and the series to plot. No NumPy here.

One object feeds the terminal view (``render/proof.py``), ``prove --json`` (``to_json``) and the tests.
Figures are a small table, named rows × columns (``carousel``, ``b=±5``, ``b=0``); ``figures`` flattens it
to ``{name: value}`` for JSON, one key per cell ("max |C_1000 − C_0| [carousel]").

Every check is a computed pass/fail with the threshold it used spelled out in ``detail``; helpers
``check_lt`` / ``check_gt`` / ``check_ratio`` write that detail the same way everywhere, and record the
check's *margin*: how far the measured value sits from its threshold in the quantity's own (ratio) scale,
``threshold / value`` for "<" and ``value / threshold`` for ">". A margin below 1 is a failure; the
project asks for at least 2 on every seed and BLAS kernel (``benchmarks/proof_sweep.py`` measures it).
Thresholds are relative to a control or baseline measured in the same run (a ratio of two runs, an
order of magnitude), never an absolute value fitted to one machine. ``check_exact`` is for structural
facts that hold exactly or not at all (a shape, a value that is exactly 0, an exact fraction); its margin
is ``inf`` ("exact").

Text that the screen shows may be a plain string or ``bi(en, zh)`` (a ``{"en", "zh"}`` dict);
``loc(text, lang)`` picks the language (English is the fallback).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

Value = float | int | str | None


Msg = str | dict  # a plain string or bi(en, zh)


def bi(en: str, zh: str) -> dict[str, str]:
    """A text in both languages."""
    return {"en": en, "zh": zh}


def loc(text: Any, lang: str = "en") -> str:
    """``text`` in ``lang``: a plain string as is, a ``bi(...)`` dict by language (English fallback)."""
    if isinstance(text, dict):
        return text.get(lang) or text.get("en", "")
    if text is None:
        return ""
    if lang == "zh":
        from rnnquiz.proofs.zh import to_zh

        return to_zh(str(text))
    return str(text)


def margin_text(margin: float | None, lang: str = "en") -> str:
    if margin is None:
        return ""
    if math.isinf(margin) and margin > 0:
        return "exact" if lang == "en" else "精确"
    return ("margin ×" if lang == "en" else "余量 ×") + fmt(float(margin), 2)


@dataclass
class Check:
    name: Msg
    passed: bool
    detail: Msg  # measured value and the threshold it was held to
    margin: float | None = None  # ratio scale, ≥ 1 when passed; inf for exact checks

    def to_json(self) -> dict[str, Any]:
        m = self.margin
        detail = loc(self.detail) + (f"   {margin_text(m)}" if m is not None else "")
        return {"name": loc(self.name), "passed": bool(self.passed), "detail": detail,
                "margin": _json_value(float(m)) if m is not None else None}


@dataclass
class Series:
    name: Msg
    x: list[float]
    y: list[float]


@dataclass
class Chart:
    title: Msg
    xlabel: Msg
    ylabel: Msg
    series: list[Series] = field(default_factory=list)
    logy: bool = False


@dataclass
class ProofResult:
    """The outcome of one experiment (see the module docstring)."""

    id: str
    title: dict[str, str]  # {"en": ..., "zh": ...}
    claims: tuple[str, ...]
    setup: Msg = ""
    columns: list[Msg] = field(default_factory=list)
    rows: list[tuple[Msg, list[Value]]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)  # informational lines (e.g. a timing that is not checked)
    citation: str = ""
    answer: Msg = ""  # one line: how the result answers the question it was run for (prove QUESTION-ID)
    params: dict[str, Any] = field(default_factory=dict)  # the question's numbers the run used
    seed: int = 0
    quick: bool = False
    seconds: float = 0.0

    # ------------------------------------------------------------------ building

    @classmethod
    def start(cls, proof_id: str, seed: int, quick: bool) -> ProofResult:
        """An empty result carrying the registry's title and claims for ``proof_id``."""
        from rnnquiz.proofs.registry import PROOFS

        spec = PROOFS[proof_id]
        return cls(id=proof_id, title={"en": spec.title.get("en"), "zh": spec.title.get("zh")},
                   claims=spec.claims, seed=seed, quick=quick)

    def table(self, *columns: Msg) -> None:
        """Set the figure table's column names (one column: pass a single name)."""
        self.columns = list(columns)

    def row(self, name: Msg, *values: Any) -> None:
        """Add a figure row; one value per column (None shows as —)."""
        if self.columns and len(values) != len(self.columns):
            raise ValueError(f"row {name!r}: {len(values)} values for {len(self.columns)} columns")
        self.rows.append((name, [_plain(v) for v in values]))

    def check(self, name: Msg, passed: Any, detail: Msg, margin: float | None = None) -> bool:
        self.checks.append(Check(name, bool(passed), detail, margin))
        return bool(passed)

    def check_exact(self, name: Msg, passed: Any, detail: Msg) -> bool:
        """A structural fact: holds exactly or not at all (a shape, an exact 0, an exact fraction)."""
        return self.check(name, passed, detail, math.inf if passed else 0.0)

    def check_lt(self, name: Msg, value: float, threshold: float, what: Msg = "") -> bool:
        """``value < threshold`` for a positive quantity; margin ``threshold / value``."""
        v = float(value)
        ok = math.isfinite(v) and v < threshold
        m = (math.inf if v <= 0 else threshold / v) if math.isfinite(v) else 0.0
        return self.check(name, ok, _detail(what, f"{fmt(v)} < {fmt(threshold)}"), m)

    def check_gt(self, name: Msg, value: float, threshold: float, what: Msg = "") -> bool:
        """``value > threshold`` for a positive threshold; margin ``value / threshold`` (inf counts)."""
        v = float(value)
        ok = (not math.isnan(v)) and v > threshold
        m = 0.0 if math.isnan(v) else (math.inf if math.isinf(v) and v > 0 else max(v, 0.0) / threshold)
        return self.check(name, ok, _detail(what, f"{fmt(v)} > {fmt(threshold)}"), m)

    def check_ratio(self, name: Msg, num: float, den: float, op: str, threshold: float, what: Msg) -> bool:
        """Compare ``num / den`` (a run against its control) with ``threshold``; ``op`` is "<" or ">".
        A zero denominator gives ratio inf; 0/0 fails."""
        n, d = abs(float(num)), abs(float(den))
        ratio = (math.inf if n > 0 else math.nan) if d == 0 else n / d
        if math.isnan(float(num)) or math.isnan(float(den)):
            ratio = math.nan
        if op == "<":
            return self.check_lt(name, ratio, threshold, what)
        return self.check_gt(name, ratio, threshold, what)

    def chart(self, title: Msg, xlabel: Msg, ylabel: Msg, logy: bool = False) -> Chart:
        c = Chart(title, xlabel, ylabel, logy=logy)
        self.charts.append(c)
        return c

    # ------------------------------------------------------------------ reading

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def figures(self) -> dict[str, Value]:
        """The table flattened: ``{row: value}`` for one column, ``{"row [column]": value}`` otherwise."""
        out: dict[str, Value] = {}
        for name, values in self.rows:
            if len(values) == 1:
                out[loc(name)] = values[0]
            else:
                cols = [loc(c) for c in self.columns] or [str(i) for i in range(len(values))]
                for col, v in zip(cols, values, strict=True):
                    out[f"{loc(name)} [{col}]"] = v
        return out

    @property
    def min_margin(self) -> float:
        """The smallest margin of any check (inf if every check is exact)."""
        ms = [c.margin for c in self.checks if c.margin is not None]
        return min(ms) if ms else math.inf

    def to_json(self) -> dict[str, Any]:
        """The ``prove --json`` object of CONTRACTS.md (plus title, seed, quick and the plotted series)."""
        return {
            "id": self.id,
            "title": self.title,
            "claims": list(self.claims),
            "setup": loc(self.setup),
            "figures": {k: _json_value(v) for k, v in self.figures.items()},
            "checks": [c.to_json() for c in self.checks],
            "citation": self.citation,
            "seconds": round(self.seconds, 4),
            "seed": self.seed,
            "quick": self.quick,
            "passed": self.passed,
            "answer": loc(self.answer),
            "params": self.params,
            "series": [
                {"chart": loc(ch.title), "name": loc(s.name), "x": [_json_value(v) for v in s.x],
                 "y": [_json_value(v) for v in s.y]}
                for ch in self.charts for s in ch.series
            ],
        }


def _detail(what: Msg, rest: str) -> Msg:
    if isinstance(what, dict):
        return {k: f"{v} = {rest}" for k, v in what.items()}
    return f"{what} = {rest}" if what else rest


def _plain(v: Any) -> Value:
    """NumPy scalars → Python numbers; everything else as is (str, None, int, float)."""
    if v is None or isinstance(v, str | bool):
        return v if not isinstance(v, bool) else int(v)
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, int):
        return v
    return float(v)


def _json_value(v: Any) -> Any:
    # JSON has no inf/nan: a diverged loss is reported as the string "inf" / "nan".
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def fmt(v: Value, digits: int = 3) -> str:
    """Compact number format used in tables and check details: 0.25, 1.5e-06, 3/4, —."""
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "−inf"
    if v == 0:
        return "0"
    a = abs(v)
    if 1e-3 <= a < 1e4:
        s = f"{v:.{digits}g}" if a < 1 else f"{v:.{digits + 1}g}"
        return s
    s = f"{v:.{max(digits - 2, 1)}e}".replace("e-0", "e-").replace("e+0", "e+")
    return s.replace(".0e", "e")
