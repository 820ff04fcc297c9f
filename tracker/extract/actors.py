"""Actor recognition and normalization: countries (names, demonyms, "the Turkish side"),
organizations (acronyms defined in the text, well-known bodies) and persons (with roles).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .cues import EVENT_WORDS

# Canonical country name | other names | demonyms. Common English short names, as a tracker
# would show them; "Türkiye" and "Turkey" are one actor named "Turkey".
_COUNTRY_ROWS = """
Afghanistan||Afghan
Albania||Albanian
Algeria||Algerian
Argentina||Argentine|Argentinian
Armenia||Armenian
Australia||Australian
Austria||Austrian
Azerbaijan||Azerbaijani|Azeri
Bahrain||Bahraini
Bangladesh||Bangladeshi
Belarus||Belarusian
Belgium||Belgian
Bosnia|Bosnia and Herzegovina|Bosnian
Brazil||Brazilian
Bulgaria||Bulgarian
Cambodia||Cambodian
Canada||Canadian
Chile||Chilean
China|People's Republic of China|Chinese
Colombia||Colombian
Croatia||Croatian
Cuba||Cuban
Cyprus||Cypriot
Czech Republic|Czechia|Czech
Denmark||Danish
Egypt||Egyptian
Estonia||Estonian
Ethiopia||Ethiopian
Finland||Finnish
France||French
Georgia||Georgian
Germany||German
Greece||Greek
Haiti||Haitian
Hungary||Hungarian
India||Indian
Indonesia||Indonesian
Iran||Iranian
Iraq||Iraqi
Ireland||Irish
Israel||Israeli
Italy||Italian
Japan||Japanese
Jordan||Jordanian
Kazakhstan|Republic of Kazakhstan|Kazakh|Kazakhstani
Kenya||Kenyan
Kosovo||Kosovar
Kuwait||Kuwaiti
Kyrgyzstan||Kyrgyz
Latvia||Latvian
Lebanon||Lebanese
Libya||Libyan
Lithuania||Lithuanian
Malaysia||Malaysian
Mexico||Mexican
Moldova||Moldovan
Mongolia||Mongolian
Morocco||Moroccan
Netherlands|Holland|Dutch
New Zealand||
Nigeria||Nigerian
North Korea||North Korean
Norway||Norwegian
Oman||Omani
Pakistan||Pakistani
Palestine|Palestinian territories|Palestinian
Philippines||Philippine|Filipino
Poland||Polish
Portugal||Portuguese
Qatar||Qatari
Romania||Romanian
Russia|Russian Federation|Russian
Saudi Arabia||Saudi
Serbia||Serbian|Serb
Slovakia||Slovak
Slovenia||Slovenian
Somalia||Somali
South Africa||South African
South Korea||South Korean
Spain||Spanish
Sudan||Sudanese
Sweden||Swedish
Switzerland||Swiss
Syria||Syrian
Taiwan||Taiwanese
Tajikistan||Tajik
Tanzania||Tanzanian
Thailand||Thai
Tunisia||Tunisian
Turkey|Türkiye|Turkiye|Republic of Turkey|Republic of Türkiye|Turkish
Turkmenistan||Turkmen
Uganda||Ugandan
Ukraine||Ukrainian
United Arab Emirates|UAE|Emirati
United Kingdom|UK|U.K.|Britain|Great Britain|British
United States|U.S.|US|USA|U.S.A.|America|United States of America|American
Uzbekistan||Uzbek
Venezuela||Venezuelan
Vietnam||Vietnamese
Yemen||Yemeni
Yugoslavia||Yugoslav
"""


def _load_countries() -> tuple[dict[str, str], dict[str, str]]:
    from .places import EXTRA_COUNTRY_ROWS

    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for row in (_COUNTRY_ROWS.strip() + "\n" + EXTRA_COUNTRY_ROWS.strip()).splitlines():
        canon, others, *dems = row.split("|")
        names[canon] = canon
        for o in filter(None, others.split("|") if others else []):
            names[o] = canon
        for d in dems:
            if d:
                demonyms[d] = canon
    return names, demonyms


COUNTRY_NAMES, DEMONYMS = _load_countries()

# Well-known organizations: surface form -> canonical name.
KNOWN_ORGS: dict[str, str] = {
    "UN": "United Nations", "U.N.": "United Nations", "United Nations": "United Nations",
    "UN Security Council": "UN Security Council", "U.N. Security Council": "UN Security Council",
    "Security Council": "UN Security Council", "United Nations Security Council": "UN Security Council",
    "NATO": "NATO", "North Atlantic Treaty Organization": "NATO",
    "EU": "European Union", "European Union": "European Union",
    "European Commission": "European Commission", "European Parliament": "European Parliament",
    "INS": "INS", "Immigration and Naturalization Service": "INS",
    "FBI": "FBI", "CIA": "CIA", "Pentagon": "Pentagon", "White House": "White House",
    "Kremlin": "Kremlin", "Congress": "US Congress", "OPEC": "OPEC", "IMF": "IMF",
    "International Monetary Fund": "IMF", "World Bank": "World Bank", "WTO": "WTO",
    "World Trade Organization": "WTO", "OSCE": "OSCE", "ASEAN": "ASEAN", "IAEA": "IAEA",
    "Arab League": "Arab League", "African Union": "African Union", "WHO": "WHO",
    "World Health Organization": "WHO", "Red Cross": "Red Cross",
    "State Department": "State Department", "Justice Department": "Justice Department",
    "Defense Department": "Defense Department", "Treasury": "Treasury",
    "TurkPA": "TurkPA", "CIS": "CIS", "SCO": "SCO", "Majilis": "Majilis", "Mazhilis": "Majilis",
    "Organization for Security and Cooperation in Europe": "OSCE",
    "Organization for Security and Co-operation in Europe": "OSCE",
    "Organisation for Security and Co-operation in Europe": "OSCE",
    "Organization of Petroleum Exporting Countries": "OPEC",
    "Organization of the Petroleum Exporting Countries": "OPEC",
    "Shanghai Cooperation Organisation": "SCO", "Shanghai Cooperation Organization": "SCO",
    "International Atomic Energy Agency": "IAEA", "Association of Southeast Asian Nations": "ASEAN",
    "Commonwealth of Independent States": "CIS", "North Atlantic Treaty Organisation": "NATO",
    "World Trade Organisation": "WTO", "World Health Organisation": "WHO", "U.N. Security Council": "UN Security Council",
    "Federal Bureau of Investigation": "FBI", "Central Intelligence Agency": "CIA",
    "Organization of American States": "OAS", "OAS": "OAS", "Organisation of Islamic Cooperation": "OIC",
    "Organization of Islamic Cooperation": "OIC", "OIC": "OIC", "G7": "G7", "G8": "G8", "G20": "G20",
    "UNESCO": "UNESCO", "UNICEF": "UNICEF", "UNHCR": "UNHCR", "Interpol": "Interpol",
    "European Central Bank": "European Central Bank", "ECB": "European Central Bank",
}
# Multi-word names of known organizations, found as phrases before capitalized runs are split
# ("Organization for Security and Cooperation in Europe" is not "Organization for Security" + "Cooperation").
_LONG_KNOWN = re.compile(
    "|".join(sorted((re.escape(k) for k in KNOWN_ORGS if " " in k and len(k) > 12), key=len, reverse=True))
)
# Sentence adverbs and participles that open a sentence capitalized and name nobody.
_OPENERS = frozenset(
    ["Separately", "According", "Additionally", "Furthermore", "Nevertheless", "Nonetheless", "Instead", "Indeed",
     "Overall", "Elsewhere", "Finally", "Similarly", "Likewise", "Currently", "Recently", "Now", "Together",
     "Otherwise", "Thus", "Therefore", "Accordingly", "Consequently", "Subsequently", "Initially", "Eventually",
     "Apparently", "Reportedly", "Officially", "Traditionally", "Notably", "Importantly", "Alternatively", "Besides",
     "Regardless", "Following", "Citing", "Announcing", "Addressing", "Responding", "Commenting", "Referring",
     "Noting", "Adding", "Tomorrow", "Tonight", "Today", "Yesterday", "Among", "Amid", "Along", "Against", "Unlike",
     "Beyond", "Within", "Through", "Throughout", "Upon", "Once", "Whereas", "Unless", "Hence"]
)
# Legislatures named by their country: "Peru's Congress" is Peru's, never the US Congress.
_COUNTRY_BODY = re.compile(
    r"(?:^|(?<=\s))([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?:'s|’s)\s+(Congress|Parliament|parliament|Senate|Cabinet|cabinet|"
    r"Supreme\s+Court|National\s+Assembly|government|legislature)\b"
)

# Head words that make a capitalized phrase an organization.
_ORG_HEADS = frozenset(
    ["Department", "Service", "Council", "Committee", "Assembly", "Parliament", "Court", "Commission", "Ministry", "Agency", "Union", "Organization", "Organisation", "Party", "Bank", "Fund", "Foundation", "Association", "Corporation", "Company", "Airlines", "Airways", "Group", "Institute", "Army", "Navy", "Forces", "Office", "Bureau", "Senate", "House", "Congress", "Cabinet", "Government", "Authority", "League", "Federation", "Forum", "Alliance", "Movement", "Front", "University", "Church", "Churches", "Board", "Administration", "Police", "Majilis", "Mazhilis", "Duma", "Knesset", "Commission", "Secretariat", "Section", "Tribunal", "Centre", "Center", "Network", "Coalition", "Conference", "Council", "Inc", "Corp", "Ltd",
     "Railway", "Railways", "Railroad", "Motors", "Holdings", "Industries", "Technologies", "Systems", "Communications",
     "Telecom", "Petroleum", "Airport", "Insurance", "Securities", "Exchange", "Messe", "Pharmaceuticals", "Steel",
     "Energy", "Electric", "Media", "Broadcasting", "Guard", "Reserve", "Treasury", "Rada", "Sejm", "Bundestag", "Diet"]
)
_ORG_NOUNS = {
    "organization": None, "organisation": None, "alliance": None, "agency": None, "airline": None,
    "company": None, "department": "Department", "committee": "Committee", "council": "Council",
    "assembly": "Assembly", "parliament": "Parliament", "court": "Court", "commission": "Commission",
    "ministry": "Ministry", "government": None, "union": "Union", "bank": "Bank", "party": "Party",
    "group": None, "bloc": None, "firm": None, "service": "Service", "administration": None,
}
TITLES = (
    "President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|Defense Minister|"
    "Defence Minister|Interior Minister|Finance Minister|Tourism Minister|Minister|Secretary of State|"
    "Secretary-General|Secretary General|Secretary|Chancellor|Speaker|Chairman|Chairwoman|Chair|"
    "Deputy Attorney General|Attorney General|Attorney|Rep\\.|Sen\\.|Gov\\.|Governor|Senator|"
    "Representative|Mayor|Judge|Justice|Gen\\.|General|Adm\\.|Admiral|Col\\.|Ambassador|King|Queen|"
    "Prince|Princess|Pope|Sheikh|Emir|Dr\\.|Mr\\.|Mrs\\.|Ms\\.|Commissioner|Director|Chief|Spokesman|"
    "Spokeswoman|Envoy|Deputy"
)
_TITLE_RE = re.compile(rf"(?:(?:former|acting|interim|outgoing|then-)\s*)?(?:(?:{TITLES})\s+)+", re.IGNORECASE)
_TITLE_WORDS = frozenset(
    w.strip("\\.").lower() for t in TITLES.split("|") for w in t.split()
) | {"secretary-general", "mr", "mrs", "ms", "dr"}

_MONTHS = frozenset(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
)
_DAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today", "Tomorrow", "Yesterday"])
# Capitalized words that are not names (sentence openers, pronouns, function words).
_STOP = frozenset(
    [*_OPENERS, "City", "Town", "Village", "Municipal", "Provincial", "Regional", "Local", "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "His", "Her", "They", "Their", "We", "Our", "I", "You", "Your", "My", "In", "On", "At", "For", "From", "To", "By", "With", "Without", "Of", "And", "But", "Or", "Nor", "So", "Yet", "If", "When", "While", "After", "Before", "As", "Also", "Still", "Then", "There", "Here", "However", "Meanwhile", "Moreover", "Neither", "Either", "Both", "Each", "Every", "All", "Some", "Many", "Most", "No", "Not", "Asked", "Later", "Earlier", "Late", "Early", "Last", "Next", "Previously", "Ultimately", "Speaking", "During", "Under", "Over", "Since", "Until", "Why", "Who", "What", "Where", "How", "Which", "Whether", "Being", "Photo", "Credit", "Elected", "Federal", "Legal", "Thanksgiving", "Day", "Christmas", "Easter", "New", "Year", "Congressional", "Capitol", "Hill", "Such", "Despite", "Although", "Though", "Because", "Even", "Just", "Only", "Special", "Another", "Other", "Two", "Three", "One"]
) | _MONTHS | _DAYS

_DATE_WORDS = "|".join(sorted(_MONTHS | _DAYS, key=len, reverse=True))
_DATE_CUT = re.compile(rf"\s+(?:on|of|for|and|de)\s+(?:{_DATE_WORDS})\b|\s+(?:{_DATE_WORDS})\b")
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*[\w])?(?:\.(?=[A-Z]\.))?(?:[A-Z]\.)*\.?|\d+(?:st|nd|rd|th)\b")
_CONNECTORS = frozenset(["of", "for", "and", "on", "de", "du", "des", "del", "la", "al", "bin", "van", "von", "der"])
_PLACE_HEADS = frozenset(
    ["County", "City", "Complex", "Library", "Museum", "Square", "Street", "Avenue", "Airport", "Island", "Islands", "River", "Sea", "Gulf", "Ocean", "Valley", "Province", "Region", "Park", "Palace", "Hall", "Theater", "Theatre", "Stadium", "Bridge", "Mountains", "Coast", "Strait", "Bay", "Lake", "Peninsula", "Desert", "Heights", "Strip", "Bank", "Memorial", "Plaza", "Harbor", "Port", "Base"]
)
_LOCATIVE_WORDS = frozenset(
    ["in", "at", "to", "from", "near", "into", "outside", "inside", "across", "around", "toward", "towards", "of", "via", "leave", "leaving", "left"]
)


def _after_locative(text: str, pos: int) -> bool:
    """True when the word before `pos` (skipping "the") is a locative preposition: "in Astana"."""
    prev = text[max(0, pos - 20) : pos].split()
    if prev and prev[-1] == "the":
        prev.pop()
    return bool(prev) and prev[-1] in _LOCATIVE_WORDS and text[pos - 1 : pos].isspace()
_ACRONYM_PAREN = re.compile(r"\(\s*([A-Z][A-Za-z.&-]{1,11})\s*\)")
# Words are bounded so a pathological 1 MB "word" cannot make the look-back quadratic.
_ACRONYM_LONG = re.compile(r"((?:[^\W\d_][\w'’-]{0,40}\s+){1,9}[^\W\d_][\w'’-]{0,40})\s*$")
_PLURAL_COUNTRIES = re.compile(r"\b(?:the|both)\s+(?:two\s+)?(?:sides|parties|countries|nations|governments)\b", re.IGNORECASE)
_BODY_AFTER_POSSESSIVE = re.compile(r"(?:'s|’s)\s+(?:Congress|Parliament|Senate|Cabinet|Supreme\s+Court|National\s+Assembly)\b")
# First words that can open a title (the title regex runs only after one of them).
_TITLE_GATE = frozenset(
    {w.strip("\\.").lower() for t in TITLES.split("|") for w in t.split()[:1]} | {"former", "acting", "interim", "outgoing"}
)
_ROLE_HEADS = frozenset(
    ["judge", "minister", "president", "secretary", "chairman", "chairwoman", "governor", "mayor", "ambassador",
     "spokesman", "spokeswoman", "director", "commissioner", "senator", "general", "chief", "envoy", "chancellor",
     "premier", "speaker", "prosecutor", "attorney", "justice", "commander", "admiral", "representative"]
)
_PURE_TYPES = frozenset(["org", "country", "place", "group"])
_CAP_TOKEN = re.compile(r"[A-Z][\w’'-]+")
_MULTIWORD_COUNTRIES = ("United States", "U.S.", "Czech Republic", "Saudi Arabia", "South Africa", "New Zealand")
_PLURAL_HINTS = ("sides", "parties", "countries", "nations", "governments")  # substrings _PLURAL_COUNTRIES needs
_PREV_WORD = re.compile(r"([A-Z][\w’'-]+)\s+$")
_SIDE = re.compile(r"\b(?:the\s+)?([A-Z][\w]+)\s+side(?:'s|’s)?\b")


@dataclass(slots=True)  # not frozen: frozen dataclasses are slow to create, and these are many
class Mention:
    """A name found in a sentence: `name` is canonical, `type` one of country, org, person, name."""

    start: int
    end: int
    name: str
    type: str
    role: str | None = None


@dataclass
class ActorIndex:
    """Document-wide registry: acronyms defined in the text, persons' full names, country counts."""

    text: str
    acronyms: dict[str, str] = field(default_factory=dict)  # any surface (long or short) -> canonical
    surnames: dict[str, str] = field(default_factory=dict)  # surname -> latest full name
    roles: dict[str, str] = field(default_factory=dict)  # person -> role
    country_counts: Counter[str] = field(default_factory=Counter)
    vocab: set[str] = field(default_factory=set)  # lower-case words seen in lower case
    descriptors: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, role noun, person)
    affiliation: dict[str, str] = field(default_factory=dict)  # person -> country or organization
    role_org: dict[str, str] = field(default_factory=dict)  # "spokesman" -> the last organization that had one
    orgs_seen: dict[int, str] = field(default_factory=dict)  # offset -> organization, filled by mentions()
    acronym_last: set[str] = field(default_factory=set)  # last words of the acronym surfaces, a quick pre-check
    phrases: list[tuple[int, int, str]] = field(default_factory=list)  # long known names, countries' legislatures
    # Capitalized runs already classified that name no person (their result needs no surname state).
    classified: dict[str, list[tuple[int, int, str, str, str | None]]] = field(default_factory=dict)
    # One-word runs whose reading is "a person's surname seen before, else a bare name": run -> (length
    # of the name, the name). Only the surname look-up is redone, so the reading follows `surnames`.
    single_names: dict[str, tuple[int, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, text: str, start: int = 0, end: int | None = None) -> ActorIndex:
        idx = cls(text)
        end = len(text) if end is None else end
        body = text[start:end]
        for pm in _ACRONYM_PAREN.finditer(body):
            lm = _ACRONYM_LONG.search(body, max(0, pm.start() - 200), pm.start())
            if not lm:
                continue
            long, short = lm.group(1), pm.group(1)
            long = _trim_long(long, short)
            if not long:
                continue
            canon = _preferred_acronym(body, short)
            if short in KNOWN_ORGS:
                canon = KNOWN_ORGS[short]
            idx.acronyms[long] = canon
            idx.acronyms[short] = canon
            idx.acronyms[canon] = canon
            idx.acronym_last.update(x.split()[-1] for x in (long, short, canon))
        # Multi-word names found once over the whole body, not per sentence.
        for km in _LONG_KNOWN.finditer(text, start, end):
            idx.phrases.append((km.start(), km.end(), KNOWN_ORGS[km.group(0)]))
        for hm in _BODY_AFTER_POSSESSIVE.finditer(text, start, end):
            bm = _COUNTRY_BODY.search(text, max(start, hm.start() - 40), hm.end())
            if not bm or bm.end() != hm.end():
                continue
            country = COUNTRY_NAMES.get(bm.group(1)) or DEMONYMS.get(bm.group(1))
            body_name = " ".join(bm.group(2).split())
            if country and body_name[:1].isupper():
                name = f"{body_name} of {country}"
                idx.phrases.append((bm.start(), bm.end(), name))
                idx.affiliation.setdefault(name, country)
        idx.vocab = set(re.findall(r"\b[a-z][a-z'-]+\b", body))
        # Distinct capitalized words counted in C, then looked up once each.
        people: list[str] = []
        for w, n in Counter(_CAP_TOKEN.findall(body)).items():
            c = COUNTRY_NAMES.get(w) or DEMONYMS.get(w)
            if c:
                idx.country_counts[c] += n
            if _people_word(w):
                people.append(w)
        if idx.country_counts and people:
            # "Kosovo Albanian", "Bosnian Serb": neither word names its country in a compound.
            for w in people:
                i = body.find(w)
                while i >= 0:
                    j = i + len(w)
                    pw = _PREV_WORD.search(body, max(0, i - 30), i) if i and body[i - 1].isspace() else None
                    if pw and not body[j : j + 1].isalnum() and _compound_people(pw.group(1), w):
                        for x in (pw.group(1), w):
                            c = COUNTRY_NAMES.get(x) or DEMONYMS.get(x)
                            if c and idx.country_counts[c] > 0:
                                idx.country_counts[c] -= 1
                    i = body.find(w, j)
            idx.country_counts = +idx.country_counts
        for name in _MULTIWORD_COUNTRIES:
            n = body.count(name)
            if n:
                idx.country_counts[COUNTRY_NAMES[name]] += n
        return idx

    def main_countries(self, n: int = 2) -> list[str]:
        return [c for c, _ in self.country_counts.most_common(n)]

    def mentions(self, s: int, e: int) -> list[Mention]:
        """Names in text[s:e], in order; persons' surnames resolve to full names seen earlier."""
        out: list[Mention] = []
        text = self.text
        taken: list[tuple[int, int]] = []
        for long, canon in self.acronyms.items():
            if len(long) <= 12 or " " not in long:
                continue
            pos = text.find(long, s, e)
            while pos >= 0:
                out.append(Mention(pos, pos + len(long), canon, "org"))
                taken.append((pos, pos + len(long)))
                pos = text.find(long, pos + len(long), e)
        for a, b, name in self.phrases:  # found once per document (build)
            if a >= s and b <= e and not any(a < y and b > x for x, y in taken):
                out.append(Mention(a, b, name, "org"))
                taken.append((a, b))
        cache = self.classified
        for rs, run in _cap_runs(text, s, e):
            if taken and any(rs < b and rs + len(run) > a for a, b in taken):
                continue
            hit = cache.get(run)
            if hit is not None:  # a run seen before that names no person: same mentions, shifted
                out.extend(Mention(rs + a, rs + b, name, typ, role) for a, b, name, typ, role in hit)
                continue
            found = self._classify(rs, run)
            last = run.rsplit(" ", 1)[-1]
            if all(m.type in _PURE_TYPES and m.end <= rs + len(run) for m in found) and not (
                _people_word(last)  # "Cuban exiles", "Kosovo Albanian leaders": the reading depends on the next word
            ):
                cache[run] = [(m.start - rs, m.end - rs, m.name, m.type, m.role) for m in found]
            out.extend(found)
        seg = text[s:e]
        for sm in (_SIDE.finditer(text, s, e) if " side" in seg else ()):
            c = DEMONYMS.get(sm.group(1)) or COUNTRY_NAMES.get(sm.group(1))
            pw = _PREV_WORD.search(text, max(0, sm.start() - 30), sm.start(1))
            if c and not (pw and _compound_people(pw.group(1), sm.group(1))):  # not "the Kosovo Albanian side"
                out.append(Mention(sm.start(), sm.end(), c, "country"))
        for pm in (_PLURAL_COUNTRIES.finditer(text, s, e) if any(h in seg for h in _PLURAL_HINTS) else ()):
            for c in self.main_countries(2):
                out.append(Mention(pm.start(), pm.end(), c, "country"))
        out.sort(key=lambda x: x.start)
        final: list[Mention] = []
        for m in out:
            if m.type in ("name", "person") and not m.role and _after_locative(text, m.start):
                if m.type == "person" and self.surnames.get(m.name.split()[-1]) == m.name:
                    del self.surnames[m.name.split()[-1]]
                m = Mention(m.start, m.end, m.name, "place")
            if m.type == "name" and m.name.endswith("ing") and " " not in m.name and m.name not in CAPITALS and _LOWER_NEXT.match(text, m.end, m.end + 2):
                continue  # "Starting next year, ...": a participle opening the sentence
            if m.type in ("name", "org") and " " not in m.name and m.name == text[m.start : m.end] and (
                m.name in _ORG_HEADS or m.name.lower() in self.vocab or m.name.lower() in _EVENTISH
                or m.name.lower() in EVENT_WORDS
            ) and (g := _AGENTS_AFTER.match(text, m.end, m.end + 30)):
                # "Conference organizers said": a descriptive group, not a body named "Conference".
                final.append(Mention(m.start, g.end(), f"{m.name.lower()} {g.group(1)}", "group"))
                continue
            if m.type == "name" and " " not in m.name and (
                m.name.lower() in self.vocab or m.name.lower() in _COMMON_CAPS or m.name.lower() in _EVENTISH
            ):
                continue  # "Mutual respect", "Certainly": a common word capitalized at sentence start
            final.append(m)
        for m in final:
            if m.type == "org":
                self.orgs_seen[m.start] = m.name  # for "the Organization" later on
        return final

    def _classify(self, pos: int, run: str) -> list[Mention]:
        """Split a capitalized run into mentions (title + person, country, org, demonym + noun)."""
        if " " not in run:  # fast path for the commonest runs: one known word
            if run in _STOP:
                return []
            known = self.acronyms.get(run) or KNOWN_ORGS.get(run)
            if known:
                return [Mention(pos, pos + len(run), known, "org")]
            if run in COUNTRY_NAMES:
                return [Mention(pos, pos + len(run), COUNTRY_NAMES[run], "country")]
            named = self.single_names.get(run)
            if named is not None:  # as at the end below, without the steps that led there
                n, name = named
                full = self.surnames.get(name)
                return [Mention(pos, pos + n, full, "person")] if full else [Mention(pos, pos + n, name, "name")]
        key = run
        for suffix in ("'s", "’s", "'", "’"):
            if run.endswith(suffix):
                run = run[: -len(suffix)]
                break
        cut = _DATE_CUT.search(run) if " " in run else None
        if cut and cut.start() > 0:
            run = run[: cut.start()]
        elif cut:
            return []
        while " " in run and run.split(" ", 1)[0].endswith("ing") and run.split(" ", 1)[0] not in ("Beijing", "Reading", "Sterling"):
            skip = len(run.split(" ", 1)[0]) + 1
            pos += skip
            run = run[skip:]
        if " and " in run and self._split_and(run):  # "Kazakhstan and Türkiye": two mentions
            a, b = run.split(" and ", 1)
            return self._classify(pos, a) + self._classify(pos + len(a) + 5, b)
        run = run.rstrip(".'’-") if not run.endswith(("U.S.", "U.N.", "U.K.")) else run
        if run in _STOP:
            return []  # the commonest case: a capitalized function word opening a sentence
        if run in self.acronyms:
            return [Mention(pos, pos + len(run), self.acronyms[run], "org")]
        if run in KNOWN_ORGS:
            return [Mention(pos, pos + len(run), KNOWN_ORGS[run], "org")]
        if run in COUNTRY_NAMES:
            return [Mention(pos, pos + len(run), COUNTRY_NAMES[run], "country")]
        # Leading stop words and demonyms: "The Cuban President Fidel Castro".
        out: list[Mention] = []
        tokens = [(mm.start(), mm.group(0)) for mm in _NONSPACE.finditer(run)] if " " in run else [(0, run)]
        i = 0
        while i < len(tokens) and (tokens[i][1] in _STOP or tokens[i][1].lower() in _LEADING_SKIP):
            i += 1
        while i < len(tokens):
            w = tokens[i][1].strip(",")
            here = run[tokens[i][0]:]
            if here in self.acronyms or here in KNOWN_ORGS:
                break
            if i + 1 < len(tokens) and _compound_people(w, tokens[i + 1][1]):
                # "Kosovo Albanian leaders", "Bosnian Serb": a community, never the country either word names.
                a = pos + tokens[i][0]
                if i + 2 == len(tokens):
                    end = pos + len(run)
                    g = _COMPOUND_HEAD.match(self.text, end, end + 40)
                    if g and not _COMPOUND_TITLE.match(self.text, g.start(1), g.end() + 2):
                        return [*out, Mention(a, g.end(), " ".join(self.text[a : g.end()].split()), "group")]
                    if not g and tokens[i + 1][1].endswith("s") and not tokens[i + 1][1].endswith("ss"):
                        return [*out, Mention(a, end, " ".join(self.text[a:end].split()), "group")]  # "Kosovo Albanians"
                    return out  # "Bosnian Serb leader Radovan ...": the person's own run names him
                if tokens[-1][1] in _ORG_HEADS:  # "the Bosnian Serb Army", "the Russian Orthodox Church"
                    return [*out, Mention(a, pos + len(run), run[tokens[i][0]:], "org")]
                i += 2
                continue
            if w.endswith("s") and w[:-1] in DEMONYMS:
                w = w[:-1]
            if w in KNOWN_ORGS and i + 1 < len(tokens):
                out.append(Mention(pos + tokens[i][0], pos + tokens[i][0] + len(w), KNOWN_ORGS[w], "org"))
                i += 1
            elif (w in DEMONYMS or w in ETHNIC) and i + 1 == len(tokens) and (
                g := _GROUP_AFTER.match(run_text_after(self.text, pos + len(run)))
            ):
                # As written: "Cuban exiles", "Cuban exile protesters", "Kurdish rebels".
                a = pos + tokens[i][0]
                b = pos + len(run) + g.end()
                out.append(Mention(a, b, " ".join(self.text[a:b].split()), "group"))
                i += 1
            elif w in DEMONYMS:
                out.append(Mention(pos + tokens[i][0], pos + tokens[i][0] + len(w), DEMONYMS[w], "country"))
                i += 1
            elif w in COUNTRY_NAMES and i + 1 < len(tokens) and tokens[i + 1][1] not in _ORG_HEADS:
                out.append(Mention(pos + tokens[i][0], pos + tokens[i][0] + len(w), COUNTRY_NAMES[w], "country"))
                i += 1
            else:
                break
        if i >= len(tokens):
            return out
        off = tokens[i][0]
        rest = run[off:]
        start = pos + off
        if " of " in rest:
            split = self._role_of(start, rest) or self._person_of(start, rest)
            if split is not None:
                return out + split
        # Organizations: known, acronym-defined, or ending in an organization head word.
        rw = rest.split()
        last = rw[-1]
        if last in _KNOWN_LAST or last in self.acronym_last:
            for k in range(min(len(rw), 8), 0, -1):
                # The longest known organization name that ends the run: "the U.N. Security Council".
                tail = " ".join(rw[-k:])
                canon = self.acronyms.get(tail) or KNOWN_ORGS.get(tail)
                if canon:
                    return [*out, Mention(start, start + len(rest), canon, "org")]
        if last in _PLACE_HEADS:
            return [*out, Mention(start, start + len(rest), rest, "place")]
        if last in _ORG_HEADS or any(w in _ORG_HEADS for w in rw[:-1] if w not in ("House",)) and (
            " of " in rest or " on " in rest or " for " in rest
        ):
            return out + [Mention(start, start + len(rest), _org_name(rest), "org")]
        # Title + person: "President Bill Clinton", "Rep. Dan Burton", "Speaker Numan Kurtulmuş".
        role = None
        first = rest.split(" ", 1)[0].rstrip(".,").lower()
        tm = _TITLE_RE.match(rest) if first in _TITLE_GATE or first.startswith("then-") else None
        if tm and tm.end() < len(rest):
            role = tm.group(0).strip()
            start += tm.end()
            rest = rest[tm.end():]
        elif tm:
            return out  # a bare title ("President") names nobody by itself
        else:
            # "District Judge Carol Wexler", "Labor Minister Ana Ruiz": a qualified title inside the run.
            toks = rest.split()
            heads = [k for k in range(min(len(toks) - 1, 4)) if toks[k].rstrip(".").lower() in _ROLE_HEADS]
            if heads and 1 <= len(toks) - heads[-1] - 1 <= 3:
                k = heads[-1]
                role = " ".join(toks[: k + 1])
                cut = rest.index(toks[k + 1], len(" ".join(toks[:k])))
                start += cut
                rest = rest[cut:]
        parts = [w for w in rest.split() if w]
        if not parts or any(p in _STOP or p.lower() in _TITLE_WORDS for p in parts[:1]):
            return out
        if len(parts) > 1 and _role_word(parts[-1]) and parts[-1].lower() not in _SURNAME_ROLES:
            return out  # "Parliament Speaker", "Health Minister": a role with no one named
        if parts[-1] in _MONTHS or parts[-1] in _DAYS or parts[0] in _MONTHS:
            return out
        name = " ".join(parts)
        if name in COUNTRY_NAMES:
            return out + [Mention(start, start + len(rest), COUNTRY_NAMES[name], "country")]
        if len(parts) >= 2 and all(p[:1].isupper() for p in parts) and len(parts) <= 4:
            self.surnames[parts[-1]] = name
            self.surnames[parts[0]] = self.surnames.get(parts[0], name)
            if role:
                self.roles[name] = role
            return out + [Mention(start, start + len(rest), name, "person", role)]
        if len(parts) == 1:
            full = self.surnames.get(name)
            if role is None and not out and len(key.split()) == 1 and not _people_word(name):
                # A word with no space, title or people word in it comes here whatever text is around
                # it (an ethnic word's reading depends on the next word: "Kurdish rebels").
                self.single_names[key] = (len(rest), name)
            if full:
                return out + [Mention(start, start + len(rest), full, "person", role)]
            if role:
                return out + [Mention(start, start + len(rest), name, "person", role)]
            return out + [Mention(start, start + len(rest), name, "name")]
        return out + [Mention(start, start + len(rest), name, "name")]

    def _is_org(self, run: str) -> bool:
        return run in self.acronyms or run in KNOWN_ORGS or run.split()[-1] in _ORG_HEADS

    def _standalone(self, name: str) -> bool:
        """A complete name on its own: a country, a known or acronym-defined body, a person seen before."""
        name = name.removeprefix("the ").removeprefix("The ")
        return (
            name in COUNTRY_NAMES or name in KNOWN_ORGS or name in self.acronyms
            or name in self.surnames or name in self.surnames.values()
        )

    def _split_and(self, run: str) -> bool:
        """Whether "A and B" names two parties. One name ending in a body's head word stays whole
        ("Immigration and Naturalization Service", "Ministry of Marine Affairs and Fisheries") unless
        a side is a complete name itself: "Craig and Joan Brown Campbell of the National Council of
        Churches" is two persons, "the Council of Europe and NATO" two bodies."""
        if run in COUNTRY_NAMES or run in KNOWN_ORGS or run in self.acronyms:
            return False
        a, b = run.split(" and ", 1)
        if not (self._is_org(run) or _HEAD_OF.match(a)):
            return True
        return self._standalone(a) or self._standalone(b.split(" and ", 1)[0]) or self._person_of(0, b) is not None

    def _role_of(self, start: int, rest: str) -> list[Mention] | None:
        """ "Presidents of Turkey", "Speakers of the Grand National Assembly of Turkey", "Foreign
        Ministers of France": a role over a country or body is that country or body."""
        m = _OF_SPLIT.match(rest)
        if not m or not all(_role_word(w) for w in m.group(1).split()):
            return None
        tm = _TITLE_RE.match(rest)
        if tm and " of " in tm.group(0):
            return None  # "Secretary of State Madeleine Albright": the title itself has "of"
        found = self._classify(start + m.end(), rest[m.end():])
        if found and all(x.type in ("country", "org", "place") for x in found):
            return found
        if len(found) >= 2 and found[-1].type == "person" and all(x.type in ("country", "org") for x in found[:-1]):
            # "Speaker of the Majilis Yerlan Koshanov": the body, then its officer.
            p = found[-1]
            role = p.role or m.group(1)
            self.roles.setdefault(p.name, role)
            self.affiliation.setdefault(p.name, found[-2].name)
            return [*found[:-1], Mention(p.start, p.end, p.name, "person", role)]
        return None

    def _person_of(self, start: int, rest: str) -> list[Mention] | None:
        """ "Joan Brown Campbell of the National Council of Churches", "President Ilves of Estonia":
        a person named with the body or country he or she is of, as two mentions (and an affiliation)."""
        m = _OF_SPLIT.match(rest)
        if not m:
            return None
        name = m.group(1)
        words = name.split()
        tm = _TITLE_RE.match(name) if words[0].rstrip(".").lower() in _TITLE_GATE else None
        role = None
        if tm and tm.end() < len(name):
            role = tm.group(0).strip()
            words = name[tm.end():].split()
        known = " ".join(words) in self.surnames or " ".join(words) in self.surnames.values()
        if not (known or role or 2 <= len(words) <= 4) or len(words) > 4:
            return None
        if any(not _NAME_WORD.fullmatch(w) or w in _NOT_PERSON or w in _STOP or _role_word(w) for w in words):
            return None
        found = self._classify(start + m.end(), rest[m.end():])
        if not found or not all(x.type in ("country", "org") for x in found):
            return None
        full = " ".join(words)
        if role is None and not known and not m.group(0).endswith("the "):
            return None  # "Islamic Republic of Iran": without a title or "of the" body, not surely a person
        pstart = start + (tm.end() if role else 0)
        person = self._classify(pstart, full)
        if len(person) != 1 or person[0].type not in ("person", "name"):
            return None
        p = person[0]
        if role:
            p = Mention(p.start, p.end, p.name, "person", role)
            self.roles.setdefault(p.name, role)
        self.affiliation.setdefault(p.name, found[0].name)
        return [p, *found]

    def resolve_org_noun(self, noun: str, before: int) -> str | None:
        """ "the Organization", "the agency" -> the latest organization mentioned before `before`."""
        head = _ORG_NOUNS.get(noun.lower(), None)
        for pos in sorted((p for p in self.orgs_seen if p < before), reverse=True):
            name = self.orgs_seen[pos]
            if name in _ORG_HEADS:
                continue  # a bare "Organization" is itself a reference, not the antecedent
            if head is None or head.lower() in name.lower() or len(name) <= 8:
                return name
        return None


_KNOWN_LAST = frozenset(k.split()[-1] for k in KNOWN_ORGS)
# People described by what they do, after a common word: "Conference organizers", "Summit hosts".
DESCRIPTIVE_HEADS = (
    "organizers|organisers|hosts|sponsors|officials|delegates|participants|negotiators|leaders|members|"
    "representatives|workers|unions|lawmakers|authorities|prosecutors|investigators|inspectors|monitors|observers"
)
_AGENTS_AFTER = re.compile(rf" ({DESCRIPTIVE_HEADS})\b")
# "<words> of [the] <Rest>": the first "of" of a run.
_OF_SPLIT = re.compile(r"((?:\S+ ){0,4}?\S+) of (?:the )?(?=\S)")
_HEAD_OF = re.compile(rf"(?:The )?(?:\S+ ){{0,3}}?(?:{'|'.join(sorted(_ORG_HEADS))}) (?:of|for|on) ")
_NAME_WORD = re.compile(r"[A-Z][a-z’'-]+(?:[A-Z][a-z’'-]+)?|[A-Z]\.")
# Capitalized words of titles, polities and happenings that never make a person's name.
_NOT_PERSON = frozenset(
    ["Republic", "Kingdom", "Commonwealth", "Principality", "Sultanate", "Emirate", "Emirates", "Duchy", "State",
     "States", "Territory", "Province", "Treaty", "Battle", "War", "Day", "Cup", "Festival", "Games", "Summit",
     "Session", "Convention", "Declaration", "Charter", "Act", "Law", "Bill", "Museum", "Order", "Friends", "Friend",
     "Ministers", "Heads", "Members", "Leaders", "Chiefs", "Joint", "General", "National", "International", "Federal"]
) | _ORG_HEADS | _PLACE_HEADS
# Role words whose bare use names nobody ("the Parliament Speaker"); some are also surnames.
_ROLE_PLURALS = frozenset(w + "s" for w in _ROLE_HEADS) | {"secretaries", "chairmen", "chairwomen", "spokesmen", "deputies", "attorneys"}
_SURNAME_ROLES = frozenset(["king", "judge", "justice", "general", "chief", "chancellor", "prince", "queen", "bishop"])


def _role_word(w: str) -> bool:
    lw = w.rstrip(".,").lower()
    return lw in _TITLE_WORDS or lw in _ROLE_HEADS or lw in _ROLE_PLURALS or lw in ("premier", "spokesperson")
_GROUP_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(exiles|protesters|demonstrators|refugees|students|workers|farmers|rebels|militants|"
    r"fighters|activists|immigrants|opposition|community|dissidents|separatists|settlers|pilgrims|fans)\b"
)
# Ethnic and communal adjectives that qualify a people within or across countries: "Iraqi Kurdish",
# "Bosnian Croat", "Israeli Arab". Never a country by themselves.
ETHNIC = frozenset(
    ["Kurdish", "Kurd", "Croat", "Tamil", "Pashtun", "Hazara", "Tatar", "Uighur", "Uyghur", "Arab", "Druze", "Shiite",
     "Sunni", "Alawite", "Maronite", "Hutu", "Tutsi", "Berber", "Baloch", "Basque", "Catalan", "Chechen", "Ossetian",
     "Abkhaz", "Roma", "Rohingya", "Karen", "Kachin", "Igbo", "Yoruba", "Zulu", "Maori", "Sikh", "Jewish", "Muslim",
     "Christian", "Catholic", "Protestant", "Orthodox", "Hindu", "Buddhist", "Coptic", "Assyrian", "Yazidi", "Turkoman"]
)
# The people a compound descriptor qualifies: "Kosovo Albanian leaders", "Bosnian Serb negotiators".
_COMPOUND_HEAD = re.compile(
    r"\s+(?:[a-z][\w-]*\s+)?(leaders|leader|officials|official|negotiators|negotiator|delegation|delegations|delegates|"
    r"representatives|politicians|lawmakers|legislators|deputies|parties|party|community|communities|forces|fighters|"
    r"rebels|militants|militias?|guerrillas|refugees|exiles|authorities|side|population|minority|groups?|troops|police|"
    r"students|villagers|civilians|protesters|demonstrators|activists|voters|residents|families|people|politician|"
    r"spokesman|spokeswoman|government|administration|parliament|assembly|presidency|president|soldiers|army|"
    r"opposition|hardliners|moderates|separatists|nationalists|clergy|elders|chiefs|workers|farmers)\b"
)
# A singular head that is the title of the person named next: "Bosnian Serb leader Radovan ...".
_COMPOUND_TITLE = re.compile(r"(?:leader|official|negotiator|politician|spokesman|spokeswoman|president)\s+[A-Z]")


# Demonyms and ethnic adjectives, singular and plural ("Serbs", "Kurds"): one set look-up per word.
_PEOPLE_WORDS = frozenset(DEMONYMS) | ETHNIC | frozenset(w + "s" for w in (*DEMONYMS, *ETHNIC))


def _people_word(w: str) -> bool:
    """A word naming a people: a demonym or ethnic adjective, singular or plural ("Serbs", "Kurds")."""
    return w in _PEOPLE_WORDS


def _compound_people(first: str, second: str) -> bool:
    """ "Kosovo Albanian", "Bosnian Serb", "Turkish Cypriot", "Iraqi Kurdish": a country, demonym or
    ethnic word qualifying another people word. The pair names a community, not either country."""
    first = first.strip(",")
    second = second.strip(",")
    return (first in COUNTRY_NAMES or first in DEMONYMS or first in ETHNIC) and _people_word(second) and first != second


def _ends_sentence(text: str, end: int) -> bool:
    """True when the token ending at `end` closes a sentence ("TurkPA." but not "U.S." or "Mr.")."""
    if end <= 0 or text[end - 1] != ".":
        return False
    w = _TAIL_WORD.search(text, max(0, end - 12), end)
    word = w.group(0) if w else ""
    return not (_DOTTED.fullmatch(word) or word.rstrip(".") in _ABBR_OK)


_LOWER_NEXT = re.compile(r"\s+[a-z]")
_NONSPACE = re.compile(r"\S+")
_TAIL_WORD = re.compile(r"[\w.]+$")
_DOTTED = re.compile(r"(?:[A-Z]\.)+")
_ABBR_OK = frozenset(["Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Maj", "Capt", "Prof", "Jr", "Sr", "Rev", "Adm", "Sgt"])


def run_text_after(text: str, pos: int) -> str:
    return text[pos : pos + 40]


_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper())
_CAP_TAIL = r"(?:[\w'’-]*\w)?(?:\.(?=[A-Z]\.))?(?:[A-Z]\.)*\.?"
_CAP_WORD = rf"[{_UPPER}]{_CAP_TAIL}"
# Capitalized words joined by single spaces/newlines and at most one connector ("of the" counts as one).
# The capital comes first and the look-behinds (not after a word, "’", "-" or "x'") step over it:
# the same matches, but a pattern opening with a character class lets the engine skip to candidates.
_CAP_RUN = re.compile(
    rf"[{_UPPER}](?<![\w’-][\s\S])(?<!\w'[\s\S]){_CAP_TAIL}"
    rf"(?:\s+(?:(?:of\s+the|of|for|and|on|de|du|des|del|la|al|bin|van|von|der)\s+)?{_CAP_WORD})*"
)
_CAP_IN_RUN = re.compile(_CAP_WORD)


