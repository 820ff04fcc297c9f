"""Follow-up in the store: keep every outcome an article reports, match it to tracked items through
the actor and date indexes, apply confident matches (done, postponed, cancelled, progress) and
store the rest as proposals for `tracker review`. Runs inside the ingest transaction.

Order does not matter: outcomes are stored even when nothing matches yet, and every new or
changed item is matched again against the stored outcomes (`settle_item`). Sure reports that
disagree on how an item ended (held or kept vs cancelled) are settled by publication date, not by
ingest order: the later article decides the status, on the same day a report that it took place
beats a cancellation, and the earlier report stays in the item's timeline and evidence
(`_conflict`). A status the user set by hand is never overridden: the report is proposed instead.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    delete,
    exists,
    insert,
    or_,
    select,
    update,
)

from ..models import Document, Status
from ..store import DocumentResult, Store
from ..store.schema import (
    documents,
    evidence,
    history,
    item_actors,
    item_links,
    items,
    outcome_actors,
    outcome_links,
    outcomes,
)
from ..when import parse_when
from .matching import (
    HELD_GRACE,
    LATE_FULFILMENT,
    UNDATED_HORIZON,
    ItemView,
    Match,
    actor_keys,
    name_keys,
    pick,
    score_match,
)
from .endings import ENDINGS as _ENDINGS
from .endings import OUTCOME_LABELS, OUTCOME_STATUS
from .outcomes import Outcome, find_ordinal

APPLIED, PROPOSED, ACCEPTED, REJECTED = "applied", "proposed", "accepted", "rejected"
_CANDIDATE_LIMIT = 200
_SETTLE_ROUNDS = 6
_FUTURE_WINDOW = timedelta(days=3 * 366)  # items dated this far after a report are not about it


@dataclass(slots=True)
class FollowupResult:
    """What follow-up did for one document: outcomes stored, links applied and proposed."""

    outcomes: int = 0
    applied: list[tuple[int, str]] = field(default_factory=list)  # (link id, item id)
    proposed: list[tuple[int, str]] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)  # items changed by an outcome: settled again


# ---- reading rows ------------------------------------------------------------------------------

def _outcome(r: Any, actors: Sequence[str], aliases: tuple[str, ...] = ()) -> Outcome:
    return Outcome(
        kind=r.kind,
        cue=r.cue,
        sentence=r.sentence,
        span=(r.span_start, r.span_end),
        published=r.published,
        actors=tuple(actors),
        terms=tuple(r.terms.split()),
        location=r.location,
        event_when=r.event_when,
        new_when=r.new_when,
        ordinal=r.ordinal,
        quoted=bool(r.quoted),
        context_actors=bool(r.context_actors),
        document=r.path,
        aliases=aliases,
    )


# An outcome with its article's path and the other names its article gave its actors: they are
# stored with the actor keys (outcome_actors, primary key (outcome_id, actor_norm)) as the keys of
# several words no actor has, read in the same statement (an outer join: one row per other name,
# usually none). Built once.
_MULTIWORD = outcome_actors.alias("multiword")
_OUTCOME_ROWS = (
    select(outcomes, documents.c.path, _MULTIWORD.c.actor_norm.label("multiword"))
    .join(documents, documents.c.id == outcomes.c.document_id)
    .outerjoin(_MULTIWORD, and_(_MULTIWORD.c.outcome_id == outcomes.c.id, _MULTIWORD.c.actor_norm.like("% %")))
)


def _load_outcomes(conn: Connection, ids: Sequence[int]) -> dict[int, tuple[Any, Outcome]]:
    if not ids:
        return {}
    rows: dict[int, Any] = {}
    names: dict[int, set[str]] = defaultdict(set)
    for r in conn.execute(_OUTCOME_ROWS.where(outcomes.c.id.in_(list(ids)))):
        rows.setdefault(r.id, r)
        if r.multiword:
            names[r.id].add(r.multiword)
    out = {}
    for oid, r in rows.items():
        actors = json.loads(r.actors)
        aliases: tuple[str, ...] = ()
        if names[oid]:
            aliases = tuple(sorted(names[oid] - _index_keys(actors)))
        out[oid] = (r, _outcome(r, actors, aliases))
    return out


def _first_published(item_id: Any) -> Any:
    """The item's earliest evidence publication date (one seek in ix_evidence_item_published)."""
    return (select(evidence.c.published)
            .where(evidence.c.item_id == item_id, evidence.c.published.is_not(None))
            .order_by(evidence.c.published).limit(1).scalar_subquery())


