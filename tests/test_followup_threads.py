"""Story threads (issue 7): invented articles in tests/data/threads/<thread>/, ingested with the real
extractor; final statuses, dates, evidence and timelines asserted item by item, on SQLite and
PostgreSQL, and the same final state for any ingest order."""
from __future__ import annotations

import itertools
import json
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.cli import cli
from tracker.documents import load_document
from tracker.followup import item_links, item_timeline, list_proposals
from tracker.ingest import ingest_paths
from tracker.models import TrackedItem
from tracker.store import Store
from tracker.when import parse_when

THREADS = Path(__file__).parent / "data" / "threads"
NOW = datetime(2025, 12, 1, 12, 0, tzinfo=UTC)


def thread_files(*threads: str) -> list[Path]:
    """The articles of these threads (all when none given), in publication order."""
    dirs = [THREADS / t for t in threads] if threads else sorted(p for p in THREADS.iterdir() if p.is_dir())
    files = [f for d in dirs for f in sorted(d.glob("*.txt"))]
    return sorted(files, key=lambda f: (load_document(str(f)).published, str(f)))


def ingest_each(store: Store, files: list[Path]) -> None:
    for f in files:
        report = ingest_paths(store, [str(f)], NOW)
        assert report.ok, report.failures


def short(path: str) -> str:
    p = Path(path)
    return f"{p.parent.name}/{p.stem}"


def same_days(when: str | None) -> tuple[object, ...] | None:
    """A `when` as the days it covers: "../2025-03" and "../2025-03-31" are the same deadline."""
    if when is None:
        return None
    span = parse_when(when)
    return (span.first, span.last, span.deadline)


def find(found: list[TrackedItem], first_sentence: str) -> TrackedItem:
    """The item whose earliest evidence sentence contains this text (the same in any ingest order)."""
    hits = [i for i in found if i.evidence and first_sentence in i.evidence[0].sentence]
    assert len(hits) == 1, (first_sentence, [(i.title, i.evidence[0].sentence) for i in found if i.evidence])
    return hits[0]


# (first evidence sentence, status at NOW, when, evidence articles, timeline events in order)
EXPECTED = [
    # announcement -> more precise date -> held
    ("will hold its annual summit in Dushanbe", "done", "2025-06-18/2025-06-19",
     ["refine_held/01_announced", "refine_held/02_date_set", "refine_held/03_held"], ["announced", "refined", "held"]),
    # promise -> progress -> kept
    ("Mongolia will sign the transit agreement", "done", "../2025-03-31",
     ["promise_kept/01_promise", "promise_kept/03_kept"], ["promised", "progress", "kept"]),
    # event -> postponed -> held at the new date
    ("is scheduled for May 20-21 in Tashkent", "done", "2025-10-14/2025-10-15",
     ["postponed_held/01_announced", "postponed_held/02_postponed", "postponed_held/03_held"],
     ["announced", "postponed", "held"]),
    # promise -> cancelled
    ("will visit Georgia on April 10", "cancelled", "2025-04-10",
     ["promise_cancelled/01_promise", "promise_cancelled/02_cancelled"], ["announced", "cancelled"]),
    # last year's session and the 6th session must not match; the 7th closes it
    ("The 7th session of the Caspian Fisheries Commission", "done", "2025-09-09/2025-09-10",
     ["other_session/01_announced", "other_session/04_seventh_held"], ["announced", "held"]),
    # the Turkic Business Forum is not the Turkic Business Council: the meeting passed unreported
    ("The Turkic Business Council (TBC) will meet", "missed", "2025-05-14", ["similar_names/01_council"],
     ["announced"]),
    # kept, said only in a participant's quotation
    ("will sign the border demarcation treaty", "done", "2025-03-12",
     ["quotation/01_promise", "quotation/02_quote"], ["promised", "kept"]),
    # the seed and the June report
    ("The session of the TurkPA is slated for June 11-12", "done", "2025-06-11/2025-06-12",
     ["turkpa/01_announcement", "turkpa/02_held"], ["announced", "held"]),
    ("Kazakhstan is set to assume the chairmanship", "done", "2025",
     ["turkpa/01_announcement", "turkpa/02_held"], ["promised", "kept"]),
    ("readiness to participate in the upcoming event", "missed", "2025-06-11/2025-06-12",
     ["turkpa/01_announcement"], ["promised"]),
    # the item says only "TurkPA", the report only "the Parliamentary Assembly of Turkic States"
    # (alias table); the Turkic Council meeting the same days in the same city is another body
    ("TurkPA will hold its autumn plenary session in Bishkek", "done", "2025-11-05/2025-11-06",
     ["alias_acronym_item/01_announced", "alias_acronym_item/03_held"], ["announced", "held"]),
    # the reverse: the long name in the item, only "Interpol" in the report
    ("The International Criminal Police Organization will hold a conference", "done", "2025-06-24/2025-06-25",
     ["alias_long_item/01_announced", "alias_long_item/02_held"], ["announced", "held"]),
    # an acronym that is not the initials, defined by the report's own article
    ("The Caspian Ports Council will meet in Astrakhan", "done", "2025-09-16/2025-09-17",
     ["alias_learned/01_announced", "alias_learned/02_held"], ["announced", "held"]),
    # called off, then reported held after all: the later article decides, both stay in the story
    ("The Caspian Energy Forum (CEF) will be held in Almaty", "done", "2025-06-03/2025-06-04",
     ["cancelled_then_held/01_announced", "cancelled_then_held/02_cancelled", "cancelled_then_held/03_held"],
     ["announced", "cancelled", "held"]),
]
# New items announced by the reports, following from the item the report closed.
FOLLOWS = [
    ("The next plenary session of TurkPA will be held in Baku", "The session of the TurkPA is slated"),
    ("The next Eurasian Rail Conference will take place in Almaty", "is scheduled for May 20-21 in Tashkent"),
]


