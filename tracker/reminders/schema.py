"""The reminder tables: one row per reminder to send (the source of truth), and per-item state.

Declared on the store's `metadata` so the schema check and migration 0003 agree on them.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint

from ..store.schema import UTCDateTime, metadata

# States of a reminder row. `sending` is the claim, committed before the channel is called;
# `unknown` is a claim whose dispatcher died: it may or may not have been delivered, so it is
# reported, never sent again.
PENDING, SENDING, SENT, FAILED, SKIPPED, UNKNOWN = "pending", "sending", "sent", "failed", "skipped", "unknown"
STATES = (PENDING, SENDING, SENT, FAILED, SKIPPED, UNKNOWN)
KIND_BEFORE, KIND_DIGEST, KIND_AGENDA = "before", "digest", "agenda"

reminders = Table(
    "reminders",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # Identity of the reminder: item, lead time, due minute and channel (or digest/agenda,
    # day and channel). Also the idempotency key receivers see, so they can drop duplicates.
    Column("key", String(255), nullable=False),
    Column("item_id", String(16), ForeignKey("items.id", ondelete="CASCADE"), nullable=True),
    Column("item_sequence", Integer, nullable=True),  # the item's sequence it was computed from
    Column("kind", String(16), nullable=False),  # before | digest | agenda
    Column("lead_time", String(16), nullable=True),  # "7d" for a reminder 7 days before
    Column("due", UTCDateTime, nullable=False),
    Column("channel", Text, nullable=False),  # the channel URL without secrets, for people
    Column("channel_key", String(32), nullable=False),  # hash of the full URL
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt", UTCDateTime, nullable=False),  # due, or the time of the next retry
    Column("late", Boolean, nullable=False, default=False),
    Column("sent_at", UTCDateTime, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("claimed_by", String(128), nullable=True),
    Column("claimed_at", UTCDateTime, nullable=True),
    Column("created", UTCDateTime, nullable=False),
    UniqueConstraint("key", name="uq_reminders_key"),
)
Index("ix_reminders_state_next", reminders.c.state, reminders.c.next_attempt)
Index("ix_reminders_item", reminders.c.item_id)

# Per item: its own policy (`tracker edit ID --remind`) and the item sequence and policy
# signature its reminder rows were last computed from.
reminder_items = Table(
    "reminder_items",
    metadata,
    Column("item_id", String(16), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("remind", Text, nullable=True),  # "7d,1d", "none"; NULL follows the configuration
    Column("synced_sequence", Integer, nullable=True),
    Column("synced_sig", String(64), nullable=True),
)