def _views(conn: Connection, ids: Sequence[str]) -> dict[str, ItemView]:
    """What matching needs of each item, read in a bounded number of indexed seeks per item: the
    number ("the 6th session") from its title or its first numbered evidence sentence (stored as
    evidence.ordinal when the evidence was added), its first evidence and first publication date.
    Never the item's whole evidence: a heavily merged item costs what a fresh one does."""
    if not ids:
        return {}
    ids = list(dict.fromkeys(ids))
    first_evidence = (select(evidence.c.id).where(evidence.c.item_id == items.c.id)
                      .order_by(evidence.c.published, evidence.c.id).limit(1).scalar_subquery())
    first_ordinal = (select(evidence.c.ordinal).where(evidence.c.item_id == items.c.id, evidence.c.ordinal.is_not(None))
                     .order_by(evidence.c.published, evidence.c.id).limit(1).scalar_subquery())
    rows = conn.execute(select(
        items, first_evidence.label("first_evidence"), first_ordinal.label("evidence_ordinal"),
        _first_published(items.c.id).label("first_published"),
    ).where(items.c.id.in_(ids))).all()
    actors: dict[str, list[str]] = defaultdict(list)
    for item_id, actor in conn.execute(
        select(item_actors.c.item_id, item_actors.c.actor).where(item_actors.c.item_id.in_(ids))
        .order_by(item_actors.c.item_id, item_actors.c.position)
    ):
        actors[item_id].append(actor)
    firsts = [r.first_evidence for r in rows if r.first_evidence is not None]
    first_of: dict[int, tuple[str, int]] = {}
    if firsts:
        for r in conn.execute(
            select(evidence.c.id, documents.c.path, evidence.c.span_start)
            .join(documents, documents.c.id == evidence.c.document_id).where(evidence.c.id.in_(firsts))
        ):
            first_of[r.id] = (r.path, r.span_start)
    out = {}
    for r in rows:
        ordinal = find_ordinal(r.title)
        if ordinal is None:
            ordinal = r.evidence_ordinal
        first = first_of.get(r.first_evidence) if r.first_evidence is not None else None
        out[r.id] = ItemView(
            id=r.id,
            kind=r.kind,
            title_terms=tuple(r.norm_title.split()),
            actors=tuple(actors[r.id]),
            when=r.when,
            location=r.location,
            status=r.status,
            ordinal=ordinal,
            sentences=(first,) if first is not None else (),
            first_seen=r.first_published,
        )
    return out


def _norms(names: Iterable[str]) -> list[str]:
    """Lookup keys of actor names: normalized names, the initials of long names and every other
    name the alias table gives the same body (the store's actor index holds the names as written,
    so a lookup asks for all of them)."""
    return sorted(set().union(set(), *(actor_keys(a) for a in names)))


def _index_keys(names: Iterable[str]) -> set[str]:
    """What an outcome's actors are indexed by (outcome_actors): their names as written (and
    their initials) with the other names their article gave them; the alias table is applied at
    lookup time, so a corrected table needs no reindexing."""
    return set().union(set(), *(name_keys(a) for a in names))


# ---- candidates through the indexes ------------------------------------------------------------

