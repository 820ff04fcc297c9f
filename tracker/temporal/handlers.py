"""Handlers of the TIMEX3 rules: validate a regex match and normalize it to TIMEX3 parts."""
from __future__ import annotations

import re
from datetime import date, timedelta

from . import dates as D
from .base import (
    Ctx,
    Part,
    day_no,
    duration_value,
    mod_of,
    month_no,
    unit_code,
    year_ok,
    zone_offset,
)
from .lexicon import (
    MONTH,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
)
from .tense import changed_before

# ---------------------------------------------------------------- handlers ---

def h_iso(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    try:
        date(y, mo, d)
    except ValueError:
        return None
    v = f"{y:04d}-{mo:02d}-{d:02d}"
    if m["h"]:
        return [(m.start(), m.end(), "TIME", f"{v}T{m['h']}:{m['mi']}", None)]
    return [(m.start(), m.end(), "DATE", v, None)]


def h_isoweek(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    y, w = int(m["y"]), int(m["w"])
    try:
        date.fromisocalendar(y, w, 1)
    except ValueError:
        return None
    return [(m.start(), m.end(), "DATE", f"{y:04d}-W{w:02d}", None)]


def h_slash(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    a, b, ys = int(m["a"]), int(m["b"]), m["y"]
    if len(ys) == 2:
        yy = int(ys)
        y = 2000 + yy if yy <= (ctx.anchor.year % 100) + 10 else 1900 + yy
    else:
        y = int(ys)
    mo, d = (a, b) if a <= 12 else (b, a)  # US order unless the first part cannot be a month
    try:
        date(y, mo, d)
    except ValueError:
        return None
    return [(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}", None)]


def h_ymd_slash(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    try:
        v = date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None
    return [(m.start(), m.end(), "DATE", v, None)]


def _calendar_direction(ctx: Ctx, s: int, e: int) -> str | None:
    """Direction for a month or a month+day: a present-tense clause about a date looks ahead
    ("the deadline is Dec. 31"), unlike weekdays where the nearest one is safest."""
    d = ctx.direction(s, e)
    return "future" if d == "present" else d


# An explicit year that sets the time of a sentence ("born in 1950", "In 1998,", "by March 1950"):
# after a preposition or a month, and not an adjective ("the 1953 team", "from 2019 levels").
_SET_YEAR = re.compile(
    rf"(?:\b(?i:in|during|since|by|from|until|till|through|after|before|around|circa|of|between|and|to)\s+"
    rf"(?:(?:early|mid|late)[\s-]+)?|\b{MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)"
    r"(?P<y>(?:1[5-9]|20)\d\d)(?![\d%\w])(?!-\w)(?:\s+(?P<next>[a-z]+))?")
_AFTER_SET_YEAR = {"and", "or", "but", "when", "after", "before", "until", "he", "she", "it", "they", "we",
                   "i", "you", "the", "a", "an", "his", "her", "their", "its", "our", "was", "were", "had",
                   "then", "while", "as", "at", "in", "on", "with", "for", "by", "from", "to", "of",
                   "during", "amid", "because", "where", "who", "which", "that", "this", "there", "only"}
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]’”]*\s+[\"“‘(]*[A-Z]|\n\s*\n")


def _story_year(ctx: Ctx, s: int, y: int, dirn: str | None) -> bool:
    """True when an explicit year named earlier in the sentence sets its time and is not the year y
    the DCT would give a month or day named without one ("born in 1950 and moved to Paris in March"):
    that year is then unknown, for the month may be the story's ("In 1950 ... in March") or the
    DCT's ("born in 1950 and died in March"). A past year does not set the time of a clause about
    the future, nor a future year that of a past clause."""
    lo = max(ctx.lo, s - 240)
    win = ctx.text[lo:s]
    if not any(c.isdigit() for c in win):
        return False  # the common case
    for m in _SENTENCE_BREAK.finditer(win):
        win = win[m.end() - 1 :]
    last = None
    for m in _SET_YEAR.finditer(win):
        yy = int(m["y"])
        if m["next"] is None or m["next"] in _AFTER_SET_YEAR or yy == y:
            last = yy
    if last is None or last == y:
        return False
    return not ((last < y and dirn == "future") or (last > y and dirn == "past"))


# A day or month read ahead of a past act, whose forward reading is most of a year away while the
# backward one is weeks ago ("The judge set the hearing for March 3" on March 18): the report is most
# likely about the one gone by, and next year's is a guess. TIMEX3 takes the past (the tense of the
# clause); `when` phrases leave it out (Ctx.ambiguous).
_NEAR_PAST_DAYS = 90
_NEAR_PAST_MONTHS = 2


def _near_past_instead(ctx: Ctx, s: int, e: int, ahead: date | None = None, back: date | None = None,
                       months_back: int | None = None) -> bool:
    """True (and the span recorded as ambiguous) when text[s:e], read next year's, should be the one
    gone by: a day with its two readings `ahead` and `back`, or a month whose reading gone by lies
    `months_back` months back (its next-year reading is then most of a year ahead)."""
    if months_back is not None:
        if months_back > _NEAR_PAST_MONTHS:
            return False
        days_ago = 31
    else:
        if ahead is None or back is None or (ctx.anchor - back).days > _NEAR_PAST_DAYS or (ahead - ctx.anchor).days <= 180:
            return False
        days_ago = (ctx.anchor - back).days
    if not ctx.past_narrative(s, e, days_ago):
        return False
    ctx.ambiguous.append((s, e))
    return True


def _resolve_md(ctx: Ctx, mo: int, d: int, year: int | None, s: int, e: int) -> str | None:
    if year is None:
        dirn = _calendar_direction(ctx, s, e)
        year = D.pick_day_year(mo, d, ctx.anchor, dirn)
        if year is None:
            return None
        if dirn == "future" and year > ctx.anchor.year:
            back_y = D.pick_day_year(mo, d, ctx.anchor, "past")
            try:
                ahead, back = date(year, mo, d), (date(back_y, mo, d) if back_y else None)
            except ValueError:
                ahead, back = None, None
            if ahead and _near_past_instead(ctx, s, e, ahead, back):
                assert back_y is not None
                year, dirn = back_y, "past"
        if _story_year(ctx, s, year, dirn):
            return f"XXXX-{mo:02d}-{d:02d}"
    try:
        return date(year, mo, d).isoformat()
    except ValueError:
        return None


def h_mdy(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    mo = month_no(m["mon"])
    if mo is None:
        return None
    d = day_no(m["day"])
    year = int(m["year"]) if m["year"] else None
    s = m.start()
    first_end = m.end("day")
    parts: list[Part] = []
    if m["day2"]:
        mo2 = month_no(m["mon2"]) if m["mon2"] else mo
        if mo2 is None:
            return None
        d2 = day_no(m["day2"])
        v1 = _resolve_md(ctx, mo, d, year, s, m.end())
        if v1 is None:
            return None
        s2 = m.start("mon2") if m["mon2"] else m.start("day2")
        if v1[0] == "X":  # the year is the story's, unknown: so is the second day's
            return [(s, first_end, "DATE", v1, None), (s2, m.end(), "DATE", f"XXXX-{mo2:02d}-{d2:02d}", None)]
        y1 = int(v1[:4])
        # The second part inherits the first's year (and the next year for Dec 30-Jan 2).
        y2 = year if year else (y1 + 1 if (mo2, d2) < (mo, d) else y1)
        v2 = _resolve_md(ctx, mo2, d2, y2, s, m.end())
        if v2 is None or v2 < v1:
            return None
        parts.append((s, first_end, "DATE", v1, None))
        parts.append((s2, m.end(), "DATE", v2, None))
        return parts
    v = _resolve_md(ctx, mo, d, year, s, m.end())
    if v is None:
        return None
    return [(s, m.end(), "DATE", v, None)]


def h_dmy(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    mo = month_no(m["mon"])
    if mo is None:
        return None
    year = int(m["year"]) if m["year"] else None
    d = day_no(m["day"])
    if m["day0"]:
        d2 = day_no(m["day0"])
        v2 = _resolve_md(ctx, mo, d2, year, m.start(), m.end())
        if v2 is None:
            return None
        if v2[0] == "X":
            return [(m.start(), m.end("day"), "DATE", f"XXXX-{mo:02d}-{d:02d}", None),
                    (m.start("day0"), m.end(), "DATE", v2, None)]
        v1 = _resolve_md(ctx, mo, d, int(v2[:4]), m.start(), m.end())
        if v1 is None or v1 > v2:
            return None
        return [(m.start(), m.end("day"), "DATE", v1, None),
                (m.start("day0"), m.end(), "DATE", v2, None)]
    v = _resolve_md(ctx, mo, d, year, m.start(), m.end())
    if v is None:
        return None
    return [(m.start(), m.end(), "DATE", v, None)]


def h_month_year(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    mo = month_no(m["mon"])
    if mo is None:
        return None
    return [(m.start(), m.end(), "DATE", f"{int(m['year']):04d}-{mo:02d}", mod_of(m["mod"]))]


def h_month_range(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    mo1, mo2 = month_no(m["mon"]), month_no(m["mon2"])
    if mo1 is None or mo2 is None or mo1 == mo2:
        return None
    if m["mon"].endswith(".") is False and len(m["mon"]) <= 4 and m["mon"].lower() != "may":
        if m["mon"].lower() not in ("june", "july"):
            return None
    if re.match(r"\s*(?:to|until)\s", ctx.text[m.end("mon") : m.start("mon2")]) and changed_before(ctx.text, m.start()):
        return None  # "moved the summit from June to September": the old month and the new, no span
    # A range is resolved as a unit, never month by month. Ahead ("will run from October to June"
    # said in March 2026): its start is the next such month from the DCT's on (the DCT's own month
    # keeps its year), its end the first such month after the start (2026-10/2027-06; it was
    # 2025-10/2026-06). "will run from January to March" said in March 2026 is thus 2027-01/2027-03:
    # a future clause puts the start ahead, as a lone "will open in January" would be, and
    # 2026-01/2026-03 would have the run begin before the report that says it will. A past or
    # undirected range keeps its end by the tense and its start the month before it.
    if m["year"]:
        y2 = int(m["year"])
        y1 = y2 if mo1 < mo2 else y2 - 1
    else:
        dirn = _calendar_direction(ctx, m.start(), m.end())
        if dirn == "future":
            y1 = D.pick_month_year(mo1, ctx.anchor, dirn)
            y2 = y1 if mo1 < mo2 else y1 + 1
            story = _story_year(ctx, m.start(), y1, dirn)
        else:
            y2 = D.pick_month_year(mo2, ctx.anchor, dirn)
            y1 = y2 if mo1 < mo2 else y2 - 1
            story = _story_year(ctx, m.start(), y2, dirn)
        if story:
            return [(m.start(), m.end("mon"), "DATE", f"XXXX-{mo1:02d}", mod_of(m["mod"])),
                    (m.start("mon2"), m.end(), "DATE", f"XXXX-{mo2:02d}", None)]
    return [(m.start(), m.end("mon"), "DATE", D.month_str(y1, mo1), mod_of(m["mod"])),
            (m.start("mon2"), m.end(), "DATE", D.month_str(y2, mo2), None)]


def h_month(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    tok = m["mon"]
    mo = month_no(tok)
    if mo is None:
        return None
    low = tok.rstrip(".").lower()
    if not tok.endswith(".") and len(tok) <= 4 and low not in ("may", "june", "july"):
        return None  # "Jan", "Dec" without a day or year are too ambiguous alone
    lead = (m["lead"] or "").lower()
    # "the end of May": "the" opens the modifier, not a cue before the month.
    s = m.start("lead") if lead == "the" and m["mod"] else m.start("body")
    nxt = ctx.text[m.end() : m.end() + 4]
    if low == "march" and re.match(r"\s+on\b", nxt):
        return None  # "March on Washington"
    if lead == "the" and not m["mod"] and (low in ("may", "march") or not re.match(r"\s+[a-z]", nxt + " ")):
        return None  # "the January window" names a month; "the May ..." and a bare "the June" do not
    if low == "may" and not m["mod"] and lead in ("and", "or", "that", "to", "as"):
        return None  # modal "may" after a conjunction, capitalized mid-title
    if m["adj"] and not lead:
        # "a snowier December", "a cold January": the month, with its article and adjective left out
        if low in ("may", "march") or len(tok) <= 4 or re.match(r"\s+[A-Z0-9]", nxt):
            return None  # "a tough May", "a March 2019 report" are left to other rules or out
        adj = m["adj"].split()[-1].lower()
        if adj in ("few", "lot", "number", "new", "total", "record", "further", "single"):
            return None
    if lead == "that" and _demonstrative(ctx.text, m.start("lead")):
        # "In 2010 the firm moved. That September it hired": the month of the story's year, not of
        # the DCT's (resolved in engine._resolve_relative; unknown year without an earlier date).
        return [(s, m.end(), "DATE", f"THAT:-{mo:02d}", mod_of(m["mod"]))]
    dirn = _calendar_direction(ctx, s, m.end())
    y = D.pick_month_year(mo, ctx.anchor, dirn)
    if dirn == "future" and y > ctx.anchor.year and not m["mod"] and \
            _near_past_instead(ctx, s, m.end(), months_back=(ctx.anchor.month - mo) % 12):
        # "set the vote for February" in March: the one gone by
        y, dirn = D.pick_month_year(mo, ctx.anchor, "past"), "past"
    if _story_year(ctx, s, y, dirn):
        return [(s, m.end(), "DATE", f"XXXX-{mo:02d}", mod_of(m["mod"]))]
    return [(s, m.end(), "DATE", D.month_str(y, mo), mod_of(m["mod"]))]


# "that" opens a noun phrase (demonstrative) at the start of a sentence or clause, or after a
# preposition; after a verb or noun it is a complementizer ("said that March was wet").
_DEMONSTRATIVE_BEFORE = re.compile(
    r"(?:^|[.!?;:,\"“‘(—–]\s*|\b(?:in|of|by|during|until|till|since|from|through|after|before|and|but|"
    r"then|for|on|over|throughout|around)\s+)$", re.IGNORECASE)


def _demonstrative(text: str, that_start: int) -> bool:
    return _DEMONSTRATIVE_BEFORE.search(text[max(0, that_start - 30) : that_start]) is not None


def h_month_noun(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    """'that January day in 2011', 'one March morning': a day of that month, which one unknown
    (TIDES X positions: 2011-01-XX, XXXX-03-XXTMO). The year is the one named right after ("in
    2011"), else the story's for a demonstrative "that", else unknown; never the DCT's."""
    tok, noun = m["mon"], m["noun"]
    mo = month_no(tok)
    if mo is None or noun[0].isupper():
        return None  # "May Day" is a holiday
    if not tok.endswith(".") and len(tok) <= 4 and tok.lower() not in ("may", "june", "july"):
        return None
    rest = f"-{mo:02d}-XX"
    pod = PARTS_OF_DAY.get(noun.lower())
    typ = "TIME" if pod else "DATE"
    if pod:
        rest += f"T{pod}"
    s, e = m.start("body"), m.end("body")
    if m["year"]:
        return [(s, e, typ, f"{int(m['year']):04d}{rest}", None)]
    if m["det"].lower() == "that" and _demonstrative(ctx.text, m.start("det")):
        return [(s, e, typ, f"THAT:{rest}", None)]
    return [(s, e, typ, f"XXXX{rest}", None)]


def h_year(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    y = int(m["y"])
    s, e = m.start(), m.end()
    mod = mod_of(m["mod"])
    if not (m["mod"] or m["fy"]) and not year_ok(ctx, m, y, s, e):
        return None
    if m["y2"]:
        raw = m["y2"]
        y2 = int(raw) if len(raw) == 4 else (y // 100) * 100 + int(raw)
        if len(raw) == 2 and y2 <= y:
            y2 += 100
        if y < y2 <= y + 100:
            return [(s, m.end("y"), "DATE", f"{y:04d}", mod),
                    (m.start("y2"), e, "DATE", f"{y2:04d}", None)]
        if len(raw) == 2:
            return None  # "2019-05": not a range; could be a month we cannot read
        return [(s, m.end("y"), "DATE", f"{y:04d}", mod)]
    return [(s, e, "DATE", f"{y:04d}", mod)]


def h_decade(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    if m["y"]:
        y = int(m["y"])
    else:
        yy = int(m["yy"])
        y = 2000 + yy if yy <= ctx.anchor.year % 100 else 1900 + yy
    return [(m.start(), m.end(), "DATE", f"{y // 10:03d}", mod_of(m["mod"]))]


def h_at_the_time(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    """'at the time' in a past clause refers to the story's past: PAST_REF."""
    if ctx.direction(m.start("body"), m.end()) != "past":
        return None
    return [(m.start("body"), m.end("body"), "DATE", "PAST_REF", None)]


def h_century(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    o = m["ord"].lower()
    n = ORDINALS.get(o) or (int(re.sub(r"\D", "", o)) if re.match(r"\d", o) else None)
    if not n or n > 30:
        return None
    return [(m.start("body"), m.end(), "DATE", f"{n - 1:02d}", mod_of(m["mod"]))]


def _rel_year(ctx: Ctx, rel: str | None) -> int:
    r = (rel or "this").lower()
    if r in ("last", "previous", "past"):
        return ctx.anchor.year - 1
    if r in ("next", "coming", "following"):
        return ctx.anchor.year + 1
    return ctx.anchor.year


def h_quarter(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    o = m["ord"].lower()
    q = 4 if o in ("final", "fourth", "4th", "last") else ORDINALS.get(o)
    if not q or q > 4:
        return None
    if m["y"] or m["y2"]:
        y = int(m["y"] or m["y2"])
    elif m["rel"]:
        y = _rel_year(ctx, m["rel"])
    elif m["theyear"]:
        y = ctx.anchor.year
    else:
        if o == "last":
            return None  # "the last quarter": previous quarter, handled by the relative rule
        cq = D.quarter_of(ctx.anchor)
        dirn = ctx.direction(m.start(), m.end())
        y = ctx.anchor.year
        if dirn == "past" and q > cq:
            y -= 1
        elif dirn == "future" and q < cq:
            y += 1
    return [(m.start(), m.end(), "DATE", f"{y:04d}-Q{q}", mod_of(m["mod"]))]


def h_half_ana(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    h = 1 if m["ord"].lower() == "first" else 2
    return [(m.start(), m.end(), "DATE", f"HALF:+:{h}:H", None)]  # resolved in engine._resolve_relative


def h_half(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    o = m["ord"].lower()
    h = 1 if o in ("first", "1st") else 2
    if m["y"]:
        y = int(m["y"])
    else:
        y = _rel_year(ctx, m["rel"])
    return [(m.start(), m.end(), "DATE", f"{y:04d}-H{h}", None)]


_SEASON_CUES = {"in", "during", "by", "until", "till", "since", "over", "through", "throughout",
                "this", "last", "next", "early", "late", "mid", "for", "before", "after",
                "from", "to", "and", "the", "of", "into", "every", "each", "until"}


def h_season(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    code = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower().split()
    relw = rel[-1] if rel else None
    has_the = bool(rel) and rel[0] == "the"
    mod = mod_of(m["mod"])
    s, e = m.start(), m.end()
    if m["y"] or m["y2"]:
        y = int(m["y"] or m["y2"])
        return [(s, e, "DATE", f"{y:04d}-{code}", mod)]
    word = m["s"].lower()
    if relw in ("this", "current"):
        dirn = ctx.direction(s, e) if code == "WI" and 3 <= ctx.anchor.month <= 5 else None
        return [(s, e, "DATE", f"{D.pick_season_year(code, ctx.anchor, 'this', dirn):04d}-{code}", mod)]
    if relw in ("last", "past", "previous") and not has_the:
        return [(s, e, "DATE", f"{D.pick_season_year(code, ctx.anchor, 'last'):04d}-{code}", mod)]
    if relw in ("next", "coming") and (not has_the or relw == "coming"):
        if relw == "coming":  # "the coming winter": the first one that has not begun
            cy, ci = D.season_of(ctx.anchor)
            idx = D.SEASON_ORDER.index(code)
            y = cy if idx > ci else cy + 1
            return [(s, e, "DATE", f"{y:04d}-{code}", mod)]
        if code != "WI" and ctx.anchor.month <= 2:
            # "next summer" said in winter: the summer of this year or the one after? Speakers
            # differ; TIMEX3 takes the one after "this summer", `when` phrases leave it out.
            ctx.ambiguous.append((s, e))
        return [(s, e, "DATE", f"{D.pick_season_year(code, ctx.anchor, 'next'):04d}-{code}", mod)]
    if rel and relw != "the":
        return None
    # A bare season: needs a cue ("in the fall", "this summer") and never "the fall of ...".
    after = ctx.text[e : e + 12]
    if re.match(r"\s+of\b", after):
        return None
    prev = ctx.prev_word(s if not has_the else s)
    if not (mod or prev in _SEASON_CUES):
        return None
    if word in ("fall", "spring") and not (has_the or mod or prev in ("this", "last", "next")):
        return None  # verbs/nouns: "prices fall", "a spring"
    dirn = ctx.direction(s, e)
    cy, ci = D.season_of(ctx.anchor)
    idx = D.SEASON_ORDER.index(code)
    if dirn == "past":
        y = cy if idx <= ci else cy - 1
    elif dirn == "future":
        y = cy if idx >= ci else cy + 1
    else:
        y = D.this_season_year(code, ctx.anchor)  # no tense: as "this <season>"
    if _story_year(ctx, s, y, dirn):
        return [(s, e, "DATE", f"XXXX-{code}", mod)]  # "born in 1950 and moved in the spring"
    return [(s, e, "DATE", f"{y:04d}-{code}", mod)]


def _week_value(d: date, weekend: bool) -> str:
    return D.iso_week(d) + ("-WE" if weekend else "")


def h_rel(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    rel = m["rel"].lower().split()[-1]
    the = bool(m["the"])
    unit = m["unit"]
    ul = unit.lower()
    mod = mod_of(m["mod"])
    s, e = m.start(), m.end()
    a = ctx.anchor
    if rel == "current":
        rel = "this"
    if rel == "upcoming":
        rel = "coming"
    if rel in ("following", "previous"):
        return None  # anaphoric: the reference time is the story's, not the DCT
    back = rel in ("last", "past")
    fwd = rel in ("next", "coming")
    # "the past year", "the next month": a duration of one unit.
    if the and (rel == "past" or (rel == "next" and ul in ("year", "month", "week", "decade", "century"))
                or (rel == "last" and ul in ("year", "decade", "century"))):
        if ul in ("year", "month", "week", "decade", "century", "quarter"):
            if m["pod"]:
                return None
            return [(s, e, "DURATION", duration_value(1, ul), None)]
    wd = WEEKDAYS.get(ul)
    if wd is not None:
        if not unit[0].isupper():
            return None
        cur = a.isoweekday()
        if back:
            delta = (cur - wd) % 7 or 7
            d = a - timedelta(days=delta)
        elif fwd:
            delta = (wd - cur) % 7 or 7
            d = a + timedelta(days=delta)
        else:  # "this Friday": the one in the coming days, today included
            d = a + timedelta(days=(wd - cur) % 7)
        if m["pod"]:
            return [(s, e, "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[m['pod'].lower()]}", mod)]
        return [(s, e, "DATE", d.isoformat(), mod)]
    mo = MONTHS.get(ul.rstrip("."))
    if mo is not None:
        if month_no(unit) is None or (len(unit) <= 4 and not unit.endswith(".") and ul not in ("may", "june", "july")):
            return None
        if back:
            y = a.year if mo < a.month else a.year - 1
        elif fwd:
            y = a.year if mo > a.month else a.year + 1
        else:
            y = a.year
        return [(s, e, "DATE", D.month_str(y, mo), mod)]
    if m["pod"]:
        return None
    if ul in ("week", "weekend"):
        d = a - timedelta(days=7) if back else a + timedelta(days=7) if fwd else a
        return [(s, e, "DATE", _week_value(d, ul == "weekend"), mod)]
    if ul == "month":
        y, mo2 = D.shift_month(a.year, a.month, -1 if back else 1 if fwd else 0)
        return [(s, e, "DATE", D.month_str(y, mo2), mod)]
    if ul == "year":
        return [(s, e, "DATE", f"{a.year + (-1 if back else 1 if fwd else 0):04d}", mod)]
    if ul == "quarter":
        q0 = a.year * 4 + D.quarter_of(a) - 1 + (-1 if back else 1 if fwd else 0)
        return [(s, e, "DATE", f"{q0 // 4:04d}-Q{q0 % 4 + 1}", mod)]
    if ul == "half":
        h0 = a.year * 2 + (0 if a.month <= 6 else 1) + (-1 if back else 1 if fwd else 0)
        return [(s, e, "DATE", f"{h0 // 2:04d}-H{h0 % 2 + 1}", mod)]
    if ul == "decade":
        return [(s, e, "DATE", f"{a.year // 10 + (-1 if back else 1 if fwd else 0):03d}", mod)]
    if ul == "century":
        return [(s, e, "DATE", f"{a.year // 100 + (-1 if back else 1 if fwd else 0):02d}", mod)]
    return None


# Where a part of a period lies in it, as fractions of the period: "the end of the year" is about
# its last two months, "the beginning of the month" its first five days.
_SUBPERIOD = {"START": (0.0, 1 / 6), "MID": (1 / 3, 2 / 3), "END": (5 / 6, 1.0)}


def _position(a: date, unit: str) -> float | None:
    """How far into its year/month/quarter/week the DCT lies (0 = first day, 1 = after the last)."""
    if unit == "year":
        n = 366 if date(a.year, 12, 31).timetuple().tm_yday == 366 else 365
        return (a.timetuple().tm_yday - 1) / n
    if unit == "month":
        return (a.day - 1) / D.last_day(D.month_str(a.year, a.month)).day  # type: ignore[union-attr]
    if unit == "quarter":
        return ((a.month - 1) % 3 + (a.day - 1) / 31) / 3
    if unit == "week":
        return (a.isoweekday() - 1) / 7
    return None


def _period_shift(ctx: Ctx, ul: str, mod: str, s: int, e: int) -> int:
    """-1, 0 or +1 period for 'the end of the year' and the like. A sure past clause cannot be about
    a part of the DCT's period still ahead ("sales fell at the end of the year" in March is last
    year's end), a future one not about a part already over ("the rule takes effect at the start of
    the month" on the 20th is next month's start); otherwise the DCT's own period."""
    pos = _position(ctx.anchor, ul)
    if pos is None or mod not in _SUBPERIOD:
        return 0
    lo, hi = _SUBPERIOD[mod]
    if pos < lo or pos >= hi:
        dirn = ctx.tense(s, e)
        if dirn == "past" and pos < lo:
            return -1
        if dirn == "future" and pos >= hi:
            return 1
    return 0


def h_the_unit(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    """'the end of the year', 'year-end': the DCT's period with a mod, or the one before/after it
    when the tense puts that part of the DCT's period out of reach (see _period_shift)."""
    ul = m["unit"].lower()
    mod = mod_of(m["mod"]) or "END"
    a = ctx.anchor
    k = _period_shift(ctx, ul, mod, m.start(), m.end())
    if k:
        if ul == "year":
            a = date(a.year + k, 6, 1)
        elif ul == "month":
            a = D.add_months(a.replace(day=1), k)
        elif ul == "quarter":
            a = D.add_months(a.replace(day=1), 3 * k)
        elif ul == "week":
            a = a + timedelta(weeks=k)
    if ul == "year":
        v = f"{a.year:04d}"
    elif ul == "month":
        v = D.month_str(a.year, a.month)
    elif ul == "week":
        v = D.iso_week(a)
    elif ul == "quarter":
        v = f"{a.year:04d}-Q{D.quarter_of(a)}"
    elif ul == "decade":
        v = f"{a.year // 10:03d}"
    else:
        v = f"{a.year // 100:02d}"
    return [(m.start(), m.end(), "DATE", v, mod)]


def h_dayrel(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    w = " ".join(m["w"].lower().split())
    a = ctx.anchor
    offs = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1,
            "the day after tomorrow": 2, "the day before yesterday": -2}[w]
    d = a + timedelta(days=offs)
    pod = m["pod"]
    if w == "tonight":
        return [(m.start(), m.end(), "TIME", f"{d.isoformat()}TNI", None)]
    if pod:
        return [(m.start(), m.end(), "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[pod.lower()]}",
                 mod_of(m["mod"]))]
    if w == "today" and not m["mod"] and _generic_today(ctx, m.start(), m.end()):
        return [(m.start(), m.end(), "DATE", "PRESENT_REF", None)]
    return [(m.start(), m.end(), "DATE", d.isoformat(), mod_of(m["mod"]))]


_GENERIC_NOUNS = {"people", "children", "students", "youth", "society", "world", "women", "men",
                  "americans", "consumers", "families", "workers", "voters", "teenagers", "kids",
                  "parents", "readers", "companies", "politicians", "doctors", "schools"}


def _generic_today(ctx: Ctx, s: int, e: int) -> bool:
    """'today' meaning 'nowadays': "students today spend", "the world of today", "than is done today"."""
    text = ctx.text
    prev = ctx.prev_word(s)
    if prev == "of" or (prev in _GENERIC_NOUNS and re.match(r"\s+[a-z]", text[e : e + 2])):
        return True
    before = text[max(0, s - 60) : s]
    # A comparison with the present: "faster than can be done today".
    return re.search(r"\bthan\b[^.;!?]*$", before) is not None and re.match(r"\s*[.!?]", text[e : e + 2]) is not None


def h_podrel(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    rel = m["rel"].lower()
    pod = PARTS_OF_DAY[m["pod"].lower()]
    a = ctx.anchor
    if rel == "this":
        d = a
    elif rel in ("last", "yesterday"):
        d = a - timedelta(days=1)
        if rel == "last" and pod != "NI" and pod != "EV":
            return None  # "last morning" is not idiomatic
    else:
        d = a + timedelta(days=1)
    return [(m.start(), m.end(), "TIME", f"{d.isoformat()}T{pod}", None)]


_WD_NOT = {"black", "good", "ash", "super", "bloody", "cyber", "easter", "palm", "holy",
           "maundy", "shrove", "giving", "manic", "man", "girl", "joe", "casual"}


def h_weekday(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    tok = m["wd"]
    if not tok[0].isupper():
        return None
    prev_cap = re.search(r"([A-Za-z]+)\s+$", ctx.text[max(0, m.start() - 20) : m.start()])
    if prev_cap and prev_cap.group(1).lower() in _WD_NOT and prev_cap.group(1)[0].isupper():
        return None
    wd = WEEKDAYS[tok.lower()]
    if m["pl"] or m["podpl"]:
        pod = f"T{PARTS_OF_DAY[m['pod'].lower()]}" if m["pod"] and m["podpl"] else ""
        return [(m.start(), m.end(), "SET", f"XXXX-WXX-{wd}{pod}", None)]
    d = _pick_weekday(ctx, wd, m.start(), m.end(), bool(m["pod"]))
    mod = mod_of(m["mod"])
    if m["pod"]:
        return [(m.start(), m.end(), "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[m['pod'].lower()]}", mod)]
    return [(m.start(), m.end(), "DATE", d.isoformat(), mod)]


# A present copula whose complement is the time itself: "the briefing is at 11 a.m. Tuesday",
# "the ceremony is Saturday at noon".
_COPULA_BEFORE = re.compile(r"\b(?:is|are)\s+(?:(?:at|on)\s+)?$")


def _pick_weekday(ctx: Ctx, wd: int, s: int, e: int, today_ok: bool) -> date:
    """The weekday's date by the tense of its clause. A present-tense copula that states the time of
    something ("X is at 3 p.m. Friday") gives its schedule: that day from the DCT on, never a past
    one (a past happening takes "was"); other present clauses keep the nearest day."""
    dirn = ctx.direction(s, e)
    if dirn == "present" and _COPULA_BEFORE.search(ctx.text, max(0, s - 12), s):
        return D.pick_weekday(wd, ctx.anchor, "future", today_ok=True)
    return D.pick_weekday(wd, ctx.anchor, dirn, today_ok=today_ok)


def _day_of(ctx: Ctx, tok: str | None, s: int, e: int) -> date | None:
    """Date of a day word attached to a clock time ("3 p.m. Friday")."""
    if not tok:
        return None
    t = " ".join(tok.split()).strip(", ")
    tl = t.lower()
    offs = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}
    if tl in offs:
        return ctx.anchor + timedelta(days=offs[tl])
    if tl in WEEKDAYS:
        if not t[0].isupper():
            return None
        return _pick_weekday(ctx, WEEKDAYS[tl], s, e, True)
    mm = re.match(r"([A-Za-z]+\.?)\s*(\d+)", t)
    if mm:
        mo = month_no(mm.group(1))
        if mo is None:
            return None
        v = _resolve_md(ctx, mo, int(mm.group(2)), None, s, e)
        return date.fromisoformat(v) if v else None
    return None


def _time_value(day: date | None, h: int, mi: int | None, zone: str | None, ctx: Ctx) -> str:
    # Day unknown here: the post-pass fills it from a neighbouring date, else the DCT.
    dpart = day.isoformat() if day else "XXXX-XX-XX"
    off = zone_offset(zone, day or ctx.anchor, h, mi or 0)
    # Precision follows the text ("8 PM" is T20, "9 a.m. EDT" T09-04:00); the offset is kept here for
    # the `when` instant and dropped from the TIMEX3 value (engine.local_time_value).
    if mi is None:
        return f"{dpart}T{h:02d}{off}"
    return f"{dpart}T{h:02d}:{mi:02d}{off}"


def h_clock(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    h = int(m["h"])
    mi = int(m["mi"]) if m["mi"] else None
    ap = m["ap"].lower().replace(".", "").replace(" ", "")
    if h > 12 or h == 0:
        return None
    if ap == "pm" and h != 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    day = _day_of(ctx, m["day"], m.start(), m.end())
    if m["day"] and day is None:
        return None
    return [(m.start(), m.end(), "TIME", _time_value(day, h, mi, m["zone"], ctx), None)]


def h_clock24(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    hs = m["h"]
    h, mi = int(hs), int(m["mi"])
    # Without am/pm a clock time is only safe when it is unambiguous 24-hour time.
    if not (h >= 13 or hs.startswith("0") or h == 0 or m["zone"] or m["hrs"]):
        return None
    day = _day_of(ctx, m["day"], m.start(), m.end())
    if m["day"] and day is None:
        return None
    return [(m.start(), m.end(), "TIME", _time_value(day, h, mi, m["zone"], ctx), None)]


def h_noon(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    w = m["nm"].lower()
    day = _day_of(ctx, m["day"], m.start(), m.end())
    if m["day"] and day is None:
        return None
    if w == "midnight":
        return [(m.start(), m.end(), "TIME", _time_value(day, 24, 0, m["zone"], ctx), None)]
    return [(m.start(), m.end(), "TIME", _time_value(day, 12, 0, m["zone"], ctx), None)]


_QCODE_VALUES: dict[tuple[int, int, str | None], tuple[int, str]] = {}  # (q, DCT quarter, tense) -> (DCT year, value)


def h_qcode(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    whole = m.group(0)
    if "Q" not in whole:
        return None  # "q3" in lower case is no quarter
    if len(whole) == 2:  # "Q3": the commonest form, with no year
        s, e = m.span()
        q = int(whole[1])
        cq = (ctx.anchor.month - 1) // 3 + 1
        dirn = ctx.direction(s, e) if q != cq else None
        key = (q, cq, dirn)
        v = _QCODE_VALUES.get(key)
        if v is None or v[0] != ctx.anchor.year:
            yv = ctx.anchor.year
            if dirn == "past" and q > cq:
                yv -= 1
            elif dirn == "future" and q < cq:
                yv += 1
            v = _QCODE_VALUES[key] = (ctx.anchor.year, f"{yv:04d}-Q{q}")
        return [(s, e, "DATE", v[1], None)]
    q = int(m["q"])
    y = m["y"] or m["y3"]
    if y:
        yv = int(y)
    elif m["yy"]:
        yv = 2000 + int(m["yy"])
    else:
        cq = D.quarter_of(ctx.anchor)
        yv = ctx.anchor.year
        if q != cq:  # the current quarter needs no tense
            dirn = ctx.direction(m.start(), m.end())
            if dirn == "past" and q > cq:
                yv -= 1
            elif dirn == "future" and q < cq:
                yv += 1
    return [(m.start(), m.end(), "DATE", f"{yv:04d}-Q{q}", None)]


def h_the_unit_match(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    class _M:
        def __init__(self, mm: re.Match[str]) -> None:
            self.mm = mm

        def __getitem__(self, k: str) -> str | None:
            if k == "unit":
                return self.mm["unit"] or self.mm["unit2"]
            if k == "mod":
                return self.mm["mod"] or "end"
            return self.mm[k]

        def start(self) -> int:
            return self.mm.start()

        def end(self) -> int:
            return self.mm.end()

    return h_the_unit(_M(m), ctx)  # type: ignore[arg-type]





def h_weekend(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    """'the weekend' without this/last/next: the tense picks the weekend before or after the DCT."""
    a = ctx.anchor
    dirn = ctx.direction(m.start(), m.end())
    wd = a.isoweekday()
    if dirn == "past":
        d = a if wd >= 6 else a - timedelta(days=7)
    elif dirn == "future":
        d = a
    else:
        return None  # no tense: "the weekend" may be generic
    return [(m.start(), m.end(), "DATE", D.iso_week(d) + "-WE", None)]


def h_anaphor(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    """'the next day', 'the previous year', 'the day before': one unit from the story's last date."""
    rel = (m["rel"] or m["rel2"]).lower()
    unit = (m["unit"] or m["unit2"]).lower()
    sign = "+" if rel in ("next", "following", "after") else "-"
    return [(m.start(), m.end(), "DATE", f"ANA:{sign}:1:{unit_code(unit)[0]}", None)]


def h_zulu(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    """Wire-service clock times: '1600 GMT'."""
    h, mi = int(m["h"]), int(m["mi"])
    return [(m.start(), m.end(), "TIME", f"XXXX-XX-XXT{h:02d}:{mi:02d}Z", None)]


def h_half_code(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    if m.group(0)[0] not in "Hh" and "H" not in m.group(0):
        return None
    return [(m.start(), m.end(), "DATE", f"{int(m['y']):04d}-H{m['h']}", None)]
