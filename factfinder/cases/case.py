"""Cases: a saved selection of the store (actors, countries, period) and the evidence assembled for it.

The assembly is recomputed each time from the case's reports (mappings are deterministic and carry
stable ids), and reviewers' decisions from the append-only audit are applied on top. What does not
depend on the case is cached per report in the store (migration 11, store/cases.py): the suggested
mappings of the reviewed report and the keys selection matches (actor names, country codes). A row
is recomputed when the report's events or quotes get a new review decision or the rules change, so a
case page costs the case's reports plus the reports ingested or reviewed since the last one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from .. import __version__
from ..errors import FactfinderError
from ..store.identities import identity_of
from ..ontology import countries
from ..records import Analysis, Event, LegalMapping, from_dict, to_dict
from ..review import resolve_country
from ..store import Store, now
from ..store.review import ReviewedAnalysis
from .mapping import NAME as MAPPING_NAME
from .mapping import map_analysis
from .ontology import elements, mapping_rules

GRID_GROUPS = ("contextual", "acts", "liability", "jurisdiction")
SUPERIOR_WORDS = ("president", "prime minister", "minister", "commander", "chief", "head", "general",
                  "director", "leader", "superior", "officer")
HARM_TYPES = {"COERCE", "ASSAULT"}
STATE_SECTORS = {"government", "military", "police"}


class CaseNotFound(FactfinderError):
    pass


@dataclass(frozen=True, slots=True)
class CaseSpec:
    id: str
    name: str
    actors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO alpha-3 or alpha-2
    since: str | None = None
    until: str | None = None


@dataclass
class Evidence:
    """A mapping with its report and review state, ready for the grid and the dossier."""

    mapping: LegalMapping
    outlet: str | None
    published: str | None
    url: str | None
    raw_sha256: str | None
    captured_at: str | None
    status: str = "unreviewed"  # unreviewed/accepted/amended (rejected ones are dropped)
    note: str | None = None


@dataclass
class CaseFile:
    spec: CaseSpec
    reports: list[Analysis]
    evidence: list[Evidence]
    grid: list[dict[str, Any]] = field(default_factory=list)
    perpetrators: list[dict[str, Any]] = field(default_factory=list)
    victims: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)


def create_case(store: Store, name: str, actors: tuple[str, ...] = (), countries: tuple[str, ...] = (),
                since: str | None = None, until: str | None = None, created_by: str | None = None) -> CaseSpec:
    if not name.strip():
        raise FactfinderError("a case needs a name: factfinder case new NAME ...")
    ts = now()
    # A nonce too: two cases made in the same second with the same name must not collide.
    cid = "c" + hashlib.sha256(f"{name}|{ts}|{actors}|{countries}|{since}|{until}|{secrets.token_hex(8)}"
                               .encode()).hexdigest()[:10]
    spec = CaseSpec(cid, name, tuple(actors), tuple(c.upper() for c in countries), since, until)
    data = {"actors": list(spec.actors), "countries": list(spec.countries), "since": since, "until": until}
    store.insert_case(cid, name, ts, created_by, data)
    refresh_legal_cache(store)  # map the stored reports now, so the case's first page does not
    return spec


def get_case(store: Store, case_id: str) -> CaseSpec:
    row = store.case_row(case_id)
    if row is None:
        raise CaseNotFound(f"no case {case_id!r}; list cases with `factfinder case list`")
    d = row["data"]
    return CaseSpec(row["id"], row["name"], tuple(d.get("actors") or ()), tuple(d.get("countries") or ()),
                    d.get("since"), d.get("until"))


def list_cases(store: Store) -> list[dict[str, Any]]:
    return store.case_rows()


def _alpha3(code: str) -> set[str]:
    c = countries.by_code(code)
    return {code} if c is None else {c.iso2, c.iso3}


def _selected(spec: CaseSpec, a: Analysis, identity_actors: frozenset[str] = frozenset()) -> bool:
    """In the case's period and naming a wanted actor or country. ``identity_actors`` are the ids of
    actors sharing an identity with a wanted actor (factfinder.derive.identities), so every spelling counts.

    The definition of case selection; ``_chosen`` computes the same set from the cached keys
    (``_keys``) with indexed lookups, and a test holds the two equal."""
    pub = a.report.published
    if pub and spec.since and pub < spec.since:
        return False
    if pub and spec.until and pub > spec.until:
        return False
    if not spec.actors and not spec.countries:
        return True
    if any(actor.id in identity_actors for actor in a.actors):
        return True
    names = [n for actor in a.actors for n in (actor.canonical, *actor.aliases)]
    for wanted in spec.actors:
        if any(fuzz.token_set_ratio(wanted, n) >= 90 for n in names):
            return True
    codes = {c for w in spec.countries for c in _alpha3(w)}
    found = {a_.country for a_ in a.actors if a_.country} | {p.country for p in a.places if p.country}
    for e in a.events:
        found.update(e.source_countries)
        found.update(e.target_countries)
    return bool(codes & found)


@functools.lru_cache(maxsize=1)
def cache_version() -> str:
    """What cached mappings depend on besides the report and its reviews: the package version, the
    mapping rules' NAME, and the rules and elements tables."""
    blob = json.dumps([mapping_rules(), elements()], sort_keys=True, ensure_ascii=False)
    return f"{__version__}|{MAPPING_NAME}|{hashlib.sha256(blob.encode()).hexdigest()[:16]}"


