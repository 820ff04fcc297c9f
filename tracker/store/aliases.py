"""Other names of one body: a small curated table of well-known international and parliamentary
organizations (acronym <-> full names, old and new names), and the pairs an article defines
itself ("the Parliamentary Assembly of Turkic States (TurkPA)").

Follow-up matching treats every name of a body as the same actor, so an item about "TurkPA" meets
a report that names only "the Parliamentary Assembly of Turkic States", and the reverse. The
extractor already joins an acronym to the long name *within* an article that defines it, and
initials ("Eurasian Rail Conference" ~ "ERC") are compared in matching.py; this table covers the
bodies whose acronym is not their initials (TurkPA, Interpol, UNESCO) and reports that never give
the acronym at all.

Conservative by construction: a row is one body, and only whole names are compared ("the
Assembly", "Parliamentary Assembly" or "Council" alone name no row); bodies with similar names
are separate rows (TurkPA, the parliamentary assembly, is not the Turkic Council, now the
Organization of Turkic States; the OSCE PA is not the OSCE). A name may stand in one row only, and
acronyms that several well-known bodies share (ICC, APA, EC) are left out.
"""
from __future__ import annotations

from functools import cache, lru_cache

from .merge import normalize_name, title_terms

# One body per line: names separated by "|", the usual short name first. Old names of a body that
# was renamed (the Turkic Council -> the Organization of Turkic States) belong to its row.
_ROWS = """
United Nations | UN | U.N.
UN Security Council | United Nations Security Council | U.N. Security Council | UNSC
UN General Assembly | United Nations General Assembly | U.N. General Assembly | UNGA
UNESCO | United Nations Educational, Scientific and Cultural Organization | UN Educational, Scientific and Cultural Organization
UNICEF | United Nations Children's Fund | UN Children's Fund
UNHCR | UN Refugee Agency | United Nations High Commissioner for Refugees | Office of the United Nations High Commissioner for Refugees
UNDP | United Nations Development Programme | UN Development Programme
UNEP | United Nations Environment Programme | UN Environment Programme
UNCTAD | United Nations Conference on Trade and Development | UN Conference on Trade and Development
WHO | World Health Organization | World Health Organisation
IAEA | International Atomic Energy Agency
FAO | Food and Agriculture Organization | Food and Agriculture Organization of the United Nations
ILO | International Labour Organization | International Labor Organization | International Labour Organisation
IOM | International Organization for Migration
ICAO | International Civil Aviation Organization
WMO | World Meteorological Organization
ICJ | International Court of Justice
WTO | World Trade Organization | World Trade Organisation
IMF | International Monetary Fund
OECD | Organisation for Economic Co-operation and Development | Organization for Economic Cooperation and Development | Organization for Economic Co-operation and Development
Interpol | International Criminal Police Organization | International Criminal Police Organisation | ICPO
Europol | European Union Agency for Law Enforcement Cooperation
European Union | EU | E.U.
European Central Bank | ECB
EBRD | European Bank for Reconstruction and Development
PACE | Parliamentary Assembly of the Council of Europe
NATO | North Atlantic Treaty Organization | North Atlantic Treaty Organisation | North Atlantic Alliance
NATO PA | NATO Parliamentary Assembly | NATO-PA
OSCE | Organization for Security and Co-operation in Europe | Organization for Security and Cooperation in Europe | Organisation for Security and Co-operation in Europe | Organisation for Security and Cooperation in Europe
OSCE PA | OSCE Parliamentary Assembly | Parliamentary Assembly of the OSCE | Parliamentary Assembly of the Organization for Security and Co-operation in Europe
CIS | Commonwealth of Independent States
IPA CIS | CIS IPA | CIS Interparliamentary Assembly | Interparliamentary Assembly of the CIS | Inter-Parliamentary Assembly of the CIS | Interparliamentary Assembly of the Commonwealth of Independent States | Inter-Parliamentary Assembly of the Commonwealth of Independent States | Interparliamentary Assembly of CIS Member Nations | Inter-Parliamentary Assembly of Member Nations of the Commonwealth of Independent States
CSTO | Collective Security Treaty Organization | Collective Security Treaty Organisation
CSTO PA | CSTO Parliamentary Assembly | Parliamentary Assembly of the CSTO | Parliamentary Assembly of the Collective Security Treaty Organization
SCO | Shanghai Cooperation Organisation | Shanghai Cooperation Organization
CICA | Conference on Interaction and Confidence Building Measures in Asia | Conference on Interaction and Confidence-Building Measures in Asia
EAEU | Eurasian Economic Union | EEU
TurkPA | Parliamentary Assembly of Turkic States | Parliamentary Assembly of the Turkic States | Parliamentary Assembly of Turkic Speaking Countries | Parliamentary Assembly of Turkic-Speaking Countries
OTS | Organization of Turkic States | Organisation of Turkic States | Turkic Council | Cooperation Council of Turkic Speaking States | Cooperation Council of Turkic-Speaking States
TURKSOY | International Organization of Turkic Culture
ECO | Economic Cooperation Organization | Economic Cooperation Organisation
CAREC | Central Asia Regional Economic Cooperation | Central Asia Regional Economic Cooperation Program
ADB | Asian Development Bank
AIIB | Asian Infrastructure Investment Bank
IsDB | Islamic Development Bank
OIC | Organisation of Islamic Cooperation | Organization of Islamic Cooperation | Organization of the Islamic Conference
PUIC | Parliamentary Union of the OIC Member States | Parliamentary Union of OIC Member States
GCC | Gulf Cooperation Council | Cooperation Council for the Arab States of the Gulf
Arab League | League of Arab States
African Union | AU
OAS | Organization of American States
ASEAN | Association of Southeast Asian Nations | Association of South-East Asian Nations
APEC | Asia-Pacific Economic Cooperation
OPEC | Organization of the Petroleum Exporting Countries | Organization of Petroleum Exporting Countries | Organisation of the Petroleum Exporting Countries
IPU | Inter-Parliamentary Union
PABSEC | Parliamentary Assembly of the Black Sea Economic Cooperation
BSEC | Organization of the Black Sea Economic Cooperation | Black Sea Economic Cooperation
G7 | Group of Seven | G-7
G20 | Group of Twenty | G-20
"""

