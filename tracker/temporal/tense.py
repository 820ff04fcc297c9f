"""Direction of a relative expression from the tense of its clause (closest verb before, else after)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .lexicon import (
    ABBREVIATIONS,
    FUTURE_AUX,
    FUTURE_WORDS,
    EVENT_NOUNS,
    INTENT_VERBS,
    NOT_ED_VERBS,
    PAST_IRREGULAR,
    PRESENT_VERBS,
    SCHEDULED_BASE,
    word_trie,
)

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'ll|n't")
# A sentence ends at . ! ? (optionally closed by quotes) before a capital/quote, or at a blank line.
_BOUNDARY = re.compile(r"(?:(?<=[.!?])[\"'’”)]*\s+(?=[\"'`‘“(]*[A-Z0-9])|\n\s*\n|[;:]\s+[\"`'‘“]+)")
_WINDOW = 400  # chars indexed around the searched range, for sentences that start before it
# Infinitive markers of an intended action: "to testify", "to meet".
_NOT_VERB_AFTER_TO = {
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "be", "date", "day", "court", "school", "power", "office", "war", "work", "home",
    "prison", "jail", "death", "trial", "life", "press", "market",
}


def _is_abbrev_end(text: str, pos: int) -> bool:
    """True when the '.' before pos closes an abbreviation ("Feb.", "p.m.", "Mr.")."""
    if pos == 0 or text[pos - 1] != ".":
        return False
    i = pos - 1
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:i].lower()
    if word in ABBREVIATIONS:
        return True
    # Single capital initials ("J. Smith").
    return len(word) == 1 and text[j].isupper()


# Capitalized only because they open a sentence or quote: still verbs/auxiliaries.
_SENTENCE_INITIAL = {"Will", "Would", "Is", "Are", "Was", "Were", "Has", "Have", "Had", "Did",
                     "Should", "Could", "Can", "May", "Might", "Must", "Shall"}
_PROLONG = {"extended", "postponed", "delayed", "adjourned", "suspended", "deferred", "recessed",
            "moved", "pushed", "rescheduled", "granted", "gave", "given", "allowed", "stayed",
            "prolonged", "kept", "closed", "banned", "barred", "halted", "frozen", "froze"}
_CLAUSE_OPENERS = {"but", "while", "although", "though", "whereas", "yet"}
_ADVERBS = {"best", "well", "better", "first", "widely", "not", "n't", "never", "also", "still", "soon", "then", "again", "only", "already",
            "likely", "probably", "formally", "officially", "finally", "just"}
_CUES = (FUTURE_AUX | FUTURE_WORDS | INTENT_VERBS | PAST_IRREGULAR | PRESENT_VERBS | SCHEDULED_BASE
         | {"going", "ago", "earlier", "previously", "recently", "yesterday", "'ll"})
_SUBJECT_PRONOUNS = {"they", "we", "you", "i"}
_NOT_PLURAL = {"is", "was", "has", "its", "this", "his", "hers", "as", "us", "yes", "thus", "plus",
               "less", "unless", "does", "news", "whereas", "always", "perhaps", "sometimes"}
_COPULAS = {"is", "are", "'s", "remains", "remain"}
# Participles of accusation and judgement whose complement ("of/for/with/in/over ...") is an act
# done before: "is accused of", "are suspected of", "is charged with", "is jailed for".
_ACCUSED = {"accused", "suspected", "convicted", "charged", "arrested", "indicted", "jailed",
            "imprisoned", "detained", "blamed", "acquitted", "cleared", "implicated", "credited",
            "investigated", "prosecuted", "sued"}
_ACCUSED_PREPS = {"of", "for", "with", "in", "over"}
# Verbs of report whose perfect infinitive is an earlier act: "is alleged to have fled Monday",
# "is believed to have died Sunday" (and the accusation participles: "is suspected to have ...").
_REPORTED_PRIOR = _ACCUSED | {"alleged", "reported", "said", "believed", "thought", "known", "rumored",
                              "rumoured", "feared", "presumed", "understood", "claimed", "estimated"}


# Words after which an -ed form is an adjective of a noun phrase, not a finite verb.
_DETERMINERS = {"a", "an", "the", "its", "their", "his", "her", "our", "my", "your", "every", "each"}


def _plural_subject(w: str) -> bool:
    """A pronoun or a plural noun right before a base-form verb makes it a present-tense verb."""
    if w in _SUBJECT_PRONOUNS:
        return True
    b = w[1:].lower() if w.startswith("#") else w
    return len(b) > 3 and b.endswith("s") and not b.endswith(("ss", "us", "is")) and b not in _NOT_PLURAL


def _classify(words: list[str], i: int, after: bool = False) -> str | None:
    """Tense signalled by words[i] (lower-cased list) in context, or None when it is no verb we know."""
    w = words[i]
    prev = words[i - 1] if i > 0 else ""
    if w not in _CUES and not w.endswith("ed") and prev != "to":
        return None  # the common case, kept cheap
    nxt = words[i + 1] if i + 1 < len(words) else ""
    prev2 = words[i - 2] if i > 1 else ""
    if w in FUTURE_AUX or w == "'ll":
        return "future"
    if w == "going" and nxt == "to":
        return "future"
    if w in FUTURE_WORDS:
        if w in ("next", "tomorrow", "until", "till", "set", "due", "deadline"):
            if w == "set" and nxt not in ("to", "for"):
                return None
            if w == "due" and nxt not in ("to", "in", "on", "for", "by"):
                return None
            if w in ("until", "till", "deadline"):
                return None
            return "future"
        return "future"
    nxt2 = words[i + 2] if i + 2 < len(words) else ""
    if w in INTENT_VERBS and nxt == "to" and not after and nxt2 not in _NOT_VERB_AFTER_TO and not nxt2.startswith("#"):
        # "agreed to meet Friday" looks ahead; "on Thursday agreed to plead" dates the agreeing.
        return "future"
    if prev == "to" and w not in _NOT_VERB_AFTER_TO and w.isalpha() and i > 0:
        if w == "have" and prev2 in _REPORTED_PRIOR:
            return "past"  # a perfect infinitive of report: "is alleged to have fled Monday"
        if _looks_like_verb(w, prev2):
            return "future"
    if w in SCHEDULED_BASE:
        # "voters go to the polls on Sunday": the simple present of a scheduled happening looks ahead.
        return "future" if _plural_subject(prev) else None
    if w in _ACCUSED and nxt in _ACCUSED_PREPS:
        # The present passive of an accusation states now what is held against someone for an
        # earlier act: "he is accused of killing his wife Monday" is about a Monday gone by.
        aux = [x for x in words[max(0, i - 3) : i] if x not in _ADVERBS and not x.endswith("ly")]
        a1 = aux[-1] if aux else ""
        if a1 in ("is", "are", "am", "'s", "'re", "being") or a1.endswith(("'s", "'re")):
            # "charged with" may also mean "tasked with" ("is charged with organizing the vote
            # Monday"): past for TIMEX3, ambiguous for `when` phrases.
            return "past?" if w == "charged" else "past"
    is_past = w in PAST_IRREGULAR or (
        w.endswith("ed") and len(w) > 4 and w not in NOT_ED_VERBS and w.islower()
    )
    if is_past and w.endswith("ed") and prev.lstrip("#").lower() in _DETERMINERS:
        return None  # "in a televised debate", "the revised budget": an adjective, no verb
    if is_past and w not in ("ago", "earlier", "previously", "recently", "yesterday", "last"):
        aux = [x for x in words[max(0, i - 4) : i] if x not in _ADVERBS and not x.endswith("ly")]
        a1 = aux[-1] if aux else ""
        a2 = aux[-2] if len(aux) > 1 else ""
        if a1 == "be":
            return "future"  # "will (not) be held", "to be returned", "that he be sent"
        if a1 == "been":
            return "future" if a2 in FUTURE_AUX else "past"
        if a1 in ("is", "are", "am", "'s", "'re", "being"):
            return "present"  # present passive: "when the case is heard in May"
        if w.endswith("ed") and any(x in FUTURE_AUX for x in aux[-3:]) and not any(
                x in ("have", "has", "had") for x in aux[-3:]):
            return "future"  # an adjective in a modal clause: "must submit revised figures by Jan. 8"
        return "past"
    if w in ("ago", "earlier", "previously", "recently", "yesterday"):
        return "past"
    if w in PRESENT_VERBS:
        if nxt.endswith("ing") and nxt not in ("during", "morning", "evening", "nothing", "something"):
            return "future" if nxt not in ("being",) else "present"
        if nxt == "to" or nxt == "due" or nxt == "set":
            return "future"
        if w in ("has", "have") and (nxt.endswith("ed") or nxt in PAST_IRREGULAR):
            return "past"
        if w in _COPULAS and any(x in EVENT_NOUNS for x in words[max(0, i - 4) : i]):
            return "future"  # "the deadline for a settlement is midnight Friday"
        return "present"
    return None


def _looks_like_verb(w: str, before_to: str) -> bool:
    # "plans to testify", "agreed to meet": the word after "to" opens an infinitive when it is
    # lower case and not a plural noun; a few suffixes make nouns unlikely.
    if w.endswith(("tion", "ment", "ness", "ity", "ance", "ence", "ship", "ism", "ers", "ies")):
        return False
    if w.endswith("s") and not w.endswith("ss"):
        return False
    if w.endswith(("ed", "ing", "ly")):
        return False
    return True


_CUE_ALT = word_trie({w for w in _CUES | _SENTENCE_INITIAL if w[0].isalpha()})
# Only words that may signal tense are indexed: cue words, -ed forms, and the word after "to".
_CAND = re.compile(
    # Not after a hyphen: "drought-hit", "state-owned" are adjectives, not verbs.
    rf"(?<![\w'-])(?:to\s+(?P<tw>[a-z]+)|(?P<w>{_CUE_ALT}|[a-z]{{2,}}ed))(?![\w'-])|(?P<ll>'ll|n't)(?!\w)"
)
_PUNCT = ".,;:!?\"'()[]`-–—‘’“”"


def prev_word(text: str, pos: int) -> str:
    """The word right before pos, lower-cased, skipping punctuation ("in (", "mid-")."""
    j = pos - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    if j >= 0 and text[j].isdigit():
        return ""  # a token ending in a digit is no word (the common case in lists of dates)
    parts = text[max(0, pos - 30) : pos].split()
    if not parts:
        return ""
    w = parts[-1].strip(_PUNCT)
    if not w and len(parts) > 1 and len(parts[-1]) <= 3:
        w = parts[-2].strip(_PUNCT)
    return w.lower() if w.isalpha() else ""


_OPENER = re.compile(r"\b(?:but|while|although|though|whereas|yet)\b")
_BACK_CHARS = 280  # about 40 words
_FWD_CHARS = 180


def _norm(w: str) -> str:
    # Capitalized words are names, not verbs, unless they are sentence-initial auxiliaries.
    return w.lower() if w.islower() or w in _SENTENCE_INITIAL else "#" + w


class TenseIndex:
    """Tense cue words and sentence boundaries of a text region, found once for many queries."""

    def __init__(self, text: str, lo: int = 0, hi: int | None = None) -> None:
        self.text = text
        hi = len(text) if hi is None else hi
        lo, hi = max(0, lo - _WINDOW), min(len(text), hi + _WINDOW)
        self.pos: list[int] = []
        self.ends: list[int] = []
        self._cache: dict[tuple[int, bool], str | None] = {}
        self._dirs: dict[tuple[int, int], str | None] = {}
        for m in _CAND.finditer(text, lo, hi):
            g = "tw" if m.group("tw") else "w" if m.group("w") else "ll"
            self.pos.append(m.start(g))
            self.ends.append(m.end(g))
        self._span = (lo, hi)
        self._bounds: list[int] | None = None

    @property
    def bounds(self) -> list[int]:
        """Sentence boundaries of the indexed region, found on first need (many queries have no
        tense cue in reach and never look at them)."""
        if self._bounds is None:
            lo, hi = self._span
            text = self.text
            self._bounds = [
                m.start() for m in _BOUNDARY.finditer(text, lo, hi) if not _is_abbrev_end(text, m.start())
            ]
        return self._bounds

    def _context(self, k: int) -> tuple[list[str], int]:
        """Normalized words around candidate k: up to four before, the word, two after."""
        p, e = self.pos[k], self.ends[k]
        before = [_norm(w) for w in _WORD.findall(self.text, max(0, p - 60), p)[-4:]]
        after = _WORD.findall(self.text, e, e + 40)[:2]
        return before + [_norm(self.text[p:e])] + [_norm(w) for w in after], len(before)

    def _at(self, k: int, after: bool) -> str | None:
        key = (k, after)
        if key not in self._cache:
            words, i = self._context(k)
            self._cache[key] = _classify(words, i, after)
        return self._cache[key]

    def _forward(self, end: int, sent_end: int) -> str | None:
        hi = min(sent_end, end + _FWD_CHARS)
        c = bisect_left(self.pos, end)
        while c < len(self.pos) and self.pos[c] < hi:
            t = self._at(c, True)
            if t is not None:
                return "past" if t == "past?" else t
            c += 1
        return None

    def _cue_after(self, end: int, sent_end: int) -> bool:
        c = bisect_left(self.pos, end)
        return c < len(self.pos) and self.pos[c] < min(sent_end, end + _FWD_CHARS)

    def _reported_act(self, c: int, t: str, start: int, end: int, sent_end: int) -> str:
        return _reported_act_direction(self.text, self.pos[c], self.ends[c], t, start, end, sent_end)

    def direction(self, start: int, end: int) -> str | None:
        """'past', 'future', 'present' or None for the expression at text[start:end]; 'past?' is past
        but ambiguous (a time that may date a past commitment or the committed act)."""
        text = self.text
        pos = self.pos
        c = bisect_left(pos, start)
        if (c == 0 or pos[c - 1] < start - _BACK_CHARS) and (c == len(pos) or pos[c] >= end + _FWD_CHARS):
            # No tense cue within reach (lists, tables, dense dates): only a signal word before counts.
            prev = prev_word(text, start)
            if not prev:
                return None
            if prev == "since" or (prev == "of" and re.search(r"\bas\s+of\s*$", text[max(0, start - 10) : start])):
                return "past"
            return "future" if prev in ("until", "till", "by", "before") else None
        key = (start, end)
        if key not in self._dirs:
            self._dirs[key] = self._direction(start, end)
        return self._dirs[key]

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence text[start:end] lies in (its end the text's when the
        expression runs past the next boundary)."""
        bounds = self.bounds
        b = bisect_right(bounds, start) - 1
        sent_start = bounds[b] if b >= 0 else 0
        sent_end = bounds[b + 1] if b + 1 < len(bounds) else len(self.text)
        if sent_end < end:
            sent_end = len(self.text)
        return sent_start, sent_end

    def past_narrative(self, start: int, end: int, days_ago: int = 0) -> bool:
        """True when the sentence of text[start:end] reports a past act (a past or perfect verb: "set
        the hearing for", "had scheduled", "was postponed to") and states no time ahead outright (no
        future auxiliary or modal, no present tense, no "next"): a time it reads forward lies ahead of
        that act, not necessarily of the report. Not when the sentence dates the act in the last few
        days and the backward reading (days_ago) is older ("met on Tuesday and fixed the ballot for
        March 2" in April: fixed after March 2, so the coming one)."""
        text = self.text
        sent_start, sent_end = self.sentence_span(start, end)
        if _PLAIN_FUTURE.search(text, sent_start, sent_end):
            return False
        if days_ago > 7 and any(not _dates_the_report(text, m) for m in _RECENT_DAY.finditer(text, sent_start, sent_end)):
            return False
        return any(
            w in PAST_IRREGULAR or w in _SCHEDULING or (w.endswith("ed") and len(w) > 4 and (w not in NOT_ED_VERBS or w in FUTURE_WORDS))
            for w in _LOWER_WORD.findall(text, sent_start, start)
        )

    def _direction(self, start: int, end: int) -> str | None:
        text = self.text
        sent_start, sent_end = self.sentence_span(start, end)
        lo = max(sent_start, start - _BACK_CHARS)
        c = bisect_left(self.pos, start) - 1
        if (c < 0 or self.pos[c] < lo) and not self._cue_after(end, sent_end):
            # No tense cue around (lists, tables, dense dates): only the signal word before counts.
            prev = prev_word(text, start) if start - lo > 1 else ""
            if prev == "since" or (prev == "of" and re.search(r"\bas\s+of\s*$", text[max(lo, start - 10) : start])):
                return "past"
            return "future" if prev in ("until", "till", "by", "before") else None
        prev = prev_word(text, start) if start - lo > 1 else ""
        if prev == "since" or (prev == "of" and re.search(r"\bas\s+of\s*$", text[max(lo, start - 10) : start])):
            return "past"  # "since Jan. 13", "as of Wednesday"
        deadline = prev in ("until", "till", "by", "before")
        if prev in ("for", "to") and _HAD_SCHEDULED.search(text, max(lo, start - 120), start):
            # "had scheduled the hearing for March 3": a plan of a past narrative, its time near the
            # narrative's, which is near the report: neither pushed ahead nor back, the nearest reading.
            return None
        if prev == "for" and _scheduled_for(text, max(lo, start - 120), start, end, sent_end):
            return "future"  # "set a snap election for May 17": the time the act schedules lies ahead
        cm = _change(_CHANGED_BEFORE, text, max(lo, start - 100), start) if prev == "from" else None
        if cm:
            # "postponed the hearing from April 3 to May 5": the old date, ahead or gone by, the
            # nearest reading; a date brought forward from was still ahead ("brought forward the
            # election from October to June").
            return "future" if cm.group(0).lower().startswith(("bring", "brought")) else None
        if prev in ("to", "until", "till") and _change(_CHANGED_TO, text, max(lo, start - 140), start):
            return "future"  # "brought forward the election from October to June": the new date lies ahead
        act = _act_day(text, start, end, lo, sent_end)
        if act == "on":
            # "postponed the hearing on Wednesday", "was delayed Wednesday": the day of the putting off
            # (or the old date), past; the new date would follow "to", "until" or "for". A calendar
            # date may be either ("postponed the vote on April 3"): the nearest reading.
            return "past" if _WEEKDAY_SPAN.match(text, start, end) else None
        if act == "before":
            return "past"  # "The court on Wednesday postponed the hearing": the day of the act
        # A contrastive conjunction opens a new clause: "... to overturn it, but in March a judge ruled".
        chunk_lo = max(lo, start - 90)
        chunk = text[chunk_lo:start]
        if "but" in chunk or "while" in chunk or "though" in chunk or "whereas" in chunk or "yet" in chunk:
            for om in _OPENER.finditer(chunk):
                lo = chunk_lo + om.end()
        c = bisect_left(self.pos, start) - 1
        while c >= 0 and self.pos[c] >= lo:
            t = self._at(c, False)
            if t is not None:
                if (deadline or prev in ("to", "for")) and t == "past" and start - self.pos[c] <= 50 and \
                        text[self.pos[c] : self.ends[c]].lower() in _PROLONG:
                    return "future"  # "extended its deadline until/to Tuesday": the new date lies ahead
                cue = text[self.pos[c] : self.ends[c]].lower()
                if cue in _REPORTING and len(_GAP_WORD.findall(text, self.ends[c], start)) > 2:
                    # A reporting verb dates the report, not its content: "said its games on
                    # Saturday will be played" takes the tense of the reported clause when it has one.
                    f = self._forward(end, sent_end)
                    if f is not None:
                        return "future" if deadline and f == "present" else f
                if not deadline and t in ("past", "future"):
                    t = self._reported_act(c, t, start, end, sent_end)
                return "future" if deadline and t == "present" else t
            c -= 1
        hi = min(sent_end, end + _FWD_CHARS)
        c = bisect_left(self.pos, end)
        while c < len(self.pos) and self.pos[c] < hi:
            t = self._at(c, True)
            if t is not None:
                return t
            c += 1
        return "future" if deadline else None


