"""TIMEX3 detection and normalization: rules run in trigger windows, leftmost-longest wins.

Each rule is one bounded regex (no nested quantifiers) plus a handler; see rules.py and handlers.py.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from operator import itemgetter

from ..gcpause import gc_paused
from ..models import TimeExpr
from .base import Ctx, Part
from .rules import DIGIT_ANCHORED, FAMILIES, REQUIRED, RULE_INDEX, RULES, windows
from .tense import changed_before

_START_END = itemgetter(0, 1)
_GLUE = re.compile(r"\s*(?:,\s*)?(?:(?:on|at)\s+)?$")
# A zone phrase between a clock time and the day it belongs to: "10:30 a.m. Beijing time on Sept. 17",
# "9 a.m. (0800 GMT) on Thursday", "8 p.m. local time Wednesday", "noon GMT on Friday".
_ZONE = (r"(?:(?:local|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:standard\s+|daylight\s+|summer\s+)?time|"
         r"(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?|[A-Z]{1,4}T)")
ZONE_GLUE = re.compile(
    rf"\)?\s*(?:,\s*)?(?:{_ZONE}\s*)?(?:,\s*)?(?:\([^();]{{1,30}}\)\s*)?(?:,\s*)?(?:(?:on|at)\s+)?$"
)


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_SENTENCE_END = re.compile(r"[.!?][\"')\]’”]*\s+[\"“‘(]*[A-Z]|\n\s*\n")
_CONCRETE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?")


_RANGE_GLUE = re.compile(r"^\s*(?:-|–|—|to|through|thru|until|till)\s*$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:and|but|while|whereas)\b|\s+(?:but|while|whereas)\s")
_NOUN = re.compile(r"\b[a-z]{5,}\b")
# Words of a clause that say nothing of which happening it is about.
_NOT_TOPIC = {"about", "after", "again", "against", "along", "among", "around", "before", "begins",
              "being", "below", "between", "could", "during", "early", "every", "later", "local",
              "might", "morning", "night", "evening", "afternoon", "other", "should", "since",
              "starts", "their", "there", "these", "those", "three", "today", "until", "where",
              "which", "while", "would", "opens", "closes", "continues", "takes", "place", "start",
              "begin", "officials", "organizers", "organisers", "expected", "scheduled", "planned"}


def _sentence_start(text: str, pos: int, lo: int) -> int:
    """Start of the sentence holding pos (searching back to lo at most)."""
    last = lo
    for m in _SENTENCE_END.finditer(text, lo, pos):
        last = m.end() - 1
    return last


def _days_in(parts: list[Part], s: int, e: int) -> list[Part]:
    return [q for q in parts if s <= q[0] and q[1] <= e and q[2] in ("DATE", "TIME") and _DAY_VALUE.match(q[3])]


def _range_members(parts: list[Part], text: str) -> set[int]:
    """Indexes of parts that open or close a day range ("from Sept. 13 to 21")."""
    out: set[int] = set()
    for k in range(len(parts) - 1):
        if _RANGE_GLUE.match(text[parts[k][1] : parts[k + 1][0]]):
            out.update((k, k + 1))
    return out


def _fill_clock_days(parts: list[Part], ctx: Ctx) -> list[Part]:
    """Give a bare clock time a day: that of an adjacent day expression; else the last day named
    earlier in its clause or sentence ("open on Tuesday, until 11 p.m."), unless that day only ends
    a range; else that of the happening its clause names, found in an earlier sentence naming it
    ("... the title on Sept. 14. ... the marathon starts at 7:30 a.m."); else the single day the
    previous sentence names ("peaks on Tuesday night. Look until 11 p.m."); else the DCT."""
    out = list(parts)
    text = ctx.text
    ranges: set[int] | None = None
    for i, p in enumerate(out):
        if p[2] != "TIME" or not p[3].startswith("XXXX-XX-XXT"):
            continue
        day: str | None = _zone_day(out, i, text)
        for j in (i + 1, i - 1) if day is None else ():
            if 0 <= j < len(out):
                q = out[j]
                gap = text[p[1] : q[0]] if j > i else text[q[1] : p[0]]
                if len(gap) <= 8 and _GLUE.match(gap) and _DAY_VALUE.match(q[3]):
                    day = q[3][:10]
                    break
        if day is None:
            day = _range_clock_day(out, i, text)
        if day is None and _recurring(out, i, text):
            continue  # "opens at 9 a.m. daily", "at 6 p.m. on Saturdays": a time of day, no date
        if day is None:
            if ranges is None:
                ranges = _range_members(out, text)
            sent = _sentence_start(text, p[0], max(ctx.lo, p[0] - 400))
            in_range = None
            for k in range(i - 1, -1, -1):
                q = out[k]
                if q[1] <= sent:
                    break
                if q[2] in ("DATE", "TIME") and _DAY_VALUE.match(q[3]):
                    if k in ranges:
                        in_range = (k - 1, k) if (k - 1) in ranges and _RANGE_GLUE.match(
                            text[out[k - 1][1] : q[0]]) else (k, k + 1)
                    else:
                        day = q[3][:10]
                    break
            if day is None:
                day = _anaphoric_day(out, i, sent, text, ctx, in_range)
        tpart = p[3][len("XXXX-XX-XX") :]
        out[i] = (p[0], p[1], p[2], (day or ctx.anchor.isoformat()) + tpart, p[4])
    return out


_CLOCK_OF = re.compile(r"T(\d\d)(?::(\d\d))?")


def _zone_day(parts: list[Part], i: int, text: str) -> str | None:
    """The day named right after a bare clock time across a zone phrase ("at 10:30 a.m. Beijing time
    on Sept. 17", "at 9 a.m. (0800 GMT) on Thursday"): a clock time in the parenthesis is passed
    over. None when no such day follows."""
    p = parts[i]
    for k in range(i + 1, min(len(parts), i + 3)):
        q = parts[k]
        if q[0] - p[1] > 48:
            return None
        if _DAY_VALUE.match(q[3]) and q[2] in ("DATE", "TIME"):
            gap = text[p[1] : q[0]]
            if k > i + 1 and "(" not in gap:
                return None
            return q[3][:10] if ZONE_GLUE.fullmatch(gap) else None
        if q[2] != "TIME" or not q[3].startswith("XXXX-XX-XXT") or "(" not in text[p[1] : q[0]]:
            return None
    return None


def _range_clock_day(parts: list[Part], i: int, text: str) -> str | None:
    """The day of a bare clock time that opens or closes a range whose other end is a clock time
    with its day: the two ends are read as a unit. "from 9 a.m. to 5 p.m. Friday": 9 a.m. is that
    Friday's (it took the DCT's); "from 10 p.m. Friday to 2 a.m.": 2 a.m. is Saturday's, the first
    2 a.m. after the start; "from 10 p.m. to 2 a.m. Saturday": 10 p.m. is Friday's."""
    p = parts[i]
    pc = _CLOCK_OF.match(p[3], 10)
    if pc is None:
        return None
    for j, sign in ((i + 1, 1), (i - 1, -1)):
        if not 0 <= j < len(parts):
            continue
        q = parts[j]
        gap = text[p[1] : q[0]] if sign > 0 else text[q[1] : p[0]]
        if len(gap) > 10 or not _RANGE_GLUE.match(gap) or q[2] != "TIME" or not _DAY_VALUE.match(q[3]):
            continue
        qc = _CLOCK_OF.match(q[3], 10)
        if qc is None:
            return None
        mine, other = (int(pc[1]), int(pc[2] or 0)), (int(qc[1]), int(qc[2] or 0))
        d = date.fromisoformat(q[3][:10])
        if sign > 0 and mine > other:
            d -= timedelta(days=1)  # opens the range the evening before
        elif sign < 0 and mine < other:
            d += timedelta(days=1)  # closes it past midnight
        return d.isoformat()
    return None


