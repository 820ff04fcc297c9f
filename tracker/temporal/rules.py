"""The TIMEX3 rules (one bounded regex + handler each) and the trigger words that gate them."""
from __future__ import annotations

import re

from . import amounts as A
from . import handlers as H
from . import holidays as HD
from .base import Handler
from .lexicon import (
    DAY,
    MONTH,
    MONTH_CUES,
    NUM,
    POD,
    SEASON,
    UNIT,
    VAGUE,
    WEEKDAY,
    WEEKDAY_ABBR_RE,
    YEAR,
    ZONE,
    word_trie,
)

_F = re.IGNORECASE
_MODP = (
    r"(?:(?P<mod>early|mid|late|(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close)\s+of)"
    r"(?:\s*-\s*|\s+))?"
)

# -------------------------------------------------------------------- rules ---

_DAYWORD = rf"(?:today|tonight|tomorrow|yesterday|{WEEKDAY}|{MONTH}\s*\d{{1,2}}(?!\d))"
_MONTH_CUE = word_trie({w for w in MONTH_CUES if w.isalpha()} | {"the"})
_RULES_SRC: list[tuple[str, str, Handler]] = [
    ("iso", rf"(?<![\w/.:-]){YEAR.replace('(?:', '(?P<y>', 1)}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
            r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d))?(?![\w-]|[/.:]\d)", H.h_iso),
    ("isoweek", rf"(?<![\w/.-])(?P<y>{YEAR})-?W(?P<w>[0-5]\d)(?![\w-])", H.h_isoweek),
    ("ymd", rf"(?<![\w/.-])(?P<y>{YEAR})/(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})(?![\w/]|\.\d)", H.h_ymd_slash),
    ("slash", r"(?<![\w/.$-])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\w/]|[.,]\d)", H.h_slash),
    ("mdy", rf"(?<![\w$])(?:(?:{WEEKDAY}|{WEEKDAY_ABBR_RE})\s*,?\s+)?(?P<mon>{MONTH})\s*(?P<day>{DAY})"
            rf"(?:(?P<sep>\s*(?:-|–|—|to|through|thru|and|until|till|or)\s*)(?:(?P<mon2>{MONTH})\s*)?"
            rf"(?P<day2>{DAY})(?![:\d]))?(?:(?:,\s*|\s+)(?P<year>{YEAR})(?![\d%]|,\d))?(?![\w])", H.h_mdy),
    ("dmy", rf"(?<![\w$.,-])(?:(?:{WEEKDAY})\s*,?\s+)?(?:the\s+)?(?P<day>{DAY})(?:(?P<sep>\s*(?:-|–|—|to|and|or)\s*)"
            rf"(?P<day0>{DAY}))?(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR})(?![\d%]))?(?![\w])", H.h_dmy),
    ("month_noun", rf"(?<![\w$])(?P<det>that|a|an|one|the)\s+(?:[a-z]{{3,15}}\s+)?(?P<body>(?P<mon>{MONTH})\s+"
                   r"(?P<noun>day|morning|afternoon|evening|night))(?![\w-])"
                   rf"(?:\s*,?\s+(?:in|of)\s+(?P<year>{YEAR})(?![\d\w]))?", H.h_month_noun),
    ("month_year", rf"(?<![\w$]){_MODP}(?P<mon>{MONTH})(?:\s*,\s*|\s+of\s+|\s+)(?P<year>{YEAR})(?![\d%\w]|,\d)", H.h_month_year),
    ("month_range", rf"(?<![\w$]){_MODP}(?P<mon>{MONTH})\s*(?:-|–|—|to|through|and|until)\s*(?P<mon2>{MONTH})"
                    rf"(?:(?:,\s*|\s+)(?P<year>{YEAR})(?![\d%]))?(?![\w])", H.h_month_range),
    # A bare month needs a cue word ("in May") or a modifier ("early May"); the conditional makes the
    # regex itself refuse a month with neither, so runs of names cost no handler calls.
    ("month", rf"(?:(?<![\w$])(?P<lead>{_MONTH_CUE})\s+|(?<![\w$])(?P<adj>an?\s+[a-z]{{3,}}\s+))?"
              rf"(?P<body>(?<![\w$]){_MODP}(?P<mon>{MONTH}))"
              r"(?(lead)|(?(adj)|(?(mod)|(?!))))(?![\w-])", H.h_month),
    ("year", rf"(?<![\w$£€#@/.,:'-]){_MODP}(?:(?P<fy>fiscal\s+year|fiscal|financial\s+year|FY|calendar\s+year|the\s+year)\s*)?"
             rf"(?P<y>{YEAR})(?:(?P<sep>\s*(?:-|–|—|/|to|through|until)\s*)(?P<y2>{YEAR}|\d\d)(?![\d%]))?"
             r"(?![\w%$€£]|[.,:]\d|-\d|/\d|\s*%|\s*(?:percent|per\s*cent)\b)", H.h_year),
    ("decade", rf"(?<![\w$'])(?:the\s+)?{_MODP}(?:the\s+)?(?:(?P<y>(?:1[5-9]|20)\d0)'?s|['’](?P<yy>\d0)s)(?!\w)", H.h_decade),
    ("century", rf"(?P<body>(?<![\w$]){_MODP}(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|"
                r"seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
                r"seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty-second)[- ]century)(?!\w)", H.h_century),
    ("quarter", rf"(?<![\w$]){_MODP}(?:the\s+)?(?:(?:fiscal|financial)\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
                rf"[- ](?:(?:fiscal|financial)[- ])?quarter(?:\s+of\s+(?:(?P<y>{YEAR})|(?:the\s+)?(?P<rel>this|last|next|current|previous)\s+(?:fiscal\s+)?year"
                rf"|(?P<theyear>the\s+(?:fiscal\s+)?year))|,?\s+(?P<y2>{YEAR}))?(?![\w-])", H.h_quarter),
    ("qcode", rf"(?<![\w$])(?:(?P<y>{YEAR})\s*)?Q(?P<q>[1-4])(?:\s*(?:{YEAR.replace('(?:', '(?P<y3>', 1)})|\s*['’](?P<yy>\d\d))?(?!\w)", H.h_qcode),
    ("half", rf"(?<![\w$])(?:the\s+)?(?P<ord>first|second|1st|2nd|latter)\s+half\s+of\s+(?:(?P<y>{YEAR})|(?:the\s+)?"
             r"(?P<rel>this|last|next|current)\s+(?:fiscal\s+)?year|the\s+(?:fiscal\s+)?year)(?![\w-])", H.h_half),
    ("season", rf"(?<![\w$]){_MODP}(?:(?P<rel>this|last|next|coming|past|current|the\s+coming|the\s+past|the\s+last|the\s+next|the|this\s+coming)\s+)?"
               rf"(?P<s>{SEASON})(?:\s+of\s+(?P<y>{YEAR})|\s+(?P<y2>{YEAR}))?(?![\w-])", H.h_season),
    ("rel", rf"(?<![\w$]){_MODP}(?P<the>the\s+)?(?P<rel>this\s+coming|this|last|next|coming|past|previous|following|current|upcoming)\s+"
            rf"(?:(?:fiscal|financial|calendar)\s+)?(?P<unit>weekend|week|month|year|quarter|decade|century|half|{MONTH}|{WEEKDAY})"
            rf"(?:\s+(?P<pod>{POD}))?(?![\w-])", H.h_rel),
    ("the_unit", r"(?<![\w$])(?:(?P<mod>(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|turn)\s+of)\s+(?:(?:the|this)\s+)?"
                 r"(?P<unit>year|month|week|quarter|decade|century)|(?P<unit2>year|month|quarter)[- ]end)(?![\w-])", H.h_the_unit_match),
    ("dayrel", rf"(?<![\w$-])(?:(?P<mod>early|late)\s+)?(?P<w>today|tonight|tomorrow|yesterday|the\s+day\s+after\s+tomorrow|"
               rf"the\s+day\s+before\s+yesterday)(?:\s+(?P<pod>{POD}))?(?![\w-])", H.h_dayrel),
    ("podrel", rf"(?<![\w$-])(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>{POD})(?![\w-])", H.h_podrel),
    ("weekday", rf"(?<![\w$]){_MODP}(?P<wd>{WEEKDAY})(?P<pl>s)?(?:\s+(?P<pod>{POD})(?P<podpl>s)?)?(?![\w])", H.h_weekday),
    ("weekend", r"(?<![\w$])the\s+weekend(?![\w-])", H.h_weekend),
    ("anaphor", r"(?<![\w$])the\s+(?:(?P<rel>next|following|previous|preceding)\s+(?P<unit>day|week|month|year)"
                r"|(?P<unit2>day)\s+(?P<rel2>before|after)(?=\s*[,.;:!?]))(?![\w-])", H.h_anaphor),
    ("zulu", r"(?<![\w:.,$/])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?:GMT|UTC|Z\b)(?![\w])", H.h_zulu),
    # "the second half" with no year: the half of the year a quarter or half named just before
    # belongs to ("slow in the first quarter of next year and recover in the second half").
    ("half_ana", r"(?<![\w$])the\s+(?P<ord>first|second)\s+half(?!\s+of\b|-)(?![\w-])", H.h_half_ana),
    ("half_code", rf"(?<![\w$])H(?P<h>[12])\s*(?P<y>{YEAR})(?![\w])", H.h_half_code),
    ("holiday", rf"(?<![\w$])(?:(?P<rel>this|last|next)\s+)?(?P<name>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|"
                rf"Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Halloween|Valentine['’]s\s+Day|Independence\s+Day|"
                rf"the\s+Fourth\s+of\s+July|July\s+Fourth|Memorial\s+Day|Labor\s+Day|Veterans\s+Day|Boxing\s+Day)"
                rf"(?:,?\s+(?P<y>{YEAR})(?![\d%]))?(?![\w-])", HD.h_holiday),
    ("clock", rf"(?<![\w:.,$/])(?<!\d\s)(?P<h>1[0-2]|0?[0-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m)(?!\w)"
              rf"(?:\s*\(?(?P<zone>{ZONE})\)?(?![\w]))?(?:\s*,?\s+(?P<day>{_DAYWORD})(?![\w]))?", H.h_clock),
    ("clock24", rf"(?<![\w:.,$/])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:]|[.,]\d)(?:\s*(?P<hrs>hours|hrs|h)(?!\w))?"
                rf"(?:\s*\(?(?P<zone>{ZONE})\)?(?!\w))?(?:\s*,?\s+(?P<day>{_DAYWORD})(?![\w]))?", H.h_clock24),
    ("noon", rf"(?<![\w-])(?P<nm>noon|midday|midnight)(?:\s*\(?(?P<zone>{ZONE})\)?(?![\w]))?(?:\s*,?\s+(?P<day>{_DAYWORD})(?![\w]))?(?![\w-])", H.h_noon),
    ("duration", rf"(?<![\w$£€.,-])(?P<approx>(?:almost|nearly|a\s+mere|more\s+than|less\s+than|fewer\s+than|at\s+least|"
                 r"at\s+most|no\s+more\s+than|up\s+to|well\s+over)\s+)?(?P<pre>(?:the\s+(?:past|last|next|coming|first|final|previous|following|initial|remaining)|"
                 rf"past|next|coming|first|final|initial|remaining|recent|last\s+few|the\s+(?:past|last|next|coming)\s+few|"
                 rf"past\s+few|next\s+few|coming\s+few)\s+|the\s+(?=\d|[a-z]+[\s-]+(?:hours?|days?|weeks?|months?|years?|decades?)))?(?P<num>{NUM}|{VAGUE})"
                 rf"(?:(?P<r>\s*(?:-|–|to|or|and)\s*)(?P<num2>{NUM}))?(?P<half>\s+and\s+a\s+half)?(?P<sep>\s+|\s*-\s*)"
                 r"(?:(?:consecutive|straight|successive|full|long|additional|more|further|whole)\s+)?"
                 rf"(?P<unit>{UNIT})(?P<half2>\s+and\s+a\s+half)?(?P<post>\s+ago"
                 rf"(?:\s+(?:on\s+)?(?P<agoday>today|tonight|tomorrow|yesterday|{WEEKDAY}))?|\s+earlier|\s+later|-olds?|"
                 r"\s+olds?|\s+of\s+age)?(?![\w-])", A.h_duration),
    ("racetime", r"(?<![\w:.,$/])(?P<h>[0-9]):(?P<mi>[0-5]\d):(?P<se>[0-5]\d)(?![\d:]|[.,]\d)", A.h_racetime),
    ("half_unit", r"(?<![\w$])(?:half\s+an?|a\s+half)\s+(?P<unit>hour|day|year|month|week|decade|century|minute)(?![\w-])", A.h_half_unit),
    ("vague", r"(?<![\w$-])(?P<pre>(?:recent|the\s+past|the\s+last|the\s+coming|the\s+next|coming|past|the\s+previous)\s+)?"
              r"(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)"
              rf"(?P<post>\s+ago(?:\s+(?:on\s+)?(?P<agoday>today|tonight|tomorrow|yesterday|{WEEKDAY}))?)?(?![\w-])", A.h_vague),
    ("set_every", rf"(?<![\w$])(?:every|each)\s+(?:(?P<other>other|second)\s+|(?P<num>{NUM})\s+)?"
                  rf"(?P<unit>{UNIT}|{WEEKDAY}|{MONTH}|{SEASON}|{POD}|weekend)(?![\w-])", A.h_set_every),
    ("set_adv", r"(?<![\w$-])(?P<adv>daily|weekly|monthly|annually|yearly|hourly|quarterly|nightly|biweekly|fortnightly|"
                r"bimonthly|biannually|semiannually)(?![\w-])", A.h_set_adv),
    ("set_freq", rf"(?<![\w$])(?:once|twice|thrice|(?:{NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT})(?![\w-])", A.h_set_freq),
    ("at_the_time", r"(?<![\w$-])at\s+(?P<body>the\s+time)(?=\s*[,.;:!?)\"'’”—]|\s+(?:and|but|when|of\s+writing)\b)", H.h_at_the_time),
    ("ref", r"(?<![\w$-])(?P<the>the\s+(?:(?:near|foreseeable|distant|immediate|recent|distant)\s+)?)?"
            r"(?P<w>now|currently|nowadays|these\s+days|present|future|past)(?![\w-])", A.h_ref),
]



