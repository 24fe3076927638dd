"""The read model as functions: the CLI's list commands, older callers and tests call these.

Each takes a Store (or, from older callers, a bare connection, which is wrapped) and calls the
Store method of the same name; the SQL lives in store/reads.py and the reviewed view in
store/review.py. New code calls the Store methods directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from .review import review_fact
from .store import as_store
from .store.reads import (EVENT_COLUMNS, FACET_MATCHES, MAX_LIMIT, MAX_OFFSET, REVIEW_TABLES, EventFilter, Page,
                          country_codes, fts_query, member_of, not_rejected)
from .store.review import ReviewedAnalysis, ReviewedFact

__all__ = [
    "EVENT_COLUMNS", "FACET_MATCHES", "MAX_LIMIT", "MAX_OFFSET", "REVIEW_TABLES", "EventFilter", "Page",
    "ReviewedAnalysis", "ReviewedFact", "country_codes", "fts_query", "member_of", "not_rejected",
    "reviewed_analyses", "review_states", "has_table", "list_reports", "report_facets", "report_detail",
    "with_reviews", "list_events", "event_detail", "event_types", "event_histogram", "event_points",
    "list_actors", "actor_variants", "actor_detail", "neighbours", "memo", "network", "identity_names",
    "list_quotes", "quote_detail", "list_claims", "claim_detail", "list_stories", "story_detail",
    "list_contradictions", "contradiction_detail", "list_cases", "case_detail", "review", "audit_row",
    "audit_for", "list_audit", "review_queue",
]

T = TypeVar("T")
Handle = Any  # a Store, or a bare database connection from older callers


# -- the reviewed view -------------------------------------------------------------------------------
def review_states(store: Handle, table: str) -> dict[str, tuple[str, dict[str, Any] | None]]:
    return as_store(store).review_states(table)


def reviewed_analyses(store: Handle, reviewed_only: bool = False) -> Iterator[ReviewedAnalysis]:
    return as_store(store).reviewed_analyses(reviewed_only)


def has_table(store: Handle, name: str) -> bool:
    return as_store(store).has_table(name)


def with_reviews(store: Handle, table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return as_store(store).with_reviews(table, rows)


def memo(store: Handle, name: str, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    return as_store(store).memo(name, key, compute)


# -- reports ---------------------------------------------------------------------------------------
def list_reports(store: Handle, q: str | None = None, outlet: str | None = None, since: str | None = None,
                 until: str | None = None, event_type: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    return as_store(store).list_reports(q, outlet, since, until, event_type, limit, offset)


def report_facets(store: Handle, q: str | None = None) -> dict[str, list[dict[str, Any]]]:
    return as_store(store).report_facets(q)


def report_detail(store: Handle, report_id: str) -> dict[str, Any] | None:
    return as_store(store).report_detail(report_id)


# -- events ----------------------------------------------------------------------------------------
def list_events(store: Handle, f: EventFilter, limit: int = 50, offset: int = 0, order: str = "date") -> Page:
    return as_store(store).list_events(f, limit, offset, order)


def event_detail(store: Handle, event_id: str) -> dict[str, Any] | None:
    return as_store(store).event_detail(event_id)


def event_types(store: Handle) -> list[str]:
    return as_store(store).event_types()


def event_histogram(store: Handle, f: EventFilter) -> list[dict[str, Any]]:
    return as_store(store).event_histogram(f)


def event_points(store: Handle, f: EventFilter, limit: int = 2000) -> list[dict[str, Any]]:
    return as_store(store).event_points(f, limit)


def network(store: Handle, f: EventFilter, limit: int = 150) -> dict[str, Any]:
    return as_store(store).network(f, limit)


# -- actors ----------------------------------------------------------------------------------------
def list_actors(store: Handle, name: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    return as_store(store).list_actors(name, limit, offset)


def actor_variants(store: Handle, name: str) -> list[str]:
    return as_store(store).actor_variants(name)


def actor_detail(store: Handle, name: str, limit: int = 50) -> dict[str, Any] | None:
    return as_store(store).actor_detail(name, limit)


def neighbours(store: Handle, name: str, limit: int = 30) -> list[dict[str, Any]]:
    return as_store(store).neighbours(name, limit)


def identity_names(store: Handle, canonicals: set[str]) -> dict[str, str]:
    return as_store(store).identity_names(canonicals)


# -- quotes, claims, stories, contradictions, cases ------------------------------------------------
def list_quotes(store: Handle, speaker: str | None = None, report: str | None = None, limit: int = 50,
                offset: int = 0) -> Page:
    return as_store(store).list_quotes(speaker, report, limit, offset)


def quote_detail(store: Handle, quote_id: str) -> dict[str, Any] | None:
    return as_store(store).quote_detail(quote_id)


def list_claims(store: Handle, asserted_by: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    return as_store(store).list_claims(asserted_by, limit, offset)


def claim_detail(store: Handle, claim_id: str) -> dict[str, Any] | None:
    return as_store(store).claim_detail(claim_id)


def list_stories(store: Handle, limit: int = 50, offset: int = 0) -> Page:
    return as_store(store).list_stories(limit, offset)


def story_detail(store: Handle, story_id: str) -> dict[str, Any] | None:
    return as_store(store).story_detail(story_id)


def list_contradictions(store: Handle, story_id: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    return as_store(store).list_contradictions(story_id, limit, offset)


def contradiction_detail(store: Handle, cid: str) -> dict[str, Any] | None:
    return as_store(store).contradiction_detail(cid)


def list_cases(store: Handle, limit: int = 50, offset: int = 0) -> Page:
    return as_store(store).list_cases(limit, offset)


def case_detail(store: Handle, case_id: str) -> dict[str, Any] | None:
    return as_store(store).case_detail(case_id)


# -- reviews and audit -----------------------------------------------------------------------------
def review(store: Handle, who: str, table: str, fact_id: str, action: str,
           value: dict[str, Any] | None = None, why: str | None = None) -> dict[str, Any] | None:
    """Record a decision on a fact (factfinder.review.review_fact)."""
    return review_fact(as_store(store), who, table, fact_id, action, value, why)


def audit_row(store: Handle, audit_id: int) -> dict[str, Any] | None:
    return as_store(store).audit_row(audit_id)


def audit_for(store: Handle, table: str, target_id: str) -> list[dict[str, Any]]:
    return as_store(store).audit_for(table, target_id)


def list_audit(store: Handle, who: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    return as_store(store).list_audit(who, limit, offset)


def review_queue(store: Handle, table: str, limit: int = 50, offset: int = 0, report: str | None = None,
                 event_type: str | None = None) -> Page:
    return as_store(store).review_queue(table, limit, offset, report, event_type)
