"""Plain, immutable record types. Every fact carries its source: report id + character span.

Records hold data only. ``to_dict``/``from_dict`` give a JSON-safe round trip used by the store
(each fact row keeps its full record as JSON beside the indexed columns).
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """Record (or tuple/list of records) -> JSON-safe structure."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def from_dict(cls: type[T], data: dict[str, Any] | None) -> T | None:
    """JSON structure -> record of type ``cls``; nested records and tuples are rebuilt."""
    if data is None:
        return None
    kwargs = {}
    for name, convert in _plan(typing.cast(type, cls)):  # type[T] is hashable; mypy cannot tell
        if name in data:
            value = data[name]
            kwargs[name] = convert(value) if convert is not None and value is not None else value
    return cls(**kwargs)


@functools.lru_cache(maxsize=None)
def _plan(cls: type) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    """Per field, how to rebuild it from JSON (worked out once per class: type hints are slow)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


def _converter(hint: Any) -> Callable[[Any], Any] | None:
    """A function rebuilding a JSON value of type ``hint``; None where the JSON value is already right."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else None
    if origin is tuple:
        elem = _converter(args[0]) if args else None
        if elem is None:
            return tuple
        return lambda values: tuple(None if v is None else elem(v) for v in values)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value: from_dict(hint, value)
    return None


@dataclass(frozen=True, slots=True)
class Report:
    """One news report. ``text`` is what every span points into; the original bytes are kept apart."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    dateline: str | None = None
    title: str | None = None
    raw_sha256: str | None = None
    captured_at: str | None = None  # ISO 8601 UTC
    language: str = "en"
    source: str | None = None  # path[:line] or URL the report came from
    story: str | None = None  # gold story label, when the input carries one


@dataclass(frozen=True, slots=True)
class Span:
    report_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention as tagged (after our corrections)."""

    span: Span
    label: str  # PERSON/ORG/GPE/LOC/NORP/LAW/...
    actor_id: str | None = None
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor within one report; ``id`` is stable for (report, canonical name)."""

    id: str
    report_id: str
    canonical: str
    kind: str  # person/organization/state/government/group/igo
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # government/military/police/judiciary/opposition/ngo/igo/media/civilians
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    extractor: str = ""
    qualifiers: tuple[str, ...] = ()  # status from titles: exiled/imprisoned/former/acting/...


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A normalised time expression. value: ISO date/month/year, interval "A/B" or duration "P4Y"."""

    span: Span | None
    value: str | None
    precision: str  # day/month/year/decade/interval/duration/time
    qualifier: str | None = None  # "more than", "about", ...
    anchor: str | None = None  # the report date it was resolved against
    interval: str | None = None  # for durations: the interval they cover, e.g. "2020-09-30/2024-09-30"
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    span: Span | None
    role: str  # dateline/event/mention
    name: str
    country: str | None = None  # ISO 3166 alpha-2
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: str | None = None  # city/country/region/continent
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Magnitude:
    span: Span
    quantity: float
    qualifier: str | None = None  # "more than", "at least", "hundreds of thousands"
    unit: str | None = None  # what is counted, e.g. "people arrested"
    lower_bound: bool = False
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who asserts a fact: the outlet itself, or a quoted/cited source, with its cue."""

    asserted_by: str
    kind: str = "outlet"  # outlet/reported_speech/according_to/quote/statement
    actor_id: str | None = None
    cue: Span | None = None
    hedges: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    span: Span  # the quoted words (without the marks) or the reported clause
    speaker: str | None
    speaker_id: str | None = None
    cue: str | None = None  # the speech verb lemma as written ("said", "described")
    cue_span: Span | None = None
    direct: bool = True
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """A legal characterisation or hedged assertion, stored as somebody's claim, not as fact."""

    span: Span
    kind: str  # legal_characterisation/hedged_assertion
    label: str  # e.g. "crimes against humanity", "persecution"
    attribution: Attribution
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """source actor(s) -> action -> target actor(s), PLOVER-coded, tied to its trigger span."""

    trigger: Span
    sentence: Span
    plover: str  # one of the 16 PLOVER types, or OTHER
    mode: str | None = None
    context: str | None = None
    cameo: str | None = None
    sources: tuple[str, ...] = ()  # canonical actor names
    targets: tuple[str, ...] = ()
    source_countries: tuple[str, ...] = ()  # ISO alpha-3
    target_countries: tuple[str, ...] = ()
    date: TimeValue | None = None
    place: Place | None = None
    magnitude: Magnitude | None = None
    attribution: Attribution | None = None
    hedged: bool = False
    negated: bool = False
    modality: str = "asserted"  # asserted/planned/conditional/reported
    confidence: float = 0.5
    rule: str = ""
    extractor: str = ""
    source_sectors: tuple[str, ...] = ()  # per source: government/military/police/... ("" if unknown)
    target_sectors: tuple[str, ...] = ()