_COMMIT = {"agreed", "decided", "promised", "pledged", "vowed", "planned", "scheduled", "intended",
           "hoped", "aimed", "prepared", "threatened", "offered", "voted", "chose", "sought", "arranged",
           "proposed", "wanted", "refused", "declined", "demanded", "urged", "asked", "ordered", "invited",
           "told", "called", "set", "expected", "announced", "approved", "backed", "endorsed"}
# Passive schedules in the past: "he was expected to arrive on Monday".
_PAST_SCHEDULE = re.compile(
    r"\b(?:was|were|had\s+been)\s+(?:(?:not|still|also|originally|initially|widely|then)\s+)?"
    r"(?:expected|scheduled|due|supposed|set|slated|planned|meant|designed|intended|ordered|asked|told|"
    r"invited|summoned|called|tipped|poised|ready|likely)\s+to\s+[a-z]+\s*$", re.IGNORECASE)
# A later clause saying the planned thing did not happen then: the planned time is past.
_OUTCOME = re.compile(
    r"\bbut\b[^.;!?]{0,80}?\b(?:delayed|postponed|cancell?ed|called\s+off|scrapped|put\s+off|failed|"
    r"collapsed|fell\s+through|never|did\s+not|didn't|was\s+not|wasn't|were\s+not|weren't|"
    r"instead|backed\s+out|pulled\s+out)\b", re.IGNORECASE)
