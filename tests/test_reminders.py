"""Reminder policy, reminder rows and the dispatcher on both backends, with real channels: an
aiosmtpd server and an HTTP webhook on 127.0.0.1, and the stdout channel. The clock is passed in."""
from __future__ import annotations

import email
import io
import json
import socket
import threading
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from email.header import decode_header, make_header
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from tracker.cli import cli
from tracker.reminders.channels import StdoutChannel, make_channel
from tracker.reminders.dispatcher import Dispatcher
from tracker.reminders.policy import ReminderPolicy, agenda_days, digest_days, item_due_times, parse_remind_spec
from tracker.reminders.store import claim_due, list_reminders, set_item_remind, sync_reminders
from tracker.store import Store
from webhook import Webhook

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)
POLICY = ReminderPolicy(zone=BERLIN, digest=False, agenda=False, retry=timedelta(milliseconds=50))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)  # type: ignore[misc]


def at(when: datetime) -> Any:
    return lambda: when


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---- policy ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2025-06-10", [("1w", utc(2025, 6, 3, 7)), ("1d", utc(2025, 6, 9, 7))]),  # 09:00 Berlin (CEST)
        ("2025-06-12T14:00", [("1w", utc(2025, 6, 5, 12)), ("1d", utc(2025, 6, 11, 12))]),  # its own time
        ("2025-06-12T14:00+00:00", [("1w", utc(2025, 6, 5, 14)), ("1d", utc(2025, 6, 11, 14))]),
        ("../2025-06", [("1w", utc(2025, 6, 23, 7)), ("1d", utc(2025, 6, 29, 7))]),  # deadline: last day
        ("2025-06-10/2025-06-12", [("1w", utc(2025, 6, 3, 7)), ("1d", utc(2025, 6, 9, 7))]),  # range: start
        ("2025-W24", [("1w", utc(2025, 6, 2, 7)), ("1d", utc(2025, 6, 8, 7))]),  # week: its Monday
        ("2025-06", []),  # too vague for a reminder of its own
        ("2025", []),
        ("2025-11-02", [("1w", utc(2025, 10, 26, 8)), ("1d", utc(2025, 11, 1, 8))]),  # DST: 09:00 local stays
    ],
    ids=["day", "local-time", "utc-time", "deadline-month", "range", "week", "month", "year", "dst"],
)
def test_due_times_follow_the_policy(when: str, expected: list[tuple[str, datetime]]) -> None:
    assert item_due_times(when, POLICY.before, POLICY) == expected


def test_due_times_beyond_the_calendar_are_skipped() -> None:
    # A lead before year 1 (or a date at the very end of time) has no due time: no reminder, no crash.
    assert item_due_times("0001-01-01", POLICY.before, POLICY) == []
    assert item_due_times("2025-06-10", (timedelta(days=1_000_000), timedelta(days=1)), POLICY) == [
        ("1d", utc(2025, 6, 9, 7))]
    end = datetime(9999, 12, 31, 12, tzinfo=BERLIN)  # `remind --now` at the edge of time: no crash
    assert digest_days(end, POLICY)[-1] == end.date() and agenda_days(end, POLICY) == [date(9999, 12, 27)]


@pytest.mark.parametrize(
    ("spec", "leads"),
    [("3d,2h", (timedelta(days=3), timedelta(hours=2))), ("2h 3d", (timedelta(days=3), timedelta(hours=2))),
     ("none", ()), ("default", None)],
    ids=["list", "spaces", "none", "default"],
)
def test_remind_spec(spec: str, leads: tuple[timedelta, ...] | None) -> None:
    assert parse_remind_spec(spec) == leads


def test_remind_spec_rejects_junk() -> None:
    with pytest.raises(ValueError, match="invalid --remind 'soon'"):
        parse_remind_spec("soon")


# ---- rows in the store: recomputation on item changes ---------------------------------------