def _keys(a: Analysis) -> set[tuple[str, str]]:
    """What ``_selected`` matches in a (reviewed) report: every actor name and alias, and every
    country code of its actors, places and events."""
    names = {n for actor in a.actors for n in (actor.canonical, *actor.aliases) if n is not None}
    found = {a_.country for a_ in a.actors if a_.country} | {p.country for p in a.places if p.country}
    for e in a.events:
        found.update(e.source_countries)
        found.update(e.target_countries)
    return {("name", n) for n in names} | {("country", c) for c in found if c is not None}


def refresh_legal_cache(store: Store) -> int:
    """Recompute the cached mappings and keys of reports that have none or whose reviews or rules
    changed; how many were recomputed."""
    version = cache_version()
    marks = store.review_marks()  # before the review states: a decision in between only makes a row stale
    stale = store.stale_legal_reports(version, marks)
    if not stale:
        return 0
    events, quotes = store.review_states("events"), store.review_states("quotes")
    batch: list[tuple[str, str, str, list[dict[str, Any]], set[tuple[str, str]]]] = []
    for rid in stale:
        rv = store.reviewed_analysis(rid, events, quotes)
        if rv is None:
            continue
        mappings = map_analysis(rv.analysis, [f.id for f in rv.events])
        batch.append((rid, version, marks.get(rid, ""), [to_dict(m) for m in mappings], _keys(rv.analysis)))
        if len(batch) >= 100:  # short write transactions: an ingest may be waiting for the lock
            store.put_legal_cache(batch)
            batch = []
    store.put_legal_cache(batch)
    return len(stale)


# (store path, wanted names) -> (highest key id looked at, names matching). Names are only added to
# the cache's keys, so each name is compared with the wanted ones once per process.
_NAME_MATCHES: dict[tuple[str, tuple[str, ...]], tuple[int, frozenset[str]]] = {}
_NAME_LOCK = threading.Lock()


def _matching_names(store: Store, wanted: tuple[str, ...]) -> frozenset[str]:
    """The cached actor names a wanted name matches (``_selected``'s fuzzy test)."""
    if not wanted:
        return frozenset()
    key = (store.path, wanted)
    keep = store.path != ":memory:"  # every in-memory store has that path
    with _NAME_LOCK:
        upto, matched = _NAME_MATCHES.get(key, (0, frozenset())) if keep else (0, frozenset())
    top, names = store.legal_names_since(upto)
    if top < upto:  # another database now at this path: start over
        (top, names), matched = store.legal_names_since(0), frozenset()
    matched |= {n for n in names if any(fuzz.token_set_ratio(w, n) >= 90 for w in wanted)}
    if keep:
        with _NAME_LOCK:
            if len(_NAME_MATCHES) > 256:
                _NAME_MATCHES.clear()
            _NAME_MATCHES[key] = (top, matched)
    return matched


