"""What a step view says, as plain strings: the equations with the numbers plugged in, what changed, and
one sentence per step chosen by the values (a gate ≥ 0.9 is open, ≤ 0.1 shut, anything else half-way).

Nothing here is written per sequence: change a weight and the sentence follows the numbers
(``tests/demo/test_explain.py`` shuts the input gate and watches the sentence change).
"""

from __future__ import annotations

from rnnquiz.demo.trace import Step, Trace
from rnnquiz.i18n import t as tr_

OPEN, SHUT = 0.9, 0.1
MOVED = 0.05  # a gate that moved less than this since the step before is described as it is, not as opening
KEPT = 0.01  # the cell (GRU: H) "keeps its value" only if it moved by at most this in the step
SYMBOL = {"I": "I", "F": "F", "O": "O", "C_tilde": "C̃", "C": "C", "H": "H", "R": "R", "Z": "Z",
          "H_tilde": "H̃", "H_fwd": "→H", "H_bwd": "←H"}
GATE_FORM = {
    "I": ("σ", "X_tW_xi + H_{t−1}W_hi + b_i"), "F": ("σ", "X_tW_xf + H_{t−1}W_hf + b_f"),
    "O": ("σ", "X_tW_xo + H_{t−1}W_ho + b_o"), "C_tilde": ("tanh", "X_tW_xc + H_{t−1}W_hc + b_c"),
    "R": ("σ", "X_tW_xr + H_{t−1}W_hr + b_r"), "Z": ("σ", "X_tW_xz + H_{t−1}W_hz + b_z"),
    "H_tilde": ("tanh", "X_tW_xh + (R_t⊙H_{t−1})W_hh + b_h"),
}


def num(v: float) -> str:
    """Two decimals, never "-0.00" (bars, sentences, timeline)."""
    s = f"{v:.2f}"
    return "0.00" if s == "-0.00" else s.replace("-", "−")


def num3(v: float) -> str:
    """Three decimals, never "-0.000": the equations, so that the arithmetic shown can be done by hand."""
    s = f"{v:.3f}"
    return "0.000" if s == "-0.000" else s.replace("-", "−")


def _shown(s: str) -> float:
    return float(s.replace("−", "-"))


def factor(v: float, fmt=num3) -> str:
    """A number inside a product: negatives in brackets, ``0.007×(−0.537)``."""
    s = fmt(v)
    return f"({s})" if s.startswith("−") else s


def _is(hand: float, true: float, fmt=num3) -> str:
    """``= true`` when the arithmetic on the shown operands gives the shown result, else ``≈ true``."""
    return f"{'=' if fmt(hand) == fmt(true) else '≈'} {fmt(true)}"


def _sum(parts: tuple[float, float, float]) -> tuple[str, float]:
    """The three terms as shown (``10.000 + 0.000 − 5.000``) and their sum as shown."""
    shown = [num3(v) for v in parts]
    out = shown[0]
    for v in shown[1:]:
        out += f" − {v[1:]}" if v.startswith("−") else f" + {v}"
    return out, sum(_shown(v) for v in shown)


def _sigmoid(x: float) -> float:
    import math

    return 1 / (1 + math.exp(-x))


def unit_name(trace: Trace, u: int, lang: str) -> str:
    role = trace.units[u] if u < len(trace.units) else ""
    if trace.kind == "birnn":
        h = len(trace.units) // 2
        n = u % h + 1
        return f"{tr_('demo.unit.' + role, lang)} {n}"
    name = tr_("demo.unit", lang, n=u + 1)
    if role:
        name += f" ({tr_('demo.unit.' + role, lang)})" if lang == "en" else f"（{tr_('demo.unit.' + role, lang)}）"
    return name


def unit_count(trace: Trace) -> int:
    return len(trace.units)


