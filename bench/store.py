"""Store benchmark: ingest throughput and list/show latency, SQLite and PostgreSQL side by side.

    .venv/bin/python bench/store.py                      # the full run (10,000 articles, 100,000 items)
    .venv/bin/python bench/store.py --articles 500 --items 5000 --runs 3   # a quick look

Figures printed (per backend):
  * ingest with extraction: `tracker ingest DIR` as a subprocess over the generated articles
    (whole command: loading, extraction, merging, the follow-up stage, storing), articles/s and
    peak RSS; --cli-articles runs it on the first N articles only;
  * ingest without extraction: `Store.ingest_document` with items extracted beforehand, articles/s;
  * `tracker list` (default, open and missed, table), `tracker list --json`, `tracker list --limit 20`
    and `tracker show ID` over a store of --items items: median wall time of --runs runs of the
    whole command and peak RSS. Targets: list < 0.5 s, show < 0.3 s.

Articles are the DEV texts (../shared/corpus/dev, and seeds/) re-dated and with names swapped,
or a built-in text when ../shared is absent. PostgreSQL gets a scratch database, dropped at the end.
"""
from __future__ import annotations

import argparse
import compileall
import functools
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracker.documents import load_document  # noqa: E402
from tracker.models import Document, Item  # noqa: E402
from tracker.store import Store  # noqa: E402
from tracker.store import merge  # noqa: E402
from tracker.store.schema import documents, evidence, history, item_actors, item_terms, items  # noqa: E402
from tracker.when import parse_when  # noqa: E402

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)
PG_ADMIN = os.environ.get("TRACKER_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
_HEADER = re.compile(r"^\s*date (\d{4})-(\d{2})-(\d{2})\s*")
FALLBACK_TEXT = (
    "In Ankara, the Kazakh deputies met the leadership of the Turkish Parliament. This year, Kazakhstan is set "
    "to assume the chairmanship in the Organization. The session of the TurkPA is slated for June 11-12 in "
    "Astana. Numan Kurtulmus stated the Turkish side's readiness to participate in the upcoming event. NATO "
    "will hold a summit in Brussels next week. The ministry promised to publish the report by August.\n"
)
# Names swapped between generated articles, so items recur with different actors.
NAME_POOL = [
    "Qantas", "Lufthansa", "Air India", "Kazakhstan", "Turkey", "Poland", "Hungary", "NATO", "Egypt", "Israel",
    "Lebanon", "Cuba", "Japan", "Brazil", "Kenya", "Norway", "Chile", "Vietnam", "Canada", "Mexico", "Ghana",
    "Peru", "Madeleine Albright", "William Cohen", "Kofi Annan", "Janet Reno", "Bill Clinton", "Boris Yeltsin",
]
WORDS = ("summit talks visit vote hearing session election ceremony conference treaty withdrawal investigation "
         "appointment agreement budget report ruling meeting negotiations tour launch review pledge flights "
         "troops sanctions aid reform deadline parliament ministry court council").split()
PLACES = [None, None, "Astana", "Brussels", "Ankara", "Miami", "Havana", "Geneva", "Bombay", "Tokyo"]


# ---- articles -----------------------------------------------------------------------------------


def base_texts() -> list[tuple[date, str]]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.txt"))
    out = []
    for p in paths:
        text = p.read_text(encoding="utf-8")
        m = _HEADER.match(text)
        if m:
            out.append((date(int(m[1]), int(m[2]), int(m[3])), text[m.end() :]))
    return out or [(date(2025, 4, 21), FALLBACK_TEXT)]


def _swap(swaps: dict[str, str], m: re.Match[str]) -> str:
    return swaps[m[0]]


def generate_articles(directory: Path, count: int, seed: int = 4) -> list[Path]:
    """`count` articles: base texts with the date line moved and names swapped."""
    rng = random.Random(seed)
    bases = base_texts()
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        published, body = bases[i % len(bases)]
        published += timedelta(days=rng.randrange(-400, 400))
        present = [n for n in NAME_POOL if n in body]
        if present:
            # Swap up to two names that occur for others; re.sub in one pass so swaps don't chain.
            swaps = {n: rng.choice(NAME_POOL) for n in rng.sample(present, min(2, len(present)))}
            body = re.sub("|".join(re.escape(n) for n in swaps), functools.partial(_swap, swaps), body)
        path = directory / f"{i:05d}.txt"
        path.write_text(f"date {published.isoformat()}\n\n{body}\n(Report {i}.)\n", encoding="utf-8")
        paths.append(path)
    return paths


# ---- backends -----------------------------------------------------------------------------------


def pg_scratch() -> tuple[Callable[[], str], Callable[[], None]] | None:
    """A scratch PostgreSQL database URL and a function that drops it, or None if unreachable."""
    try:
        import psycopg

        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except Exception as exc:  # noqa: BLE001 - reported, and the SQLite figures still print
        print(f"PostgreSQL unreachable at {PG_ADMIN}: {' '.join(str(exc).split())[:120]}; skipped")
        return None
    names: list[str] = []

    def new() -> str:
        name = f"tracker_bench_{secrets.token_hex(4)}"
        admin.execute(f'CREATE DATABASE "{name}"')
        names.append(name)
        return PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + "/" + name

    def drop() -> None:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return new, drop


# ---- measurements -------------------------------------------------------------------------------


# A child forked from this (large) process inherits its peak RSS through fork and exec, so the
# command runs under GNU time, a small parent whose report is the command's own peak.
GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float, int, int, bytes]:
    """Wall seconds, CPU seconds, peak RSS (KiB), exit status and stderr of `tracker ARGS`."""
    cmd = [sys.executable, "-m", "tracker", *args]
    if GNU_TIME:
        cmd = [GNU_TIME, "-f", "__rss %M", *cmd]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    rss = usage.ru_maxrss
    if GNU_TIME and (m := re.search(rb"__rss (\d+)", err)):
        rss = int(m[1])
    return wall, usage.ru_utime + usage.ru_stime, rss, status, err


