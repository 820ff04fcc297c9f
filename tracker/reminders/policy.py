"""Reminder policy: which reminders an item, a day and a week get, and when they fall due (UTC).

Pure functions of the item's `when`, the policy and a `now` passed in; nothing here reads the
clock or the store.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING

from ..config import parse_duration, render_value
from ..errors import InputError
from ..when import parse_when

if TYPE_CHECKING:
    from ..config import Config

DEFAULT_BEFORE = (timedelta(days=7), timedelta(days=1))
# Dates vaguer than a week ("in June", "in 2026") get no reminders of their own: "7 days before
# June" means nothing. The daily digest and the weekly agenda still list them. Deadlines
# ("by June") are exact: their last day is the date.
_REMINDABLE = ("day", "minute", "week")


@dataclass(frozen=True, slots=True)
class ReminderPolicy:
    """What to remind and when; built from the configuration by `from_config`.

    Attributes:
        before: lead times before an event's start or a commitment's date or deadline.
        time_of_day: the local time used for dates without a time, and for digests.
        zone: the user's time zone.
        digest: send a daily digest of missed and overdue commitments.
        agenda: send a weekly agenda on Mondays.
        grace: how late a missed reminder may still be sent; after that it is skipped.
        attempts: delivery attempts before a reminder is `failed`.
        retry: wait before the first retry, doubled for each further one.
    """

    before: tuple[timedelta, ...] = DEFAULT_BEFORE
    time_of_day: time = time(9, 0)
    zone: tzinfo = timezone.utc
    digest: bool = True
    agenda: bool = True
    grace: timedelta = timedelta(hours=24)
    attempts: int = 3
    retry: timedelta = timedelta(seconds=30)

    @classmethod
    def from_config(cls, config: Config) -> ReminderPolicy:
        return cls(
            before=tuple(config.reminders_before),
            time_of_day=config.reminders_time,
            zone=config.zone(),
            digest=config.reminders_digest,
            agenda=config.reminders_agenda,
            grace=config.reminders_grace,
            attempts=config.reminders_attempts,
            retry=config.reminders_retry,
        )

    def signature(self, channel_keys: Iterable[str]) -> str:
        """A digest of everything that decides which reminder rows exist: when it changes,
        every item's reminders are recomputed."""
        zone = getattr(self.zone, "key", None) or str(self.zone)
        parts = [
            ",".join(lead_label(b) for b in self.before),
            self.time_of_day.isoformat(),
            zone,
            str(self.digest),
            str(self.agenda),
            ",".join(sorted(channel_keys)),
        ]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]

    def backoff(self, attempts: int) -> timedelta:
        """The wait after the `attempts`-th failed attempt."""
        return timedelta(seconds=self.retry.total_seconds() * 2 ** max(0, attempts - 1))


def lead_label(lead: timedelta) -> str:
    """7 days -> "7d", 90 minutes -> "90m"."""
    return render_value(lead)


def parse_remind_spec(text: str) -> tuple[timedelta, ...] | None:
    """A `--remind` value: "7d,1d" or "2h 15m" (lead times), "none" (no reminders) or
    "default" (follow the configuration, returned as None).

    Raises:
        InputError: a value that is none of these.
    """
    raw = text.strip().lower()
    if raw in ("default", ""):
        return None
    if raw in ("none", "off", "never"):
        return ()
    try:
        leads = tuple(parse_duration(p) for p in raw.replace(",", " ").split())
    except ValueError as exc:
        raise InputError(f"invalid --remind {text!r}: {exc}; or give 'none' or 'default'") from None
    return tuple(sorted(set(leads), reverse=True))


def render_remind_spec(leads: Sequence[timedelta] | None) -> str | None:
    if leads is None:
        return None
    return ",".join(lead_label(b) for b in leads) if leads else "none"


def item_anchor(when: str | None, policy: ReminderPolicy) -> datetime | None:
    """The moment an item's reminders count back from (aware, user's zone), or None.

    Events and dated commitments: the start of their date (its time if given, else
    `time_of_day`); deadlines "../B": B's last day.
    """
    if when is None:
        return None
    span = parse_when(when)
    if span.deadline:
        point, day = span.end, span.end.last
    else:
        point = span.start if span.start is not None else span.end
        if point.precision not in _REMINDABLE:
            return None
        day = point.first
    if point.precision == "minute" and point.time is not None:
        t = point.time
        return t if t.tzinfo is not None else t.replace(tzinfo=policy.zone)
    return datetime.combine(day, policy.time_of_day, tzinfo=policy.zone)


def item_due_times(when: str | None, leads: Sequence[timedelta], policy: ReminderPolicy) -> list[tuple[str, datetime]]:
    """(lead label, due time in UTC) for each lead time, earliest first."""
    anchor = item_anchor(when, policy)
    if anchor is None:
        return []
    # Aware arithmetic on one zone is wall-clock arithmetic: "1d before 09:00" stays 09:00
    # across a daylight-saving change.
    out = []
    for lead in leads:
        try:
            out.append((lead_label(lead), (anchor - lead).astimezone(timezone.utc)))
        except OverflowError:  # before year 1 (a huge lead, a date at the edge of time): no such moment
            continue
    return sorted(out, key=lambda x: x[1])


def local_day_at(day: date, policy: ReminderPolicy) -> datetime:
    """`day` at `time_of_day` in the user's zone, as UTC."""
    return datetime.combine(day, policy.time_of_day, tzinfo=policy.zone).astimezone(timezone.utc)


def digest_days(now: datetime, policy: ReminderPolicy) -> list[date]:
    """The local days whose daily digest may be due around `now` (yesterday to tomorrow)."""
    today = now.astimezone(policy.zone).date()
    return _days(today, (-1, 0, 1))


def agenda_days(now: datetime, policy: ReminderPolicy) -> list[date]:
    """This week's and next week's Mondays (local)."""
    today = now.astimezone(policy.zone).date()
    return _days(today, (-today.weekday(), 7 - today.weekday()))


def _days(day: date, offsets: Sequence[int]) -> list[date]:
    """`day` moved by each offset, leaving out the days before year 1 or after 9999."""
    out = []
    for d in offsets:
        try:
            out.append(day + timedelta(days=d))
        except OverflowError:
            continue
    return out
