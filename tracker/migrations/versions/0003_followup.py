"""Follow-up (issue 7): outcomes reported by articles, their links to items (applied or proposed
for review), and links between items ("follows").

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outcomes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("cue", sa.Text, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("published", sa.Date, nullable=False),
        sa.Column("actors", sa.Text, nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("location", sa.Text, nullable=True),
        sa.Column("event_when", sa.String(64), nullable=True),
        sa.Column("new_when", sa.String(64), nullable=True),
        sa.Column("ordinal", sa.Integer, nullable=True),
        sa.Column("quoted", sa.Integer, nullable=False),
        sa.Column("context_actors", sa.Integer, nullable=False),
    )
    op.create_index("ix_outcomes_published", "outcomes", ["published"])
    op.create_index("ix_outcomes_document", "outcomes", ["document_id"])
    op.create_table(
        "outcome_actors",
        sa.Column("outcome_id", sa.Integer, sa.ForeignKey("outcomes.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("actor_norm", sa.Text, primary_key=True),
    )
    op.create_index("ix_outcome_actors_norm", "outcome_actors", ["actor_norm"])
    op.create_table(
        "outcome_links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("outcome_id", sa.Integer, sa.ForeignKey("outcomes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("item_id", sa.String(16), sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime(timezone=False), nullable=False),
        sa.Column("settled", sa.DateTime(timezone=False), nullable=True),
        sa.UniqueConstraint("outcome_id", "item_id", name="uq_outcome_links_pair"),
    )
    op.create_index("ix_outcome_links_item", "outcome_links", ["item_id"])
    op.create_index("ix_outcome_links_state", "outcome_links", ["state"])
    op.create_table(
        "item_links",
        sa.Column("item_id", sa.String(16), sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("other_id", sa.String(16), sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("relation", sa.String(16), primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=True),
    )
    op.create_index("ix_item_links_other", "item_links", ["other_id"])


def downgrade() -> None:
    op.drop_index("ix_item_links_other", table_name="item_links")
    op.drop_table("item_links")
    op.drop_index("ix_outcome_links_state", table_name="outcome_links")
    op.drop_index("ix_outcome_links_item", table_name="outcome_links")
    op.drop_table("outcome_links")
    op.drop_index("ix_outcome_actors_norm", table_name="outcome_actors")
    op.drop_table("outcome_actors")
    op.drop_index("ix_outcomes_document", table_name="outcomes")
    op.drop_index("ix_outcomes_published", table_name="outcomes")
    op.drop_table("outcomes")
