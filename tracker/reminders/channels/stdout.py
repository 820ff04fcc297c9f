"""The plain stdout channel: each reminder printed as a block of text (for cron mail and tests)."""
from __future__ import annotations

import sys
import threading
from typing import TextIO

from .base import Channel, ChannelError, Message

STDOUT_URL = "stdout://"


class StdoutChannel(Channel):
    """Writes messages to a stream (standard output by default), one block per message."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(STDOUT_URL)
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, message: Message) -> None:
        stream = self._stream or sys.stdout
        text = f"== {message.title}\n{message.body.rstrip()}\n\n"
        try:
            with self._lock:
                stream.write(text)
                stream.flush()
        except (OSError, ValueError) as exc:
            raise ChannelError(f"cannot write to standard output: {exc}") from None
