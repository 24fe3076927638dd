"""Review rows and the reviewed view: the SQL behind ``factfinder.review`` and every reader of facts.

Each decision is one append-only ``audit`` row (hash-chained, see store/integrity.py) plus the
current state in ``reviews``; stored facts are never edited. The checks of a decision (known action,
target table, amendable fields and their enums) are use-case logic and stay in ``factfinder.review``.

The reviewed view: rejected facts are gone, an amendment's value replaces the extracted one, and each
fact carries its review status ("unreviewed", "accepted", "amended"). Record readers (exports, cases,
dossier) iterate ``reviewed_analyses()``; SQL readers use store/reads.py's ``not_rejected`` and
``with_reviews``.

Portable SQL (``INSERT ... ON CONFLICT (key) DO UPDATE`` is the same on PostgreSQL); the write lock
taken by ``Store.write()`` is SQLite's ``BEGIN IMMEDIATE`` or PostgreSQL's advisory lock.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..records import Analysis, Event, Quote, from_dict, to_dict
from .integrity import append_audit

# Fact tables a stored id may name (legal mappings and disputes are computed, with stable ids).
FACT_ROW_TABLES = ("events", "quotes", "claims", "mentions", "actors", "dates", "places", "magnitudes")


@dataclass(frozen=True)
class ReviewedFact:
    """One fact as reviewed: its stored id, the record in force (amended if amended) and its status."""

    id: str
    record: Any
    review: str  # unreviewed/accepted/amended


@dataclass(frozen=True)
class ReviewedAnalysis:
    """A report's analysis with rejected events and quotes dropped and amendments applied.

    ``analysis.events``/``quotes`` hold the records in force; ``events``/``quotes`` the same records
    with their stored ids and review status, in the same order.
    """

    analysis: Analysis
    events: tuple[ReviewedFact, ...]
    quotes: tuple[ReviewedFact, ...]


ReviewStates = dict[str, tuple[str, "dict[str, Any] | None"]]


def _reviewed(records: tuple[Any, ...], cls: type, report_id: str, field_name: str,
              states: ReviewStates, reviewed_only: bool) -> tuple[ReviewedFact, ...]:
    from . import fact_id

    out = []
    for n, rec in enumerate(records):
        fid = fact_id(report_id, field_name, n)
        status, value = states.get(fid, ("unreviewed", None))
        if status == "rejected" or (reviewed_only and status == "unreviewed"):
            continue
        if status == "amended" and value:
            rec = from_dict(cls, {**to_dict(rec), **value})
        out.append(ReviewedFact(fid, rec, status))
    return tuple(out)


def as_reviewed(a: Analysis, events: ReviewStates, quotes: ReviewStates,
                reviewed_only: bool = False) -> ReviewedAnalysis:
    """``a`` as reviewed, given the review states of events and quotes (``review_states``)."""
    rid = a.report.id
    evs = _reviewed(a.events, Event, rid, "events", events, reviewed_only)
    qs = _reviewed(a.quotes, Quote, rid, "quotes", quotes, reviewed_only)
    return ReviewedAnalysis(dataclasses.replace(a, events=tuple(f.record for f in evs),
                                                quotes=tuple(f.record for f in qs)), evs, qs)


class ReviewStore:
    """Review methods of ``factfinder.store.Store`` (a mixin: ``self.conn`` is the store's connection)."""

    conn: Any

    # -- the reviewed view ---------------------------------------------------------------------
    def review_states(self, table: str) -> ReviewStates:
        """fact id -> (status, amended value or None) for every reviewed fact of ``table``."""
        return {r[0]: (r[1], json.loads(r[2]) if r[2] else None) for r in self.conn.execute(
            "SELECT target_id, status, value FROM reviews WHERE target_table = ?", (table,))}

    def reviewed_analyses(self, reviewed_only: bool = False) -> Iterator[ReviewedAnalysis]:
        """Every stored analysis as reviewed (``reviewed_only``: only accepted or amended events/quotes)."""
        events = self.review_states("events")
        quotes = self.review_states("quotes")
        for a in self.analyses():  # type: ignore[attr-defined]
            yield as_reviewed(a, events, quotes, reviewed_only)

    def reviewed_analysis(self, report_id: str, events: ReviewStates | None = None,
                          quotes: ReviewStates | None = None) -> ReviewedAnalysis | None:
        """One stored analysis as reviewed (states as from ``review_states``, read when not given)."""
        a = self.load_analysis(report_id)  # type: ignore[attr-defined]
        if a is None:
            return None
        return as_reviewed(a, self.review_states("events") if events is None else events,
                           self.review_states("quotes") if quotes is None else quotes)

    # -- decisions -----------------------------------------------------------------------------
    def fact_exists(self, table: str, target_id: str) -> bool:
        if table not in FACT_ROW_TABLES:
            return False
        return self.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (target_id,)).fetchone() is not None

    def fact_data(self, table: str, target_id: str) -> dict[str, Any] | None:
        """The stored record (as JSON) of one fact, or None when there is no such fact."""
        if table not in FACT_ROW_TABLES:
            return None
        row = self.conn.execute(f"SELECT data FROM {table} WHERE id = ?", (target_id,)).fetchone()
        return None if row is None else json.loads(row[0])

    def current_review(self, table: str, target_id: str) -> tuple[str, dict[str, Any] | None] | None:
        """(status, amended value) of the decision in force on one target, or None."""
        row = self.conn.execute("SELECT status, value FROM reviews WHERE target_table = ? AND target_id = ?",
                                (table, target_id)).fetchone()
        return None if row is None else (row[0], json.loads(row[1]) if row[1] else None)

    def write_review(self, audit: dict[str, Any], status: str, kept: str | None) -> int:
        """Append the audit row and set the state in force, in one write transaction (the write lock
        from its start, so the chain's last hash cannot change under us); the audit row id."""
        with self.write():  # type: ignore[attr-defined]
            audit_id = append_audit(self.conn, audit)
            self.conn.execute(
                "INSERT INTO reviews (target_table, target_id, status, value, audit_id) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(target_table, target_id) DO UPDATE SET status = excluded.status,"
                " value = excluded.value, audit_id = excluded.audit_id",
                (audit["target_table"], audit["target_id"], status, kept, audit_id))
        return audit_id

    def review_decisions(self, table: str) -> dict[str, dict[str, Any]]:
        """target id -> current status, value, who, when, why."""
        rows = self.conn.execute(
            "SELECT r.target_id, r.status, r.value, a.who, a.at, a.why FROM reviews r JOIN audit a ON a.id = r.audit_id"
            " WHERE r.target_table = ?", (table,)).fetchall()
        return {r[0]: {"status": r[1], "value": json.loads(r[2]) if r[2] else None, "who": r[3], "at": r[4],
                       "why": r[5]} for r in rows}

    def audit_log(self, target_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT id, at, who, action, target_table, target_id, before, after, why FROM audit"
        rows = self.conn.execute(sql + (" WHERE target_id = ? ORDER BY id" if target_id else " ORDER BY id"),
                                 (target_id,) if target_id else ()).fetchall()
        keys = ("id", "at", "who", "action", "target_table", "target_id", "before", "after", "why")
        return [dict(zip(keys, r, strict=True)) for r in rows]