_RECURRENCE_WORDS = re.compile(r"\b(?:on\s+|at\s+)?(?:weekdays|weekends|weeknights|workdays)\b", re.IGNORECASE)
_RECURRENCE_GAP = re.compile(r"[;.!?]|\b(?:but|while|whereas|although|though)\b")
# Adverbs of habit: the clause tells what happens as a rule ("the store usually closes at 6 p.m."),
# so its clock time is a time of day, not one day's.
_HABITUAL = re.compile(r"\b(?:usually|typically|normally|ordinarily|often|always|generally|regularly|"
                       r"routinely|customarily|habitually|frequently|every\s+day)\b", re.IGNORECASE)
_HABITUAL_AFTER = re.compile(r"\s*,?\s*" + _HABITUAL.pattern, re.IGNORECASE)


def _recurring(parts: list[Part], i: int, text: str) -> bool:
    """True when the bare clock time parts[i] belongs to a recurrence named in its clause: a SET
    close by ("daily at 9 a.m.", "at 8 a.m. every Tuesday", "from 10 a.m. to 5 p.m. each day") or
    "on weekdays/weekends". Its day is then no single date."""
    p = parts[i]
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(parts) and parts[j][2] == "SET":
            q = parts[j]
            gap = text[q[1] : p[0]] if j < i else text[p[1] : q[0]]
            if len(gap) <= 60 and not _RECURRENCE_GAP.search(gap.replace("a.m.", "am").replace("p.m.", "pm")):
                return True
    after = text[p[1] : p[1] + 40]
    m = _RECURRENCE_WORDS.search(after)
    if m and not _RECURRENCE_GAP.search(after[: m.start()].replace("a.m.", "am").replace("p.m.", "pm")):
        return True
    before = text[max(0, p[0] - 40) : p[0]]
    for m in _RECURRENCE_WORDS.finditer(before):
        if not _RECURRENCE_GAP.search(before[m.end() :].replace("a.m.", "am").replace("p.m.", "pm")):
            return True
    # a habit stated in the clause, before the time ("usually closes at") or right after it
    # ("opens at 9 a.m., usually"); not across a clause break ("usually ... but on")
    before = text[max(0, p[0] - 80) : p[0]]
    for m in _HABITUAL.finditer(before):
        if not _RECURRENCE_GAP.search(before[m.end() :].replace("a.m.", "am").replace("p.m.", "pm")):
            return True
    return _HABITUAL_AFTER.match(text, p[1], p[1] + 24) is not None


