"""Outcome statements of an article: something took place, was fulfilled, postponed, cancelled or
is under way. Past-tense reports that item extraction ignores are exactly what this stage reads.

`extract_outcomes(doc)` reuses the extractor's sentence splitter and actor index and the
temporal engine; it returns `Outcome`s in text order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from ..extract.actors import ActorIndex, register_descriptors
from ..extract.sentences import split_sentences
from ..models import Document, WhenPhrase
from ..store.merge import fold, title_terms
from ..when import parse_when
from ..store.aliases import learned_aliases

OUTCOME_KINDS = ("held", "fulfilled", "postponed", "cancelled", "progress")
MAX_SENTENCE = 1500

# Cue phrases per kind, most specific first. Matching is case-insensitive on the sentence.
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cancelled", re.compile(
        r"\b(?:called\s+off|cancell?ed|scrapped|(?:will|would)\s+not\s+(?:take\s+place|go\s+ahead|be\s+held)"
        r"|won[’']t\s+(?:take\s+place|go\s+ahead|be\s+held)|has\s+been\s+dropped|have\s+been\s+dropped)\b", re.IGNORECASE)),
    ("postponed", re.compile(
        r"\b(?:postponed|rescheduled|deferred|delayed|pushed\s+back|put\s+off"
        r"|(?:was|were|has\s+been|have\s+been|been)\s+moved)\b", re.IGNORECASE)),
    ("progress", re.compile(
        r"\b(?:(?:is|are)\s+(?:now\s+)?(?:under\s*way|in\s+progress|progressing)"
        r"|(?:preparations|work|talks|negotiations|consultations|construction)\b[^.;,]{0,60}?\b(?:have|has)\s+"
        r"(?:begun|started|resumed|been\s+launched))\b", re.IGNORECASE)),
    ("fulfilled", re.compile(
        r"\b(?:(?:has|have|had)\s+)?(?:formally\s+|officially\s+)?(?:assumed|took\s+over|taken\s+over|passed"
        r"|transferred)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:chairmanship|presidency|chair)\b"
        r"|\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:formally\s+|officially\s+)?"
        r"(?:signed|ratified|handed\s+over|approved|adopted|completed|delivered|launched|inaugurated|opened)\b"
        r"|\b(?:(?:has|have|had)\s+)?(?:formally\s+|officially\s+)?"
        r"(?:signed|ratified|handed\s+over|visited|delivered|inaugurated|launched|completed|adopted|approved"
        r"|met\s+with|held\s+talks|kept\s+(?:its|their|his|her)\s+promise"
        r"|paid\s+(?:an?\s+)?(?:official\s+|state\s+|working\s+|[\w-]+-day\s+)*visit"
        r"|arrived\s+in)\b", re.IGNORECASE)),
    ("held", re.compile(
        r"\b(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:successfully\s+)?(?:held|convened|staged)"
        r"|took\s+place|(?:has|have)\s+taken\s+place|took\s+part\s+in|(?:has|have)\s+taken\s+part\s+in"
        r"|(?:opened|concluded|wrapped\s+up|hosted|convened|kicked\s+off|got\s+under\s*way|ended|gathered|met)\b"
        r"(?!\s+(?:fire|with|up\b))"
        r"|(?:was|were)\s+(?:officially\s+)?closed"
        r"|(?:began|started)\s+(?:its|their)\s+work|(?:came|drew)\s+to\s+a\s+close"
        r"|was\s+attended\s+by|attended)\b", re.IGNORECASE)),
    # Newswire leads tell today's events in the present ("Astana hosts the TurkPA session"): the
    # happening is dated the day of the report, so it only matches an item dated that day.
    ("held", re.compile(
        r"\b(?:hosts|is\s+hosting|opens|kicks\s+off|gets\s+under\s*way|(?:is|are)\s+taking\s+place)\b",
        re.IGNORECASE)),
)
_PRESENT_HELD = _CUES[-1][1]

# A cue preceded by these (within the clause) speaks of the future or of nothing that happened.
_NOT_HAPPENED = re.compile(
    r"\b(?:will|would|shall|to\s+be|is\s+to|are\s+to|plans?\s+to|planning\s+to|expected\s+to|set\s+to"
    r"|slated\s+to|scheduled\s+to|due\s+to|aims?\s+to|hopes?\s+to|intends?\s+to|could|may|might|if|unless"
    r"|not|never|yet\s+to|no\s+longer)\b[^,.;:]{0,40}$", re.IGNORECASE)
# "will not take place" is a cancellation: the guard above must not veto it.
_GUARDED_KINDS = frozenset({"held", "fulfilled", "progress", "postponed"})

_NUMBER_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
_MEETING_NOUNS = r"(?:plenary\s+)?(?:session|summit|meeting|congress|forum|conference|plenary|assembly|round|edition|games|festival|council)"
_ORDINAL = re.compile(
    rf"\b(\d{{1,3}})(?:st|nd|rd|th)\s+(?:[A-Za-z-]+\s+){{0,2}}{_MEETING_NOUNS}\b"
    rf"|\b({'|'.join(_NUMBER_WORDS)})\s+(?:[A-Za-z-]+\s+){{0,2}}{_MEETING_NOUNS}\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[“”\"«»]|``|''")
_ORG_ANAPHOR = re.compile(r"\bthe\s+(Organi[sz]ation|Assembly|Council|Union|Alliance|Parliament|Forum|Bloc|Commission|agency|body)\b")
_PLACE_IN = re.compile(r"\b(?:in|at)\s+((?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})")
_YEAR_WORD = re.compile(r"\b(?:19|20)\d{2}\b")
# Words of reporting that say nothing about *what* happened.
_NOISE_TERMS = frozenset(
    ["officially", "formally", "successfully", "today", "yesterday", "week", "month", "year", "officials", "official", "statement", "according", "reported"]
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One outcome statement: what kind, the evidence sentence and what it says about who, where, when."""

    kind: str  # one of OUTCOME_KINDS
    cue: str  # the phrase that signalled it
    sentence: str
    span: tuple[int, int]  # offsets of `sentence` in the document content
    published: date
    actors: tuple[str, ...]
    terms: tuple[str, ...]  # content words of the sentence (store.merge.title_terms)
    location: str | None = None
    event_when: str | None = None  # when the reported happening took place, when the sentence says
    new_when: str | None = None  # postponed: the new date
    ordinal: int | None = None  # "the 6th session" -> 6
    quoted: bool = False  # stated inside a participant's quotation
    context_actors: bool = False  # no actor in the sentence: taken from the sentence before
    document: str = ""
    # Other names the article itself gives its actors: "the Parliamentary Assembly of Turkic States
    # (TurkPA)" makes the long name an alias of the actor "TurkPA" (aliases.learned_aliases).
    aliases: tuple[str, ...] = ()
    explain: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "actors": list(self.actors),
            "aliases": list(self.aliases),
            "cue": self.cue,
            "document": self.document,
            "event_when": self.event_when,
            "kind": self.kind,
            "location": self.location,
            "new_when": self.new_when,
            "ordinal": self.ordinal,
            "published": self.published.isoformat(),
            "quoted": self.quoted,
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
        }


