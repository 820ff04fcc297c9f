"""HTTP server (Starlette on uvicorn): the feeds, an HTML page of what is coming, a JSON API.

Feeds are assembled in memory from per-item component bytes (tracker.feeds) and re-read from the
store at most every `reload` seconds. Feed requests, conditional ones above all, are answered by
a plain ASGI fast path before any routing; everything else goes through Starlette.
"""
from __future__ import annotations

import asyncio
import gzip
import hmac
import json
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from .feeds import (
    BUILTIN_FEEDS,
    ComponentCache,
    Feed,
    FeedSettings,
    FeedSpec,
    Rendered,
    build_feed,
    feed_specs,
    named_specs,
)
from .models import KINDS
from .tokens import hash_token
from .when import parse_when

if TYPE_CHECKING:
    from .models import TrackedItem
    from .store import Store

FEED_PATH = re.compile(r"^/calendars/([A-Za-z0-9][A-Za-z0-9_-]{0,63})\.ics$")
TOKEN_PATH = re.compile(r"^/t/([A-Za-z0-9_-]{16,128})(/.*)$")
STATUSES = ("open", "missed", "done", "cancelled")
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'; frame-ancestors 'none'")
TEMPLATES = Path(__file__).parent / "templates"
PAGE_LIMIT = 200  # items per section of the HTML page; the feeds and /api/items have them all


def token_matches(token: str, hashes: Sequence[bytes]) -> bool:
    """Constant-time check of `token` against every active token hash (no early exit)."""
    presented = hash_token(token)
    found = False
    for h in hashes:
        found |= hmac.compare_digest(presented, h)
    return found


def error_body(status: int, message: str) -> dict[str, Any]:
    """The one JSON shape of every error the server answers."""
    return {"ok": False, "status": status, "error": message}


def _http_date(dt: datetime) -> str:
    return format_datetime(dt.astimezone(timezone.utc).replace(microsecond=0), usegmt=True)


@dataclass(slots=True)
class Served:
    """One feed ready to serve: bytes, gzip bytes (made on first use), validators.

    Header lists are built once here: the per-request path only picks one (issue 5: 304s at
    nginx-like rates need next to no work per request).
    """

    feed: Feed
    body: bytes
    last_modified: datetime  # whole seconds, UTC; never moves backwards for a name
    _gzip: bytes | None = None
    etag_bytes: bytes = b""
    gzip_etag_bytes: bytes = b""
    not_modified_headers: list[tuple[bytes, bytes]] | None = None
    not_modified_gzip_headers: list[tuple[bytes, bytes]] | None = None
    ok_headers: list[tuple[bytes, bytes]] | None = None
    _ok_gzip_headers: list[tuple[bytes, bytes]] | None = None

    def __post_init__(self) -> None:
        self.etag_bytes = self.etag.encode()
        self.gzip_etag_bytes = self.gzip_etag.encode()
        lm = _http_date(self.last_modified).encode()
        common = [(b"last-modified", lm), (b"cache-control", b"no-cache"), (b"vary", b"Accept-Encoding")]
        self.not_modified_headers = [(b"etag", self.etag_bytes), *common]
        self.not_modified_gzip_headers = [(b"etag", self.gzip_etag_bytes), *common]
        self.ok_headers = [(b"content-type", b"text/calendar; charset=utf-8"),
                           (b"content-length", str(len(self.body)).encode()), *self.not_modified_headers]

    @property
    def etag(self) -> str:
        return self.feed.etag

    @property
    def gzip_etag(self) -> str:
        return self.feed.etag[:-1] + '-gz"'

    def gzipped(self) -> bytes:
        if self._gzip is None:
            self._gzip = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzip

    def ok_gzip_headers(self) -> list[tuple[bytes, bytes]]:
        if self._ok_gzip_headers is None:
            assert self.not_modified_gzip_headers is not None
            self._ok_gzip_headers = [(b"content-type", b"text/calendar; charset=utf-8"),
                                     (b"content-length", str(len(self.gzipped())).encode()),
                                     (b"content-encoding", b"gzip"), *self.not_modified_gzip_headers]
        return self._ok_gzip_headers


def _etag_matches(header: str, etags: Sequence[str]) -> bool:
    # If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored.
    for part in header.split(","):
        tag = part.strip()
        if tag == "*":
            return True
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag in etags:
            return True
    return False


