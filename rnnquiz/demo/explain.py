"""What a step view says, as plain strings: the equations with the numbers plugged in, what changed, and
one sentence per step chosen by the values (a gate ≥ 0.9 is open, ≤ 0.1 shut, anything else half-way).

Nothing here is written per sequence: change a weight and the sentence follows the numbers
(``tests/demo/test_explain.py`` shuts the input gate and watches the sentence change).
"""

from __future__ import annotations

from rnnquiz.demo.trace import Step, Trace
from rnnquiz.i18n import t as tr_

OPEN, SHUT = 0.9, 0.1
SYMBOL = {"I": "I", "F": "F", "O": "O", "C_tilde": "C̃", "C": "C", "H": "H", "R": "R", "Z": "Z",
          "H_tilde": "H̃", "H_fwd": "→H", "H_bwd": "←H"}
GATE_FORM = {
    "I": ("σ", "X_tW_xi + H_{t−1}W_hi + b_i"), "F": ("σ", "X_tW_xf + H_{t−1}W_hf + b_f"),
    "O": ("σ", "X_tW_xo + H_{t−1}W_ho + b_o"), "C_tilde": ("tanh", "X_tW_xc + H_{t−1}W_hc + b_c"),
    "R": ("σ", "X_tW_xr + H_{t−1}W_hr + b_r"), "Z": ("σ", "X_tW_xz + H_{t−1}W_hz + b_z"),
    "H_tilde": ("tanh", "X_tW_xh + (R_t⊙H_{t−1})W_hh + b_h"),
}


def num(v: float) -> str:
    """Two decimals, never "-0.00"."""
    s = f"{v:.2f}"
    return "0.00" if s == "-0.00" else s.replace("-", "−")


def factor(v: float) -> str:
    """A number inside a product: negatives in brackets, ``0.01×(−0.54)``."""
    s = num(v)
    return f"({s})" if s.startswith("−") else s


def _sum(parts: tuple[float, float, float]) -> str:
    a, b, c = parts
    out = num(a)
    for v in (b, c):
        out += f" − {num(-v)}" if num(v).startswith("−") else f" + {num(v)}"
    return out


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
    """The step's equations for unit u, numbers plugged in."""
    st = trace.steps[i]
    if trace.kind == "bptt":
        return _bptt_equations(trace, i, u)
    if trace.kind == "birnn":
        h = len(trace.units) // 2
        j = u % h
        lines = []
        for q, prev, form in (("H_fwd", "→H_{t−1}", "(f)"), ("H_bwd", "←H_{t+1}", "(b)")):
            lines.append(f"{SYMBOL[q]}_t = tanh(X_tW_xh{form} + {prev}W_hh{form} + b_h{form}) = "
                         f"tanh({_sum(st.parts[q][j])}) = {num(st.values[q][j])}")
        lines.append(f"H_t = [→H_t, ←H_t] = [{num(st.values['H_fwd'][j])}, {num(st.values['H_bwd'][j])}]")
        return lines
    lines = []
    v = st.values
    for q, (act, form) in GATE_FORM.items():
        if q in st.parts:
            lines.append(f"{SYMBOL[q]}_t = {act}({form}) = {act}({_sum(st.parts[q][u])}) = {num(v[q][u])}")
    if trace.kind == "lstm":
        cp = st.prev["C"][u]
        lines.append(f"C_t = F_t⊙C_{{t−1}} + I_t⊙C̃_t = {num(v['F'][u])}×{factor(cp)} + {num(v['I'][u])}×"
                     f"{factor(v['C_tilde'][u])} = {num(v['C'][u])}")
        lines.append(f"H_t = O_t⊙tanh(C_t) = {num(v['O'][u])}×tanh({num(v['C'][u])}) = {num(v['O'][u])}×"
                     f"{factor(_tanh(v['C'][u]))} = {num(v['H'][u])}")
    elif trace.kind == "gru":
        hp = st.prev["H"][u]
        lines.append(f"H_t = Z_t⊙H_{{t−1}} + (1 − Z_t)⊙H̃_t = {num(v['Z'][u])}×{factor(hp)} + "
                     f"{num(1 - v['Z'][u])}×{factor(v['H_tilde'][u])} = {num(v['H'][u])}")
    else:
        lines.append(f"H_t = tanh(X_tW_xh + H_{{t−1}}W_hh + b_h) = tanh({_sum(st.parts['H'][u])}) = {num(v['H'][u])}")
    return lines


