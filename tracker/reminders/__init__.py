"""Reminders that fire (issue 6): policy, reminder rows in the store, the dispatcher, channels.

Imports are lazy: the store imports `tracker.reminders.schema` for its tables, and that must
not load APScheduler or apprise.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "ReminderPolicy": "policy",
    "parse_remind_spec": "policy",
    "Reminder": "store",
    "list_reminders": "store",
    "set_item_remind": "store",
    "sync_reminders": "store",
    "Dispatcher": "dispatcher",
    "PassReport": "dispatcher",
    "dispatcher_from_config": "dispatcher",
    "pinned_clock": "dispatcher",
    "start_dispatcher": "dispatcher",
    "make_channels": "channels",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
