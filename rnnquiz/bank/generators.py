"""Pure-Python generators for `numeric` questions: parameter counts and shapes.

A bank names one with ``generator: {name, params}``; the quiz draws the parameters per session and the
generator returns the answer with its worked formula. No NumPy here: the test suite checks every
generator against the NumPy models (counts from real parameter arrays, shapes from real outputs).
"""

from __future__ import annotations

from collections.abc import Callable

from rnnquiz.i18n import t

GATES = {"rnn": 1, "gru": 3, "lstm": 4}  # weight blocks per cell: RNN 1, GRU r,z,n, LSTM i,f,g,o
# Bounds that keep every generator instant and every answer a modest integer: sizes (d, h, q, T, B,
# T_out) up to 100,000, stacks up to 64 layers (param_count loops over layers).
MAX_SIZE = 100_000
MAX_LAYERS = 64


def _positive(**kw: object) -> None:
    for name, v in kw.items():
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            raise ValueError(f"{name} must be a positive integer; got {_short(v)}")
        limit = MAX_LAYERS if name == "layers" else MAX_SIZE
        if v > limit:
            raise ValueError(f"{name} must be at most {limit:,}; got {_short(v)}")


def _short(v: object) -> str:
    text = repr(v)
    return text if len(text) <= 40 else text[:40] + "…"


def param_count(
    cell: str,
    d: int,
    h: int,
    bias: str = "single",
    layers: int = 1,
    bidirectional: bool = False,
    q: int | None = None,
) -> tuple[int, str]:
    """Trainable parameters of a recurrent stack laid out as PyTorch lays it out.

    Per direction and layer: G·(h·d_l + h·h) weights plus G·h biases (``single``, d2l: one bias per gate)
    or 2·G·h (``double``, PyTorch: b_ih and b_hh). Layer l ≥ 2 reads D·h inputs (D = 2 if bidirectional).
    With ``q``, a linear output layer O_t = H_t W_hq + b_q adds D·h·q + q.
    """
    if not isinstance(cell, str) or cell not in GATES:
        raise ValueError(f"cell must be one of {', '.join(GATES)}; got {_short(cell)}")
    if not isinstance(bias, str) or bias not in ("single", "double"):
        raise ValueError(f"bias must be 'single' (d2l) or 'double' (PyTorch); got {_short(bias)}")
    if not isinstance(bidirectional, bool):
        raise ValueError(f"bidirectional must be true or false; got {_short(bidirectional)}")
    _positive(d=d, h=h, layers=layers)
    g, nd = GATES[cell], 2 if bidirectional else 1
    nb = 2 if bias == "double" else 1
    total, parts = 0, []
    for layer in range(layers):
        d_l = d if layer == 0 else nd * h
        per_dir = g * (h * d_l + h * h) + nb * g * h
        total += nd * per_dir
        bias_txt = f" + {nb}·{g}·{h}" if nb == 2 else f" + {g}·{h}"
        parts.append(f"{nd}·({g}·({h}·{d_l} + {h}·{h}){bias_txt})" if nd == 2 else f"{g}·({h}·{d_l} + {h}·{h}){bias_txt}")
    if q is not None:
        _positive(q=q)
        total += nd * h * q + q
        parts.append(f"{nd * h}·{q} + {q}")
    return total, " + ".join(parts) + f" = {total}"


def output_dim(
    what: str, dim: int, T: int, B: int, h: int, layers: int = 1, bidirectional: bool = False
) -> tuple[int, str]:
    """One dimension of a PyTorch nn.RNN / nn.GRU / nn.LSTM result (batch_first=False).

    ``output`` is (T, B, D·h); ``h_n`` and ``c_n`` are (layers·D, B, h), with D = 2 if bidirectional.
    """
    return _output_dim(what, dim, T, B, h, layers, bidirectional, "en")


def _output_dim(what: str, dim: int, T: int, B: int, h: int, layers: int, bidirectional: bool, lang: str) -> tuple[int, str]:
    _positive(T=T, B=B, h=h, layers=layers)
    if not isinstance(bidirectional, bool):
        raise ValueError(f"bidirectional must be true or false; got {_short(bidirectional)}")
    nd = 2 if bidirectional else 1
    if what == "output":
        shape, formula, values = (T, B, nd * h), "(T, B, D·h)", f"({T}, {B}, {nd}·{h})"
    elif what in ("h_n", "c_n"):
        shape, formula, values = (layers * nd, B, h), "(layers·D, B, h)", f"({layers}·{nd}, {B}, {h})"
    else:
        raise ValueError(f"what must be output, h_n or c_n; got {_short(what)}")
    if not isinstance(dim, int) or isinstance(dim, bool) or dim not in (0, 1, 2):
        raise ValueError(f"dim must be 0, 1 or 2; got {_short(dim)}")
    head = t("gen.output", lang, what=what, formula=formula, values=values)
    return shape[dim], t("gen.dim", lang, head=head, dim=dim, value=shape[dim])