# Names too general to stand for one body, whatever an article or a table row says.
GENERIC_WORDS = frozenset(
    """assembly parliament parliamentary council union organization organisation commission committee
    agency ministry department office bank fund forum conference summit alliance association league
    federation court secretariat government state states national international interparliamentary
    inter foreign affairs central general supreme federal regional economic cooperation co operation
    security development world global joint permanent standing executive board group body""".split()
)
_CONNECTORS = frozenset(["of", "for", "and", "on", "the", "de", "du", "des", "del", "la", "al", "in", "s"])


def _rows() -> list[tuple[str, ...]]:
    return [tuple(n.strip() for n in line.split("|")) for line in _ROWS.strip().splitlines() if line.strip()]


def _words(name: str) -> list[str]:
    return [w for w in normalize_name(name).split() if w not in _CONNECTORS]


def distinctive(name: str) -> bool:
    """A name that can stand for one body by itself: a single word that is no generic head
    ("TurkPA", "Interpol"; not "Assembly"), or a longer name with at least one word that is not a
    generic head or qualifier ("Parliamentary Assembly", "Ministry of Foreign Affairs" are not)."""
    words = _words(name)
    if len(words) == 1:
        return words[0] not in GENERIC_WORDS and len(words[0]) >= 2
    return any(w not in GENERIC_WORDS and not w.isdigit() for w in words)


