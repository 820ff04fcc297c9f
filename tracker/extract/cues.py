"""Cue families: forward-looking modals, commitment verbs and nouns, scheduling cues, event
nouns and verbs, and the negative cues (hypotheticals, uncertainty, hopes, past reports).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE

# Adverbs that may sit between a modal and its verb: "will almost double", "will also appoint".
_ADV = r"(?:(?:\w+ly|also|almost|still|soon|then|now|not|never|quickly|immediately|further|jointly|again|likely|only|probably|first|formally|officially|finally|personally|shortly|certainly|definitely|n't)\s+)*"

EVENT_NOUNS_SHORT = (
    "meeting|session|summit|talks|negotiations|conference|visit|trip|tour|ceremony|vote|referendum|election|"
    "elections|hearing|trial|ruling|verdict|rally|demonstration|march|parade|festival|forum|congress|convention|"
    "plenary|debate|inauguration|launch|signing|deadline|anniversary|games|match|tournament|exercises?|event|"
    "events|gathering|round|meet|consultations|celebrations?|matches|rallies|meetings|sessions|hearings|votes|summits|"
    "conferences|ceremonies|debates|visits|fixtures|races|concerts|shows|fairs?"
)

# --- forward-looking cues; each family names the rule shown by --explain ----------------------
CUE_FAMILIES: dict[str, re.Pattern[str]] = {
    # "X will do", "we'll", "won't", "shall", "is going to"
    "modal-will": re.compile(
        rf"\b(?:will|shall|wo)\s+{_ADV}(?:n't\s+|not\s+)?{_ADV}(?P<verb>(?:co-)?[a-z]+)|[’']ll\s+{_ADV}(?P<verb2>(?:co-)?[a-z]+)|\bwon[’']t\s+{_ADV}(?P<verb3>(?:co-)?[a-z]+)"
        rf"|\b(?:is|are|am|'re|’re|'m|’m)\s+(?:not\s+)?going\s+to\s+{_ADV}(?P<verb4>(?:co-)?[a-z]+)",
        _I,
    ),
    # reported "would": "said the agency would revoke", "vowed they would block"
    "reported-would": re.compile(rf"\bwould\s+{_ADV}(?:not\s+)?{_ADV}(?P<verb>(?:co-)?[a-z]+)", _I),
    # commitment verbs with an infinitive: plans to, vowed to, agreed to, pledged to, is set to
    "commitment-verb": re.compile(
        r"\b(?:plans?|planned|planning|intends?|(?<!is\s)(?<!are\s)(?<!was\s)(?<!were\s)(?<!be\s)intended|intending|vows?|vowed|vowing|pledges?|pledged|pledging|"
        r"promises?|promised|promising|agrees?|agreed|agreeing|decided|decides|resolved|undertook|undertakes|"
        r"refuses|(?:has|have)\s+refused|(?:has|have)\s+declined|"
        r"threatens?|threatened|(?:is|are|was|were)\s+(?:all\s+)?set|(?:is|are)\s+scheduled|(?:is|are|was|were)\s+due|"
        r"(?:is|are)\s+expected|expects|(?:is|are|was|were|be|being)\s+(?:ready|willing|prepared|determined|poised|committed)|"
        r"readiness|willingness|intention|commitment|pledge|promise|plans)"
        r"\s+(?:(?:on|late|early|last|this)\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday)\s+)?"
        r"(?:not\s+)?to\s+(?!(?:a|an|the|this|that|its|their|his|her)\b)(?P<verb>(?:co-)?[a-z]+)",
        _I,
    ),
    # "Albright is to meet Arafat", "the ministers are to sign the accord" (wire-service future)
    "is-to": re.compile(r"\b(?:is|are)\s+(?:also\s+|due\s+)?to\s+(?:be\s+)?(?P<verb>(?:co-)?[a-z]+)", _I),
    # "committed to a possible strike", "agreed to a meeting"
    "commitment-noun": re.compile(
        r"\b(?:(?:(?:is|are)\s+committed|pledged|promised|vowed)\s+(?:to\s+)?|(?:agreed|agrees|agree)\s+to\s+)"
        r"(?:a|an|the)\s+(?:[a-z-]+\s+)?(?P<verb>[a-z]+)",
        _I,
    ),
    # "Qantas plans daily flights", "protesters planned a demonstration"
    "plan-object": re.compile(
        r"\b(?:plans|planned|(?:is|are|were|was)\s+planning|announced\s+plans\s+for|(?:is|are)\s+preparing)\s+"
        r"(?!to\b|for\b|that\b|on\b|in\b)(?P<verb>(?:an?|the|its|their|his|her|new|daily|weekly|more|further)\b)",
        _I,
    ),
    # scheduling: "slated for", "scheduled for", "to be held", "upcoming", "is due this September"
    "schedule": re.compile(
        r"\b(?:slated|scheduled|set|planned|pencilled|penciled|earmarked)\s+(?:for|to\s+(?:take\s+place|begin|start|open))\b|"
        r"\b(?:to\s+be|will\s+be|would\s+be)\s+(?:held|convened|staged|hosted)\b|"
        # "set aside June 11-12 for arguments", "scheduled a hearing for May 3", "penciled in Friday for the vote"
        rf"\b(?:set\s+aside|set|scheduled|fixed|slated|pencil(?:l)?ed\s+in|reserved|earmarked|booked)\s+"
        rf"(?:(?!for\b)[\w.,-]+\s+){{1,4}}?for\s+(?:the\s+)?(?:oral\s+|closing\s+|opening\s+|final\s+|first\s+)?"
        rf"(?P<noun2>arguments|{EVENT_NOUNS_SHORT}|trial|sentencing|arraignment|testimony)\b(?!\s+\d)|"  # not "for March 3"
        rf"\b(?:upcoming|forthcoming|this\s+coming|next)\s+(?:[a-z-]+\s+)?(?P<noun>{EVENT_NOUNS_SHORT})\b|"
        r"\bdue\s+(?:this|next|on|in|by|later|back|home|here|there|to\s+(?:begin|start|open|go|take|be|end|expire))\b|"
        r"\b(?:is|are)\s+(?:being\s+)?(?:organi[sz]ed|planned|prepared(?!\s+to\b)|arranged)\b|"
        r"\b(?:is|are)\s+expected\s+(?:on|in|at|by|early|late|later|next|this|within|tomorrow|today|tonight|"
        r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
        r"August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)\b",
        _I,
    ),
}

RULE_CONFIDENCE = {
    "schedule": 0.85, "plan-object": 0.75, "dated-event": 0.8, "commitment-verb": 0.8, "commitment-noun": 0.7,
    "modal-will": 0.75, "reported-would": 0.6, "deadline": 0.75, "is-to": 0.7,
}

# Reporting verbs that make a following "would" a report of a future action.
REPORTING = re.compile(
    r"\b(?:said|says|say|announced|announces|told|tells|insisted|insisting|insists|vowed|vows|vow|promised|"
    r"pledged|stated|declared|confirmed|added|warned|indicated|informed|assured|predicted|decided|agreed)\b",
    _I,
)

# --- kinds ---------------------------------------------------------------------------------------
EVENT_NOUNS = (
    "meeting|meetings|session|sessions|summit|summits|talks|negotiations|conference|conferences|"
    "visit|visits|trip|trips|tour|journey|ceremony|ceremonies|celebration|celebrations|commemoration|"
    "vote|votes|voting|referendum|ballot|election|elections|primary|primaries|hearing|hearings|trial|"
    "ruling|verdict|sentencing|arraignment|demonstration|demonstrations|rally|rallies|march|protest|"
    "protests|parade|festival|forum|congress|convention|plenary|debate|inauguration|launch|signing|"
    "deadline|anniversary|games|match|tournament|exercise|exercises|consultations|reunion|funeral|"
    "event|events|gathering|retreat|round|meet|accession|opening|expo|exhibition|concert|"
    "premiere|release|auction|strike|walkout|mission|departure|arrival|appearance|testimony|briefing|"
    "address|speech|inspection|inspections|review|audit|deployment|withdrawal|elections|polls|poll|"
    "court|case|appeal|fair|fairs"
)
EVENT_NOUN = re.compile(rf"(?i:\b(?:{EVENT_NOUNS})\b)|\b[A-Z][\w'’]*\s+Day\b|\b(?i:testify|testifies|heard|convene|convenes|meet|meets)\b")
# Plain word set for a cheap pre-check before the EVENT_NOUN regex.
EVENT_WORDS = frozenset(EVENT_NOUNS.split("|")) | {"day", "testify", "testifies", "heard", "convene", "convenes", "meet", "meets"}
_WORDS = re.compile(r"[a-z]+")


_EVENT_LOW = re.compile(rf"\b(?:{EVENT_NOUNS}|testify|testifies|heard|convene|convenes|meet|meets)\b")
_NAMED_DAY = re.compile(r"\b[A-Z][\w'’]*\s+Day\b")


def find_event_noun(sentence: str, words: set[str] | None = None) -> re.Match[str] | None:
    """The first event noun (or named Day) in a sentence, if any."""
    low = sentence.lower()
    if words is None:
        words = words_of(low)
    if EVENT_WORDS.isdisjoint(words):
        return None
    if len(low) != len(sentence):
        m = EVENT_NOUN.search(sentence)  # lower() changed offsets: match the original text
        while m and _not_event_noun(sentence, m):
            m = EVENT_NOUN.search(sentence, m.end())
        return m
    m = _EVENT_LOW.search(low)
    while m and _not_event_noun(sentence, m):
        m = _EVENT_LOW.search(low, m.end())
    found = [m for m in (m, _NAMED_DAY.search(sentence) if "day" in words else None) if m]
    return min(found, key=lambda m: m.start()) if found else None


# "March" the month, not a march: capitalized and followed by a day or a year, or after a word that
# introduces a month ("set aside March 3", "in March", "since early March").
_MARCH_DAY_AFTER = re.compile(r"\s*\d")
_MONTH_LEAD = re.compile(r"\b(?i:in|since|by|until|till|from|of|to|through|early|late|mid|last|next|this|on|before|"
                         r"after|during|end|aside|for)[\s-]+$")


# "fair" is a gathering only as the head of a compound ("a trade fair", "the book fair"), not the
# adjective of "a fair trial".
_FAIR_LEAD = re.compile(r"\b(?i:trade|book|job|jobs|art|arts|world's|world|county|state|science|food|travel|tourism|"
                        r"industry|industrial|arms|defen[cs]e|agricultural|agriculture|investment|careers?|craft|"
                        r"crafts|fun|funfair|expo|international|annual|spring|autumn|fall|summer|winter|christmas|"
                        r"motor|auto|tech|technology|energy|wine|horse|cattle)\s+$")


def _not_event_noun(sentence: str, m: re.Match[str]) -> bool:
    """An event-noun match that is no gathering: "March" the month, "fair" as an adjective."""
    w = sentence[m.start() : m.end()]
    if w.lower() in ("fair", "fairs"):
        return not _FAIR_LEAD.search(sentence, max(0, m.start() - 20), m.start())
    if w != "March":
        return False
    return bool(_MARCH_DAY_AFTER.match(sentence, m.end()) or _MONTH_LEAD.search(sentence, max(0, m.start() - 12), m.start()))


# Gatherings and trips: a cue followed by one of these is an event (kind rule).
EVENT_VERBS = frozenset(
    ["travel", "traveling", "travelling", "visit", "fly", "leave", "depart", "arrive", "come", "meet", "convene", "reconvene", "gather", "testify", "join", "hold", "host", "open", "begin", "start", "go", "return", "be", "vote", "rule", "hear", "debate", "rally", "march", "demonstrate", "celebrate", "sit", "resume",
     "head", "tour", "land", "sworn", "brief", "address"]
)
# Verbs that are events only when their subject is a gathering or a body ("the talks will resume").
_EVENT_IF_SUBJECT = frozenset(["begin", "start", "open", "resume", "take"])
_NOT_MOD = r"(?!(?:if|when|unless|after|before|until|to|in|on|at|for|with|by|and|or|but|because|so)\b)"
GATHERING_OBJECT = re.compile(
    rf"^\s*(?:(?:a|an|the|its|their|his|her|this|that|new|another|further|more)\s+)?(?:{_NOT_MOD}[\w'’-]+\s+){{0,2}}?"
    r"(?:meetings?|sessions?|summits?|talks|conferences?|visits?|trips?|tours?|ceremony|ceremonies|vote|referendum|"
    r"elections?|hearings?|demonstrations?|rally|rallies|march|protests?|parade|forum|congress|convention|"
    r"news\s+conference|negotiations|consultations|events?|gathering|celebrations?|festival|round[\s-]?tables?|"
    r"roundtables?|seminars?|symposium|workshops?|exhibition|reception|briefing|"
    r"(?:legislative|parliamentary|judicial)\s+(?:year|term))\b",
    _I,
)
# What "be" + these means a gathering/trip: "will be back tomorrow", "would be met on arriving".
_BE_EVENT = re.compile(r"^\s*(?:back\b|in\s+[A-Z]|met\b|held\b|traveling|travelling|arriving|leaving|meeting|visiting|convened|sworn\s+in)", 0)

VEHICLE_SUBJECT = re.compile(r"\b(?:flights?|services?|trains?|ships?|planes?|aircraft|buses|ferries|vessels?)\s*$", _I)

# --- negative cues ---------------------------------------------------------------------------------
HYPOTHETICAL_START = re.compile(r"^(?:``|[“\"‘'(]\s*)*(?:if|unless|should\s+\w+|were\s+\w+|whether|in\s+case)\b", _I)
UNCERTAINTY = re.compile(
    r"\b(?:(?:is|was|it's|remains|remained)\s+(?:still\s+|yet\s+|also\s+)?(?:not\s+(?:yet\s+)?|un)clear|"
    r"unclear\s+(?:whether|if|when|how|what|which|who|where)|uncertain\s+(?:whether|if|when)|"
    r"remains?\s+to\s+be\s+seen|(?:not|never)\s+(?:yet\s+)?(?:known|certain|sure|clear|decided)\s+(?:whether|if|when|how|what|which|who|where)|"
    r"(?:no\s+one|no-one|nobody)\s+(?:yet\s+)?(?:knows|knew)|"
    # "Nobody can say today how many ...": a statement of not knowing ("today" is when it is said)
    r"(?:no\s+one|no-one|nobody|none\s+of\s+(?:us|them))\s+(?:(?:can|could|would|will|is\s+able\s+to|was\s+able\s+to)\s+)?"
    r"(?:yet\s+|really\s+|now\s+)?(?:say|tell|predict|foresee|guess|know)|"
    r"may\s+or\s+may\s+not|it\s+is\s+possible\s+that|whether\s+or\s+not|"
    r"(?:does|do|did)\s+not\s+(?:necessarily\s+)?mean\s+that|"
    r"no\s+(?:sign|signs|indication|guarantee|evidence)\s+that|(?:unlikely|doubtful)\s+that|"
    r"(?:say|said|says|know|knew|decide|decided|determine|asked|ask|wonder|wondered|unsure|sure|see)\s+(?:about\s+)?whether|"
    r"(?:declined|refused|would\s+not|wouldn't|did\s+not|didn't)\s+(?:to\s+)?(?:say|comment|specify|disclose|elaborate))\b",
    _I,
)
HOPE = re.compile(
    r"\b(?:hopes?|hoped|hoping|wish(?:es|ed)?|predicts?|predicted|predicting|fears?|feared|believes?|believed|"
    r"thinks?|thought|doubts?|doubted|expects?|expected|speculated?|guess)\s+(?:that\s+)?",
    _I,
)
PAST_REPORT = re.compile(
    r"\b(?:had\s+(?:\w+\s+)?(?:said|promised|vowed|pledged|planned|agreed|intended|threatened|announced|"
    r"decided|hoped|wanted|expected|\w+ed)|previously|used\s+to|originally|initially|at\s+the\s+time|"
    r"(?:under|in|by)\s+which|in\s+the\s+past)\b",
    _I,
)
PAST_MARKER = re.compile(
    r"\b(?:earlier\s+(?:this|that|in\s+the)\s+(?:week|month|year|day)|last\s+(?:week|month|year|night|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|spring|summer|autumn|fall|winter)|\w+\s+(?:days|weeks|months|years)\s+ago|"
    r"since\s+(?:early|late|mid)?\s*[A-Z]\w+|in\s+the\s+past)\b",
    _I,
)
ABANDONED = re.compile(
    r"\b(?:abandoned|dropped|scrapped|shelved|reneged|backed\s+away|went\s+back\s+on|broke\s+(?:his|her|its|their)\s+promise|"
    r"no\s+longer)\b",
    _I,
)
NO_PLAN = re.compile(
    r"\b(?:no|not\s+any)\s+(?:\w+\s+){0,2}(?:planned|scheduled)\b|\b(?:has|have|had)\s+no\s+plans?\b|\bno\s+plans?\s+to\b|"
    r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:scheduled|planned|set)\b|"
    r"\bno\s+(?:date|time|timetable|schedule|deadline)\s+(?:has|have|had|was|is)?\s*(?:yet\s+)?(?:been\s+)?(?:set|fixed|scheduled|announced|agreed)\b",
    _I,
)
RELATIVE_MODAL = re.compile(r"\b(?:which|that)\s+(?:would|could|might)\b", _I)
CONDITIONAL_MID = re.compile(r"\b(?:if|unless|provided\s+that|in\s+case)\b", _I)
CHANGE_POSTPONED = re.compile(r"\b(?:postponed|put\s+off|pushed\s+back|delayed|rescheduled|deferred)\b", _I)
CHANGE_CANCELLED = re.compile(r"\b(?:cancel(?:l)?ed|called\s+off|scrapped|scratched)\b", _I)

# Verbs after "will"/"would" that describe an effect or a state, not an undertaking:
# "This will add 700 seats", "the flights would provide support", "it will serve security".
CONSEQUENCE_VERBS = frozenset(
    ["add", "serve", "provide", "give", "mean", "cost", "help", "hurt", "harm", "affect", "benefit", "cause", "make", "lead", "result", "allow", "create", "change", "have", "be", "become", "seem", "appear", "need", "require", "bring", "increase", "decrease", "reduce", "raise", "rise", "fall", "grow", "happen", "occur", "know", "find", "depend", "feel", "look", "sound", "prove"]
)
# Subjects that make a will-clause an actor's undertaking even with a state verb: "we will be there".
ACTOR_PRONOUNS = frozenset(["i", "we", "he", "she", "they", "you"])
# Verbs that are not commitment heads after "will/would": "will be expected", modal noise.
# Verbs after "will" that state no undertaking: opinions, experiences, rhetoric ("we will never forget").
NON_ACTION = frozenset([
    "to", "of", "and", "or", "say", "tell", "think", "like", "want", "wish", "hope", "consider", "face", "undergo",
    "suffer", "receive", "get", "lose", "win", "likely", "forget", "remember", "see", "miss", "regret", "wonder",
    "doubt", "feel", "believe",
])

# Lower-case subject heads that can undertake or organise something (a "will" clause needs one).
AGENT_NOUNS = frozenset(
    ["official", "officials", "government", "governments", "administration", "company", "companies", "firm", "firms", "airline", "airlines", "agency", "agencies", "ministry", "ministries", "department", "departments", "police", "army", "military", "troops", "forces", "soldiers", "team", "teams", "group", "groups", "committee", "committees", "council", "councils", "court", "courts", "judge", "judges", "jury", "panel", "board", "boards", "parliament", "congress", "senate", "house", "lawmakers", "legislators", "deputies", "members", "leaders", "leader", "president", "presidents", "minister", "ministers", "secretary", "spokesman", "spokeswoman", "spokesperson", "side", "sides", "parties", "party", "countries", "nations", "country", "nation", "states", "union", "unions", "workers", "protesters", "demonstrators", "exiles", "relatives", "family", "families", "father", "mother", "son", "daughter", "boy", "girl", "man", "woman", "men", "women", "people", "residents", "citizens", "voters", "students", "teachers", "doctors", "inspectors", "investigators", "prosecutors", "lawyers", "attorneys", "negotiators", "diplomats", "delegation", "delegations", "delegates", "organizers", "organisers", "sponsors", "bank", "banks", "insurers", "carriers", "manufacturer", "manufacturers", "shareholders", "investors", "authorities", "authority", "regime", "cabinet", "coalition", "opposition", "rebels", "militants", "alliance", "bloc", "organization", "organisation", "body", "commission", "office", "operator", "operators", "owner", "owners", "club", "clubs", "player", "players", "coach", "staff", "employees", "management", "executives", "chairman", "chairwoman", "ceo", "director", "directors", "mayor", "governor", "king", "queen", "prince", "pope", "chief", "head", "envoy", "ambassador", "commander", "general", "crew", "pilots", "agents", "monitors", "observers", "peacekeepers", "mission", "state", "city", "county", "province", "region", "school", "university", "hospital", "church", "media", "newspaper", "network", "station", "lawyer", "attorney", "prosecutor", "minister's", "uncle", "aunt", "cousin", "wife", "husband", "brother", "sister", "kin", "who", "guardian", "chancellor", "premier", "speaker", "candidate", "candidates", "campaign", "partners", "partner", "allies", "ally", "states", "members", "sides", "delegation", "parliamentarians", "senators", "embassy", "embassies", "consulate", "consulates", "airport", "airports", "port", "border", "plant", "plants", "factory", "factories", "store", "stores", "mine", "mines", "service", "representatives", "congressmen", "officers", "officer", "guard", "guards", "producer", "producers", "developer", "developers", "retailer", "retailers", "client", "clients", "defendant", "defendants", "plaintiff", "plaintiffs", "suspect", "suspects", "accused", "organizer", "organiser", "host", "hosts", "league", "federation", "ministries", "regulator", "regulators", "council", "legislature", "province", "provinces", "municipality", "utility", "utilities"]
)
# Scheduled services run by an operator: "two new flights would leave Bombay from March 30".
SERVICE_NOUNS = frozenset(["flight", "flights", "service", "services", "train", "trains", "ship", "ships", "bus", "buses", "ferry", "ferries", "route", "routes"])


@dataclass(frozen=True, slots=True)
class Cue:
    """A forward-looking cue found in a sentence (offsets local to the sentence)."""

    rule: str
    start: int
    end: int
    verb: str  # the head verb (or noun) the cue governs, lower-case; "" when none


_PRIORITY = {
    "schedule": 0, "commitment-verb": 1, "commitment-noun": 2, "plan-object": 3, "is-to": 4, "modal-will": 5,
    "reported-would": 6,
}


# Cheap literal pre-checks: a family's regex runs only when one of its trigger words occurs.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "modal-will": ("will", "shall", "wo", "'ll", "’ll", "won", "going"),
    "reported-would": ("would",),
    "commitment-verb": (
        "refus", "declin", "plan", "intend", "vow", "pledg", "promis", "agree", "decid", "resolv", "undert", "threat", "set", "schedul",
        "due", "expect", "ready", "willing", "prepared", "determined", "poised", "committed", "readiness",
        "intention", "commitment",
    ),
    "is-to": ("is to", "are to", "is also to", "are also to", "is due to", "are due to"),
    "commitment-noun": ("committed", "pledged", "promised", "vowed", "agree"),
    "plan-object": ("plan", "preparing"),
    "schedule": (
        "slated", "schedul", "set", "plan", "pencil", "earmark", "held", "convened", "staged", "hosted", "upcoming",
        "forthcoming", "coming", "next", "due", "organi", "prepared", "arranged", "expected", "fixed", "reserved", "booked",
    ),
}


_ALL_TRIGGERS = {t for ts in _TRIGGERS.values() for t in ts}
# Triggers match at a word start ("set" in "settle" is fine, in "upset" it is not needed).
_TRIGGER_RE = re.compile(
    r"(?<![a-z])(?:" + "|".join(sorted(map(re.escape, _ALL_TRIGGERS - {"'ll", "’ll"}), key=len, reverse=True))
    + ")|'ll|’ll"
)
# A longest-match hit ("promised") also stands for the shorter triggers inside it ("promis").
_CONTAINED = {t: frozenset(u for u in _ALL_TRIGGERS if u in t) for t in _ALL_TRIGGERS}


_LOW_FAMILIES = {r: re.compile(p.pattern.lower().replace("(?p<", "(?P<")) for r, p in CUE_FAMILIES.items()}


# Triggers by their first two letters: a dictionary look-up per word is much cheaper than one
# regex alternation of all triggers run over the sentence.
_WORD_TRIGGERS = sorted(t for t in _ALL_TRIGGERS if re.fullmatch(r"[a-z]+", t))
_BY2: dict[str, tuple[str, ...]] = {}
for _t in _WORD_TRIGGERS:
    _BY2[_t[:2]] = (*_BY2.get(_t[:2], ()), _t)
_PHRASE_TRIGGERS = tuple(t for t in _ALL_TRIGGERS if not re.fullmatch(r"[a-z]+", t))


def words_of(low: str) -> set[str]:
    """The distinct lower-case words of a lower-cased sentence (shared by the cue and noun checks)."""
    return set(_WORDS.findall(low))


_WORD_HITS: dict[str, tuple[str, ...]] = {}  # word -> the triggers it starts with (bounded cache)
# Words seen to start with no trigger (most words): one set difference drops them all at C speed.
_NO_HITS: set[str] = set()


def _triggers(low: str, words: set[str]) -> set[str]:
    found: set[str] = set()
    cache = _WORD_HITS
    for w in words.difference(_NO_HITS):
        hit = cache.get(w)
        if hit is None:
            hit = tuple(t for t in _BY2.get(w[:2], ()) if w.startswith(t))
            if len(cache) < 200_000:
                cache[w] = hit
                if not hit:
                    _NO_HITS.add(w)
        if hit:
            found.update(hit)
    for t in _PHRASE_TRIGGERS:
        if t in low:
            found.add(t)
    return found


# Whole words (or phrases) one of which a family's match on the lower-cased text always contains:
# each alternative ends in such a word between non-letters. A finer gate than the trigger prefixes
# ("wo" starts "would", "world"; "set" starts "settle"), so the regex runs far less often.
_LOW_GATES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "modal-will": (frozenset(["will", "shall", "wo", "won", "going"]), ("'ll", "’ll")),
    "commitment-verb": (frozenset([
        "plan", "plans", "planned", "planning", "intend", "intends", "intended", "intending", "vow", "vows",
        "vowed", "vowing", "pledge", "pledges", "pledged", "pledging", "promise", "promises", "promised",
        "promising", "agree", "agrees", "agreed", "agreeing", "decided", "decides", "resolved", "undertook",
        "undertakes", "refuses", "refused", "declined", "threaten", "threatens", "threatened", "set", "scheduled",
        "due", "expected", "expects", "ready", "willing", "prepared", "determined", "poised", "committed",
        "readiness", "willingness", "intention", "commitment",
    ]), ()),
}


def find_cues(sentence: str, words: set[str] | None = None) -> list[Cue]:
    """All forward-looking cues in a sentence, in text order (`words`: words_of its lower-cased text)."""
    cues: list[Cue] = []
    low = sentence.lower()
    if words is None:
        words = words_of(low)
    found = _triggers(low, words)
    if not found:
        return cues
    hits = set().union(*(_CONTAINED[h] for h in found))
    # Case-free patterns run faster on lower-cased text; offsets agree when lower() keeps the length.
    families = _LOW_FAMILIES if len(low) == len(sentence) else CUE_FAMILIES
    text = low if families is _LOW_FAMILIES else sentence
    for rule, pat in families.items():
        if hits.isdisjoint(_TRIGGERS[rule]):
            continue
        gate = _LOW_GATES.get(rule) if text is low else None
        if gate is not None and gate[0].isdisjoint(words) and not any(p in low for p in gate[1]):
            continue
        for m in pat.finditer(text):
            verb = ""
            for g in ("verb", "verb2", "verb3", "verb4", "noun", "noun2"):
                try:
                    v = m.group(g)
                except IndexError:
                    continue
                if v:
                    verb = v.lower()
                    break
            cues.append(Cue(rule, m.start(), m.end(), verb))
    cues.sort(key=lambda c: (c.start, _PRIORITY.get(c.rule, 9)))
    return cues


# Taking part in someone's gathering is the participant's commitment (kind rule).
_PARTICIPATION = frozenset({"participate", "take", "attend", "boycott", "skip", "miss", "observe", "send", "support"})
_SUBJECT_EVENT = re.compile(
    rf"\b(?:{EVENT_NOUNS_SHORT})(?:\s+(?:in|on|at|this|next|of|for)\s+(?:the\s+)?[\w.'’-]+){{0,3}}\s*(?:,[^,]{{0,60}},\s*)?(?:\w+ly\s+)?$", _I)
# "send a team of experts to Manila", "dispatch a mission to": the start of a trip or mission.
_SEND_TRIP = re.compile(
    r"^\s*(?:(?:a|an|the|its|their|his|her|\w+)\s+)?(?:[\w-]+\s+){0,2}?(?:team|teams|delegation|delegations|mission|missions|"
    r"envoys?|experts|inspectors|observers|monitors|doctors|officials|troops|representatives?)\b[^.;]{0,60}?\bto\s+(?:the\s+)?[A-Z]", 0)
# "open his campaign with a rally in Milan": the act is a gathering.
_WITH_GATHERING = re.compile(
    r"^[^.;,]{0,50}?\bwith\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:rally|ceremony|news\s+conference|press\s+conference|"
    r"parade|march|concert|summit|meeting|reception|gala|festival)\b", _I)


_VISIT_OBJECT = re.compile(
    r"^\s*(?:(?:a|an|the|his|her|its|their|two|three|several)\s+)?(?:[\w-]+\s+){0,2}?(?:visits?|trips?|tours?)\b", _I)
# Deliberation done by the gathering that is named as where it happens.
_DELIBERATE = frozenset(["discuss", "debate", "review", "consider", "examine", "weigh", "assess", "evaluate"])
_AT_GATHERING = re.compile(
    r"^[^.;:]{0,100}?\b(?:at|during)\s+(?:a|an|the|its|their|this|next\s+\w+['’]s|[A-Z]\w+['’]s)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:meetings?|sessions?|summit|conference|talks|plenary|forum|council|retreat)\b"
)


def is_event_continuation(sentence: str, cue: Cue) -> bool:
    """Kind rule: does the cue govern a gathering, a trip or visit, or a deadline?"""
    tail = sentence[cue.end:]
    v = cue.verb.removeprefix("co-")  # "will co-host a conference" hosts it
    if cue.rule in ("modal-will", "reported-would") and _SUBJECT_EVENT.search(sentence[: cue.start]):
        return True  # "the talks will resume next week", "the summit would open on Monday"
    if cue.rule == "commitment-verb" and re.search(r"\b(?:due|scheduled)\b", sentence[cue.start : cue.end], re.IGNORECASE):
        return v != "be" or bool(re.match(r"\s*(?:held|convened|staged|heard|signed)\b", tail))
    if v == "be":
        return bool(_BE_EVENT.match(tail))
    if v in ("come", "go", "return"):
        return bool(re.match(r"^\s*(?:back\s+)?(?:to|here|there|home|before)\b", tail))
    if v in ("leave", "depart", "fly", "arrive") and VEHICLE_SUBJECT.search(sentence[: cue.start]):
        return False  # "two new flights would leave Bombay": the operator's commitment
    if cue.rule in ("modal-will", "reported-would", "commitment-verb", "is-to") and _WITH_GATHERING.match(tail):
        return True
    if v in ("hold", "host", "open", "begin", "start"):
        return bool(GATHERING_OBJECT.match(tail))
    if v in EVENT_VERBS:
        return True
    if v in ("choose", "elect", "pick", "select", "cast") and re.search(
        r"\b(?:voters|electorate|electors)\b[^,.;]{0,40}$", sentence[: cue.start], re.IGNORECASE
    ):
        return True  # "voters will also choose new councils": an election
    if v == "take" and re.match(r"\s+place\b", tail):
        return True  # "the Council will take place in Vilnius": a gathering
    if v in ("send", "dispatch", "deploy") and _SEND_TRIP.match(tail):
        return True
    if v in ("pay", "make", "undertake", "conduct") and _VISIT_OBJECT.match(tail):
        return True  # "will pay state visits to ...", "make a trip to": a trip
    if v in _DELIBERATE and _AT_GATHERING.match(tail):
        return True  # "ministers will discuss X at a meeting in Y": the discussing is the meeting
    if cue.rule in ("modal-will", "reported-would", "commitment-verb", "is-to") and _WITH_GATHERING.match(tail):
        return True
    if cue.rule == "schedule":
        return True
    if cue.rule == "commitment-verb" and re.search(r"\b(?:due|scheduled)\b", sentence[cue.start : cue.end], re.IGNORECASE):
        return True
    if cue.rule == "plan-object":
        return bool(GATHERING_OBJECT.match(sentence[cue.start + len(sentence[cue.start:cue.end].rsplit(" ", 1)[0]):][:80]))
    # "plans a demonstration", "committed to a summit"
    return bool(GATHERING_OBJECT.match(tail[:80])) and v not in _PARTICIPATION
