"""Index of title words (item_terms) for finding merge candidates, filled from items.norm_title.

Revision ID: 0002
Revises: 0001

Before it, merging compared an article's items with every item of the same kind; a store of
100,000 items made that slow. Existing stores get the index built from their titles.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    item_terms = op.create_table(
        "item_terms",
        sa.Column("item_id", sa.String(16), sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("term", sa.String(64), primary_key=True),
    )
    op.create_index("ix_item_terms_term", "item_terms", ["term"])
    conn = op.get_bind()
    items = sa.table("items", sa.column("id", sa.String), sa.column("norm_title", sa.Text))
    batch: list[dict[str, str]] = []
    for item_id, norm_title in conn.execute(sa.select(items.c.id, items.c.norm_title)).all():
        # norm_title holds the distinct content words already (tracker.store.merge.title_terms).
        for term in dict.fromkeys((norm_title or "").split()):
            batch.append({"item_id": item_id, "term": term[:64]})
        if len(batch) >= 5000:
            op.bulk_insert(item_terms, batch)
            batch = []
    if batch:
        op.bulk_insert(item_terms, batch)


def downgrade() -> None:
    op.drop_index("ix_item_terms_term", table_name="item_terms")
    op.drop_table("item_terms")
