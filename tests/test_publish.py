"""`tracker publish`: the committed calendars/ is what seeds/ gives; CLI output, named feeds, reruns."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner
from icscheck import ics_check

from tracker.cli import cli

ROOT = Path(__file__).resolve().parents[1]
CALENDARS = ROOT / "calendars"
FEEDS = ["all.ics", "commitments.ics", "events.ics", "tasks.ics"]
# How calendars/ is made (README "Feeds"); the clock is pinned so DTSTAMPs are reproducible.
GOLDEN_NOW = "2025-05-01T12:00:00+00:00"


def _run(*args: str) -> object:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def seeded(isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A store made by `tracker ingest seeds/` from the repository root, as for calendars/."""
    monkeypatch.chdir(ROOT)  # evidence names documents by the path given: seeds/...
    monkeypatch.setenv("TRACKER_NOW", GOLDEN_NOW)
    db = str(isolated_env / "seeds.db")
    _run("--db", db, "ingest", "seeds/")
    return db


def test_calendars_dir_is_what_seeds_publish(seeded: str, tmp_path: Path, update_golden: bool) -> None:
    out = tmp_path / "out"
    _run("--db", seeded, "publish", "--out", str(out))
    assert sorted(p.name for p in out.iterdir()) == FEEDS
    if update_golden:
        CALENDARS.mkdir(exist_ok=True)
        for name in FEEDS:
            shutil.copyfile(out / name, CALENDARS / name)
    for name in FEEDS:
        assert (out / name).read_bytes() == (CALENDARS / name).read_bytes(), (
            f"calendars/{name} differs from what seeds/ publishes now; if the change is intended, "
            "run: .venv/bin/python -m pytest tests/test_publish.py --update-golden"
        )


def test_seed_calendar_has_the_turkpa_session() -> None:
    cal = icalendar.Calendar.from_ical((CALENDARS / "events.ics").read_bytes())
    sessions = [e for e in cal.walk("VEVENT") if "TurkPA" in str(e["SUMMARY"])]
    assert sessions, "the seed's TurkPA session is missing from calendars/events.ics"
    assert (sessions[0]["DTSTART"].dt.isoformat(), sessions[0]["DTEND"].dt.isoformat()) == ("2025-06-11", "2025-06-13")
    assert str(sessions[0]["LOCATION"]) == "Astana"


@pytest.mark.shared
def test_calendars_dir_passes_ics_check() -> None:
    ics_check(*(CALENDARS / name for name in FEEDS))


def test_publish_json_and_rerun(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "cal"
    first = json.loads(_run("--db", seeded, "publish", "--out", str(out), "--json").stdout)
    assert [r["feed"] for r in first] == ["all", "events", "commitments", "tasks"]
    assert all(r["written"] for r in first) and all(r["components"] > 0 for r in first)
    second = json.loads(_run("--db", seeded, "publish", "--out", str(out), "--json").stdout)
    assert not any(r["written"] for r in second)
    assert {r["feed"]: r["bytes"] for r in first} == {p.stem: p.stat().st_size for p in out.iterdir()}


def test_publish_named_feeds_from_config(seeded: str, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[feeds.turkpa]\nsearch = "TurkPA"\nkind = "event"\n\n[feeds.nothing]\nactor = "Nobody"\n',
                      encoding="utf-8")
    out = tmp_path / "cal"
    rows = json.loads(_run("--db", seeded, "--config", str(config), "publish", "--out", str(out), "--json").stdout)
    counts = {r["feed"]: r["components"] for r in rows}
    assert counts["turkpa"] == 1 and counts["nothing"] == 0
    cal = icalendar.Calendar.from_ical((out / "turkpa.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["TurkPA session"]
    assert str(cal["X-WR-CALNAME"]) == "tracker: turkpa"


def test_publish_rejects_a_named_feed_shadowing_a_builtin(seeded: str, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[feeds.all]\nkind = "event"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", seeded, "--config", str(config), "publish", "--out", str(tmp_path / "x")])
    assert result.exit_code == 5
    assert result.stderr == "Error: feeds.all: the name is already used by a built-in feed\n"


def test_publish_window_from_config(seeded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CALENDAR_WINDOW_PAST", "1d")
    monkeypatch.setenv("TRACKER_NOW", "2026-01-01T00:00:00+00:00")
    rows = json.loads(_run("--db", seeded, "publish", "--out", str(tmp_path / "w"), "--json").stdout)
    counts = {r["feed"]: r["components"] for r in rows}
    assert counts["events"] == 0  # June 2025 is outside a one-day window in 2026
    assert counts["tasks"] >= 1  # undated tasks stay


@pytest.mark.shared
def test_republish_after_a_date_change_and_a_cancellation(seeded: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Two publishes around real store changes: no UID churn, SEQUENCE raised (ics_check --previous)."""
    old, new = tmp_path / "old", tmp_path / "new"
    _run("--db", seeded, "publish", "--out", str(old))
    items = json.loads(_run("--db", seeded, "list", "--status", "all", "--json").stdout)
    session = next(i for i in items if i["kind"] == "event" and "TurkPA" in i["title"])
    promise = next(i for i in items if i["kind"] == "commitment" and i["when"])
    monkeypatch.setenv("TRACKER_NOW", "2025-05-10T08:00:00+00:00")
    _run("--db", seeded, "edit", session["id"], "--when", "2025-06-12/2025-06-13", "--note", "moved")
    _run("--db", seeded, "cancel", promise["id"], "--note", "called off")
    _run("--db", seeded, "publish", "--out", str(new))
    for name in FEEDS:
        ics_check(new / name, previous=old / name)
    before = {str(e["UID"]): e for e in icalendar.Calendar.from_ical((old / "all.ics").read_bytes()).walk("VEVENT")}
    after = {str(e["UID"]): e for e in icalendar.Calendar.from_ical((new / "all.ics").read_bytes()).walk("VEVENT")}
    assert set(before) == set(after)
    moved, cancelled = after[session["uid"]], after[promise["uid"]]
    assert moved["DTSTART"].dt.isoformat() == "2025-06-12" and moved["SEQUENCE"] > before[session["uid"]]["SEQUENCE"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled["SEQUENCE"] > before[promise["uid"]]["SEQUENCE"]
    assert moved["DTSTAMP"].dt.isoformat() == "2025-05-10T08:00:00+00:00"
