"""Report text cut into segments, each tagged with the kinds of fact whose span covers it.

Spans overlap freely (a date inside a quote inside an event sentence), so instead of nesting
markup the text is split at every span boundary and each piece carries the set of kinds covering
it. The template escapes every piece; nothing from the text is ever markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# kind -> legend label; the CSS class is "hl-<kind>".
LEGEND: dict[str, str] = {
    "mention": "entity mention",
    "event": "event trigger",
    "quote": "quote",
    "attribution": "attribution cue",
    "claim": "claim",
    "date": "date",
    "place": "place",
    "magnitude": "number",
}


@dataclass
class Mark:
    start: int
    end: int
    kind: str
    label: str
    fact_id: str


@dataclass
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


def _span(d: Any) -> tuple[int, int] | None:
    if isinstance(d, dict) and isinstance(d.get("start"), int) and isinstance(d.get("end"), int):
        return d["start"], d["end"]
    return None


def marks_of(detail: dict[str, Any]) -> list[Mark]:
    """Every highlightable span of a report detail (as from queries.report_detail)."""
    out: list[Mark] = []

    def add(span: Any, kind: str, label: str, fact_id: str) -> None:
        se = _span(span)
        if se and se[0] < se[1]:
            out.append(Mark(se[0], se[1], kind, label, fact_id))

    for m in detail["mentions"]:
        add(m["data"].get("span"), "mention", m["data"].get("label") or "", m["id"])
    for e in detail["events"]:
        d = e["data"]
        add(d.get("trigger"), "event", f"{d.get('plover')}: {'; '.join(d.get('sources') or [])} → "
            f"{'; '.join(d.get('targets') or [])}", e["id"])
        add((d.get("attribution") or {}).get("cue"), "attribution",
            f"asserted by {(d.get('attribution') or {}).get('asserted_by')}", e["id"])
    for q in detail["quotes"]:
        d = q["data"]
        add(d.get("span"), "quote", f"{d.get('speaker') or '?'} ({d.get('cue') or ''})", q["id"])
        add(d.get("cue_span"), "attribution", f"cue of a quote by {d.get('speaker') or '?'}", q["id"])
    for c in detail["claims"]:
        d = c["data"]
        add(d.get("span"), "claim", f"{d.get('label')} (asserted by {(d.get('attribution') or {}).get('asserted_by')})",
            c["id"])
        add((d.get("attribution") or {}).get("cue"), "attribution", "claim cue", c["id"])
    for kind, table in (("date", "dates"), ("place", "places"), ("magnitude", "magnitudes")):
        for f in detail[table]:
            d = f["data"]
            label = d.get("value") or d.get("name") or d.get("quantity") or ""
            add(d.get("span"), kind, f"{kind}: {label}", f["id"])
    return out


def segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Split ``text`` at every mark boundary; spans outside the text are clipped."""
    n = len(text)
    marks = [Mark(max(0, m.start), min(n, m.end), m.kind, m.label, m.fact_id) for m in marks if m.start < n]
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        covering = [m for m in marks if m.start <= a and m.end >= b]
        seg = Segment(text[a:b])
        for m in covering:
            if m.kind not in seg.kinds:
                seg.kinds.append(m.kind)
            seg.labels.append(m.label)
            seg.ids.append(m.fact_id)
        out.append(seg)
    return out
