"""Sentence splitter: abbreviations, quotes, datelines, paragraph breaks; spans index the text."""
from __future__ import annotations

import pytest

from tracker.extract.sentences import split_sentences


def sents(text: str) -> list[str]:
    spans = split_sentences(text)
    for s, e in spans:
        assert 0 <= s < e <= len(text)
    return [text[s:e] for s, e in spans]


def test_plain_sentences() -> None:
    assert sents("The talks ended. Both sides left! Will they return? Nobody knows.") == [
        "The talks ended.", "Both sides left!", "Will they return?", "Nobody knows.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Brown met Dr. Green in St. Louis on Monday.",
        "The U.S. Senate will vote on Jan. 14 on the bill.",
        "The U.N. envoy arrived in Washington, D.C. yesterday.",
        "Gen. Smith and Sen. Jones spoke with Gov. Bush of Fla. about it.",
        "Shares rose 3.5 percent to $12.40 in New York trading.",
        "J. R. Ewing said the U.S.-led talks would go on.",
    ],
)
def test_abbreviations_do_not_split(text: str) -> None:
    assert sents(text) == [text]


def test_acronym_then_sentence_opener_splits() -> None:
    assert sents("The delegation flew to the U.S. The talks start Monday.") == [
        "The delegation flew to the U.S.", "The talks start Monday.",
    ]


def test_month_abbreviation_before_a_number_does_not_split() -> None:
    assert sents("It had not happened since Jan. 13. Then the team left.") == [
        "It had not happened since Jan. 13.", "Then the team left.",
    ]


def test_timebank_quotes() -> None:
    text = "``We will not go,'' he said. ``Never. Not again.'' The crowd cheered."
    assert sents(text) == ["``We will not go,'' he said.", "``Never.", "Not again.''", "The crowd cheered."]


def test_question_inside_quote_followed_by_attribution_stays_whole() -> None:
    text = "``What right does that man have?'' Juan Gonzalez said during a news conference."
    assert sents(text) == [text]


def test_curly_quotes_keep_the_closing_mark() -> None:
    text = "“Our goal is peace,” he added. The meeting ended."
    assert sents(text) == ["“Our goal is peace,” he added.", "The meeting ended."]


def test_multi_sentence_curly_quote_splits_at_sentence_ends() -> None:
    text = "“Our countries are close. Our task is clear,” Koshanov said."
    assert sents(text) == ["“Our countries are close.", "Our task is clear,” Koshanov said."]


@pytest.mark.parametrize(
    "dateline,first",
    [
        ("ASTANA. KAZINFORM – ", "The session opens in June."),
        ("WASHINGTON (AP) _ ", "The Senate will vote Friday."),
        ("BRUSSELS, February 10 (Xinhua) -- ", "NATO ministers will meet today."),
        ("CANBERRA, Australia (AP)_ ", "Qantas will double its flights."),
        ("MIAMI _\n\n", "Officials said little."),
    ],
)
def test_datelines_are_not_part_of_a_sentence(dateline: str, first: str) -> None:
    text = dateline + first + " Another sentence follows."
    out = sents(text)
    assert out[0] == first
    assert out[1] == "Another sentence follows."


def test_paragraph_breaks_always_end_a_sentence() -> None:
    text = "Photo credit: The press service of the Majilis\n\nThe meeting focused on trade.\n\nNo period here"
    assert sents(text) == ["Photo credit: The press service of the Majilis", "The meeting focused on trade.", "No period here"]


def test_offsets_respect_start_and_end() -> None:
    text = "date 2025-04-21\n\nFirst one. Second one."
    spans = split_sentences(text, 17)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]


def test_ellipsis_fragment_is_dropped() -> None:
    assert sents("This is a volatile case. ... We need to keep it out of politics.") == [
        "This is a volatile case.", "We need to keep it out of politics.",
    ]


def test_dateline_with_lower_case_agency() -> None:
    from tracker.extract.sentences import split_sentences

    text = "OSLO, May 2 (ntb) - The king will open the session on Monday. It ends in June."
    spans = split_sentences(text)
    assert text[spans[0][0] : spans[0][1]] == "The king will open the session on Monday."
