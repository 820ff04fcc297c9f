"""An item's story for `tracker show`: promised or announced, refined, postponed, held or kept,
cancelled, each with the article, its date and the sentence; plus the items it follows from.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select

from ..store import Store
from ..store.merge import when_relation
from ..store.schema import documents, evidence, history, items
from ..store.schema import item_links as links_table
from .endings import ENDINGS, OUTCOME_LABELS


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One step of an item's story."""

    event: str  # promised | announced | added | reported | refined | rescheduled | postponed | held | kept |
    #             cancelled | progress | done | reopened | edited | accepted | rejected
    published: date | None  # the article's date (None for the user's own steps)
    document: str | None  # the article, None for the user's own steps
    sentence: str | None  # the evidence sentence or the user's note
    detail: str | None = None  # e.g. "2025-06 -> 2025-06-11/2025-06-12"
    at: datetime | None = None  # when the store recorded it

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat() if self.at else None,
            "detail": self.detail,
            "document": self.document,
            "event": self.event,
            "published": self.published.isoformat() if self.published else None,
            "sentence": self.sentence,
        }


def _article(by: str) -> str | None:
    return by[len("article:"):] if by.startswith("article:") else None


def _timeline(conn: Connection, item_id: str) -> list[TimelineEntry]:
    kind = conn.execute(select(items.c.kind).where(items.c.id == item_id)).scalar_one()
    rows = conn.execute(select(history).where(history.c.item_id == item_id).order_by(history.c.at, history.c.id)).all()
    ev = conn.execute(
        select(documents.c.path, evidence.c.published, evidence.c.sentence)
        .join(documents, documents.c.id == evidence.c.document_id)
        .where(evidence.c.item_id == item_id)
        .order_by(evidence.c.published, evidence.c.id)
    ).all()
    published: dict[str, date | None] = {e.path: e.published for e in ev}
    paths = {p for p in (_article(r.by) for r in rows) if p and p not in published}
    if paths:
        for p, d in conn.execute(select(documents.c.path, documents.c.published).where(documents.c.path.in_(paths))):
            published[p] = d
    outcome_keys = {(r.by, r.why) for r in rows if r.field == "outcome"}
    # A postponement records its date change as a "when" row next to its "outcome" row.
    moved = {(r.by, r.why): f"{r.old or '-'} -> {r.new or '-'}" for r in rows
             if r.field == "when" and (r.by, r.why) in outcome_keys}
    out: list[TimelineEntry] = []
    for r in rows:
        doc = _article(r.by)
        pub = published.get(doc) if doc else None
        if r.field == "created":
            event = ("promised" if kind == "commitment" else "announced") if doc else "added"
            out.append(TimelineEntry(event, pub, doc, r.why, None, r.at))
        elif r.field == "outcome":
            detail = moved.get((r.by, r.why)) if r.new == "postponed" else None
            out.append(TimelineEntry(r.new or "outcome", pub, doc, r.why, detail, r.at))
        elif r.field == "when":
            if (r.by, r.why) in moved:
                continue
            detail = f"{r.old or '-'} -> {r.new or '-'}"
            if not doc:
                out.append(TimelineEntry("edited", None, None, r.why, detail, r.at))
            else:
                relation = when_relation(r.old, r.new)
                out.append(TimelineEntry("refined" if relation in ("refines", "unknown") else "rescheduled",
                                         pub, doc, r.why, detail, r.at))
        elif r.field == "status":
            if (r.by, r.why) in outcome_keys or (doc and r.new != "cancelled"):
                continue
            event = {"done": "done", "cancelled": "cancelled", "open": "reopened"}.get(r.new or "", r.new or "status")
            out.append(TimelineEntry(event, pub, doc, r.why, f"{r.old} -> {r.new}", r.at))
        elif r.field == "proposal":
            out.append(TimelineEntry(r.new or "proposal", None, None, r.why, None, r.at))
        elif not doc:
            out.append(TimelineEntry("edited", None, None, r.why, f"{r.field}: {r.old or '-'} -> {r.new or '-'}", r.at))
    # Articles that reported the item again without changing it.
    seen = {(t.document, t.sentence) for t in out}
    for e in ev:
        if (e.path, e.sentence) not in seen:
            out.append(TimelineEntry("reported", e.published, e.path, e.sentence, None, None))
            seen.add((e.path, e.sentence))
    # Articles' steps in the order of their publication; the user's own steps on the day they happened,
    # after that day's articles. Endings reported the same day stand in the order that decides the
    # status (a cancellation, then the report that it took place: endings.ENDINGS), whichever
    # article was ingested first.
    return sorted(out, key=lambda t: (t.published or (t.at.date() if t.at else date.max),
                                      _TIER.get(t.event, 0) if t.document else len(_TIER) + 1,
                                      t.at.timestamp() if t.at else 0.0))


# The timeline's words for the endings, in the order that decides the status (apply's: endings.ENDINGS);
# 0 is any other step of the day.
_TIER = {OUTCOME_LABELS[kind]: rank + 1 for kind, rank in ENDINGS.items()}


def item_timeline(store: Store, id: str) -> list[TimelineEntry]:
    """The item's timeline, in the order of the articles' dates.

    Raises:
        NotFoundError: no such item.
    """
    with store.engine.connect() as conn:
        item_id = store._resolve(conn, id)
        return _timeline(conn, item_id)


def item_links(store: Store, id: str) -> dict[str, list[str]]:
    """Linked items: {"follows": [ids this item follows from], "followed_by": [ids that follow it]}."""
    with store.engine.connect() as conn:
        item_id = store._resolve(conn, id)
        follows = conn.execute(select(links_table.c.other_id).where(links_table.c.item_id == item_id,
                                                                  links_table.c.relation == "follows")).scalars().all()
        followed = conn.execute(select(links_table.c.item_id).where(links_table.c.other_id == item_id,
                                                                  links_table.c.relation == "follows")).scalars().all()
    return {"followed_by": sorted(followed), "follows": sorted(follows)}
