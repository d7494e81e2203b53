"""Exports are atomic and never clobber the store: a folder, the store and its side files, the cache are
refused (exit 2) before anything is written; a full disk or /dev/full is one line (exit 4) with the old file
intact and no temporary file left behind."""

from __future__ import annotations

import os
import stat

import pytest

from .conftest import bank_text, digest, one_line

KINDS = {
    "json": ["export", "json"],
    "tsv": ["export", "tsv"],
    "anki": ["export", "anki"],
    "history": ["export", "history"],
}


def _leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".rnnquiz-export-")]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_B5_out_a_folder_is_refused(rq, kind):
    rq.seed_store()
    folder = rq.tmp / "out"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    before = digest(folder, rq.home)
    one_line(rq(*KINDS[kind], "--out", str(folder)), 2, "is a folder")
    assert digest(folder, rq.home) == before


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_B6_out_dev_full_is_one_line_exit_4(rq, kind):
    rq.seed_store()
    before = digest(rq.db)
    one_line(rq(*KINDS[kind], "--out", "/dev/full"), 4, "/dev/full", "No space left on device")
    assert digest(rq.db) == before


@pytest.mark.parametrize("kind", ["tsv", "json", "anki"])
def test_B8_a_full_disk_leaves_the_old_export_intact(rq, kind):
    target = rq.tmp / f"backup.{kind}"
    assert rq(*KINDS[kind], "--out", str(target)).rc == 0
    before = digest(target)
    # The file-size limit makes every write past 4 KiB fail as a full disk would (EFBIG, like ENOSPC).
    r = rq(*KINDS[kind], "--out", str(target), max_file_size=4096)
    one_line(r, 4, str(target), "is unchanged")
    assert digest(target) == before
    assert _leftovers(rq.tmp) == []


def test_B8_history_export_never_replaces_the_store_or_its_side_files(rq):
    rq.seed_store()
    rq.bank(bank_text())
    assert rq("list").rc == 0  # the cache exists
    protected = [rq.db, rq.db.with_name(rq.db.name + "-wal"), rq.db.with_name(rq.db.name + "-shm"),
                 rq.db.with_name(rq.db.name + "-journal")]  # fmt: skip
    cache = next((rq.home / "cache").iterdir())
    before = digest(rq.home)
    for target in [*protected, cache, rq.home / "cache" / "new.json", rq.home]:
        for kind in ("history", "json", "tsv"):
            one_line(rq(*KINDS[kind], "--out", str(target)), 2, str(target))
    assert digest(rq.home) == before
    r = rq("due")
    assert r.rc == 0, r  # the store still works
    link = rq.tmp / "innocent.json"
    os.symlink(rq.db, link)  # a symlink or a hard link to the store is the store
    one_line(rq("export", "history", "--out", str(link)), 2, "own data")
    hard = rq.tmp / "hard.json"
    os.link(rq.db, hard)
    one_line(rq("export", "history", "--out", str(hard)), 2, "own data")
    assert digest(rq.home) == before


def test_B8_an_existing_export_is_replaced_whole_keeping_its_mode(rq):
    target = rq.tmp / "notes.tsv"
    target.write_text("old contents\n")
    target.chmod(0o640)
    r = rq("export", "tsv", "--out", str(target))
    assert r.rc == 0, r
    assert target.read_text().startswith("#separator:tab")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(rq.tmp) == []


def test_H18_script_tags_are_escaped_in_anki_and_tsv(rq):
    text = bank_text().replace('"What does the forget gate keep?"', '"<script>alert(1)</script> & <b>x</b>"')
    rq.bank(text)
    out = rq.tmp / "x.tsv"
    r = rq("export", "tsv", "--out", str(out), "--topic", "mine")
    assert r.rc == 0, r
    body = out.read_text()
    assert "<script>" not in body and "&lt;script&gt;" in body
    apkg = rq.tmp / "x.apkg"
    r = rq("export", "anki", "--out", str(apkg), "--topic", "mine")
    assert r.rc == 0, r
    import sqlite3
    import zipfile

    with zipfile.ZipFile(apkg) as z:
        (rq.tmp / "collection.anki2").write_bytes(z.read("collection.anki2"))
    with sqlite3.connect(rq.tmp / "collection.anki2") as db:
        fields = " ".join(f for (f,) in db.execute("SELECT flds FROM notes"))
    assert "<script>" not in fields and "&lt;script&gt;" in fields


def test_N04_exports_to_a_new_folder_dev_null_and_stdout(rq):
    r = rq("export", "json", "--out", str(rq.tmp / "new" / "deeper" / "bank.json"))
    assert r.rc == 0 and (rq.tmp / "new" / "deeper" / "bank.json").is_file(), r
    for kind in ("json", "tsv", "history", "anki"):
        assert rq(*KINDS[kind], "--out", "/dev/null").rc == 0
    r = rq("export", "tsv", "--out", "-")
    assert r.rc == 0 and r.out.startswith("#separator:tab"), r


def test_N05_out_under_a_file_is_one_line(rq):
    blocker = rq.tmp / "file"
    blocker.write_text("x")
    one_line(rq("export", "json", "--out", str(blocker / "sub" / "x.json")), 4, "cannot write")
    assert blocker.read_text() == "x"


def test_N06_out_in_an_unwritable_folder_is_one_line(rq):
    from .conftest import need_permissions

    prefix = need_permissions()
    locked = rq.tmp / "locked"
    locked.mkdir()
    (locked / "old.json").write_text("old")
    locked.chmod(0o500)
    try:
        one_line(rq("export", "json", "--out", str(locked / "old.json"), prefix=prefix), 4, "Permission denied", "unchanged")
    finally:
        locked.chmod(0o700)
    assert (locked / "old.json").read_text() == "old"


def test_N19_out_a_name_too_long_or_a_symlink_loop(rq):
    one_line(rq("export", "json", "--out", str(rq.tmp / ("x" * 300 + ".json"))), 4, "File name too long", "nothing was written")
    one_line(rq("export", "tsv", "--out", str(rq.tmp / ("y" * 300) / "a.tsv")), 4, "File name too long")
    loop = rq.tmp / "loop.json"
    os.symlink(loop, loop)
    one_line(rq("export", "history", "--out", str(loop)), 4, "symbolic links")