RULES: list[tuple[str, re.Pattern[str], Handler]] = [(name, re.compile(src, _F), h) for name, src, h in _RULES_SRC]



# ------------------------------------------------------------- triggers ---
# Every timex contains a trigger word or digit. Rules run only in windows around the triggers of
# their family, which keeps the cost proportional to the date-like part of the text.
_TRIGGER_WORDS: dict[str, str] = {}
for _group, _words in (
    ("m", "jan feb mar apr may jun jul aug sep oct nov dec"),
    ("w", "monday tuesday wednesday thursday friday saturday sunday"),
    ("u", "second minute min hour hr day night week fortnight month year yr decade centur quarter"),
    ("c", "centur"),
    ("q", "quarter"),
    ("f", "half"),
    ("s", "spring summer fall autumn winter"),
    ("e", "weekend"),
    ("y", "today tonight tomorrow yesterday"),
    ("p", "morning afternoon evening night"),
    ("n", "noon midday midnight"),
    ("a", "daily weekly monthly annually yearly hourly quarterly nightly biweekly fortnightly "
          "bimonthly biannually semiannually"),
    ("r", "now currently nowadays present future past these"),
    ("t", "time"),
    ("l", "this last next coming past previous following current upcoming every each"),
    ("h", "christmas new thanksgiving easter halloween valentine independence fourth memorial labor "
          "veterans boxing"),
):
    for _w in _words.split():
        _TRIGGER_WORDS[_w] = _TRIGGER_WORDS.get(_w, "") + _group
