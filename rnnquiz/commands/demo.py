"""`rnnquiz demo`: step through a small seeded model and show what every gate does."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rnnquiz.commands.common import LangOpt, resolve_lang
from rnnquiz.errors import UsageError

KINDS = ("rnn", "birnn", "gru", "lstm", "bptt")


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        kind: Annotated[str, typer.Argument(metavar="rnn|birnn|gru|lstm|bptt", help="Which model to step through.")],
        steps: Annotated[int, typer.Option("--steps", help="Sequence length.", min=1, max=30)] = 6,
        seed: Annotated[int, typer.Option("--seed", help="Random seed (weights and inputs).")] = 0,
        hidden: Annotated[int, typer.Option("--hidden", help="Hidden units.", min=1, max=16)] = 4,
        svg: Annotated[Path | None, typer.Option("--svg", help="Also save what is shown as an SVG file.", show_default=False)] = None,
        lang: LangOpt = None,
    ) -> None:
        """Step through a small model: gates, cell, state."""
        if kind not in KINDS:
            raise UsageError(f"No demo named {kind!r}. Known: {', '.join(KINDS)}")
        language = resolve_lang(lang)
        from rnnquiz.proofs.experiments.trace import trace
        from rnnquiz.render import console
        from rnnquiz.render.demo import print_demo

        tr = trace(kind, steps=steps, hidden=hidden, seed=seed)
        out = console.out()
        if svg is None:
            print_demo(out, tr, language)
            return
        rec = console.recording(out)
        print_demo(rec, tr, language)
        try:
            rec.save_svg(str(svg), title=f"rnnquiz demo {kind}")
        except OSError as exc:
            raise UsageError(f"Cannot write {svg}: {exc.strerror}") from None
