"""Channels through apprise URLs: mail (mailto://), webhooks (json://), ntfy, Matrix, Slack and 100+.

The reminder's idempotency key travels with each message: an `X-Tracker-Reminder` mail header,
an `Idempotency-Key` HTTP header and `reminder_key` field for json:// webhooks.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import apprise

from ...errors import ConfigError
from .base import Channel, ChannelError, Message

_MAIL_SCHEMES = ("mailto", "mailtos")
_JSON_SCHEMES = ("json", "jsons")
_capture = threading.local()


class _ThreadCapture(logging.Handler):
    """Collects apprise's log records per thread: apprise reports why a send failed only in
    its log, and several channels send at once from the dispatcher's worker threads."""

    def emit(self, record: logging.LogRecord) -> None:
        sink = getattr(_capture, "records", None)
        if sink is not None and record.levelno >= logging.WARNING:
            sink.append(record.getMessage())


_handler = _ThreadCapture()
_logger = logging.getLogger("apprise")
if not any(isinstance(h, _ThreadCapture) for h in _logger.handlers):
    _logger.addHandler(_handler)
    _logger.propagate = False  # failures are recorded on the reminder, not printed


@contextmanager
def _captured() -> Iterator[list[str]]:
    records: list[str] = []
    _capture.records = records
    try:
        yield records
    finally:
        _capture.records = None


class AppriseChannel(Channel):
    """One apprise URL.

    Raises:
        ConfigError: apprise does not recognise the URL.
    """

    def __init__(self, url: str) -> None:
        super().__init__(url)
        plugin = apprise.Apprise.instantiate(url, suppress_exceptions=True)
        if plugin is None:
            raise ConfigError(
                f"cannot use the notification URL {url.split('://')[0]}://…: apprise does not recognise it "
                "(see the apprise wiki for URL forms, e.g. mailto://user:pass@host, json://host/path)"
            )
        # apprise spells out every default option in the query: the label keeps scheme, user,
        # host and path (the secrets masked), enough to tell channels apart in a listing.
        self._label = str(plugin.url(privacy=True)).split("?", 1)[0]  # type: ignore[no-untyped-call]
        self._scheme = url.split("://", 1)[0].lower()

    @property
    def label(self) -> str:
        return self._label

    def _url_for(self, message: Message) -> str:
        key = quote(message.key, safe="")
        extras: list[str] = []
        if self._scheme in _MAIL_SCHEMES:
            extras.append(f"+X-Tracker-Reminder={key}")
        elif self._scheme in _JSON_SCHEMES:
            extras.append(f"+Idempotency-Key={key}")
            extras.append(f":reminder_key={key}")
            for name, value in message.data.items():
                if isinstance(value, str) and name != "reminder_key":
                    extras.append(f":{quote(name, safe='')}={quote(value, safe='')}")
        if not extras:
            return self.url
        return self.url + ("&" if "?" in self.url else "?") + "&".join(extras)

    def send(self, message: Message) -> None:
        # A fresh plugin per message: its headers carry this message's key, plugins keep
        # per-object state that threads must not share, and a reused one throttles itself
        # (apprise's default is 5.5 s between two sends of one mail plugin object).
        plugin: Any = apprise.Apprise.instantiate(self._url_for(message), suppress_exceptions=True)
        if plugin is None:  # pragma: no cover - the URL was checked in __init__
            raise ChannelError(f"apprise cannot use {self.label}")
        with _captured() as logs:
            try:
                ok = plugin.notify(body=message.body, title=message.title)
            except Exception as exc:  # apprise plugins raise rarely, but a bug there must not kill a worker
                raise ChannelError(f"{self.label}: {type(exc).__name__}: {exc}") from None
        if not ok:
            reason = " / ".join(dict.fromkeys(" ".join(m.split()) for m in logs)) or "apprise reported a failure"
            raise ChannelError(f"{self.label}: {reason}")