def _chosen(store: Store, spec: CaseSpec, identity_actors: frozenset[str]) -> list[str]:
    """Ids of the reports ``_selected`` picks, in storage order, from the cached keys (call
    ``refresh_legal_cache`` first)."""
    if not spec.actors and not spec.countries:
        return store.reports_in_period(None, spec.since, spec.until)
    ids = store.reports_of_actors(identity_actors)
    ids |= store.reports_with_keys("name", _matching_names(store, tuple(spec.actors)))
    ids |= store.reports_with_keys("country", {c for w in spec.countries for c in _alpha3(w)})
    return store.reports_in_period(ids, spec.since, spec.until)


def assemble(store: Store, spec: CaseSpec) -> CaseFile:
    """The case as reviewed: facts through the reviewed view (rejected events gone, amendments
    applied, Store.reviewed_analysis), mappings (cached per report) with reviewers' decisions on top."""
    refresh_legal_cache(store)
    wanted = frozenset(identity_of(store, spec.actors))
    ids = _chosen(store, spec, wanted)
    events, quotes = store.review_states("events"), store.review_states("quotes")
    chosen = [rv for rid in ids if (rv := store.reviewed_analysis(rid, events, quotes)) is not None]
    analyses = [rv.analysis for rv in chosen]
    cached = store.legal_mappings_of(ids)
    reviews = store.review_decisions("legal_mappings")
    evidence: list[Evidence] = []
    for rv in chosen:
        r = rv.analysis.report
        for m in (from_dict(LegalMapping, d) for d in cached.get(r.id, [])):
            state = reviews.get(m.id)
            status, note = ("unreviewed", None) if state is None else (state["status"], state.get("why"))
            if status == "rejected":
                continue
            if status == "amended" and state and state.get("value"):
                m = _amend(m, state["value"])
            evidence.append(Evidence(m, r.outlet, r.published, r.url, r.raw_sha256, r.captured_at, status, note))
    case = CaseFile(spec, analyses, evidence)
    case.grid = _grid(evidence, _independent_outlets(store, analyses))
    case.perpetrators = _perpetrators(analyses)
    case.victims = _victims(analyses)
    case.timeline = _timeline(chosen)
    case.contradictions = _contradictions(store, {a.report.id for a in analyses}, _fact_sentences(analyses, evidence))
    return case


def _amend(m: LegalMapping, value: dict[str, Any]) -> LegalMapping:
    import dataclasses

    allowed = {k: v for k, v in value.items() if k in ("element", "kind", "asserted_by", "assertion", "reason")}
    return dataclasses.replace(m, **allowed)


def _independent_outlets(store: Store, analyses: list[Analysis]) -> dict[str, str]:
    """report id -> the outlet that counts for corroboration: a wire copy (fusion's copy_of) counts
    as the outlet of the report it copies, so one story re-run by ten papers is one source."""
    own = {a.report.id: a.report.outlet or a.report.id for a in analyses}
    copies = store.copies_of(own)
    if not copies:
        return own

    def origin(rid: str) -> str:
        seen: set[str] = set()
        while rid in copies and rid not in seen:  # a copy of a copy counts as the first original
            seen.add(rid)
            rid = copies[rid]
        return rid

    outlet_of = {rid: outlet or rid for rid, outlet in store.report_outlets({origin(rid) for rid in own}).items()}
    return {rid: outlet_of.get(origin(rid), origin(rid)) for rid in own}


