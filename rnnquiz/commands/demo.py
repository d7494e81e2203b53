"""`rnnquiz demo`: step through a small model one time step at a time and see what every gate does.

In a terminal: one step on screen, keys to move. Off a terminal (a pipe, NO_COLOR, --json) or with
--svg / --html: the whole trace once, plain and complete.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from rnnquiz.commands.common import JsonOpt, LangOpt, emit_json, resolve_lang
from rnnquiz.commands.complete import complete_demo_kind
from rnnquiz.errors import UsageError

KINDS = ("lstm", "gru", "rnn", "birnn", "bptt")
PLAY_SECONDS = 1.6
RESIZE_POLL = 0.3  # seconds between looks at the terminal size


def _writable(path: Path | None, option: str) -> None:
    """Fail before computing anything if `path` cannot be written."""
    if path is None:
        return
    if str(path) == "-":
        raise UsageError(f"{option} -: give a file name (the picture cannot go to stdout)")
    from rnnquiz.export.write import check_target

    check_target(path, option)  # never the store, its side files or the cache
    parent = path.expanduser().resolve().parent
    if path.is_dir():
        raise UsageError(f"{option} {path}: is a folder; give a file name")
    if not parent.is_dir():
        raise UsageError(f"{option} {path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"{option} {path}: not writable")


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        kind: Annotated[str, typer.Argument(metavar="lstm|gru|rnn|birnn|bptt", help="Which model to step through.",
                                            autocompletion=complete_demo_kind)],
        steps: Annotated[int | None, typer.Option("--steps", help="Sequence length, 5–30 [default: 8; bptt 16] (5 covers the marker, at step 2–4). The first steps are the same whatever the length.", show_default=False, min=5, max=30)] = None,
        seed: Annotated[int, typer.Option("--seed", help="Which sequence (and, with --random, which weights): 0 or more.")] = 0,
        random: Annotated[bool, typer.Option("--random", help="Untrained random weights instead of the hand-built ones, for comparison.")] = False,
        trained: Annotated[bool, typer.Option("--trained", help="Weights trained on the task (under a second, then cached): what a learner finds.")] = False,
        hidden: Annotated[int | None, typer.Option("--hidden", help="Hidden units of a --random model [default: 4].", min=1, max=8, show_default=False)] = None,
        unit: Annotated[int, typer.Option("--unit", help="Which unit's equations to show first (u changes it).", min=1)] = 1,
        at: Annotated[int | None, typer.Option("--at", help="Start at this step; off a terminal, show only it.", min=1, show_default=False)] = None,
        play: Annotated[bool, typer.Option("--play", help="Advance one step every 1.6 s by itself (p pauses).")] = False,
        svg: Annotated[Path | None, typer.Option("--svg", help="Save the whole trace (or the --at step) as an SVG picture.", show_default=False)] = None,
        html: Annotated[Path | None, typer.Option("--html", help="Save the whole trace (or the --at step) as an HTML page.", show_default=False)] = None,
        json: JsonOpt = False,
        lang: LangOpt = None,
    ) -> None:
        """Step through a small model one time step at a time: gates, equations with numbers, what changed.

        The LSTM and GRU remember the value at the marked step and say it at the end; the RNN tries and
        forgets; the BiRNN shows what each direction has seen; bptt carries the gradient back, RNN beside
        LSTM. Equations show three decimals; ≈ marks a result that the rounded numbers give only
        approximately. Keys: →/Enter next, ←/Backspace back, u unit, p play, q quit.
        """
        from rnnquiz.i18n import t

        language = resolve_lang(lang)
        if kind not in KINDS:
            raise UsageError(t("demo.err.kind", language, kind=kind, known=", ".join(KINDS)))
        if seed < 0:
            raise UsageError(t("demo.err.seed", language, seed=seed))
        if trained and random:
            raise UsageError(t("demo.err.trained", language))
        if trained and kind == "birnn":
            raise UsageError(t("demo.err.trained.birnn", language))
        if json and (svg is not None or html is not None):
            raise UsageError(t("demo.err.json_file", language, option="--svg" if svg is not None else "--html"))
        if hidden is not None and not random:
            raise UsageError(t("demo.err.hidden", language))
        _writable(svg, "--svg")
        _writable(html, "--html")
        length = steps or (16 if kind == "bptt" else 8)
        if at is not None and at > length:
            raise UsageError(t("demo.err.at", language, at=at, T=length))
        from rnnquiz.demo.trace import trace

        tr = trace(kind, steps=length, seed=seed, random=random, hidden=hidden or 4, trained=trained)
        if unit > len(tr.units):
            raise UsageError(t("demo.err.unit", language, unit=unit, n=len(tr.units)))
        u = unit - 1
        start = 0 if at is None else (length - at if kind == "bptt" else at - 1)  # bptt runs from T back
        from rnnquiz.demo.deeper import deeper

        if json:
            _emit(tr, u, language, deeper(kind), None if at is None else start)
            return
        from rnnquiz.render import console

        out = console.out()
        out.on_broken_pipe = _quiet_broken_pipe  # `demo lstm | head`: exit 0 quietly, not Rich's exit 1
        if svg is not None or html is not None:
            _save(tr, u, language, svg, html, None if at is None else start, out)
            return
        interactive = (sys.stdin.isatty() and sys.stdout.isatty() and "NO_COLOR" not in os.environ
                       and os.environ.get("TERM", "") != "dumb")  # a dumb terminal cannot redraw in place
        if not interactive:
            from rnnquiz.render.demo import print_trace

            print_trace(out, tr, u, language, deeper(kind), None if at is None else start)
            return
        _step_through(tr, u, language, start, play)


def _quiet_broken_pipe() -> None:
    """stdout points to /dev/null from here (so the exit flush cannot fail), and the command exits 0."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise BrokenPipeError


