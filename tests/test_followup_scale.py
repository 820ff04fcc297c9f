"""Follow-up cost does not grow with an item's evidence (issue 7: "matching must use indexes").

A bench merged many articles into the same items and settling one item reread (and ran the
ordinal regex over) every evidence sentence of every candidate, once per candidate outcome. These
tests count what settling reads instead of timing it: an item with 500 evidence rows costs exactly
the statements and regex calls an item with two rows does, and no statement reads the sentences.
"""
from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event, insert, select, text

import tracker.followup.apply as apply
from tracker.followup import FollowupResult, Outcome, settle_item
from tracker.followup.apply import _views, store_outcomes
from tracker.followup.outcomes import find_ordinal
from tracker.models import Document, Item
from tracker.store import SCHEMA_HEAD, Store, resolve_url
from tracker.store.engine import make_engine, run_write
from tracker.store.schema import documents, evidence

NOW = datetime(2025, 12, 1, tzinfo=UTC)
START = date(2025, 1, 1)


def _doc(path: str, published: date, text: str) -> Document:
    content = f"date {published.isoformat()}\n\n{text}\n"
    return Document(path, content, published, 17, hashlib.sha256(content.encode()).hexdigest())


def _document_row(conn: Connection, d: Document) -> int:
    pk = conn.execute(insert(documents).values(sha256=d.sha256, path=d.path, published=d.published,
                                               ingested_at=NOW)).inserted_primary_key
    assert pk is not None
    return int(pk[0])


def _sentence(actor: str, i: int, n: int) -> str:
    if i == 1:
        return f"The 6th session of the {actor} will be held in Baku."
    if i == n - 1:
        return f"The 7th session of the {actor} will be held in Baku."
    return f"Delegates discussed the {actor} session in Baku again ({i})."


def _scenario(store: Store, actor: str, n_evidence: int, n_outcomes: int = 12) -> str:
    """An event item with n_evidence evidence rows (as the store writes them) and n_outcomes
    stored progress reports that are candidates for it."""
    item = store.add_manual(title=f"{actor} session in Baku", now=datetime(2025, 1, 1, tzinfo=UTC), kind="event",
                            when="2025-06-11", actors=[actor], location="Baku")
    with store.engine.begin() as conn:
        doc_id = _document_row(conn, _doc(f"{actor}-evidence.txt", START, actor))
        conn.execute(insert(evidence), [
            {"item_id": item.id, "document_id": doc_id, "sentence": (s := _sentence(actor, i, n_evidence)),
             "span_start": i, "span_end": i + 1, "published": START + timedelta(days=i % 60),
             "ordinal": find_ordinal(s)}
            for i in range(n_evidence)
        ])
        for j in range(n_outcomes):
            sentence = f"Preparations for the {actor} session in Baku have begun ({j})."
            d = _doc(f"{actor}-report-{j}.txt", date(2025, 6, 12) + timedelta(days=j), sentence)
            _document_row(conn, d)
            store_outcomes(conn, d, [Outcome(
                kind="progress", cue="preparations have begun", sentence=sentence, span=(17, 17 + len(sentence)),
                published=d.published, actors=(actor,), terms=("session", "baku"), location="Baku",
                document=d.path,
            )])
    return item.id


