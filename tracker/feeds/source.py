"""Feeds from the store: read every item once, resolve the config's named feeds, publish.

The named feeds of the config (`[feeds.<name>]`, the `tracker list` filters) are resolved with
the store's own query, so a feed holds exactly what `tracker list` with those filters shows.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .build import ComponentCache, FeedSpec, Published, build_feeds, feed_specs, write_feeds
from .render import FeedSettings

if TYPE_CHECKING:
    from ..models import TrackedItem
    from ..store import Store


def named_specs(store: Store, now: datetime, named: Mapping[str, Any]) -> tuple[FeedSpec, ...]:
    """One FeedSpec per named feed; `named` maps a name to an object with `.query()` (config.FeedFilter)."""
    specs = []
    for name in sorted(named):
        found = store.items(now=now, with_evidence=False, **named[name].query())
        specs.append(FeedSpec(name, name, only=frozenset(i.uid for i in found)))
    return tuple(specs)


def load_items(store: Store, now: datetime) -> list[TrackedItem]:
    """Every tracked item, whatever its status (feeds show done and cancelled items as such)."""
    return store.items(now=now)


def publish_store(
    store: Store,
    out_dir: Path,
    settings: FeedSettings,
    now: datetime,
    named: Mapping[str, Any] | None = None,
    *,
    cache: ComponentCache | None = None,
) -> list[Published]:
    """Write all.ics, events.ics, commitments.ics, tasks.ics and the named feeds into `out_dir`.

    `now` decides `missed` for status filters and the rolling window; the bytes of an item never
    depend on it, so the same store publishes the same bytes.
    """
    items = load_items(store, now)
    specs = feed_specs(named_specs(store, now, named or {}))
    if cache is None or cache.settings.fingerprint() != settings.fingerprint():
        cache = ComponentCache(settings)
    return write_feeds(build_feeds(items, settings, cache=cache, now=now, specs=specs), out_dir, cache.written)
