"""Follow-up benchmark (issue 7): ingest 1,000 articles into stores already holding 1,000, 10,000
and 100,000 items, and print the per-article medians and their ratios.

    .venv/bin/python bench/followup.py                              # sizes 1000,10000,100000
    .venv/bin/python bench/followup.py --sizes 1000,10000 --articles 200     # a quick look
    .venv/bin/python bench/followup.py --backend postgresql         # scratch database on 127.0.0.1
    .venv/bin/python bench/followup.py --sizes 1000,10000 --articles 200 --evidence 100   # merged items

Each article goes through the whole `ingest_paths` (loading, item extraction, merging, outcome
extraction, follow-up matching) in its own transaction; the follow-up part alone (storing the
outcomes, matching them through the actor and date indexes, settling new items) is timed too.
Stores are filled with generated items whose actors are the bodies the articles report on
(ACTORS names, items spread over 2021-2029), so candidate queries always have work to do.
--evidence N gives every item N evidence sentences (as when many articles merge into the same
items): the follow-up part must not grow with it.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import tracker.followup
from tracker.ingest import ingest_paths
from tracker.store import (
    Store,
    merge,
)
from tracker.store.schema import (
    documents,
    evidence,
    history,
    item_actors,
    item_terms,
    items,
)

NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
PG_ADMIN = os.environ.get("TRACKER_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
_WORDS_A = ["Northern", "Southern", "Eastern", "Western", "Central", "Caspian", "Baltic", "Alpine", "Arctic", "Pacific", "Atlantic", "Andean"]
_WORDS_B = ["Grain", "Water", "Rail", "Energy", "Fisheries", "Customs", "Health", "Transit", "Cotton", "Timber", "Digital", "Maritime"]
_WORDS_C = ["Council", "Commission", "Forum", "Assembly", "Conference", "Union"]
# Bodies named "<A> <B> <C>" with their initials: 864 actors shared by the stores and the articles.
ACTORS = [(f"{a} {b} {c}", a[0] + b[0] + c[0]) for a in _WORDS_A for b in _WORDS_B for c in _WORDS_C]
CITIES = ["Astana", "Baku", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat", "Tbilisi", "Yerevan", "Ankara", "Almaty", "Minsk", "Riga"]
TOPICS = ["budget", "quota", "tariff", "border", "water", "energy", "grain", "transit", "customs", "health", "digital", "fisheries", "cotton", "timber", "maritime", "railway", "aviation", "tourism", "education", "science", "labour", "climate", "drought", "flood", "trade", "investment", "banking", "insurance", "pension", "housing", "roads", "ports", "satellites", "pipelines", "mining", "textiles", "dairy", "fertiliser", "seeds", "vaccines"]
MEETINGS = ["session", "summit", "meeting", "plenary", "round", "conference", "forum", "talks"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_ORD = ["1st", "2nd", "3rd"] + [f"{n}th" for n in range(4, 21)]


def _when(rng: random.Random) -> tuple[str, date, date]:
    d = date(2021, 1, 1) + timedelta(days=rng.randrange(9 * 365))
    if rng.random() < 0.5:
        return d.isoformat(), d, d
    e = d + timedelta(days=1)
    return f"{d.isoformat()}/{e.isoformat()}", d, e


def fill_store(store: Store, n_items: int, seed: int = 11, per_item: int = 1) -> float:
    """Insert n_items generated items (with actors, title terms, `per_item` evidence sentences
    each, history) in bulk; seconds."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    at = datetime(2021, 1, 1, tzinfo=UTC)
    with store.engine.begin() as conn:
        pk = conn.execute(documents.insert().values(
            sha256=secrets.token_hex(32), path="bench/base.txt", published=date(2021, 1, 1), ingested_at=at,
        )).inserted_primary_key
        assert pk is not None
        doc_id = pk[0]
        for start in range(0, n_items, 5000):
            rows, actors, terms, ev, hist = [], [], [], [], []
            for n in range(start, min(n_items, start + 5000)):
                _, acr = rng.choice(ACTORS)
                when, first, last = _when(rng)
                title = f"{acr} {rng.choice(TOPICS)} {rng.choice(MEETINGS)} in {rng.choice(CITIES)}"
                item_id = hashlib.sha256(f"bench{n}".encode()).hexdigest()[:8]
                t = merge.title_terms(title)
                rows.append({
                    "id": item_id, "uid": f"{item_id}bench@tracker", "kind": "event", "title": title,
                    "norm_title": " ".join(t), "search_text": merge.fold(title), "when": when, "when_first": first,
                    "when_last": last, "location": None, "status": "open", "sequence": 0, "created": at,
                    "updated": at,
                })
                actors.append({"item_id": item_id, "position": 0, "actor": acr, "actor_norm": acr.lower()})
                terms += [{"item_id": item_id, "term": w} for w in t]
                ev += [{"item_id": item_id, "document_id": doc_id,
                        "sentence": title if k == 0 else f"{title}: delegates met again ({k}).",
                        "span_start": n * per_item + k, "span_end": n * per_item + k + 1,
                        "published": date(2021, 1, 1) + timedelta(days=k % 365)} for k in range(per_item)]
                hist.append({"item_id": item_id, "at": at, "field": "created", "old": None, "new": "open",
                             "by": "article:bench/base.txt", "why": title})
            for table, batch in ((items, rows), (item_actors, actors), (item_terms, terms), (history, hist)):
                conn.execute(table.insert(), batch)
            for k in range(0, len(ev), 20000):
                conn.execute(evidence.insert(), ev[k : k + 20000])
    return time.perf_counter() - t0


