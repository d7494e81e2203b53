"""What the screen says after a marking (review items 1, 25, 30, 31): the contradicting words, the
explanation and the misconception, intervals and study commands in the session's language."""

from __future__ import annotations

from rich.console import Console

from rnnquiz.bank import explain as marking
from rnnquiz.bank.load import load_catalog
from rnnquiz.render import interview as view
from rnnquiz.study.interview import Report

CAT = load_catalog()


def screen(fn, *args) -> str:
    console = Console(record=True, width=100, color_system=None)
    fn(console, *args)
    return console.export_text()


def test_a_contradiction_is_shown_with_the_words_that_state_it() -> None:
    q = CAT.questions["explain-lstm-history"]
    marks = marking.mark(q, "Yes. The GRU was proposed first by Hochreiter in 1997, then Cho extended it into the LSTM in 2014.", CAT.glossary)
    assert marks[0].status == "contradicted"
    out = screen(view.print_marks, marks, "en")
    assert "≠ contradicted" in out and "contradicts this key point:" in out and "gru … first" in out
    zh = screen(view.print_marks, marks, "zh")
    assert "相矛盾" in zh and "与此要点相矛盾：" in zh
    assert marking.rating([m.status for m in marks], [m.required for m in marks]) == 1


def test_the_model_answer_comes_with_the_explanation_and_the_misconception() -> None:
    q = CAT.questions["explain-lstm-history"]
    out = screen(view.print_model, q, ["missing"] * len(q.rubric), "en")
    assert "Model answer:" in out and "Why: The dates settle it" in out
    assert "Common misconception: The LSTM extends the GRU" in out
    zh = screen(view.print_model, q, ["missing"] * len(q.rubric), "zh")
    assert "解释：年份说明一切" in zh and "常见误解：" in zh


def test_intervals_and_commands_in_chinese() -> None:
    assert view.interval_text("9d", "zh") == "9 天"
    assert view.interval_text("10m", "zh") == "10 分钟"
    assert view.interval_text("2.1mo", "zh") == "2.1 个月"
    assert view.interval_text("9d", "en") == "9d"
    out = screen(view.print_rating, 3, "9d", "zh")
    assert "下次复习：9 天后" in out and "9d" not in out
    report = Report(shown=(), missed=("L1",), asked=1, right=0, seconds=60.0, end="done",
                    missed_questions=("explain-lstm-history",), commands=("rnnquiz show explain-lstm-history",))
    zh = screen(view.print_report, report, CAT.claims, "zh")
    assert "rnnquiz show explain-lstm-history --lang zh" in zh
    en = screen(view.print_report, report, CAT.claims, "en")
    assert "--lang" not in en


def test_a_negated_excerpt_starts_at_a_word() -> None:
    q = CAT.questions["explain-gated-why"]
    marks = marking.mark(q, "Well, plain vanilla rnns really cannot learn long-range dependencies at all.", CAT.glossary)
    words = [w for m in marks for w in (*m.matched, *m.negated)]
    whole = set(marking.normalize("Well, plain vanilla rnns really cannot learn long-range dependencies at all.").replace(",", "").split())
    assert words and all(w.split()[0] in whole for w in words), words


def test_a_follow_up_names_the_question_it_follows() -> None:
    from datetime import timedelta

    from rnnquiz.study.interview import Step

    after = CAT.questions["explain-lstm-vanishing"]
    step = Step(3, "deeper", question=CAT.questions["explain-lstm-forget-half"], after=after.id)
    out = screen(view.print_step, step, timedelta(minutes=5), "en", after)
    assert "Following up on: Why does an LSTM suffer less" in out
    zh = screen(view.print_step, step, timedelta(minutes=5), "zh", after)
    assert "接着这道题追问：" in zh


def test_a_wrapped_missed_point_keeps_its_indent() -> None:
    q = CAT.questions["explain-lstm-vanishing"]
    console = Console(record=True, width=60, color_system=None)
    view.print_model(console, q, ["missing"] * len(q.rubric), "en")
    tail = console.export_text().split("Not matched in your answer")[1].splitlines()[1:]
    assert len(tail) > len(q.rubric)  # some point wrapped
    assert all(line.startswith("  ✗ ") or line.startswith("    ") for line in tail if line.strip()), tail
