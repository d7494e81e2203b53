"""The sandboxed child of `rnnquiz drill check`: runs a candidate's file on the grader's inputs.

Run as a script, never imported: ``python -I _child.py WORKDIR``. It reads ``WORKDIR/input.json`` (the
function name, the cases as JSON data, the limits), runs the candidate's function on every case and writes
``WORKDIR/output.json``: per case the result as JSON data, or the exception with its line in the
candidate's file. It imports nothing from rnnquiz (and refuses to let the candidate do so).

Limits, set here before the candidate's file is read:
- memory: RLIMIT_AS = the address space after NumPy's import + the limit (a bomb ends in MemoryError);
- CPU: RLIMIT_CPU; wall time: faulthandler dumps the stack (so the parent can name the line) and exits;
  the parent also kills the whole process group after a grace period;
- output files: RLIMIT_FSIZE; no core dumps;
- no network and no new programs: on Linux x86-64 a seccomp filter makes socket(), socketpair(),
  io_uring, execve(), fork() and non-thread clone() fail with EPERM at the kernel; everywhere an audit
  hook refuses socket creation, subprocess, os.system/exec/fork/spawn and ctypes.dlopen.
- files: on Linux >= 5.13 Landlock lets the code read only the Python installation, its packages and the
  system libraries, and write only in its temporary folder (the store, your home and /etc are refused).
Where Landlock is unavailable (an older kernel, macOS) the code runs with the user's own file permissions:
the sandbox then protects against accidents (a loop, a bomb, a stray download), not against hostile code.
The parent reports which guards were in force (``Run.guard``). Landlock and seccomp bind the main thread
and every thread it starts afterwards (the candidate's); threads started before them (OpenBLAS workers,
faulthandler's watchdog) run no candidate code.
"""

import json
import os
import sys

WORKDIR = sys.argv[1]


def _read_json(name):
    with open(os.path.join(WORKDIR, name), encoding="utf-8") as f:
        return json.load(f)


SPEC = _read_json("input.json")
LIMITS = SPEC["limits"]

import faulthandler  # noqa: E402
import resource  # noqa: E402
import traceback  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402  before the limits: its import is not the candidate's memory

_TIMEOUT_FILE = open(os.path.join(WORKDIR, "timeout.txt"), "w")  # noqa: SIM115
faulthandler.dump_traceback_later(LIMITS["seconds"], exit=True, file=_TIMEOUT_FILE)


