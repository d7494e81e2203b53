"""`rnnquiz drill`, `drill start`, `drill check` as a user runs them (real processes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rnnquiz.drills.solutions import solution_source

WRONG_LSTM = solution_source("lstm_cell_forward").replace("return o * np.tanh(c), c", "return o * c, c")


def test_list_json_and_text(run_cli) -> None:
    r = run_cli("drill", "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["version"] == 1 and len(doc["drills"]) >= 12
    assert all(d["best"] is None and d["card"] == f"drill:{d['id']}" for d in doc["drills"])
    zh = run_cli("drill", "--lang", "zh")
    assert zh.returncode == 0 and "LSTM 单元前向" in zh.stdout


def test_start_writes_the_starter_and_refuses_to_overwrite(run_cli, rnnquiz_home: Path) -> None:
    r = run_cli("drill", "start", "lstm-cell-forward", "--lang", "zh")
    assert r.returncode == 0, r.stderr
    path = rnnquiz_home / "drills" / "lstm-cell-forward.py"
    assert str(path) in r.stdout and "def lstm_cell_forward(" in path.read_text(encoding="utf-8")
    assert "输出门" not in r.stdout and "记号：" in path.read_text(encoding="utf-8")
    again = run_cli("drill", "start", "lstm-cell-forward")
    assert again.returncode == 2 and "exists" in again.stderr and "Traceback" not in again.stderr


def test_wrong_then_fixed_lstm_is_named_then_passes_and_best_is_shown(run_cli, tmp_path: Path) -> None:
    f = tmp_path / "mine.py"
    f.write_text(WRONG_LSTM, encoding="utf-8")
    r = run_cli("drill", "check", "lstm-cell-forward", str(f), "--hint")
    assert r.returncode == 1, r.stderr
    assert "✗" in r.stdout and "h = o ⊙ c" in r.stdout and "Hint 1/3" in r.stdout
    assert "drill:lstm-cell-forward: 1 (Again)" in r.stdout
    f.write_text(solution_source("lstm_cell_forward"), encoding="utf-8")
    ok = run_cli("drill", "check", "lstm-cell-forward", str(f), "--json")
    assert ok.returncode == 0, ok.stderr
    doc = json.loads(ok.stdout)
    assert doc["check"]["passed"] and doc["attempt"]["rating"] == 2  # a pass after a hint is Hard
    listed = json.loads(run_cli("drill", "--json").stdout)
    best = next(d for d in listed["drills"] if d["id"] == "lstm-cell-forward")["best"]
    assert best["passed"] is True and best["attempts"] == 2


def test_check_json_names_the_bug(run_cli, tmp_path: Path) -> None:
    f = tmp_path / "mine.py"
    f.write_text(WRONG_LSTM, encoding="utf-8")
    doc = json.loads(run_cli("drill", "check", "lstm-cell-forward", str(f), "--json", "--seed", "3").stdout)
    assert doc["check"]["likely_bug"]["variant"] == "h-without-tanh" and doc["check"]["seed"] == 3


def test_errors_are_one_line_no_traceback(run_cli, tmp_path: Path) -> None:
    r = run_cli("drill", "check", "lstm-cell-forward")
    assert r.returncode == 2 and "drill start lstm-cell-forward" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("drill", "check", "no-such-drill", str(tmp_path))
    assert r.returncode == 2 and "No drill named" in r.stderr
    bad = tmp_path / "bad.py"
    bad.write_text("def sigmoid(x):\n    return 1 /\n", encoding="utf-8")
    r = run_cli("drill", "check", "stable-sigmoid", str(bad))
    assert r.returncode == 1 and "line 2" in r.stdout and "Traceback" not in r.stdout + r.stderr


def test_solution_needs_confirmation(run_cli) -> None:
    r = run_cli("drill", "check", "stable-sigmoid", "--solution", input="")
    assert r.returncode == 2 and "--yes" in r.stderr
    r = run_cli("drill", "check", "stable-sigmoid", "--solution", "--yes")
    assert r.returncode == 0 and "def sigmoid(x):" in r.stdout


@pytest.mark.parametrize("args", [["drill"], ["drill", "--json"], ["drill", "start", "param-count", "--out", "p.py"],
                                  ["drill", "--help"]])
def test_listing_and_starting_drills_never_import_numpy(args: list[str], tmp_path: Path) -> None:
    code = (f"import runpy, sys\nsys.argv = ['rnnquiz', *{args!r}]\ntry:\n    runpy.run_module('rnnquiz', run_name='__main__')\n"
            "except SystemExit as exc:\n    assert not exc.code, exc.code\nprint('NUMPY', 'numpy' in sys.modules, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert "NUMPY False" in proc.stderr, proc.stderr


def test_core_drill_modules_import_neither_typer_nor_rich() -> None:
    code = ("import sys, rnnquiz.drills.grade, rnnquiz.drills.progress, rnnquiz.drills.starter; "
            "print(sorted(m for m in ('typer', 'rich', 'click', 'sqlite3') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_folder_given_as_file_is_one_line_exit_2(run_cli, tmp_path: Path) -> None:
    r = run_cli("drill", "check", "stable-sigmoid", str(tmp_path))
    assert r.returncode == 2 and "is a folder" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    zh = run_cli("drill", "check", "stable-sigmoid", str(tmp_path / "nope.py"), "--lang", "zh")
    assert zh.returncode == 2 and "文件不存在" in zh.stderr


def test_an_unreadable_folder_or_file_is_one_line(monkeypatch, tmp_path: Path) -> None:
    """EACCES from stat (a folder without read/search permission; root cannot be denied, so it is simulated)."""
    import errno

    from rnnquiz.commands import drill as cmd
    from rnnquiz.errors import UsageError

    def denied(self, *a, **k):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "stat", denied)
    with pytest.raises(UsageError) as exc:
        cmd._check_readable(tmp_path / "noperm" / "a.py", "stable-sigmoid", "en", given=True)
    assert exc.value.exit_code == 2 and "cannot be read (Permission denied)" in str(exc.value)
    assert "\n" not in str(exc.value)


def test_drill_errors_are_translated(run_cli) -> None:
    r = run_cli("drill", "check", "no-such-drill", "--lang", "zh")
    assert r.returncode == 2 and "没有名为" in r.stderr
    r = run_cli("drill", "check", "stable-sigmoid", "--solution", "--lang", "zh", input="")
    assert r.returncode == 2 and "--yes" in r.stderr and "确认" in r.stderr


def test_a_re_run_after_the_solution_stays_again(run_cli, tmp_path: Path) -> None:
    f = tmp_path / "mine.py"
    f.write_text(solution_source("sigmoid"), encoding="utf-8")
    assert run_cli("drill", "check", "stable-sigmoid", "--solution", "--yes").returncode == 0
    for _ in range(2):
        r = run_cli("drill", "check", "stable-sigmoid", str(f), "--json")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["attempt"]["rating"] == 1
    text = run_cli("drill", "check", "stable-sigmoid", str(f))
    assert "Already rated" in text.stdout and "1 (Again)" in text.stdout


def test_the_solution_is_printed_unwrapped_when_piped(run_cli) -> None:
    r = run_cli("drill", "check", "lstm-cell-forward", "--solution", "--yes", env={"COLUMNS": "40"})
    assert r.returncode == 0, r.stderr
    source = solution_source("lstm_cell_forward")
    assert max(len(ln) for ln in source.splitlines()) > 40
    for line in source.splitlines():
        assert line in r.stdout.splitlines()


def test_sandbox_refusals_are_translated(run_cli, tmp_path: Path) -> None:
    f = tmp_path / "s.py"
    f.write_text("import os\n\ndef sigmoid(x):\n    os.system('true')\n    return x\n", encoding="utf-8")
    r = run_cli("drill", "check", "stable-sigmoid", str(f), "--lang", "zh")
    assert r.returncode == 1 and "练习沙箱不允许 os.system" in r.stdout and "is not allowed" not in r.stdout


def test_checking_the_untouched_starter_records_nothing(run_cli, rnnquiz_home: Path) -> None:
    assert run_cli("drill", "start", "rnn-bptt", "--no-edit").returncode == 0
    r = run_cli("drill", "check", "rnn-bptt")
    assert r.returncode == 1 and "not implemented yet" in r.stdout and "Recorded" not in r.stdout
    best = {d["id"]: d["best"] for d in json.loads(run_cli("drill", "--json").stdout)["drills"]}
    assert best["rnn-bptt"] is None
