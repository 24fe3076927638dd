"""Reads: the one read model behind the CLI's list commands, the JSON API and the pages.

Lists fetch ``limit + 1`` rows to tell whether there is a next page instead of counting the whole
table (a count over 100k filtered rows costs more than the page itself). Tables written by later
stages (stories, story_reports, disputes, cases) may be absent: lists are then empty and
details are not found.

Every reader of facts sees facts as reviewed (see store/review.py): SQL readers add
``not_rejected`` to their WHERE and pass rows through ``with_reviews``. Filters match extracted
column values, except the event type, which also matches an amended type (see ``event_where``).

The SQL is SQLite's and runs unchanged on PostgreSQL (store/postgres.py translates placeholders,
``INDEXED BY`` and ``LIKE``, and defines ``instr``, ``json_extract`` and ``group_concat``); full-text
search reads the store's ``FTS_*`` fragments. Portable by choice: every derived table has an alias,
every selected column is grouped or aggregated, ``WHERE 1 = 1`` rather than ``WHERE 1``, and an order
over a column that may be NULL says where NULLs go (SQLite's default: first ascending, last descending;
PostgreSQL's is the opposite).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

MAX_LIMIT = 200
MAX_OFFSET = 10_000  # deeper pages: narrow the filter (since/until) instead
FACET_MATCHES = 500
REVIEW_TABLES = ("events", "quotes")


def not_rejected(table: str, alias: str = "") -> str:
    """SQL condition: the row of ``table`` (under ``alias``) has not been rejected (PK lookup per row)."""
    col = f"{alias}.id" if alias else f"{table}.id"
    return (f"NOT EXISTS (SELECT 1 FROM reviews rv WHERE rv.target_table = '{table}' AND rv.target_id = {col}"
            " AND rv.status = 'rejected')")


# Amendable event fields and the list columns they are stored in (see factfinder.store._extra_columns).
_EVENT_COLUMN_OF = {"plover": "plover", "mode": "mode", "negated": "negated", "modality": "modality",
                    "sources": "sources", "targets": "targets"}
_QUOTE_COLUMN_OF = {"speaker": "speaker", "cue": "cue", "direct": "direct"}


def _amend_row(table: str, row: dict[str, Any], value: dict[str, Any]) -> None:
    """Write an amendment's values over the listed columns of one fact row."""
    columns = _EVENT_COLUMN_OF if table == "events" else _QUOTE_COLUMN_OF
    for key, col in columns.items():
        if key in value and col in row:
            v = value[key]
            row[col] = "; ".join(v) if isinstance(v, list) else (int(v) if isinstance(v, bool) else v)
    if isinstance(row.get("data"), dict):
        row["data"] = {**row["data"], **value}


@dataclass
class Page:
    items: list[dict[str, Any]]
    limit: int
    offset: int
    has_more: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        nxt = self.offset + self.limit if self.has_more else None
        return {"ok": True, "items": self.items, "limit": self.limit, "offset": self.offset, "next_offset": nxt}


def _decode(rows: list[dict[str, Any]], key: str = "data") -> list[dict[str, Any]]:
    for row in rows:
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    return rows


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def fts_query(q: str) -> str:
    """Plain words as quoted FTS5 phrases, so user input is never FTS5 syntax."""
    q = q.replace("\x00", " ")  # FTS5 reads a NUL as the end of the query string
    return " ".join('"' + w.replace('"', '""') + '"' for w in q.split())


