"""Terminal safety: no byte of a bank, a file name, an imported id or an error message reaches the terminal
as a control sequence. Banks holding ESC[2J, OSC 52 (clipboard), OSC 8 (links), C1 CSI or bidi overrides are
refused by validate; every other path shows such characters escaped (`\\x1b`)."""

from __future__ import annotations

import json
import re

from .conftest import QUESTION, bank_text, one_line, skipped_warning, validate_fails

# What must never appear in output: C0 controls but tab, newline and carriage return (ESC, BEL ...), DEL,
# C1 controls (CSI, OSC), bidi embeddings, overrides and isolates.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

HOSTILE = {
    "clear": r"A\e[2JB",
    "osc52": r"A\e]52;c;cHduZWQ=\aB",
    "osc8": r"\e]8;;https://evil.example\e\\click me\e]8;;\e\\",
    "title": r"\e]0;owned\a",
    "c1": r"A\x9b2JB",
    "bidi": r"abc\u202edcba",
    "isolate": r"x\u2066y\u2069",
}


def clean(*outputs: bytes) -> None:
    for out in outputs:
        assert b"\x1b" not in out and b"\x07" not in out, out[:400]
        found = FORBIDDEN.search(out.decode("utf-8", "replace"))
        assert found is None, (found, out[:400])


def _hostile_bank(field: str, value: str) -> str:
    q = QUESTION.replace('prompt: "What does the forget gate keep?"', f'prompt: "{value}"') if field == "prompt" else QUESTION
    if field == "explanation":
        q = q.replace('explanation: "It multiplies the old cell state element-wise."', f'explanation: "{value}"')
    if field == "topic-title":
        return bank_text(q).replace("title: {en: Mine}", f'title: {{en: "{value}"}}')
    return bank_text(q)


def test_A12_control_sequences_in_bank_text_never_reach_the_terminal(rq):
    for kind, value in HOSTILE.items():
        for field in ("prompt", "explanation", "topic-title"):
            path = rq.bank(_hostile_bank(field, value), name=f"{kind}-{field}.yaml", folder=rq.tmp / "user")
            r = rq("validate", str(path))
            validate_fails(r, path.name, "not allowed in banks")
            clean(r.out_b, r.err_b)
    # One bank holding all of them, in RNNQUIZ_HOME/banks where every command sees it.
    qs = "".join(QUESTION.replace("id: q1", f"id: q{i}").replace('"What does the forget gate keep?"', f'"{v}"')
                 for i, v in enumerate(HOSTILE.values()))  # fmt: skip
    rq.bank(bank_text(qs))
    for args, stdin in ((["list"], ""), (["list", "--json"], ""), (["show", "mine/q1"], ""),
                        (["quiz", "-n", "2", "--seed", "5"], "\n\n"), (["review", "--limit", "2"], "?\n?\n"),
                        (["topics"], ""), (["bank", "list"], ""), (["due"], ""), (["stats"], ""),
                        (["export", "tsv", "--out", "-"], ""), (["validate"], "")):  # fmt: skip
        r = rq(*args, input=stdin)
        clean(r.out_b, r.err_b)
        assert "Traceback" not in r.err, r
    r = rq("show", "mine/q1")
    assert r.rc == 2, r  # the bank was skipped: its question is not there to show


def test_A12_json_escapes_in_a_json_bank_are_refused_too(rq):
    doc = {"topic": "mine", "title": {"en": "Mine"}, "languages": ["en"], "questions": [{
        "id": "q1", "type": "flashcard", "claims": ["extra"], "prompt": "A\u001b[2JB\u202e",
        "answer": "x", "explanation": "y"}]}  # fmt: skip
    path = rq.bank(json.dumps(doc), name="mine.json", folder=rq.tmp / "user")
    r = rq("validate", str(path))
    validate_fails(r, "mine.json", "U+001B")
    clean(r.out_b, r.err_b)


def test_A12_file_names_with_escape_sequences_are_shown_escaped(rq):
    bad_name = "evil\x1b]0;owned\x07\x1b[2J.yaml"
    rq.bank("questions: [\n", name=bad_name)  # broken, so its name is printed in the warning
    r = rq("list")
    line = skipped_warning(r, "evil\\x1b]0;owned\\x07\\x1b[2J.yaml")
    clean(r.out_b, r.err_b)
    assert "\\x1b" in line
    r = rq("validate", str(rq.home / "banks" / bad_name))
    assert r.rc == 3
    clean(r.out_b, r.err_b)
    r = rq("bank", "list")
    clean(r.out_b, r.err_b)
    good = rq.bank(bank_text(), name="fine\x1b[31m.yaml", folder=rq.tmp / "user")
    r = rq("bank", "list", "--bank", str(good))
    assert r.rc == 0, r
    clean(r.out_b, r.err_b)


def test_A12_error_messages_echoing_arguments_are_escaped(rq):
    for args in (["show", "q\x1b[2J"], ["list", "--topic", "t\x1b]52;c;eA==\x07"], ["quiz", "--type", "\x9b2J"],
                 ["config", "lang", "\u202eeng"], ["validate", "/nope/\x1b[2J.yaml"]):  # fmt: skip
        r = rq(*args)
        assert r.rc in (2, 3), r
        assert len(r.err_lines()) == 1, r
        clean(r.out_b, r.err_b)


def test_N01_imported_ids_with_control_characters_are_shown_escaped(rq):
    rq.seed_store()
    exported = rq.tmp / "h.json"
    assert rq("export", "history", "--out", str(exported)).rc == 0
    doc = json.loads(exported.read_text())
    row = dict(doc["review_log"][0])
    row["uuid"] = "0" * 32
    row["question_id"] = "evil\x1b[2J\x1b]52;c;eA==\x07"
    doc["review_log"] = [row]
    doc["quiz_answers"], doc["quiz_sessions"] = [], []
    evil = rq.tmp / "evil.json"
    evil.write_text(json.dumps(doc))
    r = rq("import", "history", str(evil))
    clean(r.out_b, r.err_b)
    assert "Traceback" not in r.err, r
    if r.rc != 0:  # refused by validation: one line, escaped
        assert r.rc == 2 and len(r.err_lines()) == 1, r
        return
    for args in (["stats"], ["doctor"], ["due"], ["undo"], ["export", "history", "--out", "-"]):
        r = rq(*args)
        clean(r.out_b if args[0] != "export" else b"", r.err_b)
        assert "Traceback" not in r.err, r


def test_N02_a_cached_catalog_never_reprints_refused_text(rq):
    rq.bank(_hostile_bank("prompt", HOSTILE["clear"]))
    for _ in range(2):  # built, then from the cache
        r = rq("list")
        skipped_warning(r, "mine.yaml")
        clean(r.out_b, r.err_b)


def test_N03_bidi_override_in_bank_text_is_refused_with_its_name(rq):
    path = rq.bank(_hostile_bank("prompt", HOSTILE["bidi"]), folder=rq.tmp / "user")
    line = one_line(rq("validate", str(path)), 3, "U+202E")
    assert "\u202e" not in line
