"""Robustness: arbitrary text never crashes extraction and every span is consistent; hostile
input (control characters, iCalendar and HTML markup, 1 MB lines, RTL text, emoji) is kept verbatim."""
from __future__ import annotations

import time
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract import extract_items
from tracker.extract.sentences import split_sentences
from tracker.models import Document

FRAGMENTS = [
    "The ministers will meet on May 5. ", "``We will go,'' he said. ", "“Our goal is peace,” she added. ",
    "Mr. ", "U.S. ", "Jan. 14 ", "WASHINGTON (AP) _ ", "\n\n", "\r\n", "If ", "will not ", "said ",
    "the upcoming event ", "(TURKPA) ", "the Organization ", "postponed to June 1. ", "by 2026. ",
    "Kazakhstan is set to assume the chairmanship. ", "? ", "... ", "''", "``", "\"", "\u200f", "😀",
]


def _doc(text: str, published: date = date(2025, 4, 21)) -> Document:
    return Document(path="p.txt", content=text, published=published, body_start=0, sha256="")


def _check(text: str) -> None:
    d = _doc(text)
    for it in extract_items(d):
        s, e = it.span
        assert 0 <= s < e <= len(text)
        assert it.evidence == text[s:e]
        assert it.kind in ("event", "commitment")
        assert 0.0 <= it.confidence <= 1.0
        assert it.title.strip()


texty = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texty)
def test_arbitrary_text_never_crashes_and_spans_are_consistent(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_sentence_spans_are_ordered_and_in_bounds(text: str) -> None:
    prev = 0
    for s, e in split_sentences(text):
        assert prev <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        prev = e


def _one(text: str) -> str:
    items = extract_items(_doc(text))
    assert len(items) == 1, [i.evidence for i in items]
    return items[0].evidence


def test_control_characters_and_crlf_are_kept_verbatim() -> None:
    sent = "The minister will\x07 visit\x0b Paris\x1b[31m on May 5."
    text = "Intro line.\r\n\r\n" + sent + "\r\nEnd."
    assert _one(text) == sent


def test_icalendar_markup_is_plain_text() -> None:
    sent = "The council will meet on May 5 BEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT in Riga."
    assert _one(sent) == sent


def test_html_is_plain_text() -> None:
    sent = "The board will vote <script>alert('x')</script> on May 5."
    assert _one(sent) == sent


def test_rtl_and_emoji_are_kept() -> None:
    sent = "The ministers will meet in القدس on May 5 😀 \u202eevil\u202c."
    assert _one(sent) == sent


def test_one_megabyte_single_line_article() -> None:
    filler = "The weather was mild and the markets were calm. " * 20000
    text = filler + "The ministers will meet on May 5. " + filler
    assert len(text) > 1_000_000 and "\n" not in text
    t0 = time.perf_counter()
    assert _one(text) == "The ministers will meet on May 5."
    assert time.perf_counter() - t0 < 20


def test_one_megabyte_single_sentence_is_carried_whole() -> None:
    text = "The minister will visit " + "very " * 210000 + "many towns."
    items = extract_items(_doc(text))
    assert len(items) == 1 and items[0].evidence == text
