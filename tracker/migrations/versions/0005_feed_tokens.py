"""Private feed tokens (issue 5): the SHA-256 of each token, never the token itself.

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_tokens",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("created", sa.DateTime(timezone=False), nullable=False),
        sa.Column("revoked", sa.DateTime(timezone=False), nullable=True),
        sa.UniqueConstraint("hash", name="uq_feed_tokens_hash"),
    )


def downgrade() -> None:
    op.drop_table("feed_tokens")
