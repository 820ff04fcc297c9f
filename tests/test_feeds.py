"""Feeds: items -> VEVENT/VTODO -> calendars, parsed back with icalendar and checked with ics_check."""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icscheck import T0, ics_check, make_item

from tracker.errors import ConfigError
from tracker.feeds import (
    BUILTIN_FEEDS,
    ComponentCache,
    FeedSettings,
    FeedSpec,
    build_feeds,
    clean_text,
    feed_specs,
    publish,
    render_item,
    zone_for,
)

SETTINGS = FeedSettings()


def _feeds(items: list, settings: FeedSettings = SETTINGS, **kw: object) -> dict[str, icalendar.Calendar]:
    return {f.name: icalendar.Calendar.from_ical(f.to_bytes()) for f in build_feeds(items, settings, **kw)}


def _only(cal: icalendar.Calendar, name: str = "VEVENT") -> icalendar.Component:
    found = cal.walk(name)
    assert len(found) == 1, found
    return found[0]


def test_day_range_is_all_day_with_exclusive_end() -> None:
    ev = _only(_feeds([make_item()])["events"])
    assert ev["DTSTART"].dt == date(2025, 6, 11)
    assert ev["DTSTART"].params["VALUE"] == "DATE"
    assert ev["DTEND"].dt == date(2025, 6, 13)  # 11-12 June: DTEND is the day after the last
    assert str(ev["SUMMARY"]) == "TurkPA session"


def test_properties_come_from_the_item_never_the_clock() -> None:
    changed = datetime(2025, 5, 2, 8, 30, tzinfo=timezone.utc)
    item = make_item(sequence=3, updated=changed)
    ev = _only(_feeds([item])["all"])
    assert str(ev["UID"]) == item.uid
    assert ev["SEQUENCE"] == 3
    assert ev["DTSTAMP"].dt == changed and ev["LAST-MODIFIED"].dt == changed
    assert ev["CREATED"].dt == T0
    assert str(ev["LOCATION"]) == "Astana"
    assert str(ev["URL"]) == "https://example.org/turkpa"
    assert str(ev["STATUS"]) == "CONFIRMED"
    assert ev["CATEGORIES"].cats == ["event", "TurkPA"]
    desc = str(ev["DESCRIPTION"])
    for part in ("Actors: TurkPA", "Status: open", f"Item: {item.id}", "slated for June 11-12",
                 "seeds/000_12d6a3618a4b866a.txt, published 2025-04-21"):
        assert part in desc
    triggers = sorted(a["TRIGGER"].dt for a in ev.walk("VALARM"))
    assert triggers == [-timedelta(days=7), -timedelta(days=1)]
    assert all(str(a["ACTION"]) == "DISPLAY" for a in ev.walk("VALARM"))
    assert sorted(str(a["DESCRIPTION"]) for a in ev.walk("VALARM")) == ["Reminder: 1 day before",
                                                                        "Reminder: 1 week before"]


def test_alarm_uids_on_request() -> None:
    ev = _only(_feeds([make_item()], FeedSettings(alarm_uids=True))["all"])
    uids = sorted(str(a["UID"]) for a in ev.walk("VALARM"))
    assert uids == [ev["UID"].replace("@", "-alarm-p1d@"), ev["UID"].replace("@", "-alarm-p7d@")]


def test_calendar_properties() -> None:
    cal = _feeds([make_item()])["events"]
    assert str(cal["METHOD"]) == "PUBLISH" and str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//tracker//tracker feeds//EN"
    assert str(cal["NAME"]) == str(cal["X-WR-CALNAME"]) == "tracker: events"
    raw = build_feeds([make_item()], SETTINGS)[1].to_bytes()
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in raw
    assert b"\r\nX-PUBLISHED-TTL:PT6H\r\n" in raw


