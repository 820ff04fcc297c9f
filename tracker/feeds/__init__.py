"""iCalendar feeds: tracked items -> VEVENT/VTODO components (render) -> calendars (build) -> files.

`publish(items, out_dir, settings)` writes all.ics, events.ics, commitments.ics, tasks.ics and the
named feeds of the config; the server assembles the same feeds in memory with `build_feeds`.
"""
from __future__ import annotations

from .build import (
    BUILTIN_FEEDS,
    ComponentCache,
    Feed,
    FeedSpec,
    Published,
    build_feed,
    build_feeds,
    feed_specs,
    publish,
    write_atomic,
    write_feeds,
)
from .render import FeedSettings, Rendered, clean_text, render_item, zone_for
from .source import load_items, named_specs, publish_store

__all__ = [
    "BUILTIN_FEEDS",
    "ComponentCache",
    "Feed",
    "FeedSettings",
    "FeedSpec",
    "Published",
    "Rendered",
    "build_feed",
    "build_feeds",
    "clean_text",
    "feed_specs",
    "load_items",
    "named_specs",
    "publish",
    "publish_store",
    "render_item",
    "write_atomic",
    "write_feeds",
    "zone_for",
]
