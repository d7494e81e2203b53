"""rnnquiz: interview practice on RNN, BiRNN, BPTT, GRU and LSTM, with NumPy proofs."""

import _signal  # first: the start-up handler below is installed before anything else runs


def _quit_if_interrupted_at_start() -> None:
    """Ctrl-C while the program is still starting (imports, before `cli.main` takes over) ends it with one
    line and exit 130: nothing has been written yet. Only for the `rnnquiz` script and `python -m rnnquiz`,
    never when another program imports the package (there the previous handler is put back at once). The
    handler goes in before the check of argv, so the check itself is covered. `_signal`, not `signal`:
    that one imports enum, and a Ctrl-C during that import would still be a traceback."""

    def interrupted(signum: int, frame: object) -> None:
        import os

        os.write(2, b"rnnquiz: Interrupted.\n")
        os._exit(130)

    try:
        previous = _signal.signal(_signal.SIGINT, interrupted)
    except ValueError:  # not the main thread
        return
    import os
    import sys

    argv0 = sys.argv[0] if sys.argv else ""
    if argv0 != "-m" and os.path.basename(argv0) not in ("rnnquiz", "rnnquiz.exe"):
        _signal.signal(_signal.SIGINT, previous)


_quit_if_interrupted_at_start()

__version__ = "0.1.0"