def _report_filters(outlet: str | None, since: str | None, until: str | None,
                    event_type: str | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append("r.outlet = ?")
        params.append(outlet)
    if since:
        where.append("r.published >= ?")
        params.append(since)
    if until:
        where.append("r.published <= ?")
        params.append(until)
    if event_type:
        where.append("EXISTS (SELECT 1 FROM events e WHERE e.report_id = r.id AND e.plover = ?"
                     f" AND {not_rejected('events', 'e')})")
        params.append(event_type)
    return where, params


# -- events ---------------------------------------------------------------------------------------
@dataclass
class EventFilter:
    type: str | None = None
    actor: str | None = None
    country: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    report: str | None = None
    # Leave out events whose actor and recipient are both unknown ("? -> ?"; an amended event stays).
    known_actors: bool = False


def member_of(columns: tuple[str, ...], sep: str, value: str) -> tuple[str, list[Any]]:
    """``rowid IN (...)``: events whose list column(s) hold ``value`` as a whole item.

    Lists are stored joined by ``sep``; a sole item is found by the plain index, items of longer
    lists by the partial ``*_multi`` indexes, so no query scans the whole table.
    """
    esc = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    parts: list[str] = []
    params: list[Any] = []
    for col in columns:
        parts.append(f"SELECT rowid FROM events WHERE {col} = ?")
        parts.append(f"SELECT rowid FROM events WHERE instr({col}, '{sep}') > 0"
                     f" AND '{sep}' || {col} || '{sep}' LIKE ? ESCAPE '\\'")
        params += [value, f"%{sep}{esc}{sep}%"]
    return "rowid IN (" + " UNION ALL ".join(parts) + ")", params


def country_codes(text: str) -> tuple[str, str]:
    """(alpha-3, alpha-2) for a code or a name (factfinder.review.resolve_country); unknown input is
    matched as given (callers that take user input validate it first)."""
    from ..review import resolve_country  # at call time: the store does not import use-case modules at load

    found = resolve_country(text, strict=False)
    return found if found else (text.upper(), text.upper())


EVENT_COLUMNS = ('id, report_id, start, "end", text, plover, mode, cameo, sources, targets, source_countries,'
                 " target_countries, date, place, asserted_by, negated, modality, confidence,"
                 # how pages name the report: its title, else its opening words (one primary-key lookup)
                 " (SELECT coalesce(nullif(trim(r.title), ''), substr(r.text, 1, 80)) FROM reports r"
                 " WHERE r.id = events.report_id) AS report_title")


# A wire-copy dateline opening the text ("VALDORA, Marenia — "): not the words that say what a report is about.
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,[^—–\n]{0,40})?\s+[—–-]+\s+")


def report_label(title: str | None, outlet: str | None, published: str | None, text: str | None,
                 words: int = 8) -> str:
    """How a report is named to a reader: its title; an untitled one by outlet, day and opening words."""
    if title and title.strip():
        return title.strip()
    opening = (text or "").strip()
    opening = _DATELINE.sub("", opening, count=1) or opening
    first = opening.split()
    lead = " ".join(first[:words]) + (" …" if len(first) > words else "")
    parts = [p for p in ((outlet or "").strip(), (published or "")[:10], lead) if p]
    return " · ".join(parts) or "untitled report"


_MEMO: dict[tuple[Any, ...], Any] = {}
_MEMO_LOCK = threading.Lock()


def _cut(row: dict[str, Any]) -> None:
    """Split the fact's sentence into the text before the fact, the fact, and the text after it."""
    sentence = json.loads(row.pop("sentence")) if isinstance(row.get("sentence"), str) else None
    row["before"], row["fact"], row["after"] = "", row.get("text") or "", ""
    if sentence and row.get("start") is not None and sentence.get("start") is not None:
        text, lo = sentence.get("text") or "", row["start"] - sentence["start"]
        hi = row["end"] - sentence["start"]
        if 0 <= lo <= hi <= len(text):
            row["before"], row["fact"], row["after"] = text[:lo], text[lo:hi], text[hi:]
            row["sentence"] = text