def pending(store: Store, item_id: str | None = None) -> list[tuple[str | None, str | None, datetime]]:
    return [(r.item_id, r.lead_time, r.due) for r in list_reminders(store, ["pending"]) if item_id in (None, r.item_id)]


def test_sync_creates_one_row_per_lead_time_and_channel(store: Store) -> None:
    item = store.add_manual(title="Send the report", when="2025-06-10", now=T0)
    channels = [StdoutChannel(), make_channel("json://127.0.0.1:9/hook")]
    report = sync_reminders(store, POLICY, channels, T0)
    assert (report.items, report.created) == (1, 4)
    rows = list_reminders(store)
    assert sorted((r.lead_time, r.channel) for r in rows) == [
        ("1d", "json://127.0.0.1:9/hook"), ("1d", "stdout://"), ("1w", "json://127.0.0.1:9/hook"), ("1w", "stdout://"),
    ]
    assert {r.state for r in rows} == {"pending"} and {r.item_id for r in rows} == {item.id}
    # Nothing changed: a second sync looks at no item and creates nothing.
    again = sync_reminders(store, POLICY, channels, T0)
    assert (again.items, again.created, again.removed) == (0, 0, 0)


def test_rescheduling_an_item_replaces_its_pending_reminders(store: Store) -> None:
    item = store.add_manual(title="Send the report", when="2025-06-10", now=T0)
    sync_reminders(store, POLICY, [StdoutChannel()], T0)
    assert pending(store, item.id) == [(item.id, "1w", utc(2025, 6, 3, 7)), (item.id, "1d", utc(2025, 6, 9, 7))]
    store.edit(item.id, now=T0 + timedelta(hours=1), when="2025-06-20")
    # Until the next pass recomputes them, the old rows are stale: never listed, never claimed.
    assert pending(store, item.id) == []
    assert claim_due(store, "test", [StdoutChannel().key], utc(2025, 6, 30), 100) == []
    report = sync_reminders(store, POLICY, [StdoutChannel()], T0 + timedelta(hours=1))
    assert (report.created, report.removed) == (2, 2)
    assert pending(store, item.id) == [(item.id, "1w", utc(2025, 6, 13, 7)), (item.id, "1d", utc(2025, 6, 19, 7))]


def test_done_item_loses_its_pending_reminders_and_reopen_restores_them(store: Store) -> None:
    item = store.add_manual(title="Send the report", when="2025-06-10", now=T0)
    other = store.add_manual(title="Publish the plan", when="2025-06-11", now=T0)
    sync_reminders(store, POLICY, [StdoutChannel()], T0)
    store.set_status(item.id, "done", T0 + timedelta(hours=1))
    sync_reminders(store, POLICY, [StdoutChannel()], T0 + timedelta(hours=1))
    assert pending(store, item.id) == []
    assert len(pending(store, other.id)) == 2  # other items untouched
    store.set_status(item.id, "open", T0 + timedelta(hours=2))
    sync_reminders(store, POLICY, [StdoutChannel()], T0 + timedelta(hours=2))
    assert len(pending(store, item.id)) == 2


def test_cancelled_item_gets_nothing_sent(store: Store) -> None:
    item = store.add_manual(title="Send the report", when="2025-06-10", now=T0)
    out = io.StringIO()
    sync_reminders(store, POLICY, [StdoutChannel(out)], T0)
    store.set_status(item.id, "cancelled", T0)
    report = Dispatcher(store, POLICY, [StdoutChannel(out)], clock=at(utc(2025, 6, 9, 8))).run_once()
    assert report.sent == 0 and out.getvalue() == ""


def test_per_item_policy(store: Store) -> None:
    item = store.add_manual(title="Send the report", when="2025-06-10", now=T0)
    sync_reminders(store, POLICY, [StdoutChannel()], T0)
    assert set_item_remind(store, item.id[:5], "2h, 3d", T0) == (item.id, "3d,2h")
    sync_reminders(store, POLICY, [StdoutChannel()], T0)
    assert pending(store, item.id) == [(item.id, "3d", utc(2025, 6, 7, 7)), (item.id, "2h", utc(2025, 6, 10, 5))]
    set_item_remind(store, item.id, "none", T0)
    sync_reminders(store, POLICY, [StdoutChannel()], T0)
    assert pending(store, item.id) == []


