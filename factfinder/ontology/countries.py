"""The one country resolver: a name, alias, demonym or code -> a country record of ``countries.json``.

Every part of factfinder that turns a country into a code (or back) asks here: CLI and API validation,
exports (ISO alpha-3 and FIPS 10-4 for GDELT), the entity and place stages' country names and demonyms.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

from . import load


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    numeric: str | None  # ISO 3166-1 numeric, as written ("004")
    fips: str | None  # FIPS 10-4 (GDELT's geography country codes)
    geonameid: int | None
    name: str  # the common name used in running text ("Russia")
    iso_name: str  # the ISO 3166-1 short name ("Russian Federation")
    official_name: str | None
    names: tuple[str, ...]  # every package name (ISO short, common, official, GeoNames)
    aliases: tuple[str, ...]  # curated other names ("Britain", "Burma")
    demonyms: tuple[str, ...]  # nationality words, the adjective first
    place_adjectives: tuple[str, ...]  # place-only adjectives ("Scottish" coast)
    capital: str | None


_TUPLES = ("names", "aliases", "demonyms", "place_adjectives")


@functools.lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country, in ISO alpha-2 order."""
    return tuple(Country(**{k: tuple(v) if k in _TUPLES else v for k, v in row.items()})
                 for row in load("countries")["countries"])


def _key(text: str) -> str:
    t = " ".join(text.replace("’", "'").split()).casefold()
    return t[4:] if t.startswith("the ") else t


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Country], dict[str, Country], dict[str, Country]]:
    """(ISO codes, FIPS codes, names/aliases/demonyms) -> country. A name two countries share goes to
    the first that claims it, package names before curated aliases before demonyms."""
    codes: dict[str, Country] = {}
    fips: dict[str, Country] = {}
    names: dict[str, Country] = {}
    for c in countries():
        codes.update({c.iso2: c, c.iso3: c, **({c.numeric: c} if c.numeric else {})})
        if c.fips:
            fips.setdefault(c.fips, c)
    for field in ("names", "name", "aliases", "demonyms"):
        for c in countries():
            values = (c.name,) if field == "name" else getattr(c, field)
            for v in values:
                names.setdefault(_key(v), c)
    return codes, fips, names


def by_code(code: str | None) -> Country | None:
    """ISO 3166-1 alpha-2, alpha-3 or numeric code -> country (case-insensitive)."""
    return _index()[0].get((code or "").strip().upper())


def by_fips(code: str | None) -> Country | None:
    """FIPS 10-4 code -> country (only when the caller knows the code is FIPS: "BY" is Burundi there)."""
    return _index()[1].get((code or "").strip().upper())


def resolve(value: str | None) -> Country | None:
    """An ISO code, or an English name, alias or demonym ("Belarus", "the UK", "Burmese") -> country."""
    if not value or not value.strip():
        return None
    v = value.strip()
    if len(v) <= 3 and (v.isupper() or v.isdigit()):
        found = by_code(v)
        if found is not None:
            return found
    return _index()[2].get(_key(v)) or by_code(v)


def fips(iso2: str | None) -> str:
    """FIPS 10-4 code of an ISO alpha-2 (or alpha-3) code; '' when unknown."""
    c = by_code(iso2)
    return (c.fips or "") if c else ""


def close_names(value: str, n: int = 2) -> list[str]:
    """Country names closest to a misspelt one (for "did you mean" hints)."""
    return difflib.get_close_matches(_key(value), list(_index()[2]), n=n, cutoff=0.75)
