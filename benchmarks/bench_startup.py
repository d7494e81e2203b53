"""Start-up time of `rnnquiz --version` and `rnnquiz list` as ratios to `python -c "import typer"`.

Run by hand: `python benchmarks/bench_startup.py [--repeat 15]`. Targets on the 2-core machine:
--version ≤ 1.2×, list ≤ 2.0× (issue 2). Medians of interleaved runs, all measured in this one run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def rnnquiz_cmd() -> list[str]:
    script = Path(sys.executable).with_name("rnnquiz")
    if script.exists():
        return [str(script)]
    found = shutil.which("rnnquiz")
    return [found] if found else [sys.executable, "-m", "rnnquiz"]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "RNNQUIZ_HOME": tempfile.mkdtemp(), "COLUMNS": "100"}
    cases = {
        "import typer (baseline)": [sys.executable, "-c", "import typer"],
        "rnnquiz --version": [*rnnquiz_cmd(), "--version"],
        "rnnquiz list": [*rnnquiz_cmd(), "list"],
        "rnnquiz topics": [*rnnquiz_cmd(), "topics"],
    }
    for cmd in cases.values():  # warm the OS cache and any bank cache
        timed(cmd, env)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.repeat):
        for name, cmd in cases.items():
            times[name].append(timed(cmd, env))
    base = statistics.median(times["import typer (baseline)"])
    print(f"{'command':<26} {'median ms':>10} {'ratio':>7}")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:<26} {med * 1000:>10.1f} {med / base:>6.2f}×")


if __name__ == "__main__":
    main()
