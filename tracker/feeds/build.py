"""Feeds from rendered items: select, sort and assemble component bytes into calendars; write them.

Each item is rendered once by `ComponentCache` (keyed by uid and what changes with the item) and
every feed is assembled from those bytes, so a republish after one change re-renders one item.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from icalendar import Calendar, Timezone

from ..errors import ConfigError
from .render import FeedSettings, Rendered, fold, parse_duration, render_item

if TYPE_CHECKING:
    from ..models import TrackedItem

PRODID = "-//tracker//tracker feeds//EN"
END = b"END:VCALENDAR\r\n"
STATUSES = ("open", "done", "cancelled", "missed")
KINDS = ("event", "commitment")
FEED_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


@dataclass(frozen=True, slots=True)
class FeedSpec:
    """One published feed: which items (kind, actor, status; empty means any) and which component.

    `tasks` feeds hold VTODOs (commitments); the others hold VEVENTs (dated items).
    """

    name: str
    title: str
    tasks: bool = False
    kinds: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    only: frozenset[str] | None = None  # item uids chosen by a store query (named feeds)
    _actors_folded: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if not FEED_NAME.match(self.name):
            raise ConfigError(f"feeds.{self.name}: bad feed name: use a-z, 0-9, '-' and '_'")
        for k in self.kinds:
            if k not in KINDS:
                raise ConfigError(f"feeds.{self.name}.kind: {k!r} is not one of {', '.join(KINDS)}")
        for s in self.statuses:
            if s not in STATUSES:
                raise ConfigError(f"feeds.{self.name}.status: {s!r} is not one of {', '.join(STATUSES)}")
        object.__setattr__(self, "_actors_folded", frozenset(fold(a).strip() for a in self.actors))

    def matches(self, item: TrackedItem) -> bool:
        if self.only is not None and item.uid not in self.only:
            return False
        if self.kinds and item.kind not in self.kinds:
            return False
        if self.statuses and item.status not in self.statuses:
            return False
        if self._actors_folded and not any(fold(a).strip() in self._actors_folded for a in item.actors):
            return False
        return True


BUILTIN_FEEDS = (
    FeedSpec("all", "events and commitments"),
    FeedSpec("events", "events", kinds=("event",)),
    FeedSpec("commitments", "commitments", kinds=("commitment",)),
    FeedSpec("tasks", "commitments as tasks", tasks=True, kinds=("commitment",)),
)


def feed_specs(named: Sequence[FeedSpec] = ()) -> tuple[FeedSpec, ...]:
    """The built-in feeds plus named feeds (a built-in name may not be reused)."""
    specs = list(BUILTIN_FEEDS)
    seen = {s.name for s in specs}
    for spec in named:
        if spec.name in seen:
            raise ConfigError(f"feeds.{spec.name}: the name is already used by a built-in feed")
        seen.add(spec.name)
        specs.append(spec)
    return tuple(specs)


@dataclass(frozen=True, slots=True)
class Feed:
    """One assembled calendar: its bytes as chunks (never copied), strong ETag and metadata."""

    name: str
    chunks: tuple[bytes, ...]
    digest: str  # sha256 over the header, VTIMEZONEs and each component's digest: the strong ETag
    size: int
    components: int  # VEVENTs or VTODOs
    last_modified: datetime | None  # latest change of an item in it (UTC)

    @property
    def etag(self) -> str:
        return f'"{self.digest[:32]}"'

    def to_bytes(self) -> bytes:
        return b"".join(self.chunks)


def _item_key(item: TrackedItem) -> tuple[Any, ...]:
    # Everything rendering reads that can change (the store also raises `sequence` and `updated`
    # on every change; this guards against a stale cache regardless). Comparing these tuples is
    # cheap: unchanged fields are usually equal strings or the very same objects.
    return (item.sequence, item.updated, item.stored_status, item.when, item.title, len(item.evidence))


class ComponentCache:
    """Rendered components per item uid, reused while the item is unchanged (issue 5 performance)."""

    def __init__(self, settings: FeedSettings) -> None:
        self.settings = settings
        self._entries: dict[str, tuple[tuple[Any, ...], Rendered]] = {}
        self.written: dict[str, str] = {}  # path -> digest of what `write_feeds` last wrote there
        self._zones: dict[tuple[str, int, int], bytes] = {}
        self._headers: dict[tuple[str, str], bytes] = {}
        self.rendered = 0  # items rendered by the last `render` call
        self.reused = 0

    def render(self, items: Iterable[TrackedItem], *, prune: bool = True) -> list[tuple[TrackedItem, Rendered]]:
        """Each item with its rendered components, in feed order, rendering only new or changed items.

        With `prune`, entries of items not in `items` are dropped (deleted items free their bytes).
        """
        out = []
        rendered = reused = 0
        entries = self._entries
        fresh: dict[str, tuple[tuple[Any, ...], Rendered]] = {}
        for item in items:
            key = _item_key(item)
            hit = entries.get(item.uid)
            if hit is not None and hit[0] == key:
                reused += 1
                entry = hit
            else:
                rendered += 1
                entry = (key, render_item(item, self.settings))
                entries[item.uid] = entry
            if prune:
                fresh[item.uid] = entry
            out.append((item, entry[1]))
        if prune:
            self._entries = fresh
        self.rendered, self.reused = rendered, reused
        out.sort(key=lambda pair: pair[1].order)  # once here, so no feed sorts again
        return out

    def timezone(self, tzid: str, first_year: int, last_year: int) -> bytes:
        """VTIMEZONE bytes for `tzid`, valid from 1 January of `first_year` to the end of `last_year`."""
        key = (tzid, first_year, last_year)
        if key not in self._zones:
            tz = Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1))
            self._zones[key] = tz.to_ical()
        return self._zones[key]

    def header(self, spec: FeedSpec) -> bytes:
        """The calendar's opening lines and properties (everything before its components)."""
        title = f"{self.settings.calendar_name}: {spec.title}"
        key = (spec.name, title)
        if key not in self._headers:
            cal = Calendar()
            cal.add("prodid", PRODID)
            cal.add("version", "2.0")
            cal.add("calscale", "GREGORIAN")
            cal.add("method", "PUBLISH")
            cal.add("name", title)
            cal.add("x-wr-calname", title)
            refresh = parse_duration(self.settings.refresh)
            cal.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
            # An X- property has no known type: give the duration text, not a timedelta (ics_check README).
            cal.add("x-published-ttl", self.settings.refresh)
            raw = cal.to_ical()
            assert raw.endswith(END)
            self._headers[key] = raw[: -len(END)]
        return self._headers[key]


