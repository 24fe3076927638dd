"""Filtered reads of stored facts, shared by the CLI and the API."""

from __future__ import annotations

from typing import Any

from .store import Store


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def events_query(store: Store, plover: str | None = None, actor: str | None = None, since: str | None = None,
                 until: str | None = None, country: str | None = None, report_id: str | None = None,
                 limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Events by type, actor, date range (ISO prefixes compare correctly as text) and country."""
    where, params = [], []
    if plover:
        where.append("plover = ?")
        params.append(plover.upper())
    if actor:
        where.append("(sources LIKE ? ESCAPE '\\' OR targets LIKE ? ESCAPE '\\')")
        params += [_like(actor)] * 2
    if since:
        where.append("substr(coalesce(date, ''), 1, 10) >= ?")  # "2020/2024-09-30" compares by its start
        params.append(since)
    if until:
        where.append("date IS NOT NULL AND substr(date, 1, 10) <= ? || 'z'")
        params.append(until)
    if country:
        where.append("(' ' || source_countries || ' ' || target_countries || ' ') LIKE ?")
        params.append(f"% {country.upper()} %")
    if report_id:
        where.append("report_id = ?")
        params.append(report_id)
    sql = ("SELECT id, report_id, start, \"end\", text, plover, mode, cameo, sources, targets, source_countries,"
           " target_countries, date, place, asserted_by, negated, modality, confidence, extractor FROM events"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY date, report_id, start LIMIT ? OFFSET ?")
    return store.rows(sql, (*params, limit, offset))


def quotes_query(store: Store, speaker: str | None = None, report_id: str | None = None, limit: int = 100,
                 offset: int = 0) -> list[dict[str, Any]]:
    where, params = [], []
    if speaker:
        where.append("speaker LIKE ? ESCAPE '\\'")
        params.append(_like(speaker))
    if report_id:
        where.append("report_id = ?")
        params.append(report_id)
    sql = ("SELECT id, report_id, start, \"end\", text, speaker, cue, direct, extractor FROM quotes"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY report_id, start LIMIT ? OFFSET ?")
    return store.rows(sql, (*params, limit, offset))


def claims_query(store: Store, asserted_by: str | None = None, report_id: str | None = None, limit: int = 100,
                 offset: int = 0) -> list[dict[str, Any]]:
    where, params = [], []
    if asserted_by:
        where.append("asserted_by LIKE ? ESCAPE '\\'")
        params.append(_like(asserted_by))
    if report_id:
        where.append("report_id = ?")
        params.append(report_id)
    sql = ("SELECT id, report_id, start, \"end\", text, kind, label, asserted_by, extractor, data FROM claims"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY report_id, start LIMIT ? OFFSET ?")
    return store.rows(sql, (*params, limit, offset))
