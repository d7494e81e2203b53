"""A question's own numbers, for ``rnnquiz prove QUESTION-ID``. No NumPy here.

A generated ``numeric`` question proves the parameters it was asked with: ``bank.grade.prepare`` draws
them for (session seed, question id) exactly as the quiz does, so ``prove Q --seed S`` checks the
numbers that ``quiz --seed S`` showed. Fixed-number questions state their numbers in the prompt; the
few the experiments can take are listed in ``FIXED`` (keyed by question id; an id that is gone is
simply not used).
"""

from __future__ import annotations

from typing import Any

FIXED: dict[str, dict[str, Any]] = {
    "rnn-conv-receptive-field": {"layers": 4, "kernel": 3},
    "bptt-truncation-memory-ratio": {"T": 1000, "k": 50},
    "bptt-truncation-context": {"T": 100, "k": 35},
    "training-perplexity-uniform": {"V": 10_000},
    "training-perplexity-from-loss": {"loss": 2.0},
    "bptt-clip-component": {"g": (30.0, 40.0), "clip": 5.0},
    "bptt-linear-decay": {"rho": 0.9, "k": 50},
    "gru-no-cell-state": {"cell": "gru", "layers": 1, "bidirectional": False},
    "gru-update-numeric": {"z": 0.9, "h_prev": 0.5, "h_tilde": -1.0},
}


def _cell_from_prompt(question) -> str | None:
    text = question.prompt.get("en") or ""
    for name, cell in (("nn.LSTM", "lstm"), ("nn.GRU", "gru"), ("nn.RNN", "rnn"), ("LSTM", "lstm"), ("GRU", "gru")):
        if name in text:
            return cell
    return None


def question_params(question, seed: int) -> dict[str, Any]:
    """Keyword arguments for the question's experiment: the drawn generator parameters, or ``FIXED``."""
    params: dict[str, Any] = dict(FIXED.get(question.id, {}))
    generator = getattr(question, "generator", None)
    if generator is None:
        return params
    from rnnquiz.bank.grade import prepare

    drawn = dict(prepare(question, seed).params or {})
    if generator.name == "output_dim":
        cell = "lstm" if drawn.get("what") == "c_n" else _cell_from_prompt(question) or "rnn"
        drawn["cell"] = cell
    params |= drawn
    return params
