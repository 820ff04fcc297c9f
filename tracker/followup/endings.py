"""What an outcome kind does to an item: its word in the history and timeline, the status it sets,
and which ending wins among reports of one day. Light on imports: `tracker show` reads the
timeline without loading the matching and outcome machinery (tracker.followup.apply)."""
from __future__ import annotations

from ..models import Status

# Outcome kinds -> the word the item's history and timeline use.
OUTCOME_LABELS = {"held": "held", "fulfilled": "kept", "postponed": "postponed", "cancelled": "cancelled",
                  "progress": "progress"}
OUTCOME_STATUS = {"held": Status.DONE.value, "fulfilled": Status.DONE.value, "cancelled": Status.CANCELLED.value}
# How an item ended, by report: the status each kind sets and, for reports of one day, which wins
# (a report that it took place is about the day itself; a cancellation is an earlier plan).
ENDINGS = {"cancelled": 0, "held": 1, "fulfilled": 1}
