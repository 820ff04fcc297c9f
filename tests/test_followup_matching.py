"""Matching outcomes to items (issue 7): each rule on hand-made items and outcomes, no database."""
from __future__ import annotations

from dataclasses import replace
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


# ---- other names of one body: the alias table and the article's own definitions ----------------

@pytest.mark.parametrize("short,long", [
    ("TurkPA", "Parliamentary Assembly of Turkic States"),
    ("OTS", "Organization of Turkic States"),
    ("Turkic Council", "Organization of Turkic States"),  # the old name of the same body
    ("OSCE", "Organization for Security and Co-operation in Europe"),
    ("OSCE PA", "Parliamentary Assembly of the OSCE"),
    ("CSTO", "Collective Security Treaty Organization"),
    ("Interpol", "International Criminal Police Organization"),
    ("UNESCO", "United Nations Educational, Scientific and Cultural Organization"),
    ("UN", "United Nations"),
    ("EU", "European Union"),
    ("CICA", "Conference on Interaction and Confidence-Building Measures in Asia"),
    ("PACE", "Parliamentary Assembly of the Council of Europe"),
    ("WHO", "World Health Organisation"),
])
def test_the_alias_table_makes_an_acronym_and_its_long_name_one_actor(short: str, long: str) -> None:
    assert actor_keys(short) & actor_keys(long)
    assert actor_keys(short.upper()) & actor_keys(long.upper())  # spelling and case do not matter


@pytest.mark.parametrize("a,b", [
    ("TurkPA", "Turkic Council"),  # the parliamentary assembly is not the heads-of-state council
    ("TurkPA", "Organization of Turkic States"),
    ("OSCE PA", "OSCE"),
    ("PACE", "Council of Europe"),
    ("UN", "UN Security Council"),
    ("CIS", "IPA CIS"),
    ("NATO PA", "NATO"),
    ("Parliamentary Assembly of Turkic States", "Parliamentary Assembly of the OSCE"),
    # Initials that spell a known body's acronym are not that body ("EU" is the European Union).
    ("Electoral Union", "EU"), ("Electoral Union", "European Union"),
    ("International Monetary Forum", "IMF"), ("Ukrainian Nationalists", "UN"),
])
def test_the_alias_table_never_joins_two_bodies(a: str, b: str) -> None:
    assert not actor_keys(a) & actor_keys(b)


@pytest.mark.parametrize("name", ["Assembly", "the Assembly", "Parliamentary Assembly", "Council", "Organization",
                                  "Turkic Business Council"])
def test_a_general_name_has_no_other_names(name: str) -> None:
    from tracker.store.aliases import other_names

    assert other_names(name) == frozenset()


def test_the_alias_table_is_one_row_per_body_and_agrees_with_the_extractor() -> None:
    from tracker.extract.actors import KNOWN_ORGS
    from tracker.store.aliases import _rows, _words, distinctive, other_names
    from tracker.store.merge import normalize_name

    row_of: dict[str, int] = {}
    for i, row in enumerate(_rows()):
        assert len(row) >= 2, row
        for name in row:
            assert other_names(name) == other_names(row[0]), name
            assert row_of.setdefault(normalize_name(name), i) == i, f"{name!r} in two rows"
            # a long name of general words only if it is long ("Economic Cooperation Organization")
            assert distinctive(name) or len(_words(name)) >= 3, name
    # The extractor's canonical names ("United Nations" for "U.N.") sit in the row of their surfaces.
    for surface, canon in KNOWN_ORGS.items():
        if other_names(surface) and other_names(canon):
            assert other_names(surface) == other_names(canon), (surface, canon)


def test_an_item_named_by_acronym_meets_a_report_that_gives_only_the_long_name() -> None:
    session = item("TurkPA autumn plenary session", ("TurkPA",), "2025-11-05/2025-11-06", location="Bishkek")
    long = outcome("held", "was held", "The autumn plenary session of the Parliamentary Assembly of Turkic States "
                   "was held in Bishkek on November 5-6.", ("Parliamentary Assembly of Turkic States",), "2025-11-08",
                   location="Bishkek", event_when="2025-11-05/2025-11-06")
    m = score_match(session, long)
    assert m.verdict == "auto", m.reasons
    assert m.reasons[0] == "shared actors: parliamentary assembly of turkic states = turkpa"
    assert "title words found: 3/3" in m.reasons  # autumn, plenary, session: the body's names are who, not what
    # The reverse: the long name in the item, the acronym in the report.
    reverse = item("Parliamentary Assembly of Turkic States autumn plenary session",
                   ("Parliamentary Assembly of Turkic States",), "2025-11-05/2025-11-06", location="Bishkek")
    short = outcome("held", "was held", "The autumn plenary session of TurkPA was held in Bishkek on November 5-6.",
                    ("TurkPA",), "2025-11-08", location="Bishkek", event_when="2025-11-05/2025-11-06")
    assert score_match(reverse, short).verdict == "auto"
    # Another body meeting the same days in the same city is not the assembly.
    council = outcome("held", "held", "The Turkic Council held a summit in Bishkek on November 5-6.",
                      ("Turkic Council",), "2025-11-07", location="Bishkek", event_when="2025-11-05/2025-11-06")
    assert score_match(session, council).verdict == "none"


def test_an_alias_the_reports_article_defines_counts_for_its_outcomes() -> None:
    ports = item("Caspian Ports Council meets in Astrakhan", ("Caspian Ports Council",), "2025-09-16/2025-09-17",
                 location="Astrakhan")
    held = outcome("held", "was held", "The CasPort meeting was held in Astrakhan on September 16-17.",
                   ("CasPort",), "2025-09-18", location="Astrakhan", event_when="2025-09-16/2025-09-17")
    assert score_match(ports, held).verdict == "none"  # not the initials, not in the table
    m = score_match(ports, replace(held, aliases=("Caspian Ports Council",)))
    assert m.verdict == "auto"
    assert m.reasons[0] == "shared actors: caspian ports council (named so by the report's article)"
