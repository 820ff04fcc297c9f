"""Settings: one spec (name, default, environment variable, help) loaded from a TOML file.

Precedence: command-line flag > environment > file > default. Every bad key or value raises
ConfigError naming the key, the value and where it came from. Library code never reads this:
the CLI loads a `Config` and passes plain values on.
"""
from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .documents import DEFAULT_MAX_BYTES
from .errors import ConfigError
from .models import KINDS, Status

APP_NAME = "tracker"
CONFIG_FILENAME = "config.toml"
CONFIG_ENV = "TRACKER_CONFIG"
_STATUSES = tuple(s.value for s in Status)
_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_DURATION_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def _str_or_none(value: Any) -> str | None:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value.strip() or None


def _positive_int(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError("expected a positive integer")
    return value


def _port(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 65535:
        raise ValueError("expected a port number from 0 to 65535")
    return value


def _timezone(value: Any) -> str | None:
    name = _str_or_none(value)
    if name is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("expected an IANA time zone such as Europe/Berlin") from None
    return name


def _list(value: Any) -> list[str]:
    # Lists come as TOML arrays, or from the environment as comma- or space-separated text.
    if isinstance(value, str):
        return [v for v in re.split(r"[,\s]+", value) if v]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise ValueError("expected a list of strings")


def parse_duration(text: str) -> timedelta:
    """'15m', '2h', '1d', '1w' -> timedelta."""
    m = _DURATION.match(text)
    if not m:
        raise ValueError(f"{text!r} is not a duration like 15m, 2h, 1d or 1w")
    try:
        return timedelta(**{_DURATION_UNITS[m[2]]: int(m[1])})
    except OverflowError:  # beyond timedelta's range (~2.7 million years)
        raise ValueError(f"{text!r} is too long a duration") from None


def _durations(value: Any) -> tuple[timedelta, ...]:
    return tuple(parse_duration(v) for v in _list(value))


def _duration(value: Any) -> timedelta:
    if isinstance(value, timedelta):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a duration such as 30s, 15m, 2h or 1d")
    return parse_duration(value)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on", "0", "false", "no", "off"):
        return value.strip().lower() in ("1", "true", "yes", "on")
    raise ValueError("expected true or false")


def _time_of_day(value: Any) -> time:
    if isinstance(value, time):
        return value
    try:
        return time.fromisoformat(_str_or_none(value) or "")
    except ValueError:
        raise ValueError("expected a time of day HH:MM") from None


def _urls(value: Any) -> tuple[str, ...]:
    urls = _list(value)
    for u in urls:
        if u in ("stdout", "stdout://"):  # the plain stdout channel of the reminders (issue 6)
            continue
        parts = urlsplit(u)
        if not parts.scheme or not (parts.netloc or parts.path):
            raise ValueError(f"{u!r} is not a URL (e.g. mailto:me@example.org, https://ntfy.sh/topic)")
    return tuple(urls)


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: its dotted TOML name, default, environment variable, help and parser."""

    name: str
    default: Any
    env: str | None
    help: str
    parse: Callable[[Any], Any]

    @property
    def attr(self) -> str:
        return self.name.replace(".", "_")


SETTINGS: tuple[Setting, ...] = (
    Setting("db", None, "TRACKER_DB", "The store: a SQLite file path or an SQLAlchemy URL "
            "(postgresql+psycopg://user@host/db). Default: tracker.db in the user data directory.", _str_or_none),
    Setting("timezone", None, "TRACKER_TIMEZONE", "Your IANA time zone: decides what 'today' is for "
            "missed items and natural-language dates. Default: the system's zone.", _timezone),
    Setting("max_bytes", DEFAULT_MAX_BYTES, "TRACKER_MAX_BYTES", "Reject article files larger than this "
            "many bytes.", _positive_int),
    Setting("reminders.before", (timedelta(days=7), timedelta(days=1)), "TRACKER_REMINDERS_BEFORE", "When to "
            "remind before an event's start or a commitment's date or deadline: a list of durations such as "
            "15m, 2h, 1d, 1w. `tracker edit ID --remind` overrides it per item.", _durations),
    Setting("reminders.time", time(9, 0), "TRACKER_REMINDERS_TIME", "Time of day (HH:MM, your zone) "
            "used for items that have a date but no time.", _time_of_day),
    Setting("reminders.digest", True, "TRACKER_REMINDERS_DIGEST", "Send a daily digest of missed and "
            "overdue commitments at reminders.time.", _bool),
    Setting("reminders.agenda", True, "TRACKER_REMINDERS_AGENDA", "Send a weekly agenda of the coming "
            "week's items on Monday at reminders.time.", _bool),
    Setting("reminders.grace", timedelta(hours=24), "TRACKER_REMINDERS_GRACE", "A reminder missed while "
            "no dispatcher ran is sent late within this long after its due time, and skipped (listed) "
            "after it.", _duration),
    Setting("reminders.attempts", 3, "TRACKER_REMINDERS_ATTEMPTS", "Delivery attempts per reminder "
            "before it is marked failed.", _positive_int),
    Setting("reminders.retry", timedelta(seconds=30), "TRACKER_REMINDERS_RETRY", "Wait before the first "
            "retry of a failed delivery; doubled for each further attempt.", _duration),
    Setting("reminders.poll", timedelta(minutes=1), "TRACKER_REMINDERS_POLL", "How often a running "
            "dispatcher re-reads the store (item changes, reminders added by other processes).", _duration),
    Setting("notify.urls", (), "TRACKER_NOTIFY_URLS", "Where reminders go: a list of apprise URLs "
            "(mailto://, json:// webhooks, ntfy://, ...) or stdout://. Default: stdout.", _urls),
)


def _one_duration(value: Any) -> timedelta:
    if isinstance(value, timedelta):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a duration such as 15m, 2h, 1d or 1w")
    return parse_duration(value)


def _optional_duration(value: Any) -> timedelta | None:
    if isinstance(value, str) and not value.strip():
        return None
    return _one_duration(value)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
        raise ValueError("expected true or false")
    return text in ("1", "true", "yes", "on")


# Calendar feeds and the feed server (issue 5).
SETTINGS += (
    Setting("calendar.alarms", (timedelta(days=1), timedelta(weeks=1)), "TRACKER_CALENDAR_ALARMS", "VALARMs "
            "in published feeds: durations before the start or due date (1d, 1w); empty for none.", _durations),
    Setting("calendar.out", "calendars", "TRACKER_CALENDAR_OUT", "Directory `tracker publish` writes the "
            ".ics feeds to.", _str_or_none),
    Setting("calendar.name", "tracker", "TRACKER_CALENDAR_NAME", "Calendar name prefix shown by calendar apps "
            "(\"tracker: events\").", _str_or_none),
    Setting("calendar.refresh", timedelta(hours=6), "TRACKER_CALENDAR_REFRESH", "How often subscribers should re-fetch a feed "
            "(REFRESH-INTERVAL, X-PUBLISHED-TTL).", _one_duration),
    Setting("calendar.window_past", None, "TRACKER_CALENDAR_WINDOW_PAST", "Rolling window: leave out "
            "entries that ended longer ago than this (e.g. 90d). Default: keep all.", _optional_duration),
    Setting("calendar.window_future", None, "TRACKER_CALENDAR_WINDOW_FUTURE", "Rolling window: leave "
            "out entries starting later than this from now (e.g. 52w). Default: keep all.", _optional_duration),
    Setting("calendar.alarm_uids", False, "TRACKER_CALENDAR_ALARM_UIDS", "Give each VALARM an RFC 9074 UID (node-ical based "
            "clients then drop the alarms).", _flag),
    Setting("serve.host", "127.0.0.1", "TRACKER_SERVE_HOST", "Address `tracker serve` binds.", _str_or_none),
    Setting("serve.port", 8080, "TRACKER_SERVE_PORT", "Port `tracker serve` listens on.", _port),
    Setting("serve.base_url", None, "TRACKER_SERVE_BASE_URL", "Public URL of the server (https://...) for "
            "subscribe links. Default: the URL of the request.", _str_or_none),
    Setting("serve.reload", timedelta(seconds=30), "TRACKER_SERVE_RELOAD", "How often the server "
            "re-reads the store for changed items and tokens.", _one_duration),
)
_BY_NAME = {s.name: s for s in SETTINGS}
_FEED_KEYS = ("status", "kind", "actor", "search", "from", "until")


@dataclass(frozen=True, slots=True)
class FeedFilter:
    """A named feed: the `tracker list` filters that select its items."""

    name: str
    status: tuple[str, ...] | None = None
    kind: str | None = None
    actor: str | None = None
    search: str | None = None
    since: date | None = None
    until: date | None = None

    def query(self) -> dict[str, Any]:
        """Keyword arguments for `Store.items` (add `now`)."""
        return {
            "status": self.status,
            "kind": self.kind,
            "actor": self.actor,
            "search": self.search,
            "since": self.since,
            "until": self.until,
        }


@dataclass(frozen=True, slots=True)
class Config:
    """Effective settings. `sources` says where each came from: default, a file, an env var, a flag."""

    db: str | None = None
    timezone: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    reminders_before: tuple[timedelta, ...] = (timedelta(days=7), timedelta(days=1))
    reminders_time: time = time(9, 0)
    reminders_digest: bool = True
    reminders_agenda: bool = True
    reminders_grace: timedelta = timedelta(hours=24)
    reminders_attempts: int = 3
    reminders_retry: timedelta = timedelta(seconds=30)
    reminders_poll: timedelta = timedelta(minutes=1)
    notify_urls: tuple[str, ...] = ()
    calendar_alarms: tuple[timedelta, ...] = (timedelta(days=1), timedelta(weeks=1))
    calendar_out: str | None = "calendars"
    calendar_name: str | None = "tracker"
    calendar_refresh: timedelta = timedelta(hours=6)
    calendar_window_past: timedelta | None = None
    calendar_window_future: timedelta | None = None
    calendar_alarm_uids: bool = False
    serve_host: str | None = "127.0.0.1"
    serve_port: int = 8080
    serve_base_url: str | None = None
    serve_reload: timedelta = timedelta(seconds=30)
    feeds: Mapping[str, FeedFilter] = field(default_factory=dict)
    path: str | None = None  # the config file read, if any
    sources: Mapping[str, str] = field(default_factory=dict)

    def zone(self) -> tzinfo:
        """The user's time zone (the system's when not configured)."""
        if self.timezone:
            from zoneinfo import ZoneInfo

            return ZoneInfo(self.timezone)
        from datetime import datetime

        local = datetime.now().astimezone().tzinfo
        assert local is not None
        return local


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILENAME


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and name not in _BY_NAME:
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


def _parse_feeds(raw: Any, where: str) -> dict[str, FeedFilter]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: 'feeds' must be a table of named feeds, e.g. [feeds.nato]")
    feeds: dict[str, FeedFilter] = {}
    for name, spec in raw.items():
        key = f"feeds.{name}"
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name):
            raise ConfigError(f"{where}: feed name {name!r} must be letters, digits, '-' or '_'")
        if not isinstance(spec, dict):
            raise ConfigError(f"{where}: {key} must be a table of filters ({', '.join(_FEED_KEYS)})")
        unknown = sorted(set(spec) - set(_FEED_KEYS))
        if unknown:
            raise ConfigError(f"{where}: unknown key {key}.{unknown[0]} (known: {', '.join(_FEED_KEYS)})")
        try:
            status = tuple(_list(spec["status"])) if "status" in spec else None
            if status is not None and (bad := [s for s in status if s not in (*_STATUSES, "all")]):
                raise ValueError(f"unknown status {bad[0]!r}; expected {', '.join(_STATUSES)} or all")
            if status is not None and "all" in status:
                status = None
            kind = _str_or_none(spec["kind"]) if "kind" in spec else None
            if kind is not None and kind not in KINDS:
                raise ValueError(f"unknown kind {kind!r}; expected {' or '.join(KINDS)}")
            dates = {}
            for k in ("from", "until"):
                v = spec.get(k)
                if v is not None and not isinstance(v, date):
                    v = date.fromisoformat(str(v))
                dates[k] = v
            feeds[name] = FeedFilter(
                name=name,
                status=status,
                kind=kind,
                actor=_str_or_none(spec["actor"]) if "actor" in spec else None,
                search=_str_or_none(spec["search"]) if "search" in spec else None,
                since=dates["from"],
                until=dates["until"],
            )
        except ValueError as exc:
            raise ConfigError(f"{where}: {key}: {exc}") from None
    return feeds


def _read_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None


def _apply(setting: Setting, raw: Any, where: str) -> Any:
    try:
        return setting.parse(raw)
    except ValueError as exc:
        raise ConfigError(f"{where}: invalid value {raw!r} for {setting.name}: {exc}") from None


def load_config(
    path: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Config:
    """Build the effective settings.

    Parameters:
        path: the TOML file; None reads the default file in the user config directory if present.
        env: environment variables to read (e.g. os.environ); None reads none.
        overrides: values given as command-line flags, by setting name; None values are ignored.

    Raises:
        ConfigError: a missing explicit file, bad TOML, an unknown key or an invalid value.
    """
    env = env or {}
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    sources = {s.name: "default" for s in SETTINGS}
    feeds: dict[str, FeedFilter] = {}
    file_path: Path | None = Path(path).expanduser() if path else None
    if file_path is None and (default := default_config_path()).is_file():
        file_path = default
    if file_path is not None:
        where = str(file_path)
        table = _read_file(file_path)
        raw_feeds = table.pop("feeds", None)
        if raw_feeds is not None:
            feeds = _parse_feeds(raw_feeds, where)
        for name, raw in _flatten(table).items():
            setting = _BY_NAME.get(name)
            if setting is None:
                known = ", ".join([*_BY_NAME, "feeds.<name>"])
                raise ConfigError(f"{where}: unknown setting {name!r} (known: {known})")
            values[name] = _apply(setting, raw, where)
            sources[name] = where
    for s in SETTINGS:
        if s.env and env.get(s.env, "").strip():
            values[s.name] = _apply(s, env[s.env], f"environment variable {s.env}")
            sources[s.name] = f"env {s.env}"
    for name, raw in (overrides or {}).items():
        if raw is None:
            continue
        if name not in _BY_NAME:
            raise ConfigError(f"unknown setting {name!r}")
        values[name] = _apply(_BY_NAME[name], raw, "command line")
        sources[name] = "flag"
    return Config(
        **{_BY_NAME[n].attr: v for n, v in values.items()},
        feeds=feeds,
        path=str(file_path) if file_path else None,
        sources=sources,
    )


def render_value(value: Any) -> str:
    """A setting's value as shown by `tracker config` and documentation."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, timedelta):
        s = int(value.total_seconds())
        if s == 0:
            return "0s"  # not "0w": every unit divides zero
        for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
            if s % size == 0:
                return f"{s // size}{unit}"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, (tuple, list)):
        return ", ".join(render_value(v) for v in value) or "-"
    return str(value)


def describe(config: Config) -> list[dict[str, str]]:
    """One row per setting: name, value, source, env, help (for `tracker config`)."""
    rows = [
        {
            "name": s.name,
            "value": render_value(getattr(config, s.attr)),
            "source": config.sources.get(s.name, "default"),
            "env": s.env or "-",
            "help": s.help,
        }
        for s in SETTINGS
    ]
    for name, feed in sorted(config.feeds.items()):
        q = {k: v for k, v in feed.query().items() if v is not None}
        rows.append(
            {
                "name": f"feeds.{name}",
                "value": ", ".join(f"{k}={render_value(v)}" for k, v in q.items()) or "(all items)",
                "source": config.path or "-",
                "env": "-",
                "help": "a named feed",
            }
        )
    return rows


def env_snapshot(names: Sequence[str] | None = None) -> dict[str, str]:
    """The tracker variables of the process environment (for the CLI to pass to load_config)."""
    wanted = names or [s.env for s in SETTINGS if s.env]
    return {k: os.environ[k] for k in wanted if k in os.environ}