def _anaphoric_day(parts: list[Part], i: int, sent: int, text: str, ctx: Ctx,
                   in_range: tuple[int, int] | None) -> str | None:
    p = parts[i]
    lo_range = hi_range = None
    if in_range and 0 <= in_range[0] and in_range[1] < len(parts):
        lo_range, hi_range = parts[in_range[0]][3][:10], parts[in_range[1]][3][:10]
    clause_lo = sent
    for m in _CLAUSE_BREAK.finditer(text, sent, p[0]):
        clause_lo = m.end()
    topics = {w for w in _NOUN.findall(text, clause_lo, p[0]) if w not in _NOT_TOPIC}
    prev_sent_days: list[Part] | None = None
    hi = sent
    lo_limit = max(ctx.lo, sent - 3000)
    while hi > lo_limit:
        s0 = _sentence_start(text, max(lo_limit, hi - 1), max(lo_limit, hi - 600))
        if s0 >= hi:
            break
        days = _days_in(parts[:i], s0, hi)
        if lo_range:
            days = [q for q in days if lo_range <= q[3][:10] <= (hi_range or "")]
        # the date a statement was made is not the happening's: "..., her management said Friday"
        days = [q for q in days if not re.search(r"\b(?:said|says|told|announced|reported)\s+(?:on\s+)?$",
                                                  text[max(0, q[0] - 20) : q[0]])]
        if prev_sent_days is None:
            prev_sent_days = days
        if topics and days and any(re.search(rf"\b{w}", text[s0:hi], re.IGNORECASE) for w in topics):
            return days[0][3][:10] if len({q[3][:10] for q in days}) == 1 else None
        hi = s0
    if prev_sent_days and len({q[3][:10] for q in prev_sent_days}) == 1:
        return prev_sent_days[0][3][:10]
    if lo_range:
        # Some day of the range, which one the text does not say: TIMEX3 takes its first day,
        # `when` phrases leave the time out.
        ctx.ambiguous.append((p[0], p[1]))
        return lo_range
    return None


_MONTH_VALUE = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])")
_NEW_DATE_GLUE = re.compile(r"^\s*(?:to|until|till)\s*$", re.IGNORECASE)
_COORD_GAP = re.compile(r"^\s*(?:,\s*)?(?:and|or|to|through|thru|into|until|till|-|–|—)\s*$", re.IGNORECASE)


