"""Marking an explanation against an explain question's key-point rubric. Pure: no terminal, no store.

A rubric point lists concepts; each concept is a tuple of alternatives, any of which shows it. An
alternative is a term (`additive`, `加法`) or a pattern of parts that must all occur in one sentence,
`forget gate|F_t ~ close to 1|near 1` (`~` joins parts, `|` separates options of a part). A term that is
a glossary term or variant matches every variant of that term, in both languages.

Matching is deliberately literal, and says so: Latin words match at word starts and may take a short
suffix (`vanish` matches "vanishes", "vanishing"); Chinese matches as a substring, with spaces next to
Chinese characters ignored. A match preceded in its clause by a negation ("does not vanish", "不会消失")
does not count unless the alternative itself is negative ("does not vanish|no longer vanish"): the
point is then reported with the negated words, so the candidate sees why. An alternative written with a
leading `!` (`!online|streaming`) is a point that is itself a negation ("a BiRNN cannot run online"):
it counts only where the words are negated. Chinese negation cues skip words that only start with a
negation character (不断, 不同, 不变, 不等长, 不超过, 非线性 …), and a match that is the tail of such a
word (等长 in 不等长) is not found; in "A 而不是 B" only B is negated. A bare list of terms (no clause that
states anything) covers no point more than partly.

A point is `covered` when every concept is found, `partly` when some are, `missing` when none are. The
marking only knows which words matched: the candidate confirms or corrects it (`corrections`), and the
confirmed marks give the FSRS rating (`rating`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rnnquiz.bank.schema import Explain, RubricPoint

STATUSES = ("covered", "partly", "missing", "contradicted")
KEYS = {"c": "covered", "p": "partly", "m": "missing", "x": "contradicted"}  # one key per point when correcting the marking
RIGHT_AT = 3  # a rating of 3 (Good) or 4 (Easy) counts as a right answer for follow-ups

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_SPACE_BY_CJK = re.compile(rf"\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|[。！？；;\n]+")
_CLAUSE = re.compile(r"[,，、:：()（）]|\b(?:but|however|although|whereas|while|because|so|since)\b|但是|但|然而|而是|因为|所以")
_NEG_EN = re.compile(
    r"\b(?:not|no|never|nothing|without|neither|nor|cannot|hardly|unable|fails?\s+to|won't|can't|doesn't|don't|"
    r"isn't|aren't|wasn't|didn't)\b|n't\b"
)
_NEG_ZH = re.compile(r"(?:并不|并非|不会|不能|不是|无法|没有|难以|不再|未能|不|没|无|未|非|别)")
_NOT_NEG_ZH = ("不断", "不同", "不仅", "不管", "不少", "不停", "不久", "不得不", "无论", "非线性", "非常", "无数", "不变量",
               # words that state a fact, not negate one: 方向不变 (kept), 不一样 (differ), 不等长 (unequal length),
               # 不超过 1 (at most 1) — review 15-E
               "不变", "不一样", "不相同", "不一致", "不等长", "不定长", "不超过", "不大于", "不高于",
               "未来", "不一")  # 未来 is the future, 长短不一 uneven lengths (review 127)
_NOT_NEG_ZH_END = ("识别", "区别", "类别", "分别", "特别", "个别", "差别", "级别", "告别", "并非线性", "任意非")
_WINDOW_EN = 4  # words before a match in which a negation negates it
_WINDOW_ZH = 6  # characters
_AFTER_EN = 3  # words after a match in its clause in which a negation negates it ("get no gradient")
_AFTER_ZH = 8  # characters ("拿不到梯度", "学不会")
# In Chinese "A 而不是 B" / "A，不是 B" affirms A and negates B: a negation after a match stops being
# looked for at the contrast ("输入真实的词而不是自己的预测", "缓解而不是消除").
_CONTRAST_ZH = re.compile(r"而|不是|并非|而非")
# "concatenated rather than summed": what follows `rather than` / `instead of` is denied, what precedes it is not
# (so these are not in _NEG_EN, whose window also looks after a match)
_DENIES = re.compile(r"\b(?:rather\s+than|instead\s+of)\b")
_DENIES_NEXT = re.compile(_DENIES.pattern + r"(?:\s+being)?\s*$")  # right before a match
# Names that contain a concept word: "forget gate" is a gate's name, not evidence of "forget".
_NAMES = re.compile(r"(?:forget|input|output|update|reset)[\s\-]+gates?|(?:遗忘|输入|输出|更新|重置)门")
# Number words for digits written inside an option ("close to 1" matches "close to one", "小于一").
_NUMBER_WORDS = {"1": ("one", "一"), "0": ("zero", "零")}
_MAX_OCCURRENCES = 6  # per part of a pattern and sentence
_MAX_COMBINATIONS = 64


def normalize(text: str) -> str:
    """NFKC, case-folded, one space between words, no spaces next to Chinese characters."""
    s = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("‘", "'")
    s = re.sub(r"\s+", " ", s)
    return _SPACE_BY_CJK.sub("", s).strip()


@dataclass(frozen=True)
class Mark:
    """How one key point was marked: its status, the words of the answer that matched, and words that
    matched only in a negated clause (shown so that the candidate sees why a point is missing)."""

    point: RubricPoint
    status: str
    matched: tuple[str, ...] = ()
    negated: tuple[str, ...] = ()
    contradicted: tuple[str, ...] = ()  # words of the answer that state a known wrong version of the point
    found: int = 0  # concepts found
    total: int = 0  # concepts in the point

    @property
    def required(self) -> bool:
        return self.point.required


# --- building matchers ---------------------------------------------------------------------------------


def _word_pattern(option: str) -> str:
    """A regex for one normalized option: Latin words at word starts (long ones may take a suffix)."""
    out = []
    found = list(re.finditer(rf"[a-z]+|[0-9]+(?:\.[0-9]+)?|[{_CJK}]+|\S", option))
    tokens = [m.group(0) for m in found]
    for i, tok in enumerate(tokens):
        if i:
            prev = tokens[i - 1]
            # words written apart need a space or hyphen between them; written together ("seq2seq") not
            written_apart = found[i - 1].end() < found[i].start()
            latin_gap = written_apart and re.fullmatch(r"[a-z0-9.]+", prev) and re.fullmatch(r"[a-z0-9.]+", tok)
            # no hyphen before a number: `σ(1)` is not in `σ(-1)`
            out.append(r"[\s\-]+" if latin_gap else r"\s*" if re.fullmatch(r"[0-9.]+", tok) else r"[\s\-]*")
        if re.fullmatch(r"[a-z]+", tok):
            start = r"(?<![a-z])" if i == 0 or not re.fullmatch(r"[a-z0-9]", tokens[i - 1][-1]) else ""
            if len(tok) == 1 and start:
                start = r"(?<![a-z0-9])"  # a symbol: `h inputs` is not in `2h inputs` (review 126)
            # `can`, `does` are not in `can't`, `doesn't`: the negation would be lost (review 127)
            nt = "" if i + 1 < len(tokens) and tokens[i + 1] == "'" else r"(?!n?'t\b)"  # (`can't` itself may be an option)
            if len(tok) >= 4:
                out.append(start + re.escape(tok) + r"[a-z]{0,6}" + nt)
            elif len(tok) >= 2:
                out.append(start + re.escape(tok) + r"s?(?![a-z])" + nt)
            else:
                out.append(start + re.escape(tok) + r"(?![a-z])")
        elif re.fullmatch(r"[0-9.]+", tok):
            words = _NUMBER_WORDS.get(tok, ()) if i else ()
            alts = "|".join([re.escape(tok), *(rf"{w}(?![a-z])" if w.isascii() else w for w in words)])
            # a whole number: `σ(x) = 0` is not in `σ(x) = 0.5`, nor `σ(x) = 1` in `σ(x) = 1/2` (review 125)
            frac = "" if i + 1 < len(tokens) and tokens[i + 1] == "/" else r"(?!\s*/\s*[0-9])"
            out.append(r"(?<![0-9.])(?:" + alts + r")(?![0-9]|\.[0-9])" + frac)
        else:
            out.append(re.escape(tok))
    return "".join(out)


_FORMS_MEMO: dict[int, tuple[Sequence[dict], dict[str, tuple[str, ...]]]] = {}


def _glossary_forms(glossary: Sequence[dict]) -> dict[str, tuple[str, ...]]:
    """The forms of each glossary term, built once per glossary object (marking one answer reused to
    rebuild them, and every alternative, on each call)."""
    memo = _FORMS_MEMO.get(id(glossary))
    if memo is not None and memo[0] is glossary:
        return memo[1]
    forms = _build_forms(glossary)
    if len(_FORMS_MEMO) > 8:
        _FORMS_MEMO.clear()
    _FORMS_MEMO[id(glossary)] = (glossary, forms)
    return forms


def _build_forms(glossary: Sequence[dict]) -> dict[str, tuple[str, ...]]:
    forms: dict[str, tuple[str, ...]] = {}
    for term in glossary:
        variants = term.get("variants") or {}
        every = [term.get("en"), term.get("zh"), *(variants.get("en") or []), *(variants.get("zh") or [])]
        group = tuple(dict.fromkeys(normalize(f) for f in every if f))
        for f in group:
            forms.setdefault(f, group)
    return forms


@lru_cache(maxsize=4096)
def _compiled(option: str) -> re.Pattern[str]:
    return re.compile(_word_pattern(option))


def _is_negative(option: str) -> bool:
    return bool(_NEG_EN.search(option) or _negation_at(option, 0, len(option)) is not None)


@dataclass(frozen=True)
class _Alternative:
    text: str  # as written in the bank
    parts: tuple[tuple[re.Pattern[str], ...], ...]
    negative: bool  # the alternative itself says "not …": no negation check
    negs: tuple[tuple[bool, ...], ...] = ()  # per option of each part: that option itself says "not …"
    must_negate: bool = False  # written `!…`: counts only where negated
    ordered: bool = False  # the parts must occur in the written order (contradictions: "gru ~ 1997")


_ALT_MEMO: dict[tuple[str, bool, int], tuple[dict, _Alternative]] = {}


def _alternative(text: str, forms: dict[str, tuple[str, ...]], ordered: bool = False) -> _Alternative:
    key = (text, ordered, id(forms))
    memo = _ALT_MEMO.get(key)
    if memo is not None and memo[0] is forms:
        return memo[1]
    alt = _build_alternative(text, forms, ordered)
    if len(_ALT_MEMO) > 20000:
        _ALT_MEMO.clear()
    _ALT_MEMO[key] = (forms, alt)
    return alt


def _build_alternative(text: str, forms: dict[str, tuple[str, ...]], ordered: bool = False) -> _Alternative:
    parts, negs = [], []
    negative = False
    must_negate = text.lstrip().startswith("!")
    for part in text.lstrip().lstrip("!").split("~"):
        options: dict[str, bool] = {}
        for o in part.split("|"):
            o = normalize(o)
            for f in forms.get(o, (o,)):
                options[f] = options.get(f, False) or _is_negative(o)
            negative = negative or _is_negative(o)
        parts.append(tuple(_compiled(o) for o in options))
        negs.append(tuple(options.values()))
    # negativity is the matched option's own: `no longer vanish|summary` does not stop "is not a summary" from
    # being read as negated (review 18, helper-120)
    return _Alternative(text, tuple(parts), negative and not must_negate, tuple(negs), must_negate, ordered)


# --- negation ---------------------------------------------------------------------------------------------


def _negation_at(s: str, start: int, end: int) -> str | None:
    """A Chinese negation cue in s[start:end] that is not the start of a non-negating word."""
    for m in _NEG_ZH.finditer(s, start, end):
        if not any(s.startswith(w, m.start()) for w in _NOT_NEG_ZH) and not any(
            s.endswith(w, 0, m.end()) for w in _NOT_NEG_ZH_END
        ):
            return m.group(0)
    return None


def _negated(sentence: str, spans: list[tuple[int, int]]) -> bool:
    """Whether a negation governs the matched spans: in the clause before the first one (a few words),
    or between them."""
    first = min(a for a, _ in spans)
    last = max(b for _, b in spans)
    clause_start = 0
    for m in _CLAUSE.finditer(sentence, 0, first):
        clause_start = m.end()
    before = sentence[clause_start:first]
    words = before.split()
    if _NEG_EN.search(" ".join(words[-_WINDOW_EN:]) + " ") or _DENIES_NEXT.search(before):
        return True  # `concatenated rather than summed`: what follows `rather than` is denied
    zh_from = max(clause_start, first - _WINDOW_ZH)
    if _negation_at(sentence, zh_from, first) is not None:
        return True
    end = _CLAUSE.search(sentence, last)
    after = sentence[last:end.start() if end else len(sentence)]
    if re.match(r"[a-z]", after.lstrip()[:1] or " ") or not after.strip():
        # a negation after "and"/"or" belongs to the next conjunct: "reset and update gates and no cell"
        en_after = re.split(r"\b(?:and|or)\b", after, maxsplit=1)[0]
        # "can be used for language modelling without any problem": a `without` after the match qualifies it
        if _NEG_EN.search(re.sub(r"\bwithout\b", " ", " ".join(en_after.split()[:_AFTER_EN])) + " "):
            return True
    contrast = _CONTRAST_ZH.search(after, 0, _AFTER_ZH)
    zh_after = min(len(after), _AFTER_ZH, contrast.start() if contrast else _AFTER_ZH)
    if _negation_at(after, 0, zh_after) is not None and re.search(rf"[{_CJK}]", after[:_AFTER_ZH]):
        return True
    between = list(sentence[first:last])
    for a, b in spans:  # blank out the matched parts themselves
        for i in range(a - first, b - first):
            between[i] = " "
    gap = "".join(between)
    return bool(_NEG_EN.search(gap) or _negation_at(gap, 0, len(gap)) is not None
                or _DENIES.search(gap))


# --- marking ---------------------------------------------------------------------------------------------


def _inside_name(sentence: str, a: int, b: int) -> bool:
    """Whether s[a:b] lies strictly inside a gate's name ("forget" in "forget gate")."""
    return any(m.start() <= a and b <= m.end() and b - a < m.end() - m.start() for m in _NAMES.finditer(sentence))