def find_ordinal(text: str) -> int | None:
    """The number of a numbered meeting in `text` ("the 6th session", "sixth summit"), or None."""
    m = _ORDINAL.search(text)
    if not m:
        return None
    if m.group(1):
        return int(m.group(1))
    return _NUMBER_WORDS[m.group(2).lower()]


def _when_phrases(text: str, anchor: date, start: int, end: int) -> list[WhenPhrase]:
    try:
        from ..temporal import find_when_phrases
    except ImportError:  # pragma: no cover - the engine is part of the package
        return []
    try:
        return list(find_when_phrases(text, anchor, start, end))
    except Exception:  # noqa: BLE001 - a temporal failure must not lose the outcome
        return []


def _forward(value: str, phrase: str, published: date) -> str | None:
    """A postponement's new date lies ahead: a year-less date the engine put in the past (it reads
    "was moved to 14-15 October" as past tense) moves forward by whole years."""
    try:
        span = parse_when(value)
    except ValueError:
        return None
    if span.last >= published or _YEAR_WORD.search(phrase):
        return value
    years = published.year - span.last.year + (1 if span.last.replace(year=published.year) < published else 0)
    if span.deadline or span.first is None or years > 2:
        return value

    def shift(part: str) -> str:
        return str(int(part[:4]) + years) + part[4:]

    try:
        shifted = "/".join(shift(p) for p in value.split("/"))
        parse_when(shifted)
    except (ValueError, IndexError):
        return value
    return shifted


