"""Handler for named holidays (Christmas, Thanksgiving, Easter ...), resolved to a dated day."""
from __future__ import annotations

import re
from datetime import date, timedelta

from .base import (
    Ctx,
    Part,
)


def _easter(y: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    hh = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - hh - k) % 7
    mm = (a + 11 * hh + 22 * l_) // 451
    month, day = divmod(hh + l_ - 7 * mm + 114, 31)
    return date(y, month, day + 1)


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """n-th (1-based; -1 = last) ISO weekday of a month."""
    if n > 0:
        first = date(y, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    nxt = date(y + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


_HOLIDAYS = {
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31), "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14), "independence day": lambda y: date(y, 7, 4),
    "the fourth of july": lambda y: date(y, 7, 4), "july fourth": lambda y: date(y, 7, 4),
    "boxing day": lambda y: date(y, 12, 26), "veterans day": lambda y: date(y, 11, 11),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 4, 4),
    "memorial day": lambda y: _nth_weekday(y, 5, 1, -1),
    "labor day": lambda y: _nth_weekday(y, 9, 1, 1),
    "easter": _easter, "easter sunday": _easter,
}
_HOLIDAY_CUES = {"on", "at", "by", "before", "after", "until", "till", "since", "over", "for",
                 "during", "this", "last", "next", "around", "from", "to", "through", "of", "past",
                 "and", "or", "ahead", "following"}


def h_holiday(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    name = " ".join(m["name"].lower().replace("’", "'").split())
    fn = _HOLIDAYS.get(name)
    if fn is None or not m["name"][0].isupper() and not name.startswith("the"):
        return None
    s, e = m.start(), m.end()
    rel = (m["rel"] or "").lower()
    if m["y"]:
        return [(s, e, "DATE", fn(int(m["y"])).isoformat(), None)]
    # "Christmas shopping", "Easter egg": a bare single-word holiday needs a preposition first.
    if " " not in name and not rel and not ctx.force and ctx.prev_word(s) not in _HOLIDAY_CUES:
        return None
    a = ctx.anchor
    cands = [fn(y) for y in (a.year - 1, a.year, a.year + 1)]
    if rel == "last":
        d = max(c for c in cands if c < a)
    elif rel == "next":
        d = min(c for c in cands if c > a)
    elif rel == "this":
        d = fn(a.year)
    else:
        dirn = ctx.direction(s, e)
        if dirn == "past":
            d = max(c for c in cands if c <= a)
        elif dirn in ("future", "present"):
            d = min(c for c in cands if c >= a)
        else:
            d = min(cands, key=lambda c: abs((c - a).days))
    return [(s, e, "DATE", d.isoformat(), None)]
