"""The FastAPI application: JSON API under /api/, server-rendered pages elsewhere.

Authentication runs first, in a middleware, before routing: a request without valid credentials
never learns whether a route or an id exists. Policy (documented in docs/web.md):

* every page and every /api/ route needs a login (Bearer token for the API, or the session
  cookie set by the login form); only /login, /static/*, /healthz and the OpenAPI schema are open;
* unauthenticated /api/ requests get 401, unauthenticated page visits a redirect to /login;
* writes (POST/PUT/PATCH/DELETE) by a viewer get 403, before any lookup;
* writes with the session cookie must carry the session's CSRF token (form field ``csrf_token``,
  checked by the route, or header ``X-CSRF-Token`` for /api/).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import ChainableUndefined, Environment, FileSystemLoader
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..review import InvalidValue
from ..store import Store, open_store
from . import auth
from .routes_api import router as api_router
from .routes_pages import router as page_router

HERE = Path(__file__).parent
SESSION_COOKIE = auth.SESSION_COOKIE
PUBLIC_PREFIXES = ("/static/",)
PUBLIC_PATHS = {"/login", "/healthz", "/api/openapi.json"}
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class AppState:
    """Per-app settings and one Store per worker thread (database connections are not shared across threads)."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.secret = auth.load_secret(db_path)
        self.tokens = auth.TokenCache()
        self.logins = auth.LoginLimiter()
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def store(self) -> Store:
        """This worker thread's store (opened on first use)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.db_path)
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.release()
            self._all.clear()


def templates() -> Environment:
    # ChainableUndefined: a field missing from a stored record renders empty instead of failing the page.
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True,
                      undefined=ChainableUndefined,
                      lstrip_blocks=True)
    return env


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"ok": False, "error": message, "status": status}


def is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def _wants_json(request: Request) -> bool:
    return is_api(request.url.path)


def create_app(db_path: str = "factfinder.db") -> FastAPI:
    """The web app over the store at ``db_path`` (migrated, app indexes created, on first open)."""
    state = AppState(db_path)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(title="factfinder", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
                  openapi_url="/api/openapi.json",
                  description="Sourced facts from news reports. Every route needs `Authorization: Bearer <token>`"
                              " (create one with `factfinder user add NAME --role viewer`).")
    app.state.ff = state
    app.state.env = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_errors(app)
    _install_auth(app, state)
    app.include_router(api_router)
    app.include_router(page_router)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        return {"ok": True}

    return app


def _install_auth(app: FastAPI, state: AppState) -> None:
    @app.middleware("http")
    async def authenticate(request: Request, call_next: Any) -> Response:
        path = request.url.path
        if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            return _secure(await call_next(request))
        user, bad_token = await _identify(request, state)
        write = request.method in WRITE_METHODS
        if user is None:
            if is_api(path):
                msg = ("invalid or unknown token" if bad_token
                       else "authentication required: send Authorization: Bearer <token>")
                return _secure(JSONResponse(error_body(401, msg), status_code=401,
                                            headers={"WWW-Authenticate": "Bearer"}))
            if write:
                return _secure(_html_error(app, request, 401, "log in first"))
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?{urlencode({'next': target})}", status_code=303)
        if write and not user.can_write and path != "/logout":
            msg = f"user {user.name!r} has role {user.role!r}; changes need role editor or admin"
            if is_api(path):
                return _secure(JSONResponse(error_body(403, msg), status_code=403))
            return _secure(_html_error(app, request, 403, msg))
        if write and is_api(path) and user.via == "session" and request.headers.get("x-csrf-token") != user.csrf:
            return _secure(JSONResponse(error_body(403, "missing or wrong X-CSRF-Token header"), status_code=403))
        request.state.user = user
        return _secure(await call_next(request))


async def _identify(request: Request, state: AppState) -> tuple[auth.User | None, bool]:
    """(user, whether a token was sent but rejected)."""
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            return None, True
        user = state.tokens.get(token)
        if user is not None and not await run_in_threadpool(lambda: auth.still_valid(state.store(), user, token)):
            state.tokens.drop(token)  # disabled or re-keyed since it was remembered
            return None, True
        if user is None:
            user = await run_in_threadpool(lambda: auth.verify_token(state.store(), token))
            if user is not None:
                state.tokens.put(token, user)
        return user, user is None
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        payload = auth.read_session(state.secret, cookie)
        if payload:
            user = await run_in_threadpool(lambda: auth.session_user(state.store(), payload))
            if user is not None:
                return auth.User(user.id, user.name, user.role, csrf=str(payload["csrf"]), via="session",
                                 session=str(payload.get("sid", ""))), False
    return None, False


def _secure(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def _html_error(app: FastAPI, request: Request, status: int, message: str) -> HTMLResponse:
    user = getattr(request.state, "user", None)
    html = app.state.env.get_template("error.html").render(status=status, message=message, user=user,
                                                           csrf=user.csrf if user else "",
                                                           request=request)
    return HTMLResponse(html, status_code=status)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if _wants_json(request):
            return JSONResponse(error_body(exc.status_code, message), status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return _html_error(app, request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        message = "invalid request: " + "; ".join(parts)
        if _wants_json(request):
            return JSONResponse(error_body(422, message), status_code=422)
        return _html_error(app, request, 422, message)

    @app.exception_handler(InvalidValue)
    async def invalid_value(request: Request, exc: InvalidValue) -> Response:
        # The validation the CLI shares (factfinder.review): unknown type, country, date, amendment.
        if _wants_json(request):
            return JSONResponse(error_body(422, str(exc)), status_code=422)
        return _html_error(app, request, 422, str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        message = f"internal error ({type(exc).__name__})"
        if _wants_json(request):
            return JSONResponse(error_body(500, message), status_code=500)
        return _html_error(app, request, 500, message)
