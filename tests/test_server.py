"""The feed server, tested against a real uvicorn (httptools) on 127.0.0.1 in a thread."""
from __future__ import annotations

import gzip
import http.client
import json
import re
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx
import icalendar
import pytest
import uvicorn
from click.testing import CliRunner
from icscheck import ics_check

from tracker.cli import cli
from tracker.errors import TrackerError
from tracker.feeds import FeedSettings
from tracker.server import create_app
from tracker.store import Store
from tracker.tokens import add_token, revoke_token, token_source

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)
ARTICLE = [
    "ITEM event | TurkPA session | TurkPA; Kazakhstan | 2025-06-11/2025-06-12 | Astana",
    "ITEM commitment | Ratify the treaty | Kazakhstan | ../2025 |",
    "ITEM commitment | Open an embassy | Türkiye | 2025-09 | Ankara",
    "ITEM commitment | Strengthen ties | Türkiye; Kazakhstan | |",
    "ITEM event | <script>alert(1)</script> summit | NATO | 2025-07-01 | Brussels",
]


class ServerThread:
    """uvicorn.Server running an app on 127.0.0.1:<free port> in a daemon thread."""

    def __init__(self, app: Any) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", http="httptools",
                                loop="asyncio", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture
def db(isolated_env: Path, scripted_extractor: object, article: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    path = article(isolated_env / "news", "a.txt", "2025-04-21", *ARTICLE)
    db = str(isolated_env / "store.db")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(path)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def store(db: str) -> Iterator[Store]:
    s = Store(db)
    yield s
    s.close()


@pytest.fixture
def base(store: Store) -> Iterator[str]:
    app = create_app(store, FeedSettings(), clock=lambda: NOW, reload_seconds=0, tokens=token_source(store))
    with ServerThread(app) as url:
        yield url


def _get(url: str, **headers: str) -> httpx.Response:
    return httpx.get(url, headers={"accept-encoding": "identity", **headers})


def test_feed_content_type_validators_and_body(base: str) -> None:
    r = _get(f"{base}/calendars/all.ics")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    etag = r.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert parsedate_to_datetime(r.headers["last-modified"]) == NOW
    cal = icalendar.Calendar.from_ical(r.content)
    assert sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == sorted([
        "<script>alert(1)</script> summit", "TurkPA session", "September 2025: Open an embassy",
        "by end of 2025: Ratify the treaty"])
    assert _get(f"{base}/calendars/all.ics").content == r.content  # stable bytes, stable ETag


def test_conditional_requests(base: str) -> None:
    url = f"{base}/calendars/events.ics"
    first = _get(url)
    etag, lm = first.headers["etag"], first.headers["last-modified"]
    r = _get(url, **{"if-none-match": etag})
    assert r.status_code == 304 and r.content == b"" and r.headers["etag"] == etag
    assert _get(url, **{"if-none-match": f'"nope", W/{etag}'}).status_code == 304
    assert _get(url, **{"if-none-match": '"other"'}).status_code == 200
    assert _get(url, **{"if-modified-since": lm}).status_code == 304
    older = format_datetime(datetime(2025, 1, 1, tzinfo=timezone.utc), usegmt=True)
    assert _get(url, **{"if-modified-since": older}).status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 13.1.3)
    assert _get(url, **{"if-none-match": '"other"', "if-modified-since": lm}).status_code == 200
    assert _get(url, **{"if-modified-since": "garbage"}).status_code == 200
    # A date after the server's clock is no valid date: ignored, whatever it says (RFC 7232 3.3).
    ahead = format_datetime(NOW + timedelta(days=1), usegmt=True)
    assert _get(url, **{"if-modified-since": ahead}).status_code == 200
    assert _get(url, **{"if-modified-since": "Fri, 31 Dec 9999 23:59:59 GMT"}).status_code == 200


def test_head_has_the_headers_and_no_body(base: str) -> None:
    get = _get(f"{base}/calendars/tasks.ics")
    head = httpx.head(f"{base}/calendars/tasks.ics", headers={"accept-encoding": "identity"})
    assert head.status_code == 200 and head.content == b""
    for h in ("content-type", "content-length", "etag", "last-modified"):
        assert head.headers[h] == get.headers[h]
    assert int(head.headers["content-length"]) == len(get.content)