def _cap_runs(text: str, s: int, e: int) -> list[tuple[int, str]]:
    """Runs of capitalized words (connectors like "of the" allowed inside), with their offsets.
    A run stops at a paragraph break and after a word that ends a sentence ("TurkPA. This")."""
    runs: list[tuple[int, str]] = []
    for m in _CAP_RUN.finditer(text, s, e):
        a, b = m.start(), m.end()
        cut = prev_end = a
        if "." in m.group(0) or "\n\n" in m.group(0):
            for w in _CAP_IN_RUN.finditer(text, a, b):
                if w.start() != cut and w.start() > a:
                    gap = text[prev_end : w.start()]
                    if "\n\n" in gap or _ends_sentence(text, prev_end):
                        runs.append((cut, text[cut:prev_end]))
                        cut = w.start()
                prev_end = w.end()
        runs.append((cut, text[cut:b]))
    return [(a, r.rstrip(".")) if not r.endswith(("U.S.", "U.N.", "U.K.", "D.C.")) else (a, r) for a, r in runs]


def _is_hyphen_name(run: str) -> bool:
    return "-" in run


def _trim_long(long: str, short: str) -> str:
    """The name right before "(ACRONYM)": its capitalized words (with "of", "and" ...), starting at
    a word whose initial occurs in the acronym: "Parliamentary Assembly of Turkic States" (TURKPA)."""
    words = long.split()
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or words[k - 1] in ("of", "and", "for", "on", "in", "de", "the", "&")):
        k -= 1
    tail = whole = words[k:]
    letters = {c for c in short.upper() if c.isalpha()}
    while tail and (not tail[0][:1].isupper() or tail[0] in ("The", "A", "An") or tail[0][:1].upper() not in letters):
        tail = tail[1:]
    caps = [w for w in tail if w[:1].isupper()]
    if len(caps) < 2 or sum(w[0].upper() in letters for w in caps) * 2 < len(caps):
        # A translated or native acronym ("National Security Committee (KNB)"): the whole capitalized
        # name, when it names a body, so both forms are one actor in the article.
        while whole and (not whole[0][:1].isupper() or whole[0] in ("The", "A", "An")):
            whole = whole[1:]
        if sum(w[:1].isupper() for w in whole) >= 2 and whole[-1] in _ORG_HEADS and not any(
            w.endswith(("'s", "’s")) for w in whole
        ):
            return " ".join(whole)
        return ""
    return " ".join(tail)


