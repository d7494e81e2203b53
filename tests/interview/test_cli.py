"""`rnnquiz interview` end to end: through a pipe (the stdin protocol) and in a pseudo-terminal."""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

import rnnquiz
from rnnquiz.bank.load import load_catalog
from rnnquiz.study.interview import InterviewSession

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus.yaml").read_text(encoding="utf-8"))
CAT = load_catalog()
PACKAGE_PATH = str(Path(rnnquiz.__file__).resolve().parents[1])


def opening(seed: int, topic: str) -> str:
    s = InterviewSession(list(CAT.questions.values()), minutes=30, seed=seed, clock=lambda: datetime.now(UTC), topics=[topic])
    return s.next_step().question.id


def explain_input(text: str, correction: str = "") -> str:
    """An explain answer through a pipe: its lines, an empty line, then the correction line."""
    return text.strip() + "\n\n" + correction + "\n"


def db(home: Path) -> sqlite3.Connection:
    return sqlite3.connect(home / "rnnquiz.sqlite3")


def test_a_whole_interview_through_a_pipe(run_cli, rnnquiz_home: Path) -> None:
    qid = opening(4, "lstm")
    strong = CORPUS[qid]["en"]["strong"]
    # the strong answer, accepted; then a skipped question and an unreadable line; then end of input
    result = run_cli("interview", "--topic", "lstm", "--seed", "4", "--minutes", "20", input=explain_input(strong) + "\n" + "zzz\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Mock interview · 20 min · seed 4" in out
    assert "Question 1" in out and "Question 2" in out
    assert "These key points were matched by words you used" in out
    assert "your answer is correct" not in out.lower()
    assert "Model answer:" in out
    assert "Interview report" in out and "Claims you showed:" in out and "Claims you missed:" in out
    assert "ended: end of input" in out
    for claim in set(CAT.questions[qid].claims) - {"extra"}:
        shown = out.split("Claims you showed:")[1].split("Claims you missed:")[0]
        assert claim in shown
    assert "Traceback" not in result.stderr
    with db(rnnquiz_home) as con:
        ratings = con.execute("SELECT rating FROM review_log WHERE question_id = ?", (qid,)).fetchall()
        assert ratings and ratings[0][0] >= 3  # the confirmed marking set the FSRS rating
        answers = con.execute("SELECT question_id, correct FROM quiz_answers ORDER BY id").fetchall()
        assert answers[0] == (qid, 1) and len(answers) >= 2


def test_a_correction_line_sets_the_rating(run_cli, rnnquiz_home: Path) -> None:
    qid = opening(4, "lstm")
    n = len(CAT.questions[qid].rubric)
    strong = CORPUS[qid]["en"]["strong"]
    result = run_cli("interview", "--topic", "lstm", "--seed", "4", input=explain_input(strong, "m" * n))
    assert result.returncode == 0, result.stderr
    assert "Marking corrected by you." in result.stdout and "Rating 1" in result.stdout
    with db(rnnquiz_home) as con:
        assert con.execute("SELECT rating FROM review_log WHERE question_id = ?", (qid,)).fetchone()[0] == 1


def test_an_unreadable_correction_from_a_pipe_keeps_the_marking_with_a_warning(run_cli) -> None:
    qid = opening(4, "lstm")
    result = run_cli("interview", "--topic", "lstm", "--seed", "4", input=explain_input(CORPUS[qid]["en"]["strong"], "xyz"))
    assert result.returncode == 0
    assert "unreadable correction line 'xyz'" in result.stderr


def test_a_miss_is_re_asked_by_quiz_missed(run_cli) -> None:
    qid = opening(4, "lstm")
    # a wrong answer, then skip the basics question that follows
    result = run_cli("interview", "--topic", "lstm", "--seed", "4", input=explain_input(CORPUS[qid]["en"]["wrong"]) + "?\n")
    assert result.returncode == 0, result.stderr
    assert "Let's step back to the basics behind that." in result.stdout
    assert "rnnquiz quiz --missed" in result.stdout and f"rnnquiz show {qid}" in result.stdout
    again = run_cli("quiz", "--missed", "--json", input="?\n")
    assert again.returncode == 0, again.stderr
    import json

    asked = [q["id"] for q in json.loads(again.stdout)["questions"]]
    assert len(asked) == 1 and CAT.questions[asked[0]].type != "explain"


def test_chinese(run_cli) -> None:
    qid = opening(2, "gru")
    result = run_cli("interview", "--topic", "gru", "--seed", "2", "--lang", "zh", input=explain_input(CORPUS[qid]["zh"]["strong"]))
    assert result.returncode == 0, result.stderr
    assert "模拟面试" in result.stdout and "面试报告" in result.stdout and "参考答案：" in result.stdout
    assert CAT.questions[qid].prompt.zh.splitlines()[0][:10] in result.stdout.replace("\n", "")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--topic", "nope"], "No topic named 'nope'"),
        (["--topic", "practice"], "No explain question on practice"),
        (["--minutes", "0"], "--minutes"),
        (["--lang", "fr"], "--lang"),
    ],
)
def test_usage_errors_exit_2_in_one_line(run_cli, args: list[str], words: str) -> None:
    result = run_cli("interview", *args, input="")
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr


