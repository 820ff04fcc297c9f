"""Throughput of find_time_expressions vs dateparser.search_dates, and adversarial-text timing.

Run: .venv/bin/python bench/timex.py [--runs 5]   (prints figures; asserts nothing)
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _timing import median_time  # noqa: E402  (bench/ is on sys.path when run as a script)

from tracker.temporal import find_time_expressions  # noqa: E402

SHARED = ROOT.parent / "shared"
MB = 1_000_000


def load_texts() -> list[tuple[str, date, int]]:
    """(content, anchor, body offset) for the TE3 platinum and dev texts."""
    docs: list[tuple[str, date, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tool = SHARED / "tools" / "te3_score.py"
        subprocess.run([sys.executable, str(tool), "export", str(SHARED / "corpus" / "te3-platinum"), tmp],
                       check=True, capture_output=True)
        paths = sorted(Path(tmp).glob("*.txt")) + sorted((SHARED / "corpus" / "dev").glob("*.txt"))
        for p in paths:
            content = p.read_text(encoding="utf-8")
            m = re.match(r"\s*date (\d{4}-\d\d-\d\d)\n", content)
            if m:
                docs.append((content, date.fromisoformat(m.group(1)), content.index("\n\n") + 2))
    return docs


def adversarial(size: int) -> dict[str, str]:
    """1 MB inputs meant to hurt a backtracking regex grammar."""
    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "1-1-1-1": fill("1-"),
        "month names": fill("January February March April May June July August September October "
                            "November December "),

        "June June": fill("June "),
        "digit runs": fill("1234567890" * 20 + " "),
        "mixed dashes": fill("2025-06-11-12-13–14—15/16/17 "),
        "number words": fill("two and a half three-four-five "),
        "weekdays": fill("Friday Saturday, Sunday morning "),
    }


def dense(size: int) -> dict[str, str]:
    """1 MB inputs packed with real expressions."""
    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {"months and days": fill("June July Aug. Sept. 12 "), "quarter codes": fill("Q1 Q2 Q3 ")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5, help="runs per measure; medians are quoted")
    args = ap.parse_args()
    runs = max(1, args.runs)

    if not (SHARED / "corpus" / "dev").is_dir():
        print(f"skipped: {SHARED} not found (needs ../shared for TE3 and dev texts)")
        return
    docs = load_texts()
    chars = sum(len(c) - b for c, _, b in docs)
    print(f"corpus: {len(docs)} documents (TE3 platinum + dev), {chars:,} characters")

    def ours() -> None:
        for content, anchor, body in docs:
            find_time_expressions(content, anchor, body)

    ours()  # warm up compiled regexes
    t_ours = median_time(ours, runs)
    print(f"tracker.temporal (find_time_expressions)  : {len(docs) / t_ours:8.1f} docs/s {chars / t_ours:12,.0f} chars/s "
          f"(median of {runs}: {t_ours * 1000:.1f} ms)")

    import dateparser.search

    def dateparser_run(languages: list[str] | None) -> Callable[[], None]:
        def run() -> None:
            for content, anchor, body in docs:
                base = datetime(anchor.year, anchor.month, anchor.day)
                dateparser.search.search_dates(content[body:], languages=languages,
                                               settings={"RELATIVE_BASE": base})
        return run

    # As the issue states it: search_dates with RELATIVE_BASE (language detection on), then the
    # faster English-only configuration, so the ratio is not flattered by language detection.
    for label, languages, druns in (("default", None, 1), ("languages=['en']", ["en"], max(1, min(runs, 3)))):
        fn = dateparser_run(languages)
        if languages:
            fn()  # warm up
        t_dp = median_time(fn, druns)
        print(f"dateparser.search_dates {label:18}: {len(docs) / t_dp:8.1f} docs/s {chars / t_dp:12,.0f} chars/s "
              f"(median of {druns}: {t_dp * 1000:.0f} ms)  -> tracker is {t_dp / t_ours:.1f}x faster (target >= 10x)")

    news = "\n\n".join(c[b:] for c, _, b in docs)
    news = (news * (MB // len(news) + 1))[:MB]
    anchor = date(2025, 4, 17)
    t_news = median_time(lambda: find_time_expressions(news, anchor), runs)
    print(f"1 MB ordinary news: {t_news * 1000:.0f} ms")
    worst = 0.0
    for name, text in adversarial(MB).items():
        t = median_time(lambda text=text: find_time_expressions(text, anchor), runs)
        worst = max(worst, t / t_news)
        print(f"1 MB adversarial {name!r:16}: {t * 1000:7.0f} ms  ratio {t / t_news:5.2f}x")
    print(f"worst adversarial / news ratio: {worst:.2f}x (target <= 5x)")
    # Text made of valid expressions is no backtracking test: its cost follows the number of
    # timexes returned (news has about 4 per 1,000 characters; these have 40 to 330).
    worst_all = worst
    for name, text in dense(MB).items():
        t = median_time(lambda text=text: find_time_expressions(text, anchor), runs)
        n = len(find_time_expressions(text, anchor))
        worst_all = max(worst_all, t / t_news)
        print(f"1 MB dense valid {name!r:16}: {t * 1000:7.0f} ms  ratio {t / t_news:5.2f}x  "
              f"({n:,} timexes, {t / max(n, 1) * 1e6:.1f} us each)")
    print(f"worst of all cases above / news ratio: {worst_all:.2f}x (target <= 5x, ideally <= 3x)")


if __name__ == "__main__":
    main()
