"""Handlers for amounts of time: durations (P2Y, PXM), "N ago", sets (every Tuesday) and *_REF words."""
from __future__ import annotations

import re
from datetime import timedelta

from . import dates as D
from .base import (
    Ctx,
    Part,
    duration_value,
    month_no,
    num_value,
    unit_code,
    vague_duration,
)
from .lexicon import (
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
)


def h_duration(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    post = (m["post"] or "").lower().strip()
    if post in ("-old", "old", "of age", "-olds") or post.endswith(("old", "olds")):
        return None  # ages: "a 30-year-old"
    prev = ctx.prev_word(m.start())
    if prev in ("aged", "ages", "age", "ageing", "aging"):
        return None  # "children ages 6 months and older"
    if re.match(r"\s+(?:and|or)\s+(?:older|younger|up|over|under)\b", ctx.text[m.end() : m.end() + 20]):
        return None
    numtok = m["num"]
    unit = m["unit"]
    sep = m["sep"]
    nl = " ".join(numtok.lower().split())
    if "-" in sep and nl in ("a", "an"):
        return None
    s, e = m.start(), m.end()
    if "-" in sep and m["pre"] and not m["approx"]:
        s = m.start("num")  # "the first three-month class": the adjective alone is the timex
    if ctx.text[e : e + 1] == "'" and unit.lower().endswith("s") and re.match(r"'\s+[a-z]", ctx.text[e : e + 4]):
        e += 1  # plural possessive keeps its apostrophe: "five years' probation"
    vague = num_value(numtok) is None
    n = num_value(numtok)
    half = bool(m["half"] or m["half2"])
    approx = (m["approx"] or "").lower()
    mod = None
    if approx:
        mod = ("MORE_THAN" if ("more" in approx or "over" in approx) else
               "LESS_THAN" if ("less" in approx or "fewer" in approx) else
               "EQUAL_OR_MORE" if "least" in approx else
               "EQUAL_OR_LESS" if ("most" in approx or "up to" in approx) else "APPROX")
    ul = unit.lower()
    if ul.startswith("quarter") and re.match(r"\s+of\b", ctx.text[e : e + 5]):
        return None  # "less than a quarter of the average": a fraction
    # Plural unit with "a"/"one" ("a days") is not an amount.
    if nl in ("a", "an") and ul.endswith("s") and ul not in ("hrs", "yrs", "mins"):
        return None
    # Leading "one" opening a sentence ("One day, ...") is an indefinite, not an amount.
    if nl == "one" and ul == "day" and not m["pre"]:
        after = ctx.text[e : e + 2]
        if after.startswith(",") or prev in ("", "some"):
            return None
    comparative = re.match(r"\s+than\b", ctx.text[e : e + 8]) is not None  # "a month earlier than usual"
    if post in ("earlier", "later") and not comparative and not vague and n is not None \
            and float(n).is_integer() and not m["num2"] and not half and not approx:
        letter, mult, timepart = unit_code(unit)
        if not timepart and letter in ("Y", "M", "W", "D") and mult == 1:
            # Resolved after selection from the last date named before it (engine._resolve_relative).
            sign = "-" if post == "earlier" else "+"
            return [(s, e, "DATE", f"REL:{sign}:{int(n)}:{letter}", None)]
        e = m.start("post")  # "a decade later": tag the amount only
    elif post in ("earlier", "later"):
        e = m.start("post")
    if m["agoday"] and not m["agoday"][0].isupper() and m["agoday"].lower() in WEEKDAYS:
        e = m.start("post") + len(m["post"]) - len(m["post"].lstrip()) + 3  # "a year ago monday": no day named
        post = "ago"
    elif m["agoday"]:
        if vague or not float(n or 0).is_integer():
            return [(s, e, "DATE", "PAST_REF", None)]  # "years ago Monday": some day, long before
        return _ago_day(ctx, int(n or 0), unit, m["agoday"], s, e, mod)
    if post == "ago":
        if vague:
            return [(s, e, "DATE", "PAST_REF", None)]
        return _ago(ctx, n or 0, unit, s, e, mod)
    if vague:
        v = vague_duration(unit)
    else:
        if n is None or n > 100000:
            return None
        v = duration_value(n, unit, half)
    parts: list[Part] = []
    if m["num2"]:
        n2 = num_value(m["num2"])
        if n2 is None or n is None or n2 <= n:
            return None
        # "6 to 9 months": two durations, the first takes the second's unit.
        parts.append((s, m.end("num"), "DURATION", v, mod))
        parts.append((m.start("num2"), e, "DURATION", duration_value(n2, unit, half), None))
        return parts
    return [(s, e, "DURATION", v, mod)]


def _ago(ctx: Ctx, n: float, unit: str, s: int, e: int, mod: str | None) -> list[Part] | None:
    if not float(n).is_integer():
        return None
    k = int(n)
    letter, mult, timepart = unit_code(unit)
    a = ctx.anchor
    try:
        if letter == "Y":
            y = a.year - k * mult
            if mult == 10:
                return [(s, e, "DATE", f"{y // 10:03d}", mod)]
            if mult == 100:
                return [(s, e, "DATE", f"{y // 100:02d}", mod)]
            return [(s, e, "DATE", f"{y:04d}", mod)]
        if letter == "Q":
            d = D.add_months(a, -3 * k)
            return [(s, e, "DATE", f"{d.year:04d}-Q{D.quarter_of(d)}", mod)]
        if letter == "M" and not timepart:
            y, mo = D.shift_month(a.year, a.month, -k)
            return [(s, e, "DATE", D.month_str(y, mo), mod)]
        if letter == "W":
            return [(s, e, "DATE", D.iso_week(a - timedelta(weeks=k * mult)), mod)]
        if letter == "D":
            return [(s, e, "DATE", (a - timedelta(days=k)).isoformat(), mod)]
    except (OverflowError, ValueError):
        return None
    return [(s, e, "DATE", "PAST_REF", mod)]  # hours/minutes ago: the time is unknown


def _ago_day(ctx: Ctx, k: int, unit: str, dayword: str, s: int, e: int, mod: str | None) -> list[Part] | None:
    """'a year ago Monday', 'two weeks ago today': the day that far before the day named, whose
    anniversary that day is ("a year ago Tuesday" said on Wed 2013-10-30 is 2012-10-29). Never the
    day named itself, which the words put a year back; a day the calendar lacks (Feb. 29 a year
    back) leaves its month."""
    w = dayword.lower()
    a = ctx.anchor
    if w in WEEKDAYS:
        base = D.pick_weekday(WEEKDAYS[w], a, "past")  # "ago": the day named is the last such day
    else:
        base = a + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(w, 0))
    letter, mult, timepart = unit_code(unit)
    pod = PARTS_OF_DAY["night"] if w == "tonight" else ""
    if timepart:
        return [(s, e, "DATE", "PAST_REF", mod)]  # "48 hours ago Monday": no day to count back from
    try:
        if letter == "D":
            d = base - timedelta(days=k * mult)
        elif letter == "W":
            d = base - timedelta(weeks=k * mult)
        else:
            months = k * mult * (12 if letter == "Y" else 3 if letter == "Q" else 1)
            y, mo = D.shift_month(base.year, base.month, -months)
            try:
                d = base.replace(year=y, month=mo)
            except ValueError:
                return [(s, e, "DATE", D.month_str(y, mo), mod)]  # no such day that year/month
    except (OverflowError, ValueError):
        return None
    if pod:
        return [(s, e, "TIME", f"{d.isoformat()}T{pod}", mod)]
    return [(s, e, "DATE", d.isoformat(), mod)]


