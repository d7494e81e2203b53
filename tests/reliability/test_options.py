"""Options and environment at their edges: each refused in one line (exit 2, or 4 for the data folder), or
accepted and working; never a traceback, never a session that cannot end."""

from __future__ import annotations

import json

import pytest

from .conftest import digest, one_line


@pytest.mark.parametrize("seed", [str(2**63), str(-(2**63) - 1), "1" + "0" * 40])
def test_E2_seed_outside_64_bits(rq, seed):
    one_line(rq("quiz", "-n", "1", "--seed", seed, input="\n"), 2, "--seed")
    assert not rq.db.exists() or rq("due").rc == 0
    for ok in (str(2**63 - 1), str(-(2**63))):
        r = rq("quiz", "-n", "1", "--seed", ok, "--json", input="\n")
        assert r.rc == 0 and json.loads(r.out)["seed"] == int(ok), r


@pytest.mark.parametrize("minutes", ["inf", "1e308", "1e10", "nan", "-inf", "1441"])
def test_E4_timed_out_of_range(rq, minutes):
    one_line(rq("quiz", "-n", "1", "--timed", minutes, input="\n", timeout=20), 2, "--timed")


@pytest.mark.parametrize("now", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "2999-01-01T00:00:00+00:00",
                                 "1969-12-31T23:59:59+00:00"])  # fmt: skip
def test_E8_rnnquiz_now_at_the_ends_of_the_calendar(rq, now):
    for args in (["review", "--limit", "1"], ["stats"], ["due"], ["quiz", "-n", "1", "--seed", "1"]):
        one_line(rq(*args, input="?\n", env={"RNNQUIZ_NOW": now}), 2, "RNNQUIZ_NOW", "out of range")
    for edge in ("1970-01-01T00:00:00+00:00", "2199-12-31T23:59:59+00:00"):
        for args in (["review", "--limit", "1"], ["stats"]):
            r = rq(*args, input="1\n", env={"RNNQUIZ_NOW": edge})
            assert r.rc == 0 and "Traceback" not in r.err, r


@pytest.mark.parametrize("tz", ["XYZ+25:59", "XYZ-24:00", "ABC+24"])
def test_E10_glibc_time_zones_beyond_24_hours(rq, tz):
    for args in (["due"], ["review", "--limit", "1"], ["stats"]):
        one_line(rq(*args, input="?\n", env={"TZ": tz}), 2, "TZ=", "zone name")


def test_B3_a_300_character_bank_name(rq):
    before = digest(rq.home)
    one_line(rq("bank", "new", "a" * 300), 2, "300 characters")
    assert digest(rq.home) == before
    r = rq("bank", "new", "a" * 64)
    assert r.rc == 0, r


def test_B4_banks_is_a_file(rq):
    (rq.home / "banks").write_text("not a folder")
    before = digest(rq.home / "banks")
    one_line(rq("bank", "new", "x"), 4, "is not a folder")
    assert digest(rq.home / "banks") == before
    r = rq("list", "--topic", "rnn")
    assert r.rc == 0 and r.err == "", r  # the other commands do not mind


# --- held -------------------------------------------------------------------------------------------


def _click_usage_error(r, option: str) -> None:
    """Click's own usage error (several lines, a known wart): exit 2, no traceback, names the option."""
    assert r.rc == 2, r
    assert "Traceback" not in r.err, r
    assert option in r.err, r


def test_H35_number_zero_and_negative(rq):
    for n in ("0", "-3"):
        _click_usage_error(rq("quiz", "-n", n, input="\n"), "-n")


def test_H36_timed_zero_or_negative(rq):
    for minutes in ("0", "-5"):
        one_line(rq("quiz", "-n", "1", "--timed", minutes, input="\n"), 2, "--timed")


@pytest.mark.parametrize("until", ["2026-13-45", "yesterday", "31/12/2026", "2026-02-30"])
def test_H37_bad_dates(rq, until):
    r = rq("review", "--until", until, "--limit", "1", input="?\n")
    assert r.rc == 2 and "Traceback" not in r.err, r
    assert len(r.err_lines()) == 1 or "Error:" in r.err, r


@pytest.mark.parametrize("now, words", [("2026-12-01T09:00:00", "needs a UTC offset"), ("tomorrow", "not an ISO 8601"),
                                        ("2026-12-01T25:00:00+00:00", "not an ISO 8601")])  # fmt: skip
def test_H38_rnnquiz_now_without_offset_or_garbage(rq, now, words):
    one_line(rq("due", env={"RNNQUIZ_NOW": now}), 2, words)