_GROUPS = "d" + "".join(dict.fromkeys("".join(_TRIGGER_WORDS.values())))
_TRIGGER = re.compile(
    r"[0-9]+|\b" + word_trie({v for w in _TRIGGER_WORDS for v in (w, w[0].upper() + w[1:])})
)
# family -> (trigger groups, chars before the trigger, chars after, rules). The margins bound how far
# a rule's match can reach from its trigger word (e.g. "the very beginning of fiscal year 2026").
FAMILIES: dict[str, tuple[str, int, int, tuple[str, ...]]] = {
    "digit": ("d", 45, 35, ("iso", "isoweek", "ymd", "slash", "year", "decade", "qcode", "clock",
                           "clock24", "racetime", "zulu", "half_code")),
    "month": ("m", 45, 35, ("mdy", "dmy", "month_noun", "month_year", "month_range", "month")),
    "weekday": ("w", 35, 30, ("weekday",)),
    "holiday": ("h", 35, 35, ("holiday",)),
    "rel": ("l", 30, 50, ("rel", "set_every")),
    "unit": ("u", 60, 35, ("duration", "vague", "set_freq", "the_unit")),
    "century": ("c", 35, 15, ("century",)),
    "quarter": ("q", 45, 40, ("quarter",)),
    "half": ("f", 25, 40, ("half", "half_unit", "half_ana")),
    "season": ("s", 40, 25, ("season",)),
    "weekend": ("e", 15, 10, ("weekend",)),
    "anaphor": ("u", 25, 15, ("anaphor",)),
    "dayrel": ("y", 35, 25, ("dayrel", "podrel")),
    "pod": ("p", 25, 10, ("podrel",)),
    "noon": ("n", 15, 45, ("noon",)),
    "set_adv": ("a", 10, 10, ("set_adv",)),
    "ref": ("r", 45, 20, ("ref",)),
    "time": ("t", 15, 20, ("at_the_time",)),
}
RULE_INDEX = {name: i for i, (name, _rx, _h) in enumerate(RULES)}
_missing = set(RULE_INDEX) - {r for f in FAMILIES.values() for r in f[3]}
assert not _missing, _missing  # every rule belongs to a family


