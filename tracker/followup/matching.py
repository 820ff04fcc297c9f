"""Does an outcome statement report on a tracked item? A score (0..1) with its reasons, and a
verdict: apply automatically, propose for review, or no match. Pure functions (no database).

Precision first: a wrong "done" hides a live commitment, so anything short of agreement on
actors, kind, title, place and date is at most a proposal.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..store.merge import normalize_name, places_compatible
from ..when import WhenSpan, parse_when
from ..store.aliases import other_names
from .outcomes import Outcome, normalized_terms

AUTO_THRESHOLD = 0.8  # at or above: the status changes without asking
PROPOSE_THRESHOLD = 0.5  # at or above (and below AUTO): a proposal for `tracker review`
AMBIGUITY_MARGIN = 0.05  # two automatic matches this close: propose both instead

# A report "just after" the item's window still reports on it; later ones are another occasion.
HELD_GRACE = timedelta(days=21)
# A commitment may be kept late: within this long after its date it is still a (weaker) match.
LATE_FULFILMENT = timedelta(days=400)
# A postponement or cancellation announced this long after the date is about something else.
CHANGE_GRACE = timedelta(days=7)

# An undated item is only matched by reports this soon after it was first reported.
UNDATED_HORIZON = timedelta(days=366)
# Below this share of the title's own words (what is promised, beyond who) nothing is proposed.
MIN_PROPOSE_COVERAGE = 0.34

WEIGHTS = {"actors": 0.25, "title": 0.35, "kind": 0.15, "place": 0.1, "date": 0.15}

# Words that a fulfilled commitment's title shares with the cue that reports it.
_CUE_STEMS: dict[str, frozenset[str]] = {
    "assumed": frozenset({"assum", "chairmanship", "chair", "presidency", "take", "lead"}),
    "took over": frozenset({"assum", "chairmanship", "chair", "presidency", "take", "lead"}),
    "taken over": frozenset({"assum", "chairmanship", "chair", "presidency", "take", "lead"}),
    "signed": frozenset({"sign", "agreement", "treaty", "deal", "accord", "memorandum", "contract"}),
    "ratified": frozenset({"ratify", "ratifi", "treaty", "agreement", "accord", "convention"}),
    "handed over": frozenset({"hand", "transfer", "chairmanship", "presidency", "over"}),
    "visited": frozenset({"visit", "trip", "tour"}),
    "delivered": frozenset({"deliver", "supply", "shipment"}),
    "inaugurated": frozenset({"inaugurat", "open", "launch"}),
    "opened": frozenset({"open", "launch", "inaugurat"}),
    "launched": frozenset({"launch", "start", "open"}),
    "approved": frozenset({"approve", "approv", "adopt", "pass"}),
    "adopted": frozenset({"adopt", "approv", "pass"}),
    "completed": frozenset({"complet", "finish", "build", "construct"}),
    "kept": frozenset(),
    "paid": frozenset({"visit", "trip", "tour"}),
    "arrived": frozenset({"visit", "trip", "tour", "arriv"}),
    "met with": frozenset({"meet", "meeting", "talk"}),
    "held talks": frozenset({"meet", "meeting", "talk"}),
    "passed": frozenset({"hand", "transfer", "chairmanship", "presidency", "pass"}),
    "transferred": frozenset({"hand", "transfer", "chairmanship", "presidency"}),
}
_PARTICIPATION = frozenset({"participat", "attend", "take", "part", "join", "host", "hold", "visit"})


@dataclass(frozen=True, slots=True)
class ItemView:
    """What matching needs to know of a tracked item."""

    id: str
    kind: str
    title_terms: tuple[str, ...]
    actors: tuple[str, ...]
    when: str | None
    location: str | None
    status: str  # stored status: open | done | cancelled
    ordinal: int | None = None  # "the 6th session", from the title or the evidence
    sentences: tuple[tuple[str, int], ...] = ()  # (document path, span start) of its first evidence
    first_seen: date | None = None  # publication date of its earliest evidence


@dataclass(slots=True)
class Match:
    """The score of one (outcome, item) pair and why."""

    item_id: str
    score: float
    verdict: str  # "auto" | "propose" | "none"
    reasons: list[str] = field(default_factory=list)

    @property
    def per_mille(self) -> int:
        return round(self.score * 1000)


_CONNECTORS = frozenset(["of", "for", "and", "on", "the", "de", "du", "des", "del", "la", "al"])


@lru_cache(maxsize=16384)
def name_keys(name: str) -> frozenset[str]:
    """Comparison keys of one name as written: its normalized form and, for a name of two or more
    words, its initials ("Eurasian Rail Conference" ~ "ERC"; an article may give only one of the
    two). What the store indexes an outcome's actors by."""
    norm = normalize_name(name)
    keys = {norm} if norm else set()
    words = [w for w in norm.split() if w not in _CONNECTORS]
    if len(words) >= 2 and all(w[:1].isalpha() for w in words):
        initials = "".join(w[0] for w in words)
        # Initials that are a known body's acronym stand for that body only: "European Union" ~
        # "EU", never "Electoral Union" (the table's other names of "EU" do not include it).
        known = other_names(initials)
        if not known or norm in known:
            keys.add(initials)
    return frozenset(keys)


