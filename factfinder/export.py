"""Exports from the store: gold-format JSONL (so any scorer can compare), JSONL, an ACLED-style CSV,
XLSX (the CSV's events table typed, with quotes and actors: factfinder.export_tables), PLOVER 0.7
JSONL, GDELT 2.0 event TSV, GeoJSON, GraphML.

Every export reads the reviewed view (Store.reviewed_analyses): rejected facts are not
written, amendments are, and the event exports carry each event's review status; ``reviewed_only``
writes only accepted or amended events. The gold export is the extractor's own output (for scoring),
so it ignores reviews. Formats and their specs: docs/formats.md.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from .errors import FactfinderError
from .ontology import countries
from .ontology import load as load_table
from .store.review import ReviewedAnalysis
from .records import Analysis, Event, Magnitude, Report, to_dict
from .store import Store


@dataclass
class ExportResult:
    """What an export wrote: the record count, and the records left out (and why) by the format's rules."""

    written: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    sheets: dict[str, int] = field(default_factory=dict)  # XLSX: rows per sheet

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def lines(self) -> list[str]:
        return [f"not written: {n} ({why})" for why, n in sorted(self.skipped.items())]


@functools.lru_cache(maxsize=1)
def tables() -> dict[str, Any]:
    return dict(load_table("exports"))


def _actor_name(analysis: Analysis, actor_id: str | None) -> str | None:
    for a in analysis.actors:
        if a.id == actor_id:
            return a.canonical
    return None


def to_gold(analysis: Analysis, story: str | None = None) -> dict[str, Any]:
    """One report's extracted facts in the gold format of DESIGN.md."""
    r = analysis.report
    entities, seen = [], set()
    for m in analysis.mentions:
        item = (m.span.text, m.label, _actor_name(analysis, m.actor_id) or m.span.text)
        if item not in seen:
            seen.add(item)
            entities.append({"text": item[0], "type": item[1], "canonical": item[2]})
    out: dict[str, Any] = {
        "id": r.id,
        "published": r.published,
        "entities": entities,
        "actors": [
            {"canonical": a.canonical, "kind": a.kind, "roles": list(a.roles), "affiliation": a.affiliation,
             "country": a.country, "aliases": list(a.aliases),
             "mentions": [s.text for s in a.mentions]}
            for a in analysis.actors
        ],
        "quotes": [{"quote": q.span.text, "speaker": q.speaker, "verb": q.cue, "direct": q.direct}
                   for q in analysis.quotes],
        "events": [
            {"source_actor": "; ".join(e.sources) or None, "action": e.trigger.text, "plover": e.plover,
             "mode": e.mode, "target_actor": "; ".join(e.targets) or None,
             "date": e.date.value if e.date else None, "place": e.place.name if e.place else None,
             "asserted_by": e.attribution.asserted_by if e.attribution else r.outlet,
             "hedged": e.hedged, "negated": e.negated, "planned": e.modality == "planned",
             "cameo": e.cameo, "span": [e.trigger.start, e.trigger.end]}
            # the gold convention: an act the text says did not happen ("had not arrested anyone") is no event;
            # the other exports keep it, flagged negated
            for e in analysis.events if not e.negated
        ],
        "dates": [{"text": d.span.text if d.span else None, "value": d.value, "precision": d.precision,
                   **({"qualifier": d.qualifier} if d.qualifier else {})} for d in analysis.dates],
        "magnitudes": [{"text": m.span.text, "quantity": m.quantity, "qualifier": m.qualifier, "unit": m.unit}
                       for m in analysis.magnitudes],
        "places": [{"text": p.span.text if p.span else p.name, "name": p.name, "country": p.country,
                    "role": p.role, "lat": p.lat, "lon": p.lon} for p in analysis.places],
        "claims": [{"text": c.span.text, "kind": c.kind, "label": c.label,
                    "asserted_by": c.attribution.asserted_by} for c in analysis.claims],
    }
    if story is not None:
        out["story"] = story
    return out


def _story_of(store: Store) -> dict[str, str]:
    """report id -> the story id fusion gave it."""
    return store.story_of_reports()


