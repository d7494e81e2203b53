"""The real interactive program in a pseudo-terminal: re-ask, wrong answer, proof, override, Ctrl-C."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

import rnnquiz
from rnnquiz.study.quiz import QuizSession

from .conftest import EXAMPLE, FakeClock, wrong_line

pexpect = pytest.importorskip("pexpect")
PACKAGE_PATH = str(Path(rnnquiz.__file__).resolve().parents[1])  # the rnnquiz under test
ARGS = ["--bank", str(EXAMPLE), "--topic", "example"]


def spawn(home: Path, *args: str):
    env = {**os.environ, "RNNQUIZ_HOME": str(home), "PYTHONPATH": PACKAGE_PATH, "NO_COLOR": "1", "TERM": "dumb"}
    return pexpect.spawn(
        sys.executable, ["-m", "rnnquiz", "quiz", *ARGS, *args], env=env, encoding="utf-8", timeout=20, cwd=str(home.parent),
        dimensions=(40, 120),
    )  # fmt: skip


def test_whole_session_in_a_terminal(example_cat, rnnquiz_home):
    qs = [q for q in example_cat.questions.values() if q.type in ("mcq", "typein", "truefalse")]
    seed = next(s for s in range(100) if [i.type for i in QuizSession(qs, n=3, seed=s, clock=FakeClock()).items] == ["mcq", "typein", "truefalse"])
    items = QuizSession(qs, n=3, seed=seed, clock=FakeClock()).items
    child = spawn(rnnquiz_home, "--type", "mcq", "--type", "typein", "--type", "truefalse", "-n", "3", "--seed", str(seed))

    child.expect_exact("1/3")
    child.expect_exact("> ")
    child.sendline("z")  # unreadable: asked again with a hint, never counted
    child.expect_exact("answer with one letter")
    child.expect_exact("> ")
    child.sendline(wrong_line(items[0]))
    child.expect_exact("✗ wrong")
    child.expect_exact("You picked")  # the why of the wrong choice
    child.expect_exact("p proof")
    child.sendline("p")  # the proof: runs inline, or says in one line that it is not built yet
    index = child.expect_exact(["not built yet", "✓", "✗"])
    assert index in (0, 1, 2)
    child.expect_exact("q quit]")
    child.sendline("")

    child.expect_exact("2/3")
    child.expect_exact("> ")
    child.sendline("keeper gate")  # wrong, but the candidate vouches for it
    child.expect_exact("✗ wrong")
    child.expect_exact("! I was right")
    child.sendline("!")
    child.expect_exact("counted as right")
    child.expect_exact("q quit]")
    child.sendline("")

    child.expect_exact("3/3")
    child.expect_exact("> ")
    child.sendintr()  # Ctrl-C: answers so far saved, summary, exit 130
    child.expect_exact("Score: 1/2")
    child.expect_exact("interrupted")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, (child.exitstatus, child.signalstatus)

    db = sqlite3.connect(rnnquiz_home / "rnnquiz.sqlite3")
    rows = db.execute("SELECT question_id, status, correct, override FROM quiz_answers ORDER BY id").fetchall()
    assert rows == [(items[0].id, "wrong", 0, 0), (items[1].id, "wrong", 1, 1)]
    assert db.execute("SELECT end_reason FROM quiz_sessions").fetchone() == ("interrupted",)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_quit_key_and_flashcard_reveal(example_cat, rnnquiz_home):
    child = spawn(rnnquiz_home, "--type", "flashcard", "-n", "1", "--seed", "1")
    child.expect_exact("Enter/Space reveal")
    child.sendline("")
    child.expect_exact("Three gates")
    child.expect_exact("Did you know it? press y or n")
    child.send("x")  # a single key, as the ratings in review: no Enter
    child.expect_exact("answer y or n")
    child.send("y")
    child.expect_exact("knew it")
    child.expect_exact("q quit]")
    child.sendline("q")
    child.expect_exact("Score: 1/1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_enter_at_the_flashcard_prompt_is_the_default_it_shows(example_cat, rnnquiz_home):
    """Newcomer 3: Enter at "Did you know it?" skipped the card, while in review Enter = Good. The prompt
    shows [Y/n]: Enter is y; ? still skips."""
    child = spawn(rnnquiz_home, "--type", "flashcard", "-n", "1", "--seed", "1")
    child.expect_exact("Enter/Space reveal")
    child.send(" ")
    child.expect_exact("Did you know it? press y or n [Y/n]")
    child.send("\r")
    child.expect_exact("knew it")
    child.expect_exact("q quit]")
    child.sendline("")
    child.expect_exact("Score: 1/1")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    db = sqlite3.connect(rnnquiz_home / "rnnquiz.sqlite3")
    assert db.execute("SELECT status, correct FROM quiz_answers").fetchall() == [("right", 1)]


def test_second_ctrl_c_exits_at_once_and_the_store_stays_whole(example_cat, rnnquiz_home):
    child = spawn(rnnquiz_home, "--type", "truefalse", "--type", "mcq", "-n", "2", "--seed", "1")
    child.expect_exact("> ")
    child.sendline("?")
    child.expect_exact("q quit]")
    child.sendline("")
    child.expect_exact("> ")
    child.sendintr()
    child.sendintr()  # whether it lands during the wrap-up or after, the process ends promptly
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 or child.signalstatus == 2
    db = sqlite3.connect(rnnquiz_home / "rnnquiz.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM quiz_answers").fetchone() == (1,)


def _screen(child, columns: int = 60, lines: int = 40):
    """What a person sees: the bytes so far through a VT100 emulator."""
    pyte = pytest.importorskip("pyte")
    screen = pyte.Screen(columns, lines)
    stream = pyte.Stream(screen)
    stream.feed(child.logfile_read.getvalue())
    return screen


def test_the_prompt_survives_typing_and_deleting_and_output_starts_on_a_new_line(example_cat, rnnquiz_home):
    """The prompt is given to input(): readline knows its column, so deleting what was typed never eats
    it, and what follows an answer starts on a line of its own (at 60 columns, nothing broken mid-word)."""
    import io

    env = {**os.environ, "RNNQUIZ_HOME": str(rnnquiz_home), "PYTHONPATH": PACKAGE_PATH, "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn(sys.executable, ["-m", "rnnquiz", "quiz", *ARGS, "--type", "typein", "-n", "1", "--seed", "1"],
                          env=env, encoding="utf-8", timeout=20, cwd=str(rnnquiz_home.parent), dimensions=(40, 60))  # fmt: skip
    child.logfile_read = io.StringIO()
    child.expect_exact("> ")
    child.send("forget gate")
    child.expect_exact("forget gate")
    child.send("\x7f" * len("forget gate"))  # delete all of it
    child.send("x")
    child.expect_exact("x")
    screen = _screen(child, 60)
    row = screen.display[screen.cursor.y]
    assert row.startswith("> x"), screen.display
    child.send("\x7f?\r")  # delete the x, skip
    child.expect_exact("q quit]")
    screen = _screen(child, 60)
    skipped = [ln for ln in screen.display if "skipped" in ln]
    assert skipped and all(not ln.startswith(">") for ln in skipped), screen.display
    assert all(not ln.rstrip().endswith(("-", "wal")) for ln in screen.display)  # no word broken by the terminal
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()


def test_question_mark_after_the_reveal_skips_in_review_as_in_quiz(example_cat, rnnquiz_home):
    """Newcomer 3: `?` on a revealed flashcard skipped it in the quiz but was "press Enter for 3" in review;
    an unknown key at the quiz's reveal prompt said nothing (review says which keys apply)."""
    env = {**os.environ, "RNNQUIZ_HOME": str(rnnquiz_home), "PYTHONPATH": PACKAGE_PATH, "NO_COLOR": "1", "TERM": "dumb"}
    child = pexpect.spawn(sys.executable, ["-m", "rnnquiz", "review", *ARGS, "--limit", "1"], env=env, encoding="utf-8",
                          timeout=20, cwd=str(rnnquiz_home.parent), dimensions=(40, 120))  # fmt: skip
    child.expect_exact("Enter/Space reveal")
    child.send(" ")
    child.expect_exact("(Enter = 3)")
    child.expect_exact("> ")
    child.send("?")
    child.expect_exact("skipped — not rated")
    child.expect_exact("> ")  # the next card: a skip is not one of the --limit
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    db = sqlite3.connect(rnnquiz_home / "rnnquiz.sqlite3")
    assert db.execute("SELECT COUNT(*) FROM review_log").fetchone() == (0,)
    quiz = spawn(rnnquiz_home, "--type", "flashcard", "-n", "1", "--seed", "1")
    quiz.expect_exact("Enter/Space reveal")
    quiz.send("x")
    quiz.expect_exact("'x': press one of the keys shown")
    quiz.send(" ")
    quiz.expect_exact("[Y/n]")
    quiz.send("?")
    quiz.expect_exact("q quit]")
    quiz.sendline("")
    quiz.expect_exact("Score: 0/1")
    quiz.expect(pexpect.EOF)
    quiz.close()


