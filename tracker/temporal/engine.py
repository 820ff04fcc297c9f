"""TIMEX3 detection and normalization: rules run in trigger windows, leftmost-longest wins.

Each rule is one bounded regex (no nested quantifiers) plus a handler; see rules.py and handlers.py.
"""
from __future__ import annotations

import re
from datetime import date

from ..models import TimeExpr
from .base import Ctx, Part
from .rules import FAMILIES, RULE_INDEX, RULES, windows

_GLUE = re.compile(r"\s*(?:,\s*)?(?:(?:on|at)\s+)?$")


def _fill_clock_days(parts: list[Part], ctx: Ctx) -> list[Part]:
    """Give a bare clock time the date of an adjacent day expression, else the DCT."""
    out = list(parts)
    for i, p in enumerate(out):
        if p[2] != "TIME" or not p[3].startswith("XXXX-XX-XXT"):
            continue
        day: str | None = None
        for j in (i + 1, i - 1):
            if 0 <= j < len(out):
                q = out[j]
                gap = ctx.text[p[1] : q[0]] if j > i else ctx.text[q[1] : p[0]]
                if len(gap) <= 8 and _GLUE.match(gap) and re.match(r"\d{4}-\d\d-\d\d", q[3]):
                    day = q[3][:10]
                    break
        tpart = p[3][len("XXXX-XX-XX") :]
        if day is None:
            day = ctx.anchor.isoformat()
        out[i] = (p[0], p[1], p[2], day + tpart, p[4])
    return out

def find_parts(text: str, anchor: date, start: int = 0, end: int | None = None,
               force: str | None = None, full_scan: bool = False) -> list[Part]:
    """All TIMEX3 parts in text[start:end], leftmost-longest among overlapping candidates.

    full_scan runs every rule over the whole range (for tests of the trigger windows)."""
    n = len(text)
    end = n if end is None else max(0, min(end, n))
    start = max(0, min(start, end))
    ctx = Ctx(text, anchor, force, start, end)
    if full_scan:
        jobs = [(name, [(start, end)]) for name in RULE_INDEX]
    else:
        wins = windows(text, start, end)
        jobs = [(name, wins[fam]) for fam, f in FAMILIES.items() for name in f[3]]
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
    chosen: list[Part] = []
    last_end = -1
    for key in sorted(matches):
        if key[0] < last_end:
            continue
        try:
            parts = RULES[key[2]][2](matches[key], ctx)
        except (ValueError, OverflowError, KeyError, IndexError):
            parts = None  # an impossible date is simply not a timex
        if not parts or min(p[0] for p in parts) < last_end:
            continue
        chosen.extend(parts)
        last_end = max(p[1] for p in parts)
    chosen.sort(key=lambda p: (p[0], p[1]))
    return _fill_clock_days(chosen, ctx)


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

