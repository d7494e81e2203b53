"""Every proof on many seeds and BLAS kernels: per check, how many runs pass and the smallest margin.

    .venv/bin/python benchmarks/proof_sweep.py            # seeds 0–19 × {default, Haswell, Sandybridge}
    .venv/bin/python benchmarks/proof_sweep.py --quick    # the same in --quick mode (what CI runs)
    .venv/bin/python benchmarks/proof_sweep.py --seeds 0-4 --kernels Haswell --proofs clipping-explode

A check's margin is how far its measured value sits from its threshold in the check's own (ratio)
scale (``rnnquiz/proofs/result.py``); 1 is the edge, the project asks for ≥ 2 on every run. An exact
check (a shape, an exact zero) has margin inf. Each kernel runs in its own process (OPENBLAS_CORETYPE is
read when OpenBLAS loads), one process per kernel × seed batch, one after the other: the machine is
shared. The worker reports the kernel OpenBLAS actually picked (threadpoolctl), so a kernel that did
not take effect is visible in the table header.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KERNELS = ("default", "Haswell", "Sandybridge")


def _seeds(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


def worker(seeds: list[int], quick: bool, proofs: list[str] | None) -> None:
    """Run the proofs and print one JSON line per (proof, seed)."""
    sys.path.insert(0, str(ROOT))
    import numpy  # noqa: F401  (load OpenBLAS before asking which kernel it picked)
    from threadpoolctl import threadpool_info

    from rnnquiz.proofs.registry import PROOFS
    from rnnquiz.proofs.result import loc
    from rnnquiz.proofs.runner import run_proof

    arch = ",".join(sorted({str(i.get("architecture")) for i in threadpool_info() if i.get("internal_api") == "openblas"}))
    print(json.dumps({"arch": arch}), flush=True)
    questions = {}
    if proofs and any(p not in PROOFS for p in proofs):  # a question id: its proof with its own numbers
        from rnnquiz.bank.load import load_catalog

        questions = load_catalog().questions
    for pid in proofs or [p for p, s in PROOFS.items() if s.built]:
        for seed in seeds:
            if pid in questions:
                from rnnquiz.proofs.questions import question_params

                q = questions[pid]
                r = run_proof(q.proof, seed=seed, quick=quick, params=question_params(q, seed))
            else:
                r = run_proof(pid, seed=seed, quick=quick)
            checks = [{"name": loc(c.name), "passed": c.passed,
                       "margin": None if c.margin is None else (c.margin if math.isfinite(c.margin) else "inf")}
                      for c in r.checks]
            print(json.dumps({"proof": pid, "seed": seed, "seconds": r.seconds, "checks": checks}), flush=True)


def _fmt_margin(m: float) -> str:
    if math.isinf(m):
        return "exact"
    return f"{m:.3g}×" if m < 1e4 else f"{m:.1e}×"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default="0-19", help="e.g. 0-19 or 0,3,5-7")
    ap.add_argument("--kernels", default=",".join(KERNELS), help="comma-separated; 'default' = OPENBLAS_CORETYPE unset")
    ap.add_argument("--proofs", default="", help="comma-separated proof ids or question ids (a question runs its proof "
                    "with its own numbers, as `prove QUESTION-ID --seed S`; default: all built proofs)")
    ap.add_argument("--quick", action="store_true", help="run the proofs in --quick mode")
    ap.add_argument("--batch", type=int, default=20, help="seeds per worker process")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    seeds = _seeds(args.seeds)
    proofs = [p for p in args.proofs.split(",") if p] or None
    if args.worker:
        worker(seeds, args.quick, proofs)
        return 0

    table: dict[tuple[str, str], dict] = {}
    order: list[tuple[str, str]] = []
    archs, secs, t0 = {}, {}, time.perf_counter()
    for kernel in args.kernels.split(","):
        env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
        if kernel != "default":
            env["OPENBLAS_CORETYPE"] = kernel
        for i in range(0, len(seeds), args.batch):
            batch = seeds[i:i + args.batch]
            cmd = [sys.executable, __file__, "--worker", "--seeds", ",".join(map(str, batch))]
            cmd += ["--quick"] if args.quick else []
            cmd += ["--proofs", ",".join(proofs)] if proofs else []
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 2
            for line in proc.stdout.splitlines():
                doc = json.loads(line)
                if "arch" in doc:
                    archs[kernel] = doc["arch"]
                    continue
                secs[doc["proof"]] = secs.get(doc["proof"], 0.0) + doc["seconds"]
                for c in doc["checks"]:
                    key = (doc["proof"], c["name"])
                    if key not in table:
                        table[key] = {"n": 0, "ok": 0, "min": math.inf, "where": ""}
                        order.append(key)
                    row = table[key]
                    m = math.inf if c["margin"] in (None, "inf") else float(c["margin"])
                    row["n"] += 1
                    row["ok"] += bool(c["passed"])
                    if m < row["min"] or not row["where"]:
                        if m <= row["min"]:
                            row["min"], row["where"] = m, f"{kernel}/{doc['seed']}"
    mode = "--quick" if args.quick else "full"
    print(f"proof sweep ({mode}): seeds {args.seeds} × kernels "
          + ", ".join(f"{k} (OpenBLAS picked {archs.get(k, '?')})" for k in args.kernels.split(",")))
    w = max(len(f"{p}: {n}") for p, n in order) if order else 10
    w = min(w, 96)
    print(f"{'proof: check':<{w}}  {'pass':>7}  {'min margin':>10}  worst run")
    bad = 0
    for key in order:
        row = table[key]
        name = f"{key[0]}: {key[1]}"
        if len(name) > w:
            name = name[:w - 1] + "…"
        flag = ""
        if row["ok"] < row["n"] or row["min"] < 2.0:
            flag, bad = "  ✗", bad + 1
        print(f"{name:<{w}}  {row['ok']:>3}/{row['n']:<3}  {_fmt_margin(row['min']):>10}  {row['where']}{flag}")
    total = sum(secs.values())
    slow = sorted(secs.items(), key=lambda kv: -kv[1])[:3]
    print(f"{len(order)} checks; {bad} below target (a failed run or margin < 2×); proof time {total:.0f} s "
          f"(slowest: {', '.join(f'{p} {s:.0f} s' for p, s in slow)}); wall {time.perf_counter() - t0:.0f} s; "
          f"load average {os.getloadavg()[0]:.2f}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
