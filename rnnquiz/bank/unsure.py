"""When the grader cannot stand behind a "wrong": the answer holds the key, or nearly.

A typed answer is graded by rules (rnnquiz.bank.grade). Seven review rounds found 10–30 fair answers each that
the rules called wrong: a right key with words the rules did not know around it (`0.25 at x = 0`,
`位于(0,1)`, `reset gate output`), or a spelling one step from an accepted form (`C tilde t`, `隐含状态`).
Every such verdict costs the candidate's trust. So a wrong verdict whose answer still contains the key (or the
right number, or an accepted form but for one character run) is not announced as wrong: the candidate sees
the expected answer and says whether theirs means the same, as a flashcard is self-rated (Anki's typed
answers work the same way). The verdict stays "wrong" until they confirm, so the stdin protocol, the store
and the statistics are unchanged; `Verdict.unsure` marks it.

Never unsure: an answer with a negation (`not tanh`), a known wrong answer of the question (`reject:`), or a
rival term of the glossary (`input gate` where the key is the forget gate). Those stay plainly wrong.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from rnnquiz.bank import grade as g
from rnnquiz.bank.schema import Cloze, Numeric, TypeIn

_NEGATION = re.compile(
    r"(?<![a-z])(?:not|no|never|none|isn't|aren't|doesn't|don't|can't|cannot|without|neither|nor|instead|rather)(?![a-z])"
    r"|不是|不用|不会|不能|不应|不要|并非|而非|而不是|没有|没|无需|无须|非(?!线性)|别"
)
# a comma groups thousands only in threes (`27375，3组` is 27375 and 3) and is a decimal comma after 0 (`0,35`)
_NUMBER = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+(?![\d,])|0,\d+|\d+(?:\.\d+)?|\.\d+)(?:\s*/\s*\d+(?:\.\d+)?)?(?:e[-+]?\d+)?", re.I)
_CJK = re.compile(r"[\u3400-\u9fff]")


def unsure(item: g.Item, given: str, glossary: Sequence[dict] = ()) -> bool:
    """Whether a wrong verdict on `given` should be the candidate's to confirm (see the module's docstring)."""
    q = item.question
    if isinstance(q, TypeIn):
        given = g.without_contrast(given, g.typein_accepted(q, glossary)) or given  # `tanh，不是 sigmoid，因为…`
    if not given.strip() or _negated(_key_part(given)):
        return False
    if isinstance(q, Numeric):
        return _holds_number(item, given)
    if isinstance(q, TypeIn):
        rejected = {"".join(_tokens(r)) for lst in q.reject.values() for r in lst} - {""}  # "i_t", not the "it" of "it scales"
        if g._r15d_read(given, g.typein_accepted(q, glossary), " ".join(q.prompt.all())) == "unsure":
            return True  # the key with a clause about a part of no single activation (review 15-D)
        if g._r15d_word_breaks(given, g.typein_accepted(q, glossary)):
            return True  # "forgetgate" for "forget gate": the key with other word breaks (review 15-D)
        return _holds_key(given, g.typein_accepted(q, glossary), rejected, glossary, " ".join(q.prompt.all()))
    if isinstance(q, Cloze):
        names = item.blanks()
        parts = g.split_blanks(given, len(names))
        if len(parts) != len(names):
            return False
        context = " ".join([*q.prompt.all(), *(g.CLOZE_BLANK.sub(" ", t) for t in q.text.all())])
        terms = g.glossary_terms(glossary)
        doubtful = 0
        for name, part in zip(names, parts, strict=True):
            accepted = g.cloze_accepted(q, name, glossary)
            if g.match_text(part, accepted, set(), q.fuzzy, terms, context)[0]:
                continue
            if g._r15c_ime_typo(part, accepted) or g._r15d_read(part, accepted, context) == "unsure":
                doubtful += 1  # 重至门, 更新问: a homophone typo of a gate name (review 15-C); review 15-D: "hidden state, since it uses tanh"
                continue
            if not part.strip() or _negated(_key_part(part)) or not _holds_key(part, accepted, set(), glossary, context):
                return False  # a blank that is plainly wrong makes the answer wrong
            doubtful += 1
        return doubtful > 0
    return False


def _key_part(text: str) -> str:
    """The answer without its reason (`h×h since H_{t-1} is n×h`, `exposure bias, because the model never sees
    its own mistakes`): a negation inside the reason is the reason's, not a negation of the key (review10-A 2)."""
    m = g._REASON.match(unicodedata.normalize("NFKC", text).strip())
    return m["head"] if m else text