def test_quiz_and_review_leave_explain_questions_to_the_interview(run_cli) -> None:
    result = run_cli("quiz", "--type", "explain", input="")
    assert result.returncode == 2 and "rnnquiz interview" in result.stderr
    result = run_cli("quiz", "--topic", "lstm", "-n", "50", "--json", "--seed", "1", input="?\n" * 50)
    import json

    assert result.returncode == 0, result.stderr
    assert all(q["type"] != "explain" for q in json.loads(result.stdout)["questions"])


def test_show_prints_the_model_answer_and_key_points(run_cli) -> None:
    result = run_cli("show", "explain-lstm-vanishing")
    assert result.returncode == 0
    assert "Model answer:" in result.stdout and "Key points:" in result.stdout and "(required)" in result.stdout


# --- a real terminal ---------------------------------------------------------------------------------------

pexpect = pytest.importorskip("pexpect")


def spawn(home: Path, *args: str):
    env = {**os.environ, "RNNQUIZ_HOME": str(home), "PYTHONPATH": PACKAGE_PATH, "NO_COLOR": "1", "TERM": "dumb"}
    return pexpect.spawn(
        sys.executable, ["-m", "rnnquiz", "interview", *args], env=env, encoding="utf-8", timeout=30,
        cwd=str(home.parent), dimensions=(50, 120),
    )  # fmt: skip


def test_an_interview_in_a_terminal(rnnquiz_home: Path) -> None:
    qid = opening(4, "lstm")
    q = CAT.questions[qid]
    child = spawn(rnnquiz_home, "--topic", "lstm", "--seed", "4", "--minutes", "15")
    child.expect_exact("Question 1")
    child.expect_exact(q.prompt.en[:40])
    child.expect_exact("> ")
    lines = [ln for ln in CORPUS[qid]["en"]["partial"].strip().splitlines() if ln.strip()]
    child.sendline(lines[0])
    for line in lines[1:]:
        child.expect_exact("… ")
        child.sendline(line)
    child.expect_exact("… ")
    child.sendline("")  # the empty line ends the answer
    child.expect_exact("matched by words you used")
    child.expect_exact("Enter accepts, or")
    child.sendline("zz")  # unreadable: asked again in a terminal
    child.expect_exact(f"Type {len(q.rubric)} keys")
    child.sendline("c" * len(q.rubric))  # the candidate vouches for every point
    child.expect_exact("Marking corrected by you.")
    child.expect_exact("Model answer:")
    child.expect_exact("Rating 4")
    child.expect_exact("goes on, q ends the interview")
    child.sendline("")
    child.expect_exact("Question 2")
    child.expect_exact("Good. Let's go deeper.")
    child.sendcontrol("c")  # Ctrl-C ends the interview with its report
    child.expect_exact("Interview report")
    child.expect_exact("1 of 1 answered well")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_quit_with_q_in_a_terminal(rnnquiz_home: Path) -> None:
    child = spawn(rnnquiz_home, "--topic", "gru", "--seed", "1", "--lang", "zh")
    child.expect_exact("第 1 题")
    child.expect_exact("> ")
    child.sendline("")  # an empty first line skips
    child.expect_exact("已跳过")
    child.expect_exact("继续，q 结束面试")
    child.send("q")  # one key, no Enter (as at quiz and review prompts)
    child.expect_exact("面试报告")
    child.expect_exact("结束：你选择结束")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_bank_text_and_answers_never_write_control_sequences(run_cli, tmp_path: Path) -> None:
    # A bank holding ESC is refused at load (the study commands skip it with an escaped warning); the
    # candidate's own words can still hold ESC, and are never echoed raw.
    def write(name: str, esc: str) -> Path:
        bank = tmp_path / f"{name}.yaml"
        bank.write_text(
            f'topic: {name}\ntitle: {{en: T, zh: T}}\nlanguages: [en, zh]\nquestions:\n  - id: why\n    type: explain\n'
            f'    claims: [L5]\n    prompt: {{en: "Why{esc} red?", zh: "为什么"}}\n    explanation: {{en: "e", zh: "e"}}\n'
            f'    answer: {{en: "ans{esc}", zh: "答"}}\n    rubric:\n      - point: {{en: "pt{esc}", zh: "点"}}\n'
            "        concepts: [[additive]]\n",
            encoding="utf-8",
        )
        return bank

    bad = run_cli("interview", "--bank", str(write("cc", "\\e[31m")), "--topic", "cc", "--seed", "1", input="\n")
    assert bad.returncode == 2 and "skipped 1 user bank" in bad.stderr and "\x1b" not in bad.stderr + bad.stdout
    result = run_cli("interview", "--bank", str(write("ok", "")), "--topic", "ok", "--seed", "1", input="additive \x1b[31mRED\n\n\n")
    assert result.returncode == 0, result.stderr
    assert "Why red?" in result.stdout and "\x1b" not in result.stdout
