"""Benchmark of `rnnquiz drill check` (figures for the closing note; not a timed test).

    .venv/bin/python benchmarks/bench_drills.py

Target on the 2-core machine: `rnnquiz drill check ID FILE` ≤ 2 s for a correct solution, whole process
(start-up, sandboxed child, reference models, variants, finite differences). Baseline measured in the same
run: `rnnquiz --version` (the bare start-up) and `python -c "import numpy"` (what the child pays first).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def wall(args: list[str], env: dict[str, str], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        proc = subprocess.run(args, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
        if proc.returncode not in (0,):
            print(f"  (exit {proc.returncode}: {' '.join(args[2:])})")
    return statistics.median(times)


def main() -> None:
    from rnnquiz.drills.catalog import DRILLS
    from rnnquiz.drills.solutions import solution_source

    home = tempfile.mkdtemp()
    env = {**os.environ, "RNNQUIZ_HOME": home, "NO_COLOR": "1"}
    base = wall([sys.executable, "-m", "rnnquiz", "--version"], env)
    numpy = wall([sys.executable, "-c", "import numpy"], env)
    print(f"baseline: rnnquiz --version {base:.2f} s, python -c 'import numpy' {numpy:.2f} s")
    print(f"{'drill':<20} {'check s':>8} {'÷ start-up':>10}  target ≤ 2 s")
    worst = 0.0
    for d in DRILLS:
        path = Path(home) / f"{d.id}.py"
        path.write_text(solution_source(d.function), encoding="utf-8")
        s = wall([sys.executable, "-m", "rnnquiz", "drill", "check", d.id, str(path)], env)
        worst = max(worst, s)
        print(f"{d.id:<20} {s:8.2f} {s / base:10.1f}x{'  > 2 s!' if s > 2 else ''}")
    print(f"slowest: {worst:.2f} s ({'meets' if worst <= 2 else 'misses'} the 2 s target)")
    # A failing check also runs every known wrong variant to name the bug; it is not held to the target
    # but should not feel slower.
    wrong = Path(home) / "wrong-lstm.py"
    wrong.write_text(solution_source("lstm_cell_forward").replace("return o * np.tanh(c), c", "return o * c, c"),
                     encoding="utf-8")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "rnnquiz", "drill", "check", "lstm-cell-forward", str(wrong)],
                          capture_output=True, env=env, text=True)
    named = "h = o ⊙ c" in proc.stdout
    print(f"wrong LSTM cell (bug {'named' if named else 'NOT named'}): {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
