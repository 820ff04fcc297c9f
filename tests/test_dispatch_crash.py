"""Exactly once across crashes and processes: `tracker remind` killed with SIGKILL between claiming
and recording, then restarted; two dispatcher processes sharing one PostgreSQL store."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tracker.reminders.store import counts, list_reminders
from tracker.store import Store
from webhook import Webhook

T0 = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)
NOW = "2025-06-09T09:00:00+00:00"  # every "1d before 2025-06-10 09:00" reminder is due


@pytest.fixture
def receiver() -> Iterator[Webhook]:
    r = Webhook()
    yield r
    r.close()


def make_items(store: Store, n: int) -> None:
    for i in range(n):
        store.add_manual(title=f"Commitment number {i}", when="2025-06-10", now=T0)


def remind(db: str, url: str, tmp: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    base.update(
        XDG_CONFIG_HOME=str(tmp / "xdg-config"),
        XDG_DATA_HOME=str(tmp / "xdg-data"),
        TRACKER_TIMEZONE="UTC",
        TRACKER_REMINDERS_BEFORE="1d",
        TRACKER_REMINDERS_DIGEST="false",
        TRACKER_REMINDERS_AGENDA="false",
        **(env or {}),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", db, "remind", "--once", "--now", NOW, "--notify", url, *extra],
        env=base, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_for(store: Store, predicate: Any, timeout: float = 30.0) -> dict[str, int]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        c = dict(counts(store))
        if predicate(c):
            return c
        time.sleep(0.05)
    raise AssertionError(f"timed out; reminder states: {dict(counts(store))}")


@pytest.mark.parametrize("pause", ["TRACKER_TEST_PAUSE_AFTER_CLAIM", "TRACKER_TEST_PAUSE_AFTER_SEND"],
                         ids=["killed-after-claim", "killed-after-send"])
def test_sigkill_between_claim_and_record_never_sends_twice(
    store_url: str, receiver: Webhook, tmp_path: Path, pause: str
) -> None:
    with Store(store_url) as store:
        make_items(store, 20)
        proc = remind(store_url, receiver.url, tmp_path, "--batch", "5", env={pause: "1.5"})
        try:
            # Let at least one batch be recorded and the next one be claimed (and, in the
            # after-send case, delivered), then kill.
            after_send = pause.endswith("SEND")

            def ready(c: dict[str, int]) -> bool:
                claimed = c.get("sent", 0) >= 5 and c.get("sending", 0) >= 1
                return claimed and (not after_send or len(receiver.seen) > c.get("sent", 0))

            wait_for(store, ready)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
        restarted = remind(store_url, receiver.url, tmp_path)
        out, err = restarted.communicate(timeout=60)
        assert restarted.returncode == 0, err
        rows = list_reminders(store)
        assert len(rows) == 20
        states = Counter(r.state for r in rows)
        assert set(states) <= {"sent", "unknown"} and states["unknown"] >= 1, states
        assert f"{states['unknown']} unknown" in err
        for r in rows:
            delivered = receiver.seen[r.key]
            if r.state == "sent":
                assert delivered == 1, r  # recorded as sent: delivered exactly once
            else:
                # Reported, never resent: delivered once (killed after the send) or not at all.
                assert delivered <= 1 and (after_send or delivered == 0), r
                assert "stopped between claiming and recording" in (r.last_error or "")
        assert max(receiver.seen.values()) == 1
        if after_send:  # the delivered-but-unrecorded ones were reported, not resent
            assert any(receiver.seen[r.key] == 1 for r in rows if r.state == "unknown")
        # And a rerun at the same `now` sends nothing new.
        before = sum(receiver.seen.values())
        rerun = remind(store_url, receiver.url, tmp_path)
        assert rerun.communicate(timeout=60)[1].startswith("reminders: 0 sent")
        assert sum(receiver.seen.values()) == before


def test_sqlite_allows_one_dispatcher_at_a_time(sqlite_url: str, receiver: Webhook, tmp_path: Path) -> None:
    with Store(sqlite_url) as store:
        make_items(store, 3)
    first = remind(sqlite_url, receiver.url, tmp_path, "--batch", "1", env={"TRACKER_TEST_PAUSE_AFTER_CLAIM": "2"})
    try:
        with Store(sqlite_url) as store:
            wait_for(store, lambda c: c.get("sending", 0) >= 1)
        second = remind(sqlite_url, receiver.url, tmp_path)
        _, err = second.communicate(timeout=60)
        assert second.returncode == 6
        assert err.startswith("Error: another dispatcher (") and "is running on this SQLite store" in err
    finally:
        _, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert sorted(receiver.seen.values()) == [1, 1, 1]


def test_two_dispatchers_on_postgresql_share_1000_reminders(pg_database: str, tmp_path: Path) -> None:
    from conftest import _pg_schema_url

    url = _pg_schema_url(pg_database)
    receiver = Webhook(delay=0.002)
    try:
        with Store(url) as store:
            make_items(store, 1000)
            slow = {"TRACKER_TEST_PAUSE_AFTER_CLAIM": "0.05"}  # so both processes get batches
            procs = [remind(url, receiver.url, tmp_path, "--batch", "20", env=slow) for _ in range(2)]
            errs = [p.communicate(timeout=300)[1] for p in procs]
            assert [p.returncode for p in procs] == [0, 0], errs
            rows = list_reminders(store)
            assert len(rows) == 1000 and {r.state for r in rows} == {"sent"}
            assert len(receiver.seen) == 1000 and set(receiver.seen.values()) == {1}  # none missing, no duplicate
            assert {r.key for r in rows} == set(receiver.seen)
            owners = {r.claimed_by for r in rows}
            assert len(owners) == 2, "both dispatchers should have claimed work"
            sent_counts = [int(e.split(" sent")[0].rsplit(" ", 1)[-1]) for e in errs]
            assert sum(sent_counts) == 1000
    finally:
        receiver.close()


def test_remind_runs_until_stopped(sqlite_url: str, receiver: Webhook, tmp_path: Path) -> None:
    # `tracker remind` reads the real clock: two items whose reminder falls due in ~4 s.
    start = datetime.now(timezone.utc)
    target = (start + timedelta(minutes=2)).replace(second=0, microsecond=0)
    lead = int((target - start).total_seconds()) - 4
    with Store(sqlite_url) as store:
        for title in ("First", "Second"):
            store.add_manual(title=title, when=target.strftime("%Y-%m-%dT%H:%M+00:00"), now=start)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "c"), XDG_DATA_HOME=str(tmp_path / "d"), TRACKER_TIMEZONE="UTC",
               TRACKER_REMINDERS_BEFORE=f"{lead}s", TRACKER_REMINDERS_DIGEST="false",
               TRACKER_REMINDERS_AGENDA="false")
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "--db", sqlite_url, "remind", "--notify", receiver.url],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with Store(sqlite_url) as store:
            assert wait_for(store, lambda c: c.get("pending", 0) == 2)  # computed by the first pass
            wait_for(store, lambda c: c.get("sent", 0) == 2)  # sent by the wake-up at their due time
            rows = list_reminders(store, ["sent"])
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "dispatching reminders to json://127.0.0.1:" in err and "2 sent (0 late)" in err
    assert sorted(receiver.seen.values()) == [1, 1]
    assert all(r.sent_at is not None and r.sent_at - r.due < timedelta(seconds=3) for r in rows)
