"""TIMEX3 values -> tracker `when` phrases: points, ranges ("A/B") and deadlines ("../B")."""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..models import TimeExpr, WhenPhrase
from ..errors import InputError
from ..when import is_valid_when, parse_when
from . import dates as D
from .base import num_value, unit_code
from .engine import find_parts
from .tense import TenseIndex, changed_before, dates_the_act, planned_before, puts_off

_DAY_RE = re.compile(r"^(\d{4}-\d\d-\d\d)(?:T(.*))?$")
_CLOCK_RE = re.compile(r"^(\d\d)(?::(\d\d))?(Z|[+-]\d\d:\d\d)?")

# Signal words right before an expression (the text between is only spaces).
_DEADLINE = re.compile(
    r"(?:\b(?:by|until|till|til|through|thru|no\s+later\s+than|not\s+later\s+than|up\s+to|"
    r"in\s+time\s+for|ahead\s+of|before)\s+)$",
    re.IGNORECASE,
)
_BEFORE = re.compile(r"\b(?:before|ahead\s+of)\s+$", re.IGNORECASE)
_FROM = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
_SKIP = re.compile(r"\b(?:since|after)\s+$", re.IGNORECASE)
_BETWEEN_NOW = re.compile(r"^\s*and\s*$", re.IGNORECASE)
_NEW_DATE_GAP = re.compile(r"^\s*(to|until|till)\s*$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"^\s*(?:-|–|—|to|through|thru|until|till|and|or)\s*$", re.IGNORECASE)
_WITHIN = re.compile(r"\b(?:within|in\s+the\s+next|in\s+the\s+coming|over\s+the\s+next)\s+$", re.IGNORECASE)
_IN = re.compile(r"\b(?:in)\s+$", re.IGNORECASE)
_FROM_NOW = re.compile(r"^\s+from\s+(?:now|today)\b", re.IGNORECASE)
# What makes "in <amount>" the span something is counted or ranked in, not a point ahead: an ordinal,
# a superlative, "only", or a number of things or times right before ("the third election in two
# years", "the first visit to Baku in a decade", "the highest level in five years", "three times in
# a month"): the words between hold no clause break and no verb of a clause of their own.
_COUNTED = re.compile(
    r"\b(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:st|nd|rd|th)|"
    r"only|most|least|best|worst|biggest|largest|greatest|highest|lowest|longest|shortest|strongest|weakest|"
    r"fastest|slowest|deadliest|bloodiest|worst|heaviest|sharpest|steepest|smallest|closest|busiest|costliest|"
    r"warmest|hottest|coldest|wettest|driest|toughest|harshest|fewest)\b"
    r"(?:\s+(?!(?:will|would|shall|is|are|was|were|and|but|or|that|which|who|when|after|before)\b)[\w'’-]+){0,8}"
    r"|\b(?:twice|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|multiple|numerous|"
    r"\d+)\s+(?:[a-z][\w-]*\s+)?(?:times|[a-z][\w-]*[^s\W]s))"
    r")\s+$",
    re.IGNORECASE,
)
# A start and an end each with its own verb: "will begin on July 20 and conclude on August 14",
# "opens Monday and closes on Friday": one span.
_STARTS_BEFORE = re.compile(
    r"\b(?:begin|begins|start|starts|open|opens|commence|commences|convene|convenes|kick\s+off|kicks\s+off)\s+"
    r"(?:on\s+)?$",
    re.IGNORECASE,
)
_THEN_ENDS = re.compile(
    r"^\s*,?\s*and\s+(?:will\s+|is\s+(?:scheduled|expected|set|due)\s+to\s+|to\s+)?"
    r"(?:conclude|concludes|end|ends|close|closes|finish|finishes|wrap\s+up|wraps\s+up|adjourn|adjourns|"
    r"(?:run|runs|continue|continues|last|lasts)\s+(?:until|till|through|to))\s+(?:on\s+)?$",
    re.IGNORECASE,
)
_CLOCK_GLUE = re.compile(r"^\s*(?:,\s*)?(?:(?:on|at)\s+)?$", re.IGNORECASE)
_DURATION_RE = re.compile(r"^P(?:T)?(\d+)(Y|M|W|D|H)$")


def to_when(value: str, mod: str | None, typ: str) -> str | None:
    """A TIMEX3 DATE/TIME value as a `when` point, or None when it has no calendar place."""
    if typ not in ("DATE", "TIME") or "X" in value or value.endswith("_REF"):
        return None
    m = _DAY_RE.match(value)
    if m:
        day, tpart = m.group(1), m.group(2)
        if not tpart:
            return day
        cm = _CLOCK_RE.match(tpart)
        if not cm:
            return day  # part of day (TMO, TNI): the day itself
        h, mi = int(cm.group(1)), int(cm.group(2) or 0)
        d = date.fromisoformat(day)
        if h == 24:
            # TIMEX3 writes midnight as T24:00 of the earlier day ("midnight Friday" = the end of
            # Friday); a `when` has no 24:00, so it is 00:00 of the next day: the same instant.
            d, h = d + timedelta(days=1), 0
        zone = cm.group(3) or ""  # the offset the text gives ("14:00 GMT+3"): the same instant anywhere
        return f"{d.isoformat()}T{h:02d}:{mi:02d}{'+00:00' if zone == 'Z' else zone}"
    if re.fullmatch(r"\d{4}(?:-\d\d)?|\d{4}-W\d\d|\d{4}-Q[1-4]", value):
        return value
    if re.fullmatch(r"\d{4}-W\d\dWE|\d{4}-W\d\d-WE", value):
        y, w = int(value[:4]), int(value[6:8])
        sat = date.fromisocalendar(y, w, 6)
        return f"{sat.isoformat()}/{(sat + timedelta(days=1)).isoformat()}"
    if re.fullmatch(r"\d{4}-WI", value):
        # A winter spans two calendar years (2025-WI is December 2025 to February 2026): no year
        # contains it, so its `when` is the range of its months.
        y = int(value[:4])
        return f"{y:04d}-12/{y + 1:04d}-02"
    if re.fullmatch(r"\d{4}-(?:SP|SU|FA|H1|H2)", value):
        return value[:4]
    return None


def _end_point(value: str, mod: str | None) -> str | None:
    """Deadline end: "the end of 2026" means its last day."""
    if mod == "END":
        last = D.last_day(value)
        if last:
            return last.isoformat()
    return value


def _offset(anchor: date, n: float, unit: str) -> tuple[date, str] | None:
    """anchor + n units and the unit's granularity ('day', 'week', 'month', 'year')."""
    if n is None or not float(n).is_integer() or n < 0 or n > 1000:
        return None
    k = int(n)
    letter, mult, timepart = unit_code(unit)
    try:
        if timepart:
            secs = {"S": 1, "M": 60, "H": 3600}[letter] * k * mult
            return anchor + timedelta(seconds=secs), "day"
        if letter == "D":
            return anchor + timedelta(days=k), "day"
        if letter == "W":
            return anchor + timedelta(weeks=k * mult), "week"
        if letter == "M":
            return D.add_months(anchor, k), "month"
        if letter == "Q":
            return D.add_months(anchor, 3 * k), "month"
        if letter == "Y":
            return D.add_months(anchor, 12 * k * mult), "year"
    except (OverflowError, ValueError):
        return None
    return None


def _fmt(d: date, gran: str) -> str:
    if gran == "day":
        return d.isoformat()
    if gran == "week":
        return D.iso_week(d)
    if gran == "month":
        return D.month_str(d.year, d.month)
    return f"{d.year:04d}"


_AMOUNT = re.compile(r"^(?:(?:almost|nearly|a\s+mere|at\s+least|at\s+most|up\s+to|no\s+more\s+than|less\s+than|"
                     r"more\s+than|the\s+next|the\s+coming|next)\s+)?(.+?)[\s-]+(\S+?)$", re.IGNORECASE)


def _amount(text: str) -> tuple[float, str] | None:
    m = _AMOUNT.match(" ".join(text.split()))
    if not m:
        return None
    n = num_value(m.group(1))
    if n is None:
        return None
    try:
        unit_code(m.group(2))
    except KeyError:
        return None
    return n, m.group(2)


def phrases_from_parts(text: str, anchor: date, parts: list[tuple[int, int, str, str, str | None]],
                       force: str | None = None) -> list[WhenPhrase]:
    """Combine TIMEX3 parts into `when` phrases; `force` overrides the tense ("future" for user input)."""
    tx = [TimeExpr(p[0], p[1], text[p[0]:p[1]], p[2], p[3], p[4]) for p in parts]
    tense = _Tense(text, force)
    out: list[WhenPhrase] = []
    i = 0
    while i < len(tx):
        t = tx[i]
        before = text[max(0, t.start - 40) : t.start]
        if i > 0 and tx[i - 1].type == "SET" and t.start - tx[i - 1].end <= 8 and re.search(r"T\d", t.value):
            # "daily from 9 a.m. to 5 p.m.": a recurrence, not one calendar date (nor its range end).
            i += 2 if nxt_is_range_end(tx, i, text) else 1
            continue
        nxt = tx[i + 1] if i + 1 < len(tx) else None
        # --- a clock time glued to its day: one point with the clock's value
        if nxt and t.type in ("DATE", "TIME") and nxt.type in ("DATE", "TIME"):
            gap = text[t.end : nxt.start]
            a, b = (t, nxt)
            if _CLOCK_GLUE.match(gap) and len(gap) <= 6 and (
                (re.search(r"T\d", b.value) and b.value[:10] == a.value[:10]) or
                (re.search(r"T\d", a.value) and a.value[:10] == b.value[:10])
            ):
                clock = b if re.search(r"T\d", b.value) else a
                w = to_when(clock.value, clock.mod, "TIME")
                if w:
                    ph = _wrap(text, anchor, a.start, b.end, w, (a, b))
                    if ph:
                        out.append(ph)
                    i += 2
                    continue
            # --- a start and an end with a verb each: "begin on July 20 and conclude on August 14"
            if len(gap) <= 50 and _THEN_ENDS.match(gap) and _STARTS_BEFORE.search(before):
                wa, wb = to_when(a.value, a.mod, a.type), to_when(b.value, b.mod, b.type)
                if wa and wb and "/" not in wa and "/" not in wb and _in_order(wa, wb) and is_valid_when(f"{wa}/{wb}"):
                    out.append(WhenPhrase(a.start, b.end, text[a.start : b.end], f"{wa}/{wb}", "range", (a, b)))
                    i += 2
                    continue
            # --- a range: "June 11-12", "from June 11 to 12", "between March and May"
            if _RANGE_GAP.match(gap) and len(gap) <= 10:
                wa, wb = to_when(a.value, a.mod, a.type), to_when(b.value, b.mod, b.type)
                cm = _NEW_DATE_GAP.match(gap)
                if cm and changed_before(text, a.start):
                    # "postponed the hearing from April 3 to May 5", "was postponed Wednesday until
                    # May 5": the old date (or the day of the act) and the new one, no span; the new
                    # date is the phrase, the old one none.
                    s = a.end + cm.start(1)
                    if wb and is_valid_when(wb):
                        out.append(WhenPhrase(s, b.end, text[s:b.end], wb, "range" if "/" in wb else "point", (b,)))
                    i += 2
                    continue
                if a.value == "PRESENT_REF" and a.text.lower() in ("now", "today"):
                    bm = re.search(r"\bbetween\s+$", before, re.I)
                    if bm and wb and "/" not in wb:
                        # "between now and Feb. 10": a deadline, as the dev annotations read it.
                        s = t.start - (len(before) - bm.start())
                        out.append(WhenPhrase(s, b.end, text[s:b.end], f"../{_end_point(wb, b.mod)}",
                                              "deadline", (a, b)))
                        i += 2
                        continue
                    wa = anchor.isoformat()  # "from now until Friday"
                if gap.strip().lower() == "and" and not re.search(r"\bbetween\s+$", before, re.I):
                    wa = wb = None  # "Monday and Tuesday" is two dates, not a span
                if gap.strip().lower() == "or":
                    wa = wb = None
                if wa and wb and "/" not in wa and "/" not in wb:
                    if not _in_order(wa, wb):
                        # An end before its start ("from Monday through next Friday" read on a
                        # Wednesday as 2026-03-23 and 2026-03-20): no consistent reading, so no date,
                        # neither the span nor one of its ends alone.
                        i += 2
                        continue
                    val = f"{wa}/{wb}"
                    if is_valid_when(val):
                        s = a.start
                        fm = _FROM.search(before)
                        if fm:
                            s = t.start - (len(before) - fm.start())
                        if _SKIP.search(before) and not fm:
                            i += 2
                            continue
                        out.append(WhenPhrase(s, b.end, text[s:b.end], val, "range", (a, b)))
                        i += 2
                        continue
        ph = _single(text, anchor, t, before, tense)
        if ph:
            out.append(ph)
        i += 1
    return out


def _in_order(wa: str, wb: str) -> bool:
    """True when the `when` point wb can end a range that wa starts: it neither begins before wa
    begins nor ends before wa ends (so "2026-03-23/2026-03-20", "2026/2026-03" and
    "2026-03-20T22:00/2026-03-20T02:00" are out)."""
    try:
        a, b = parse_when(wa), parse_when(wb)
    except InputError:
        return False
    if a.first is None or b.first is None or a.first > b.first or a.last > b.last:
        return False
    ta, tb = a.start.time if a.start else None, b.start.time if b.start else None
    if ta is not None and tb is not None and a.first == b.first:
        # clock times of one day: "from 10 p.m. Friday to 2 a.m." read as that Friday's 2 a.m.
        return ta.replace(tzinfo=None) <= tb.replace(tzinfo=None) if (ta.tzinfo is None) != (tb.tzinfo is None) else ta <= tb
    return True


def _wrap(text: str, anchor: date, s: int, e: int, w: str, tims: tuple[TimeExpr, ...]) -> WhenPhrase | None:
    before = text[max(0, s - 40) : s]
    if _SKIP.search(before):
        return None
    dm = _DEADLINE.search(before)
    if dm:
        s2 = s - (len(before) - dm.start())
        return WhenPhrase(s2, e, text[s2:e], f"../{w}", "deadline", tims) if is_valid_when(f"../{w}") else None
    return WhenPhrase(s, e, text[s:e], w, "point", tims) if is_valid_when(w) else None


def nxt_is_range_end(tx: list[TimeExpr], i: int, text: str) -> bool:
    return i + 1 < len(tx) and bool(_RANGE_GAP.match(text[tx[i].end : tx[i + 1].start]))


class _Tense:
    """Lazy tense lookups for durations ("in two months" is a date only in a future clause)."""

    def __init__(self, text: str, force: str | None) -> None:
        self.text, self.force = text, force
        self.index: TenseIndex | None = None

    def direction(self, start: int, end: int) -> str | None:
        if self.force:
            return self.force
        if self.index is None:
            self.index = TenseIndex(self.text, max(0, start - 1000), end + 1000)
        d = self.index.direction(start, end)
        return "past" if d == "past?" else d


def _single(text: str, anchor: date, t: TimeExpr, before: str, tense: _Tense) -> WhenPhrase | None:
    if t.type == "DURATION":
        am = _amount(t.text)
        if am is None or t.mod:
            return None  # "in more than a decade" gives no date
        if re.match(r"\s+(?:of|after|before|since)\b", text[t.end : t.end + 10]):
            return None  # "within two days of the attack": counted from an event, not from today
        if tense.direction(t.start, t.end) == "past":
            return None  # "the first visit in two years"
        n, unit = am
        wm = _WITHIN.search(before)
        if not wm and re.match(r"(?:the\s+)?(?:next|coming)\s", t.text, re.I):
            wm = re.search(r"\b(?:in|over|within|during)\s+$", before, re.I)  # "in the next 24 hours"
        after = text[t.end : t.end + 20]
        if wm:
            off = _offset(anchor, n, unit)
            if not off:
                return None
            s = t.start - (len(before) - wm.start())
            val = f"../{off[0].isoformat()}"
            return WhenPhrase(s, t.end, text[s:t.end], val, "deadline", (t,)) if is_valid_when(val) else None
        im = _IN.search(before)
        if im and _COUNTED.search(text, max(0, t.start - len(before) + im.start() - 80), t.start - len(before) + im.start()):
            return None  # "the eighth vote in five years", "the highest level in a decade": a span gone by
        fm = _FROM_NOW.match(after)
        if im or fm:
            off = _offset(anchor, n, unit)
            if not off:
                return None
            val = _fmt(*off)
            if im:
                s, e = t.start - (len(before) - im.start()), t.end
            else:
                assert fm is not None
                s, e = t.start, t.end + fm.end()
            return WhenPhrase(s, e, text[s:e], val, "point", (t,)) if is_valid_when(val) else None
        return None
    w = to_when(t.value, t.mod, t.type)
    if not w:
        return None
    if _SKIP.search(before):
        return None  # "since May", "after Friday": open-ended, no calendar place
    if _FROM.search(before) and changed_before(text, t.start):
        return None  # "postponed the hearing from April 3": the old date, no `when` of anything
    dm = _DEADLINE.search(before)
    if dm:
        s = t.start - (len(before) - dm.start())
        if "/" in w:
            # "by the weekend": its Sunday; "by winter": when it comes, its first month
            w = w.split("/")[0 if t.value.endswith("-WI") and t.mod != "END" else 1]
        if _BEFORE.search(before):
            # "before 2026" ends with 2025; "before the end of 2026" with its last day.
            end = _end_point(w, t.mod) if t.mod == "END" else D.previous_period(w)
        else:
            end = _end_point(w, t.mod)
        if not end:
            return None
        val = f"../{end}"
        return WhenPhrase(s, t.end, text[s:t.end], val, "deadline", (t,)) if is_valid_when(val) else None
    kind = "range" if "/" in w else "point"
    return WhenPhrase(t.start, t.end, t.text, w, kind, (t,)) if is_valid_when(w) else None


def find_when_phrases(text: str, anchor: date, start: int = 0, end: int | None = None) -> list[WhenPhrase]:
    """Time phrases of text[start:end] in tracker's `when` form (vague ones left out)."""
    if not isinstance(text, str) or not text:
        return []
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    ambiguous: list[tuple[int, int]] = []
    parts = find_parts(text, anchor, start, end, ambiguous=ambiguous)
    if ambiguous:
        # A date whose direction was a guess (a past commitment or its future act?) is left out:
        # no date is better than a wrong one on a calendar.
        parts = [p for p in parts if not any(a < p[1] and p[0] < b for a, b in ambiguous)]
    # Signal words ("by", "from", "within") are read from the window only: blank out what lies
    # outside it, keeping offsets, so a phrase never reaches past start/end.
    window = text if (start, end) == (0, n) else " " * start + text[start:end]
    phrases = phrases_from_parts(window, anchor, parts)
    return [p for p in phrases if is_valid_when(p.value) and not _dates_no_happening(text, p, start, end)]


def _dates_no_happening(text: str, p: WhenPhrase, lo: int, hi: int) -> bool:
    """The phrase dates the act of putting off or scheduling ("The court on Wednesday postponed the
    hearing", "postponed the talks on Wednesday", "on Tuesday set the vote for June 3"), or is the
    old date a pluperfect plan gave in a sentence that puts the thing off ("which had been planned
    for June 4, was postponed"): the date of no happening the text tracks, so no `when` of anything
    (extract and follow-up alike)."""
    if dates_the_act(text, p.start, p.end):
        return True
    if not planned_before(text, p.start, p.end):
        return False
    s, e = TenseIndex(text, lo, hi).sentence_span(p.start, p.end)
    return puts_off(text, max(lo, s), min(hi, e))
