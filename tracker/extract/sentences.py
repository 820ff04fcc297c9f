"""Sentence splitter for newswire text: abbreviations, quotes, datelines, paragraph breaks.

Returns (start, end) offsets into the text given, so evidence is always text[start:end].
"""
from __future__ import annotations

import re

# Abbreviations whose period does not end a sentence (matched case-sensitively, without the dot).
_TITLE_ABBR = frozenset(
    ["Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Maj", "Capt", "Sgt", "Cpl", "Adm", "Cmdr", "Sen", "Rep", "Gov", "Lt.Gov", "Rev", "Fr", "Hon", "Pres", "Sr", "Jr", "St", "Mt", "Ft", "No", "Nos", "Vol", "vs", "Gov.", "Supt", "Insp", "Amb", "Atty", "Messrs", "Mme", "Mlle", "Msgr"]
)
_OTHER_ABBR = frozenset(
    ["Inc", "Corp", "Co", "Ltd", "Bros", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "approx", "est", "fig", "p", "pp", "cf", "al", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo"]
)
_MONTH_ABBR = frozenset(["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"])
# Words that usually open a sentence: after "U.S." or "Jan." they signal a real sentence end.
_STARTERS = frozenset(
    ["The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our", "But", "And", "So", "Yet", "In", "On", "At", "For", "This", "That", "These", "Those", "There", "Then", "However", "Meanwhile", "Also", "Still", "After", "Before", "When", "While", "If", "As", "Asked", "Some", "Many", "Most", "Officials", "Police"]
)

# Candidate sentence ends: terminal punctuation, optional closing quotes/brackets.
_END = re.compile(r"""[.!?]+(?:''|["”’'»)\]])*""")
_OPENER = re.compile(r"""(?:``|[“"‘'«(\[])*[\w¿¡]""")
_ATTRIBUTION = re.compile(
    r"\s*(?:[A-Z][\w.'’-]*\s+){0,5}(?:said|says|asked|told|added|replied|wrote|declared)\b"
)
_PARA = re.compile(r"\n[ \t\r\f\v]*\n\s*|\r\n[ \t]*\r\n\s*")
# A list item: a line that opens with a bullet ("• ...", or "- ...", "* ..." after a line that ends
# a sentence: a dash opening a wrapped line may be an aside). Its line break ends the sentence
# before it, and the marker belongs to no sentence.
_BULLET = r"[•▪◦‣●■·]|[*–—-](?=[ \t])"
_BREAK = re.compile(
    rf"{_PARA.pattern}|\r?\n[ \t]*(?=[•▪◦‣●■·])|(?<=[.!?:;”’\"')\]])[ \t]*\r?\n[ \t]*(?=[*–—-][ \t])"
)
_BULLET_HEAD = re.compile(rf"(?:{_BULLET})[ \t]*")

# Datelines at the start of a paragraph: "WASHINGTON (AP) _", "BRUSSELS, February 10 (Xinhua) --",
# "ASTANA. KAZINFORM –", "MIAMI _", "CANBERRA, Australia (AP)_".
_DASH = r"(?:_|--|—|–|-|:)"
_PLACE = r"[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
_DATELINE = re.compile(
    rf"(?:{_PLACE}(?:,[ ][A-Z][\w.'’-]+(?:[ ][A-Z][\w.'’-]+){{0,2}})?"
    rf"(?:,?[ ][A-Z][a-z]+\.?[ ]\d{{1,2}})?"
    rf"(?:[ ]?\([A-Za-z][\w .&-]{{0,30}}\))?[ ]?{_DASH}[ ]*"
    rf"|{_PLACE}\.[ ][A-Z][A-Z]+[ ]?{_DASH}[ ]*)"
)


def dateline_end(text: str, pos: int, end: int) -> int:
    """Offset just after a dateline starting at `pos`, or `pos` when there is none."""
    m = _DATELINE.match(text, pos, end)
    if not m:
        return pos
    head = m.group(0)
    # A dateline needs an all-caps place of at least 3 letters; "A -" or "I:" are not datelines.
    if not re.match(r"[A-Z][A-Z.'’-]{2,}", head):
        return pos
    if m.end() >= end:
        return m.end()
    # The following text must open a sentence (capital letter, digit or quote).
    nxt = text[m.end() : m.end() + 8].lstrip()
    if not nxt or nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "\"“‘'`":
        return m.end()
    return pos


_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


def _is_abbreviation(text: str, dot: int, para_start: int) -> bool:
    """True when the period at `dot` belongs to an abbreviation, not a sentence end."""
    j = dot
    while j > para_start and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot]
    if not word:
        return False
    if word in _TITLE_ABBR or word in _OTHER_ABBR:
        return True
    # Dotted acronyms and initials: U.S., U.N., D.C., J.
    if _INITIALS.fullmatch(word) and (len(word) == 1 or "." in word):
        return True
    return word in _MONTH_ABBR


