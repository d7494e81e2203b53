"""The commands that go deeper after a demo: the proofs and the questions about what it showed.

Each demo names the claims it shows (claim ids from content/claims.yaml); the proofs come from the
registry and the questions from the banks' index by those claims, so a new proof or question on the same
claim shows up here without an edit. ``tests/demo`` checks that every claim exists and every id resolves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CLAIMS = {
    "lstm": ("L5", "L6", "L3"),  # the memory cell update, H = O ⊙ tanh(C), the three gates
    "gru": ("G5", "G4", "G3"),  # the update, the candidate and reset, the gates
    "rnn": ("R4", "R5", "G2"),  # state carries the past; H_t recurrence; why gated RNNs exist
    "birnn": ("R7",),  # forward and backward states concatenated
    "bptt": ("R8", "G1"),  # gradients flow right to left; vanishing over long distances
}
TOPIC = {"lstm": "lstm", "gru": "gru", "rnn": "rnn", "birnn": "birnn", "bptt": "bptt"}


@dataclass
class Deeper:
    proofs: list[tuple[str, dict[str, str]]] = field(default_factory=list)  # (id, title {en, zh})
    questions: list[str] = field(default_factory=list)
    about: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)  # id -> (type, claim title {en, zh})
    topic: str | None = None


def deeper(kind: str, limit: int = 3) -> Deeper:
    """Proof ids (built ones) and up to `limit` question ids on the claims this demo shows."""
    from rnnquiz.proofs.registry import PROOFS

    claims = set(CLAIMS[kind])
    out = Deeper()
    out.proofs = [(pid, {"en": spec.title.en, "zh": spec.title.zh}) for pid, spec in PROOFS.items()
                  if spec.built and claims & set(spec.claims)]
    try:
        from rnnquiz.bank.cache import cached_catalog

        index = cached_catalog(())
    except Exception:  # a broken bank must not break the end of a demo; the proofs still stand
        return out
    entries = [e for e in index.questions.values() if claims & set(e.claims)]
    order = CLAIMS[kind]  # most telling claim first
    entries.sort(key=lambda e: (e.topic != TOPIC[kind], min(order.index(c) for c in e.claims if c in claims)))
    out.questions = [e.id for e in entries[:limit]]
    try:
        from rnnquiz.bank.load import load_claims
        from rnnquiz.paths import content_dir

        titles = load_claims(content_dir() / "claims.yaml")
    except Exception:  # the ids still stand without their descriptions
        titles = {}
    for e in entries[:limit]:
        claim = min((c for c in e.claims if c in claims), key=order.index)
        if claim in titles:
            out.about[e.id] = (e.type, {"en": titles[claim].title.en, "zh": titles[claim].title.zh or ""})
    if TOPIC[kind] in index.topics():
        out.topic = TOPIC[kind]
    return out
