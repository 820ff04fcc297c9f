"""The tracked list: `Store` reads and writes items, evidence and history with SQLAlchemy Core.

One code path for SQLite and PostgreSQL. Every write is one transaction; every change of an
item is recorded in its history. Nothing here reads the clock: callers pass `now`.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    Connection,
    ColumnElement,
    Engine,
    Select,
    and_,
    bindparam,
    case,
    delete,
    exists,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)

from ..errors import InputError, NotFoundError, StoreError
from ..models import KINDS, Document, Evidence, HistoryEntry, Item, Status, TrackedItem
from ..when import canonical_when, parse_when
from . import aliases, merge
from .engine import display_url, is_sqlite, open_engine, prepare_engine, refresh_statistics, resolve_url, run_write
from .schema import documents, evidence, history, item_actors, item_terms, items, metadata

STORED_STATUSES = (Status.OPEN.value, Status.DONE.value, Status.CANCELLED.value)
STATUSES = (*STORED_STATUSES, Status.MISSED.value)
USER = "user"
_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case: no i l o u
_MIN_PREFIX = 4
_CANDIDATE_LIMIT = 50
# Planner statistics are refreshed after this many new documents (and at the end of a batch).
STATS_EVERY_DOCUMENTS = 200
_UNSET: Any = object()
_OPEN, _MISSED = Status.OPEN.value, Status.MISSED.value


def _short_id(chunk: bytes) -> str:
    n = int.from_bytes(chunk, "big")
    return "".join(_ID_ALPHABET[(n >> shift) & 31] for shift in range(len(chunk) * 8 - 5, -1, -5))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _when_bounds(when: str | None) -> tuple[date | None, date | None]:
    if when is None:
        return None, None
    span = parse_when(when)
    return (span.first or span.last), span.last


def _search_text(title: str, location: str | None, actors: Sequence[str]) -> str:
    return merge.fold(" | ".join([title, location or "", *actors]))


def _clean_actors(actors: Iterable[str]) -> list[str]:
    out: list[str] = []
    for a in actors:
        a = " ".join(a.split())
        if a and a not in out:
            out.append(a)
    return out


def _check_now(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(timezone.utc).replace(microsecond=0)


def _actors_text(actors: Sequence[str]) -> str | None:
    return json.dumps(list(actors), ensure_ascii=False) if actors else None


@dataclass(slots=True)
class DocumentResult:
    """What ingesting one document did: item ids created, merged into and changed."""

    path: str
    unchanged: bool = False  # the same content was ingested before: nothing done
    new: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # existing items that got evidence from it
    updated: list[str] = field(default_factory=list)  # existing items whose fields it changed


class Store:
    """The tracked list in a SQLite file (default) or a PostgreSQL database.

    Parameters:
        url: a file path, an SQLAlchemy URL, or None for the SQLite file in the user data dir.
        engine: an engine from `tracker.store.engine.make_engine` (its schema is still checked).

    Raises:
        StoreError: unreachable store, or a schema newer than this tracker.
    """

    def __init__(self, url: str | None = None, *, engine: Engine | None = None) -> None:
        if engine is not None:
            self.url = engine.url.render_as_string(hide_password=False)
            self.engine = prepare_engine(engine, self.url)
        else:
            self.url = resolve_url(url)
            self.engine = open_engine(self.url)
        self._ingested = 0  # new documents stored through this Store (statistics refresh)

    def __repr__(self) -> str:
        return f"Store({display_url(self.url)!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    # ---- reading -------------------------------------------------------------------------

    def items(
        self,
        *,
        now: datetime,
        status: str | Iterable[str] | None = None,
        kind: str | None = None,
        actor: str | None = None,
        since: date | None = None,
        until: date | None = None,
        search: str | None = None,
        limit: int | None = None,
        with_evidence: bool = True,
    ) -> list[TrackedItem]:
        """Items matching every given filter, soonest first (undated last).

        Parameters:
            now: the moment statuses are computed at (an open item whose date has passed by
                `now`'s date is `missed`).
            status: one or more of open, missed, done, cancelled; None or "all" for all.
            kind: "event" or "commitment".
            actor: an actor name (case-insensitive, whole words: "nato" matches "NATO summit").
            since, until: keep dated items whose period reaches `since` / starts by `until`.
            search: case-insensitive text in the title, location or actors.
            with_evidence: False skips loading evidence (faster for tables).
        """
        filters = self._filters(now, status, kind, actor, since, until, search)
        query = select(*self._item_columns(now.date())).where(*filters).order_by(
            items.c.when_first.is_(None), items.c.when_first, items.c.when_last, items.c.created, items.c.id
        )
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
            if not rows:
                return []
            # Related rows come in one query each: by subquery for a whole result, by id list
            # when limited (a LIMIT inside IN (...) is not portable).
            ids: Sequence[str] | Select[Any] = (
                select(items.c.id).where(*filters) if limit is None else [r.id for r in rows]
            )
            actors = self._load_actors(conn, ids)
            ev = self._load_evidence(conn, ids) if with_evidence else {}
        return [self._tracked(r, actors.get(r.id, ()), ev.get(r.id, ())) for r in rows]

    def count(
        self,
        *,
        now: datetime,
        status: str | Iterable[str] | None = None,
        kind: str | None = None,
        actor: str | None = None,
        since: date | None = None,
        until: date | None = None,
        search: str | None = None,
    ) -> int:
        """How many items `items()` would return with the same filters (no limit)."""
        filters = self._filters(now, status, kind, actor, since, until, search)
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(items).where(*filters)).scalar_one())

    def get(self, id: str, now: datetime) -> TrackedItem:
        """The item with this id, uid or unique id prefix (at least 4 characters).

        Raises:
            NotFoundError: no such item, or the prefix is ambiguous.
        """
        with self.engine.connect() as conn:
            item_id = self._resolve(conn, id)
            row = conn.execute(select(*self._item_columns(now.date())).where(items.c.id == item_id)).one()
            actors = self._load_actors(conn, [item_id])
            ev = self._load_evidence(conn, [item_id])
        return self._tracked(row, actors.get(item_id, ()), ev.get(item_id, ()))

    def history(self, id: str) -> list[HistoryEntry]:
        """Every recorded change of the item, oldest first.

        Raises:
            NotFoundError: no such item.
        """
        with self.engine.connect() as conn:
            item_id = self._resolve(conn, id)
            rows = conn.execute(
                select(history).where(history.c.item_id == item_id).order_by(history.c.at, history.c.id)
            ).all()
        return [HistoryEntry(r.at, r.field, r.old, r.new, r.by, r.why) for r in rows]

    def has_document(self, sha256: str) -> bool:
        """True when a document with this content hash was ingested."""
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.sha256 == sha256)).first() is not None

    def counts(self) -> dict[str, int]:
        """Row counts per table: documents, items, evidence, history."""
        with self.engine.connect() as conn:
            return {
                t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in (documents, items, evidence, history)
            }

    # ---- lifecycle -----------------------------------------------------------------------

    def set_status(self, id: str, status: str, now: datetime, note: str | None = None, by: str = USER) -> TrackedItem:
        """Mark an item open, done or cancelled; a change is recorded with `note` as its reason.

        Setting the status it already has changes nothing.

        Raises:
            InputError: unknown status. NotFoundError: no such item.
        """
        if status not in STORED_STATUSES:
            raise InputError(f"invalid status {status!r}: expected one of {', '.join(STORED_STATUSES)}")
        at = _check_now(now)

        def work(conn: Connection) -> str:
            item_id = self._resolve(conn, id)
            row = conn.execute(select(items).where(items.c.id == item_id)).one()
            if row.status != status:
                old = self._effective(row.status, row.when_last, now.date())
                self._change(conn, item_id, at, {"status": status}, [("status", old, status)], by, note)
            return item_id

        return self.get(run_write(self.engine, work), now)

    def edit(
        self,
        id: str,
        *,
        now: datetime,
        when: str | None = _UNSET,
        title: str | None = None,
        actors: Sequence[str] | None = None,
        location: str | None = _UNSET,
        kind: str | None = None,
        note: str | None = None,
        by: str = USER,
    ) -> TrackedItem:
        """Change an item's fields; each change is recorded in its history.

        Parameters:
            when: a `when` string (tracker.when form), or None to clear it; omit to keep.
            location: a place, or None to clear it; omit to keep.
            title, actors, kind: new values; None keeps the current ones.

        Raises:
            InputError: malformed `when`, empty title, unknown kind. NotFoundError: no such item.
        """
        at = _check_now(now)
        new_when = canonical_when(when) if when is not _UNSET and when is not None else when
        if title is not None and not " ".join(title.split()):
            raise InputError("the title cannot be empty")
        if kind is not None and kind not in KINDS:
            raise InputError(f"invalid kind {kind!r}: expected one of {', '.join(KINDS)}")

        def work(conn: Connection) -> str:
            item_id = self._resolve(conn, id)
            row = conn.execute(select(items).where(items.c.id == item_id)).one()
            old_actors = self._load_actors(conn, [item_id]).get(item_id, ())
            values: dict[str, Any] = {}
            changes: list[tuple[str, str | None, str | None]] = []
            if new_when is not _UNSET and new_when != row.when:
                values["when"] = new_when
                changes.append(("when", row.when, new_when))
            if title is not None and " ".join(title.split()) != row.title:
                values["title"] = " ".join(title.split())
                changes.append(("title", row.title, values["title"]))
            if location is not _UNSET:
                loc = " ".join(location.split()) if location else None
                if loc != row.location:
                    values["location"] = loc
                    changes.append(("location", row.location, loc))
            if kind is not None and kind != row.kind:
                values["kind"] = kind
                changes.append(("kind", row.kind, kind))
            new_actors = None
            if actors is not None:
                cleaned = _clean_actors(actors)
                if cleaned != list(old_actors):
                    new_actors = cleaned
                    changes.append(("actors", _actors_text(old_actors), _actors_text(cleaned)))
            if changes:
                self._change(conn, item_id, at, values, changes, by, note, actors=new_actors, row=row, old_actors=old_actors)
            return item_id

        return self.get(run_write(self.engine, work), now)

    def add_manual(
        self,
        *,
        title: str,
        now: datetime,
        kind: str = "commitment",
        when: str | None = None,
        actors: Sequence[str] = (),
        location: str | None = None,
        note: str | None = None,
        by: str = USER,
    ) -> TrackedItem:
        """Add an item by hand (no evidence); its creation is recorded in its history.

        Raises:
            InputError: empty title, unknown kind or malformed `when`.
        """
        at = _check_now(now)
        title = " ".join(title.split())
        if not title:
            raise InputError("the title cannot be empty")
        if kind not in KINDS:
            raise InputError(f"invalid kind {kind!r}: expected one of {', '.join(KINDS)}")
        when = canonical_when(when)
        location = " ".join(location.split()) if location else None

        def work(conn: Connection) -> str:
            return self._create(
                conn,
                seed=f"manual\x00{kind}\x00{title}\x00{at.isoformat()}",
                kind=kind,
                title=title,
                when=when,
                actors=_clean_actors(actors),
                location=location,
                status=Status.OPEN.value,
                at=at,
                by=by,
                why=note,
            )

        return self.get(run_write(self.engine, work), now)

    # ---- ingest --------------------------------------------------------------------------

    def ingest_document(
        self,
        doc: Document,
        found: Sequence[Item],
        now: datetime,
        *,
        followup: Callable[[Connection, DocumentResult, datetime], None] | None = None,
    ) -> DocumentResult:
        """Store one article and its extracted items in one transaction, merging each item into
        the tracked item it reports on (same kind, overlapping actors, similar title, compatible
        date and place) or creating a new one.

        A document whose content hash is already stored is skipped (`unchanged`). A more precise
        or changed date, a newly known place or actor, and a reported cancellation update the
        tracked item, with the article and the evidence sentence in its history.

        `followup(conn, result, at)` runs in the same transaction once the items are stored (the
        follow-up stage, tracker.followup: outcomes of the article); not for unchanged documents.

        Raises:
            InputError: an item with an unknown kind or a malformed `when` (nothing is stored).
        """
        at = _check_now(now)
        for it in found:
            if it.kind not in KINDS:
                raise InputError(f"item of unknown kind {it.kind!r}", doc.path)
            canonical_when(it.when)

        def work(conn: Connection) -> DocumentResult:
            result = self._ingest(conn, doc, found, at)
            if followup is not None and not result.unchanged:
                followup(conn, result, at)
            return result

        # Not durable on PostgreSQL: an ingest lost to a server crash is restored by a rerun.
        result = run_write(self.engine, work, durable=False)
        if not result.unchanged:
            self._ingested += 1
            if self._ingested % STATS_EVERY_DOCUMENTS == 0:
                self.refresh_statistics()
        return result

    def refresh_statistics(self) -> list[str]:
        """Update the query planner's statistics of the tables that grew (see
        `engine.refresh_statistics`); ingest calls it every STATS_EVERY_DOCUMENTS new documents
        and `ingest_paths` at the end of a batch. Returns the tables analyzed (PostgreSQL)."""
        return refresh_statistics(self.engine, sorted(metadata.tables))

    def _ingest(self, conn: Connection, doc: Document, found: Sequence[Item], at: datetime) -> DocumentResult:
        result = DocumentResult(doc.path)
        if conn.execute(select(documents.c.id).where(documents.c.sha256 == doc.sha256)).first() is not None:
            result.unchanged = True
            return result
        key = conn.execute(
            insert(documents).values(
                sha256=doc.sha256, path=doc.path, published=doc.published, url=doc.url, title=doc.title, ingested_at=at
            )
        ).inserted_primary_key
        assert key is not None
        doc_id = key[0]
        source = f"article:{doc.path}"
        seen: set[tuple[str, int]] = set()  # (item, span start) evidence rows of this new document
        for it in found:
            when = canonical_when(it.when)
            actors = _clean_actors(it.actors)
            title = " ".join(it.title.split()) or it.evidence[:80]
            incoming = merge.Incoming(
                kind=it.kind,
                terms=tuple(merge.title_terms(title)),
                actors=tuple(actors),
                when=when,
                location=it.location,
                published=doc.published,
                change=it.change,
            )
            match = merge.best_match(self._candidates(conn, incoming), incoming)
            if match is None:
                item_id = self._create(
                    conn,
                    seed=f"{doc.sha256}\x00{it.span[0]}\x00{it.span[1]}\x00{it.kind}",
                    kind=it.kind,
                    title=title,
                    when=when,
                    actors=actors,
                    location=it.location,
                    status=Status.CANCELLED.value if it.change == "cancelled" else Status.OPEN.value,
                    at=at,
                    by=source,
                    why=it.evidence,
                )
                self._add_evidence(conn, item_id, doc_id, it, doc.published, seen)
                result.new.append(item_id)
                continue
            self._add_evidence(conn, match.id, doc_id, it, doc.published, seen)
            if match.id not in result.new and match.id not in result.merged:
                result.merged.append(match.id)
            if self._apply_report(conn, match, incoming, at, source, it.evidence):
                if match.id not in result.new and match.id not in result.updated:
                    result.updated.append(match.id)
        return result

    def _apply_report(
        self, conn: Connection, c: merge.Candidate, n: merge.Incoming, at: datetime, by: str, why: str
    ) -> bool:
        """Update a matched item from a new report; True if any field changed."""
        row = conn.execute(select(items).where(items.c.id == c.id)).one()
        values: dict[str, Any] = {}
        changes: list[tuple[str, str | None, str | None]] = []
        if merge.when_relation(c.when, n.when) == "conflict":
            latest = conn.execute(select(func.max(evidence.c.published)).where(evidence.c.item_id == c.id)).scalar()
            c = dataclasses.replace(c, latest_published=latest)
        new_when = merge.updated_when(c, n)
        if new_when is not None and new_when != row.when:
            values["when"] = new_when
            changes.append(("when", row.when, new_when))
        if n.location and not row.location:
            values["location"] = n.location
            changes.append(("location", None, n.location))
        if n.change == "cancelled" and row.status == Status.OPEN.value:
            values["status"] = Status.CANCELLED.value
            changes.append(("status", Status.OPEN.value, Status.CANCELLED.value))
        new_actors = None
        extra = [a for a in n.actors if not merge.names_overlap([a], c.actors)]
        if extra:
            new_actors = [*c.actors, *extra]
            changes.append(("actors", _actors_text(c.actors), _actors_text(new_actors)))
        if changes:
            self._change(conn, c.id, at, values, changes, by, why, actors=new_actors, row=row, old_actors=c.actors)
            return True
        conn.execute(update(items).where(items.c.id == c.id).values(updated=at))
        return False

    # ---- helpers -------------------------------------------------------------------------

    def _filters(
        self,
        now: datetime,
        status: str | Iterable[str] | None,
        kind: str | None,
        actor: str | None,
        since: date | None,
        until: date | None,
        search: str | None,
    ) -> list[ColumnElement[bool]]:
        today = now.date()
        where: list[ColumnElement[bool]] = []
        wanted = {status} if isinstance(status, str) else set(status or ())
        if wanted and "all" not in wanted:
            unknown = sorted(wanted - set(STATUSES))
            if unknown:
                raise InputError(f"invalid status {unknown[0]!r}: expected one of {', '.join(STATUSES)}")
            ors: list[ColumnElement[bool]] = []
            is_open = items.c.status == Status.OPEN.value
            if "open" in wanted:
                ors.append(and_(is_open, or_(items.c.when_last.is_(None), items.c.when_last >= today)))
            if "missed" in wanted:
                ors.append(and_(is_open, items.c.when_last < today))
            for s in ("done", "cancelled"):
                if s in wanted:
                    ors.append(items.c.status == s)
            where.append(or_(*ors) if ors else false())
        if kind is not None:
            if kind not in KINDS:
                raise InputError(f"invalid kind {kind!r}: expected one of {', '.join(KINDS)}")
            where.append(items.c.kind == kind)
        name = merge.normalize_name(actor) if actor is not None else ""
        if actor is not None and not name:
            where.append(false())  # a name with no letters or digits ('-', ' ') names nobody
        elif actor is not None:
            pat = _like_escape(name)
            named = [
                item_actors.c.actor_norm == name,
                item_actors.c.actor_norm.like(f"{pat} %", escape="\\"),
                item_actors.c.actor_norm.like(f"% {pat}", escape="\\"),
                item_actors.c.actor_norm.like(f"% {pat} %", escape="\\"),
            ]
            # The body's other names (alias table): --actor TurkPA finds the Parliamentary Assembly of
            # Turkic States.
            others = sorted(aliases.other_names(name) - {name})
            if others:
                named.append(item_actors.c.actor_norm.in_(others))
            where.append(exists().where(item_actors.c.item_id == items.c.id, or_(*named)))
        if since is not None:
            where.append(items.c.when_last >= since)
        if until is not None:
            where.append(items.c.when_first <= until)
        if search is not None and "\x00" in search:
            where.append(false())  # no stored text holds a NUL (and PostgreSQL refuses one in a query)
        elif search is not None and search.strip():
            where.append(items.c.search_text.like(f"%{_like_escape(merge.fold(search.strip()))}%", escape="\\"))
        return where

    def _resolve(self, conn: Connection, id: str) -> str:
        key = id.strip()
        if not key:
            raise NotFoundError("no item id given")
        hit = conn.execute(select(items.c.id).where(or_(items.c.id == key.lower(), items.c.uid == key))).first()
        if hit is not None:
            return str(hit.id)
        if len(key) >= _MIN_PREFIX:
            found = conn.execute(
                select(items.c.id).where(items.c.id.like(f"{_like_escape(key.lower())}%", escape="\\")).limit(6)
            ).scalars().all()
            if len(found) == 1:
                return str(found[0])
            if found:
                raise NotFoundError(f"id prefix {key!r} is ambiguous: it matches {', '.join(found[:5])}…")
        raise NotFoundError(f"no item with id {key!r}; `tracker list --status all` shows every id")

    @staticmethod
    def _effective(stored: str, when_last: date | None, today: date) -> str:
        if stored == _OPEN and when_last is not None and when_last < today:
            return _MISSED
        return stored

    @staticmethod
    def _item_columns(today: date) -> list[Any]:
        """The columns a TrackedItem needs, with the effective status computed by the database
        (the date columns then need no conversion in Python: lists of 100,000 items stay fast)."""
        effective = case(
            (and_(items.c.status == _OPEN, items.c.when_last < today), literal(_MISSED)), else_=items.c.status
        ).label("effective_status")
        return [items.c.id, items.c.uid, items.c.kind, items.c.title, items.c.when, items.c.location, items.c.status,
                effective, items.c.sequence, items.c.created, items.c.updated]

    @staticmethod
    def _tracked(row: Any, actors: Sequence[str], ev: Sequence[Evidence]) -> TrackedItem:
        return TrackedItem(
            id=row.id,
            uid=row.uid,
            kind=row.kind,
            title=row.title,
            actors=tuple(actors),
            when=row.when,
            location=row.location,
            status=row.effective_status,
            stored_status=row.status,
            sequence=row.sequence,
            created=row.created,
            updated=row.updated,
            evidence=tuple(ev),
        )

    @staticmethod
    def _load_actors(conn: Connection, ids: Sequence[str] | Select[Any]) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = defaultdict(list)
        for chunk in _chunks(ids):
            q = select(item_actors.c.item_id, item_actors.c.actor).where(item_actors.c.item_id.in_(chunk))
            for item_id, actor in conn.execute(q.order_by(item_actors.c.item_id, item_actors.c.position)).all():
                out[item_id].append(actor)
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def _load_evidence(conn: Connection, ids: Sequence[str] | Select[Any]) -> dict[str, list[Evidence]]:
        out: dict[str, list[Evidence]] = defaultdict(list)
        for chunk in _chunks(ids):
            q = (
                select(
                    evidence.c.item_id,
                    documents.c.path,
                    evidence.c.sentence,
                    evidence.c.published,
                    evidence.c.span_start,
                    evidence.c.span_end,
                    documents.c.url,
                )
                .join(documents, documents.c.id == evidence.c.document_id)
                .where(evidence.c.item_id.in_(chunk))
                .order_by(evidence.c.item_id, evidence.c.published, evidence.c.id)
            )
            for r in conn.execute(q).all():
                out[r.item_id].append(Evidence(r.path, r.sentence, r.published, (r.span_start, r.span_end), r.url))
        return out

    def _candidates(self, conn: Connection, n: merge.Incoming) -> list[merge.Candidate]:
        if not n.terms:
            return []
        # Items titled with another name of a body the title names are candidates too.
        rows = conn.execute(_CANDIDATES, {"terms": list(aliases.lookup_terms(n.terms)), "kind": n.kind}).all()
        if not rows:
            return []
        actors: dict[str, list[str]] = defaultdict(list)
        for item_id, actor in conn.execute(_ACTORS_OF, {"ids": [r.id for r in rows]}).all():
            actors[item_id].append(actor)
        # latest_published matters only for a conflicting date: _apply_report looks it up then.
        return [
            merge.Candidate(
                id=r.id,
                kind=r.kind,
                terms=tuple(r.norm_title.split()),
                actors=tuple(actors.get(r.id, ())),
                when=r.when,
                location=r.location,
                latest_published=None,
            )
            for r in rows
        ]

    def _create(
        self,
        conn: Connection,
        *,
        seed: str,
        kind: str,
        title: str,
        when: str | None,
        actors: Sequence[str],
        location: str | None,
        status: str,
        at: datetime,
        by: str,
        why: str | None,
    ) -> str:
        item_id, uid = self._new_identity(conn, seed)
        first, last = _when_bounds(when)
        terms = merge.title_terms(title)
        conn.execute(
            insert(items).values(
                id=item_id,
                uid=uid,
                kind=kind,
                title=title,
                norm_title=" ".join(terms),
                search_text=_search_text(title, location, actors),
                when=when,
                when_first=first,
                when_last=last,
                location=location,
                status=status,
                sequence=0,
                created=at,
                updated=at,
            )
        )
        self._write_actors(conn, item_id, actors)
        if terms:
            conn.execute(insert(item_terms), [{"item_id": item_id, "term": t} for t in terms])
        conn.execute(insert(history).values(item_id=item_id, at=at, field="created", old=None, new=status, by=by, why=why))
        return item_id

    @staticmethod
    def _new_identity(conn: Connection, seed: str) -> tuple[str, str]:
        # Ids derive from the item's origin (document hash and sentence span), so rebuilding a
        # store from the same articles gives the same ids and calendar UIDs.
        for n in range(100):
            digest = hashlib.sha256((seed if n == 0 else f"{seed}\x00{n}").encode()).digest()
            uid = f"{digest[:16].hex()}@tracker"
            if conn.execute(select(items.c.id).where(items.c.uid == uid)).first() is not None:
                continue
            for k in range(0, len(digest) - 4, 5):
                item_id = _short_id(digest[k : k + 5])
                if conn.execute(select(items.c.id).where(items.c.id == item_id)).first() is None:
                    return item_id, uid
        raise StoreError("could not allocate a new item id")  # pragma: no cover - 2**-200 odds

    @staticmethod
    def _write_actors(conn: Connection, item_id: str, actors: Sequence[str]) -> None:
        conn.execute(delete(item_actors).where(item_actors.c.item_id == item_id))
        if actors:
            conn.execute(
                insert(item_actors),
                [
                    {"item_id": item_id, "position": i, "actor": a, "actor_norm": merge.normalize_name(a)}
                    for i, a in enumerate(actors)
                ],
            )

    @staticmethod
    def _add_evidence(
        conn: Connection, item_id: str, doc_id: int, it: Item, published: date, seen: set[tuple[str, int]]
    ) -> None:
        # The document row is new, so only this document's own items can repeat a span.
        if (item_id, it.span[0]) in seen:
            return
        seen.add((item_id, it.span[0]))
        from ..followup.outcomes import find_ordinal  # late: tracker.followup imports the store

        conn.execute(
            insert(evidence).values(
                item_id=item_id,
                document_id=doc_id,
                sentence=it.evidence,
                span_start=it.span[0],
                span_end=it.span[1],
                published=published,
                ordinal=find_ordinal(it.evidence),
            )
        )

    def _change(
        self,
        conn: Connection,
        item_id: str,
        at: datetime,
        values: dict[str, Any],
        changes: Sequence[tuple[str, str | None, str | None]],
        by: str,
        why: str | None,
        *,
        actors: Sequence[str] | None = None,
        row: Any = None,
        old_actors: Sequence[str] = (),
    ) -> None:
        """Apply field changes, keep derived columns in step, raise the sequence, record history."""
        if row is None:
            row = conn.execute(select(items).where(items.c.id == item_id)).one()
        values = dict(values)
        if "when" in values:
            values["when_first"], values["when_last"] = _when_bounds(values["when"])
        if "title" in values:
            terms = merge.title_terms(values["title"])
            values["norm_title"] = " ".join(terms)
            conn.execute(delete(item_terms).where(item_terms.c.item_id == item_id))
            if terms:
                conn.execute(insert(item_terms), [{"item_id": item_id, "term": t} for t in terms])
        if actors is not None:
            self._write_actors(conn, item_id, actors)
        if {"title", "location"} & values.keys() or actors is not None:
            values["search_text"] = _search_text(
                values.get("title", row.title),
                values["location"] if "location" in values else row.location,
                actors if actors is not None else old_actors,
            )
        values["updated"] = at
        values["sequence"] = items.c.sequence + 1
        conn.execute(update(items).where(items.c.id == item_id).values(**values))
        conn.execute(
            insert(history),
            [{"item_id": item_id, "at": at, "field": f, "old": o, "new": nw, "by": by, "why": why} for f, o, nw in changes],
        )


# Ingest runs these for every extracted item: built once, so SQLAlchemy compiles them once.
_SHARED = (
    select(item_terms.c.item_id, func.count().label("shared"))
    .where(item_terms.c.term.in_(bindparam("terms", expanding=True)))
    .group_by(item_terms.c.item_id)
    .subquery()
)
_CANDIDATES = (
    select(items.c.id, items.c.kind, items.c.norm_title, items.c.when, items.c.location)
    .join(_SHARED, _SHARED.c.item_id == items.c.id)
    .where(items.c.kind == bindparam("kind"))
    .order_by(_SHARED.c.shared.desc(), items.c.updated.desc(), items.c.id)
    .limit(_CANDIDATE_LIMIT)
)
_ACTORS_OF = (
    select(item_actors.c.item_id, item_actors.c.actor)
    .where(item_actors.c.item_id.in_(bindparam("ids", expanding=True)))
    .order_by(item_actors.c.item_id, item_actors.c.position)
)


def _chunks(ids: Sequence[str] | Select[Any], size: int = 500) -> Iterable[Any]:
    """IN-lists in bounded chunks (SQLite limits bound parameters); a subquery passes whole."""
    if isinstance(ids, Select):
        yield ids
        return
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