def _candidate_items(conn: Connection, o: Outcome) -> list[str]:
    """Items sharing an actor with `o` whose date window can meet its report date (indexed)."""
    norms = _norms((*o.actors, *o.aliases))
    if not norms:
        return []
    # The dates each report can speak of (matching.py's date rules, a little wider), so the
    # date index narrows the actor's items: a happening on a stated day meets the items around
    # that day; one reported without a day meets events just before the report and commitments
    # (kept late) up to a year before; a change or progress concerns something not long past.
    day = timedelta(days=1)
    deadline = items.c.when.like("../%")  # stored with when_first = when_last = its end
    dated: ColumnElement[bool]
    try:
        told = parse_when(o.event_when) if o.event_when and o.kind in ("held", "fulfilled") else None
    except ValueError:
        told = None
    if told is not None:
        dated = and_(items.c.when_last >= (told.first or told.last) - day,
                     or_(items.c.when_first <= told.last + day, deadline))
    elif o.kind in ("held", "fulfilled"):
        dated = and_(
            items.c.when_last >= o.published - LATE_FULFILMENT,
            or_(items.c.when_last >= o.published - HELD_GRACE - day, items.c.kind == "commitment", deadline),
            or_(items.c.when_first <= o.published + timedelta(days=31), deadline),
        )
    else:
        dated = and_(items.c.when_last >= o.published - timedelta(days=31),
                     items.c.when_first <= o.published + _FUTURE_WINDOW)
    q = (
        select(items.c.id)
        .join(item_actors, item_actors.c.item_id == items.c.id)
        .where(item_actors.c.actor_norm.in_(norms), or_(items.c.when_last.is_(None), dated))
        .group_by(items.c.id)
        .order_by(items.c.id)
        .limit(_CANDIDATE_LIMIT)
    )
    return list(conn.execute(q).scalars())


def _candidate_outcomes(conn: Connection, item_id: str) -> list[int]:
    """Stored outcomes sharing an actor with the item, reported from its first evidence on and
    not after its date plus the late-fulfilment window, not yet linked to it (indexed)."""
    norms = _norms(conn.execute(select(item_actors.c.actor).where(item_actors.c.item_id == item_id)).scalars())
    if not norms:
        return []
    row = conn.execute(select(items.c.when_first, items.c.when_last, items.c.created).where(items.c.id == item_id)).one()
    first_seen = conn.execute(select(_first_published(item_id))).scalar()
    lo = first_seen if first_seen is not None else (row.when_first or row.created.date()) - timedelta(days=31)
    conds = [outcome_actors.c.actor_norm.in_(norms), outcomes.c.published >= lo]
    if row.when_last is not None:
        conds.append(outcomes.c.published <= row.when_last + LATE_FULFILMENT)
    else:
        conds.append(outcomes.c.published <= lo + UNDATED_HORIZON)
    linked = exists().where(outcome_links.c.outcome_id == outcomes.c.id, outcome_links.c.item_id == item_id)
    q = (
        select(outcomes.c.id)
        .join(outcome_actors, outcome_actors.c.outcome_id == outcomes.c.id)
        .where(*conds, ~linked)
        .group_by(outcomes.c.id, outcomes.c.published)
        .order_by(outcomes.c.published, outcomes.c.id)
        .limit(_CANDIDATE_LIMIT)
    )
    return list(conn.execute(q).scalars())


# ---- effects -----------------------------------------------------------------------------------

def _history(conn: Connection, item_id: str, at: datetime, rows: Sequence[tuple[str, str | None, str | None]],
             by: str, why: str | None) -> None:
    conn.execute(insert(history), [
        {"item_id": item_id, "at": at, "field": f, "old": o, "new": n, "by": by, "why": why} for f, o, n in rows
    ])


def _add_evidence(conn: Connection, item_id: str, r: Any) -> None:
    dup = conn.execute(select(evidence.c.id).where(
        evidence.c.item_id == item_id, evidence.c.document_id == r.document_id, evidence.c.span_start == r.span_start
    )).first()
    if dup is None:
        conn.execute(insert(evidence).values(
            item_id=item_id, document_id=r.document_id, sentence=r.sentence, span_start=r.span_start,
            span_end=r.span_end, published=r.published, ordinal=find_ordinal(r.sentence),
        ))


NEWER, OLDER = "newer", "older"


