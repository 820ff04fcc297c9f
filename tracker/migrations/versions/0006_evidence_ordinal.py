"""Follow-up (issue 7): each evidence sentence's meeting number ("the 6th session") stored when the
evidence is added, and indexes that read an item's first evidence, first published date and first
numbered sentence in one seek, so matching never rereads every sentence of a heavily merged item.

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BATCH = 5000


def upgrade() -> None:
    op.add_column("evidence", sa.Column("ordinal", sa.Integer, nullable=True))
    op.create_index("ix_evidence_item_published", "evidence", ["item_id", "published", "id"])
    numbered = sa.text("ordinal IS NOT NULL")
    op.create_index("ix_evidence_item_ordinal", "evidence", ["item_id", "published", "id"],
                    sqlite_where=numbered, postgresql_where=numbered)
    # Backfill: the sentences already stored, once.
    from tracker.followup.outcomes import find_ordinal

    conn = op.get_bind()
    ev = sa.table("evidence", sa.column("id", sa.Integer), sa.column("sentence", sa.Text),
                  sa.column("ordinal", sa.Integer))
    last = 0
    while True:
        rows = conn.execute(sa.select(ev.c.id, ev.c.sentence).where(ev.c.id > last).order_by(ev.c.id)
                            .limit(_BATCH)).all()
        if not rows:
            break
        last = rows[-1].id
        found = [{"eid": r.id, "n": n} for r in rows if (n := find_ordinal(r.sentence)) is not None]
        if found:
            conn.execute(sa.update(ev).where(ev.c.id == sa.bindparam("eid")).values(ordinal=sa.bindparam("n")), found)


def downgrade() -> None:
    op.drop_index("ix_evidence_item_ordinal", table_name="evidence")
    op.drop_index("ix_evidence_item_published", table_name="evidence")
    op.drop_column("evidence", "ordinal")
