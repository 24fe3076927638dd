"""Server-rendered pages (Jinja2, autoescape on). Forms carry the session's CSRF token."""

from __future__ import annotations

import dataclasses
import hmac
import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from ..store.reads import MAX_LIMIT, MAX_OFFSET, REVIEW_TABLES, EventFilter
from ..store import Store
from . import auth, geo
from .auth import SESSION_COOKIE
from .highlight import LEGEND, marks_of, segments
from ..review import validate_event_type
from .routes_api import (PLOVER_TYPES, Decision, EventAmend, QuoteAmend, UserIn, apply_review, bulk_decide,
                         reject_nul, require_admin)

router = APIRouter(include_in_schema=False, dependencies=[Depends(reject_nul)])
PAGE = 50


def store(request: Request) -> Store:
    return request.app.state.ff.store()


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    user = getattr(request.state, "user", None)
    html = request.app.state.env.get_template(name).render(
        request=request, user=user, csrf=user.csrf if user else "", legend=LEGEND,
        report_label=ReportLabels(request), **ctx)
    return HTMLResponse(html, status_code=status)


class ReportLabels:
    """``report_label(id)`` in templates: a report's title, else outlet, day and opening words
    (Store.report_labels), looked up once per id and page; an unknown id is shown as itself."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.known: dict[str, str] = {}

    def __call__(self, report_id: str | None) -> str:
        if not report_id:
            return ""
        if report_id not in self.known:
            self.known[report_id] = store(self.request).report_labels({report_id}).get(report_id, report_id)
        return self.known[report_id]


def check_csrf(request: Request, token: str) -> None:
    user = request.state.user
    if user.via != "session" or not token or not hmac.compare_digest(token, user.csrf):
        raise HTTPException(403, "the form is stale or forged (CSRF token mismatch); reload the page and retry")


def safe_next(target: str | None) -> str:
    """Only same-site paths, so the login form cannot redirect elsewhere."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def qs(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "", 0)})


# -- login ------------------------------------------------------------------------------------------
@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=safe_next(next), error=None)


@router.post("/login")
def login(request: Request, name: str = Form(..., max_length=200), token: str = Form(..., max_length=500),
          next: str = Form("/")) -> Response:
    limiter, client = request.app.state.ff.logins, request.client.host if request.client else "?"
    wait = limiter.retry_after(client, name.strip())
    if wait:
        response = render(request, "login.html", status=429, next=safe_next(next),
                           error=f"Too many failed logins; try again in {wait} s.")
        response.headers["Retry-After"] = str(wait)
        return response
    user = auth.verify_token(store(request), token.strip(), name=name.strip())
    if user is None:
        limiter.failed(client, name.strip())
        return render(request, "login.html", status=401, next=safe_next(next), error="Unknown name or token.")
    limiter.succeeded(client, name.strip())
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, auth.start_session(store(request), request.app.state.ff.secret, user),
                        max_age=auth.SESSION_TTL, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("")) -> Response:
    check_csrf(request, csrf_token)
    auth.end_session(store(request), request.state.user.session)  # the cookie is dead even if kept
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# -- search and reports -----------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def search(request: Request, q: str = Query("", max_length=500), outlet: str = Query("", max_length=200),
           type: str = Query("", max_length=20), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    s = store(request)
    page = s.list_reports(q or None, outlet or None, None, None, type or None, PAGE, offset)
    params = {"q": q, "outlet": outlet, "type": type}
    return render(request, "search.html", page=page, facets=s.report_facets(q or None), params=params,
                  qs=qs, stats=s.count_rows(["reports"])["reports"])


@router.get("/reports/{report_id:path}", response_class=HTMLResponse)
def report(request: Request, report_id: str) -> HTMLResponse:
    detail = store(request).report_detail(report_id)
    if detail is None:
        raise HTTPException(404, f"no report with id {report_id!r}")
    segs = segments(detail["text"], marks_of(detail))
    return render(request, "report.html", r=detail, segments=segs, plover_types=PLOVER_TYPES)


# -- actors -----------------------------------------------------------------------------------------
@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, name: str = Query("", max_length=200),
           offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    page = store(request).list_actors(name or None, PAGE, offset)
    return render(request, "actors.html", page=page, params={"name": name}, qs=qs)


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor(request: Request, name: str) -> HTMLResponse:
    detail = store(request).actor_detail(name, limit=25)
    if detail is None:
        raise HTTPException(404, f"no actor named {name!r}")
    store(request).with_identities(detail["events_as_source"] + detail["events_as_target"])
    return render(request, "actor.html", a=detail)


# -- events: timeline, map, network -----------------------------------------------------------------
def _filter(type: str, actor: str, place: str, country: str) -> EventFilter:
    return EventFilter(type=type or None, actor=actor or None, place=place or None, country=country or None)


