"""Every attack of the run has its test: the 29 failures by their number, the 50 that held as H01-H50
(README.md maps them to the run's list), and the attacks added since as N01, N02, …"""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

FAILED = {
    "A2", "A9", "A12", "A13", "A16", "A20", "A21", "A22", "A24", "A29", "A31", "A32",
    "B3", "B4", "B5", "B6", "B8",
    "C3", "C7", "C8", "C11",
    "D5", "D6", "D7", "D8",
    "E2", "E4", "E8", "E10",
}  # fmt: skip
HELD = {f"H{i:02d}" for i in range(1, 51)}


def _tested() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in sorted(HERE.glob("test_*.py")):
        for number in re.findall(r"^def test_([A-Z]\d+)_", f.read_text(encoding="utf-8"), re.M):
            found.setdefault(number, []).append(f.name)
    return found


def test_every_attack_of_the_run_has_a_test():
    assert len(FAILED) == 29 and len(HELD) == 50
    numbers = set(_tested())
    assert FAILED - numbers == set(), "failures without a test"
    assert HELD - numbers == set(), "held attacks without a test"
    assert {n for n in numbers if n[0] != "N"} <= FAILED | HELD, "a test names an attack the run does not have"


def test_the_readme_lists_every_attack_number():
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| ([A-Z]\d+) \|", readme, re.M))
    assert listed == set(_tested())
