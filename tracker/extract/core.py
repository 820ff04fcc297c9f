"""Document -> items: split sentences, find cues, filter negatives, pick actors, `when`, place,
resolve references and build `Item`s.
"""
from __future__ import annotations

import bisect
import re
from datetime import date, timedelta

from ..models import Document, Item, WhenPhrase
from ..when import parse_when
from . import cues as C
from .actors import FIRST_PERSON, ActorIndex, Mention
from .resolve import EventMemory, KnownEvent, Salience, resolve_org_anaphor
from .sentences import paragraph_breaks, split_sentences

MAX_SENTENCE = 2000  # longer "sentences" (1 MB one-liners) are scanned only in their head

_SPEECH = re.compile(r"\b(?:said|says|added|stated|told|declared|announced|insisted|explained|noted|wrote)\b")
_PRONOUN_SUBJ = re.compile(r"\b(he|she|it|they|we|i|our|my)\b", re.I)
_QUOTE_OPEN = re.compile(r"^(?:``|[“\"‘])")
_LOC_PREP = re.compile(r"(?:\b(?:in|at|to|into|inside|outside|near|around|leave|leaving)\s+(?:the\s+)?)$", re.I)
_TODAY_WORDS = re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|later\s+(?:today|this)|now)\b", re.I)
_EARLIER = re.compile(r"(?:\b(?:earlier|last|previous|past|since|ago|until\s+now)\s*)$", re.I)
_PAST_VERB_CUE = re.compile(r"\b(?:planned|intended|vowed|pledged|promised|agreed|decided|resolved|threatened|was|were)\b", re.I)


def _temporal():
    """The temporal engine, imported lazily (it is developed alongside this package)."""
    try:
        from .. import temporal  # type: ignore[attr-defined]

        return temporal
    except ImportError:  # pragma: no cover - only while the engine is missing
        return None


def when_phrases(text: str, anchor: date, start: int, end: int) -> list[WhenPhrase]:
    mod = _temporal()
    fn = getattr(mod, "find_when_phrases", None) if mod else None
    if fn is None:
        return []
    try:
        return list(fn(text, anchor, start, end))
    except Exception:  # noqa: BLE001 - a temporal failure must not lose the sentence's item
        return []


def _span_of(value: str) -> tuple[date, date] | None:
    try:
        w = parse_when(value)
    except Exception:  # noqa: BLE001
        return None
    return (w.first or w.last, w.last)


def _third_person(verb: str) -> str:
    if verb in ("be",):
        return "is"
    if verb == "have":
        return "has"
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