# Partial precision: one all-day entry on the last day of the period, titled with the period.
PARTIAL = [
    ("2025-06-11", date(2025, 6, 11), date(2025, 6, 12), "X"),
    ("2025-06", date(2025, 6, 30), date(2025, 7, 1), "June 2025: X"),
    ("2025-Q3", date(2025, 9, 30), date(2025, 10, 1), "Q3 2025: X"),
    ("2025-W25", date(2025, 6, 22), date(2025, 6, 23), "week of 16 June 2025: X"),
    ("2025", date(2025, 12, 31), date(2026, 1, 1), "2025: X"),
    ("../2025", date(2025, 12, 31), date(2026, 1, 1), "by end of 2025: X"),
    ("../2025-06", date(2025, 6, 30), date(2025, 7, 1), "by end of June 2025: X"),
    ("../2025-06-30", date(2025, 6, 30), date(2025, 7, 1), "by 30 June 2025: X"),
    ("2025-06/2025-08", date(2025, 8, 31), date(2025, 9, 1), "June 2025 – August 2025: X"),
    ("2025-06-11/2025-06-12", date(2025, 6, 11), date(2025, 6, 13), "X"),
]


@pytest.mark.parametrize(("when", "start", "end", "summary"), PARTIAL, ids=[p[0] for p in PARTIAL])
def test_partial_precision(when: str, start: date, end: date, summary: str) -> None:
    item = make_item(kind="commitment", title="X", when=when)
    feeds = _feeds([item])
    ev = _only(feeds["commitments"])
    assert (ev["DTSTART"].dt, ev["DTEND"].dt, str(ev["SUMMARY"])) == (start, end, summary)
    todo = _only(feeds["tasks"], "VTODO")
    assert todo["DUE"].dt == end - timedelta(days=1)
    assert str(todo["SUMMARY"]) == summary
    assert str(ev["STATUS"]) == "TENTATIVE"


TIMED = [
    ("2025-06-11T10:00", "Astana", "UTC", "Asia/Almaty", datetime(2025, 6, 11, 10, 0)),
    ("2025-06-11T10:00", "Ankara, Türkiye", "UTC", "Europe/Istanbul", datetime(2025, 6, 11, 10, 0)),
    ("2025-06-11T10:00", None, "Europe/Berlin", "Europe/Berlin", datetime(2025, 6, 11, 10, 0)),
    ("2025-06-11T10:00", None, "UTC", None, datetime(2025, 6, 11, 10, 0, tzinfo=timezone.utc)),
    ("2025-06-11T10:00+05:00", "Astana", "UTC", "Asia/Almaty", datetime(2025, 6, 11, 10, 0)),
    # The stated offset disagrees with the place: keep the instant, in UTC.
    ("2025-06-11T10:00+02:00", "Astana", "UTC", None, datetime(2025, 6, 11, 8, 0, tzinfo=timezone.utc)),
]


@pytest.mark.parametrize(("when", "place", "default", "tzid", "local"), TIMED,
                         ids=["astana", "ankara", "configured", "utc", "offset-agrees", "offset-differs"])
def test_timed_events_are_never_floating(when: str, place: str | None, default: str, tzid: str | None,
                                         local: datetime) -> None:
    feeds = build_feeds([make_item(when=when, location=place)], FeedSettings(timezone=default))
    raw = feeds[0].to_bytes()
    ev = _only(icalendar.Calendar.from_ical(raw))
    dt = ev["DTSTART"].dt
    assert dt.tzinfo is not None
    if tzid:
        assert ev["DTSTART"].params["TZID"] == tzid
        assert dt.replace(tzinfo=None) == local
        assert f"BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n".encode() in raw
    else:
        assert dt == local and b"VTIMEZONE" not in raw and b"TZID" not in raw


def test_timed_range_has_dtend() -> None:
    ev = _only(_feeds([make_item(when="2025-06-11T10:00/2025-06-11T12:30", location="Astana")])["all"])
    assert ev["DTEND"].dt - ev["DTSTART"].dt == timedelta(hours=2, minutes=30)