@router.get("/events", response_class=HTMLResponse)
def timeline(request: Request, type: str = Query("", max_length=20), actor: str = Query("", max_length=200),
             place: str = Query("", max_length=200), country: str = Query("", max_length=60),
             unknown: int = Query(0, ge=0, le=1), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    """Events newest first; those with neither actor nor recipient known ("? -> ?") only with ``unknown=1``."""
    s = store(request)
    f = dataclasses.replace(_filter(type, actor, place, country), known_actors=not unknown)
    page = s.list_events(f, PAGE, offset)
    s.with_identities(page.items)
    hist = s.event_histogram(f)
    top = max((h["n"] for h in hist), default=1)
    params = {"type": type, "actor": actor, "place": place, "country": country, "unknown": unknown}
    return render(request, "timeline.html", page=page, hist=hist, top=top, types=s.event_types(),
                  params=params, qs=qs)


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    detail = store(request).event_detail(event_id)
    if detail is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return render(request, "event.html", e=detail, plover_types=PLOVER_TYPES)


@router.get("/map", response_class=HTMLResponse)
def event_map(request: Request, type: str = Query("", max_length=20), actor: str = Query("", max_length=200),
              country: str = Query("", max_length=60)) -> HTMLResponse:
    s = store(request)
    points = s.event_points(_filter(type, actor, "", country))
    for p in points:
        p["x"], p["y"] = geo.project(float(p["lon"]), float(p["lat"]))
        p["r"] = min(4 + p["n"] ** 0.5 * 2, 30)
    params = {"type": type, "actor": actor, "country": country}
    return render(request, "map.html", points=points, types=s.event_types(), params=params,
                  width=geo.WIDTH, height=geo.HEIGHT)


@router.get("/basemap.svg")
def basemap() -> Response:
    paths = "".join(f'<path d="{d}"><title>{_xml(name)}</title></path>' for name, d in geo.basemap())
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {geo.WIDTH:g} {geo.HEIGHT:g}">'
           f'<rect width="100%" height="100%" fill="#eef4f8"/><g fill="#d9dccf" stroke="#999" stroke-width="0.4">'
           f"{paths}</g></svg>")
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "private, max-age=86400"})


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, type: str = Query("", max_length=20), actor: str = Query("", max_length=200),
                 limit: int = Query(80, ge=1, le=300)) -> HTMLResponse:
    s = store(request)
    net = s.network(_filter(type, actor, "", ""), limit)
    return render(request, "network.html", net=net, types=s.event_types(),
                  params={"type": type, "actor": actor})


# -- stories and cases ------------------------------------------------------------------------------
@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    s = store(request)
    return render(request, "stories.html", page=s.list_stories(PAGE, offset),
                  present=s.has_table("stories"), qs=qs, params={})


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    detail = store(request).story_detail(story_id)
    if detail is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    from ..store.fusion import list_disputes

    disputes = list_disputes(store(request), story_id, limit=200)["items"]
    return render(request, "story.html", s=detail, disputes=disputes)


