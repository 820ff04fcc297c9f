"""Store API on both backends: ingest and merging, queries, lifecycle, history, identity."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

import pytest

from tracker.errors import InputError, NotFoundError
from tracker.models import Document, Item, TrackedItem
from tracker.store import Store
from tracker.store import merge as merge_mod

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)


def make_doc(name: str, published: date, text: str = "") -> Document:
    content = f"date {published.isoformat()}\n\n{text or name}"
    sha = hashlib.sha256(content.encode()).hexdigest()
    return Document(name, content, published, 17, sha)


def make_item(
    title: str,
    *,
    kind: str = "event",
    actors: tuple[str, ...] = ("TurkPA",),
    when: str | None = None,
    location: str | None = None,
    sentence: str | None = None,
    span: tuple[int, int] = (17, 40),
    change: str | None = None,
) -> Item:
    return Item(
        kind=kind,
        title=title,
        actors=list(actors),
        when=when,
        location=location,
        evidence=sentence or f"{title}.",
        span=span,
        confidence=0.9,
        rule="test",
        change=change,
    )


def ingest(store: Store, name: str, published: date, *items: Item, now: datetime = NOW, text: str = "") -> object:
    return store.ingest_document(make_doc(name, published, text), list(items), now)


# ---- opening ---------------------------------------------------------------------------------


def test_new_store_is_empty_and_reopens(store_url: str) -> None:
    with Store(store_url) as s:
        assert s.counts() == {"documents": 0, "items": 0, "evidence": 0, "history": 0}
        assert s.items(now=NOW) == []
    with Store(store_url) as s:  # the second open takes the fast path: schema already current
        assert s.counts()["items"] == 0


def test_datetimes_are_utc_and_dates_are_dates(store: Store) -> None:
    berlin = timezone(timedelta(hours=2))
    item = store.add_manual(title="Call the embassy", when="2025-05-03", now=datetime(2025, 5, 1, 14, 30, 15, 999, berlin))
    assert item.created == datetime(2025, 5, 1, 12, 30, 15, tzinfo=timezone.utc)
    assert item.created.tzinfo == timezone.utc
    r = ingest(store, "a.txt", date(2025, 4, 21), make_item("TurkPA session", when="2025-06-11"))
    got = store.get(r.new[0], NOW)  # type: ignore[attr-defined]
    assert got.evidence[0].published == date(2025, 4, 21)
    assert store.history(got.id)[0].at == NOW


def test_naive_now_is_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        store.add_manual(title="x", now=datetime(2025, 5, 1))


# ---- ingest and merging ----------------------------------------------------------------------


def test_ingest_creates_items_with_evidence_and_history(store: Store) -> None:
    sentence = "The session of the TurkPA is slated for June 11-12 in Astana."
    r = ingest(
        store,
        "seeds/a.txt",
        date(2025, 4, 21),
        make_item("TurkPA session", when="2025-06-11/2025-06-12", location="Astana", sentence=sentence, span=(17, 78)),
        make_item("assume the chairmanship", kind="commitment", actors=("Kazakhstan",), when="2025", span=(90, 120)),
    )
    assert len(r.new) == 2 and r.merged == [] and not r.unchanged  # type: ignore[attr-defined]
    item = store.get(r.new[0], NOW)  # type: ignore[attr-defined]
    assert (item.kind, item.title, item.actors, item.when, item.location) == (
        "event",
        "TurkPA session",
        ("TurkPA",),
        "2025-06-11/2025-06-12",
        "Astana",
    )
    assert item.status == "open" and item.sequence == 0
    assert item.evidence[0].document == "seeds/a.txt"
    assert item.evidence[0].sentence == sentence and item.evidence[0].span == (17, 78)
    [created] = store.history(item.id)
    assert (created.field, created.new, created.by, created.why) == ("created", "open", "article:seeds/a.txt", sentence)


def test_same_content_is_unchanged(store: Store) -> None:
    first = ingest(store, "a.txt", date(2025, 4, 21), make_item("TurkPA session", when="2025-06"), text="same")
    before = store.counts()
    again = ingest(store, "copy.txt", date(2025, 4, 21), make_item("TurkPA session", when="2025-06"), text="same")
    assert not first.unchanged and again.unchanged  # type: ignore[attr-defined]
    assert store.counts() == before
    assert store.has_document(make_doc("a.txt", date(2025, 4, 21), "same").sha256)


def test_more_precise_later_article_merges_and_updates_when(store: Store) -> None:
    first = ingest(store, "a.txt", date(2025, 4, 21), make_item("TurkPA session", when="2025"))
    item_id = first.new[0]  # type: ignore[attr-defined]
    sentence = "The TurkPA session will be held on June 11-12 in Astana."
    second = ingest(
        store,
        "b.txt",
        date(2025, 4, 25),
        make_item("session of the TurkPA", when="2025-06-11/2025-06-12", location="Astana", sentence=sentence),
    )
    assert second.new == [] and second.merged == [item_id] and second.updated == [item_id]  # type: ignore[attr-defined]
    item = store.get(item_id, NOW)
    assert item.when == "2025-06-11/2025-06-12" and item.location == "Astana"
    assert [e.document for e in item.evidence] == ["a.txt", "b.txt"]
    assert item.sequence == 1
    changes = {h.field: h for h in store.history(item_id)}
    assert (changes["when"].old, changes["when"].new) == ("2025", "2025-06-11/2025-06-12")
    assert changes["when"].by == "article:b.txt" and changes["when"].why == sentence
    assert changes["location"].new == "Astana"


def test_less_precise_report_merges_without_changing_when(store: Store) -> None:
    item_id = ingest(store, "a.txt", date(2025, 4, 21), make_item("TurkPA session", when="2025-06-11")).new[0]  # type: ignore[attr-defined]
    r = ingest(store, "b.txt", date(2025, 4, 25), make_item("TurkPA session", when="2025-06"))
    assert r.merged == [item_id] and r.updated == []  # type: ignore[attr-defined]
    item = store.get(item_id, NOW)
    assert item.when == "2025-06-11" and len(item.evidence) == 2 and item.sequence == 0


def test_postponement_moves_the_date(store: Store) -> None:
    item_id = ingest(
        store, "a.txt", date(2025, 4, 21), make_item("TurkPA session in Astana", when="2025-06-11")
    ).new[0]  # type: ignore[attr-defined]
    r = ingest(
        store,
        "b.txt",
        date(2025, 5, 2),
        make_item("TurkPA session in Astana", when="2025-09-15", change="postponed", sentence="It was postponed."),
    )
    assert r.updated == [item_id]  # type: ignore[attr-defined]
    assert store.get(item_id, NOW).when == "2025-09-15"
    [h] = [h for h in store.history(item_id) if h.field == "when"]
    assert (h.old, h.new, h.why) == ("2025-06-11", "2025-09-15", "It was postponed.")


def test_older_article_does_not_undo_a_newer_date(store: Store) -> None:
    item_id = ingest(store, "new.txt", date(2025, 5, 10), make_item("TurkPA session in Astana", when="2025-09-15")).new[0]  # type: ignore[attr-defined]
    r = ingest(store, "old.txt", date(2025, 4, 21), make_item("TurkPA session in Astana", when="2025-06-11"))
    assert r.merged == [item_id] and r.updated == []  # type: ignore[attr-defined]
    assert store.get(item_id, NOW).when == "2025-09-15"


def test_same_title_after_the_date_passed_is_a_new_occurrence(store: Store) -> None:
    first = ingest(store, "jan.txt", date(2025, 1, 2), make_item("TurkPA monthly session", when="2025-01-10")).new[0]  # type: ignore[attr-defined]
    r = ingest(store, "feb.txt", date(2025, 2, 1), make_item("TurkPA monthly session", when="2025-02-10"))
    assert r.new and r.new[0] != first  # type: ignore[attr-defined]


def test_reported_cancellation_cancels_the_item(store: Store) -> None:
    item_id = ingest(store, "a.txt", date(2025, 4, 21), make_item("TurkPA session", when="2025-06-11")).new[0]  # type: ignore[attr-defined]
    ingest(store, "b.txt", date(2025, 4, 28), make_item("TurkPA session", when="2025-06-11", change="cancelled"))
    item = store.get(item_id, NOW)
    assert item.status == "cancelled" and item.sequence == 1
    assert store.history(item_id)[-1].by == "article:b.txt"


@pytest.mark.parametrize(
    "other",
    [
        make_item("TurkPA session", kind="commitment", when="2025-06-11"),
        make_item("TurkPA session", actors=("NATO",), when="2025-06-11"),
        make_item("TurkPA session", when="2025-06-11", location="Ankara"),
        make_item("budget vote in parliament", when="2025-06-11"),
    ],
    ids=["other-kind", "disjoint-actors", "other-place", "other-title"],
)
def test_different_items_do_not_merge(store: Store, other: Item) -> None:
    ingest(store, "a.txt", date(2025, 4, 21), make_item("TurkPA session", when="2025-06-11", location="Astana"))
    r = ingest(store, "b.txt", date(2025, 4, 22), other)
    assert len(r.new) == 1 and r.merged == []  # type: ignore[attr-defined]


def test_merge_adds_new_actors(store: Store) -> None:
    item_id = ingest(store, "a.txt", date(2025, 4, 21), make_item("TurkPA session", actors=("TurkPA",))).new[0]  # type: ignore[attr-defined]
    ingest(store, "b.txt", date(2025, 4, 22), make_item("TurkPA session", actors=("TurkPA", "Turkey")))
    assert store.get(item_id, NOW).actors == ("TurkPA", "Turkey")
    assert store.items(now=NOW, actor="turkey")[0].id == item_id


def test_failed_document_leaves_no_trace(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest(store, "a.txt", date(2025, 4, 21), make_item("TurkPA session", when="2025-06-11"))
    before = store.counts()
    calls = {"n": 0}
    real = merge_mod.best_match

    def fail_on_second(*args: object) -> object:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("boom")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_mod, "best_match", fail_on_second)
    with pytest.raises(RuntimeError):
        ingest(store, "b.txt", date(2025, 4, 22), make_item("budget vote"), make_item("TurkPA session", when="2025-06"))
    assert store.counts() == before
    assert not store.has_document(make_doc("b.txt", date(2025, 4, 22)).sha256)


def test_malformed_when_from_extractor_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError):
        ingest(store, "a.txt", date(2025, 4, 21), make_item("TurkPA session", when="June"))
    assert store.counts()["documents"] == 0


def test_ids_derive_from_the_articles(tmp_path: object, store_url: str) -> None:
    """Rebuilding a store from the same articles gives the same ids and uids."""
    def build(url: str) -> list[tuple[str, str]]:
        with Store(url) as s:
            ingest(s, "a.txt", date(2025, 4, 21), make_item("TurkPA session", when="2025-06-11"))
            ingest(s, "b.txt", date(2025, 4, 22), make_item("budget vote", actors=("Majilis",)))
            return sorted((i.id, i.uid) for i in s.items(now=NOW))

    first = build(store_url)
    second = build(str(tmp_path) + "/rebuilt.db")  # type: ignore[operator]
    assert first == second
    for item_id, uid in first:
        assert len(item_id) == 8 and item_id.isalnum() and item_id == item_id.lower()
        assert uid.endswith("@tracker") and len(uid) == 32 + len("@tracker")


# ---- queries ---------------------------------------------------------------------------------


@pytest.fixture
def populated(store: Store) -> dict[str, str]:
    ids = {}
    ids["past"] = store.add_manual(title="Submit the report", when="2025-04-20", actors=["Qantas"], now=NOW).id
    ids["soon"] = store.add_manual(title="TurkPA session", kind="event", when="2025-06-11/2025-06-12",
                                   actors=["TurkPA"], location="Astana", now=NOW).id
    ids["deadline"] = store.add_manual(title="Double flights to India", when="../2025-08", actors=["Qantas"], now=NOW).id
    ids["undated"] = store.add_manual(title="Appoint a Bombay consultant", actors=["Qantas"], now=NOW).id
    ids["year"] = store.add_manual(title="Assume the chairmanship", when="2025", actors=["Kazakhstan"], now=NOW).id
    ids["done"] = store.add_manual(title="Visit Türkiye", kind="event", when="2025-05-20", actors=["Russia"], now=NOW).id
    store.set_status(ids["done"], "done", NOW)
    ids["cancelled"] = store.add_manual(title="US talks", kind="event", when="2025-07-01", actors=["US"], now=NOW).id
    store.set_status(ids["cancelled"], "cancelled", NOW)
    return ids


def _ids(found: list[TrackedItem]) -> list[str]:
    return [i.id for i in found]


def test_items_sorted_soonest_first_undated_last(store: Store, populated: dict[str, str]) -> None:
    p = populated
    assert _ids(store.items(now=NOW)) == [
        p["year"],  # 2025-01-01 .. 2025-12-31 starts first
        p["past"],
        p["done"],
        p["soon"],
        p["cancelled"],
        p["deadline"],  # a deadline sorts by its end
        p["undated"],
    ]


def test_status_filters_and_missed(store: Store, populated: dict[str, str]) -> None:
    p = populated
    assert set(_ids(store.items(now=NOW, status=["open", "missed"]))) == {
        p["past"], p["soon"], p["deadline"], p["undated"], p["year"]
    }
    missed = store.items(now=NOW, status="missed")
    assert _ids(missed) == [p["past"]] and missed[0].status == "missed" and missed[0].stored_status == "open"
    assert p["past"] not in _ids(store.items(now=NOW, status="open"))
    assert _ids(store.items(now=NOW, status="done")) == [p["done"]]
    assert _ids(store.items(now=NOW, status="cancelled")) == [p["cancelled"]]
    # Missed is computed against `now`: a day earlier the item was still open.
    assert store.get(p["past"], datetime(2025, 4, 20, 23, tzinfo=timezone.utc)).status == "open"
    with pytest.raises(InputError, match="invalid status 'late'"):
        store.items(now=NOW, status="late")


def test_kind_actor_search_and_date_filters(store: Store, populated: dict[str, str]) -> None:
    p = populated
    assert set(_ids(store.items(now=NOW, kind="event"))) == {p["soon"], p["done"], p["cancelled"]}
    assert set(_ids(store.items(now=NOW, actor="qantas"))) == {p["past"], p["deadline"], p["undated"]}
    assert _ids(store.items(now=NOW, actor="US")) == [p["cancelled"]]  # whole words: not "Russia"
    # A body under another of its names (the alias table); a different body is not it.
    assert _ids(store.items(now=NOW, actor="Parliamentary Assembly of Turkic States")) == [p["soon"]]
    assert _ids(store.items(now=NOW, actor="Turkic Council")) == []
    assert _ids(store.items(now=NOW, search="turkiye")) == [p["done"]]  # case and accents folded
    assert _ids(store.items(now=NOW, search="ASTANA")) == [p["soon"]]  # location is searched too
    assert _ids(store.items(now=NOW, search="100%")) == []  # LIKE wildcards are literal
    window = store.items(now=NOW, since=date(2025, 6, 1), until=date(2025, 6, 30))
    assert set(_ids(window)) == {p["soon"], p["year"]}
    assert p["undated"] not in _ids(store.items(now=NOW, since=date(2020, 1, 1)))
    assert _ids(store.items(now=NOW, until=date(2025, 4, 30))) == [p["year"], p["past"]]
    with pytest.raises(InputError):
        store.items(now=NOW, kind="meeting")


def test_limit_and_without_evidence(store: Store, populated: dict[str, str]) -> None:
    assert len(store.items(now=NOW, limit=2)) == 2
    assert store.items(now=NOW, limit=2)[0].actors == ("Kazakhstan",)
    ingest(store, "a.txt", date(2025, 4, 21), make_item("Budget vote", actors=("Majilis",)))
    found = store.items(now=NOW, search="budget", with_evidence=False)
    assert found[0].evidence == () and found[0].actors == ("Majilis",)


def test_get_by_id_uid_and_prefix(store: Store, populated: dict[str, str]) -> None:
    item = store.get(populated["soon"], NOW)
    assert store.get(item.uid, NOW).id == item.id
    assert store.get(item.id[:5].upper(), NOW).id == item.id
    with pytest.raises(NotFoundError, match="no item with id 'zzzzzzzz'"):
        store.get("zzzzzzzz", NOW)
    with pytest.raises(NotFoundError):
        store.get(item.id[:3], NOW)  # too short to be a prefix
    with pytest.raises(NotFoundError):
        store.history("nope")


# ---- lifecycle -------------------------------------------------------------------------------


def test_done_cancel_reopen_record_history(store: Store, populated: dict[str, str]) -> None:
    item_id = populated["past"]
    later = NOW + timedelta(hours=1)
    done = store.set_status(item_id, "done", later, note="sent on time", by="user")
    assert done.status == "done" and done.sequence == 1 and done.updated == later
    again = store.set_status(item_id, "done", later + timedelta(hours=1))
    assert again.sequence == 1 and again.updated == later  # no change, nothing recorded
    store.set_status(item_id, "open", later)
    reopened = store.get(item_id, NOW)
    assert reopened.status == "missed" and reopened.sequence == 2
    hist = store.history(item_id)
    assert [(h.field, h.old, h.new, h.by, h.why) for h in hist] == [
        ("created", None, "open", "user", None),
        ("status", "missed", "done", "user", "sent on time"),
        ("status", "done", "open", "user", None),
    ]
    with pytest.raises(InputError):
        store.set_status(item_id, "missed", NOW)  # missed is computed, never set
    with pytest.raises(NotFoundError):
        store.set_status("unknown1", "done", NOW)


def test_edit_fields_and_history(store: Store, populated: dict[str, str]) -> None:
    item_id = populated["undated"]
    item = store.edit(item_id, now=NOW, when="2025-06-02", title="Appoint a PR consultant", actors=["Qantas", "ATC"],
                      location="Bombay", note="from the airline")
    assert (item.when, item.title, item.actors, item.location, item.sequence) == (
        "2025-06-02", "Appoint a PR consultant", ("Qantas", "ATC"), "Bombay", 1
    )
    fields = {h.field: (h.old, h.new, h.why) for h in store.history(item_id)[1:]}
    assert fields == {
        "when": (None, "2025-06-02", "from the airline"),
        "title": ("Appoint a Bombay consultant", "Appoint a PR consultant", "from the airline"),
        "actors": ('["Qantas"]', '["Qantas", "ATC"]', "from the airline"),
        "location": (None, "Bombay", "from the airline"),
    }
    assert _ids(store.items(now=NOW, search="pr consultant")) == [item_id]
    assert _ids(store.items(now=NOW, actor="atc")) == [item_id]
    on_day = store.items(now=NOW, since=date(2025, 6, 2), until=date(2025, 6, 2))
    assert set(_ids(on_day)) == {item_id, populated["year"]}
    cleared = store.edit(item_id, now=NOW, when=None, location=None)
    assert cleared.when is None and cleared.location is None and cleared.sequence == 2
    unchanged = store.edit(item_id, now=NOW, title="Appoint a PR consultant")
    assert unchanged.sequence == 2


def test_bad_edits_change_nothing(store: Store, populated: dict[str, str]) -> None:
    item_id = populated["soon"]
    before = store.get(item_id, NOW)
    with pytest.raises(InputError, match="malformed date 'next week'"):
        store.edit(item_id, now=NOW, when="next week")
    with pytest.raises(InputError):
        store.edit(item_id, now=NOW, title="   ")
    with pytest.raises(InputError):
        store.edit(item_id, now=NOW, kind="party")
    assert store.get(item_id, NOW) == before
    assert len(store.history(item_id)) == 1


def test_add_manual(store: Store) -> None:
    item = store.add_manual(title="  Call   the ministry ", when="2025-06-11/2025-06-11", actors=["Me", "Me", " "],
                            now=NOW, note="promised on the phone")
    assert (item.title, item.when, item.actors, item.kind, item.status, item.evidence) == (
        "Call the ministry", "2025-06-11", ("Me",), "commitment", "open", ()
    )
    [h] = store.history(item.id)
    assert (h.field, h.by, h.why) == ("created", "user", "promised on the phone")
    twin = store.add_manual(title="Call the ministry", now=NOW)
    assert twin.id != item.id and twin.uid != item.uid
    with pytest.raises(InputError):
        store.add_manual(title="x", when="someday", now=NOW)
    with pytest.raises(InputError):
        store.add_manual(title="", now=NOW)


def test_to_dict_contract(store: Store) -> None:
    r = ingest(store, "seeds/a.txt", date(2025, 4, 21), make_item("TurkPA session", when="2025-06-11", span=(17, 30)))
    d = store.get(r.new[0], NOW).to_dict()  # type: ignore[attr-defined]
    assert list(d) == sorted(d)
    assert set(d) >= {"id", "uid", "kind", "title", "actors", "when", "location", "status", "evidence", "created",
                      "updated", "sequence"}
    assert d["location"] is None and d["actors"] == ["TurkPA"] and d["created"] == "2025-05-01T12:00:00+00:00"
    assert d["evidence"] == [
        {"document": "seeds/a.txt", "published": "2025-04-21", "sentence": "TurkPA session.", "span": [17, 30],
         "url": None}
    ]


@pytest.mark.parametrize("first", ["acronym", "long"])
def test_articles_naming_one_body_differently_report_one_item(store: Store, first: str) -> None:
    """One article says "TurkPA", another only "the Parliamentary Assembly of Turkic States": one
    calendar entry with both sentences, its actor named once; the Turkic Council's meeting on the
    same days in the same city stays its own item."""
    short = make_item("TurkPA session", actors=("TurkPA",), when="2025-06-11/2025-06-12", location="Astana",
                      sentence="The session of the TurkPA is slated for June 11-12 in Astana.")
    long_ = make_item("Parliamentary Assembly of Turkic States session",
                      actors=("Parliamentary Assembly of Turkic States",), when="2025-06-11/2025-06-12",
                      location="Astana", sentence="The session of the Parliamentary Assembly of Turkic States opens "
                                                  "in Astana on June 11.")
    council = make_item("Turkic Council session", actors=("Turkic Council",), when="2025-06-11/2025-06-12",
                        location="Astana", sentence="The Turkic Council meets in Astana on June 11-12.")
    a, b = (short, long_) if first == "acronym" else (long_, short)
    ingest(store, "a.txt", date(2025, 4, 21), a)
    report = ingest(store, "b.txt", date(2025, 4, 25), b)
    assert report.new == [] and len(report.merged) == 1  # type: ignore[attr-defined]
    ingest(store, "c.txt", date(2025, 4, 26), council)
    found = store.items(now=NOW, status="all")
    assert len(found) == 2
    [item] = [i for i in found if i.id == report.merged[0]]  # type: ignore[attr-defined]
    assert item.actors == tuple(a.actors) and len(item.evidence) == 2
    assert [i.actors for i in found if i.id != item.id] == [("Turkic Council",)]


# ---- planner statistics ------------------------------------------------------------------------


def _analyzed_tables(store: Store) -> set[str]:
    """The tables the query planner has statistics for."""
    from sqlalchemy import text

    with store.engine.connect() as conn:
        if store.is_sqlite:
            if not conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")).scalar():
                return set()
            return {r[0] for r in conn.execute(text("SELECT DISTINCT tbl FROM sqlite_stat1"))}
        return {r[0] for r in conn.execute(text(
            "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() AND last_analyze IS NOT NULL"))}


def test_ingest_keeps_planner_statistics_current(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store grown from empty gets statistics every STATS_EVERY_DOCUMENTS new documents, so its
    merge lookups are not planned as if it were still empty (bench/store.py: 2x ingest on PostgreSQL)."""
    from tracker.store import core, engine

    monkeypatch.setattr(core, "STATS_EVERY_DOCUMENTS", 3)
    monkeypatch.setattr(engine, "STATS_BASE_ROWS", 0)  # a few rows are enough to count as grown
    for n in range(2):
        ingest(store, f"a{n}.txt", date(2025, 4, 1 + n), make_item(f"Summit number {n} of the leaders", actors=(f"Land{n}",)),
               make_item(f"Trade fair {n} in the capital city", actors=(f"City{n}",)))
    assert "item_terms" not in _analyzed_tables(store)
    ingest(store, "a2.txt", date(2025, 4, 3), make_item("Harvest festival of the valley", actors=("Valley",)))
    assert {"items", "item_terms"} <= _analyzed_tables(store)  # the third new document refreshed them
    ingest(store, "a2.txt", date(2025, 4, 3), make_item("Harvest festival of the valley", actors=("Valley",)))
    if not store.is_sqlite:
        assert store.refresh_statistics() == []  # nothing changed since: nothing to analyze


def test_a_busy_store_never_fails_an_ingest_over_its_statistics(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The database refusing the statistics statement (a lock held by another process, a role that
    may not analyze): the refresh gives up quietly, as statistics only speed later lookups, and an
    ingest that triggers it still succeeds."""
    import sqlite3

    import psycopg
    from sqlalchemy import event

    from tracker.store import core

    def refuse(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.startswith(("PRAGMA optimize", "SELECT relname")):
            raise (sqlite3.OperationalError("database is locked") if store.is_sqlite
                   else psycopg.errors.InsufficientPrivilege("permission denied"))

    event.listen(store.engine, "before_cursor_execute", refuse)
    try:
        assert store.refresh_statistics() == []
        monkeypatch.setattr(core, "STATS_EVERY_DOCUMENTS", 1)  # the ingest below triggers a refresh
        result = ingest(store, "a.txt", date(2025, 4, 1), make_item("Summit of the leaders", actors=("Land",)))
    finally:
        event.remove(store.engine, "before_cursor_execute", refuse)
    assert result.new and store.counts()["documents"] == 1  # type: ignore[attr-defined]
