"""Outcome extraction (issue 7): cue, kind, actors, place and dates of past-tense reports, on
invented sentences."""
from __future__ import annotations

import hashlib
from datetime import date

import pytest

from tracker.followup.outcomes import (
    Outcome,
    extract_outcomes,
    find_ordinal,
    normalized_terms,
)
from tracker.models import Document

PUBLISHED = date(2025, 6, 13)


def outcomes_of(text: str, published: date = PUBLISHED) -> list[Outcome]:
    head = f"date {published.isoformat()}\n\n"
    content = head + text + "\n"
    doc = Document("t.txt", content, published, len(head), hashlib.sha256(content.encode()).hexdigest())
    found = extract_outcomes(doc)
    for o in found:
        assert content[o.span[0] : o.span[1]] == o.sentence
    return found


CASES = [
    ("held", ("The sixth plenary session of the Parliamentary Assembly of Turkic States (TurkPA) was held in "
              "Astana on June 11-12."), "held", ["TurkPA"], "Astana", "2025-06-11/2025-06-12", None),
    ("took-place", "The summit of the Shanghai Cooperation Organisation (SCO) took place in Tianjin on Tuesday.",
     "held", ["SCO"], "Tianjin", "2025-06-10", None),
    ("took-part", "Kazakhstan took part in the forum in Baku last week.", "held", ["Kazakhstan"], "Baku", "2025-W23",
     None),
    ("chairmanship", "Kazakhstan assumed the chairmanship of TurkPA.", "fulfilled", ["Kazakhstan", "TurkPA"], None,
     None, None),
    ("signed", "Mongolia and Kyrgyzstan signed the transit agreement in Ulaanbaatar on Wednesday.", "fulfilled",
     ["Mongolia", "Kyrgyzstan"], "Ulaanbaatar", "2025-06-11", None),
    ("ratified", "The treaty was ratified by the parliament of Georgia.", "fulfilled", ["Georgia"], None, None, None),
    ("postponed-month", "The summit of the Turkic States has been postponed to September.", "postponed", [], None,
     None, "2025-09"),
    ("moved-range", "The Eurasian Rail Conference (ERC) was moved to 14–15 October.", "postponed", ["ERC"], None,
     None, "2025-10-14/2025-10-15"),
    ("called-off", "The visit of the Armenian President to Georgia has been called off.", "cancelled",
     ["Armenia", "Georgia"], None, None, None),
    ("called-off-dated", "The meeting of NATO ministers on June 20 has been called off.", "cancelled", ["NATO"],
     None, "2025-06-20", None),
    ("will-not", "The meeting of NATO defence ministers will not take place, the alliance said.", "cancelled",
     ["NATO"], None, None, None),
    ("progress", "Talks between Armenia and Azerbaijan are under way in Washington.", "progress",
     ["Armenia", "Azerbaijan"], "Washington", None, None),
    ("kicked-off", "The 14th plenary session of TurkPA kicked off in Astana on Wednesday.", "held", ["TurkPA"],
     "Astana", "2025-06-11", None),
    ("present-lead", "Astana hosts the plenary session of TurkPA.", "held", ["TurkPA"], None, "2025-06-13", None),
    ("took-over", "The Kazakh side took over the TurkPA chairmanship from Azerbaijan.", "fulfilled",
     ["Kazakhstan", "TurkPA", "Azerbaijan"], None, None, None),
    ("paid-visit", "Armenian President Vahagn Khachaturyan paid an official visit to Georgia.", "fulfilled",
     ["Armenia", "Vahagn Khachaturyan", "Georgia"], None, None, None),
    ("met", "NATO defence ministers met in Brussels on Thursday.", "held", ["NATO"], "Brussels", "2025-06-12", None),
    ("preparations", "Preparations for the summit have begun in Astana.", "progress", [], "Astana", None, None),
]


