"""Merging rules as pure functions: date relations, title similarity, names, the match decision."""
from __future__ import annotations

from datetime import date

import pytest

from tracker.store.merge import (
    Candidate,
    Incoming,
    best_match,
    match_score,
    names_overlap,
    normalize_title,
    places_compatible,
    title_similarity,
    title_terms,
    updated_when,
    when_relation,
)


@pytest.mark.parametrize(
    "old,new,expected",
    [
        (None, "2025", "unknown"),
        ("2025", None, "unknown"),
        ("2025-06-11", "2025-06-11", "same"),
        ("2025", "2025-06-11/2025-06-12", "refines"),
        ("2025-06", "2025-06-11", "refines"),
        ("2025-06-11", "2025-06-11T10:00", "refines"),
        ("2025-Q2", "2025-06", "refines"),
        ("../1998-08", "../1998-08-06", "refines"),
        ("2025-06-11/2025-06-12", "2025", "coarser"),
        ("2025-06-11/2025-06-12", "2025-06-11", "overlaps"),  # same precision: not more precise
        ("../1998-08", "1998-08-06", "overlaps"),  # a date before a deadline
        ("2025-06", "2025-W27", "overlaps"),  # a week across the month's end
        ("2025-06-11", "2025-09-15", "conflict"),
        ("../1998-08", "1998-09-01", "conflict"),
    ],
    ids=lambda v: str(v),
)
def test_when_relation(old: str | None, new: str | None, expected: str) -> None:
    assert when_relation(old, new) == expected


def test_title_terms_fold_stem_and_drop_stopwords() -> None:
    assert title_terms("The session of the TurkPA") == ["session", "turkpa"]
    assert title_terms("Talks on Türkiye's flights, talks!") == ["talk", "turkiye", "flight"]
    assert normalize_title("will assume the chairmanship in 2025") == "assume chairmanship 2025"
    assert title_terms("the of a") == []


def test_title_similarity() -> None:
    assert title_similarity(["session", "turkpa"], ["turkpa", "session"]) == 1.0
    assert title_similarity(["a"], []) == 0.0
    assert 0.6 < title_similarity(["turkpa", "session", "astana"], ["turkpa", "session"]) < 1.0
    assert title_similarity(["double", "flight", "india"], ["daily", "flight", "bombay"]) < 0.5


def test_names_and_places() -> None:
    assert names_overlap(["Numan Kurtulmuş"], ["kurtulmus"])
    assert names_overlap(["NATO"], ["nato allies", "x"])
    assert not names_overlap(["US"], ["Russia"])
    assert not names_overlap([], ["NATO"])
    assert places_compatible(None, "Astana") and places_compatible("Astana", "astana, Kazakhstan")
    assert not places_compatible("Ankara", "Astana")


def cand(**kw: object) -> Candidate:
    base: dict[str, object] = dict(id="c1", kind="event", terms=("turkpa", "session"), actors=("TurkPA",),
                                   when="2025-06-11", location=None, latest_published=date(2025, 4, 21))
    base.update(kw)
    return Candidate(**base)  # type: ignore[arg-type]


def inc(**kw: object) -> Incoming:
    base: dict[str, object] = dict(kind="event", terms=("turkpa", "session"), actors=("TurkPA",), when="2025-06-11",
                                   location=None, published=date(2025, 4, 25), change=None)
    base.update(kw)
    return Incoming(**base)  # type: ignore[arg-type]


def test_match_needs_kind_place_and_actor_agreement() -> None:
    assert match_score(cand(), inc()) == 1.0
    assert match_score(cand(), inc(kind="commitment")) is None
    assert match_score(cand(location="Astana"), inc(location="Ankara")) is None
    assert match_score(cand(), inc(actors=("NATO",))) is None


def test_weak_evidence_needs_a_closer_title() -> None:
    # Without actors on one side, 0.6 is not enough; with actors and compatible dates it is.
    partial = ("turkpa", "session", "astana", "opening", "day")
    assert match_score(cand(terms=partial), inc()) == pytest.approx(0.7)
    assert match_score(cand(terms=partial, actors=()), inc()) is None


