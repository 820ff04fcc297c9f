"""A user's own date ("next Friday", "11 juin 2025", "../2026") -> a `when` string."""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from ..errors import InputError
from ..when import canonical_when, is_valid_when, parse_when
from .engine import find_parts
from .phrases import phrases_from_parts


# The one place dateparser is configured: future-oriented, anchored on `today`, never the clock.
def dateparser_settings(today: date) -> dict[str, Any]:
    return {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "RETURN_TIME_AS_PERIOD": True,
        "REQUIRE_PARTS": [],
        "STRICT_PARSING": False,
    }


_AMBIGUOUS = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$")
_FILLER = re.compile(r"^[\s,.;:!?\-–]*(?:(?:on|at|in|the)\s+)*$", re.IGNORECASE)
_PERIOD_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d", "time": "%Y-%m-%dT%H:%M"}


def _covered(text: str, phrases: list[Any]) -> bool:
    """True when the phrases, with only filler words between them, make up the whole text."""
    pos = 0
    for p in phrases:
        if not _FILLER.match(text[pos:p.start]):
            return False
        pos = p.end
    return bool(_FILLER.match(text[pos:]))


def _with_dateparser(text: str, today: date) -> str | None:
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    try:
        data = DateDataParser(settings=dateparser_settings(today)).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input; treat as unparsed
        return None
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    parts = set(data.parts or ())
    if parts and period != "time":
        # Keep the granularity the user wrote: "juin 2025" is a month, not its first day.
        period = "day" if "day" in parts else "month" if "month" in parts else "year"
    if period == "week":
        y, w, _ = data.date_obj.isocalendar()
        return f"{y:04d}-W{w:02d}"
    fmt = _PERIOD_FORMATS.get(period)
    return data.date_obj.strftime(fmt) if fmt else None


# Years a user's date may name: wider than the feeds' window (1970-2099, tracker.feeds.render)
# for long-range deadlines ("by 2100"), narrow enough to catch typing slips (0002, 20255, 9999).
USER_YEARS = (1900, 2199)


def parse_user_when(text: str, today: date) -> str:
    """Parse a user's `--when` value; raises InputError with a one-line message when it cannot."""
    value = _parse_user_when(text, today)
    span = parse_when(value)
    first, last = (span.first or span.last).year, span.last.year
    if first < USER_YEARS[0] or last > USER_YEARS[1]:
        year = first if first < USER_YEARS[0] else last
        raise InputError(f"year {year} in {text.strip()!r} is out of range: give a date from {USER_YEARS[0]} to {USER_YEARS[1]}")
    return value


def _parse_user_when(text: str, today: date) -> str:
    raw = (text or "").strip()
    if not raw:
        raise InputError("empty date: give e.g. 2025-06-11, 'next Friday', 'by August' or ../2026")
    if len(raw) > 200:
        raise InputError(f"date too long ({len(raw)} characters): give e.g. 2025-06-11 or 'next Friday'")
    if is_valid_when(raw):
        return canonical_when(raw) or raw
    amb = _AMBIGUOUS.match(raw)
    if amb and int(amb[1]) <= 12 and int(amb[2]) <= 12 and amb[1].lstrip("0") != amb[2].lstrip("0"):
        raise InputError(f"ambiguous date {raw!r}: day/month or month/day? write it as YYYY-MM-DD")
    parts = find_parts(raw, today, force="future")
    phrases = phrases_from_parts(raw, today, parts, force="future")
    if len(phrases) == 1 and _covered(raw, phrases):
        return phrases[0].value
    # A duration, recurrence or "now" is no date; dateparser would turn "for two weeks" into one.
    if not any(p[2] in ("DURATION", "SET") or p[3].endswith("_REF") for p in parts):
        val = _with_dateparser(raw, today)
        if val and is_valid_when(val):
            return val
    raise InputError(
        f"cannot understand the date {raw!r}: use e.g. 2025-06-11, 2025-06, 'next Friday', "
        "'June 11-12', 'by August' or ../2026"
    )