class _Doc:
    """Per-document state shared by the sentence loop."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.content
        self.anchor = doc.published
        self.index = ActorIndex.build(self.text, doc.body_start)
        self.memory = EventMemory()
        self.salience = Salience()
        self.breaks = paragraph_breaks(self.text, doc.body_start)


def extract_items(doc: Document) -> list[Item]:
    """Every forward-looking event and commitment in `doc`, in text order."""
    st = _Doc(doc)
    text = st.text
    sents = split_sentences(text, doc.body_start)
    speakers = _speakers(st, sents)
    items: list[Item] = []
    for i, (s, e) in enumerate(sents):
        para = bisect.bisect_right(st.breaks, s)
        scan_e = min(e, s + MAX_SENTENCE)
        mentions = st.index.mentions(s, scan_e)
        try:
            items.extend(_sentence_items(st, i, para, s, e, scan_e, mentions, speakers[i]))
        finally:
            st.salience.update(mentions)
    return items


def _speakers(st: _Doc, sents: list[tuple[int, int]]) -> list[str | None]:
    """Who speaks each sentence: its own attribution, else that of the quote it belongs to."""
    text = st.text
    own: list[str | None] = []
    last_person: str | None = None
    for s, e in sents:
        e2 = min(e, s + MAX_SENTENCE)
        sent = text[s:e2]
        who = None
        ms = st.index.mentions(s, e2)
        for m in _SPEECH.finditer(sent):
            a = s + m.start()
            b = s + m.end()
            before = [x for x in ms if x.end <= a and a - x.end <= 3 and x.type in ("person", "org", "name", "country")]
            after = [x for x in ms if x.start >= b and x.start - b <= 40 and x.type in ("person", "org", "name")]
            if before:
                who = before[-1].name
            elif re.search(r"\b(?:he|she)\s*$", sent[: m.start()], re.I):
                who = last_person
            elif after:
                who = after[0].name
            if who:
                break
        for x in ms:
            if x.type == "person":
                last_person = x.name
        own.append(who)
    out: list[str | None] = list(own)
    # A sentence inside a multi-sentence quotation takes the attribution found later in the quote.
    for i, (s, e) in enumerate(sents):
        if out[i] is None:
            sent = text[s:min(e, s + MAX_SENTENCE)]
            if _QUOTE_OPEN.match(sent) or _in_open_quote(text, s):
                for j in range(i + 1, min(i + 8, len(sents))):
                    if own[j]:
                        out[i] = own[j]
                        break
    return out


def _in_open_quote(text: str, pos: int) -> bool:
    """True when a quotation opened earlier in the paragraph is still open at `pos`."""
    para_start = text.rfind("\n\n", 0, pos)
    seg = text[para_start + 1 if para_start >= 0 else 0 : pos]
    opens = seg.count("``") + seg.count("“")
    closes = seg.count("''") + seg.count("”")
    if opens or closes:
        return opens > closes
    return seg.count('"') % 2 == 1


def _sentence_items(
    st: _Doc, idx: int, para: int, s: int, e: int, scan_e: int, mentions: list[Mention], speaker: str | None
) -> list[Item]:
    text = st.text
    sent = text[s:scan_e]
    explain: list[str] = []
    if sent.rstrip("'\"”’ ").endswith("?"):
        return []
    if C.HYPOTHETICAL_START.match(sent):
        return []
    if C.UNCERTAINTY.search(sent) or C.ABANDONED.search(sent) or C.NO_PLAN.search(sent):
        return []

    phrases = when_phrases(text, st.anchor, s, scan_e)
    future = _future_phrases(text, st.anchor, phrases)
    past_far = _has_past_far(text, st.anchor, phrases)

    cues = [c for c in C.find_cues(sent) if _cue_ok(sent, c)]
    event_noun = C.EVENT_NOUN.search(sent)

    kind = None
    cue = None
    for c in cues:
        cue = c
        break
    if cue is not None:
        if cue.rule in ("commitment-verb", "commitment-noun") and _PAST_VERB_CUE.match(sent, cue.start) and (
            past_far or C.PAST_MARKER.search(sent)
        ):
            explain.append("past promise or plan reported as history")
            return []
        kind = "event" if C.is_event_continuation(sent, cue) else "commitment"
        # A deadline set for others ("must be returned by Jan. 14") is an event, handled below.
        rule = cue.rule
    elif future and event_noun:
        kind = "event"
        rule = "dated-event"
    elif future and re.search(r"\bmust\b|\bhas\s+to\b|\bhave\s+to\b|\bdeadline\b", sent, re.I) and any(
        p.kind == "deadline" for p in future
    ):
        kind = "event"
        rule = "deadline"
    else:
        return []
    if cue is not None and future and event_noun and kind == "commitment" and cue.rule in ("reported-would",):
        # "the judge's ruling, which is expected early next week": the dated happening dominates.
        pass

    cue_pos = cue.start if cue else (event_noun.start() if event_noun else 0)
    when, when_text = _choose_when(future, s + cue_pos)
    location = _location(text, mentions, s + cue_pos)
    antecedent = st.memory.antecedent(sent, idx, para)
    inherited = None
    if when is None and antecedent is not None:
        inherited = antecedent[0]
        explain.append(f"reference {antecedent[1]!r} -> {inherited.title} ({inherited.when})")
    elif when is None and kind == "event" and re.search(r"\bevents?\b", sent, re.I):
        inherited = st.memory.nearby(idx, para)
        if inherited:
            explain.append(f"events of {inherited.title} ({inherited.when}) stated just before")
    if inherited is not None:
        when = inherited.when
        location = location or inherited.location

    actors = _actors(st, sent, s, cue_pos, mentions, speaker)
    orgs = resolve_org_anaphor(st.index, sent, s)
    for phrase, org in orgs:
        explain.append(f"reference {phrase!r} -> {org}")

    if kind == "event" and cue is not None and not future and cue.rule in ("modal-will", "reported-would") and when is None:
        # An undated trip or gathering is still an event, but less certain.
        pass

    change = None
    if C.CHANGE_CANCELLED.search(sent):
        change = "cancelled"
    elif C.CHANGE_POSTPONED.search(sent):
        change = "postponed"

    conf = C.RULE_CONFIDENCE.get(rule, 0.6)
    if C.CONDITIONAL_MID.search(sent):
        conf -= 0.2
        explain.append("conditional clause: lower confidence")
    if actors:
        conf += 0.05
    if when:
        conf += 0.05
    conf = max(0.05, min(conf, 0.99))

    title = _title(kind, sent, cue, event_noun, actors, orgs, inherited, location)
    explain.insert(0, f"rule {rule}" + (f" at {sent[cue.start:cue.end]!r}" if cue else ""))
    if when_text:
        explain.append(f"when {when!r} from {when_text!r}")
    if speaker:
        explain.append(f"speaker {speaker}")
    for a in actors:
        role = st.index.roles.get(a)
        if role:
            explain.append(f"actor {a}: {role}")
    item = Item(
        kind=kind,
        title=title,
        actors=actors,
        when=when,
        location=location,
        evidence=text[s:e],
        span=(s, e),
        confidence=conf,
        rule=rule,
        document=st.doc.path,
        published=st.doc.published,
        change=change,
        explain=explain,
    )
    if kind == "event" or when:
        noun = event_noun.group(0).lower() if event_noun else ""
        st.memory.add(KnownEvent(idx, para, noun, title, when, location, actors))
    return [item]


def _cue_ok(sent: str, c: C.Cue) -> bool:
    """Reject cues that do not state an actor's forward-looking action."""
    before = sent[: c.start]
    v = c.verb
    if c.rule in ("modal-will", "reported-would"):
        if v in C.NON_ACTION:
            return False
        subj = re.search(r"([\w'’]+)\s*(?:,[^,]*,\s*)?$", before)
        subj_word = subj.group(1).lower() if subj else ""
        if v in C.CONSEQUENCE_VERBS and subj_word not in C.ACTOR_PRONOUNS and not (v == "be" and C._BE_EVENT.match(sent[c.end:])):
            if not re.match(r"^\s*(?:ready|willing|prepared|able|there|back|in\b|at\b)", sent[c.end:]):
                return False
        if re.search(r"\bthere\s*$", before, re.I):
            return False  # "there will be thousands": existential prediction
        if C.RELATIVE_MODAL.search(sent, max(0, c.start - 7), c.end) or re.search(r"\b(?:which|that)\s*$", before, re.I):
            return False
        clause = re.split(r"[,;:]|\bbut\b|\band\b", before)[-1]
        if C.HOPE.search(clause) or re.search(r"\b(?:hope|hopes|hoped|expects?|believes?|predict\w*|fears?)\b[^.]*$", before, re.I) and not re.search(r"\bsaid\b", clause):
            return False
    if c.rule == "reported-would":
        rep = list(C.REPORTING.finditer(before))
        if not rep:
            return False
        if re.search(r"\bsaying\s*$|\bsaying\s+\w+\s*$", before[: rep[-1].end()] + " ", re.I) or "saying" in before[rep[-1].start() - 1 : rep[-1].end()]:
            return False
        if C.PAST_REPORT.search(before):
            return False
    if c.rule == "modal-will" and C.PAST_REPORT.search(before):
        return False
    if c.rule == "commitment-verb" and re.search(r"\bexpected$", sent[c.start : c.end].split(" to ")[0]):
        # "expected to" is an item only for institutional schedules with a time, handled by callers.
        return bool(re.search(r"\b(?:in|on|by|next|this|early|late)\s+\w+", sent[c.end :]))
    return True