@pytest.fixture(scope="module")
def corpus_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(str(tmp_path_factory.mktemp("threads") / "store.db"))
    ingest_each(store, thread_files())
    return store


def test_threads_end_as_expected_on_both_backends(store_url: str) -> None:
    with Store(store_url) as store:
        ingest_each(store, thread_files())
        found = store.items(now=NOW, status="all")
        for first, status, when, docs, events in EXPECTED:
            it = find(found, first)
            assert (it.status, same_days(it.when)) == (status, same_days(when)), first
            assert sorted(short(e.document) for e in it.evidence) == docs, first
            assert [t.event for t in item_timeline(store, it.id)] == events, first
        # Precision: nothing else was closed or cancelled by a report.
        closed = {i.id for i in found if i.status in ("done", "cancelled")}
        assert closed == {find(found, e[0]).id for e in EXPECTED if e[1] in ("done", "cancelled")}
        for follower, origin in FOLLOWS:
            assert item_links(store, find(found, follower).id)["follows"] == [find(found, origin).id]
        assert list_proposals(store) == []


def test_postponement_keeps_the_old_date_in_history_and_raises_the_sequence(corpus_sqlite: Store) -> None:
    it = find(corpus_sqlite.items(now=NOW, status="all"), "is scheduled for May 20-21 in Tashkent")
    story = item_timeline(corpus_sqlite, it.id)
    postponed = next(t for t in story if t.event == "postponed")
    assert postponed.detail == "2025-05-20/2025-05-21 -> 2025-10-14/2025-10-15"
    assert (postponed.published.isoformat(), short(postponed.document)) == ("2025-05-05", "postponed_held/02_postponed")
    held = story[-1]
    assert (held.event, held.published.isoformat()) == ("held", "2025-10-16")
    assert held.sentence.startswith("The ERC conference was held in Tashkent on October 14-15")
    hist = corpus_sqlite.history(it.id)
    assert [(h.field, h.old, h.new) for h in hist if h.field in ("when", "status")] == [
        ("when", "2025-05-20/2025-05-21", "2025-10-14/2025-10-15"), ("status", "missed", "done")]
    assert it.sequence == 2


def test_progress_changes_history_only(corpus_sqlite: Store) -> None:
    it = find(corpus_sqlite.items(now=NOW, status="all"), "Mongolia will sign the transit agreement")
    progress = [h for h in corpus_sqlite.history(it.id) if h.new == "progress"]
    assert len(progress) == 1 and progress[0].why.startswith("Talks on the Mongolia-Kyrgyzstan transit agreement")
    assert it.sequence == 1  # only the status change raised it


def canonical_state(store: Store) -> list[tuple[str, ...]]:
    """Status and date of every item, keyed by its evidence: independent of which article came first."""
    return sorted(
        (" + ".join(sorted({short(e.document) for e in i.evidence})), i.kind, i.status, str(i.when))
        for i in store.items(now=NOW, status="all")
    )


