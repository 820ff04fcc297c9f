"""TIMEX3 detection and normalization: rules run in trigger windows, leftmost-longest wins.

Each rule is one bounded regex (no nested quantifiers) plus a handler; see rules.py and handlers.py.
"""
from __future__ import annotations

import re
from datetime import date

from ..models import TimeExpr
from .base import Ctx, Part
from .rules import DIGIT_ANCHORED, FAMILIES, RULE_INDEX, RULES, windows

_GLUE = re.compile(r"\s*(?:,\s*)?(?:(?:on|at)\s+)?$")


_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_SENTENCE_END = re.compile(r"[.!?][\"')\]’”]*\s+[\"“‘(]*[A-Z]|\n\s*\n")
_CONCRETE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?")


def _fill_clock_days(parts: list[Part], ctx: Ctx) -> list[Part]:
    """Give a bare clock time the date of an adjacent day expression, else of the last day named
    earlier in its sentence ("open on Tuesday, until 11 p.m."), else the DCT."""
    out = list(parts)
    for i, p in enumerate(out):
        if p[2] != "TIME" or not p[3].startswith("XXXX-XX-XXT"):
            continue
        day: str | None = None
        for j in (i + 1, i - 1):
            if 0 <= j < len(out):
                q = out[j]
                gap = ctx.text[p[1] : q[0]] if j > i else ctx.text[q[1] : p[0]]
                if len(gap) <= 8 and _GLUE.match(gap) and _DAY_VALUE.match(q[3]):
                    day = q[3][:10]
                    break
        if day is None:
            for q in reversed(out[:i]):
                gap = ctx.text[q[1] : p[0]]
                if len(gap) > 200 or _SENTENCE_END.search(gap):
                    break
                if q[2] in ("DATE", "TIME") and _DAY_VALUE.match(q[3]):
                    day = q[3][:10]
                    break
        tpart = p[3][len("XXXX-XX-XX") :]
        out[i] = (p[0], p[1], p[2], (day or ctx.anchor.isoformat()) + tpart, p[4])
    return out


def _resolve_relative(parts: list[Part], ctx: Ctx) -> list[Part]:
    """'a year earlier', 'the next day': count from the last concrete date named before.

    REL parts ("N units earlier/later") fall back to the DCT for "earlier", else to a duration;
    ANA parts ("the next day", "the previous year") are dropped without an earlier date."""
    out: list[Part] = []
    last: str | None = None
    for p in parts:
        if p[3].startswith(("REL:", "ANA:")):
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
        m = _CONCRETE.match(p[3])
        if m and p[2] in ("DATE", "TIME"):
            last = m.group()
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
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    ctx = Ctx(text, anchor, force, start, end)
    digit_starts: list[int] = []
    if full_scan:
        jobs = [(name, [(start, end)]) for name in RULE_INDEX]
    else:
        wins, digit_starts = windows(text, start, end)
        # Anchored matching pays per digit run; for digit soup ("1-1-1-…") scanning is cheaper.
        if len(digit_starts) * 15 > end - start:
            digit_starts = []
        jobs = [(name, wins[fam]) for fam, f in FAMILIES.items() for name in f[3]
                if name not in DIGIT_ANCHORED or not digit_starts]
    # Collect raw matches first; handlers run only for matches not already covered by a chosen
    # longer one, so dense date-like text costs one handler call per expression, not per rule.
    matches: dict[tuple[int, int, int], re.Match[str]] = {}
    for name, spans in jobs:
        prio = RULE_INDEX[name]
        rx = RULES[prio][1]
        body = "body" in rx.groupindex  # the match opens with context that is not part of the timex
        for ws, we in spans:
            for m in rx.finditer(text, ws, we):
                s = m.start("body") if body else m.start()
                matches[(s, s - m.end(), prio)] = m
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
    for key in sorted(matches):
        if key[0] < last_end:
            continue
        try:
            parts = RULES[key[2]][2](matches[key], ctx)
        except Exception:  # noqa: BLE001 - the engine never raises on text: a failing rule finds nothing
            parts = None  # (an impossible date, e.g. Feb. 30 or year 9999 + 1, is simply not a timex)
        if not parts or min(p[0] for p in parts) < last_end:
            continue
        chosen.extend(parts)
        last_end = max(p[1] for p in parts)
    chosen.sort(key=lambda p: (p[0], p[1]))
    if ambiguous is not None:
        ambiguous.extend(ctx.ambiguous)
    return _resolve_relative(_fill_clock_days(chosen, ctx), ctx)


def _strip_span(text: str, p: Part) -> Part:
    s, e = p[0], p[1]
    while e > s and text[e - 1] in " \t\n,":
        e -= 1
    while s < e and text[s] in " \t\n,":
        s += 1
    return (s, e, p[2], p[3], p[4])


def find_time_expressions(text: str, anchor: date, start: int = 0, end: int | None = None) -> list[TimeExpr]:
    """TIMEX3 expressions of text[start:end]; offsets index `text`, sorted by start."""
    if not isinstance(text, str) or not text:
        return []
    try:
        parts = find_parts(text, anchor, start, end)
    except RecursionError:  # pragma: no cover - defensive: never raise on input text
        return []
    out = []
    for p in parts:
        s, e, typ, val, mod = _strip_span(text, p)
        if e <= s:
            continue
        out.append(TimeExpr(s, e, text[s:e], typ, val, mod))
    return out

