"""Benchmark review at scale: a 10,000-question user bank and 200,000 review-log rows.

Measures (targets from issue 7, on the 2-core machine):
  rnnquiz due     ≤ 0.3 s   (a whole process, bank cache warm)
  rnnquiz stats   ≤ 1 s     (a whole process, bank cache warm)
  next card       ≤ 20 ms   (Deck.pick in-process)

    PYTHONPATH=$PWD python benchmarks/bench_review.py [--questions 10000] [--rows 200000] [--keep DIR]

Not a test: it prints the figures. The store is filled with SQL and the cards are rebuilt from the log
(`doctor --repair` path), so it also times a full rebuild.

The processes run with the environment as it is. In the dev container PYTHONDONTWRITEBYTECODE=1 and the
checkout has no __pycache__, so every run compiles rnnquiz from source; the "bytecode cached" lines run
the same commands with .pyc files (in a temporary PYTHONPYCACHEPREFIX), as an installed package runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
PER_FILE = 500  # bank files stay under the 2 MiB / 100,000-node limits


def write_banks(folder: Path, n: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for f in range(0, n, PER_FILE):
        name = f"bench{f // PER_FILE:02d}"
        lines = [f"topic: {name}", f"title: {{en: 'Bench {name}'}}", "languages: [en]", "questions:"]
        for i in range(f, min(n, f + PER_FILE)):
            qid = f"q{i:05d}"
            ids.append(f"{name}/{qid}")
            if i % 2:
                lines += [
                    f"  - id: {qid}", "    type: mcq", "    claims: [extra]",
                    f"    prompt: 'Question {i}: which is right?'", "    explanation: 'Because it is. Really.'",
                    "    choices:", "      - {text: 'right', correct: true}", "      - {text: 'wrong', correct: false}",
                ]  # fmt: skip
            else:
                lines += [
                    f"  - id: {qid}", "    type: flashcard", "    claims: [extra]",
                    f"    prompt: 'Card {i}'", f"    answer: 'Answer {i}'", "    explanation: 'Because. Really.'",
                ]  # fmt: skip
        (folder / f"{name}.yaml").write_text("\n".join(lines) + "\n")
    return ids


def fill_log(db_path: Path, ids: list[str], rows: int) -> float:
    """200,000 review rows over the last year for the first 80% of the questions; cards rebuilt from them."""
    from rnnquiz.store import cards, open_store

    rng = random.Random(0)
    studied = ids[: int(len(ids) * 0.8)]
    per_card = rows // len(studied)
    start = NOW - timedelta(days=365)
    batch = []
    for qid in studied:
        t = start + timedelta(seconds=rng.randrange(0, 86400 * 30))
        interval = 600
        state = 0
        for k in range(per_card):
            rating = rng.choices([1, 2, 3, 4], [1, 2, 6, 1])[0]
            interval = 600 if rating == 1 else max(86400, int(interval * rng.uniform(1.5, 2.5)))
            interval = min(interval, 86400 * 60)
            batch.append((
                uuid.uuid4().hex, qid, "review", rating, t.isoformat(timespec="microseconds"), rng.randrange(2000, 30000),
                state, 2, interval, interval, (t + timedelta(seconds=interval)).isoformat(timespec="microseconds"),
            ))  # fmt: skip
            state = 2
            t = t + timedelta(seconds=interval) + timedelta(seconds=rng.randrange(0, 3600))
            if t > NOW - timedelta(hours=1) and k < per_card - 1:
                t = NOW - timedelta(seconds=rng.randrange(3600, 86400 * 20))  # keep history in the past
    with open_store(db_path) as store:
        with store.transaction() as db:
            db.executemany(
                """INSERT INTO review_log (uuid, question_id, kind, rating, reviewed_at, duration_ms, state_before,
                       state_after, interval_s, prev_interval_s, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                batch,
            )
        t0 = time.perf_counter()
        diagnosis, rebuilt = cards.diagnose(store.db, ids)
        cards.repair(store, rebuilt, diagnosis)
        return time.perf_counter() - t0


