"""Benchmark of the proofs and the demo (figures for the closing note; not a timed test).

    PYTHONPATH=. python benchmarks/bench_proofs.py

Targets on the 2-core machine: `rnnquiz prove --all` ≤ 40 s, `--all --quick` ≤ 10 s, each `instant`
proof < 1 s (in process, and `rnnquiz prove <instant proof>` as a whole process, start-up included),
`rnnquiz demo lstm` < 1 s. The smallest check margin of each proof (full and quick, seed 0) is printed too;
``proof_sweep.py`` measures margins over seeds and BLAS kernels.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time


def wall(*args: str, repeats: int = 1) -> tuple[float, float]:
    """Median wall time and median CPU time (user + sys) of ``rnnquiz ARGS`` as a fresh process. On a
    loaded shared machine the CPU time is what the process would take on a quiet one."""
    import resource

    env = {**os.environ, "RNNQUIZ_HOME": tempfile.mkdtemp(), "NO_COLOR": "1"}
    times, cpus = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "rnnquiz", *args], capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        if proc.returncode != 0:
            print(f"  (exit {proc.returncode}: {' '.join(args)})")
    return statistics.median(times), statistics.median(cpus)


def main() -> None:
    from rnnquiz.proofs.registry import PROOFS
    from rnnquiz.proofs.runner import run_proof

    print(f"load average at the start: {os.getloadavg()[0]:.2f} (2-core machine; other work inflates these)")
    print(f"{'proof':<18} {'runtime':<8} {'full s':>8} {'quick s':>8}  checks  min margin")
    tf = tq = 0.0
    for pid, spec in PROOFS.items():
        full = run_proof(pid)
        q = run_proof(pid, quick=True)
        tf, tq = tf + full.seconds, tq + q.seconds
        ok = f"{sum(c.passed for c in full.checks)}/{len(full.checks)}"
        flag = "  > 1 s!" if spec.runtime == "instant" and full.seconds >= 1.0 else ""
        m = min(full.min_margin, q.min_margin)
        print(f"{pid:<18} {spec.runtime:<8} {full.seconds:>8.2f} {q.seconds:>8.2f}  {ok:>6}  "
              f"{'exact' if m == float('inf') else f'{m:.3g}×':>10}{flag}")
    print(f"{'sum':<18} {'':<8} {tf:>8.2f} {tq:>8.2f}")
    print()
    targets = [("prove --all", ["prove", "--all"], 40.0, 1), ("prove --all --quick", ["prove", "--all", "--quick"], 10.0, 1),
               ("prove forget-bias", ["prove", "forget-bias"], 1.0, 5),
               ("prove parameter-count", ["prove", "parameter-count"], 1.0, 5),
               ("prove lstm-params-pytorch (a question)", ["prove", "lstm-params-pytorch"], 1.0, 5),
               ("demo lstm", ["demo", "lstm"], 1.0, 5), ("--help (start-up)", ["--help"], None, 5)]
    for name, args, target, reps in targets:
        t, cpu = wall(*args, repeats=reps)
        verdict = "" if target is None else ("  ok" if t <= target else ("  OVER (wall; CPU ok)" if cpu <= target else "  OVER"))
        print(f"{name:<40} wall {t:6.2f} s  CPU {cpu:6.2f} s" + (f"   target ≤ {target:g} s{verdict}" if target else "") +
              (f"   (median of {reps})" if reps > 1 else ""))
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (2-core machine; other work inflates these)")


if __name__ == "__main__":
    main()
