"""Accounts, API tokens and web sessions: the rows behind ``factfinder.api.auth``.

Only rows live here; hashing, signing and policy stay in ``api/auth.py``. Portable SQL (no
SQLite-only constructs).
"""

from __future__ import annotations

from typing import Any


class AuthStore:
    """Store methods for ``users`` and ``sessions`` (mixed into ``factfinder.store.Store``)."""

    conn: Any

    def app_secret(self, name: str, fresh: str) -> str:
        """The secret called ``name``, set to ``fresh`` when there is none yet (the first of several
        servers starting at once wins; every one reads the same value back)."""
        with self.write():  # type: ignore[attr-defined]
            self.conn.execute("INSERT OR IGNORE INTO app_secrets (name, value) VALUES (?, ?)", (name, fresh))
        return str(self.conn.execute("SELECT value FROM app_secrets WHERE name = ?", (name,)).fetchone()[0])

    def count_users(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM users").fetchone()[0])

    def user_exists(self, name: str) -> bool:
        return self.conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone() is not None

    def list_users(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Accounts (the first ``limit``; all when None) without their token hashes."""
        sql = "SELECT name, role, token_prefix, created_at, disabled FROM users ORDER BY id"
        rows = self.conn.execute(sql + " LIMIT ?", (limit,)) if limit is not None else self.conn.execute(sql)
        return [dict(r) for r in rows]

    def insert_user(self, name: str, role: str, token_hash: str, token_prefix: str) -> None:
        from . import now

        with self.write():  # type: ignore[attr-defined]
            self.conn.execute(
                "INSERT INTO users (name, role, token_hash, token_prefix, created_at) VALUES (?, ?, ?, ?, ?)",
                (name, role, token_hash, token_prefix, now()))

    def set_user_disabled(self, name: str, disabled: bool) -> bool:
        """Disable (or enable) an account; disabling ends its sessions. False if there is no such user."""
        with self.write():  # type: ignore[attr-defined]
            cur = self.conn.execute("UPDATE users SET disabled = ? WHERE name = ?", (int(disabled), name))
            if cur.rowcount and disabled:
                self.end_user_sessions(name)
        return bool(cur.rowcount)

    def set_user_token(self, name: str, token_hash: str, token_prefix: str) -> bool:
        """Replace an account's token hash and end its sessions; False if there is no such user."""
        with self.write():  # type: ignore[attr-defined]
            cur = self.conn.execute("UPDATE users SET token_hash = ?, token_prefix = ? WHERE name = ?",
                                    (token_hash, token_prefix, name))
            if cur.rowcount:
                self.end_user_sessions(name)
        return bool(cur.rowcount)

    def end_user_sessions(self, name: str) -> None:
        from . import now

        with self.write():  # type: ignore[attr-defined]
            self.conn.execute("UPDATE sessions SET ended_at = ? WHERE ended_at IS NULL"
                              " AND user_id = (SELECT id FROM users WHERE name = ?)", (now(), name))

    def user_token_state(self, user_id: int) -> tuple[str, bool] | None:
        """(token prefix, disabled) of an account (one primary-key lookup), or None."""
        row = self.conn.execute("SELECT token_prefix, disabled FROM users WHERE id = ?", (user_id,)).fetchone()
        return None if row is None else (row["token_prefix"], bool(row["disabled"]))

    def users_by_token_prefix(self, prefix: str) -> list[dict[str, Any]]:
        """Enabled accounts whose token starts with ``prefix``, with their hashes (to verify)."""
        return [dict(r) for r in self.conn.execute(
            "SELECT id, name, role, token_hash FROM users WHERE token_prefix = ? AND disabled = 0", (prefix,))]

    def insert_session(self, sid: str, user_id: int, expires_at: int) -> None:
        from . import now

        with self.write():  # type: ignore[attr-defined]
            self.conn.execute("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                              (sid, user_id, now(), expires_at))

    def end_session(self, sid: str) -> None:
        from . import now

        with self.write():  # type: ignore[attr-defined]
            self.conn.execute("UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL", (now(), sid))

    def live_session_user(self, sid: str, user_id: Any, at: int) -> dict[str, Any] | None:
        """id, name, role of the enabled account of live session ``sid`` (of ``user_id``) at time ``at``."""
        row = self.conn.execute(
            "SELECT u.id, u.name, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?"
            " AND s.user_id = ? AND s.ended_at IS NULL AND s.expires_at >= ? AND u.disabled = 0",
            (sid, user_id, at)).fetchone()
        return dict(row) if row else None
