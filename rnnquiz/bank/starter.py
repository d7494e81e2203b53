'''The starter bank written by `rnnquiz bank new NAME`: one question of each type, commented.

It must load with no problems (a test runs `rnnquiz validate` on it for a few names).
'''

from __future__ import annotations

STARTER = """\
# {name}: your own rnnquiz bank. Check it with:   rnnquiz validate {path}
# Every question here is an example: edit or delete it. The format is described in the README of
# rnnquiz's content/ folder; the short version is below.
#
# - Ids are slugs ([a-z0-9-]); rnnquiz shows them as {name}/<id>, so they never clash with bundled ids.
#   Never rename an id once you have reviewed it: your review history hangs on it.
# - claims: ids from rnnquiz's claim list, or [extra] for anything else.
# - This bank has one language (en), so text is plain. For both languages write
#   languages: [en, zh] and every text as {{en: "...", zh: "..."}}.
topic: {name}
title: "{title}"
languages: [en]
questions:
  # flashcard: you judge yourself whether you knew it
  - id: what-is-bptt
    type: flashcard
    claims: [extra]
    prompt: "What does BPTT stand for, and what does it do?"
    answer: "Backpropagation through time: it unrolls the network over the sequence and backpropagates through every step."
    explanation: "The same weights are used at every step, so their gradient is the sum of the per-step gradients."

  # mcq: exactly one correct choice; `why` is shown when someone picks that wrong choice
  - id: gate-activation
    type: mcq
    claims: [extra]
    difficulty: 1          # 1 (easy) to 3 (hard); default 2
    tags: [gates]          # slugs; filter with --tag
    prompt: "Which activation do LSTM gates use?"
    choices:
      - text: "sigmoid"
        correct: true
      - text: "ReLU"
        correct: false
        why: "ReLU is unbounded above: a gate must be a share between 0 and 1."
    explanation: "A gate multiplies a signal element-wise, so it must lie between 0 (closed) and 1 (open)."

  # multi: one or more correct choices
  - id: gru-gates
    type: multi
    claims: [extra]
    prompt: "Which gates does a GRU have?"
    choices:
      - text: "reset gate"
        correct: true
      - text: "update gate"
        correct: true
      - text: "forget gate"
        correct: false
        why: "The forget gate is the LSTM's."
    explanation: "The GRU has a reset gate and an update gate, and no separate memory cell."

  # truefalse
  - id: weights-shared
    type: truefalse
    claims: [extra]
    prompt: "An RNN uses the same weights at every time step."
    answer: true
    misconception: "Thinking each step has its own weights: then the model could not handle longer sequences."
    explanation: "Weight sharing across time is what lets one RNN read sequences of any length."

  # typein: every accepted answer counts; near-miss typos count unless fuzzy: false
  - id: cell-state-name
    type: typein
    claims: [extra]
    prompt: "What is C_t called in an LSTM?"
    accept: {{en: ["memory cell", "cell state"]}}
    explanation: "C_t is the memory cell: the forget and input gates update it additively at every step."

  # cloze: blanks in Anki's syntax, {{{{c1::answer}}}} or {{{{c1::answer::hint}}}}
  - id: lstm-hidden
    type: cloze
    claims: [extra]
    prompt: "Fill in the blank."
    text: "H_t = {{{{c1::O_t::a gate}}}} ⊙ tanh(C_t)"
    accept: {{c1: ["output gate"]}}
    explanation: "The output gate decides how much of the squashed memory cell becomes the hidden state."

  # order: items in the correct order (shown shuffled)
  - id: training-step
    type: order
    claims: [extra]
    prompt: "Put one training step in order."
    items:
      - "forward pass over the sequence"
      - "loss"
      - "backpropagation through time"
      - "clip the gradient norm"
      - "optimizer step"
    explanation: "Gradients exist only after the backward pass, and clipping acts on them before the update."

  # numeric: a fixed answer (with a tolerance) or a generator with parameter ranges (see content/README.md)
  - id: gru-params
    type: numeric
    claims: [extra]
    prompt: "A GRU layer with d = {{d}} inputs and h = {{h}} hidden units, one bias per gate: how many parameters?"
    generator: {{name: param_count, params: {{cell: gru, d: [2, 32], h: [4, 64], bias: single}}}}
    explanation: "Three blocks (reset, update, candidate), each with W_x (d×h), W_h (h×h) and b (h): 3(h(d + h) + h)."

  # explain: answered in your own words in `rnnquiz interview`, marked against key points (content/README.md);
  # follow_up: what an interviewer asks next, after a right answer, a miss, or either (any question may have it)
  - id: gru-why-update-gate
    type: explain
    claims: [extra]
    prompt: "How does the GRU's update gate help against vanishing gradients?"
    answer: "With the update gate near 1 the old state is copied forward, and the gradient along that path is about 1 instead of a product of W_hh terms."
    explanation: "The copy when z is near 1, and the gradient that is not multiplied by W_hh at every step."
    rubric:
      - point: "The update gate near 1 copies the old state"
        concepts: [["update gate|z ~ near 1|close to 1"], [copy, keep, carry]]
      - point: "The gradient is not multiplied by W_hh at every step"
        concepts: [["not|instead of ~ w_hh|multipl"]]
      - point: "The gate is learned from the input"
        required: false
        concepts: [[learn, decide]]
    follow_up: [{{id: gru-params, after: right}}]
"""


def starter_text(name: str, path: str = "") -> str:
    """The starter bank for a bank named `name` (a slug), mentioning where it is saved."""
    title = name.replace("-", " ").capitalize()
    return STARTER.format(name=name, title=title, path=path or f"{name}.yaml")
