"""Reminders (issue 6): one row per reminder to send, and per-item reminder policy and sync state.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("item_id", sa.String(16), sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=True),
        sa.Column("item_sequence", sa.Integer, nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("lead_time", sa.String(16), nullable=True),
        sa.Column("due", sa.DateTime(timezone=False), nullable=False),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("channel_key", sa.String(32), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt", sa.DateTime(timezone=False), nullable=False),
        sa.Column("late", sa.Boolean, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("claimed_by", sa.String(128), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("created", sa.DateTime(timezone=False), nullable=False),
        sa.UniqueConstraint("key", name="uq_reminders_key"),
    )
    op.create_index("ix_reminders_state_next", "reminders", ["state", "next_attempt"])
    op.create_index("ix_reminders_item", "reminders", ["item_id"])
    op.create_table(
        "reminder_items",
        sa.Column("item_id", sa.String(16), sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("remind", sa.Text, nullable=True),
        sa.Column("synced_sequence", sa.Integer, nullable=True),
        sa.Column("synced_sig", sa.String(64), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("reminder_items")
    op.drop_index("ix_reminders_item", table_name="reminders")
    op.drop_index("ix_reminders_state_next", table_name="reminders")
    op.drop_table("reminders")
