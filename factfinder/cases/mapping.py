"""First-pass legal mapping: events and claims of one report -> Rome Statute elements.

Two kinds are kept apart on purpose: a source's own *characterisation* ("Lithuania said ...
persecution") is that source's claim about the law; a *supporting fact* (an arrest count, a
beating) is evidence a lawyer could use for an element. Every mapping has a reason, a confidence,
and the span it rests on; a reviewer decides (see review.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..extract.quotes import attribution_for
from ..records import Analysis, Attribution, Event, LegalMapping, Span
from ..store import fact_id as stored_fact_id
from .ontology import mapping_rules

NAME = "factfinder.legal.rules.v1"


def _attribution(analysis: Analysis, start: int, end: int) -> Attribution:
    """Who asserts the text at [start, end) (the quotes stage decides: the outlet unless it is reported)."""
    return attribution_for(analysis, start, end)


def _assertion(att: Attribution | None, hedged: bool = False) -> str:
    if att is None or att.kind == "outlet":
        return "hedged" if hedged or (att and att.hedges) else "fact"
    return "hedged" if hedged or att.hedges else "attributed"


def _mapping(fact_key: str, element: str, kind: str, span: Span, att: Attribution | None, reason: str,
             confidence: float, outlet: str | None, hedged: bool = False, fact_id: str | None = None) -> LegalMapping:
    return LegalMapping(
        id=f"{fact_key}@{element}", element=element, kind=kind, evidence=span,
        asserted_by=att.asserted_by if att else (outlet or "the outlet"), assertion=_assertion(att, hedged),
        reason=reason, confidence=confidence, fact_id=fact_id, extractor=NAME,
    )


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _event_mappings(analysis: Analysis, fact_id: str, event: Event) -> Iterator[LegalMapping]:
    rules = mapping_rules()
    outlet = analysis.report.outlet
    if event.negated:
        return
    yield from _jurisdiction_facts(analysis, fact_id, event)
    trig = _words(event.trigger.text)
    sent = _words(event.sentence.text)
    seen: set[str] = set()
    for rule in rules["event_rules"]:
        if rule["plover"] != event.plover or rule["element"] in seen:
            continue
        reason = None
        if "modes" in rule and event.mode in rule["modes"]:
            reason = rule["reason"].format(mode=event.mode)
        elif "words" in rule:
            hit = next((w for w in rule["words"] if w in trig), None) or next(
                (w for w in rule["words"] if " " not in w and w in sent), None)
            if hit:
                reason = rule["reason"].format(word=hit)
        if reason:
            seen.add(rule["element"])
            yield _mapping(fact_id, rule["element"], "supporting_fact", event.sentence, event.attribution, reason,
                           rule["confidence"], outlet, event.hedged, fact_id)
    if event.plover in ("COERCE", "ASSAULT"):
        p = rules["persecution"]
        target = _persecuted_target(analysis, event)
        if target:
            yield _mapping(fact_id, p["element"], "supporting_fact", event.sentence, event.attribution,
                           p["reason"].format(target=target), p["confidence"], outlet, event.hedged, fact_id)
        scale = rules["attack_scale"]
        m = event.magnitude
        if m is not None and m.quantity >= scale["min_quantity"]:
            yield _mapping(fact_id, scale["element"], "supporting_fact", m.span, event.attribution,
                           scale["reason"].format(quantity=m.quantity, unit=m.unit or "people"),
                           scale["confidence"], outlet, event.hedged, fact_id)
    ref = rules["referral"]
    if event.plover == ref["plover"] and (trig & set(ref["words"])) and (sent & set(ref["court_words"])):
        if _is_state(analysis, event.sources):
            word = next(iter(trig & set(ref["words"])))
            yield _mapping(fact_id, ref["element"], "jurisdiction", event.trigger, event.attribution,
                           ref["reason"].format(word=word), ref["confidence"], outlet, event.hedged, fact_id)


def _jurisdiction_facts(analysis: Analysis, fact_id: str, event: Event) -> Iterator[LegalMapping]:
    """Art. 11 from the conduct's date and Art. 12(2)(a) from its place, for acts of harm."""
    rules = mapping_rules()
    outlet = analysis.report.outlet
    temporal = rules["temporal"]
    if event.plover in temporal["plover"]:
        value = event.date.value if event.date is not None and event.date.value else None
        date, how = (value, "the event's date") if value else (analysis.report.published, "the report's date")
        if date and date[:10] >= temporal["after"]:
            yield _mapping(fact_id, temporal["element"], "jurisdiction", event.sentence, event.attribution,
                           temporal["reason"].format(date=date, how=how), temporal["confidence"], outlet,
                           event.hedged, fact_id)
    territorial = rules["territorial"]
    place = event.place
    if event.plover in territorial["plover"] and place is not None and place.country:
        yield _mapping(fact_id, territorial["element"], "jurisdiction", event.sentence, event.attribution,
                       territorial["reason"].format(place=place.name, country=place.country),
                       territorial["confidence"], outlet, event.hedged, fact_id)


def _persecuted_target(analysis: Analysis, event: Event) -> str | None:
    rules = mapping_rules()
    sectors = set(rules["persecution_target_sectors"])
    words = set(rules["persecution_target_words"])
    for target in event.targets:
        actor = next((a for a in analysis.actors if a.canonical == target), None)
        if actor is not None and actor.sector in sectors - {"civilians"}:
            return target
        if _words(target) & words:
            return target
    return None


def _is_state(analysis: Analysis, names: tuple[str, ...]) -> bool:
    for name in names:
        actor = next((a for a in analysis.actors if a.canonical == name), None)
        if actor is not None and actor.kind in ("state", "state-government", "government"):
            return True
    return False


def _characterisations(analysis: Analysis) -> Iterator[LegalMapping]:
    """Crime names a source uses, found in the text, attributed to whoever says them."""
    text = analysis.report.text
    outlet = analysis.report.outlet
    for group in mapping_rules()["characterisation_terms"]:
        taken: list[tuple[int, int]] = []
        for term in sorted(group["terms"], key=len, reverse=True):
            for m in re.finditer(r"\b" + re.escape(term) + r"\b", text, flags=re.IGNORECASE):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                span = Span(analysis.report.id, m.start(), m.end(), text[m.start():m.end()])
                att = _attribution(analysis, m.start(), m.end())
                kind = "jurisdiction" if group["element"] in ("13-a-14",) else "characterisation"
                yield _mapping(f"{analysis.report.id}:{m.start()}-{m.end()}", group["element"], kind, span, att,
                               f"'{span.text}' used by {att.asserted_by}", 0.6, outlet)


def map_analysis(analysis: Analysis, event_ids: Sequence[str] | None = None) -> list[LegalMapping]:
    """All suggested mappings for one report, characterisations first, then facts.

    ``event_ids``: the stored ids of ``analysis.events`` (when some were dropped by review, positions
    no longer give them); by default ``<report>:events:<n>``.
    """
    out = list(_characterisations(analysis))
    ids = event_ids if event_ids is not None else [
        stored_fact_id(analysis.report.id, "events", n) for n in range(len(analysis.events))]
    for fact_id, event in zip(ids, analysis.events, strict=True):
        out.extend(_event_mappings(analysis, fact_id, event))
    unique: dict[str, LegalMapping] = {}
    for m in out:
        unique.setdefault(m.id, m)
    return list(unique.values())