def time_cmd(cmd: list[str], env: dict[str, str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def time_cli(args: list[str], env: dict[str, str], runs: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "rnnquiz", *args], env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if r.returncode != 0:
            raise SystemExit(f"rnnquiz {' '.join(args)} failed: {r.stderr}")
    return statistics.median(times), min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=int, default=10_000)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--keep", type=Path)
    a = ap.parse_args()
    home = a.keep or Path(tempfile.mkdtemp(prefix="rnnquiz-bench-"))
    os.environ["RNNQUIZ_HOME"] = str(home)
    os.environ["RNNQUIZ_NOW"] = NOW.isoformat()
    os.environ["TZ"] = "UTC"
    time.tzset()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    t0 = time.perf_counter()
    ids = write_banks(home / "banks", a.questions)  # paths.user_bank_dir(): loaded by every command
    db_path = home / "rnnquiz.sqlite3"
    rebuild = fill_log(db_path, ids, a.rows)
    print(f"setup: {len(ids)} questions, {a.rows} log rows in {time.perf_counter() - t0:.1f} s (rebuild of all cards {rebuild:.2f} s)")

    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rnnquiz", "due"], env=env, capture_output=True, check=True)
    print(f"rnnquiz due, bank cache cold: {time.perf_counter() - t0:.3f} s")
    med, best = time_cli(["--help"], env)
    print(f"rnnquiz --help (startup floor): median {med:.3f} s, best {best:.3f} s")
    med, best = time_cli(["due"], env)
    print(f"rnnquiz due:    median {med:.3f} s, best {best:.3f} s   (target ≤ 0.3 s)")
    med, best = time_cli(["stats", "--json"], env)
    print(f"rnnquiz stats --json: median {med:.3f} s, best {best:.3f} s   (target ≤ 1 s)")
    med, best = time_cli(["stats"], env, runs=3)
    print(f"rnnquiz stats:  median {med:.3f} s, best {best:.3f} s   (target ≤ 1 s)")

    pyc = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    pyc["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    for args in (["--help"], ["due"], ["stats"]):  # first runs write the .pyc files
        subprocess.run([sys.executable, "-m", "rnnquiz", *args], env=pyc, capture_output=True, check=True)
    floor = time_cmd([sys.executable, "-c", "pass"], env)
    print(f"bytecode cached: python -c pass {floor:.3f} s; "
          + "; ".join(f"rnnquiz {' '.join(a)} {time_cli(a, pyc)[0]:.3f} s" for a in (["--help"], ["due"], ["due", "--json"], ["stats", "--json"], ["stats"])))

    from rnnquiz.commands.common import load
    from rnnquiz.store import open_store
    from rnnquiz.store.cards import Deck
    from rnnquiz.study.scheduler import DayClock

    t0 = time.perf_counter()
    cat = load()
    t_load = time.perf_counter() - t0
    with open_store(db_path) as store:
        t0 = time.perf_counter()
        deck = Deck(store, list(cat.questions))
        t_deck = time.perf_counter() - t0
        clock = DayClock(UTC, 4)
        picks = []
        for k in range(50):
            t0 = time.perf_counter()
            p = deck.pick(NOW + timedelta(minutes=k), clock, new_left=20, reviews_left=200)
            picks.append(time.perf_counter() - t0)
        assert p is not None
        counts = deck.due_counts(NOW, clock)
    print(f"catalog load (JSON cache warm): {t_load * 1000:.0f} ms; "
          f"deck setup (temp selection table): {t_deck * 1000:.0f} ms")
    print(f"next card (Deck.pick): median {statistics.median(picks) * 1000:.1f} ms, max {max(picks) * 1000:.1f} ms   (target ≤ 20 ms)")
    print(f"due now {counts['due_now']}, today {counts['due_today']}, new {counts['new']}")
    if a.keep is None:
        import shutil

        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
