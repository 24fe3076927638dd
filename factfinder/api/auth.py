"""Accounts, API tokens and signed session cookies.

Tokens are shown once, stored only as an argon2 hash plus a short non-secret prefix used to find
the row. Argon2 is slow on purpose (~0.1 s), so a verified token is remembered in memory by its
SHA-256 for a short while; the hash itself never leaves the process.

Session cookies are ``base64(json payload) + "." + hmac_sha256(secret, payload)``. The secret lives
in a file beside the database (``<db>.secret``, mode 0600), created on first use.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ..errors import BadInput
from ..store import now

ROLES = ("viewer", "editor", "admin")
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

    @property
    def can_write(self) -> bool:
        return self.role in ("editor", "admin")


def add_user(conn: sqlite3.Connection, name: str, role: str) -> str:
    """Create a user and return the token; it is not stored and cannot be shown again."""
    if role not in ROLES:
        raise BadInput(name, f"unknown role {role!r}.", f"Use one of {', '.join(ROLES)}.")
    if not name.strip():
        raise BadInput("user", "the name is empty.", "Pass a non-empty NAME.")
    if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
        raise BadInput(name, "a user with this name already exists.", "Pick another NAME.")
    token = secrets.token_urlsafe(32)
    with conn:
        conn.execute(
            "INSERT INTO users (name, role, token_hash, token_prefix, created_at) VALUES (?, ?, ?, ?, ?)",
            (name, role, _hasher.hash(token), token[:PREFIX_LEN], now()),
        )
    return token


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

    def put(self, token: str, user: User) -> None:
        key = hashlib.sha256(token.encode()).hexdigest()
        with self._lock:
            if len(self._items) > 1000:
                self._items.clear()
            self._items[key] = (user, time.monotonic() + TOKEN_CACHE_TTL)


def verify_token(conn: sqlite3.Connection, token: str, name: str | None = None) -> User | None:
    """The enabled user owning ``token`` (and called ``name``, when given), else None."""
    if len(token) < PREFIX_LEN:
        return None
    rows = conn.execute(
        "SELECT id, name, role, token_hash FROM users WHERE token_prefix = ? AND disabled = 0",
        (token[:PREFIX_LEN],),
    ).fetchall()
    for row in rows:
        if name is not None and row["name"] != name:
            continue
        try:
            _hasher.verify(row["token_hash"], token)
        except (VerificationError, InvalidHashError):
            continue
        return User(id=row["id"], name=row["name"], role=row["role"])
    return None


def user_by_id(conn: sqlite3.Connection, user_id: int) -> User | None:
    row = conn.execute("SELECT id, name, role FROM users WHERE id = ? AND disabled = 0", (user_id,)).fetchone()
    return User(id=row["id"], name=row["name"], role=row["role"]) if row else None


def load_secret(db_path: str) -> bytes:
    """The HMAC key for session cookies, kept in ``<db>.secret``; in-memory stores get a fresh one."""
    if db_path == ":memory:":
        return secrets.token_bytes(32)
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


def sign_session(secret: bytes, user: User) -> str:
    payload = {"uid": user.id, "csrf": secrets.token_urlsafe(16), "exp": int(time.time()) + SESSION_TTL}
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