def _preferred_acronym(body: str, short: str) -> str:
    """The spelling used most outside the definition: TURKPA defined, TurkPA used -> "TurkPA"."""
    forms = Counter(m.group(0) for m in re.finditer(re.escape(short), body, re.IGNORECASE) if m.group(0).upper() == short.upper())
    mixed = [f for f in forms if not f.isupper()]
    if mixed:
        return max(mixed, key=lambda f: forms[f])
    return short


def _org_name(rest: str) -> str:
    for prefix in ("the ", "The "):
        rest = rest.removeprefix(prefix)
    return rest


# Sentence-initial capitalized common nouns that name nobody ("Officials said ...").
_COMMON_CAPS = frozenset(
    ["parties", "voters", "delegations", "members", "governments", "unions", "companies", "lawyers", "judges",
     "officials", "official", "protesters", "demonstrators", "police", "lawmakers", "authorities", "experts", "analysts", "critics", "residents", "witnesses", "investigators", "prosecutors", "diplomats", "leaders", "ministers", "troops", "soldiers", "rebels", "delegates", "negotiators", "observers", "organizers", "organisers", "workers", "students", "voters", "sources", "reports"]
)
_LEADING_SKIP = frozenset({"the", "of"}) | _COMMON_CAPS

_EVENTISH = frozenset(
    ["elections", "election", "sentencing", "talks", "negotiations", "voting", "trial", "hearing", "summit", "meeting", "session", "shareholders", "investors", "voters", "prices", "oil"]
)

