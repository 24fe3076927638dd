"""Cases: a saved selection of the store (actors, countries, period) and the evidence assembled for it.

The assembly is recomputed from the store each time (mappings are deterministic and carry stable ids),
and reviewers' decisions from the append-only audit are applied on top.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from ..errors import FactfinderError
from ..identities import identity_of
from ..records import Analysis, LegalMapping
from ..store import Store, now
from .mapping import map_analysis
from .ontology import elements
from ..review import review_state

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
    cid = "c" + hashlib.sha256(f"{name}|{ts}|{actors}|{countries}".encode()).hexdigest()[:10]
    spec = CaseSpec(cid, name, tuple(actors), tuple(c.upper() for c in countries), since, until)
    data = {"actors": list(spec.actors), "countries": list(spec.countries), "since": since, "until": until}
    with store.conn:
        store.conn.execute("INSERT INTO cases (id, name, created_at, created_by, data) VALUES (?, ?, ?, ?, ?)",
                           (cid, name, ts, created_by, json.dumps(data)))
    return spec


def get_case(store: Store, case_id: str) -> CaseSpec:
    row = store.conn.execute("SELECT id, name, data FROM cases WHERE id = ? OR id LIKE ?",
                             (case_id, case_id + "%")).fetchone()
    if row is None:
        raise CaseNotFound(f"no case {case_id!r}; list cases with `factfinder case list`")
    d = json.loads(row["data"])
    return CaseSpec(row["id"], row["name"], tuple(d.get("actors") or ()), tuple(d.get("countries") or ()),
                    d.get("since"), d.get("until"))


def list_cases(store: Store) -> list[dict[str, Any]]:
    return store.rows("SELECT id, name, created_at, created_by, data FROM cases ORDER BY created_at")


def _alpha3(code: str) -> set[str]:
    import pycountry

    c = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return {code} if c is None else {c.alpha_2, c.alpha_3}


def _selected(spec: CaseSpec, a: Analysis, identity_actors: frozenset[str] = frozenset()) -> bool:
    """In the case's period and naming a wanted actor or country. ``identity_actors`` are the ids of
    actors sharing an identity with a wanted actor (factfinder.identities), so every spelling counts."""
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


def assemble(store: Store, spec: CaseSpec) -> CaseFile:
    wanted = frozenset(identity_of(store, spec.actors))
    analyses = [a for a in store.analyses() if _selected(spec, a, wanted)]
    reviews = review_state(store.conn, "legal_mappings")
    evidence: list[Evidence] = []
    for a in analyses:
        r = a.report
        for m in map_analysis(a):
            state = reviews.get(m.id)
            status, note = ("unreviewed", None) if state is None else (state["status"], state.get("why"))
            if status == "rejected":
                continue
            if status == "amended" and state and state.get("value"):
                m = _amend(m, state["value"])
            evidence.append(Evidence(m, r.outlet, r.published, r.url, r.raw_sha256, r.captured_at, status, note))
    case = CaseFile(spec, analyses, evidence)
    case.grid = _grid(evidence)
    case.perpetrators = _perpetrators(analyses)
    case.victims = _victims(analyses)
    case.timeline = _timeline(analyses)
    case.contradictions = _contradictions(store, {a.report.id for a in analyses})
    return case


def _amend(m: LegalMapping, value: dict[str, Any]) -> LegalMapping:
    import dataclasses

    allowed = {k: v for k, v in value.items() if k in ("element", "kind", "asserted_by", "assertion", "reason")}
    return dataclasses.replace(m, **allowed)


def _grid(evidence: list[Evidence]) -> list[dict[str, Any]]:
    """Element x evidence: counts by kind, distinct sources and outlets, and the gap status."""
    rows = []
    for eid, e in elements().items():
        if e["group"] not in GRID_GROUPS:
            continue
        items = [ev for ev in evidence if ev.mapping.element == eid]
        sources = sorted({ev.mapping.asserted_by for ev in items})
        outlets = sorted({ev.outlet or "?" for ev in items})
        if not items:
            status = "gap"
        elif len(sources) == 1 and len(outlets) == 1:
            status = "single source"
        else:
            status = "corroborated"
        rows.append({
            "element": eid, "article": e["article"], "label": e["label"], "group": e["group"],
            "characterisations": sum(ev.mapping.kind == "characterisation" for ev in items),
            "supporting_facts": sum(ev.mapping.kind == "supporting_fact" for ev in items),
            "jurisdiction": sum(ev.mapping.kind == "jurisdiction" for ev in items),
            "items": len(items), "sources": sources, "outlets": outlets, "status": status,
            "accepted": sum(ev.status in ("accepted", "amended") for ev in items),
        })
    return rows


def _rank(role: str) -> int:
    role = role.lower()
    return next((i for i, w in enumerate(SUPERIOR_WORDS) if w in role), len(SUPERIOR_WORDS))


def _perpetrators(analyses: list[Analysis]) -> list[dict[str, Any]]:
    """Alleged perpetrators: sources of coercion/violence events, with roles, ranked as reported."""
    found: dict[str, dict[str, Any]] = {}
    for a in analyses:
        by_name = {x.canonical: x for x in a.actors}
        for e in a.events:
            if e.plover not in HARM_TYPES or e.negated:
                continue
            for s in e.sources:
                entry = found.setdefault(s, {"name": s, "roles": [], "kind": None, "country": None, "events": 0,
                                             "reports": set()})
                entry["events"] += 1
                entry["reports"].add(a.report.id)
                actor = by_name.get(s)
                if actor:
                    entry["kind"] = entry["kind"] or actor.kind
                    entry["country"] = entry["country"] or actor.country
                    entry["roles"] += [r for r in actor.roles if r not in entry["roles"]]
        # State superiors named with roles in the same reports count even without an event of their own
        # (an opposition leader is a leader too, but not in the chain of command).
        for actor in a.actors:
            if (actor.kind == "person" and actor.sector in STATE_SECTORS
                    and any(_rank(r) < len(SUPERIOR_WORDS) for r in actor.roles)):
                if actor.country and any(actor.country in e.source_countries for e in a.events if e.plover in HARM_TYPES):
                    entry = found.setdefault(actor.canonical, {"name": actor.canonical, "roles": [], "kind": actor.kind,
                                                               "country": actor.country, "events": 0, "reports": set()})
                    entry["roles"] += [r for r in actor.roles if r not in entry["roles"]]
                    entry["reports"].add(a.report.id)
    out = []
    for entry in found.values():
        entry["reports"] = sorted(entry["reports"])
        entry["rank"] = min((_rank(r) for r in entry["roles"]), default=len(SUPERIOR_WORDS))
        out.append(entry)
    return sorted(out, key=lambda x: (x["rank"], -x["events"], x["name"]))


def _victims(analyses: list[Analysis]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for a in analyses:
        for e in a.events:
            if e.plover not in HARM_TYPES or e.negated:
                continue
            for t in e.targets:
                entry = out.setdefault(t, {"group": t, "events": 0, "magnitudes": []})
                entry["events"] += 1
                if e.magnitude is not None:
                    entry["magnitudes"].append({"text": e.magnitude.span.text, "quantity": e.magnitude.quantity,
                                                "qualifier": e.magnitude.qualifier, "report_id": a.report.id,
                                                "asserted_by": e.attribution.asserted_by if e.attribution else None})
    return sorted(out.values(), key=lambda x: -x["events"])


def _timeline(analyses: list[Analysis]) -> list[dict[str, Any]]:
    rows = []
    for a in analyses:
        for n, e in enumerate(a.events):
            if e.plover == "OTHER":
                continue
            rows.append({"date": (e.date.value if e.date and e.date.value else a.report.published) or "",
                         "plover": e.plover, "mode": e.mode, "sources": list(e.sources), "targets": list(e.targets),
                         "text": e.sentence.text, "report_id": a.report.id, "fact_id": f"{a.report.id}:events:{n}",
                         "outlet": a.report.outlet, "modality": e.modality, "negated": e.negated})
    return sorted(rows, key=lambda r: r["date"])


def _contradictions(store: Store, report_ids: set[str]) -> list[dict[str, Any]]:
    """The open (and confirmed) dispute cards about the case's reports; dismissed ones are left out."""
    from ..store.fusion import list_disputes

    cards = list_disputes(store.conn, limit=1_000_000)["items"]
    return [c for c in cards if any(r["id"] in report_ids for v in c["values"] for r in v["reports"])]
