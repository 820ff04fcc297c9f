"""Private feed tokens: add, list, revoke; the server serves feeds only under /t/<token>/ once any exist.

A token is 192 random bits (secrets.token_urlsafe(24)); the store keeps only its SHA-256, so a
leaked database does not leak working feed URLs. The token is shown once, when it is added.
The `feed_tokens` table is declared here on the store's metadata (migration 0005).
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, String, Table, Text, UniqueConstraint, insert, select, update
from sqlalchemy.engine import Engine

from .errors import InputError, NotFoundError
from .store.schema import UTCDateTime, metadata

if TYPE_CHECKING:
    from .store import Store

feed_tokens = Table(
    "feed_tokens",
    metadata,
    Column("id", String(16), primary_key=True),  # first hex digits of the hash: how users name it
    Column("name", Text, nullable=False),
    Column("hash", String(64), nullable=False),  # SHA-256 of the token, hex
    Column("created", UTCDateTime, nullable=False),
    Column("revoked", UTCDateTime, nullable=True),
    UniqueConstraint("hash", name="uq_feed_tokens_hash"),
)


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """A token as listed: never the token itself."""

    id: str
    name: str
    created: datetime
    revoked: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "created": self.created.isoformat(),
            "id": self.id,
            "name": self.name,
            "revoked": self.revoked.isoformat() if self.revoked else None,
        }


def hash_token(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


def _engine(store: Store) -> Engine:
    return store.engine


def add_token(store: Store, name: str, now: datetime) -> tuple[TokenInfo, str]:
    """Create a token; returns its listing and the token (shown once, never stored)."""
    name = " ".join(name.split())
    if not name:
        raise InputError("a token needs a name (who or what it is for)")
    token = secrets.token_urlsafe(24)  # 192 bits
    digest = hash_token(token)
    info = TokenInfo(digest.hex()[:12], name, now.astimezone(timezone.utc), None)
    with _engine(store).begin() as conn:
        conn.execute(insert(feed_tokens).values(id=info.id, name=info.name, hash=digest.hex(), created=info.created))
    return info, token


def list_tokens(store: Store) -> list[TokenInfo]:
    with _engine(store).connect() as conn:
        rows = conn.execute(select(feed_tokens).order_by(feed_tokens.c.created, feed_tokens.c.id)).all()
    return [TokenInfo(r.id, r.name, r.created, r.revoked) for r in rows]


def revoke_token(store: Store, token_id: str, now: datetime) -> TokenInfo:
    """Revoke by id (as listed); feeds under that token answer 404 from the server's next reload."""
    with _engine(store).begin() as conn:
        row = conn.execute(select(feed_tokens).where(feed_tokens.c.id == token_id.strip().lower())).first()
        if row is None:
            raise NotFoundError(f"no token with id {token_id!r} (see: tracker token list)")
        revoked = row.revoked or now.astimezone(timezone.utc)
        conn.execute(update(feed_tokens).where(feed_tokens.c.id == row.id).values(revoked=revoked))
    return TokenInfo(row.id, row.name, row.created, revoked)


def active_hashes(store: Store) -> list[bytes]:
    with _engine(store).connect() as conn:
        rows = conn.execute(select(feed_tokens.c.hash).where(feed_tokens.c.revoked.is_(None)))
        return [bytes.fromhex(r.hash) for r in rows]


def token_source(store: Store) -> Callable[[], Sequence[bytes]]:
    """For the server: a callable giving the hashes of the active tokens."""
    return lambda: active_hashes(store)
