"""Exports from the store: gold-format JSONL (so any scorer can compare), JSONL, CSV, PLOVER JSON,
CAMEO TSV, GeoJSON, GraphML."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any
from xml.sax.saxutils import escape

from .errors import FactfinderError
from .records import Analysis, to_dict
from .store import Store


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
            for e in analysis.events
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
    return {r["report_id"]: r["story_id"] for r in store.rows("SELECT report_id, story_id FROM story_reports")}


def export(store: Store, fmt: str, out: IO[str]) -> int:
    """Write the whole store in ``fmt``; returns the number of records written."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise FactfinderError(f"unknown export format {fmt!r}; choose one of {', '.join(WRITERS)}")
    return writer(store, out)


def _gold(store: Store, out: IO[str]) -> int:
    stories = _story_of(store)
    n = 0
    for a in store.analyses():
        out.write(json.dumps(to_gold(a, stories.get(a.report.id)), ensure_ascii=False) + "\n")
        n += 1
    return n


def _jsonl(store: Store, out: IO[str]) -> int:
    n = 0
    for a in store.analyses():
        out.write(json.dumps(to_dict(a), ensure_ascii=False) + "\n")
        n += 1
    return n


EVENT_COLUMNS = ["report_id", "outlet", "published", "start", "end", "trigger", "plover", "mode", "context",
                 "cameo", "sources", "source_countries", "targets", "target_countries", "date", "place",
                 "asserted_by", "hedged", "negated", "modality", "confidence", "rule", "sentence"]


def _event_rows(analyses: Iterable[Analysis]) -> Iterable[list[Any]]:
    for a in analyses:
        r = a.report
        for e in a.events:
            yield [r.id, r.outlet, r.published, e.trigger.start, e.trigger.end, e.trigger.text, e.plover,
                   e.mode, e.context, e.cameo, "; ".join(e.sources), " ".join(e.source_countries),
                   "; ".join(e.targets), " ".join(e.target_countries), e.date.value if e.date else None,
                   e.place.name if e.place else None,
                   e.attribution.asserted_by if e.attribution else None, e.hedged, e.negated, e.modality,
                   e.confidence, e.rule, e.sentence.text]


def _csv(store: Store, out: IO[str]) -> int:
    w = csv.writer(out)
    w.writerow(EVENT_COLUMNS)
    n = 0
    for row in _event_rows(store.analyses()):
        w.writerow(row)
        n += 1
    return n


def _plover(store: Store, out: IO[str]) -> int:
    from .export_events import plover_record

    n = 0
    for a in store.analyses():
        for e in a.events:
            out.write(json.dumps(plover_record(e, a.report), ensure_ascii=False) + "\n")
            n += 1
    return n


def _cameo(store: Store, out: IO[str]) -> int:
    from .export_events import CAMEO_TSV_COLUMNS, cameo_tsv

    out.write("\t".join(CAMEO_TSV_COLUMNS) + "\n")
    n = 0
    for a in store.analyses():
        if a.events:
            out.write(cameo_tsv([(e, a.report) for e in a.events], header=False))
            n += len(a.events)
    return n


def _geojson(store: Store, out: IO[str]) -> int:
    features = []
    for a in store.analyses():
        for e in a.events:
            if e.place is None or e.place.lat is None or e.place.lon is None:
                continue
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [e.place.lon, e.place.lat]},
                "properties": {"report_id": a.report.id, "plover": e.plover, "mode": e.mode,
                               "place": e.place.name, "date": e.date.value if e.date else None,
                               "sources": list(e.sources), "targets": list(e.targets),
                               "span": [e.trigger.start, e.trigger.end], "text": e.sentence.text},
            })
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def _graphml(store: Store, out: IO[str]) -> int:
    """Actor network: nodes are canonical actors, edges source -> target weighted by event count."""
    weights: dict[tuple[str, str, str], int] = {}
    for a in store.analyses():
        for e in a.events:
            for s in e.sources:
                for t in e.targets:
                    key = (s, t, e.plover)
                    weights[key] = weights.get(key, 0) + 1
    nodes = sorted({n for s, t, _ in weights for n in (s, t)})
    ids = {n: f"n{i}" for i, n in enumerate(nodes)}
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
              '<key id="name" for="node" attr.name="name" attr.type="string"/>\n'
              '<key id="type" for="edge" attr.name="plover" attr.type="string"/>\n'
              '<key id="weight" for="edge" attr.name="weight" attr.type="int"/>\n'
              '<graph edgedefault="directed">\n')
    for n in nodes:
        out.write(f'<node id="{ids[n]}"><data key="name">{escape(n)}</data></node>\n')
    for (s, t, typ), w in sorted(weights.items()):
        out.write(f'<edge source="{ids[s]}" target="{ids[t]}"><data key="type">{escape(typ)}</data>'
                  f'<data key="weight">{w}</data></edge>\n')
    out.write("</graph>\n</graphml>\n")
    return len(weights)


WRITERS = {"gold": _gold, "jsonl": _jsonl, "csv": _csv, "plover": _plover, "cameo": _cameo,
           "geojson": _geojson, "graphml": _graphml}