def _tail_of_word(sentence: str, a: int) -> bool:
    """Whether a Chinese match starting at a is the tail of a word that starts with 不/无/非 ("等长" in
    不等长, "线性" in 非线性): the word says the opposite of the match."""
    return a > 0 and sentence[a - 1] in "不无非" and any(sentence.startswith(w, a - 1) for w in _NOT_NEG_ZH)


def _find(alt: _Alternative, sentences: list[str]) -> tuple[str | None, str | None]:
    """(the matched words, or None; the negated words, or None) for one alternative. Every occurrence
    is tried ("long sequences … cannot learn long-range" has a negated one after a plain one)."""
    negated_words = None
    for sentence in sentences:
        per_part = []
        for options, negs in zip(alt.parts, alt.negs, strict=True):
            found = sorted({(m.start(), m.end(), neg) for rx, neg in zip(options, negs, strict=True) for m in rx.finditer(sentence)
                            if m.end() > m.start() and not _inside_name(sentence, m.start(), m.end())
                            and not _tail_of_word(sentence, m.start())})
            if not found:
                break
            per_part.append(found[:_MAX_OCCURRENCES])
        else:
            for found_spans in itertools.islice(itertools.product(*per_part), _MAX_COMBINATIONS):
                if alt.ordered and any(found_spans[i][1] > found_spans[i + 1][0] for i in range(len(found_spans) - 1)):
                    continue
                spans = [(a, _word_end(sentence, b)) for a, b, _ in found_spans]
                self_negative = any(neg for _, _, neg in found_spans) and not alt.must_negate
                negated = _negated(sentence, spans)
                if alt.must_negate and negated:
                    a = min(x for x, _ in spans)
                    return sentence[_word_start(sentence, max(0, a - 24)):max(b for _, b in spans)].strip(), None
                if not alt.must_negate and (self_negative or not negated):
                    return " … ".join(sentence[a:b] for a, b in sorted(spans)), None
                if not alt.must_negate and negated_words is None:
                    a = min(x for x, _ in spans)
                    negated_words = sentence[_word_start(sentence, max(0, a - 24)):max(b for _, b in spans)].strip()
    return None, negated_words


