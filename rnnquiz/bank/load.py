"""YAML → bank objects, with every problem reported as ``file:line:column: field: message``.

`load_catalog` reads the bundled banks, then user banks (`--bank`, RNNQUIZ_BANKS, the `banks` setting),
and checks what spans files: duplicate ids, proof ids, claim ids, declared languages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rnnquiz.bank import generators
from rnnquiz.bank.files import UnreadableBank, bank_files, read_bank_bytes, safe_resolve
from rnnquiz.bank.schema import (
    CLASSES,
    FOLLOW_UP_AFTER,
    LANGS,
    TYPES,
    Bank,
    Choice,
    Claim,
    FollowUp,
    Generator,
    Question,
    RubricPoint,
    Text,
)
from rnnquiz.bank.yamlsafe import MAX_BYTES, LocDict, Pos, YamlProblem, parse
from rnnquiz.errors import BankError, UsageError

RUBRIC_MAX = 8  # key points of an explain question
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A blank may end in a brace of its own ({{c1::H_{t-1}}}): its closing }} is the last pair of a run.
CLOZE_BLANK = re.compile(r"\{\{(c\d+)::(.*?)(?:::(.*?))?\}\}(?!\})")

MAX_CHOICES = 26  # mcq and multi choices are answered by letter

COMMON_FIELDS = {
    "id", "type", "claims", "prompt", "explanation", "difficulty", "tags", "refs", "proof",
    "misconception", "fuzzy", "follow_up",
}  # fmt: skip
TYPE_FIELDS = {
    "flashcard": {"answer"},
    "mcq": {"choices"},
    "multi": {"choices"},
    "truefalse": {"answer"},
    "typein": {"accept", "reject", "answer", "notes"},
    "cloze": {"text", "accept"},
    "order": {"items"},
    "numeric": {"answer", "generator", "tolerance", "rel_tolerance", "notes"},
    "explain": {"answer", "rubric"},
}


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    level: str = "error"  # or "warning"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"


@dataclass
class Catalog:
    """Everything loaded: banks, questions by id, claims, glossary, and the problems found."""

    banks: list[Bank] = field(default_factory=list)
    questions: dict[str, Question] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    glossary: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)  # the first error of each user bank left out

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def blocking_errors(self) -> list[Problem]:
        """Errors that stop a study command: those of bundled banks (user banks with errors are skipped)."""
        left_out = {p.path for p in self.skipped}
        return [p for p in self.errors if p.path not in left_out]

    def skip_warning(self) -> str | None:
        """The one-line warning about user banks left out because of errors; None when none was."""
        if not self.skipped:
            return None
        n = len(self.skipped)
        more = f" (and {n - 1} more)" if n > 1 else ""
        return f"skipped {n} user bank{'s' if n > 1 else ''}: {self.skipped[0]}{more}; `rnnquiz validate` for details"

    def topics(self) -> list[str]:
        seen: dict[str, None] = {}
        for bank in self.banks:
            seen.setdefault(bank.topic, None)
        return list(seen)

    def get(self, qid: str) -> Question:
        try:
            return self.questions[qid]
        except KeyError:
            import difflib

            close = difflib.get_close_matches(qid, list(self.questions), n=3)
            hint = f" Did you mean: {', '.join(close)}?" if close else " See `rnnquiz list`."
            raise UsageError(f"No question with id {qid!r}.{hint}") from None

    def error_line(self) -> str | None:
        """The one-line message for the catalog's errors (the first, and how many more); None without any."""
        errors = self.blocking_errors()
        if not errors:
            return None
        more = f" (and {len(errors) - 1} more; run `rnnquiz validate`)" if len(errors) > 1 else ""
        return f"{errors[0]}{more}"

    def raise_on_errors(self) -> None:
        line = self.error_line()
        if line is not None:
            raise BankError(line)


# --- reading files --------------------------------------------------------------------------------


def read_yaml(path: Path, problems: list[Problem]) -> Any | None:
    """Parse one file; on failure append a problem and return None."""
    try:
        data = read_bank_bytes(path, MAX_BYTES)
    except UnreadableBank as exc:
        problems.append(Problem(str(path), 1, 1, "file", str(exc)))
        return None
    try:
        return parse(data)
    except YamlProblem as exc:
        pos = exc.pos or Pos(1, 1)
        problems.append(Problem(str(path), pos.line, pos.column, exc.field or "file", exc.message))
        return None