def equations(trace: Trace, i: int, u: int) -> list[str]:
    """The step's equations for unit u, numbers plugged in at three decimals; a result that the shown
    operands give only to within rounding is written ``≈`` (``tests/demo/test_explain.py`` redoes each)."""
    st = trace.steps[i]
    if trace.kind == "bptt":
        return _bptt_equations(trace, i, u)
    if trace.kind == "birnn":
        h = len(trace.units) // 2
        j = u % h
        lines = []
        for q, prev, form in (("H_fwd", "→H_{t−1}", "(f)"), ("H_bwd", "←H_{t+1}", "(b)")):
            text, total = _sum(st.parts[q][j])
            lines.append(f"{SYMBOL[q]}_t = tanh(X_tW_xh{form} + {prev}W_hh{form} + b_h{form}) = "
                         f"tanh({text}) {_is(_tanh(total), st.values[q][j])}")
        lines.append(f"H_t = [→H_t, ←H_t] = [{num3(st.values['H_fwd'][j])}, {num3(st.values['H_bwd'][j])}]")
        return lines
    lines = []
    v = st.values
    for q, (act, form) in GATE_FORM.items():
        if q in st.parts:
            text, total = _sum(st.parts[q][u])
            hand = _sigmoid(total) if act == "σ" else _tanh(total)
            lines.append(f"{SYMBOL[q]}_t = {act}({form}) = {act}({text}) {_is(hand, v[q][u])}")
    r = {q: _shown(num3(v[q][u])) for q in v}  # the values as the lines above show them
    if trace.kind == "lstm":
        cp = _shown(num3(st.prev["C"][u]))
        hand = r["F"] * cp + r["I"] * r["C_tilde"]
        lines.append(f"C_t = F_t⊙C_{{t−1}} + I_t⊙C̃_t = {num3(r['F'])}×{factor(cp)} + {num3(r['I'])}×"
                     f"{factor(r['C_tilde'])} {_is(hand, v['C'][u])}")
        th = _shown(num3(_tanh(r["C"])))
        lines.append(f"H_t = O_t⊙tanh(C_t) = {num3(r['O'])}×tanh({num3(r['C'])}) = {num3(r['O'])}×"
                     f"{factor(th)} {_is(r['O'] * th, v['H'][u])}")
    elif trace.kind == "gru":
        hp = _shown(num3(st.prev["H"][u]))
        zc = 1 - r["Z"]
        lines.append(f"H_t = Z_t⊙H_{{t−1}} + (1 − Z_t)⊙H̃_t = {num3(r['Z'])}×{factor(hp)} + "
                     f"{num3(zc)}×{factor(r['H_tilde'])} {_is(r['Z'] * hp + zc * r['H_tilde'], v['H'][u])}")
    else:
        text, total = _sum(st.parts["H"][u])
        lines.append(f"H_t = tanh(X_tW_xh + H_{{t−1}}W_hh + b_h) = tanh({text}) {_is(_tanh(total), v['H'][u])}")
    return lines


def _tanh(x: float) -> float:
    import math

    return math.tanh(x)


def _bptt_equations(trace: Trace, i: int, u: int) -> list[str]:
    st = trace.steps[i]
    r, m = st.grads["rnn"], st.grads["lstm"]
    n = u + 1

    def g(v: float) -> float:
        return _shown(_g(v))

    if r["dH_next"] is None:
        o, d = g(m["O"][u]), g(1 - m["tanhC"][u] ** 2)
        return [f"RNN   ∂y/∂H_T[{n}] = W_hq[{n}] = {_g(r['dH'][u])}",
                f"LSTM  ∂y/∂C_T[{n}] = W_hq[{n}]×O_T×(1 − tanh²C_T) = {_g(m['dH'][u])}×{_g(o)}"
                f"×{_g(d)} {_is(g(m['dH'][u]) * o * d, m['dC'][u], _g)}"]
    W = trace.weights["rnn_W_hh"]
    form = f"RNN   ∂y/∂H_t[{n}] = Σ_k ∂y/∂H_{{t+1}}[k](1 − H_{{t+1}}[k]²)W_hh[{n},k]"
    if not any(W[u]):
        rnn = f"{form} = 0, since W_hh[{n},·] = 0: nothing flows back into unit {n}"
    else:
        terms = [(g(r["dH_next"][k]), g(1 - r["H_next"][k] ** 2), g(W[u][k])) for k in range(len(W))
                 if W[u][k]]
        shown = [f"{factor(a, _g)}×{factor(b, _g)}×{factor(c, _g)}" for a, b, c in terms]
        hand = sum(a * b * c for a, b, c in terms)
        if len(shown) > 4:  # --random with many units: the first terms, the rest left out
            rnn = f"{form} = {' + '.join(shown[:3])} + … ≈ {_g(r['dH'][u])}"
        else:
            rnn = f"{form} = {' + '.join(shown)} {_is(hand, r['dH'][u], _g)}"
    via_h = m["dC"][u] - m["dC_next"][u] * m["F_next"][u]
    a, f, b = g(m["dC_next"][u]), g(m["F_next"][u]), g(via_h)
    lstm = (f"LSTM  ∂y/∂C_t[{n}] = ∂y/∂C_{{t+1}}⊙F_{{t+1}} + ∂y/∂H_t⊙O_t⊙(1 − tanh²C_t) = "
            f"{factor(a, _g)}×{_g(f)} + {factor(b, _g)} {_is(a * f + b, m['dC'][u], _g)}")
    return [rnn, lstm]


