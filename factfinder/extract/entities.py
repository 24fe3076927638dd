"""Entity mentions and canonical actors, on top of spaCy's ``doc.ents``.

The small model's known errors are corrected by general, data-driven rules (tables in
``ontology/entities.json``): country names tagged ORG become GPE, demonyms/status words mis-tagged
PERSON become NORP, leading "the" is dropped from ORG/LAW names, statutes and treaties become LAW,
untagged demonyms and surnames of people already seen are added. Before meaning, layout and names:
the dateline (``sources.dateline``) gives its city/country GPE and its outlet ORG; spans glued across a
line break, dash or bracket are cut; a name the gazetteer knows, or that a settlement context frames
("the village of X", "X district"), is a place unless a person cue says otherwise (an honorific or title
before it, an age after it, a word of a person's full name in the report); division names keep their
noun ("Kaduna State", "Poltava region"); facility and natural-feature heads give FAC/LOC; untagged
acronyms and "the interior ministry" are ORG. Span repair: a name cut at its "and" ("X Roads" + "and" +
"Bridges Authority") is one, a division glued to the division it lies in ("X Local Government Area of
Y State") is two, no name ends in a preposition or conjunction, and the words an acronym in brackets
spells ("Coast Guard X (CGX)") are one organisation. Context typing: a common noun in apposition
("X, a mining company", "X, the army headquarters", "X, head of ...") and "residents of X" say what a
name is; a name before "militants" is a group's; one name keeps one type within a report. Names of people
(v5): a given name (``ontology/given_names.txt``) + surname the model typed a place or body is a person; a
word of a person's full name ("Paris said" after "Nadia Paris") and a given name the model itself calls a
person in most of its mentions stay people unless a preposition or settlement noun frames them; an
acronym in running text and a name with digits are no person's; a name after a collective noun ("the
rights group X") is the group's, with a sector from the nouns framing it; only a place's own name or
spelling (not a gazetteer alternate name) overrides the model's non-place type; "the Embassy of X in Y"
is one organisation. Names of bodies and sites (v6): a capitalised run ending in a newspaper's head word
("the Caspian Sea Ledger") is the outlet; a name no gazetteer knows before a lower-case institution noun
("the X hospital") is the institution, noun included; a name opening with a broadcaster word ("Radyo X")
is the station; a demonym before a definite portfolio ministry ("the Polish interior ministry") is part of
it; a place name no gazetteer knows before a site noun ("the X displacement site") is a facility; a
sentence's first word glued to a demonym ("Displaced Somali" PERSON/ORG/WORK_OF_ART) leaves the demonym.
Mentions are then grouped into
actors within the report (surname -> full name, acronym -> long form, demonym -> country), roles and
affiliations are read from pre-name titles and appositives, and state-sector groups ("X's government,
police and armed forces", "the Belarusian authorities", "the regime") become one "<Country> government"
actor.

Other stages use :func:`resolve_actor`, :func:`actor_by_name` and :func:`country_of`.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..ontology import load, word_set
from ..ontology.countries import countries as country_table
from ..records import Actor, Analysis, Mention, Report, Span
from ..sources.dateline import parse as parse_dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span as SpacySpan, Token

NAME = "factfinder.entities.rules.v10"
REQUIRES: tuple[str, ...] = ()
ASSIGNS: tuple[str, ...] = ("mentions", "actors")

_QUOTES = "\"'‘’“”«»"
_POSSESSIVE = ("’s", "'s", "’", "'")
_KIND_BY_LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "location", "LOC": "location",
                  "NORP": "group", "LAW": "law", "FAC": "facility", "EVENT": "event", "PRODUCT": "product",
                  "WORK_OF_ART": "work", "LANGUAGE": "language"}
_CONTEXT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_TRAILING_FUNCTION = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "PART"})


# ---------------------------------------------------------------------------------------------
# Lexicon: loaded once, every lookup precompiled.


@dataclass(frozen=True, slots=True)
class _Lex:
    countries: dict[str, str]  # lower-case name -> alpha3
    common: dict[str, str]  # alpha3 -> common name
    demonyms: dict[str, str]  # lower-case demonym -> alpha3
    adjective: dict[str, str]  # alpha3 -> adjective ("Belarusian")
    demonym_re: re.Pattern[str]
    gov_re: re.Pattern[str]
    definite: frozenset[str]
    capitals: dict[str, str]  # capital city -> alpha3
    kept: frozenset[str]
    gov_nouns: frozenset[str]
    anaphora: frozenset[str]
    security: frozenset[str]
    law_heads: frozenset[str]
    embassy_heads: frozenset[str]
    generic: frozenset[str]
    status: dict[str, str]
    role_words: frozenset[str]
    sectors: tuple[tuple[str, str], ...]  # (keyword, sector), longest keyword first
    igo_patterns: tuple[str, ...]
    igo_acronyms: frozenset[str]
    acronym_stop: frozenset[str]
    person_roles: frozenset[str]
    honorifics: frozenset[str]
    name_honorifics: frozenset[str]
    division_full: frozenset[str]
    division_named: frozenset[str]
    settlement: frozenset[str]
    facility_heads: frozenset[str]
    natural_heads: frozenset[str]
    human_verbs: frozenset[str]
    locative_preps: frozenset[str]
    org_heads: frozenset[str]
    collective_orgs: frozenset[str]
    thoroughfares: frozenset[str]
    weekdays: frozenset[str]
    portfolios: frozenset[str]
    not_acronyms: frozenset[str]
    division_blocklist: frozenset[str]
    person_possessives: frozenset[str]  # "his"/"her": the owner is a person
    division_phrases: tuple[str, ...]  # multi-word division nouns after a name
    facility_nouns: frozenset[str]  # an appositive headed so makes the name a facility
    place_of_nouns: frozenset[str]  # "residents of X": X is a place
    member_nouns: frozenset[str]  # "X militants": X is a group
    group_sectors: dict[str, str]  # word beside a group's name -> sector ("militants" -> opposition)
    outlet_heads: frozenset[str]  # "Gazette", "Courier": a capitalised run ending in one is a newspaper
    institution_nouns: frozenset[str]  # "hospital": "the X hospital" is one organisation
    site_nouns: frozenset[str]  # "site": a place name before one ("the X displacement site") is a facility
    broadcaster_words: frozenset[str]  # "Radio", "Tele": a name opening with one is a station's
    postnominals: frozenset[str]  # "MP", "QC": capitals after a person's name that are no body's acronym
    medium_cues: frozenset[str]  # "posted", "messages": "posted on X" makes X a platform (ORG)
    membership_nouns: frozenset[str]  # "members": "members of X" makes X a body (ORG)
    staff_nouns: frozenset[str]  # "founder", "officials": "X founder Ana Brix" makes X a body (ORG)
    staff_plurals: frozenset[str]  # "officials", "employees": a body's, even after a name typed a person
    caption_words: frozenset[str]  # "image", "photo": before a colon, a picture credit's word, no name's


def _plurals(form: str, endings: list[str]) -> list[str]:
    return [form + "s"] if any(form.endswith(e) for e in endings) and " " not in form else []


@functools.lru_cache(maxsize=1)
def _lex() -> _Lex:
    data: dict[str, Any] = load("entities")
    table = country_table()  # ontology/countries.json: package names, curated aliases and demonyms
    countries: dict[str, str] = {}
    common: dict[str, str] = {c.iso3: c.name for c in table}
    for names in (lambda c: c.names, lambda c: c.aliases, lambda c: (c.name,)):
        for c in table:
            for n in names(c):
                countries.setdefault(_strip_the(n).lower(), c.iso3)
    demonyms: dict[str, str] = {}
    adjective: dict[str, str] = {}
    endings = data["demonym_plural_endings"]
    for c in table:
        if c.demonyms:
            adjective.setdefault(c.iso3, c.demonyms[0])
        for f in c.demonyms:
            for g in [f, *_plurals(f, endings)]:
                demonyms.setdefault(g.lower(), c.iso3)
    forms_cs = sorted({f for c in table for f0 in c.demonyms for f in [f0, *_plurals(f0, endings)]},
                      key=len, reverse=True)
    sectors = sorted(((k.lower(), s) for s, ks in data["sectors"].items() for k in ks),
                     key=lambda x: len(x[0]), reverse=True)
    gov = frozenset(data["gov_nouns"])
    return _Lex(
        countries=countries, common=common, demonyms=demonyms, adjective=adjective,
        demonym_re=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms_cs)) + r")(?![\w-])"),
        gov_re=re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(gov))) + r")\b", re.IGNORECASE),
        definite=frozenset(data["definite_countries"]),
        capitals=_capitals(),
        kept=frozenset(data["kept_labels"]), gov_nouns=gov, anaphora=frozenset(data["gov_anaphora_nouns"]),
        security=frozenset(data["security_nouns"]), law_heads=frozenset(data["law_heads"]),
        embassy_heads=frozenset(data["embassy_heads"]), generic=frozenset(data["generic_names"]),
        status=dict(data["status_words"]),
        role_words=frozenset(data["role_nouns"]) | frozenset(data["title_modifiers"])
        | frozenset(w for k, _ in sectors for w in k.split()),
        sectors=tuple(sectors), igo_patterns=tuple(data["igo_patterns"]),
        igo_acronyms=frozenset(data["igo_acronyms"]), acronym_stop=frozenset(data["acronym_stopwords"]),
        person_roles=frozenset(data["person_role_nouns"]),
        honorifics=frozenset(data["honorifics"]), name_honorifics=frozenset(data["name_honorifics"]),
        division_full=frozenset(data["division_nouns_full"]),
        division_named=frozenset(data["division_nouns_named"]), settlement=frozenset(data["settlement_nouns"]),
        facility_heads=frozenset(data["facility_heads"]), natural_heads=frozenset(data["natural_heads"]),
        human_verbs=frozenset(data["human_verbs"]), locative_preps=frozenset(data["locative_preps"]),
        org_heads=frozenset(data["org_heads"]), collective_orgs=frozenset(data["collective_org_nouns"]),
        thoroughfares=frozenset(data["thoroughfare_heads"]),
        weekdays=frozenset(data["weekdays"]), portfolios=frozenset(data["ministry_portfolios"]),
        not_acronyms=frozenset(data["not_org_acronyms"]), division_blocklist=frozenset(data["division_name_blocklist"]),
        person_possessives=frozenset(data["person_possessives"]),
        division_phrases=tuple(p.lower() for p in data["division_phrases"]),
        facility_nouns=frozenset(data["facility_nouns"]), place_of_nouns=frozenset(data["place_of_nouns"]),
        member_nouns=frozenset(data["member_nouns"]),
        group_sectors={w: sec for sec, ws in data["group_sectors"].items() for w in ws},
        outlet_heads=frozenset(data["outlet_heads"]), institution_nouns=frozenset(data["institution_nouns"]),
        site_nouns=frozenset(data["site_nouns"]), broadcaster_words=frozenset(data["broadcaster_words"]),
        postnominals=frozenset(data["postnominals"]),
        medium_cues=frozenset(data["medium_cues"]), membership_nouns=frozenset(data["membership_nouns"]),
        staff_nouns=frozenset(data["staff_nouns"]), staff_plurals=frozenset(data["staff_plurals"]),
        caption_words=frozenset(data["caption_words"]),
    )


def _capitals() -> dict[str, str]:
    return {c.capital: c.iso3 for c in country_table() if c.capital}


def _cities() -> dict[str, str]:
    """City name -> alpha3 of its most populous namesake (compiled with the place gazetteer and kept on
    disk: ``gazetteer_cache``; loaded only when a city needs a country)."""
    from .gazetteer_cache import compiled

    return compiled()[1]


# ---------------------------------------------------------------------------------------------
# Public helpers.


@functools.lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Given names of many naming traditions (ontology/given_names.txt, derived from Faker's MIT-licensed
    locale lists by scripts/given-names): the first word of a person's name, whatever the model typed."""
    from ..ontology import load_text

    return frozenset(line.strip() for line in load_text("given_names.txt").splitlines()
                     if line.strip() and not line.startswith("#"))


def _strip_the(text: str) -> str:
    return text[4:] if text[:4].lower() == "the " else text


def _clean_name(text: str) -> str:
    t = text.strip().strip(_QUOTES).strip()
    for p in _POSSESSIVE:
        if t.endswith(p):
            t = t[: -len(p)]
            break
    return _strip_the(t.strip())


def country_of(name_or_demonym: str) -> tuple[str, str] | None:
    """(alpha3, common name) for a country name, official name or demonym; None if not a country."""
    lex = _lex()
    key = _clean_name(name_or_demonym).lower()
    a3 = lex.countries.get(key) or lex.demonyms.get(key)
    return (a3, lex.common.get(a3, key.title())) if a3 else None


def country_phrase(a3: str) -> str:
    """The country's common name as used in running text ("the Netherlands")."""
    name = _lex().common.get(a3, a3)
    return f"the {name}" if name in _lex().definite else name


