"""Calendar arithmetic for normalization: ISO weeks, month shifts, seasons, direction choice."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

SEASON_ORDER = ("SP", "SU", "FA", "WI")


def iso_week(d: date) -> str:
    """ISO week with the ISO year (2021-01-01 -> 2020-W53)."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(d: date, n: int) -> date:
    """d plus n months, the day clamped to the target month's length."""
    m0 = d.year * 12 + d.month - 1 + n
    y, m = divmod(m0, 12)
    m += 1
    if not 1 <= y <= 9999:
        raise OverflowError(n)
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def month_str(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    m0 = y * 12 + m - 1 + n
    return m0 // 12, m0 % 12 + 1


def pick_month_year(month: int, anchor: date, direction: str | None) -> int:
    """Year of a month named without one: past = latest up to the anchor month,
    future = next from the anchor month on, otherwise the nearest."""
    y = anchor.year
    if month == anchor.month:
        return y
    if direction == "past":
        return y if month < anchor.month else y - 1
    if direction == "future":
        return y if month > anchor.month else y + 1
    diff = month - anchor.month
    if diff > 6:
        return y - 1
    if diff < -6:
        return y + 1
    return y


def pick_day_year(month: int, day: int, anchor: date, direction: str | None) -> int | None:
    """Year of a month+day named without one (None when the day never exists, e.g. Feb 30).

    Past = latest on or before the anchor, future = first on or after it, otherwise the nearest."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    y = anchor.year
    on_or_before = (month, day) <= (anchor.month, anchor.day)
    if direction == "past":
        order = [y, y - 1] if on_or_before else [y - 1]
    elif direction == "future":
        order = [y] if (month, day) >= (anchor.month, anchor.day) else []
        order.append(y + 1)
    else:
        order = [y - 1, y, y + 1]
    cands = []
    for yy in order:
        try:
            cands.append(date(yy, month, day))
        except ValueError:
            continue
    if not cands:
        if month == 2 and day == 29:  # look further for a leap year in the right direction
            step = -1 if direction == "past" else 1
            for k in range(1, 9):
                yy = y + step * k
                if calendar.isleap(yy):
                    return yy
        return None
    if direction in ("past", "future"):
        return cands[0].year
    return min(cands, key=lambda c: (abs((c - anchor).days), c < anchor)).year


def pick_weekday(weekday: int, anchor: date, direction: str | None, today_ok: bool = False) -> date:
    """weekday 1=Monday..7=Sunday. Past includes the anchor day (past reporting may mean the day of
    publication: "said Monday" on a Monday); future is the next such day after it ("will meet on
    Monday" published on a Monday is a week later, as the annotation guidelines read it). With a
    time of day (today_ok) the publication day stays possible: "will speak Monday night"."""
    cur = anchor.isoweekday()
    back = (cur - weekday) % 7
    fwd = (weekday - cur) % 7
    if direction == "past":
        return anchor - timedelta(days=back)
    if direction == "future":
        return anchor + timedelta(days=fwd if (fwd or today_ok) else 7)
    return anchor - timedelta(days=back) if back <= fwd else anchor + timedelta(days=fwd)


def season_of(d: date) -> tuple[int, int]:
    """(season year, index in SEASON_ORDER); January and February belong to last year's winter."""
    m = d.month
    if m in (3, 4, 5):
        return d.year, 0
    if m in (6, 7, 8):
        return d.year, 1
    if m in (9, 10, 11):
        return d.year, 2
    return (d.year if m == 12 else d.year - 1), 3


def this_season_year(code: str, anchor: date, direction: str | None = None) -> int:
    """Year of "this <season>": the season of the anchor's calendar year ("this summer" said in
    February is the coming summer). Winter is written with the year it starts in (TIMEX3: Dec 2025 -
    Feb 2026 is 2025-WI): in January and February "this winter" is the one under way, that started
    the year before; in March to May a past clause means the winter just over; otherwise the winter
    that starts in December."""
    y, m = anchor.year, anchor.month
    if code != "WI":
        return y
    if m <= 2:
        return y - 1
    if m <= 5 and direction == "past":
        return y - 1
    return y


def pick_season_year(code: str, anchor: date, rel: str | None, direction: str | None = None) -> int:
    """Year of a season named with this/last/next: last = the latest one over before the current
    season; next = the one after "this <season>"."""
    cy, ci = season_of(anchor)
    idx = SEASON_ORDER.index(code)
    if rel == "this":
        return this_season_year(code, anchor, direction)
    if rel in ("last", "past"):
        return cy if idx < ci else cy - 1
    if rel in ("next", "future"):
        return this_season_year(code, anchor, direction) + 1
    return cy


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def last_day(value: str) -> date | None:
    """Last calendar day of a YYYY / YYYY-MM / YYYY-MM-DD / YYYY-Www / YYYY-Qn value."""
    try:
        if len(value) == 4 and value.isdigit():
            return date(int(value), 12, 31)
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            y, m = int(value[:4]), int(value[5:])
            return date(y, m, calendar.monthrange(y, m)[1])
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value)
        if len(value) == 8 and value[5] == "W":
            return date.fromisocalendar(int(value[:4]), int(value[6:]), 7)
        if len(value) == 7 and value[5] == "Q":
            q = int(value[6])
            y = int(value[:4])
            return date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
    except ValueError:
        return None
    return None


def previous_period(value: str) -> str | None:
    """The period just before a YYYY / YYYY-MM / YYYY-MM-DD value ("before 2026" -> 2025)."""
    try:
        if len(value) == 4 and value.isdigit():
            return f"{int(value) - 1:04d}"
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            y, m = shift_month(int(value[:4]), int(value[5:]), -1)
            return month_str(y, m)
        if len(value) == 10:
            return (date.fromisoformat(value) - timedelta(days=1)).isoformat()
    except ValueError:
        return None
    return None
