"""Shared pieces of the TIMEX3 rules: the match context (anchor, tense index) and value helpers."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from .lexicon import (
    MONTHS,
    QUANTITY_NOUNS,
    TENS_WORDS,
    UNIT_CODES,
    UNITS_WORDS,
    US_ZONES,
    VAGUE_CODES,
    ZONES,
)
from .tense import TenseIndex, prev_word

# (start, end, type, value, mod)
Part = tuple[int, int, str, str, "str | None"]
Handler = Callable[[re.Match[str], "Ctx"], "list[Part] | None"]

_NEXT_WORD = re.compile(r"^[\s,]*([A-Za-z]+)")
_UTC_OFFSET = re.compile(r"^(?:gmt|utc)\s?([+\-−])\s?(\d{1,2}):?(\d\d)?$")


@dataclass
class Ctx:
    text: str
    anchor: date
    force: str | None = None  # a forced direction (user input is future-oriented)
    lo: int = 0
    hi: int | None = None
    _tense: TenseIndex | None = None
    # Spans whose direction was a guess between a past commitment and its future act ('past?'):
    # TIMEX3 takes the past; `when` phrases leave such a date out rather than risk a wrong one.
    ambiguous: list[tuple[int, int]] = field(default_factory=list)

    def _index(self) -> TenseIndex:
        """The tense index, built on first use: many texts need no direction at all."""
        if self._tense is None:
            self._tense = TenseIndex(self.text, self.lo, self.hi)
        return self._tense

    def direction(self, start: int, end: int) -> str | None:
        if self.force:
            return self.force
        d = self._index().direction(start, end)  # (cached there for spans that need a full look)
        if d == "past?":
            self.ambiguous.append((start, end))
            return "past"
        return d

    def tense(self, start: int, end: int) -> str | None:
        """As direction, but 'past?' (a past commitment or its future act) is returned as such and
        not recorded: for callers that act only on a sure past."""
        if self.force:
            return self.force
        return self._index().direction(start, end)

    def past_narrative(self, start: int, end: int, days_ago: int = 0) -> bool:
        """The sentence reports a past act and states no time ahead outright (see TenseIndex)."""
        if self.force:
            return False
        return self._index().past_narrative(start, end, days_ago)

    def prev_word(self, pos: int) -> str:
        return prev_word(self.text, pos)

    def next_word(self, pos: int) -> str:
        m = _NEXT_WORD.match(self.text[pos : pos + 30])
        return m.group(1) if m else ""


# ----------------------------------------------------------------- helpers ---

def mod_of(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    if "early" in w or "beginning" in w or "start" in w:
        return "START"
    if "mid" in w:
        return "MID"
    if "late" in w or "end" in w or "close" in w:
        return "END"
    return None


def month_no(tok: str) -> int | None:
    """Month number of a month token, None unless written as a proper noun."""
    if not tok or not tok[0].isupper():
        return None
    return MONTHS.get(tok.rstrip(".").lower())


def day_no(tok: str) -> int:
    return int(re.sub(r"\D", "", tok))


def num_value(tok: str) -> float | None:
    """Numeric value of an amount token; None for vague amounts ("several")."""
    t = " ".join(tok.lower().replace("-", " ").split())
    if t in ("a", "an", "one"):
        return 1
    if t in ("a couple of", "couple of", "a couple"):
        return 2  # TimeBank writes "a couple of weeks" as P2W
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", t):
        try:
            return float(t.replace(",", ""))
        except ValueError:
            return None
    if t in UNITS_WORDS:
        return UNITS_WORDS[t]
    if t in ("a hundred", "one hundred", "hundred"):
        return 100
    if t in ("a dozen", "dozen"):
        return 12
    if t == "a thousand":
        return 1000
    parts = t.split()
    if parts and parts[0] in TENS_WORDS:
        v = TENS_WORDS[parts[0]]
        if len(parts) == 2 and parts[1] in UNITS_WORDS:
            v += UNITS_WORDS[parts[1]]
        return v
    return None


def fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def unit_code(unit: str) -> tuple[str, int, bool]:
    u = unit.lower()
    if u == "centuries":
        u = "century"
    elif u.endswith("s") and u[:-1] in UNIT_CODES:
        u = u[:-1]
    return UNIT_CODES[u]


def duration_value(n: float, unit: str, half: bool = False) -> str:
    letter, mult, timepart = unit_code(unit)
    if letter == "Q":
        letter, mult = "M", 3
    amount = n * mult
    if half:
        if letter == "Y" and mult == 1:
            return f"P{fmt_num(amount)}Y6M"
        if letter == "H":
            return f"PT{fmt_num(amount)}H30M"
        if letter == "M" and timepart:
            return f"PT{fmt_num(amount)}M30S"
        amount += 0.5 * mult
    return f"PT{fmt_num(amount)}{letter}" if timepart else f"P{fmt_num(amount)}{letter}"


def vague_duration(unit: str) -> str:
    u = unit.lower()
    if u.startswith("decade"):
        return "PXDE"
    if u.startswith("centur"):
        return "PXCE"
    letter, _, timepart = unit_code(unit)
    if timepart and letter == "M":
        return "PTXM"
    return VAGUE_CODES.get(letter, "PXY")


def zone_offset(zone: str | None, day: date | None, hour: int, minute: int) -> str:
    if not zone:
        return ""
    z = zone.lower()
    om = _UTC_OFFSET.match(z)
    if om:  # "GMT+3", "UTC-05:30"
        sign = "-" if om.group(1) in "-−" else "+"
        return f"{sign}{int(om.group(2)):02d}:{om.group(3) or '00'}"
    off = ZONES.get(z)
    if off is not None:
        return off
    # ET/CT/MT/PT: the offset depends on daylight saving time on that date.
    if day is None:
        return ""
    try:
        from zoneinfo import ZoneInfo

        h = 23 if hour == 24 else hour
        dt = datetime(day.year, day.month, day.day, h, minute, tzinfo=ZoneInfo(US_ZONES[z]))
        delta = dt.utcoffset()
    except Exception:  # no tz database: leave the zone out rather than guess
        return ""
    if delta is None:
        return ""
    mins = int(delta.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    mins = abs(mins)
    return f"{sign}{mins // 60:02d}:{mins % 60:02d}"


def year_ok(ctx: Ctx, m: re.Match[str], y: int, start: int, end: int) -> bool:
    """Reject quantities that look like years ("2000 people", "$1999", "No. 1984")."""
    prev = ctx.prev_word(start)
    nxt = ctx.next_word(end)
    if prev in ("no", "number", "route", "flight", "room", "page", "version", "model", "highway",
                "interstate", "rule", "article", "section", "paragraph", "resolution", "bill",
                "chapter", "item", "code", "channel", "gate", "pier", "suite", "unit", "lot"):
        return False
    strong = prev in _YEAR_CUES
    if nxt and nxt.islower() and nxt in QUANTITY_NOUNS:
        # "in 2005 and ..." is a year; "about 2000 and ..." / "2000 people" are amounts.
        if not (strong and nxt in _YEAR_FOLLOWERS):
            return False
    return 1800 <= y <= 2100 or strong


_YEAR_CUES = {"in", "since", "of", "by", "from", "until", "till", "before", "after", "during",
              "through", "between", "early", "late", "mid", "circa", "year", "fiscal"}
_YEAR_FOLLOWERS = {"of", "to", "or", "and", "more", "others"}


