"""Accounts, API tokens and signed session cookies.

Tokens are shown once, stored only as an argon2 hash plus a short non-secret prefix used to find
the row. Argon2 is slow on purpose (~0.1 s), so a verified token is remembered in memory by its
SHA-256 for a short while; the hash itself never leaves the process.

Session cookies are ``base64(json payload) + "." + hmac_sha256(secret, payload)``. The secret lives
in a file beside the database (``<db>.secret``, mode 0600), created on first use. The payload names a
row of ``sessions``; logging out ends that row, and disabling or re-keying an account ends all of its
sessions, so a copied cookie dies with them. A remembered token is re-checked against its account
(enabled, same token prefix) on every request, so ``factfinder user disable|rotate`` takes effect at once.

Failed logins are limited per client address and per account name (LoginLimiter).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import BadInput
from ..store import Store, is_store_url, open_store

ROLES = ("viewer", "editor", "admin")
SESSION_COOKIE = "ff_session"  # the cookie that carries a signed session (read by app.py and the pages)
PREFIX_LEN = 8
SESSION_TTL = 12 * 3600
TOKEN_CACHE_TTL = 60.0

_hasher = PasswordHasher()


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str
    csrf: str = ""  # per-session CSRF token (empty for Bearer-token requests)
    via: str = "token"  # token/session
    session: str = ""  # the sessions row of a cookie login

    @property
    def can_write(self) -> bool:
        return self.role in ("editor", "admin")


def add_user(store: Store, name: str, role: str) -> str:
    """Create a user and return the token; it is not stored and cannot be shown again."""
    if role not in ROLES:
        raise BadInput(name, f"unknown role {role!r}.", f"Use one of {', '.join(ROLES)}.")
    if not name.strip():
        raise BadInput("user", "the name is empty.", "Pass a non-empty NAME.")
    if store.user_exists(name):
        raise BadInput(name, "a user with this name already exists.", "Pick another NAME.")
    token, hashed = _new_token()
    store.insert_user(name, role, hashed, token[:PREFIX_LEN])
    return token


def _new_token() -> tuple[str, str]:
    """A fresh token and its argon2 hash."""
    token = secrets.token_urlsafe(32)
    return token, _hasher.hash(token)


def set_disabled(store: Store, name: str, disabled: bool) -> bool:
    """Disable (or enable) an account; disabling ends its sessions. False if there is no such user."""
    return store.set_user_disabled(name, disabled)


def rotate_token(store: Store, name: str) -> str | None:
    """Replace an account's token (the old one stops working) and end its sessions; the new token,
    shown once, or None if there is no such user."""
    token, hashed = _new_token()
    return token if store.set_user_token(name, hashed, token[:PREFIX_LEN]) else None


def still_valid(store: Store, user: User, token: str) -> bool:
    """Whether a remembered token still belongs to an enabled account (one primary-key lookup)."""
    state = store.user_token_state(user.id)
    return state is not None and not state[1] and state[0] == token[:PREFIX_LEN]


class LoginLimiter:
    """At most ``limit`` failed logins per ``window`` seconds from one client address, and for one
    account name (so neither one address nor many can guess a token by trial); in memory, per app."""

    def __init__(self, limit: int = 5, window: float = 300.0) -> None:
        self.limit, self.window = limit, window
        self._fails: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, at: float) -> list[float]:
        times = [t for t in self._fails.get(key, []) if at - t < self.window]
        self._fails[key] = times
        return times

    def retry_after(self, client: str, name: str) -> int:
        """Seconds to wait before trying again (0: go ahead)."""
        at = time.monotonic()
        with self._lock:
            waits = [int(self.window - (at - times[0])) + 1 for key in (f"ip:{client}", f"name:{name}")
                     if len(times := self._recent(key, at)) >= self.limit]
        return max(waits, default=0)

    def failed(self, client: str, name: str) -> None:
        at = time.monotonic()
        with self._lock:
            if len(self._fails) > 10_000:
                self._fails.clear()
            for key in (f"ip:{client}", f"name:{name}"):
                self._recent(key, at).append(at)

    def succeeded(self, client: str, name: str) -> None:
        with self._lock:
            self._fails.pop(f"ip:{client}", None)


class TokenCache:
    """sha256(token) -> (user, expiry). Saves one argon2 verification per request."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[User, float]] = {}
        self._lock = threading.Lock()

    def get(self, token: str) -> User | None:
        key = hashlib.sha256(token.encode()).hexdigest()
        with self._lock:
            hit = self._items.get(key)
        if hit and hit[1] > time.monotonic():
            return hit[0]
        return None

    def drop(self, token: str) -> None:
        with self._lock:
            self._items.pop(hashlib.sha256(token.encode()).hexdigest(), None)

    def put(self, token: str, user: User) -> None:
        key = hashlib.sha256(token.encode()).hexdigest()
        with self._lock:
            if len(self._items) > 1000:
                self._items.clear()
            self._items[key] = (user, time.monotonic() + TOKEN_CACHE_TTL)


def verify_token(store: Store, token: str, name: str | None = None) -> User | None:
    """The enabled user owning ``token`` (and called ``name``, when given), else None."""
    if len(token) < PREFIX_LEN:
        return None
    for row in store.users_by_token_prefix(token[:PREFIX_LEN]):
        if name is not None and row["name"] != name:
            continue
        try:
            _hasher.verify(row["token_hash"], token)
        except (VerificationError, InvalidHashError):
            continue
        return User(id=row["id"], name=row["name"], role=row["role"])
    return None


def load_secret(db_path: str) -> bytes:
    """The HMAC key for session cookies, kept in ``<db>.secret``; in-memory stores get a fresh one; a
    PostgreSQL store keeps it in the database, so every app server of the store signs alike."""
    if db_path == ":memory:":
        return secrets.token_bytes(32)
    if is_store_url(db_path):
        with open_store(db_path) as store:
            return bytes.fromhex(store.app_secret("session_key", secrets.token_hex(32)))
    path = Path(db_path + ".secret")
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def start_session(store: Store, secret: bytes, user: User) -> str:
    """Record a new session for ``user``; returns its signed cookie value."""
    sid = secrets.token_urlsafe(16)
    exp = int(time.time()) + SESSION_TTL
    store.insert_session(sid, user.id, exp)
    return sign_session(secret, user, sid, exp)


def end_session(store: Store, sid: str) -> None:
    store.end_session(sid)


def session_user(store: Store, payload: dict[str, Any]) -> User | None:
    """The enabled user of a live session named by a (verified) cookie payload."""
    row = store.live_session_user(str(payload.get("sid", "")), payload.get("uid"), int(time.time()))
    return User(id=row["id"], name=row["name"], role=row["role"]) if row else None


def sign_session(secret: bytes, user: User, sid: str = "", exp: int | None = None) -> str:
    payload = {"uid": user.id, "sid": sid, "csrf": secrets.token_urlsafe(16),
               "exp": exp if exp is not None else int(time.time()) + SESSION_TTL}
    body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    mac = hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
    return f"{body}.{mac}"


def read_session(secret: bytes, cookie: str) -> dict[str, Any] | None:
    """The session payload if the signature is valid and it has not expired."""
    body, _, mac = cookie.partition(".")
    want = hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
    if not mac or not hmac.compare_digest(mac, want):
        return None
    try:
        payload = json.loads(_unb64(body))
    except ValueError:
        return None
    if not isinstance(payload, dict) or payload.get("exp", 0) < time.time():
        return None
    return payload