def test_zone_table() -> None:
    assert zone_for("Astana, Kazakhstan", "UTC") == "Asia/Almaty"
    assert zone_for("NEW YORK", "UTC") == "America/New_York"
    assert zone_for("Atlantis", "Europe/Paris") == "Europe/Paris"
    assert zone_for(None, "UTC") == "UTC"


def test_commitments_and_tasks() -> None:
    dated = make_item(1, kind="commitment", title="Ratify the treaty", when="../2025")
    undated = make_item(2, kind="commitment", title="Strengthen ties", when=None)
    event = make_item(3)
    undated_event = make_item(4, when=None)
    feeds = _feeds([dated, undated, event, undated_event])
    uids = {name: sorted(str(c["UID"]) for c in cal.walk() if c.name in ("VEVENT", "VTODO"))
            for name, cal in feeds.items()}
    assert uids["all"] == sorted([dated.uid, event.uid])
    assert uids["events"] == [event.uid]
    assert uids["commitments"] == [dated.uid]
    assert uids["tasks"] == sorted([dated.uid.replace("@", "-task@"), undated.uid.replace("@", "-task@")])
    tasks = {str(t["SUMMARY"]): t for t in feeds["tasks"].walk("VTODO")}
    assert tasks["by end of 2025: Ratify the treaty"]["DUE"].dt == date(2025, 12, 31)
    assert "DUE" not in tasks["Strengthen ties"]
    assert tasks["Strengthen ties"]["DTSTART"].dt == date(2025, 4, 21)  # first reported
    assert all(str(t["STATUS"]) == "NEEDS-ACTION" for t in tasks.values())
    alarms = tasks["by end of 2025: Ratify the treaty"].walk("VALARM")
    assert [a["TRIGGER"].params.get("RELATED") for a in alarms] == ["END", "END"]


def test_a_date_the_calendar_cannot_hold_is_left_undated() -> None:
    # 9999-12-31 has no day after it (DTEND): the item must not break every feed of the store.
    far = make_item(1, kind="commitment", title="Far away", when="9999-12-31")
    timed = make_item(3, title="Late night", when="9999-12-31T23:30", location="Tokyo")  # a VTIMEZONE to 10000
    near = make_item(2)
    feeds = _feeds([far, timed, near])
    assert [str(c["UID"]) for c in feeds["all"].walk("VEVENT")] == [near.uid]
    todo = _only(feeds["tasks"], "VTODO")
    assert str(todo["SUMMARY"]) == "Far away" and "DUE" not in todo


def test_only_years_every_calendar_holds_are_dated() -> None:
    """1970-2099: the window all of ics_check's parsers agree on (recurring-ical-events expands
    nothing before 1970, Radicale's time-range queries end before 2100). Outside it an item is
    published undated, its date still in DESCRIPTION."""
    inside = [make_item(1, when="1970-01-01"), make_item(2, when="2099-12-31"), make_item(3, when="1970-01-01/2099-12-31")]
    outside = [make_item(4, when="1969-12-31"), make_item(5, when="2100-01-01"), make_item(6, when="2099-12-31/2100-01-01"),
               make_item(8, when="1969-12-31/1970-01-02"), make_item(7, kind="commitment", when="../2150")]
    feeds = _feeds(inside + outside)
    assert {str(c["UID"]) for c in feeds["all"].walk("VEVENT")} == {i.uid for i in inside}
    todo = _only(feeds["tasks"], "VTODO")
    assert "DUE" not in todo and "When: ../2150" in str(todo["DESCRIPTION"])


def test_a_runaway_evidence_sentence_is_quoted_in_part() -> None:
    runaway = " ".join(["word"] * 100_000)  # a page without a full stop, 500 KB
    desc = str(_only(_feeds([make_item(1, sentence=runaway)])["events"])["DESCRIPTION"])
    assert len(desc) < 2_000 and "word word …”" in desc
    normal = str(_only(_feeds([make_item(1)])["events"])["DESCRIPTION"])
    assert "“The session of the TurkPA is slated for June 11-12 in Astana.”" in normal


