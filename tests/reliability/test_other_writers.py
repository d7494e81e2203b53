"""Writers outside `export` (demo pictures, drill starters) never overwrite rnnquiz's own data.

Found by the attack run of 2026-12-01: `demo --svg STORE` and `drill start --out STORE --force` replaced
the store, losing the whole review log.
"""

from __future__ import annotations

import pytest

from .conftest import digest


@pytest.mark.parametrize("args", [
    ("demo", "lstm", "--svg", "{db}"),
    ("demo", "gru", "--html", "{db}-wal"),
    ("drill", "start", "rnn-step-forward", "--no-edit", "--out", "{db}", "--force"),
])  # fmt: skip
def test_no_writer_overwrites_the_store(rq, args):
    rq.seed_store()
    before = digest(rq.db)
    r = rq(*(a.format(db=rq.db) for a in args))
    assert r.rc == 2 and "own data" in r.err and "Traceback" not in r.err, r
    assert digest(rq.db) == before
