"""Run ../shared/tools/ics_check on feeds from the tests (skips with a reason when shared/ is absent)."""
from __future__ import annotations

import json
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ICS_CHECK = SHARED / "tools" / "ics_check" / "ics_check"


def ics_check(*paths: Path | str, previous: Path | None = None) -> dict[str, Any]:
    """Run `ics_check --require-all --json`; fail the test with its findings unless every check passes."""
    if not ICS_CHECK.exists():
        pytest.skip(f"ics_check not found at {ICS_CHECK} (../shared is absent)")
    cmd = [str(ICS_CHECK), "--require-all", "--json"]
    if previous is not None:
        cmd += ["--previous", str(previous)]
    cmd += [str(p) for p in paths]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        report = {"stdout": proc.stdout[-3000:]}
    if proc.returncode != 0:
        human = subprocess.run([c for c in cmd if c != "--json"], capture_output=True, text=True, timeout=600)
        pytest.fail(f"ics_check failed (exit {proc.returncode}):\n{human.stdout[-6000:]}\n{proc.stderr[-2000:]}")
    return report


T0 = datetime(2025, 4, 21, 12, 0, tzinfo=timezone.utc)


def make_item(
    n: int | str = 1,
    *,
    kind: str = "event",
    title: str = "TurkPA session",
    actors: tuple[str, ...] = ("TurkPA",),
    when: str | None = "2025-06-11/2025-06-12",
    location: str | None = "Astana",
    status: str = "open",
    sequence: int = 0,
    updated: datetime = T0,
    sentence: str = "The session of the TurkPA is slated for June 11-12 in Astana.",
    url: str | None = "https://example.org/turkpa",
    document: str = "seeds/000_12d6a3618a4b866a.txt",
    published: date | None = date(2025, 4, 21),
) -> Any:
    """A TrackedItem built by hand (the shape `Store.items` returns)."""
    from tracker.models import Evidence, TrackedItem

    ident = f"{n:0>8}" if isinstance(n, str) else f"{n:08x}"
    return TrackedItem(
        id=ident,
        uid=f"{ident}{'0' * 24}@tracker",
        kind=kind,
        title=title,
        actors=actors,
        when=when,
        location=location,
        status=status,
        stored_status=status if status != "missed" else "open",
        sequence=sequence,
        created=T0,
        updated=updated,
        evidence=(Evidence(document, sentence, published, None, url),),
    )
