"""Reminder rows in the store: recomputing them from items, claiming the due ones, recording
deliveries, and listing them. One code path for SQLite and PostgreSQL; `now` is always passed in.

Recomputation is lazy, keyed on the item's `sequence` (raised by the store on every recorded
change): the store's mutation points (edit, done/cancel, ingest merges) stay untouched and
need no reminder policy or channel list, which only the dispatcher has. Every dispatcher pass
first recomputes exactly the items whose sequence moved since their rows were computed, and a
claim re-checks the sequence and status in the same statement, so a reminder computed for an
item state that no longer holds is never sent, even between an edit and the next pass.
"""
from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, TypeVar

from sqlalchemy import Connection, and_, bindparam, case, delete, func, insert, literal, or_, select, update
from sqlalchemy.exc import DBAPIError

from ..errors import InputError
from ..models import Evidence, Status, TrackedItem
from ..store import Store
from ..store.engine import run_write
from ..store.schema import documents, evidence, item_actors, items
from .channels.base import Channel
from .policy import (
    ReminderPolicy,
    agenda_days,
    digest_days,
    item_due_times,
    local_day_at,
    parse_remind_spec,
    render_remind_spec,
)
from .schema import (
    FAILED,
    KIND_AGENDA,
    KIND_BEFORE,
    KIND_DIGEST,
    PENDING,
    SENDING,
    SENT,
    SKIPPED,
    STATES,
    UNKNOWN,
    reminder_items,
    reminders,
)

T = TypeVar("T")
SYNC_CHUNK = 2000
# A reminder delivered more than this after its due time is flagged `late` (it was missed
# while no dispatcher ran, or waited in a long queue).
LATE_AFTER = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class Reminder:
    """One reminder row, with its item's title for listings."""

    id: int
    key: str
    item_id: str | None
    item_sequence: int | None
    kind: str
    lead_time: str | None
    due: datetime
    channel: str
    channel_key: str
    state: str
    attempts: int
    next_attempt: datetime
    late: bool
    sent_at: datetime | None
    last_error: str | None
    claimed_by: str | None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "attempts": self.attempts,
            "channel": self.channel,
            "due": self.due.isoformat(),
            "id": self.id,
            "item_id": self.item_id,
            "key": self.key,
            "kind": self.kind,
            "last_error": self.last_error,
            "late": self.late,
            "lead_time": self.lead_time,
            "next_attempt": self.next_attempt.isoformat() if self.state == PENDING else None,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
            "state": self.state,
            "title": self.title,
        }