_GAP_WORD = re.compile(r"[A-Za-z0-9$%£€'’-]+")
# Infinitives whose object is a happening ("agreed to stage a march ... in September"): the time is its.
_EVENT_VERBS = {"hold", "stage", "host", "organize", "organise", "convene", "attend", "launch", "begin",
                "start", "open", "resume", "visit", "meet", "call", "schedule", "reschedule", "hear"}
# "... starting in the fall", "effective from May": the committed change starts then.
_FORWARD_SIGNAL = re.compile(r"\b(?:starting|beginning|effective|from|as\s+of)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_AMBIGUOUS_GAP = 6
_REPORTING = {"said", "says", "told", "announced", "reported", "added", "stated", "confirmed",
              "disclosed", "declared", "explained", "noted", "insisted", "warned"}
_SCHEDULING = {"fixed", "scheduled", "slated", "earmarked", "reserved", "penciled", "pencilled",
               "booked", "designated", "chose", "picked", "set", "rescheduled", "moved"}  # words between the infinitive and the time beyond which the time may date the commitment


def _has_event_noun(gap: str) -> bool:
    return any(w.lower() in EVENT_NOUNS for w in _GAP_WORD.findall(gap))


def _reported_act_direction(text: str, vpos: int, vend: int, t: str, start: int, end: int,
                            sent_end: int) -> str:
    """Direction of a time inside the complement of a past commitment ("agreed to meet on Monday",
    "promised a referendum in May", "was expected to arrive on Monday").

    The complement's time lies after the (past) reported act: read forward when the time sits close
    to the infinitive or belongs to a promised happening; read back when the sentence says the plan
    did not happen then ("but the trip was delayed"); 'past?' (past, but ambiguous) when the time
    may as well date the commitment itself ("agreed to sell its stake ... to Rosneft in October")."""
    word = text[vpos:vend].lower()
    gap = text[vend:start]
    before = text[max(0, vpos - 60) : vend]
    if t == "future":
        if re.search(r"\bto\s+[a-z]+$", text[max(0, vpos - 4) : vend]) is None:
            return t  # the cue is no infinitive ("will", "plans", ...): nothing to do
        if _PAST_SCHEDULE.search(before):
            governor = "schedule"
        else:
            ws = [w.lower() for w in _GAP_WORD.findall(text[max(0, vpos - 60) : vpos])][:-1][-4:]
            gov = next((w for w in reversed(ws) if w in _COMMIT), "")
            if not gov or gov in ("set", "expected", "called"):
                return t
            # "has agreed to", "will have decided to": not a past act
            if re.search(r"\b(?:has|have|will|would|'s)\s+(?:[a-z]+\s+)?" + gov + r"\b",
                         text[max(0, vpos - 60) : vend], re.IGNORECASE):
                return t
            governor = "commit"
        if _OUTCOME.search(text, end, sent_end):
            return "past"
        if governor == "schedule":
            return "past?"
        n = len(_GAP_WORD.findall(gap))
        if n > _AMBIGUOUS_GAP and not _has_event_noun(gap) and word not in _EVENT_VERBS \
                and not _FORWARD_SIGNAL.search(gap):
            return "past?"
        return t
    # t == "past": a scheduling verb whose object is the date ("the board fixed June 3 for the vote")
    if word in _SCHEDULING and len(_GAP_WORD.findall(gap)) <= 1:
        return "future" if not _OUTCOME.search(text, end, sent_end) else "past"
    # a commitment verb whose object is a happening ("promised a referendum in May").
    if word in _COMMIT and word not in ("told", "asked", "expected", "announced", "approved") and \
            len(gap) <= 120 and _has_event_noun(gap):
        if _OUTCOME.search(text, end, sent_end):
            return "past"
        return "future"
    return t


# A scheduling verb, its object (a few words, no clause break) and "for" right before a time: the
# time is what the act fixes ("set a snap election for May 17", "moved the vote for Sunday"), ahead
# of the act whatever the verb's tense. Not after "had" (an earlier plan in a past narrative).
_SCHEDULED_FOR = re.compile(
    r"(?<![\w'’-])(?<!had\s)(?:set|scheduled|fixed|called|slated|planned|moved|rescheduled|postponed|delayed|"
    r"deferred|pushed\s+back|brought\s+forward|put\s+off|pencil(?:l)?ed\s+in|earmarked|reserved|booked)\s+"
    r"(?:(?!(?:and|but|or|which|who|that|when|while|after|before|since|because|as|if)\b)[\w'’-]+\s+){0,6}?"
    r"for\s+$",
    re.IGNORECASE,
)
# The scheduled time did not come to pass ("the vote set for Sunday was called off"): no reading ahead.
_UNDONE_AFTER = re.compile(
    r"^[^.;!?]{0,80}?\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?"
    r"(?:cancell?ed|called\s+off|scrapped|postponed|delayed|put\s+off|moved|held|rescheduled)\b",
    re.IGNORECASE,
)


def _scheduled_for(text: str, lo: int, start: int, end: int, sent_end: int) -> bool:
    """The time at text[start:end], after "for", is what a scheduling verb before it fixes."""
    if not _SCHEDULED_FOR.search(text, lo, start):
        return False
    return not _OUTCOME.search(text, end, sent_end) and not _UNDONE_AFTER.match(text[end:sent_end])


# A plan in the pluperfect: "had scheduled the hearing for", "had been set for", "had postponed it to".
_HAD_SCHEDULED = re.compile(
    r"(?<![\w'’-])had\s+(?:(?:already|also|originally|initially|earlier|first|not|previously)\s+)?(?:been\s+)?"
    r"(?:set|scheduled|fixed|called|slated|planned|moved|rescheduled|postponed|delayed|deferred|adjourned|"
    r"pushed\s+back|brought\s+forward|put\s+off|pencil(?:l)?ed\s+in|earmarked|reserved|booked|extended)\s+"
    r"(?:(?!(?:and|but|or|which|who|that|when|while|after|before|since|because|as|if)\b)[\w'’-]+\s+){0,6}?"
    r"(?:for|to)\s+$",
    re.IGNORECASE,
)
# A putting-off verb in the past (active with a subject, or passive) with its object, then the time
# with "on", bare or in a parenthesis ("was postponed (Wednesday)"); the object may carry a phrase of
# its own ("delayed the vote on the budget on Tuesday"): the time dates the act (or the old date),
# never the new one.
_POSTPONE_VERBS = r"(?:postponed|delayed|deferred|adjourned|rescheduled|moved|put\s+off|pushed\s+back|brought\s+forward|called\s+off)"


def _act_on(verbs: str) -> re.Pattern[str]:
    """A finite past `verbs` (active with a subject, or passive) with its object, then the time with
    "on" or bare, up to the time's start."""
    return re.compile(
        r"(?<![\w'’-])(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bbe\s)(?<!\bto\s)"
        r"(?<!\bwill\s)(?<!\bwould\s)(?<!\bbeen\s)" + verbs + r"\s+"
        r"(?:(?!(?:and|but|or|which|who|that|when|while|after|before|since|because|as|if|to|until|till|for|by|from|"
        r"will|would|is|are|in|at|on|during|within|around|over|through|into|next|last|this|early|late|mid)\b)"
        r"[\w'’-]+\s+|(?:on|of|over|about)\s+(?:the|a|an|its|their|his|her)\s+[a-z][\w'’-]*\s+){0,6}?(?:on\s+|\()?$",
        re.IGNORECASE,
    )


_POSTPONED_ON = _act_on(_POSTPONE_VERBS)
# The same with a calling off: "cancelled the summit on Tuesday", "was scrapped Tuesday" (the day of
# the act, for `when` phrases only: a cancelled happening's date is the one it will not have).
_CANCEL_VERBS = r"(?:cancell?ed|called\s+off|scrapped|scratched)"
_CANCELLED_ON = _act_on(_CANCEL_VERBS)
_CANCEL_AFTER = re.compile(
    r"\s*,?\s*" + _CANCEL_VERBS + r"\s+(?:the|a|an|its|his|her|their|our|this|that|these|those|it|them)\b",
    re.IGNORECASE,
)
# A time right before a finite putting-off or scheduling verb in the past, with its object or "until":
# "The court on Wednesday postponed the hearing", "Officials on Monday scheduled a vote".
_ACT_AFTER = re.compile(
    r"\s*,?\s*(?:postponed|delayed|deferred|adjourned|rescheduled|scheduled|set|fixed|called|planned)\s+"
    r"(?:the|a|an|its|his|her|their|our|this|that|these|those|it|them|until|till|indefinitely|further)\b",
    re.IGNORECASE,
)

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
# What states a time ahead outright: a future auxiliary or a modal, "going to", a present tense of a
# copula, a plan or a scheduled happening, "next", "upcoming" (lower case: "May" is a month).
_PLAIN_FUTURE = re.compile(
    r"(?<![\w'’-])(?:will|shall|wo|may|might|must|should|can|going\s+to|gonna|is|are|am|remains?|plans?|"
    r"intends?|aims?|expects?|hopes?|wants?|says|next|upcoming|forthcoming|coming|tomorrow|"
    r"begins|starts|opens|convenes|resumes|expires|arrives|visits|meets|ends|runs|takes\s+place)(?![\w'’-])|"
    r"'ll\b|'re\b"
)
_RECENT_DAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
                         r"[Tt]his\s+week)\b")
