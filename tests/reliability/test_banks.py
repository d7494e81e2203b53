"""Hostile bank files: every one is refused by `validate` in one located line (exit 3), and skipped with one
warning by the study commands, which go on with the other banks (exit 0). Nothing hangs, nothing crashes."""

from __future__ import annotations

import json
import os

import pytest

from .conftest import QUESTION, bank_text, digest, need_permissions, one_line, skipped_warning, validate_fails


def _question(**fields: str) -> str:
    """QUESTION with some of its lines replaced (`prompt='prompt: ...'`) or added."""
    lines = QUESTION.splitlines()
    for key, line in fields.items():
        for i, ln in enumerate(lines):
            if ln.strip().startswith(f"{key}:"):
                lines[i] = f"    {line}"
                break
        else:
            lines.append(f"    {line}")
    return "\n".join(lines) + "\n"


def _numeric(generator: str) -> str:
    return f"""  - id: q1
    type: numeric
    claims: [extra]
    prompt: "How many parameters?"
    explanation: "Count them."
    generator: {generator}
"""


def _refused_everywhere(rq, text: str | bytes, *words: str, timeout: float = 20) -> None:
    """validate refuses the file; list and quiz skip it and go on; the store is not created by list."""
    path = rq.bank(text, folder=rq.tmp / "user")  # each run's timeout is the guard: a bomb expanded runs for minutes
    validate_fails(rq("validate", str(path), timeout=timeout), path.name, *words)
    in_home = rq.bank(text)
    skipped_warning(rq("list", timeout=timeout), in_home.name)
    r = rq("quiz", "-n", "1", "--seed", "3", "--topic", "rnn", input="\n", timeout=timeout)
    skipped_warning(r, in_home.name)


# --- failures of the run -------------------------------------------------------------------------------


def test_A2_bank_nested_500_deep_is_one_located_error(rq):
    deep = "[" * 500 + "x" + "]" * 500
    _refused_everywhere(rq, bank_text(_question(prompt=f"prompt: {deep}")), "nested more than 64 levels")
    block = "".join("  " * i + "- \n" for i in range(1, 300))  # block style, 300 deep
    _refused_everywhere(rq, bank_text(QUESTION + "    tags:\n" + block), "nested")
    r = rq("validate", str(rq.home / "banks" / "mine.yaml"))
    assert r.rc == 3 and ":6:" not in r.err.split("mine.yaml")[0]  # a real line, not 1:1 by default


def test_A21_generator_layers_1e9_is_refused_at_once(rq):
    gen = "{name: param_count, params: {cell: lstm, d: 10, h: 20, layers: 1000000000}}"
    _refused_everywhere(rq, bank_text(_numeric(gen)), "layers must be at most 64", timeout=10)


@pytest.mark.parametrize("gen", [
    "{name: param_count, params: {cell: gru, d: 8, h: 100000000000000000000000000000000000000000000000000}}",
    "{name: param_count, params: {cell: gru, d: 8, h: [1, 1000000000000000000000000]}}",
    "{name: output_dim, params: {what: output, dim: 2, T: 5, B: 2, h: 200000}}",
    "{name: pattern_dim, params: {pattern: seq2seq, dim: 0, T: 3, T_out: [1, 100001]}}",
])  # fmt: skip
def test_A20_generator_sizes_beyond_bounds_are_refused(rq, gen):
    _refused_everywhere(rq, bank_text(_numeric(gen)), "mine.yaml:")


@pytest.mark.parametrize("value, words", [
    ("1" * 19, "more than 18 digits"),
    ("-" + "9" * 19, "more than 18 digits"),
    ("1" * 400, "too long"),
    ("9" * 5000, "too long"),
    ("!!int abc", "not a valid !!int"),
    ("!!float abc", "not a valid !!float"),
    ("!!bool maybe", "not a valid !!bool"),
    ('!!int ""', "not a valid !!int"),
    (".inf", "not finite"),
    ("1.0e+400", "not finite"),
    (".nan", "not finite"),
])  # fmt: skip
def test_A22_numbers_out_of_bounds_or_badly_tagged(rq, value, words):
    text = bank_text(f"""  - id: q1
    type: numeric
    claims: [extra]
    prompt: "How many?"
    explanation: "Because."
    answer: {value}
""")
    _refused_everywhere(rq, text, words)


def _choices(n: int, correct: int = 1) -> str:
    return "".join(f"      - {{text: 'choice {i}', correct: {'true' if i < correct else 'false'}}}\n" for i in range(n))