def test_digest_and_agenda_rows(store: Store) -> None:
    policy = ReminderPolicy(zone=BERLIN)
    monday = utc(2025, 6, 2, 6)  # 08:00 Berlin, a Monday
    sync_reminders(store, policy, [StdoutChannel()], monday)
    rows = [(r.kind, r.due) for r in list_reminders(store)]
    assert ("digest", utc(2025, 6, 2, 7)) in rows and ("digest", utc(2025, 6, 3, 7)) in rows
    assert ("agenda", utc(2025, 6, 2, 7)) in rows and ("agenda", utc(2025, 6, 9, 7)) in rows


# ---- dispatching -----------------------------------------------------------------------------


def test_digest_lists_missed_commitments_soonest_first(store: Store) -> None:
    policy = ReminderPolicy(zone=BERLIN, before=(), agenda=False)
    store.add_manual(title="Later one", when="2025-05-28", now=T0)
    store.add_manual(title="Earlier one", when="2025-05-20", now=T0)
    store.add_manual(title="Future one", when="2025-07-01", now=T0)
    store.add_manual(title="An event", kind="event", when="2025-05-21", now=T0)
    out = io.StringIO()
    report = Dispatcher(store, policy, [StdoutChannel(out)], clock=at(utc(2025, 6, 2, 7, 0, 5))).run_once()
    assert report.sent == 1
    text = out.getvalue()
    assert "Daily digest 2025-06-02: 2 missed or overdue commitment(s)" in text
    assert text.index("1. Earlier one") < text.index("2. Later one")
    assert "Future one" not in text and "An event" not in text


def test_rerun_at_the_same_now_sends_nothing_new(store: Store) -> None:
    store.add_manual(title="Send the report", when="2025-06-10", now=T0)
    out = io.StringIO()
    now = utc(2025, 6, 3, 7, 0, 30)
    first = Dispatcher(store, POLICY, [StdoutChannel(out)], clock=at(now)).run_once()
    second = Dispatcher(store, POLICY, [StdoutChannel(out)], clock=at(now)).run_once()
    assert (first.sent, second.sent) == (1, 0)
    assert out.getvalue().count("== Commitment in 1 week: Send the report") == 1


def test_misfire_late_within_grace_skipped_beyond(store: Store) -> None:
    a = store.add_manual(title="Within grace", when="2025-06-10", now=T0)  # 1w reminder due 2025-06-03 07:00
    b = store.add_manual(title="Beyond grace", when="2025-06-09", now=T0)  # 1w reminder due 2025-06-02 07:00
    sync_reminders(store, POLICY, [StdoutChannel()], T0)  # computed while the items were far ahead
    # No dispatcher ran until 2025-06-03 12:00: 5 h after a's due time, 29 h after b's.
    out = io.StringIO()
    report = Dispatcher(store, POLICY, [StdoutChannel(out)], clock=at(utc(2025, 6, 3, 12))).run_once()
    assert (report.sent, report.late, report.skipped) == (1, 1, 1)
    rows = {(r.item_id, r.lead_time): r for r in list_reminders(store)}
    sent, skipped = rows[(a.id, "1w")], rows[(b.id, "1w")]
    assert (sent.state, sent.late, sent.sent_at) == ("sent", True, utc(2025, 6, 3, 12))
    assert skipped.state == "skipped" and "grace window (24 h)" in (skipped.last_error or "")
    assert [r.id for r in list_reminders(store, ["skipped"])] == [skipped.id]
    assert "Within grace" in out.getvalue() and "Beyond grace" not in out.getvalue()


# ---- real channels ---------------------------------------------------------------------------


class SMTPSink:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[int, SMTPSink]]:
    from aiosmtpd.controller import Controller

    sink = SMTPSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, sink
    controller.stop()


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    hook = Webhook()
    yield hook
    hook.close()


