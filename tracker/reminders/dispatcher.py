"""The dispatcher: claims due reminders in the store, sends them through the channels and records
each result. APScheduler 3 (in-process) wakes it at the next due time and on a safety poll.

Exactly once: claim (state `sending`, committed) -> send -> record `sent`. A claim left behind
by a dead dispatcher is reported as `unknown`, never sent again. SQLite: one dispatcher at a
time holds a lock file. PostgreSQL: dispatchers share the work through row locks (FOR UPDATE
SKIP LOCKED) and each holds an advisory lock for its lifetime, so others can tell it is alive.
"""
from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
import time
import zlib
from collections.abc import Callable, Sequence
import queue
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import Connection, select, text

from ..errors import StoreError
from ..models import TrackedItem
from ..store import Store
from .channels import Channel, ChannelError, Message, make_channels
from .messages import item_message, list_message
from .policy import ReminderPolicy
from .schema import KIND_DIGEST, PENDING, reminders
from .store import (
    Outcome,
    Reminder,
    SyncReport,
    claim_due,
    claim_owners,
    load_items,
    mark_unknown,
    next_due,
    record_outcomes,
    skip_missed,
    sync_reminders,
)

if TYPE_CHECKING:
    from apscheduler.schedulers.background import BackgroundScheduler

    from ..config import Config

log = logging.getLogger("tracker.reminders")
Clock = Callable[[], datetime]
_PG_LOCK_CLASS = 0x72656D64  # "remd": the advisory-lock namespace of dispatchers
_FLUSH_EVERY = 200  # record results at least every this many deliveries...
_FLUSH_SECONDS = 0.05  # ...or this often, so few sends are ever unrecorded at a crash


def utc_clock() -> datetime:
    """The real clock (the dispatcher is one of the few places allowed to read it)."""
    return datetime.now(timezone.utc)


def pinned_clock(start: datetime) -> Clock:
    """A clock that starts at `start` and runs at real speed (`remind --once --now ...`)."""
    origin = time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - origin)


@dataclass(slots=True)
class PassReport:
    """What dispatching did: rows recomputed, and reminders sent, retried, failed, skipped, reported."""

    synced: SyncReport = field(default_factory=SyncReport)
    sent: int = 0
    late: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    unknown: int = 0

    def add(self, other: PassReport) -> None:
        for f in fields(self):
            if f.name == "synced":
                for g in ("items", "created", "removed"):
                    setattr(self.synced, g, getattr(self.synced, g) + getattr(other.synced, g))
            else:
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def to_dict(self) -> dict[str, int]:
        return {
            "created": self.synced.created,
            "failed": self.failed,
            "late": self.late,
            "removed": self.synced.removed,
            "retried": self.retried,
            "sent": self.sent,
            "skipped": self.skipped,
            "unknown": self.unknown,
        }

    def summary(self) -> str:
        return (
            f"{self.sent} sent ({self.late} late), {self.retried} to retry, {self.failed} failed, "
            f"{self.skipped} skipped, {self.unknown} unknown"
        )


@dataclass(frozen=True, slots=True)
class TestHooks:
    """Pauses for crash tests: after a batch is claimed, and after each send before its record."""

    pause_after_claim: float = 0.0
    pause_after_send: float = 0.0


class _Lock:
    """Who may dispatch, and whether another dispatcher is alive."""

    def acquire(self) -> None: ...

    def release(self) -> None: ...

    def is_alive(self, owner: str) -> bool:
        return False


class _FileLock(_Lock):
    """SQLite: an exclusive lock on `<store>.dispatch.lock`; the kernel drops it when the process dies."""

    def __init__(self, path: Path, owner: str) -> None:
        self.path = path
        self.owner = owner
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        import fcntl

        f = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            f.seek(0)
            holder = f.read().strip() or "another process"
            f.close()
            raise StoreError(
                f"another dispatcher ({holder}) is running on this SQLite store; one at a time can "
                "(stop it, or use PostgreSQL for several)"
            ) from None
        f.seek(0)
        f.truncate()
        f.write(self.owner)
        f.flush()
        self._file = f

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing drops the flock
            self._file = None

    def is_alive(self, owner: str) -> bool:
        # We hold the only lock: whoever claimed before us is gone.
        return owner == self.owner


