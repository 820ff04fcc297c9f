"""Configuration: spec, TOML loading, precedence flag > env > file > default, named errors."""
from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from tracker.config import SETTINGS, Config, describe, load_config, parse_duration
from tracker.errors import ConfigError


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_setting_is_a_config_field_with_help() -> None:
    fields = set(Config.__dataclass_fields__)
    for s in SETTINGS:
        assert s.attr in fields and s.help and s.env and s.env.startswith("TRACKER_")
        assert getattr(Config(), s.attr) == s.default


def test_defaults() -> None:
    cfg = load_config()
    assert cfg.db is None and cfg.timezone is None and cfg.max_bytes == 10 * 1024 * 1024
    assert cfg.reminders_before == (timedelta(days=7), timedelta(days=1)) and cfg.reminders_time == time(9, 0)
    assert cfg.notify_urls == () and cfg.feeds == {} and cfg.path is None
    assert set(cfg.sources.values()) == {"default"}


def test_file_values(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
db = "postgresql+psycopg://postgres@127.0.0.1/tracker"
timezone = "Europe/Berlin"
max_bytes = 2048

[reminders]
before = ["1w", "2h"]
time = "08:30"

[notify]
urls = ["mailto:me@example.org", "https://ntfy.sh/my-topic"]

[feeds.nato]
status = ["open", "missed"]
kind = "event"
actor = "NATO"

[feeds.everything]
status = "all"
from = 2025-01-01
""",
    )
    cfg = load_config(path)
    assert cfg.db == "postgresql+psycopg://postgres@127.0.0.1/tracker"
    assert cfg.zone().key == "Europe/Berlin"  # type: ignore[attr-defined]
    assert cfg.max_bytes == 2048
    assert cfg.reminders_before == (timedelta(weeks=1), timedelta(hours=2))
    assert cfg.reminders_time == time(8, 30)
    assert cfg.notify_urls == ("mailto:me@example.org", "https://ntfy.sh/my-topic")
    assert cfg.feeds["nato"].query() == {
        "status": ("open", "missed"), "kind": "event", "actor": "NATO", "search": None, "since": None, "until": None
    }
    assert cfg.feeds["everything"].status is None and cfg.feeds["everything"].since == date(2025, 1, 1)
    assert cfg.sources["db"] == str(path) and cfg.path == str(path)
    names = [r["name"] for r in describe(cfg)]
    assert names[-2:] == ["feeds.everything", "feeds.nato"]


def test_precedence_flag_env_file_default(tmp_path: Path) -> None:
    path = write(tmp_path, 'db = "file.db"\nmax_bytes = 100\n')
    env = {"TRACKER_DB": "env.db", "TRACKER_REMINDERS_BEFORE": "15m, 1d", "TRACKER_NOTIFY_URLS": ""}
    cfg = load_config(path, env=env, overrides={"db": "flag.db", "max_bytes": None})
    assert cfg.db == "flag.db" and cfg.sources["db"] == "flag"
    assert cfg.max_bytes == 100 and cfg.sources["max_bytes"] == str(path)
    assert cfg.reminders_before == (timedelta(minutes=15), timedelta(days=1))
    assert cfg.sources["reminders.before"] == "env TRACKER_REMINDERS_BEFORE"
    assert cfg.notify_urls == () and cfg.sources["notify.urls"] == "default"  # empty env is unset
    assert load_config(path, env=env).db == "env.db"
    assert load_config(path).db == "file.db"


def test_default_file_in_the_user_config_dir(tmp_path: Path) -> None:
    (tmp_path / "xdg" / "tracker").mkdir(parents=True)
    (tmp_path / "xdg" / "tracker" / "config.toml").write_text('timezone = "UTC"\n')
    assert load_config().timezone == "UTC"


@pytest.mark.parametrize(
    "text,message",
    [
        ('colour = "blue"\n', "unknown setting 'colour'"),
        ("[reminders]\nbefor = []\n", "unknown setting 'reminders.befor'"),
        ('timezone = "Mars/Olympus"\n', "invalid value 'Mars/Olympus' for timezone: expected an IANA time zone"),
        ("max_bytes = -5\n", "invalid value -5 for max_bytes: expected a positive integer"),
        ('max_bytes = "big"\n', "invalid value 'big' for max_bytes"),
        ('[reminders]\nbefore = ["soon"]\n', "invalid value ['soon'] for reminders.before: 'soon' is not a duration"),
        ('[reminders]\ntime = "25:99"\n', "for reminders.time: expected a time of day HH:MM"),
        ('[notify]\nurls = ["not a url"]\n', "for notify.urls: 'not a url' is not a URL"),
        ("db = 5\n", "invalid value 5 for db: expected a string"),
        ("db = \n", "not valid TOML"),
        ('[feeds.x]\ncolour = "red"\n', "unknown key feeds.x.colour"),
        ('[feeds.x]\nstatus = ["late"]\n', "feeds.x: unknown status 'late'"),
        ('[feeds.x]\nkind = "party"\n', "feeds.x: unknown kind 'party'"),
        ('[feeds.x]\nfrom = "June"\n', "feeds.x: Invalid isoformat string"),
        ('feeds = "all"\n', "'feeds' must be a table"),
        ('[calendar]\nrefresh = "99999999999w"\n', "for calendar.refresh: '99999999999w' is too long a duration"),
        ('[calendar]\nalarms = ["9999999999d"]\n', "for calendar.alarms: '9999999999d' is too long a duration"),
        ("[serve]\nport = 99999\n", "invalid value 99999 for serve.port: expected a port number from 0 to 65535"),
    ],
)
def test_bad_keys_and_values_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value)
    assert str(info.value).startswith(str(path)) or "TOML" in str(info.value)
    assert "\n" not in str(info.value)


def test_bad_env_value_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="environment variable TRACKER_MAX_BYTES: invalid value 'lots'"):
        load_config(env={"TRACKER_MAX_BYTES": "lots"})


def test_missing_explicit_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file .*nope.toml does not exist"):
        load_config(tmp_path / "nope.toml")


def test_parse_duration() -> None:
    assert parse_duration("2h") == timedelta(hours=2)
    with pytest.raises(ValueError):
        parse_duration("2 days")
    with pytest.raises(ValueError, match="too long"):  # not an OverflowError (an internal error)
        parse_duration("99999999999d")


def test_durations_render_in_their_largest_whole_unit() -> None:
    from tracker.config import render_value

    assert [render_value(timedelta(seconds=n)) for n in (0, 45, 120, 7200, 86400 * 3, 86400 * 14)] == [
        "0s", "45s", "2m", "2h", "3d", "2w"]  # zero is "0s", not "0w"
    for text in ("0s", "90m", "36h", "10d", "2w"):
        assert render_value(parse_duration(text)) == text