def _coordinated_months(parts: list[Part], text: str) -> list[Part]:
    """The second of two coordinated months without a year follows the first: "in late March and
    early April" is one stretch, so April is the one after the March chosen (the next year's April
    when the DCT is in April and that March lies ahead)."""
    out = list(parts)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if len(a[3]) != 7 or len(b[3]) != 7 or a[2] != "DATE" or b[2] != "DATE" or not (
                _MONTH_VALUE.fullmatch(a[3]) and _MONTH_VALUE.fullmatch(b[3])):
            continue
        if not _COORD_GAP.match(text[a[1] : b[0]]) or any(c.isdigit() for c in text[a[0] : b[1]]):
            continue
        if _NEW_DATE_GLUE.match(text[a[1] : b[0]]) and changed_before(text, a[0]):
            continue  # "brought forward the election from October to June": the old month and the new, each its own
        y1, m1, m2 = int(a[3][:4]), int(a[3][5:]), int(b[3][5:])
        y2 = y1 if m2 >= m1 else y1 + 1
        out[k + 1] = (b[0], b[1], b[2], f"{y2:04d}-{m2:02d}", b[4])
    return out


_SPAN_GLUE = re.compile(r"^\s*(?:-|–|—|to|through|thru|until|till|and)\s*$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_WEEKDAY_END = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|Sat\.|"
    r"Sun\.)(?:\s+(?:morning|afternoon|evening|night))?$")
_MONTH_DAY_END = re.compile(
    r"^(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]{2,8}\.?)$")


def _day_ranges(parts: list[Part], ctx: Ctx) -> list[Part]:
    """A day range is resolved as a unit: its end is the first such day on or after its start,
    never a day resolved on its own ("will run from Monday to Friday" said on a Wednesday: Monday
    is 2026-03-23, so Friday is 2026-03-27, not the coming 2026-03-20 before it; "from December 28 to
    January 3": the January after that December). Only a part the text names without a year or a
    deictic word (a bare weekday, a month and day) moves. A range that lies wholly gone by (both
    days on or before the DCT, the end before the start: "ran from Monday to Friday" said on a
    Wednesday) keeps its end and takes the start on or before it. A postponement's old and new date
    ("moved the talks from Monday to Friday") are no range."""
    out = list(parts)
    text = ctx.text
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if a[2] not in ("DATE", "TIME") or b[2] not in ("DATE", "TIME"):
            continue
        if not (_DAY_VALUE.match(a[3]) and _DAY_VALUE.match(b[3])):
            continue
        gap = text[a[1] : b[0]]
        if len(gap) > 10 or not _SPAN_GLUE.match(gap):
            continue
        if gap.strip().lower() == "and" and not _BETWEEN_BEFORE.search(text, max(0, a[0] - 12), a[0]):
            continue  # "Monday and Tuesday": two days, no span
        if _NEW_DATE_GLUE.match(gap) and changed_before(text, a[0]):
            continue
        d1, d2 = date.fromisoformat(a[3][:10]), date.fromisoformat(b[3][:10])
        if d1 <= d2 and (d2 - d1).days < 7:
            continue  # the common case: already the first such day on or after the start
        moved = _first_on_or_after(text[b[0] : b[1]], d2, d1, 1)
        if d2 < d1 and d1 <= ctx.anchor:
            back = _first_on_or_after(text[a[0] : a[1]], d1, d2, -1)
            if back is not None:  # all gone by: the end stays, the start is the one before it
                out[k] = (a[0], a[1], a[2], back.isoformat() + a[3][10:], a[4])
                continue
        if moved is not None:
            out[k + 1] = (b[0], b[1], b[2], moved.isoformat() + b[3][10:], b[4])
    return out


def _first_on_or_after(part_text: str, d: date, pivot: date, sign: int) -> date | None:
    """The day the words of part_text (now read as d) name that comes first on or after pivot
    (sign 1) or last on or before it (sign -1); None when the words fix the day outright (a year,
    "next Friday") or name none of these forms."""
    t = part_text.strip(" ,")
    try:
        if _WEEKDAY_END.match(t):
            if d.isoweekday() == pivot.isoweekday():
                return None  # "from Friday to Friday": which week the text does not say
            return pivot + timedelta(days=sign * ((sign * (d.isoweekday() - pivot.isoweekday())) % 7))
        if _MONTH_DAY_END.match(t):
            new = d.replace(year=pivot.year)
            if sign * (new - pivot).days < 0:
                new = new.replace(year=pivot.year + sign)
            return new
    except ValueError:
        return None  # Feb. 29 in a year without one
    return None