# A speech verb the day is attached to ("officials said Tuesday", "Tuesday said", "told reporters on
# Tuesday"): the day dates the report, not the act it reports.
_SPEECH_BEFORE = re.compile(
    r"(?<![\w'’-])(?:said|says|told(?:\s+[\w'’-]+){1,3}|announced|stated|added|confirmed|reported|declared|"
    r"noted|explained|insisted|warned|disclosed)\s+(?:(?:on|late|early|earlier|later)\s+)?$",
    re.IGNORECASE,
)
_SPEECH_AFTER = re.compile(
    r"\s*,?\s*(?:said|told|announced|stated|added|confirmed|reported|declared|noted|explained|insisted|warned|"
    r"disclosed)\b",
    re.IGNORECASE,
)


def _dates_the_report(text: str, m: re.Match[str]) -> bool:
    """The day at m is attached to a speech verb: it dates the statement, not the act reported."""
    return bool(_SPEECH_BEFORE.search(text, max(0, m.start() - 50), m.start()) or _SPEECH_AFTER.match(text, m.end()))


_WEEKDAY_SPAN = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday)\b")
_MODAL_BEFORE = re.compile(
    r"\b(?:will|would|shall|'ll|to|must|may|might|can|could|should|is|are|be|was|were|for|until|till|by|"
    r"before|after|since|from)\s+(?:on\s+)?$",
    re.IGNORECASE,
)


