"""Properties over random input: the bank loader and the history importer accept a document or refuse it
with one-line problems; they never raise anything else (a traceback, for the user)."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rnnquiz.bank.load import build_bank, split_topics
from rnnquiz.bank.yamlsafe import YamlProblem, parse
from rnnquiz.errors import RnnquizError

CLAIMS = {"R1", "G1", "L1", "extra"}
PROOFS = {"gate-ranges", "memory"}

FIELDS = ["id", "type", "claims", "prompt", "explanation", "answer", "choices", "text", "correct", "accept",
          "items", "generator", "name", "params", "topic", "title", "languages", "questions", "en", "zh",
          "difficulty", "tags", "refs", "proof", "misconception", "fuzzy", "tolerance", "cell", "d", "h", "layers"]  # fmt: skip
WORDS = ["flashcard", "mcq", "multi", "truefalse", "typein", "cloze", "order", "numeric", "param_count",
         "output_dim", "pattern_dim", "lstm", "gru", "en", "zh", "extra", "R1", "{{c1::x}}", "{{c1::}}", "{d}"]  # fmt: skip

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True),
    st.sampled_from(WORDS), st.text(max_size=30),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(string.ascii_lowercase, min_size=1, max_size=8))
documents = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=6), st.dictionaries(keys, inner, max_size=8)), max_leaves=40,
)


def _question_like() -> st.SearchStrategy:
    """Documents shaped like banks, so the checks past the top level are reached too."""
    question = st.fixed_dictionaries(
        {"id": st.sampled_from(["q1", "q2", "Q!", ""]), "type": st.sampled_from(WORDS[:8] + ["essay"]),
         "claims": st.sampled_from([["extra"], ["R1"], [], "R1"]), "prompt": scalars, "explanation": scalars},
        optional={k: documents for k in ("answer", "choices", "text", "accept", "items", "generator", "difficulty",
                                          "tolerance", "tags", "proof", "fuzzy")},
    )  # fmt: skip
    return st.fixed_dictionaries({
        "topic": st.sampled_from(["mine", "Mine", ""]), "title": st.one_of(scalars, st.just({"en": "T"})),
        "languages": st.sampled_from([["en"], ["en", "zh"], [], "en", ["fr"]]), "questions": st.lists(question, max_size=4),
    })  # fmt: skip


def _check_loads(data: bytes) -> None:
    try:
        doc = parse(data)
    except YamlProblem as exc:
        assert "\n" not in exc.message, exc.message
        return
    problems: list = []
    for part in split_topics(Path("mine.yaml"), doc, problems):
        build_bank(Path("mine.yaml"), part, problems, CLAIMS, PROOFS, namespace="mine")
    for p in problems:
        assert "\n" not in str(p), str(p)


def _dump(doc, style: int) -> bytes:
    if style == 0:
        return json.dumps(doc, allow_nan=True).encode()
    return yaml.safe_dump(doc, allow_unicode=True, default_flow_style=style == 2).encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=st.one_of(documents, _question_like()), style=st.integers(0, 2))
def test_N07_random_yaml_documents_load_or_are_refused_in_one_line(doc, style):
    _check_loads(_dump(doc, style))


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_N08_random_text_as_a_bank_file(text):
    _check_loads(text.encode("utf-8", "replace"))


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=200))
def test_N09_random_bytes_as_a_bank_file(data):
    _check_loads(data)


# --- the importer ------------------------------------------------------------------------------------

VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=False),
    st.text(max_size=20), st.sampled_from(["2026-12-01T09:00:00+00:00", "garbage-time", "2999-01-01T00:00:00+00:00",
                                           "review", "undo", "rnn-definition", "0" * 32]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)  # fmt: skip
REVIEW_KEYS = ["uuid", "question_id", "kind", "rating", "reviewed_at", "duration_ms", "state_before", "state_after",
               "interval_s", "prev_interval_s", "due", "session", "undoes_uuid"]  # fmt: skip
rows = st.dictionaries(st.sampled_from(REVIEW_KEYS), VALUES, max_size=len(REVIEW_KEYS))


@pytest.mark.house
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(review=st.lists(rows, max_size=3), answers=st.lists(rows, max_size=2), as_csv=st.booleans())
def test_N10_random_history_rows_import_or_are_refused_in_one_line(tmp_path_factory, review, answers, as_csv):
    from typer.testing import CliRunner

    from rnnquiz.cli import app

    home = tmp_path_factory.mktemp("home")
    doc = {"version": 1, "exported_at": "2026-12-01T09:00:00+00:00", "quiz_sessions": [], "quiz_answers": answers,
           "review_log": review}  # fmt: skip
    path = home / "h.json"
    path.write_text(json.dumps(doc, default=str))
    if as_csv:
        import csv
        import io

        cols = sorted({k for r in review for k in r} | {"uuid"})
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=["table", *cols], lineterminator="\n")
        w.writeheader()
        for r in review:
            w.writerow({"table": "review_log", **{k: json.dumps(v) if not isinstance(v, str) else v for k, v in r.items()}})
        path = home / "h.csv"
        path.write_text(buf.getvalue())
    env = {"RNNQUIZ_HOME": str(home), "RNNQUIZ_NOW": "2026-12-01T09:00:00+00:00", "TZ": "UTC"}
    try:
        result = CliRunner().invoke(app, ["import", "history", str(path)], env=env, catch_exceptions=False)
    except RnnquizError as exc:  # pragma: no cover - handle_errors turns these into exit codes
        pytest.fail(f"escaped handle_errors: {exc}")
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert len([ln for ln in result.stderr.splitlines() if ln.strip()]) == 1, result.stderr
    after = CliRunner().invoke(app, ["doctor"], env=env, catch_exceptions=False)
    assert after.exit_code in (0, 1), after.output