def _standing(conn: Connection, item_id: str, status: str) -> tuple[date, int] | None:
    """(publication date, precedence) of the report the item's closed `status` rests on: the
    latest applied or accepted ending among its links, or the article whose extraction closed it
    (the store cancels an item an article calls off). None when the status rests on the user's
    word, or on nothing known. A few indexed seeks, only for a report that disagrees."""
    setter = conn.execute(
        select(history.c.by, history.c.new).where(history.c.item_id == item_id, history.c.field.in_(("status", "created")))
        .order_by(history.c.at.desc(), history.c.id.desc()).limit(1)
    ).first()
    if setter is None or not setter.by.startswith("article:"):
        return None  # set (or reopened) by hand: the user decides
    rows = conn.execute(
        select(outcomes.c.published, outcomes.c.kind)
        .join(outcome_links, outcome_links.c.outcome_id == outcomes.c.id)
        .where(outcome_links.c.item_id == item_id, outcome_links.c.state.in_((APPLIED, ACCEPTED)),
               outcomes.c.kind.in_(list(_ENDINGS)))
    ).all()
    endings = [(r.published, _ENDINGS[r.kind]) for r in rows if OUTCOME_STATUS[r.kind] == status]
    if endings:
        return max(endings)
    if setter.new != status or status != Status.CANCELLED.value:
        return None
    # Cancelled by the store's own merge, with no outcome statement: that article's date.
    published = conn.execute(
        select(evidence.c.published).join(documents, documents.c.id == evidence.c.document_id)
        .where(evidence.c.item_id == item_id, documents.c.path == setter.by.removeprefix("article:"))
        .order_by(evidence.c.published.desc()).limit(1)
    ).scalar()
    return (published, _ENDINGS["cancelled"]) if published is not None else None


def _conflict(conn: Connection, view: ItemView, o: Outcome, m: Match) -> str | None:
    """A sure report that the item ended otherwise than its status says: NEWER (it decides the
    status), OLDER (recorded in the timeline, the status stays), or None (ask the user: the status
    was set by hand, or the report is no ending). Adds the reason to the match."""
    target = OUTCOME_STATUS.get(o.kind)
    if target is None or view.status == target or view.status == Status.OPEN.value:
        return None
    standing = _standing(conn, view.id, view.status)
    if standing is None:
        return None
    ours = (o.published, _ENDINGS[o.kind])
    if ours > standing:
        m.reasons.append(f"a later report ({o.published}) than the one the status {view.status} rests on "
                         f"({standing[0]}): it decides the status")
        return NEWER
    m.reasons.append(f"an earlier report than the one the status {view.status} rests on ({standing[0]}): "
                     "recorded, the status stays")
    return OLDER


def can_apply(view: ItemView, o: Outcome) -> bool:
    """Whether the outcome may apply without asking: to an open item, or to one already in the
    state it reports (a done item reported held again)."""
    if view.status == Status.OPEN.value:
        return True
    # Already in the state the report describes (the store's merge may have cancelled it from
    # the same article): the report is recorded as evidence, nothing changes.
    return view.status == OUTCOME_STATUS.get(o.kind)


def _effect(store: Store, conn: Connection, r: Any, o: Outcome, item_id: str, at: datetime, *,
            force: bool = False) -> bool:
    """Apply the outcome to the item; True when its date changed. `force` (an accepted proposal)
    applies it to a done or cancelled item too."""
    row = conn.execute(select(items).where(items.c.id == item_id)).one()
    by, why = f"article:{o.document}", o.sentence
    label = OUTCOME_LABELS[o.kind]
    old = Store._effective(row.status, row.when_last, at.date())
    if o.kind == "progress":
        _history(conn, item_id, at, [("outcome", None, label)], by, why)
        return False
    _add_evidence(conn, item_id, r)
    values: dict[str, Any] = {}
    changes: list[tuple[str, str | None, str | None]] = []
    is_open = row.status == Status.OPEN.value or (force and row.status != OUTCOME_STATUS.get(o.kind))
    if o.kind in ("held", "fulfilled") and is_open:
        values["status"] = Status.DONE.value
        changes.append(("status", old, Status.DONE.value))
    elif o.kind == "cancelled" and is_open:
        values["status"] = Status.CANCELLED.value
        changes.append(("status", old, Status.CANCELLED.value))
    elif o.kind == "postponed" and is_open and o.new_when is not None and o.new_when != row.when:
        values["when"] = o.new_when
        changes.append(("when", row.when, o.new_when))
    changes.append(("outcome", None, label))
    if values:
        # Raises the sequence: feeds re-render the item and reminders are recomputed from it
        # (tracker.reminders syncs items whose sequence moved; done and cancelled items get none).
        store._change(conn, item_id, at, values, changes, by, why, row=row)
    else:
        _history(conn, item_id, at, changes, by, why)
        conn.execute(update(items).where(items.c.id == item_id).values(updated=at))
    _link_followers(conn, r, item_id)
    return "when" in values


