"""The sandbox: a loop is stopped with its line, a memory bomb ends in MemoryError, a syntax error has its
line, no sockets, no new programs, no rnnquiz imports, no escape sequences in what comes back."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from rnnquiz.drills.sandbox import Limits, run_candidate

from .helpers import write

ONE = [{"id": "c", "args": {"x": {"t": "f", "v": 1.0}}}]


def run(tmp_path: Path, src: str, **limits) -> object:
    return run_candidate(write(tmp_path, src), "f", ONE, Limits(**limits) if limits else None)


def test_an_endless_loop_is_stopped_and_its_line_named(tmp_path: Path) -> None:
    r = run(tmp_path, "def f(x):\n    n = 0\n    while True:\n        n += 1\n", seconds=1.0)
    assert r.load is not None and r.load.kind == "timeout"
    assert r.load.line in (3, 4)
    assert r.seconds < 4.5


def test_a_memory_bomb_ends_in_memory_error_at_its_line(tmp_path: Path) -> None:
    src = "def f(x):\n    hog = []\n    while True:\n        hog.append(bytearray(50_000_000))\n"
    r = run(tmp_path, src, memory_mb=256)
    err = r.cases["c"]["error"]
    assert err.kind == "memory" and err.line == 4


def test_a_syntax_error_is_reported_with_its_line(tmp_path: Path) -> None:
    r = run(tmp_path, "import numpy as np\n\ndef f(x):\n    return (x +\n\n")
    assert r.load is not None and r.load.kind == "syntax" and r.load.line in (4, 5)


def test_an_exception_at_import_time_is_a_result(tmp_path: Path) -> None:
    r = run(tmp_path, "import numpy as np\nraise SystemExit(3)\n")
    assert r.load is not None and r.load.type == "SystemExit" and r.load.line == 2 and r.load.stage == "load"


def test_a_missing_function_is_named(tmp_path: Path) -> None:
    r = run(tmp_path, "def g(x):\n    return x\n")
    assert r.load is not None and r.load.kind == "missing" and r.load.message == "f"


def test_no_socket_no_subprocess_no_rnnquiz(tmp_path: Path) -> None:
    src = '''
    def f(x):
        import os, socket, subprocess
        out = []
        for attempt in (lambda: socket.socket(), lambda: socket.create_connection(("127.0.0.1", 9)),
                        lambda: subprocess.run(["true"]), lambda: os.system("true"), lambda: __import__("rnnquiz.models")):
            try:
                attempt()
                out.append("allowed")
            except BaseException as exc:
                out.append(type(exc).__name__)
        return {"n_allowed": float(out.count("allowed"))}
    '''
    r = run(tmp_path, src)
    assert r.cases["c"]["result"]["v"]["n_allowed"]["v"] == 0.0


@pytest.mark.skipif(sys.platform != "linux", reason="seccomp is Linux only")
def test_the_seccomp_filter_is_installed_under_the_audit_hook(tmp_path: Path) -> None:
    """The audit hook can be got round from C; the kernel filter (mode 2) cannot be removed once set."""
    src = """
    def f(x):
        status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
        return {"seccomp": float(status["Seccomp"].strip()), "nnp": float(status["NoNewPrivs"].strip())}
    """
    r = run(tmp_path, src)
    if "seccomp" not in r.guard.split("+"):
        pytest.skip(f"seccomp not available here ({r.guard})")
    res = r.cases["c"]["result"]["v"]
    assert res["seccomp"]["v"] == 2.0 and res["nnp"]["v"] == 1.0


def test_printed_text_comes_back_without_control_sequences(tmp_path: Path) -> None:
    r = run(tmp_path, "def f(x):\n    print('\\x1b[2J\\x1b]0;pwn\\x07hello')\n    return x\n")
    assert "\x1b" not in r.printed and "\x07" not in r.printed and "hello" in r.printed


def test_the_candidate_file_is_copied_not_run_in_place(tmp_path: Path) -> None:
    r = run(tmp_path, "import os\ndef f(x):\n    return float(os.path.basename(os.getcwd()).startswith('rnnquiz-drill-'))\n")
    assert r.cases["c"]["result"]["v"] == 1.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["candidate.py"]


def test_the_candidate_cannot_signal_the_grader(tmp_path: Path) -> None:
    src = '''
    import os, signal

    def f(x):
        refused = 0.0
        for pid in (os.getppid(), 0, -1):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                refused += 1
        return refused
    '''
    r = run(tmp_path, src)
    assert r.cases["c"]["result"]["v"] == 3.0


def test_a_thread_left_running_does_not_hold_the_check(tmp_path: Path) -> None:
    src = '''
    import threading

    def spin():
        while True:
            pass

    def f(x):
        threading.Thread(target=spin).start()
        return x
    '''
    r = run(tmp_path, src, seconds=5.0)
    assert r.load is None and r.cases["c"]["result"]["v"] == 1.0
    assert r.seconds < 3.0


def test_a_forged_result_file_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    from rnnquiz.drills import grade

    src = '''
    import json, os

    def sigmoid(x):
        json.dump({"cases": [{"id": "random-1", "result": {"t": "d", "v": [1, 2]}, "changed": 5,
                              "error": "no"}, {"id": "0-d", "result": {"t": "a", "v": "x", "shape": [10**12],
                              "dtype": "float64"}}]}, open(os.path.join(os.getcwd(), "output.json"), "w"))
        os._exit(0)
    '''
    result = grade.check_file("stable-sigmoid", write(tmp_path, src), seed=1)
    assert not result.passed


def test_printing_past_the_file_limit_is_an_error_not_a_hang(tmp_path: Path) -> None:
    src = "import sys\ndef f(x):\n    while True:\n        print('y' * 100000)\n        sys.stderr.write('z' * 100000)\n"
    r = run(tmp_path, src, file_bytes=1_000_000)
    assert r.cases["c"]["error"].type == "OSError" and "output limit" in r.cases["c"]["error"].message
    assert len(r.printed) <= 2000


def _landlock_abi() -> int:
    if sys.platform != "linux":
        return 0
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    return max(int(libc.syscall(444, None, 0, 1)), 0)  # landlock_create_ruleset(..., VERSION)


@pytest.mark.skipif(_landlock_abi() < 1, reason="Landlock is unavailable here (not Linux >= 5.13 with Landlock "
                    "enabled): the drill's code then runs with the user's file permissions")
def test_landlock_refuses_the_store_and_writes_outside_the_temporary_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    store = home / "rnnquiz.sqlite3"
    store.write_bytes(b"SQLite format 3\x00 secret answers")
    outside = tmp_path / "PWNED_write"
    src = f'''
    import os

    def f(x):
        out = {{}}
        for name, attempt in (("store", lambda: open({str(store)!r}, "rb").read()),
                              ("passwd", lambda: open("/etc/passwd").read()),
                              ("listing", lambda: os.listdir({str(home)!r})),
                              ("write", lambda: open({str(outside)!r}, "w").write("x")),
                              ("own", lambda: open("scratch.txt", "w").write("fine here"))):
            try:
                attempt()
                out[name] = 1.0
            except PermissionError:
                out[name] = 0.0
        return out
    '''
    r = run(tmp_path / "c", src) if (tmp_path / "c").mkdir() is None else None
    assert r is not None and "landlock" in r.guard.split("+")
    got = {k: v["v"] for k, v in r.cases["c"]["result"]["v"].items()}
    assert got == {"store": 0.0, "passwd": 0.0, "listing": 0.0, "write": 0.0, "own": 1.0}
    assert not outside.exists()


@pytest.mark.parametrize(("guard", "noted"), [("seccomp+audit", True), ("audit", True), ("seccomp+landlock+audit", False)])
def test_the_report_says_once_when_files_were_not_confined(guard: str, noted: bool) -> None:
    import io

    from rich.console import Console

    from rnnquiz.drills.catalog import get
    from rnnquiz.drills.grade import CheckResult
    from rnnquiz.render.drill import print_check

    buf = io.StringIO()
    print_check(Console(file=buf, width=200), CheckResult("stable-sigmoid", "f.py", True, 1, [], guard=guard),
                get("stable-sigmoid"), "en")
    assert buf.getvalue().count("Landlock is unavailable") == (1 if noted else 0)


def test_printing_a_lot_does_not_fail_a_right_function_and_is_counted(tmp_path: Path) -> None:
    """Over the 32 MiB file limit through print(): the function still returns; the report counts the lines."""
    from rnnquiz.drills import grade

    src = "import numpy as np\n" + "\n".join(
        ["def sigmoid(x):", "    for _ in range(400):", "        print('y' * 100_000)",
         "    e = np.exp(-np.abs(x))", "    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))"])
    result = grade.check_file("stable-sigmoid", write(tmp_path, src), seed=1,
                              limits=Limits(file_bytes=4_000_000))
    assert result.passed, [(t.id, t.detail) for t in result.tests]
    assert result.printed_lines >= 400


def test_writing_past_the_file_limit_says_the_output_limit_was_hit(tmp_path: Path) -> None:
    from rnnquiz.render.drill import detail_line, error_line

    src = "import os\ndef f(x):\n    with open('big.bin', 'wb') as fh:\n        fh.write(b'y' * 3_000_000)\n    return x\n"
    r = run(tmp_path, src, file_bytes=1_000_000)
    err = r.cases["c"]["error"]
    assert "output limit" in err.message
    assert "File too large" not in err.message
    assert "输出上限" in error_line(err, "zh", 512)
    assert "输出上限" in (detail_line({"case": "c", "error": f"OSError: {err.message}"}, "zh") or "")


def test_the_report_marks_lines_it_did_not_show(tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from rnnquiz.drills.catalog import get
    from rnnquiz.drills.grade import CheckResult
    from rnnquiz.render.drill import print_check

    buf = io.StringIO()
    res = CheckResult("stable-sigmoid", "f.py", True, 1, [], guard="audit+landlock",
                      printed="\n".join(str(i) for i in range(7)), printed_lines=120)
    print_check(Console(file=buf, width=200), res, get("stable-sigmoid"), "en")
    assert "… 115 more lines" in buf.getvalue()


@pytest.mark.skipif(_landlock_abi() < 1, reason="Landlock is unavailable here: files are not confined, nothing to name")
def test_a_refused_file_is_named_as_the_sandbox(tmp_path: Path) -> None:
    from rnnquiz.drills import grade

    src = "def sigmoid(x):\n    return open('/etc/passwd').read()\n"
    result = grade.check_file("stable-sigmoid", write(tmp_path, src), seed=1)
    assert not result.passed and result.bug is not None and result.bug[0] == "sandbox-files"


@pytest.mark.skipif(_landlock_abi() < 1, reason="Landlock is unavailable here: no read-only roots to check")
def test_no_read_only_root_contains_the_store_or_home(tmp_path: Path, monkeypatch) -> None:
    """Were the store inside the Python installation (RNNQUIZ_HOME under sys.prefix), that root is dropped."""
    import os

    home = Path(sys.prefix) / "rnnquiz-test-home"
    monkeypatch.setenv("RNNQUIZ_HOME", str(home))
    try:
        home.mkdir(exist_ok=True)
        (home / "rnnquiz.sqlite3").write_bytes(b"secret")
        src = f"def f(x):\n    try:\n        open({str(home / 'rnnquiz.sqlite3')!r}, 'rb').read()\n        return 1.0\n" \
              "    except PermissionError:\n        return 0.0\n"
        r = run(tmp_path, src)
        assert r.cases["c"]["result"]["v"] == 0.0
    finally:
        for p in home.glob("*"):
            os.remove(p)
        home.rmdir()


def test_the_captured_stdout_still_behaves_like_a_file(tmp_path: Path) -> None:
    src = ("import sys\ndef f(x):\n    sys.stdout.writelines(['a\\n', 'b\\n'])\n    sys.stdout.buffer.write(b'c\\n')\n"
           "    sys.stdout.flush()\n    print('d', flush=True)\n    return float(sys.stdout.fileno() == 1)\n")
    r = run(tmp_path, src)
    assert r.cases["c"]["result"]["v"] == 1.0
    assert "a" in r.printed and "d" in r.printed
