"""The rubric grader: patterns, negation, glossary variants, both languages, corrections and ratings."""

from __future__ import annotations

import pytest

from rnnquiz.bank import explain as marking
from rnnquiz.bank.schema import Explain, RubricPoint, Text

GLOSSARY = [
    {"id": "batch-normalization", "en": "batch normalization", "zh": "批量归一化",
     "variants": {"en": ["batch norm"], "zh": ["批标准化"]}},
]  # fmt: skip


def question(*points: RubricPoint) -> Explain:
    return Explain(
        id="q", type="explain", topic="t", claims=("extra",), prompt=Text("p", "p"), explanation=Text("e", "e"),
        answer=Text("a", "a"), rubric=points,
    )  # fmt: skip


def point(*concepts: str | tuple[str, ...], required: bool = True) -> RubricPoint:
    return RubricPoint(Text("point", "要点"), tuple((c,) if isinstance(c, str) else c for c in concepts), required)


def status(answer: str, *concepts: str | tuple[str, ...], glossary=()) -> marking.Mark:
    return marking.mark(question(point(*concepts)), answer, glossary)[0]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("The gradient vanishes over long sequences.", "covered"),
        ("Over long sequences the gradient does not vanish.", "missing"),
        ("It doesn't vanish, it explodes.", "missing"),
        ("Without clipping, gradients vanish.", "covered"),  # the negation is in another clause
        ("梯度会消失。", "covered"),
        ("梯度不会消失。", "missing"),
        ("梯度不断相乘，最后消失。", "covered"),  # 不断 (continually) is not a negation
        ("它并非不同。梯度消失。", "covered"),
    ],
)
def test_negation_decides_a_plain_concept(answer: str, expected: str) -> None:
    mark = status(answer, ("vanish", "消失"))
    assert mark.status == expected, mark
    if expected == "missing" and ("not" in answer or "不会" in answer or "n't" in answer):
        assert mark.negated, "a negated match is shown, so the candidate sees why"


def test_an_alternative_that_says_not_is_not_negated_again() -> None:
    assert status("Clipping does not help with vanishing.", "clip ~ not|doesn't ~ vanish").status == "covered"
    assert status("Clipping helps with vanishing.", "clip ~ not|doesn't ~ vanish").status == "missing"


def test_negation_between_the_parts_of_a_pattern() -> None:
    assert status("Clipping fixes vanishing gradients.", "clip ~ vanish").status == "covered"
    assert status("Clipping never fixes vanishing gradients.", "clip ~ vanish").status == "missing"


def test_a_must_negate_alternative_counts_only_when_negated() -> None:
    concept = ("!online|streaming", "!在线|流式")
    assert status("A BiRNN cannot run online.", concept).status == "covered"
    assert status("It is great for online recognition.", concept).status == "missing"
    assert status("双向 RNN 不能用于流式识别。", concept).status == "covered"
    assert status("它很适合流式识别。", concept).status == "missing"


def test_pattern_parts_must_share_a_sentence() -> None:
    concept = "forget gate|f_t ~ close to 1|near 1"
    assert status("If the forget gate stays close to 1, the cell is kept.", concept).status == "covered"
    assert status("There is a forget gate. Values near 1 are common.", concept).status == "missing"
    assert status("When f_t is near 1 it keeps the cell", concept).status == "covered"


def test_words_match_at_word_starts_with_a_short_suffix() -> None:
    assert status("vanishing gradients", "vanish").status == "covered"
    assert status("the RNNs", "rnn").status == "covered"
    assert status("we normalise", "no").status == "missing"  # 'no' is a word, not a prefix of 'normalise'
    assert status("a 0.25 factor", "0.25").status == "covered"
    assert status("a 10.25 factor", "0.25").status == "missing"


def test_glossary_variants_match_in_both_languages() -> None:
    assert status("we use batch norm", "batch normalization", glossary=GLOSSARY).status == "covered"
    assert status("用批标准化", "batch normalization", glossary=GLOSSARY).status == "covered"
    assert status("用批标准化", "batch normalization").status == "missing"  # without the glossary