def test_gzip_when_accepted(base: str) -> None:
    plain = _get(f"{base}/calendars/all.ics")
    with httpx.Client() as client, client.stream("GET", f"{base}/calendars/all.ics",
                                                 headers={"accept-encoding": "gzip"}) as r:
        raw = b"".join(r.iter_raw())  # the bytes on the wire, decoded by hand below
    assert r.headers["content-encoding"] == "gzip" and r.headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(raw) == plain.content
    assert r.headers["etag"] != plain.headers["etag"]
    again = _get(f"{base}/calendars/all.ics", **{"accept-encoding": "gzip", "if-none-match": r.headers["etag"]})
    assert again.status_code == 304
    assert "content-encoding" not in _get(f"{base}/calendars/all.ics", **{"accept-encoding": "gzip;q=0"}).headers


@pytest.mark.parametrize(("query", "summaries"), [
    ("actor=Kazakhstan", ["TurkPA session", "by end of 2025: Ratify the treaty"]),
    ("actor=t%C3%BCrkiye&kind=commitment", ["September 2025: Open an embassy"]),
    ("kind=event&status=open", ["<script>alert(1)</script> summit", "TurkPA session"]),
    ("status=done", []),
], ids=["actor", "actor-kind", "kind-status", "none"])
def test_filters(base: str, query: str, summaries: list[str]) -> None:
    r = _get(f"{base}/calendars/all.ics?{query}")
    assert r.status_code == 200
    cal = icalendar.Calendar.from_ical(r.content)
    assert sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == sorted(summaries)
    assert _get(f"{base}/calendars/all.ics?{query}", **{"if-none-match": r.headers["etag"]}).status_code == 304


@pytest.mark.parametrize("query", ["kind=meeting", "status=later", "color=red", "actor=",
                                   "actor=Kazakhstan&actor=Turkey", "kind=event&kind=commitment"])
def test_bad_filters_are_400_json(base: str, query: str) -> None:
    r = _get(f"{base}/calendars/all.ics?{query}")
    assert r.status_code == 400
    body = r.json()
    assert body["ok"] is False and body["status"] == 400 and body["error"]


def _raw_status(base: str, path: str) -> int:
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.request("GET", path)
    status = conn.getresponse().status
    conn.close()
    return status


@pytest.mark.parametrize("path", [
    "/calendars/nope.ics", "/calendars/all.ICS", "/calendars/all", "/calendars/../tracker/server.py",
    "/calendars/%2e%2e/%2e%2e/etc/passwd", "/calendars/..%2fall.ics", "/calendars//all.ics",
    "/calendars/all.ics/..", "/calendars/all.ics%00", "/../calendars/all.ics", "/t/short/calendars/all.ics",
    "/calendars/.all.ics", "/static/../../etc/passwd",
])
def test_unknown_feeds_and_path_tricks_are_404(base: str, path: str) -> None:
    assert _raw_status(base, path) == 404


def test_tokens_right_wrong_revoked(base: str, store: Store) -> None:
    assert _get(f"{base}/calendars/all.ics").status_code == 200  # public while no token exists
    info, token = add_token(store, "phone", NOW)
    assert len(token) >= 22  # >= 128 bits in base64url
    assert _get(f"{base}/calendars/all.ics").status_code == 404
    assert _get(f"{base}/").status_code == 404
    ok = _get(f"{base}/t/{token}/calendars/all.ics")
    assert ok.status_code == 200 and ok.headers["content-type"] == "text/calendar; charset=utf-8"
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert _get(f"{base}/t/{wrong}/calendars/all.ics").status_code == 404
    page = _get(f"{base}/t/{token}/")
    assert page.status_code == 200 and f"/t/{token}/calendars/all.ics" in page.text
    assert _get(f"{base}/t/{token}/api/items").status_code == 200
    assert _get(f"{base}/healthz").status_code == 200
    revoke_token(store, info.id, NOW)
    assert _get(f"{base}/t/{token}/calendars/all.ics").status_code == 404
    assert _get(f"{base}/calendars/all.ics").status_code == 200  # no active token: public again


