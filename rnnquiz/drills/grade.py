"""Grade a candidate's file: run it in the sandbox, compare with the reference models, name the bug.

``check_file(drill_id, path, seed)`` returns a ``CheckResult`` (data: render, JSON and tests read it).
Tests, in order: shapes; values on random inputs (for backward drills: gradients against the reference
backward); gradients against finite differences of the reference forward (backward drills); the drill's
edge cases (T = 1, B = 1, zero and non-zero initial states, …); no in-place change of the inputs; for the
sigmoid, no overflow. Tolerance: |got − expected| ≤ 1e-8 + 1e-8·|expected| elementwise in float64
(relative only in the sigmoid's tails; exact for counts); finite differences: norm-wise relative error
below 1e-6. A failing candidate's outputs are compared with every known wrong variant of the drill on
every case it answered; a variant that matches them all is named in one sentence.
"""

from __future__ import annotations

import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rnnquiz.bank.schema import Text
from rnnquiz.drills import catalog
from rnnquiz.drills.checks import CHECKS, CLIP_UNGUARDED, SIGMOID_OVERFLOW, Case, Check, Helper
from rnnquiz.drills.sandbox import Failure, Limits, run_candidate
from rnnquiz.models.functional import numerics
from rnnquiz.models.gradcheck import rel_error

FD_TOL = 1e-6


@dataclass
class TestOutcome:
    id: str  # shapes | values | grads | fd | edge-… | below | extremes | tails | inputs | no-overflow
    passed: bool | None  # None: not run (the file did not load)
    cases: list[str]
    detail: dict[str, Any] | None = None


@dataclass
class CheckResult:
    drill: str
    file: str
    passed: bool
    seed: int
    tests: list[TestOutcome]
    error: Failure | None = None  # the first exception / syntax error / timeout, with its line
    bug: tuple[str, Text] | None = None  # (variant id, sentence)
    seconds: float = 0.0
    guard: str = ""
    printed: str = ""
    warnings: list[str] = field(default_factory=list)
    printed_lines: int = 0
    not_implemented: bool = False  # every call raised NotImplementedError: the untouched starter

    @property
    def score(self) -> tuple[int, int]:
        return sum(1 for t in self.tests if t.passed), len(self.tests)

    def to_json(self) -> dict[str, Any]:
        right, total = self.score
        return {
            "drill": self.drill, "card": catalog.card_id(self.drill), "file": self.file, "passed": self.passed,
            "seed": self.seed, "score": {"passed": right, "total": total},
            "tests": [{"id": t.id, "passed": t.passed, "cases": t.cases, "detail": t.detail} for t in self.tests],
            "error": asdict(self.error) if self.error else None,
            "likely_bug": {"variant": self.bug[0], "sentence": {"en": self.bug[1].en, "zh": self.bug[1].zh}} if self.bug else None,
            "seconds": round(self.seconds, 3), "sandbox": self.guard, "printed": self.printed, "printed_lines": self.printed_lines,
            "not_implemented": self.not_implemented,
            "warnings": self.warnings,
        }


# ------------------------------------------------------------------ encoding for the child (JSON data only)

def encode(x: Any) -> dict[str, Any]:
    if isinstance(x, Helper):
        return {"t": "fn", "v": x.name}
    if isinstance(x, (bool, np.bool_)):
        return {"t": "b", "v": bool(x)}
    if isinstance(x, (int, np.integer)):
        return {"t": "i", "v": int(x)}
    if isinstance(x, (float, np.floating)):
        return {"t": "f", "v": float(x)}
    if isinstance(x, str):
        return {"t": "s", "v": x}
    if isinstance(x, dict):
        return {"t": "d", "v": {k: encode(v) for k, v in x.items()}}
    a = np.asarray(x)
    kind = "float64" if a.dtype.kind == "f" else ("bool" if a.dtype.kind == "b" else "int64")
    return {"t": "a", "v": a.astype(kind).ravel().tolist(), "shape": list(a.shape), "dtype": kind}


