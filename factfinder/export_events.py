"""Event exports: a PLOVER JSON record and a GDELT-style CAMEO TSV row for an Event + its Report."""

from __future__ import annotations

import hashlib
from typing import Any

from .ontology.cameo import plover
from .records import Event, Report

CAMEO_TSV_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode", "EventBaseCode",
    "EventRootCode", "QuadClass", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
    "ActionGeo_Long", "DATEADDED", "SOURCEURL", "PLOVER", "PLOVERMode",
)
_QUAD = {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3, "material conflict": 4}


def event_id(event: Event) -> str:
    """Stable id: report id + trigger offsets."""
    key = f"{event.trigger.report_id}:{event.trigger.start}:{event.trigger.end}:{event.plover}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _actors(names: tuple[str, ...], countries: tuple[str, ...], sectors: tuple[str, ...]) -> list[dict[str, Any]]:
    codes = plover()["sector_codes"]
    out = []
    for i, name in enumerate(names):
        sector = sectors[i] if i < len(sectors) else ""
        country = countries[i] if len(countries) == len(names) else (countries[0] if len(countries) == 1 else None)
        out.append({"actorText": name, "code": country, "sector": codes.get(sector or "", None)})
    return out


def _date(event: Event, report: Report) -> str | None:
    value = event.date.value if event.date is not None else None
    if value and len(value) == 10 and value[4] == "-":
        return value
    return report.published


def plover_record(event: Event, report: Report) -> dict[str, Any]:
    """The PLOVER interchange JSON record (field names from the PLOVER manual)."""
    rec: dict[str, Any] = {
        "id": event_id(event),
        "date": _date(event, report),
        "source": _actors(event.sources, event.source_countries, event.source_sectors),
        "target": _actors(event.targets, event.target_countries, event.target_sectors),
        "event": event.plover,
        "mode": event.mode,
        "context": [c for c in (event.context,) if c],
        "eventText": event.trigger.text,
        "text": event.sentence.text,
        "language": report.language,
        "publication": report.outlet,
        "url": report.url,
        "cameo": event.cameo,
        "negated": event.negated,
        "modality": event.modality,
        "confidence": event.confidence,
        "coder": event.extractor,
        "comment": event.rule,
    }
    if event.place is not None:
        rec["eventLoc"] = {"name": event.place.name, "country": event.place.country,
                           "lat": event.place.lat, "lon": event.place.lon, "geonameID": event.place.geonames_id}
    if event.date is not None and event.date.value and event.date.value != rec["date"]:
        rec["dateText"] = event.date.value
    return rec


def cameo_row(event: Event, report: Report) -> list[str]:
    """One GDELT-style tab-separated row (columns ``CAMEO_TSV_COLUMNS``)."""
    codes = plover()["sector_codes"]
    quad = _QUAD.get(plover()["types"].get(event.plover, {}).get("quad", ""), "")
    code = event.cameo or ""
    place = event.place

    def first(seq: tuple[str, ...]) -> str:
        return seq[0] if seq else ""

    date = (_date(event, report) or "").replace("-", "")
    return [str(x) for x in (
        event_id(event), date, first(event.sources), first(event.source_countries),
        codes.get(first(event.source_sectors), ""), first(event.targets), first(event.target_countries),
        codes.get(first(event.target_sectors), ""), int(event.confidence >= 0.7), code, code[:3], code[:2],
        quad, place.name if place else "", place.country if place and place.country else "",
        place.lat if place and place.lat is not None else "", place.lon if place and place.lon is not None else "",
        (report.captured_at or "")[:10].replace("-", ""), report.url or "", event.plover, event.mode or "",
    )]


def cameo_tsv(pairs: list[tuple[Event, Report]], header: bool = True) -> str:
    lines = ["\t".join(CAMEO_TSV_COLUMNS)] if header else []
    for ev, rep in pairs:
        lines.append("\t".join(v.replace("\t", " ").replace("\n", " ") for v in cameo_row(ev, rep)))
    return "\n".join(lines) + "\n"