def _in_window(r: Rendered, settings: FeedSettings, today: date | None) -> bool:
    if r.first is None or r.last is None:
        return True  # undated tasks are always listed
    if settings.window_past_days is None and settings.window_future_days is None:
        return True
    if today is None:
        raise ValueError("a rolling window needs `now`")
    if settings.window_past_days is not None and r.last < today - timedelta(days=settings.window_past_days):
        return False
    if settings.window_future_days is not None and r.first > today + timedelta(days=settings.window_future_days):
        return False
    return True


def build_feed(
    spec: FeedSpec,
    rendered: Sequence[tuple[TrackedItem, Rendered]],
    cache: ComponentCache,
    *,
    now: datetime | None = None,
    extra: FeedSpec | None = None,
) -> Feed:
    """Assemble one feed from rendered items: header, VTIMEZONEs, components, END.

    `rendered` comes from `ComponentCache.render`, already in feed order (by date, then uid).

    `extra` narrows the feed further (the server's `?actor=&kind=&status=`). `now` is needed only
    for a rolling window (and for `status=missed` it is already in the items).
    """
    settings = cache.settings
    today = now.astimezone(timezone.utc).date() if now else None
    chosen: list[bytes] = []
    digests: list[bytes] = []
    zone_years: dict[str, tuple[int, int]] = {}
    last_modified: datetime | None = None
    tasks = spec.tasks
    kinds = spec.kinds or None
    # Built-in feeds filter by kind only: keep their loop free of calls (50,000 items, issue 5).
    plain = not (spec.actors or spec.statuses or spec.only is not None) and extra is None
    windowed = settings.window_past_days is not None or settings.window_future_days is not None
    for item, r in rendered:
        comp = r.todo if tasks else r.event
        if comp is None or (kinds is not None and r.kind not in kinds):
            continue
        if not plain and (not spec.matches(item) or (extra is not None and not extra.matches(item))):
            continue
        if windowed and not _in_window(r, settings, today):
            continue
        chosen += comp
        digests.append(r.todo_digest if tasks else r.event_digest)
        updated = item.updated
        if last_modified is None or updated > last_modified:
            last_modified = updated
        if r.zones:
            for tzid, year in r.zones:
                lo, hi = zone_years.get(tzid, (year, year))
                zone_years[tzid] = (min(lo, year), max(hi, year))
    head = [cache.header(spec)] + [cache.timezone(tzid, lo, hi) for tzid, (lo, hi) in sorted(zone_years.items())]
    chunks = head + chosen
    chunks.append(END)
    h = hashlib.sha256()
    for chunk in head:
        h.update(chunk)
    for d in digests:
        h.update(d)
    size = sum(map(len, chunks))
    return Feed(spec.name, tuple(chunks), h.hexdigest(), size, len(digests),
                last_modified.astimezone(timezone.utc) if last_modified else None)