@pytest.fixture(scope="module")
def date_order_state(corpus_sqlite: Store) -> list[tuple[str, ...]]:
    return canonical_state(corpus_sqlite)


ORDER_FILES = thread_files("postponed_held", "refine_held", "other_session", "turkpa", "promise_cancelled",
                           "promise_kept", "alias_acronym_item", "alias_learned", "cancelled_then_held")


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.permutations(ORDER_FILES))
def test_ingest_order_does_not_matter(files: list[Path], date_order_state: list[tuple[str, ...]]) -> None:
    wanted = [row for row in date_order_state if row[0].split("/")[0] in {f.parent.name for f in files}]
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "s.db")) as store:
        ingest_each(store, files)
        assert canonical_state(store) == wanted


# A cancellation (May 20) and a report that the forum was held after all (June 5), in every ingest
# order: the later article decides the status, the earlier one stays in the timeline and evidence,
# nothing is left to review.
CONFLICT_FILES = thread_files("cancelled_then_held")


def outcome_story(store: Store) -> list[tuple[str, ...]]:
    """Per item: its state and the article-dated outcome steps of its timeline (the creation step
    names whichever article came first, so it is left out)."""
    return sorted(
        (*row, " ".join(f"{t.event}@{t.published}" for t in item_timeline(store, i.id)
                        if t.event in ("held", "kept", "cancelled", "postponed")))
        for i, row in ((i, (" + ".join(sorted({short(e.document) for e in i.evidence})), i.status, str(i.when)))
                       for i in store.items(now=NOW, status="all"))
    )


@pytest.mark.parametrize("order", list(itertools.permutations(range(len(CONFLICT_FILES)))),
                         ids=lambda o: "".join(str(i + 1) for i in o))
def test_a_cancellation_and_a_later_held_report_end_the_same_in_any_order(order: tuple[int, ...],
                                                                         store_url: str) -> None:
    with Store(store_url) as store:
        ingest_each(store, [CONFLICT_FILES[i] for i in order])
        assert outcome_story(store) == [(
            "cancelled_then_held/01_announced + cancelled_then_held/02_cancelled + cancelled_then_held/03_held",
            "done", "2025-06-03/2025-06-04", "cancelled@2025-05-20 held@2025-06-05")]
        assert list_proposals(store) == []
        links = list_proposals(store, state="all")
        assert sorted((p.outcome_kind, p.state) for p in links) == [("cancelled", "applied"), ("held", "applied")]


# ---- the seed and a June report: store, list --json, feeds ------------------------------------

def test_seed_and_june_report_close_the_session_and_the_chairmanship(tmp_path: Path, isolated_env: Path) -> None:
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    seed = Path(__file__).parent.parent / "seeds" / "000_12d6a3618a4b866a.txt"
    report = THREADS / "turkpa" / "02_held.txt"
    env = {"TRACKER_NOW": "2025-06-20T09:00:00+00:00"}
    for path in (seed, report):
        result = runner.invoke(cli, ["--db", db, "ingest", str(path)], env=env)
        assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["--db", db, "list", "--status", "done", "--json"], env=env)
    assert result.exit_code == 0
    done = json.loads(result.stdout)
    assert [(d["title"], d["when"], d["status"]) for d in done] == [
        ("Kazakhstan assumes the chairmanship in TurkPA", "2025", "done"),
        ("TurkPA session", "2025-06-11/2025-06-12", "done"),
    ]
    for d in done:
        assert [e["document"] for e in d["evidence"]] == [str(seed), str(report)]
        assert d["evidence"][1]["published"] == "2025-06-13"
        assert d["sequence"] == 1
    assert "was held in Astana on June 11-12" in done[1]["evidence"][1]["sentence"]
    assert "Kazakhstan assumed the chairmanship of TurkPA" in done[0]["evidence"][1]["sentence"]

    shown = json.loads(runner.invoke(cli, ["--db", db, "show", done[1]["id"], "--json"], env=env).stdout)
    assert [(t["event"], t["published"]) for t in shown["timeline"]] == [("announced", "2025-04-21"),
                                                                         ("held", "2025-06-13")]
    assert shown["timeline"][1]["document"] == str(report)
    text = runner.invoke(cli, ["--db", db, "show", done[1]["id"]], env=env).stdout
    assert "Timeline:\n  2025-04-21  announced  " in text
    assert "\n  2025-06-13  held  " in text

    # The published feeds: the same UIDs, raised SEQUENCE, the report quoted in DESCRIPTION.
    icalendar = pytest.importorskip("icalendar")
    out = tmp_path / "calendars"
    published = runner.invoke(cli, ["--db", db, "publish", "--out", str(out)], env=env)
    assert published.exit_code == 0, published.output
    cal = icalendar.Calendar.from_ical((out / "all.ics").read_bytes())
    events = {str(c["UID"]): c for c in cal.walk("VEVENT")}
    session = events[done[1]["uid"]]
    assert (str(session["STATUS"]), int(session["SEQUENCE"])) == ("CONFIRMED", 1)
    description = str(session["DESCRIPTION"])
    assert "Status: done" in description
    assert "was held in Astana on June 11-12" in description and "02_held.txt" in description
    tasks = icalendar.Calendar.from_ical((out / "tasks.ics").read_bytes())
    (chair,) = [c for c in tasks.walk("VTODO") if str(c["SUMMARY"]).endswith("chairmanship in TurkPA")]
    assert (str(chair["STATUS"]), int(chair["SEQUENCE"])) == ("COMPLETED", 1)
    assert "Kazakhstan assumed the chairmanship of TurkPA" in str(chair["DESCRIPTION"])