def export(store: Store, fmt: str, out: IO[Any], reviewed_only: bool = False) -> ExportResult:
    """Write the whole store in ``fmt``; returns what was written and what the format's rules left out.
    ``out`` is a text stream, except for the binary formats (``BINARY_FORMATS``: a byte stream)."""
    if fmt == "xlsx":
        from .export_tables import write_xlsx

        sheets = write_xlsx(store, out, reviewed_only)
        return ExportResult(written=sheets["events"], sheets=sheets)
    writer = WRITERS.get(fmt)
    if writer is None:
        raise FactfinderError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    result = ExportResult()
    writer(store, out, reviewed_only, result)
    return result


def _gold(store: Store, out: IO[str], _reviewed_only: bool, result: ExportResult) -> None:
    stories = _story_of(store)
    for a in store.analyses():
        out.write(json.dumps(to_gold(a, stories.get(a.report.id)), ensure_ascii=False) + "\n")
        result.written += 1


def _jsonl(store: Store, out: IO[str], reviewed_only: bool, result: ExportResult) -> None:
    for rv in store.reviewed_analyses(reviewed_only):
        d = to_dict(rv.analysis)
        d["review"] = {"events": [f.review for f in rv.events], "quotes": [f.review for f in rv.quotes]}
        d["fact_ids"] = {"events": [f.id for f in rv.events], "quotes": [f.id for f in rv.quotes]}
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
        result.written += 1


# -- what fusion knows about each event: who else told it ----------------------------------------------
@dataclass(frozen=True)
class Telling:
    """The reports and outlets telling one event (from fusion's story events; just its own report if none)."""

    reports: tuple[str, ...]
    outlets: tuple[str, ...]


def _tellings(store: Store) -> dict[tuple[str, int, str], Telling]:
    """(report id, sentence start, PLOVER type) -> the reports and outlets whose sentences support it."""
    if not store.has_table("stories"):
        return {}
    outlet = store.outlets()
    out: dict[tuple[str, int, str], Telling] = {}
    for data in store.story_data():
        for ev, support in zip(data.get("events") or [], data.get("event_support") or [], strict=False):
            reports = tuple(sorted({s["report_id"] for s in support}))
            outlets = tuple(sorted({outlet.get(r) or r for r in reports}))
            for s in support:
                out[(s["report_id"], s["start"], ev.get("plover"))] = Telling(reports, outlets)
    return out


def _telling(tellings: dict[tuple[str, int, str], Telling], e: Event, report: Report) -> Telling:
    found = tellings.get((report.id, e.sentence.start, e.plover))
    return found or Telling((report.id,), (report.outlet or report.id,))


# -- rows shared by the CSV and the GeoJSON -----------------------------------------------------------------
def _country(iso2: str | None) -> tuple[str, str, str]:
    """(alpha-3, English name, ISO numeric) of a place's country; empty strings when unknown."""
    if not iso2:
        return "", "", ""
    c = countries.by_code(iso2)
    return (c.iso3, c.iso_name, str(int(c.numeric))) if c and c.numeric else ("", "", "")


def _fatalities(e: Event, magnitudes: Iterable[Magnitude]) -> int | None:
    """The death toll told with this event: its own magnitude, else one in its sentence, when its unit
    says people died (ontology/exports.json fatality_words)."""
    words = set(tables()["fatality_words"])

    def toll(m: Magnitude | None) -> bool:
        return m is not None and bool(words & set((m.unit or "").lower().split()))

    if toll(e.magnitude):
        return int(e.magnitude.quantity)  # type: ignore[union-attr]
    for m in magnitudes:
        if toll(m) and e.sentence.start <= m.span.start and m.span.end <= e.sentence.end:
            return int(m.quantity)
    return None


def _geo_precision(e: Event) -> int | str:
    if e.place is None:
        return ""
    return tables()["geo_precision"].get(e.place.feature or "", 2)


ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "actor2", "assoc_actor_2", "iso", "iso3", "country", "admin1", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    # factfinder's own columns: provenance and review
    "fact_id", "report_id", "review", "plover", "mode", "cameo", "sources", "targets", "source_countries",
    "target_countries", "asserted_by", "hedged", "negated", "modality", "confidence", "date_text", "start", "end",
    "trigger", "url", "published", "num_articles", "rule",
    # the actors as identities: one name per real actor across reports and spellings (factfinder.identities)
    "source_identities", "target_identities",
]
EVENT_COLUMNS = ACLED_COLUMNS  # former name


Identities = dict[tuple[str, str], tuple[str, str, str | None, str | None]]