ORG_HEADS = _ORG_HEADS

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})
FIRST_PERSON = frozenset({"i", "we", "our", "us", "my", "me", "we'll", "i'll", "we're", "i'm"})


# Capitals standing for their country when they act: "Washington would use force".
CAPITALS: dict[str, str] = {
    "Washington": "United States", "Moscow": "Russia", "Beijing": "China", "Baghdad": "Iraq",
    "Havana": "Cuba", "Ankara": "Turkey", "Astana": "Kazakhstan", "London": "United Kingdom",
    "Paris": "France", "Berlin": "Germany", "Bonn": "Germany", "Tokyo": "Japan", "Tehran": "Iran",
    "Damascus": "Syria", "Jerusalem": "Israel", "Kabul": "Afghanistan", "Kiev": "Ukraine",
    "Kyiv": "Ukraine", "Pyongyang": "North Korea", "Seoul": "South Korea", "Cairo": "Egypt",
    "Islamabad": "Pakistan", "New Delhi": "India", "Beirut": "Lebanon", "Tashkent": "Uzbekistan",
    "Bishkek": "Kyrgyzstan", "Baku": "Azerbaijan", "Belgrade": "Serbia", "Warsaw": "Poland",
    "Budapest": "Hungary", "Prague": "Czech Republic", "Rome": "Italy", "Madrid": "Spain",
    "Ottawa": "Canada", "Canberra": "Australia", "Tripoli": "Libya", "Riyadh": "Saudi Arabia",
}

