"""Word lists and regex fragments of the temporal grammar (English news)."""
from __future__ import annotations

import re


def word_trie(words: "set[str] | list[str]") -> str:
    """A regex alternation of `words` factored as a trie: Python's re tries alternatives one by one,
    so sharing prefixes makes large word lists several times faster to scan."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return "(?:" + emit(trie) + ")"

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
# Full names first so the alternation never stops at an abbreviation's prefix.
_ABBR = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
MONTH = word_trie(
    {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"} | set(_ABBR) | {a + "." for a in _ABBR}
)
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}
WEEKDAY = word_trie({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})
WEEKDAY_ABBR: dict[str, int] = {
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6,
    "sun": 7,
}
WEEKDAY_ABBR_RE = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\."
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])(?!,\d{3})"
YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}
POD = r"(?:morning|afternoon|evening|night)"

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11, "twelfth": 12,
    "12th": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22,
}

UNITS_WORDS = {
    "0": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_UNIT_ALT = "|".join(sorted((k for k in UNITS_WORDS if not k.isdigit()), key=len, reverse=True))
_TENS_ALT = "|".join(TENS_WORDS)
NUMWORD = (
    rf"(?:(?:{_TENS_ALT})(?:[- ](?:{_UNIT_ALT}))?|{_UNIT_ALT}|a\s+hundred|one\s+hundred|hundred"
    r"|a\s+dozen|dozen|a\s+thousand)"
)
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
# Vague quantities: the amount becomes X (PXY ...).
VAGUE = (
    r"(?:a\s+few|few|several|many|some|a\s+couple\s+of|couple\s+of|a\s+couple|a\s+number\s+of"
    r"|dozens\s+of|hundreds\s+of|thousands\s+of|countless|numerous)"
)
NUM = rf"(?:{DIGITS}|{NUMWORD}|an?)"
UNIT = word_trie(
    {v for u in ("second", "minute", "min", "hour", "hr", "day", "night", "week", "fortnight", "month",
                 "year", "yr", "decade", "quarter") for v in (u, u + "s")} | {"century", "centuries"}
)
# unit word -> (ISO letter, multiplier, time part?)
UNIT_CODES: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "min": ("M", 1, True),
    "hour": ("H", 1, True), "hr": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False),
    "month": ("M", 1, False), "year": ("Y", 1, False), "yr": ("Y", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False), "quarter": ("Q", 1, False),
}
VAGUE_CODES = {"S": "PTXS", "M": "PXM", "H": "PTXH", "D": "PXD", "W": "PXW", "Y": "PXY",
               "Q": "PXQ", "TM": "PTXM", "DE": "PXDE", "CE": "PXCE"}

ZONES: dict[str, str | None] = {
    # None = a named US zone whose offset depends on DST on that date. News writes EST/EDT (CST/CDT
    # ...) loosely for the local time of the US zone ("9 a.m. EST Tuesday" in April means 9 a.m.
    # Eastern): they take the offset in force on that date, so the instant is the local time written.
    "gmt": "Z", "utc": "Z", "z": "Z", "bst": "+01:00", "cet": "+01:00", "cest": "+02:00",
    "est": None, "edt": None, "cst": None, "cdt": None, "mst": None,
    "mdt": None, "pst": None, "pdt": None, "jst": "+09:00", "ist": "+05:30",
    "hkt": "+08:00", "sgt": "+08:00", "msk": "+03:00", "aest": "+10:00", "aedt": "+11:00",
    "et": None, "ct": None, "mt": None, "pt": None,
}
US_ZONES = {"et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver",
            "pt": "America/Los_Angeles",
            "est": "America/New_York", "edt": "America/New_York", "cst": "America/Chicago",
            "cdt": "America/Chicago", "mst": "America/Denver", "mdt": "America/Denver",
            "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles"}
ZONE = (
    r"(?:(?:GMT|UTC)(?:\s?[+\-−]\s?(?:1[0-4]|0?\d)(?::?[0-5]\d)?(?!\d))?"
    r"|BST|CEST|CET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|JST|IST|HKT|SGT|MSK|AEST|AEDT|ET|CT|MT|PT)"
)

# ---- tense cues (lower case) ----
FUTURE_AUX = {
    "will", "'ll", "shall", "would", "wo", "gonna", "may", "might", "could", "should", "must",
    "can", "ca",
}
# Words that put what follows in the future even when they look past (participles, adjectives).
FUTURE_WORDS = {
    "scheduled", "schedule", "schedules", "slated", "due", "upcoming", "postponed", "postpone",
    "postpones", "delayed", "delay", "adjourned", "deferred", "rescheduled", "expected", "expect",
    "expects", "planned", "plan", "plans", "planning", "intend", "intends", "intended",
    "tomorrow", "next", "set", "pending", "forthcoming", "deadline", "until", "till",
    # Present tense of scheduled happenings reads as future in news: "the trial begins Monday".
    "begins", "starts", "opens", "convenes", "resumes", "expires", "arrives", "departs", "travels",
    "visits", "heads", "launches", "debuts", "premieres", "airs", "kicks", "reopens", "closes",
    "takes", "goes", "meets", "ends", "returns", "leaves",
}
# Past verbs that introduce a future complement when followed by "to" ("agreed to meet").
INTENT_VERBS = {
    "agreed", "decided", "promised", "pledged", "vowed", "planned", "expected", "scheduled",
    "intended", "hoped", "aimed", "prepared", "threatened", "offered", "asked", "urged",
    "refused", "set", "voted", "chose", "wanted", "sought", "called", "invited", "ordered",
    "told", "subpoenaed", "summoned", "arranged", "declined", "demanded", "proposed",
}
PAST_IRREGULAR = {
    "said", "was", "were", "had", "did", "went", "came", "took", "made", "met", "told", "gave",
    "began", "left", "sold", "won", "lost", "held", "got", "saw", "found", "thought", "knew",
    "became", "brought", "bought", "built", "caught", "chose", "drew", "drove", "ate", "fell",
    "felt", "fought", "flew", "forgot", "froze", "grew", "hid", "hit", "hung", "kept", "laid",
    "led", "lent", "let", "lit", "meant", "paid", "put", "quit", "ran", "rang", "rose", "sent",
    "shot", "shut", "sang", "sank", "sat", "slept", "spoke", "spent", "stood", "stole", "struck",
    "swore", "taught", "tore", "threw", "understood", "woke", "wore", "wrote", "withdrew",
    "overtook", "undertook", "sought", "dealt", "heard", "read", "beat", "bore", "broke",
    "shook", "slid", "split", "spread", "stuck", "stung", "swept", "swung", "wept", "wound",
    "been", "gone", "done", "taken", "given", "shown", "seen", "known", "written", "spoken",
    "chosen", "broken", "fallen", "risen", "begun", "won", "arose", "awoke", "forecast",
    "upheld", "overrode", "oversaw", "reiterated", "ago", "earlier", "previously",
    "recently", "yesterday", "last",
}
# Words ending in -ed that are not past verbs.
NOT_ED_VERBS = {
    "red", "bed", "need", "speed", "hundred", "seed", "feed", "indeed", "shed", "united", "bred",
    "led", "fled", "sled", "wed", "creed", "greed", "weed", "breed", "deed", "proceed",
    "succeed", "exceed", "heed", "steed", "tweed", "reed", "embed", "biased", "based",
    "related", "limited", "detailed", "advanced", "armed", "alleged", "concerned", "involved",
    "interested", "experienced", "qualified", "supposed", "talented", "skilled", "aged",
    "unprecedented", "unexpected", "unidentified", "undisclosed", "unnamed", "named",
    "so-called", "sacred", "naked", "wicked", "rugged", "ragged", "crooked", "beloved",
    "learned", "blessed", "wretched", "kindred", "hatred", "expected", "scheduled", "planned",
    "delayed", "postponed", "deferred", "proposed", "intended", "adjourned", "rescheduled",
}
PRESENT_VERBS = {"is", "are", "am", "says", "say", "remains", "remain", "has", "have", "'s", "'re"}
# Base forms of verbs of scheduled happenings: "voters go to the polls Sunday", "polls open at 7 a.m."
# (a verb only after a pronoun or a plural subject: "the vote on Sunday" is a noun).
SCHEDULED_BASE = {
    "go", "begin", "start", "open", "meet", "convene", "resume", "expire", "arrive", "depart",
    "reopen", "gather", "end", "close", "return", "leave", "vote", "travel", "head", "kick", "face",
    "play", "hold", "take", "fly", "sail", "march", "run",
}
# Happenings whose time a present copula states ahead: "the deadline is midnight Friday",
# and whose time after a commitment verb is that of the promised thing ("promised a referendum in May").
EVENT_NOUNS = {
    "deadline", "vote", "votes", "voting", "election", "elections", "referendum", "ballot", "poll",
    "polls", "meeting", "meetings", "talks", "summit", "hearing", "hearings", "trial", "session",
    "conference", "visit", "trip", "tour", "ceremony", "inquiry", "investigation", "review",
    "withdrawal", "pullout", "rally", "demonstration", "debate", "negotiations", "consultations",
    "launch", "opening", "inauguration", "match", "game", "race", "festival", "concert", "strike",
    "walkout", "funeral", "wedding", "sentencing", "arraignment", "auction", "deadlines", "final",
    "showdown", "congress", "convention", "retreat", "parade", "celebration", "celebrations",
    "march", "protest", "protests", "exercise", "exercises", "drills", "talk", "speech", "address",
}

# A bare month/season needs one of these right before it ("in May", "since March").
MONTH_CUES = {
    "in", "since", "until", "till", "til", "by", "of", "from", "to", "through", "thru",
    "between", "and", "or", "before", "after", "during", "last", "this", "next", "early",
    "late", "mid", "for", "on", "around", "about", "throughout", "as", "past", "coming",
    "every", "each", "that", "following", "previous", "into", "within", "starting", "beginning",
    "ending", "circa", "late-", "early-", "mid-", "of", "in early", "end", "start",
}
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "lt", "col", "sgt", "capt", "gov", "sen",
    "rep", "rev", "prof", "inc", "corp", "co", "ltd", "no", "vs", "u.s", "u.n", "a.m", "p.m",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "e.g", "i.e", "etc",
    "mt", "ft", "ave", "blvd", "fig", "approx", "dept", "est", "u.k", "d.c",
}
# A bare year followed by one of these is a quantity, not a year ("2000 people").
QUANTITY_NOUNS = {
    "people", "persons", "men", "women", "children", "troops", "soldiers", "workers", "jobs",
    "votes", "voters", "members", "students", "meters", "metres", "feet", "miles", "km",
    "kilometers", "kilometres", "tons", "tonnes", "barrels", "shares", "dollars", "euros",
    "pounds", "yen", "units", "cars", "homes", "houses", "acres", "hectares", "cases", "deaths",
    "points", "employees", "refugees", "police", "officers", "residents", "copies", "rooms",
    "seats", "pages", "words", "calories", "kg", "mph", "degrees", "times", "years", "days",
    "hours", "minutes", "weeks", "months", "ships", "planes", "aircraft", "tanks", "missiles",
    "rounds", "bottles", "pieces", "items", "patients", "victims", "cattle", "sheep", "fans",
    "spectators", "delegates", "participants", "protesters", "demonstrators", "supporters",
    "of", "to", "or", "and", "per", "percent", "million", "billion", "more", "others",
}