# "the ministry said on Saturday": the date of the statement, not of what it reports.
_SAID_BEFORE = re.compile(r"\b(?:said|says|announced|told\s+\w+|reported|stated|confirmed)\s+(?:on\s+|late\s+|early\s+)?$", re.IGNORECASE)
_TERM_BEFORE = re.compile(r"\b(?:for|until|till|through|next|coming|from)\s+(?:the\s+)?(?:coming\s+|next\s+)?$", re.IGNORECASE)


def _names_a_date(text: str, p: WhenPhrase) -> bool:
    """Not the date of the statement ("said on Monday") nor a term ("for the coming year")."""
    before = text[max(0, p.start - 30) : p.start]
    return not (_TERM_BEFORE.search(before) or _SAID_BEFORE.search(before))


def _happened_on(text: str, p: WhenPhrase, published: date) -> bool:
    if not _names_a_date(text, p):
        return False
    try:
        span = parse_when(p.value)
    except ValueError:
        return False
    return (span.first or span.last) <= published


def _happened(kind: str, sentence: str, cue_start: int) -> bool:
    end = re.search(r"[.?!]", sentence[cue_start:])
    if end and end.group() == "?":
        return False  # "Why should it be delayed?": a question reports nothing
    if kind not in _GUARDED_KINDS:
        return True
    head = sentence[max(0, cue_start - 60) : cue_start]
    return not _NOT_HAPPENED.search(head)