def timed_cli(args: list[str], env: dict[str, str], runs: int) -> tuple[float, int, float]:
    """Median wall time, peak RSS and median CPU seconds (user + system) of `runs` runs of a
    command. CPU time is the steadier figure on a shared machine; wall time is what users see."""
    walls, cpus, rss = [], [], 0
    for _ in range(runs):
        wall, cpu, peak, status, _ = _run(args, env)
        walls.append(wall)
        cpus.append(cpu)
        rss = max(rss, peak)
        if status != 0:
            print(f"    tracker {' '.join(args[:4])} exited with status {status}")
    return statistics.median(walls), rss, statistics.median(cpus)


def ingest_with_extraction(url: str, articles_dir: Path, n: int, env: dict[str, str]) -> dict[str, Any]:
    wall, cpu, rss, status, err = _run(["--db", url, "ingest", str(articles_dir)], env)
    if status != 0:
        print(f"    ingest failed: {err.decode()[:300]}")
    return {"seconds": wall, "rate": n / wall, "cpu": cpu, "rss": rss}


def ingest_without_extraction(url: str, prepared: list[tuple[Document, list[Item]]]) -> dict[str, Any]:
    with Store(url) as store:
        start, cpu0 = time.perf_counter(), time.process_time()
        new = merged = 0
        for doc, found in prepared:
            r = store.ingest_document(doc, found, NOW)
            new += len(r.new)
            merged += len(r.merged)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
        counts = store.counts()
    return {"seconds": wall, "rate": len(prepared) / wall, "cpu": cpu, "new": new, "merged": merged, "counts": counts}


# ---- a large store for list/show ----------------------------------------------------------------


def _when(rng: random.Random) -> str | None:
    r = rng.random()
    if r < 0.15:
        return None
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 12 * 365))
    if r < 0.55:
        return day.isoformat()
    if r < 0.70:
        return f"{day:%Y-%m}"
    if r < 0.78:
        return str(day.year)
    if r < 0.88:
        return f"{day.isoformat()}/{(day + timedelta(days=rng.randrange(1, 4))).isoformat()}"
    if r < 0.94:
        return f"../{day:%Y-%m}"
    return f"{day.isoformat()}T{rng.randrange(7, 20):02d}:00"


def _status(rng: random.Random, when: str | None) -> str:
    # A store used for years: most past items were checked off; a tenth stayed open (missed).
    r = rng.random()
    if when is None:
        return "open" if r < 0.8 else "done"
    if parse_when(when).last < NOW.date():
        return "done" if r < 0.85 else ("cancelled" if r < 0.9 else "open")
    return "open" if r < 0.95 else "cancelled"