def decode(v: Any, depth: int = 0) -> Any:
    """The child's JSON value back as Python/NumPy; anything malformed is an ``_Unreadable``, never an error."""
    t = v.get("t") if isinstance(v, dict) and depth < 8 else None
    if t == "a":
        try:
            return np.array(v["v"], dtype=v["dtype"] if v["dtype"] in ("float64", "int64", "bool") else "float64").reshape(v["shape"])
        except (ValueError, TypeError, KeyError, MemoryError):
            return _Unreadable("an unreadable array")
    if t in ("f", "i", "b") and isinstance(v.get("v"), (int, float, bool)):
        return v["v"]
    if t == "n":
        return None
    if t == "l" and isinstance(v.get("v"), list):
        items = tuple(decode(i, depth + 1) for i in v["v"])
        return _List(items) if v.get("k") == "list" else items
    if t == "d" and isinstance(v.get("v"), dict):
        return {str(k): decode(i, depth + 1) for k, i in v["v"].items()}
    what = v.get("type") if isinstance(v, dict) else None
    return _Unreadable(str(what)[:80] if isinstance(what, str) else "something unreadable")


class _List(tuple):
    """A list the candidate returned: graded like a tuple, but called a list in messages."""


@dataclass
class _Unreadable:
    what: str


# ------------------------------------------------------------------ normalising results to named arrays

def _what(x: Any) -> str:
    if isinstance(x, _Unreadable):
        return x.what
    if isinstance(x, np.ndarray):
        return f"an array {tuple(x.shape)}"
    if isinstance(x, _List):
        return f"a list of {len(x)}"
    if isinstance(x, tuple):
        return f"a tuple of {len(x)}"
    if isinstance(x, (float, np.floating)):
        return f"a float ({x!r})"
    if isinstance(x, dict):
        return "a dict with keys " + ", ".join(sorted(x)) if x else "an empty dict"
    if x is None:
        return "None"
    return f"a {type(x).__name__}"


class StructureError(Exception):
    def __init__(self, expected: str, got: str) -> None:
        super().__init__(expected)
        self.expected, self.got = expected, got


def _array(x: Any, expected: str) -> np.ndarray:
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (np.ndarray, int, float, np.integer, np.floating)):
        raise StructureError(expected, _what(x))
    return np.asarray(x, dtype=float)


def normalize(value: Any, check: Check, grads_keys: list[str] | None = None) -> dict[str, np.ndarray]:
    names = check.outputs
    if check.structure == "single":
        return {names[0]: _array(value, f"an array ({names[0]})")}
    if check.structure == "int":
        if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iu":
            value = int(value)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise StructureError("an int", _what(value))  # a count: 7224.000000001 is not 7224
        return {names[0]: np.asarray(value, dtype=float)}
    if check.structure == "tuple":
        if not isinstance(value, tuple) or len(value) != len(names):
            raise StructureError(f"a tuple ({', '.join(names)})", _what(value))
        return {n: _array(v, f"an array ({n})") for n, v in zip(names, value, strict=True)}
    if check.structure == "dict":
        if isinstance(value, tuple) and len(value) == len(names):
            value = dict(zip(names, value, strict=True))
        if not isinstance(value, dict) or not set(names) <= set(value):
            raise StructureError(f"a dict with keys {', '.join(names)}", _what(value))
        return {n: _array(value[n], f"an array ({n})") for n in names}
    # clip: (dict of arrays with the input's keys, norm)
    if not isinstance(value, tuple) or len(value) != 2 or not isinstance(value[0], dict):
        raise StructureError("a tuple (clipped_grads dict, total_norm)", _what(value))
    grads, norm = value
    keys = grads_keys or sorted(grads)
    if set(grads) != set(keys):
        raise StructureError("clipped grads with the keys " + ", ".join(keys), _what(grads))
    out = {f"grads[{k}]": _array(grads[k], f"an array (grads[{k}])") for k in keys}
    out["norm"] = _array(norm, "a number (total_norm)")
    return out


def _grads_keys(case: Case) -> list[str] | None:
    g = case.args.get("grads")
    return list(g) if isinstance(g, dict) else None


# ------------------------------------------------------------------ comparing

def compare(got: dict[str, np.ndarray], want: dict[str, np.ndarray], rtol: float, atol: float,
            *, shapes_only: bool = False) -> dict[str, Any] | None:
    """None if equal within tolerance, else the first mismatch (output, index, both values or shapes)."""
    for name, w in want.items():
        g = got[name]
        if g.shape != w.shape:
            return {"output": name, "got_shape": list(g.shape), "expected_shape": list(w.shape)}
        if shapes_only:
            continue
        with np.errstate(invalid="ignore", over="ignore"):
            bad = ~(np.abs(g - w) <= atol + rtol * np.abs(w))
        bad |= np.isnan(g) != np.isnan(w)
        bad &= ~(np.isnan(g) & np.isnan(w))
        if bad.any():
            idx = tuple(int(i) for i in np.unravel_index(int(np.argmax(bad)), bad.shape)) if bad.ndim else ()
            return {"output": name, "index": list(idx), "got": float(g[idx]), "expected": float(w[idx])}
    return None