def _negated(text: str) -> bool:
    return bool(_NEGATION.search(unicodedata.normalize("NFKC", text).casefold()))


def _holds_number(item: g.Item, given: str) -> bool:
    """A line with several numbers, one of them the answer: `0.25 at x = 0`, `0.731 for b_f = 1`."""
    q = item.question
    assert isinstance(q, Numeric) and item.value is not None
    tol = max(q.tolerance, q.rel_tolerance * abs(item.value)) + 1e-12 * max(1.0, abs(item.value))
    text = unicodedata.normalize("NFKC", given)
    for m in _NUMBER.finditer(text):
        if re.match(r"\s*[%％]", text[m.end():]) and not g._asks_percent(q):
            continue  # "20%" is 0.2, not the ratio 20 (attacker 109, W9)
        x = g.parse_number(m[0].replace("−", "-"))
        if x is not None and math.isfinite(x) and abs(x - item.value) <= tol:
            return True
    return False


def _holds_key(given: str, accepted: Mapping[str, str] | set[str], rejected: set[str], glossary: Sequence[dict],
               context: str = "") -> bool:
    tokens = _tokens(given)
    if not tokens or g._symbol_product(given, accepted):
        return False  # nothing; or `‖g‖‖g‖`, the key's square
    flat = "".join(tokens).replace("_", "")
    spans = {"".join(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 1, min(len(tokens), i + 6) + 1)}
    if rejected & spans:  # a known wrong answer, as whole tokens ("I_t" is not the "it" of "it scales")
        return False
    shown = {a: _shown(accepted, a) for a in accepted}
    forms = {a: _tokens(text) for a, text in shown.items()}
    forms = {a: f for a, f in forms.items() if f}
    ctx = _tokens(context) if context else ()
    if _HEDGE.search(unicodedata.normalize("NFKC", given).casefold()):
        return False  # "(0,1) or (-1,1)", "减小或增大": two answers, one of them wrong
    if _bound_at_key(given, forms.values()):
        # `minimum 1`, `最小为1`: the key said as the minimum, the candidate's to confirm where grade.py does not
        # read it as the question's best value; `≥1`, `at least 1`, `至少为1` give a range, not the value asked
        # for: plainly wrong (review13-A 8; round 12 had them "not sure")
        return bool(g._MINIMUM_IS.match(unicodedata.normalize("NFKC", given).strip()))
    if g._wrong_object(given, accepted) or g._other_matrix(given, accepted, context) or g._little_o(given, accepted) \
            or g._r9_contradicts(given, accepted) or g._round8_wrong(given, accepted, context):  # "(0, 1), i.e. the range of tanh": a false fact beside the key
        return False  # loss.detach(), W_xh for W_hh, o(n): the rules know these are wrong
    head = _first_clause(given)
    lead = _tokens(head) if head else tokens  # a gloss after a comma may name other things ("…, unlike sigmoid")
    if _odd_symbol(lead, list(forms.values()), ctx) or _rival(lead, list(forms.values()), glossary, ctx):
        return False
    if _other_of_its_kind(given, tokens, list(forms.values()), ctx):
        return False
    if g._round12k_unread(given, accepted, context):
        return True  # the key, and a purpose after it that the tokenizer drops and no rule reads (`detach() so …`)
    reason = g._REASON.match(unicodedata.normalize("NFKC", given).strip())
    if reason and g.match_text(reason["head"], accepted, rejected, False, (), context, _nested=True)[0]:
        return True  # the key and a reason the rules do not read, with or without a comma (review10-A 1)
    gloss = re.match(r"^(?P<x>.*?\S)\s*[(（](?P<y>[^()（）]+)[)）]\s*$", given.strip())
    if gloss and not re.search(r"\w\($", given.strip()[:gloss.start("y")]) \
            and g.match_text(gloss["x"], accepted, rejected, False, (), context, _nested=True)[0]:
        y = _tokens(gloss["y"])  # "R_t (update gate)", "CEC (forget gate)": a gloss naming a rival stays wrong
        return not (_odd_symbol(y, list(forms.values()), ctx) or _rival(y, list(forms.values()), glossary, ctx))
        # otherwise "cross-entropy (NLL)", "2h×q (both directions concatenated)": a gloss the rules do not read
    if any(g._range_gloss(text, c) is False for c in _clauses(given)[1:] for text in shown.values()):
        return False  # "tanh, bounded in (0, 1)": the gloss gives the key another function's range
    for a, form in forms.items():
        if g._case_clash(given, shown[a], context):
            continue  # T for t, H for h: another symbol
        if len(form) > 1 and all(w.isalpha() for w in (*form, *tokens)) and "".join(tokens) == "".join(form):
            return True  # "layernorm" for "layer norm": the key with other word breaks
        if _near_cjk(flat, "".join(form)):
            return True  # 隐含状态 for 隐藏状态: one character from the key
        if head is not None and _lead_key_tail(_tokens(head), form, ctx, whole=True):
            return True  # "tanh, bounded in (-1, 1)", "遗忘门，它缩放…": the key, then a clause about it
        if _lead_key_tail(tokens, form, ctx, whole=False):
            return True  # "(0, 1) for R_t and Z_t", "LayerNorm over the hidden units", "位于(0,1)"
    return False