_NEXT_WORD = re.compile(r"\s*(?:``|[“\"‘'(])*([\w’'-]+)")
_LETTER = re.compile(r"[^\W\d_]")


def _next_word(text: str, pos: int, end: int) -> str:
    m = _NEXT_WORD.match(text, pos, end)
    return m.group(1) if m else ""


def _split_paragraph(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    pos = start
    while pos < end and text[pos].isspace():
        pos += 1
    bullet = _BULLET_HEAD.match(text, pos, end)
    if bullet:
        pos = bullet.end()
    pos = dateline_end(text, pos, end)
    sent_start = pos
    for m in _END.finditer(text, pos, end):
        e = m.end()
        if e < end and not text[e].isspace():
            continue  # "3.5", "U.S.-led", "...'s"
        punct = m.group(0)
        after = e
        while after < end and text[after].isspace():
            after += 1
        if after >= end:
            break
        if text.startswith("...", after) or text.startswith("…", after):
            _emit(text, sent_start, e, out)  # "case. ... We need": the ellipsis is a fragment of its own
            sent_start = after
            continue
        if not _OPENER.match(text, after):
            continue
        nxt = _next_word(text, after, end)
        if nxt[:1].islower():
            continue
        if punct[0] == "." and len(punct.rstrip("'\"”’)]»")) == 1 and _is_abbreviation(text, m.start(), sent_start):
            word_before = text[max(sent_start, m.start() - 12) : m.start()].split()[-1:] or [""]
            wb = word_before[0].lstrip("(\"“`'")
            # Titles (Mr., Gen.) never end a sentence; acronyms and month names do before a typical
            # sentence opener ("... in the U.S. The talks ...") but not before a number ("Jan. 13").
            if wb.rstrip(".") in _TITLE_ABBR or len(wb.rstrip(".")) == 1:
                continue
            if nxt.isdigit() or nxt not in _STARTERS:
                continue
        if punct[0] in "?!" and len(punct) > 1 and _ATTRIBUTION.match(text, e, end):
            continue  # ``What right does he have?'' Gonzalez said.
        _emit(text, sent_start, e, out)
        sent_start = after
    _emit(text, sent_start, end, out)


def _emit(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    # Skip fragments with no letters ("...", "_").
    if e > s and _LETTER.search(text, s, e):
        out.append((s, e))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in text[start:end]; paragraph breaks and list items always end a
    sentence."""
    if end is None:
        end = len(text)
    out: list[tuple[int, int]] = []
    pos = start
    for m in _BREAK.finditer(text, start, end):
        _split_paragraph(text, pos, m.start(), out)
        pos = m.end()
    _split_paragraph(text, pos, end, out)
    return out


def paragraph_breaks(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets where a paragraph break ends (used to group sentences into paragraphs)."""
    return [m.end() for m in _PARA.finditer(text, start, len(text) if end is None else end)]