def _future_phrases(text: str, anchor: date, phrases: list[WhenPhrase]) -> list[WhenPhrase]:
    out = []
    for p in phrases:
        span = _span_of(p.value)
        if span is None:
            continue
        first, last = span
        if last < anchor:
            continue
        if _EARLIER.search(text, max(0, p.start - 12), p.start):
            continue
        if first <= anchor and last == anchor and not _TODAY_WORDS.search(p.text) and p.kind != "deadline":
            continue  # "said Saturday" on the publication day reports, it does not schedule
        out.append(p)
    return out


def _has_past_far(text: str, anchor: date, phrases: list[WhenPhrase]) -> bool:
    for p in phrases:
        span = _span_of(p.value)
        if span and span[1] < anchor - timedelta(days=6):
            return True
    return False


def _choose_when(future: list[WhenPhrase], cue_abs: int) -> tuple[str | None, str | None]:
    if not future:
        return None, None
    after = [p for p in future if p.start >= cue_abs]
    p = after[0] if after else future[-1]
    return p.value, p.text


def _location(text: str, mentions: list[Mention], cue_abs: int) -> str | None:
    cands = []
    for m in mentions:
        if m.type not in ("place", "name", "country"):
            continue
        if not _LOC_PREP.search(text, max(0, m.start - 12), m.start):
            continue
        cands.append(m)
    after = [m for m in cands if m.start >= cue_abs]
    if after:
        return after[0].name
    return None


