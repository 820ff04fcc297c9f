"""Direction of a relative expression from the tense of its clause (closest verb before, else after)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .lexicon import (
    ABBREVIATIONS,
    FUTURE_AUX,
    FUTURE_WORDS,
    INTENT_VERBS,
    NOT_ED_VERBS,
    PAST_IRREGULAR,
    PRESENT_VERBS,
)

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'ll|n't")
# A sentence ends at . ! ? (optionally closed by quotes) before a capital/quote, or at a blank line.
_BOUNDARY = re.compile(r"(?:(?<=[.!?])[\"'’”)]*\s+(?=[\"'`‘“(]*[A-Z0-9])|\n\s*\n|[;:]\s+[\"`'‘“]+)")
_WINDOW = 400
_MAX_BACK = 40  # words scanned back for the closest verb
_MAX_FWD = 25
# Infinitive markers of an intended action: "to testify", "to meet".
_NOT_VERB_AFTER_TO = {
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "these",
    "those", "be", "date", "day", "court", "school", "power", "office", "war", "work", "home",
    "prison", "jail", "death", "trial", "life", "press", "market",
}
_VERB_SUFFIXES = ("ize", "ise", "ify", "ate")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Approximate sentence around text[start:end], bounded to a window for speed."""
    lo = max(0, start - _WINDOW)
    s = lo
    for m in _BOUNDARY.finditer(text, lo, start):
        if _is_abbrev_end(text, m.start()):
            continue
        s = m.end()
    hi = min(len(text), end + _WINDOW)
    e = hi
    for m in _BOUNDARY.finditer(text, end, hi):
        if _is_abbrev_end(text, m.start()):
            continue
        e = m.start()
        break
    return s, e


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
_ADVERBS = {"not", "n't", "never", "also", "still", "soon", "then", "again", "only", "already",
            "likely", "probably", "formally", "officially", "finally", "just"}
_CUES = (FUTURE_AUX | FUTURE_WORDS | INTENT_VERBS | PAST_IRREGULAR | PRESENT_VERBS
         | {"going", "ago", "earlier", "previously", "recently", "yesterday", "'ll"})


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
    if w in INTENT_VERBS and nxt == "to" and not after:
        # "agreed to meet Friday" looks ahead; "on Thursday agreed to plead" dates the agreeing.
        return "future"
    if prev == "to" and w not in _NOT_VERB_AFTER_TO and w.isalpha() and i > 0:
        if _looks_like_verb(w, prev2):
            return "future"
    is_past = w in PAST_IRREGULAR or (
        w.endswith("ed") and len(w) > 4 and w not in NOT_ED_VERBS and w.islower()
    )
    if is_past and w not in ("ago", "earlier", "previously", "recently", "yesterday", "last"):
        aux = [x for x in words[max(0, i - 4) : i] if x not in _ADVERBS]
        a1 = aux[-1] if aux else ""
        a2 = aux[-2] if len(aux) > 1 else ""
        if a1 == "be":
            return "future"  # "will (not) be held", "to be returned", "that he be sent"
        if a1 == "been":
            return "future" if a2 in FUTURE_AUX else "past"
        if a1 in ("is", "are", "am", "'s", "'re", "being"):
            return "present"  # present passive: "when the case is heard in May"
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


class TenseIndex:
    """Words and sentence boundaries of a text region, computed once, for many direction queries."""

    def __init__(self, text: str, lo: int = 0, hi: int | None = None) -> None:
        hi = len(text) if hi is None else hi
        lo, hi = max(0, lo - _WINDOW), min(len(text), hi + _WINDOW)
        self.starts: list[int] = []
        self.words: list[str] = []  # lower-cased; capitalized words never count as verbs
        self._cache: dict[tuple[int, bool], str | None] = {}
        for m in _WORD.finditer(text, lo, hi):
            self.starts.append(m.start())
            w = m.group()
            self.words.append(w.lower() if w.islower() or w in _SENTENCE_INITIAL else "#" + w)
        # Indices of words that may signal tense; direction() only visits these.
        self.cands: list[int] = [
            k for k, w in enumerate(self.words)
            if w in _CUES or w.endswith("ed") or (k > 0 and self.words[k - 1] == "to")
        ]
        self.bounds: list[int] = [
            m.start() for m in _BOUNDARY.finditer(text, lo, hi) if not _is_abbrev_end(text, m.start())
        ]

    def direction(self, start: int, end: int) -> str | None:
        """'past', 'future', 'present' or None for the expression at text[start:end]."""
        b = bisect_right(self.bounds, start) - 1
        sent_start = self.bounds[b] if b >= 0 else -1
        sent_end = self.bounds[b + 1] if b + 1 < len(self.bounds) else 1 << 62
        if b + 1 < len(self.bounds) and self.bounds[b + 1] < end:
            sent_end = 1 << 62
        i = bisect_left(self.starts, start)
        lo = max(bisect_left(self.starts, sent_start), i - _MAX_BACK, 0)
        prev = self.words[i - 1] if i > lo else ""
        if prev == "since" or (prev == "of" and i - 2 >= lo and self.words[i - 2] == "as"):
            return "past"  # "since Jan. 13", "as of Wednesday"
        deadline = prev in ("until", "till", "by", "before")
        # A contrastive conjunction opens a new clause: "... to overturn it, but in March a judge ruled".
        for k in range(i - 1, lo - 1, -1):
            if self.words[k] in _CLAUSE_OPENERS:
                lo = k + 1
                break
            if i - k > 12:
                break
        c = bisect_left(self.cands, i) - 1
        while c >= 0 and self.cands[c] >= lo:
            t = self._at(self.cands[c], False)
            if t is not None:
                if deadline and t == "past" and self.words[self.cands[c]] in _PROLONG and i - self.cands[c] <= 6:
                    return "future"  # "extended its deadline until Tuesday": the new date lies ahead
                return "future" if deadline and t == "present" else t
            c -= 1
        j = bisect_left(self.starts, end)
        hi = min(bisect_left(self.starts, sent_end), j + _MAX_FWD)
        c = bisect_left(self.cands, j)
        while c < len(self.cands) and self.cands[c] < hi:
            t = self._at(self.cands[c], True)
            if t is not None:
                return t
            c += 1
        return "future" if deadline else None

    def _at(self, k: int, after: bool) -> str | None:
        key = (k, after)
        if key not in self._cache:
            self._cache[key] = _classify(self.words, k, after)
        return self._cache[key]


def direction(text: str, start: int, end: int) -> str | None:
    """'past', 'future', 'present' or None for the expression text[start:end]."""
    return TenseIndex(text, start, end).direction(start, end)