def _tolerances(check: Check, test: str) -> tuple[float, float]:
    if test == "tails":
        return 1e-8, 0.0
    return check.rtol, check.atol


# ------------------------------------------------------------------ the check

def _call(fn: Any, case: Case, meta: bool) -> Any:
    kwargs = {**case.args, **(case.meta if meta else {})}
    return fn(**kwargs)


def _variant_outputs(check: Check, cases: list[Case]) -> dict[str, dict[str, dict[str, np.ndarray] | None]]:
    out: dict[str, dict[str, dict[str, np.ndarray] | None]] = {}
    for v in check.variants:
        per: dict[str, dict[str, np.ndarray] | None] = {}
        for case in cases:
            try:
                with np.errstate(all="ignore"):
                    per[case.id] = normalize(_call(v.fn, case, meta=False), check, _grads_keys(case))
            except Exception:
                per[case.id] = None
        out[v.id] = per
    return out


def check_file(drill_id: str, path: Path, *, seed: int | None = None, limits: Limits | None = None) -> CheckResult:
    """Grade ``path`` for the drill ``drill_id`` (see the module docstring)."""
    drill = catalog.get(drill_id)
    check = CHECKS[drill.id]
    seed = secrets.randbelow(2**31) if seed is None else seed
    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    with numerics():
        cases = check.cases(rng)
    # in the documented order: the child passes them positionally, so the candidate's own names work
    payload = [{"id": c.id, "args": {k: encode(c.args[k]) for k in drill.args}} for c in cases]
    with ThreadPoolExecutor(1) as pool:  # the child runs while the parent computes what to compare with
        future = pool.submit(run_candidate, path, drill.function, payload, limits)
        try:
            with numerics(), np.errstate(all="ignore"):
                refs = {c.id: normalize(_call(check.reference, c, meta=True), check, _grads_keys(c)) for c in cases}
                variants = _variant_outputs(check, cases)
                fd = check.fd(next(c for c in cases if c.test == "values")) if check.fd else None
        except KeyboardInterrupt:
            from rnnquiz.drills.sandbox import kill_running

            kill_running()
            raise
        try:
            run = future.result()
        except KeyboardInterrupt:
            from rnnquiz.drills.sandbox import kill_running

            kill_running()
            raise
    result = CheckResult(drill.id, str(path), False, seed, [], guard=run.guard, printed=run.printed,
                         printed_lines=run.printed_lines)
    test_ids = _test_ids(check, cases)
    if run.load is not None:
        result.error = run.load
        result.tests = [TestOutcome(tid, None, cids) for tid, cids in test_ids]
        result.seconds = time.perf_counter() - t0
        return result

    got: dict[str, dict[str, np.ndarray]] = {}
    problems: dict[str, dict[str, Any]] = {}  # case id -> detail of why it has no usable output
    for case in cases:
        entry = run.cases.get(case.id)
        if entry is None:
            problems[case.id] = {"case": case.id, "missing": True}
            continue
        for w in entry.get("warnings", []):
            if w not in result.warnings:
                result.warnings.append(w)
        if "error" in entry:
            err: Failure = entry["error"]
            if result.error is None:
                result.error = err
            text = f"{err.type}: {err.message}" if err.message.strip() else err.type  # an empty MemoryError
            problems[case.id] = {"case": case.id, "error": text, "line": err.line}
            continue
        try:
            got[case.id] = normalize(decode(entry.get("result", {})), check, _grads_keys(case))
        except StructureError as exc:
            problems[case.id] = {"case": case.id, "expected": exc.expected, "got": exc.got}

    result.not_implemented = bool(run.cases) and all(
        isinstance(e.get("error"), Failure) and e["error"].type == "NotImplementedError" for e in run.cases.values())
    by_id = {c.id: c for c in cases}
    for alt in check.alternatives:  # another right form: where the candidate matches it, it is the reference
        for cid, g in got.items():
            if compare(g, refs[cid], *_tolerances(check, by_id[cid].test)) is None:
                continue
            try:
                with numerics(), np.errstate(all="ignore"):
                    want = normalize(_call(alt, by_id[cid], meta=False), check, _grads_keys(by_id[cid]))
            except Exception:  # noqa: BLE001  an alternative that cannot run on a case is no alternative there
                continue
            if compare(g, want, *_tolerances(check, by_id[cid].test)) is None:
                refs[cid] = want
    for tid, cids in test_ids:
        result.tests.append(_outcome(tid, cids, check, by_id, got, refs, problems, fd, run))
    result.passed = all(t.passed for t in result.tests)
    if not result.passed:
        result.bug = _likely_bug(check, result, got, refs, variants, {c.id: c.test for c in cases})
        if result.bug is None and any(_low_precision(e.get("result")) for e in run.cases.values()):
            result.bug = ("low-precision", LOW_PRECISION)
        if result.bug is None and result.error is not None and result.error.type == "PermissionError" \
                and "landlock" in run.guard.split("+") and "Errno 13" in result.error.message:
            result.bug = ("sandbox-files", SANDBOX_FILES)
        if result.bug is None and result.error is not None and _is_shape_error(result.error):
            result.bug = ("shape-mismatch", SHAPE_HINT["torch" if drill.notation == catalog.TORCH else "d2l"])
    result.seconds = time.perf_counter() - t0
    return result