def _identity_names(ident: Identities | None, report_id: str, names: tuple[str, ...]) -> str:
    """The identities' display names of a report's actor names, in order, without repeats."""
    shown = (ident.get((report_id, n), ("", n))[1] if ident is not None else n for n in names)
    return "; ".join(dict.fromkeys(shown))


def _event_row(rv: ReviewedAnalysis, fact_id: str, review: str, e: Event, telling: Telling,
               ident: Identities | None = None) -> dict[str, Any]:
    from .export_events import event_day, event_id, time_precision

    a, r = rv.analysis, rv.analysis.report
    day, _how = event_day(e, r)
    iso3, country, numeric = _country(e.place.country if e.place else None)
    place = e.place
    return {
        "event_id_cnty": event_id(e), "event_date": day or "", "year": day[:4] if day else "",
        "time_precision": time_precision(e, r), "event_type": e.plover, "sub_event_type": e.mode or "",
        "actor1": e.sources[0] if e.sources else "", "assoc_actor_1": "; ".join(e.sources[1:]),
        "actor2": e.targets[0] if e.targets else "", "assoc_actor_2": "; ".join(e.targets[1:]),
        "iso": numeric, "iso3": iso3, "country": country,
        "admin1": place.name if place and place.feature == "region" else "",
        "location": place.name if place else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": _geo_precision(e), "source": "; ".join(telling.outlets),
        "source_scale": "", "notes": e.sentence.text, "fatalities": _fatalities(e, a.magnitudes) or "",
        "fact_id": fact_id, "report_id": r.id, "review": review, "plover": e.plover, "mode": e.mode or "",
        "cameo": e.cameo or "", "sources": "; ".join(e.sources), "targets": "; ".join(e.targets),
        "source_countries": " ".join(e.source_countries), "target_countries": " ".join(e.target_countries),
        "asserted_by": e.attribution.asserted_by if e.attribution else (r.outlet or ""),
        "hedged": e.hedged, "negated": e.negated, "modality": e.modality, "confidence": e.confidence,
        "date_text": e.date.value if e.date and e.date.value else "", "start": e.trigger.start,
        "end": e.trigger.end, "trigger": e.trigger.text, "url": r.url or "", "published": r.published or "",
        "num_articles": len(telling.reports), "rule": e.rule,
        "source_identities": _identity_names(ident, r.id, e.sources),
        "target_identities": _identity_names(ident, r.id, e.targets),
    }