class _PgLock(_Lock):
    """PostgreSQL: a session advisory lock per dispatcher, held on its own connection."""

    def __init__(self, store: Store, owner: str) -> None:
        self.store = store
        self.owner = owner
        self._conn: Connection | None = None

    @staticmethod
    def _key(owner: str) -> int:
        return zlib.crc32(owner.encode()) - 2**31

    def acquire(self) -> None:
        conn = self.store.engine.connect()
        conn.execute(text("SELECT pg_advisory_lock(:a, :b)"), {"a": _PG_LOCK_CLASS, "b": self._key(self.owner)})
        conn.commit()
        self._conn = conn

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:a, :b)"), {"a": _PG_LOCK_CLASS, "b": self._key(self.owner)})
                self._conn.commit()
            finally:
                self._conn.close()
                self._conn = None

    def is_alive(self, owner: str) -> bool:
        if owner == self.owner:
            return True
        args = {"a": _PG_LOCK_CLASS, "b": self._key(owner)}
        with self.store.engine.connect() as conn:
            got = conn.execute(text("SELECT pg_try_advisory_lock(:a, :b)"), args).scalar()
            if got:
                conn.execute(text("SELECT pg_advisory_unlock(:a, :b)"), args)
            conn.commit()
        return not got


def _new_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


