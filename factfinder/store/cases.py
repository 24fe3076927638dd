"""Case rows and the per-report legal cache (migration 11): the SQL behind ``factfinder.cases``.

The cache holds, per report, the suggested legal mappings of its reviewed analysis and the keys case
selection matches (actor names and aliases, country codes), so assembling a case reads the case's
reports, not the whole store. Which rows are stale is decided here from two facts the store knows:
the rules version a row was computed under and the highest audit id among the review decisions on
the report's events and quotes (decisions are append-only, so any new one raises it).

SQLite's ``INSERT OR IGNORE``, ``AUTOINCREMENT`` and ``rowid`` order run on PostgreSQL too
(store/postgres.py: ``ON CONFLICT DO NOTHING``, identity columns, a ``rowid`` column).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

CHUNK = 500  # ids per IN (...) list, below SQLite's parameter limit


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def report_of(fact_id: str) -> str:
    """The report id of a fact id ``<report>:<kind>:<n>`` (report ids may hold ':')."""
    return fact_id.rsplit(":", 2)[0]


class CaseStore:
    """Case methods of ``factfinder.store.Store`` (a mixin: ``self.conn`` is the store's connection)."""

    conn: Any

    # -- cases -------------------------------------------------------------------------------------
    def insert_case(self, case_id: str, name: str, created_at: str, created_by: str | None,
                    data: dict[str, Any]) -> None:
        with self.write():  # type: ignore[attr-defined]
            self.conn.execute("INSERT INTO cases (id, name, created_at, created_by, data) VALUES (?, ?, ?, ?, ?)",
                              (case_id, name, created_at, created_by, json.dumps(data)))

    def case_row(self, case_id: str) -> dict[str, Any] | None:
        """id, name and data (decoded) of the case ``case_id`` or of one whose id starts with it."""
        row = self.conn.execute("SELECT id, name, data FROM cases WHERE id = ? OR id LIKE ?",
                                (case_id, case_id + "%")).fetchone()
        return None if row is None else {"id": row["id"], "name": row["name"], "data": json.loads(row["data"])}

    def case_rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT id, name, created_at, created_by, data FROM cases ORDER BY created_at")]

    # -- what case assembly reads --------------------------------------------------------------------
    def copies_of(self, report_ids: Iterable[str]) -> dict[str, str]:
        """report id -> the report it copies (fusion's ``copy_of``), for ``report_ids`` and, following
        the chain, the reports they copy."""
        if not self.has_table("story_reports"):  # type: ignore[attr-defined]
            return {}
        out: dict[str, str] = {}
        todo = sorted(set(report_ids))
        while todo:
            found: dict[str, str] = {}
            for part in _chunks(todo):
                marks = ",".join("?" for _ in part)
                found.update((r[0], r[1]) for r in self.conn.execute(
                    "SELECT report_id, copy_of FROM story_reports WHERE copy_of IS NOT NULL"
                    f" AND report_id IN ({marks})",
                    part))
            out.update(found)
            todo = sorted({c for c in found.values() if c not in out})
        return out

    def report_outlets(self, report_ids: Iterable[str]) -> dict[str, str | None]:
        """report id -> outlet, for the given reports."""
        out: dict[str, str | None] = {}
        for part in _chunks(sorted(set(report_ids))):
            marks = ",".join("?" for _ in part)
            out.update((r[0], r[1]) for r in self.conn.execute(
                f"SELECT id, outlet FROM reports WHERE id IN ({marks})", part))
        return out

    def reports_in_period(self, report_ids: Iterable[str] | None, since: str | None,
                          until: str | None) -> list[str]:
        """Ids of reports (of ``report_ids``; all when None) in the period, in storage order. A report
        without a publication date is in every period."""
        where, params = [], []
        if since:
            where.append("(published IS NULL OR published = '' OR published >= ?)")
            params.append(since)
        if until:
            where.append("(published IS NULL OR published = '' OR published <= ?)")
            params.append(until)
        cond = " AND ".join(where) or "1 = 1"
        if report_ids is None:
            return [r[0] for r in self.conn.execute(f"SELECT id FROM reports WHERE {cond} ORDER BY rowid", params)]
        found: list[tuple[int, str]] = []
        for part in _chunks(sorted(set(report_ids))):
            marks = ",".join("?" for _ in part)
            found += [(r[0], r[1]) for r in self.conn.execute(
                f"SELECT rowid, id FROM reports WHERE id IN ({marks}) AND {cond}", (*part, *params))]
        return [rid for _, rid in sorted(found)]

    def reports_of_actors(self, actor_ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for part in _chunks(sorted(set(actor_ids))):
            marks = ",".join("?" for _ in part)
            out.update(r[0] for r in self.conn.execute(
                f"SELECT DISTINCT report_id FROM actors WHERE id IN ({marks})", part))
        return out

    # -- the legal cache -----------------------------------------------------------------------------
    def review_marks(self) -> dict[str, str]:
        """report id -> the highest audit id among decisions on its events and quotes (reviews are few
        next to facts; this is what makes a cached row stale)."""
        out: dict[str, int] = {}
        for target_id, audit_id in self.conn.execute(
                "SELECT target_id, audit_id FROM reviews WHERE target_table IN ('events', 'quotes')"):
            rid = report_of(target_id)
            out[rid] = max(out.get(rid, 0), int(audit_id or 0))
        return {rid: str(n) for rid, n in out.items()}

    def stale_legal_reports(self, version: str, marks: dict[str, str]) -> list[str]:
        """Reports whose cached row is missing, of another rules version, or computed under other
        review decisions than ``marks`` (from ``review_marks``), in storage order."""
        missing = [r[0] for r in self.conn.execute(
            "SELECT r.id FROM reports r LEFT JOIN legal_cache c ON c.report_id = r.id"
            " WHERE c.report_id IS NULL OR c.version != ? ORDER BY r.rowid", (version,))]
        reviewed = {r[0]: r[1] for r in self.conn.execute(
            "SELECT report_id, reviews FROM legal_cache WHERE reviews != ''")}
        changed = {rid for rid, m in marks.items() if reviewed.get(rid, "") != m}
        changed |= {rid for rid in reviewed if rid not in marks}
        seen = set(missing)
        has_report = self.has_report  # type: ignore[attr-defined]
        return missing + sorted(rid for rid in changed if rid not in seen and has_report(rid))

    def put_legal_cache(self, rows: list[tuple[str, str, str, list[dict[str, Any]], set[tuple[str, str]]]]) -> None:
        """(report id, version, reviews mark, mappings as dicts, {(kind, key)}) rows, in one transaction."""
        if not rows:
            return
        with self.write():  # type: ignore[attr-defined]
            for rid, version, reviews, mappings, keys in rows:
                self.conn.execute("DELETE FROM legal_keys WHERE report_id = ?", (rid,))
                self.conn.execute("DELETE FROM legal_cache WHERE report_id = ?", (rid,))
                self.conn.execute(
                    "INSERT INTO legal_cache (report_id, version, reviews, mappings) VALUES (?, ?, ?, ?)",
                    (rid, version, reviews, json.dumps(mappings, ensure_ascii=False)))
                self.conn.executemany("INSERT OR IGNORE INTO legal_keys (report_id, kind, key) VALUES (?, ?, ?)",
                                      [(rid, kind, key) for kind, key in sorted(keys)])

    def legal_mappings_of(self, report_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """report id -> its cached mappings (as dicts), for the given reports."""
        out: dict[str, list[dict[str, Any]]] = {}
        for part in _chunks(sorted(set(report_ids))):
            marks = ",".join("?" for _ in part)
            out.update((r[0], json.loads(r[1])) for r in self.conn.execute(
                f"SELECT report_id, mappings FROM legal_cache WHERE report_id IN ({marks})", part))
        return out

    def legal_names_since(self, after_id: int) -> tuple[int, set[str]]:
        """(highest key row id, the names (kind 'name') in key rows after ``after_id``): what a case's
        name matching has not looked at yet."""
        top = self.conn.execute("SELECT max(id) FROM legal_keys").fetchone()[0] or 0
        names = {r[0] for r in self.conn.execute(
            "SELECT DISTINCT key FROM legal_keys WHERE kind = 'name' AND id > ? AND id <= ?", (after_id, top))}
        return int(top), names

    def reports_with_keys(self, kind: str, keys: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for part in _chunks(sorted(set(keys))):
            marks = ",".join("?" for _ in part)
            out.update(r[0] for r in self.conn.execute(
                f"SELECT DISTINCT report_id FROM legal_keys WHERE kind = ? AND key IN ({marks})", (kind, *part)))
        return out