@pytest.mark.parametrize("text,kind,actors,location,event_when,new_when", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_outcome_table(text: str, kind: str, actors: list[str], location: str | None, event_when: str | None,
                       new_when: str | None) -> None:
    found = outcomes_of(text)
    assert [o.kind for o in found][:1] == [kind]
    o = found[0]
    assert list(o.actors) == actors
    assert (o.location, o.event_when, o.new_when) == (location, event_when, new_when)


@pytest.mark.parametrize(
    "text",
    [
        "The session will be held in Astana on June 11-12.",
        "Kazakhstan is set to assume the chairmanship this year.",
        "The two countries plan to sign the agreement in July.",
        "The treaty has not been ratified yet.",
        "The summit could be postponed if the talks fail.",
        "The ministers discussed water quotas.",
        "``Why should it be delayed?'' he asked.",
    ],
    ids=["future-held", "set-to-assume", "plan-to-sign", "not-ratified", "could-postpone", "no-cue", "question"],
)
def test_no_outcome_for_what_has_not_happened(text: str) -> None:
    assert outcomes_of(text) == []


def test_quoted_outcome_takes_the_speakers_country() -> None:
    (o,) = outcomes_of("“We signed the border treaty with Tajikistan this morning,” Kyrgyz President Sadyr Japarov "
                       "told reporters in Bishkek.")
    assert (o.kind, o.quoted, o.location) == ("fulfilled", True, "Bishkek")
    assert {"Tajikistan", "Kyrgyzstan"} <= set(o.actors)


def test_date_of_the_statement_is_not_the_date_of_the_happening() -> None:
    (o,) = outcomes_of("The visit of the Armenian President to Georgia has been called off, his office said on "
                       "Wednesday.")
    assert o.event_when is None


def test_term_is_not_the_date_it_happened() -> None:
    (o,) = outcomes_of("At the session, Kazakhstan assumed the chairmanship of TurkPA for the coming year.")
    assert o.event_when is None


def test_last_years_session_is_dated_last_year() -> None:
    (o,) = outcomes_of("Last year's session of the Caspian Fisheries Commission took place in Ashgabat.")
    assert (o.kind, o.event_when, o.location) == ("held", "2024", "Ashgabat")


def test_actors_from_the_sentence_before_are_marked() -> None:
    found = outcomes_of("The Caspian Fisheries Commission (CFC) invited delegates from five states. The session was "
                        "held in Baku on June 10.")
    (o,) = found
    assert o.actors == ("CFC",) and o.context_actors


@pytest.mark.parametrize(
    "text,number",
    [("the 6th session of TurkPA", 6), ("the sixth plenary session", 6), ("the 21st summit", 21),
     ("the session", None), ("the 6th of June", None)],
)
def test_find_ordinal(text: str, number: int | None) -> None:
    assert find_ordinal(text) == number


def test_normalized_terms_meet_across_tenses() -> None:
    assert normalized_terms(["assumes", "holds", "signs"]) == normalized_terms(["assumed", "held", "signed"])


def test_hostile_input_gives_no_outcome_and_no_error() -> None:
    assert outcomes_of("<script>alert(1)</script>\r\nBEGIN:VEVENT\r\n" + "x" * 5000) == []
    assert outcomes_of("") == []


def test_an_acronym_the_article_defines_gives_its_actor_the_long_name() -> None:
    (o,) = outcomes_of("Port authorities make up the Caspian Ports Council (CasPort). The CasPort meeting was held "
                       "in Astrakhan on June 11-12.")
    assert (o.kind, o.actors, o.aliases) == ("held", ("CasPort",), ("Caspian Ports Council",))


@pytest.mark.parametrize("text", [
    # the table knows these as two bodies: the article's pairing is not believed
    "The Turkic Council (TurkPA) was mentioned. The TurkPA session was held in Baku on June 11-12.",
    # a name made of general words stands for no one body
    "The Foreign Ministry (MFA) spoke. The MFA meeting was held in Baku on June 11-12.",
])
def test_a_doubtful_definition_gives_no_alias(text: str) -> None:
    (o,) = outcomes_of(text)
    assert o.aliases == ()


# The day of the putting off is never the new date: a postponement without a new date has none
# (it was the report's Wednesday, and an open item was moved to it); "to June 20" is the new date.
@pytest.mark.parametrize("text,new_when", [
    ("The talks were postponed on Wednesday, the ministry said.", None),
    ("The court postponed the hearing on Wednesday.", None),
    ("The court on Wednesday postponed the hearing.", None),
    ("The ministry postponed the summit, which had been planned for June 4.", None),
    ("The talks were postponed on Wednesday to June 20.", "2025-06-20"),
    ("The court on Wednesday postponed the hearing to June 20.", "2025-06-20"),
    ("The talks were postponed to June 20, the ministry said.", "2025-06-20"),
])
def test_the_day_of_a_postponement_is_no_new_date(text: str, new_when: str | None) -> None:
    (o,) = outcomes_of(text, date(2025, 6, 11))  # a Wednesday
    assert (o.kind, o.new_when) == ("postponed", new_when)
    (o,) = outcomes_of(text, date(2025, 6, 12))  # the day after: not pushed to next year either
    assert o.new_when == new_when


# The day of a calling off is not the date of what will not happen (it was that day, or next year's
# when the report came later); the planned date stays.
@pytest.mark.parametrize("text,event_when", [
    ("The ministry on Tuesday called off the summit.", None),
    ("The ministry cancelled the summit on Tuesday.", None),
    ("The summit was cancelled on Tuesday.", None),
    ("The summit was scrapped on Wednesday, the ministry said.", None),
    ("The summit on June 20 was cancelled.", "2025-06-20"),
    ("The June 20 summit was cancelled, the ministry said on Tuesday.", "2025-06-20"),
])
def test_the_day_of_a_cancellation_is_not_the_cancelled_date(text: str, event_when: str | None) -> None:
    (o,) = outcomes_of(text, date(2025, 6, 11))  # a Wednesday
    assert (o.kind, o.event_when) == ("cancelled", event_when)
