"""What an experiment returns: the measured figures, the checks and the series to plot. No NumPy here.

One object feeds the terminal view (``render/proof.py``), ``prove --json`` (``to_json``) and the tests.
Figures are a small table, named rows × columns (``carousel``, ``b=±5``, ``b=0``); ``figures`` flattens it
to ``{name: value}`` for JSON, one key per cell ("max |C_1000 − C_0| [carousel]").

Every check is a computed pass/fail with the threshold it used spelled out in ``detail``; helpers
``check_lt`` / ``check_gt`` / ``check_close`` write that detail the same way everywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

Value = float | int | str | None


@dataclass
class Check:
    name: str
    passed: bool
    detail: str  # measured value and the threshold it was held to

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "passed": bool(self.passed), "detail": self.detail}


@dataclass
class Series:
    name: str
    x: list[float]
    y: list[float]


@dataclass
class Chart:
    title: str
    xlabel: str
    ylabel: str
    series: list[Series] = field(default_factory=list)
    logy: bool = False


@dataclass
class ProofResult:
    """The outcome of one experiment (see the module docstring)."""

    id: str
    title: dict[str, str]  # {"en": ..., "zh": ...}
    claims: tuple[str, ...]
    setup: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str, list[Value]]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # informational lines (e.g. a timing that is not checked)
    citation: str = ""
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

    def table(self, *columns: str) -> None:
        """Set the figure table's column names (one column: pass a single name)."""
        self.columns = list(columns)

    def row(self, name: str, *values: Any) -> None:
        """Add a figure row; one value per column (None shows as —)."""
        if self.columns and len(values) != len(self.columns):
            raise ValueError(f"row {name!r}: {len(values)} values for {len(self.columns)} columns")
        self.rows.append((name, [_plain(v) for v in values]))

    def check(self, name: str, passed: Any, detail: str) -> bool:
        self.checks.append(Check(name, bool(passed), detail))
        return bool(passed)

    def check_lt(self, name: str, value: float, threshold: float, what: str = "") -> bool:
        v = float(value)
        return self.check(name, math.isfinite(v) and v < threshold,
                          f"{(what + ' = ') if what else ''}{fmt(v)} < {fmt(threshold)}")

    def check_gt(self, name: str, value: float, threshold: float, what: str = "") -> bool:
        v = float(value)
        return self.check(name, (not math.isnan(v)) and v > threshold,
                          f"{(what + ' = ') if what else ''}{fmt(v)} > {fmt(threshold)}")

    def chart(self, title: str, xlabel: str, ylabel: str, logy: bool = False) -> Chart:
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
                out[name] = values[0]
            else:
                cols = self.columns or [str(i) for i in range(len(values))]
                for col, v in zip(cols, values, strict=True):
                    out[f"{name} [{col}]"] = v
        return out

    def to_json(self) -> dict[str, Any]:
        """The ``prove --json`` object of CONTRACTS.md (plus title, seed, quick and the plotted series)."""
        return {
            "id": self.id,
            "title": self.title,
            "claims": list(self.claims),
            "setup": self.setup,
            "figures": {k: _json_value(v) for k, v in self.figures.items()},
            "checks": [c.to_json() for c in self.checks],
            "citation": self.citation,
            "seconds": round(self.seconds, 4),
            "seed": self.seed,
            "quick": self.quick,
            "passed": self.passed,
            "series": [
                {"chart": ch.title, "name": s.name, "x": [_json_value(v) for v in s.x],
                 "y": [_json_value(v) for v in s.y]}
                for ch in self.charts for s in ch.series
            ],
        }


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