def _vm_bytes():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _set_limits():
    mem = LIMITS["memory_mb"] * 1024 * 1024
    vm = _vm_bytes()
    if vm:
        resource.setrlimit(resource.RLIMIT_AS, (vm + mem, vm + mem))
    else:  # no /proc (macOS): RLIMIT_AS is not enforced there anyway; the data segment is
        try:
            resource.setrlimit(resource.RLIMIT_DATA, (mem, mem))
        except (ValueError, OSError):
            pass
    cpu = int(LIMITS["seconds"]) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMITS["file_bytes"], LIMITS["file_bytes"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _seccomp():
    """Kernel-level refusal of sockets and new programs (Linux x86-64). Returns True when installed."""
    import platform

    if sys.platform != "linux" or platform.machine() != "x86_64":
        return False
    import ctypes
    import errno
    import struct

    def stmt(code, k):
        return struct.pack("HBBI", code, 0, 0, k)

    def jump(code, k, jt, jf):
        return struct.pack("HBBI", code, jt, jf, k)

    LD_W_ABS, JEQ, JGE, JSET, RET = 0x20, 0x15, 0x35, 0x45, 0x06
    ALLOW, DENY = 0x7FFF0000, 0x00050000 | errno.EPERM
    ENOSYS = 0x00050000 | errno.ENOSYS
    # socket, socketpair, execve, execveat, io_uring_setup, fork, vfork, ptrace, process_vm_writev
    denied = [41, 53, 59, 322, 425, 57, 58, 101, 311]
    prog = [
        stmt(LD_W_ABS, 4),  # arch
        jump(JEQ, 0xC000003E, 1, 0),  # AUDIT_ARCH_X86_64, else deny (no i386 int 0x80 detour)
        stmt(RET, DENY),
        stmt(LD_W_ABS, 0),  # syscall number
        jump(JGE, 0x40000000, 0, 1),  # the x32 ABI: deny
        stmt(RET, DENY),
        jump(JEQ, 435, 0, 1),  # clone3: ENOSYS, so the C library falls back to clone (checked below)
        stmt(RET, ENOSYS),
    ]
    for nr in denied:
        prog += [jump(JEQ, nr, 0, 1), stmt(RET, DENY)]
    pid = os.getpid()
    for nr in (62, 234):  # kill, tgkill: only this process may be signalled (a pid of 0 or −1 is refused)
        prog += [jump(JEQ, nr, 0, 4), stmt(LD_W_ABS, 16), jump(JEQ, pid, 0, 1), stmt(RET, ALLOW), stmt(RET, DENY)]
    prog += [jump(JEQ, 200, 0, 1), stmt(RET, DENY),  # tkill
             jump(JEQ, 424, 0, 1), stmt(RET, DENY)]  # pidfd_send_signal
    prog += [
        jump(JEQ, 56, 0, 4),  # clone: allow threads only (CLONE_THREAD in the flags); else to ALLOW
        stmt(LD_W_ABS, 16),  # args[0], low 32 bits
        jump(JSET, 0x00010000, 0, 1),
        stmt(RET, ALLOW),
        stmt(RET, DENY),
        stmt(RET, ALLOW),
    ]
    try:
        libc = ctypes.CDLL(None, use_errno=True)

        class Fprog(ctypes.Structure):
            _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

        buf = ctypes.create_string_buffer(b"".join(prog))
        fp = Fprog(len(prog), ctypes.cast(buf, ctypes.c_void_p))
        if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
            return False
        return libc.prctl(22, 2, ctypes.byref(fp), 0, 0) == 0  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
    except Exception:
        return False


def _landlock_roots():
    """Folders the candidate may read: the Python installation, its packages, the system libraries."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.dirname(np.__file__))}
    roots.update(p for p in sys.path if p and ("site-packages" in p or "dist-packages" in p))
    roots.update(("/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib", "/usr/share/zoneinfo"))
    protect = [os.path.realpath(p) for p in SPEC.get("protect", []) if isinstance(p, str) and p]

    def contains(root, path):  # root is path or one of its ancestors
        return path == root or path.startswith(root.rstrip("/") + "/")

    return sorted(r for r in (os.path.realpath(x) for x in roots)
                  if os.path.isdir(r) and r != "/" and not any(contains(r, p) for p in protect))


def _landlock():
    """Confine the file system (Linux >= 5.13, Landlock): read-only access to the Python installation,
    its packages and the system libraries; read and write only in WORKDIR (the temporary copy's folder).
    Everything else (the store, your home, /etc) is refused by the kernel with EACCES. Returns True when
    the rules are in force."""
    if sys.platform != "linux":
        return False
    import ctypes
    import struct

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        abi = libc.syscall(444, None, 0, 1)  # landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)
        if abi < 1:
            return False
        read = 1 | 4 | 8  # EXECUTE, READ_FILE, READ_DIR
        write = 2 | 16 | 32 | 128 | 256 | 1024 | 4096  # WRITE_FILE, REMOVE_*, MAKE_DIR/REG/FIFO/SYM
        handled = read | write | 64 | 512 | 2048  # and MAKE_CHAR, MAKE_SOCK, MAKE_BLOCK: never allowed
        if abi >= 2:
            handled |= 8192  # REFER (links and renames across folders)
            write |= 8192
        if abi >= 3:
            handled |= 16384  # TRUNCATE
            write |= 16384
        attr = ctypes.create_string_buffer(struct.pack("Q", handled))
        ruleset = libc.syscall(444, attr, 8, 0)
        if ruleset < 0:
            return False
        try:
            rules = [(root, read) for root in _landlock_roots()] + [(WORKDIR, read | write)]
            rules.append((f"/proc/{os.getpid()}", 4 | 8))  # its own /proc entry (status, limits) only
            rules.append(("/dev/null", 2 | 4 | (16384 if abi >= 3 else 0)))
            for path, access in rules:
                is_dir = os.path.isdir(path)
                if not is_dir:
                    access &= 2 | 4 | 1 | 16384  # a file takes only file rights
                try:
                    fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
                except OSError:
                    continue
                try:
                    rule = ctypes.create_string_buffer(struct.pack("=Qi", access, fd))
                    if libc.syscall(445, ruleset, 1, rule, 0) != 0:  # LANDLOCK_RULE_PATH_BENEATH
                        return False
                finally:
                    os.close(fd)
            if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
                return False
            return libc.syscall(446, ruleset, 0) == 0  # landlock_restrict_self
        finally:
            os.close(ruleset)
    except Exception:
        return False


_PID = os.getpid()
_REFUSED = ("socket.", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
            "os.fork", "os.forkpty", "pty.spawn", "ctypes.dlopen", "os.startfile", "webbrowser.open")


def _audit(event, args):
    if event in ("os.kill", "os.killpg") and not (event == "os.kill" and args and args[0] == _PID):
        raise PermissionError(f"rnnquiz drill sandbox: {event} is not allowed")
    if event.startswith(_REFUSED):
        raise PermissionError(f"rnnquiz drill sandbox: {event} is not allowed")
    if event == "import" and args and isinstance(args[0], str) and args[0].split(".")[0] == "rnnquiz":
        raise ImportError("rnnquiz drill sandbox: the grader's own code is not importable here")


# --- helpers the grader hands to some drills (a layer to run, a backward to call): _helpers.py --------

_ns = {"np": np}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "_helpers.py"), encoding="utf-8") as _f:
    exec(compile(_f.read(), "_helpers.py", "exec"), _ns)
HELPERS = {name: _ns[name] for name in _ns["HELPERS"]}


# --- data in and out -----------------------------------------------------------------------------------

def decode(v):
    t = v["t"]
    if t == "a":
        return np.array(v["v"], dtype=v["dtype"]).reshape(v["shape"])
    if t in ("f", "i", "s", "b"):
        return v["v"]
    if t == "n":
        return None
    if t == "d":
        return {k: decode(x) for k, x in v["v"].items()}
    if t == "fn":
        return HELPERS[v["v"]]
    raise ValueError(t)


MAX_ELEMENTS = 1_000_000


def encode(x, depth=0):
    if depth > 4:
        return {"t": "x", "type": "a structure nested too deeply"}
    if isinstance(x, (bool, np.bool_)):
        return {"t": "b", "v": bool(x)}
    if isinstance(x, (int, np.integer)):
        return {"t": "i", "v": int(x)}
    if isinstance(x, (float, np.floating)):
        return {"t": "f", "v": float(x)}
    if isinstance(x, np.ndarray):
        if x.dtype.kind not in "biuf":
            return {"t": "x", "type": f"an array of dtype {x.dtype}"}
        if x.size > MAX_ELEMENTS:
            return {"t": "x", "type": f"an array of {x.size} elements (too large)"}
        kind = "float64" if x.dtype.kind == "f" else ("bool" if x.dtype.kind == "b" else "int64")
        return {"t": "a", "v": x.astype(kind).ravel().tolist(), "shape": list(x.shape), "dtype": kind,
                "orig": x.dtype.name}
    if isinstance(x, (tuple, list)):
        if len(x) > 64:
            return {"t": "x", "type": f"a {type(x).__name__} of {len(x)} items"}
        doc = {"t": "l", "v": [encode(i, depth + 1) for i in x]}
        if isinstance(x, list):
            doc["k"] = "list"
        return doc
    if isinstance(x, dict):
        if len(x) > 64:
            return {"t": "x", "type": f"a dict of {len(x)} items"}
        return {"t": "d", "v": {str(k): encode(i, depth + 1) for k, i in x.items()}}
    if x is None:
        return {"t": "n"}
    return {"t": "x", "type": type(x).__name__}


def same(a, b):
    """Was an input changed in place? (a is the copy taken before the call)"""
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return True


def copy(x):
    if isinstance(x, np.ndarray):
        return x.copy()
    if isinstance(x, dict):
        return {k: copy(v) for k, v in x.items()}
    return x


CANDIDATE = os.path.join(WORKDIR, SPEC["candidate"])


def where(exc):
    """(line, source line) of the innermost frame in the candidate's file, else (None, None)."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == CANDIDATE:
            line = frame.lineno
    if line is None and isinstance(exc, SyntaxError) and exc.filename == CANDIDATE:
        line = exc.lineno
    return line


def error(exc, stage):
    import errno

    kind = "memory" if isinstance(exc, MemoryError) else ("syntax" if isinstance(exc, SyntaxError) else "exception")
    msg = str(exc) if not isinstance(exc, SyntaxError) else (exc.msg or "invalid syntax")
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        msg = f"the output limit ({LIMITS['file_bytes'] / (1024 * 1024):.3g} MiB) was hit: your code wrote too much (to a file or stderr)"
    return {"stage": stage, "kind": kind, "type": type(exc).__name__, "message": msg[:500], "line": where(exc),
            "column": getattr(exc, "offset", None) if isinstance(exc, SyntaxError) else None}


class _Printed:
    """The candidate's sys.stdout: keeps the first KEEP characters (all the report shows) and counts the
    lines, so printing a lot is not an error (the file limit would end a right function with EFBIG)."""

    KEEP = 8000

    def __init__(self, real):
        self.real, self.kept, self.lines, self.tail = real, 0, 0, False

    def write(self, s):
        s = str(s)
        self.lines += s.count("\n")
        if s:
            self.tail = not s.endswith("\n")
        if self.kept < self.KEEP:
            part = s[: self.KEEP - self.kept]
            self.real.write(part)
            self.kept += len(part)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        self.real.flush()

    def fileno(self):  # writing to the descriptor bypasses the count; the file limit still holds
        return self.real.fileno()

    @property
    def buffer(self):
        return self.real.buffer

    def isatty(self):
        return False

    @property
    def encoding(self):
        return "utf-8"

    def total_lines(self):
        return self.lines + (1 if self.tail else 0)


PRINTED = _Printed(sys.stdout)


def write(doc):
    doc["printed_lines"] = PRINTED.total_lines()
    with open(os.path.join(WORKDIR, "output.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f)


def main():
    import signal

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a file over the limit is an OSError, not a killed child
    _set_limits()
    guard = "+".join(name for name, on in (("seccomp", _seccomp()), ("landlock", _landlock()), ("audit", True)) if on)
    sys.addaudithook(_audit)
    doc = {"guard": guard, "load": None, "cases": []}
    with open(CANDIDATE, encoding="utf-8", errors="replace") as f:
        source = f.read()
    sys.stdout = PRINTED
    namespace = {"__name__": "candidate", "__file__": CANDIDATE, "__builtins__": __builtins__}
    try:
        code = compile(source, CANDIDATE, "exec")
        exec(code, namespace)
    except BaseException as exc:  # SystemExit and KeyboardInterrupt from the file are results too
        doc["load"] = error(exc, "load")
        write(doc)
        return
    fn = namespace.get(SPEC["function"])
    if not callable(fn):
        doc["load"] = {"stage": "load", "kind": "missing", "type": "NameError", "line": None, "column": None,
                       "message": SPEC["function"]}
        write(doc)
        return
    import time

    np.seterr(all="warn", under="ignore")
    for case in SPEC["cases"]:
        args = {k: decode(v) for k, v in case["args"].items()}
        before = {k: copy(v) for k, v in args.items()}
        entry = {"id": case["id"]}
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            t0 = time.perf_counter()
            try:
                out = fn(*args.values())  # positionally, in the documented order: any parameter names work
            except BaseException as exc:
                entry["error"] = error(exc, "call")
            else:
                try:
                    entry["result"] = encode(out)
                except BaseException as exc:  # a result too big (MemoryError) or that fights back
                    entry["error"] = error(exc, "result")
            entry["seconds"] = time.perf_counter() - t0
        entry["changed"] = [k for k in args if not same(before[k], args[k])]
        entry["warnings"] = [f"{w.category.__name__}: {w.message}"[:200] for w in caught[:5]]
        doc["cases"].append(entry)
    write(doc)


main()
sys.__stdout__.flush()
os._exit(0)  # threads the candidate left running do not keep the process (and the check) alive
