"""Safe YAML: plain data only, with the source position of every value.

The file is *composed* (parsed to a node graph, with libyaml's C parser when present), never constructed
by PyYAML, then walked here. The walk accepts only the standard scalar, sequence and mapping tags, so
``!!python/object`` and friends never name code; it rejects aliases, so a "billion laughs" document costs
its size and no more; and it stops at a node budget. Every mapping and sequence remembers where each of
its items starts, for ``file:line:column`` messages.

It also bounds what plain data may be: nesting depth (MAX_DEPTH), numbers (integers of at most 18
digits, finite floats; a tag such as ``!!int abc`` that does not construct is an error, not a crash), and
text (no control characters or bidi overrides, rnnquiz/textsafe.py: bank text is printed to terminals).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rnnquiz.textsafe import blank_raw_unsafe, describe, find_raw_unsafe, find_unsafe

if TYPE_CHECKING:
    import yaml

_Loader: Any = None
_constructor: Any = None


def _import_yaml() -> None:
    """PyYAML on first parse, not at import: a quiz from the cached catalog never parses, and importing
    yaml costs 20–50 ms here (yaml.reader compiles a large Unicode regex)."""
    global yaml, _Loader, _constructor
    if _constructor is not None:
        return
    import yaml

    try:  # libyaml is ~7x faster on our banks (0.10 s vs 0.72 s for 150 bilingual questions)
        from yaml import CSafeLoader as loader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader as loader  # type: ignore[assignment]
    _Loader = loader
    _constructor = yaml.constructor.SafeConstructor()

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 64  # a bank needs about 8 levels; the walk and _plain recurse once per level
MAX_INT = 10**18  # 18 digits: every count, parameter and answer fits, and SQLite's INTEGER too

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based


class YamlProblem(Exception):
    """A document that is not safe, plain YAML; carries the position of the offending node."""

    def __init__(self, message: str, pos: Pos | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos
        self.field = field  # the field it is in, named as the bank checker names it (q1.choices[2].text); None: the file


class LocDict(dict):
    """A dict that knows where it and each of its values start."""

    pos: Pos
    key_pos: dict[str, Pos]


class LocList(list):
    """A list that knows where it and each of its items start."""

    pos: Pos
    item_pos: list[Pos]


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


def parse(data: bytes) -> Any:
    """Parse YAML (or JSON) bytes into LocDict / LocList / scalars. Raises YamlProblem."""
    if len(data) > MAX_BYTES:
        raise YamlProblem(f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,} (2 MiB)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise YamlProblem(f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})", Pos(line, 1)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.lstrip()[:1] in ("{", "[") and "\\u" in text:
        text = _join_surrogate_pairs(text)
    raw = find_raw_unsafe(text)
    if raw is not None:  # PyYAML would report it at 1:1 in two lines; say where it is
        start = raw.start()
        line = text.count("\n", 0, start) + 1
        raise YamlProblem(
            f"{describe(raw.group())} is not allowed in a bank file (control, invisible and bidi characters are unsafe on terminals)",
            Pos(line, start - text.rfind("\n", 0, start)), _raw_field(text, start),
        )
    _import_yaml()
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(mark.line + 1, mark.column + 1) if mark else None
        said = ", ".join(part for part in (exc.context, exc.problem) if part) or "unreadable"
        raise YamlProblem("YAML syntax error: " + " ".join(said.split()), pos) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("YAML error: " + " ".join(str(exc).split())) from None
    except RecursionError:  # the pure-Python composer (no libyaml) on a deeply nested file
        raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", Pos(1, 1)) from None
    if root is None:
        raise YamlProblem("file is empty", Pos(1, 1))
    walker = _Walker()
    try:
        value = walker.walk(root)
    except YamlProblem as exc:
        if exc.field is None and walker.node is not None:
            exc.field = field_at(root, walker.node.start_mark.index)
        raise
    if value is None:
        raise YamlProblem("file is empty (its only document is null)", _pos(root))
    return value


# json.dumps writes characters beyond U+FFFF as surrogate-pair escapes ("\ud83e\udde0"), which libyaml
# refuses; in a JSON document every such escape sits in a double-quoted string, so it can be joined first.
# (An escaped backslash before it, "\\ud83e", is literal text: an odd number of backslashes is required.)
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")


def _join_surrogate_pairs(text: str) -> str:
    def joined(m: re.Match[str]) -> str:
        high, low = int(m.group(2), 16) - 0xD800, int(m.group(3), 16) - 0xDC00
        return m.group(1) + chr(0x10000 + (high << 10) + low)

    return _SURROGATE_PAIR.sub(joined, text)


def _raw_field(text: str, index: int) -> str | None:
    """The field holding character `index` of a text refused before parsing (a raw unsafe character):
    the text is composed with every unsafe character blanked (same length, so the index still points at
    it). None when even that is no YAML."""
    blanked = blank_raw_unsafe(text)
    _import_yaml()
    try:
        root = yaml.compose(blanked, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return None
    return field_at(root, index) if root is not None else None


def field_at(root: yaml.Node, index: int) -> str | None:
    """The field name (as the bank checker writes it: `q1.prompt.en`, `q1.choices[2].text`, `title`) of the
    innermost node holding character `index`; None outside every value (a comment, the top level)."""
    path = _find(root, index, [], set())
    if not path:
        return None
    out = ""
    for n, part in enumerate(path):
        if isinstance(part, tuple):  # a list item: (index, the id of a question mapping)
            i, label = part
            if label and path[:n] == ["questions"]:
                out = label
            else:
                out += f"[{i}]"
        else:
            out += ("." if out else "") + part
    return out or None


def _find(node: yaml.Node, index: int, path: list, seen: set[int]) -> list | None:
    if id(node) in seen or not node.start_mark.index <= index < max(node.end_mark.index, node.start_mark.index + 1):
        return None
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            label = None
            if isinstance(item, yaml.MappingNode):
                label = next((v.value for k, v in item.value if isinstance(k, yaml.ScalarNode) and k.value == "id"
                              and isinstance(v, yaml.ScalarNode) and v.value), None)
            found = _find(item, index, [*path, (i, label)], seen)
            if found is not None:
                return found
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = str(k.value)[:40] if isinstance(k, yaml.ScalarNode) else "?"
            for part in (k, v):
                found = _find(part, index, [*path, key], seen)
                if found is not None:
                    return found
    return path


class _Walker:
    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.count = 0
        self.depth = 0
        self.node: yaml.Node | None = None  # the node being walked (where a problem is)

    def walk(self, node: yaml.Node) -> Any:
        self.node = node
        if isinstance(node, yaml.ScalarNode):
            return self._walk(node)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise YamlProblem(f"nested more than {MAX_DEPTH} levels deep", _pos(node))
        try:
            return self._walk(node)
        finally:
            self.depth -= 1

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """A plain scalar: text free of unsafe characters, a bounded number, a bool or null."""
        if node.tag == _STR:
            bad = find_unsafe(node.value)
            if bad is not None:
                raise YamlProblem(
                    f"text holds {describe(bad.group())}: control, invisible and bidi characters are not allowed in banks",
                    _pos(node),
                )
            return node.value
        if node.tag in (_INT, _FLOAT) and len(node.value) > 64:
            raise YamlProblem(f"number {node.value[:20]}… is too long ({len(node.value)} characters)", _pos(node))
        try:
            value = _constructor.construct_object(node)
        except Exception:  # !!int abc, !!bool maybe, !!int "": PyYAML raises whatever its parser met  # noqa: BLE001
            short = node.tag.rpartition(":")[2]
            raise YamlProblem(f"{node.value[:40]!r} is not a valid !!{short}", _pos(node)) from None
        if isinstance(value, int) and not isinstance(value, bool) and not -MAX_INT < value < MAX_INT:
            raise YamlProblem(f"integer {node.value[:30]} has more than 18 digits", _pos(node))
        if isinstance(value, float) and not math.isfinite(value):
            raise YamlProblem(f"number {node.value!r} is not finite (inf and nan are not allowed)", _pos(node))
        return value

    def _walk(self, node: yaml.Node) -> Any:
        # An alias is the same node object met twice: reject it instead of re-walking it.
        if id(node) in self.seen:
            raise YamlProblem("YAML aliases/anchors are not allowed in banks", _pos(node))
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlProblem(f"more than {MAX_NODES:,} YAML nodes", _pos(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise YamlProblem(f"YAML tag {node.tag!r} is not allowed (plain data only)", _pos(node))
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise YamlProblem(f"YAML tag {node.tag!r} is not allowed (plain data only)", _pos(node))
            out = LocList()
            out.pos = _pos(node)
            out.item_pos = []
            for item in node.value:
                out.item_pos.append(_pos(item))
                out.append(self.walk(item))
            return out
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                raise YamlProblem(f"YAML tag {node.tag!r} is not allowed (plain data only)", _pos(node))
            d = LocDict()
            d.pos = _pos(node)
            d.key_pos = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem("YAML merge keys (<<) are not allowed in banks", _pos(key_node))
                key = self.walk(key_node)
                if not isinstance(key, str | int | float | bool) or key is None:
                    raise YamlProblem("mapping keys must be plain scalars", _pos(key_node))
                key = str(key) if not isinstance(key, bool) else key
                if key in d:
                    raise YamlProblem(f"duplicate key {key!r}", _pos(key_node))
                d.key_pos[key] = _pos(value_node)
                d[key] = self.walk(value_node)
            return d
        raise YamlProblem(f"unexpected YAML node {type(node).__name__}", _pos(node))  # pragma: no cover