@lru_cache(maxsize=16384)
def actor_keys(name: str) -> frozenset[str]:
    """Comparison keys of an actor: `name_keys` and every other name the alias table gives the
    same body ("TurkPA" ~ "Parliamentary Assembly of Turkic States"), normalized."""
    return name_keys(name) | other_names(name)


def _keys(names: tuple[str, ...] | list[str]) -> set[str]:
    return set().union(set(), *(actor_keys(a) for a in names))


def _initials_runs(title_terms: tuple[str, ...], said: set[str]) -> set[str]:
    """Title words whose run of initials the report names ("Eurasian Rail Conference" when the
    report says "ERC"), as normalized terms."""
    words = [t for t in title_terms if t not in _CONNECTORS]
    out: set[str] = set()
    for i in range(len(words)):
        for j in range(i + 2, min(len(words), i + 6) + 1):
            if "".join(w[0] for w in words[i:j]) in said:
                out |= normalized_terms(words[i:j])
    return out


def _shared(item: ItemView, names: tuple[str, ...], item_keys: set[str], n_actors: int) -> list[str]:
    """The report's names that name one of the item's actors, each saying how: the same name,
    another name of the same body (alias table, initials), or a name the article itself gave."""
    out = []
    for i, a in enumerate(names):
        keys = actor_keys(a)
        if not keys & item_keys:
            continue
        norm = normalize_name(a)
        if norm in item_keys and any(normalize_name(b) == norm for b in item.actors):
            label = norm
        else:
            same = sorted({normalize_name(b) for b in item.actors if actor_keys(b) & keys})
            label = f"{norm} = {', '.join(same)}"
        if i >= n_actors:
            label += " (named so by the report's article)"
        if label not in out:
            out.append(label)
    return sorted(out)


def _no(item: ItemView, reason: str, reasons: list[str]) -> Match:
    return Match(item.id, 0.0, "none", [*reasons, "no match: " + reason])


def _span(when: str | None) -> WhenSpan | None:
    if when is None:
        return None
    try:
        return parse_when(when)
    except ValueError:
        return None


def _first(span: WhenSpan) -> date:
    # A deadline "../B" has no first day; a year long before any report stands in for it.
    return span.first or date(1, 1, 1) + timedelta(days=366)


def _cue_stems(cue: str) -> frozenset[str]:
    low = " ".join(cue.lower().split())
    for key, stems in _CUE_STEMS.items():
        if key in low:
            return stems
    return frozenset()


def _shares_stem(terms: set[str], stems: frozenset[str]) -> bool:
    return any(t.startswith(s) or s.startswith(t) for t in terms for s in stems if len(t) >= 4)


def _kind_fit(item: ItemView, o: Outcome, terms: set[str]) -> tuple[float, str]:
    if o.kind in ("postponed", "cancelled", "progress"):
        return 1.0, f"a {o.kind} report applies to events and commitments"
    if o.kind == "held":
        stems = _cue_stems(o.cue)
        if item.kind == "commitment" and stems and _shares_stem(terms, stems):
            return 1.0, f"{o.cue!r} fulfils what the title promises"
        if item.kind == "event":
            return 1.0, "an event reported as held"
        if terms & _PARTICIPATION:
            return 0.8, "a commitment to take part, reported as held"
        return 0.3, "a commitment, but the report says an event was held"
    stems = _cue_stems(o.cue)
    if stems and _shares_stem(terms, stems):
        return 1.0, f"{o.cue!r} fulfils what the title promises"
    if item.kind == "event" and _cue_stems(o.cue) & {"visit", "open"}:
        return 0.8, f"{o.cue!r} reports the event"
    return 0.2, f"{o.cue!r} does not say what the title promises"


def _date_fit(item: ItemView, o: Outcome) -> tuple[float | None, str]:
    """(fit 0..1, reason); fit None rejects the pair."""
    span = _span(item.when)
    if span is None:
        if item.first_seen is not None and o.published > item.first_seen + UNDATED_HORIZON:
            return None, f"the undated item was reported {item.first_seen}, long before {o.published}"
        return 0.3, "the item has no date"
    first, last = _first(span), span.last
    published = o.published
    if o.kind in ("postponed", "cancelled"):
        if o.new_when is not None and o.new_when == item.when:
            return 1.0, f"the item is already at the new date {o.new_when}"
        if published > last + CHANGE_GRACE:
            return None, f"reported {published}, after the item's date {item.when} had passed"
        told = _span(o.event_when)
        if told is not None and (told.last < first or _first(told) > last):
            return None, f"the report is about {o.event_when}, the item is {item.when}"
        return 1.0, f"reported {published}, before the item's date {item.when}"
    told = _span(o.event_when)
    if told is not None:
        t0, t1 = _first(told), told.last
        slack = timedelta(days=1) if told.end.precision in ("day", "minute") else timedelta(0)
        if t1 < first - slack or t0 > last + slack:
            return None, f"the report is about {o.event_when}, the item is {item.when}"
        return 1.0, f"the reported date {o.event_when} agrees with {item.when}"
    if published < first:
        if item.kind == "commitment":
            return 0.5, f"reported {published}, before the item's date {item.when} (kept early?)"
        return None, f"reported {published}, before the event's date {item.when}"
    if published <= last + HELD_GRACE:
        return 1.0, f"reported {published}, within or just after {item.when}"
    if (item.kind == "commitment" or span.deadline) and published <= last + LATE_FULFILMENT:
        return 0.3, f"reported {published}, well after {item.when} (kept late?)"
    return None, f"reported {published}, long after {item.when}: another occasion"


