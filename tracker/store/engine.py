"""Opening a store: URL resolution, engine setup per backend, write transactions with retries,
and the schema version check (alembic migrations run only when the store is behind).
"""
from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from ..errors import StoreError
from .schema import SCHEMA_HEAD

T = TypeVar("T")

APP_NAME = "tracker"
DEFAULT_FILENAME = "tracker.db"
SQLITE_BUSY_TIMEOUT_S = 30.0
_OPEN_ATTEMPTS = 12
# One PostgreSQL advisory lock serializes writers, as SQLite's write lock does: merging reads
# the items it may merge into, so two concurrent ingests must not both create the same item.
PG_WRITE_LOCK = 0x7472_6163  # "trac"
_RETRYABLE_PG_STATES = ("40001", "40P01")  # serialization failure, deadlock


def default_store_path() -> Path:
    """The default SQLite file in the platform's user data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DEFAULT_FILENAME


def resolve_url(url: str | None) -> str:
    """A store location (None, a file path or an SQLAlchemy URL) as an SQLAlchemy URL string.

    `postgresql://` and `postgres://` URLs use the psycopg (3) driver that tracker installs.
    """
    if url is None or not url.strip():
        return f"sqlite:///{default_store_path()}"
    url = url.strip()
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().absolute()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's implicit BEGIN is
        # DEFERRED, which turns a read-then-write into a SQLITE_BUSY no timeout can wait out).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        cur.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
        cur.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed data
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("tracker_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    """An engine for the URL: SQLite in WAL mode with a busy timeout, or PostgreSQL."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"invalid store URL {url!r}: give a file path or an SQLAlchemy URL") from None
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            database = parsed.database
            if database and database != ":memory:" and not database.startswith("file:"):
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
            _sqlite_setup(engine)
            return engine
        if backend == "postgresql":
            return create_engine(url, connect_args={"connect_timeout": 10})
    except NoSuchModuleError:
        pass
    except OSError as exc:
        raise StoreError(f"cannot create the store directory for {display_url(url)}: {exc.strerror or exc}") from None
    raise StoreError(f"unsupported store URL {display_url(url)!r}: use a SQLite file path or postgresql+psycopg://…")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _retryable(exc: DBAPIError) -> bool:
    message = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
    if "database is locked" in message or "database is busy" in message:
        return True
    state = getattr(exc.orig, "sqlstate", None)
    return state in _RETRYABLE_PG_STATES


def run_write(engine: Engine, work: Callable[[Connection], T], attempts: int = 12, *, durable: bool = True) -> T:
    """Run `work` in one write transaction (all or nothing), retrying while the store is busy.

    SQLite takes the write lock up front (BEGIN IMMEDIATE) and waits up to the busy timeout;
    PostgreSQL takes the writers' advisory lock. Lock timeouts and deadlocks are retried with
    jittered backoff; anything else propagates after the rollback.

    `durable=False` lets PostgreSQL acknowledge the commit before its WAL reaches the disk, as
    SQLite's WAL with synchronous=NORMAL does: a crash of the server (not of tracker) may lose the
    last moments of work but never leaves a half transaction. Ingest uses it: a rerun restores it.
    """
    for attempt in range(attempts):
        try:
            with engine.connect() as conn:
                conn = conn.execution_options(tracker_begin="IMMEDIATE")
                with conn.begin():
                    if not is_sqlite(engine):
                        if not durable:
                            conn.execute(text("SET LOCAL synchronous_commit TO OFF"))
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_WRITE_LOCK})
                    return work(conn)
        except DBAPIError as exc:
            if not _retryable(exc) or attempt == attempts - 1:
                raise
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


# Planner statistics (refresh_statistics): a table is re-analyzed once this many rows, plus this
# share of its rows, changed since its last ANALYZE: PostgreSQL autovacuum's own defaults.
STATS_BASE_ROWS = 50
STATS_SCALE = 0.1
SQLITE_ANALYSIS_LIMIT = 1000  # rows sampled per index by SQLite's ANALYZE (bounds its cost)