def _word_start(s: str, start: int) -> int:
    """An excerpt starts at a word: a cut inside a Latin word ("anilla rnns") moves to its start."""
    while 0 < start < len(s) and s[start - 1].isascii() and s[start - 1].isalpha() and s[start].isascii() and s[start].isalpha():
        start -= 1
    return start


def _word_end(s: str, end: int) -> int:
    """Show whole words: a match that stopped inside a Latin word ("multiplicatio") runs to its end."""
    while end < len(s) and end and s[end - 1].isascii() and s[end - 1].isalpha() and s[end].isascii() and s[end].isalpha():
        end += 1
    return end


def sentences_of(answer: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENTENCE.split(normalize(answer))) if s]


_AND = re.compile(r"\b(?:and|whereas|while|unlike)\b|而|以及")
# A clause that reports or refutes a statement does not make it: "the text calls the LSTM an extension".
_REFUTE = re.compile(r"\b(?:wrong|incorrect|false|myth|mistake|misconception|says|claims?|calls|called)\b|错|不对")


def clauses_of(sentences: Sequence[str], topic: str = "") -> list[str]:
    """The clauses in which a contradiction is looked for: split at commas, at words like "but",
    "because", "所以", and at "and"/"而" (roles: "the forget gate keeps … and the input gate writes …");
    clauses that report or refute a statement ("… is wrong", "the text calls …") are left out.
    A clause that has lost its subject to the split is also given it (review 133): `it` / `它` is the sentence's
    subject (`sigmoid is used because it is zero-centred`), or the question's `topic` in the first sentence (`it
    controls …` answering what the output gate does); a clause after `and` with no verb of its own is the
    subject's (`the GRU has three gates and a separate memory cell`). A number interval is not split at its comma."""
    out = []
    for k, s in enumerate(sentences):
        # a relative clause says its statement of what it follows: "layer norm, which normalises across the
        # batch" is one clause (review 15-E)
        s = re.sub(r"[,，]\s*(?=which\b)", " ", s)
        s = _INTERVAL.sub(lambda m: m[0].replace("(", "\x01").replace(")", "\x02").replace("[", "\x03").replace("]", "\x04")
                          .replace(",", "\x05").replace("，", "\x05"), s)
        en, _, zh = topic.partition("|")
        subject = _subject_of(s) or ((zh if re.search(rf"[{_CJK}]", s) else en) if k == 0 else "")
        first = True
        for c in _CLAUSE.split(s):
            pieces = _AND.split(c or "")
            for j, part in enumerate(pieces):
                part = _restore(part.strip())
                if not part or _REFUTE.search(part):
                    continue
                out.append(part)
                if subject and (m := _PRONOUN.match(part)) and not part.startswith(subject):
                    out.append(subject + " " + part[m.end():].lstrip())
                elif subject and j and not first and not _HAS_VERB.search(part) and len(part.split()) <= 5 \
                        and not re.search(r"\b[a-z]{3,}ed\b", part):  # a noun phrase: `and a separate memory cell`
                    out.append(subject + " " + part)
                first = False
    return out