def _location(sentence: str, places: list[str]) -> str | None:
    if places:
        return places[0]
    m = _PLACE_IN.search(sentence)
    if m:
        name = m.group(1)
        if name.lower().startswith("the "):
            return None  # "in the Organization": not a place
        if not re.match(r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
                        r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", name):
            return name
    return None


def extract_outcomes(doc: Document) -> list[Outcome]:
    """Every outcome statement of `doc`, in text order (at most one per kind and sentence)."""
    text = doc.content
    index = ActorIndex.build(text, doc.body_start)
    sents = split_sentences(text, doc.body_start)
    found: list[Outcome] = []
    previous_actors: tuple[str, ...] = ()
    for s, e in sents:
        scan_e = min(e, s + MAX_SENTENCE)
        mentions = index.mentions(s, scan_e)
        register_descriptors(index, s, scan_e, mentions)
        sentence = text[s:e]
        actors: list[str] = []
        places: list[str] = []
        for m in mentions:
            if m.type == "place":
                # Only "in X" / "at X" names where it happened ("summit of the Caspian states" does not).
                if re.search(r"\b(?:in|at)\s+$", text[max(s, m.start - 4) : m.start]) and m.name not in places:
                    places.append(m.name)
                continue
            if m.start == s and m.type == "name" and " " not in m.name:
                continue  # "Preparations have begun", "Talks are under way": a capitalized common noun
            if m.name not in actors:
                actors.append(m.name)
            affiliated = index.affiliation.get(m.name)
            if m.type == "person" and affiliated and affiliated not in actors:
                actors.append(affiliated)
        for noun in _ORG_ANAPHOR.finditer(sentence):
            org = index.resolve_org_noun(noun.group(1), s + noun.start())
            if org and org not in actors:
                actors.append(org)
        kinds_seen: set[str] = set()
        quoted = bool(_QUOTE.search(sentence))
        for kind, pattern in _CUES:
            if kind in kinds_seen:
                continue
            for cue in pattern.finditer(sentence[: scan_e - s]):
                if not _happened(kind, sentence, cue.start()):
                    continue
                kinds_seen.add(kind)
                o = _outcome(doc, kind, cue, s, e, actors, places, previous_actors, quoted)
                if index.acronyms:
                    o = replace(o, aliases=learned_aliases(index.acronyms, o.actors))
                found.append(o)
                break
            if kinds_seen & {"cancelled", "postponed"}:
                break  # "was postponed ... after being held up": the change is the news
        if actors:
            previous_actors = tuple(actors)
    return found


def _outcome(
    doc: Document,
    kind: str,
    cue: re.Match[str],
    s: int,
    e: int,
    actors: list[str],
    places: list[str],
    previous_actors: tuple[str, ...],
    quoted: bool,
) -> Outcome:
    text = doc.content
    sentence = text[s:e]
    explain = [f"cue {cue.group(0)!r} -> {kind}"]
    phrases = _when_phrases(text, doc.published, s, min(e, s + MAX_SENTENCE))
    event_when = new_when = None
    cue_end = s + cue.end()
    if kind == "postponed":
        after = [p for p in phrases if p.start >= cue_end]
        if after:
            new_when = _forward(after[0].value, after[0].text, doc.published)
            explain.append(f"new date {after[0].text!r} -> {new_when}")
    elif kind == "cancelled":
        # The date of what will not happen: planned, so ahead of (or just at) the report, though
        # the engine reads "was called off ... April 10" as past.
        usable = [p for p in phrases if _names_a_date(text, p)]
        if usable:
            best = min(usable, key=lambda p: abs(p.start - (s + cue.start())))
            event_when = _forward(best.value, best.text, doc.published)
            explain.append(f"date {best.text!r} -> {event_when}")
    else:
        # The date of the happening: the phrase nearest the cue that can be a date it happened on.
        # A present-tense lead without one happens on the day of the report.
        # What happened cannot lie after the report ("for the coming year" is a term, not a date);
        # "until", "for" and "next" phrases say how long, not when.
        usable = [p for p in phrases if _happened_on(text, p, doc.published)]
        if usable:
            best = min(usable, key=lambda p: abs(p.start - (s + cue.start())))
            event_when = best.value
            explain.append(f"date {best.text!r} -> {event_when}")
        elif cue.re is _PRESENT_HELD:
            event_when = doc.published.isoformat()
            explain.append(f"present tense: happening on the report's day {event_when}")
    context = False
    who = tuple(actors)
    if not who and previous_actors:
        who, context = previous_actors, True
        explain.append("actors from the sentence before: " + ", ".join(who))
    terms = tuple(t for t in title_terms(sentence) if t not in _NOISE_TERMS)
    return Outcome(
        kind=kind,
        cue=" ".join(cue.group(0).split()),
        sentence=sentence,
        span=(s, e),
        published=doc.published,
        actors=who,
        terms=terms,
        location=_location(sentence, places),
        event_when=event_when,
        new_when=new_when,
        ordinal=find_ordinal(sentence),
        quoted=quoted,
        context_actors=context,
        document=doc.path,
        explain=explain,
    )


_IRREGULAR = {"held": "hold", "holds": "hold", "took": "take", "taken": "take", "met": "meet", "meets": "meet",
              "began": "begin", "begun": "begin", "made": "make", "gave": "give", "given": "give",
              "went": "go", "gone": "go", "paid": "pay", "led": "lead", "won": "win", "sent": "send",
              "built": "build", "kept": "keep", "came": "come", "left": "leave"}


def normalized_terms(terms: tuple[str, ...] | list[str]) -> set[str]:
    """Terms reduced to a crude stem for comparing a title with a sentence ("assumes" ~ "assumed",
    "holds" ~ "held")."""
    out: set[str] = set()
    for t in terms:
        t = fold(t)
        if t in _IRREGULAR:
            out.add(_IRREGULAR[t])
            continue
        for suffix in ("ing", "ed", "es", "s", "e"):
            if t.endswith(suffix) and len(t) - len(suffix) >= 4:
                t = t[: -len(suffix)]
                break
        out.add(t)
    return out