def _gazetteer_capitals() -> None:
    from .places import _ROWS

    for row in _ROWS.strip().splitlines():
        country, cities = row.split(":", 1)
        capital = cities.split(",")[0].strip()
        CAPITALS.setdefault(capital, country.strip())


_gazetteer_capitals()

ROLE_NOUNS = (
    "father|mother|son|daughter|uncle|great-uncle|aunt|great-aunt|cousin|brother|sister|wife|husband|"
    "grandmother|grandfather|stepmother|president|minister|secretary|spokesman|spokeswoman|spokesperson|"
    "leader|chairman|chairwoman|chief|mayor|governor|senator|congressman|lawmaker|lawyer|attorney|judge|"
    "official|ambassador|envoy|commander|general|director|king|queen|premier|chancellor|speaker|head|"
    "founder|executive|diplomat|negotiator|prosecutor|candidate|manager|owner|pope|prince|emir|sheikh"
)
_ROLE_BEFORE = re.compile(
    rf"(?:\b(?:the|an?|his|her|their|its)\s+|[\w’']+['’]s\s+|^|[\s,])((?:[a-z][\w-]*\s+){{0,2}})({ROLE_NOUNS}),?\s*$"
)
_ROLE_AFTER = re.compile(
    rf",\s+(?:the\s+|an?\s+|[\w’'.]+['’]s\s+)?(?:[\w-]+\s+){{0,3}}?({ROLE_NOUNS})\b"
    r"(?:\s+(?:of|for|at|to)\s+(?:the\s+)?((?:[^,.;]|\.(?=\w)|(?<=\b[A-Z])\.)+))?"
)
_ROLE_SET = frozenset(ROLE_NOUNS.split("|"))
_TITLE_HEAD = re.compile(rf"\b({ROLE_NOUNS})\b", re.IGNORECASE)
_DESCRIPTION = re.compile(
    rf"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[\w’']+['’]s\s+)?(?:[a-z][\w-]*\s+){{0,2}}?({ROLE_NOUNS})\b"
)
# "A Pentagon spokesman said": later "spokesman Kenneth Bacon" speaks for the Pentagon.
_ORG_ROLE = re.compile(r"\s+(spokesman|spokeswoman|spokesperson|official|officials|sources?|envoy|representative)\b")