def _events(store: Store, reviewed_only: bool) -> Iterator[tuple[ReviewedAnalysis, str, str, Event, Telling]]:
    tellings = _tellings(store)
    for rv in store.reviewed_analyses(reviewed_only):
        for f in rv.events:
            yield rv, f.id, f.review, f.record, _telling(tellings, f.record, rv.analysis.report)


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (=, +, -, @ ...) gets a leading apostrophe
    (OWASP "CSV injection"); numbers are left as they are."""
    if isinstance(value, str) and value[:1] in tables()["formula_leads"]:
        return "'" + value
    return value


def _csv(store: Store, out: IO[str], reviewed_only: bool, result: ExportResult) -> None:
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    w.writeheader()
    ident = _identities(store)
    for rv, fid, review, e, telling in _events(store, reviewed_only):
        w.writerow({k: safe_cell(v) for k, v in _event_row(rv, fid, review, e, telling, ident).items()})
        result.written += 1


def _plover(store: Store, out: IO[str], reviewed_only: bool, result: ExportResult) -> None:
    from .export_events import plover_problem, plover_record

    for rv, fid, review, e, _telling in _events(store, reviewed_only):
        rec = plover_record(e, rv.analysis.report, fact_id=fid, review=review)
        problem = plover_problem(rec)
        if problem:
            result.skip(problem)
            continue
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        result.written += 1


def _cameo(store: Store, out: IO[str], reviewed_only: bool, result: ExportResult) -> None:
    from .export_events import GDELT_COLUMNS, cameo_row

    out.write("\t".join(GDELT_COLUMNS) + "\n")
    for rv, _fid, _review, e, telling in _events(store, reviewed_only):
        row = cameo_row(e, rv.analysis.report, (len(telling.outlets), len(telling.reports)))
        if row is None:
            result.skip("no event day (SQLDATE)")
            continue
        out.write("\t".join(v.replace("\t", " ").replace("\n", " ") for v in row) + "\n")
        result.written += 1


def _geojson(store: Store, out: IO[str], reviewed_only: bool, result: ExportResult) -> None:
    features = []
    ident = _identities(store)
    for rv, fid, review, e, telling in _events(store, reviewed_only):
        if e.place is None or e.place.lat is None or e.place.lon is None:
            result.skip("no coordinates")
            continue
        row = _event_row(rv, fid, review, e, telling, ident)
        features.append({
            "type": "Feature",
            "id": fid,
            "geometry": {"type": "Point", "coordinates": [e.place.lon, e.place.lat]},
            "properties": {"fact_id": fid, "event_id": row["event_id_cnty"], "report_id": row["report_id"],
                           "outlet": rv.analysis.report.outlet, "outlets": list(telling.outlets),
                           "review": review, "plover": e.plover, "mode": e.mode, "place": e.place.name,
                           "country": row["iso3"] or None, "geo_precision": row["geo_precision"],
                           "date": row["event_date"] or None, "time_precision": row["time_precision"],
                           "sources": list(e.sources), "targets": list(e.targets),
                           "source_identities": [n for n in row["source_identities"].split("; ") if n],
                           "target_identities": [n for n in row["target_identities"].split("; ") if n],
                           "span": [e.trigger.start, e.trigger.end], "text": e.sentence.text},
        })
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    result.written = len(features)


# -- GraphML: identities and who acts on whom --------------------------------------------------------------
def _identities(store: Store) -> Identities:
    """(report id, canonical) -> (identity id, display name, kind, country) (factfinder.identities)."""
    rows = store.actor_identity_rows()
    return {(r["report_id"], r["canonical"]): (r["identity_id"] or "a:" + r["canonical"], r["name"] or r["canonical"],
                                               r["kind"], r["country"]) for r in rows}


def _graphml(store: Store, out: IO[str], reviewed_only: bool, result: ExportResult) -> None:
    """Actor network: one node per actor identity (every spelling folded, with kind and country), one
    directed edge per (source, target, PLOVER type), weighted by the number of events."""
    ident = _identities(store)
    nodes: dict[str, dict[str, Any]] = {}
    weights: dict[tuple[str, str, str], int] = {}

    def node(report_id: str, name: str) -> str:
        key, display, kind, country = ident.get((report_id, name), ("a:" + name, name, None, None))
        n = nodes.setdefault(key, {"name": display, "kinds": set(), "countries": set()})
        n["kinds"].update([kind] if kind else [])
        n["countries"].update([country] if country else [])
        return key

    for rv, _fid, _review, e, _telling in _events(store, reviewed_only):
        rid = rv.analysis.report.id
        for s in e.sources:
            for t in e.targets:
                key = (node(rid, s), node(rid, t), e.plover)
                weights[key] = weights.get(key, 0) + 1
    ids = {k: f"n{i}" for i, k in enumerate(sorted(nodes))}
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
              '<key id="name" for="node" attr.name="name" attr.type="string"/>\n'
              '<key id="identity" for="node" attr.name="identity" attr.type="string"/>\n'
              '<key id="kind" for="node" attr.name="kind" attr.type="string"/>\n'
              '<key id="country" for="node" attr.name="country" attr.type="string"/>\n'
              '<key id="type" for="edge" attr.name="plover" attr.type="string"/>\n'
              '<key id="weight" for="edge" attr.name="weight" attr.type="int"/>\n'
              '<graph edgedefault="directed">\n')
    for key in sorted(nodes):
        n = nodes[key]
        out.write(f'<node id="{ids[key]}"><data key="name">{escape(n["name"])}</data>'
                  f'<data key="identity">{escape(key)}</data>'
                  f'<data key="kind">{escape(";".join(sorted(n["kinds"])))}</data>'
                  f'<data key="country">{escape(";".join(sorted(n["countries"])))}</data></node>\n')
    for (s, t, typ), w in sorted(weights.items()):
        out.write(f'<edge id={quoteattr(f"e-{ids[s]}-{ids[t]}-{typ}")} source="{ids[s]}" target="{ids[t]}">'
                  f'<data key="type">{escape(typ)}</data><data key="weight">{w}</data></edge>\n')
    out.write("</graph>\n</graphml>\n")
    result.written = len(weights)


WRITERS = {"gold": _gold, "jsonl": _jsonl, "csv": _csv, "plover": _plover, "cameo": _cameo,
           "geojson": _geojson, "graphml": _graphml}
BINARY_FORMATS = ("xlsx",)
FORMATS = (*WRITERS, *BINARY_FORMATS)
