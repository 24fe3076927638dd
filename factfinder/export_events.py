"""Event exports by standard: a PLOVER 0.7 JSON record and a GDELT 2.0 event row for an Event + its Report.

PLOVER: field names of the PLOVER manual (draft 0.7b1, openeventdata/PLOVER, "JSON Data Fields"):
``actor``/``recipient`` (lists of actor objects: code, sector, actor_text), ``event`` (a list),
``event_text``, ``event_loc`` (geonames field names, with the ISO-3 country as ``cc3``), ``text_info``
{start, end}, ``cite_info``; ``id``, ``date``, ``actor`` and ``event`` are required, so a record
lacking one is not written (``plover_problem`` says why).

GDELT 2.0: the 61 columns of the GDELT 2.0 event table, in order. Actor country codes are CAMEO
(ISO alpha-3); geography country codes are FIPS 10-4 (ontology/countries.json). SQLDATE is the day the
event happened (YYYYMMDD): the event's own date when known to the day; otherwise, as GDELT does, the
publication date -- but only when the event has no date or its month/year contains the publication
day. An event dated only "2019" in a 2024 report has no SQLDATE and is not written.
"""

from __future__ import annotations

import functools
import hashlib
from datetime import date as Date
from typing import Any

from .ontology.countries import fips as country_fips
from .ontology.cameo import plover
from .records import Event, Report

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
CAMEO_TSV_COLUMNS = GDELT_COLUMNS  # the name the export module imports
_QUAD = {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3, "material conflict": 4}
# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
_GEO_TYPE = {"country": 1, "city": 4, "region": 5}
CODEBOOK = "PLOVER 0.7b1"


def fips(iso2: str | None) -> str:
    return country_fips(iso2)  # ontology/countries.json, from GeoNames' country records


def event_id(event: Event) -> str:
    """Stable id: report id + trigger offsets + type (hex)."""
    key = f"{event.trigger.report_id}:{event.trigger.start}:{event.trigger.end}:{event.plover}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def global_event_id(event: Event) -> int:
    """An integer id for GDELT's GLOBALEVENTID (60 bits of the stable id, so it fits a signed int64)."""
    return int(event_id(event)[:15], 16)


def event_day(event: Event, report: Report) -> tuple[str | None, str]:
    """(YYYY-MM-DD or None, how): the day the event happened, by the rules in the module docstring."""
    value = event.date.value if event.date is not None else None
    if value and len(value) == 10 and _is_day(value):
        return value, "event"
    pub = report.published if report.published and _is_day(report.published) else None
    if pub is None:
        return None, "no event day and no publication date"
    if not value:
        return pub, "publication"
    if len(value) in (4, 7) and pub.startswith(value):
        return pub, "publication (within the event's month/year)"
    return None, f"event dated {value!r} only, not to the day"


def _is_day(value: str) -> bool:
    try:
        Date.fromisoformat(value[:10])
    except ValueError:
        return False
    return len(value) >= 10


def time_precision(event: Event, report: Report) -> int:
    """ACLED's time precision: 1 the day is known, 2 the week/month, 3 only a coarser period."""
    value = event.date.value if event.date is not None else None
    if value and len(value) == 10 and _is_day(value):
        return 1
    if value and len(value) == 7:
        return 2
    if value:
        return 3
    return 1 if report.published else 3


def _actors(names: tuple[str, ...], countries: tuple[str, ...], sectors: tuple[str, ...]) -> list[dict[str, Any]]:
    codes = plover()["sector_codes"]
    out = []
    for i, name in enumerate(names):
        sector = sectors[i] if i < len(sectors) else ""
        country = countries[i] if len(countries) == len(names) else (countries[0] if len(countries) == 1 else None)
        actor: dict[str, Any] = {"actor_text": name, "code": country}
        if codes.get(sector or ""):
            actor["sector"] = codes[sector]
        out.append(actor)
    return out


def _alpha3(iso2: str | None) -> str | None:
    from .review import resolve_country

    found = resolve_country(iso2, strict=False) if iso2 else None
    return found[0] if found else None