def _tanh(x: float) -> float:
    import math

    return math.tanh(x)


def _bptt_equations(trace: Trace, i: int, u: int) -> list[str]:
    st = trace.steps[i]
    r, m = st.grads["rnn"], st.grads["lstm"]
    n = u + 1
    if r["dH_next"] is None:
        return [f"RNN   ∂y/∂H_T[{n}] = W_hq[{n}] = {_g(r['dH'][u])}",
                f"LSTM  ∂y/∂C_T[{n}] = W_hq[{n}]×O_T×(1 − tanh²C_T) = {_g(m['dH'][u])}×{num(m['O'][u])}"
                f"×{num(1 - m['tanhC'][u] ** 2)} = {_g(m['dC'][u])}"]
    W = trace.weights["rnn_W_hh"]
    terms = [(r["dH_next"][k], 1 - r["H_next"][k] ** 2, W[u][k]) for k in range(len(W))]
    big = max((abs(a * b * c) for a, b, c in terms), default=0.0)
    shown = [f"{_g(a)}×{num(b)}×{num(c)}" for a, b, c in terms if big and abs(a * b * c) >= 0.01 * big] or ["0"]
    if len(shown) > 2:
        shown = shown[:2] + ["…"]
    rnn = f"RNN   ∂y/∂H_t[{n}] = Σ_k ∂y/∂H_{{t+1}}[k](1 − H_{{t+1}}[k]²)W_hh[{n},k] = {' + '.join(shown)} = {_g(r['dH'][u])}"
    via_h = m["dC"][u] - m["dC_next"][u] * m["F_next"][u]
    lstm = (f"LSTM  ∂y/∂C_t[{n}] = ∂y/∂C_{{t+1}}⊙F_{{t+1}} + ∂y/∂H_t⊙O_t⊙(1 − tanh²C_t) = "
            f"{_g(m['dC_next'][u])}×{num(m['F_next'][u])} + {_g(via_h)} = {_g(m['dC'][u])}")
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
    return [m[1] for m in moves[:limit]] or [tr_("demo.changed.none", lang)]


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
    if trace.kind == "lstm":
        I, F, O = v["I"][u], v["F"][u], v["O"][u]  # noqa: E741
        cp, c = st.prev["C"][u], v["C"][u]
        key = {("open", "shut"): "write", ("shut", "open"): "hold", ("open", "open"): "add",
               ("shut", "shut"): "wipe"}.get((_state(I), _state(F)), "mix")
        if key in ("write", "wipe") and num(cp) == "0.00":
            key += "_empty"  # nothing to let go of
        body = tr_(f"demo.s.lstm.{key}", lang, I=num(I), F=num(F), Cp=num(cp), C=num(c), IC=num(I * v["C_tilde"][u]),
                   FC=num(F * cp), v=num(st.x[0]))
        body += tr_(f"demo.s.lstm.out_{_state(O)}", lang, O=num(O), H=num(v["H"][u]))
        keep = st.keep["C"][u]
    elif trace.kind == "gru":
        Z, R = v["Z"][u], v["R"][u]
        key = {"shut": "take", "open": "hold"}.get(_state(Z), "mix")
        if key == "take" and num(st.prev["H"][u]) == "0.00":
            key = "take_empty"
        body = tr_(f"demo.s.gru.{key}", lang, Z=num(Z), Zc=num(1 - Z), Hp=num(st.prev["H"][u]), H=num(v["H"][u]),
                   v=num(st.x[0]))
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