# A change of date in any tense or voice ("postponed", "will move", "was pushed back", "brought
# forward"), its object (a few words, no clause break, no "to"/"until"/"for" that would lead to the new
# date), then "from", "on", a parenthesis or nothing, right before a time: the old date or the day of
# the act ("postponed the hearing from April 3 to May 5", "moved the vote on April 3 to May 5",
# "was postponed (Wednesday) until May 5"). Not an adjective ("the delayed vote").
_CHANGE_VERBS = (
    r"(?:postpon(?:e|es|ed|ing)|delay(?:s|ed|ing)?|defer(?:s|red|ring)?|adjourn(?:s|ed|ing)?|"
    r"reschedul(?:e|es|ed|ing)|mov(?:e|es|ed|ing)|push(?:es|ed|ing)?\s+back|put(?:s|ting)?\s+off|"
    r"br(?:ing|ings|inging|ought)\s+forward)"
)
_CHANGED_BEFORE = re.compile(
    r"(?<![\w'’-])(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)" + _CHANGE_VERBS + r"\s+"
    r"(?:(?!(?:and|but|or|which|who|that|when|while|after|before|since|because|as|if|to|until|till|for|by|from|"
    r"will|would|is|are|was|were)\b)[\w'’-]+\s+){0,6}?(?:(?:from|on)\s+)?\(?$",
    re.IGNORECASE,
)
# The same change with its old date (or the day of the act), then "to"/"until": the new date follows.
_CHANGED_TO = re.compile(
    r"(?<![\w'’-])(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)" + _CHANGE_VERBS + r"\s+"
    r"(?:(?!(?:and|but|or|which|who|that|when|while|after|before|since|because|as|if|to|until|till|for|by|"
    r"will|would|is|are|was|were)\b)[\w'’.,()-]+\s+){1,10}?(?:to|until|till)\s+$",
    re.IGNORECASE,
)
# A plan in the pluperfect that no change leads to: "had been planned for", "had set the vote for" (in
# a sentence that puts the event off, its old date).
_HAD_PLANNED = re.compile(
    r"(?<![\w'’-])had\s+(?:(?:already|also|originally|initially|earlier|first|previously)\s+)?(?:been\s+)?"
    r"(?:set|scheduled|fixed|slated|planned|due|expected|called|pencil(?:l)?ed\s+in|earmarked|booked)\s+"
    r"(?:(?!(?:and|but|or|which|who|that|when|while|after|before|since|because|as|if|to|until|till)\b)[\w'’-]+\s+){0,6}?"
    r"(?:for|on)\s+$",
    re.IGNORECASE,
)
# A signal word that opens a time phrase: what follows is no day of an act.
_SIGNAL_START = re.compile(r"(?:to|until|till|for|from|by|through|between)\b", re.IGNORECASE)


