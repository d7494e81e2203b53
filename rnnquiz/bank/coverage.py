"""Claim coverage: the rule "each claim ≥ 2 questions of ≥ 2 types", proofs and errata."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rnnquiz.bank.load import Catalog

MIN_QUESTIONS = 2
MIN_TYPES = 2


@dataclass(frozen=True)
class ClaimCoverage:
    claim: str
    questions: tuple[str, ...]
    types: tuple[str, ...]
    proofs: tuple[str, ...]  # proof ids named by its questions
    has_misconception: bool

    @property
    def meets_rule(self) -> bool:
        return len(self.questions) >= MIN_QUESTIONS and len(self.types) >= MIN_TYPES


def coverage(cat: Catalog) -> list[ClaimCoverage]:
    rows = []
    for cid in cat.claims:
        qs = [q for q in cat.questions.values() if cid in q.claims]
        rows.append(
            ClaimCoverage(
                cid,
                tuple(q.id for q in qs),
                tuple(sorted({q.type for q in qs})),
                tuple(sorted({q.proof for q in qs if q.proof})),
                any(q.misconception is not None for q in qs),
            )
        )
    return rows


def gaps(cat: Catalog) -> list[str]:
    """Human-readable coverage warnings: rule gaps, [prove] claims without a proof, [errata] without a misconception."""
    out = []
    for row in coverage(cat):
        claim = cat.claims[row.claim]
        if not row.meets_rule:
            out.append(f"claim {row.claim}: {len(row.questions)} question(s) of {len(row.types)} type(s); the rule is ≥ {MIN_QUESTIONS} of ≥ {MIN_TYPES}")
        if claim.prove and not row.proofs:
            out.append(f"claim {row.claim} is marked [prove] but no question names a proof")
        if claim.errata and not row.has_misconception:
            out.append(f"claim {row.claim} is marked [errata] but no question states the misconception")
    # a measurable ([prove]) claim whose question names no proof: `rnnquiz prove QUESTION-ID` has nothing to run
    prove = {cid for cid, c in cat.claims.items() if c.prove}
    for q in cat.questions.values():
        on = sorted(set(q.claims) & prove)
        if on and not q.proof:
            out.append(f"question {q.id}: claim {', '.join(on)} is measurable ([prove]) but the question names no proof")
    return out


def type_counts(cat: Catalog) -> Counter[str]:
    return Counter(q.type for q in cat.questions.values())