def test_a_body_under_another_of_its_names_is_the_same_actor_and_title_word() -> None:
    """The alias table (tracker/store/aliases.py): "TurkPA" and "the Parliamentary Assembly of
    Turkic States" are one body to the merge, in actors and in titles; the Turkic Council is not."""
    from tracker.store.aliases import canonical_terms, lookup_terms

    long_form = tuple(title_terms("Parliamentary Assembly of Turkic States session"))
    assert canonical_terms(long_form) == canonical_terms(("turkpa", "session")) == ("=turkpa", "session")
    assert canonical_terms(("assembly", "session")) == ("assembly", "session")  # a generic word names no body
    assert set(long_form) <= set(lookup_terms(("turkpa", "session")))  # the lookup finds the long form
    assert names_overlap(["TurkPA"], ["Parliamentary Assembly of Turkic States"])
    assert names_overlap(["Organization of Turkic States"], ["Turkic Council"])
    assert not names_overlap(["TurkPA"], ["Turkic Council"])
    assert not names_overlap(["TurkPA"], ["Parliamentary Assembly"])
    as_long = inc(terms=long_form, actors=("Parliamentary Assembly of Turkic States",))
    assert match_score(cand(), as_long) == 1.0
    assert match_score(cand(terms=long_form, actors=as_long.actors), inc()) == 1.0
    council = tuple(title_terms("Turkic Council session"))
    assert match_score(cand(), inc(terms=council, actors=("Turkic Council",))) is None


def test_conflicting_dates_merge_only_as_a_change() -> None:
    moved = inc(when="2025-09-15")
    assert match_score(cand(), moved) == 1.0  # the tracked date was still ahead on publication
    assert match_score(cand(when="2025-04-01"), moved) is None  # it had passed: a new occurrence
    assert match_score(cand(when="2025-04-01"), inc(when="2025-09-15", change="postponed")) == 1.0
    assert match_score(cand(actors=()), moved) is None


def test_updated_when() -> None:
    assert updated_when(cand(when=None), inc()) == "2025-06-11"
    assert updated_when(cand(when="2025"), inc()) == "2025-06-11"
    assert updated_when(cand(), inc(when="2025")) is None
    assert updated_when(cand(), inc(when=None)) is None
    assert updated_when(cand(), inc(when="2025-09-15")) == "2025-09-15"
    assert updated_when(cand(latest_published=date(2025, 5, 1)), inc(when="2025-09-15")) is None


def test_best_match_prefers_the_closest_title() -> None:
    a = cand(id="a", terms=("turkpa", "session", "astana", "opening"))
    b = cand(id="b")
    found = best_match([a, b], inc())
    assert found is not None and found.id == "b"
    assert best_match([], inc()) is None


# ---- properties --------------------------------------------------------------------------------

from datetime import timedelta  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def whens(draw: st.DrawFn) -> str:
    day = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 900)))
    form = draw(st.sampled_from(["year", "quarter", "month", "week", "day", "minute", "range", "deadline"]))
    if form == "year":
        return str(day.year)
    if form == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if form == "month":
        return f"{day:%Y-%m}"
    if form == "week":
        y, w, _ = day.isocalendar()
        return f"{y}-W{w:02d}"
    if form == "day":
        return day.isoformat()
    if form == "minute":
        return f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:30"
    if form == "range":
        return f"{day.isoformat()}/{(day + timedelta(days=draw(st.integers(1, 40)))).isoformat()}"
    return f"../{day.isoformat()}" if draw(st.booleans()) else f"../{day:%Y-%m}"


_MIRROR = {"same": "same", "refines": "coarser", "coarser": "refines", "overlaps": "overlaps", "conflict": "conflict"}


@given(whens(), whens())
def test_when_relation_is_mirrored(a: str, b: str) -> None:
    assert when_relation(b, a) == _MIRROR[when_relation(a, b)]


@given(whens(), whens())
def test_a_refinement_only_narrows(a: str, b: str) -> None:
    from tracker.when import parse_when

    if when_relation(a, b) == "refines":
        old, new = parse_when(a), parse_when(b)
        assert new.last <= old.last and (old.first is None or (new.first is not None and new.first >= old.first))
