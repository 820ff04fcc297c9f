"""In-document references: "the upcoming event", "the session", "the Organization", "he"
resolve to the entity or event named earlier, so items inherit its date, place and name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .actors import ActorIndex, Mention

ANAPHOR_NOUNS = (
    "meeting|session|summit|talks|conference|visit|trip|tour|ceremony|vote|referendum|election|hearing|"
    "trial|event|events|gathering|forum|congress|convention|rally|demonstration|deadline|ruling|festival|"
    "celebration|negotiations|consultations|exercise|exercises|plenary|parade|march|games"
)
_ANAPHOR = re.compile(
    rf"\b(?:the|this|that|these|its|their)\s+(?:(?:upcoming|forthcoming|planned|scheduled|same|coming|next|"
    rf"proposed|expected|\w+'s|\w+’s)\s+)?(?P<noun>{ANAPHOR_NOUNS})\b",
    re.IGNORECASE,
)
# A gathering named only as the reference of another time: "before the session", "a day ahead of the
# summit", "on the eve of the talks", "after the vote", "on the sidelines of the forum".
RELATIVE_TO = re.compile(
    r"\b(?:before|after|ahead\s+of|prior\s+to|following|since|until|till|eve\s+of|run-up\s+to|runup\s+to|"
    r"sidelines\s+of|margins\s+of|preparations?\s+for|preparing\s+for)\s+"
    r"(?:the\s+|this\s+|that\s+|its\s+|their\s+|next\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_SAME_DAY = re.compile(r"\bthe\s+same\s+(?:day|days|date|dates|time)\b", re.IGNORECASE)
_GENERIC = frozenset({"event", "events", "gathering", "meeting", "session", "visit", "trip", "it"})
_ORG_ANAPHOR = re.compile(
    r"\b[Tt]he\s+(Organization|Organisation|organization|organisation|alliance|agency|airline|company|department|"
    r"committee|council|assembly|parliament|ministry|commission|bloc|union|court)\b"
)


@dataclass
class KnownEvent:
    sentence: int
    paragraph: int
    noun: str  # the event nouns of its sentence, space-separated
    title: str
    when: str | None
    location: str | None
    actors: list[str]


@dataclass
class EventMemory:
    """Events found so far in the document, latest last."""

    events: list[KnownEvent] = field(default_factory=list)

    def add(self, ev: KnownEvent) -> None:
        self.events.append(ev)

    def antecedent(self, sentence: str, sent_idx: int, paragraph: int) -> tuple[KnownEvent, str] | None:
        """The earlier event a definite description in `sentence` refers to, and the phrase."""
        same = _SAME_DAY.search(sentence)
        if same:  # "on the same days": the dated event named just before
            for ev in reversed(self.events[-10:]):
                if ev.sentence < sent_idx and ev.when is not None and not ev.when.startswith("../") and sent_idx - ev.sentence <= 3:
                    return ev, same.group(0)
        for m in _ANAPHOR.finditer(sentence):
            if RELATIVE_TO.search(sentence, max(0, m.start() - 40), m.start()):
                continue  # "ahead of the session": a time relative to it, not the session's own
            noun = m.group("noun").lower()
            for ev in reversed(self.events[-50:]):  # bounded: a huge article stays linear
                if ev.sentence >= sent_idx or ev.when is None:
                    continue
                if noun in ("event", "events", "gathering") or noun.rstrip("s") in {n.rstrip("s") for n in ev.noun.split()}:
                    return ev, m.group(0)
        return None

    def nearby(self, sent_idx: int, paragraph: int, window: int = 2) -> KnownEvent | None:
        """A dated event stated in the same paragraph within `window` sentences."""
        for ev in reversed(self.events[-10:]):
            if ev.when and 0 < sent_idx - ev.sentence <= window and (ev.paragraph == paragraph or window > 2):
                return ev
        return None


def resolve_org_anaphor(index: ActorIndex, sentence: str, abs_start: int) -> list[tuple[str, str]]:
    """("the Organization", "TurkPA") pairs for organization anaphors in a sentence."""
    out = []
    for m in _ORG_ANAPHOR.finditer(sentence):
        org = index.resolve_org_noun(m.group(1), abs_start + m.start())
        if org:
            out.append((m.group(0), org))
    return out


@dataclass
class Salience:
    """Latest persons, organizations and names mentioned, for pronoun resolution."""

    person: str | None = None
    org: str | None = None
    subject: str | None = None  # first actor of the latest sentence that had one

    def update(self, mentions: list[Mention]) -> None:
        first = True
        for m in mentions:
            if m.type == "person":
                self.person = m.name
            elif m.type == "org":
                self.org = m.name
            if first and m.type in ("person", "org", "name", "country"):
                self.subject = m.name
                first = False