_BOUND = re.compile(r"^(?:at\s+least|at\s+most|no\s+(?:less|more|smaller|larger)\s+than|≥|>=|≤|<=|⩾|⩽|minimum(?:\s+of)?|min\.?|"
                    r"最小为|最小是|最小值为|最小值是|至少为|至少是|至少|不小于|不低于|最少为|最少)\s*(?P<n>-?\d+(?:\.\d+)?)$", re.I)


def _bound_at_key(given: str, forms: Iterable[tuple[str, ...]]) -> bool:
    """`at least 1`, `≥1`, `最小为1` where the key is the number 1: a bound at the key, not the key (review12-A 10),
    the same in both languages: the candidate's to confirm."""
    m = _BOUND.match(unicodedata.normalize("NFKC", given).strip())
    return bool(m) and any(f == _tokens(m["n"]) for f in forms)


def _first_clause(given: str) -> str | None:
    """The answer up to its first comma, semicolon, colon or dash outside brackets, if it has one."""
    depth = 0
    for i, ch in enumerate(given):
        depth += (ch in "([{（【") - (ch in ")]}）】")
        if depth == 0 and (ch in ",;:，；：、—" or given.startswith(" - ", i)):
            return given[:i] if given[:i].strip() and given[i + 1:].strip() else None
    return None


# words that may come before the key: "it is tanh", "call .detach()", "use layer norm"
_LEAD = {"the", "a", "an", "it", "is", "its", "it's", "they", "are", "both", "each", "use", "uses", "using", "call", "apply",
         "answer", "lies", "lie", "in", "be", "value", "values", "range", "output", "outputs", "between", "always", "then",
         "elementwise", "element-wise", "element"}