def changes(trace: Trace, i: int, lang: str, limit: int = 4, unit: int | None = None) -> list[str]:
    """The largest moves since the step before (|Δ| ≥ 0.05), e.g. ``C[1] 0.00 → 0.29 (+0.29)``; those of
    `unit` first."""
    if trace.kind == "bptt":
        if i == 0:
            return []
        now, before = trace.steps[i].grads, trace.steps[i - 1].grads
        return [f"{tr_('demo.bptt.' + m, lang).split()[0]} ‖·‖ {_g(before[m]['norm'])} → {_g(now[m]['norm'])}"
                f" (×{num(now[m]['norm'] / before[m]['norm']) if before[m]['norm'] else '—'})" for m in ("rnn", "lstm")]
    if i == 0:
        return []
    now, before = trace.steps[i].values, trace.steps[i - 1].values
    moves = []
    for q in trace.quantities:
        for u, (a, b) in enumerate(zip(before[q], now[q], strict=True)):
            if abs(b - a) >= 0.05:
                moves.append((abs(b - a), f"{SYMBOL[q]}[{u + 1}] {num(a)} → {num(b)} ({'+' if b >= a else '−'}"
                                          f"{num(abs(b - a))})", u))
    moves.sort(key=lambda m: (m[2] != unit, -m[0]))
    shown = [m[1] for m in moves[:limit]]
    if len(moves) > limit:
        shown.append(tr_("demo.changed.more", lang, n=len(moves) - limit))
    return shown or [tr_("demo.changed.none", lang)]


def _pct(share: float) -> str:
    return "<1" if 0 <= share < 0.005 else f"{100 * share:.0f}"


def _g(v: float) -> str:
    """Three significant figures; small numbers in powers of ten (gradients span decades)."""
    if v == 0:
        return "0"
    s = f"{v:.3g}" if abs(v) >= 1e-3 else f"{v:.1e}"
    return s.replace("-", "−")


def _state(v: float) -> str:
    return "open" if v >= OPEN else "shut" if v <= SHUT else "mid"


def sentence(trace: Trace, i: int, u: int, lang: str) -> str:
    """One sentence that says what happened at step i to unit u, chosen by the values."""
    st = trace.steps[i]
    if trace.kind == "bptt":
        return _bptt_sentence(trace, i, lang)
    if trace.kind == "birnn":
        return _birnn_sentence(trace, i, u, lang)
    v = st.values
    event = _event(st, lang)
    before = trace.steps[i - 1].values if i > 0 else None

    def moved(q: str) -> bool:  # a gate is said to open or shut only at the step where it did
        return before is not None and abs(v[q][u] - before[q][u]) >= MOVED

    if trace.kind == "lstm":
        I, F, O = v["I"][u], v["F"][u], v["O"][u]  # noqa: E741
        cp, c = st.prev["C"][u], v["C"][u]
        key = {("open", "shut"): "write", ("shut", "open"): "hold", ("open", "open"): "add",
               ("shut", "shut"): "wipe"}.get((_state(I), _state(F)), "mix")
        if key in ("write", "wipe") and num(cp) == "0.00":
            key += "_empty"  # nothing to let go of
        if key.startswith("write") and not (moved("I") or moved("F")):
            key += ".steady"  # open and shut as at the step before: nothing opens or drops
        if key == "hold" and (moved("I") or moved("F")):
            key += ".moved"
        values = dict(I=num(I), F=num(F), Cp=num(cp), C=num(c), IC=num(I * v["C_tilde"][u]), FC=num(F * cp),
                      v=num(st.x[0]), d=num(abs(c - cp)))
        if key.startswith("hold") and abs(c - cp) > KEPT:  # "keeps" and "stays out" only if they hold
            key = "hold.drift"
        body = tr_(f"demo.s.lstm.{key}", lang, **values)
        if key in ("hold", "hold.moved"):
            body += tr_("demo.s.lstm.kept", lang, **values)
        out = _state(O) + (".steady" if _state(O) == "open" and not moved("O") else "")
        body += tr_(f"demo.s.lstm.out_{out}", lang, O=num(O), H=num(v["H"][u]))
        keep = st.keep["C"][u]
    elif trace.kind == "gru":
        Z, R = v["Z"][u], v["R"][u]
        key = {"shut": "take", "open": "hold"}.get(_state(Z), "mix")
        if key == "take" and num(st.prev["H"][u]) == "0.00":
            key = "take_empty"
        if key.startswith("take") and not moved("Z"):
            key += ".steady"
        if key == "hold" and abs(v["H"][u] - st.prev["H"][u]) > KEPT:
            key += ".drift"
        body = tr_(f"demo.s.gru.{key}", lang, Z=num(Z), Zc=num(1 - Z), Hp=num(st.prev["H"][u]), H=num(v["H"][u]),
                   v=num(st.x[0]), Ht=num(v["H_tilde"][u]))
        body += tr_(f"demo.s.gru.reset_{_state(R)}", lang, R=num(R), Ht=num(v["H_tilde"][u]))
        keep = st.keep["H"][u]
    else:
        p = trace.marker
        if st.t < p:
            body = tr_("demo.s.rnn.before", lang, H=num(v["H"][u]))
        elif st.t == p:
            body = tr_("demo.s.rnn.marker", lang, v=num(st.x[0]), H=num(v["H"][u]))
        else:
            k0 = trace.steps[p - 1].keep["H"][u]
            k = st.keep["H"][u]
            pct = _pct(k / k0) if abs(k0) > 1e-9 else "—"
            body = tr_("demo.s.rnn.fade", lang, H=num(v["H"][u]), p=p, k=num(k), pct=pct)
        keep = None
    text = _join(event, body, lang)
    if keep is not None and st.t > trace.marker and abs(keep) >= 0.05 and not st.x[2]:
        q = "C" if trace.kind == "lstm" else "H"
        text += tr_("demo.s.keep", lang, q=q, p=trace.marker, k=num(keep))
    if st.x[2] and trace.answer is not None:
        text += " " if lang == "en" else ""
        text += answer_line(trace, lang) + ("." if lang == "en" else "。")
    if lang == "en" and not text.rstrip().endswith("."):
        text = text.rstrip() + "."
    return text


