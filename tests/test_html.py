"""The HTML page in a real headless Chromium (Debian's), driven by Playwright; saves a screenshot."""
from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from test_server import ServerThread

from tracker.cli import cli
from tracker.feeds import FeedSettings
from tracker.server import create_app
from tracker.store import Store

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def _chromium() -> Path:
    """Debian's chromium; installed with apt-get when missing and we are root (never a browser download)."""
    if not CHROMIUM.exists() and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], env=env, capture_output=True, timeout=900)
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does it)")
    return CHROMIUM


@pytest.fixture
def site(isolated_env: Path, monkeypatch: pytest.MonkeyPatch, article: Any) -> Iterator[tuple[str, Store]]:
    db = str(isolated_env / "store.db")
    monkeypatch.chdir(ROOT)
    assert CliRunner().invoke(cli, ["--db", db, "ingest", "seeds/"]).exit_code == 0  # the real extractor
    import tracker.extract
    from conftest import scripted_items

    monkeypatch.setattr(tracker.extract, "extract_items", scripted_items)
    hostile = article(isolated_env / "news", "evil.txt", "2025-04-22",
                      "ITEM commitment | <script>window.pwned=1;alert(1)</script><img src=x onerror=alert(2)> "
                      "deal | Kazakhstan | 2025-09 | Astana")
    assert CliRunner().invoke(cli, ["--db", db, "ingest", str(hostile)]).exit_code == 0
    store = Store(db)
    app = create_app(store, FeedSettings(), clock=lambda: NOW, reload_seconds=0)
    with ServerThread(app) as url:
        yield url, store
    store.close()


def test_page_in_headless_chromium(site: tuple[str, Store], tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    base, _ = site
    chromium = _chromium()
    problems: list[str] = []
    dialogs: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            response = page.goto(f"{base}/", wait_until="load")
            assert response is not None and response.status == 200
            page.wait_for_timeout(300)
            page.screenshot(path=str(tmp_path / "page.png"), full_page=True)

            session = page.locator("#events .item, .item.event").filter(has_text="TurkPA session").first
            assert session.count() == 1, page.content()[:2000]
            text = session.inner_text()
            assert "11 June 2025 – 12 June 2025" in text and "Astana" in text
            assert "The session of the TurkPA is slated for June 11-12 in Astana." in text
            assert "seeds/000_12d6a3618a4b866a.txt" in text and "published 2025-04-21" in text

            # <script> in an article is text on the page, never code.
            evil = page.locator(".item").filter(has_text="window.pwned").first
            assert "<script>window.pwned=1;alert(1)</script>" in evil.inner_text()
            assert page.evaluate("window.pwned") is None
            assert page.evaluate("document.scripts.length") == 0
            assert dialogs == []

            rows = page.locator("tr.feed")
            names = [rows.nth(i).get_attribute("data-feed") for i in range(rows.count())]
            assert names == ["all", "events", "commitments", "tasks"]
            for name in names:
                row = page.locator(f'tr.feed[data-feed="{name}"]')
                https = row.locator("a.https").get_attribute("href")
                webcal = row.locator("a.webcal").get_attribute("href")
                google = row.locator("a.google").get_attribute("href")
                assert https == f"{base}/calendars/{name}.ics"
                assert webcal == "webcal://" + https.removeprefix("http://")
                assert google == "https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe="")
                feed = page.request.get(https)
                assert feed.status == 200 and feed.headers["content-type"] == "text/calendar; charset=utf-8"
                assert feed.body().startswith(b"BEGIN:VCALENDAR\r\n")
        finally:
            browser.close()
    assert problems == []
    assert (tmp_path / "page.png").stat().st_size > 10_000
