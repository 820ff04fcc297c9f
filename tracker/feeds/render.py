"""One tracked item -> its iCalendar components (VEVENT for calendars, VTODO for tasks) as bytes.

Rendering is a pure function of the item and the `FeedSettings`: no clock, no randomness, so the
same item always gives the same bytes (DTSTAMP and LAST-MODIFIED come from `item.updated`).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Event, Todo, vDuration

from ..errors import ConfigError
from ..when import WhenPoint, WhenSpan, parse_when

if TYPE_CHECKING:  # the renderer reads TrackedItem's fields; it never imports the store
    from ..models import Evidence, TrackedItem

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# Where an event's place names a city we know, its times are in that city's zone (issue 5).
# Keys are folded (casefold, no accents) words or phrases looked up in the item's location.
PLACE_ZONES: dict[str, str] = {
    "astana": "Asia/Almaty", "nur-sultan": "Asia/Almaty", "almaty": "Asia/Almaty",
    "kazakhstan": "Asia/Almaty",
    "ankara": "Europe/Istanbul", "istanbul": "Europe/Istanbul", "turkiye": "Europe/Istanbul",
    "turkey": "Europe/Istanbul",
    "baku": "Asia/Baku", "azerbaijan": "Asia/Baku",
    "bishkek": "Asia/Bishkek", "kyrgyzstan": "Asia/Bishkek",
    "tashkent": "Asia/Tashkent", "samarkand": "Asia/Samarkand", "uzbekistan": "Asia/Tashkent",
    "ashgabat": "Asia/Ashgabat", "turkmenistan": "Asia/Ashgabat",
    "dushanbe": "Asia/Dushanbe", "budapest": "Europe/Budapest", "moscow": "Europe/Moscow",
    "brussels": "Europe/Brussels", "strasbourg": "Europe/Paris", "paris": "Europe/Paris",
    "berlin": "Europe/Berlin", "london": "Europe/London", "geneva": "Europe/Zurich",
    "vienna": "Europe/Vienna", "new york": "America/New_York", "washington": "America/New_York",
    "beijing": "Asia/Shanghai", "tokyo": "Asia/Tokyo", "seoul": "Asia/Seoul",
}

_WORDS = re.compile(r"[\w-]+(?: [\w-]+)?")
_URL = re.compile(r"^https?://[^\s\"<>\\^`{|}]+$")


def parse_duration(text: str) -> timedelta:
    """An RFC 5545 duration ("P1D", "PT6H") as a timedelta; ValueError when it is not one."""
    value = vDuration.from_ical(text)  # type: ignore[no-untyped-call]
    if not isinstance(value, timedelta):
        raise ValueError(text)
    return value


@dataclass(frozen=True, slots=True)
class FeedSettings:
    """How items are rendered and feeds are labelled. Built from the config by `feed_settings()`."""

    timezone: str = "UTC"  # zone of timed events whose place is unknown
    alarms: tuple[str, ...] = ("P1D", "P7D")  # VALARMs this long before the start / due date
    refresh: str = "PT6H"  # REFRESH-INTERVAL and X-PUBLISHED-TTL
    calendar_name: str = "tracker"  # NAME prefix: "tracker: all"
    max_evidence: int = 3  # evidence sentences quoted in DESCRIPTION
    # RFC 9074 UIDs on VALARMs. Off by default: node-ical (0.26) files any component that has a
    # UID under that UID, so alarms carrying one vanish from the event (ics_check MISMATCH).
    alarm_uids: bool = False
    window_past_days: int | None = None  # rolling window: drop entries that ended earlier
    window_future_days: int | None = None  # ... or that start later than this
    _alarm_pairs: tuple[tuple[timedelta, str], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"feeds.timezone: unknown time zone {self.timezone!r}") from None
        pairs: dict[timedelta, str] = {}
        for text in self.alarms:
            try:
                delta = parse_duration(text)
            except (ValueError, TypeError):
                raise ConfigError(f"feeds.alarms: {text!r} is not an ISO 8601 duration like P1D") from None
            if not isinstance(delta, timedelta) or delta <= timedelta(0):
                raise ConfigError(f"feeds.alarms: {text!r} must be a positive duration")
            pairs.setdefault(delta, text.strip().upper())
        object.__setattr__(self, "_alarm_pairs", tuple(sorted(pairs.items())))
        try:
            parse_duration(self.refresh)
        except (ValueError, TypeError):
            raise ConfigError(f"feeds.refresh: {self.refresh!r} is not an ISO 8601 duration like PT6H") from None
        for key in ("window_past_days", "window_future_days"):
            value = getattr(self, key)
            if value is not None and value < 0:
                raise ConfigError(f"feeds.{key}: must be >= 0, got {value!r}")

    @property
    def alarm_pairs(self) -> tuple[tuple[timedelta, str], ...]:
        """(how long before, its ISO text), shortest first."""
        return self._alarm_pairs

    def fingerprint(self) -> tuple[Any, ...]:
        """What the rendered bytes of an item depend on besides the item itself."""
        return (self.timezone, self._alarm_pairs, self.max_evidence, self.alarm_uids)


@dataclass(frozen=True, slots=True)
class Rendered:
    """The components of one item, rendered once, plus what feeds need to place and filter them."""

    uid: str
    kind: str
    order: tuple[Any, ...]  # sort key of the item in every feed
    first: date | None  # first and last day covered (None when undated)
    last: date | None
    # VEVENT for the calendar feeds (None when undated) and VTODO for the tasks feed (commitments
    # only), each as four byte strings: BEGIN line, the properties both share (one object), its own
    # properties, alarms and END line (one object for all items with the same alarms).
    event: tuple[bytes, bytes, bytes, bytes] | None
    todo: tuple[bytes, bytes, bytes, bytes] | None
    zones: tuple[tuple[str, int], ...] = ()  # (TZID, year) of every zoned time used
    # SHA-256 of `event` and `todo`: a feed's ETag hashes these, not megabytes of bytes again.
    event_digest: bytes = b""
    todo_digest: bytes = b""


def fold(text: str) -> str:
    """Casefolded, accent-free text for matching actors and places ("Türkiye" -> "turkiye")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def clean_text(text: str, *, one_line: bool = True) -> str:
    """Make article text safe for a TEXT value: no control characters (NUL, CR, ...), no lone surrogates.

    icalendar escapes `,` `;` `\\` and newlines itself; what it cannot know is that a CR, a NUL or a
    U+2028 inside a sentence is noise. With `one_line`, every kind of line break becomes a space.
    """
    if text.isprintable() and "\\" not in text:  # the common case, without a loop in Python
        return " ".join(text.split()) if one_line else text
    out = []
    for c in text:
        cat = unicodedata.category(c)
        if c == "\n" and not one_line:
            out.append(c)
        elif cat in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif cat in ("Cs", "Co", "Cn"):
            out.append("\ufffd")
        elif c == "\\":
            # RFC 5545 allows an escaped backslash, but validators and some parsers read "\\ " as
            # a bad escape (ics_check text-bad-escape): show U+29F5 REVERSE SOLIDUS OPERATOR instead.
            out.append("\u29f5")
        else:
            out.append(c)
    cleaned = "".join(out)
    if one_line:
        return " ".join(cleaned.split())
    return "\n".join(" ".join(line.split()) for line in cleaned.split("\n"))


