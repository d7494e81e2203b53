"""Shell completion for the arguments that name something: proof ids, demo kinds, question ids by card
state, setting names and values, export languages.

Typer calls these with the word typed so far (and the click context where a completer needs the other
arguments). A completer never raises and never prints: a broken bank or store gives no candidates, not a
traceback in the user's shell. Each returns (value, help) pairs; zsh and fish show the help.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rnnquiz.commands.common import _catalog_quietly

if TYPE_CHECKING:
    from rnnquiz.study.scheduler import CardState

Candidates = list[tuple[str, str]]


def _starting(pairs: Any, incomplete: str) -> Candidates:
    return [(v, h) for v, h in pairs if v.startswith(incomplete)]


def complete_proof(incomplete: str) -> Candidates:
    """`prove ID`: the proof ids, then the ids of questions that have a proof."""
    try:
        from rnnquiz.proofs.registry import PROOFS

        proofs = [(pid, spec.title.get("en") or "") for pid, spec in PROOFS.items()]
    except Exception:
        proofs = []
    cat = _catalog_quietly()
    questions = sorted((q.id, f"runs {q.proof}") for q in cat.questions.values() if q.proof) if cat else []
    return _starting([*proofs, *questions], incomplete)


def complete_demo_kind(incomplete: str) -> Candidates:
    """`demo KIND`: the models the demo steps through."""
    try:
        from rnnquiz.commands.demo import KINDS
    except Exception:
        KINDS = ()
    return _starting(((k, "") for k in KINDS), incomplete)


def _cards_quietly() -> dict[str, CardState] | None:
    """The one store read of completion: every question's card, or None when there is no readable store."""
    try:
        from rnnquiz import paths
        from rnnquiz.export.progress import cards_api
        from rnnquiz.store import open_store

        stored_cards = cards_api().stored_cards

        if not paths.db_path().exists():
            return {}
        with open_store(create=False) as store:
            return stored_cards(store.db)
    except Exception:
        return None


def _question_ids(incomplete: str, keep: Callable[[CardState | None], bool], why: str) -> Candidates:
    cat = _catalog_quietly()
    cards = _cards_quietly()
    if cat is None or cards is None:
        return []
    return [(qid, why) for qid in sorted(cat.questions) if qid.startswith(incomplete) and keep(cards.get(qid))]


def complete_suspendable(incomplete: str) -> Candidates:
    """`suspend ID`: question ids not suspended already."""
    return _question_ids(incomplete, lambda c: c is None or not c.suspended, "")


def complete_suspended(incomplete: str) -> Candidates:
    """`unsuspend ID`: the suspended question ids."""
    return _question_ids(incomplete, lambda c: c is not None and c.suspended, "suspended")


def complete_studied(incomplete: str) -> Candidates:
    """`reset ID`: question ids with a schedule to forget."""
    return _question_ids(incomplete, lambda c: c is not None and c.state != 0, "studied")


def complete_setting(incomplete: str) -> Candidates:
    """`config KEY`: the setting names, with what each does."""
    from rnnquiz.settings import SETTINGS

    return _starting(((k, s.help) for k, s in SETTINGS.items()), incomplete)


def complete_setting_value(ctx: Any, incomplete: str) -> Candidates:
    """`config KEY VALUE`: the values a setting takes, where they are few."""
    values = {"lang": ("en", "zh"), "deadline": ("none",), "rollover_hour": tuple(str(h) for h in range(24))}
    key = (ctx.params or {}).get("key") if ctx is not None else None
    return _starting(((v, "") for v in values.get(key, ())), incomplete)


def complete_export_lang(incomplete: str) -> Candidates:
    """`export anki|tsv --lang`: the card languages."""
    return _starting([("en", "English"), ("zh", "中文"), ("both", "English and 中文")], incomplete)


def complete_anki_lang(incomplete: str) -> Candidates:
    """`export tsv --anki-lang`: the profile languages whose stock note type names the TSV knows."""
    return _starting([("en", "Basic, Cloze, …"), ("zh", "问答题, 填空题, …")], incomplete)


def complete_history_format(incomplete: str) -> Candidates:
    """`export history --format`."""
    return _starting([("csv", "one table of rows"), ("json", "one document")], incomplete)