class Dispatcher:
    """Sends the store's due reminders through `channels`.

    Parameters:
        store: the store; reminder rows live in it.
        policy: lead times, grace window, retries (ReminderPolicy.from_config).
        channels: where reminders go (make_channels(urls)).
        clock: returns the current time; the real clock by default, `pinned_clock(t)` to replay.
        workers: threads sending at once. batch: reminders claimed per transaction.
        poll: the safety poll of a running dispatcher.

    `run_once()` delivers everything due and returns; `start()` runs in the background until
    `stop()`. Either raises StoreError when another dispatcher holds a SQLite store.
    """

    def __init__(
        self,
        store: Store,
        policy: ReminderPolicy,
        channels: Sequence[Channel],
        *,
        clock: Clock = utc_clock,
        workers: int = 8,
        batch: int = 500,
        poll: timedelta = timedelta(minutes=1),
        hooks: TestHooks | None = None,
        owner: str | None = None,
    ) -> None:
        if not channels:
            raise ValueError("a dispatcher needs at least one channel")
        self.store = store
        self.policy = policy
        self.channels = list(channels)
        self.clock = clock
        self.batch = batch
        self.poll = poll
        self.hooks = hooks or TestHooks()
        self.owner = owner or _new_owner()
        self.on_pass: Callable[[PassReport], None] | None = None
        self._by_key = {c.key: c for c in self.channels}
        self._keys = sorted(self._by_key)
        self.workers = workers
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tracker-remind")
        self._pass_lock = threading.Lock()
        self._stopping = threading.Event()
        self._retrying: set[int] = set()
        self._scheduler: BackgroundScheduler | None = None
        self._lock = self._make_lock()
        self._locked = False

    def _make_lock(self) -> _Lock:
        if self.store.is_sqlite:
            database = self.store.engine.url.database
            if database and database != ":memory:" and not database.startswith("file:"):
                return _FileLock(Path(database + ".dispatch.lock"), self.owner)
            return _Lock()
        return _PgLock(self.store, self.owner)

    # ---- one pass ----------------------------------------------------------------------

    def run_pass(self, full: bool = True) -> PassReport:
        """Report dead claims, recompute, skip what is beyond the grace window, then claim and
        deliver in batches until nothing claimable is due.

        `full=False` (a wake-up at a known due time) only claims and delivers: the preceding
        full pass recomputed the rows, and the claim itself rejects any that went stale since.
        """
        with self._pass_lock:
            report = PassReport()
            if full:
                owners = [o for o in claim_owners(self.store) if not self._lock.is_alive(o)]
                report.unknown = mark_unknown(self.store, owners)
                report.synced = sync_reminders(self.store, self.policy, self.channels, self.clock())
                report.skipped += skip_missed(self.store, self.clock(), self.policy.grace)
            while not self._stopping.is_set():
                claimed = claim_due(self.store, self.owner, self._keys, self.clock(), self.batch)
                if not claimed:
                    break
                if self.hooks.pause_after_claim:
                    time.sleep(self.hooks.pause_after_claim)
                self._deliver(claimed, report)
            return report

    def _messages(self, claimed: Sequence[Reminder]) -> tuple[list[tuple[Reminder, Message]], list[Outcome]]:
        now = self.clock()
        items = load_items(self.store, (r.item_id for r in claimed if r.item_id), now.astimezone(self.policy.zone))
        lists: dict[tuple[str, datetime], list[TrackedItem]] = {}
        jobs: list[tuple[Reminder, Message]] = []
        done: list[Outcome] = []
        for r in claimed:
            if r.item_id is not None:
                item = items.get(r.item_id)
                if item is None:  # deleted between claim and load
                    done.append(Outcome(r.id, r.attempts, r.due, now, skipped="skipped: the item no longer exists"))
                    continue
                jobs.append((r, item_message(r, item, self.policy.zone)))
                continue
            if (r.kind, r.due) not in lists:
                lists[(r.kind, r.due)] = self._list_items(r)
            found = lists[(r.kind, r.due)]
            if not found:
                done.append(Outcome(r.id, r.attempts, r.due, now, skipped="skipped: nothing to report"))
                continue
            jobs.append((r, list_message(r, found, self.policy)))
        return jobs, done

    def _list_items(self, r: Reminder) -> list[TrackedItem]:
        # As of the digest's own due time, in the user's zone: a late digest says what it
        # would have said on time.
        at = r.due.astimezone(self.policy.zone)
        if r.kind == KIND_DIGEST:
            return self.store.items(now=at, status="missed", kind="commitment")
        return self.store.items(now=at, status="open", since=at.date(), until=at.date() + timedelta(days=6))

    def _send(self, r: Reminder, message: Message) -> Outcome:
        channel = self._by_key[r.channel_key]
        error: str | None = None
        try:
            channel.send(message)
        except ChannelError as exc:
            error = " ".join(str(exc).split())
        except Exception as exc:  # a channel bug must not lose the record of the attempt
            error = f"{type(exc).__name__}: {exc}"
        at = self.clock()
        if self.hooks.pause_after_send:
            time.sleep(self.hooks.pause_after_send)
        return Outcome(r.id, r.attempts, r.due, at, error)

    def _send_all(self, jobs: Sequence[tuple[Reminder, Message]], results: queue.SimpleQueue[Outcome]) -> None:
        for r, m in jobs:
            results.put(self._send(r, m))

    def _deliver(self, claimed: Sequence[Reminder], report: PassReport) -> None:
        jobs, buffer = self._messages(claimed)
        results: queue.SimpleQueue[Outcome] = queue.SimpleQueue()
        # One task per worker, not per reminder: submitting 10,000 futures costs more than a
        # no-op channel's 10,000 sends. Each outcome is queued the moment its send returns.
        for i in range(self.workers):
            if chunk := jobs[i :: self.workers]:
                self._pool.submit(self._send_all, chunk, results)
        remaining = len(jobs)
        last_flush = time.monotonic()
        while remaining or buffer:
            if remaining:
                try:
                    buffer.append(results.get(timeout=_FLUSH_SECONDS))
                    remaining -= 1
                    while remaining:
                        buffer.append(results.get_nowait())
                        remaining -= 1
                except queue.Empty:
                    pass
            if buffer and (not remaining or len(buffer) >= _FLUSH_EVERY or time.monotonic() - last_flush >= _FLUSH_SECONDS):
                self._record(buffer, report)
                buffer = []
                last_flush = time.monotonic()

    def _record(self, outcomes: Sequence[Outcome], report: PassReport) -> None:
        record_outcomes(self.store, self.owner, outcomes, self.policy, recorded=self.clock())
        for o in outcomes:
            if o.skipped is not None:
                report.skipped += 1
            elif o.error is None:
                report.sent += 1
                report.late += (o.at - o.due) > timedelta(seconds=60)
                self._retrying.discard(o.id)
            elif o.attempts >= self.policy.attempts:
                report.failed += 1
                self._retrying.discard(o.id)
                log.warning("reminder %s failed after %d attempts: %s", o.id, o.attempts, o.error)
            else:
                report.retried += 1
                self._retrying.add(o.id)

    # ---- run once ----------------------------------------------------------------------

    def run_once(self) -> PassReport:
        """Deliver everything due now, waiting out the retries of this run, and return.

        Raises:
            StoreError: another dispatcher holds this SQLite store.
        """
        self._acquire()
        try:
            total = self.run_pass()
            while self._retrying and not self._stopping.is_set():
                wake = self._next_retry()
                if wake is None:
                    break
                delay = (wake - self.clock()).total_seconds()
                if delay > 0:
                    self._stopping.wait(delay)
                total.add(self.run_pass())
            return total
        finally:
            self._release()

    def _next_retry(self) -> datetime | None:
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                select(reminders.c.id, reminders.c.next_attempt).where(
                    reminders.c.id.in_(sorted(self._retrying)), reminders.c.state == PENDING
                )
            ).all()
        self._retrying = {r.id for r in rows}
        return min((r.next_attempt for r in rows), default=None)

    def _acquire(self) -> None:
        if not self._locked:
            self._lock.acquire()
            self._locked = True

    def _release(self) -> None:
        if self._locked:
            self._lock.release()
            self._locked = False

    # ---- run in the background -------------------------------------------------------

    def start(self) -> None:
        """Run in the background: a pass now, then at each next due time and every `poll`.

        Raises:
            StoreError: another dispatcher holds this SQLite store.
        """
        from apscheduler.schedulers.background import BackgroundScheduler

        self._acquire()
        self._stopping.clear()
        scheduler = BackgroundScheduler(
            timezone=timezone.utc,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        scheduler.add_job(self._tick, "interval", seconds=max(1.0, self.poll.total_seconds()), id="poll",
                          next_run_time=datetime.now(timezone.utc))
        self._scheduler = scheduler
        scheduler.start()

    def _wake(self) -> None:
        self._tick(full=False)

    def _tick(self, full: bool = True) -> None:
        if self._stopping.is_set():
            return
        try:
            report = self.run_pass(full)
            if self.on_pass is not None:
                self.on_pass(report)
        except Exception:  # keep running: the next poll tries again
            log.exception("reminder dispatch pass failed")
        self._schedule_wake()

    def _schedule_wake(self) -> None:
        scheduler = self._scheduler
        if scheduler is None or self._stopping.is_set():
            return
        try:
            wake = next_due(self.store, self._keys)
        except Exception:
            log.exception("cannot read the next due reminder")
            return
        if wake is None:
            return
        # A past time means a row this pass could not claim (stale, recomputed next pass):
        # retry shortly rather than spin.
        real_now = datetime.now(timezone.utc)
        offset = self.clock() - real_now  # a pinned clock runs ahead or behind the real one
        run_at = max(wake - offset, real_now + timedelta(milliseconds=200))
        try:
            scheduler.add_job(self._wake, "date", run_date=run_at, id="wake", replace_existing=True)
        except Exception:  # the scheduler was shut down meanwhile
            log.debug("wake not scheduled", exc_info=True)

    def stop(self, wait: bool = True) -> None:
        """Stop the background dispatcher (finishing the batch in hand) and release the lock."""
        self._stopping.set()
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None:
            # Not shutdown(wait=True): it holds the scheduler's job-store lock while waiting for
            # the running pass, and that pass ends by scheduling its wake-up (a deadlock).
            scheduler.shutdown(wait=False)
        if wait:
            with self._pass_lock:  # the pass in hand finishes first
                self._release()
        else:
            self._release()

    def close(self) -> None:
        """Stop, and release threads and channels."""
        self.stop()
        self._pool.shutdown(wait=True)
        for c in self.channels:
            c.close()

    def __enter__(self) -> Dispatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def dispatcher_from_config(
    store: Store,
    config: Config,
    notify: Sequence[str] = (),
    **options: Any,
) -> Dispatcher:
    """A Dispatcher with the configuration's policy and channels (`notify` URLs replace the
    configured ones; stdout when there are none)."""
    channels = make_channels(notify or config.notify_urls)
    options.setdefault("poll", config.reminders_poll)
    return Dispatcher(store, ReminderPolicy.from_config(config), channels, **options)


def start_dispatcher(store: Store, config: Config, notify: Sequence[str] = (), **options: Any) -> Dispatcher:
    """Start a background dispatcher for `tracker serve` and friends; call `.close()` to stop it.

    Raises:
        StoreError: another dispatcher holds this SQLite store.
        ConfigError: a notification URL apprise does not recognise.
    """
    dispatcher = dispatcher_from_config(store, config, notify, **options)
    dispatcher.start()
    return dispatcher
