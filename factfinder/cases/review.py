"""Review: a person accepts, rejects or amends a suggested mapping or an extracted fact.

Each decision is an append-only audit row (who, when, before, after, why); the `reviews` table keeps
the latest state per target for fast filtering. Nothing is edited in place.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import FactfinderError
from ..store import Store, now

ACTIONS = {"accept": "accepted", "reject": "rejected", "amend": "amended"}
TARGET_TABLES = ("legal_mappings", "events", "quotes", "claims", "mentions", "actors", "dates", "places",
                 "magnitudes")


def review(store: Store, who: str, action: str, target_table: str, target_id: str, why: str | None = None,
           after: dict[str, Any] | None = None, before: dict[str, Any] | None = None) -> int:
    """Record one decision; returns the audit row id."""
    if action not in ACTIONS:
        raise FactfinderError(f"unknown review action {action!r}; use one of {', '.join(ACTIONS)}")
    if target_table not in TARGET_TABLES:
        raise FactfinderError(f"cannot review {target_table!r}; reviewable: {', '.join(TARGET_TABLES)}")
    if action == "amend" and not after:
        raise FactfinderError("amend needs the new value (JSON), e.g. --value '{\"element\": \"7-1-e\"}'")
    if not who.strip():
        raise FactfinderError("a review needs the reviewer's name (--who NAME)")
    if before is None and target_table != "legal_mappings":
        row = store.conn.execute(f"SELECT data FROM {target_table} WHERE id = ?", (target_id,)).fetchone()
        if row is None:
            raise FactfinderError(f"no {target_table} row with id {target_id!r}")
        before = json.loads(row["data"])
    with store.conn:
        cur = store.conn.execute(
            "INSERT INTO audit (at, who, action, target_table, target_id, before, after, why)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (now(), who, action, target_table, target_id, json.dumps(before) if before is not None else None,
             json.dumps(after) if after is not None else None, why),
        )
        audit_id = int(cur.lastrowid or 0)
        store.conn.execute(
            "INSERT INTO reviews (target_table, target_id, status, value, audit_id) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(target_table, target_id) DO UPDATE SET status = excluded.status,"
            " value = excluded.value, audit_id = excluded.audit_id",
            (target_table, target_id, ACTIONS[action], json.dumps(after) if after is not None else None, audit_id),
        )
    return audit_id


def review_state(store: Store, target_table: str) -> dict[str, dict[str, Any]]:
    rows = store.rows(
        "SELECT r.target_id, r.status, r.value, a.who, a.at, a.why FROM reviews r JOIN audit a ON a.id = r.audit_id"
        " WHERE r.target_table = ?", (target_table,))
    return {r["target_id"]: {**r, "value": json.loads(r["value"]) if r["value"] else None} for r in rows}


def audit_log(store: Store, target_id: str | None = None) -> list[dict[str, Any]]:
    if target_id:
        return store.rows("SELECT * FROM audit WHERE target_id = ? ORDER BY id", (target_id,))
    return store.rows("SELECT * FROM audit ORDER BY id")