# ---- proposals ---------------------------------------------------------------------------------

LATE_PROMISE = """BISHKEK – Kazakhstan will ratify the Caspian transit convention by the end of March, the Kazakh \
Foreign Ministry said."""
LATE_KEPT = "The Caspian transit convention was ratified by the parliament of Kazakhstan."


def test_proposals_change_nothing_until_accepted(tmp_path: Path, isolated_env: Path, article: object,
                                                 store_url: str) -> None:
    db = store_url  # SQLite and PostgreSQL
    runner = CliRunner()
    env = {"TRACKER_NOW": "2025-12-01T09:00:00+00:00"}
    article(tmp_path / "a", "01.txt", "2025-01-10", LATE_PROMISE)  # type: ignore[operator]
    article(tmp_path / "a", "02.txt", "2025-09-20", LATE_KEPT)  # type: ignore[operator]
    assert runner.invoke(cli, ["--db", db, "ingest", str(tmp_path / "a")], env=env).exit_code == 0
    (item,) = json.loads(runner.invoke(cli, ["--db", db, "list", "--json"], env=env).stdout)
    assert (item["status"], item["sequence"]) == ("missed", 0)  # kept late? only proposed

    listed = runner.invoke(cli, ["--db", db, "review"], env=env)
    assert listed.exit_code == 0
    assert "ratified" in listed.stdout and " | " in listed.stdout  # both sentences side by side
    (proposal,) = json.loads(runner.invoke(cli, ["--db", db, "review", "--json"], env=env).stdout)
    assert proposal["item"]["id"] == item["id"] and proposal["state"] == "proposed"
    assert proposal["outcome"]["sentence"] == LATE_KEPT and proposal["outcome"]["kind"] == "fulfilled"
    assert proposal["item"]["sentence"].startswith("BISHKEK – Kazakhstan will ratify") or "will ratify" in \
        proposal["item"]["sentence"]

    accepted = runner.invoke(cli, ["--db", db, "review", "--accept", str(proposal["id"]), "--note", "same one"], env=env)
    assert accepted.exit_code == 0, accepted.output
    assert accepted.stdout.startswith(f"proposal {proposal['id']} accepted: {item['id']}")
    shown = json.loads(runner.invoke(cli, ["--db", db, "show", item["id"], "--json"], env=env).stdout)
    assert (shown["status"], shown["sequence"]) == ("done", 1)
    assert [(h["field"], h["old"], h["new"], h["by"]) for h in shown["history"][1:]] == [
        ("proposal", "proposed", "accepted", "user"),
        ("status", "missed", "done", f"article:{tmp_path / 'a' / '02.txt'}"),
        ("outcome", None, "kept", f"article:{tmp_path / 'a' / '02.txt'}"),
    ]
    again = runner.invoke(cli, ["--db", db, "review", "--accept", str(proposal["id"])], env=env)
    assert again.exit_code == 3 and again.stderr == f"Error: proposal {proposal['id']} is already accepted\n"
    assert runner.invoke(cli, ["--db", db, "review"], env=env).stderr == "No proposals to review.\n"


