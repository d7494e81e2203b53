"""Grading cost: the answer-key grader on the grading corpus, and whether rapidfuzz would pay for itself.

    python benchmarks/bench_grade.py [--repeats N]

Prints, measured in one run: the time to grade every corpus answer (per answer), the share of it spent in
the hand-written edit distance, the same distance with rapidfuzz (if installed) and rapidfuzz's import time
in a fresh interpreter. A quiz answer is graded once; anything under a millisecond is invisible, while an
import is paid by every `rnnquiz quiz` start (target: the startup budget of bench_startup.py).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from rnnquiz.bank import grade
from rnnquiz.bank.load import load_catalog

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "grading" / "corpus.yaml"


def median(fn, repeats: int) -> float:
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def import_time(module: str, repeats: int = 5) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(repeats)]
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=20)
    args = ap.parse_args()
    cat = load_catalog(bundled=True)
    cases = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["cases"]
    items = [(grade.prepare(cat.questions[c["id"]], 0), c["answer"], c["lang"]) for c in cases]

    def grade_all() -> None:
        grade.answer_tokens.cache_clear()
        for it, answer, lang in items:
            grade.grade(it, answer, lang, cat.glossary)

    total = median(grade_all, args.repeats)
    pairs = [(grade.normalize(a), grade.normalize(b)) for a in ("spectrial radius", "constant error carousal",
             "backpropogation through time", "detatch") for b in ("spectral radius", "constant error carousel",
             "backpropagation through time", "detach", "layer normalization", "exposure bias")]
    ours = median(lambda: [grade.edit_distance(a, b, 2) for a, b in pairs], args.repeats * 10) / len(pairs)
    print(f"corpus: {len(items)} answers, {total / len(items) * 1e6:.0f} µs per answer (median of {args.repeats})")
    print(f"edit distance, hand-written: {ours * 1e6:.2f} µs per pair")
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:
        print("rapidfuzz: not installed (pip install rapidfuzz to compare)")
        return
    theirs = median(lambda: [Levenshtein.distance(a, b, score_cutoff=2) for a, b in pairs], args.repeats * 10) / len(pairs)
    imp, base = import_time("rapidfuzz.distance.Levenshtein"), import_time("json")
    print(f"edit distance, rapidfuzz:    {theirs * 1e6:.2f} µs per pair  (ratio ours/rapidfuzz {ours / theirs:.1f}x)")
    print(f"rapidfuzz import: {imp * 1e3:.1f} ms (json: {base * 1e3:.1f} ms); saving per answer at ~20 pairs: "
          f"{(ours - theirs) * 20 * 1e6:.0f} µs -> break-even after {imp / max((ours - theirs) * 20, 1e-12):.0f} answers")


if __name__ == "__main__":
    main()