_INTERVAL = re.compile(r"[(\[]\s*[-−]?\d+(?:\.\d+)?\s*[,，]\s*[-−]?\d+(?:\.\d+)?\s*[)\]]")
_PRONOUN = re.compile(r"^(?:it|this|they|它|这)(?=\s|'s|[\u3400-\u9fff])\s*")
_HAS_VERB = re.compile(
    r"\b(?:is|are|was|were|be|has|have|had|can|could|will|would|does|do|did|uses?|keeps?|writes?|reads?|scales?|controls?|"
    r"decides?|makes?|gets?|lets?|becomes?|causes?|needs?|takes?|goes|flows?|passes|sees?|outputs?|ranges?|stores?|"
    r"holds?|carries|carry|adds?|multiplies|gives?|came|comes?|appeared|works?|runs?|computes?|learns?|forgets?|helps?|"
    r"prevents?|avoids?|solves?|fixes|vanish(?:es)?|explodes?|grows?|shrinks?)\b|是|有|会|能|让|使|用|控制|决定|保存|输出|写入|读")
_SUBJECT_EN = re.compile(r"^(?P<s>(?:the\s+|an?\s+)?[a-z0-9_'\-~]+(?:\s+[a-z0-9_'\-~]+){0,3}?)\s+(?=(?:is|are|was|were|has|have|uses?|"
                         r"keeps?|writes?|reads?|scales?|controls?|decides?|makes?|outputs?|stores?|holds?|ranges?)\b)")
