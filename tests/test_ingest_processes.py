"""Real `tracker ingest` processes: SIGKILL midway leaves a clean store and a rerun completes
without duplicates; two concurrent ingests into one store both finish with everything stored."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tracker.ingest import ingest_paths
from tracker.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)
_HEADER = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s*")


def base_texts() -> list[str]:
    """Article bodies: the seed, plus the DEV corpus when ../shared is beside the clone."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.txt"))
    return [_HEADER.sub("", p.read_text(encoding="utf-8"), count=1) for p in paths]


def make_articles(directory: Path, count: int) -> list[Path]:
    """`count` distinct articles: the base texts re-dated day by day (so their items recur, merge
    and move), each with a line that makes its content unique."""
    bodies = base_texts()
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        published = date(2025, 1, 1) + timedelta(days=i // len(bodies))
        path = directory / f"{i:05d}.txt"
        path.write_text(f"date {published.isoformat()}\n\n{bodies[i % len(bodies)]}\nArticle {i}.\n", encoding="utf-8")
        out.append(path)
    return out


def tracker_cmd(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "tracker", "--db", url, *args]


@pytest.fixture
def proc_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(TRACKER_NOW=NOW.isoformat(), XDG_CONFIG_HOME=str(tmp_path / "cfg"), XDG_DATA_HOME=str(tmp_path / "data"))
    return env


def snapshot(url: str) -> tuple[dict[str, int], list[tuple[str, str | None, int]]]:
    with Store(url) as s:
        items = s.items(now=NOW, status="all")
        return s.counts(), sorted((i.uid, i.when, len(i.evidence)) for i in items)


def test_sigkill_midway_then_rerun(store_url: str, tmp_path: Path, proc_env: dict[str, str]) -> None:
    articles = make_articles(tmp_path / "articles", 120)
    Store(store_url).close()  # create the schema first, so the kill lands during ingest
    proc = subprocess.Popen(tracker_cmd(store_url, "ingest", str(tmp_path / "articles")), env=proc_env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    stored = 0
    with Store(store_url) as watcher:
        while time.monotonic() < deadline and proc.poll() is None:
            stored = watcher.counts()["documents"]
            if stored >= 10:
                break
            time.sleep(0.05)
    assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read()!r}"  # type: ignore[union-attr]
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    counts, _ = snapshot(store_url)  # opens cleanly: no half-written document
    assert 10 <= counts["documents"] < len(articles)

    rerun = subprocess.run(tracker_cmd(store_url, "ingest", str(tmp_path / "articles")), env=proc_env,
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{counts['documents']} unchanged, 0 failed" in rerun.stdout

    reference = str(tmp_path / "reference.db")
    with Store(reference) as ref:
        assert ingest_paths(ref, [str(tmp_path / "articles")], NOW).ok
    assert snapshot(store_url) == snapshot(reference)


def test_two_concurrent_ingests_store_everything(store_url: str, tmp_path: Path, proc_env: dict[str, str]) -> None:
    articles = make_articles(tmp_path / "all", 60)
    first, second = tmp_path / "first", tmp_path / "second"
    for i, path in enumerate(articles):
        # 0-39 to the first process, 20-59 to the second: 20 articles are given to both.
        for target, wanted in ((first, i < 40), (second, i >= 20)):
            if wanted:
                target.mkdir(exist_ok=True)
                (target / path.name).write_bytes(path.read_bytes())
    procs = [
        subprocess.Popen(tracker_cmd(store_url, "ingest", str(d)), env=proc_env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for d in (first, second)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
        assert err == ""
    stored = sum(int(re.match(r"(\d+) document", out).group(1)) for out, _ in outputs)  # type: ignore[union-attr]
    skipped = sum(int(re.search(r"(\d+) unchanged", out).group(1)) for out, _ in outputs)  # type: ignore[union-attr]
    assert (stored, skipped) == (60, 20)  # each shared article stored once, skipped by the other

    from tracker.documents import load_document
    from tracker.extract import extract_items

    expected_evidence = sum(len(extract_items(load_document(p))) for p in articles)
    counts, items = snapshot(store_url)
    assert counts["documents"] == 60
    assert counts["evidence"] == expected_evidence  # every extracted item stored exactly once
    assert len({uid for uid, _, _ in items}) == len(items)