@pytest.mark.parametrize(("status", "event_status", "todo_status", "alarms"), [
    ("open", "TENTATIVE", "NEEDS-ACTION", 2),
    ("missed", "TENTATIVE", "NEEDS-ACTION", 2),  # rendered from the stored status: open
    ("done", "CONFIRMED", "COMPLETED", 0),
    ("cancelled", "CANCELLED", "CANCELLED", 0),
])
def test_status(status: str, event_status: str, todo_status: str, alarms: int) -> None:
    feeds = _feeds([make_item(kind="commitment", status=status)])
    ev, todo = _only(feeds["all"]), _only(feeds["tasks"], "VTODO")
    assert (str(ev["STATUS"]), str(todo["STATUS"])) == (event_status, todo_status)
    assert len(ev.walk("VALARM")) == len(todo.walk("VALARM")) == alarms
    assert ("COMPLETED" in todo) == (status == "done")


def test_same_items_same_bytes_in_any_order() -> None:
    items = [make_item(n, when=f"2025-06-{n % 28 + 1:02d}", kind=("event", "commitment")[n % 2]) for n in range(40)]
    first = [f.to_bytes() for f in build_feeds(items, SETTINGS)]
    shuffled = items[:]
    random.Random(5).shuffle(shuffled)
    assert [f.to_bytes() for f in build_feeds(shuffled, SETTINGS)] == first
    cal = icalendar.Calendar.from_ical(first[0])
    starts = [(e["DTSTART"].dt, str(e["UID"])) for e in cal.walk("VEVENT")]
    assert starts == sorted(starts)


def test_cache_renders_only_changed_items() -> None:
    items = [make_item(n, when=f"2025-07-{n + 1:02d}") for n in range(20)]
    cache = ComponentCache(SETTINGS)
    before = build_feeds(items, SETTINGS, cache=cache)
    assert (cache.rendered, cache.reused) == (20, 0)
    items[7] = replace(items[7], when="2025-08-01", sequence=1, updated=T0 + timedelta(hours=1))
    after = build_feeds(items, SETTINGS, cache=cache)
    assert (cache.rendered, cache.reused) == (1, 19)
    assert after[0].digest != before[0].digest
    assert [f.to_bytes() for f in after] == [f.to_bytes() for f in build_feeds(items, SETTINGS)]


def test_filters_and_named_feeds() -> None:
    items = [
        make_item(1, actors=("Kazakhstan", "Türkiye")),
        make_item(2, actors=("NATO",), kind="commitment", when="2025-07"),
        make_item(3, actors=("turkiye",), status="done"),
    ]
    cache = ComponentCache(SETTINGS)
    rendered = cache.render(items)
    from tracker.feeds import build_feed

    spec = FeedSpec("tr", "Türkiye", actors=("TÜRKIYE",))
    assert build_feed(spec, rendered, cache).components == 2
    narrowed = build_feed(BUILTIN_FEEDS[0], rendered, cache, extra=FeedSpec("q", "q", statuses=("open",)))
    assert narrowed.components == 2
    only = FeedSpec("picked", "picked", only=frozenset({items[1].uid}))
    assert build_feed(only, rendered, cache).components == 1
    with pytest.raises(ConfigError, match="already used"):
        feed_specs([FeedSpec("all", "mine")])
    with pytest.raises(ConfigError, match="bad feed name"):
        FeedSpec("../x", "x")


def test_rolling_window() -> None:
    items = [make_item(1, when="2025-01-10"), make_item(2, when="2025-06-11"), make_item(3, when="2026-06-01"),
             make_item(4, kind="commitment", when=None)]
    settings = FeedSettings(window_past_days=30, window_future_days=180)
    now = datetime(2025, 6, 1, tzinfo=timezone.utc)
    feeds = {f.name: f for f in build_feeds(items, settings, now=now)}
    assert feeds["all"].components == 1
    assert feeds["tasks"].components == 1  # undated tasks stay
    with pytest.raises(ValueError, match="needs `now`"):
        build_feeds(items, settings)