def _rows(n_items: int, seed: int = 7) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    rng = random.Random(seed)
    n_docs = max(1, n_items // 5)
    base = datetime(2024, 1, 1, tzinfo=timezone.utc)
    yield "documents", [
        {"id": d + 1, "sha256": f"{d:064x}", "path": f"articles/{d:06d}.txt",
         "published": date(2015, 1, 1) + timedelta(days=d % 4000), "url": None, "title": None, "ingested_at": base}
        for d in range(n_docs)
    ]
    batch: dict[str, list[dict[str, Any]]] = {"items": [], "item_actors": [], "item_terms": [], "evidence": [],
                                             "history": []}
    for i in range(n_items):
        item_id = f"{i:08x}"[-8:].replace("i", "x")
        title = " ".join(rng.sample(WORDS, rng.randrange(2, 5))).capitalize()
        actors = rng.sample(NAME_POOL, rng.randrange(0, 3))
        when = _when(rng)
        status = _status(rng, when)
        place = rng.choice(PLACES)
        first, last = (None, None)
        if when:
            span = parse_when(when)
            first, last = span.first or span.last, span.last
        terms = merge.title_terms(title)
        at = base + timedelta(minutes=i)
        batch["items"].append({
            "id": item_id, "uid": f"{i:032x}@tracker", "kind": rng.choice(("event", "commitment")), "title": title,
            "norm_title": " ".join(terms), "search_text": merge.fold(" | ".join([title, place or "", *actors])),
            "when": when, "when_first": first, "when_last": last, "location": place, "status": status,
            "sequence": 0 if status == "open" else 1, "created": at, "updated": at,
        })
        batch["item_actors"] += [{"item_id": item_id, "position": k, "actor": a, "actor_norm": merge.normalize_name(a)}
                                 for k, a in enumerate(actors)]
        batch["item_terms"] += [{"item_id": item_id, "term": t} for t in terms]
        for k in range(rng.choice((1, 1, 1, 2, 3))):
            doc = rng.randrange(n_docs)
            batch["evidence"].append({"item_id": item_id, "document_id": doc + 1, "span_start": 17 + k,
                                      "span_end": 90 + k, "published": date(2015, 1, 1) + timedelta(days=doc % 4000),
                                      "sentence": f"{title} was announced by {', '.join(actors) or 'officials'}."})
        batch["history"].append({"item_id": item_id, "at": at, "field": "created", "old": None, "new": "open",
                                 "by": "article:articles/x.txt", "why": "The sentence."})
        if status != "open":
            batch["history"].append({"item_id": item_id, "at": at, "field": "status", "old": "open", "new": status,
                                     "by": "user", "why": None})
        if len(batch["items"]) >= 5000 or i == n_items - 1:
            for name, rows in batch.items():
                yield name, rows
            batch = {k: [] for k in batch}


def build_large_store(url: str, n_items: int) -> tuple[float, str]:
    """Fill a fresh store with `n_items` synthetic items (bulk inserts); seconds and a sample id."""
    tables = {t.name: t for t in (documents, items, item_actors, item_terms, evidence, history)}
    start = time.perf_counter()
    with Store(url) as store, store.engine.begin() as conn:
        for name, rows in _rows(n_items):
            if rows:
                conn.execute(tables[name].insert(), rows)
    if url.startswith("postgresql"):
        with Store(url) as store, store.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    return time.perf_counter() - start, f"{n_items // 2:08x}"[-8:]


# ---- main ---------------------------------------------------------------------------------------


def main() -> int:
    # SIGTERM runs the clean-up below too (scratch databases, temporary articles).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000, help="articles to ingest (default 10000)")
    ap.add_argument("--cli-articles", type=int, default=None,
                    help="articles for the `tracker ingest` run (with extraction and the follow-up stage); "
                         "default: --articles")
    ap.add_argument("--items", type=int, default=100_000, help="items in the list/show store (default 100000)")
    ap.add_argument("--runs", type=int, default=5, help="runs per timed command (median reported)")
    ap.add_argument("--backends", default="sqlite,postgresql", help="comma-separated: sqlite,postgresql")
    ap.add_argument("--skip-ingest", action="store_true", help="only the list/show figures")
    args = ap.parse_args()
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    work = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(TRACKER_NOW=NOW.isoformat(), XDG_CONFIG_HOME=str(work / "cfg"), XDG_DATA_HOME=str(work / "data"),
               PYTHONPATH=str(ROOT))
    pg = pg_scratch() if "postgresql" in backends else None
    if pg is None:
        backends = [b for b in backends if b != "postgresql"]
    new_pg, drop_pg = pg if pg else (None, None)

    def fresh(backend: str, name: str) -> str:
        if backend == "sqlite" or new_pg is None:
            return str(work / f"{name}.db")
        return new_pg()

    # An installed tracker has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would recompile every module on every command (~25 ms of each).
    compileall.compile_dir(ROOT / "tracker", quiet=1)
    results: dict[str, dict[str, Any]] = {b: {} for b in backends}
    print(f"load average at the start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"tracker store benchmark: {args.articles} articles, {args.items} items, {args.runs} runs, "
          f"backends {', '.join(backends)}; python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    try:
        if not args.skip_ingest and args.articles > 0:
            articles_dir = work / "articles"
            t0 = time.perf_counter()
            paths = generate_articles(articles_dir, args.articles)
            print(f"generated {len(paths)} articles in {time.perf_counter() - t0:.1f} s "
                  f"({len(base_texts())} base texts)")
            from tracker.extract import extract_items

            t0 = time.perf_counter()
            prepared = [(doc, extract_items(doc)) for doc in (load_document(p) for p in paths)]
            extract_s = time.perf_counter() - t0
            n_items = sum(len(f) for _, f in prepared)
            print(f"extraction alone (in process): {len(paths) / extract_s:.1f} articles/s, "
                  f"{n_items} items ({n_items / len(paths):.1f} per article)")
            cli_dir, cli_n = articles_dir, len(paths)
            if args.cli_articles is not None and args.cli_articles < len(paths):
                cli_dir, cli_n = work / "cli-articles", args.cli_articles
                cli_dir.mkdir()
                for p in paths[:cli_n]:
                    (cli_dir / p.name).symlink_to(p)
            for b in backends:
                print(f"[{b}] ingest with extraction (tracker ingest, {cli_n} articles) ...", flush=True)
                results[b]["with"] = ingest_with_extraction(fresh(b, "ingest-cli"), cli_dir, cli_n, env)
                print(f"[{b}] ingest without extraction (Store.ingest_document, {len(prepared)} articles) ...",
                      flush=True)
                results[b]["without"] = ingest_without_extraction(fresh(b, "ingest-lib"), prepared)
            del prepared
        if args.items > 0:
            for b in backends:
                url = fresh(b, "large")
                print(f"[{b}] building a {args.items}-item store ...", flush=True)
                seconds, sample = build_large_store(url, args.items)
                results[b]["build"] = seconds
                base = ["--db", url]
                results[b]["list"] = timed_cli([*base, "list"], env, args.runs)
                results[b]["list_json"] = timed_cli([*base, "list", "--json"], env, args.runs)
                results[b]["list_limit"] = timed_cli([*base, "list", "--limit", "20"], env, args.runs)
                results[b]["list_all"] = timed_cli([*base, "list", "--limit", "0"], env, args.runs)
                results[b]["list_search"] = timed_cli([*base, "list", "--search", "summit", "--status", "all"], env,
                                                      args.runs)
                results[b]["show"] = timed_cli([*base, "show", sample], env, args.runs)
                with Store(url) as s:
                    results[b]["open_missed"] = len(s.items(now=NOW, status=["open", "missed"], with_evidence=False))
        baseline = timed_cli(["--help"], env, args.runs)
    finally:
        if drop_pg:
            drop_pg()
        shutil.rmtree(work, ignore_errors=True)

    print()
    print(f"{'':44}" + "".join(f"{b:>18}" for b in backends))

    def row(label: str, fn: Any) -> None:
        cells = []
        for b in backends:
            try:
                cells.append(f"{fn(results[b]):>18}")
            except KeyError:
                cells.append(f"{'-':>18}")
        print(f"{label:44}" + "".join(cells))

    row("ingest with extraction, articles/s", lambda r: f"{r['with']['rate']:.1f}")
    row("  wall time / CPU time of tracker, s", lambda r: f"{r['with']['seconds']:.0f} / {r['with']['cpu']:.0f}")
    row("  peak RSS, MiB", lambda r: f"{r['with']['rss'] / 1024:.0f}")
    row("ingest without extraction, articles/s", lambda r: f"{r['without']['rate']:.1f}")
    row("  wall time / CPU time of this process, s",
        lambda r: f"{r['without']['seconds']:.0f} / {r['without']['cpu']:.0f}")
    row("  items new / merged", lambda r: f"{r['without']['new']}/{r['without']['merged']}")
    row("  documents / items / evidence", lambda r: "{documents}/{items}/{evidence}".format(**r["without"]["counts"]))
    row(f"build {args.items}-item store (bulk), s", lambda r: f"{r['build']:.1f}")
    row("  open + missed items (default list)", lambda r: f"{r['open_missed']}")
    for key, label in (("list", "tracker list (table), median s"), ("list_json", "tracker list --json, median s"),
                       ("list_limit", "tracker list --limit 20, median s"),
                       ("list_all", "tracker list --limit 0 (every row), median s"),
                       ("list_search", "tracker list --search --status all, s"), ("show", "tracker show ID, median s")):
        row(label, lambda r, k=key: f"{r[k][0]:.3f}")
        row("  CPU s (median) / peak RSS MiB", lambda r, k=key: f"{r[k][2]:.3f} / {r[k][1] / 1024:.0f}")
    print(f"{'tracker --help (start-up floor), median s':44}{baseline[0]:>18.3f}")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print("targets: tracker list < 0.5 s, tracker show < 0.3 s (whole command, median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
