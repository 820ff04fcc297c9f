"""Reminder benchmark: tracker's dispatcher next to plain APScheduler (one DateTrigger job per reminder).

    .venv/bin/python bench/reminders.py                                  # full run
    .venv/bin/python bench/reminders.py --pending 10000 --bursts 1000,10000 --webhook 500   # quick look

Figures printed, tracker and baseline side by side:
  * --pending reminders waiting: time to schedule them (tracker: recompute the rows from the
    items; APScheduler: add_job to its SQLAlchemy job store, or --baseline-store memory),
    dispatcher start-up time with them waiting, peak RSS (each in its own process);
  * bursts of --bursts reminders due in the same second, to a no-op channel: lateness p50/p99
    and how many were missed (tracker: not sent; APScheduler: dropped by its default 1 s
    misfire grace; also its lateness without a grace). Targets: p99 <= 1 s at 10,000, none missed;
  * delivery throughput of --webhook reminders to a local HTTP webhook (json://), reminders/s.

The store is a SQLite file in a temporary directory, or --db URL (e.g. a PostgreSQL database).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from tracker.reminders.channels import Channel, Message, make_channel  # noqa: E402
from tracker.reminders.dispatcher import Dispatcher  # noqa: E402
from tracker.reminders.policy import ReminderPolicy  # noqa: E402
from tracker.reminders.store import list_reminders, sync_reminders  # noqa: E402
from tracker.store import Store  # noqa: E402
from tracker.store.schema import items  # noqa: E402

UTC = timezone.utc


class NoopChannel(Channel):
    """Accepts every message and does nothing: measures the dispatcher, not a transport."""

    def __init__(self) -> None:
        super().__init__("noop://")

    def send(self, message: Message) -> None:
        return None


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def fill_items(store: Store, n: int, when: str, at: datetime) -> None:
    """n open items dated `when`, inserted in bulk (setup, not measured)."""
    day = datetime.fromisoformat(when).date()
    rows = [
        {
            "id": f"b{i:07d}", "uid": f"{i:032x}@tracker", "kind": "commitment", "title": f"Bench commitment {i}",
            "norm_title": f"bench commitment {i}", "search_text": f"bench commitment {i}", "when": when,
            "when_first": day, "when_last": day, "location": None, "status": "open", "sequence": 0,
            "created": at, "updated": at,
        }
        for i in range(n)
    ]
    with store.engine.begin() as conn:
        for i in range(0, n, 5000):
            conn.execute(insert(items), rows[i : i + 5000])


def policy_due_at(due: datetime) -> tuple[ReminderPolicy, str]:
    """A policy and an item date whose single "1d before" reminder falls due at `due`."""
    policy = ReminderPolicy(before=(timedelta(days=1),), time_of_day=due.time().replace(tzinfo=None), zone=UTC,
                            digest=False, agenda=False)
    return policy, (due + timedelta(days=1)).date().isoformat()


def new_store(args: argparse.Namespace, tmp: Path, name: str) -> Store:
    if args.db:
        from tracker.store.engine import make_engine

        engine = make_engine(args.db)
        with engine.begin() as conn:  # a fresh schema per scenario
            from sqlalchemy import text

            schema = f"bench_{name}_{os.getpid()}"
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        sep = "&" if "?" in args.db else "?"
        return Store(f"{args.db}{sep}options=-csearch_path%3D{schema}")
    return Store(str(tmp / f"{name}.db"))


# ---- scenarios, each run in its own process (peak RSS is per process) ----------------------------


def scenario_pending_tracker(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    store = new_store(args, tmp, "pending")
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(days=30)
    policy, when = policy_due_at(due)
    fill_items(store, args.pending, when, datetime.now(UTC))
    t = time.perf_counter()
    sync_reminders(store, policy, [NoopChannel()], datetime.now(UTC))
    schedule = time.perf_counter() - t
    url = store.url
    store.close()
    t = time.perf_counter()
    store = Store(url)
    d = Dispatcher(store, policy, [NoopChannel()])
    d.start()
    d.run_pass()  # the first pass: recompute check, nothing due
    startup = time.perf_counter() - t
    d.close()
    n = len(list_reminders(store, ["pending"]))
    return {"schedule_s": schedule, "startup_s": startup, "rss_mb": peak_rss_mb(), "pending": n}


def scenario_pending_baseline(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    from apscheduler.schedulers.background import BackgroundScheduler

    def jobstore() -> Any:
        if args.baseline_store == "memory":
            from apscheduler.jobstores.memory import MemoryJobStore

            return MemoryJobStore()
        from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

        return SQLAlchemyJobStore(url=f"sqlite:///{tmp / 'aps.db'}")

    due = datetime.now(UTC) + timedelta(days=30)
    sched = BackgroundScheduler(timezone=UTC, jobstores={"default": jobstore()})
    sched.start(paused=True)
    t = time.perf_counter()
    for i in range(args.pending):
        sched.add_job(noop, "date", run_date=due, id=f"r{i}")
    schedule = time.perf_counter() - t
    sched.shutdown(wait=False)
    startup = float("nan")
    if args.baseline_store != "memory":  # a memory store has nothing to start up from
        t = time.perf_counter()
        sched = BackgroundScheduler(timezone=UTC, jobstores={"default": jobstore()})
        sched.start()
        sched.get_jobs()
        startup = time.perf_counter() - t
        sched.shutdown(wait=False)
    return {"schedule_s": schedule, "startup_s": startup, "rss_mb": peak_rss_mb(), "pending": args.pending}


def noop() -> None:
    return None


def scenario_burst_tracker(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    n = args.size
    store = new_store(args, tmp, f"burst{n}")
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=max(5, n // 10000 * 3))
    policy, when = policy_due_at(due)
    fill_items(store, n, when, datetime.now(UTC))
    sync_reminders(store, policy, [NoopChannel()], datetime.now(UTC))  # scheduled beforehand
    d = Dispatcher(store, policy, [NoopChannel()], workers=8, batch=args.batch)
    d.start()
    deadline = due + timedelta(seconds=max(60, n / 500))
    while datetime.now(UTC) < deadline:
        time.sleep(0.5)
        if datetime.now(UTC) > due and not list_reminders(store, ["pending"], limit=1):
            break
    d.close()
    sent = list_reminders(store, ["sent"])
    late = [(r.sent_at - r.due).total_seconds() for r in sent if r.sent_at]
    return {"n": n, "p50_s": pct(late, 50), "p99_s": pct(late, 99), "missed": n - len(sent), "rss_mb": peak_rss_mb()}


def scenario_burst_baseline(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    from apscheduler.events import EVENT_JOB_EXECUTED, EVENT_JOB_MISSED
    from apscheduler.schedulers.background import BackgroundScheduler

    n = args.size
    out: dict[str, Any] = {"n": n}
    for label, grace in (("", 1), ("nograce_", None)):
        due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=max(5, n // 10000 * 3))
        lateness: list[float] = []
        missed = [0]
        lock = threading.Lock()

        def ran(at: datetime = due) -> None:
            with lock:
                lateness.append((datetime.now(UTC) - at).total_seconds())

        def listener(event: Any) -> None:
            if event.code == EVENT_JOB_MISSED:
                with lock:
                    missed[0] += 1

        sched = BackgroundScheduler(timezone=UTC)
        sched.add_listener(listener, EVENT_JOB_MISSED | EVENT_JOB_EXECUTED)
        sched.start(paused=True)
        for i in range(n):
            sched.add_job(ran, "date", run_date=due, id=f"r{i}", misfire_grace_time=grace)
        sched.resume()
        deadline = time.monotonic() + (due - datetime.now(UTC)).total_seconds() + max(60, n / 500)
        while time.monotonic() < deadline:
            time.sleep(0.5)
            with lock:
                if len(lateness) + missed[0] >= n:
                    break
        sched.shutdown(wait=False)
        out.update({f"{label}p50_s": pct(lateness, 50), f"{label}p99_s": pct(lateness, 99),
                    f"{label}missed": n - len(lateness)})
    out["rss_mb"] = peak_rss_mb()
    return out


def scenario_webhook_tracker(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    received = [0]
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                received[0] += 1
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *a: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    store = new_store(args, tmp, "webhook")
    due = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    policy, when = policy_due_at(due)
    fill_items(store, args.webhook, when, datetime.now(UTC))
    channel = make_channel(f"json://127.0.0.1:{server.server_address[1]}/hook")
    sync_reminders(store, policy, [channel], datetime.now(UTC) - timedelta(minutes=2))
    t = time.perf_counter()
    report = Dispatcher(store, policy, [channel], workers=args.workers).run_once()
    elapsed = time.perf_counter() - t
    server.shutdown()
    return {"n": args.webhook, "sent": report.sent, "received": received[0], "per_s": report.sent / elapsed,
            "seconds": elapsed}


SCENARIOS = {f.__name__.removeprefix("scenario_"): f for f in (
    scenario_pending_tracker, scenario_pending_baseline, scenario_burst_tracker, scenario_burst_baseline,
    scenario_webhook_tracker,
)}


def run_child(name: str, args: argparse.Namespace, **extra: Any) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--scenario", name, "--pending", str(args.pending), "--webhook",
           str(args.webhook), "--baseline-store", args.baseline_store, "--workers", str(args.workers),
           "--batch", str(args.batch)]
    if args.db:
        cmd += ["--db", args.db]
    for k, v in extra.items():
        cmd += [f"--{k}", str(v)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    if proc.returncode != 0:
        raise SystemExit(f"scenario {name} failed:\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def fmt(v: Any, unit: str = "") -> str:
    if isinstance(v, float):
        return "-" if v != v else f"{v:,.3f}{unit}"
    return f"{v:,}{unit}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pending", type=int, default=100_000, help="reminders waiting (default 100,000)")
    ap.add_argument("--bursts", default="10000,100000", help="burst sizes, comma-separated")
    ap.add_argument("--webhook", type=int, default=5_000, help="reminders delivered to the local webhook")
    ap.add_argument("--baseline-store", choices=("sqlite", "memory"), default="sqlite",
                    help="APScheduler's job store for the pending scenario (its SQLite store is slow to fill)")
    ap.add_argument("--no-baseline", action="store_true", help="tracker figures only")
    ap.add_argument("--db", help="store URL (default: a SQLite file in a temporary directory)")
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--scenario", help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.scenario:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(SCENARIOS[args.scenario](args, Path(tmp))))
        return

    print(f"store: {args.db or 'SQLite file'}; APScheduler job store for the baseline: {args.baseline_store}")
    print(f"\n{args.pending:,} pending reminders")
    rows = [("tracker", run_child("pending_tracker", args))]
    if not args.no_baseline:
        rows.append((f"APScheduler ({args.baseline_store})", run_child("pending_baseline", args)))
    print(f"  {'':24} {'schedule':>12} {'start-up':>12} {'peak RSS':>12}")
    for name, r in rows:
        print(f"  {name:24} {fmt(r['schedule_s'], ' s'):>12} {fmt(r['startup_s'], ' s'):>12} {fmt(r['rss_mb'], ' MB'):>12}")

    for size in [int(s) for s in args.bursts.split(",") if s.strip()]:
        print(f"\nburst of {size:,} reminders due in the same second (no-op channel)")
        t = run_child("burst_tracker", args, size=size)
        print(f"  {'tracker':24} p50 {fmt(t['p50_s'], ' s')}  p99 {fmt(t['p99_s'], ' s')}  missed {t['missed']:,}"
              f"  peak RSS {fmt(t['rss_mb'], ' MB')}")
        if not args.no_baseline:
            b = run_child("burst_baseline", args, size=size)
            print(f"  {'APScheduler (grace 1 s)':24} p50 {fmt(b['p50_s'], ' s')}  p99 {fmt(b['p99_s'], ' s')}"
                  f"  missed {b['missed']:,}")
            print(f"  {'APScheduler (no grace)':24} p50 {fmt(b['nograce_p50_s'], ' s')}  p99 {fmt(b['nograce_p99_s'], ' s')}"
                  f"  missed {b['nograce_missed']:,}")

    w = run_child("webhook_tracker", args)
    print(f"\ndelivery to a local webhook (json://, {args.workers} workers): {w['sent']:,} of {w['n']:,} sent, "
          f"{w['received']:,} received in {fmt(w['seconds'], ' s')}: {w['per_s']:,.0f} reminders/s")


if __name__ == "__main__":
    main()