@dataclass(slots=True)
class SyncReport:
    """What a recomputation did: items looked at, rows created and pending rows removed."""

    items: int = 0
    created: int = 0
    removed: int = 0


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one delivery attempt of a claimed reminder."""

    id: int
    attempts: int
    due: datetime
    at: datetime
    error: str | None = None
    skipped: str | None = None  # nothing to send (an empty digest): the reason


def _reminder(row: Any, title: str | None = None) -> Reminder:
    return Reminder(
        id=row.id,
        key=row.key,
        item_id=row.item_id,
        item_sequence=row.item_sequence,
        kind=row.kind,
        lead_time=row.lead_time,
        due=row.due,
        channel=row.channel,
        channel_key=row.channel_key,
        state=row.state,
        attempts=row.attempts,
        next_attempt=row.next_attempt,
        late=bool(row.late),
        sent_at=row.sent_at,
        last_error=row.last_error,
        claimed_by=row.claimed_by,
        title=title,
    )


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(timezone.utc)


def write(store: Store, work: Callable[[Connection], T], attempts: int = 12) -> T:
    """One transaction for the dispatcher's own writes (claims, results).

    Unlike the store's `run_write` it takes no PostgreSQL advisory lock: dispatchers sharing a
    PostgreSQL store coordinate through row locks (FOR UPDATE SKIP LOCKED) instead, so claims
    run in parallel with ingests and with each other. SQLite takes its write lock up front.
    """
    for attempt in range(attempts):
        try:
            with store.engine.connect() as conn:
                conn = conn.execution_options(tracker_begin="IMMEDIATE")
                with conn.begin():
                    return work(conn)
        except DBAPIError as exc:
            message = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
            busy = "locked" in message or "busy" in message or getattr(exc.orig, "sqlstate", None) in ("40001", "40P01")
            if not busy or attempt == attempts - 1:
                raise
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def _chunks(values: Sequence[Any], size: int = 500) -> Iterable[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


# ---- recomputation ---------------------------------------------------------------------------


def _item_key(item_id: str, label: str, due: datetime, channel: Channel) -> str:
    return f"{item_id}/{label}/{due:%Y-%m-%dT%H:%MZ}/{channel.key}"


def _row(key: str, kind: str, due: datetime, channel: Channel, at: datetime, **extra: Any) -> dict[str, Any]:
    return {
        "key": key,
        "kind": kind,
        "due": due,
        "next_attempt": due,
        "channel": channel.label,
        "channel_key": channel.key,
        "state": PENDING,
        "attempts": 0,
        "late": False,
        "created": at,
        "item_id": extra.get("item_id"),
        "item_sequence": extra.get("item_sequence"),
        "lead_time": extra.get("lead_time"),
    }


def sync_reminders(store: Store, policy: ReminderPolicy, channels: Sequence[Channel], now: datetime) -> SyncReport:
    """Bring the reminder rows in line with the items, the policy and the channels at `now`.

    Recomputes only items whose sequence or per-item policy changed since their rows were
    computed, or all items when the policy or channel set changed. A done or cancelled item
    loses its pending reminders; a rescheduled one gets new ones; rows already sent, failed,
    skipped or being sent are never touched. Reminders whose due time is already beyond the
    grace window are not created. Also adds the daily digests and weekly agendas around `now`.
    """
    at = _utc(now)
    sig = policy.signature(c.key for c in channels)
    oldest = at - policy.grace
    report = SyncReport()
    needs = or_(
        reminder_items.c.item_id.is_(None),
        reminder_items.c.synced_sequence.is_(None),
        reminder_items.c.synced_sequence != items.c.sequence,
        reminder_items.c.synced_sig.is_(None),
        reminder_items.c.synced_sig != sig,
    )
    query = (
        select(
            items.c.id,
            items.c.kind,
            items.c.when,
            items.c.status,
            items.c.sequence,
            reminder_items.c.remind,
            reminder_items.c.item_id.label("known"),
        )
        .select_from(items.outerjoin(reminder_items, reminder_items.c.item_id == items.c.id))
        .where(needs)
        .order_by(items.c.id)
        .limit(SYNC_CHUNK)
    )

    def chunk(conn: Connection) -> int:
        rows = conn.execute(query).all()
        if not rows:
            return 0
        ids = [r.id for r in rows]
        existing: dict[str, Any] = {}
        for part in _chunks(ids):
            for e in conn.execute(
                select(reminders.c.id, reminders.c.key, reminders.c.item_id, reminders.c.state).where(
                    reminders.c.item_id.in_(part)
                )
            ):
                existing[e.key] = e
        desired: dict[str, dict[str, Any]] = {}
        for r in rows:
            if r.status != Status.OPEN.value or r.when is None:
                continue
            own = parse_remind_spec(r.remind) if r.remind is not None else None
            leads = own if own is not None else policy.before
            for label, due in item_due_times(r.when, leads, policy):
                if due < oldest:
                    continue
                for ch in channels:
                    key = _item_key(r.id, label, due, ch)
                    desired[key] = _row(
                        key, KIND_BEFORE, due, ch, at, item_id=r.id, item_sequence=r.sequence, lead_time=label
                    )
        stale = [e.id for k, e in existing.items() if e.state == PENDING and k not in desired]
        for part in _chunks(stale):
            conn.execute(delete(reminders).where(reminders.c.id.in_(part)))
        new = [row for k, row in desired.items() if k not in existing]
        for part in _chunks(new, 1000):
            conn.execute(insert(reminders), list(part))
        # Pending rows that stay (same item, date and lead time) now belong to this sequence.
        keep = [{"b_item": r.id, "b_seq": r.sequence} for r in rows]
        conn.execute(
            update(reminders)
            .where(reminders.c.item_id == bindparam("b_item"), reminders.c.state == PENDING)
            .values(item_sequence=bindparam("b_seq")),
            keep,
        )
        known = [{"b_item": r.id, "b_seq": r.sequence} for r in rows if r.known is not None]
        if known:
            conn.execute(
                update(reminder_items)
                .where(reminder_items.c.item_id == bindparam("b_item"))
                .values(synced_sequence=bindparam("b_seq"), synced_sig=sig),
                known,
            )
        fresh = [{"item_id": r.id, "synced_sequence": r.sequence, "synced_sig": sig} for r in rows if r.known is None]
        if fresh:
            conn.execute(insert(reminder_items), fresh)
        report.items += len(rows)
        report.created += len(new)
        report.removed += len(stale)
        return len(rows)

    while run_write(store.engine, chunk) == SYNC_CHUNK:
        pass
    created, removed = run_write(store.engine, lambda conn: _sync_periodic(conn, policy, channels, at))
    report.created += created
    report.removed += removed
    return report


def _sync_periodic(conn: Connection, policy: ReminderPolicy, channels: Sequence[Channel], at: datetime) -> tuple[int, int]:
    """Digest and agenda rows around `at`; future ones no longer wanted are removed."""
    oldest = at - policy.grace
    desired: dict[str, dict[str, Any]] = {}
    for enabled, kind, days in (
        (policy.digest, KIND_DIGEST, digest_days(at, policy)),
        (policy.agenda, KIND_AGENDA, agenda_days(at, policy)),
    ):
        if not enabled:
            continue
        for day in days:
            due = local_day_at(day, policy)
            if due < oldest:
                continue
            for ch in channels:
                key = f"{kind}/{day.isoformat()}/{ch.key}"
                desired[key] = _row(key, kind, due, ch, at)
    existing = {
        r.key: r
        for r in conn.execute(
            select(reminders.c.id, reminders.c.key, reminders.c.state, reminders.c.due).where(
                reminders.c.item_id.is_(None), reminders.c.due >= oldest
            )
        )
    }
    # Only future rows are withdrawn: a past-due one is left for the misfire rule (sent late or
    # skipped and listed), never silently dropped.
    stale = [r.id for k, r in existing.items() if r.state == PENDING and k not in desired and r.due > at]
    if stale:
        conn.execute(delete(reminders).where(reminders.c.id.in_(stale)))
    new = [row for k, row in desired.items() if k not in existing]
    if new:
        conn.execute(insert(reminders), new)
    return len(new), len(stale)


def set_item_remind(store: Store, id: str, spec: str, now: datetime) -> tuple[str, str | None]:
    """Give one item its own lead times ("2d,3h"), none ("none"), or the configured ones
    ("default"). Takes effect at the dispatcher's next pass.

    Returns:
        The item's id and the normalized policy (None for the default).

    Raises:
        InputError: a malformed spec. NotFoundError: no such item.
    """
    leads = parse_remind_spec(spec)
    value = render_remind_spec(leads)
    item_id = store.get(id, now).id

    def work(conn: Connection) -> None:
        done = conn.execute(
            update(reminder_items)
            .where(reminder_items.c.item_id == item_id)
            .values(remind=value, synced_sig=None)
        ).rowcount
        if not done:
            conn.execute(insert(reminder_items).values(item_id=item_id, remind=value))

    run_write(store.engine, work)
    return item_id, value


# ---- dispatching -----------------------------------------------------------------------------


def claim_due(store: Store, owner: str, channel_keys: Sequence[str], now: datetime, limit: int) -> list[Reminder]:
    """Claim up to `limit` due reminders for `owner`: state `sending`, committed on return.

    Only reminders for the given channels whose item is still open and unchanged since they
    were computed. On PostgreSQL the candidate rows are locked with FOR UPDATE SKIP LOCKED, so
    concurrent dispatchers claim disjoint sets; on SQLite one dispatcher runs at a time.
    """
    at = _utc(now)
    if not channel_keys:
        return []
    fresh = or_(
        reminders.c.item_id.is_(None),
        and_(items.c.sequence == reminders.c.item_sequence, items.c.status == Status.OPEN.value),
    )
    candidates = (
        select(reminders.c.id)
        .select_from(reminders.outerjoin(items, items.c.id == reminders.c.item_id))
        .where(
            reminders.c.state == PENDING,
            reminders.c.next_attempt <= at,
            reminders.c.channel_key.in_(list(channel_keys)),
            fresh,
        )
        # By due time only: the (state, next_attempt) index then yields rows in order and the
        # LIMIT stops early; a tie-break column would sort every due row for every batch.
        .order_by(reminders.c.next_attempt)
        .limit(limit)
    )
    if not store.is_sqlite:
        candidates = candidates.with_for_update(skip_locked=True, of=reminders)
    # A CTE with FOR UPDATE is evaluated once (PostgreSQL never inlines it), so the rows locked
    # are exactly the rows updated.
    due = candidates.cte("due")
    stmt = (
        update(reminders)
        .where(reminders.c.id.in_(select(due.c.id)), reminders.c.state == PENDING)
        .values(state=SENDING, claimed_by=owner, claimed_at=at, attempts=reminders.c.attempts + 1)
        # Only what sending needs: converting unused datetimes costs a burst ~10 % of its time.
        .returning(reminders.c.id, reminders.c.key, reminders.c.item_id, reminders.c.item_sequence, reminders.c.kind,
                   reminders.c.lead_time, reminders.c.due, reminders.c.channel, reminders.c.channel_key,
                   reminders.c.attempts)
    )
    rows = write(store, lambda conn: conn.execute(stmt).all())
    claimed = [
        Reminder(
            id=r.id, key=r.key, item_id=r.item_id, item_sequence=r.item_sequence, kind=r.kind, lead_time=r.lead_time,
            due=r.due, channel=r.channel, channel_key=r.channel_key, state=SENDING, attempts=r.attempts,
            next_attempt=r.due, late=False, sent_at=None, last_error=None, claimed_by=owner,
        )
        for r in rows
    ]
    return sorted(claimed, key=lambda r: (r.due, r.id))


def record_outcomes(
    store: Store, owner: str, outcomes: Sequence[Outcome], policy: ReminderPolicy, recorded: datetime | None = None
) -> None:
    """Record delivery results of reminders `owner` claimed: sent, or retried later with
    backoff, or `failed` after the last attempt.

    `recorded` (the time of this record) becomes the `sent_at` of every sent one: one UPDATE
    for the lot instead of one per reminder (a 10,000-reminder burst records 10x faster), at
    the cost of `sent_at` being up to one flush interval (50 ms) after the actual send.
    """
    if not outcomes:
        return
    sent_at = _utc(recorded) if recorded is not None else max(o.at for o in outcomes)
    sent = [o.id for o in outcomes if o.error is None and o.skipped is None]
    skipped = [{"b_id": o.id, "b_error": o.skipped} for o in outcomes if o.skipped is not None]
    failed = []
    for o in outcomes:
        if o.error is None:
            continue
        last = o.attempts >= policy.attempts
        failed.append(
            {
                "b_id": o.id,
                "b_state": FAILED if last else PENDING,
                "b_next": o.at if last else o.at + policy.backoff(o.attempts),
                "b_error": o.error[:2000],
            }
        )
    mine = and_(reminders.c.id == bindparam("b_id"), reminders.c.state == SENDING, reminders.c.claimed_by == owner)

    def work(conn: Connection) -> None:
        for part in _chunks(sent):
            conn.execute(
                update(reminders)
                .where(reminders.c.id.in_(part), reminders.c.state == SENDING, reminders.c.claimed_by == owner)
                .values(state=SENT, sent_at=sent_at, late=reminders.c.due < sent_at - LATE_AFTER, last_error=None)
            )
        if failed:
            conn.execute(
                update(reminders)
                .where(mine)
                .values(state=bindparam("b_state"), next_attempt=bindparam("b_next"), last_error=bindparam("b_error")),
                failed,
            )
        if skipped:
            conn.execute(update(reminders).where(mine).values(state=SKIPPED, last_error=bindparam("b_error")), skipped)

    write(store, work)


def skip_missed(store: Store, now: datetime, grace: timedelta) -> int:
    """Mark pending reminders due more than `grace` before `now` as `skipped` (they stay listed)."""
    at = _utc(now)
    hours = grace.total_seconds() / 3600
    reason = f"skipped: not sent within the grace window ({hours:g} h) after its due time; no dispatcher ran"

    def work(conn: Connection) -> int:
        return int(
            conn.execute(
                update(reminders)
                .where(reminders.c.state == PENDING, reminders.c.due < at - grace)
                .values(state=SKIPPED, last_error=reason)
            ).rowcount
        )

    return write(store, work)


def claim_owners(store: Store) -> list[str]:
    """Owners of reminders currently in `sending`."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(reminders.c.claimed_by).where(reminders.c.state == SENDING).distinct()
        ).scalars().all()
    return sorted(o for o in rows if o)


