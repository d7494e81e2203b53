"""`rnnquiz prove`: run the NumPy experiments that demonstrate an answer, and check them."""

from __future__ import annotations

from typing import Annotated

import typer

from rnnquiz.commands.common import BankOpt, JsonOpt, LangOpt, emit_json, resolve_lang
from rnnquiz.commands.complete import complete_proof
from rnnquiz.errors import ExitCode, UsageError


def proof_ids_for(target: str | None, all_: bool, bank) -> list[str]:
    """The proof ids to run: a proof id, a question id's ``proof``, or every built proof."""
    return [pid for pid, _ in proof_runs_for(target, all_, bank, seed=0)]


def proof_runs_for(target: str | None, all_: bool, bank, seed: int) -> list[tuple[str, object]]:
    """``(proof id, question or None)`` to run: a question id runs its proof with its own numbers."""
    from rnnquiz.proofs.registry import PROOFS

    if all_:
        if target is not None:
            raise UsageError("Give an ID or --all, not both.")
        return [(pid, None) for pid, spec in PROOFS.items() if spec.built]
    if target is None:
        raise UsageError("Give a proof id or a question id (see `rnnquiz prove --list`), or --all.")
    if target in PROOFS:
        return [(target, None)]
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
    return [(question.proof, question)]


def register(app: typer.Typer) -> None:
    @app.command()
    def prove(
        target: Annotated[str | None, typer.Argument(metavar="[ID]", help="A proof id, or a question id: runs its proof with the question's own numbers (a generated question: the numbers drawn for --seed, as in `quiz --seed`).", show_default=False, autocompletion=complete_proof)] = None,
        all_: Annotated[bool, typer.Option("--all", help="Run every proof.")] = False,
        quick: Annotated[bool, typer.Option("--quick", help="Smaller, faster runs (same checks).")] = False,
        seed: Annotated[int, typer.Option("--seed", help="Random seed of the experiment (and of a generated question's numbers).")] = 0,
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
        runs = proof_runs_for(target, all_, bank, seed)
        language = resolve_lang(lang)
        from rnnquiz.i18n import t
        from rnnquiz.proofs.questions import answer_for, question_params
        from rnnquiz.proofs.runner import run_proof
        from rnnquiz.render import console

        out, err = console.out(), console.err()
        results = []
        for pid, question in runs:
            if len(runs) > 1:
                err.print(t("proof.running", language, id=pid), markup=False, style="dim")
            params = question_params(question, seed) if question is not None else {}
            result = run_proof(pid, seed=seed, quick=quick, params=params)
            if question is not None:
                result.answer = answer_for(question, result)
            results.append(result)
            if not json:
                from rnnquiz.render.proof import print_answer, print_result

                if question is not None:
                    line = t("proof.for_question", language, id=question.id, proof=pid)
                    if params:
                        shown = ", ".join(f"{k}={v}" for k, v in params.items())
                        line += "   " + t("proof.params", language, params=shown)
                    out.print(line, markup=False, style="dim")
                print_result(out, result, language, charts=charts)
                if question is not None:
                    print_answer(out, result, language)
                if len(runs) > 1:
                    out.print()
        if json:
            emit_json({"proofs": [r.to_json() for r in results]})
        elif len(results) > 1:
            from rnnquiz.render.proof import print_summary

            print_summary(out, results, language)
        if not all(r.passed for r in results):
            raise typer.Exit(int(ExitCode.CHECK_FAILED))