def _change(rx: re.Pattern[str], text: str, lo: int, start: int) -> re.Match[str] | None:
    """rx's change of date before start; a move only of a happening or in the passive ("moved the
    summit", "was moved"), not of staff or goods ("move the equipment from Monday to Friday")."""
    m = rx.search(text, lo, start)
    if m and m.group(0)[:3].lower() == "mov" and not (
        _has_event_noun(m.group(0)) or re.search(r"\b(?:was|were|is|are|be|been|being)\s+$", text[max(0, m.start() - 8) : m.start()])
    ):
        return None
    return m


def changed_before(text: str, start: int) -> bool:
    """The time at text[start:] follows a change of date and its object, "from" or "on": the old
    date or the day of the act ("postponed the hearing from April 3", "moved the vote on April 3"),
    never the new date, which "to"/"until" would lead to."""
    return _change(_CHANGED_BEFORE, text, max(0, start - 100), start) is not None


def dates_the_act(text: str, start: int, end: int) -> bool:
    """The time at text[start:end] is the day a putting off, calling off or scheduling act was done
    (or the old date put off): "The court on Wednesday postponed the hearing", "postponed the hearing
    on Wednesday", "was delayed Tuesday", "The commission on Tuesday set the vote for June 3", "The
    summit was cancelled on Tuesday". Never
    the date of the thing put off or scheduled, nor a phrase a signal word opens ("until May 5")."""
    if _SIGNAL_START.match(text, start, end):
        return False
    hi = min(len(text), end + 40)
    return _act_day(text, start, end, 0, hi) is not None or _act_day(
        text, start, end, 0, hi, _CANCELLED_ON, _CANCEL_AFTER
    ) is not None


