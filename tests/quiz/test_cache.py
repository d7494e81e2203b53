"""The catalog cache: same catalog back, rebuilt when a bank's content changes or the cache is damaged;
JSON, never a pickle, and unable to create anything but the bank's own data classes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import rnnquiz
from rnnquiz import paths
from rnnquiz.bank import cache
from rnnquiz.bank.cache import cached_catalog

from .conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]


def test_cache_hit_equals_fresh_load_and_changes_invalidate(tmp_path):
    bank = tmp_path / "example.yaml"
    shutil.copy(EXAMPLE, bank)
    first = cached_catalog([bank])
    files = list(paths.cache_dir().glob("catalog-*.json"))
    assert len(files) == 1
    again = cached_catalog([bank])
    assert list(again.questions) == list(first.questions)
    assert again.get("example/example-mcq") == first.get("example/example-mcq")

    # same size, same mtime, other content: the key is the content, so the change is seen
    stat = bank.stat()
    text = bank.read_text(encoding="utf-8").replace("Which activation do the LSTM gates use?", "Which activation do the LSTM gates USE?")
    bank.write_text(text, encoding="utf-8")
    os.utime(bank, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert bank.stat().st_size == stat.st_size
    changed = cached_catalog([bank])
    assert changed.get("example/example-mcq").prompt.en == "Which activation do the LSTM gates USE?"
    assert len(list(paths.cache_dir().glob("catalog-*.json"))) == 1  # the stale one is removed


def test_damaged_cache_is_rebuilt(tmp_path):
    cached_catalog([EXAMPLE])
    (target,) = paths.cache_dir().glob("catalog-*.json")
    target.write_bytes(b"not json")
    cat = cached_catalog([EXAMPLE])
    assert "example/example-typein" in cat.questions
    assert target.read_bytes() != b"not json"


def test_the_cache_is_json_and_creates_only_bank_classes(tmp_path):
    import json

    from rnnquiz.bank.load import load_catalog

    fresh = load_catalog([EXAMPLE])
    cached_catalog([EXAMPLE])
    (target,) = paths.cache_dir().glob("catalog-*.json")
    doc = json.loads(target.read_text(encoding="utf-8"))  # plain JSON, no pickle opcodes
    assert doc["format"] == cache.FORMAT
    assert cached_catalog([EXAMPLE]) == fresh  # what the cache gives equals a fresh load
    # a cache naming any other class (here: one that would run code if built) is not used, but rebuilt
    text = target.read_text(encoding="utf-8").replace('"~":"Flashcard"', '"~":"Popen"', 1)
    assert text != target.read_text(encoding="utf-8")
    target.write_text(text, encoding="utf-8")
    assert cached_catalog([EXAMPLE]) == fresh
    assert '"~":"Popen"' not in target.read_text(encoding="utf-8")


def test_second_quiz_needs_neither_yaml_nor_numpy(tmp_path):
    code = (
        "import runpy, sys; sys.argv = ['rnnquiz', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('rnnquiz', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('MODULES', 'yaml' in sys.modules, 'numpy' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(rnnquiz.__file__).resolve().parents[1])}
    args = [sys.executable, "-c", code, "quiz", "--bank", str(EXAMPLE), "-n", "2", "--seed", "1"]
    first = subprocess.run(args, input="?\n?\n", capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    second = subprocess.run(args, input="?\n?\n", capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert "MODULES True False" in first.stderr, first.stderr
    assert "MODULES False False" in second.stderr, second.stderr


def test_raw_data_is_decoded_only_when_asked_and_equals_a_fresh_load(tmp_path):
    """A quiz never reads `data`, so the cache leaves it as one undecoded text until `show --json` or
    `export json` asks (half the parse of a cache hit); what it gives then is what a fresh load has."""
    from rnnquiz.bank.load import load_catalog

    fresh = load_catalog([EXAMPLE])
    cached_catalog([EXAMPLE])
    cat = cached_catalog([EXAMPLE])
    assert cat.questions and all("data" not in vars(q) for q in cat.questions.values())
    assert all("data" not in vars(b) for b in cat.banks)
    for qid, q in fresh.questions.items():
        assert cat.questions[qid].data == q.data
        assert "data" in vars(cat.questions[qid])
    for mine, theirs in zip(cat.banks, fresh.banks, strict=True):
        assert mine.data == theirs.data
    assert cat == fresh
