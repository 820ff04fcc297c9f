"""Direction of a relative expression from the tense of its clause (closest verb before, else after)."""
from __future__ import annotations

import re

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


def _classify(words: list[str], i: int) -> str | None:
    """Tense signalled by words[i] in context, or None when it is no verb we know."""
    w = words[i].lower()
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    prev = words[i - 1].lower() if i > 0 else ""
    prev2 = words[i - 2].lower() if i > 1 else ""
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
    if w in INTENT_VERBS and nxt == "to":
        return "future"
    if prev == "to" and w not in _NOT_VERB_AFTER_TO and w.isalpha() and w.islower() and i > 0:
        if _looks_like_verb(w, prev2):
            return "future"
    is_past = w in PAST_IRREGULAR or (
        w.endswith("ed") and len(w) > 4 and w not in NOT_ED_VERBS and w.islower()
    )
    if is_past and w not in ("ago", "earlier", "previously", "recently", "yesterday", "last"):
        # "will be held", "to be returned", "must be decided": a future passive.
        if prev in ("be",) and (prev2 in FUTURE_AUX or prev2 == "to"):
            return "future"
        if prev in ("been",) and prev2 in ("will", "would", "'ll"):
            return "future"
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


def direction(text: str, start: int, end: int, bounds: tuple[int, int] | None = None) -> str | None:
    """'past', 'future', 'present' or None for the expression text[start:end]."""
    s, e = bounds or sentence_bounds(text, start, end)
    before = _WORD.findall(text, s, start)
    for i in range(len(before) - 1, -1, -1):
        t = _classify(before, i)
        if t is not None:
            return t
    after = _WORD.findall(text, end, e)
    for i in range(min(len(after), 30)):
        t = _classify(after, i)
        if t is not None:
            return t
    return None