def _link_followers(conn: Connection, r: Any, item_id: str) -> None:
    """Items first reported by the outcome's article, sharing an actor and dated after it (the
    next session announced at this one), follow from the item."""
    keys = set(_norms(conn.execute(select(item_actors.c.actor).where(item_actors.c.item_id == item_id)).scalars()))
    if not keys:
        return
    # From the document's evidence (indexed), never a scan of the items.
    reported = select(evidence.c.item_id).where(evidence.c.document_id == r.document_id,
                                                evidence.c.span_start != r.span_start)
    created_here = select(history.c.item_id).where(history.c.item_id.in_(reported), history.c.field == "created",
                                                   history.c.by == f"article:{r.path}")
    linked = select(item_links.c.item_id).where(item_links.c.other_id == item_id)
    q = select(items.c.id).where(
        items.c.id.in_(created_here), items.c.id != item_id, items.c.id.not_in(linked),
        or_(items.c.when_first.is_(None), items.c.when_first > r.published),
    )
    for follower in conn.execute(q).scalars().all():
        names = conn.execute(select(item_actors.c.actor).where(item_actors.c.item_id == follower)).scalars()
        if keys & set(_norms(names)):
            conn.execute(insert(item_links).values(item_id=follower, other_id=item_id, relation="follows",
                                                   document_id=r.document_id))


def _new_id(result: Any) -> int:
    pk = result.inserted_primary_key
    assert pk is not None
    return int(pk[0])


def _link(conn: Connection, outcome_id: int, m: Match, state: str, at: datetime) -> int:
    return _new_id(conn.execute(insert(outcome_links).values(
        outcome_id=outcome_id, item_id=m.item_id, state=state, score=m.per_mille,
        explanation=json.dumps(m.reasons, ensure_ascii=False), created=at,
        settled=at if state == APPLIED else None,
    )))


def _applied_elsewhere(conn: Connection, outcome_id: int) -> bool:
    return conn.execute(select(outcome_links.c.id).where(
        outcome_links.c.outcome_id == outcome_id, outcome_links.c.state.in_((APPLIED, ACCEPTED))
    )).first() is not None


# ---- matching an outcome, settling an item -----------------------------------------------------

def match_outcome(store: Store, conn: Connection, outcome_id: int, at: datetime, result: FollowupResult) -> None:
    """Score a stored outcome against its candidate items; apply or propose."""
    r, o = _load_outcomes(conn, [outcome_id])[outcome_id]
    views = _views(conn, _candidate_items(conn, o))
    already = set(conn.execute(select(outcome_links.c.item_id).where(outcome_links.c.outcome_id == outcome_id)).scalars())
    matches = [score_match(v, o) for v in views.values() if v.id not in already and not _own_sentence(v, o)]
    best, proposals = pick(matches)
    conflict = None
    if best is not None and not can_apply(views[best.item_id], o):
        conflict = _conflict(conn, views[best.item_id], o, best)
        if conflict is None:
            proposals = [best, *proposals]
            best = None
    if best is not None and not _applied_elsewhere(conn, outcome_id):
        result.applied.append((_link(conn, outcome_id, best, APPLIED, at), best.item_id))
        _effect(store, conn, r, o, best.item_id, at, force=conflict == NEWER)
        result.touched.append(best.item_id)
        return
    for m in proposals:
        if m.item_id not in already and _worth_asking(views[m.item_id], o):
            result.proposed.append((_link(conn, outcome_id, m, PROPOSED, at), m.item_id))