@pytest.mark.parametrize("kind, n", [("mcq", 27), ("multi", 100)])
def test_A24_more_choices_than_letters(rq, kind, n):
    text = bank_text(f"""  - id: q1
    type: {kind}
    claims: [extra]
    prompt: "Which?"
    explanation: "Because."
    choices:
{_choices(n)}""")
    _refused_everywhere(rq, text, "at most 26")
    ok = rq.bank(text.replace(_choices(n), _choices(26)), name="ok.yaml", folder=rq.tmp / "ok")
    assert rq("validate", str(ok)).rc == 0  # 26 letters, 26 choices: fine


@pytest.mark.parametrize("doc", ["~\n", "null\n", "--- ~\n", "", "# only a comment\n"])
def test_A9_a_document_that_is_only_null_is_empty(rq, doc):
    _refused_everywhere(rq, doc, "file is empty")


def test_A13_a_raw_control_byte_reports_its_real_line(rq):
    text = bank_text(QUESTION).replace("The share", "The \x1b share").encode()
    line_no = text.decode().splitlines().index(next(ln for ln in text.decode().splitlines() if "\x1b" in ln)) + 1
    path = rq.bank(text, folder=rq.tmp / "user")
    line = validate_fails(rq("validate", str(path)), path.name, "U+001B")
    assert f"mine.yaml:{line_no}:" in line and "\x1b" not in line
    _refused_everywhere(rq, text, "U+001B")


@pytest.mark.parametrize("cloze, words", [
    ("{{c1::}}", "is empty"),
    ("{{c1::::hint}}", "is empty"),
    ("{{c1::a|b}}", "'|'"),
    ("{{c1::{{c2::a}}}}", "nested"),
])  # fmt: skip
def test_A16_cloze_blanks_that_cannot_be_answered(rq, cloze, words):
    text = bank_text(f"""  - id: q1
    type: cloze
    claims: [extra]
    prompt: "Fill in."
    explanation: "Because."
    text: "The gate is {cloze} here."
""")
    _refused_everywhere(rq, text, words)


def test_A29_symlink_loops_as_bank_paths(rq):
    loop = rq.tmp / "loop.yaml"
    os.symlink(loop, loop)
    skipped_warning(rq("list", "--bank", str(loop)), "loop.yaml", "symlink loop")
    skipped_warning(rq("due", env={"RNNQUIZ_BANKS": str(loop)}), "loop.yaml")
    one_line(rq("validate", str(loop)), 3, "loop.yaml", "symlink loop")
    one_line(rq("bank", "add", str(loop)), 3, "not added", "symlink loop")
    r = rq("config", "banks", str(loop))
    assert r.rc == 0, r
    skipped_warning(rq("list"), "loop.yaml")


def test_A31_unreadable_bank_folders_and_files(rq):
    prefix = need_permissions()
    rq.bank(bank_text(), name="a.yaml")
    locked = rq.tmp / "locked"
    rq.bank(bank_text(topic="other"), name="b.yaml", folder=locked)
    locked.chmod(0o000)
    unreadable = rq.bank(bank_text(topic="third"), name="c.yaml", folder=rq.tmp / "files")
    unreadable.chmod(0o000)
    try:
        skipped_warning(rq("list", "--bank", str(locked), prefix=prefix), "locked", "Permission denied")
        skipped_warning(rq("list", "--bank", str(unreadable), prefix=prefix), "c.yaml", "Permission denied")
        one_line(rq("validate", str(locked), prefix=prefix), 3, "Permission denied")
        (rq.home / "banks").chmod(0o000)  # RNNQUIZ_HOME/banks itself
        r = rq("quiz", "-n", "1", "--seed", "1", "--topic", "rnn", input="\n", prefix=prefix)
        skipped_warning(r, "banks", "Permission denied")
        (rq.home / "banks").chmod(0o300)  # can enter, cannot list
        skipped_warning(rq("due", prefix=prefix), "banks")
    finally:
        for p in (locked, unreadable, rq.home / "banks"):
            p.chmod(0o700)


