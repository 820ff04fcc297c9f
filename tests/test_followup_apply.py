"""Follow-up in the store (issue 7) with hand-made items: what the store's own merge already did
is recorded, not proposed again."""
from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

from tracker.followup import (
    extract_outcomes,
    follow_up_document,
    item_timeline,
    list_proposals,
)
from tracker.models import Document, Item
from tracker.store import Store

NOW = datetime(2025, 12, 1, tzinfo=UTC)


def doc(path: str, published: str, text: str) -> Document:
    head = f"date {published}\n\n"
    content = head + text + "\n"
    return Document(path, content, date.fromisoformat(published), len(head), hashlib.sha256(content.encode()).hexdigest())


def item_for(d: Document, sentence: str, when: str, change: str | None = None) -> Item:
    start = d.content.index(sentence)
    return Item("event", "Armenia visits Georgia", ["Armenia"], when, None, sentence, (start, start + len(sentence)),
                1.0, "test", d.path, d.published, change)


def ingest(store: Store, d: Document, found: list[Item]) -> None:
    outcomes = extract_outcomes(d)
    store.ingest_document(d, found, NOW,
                          followup=lambda conn, result, at: follow_up_document(store, conn, d, outcomes, result, at) and None)


def test_a_cancellation_the_merge_applied_is_recorded_not_proposed(store: Store) -> None:
    promise = "The Armenian President will visit Georgia on April 10."
    a = doc("a.txt", "2025-02-01", promise)
    ingest(store, a, [item_for(a, promise, "2025-04-10")])
    called_off = "The visit of the Armenian President to Georgia on April 10 has been called off."
    b = doc("b.txt", "2025-04-05", called_off)
    ingest(store, b, [item_for(b, called_off, "2025-04-10", change="cancelled")])
    (it,) = store.items(now=NOW, status="all")
    assert (it.status, it.sequence) == ("cancelled", 1)
    assert list_proposals(store) == []
    assert [t.event for t in item_timeline(store, it.id)] == ["announced", "cancelled"]
    assert [(h.field, h.new) for h in store.history(it.id)][1:] == [("status", "cancelled"), ("outcome", "cancelled")]