UNSURE_LINE = "the forget gate, it keeps part of C_{t-1} at every step"  # the key, then a clause the rules cannot read
# ("…, it scales C_{t-1} by F_t" is read since round 9: a true fact about the key gate, so right)


def test_an_unsure_verdict_asks_the_candidate_and_y_counts_it_right(example_cat, rnnquiz_home):
    """Content review round 7: fair answers with words around the key were graded wrong. Now the quiz shows
    the expected answer, says it is not sure, and asks; y counts it right (an override, as `!` would)."""
    child = spawn(rnnquiz_home, "--type", "typein", "-n", "1", "--seed", "1")
    child.expect_exact("> ")
    child.sendline(UNSURE_LINE)
    child.expect_exact("? not sure")
    child.expect_exact("Answer: forget gate")
    child.expect_exact("does yours say the same? press y or n (q quit)")
    child.send("\r")  # newcomer 4: Enter printed Python's repr '\n'; it says which keys apply
    child.expect_exact("press y (yours says the same: right) or n")
    child.send("y")
    child.expect_exact("counted as right (you said it says the same)")  # not "your override": the app asked
    child.expect_exact("q quit]")
    child.sendline("")
    child.expect_exact("Score: 1/1")
    child.expect(pexpect.EOF)
    child.close()
    db = sqlite3.connect(rnnquiz_home / "rnnquiz.sqlite3")
    assert db.execute("SELECT status, correct, override FROM quiz_answers").fetchall() == [("wrong", 1, 1)]