def _resolve_relative(parts: list[Part], ctx: Ctx) -> list[Part]:
    """'a year earlier', 'the next day': count from the last concrete date named before.

    REL parts ("N units earlier/later") fall back to the DCT for "earlier", else to a duration;
    ANA parts ("the next day", "the previous year") are dropped without an earlier date."""
    out: list[Part] = []
    last_v: str | None = None  # value of the last DATE/TIME with a calendar place
    last_qh: tuple[str, int] | None = None  # the last quarter or half named, and where it ends
    for p in parts:
        v = p[3]
        c0 = v[:1]
        if c0.isdigit():  # the common case: nothing to resolve
            out.append(p)
            if (p[2] == "DATE" or p[2] == "TIME") and v[:4].isdigit():
                last_v = v
                if len(v) == 7 and v[5] in "QH" and p[2] == "DATE":
                    last_qh = (v, p[1])
            continue
        if c0 == "P" or c0 == "X":
            out.append(p)
            continue
        cm = _CONCRETE.match(last_v) if last_v else None
        last = cm.group() if cm else None
        if p[3].startswith("THAT:"):
            # "that September", "that January day": the month in the year of the last date named
            rest = p[3][len("THAT:") :]
            p = (p[0], p[1], p[2], (last[:4] if last else "XXXX") + rest, p[4])
        elif p[3].startswith("HALF:"):
            if last_qh is None or _SENTENCE_END.search(ctx.text, last_qh[1], p[0]):
                continue  # "the second half" of a match, or of nothing named nearby
            p = (p[0], p[1], "DATE", f"{last_qh[0][:4]}-H{p[3].split(':')[2]}", p[4])
        elif p[3].startswith(("REL:", "ANA:")):
            tag, sign, n, letter = p[3].split(":")
            base = last
            if base is None and tag == "REL" and sign == "-":
                base = ctx.anchor.isoformat()  # "up from a year earlier"
            v = _shift(base, int(sign + n), letter) if base else None
            if v:
                p = (p[0], p[1], "DATE", v, p[4])
            elif tag == "REL":
                p = (p[0], p[1], "DURATION", f"P{n}{letter}", p[4])
            else:
                continue
        out.append(p)
        v = p[3]
        if p[2] in ("DATE", "TIME") and v[:4].isdigit():
            last_v = v
    return out


def _shift(base: str, k: int, letter: str) -> str | None:
    """base (YYYY[-MM[-DD]]) moved k units, at the unit's granularity; None when base is too coarse."""
    from datetime import date as _date
    from datetime import timedelta

    from . import dates as D

    try:
        if letter == "Y":
            return f"{int(base[:4]) + k:04d}"
        if letter == "M" and len(base) >= 7:
            y, m = D.shift_month(int(base[:4]), int(base[5:7]), k)
            return D.month_str(y, m)
        if letter in ("D", "W") and len(base) >= 10:
            d = _date.fromisoformat(base[:10])
            if letter == "D":
                return (d + timedelta(days=k)).isoformat()
            return D.iso_week(d + timedelta(weeks=k))
    except (ValueError, OverflowError):
        return None
    return None


def find_parts(text: str, anchor: date, start: int = 0, end: int | None = None,
               force: str | None = None, full_scan: bool = False,
               ambiguous: list[tuple[int, int]] | None = None) -> list[Part]:
    """All TIMEX3 parts in text[start:end], leftmost-longest among overlapping candidates.

    full_scan runs every rule over the whole range (for tests of the trigger windows); `ambiguous`,
    when given, receives the spans whose direction was a guess (see Ctx.ambiguous)."""
    # Long date-dense texts allocate a match object and a few tuples per expression, none of them
    # in reference cycles: the cyclic collector's passes over them cost a third of the run.
    with gc_paused(len(text) > _GC_PAUSE_CHARS):
        return _find_parts(text, anchor, start, end, force, full_scan, ambiguous)


_GC_PAUSE_CHARS = 20_000

# Per rule, what the scan loop needs: priority, regex, whether the match opens with context that is
# not part of the timex (a "body" group), and the characters it requires (see rules.REQUIRED).
_RULE_JOB = {
    name: (prio, RULES[prio][1], "body" in RULES[prio][1].groupindex, REQUIRED.get(name))
    for name, prio in RULE_INDEX.items()
}
_FAMILY_RULES = [(fam, name) for fam, f in FAMILIES.items() for name in f[3]]


