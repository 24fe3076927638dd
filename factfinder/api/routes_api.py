"""JSON routes under /api/. Lists: ``{"ok", "items", "limit", "offset", "next_offset"}``; details:
``{"ok", "item"}``; errors: ``{"ok": false, "error", "status"}`` (see app.py)."""

from __future__ import annotations

import typing
from typing import Annotated, Any, Literal, Union

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.security import HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, model_validator

from . import auth
from ..store.reads import MAX_LIMIT, MAX_OFFSET, EventFilter
from ..store import Store
from ..review import resolve_country, review_fact, validate_date, validate_event_type

DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"  # as factfinder.review.DATE_RE
PLOVER_TYPES: tuple[str, ...] = ()  # filled below from PloverType


class ErrorOut(BaseModel):
    ok: bool = False
    error: str
    status: int


class PageOut(BaseModel):
    ok: bool = True
    items: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None


class ItemOut(BaseModel):
    ok: bool = True
    item: dict[str, Any]


PloverType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                     "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER"]
# (the same list as factfinder.review.EVENT_TYPES, for the OpenAPI schema; tests/test_api.py checks they agree)
# A name holds at least one character that is not blank: review (factfinder.review) strips names with
# str.strip, whose blanks are Unicode White_Space plus the separators U+001C..U+001F.
Name = Annotated[str, Field(min_length=1, max_length=300, pattern=r"[^\s\x1c-\x1f]")]
Why = Field(None, max_length=2000, description="Why the decision was taken (kept in the audit trail).")
STRICT = ConfigDict(extra="forbid", json_schema_extra={"minProperties": 1})


def _at_least_one(model: BaseModel) -> BaseModel:
    if not model.model_fields_set:
        raise ValueError("give at least one field to change")
    return model


class EventChange(BaseModel):
    """Fields of an event an editor may correct (omitted fields keep their value)."""

    model_config = STRICT
    plover: PloverType = Field(None)  # type: ignore[assignment]
    mode: str = Field(None, max_length=100)  # type: ignore[assignment]
    sources: list[Name] = Field(None, max_length=20)  # type: ignore[assignment]
    targets: list[Name] = Field(None, max_length=20)  # type: ignore[assignment]
    hedged: bool = Field(None)  # type: ignore[assignment]
    negated: bool = Field(None)  # type: ignore[assignment]
    modality: Literal["asserted", "planned", "conditional", "reported"] = Field(None)  # type: ignore[assignment]

    _check = model_validator(mode="after")(_at_least_one)


class QuoteChange(BaseModel):
    """Fields of a quote an editor may correct."""

    model_config = STRICT
    speaker: Name = Field(None)  # type: ignore[assignment]
    cue: str = Field(None, max_length=100)  # type: ignore[assignment]
    direct: bool = Field(None)  # type: ignore[assignment]

    _check = model_validator(mode="after")(_at_least_one)


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["accept", "reject"]
    why: str | None = Why


class EventAmend(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["amend"]
    value: EventChange
    why: str | None = Why


class QuoteAmend(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["amend"]
    value: QuoteChange
    why: str | None = Why


PLOVER_TYPES = typing.get_args(PloverType)
EventReview = Annotated[Union[Decision, EventAmend], Field(discriminator="action")]
QuoteReview = Annotated[Union[Decision, QuoteAmend], Field(discriminator="action")]


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in ((400, "Malformed request body"), (401, "No or bad credentials"),
                       (403, "Not allowed for this role"),
                       (404, "Not found"), (409, "Conflict"), (422, "Invalid parameters"))
}

bearer = HTTPBearer(auto_error=False, description="A token from `factfinder user add`.")


def _query_names(dependant: Any) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def reject_nul(request: Request) -> None:
    """SQLite and FTS5 read a NUL as the end of the text, so a filter holding one would silently match
    everything (or a prefix): refuse it (pages and API alike)."""
    if any("\x00" in k or "\x00" in v for k, v in request.query_params.multi_items()):
        raise HTTPException(400, "a query parameter holds a NUL character; remove it")


def known_query_only(request: Request) -> None:
    """Reject unknown or repeated query parameters: a misspelt filter (``?typ=ASSAULT``) must not
    silently return everything, nor ``?type=A&type=B`` silently mean ``type=B``."""
    reject_nul(request)
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    # cached on the route itself: an id() key outlives a freed app and a new route may reuse the id
    allowed = getattr(route, "_factfinder_query_names", None)
    if allowed is None:
        allowed = frozenset(_query_names(route.dependant))
        route._factfinder_query_names = allowed
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise HTTPException(422, f"unknown query parameter(s) {unknown}; this route takes {sorted(allowed) or 'none'}")
    repeated = sorted({k for k, _ in request.query_params.multi_items() if len(request.query_params.getlist(k)) > 1})
    if repeated:
        raise HTTPException(422, f"query parameter(s) {repeated} given more than once; every filter takes one value")


router = APIRouter(prefix="/api", responses=ERRORS, dependencies=[Depends(bearer), Depends(known_query_only)])

Limit = Query(50, ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT}).")
Offset = Query(0, ge=0, le=MAX_OFFSET,
               description=f"Rows to skip (at most {MAX_OFFSET}; narrow the filter to go deeper).")


