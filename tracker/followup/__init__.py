"""Follow-up (issue 7): later articles update what earlier ones promised (held, kept, postponed,
cancelled); uncertain matches become proposals for `tracker review`.
"""
from __future__ import annotations

from .apply import FollowupResult, follow_up_document, settle_item
from .matching import AUTO_THRESHOLD, PROPOSE_THRESHOLD, ItemView, Match, score_match
from .outcomes import OUTCOME_KINDS, Outcome, extract_outcomes
from .review import Proposal, accept_proposal, list_proposals, reject_proposal
from .timeline import TimelineEntry, item_links, item_timeline

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
