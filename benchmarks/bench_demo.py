"""Time from `rnnquiz demo lstm` to its first step on screen, in a pseudo-terminal, first run and after.

Run by hand: `python benchmarks/bench_demo.py [--repeat 7]`. Targets on the 2-core machine (issue 15):
first step within 2 s on a first run (an empty RNNQUIZ_HOME) and 0.5 s after; the same for
`--trained`, whose first run trains and caches the weights. The baseline,
`python -c "import typer"`, is measured in the same run so the figures carry a ratio. Medians.
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

import pexpect


def rnnquiz_cmd() -> list[str]:
    script = Path(sys.executable).with_name("rnnquiz")
    if script.exists():
        return [str(script)]
    found = shutil.which("rnnquiz")
    return [found] if found else [sys.executable, "-m", "rnnquiz"]


def first_step(home: str, kind: str, *extra: str) -> float:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"RNNQUIZ_HOME": home, "TERM": "xterm-256color"}
    cmd = rnnquiz_cmd()
    t0 = time.perf_counter()
    child = pexpect.spawn(cmd[0], [*cmd[1:], "demo", kind, *extra], env=env, encoding="utf-8", timeout=30, dimensions=(45, 110))
    child.expect_exact("q quit")  # the last line of the first frame
    elapsed = time.perf_counter() - t0
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    base, first, after, tfirst, tafter = [], [], [], [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import typer"], check=True)
        base.append(time.perf_counter() - t0)
        home = tempfile.mkdtemp()
        first.append(first_step(home, "lstm"))  # empty data folder: nothing cached
        after.append(first_step(home, "lstm"))
        tfirst.append(first_step(home, "lstm", "--trained"))  # trains and caches
        tafter.append(first_step(home, "lstm", "--trained"))  # loads the .npz
        shutil.rmtree(home, ignore_errors=True)
    b = statistics.median(base)
    for name, xs, target in (("first run", first, 2.0), ("after", after, 0.5),
                             ("--trained, first run", tfirst, 2.0), ("--trained, after", tafter, 0.5)):
        m = statistics.median(xs)
        print(f"demo lstm, first step on screen, {name:20}: median {m:.3f} s (max {max(xs):.3f}), "
              f"{m / b:.1f}× import typer ({b:.3f} s); target {target} s: {'met' if m <= target else 'NOT met'}")


if __name__ == "__main__":
    main()