def _accepts_gzip(header: str) -> bool:
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "x-gzip", "*"):
            q = params.strip()
            if q.startswith("q="):
                try:
                    return float(q[2:]) > 0
                except ValueError:
                    return False
            return True
    return False


class FeedService:
    """The server's view of the store: items, assembled feeds, tokens; refreshed when stale."""

    def __init__(
        self,
        store: Store,
        settings: FeedSettings,
        *,
        named: Mapping[str, Any] | None = None,
        clock: Callable[[], datetime] | None = None,
        reload_seconds: float = 30.0,
        tokens: Callable[[], Sequence[bytes]] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.named = dict(named or {})
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self.reload_seconds = reload_seconds
        self.token_source = tokens
        self.cache = ComponentCache(settings)
        self.feeds: dict[str, Served] = {}
        self.paths: dict[str, str] = {}  # "/calendars/all.ics" -> "all"
        self.not_modified: dict[bytes, dict[bytes, bytes]] = {}
        self.specs: dict[str, FeedSpec] = {}
        self.items: list[TrackedItem] = []
        self.rendered: list[tuple[TrackedItem, Rendered]] = []  # items with their components, in feed order
        self.token_hashes: tuple[bytes, ...] = ()
        self.loaded_at = float("-inf")
        self.loaded_now: datetime | None = None
        self._version: Any = None
        self.last_error: Exception | None = None
        self._filtered: OrderedDict[tuple[Any, ...], Served] = OrderedDict()
        self._lock = asyncio.Lock()

    async def ensure_fresh(self) -> None:
        if time.monotonic() - self.loaded_at < self.reload_seconds:
            return
        async with self._lock:
            if time.monotonic() - self.loaded_at < self.reload_seconds:
                return
            try:
                await run_in_threadpool(self.reload)
            except Exception as exc:
                self.last_error = exc  # retried after `reload_seconds`, not on every request
                self.loaded_at = time.monotonic()
                raise
            self.last_error = None

    def _store_version(self, now: datetime) -> Any:
        from sqlalchemy import func, select

        from .store.schema import items as items_table

        with self.store.engine.connect() as conn:
            count, latest = conn.execute(select(func.count(), func.max(items_table.c.updated))).one()
        return (count, latest, now.date())

    def reload(self) -> None:
        """Re-read tokens, and items when the store changed (count, latest change or the day)."""
        now = self.clock()
        if self.token_source is not None:
            self.token_hashes = tuple(self.token_source())
        version = self._store_version(now)
        if version != self._version:
            self._rebuild(now)
            self._version = version
        self.loaded_now = now
        self.loaded_at = time.monotonic()

    def _rebuild(self, now: datetime) -> None:
        from .feeds.source import load_items

        self.items = load_items(self.store, now)
        specs = feed_specs(named_specs(self.store, now, self.named))
        rendered = self.cache.render(self.items)
        self.rendered = rendered
        fresh: dict[str, Served] = {}
        for spec in specs:
            feed = build_feed(spec, rendered, self.cache, now=now)
            fresh[spec.name] = self._served(feed, self.feeds.get(spec.name), now)
        paths = {f"/calendars/{name}.ics": name for name in fresh}
        # For the protocol-level 304 path (`fast_protocol`): raw path -> If-None-Match -> headers.
        not_modified = {
            path.encode(): {
                served.etag_bytes: _header_block(served.not_modified_headers or []),
                served.gzip_etag_bytes: _header_block(served.not_modified_gzip_headers or []),
            }
            for path, served in ((p, fresh[n]) for p, n in paths.items())
        }
        # This runs in a worker thread while the event loop serves: publish the shortcut table
        # first, so an old ETag is never answered 304 once the new bytes are being served.
        self.not_modified = not_modified
        self.specs = {s.name: s for s in specs}
        self.feeds = fresh
        self.paths = paths
        self._filtered.clear()

    def _served(self, feed: Feed, old: Served | None, now: datetime) -> Served:
        if old is not None and old.feed.digest == feed.digest:
            return old
        lm = (feed.last_modified or now).astimezone(timezone.utc).replace(microsecond=0)
        if old is not None and lm <= old.last_modified:
            lm = old.last_modified + timedelta(seconds=1)  # changed bytes, so a later Last-Modified
        return Served(feed, feed.to_bytes(), lm)

    def filtered(self, name: str, query: Mapping[str, Any]) -> Served:
        """A feed narrowed by ?actor=&kind=&status= (the `tracker list` semantics of the store)."""
        key = (name, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in query.items())))
        hit = self._filtered.get(key)
        if hit is not None:
            self._filtered.move_to_end(key)
            return hit
        now = self.loaded_now or self.clock()
        chosen = self.store.items(now=now, with_evidence=False, **query)
        extra = FeedSpec("query", "query", only=frozenset(i.uid for i in chosen))
        feed = build_feed(self.specs[name], self.rendered, self.cache, now=now, extra=extra)
        served = self._served(feed, None, now)
        self._filtered[key] = served
        while len(self._filtered) > 64:
            self._filtered.popitem(last=False)
        return served