@cache  # built on first use: most commands never compare names
def _groups() -> dict[str, frozenset[str]]:
    groups: dict[str, frozenset[str]] = {}
    for row in _rows():
        names = frozenset(normalize_name(n) for n in row)
        for n in row:
            key = normalize_name(n)
            # The curator vouches for a long name made of general words ("Economic Cooperation
            # Organization"), never for one or two of them ("Parliamentary Assembly").
            if not distinctive(n) and len(_words(n)) < 3:
                raise ValueError(f"alias table: {n!r} is too general to name one body")
            if key in groups and groups[key] != names:
                raise ValueError(f"alias table: {n!r} stands in two rows")
            groups[key] = names
    return groups


@cache  # built on first use, like _groups
def _index() -> tuple[dict[str, str], dict[str, list[tuple[tuple[str, ...], str]]], dict[str, tuple[str, ...]]]:
    """For the store's merge: each normalized name -> its row's key (the row's first name); each
    title term that starts a name -> (the name's title terms, the key), longest first; each key ->
    the title terms of all its names."""
    key_of: dict[str, str] = {}
    runs: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    terms_of: dict[str, tuple[str, ...]] = {}
    for row in _rows():
        key = normalize_name(row[0])
        words: dict[str, None] = {}
        for n in row:
            key_of[normalize_name(n)] = key
            tt = tuple(title_terms(n))
            if tt:
                runs.setdefault(tt[0], []).append((tt, key))
                words.update(dict.fromkeys(tt))
        terms_of[key] = tuple(words)
    for found in runs.values():
        found.sort(key=lambda r: -len(r[0]))
    return key_of, runs, terms_of




def canonical_name(normalized: str) -> str:
    """A normalized actor name as the key of the body it names ("parliamentary assembly of
    turkic states" -> "turkpa"), or unchanged when the table does not know it."""
    return _index()[0].get(normalized, normalized)


@lru_cache(maxsize=65536)
def canonical_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    """Title terms with each run that spells a known body's name replaced by one term for the body
    ("parliamentary assembly turkic state plenary" -> "=turkpa plenary"; "turkpa session" ->
    "=turkpa session"), so two titles naming one body differently compare as the same words."""
    out: list[str] = []
    runs = _index()[1]
    i = 0
    while i < len(terms):
        for run, key in runs.get(terms[i], ()):
            if terms[i : i + len(run)] == run:
                out.append("=" + key)
                i += len(run)
                break
        else:
            out.append(terms[i])
            i += 1
    return tuple(dict.fromkeys(out))


def lookup_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    """`terms` plus the title terms of every other name of the bodies they name: what the store's
    candidate lookup must search so that an item titled with another of a body's names is found."""
    extra: dict[str, None] = {}
    for t in canonical_terms(terms):
        if t.startswith("="):
            extra.update(dict.fromkeys(_index()[2][t[1:]]))
    return tuple(dict.fromkeys((*terms, *extra))) if extra else terms


def other_names(name: str) -> frozenset[str]:
    """The normalized names of the body `name` names (itself included), or an empty set when the
    table does not know it."""
    return _groups().get(normalize_name(name), frozenset())


def known_apart(a: str, b: str) -> bool:
    """Whether the table knows both names as two different bodies (the Turkic Council is not
    TurkPA): an article pairing them is not believed."""
    ga, gb = other_names(a), other_names(b)
    return bool(ga) and bool(gb) and ga != gb


def learned_aliases(pairs: dict[str, str], actors: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Other names of `actors` that the article itself gave ("the Parliamentary Assembly of Turkic
    States (TurkPA)": `pairs` maps each surface of a defined acronym to its canonical name, as the
    extractor's ActorIndex.acronyms does). Kept only when the long name is distinctive and the
    table does not know the two as different bodies."""
    out: list[str] = []
    wanted = set(actors)
    for surface, canon in pairs.items():
        if canon not in wanted or surface == canon or " " not in surface.strip():
            continue
        if normalize_name(surface) == normalize_name(canon) or not distinctive(surface):
            continue
        if known_apart(surface, canon):
            continue
        if surface not in out:
            out.append(surface)
    return tuple(out)


__all__ = ["GENERIC_WORDS", "canonical_name", "canonical_terms", "distinctive", "known_apart", "learned_aliases",
           "lookup_terms", "other_names"]
