"""Shell completion of the arguments that name something, through Typer's real completion entry point
(`_RNNQUIZ_COMPLETE`, as the installed script runs it in a shell)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = Path(__file__).parent / "data" / "good" / "example.yaml"
P = "example/example-"


def complete(line: str, shell: str = "bash") -> list[str]:
    """The candidates the shell would offer for the last word of `line` (an empty last word after a space)."""
    words = line.split(" ")
    env = {**os.environ, "_RNNQUIZ_COMPLETE": f"complete_{shell}", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1),
           "RNNQUIZ_BANKS": str(GOOD)}  # fmt: skip
    if shell == "zsh":
        env |= {"_TYPER_COMPLETE_ARGS": line}
    code = "from rnnquiz.cli import app; app(prog_name='rnnquiz')"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.split()


def test_proof_ids_then_questions_with_a_proof() -> None:
    from rnnquiz.proofs.registry import PROOFS

    got = complete("rnnquiz prove ")
    assert set(PROOFS) <= set(got)
    assert P + "mcq" in got  # the example mcq names a proof
    assert all(c.startswith("gate") for c in complete("rnnquiz prove gate")) and complete("rnnquiz prove gate")


def test_demo_kinds_setting_names_and_values() -> None:
    assert complete("rnnquiz demo b") == ["birnn", "bptt"]
    from rnnquiz.commands.demo import KINDS

    assert complete("rnnquiz demo ") == list(KINDS)
    assert complete("rnnquiz config ro") == ["rollover_hour"]
    assert {"lang", "retention", "deadline", "banks"} <= set(complete("rnnquiz config "))
    assert complete("rnnquiz config lang ") == ["en", "zh"]
    assert complete("rnnquiz export anki --lang b") == ["both"]
    assert complete("rnnquiz export tsv --out x.tsv --lang ") == ["en", "zh", "both"]
    assert complete("rnnquiz export tsv --anki-lang z") == ["zh"]
    assert complete("rnnquiz export history --format ") == ["csv", "json"]


def test_question_ids_follow_the_card_state() -> None:
    from datetime import timedelta

    from rnnquiz import paths
    from rnnquiz.export.progress import cards_api
    from rnnquiz.store import open_store
    from rnnquiz.study.scheduler import SUSPEND_KIND, DayClock, Planner

    assert P + "flashcard" in complete("rnnquiz suspend example/")
    assert complete("rnnquiz unsuspend ") == [] and complete("rnnquiz reset ") == []
    now = paths.now()
    with open_store() as store:
        deck = cards_api().Deck(store, [P + "flashcard", P + "mcq"])
        seen = deck.card(P + "mcq")
        deck.commit_review(seen, Planner(DayClock(paths.local_tz()), fuzz=False).preview(seen, now)[3], now,
                           duration_ms=1000, session="s")  # fmt: skip
        deck.commit_event(P + "flashcard", SUSPEND_KIND, now + timedelta(seconds=1))
    assert complete("rnnquiz unsuspend ") == [P + "flashcard"]
    assert complete("rnnquiz reset ex") == [P + "mcq"]
    suspendable = complete("rnnquiz suspend example/")
    assert P + "mcq" in suspendable and P + "flashcard" not in suspendable


def test_zsh_shows_what_a_setting_does() -> None:
    out = " ".join(complete("rnnquiz config rol", shell="zsh"))
    assert "rollover_hour" in out and "study" in out  # "local hour at which a new study day starts"


@pytest.mark.parametrize("line", ["rnnquiz reset ", "rnnquiz unsuspend ", "rnnquiz suspend ex"])
def test_a_broken_store_completes_nothing_and_never_a_traceback(line: str) -> None:
    from rnnquiz import paths

    paths.db_path().parent.mkdir(parents=True, exist_ok=True)
    paths.db_path().write_bytes(b"not a database" * 100)
    assert complete(line) == []
