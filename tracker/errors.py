"""The one exception hierarchy of tracker, with the CLI exit code of each class.

TrackerError (exit 1)
 +-- InputError (ValueError, exit 3)       bad article: empty, binary, mis-encoded, too big, no date
 +-- NotFoundError (KeyError, exit 4)      unknown item id, missing file
 +-- ConfigError (ValueError, exit 5)      bad config key or value
 +-- StoreError (exit 6)                   store unreachable, schema outdated or newer
"""
from __future__ import annotations


class TrackerError(Exception):
    """Base of every error tracker reports to users as one line."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        # One line, always: article text can carry CR/LF.
        return " ".join(self.message.split())


class InputError(TrackerError, ValueError):
    """An input file or value cannot be used (empty, binary, mis-encoded, too big, malformed)."""

    exit_code = 3

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


class NotFoundError(TrackerError, KeyError):
    """Something named by the user does not exist."""

    exit_code = 4

    def __str__(self) -> str:  # KeyError would repr() the message
        return TrackerError.__str__(self)


class ConfigError(TrackerError, ValueError):
    """A configuration key or value is invalid."""

    exit_code = 5


class StoreError(TrackerError):
    """The store cannot be opened or has an unsupported schema version."""

    exit_code = 6