# --- coreference (factfinder.extract.coref) -------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorefLink:
    """What one anaphoric phrase refers to: a pronoun, title ("the prosecutor"), definite description
    ("the ministry"), organisation-issued text ("the statement said") or the dateline. Resolved to an
    actor of the report (``antecedent_actor_id``), or to a phrase that names no actor (``antecedent``
    set, actor None: "a colleague who saw it ... he said"), or explicitly unresolved (both None)."""

    span: Span  # the anaphoric phrase
    antecedent_actor_id: str | None
    kind: str  # pronoun/title/description/issued_text/dateline
    reason: str  # why this antecedent (or why none), e.g. "subject of previous sentence, male"
    antecedent: Span | None = None  # the mention it was linked to
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Quarantined:
    """An input that could not be ingested, and why. Nothing that fails is silently dropped."""

    source: str
    stage: str
    error: str  # error class name
    message: str
    raw_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything extracted from one report, plus the versions that produced it."""

    report: Report
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    dates: tuple[TimeValue, ...] = ()
    places: tuple[Place, ...] = ()
    magnitudes: tuple[Magnitude, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    versions: dict[str, str] = field(default_factory=dict)
    coref: tuple[CorefLink, ...] = ()  # factfinder.extract.coref


@dataclass(frozen=True, slots=True)
class Story:
    """One real-world happening across reports. ``id`` is stable: derived from its first report.

    ``events`` are fused events (the first report's wording); ``event_keys`` and ``event_support``
    run parallel to it: each fused event's key, and every supporting span (trigger
    sentence) from every report that told it.
    """

    id: str
    title: str | None
    first_report: str
    report_ids: tuple[str, ...]
    independent_outlets: int  # distinct outlets among reports that are not copies
    copies: tuple[str, ...] = ()  # report ids in this story that copy another report
    events: tuple[Event, ...] = ()
    event_keys: tuple[str, ...] = ()
    event_support: tuple[tuple[Span, ...], ...] = ()
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class LegalMapping:
    """A suggested link between a fact or claim and a Rome Statute element, with its reason.

    ``kind`` keeps a source's own legal characterisation ("Lithuania said ... persecution") apart
    from a fact that would support an element (an arrest count supporting imprisonment).
    """

    id: str  # "<fact id or report:span>@<element id>", stable across runs
    element: str  # id in ontology/rome_statute.json, e.g. "7-1-d"
    kind: str  # characterisation/supporting_fact/jurisdiction
    evidence: Span
    asserted_by: str
    assertion: str  # fact/attributed/hedged
    reason: str
    confidence: float
    fact_id: str | None = None
    extractor: str = ""


# --------------------------------------------------------------------------- claims and disputes
# (derive/claims.py, derive/disputes.py: what each report states about a slot, and where they disagree)


@dataclass(frozen=True, slots=True)
class SlotClaim:
    """One report's statement about one slot of a story: (subject, predicate, slot) -> typed value.

    ``subject``/``predicate`` name what the value is about in normalised words ("people", "killed");
    ``key`` is the value normalised for grouping (spellings of one identity share it). Typed parts:
    ``lo``/``hi`` a number range (a date as ordinal days), ``qualifier`` ("at least", "about"),
    ``precision`` (day/month/year for dates, exact/approximate/bound/scale for numbers), ``ref`` a
    gazetteer id, country or identity, ``stage`` a status or process stage. Only values the text
    states take part: a date filled in from the publication date never becomes a claim.
    """

    report_id: str
    subject: str
    predicate: str
    slot: str  # date/number/place/actor/attribution/quote_wording/status
    value: str  # as shown to a reader
    key: str
    span: Span
    sentence: Span | None = None
    lo: float | None = None
    hi: float | None = None
    qualifier: str | None = None
    precision: str | None = None
    ref: str | None = None
    stage: str | None = None
    part_of: str | None = None  # a part ("including seven children") names its total's subject
    extractor: str = ""
    # who says it: the quoted or cited source ("the interior ministry", "the rebels"), else the outlet
    asserter: str | None = None


@dataclass(frozen=True, slots=True)
class DisputeReport:
    """One report behind one value of a dispute: where it says so, and the sentence."""

    id: str
    outlet: str | None
    start: int
    end: int
    sentence: str
    asserter: str | None = None  # who the report says gives this value (a quoted source, else the outlet)


@dataclass(frozen=True, slots=True)
class DisputeValue:
    value: str
    support: int  # independent origins (copies of one wire story count once)
    reports: tuple[DisputeReport, ...] = ()
    minority: bool = False  # fewer independent origins than the best supported value


@dataclass(frozen=True, slots=True)
class Dispute:
    """A slot of one story told with values that differ across independent reports. ``id`` is stable
    (the story's earliest report + slot + subject + predicate, whatever the input order), so reviews
    survive re-ingest. ``edit`` marks differences
    between copies of one origin (an edit of the wire text, not a second source)."""

    id: str
    story: str
    slot: str
    about: str
    hard: bool
    reason: str
    rank: float
    values: tuple[DisputeValue, ...]
    status: str = "open"  # open/confirmed/dismissed
    edit: bool = False
    single_source: bool = False  # some value rests on one independent origin only
    extractor: str = ""