_SUBJECT_ZH = re.compile(r"^(?P<s>[\u3400-\u9fff_a-z0-9~]{1,8}?)(?=是|有|会|能|让|使|用|控制|决定|保存|输出|写入|在)")


def _subject_of(sentence: str) -> str:
    """The noun phrase a sentence starts with, before its first verb ("" for a pronoun or none found)."""
    m = _SUBJECT_EN.match(sentence) or _SUBJECT_ZH.match(sentence)
    return "" if not m or _PRONOUN.match(m["s"] + " ") else m["s"]


def _restore(text: str) -> str:
    return text.replace("\x01", "(").replace("\x02", ")").replace("\x03", "[").replace("\x04", "]").replace("\x05", ",")


def contradictions(point: RubricPoint, clauses: list[str], forms: dict[str, tuple[str, ...]]) -> list[str]:
    """The answer's words that state one of the point's known wrong statements, each within one clause
    and not negated ("the GRU came first", "GRU ~ 1997")."""
    out = []
    for text in point.contradicts:
        words, _ = _find(_alternative(text, forms, ordered=True), clauses)
        if words is not None and words not in out:
            out.append(words)
    return out


def mark_point(point: RubricPoint, sentences: list[str], forms: dict[str, tuple[str, ...]],
               clauses: list[str] | None = None) -> Mark:
    wrong = contradictions(point, clauses if clauses is not None else clauses_of(sentences), forms)
    matched: list[str] = []
    negated: list[str] = []
    found = 0
    for concept in point.concepts:
        hit_words = None
        for text in concept:
            words, neg = _find(_alternative(text, forms), sentences)
            if words is not None:
                hit_words = words
                break
            if neg is not None and neg not in negated:
                negated.append(neg)
        if hit_words is not None:
            found += 1
            if hit_words not in matched:
                matched.append(hit_words)
    total = len(point.concepts)
    status = "covered" if found == total else ("partly" if found else "missing")
    if wrong:
        status = "contradicted"
    return Mark(point, status, tuple(matched), tuple(negated) if status != "covered" else (), tuple(wrong), found, total)