@router.get("/cases", response_class=HTMLResponse)
def cases(request: Request, offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    s = store(request)
    return render(request, "cases.html", page=s.list_cases(PAGE, offset),
                  present=s.has_table("cases"), qs=qs, params={})


def assembled_case(request: Request, case_id: str) -> Any | None:
    """The case file assembled by ``factfinder.cases`` (grid, evidence), or None when the case is
    unknown; the page then falls back to the stored record."""
    from ..cases.case import CaseNotFound, assemble, get_case

    s = store(request)
    try:
        return assemble(s, get_case(s, case_id))
    except CaseNotFound:
        return None


@router.get("/cases/{case_id}/dossier")
def dossier(request: Request, case_id: str) -> Response:
    detail = store(request).case_detail(case_id)
    if detail is None:
        raise HTTPException(404, f"no case with id {case_id!r}")
    name = _safe_name(case_id)
    case_file = assembled_case(request, case_id)
    if case_file is not None:
        from ..cases.dossier import render_html

        return Response(render_html(case_file), media_type="text/html; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="dossier-{name}.html"'})
    body = json.dumps(detail, ensure_ascii=False, indent=2)
    return Response(body, media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="case-{name}.json"'})


def _safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)[:80] or "case"


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case(request: Request, case_id: str) -> HTMLResponse:
    detail = store(request).case_detail(case_id)
    if detail is None:
        raise HTTPException(404, f"no case with id {case_id!r}")
    case_file = assembled_case(request, case_id)
    grid = case_file.grid if case_file is not None else case_grid(detail["data"])
    reports = len(case_file.reports) if case_file is not None else None
    return render(request, "case.html", c=detail, grid=grid, reports=reports,
                  assembled=case_file is not None)


def case_grid(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Grid rows from an element list carried by the case record itself (no cases package)."""
    elements = data.get("elements") or data.get("element_grid") or []
    if isinstance(elements, dict):
        elements = [{"element": k, **(v if isinstance(v, dict) else {"status": v})} for k, v in elements.items()]
    rows = []
    for el in elements if isinstance(elements, list) else []:
        if not isinstance(el, dict):
            continue
        evidence = el.get("evidence") or []
        n = len(evidence) if isinstance(evidence, list) else 0
        rows.append({"element": el.get("element") or el.get("name") or el.get("id") or "?",
                     "article": el.get("article") or el.get("element") or "", "label": el.get("label") or "",
                     "group": el.get("group") or "", "items": n, "sources": el.get("sources") or [],
                     "status": el.get("status") or ("supported" if n else "gap")})
    return rows


# -- review and audit -------------------------------------------------------------------------------
@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, table: str = Query("events", pattern="^(events|quotes)$"),
                report: str = Query("", max_length=200), type: str = Query("", max_length=20),
                offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    event_type = validate_event_type(type) if type else None
    page = store(request).review_queue(table, PAGE, offset, report or None, event_type)
    return render(request, "review.html", page=page, table=table, plover_types=PLOVER_TYPES,
                  params={"table": table, "report": report, "type": event_type or ""}, qs=qs)


@router.post("/review-bulk/{table}")
def review_bulk(request: Request, table: str, action: Annotated[str, Form()],
                ids: Annotated[list[str], Form(default_factory=list)], csrf_token: Annotated[str, Form()] = "",
                why: Annotated[str, Form(max_length=2000)] = "", next: Annotated[str, Form()] = "/review") -> Response:
    """The queue's checkboxes: accept or reject every ticked fact at once."""
    check_csrf(request, csrf_token)
    if table not in REVIEW_TABLES:
        raise HTTPException(404, f"facts of {table!r} cannot be reviewed")
    if action not in ("accept", "reject"):
        raise HTTPException(422, f"bulk decisions are accept or reject, not {action!r}")
    if not ids or len(ids) > MAX_LIMIT:
        raise HTTPException(422, f"tick between 1 and {MAX_LIMIT} facts")
    bulk_decide(request, table, ids, action, why or None)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/review/{table}/{fact_id:path}")
def review_submit(request: Request, table: str, fact_id: str, action: str = Form(...),
                  csrf_token: str = Form(""), why: str = Form("", max_length=2000), plover: str = Form(""),
                  sources: str = Form(""), targets: str = Form(""), speaker: str = Form(""),
                  next: str = Form("/review")) -> Response:
    check_csrf(request, csrf_token)
    if table not in REVIEW_TABLES:
        raise HTTPException(404, f"facts of {table!r} cannot be reviewed")
    if action not in ("accept", "reject", "amend"):
        raise HTTPException(422, f"unknown action {action!r}")
    body: Decision | EventAmend | QuoteAmend
    try:
        if action == "amend":
            model = EventAmend if table == "events" else QuoteAmend
            body = model(action="amend", value=_amended(table, plover, sources, targets, speaker), why=why or None)
        else:
            body = Decision(action=action, why=why or None)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise HTTPException(422, f"cannot {action}: {exc.errors()[0]['msg']}") from exc
    apply_review(request, table, fact_id, body)
    return RedirectResponse(safe_next(next), status_code=303)


def _amended(table: str, plover: str, sources: str, targets: str, speaker: str) -> dict[str, Any]:
    value: dict[str, Any] = {}
    if table == "events":
        if plover:
            value["plover"] = plover
        if sources.strip():
            value["sources"] = [s.strip() for s in sources.split(";") if s.strip()]
        if targets.strip():
            value["targets"] = [t.strip() for t in targets.split(";") if t.strip()]
    elif speaker.strip():
        value["speaker"] = speaker.strip()
    return value


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, who: str = Query("", max_length=200),
               offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> HTMLResponse:
    page = store(request).list_audit(who or None, PAGE, offset)
    for row in page.items:
        row["changes"] = _changes(row.get("before"), row.get("after"))
    return render(request, "audit.html", page=page, params={"who": who}, qs=qs)


def _changes(before: str | None, after: str | None) -> list[tuple[str, Any, Any]]:
    """The top-level fields that differ between the before and after JSON of an audit row."""
    b = json.loads(before) if before else {}
    a = json.loads(after) if after else {}
    if not isinstance(a, dict) or not isinstance(b, dict):
        return []
    return [(k, b.get(k), a.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]


# -- accounts (admin) -------------------------------------------------------------------------------
@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request) -> HTMLResponse:
    require_admin(request)
    return render(request, "users.html", users=store(request).list_users(1000), created=None)


@router.post("/users", response_class=HTMLResponse)
def users_create(request: Request, name: str = Form(..., max_length=100), role: str = Form("viewer"),
                 csrf_token: str = Form("")) -> HTMLResponse:
    check_csrf(request, csrf_token)
    require_admin(request)
    try:
        body = UserIn(name=name.strip(), role=role)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise HTTPException(422, f"cannot create user: {exc.errors()[0]['msg']}") from exc
    s = store(request)
    if s.user_exists(body.name):
        raise HTTPException(409, f"a user named {body.name!r} already exists")
    token = auth.add_user(s, body.name, body.role)
    return render(request, "users.html", users=s.list_users(1000), created={"name": body.name, "token": token})
