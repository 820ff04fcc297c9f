"""Notification channels: apprise URLs and the plain stdout channel, made from URL strings."""
from __future__ import annotations

from collections.abc import Iterable

from .base import Channel, ChannelError, Message, channel_key
from .stdout import STDOUT_URL, StdoutChannel

__all__ = ["STDOUT_URL", "Channel", "ChannelError", "Message", "StdoutChannel", "channel_key", "make_channel", "make_channels"]


def make_channel(url: str) -> Channel:
    """A channel for a URL: "stdout://" (or "stdout") prints; anything else goes through apprise.

    Raises:
        ConfigError: apprise does not recognise the URL.
    """
    if url.strip().lower() in ("stdout", STDOUT_URL):
        return StdoutChannel()
    from .apprise import AppriseChannel  # apprise loads 100+ plugins: only when a URL needs it

    return AppriseChannel(url.strip())


def make_channels(urls: Iterable[str]) -> list[Channel]:
    """Channels for the URLs (duplicates dropped); the stdout channel when none is given."""
    unique = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
    return [make_channel(u) for u in unique] or [StdoutChannel()]