def test_rejecting_a_proposal_is_recorded_and_changes_nothing(tmp_path: Path, isolated_env: Path,
                                                            article: object, store_url: str) -> None:
    db = store_url  # SQLite and PostgreSQL
    runner = CliRunner()
    env = {"TRACKER_NOW": "2025-12-01T09:00:00+00:00"}
    article(tmp_path / "a", "01.txt", "2025-01-10", LATE_PROMISE)  # type: ignore[operator]
    article(tmp_path / "a", "02.txt", "2025-09-20", LATE_KEPT)  # type: ignore[operator]
    runner.invoke(cli, ["--db", db, "ingest", str(tmp_path / "a")], env=env)
    (proposal,) = json.loads(runner.invoke(cli, ["--db", db, "review", "--json"], env=env).stdout)
    rejected = runner.invoke(cli, ["--db", db, "review", "--reject", str(proposal["id"])], env=env)
    assert rejected.exit_code == 0
    shown = json.loads(runner.invoke(cli, ["--db", db, "show", proposal["item"]["id"], "--json"], env=env).stdout)
    assert (shown["status"], shown["sequence"]) == ("missed", 0)
    assert shown["history"][-1]["field"] == "proposal" and shown["history"][-1]["new"] == "rejected"
    assert shown["timeline"][-1]["event"] == "rejected"
    missing = runner.invoke(cli, ["--db", db, "review", "--reject", "999"], env=env)
    assert missing.exit_code == 4 and missing.stderr.startswith("Error: no proposal 999")
    both = runner.invoke(cli, ["--db", db, "review", "--accept", "1", "--reject", "1"], env=env)
    assert both.exit_code == 2


def test_missed_items_are_listed_and_a_later_report_still_closes_them(tmp_path: Path, isolated_env: Path,
                                                                     article: object) -> None:
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    promise = "TASHKENT – The Eurasian Rail Conference (ERC) is scheduled for May 20-21 in Tashkent."
    article(tmp_path / "a", "01.txt", "2025-03-01", promise)  # type: ignore[operator]
    env = {"TRACKER_NOW": "2025-06-01T09:00:00+00:00"}
    runner.invoke(cli, ["--db", db, "ingest", str(tmp_path / "a")], env=env)
    missed = json.loads(runner.invoke(cli, ["--db", db, "list", "--status", "missed", "--json"], env=env).stdout)
    assert [m["status"] for m in missed] == ["missed"]
    late = "TASHKENT – The Eurasian Rail Conference was held in Tashkent on May 20-21, the organizers said."
    article(tmp_path / "b", "02.txt", "2025-05-30", late)  # type: ignore[operator]
    runner.invoke(cli, ["--db", db, "ingest", str(tmp_path / "b")], env=env)
    assert runner.invoke(cli, ["--db", db, "list", "--status", "missed", "--json"], env=env).stdout == "[]\n"
    done = json.loads(runner.invoke(cli, ["--db", db, "list", "--status", "done", "--json"], env=env).stdout)
    assert [d["id"] for d in done] == [missed[0]["id"]]


def test_cancelled_and_postponed_items_in_the_feeds(corpus_sqlite: Store, tmp_path: Path, isolated_env: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    found = corpus_sqlite.items(now=NOW, status="all")
    visit = find(found, "will visit Georgia on April 10")
    rail = find(found, "is scheduled for May 20-21 in Tashkent")
    out = tmp_path / "cal"
    result = CliRunner().invoke(cli, ["--db", corpus_sqlite.url, "publish", "--out", str(out)],
                                env={"TRACKER_NOW": NOW.isoformat()})
    assert result.exit_code == 0, result.output
    events = {str(c["UID"]): c for c in icalendar.Calendar.from_ical((out / "all.ics").read_bytes()).walk("VEVENT")}
    cancelled = events[visit.uid]
    assert (str(cancelled["STATUS"]), int(cancelled["SEQUENCE"])) == ("CANCELLED", 1)
    assert "has been called off" in str(cancelled["DESCRIPTION"])
    moved = events[rail.uid]
    assert moved.decoded("DTSTART") == datetime(2025, 10, 14).date()  # the new date, same UID
    assert int(moved["SEQUENCE"]) == rail.sequence == 2
    assert "was held in Tashkent on October 14-15" in str(moved["DESCRIPTION"])
