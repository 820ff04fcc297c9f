"""Schema versioning on both backends: migrations match the tables, old stores upgrade in place,
newer or foreign stores are refused with one clear line."""
from __future__ import annotations

import threading
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from tracker.errors import StoreError
from tracker.models import Document, Item
from tracker.store import SCHEMA_HEAD, Store, resolve_url
from tracker.store.engine import make_engine, read_schema_version, run_write
from tracker.store.schema import declare_partial_indexes, metadata

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "tracker:migrations")
    return cfg


def upgrade_to(url: str, revision: str) -> None:
    engine = make_engine(resolve_url(url))
    cfg = alembic_config()

    def work(conn: Connection) -> None:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)

    run_write(engine, work)
    engine.dispose()


def test_schema_head_is_the_last_migration() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SCHEMA_HEAD


def test_migrations_build_exactly_the_declared_tables(store_url: str) -> None:
    Store(store_url).close()
    declare_partial_indexes()
    engine = make_engine(resolve_url(store_url))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == []


def test_old_store_upgrades_in_place_keeping_its_data(store_url: str) -> None:
    upgrade_to(store_url, "0001")
    engine = make_engine(resolve_url(store_url))
    with engine.begin() as conn:
        assert read_schema_version(conn) == "0001"
        conn.execute(
            text(
                'INSERT INTO items (id, uid, kind, title, norm_title, search_text, "when", when_first, when_last, '
                "location, status, sequence, created, updated) VALUES ('abcd2345', 'ff@tracker', 'event', "
                "'TurkPA session', 'turkpa session', 'turkpa session', '2025-06-11', '2025-06-11', '2025-06-11', "
                "NULL, 'open', 0, '2025-04-01 00:00:00', '2025-04-01 00:00:00')"
            )
        )
        conn.execute(text("INSERT INTO item_actors VALUES ('abcd2345', 0, 'TurkPA', 'turkpa')"))
    engine.dispose()

    with Store(store_url) as s:
        with s.engine.connect() as conn:
            assert read_schema_version(conn) == SCHEMA_HEAD
        old = s.get("abcd2345", NOW)
        assert (old.title, old.when, old.actors, old.created) == (
            "TurkPA session", "2025-06-11", ("TurkPA",), datetime(2025, 4, 1, tzinfo=timezone.utc)
        )
        # The upgraded merge index finds the old item: a new report merges into it.
        doc = Document("b.txt", "date 2025-04-22\n\nx", date(2025, 4, 22), 17, "cd" * 32)
        item = Item("event", "session of the TurkPA", ["TurkPA"], "2025-06-11", None, "x", (17, 18), 1.0, "t")
        assert s.ingest_document(doc, [item], NOW).merged == ["abcd2345"]


def test_newer_schema_is_refused(store_url: str) -> None:
    with Store(store_url) as s, s.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match=rf"schema revision 9999, newer than this tracker understands \({SCHEMA_HEAD}\); upgrade"):
        Store(store_url)


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE items (x)")
    with pytest.raises(StoreError, match="not a tracker store"):
        Store(str(path))


def test_database_of_another_program_is_refused_and_left_untouched(store_url: str) -> None:
    # e.g. --db pointing at a browser's places.sqlite or an application's PostgreSQL schema:
    # tracker must not add its tables to it.
    engine = make_engine(resolve_url(store_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE moz_places (id INTEGER)"))
    with pytest.raises(StoreError, match="has tables but no tracker schema version: it is not a tracker store"):
        Store(store_url)
    from sqlalchemy import inspect

    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["moz_places"]
    engine.dispose()


def test_garbage_file_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not a database at all, just some text that is long enough" * 20)
    with pytest.raises(StoreError, match="cannot open the store sqlite:///.*garbage.db: file is not a database"):
        Store(str(path))


def test_unreachable_postgres_is_a_store_error() -> None:
    with pytest.raises(StoreError, match=r"cannot open the store postgresql\+psycopg://postgres:\*\*\*@127.0.0.1:1/x"):
        Store("postgresql://postgres:secret@127.0.0.1:1/x")


@pytest.mark.parametrize(
    "url,message",
    [("mysql+nosuchdriver://h/db", "unsupported store URL"), ("sqlite+nope://", "unsupported store URL")],
)
def test_unsupported_urls(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        Store(url)


def test_url_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_url("my.db") == f"sqlite:///{tmp_path / 'my.db'}"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url(None).startswith("sqlite:///") and resolve_url(None).endswith("tracker.db")


def test_default_store_lives_in_the_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with Store() as s:
        assert s.url == f"sqlite:///{tmp_path / 'data' / 'tracker' / 'tracker.db'}"
    assert (tmp_path / "data" / "tracker" / "tracker.db").is_file()


def test_concurrent_first_opens_create_the_schema_once(tmp_path: Path) -> None:
    url = str(tmp_path / "race.db")
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            Store(url).close()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(url) as s, s.engine.connect() as conn:
        assert read_schema_version(conn) == SCHEMA_HEAD


def test_store_from_an_existing_engine(store_url: str) -> None:
    engine = make_engine(resolve_url(store_url))
    with Store(engine=engine) as s:
        assert s.engine is engine and s.counts()["items"] == 0
        assert Store(s.url).counts()["items"] == 0  # the URL keeps what is needed to reconnect


def test_busy_first_open_is_retried_not_reported(tmp_path: Path) -> None:
    # SQLite answers SQLITE_BUSY at once (no busy wait) when waiting could deadlock, as when several
    # processes create a new store together (seen in CI); opening backs off and tries again.
    import sqlite3

    from sqlalchemy import event

    from tracker.store.engine import make_engine, prepare_engine

    url = resolve_url(str(tmp_path / "busy.db"))
    engine = make_engine(url)
    busy = {"left": 2}

    @event.listens_for(engine, "connect")
    def _busy_twice(_dbapi_connection: object, _record: object) -> None:
        if busy["left"]:
            busy["left"] -= 1
            raise sqlite3.OperationalError("database is locked")

    prepare_engine(engine, url)
    assert busy["left"] == 0
    with engine.connect() as conn:
        assert read_schema_version(conn) == SCHEMA_HEAD
    engine.dispose()