class Reads:
    """Read methods of ``factfinder.store.Store`` (a mixin: ``self.conn`` is the store's connection)."""

    conn: Any

    def event_where(self, f: EventFilter) -> tuple[str, list[Any]]:
        """SQL WHERE over ``events`` (as reviewed) for filter ``f``. Clauses that cannot matter (no
        rejections; no event amended to the wanted type) are left out, so the plain indexes serve."""
        clauses: list[str] = []
        params: list[Any] = []
        if self._any_review("status = 'rejected'"):
            clauses.append(not_rejected("events"))
        if f.type:
            # The stored type, unless amended to another; or a type amended to this one (few rows).
            amended = ("SELECT target_id FROM reviews WHERE target_table = 'events' AND status = 'amended'"
                       " AND json_extract(value, '$.plover') {} ?")
            want = f.type.upper()
            if not self._any_review("status = 'amended' AND json_extract(value, '$.plover') = ?", want):
                clauses.append(f"plover = ? AND id NOT IN ({amended.format('!=')})")
                params += [want, want]
            else:
                clauses.append(f"((plover = ? AND id NOT IN ({amended.format('!=')}))"
                               f" OR id IN ({amended.format('=')}))")
                params += [want] * 3
        if f.actor:
            sql, p = member_of(("sources", "targets"), "; ", f.actor.strip())
            clauses.append(sql)
            params += p
        if f.country:
            sql, p = member_of(("source_countries", "target_countries"), " ", country_codes(f.country)[0])
            clauses.append(sql)
            params += p
        if f.place:
            clauses.append("place = ?")
            params.append(f.place.strip())
        if f.known_actors:
            clauses.append("(sources != '' OR targets != '' OR id IN (SELECT target_id FROM reviews"
                           " WHERE target_table = 'events' AND status = 'amended'))")
        if f.since:
            clauses.append("date >= ?")
            params.append(f.since)
        if f.until:
            clauses.append("date <= ?")
            params.append(f.until + "\uffff")  # "2024-09" includes "2024-09-30"
        if f.report:
            clauses.append("report_id = ?")
            params.append(f.report)
        return (" WHERE " + " AND ".join(clauses) if clauses else " WHERE 1 = 1"), params

    # -- what the exports read besides the reviewed analyses ----------------------------------------
    def story_of_reports(self) -> dict[str, str]:
        """report id -> the story id fusion gave it."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT report_id, story_id FROM story_reports")}

    def outlets(self) -> dict[str, str | None]:
        """report id -> outlet, for every report."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT id, outlet FROM reports")}

    def story_data(self) -> Iterator[dict[str, Any]]:
        """The stored record (decoded ``data``) of every story, in storage order; none before fusion."""
        if not self.has_table("stories"):
            return
        for (data,) in self.conn.execute("SELECT data FROM stories ORDER BY rowid").fetchall():
            yield json.loads(data)

    def actor_identity_rows(self) -> list[dict[str, Any]]:
        """Every actor row with its identity (identity_id and name are None for actors not linked yet)."""
        return [dict(r) for r in self.conn.execute(
            "SELECT a.report_id, a.canonical, a.kind, a.country, i.identity_id, i.name FROM actors a"
            " LEFT JOIN actor_identities i ON i.actor_id = a.id")]

    def count_rows(self, tables: list[str]) -> dict[str, int]:
        """Rows per table; 0 for a table a later stage has not made yet."""
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) if self.has_table(t) else 0
                for t in tables}

    def has_table(self, name: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (name,)).fetchone()  # the PostgreSQL store reads its catalog instead
        return row is not None

    def _page(self, sql: str, params: list[Any], limit: int, offset: int) -> Page:
        limit = max(1, min(limit, MAX_LIMIT))
        offset = max(0, offset)
        rows = [dict(r) for r in self.conn.execute(f"{sql} LIMIT ? OFFSET ?", (*params, limit + 1, offset)).fetchall()]
        return Page(items=rows[:limit], limit=limit, offset=offset, has_more=len(rows) > limit)

    # -- reports -------------------------------------------------------------------------------------
    def report_labels(self, ids: set[str]) -> dict[str, str]:
        """report id -> how pages name it (``report_label``); ids not stored are left out."""
        found: dict[str, str] = {}
        wanted = sorted(ids)
        for chunk in range(0, len(wanted), 500):
            part = wanted[chunk:chunk + 500]
            marks = ",".join("?" for _ in part)
            for r in self.conn.execute(f"SELECT id, title, outlet, published, substr(text, 1, 300) AS opening"
                                       f" FROM reports WHERE id IN ({marks})", part):
                found[r["id"]] = report_label(r["title"], r["outlet"], r["published"], r["opening"])
        return found

    def list_reports(self, q: str | None = None, outlet: str | None = None,
                     since: str | None = None, until: str | None = None, event_type: str | None = None,
                     limit: int = 50, offset: int = 0) -> Page:
        where, params = _report_filters(outlet, since, until, event_type)
        if q and fts_query(q):
            sql = (f"SELECT r.id, r.outlet, r.published, r.title, r.url, {self.FTS_SNIPPET} AS snippet"
                   f" FROM {self.FTS_FROM} WHERE {self.FTS_MATCH}" + "".join(f" AND {w}" for w in where)
                   + f" ORDER BY {self.FTS_RANK}")
            return self._page(sql, [fts_query(q), *params], limit, offset)
        sql = ("SELECT r.id, r.outlet, r.published, r.title, r.url, substr(r.text, 1, 200) AS snippet FROM reports r"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY r.published DESC NULLS LAST, r.rowid DESC")
        return self._page(sql, params, limit, offset)

    def report_facets(self, q: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """Counts by outlet and by event type, over the reports matching ``q`` (all reports without one)."""
        return self.memo("facets", (q,), lambda: self._report_facets(q))

    def _report_facets(self, q: str | None) -> dict[str, list[dict[str, Any]]]:
        if q and fts_query(q):
            # Counted over the best FACET_MATCHES matches, so a query matching most of the store stays fast.
            ids = (f"SELECT r.id FROM {self.FTS_FROM} WHERE {self.FTS_MATCH}"
                   f" ORDER BY {self.FTS_RANK} LIMIT {FACET_MATCHES}")
            params: tuple[Any, ...] = (fts_query(q),)
            outlets = self.conn.execute(
                f"SELECT outlet AS value, count(*) AS n FROM reports WHERE id IN ({ids})"
                " GROUP BY outlet ORDER BY n DESC LIMIT 30",
                params).fetchall()
            types = self.conn.execute(
                f"SELECT plover AS value, count(DISTINCT report_id) AS n FROM events WHERE report_id IN ({ids})"
                f" AND {not_rejected('events')} GROUP BY plover ORDER BY n DESC LIMIT 30", params).fetchall()
        else:
            outlets = self.conn.execute(
                "SELECT outlet AS value, count(*) AS n FROM reports GROUP BY outlet ORDER BY n DESC LIMIT 30"
            ).fetchall()
            types = self.conn.execute(
                f"SELECT plover AS value, count(*) AS n FROM events WHERE {not_rejected('events')}"
                " GROUP BY plover ORDER BY n DESC LIMIT 30").fetchall()
        return {"outlet": [dict(r) for r in outlets if r["value"]], "event_type": [dict(r) for r in types]}

    def report_detail(self, report_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT id, url, outlet, published, dateline, title, text, raw_sha256, captured_at, language, source,"
            " story_label, ingested_at FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        for table in ("mentions", "dates", "places", "magnitudes", "quotes", "claims", "events"):
            keep = f" AND {not_rejected(table)}" if table in REVIEW_TABLES else ""
            out[table] = self.with_reviews(table, _decode([dict(r) for r in self.conn.execute(
                f'SELECT id, start, "end", text, data FROM {table} WHERE report_id = ?{keep} ORDER BY rowid',
                (report_id,))]))
        out["actors"] = _decode([dict(r) for r in self.conn.execute(
            "SELECT id, canonical, kind, country, data FROM actors WHERE report_id = ? ORDER BY rowid", (report_id,))])
        out["stories"] = [r[0] for r in self.conn.execute(
            "SELECT story_id FROM story_reports WHERE report_id = ?", (report_id,)
        )] if self.has_table("story_reports") else []
        return out

    def with_reviews(self, table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Attach the current review (status, amended value) to each fact row."""
        if table not in REVIEW_TABLES or not rows:
            return rows
        ids = [r["id"] for r in rows]
        found: dict[str, dict[str, Any]] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            marks = ",".join("?" for _ in part)
            for r in self.conn.execute(f"SELECT target_id, status, value, audit_id FROM reviews WHERE target_table = ?"
                                  f" AND target_id IN ({marks})", (table, *part)):
                found[r["target_id"]] = {"status": r["status"], "audit_id": r["audit_id"],
                                         "value": json.loads(r["value"]) if r["value"] else None}
        for row in rows:
            state = found.get(row["id"])
            row["review"] = state
            row["review_status"] = state["status"] if state else "unreviewed"
            if state and state["status"] == "amended" and state["value"]:
                _amend_row(table, row, state["value"])
        return rows

    def _any_review(self, condition: str, *params: Any) -> bool:
        """Whether some event review matches ``condition`` (reviews are few next to events)."""
        return self.conn.execute(f"SELECT 1 FROM reviews WHERE target_table = 'events' AND {condition} LIMIT 1",
                            params).fetchone() is not None

    def _many_members(self, f: EventFilter, threshold: int = 3000) -> bool:
        """Whether the actor/country filter of ``f`` matches more than ``threshold`` events.

        A common value is best served by walking the date index and testing membership (stops after
        one page); a rare one by fetching its few rows and sorting them. SQLite cannot tell which.
        """
        checks = []
        if f.actor:
            checks.append(member_of(("sources", "targets"), "; ", f.actor.strip()))
        if f.country:
            checks.append(member_of(("source_countries", "target_countries"), " ", country_codes(f.country)[0]))
        for sql, params in checks:
            union = sql[len("rowid IN ("):-1]
            n = self.conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM ({union}) AS u LIMIT ?) AS m",
                             (*params, threshold + 1)).fetchone()[0]
            if n <= threshold:
                return False
        return bool(checks)

    def list_events(self, f: EventFilter, limit: int = 50, offset: int = 0,
                    order: str = "date") -> Page:
        where, params = self.event_where(f)
        # Newest first; undated events sort last (NULL is smallest). Walks the date index backwards.
        order_by = "date DESC NULLS LAST, rowid DESC" if order == "date" else "rowid"
        hint = " INDEXED BY events_date" if order == "date" and self._many_members(f) else ""
        page = self._page(f"SELECT {EVENT_COLUMNS} FROM events{hint}{where} ORDER BY {order_by}", params, limit, offset)
        self.with_reviews("events", page.items)
        return page

    def event_detail(self, event_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(f"SELECT {EVENT_COLUMNS}, data FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        out = _decode([dict(row)])[0]
        self.with_reviews("events", [out])
        out["audit"] = self.audit_for("events", event_id)
        return out

    def event_types(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT plover FROM events ORDER BY plover")]

    def event_histogram(self, f: EventFilter) -> list[dict[str, Any]]:
        """Events per month (dated events only), for the timeline strip (memoised)."""
        return self.memo("histogram", dataclasses.astuple(f), lambda: self._event_histogram(f))

    def _event_histogram(self, f: EventFilter) -> list[dict[str, Any]]:
        where, params = self.event_where(f)
        where = (where + " AND " if where else " WHERE ") + "date IS NOT NULL AND length(date) >= 7"
        return [dict(r) for r in self.conn.execute(
            f"SELECT substr(date, 1, 7) AS month, count(*) AS n FROM events{where} GROUP BY month ORDER BY month"
            " LIMIT 600", params)]

    def event_points(self, f: EventFilter, limit: int = 2000) -> list[dict[str, Any]]:
        """Events with coordinates (from the event's place), grouped by place for the map (memoised)."""
        return self.memo("points", (dataclasses.astuple(f), limit), lambda: self._event_points(f, limit))

    def _event_points(self, f: EventFilter, limit: int) -> list[dict[str, Any]]:
        where, params = self.event_where(f)
        where = (where + " AND " if where else " WHERE ") + "json_extract(data, '$.place.lat') IS NOT NULL"
        sql = (f"SELECT min(json_extract(data, '$.place.name')) AS name,"
               f" min(json_extract(data, '$.place.country')) AS country,"
               f" json_extract(data, '$.place.lat') AS lat, json_extract(data, '$.place.lon') AS lon,"
               f" count(*) AS n, group_concat(DISTINCT plover) AS types, min(id) AS example"
               f" FROM (SELECT * FROM events{where} LIMIT ?) AS e GROUP BY lat, lon ORDER BY n DESC")
        rows = [dict(r) for r in self.conn.execute(sql, (*params, limit))]
        for r in rows:  # numbers (PostgreSQL's json_extract gives text)
            r["lat"], r["lon"] = float(r["lat"]), float(r["lon"]) if r["lon"] is not None else None
        return rows

    # -- actors ---------------------------------------------------------------------------------------
    def list_actors(self, name: str | None = None, limit: int = 50, offset: int = 0) -> Page:
        """Canonical names across reports (memoised: it groups every actor row)."""
        return self.memo("actors", (name, limit, offset), lambda: self._list_actors(name, limit, offset))

    def _list_actors(self, name: str | None, limit: int, offset: int) -> Page:
        """One row per actor identity across reports (spelling variants folded, see factfinder.identities)."""
        where, params = ("", [])
        if name:
            where, params = " WHERE a.canonical LIKE ? ESCAPE '\\' OR i.name LIKE ? ESCAPE '\\'", [_like(name)] * 2
        sql = ("SELECT min(coalesce(i.name, a.canonical)) AS name, group_concat(DISTINCT a.canonical) AS variants,"
               " group_concat(DISTINCT a.kind) AS kinds, group_concat(DISTINCT a.country) AS countries,"
               " count(DISTINCT a.report_id) AS reports"
               f" FROM actors a LEFT JOIN actor_identities i ON i.actor_id = a.id{where}"
               " GROUP BY coalesce(i.identity_id, 'a:' || a.canonical) ORDER BY reports DESC, name")
        return self._page(sql, params, limit, offset)

    def actor_variants(self, name: str) -> list[str]:
        """Every canonical name of the identity ``name`` belongs to (``name`` first); [name] if none."""
        # Two indexed lookups (by spelling, by identity name); an OR across the join would scan every actor.
        rows = self.conn.execute(
            "SELECT DISTINCT a2.canonical FROM actor_identities i2 JOIN actors a2 ON a2.id = i2.actor_id"
            " WHERE i2.identity_id IN (SELECT i.identity_id FROM actors a JOIN actor_identities i ON i.actor_id = a.id"
            " WHERE a.canonical = ? UNION SELECT identity_id FROM actor_identities WHERE name = ?)",
            (name, name)).fetchall()
        return [name] + sorted({r[0] for r in rows} - {name})

    def actor_detail(self, name: str, limit: int = 50) -> dict[str, Any] | None:
        """An actor identity: every spelling's rows, events and quotes together."""
        variants = self.actor_variants(name)
        marks = ", ".join("?" for _ in variants)
        rows = [dict(r) for r in self.conn.execute(
            f"SELECT id, report_id, kind, country, sector, data FROM actors WHERE canonical IN ({marks}) LIMIT 500",
            variants)]
        sources = self._events_for("sources", variants, limit)
        targets = self._events_for("targets", variants, limit)
        quotes = _decode([dict(r) for r in self.conn.execute(
            f"SELECT id, report_id, text, cue, direct, data FROM quotes WHERE speaker IN ({marks})"
            f" AND {not_rejected('quotes')} ORDER BY rowid LIMIT ?", (*variants, limit))])
        self.with_reviews("quotes", quotes)
        if not rows and not sources and not targets and not quotes:
            return None
        roles: list[str] = []
        aliases: list[str] = []
        for r in _decode(rows):
            for role in r["data"].get("roles") or []:
                if role not in roles:
                    roles.append(role)
            for alias in r["data"].get("aliases") or []:
                if alias not in aliases and alias != name:
                    aliases.append(alias)
        return {
            "name": name,
            "kinds": sorted({r["kind"] for r in rows if r["kind"]}),
            "countries": sorted({r["country"] for r in rows if r["country"]}),
            "sectors": sorted({r["sector"] for r in rows if r["sector"]}),
            "roles": roles,
            "aliases": aliases,
            "variants": variants[1:],
            "reports": sorted({r["report_id"] for r in rows}),
            "events_as_source": sources,
            "events_as_target": targets,
            "quotes": quotes,
            "neighbours": self.neighbours(name),
        }

    def _events_for(self, column: str, names: list[str], limit: int) -> list[dict[str, Any]]:
        """Events naming any of ``names`` in ``column``, newest first, without repeats."""
        seen: dict[str, dict[str, Any]] = {}
        for n in names:
            for row in self._events_by_role(column, n, limit):
                seen.setdefault(row["id"], row)
        rows = sorted(seen.values(), key=lambda r: (r["date"] or "", r["id"]), reverse=True)
        return rows[:limit]

    def _events_by_role(self, column: str, name: str, limit: int) -> list[dict[str, Any]]:
        member, params = member_of((column,), "; ", name)
        rows = [dict(r) for r in self.conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE {member} AND {not_rejected('events')}"
            " ORDER BY date DESC NULLS LAST, rowid DESC LIMIT ?", (*params, limit))]
        return self.with_reviews("events", rows)

    def neighbours(self, name: str, limit: int = 30) -> list[dict[str, Any]]:
        """Actors this one acts on or is acted on by, with the number of events."""
        edges = self.network(EventFilter(actor=name), limit=500)["edges"]
        weight: dict[str, int] = {}
        for e in edges:
            if e["source"] == name and e["target"] != name:
                weight[e["target"]] = weight.get(e["target"], 0) + e["weight"]
            elif e["target"] == name and e["source"] != name:
                weight[e["source"]] = weight.get(e["source"], 0) + e["weight"]
        ranked = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [{"name": k, "weight": v} for k, v in ranked]

    def memo(self, name: str, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """Memoise an aggregate that reads many rows (network, facets, histogram).

        Keyed by the database file and the state of reports, events, reviews and identities (counts and
        highest rowids change whenever reports are ingested or removed or actors linked, the last audit id
        with every review decision), so a stale answer is never served.
        """
        state = tuple(self.conn.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT max(rowid) FROM events),"
            " (SELECT count(*) FROM reports), (SELECT max(rowid) FROM reports), (SELECT max(id) FROM audit),"
            " (SELECT count(*) FROM actor_identities), (SELECT max(rowid) FROM actor_identities)").fetchone())
        full = (name, self.location, state, key)  # type: ignore[attr-defined]
        with _MEMO_LOCK:
            if full in _MEMO:
                return copy.deepcopy(_MEMO[full])
        value = compute()
        with _MEMO_LOCK:
            if len(_MEMO) > 512:
                _MEMO.clear()
            _MEMO[full] = copy.deepcopy(value)
        return value

    def network(self, f: EventFilter, limit: int = 150) -> dict[str, Any]:
        """Who acts on whom: weighted directed edges (event counts) and their nodes (memoised)."""
        return self.memo("network", (dataclasses.astuple(f), limit), lambda: self._network(f, limit))

    def _network(self, f: EventFilter, limit: int) -> dict[str, Any]:
        where, params = self.event_where(f)
        amended = "SELECT target_id FROM reviews WHERE target_table = 'events' AND status = 'amended'"
        rows = [dict(r) for r in self.conn.execute(
            f"SELECT sources, targets, count(*) AS n, group_concat(DISTINCT plover) AS types FROM events{where}"
            f" AND sources != '' AND targets != '' AND id NOT IN ({amended})"
            " GROUP BY sources, targets ORDER BY n DESC LIMIT ?", (*params, limit * 4))]
        # Amended events (few) count with their amended actors and type.
        changed = self.with_reviews("events", [dict(r) for r in self.conn.execute(
            f"SELECT id, sources, targets, plover FROM events{where} AND id IN ({amended})", params)])
        rows += [{"sources": r["sources"], "targets": r["targets"], "n": 1, "types": r["plover"]}
                 for r in changed if r["sources"] and r["targets"]]
        names = self.identity_names({n for r in rows for col in ("sources", "targets") for n in r[col].split("; ")})
        edges: dict[tuple[str, str], dict[str, Any]] = {}
        for r in rows:
            for s in {names.get(x, x) for x in r["sources"].split("; ")}:
                for t in {names.get(x, x) for x in r["targets"].split("; ")}:
                    if s == t:  # two spellings of one identity acting on itself: not an edge
                        continue
                    e = edges.setdefault((s, t), {"source": s, "target": t, "weight": 0, "types": set()})
                    e["weight"] += r["n"]
                    e["types"].update((r["types"] or "").split(","))
        top = sorted(edges.values(), key=lambda e: -e["weight"])[:limit]
        nodes: dict[str, int] = {}
        for e in top:
            e["types"] = sorted(t for t in e["types"] if t)
            nodes[e["source"]] = nodes.get(e["source"], 0) + e["weight"]
            nodes[e["target"]] = nodes.get(e["target"], 0) + e["weight"]
        return {"nodes": [{"id": n, "weight": w} for n, w in sorted(nodes.items())], "edges": top}

    def identity_names(self, canonicals: set[str]) -> dict[str, str]:
        """canonical actor name -> the display name of the identity it belongs to (factfinder.identities;
        the most common one when a spelling is linked to several), so views fold spelling variants."""
        found: dict[str, tuple[int, str]] = {}
        names = sorted(canonicals)
        for chunk in range(0, len(names), 500):
            part = names[chunk:chunk + 500]
            marks = ",".join("?" for _ in part)
            for canonical, name, n in self.conn.execute(
                    "SELECT a.canonical, i.name, count(*) FROM actors a JOIN actor_identities i ON i.actor_id = a.id"
                    f" WHERE a.canonical IN ({marks}) GROUP BY a.canonical, i.name", part):
                if canonical not in found or n > found[canonical][0]:
                    found[canonical] = (n, name)
        return {c: name for c, (_n, name) in found.items()}

    def with_identities(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Give each event row ``source_names``/``target_names``: its actors as identities (one display
        name per person whatever the report's spelling, see ``identity_names``), in order, no repeats."""
        split = {id(r): {col: [n for n in (r.get(col) or "").split("; ") if n] for col in ("sources", "targets")}
                 for r in rows}
        names = self.identity_names({n for parts in split.values() for col in parts.values() for n in col})
        for r in rows:
            for col, key in (("sources", "source_names"), ("targets", "target_names")):
                r[key] = list(dict.fromkeys(names.get(n, n) for n in split[id(r)][col]))
        return rows

    # -- quotes and claims ----------------------------------------------------------------------------
    def list_quotes(self, speaker: str | None = None, report: str | None = None,
                    limit: int = 50, offset: int = 0) -> Page:
        clauses, params = [not_rejected("quotes")], []
        if speaker:
            clauses.append("speaker LIKE ? ESCAPE '\\'")
            params.append(_like(speaker))
        if report:
            clauses.append("report_id = ?")
            params.append(report)
        where = " WHERE " + " AND ".join(clauses)
        page = self._page(f'SELECT id, report_id, start, "end", text, speaker, cue, direct FROM quotes{where}'
                     " ORDER BY rowid", params, limit, offset)
        self.with_reviews("quotes", page.items)
        return page

    def quote_detail(self, quote_id: str) -> dict[str, Any] | None:
        row = self.conn.execute('SELECT id, report_id, start, "end", text, speaker, cue, direct, data FROM quotes'
                                " WHERE id = ?",
                           (quote_id,)).fetchone()
        if row is None:
            return None
        out = _decode([dict(row)])[0]
        self.with_reviews("quotes", [out])
        out["audit"] = self.audit_for("quotes", quote_id)
        return out

    def list_claims(self, asserted_by: str | None = None, limit: int = 50, offset: int = 0) -> Page:
        where, params = ("", [])
        if asserted_by:
            where, params = " WHERE asserted_by LIKE ? ESCAPE '\\'", [_like(asserted_by)]
        return self._page(f'SELECT id, report_id, start, "end", text, kind, label, asserted_by FROM claims{where}'
                     " ORDER BY rowid", params, limit, offset)

    def claim_detail(self, claim_id: str) -> dict[str, Any] | None:
        row = self.conn.execute('SELECT id, report_id, start, "end", text, kind, label, asserted_by, data FROM claims'
                           " WHERE id = ?", (claim_id,)).fetchone()
        return _decode([dict(row)])[0] if row else None

    # -- stories, cases (written by later stages; may be absent) -------------------------
    def list_stories(self, limit: int = 50, offset: int = 0) -> Page:
        if not self.has_table("stories"):
            return Page([], max(1, min(limit, MAX_LIMIT)), max(0, offset))
        from .fusion import open_dispute_counts

        page = self._page("SELECT s.id, s.title, s.first_report, s.independent_outlets, s.reports,"
                          " r.published AS first_published, r.outlet AS first_outlet,"
                          " coalesce(nullif(trim(r.title), ''), substr(r.text, 1, 80)) AS first_title"
                          " FROM stories s LEFT JOIN reports r ON r.id = s.first_report"
                          " ORDER BY s.reports DESC, s.rowid", [], limit, offset)
        counts = open_dispute_counts(self, [r["id"] for r in page.items])
        for r in page.items:
            r["disputes"] = counts.get(r["id"], 0)  # dismissed ones are not counted
        return page

    def story_detail(self, story_id: str) -> dict[str, Any] | None:
        if not self.has_table("stories"):
            return None
        row = self.conn.execute("SELECT id, title, first_report, independent_outlets, data FROM stories WHERE id = ?",
                           (story_id,)).fetchone()
        if row is None:
            return None
        out = _decode([dict(row)])[0]
        out["reports"] = [dict(r) for r in self.conn.execute(
            "SELECT r.id, r.outlet, r.published, r.title, r.url, s.copy_of FROM story_reports s"
            " JOIN reports r ON r.id = s.report_id"
            " WHERE s.story_id = ? ORDER BY r.published NULLS FIRST, r.rowid", (story_id,)
        )] if self.has_table("story_reports") else []
        from .fusion import list_disputes

        # where the story's reports disagree: its dispute cards, best ranked first, dismissed ones hidden
        out["disputes"] = list_disputes(self, story_id, limit=MAX_LIMIT)["items"]
        return out

    def list_cases(self, limit: int = 50, offset: int = 0) -> Page:
        if not self.has_table("cases"):
            return Page([], max(1, min(limit, MAX_LIMIT)), max(0, offset))
        return self._page("SELECT id, name FROM cases ORDER BY rowid", [], limit, offset)

    def case_detail(self, case_id: str) -> dict[str, Any] | None:
        if not self.has_table("cases"):
            return None
        row = self.conn.execute("SELECT id, name, data FROM cases WHERE CAST(id AS TEXT) = ?", (case_id,)).fetchone()
        return _decode([dict(row)])[0] if row else None

    def audit_row(self, audit_id: int) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM audit WHERE id = ?", (audit_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        for k in ("before", "after"):
            out[k] = json.loads(out[k]) if out[k] else None
        return out

    def audit_for(self, table: str, target_id: str) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT id, at, who, action, why FROM audit WHERE target_table = ? AND target_id = ? ORDER BY id",
            (table, target_id))]

    def list_audit(self, who: str | None = None, limit: int = 50, offset: int = 0) -> Page:
        where, params = ("", [])
        if who:
            where, params = " WHERE who = ?", [who]
        return self._page(f"SELECT id, at, who, action, target_table, target_id, before, after, why FROM audit{where}"
                     " ORDER BY id DESC", params, limit, offset)

    def review_queue(self, table: str, limit: int = 50, offset: int = 0,
                     report: str | None = None, event_type: str | None = None) -> Page:
        """Facts of ``table`` not yet reviewed, lowest confidence first for events; each with the sentence
        it comes from, cut around the fact (``before``, ``fact``, ``after``) so a reviewer can judge it.
        Filters: ``report`` (id) and, for events, ``event_type``."""
        order = "f.confidence, f.rowid" if table == "events" else "f.rowid"
        cols = ("f.id, f.report_id, f.start, f.\"end\", f.text, f.plover, f.mode, f.sources, f.targets, f.date,"
                " f.place, f.asserted_by, f.confidence, json_extract(f.data, '$.sentence') AS sentence,"
                " (SELECT coalesce(nullif(trim(r.title), ''), substr(r.text, 1, 80)) FROM reports r"
                " WHERE r.id = f.report_id) AS report_title"
                if table == "events" else
                "f.id, f.report_id, f.start, f.\"end\", f.text, f.speaker, f.cue, f.direct, NULL AS sentence")
        where, params = ["v.status IS NULL"], [table]
        if report:
            where.append("f.report_id = ?")
            params.append(report)
        if event_type and table == "events":
            where.append("f.plover = ?")
            params.append(event_type.upper())
        page = self._page(f"SELECT {cols} FROM {table} f LEFT JOIN reviews v ON v.target_table = ?"
                     f" AND v.target_id = f.id WHERE {' AND '.join(where)} ORDER BY {order}", params, limit, offset)
        for row in page.items:
            _cut(row)
        return page