def test_A32_dev_zero_and_a_fifo_as_banks_are_refused_before_reading(rq):
    fifo = rq.tmp / "pipe.yaml"
    os.mkfifo(fifo)
    for path, words in (("/dev/zero", "not a regular file (a device)"), (str(fifo), "not a regular file (a FIFO)")):
        skipped_warning(rq("list", "--bank", path, timeout=30), words)  # reading /dev/zero or a FIFO never ends
        one_line(rq("validate", path, timeout=30), 3, words)
    folder = rq.tmp / "withfifo"
    folder.mkdir()
    os.mkfifo(folder / "x.yaml")
    skipped_warning(rq("list", "--bank", str(folder), timeout=10), "x.yaml", "FIFO")


# --- what held: keep it holding ------------------------------------------------------------------------


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch PWNED']",
    "!!python/name:os.system",
    "!custom thing",
    "!!binary aGVsbG8=",
])  # fmt: skip
def test_H01_yaml_tags_never_construct_objects(rq, tag):
    _refused_everywhere(rq, bank_text(_question(answer=f"answer: {tag}")), "is not allowed")
    assert not (rq.tmp / "PWNED").exists()


def test_H02_yaml_anchors_and_aliases(rq):
    text = bank_text(_question(prompt='prompt: &p "What?"', answer="answer: *p"))
    _refused_everywhere(rq, text, "aliases")


def test_H03_billion_laughs_is_fast_and_small(rq):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    _refused_everywhere(rq, "\n".join(lines) + "\n", "aliases", timeout=10)


def test_H04_merge_keys(rq):
    text = "base: &b {type: flashcard}\n" + bank_text(QUESTION.replace("    type: flashcard\n", "    <<: *b\n"))
    _refused_everywhere(rq, text, "mine.yaml:")


def test_H05_tag_directives(rq):
    text = "%TAG !e! tag:example.com,2000:\n---\n" + bank_text(_question(answer="answer: !e!thing x"))
    _refused_everywhere(rq, text, "is not allowed")


def test_H06_a_huge_file_is_refused_by_its_size_before_reading(rq):
    # A sparse 16 GiB file: reading it before checking the size would take minutes and the memory of the
    # machine (the process would hit rq's timeout), so passing means the size was checked first.
    path = rq.tmp / "huge.yaml"
    with open(path, "wb") as fh:
        fh.write(b"# ")
        fh.truncate(16 * 1024**3)
    one_line(rq("validate", str(path)), 3, "2 MiB")
    skipped_warning(rq("list", "--bank", str(path)), "2 MiB")


def test_H07_a_one_megabyte_string_loads(rq):
    big = "x" * (1024 * 1024)
    path = rq.bank(bank_text(_question(explanation=f'explanation: "{big}"')), folder=rq.tmp / "user")
    r = rq("validate", str(path))
    assert r.rc == 0, r
    r = rq("list", "--bank", str(path), "--topic", "mine")
    assert r.rc == 0 and "mine/q1" in r.out, r


def test_H08_twenty_thousand_questions(rq):
    for k in range(4):  # 5,000 questions a file keeps each under the 2 MiB limit
        qs = "".join(QUESTION.replace("id: q1", f"id: q{i}") for i in range(5_000))
        rq.bank(bank_text(qs), name=f"many{k}.yaml")
    r = rq("list", "--topic", "mine", timeout=120)
    assert r.rc == 0 and r.err == "" and r.out.count("\n") == 20_000, r
    r = rq("quiz", "-n", "1", "--seed", "1", "--topic", "mine", input="y\n", timeout=60)
    assert r.rc == 0, r


def test_H09_non_string_keys(rq):
    _refused_everywhere(rq, bank_text(QUESTION + "    [1, 2]: x\n"), "mine.yaml:")
    _refused_everywhere(rq, bank_text(QUESTION + "    {a: 1}: x\n"), "mine.yaml:")


def test_H10_numbers_where_text_belongs(rq):
    path = rq.bank(bank_text(_question(prompt="prompt: 42")), folder=rq.tmp / "user")
    r = rq("validate", str(path))
    assert r.rc in (0, 3) and "Traceback" not in r.err, r  # a number may stand for its text
    _refused_everywhere(rq, bank_text(_question(prompt="prompt: [1, 2]")), "q1.prompt")


def test_H11_nulls_give_exact_file_line_column(rq):
    path = rq.bank(bank_text(_question(explanation="explanation: ~")), folder=rq.tmp / "user")
    line = validate_fails(rq("validate", str(path)), path.name, "q1.explanation")
    assert "mine.yaml:10:" in line, line