def test_bad_settings() -> None:
    with pytest.raises(ConfigError, match="Mars/Olympus"):
        FeedSettings(timezone="Mars/Olympus")
    with pytest.raises(ConfigError, match="1 day"):
        FeedSettings(alarms=("1 day",))
    with pytest.raises(ConfigError, match="refresh"):
        FeedSettings(refresh="often")


HOSTILE = [
    "Deal; signed, \\ at once\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil",
    "NUL\x00inside\x07 and DEL\x7f and C1\x85",
    "Emoji 🎉🇰🇿 and RTL עברית العربية \u202eoverride\u202c",
    "Line\u2028separators\u2029too\nand\rCR",
    "<script>alert(1)</script> & \"quotes\"",
    "x" * 10_000,
    "lone surrogate \ud800 here",
]


def test_clean_text() -> None:
    assert clean_text("a\r\nb\x00c\u2028d") == "a b c d"
    assert clean_text("back\\slash") == "back\u29f5slash"
    assert clean_text("a\n\nb", one_line=False) == "a\n\nb"
    assert "\ud800" not in clean_text("x\ud800")


def _hostile_items() -> list:
    items = []
    for n, text in enumerate(HOSTILE):
        items.append(make_item(n, title=f"T{n} {text}", sentence=text, actors=(text[:50], "A,B;C"),
                               location=text[:200], kind=("event", "commitment")[n % 2],
                               when=("2025-06-11", "../2025", "2025-06-11T10:00", None)[n % 4],
                               url="https://example.org/a?b=c&d=e" if n % 2 else "javascript:alert(1)"))
    return items


def test_hostile_text_keeps_exactly_the_expected_components() -> None:
    items = _hostile_items()
    feeds = {f.name: f for f in build_feeds(items, SETTINGS)}
    dated = [i for i in items if i.when]
    for name, expected in (("all", dated), ("events", [i for i in dated if i.kind == "event"]),
                           ("commitments", [i for i in dated if i.kind == "commitment"])):
        raw = feeds[name].to_bytes()
        cal = icalendar.Calendar.from_ical(raw)
        assert sorted(str(e["UID"]) for e in cal.walk("VEVENT")) == sorted(i.uid for i in expected)
        assert raw.count(b"BEGIN:VEVENT\r\n") == len(expected)
        lines = raw.replace(b"\r\n ", b"").split(b"\r\n")
        assert b"\x00" not in raw and not any(line.startswith(b"UID:evil") for line in lines)
        for e in cal.walk("VEVENT"):
            assert "\r" not in str(e["SUMMARY"]) and "\n" not in str(e["SUMMARY"])
            assert str(e.get("URL", "https://")).startswith("https://")
    tasks = icalendar.Calendar.from_ical(feeds["tasks"].to_bytes())
    assert len(tasks.walk("VTODO")) == len([i for i in items if i.kind == "commitment"])
    summaries = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feeds["all"].to_bytes()).walk("VEVENT")]
    assert any("🎉🇰🇿" in s and "עברית" in s for s in summaries)
    assert any("x" * 10_000 in str(e["DESCRIPTION"])
               for e in icalendar.Calendar.from_ical(feeds["all"].to_bytes()).walk("VEVENT"))


def test_publish_writes_atomically_and_only_on_change(tmp_path: Path) -> None:
    items = [make_item(1), make_item(2, kind="commitment", when=None)]
    first = publish(items, tmp_path, SETTINGS)
    assert sorted(p.path.name for p in first) == ["all.ics", "commitments.ics", "events.ics", "tasks.ics"]
    assert all(p.written for p in first)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["all.ics", "commitments.ics", "events.ics", "tasks.ics"]
    again = publish(items, tmp_path, SETTINGS)
    assert not any(p.written for p in again)
    items[0] = replace(items[0], title="TurkPA plenary session", sequence=1, updated=T0 + timedelta(days=1))
    third = {p.name: p.written for p in publish(items, tmp_path, SETTINGS)}
    assert third == {"all": True, "events": True, "commitments": False, "tasks": False}