def test_an_unsure_verdict_in_review_n_rates_again_and_zh_asks_in_chinese(example_cat, rnnquiz_home):
    env = {**os.environ, "RNNQUIZ_HOME": str(rnnquiz_home), "PYTHONPATH": PACKAGE_PATH, "NO_COLOR": "1", "TERM": "dumb"}
    child = pexpect.spawn(sys.executable, ["-m", "rnnquiz", "review", *ARGS, "--lang", "zh", "--limit", "8"], env=env,
                          encoding="utf-8", timeout=20, cwd=str(rnnquiz_home.parent), dimensions=(40, 120))  # fmt: skip
    for _ in range(8):  # answer every card until the type-in comes; skip the others
        i = child.expect_exact(["LSTM 中哪个门决定保留多少", "> ", "回车/空格"])
        if i == 0:
            break
        child.send("?" if i == 2 else "?\r")
    child.expect_exact("> ")
    child.sendline("遗忘门，它保留一部分C_{t-1}")  # (遗忘门，它缩放C_{t-1} is right since round 9: a true fact)
    child.expect_exact("？不确定")
    child.expect_exact("你的答案意思相同吗？按 y 或 n")
    child.send("n")
    child.expect_exact("已按错误计")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    db = sqlite3.connect(rnnquiz_home / "rnnquiz.sqlite3")
    assert db.execute("SELECT question_id, rating FROM review_log").fetchall() == [("example/example-typein", 1)]


def test_after_n_at_an_unsure_verdict_the_quiz_offers_no_override(example_cat, rnnquiz_home):
    """Newcomer 4: after the candidate's own n, "! I was right" still showed and flipped it."""
    child = spawn(rnnquiz_home, "--type", "typein", "-n", "1", "--seed", "1")
    child.expect_exact("> ")
    child.sendline(UNSURE_LINE)
    child.expect_exact("press y or n")
    child.send("n")
    child.expect_exact("counted as wrong (your call)")
    child.expect_exact("q quit]")
    assert "I was right" not in child.before
    child.send("!")
    child.expect_exact("press one of the keys shown")
    child.sendline("")
    child.expect_exact("Score: 0/1")
    child.expect(pexpect.EOF)
    child.close()
    db = sqlite3.connect(rnnquiz_home / "rnnquiz.sqlite3")
    assert db.execute("SELECT status, correct, override FROM quiz_answers").fetchall() == [("wrong", 0, 0)]


@pytest.mark.parametrize("key", ["q", "\x03"], ids=["q", "ctrl-c"])
def test_q_or_ctrl_c_at_an_unsure_prompt_leaves_the_question_unanswered(example_cat, rnnquiz_home, key):
    """Newcomer round 5 #3: q or Ctrl-C at "does yours say the same?" counted the answer as wrong (Score 0/1,
    a wrong row, back with --missed), while review saved nothing. Not judged is not answered."""
    child = spawn(rnnquiz_home, "--type", "typein", "-n", "1", "--seed", "1")
    child.expect_exact("> ")
    child.sendline(UNSURE_LINE)
    child.expect_exact("press y or n")
    child.send(key)
    child.expect(pexpect.EOF)
    out = child.before
    child.close()
    assert "Score: 0/1" not in out and "0/1" not in out, out
    # newcomer round 7 M1: the summary said "1 question(s) not asked" of the question just answered
    flat = " ".join(out.split())
    assert "your last answer was not saved" in flat and "not asked" not in flat, out
    db = sqlite3.connect(rnnquiz_home / "rnnquiz.sqlite3")
    assert db.execute("SELECT count(*) FROM quiz_answers WHERE status != 'unanswered'").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM quiz_sessions").fetchone() == (1,)