def mark_unknown(store: Store, owners: Sequence[str]) -> int:
    """Reminders claimed by dispatchers that died before recording the send: `unknown`.

    They may or may not have reached the channel, so they are reported, not sent again.
    """
    if not owners:
        return 0

    def work(conn: Connection) -> int:
        total = 0
        for owner in owners:
            total += int(
                conn.execute(
                    update(reminders)
                    .where(reminders.c.state == SENDING, reminders.c.claimed_by == owner)
                    .values(
                        state=UNKNOWN,
                        last_error=f"dispatcher {owner} stopped between claiming and recording the send: "
                        "it may or may not have been delivered, so it is not sent again",
                    )
                ).rowcount
            )
        return total

    return write(store, work)


def next_due(store: Store, channel_keys: Sequence[str]) -> datetime | None:
    """The earliest time a pending reminder for these channels falls due (or is retried)."""
    if not channel_keys:
        return None
    with store.engine.connect() as conn:
        value = conn.execute(
            select(func.min(reminders.c.next_attempt)).where(
                reminders.c.state == PENDING, reminders.c.channel_key.in_(list(channel_keys))
            )
        ).scalar()
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def load_items(store: Store, ids: Iterable[str], now: datetime) -> dict[str, TrackedItem]:
    """The items with these ids, with actors and evidence, their status as of `now`'s date.

    Its own three queries per 500 ids (not `Store.get` per item: a burst of 10,000 reminders
    would cost 30,000 queries).
    """
    wanted = sorted(set(ids))
    out: dict[str, TrackedItem] = {}
    today = now.date()
    with store.engine.connect() as conn:
        for part in _chunks(wanted):
            actors: dict[str, list[str]] = defaultdict(list)
            for a in conn.execute(
                select(item_actors.c.item_id, item_actors.c.actor)
                .where(item_actors.c.item_id.in_(part))
                .order_by(item_actors.c.item_id, item_actors.c.position)
            ).all():
                actors[a.item_id].append(a.actor)
            ev: dict[str, list[Evidence]] = defaultdict(list)
            for e in conn.execute(
                select(evidence.c.item_id, documents.c.path, documents.c.url, evidence.c.sentence,
                       evidence.c.published, evidence.c.span_start, evidence.c.span_end)
                .join(documents, documents.c.id == evidence.c.document_id)
                .where(evidence.c.item_id.in_(part))
                .order_by(evidence.c.item_id, evidence.c.published, evidence.c.id)
            ).all():
                ev[e.item_id].append(Evidence(e.path, e.sentence, e.published, (e.span_start, e.span_end), e.url))
            effective = case(
                (and_(items.c.status == Status.OPEN.value, items.c.when_last < today), literal(Status.MISSED.value)),
                else_=items.c.status,
            ).label("effective")
            cols = [items.c.id, items.c.uid, items.c.kind, items.c.title, items.c.when, items.c.location,
                    items.c.status, effective, items.c.sequence, items.c.created, items.c.updated]
            for r in conn.execute(select(*cols).where(items.c.id.in_(part))).all():
                out[r.id] = TrackedItem(
                    id=r.id,
                    uid=r.uid,
                    kind=r.kind,
                    title=r.title,
                    actors=tuple(actors.get(r.id, ())),
                    when=r.when,
                    location=r.location,
                    status=r.effective,
                    stored_status=r.status,
                    sequence=r.sequence,
                    created=r.created,
                    updated=r.updated,
                    evidence=tuple(ev.get(r.id, ())),
                )
    return out