# words after which the rest is a condition or a purpose: "0.25 at x = 0", "over the hidden units", "so that…"
_TAIL = {"at", "when", "for", "with", "over", "per", "across", "in", "by", "during", "via", "after", "before", "under",
         "so", "to", "because", "since", "as", "where", "while", "which", "that", "of", "from", "applied", "learned", "learnt",
         "nonlinearity", "non-linearity", "elementwise", "element-wise", "function", "activation", "uses", "is",
         "decides", "controls", "determines", "keeps", "scales", "multiplies", "lets"}  # "the forget gate decides what to keep"


@lru_cache(maxsize=1)
def _lead_words() -> frozenset[str]:  # as the grader's tokens spell them (stemmed: "applied" -> "appli")
    return frozenset(t for w in _LEAD for t in _tokens(w))


@lru_cache(maxsize=1)
def _tail_words() -> frozenset[str]:
    return frozenset(t for w in _TAIL for t in _tokens(w))


def _lead_key_tail(tokens: tuple[str, ...], form: tuple[str, ...], ctx: tuple[str, ...], whole: bool) -> bool:
    """The key's tokens, with only lead words (or the question's own words, or Chinese) before them and,
    after them, nothing (`whole`) or a tail that begins with a preposition (Latin) or a Chinese run that is not
    a 的-phrase (tanh的导数 is the derivative)."""
    n = len(form)
    joined = "".join(form)
    spans = [(i, i + n) for i in range(len(tokens) - n + 1) if tokens[i:i + n] == form]
    if n > 1:  # "layernorm" for the form "layer norm"
        spans += [(i, i + 1) for i, w in enumerate(tokens) if w == joined]
    for i, j in spans:
        n = j - i
        before, after = tokens[:i], tokens[i + n:]
        if not all(w not in _DIRECTION and not w[:1].isdigit() and (w in _lead_words() or w in ctx or _zh_lead(w)) for w in before):
            continue
        if not after:
            if before or whole:
                return True
            continue  # the key alone is graded right by the rules already
        if whole:
            continue
        nxt = after[0]
        if nxt in _tail_words() or (_CJK.search(nxt) and not nxt.startswith(_ZH_MODIFIER)):
            return True
    return False


_HEDGE = re.compile(r"(?<![a-z])(?:or|either|and/or)(?![a-z])|或者?|还是")


def _odd_symbol(tokens: tuple[str, ...], forms: Sequence[tuple[str, ...]], context: tuple[str, ...]) -> bool:
    """A symbol, index or number in the answer that neither the key nor the question has (H_T for H_t,
    t-1 for t+1, ‖g‖² for ‖g‖, (0, 1] for (0, 1)): the answer says something else."""
    known = {w for f in forms for w in f} | set(context)
    for w in tokens:
        if w in known or _CJK.search(w) or re.fullmatch(r"[a-z]{2,}", w):
            continue
        return True
    return False


def _kind(word: str) -> str:
    if word.startswith("\ue000"):
        return "interval"  # a bracketed structure: (0, 1), [0, 1]
    return "symbol" if re.search(r"[_^]", word) else "word"


def _other_of_its_kind(given: str, tokens: tuple[str, ...], forms: Sequence[tuple[str, ...]], ctx: tuple[str, ...]) -> bool:
    """Another interval where the key is an interval, another symbol where it is a symbol: a second answer,
    one of them wrong — "(0,1) for R_t, (-1,1) for Z_t", or a bare list "R_t, Z_t". The question's own
    symbols in a clause are fine ("遗忘门，它缩放C_{t-1}"), and so is a gloss of another kind ("tanh,
    bounded in (-1, 1)")."""
    known = {w for f in forms for w in f}
    kinds = {_kind(w) for f in forms for w in f} - {"word"}
    if not kinds:
        return False
    for clause in _clauses(given)[1:]:
        t = _tokens(clause)
        if len(t) == 1 and _kind(t[0]) in kinds and t[0] not in known:
            return True  # "R_t, Z_t": a list of answers
    return any(_kind(w) in kinds and w not in known and w not in ctx for w in tokens)