_PLAIN_GAP = re.compile(r"[\s\w.-]*")


def register_descriptors(index: ActorIndex, s: int, e: int, mentions: list[Mention]) -> None:
    """Learn "Elian's father Juan Miguel Gonzalez", "Alex Penelas, mayor of Miami-Dade County",
    "Cuban President Fidel Castro": role nouns that later stand for the person, and affiliations."""
    text = index.text
    for k, m in enumerate(mentions):
        if m.type != "person":
            continue
        heads: list[str] = []
        if m.role:
            heads += [h.lower() for h in _TITLE_HEAD.findall(m.role)]
        before = text[max(s, m.start - 60) : m.start]
        # Cheap word check first: the anchored look-back regex is costly on every name.
        rb = _ROLE_BEFORE.search(before) if not _ROLE_SET.isdisjoint(before.replace(",", " ").split()) else None
        if rb:
            heads.append(rb.group(2))
        ra = _ROLE_AFTER.match(text, m.end, min(e, m.end + 120))
        if ra:
            heads.append(ra.group(1))
            if ra.group(2):
                inside = [o for o in mentions[k + 1 :] if o.start >= ra.start(2) and o.end <= ra.end(2) + 1
                          and o.type in ("org", "country", "place", "name")]
                orgs = [o for o in inside if o.type == "org"] or inside
                if orgs:
                    index.affiliation.setdefault(m.name, orgs[-1].name)
        # "Cuban President Fidel Castro", "U.N. Secretary-General Kofi Annan": the preceding country or org.
        if k > 0:
            prev = mentions[k - 1]
            gap = text[prev.end : m.start]
            if prev.type in ("country", "org") and len(gap) <= 40 and _PLAIN_GAP.fullmatch(gap) and (m.role or rb):
                index.affiliation.setdefault(m.name, prev.name)
        for h in heads:
            index.descriptors.append((m.start, h.lower(), m.name))
            if m.name not in index.affiliation and h.lower() in index.role_org:
                index.affiliation[m.name] = index.role_org[h.lower()]
    for m in mentions:
        if m.type in ("org", "country"):
            r = _ORG_ROLE.match(text, m.end, min(e, m.end + 20))
            if r:
                index.role_org[r.group(1).rstrip("s")] = m.name
                index.role_org[r.group(1)] = m.name


def resolve_description(index: ActorIndex, phrase_text: str, pos: int) -> str | None:
    """ "the father", "the boy's great-uncle", "the president" -> the person last described so."""
    m = _DESCRIPTION.search(phrase_text)
    if not m:
        return None
    head = m.group(1).lower()
    for p, h, name in reversed(index.descriptors):
        if p < pos and h == head:
            return name
    return None
