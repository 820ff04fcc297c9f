"""Document loading: the seed format, plain text with --published, HTML, encodings and bad input."""
from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from tracker.documents import iter_article_paths, load_document, parse_published
from tracker.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_12d6a3618a4b866a.txt"


def test_seed_header_on_the_same_line_as_the_first_sentence() -> None:
    doc = load_document(str(SEED))
    assert doc.published == date(2025, 4, 21)
    assert doc.content.startswith(" date 2025-04-21 In Ankara")
    assert doc.body.startswith("In Ankara, the Kazakh deputies")
    # offsets index the whole decoded content, header included
    assert doc.content[doc.body_start :] == doc.body
    assert doc.path == str(SEED)
    assert len(doc.sha256) == 64


def test_header_with_blank_line(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("date 1998-02-13\n\nWASHINGTON (AP) _ Talks will resume Monday.\n", encoding="utf-8")
    doc = load_document(p)
    assert doc.published == date(1998, 2, 13)
    assert doc.body.startswith("WASHINGTON")
    assert doc.content.index("WASHINGTON") == doc.body_start


def test_published_flag_overrides_and_is_required_without_header(tmp_path: Path) -> None:
    p = tmp_path / "plain.txt"
    p.write_text("The summit is slated for June 11-12.\n", encoding="utf-8")
    with pytest.raises(InputError, match="pass --published YYYY-MM-DD"):
        load_document(p)
    doc = load_document(p, published=date(2025, 4, 1))
    assert doc.published == date(2025, 4, 1) and doc.body_start == 0


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"   \n\n\t ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 50, "binary"),
        (b"date 2025-13-45\n\nText.", "invalid date in the header"),
        (b"date 2025-04-21\n\n   \n", "no article text"),
        # One NUL past the first 64 KB, or a U+0000 in UTF-16 text: PostgreSQL cannot store it
        # (the whole ingest stopped with "the store failed"), so it is rejected like any NUL.
        (b"date 2025-04-21\n\n" + b"Filler. " * 9000 + b"The Council meets on June 20.\x00\n", "NUL"),
        (("date 2025-04-21\n\nThe Council meets on June 20.\x00 " + "Filler. " * 20).encode("utf-16"), "NUL"),
    ],
    ids=["empty", "whitespace", "png", "control-chars", "bad-header-date", "header-only", "nul-late", "nul-utf16"],
)
def test_bad_files_are_rejected_with_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        load_document(p)
    assert "\n" not in str(info.value) and str(p) in str(info.value)


def test_oversized_file_rejected(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("date 2025-04-21\n\n" + "word " * 300, encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        load_document(p, max_bytes=1000)
    assert load_document(p, max_bytes=10_000).published == date(2025, 4, 21)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_document(tmp_path)


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),
        lambda s: s.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252"],
)
def test_encodings(tmp_path: Path, encode) -> None:  # type: ignore[no-untyped-def]
    text = "date 2025-04-21\n\nThe café’s owner said the Assemblée will meet on Friday in Zürich. " * 3
    p = tmp_path / "enc.txt"
    p.write_bytes(encode(text))
    doc = load_document(p)
    assert doc.content == text  # BOM removed, offsets index the decoded text
    assert doc.published == date(2025, 4, 21)


@pytest.mark.parametrize("seed", range(5))
def test_random_high_bytes_rejected(tmp_path: Path, seed: int) -> None:
    import random

    rnd = random.Random(seed)
    p = tmp_path / "random.txt"
    p.write_bytes(b"date 2025-04-21\n\n" + bytes(rnd.randrange(1, 256) for _ in range(4000)))
    with pytest.raises(InputError, match="binary|UTF-8"):
        load_document(p)


def test_undetectable_encoding_rejected(tmp_path: Path) -> None:
    p = tmp_path / "mojibake.txt"
    # invalid UTF-8 that is also no plausible legacy-encoded text
    p.write_bytes(b"date 2025-04-21\n\n" + bytes([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC]) * 40)
    with pytest.raises(InputError, match="UTF-8"):
        load_document(p)


def test_html_main_text_and_metadata_date(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html><head><title>Session in Astana</title>
<meta property="article:published_time" content="2025-04-21T08:00:00Z">
<link rel="canonical" href="https://news.example.org/turkpa-session">
</head><body><nav>Home | World | Sport</nav>
<article><h1>TurkPA session in Astana</h1>
<p>The session of the TurkPA is slated for June 11-12 in Astana. The parties highlighted the importance
of coordination of activity at multilateral platforms, giving special attention to the work within the Organization.</p>
<p>Numan Kurtulmus stated the Turkish side's readiness to participate in the upcoming event, which the
deputies consider the most important parliamentary gathering of the year for the region.</p>
</article><footer>Copyright 2025 Example News</footer><script>alert(1)</script></body></html>"""
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    doc = load_document(p)
    assert doc.published == date(2025, 4, 21)
    assert "slated for June 11-12 in Astana" in doc.content
    assert "alert(1)" not in doc.content and "Home | World" not in doc.content
    assert doc.url == "https://news.example.org/turkpa-session"


def test_html_without_date_needs_published(tmp_path: Path) -> None:
    p = tmp_path / "nodate.html"
    p.write_text(
        "<html><body><article><p>" + "The assembly will meet in Baku on June 5 to adopt the budget. " * 5
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="--published"):
        load_document(p)
    assert load_document(p, published=date(2025, 5, 1)).published == date(2025, 5, 1)


def test_parse_published() -> None:
    assert parse_published("2025-04-21") == date(2025, 4, 21)
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_published("21/04/2025")


def test_iter_article_paths_recurses_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x")
    (tmp_path / "1.html").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.json").write_text("x")
    got = iter_article_paths([str(tmp_path)])
    assert got == [str(tmp_path / "1.html"), str(tmp_path / "b" / "2.txt")]