def answer_line(trace: Trace, lang: str) -> str:
    from rnnquiz.demo.built import TOLERANCE

    right = abs(trace.answer - trace.target) < TOLERANCE
    line = tr_("demo.answer", lang, y=num(trace.answer), target=num(trace.target),
               verdict=tr_("demo.right" if right else "demo.wrong", lang))
    return line[0].upper() + line[1:] if lang == "en" else line


def _event(st: Step, lang: str) -> str:
    if st.x[1]:
        return tr_("demo.s.marker", lang)
    if st.x[2]:
        return tr_("demo.s.query", lang)
    return ""


def _join(event: str, body: str, lang: str) -> str:
    if event or lang != "en":
        return event + body
    return body[0].upper() + body[1:]


def _birnn_sentence(trace: Trace, i: int, u: int, lang: str) -> str:
    st = trace.steps[i]
    h = len(trace.units) // 2
    j = u % h
    T = trace.length
    k = st.keep
    if st.t == 1:
        return tr_("demo.s.birnn.first", lang, T=T, lf=num(k["last_fwd"][j]), lb=num(k["last_bwd"][j]))
    if st.t == T:
        return tr_("demo.s.birnn.last", lang, T=T, ff=num(k["first_fwd"][j]), fb=num(k["first_bwd"][j]))
    return tr_("demo.s.birnn.mid", lang, t=st.t, T=T, hf=num(st.values["H_fwd"][j]), hb=num(st.values["H_bwd"][j]),
               lb=num(k["last_bwd"][j]))


def _bptt_sentence(trace: Trace, i: int, lang: str) -> str:
    st = trace.steps[i]
    r, m = st.grads["rnn"], st.grads["lstm"]
    if i == 0:
        return tr_("demo.s.bptt.start", lang, T=st.t, r=_g(r["norm"]), l=_g(m["norm"]))
    prev = trace.steps[i - 1].grads
    r0 = trace.steps[0].grads["rnn"]["norm"]
    share = r["norm"] / r0 if r0 else 1.0
    prev_share = prev["rnn"]["norm"] / r0 if r0 else 1.0
    rr = r["norm"] / prev["rnn"]["norm"] if prev["rnn"]["norm"] else 0.0
    lr = m["norm"] / prev["lstm"]["norm"] if prev["lstm"]["norm"] else 0.0
    text = tr_("demo.s.bptt.step", lang, rr=num(rr), r=_g(r["norm"]), rp=_pct(share),
               lr=num(lr), l=_g(m["norm"]))
    if share < 0.01 <= prev_share:
        text += tr_("demo.s.bptt.vanished", lang)
    F_next = m["F_next"]
    if lr < 0.1 and F_next is not None and min(F_next) <= SHUT:
        text += tr_("demo.s.bptt.cut", lang, t1=st.t + 1, F=num(min(F_next)))
    return text
