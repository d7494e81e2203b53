"""Every proof screen reads in Chinese under --lang zh: no English words left but names and symbols."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from rnnquiz.proofs.registry import PROOFS
from rnnquiz.proofs.runner import run_proof
from rnnquiz.render.proof import print_answer, print_result

# Model and library names, math identifiers and flags that are the same in both languages.
ALLOW = set("RNN GRU LSTM FFN BPTT SGD Adam PyTorch tanh sigmoid ReLU float MSE Var d2l max min corr cos exp diag ln "
            "Le BiRNN log extra quick False True batch_first num_layers bidirectional layers output size len input "
            "detach dropout ratio Gers IRNN ONNX Cooijmans Chung".split())  # (authors: the same in both languages)


@pytest.mark.parametrize("pid", list(PROOFS))
def test_proof_screen_has_no_english_words_in_zh(pid):
    r = run_proof(pid, seed=0, quick=True)
    buf = io.StringIO()
    console = Console(file=buf, width=400, color_system=None)  # wide: the citation stays on one line
    print_result(console, r, "zh", charts=True)
    print_answer(console, r, "zh")
    # the citation line names authors and papers: not translated (its descriptive words are: test_mutations_round2_c)
    from rnnquiz.proofs.result import loc

    cite = loc(r.citation, "zh").replace("; ", "；")
    text = "\n".join(ln for ln in buf.getvalue().splitlines() if ln.strip() != cite)
    words = {w for w in re.findall(r"[A-Za-z][A-Za-z_]{2,}", text)
             if w not in ALLOW and "_" not in w and not set(w) <= set("xo")}
    assert not words, sorted(words)
    assert re.search(r"[\u4e00-\u9fff]", text)
