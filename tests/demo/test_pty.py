"""The step-through in a real pseudo-terminal: forward, back, another unit, quit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import rnnquiz

pexpect = pytest.importorskip("pexpect")
PACKAGE_PATH = str(Path(rnnquiz.__file__).resolve().parents[1])
RIGHT, LEFT, BACKSPACE = "\x1b[C", "\x1b[D", "\x7f"


def spawn(home: Path, *args: str):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env |= {"RNNQUIZ_HOME": str(home), "PYTHONPATH": PACKAGE_PATH, "TERM": "xterm-256color", "COLUMNS": "110",
            "LINES": "45"}
    return pexpect.spawn(sys.executable, ["-m", "rnnquiz", "demo", *args], env=env, encoding="utf-8", timeout=20,
                         cwd=str(home.parent), dimensions=(45, 110))


def test_step_forward_and_back_and_read_a_unit(rnnquiz_home):
    child = spawn(rnnquiz_home, "lstm")
    child.expect_exact("step 1 of 8")
    child.expect_exact("q quit")
    child.send(RIGHT)
    child.expect_exact("step 2 of 8")
    child.send(RIGHT + RIGHT)  # two presses in one read: two steps
    child.expect_exact("step 4 of 8")
    child.expect_exact("I_t = σ(X_tW_xi + H_{t−1}W_hi + b_i) = σ(10.000 + 0.000 − 5.000) = 0.993")
    child.expect_exact("C_t = F_t⊙C_{t−1} + I_t⊙C̃_t = 0.007×(−0.002) + 0.993×0.291 = 0.289")
    child.expect_exact("The marker arrives: the input gate opens to 0.99")
    child.send("u")
    child.expect_exact("Equations, unit 2 (follows x):")
    child.expect_exact("I_t = σ(X_tW_xi + H_{t−1}W_hi + b_i) = σ(0.000 + 0.000 + 5.000) = 0.993")
    child.send(BACKSPACE)
    child.expect_exact("step 3 of 8")
    child.send(LEFT)
    child.expect_exact("step 2 of 8")
    child.send("\r")
    child.expect_exact("step 3 of 8")
    child.send("q")
    child.expect_exact("Go deeper:")  # left in the scrollback after the screen is restored
    child.expect_exact("rnnquiz prove lstm-carousel")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_play_advances_by_itself_in_chinese(rnnquiz_home, monkeypatch):
    child = spawn(rnnquiz_home, "gru", "--play", "--steps", "5", "--lang", "zh")
    child.expect_exact("第 1 步，共 5 步")
    child.expect_exact("第 2 步，共 5 步", timeout=10)
    child.expect_exact("序列结束", timeout=10)
    child.send("q")
    child.expect_exact("继续学习：")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_dumb_terminal_gets_the_plain_trace(rnnquiz_home):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env |= {"RNNQUIZ_HOME": str(rnnquiz_home), "PYTHONPATH": PACKAGE_PATH, "TERM": "dumb"}
    child = pexpect.spawn(sys.executable, ["-m", "rnnquiz", "demo", "gru", "--steps", "5"], env=env,
                          encoding="utf-8", timeout=20, cwd=str(rnnquiz_home.parent), dimensions=(40, 100))
    child.expect_exact("step 1 of 5")
    child.expect_exact("step 5 of 5")  # every step, no key needed
    child.expect_exact("Go deeper:")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
