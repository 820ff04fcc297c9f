"""Throughput of extract_items vs dateparser.search_dates on the dev + TE3 texts, and peak RSS
for 1,000 articles extracted in one process.

Run: .venv/bin/python bench/extract.py [--runs 5] [--articles 1000]   (prints figures; asserts nothing)
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _timing import median_time  # noqa: E402  (bench/ is on sys.path when run as a script)

from tracker.documents import load_document
from tracker.extract import extract_items
from tracker.models import Document

SHARED = ROOT.parent / "shared"


def load_docs(tmp: str) -> list[Document]:
    """The dev articles and the TE3 platinum texts (exported with the shared tool)."""
    tool = SHARED / "tools" / "te3_score.py"
    subprocess.run([sys.executable, str(tool), "export", str(SHARED / "corpus" / "te3-platinum"), tmp],
                   check=True, capture_output=True)
    paths = sorted((SHARED / "corpus" / "dev").glob("*.txt")) + sorted(Path(tmp).glob("*.txt"))
    return [load_document(str(p)) for p in paths]


def rss_child(n: int) -> None:
    """Subprocess body: extract `n` articles (the corpus cycled) and print peak RSS in MB."""
    with tempfile.TemporaryDirectory() as tmp:
        docs = load_docs(tmp)
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        items = 0
        for i in range(n):
            d = docs[i % len(docs)]
            # A distinct path per article, as a batch run over many files would have.
            items += len(extract_items(Document(f"{d.path}#{i}", d.content, d.published, d.body_start, d.sha256)))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"articles": n, "items": items, "peak_mb": peak / 1024, "after_import_mb": base / 1024}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5, help="runs per measure; medians are quoted")
    ap.add_argument("--articles", type=int, default=1000, help="articles for the peak-RSS run")
    ap.add_argument("--rss-child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rss_child:
        rss_child(args.rss_child)
        return
    if not (SHARED / "corpus" / "dev").is_dir():
        print(f"skipped: {SHARED} not found (needs ../shared for the dev and TE3 texts)")
        return
    runs = max(1, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        docs = load_docs(tmp)
    chars = sum(len(d.body) for d in docs)
    print(f"corpus: {len(docs)} articles (dev + TE3 platinum), {chars:,} characters")

    def ours() -> None:
        for d in docs:
            extract_items(d)

    ours()  # warm up: imports and compiled regexes
    t_ours = median_time(ours, runs)
    print(f"extract_items          : {len(docs) / t_ours:8.1f} articles/s {chars / t_ours:12,.0f} chars/s "
          f"(median of {runs}: {t_ours * 1000:.1f} ms)")

    import dateparser.search

    def theirs() -> None:
        for d in docs:
            base = datetime(d.published.year, d.published.month, d.published.day)
            dateparser.search.search_dates(d.body, languages=["en"], settings={"RELATIVE_BASE": base})

    theirs()
    druns = max(1, min(runs, 3))
    t_dp = median_time(theirs, druns)
    print(f"dateparser.search_dates: {len(docs) / t_dp:8.1f} articles/s {chars / t_dp:12,.0f} chars/s "
          f"(median of {druns}: {t_dp * 1000:.1f} ms)")
    print(f"extraction vs dateparser.search_dates: {t_dp / t_ours:.1f}x faster (target >= 5x)")

    out = subprocess.run([sys.executable, __file__, "--rss-child", str(args.articles)],
                         check=True, capture_output=True, text=True)
    r = json.loads(out.stdout)
    print(f"peak RSS for {r['articles']} articles in one run: {r['peak_mb']:.0f} MB "
          f"({r['after_import_mb']:.0f} MB after imports and loading; {r['items']} items; target <= 300 MB)")


if __name__ == "__main__":
    main()
