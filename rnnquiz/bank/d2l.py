"""d2l references in both editions: the English "Dive into Deep Learning" and the Chinese 《动手学深度学习》 2.0
number their chapters differently (en §10.2 GRU is zh §9.1), so a bank ref names a section once and is shown
with both numbers, the reader's edition first. The table is content/d2l-sections.tsv (numbers and titles read
from both books' tables of contents).

Bank refs write `d2l §10.4` (English numbering), `d2l-zh §9.4.3` (a section only the Chinese edition has) or
both (`d2l §10.4 / d2l-zh §9.4`); anything after the number (a subsection, a note) is kept. `only` after the
number (`d2l-zh §8.5 only`, `d2l §9.1 only`) says the passage is in that edition's section and not in the
paired one (d2l-zh §8.5 calls state.detach_(), d2l §9.5 does not): it is shown in that edition alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rnnquiz.paths import content_dir

TABLE = "d2l-sections.tsv"
REF = re.compile(r"\bd2l(?P<zh>-zh)?\s*§\s*(?P<num>\d+(?:\.\d+)*)")


@dataclass(frozen=True)
class Section:
    en: str | None  # "10.4", None if the English edition has no such section
    en_title: str | None
    zh: str | None
    zh_title: str | None


@lru_cache(maxsize=4)
def table(path: Path | None = None) -> tuple[dict[str, Section], dict[str, Section]]:
    """(by English number, by Chinese number)."""
    by_en: dict[str, Section] = {}
    by_zh: dict[str, Section] = {}
    text = (path or content_dir() / TABLE).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for ln in lines[1:]:  # after the header row
        en, en_title, zh, zh_title, _source = ln.split("\t")
        s = Section(None if en == "-" else en, None if en_title == "-" else en_title,
                    None if zh == "-" else zh, None if zh_title == "-" else zh_title)
        if s.en:
            by_en[s.en] = s
        if s.zh:
            by_zh[s.zh] = s
    return by_en, by_zh


def lookup(num: str, zh: bool) -> tuple[Section | None, str]:
    """The section a number names (in the English or the Chinese numbering) and the subsection rest
    (".3" of "9.4.3")."""
    by_en, by_zh = table()
    parts = num.split(".")
    for k in range(len(parts), 0, -1):
        s = (by_zh if zh else by_en).get(".".join(parts[:k]))
        if s is not None:
            rest = ".".join(parts[k:])
            return s, ("." + rest if rest else "")
    return None, ""


def problems(ref: str) -> list[str]:
    """What is wrong with the d2l sections a ref names ([] when it has none or all resolve)."""
    out = []
    found = list(REF.finditer(ref))
    sections = []
    for m in found:
        s, _ = lookup(m["num"], bool(m["zh"]))
        if s is None:
            out.append(f"{m[0]}: no such section in content/{TABLE}")
        sections.append(s)
    if len(found) == 2 and None not in sections and sections[0] != sections[1] and not _paired(ref, found):
        out.append(f"{ref!r}: the two numbers name different sections")
    return out


def _paired(ref: str, found: list[re.Match[str]]) -> bool:
    """`d2l §9.3.2 = d2l-zh §8.4.4`: a passage the two editions keep in different sections (perplexity is in the
    English language-model section, in the Chinese RNN section), each edition's number given."""
    return len(found) == 2 and bool(found[0]["zh"]) != bool(found[1]["zh"]) \
        and ref[found[0].end():found[1].start()].strip() == "="


def show(ref: str, lang: str) -> str:
    """One ref as shown in `lang`: every d2l section with both editions' numbers, the reader's first."""
    found = list(REF.finditer(ref))
    if not found:
        return ref
    if _paired(ref, found):
        en, zh = (found[1], found[0]) if found[0]["zh"] else (found[0], found[1])
        first, second = (zh, en) if lang == "zh" else (en, zh)
        return ref[: found[0].start()] + f"{first[0]} / {second[0]}" + ref[found[1].end():]
    m = found[0]
    s, rest = lookup(m["num"], bool(m["zh"]))
    if s is None:
        return ref
    tail = ref[found[-1].end():]
    only = re.match(r"\s+only\b", tail)
    if only and len(found) == 1:  # the passage is in this edition only
        text = f"{'d2l-zh' if m['zh'] else 'd2l'} §{m['num']}"
        if lang == "zh" and not m["zh"]:
            text += "（仅英文版有此内容）"
        elif lang != "zh" and m["zh"]:
            text += " (Chinese edition only)"
        return ref[: m.start()] + text + tail[only.end():]
    if not m["zh"] and len(found) == 1 and rest:
        rest_zh = ""  # an English subsection number says nothing about the Chinese one
    else:
        rest_zh = rest if m["zh"] else ""
    rest_en = rest if not m["zh"] else ""
    en = f"d2l §{s.en}{rest_en}" if s.en else None
    zh = f"d2l-zh §{s.zh}{rest_zh}" if s.zh else None
    if lang == "zh":
        text = " / ".join(x for x in (zh, en) if x)
        if not en:
            text += "（英文版无此节）"
    else:
        text = " / ".join(x for x in (en, zh) if x)
        if not zh:
            text += " (not in d2l-zh)"
    return ref[: m.start()] + text + tail


def show_refs(refs: tuple[str, ...] | list[str], lang: str) -> list[str]:
    """A question's refs as shown in `lang`."""
    return [show(r, lang) for r in refs]
