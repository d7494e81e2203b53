"""The light catalog index (due, stats): the same questions as the full catalog, cached beside it with the
same key, rebuilt when a bank changes, and the same errors (bank → exit 3, unknown filter → exit 2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rnnquiz
from rnnquiz import paths
from rnnquiz.bank.cache import cached_catalog, cached_index
from rnnquiz.bank.index import CatalogIndex
from rnnquiz.bank.load import load_catalog
from rnnquiz.cli import app
from rnnquiz.commands.common import select
from rnnquiz.errors import UsageError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "good" / "example.yaml"
BAD = ROOT / "tests" / "data" / "bad"


def facets(cat) -> list[tuple]:
    return [(q.id, q.topic, q.type, tuple(q.tags), tuple(q.claims)) for q in cat.questions.values()]


def cache_files(prefix: str) -> list[Path]:
    return sorted(paths.cache_dir().glob(f"{prefix}-*.pickle"))


def test_index_holds_the_same_questions_as_the_catalog():
    cat = load_catalog([EXAMPLE])
    index = cached_index([EXAMPLE])
    assert facets(index) == facets(cat)  # ids, topics, types, tags, claims, in bank order
    assert any(q.tags for q in index.questions.values())  # the bundled banks have tags: compared for real
    assert index.topics() == cat.topics()
    assert index.error is None and cat.error_line() is None


def test_index_is_written_beside_the_catalog_with_the_same_key():
    cached_catalog([EXAMPLE])
    (catalog,) = cache_files("catalog")
    (index,) = cache_files("index")
    assert catalog.name.removeprefix("catalog-") == index.name.removeprefix("index-")
    again = cached_index([EXAMPLE])
    assert facets(again) == facets(load_catalog([EXAMPLE]))


def test_index_read_needs_neither_the_loader_nor_the_schema(tmp_path):
    cached_index([EXAMPLE])
    code = (
        "import sys; from pathlib import Path; from rnnquiz.bank.cache import cached_index\n"
        f"index = cached_index([Path({str(EXAMPLE)!r})])\n"
        "print(len(index.questions), *sorted(m for m in ('rnnquiz.bank.load', 'rnnquiz.bank.schema', 'yaml') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(rnnquiz.__file__).resolve().parents[1])}  # the rnnquiz under test
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(len(load_catalog([EXAMPLE]).questions))]


def test_index_is_rebuilt_when_a_bank_changes(tmp_path):
    bank = tmp_path / "example.yaml"
    shutil.copy(EXAMPLE, bank)
    first = cached_index([bank])
    assert "example/example-mcq" in first.questions
    (old,) = cache_files("index")
    text = bank.read_text(encoding="utf-8").replace("id: example-mcq", "id: example-mcq-renamed")
    bank.write_text(text, encoding="utf-8")
    os.utime(bank, ns=(old.stat().st_mtime_ns + 10**9,) * 2)
    changed = cached_index([bank])
    assert "example/example-mcq-renamed" in changed.questions and "example/example-mcq" not in changed.questions
    assert facets(changed) == facets(load_catalog([bank]))
    assert len(cache_files("index")) == 1 and cache_files("index") != [old]  # the stale one is removed
    assert len(cache_files("catalog")) == 1


def test_damaged_or_foreign_index_is_rebuilt():
    cached_index([EXAMPLE])
    (target,) = cache_files("index")
    for junk in (b"not a pickle", __import__("pickle").dumps((99, (), (), None))):
        target.write_bytes(junk)
        index = cached_index([EXAMPLE])
        assert "example/example-typein" in index.questions
        assert CatalogIndex.from_plain(__import__("pickle").loads(target.read_bytes())) is not None


@pytest.mark.parametrize("name", ["duplicate_id.yaml", "unknown_type.yaml", "syntax.yaml"])
def test_index_keeps_the_catalogs_skip_warning(name):
    cat = load_catalog([BAD / name])
    assert cat.error_line() is None  # a broken user bank is skipped, not fatal
    assert cat.skip_warning() is not None and name in cat.skip_warning()
    for _ in range(2):  # built, then read back from the cache
        index = cached_index([BAD / name])
        assert index.error is None
        assert index.warning == cat.skip_warning()


def test_due_and_stats_skip_a_broken_user_bank_like_every_command():
    runner = CliRunner()
    listed = runner.invoke(app, ["list", "--bank", str(BAD / "unknown_type.yaml")])
    assert listed.exit_code == 0
    assert listed.stderr.startswith("rnnquiz: warning: skipped 1 user bank: ") and listed.stderr.count("\n") == 1
    for args in (["due"], ["stats", "--json"], ["due", "--json"]):
        for _ in range(2):  # index built, then cached
            result = runner.invoke(app, [*args, "--bank", str(BAD / "unknown_type.yaml")])
            assert result.exit_code == 0, result.output
            assert result.stderr == listed.stderr


def test_select_on_the_index_equals_select_on_the_catalog():
    cat = load_catalog([EXAMPLE])
    index = CatalogIndex.from_catalog(cat)
    tag = next(t for q in cat.questions.values() for t in q.tags)
    for topics, types, tags in [
        (None, None, None), (["example"], None, None), (None, ["mcq", "cloze"], None), (None, None, [tag]),
        (["example", cat.topics()[0]], ["flashcard"], None),
    ]:  # fmt: skip
        assert [q.id for q in select(index, topics, types, tags)] == [q.id for q in select(cat, topics, types, tags)]
    for bad in ((["nope"], None, None), (None, ["essay"], None), (None, None, ["nope"])):
        with pytest.raises(UsageError) as on_cat:
            select(cat, *bad)
        with pytest.raises(UsageError) as on_index:
            select(index, *bad)
        assert on_index.value.message == on_cat.value.message and "Known: " in on_cat.value.message


def test_unknown_topic_in_due_and_stats_is_exit_2_with_the_known_ones():
    runner = CliRunner()
    listed = runner.invoke(app, ["list", "--topic", "nope", "--bank", str(EXAMPLE)])
    assert listed.exit_code == 2 and "Known: " in listed.stderr
    for args in (["due"], ["stats", "--json"]):
        result = runner.invoke(app, [*args, "--topic", "nope", "--bank", str(EXAMPLE)])
        assert result.exit_code == 2
        assert result.stderr == listed.stderr