def _query_filters(raw: bytes) -> dict[str, Any]:
    """?actor=&kind=&status= as Store.items arguments; ValueError names a bad parameter."""
    out: dict[str, Any] = {}
    statuses: list[str] = []
    for key, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
        if key in out:
            raise ValueError(f"{key} given more than once: filter by one value")
        if key == "status":
            if value not in STATUSES:
                raise ValueError(f"status must be one of {', '.join(STATUSES)}")
            statuses.append(value)
        elif key == "kind":
            if value not in KINDS:
                raise ValueError(f"kind must be one of {', '.join(KINDS)}")
            out["kind"] = value
        elif key == "actor":
            if not value.strip():
                raise ValueError("actor must not be empty")
            out["actor"] = value
        else:
            raise ValueError(f"unknown parameter {key!r}: use actor, kind or status")
    if statuses:
        out["status"] = sorted(set(statuses))
    return out


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes = b"") -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _send_json_error(send: Send, status: int, message: str) -> None:
    body = json.dumps(error_body(status, message)).encode()
    await _send(send, status, [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
                body)


async def serve_feed(scope: Scope, send: Send, served: Served, now: datetime) -> None:
    """Answer GET/HEAD for one feed: 304 when a validator matches, else the bytes (gzip if accepted).

    An If-Modified-Since later than `now` is no valid date (RFC 7232 3.3) and is ignored: a client
    with a clock ahead would otherwise be told "not modified" about every change until then."""
    inm = ims = accept = None
    for key, value in scope["headers"]:  # one pass, no dict: this runs for every feed request
        if key == b"if-none-match":
            inm = value
        elif key == b"if-modified-since":
            ims = value
        elif key == b"accept-encoding":
            accept = value
    use_gzip = accept is not None and _accepts_gzip(accept.decode("latin-1"))
    if inm is not None:
        not_modified = inm == served.etag_bytes or inm == served.gzip_etag_bytes or _etag_matches(
            inm.decode("latin-1"), (served.etag, served.gzip_etag))
    elif ims is not None:
        try:
            since = parsedate_to_datetime(ims.decode("latin-1"))
            not_modified = since.tzinfo is not None and served.last_modified <= since <= now
        except (TypeError, ValueError, IndexError):
            not_modified = False
    else:
        not_modified = False
    if not_modified:
        headers = served.not_modified_gzip_headers if use_gzip else served.not_modified_headers
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    if use_gzip:
        body, headers = served.gzipped(), served.ok_gzip_headers()
    else:
        body, headers = served.body, served.ok_headers
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


class FeedServer:
    """The ASGI app: token check and the feed fast path first, then the Starlette routes."""

    def __init__(self, service: FeedService, *, base_url: str | None = None) -> None:
        self.service = service
        self.base_url = base_url.rstrip("/") if base_url else None
        self.app = Starlette(routes=[
            Route("/", self.index, methods=["GET", "HEAD"]),
            Route("/api/items", self.api_items, methods=["GET", "HEAD"]),
            Route("/healthz", self.healthz, methods=["GET", "HEAD"]),
        ], exception_handlers={404: self.not_found, 405: self.not_allowed})
        from jinja2 import Environment, FileSystemLoader, select_autoescape

        self.jinja = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        if path == "/healthz":
            await self.app(scope, receive, send)
            return
        try:
            await self.service.ensure_fresh()
        except Exception:  # store down: keep serving the last feeds; without any, say so
            pass
        if self.service.last_error is not None and not self.service.feeds:
            await _send_json_error(send, 503, f"store unavailable: {type(self.service.last_error).__name__}")
            return
        prefix = ""
        m = TOKEN_PATH.match(path) if path.startswith("/t/") else None
        if m:
            if not self.service.token_hashes or not token_matches(m[1], self.service.token_hashes):
                await _send_json_error(send, 404, "not found")
                return
            prefix, path = f"/t/{m[1]}", m[2]
        elif self.service.token_hashes or path.startswith("/t/"):
            await _send_json_error(send, 404, "not found")  # private: only under /t/<token>/
            return
        name = self.service.paths.get(path)
        if name is None and (feed := FEED_PATH.match(path)) is not None:
            name = feed[1]
        if name is not None:
            await self._feed(scope, send, name)
            return
        scope = dict(scope, path=path, state={**scope.get("state", {}), "prefix": prefix})
        await self.app(scope, receive, send)

    async def _feed(self, scope: Scope, send: Send, name: str) -> None:
        if scope["method"] not in ("GET", "HEAD"):
            await _send_json_error(send, 405, "method not allowed")
            return
        served = self.service.feeds.get(name)
        if served is None:
            await _send_json_error(send, 404, f"no feed named {name!r}")
            return
        if scope["query_string"]:
            try:
                query = _query_filters(scope["query_string"])
            except ValueError as exc:
                await _send_json_error(send, 400, str(exc))
                return
            if query:
                served = await run_in_threadpool(self.service.filtered, name, query)
        await serve_feed(scope, send, served, self.service.clock())

    # ---- Starlette routes ----------------------------------------------------------------

    async def not_found(self, request: Request, exc: Exception) -> Response:
        return JSONResponse(error_body(404, "not found"), status_code=404)

    async def not_allowed(self, request: Request, exc: Exception) -> Response:
        return JSONResponse(error_body(405, "method not allowed"), status_code=405)

    async def healthz(self, request: Request) -> Response:
        try:
            await self.service.ensure_fresh()
        except Exception:  # the store is down: said below, as JSON
            pass
        if self.service.last_error is not None:
            message = f"store unavailable: {type(self.service.last_error).__name__}"
            return JSONResponse(error_body(503, message), status_code=503)
        return JSONResponse({"ok": True, "items": len(self.service.items), "feeds": len(self.service.feeds)})

    async def api_items(self, request: Request) -> Response:
        params = request.query_params
        query: dict[str, Any] = {}
        try:
            statuses = params.getlist("status")
            for s in statuses:
                if s not in (*STATUSES, "all"):
                    raise ValueError(f"status must be one of {', '.join(STATUSES)} or all")
            query["status"] = None if "all" in statuses else (statuses or ["open", "missed"])
            for key in ("kind", "actor", "search"):
                if len(params.getlist(key)) > 1:
                    raise ValueError(f"{key} given more than once: filter by one value")
                if params.get(key):
                    query[key] = params[key]
            if "kind" in query and query["kind"] not in KINDS:
                raise ValueError(f"kind must be one of {', '.join(KINDS)}")
            unknown = sorted(set(params) - {"status", "kind", "actor", "search"})
            if unknown:
                raise ValueError(f"unknown parameter {unknown[0]!r}")
        except ValueError as exc:
            return JSONResponse(error_body(400, str(exc)), status_code=400)
        now = self.service.loaded_now or self.service.clock()
        found = await run_in_threadpool(lambda: self.service.store.items(now=now, **query))
        body = json.dumps([i.to_dict() for i in found], ensure_ascii=False, sort_keys=True, indent=2) + "\n"
        return Response(body, media_type="application/json")

    def _feed_links(self, request: Request) -> list[dict[str, str]]:
        base = self.base_url or f"{request.url.scheme}://{request.url.netloc}"
        prefix = request.scope.get("state", {}).get("prefix", "")
        links = []
        for name, spec in self.service.specs.items():
            https = f"{base}{prefix}/calendars/{name}.ics"
            webcal = "webcal://" + https.split("://", 1)[1]
            links.append({
                "name": name,
                "title": spec.title,
                "https": https,
                "webcal": webcal,
                "google": "https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe=""),
                "count": str(self.service.feeds[name].feed.components),
            })
        return links

    async def index(self, request: Request) -> Response:
        now = self.service.loaded_now or self.service.clock()
        today = now.date()
        events, commitments = upcoming(self.service.items, today)
        html = self.jinja.get_template("index.html").render(
            events=events[:PAGE_LIMIT], commitments=commitments[:PAGE_LIMIT], more_events=len(events) - PAGE_LIMIT,
            more_commitments=len(commitments) - PAGE_LIMIT, feeds=self._feed_links(request), today=today,
            describe_when=describe_when,
        )
        return HTMLResponse(html, headers={"content-security-policy": CSP, "x-content-type-options": "nosniff",
                                           "referrer-policy": "no-referrer"})


def upcoming(items: Sequence[TrackedItem], today: date) -> tuple[list[TrackedItem], list[TrackedItem]]:
    """Events not yet over, and open commitments, soonest first (undated commitments last)."""
    from .when import sort_key

    events = [i for i in items if i.kind == "event" and i.status == "open" and i.when
              and parse_when(i.when).last >= today]
    commitments = [i for i in items if i.kind == "commitment" and i.status == "open"]
    events.sort(key=lambda i: (sort_key(i.when), i.id))
    commitments.sort(key=lambda i: (sort_key(i.when), i.id))
    return events, commitments


def describe_when(when: str | None) -> str:
    """A human reading of a `when` string for the page ("11 June 2025 – 12 June 2025")."""
    if not when:
        return "no date yet"
    from .feeds.render import period_label

    span = parse_when(when)
    end = period_label(span.end)
    if span.deadline:
        return f"by {end}"
    assert span.start is not None
    start = period_label(span.start)
    return start if start == end else f"{start} – {end}"


def _header_block(headers: Sequence[tuple[bytes, bytes]]) -> bytes:
    return b"".join(name + b": " + value + b"\r\n" for name, value in headers)


class _Answered:
    """Stands in for uvicorn's request cycle once the fast path has answered a request."""

    response_complete = True
    disconnected = False
    keep_alive = True

    class message_event:  # noqa: N801 - mimics asyncio.Event's one method used on a finished cycle
        @staticmethod
        def set() -> None:
            return None


def fast_protocol(server: FeedServer) -> type[Any]:
    """uvicorn's httptools protocol, answering a feed's conditional GET/HEAD that matches its ETag
    as soon as the headers are parsed: no ASGI scope, task or routing for the commonest request
    of a subscribed calendar (issue 5: 304s at a fair fraction of nginx's rate).

    Anything else (other paths, query strings, tokens in use, weak or listed validators, HTTP/1.0,
    pipelined requests, a reload being due) takes the normal ASGI path, which answers the same.
    """
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    service = server.service
    status_line = b"HTTP/1.1 304 Not Modified\r\n"
    cached: list[Any] = [None, b""]  # uvicorn's default headers (Date, Server) and their bytes

    class FeedHttpToolsProtocol(HttpToolsProtocol):
        def on_headers_complete(self) -> None:
            try:
                answered = self._answer_not_modified()
            except Exception:  # never let the shortcut break a request: take the normal path
                answered = False
            if not answered:
                super().on_headers_complete()

        def _answer_not_modified(self) -> bool:
            table = service.not_modified.get(self.url)
            if table is None or service.token_hashes or time.monotonic() - service.loaded_at >= service.reload_seconds:
                return False
            inm = None
            for name, value in self.headers:
                if name == b"if-none-match":
                    inm = value
                    break
            block = table.get(inm) if inm is not None else None
            parser = self.parser
            if (block is None or parser.get_method() not in (b"GET", b"HEAD") or parser.get_http_version() != "1.1"
                    or not parser.should_keep_alive() or parser.should_upgrade() or self.pipeline
                    or (self.cycle is not None and not self.cycle.response_complete)):
                return False
            defaults = self.server_state.default_headers  # uvicorn renews this list (Date) every second
            if defaults is not cached[0]:
                cached[:] = [defaults, _header_block(defaults)]
            self.transport.write(status_line + cached[1] + block + b"\r\n")
            self.cycle = _Answered()  # type: ignore[assignment]
            self.on_response_complete()
            return True

    return FeedHttpToolsProtocol


def create_app(
    store: Store,
    settings: FeedSettings,
    *,
    named: Mapping[str, Any] | None = None,
    clock: Callable[[], datetime] | None = None,
    reload_seconds: float = 30.0,
    tokens: Callable[[], Sequence[bytes]] | None = None,
    base_url: str | None = None,
) -> FeedServer:
    """The ASGI application serving `store` (the CLI's `tracker serve` runs it on uvicorn)."""
    service = FeedService(store, settings, named=named, clock=clock, reload_seconds=reload_seconds, tokens=tokens)
    return FeedServer(service, base_url=base_url)


__all__ = ["BUILTIN_FEEDS", "FeedServer", "FeedService", "create_app", "error_body", "hash_token", "token_matches"]