def score_match(item: ItemView, o: Outcome) -> Match:
    """Score whether outcome `o` reports on `item`.

    Returns:
        A Match whose verdict is "auto" (apply), "propose" (ask the user) or "none".
    """
    reasons: list[str] = []
    item_keys = _keys(item.actors)
    shared = _shared(item, (*o.actors, *o.aliases), item_keys, len(o.actors))
    if not shared:
        return _no(item, "no shared actor", reasons)
    reasons.append("shared actors: " + ", ".join(shared) + (" (from the sentence before)" if o.context_actors else ""))
    actor_fit = 0.5 if o.context_actors else 1.0
    if item.ordinal is not None and o.ordinal is not None and item.ordinal != o.ordinal:
        return _no(item, f"numbered occasion {o.ordinal} is not the item's {item.ordinal}", reasons)
    if item.location and o.location:
        if not places_compatible(item.location, o.location):
            return _no(item, f"place {o.location!r} is not {item.location!r}", reasons)
        place_fit, why = 1.0, f"same place {o.location}"
    else:
        place_fit, why = 0.5, "place unknown on one side"
    reasons.append(why)
    date_fit, why = _date_fit(item, o)
    reasons.append(why)
    if date_fit is None:
        return _no(item, why, reasons[:-1])
    terms = normalized_terms(item.title_terms)
    keys = _keys((*o.actors, *o.aliases))
    said = normalized_terms(o.terms) | normalized_terms([w for k in keys for w in k.split()])
    found = (terms & said) | _initials_runs(item.title_terms, said)
    # What is promised counts, not who promised it: the actors' own words (under any of their
    # names) are left out, so the words an alias adds to `said` never count as found.
    names = keys | item_keys
    content = terms - normalized_terms([w for k in names for w in k.split()])
    if content:
        coverage = len(found & content) / len(content)
        reasons.append(f"title words found: {len(found & content)}/{len(content)}")
    elif item.kind == "event":
        coverage = 1.0  # "Eurasian Rail Conference": the body's meeting is the event
        reasons.append("the title names only the actors: their meeting")
    else:
        coverage = 0.5
        reasons.append("the title names only the actors")
    kind_fit, why = _kind_fit(item, o, terms)
    reasons.append(why)
    score = (
        WEIGHTS["actors"] * actor_fit
        + WEIGHTS["title"] * coverage
        + WEIGHTS["kind"] * kind_fit
        + WEIGHTS["place"] * place_fit
        + WEIGHTS["date"] * date_fit
    )
    if o.quoted:
        score -= 0.03
        reasons.append("stated in a quotation")
    score = max(0.0, min(1.0, score))
    sure = coverage >= 0.6 and kind_fit >= 0.8 and date_fit >= 0.8 and not o.context_actors
    if score >= AUTO_THRESHOLD and sure:
        verdict = "auto"
    elif score >= PROPOSE_THRESHOLD and coverage >= MIN_PROPOSE_COVERAGE and (kind_fit > 0.2 or coverage >= 0.67):
        verdict = "propose"
    else:
        verdict = "none"
    reasons.append(f"score {score:.2f} -> {verdict}")
    return Match(item.id, score, verdict, reasons)


def pick(matches: list[Match]) -> tuple[Match | None, list[Match]]:
    """The one match to apply (if unambiguous) and the matches to propose.

    Two automatic matches within AMBIGUITY_MARGIN of each other are both proposed instead.
    """
    ranked = sorted((m for m in matches if m.verdict != "none"), key=lambda m: (-m.score, m.item_id))
    autos = [m for m in ranked if m.verdict == "auto"]
    if autos:
        if len(autos) > 1 and autos[0].score - autos[1].score < AMBIGUITY_MARGIN:
            return None, [m for m in autos if autos[0].score - m.score < AMBIGUITY_MARGIN]
        return autos[0], []
    return None, ranked


__all__ = [
    "AUTO_THRESHOLD",
    "actor_keys",
    "name_keys",
    "PROPOSE_THRESHOLD",
    "ItemView",
    "Match",
    "pick",
    "score_match",
]
