"""Persisting fusion: fuse the stored reports that have not been fused yet, then rewrite the derived
story tables. Idempotent and crash-safe: the work left is always "reports without a profile"."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from ..errors import FactfinderError
from ..fuse import Fuser, FuserState, FuseOptions, FusionResult, Profile
from ..records import from_dict, to_dict
from . import Store


def _load_fuser(store: Store) -> Fuser:
    rows = store.conn.execute("SELECT data FROM fusion_profiles ORDER BY seen").fetchall()
    profiles = tuple(from_dict(Profile, json.loads(r[0])) for r in rows)
    return Fuser.from_state(FuserState(FuseOptions(), profiles))  # type: ignore[arg-type]


def contradiction_id(story_id: str, n: int, field: str, event_key: str) -> str:
    return f"{story_id}:{hashlib.sha1(f'{field}|{event_key}|{n}'.encode()).hexdigest()[:10]}"


def update_fusion(store: Store, progress: Callable[[int], None] | None = None) -> tuple[int, FusionResult]:
    """Fuse reports stored since the last run (in ingest order); returns (newly fused, result)."""
    todo = [r[0] for r in store.conn.execute(
        "SELECT id FROM reports WHERE id NOT IN (SELECT report_id FROM fusion_profiles) ORDER BY rowid")]
    fuser = _load_fuser(store)
    for rid in todo:
        analysis = store.load_analysis(rid)
        if analysis is not None:
            fuser.add(analysis)
        if progress:
            progress(1)
    result = fuser.result(dispute_status(store.conn))
    profiles = {p.report_id: p for p in fuser.state().profiles}
    with store.conn:  # one transaction: profiles and the derived tables change together
        for rid in todo:
            p = profiles.get(rid)
            if p is not None:
                store.conn.execute(
                    "INSERT OR REPLACE INTO fusion_profiles (report_id, seen, story_id, copy_of, data)"
                    " VALUES (?, ?, ?, ?, ?)", (rid, p.seen, p.story_id, p.copy_of, json.dumps(to_dict(p))))
        # Copies found later can move an earlier profile's story; write only the links that changed.
        stored = {r[0]: (r[1], r[2]) for r in store.conn.execute(
            "SELECT report_id, story_id, copy_of FROM fusion_profiles")}
        store.conn.executemany(
            "UPDATE fusion_profiles SET story_id = ?, copy_of = ? WHERE report_id = ?",
            [(p.story_id, p.copy_of, rid) for rid, p in profiles.items()
             if rid in stored and stored[rid] != (p.story_id, p.copy_of)])
        store.conn.execute("DELETE FROM contradictions")
        store.conn.execute("DELETE FROM story_reports")
        store.conn.execute("DELETE FROM stories")
        copy_of = dict(result.copies)
        for story in result.stories:
            store.conn.execute(
                "INSERT INTO stories (id, title, first_report, independent_outlets, reports, data)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (story.id, story.title, story.first_report, story.independent_outlets, len(story.report_ids),
                 json.dumps(to_dict(story), ensure_ascii=False)))
            for rid in story.report_ids:
                store.conn.execute("INSERT INTO story_reports (story_id, report_id, copy_of) VALUES (?, ?, ?)",
                                   (story.id, rid, copy_of.get(rid)))
        store.conn.execute("DELETE FROM disputes")
        store.conn.executemany(
            "INSERT INTO disputes (id, story_id, slot, hard, rank, data) VALUES (?, ?, ?, ?, ?, ?)",
            [(d.id, d.story, d.slot, int(d.hard), d.rank, json.dumps(to_dict(d), ensure_ascii=False))
             for d in result.disputes])
        for n, c in enumerate(result.contradictions):
            store.conn.execute(
                "INSERT INTO contradictions (id, story_id, field, data) VALUES (?, ?, ?, ?)",
                (contradiction_id(c.story_id, n, c.field, c.event_key), c.story_id, c.field,
                 json.dumps(to_dict(c), ensure_ascii=False)))
    return len(todo), result


# --------------------------------------------------------------------------- disputes: read and review

DISPUTE_STATUS = {"accepted": "confirmed", "rejected": "dismissed"}
DISPUTE_ACTIONS = {"confirm": "accept", "dismiss": "reject"}


def _has(store_conn: Any, table: str) -> bool:
    return store_conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


def dispute_status(conn: Any) -> dict[str, str]:
    """Dispute id -> confirmed/dismissed, from the review state (absent: open)."""
    from ..review import review_state

    if not _has(conn, "reviews"):
        return {}
    return {k: DISPUTE_STATUS.get(v["status"], "open") for k, v in review_state(conn, "disputes").items()}


def list_disputes(conn: Any, story_id: str | None = None, hard: bool = False, include_dismissed: bool = False,
                  limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """A page of dispute cards, best ranked first: {"items", "total", "limit", "offset", "next_offset"}.
    Dismissed disputes stay hidden unless asked for; their ids are stable, so a re-ingest keeps them so."""
    if not _has(conn, "disputes"):
        return {"items": [], "total": 0, "limit": limit, "offset": offset, "next_offset": None}
    where, params = [], []
    if story_id:
        where.append("story_id = ?")
        params.append(story_id)
    if hard:
        where.append("hard = 1")
    sql = "SELECT id, data FROM disputes" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY rank DESC, id"
    status = dispute_status(conn)
    cards = []
    for did, data in conn.execute(sql, params):
        card = json.loads(data)
        card["status"] = status.get(did, "open")
        if card["status"] == "dismissed" and not include_dismissed:
            continue
        cards.append(card)
    limit, offset = max(1, limit), max(0, offset)
    page = cards[offset:offset + limit]
    more = offset + limit < len(cards)
    return {"items": page, "total": len(cards), "limit": limit, "offset": offset,
            "next_offset": offset + limit if more else None}


def review_dispute(conn: Any, dispute_id: str, action: str, who: str, why: str | None = None) -> int | None:
    """Confirm or dismiss a dispute: one audit row through the review writer. None if no such dispute."""
    from ..review import record_review

    if action not in DISPUTE_ACTIONS:
        raise FactfinderError(f"unknown dispute action {action!r}; use confirm or dismiss")
    if not _has(conn, "disputes") or conn.execute("SELECT 1 FROM disputes WHERE id = ?", (dispute_id,)).fetchone() is None:
        return None
    return record_review(conn, who, DISPUTE_ACTIONS[action], "disputes", dispute_id, why)