def _settle_counting(store: Store, item_id: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], int, Any]:
    """Settle the item; the SQL statements issued, the regex calls made, and the result."""
    statements: list[str] = []
    calls = 0
    real = apply.find_ordinal

    def counted(text: str) -> int | None:
        nonlocal calls
        calls += 1
        return real(text)

    def listener(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
        statements.append(statement)

    monkeypatch.setattr(apply, "find_ordinal", counted)
    event.listen(store.engine, "before_cursor_execute", listener)
    try:
        result = FollowupResult()
        with store.engine.begin() as conn:
            settle_item(store, conn, item_id, NOW, result)
    finally:
        event.remove(store.engine, "before_cursor_execute", listener)
        monkeypatch.setattr(apply, "find_ordinal", real)
    return statements, calls, result


def test_settling_a_heavily_merged_item_costs_what_a_fresh_one_does(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _scenario(store, "ERC", 2)
    big = _scenario(store, "CRB", 500)
    small_sql, small_calls, small_result = _settle_counting(store, small, monkeypatch)
    big_sql, big_calls, big_result = _settle_counting(store, big, monkeypatch)
    # Every candidate outcome was scored and applied (progress is recorded in the history).
    assert len(small_result.applied) == len(big_result.applied) == 12
    # The same statements and the same regex calls, whatever the item's evidence count...
    assert len(big_sql) == len(small_sql)
    assert big_calls == small_calls
    # ...bounded by the candidates, not by the evidence...
    assert big_calls <= 2 * 12
    assert len(big_sql) < 20 * 12
    # ...and no statement reads the evidence sentences (their number is read from evidence.ordinal).
    reads = [s for s in big_sql if s.lstrip().upper().startswith("SELECT")]
    assert not any("evidence.sentence" in s for s in reads)


def test_the_view_reads_the_first_numbered_sentence_first_evidence_and_first_date(store: Store) -> None:
    item_id = _scenario(store, "CRB", 500, n_outcomes=0)
    with store.engine.connect() as conn:
        view = _views(conn, [item_id])[item_id]
    # "6th" is on day 1; "7th" is on a later day; day 0's rows (i = 0, 60, ...) carry no number.
    assert view.ordinal == 6
    assert view.sentences == (("CRB-evidence.txt", 0),)
    assert view.first_seen == START


def test_the_store_records_each_evidence_sentence_number(store: Store) -> None:
    sentence = "The 6th session of the TurkPA will be held in Astana on June 11."
    d = _doc("a.txt", date(2025, 4, 1), sentence)
    item = Item("event", "TurkPA session", ["TurkPA"], "2025-06-11", "Astana", sentence, (17, 17 + len(sentence)),
                1.0, "test", d.path, d.published)
    (item_id,) = store.ingest_document(d, [item], NOW).new
    with store.engine.connect() as conn:
        assert conn.execute(select(evidence.c.ordinal).where(evidence.c.item_id == item_id)).scalar_one() == 6
        assert _views(conn, [item_id])[item_id].ordinal == 6


def test_the_migration_numbers_the_evidence_already_stored(store_url: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", "tracker:migrations")
    engine = make_engine(resolve_url(store_url))

    def to(revision: str) -> None:
        def work(conn: Connection) -> None:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        run_write(engine, work)

    to("0005")
    with engine.begin() as conn:
        conn.execute(text(
            'INSERT INTO items (id, uid, kind, title, norm_title, search_text, "when", when_first, when_last, '
            "location, status, sequence, created, updated) VALUES ('abcd2345', 'ff@tracker', 'event', "
            "'TurkPA session', 'turkpa session', 'turkpa session', '2025-06-11', '2025-06-11', '2025-06-11', "
            "NULL, 'open', 0, '2025-04-01 00:00:00', '2025-04-01 00:00:00')"))
        conn.execute(text("INSERT INTO documents (id, sha256, path, published, ingested_at) "
                          "VALUES (1, 'aa', 'a.txt', '2025-04-01', '2025-04-01 00:00:00')"))
        conn.execute(text(
            "INSERT INTO evidence (item_id, document_id, sentence, span_start, span_end, published) VALUES "
            "('abcd2345', 1, 'The sixth session of the TurkPA will be held in Astana.', 0, 10, '2025-04-01'), "
            "('abcd2345', 1, 'The TurkPA session will be held in Astana.', 20, 30, '2025-04-01')"))
    engine.dispose()
    with Store(store_url) as s, s.engine.connect() as conn:
        assert SCHEMA_HEAD >= "0006"
        got = conn.execute(select(evidence.c.span_start, evidence.c.ordinal).order_by(evidence.c.span_start)).all()
        assert [tuple(r) for r in got] == [(0, 6), (20, None)]
        assert _views(conn, ["abcd2345"])["abcd2345"].ordinal == 6