def refresh_statistics(engine: Engine, tables: Sequence[str]) -> list[str]:
    """Bring the query planner's statistics up to date where the tables grew; the tables analyzed.

    Ingest's merge lookups (an item's candidate matches by shared title terms) are planned from
    these statistics. A store that grew from empty without them is planned as if it were still
    empty: on PostgreSQL each lookup cost 2.9 ms instead of 0.35 ms after 3,000 articles and ingest
    ran at half speed (bench/store.py). PostgreSQL's autovacuum refreshes them, but only where it
    is enabled and only every minute; SQLite has none until ANALYZE runs.

    PostgreSQL: ANALYZE the tables whose changed rows since their last analysis exceed
    autovacuum's threshold (STATS_BASE_ROWS + STATS_SCALE x rows). SQLite: PRAGMA optimize, which
    analyzes only what the planner found lacking, sampling at most SQLITE_ANALYSIS_LIMIT rows.

    Best effort: statistics only speed later lookups, so a store that is busy (another process
    holds its lock) or a role that may not analyze never fails the ingest that asked; the next
    refresh tries again.
    """
    try:
        return _refresh_statistics(engine, tables)
    except DBAPIError:
        return []


def _refresh_statistics(engine: Engine, tables: Sequence[str]) -> list[str]:
    with engine.connect() as conn:
        if is_sqlite(engine):
            conn.exec_driver_sql(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
            conn.exec_driver_sql("PRAGMA optimize")
            conn.commit()
            return []  # SQLite does not say which tables it analyzed
        if (engine.dialect.server_version_info or (0,)) >= (15,):
            # This connection's own recent writes reach the statistics views only when the server
            # flushes them (within a second or so): flush them now, outside a transaction.
            conn.exec_driver_sql("SELECT pg_stat_force_next_flush()")
            conn.commit()
        rows = conn.execute(
            text("SELECT relname, n_live_tup, n_mod_since_analyze FROM pg_stat_user_tables "
                 "WHERE schemaname = current_schema() AND relname = ANY(:names)"),
            {"names": list(tables)},
        ).all()
        stale = sorted(r.relname for r in rows if r.n_mod_since_analyze > STATS_BASE_ROWS + STATS_SCALE * r.n_live_tup)
        if stale:
            quote = conn.dialect.identifier_preparer.quote
            conn.exec_driver_sql("ANALYZE " + ", ".join(quote(name) for name in stale))
        conn.commit()
        return stale


def read_schema_version(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _migrate(engine: Engine, url: str) -> None:
    # Imported here: alembic costs ~0.3 s of start-up and is needed only to create or upgrade.
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", "tracker:migrations")
    known = {rev.revision for rev in ScriptDirectory.from_config(cfg).walk_revisions()}

    def upgrade(conn: Connection) -> None:
        version = read_schema_version(conn)  # again, under the write lock
        if version == SCHEMA_HEAD:
            return
        # A database holding other tables and no tracker version belongs to someone else (an
        # application's schema, a browser's places.sqlite): never add tracker's tables to it.
        if version is None and inspect(conn).get_table_names():
            raise StoreError(f"{display_url(url)} has tables but no tracker schema version: it is not a tracker store")
        if version is not None and version not in known:
            raise StoreError(
                f"the store {display_url(url)} has schema revision {version}, newer than this tracker "
                f"understands ({SCHEMA_HEAD}); upgrade tracker"
            )
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")

    run_write(engine, upgrade)


def open_engine(url: str) -> Engine:
    """Create the engine and make sure the schema is current (creating or upgrading it).

    Raises:
        StoreError: the store cannot be reached or has a schema newer than this code.
    """
    return prepare_engine(make_engine(url), url)


def prepare_engine(engine: Engine, url: str) -> Engine:
    """Make sure the engine's schema is current; dispose of it and raise StoreError if it cannot be."""
    try:
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                with engine.connect() as conn:
                    version = read_schema_version(conn)
                if version != SCHEMA_HEAD:
                    _migrate(engine, url)
                break
            except DBAPIError as exc:
                # Several processes opening a new SQLite file at once: the switch to WAL and the first
                # schema read can meet another's creation lock with SQLITE_BUSY, which SQLite returns
                # at once (no busy wait) when waiting could deadlock. Back off and open again.
                if not _retryable(exc) or attempt == _OPEN_ATTEMPTS - 1:
                    raise
                engine.dispose()
                time.sleep(min(1.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    except StoreError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        reason = " ".join(str(exc.orig if exc.orig is not None else exc).split())
        raise StoreError(f"cannot open the store {display_url(url)}: {reason}") from None
    except OperationalError as exc:  # pragma: no cover - DBAPIError covers driver errors
        engine.dispose()
        raise StoreError(f"cannot open the store {display_url(url)}: {exc}") from None
    return engine