def build_feeds(
    items: Iterable[TrackedItem],
    settings: FeedSettings,
    *,
    cache: ComponentCache | None = None,
    now: datetime | None = None,
    specs: Sequence[FeedSpec] | None = None,
) -> list[Feed]:
    """Every feed (built-in and named) for these items, rendering each item at most once."""
    if cache is None or cache.settings.fingerprint() != settings.fingerprint():
        cache = ComponentCache(settings)
    rendered = cache.render(items)
    return [build_feed(spec, rendered, cache, now=now) for spec in (specs or feed_specs())]


def _same_content(path: Path, chunks: Sequence[bytes], size: int) -> bool:
    """True when the file at `path` holds exactly these bytes (size first, then a streamed compare)."""
    try:
        if path.stat().st_size != size:
            return False
        with path.open("rb") as f:
            for chunk in chunks:
                if f.read(len(chunk)) != chunk:
                    return False
            return f.read(1) == b""
    except FileNotFoundError:
        return False


def write_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it: readers never see half a feed."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.writelines(chunks)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@dataclass(frozen=True, slots=True)
class Published:
    """What `write_feeds` did with one feed."""

    name: str
    path: Path
    written: bool  # False when the file already held these bytes
    size: int
    components: int
    digest: str


def write_feeds(feeds: Sequence[Feed], out_dir: Path, written: dict[str, str] | None = None) -> list[Published]:
    """Write each feed to `out_dir/<name>.ics` atomically; files already holding the bytes are left alone.

    `written` (path -> digest, e.g. `ComponentCache.written`) remembers what this process wrote, so
    an unchanged feed is not even read back; otherwise the file is compared with the bytes.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    memo = written if written is not None else {}
    done = []
    for feed in feeds:
        path = out_dir / f"{feed.name}.ics"
        key = str(path.resolve())
        known = memo.get(key)
        if known is not None and path.is_file() and path.stat().st_size == feed.size:
            same = known == feed.digest  # we wrote that file: its digest says whether it changed
        else:
            same = _same_content(path, feed.chunks, feed.size)
        if not same:
            write_atomic(path, feed.chunks)
        memo[key] = feed.digest
        done.append(Published(feed.name, path, not same, feed.size, feed.components, feed.digest))
    return done


def publish(
    items: Iterable[TrackedItem],
    out_dir: Path,
    settings: FeedSettings,
    *,
    cache: ComponentCache | None = None,
    now: datetime | None = None,
) -> list[Published]:
    """Render and write every feed for `items` into `out_dir` (same items -> same bytes)."""
    if cache is None or cache.settings.fingerprint() != settings.fingerprint():
        cache = ComponentCache(settings)
    return write_feeds(build_feeds(items, settings, cache=cache, now=now), out_dir, cache.written)
