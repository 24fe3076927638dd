"""Review: a person accepts, rejects or amends an extracted fact or a suggested legal mapping.

Each decision is one append-only audit row (who, when, before, after, why; triggers forbid UPDATE and
DELETE) plus the current state in `reviews` for fast filtering. Stored facts are never edited: an
amendment's value lives in the review. This is the one writer of decisions, used by the CLI, the API
and the pages.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .errors import FactfinderError
from .store import now

REVIEW_ACTIONS = {"accept": "accepted", "reject": "rejected", "amend": "amended"}
# Stored fact tables, plus legal mappings, which are computed (their ids are stable, see cases/mapping.py).
FACT_TABLES = ("events", "quotes", "claims", "mentions", "actors", "dates", "places", "magnitudes")
TARGET_TABLES = (*FACT_TABLES, "legal_mappings", "disputes")  # disputes: derive/disputes.py (stable ids)


def _text(value: str | None) -> str | None:
    """Text safe for SQLite: lone surrogates (valid in JSON escapes, not in UTF-8) become '?'."""
    return None if value is None else value.encode("utf-8", "replace").decode("utf-8")


def record_review(conn: sqlite3.Connection, who: str, action: str, table: str, target_id: str,
                  why: str | None = None, value: dict[str, Any] | None = None) -> int | None:
    """Record one decision; returns the audit row id, or None when the fact does not exist.

    ``before`` is the value in force (the amended value when already amended, else the stored
    record); ``after`` is the value in force afterwards.
    """
    if action not in REVIEW_ACTIONS:
        raise FactfinderError(f"unknown review action {action!r}; use one of {', '.join(REVIEW_ACTIONS)}")
    if table not in TARGET_TABLES:
        raise FactfinderError(f"cannot review {table!r}; reviewable: {', '.join(TARGET_TABLES)}")
    if action == "amend" and not value:
        raise FactfinderError("amend needs the new value (JSON), e.g. --value '{\"element\": \"7-1-e\"}'")
    if not who.strip():
        raise FactfinderError("a review needs the reviewer's name (--who NAME)")
    stored: dict[str, Any] | None = None
    if table in FACT_TABLES:
        row = conn.execute(f"SELECT data FROM {table} WHERE id = ?", (target_id,)).fetchone()
        if row is None:
            return None
        stored = json.loads(row[0])
    current = conn.execute("SELECT status, value FROM reviews WHERE target_table = ? AND target_id = ?",
                           (table, target_id)).fetchone()
    amended = json.loads(current[1]) if current and current[1] else None
    before = amended if amended is not None else stored
    after = {**(before or {}), **(value or {})} if action == "amend" else before
    kept = json.dumps(after) if action == "amend" else (json.dumps(amended) if amended and action != "reject" else None)
    with conn:
        cur = conn.execute(
            "INSERT INTO audit (at, who, action, target_table, target_id, before, after, why)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now(), who, action, table, target_id, json.dumps(before) if before is not None else None,
             json.dumps(after) if after is not None else None, _text(why)))
        audit_id = int(cur.lastrowid or 0)
        conn.execute(
            "INSERT INTO reviews (target_table, target_id, status, value, audit_id) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(target_table, target_id) DO UPDATE SET status = excluded.status,"
            " value = excluded.value, audit_id = excluded.audit_id",
            (table, target_id, REVIEW_ACTIONS[action], kept, audit_id))
    return audit_id


def review_state(conn: sqlite3.Connection, table: str) -> dict[str, dict[str, Any]]:
    """target id -> current status, value, who, when, why."""
    rows = conn.execute(
        "SELECT r.target_id, r.status, r.value, a.who, a.at, a.why FROM reviews r JOIN audit a ON a.id = r.audit_id"
        " WHERE r.target_table = ?", (table,)).fetchall()
    return {r[0]: {"status": r[1], "value": json.loads(r[2]) if r[2] else None, "who": r[3], "at": r[4],
                   "why": r[5]} for r in rows}


def audit_log(conn: sqlite3.Connection, target_id: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, at, who, action, target_table, target_id, before, after, why FROM audit"
    rows = conn.execute(sql + (" WHERE target_id = ? ORDER BY id" if target_id else " ORDER BY id"),
                        (target_id,) if target_id else ()).fetchall()
    keys = ("id", "at", "who", "action", "target_table", "target_id", "before", "after", "why")
    return [dict(zip(keys, r, strict=True)) for r in rows]