def test_render_item_is_pure() -> None:
    item = make_item(kind="commitment", when="2025-06")
    assert render_item(item, SETTINGS) == render_item(item, SETTINGS)


@pytest.mark.shared
def test_feeds_pass_ics_check(tmp_path: Path) -> None:
    items = [
        make_item(1),
        make_item(2, kind="commitment", when="../2025", title="Ratify; the, treaty"),
        make_item(3, kind="commitment", when=None),
        make_item(4, when="2025-06-11T10:00", location="Astana"),
        make_item(5, when="2025-06-11T10:00/2025-06-11T12:00", location="Berlin"),
        make_item(6, when="2025-Q3", status="cancelled"),
        make_item(7, kind="commitment", when="2025-W25", status="done"),
        make_item(8, when="1970-01-01"), make_item(9, kind="commitment", when="2099-12-31"),  # the year window's ends
        make_item(10, when="1950-06-01"), make_item(11, kind="commitment", when="../2150"),  # outside: undated
        make_item(12, when="1970-01-01T01:00", location="Tokyo"),  # 1969 in UTC
    ]
    publish(items, tmp_path, SETTINGS)
    ics_check(*sorted(tmp_path.glob("*.ics")))


@pytest.mark.shared
def test_hostile_feeds_pass_ics_check(tmp_path: Path) -> None:
    publish(_hostile_items(), tmp_path, SETTINGS)
    ics_check(*sorted(tmp_path.glob("*.ics")))


@pytest.mark.shared
def test_republish_after_a_change_keeps_uids_and_raises_sequence(tmp_path: Path) -> None:
    items = [make_item(n, when=f"2025-06-{n + 10}", kind=("event", "commitment")[n % 2]) for n in range(6)]
    publish(items, tmp_path / "old", SETTINGS)
    items[2] = replace(items[2], when="2025-06-20", sequence=1, updated=T0 + timedelta(days=3))
    items[3] = replace(items[3], status="done", stored_status="done", sequence=1, updated=T0 + timedelta(days=3))
    publish(items, tmp_path / "new", SETTINGS)
    for name in ("all", "events", "commitments", "tasks"):
        ics_check(tmp_path / "new" / f"{name}.ics", previous=tmp_path / "old" / f"{name}.ics")
    old = icalendar.Calendar.from_ical((tmp_path / "old" / "all.ics").read_bytes())
    new = icalendar.Calendar.from_ical((tmp_path / "new" / "all.ics").read_bytes())
    assert sorted(str(e["UID"]) for e in old.walk("VEVENT")) == sorted(str(e["UID"]) for e in new.walk("VEVENT"))
    seq = {str(e["UID"]): e["SEQUENCE"] for e in new.walk("VEVENT")}
    assert seq[items[2].uid] == 1 and seq[items[0].uid] == 0


@settings(max_examples=150, deadline=None)
@given(title=st.text(min_size=1, max_size=300), actor=st.text(max_size=40), place=st.text(max_size=60),
       sentence=st.text(max_size=500))
def test_any_text_round_trips_through_a_feed(title: str, actor: str, place: str, sentence: str) -> None:
    item = make_item(kind="commitment", title=title, actors=(actor,) if actor.strip() else (), location=place or None,
                     sentence=sentence, when="2025-06-11")
    feeds = {f.name: f.to_bytes() for f in build_feeds([item], SETTINGS)}
    for name, kind in (("all", "VEVENT"), ("tasks", "VTODO")):
        raw = feeds[name]
        assert raw.count(f"BEGIN:{kind}\r\n".encode()) == 1 and b"\r\n\r\n" not in raw
        assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
        comp = _only(icalendar.Calendar.from_ical(raw), kind)
        assert str(comp["SUMMARY"]) == (clean_text(title) or "(untitled)")
        assert clean_text(sentence) in str(comp["DESCRIPTION"]).replace("\n", " ") or not clean_text(sentence)
        if place and clean_text(place):
            assert str(comp["LOCATION"]) == clean_text(place)