def _grid(evidence: list[Evidence], independent: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Element x evidence: counts by kind, distinct sources, outlets, and the gap status.

    "corroborated" needs two independent outlets (wire copies folded, see _independent_outlets):
    several people named inside one outlet's report are one source, however many speak.
    """
    independent = independent or {}
    rows = []
    for eid, e in elements().items():
        if e["group"] not in GRID_GROUPS:
            continue
        items = [ev for ev in evidence if ev.mapping.element == eid]
        sources = sorted({ev.mapping.asserted_by for ev in items})
        outlets = sorted({ev.outlet or "?" for ev in items})
        counted = {independent.get(ev.mapping.evidence.report_id, ev.outlet or ev.mapping.evidence.report_id)
                   for ev in items}
        if not items:
            status = "gap"
        elif len(counted) < 2:
            status = "single source"
        else:
            status = "corroborated"
        rows.append({
            "element": eid, "article": e["article"], "label": e["label"], "group": e["group"],
            "characterisations": sum(ev.mapping.kind == "characterisation" for ev in items),
            "supporting_facts": sum(ev.mapping.kind == "supporting_fact" for ev in items),
            "jurisdiction": sum(ev.mapping.kind == "jurisdiction" for ev in items),
            "items": len(items), "sources": sources, "outlets": outlets, "status": status,
            "independent_outlets": len(counted),
            "accepted": sum(ev.status in ("accepted", "amended") for ev in items),
        })
    return rows


def _rank(role: str) -> int:
    role = role.lower()
    return next((i for i, w in enumerate(SUPERIOR_WORDS) if w in role), len(SUPERIOR_WORDS))


# Who can be named an alleged perpetrator or a victim (ICC cases are about individual responsibility,
# so a State as such is neither; a place never is).
NOT_PERPETRATOR_KINDS = {"state", "igo", "location"}
NOT_PERPETRATOR_SECTORS = {"ngo", "igo", "media", "civilians", "judiciary"}
NOT_VICTIM_KINDS = {"state", "state-government", "government", "igo", "location"}


def _party(a: Analysis, e: Event, side: str, i: int, name: str) -> tuple[Any, str | None, str | None]:
    """(actor record or None, kind, sector) of the i-th source or target of ``e``."""
    actor = next((x for x in a.actors if x.canonical == name), None)
    sectors = e.source_sectors if side == "sources" else e.target_sectors
    sector = (actor.sector if actor else None) or (sectors[i] if i < len(sectors) else None) or None
    kind = actor.kind if actor else None
    if kind is None and (name in {p.name for p in a.places} or resolve_country(name, strict=False)):
        kind = "location"
    return actor, kind, sector


def _fits_perpetrator(actor: Any, kind: str | None, sector: str | None) -> bool:
    """A State organ or armed force (by sector), an armed group, or a person named with a role."""
    if kind in NOT_PERPETRATOR_KINDS or sector in NOT_PERPETRATOR_SECTORS:
        return False
    return sector in STATE_SECTORS or kind == "group" or (kind == "person" and bool(actor and actor.roles))


def _fits_victim(kind: str | None, sector: str | None) -> bool:
    return kind not in NOT_VICTIM_KINDS and sector not in STATE_SECTORS and sector != "igo"


def _perpetrators(analyses: list[Analysis]) -> list[dict[str, Any]]:
    """Alleged perpetrators: sources of coercion/violence events that can bear responsibility (State
    organs and forces, armed groups, persons with a role), ranked as reported."""
    found: dict[str, dict[str, Any]] = {}
    for a in analyses:
        for e in a.events:
            if e.plover not in HARM_TYPES or e.negated:
                continue
            for i, s in enumerate(e.sources):
                actor, kind, sector = _party(a, e, "sources", i, s)
                if not _fits_perpetrator(actor, kind, sector):
                    continue
                entry = found.setdefault(s, {"name": s, "roles": [], "kind": None, "country": None, "sector": None,
                                             "events": 0, "reports": set()})
                entry["events"] += 1
                entry["reports"].add(a.report.id)
                entry["kind"] = entry["kind"] or kind
                entry["sector"] = entry["sector"] or sector
                if actor:
                    entry["country"] = entry["country"] or actor.country
                    entry["roles"] += [r for r in actor.roles if r not in entry["roles"]]
        # State superiors named with roles in the same reports count even without an event of their own
        # (an opposition leader is a leader too, but not in the chain of command).
        for actor in a.actors:
            if (actor.kind == "person" and actor.sector in STATE_SECTORS
                    and any(_rank(r) < len(SUPERIOR_WORDS) for r in actor.roles)):
                if actor.country and any(actor.country in e.source_countries
                                         for e in a.events if e.plover in HARM_TYPES):
                    entry = found.setdefault(actor.canonical, {"name": actor.canonical, "roles": [], "kind": actor.kind,
                                                               "country": actor.country, "sector": actor.sector,
                                                               "events": 0, "reports": set()})
                    entry["roles"] += [r for r in actor.roles if r not in entry["roles"]]
                    entry["reports"].add(a.report.id)
    out = []
    for entry in found.values():
        entry["reports"] = sorted(entry["reports"])
        entry["rank"] = min((_rank(r) for r in entry["roles"]), default=len(SUPERIOR_WORDS))
        out.append(entry)
    return sorted(out, key=lambda x: (x["rank"], -x["events"], x["name"]))


def _victims(analyses: list[Analysis]) -> list[dict[str, Any]]:
    """Targets of coercion/violence who are people or groups (not States, State organs or places)."""
    out: dict[str, dict[str, Any]] = {}
    for a in analyses:
        for e in a.events:
            if e.plover not in HARM_TYPES or e.negated:
                continue
            for i, t in enumerate(e.targets):
                _actor, kind, sector = _party(a, e, "targets", i, t)
                if not _fits_victim(kind, sector):
                    continue
                entry = out.setdefault(t, {"group": t, "events": 0, "magnitudes": []})
                entry["events"] += 1
                if e.magnitude is not None:
                    entry["magnitudes"].append({"text": e.magnitude.span.text, "quantity": e.magnitude.quantity,
                                                "qualifier": e.magnitude.qualifier, "report_id": a.report.id,
                                                "asserted_by": e.attribution.asserted_by if e.attribution else None})
    return sorted(out.values(), key=lambda x: -x["events"])


def _timeline(reviewed: list[ReviewedAnalysis]) -> list[dict[str, Any]]:
    rows = []
    for rv in reviewed:
        a = rv.analysis
        for f in rv.events:
            e = f.record
            if e.plover == "OTHER":
                continue
            rows.append({"date": (e.date.value if e.date and e.date.value else a.report.published) or "",
                         "plover": e.plover, "mode": e.mode, "sources": list(e.sources), "targets": list(e.targets),
                         "text": e.sentence.text, "report_id": a.report.id, "fact_id": f.id, "review": f.review,
                         "sentence": [e.sentence.start, e.sentence.end],
                         "outlet": a.report.outlet, "modality": e.modality, "negated": e.negated})
    return sorted(rows, key=lambda r: r["date"])


def _fact_sentences(analyses: list[Analysis], evidence: list[Evidence]) -> dict[str, list[tuple[int, int]]]:
    """Report id -> the sentences holding the case's evidence (the facts mapped to its elements)."""
    from ..derive.claims import sentences

    texts = {a.report.id: a.report.text for a in analyses}
    out: dict[str, list[tuple[int, int]]] = {}
    for ev in evidence:
        span = ev.mapping.evidence
        text = texts.get(span.report_id)
        if text is None:
            continue
        out.setdefault(span.report_id, []).extend(
            (s, e) for s, e in sentences(text) if s < max(span.end, span.start + 1) and span.start < e)
    return out


def _contradictions(store: Store, report_ids: set[str],
                    facts: dict[str, list[tuple[int, int]]] | None = None) -> list[dict[str, Any]]:
    """The dispute cards still standing (open or confirmed; dismissed ones are left out) about the
    case's facts: a side told by a case report, inside a sentence holding the case's evidence
    (``facts``; without it, anywhere in a case report). Read per story of the case's reports."""
    from ..store.fusion import list_disputes, stories_of

    def about_facts(r: dict[str, Any]) -> bool:
        if r["id"] not in report_ids:
            return False
        return facts is None or any(s <= r["start"] < e for s, e in facts.get(r["id"], ()))

    stories = sorted(stories_of(store, report_ids))
    pages = [list_disputes(store, sid, limit=1_000_000)["items"] for sid in stories]
    cards = sorted((c for page in pages for c in page), key=lambda c: (-c["rank"], c["id"]))
    return [c for c in cards if any(about_facts(r) for v in c["values"] for r in v["reports"])]