@pytest.mark.parametrize("text", [
    "e\u0301\u0301\u0301 combining", "RTL שלום עולם", "emoji 🧠🔁", "ﬁ ligature",
])  # fmt: skip  (zero-width space, U+FEFF inside text and U+2028 are refused now: test_export_round2 N66;
#     private use such as U+10FFFD, and more than 4 stacked marks, since round 3: test_round3 N88)
def test_H12_unicode_oddities_do_not_crash(rq, text):
    path = rq.bank(bank_text(_question(prompt=f'prompt: "{text}"')))
    r = rq("list", "--topic", "mine")
    assert r.rc == 0 and "Traceback" not in r.err, r
    r = rq("show", "mine/q1")
    assert r.rc == 0, r
    assert rq("validate", str(path)).rc == 0


def test_H13_duplicate_ids_across_user_banks(rq):
    rq.bank(bank_text(), name="one.yaml", folder=rq.tmp / "user")
    two = rq.bank(bank_text(), name="one.yml", folder=rq.tmp / "user")  # same namespace "one": same ids
    r = rq("validate", str(rq.tmp / "user"))
    line = validate_fails(r, two.name, "duplicate id 'one/q1'")
    assert "one.yaml:" in line  # both places named
    r = rq("list", "--bank", str(rq.tmp / "user"), "--topic", "mine")
    skipped_warning(r, "duplicate id")
    assert "one/q1" in r.out  # the first definition still loads


def test_H14_a_user_bank_reusing_a_bundled_id_is_namespaced(rq):
    r = rq("list", "--topic", "rnn", "--json")
    bundled = __import__("json").loads(r.out)["questions"][0]["id"]
    rq.bank(bank_text(QUESTION.replace("id: q1", f"id: {bundled}")))
    r = rq("show", f"mine/{bundled}")
    assert r.rc == 0 and r.err == "", r
    assert rq("show", bundled).rc == 0


def test_H15_a_user_bank_reusing_a_proof_id(rq):
    _refused_everywhere(rq, bank_text(QUESTION.replace("id: q1", "id: gate-ranges")), "is a proof id")


def test_H16_symlinks_inside_a_bank_folder(rq):
    real = rq.bank(bank_text(), name="real.yaml", folder=rq.tmp / "elsewhere")
    folder = rq.tmp / "user"
    folder.mkdir()
    os.symlink(real, folder / "linked.yaml")
    os.symlink(folder / "nowhere.yaml", folder / "dangling.yaml")
    r = rq("list", "--bank", str(folder), "--topic", "mine")
    skipped_warning(r, "dangling.yaml")
    assert "linked/q1" in r.out


@pytest.mark.parametrize("name", ["../evil", "/etc/passwd", "a/b", "..", "CAPS", "x" * 65, "-x", "x\x1b[2J"])
def test_H17_path_traversal_and_bad_names_in_bank_new(rq, name):
    before = digest(rq.tmp)
    line = one_line(rq("bank", "new", "--", name), 2)
    assert "\x1b" not in line
    assert digest(rq.tmp) == before


def test_H48_an_empty_bank_file_is_reported(rq):
    _refused_everywhere(rq, b"", "file is empty")


def test_H49_a_bank_file_that_is_not_utf8(rq):
    text = bank_text().encode().replace(b"Because", b"Bec\xffause").replace(b"survives", b"surv\xe9ves")
    path = rq.bank(text, folder=rq.tmp / "user")
    line = validate_fails(rq("validate", str(path)), path.name, "not UTF-8")
    assert "mine.yaml:9:" in line, line  # the line of the first bad byte (in "survives")
    _refused_everywhere(rq, text, "not UTF-8")


def test_H50_a_bank_path_that_does_not_exist(rq):
    gone = str(rq.tmp / "gone.yaml")
    skipped_warning(rq("list", "--bank", gone), "gone.yaml", "no such file")
    skipped_warning(rq("due", env={"RNNQUIZ_BANKS": gone}), "gone.yaml")
    one_line(rq("validate", gone), 2, "No such file")
    one_line(rq("bank", "add", gone), 2, "No such file")


# --- attacks added since the run ------------------------------------------------------------------------


def test_N11_several_yaml_documents_in_one_file(rq):
    _refused_everywhere(rq, bank_text() + "---\n" + bank_text(), "expected a single document")
    _refused_everywhere(rq, "---\n" * 10_000, "mine.yaml:")


def test_N12_json_nested_ten_thousand_deep(rq):
    _refused_everywhere(rq, "[" * 10_000 + "]" * 10_000, "nest")


