"""Initial store schema: documents, items, item_actors, evidence, history.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Migrations spell out their columns instead of importing tracker.store.schema: that module
# describes the latest schema, and this revision must keep building revision 0001.


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=False), nullable=False),
    )
    op.create_table(
        "items",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("uid", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("norm_title", sa.Text, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("when", sa.String(64), nullable=True),
        sa.Column("when_first", sa.Date, nullable=True),
        sa.Column("when_last", sa.Date, nullable=True),
        sa.Column("location", sa.Text, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("created", sa.DateTime(timezone=False), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=False), nullable=False),
    )
    op.create_index("ix_items_status_when", "items", ["status", "when_first"])
    op.create_index("ix_items_when_first", "items", ["when_first", "when_last"])
    op.create_index("ix_items_kind", "items", ["kind"])
    op.create_table(
        "item_actors",
        sa.Column("item_id", sa.String(16), sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("actor_norm", sa.Text, nullable=False),
    )
    op.create_index("ix_item_actors_norm", "item_actors", ["actor_norm"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("item_id", sa.String(16), sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("published", sa.Date, nullable=True),
        sa.UniqueConstraint("item_id", "document_id", "span_start", name="uq_evidence_item_doc_span"),
    )
    op.create_index("ix_evidence_item", "evidence", ["item_id"])
    op.create_index("ix_evidence_document", "evidence", ["document_id"])
    op.create_table(
        "history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("item_id", sa.String(16), sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("old", sa.Text, nullable=True),
        sa.Column("new", sa.Text, nullable=True),
        sa.Column("by", sa.Text, nullable=False),
        sa.Column("why", sa.Text, nullable=True),
    )
    op.create_index("ix_history_item", "history", ["item_id"])


def downgrade() -> None:
    for table in ("history", "evidence", "item_actors", "items", "documents"):
        op.drop_table(table)