@pytest.mark.parametrize("tz", ["Nowhere/Land", "", ":/etc/passwd", "UTC+14", "Pacific/Kiritimati", "Asia/Kathmandu"])
def test_H39_exotic_time_zone_names(rq, tz):
    for args in (["due"], ["review", "--limit", "1"]):
        r = rq(*args, input="?\n", env={"TZ": tz})
        assert r.rc == 0 and "Traceback" not in r.err, r


def test_H40_dst_gaps_and_folds(rq):
    # 2026-03-08 02:30 does not exist in New York; 2026-11-01 01:30 happens twice.
    for now in ("2026-03-08T07:30:00+00:00", "2026-11-01T05:30:00+00:00", "2026-11-01T06:30:00+00:00"):
        for args in (["review", "--limit", "2"], ["due", "--json"], ["stats", "--json"]):
            r = rq(*args, input="3\n3\n", env={"TZ": "America/New_York", "RNNQUIZ_NOW": now})
            assert r.rc == 0 and "Traceback" not in r.err, r
    r = rq("config", "rollover_hour", "2", env={"TZ": "America/New_York"})
    assert r.rc in (0, 2), r
    r = rq("due", env={"TZ": "America/New_York", "RNNQUIZ_NOW": "2026-03-08T07:30:00+00:00"})
    assert r.rc == 0, r


def test_H41_unknown_language_option(rq):
    for args in (["list", "--lang", "xx"], ["show", "rnn-definition", "--lang", "fr"], ["quiz", "--lang", "ja"]):
        one_line(rq(*args, input="\n"), 2, "--lang")


def test_H42_unknown_language_in_the_environment(rq):
    one_line(rq("list", env={"RNNQUIZ_LANG": "ja"}), 2, "RNNQUIZ_LANG")


@pytest.mark.parametrize("args", [["list", "--topic", "gru2"], ["list", "--type", "essay"], ["list", "--tag", "nope"],
                                  ["show", "no-such-id"], ["quiz", "--topic", "nope"], ["prove", "no-such-proof"],
                                  ["suspend", "nope"]])  # fmt: skip
def test_H43_unknown_topic_type_tag_or_id(rq, args):
    r = rq(*args, input="\n")
    one_line(r, 2)


def test_H44_unknown_or_bad_settings(rq):
    one_line(rq("config", "nope"), 2, "No setting named")
    one_line(rq("config", "lang", "ja"), 2)
    one_line(rq("config", "new_per_day", "many"), 2)
    assert rq("config").rc == 0


def test_H46_non_numbers_for_numeric_options(rq):
    for args in (["quiz", "-n", "abc"], ["review", "--limit", "x"], ["quiz", "--seed", "1.5"], ["quiz", "--timed", "soon"]):
        _click_usage_error(rq(*args, input="\n"), args[1])


def test_H47_far_offsets_in_rnnquiz_now(rq):
    for now in ("2026-12-01T09:00:00+14:00", "2026-12-01T09:00:00-12:00", "2026-12-01T09:00:00+23:59"):
        r = rq("review", "--limit", "1", input="?\n", env={"RNNQUIZ_NOW": now})
        assert r.rc == 0 and "Traceback" not in r.err, r


def test_N16_counts_beyond_64_bits_and_negative_limits(rq):
    one_line(rq("quiz", "--missed", "9" * 30, input="\n"), 2, "fewer than")
    one_line(rq("review", "--limit", "-1", input="\n"), 2, "--limit")
    for args in (["quiz", "-n", "9" * 30, "--seed", "1"], ["review", "--limit", "9" * 30], ["review", "--new", "9" * 30]):
        r = rq(*args, input="?\n")
        assert r.rc == 0 and "Traceback" not in r.err, r


def test_N17_importing_dev_zero_or_a_fifo_is_refused_at_once(rq):
    import os

    fifo = rq.tmp / "pipe.json"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        one_line(rq("import", "history", path, timeout=15), 2, "not a regular file")


def test_N20_banks_is_a_dangling_symlink_or_a_device(rq):
    import os

    os.symlink(rq.tmp / "nowhere", rq.home / "banks")
    one_line(rq("bank", "new", "x"), 4, "is not a folder")
    (rq.home / "banks").unlink()
    os.symlink("/dev/null", rq.home / "banks")
    one_line(rq("bank", "new", "x"), 4, "is not a folder")
    r = rq("list", "--topic", "rnn")
    assert r.rc == 0 and r.err == "", r