_ITEM = re.compile(r"[,，、;；。!?！？\n]+|(?<=[^0-9])\.|\.(?=\s|$)|\b(?:and|or)\b|和|以及")
# Words that make an item of a list a statement: a verb, a link or a mapping ("1:n captioning", "x → y").
_STATES = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|can|could|will|would|should|must|may|might|do|does|did|"
    r"makes?|gets?|uses?|means?|gives?|keeps?|lets?|becomes?|causes?|needs?|takes?|goes|flows?|passes|sees?|"
    r"which|that|so|because|if|when|then|it|they|this|we|you)\b|[:=→>⇒]|->|"
    r"是|(?<!固)有(?!界)|会|能|可以|让|使|把|被|导致|用|就|要|需要|因为|所以|如果|(?<![每一])时(?!间|刻|序)"
)  # 时间步, 时刻, 有界 are nouns, not verbs: a list of them states nothing (review 127)
_LIST_ITEM_WORDS = 4  # an item of a bare list has at most this many words (Chinese: twice as many characters)


def is_keyword_list(answer: str) -> bool:
    """Whether the answer is a bare list of terms ("hidden state, h_{t-1}, x_t, W_hh, tanh, fixed size."):
    three or more short items, none of which states anything (no verb, link or mapping)."""
    items = [i.strip() for i in _ITEM.split(normalize(answer)) if i and i.strip()]
    if len(items) == 1 and not answer.strip().endswith((".", "。", "!", "?")) and len(re.findall(r"[a-z][a-z0-9_\-']*", items[0])) >= 4 and not re.search(rf"[{_CJK}]", items[0]) \
            and not _STATES.search(items[0]) and not re.search(r"\b(?:the|a|an|of|to|is|are|be|and|so|because|it|its|that|"
                                                             r"which|with|by|in|on|from|for|as|at)\b", items[0]):
        return True  # "forward backward concat future": terms separated by spaces only (review 18, helper-122)
    if len(items) < 3:
        return False
    for item in items:
        words = re.findall(rf"[a-z0-9_{{}}()\-']+|[{_CJK}]", item)
        latin = sum(1 for w in words if not re.fullmatch(rf"[{_CJK}]", w))
        if latin + (len(words) - latin) / 2 > _LIST_ITEM_WORDS or _STATES.search(item):
            return False
    return True


