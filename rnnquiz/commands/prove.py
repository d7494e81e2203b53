"""`rnnquiz prove`: run the NumPy experiments that demonstrate an answer, and check them."""

from __future__ import annotations

from typing import Annotated

import typer

from rnnquiz.commands.common import BankOpt, JsonOpt, LangOpt, emit_json, resolve_lang
from rnnquiz.commands.complete import complete_proof
from rnnquiz.errors import ExitCode, UsageError


def proof_ids_for(target: str | None, all_: bool, bank) -> list[str]:
    """The proof ids to run: a proof id, a question id's ``proof``, or every built proof."""
    from rnnquiz.proofs.registry import PROOFS

    if all_:
        if target is not None:
            raise UsageError("Give an ID or --all, not both.")
        return [pid for pid, spec in PROOFS.items() if spec.built]
    if target is None:
        raise UsageError("Give a proof id or a question id (see `rnnquiz prove --list`), or --all.")
    if target in PROOFS:
        return [target]
    from rnnquiz.commands.common import load

    cat = load(bank)
    if target not in cat.questions:
        import difflib

        close = difflib.get_close_matches(target, [*PROOFS, *cat.questions], n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise UsageError(f"No proof or question with id {target!r}.{hint} Proofs: `rnnquiz prove --list`.")
    question = cat.questions[target]
    if not question.proof:
        raise UsageError(f"Question {target!r} has no proof; proofs: `rnnquiz prove --list`.")
    return [question.proof]


def register(app: typer.Typer) -> None:
    @app.command()
    def prove(
        target: Annotated[str | None, typer.Argument(metavar="[ID]", help="A proof id, or a question id (runs its proof).", show_default=False, autocompletion=complete_proof)] = None,
        all_: Annotated[bool, typer.Option("--all", help="Run every proof.")] = False,
        quick: Annotated[bool, typer.Option("--quick", help="Smaller, faster runs (same checks).")] = False,
        seed: Annotated[int, typer.Option("--seed", help="Random seed of the experiment.")] = 0,
        list_: Annotated[bool, typer.Option("--list", help="List the proofs and exit.")] = False,
        charts: Annotated[bool, typer.Option("--charts/--no-charts", help="Draw the terminal charts.")] = True,
        lang: LangOpt = None,
        bank: BankOpt = None,
        json: JsonOpt = False,
    ) -> None:
        """Prove an answer with a small NumPy model."""
        from rnnquiz.proofs.registry import PROOFS

        if list_:
            if json:
                emit_json({"proofs": [{"id": s.id, "title": {"en": s.title.get("en"), "zh": s.title.get("zh")},
                                       "claims": list(s.claims), "runtime": s.runtime, "built": s.built}
                                      for s in PROOFS.values()]})
                return
            from rnnquiz.render import console
            from rnnquiz.render.proof import proof_list

            console.out().print(proof_list(list(PROOFS.values()), resolve_lang(lang)))
            return
        ids = proof_ids_for(target, all_, bank)
        language = resolve_lang(lang)
        from rnnquiz.proofs.runner import run_proof
        from rnnquiz.render import console

        out, err = console.out(), console.err()
        results = []
        for pid in ids:
            if len(ids) > 1:
                err.print(f"running {pid} …", markup=False, style="dim")
            result = run_proof(pid, seed=seed, quick=quick)
            results.append(result)
            if not json:
                from rnnquiz.render.proof import print_result

                print_result(out, result, language, charts=charts)
                if len(ids) > 1:
                    out.print()
        if json:
            emit_json({"proofs": [r.to_json() for r in results]})
        elif len(results) > 1:
            from rnnquiz.render.proof import print_summary

            print_summary(out, results, language)
        if not all(r.passed for r in results):
            raise typer.Exit(int(ExitCode.CHECK_FAILED))