PATTERNS = ("one-to-one", "one-to-many", "many-to-one", "many-to-many", "seq2seq")


def pattern_dim(
    pattern: str, dim: int, T: int = 1, B: int = 1, q: int = 1, T_out: int | None = None
) -> tuple[int, str]:
    """One dimension of the outputs (steps, B, q) of an RNN input/output pattern.

    one-to-one (1, B, q); one-to-many (T_out, B, q); many-to-one (1, B, q);
    many-to-many aligned (T, B, q); seq2seq encoder–decoder (T_out, B, q).
    """
    return _pattern_dim(pattern, dim, T, B, q, T_out, "en")


def _pattern_dim(pattern: str, dim: int, T: int, B: int, q: int, T_out: int | None, lang: str) -> tuple[int, str]:
    _positive(T=T, B=B, q=q)
    if not isinstance(pattern, str) or pattern not in PATTERNS:
        raise ValueError(f"pattern must be one of {', '.join(PATTERNS)}; got {_short(pattern)}")
    if pattern in ("one-to-many", "seq2seq"):
        if T_out is None:
            raise ValueError(f"{pattern} needs T_out")
        _positive(T_out=T_out)
        steps = T_out
    elif pattern == "many-to-many":
        steps = T
    else:
        steps = 1
    if not isinstance(dim, int) or isinstance(dim, bool) or dim not in (0, 1, 2):
        raise ValueError(f"dim must be 0, 1 or 2; got {_short(dim)}")
    shape = (steps, B, q)
    head = t("gen.pattern", lang, pattern=t(f"gen.pattern.{pattern}", lang), shape=shape)
    return shape[dim], t("gen.dim", lang, head=head, dim=dim, value=shape[dim])


GENERATORS: dict[str, Callable[..., tuple[int, str]]] = {
    "param_count": param_count,
    "output_dim": output_dim,
    "pattern_dim": pattern_dim,
}


def worked(name: str, params: dict[str, object], lang: str) -> str:
    """The worked formula of `generate(name, params)` in `lang`: the generators' own text is English (the
    bank checks and the proofs read it); a session shows this one. param_count's is a formula, no words."""
    if name == "output_dim":
        return _output_dim(**{"layers": 1, "bidirectional": False, **params, "lang": lang})[1]  # type: ignore[arg-type]
    if name == "pattern_dim":
        return _pattern_dim(**{"T": 1, "B": 1, "q": 1, "T_out": None, **params, "lang": lang})[1]  # type: ignore[arg-type]
    return generate(name, params)[1]


def draw(params: dict[str, object], rng) -> dict[str, object]:
    """Draw one value per parameter: an inclusive (lo, hi) range gives an integer, others stay fixed."""
    return {k: (rng.randint(v[0], v[1]) if isinstance(v, tuple) else v) for k, v in params.items()}


def generate(name: str, params: dict[str, object]) -> tuple[int, str]:
    return GENERATORS[name](**params)


def _is_answer(name: str, params: dict[str, object], key: str, value: int) -> bool:
    """Is the answer this parameter itself (output size(0) = T)? Then moving it moves the answer by as much."""
    for step in (1, 2):
        moved = dict(params, **{key: int(params[key]) + step})  # type: ignore[call-overload]
        try:
            if generate(name, moved)[0] != value + step:
                return False
        except ValueError:
            return False
    return True


def collides(name: str, spec: dict[str, object], params: dict[str, object], value: int) -> bool:
    """Does the answer equal a drawn parameter it is not (T_out = T in seq2seq, size(0) = B), or what the
    misconception "layers + directions" gives for h_n's first dimension? Then it would be graded right for that draw."""
    if name == "output_dim" and params.get("what") in ("h_n", "c_n") and params.get("dim") == 0 \
            and params.get("bidirectional") and int(params.get("layers", 1)) + 2 == value:  # type: ignore[call-overload]
        return True  # num_layers + num_directions = num_layers × num_directions when num_layers = 2 (review 129)
    return any(isinstance(v, tuple) and params[k] == value and not _is_answer(name, params, k, value)
               for k, v in spec.items())


def draw_answer(name: str, spec: dict[str, object], rng) -> tuple[dict[str, object], int, str]:
    """Parameters, answer and worked formula for one showing; redrawn (from the same rng, so still
    reproducible) while the answer collides with another drawn parameter."""
    for _ in range(200):
        params = draw(spec, rng)
        value, work = generate(name, params)
        if not collides(name, spec, params, value):
            break
    return params, value, work
