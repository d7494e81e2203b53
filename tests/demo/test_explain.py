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
            assert last.startswith("H_t = ") and last[-len(explain.num3(st.values["H"][u])) - 3:] in (
                f" {rel} {explain.num3(st.values['H'][u])}" for rel in "=≈")
            if kind == "lstm":
                f, c_prev, i_, ct = st.values["F"][u], st.prev["C"][u], st.values["I"][u], st.values["C_tilde"][u]
                n = explain.num3
                assert f"= {n(f)}×{explain.factor(c_prev)} + {n(i_)}×{explain.factor(ct)} " in lines[4]


def test_lstm_equation_reads_like_the_issue():
    tr = trace("lstm", steps=8, seed=0)
    line = explain.equations(tr, _marker_step(tr), 0)[4]
    assert re.fullmatch(r"C_t = F_t⊙C_\{t−1\} \+ I_t⊙C̃_t = 0\.007×[−\d.()]+ \+ 0\.993×[−\d.()]+ [=≈] [−\d.]+", line), line


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


def _hand(expr: str) -> float | None:
    """Evaluate a plugged-in expression as a person would, or None if it is not one."""
    import math

    py = expr.replace("−", "-").replace("×", "*").replace("σ", "sig").strip()
    if not re.fullmatch(r"[0-9.e\-+*() sigtanh]+", py):
        return None
    try:
        return float(eval(py, {"__builtins__": {}}, {"sig": lambda x: 1 / (1 + math.exp(-x)), "tanh": math.tanh}))
    except (SyntaxError, TypeError, ValueError, NameError):
        return None


def _ulp(shown: str) -> float:
    from decimal import Decimal

    return 10.0 ** Decimal(shown.replace("−", "-")).as_tuple().exponent


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn", "birnn", "bptt"])
@pytest.mark.parametrize("mode", ["built", "random"])
def test_every_equation_line_reproduces_its_result_by_hand(kind, mode):
    checked = 0
    for seed in (0, 3):
        tr = trace(kind, steps=8, seed=seed, random=mode == "random")
        for i in range(tr.length):
            for u in range(len(tr.units)):
                for line in explain.equations(tr, i, u):
                    if "…" in line:
                        continue
                    m = re.search(r" ([=≈]) ([−\-0-9.e]+)$", line)
                    if not m:
                        continue
                    rel, result = m.group(1), m.group(2)
                    value, ulp = float(result.replace("−", "-")), _ulp(result)
                    segments = re.split(r" [=≈] ", line[:m.start()])
                    numeric = [(s, _hand(s)) for s in segments if _hand(s) is not None]
                    if not numeric:  # a definition (∂y/∂H_T = W_hq), nothing to redo
                        continue
                    last, hand = numeric[-1]
                    if rel == "=":  # the shown operands give the shown result, to its last digit
                        assert abs(hand - value) <= 0.5 * ulp + 1e-12, (line, hand)
                    for s, h in numeric:  # and every form on the way (and ≈) is within rounding of it:
                        # each factor is rounded to 3 digits, so a sum of products may be off by 1.5 % of
                        # the size of its terms
                        size = sum(abs(_hand(term) or 0) for term in s.split(" + "))
                        assert abs(h - value) <= max(3 * ulp, 0.01 * abs(value), 0.015 * size) + 1e-12, (line, s, h)
                    checked += 1
    assert checked > 20


def test_the_unit_that_follows_x_is_never_said_to_open_or_drop():
    for kind in ("lstm", "gru"):
        tr = trace(kind, steps=8, seed=0)
        for i in range(tr.length):
            s = explain.sentence(tr, i, 1, "en")  # unit 2: its gates are the same at every step
            assert "opens" not in s and "drops" not in s and "shuts" not in s, (kind, i, s)
            assert "打开到" not in explain.sentence(tr, i, 1, "zh") and "降到" not in explain.sentence(tr, i, 1, "zh")
        marker = explain.sentence(tr, _marker_step(tr), 0, "en")  # unit 1's gates do move at the marker
        assert "drops to" in marker


def test_keeps_its_value_only_when_it_did(monkeypatch):
    real = built.built_weights

    def leaky(kind):
        w = real(kind)
        if kind == "lstm":
            w["b_i"][0] = -2.5  # σ(−2.5) = 0.08: still "shut", but the cell takes 8 % of every value
        return w

    monkeypatch.setattr(built, "built_weights", leaky)
    tr = trace("lstm", steps=12, seed=0)
    moves = 0
    for i, st in enumerate(tr.steps):
        s = explain.sentence(tr, i, 0, "en")
        moved = abs(st.values["C"][0] - st.prev["C"][0])
        if "keeps its value" in s:
            assert moved <= explain.KEPT, (i, s)
        if "moves by" in s:
            assert "stays out" not in s
            moves += 1
            assert moved > explain.KEPT
    assert moves >= 3


def test_bptt_sentence_says_its_factor_is_the_ratio_of_norms():
    tr = trace("bptt", steps=16, seed=0)
    for i in range(1, tr.length):
        now, before = tr.steps[i].grads["rnn"]["norm"], tr.steps[i - 1].grads["rnn"]["norm"]
        s = explain.sentence(tr, i, 0, "en")
        assert f"over all units, ‖∂y/∂H‖, is multiplied by {explain.num(now / before)}" in s
        assert "范数" in explain.sentence(tr, i, 0, "zh")


def test_changes_say_how_many_more_moved():
    tr = trace("lstm", steps=8, seed=0, random=True, hidden=8)
    for i in range(1, tr.length):
        full = explain.changes(tr, i, "en", limit=10**6)
        short = explain.changes(tr, i, "en")
        if len(full) > 4:
            assert short[:4] == full[:4] and short[4] == f"+{len(full) - 4} more (all of them: --json)"
            break
    else:
        pytest.fail("no step with more than 4 changes")


def test_footer_offers_the_units_there_are():
    from rich.console import Console

    from rnnquiz.render.demo import frame, render_lines

    text = render_lines(Console(width=200), frame(trace("lstm"), 0, 0, "en", keys=True))
    assert "u next unit (or 1–2)" in text and "1–9" not in text


def test_marked_value_is_named_where_it_is_first_used():
    tr = trace("lstm", steps=8, seed=0)
    s = explain.sentence(tr, tr.marker, 0, "en")  # the step after the marker
    assert f"v_{tr.marker} (x at step {tr.marker})" in s


def test_gru_keeps_its_value_only_when_it_did(monkeypatch):
    real = built.built_weights

    def leaky(kind):
        w = real(kind)
        if kind == "gru":
            w["b_z"][0] = 2.5  # σ(2.5) = 0.92: "open", but H takes 8 % of the candidate every step
        return w

    monkeypatch.setattr(built, "built_weights", leaky)
    tr = trace("gru", steps=12, seed=0)
    said = [explain.sentence(tr, i, 0, "en") for i in range(tr.length)]
    for st, s in zip(tr.steps, said, strict=True):
        if "keeps its value" in s:
            assert abs(st.values["H"][0] - st.prev["H"][0]) <= explain.KEPT, s
    assert sum("yet H moves" in s for s in said) >= 3


def test_bptt_unit_without_recurrent_weight_says_why_it_is_zero():
    tr = trace("bptt", steps=16, seed=0)
    line = explain.equations(tr, 3, 1)[0]
    assert "= 0 = 0" not in line and "since W_hh[2,·] = 0" in line