SHAPE_HINT = {
    "d2l": Text("a product with mismatched shapes: in the d2l layout the row vector comes first, x @ W with W (d, h) "
                "and h_prev @ W_h with W_h (h, h); check each operand against the shapes in the docstring.",
                "矩阵乘法的形状不匹配：d2l 约定中行向量在左边，x @ W，W 为 (d, h)，h_prev @ W_h，W_h 为 (h, h)；"
                "请对照文档字符串中的形状逐个检查。"),
    "torch": Text("a product with mismatched shapes: PyTorch stores weights as (G·h, d), so a batch (B, d) is "
                  "multiplied by the transpose, x @ weight_ih.T; check each operand against the docstring.",
                  "矩阵乘法的形状不匹配：PyTorch 的权重存为 (G·h, d)，所以批量 (B, d) 要乘以转置：x @ weight_ih.T；"
                  "请对照文档字符串检查每个操作数。"),
}


SANDBOX_FILES = Text("your code opened a file outside what the drill sandbox allows: it may read Python and its "
                     "packages and write only in its own temporary folder (the current directory); a drill needs no files.",
                     "你的代码打开了练习沙箱不允许的文件：只能读取 Python 及其包，只能在自己的临时文件夹（当前目录）中写入；练习不需要任何文件。")


LOW_PRECISION = Text("your outputs are float32 (or float16): the check compares in float64 to 1e-8; keep the "
                     "inputs' dtype (np.zeros_like, or dtype=float).",
                     "你的输出是 float32（或 float16）：检查在 float64 下以 1e-8 比较；请保持输入的数据类型（np.zeros_like 或 dtype=float）。")


def _low_precision(v: Any, depth: int = 0) -> bool:
    if not isinstance(v, dict) or depth > 6:
        return False
    if v.get("t") == "a":
        return v.get("orig") in ("float32", "float16")
    items = v.get("v")
    if isinstance(items, list):
        return any(_low_precision(i, depth + 1) for i in items)
    if isinstance(items, dict):
        return any(_low_precision(i, depth + 1) for i in items.values())
    return False


def _is_shape_error(err: Failure) -> bool:
    text = err.message.lower()
    return err.type == "ValueError" and any(w in text for w in ("matmul", "shapes", "broadcast", "aligned"))


def _test_ids(check: Check, cases: list[Case]) -> list[tuple[str, list[str]]]:
    values = [c.id for c in cases if c.test == "values"]
    stateful = any(k in ("h_prev", "h0", "h0_f") for k in cases[0].args)
    tests = [("shapes", [c.id for c in cases]), ("grads" if check.fd else ("values-state" if stateful else "values"), values)]
    if check.fd:
        tests.append(("fd", values[:1]))
    for label in dict.fromkeys(c.test for c in cases if c.test != "values"):
        tests.append((label, [c.id for c in cases if c.test == label]))
    if any(isinstance(v, np.ndarray | dict) for c in cases for v in c.args.values()):  # something to change in place
        tests.append(("inputs", [c.id for c in cases]))
    if check is CHECKS["stable-sigmoid"]:
        tests.append(("no-overflow", [c.id for c in cases]))
    return tests


