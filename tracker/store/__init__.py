"""The tracked list's persistent store: SQLite file by default, PostgreSQL by URL.

`Store` is the API; `ingest_document` stores one article's items with cross-article merging.
"""
from __future__ import annotations

from .core import STATUSES, STORED_STATUSES, DocumentResult, Store
from .engine import default_store_path, display_url, resolve_url
from .schema import SCHEMA_HEAD

__all__ = [
    "SCHEMA_HEAD",
    "STATUSES",
    "STORED_STATUSES",
    "DocumentResult",
    "Store",
    "default_store_path",
    "display_url",
    "resolve_url",
]
