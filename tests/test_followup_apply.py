"""Follow-up in the store (issue 7) with hand-made items: what the store's own merge already did
is recorded, not proposed again."""
from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest

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


# ---- sure reports that disagree on how an item ended: the later article decides ---------------

PROMISE = "The Armenian President will visit Georgia on April 10."
VISITED = "The Armenian President visited Georgia on April 10, his office said."
CALLED_OFF = "The visit of the Armenian President to Georgia has been called off, his office said."


def _reports(kept_on: str, cancelled_on: str) -> dict[str, tuple[Document, list[Item]]]:
    a = doc("a.txt", "2025-02-01", PROMISE)
    k = doc("k.txt", kept_on, VISITED)
    c = doc("c.txt", cancelled_on, CALLED_OFF)
    return {"promise": (a, [item_for(a, PROMISE, "2025-04-10")]), "kept": (k, []),
            "cancelled": (c, [item_for(c, CALLED_OFF, "2025-04-10", change="cancelled")])}


@pytest.mark.parametrize("order", [("promise", "kept", "cancelled"), ("promise", "cancelled", "kept"),
                                   ("kept", "cancelled", "promise"), ("cancelled", "kept", "promise")],
                         ids=lambda o: "-".join(o))
@pytest.mark.parametrize("kept_on,cancelled_on,status", [
    ("2025-04-11", "2025-04-08", "done"),  # called off, then reported kept: the later report
    ("2025-04-10", "2025-04-12", "cancelled"),  # reported kept, then called off two days later
    ("2025-04-11", "2025-04-11", "done"),  # the same day: that it happened beats the cancellation
], ids=["kept-later", "cancelled-later", "same-day"])
def test_the_later_of_two_conflicting_reports_decides_in_any_order(
        store: Store, order: tuple[str, ...], kept_on: str, cancelled_on: str, status: str) -> None:
    reports = _reports(kept_on, cancelled_on)
    for name in order:
        ingest(store, *reports[name])
    (it,) = store.items(now=NOW, status="all")
    assert it.status == status
    assert sorted(e.document for e in it.evidence) == ["a.txt", "c.txt", "k.txt"]
    story = [(t.event, str(t.published)) for t in item_timeline(store, it.id) if t.event in ("kept", "cancelled")]
    assert story == sorted([("kept", kept_on), ("cancelled", cancelled_on)], key=lambda s: (s[1], s[0] == "kept"))
    assert list_proposals(store) == []  # both reports are on the item, neither waits for review


def test_a_status_the_user_set_is_not_overridden_by_a_report(store: Store) -> None:
    reports = _reports("2025-04-11", "2025-04-08")
    ingest(store, *reports["promise"])
    (it,) = store.items(now=NOW, status="all")
    store.set_status(it.id, "cancelled", NOW)
    ingest(store, *reports["kept"])
    (it,) = store.items(now=NOW, status="all")
    assert it.status == "cancelled"
    (proposal,) = list_proposals(store)
    assert (proposal.item_id, proposal.outcome_kind) == (it.id, "fulfilled")