def ingest_one(store: Store, tmp_path: Any) -> str:
    from tracker.documents import load_document

    from conftest import scripted_items, write_article

    path = write_article(
        tmp_path, "a.txt", "2025-05-01",
        "ITEM event | NATO summit | NATO; Mark Rutte | 2025-06-24 | The Hague",
    )
    doc = load_document(str(path))
    result = store.ingest_document(doc, scripted_items(doc), T0)  # type: ignore[arg-type]
    return result.new[0]


def test_mail_reaches_a_real_smtp_server(store: Store, smtp: tuple[int, SMTPSink], tmp_path: Any) -> None:
    port, sink = smtp
    item_id = ingest_one(store, tmp_path)
    url = f"mailto://127.0.0.1:{port}?from=tracker@example.org&to=me@example.org&mode=insecure"
    report = Dispatcher(store, POLICY, [make_channel(url)], clock=at(utc(2025, 6, 17, 7, 0, 1))).run_once()
    assert report.sent == 1 and len(sink.envelopes) == 1
    envelope = sink.envelopes[0]
    assert envelope.mail_from == "tracker@example.org" and envelope.rcpt_tos == ["me@example.org"]
    msg = email.message_from_bytes(envelope.content)
    assert str(make_header(decode_header(msg["Subject"]))) == "Event in 1 week: NATO summit"
    key = list_reminders(store, ["sent"])[0].key
    assert msg["X-Tracker-Reminder"] == key and key.startswith(f"{item_id}/1w/2025-06-17T07:00Z/")
    plain = next(p for p in msg.walk() if p.get_content_type() == "text/plain")
    body = plain.get_payload(decode=True).decode("utf-8")
    for line in ("When: 2025-06-24", "Where: The Hague", "Who: NATO, Mark Rutte", "Status: open",
                 "Evidence: \u201cITEM event | NATO summit | NATO; Mark Rutte | 2025-06-24 | The Hague\u201d",
                 "Source: ", f"Item: {item_id}"):
        assert line in body


def test_webhook_receives_json_with_an_idempotency_key(store: Store, webhook: Webhook, tmp_path: Any) -> None:
    item_id = ingest_one(store, tmp_path)
    report = Dispatcher(store, POLICY, [make_channel(webhook.url)], clock=at(utc(2025, 6, 23, 7, 0, 1))).run_once()
    assert report.sent == 1 and len(webhook.requests) == 1
    headers, payload = webhook.requests[0]
    key = list_reminders(store, ["sent"])[0].key
    assert headers["Idempotency-Key"] == key and payload["reminder_key"] == key
    assert payload["title"] == "Event in 1 day: NATO summit"
    assert payload["item_id"] == item_id and payload["item_when"] == "2025-06-24"
    assert "Where: The Hague" in payload["message"]


def test_failing_channels_are_retried_then_failed_others_unaffected(store: Store, tmp_path: Any) -> None:
    store.add_manual(title="Send the report", when="2025-06-10", now=T0)
    broken = Webhook(status=500)
    down = f"mailto://127.0.0.1:{free_port()}?from=tracker@example.org&to=me@example.org&mode=insecure"
    out = io.StringIO()
    try:
        channels = [make_channel(broken.url), make_channel(down), StdoutChannel(out)]
        from tracker.reminders.dispatcher import pinned_clock

        report = Dispatcher(store, POLICY, channels, clock=pinned_clock(utc(2025, 6, 3, 7, 0, 1))).run_once()
        assert len(broken.requests) == 3  # every attempt reached the server
    finally:
        broken.close()
    assert (report.sent, report.failed, report.retried) == (1, 2, 4)
    failed = {r.channel.split(":")[0]: r for r in list_reminders(store, ["failed"])}
    assert set(failed) == {"json", "mailto"}
    assert all(r.attempts == 3 for r in failed.values())
    assert "json" in (failed["json"].last_error or "").lower() or "500" in (failed["json"].last_error or "")
    assert failed["mailto"].last_error
    assert [r.channel for r in list_reminders(store, ["sent"])] == ["stdout://"]
    assert out.getvalue().count("Send the report") >= 1


