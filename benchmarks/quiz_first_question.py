"""Time to the first quiz question on screen, against `python -c "import typer"` (issue 6: ≤ 1.5×).

    python benchmarks/quiz_first_question.py [--runs 15] [--root CHECKOUT] [-- extra quiz args]

Both are measured in the same run, in a pseudo-terminal (pexpect), from spawn to the first answer
prompt; the medians and their ratio are printed. RNNQUIZ_HOME is a fresh temp dir.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parent.parent


def timed(argv: list[str], until: str | None, env: dict[str, str]) -> float:
    start = time.perf_counter()
    child = pexpect.spawn(
        argv[0], argv[1:], env=env, cwd=env["PYTHONPATH"], encoding="utf-8", timeout=30, dimensions=(40, 120)
    )
    if until is None:
        child.expect(pexpect.EOF)
    else:
        child.expect_exact(until)
    elapsed = time.perf_counter() - start
    child.close(force=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--root", type=Path, default=ROOT, help="a checkout with the banks in content/")
    parser.add_argument("quiz_args", nargs="*")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "RNNQUIZ_HOME": home, "PYTHONPATH": str(args.root.resolve()), "NO_COLOR": "1"}
        quiz = [sys.executable, "-m", "rnnquiz", "quiz", "--seed", "1", *args.quiz_args]
        typer_only = [sys.executable, "-c", "import typer"]
        timed(quiz, "\n> ", env)  # warm the file cache and the store once
        t_quiz, t_typer = [], []
        for _ in range(args.runs):  # interleaved, so load on the machine hits both alike
            t_typer.append(timed(typer_only, None, env))
            t_quiz.append(timed(quiz, "\n> ", env))
    q, t = statistics.median(t_quiz), statistics.median(t_typer)
    print(f"first question: median {q * 1000:.0f} ms; import typer: median {t * 1000:.0f} ms; ratio {q / t:.2f}")


if __name__ == "__main__":
    main()