def _actors(
    st: _Doc, sent: str, s: int, cue_pos: int, mentions: list[Mention], speaker: str | None
) -> list[str]:
    """The organisers or committers: the cue's subject, resolved, then the speaker."""
    actors: list[str] = []

    def add(name: str | None) -> None:
        if name and name not in actors:
            actors.append(name)

    before = sent[:cue_pos]
    clause_start = 0
    for m in re.finditer(r"\bthat\b|\bsaid\b|\bsays\b|``|“|''|”|\bwhen\b|\bwhile\b", before):
        clause_start = m.end()
    subj = [m for m in mentions if clause_start <= m.start - s < cue_pos and m.type in ("person", "org", "country", "name")]
    for m in subj[-2:]:
        add(m.name)
    for phrase, org in resolve_org_anaphor(st.index, before[clause_start:], s + clause_start):
        add(org)
    if not actors:
        pm = None
        for pm in _PRONOUN_SUBJ.finditer(before[clause_start:]):
            pass
        if pm is not None:
            w = pm.group(1).lower()
            if w in ("he", "she"):
                add(st.salience.person)
            elif w in FIRST_PERSON:
                add(speaker or st.salience.person)
            elif w == "it":
                add(st.salience.org or st.salience.subject)
            elif w == "they":
                add(st.salience.org or st.salience.subject)
    if not actors:
        # Subject-less or earlier mentions: "both sides", the actor named before the clause.
        pre = [m for m in mentions if m.start - s < cue_pos and m.type in ("person", "org", "country", "name")]
        for m in pre[-2:]:
            add(m.name)
    add(speaker)
    if not actors:
        post = [m for m in mentions if m.type in ("person", "org", "country")]
        for m in post[:1]:
            add(m.name)
    return actors


_TITLE_STOP = re.compile(r"[,;:(\"“”]|``|''|\b(?:if|unless|until|because|so|when|while|after|before|by|to\s+boost|in\s+order)\b", re.I)


def _title(
    kind: str,
    sent: str,
    cue: C.Cue | None,
    event_noun: re.Match[str] | None,
    actors: list[str],
    orgs: list[tuple[str, str]],
    inherited: KnownEvent | None,
    location: str | None,
) -> str:
    who = actors[0] if actors else ""
    if kind == "event" and inherited is not None and (cue is None or cue.verb not in C.EVENT_VERBS):
        base = inherited.title
        return f"{who}: {base}" if who and who not in base else base
    if kind == "event" and event_noun is not None and (cue is None or cue.rule in ("schedule", "dated-event")):
        # "The session of the TurkPA" -> "TurkPA session"; "the NATO summit" -> "NATO summit".
        noun = event_noun.group(0).lower()
        pre = re.search(r"((?:[A-Z][\w'’.-]*\s+){0,3})$", sent[: event_noun.start()])
        mod = pre.group(1).strip() if pre else ""
        if mod.lower().startswith("the "):
            mod = mod[4:]
        if mod and mod.split()[0] in ("The", "A", "An", "This", "With", "In"):
            mod = " ".join(mod.split()[1:])
        head = f"{mod} {noun}".strip() if mod else (f"{who} {noun}" if who else noun)
        return head[:1].upper() + head[1:]
    if cue is not None and cue.verb:
        tail = sent[cue.end :]
        stop = _TITLE_STOP.search(tail)
        obj = tail[: stop.start()] if stop else tail
        words = obj.split()[:6]
        for phrase, org in orgs:
            joined = " ".join(words)
            if phrase in joined:
                words = joined.replace(phrase, org).split()
        neg = bool(re.search(r"\b(?:not|n't|never)\b", sent[cue.start : cue.end]))
        verb = cue.verb
        if cue.rule == "schedule":
            verb = cue.verb or ""
        vp = " ".join([("will not " + verb) if neg else _third_person(verb), *words]).strip(" .,'\"")
        return f"{who} {vp}".strip() if who else vp[:1].upper() + vp[1:]
    return " ".join(sent.split()[:8])