def _outcome(tid: str, cids: list[str], check: Check, by_id: dict[str, Case], got: dict, refs: dict,
             problems: dict, fd: dict | None, run: Any) -> TestOutcome:
    if tid == "inputs":
        if not got:
            return TestOutcome(tid, None, cids)  # nothing came back: no verdict on the inputs either
        for cid in cids:
            changed = (run.cases.get(cid) or {}).get("changed") or []
            if changed:
                return TestOutcome(tid, False, cids, {"case": cid, "changed": changed})
        return TestOutcome(tid, True, cids)
    if tid == "no-overflow":
        if not got:
            return TestOutcome(tid, None, cids)  # every call failed: nothing to say about warnings
        for cid in cids:
            ws = [w for w in (run.cases.get(cid) or {}).get("warnings", []) if "overflow" in w or "invalid" in w]
            if ws:
                return TestOutcome(tid, False, cids, {"case": cid, "warning": ws[0]})
        return TestOutcome(tid, True, cids)
    for cid in cids:
        if cid in problems:
            return TestOutcome(tid, False, cids, problems[cid])
    if tid == "fd":
        cid = cids[0]
        worst = max(((rel_error(got[cid][k], fd[k]), k) for k in fd if got[cid][k].shape == fd[k].shape),
                    default=(0.0, ""))
        for k in fd:
            if got[cid][k].shape != fd[k].shape:
                return TestOutcome(tid, False, cids, {"case": cid, "output": k, "got_shape": list(got[cid][k].shape),
                                                      "expected_shape": list(fd[k].shape)})
        ok = worst[0] < FD_TOL
        return TestOutcome(tid, ok, cids, {"case": cid, "output": worst[1], "rel_error": worst[0]} if not ok else
                           {"rel_error": worst[0]})
    for cid in cids:
        rtol, atol = _tolerances(check, by_id[cid].test)
        miss = compare(got[cid], refs[cid], rtol, atol, shapes_only=(tid == "shapes"))
        if miss:
            return TestOutcome(tid, False, cids, {"case": cid, **miss})
    return TestOutcome(tid, True, cids)


def _likely_bug(check: Check, result: CheckResult, got: dict, refs: dict, variants: dict,
                labels: dict[str, str]) -> tuple[str, Text] | None:
    failed = {t.id for t in result.tests if t.passed is False}
    if failed == {"inputs"}:
        detail = next(t.detail for t in result.tests if t.id == "inputs") or {}
        names = ", ".join(detail.get("changed", []))
        return ("in-place", Text(f"your values are right, but your code changes its input {names} in place; work on copies.",
                                 f"你的数值正确，但代码原地修改了输入 {names}；请在副本上计算。"))
    if check is CHECKS["stable-sigmoid"] and "no-overflow" in failed and not (failed - {"no-overflow", "inputs"}):
        return ("naive", SIGMOID_OVERFLOW)
    if check is CHECKS["clip-global-norm"] and "edge-zero-grads" in failed and all(
            (t.detail or {}).get("case") == "zeros" for t in result.tests if t.passed is False):
        return ("unguarded", CLIP_UNGUARDED)
    if not got:
        return None
    for v in check.variants:
        outs = variants[v.id]
        matched = 0
        for cid, g in got.items():
            vo = outs.get(cid)
            if vo is None:
                break
            rtol, atol = _tolerances(check, labels[cid])
            if compare(g, vo, rtol, atol) is not None:
                break
            matched += 1
        else:
            if matched and any(compare(g, refs[cid], *_tolerances(check, labels[cid])) is not None for cid, g in got.items()):
                return v.id, v.sentence
    for v in check.variants:  # only some outputs show the mistake, the others are right (dWh = … but dWx += …)
        if v.per_output and _mixed_match(got, refs, variants[v.id], check, labels):
            return v.id, v.sentence
    return None


def _mixed_match(got: dict, refs: dict, outs: dict, check: Check, labels: dict[str, str]) -> bool:
    """Every output of every case equals the reference's or the variant's, and some differ from the reference."""
    wrong = 0
    for cid, g in got.items():
        vo = outs.get(cid)
        if vo is None:
            return False
        rtol, atol = _tolerances(check, labels[cid])
        for name in g:
            ref_ok = compare({name: g[name]}, {name: refs[cid][name]}, rtol, atol) is None
            if ref_ok:
                continue
            if name not in vo or compare({name: g[name]}, {name: vo[name]}, rtol, atol) is not None:
                return False
            wrong += 1
    return wrong > 0
