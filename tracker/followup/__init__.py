"""Follow-up (issue 7): later articles update what earlier ones promised (held, kept, postponed,
cancelled); uncertain matches become proposals for `tracker review`.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .apply import FollowupResult, follow_up_document, settle_item
    from .matching import AUTO_THRESHOLD, PROPOSE_THRESHOLD, ItemView, Match, score_match
    from .outcomes import OUTCOME_KINDS, Outcome, extract_outcomes
    from .review import Proposal, accept_proposal, list_proposals, reject_proposal
    from .timeline import TimelineEntry, item_links, item_timeline

# Imported lazily (PEP 562): `tracker show` needs only the timeline, and the matching/outcome
# code pulls in the extractor, which would double the command's start-up time.
_LAZY = {
    "FollowupResult": "apply", "follow_up_document": "apply", "settle_item": "apply",
    "AUTO_THRESHOLD": "matching", "PROPOSE_THRESHOLD": "matching", "ItemView": "matching",
    "Match": "matching", "score_match": "matching",
    "OUTCOME_KINDS": "outcomes", "Outcome": "outcomes", "extract_outcomes": "outcomes",
    "Proposal": "review", "accept_proposal": "review", "list_proposals": "review",
    "reject_proposal": "review",
    "TimelineEntry": "timeline", "item_links": "timeline", "item_timeline": "timeline",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__all__ = [
    "AUTO_THRESHOLD",
    "OUTCOME_KINDS",
    "PROPOSE_THRESHOLD",
    "FollowupResult",
    "ItemView",
    "Match",
    "Outcome",
    "Proposal",
    "TimelineEntry",
    "accept_proposal",
    "extract_outcomes",
    "follow_up_document",
    "item_links",
    "item_timeline",
    "list_proposals",
    "reject_proposal",
    "score_match",
    "settle_item",
]