def h_racetime(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    # H:MM:SS with a one-digit hour is an elapsed time in news (race results), not a clock time.
    h, mi, se = int(m["h"]), int(m["mi"]), int(m["se"])
    v = "PT" + (f"{h}H" if h else "") + (f"{mi}M" if mi else "") + (f"{se}S" if se else "")
    return [(m.start(), m.end(), "DURATION", v if v != "PT" else "PT0S", None)]


def h_half_unit(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    ul = m["unit"].lower()
    v = {"hour": "PT30M", "day": "PT12H", "year": "P6M", "month": "P0.5M", "week": "P0.5W",
         "decade": "P5Y", "century": "P50Y", "minute": "PT30S"}.get(ul)
    if v is None:
        return None
    return [(m.start(), m.end(), "DURATION", v, None)]


_VAGUE_CUES = {"for", "over", "within", "in", "after", "lasted", "last", "lasting", "took",
               "take", "takes", "spent", "spend", "waited", "wait", "taking", "than", "of",
               "about", "around", "nearly", "almost"}


def h_vague(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    unit = m["unit"]
    if m["post"]:
        if m["pre"]:
            return None
        return [(m.start(), m.end(), "DATE", "PAST_REF", None)]
    if not m["pre"]:
        prev = ctx.prev_word(m.start())
        nxt = ctx.next_word(m.end()).lower()
        if nxt in ("of", "old"):
            return None  # "years of war": not how long
        # "for months", or an amount tied to an event: "days before the surgery".
        if prev not in _VAGUE_CUES and nxt not in ("before", "after", "later", "earlier"):
            return None
    return [(m.start(), m.end(), "DURATION", vague_duration(unit), None)]


_ADVERB_SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
                "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P3M", "nightly": "P1D",
                "biweekly": "P2W", "fortnightly": "P2W", "bimonthly": "P2M",
                "biannually": "P6M", "semiannually": "P6M"}


def h_set_every(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    unit = m["unit"]
    ul = unit.lower()
    s, e = m.start(), m.end()
    if ul in WEEKDAYS:
        return [(s, e, "SET", f"XXXX-WXX-{WEEKDAYS[ul]}", None)]
    if ul == "weekend":
        return [(s, e, "SET", "XXXX-WXX-WE", None)]
    mo = month_no(unit) if ul.rstrip(".") in MONTHS else None
    if mo is not None:
        return [(s, e, "SET", f"XXXX-{mo:02d}", None)]
    if ul in SEASONS:
        return [(s, e, "SET", f"XXXX-{SEASONS[ul]}", None)]
    if ul in PARTS_OF_DAY:
        return [(s, e, "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[ul]}", None)]
    try:
        unit_code(ul)
    except KeyError:
        return None
    n = 2.0 if m["other"] else (num_value(m["num"]) if m["num"] else 1)
    if n is None:
        return None
    return [(s, e, "SET", duration_value(n, ul), None)]


def h_set_adv(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    return [(m.start(), m.end(), "SET", _ADVERB_SETS[m["adv"].lower()], None)]


def h_set_freq(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    try:
        return [(m.start(), m.end(), "SET", duration_value(1, m["unit"]), None)]
    except KeyError:
        return None


_REF_STOP = {"and", "or", "but", "when", "that", "as", "to", "in", "of", "with", "is", "was",
             "were", "has", "have", "had", "will", "would", "can", "could", "for", "on", "at",
             "by", "than", "the", "a", "it", "we", "they", "he", "she", "i", "you", "this",
             "there", "if", "because", "so", "not", "are", "be", "where", "which", "who", "may",
             "might", "should", "must", "from", "into", "through", "too", "again", "though",
             "although", "while", "since", "before", "after", "until", "now", "even", "also",
             "remains", "looks", "holds", "lies", "depends", "seems"}


def h_ref(m: re.Match[str], ctx: Ctx) -> list[Part] | None:
    w = m["w"].lower()
    s, e = m.start(), m.end()
    if w in ("now", "currently", "nowadays"):
        if w == "now" and ctx.text[e : e + 1] == "-":
            return None  # "now-defunct"
        return [(s, e, "DATE", "PRESENT_REF", None)]
    if w == "these days":
        return [(s, e, "DATE", "PRESENT_REF", None)]
    nxt = ctx.next_word(e)
    if nxt and nxt.islower() and nxt not in _REF_STOP and ctx.text[e : e + 1] == " ":
        return None  # "the past president", "the future king"
    if not m["the"] and not (w == "present" and ctx.prev_word(s) == "at"):
        return None  # "swung past Earth", "future plans": only "the past/future", "at present"
    if "future" in w:
        return [(s, e, "DATE", "FUTURE_REF", None)]
    if "past" in w:
        return [(s, e, "DATE", "PAST_REF", None)]
    if "present" in w:
        if not m["the"] and ctx.prev_word(s) != "at":
            return None
        return [(s, e, "DATE", "PRESENT_REF", None)]
    return None
