"""Run a proof by id: look its ``"module:function"`` up in the registry (never in YAML), time it."""

from __future__ import annotations

import importlib
import time
from typing import TYPE_CHECKING

from rnnquiz.errors import RnnquizError, UsageError

if TYPE_CHECKING:
    from rnnquiz.proofs.result import ProofResult


def resolve(proof_id: str):
    """The experiment function registered for ``proof_id``."""
    from rnnquiz.proofs.registry import PROOFS

    spec = PROOFS.get(proof_id)
    if spec is None:
        raise UsageError(f"No proof named {proof_id!r}. Known: {', '.join(PROOFS)}")
    if spec.pending:
        raise RnnquizError(f"Proof {proof_id!r} is not built yet (pending).", exit_code=_usage())
    module, _, func = spec.target.partition(":")
    return getattr(importlib.import_module(module), func)


def _usage():
    from rnnquiz.errors import ExitCode

    return ExitCode.USAGE


def run_proof(proof_id: str, seed: int = 0, quick: bool = False, params: dict | None = None) -> ProofResult:
    """Run one experiment and return its result, ``seconds`` filled in.

    ``params`` are a question's own numbers (``prove QUESTION-ID``): keyword arguments of the experiment;
    names it does not take are ignored.

    Raises:
        RnnquizError (exit code USAGE): unknown id, or a proof still pending.
    """
    fn = resolve(proof_id)
    kwargs = {}
    if params:
        import inspect

        accepted = inspect.signature(fn).parameters
        kwargs = {k: v for k, v in params.items() if k in accepted and k not in ("seed", "quick")}
    start = time.perf_counter()
    try:
        result = fn(seed, quick, **kwargs)
    except Exception as exc:  # noqa: BLE001 — reported as the proof's failed check, with the exception's name
        # A computation that broke (an overflow, a division by zero, a training that returned nothing: a model
        # gone wrong) is a failed proof, not the end of `prove --all` (proofs review rounds 5 and 6: a traceback
        # stopped every later proof). Ctrl-C is not an Exception: it still stops `prove`.
        from rnnquiz.proofs.result import ProofResult, bi

        result = ProofResult.start(proof_id, seed, quick)
        reason = f"{type(exc).__name__}: {str(exc)[:200]}"
        result.check(bi("the experiment ran to the end", "实验完整运行"), False,
                     bi(f"it stopped with {reason}", f"实验中断：{reason}"), 0.0)
    result.seconds = time.perf_counter() - start
    result.seed, result.quick = seed, quick
    if not result.answer:
        from rnnquiz.proofs.registry import ANSWERS

        text = ANSWERS.get(proof_id)
        if text is not None:
            result.answer = {"en": text.get("en"), "zh": text.get("zh")}
    return result