def resolve_actor(analysis: Analysis, start: int, end: int) -> Actor | None:
    """The actor whose mention contains the span (smallest such mention), else the actor whose
    overlapping mention ends last (the head of an English noun phrase is on its right)."""
    containing: tuple[int, Actor] | None = None
    overlapping: tuple[int, int, Actor] | None = None
    for actor in analysis.actors:
        for s in actor.mentions:
            if s.start >= end or s.end <= start:
                continue
            if s.start <= start and s.end >= end:
                size = s.end - s.start
                if containing is None or size < containing[0]:
                    containing = (size, actor)
            elif overlapping is None or (s.end, s.end - s.start) > overlapping[:2]:
                overlapping = (s.end, s.end - s.start, actor)
    if containing is not None:
        return containing[1]
    return overlapping[2] if overlapping else None


def actor_by_name(analysis: Analysis, name: str) -> Actor | None:
    """The actor called ``name`` (canonical or alias, case-insensitive; a demonym finds its state)."""
    key = _clean_name(name).casefold()
    if not key:
        return None
    for actor in analysis.actors:
        if key == actor.canonical.casefold() or key in (a.casefold() for a in actor.aliases):
            return actor
    country = country_of(name)
    if country:
        for actor in analysis.actors:
            if actor.kind == "state" and actor.country == country[0]:
                return actor
    for actor in analysis.actors:
        if actor.kind == "person" and actor.canonical.casefold().endswith(" " + key):
            return actor
    return None


def actor_id(report_id: str, canonical: str) -> str:
    return hashlib.sha256(f"{report_id}\x1f{canonical.casefold()}".encode()).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Working records (local to one run).


@dataclass(slots=True)
class _M:
    start: int
    end: int
    label: str
    text: str
    canonical: str = ""
    kind: str = ""
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class _Info:
    """What one canonical actor has accumulated: roles, affiliation, extra spans."""

    roles: list[str] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)
    affiliation: str | None = None
    country: str | None = None
    sector: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None


# ---------------------------------------------------------------------------------------------
# Step 1: mentions from doc.ents, corrected.


def _head_word(text: str) -> str:
    """The head noun of a name: the word before " of ", else the last word."""
    before = text.split(" of ", 1)[0] if " of " in text else text
    words = before.split()
    return words[-1].lower() if words else ""


def _trim(ent: "SpacySpan", lex: _Lex) -> tuple[int, int]:
    """Token bounds without leading determiners/quotes and trailing possessives/punctuation."""
    i, j = ent.start, ent.end
    doc = ent.doc
    while i < j and (doc[i].is_punct or doc[i].text in _QUOTES):
        i += 1
    if i < j and doc[i].lower_ in word_set("grammar", "indefinite_articles") and ent.label_ != "PERSON":
        i += 1
    if i < j and doc[i].lower_ == "the" and (ent.label_ != "GPE" or _strip_the(ent.text).lower() in lex.countries):
        i += 1
    while j > i and (doc[j - 1].tag_ == "POS" or doc[j - 1].text in _QUOTES
                     or (doc[j - 1].is_punct and doc[j - 1].text not in ").")
                     or (j - 1 > i and doc[j - 1].is_lower and doc[j - 1].pos_ in _TRAILING_FUNCTION)):
        j -= 1  # a name never ends in a preposition or conjunction ("Council of Elders in", "Farmers and")
    return i, j


