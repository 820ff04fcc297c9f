"""What every notification channel provides: a stable key, a printable label and `send`.

A channel raises ChannelError when a delivery fails; the dispatcher retries and records it.
"""
from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any


class ChannelError(Exception):
    """One delivery failed; the message says why (recorded as the reminder's last error)."""


@dataclass(frozen=True, slots=True)
class Message:
    """One notification: what people read (title, body) and what programs read (data).

    `key` is the reminder's idempotency key: channels pass it on (mail header, webhook header
    and JSON field) so a receiver can drop a duplicate.
    """

    key: str
    title: str
    body: str
    data: dict[str, Any] = field(default_factory=dict)


def channel_key(url: str) -> str:
    """The key reminder rows name their channel by: a hash, so secrets in URLs stay out of the store."""
    return hashlib.sha256(url.encode()).hexdigest()[:32]


class Channel(ABC):
    """A destination for reminders. Implementations must be safe to call from several threads."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.key = channel_key(url)

    @property
    def label(self) -> str:
        """The URL without passwords or tokens, for listings."""
        return self.url

    @abstractmethod
    def send(self, message: Message) -> None:
        """Deliver one message. Raises ChannelError on failure."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release resources (connections); the default has none."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.label!r})"