def _emit(tr, u: int, lang: str, found, only: int | None = None) -> None:
    """The trace as JSON; with --at (`only`), the one step in "steps" (its place in "step_index")."""
    from rnnquiz.demo import explain

    doc = tr.to_json()
    for i, st in enumerate(doc["steps"]):
        st["equations"] = explain.equations(tr, i, u)
        st["sentence"] = explain.sentence(tr, i, u, lang)
        st["changes"] = explain.changes(tr, i, lang, limit=10**6)
    if only is not None:
        doc["steps"] = [doc["steps"][only]]
        doc["step_index"] = only
    emit_json({"demo": doc, "unit": u + 1, "lang": lang,
               "deeper": {"proofs": [p for p, _ in found.proofs], "questions": found.questions,
                          "topic": found.topic}})


def _save(tr, u: int, lang: str, svg: Path | None, html: Path | None, only: int | None, out) -> None:
    from rnnquiz.demo.deeper import deeper
    from rnnquiz.i18n import t
    from rnnquiz.render.demo import save_trace

    targets = {kind: path for kind, path in (("svg", svg), ("html", html)) if path is not None}
    try:
        saved = save_trace(tr, u, lang, deeper(tr.kind), only, targets)
    except OSError as exc:
        raise UsageError(f"Cannot write {exc.filename}: {exc.strerror}") from None
    for path in saved:
        key = "demo.saved" if only is None else "demo.saved.step"
        out.print(t(key, lang, path=str(path), t=tr.steps[only].t if only is not None else 0), markup=False,
                  highlight=False)


def _step_through(tr, u: int, lang: str, start: int, play: bool) -> None:
    from rnnquiz.demo.deeper import deeper
    from rnnquiz.render import console
    from rnnquiz.render.demo import deeper_block, fitted, frame, raw_keys, read_keys, screen, show

    out = console.out()
    i, playing, units = start, play, len(tr.units)
    last = tr.length - 1
    next_at = time.monotonic() + PLAY_SECONDS

    size = out.size

    def draw() -> None:
        show(fitted(out, tr, i, u, lang, playing))

    with raw_keys() as fd, screen():
        draw()
        while True:
            wait = max(0.0, next_at - time.monotonic()) if playing else RESIZE_POLL
            keys = read_keys(fd, min(wait, RESIZE_POLL))
            if keys is None and (not playing or time.monotonic() < next_at):
                if out.size != size:  # the terminal was resized: draw again at the new size
                    size = out.size
                    draw()
                continue
            if keys is None:  # the play timer
                if i < last:
                    i += 1
                playing = playing and i < last
                next_at = time.monotonic() + PLAY_SECONDS
                draw()
                continue
            if "quit" in keys:
                break
            for key in keys:
                if key == "next":
                    i = min(i + 1, last)
                elif key == "back":
                    i = max(i - 1, 0)
                elif key == "unit":
                    u = (u + 1) % units
                elif key.startswith("unit:"):
                    n = int(key[5:])
                    if 1 <= n <= units:
                        u = n - 1
                elif key == "play":
                    playing = not playing and i < last
                    next_at = time.monotonic() + PLAY_SECONDS
            draw()
    # Leave the last step and the way on in the scrollback.
    out.print(frame(tr, i, u, lang, with_timeline=tr.kind != "bptt"))
    out.print()
    for line in deeper_block(tr.kind, deeper(tr.kind), lang):
        out.print(line)
