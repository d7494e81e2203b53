"""The explain grader measured: on the tuning corpus and on held-out answers, and, for Chinese,
substring matching (what ships) against jieba word segmentation.

    python benchmarks/explain_segmentation.py            # jieba part skipped when jieba is not installed

jieba is not a dependency: install it in a scratch environment to compare. In the jieba mode a Chinese
match must start and end at word boundaries of jieba's segmentation and a negation cue must be a whole
word; everything else is the shipped grader. Prints counts, never asserts.
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
HELDOUT = yaml.safe_load((ROOT / "benchmarks" / "data" / "explain_heldout.yaml").read_text(encoding="utf-8"))
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


def cases(langs=("zh",)) -> list[tuple[str, str, str, str]]:
    return [(qid, lang, kind, by_lang[lang][kind]) for qid, by_lang in CORPUS.items() for lang in langs
            for kind in ("strong", "partial", "wrong")]  # fmt: skip


def heldout(langs=("en", "zh")) -> list[tuple[str, str, str, str]]:
    return [(h["id"], h["lang"], h["kind"], h["text"]) for h in HELDOUT if h["lang"] in langs]


def accuracy(cat, items=None) -> tuple[int, int, list[str]]:
    ok, total, misses = 0, 0, []
    for qid, lang, kind, text in items if items is not None else cases():
        marks = marking.mark(cat.questions[qid], text, cat.glossary)
        total += 1
        if expected_ok(kind, marks):
            ok += 1
        else:
            misses.append(f"{qid} {lang} {kind}: {''.join(m.status[0] for m in marks)}")
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

        def finditer(self, s, *args):
            b = bounds(s)
            for m in self.rx.finditer(s, *args):
                cjk_start = CJK.match(s[m.start()]) if m.end() > m.start() else None
                cjk_end = CJK.match(s[m.end() - 1]) if m.end() > m.start() else None
                if (not cjk_start or m.start() in b) and (not cjk_end or m.end() in b):
                    yield m

        def search(self, s):
            return next(self.finditer(s), None)

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
    for name, items in (("tuning corpus, en", cases(("en",))), ("held-out, en", heldout(("en",))),
                        ("held-out, zh", heldout(("zh",)))):  # fmt: skip
        ok, total, misses = accuracy(cat, items)
        print(f"shipped grader, {name}: {ok}/{total} marked as expected")
        for m in misses:
            print("   ", m)
    ok, total, misses = accuracy(cat)
    print(f"substring (shipped): {ok}/{total} Chinese corpus answers marked as expected")
    for m in misses:
        print("   ", m)
    try:
        import jieba  # noqa: F401
    except ImportError:
        print("jieba is not installed: the segmentation comparison is skipped")
        return
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
    ok3, total3, misses3 = accuracy(cat, heldout(("zh",)))
    print(f"jieba, held-out zh: {ok3}/{total3} marked as expected")
    for m in misses3:
        print("   ", m)


if __name__ == "__main__":
    main()
