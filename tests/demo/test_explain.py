"""The equations carry the trace's numbers, and the sentences follow the numbers, not the script."""

from __future__ import annotations

import re

import pytest

from rnnquiz.demo import built, explain
from rnnquiz.demo.trace import trace
from rnnquiz.i18n import STRINGS


def _marker_step(tr):
    return tr.marker - 1


def test_marker_sentence_says_the_input_gate_opens():
    tr = trace("lstm", steps=8, seed=0)
    s = explain.sentence(tr, _marker_step(tr), 0, "en")
    assert s.startswith("The marker arrives: the input gate opens to 0.99")
    assert "takes the value" in s and f"C = {explain.num(tr.steps[_marker_step(tr)].values['C'][0])}" in s


def test_a_closed_input_gate_changes_the_sentence(monkeypatch):
    real = built.built_weights

    def shut_input(kind):
        w = real(kind)
        if kind == "lstm":
            w["W_xi"][:, 0] = 0.0  # the marker no longer reaches the input gate …
            w["b_i"][0] = -8.0  # … which stays shut
        return w

    before = trace("lstm", steps=8, seed=0)
    i = _marker_step(before)
    monkeypatch.setattr(built, "built_weights", shut_input)
    tr = trace("lstm", steps=8, seed=0)
    s = explain.sentence(tr, i, 0, "en")
    assert s != explain.sentence(before, i, 0, "en")
    assert "opens" not in s.split(";")[0]
    assert "both shut" in s and "C = 0.00" in s  # F still lets go at the marker, I writes nothing
    assert explain.sentence(tr, i + 1, 0, "en").count("keeps its value") == 1
    assert built.accuracy(built.make("lstm"), seed=7) < 0.5  # and the model no longer remembers


def test_half_open_gates_are_described_as_such(monkeypatch):
    real = built.built_weights

    def half(kind):
        w = real(kind)
        if kind == "lstm":
            w["W_xi"][:, 0] = 0.0
            w["b_i"][0] = 0.0  # σ(0) = 0.5
        return w

    monkeypatch.setattr(built, "built_weights", half)
    tr = trace("lstm", steps=8, seed=0)
    s = explain.sentence(tr, _marker_step(tr) + 1, 0, "en")
    assert s.startswith("The input gate is 0.50") and "mixes" in s


def test_output_gate_sentence_follows_the_query():
    tr = trace("lstm", steps=8, seed=0)
    assert "output gate is shut" in explain.sentence(tr, 2, 0, "en")
    last = explain.sentence(tr, tr.length - 1, 0, "en")
    assert last.startswith("The query arrives") and "output gate opens" in last and "(right)" in last


def test_rnn_sentence_measures_the_fading():
    tr = trace("rnn", steps=8, seed=0)
    texts = [explain.sentence(tr, i, 0, "en") for i in range(tr.marker, tr.length)]
    pcts = [int(re.search(r"(\d+) % of its effect", s).group(1)) for s in texts]
    assert pcts == sorted(pcts, reverse=True) and pcts[-1] < 60
    assert "(wrong)" in texts[-1]


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_equations_plug_in_the_values_of_the_chosen_unit(kind):
    tr = trace(kind, steps=8, seed=1)
    for i, st in enumerate(tr.steps):
        for u in range(2):
            lines = explain.equations(tr, i, u)
            last = lines[-1]
            assert last.startswith("H_t = ") and last.endswith(" = " + explain.num(st.values["H"][u]))
            if kind == "lstm":
                f, c_prev, i_, ct = st.values["F"][u], st.prev["C"][u], st.values["I"][u], st.values["C_tilde"][u]
                assert f"= {explain.num(f)}×{explain.factor(c_prev)} + {explain.num(i_)}×{explain.factor(ct)} = " in lines[4]


def test_lstm_equation_reads_like_the_issue():
    tr = trace("lstm", steps=8, seed=0)
    line = explain.equations(tr, _marker_step(tr), 0)[4]
    assert re.fullmatch(r"C_t = F_t⊙C_\{t−1\} \+ I_t⊙C̃_t = 0\.01×[−\d.()]+ \+ 0\.99×[−\d.()]+ = [−\d.]+", line), line


def test_birnn_sentence_at_step_1():
    tr = trace("birnn", steps=8, seed=0)
    s = explain.sentence(tr, 0, 0, "en")
    assert "∂→H_1/∂v_8 = 0.00" in s and "∂←H_1/∂v_8 = " in s and "∂←H_1/∂v_8 = 0.00" not in s


def test_bptt_sentence_says_when_the_rnn_gradient_vanished_once():
    tr = trace("bptt", steps=16, seed=0)
    texts = [explain.sentence(tr, i, 0, "en") for i in range(tr.length)]
    assert sum("it has vanished" in s for s in texts) == 1
    assert any("forget gate was shut" in s for s in texts)


def test_every_sentence_in_both_languages_is_filled():
    for kind in ("lstm", "gru", "rnn", "birnn", "bptt"):
        tr = trace(kind, steps=8, seed=4)
        for lang in ("en", "zh"):
            for i in range(tr.length):
                s = explain.sentence(tr, i, 0, lang)
                assert s and "{" not in s, s
    demo_keys = [k for k in STRINGS if k.startswith("demo.")]
    assert all(STRINGS[k]["zh"] and STRINGS[k]["en"] for k in demo_keys)
