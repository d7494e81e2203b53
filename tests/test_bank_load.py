"""Bad banks: one file per case, each a one-line `file:line:column: field: message` and exit 3."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rnnquiz.bank.load import load_catalog
from rnnquiz.bank.yamlsafe import MAX_BYTES, YamlProblem, parse
from rnnquiz.cli import app

BAD = Path(__file__).parent / "data" / "bad"
GOOD = Path(__file__).parent / "data" / "good"
runner = CliRunner()

# file -> (line, field suffix, words in the message)
CASES = {
    "syntax.yaml": (12, "file", "YAML syntax error"),
    "missing_field.yaml": (5, "q-missing.explanation", "missing"),
    "wrong_type_field.yaml": (11, "q-one.difficulty", "must be 1, 2 or 3"),
    "unknown_type.yaml": (6, "q-essay.type", "unknown type 'essay'"),
    "mcq_zero_correct.yaml": (11, "q-mcq.choices", "exactly one correct choice; found 0"),
    "mcq_two_correct.yaml": (11, "q-mcq.choices", "exactly one correct choice; found 2"),
    "duplicate_id.yaml": (11, "q-one.id", "first defined at"),
    "unknown_claim.yaml": (7, "q-one.claims", "unknown claim id 'R99'"),
    "unknown_proof.yaml": (11, "q-one.proof", "unknown proof id 'no-such-proof'"),
    "missing_language.yaml": (8, "q-one.prompt.zh", "missing"),
    "empty.yaml": (1, "file", "file is empty"),
    "not_utf8.yaml": (2, "file", "not UTF-8"),
    "python_tag.yaml": (11, "q-one.refs", "not allowed"),  # the field the tag sits in
    "bomb.yaml": (1, "a", "aliases"),
    "proof_id_as_question_id.yaml": (5, "memory.id", "is a proof id"),
    "typein_bad_notes.yaml": (12, "q-typein.notes", "must be a mapping with `true` and/or `false`"),
}


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_bank_is_one_located_error(name: str) -> None:
    line, field, words = CASES[name]
    cat = load_catalog(only_paths=[BAD / name])
    errors = cat.errors
    assert errors, f"{name} loaded without errors"
    first = errors[0]
    assert first.path.endswith(name)
    assert first.line == line, str(first)
    assert first.field.endswith(field), str(first)
    assert words in first.message, str(first)
    assert str(first).startswith(f"{first.path}:{line}:{first.column}: ")


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_bank_cli_exit_3_without_traceback(name: str) -> None:
    result = runner.invoke(app, ["validate", str(BAD / name)])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert f"{name}:" in result.stderr
    # a study command skips the broken user bank with one warning line and goes on with the rest
    result = runner.invoke(app, ["list", "--bank", str(BAD / name)])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and name in lines[0] and lines[0].startswith("rnnquiz: warning: skipped 1 user bank: "), result.stderr


def test_duplicate_names_both_places() -> None:
    cat = load_catalog(only_paths=[BAD / "duplicate_id.yaml"])
    msg = str(cat.errors[0])
    assert "duplicate_id.yaml:11:" in msg and "duplicate_id.yaml:5" in msg


def test_validate_reports_every_problem_not_just_the_first(tmp_path: Path) -> None:
    text = (BAD / "wrong_type_field.yaml").read_text(encoding="utf-8")
    text = text.replace("claims: [R1]", "claims: [R99]").replace("type: flashcard", "type: flashcard\n    colour: red")
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    cat = load_catalog(only_paths=[path])
    fields = {p.field for p in cat.errors}
    assert {"q-one.claims", "q-one.difficulty", "q-one.colour"} <= fields, fields


def test_too_big_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    cat = load_catalog(only_paths=[path])
    assert "2 MiB" in cat.errors[0].message


def test_too_many_nodes(tmp_path: Path) -> None:
    path = tmp_path / "nodes.yaml"
    path.write_text("[" + ",".join("0" for _ in range(100_001)) + "]")
    assert path.stat().st_size < MAX_BYTES
    cat = load_catalog(only_paths=[path])
    assert "100,000 YAML nodes" in cat.errors[0].message


def test_alias_bomb_is_refused_before_it_expands() -> None:
    """Refused without expanding: the peak memory of the parse stays small (an expanded billion-laughs bomb
    needs gigabytes). Memory, not a wall-clock limit: a timed unit test flips with the machine's load."""
    data = (BAD / "bomb.yaml").read_bytes()
    tracemalloc.start()
    with pytest.raises(YamlProblem):
        parse(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5_000_000


def test_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f'a: !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(YamlProblem):
        parse(path.read_bytes())
    assert not marker.exists()


def test_good_example_loads_cleanly() -> None:
    cat = load_catalog(only_paths=[GOOD / "example.yaml"])
    assert cat.errors == []
    assert {q.type for q in cat.questions.values()} == {
        "flashcard", "mcq", "multi", "truefalse", "typein", "cloze", "order", "numeric",
    }  # fmt: skip


def test_content_readme_example_is_the_good_fixture() -> None:
    """The example in content/README.md is the fixture: the docs cannot drift from a valid bank."""
    import re

    readme = (Path(__file__).resolve().parent.parent / "content" / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", readme, re.S)
    assert block is not None
    assert block.group(1) == (GOOD / "example.yaml").read_text(encoding="utf-8")


def test_markup_in_bank_text_prints_literally(tmp_path: Path) -> None:
    text = (GOOD / "example.yaml").read_text(encoding="utf-8")
    text = text.replace("What does an LSTM add to a plain RNN?", "What is h[t-1] in [bold]this[/bold]?")
    path = tmp_path / "markup.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["show", "markup/example-flashcard", "--bank", str(path)])
    assert result.exit_code == 0, result.output
    assert "h[t-1]" in result.stdout and "[bold]this[/bold]" in result.stdout
    result = runner.invoke(app, ["list", "--bank", str(path)], env={"COLUMNS": "200"})
    assert "h[t-1] in [bold]this[/bold]" in result.stdout