def plover_record(event: Event, report: Report, fact_id: str | None = None, review: str | None = None
                  ) -> dict[str, Any]:
    """The PLOVER interchange JSON record (field names of the PLOVER 0.7 manual)."""
    day, _how = event_day(event, report)
    rec: dict[str, Any] = {
        "id": event_id(event),
        "date": day,
        "actor": _actors(event.sources, event.source_countries, event.source_sectors),
        "recipient": _actors(event.targets, event.target_countries, event.target_sectors),
        "event": [event.plover],
        "mode": [event.mode] if event.mode else [],
        "context": [c for c in (event.context,) if c],
        "quad_code": _QUAD.get(plover()["types"].get(event.plover, {}).get("quad", "")),
        "event_text": [event.trigger.text],
        "text": event.sentence.text,
        "text_info": {"start": event.sentence.start, "end": event.sentence.end,
                      "event_start": event.trigger.start, "event_end": event.trigger.end},
        "cite_info": {"citation": report.id, "url": report.url, "title": report.title,
                      "language": report.language, "publication": report.outlet, "coder": event.extractor,
                      "codebook": CODEBOOK},
        "coder": event.extractor,
        "comment": event.rule,
        # Beyond the manual (it allows named extra fields): what the text says about the event.
        "cameo": event.cameo,
        "negated": event.negated,
        "modality": event.modality,
        "confidence": event.confidence,
    }
    if fact_id is not None:
        rec["fact_id"] = fact_id
    if review is not None:
        rec["review"] = review
    if event.date is not None and event.date.value and event.date.value != day:
        rec["date_text"] = event.date.value
    if event.place is not None:
        p = event.place
        rec["event_loc"] = {"name": p.name, "geonameid": p.geonames_id, "latitude": p.lat, "longitude": p.lon,
                            "country_code": p.country, "cc3": _alpha3(p.country), "feature": p.feature}
    return rec


def plover_problem(rec: dict[str, Any]) -> str | None:
    """Why a record cannot be written as PLOVER (a required field is empty), or None."""
    for key in ("id", "date", "actor", "event"):
        if not rec.get(key):
            return f"no {key}"
    return None


def cameo_row(event: Event, report: Report, sources: tuple[int, int] = (1, 1)) -> list[str] | None:
    """One GDELT 2.0 event row (columns ``GDELT_COLUMNS``), or None when the event has no SQLDATE.

    ``sources``: (NumSources, NumArticles) from fusion -- outlets and reports telling this event.
    """
    day, _how = event_day(event, report)
    if day is None:
        return None
    codes = plover()["sector_codes"]
    quad = _QUAD.get(plover()["types"].get(event.plover, {}).get("quad", ""), "")
    code = event.cameo or ""
    d = Date.fromisoformat(day)
    fraction = round(d.year + (d.timetuple().tm_yday - 1) / 365, 4)

    def first(seq: tuple[str, ...]) -> str:
        return seq[0] if seq else ""

    def actor(names: tuple[str, ...], countries: tuple[str, ...], sectors: tuple[str, ...]) -> list[Any]:
        country = first(countries)
        type1 = codes.get(first(sectors), "")
        return [country + type1, first(names), country, "", "", "", "", type1, "", ""]

    place = event.place
    geo = ["", "", "", "", "", "", "", ""]
    if place is not None:
        geo = [_GEO_TYPE.get(place.feature or "", 4), place.name, fips(place.country), fips(place.country), "",
               place.lat if place.lat is not None else "", place.lon if place.lon is not None else "",
               place.geonames_id or ""]
    empty_geo = ["", "", "", "", "", "", "", ""]
    added = "".join(ch for ch in (report.captured_at or "") if ch.isdigit())[:14]
    row = [global_event_id(event), day.replace("-", ""), day[:7].replace("-", ""), day[:4], fraction,
           *actor(event.sources, event.source_countries, event.source_sectors),
           *actor(event.targets, event.target_countries, event.target_sectors),
           int(event.confidence >= 0.7), code, code[:3], code[:2], quad, "",
           1, sources[0], sources[1], "",
           *empty_geo, *empty_geo, *geo,
           added, report.url or ""]
    return [str(x) for x in row]


def cameo_tsv(pairs: list[tuple[Event, Report]], header: bool = True) -> str:
    lines = ["\t".join(GDELT_COLUMNS)] if header else []
    for ev, rep in pairs:
        row = cameo_row(ev, rep)
        if row is not None:
            lines.append("\t".join(v.replace("\t", " ").replace("\n", " ") for v in row))
    return "\n".join(lines) + "\n"
