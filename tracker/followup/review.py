"""Proposals: outcome-to-item matches below the confident threshold, listed by `tracker review`
with both sentences side by side and settled by accepting (the change applies) or rejecting.
Both decisions are recorded in the item's history.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from ..errors import InputError, NotFoundError
from ..store import Store
from ..store.engine import run_write
from ..store.schema import documents, evidence, history, items, outcome_links, outcomes
from .apply import (
    ACCEPTED,
    PROPOSED,
    REJECTED,
    FollowupResult,
    _effect,
    _load_outcomes,
    settle_item,
)

USER = "user"


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed (or settled) link between an outcome statement and a tracked item."""

    id: int
    state: str  # proposed | accepted | rejected | applied
    score: float
    reasons: tuple[str, ...]
    item_id: str
    item_title: str
    item_when: str | None
    item_status: str
    item_sentence: str | None  # the first evidence sentence: what was promised or announced
    item_document: str | None
    item_published: date | None
    outcome_kind: str
    outcome_sentence: str
    outcome_document: str
    outcome_published: date
    new_when: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "item": {
                "document": self.item_document,
                "id": self.item_id,
                "published": self.item_published.isoformat() if self.item_published else None,
                "sentence": self.item_sentence,
                "status": self.item_status,
                "title": self.item_title,
                "when": self.item_when,
            },
            "outcome": {
                "document": self.outcome_document,
                "kind": self.outcome_kind,
                "new_when": self.new_when,
                "published": self.outcome_published.isoformat(),
                "sentence": self.outcome_sentence,
            },
            "reasons": list(self.reasons),
            "score": round(self.score, 3),
            "state": self.state,
        }


def _proposals(conn: Connection, where: Any) -> list[Proposal]:
    odoc = documents.alias("odoc")
    q = (
        select(
            outcome_links, items.c.title, items.c.when, items.c.status, items.c.when_last,
            outcomes.c.kind.label("okind"), outcomes.c.sentence.label("osentence"), outcomes.c.published.label("opub"),
            outcomes.c.new_when, odoc.c.path.label("opath"),
        )
        .join(items, items.c.id == outcome_links.c.item_id)
        .join(outcomes, outcomes.c.id == outcome_links.c.outcome_id)
        .join(odoc, odoc.c.id == outcomes.c.document_id)
        .where(where)
        .order_by(outcome_links.c.id)
    )
    rows = conn.execute(q).all()
    first: dict[str, Any] = {}
    ids = sorted({r.item_id for r in rows})
    if ids:
        ranked = (
            select(evidence.c.item_id, evidence.c.sentence, evidence.c.published, documents.c.path,
                   func.row_number().over(partition_by=evidence.c.item_id,
                                          order_by=(evidence.c.published, evidence.c.id)).label("n"))
            .join(documents, documents.c.id == evidence.c.document_id)
            .where(evidence.c.item_id.in_(ids))
            .subquery()
        )
        for row in conn.execute(select(ranked).where(ranked.c.n == 1)):
            first[row.item_id] = row
    out = []
    for r in rows:
        e = first.get(r.item_id)
        out.append(Proposal(
            id=r.id, state=r.state, score=r.score / 1000, reasons=tuple(json.loads(r.explanation)),
            item_id=r.item_id, item_title=r.title, item_when=r.when,
            item_status=r.status,
            item_sentence=e.sentence if e else None, item_document=e.path if e else None,
            item_published=e.published if e else None,
            outcome_kind=r.okind, outcome_sentence=r.osentence, outcome_document=r.opath, outcome_published=r.opub,
            new_when=r.new_when,
        ))
    return out


def list_proposals(store: Store, *, state: str = PROPOSED) -> list[Proposal]:
    """Proposals in this state (proposed by default; "all" for every link), oldest first."""
    with store.engine.connect() as conn:
        where = outcome_links.c.state == state if state != "all" else outcome_links.c.id.isnot(None)
        return _proposals(conn, where)


def _parse_id(proposal_id: str | int) -> int:
    try:
        return int(str(proposal_id).strip().lstrip("#"))
    except ValueError:
        raise NotFoundError(f"no proposal {proposal_id!r}: proposal ids are numbers; `tracker review` lists them") from None


def _settle(store: Store, proposal_id: str | int, now: datetime, note: str | None, accept: bool) -> Proposal:
    pid = _parse_id(proposal_id)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    at = now.astimezone(UTC).replace(microsecond=0)

    def work(conn: Connection) -> None:
        link = conn.execute(select(outcome_links).where(outcome_links.c.id == pid)).first()
        if link is None:
            raise NotFoundError(f"no proposal {pid}; `tracker review` lists the open ones")
        if link.state != PROPOSED:
            raise InputError(f"proposal {pid} is already {link.state}")
        state = ACCEPTED if accept else REJECTED
        conn.execute(update(outcome_links).where(outcome_links.c.id == pid).values(state=state, settled=at))
        r, o = _load_outcomes(conn, [link.outcome_id])[link.outcome_id]
        why = note or f"proposal {pid}: {o.sentence}"
        conn.execute(insert(history).values(item_id=link.item_id, at=at, field="proposal", old=PROPOSED, new=state,
                                            by=USER, why=why))
        if accept:
            _effect(store, conn, r, o, link.item_id, at, force=True)
            settle_item(store, conn, link.item_id, at, FollowupResult())

    run_write(store.engine, work)
    with store.engine.connect() as conn:
        return _proposals(conn, outcome_links.c.id == pid)[0]


def accept_proposal(store: Store, proposal_id: str | int, now: datetime, note: str | None = None) -> Proposal:
    """Accept a proposal: the outcome applies to the item (done, new date, cancelled...).

    Raises:
        NotFoundError: no such proposal. InputError: it was already settled.
    """
    return _settle(store, proposal_id, now, note, accept=True)


def reject_proposal(store: Store, proposal_id: str | int, now: datetime, note: str | None = None) -> Proposal:
    """Reject a proposal: nothing changes but the item's history records the decision.

    Raises:
        NotFoundError: no such proposal. InputError: it was already settled.
    """
    return _settle(store, proposal_id, now, note, accept=False)
