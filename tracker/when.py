"""The `when` string form used everywhere (store, CLI, JSON, feeds): parse, validate, compare.

Forms: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM[±HH:MM], YYYY-Www, YYYY-Qn,
a range "A/B" and a deadline "../B". `parse_when` turns one into a `WhenSpan`:
first and last calendar day covered, the precision, and whether it is a deadline.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .errors import InputError

PRECISIONS = ("year", "quarter", "month", "week", "day", "minute")

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})([+-]\d{2}:\d{2}|Z)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, slots=True)
class WhenPoint:
    first: date  # first day covered
    last: date  # last day covered (inclusive)
    precision: str  # one of PRECISIONS
    time: datetime | None = None  # for minute precision (aware if the text gave a zone)


@dataclass(frozen=True, slots=True)
class WhenSpan:
    """A parsed `when`: the days it covers, from `first` to `last` inclusive."""

    text: str
    start: WhenPoint | None  # None for a deadline "../B"
    end: WhenPoint
    deadline: bool

    @property
    def first(self) -> date | None:
        return self.start.first if self.start else None

    @property
    def last(self) -> date:
        return self.end.last

    @property
    def is_range(self) -> bool:
        return self.start is not None and self.start != self.end


def _point(text: str) -> WhenPoint:
    if m := _YEAR.match(text):
        y = int(m[1])
        return WhenPoint(date(y, 1, 1), date(y, 12, 31), "year")
    if m := _MONTH.match(text):
        y, mo = int(m[1]), int(m[2])
        last = calendar.monthrange(y, mo)[1]
        return WhenPoint(date(y, mo, 1), date(y, mo, last), "month")
    if m := _DAY.match(text):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return WhenPoint(d, d, "day")
    if m := _TIME.match(text):
        zone = m[6]
        iso = text if not zone or zone != "Z" else text[:-1] + "+00:00"
        dt = datetime.fromisoformat(iso)
        return WhenPoint(dt.date(), dt.date(), "minute", dt)
    if m := _WEEK.match(text):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return WhenPoint(monday, monday + timedelta(days=6), "week")
    if m := _QUARTER.match(text):
        y, q = int(m[1]), int(m[2])
        first = date(y, 3 * q - 2, 1)
        last_month = 3 * q
        return WhenPoint(first, date(y, last_month, calendar.monthrange(y, last_month)[1]), "quarter")
    raise ValueError(text)


def parse_when(text: str) -> WhenSpan:
    """Parse a `when` string. Raises InputError naming the value when it is malformed."""
    raw = text.strip()
    try:
        if raw.startswith("../"):
            end = _point(raw[3:])
            return WhenSpan(raw, None, end, True)
        if "/" in raw:
            a, b = raw.split("/", 1)
            start, end = _point(a), _point(b)
            if end.last < start.first:
                raise ValueError(raw)
            if start == end:
                return WhenSpan(a, start, start, False)
            return WhenSpan(raw, start, end, False)
        p = _point(raw)
        return WhenSpan(raw, p, p, False)
    except ValueError:
        raise InputError(
            f"malformed date {text!r}: expected YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM, "
            "YYYY-Www, YYYY-Qn, A/B or ../B"
        ) from None


def is_valid_when(text: str) -> bool:
    try:
        parse_when(text)
    except InputError:
        return False
    return True


def canonical_when(text: str | None) -> str | None:
    """Canonical form ("X/X" -> "X"); None stays None."""
    if text is None:
        return None
    return parse_when(text).text


def sort_key(text: str | None) -> tuple[int, str, str]:
    """Soonest first; undated last. Deadlines sort by their end."""
    if text is None:
        return (1, "9999-99-99", "")
    span = parse_when(text)
    first = span.first or span.last
    return (0, first.isoformat(), span.last.isoformat())


def is_past(text: str | None, today: date) -> bool:
    """True when the whole period (or the deadline) lies before `today`."""
    if text is None:
        return False
    return parse_when(text).last < today