# Rules whose match always begins with the digit run that triggers it: they are tried only at
# the start of each digit run (re.match) instead of scanning windows.
DIGIT_ANCHORED = {"iso", "isoweek", "ymd", "slash", "clock", "clock24", "racetime", "zulu"}


# Characters a rule's match must contain: a window without any of them cannot match, so the
# rule's regex is not run there (digit-only soup such as "Q1 Q2 Q3 ..." skips the clock and
# date-separator rules). Lower and upper case are listed for case-insensitive letters.
REQUIRED: dict[str, tuple[str, ...]] = {
    "iso": ("-",), "isoweek": ("W", "w"), "ymd": ("/",), "slash": ("/",), "qcode": ("Q",),
    "clock": ("m", "M"), "clock24": (":",), "racetime": (":",), "zulu": ("G", "g", "U", "u", "Z", "z"),
    "half_code": ("H",), "decade": ("0s", "0S", "0'", "0’"),
}


def windows(text: str, start: int, end: int) -> tuple[dict[str, list[tuple[int, int]]], list[int]]:
    """Per family, the merged windows around its trigger words; and the digit-run starts."""
    hits: dict[str, list[tuple[int, int]]] = {g: [] for g in _GROUPS}
    digits = hits["d"]
    d_append = digits.append
    families = _TRIGGER_WORDS
    for m in _TRIGGER.finditer(text, start, end):
        span = m.span()
        tok = m.group()
        if tok[0] <= "9":  # a digit run (trigger words are letters)
            d_append(span)
        else:
            for fam in families[tok.lower()]:
                hits[fam].append(span)
    out: dict[str, list[tuple[int, int]]] = {}
    for fam, (groups, before, after, _rules) in FAMILIES.items():
        spans = sorted(h for g in groups for h in hits[g]) if len(groups) > 1 else hits[groups]
        wins: list[tuple[int, int]] = []
        cur_s = cur_e = -1
        for s, e in spans:
            ws = s - before
            if ws < start:
                ws = start
            we = e + after
            if we > end:
                we = end
            if ws <= cur_e:
                if we > cur_e:
                    cur_e = we
            else:
                if cur_e >= 0:
                    wins.append((cur_s, cur_e))
                cur_s, cur_e = ws, we
        if cur_e >= 0:
            wins.append((cur_s, cur_e))
        out[fam] = wins
    return out, [s for s, _e in digits]
