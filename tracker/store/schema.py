"""The store's tables (SQLAlchemy Core) and the schema revision this code expects.

The tables here describe the *current* schema; the alembic migrations in `tracker/migrations/`
build it step by step and must agree (tests/test_store_schema.py compares them).
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

# The alembic revision the code below matches. A store at an older revision is upgraded in
# place; one at an unknown (newer) revision is refused. Bump it with every new migration.
SCHEMA_HEAD = "0006"


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC on every backend.

    SQLite has no time zones and PostgreSQL's `timestamptz` would convert to the session zone,
    so both keep naive UTC and agree byte for byte.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"store datetimes must be timezone-aware, got {value!r}")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=timezone.utc)


metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("published", Date, nullable=True),
    Column("url", Text, nullable=True),
    Column("title", Text, nullable=True),
    Column("ingested_at", UTCDateTime, nullable=False),
)

items = Table(
    "items",
    metadata,
    Column("id", String(16), primary_key=True),  # short id for the command line
    Column("uid", String(64), nullable=False, unique=True),  # "<hex>@tracker", for calendars
    Column("kind", String(16), nullable=False),
    Column("title", Text, nullable=False),
    Column("norm_title", Text, nullable=False),  # merge key: casefolded content words
    Column("search_text", Text, nullable=False),  # casefolded title, location and actors
    Column("when", String(64), nullable=True),  # tracker.when string form
    # Sorting and filtering without parsing `when`: first and last day covered. A deadline
    # "../B" has no first day, so both hold B's last day (it sorts by its end, as
    # tracker.when.sort_key does).
    Column("when_first", Date, nullable=True),
    Column("when_last", Date, nullable=True),
    Column("location", Text, nullable=True),
    Column("status", String(16), nullable=False),  # open | done | cancelled; missed is computed
    Column("sequence", Integer, nullable=False, default=0),
    Column("created", UTCDateTime, nullable=False),
    Column("updated", UTCDateTime, nullable=False),
)
Index("ix_items_status_when", items.c.status, items.c.when_first)
Index("ix_items_when_first", items.c.when_first, items.c.when_last)
Index("ix_items_kind", items.c.kind)

item_actors = Table(
    "item_actors",
    metadata,
    Column("item_id", String(16), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("actor", Text, nullable=False),
    Column("actor_norm", Text, nullable=False),
)
Index("ix_item_actors_norm", item_actors.c.actor_norm)

# Inverted index of title words, to find merge candidates without scanning every item.
item_terms = Table(
    "item_terms",
    metadata,
    Column("item_id", String(16), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("term", String(64), primary_key=True),
)
Index("ix_item_terms_term", item_terms.c.term)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", String(16), ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("sentence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("published", Date, nullable=True),
    # "the 6th session" -> 6, set when the evidence is added (follow-up reads an item's number
    # from its first numbered sentence through ix_evidence_item_ordinal, never rescanning them).
    Column("ordinal", Integer, nullable=True),
    UniqueConstraint("item_id", "document_id", "span_start", name="uq_evidence_item_doc_span"),
)
Index("ix_evidence_item", evidence.c.item_id)
# An item's first evidence and first publication date in one seek (follow-up matching).
Index("ix_evidence_item_published", evidence.c.item_id, evidence.c.published, evidence.c.id)
Index("ix_evidence_document", evidence.c.document_id)


def declare_partial_indexes() -> None:
    """Add the partial indexes to `metadata` (idempotent), for tools that compare it with a store.

    Migration 0006 creates them; the code's queries never name them. They are not declared at
    import because their dialect options (`sqlite_where`, `postgresql_where`) make SQLAlchemy
    import both dialects as this module loads: every command, even `tracker show` on a SQLite
    store, would pay for the PostgreSQL dialect (~15 ms, bench/store.py).
    """
    if any(ix.name == "ix_evidence_item_ordinal" for ix in evidence.indexes):
        return
    numbered = evidence.c.ordinal.isnot(None)
    Index("ix_evidence_item_ordinal", evidence.c.item_id, evidence.c.published, evidence.c.id,
          sqlite_where=numbered, postgresql_where=numbered)


history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("item_id", String(16), ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("field", String(32), nullable=False),
    Column("old", Text, nullable=True),
    Column("new", Text, nullable=True),
    Column("by", Text, nullable=False),  # "user" or "article:<path>"
    Column("why", Text, nullable=True),  # the user's note or the evidence sentence
)
Index("ix_history_item", history.c.item_id)

# ---- follow-up (issue 7): outcome statements of articles and their links to items -------------
# Outcomes are kept even when nothing matches yet, so an item ingested later (out of order) is
# still matched against the reports that came before it.
outcomes = Table(
    "outcomes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # held | fulfilled | postponed | cancelled | progress
    Column("cue", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("published", Date, nullable=False),
    Column("actors", Text, nullable=False),  # JSON list, as extracted
    Column("terms", Text, nullable=False),  # content words of the sentence, space-separated
    Column("location", Text, nullable=True),
    Column("event_when", String(64), nullable=True),  # when the reported happening took place
    Column("new_when", String(64), nullable=True),  # postponed: the new date
    Column("ordinal", Integer, nullable=True),  # "the 6th session" -> 6
    Column("quoted", Integer, nullable=False, default=0),  # 1: stated only inside a quotation
    Column("context_actors", Integer, nullable=False, default=0),  # 1: actors from the sentence before
)
Index("ix_outcomes_published", outcomes.c.published)
Index("ix_outcomes_document", outcomes.c.document_id)

outcome_actors = Table(
    "outcome_actors",
    metadata,
    Column("outcome_id", Integer, ForeignKey("outcomes.id", ondelete="CASCADE"), primary_key=True),
    Column("actor_norm", Text, primary_key=True),
)
Index("ix_outcome_actors_norm", outcome_actors.c.actor_norm)

# One row per (outcome, item) pair that was scored: applied automatically, proposed for review,
# then accepted or rejected by the user.
outcome_links = Table(
    "outcome_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("outcome_id", Integer, ForeignKey("outcomes.id", ondelete="CASCADE"), nullable=False),
    Column("item_id", String(16), ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("state", String(16), nullable=False),  # applied | proposed | accepted | rejected
    Column("score", Integer, nullable=False),  # per mille
    Column("explanation", Text, nullable=False),  # JSON list of reasons
    Column("created", UTCDateTime, nullable=False),
    Column("settled", UTCDateTime, nullable=True),
    UniqueConstraint("outcome_id", "item_id", name="uq_outcome_links_pair"),
)
Index("ix_outcome_links_item", outcome_links.c.item_id)
Index("ix_outcome_links_state", outcome_links.c.state)

item_links = Table(
    "item_links",
    metadata,
    Column("item_id", String(16), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("other_id", String(16), ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("relation", String(16), primary_key=True),  # "follows": item_id follows from other_id
    Column("document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=True),
)
Index("ix_item_links_other", item_links.c.other_id)

# The reminder tables (issue 6) live with their code; importing them here declares them on
# `metadata`, so the migrations and the schema check agree.
from ..reminders import schema as _reminder_tables  # noqa: E402,F401
from .. import tokens as _token_tables  # noqa: E402,F401  (feed tokens, issue 5)

