"""Cross-article merging rules: is a newly extracted item the same one as a tracked item, and
should its date replace the tracked date? Pure functions over plain values (no database).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..when import PRECISIONS, WhenSpan, parse_when

# Words that carry no identity in a title ("the session of the TurkPA" ~ "TurkPA session").
STOPWORDS = frozenset(
    """a an the of to in on at for by with from into about as and or but not no nor is are be been
    being was were will would shall should can could may might must do does did done has have had
    its it this that these those their his her our your my we they he she i you them us him
    new next upcoming planned scheduled expected set said says say also than then there here
    between among over under after before during until up down out off per via""".split()
)
_WORD = re.compile(r"\w+", re.UNICODE)

# Title similarity needed to merge: lower when actors and dates also agree.
MATCH_STRONG_EVIDENCE = 0.6
MATCH_WEAK_EVIDENCE = 0.75
# A conflicting date merges only with a near-identical title (a reported change of date).
MATCH_CONFLICTING_DATE = 0.85


def fold(text: str) -> str:
    """Casefolded, accent-free text for comparisons ("Türkiye" -> "turkiye")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stem(word: str) -> str:
    # Plural "s" only: "talks" ~ "talk", "flights" ~ "flight"; keep "press", "us".
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def title_terms(title: str) -> list[str]:
    """The content words of a title, folded and lightly stemmed, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(fold(title)):
        # Drop stopwords, one-letter leftovers ("Türkiye's" -> "turkiye", "s") and day numbers.
        if word in STOPWORDS or len(word) < 2 or word.isdigit() and len(word) < 3:
            continue
        seen.setdefault(_stem(word)[:64], None)
    return list(seen)


def normalize_title(title: str) -> str:
    return " ".join(title_terms(title))


def normalize_name(name: str) -> str:
    """Actor or place name for comparison: folded words joined by one space."""
    return " ".join(_WORD.findall(fold(name)))


def title_similarity(a: Iterable[str], b: Iterable[str]) -> float:
    """Mean of the overlap coefficient and the Jaccard index of two term sets (0..1)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    shared = len(sa & sb)
    return 0.5 * shared / min(len(sa), len(sb)) + 0.5 * shared / len(sa | sb)


def _contains_words(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


def names_overlap(a: Sequence[str], b: Sequence[str]) -> bool:
    """True when some name of `a` equals or contains, as whole words, some name of `b` (or back);
    a body's names in the alias table count as one ("TurkPA" ~ "Parliamentary Assembly of Turkic
    States", tracker/store/aliases.py)."""
    na = [_aliases.canonical_name(normalize_name(x)) for x in a]
    nb = [_aliases.canonical_name(normalize_name(x)) for x in b]
    return any(x and y and (_contains_words(x, y) or _contains_words(y, x)) for x in na for y in nb)


def places_compatible(a: str | None, b: str | None) -> bool:
    """Unknown places agree with anything; known ones must name the same place (one contains the other)."""
    if not a or not b:
        return True
    return names_overlap([a], [b])


def _precision_rank(span: WhenSpan) -> int:
    return PRECISIONS.index(span.end.precision)


def _bounds(span: WhenSpan) -> tuple[date, date]:
    return (span.first or date.min, span.last)


def when_relation(old: str | None, new: str | None) -> str:
    """How a newly reported `when` relates to the tracked one.

    Returns one of: "unknown" (either is None), "same", "refines" (new lies within old and is more
    precise, e.g. 2025 -> 2025-06-11/2025-06-12), "coarser" (the reverse), "overlaps" (compatible,
    neither more precise) or "conflict" (the periods do not meet).
    """
    if old is None or new is None:
        return "unknown"
    a, b = parse_when(old), parse_when(new)
    if a.text == b.text:
        return "same"
    a0, a1 = _bounds(a)
    b0, b1 = _bounds(b)
    if b1 < a0 or a1 < b0:
        # A deadline and a date before it do not conflict: "by August" ~ "on August 6".
        return "conflict"
    if a.deadline == b.deadline:
        if a0 <= b0 and b1 <= a1 and _precision_rank(b) > _precision_rank(a):
            return "refines"
        if b0 <= a0 and a1 <= b1 and _precision_rank(a) > _precision_rank(b):
            return "coarser"
    return "overlaps"


@dataclass(frozen=True, slots=True)
class Candidate:
    """What merging needs to know of a tracked item."""

    id: str
    kind: str
    terms: tuple[str, ...]
    actors: tuple[str, ...]
    when: str | None
    location: str | None
    latest_published: date | None  # newest evidence date, None for manual items


@dataclass(frozen=True, slots=True)
class Incoming:
    """What merging needs to know of a newly extracted item."""

    kind: str
    terms: tuple[str, ...]
    actors: tuple[str, ...]
    when: str | None
    location: str | None
    published: date
    change: str | None  # "postponed" | "cancelled" | None


def match_score(c: Candidate, n: Incoming) -> float | None:
    """The title similarity if `n` is the same event or commitment as `c`, else None."""
    if c.kind != n.kind:
        return None
    if not places_compatible(c.location, n.location):
        return None
    both_actors = bool(c.actors) and bool(n.actors)
    if both_actors and not names_overlap(c.actors, n.actors):
        return None
    sim = title_similarity(_aliases.canonical_terms(c.terms), _aliases.canonical_terms(n.terms))
    relation = when_relation(c.when, n.when)
    if relation == "conflict":
        # A different date is the same item only when the report changes it: the sentence says
        # postponed, or the tracked date had not yet come when the new article was published
        # (a later meeting of the same name after that date is a new occurrence).
        assert c.when is not None
        still_ahead = parse_when(c.when).last >= n.published
        if not both_actors or sim < MATCH_CONFLICTING_DATE or not (n.change == "postponed" or still_ahead):
            return None
        return sim
    strong = both_actors and relation in ("same", "refines", "coarser", "overlaps")
    return sim if sim >= (MATCH_STRONG_EVIDENCE if strong else MATCH_WEAK_EVIDENCE) else None


def best_match(candidates: Iterable[Candidate], n: Incoming) -> Candidate | None:
    """The candidate with the highest score (ties: the oldest id order given), or None."""
    best: tuple[float, Candidate] | None = None
    for c in candidates:
        score = match_score(c, n)
        if score is not None and (best is None or score > best[0]):
            best = (score, c)
    return best[1] if best else None


def updated_when(c: Candidate, n: Incoming) -> str | None:
    """The new `when` for a matched item, or None to keep the tracked one."""
    relation = when_relation(c.when, n.when)
    if n.when is None:
        return None
    if c.when is None or relation == "refines":
        return n.when
    if relation == "conflict":
        # Only a report at least as recent as the evidence we have may move the date.
        if c.latest_published is None or n.published >= c.latest_published:
            return n.when
    return None


# Last: the alias table is built with normalize_name and title_terms, defined above.
from . import aliases as _aliases  # noqa: E402
