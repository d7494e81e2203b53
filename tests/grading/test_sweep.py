"""Every accepted form of every typed question, in the shapes a candidate wraps it in, through the real grader
(the next reviewer's sweep, round 6): the form alone, with a full stop, after "it is" / 答案是 is right; the
form negated is wrong; in a cloze, the form hedged with another blank's answer or ruled out by it is wrong, and
the form ruling out another blank's answer is right. Before round 6 this sweep found 25 failures, among them an
accepted form graded wrong (`recurrent weights` for W_hh: read as "recurrent" applied to the weights)."""

from __future__ import annotations

import pytest

from rnnquiz.bank import grade
from rnnquiz.bank.load import load_catalog
from rnnquiz.bank.schema import Cloze, TypeIn

CAT = load_catalog(bundled=True)
TYPED = [q for q in CAT.questions.values() if isinstance(q, TypeIn | Cloze)]


def cases(q) -> list[tuple[str, str, str, str]]:
    """(lang, answer line, verdict, shape) for one question."""
    out = []
    if isinstance(q, TypeIn):
        for lang in ("en", "zh"):
            for a in q.accept.get(lang, ()):
                out += [(lang, a, "right", "plain"), (lang, a + ("。" if lang == "zh" else "."), "right", "full stop"),
                        (lang, ("答案是" if lang == "zh" else "it is ") + a, "right", "wrapped"),
                        (lang, ("不是" if lang == "zh" else "not ") + a, "wrong", "negated"),
                        (lang, f"`{a}`", "right", "backticks"), (lang, f'"{a}"', "right", "quoted"),
                        (lang, f"**{a}**", "right", "bold"),
                        (lang, ("答案：" if lang == "zh" else "Answer: ") + a, "right", "labelled"),
                        (lang, ("我认为是" if lang == "zh" else "I think ") + a, "right", "I think"),
                        (lang, ("答案：不是" if lang == "zh" else "Answer: not ") + a, "wrong", "labelled, negated")]
        return out
    names = list(grade.cloze_answers(q, "en"))
    accepted = {name: grade.cloze_accepted(q, name, CAT.glossary) for name in names}
    for lang in ("en", "zh"):
        base = grade.cloze_answers(q, lang)
        for i, name in enumerate(names):
            rivals = [base[o] for o in names if o != name and grade.normalize(base[o]) not in accepted[name]]

            def line(x: str, i: int = i, base: dict = base) -> str:
                parts = [base[o] for o in names]
                parts[i] = x
                return " | ".join(parts)

            for a in [base[name], *q.accept.get(name, ())]:
                out += [(lang, line(a), "right", "plain"),
                        (lang, line(("不是" if lang == "zh" else "not ") + a), "wrong", "negated")]
                for r in rivals[:1]:
                    out += [(lang, line(a + (" 或 " if lang == "zh" else " or ") + r), "wrong", "hedged"),
                            (lang, line(r + (" 而不是 " if lang == "zh" else ", not ") + a), "wrong", "ruled out"),
                            (lang, line(a + (" 而不是 " if lang == "zh" else ", not ") + r), "right", "rules out")]
    return out


def test_the_sweep_covers_every_typed_question() -> None:
    assert len(TYPED) >= 28
    assert sum(len(cases(q)) for q in TYPED) >= 3000


@pytest.mark.parametrize("q", TYPED, ids=[q.id for q in TYPED])
def test_accepted_forms_in_a_candidate_shapes(q) -> None:
    item = grade.prepare(q, 0)
    bad = [(lang, line, shape, v) for lang, line, want, shape in cases(q)
           if (v := grade.grade(item, line, lang, CAT.glossary).status) != want]
    assert not bad, bad[:10]