def test_background_dispatcher_wakes_for_the_next_due_reminder(store: Store) -> None:
    start = datetime.now(timezone.utc)
    due_day = (start + timedelta(days=7, seconds=2)).astimezone(BERLIN)
    policy = ReminderPolicy(zone=BERLIN, digest=False, agenda=False, time_of_day=due_day.time().replace(microsecond=0))
    store.add_manual(title="Soon", when=due_day.date().isoformat(), now=start)
    out = io.StringIO()
    sent = threading.Event()
    d = Dispatcher(store, policy, [StdoutChannel(out)], poll=timedelta(minutes=10))
    d.on_pass = lambda r: sent.set() if r.sent else None
    d.start()
    try:
        assert sent.wait(15), "the wake-up job did not deliver the reminder"
    finally:
        d.close()
    [row] = list_reminders(store, ["sent"])
    assert row.sent_at is not None and (row.sent_at - row.due) < timedelta(seconds=2)


# ---- CLI -------------------------------------------------------------------------------------


def test_cli_remind_once_and_reminders(isolated_env: Any, tmp_path: Any) -> None:
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    env = {"TRACKER_DB": db, "TRACKER_TIMEZONE": "Europe/Berlin", "TRACKER_REMINDERS_DIGEST": "false",
           "TRACKER_REMINDERS_AGENDA": "false"}
    added = runner.invoke(cli, ["add", "Send the report", "--when", "2025-06-10"], env=env)
    assert added.exit_code == 0, added.output
    item_id = added.stdout.split()[0]
    edited = runner.invoke(cli, ["edit", item_id, "--remind", "3d"], env=env)
    assert (edited.exit_code, edited.stdout) == (0, f"{item_id}  remind 3d\n")
    first = runner.invoke(cli, ["remind", "--once", "--now", "2025-06-07T09:00:05"], env=env)
    assert first.exit_code == 0, first.output
    assert "== Commitment in 3 days: Send the report\n" in first.stdout
    assert first.stderr == "reminders: 1 sent (0 late), 0 to retry, 0 failed, 0 skipped, 0 unknown\n"
    again = runner.invoke(cli, ["remind", "--once", "--now", "2025-06-07T09:00:05"], env=env)
    assert again.stdout == "" and "0 sent" in again.stderr
    listed = runner.invoke(cli, ["reminders", "--sent", "--json"], env=env)
    rows = json.loads(listed.stdout)
    assert [(r["item_id"], r["lead_time"], r["state"], r["due"]) for r in rows] == [
        (item_id, "3d", "sent", "2025-06-07T07:00:00+00:00")
    ]
    assert json.loads(runner.invoke(cli, ["reminders", "--failed", "--json"], env=env).stdout) == []
    bad = runner.invoke(cli, ["edit", item_id, "--remind", "soon"], env=env)
    assert bad.exit_code == 3 and bad.stderr.startswith("Error: invalid --remind 'soon'")


def test_config_reminder_settings(isolated_env: Any, tmp_path: Any) -> None:
    from tracker.config import load_config

    cfg_path = tmp_path / "c.toml"
    cfg_path.write_text('[reminders]\ngrace = "6h"\nretry = "5s"\nattempts = 5\ndigest = false\n'
                        'time = "08:30"\n[notify]\nurls = ["stdout://", "json://127.0.0.1/hook"]\n')
    cfg = load_config(cfg_path)
    policy = ReminderPolicy.from_config(cfg)
    assert (policy.grace, policy.retry, policy.attempts, policy.digest, policy.agenda) == (
        timedelta(hours=6), timedelta(seconds=5), 5, False, True)
    assert policy.time_of_day == time(8, 30) and cfg.notify_urls == ("stdout://", "json://127.0.0.1/hook")