def _find_parts(text: str, anchor: date, start: int, end: int | None, force: str | None,
                full_scan: bool, ambiguous: list[tuple[int, int]] | None) -> list[Part]:
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    ctx = Ctx(text, anchor, force, start, end)
    digit_starts: list[int] = []
    if full_scan:
        jobs = [(_RULE_JOB[name], [(start, end)]) for name in RULE_INDEX]
    else:
        wins, digit_starts = windows(text, start, end)
        # Anchored matching pays per digit run; for digit soup ("1-1-1-…") scanning is cheaper.
        if len(digit_starts) * 15 > end - start:
            digit_starts = []
        jobs = [(_RULE_JOB[name], wins[fam]) for fam, name in _FAMILY_RULES
                if wins[fam] and (not digit_starts or name not in DIGIT_ANCHORED)]
    # Collect raw matches first; handlers run only for matches not already covered by a chosen
    # longer one, so dense date-like text costs one handler call per expression, not per rule.
    matches: dict[tuple[int, int, int], re.Match[str]] = {}
    for (prio, rx, body, need), spans in jobs:
        for ws, we in spans:
            if need and we - ws > 200 and all(text.find(c, ws, we) < 0 for c in need):
                continue
            if body:
                for m in rx.finditer(text, ws, we):
                    s = m.start("body")
                    matches[(s, s - m.end(), prio)] = m
            else:
                for m in rx.finditer(text, ws, we):
                    s, e = m.span()
                    matches[(s, s - e, prio)] = m
    if digit_starts:
        for name in DIGIT_ANCHORED:
            prio = RULE_INDEX[name]
            match = RULES[prio][1].match
            for pos in digit_starts:
                dm = match(text, pos, end)
                if dm is not None:
                    matches[(pos, pos - dm.end(), prio)] = dm
    chosen: list[Part] = []
    last_end = -1
    handlers = [r[2] for r in RULES]
    for key, m in sorted(matches.items()):  # keys are unique: match objects are never compared
        if key[0] < last_end:
            continue
        try:
            parts = handlers[key[2]](m, ctx)
        except Exception:  # noqa: BLE001 - the engine never raises on text: a failing rule finds nothing
            parts = None  # (an impossible date, e.g. Feb. 30 or year 9999 + 1, is simply not a timex)
        if not parts:
            continue
        if len(parts) == 1:
            if parts[0][0] < last_end:
                continue
            chosen.append(parts[0])
            last_end = parts[0][1]
            continue
        if min(p[0] for p in parts) < last_end:
            continue
        chosen.extend(parts)
        last_end = max(p[1] for p in parts)
    chosen.sort(key=_START_END)
    out = _resolve_relative(_fill_clock_days(_day_ranges(_coordinated_months(chosen, ctx.text), ctx), ctx), ctx)
    if ambiguous is not None:
        ambiguous.extend(ctx.ambiguous)
    return out


def _strip_span(text: str, p: Part) -> Part:
    s, e = p[0], p[1]
    if text[s] not in " \t\n," and text[e - 1] not in " \t\n,":
        return p
    while e > s and text[e - 1] in " \t\n,":
        e -= 1
    while s < e and text[s] in " \t\n,":
        s += 1
    return (s, e, p[2], p[3], p[4])


def find_time_expressions(text: str, anchor: date, start: int = 0, end: int | None = None) -> list[TimeExpr]:
    """TIMEX3 expressions of text[start:end]; offsets index `text`, sorted by start."""
    if not isinstance(text, str) or not text:
        return []
    with gc_paused(len(text) > _GC_PAUSE_CHARS):  # see find_parts: the TimeExprs made below are acyclic too
        return _time_exprs(text, anchor, start, end)


_ZONED = re.compile(r"(T\d\d(?::\d\d)?)(?:Z|[+-]\d\d:\d\d)$")


def local_time_value(value: str) -> str:
    """A TIMEX3 clock value as the text writes it, without its zone: the annotation guidelines (TE3,
    TimeML) give "15:00 GMT Saturday" as ...T15:00. The engine's parts keep the offset, which the
    `when` phrases need for the instant."""
    return _ZONED.sub(r"\1", value) if value[-1:] == "Z" or value[-6:-5] in ("+", "-") else value


def _time_exprs(text: str, anchor: date, start: int, end: int | None) -> list[TimeExpr]:
    try:
        parts = find_parts(text, anchor, start, end)
    except RecursionError:  # pragma: no cover - defensive: never raise on input text
        return []
    out = []
    append = out.append
    ws = " \t\n,"
    for p in parts:
        s, e, typ, val, mod = p
        if text[s] in ws or text[e - 1] in ws:
            s, e, typ, val, mod = _strip_span(text, p)
            if e <= s:
                continue
        if typ == "TIME":
            val = local_time_value(val)
        append(TimeExpr(s, e, text[s:e], typ, val, mod))
    return out

