"""Plain data classes shared by every stage: Document, TimeExpr, WhenPhrase, Item.

No tracker imports here; everything else imports this module.
"""
from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any


class Status(str, enum.Enum):
    """Lifecycle of a tracked item. MISSED is computed from OPEN and `now`, never stored."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"
    MISSED = "missed"


KINDS = ("event", "commitment")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Document:
    """One loaded article.

    `content` is the whole decoded file (header line included); every offset
    anywhere in tracker indexes `content`. The article text starts at `body_start`.
    """

    path: str
    content: str
    published: date
    body_start: int
    sha256: str
    url: str | None = None
    title: str | None = None

    @property
    def body(self) -> str:
        return self.content[self.body_start :]


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A TIMEX3 temporal expression: `text == content[start:end]`."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value, e.g. 2025-06-11, 2025-W25, P2Y, PRESENT_REF
    mod: str | None = None  # TimeML mod: START, MID, END, APPROX, BEFORE, ...

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if d["mod"] is None:
            del d["mod"]
        return d


@dataclass(frozen=True, slots=True)
class WhenPhrase:
    """A time phrase normalized to tracker's `when` string form.

    `value` forms: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM[+HH:MM], YYYY-Www, YYYY-Qn,
    a range "A/B", a deadline "../B". Vague phrases ("soon") are not WhenPhrases.
    """

    start: int
    end: int
    text: str
    value: str
    kind: str  # "point" | "range" | "deadline"
    timexes: tuple[TimeExpr, ...] = ()


@dataclass(slots=True)
class Item:
    """An extracted (or tracked) event or commitment."""

    kind: str  # "event" | "commitment"
    title: str
    actors: list[str]
    when: str | None
    location: str | None
    evidence: str  # the whole sentence, verbatim
    span: tuple[int, int]  # offsets of `evidence` in the document content
    confidence: float
    rule: str  # which cue/rule produced it (shown by --explain)
    document: str = ""  # path as given
    published: date | None = None
    change: str | None = None  # "postponed" | "cancelled" when the sentence says so
    explain: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # person -> role where the text states it

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "kind": self.kind,
            "title": self.title,
            "actors": list(self.actors),
            "when": self.when,
            "location": self.location,
            "evidence": self.evidence,
            "span": [self.span[0], self.span[1]],
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
            "change": self.change,
            "published": self.published.isoformat() if self.published else None,
            "roles": dict(self.roles),
        }


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence of one article that supports a tracked item."""

    document: str  # the article's path as it was ingested
    sentence: str
    published: date | None
    span: tuple[int, int] | None = None  # offsets of `sentence` in the document content
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "published": _iso(self.published),
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]] if self.span else None,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One recorded change of a tracked item: when, which field, old -> new, by whom and why."""

    at: datetime  # UTC
    field: str  # "created", "when", "status", "title", "actors", "location", "kind"
    old: str | None
    new: str | None
    by: str  # "user" or "article:<path>"
    why: str | None  # the user's note or the evidence sentence

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": _iso(self.at),
            "by": self.by,
            "field": self.field,
            "new": self.new,
            "old": self.old,
            "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class TrackedItem:
    """An item of the tracked list, as read from the store.

    `status` is the effective status at the `now` of the query: an open item whose `when` lies
    wholly before that day is `missed`. `stored_status` is what the store holds (never missed).
    """

    id: str  # short id for the command line
    uid: str  # stable identity for calendars, "<hex>@tracker"
    kind: str
    title: str
    actors: tuple[str, ...]
    when: str | None
    location: str | None
    status: str
    stored_status: str
    sequence: int  # raised on every recorded change (iCalendar SEQUENCE)
    created: datetime  # UTC
    updated: datetime  # UTC
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The machine-readable form (`tracker list --json`): stable snake_case keys, null for unknown."""
        return {
            "actors": list(self.actors),
            "created": _iso(self.created),
            "evidence": [e.to_dict() for e in self.evidence],
            "id": self.id,
            "kind": self.kind,
            "location": self.location,
            "sequence": self.sequence,
            "status": self.status,
            "title": self.title,
            "uid": self.uid,
            "updated": _iso(self.updated),
            "when": self.when,
        }
