"""A real webhook receiver on 127.0.0.1 for the reminder tests (apprise json:// URLs)."""
from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Webhook:
    """Records each request's headers and JSON body and counts deliveries per idempotency key
    (`seen`); answers `status` after `delay` seconds. It outlives a killed dispatcher process."""

    def __init__(self, status: int = 200, delay: float = 0.0) -> None:
        self.status = status
        self.requests: list[tuple[dict[str, str], Any]] = []
        self.seen: Counter[str] = Counter()
        self.lock = threading.Lock()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if delay:
                    time.sleep(delay)
                with hook.lock:
                    hook.requests.append((dict(self.headers), json.loads(body)))
                    hook.seen[self.headers["Idempotency-Key"]] += 1
                self.send_response(hook.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"json://127.0.0.1:{self.port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