def list_reminders(store: Store, states: Sequence[str] | None = None, limit: int | None = None) -> list[Reminder]:
    """Reminder rows, by due time; `states` filters (pending, sending, sent, failed, skipped, unknown).

    Pending reminders made stale by an item change (they will be recomputed, and would never be
    sent) are left out.
    """
    wanted = list(states or ())
    if bad := [s for s in wanted if s not in STATES]:
        raise InputError(f"invalid reminder state {bad[0]!r}: expected one of {', '.join(STATES)}")
    stale_pending = and_(
        reminders.c.state == PENDING,
        reminders.c.item_id.is_not(None),
        or_(items.c.sequence != reminders.c.item_sequence, items.c.status != Status.OPEN.value),
    )
    query = (
        select(reminders, items.c.title.label("item_title"))
        .select_from(reminders.outerjoin(items, items.c.id == reminders.c.item_id))
        .where(~stale_pending)
        .order_by(reminders.c.due, reminders.c.id)
    )
    if wanted:
        query = query.where(reminders.c.state.in_(wanted))
    if limit is not None:
        query = query.limit(limit)
    titles = {KIND_DIGEST: "daily digest", KIND_AGENDA: "weekly agenda"}
    with store.engine.connect() as conn:
        return [_reminder(r, r.item_title or titles.get(r.kind)) for r in conn.execute(query)]


def counts(store: Store) -> Mapping[str, int]:
    """Reminder rows per state."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(reminders.c.state, func.count()).group_by(reminders.c.state)).all()
    return {state: int(n) for state, n in rows}
