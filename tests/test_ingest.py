"""ingest_paths on both backends: directories, idempotence, merging across articles, bad files."""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tracker.errors import InputError
from tracker.ingest import failure_exit_code, ingest_paths
from tracker.store import Store

NOW = datetime(2025, 5, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def corpus(tmp_path: Path, article: Any) -> Path:
    root = tmp_path / "articles"
    article(root, "a.txt", "2025-04-21",
            "The session of the TurkPA is slated for June 11-12 in Astana.",
            "ITEM event | TurkPA session | TurkPA | 2025 | Astana",
            "ITEM commitment | assume the chairmanship | Kazakhstan | 2025 |")
    article(root, "sub/b.txt", "2025-04-25",
            "ITEM event | session of the TurkPA | TurkPA; Turkey | 2025-06-11/2025-06-12 | Astana")
    article(root, "sub/deeper/c.txt", "2025-04-26", "ITEM event | budget vote | Majilis | 2025-05-20 |")
    (root / "notes.md").write_text("ITEM event | ignored | x | 2025 |\n")  # not an article suffix
    return root


def test_directories_are_read_recursively_and_merged(store: Store, corpus: Path, scripted_extractor: Any) -> None:
    seen: list[str] = []
    report = ingest_paths(store, [str(corpus)], NOW, extract=scripted_extractor, on_file=seen.append)
    assert report.to_dict() == {"documents": 3, "failures": [], "merged": 1, "new": 3, "unchanged": 0, "updated": 1}
    assert [Path(p).name for p in seen] == ["a.txt", "b.txt", "c.txt"]
    [session] = store.items(now=NOW, search="turkpa")
    assert session.when == "2025-06-11/2025-06-12" and session.actors == ("TurkPA", "Turkey")
    assert [Path(e.document).name for e in session.evidence] == ["a.txt", "b.txt"]
    assert report.ok and failure_exit_code(report) == 0


def test_rerun_is_unchanged(store: Store, corpus: Path, scripted_extractor: Any) -> None:
    ingest_paths(store, [str(corpus)], NOW, extract=scripted_extractor)
    before = store.counts()
    report = ingest_paths(store, [str(corpus), str(corpus / "a.txt")], NOW, extract=scripted_extractor)
    assert (report.documents, report.unchanged, report.new) == (0, 4, 0)
    assert store.counts() == before


def test_published_override(store: Store, corpus: Path, scripted_extractor: Any) -> None:
    ingest_paths(store, [str(corpus / "sub" / "deeper" / "c.txt")], NOW, published=date(2025, 1, 2),
                 extract=scripted_extractor)
    assert store.items(now=NOW)[0].evidence[0].published == date(2025, 1, 2)


def test_bad_files_fail_alone_and_leave_no_trace(store: Store, tmp_path: Path, article: Any,
                                                 scripted_extractor: Any) -> None:
    mixed = tmp_path / "mixed"
    article(mixed, "1-good.txt", "2025-04-21", "ITEM event | TurkPA session | TurkPA | 2025-06-11 |")
    (mixed / "2-empty.txt").write_bytes(b"")
    (mixed / "3-binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (mixed / "4-big.txt").write_text("date 2025-04-21\n\n" + "word " * 400)
    (mixed / "5-undated.txt").write_text("ITEM event | vote | Majilis | 2025 |\n")
    (mixed / "6-garbled.txt").write_bytes(bytes(range(0x80, 0x100)) * 3)
    article(mixed, "7-bad-item.txt", "2025-04-21", "ITEM event | vote | Majilis | next week |")
    article(mixed, "8-good.txt", "2025-04-22", "ITEM commitment | build a road | Majilis | |")
    report = ingest_paths(store, [str(mixed), str(tmp_path / "missing.txt")], NOW, max_bytes=1000,
                          extract=scripted_extractor)
    assert report.documents == 2 and report.new == 2
    failed = {Path(f.path).name: f.message for f in report.failures}
    assert sorted(failed) == ["2-empty.txt", "3-binary.txt", "4-big.txt", "5-undated.txt", "6-garbled.txt",
                              "7-bad-item.txt", "missing.txt"]
    assert "is empty" in failed["2-empty.txt"]
    assert "binary" in failed["3-binary.txt"]
    assert "too large" in failed["4-big.txt"]
    assert "no publication date" in failed["5-undated.txt"]
    assert "not UTF-8" in failed["6-garbled.txt"]
    assert "malformed date 'next week'" in failed["7-bad-item.txt"]
    assert "no such file" in failed["missing.txt"]
    assert all("\n" not in m for m in failed.values())
    assert failure_exit_code(report) == 3
    assert store.counts()["documents"] == 2
    assert {i.title for i in store.items(now=NOW)} == {"TurkPA session", "build a road"}


def test_extractor_crash_is_one_failure(store: Store, tmp_path: Path, article: Any) -> None:
    article(tmp_path, "a.txt", "2025-04-21", "text")
    article(tmp_path, "b.txt", "2025-04-22", "more text")

    def crashing(doc: Any) -> list[Any]:
        if doc.path.endswith("a.txt"):
            raise ZeroDivisionError("oops")
        return []

    report = ingest_paths(store, [str(tmp_path)], NOW, extract=crashing)
    assert report.documents == 1
    [f] = report.failures
    assert f.message.endswith("a.txt: internal error: ZeroDivisionError: oops") and f.exit_code == 1


def test_nothing_to_ingest(store: Store, tmp_path: Path) -> None:
    (tmp_path / "empty-dir").mkdir()
    with pytest.raises(InputError, match="no article files"):
        ingest_paths(store, [str(tmp_path / "empty-dir")], NOW)


def test_real_extractor_on_the_seed(store: Store) -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    report = ingest_paths(store, [str(seeds)], NOW)
    assert report.ok and report.documents >= 1 and report.new >= 1
    for item in store.items(now=NOW, status="all"):
        [ev] = item.evidence
        content = Path(ev.document).read_text(encoding="utf-8")
        assert ev.span is not None and content[ev.span[0] : ev.span[1]] == ev.sentence


def test_a_batch_ends_with_current_planner_statistics(store: Store, corpus: Path, scripted_extractor: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """However small the batch, the next one's merge lookups are planned for the grown store."""
    from test_store import _analyzed_tables

    from tracker.store import engine

    monkeypatch.setattr(engine, "STATS_BASE_ROWS", 0)
    assert "items" not in _analyzed_tables(store)
    report = ingest_paths(store, [str(corpus)], NOW, extract=scripted_extractor)
    assert report.documents > 0
    assert {"items", "item_terms", "evidence"} <= _analyzed_tables(store)