def test_change_moves_etag_and_last_modified_forward(base: str, db: str, store: Store) -> None:
    before = _get(f"{base}/calendars/all.ics")
    [item] = [i for i in store.items(now=NOW) if i.title == "TurkPA session"]
    later = datetime(2025, 5, 3, 9, 0, tzinfo=timezone.utc)
    store.edit(item.id, now=later, when="2025-06-12/2025-06-13")
    after = _get(f"{base}/calendars/all.ics", **{"if-none-match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    assert parsedate_to_datetime(after.headers["last-modified"]) == later
    ev = [e for e in icalendar.Calendar.from_ical(after.content).walk("VEVENT") if str(e["UID"]) == item.uid][0]
    assert ev["SEQUENCE"] > item.sequence
    # The change is in events and all, not in tasks: that feed keeps its validators.
    assert _get(f"{base}/calendars/tasks.ics").headers["last-modified"] == before.headers["last-modified"]


def test_api_items_match_list_json(base: str, db: str) -> None:
    api = _get(f"{base}/api/items?status=all").json()
    cli_out = CliRunner().invoke(cli, ["--db", db, "list", "--status", "all", "--json"])
    assert api == json.loads(cli_out.stdout)
    assert {i["kind"] for i in _get(f"{base}/api/items?kind=event").json()} == {"event"}
    assert _get(f"{base}/api/items?kind=x").status_code == 400
    # One value per filter (statuses excepted): a second one is refused, not silently preferred.
    assert _get(f"{base}/api/items?actor=Kazakhstan&actor=Turkey").status_code == 400
    assert _get(f"{base}/api/items?status=open&status=done").status_code == 200


def test_healthz(base: str) -> None:
    r = _get(f"{base}/healthz")
    assert r.status_code == 200 and r.json() == {"ok": True, "items": 5, "feeds": 4}


def test_page_escapes_article_text(base: str) -> None:
    r = _get(f"{base}/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;alert(1)&lt;/script&gt; summit" in r.text
    assert "script-src" not in r.headers["content-security-policy"]
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_not_found_and_method_errors_are_json(base: str) -> None:
    r = _get(f"{base}/nothing/here")
    assert r.status_code == 404 and r.json() == {"ok": False, "status": 404, "error": "not found"}
    post = httpx.post(f"{base}/calendars/all.ics")
    assert post.status_code == 405 and post.json()["status"] == 405


@pytest.mark.shared
def test_served_feeds_pass_ics_check_over_http(base: str) -> None:
    ics_check(*(f"{base}/calendars/{n}.ics" for n in ("all", "events", "commitments", "tasks")))


def test_token_commands(db: str) -> None:
    runner = CliRunner()
    added = runner.invoke(cli, ["--db", db, "token", "add", "my phone"])
    assert added.exit_code == 0, added.output
    token = added.stdout.strip()
    assert len(token) == 32 and "/t/" + token + "/calendars/all.ics" in added.stderr
    [row] = json.loads(runner.invoke(cli, ["--db", db, "token", "list", "--json"]).stdout)
    assert row["name"] == "my phone" and row["revoked"] is None and token not in json.dumps(row)
    assert runner.invoke(cli, ["--db", db, "token", "revoke", row["id"]]).exit_code == 0
    [row] = json.loads(runner.invoke(cli, ["--db", db, "token", "list", "--json"]).stdout)
    assert row["revoked"] == NOW.isoformat()
    missing = runner.invoke(cli, ["--db", db, "token", "revoke", "nope"])
    assert missing.exit_code == 4 and missing.stderr == "Error: no token with id 'nope' (see: tracker token list)\n"


def test_tracker_serve_command(db: str, tmp_path: Path) -> None:
    """`tracker serve` itself: uvicorn with httptools and uvloop in a subprocess, on 127.0.0.1."""
    import os
    import socket
    import subprocess
    import sys

    env = {**os.environ, "TRACKER_DB": db}
    # --port 0: the system picks a free port, and the start line names the real one.
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "serve", "--port", "0"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline().decode()
        m = re.fullmatch(r"Serving feeds on http://127\.0\.0\.1:(\d+)/\n", line)
        assert m and int(m[1]) > 0, line
        port = int(m[1])
        deadline = time.monotonic() + 20
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/healthz")
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "tracker serve did not start"
                time.sleep(0.2)
        assert r.json() == {"ok": True, "items": 5, "feeds": 4}
        feed = httpx.get(f"http://127.0.0.1:{port}/calendars/events.ics")
        assert feed.status_code == 200 and b"SUMMARY:TurkPA session" in feed.content
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_listens_where_uvicorn_would() -> None:
    """IPv4 unless the host is written with ':' (uvicorn's rule): 'localhost' is 127.0.0.1 even
    where the resolver lists ::1 first."""
    import socket

    from tracker.cli import _listen

    with _listen("localhost", 0) as sock:
        assert sock.family == socket.AF_INET and sock.getsockname()[0] == "127.0.0.1"
    if socket.has_ipv6:
        try:
            six = _listen("::1", 0)
        except TrackerError:
            pytest.skip("no IPv6 loopback on this machine")
        with six:
            assert six.family == socket.AF_INET6 and six.getsockname()[0] == "::1"


@pytest.mark.parametrize("host", ["127.0.0.1", "no such host.invalid"])
def test_tracker_serve_that_cannot_listen_says_so_in_one_line(db: str, host: str) -> None:
    # A busy port or an unknown host: one 'Error:' line and exit 1, not uvicorn's log line and
    # exit 3 (the code of a bad article).
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["--db", db, "serve", "--host", host, "--port", str(port)])
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: cannot listen on {host}:{port}: "), result.stderr


def test_token_store_on_both_backends(store_url: str) -> None:
    from tracker.server import token_matches
    from tracker.tokens import active_hashes, list_tokens

    s = Store(store_url)
    try:
        first, token = add_token(s, " laptop ", NOW)
        second, other = add_token(s, "phone", NOW)
        assert sorted(t.name for t in list_tokens(s)) == ["laptop", "phone"]
        assert token_matches(token, active_hashes(s)) and token_matches(other, active_hashes(s))
        revoke_token(s, first.id, NOW)
        assert not token_matches(token, active_hashes(s)) and token_matches(other, active_hashes(s))
        assert not token_matches("x" * 32, active_hashes(s))
    finally:
        s.close()


def test_store_down_serves_last_feeds_or_503(store: Store) -> None:
    app = create_app(store, FeedSettings(), clock=lambda: NOW, reload_seconds=0)
    with ServerThread(app) as url:
        assert _get(f"{url}/calendars/all.ics").status_code == 200

        def down(now: datetime) -> object:
            raise OSError("store is down")

        app.service._store_version = down  # type: ignore[method-assign]
        assert _get(f"{url}/calendars/all.ics").status_code == 200  # the last good feeds
        assert _get(f"{url}/healthz").status_code == 503
        app.service.feeds = {}
        r = _get(f"{url}/calendars/all.ics")
        assert r.status_code == 503 and r.json() == {"ok": False, "status": 503, "error": "store unavailable: OSError"}


class FastServerThread(ServerThread):
    def __init__(self, app: Any) -> None:
        from tracker.server import fast_protocol

        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", http=fast_protocol(app),
                                loop="asyncio", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)


def _exchange(port: int, payload: bytes, responses: int) -> list[bytes]:
    """Send raw bytes on one connection; read `responses` HTTP responses (bodies by Content-Length)."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(payload)
        buf, out = b"", []
        while len(out) < responses:
            while b"\r\n\r\n" not in buf:
                chunk = sock.recv(65536)
                assert chunk, f"connection closed after {len(out)} responses"
                buf += chunk
            head, buf = buf.split(b"\r\n\r\n", 1)
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            body_len = 0 if head.startswith(b"HTTP/1.1 304") else length
            while len(buf) < body_len:
                buf += sock.recv(65536)
            out.append(head + b"\r\n\r\n" + buf[:body_len])
            buf = buf[body_len:]
        return out


def test_protocol_level_304_fast_path(store: Store) -> None:
    app = create_app(store, FeedSettings(), clock=lambda: NOW, reload_seconds=3600, tokens=token_source(store))
    with FastServerThread(app) as url:
        port = int(url.rsplit(":", 1)[1])
        normal = _get(f"{url}/calendars/events.ics")  # first request: loads the store (normal path)
        etag = normal.headers["etag"].encode()
        get = b"GET /calendars/events.ics HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + b"\r\n\r\n"
        plain = b"GET /calendars/events.ics HTTP/1.1\r\nHost: x\r\n\r\n"
        # keep-alive and pipelining: 304, 200 (normal path), 304 on one connection, in order
        answers = _exchange(port, get + plain + get, 3)
        assert [a.split(b"\r\n", 1)[0] for a in answers] == [b"HTTP/1.1 304 Not Modified", b"HTTP/1.1 200 OK",
                                                             b"HTTP/1.1 304 Not Modified"]
        fast = answers[0].lower()
        assert b"etag: " + etag.lower() in fast and b"last-modified: " in fast and b"date: " in fast
        assert answers[1].endswith(normal.content)
        # the same answers as the ASGI path gives
        slow = _get(f"{url}/calendars/events.ics?kind=event", **{"if-none-match": etag.decode()})
        assert slow.status_code in (200, 304)
        assert _get(f"{url}/calendars/events.ics", **{"if-none-match": etag.decode()}).status_code == 304
        assert _get(f"{url}/calendars/events.ics", **{"if-none-match": '"stale"'}).status_code == 200
        assert httpx.head(f"{url}/calendars/events.ics", headers={"if-none-match": etag.decode()}).status_code == 304
        # tokens switch the shortcut off: the public path is 404 even with a matching ETag
        add_token(store, "phone", NOW)
        app.service.loaded_at = float("-inf")  # next request reloads tokens
        assert _get(f"{url}/calendars/events.ics", **{"if-none-match": etag.decode()}).status_code == 404
        assert _exchange(port, get, 1)[0].startswith(b"HTTP/1.1 404")
