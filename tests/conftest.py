"""Shared fixtures: store URLs for both backends, a fixed clock, article files.

The store fixtures are parametrized over SQLite (a file in tmp_path) and the real PostgreSQL
server (one database per test run, one fresh schema per test). Without a reachable PostgreSQL
those cases skip with the reason, except under CI=true, where they fail.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get("TRACKER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
NOW = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)


def _pg_unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL is required under CI but unreachable: {reason}")
    pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL} ({reason}); SQLite cases still run")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run (dropped at the end): its psycopg URL."""
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - psycopg is a dependency
        _pg_unavailable(str(exc))
    name = f"tracker_test_{secrets.token_hex(4)}"
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        _pg_unavailable(" ".join(str(exc).split())[:200])
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_schema_url(database_url: str) -> str:
    """A URL whose connections use a new, empty schema: a fresh store per test."""
    import psycopg

    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{url}?options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL (or file path) of a fresh, empty store on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return _pg_schema_url(request.getfixturevalue("pg_database"))


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


@pytest.fixture
def store(store_url: str) -> Iterator[object]:
    from tracker.store import Store

    s = Store(store_url)
    yield s
    s.close()


@pytest.fixture
def now() -> datetime:
    return NOW


# ---- articles and a scripted extractor -------------------------------------------------------
# Store and CLI tests pin their expectations on items they script, so that they test merging,
# storage and output rather than the extractor (which tests/test_extract*.py cover). A line
#   ITEM kind | title | actor; actor | when | location [| change]
# in an article's body becomes one item whose evidence is that line.


def scripted_items(doc: object) -> list[object]:
    from tracker.models import Document, Item

    assert isinstance(doc, Document)
    found: list[object] = []
    pos = doc.body_start
    for line in doc.content[doc.body_start :].splitlines(keepends=True):
        text = line.strip()
        if text.startswith("ITEM "):
            parts = [p.strip() for p in text[5:].split("|")]
            kind, title, actors, when, location = parts[:5]
            start = doc.content.index(text, pos)
            found.append(
                Item(
                    kind=kind,
                    title=title,
                    actors=[a.strip() for a in actors.split(";") if a.strip()],
                    when=when or None,
                    location=location or None,
                    evidence=text,
                    span=(start, start + len(text)),
                    confidence=1.0,
                    rule="scripted",
                    document=doc.path,
                    published=doc.published,
                    change=parts[5] if len(parts) > 5 and parts[5] else None,
                )
            )
        pos += len(line)
    return found


@pytest.fixture
def scripted_extractor(monkeypatch: pytest.MonkeyPatch) -> object:
    """Make `tracker ingest` (in this process) use `scripted_items` instead of the extractor."""
    import tracker.extract

    monkeypatch.setattr(tracker.extract, "extract_items", scripted_items)
    return scripted_items


def write_article(directory: Path, name: str, published: str, *lines: str) -> Path:
    """An article in the seed format: a date line, a blank line, then `lines`."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"date {published}\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def article() -> object:
    return write_article


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No user config or data dir and no TRACKER_* variables leak into a test; the clock is pinned."""
    for name in list(os.environ):
        if name.startswith("TRACKER_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("TRACKER_NOW", NOW.isoformat())
    return tmp_path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite golden files (calendars/) from the current code instead of comparing.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