def _act_day(text: str, start: int, end: int, lo: int, hi: int, on: re.Pattern[str] = _POSTPONED_ON,
             after: re.Pattern[str] = _ACT_AFTER) -> str | None:
    """How the time at text[start:end] dates an act of putting off or scheduling (`on`/`after`: the
    verbs' patterns), looking back no further than lo and ahead up to hi: 'on' when the past verb and
    its object lead to it ("postponed the hearing on Wednesday", "was delayed Wednesday"), 'before'
    when it stands before the finite verb and no modal or preposition before it makes it a time
    ahead ("The court on Wednesday postponed the hearing"), else None."""
    if on.search(text, max(lo, start - 90), start):
        return "on"
    if after.match(text, end, hi) and not _MODAL_BEFORE.search(text, max(lo, start - 40), start):
        return "before"
    return None


def planned_before(text: str, start: int, end: int) -> bool:
    """The time at text[start:end] is the date a pluperfect plan gave ("had been planned for June
    4"): in a sentence that puts the thing off, its old date."""
    return not _SIGNAL_START.match(text, start, end) and bool(_HAD_PLANNED.search(text, max(0, start - 120), start))


# A putting off in the sentence: a pluperfect plan's date there is the old date.
_PUTS_OFF = re.compile(r"\b(?:postponed|put\s+off|pushed\s+back|delayed|rescheduled|deferred)\b", re.IGNORECASE)


def puts_off(text: str, start: int, end: int) -> bool:
    """text[start:end] tells of putting something off."""
    return _PUTS_OFF.search(text, start, end) is not None


def dates_putting_off(text: str, start: int, end: int) -> bool:
    """The time at text[start:end] dates the act of putting off or scheduling (dates_the_act) or is
    a pluperfect plan's date ("had been planned for June 4", the old date when the sentence puts the
    thing off). Never the put-off thing's new date, nor a phrase a signal word opens ("until May 5")."""
    return dates_the_act(text, start, end) or planned_before(text, start, end)


def direction(text: str, start: int, end: int) -> str | None:
    """'past', 'future', 'present' or None for the expression text[start:end]."""
    return TenseIndex(text, start, end).direction(start, end)
