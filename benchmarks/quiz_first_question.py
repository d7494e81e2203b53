"""Time to the first quiz question on screen, against `python -c "import typer"` (issue 6: ≤ 1.5×).

    python benchmarks/quiz_first_question.py [--runs 15] [--root CHECKOUT] [-- extra quiz args]
    python benchmarks/quiz_first_question.py --baseline OTHER_CHECKOUT [--runs 30] [--root CHECKOUT]

Both are measured in the same run, in a pseudo-terminal (pexpect), from spawn to the first answer
prompt; the medians and their ratio are printed. RNNQUIZ_HOME is a fresh temp dir.

With --baseline, the A/B mode: the first question of OTHER_CHECKOUT (e.g. a `git worktree` at the branch
point, with its own content/) against --root's, runs interleaved (A, B, A, B...) so that load on the machine
hits both alike; each has its own fresh home. Bytecode is written for both (PYTHONDONTWRITEBYTECODE is
dropped for the children), as after `pip install`: otherwise a checkout without __pycache__ compiles
every module on every run (+50 ms) and the ratio measures that.
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


def ab(baseline: Path, root: Path, runs: int, quiz_args: list[str]) -> None:
    roots = [baseline.resolve(), root.resolve()]
    quiz = [sys.executable, "-m", "rnnquiz", "quiz", "--seed", "1", *quiz_args]
    times: dict[Path, list[float]] = {r: [] for r in roots}
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        envs = {r: {**base_env, "RNNQUIZ_HOME": h, "PYTHONPATH": str(r), "NO_COLOR": "1"} for r, h in zip(roots, (a, b), strict=True)}
        for r in roots:
            timed(quiz, "\n> ", envs[r])  # bytecode, file cache, store and catalog cache
        for _ in range(runs):
            for r in roots:
                times[r].append(timed(quiz, "\n> ", envs[r]))
    m = [statistics.median(times[r]) for r in roots]
    print(f"baseline {roots[0]}: median {m[0] * 1000:.1f} ms; {roots[1]}: median {m[1] * 1000:.1f} ms; "
          f"ratio {m[1] / m[0]:.3f} ({runs} runs each, interleaved)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--root", type=Path, default=ROOT, help="a checkout with the banks in content/")
    parser.add_argument("--baseline", type=Path, help="A/B: another checkout to compare --root with")
    parser.add_argument("quiz_args", nargs="*")
    args = parser.parse_args()
    if args.baseline is not None:
        ab(args.baseline, args.root, args.runs, args.quiz_args)
        return
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