def load_claims(path: Path) -> dict[str, Claim]:
    problems: list[Problem] = []
    doc = read_yaml(path, problems)
    if doc is None:
        raise BankError(str(problems[0]))
    claims: dict[str, Claim] = {}
    for item in doc.get("claims", []):
        title = item["title"]
        claims[item["id"]] = Claim(
            id=item["id"],
            title=Text(title.get("en"), title.get("zh")),
            prove=bool(item.get("prove")),
            errata=bool(item.get("errata")),
            nuance=bool(item.get("nuance")),
        )
    return claims


def load_glossary(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    problems: list[Problem] = []
    doc = read_yaml(path, problems)
    if doc is None:
        raise BankError(str(problems[0]))
    return list(doc.get("terms", []) or [])


# --- building one bank ----------------------------------------------------------------------------


class _Checker:
    """Builds objects from one parsed file, collecting problems instead of stopping at the first."""

    def __init__(self, path: str, problems: list[Problem], known_claims: set[str], proof_ids: set[str]):
        self.path = path
        self.problems = problems
        self.known_claims = known_claims
        self.proof_ids = proof_ids
        self.languages: tuple[str, ...] = LANGS

    def err(self, pos: Pos | None, fieldname: str, message: str, level: str = "error") -> None:
        pos = pos or Pos(1, 1)
        self.problems.append(Problem(self.path, pos.line, pos.column, fieldname, message, level))

    @staticmethod
    def at(d: LocDict, key: str) -> Pos:
        return d.key_pos.get(key, d.pos) if isinstance(d, LocDict) else Pos(1, 1)

    def text(self, d: LocDict, key: str, fieldname: str, required: bool = True) -> Text | None:
        if key not in d:
            if required:
                self.err(d.pos, fieldname, "missing")
            return None
        value, pos = d[key], self.at(d, key)
        if isinstance(value, str) and len(self.languages) == 1:
            value = {self.languages[0]: value}
        if not isinstance(value, dict):
            self.err(pos, fieldname, f"must be a mapping of languages to text, like {{en: ..., zh: ...}}; got {_kind(value)}")
            return None
        out: dict[str, str] = {}
        for lang, s in value.items():
            lpos = self.at(value, lang)
            if lang not in LANGS:
                self.err(lpos, f"{fieldname}.{lang}", f"unknown language {lang!r} (use en, zh)")
            elif not isinstance(s, str) or not s.strip():
                self.err(lpos, f"{fieldname}.{lang}", f"must be non-empty text; got {_kind(s)}")
            else:
                out[lang] = s
        for lang in self.languages:
            if lang not in value:
                self.err(pos, f"{fieldname}.{lang}", f"missing: the bank declares languages {list(self.languages)}")
        return Text(out.get("en"), out.get("zh")) if out else None

    def str_list(self, d: LocDict, key: str, fieldname: str, slug: bool = False) -> tuple[str, ...]:
        if key not in d:
            return ()
        value = d[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.err(self.at(d, key), fieldname, f"must be a list of text; got {_kind(value)}")
            return ()
        if slug:
            for i, v in enumerate(value):
                if not SLUG.match(v):
                    self.err(value.item_pos[i], fieldname, f"{v!r} is not a slug ([a-z0-9-])")
        return tuple(value)

    # --- one question -------------------------------------------------------------------------------
    def question(self, q: Any, qpos: Pos, topic: str, namespace: str) -> Question | None:
        if not isinstance(q, LocDict):
            self.err(qpos, "questions[]", f"each question must be a mapping; got {_kind(q)}")
            return None
        qid = q.get("id")
        label = f"{qid}" if isinstance(qid, str) else "question"
        ok = True
        if not isinstance(qid, str) or not SLUG.match(qid):
            self.err(self.at(q, "id") if "id" in q else q.pos, f"{label}.id" if "id" in q else "id",
                     "missing" if "id" not in q else f"{qid!r} is not a slug ([a-z0-9] words joined by '-')")
            ok = False
        qtype = q.get("type")
        if qtype not in TYPES:
            self.err(self.at(q, "type") if "type" in q else q.pos, f"{label}.type",
                     "missing" if "type" not in q else f"unknown type {qtype!r}; known: {', '.join(TYPES)}")
            return None
        allowed = COMMON_FIELDS | TYPE_FIELDS[qtype]
        for key in q:
            if key not in allowed:
                self.err(self.at(q, key), f"{label}.{key}", f"unknown field for a {qtype} question; allowed: {', '.join(sorted(allowed))}")
        claims = q.get("claims")
        if not isinstance(claims, list) or not claims or not all(isinstance(c, str) for c in claims):
            self.err(self.at(q, "claims") if "claims" in q else q.pos, f"{label}.claims",
                     "missing" if "claims" not in q else "must be a non-empty list of claim ids (or [extra])")
            claims = []
            ok = False
        else:
            for i, c in enumerate(claims):
                if c != "extra" and c not in self.known_claims:
                    self.err(claims.item_pos[i], f"{label}.claims", f"unknown claim id {c!r}; known: {', '.join(sorted(self.known_claims))}, extra")
                    ok = False
        prompt = self.text(q, "prompt", f"{label}.prompt")
        explanation = self.text(q, "explanation", f"{label}.explanation")
        misconception = self.text(q, "misconception", f"{label}.misconception", required=False)
        difficulty = q.get("difficulty", 2)
        if not isinstance(difficulty, int) or isinstance(difficulty, bool) or not 1 <= difficulty <= 3:
            self.err(self.at(q, "difficulty"), f"{label}.difficulty", f"must be 1, 2 or 3; got {difficulty!r}")
            difficulty = 2
        proof = q.get("proof")
        if proof is not None and (not isinstance(proof, str) or proof not in self.proof_ids):
            self.err(self.at(q, "proof"), f"{label}.proof", f"unknown proof id {proof!r}; known: {', '.join(sorted(self.proof_ids))}")
            proof = None
        fuzzy = q.get("fuzzy", True)
        if not isinstance(fuzzy, bool):
            self.err(self.at(q, "fuzzy"), f"{label}.fuzzy", f"must be true or false; got {fuzzy!r}")
            fuzzy = True
        specific = getattr(self, f"_{qtype}")(q, label)
        if specific is None or prompt is None or explanation is None or not ok:
            return None
        full_id = f"{namespace}/{qid}" if namespace else qid
        return CLASSES[qtype](
            id=full_id, type=qtype, topic=topic, claims=tuple(claims), prompt=prompt, explanation=explanation,
            difficulty=difficulty, tags=self.str_list(q, "tags", f"{label}.tags", slug=True),
            refs=self.str_list(q, "refs", f"{label}.refs"), proof=proof, misconception=misconception,
            fuzzy=fuzzy, source=self.path, line=q.pos.line, bank=namespace, data=_plain(q),
            follow_up=self._follow_up(q, label, namespace), **specific,
        )

    def _flashcard(self, q: LocDict, label: str) -> dict | None:
        answer = self.text(q, "answer", f"{label}.answer")
        return None if answer is None else {"answer": answer}

    def _choices(self, q: LocDict, label: str, exactly_one: bool) -> dict | None:
        raw = q.get("choices")
        if not isinstance(raw, list) or len(raw) < 2:
            self.err(self.at(q, "choices") if "choices" in q else q.pos, f"{label}.choices",
                     "missing" if "choices" not in q else "must be a list of at least 2 choices")
            return None
        if len(raw) > MAX_CHOICES:  # answered by letter, a to z
            self.err(self.at(q, "choices"), f"{label}.choices", f"{len(raw)} choices; at most {MAX_CHOICES} (one per letter a-z)")
            return None
        choices = []
        for i, c in enumerate(raw):
            cpos = raw.item_pos[i]
            name = f"{label}.choices[{i}]"
            if not isinstance(c, LocDict):
                self.err(cpos, name, f"must be a mapping with text and correct; got {_kind(c)}")
                return None
            for key in c:
                if key not in ("text", "correct", "why"):
                    self.err(self.at(c, key), f"{name}.{key}", "unknown field; allowed: text, correct, why")
            text = self.text(c, "text", f"{name}.text")
            correct = c.get("correct")
            if not isinstance(correct, bool):
                self.err(self.at(c, "correct") if "correct" in c else c.pos, f"{name}.correct",
                         "missing" if "correct" not in c else f"must be true or false; got {correct!r}")
                return None
            why = self.text(c, "why", f"{name}.why", required=False)
            if text is None:
                return None
            choices.append(Choice(text, correct, why))
        n = sum(c.correct for c in choices)
        if exactly_one and n != 1:
            self.err(self.at(q, "choices"), f"{label}.choices", f"an mcq needs exactly one correct choice; found {n}")
            return None
        if not exactly_one and n < 1:
            self.err(self.at(q, "choices"), f"{label}.choices", "a multi question needs at least one correct choice")
            return None
        return {"choices": tuple(choices)}

    def _mcq(self, q: LocDict, label: str) -> dict | None:
        return self._choices(q, label, exactly_one=True)

    def _multi(self, q: LocDict, label: str) -> dict | None:
        return self._choices(q, label, exactly_one=False)

    def _truefalse(self, q: LocDict, label: str) -> dict | None:
        answer = q.get("answer")
        if not isinstance(answer, bool):
            self.err(self.at(q, "answer") if "answer" in q else q.pos, f"{label}.answer",
                     "missing" if "answer" not in q else f"must be true or false; got {answer!r}")
            return None
        return {"answer": answer}

    def _lang_lists(self, q: LocDict, key: str, label: str, keys: Iterable[str] | None = None) -> dict | None:
        raw = q.get(key)
        if not isinstance(raw, dict):
            self.err(self.at(q, key) if key in q else q.pos, f"{label}.{key}",
                     "missing" if key not in q else f"must be a mapping like {{en: [...], zh: [...]}}; got {_kind(raw)}")
            return None
        out = {}
        for k, v in raw.items():
            if keys is not None and k not in keys:
                self.err(self.at(raw, k), f"{label}.{key}.{k}", f"unknown key; expected one of: {', '.join(keys)}")
                continue
            if isinstance(v, str | int | float) and not isinstance(v, bool):
                v = [v]
            if not isinstance(v, list) or not v or not all(isinstance(s, str | int | float) and not isinstance(s, bool) for s in v):
                self.err(self.at(raw, k), f"{label}.{key}.{k}", "must be a non-empty list of text")
                continue
            out[k] = tuple(str(s) for s in v)
        return out

    def _typein(self, q: LocDict, label: str) -> dict | None:
        accept = self._lang_lists(q, "accept", label, keys=LANGS)
        if accept is None:
            return None
        if not accept:
            self.err(self.at(q, "accept"), f"{label}.accept", "needs at least one accepted answer")
            return None
        for lang in self.languages:
            if lang not in accept:
                self.err(self.at(q, "accept"), f"{label}.accept.{lang}", f"missing: the bank declares languages {list(self.languages)}")
        reject = self._lang_lists(q, "reject", label, keys=LANGS) if "reject" in q else {}
        answer = self.text(q, "answer", f"{label}.answer", required=False)
        notes = self._notes(q, label)
        if notes is None:
            return None
        return {"accept": accept, "reject": reject or {}, "answer": answer, **({"notes": notes} if notes else {})}

    def _cloze(self, q: LocDict, label: str) -> dict | None:
        text = self.text(q, "text", f"{label}.text")
        if text is None:
            return None
        blank_sets = {}
        for lang in text.langs():
            for m in CLOZE_BLANK.finditer(text.get(lang)):
                problem = _blank_problem(m.group(2))
                if problem is not None:
                    self.err(self.at(q, "text"), f"{label}.text.{lang}", f"blank {m.group(0)!r} {problem}")
                    return None
            found = [m.group(1) for m in CLOZE_BLANK.finditer(text.get(lang))]
            if not found:
                self.err(self.at(q, "text"), f"{label}.text.{lang}", "has no blanks; write them as {{c1::answer}}")
                return None
            blank_sets[lang] = sorted(set(found), key=lambda c: int(c[1:]))
        sets = list(blank_sets.values())
        if any(s != sets[0] for s in sets):
            self.err(self.at(q, "text"), f"{label}.text", f"the languages have different blanks: {blank_sets}")
            return None
        accept = self._lang_lists(q, "accept", label, keys=sets[0]) if "accept" in q else {}
        for blank, answers in (accept or {}).items():
            for a in answers:
                problem = _blank_problem(a)
                if problem is not None:
                    self.err(self.at(q, "accept"), f"{label}.accept.{blank}", f"{a!r} {problem}")
                    return None
        return {"text": text, "accept": accept or {}}

    def _order(self, q: LocDict, label: str) -> dict | None:
        raw = q.get("items")
        if not isinstance(raw, list) or len(raw) < 2:
            self.err(self.at(q, "items") if "items" in q else q.pos, f"{label}.items",
                     "missing" if "items" not in q else "must be a list of at least 2 items, in the correct order")
            return None
        items = []
        for i, item in enumerate(raw):
            holder = LocDict({"item": item})
            holder.pos = raw.item_pos[i]
            holder.key_pos = {"item": raw.item_pos[i]}
            t = self.text(holder, "item", f"{label}.items[{i}]")
            if t is None:
                return None
            items.append(t)
        return {"items": tuple(items)}

    def _notes(self, q: LocDict, label: str) -> dict[str, tuple[str, ...]] | None:
        """`notes: {true: [pattern, ...], false: [...]}`: what people write beside the answer (bank/notes.py)."""
        raw = q.get("notes")
        if raw is None:
            return {}
        # YAML reads a bare `true:` key as the boolean True: both spellings name the list
        names = {True: "true", False: "false", "true": "true", "false": "false"}
        if not isinstance(raw, LocDict) or not raw or any(k not in names for k in raw):
            self.err(self.at(q, "notes"), f"{label}.notes", "must be a mapping with `true` and/or `false`: lists of patterns")
            return None
        out = {}
        for key in raw:
            name = names[key]
            patterns = self.str_list(raw, key, f"{label}.notes.{name}")
            if not patterns:
                self.err(self.at(raw, key), f"{label}.notes.{name}", "must be a non-empty list of patterns")
                return None
            out[name] = patterns
        return out

    def _numeric(self, q: LocDict, label: str) -> dict | None:
        out: dict[str, Any] = {}
        notes = self._notes(q, label)
        if notes is None:
            return None
        if notes:
            out["notes"] = notes
        for key in ("tolerance", "rel_tolerance"):
            if key in q:
                v = q[key]
                if not _is_number(v) or v < 0:
                    self.err(self.at(q, key), f"{label}.{key}", f"must be a number ≥ 0; got {v!r}")
                    return None
                out[key] = float(v)
        has_answer, has_gen = "answer" in q, "generator" in q
        if has_answer == has_gen:
            self.err(q.pos, f"{label}.answer", "a numeric question needs exactly one of `answer` or `generator`")
            return None
        if has_answer:
            if not _is_number(q["answer"]):
                self.err(self.at(q, "answer"), f"{label}.answer", f"must be a number; got {q['answer']!r}")
                return None
            out["answer"] = float(q["answer"])
            return out
        gen = q["generator"]
        gpos = self.at(q, "generator")
        if not isinstance(gen, LocDict) or not isinstance(gen.get("name"), str):
            self.err(gpos, f"{label}.generator", "must be a mapping {name: ..., params: {...}}")
            return None
        if gen["name"] not in generators.GENERATORS:
            self.err(self.at(gen, "name"), f"{label}.generator.name",
                     f"unknown generator {gen['name']!r}; known: {', '.join(generators.GENERATORS)}")
            return None
        params_raw = gen.get("params", {})
        if not isinstance(params_raw, dict):
            self.err(self.at(gen, "params"), f"{label}.generator.params", "must be a mapping")
            return None
        params: dict[str, Any] = {}
        for k, v in params_raw.items():
            if isinstance(v, list):
                if len(v) != 2 or not all(isinstance(x, int) and not isinstance(x, bool) for x in v) or v[0] > v[1]:
                    self.err(self.at(params_raw, k), f"{label}.generator.params.{k}", "a range must be [lo, hi] with integers lo ≤ hi")
                    return None
                params[k] = (v[0], v[1])
            else:
                params[k] = v
        generator = Generator(gen["name"], params)
        try:  # both ends of every range must give an answer
            for pick in (0, 1):
                drawn = {k: (v[pick] if isinstance(v, tuple) else v) for k, v in params.items()}
                generators.GENERATORS[gen["name"]](**drawn)
        except (TypeError, ValueError, ArithmeticError) as exc:
            self.err(self.at(gen, "params") if "params" in gen else gpos, f"{label}.generator.params", f"{gen['name']}: {exc}")
            return None
        prompt = q.get("prompt")
        if isinstance(prompt, str):  # a single-language bank's plain text
            holder = LocDict({self.languages[0]: prompt})
            holder.pos, holder.key_pos = self.at(q, "prompt"), {self.languages[0]: self.at(q, "prompt")}
            prompt = holder
        if isinstance(prompt, dict):
            for lang, s in prompt.items():
                if isinstance(s, str):
                    for name in re.findall(r"\{(\w+)\}", s):
                        if name not in params:
                            self.err(self.at(prompt, lang), f"{label}.prompt.{lang}", f"placeholder {{{name}}} is not a generator parameter")
        out["generator"] = generator
        return out


    # --- explain questions and follow-ups (issue 18) -------------------------------------------------
    def _explain(self, q: LocDict, label: str) -> dict | None:
        """An explain question: `answer` (the model answer) and a `rubric` of key points."""
        answer = self.text(q, "answer", f"{label}.answer")
        raw = q.get("rubric")
        if not isinstance(raw, list) or not raw:
            self.err(self.at(q, "rubric") if "rubric" in q else q.pos, f"{label}.rubric",
                     "missing" if "rubric" not in q else f"must be a list of key points {{point, concepts, required}}; got {_kind(raw)}")
            return None
        if not 1 <= len(raw) <= RUBRIC_MAX:
            self.err(self.at(q, "rubric"), f"{label}.rubric", f"has {len(raw)} key points; use 1–{RUBRIC_MAX} (3–6 reads best)")
            return None
        points = [self._rubric_point(p, raw.item_pos[i], f"{label}.rubric[{i}]") for i, p in enumerate(raw)]
        if any(p is None for p in points) or answer is None:
            return None
        if not any(p.required for p in points):  # type: ignore[union-attr]
            self.err(self.at(q, "rubric"), f"{label}.rubric", "needs at least one key point with required: true")
            return None
        return {"answer": answer, "rubric": tuple(points)}

    def _rubric_point(self, p: Any, pos: Pos, name: str) -> RubricPoint | None:
        if not isinstance(p, LocDict):
            self.err(pos, name, f"a key point must be a mapping {{point, concepts, required}}; got {_kind(p)}")
            return None
        for key in p:
            if key not in ("point", "concepts", "required", "contradicts"):
                self.err(self.at(p, key), f"{name}.{key}", "unknown field for a key point; allowed: point, concepts, required, contradicts")
        point = self.text(p, "point", f"{name}.point")
        required = p.get("required", True)
        if not isinstance(required, bool):
            self.err(self.at(p, "required"), f"{name}.required", f"must be true or false; got {required!r}")
            return None
        raw = p.get("concepts")
        if not isinstance(raw, list) or not raw:
            self.err(self.at(p, "concepts") if "concepts" in p else p.pos, f"{name}.concepts",
                     "missing" if "concepts" not in p else "must be a non-empty list; each concept is a term or a list of alternatives")
            return None
        concepts = []
        for i, c in enumerate(raw):
            alts = [c] if isinstance(c, str) else c
            cpos = raw.item_pos[i]
            if not isinstance(alts, list) or not alts or not all(isinstance(a, str) for a in alts):
                self.err(cpos, f"{name}.concepts[{i}]", f"must be a term or a list of alternative terms; got {_kind(c)}")
                return None
            for a in alts:
                problem = concept_problem(a)
                if problem:
                    self.err(cpos, f"{name}.concepts[{i}]", f"{a!r}: {problem}")
                    return None
            concepts.append(tuple(alts))
        raw_c = p.get("contradicts", [])
        raw_c = [raw_c] if isinstance(raw_c, str) else raw_c
        if not isinstance(raw_c, list) or not all(isinstance(a, str) for a in raw_c):
            self.err(self.at(p, "contradicts"), f"{name}.contradicts", f"must be a list of patterns (`a|b ~ c`); got {_kind(raw_c)}")
            return None
        for a in raw_c:
            problem = concept_problem(a)
            if problem:
                self.err(self.at(p, "contradicts"), f"{name}.contradicts", f"{a!r}: {problem}")
                return None
        if point is None:
            return None
        return RubricPoint(point, tuple(concepts), required, tuple(raw_c))

    def _follow_up(self, q: LocDict, label: str, namespace: str) -> tuple[FollowUp, ...]:
        """`follow_up: [{id, after: right|wrong|any}]` (a bare id means after: any); resolved by check_follow_ups."""
        raw = q.get("follow_up")
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.err(self.at(q, "follow_up"), f"{label}.follow_up", f"must be a list of {{id, after: right|wrong|any}}; got {_kind(raw)}")
            return ()
        out = []
        for i, f in enumerate(raw):
            pos, name = raw.item_pos[i], f"{label}.follow_up[{i}]"
            if isinstance(f, str):
                f = LocDict({"id": f})
                f.pos, f.key_pos = pos, {"id": pos}
            if not isinstance(f, LocDict) or not isinstance(f.get("id"), str):
                self.err(pos, name, "must be a mapping {id, after} naming a question id")
                continue
            for key in f:
                if key not in ("id", "after"):
                    self.err(self.at(f, key), f"{name}.{key}", "unknown field; allowed: id, after")
            after = f.get("after", "any")
            if after not in FOLLOW_UP_AFTER:
                self.err(self.at(f, "after"), f"{name}.after", f"must be one of {', '.join(FOLLOW_UP_AFTER)}; got {after!r}")
                continue
            fid = f["id"]
            full = f"{namespace}/{fid}" if namespace and "/" not in fid else fid
            at = self.at(f, "id")
            out.append(FollowUp(full, after, at.line, at.column))
        return tuple(out)


def _blank_problem(answer: str) -> str | None:
    """Why a cloze blank's answer cannot be typed back (None when it can)."""
    if not answer.strip():
        return "is empty: write the answer, {{c1::answer}}"
    if "{{" in answer or "}}" in answer or "::" in answer:
        return "is nested or malformed: blanks cannot hold blanks"
    if "|" in answer:
        return "holds '|', which separates the blanks' answers; give alternatives in accept:"
    return None


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _kind(v: Any) -> str:
    if v is None:
        return "nothing"
    return {str: "text", int: "a number", float: "a number", bool: "true/false"}.get(type(v), type(v).__name__.replace("Loc", "").lower())


def _plain(v: Any) -> Any:
    """The question as plain data (show --json, export json, the cache); YAML's bare `true:` key (`notes:`) is the
    text "true", as JSON writes it, so a cached catalog's data equals a fresh load's."""
    if isinstance(v, dict):
        return {(str(k).lower() if isinstance(k, bool) else k): _plain(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


def build_bank(path: Path, doc: Any, problems: list[Problem], known_claims: set[str], proof_ids: set[str],
               namespace: str = "") -> Bank | None:
    """Check one parsed file and build its Bank (None when the file-level fields are unusable)."""
    c = _Checker(str(path), problems, known_claims, proof_ids)
    if not isinstance(doc, LocDict):
        c.err(getattr(doc, "pos", None), "file", f"a bank must be a mapping with topic, title, languages, questions; got {_kind(doc)}")
        return None
    for key in doc:
        if key not in ("topic", "title", "languages", "questions", "version", "bank"):
            c.err(c.at(doc, key), key, "unknown top-level field; allowed: topic, title, languages, questions, bank")
    if "bank" in doc:  # an exported user bank keeps its namespace, so its ids (and their history) survive
        if not namespace:
            c.err(c.at(doc, "bank"), "bank", "a bundled bank has no namespace; `bank` is for user banks only")
        elif not isinstance(doc["bank"], str) or not SLUG.match(doc["bank"]):
            c.err(c.at(doc, "bank"), "bank", f"{doc['bank']!r} is not a slug ([a-z0-9-])")
        else:
            namespace = doc["bank"]
    topic = doc.get("topic")
    if not isinstance(topic, str) or not SLUG.match(topic):
        c.err(c.at(doc, "topic") if "topic" in doc else doc.pos, "topic",
              "missing" if "topic" not in doc else f"{topic!r} is not a slug ([a-z0-9-])")
        return None
    langs = doc.get("languages")
    if not isinstance(langs, list) or not langs or any(lang not in LANGS for lang in langs):
        c.err(c.at(doc, "languages") if "languages" in doc else doc.pos, "languages",
              "missing" if "languages" not in doc else f"must be a non-empty list drawn from {list(LANGS)}; got {langs!r}")
        return None
    if not namespace and set(langs) != set(LANGS):
        c.err(c.at(doc, "languages"), "languages", "bundled banks must have both en and zh")
    c.languages = tuple(lang for lang in LANGS if lang in langs)
    title = c.text(doc, "title", "title")
    questions_raw = doc.get("questions")
    if not isinstance(questions_raw, list):
        c.err(c.at(doc, "questions") if "questions" in doc else doc.pos, "questions",
              "missing" if "questions" not in doc else "must be a list of questions")
        return None
    questions = []
    for i, q in enumerate(questions_raw):
        built = c.question(q, questions_raw.item_pos[i], topic, namespace)
        if built is not None:
            questions.append(built)
    return Bank(str(path), topic, title or Text(topic, topic), c.languages, tuple(questions), namespace, _plain(doc))


# --- the whole catalog ----------------------------------------------------------------------------


def split_topics(path: Path, doc: Any, problems: list[Problem]) -> list[Any]:
    """A file holds one topic, or (the `export json` shape) `{version, topics: [topic, ...]}`."""
    if not isinstance(doc, LocDict) or "topics" not in doc:
        return [doc]
    c = _Checker(str(path), problems, set(), set())
    for key in doc:
        if key not in ("version", "topics"):
            c.err(c.at(doc, key), key, "unknown top-level field in a file of several topics; allowed: version, topics")
    topics = doc["topics"]
    if not isinstance(topics, list):
        c.err(c.at(doc, "topics"), "topics", f"must be a list of topics (each with topic, title, languages, questions); got {_kind(topics)}")
        return []
    return list(topics)


def namespace_for(path: Path) -> str:
    """User-bank ids are prefixed by the bank's name: the file stem."""
    return re.sub(r"[^a-z0-9-]+", "-", path.stem.lower()).strip("-") or "bank"


def _missing(p: Path) -> str | None:
    """Why a named bank path cannot be used as one (no such file, a name too long for the system), or None."""
    try:
        if p.exists() or p.is_symlink():
            return None
    except OSError as exc:  # ENAMETOOLONG, EACCES on a parent: pathlib only swallows "not found"
        return f"cannot use this path ({exc.strerror or exc})"
    except ValueError:  # an embedded NUL
        return "cannot use this path (it holds a NUL character)"
    return "no such file or folder"


def _short(p: Path) -> str:
    """A path for a one-line message: at most 200 characters, with its length when cut."""
    s = str(p)
    return s if len(s) <= 200 else f"{s[:200]}… ({len(s):,} characters)"


def load_catalog(
    user_paths: Sequence[Path] = (),
    *,
    bundled: bool = True,
    only_paths: Sequence[Path] | None = None,
) -> Catalog:
    """Load claims, glossary, bundled banks and user banks; collect every problem.

    `only_paths` (validate PATH...) checks just those files, as bundled banks when they sit in the
    bundled content folder and as user banks otherwise.
    """
    from rnnquiz import paths
    from rnnquiz.proofs.registry import PROOFS

    content = paths.content_dir()
    cat = Catalog()
    cat.claims = load_claims(content / "claims.yaml")
    cat.glossary = load_glossary(content / "glossary.yaml")
    known_claims = set(cat.claims)
    proof_ids = set(PROOFS)

    files: list[tuple[Path, str]] = []
    if only_paths is not None:
        for p in only_paths:
            gone = _missing(p)
            if gone:
                raise UsageError(f"No such file or folder: {_short(p)}" if gone == "no such file or folder" else f"{_short(p)}: {gone}")
            for f in bank_files(p):
                is_bundled = safe_resolve(f).parent == content.resolve()
                files.append((f, "" if is_bundled else namespace_for(f)))
    else:
        if bundled:
            files += [(f, "") for f in bank_files(content)]
        for p in user_paths:
            gone = _missing(p)
            if gone:
                missing = Problem(_short(p), 1, 1, "file", f"{gone} (named by --bank, RNNQUIZ_BANKS or the banks setting)")
                cat.problems.append(missing)
                cat.skipped.append(missing)
                continue
            files += [(f, namespace_for(f)) for f in bank_files(p)]

    # A user bank with any error is skipped whole (with a warning from every command that loads it), so
    # one broken file never locks the user out; validate and `bank add` still fail on it.
    parsed: list[tuple[Path, str, list[Bank]]] = []
    for f, ns in files:
        start = len(cat.problems)
        file_banks: list[Bank] = []
        doc = read_yaml(f, cat.problems)
        if doc is not None:
            for part in split_topics(f, doc, cat.problems):
                bank = build_bank(f, part, cat.problems, known_claims, proof_ids, namespace=ns)
                if bank is not None:
                    file_banks.append(bank)
        errors = [p for p in cat.problems[start:] if p.level == "error"]
        if ns and errors:
            cat.skipped.append(errors[0])
            continue
        parsed.append((f, ns, file_banks))
    first_seen: dict[str, Question] = {}
    for _f, ns, file_banks in parsed:
        mine: dict[str, Question] = {}
        clashes: list[Problem] = []
        for bank in file_banks:
            for q in bank.questions:
                if q.id.rpartition("/")[2] in proof_ids:
                    clashes.append(Problem(q.source, q.line, 1, f"{q.id}.id", f"{q.id!r} is a proof id; question ids must differ from proof ids"))
                    continue
                other = first_seen.get(q.id) or mine.get(q.id)
                if other is not None:
                    clashes.append(Problem(q.source, q.line, 1, f"{q.id}.id", f"duplicate id {q.id!r}; first defined at {other.source}:{other.line}"))
                    continue
                mine[q.id] = q
        cat.problems += clashes
        if ns and clashes:
            cat.skipped.append(clashes[0])
            continue
        cat.banks += file_banks
        first_seen.update(mine)
        cat.questions.update(mine)
    check_follow_ups(cat)
    return cat


# --- explain questions and follow-ups across files (issue 18) -----------------------------------------


def concept_problem(alternative: str) -> str | None:
    """Why a rubric concept alternative (`a|b ~ c`) cannot be matched, or None when it can."""
    if not alternative.strip():
        return "is empty"
    for part in alternative.lstrip().lstrip("!").split("~"):
        options = part.split("|")
        if any(not o.strip() for o in options):
            return "has an empty part; write `a|b ~ c` (| separates alternatives, ~ joins parts of one sentence)"
    return None


def check_follow_ups(cat: Catalog) -> None:
    """Every follow-up names a loaded question other than its own."""
    for q in cat.questions.values():
        label = q.id.rpartition("/")[2]  # as written in the file, like the checker's fields
        for f in q.follow_up:
            if f.id == q.id:
                cat.problems.append(Problem(q.source, f.line, f.column, f"{label}.follow_up", "a question cannot follow up on itself"))
            elif f.id not in cat.questions:
                import difflib

                close = difflib.get_close_matches(f.id, list(cat.questions), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                cat.problems.append(Problem(q.source, f.line, f.column, f"{label}.follow_up", f"unknown question id {f.id!r}{hint}"))
