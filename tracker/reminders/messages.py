"""Reminder text: an item's title, date, place, actors, status, evidence and source, and id;
digests and agendas list their items soonest first."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

from ..models import TrackedItem
from .channels.base import Message
from .policy import ReminderPolicy
from .schema import KIND_AGENDA, KIND_DIGEST
from .store import Reminder


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _lead_words(label: str | None) -> str:
    if not label:
        return ""
    n, unit = label[:-1], label[-1]
    words = {"s": "second", "m": "minute", "h": "hour", "d": "day", "w": "week"}[unit]
    return f"in {n} {words}{'' if n == '1' else 's'}"


def _item_lines(item: TrackedItem) -> list[str]:
    lines = [
        f"When: {item.when or 'undated'}",
        f"Where: {item.location or '-'}",
        f"Who: {', '.join(item.actors) or '-'}",
        f"Status: {item.status}",
    ]
    if item.evidence:
        ev = item.evidence[-1]  # the latest report
        source = ev.url or ev.document
        published = f", {ev.published.isoformat()}" if ev.published else ""
        lines.append(f"Evidence: \u201c{_one_line(ev.sentence)}\u201d")
        lines.append(f"Source: {source}{published}")
    else:
        lines.append("Evidence: - (added by hand)")
    lines.append(f"Item: {item.id}")
    return lines


def _item_data(item: TrackedItem) -> dict[str, Any]:
    return {
        "item_id": item.id,
        "item_uid": item.uid,
        "item_title": item.title,
        "item_when": item.when or "",
        "item_status": item.status,
    }


def item_message(reminder: Reminder, item: TrackedItem, zone: tzinfo) -> Message:
    """The message for a reminder before an item's date."""
    lead = _lead_words(reminder.lead_time)
    kind = "Event" if item.kind == "event" else "Commitment"
    title = f"{kind} {lead}: {_one_line(item.title)}" if lead else f"{kind}: {_one_line(item.title)}"
    body = "\n".join([_one_line(item.title), *_item_lines(item), f"Reminder: {reminder.key}"])
    data = {**_item_data(item), "kind": reminder.kind, "due": reminder.due.isoformat()}
    return Message(key=reminder.key, title=title, body=body, data=data)


def list_message(reminder: Reminder, found: Sequence[TrackedItem], policy: ReminderPolicy) -> Message:
    """A daily digest (missed and overdue commitments) or weekly agenda, soonest first."""
    day = reminder.due.astimezone(policy.zone).date()
    if reminder.kind == KIND_DIGEST:
        title = f"Daily digest {day.isoformat()}: {len(found)} missed or overdue commitment(s)"
    else:
        assert reminder.kind == KIND_AGENDA
        title = f"Weekly agenda from {day.isoformat()}: {len(found)} item(s)"
    blocks = []
    for n, item in enumerate(found, 1):
        blocks.append("\n".join([f"{n}. {_one_line(item.title)}", *(f"   {line}" for line in _item_lines(item))]))
    body = "\n\n".join([title, *blocks, f"Reminder: {reminder.key}"])
    data = {"kind": reminder.kind, "due": reminder.due.isoformat(), "items": ",".join(i.id for i in found)}
    return Message(key=reminder.key, title=title, body=body, data=data)


def digest_now(reminder: Reminder) -> datetime:
    """The moment a digest describes: its due time (so a late digest says what it would have said)."""
    return reminder.due