def _clauses(given: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in given:
        depth += (ch in "([{（【") - (ch in ")]}）】")
        if depth == 0 and ch in ",;，；、":
            out.append(cur)
            cur = ""
        else:
            cur += ch
    return [c for c in [*out, cur] if c.strip()]


def _shown(accepted: Mapping[str, str] | set[str], key: str) -> str:
    return accepted[key] if isinstance(accepted, Mapping) else key



_DIRECTION = {"→", "←", "forward", "backward", "正向", "反向", "前向", "后向"}
# a Chinese run after the key that makes it another thing: tanh的导数, 谱半径的倒数
_ZH_MODIFIER = ("的", "导数", "倒数", "平方", "反面", "逆", "相反", "之前", "之后")
_ZH_LEAD = ("位于", "处于", "在", "为", "是", "都", "均", "用", "使用", "调用", "取值", "范围", "区间", "值域", "和")


def _zh_lead(word: str) -> bool:
    """A Chinese run before the key that only introduces it: 位于, 元素位于, 都在, 用, 答案是."""
    if not _CJK.search(word) or word.startswith("对"):  # 对权重调用 detach(): on another object
        return False
    return word in _ZH_LEAD or any(word.endswith(lead) and len(word) - len(lead) <= 2 for lead in _ZH_LEAD)


def _contains(hay: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    """The needle's tokens in a row in `hay` (a Chinese needle also inside a longer Chinese run)."""
    n = len(needle)
    if any(hay[i:i + n] == needle for i in range(len(hay) - n + 1)):
        return True
    key = "".join(needle)
    return len(key) >= 2 and bool(_CJK.search(key)) and key in "".join(hay)



def _near_cjk(given: str, key: str) -> bool:
    """A Chinese key of ≥ 3 characters and an answer of the same length, one character apart: 隐含状态 for
    隐藏状态, 谱半经 for 谱半径 (never 输出门 for 输入门: 出/入 are opposites, and a rival term); one left out from 4 on."""
    if len(key) < 3 or not all(_CJK.match(ch) for ch in key + given):  # 谱半经 for 谱半径 too (review12-A 6)
        return False
    if len(given) == len(key) - 1 and len(key) >= 4:  # one character left out: 层归一 for 层归一化 (never the head: 归一化 is any normalization)
        return any(key[:i] + key[i + 1:] == given and key[i] not in _ZH_OPPOSITES for i in range(1, len(key)))
    if len(given) != len(key):
        return False
    diff = [(a, b) for a, b in zip(given, key, strict=True) if a != b]
    return len(diff) == 1 and not set(diff[0]) & set(_ZH_OPPOSITES + _ZH_NUMERALS)


_ZH_NUMERALS = "零一二两三四五六七八九十百千万半双单"  # 一范数 is not 二范数: a number is never a slip


_ZH_OPPOSITES = "上下前后正反入出新旧大小增减左右内外长短近远高低多少快慢早晚首末真假开关有无强弱深浅始终"  # 下一时间步 is not 上一时间步





def _rival(tokens: tuple[str, ...], forms: Iterable[tuple[str, ...]], glossary: Sequence[dict],
           context: tuple[str, ...] = ()) -> bool:
    """The answer names a glossary term that is not the key's own (`input gate` for the forget gate,
    `sigmoid` for tanh): a different answer, not a wording of this one. A term the question itself uses
    (`the reset and update gates` of a question about both) is context, not a rival."""
    keys = {"".join(f).replace("_", "") for f in forms}
    for group in g.glossary_forms(glossary):
        if any(_related(k, a) for k in group for a in keys):
            continue  # the key's own term, or a longer name of it ("forget gate bias")
        if any(_contains(context, _tokens(text)) for text in group.values()):
            continue
        if any(_contains(tokens, _tokens(text)) for text in group.values()):
            return True
    return False


def _related(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and short in long_


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    return g.answer_tokens(text)
