"""Chinese in the explain grader: substring matching (what ships) against jieba word segmentation.

Run with jieba installed (it is not a dependency): python benchmarks/explain_segmentation.py
Prints the corpus marking accuracy of both modes and jieba's import and dictionary-load times. In the
jieba mode a Chinese match must start and end at word boundaries of jieba's segmentation, and a negation
cue must be a whole word; everything else is the shipped grader.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rnnquiz.bank import explain as marking  # noqa: E402
from rnnquiz.bank.load import load_catalog  # noqa: E402

CORPUS = yaml.safe_load((ROOT / "tests" / "interview" / "corpus.yaml").read_text(encoding="utf-8"))
CJK = re.compile(r"[\u3400-\u9fff]")


def expected_ok(kind: str, marks: list[marking.Mark]) -> bool:
    statuses = [m.status for m in marks]
    rating = marking.rating(statuses, [m.required for m in marks])
    required = [m for m in marks if m.required]
    if kind == "strong":
        return rating >= 3
    if kind == "partial":
        return rating <= 2 and any(m.status != "missing" for m in required)
    return rating == 1 and 2 * sum(m.status == "covered" for m in required) < len(required)


def accuracy(cat) -> tuple[int, int, list[str]]:
    ok, total, misses = 0, 0, []
    for qid, by_lang in CORPUS.items():
        q = cat.questions[qid]
        for kind in ("strong", "partial", "wrong"):
            marks = marking.mark(q, by_lang["zh"][kind], cat.glossary)
            total += 1
            if expected_ok(kind, marks):
                ok += 1
            else:
                misses.append(f"{qid} zh {kind}: {''.join(m.status[0] for m in marks)}")
    return ok, total, misses


def use_jieba() -> None:
    import jieba

    jieba.setLogLevel(60)
    bounds_cache: dict[str, set[int]] = {}

    def bounds(s: str) -> set[int]:
        if s not in bounds_cache:
            out, pos = {0}, 0
            for tok in jieba.cut(s):
                pos += len(tok)
                out.add(pos)
            bounds_cache[s] = out
        return bounds_cache[s]

    original_compiled = marking._compiled

    class Aligned:
        def __init__(self, rx):
            self.rx = rx

        def search(self, s):
            for m in self.rx.finditer(s):
                b = bounds(s)
                cjk_start = CJK.match(s[m.start()]) if m.end() > m.start() else None
                cjk_end = CJK.match(s[m.end() - 1]) if m.end() > m.start() else None
                if (not cjk_start or m.start() in b) and (not cjk_end or m.end() in b):
                    return m
            return None

    def compiled(option):
        return Aligned(original_compiled(option))

    def negation_at(s, start, end):
        b = bounds(s)
        for m in marking._NEG_ZH.finditer(s, start, end):
            if m.start() in b and m.end() in b:
                return m.group(0)
        return None

    marking._compiled = compiled
    marking._negation_at = negation_at


def main() -> None:
    cat = load_catalog()
    ok, total, misses = accuracy(cat)
    print(f"substring (shipped): {ok}/{total} Chinese corpus answers marked as expected")
    for m in misses:
        print("   ", m)
    probe = "import time, jieba; t = time.perf_counter(); import jieba; t1 = time.perf_counter(); jieba.setLogLevel(60); list(jieba.cut('梯度不断相乘')); t2 = time.perf_counter(); print(f'{1000 * (t1 - t):.0f} {1000 * (t2 - t1):.0f}')"
    probe = probe.replace("import time, jieba; ", "import time; ")
    runs = [subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.split() for _ in range(3)]
    print("jieba import / first segmentation (dictionary load), ms, 3 fresh processes:", "; ".join(f"{a} / {b}" for a, b in runs))
    use_jieba()
    t = time.perf_counter()
    ok2, total2, misses2 = accuracy(cat)
    print(f"jieba: {ok2}/{total2} Chinese corpus answers marked as expected ({time.perf_counter() - t:.2f} s incl. dictionary)")
    for m in misses2:
        print("   ", m)


if __name__ == "__main__":
    main()
