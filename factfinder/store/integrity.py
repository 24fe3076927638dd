"""Tamper evidence: the audit hash chain and the re-hashing of stored originals (`factfinder verify`).

Each audit row stores ``hash = sha256(prev_hash + canonical JSON of its content)`` and the previous
row's hash, so changing, inserting or deleting a row in the middle breaks the chain at that row.
Triggers already refuse UPDATE, DELETE and REPLACE (SQLite) or UPDATE, DELETE and TRUNCATE
(PostgreSQL); the chain catches what bypasses them
(raw edits of the file, dropped triggers). Rows written before the chain existed (migration 8) have
no hash; they are counted, not verified. Deleting the newest rows cannot be seen from the chain
alone (keep the last hash printed by `verify` elsewhere to detect that).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

AUDIT_FIELDS = ("id", "at", "who", "action", "target_table", "target_id", "before", "after", "why")


def audit_hash(prev_hash: str, row: dict[str, Any]) -> str:
    content = json.dumps([prev_hash, *(row.get(k) for k in AUDIT_FIELDS)], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256(content.encode("utf-8", "backslashreplace")).hexdigest()


def append_audit(conn: sqlite3.Connection, values: dict[str, Any]) -> int:
    """Insert one audit row chained to the last one; the caller holds a write transaction
    (BEGIN IMMEDIATE), so no other writer can append between reading the last hash and inserting."""
    last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    prev = (last[1] or "") if last else ""
    row = {**values, "id": (last[0] + 1) if last else 1}
    row["hash"] = audit_hash(prev, row)
    conn.execute(
        "INSERT INTO audit (id, at, who, action, target_table, target_id, before, after, why, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*(row[k] for k in AUDIT_FIELDS), prev, row["hash"]))
    return int(row["id"])


@dataclass
class Verification:
    audit_rows: int = 0
    unchained: int = 0  # rows from before the chain existed
    head: str = ""
    originals: int = 0
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"audit_rows": self.audit_rows, "audit_rows_before_chain": self.unchained, "chain_head": self.head,
                "originals": self.originals, "problems": self.problems, "ok": not self.problems}

    def lines(self) -> list[str]:
        legacy = f" ({self.unchained} older row(s) predate the chain)" if self.unchained else ""
        out = [f"audit: {self.audit_rows} row(s) checked{legacy}; chain head {self.head or '-'}",
               f"originals: {self.originals} re-hashed against their sha256"]
        out += [f"ALTERED: {p}" for p in self.problems]
        out.append("verify: ok, nothing altered" if not self.problems else
                   f"verify: {len(self.problems)} problem(s); restore the store from a backup and compare")
        return out


def verify(conn: sqlite3.Connection) -> Verification:
    result = Verification()
    _verify_audit(conn, result)
    _verify_originals(conn, result)
    return result


def _verify_audit(conn: sqlite3.Connection, result: Verification) -> None:
    prev, chained = "", False
    cols = ", ".join(AUDIT_FIELDS)
    for r in conn.execute(f"SELECT {cols}, prev_hash, hash FROM audit ORDER BY id"):
        row = dict(zip((*AUDIT_FIELDS, "prev_hash", "hash"), tuple(r), strict=True))
        result.audit_rows += 1
        if row["hash"] is None:
            if chained:
                result.problems.append(f"audit row {row['id']} has no hash inside the chain (inserted or edited "
                                       "outside factfinder)")
            else:
                result.unchained += 1
            continue
        chained = True
        if row["prev_hash"] != prev:
            result.problems.append(f"audit row {row['id']} does not follow the row before it (a row was removed or "
                                   "inserted before it)")
        if audit_hash(row["prev_hash"] or "", row) != row["hash"]:
            result.problems.append(f"audit row {row['id']} ({row['action']} {row['target_table']} "
                                   f"{row['target_id']}) was altered: its content does not match its hash")
        prev = row["hash"]
    result.head = prev


def _verify_originals(conn: sqlite3.Connection, result: Verification) -> None:
    for digest, data in conn.execute("SELECT raw_sha256, bytes FROM originals ORDER BY raw_sha256"):
        result.originals += 1
        actual = hashlib.sha256(bytes(data) if data is not None else b"").hexdigest()
        if actual != digest:
            result.problems.append(f"original {digest} was altered: its bytes now hash to {actual}")
    missing = conn.execute(
        "SELECT count(*) FROM reports r WHERE r.raw_sha256 IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM originals o WHERE o.raw_sha256 = r.raw_sha256)").fetchone()[0]
    if missing:
        result.problems.append(f"{missing} report(s) name an original that is not in the store (removed?)")