def _own_sentence(view: ItemView, o: Outcome) -> bool:
    """The item was first found in this very sentence ("the next session will be held in Baku"):
    it cannot also report the item held or kept. A report merged into an item later still can,
    and a postponement or cancellation still records the change."""
    return o.kind not in ("postponed", "cancelled") and view.sentences[:1] == ((o.document, o.span[0]),)


def _worth_asking(view: ItemView, o: Outcome) -> bool:
    """A proposal that would change nothing (a done item reported held again) is not made."""
    return not (view.status == OUTCOME_STATUS.get(o.kind) or (view.status == Status.DONE.value and o.kind == "progress"))


def settle_item(store: Store, conn: Connection, item_id: str, at: datetime, result: FollowupResult) -> None:
    """Match the item against stored outcomes not yet linked to it, oldest report first; after a
    date change, pending proposals are scored again (the new date may make them sure)."""
    for _ in range(_SETTLE_ROUNDS):
        ids = _candidate_outcomes(conn, item_id)
        if not ids:
            return
        loaded = _load_outcomes(conn, ids)
        moved = False
        view = None
        for oid in ids:
            # Read again only after an outcome changed the item (status, evidence).
            if view is None:
                view = _views(conn, [item_id])[item_id]
            r, o = loaded[oid]
            if _own_sentence(view, o):
                continue
            m = score_match(view, o)
            # One outcome statement reports on one item: once applied, it is not offered again.
            if m.verdict == "none" or _applied_elsewhere(conn, oid):
                continue
            conflict = None
            if m.verdict == "auto" and (can_apply(view, o) or (conflict := _conflict(conn, view, o, m)) is not None):
                result.applied.append((_link(conn, oid, m, APPLIED, at), item_id))
                view = None
                if _effect(store, conn, r, o, item_id, at, force=conflict == NEWER):
                    moved = True
                    break
            elif _worth_asking(view, o):
                result.proposed.append((_link(conn, oid, m, PROPOSED, at), item_id))
        if not moved:
            return
        # The date moved: proposals scored against the old date are scored again.
        conn.execute(delete(outcome_links).where(outcome_links.c.item_id == item_id,
                                                 outcome_links.c.state == PROPOSED))


def store_outcomes(conn: Connection, doc: Document, found: Sequence[Outcome]) -> list[int]:
    """Insert the document's outcomes (the document row must exist); their ids in order."""
    doc_id = conn.execute(select(documents.c.id).where(documents.c.sha256 == doc.sha256)).scalar_one()
    ids = []
    for o in found:
        oid = _new_id(conn.execute(insert(outcomes).values(
            document_id=doc_id, kind=o.kind, cue=o.cue, sentence=o.sentence, span_start=o.span[0],
            span_end=o.span[1], published=o.published, actors=json.dumps(list(o.actors), ensure_ascii=False),
            terms=" ".join(o.terms), location=o.location, event_when=o.event_when, new_when=o.new_when,
            ordinal=o.ordinal, quoted=int(o.quoted), context_actors=int(o.context_actors),
        )))
        norms = sorted(_index_keys((*o.actors, *o.aliases)))
        if norms:
            conn.execute(insert(outcome_actors), [{"outcome_id": oid, "actor_norm": n} for n in norms])
        ids.append(oid)
    return ids


def follow_up_document(
    store: Store, conn: Connection, doc: Document, found: Sequence[Outcome], stored: DocumentResult, at: datetime
) -> FollowupResult:
    """Store the document's outcomes, match them to tracked items, and match the items this
    document created or changed against every stored outcome. Call inside the ingest transaction.
    """
    result = FollowupResult()
    ids = store_outcomes(conn, doc, found)
    result.outcomes = len(ids)
    for oid in ids:
        match_outcome(store, conn, oid, at, result)
    # All of this document's outcomes are placed first, so a statement applied to one item is not
    # also proposed for another; then new, merged, changed and touched items meet stored outcomes.
    for item_id in dict.fromkeys([*stored.new, *stored.merged, *stored.updated, *result.touched]):
        settle_item(store, conn, item_id, at, result)
    return result
