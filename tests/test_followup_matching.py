"""Matching outcomes to items (issue 7): each rule on hand-made items and outcomes, no database."""
from __future__ import annotations

from datetime import date

import pytest

from tracker.followup.matching import (
    AUTO_THRESHOLD,
    ItemView,
    Match,
    actor_keys,
    pick,
    score_match,
)
from tracker.followup.outcomes import Outcome
from tracker.store.merge import title_terms


def item(title: str, actors: tuple[str, ...], when: str | None, *, kind: str = "event", location: str | None = None,
         status: str = "open", ordinal: int | None = None, id: str = "item0001") -> ItemView:
    return ItemView(id, kind, tuple(title_terms(title)), actors, when, location, status, ordinal)


def outcome(kind: str, cue: str, sentence: str, actors: tuple[str, ...], published: str, *,
            location: str | None = None, event_when: str | None = None, new_when: str | None = None,
            ordinal: int | None = None, quoted: bool = False, context: bool = False) -> Outcome:
    return Outcome(kind, cue, sentence, (0, len(sentence)), date.fromisoformat(published), actors,
                   tuple(title_terms(sentence)), location, event_when, new_when, ordinal, quoted, context)


SESSION = item("TurkPA session", ("TurkPA",), "2025-06-11/2025-06-12", location="Astana")
HELD = outcome("held", "was held", "The session of TurkPA was held in Astana on June 11-12.", ("TurkPA",),
               "2025-06-13", location="Astana", event_when="2025-06-11/2025-06-12")


def test_the_report_of_the_session_is_applied_with_its_reasons() -> None:
    m = score_match(SESSION, HELD)
    assert m.verdict == "auto" and m.score >= AUTO_THRESHOLD
    assert m.reasons[0] == "shared actors: turkpa"
    assert "title words found: 1/1" in m.reasons  # "session": the actor's own name is not counted


@pytest.mark.parametrize(
    "changed,reason",
    [
        ({"actors": ("TurkPA",), "event_when": "2024-06"}, "the report is about 2024-06"),
        ({"actors": ("Turkic Council",)}, "no shared actor"),
        ({"ordinal": 5}, "numbered occasion 5 is not the item's 6"),
        ({"location": "Baku"}, "place 'Baku' is not 'Astana'"),
        ({"event_when": None, "published": "2025-10-01"}, "long after"),
        ({"event_when": None, "published": "2025-05-01"}, "before the event's date"),
    ],
    ids=["last-year", "other-body", "other-session", "other-place", "months-later", "before-it"],
)
def test_what_must_not_match(changed: dict[str, object], reason: str) -> None:
    base = {"actors": ("TurkPA",), "published": "2025-06-13", "location": "Astana",
            "event_when": "2025-06-11/2025-06-12", "ordinal": None}
    base.update(changed)
    o = outcome("held", "was held", "The session of TurkPA was held.", base["actors"], base["published"],  # type: ignore[arg-type]
                location=base["location"], event_when=base["event_when"], ordinal=base["ordinal"])  # type: ignore[arg-type]
    m = score_match(item("TurkPA session", ("TurkPA",), "2025-06-11/2025-06-12", location="Astana", ordinal=6), o)
    assert m.verdict == "none"
    assert reason in m.reasons[-1]


def test_similar_organization_names_do_not_share_actors() -> None:
    council = item("Turkic Business Council meeting", ("Turkic Business Council",), "2025-05-14", location="Baku")
    forum = outcome("held", "was held", "The Turkic Business Forum was held in Baku on May 14.",
                    ("Turkic Business Forum",), "2025-05-15", location="Baku", event_when="2025-05-14")
    assert score_match(council, forum).verdict == "none"


def test_acronym_and_long_name_are_one_actor() -> None:
    assert actor_keys("Eurasian Rail Conference") == {"eurasian rail conference", "erc"}
    conf = item("Eurasian Rail Conference", ("ERC",), "2025-10-14/2025-10-15", location="Tashkent")
    held = outcome("held", "was held", "The Eurasian Rail Conference was held in Tashkent on October 14-15.",
                   ("Eurasian Rail Conference",), "2025-10-16", location="Tashkent", event_when="2025-10-14/2025-10-15")
    assert score_match(conf, held).verdict == "auto"


def test_a_commitment_kept_late_is_only_proposed() -> None:
    promise = item("Mongolia signs the transit agreement", ("Mongolia",), "../2025-03-31", kind="commitment")
    late = outcome("fulfilled", "signed", "Mongolia signed the transit agreement.", ("Mongolia",), "2025-09-01")
    m = score_match(promise, late)
    assert m.verdict == "propose", m.reasons


def test_an_unrelated_fulfilment_of_the_same_actor_is_not_applied() -> None:
    promise = item("Mongolia signs the transit agreement", ("Mongolia",), "../2025-03-31", kind="commitment")
    visit = outcome("fulfilled", "visited", "The Mongolian president visited the new museum.", ("Mongolia",),
                    "2025-03-01")
    assert score_match(promise, visit).verdict != "auto"


def test_actors_only_from_context_are_never_applied() -> None:
    o = outcome("held", "was held", "The session of TurkPA was held in Astana on June 11-12.", ("TurkPA",),
                "2025-06-13", location="Astana", event_when="2025-06-11/2025-06-12", context=True)
    assert score_match(SESSION, o).verdict == "propose"


def test_postponement_applies_before_the_date_and_not_long_after() -> None:
    before = outcome("postponed", "postponed", "The TurkPA session has been postponed to September.", ("TurkPA",),
                     "2025-05-20", new_when="2025-09")
    assert score_match(SESSION, before).verdict == "auto"
    after = outcome("postponed", "postponed", "The TurkPA session has been postponed to September.", ("TurkPA",),
                    "2025-07-20", new_when="2025-09")
    assert score_match(SESSION, after).verdict == "none"
    moved = item("TurkPA session", ("TurkPA",), "2025-09", location="Astana")
    assert score_match(moved, before).verdict == "auto"  # already at the new date: the same report


def test_an_undated_item_is_at_most_proposed() -> None:
    undated = item("TurkPA session", ("TurkPA",), None, location="Astana")
    assert score_match(undated, HELD).verdict == "propose"


def test_pick_applies_a_clear_winner_and_proposes_ties() -> None:
    a, b, c = Match("a", 0.95, "auto"), Match("b", 0.93, "auto"), Match("c", 0.6, "propose")
    assert pick([a, c]) == (a, [])
    assert pick([a, b, c]) == (None, [a, b])
    assert pick([c, Match("d", 0.1, "none")]) == (None, [c])