_TOPIC = re.compile(r"\b(?:the\s+)?(?:forget|input|output|update|reset)\s+gate\b|(?:遗忘|输入|输出|更新|重置)门")


def _topic_of(question: Explain) -> str:
    """The one gate a question asks about (`What does the output gate do?`): what an answer's opening `it` is."""
    found = {normalize(m[0]).removeprefix("the ") for lang in question.prompt.langs() for m in _TOPIC.finditer(normalize(question.prompt.get(lang)))}
    en, zh = [f for f in found if f.isascii()], [f for f in found if not f.isascii()]
    return (en[0] if len(en) == 1 else "") + "|" + (zh[0] if len(zh) == 1 else "")


def mark(question: Explain, answer: str, glossary: Sequence[dict] = ()) -> list[Mark]:
    """Mark each key point of `question` against the candidate's `answer` (any language, mixed allowed).
    A bare list of terms states nothing: a point its words would cover is only `partly` there (review
    15-E: name-dropping the rubric's words was rated Good or Easy); the candidate may still correct it."""
    forms = _glossary_forms(glossary)
    sentences = sentences_of(answer)
    clauses = clauses_of(sentences, _topic_of(question))
    marks = [mark_point(p, sentences, forms, clauses) for p in question.rubric]
    if is_keyword_list(answer):
        marks = [replace(m, status="partly") if m.status == "covered" else m for m in marks]
    return marks


# --- confirming and rating -------------------------------------------------------------------------------


def corrections(line: str, marks: Sequence[Mark]) -> list[str] | None:
    """The statuses after the candidate's correction line: empty (or `y`/`ok`/`好`) keeps the marking;
    otherwise one key per point, `c` covered, `p` partly, `m` missing, `.` unchanged (spaces ignored).
    None when the line cannot be read that way."""
    s = unicodedata.normalize("NFKC", line).casefold().strip()
    keep = [m.status for m in marks]
    if s in ("", "y", "yes", "ok", "好", "对", "是"):
        return keep
    keys = [ch for ch in s if not ch.isspace() and ch not in ",，"]
    if len(keys) != len(marks) or any(k not in KEYS and k != "." for k in keys):
        return None
    return [keep[i] if k == "." else KEYS[k] for i, k in enumerate(keys)]


def rating(statuses: Sequence[str], required: Sequence[bool]) -> int:
    """The FSRS rating (1 Again, 2 Hard, 3 Good, 4 Easy) from the confirmed marks: a required point
    missing or contradicted → 1; a required point only partly there, or any point contradicted → 2; every
    required point covered → 3; every point covered, the nice-to-have ones too → 4."""
    if len(statuses) != len(required):
        raise ValueError("one status per key point")
    req = [s for s, r in zip(statuses, required, strict=True) if r]
    if any(s in ("missing", "contradicted") for s in req):
        return 1
    if "contradicted" in statuses:
        return 2
    if any(s == "partly" for s in req):
        return 2
    if all(s == "covered" for s in statuses):
        return 4
    return 3


__all__ = ["KEYS", "RIGHT_AT", "STATUSES", "Mark", "corrections", "mark", "clauses_of", "contradictions", "is_keyword_list", "normalize", "rating", "sentences_of"]
