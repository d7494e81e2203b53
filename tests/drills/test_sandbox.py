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
    if r.guard != "seccomp+audit":
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
    src = "def f(x):\n    while True:\n        print('y' * 100000)\n"
    r = run(tmp_path, src, file_bytes=1_000_000)
    assert r.cases["c"]["error"].type == "OSError"
    assert len(r.printed) <= 2000