def zone_for(location: str | None, default: str) -> str:
    """The TZID for an event at `location` (a small table of places), else the configured zone."""
    if location:
        folded = fold(location)
        for phrase in _WORDS.findall(folded):
            for key in (phrase, phrase.split(" ")[0]):
                if key in PLACE_ZONES:
                    return PLACE_ZONES[key]
    return default


def _day_label(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def period_label(point: WhenPoint) -> str:
    """A human name for a period: "2025", "Q3 2025", "June 2025", "week of 16 June 2025", "11 June 2025"."""
    if point.precision == "year":
        return str(point.first.year)
    if point.precision == "quarter":
        return f"Q{(point.first.month - 1) // 3 + 1} {point.first.year}"
    if point.precision == "month":
        return f"{MONTHS[point.first.month - 1]} {point.first.year}"
    if point.precision == "week":
        return f"week of {_day_label(point.first)}"
    if point.precision == "minute" and point.time is not None:
        return f"{_day_label(point.first)} {point.time:%H:%M}"
    return _day_label(point.first)


def _is_exact(point: WhenPoint) -> bool:
    return point.precision in ("day", "minute")


def summary_prefix(span: WhenSpan) -> str:
    """The honest label of a partial date, put before the title; "" when the date is exact.

    Rule (README "Feeds"): anything coarser than a day is ONE all-day entry on the last day of its
    period, titled with the period: "June 2025: …", "by end of 2025: …", "by 30 June 2025: …".
    """
    end = span.end
    if span.deadline:
        if _is_exact(end):
            return f"by {period_label(end)}: "
        return f"by end of {period_label(end)}: "
    start = span.start
    assert start is not None
    if _is_exact(start) and _is_exact(end):
        return ""
    if start == end:
        return f"{period_label(end)}: "
    return f"{period_label(start)} – {period_label(end)}: "


def _zoned(point: WhenPoint, zone: str) -> datetime:
    """The point's time as an aware datetime in `zone` when it agrees with the text, else in UTC."""
    assert point.time is not None
    t = point.time
    tz = ZoneInfo(zone)
    if t.tzinfo is None:
        local = t.replace(tzinfo=tz)
        return local if zone != "UTC" else local.replace(tzinfo=timezone.utc)
    # The text gave an offset: keep the place's zone if it has that offset then, else use UTC.
    local = t.astimezone(tz)
    if zone != "UTC" and local.utcoffset() == t.utcoffset():
        return local
    return t.astimezone(timezone.utc)


@dataclass(frozen=True, slots=True)
class _Timing:
    """Where an item sits in a calendar: all-day dates or zoned times."""

    start: date | datetime
    end: date | datetime | None  # DTEND (exclusive day for all-day); None for a timed point
    due: date | datetime  # VTODO DUE
    prefix: str
    first: date
    last: date
    zones: tuple[tuple[str, int], ...]


# The years a calendar entry may fall in: the window every parser ics_check runs agrees on.
# recurring-ical-events expands no occurrence before 1970, Radicale's time-range queries end before
# 2100 (and 9999's last day would have no DTEND). An item dated outside keeps its date in the store
# and in DESCRIPTION ("When: ...") but is published undated: no date rather than a lost or wrong one.
FIRST_YEAR = 1970
LAST_YEAR = 2099
# A quoted evidence sentence is cut (at a word) beyond this many characters: one runaway
# "sentence" (a page without full stops) must not make a feed calendar apps refuse (~1 MB).
MAX_QUOTE = 600


def timing(when: str, location: str | None, settings: FeedSettings) -> _Timing | None:
    """Map a `when` string to DTSTART/DTEND/DUE (see `summary_prefix` for partial dates); None
    for a date outside the years calendars hold (FIRST_YEAR..LAST_YEAR): published undated."""
    span = parse_when(when)
    if span.last.year > LAST_YEAR or (span.first or span.last).year < FIRST_YEAR:
        return None
    prefix = summary_prefix(span)
    first = span.first or span.last
    zone = zone_for(location, settings.timezone)
    start_p, end_p = span.start, span.end
    if not span.deadline and start_p is not None and start_p.precision == "minute" and end_p.precision == "minute":
        start = _zoned(start_p, zone)
        end: date | datetime | None = None
        if span.is_range:
            end = _zoned(end_p, zone)
            if end <= start:
                end = None
        zones = tuple(sorted({(str(getattr(t.tzinfo, "key", "UTC")), t.year)
                              for t in (start, end) if isinstance(t, datetime) and t.tzinfo is not timezone.utc}))
        return _Timing(start, end, end or start, prefix, first, span.last, zones)
    if span.deadline and end_p.precision == "minute":
        due = _zoned(end_p, zone)
        zones = () if due.tzinfo is timezone.utc else ((str(getattr(due.tzinfo, "key", "UTC")), due.year),)
        return _Timing(due, None, due, prefix, span.last, span.last, zones)
    if prefix == "" and start_p is not None:
        # Exact days (or a day range with times on one side): all-day, DTEND exclusive.
        return _Timing(first, span.last + timedelta(days=1), span.last, prefix, first, span.last, ())
    # Partial precision and deadlines: one all-day entry on the last day of the period.
    return _Timing(span.last, span.last + timedelta(days=1), span.last, prefix, first, span.last, ())


def _sub_uid(uid: str, suffix: str) -> str:
    """A UID derived from the item's: "abc@tracker" -> "abc-task@tracker" (stable, never random)."""
    local, at, domain = uid.partition("@")
    return f"{local}-{suffix}{at}{domain}"


def _quote(sentence: str) -> str:
    if len(sentence) <= MAX_QUOTE:
        return sentence
    cut = sentence[:MAX_QUOTE]
    return (cut.rsplit(" ", 1)[0] if " " in cut[MAX_QUOTE // 2 :] else cut).rstrip() + " …"


def _evidence_lines(evidence: Sequence[Evidence], limit: int) -> list[str]:
    ordered = sorted(evidence, key=lambda e: (e.published or date.min, e.document, e.sentence), reverse=True)
    lines: list[str] = []
    for ev in ordered[:limit]:
        source = clean_text(ev.document)
        if ev.published:
            source += f", published {ev.published.isoformat()}"
        lines += ["", f"“{_quote(clean_text(ev.sentence))}”", f"— {source}"]
        if ev.url and _URL.match(ev.url.strip()):
            lines.append(ev.url.strip())
    if len(ordered) > limit:
        lines += ["", f"(+{len(ordered) - limit} more sources)"]
    return lines


def _url(evidence: Sequence[Evidence]) -> str | None:
    ordered = sorted(evidence, key=lambda e: (e.published or date.min, e.document), reverse=True)
    for ev in ordered:
        if ev.url and _URL.match(ev.url.strip()):
            return ev.url.strip()
    return None


def describe(item: TrackedItem, settings: FeedSettings) -> str:
    """DESCRIPTION: actors, date, status, item id, then the evidence sentences with their sources."""
    lines = [clean_text(item.title)]
    if item.when:
        lines.append(f"When: {item.when}")
    if item.actors:
        lines.append("Actors: " + "; ".join(clean_text(a) for a in item.actors))
    if item.location:
        lines.append(f"Where: {clean_text(item.location)}")
    lines.append(f"Status: {item.stored_status}")
    lines.append(f"Item: {item.id} ({item.kind})")
    lines += _evidence_lines(item.evidence, settings.max_evidence)
    return "\n".join(lines)


_EVENT_STATUS = {"open": "CONFIRMED", "done": "CONFIRMED", "cancelled": "CANCELLED"}
_TODO_STATUS = {"open": "NEEDS-ACTION", "done": "COMPLETED", "cancelled": "CANCELLED"}


def _shared(comp: Event | Todo, item: TrackedItem, summary: str, description: str) -> None:
    """The properties a commitment's VEVENT and VTODO have in common (rendered once, kept once)."""
    comp.add("dtstamp", item.updated.astimezone(timezone.utc))
    comp.add("created", item.created.astimezone(timezone.utc))
    comp.add("last-modified", item.updated.astimezone(timezone.utc))
    comp.add("sequence", item.sequence)
    comp.add("summary", summary)
    comp.add("description", description)
    if item.location:
        comp.add("location", clean_text(item.location))
    categories = [item.kind] + [c for c in (clean_text(a) for a in item.actors) if c]
    comp.add("categories", categories)
    url = _url(item.evidence)
    if url:
        comp.add("url", url)


def _alarms(comp: Event | Todo, uid: str, summary: str, settings: FeedSettings, related_end: bool) -> None:
    for delta, text in settings.alarm_pairs:
        alarm = Alarm()
        if settings.alarm_uids:
            alarm.add("uid", _sub_uid(uid, "alarm-" + text.lower()))  # RFC 9074
        alarm.add("action", "DISPLAY")
        # The same text for every item: clients show the entry's own title with the alarm, and
        # identical alarm lines are kept once in the cache (50,000 items, issue 5).
        alarm.add("description", f"Reminder: {_before(delta)} {'to go' if related_end else 'before'}")
        if related_end:
            alarm.add("trigger", -delta, parameters={"RELATED": "END"})
        else:
            alarm.add("trigger", -delta)
        comp.add_component(alarm)


def _before(delta: timedelta) -> str:
    """ "1 day", "1 week", "2 hours", "90 minutes"."""
    seconds = int(delta.total_seconds())
    for unit, size in (("week", 604800), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds % size == 0:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{seconds} seconds"


def _reported(item: TrackedItem) -> date:
    days = [e.published for e in item.evidence if e.published is not None]
    return min(days) if days else item.created.astimezone(timezone.utc).date()


def _entry_day(t: _Timing) -> date:
    return t.start.date() if isinstance(t.start, datetime) else t.start


@dataclass(slots=True)
class Components:
    """An item's icalendar components, before serialisation.

    With `split`, `event` and `todo` hold only their own properties and `shared` the ones they
    have in common (the cache keeps those bytes once); otherwise each component is complete (the
    naive benchmark uses these).
    """

    event: Event | None
    todo: Todo | None
    timing: _Timing | None
    shared: Event | None = None


def item_components(item: TrackedItem, settings: FeedSettings, *, split: bool = False) -> Components:
    """Build one item's components (see README "Feeds" for the rules).

    Events with a date -> VEVENT; dated commitments -> VEVENT and VTODO (DUE); undated commitments
    -> VTODO only; undated events -> nothing. Status and description use the stored status, never
    the computed `missed`, so bytes change only when the item does.
    """
    title = clean_text(item.title) or "(untitled)"
    stored = item.stored_status if item.stored_status in _EVENT_STATUS else "open"
    description = describe(item, settings)
    when_timing = timing(item.when, item.location, settings) if item.when else None
    summary = (when_timing.prefix if when_timing else "") + title
    shared: Event | None = None
    if split:
        shared = Event()
        _shared(shared, item, summary, description)
    ev: Event | None = None
    todo: Todo | None = None
    if when_timing is not None:
        ev = Event()
        ev.add("uid", item.uid)
        if not split:
            _shared(ev, item, summary, description)
        ev.add("dtstart", when_timing.start)
        if when_timing.end is not None:
            ev.add("dtend", when_timing.end)
        ev.add("transp", "TRANSPARENT")
        status = _EVENT_STATUS[stored]
        if item.kind == "commitment" and stored == "open":
            status = "TENTATIVE"  # a promise, not a scheduled event
        ev.add("status", status)
        if stored == "open":
            _alarms(ev, item.uid, summary, settings, related_end=False)
    if item.kind == "commitment":
        todo = Todo()
        todo_uid = _sub_uid(item.uid, "task")
        todo.add("uid", todo_uid)
        if not split:
            _shared(todo, item, summary, description)
        if when_timing is not None:
            todo.add("due", when_timing.due)
        else:
            # An undated task starts the day it was first reported: a VTODO with neither DTSTART
            # nor DUE makes recurring-ical-events (Home Assistant) iterate forever.
            todo.add("dtstart", _reported(item))
        todo.add("status", _TODO_STATUS[stored])
        if stored == "done":
            todo.add("completed", item.updated.astimezone(timezone.utc))
            todo.add("percent-complete", 100)
        if stored == "open" and when_timing is not None:
            _alarms(todo, todo_uid, summary, settings, related_end=True)
    return Components(ev, todo, when_timing, shared)


_BEGIN = {b"BEGIN:VEVENT\r\n": b"BEGIN:VEVENT\r\n", b"BEGIN:VTODO\r\n": b"BEGIN:VTODO\r\n"}


_TAILS: dict[bytes, bytes] = {}


def _parts(comp: Event | Todo | None, shared: bytes) -> tuple[bytes, bytes, bytes, bytes] | None:
    """A component as (BEGIN line, shared property lines, its own lines, alarms and END line)."""
    if comp is None:
        return None
    raw = comp.to_ical()
    cut = raw.index(b"\r\n") + 2
    begin = _BEGIN.get(raw[:cut], raw[:cut])  # one object for every component's BEGIN line
    at = raw.find(b"BEGIN:VALARM\r\n")
    if at < 0:
        at = raw.rindex(b"END:")
    tail = raw[at:]  # the alarms and the END line: the same for most items, kept once
    if len(_TAILS) < 256:
        tail = _TAILS.setdefault(tail, tail)
    return (begin, shared, raw[cut:at], _TAILS.get(tail, tail))


def _digest(parts: tuple[bytes, ...] | None) -> bytes:
    if parts is None:
        return b""
    h = hashlib.sha256()
    for part in parts:
        h.update(part)
    return h.digest()


def render_item(item: TrackedItem, settings: FeedSettings) -> Rendered:
    """Render one item's components to bytes, with what feeds need to place and filter them."""
    c = item_components(item, settings, split=True)
    assert c.shared is not None
    shared = c.shared.to_ical()
    shared = shared[shared.index(b"\r\n") + 2 : -len(b"END:VEVENT\r\n")]
    t = c.timing
    event, todo = _parts(c.event, shared), _parts(c.todo, shared)
    return Rendered(
        uid=item.uid,
        kind=item.kind,
        order=(0, _entry_day(t).isoformat(), item.uid) if t else (1, "", item.uid),
        first=t.first if t else None,
        last=t.last if t else None,
        event=event,
        todo=todo,
        zones=t.zones if t else (),
        event_digest=_digest(event),
        todo_digest=_digest(todo),
    )