def test_chinese_ignores_spaces_and_width() -> None:
    assert status("遗忘门 接近 1", "遗忘门 ~ 接近1").status == "covered"
    assert status("ＬＳＴＭ的遗忘门", "lstm").status == "covered"


def test_partly_when_some_concepts_are_found() -> None:
    mark = status("The update gate decides.", "update gate", "interpolat|mix")
    assert (mark.status, mark.found, mark.total) == ("partly", 1, 2)
    assert mark.matched == ("update gate",)


def test_a_mixed_language_answer() -> None:
    mark = status("LSTM 的 cell 是 additive 的更新", ("additive", "加法"), "cell|记忆细胞")
    assert mark.status == "covered"


def test_marks_say_which_words_matched() -> None:
    q = question(point("additive"), point("forget gate ~ close to 1", required=False))
    marks = marking.mark(q, "Additive update. The forget gate is close to 1 most of the time.")
    assert [m.status for m in marks] == ["covered", "covered"]
    assert marks[1].matched == ("forget gate … close to 1",)


@pytest.mark.parametrize(
    ("statuses", "required", "rating"),
    [
        (["missing", "covered"], [True, False], 1),
        (["partly", "covered"], [True, True], 2),
        (["covered", "missing"], [True, False], 3),
        (["covered", "partly"], [True, False], 3),
        (["covered", "covered"], [True, False], 4),
        (["covered", "missing", "missing"], [True, True, False], 1),
    ],
)
def test_rating_from_marks(statuses, required, rating) -> None:
    assert marking.rating(statuses, required) == rating


def test_rating_needs_one_status_per_point() -> None:
    with pytest.raises(ValueError):
        marking.rating(["covered"], [True, False])


def test_corrections_one_key_per_point() -> None:
    q = question(point("a"), point("b"), point("c"))
    marks = marking.mark(q, "a")
    assert [m.status for m in marks] == ["covered", "missing", "missing"]
    assert marking.corrections("", marks) == ["covered", "missing", "missing"]
    assert marking.corrections("y", marks) == ["covered", "missing", "missing"]
    assert marking.corrections("cpc", marks) == ["covered", "partly", "covered"]
    assert marking.corrections(". p .", marks) == ["covered", "partly", "missing"]
    assert marking.corrections("M,M,M", marks) == ["missing", "missing", "missing"]
    assert marking.corrections("cp", marks) is None  # two keys for three points
    assert marking.corrections("cpz", marks) is None
    assert marking.corrections("cpx", marks) == ["covered", "partly", "contradicted"]


def test_matched_words_are_whole_words() -> None:
    mark = status("there is no repeated multiplication by W", "no ~ repeated multipl")
    assert mark.matched == ("no … repeated multiplication",)


def test_a_bare_keyword_list_is_not_a_statement() -> None:
    """Review 15-E: a list of the rubric's words states nothing; the same words in clauses do."""
    assert marking.is_keyword_list("hidden state, h_{t-1}, x_t, W_hh, tanh, fixed size.")
    assert marking.is_keyword_list("感受野、隐藏状态、长程、权重共享、梯度消失。")
    assert not marking.is_keyword_list("1:1 classification, 1:N captioning, N:1 sentiment, N:N tagging")
    assert not marking.is_keyword_list("The hidden state has a fixed size; it is computed from h_{t-1} and x_t.")
    assert not marking.is_keyword_list("It fades.")


def test_chinese_a_rather_than_b_affirms_a() -> None:
    """Review 15-E: in "A 而不是 B" the negation governs B, not A."""
    assert status("每一步把两个隐藏状态拼接而不是相加", "拼接").status == "covered"
    assert status("每一步把两个隐藏状态相加而不是拼接", "拼接").status == "missing"
    assert status("缩放后方向不变", ("方向",), ("不变",)).status == "covered"
    assert status("不等长的多对多是翻译", "等长 ~ 翻译").status == "missing"  # 等长 is the tail of 不等长