def _relabel(text: str, label: str, lex: _Lex) -> str:
    low = text.lower()
    if label != "PERSON" and low in lex.countries:
        return "GPE"
    if label != "PERSON" and low in lex.demonyms:
        return "NORP"
    if label in ("ORG", "NORP", "FAC", "PERSON") and text in lex.capitals:
        return "GPE"
    if label == "LAW" and _head_word(text) in lex.org_heads and _head_word(text) not in lex.law_heads:
        return "ORG"  # "X Rights Monitor" is a body, not a statute
    if label in ("ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "FAC") and _head_word(text) in lex.law_heads \
            and text[:1].isupper() and len(text.split()) > 1:
        return "LAW"
    if label == "FAC" and any(low.endswith(h) for h in lex.embassy_heads):
        return "ORG"
    if label in ("WORK_OF_ART", "PRODUCT", "EVENT", "FAC") and _gov_org(text, lex):
        return "ORG"
    if label == "WORK_OF_ART" and re.fullmatch(r"[A-Z]{2,6}", text):
        return "ORG"
    return label


def _sentence_opener_before_demonym(doc: "Doc", i: int, j: int, lex: _Lex) -> bool:
    """"Displaced Somali herders": the sentence's capitalised first word and the demonym after it, which
    modifies the common noun after the span; the first word is no part of a name."""
    return (j - i == 2 and doc[i].is_sent_start and doc[i + 1].lower_ in lex.demonyms
            and j < len(doc) and doc[j].is_lower and doc[j].pos_ == "NOUN")


def _peelable(doc: "Doc", i: int, j: int, lex: _Lex) -> bool:
    return doc[i].lower_ in lex.status or doc[i].lower_ in lex.demonyms \
        or _sentence_opener_before_demonym(doc, i, j, lex)


def _from_ent(ent: "SpacySpan", lex: _Lex) -> list[_M]:
    doc = ent.doc
    i, j = _trim(ent, lex)
    out: list[_M] = []
    # peel status words and demonyms the model glued onto a name ("Exiled Uzbek activist X"); a title or a
    # body it made of them alone ("Exiled Tajik" WORK_OF_ART, "Unpaid Eritrean" ORG before "workers") is
    # only the demonym
    peel = ent.label_ == "PERSON" or (
        ent.label_ in ("WORK_OF_ART", "ORG") and i < j and doc[j - 1].lower_ in lex.demonyms
        and all(_peelable(doc, k, j, lex) for k in range(i, j)))
    if peel:
        while i < j and _peelable(doc, i, j, lex):
            if doc[i].lower_ in lex.demonyms:
                out.append(_M(doc[i].idx, doc[i].idx + len(doc[i]), "NORP", doc[i].text))
            i += 1
    if i >= j:
        return out
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
    text = doc[i:j].text  # Doc.text rebuilds the whole text: use spans only
    if not any(ch.isupper() for ch in text) or len(text) < 2:
        return out
    label = _relabel(text, ent.label_, lex)
    if label == "PERSON" and any(ch.isdigit() for ch in text):
        return out  # no person's name has digits: "Mi-35", "T-72" are machines the model took for people
    if label == "ORG" and len(text.split()) <= 3 and text.split()[-1].lower() in lex.person_roles:
        # "The ICC Prosecutor": a title, read as a role beside the name; the body it names stays ("ICC")
        k = j - 1
        while k > i and (doc[k].lower_ in lex.person_roles or doc[k].lower_ in lex.role_words):
            k -= 1
        if k == j - 1 or not any(ch.isupper() for ch in doc[i:k + 1].text):
            return out
        j, end, text = k + 1, doc[k].idx + len(doc[k]), doc[i:k + 1].text
    if label == "LAW" and text.count("(") > text.count(")") and j < len(doc) and doc[j].text == ")" \
            and doc[j].idx == end:
        end, text = end + 1, text + ")"
    out.append(_M(start, end, label, text))
    return out


def _ends_in_division(text: str, lex: _Lex) -> bool:
    low = text.lower()
    return any(low.endswith(" " + n) for n in (*lex.division_full, *lex.division_named, *lex.division_phrases))


def _split_divisions(ms: list[_M], lex: _Lex) -> list[_M]:
    """"X Local Government Area of Plateau State", "Y District of Z Province": the model glues a
    division and the division it lies in into one organisation; they are two places."""
    out: list[_M] = []
    for m in ms:
        left, sep, right = m.text.partition(" of ")
        if sep and m.label in ("ORG", "GPE", "FAC", "LOC") and " " in left and _ends_in_division(left, lex) \
                and right[:1].isupper() and (_ends_in_division(right, lex) or _gaz_kind(right) is not None):
            cut = m.start + len(left) + len(sep)
            out.append(_M(m.start, m.start + len(left), "GPE", left))
            out.append(_M(cut, m.end, "GPE", right))
            continue
        out.append(m)
    return out


def _overlaps(ms: list[_M], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in ms)


def _merge_adjacent(ms: list[_M], text: str, lex: _Lex) -> list[_M]:
    """A lone capitalised token mis-tagged right before a PERSON name is its first name (a "place" no
    gazetteer knows included: "Yerzhan" GPE + "Tulegenov" PERSON)."""
    out: list[_M] = []
    for m in ms:
        prev = out[-1] if out else None
        if (prev is not None and m.label == "PERSON" and prev.label not in ("PERSON", "LAW")
                and (prev.label != "GPE" or _gaz_kind(prev.text) is None)
                and (prev.label != "NORP" or prev.text.lower() not in lex.demonyms)
                and text[prev.end:m.start] == " " and " " not in prev.text and prev.text.istitle()
                and prev.text.lower() not in lex.countries):
            out[-1] = _M(prev.start, m.end, "PERSON", text[prev.start:m.end])
            continue
        out.append(m)
    return out


def _name_like(m: _M, lex: _Lex) -> bool:
    """Up to three capitalised words that are no organisation's and no known place's."""
    words = m.text.split()
    return len(words) <= 3 and all(w[:1].isupper() for w in words) and not _org_like(m.text, lex) \
        and _gaz_kind(m.text) is None


def _join_split_names(ms: list[_M], text: str, lex: _Lex) -> list[_M]:
    """The model cuts long names in two: "Jean-Pierre" + "Lutete Mbala" (two PERSON spans a
    space apart), "Lutete" PERSON + "Mbala Jean-Pierre" ORG, "PNR" + "/" + "MDS" (one
    coalition's name)."""
    out: list[_M] = []
    for m in ms:
        prev = out[-1] if out else None
        gap = text[prev.end:m.start] if prev is not None else None
        if prev is not None and gap == " " and prev.label == "PERSON" and (
                m.label == "PERSON" or (m.label in ("ORG", "GPE") and _name_like(m, lex))) \
                and len(prev.text.split()) + len(m.text.split()) <= 4:
            out[-1] = _M(prev.start, m.end, "PERSON", text[prev.start:m.end])
            continue
        if prev is not None and gap == " and " and prev.label == "ORG" and m.label == "ORG" \
                and _one_coordinated_name(prev, m, lex):
            out[-1] = _M(prev.start, m.end, "ORG", text[prev.start:m.end])
            continue
        if prev is not None and gap == "/" and prev.label == "ORG" and m.label == "ORG":
            out[-1] = _M(prev.start, m.end, "ORG", text[prev.start:m.end])
            continue
        out.append(m)
    return out


def _one_coordinated_name(prev: _M, m: _M, lex: _Lex) -> bool:
    """"Lagos State Roads" + "and" + "Bridges Authority": the model cut one name at its "and". The first
    part ends in a capitalised plural that is no organisation's head (a complete name before "and" is a
    second organisation: "the Press Union and Bar Association"), and the second ends in one."""
    last, first = prev.text.split()[-1], m.text.split()[0]
    return last[:1].isupper() and last.endswith("s") and last.lower() not in lex.org_heads \
        and first[:1].isupper() and _head_word(m.text) in lex.org_heads


def _trim_collective(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """"Lomami Shield militia", "Civic Dawn party", "the union Steel Hands": the lower-case collective noun
    is not part of the name (the gold convention names the group itself)."""
    for m in ms:
        words = m.text.split()
        if m.label == "ORG" and len(words) > 1 and words[-1] in lex.collective_orgs:
            m.end -= len(words[-1]) + 1
            m.text = m.text[: m.end - m.start]
        elif m.label == "ORG" and len(words) > 1 and words[0] in lex.collective_orgs and words[1][:1].isupper():
            m.start += len(words[0]) + 1  # "the union Steel Hands": the name follows its noun
            m.text = m.text[len(words[0]) + 1:]


def _extend_coordinated_org(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """"Land and Environment Court": a capitalised word and "and" right before an
    organisation's name are part of it."""
    for m in ms:
        span = _span_of(doc, m)
        if m.label != "ORG" or span is None or span.start < 2 or doc[span.start - 1].lower_ != "and":
            continue
        conj = doc[span.start - 1]
        k = conj.i  # the capitalised run before "and": "Ebonyi Roads" in "Ebonyi Roads and Bridges Authority"
        while k > 0 and k > conj.i - 4 and doc[k - 1].text.istitle() and doc[k - 1].pos_ in ("PROPN", "NOUN") \
                and not doc[k - 1].ent_type_ and not doc[k - 1].is_sent_start:
            k -= 1
        if k > 0 and doc[k - 1].is_sent_start and doc[k - 1].text.istitle() and doc[k - 1].pos_ in ("PROPN", "NOUN") \
                and not doc[k - 1].ent_type_ and doc[k - 1].lower_ not in word_set("grammar", "articles"):
            k -= 1  # the run may open the sentence ("Water and Sanitation Board cuts ...")
        if k < conj.i and (k == 0 or doc[k - 1].pos_ == "DET" or not doc[k - 1].text.istitle()) \
                and not _overlaps([x for x in ms if x is not m], doc[k].idx, conj.idx):
            m.start, m.text = doc[k].idx, doc[k:span.end].text


def _add_pattern(doc: "Doc", text: str, ms: list[_M], pattern: re.Pattern[str], label: str) -> None:
    for match in pattern.finditer(text):
        s, e = match.span()
        if not _overlaps(ms, s, e) and doc.char_span(s, e) is not None:
            ms.append(_M(s, e, label, match.group()))


def _propagate_people(doc: "Doc", text: str, ms: list[_M], lex: _Lex) -> None:
    """Names of people seen once are people everywhere: relabel, and tag untagged occurrences."""
    names: set[str] = set()
    for m in ms:
        if m.label == "PERSON":
            names.add(m.text)
            last = m.text.split()[-1]
            if " " in m.text and len(last) > 2 and last.lower() not in lex.countries and not last.isupper():
                names.add(last)  # an all-capitals last word is an acronym the model glued on, no surname
    if not names:
        return
    for m in ms:
        if m.label in ("ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT") and m.text in names \
                and m.text.lower() not in lex.countries and m.text not in lex.capitals:
            m.label = "PERSON"
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
                         + r")(?![\w-])")
    _add_pattern(doc, text, ms, pattern, "PERSON")


def _propagate_orgs(doc: "Doc", text: str, ms: list[_M], lex: _Lex) -> None:
    """Organisation names tagged once are tagged wherever else they occur ("ICC chief prosecutor")."""
    names = {m.text for m in ms if m.label == "ORG" and m.text.lower() not in lex.generic and len(m.text) > 1}
    # one name, one type: an organisation's name the model took for a person elsewhere ("Al-Shabaab, in a
    # statement, said") is still the organisation, unless it is a word of a person's full name here
    folded = {n.casefold() for n in names}
    people = {w.casefold() for m in ms if m.label == "PERSON" and " " in m.text for w in m.text.split()}
    for m in ms:
        if m.label == "PERSON" and m.text.casefold() in folded - people and (
                " " not in m.text or not _given_name_form(m.text, lex)):
            m.label = "ORG"
    if names:
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
                             + r")(?![\w-])")
        _add_pattern(doc, text, ms, pattern, "ORG")


# ---------------------------------------------------------------------------------------------
# Step 1b: layout and names before meaning. Datelines are read once (sources.dateline); spans the
# model glued across a line break, a dash or a bracket are cut; the gazetteer and the words around a
# span correct the model's place errors ("Kisangani" PERSON, "Mopti" ORG, "Kirinyaga Road" PERSON).

_GLUE = frozenset({"—", "–", "―", "--", "(", ")", "[", "]", "|", "•"})
_MISTYPED = frozenset({"PERSON", "ORG", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE"})
_PROMINENT_TOWN = 15_000  # a town this big typed PERSON is the town unless a person cue says otherwise
_CITY_FEATURES = frozenset({"city", "admin1", "admin2", "country"})
_KNOWN_CITY = 100_000  # a city this big is not out-voted by the model's PERSON tags for its name


def _unglued(ent: "SpacySpan", lex: _Lex) -> list["SpacySpan"]:
    """The parts of an entity span between line breaks, dashes and brackets, and around a picture
    credit ("in Lisbon Image: Council of Europe": the caption word and its colon belong to no name;
    a title of a work or a law may hold a colon)."""
    from spacy.tokens import Span as SpacySpan

    doc = ent.doc
    colon_glue = ent.label_ not in ("WORK_OF_ART", "LAW", "EVENT", "PRODUCT")
    pieces, i = [], ent.start
    for k in range(ent.start, ent.end):
        tok = doc[k]
        spaced_dash = tok.text == "-" and k > 0 and bool(doc[k - 1].whitespace_) and bool(tok.whitespace_)
        if tok.is_space or "\n" in tok.text or tok.text in _GLUE or spaced_dash or (colon_glue and tok.text == ":"):
            if k > i:
                pieces.append(SpacySpan(doc, i, k, label=ent.label_))
            i = k + 1
    if i < ent.end:
        pieces.append(ent if i == ent.start else SpacySpan(doc, i, ent.end, label=ent.label_))
    out = []
    for p in pieces:  # "Washington Image" before ":": the credit's word is cut off the name
        if colon_glue and p.end < len(doc) and doc[p.end].text == ":" and p[-1].lower_ in lex.caption_words:
            p = SpacySpan(doc, p.start, p.end - 1, label=ent.label_)
        if len(p):
            out.append(p)
    if len(out) > 1 or len(out) < len(pieces):  # a cut-off piece must still hold a name ("Lokoja —\n\nGunmen")
        out = [p for p in out if any(t.pos_ == "PROPN" for t in p)]
    return out


def _gaz_kind(text: str, spelled: bool = False) -> tuple[str, int] | None:
    """("GPE"|"LOC", population-ish rank) when the gazetteer knows ``text`` as a place. ``spelled``: only
    places whose own name is ``text`` or a spelling of it (Kiev/Kyiv), not one that merely lists it
    among alternate names (a nickname, an old name, a company's name a town once took)."""
    from .places import gazetteer

    cands = gazetteer().lookup(text)
    if spelled:
        cands = [c for c in cands if _same_spelling(c.name, text)]
    if not cands:
        return None
    if any(c.feature not in _CITY_FEATURES for c in cands):
        return "LOC", 10**9  # a region, sea or continent of the tables ("Balkans", "Caribbean")
    best = max(cands, key=lambda c: (c.feature in ("country", "admin1"), c.population))
    return "GPE", (10**9 if best.feature in ("country", "admin1") else best.population)


def _same_spelling(name: str, text: str) -> bool:
    """``text`` is ``name`` up to case, an article, spaces and hyphens and a letter (Odessa/Odesa,
    Kiev/Kyiv, Naypyidaw/Nay Pyi Taw)."""
    import difflib

    a, b = (re.sub(r"[\s'’-]+", "", _strip_the(x).casefold()) for x in (name, text))  # Nay Pyi Taw
    return a == b or (abs(len(a) - len(b)) <= 1 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.75)


def _span_of(doc: "Doc", m: _M) -> "SpacySpan | None":
    return doc.char_span(m.start, m.end, alignment_mode="expand")


def _prev_word(doc: "Doc", i: int) -> "Token | None":
    """The token before index ``i``, skipping one determiner."""
    j = i - 1
    if j >= 0 and doc[j].lower_ in word_set("grammar", "articles"):
        j -= 1
    return doc[j] if j >= 0 else None


def _settlement_context(doc: "Doc", span: "SpacySpan", lex: _Lex) -> bool:
    """Words around the span that make it a place whatever the gazetteer says: "the village of X",
    "X village", "X district", "X, a town in ..."."""
    nouns = lex.settlement | lex.division_full | lex.division_named
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in nouns and nxt.pos_ not in ("VERB", "AUX", "ADP"):
        return True
    for phrase in lex.division_phrases:  # "X local government area"
        if doc[span.end:span.end + len(phrase.split())].text.lower() == phrase:
            return True
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and (
            doc[span.start - 2].lower_ in nouns or doc[span.start - 2].lower_ in lex.place_of_nouns):
        return True  # "the village of X", "residents of X"
    if nxt is not None and nxt.text == "," and span.end + 1 < len(doc):
        k = span.end + 1
        while k < len(doc) and k < span.end + 5 and doc[k].pos_ in ("DET", "ADJ", "ADV", "NUM"):
            k += 1
        return k < len(doc) and doc[k].lower_ in lex.settlement and doc[k].pos_ == "NOUN"
    return False


def _locative(doc: "Doc", span: "SpacySpan", lex: _Lex) -> bool:
    prev = doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.lower_ in lex.locative_preps


def _person_cue(doc: "Doc", span: "SpacySpan", text: str, people_words: set[str], lex: _Lex,
                prominent: bool, roles: bool = False) -> bool:
    """A title or honorific before the name, the name being a word of a person's full name seen in
    the report ("Wanjala" after "Peter Wanjala"), an age after it ("X, 41,"), or (for a place that is not
    prominent) the name as the subject of a speech verb ("X said")."""
    prev = _prev_word(doc, span.start)
    if prev is not None and (prev.lower_ in lex.honorifics or prev.lower_ in lex.person_roles
                             or (roles and prev.lower_ in lex.role_words and prev.pos_ == "NOUN"
                                 and prev.lower_ not in lex.org_heads and prev.lower_ not in lex.collective_orgs)):
        return True
    if text in people_words:
        return True
    after = doc[span.end:span.end + 3]
    if len(after) == 3 and after[0].text == "," and after[1].like_num and after[2].text == ",":
        return True
    root = span.root
    return not prominent and root.dep_ == "nsubj" and root.head.lemma_ in lex.human_verbs


def _model_people(doc: "Doc") -> set[str]:
    """Given names the model itself tagged PERSON more often than anything else in this report
    ("Sadia" PERSON four times, GPE once): the person's, when the gazetteer's namesake is a small town
    (a city of 100,000 the model typed PERSON is still the city), and the report never writes it after
    a locative preposition ("in X", "near X": a place there)."""
    votes: dict[str, Counter[str]] = {}
    for ent in doc.ents:
        votes.setdefault(_clean_name(ent.text), Counter())[ent.label_] += 1
    given = _given_names()
    preps = "|".join(map(re.escape, sorted(_lex().locative_preps)))
    text = doc.text  # read once: spaCy rebuilds it from the tokens on every read
    return {t for t, c in votes.items() if t in given and 2 * c["PERSON"] > sum(c.values())
            and (_gaz_kind(t) or ("", 0))[1] < _KNOWN_CITY
            and not re.search(rf"\b(?:{preps})\s+{re.escape(t)}\b", text, re.IGNORECASE)}


def _mixed_case(sent: "SpacySpan") -> bool:
    """Running text, not an all-capitals headline or dateline: most of its words have lower-case letters."""
    words = [t for t in sent if t.is_alpha and len(t) > 1]
    return len(words) >= 3 and sum(not t.is_upper for t in words) > len(words) / 2


def _collective_names(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """"the rights group Quiet Harbour", "localist group X": the collective noun says what the name is,
    whatever the model (or the spread of a person's name) typed; the other mentions follow
    (``_propagate_orgs``)."""
    for m in ms:
        span = _span_of(doc, m)
        if m.label != "ORG" and span is not None and _named_after_collective(doc, span, m, lex):
            m.label = "ORG"


def _media(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """"posted on X", "messages on X", "in a post on X": a one-word name after "on" that a publishing
    verb or noun governs is the platform published on (an organisation), wherever the report names it,
    whatever the model guessed (it takes an unknown one-word name for a person or a place). A place the
    gazetteer knows stays one ("posted on Kenya" does not occur; "a statement on Kenya" is about it),
    and so does a word of a person's full name in the report."""
    people = {w for m in ms if m.label == "PERSON" and " " in m.text for w in m.text.split()}
    media: set[str] = set()
    for m in ms:
        span = _span_of(doc, m)
        if span is None or len(span) != 1 or len(m.text) < 2 or not m.text[:1].isupper() or m.text in people:
            continue
        prep = doc[span.start - 1] if span.start > 0 else None
        if prep is None or prep.lower_ != "on" or span[0].head.i != prep.i \
                or prep.head.lemma_.lower() not in lex.medium_cues:
            continue
        if m.text.lower() in lex.countries or m.text.lower() in lex.demonyms or _gaz_kind(m.text) is not None:
            continue
        media.add(m.text)
    for m in ms:
        if m.text in media and m.label in ("PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"):
            m.label = "ORG"


def _member_bodies(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """"members of X", "a member of the X": a name a membership noun governs through "of" is a body
    (an organisation) wherever the report names it, whatever the model guessed (a place, a facility,
    a person); a place the gazetteer knows, a country, a people (NORP) stay what they are."""
    bodies: set[str] = set()
    for m in ms:
        span = _span_of(doc, m)
        if span is None or m.label in ("ORG", "NORP") or not m.text[:1].isupper():
            continue
        prep = span.root.head
        if span.root.dep_ != "pobj" or prep.lower_ != "of" or prep.head.lower_ not in lex.membership_nouns:
            continue
        if m.text.lower() in lex.countries or m.text.lower() in lex.demonyms or _gaz_kind(m.text) is not None:
            continue
        bodies.add(m.text)
    for tok in doc:  # a run of proper nouns there the model left untagged ("members of the X Y")
        if tok.lower_ not in lex.membership_nouns or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "of":
            continue
        i = tok.i + 2 + (doc[tok.i + 2].lower_ == "the")
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and not doc[j].ent_type_ and doc[j].text[:1].isupper():
            j += 1
        if j == i or (j < len(doc) and doc[j].pos_ in ("PROPN", "NOUN")):
            continue  # none, or the names modify a noun ("members of the X community")
        name = doc[i:j]
        if _overlaps(ms, name.start_char, name.end_char) or name.text.lower() in lex.countries \
                or (len(name) == 1 and _common_noun(doc, name.text.lower())) \
                or name.text.lower() in lex.demonyms or _gaz_kind(name.text) is not None:
            continue
        ms.append(_M(name.start_char, name.end_char, "ORG", name.text))
        bodies.add(name.text)
    for m in ms:
        if m.text in bodies and m.label in ("PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"):
            m.label = "ORG"
    ms.sort(key=lambda m: m.start)


def _employers(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """"Zelpo founder Ana Brix", "Vimmo chief Lena Okafor", "X officials": a one-word name right before
    a lower-case noun for a body's people is the body (an organisation) wherever the report names it,
    tagged if the model left it out. Not a place the gazetteer knows, a country or a people ("Kenyan
    officials"), nor a word of a person's full name ("Ruto aide"); a name the model typed a person
    only before a plural of a body's staff ("X officials": a person has none)."""
    people = {w for m in ms if m.label == "PERSON" and " " in m.text for w in m.text.split()}
    bodies: set[str] = set()
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.pos_ not in ("PROPN", "NOUN") or not tok.is_title or tok.text in people or not nxt.is_lower \
                or nxt.lower_ not in lex.staff_nouns or (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN"):
            continue
        low = tok.lower_
        if tok.ent_type_ and tok.ent_type_ not in lex.kept:
            continue  # a date's or a number's word ("Monday officials")
        if low in lex.countries or low in lex.demonyms or _gaz_kind(tok.text) is not None \
                or _common_noun(doc, low):
            continue
        m = _mention_at(ms, tok.idx, tok.idx + len(tok))
        if m is None and _overlaps(ms, tok.idx, tok.idx + len(tok)):
            continue
        if m is not None and (m.label == "NORP" or (m.label == "PERSON" and nxt.lower_ not in lex.staff_plurals)):
            continue
        if m is None:
            ms.append(_M(tok.idx, tok.idx + len(tok), "ORG", tok.text))
        bodies.add(tok.text)
    bodies |= _named_staff_bodies(doc, ms, lex)
    for m in ms:
        if m.text in bodies and m.label in ("PERSON", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"):
            m.label = "ORG"
    ms.sort(key=lambda m: m.start)


def _named_after_collective(doc: "Doc", span: "SpacySpan", m: _M, lex: _Lex) -> bool:
    """A name right after a lower-case collective noun ("the opposition party X", "the group X") names
    the group, whatever the model typed; a country or demonym there is a modifier ("the group Kenya
    backs" does not occur; "a union of Kenyan ..." has its "of")."""
    prev = doc[span.start - 1] if span.start > 0 else None
    return (prev is not None and prev.text.islower() and prev.pos_ == "NOUN" and prev.lower_ in lex.collective_orgs
            and m.text.lower() not in lex.countries and m.text.lower() not in lex.demonyms
            and _gaz_kind(m.text) is None)


def _named_staff_bodies(doc: "Doc", ms: list[_M], lex: _Lex) -> set[str]:
    """'Dornick Rail workers', 'Varnok Water Board employees': a name of several words the model typed a
    person, right before a plural of a body's staff, is the body, unless it reads as a person's full name
    (a known given name first: 'Ana Brix aides' stays hers)."""
    out: set[str] = set()
    for m in ms:
        if m.label != "PERSON" or " " not in m.text or _given_name_form(m.text, lex):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.end >= len(doc):
            continue
        nxt = doc[span.end]
        if nxt.is_lower and nxt.lower_ in lex.staff_plurals:
            out.add(m.text)
    return out


def _given_name_form(text: str, lex: _Lex) -> bool:
    """"Marta Kowalczyk", "Tomas Oyelaran-Reed": two or three capitalised words led by a known given name,
    none of them a country's, a demonym, a title, or an organisation's, division's, settlement's or
    feature's noun, and the whole no place the gazetteer knows: a person's name the model mistyped."""
    words = text.split()
    if not 2 <= len(words) <= 3 or words[0] not in _given_names():
        return False
    if not all(w[:1].isupper() and not w.isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words):
        return False
    nouns = (lex.org_heads | lex.role_words | lex.division_full | lex.division_named | lex.settlement
             | lex.facility_heads | lex.natural_heads | lex.thoroughfares | lex.collective_orgs | lex.honorifics)
    low = [w.lower() for w in words]
    if any(w in nouns or w in lex.countries or w in lex.demonyms or w in lex.status for w in low):
        return False
    return _gaz_kind(text) is None and not _org_like(text, lex)


def _org_like(text: str, lex: _Lex) -> bool:
    # a division noun ("Kaduna State") is a place's, not an organisation's
    words = {w.lower() for w in text.split()} - lex.division_full - lex.division_named
    heads = lex.role_words | lex.gov_nouns | lex.security | lex.law_heads | lex.embassy_heads
    return bool(words & heads) or _is_igo(text, lex)


def _before_site_noun(doc: "Doc", span: "SpacySpan", lex: _Lex) -> bool:
    """The span is followed by a site noun, over at most two lower-case noun modifiers ("X displacement site")."""
    k = span.end
    while k < len(doc) and k < span.end + 2 and doc[k].is_lower and doc[k].pos_ == "NOUN" \
            and doc[k].lower_ not in lex.site_nouns:
        k += 1
    return k < len(doc) and doc[k].lower_ in lex.site_nouns and doc[k].is_lower and doc[k].pos_ == "NOUN"


def _retype(doc: "Doc", m: _M, people_words: set[str], places: set[int], lex: _Lex) -> None:
    """Correct the model's type of one mention from its head word, the gazetteer and its context."""
    words = m.text.split()
    head = words[-1].lower()
    if m.label in ("GPE", "LOC") and any(c.isdigit() for c in m.text) and _gaz_kind(m.text) is None:
        m.label = "ORG"  # place names carry no digits: "M23", "G7" are groups
        return
    if (m.label not in _MISTYPED and m.label != "GPE") or (m.label == "NORP" and m.text.lower() in lex.demonyms):
        return
    span = _span_of(doc, m)
    nxt = doc[span.end] if span is not None and span.end < len(doc) else None
    if m.label == "PERSON" and re.fullmatch(r"[A-Z]{2,6}", m.text) and span is not None and _mixed_case(span.sent):
        m.label = "ORG"  # an acronym in running text is a body's, never a person's name ("the KDU said")
        return
    if m.label == "PERSON" and len(words) > 1 and _body_acronym(words[-1], lex) and not m.text.isupper() \
            and span is not None and _mixed_case(span.sent):
        m.label = "ORG"  # "Pro-Kyiv NRP": a name ending in a body's acronym is the body's (not "Ann Lee MP")
        return
    if m.label in ("GPE", "LOC", "ORG", "NORP", "FAC") and span is not None and " " not in m.text \
            and m.text in people_words and m.text.lower() not in lex.countries \
            and not _locative(doc, span, lex) and not _settlement_context(doc, span, lex):
        m.label = "PERSON"  # "Paris said" after "Nadia Paris": a word of a person's name, not after "in"
        return
    if m.label in ("PERSON", "FAC", "WORK_OF_ART", "PRODUCT") and len(words) > 1 \
            and words[0].lower() in lex.broadcaster_words and head not in lex.facility_heads | lex.thoroughfares:
        m.label = "ORG"  # "Radyo X", "Tele X": a station, whatever name follows the word (not "Radio X Square")
        return
    if m.label == "PERSON" and ((len(words) > 1 and head in lex.org_heads)
                                or (nxt is not None and nxt.pos_ == "NOUN" and nxt.lower_ in lex.collective_orgs)):
        m.label = "ORG"  # "Lakeshore Relief Alliance", "the Tamarind Horizon party"
        return
    if m.label in ("PERSON", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT") and nxt is not None and nxt.pos_ == "NOUN" \
            and nxt.lower_ in lex.member_nouns and _gaz_kind(m.text) is None:
        m.label = "ORG"  # "X militants", "X fighters": the group whose members they are
        return
    if m.label in ("GPE", "LOC") and span is not None and _before_site_noun(doc, span, lex) \
            and _gaz_kind(m.text) is None:
        m.label = "FAC"  # "the X site", "the X displacement site": a place the gazetteer has no settlement for
        return
    if nxt is not None and nxt.lower_ in lex.natural_heads and nxt.text.islower() and m.label != "LOC" \
            and _gaz_kind(m.text) is None:
        m.label = "LOC"  # "the Mbosi river"
        return
    if (m.label in ("GPE", "ORG", "NORP") and span is not None and _gaz_kind(m.text) is None
            and not _org_like(m.text, lex) and _person_cue(doc, span, m.text, set(), lex, True, roles=True)):
        m.label = "PERSON"  # "Darko X, 39," "blogger X": a name the model took for a place
        return
    if m.label == "GPE":
        if len(words) > 1 and head in lex.natural_heads:
            m.label = "LOC"
        return
    if len(words) > 1 and m.label != "GPE" and _division_named(doc, m, lex):
        m.label = "GPE"  # "Obakwe Local Government Area", "Kayah State"
        return
    if len(words) > 1 and (head in lex.facility_heads and m.label != "ORG" or head in lex.thoroughfares) \
            and m.label != "FAC":
        m.label = "FAC"
        return
    if len(words) > 1 and head in lex.natural_heads and m.label in ("PERSON", "ORG", "FAC", "GPE", "WORK_OF_ART"):
        m.label = "LOC"
        return
    if span is None or m.label == "FAC":
        return
    # the model's ORG against the gazetteer: only a place of that very name (or spelling) counts, not a
    # town that once took a company's name or lists an abbreviation among its alternate names (a
    # person-typed exonym, "Bombay", still finds its city); a language or a product name is no place
    kind = _gaz_kind(m.text, spelled=m.label == "ORG") if m.label not in ("LANGUAGE", "PRODUCT") else None
    # coordination with a place ("around X and Ndolo") is too weak against the model's PERSON
    strong = _settlement_context(doc, span, lex) or (m.label != "PERSON" and _beside_place(doc, span, places))
    if kind is None and not strong:
        return
    label, size = kind or ("GPE", 0)
    if m.label == "LOC" and label == "LOC":
        return
    prominent = size >= _PROMINENT_TOWN
    if m.label == "PERSON" and _person_cue(doc, span, m.text, people_words, lex, size >= 1_000_000):
        return
    if m.label != "LOC" and not (prominent or strong or _locative(doc, span, lex)):
        return  # a small namesake town is not enough against the model's PERSON, ORG or NORP
    if m.label not in ("PERSON", "LOC") and (_org_like(m.text, lex)
                                             or (m.text.isupper() and size < 10**9 and not strong)):
        return  # "Interior Ministry", or an acronym that happens to spell a town
    m.label = label


def _appositive_head(doc: "Doc", span: "SpacySpan") -> "Token | None":
    """The common noun a name is in apposition with, either side of a comma: "X, a mining company",
    "the company, X,", "X, one of the city's largest settlements" (the noun after "one of")."""
    root = span.root
    noun = None
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        noun = next((c for c in root.children if c.dep_ == "appos" and c.i > span.end), None)
    if noun is None and root.dep_ == "appos" and root.head.i < span.start and span.start >= 1 \
            and doc[span.start - 1].text == "," and root.head.i == span.start - 2 \
            and not any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in root.head.children):
        noun = root.head  # not a noun with a name of its own ("of the X region, Carlo Neri,": his)
    if noun is not None and noun.lower_ in ("one", "some") and noun.pos_ in ("NUM", "PRON", "NOUN"):
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return noun if noun is not None and noun.pos_ == "NOUN" else None


def _appositive_types(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """A common noun in apposition says what a name is, whatever the model guessed: a settlement or
    division noun makes a place, a building's or installation's a facility, an organisation's an
    organisation ("Tarko Holdings, a mining company", "outside Camp Varro, the army headquarters")."""
    places = lex.settlement | lex.division_full | lex.division_named
    for m in ms:
        if m.label not in ("PERSON", "ORG", "GPE", "FAC", "NORP", "LOC", "PRODUCT", "WORK_OF_ART"):
            continue
        if m.label in ("GPE", "NORP") and country_of(m.text):
            continue
        span = _span_of(doc, m)
        noun = _appositive_head(doc, span) if span is not None else None
        if noun is None:
            continue
        forms = {noun.lower_, noun.lemma_.lower()}  # "headquarters" lemmatises to "headquarter"
        if forms & places and m.label not in ("GPE", "LOC") and not _org_like(m.text, lex):
            m.label = "GPE"
        elif forms & lex.facility_nouns and m.label not in ("FAC", "GPE"):
            m.label = "FAC"
        elif forms & (lex.org_heads | lex.collective_orgs) and m.label in ("PERSON", "FAC", "PRODUCT", "WORK_OF_ART"):
            m.label = "ORG"
        elif forms & lex.person_roles and m.label in ("ORG", "GPE", "NORP") and _name_like(m, lex):
            m.label = "PERSON"  # "said Oleksandr X, head of the city's administration"


def _people_words(ms: list[_M], lex: _Lex) -> set[str]:
    """Words of the full person names in the report that are not themselves place names."""
    out: set[str] = set()
    for m in ms:
        if m.label == "PERSON" and " " in m.text and _gaz_kind(m.text) is None \
                and m.text.split()[-1].lower() not in lex.org_heads:
            # an acronym in a mixed-case name is a body's the model ran into it ("Pro-Kyiv NRP"), not a
            # word of the person's name: it would turn every mention of the body into a person
            upper = m.text.isupper()
            out.update(w for w in m.text.split() if w[:1].isupper() and (upper or not _body_acronym(w, lex)))
    return out


def _body_acronym(word: str, lex: _Lex) -> bool:
    """"NRP", "KDU": two to six capitals that are no Roman numeral ("III") and no post-nominal ("MP")."""
    return (re.fullmatch(r"[A-Z]{2,6}", word) is not None and re.fullmatch(r"[IVXL]+", word) is None
            and word.lower() not in lex.postnominals)


def _retype_places(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    # a name the report writes after "the" ("the Star Corps", "the Golden Crescent") is no person's,
    # however much its first word looks like a given name
    definite = {m.text for m in ms if (sp := _span_of(doc, m)) is not None and sp.start > 0
                and doc[sp.start - 1].lower_ == "the"}
    for m in ms:  # full names first: their words are person cues for the single words ("Paris said")
        span = _span_of(doc, m)
        if m.label in ("GPE", "LOC", "ORG", "NORP", "FAC") and span is not None and _given_name_form(m.text, lex) \
                and m.text not in definite \
                and not _locative(doc, span, lex) and not _settlement_context(doc, span, lex):
            m.label = "PERSON"  # a village the gazetteer lacks ("near Ana Kura", "Ana Kura village") stays
    words = _people_words(ms, lex) | _model_people(doc)
    places = {t.i for m in ms if m.label == "GPE" and (sp := _span_of(doc, m)) is not None for t in sp}
    for m in ms:
        _retype(doc, m, words, places, lex)


def _beside_place(doc: "Doc", span: "SpacySpan", places: set[int]) -> bool:
    """Coordinated with a place ("around X and Ndolo"): the same kind of thing, unless the name is
    headed by a common noun ("the Survey Office and Velmora"): an institution's or a
    facility's name, which coordination alone does not make a place."""
    root = span.root
    if _common_noun(doc, span[-1].lower_):
        return False
    if root.dep_ == "conj" and root.head.i in places:
        return True
    return any(c.dep_ == "conj" and c.i in places for c in root.children)


def _division_named(doc: "Doc", m: _M, lex: _Lex) -> bool:
    """A name ending in a capitalised division noun ("Kaduna State", "Magway Region") whose own
    name the gazetteer knows or that a locative or "of" introduces."""
    words = m.text.split()
    if not words[-1][:1].isupper():
        return False
    low = m.text.lower()
    noun = next((n for n in sorted(lex.division_full | lex.division_named, key=len, reverse=True)
                 if low.endswith(" " + n)), None)
    if noun is None:
        return False
    name = m.text[: -len(noun) - 1]
    if not name or name.split()[0].lower() in lex.division_blocklist or _org_like(name, lex):
        return False
    if noun in lex.division_phrases:
        return True  # "X Local Government Area": no organisation's name ends so
    span = _span_of(doc, m)
    prev = doc[span.start - 1] if span is not None and span.start > 0 else None
    return _gaz_kind(name) is not None or (prev is not None
                                           and (prev.lower_ in lex.locative_preps or prev.lower_ == "of"))


def _initials(word: str) -> str:
    """The letter a word gives an acronym: its capital, or the capital after a lower-case particle
    ("al-Islam" -> "I", "Jean-Pierre" -> "J"); a lower-case word ("of", "and") gives none."""
    return next((part[0] for part in re.split(r"[-‐]", word.strip(_QUOTES)) if part[:1].isupper()), "")


def _long_forms(doc: "Doc", text: str, ms: list[_M], after: int) -> list[_M]:
    """"Coast Guard Kenya (CGK)", "Harakat Ansar al-Wadi (HAW)": the words before
    an acronym in brackets whose initials spell it are one organisation's name, whatever parts the
    model tagged (a person's or a place's name is not introduced with an acronym)."""
    for match in re.finditer(r"\(([A-Z][A-Z0-9]{1,7})\)", text):
        acro, end = match.group(1), match.start()
        while end > 0 and text[end - 1] == " ":
            end -= 1
        words = list(re.finditer(r"\S+", text[max(0, end - 160):end]))
        got, start = "", None
        for w in reversed(words):  # right to left, the initials read so far must end the acronym
            got = _initials(w.group()) + got
            if not acro.endswith(got):
                break
            if got == acro and w.group()[:1].isupper():
                start = max(0, end - 160) + w.start()
                break
        if start is None or start < after or country_of(text[start:end]):
            continue
        inside = [m for m in ms if m.start < end and start < m.end]
        if any(m.start < start or m.end > end for m in inside) or doc.char_span(start, end) is None:
            continue
        ms = [m for m in ms if m not in inside]
        ms.append(_M(start, end, "ORG", text[start:end]))
    ms.sort(key=lambda m: m.start)
    return ms


def _propagate_places(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """A name the gazetteer or its context made a place in one sentence is that place in the
    others ("Obakwe village" ... "Obakwe was among ...") unless a person cue says otherwise."""
    names = {m.text for m in ms if m.label == "GPE"
             and (_gaz_kind(m.text) is not None or ((sp := _span_of(doc, m)) is not None
                                                      and _settlement_context(doc, sp, lex)))}
    if not names:
        return
    words = _people_words([m for m in ms if m.text not in names], lex) | _model_people(doc)
    for m in ms:
        if m.label in ("PERSON", "NORP", "ORG") and m.text in names and not _org_like(m.text, lex):
            span = _span_of(doc, m)
            if span is not None and not _person_cue(doc, span, m.text, words, lex, False):
                m.label = "GPE"


def _outlet_names(report: "Report", ms: list[_M], lex: _Lex) -> None:
    """The outlet (from the dateline or the report's metadata) is an organisation wherever it is named."""
    dl = parse_dateline(report.text, report.dateline)
    names = {n for n in ((dl.outlet.text if dl and dl.outlet else None), report.outlet) if n}
    for m in ms:
        if m.text in names:
            m.label = "ORG"


def _acronyms(doc: "Doc", text: str, ms: list[_M], lex: _Lex, after: int) -> None:
    """An untagged all-caps proper noun ("MSF", "OCHA") is an organisation's acronym, and so is a known
    body's acronym (ontology/organizations.json) in running text whatever its part of speech."""
    for tok in doc:
        t = tok.text
        if (tok.idx >= after and not tok.ent_type_ and tok.pos_ in ("PROPN", "NOUN") and t.isalpha() and t.isupper()
                and 3 <= len(t) <= 8 and t not in lex.not_acronyms and t.lower() not in lex.countries
                and not _overlaps(ms, tok.idx, tok.idx + len(t))
                and not (tok.i + 1 < len(doc) and doc[tok.i + 1].text.isupper() and doc[tok.i + 1].is_alpha)
                and not (tok.i > 0 and doc[tok.i - 1].text.isupper() and doc[tok.i - 1].is_alpha)):
            ms.append(_M(tok.idx, tok.idx + len(t), "ORG", t))
        elif (tok.idx >= after and t.replace(".", "") in _known_orgs()[0]
              and not _overlaps(ms, tok.idx, tok.idx + len(t)) and _mixed_case(tok.sent)):
            # a known body's acronym whatever the tagger made of it ("ECOWAS leaders": an adjective)
            ms.append(_M(tok.idx, tok.idx + len(t), "ORG", t))
    ms.sort(key=lambda m: m.start)


def _missions(doc: "Doc", text: str, ms: list[_M], lex: _Lex) -> list[_M]:
    """"the Embassy of Brazil in Luanda": a capitalised mission noun, "of" and a country's name (and "in"
    and the host city) are one organisation's name, its official form, however the model cut it."""
    out = ms
    for tok in doc:
        if tok.text[:1].isupper() and tok.lower_ in lex.embassy_heads and tok.i + 2 < len(doc) \
                and doc[tok.i + 1].lower_ == "of":
            k = tok.i + 2 + (doc[tok.i + 2].lower_ == "the")
            whole = next((m for m in out if m.start == tok.idx), None)  # tagged as one span already
            state = _mention_at(out, doc[k].idx, doc[k].idx + 1) if k < len(doc) else None
            if whole is not None and country_of(whole.text.split(" of ", 1)[-1]):
                end = whole.end
            elif state is not None and state.start == doc[k].idx and country_of(state.text):
                end = state.end
            else:
                continue
            host = re.match(r" in ", text[end:end + 4])
            city = _mention_at(out, end + 4, end + 5) if host else None
            if city is not None and city.start == end + 4 and city.label == "GPE":
                end = city.end
            else:
                city = None
            # the host city stays a place mention of its own inside the name (places read it)
            out = [m for m in out if m.end <= tok.idx or m.start >= end or (m is city)]
            out.append(_M(tok.idx, end, "ORG", text[tok.idx:end]))
    out.sort(key=lambda m: m.start)
    return out


def _ministries(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """"the interior ministry", "the Polish interior ministry", "the Qatari Interior Ministry": a definite
    portfolio ministry, with the demonym or country before it, names one organisation (a demonym the
    model tagged alone there is the ministry's, as "Lithuanian government" is one body)."""
    for tok in doc:
        if tok.lower_ != "ministry" or tok.i < 2 or not (tok.text == "ministry" or tok.text == "Ministry"
                                                          and doc[tok.i - 1].text.istitle()):
            continue
        first, det = tok.i - 1, doc[tok.i - 2]
        if doc[first].lower_ not in lex.portfolios:
            continue
        if tok.i >= 3 and (det.lower_ in lex.demonyms or det.lower_ in lex.countries) and det.text.istitle():
            first, det = tok.i - 2, doc[tok.i - 3]
        if det.lower_ != "the":
            continue
        start, end = doc[first].idx, tok.idx + len(tok)
        inside = [m for m in ms if m.start < end and start < m.end]
        if any(m.start < start or m.end > end for m in inside) or any(m.label == "ORG" for m in inside):
            continue
        for m in inside:
            ms.remove(m)
        ms.append(_M(start, end, "ORG", doc[first:tok.i + 1].text))
    ms.sort(key=lambda m: m.start)


def _common_noun_place(doc: "Doc", m: _M) -> bool:
    """A GPE/LOC span that no gazetteer knows and that is a common noun: tagged so, or one word
    opening a sentence that the model's own noun lexicon lists ("Gunmen raided ..." after a dateline)."""
    span = _span_of(doc, m)
    if m.label not in ("GPE", "LOC") or span is None or _gaz_kind(m.text) is not None:
        return False
    if all(t.pos_ == "NOUN" for t in span):
        return True
    return (len(span) == 1 and (span[0].is_sent_start or _after_dateline(doc, span[0]))
            and _common_noun(doc, span[0].lower_))


def _after_dateline(doc: "Doc", tok: "Token") -> bool:
    return tok.i > 0 and doc[tok.i - 1].text in ("—", "–", "-", "--", ":") and tok.i < 25


def _common_noun(doc: "Doc", word: str) -> bool:
    """``word`` (or its singular) is in the noun lexicon of the model's lemmatizer."""
    nouns = _noun_lexicon()
    forms = {word, word[:-1] if word.endswith("s") else word, word[:-3] + "man" if word.endswith("men") else word,
             word[:-3] + "y" if word.endswith("ies") else word}
    return any(f in nouns for f in forms)


@functools.lru_cache(maxsize=1)
def _noun_lexicon() -> frozenset[str]:
    from ..nlp import load  # the loaded pipeline (cached): its lemmatizer's WordNet noun index

    try:
        table = load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
        return frozenset(table["noun"])
    except (KeyError, ValueError):
        return frozenset()


def _dateline_names(report_text: str, dateline: str | None, ms: list[_M], lex: _Lex) -> list[_M]:
    """The dateline's city and regions are places and its outlet is an organisation, whatever the
    model made of them; nothing else is tagged inside the dateline."""
    dl = parse_dateline(report_text, dateline)
    if dl is None:
        return ms
    kept = [m for m in ms if m.end <= dl.start or m.start >= dl.end]
    # "UNITED NATIONS (AP) —" is filed from an organisation's seat, not a city
    city_label = "ORG" if _is_igo(dl.city.text.title(), lex) and _gaz_kind(dl.city.text) is None else "GPE"
    kept.append(_M(dl.city.start, dl.city.end, city_label, dl.city.text))
    for r in dl.regions:
        kept.append(_M(r.start, r.end, "GPE", r.text))
    if dl.outlet is not None and any(c.isupper() for c in dl.outlet.text):
        kept.append(_M(dl.outlet.start, dl.outlet.end, "ORG", dl.outlet.text))
    kept.sort(key=lambda m: m.start)
    return kept


def _division_extent(doc: "Doc", m: _M, lex: _Lex) -> int | None:
    """End offset of "X region", "X State", "X Local Government Area" after a place name: the
    division is named with its noun (the gold convention), except a lower-case district-type noun
    after a known town ("the Eldoret district"), where the town's name stands alone."""
    span = _span_of(doc, m)
    if span is None or span.end >= len(doc):
        return None
    nxt = doc[span.end]
    for phrase in lex.division_phrases:  # "X Local Government Area"
        words_after = doc[span.end:span.end + len(phrase.split())]
        if words_after.text.lower() == phrase:
            return words_after.end_char
    low = nxt.lower_
    if low not in lex.division_full and low not in lex.division_named:
        return None
    if nxt.text[:1].isupper() or low in lex.division_full:
        return nxt.idx + len(nxt)
    from .places import gazetteer

    town = any(c.feature == "city" for c in gazetteer().lookup(m.text))
    return None if town else nxt.idx + len(nxt)


def _extend_divisions(doc: "Doc", text: str, ms: list[_M], lex: _Lex) -> None:
    for m in ms:
        if m.label not in ("GPE", "LOC"):
            continue
        end = _division_extent(doc, m, lex)
        if end is not None and not _overlaps([x for x in ms if x is not m], m.end, end):
            m.end, m.text, m.label = end, text[m.start:end], "GPE"


def _untagged_places(doc: "Doc", text: str, ms: list[_M], lex: _Lex) -> None:
    """Proper-noun runs the model left untagged that a place context or the gazetteer makes places:
    "in Mopti" (known), "the village of X", "X village", "X district" (any)."""
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and not doc[j].ent_type_ and doc[j].text[:1].isupper() and (
                doc[j].pos_ == "PROPN" or (doc[j].pos_ == "NOUN" and not doc[j].is_sent_start)):
            j += 1
        if j == i:
            i += 1
            continue
        span = doc[i:j]
        cand = _M(span.start_char, span.end_char, "GPE", span.text)
        propn = any(t.pos_ == "PROPN" for t in span)
        if not _overlaps(ms, span.start_char, span.end_char) and (
                (propn and _settlement_context(doc, span, lex)) or (_locative(doc, span, lex) and _gaz_kind(span.text))
                or (len(span) > 1 and _division_named(doc, cand, lex))):
            if span.text.lower() not in lex.demonyms and not _org_like(span.text, lex):
                ms.append(cand)
        i = j
    ms.sort(key=lambda m: m.start)


def _peel_honorifics(ms: list[_M], text: str, lex: _Lex) -> None:
    """"Mrs Aondo X", "DSP Terna Y": the honorific or rank is not part of the name, and the rest is a person."""
    for m in ms:
        words = m.text.split()
        if len(words) > 1 and words[0].lower() in lex.honorifics and m.label in ("PERSON", "ORG", "FAC", "GPE"):
            cut = m.text.index(words[1], len(words[0]))
            m.start, m.text, m.label = m.start + cut, m.text[cut:], "PERSON"


def _plain_name_token(tok: "Token", ms: list[_M], lex: _Lex, small_place: bool = False) -> bool:
    """An untagged capitalised proper noun that is no role, title, status, demonym, country or place
    (``small_place``: or only a town under 100,000)."""
    low = tok.lower_
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.ent_type_ and len(tok.text) > 1
            and tok.text.replace("-", "").isalpha() and not tok.text.isupper()
            and low not in lex.role_words and low not in lex.honorifics and low not in lex.status
            and low not in lex.demonyms and low not in lex.countries
            and not _overlaps(ms, tok.idx, tok.idx + len(tok)) and not _names_a_place(tok.text, small_place))


def _names_a_place(word: str, small_place: bool) -> bool:
    """The gazetteer knows ``word`` as a place (``small_place``: one of 100,000 people or more, or a region)."""
    place = _gaz_kind(word)
    return place is not None and not (small_place and place[0] == "GPE" and place[1] < 100_000)


def _glued_surname(last: "Token", nxt: "Token", ms: list[_M], lex: _Lex) -> bool:
    """A surname that is also a small town's name ("Tarn"): the parser glued the name before it
    to it as a compound, and no sizeable place (a region, or a town of 100,000) has that name."""
    return last.dep_ == "compound" and last.head.i == nxt.i and _plain_name_token(nxt, ms, lex, small_place=True)


def _extend_people_right(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """An untagged proper noun right after a person's name is its last part ("Jean-Marie Kabwe" +
    "Ilunga")."""
    for m in ms:
        span = _span_of(doc, m) if m.label == "PERSON" else None
        if span is None or span.end >= len(doc) or not doc[span.end - 1].whitespace_ == " ":
            continue
        nxt = doc[span.end]
        others = [x for x in ms if x is not m]
        if (_plain_name_token(nxt, others, lex) or _glued_surname(doc[span.end - 1], nxt, others, lex)) \
                and len(m.text.split()) < 4:
            m.end, m.text = nxt.idx + len(nxt), m.text + " " + nxt.text


def _named_groups(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """An untagged proper-noun run before a collective noun is the group's name: "the Lomami Shield
    militia", "the opposition Tarnava party"."""
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and not doc[j].ent_type_:
            j += 1
        if j > i and j < len(doc) and doc[j].lower_ in lex.collective_orgs and doc[j].text.islower() \
                and not _overlaps(ms, doc[i].idx, doc[j - 1].idx + len(doc[j - 1])) and not doc[i:j].text.isupper():
            span = doc[i:j]
            if span.text.lower() not in lex.demonyms and _gaz_kind(span.text) is None:
                ms.append(_M(span.start_char, span.end_char, "ORG", span.text))
        i = max(j, i + 1)
    ms.sort(key=lambda m: m.start)


def _outlet_runs(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """A capitalised run ending in a newspaper's head word ("told the Caspian Sea Ledger", "the Lakeside
    Gazette") is the outlet, one organisation: the sea, demonym or event the model found in its first
    words is the paper's name. A person's name ending so ("Ann Post") is left to the model."""
    for tok in doc:
        if tok.i == 0 or tok.lower_ not in lex.outlet_heads or not tok.text.istitle():
            continue
        k = tok.i
        while k > 0 and doc[k - 1].is_alpha and (doc[k - 1].text.istitle() or doc[k - 1].text.isupper()) \
                and doc[k - 1].lower_ not in word_set("grammar", "articles") and not doc[k].is_sent_start:
            k -= 1
        if k == tok.i:
            continue
        start, end = doc[k].idx, tok.idx + len(tok)
        inside = [m for m in ms if m.start < end and start < m.end]
        if any(m.start < start or m.end > end or m.label == "PERSON" for m in inside):
            continue
        if any(m.start == start and m.end == end and m.label == "ORG" for m in inside):
            continue
        for m in inside:
            ms.remove(m)
        ms.append(_M(start, end, "ORG", doc[k:tok.i + 1].text))
    ms.sort(key=lambda m: m.start)


def _institution_names(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """A name no gazetteer knows written before a lower-case institution noun ("the Mercy Kiviri
    hospital", "the MSF Kiviri hospital" with a word the model left out) is that institution's, noun
    included; after "a" the name only says where ("a X hospital")."""
    for m in ms:
        if m.label not in ("PERSON", "ORG", "FAC", "GPE", "LOC") or _gaz_kind(m.text) is not None:
            continue
        span = _span_of(doc, m)
        if span is None or span.end >= len(doc):
            continue
        k = span.end  # over untagged capitalised words: "the MSF Kiviri hospital"
        while k < len(doc) and k < span.end + 3 and doc[k].pos_ == "PROPN" and doc[k].text.istitle() \
                and not doc[k].ent_type_ and not _overlaps(ms, doc[k].idx, doc[k].idx + len(doc[k])):
            k += 1
        nxt = doc[k] if k < len(doc) else None
        if nxt is None or nxt.lower_ not in lex.institution_nouns or not nxt.text.islower() \
                or doc[k - 1].idx + len(doc[k - 1]) + 1 != nxt.idx:
            continue
        if span.start > 0 and doc[span.start - 1].lower_ in word_set("grammar", "indefinite_articles"):
            continue
        if _overlaps([o for o in ms if o is not m], nxt.idx, nxt.idx + len(nxt)):
            continue
        m.end, m.text, m.label = nxt.idx + len(nxt), doc[span.start:nxt.i + 1].text, "ORG"


def _given_name_norp(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """A given name that is also a faith or nationality word, typed NORP ("Christian", "German"), right
    before an untagged singular proper noun is a person's first name: "Christian Obuya"."""
    for m in ms:
        span = _span_of(doc, m) if m.label == "NORP" and m.text in _given_names() else None
        if span is None or len(span) != 1 or span.end >= len(doc) or span[0].whitespace_ != " ":
            continue
        nxt = doc[span.end]
        if nxt.tag_ == "NNP" and _plain_name_token(nxt, [x for x in ms if x is not m], lex) \
                and _given_name_form(f"{m.text} {nxt.text}", lex):
            m.end, m.text, m.label = nxt.idx + len(nxt), f"{m.text} {nxt.text}", "PERSON"


def _extend_people_left(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """A capitalised proper noun the model left out right before a person's name is its first name
    ("Peter" in "Peter Wanjala" tagged "Wanjala")."""
    for m in ms:
        if m.label != "PERSON":
            continue
        span = _span_of(doc, m)
        if span is None or span.start == 0:
            continue
        prev = doc[span.start - 1]
        low = prev.lower_
        if (prev.pos_ == "PROPN" and prev.text[:1].isupper() and not prev.ent_type_ and prev.whitespace_ == " "
                and len(prev.text) > 1 and prev.text.isalpha() and not prev.text.isupper()
                and low not in lex.role_words and low not in lex.honorifics and low not in lex.status
                and low not in lex.demonyms and low not in lex.countries and not _gaz_kind(prev.text)
                and not _overlaps([x for x in ms if x is not m], prev.idx, prev.idx + len(prev))):
            m.start, m.text = prev.idx, prev.text + " " + m.text


def _honorific_names(doc: "Doc", ms: list[_M], lex: _Lex) -> None:
    """"Ms Sela Marrow said", "Dr Kelso Brant told reporters": capitalised words right after an honorific
    that stands only before names (entities.json ``name_honorifics``) are a person's name, when the model
    tagged none of them; the honorific stays outside the name."""
    for tok in doc[:-1]:
        if tok.lower_ not in lex.name_honorifics or not tok.text[:1].isupper():
            continue
        j = tok.i + 1 + (1 if doc[tok.i + 1].text == "." else 0)
        k = j
        while k < len(doc) and k - j < 3 and doc[k].pos_ == "PROPN" and doc[k].is_title and doc[k].is_alpha \
                and doc[k].lower_ not in lex.role_words and doc[k].lower_ not in lex.countries:
            k += 1
        if k == j or doc[k - 1].idx < tok.idx:
            continue
        start, end = doc[j].idx, doc[k - 1].idx + len(doc[k - 1].text)
        if not _overlaps(ms, start, end):
            ms.append(_M(start, end, "PERSON", doc.text[start:end]))
    ms.sort(key=lambda m: m.start)


def _names_a_disease(doc: "Doc", m: _M) -> bool:
    """"Lassa fever", "the Nipah virus", "mpox": a disease's name (plover.json disease_names) or a name a
    disease noun heads (entities.json disease_heads) is no place, person or body, whatever the tagger
    made of it."""
    if m.text.lower() in word_set("plover", "disease_names"):
        return True
    span = _span_of(doc, m)
    if span is None or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return (nxt.lemma_.lower() in word_set("entities", "disease_heads") and span.root.head.i == nxt.i
            and nxt.dep_ != "compound")


def _collect(doc: "Doc", report: "Report", lex: _Lex) -> list[_M]:
    text, dateline = report.text, report.dateline
    ms: list[_M] = []
    for ent in doc.ents:
        if ent.label_ in lex.kept:
            pieces = _unglued(ent, lex)
            for piece in pieces:
                ms.extend(_from_ent(piece, lex))
    ms.sort(key=lambda m: m.start)
    ms = _split_divisions(ms, lex)
    # "Palm Sunday", "Easter Monday": a name ending in a weekday is a date, not a place or a person
    ms = [m for m in ms if m.text.split()[-1].lower() not in lex.weekdays]
    ms = [m for m in ms if not _names_a_disease(doc, m)]
    ms = _merge_adjacent(ms, text, lex)
    _peel_honorifics(ms, text, lex)
    _given_name_norp(doc, ms, lex)
    _extend_people_left(doc, ms, lex)
    _extend_people_right(doc, ms, lex)
    _honorific_names(doc, ms, lex)
    ms = _dateline_names(text, dateline, ms, lex)
    _retype_places(doc, ms, lex)
    _appositive_types(doc, ms, lex)
    _extend_people_left(doc, ms, lex)  # a name retyped a person may have a first name the model left out
    ms = [m for m in ms if not _common_noun_place(doc, m)]
    _trim_collective(doc, ms, lex)
    ms = _join_split_names(ms, text, lex)
    _extend_coordinated_org(doc, ms, lex)
    _untagged_places(doc, text, ms, lex)
    dl = parse_dateline(text, dateline)
    ms = _long_forms(doc, text, ms, dl.end if dl else 0)
    _named_groups(doc, ms, lex)
    _outlet_runs(doc, ms, lex)
    _extend_divisions(doc, text, ms, lex)
    _propagate_places(doc, ms, lex)
    _outlet_names(report, ms, lex)
    _acronyms(doc, text, ms, lex, dl.end if dl else 0)
    _ministries(doc, ms, lex)
    _institution_names(doc, ms, lex)  # after the acronyms: "the MSF X hospital"
    ms = _missions(doc, text, ms, lex)
    _add_pattern(doc, text, ms, lex.demonym_re, "NORP")
    _propagate_people(doc, text, ms, lex)
    _collective_names(doc, ms, lex)
    _media(doc, ms, lex)
    _member_bodies(doc, ms, lex)
    _employers(doc, ms, lex)
    _propagate_orgs(doc, text, ms, lex)
    ms.sort(key=lambda m: m.start)
    return ms


# ---------------------------------------------------------------------------------------------
# Step 2: canonical names within the report.


def _acronym(name: str, lex: _Lex) -> str:
    return "".join(_initials(w) for w in name.split() if w.lower() not in lex.acronym_stop)


def _gov_org(text: str, lex: _Lex) -> tuple[str, str] | None:
    """"Government of X", "X Government", "<demonym> Regime" -> (alpha3, "<X> government")."""
    words = text.split()
    low = text.lower()
    for noun in lex.gov_nouns:
        if low.startswith(noun + " of "):
            c = country_of(text[len(noun) + 4:])
        elif len(words) >= 2 and words[-1].lower() == noun:
            c = country_of(" ".join(words[:-1]))
        else:
            continue
        if c:
            return c[0], f"{c[1]} government"
    return None


def _is_igo(text: str, lex: _Lex) -> bool:
    low = text.lower()
    return text in lex.igo_acronyms or any(p in low for p in lex.igo_patterns)


def _place_country(text: str, lex: _Lex) -> str | None:
    name = text.title() if text.isupper() else text
    return lex.capitals.get(name) or _cities().get(name)


@dataclass(frozen=True)
class _KnownOrg:
    name: str
    kind: str
    country: str | None


def _org_key(text: str, fold: dict[str, str]) -> str:
    """The spelling-free form of an organisation's name: case, a leading "the", dots and British vs
    American spellings ("Organisation", "Programme") fold away."""
    words = _strip_the(text.replace("\u2019", "'")).replace(".", "").casefold().split()
    return " ".join(fold.get(w, w) for w in words)


@functools.lru_cache(maxsize=1)
def _known_orgs() -> tuple[dict[str, _KnownOrg], dict[str, _KnownOrg], dict[str, str]]:
    """ontology/organizations.json as (by acronym, by folded name, spelling folds)."""
    table = load("organizations")
    folds = {a: b for a, b in table["spelling"]}
    by_acronym: dict[str, _KnownOrg] = {}
    by_name: dict[str, _KnownOrg] = {}
    for row in table["organizations"]:
        org = _KnownOrg(row["name"], row["kind"], row["country"])
        for acronym in row["acronyms"]:
            by_acronym[acronym] = org
        for name in (row["name"], *row["variants"]):
            by_name[_org_key(name, folds)] = org
    return by_acronym, by_name, folds


def _known_org(text: str) -> _KnownOrg | None:
    """The organisation a name or an acronym as written stands for, when news names it without
    defining it ("the U.N.", "the International Labour Organisation", "the U.S. Drug Enforcement Administration")."""
    by_acronym, by_name, folds = _known_orgs()
    bare = text.replace(".", "")
    if bare in by_acronym:  # case kept: "WHO", "ECtHR", never "who"
        return by_acronym[bare]
    for name in (text, _without_country(_strip_the(text))):
        org = by_name.get(_org_key(name, folds))
        if org is not None:
            return org
    return None


def _capitals_name(text: str) -> str:
    """A place's name written in capitals: a dateline's "KYIV" is Kyiv; a short one is an abbreviation
    ("KZN") and stays as written (title case would make "Kzn" of it)."""
    if not text.isupper():
        return text
    return text if len(text) <= 3 else text.title()


def _base_canonical(m: _M, lex: _Lex) -> None:
    """Canonical from the mention alone (countries, demonyms, government names, places)."""
    m.canonical, m.kind = m.text, _KIND_BY_LABEL.get(m.label, "other")
    known = _known_org(m.text) if m.label in ("ORG", "GPE", "NORP") else None
    if known is not None:
        # the tagger reads "E.U." and "F.B.I." as places; the name says what they are
        m.label, m.canonical, m.country = "ORG", known.name, known.country
        m.kind = "igo" if known.kind == "igo" else "organization"
        return
    if m.label in ("GPE", "LOC", "NORP"):
        c = country_of(m.text)
        if c:
            m.country, m.canonical, m.kind = c[0], c[1], "state"
        elif m.label != "NORP":
            m.canonical = _capitals_name(m.text)
            m.country = _place_country(m.text, lex)
            if m.country is None and (the := _place_country("The " + m.canonical, lex)):
                # datelines lose their article to the tagger: "THE HAGUE" is tagged "HAGUE"
                m.canonical, m.country = "The " + m.canonical, the
        elif m.text.isupper():
            m.canonical = m.text.title()
    elif m.label == "ORG":
        gov = _gov_org(m.text, lex)
        if gov:
            m.country, m.canonical, m.kind = gov[0], gov[1], "state-government"
        elif _is_igo(m.text, lex):
            m.kind = "igo"


def _pick(cands: list[_M], m: _M) -> _M | None:
    """The longest candidate name; ties go to the nearest one before the mention."""
    if not cands:
        return None
    longest = max(len(c.text) for c in cands)
    best = [c for c in cands if len(c.text) == longest]
    before = [c for c in best if c.start <= m.start]
    return before[-1] if before else best[0]


def _resolve_people(ms: list[_M]) -> None:
    people = [m for m in ms if m.label == "PERSON"]
    fulls = [m for m in people if " " in m.text]
    for m in people:
        words = m.text.split()
        cands = [f for f in fulls if len(f.text) > len(m.text) and (
            f.text.split()[-len(words):] == words
            or (len(words) > 1 and f.text.split()[0] == words[0] and f.text.split()[-1] == words[-1]))]
        best = _pick(cands, m)
        if best is not None:
            m.canonical = best.text


def _expansions(longs: list[_M], acronym: str, lex: _Lex) -> list[str]:
    """Long names (or their " of " tails: "Office of the Prosecutor of the International Criminal
    Court") whose initials spell ``acronym``, longest first."""
    out = []
    for x in longs:
        parts = x.text.split(" of ")
        for k in range(len(parts)):
            tail = _strip_the(" of ".join(parts[k:]))
            if _acronym(tail, lex) == acronym or (k == 0 and _acronym(_without_country(tail), lex) == acronym):
                if k > 0 or x.label == "ORG":
                    out.append(x.canonical if k == 0 else tail)
                break
    return sorted(out, key=len, reverse=True)


def _bracket_definitions(ms: list[_M], longs: list[_M]) -> dict[str, str]:
    """"Centers for Grain Safety and Storage (CGS)": an acronym in brackets right after a long name
    defines it even when it leaves out words ("and Storage"), if its letters are the name's initials
    in order, from the first."""
    out: dict[str, str] = {}
    for x in longs:
        acro = next((m for m in ms if m.label == "ORG" and 1 <= m.start - x.end <= 2
                     and re.fullmatch(r"[A-Z]{2,6}", m.text)), None)
        if acro is None or acro.text in out:
            continue
        initials = "".join(_initials(w) for w in x.text.split())
        letters = iter(initials)
        if initials[:1] == acro.text[0] and all(ch in letters for ch in acro.text):
            out[acro.text] = x.canonical
    return out


def _without_country(name: str) -> str:
    """"U.S. Grain Board" -> "Grain Board": a body's acronym leaves out the country that owns it ("the
    Kenyan Grain Board ... the GB"); one or two leading words that name or qualify a country go."""
    words = name.split()
    for n in (2, 1):
        if len(words) > n + 1 and country_of(" ".join(words[:n])):
            return " ".join(words[n:])
    return name


def _resolve_orgs(ms: list[_M], lex: _Lex) -> list[_M]:
    """Acronyms, "X" for "X of Y", and lone generic heads ("Court") resolve to a longer name; a
    generic head with no antecedent is not a name and is dropped."""
    longs = [m for m in ms if m.label in ("ORG", "LAW") and " " in m.text and m.text.lower() not in lex.generic]
    defined = _bracket_definitions(ms, longs)
    keep: list[_M] = []
    for m in ms:
        if m.label in ("ORG", "LAW", "GPE") and m.text.lower() in lex.generic:
            head = m.text.lower().split()[-1]
            cands = [x for x in longs if x.label == m.label and _head_word(x.text) == head]
            if len({c.canonical for c in cands}) != 1:
                continue
            m.canonical, m.kind, m.country = cands[0].canonical, cands[0].kind, cands[0].country
        elif m.label == "ORG" and re.fullmatch(r"[A-Z]{2,6}", m.text):
            names = _expansions(longs, m.text, lex) or ([defined[m.text]] if m.text in defined else [])
            if names:
                m.canonical = names[0]
                m.kind = "igo" if _is_igo(m.canonical, lex) or m.kind == "igo" else m.kind
        elif m.label in ("ORG", "LAW") and " " in m.text:
            best = _pick([x for x in longs if x.label == m.label and x.text.startswith(m.text + " of ")], m)
            if best is not None:
                m.canonical, m.kind, m.country = best.canonical, best.kind, best.country
        keep.append(m)
    return keep


def _embassy(m: _M, ms: list[_M], text: str, lex: _Lex) -> None:
    """"<Demonym|Country> Embassy [in <City>]" -> "Embassy of <Country> [in <host country>]"."""
    words = m.text.split()
    head = next((h for h in lex.embassy_heads if m.text.lower().endswith(" " + h)), None)
    if head is None:
        return
    c = country_of(" ".join(words[: -len(head.split())]))
    if c is None:
        return
    base = f"{head.title()} of {c[1]}"
    m.canonical, m.country, m.kind = base, c[0], "organization"
    after = re.match(r"\s+in\s+", text[m.end:])
    if after is None:
        return
    place = next((x for x in ms if x.start == m.end + after.end() and x.label == "GPE"), None)
    if place is None:
        return
    host = place.country if place.kind != "state" else place.country
    aliases = [base, f"{base} in {place.canonical}"]
    if host and host != c[0]:
        m.canonical = f"{base} in {country_phrase(host)}"
    else:
        m.canonical = aliases.pop()
    m.aliases = tuple(aliases)


def _canonicalise(ms: list[_M], text: str, lex: _Lex) -> list[_M]:
    for m in ms:
        _base_canonical(m, lex)
    _resolve_people(ms)
    ms = _resolve_orgs(ms, lex)
    for m in ms:
        if m.label == "ORG":
            _embassy(m, ms, text, lex)
    return ms


# ---------------------------------------------------------------------------------------------
# Step 3: roles and affiliations from titles and appositives.


def _sector(phrase: str, lex: _Lex) -> str | None:
    padded = f" {phrase.lower()} "
    for key, sector in lex.sectors:
        if f" {key} " in padded:
            return sector
    return None


def _mention_at(ms: list[_M], start: int, end: int) -> _M | None:
    return next((m for m in ms if m.start < end and start < m.end), None)


def _hyphenated(tok: "Token") -> bool:
    doc = tok.doc
    return (tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_) or (
        tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-" and not tok.whitespace_)


def _title_tokens(doc: "Doc", end_i: int, ms: list[_M], lex: _Lex) -> list["Token"]:
    """Tokens of a title written before position ``end_i`` ("ICC chief prosecutor", "Exiled
    Belarusian opposition leader"), walking left over nouns, adjectives and names."""
    out: list["Token"] = []
    i = end_i - 1
    while i >= 0 and len(out) < 7:
        tok = doc[i]
        inside = _mention_at(ms, tok.idx, tok.idx + len(tok))
        if inside is not None and inside.label == "PERSON":
            break
        if tok.pos_ not in _CONTEXT_POS and tok.lower_ not in lex.status and not (
                tok.tag_ == "VBN" and tok.lower_ in lex.status):
            break
        out.append(tok)
        i -= 1
    return out[::-1]


@dataclass(slots=True)
class _Title:
    role: str | None = None
    country: str | None = None
    affiliation: str | None = None
    qualifiers: tuple[str, ...] = ()
    start: int = 0


def _read_title(tokens: list["Token"], ms: list[_M], lex: _Lex, tail: str = "") -> _Title:
    """Split a title into role words, status words, a country and an affiliated organisation."""
    title = _Title(start=tokens[0].idx if tokens else 0)
    role: list[str] = []
    quals: list[str] = []
    for tok in tokens:
        low = tok.lower_
        m = _mention_at(ms, tok.idx, tok.idx + len(tok))
        if low in lex.status:
            quals.append(lex.status[low])
            role = []
        elif m is not None and m.kind in ("state",) and m.country:
            title.country = title.country or m.country
            role = []
        elif m is not None and m.label == "ORG":
            title.affiliation = m.canonical
            title.country = title.country or m.country
            role = []
        elif _hyphenated(tok) or (tok.pos_ in ("PROPN", "ADJ") and low not in lex.role_words):
            role = []
        else:
            role.append(low if tok.pos_ != "PROPN" or low in lex.role_words else tok.text)
    if role and (tokens[-1].pos_ in ("NOUN", "PROPN")):
        title.role = " ".join(role) + tail
    title.qualifiers = tuple(dict.fromkeys(quals))
    return title


def _of_phrase(doc: "Doc", head: "Token", ms: list[_M]) -> tuple[str, list["Token"]]:
    """" of <name>" after a role noun ("president of Belarus", "Minister of Justice"): names and
    nouns up to the next punctuation."""
    nxt = head.i + 1
    if nxt + 1 >= len(doc) or doc[nxt].lower_ != "of":
        return "", []
    j = nxt + 1
    while j < len(doc) and j < nxt + 9 and (doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ")
                                            or doc[j].lower_ == "of" or doc[j].text == "-"):
        j += 1
    while j > nxt + 1 and (doc[j - 1].pos_ == "DET" or doc[j - 1].lower_ == "of"):
        j -= 1
    if j == nxt + 1:
        return "", []
    return " " + doc[nxt:j].text, list(doc[nxt:j])


def _role_head_before(doc: "Doc", i: int, lex: _Lex) -> int | None:
    """Index of the role noun of the phrase ending at token ``i`` ("president" in "the president
    of Belarus", "Minister" in "the Minister of Justice"), if it is a known role word."""
    j = i
    while j > 0 and j > i - 7 and doc[j].lower_ != "of" and (doc[j].pos_ in ("PROPN", "DET", "NOUN", "ADJ")):
        j -= 1
    if doc[j].lower_ == "of" and j > 0:
        i = j - 1
    tok = doc[i]
    return i if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in lex.role_words else None


def _tail_facts(title: _Title, tail_toks: list["Token"], ms: list[_M]) -> None:
    for t in tail_toks:
        m = _mention_at(ms, t.idx, t.idx + len(t))
        if m is not None and m.country and not title.country:
            title.country = m.country
        if m is not None and m.label == "ORG" and not title.affiliation:
            title.affiliation = m.canonical


def _appositive_title(doc: "Doc", span: "SpacySpan", ms: list[_M], lex: _Lex) -> tuple[_Title, int] | None:
    """"the president of X, NAME" (role before the comma) or "NAME, the X prosecutor," (after)."""
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and not (after.is_punct or after.pos_ in ("VERB", "AUX")):
        return None  # a name inside a longer phrase is no appositive
    if span.start >= 2 and doc[span.start - 1].text == ",":
        head_i = _role_head_before(doc, span.start - 2, lex)
        if head_i is None:
            return None
        tail, tail_toks = _of_phrase(doc, doc[head_i], ms)
        toks = _title_tokens(doc, head_i + 1, ms, lex)
        title = _read_title(toks, ms, lex, tail)
        _tail_facts(title, tail_toks, ms)
        start = toks[0].idx if toks else doc[head_i].idx
        if start > 0 and doc[toks[0].i - 1 if toks else head_i - 1].pos_ in ("DET", "PRON"):
            start = doc[toks[0].i - 1 if toks else head_i - 1].idx
        return title, start
    if after is not None and after.text == ",":  # "NAME, the ICC Prosecutor, ..."
        j = span.end + 1
        while j < len(doc) and doc[j].pos_ == "DET":
            j += 1
        k = j
        while k < len(doc) and k < j + 6 and doc[k].pos_ in _CONTEXT_POS:
            k += 1
        closed = k == len(doc) or doc[k].is_punct or doc[k].lower_ == "of"
        if k > j and doc[k - 1].lower_ in lex.role_words and closed:
            tail, tail_toks = _of_phrase(doc, doc[k - 1], ms)
            end = tail_toks[-1].i + 1 if tail_toks else k
            if end < len(doc) and not doc[end].is_punct:
                return None  # the phrase goes on as a clause: "..., a member state ... has referred"
            title = _read_title(list(doc[j:k]), ms, lex, tail)
            _tail_facts(title, tail_toks, ms)
            return title, span.start_char
    return None


def _apply_title(info: _Info, title: _Title, m: _M, lex: _Lex, span: tuple[int, int]) -> None:
    if title.role and title.role not in info.roles:
        info.roles.append(title.role)
    info.qualifiers.extend(q for q in title.qualifiers if q not in info.qualifiers)
    info.country = info.country or title.country
    sector = _sector(title.role or "", lex) or ("igo" if m.kind == "igo" else None)
    info.sector = info.sector or sector
    if title.affiliation and title.affiliation != m.canonical:
        info.affiliation = info.affiliation or title.affiliation
    elif info.country and not info.affiliation and m.label == "PERSON":
        name = lex.common.get(info.country, info.country)
        if sector in ("government", "military", "police"):
            info.affiliation = f"{name} government"
        elif sector == "opposition":
            info.affiliation = f"{lex.adjective.get(info.country, name)} opposition"
    if span[0] < m.start:
        info.spans.append(span)


def _names_a_person(name: str, role: str | None, lex: _Lex) -> bool:
    """An "ORG" in apposition to a person's title ("Ingrid Solvang, Secretary General") is a person
    when its own words are plain capitalised names."""
    words = name.split()
    return bool(role) and role.split()[-1] in lex.person_roles and 2 <= len(words) <= 3 and all(
        w.istitle() and w.lower() not in lex.role_words for w in words)


def _group_sector(doc: "Doc", span: "SpacySpan", lex: _Lex) -> str | None:
    """A named group's sector from the lower-case words framing its name: "the rights group X" (before),
    "X militants", "X militia" (after); a word nearer the name wins."""
    before, k = [], span.start - 1
    while k >= 0 and k >= span.start - 3 and doc[k].text.islower() and doc[k].pos_ in ("NOUN", "ADJ"):
        before.append(doc[k].lower_)
        k -= 1
    after = [doc[span.end].lower_] if span.end < len(doc) and doc[span.end].text.islower() else []
    return next((lex.group_sectors[w] for w in after + before if w in lex.group_sectors), None)


def _describe(doc: "Doc", ms: list[_M], lex: _Lex) -> dict[str, _Info]:
    infos: dict[str, _Info] = {}
    for m in ms:
        info = infos.setdefault(m.canonical, _Info())
        if m.label not in ("PERSON", "ORG") or m.kind == "state-government":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        toks = _title_tokens(doc, span.start, ms, lex)
        if toks:
            title = _read_title(toks, ms, lex)
            _apply_title(info, title, m, lex, (toks[0].idx, m.end))
        app = _appositive_title(doc, span, ms, lex)
        if app is not None:
            _apply_title(info, app[0], m, lex, (app[1], m.end))
            if m.label == "ORG" and _names_a_person(m.text, app[0].role, lex):
                m.label, m.kind = "PERSON", "person"
        if m.label == "ORG" and info.sector is None:
            info.sector = "igo" if m.kind == "igo" else _sector(m.canonical, lex) or _group_sector(doc, span, lex)
    return infos


# ---------------------------------------------------------------------------------------------
# Step 4: state-sector groups ("X's government, police and armed forces", "the regime").


def _group_extent(tok: "Token", ms: list[_M]) -> tuple[int, int]:
    """Char extent of a government noun phrase with its coordinated security nouns."""
    left = tok.left_edge
    right = tok
    for child in tok.children:
        if child.dep_ == "conj" and child.i > tok.i:
            right = max(right, child.right_edge, key=lambda t: t.i)
            for grand in child.subtree:
                if grand.dep_ == "conj" and grand.i > right.i:
                    right = grand
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            m = _mention_at(ms, pobj.idx, pobj.idx + len(pobj)) if pobj is not None else None
            last = pobj.doc.char_span(m.start, m.end, alignment_mode="expand") if m is not None else None
            if last is not None:
                right = max(right, last[-1], key=lambda t: t.i)
    while right.i > left.i and (right.tag_ == "POS" or right.is_punct):
        right = right.doc[right.i - 1]
    while left.i < right.i and left.is_punct:
        left = left.doc[left.i + 1]
    return left.idx, right.idx + len(right)


def _group_country(tok: "Token", ms: list[_M], infos: dict[str, _Info],
                   lex: _Lex) -> tuple[str | None, str | None, bool]:
    """(alpha3, fallback owner name, is_anaphor) for a government noun."""
    bare = True
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod", "prep"):
            target = child
            if child.dep_ == "prep":
                # "the government of X", "the military government in X" (the seat names the state)
                if child.lower_ not in ("of", "in"):
                    continue
                target = next((c for c in child.children if c.dep_ == "pobj"), child)
            m = _mention_at(ms, target.idx, target.idx + len(target))
            if m is not None:
                country = m.country if m.kind == "state" else infos.get(m.canonical, _Info()).country
                if m.label == "PERSON":
                    return country, m.canonical, False
                if country:
                    return country, None, False
                if m.label in ("NORP", "GPE"):
                    # a state our tables do not know ("the Kestrian government"): name it after the
                    # place the demonym comes from when the report names it, never after another state
                    return None, _place_of_demonym(m, ms), False
            if child.dep_ == "poss" and child.lower_ in lex.person_possessives:
                person = next((x for x in reversed(ms) if x.label == "PERSON" and x.end <= tok.idx), None)
                if person is not None:
                    return infos.get(person.canonical, _Info()).country, person.canonical, False
            if child.dep_ not in ("amod",) or child.pos_ == "PROPN":
                bare = False
    dets = word_set("grammar", "anaphoric_determiners")
    has_det = any(c.dep_ == "det" and c.lower_ in dets for c in tok.children)
    return None, None, bare and has_det and tok.lower_ in lex.anaphora


def _place_of_demonym(m: _M, ms: list[_M]) -> str:
    """'Kestrian' -> 'Kestria' when a GPE of the report shares its stem; else the demonym itself."""
    stem = m.canonical.lower()[:5]
    place = next((x.canonical for x in ms if x.label == "GPE" and len(stem) == 5
                  and x.canonical.lower().startswith(stem)), None)
    return place or m.canonical


def _anaphor(pos: int, ms: list[_M], infos: dict[str, _Info], lex: _Lex,
             groups: list[tuple[int, int, str, str | None]], dl_end: int = 0) -> tuple[str, str | None] | None:
    """(canonical, alpha3) of the government a bare "the regime" most likely means: the government
    group named most so far; failing that, the state of the government people named most so far;
    failing that, the state named most so far, then anywhere in the report. The dateline's country is
    where the reporter files from (often a neighbour's capital), so it counts only when the report
    names no other state."""
    score: Counter[tuple[str, str | None]] = Counter((c, a3) for s, _, c, a3 in groups if s < pos)
    if not score:
        for m in ms:
            info = infos.get(m.canonical)
            if m.label == "PERSON" and m.start < pos and info and info.country and info.sector == "government":
                score[(f"{lex.common.get(info.country, info.country)} government", info.country)] += 1
    states = [m for m in ms if m.kind == "state" and m.country]
    for pool in ([m for m in states if dl_end <= m.start < pos], [m for m in states if m.start >= dl_end], states):
        if score:
            break
        score.update((f"{m.canonical} government", m.country) for m in pool)
    return score.most_common(1)[0][0] if score else None


_Group = tuple[int, int, str, "str | None"]  # start, end, canonical, alpha3


def _gov_groups(doc: "Doc", text: str, ms: list[_M], infos: dict[str, _Info], lex: _Lex,
                dl_end: int = 0) -> list[_Group]:
    """(start, end, canonical, alpha3) of each state-government group phrase (``dl_end``: where the
    dateline ends)."""
    found: list[tuple[int, int, str, str | None]] = []
    for match in lex.gov_re.finditer(text):
        span = doc.char_span(*match.span())
        if span is None or len(span) != 1 or span[0].pos_ not in ("NOUN", "PROPN"):
            continue
        if _mention_at(ms, *match.span()) is not None:
            continue
        tok = span[0]
        country, owner, anaphor = _group_country(tok, ms, infos, lex)
        if country:
            canonical = f"{lex.common.get(country, country)} government"
        elif owner:
            canonical = f"{owner} government"
        elif anaphor and (hit := _anaphor(tok.idx, ms, infos, lex, found, dl_end)):
            canonical, country = hit
        else:
            continue
        start, end = _group_extent(tok, ms)
        found.append((start, end, canonical, country))
    return found


# ---------------------------------------------------------------------------------------------
# Step 5: records.


def _build(report_id: str, text: str, ms: list[_M], infos: dict[str, _Info],
           groups: list[tuple[int, int, str, str | None]]) -> tuple[tuple[Mention, ...], tuple[Actor, ...]]:
    by_key: dict[str, dict[str, Any]] = {}

    def slot(canonical: str, kind: str, country: str | None, order: int) -> dict[str, Any]:
        key = canonical.casefold()
        if key not in by_key:
            by_key[key] = {"canonical": canonical, "kind": kind, "country": country, "spans": set(),
                           "aliases": [], "order": order}
        return by_key[key]

    mentions = []
    for m in ms:
        s = slot(m.canonical, m.kind, m.country, m.start)
        s["spans"].add((m.start, m.end))
        s["aliases"].extend(a for a in (m.text, *m.aliases) if a != m.canonical)
        if s["kind"] == "state" or m.kind == "state":
            s["kind"] = "state"
        s["country"] = s["country"] or m.country
        mentions.append(Mention(Span(report_id, m.start, m.end, m.text), m.label,
                                actor_id(report_id, s["canonical"]), NAME))
    for start, end, canonical, country in groups:
        s = slot(canonical, "state-government", country, start)
        s["spans"].add((start, end))
        s["aliases"].append(text[start:end])
        s["sector"] = "government"
    actors = []
    for s in sorted(by_key.values(), key=lambda x: x["order"]):
        info = infos.get(s["canonical"], _Info())
        spans = sorted(s["spans"] | set(info.spans))
        aliases = tuple(dict.fromkeys(
            a for a in s["aliases"] + info.aliases if a.casefold() != s["canonical"].casefold()))
        sector = info.sector or s.get("sector") or ("government" if s["kind"] == "state-government" else None)
        actors.append(Actor(
            id=actor_id(report_id, s["canonical"]), report_id=report_id, canonical=s["canonical"],
            kind=s["kind"], roles=tuple(info.roles), affiliation=info.affiliation,
            country=s["country"] or info.country, sector=sector, aliases=aliases,
            mentions=tuple(Span(report_id, a, b, text[a:b]) for a, b in spans), extractor=NAME,
            qualifiers=tuple(info.qualifiers)))
    return tuple(mentions), tuple(actors)


def run(doc: "Doc", analysis: Analysis) -> Analysis:
    lex = _lex()
    report = analysis.report
    ms = _collect(doc, report, lex)
    ms = _canonicalise(ms, report.text, lex)
    infos = _describe(doc, ms, lex)
    dl = parse_dateline(report.text, report.dateline)
    groups = _gov_groups(doc, report.text, ms, infos, lex, dl.end if dl else 0)
    mentions, actors = _build(report.id, report.text, ms, infos, groups)
    return dataclasses.replace(analysis, mentions=mentions, actors=actors)