def store(request: Request) -> Store:
    """The worker thread's store: every route reads and writes through its methods."""
    return request.app.state.ff.store()


def found(item: dict[str, Any] | None, what: str, key: str) -> dict[str, Any]:
    if item is None:
        raise HTTPException(404, f"no {what} with id {key!r}")
    return {"ok": True, "item": item}


@router.get("/stats", response_model=ItemOut, summary="Counts per table")
def stats(request: Request) -> dict[str, Any]:
    s = store(request)
    tables = ["reports", "actors", "mentions", "events", "quotes", "claims", "places", "dates", "magnitudes",
              "audit", "reviews"]
    counts = s.count_rows([*tables, "stories", "disputes", "cases"])
    return {"ok": True, "item": counts}


@router.get("/reports", response_model=PageOut, summary="Reports, by full-text query and filters")
def reports(request: Request, q: str | None = Query(None, max_length=500, description="Words to find"),
            outlet: str | None = Query(None, max_length=200), since: str | None = Query(None, pattern=DATE),
            until: str | None = Query(None, pattern=DATE), event_type: str | None = Query(None, max_length=20),
            limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return store(request).list_reports(q, outlet, since, until, event_type, limit, offset).to_dict()


@router.get("/reports/{report_id:path}", response_model=ItemOut, summary="A report with all its facts")
def report(request: Request, report_id: str = Path(..., max_length=200)) -> dict[str, Any]:
    return found(store(request).report_detail(report_id), "report", report_id)


@router.get("/facets", response_model=ItemOut, summary="Counts by outlet and event type")
def facets(request: Request, q: str | None = Query(None, max_length=500)) -> dict[str, Any]:
    return {"ok": True, "item": store(request).report_facets(q)}


@router.get("/actors", response_model=PageOut, summary="Actors across reports, by canonical name")
def actors(request: Request, name: str | None = Query(None, max_length=200), limit: int = Limit,
           offset: int = Offset) -> dict[str, Any]:
    return store(request).list_actors(name, limit, offset).to_dict()


@router.get("/actors/{name:path}", response_model=ItemOut, summary="An actor: roles, events, quotes, neighbours")
def actor(request: Request, name: str = Path(..., max_length=200)) -> dict[str, Any]:
    return found(store(request).actor_detail(name), "actor", name)


def _any_case(words: tuple[str, ...]) -> str:
    """A regex matching any of ``words`` in any case, written out so every JSON Schema tool reads it."""
    return "^(" + "|".join("".join(f"[{c}{c.lower()}]" if c.isalpha() else c for c in w) for w in words) + ")$"


def event_filter(type: str | None = Query(None, pattern=_any_case(PLOVER_TYPES), description="PLOVER type"),
                 actor: str | None = Query(None, max_length=200,
                                           description="Exact actor name among the sources or targets"),
                 country: str | None = Query(None, max_length=60, description="ISO code or country name"),
                 place: str | None = Query(None, max_length=200, description="Exact place name"),
                 since: str | None = Query(None, pattern=DATE), until: str | None = Query(None, pattern=DATE),
                 report: str | None = Query(None, max_length=200)) -> EventFilter:
    return EventFilter(type=validate_event_type(type) if type else None, actor=actor,
                       country=resolve_country(country)[0] if country else None,  # type: ignore[index]
                       place=place, since=validate_date(since, "since") if since else None,
                       until=validate_date(until, "until") if until else None, report=report)


@router.get("/events", response_model=PageOut, summary="Events, by date")
def events(request: Request, f: Annotated[EventFilter, Depends(event_filter)], limit: int = Limit,
           offset: int = Offset) -> dict[str, Any]:
    s = store(request)
    page = s.list_events(f, limit, offset)
    s.with_identities(page.items)  # source_names/target_names: one name per person, as the pages show
    return page.to_dict()


@router.get("/events/{event_id:path}", response_model=ItemOut, summary="An event with its review and audit trail")
def event(request: Request, event_id: str = Path(..., max_length=300)) -> dict[str, Any]:
    return found(store(request).event_detail(event_id), "event", event_id)


@router.get("/network", response_model=ItemOut, summary="Who acts on whom: weighted edges")
def network(request: Request, f: Annotated[EventFilter, Depends(event_filter)],
            limit: int = Query(150, ge=1, le=500)) -> dict[str, Any]:
    return {"ok": True, "item": store(request).network(f, limit)}


@router.get("/quotes", response_model=PageOut, summary="Quotes, by speaker")
def quotes(request: Request, speaker: str | None = Query(None, max_length=200),
           report: str | None = Query(None, max_length=200), limit: int = Limit,
           offset: int = Offset) -> dict[str, Any]:
    return store(request).list_quotes(speaker, report, limit, offset).to_dict()


@router.get("/quotes/{quote_id:path}", response_model=ItemOut, summary="A quote with its review and audit trail")
def quote(request: Request, quote_id: str = Path(..., max_length=300)) -> dict[str, Any]:
    return found(store(request).quote_detail(quote_id), "quote", quote_id)


@router.get("/claims", response_model=PageOut, summary="Claims (legal characterisations, hedged assertions)")
def claims(request: Request, asserted_by: str | None = Query(None, max_length=200), limit: int = Limit,
           offset: int = Offset) -> dict[str, Any]:
    return store(request).list_claims(asserted_by, limit, offset).to_dict()


@router.get("/claims/{claim_id:path}", response_model=ItemOut, summary="A claim")
def claim(request: Request, claim_id: str = Path(..., max_length=300)) -> dict[str, Any]:
    return found(store(request).claim_detail(claim_id), "claim", claim_id)


@router.get("/stories", response_model=PageOut, summary="Stories (empty until fusion has run)")
def stories(request: Request, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return store(request).list_stories(limit, offset).to_dict()


@router.get("/stories/{story_id:path}", response_model=ItemOut, summary="A story with its reports and dispute cards")
def story(request: Request, story_id: str = Path(..., max_length=300)) -> dict[str, Any]:
    return found(store(request).story_detail(story_id), "story", story_id)


def _dispute_page(request: Request, story: str | None, hard: bool, limit: int, offset: int) -> dict[str, Any]:
    from ..store.fusion import list_disputes

    page = list_disputes(store(request), story, hard, limit=limit, offset=offset)
    return {"ok": True, "items": page["items"], "limit": page["limit"], "offset": page["offset"],
            "next_offset": page["next_offset"]}


@router.get("/disputes", response_model=PageOut, summary="Disputes: slots of a story told with different values")
def disputes(request: Request, story: str | None = Query(None, max_length=300), hard: bool = False,
             limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return _dispute_page(request, story, hard, limit, offset)


@router.get("/disputes/{did}", response_model=ItemOut, summary="One dispute card")
def dispute(request: Request, did: str = Path(..., max_length=300)) -> dict[str, Any]:
    from ..store.fusion import dispute_card

    return found(dispute_card(store(request), did), "dispute", did)


# the contradictions routes are the dispute cards under their older name (the CLI's `contradictions`)
@router.get("/contradictions", response_model=PageOut, summary="Dispute cards (as /disputes)")
def contradictions(request: Request, story: str | None = Query(None, max_length=300), hard: bool = False,
                   limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return _dispute_page(request, story, hard, limit, offset)


@router.get("/contradictions/{did}", response_model=ItemOut, summary="One dispute card (as /disputes/{id})")
def contradiction(request: Request, did: str = Path(..., max_length=300)) -> dict[str, Any]:
    return dispute(request, did)


@router.get("/cases", response_model=PageOut, summary="Case files (empty until cases are built)")
def cases(request: Request, limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    return store(request).list_cases(limit, offset).to_dict()


@router.get("/cases/{case_id}", response_model=ItemOut, summary="A case file")
def case(request: Request, case_id: str = Path(..., max_length=300)) -> dict[str, Any]:
    return found(store(request).case_detail(case_id), "case", case_id)


@router.get("/audit", response_model=PageOut, summary="The audit trail, newest first")
def audit(request: Request, who: str | None = Query(None, max_length=200), limit: int = Limit,
          offset: int = Offset) -> dict[str, Any]:
    page = store(request).list_audit(who, limit, offset)
    return page.to_dict()


@router.get("/review-queue", response_model=PageOut, summary="Facts not yet reviewed")
def review_queue(request: Request, table: Literal["events", "quotes"] = "events",
                 report: str | None = Query(None, max_length=200, description="Only facts of this report"),
                 type: str | None = Query(None, pattern=_any_case(PLOVER_TYPES), description="Events of this type"),
                 limit: int = Limit, offset: int = Offset) -> dict[str, Any]:
    """Each fact comes with its sentence cut around it (``before``, ``fact``, ``after``)."""
    return store(request).review_queue(table, limit, offset, report, type).to_dict()


class BulkDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    table: Literal["events", "quotes"]
    ids: list[Annotated[str, Field(min_length=1, max_length=300)]] = Field(..., min_length=1, max_length=200)
    action: Literal["accept", "reject"]
    why: str | None = Why


@router.post("/reviews", response_model=ItemOut, summary="Accept or reject many facts at once")
def bulk_review(request: Request, body: Annotated[BulkDecision, Body()]) -> dict[str, Any]:
    """One audit row per fact; ids that name no fact are listed in ``missing`` and nothing is
    recorded for them."""
    return {"ok": True, "item": bulk_decide(request, body.table, body.ids, body.action, body.why)}


def bulk_decide(request: Request, table: str, ids: list[str], action: str, why: str | None) -> dict[str, Any]:
    """Shared by the API and the review page's bulk form."""
    s, who = store(request), request.state.user.name
    done, missing = [], []
    for fid in dict.fromkeys(ids):  # each id once, in order
        row = review_fact(s, who, table, fid, action, None, why)
        (done if row is not None else missing).append(fid if row is None else row["id"])
    return {"audit_ids": done, "missing": missing}


def apply_review(request: Request, table: str, fact_id: str,
                 body: Decision | EventAmend | QuoteAmend) -> dict[str, Any]:
    """Record one (already validated) review decision; shared by the API and the review forms."""
    value = body.value.model_dump(exclude_unset=True) if isinstance(body, (EventAmend, QuoteAmend)) else None
    row = review_fact(store(request), request.state.user.name, table, fact_id, body.action, value, body.why)
    if row is None:
        raise HTTPException(404, f"no {table[:-1]} with id {fact_id!r}")
    return {"ok": True, "item": row}


@router.post("/events/{event_id:path}/review", response_model=ItemOut, summary="Accept, reject or amend an event")
def review_event(request: Request, event_id: Annotated[str, Path(max_length=300)],
                 body: Annotated[EventReview, Body()]) -> dict[str, Any]:
    return apply_review(request, "events", event_id, body)


@router.post("/quotes/{quote_id:path}/review", response_model=ItemOut, summary="Accept, reject or amend a quote")
def review_quote(request: Request, quote_id: Annotated[str, Path(max_length=300)],
                 body: Annotated[QuoteReview, Body()]) -> dict[str, Any]:
    return apply_review(request, "quotes", quote_id, body)


class UserIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(..., min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.@-]+$")
    role: Literal["viewer", "editor", "admin"] = "viewer"


def require_admin(request: Request) -> None:
    user = request.state.user
    if user.role != "admin":
        raise HTTPException(403, f"user {user.name!r} has role {user.role!r}; managing accounts needs role admin")


@router.get("/users", response_model=PageOut, summary="Accounts (admin only; never tokens)")
def users(request: Request) -> dict[str, Any]:
    require_admin(request)
    items = store(request).list_users(1000)
    return {"ok": True, "items": items, "limit": 1000, "offset": 0, "next_offset": None}


@router.post("/users", response_model=ItemOut, summary="Create an account (admin only); the token is returned once")
def create_user(request: Request, body: Annotated[UserIn, Body()]) -> dict[str, Any]:
    require_admin(request)
    s = store(request)
    if s.user_exists(body.name):
        raise HTTPException(409, f"a user named {body.name!r} already exists; pick another name")
    token = auth.add_user(s, body.name, body.role)
    return {"ok": True, "item": {"name": body.name, "role": body.role, "token": token}}


@router.get("/me", response_model=ItemOut, summary="Who the token belongs to")
def me(request: Request) -> dict[str, Any]:
    u = request.state.user
    return {"ok": True, "item": {"name": u.name, "role": u.role}}