@pytest.mark.parametrize("gen", [
    "{name: output_dim, params: {what: output, dim: true, T: 5, B: 2, h: 3}}",
    "{name: param_count, params: {cell: [lstm], d: 2, h: 3}}",
    "{name: param_count, params: {cell: lstm, d: 2, h: 3, bias: {a: 1}}}",
    "{name: param_count, params: {cell: lstm, d: 2.5, h: 3}}",
    "{name: param_count, params: {cell: lstm, d: 2, h: 3, q: 0}}",
    "{name: param_count, params: {cell: lstm, d: 2, h: 3, bogus: 1}}",
    "{name: pattern_dim, params: {pattern: seq2seq, dim: 0}}",
])  # fmt: skip
def test_N13_generator_parameters_of_the_wrong_kind(rq, gen):
    _refused_everywhere(rq, bank_text(_numeric(gen)), "generator")


def test_N14_duplicate_keys_and_cloze_alternatives_with_the_separator(rq):
    _refused_everywhere(rq, bank_text(QUESTION + '    prompt: "again"\n'), "duplicate key 'prompt'")
    text = bank_text("""  - id: q1
    type: cloze
    claims: [extra]
    prompt: "Fill in."
    explanation: "Because."
    text: "The gate is {{c1::forget}} here."
    accept: {c1: ["keep|drop"]}
""")
    _refused_everywhere(rq, text, "'|'")


def test_N15_every_study_command_warns_once_and_goes_on_validate_and_bank_add_still_fail(rq):
    good = rq.bank(bank_text(topic="fine"), name="fine.yaml")
    broken = rq.bank(bank_text(QUESTION + "    colour: red\n"), name="broken.yaml")
    rq.seed_store()
    for args, stdin in ((["quiz", "-n", "1", "--seed", "2", "--topic", "fine"], "y\n"), (["review", "--limit", "1"], "?\n"),
                        (["due"], ""), (["stats"], ""), (["export", "json", "--out", str(rq.tmp / "x.json")], ""),
                        (["export", "tsv", "--out", "-"], ""), (["topics"], ""), (["show", "fine/q1"], ""),
                        (["list", "--topic", "fine"], "")):  # fmt: skip
        r = rq(*args, input=stdin)
        assert r.rc == 0 and "Traceback" not in r.err, r
        warnings = [ln for ln in r.err_lines() if ln.startswith("rnnquiz: warning: skipped")]
        assert len(warnings) == 1 and "broken.yaml:" in warnings[0] and "colour" in warnings[0], r
    exported = json.loads((rq.tmp / "x.json").read_text())["topics"]
    assert [t.get("bank") for t in exported if t["topic"] == "fine"] == ["fine"]  # the good user bank, not the broken one
    r = rq("validate")
    assert r.rc == 3 and "broken.yaml:" in r.err and "Traceback" not in r.err, r
    outside = rq.bank(broken.read_text(), name="outside.yaml", folder=rq.tmp / "elsewhere")
    one_line(rq("bank", "add", str(outside)), 3, "not added", "colour")
    assert good.exists()


def test_N18_placeholders_are_checked_in_single_language_banks(rq):
    gen = "{name: pattern_dim, params: {pattern: seq2seq, dim: 0, T_out: 3}}"
    text = bank_text(_numeric(gen).replace('"How many parameters?"', '"Outputs for {T_out} steps and {nope}?"'))
    _refused_everywhere(rq, text, "placeholder {nope} is not a generator parameter")


def test_N21_json_written_by_json_dumps_loads_surrogate_pairs_and_all(rq):
    doc = {"topic": "mine", "title": {"en": "Brains 🧠"}, "languages": ["en"], "questions": [{
        "id": "q1", "type": "flashcard", "claims": ["extra"], "prompt": "𝑊_hh and 🧠, a \\ud83e\\udde0 literal",
        "answer": "a", "explanation": "e"}]}  # fmt: skip
    path = rq.bank(json.dumps(doc), name="mine.json", folder=rq.tmp / "user")  # ensure_ascii: surrogate pairs
    assert "\\ud83e\\udde0" in path.read_text()
    r = rq("validate", str(path))
    assert r.rc == 0, r
    r = rq("list", "--bank", str(path), "--json", "--topic", "mine")
    assert r.rc == 0, r
    assert json.loads(r.out)["questions"][0]["prompt"] == doc["questions"][0]["prompt"]