def write_articles(directory: Path, count: int, seed: int = 5) -> list[Path]:
    """Generated articles: announcements, outcome reports (held, postponed, cancelled) and progress."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        published = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        name, acr = rng.choice(ACTORS)
        city, later = rng.choice(CITIES), published + timedelta(days=rng.randrange(20, 200))
        past = published - timedelta(days=rng.randrange(1, 5))
        kind = rng.random()
        lines = [f"{city.upper()} – The {name} ({acr}) said on Monday that delegations of member states met."]
        if kind < 0.35:
            lines.append(f"The {rng.choice(_ORD)} session of the {acr} is scheduled for {MONTHS[later.month - 1]} "
                         f"{later.day} in {city}, the secretariat announced.")
        elif kind < 0.7:
            lines.append(f"The {rng.choice(_ORD)} session of the {acr} was held in {city} on "
                         f"{MONTHS[past.month - 1]} {past.day}.")
            lines.append(f"The next session of the {acr} will take place in {rng.choice(CITIES)} in "
                         f"{MONTHS[later.month - 1]} {later.year}.")
        elif kind < 0.85:
            lines.append(f"The {acr} summit has been postponed to {MONTHS[later.month - 1]} {later.day}, "
                         "the organizers said.")
        elif kind < 0.95:
            lines.append(f"The {acr} meeting in {city} has been called off, officials said.")
        else:
            lines.append(f"Preparations for the {acr} summit in {city} have begun.")
        path = directory / f"a{n:05d}.txt"
        path.write_text(f"date {published.isoformat()}\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def pg_scratch() -> tuple[Callable[[], str], Callable[[], None]]:
    import psycopg

    name = f"tracker_bench_followup_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    schemas: list[str] = []

    def new() -> str:
        schema = f"s_{secrets.token_hex(4)}"
        with psycopg.connect(f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}", autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        schemas.append(schema)
        return f"{base}/{name}?options=-csearch_path%3D{schema}"

    def drop() -> None:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return new, drop


def run_size(url: str, n_items: int, articles: list[Path], per_item: int = 1) -> dict[str, Any]:
    """Fill a fresh store with n_items, ingest the articles one by one; per-article timings."""
    followup_times: list[float] = []
    real = tracker.followup.follow_up_document

    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            followup_times.append(time.perf_counter() - t0)

    tracker.followup.follow_up_document = timed
    try:
        with Store(url) as store:
            fill = fill_store(store, n_items, per_item=per_item)
            times = []
            for path in articles:
                t0 = time.perf_counter()
                report = ingest_paths(store, [str(path)], NOW)
                times.append(time.perf_counter() - t0)
                if not report.ok:
                    raise SystemExit(f"ingest failed: {report.failures[0].message}")
            with store.engine.connect() as conn:
                from sqlalchemy import func, select

                from tracker.store.schema import outcome_links

                links: dict[str, int] = dict(conn.execute(select(outcome_links.c.state, func.count()).group_by(outcome_links.c.state)).all())
    finally:
        tracker.followup.follow_up_document = real
    return {
        "items": n_items, "fill_s": fill, "total_s": sum(times), "median_ms": 1000 * statistics.median(times),
        "p90_ms": 1000 * statistics.quantiles(times, n=10)[-1], "followup_median_ms": 1000 * statistics.median(followup_times),
        "followup_p90_ms": 1000 * statistics.quantiles(followup_times, n=10)[-1], "links": links,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="items in the store before ingesting (comma-separated)")
    ap.add_argument("--articles", type=int, default=1000, help="articles to ingest into each store (default 1000)")
    ap.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--evidence", type=int, default=1,
                    help="evidence sentences per stored item (default 1; more: heavily merged items)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="bench-followup-") as tmp:
        articles = write_articles(Path(tmp) / "articles", args.articles)
        new_pg, drop_pg = pg_scratch() if args.backend == "postgresql" else (None, None)
        results = []
        try:
            for n in sizes:
                url = new_pg() if new_pg else str(Path(tmp) / f"store-{n}.db")
                results.append(run_size(url, n, articles, args.evidence))
                r = results[-1]
                print(f"store of {n:>7,} items x {args.evidence} evidence ({args.backend}): filled in {r['fill_s']:.1f} s; {args.articles} articles "
                      f"in {r['total_s']:.1f} s; per article median {r['median_ms']:.1f} ms (p90 {r['p90_ms']:.1f}); "
                      f"follow-up part median {r['followup_median_ms']:.2f} ms (p90 {r['followup_p90_ms']:.2f}); "
                      f"links {r['links']}", flush=True)
        finally:
            if drop_pg:
                drop_pg()
    base = results[0]
    print()
    print(f"{'items':>9} {'median ms':>10} {'ratio':>7} {'follow-up ms':>13} {'ratio':>7}")
    for r in results:
        print(f"{r['items']:>9,} {r['median_ms']:>10.1f} {r['median_ms'] / base['median_ms']:>7.2f} "
              f"{r['followup_median_ms']:>13.2f} {r['followup_median_ms'] / base['followup_median_ms']:>7.2f}")
    if len(results) > 1:
        growth = results[-1]["items"] / base["items"]
        print(f"store grew {growth:,.0f}x; per-article median grew {results[-1]['median_ms'] / base['median_ms']:.2f}x, "
              f"follow-up part {results[-1]['followup_median_ms'] / base['followup_median_ms']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
