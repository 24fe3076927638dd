"""Fusion's tables: the persisted fusion state (profiles, vocabulary, copy bands, blocking postings,
story centroids, merges) read as plain data, and one writer for a batch's changes and the derived
story tables of the stories it touched. SQL only; the fusion itself is ``derive/stories.py``, and
``ingest.py`` wires the two. Crash-safe: the work left is always "reports without a profile", and a
batch's state and derived rows change in one transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..errors import FactfinderError
from ..records import to_dict
from . import Store

_CHUNK = 500  # ids per IN (...) query (SQLite's parameter limit is 32766; smaller keeps plans simple)


def _chunks(items: Sequence[Any]) -> list[Sequence[Any]]:
    return [items[i:i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def _hv(values: Sequence[int]) -> bytes:
    """MinHash values as little-endian uint64 bytes (what ``band_hits`` returns)."""
    return b"".join(int(v).to_bytes(8, "little") for v in values)


def _marks(n: int) -> str:
    return ",".join("?" * n)


class FusionTables:
    """Reads and writes of fusion state for one store (implements ``derive.stories.StoryTables``)."""

    def __init__(self, store: Store, sampled: int = 3) -> None:
        self.store = store
        self.conn = store.conn
        self.sampled = sampled  # members scoring reads per story: the first and the latest

    # -- what is left to fuse
    def built(self) -> bool:
        """True when the persisted index matches the profiles (stores fused before migration 12 lack it)."""
        row = self.conn.execute("SELECT value FROM fusion_meta WHERE key = 'size'").fetchone()
        if row is not None:
            return True
        return self.conn.execute("SELECT 1 FROM fusion_profiles LIMIT 1").fetchone() is None

    def all_profiles(self) -> list[dict[str, Any]]:
        """Every stored profile in fusion order (only to build the index of an older store, once)."""
        return [json.loads(r[0]) for r in self.conn.execute("SELECT data FROM fusion_profiles ORDER BY seen")]

    def unfused(self) -> list[str]:
        """Reports stored but not fused yet, in store order (reads only reports past the last batch)."""
        mark = self._meta("reports_rowid")
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM reports r WHERE rowid > ? AND NOT EXISTS"
            " (SELECT 1 FROM fusion_profiles p WHERE p.report_id = r.id) ORDER BY rowid", (mark,))]

    def last_report_rowid(self) -> int:
        row = self.conn.execute("SELECT max(rowid) FROM reports").fetchone()
        return int(row[0] or 0)

    def _meta(self, key: str, default: int = 0) -> int:
        row = self.conn.execute("SELECT value FROM fusion_meta WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else default

    # -- StoryTables
    def size(self) -> int:
        return self._meta("size")

    def next_ids(self) -> dict[str, int]:
        return {k[5:]: int(v) for k, v in self.conn.execute(
            "SELECT key, value FROM fusion_meta WHERE key LIKE 'next:%'")}

    def terms(self, space: str, terms: Sequence[str]) -> dict[str, tuple[int, int]]:
        out: dict[str, tuple[int, int]] = {}
        for part in _chunks(list(terms)):
            out.update((t, (int(i), int(df))) for t, i, df in self.conn.execute(
                f"SELECT term, id, df FROM fusion_terms WHERE space = ? AND term IN ({_marks(len(part))})",
                (space, *part)))
        return out

    def profiles(self, report_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for part in _chunks(list(report_ids)):
            out.update((r, json.loads(d)) for r, d in self.conn.execute(
                f"SELECT report_id, data FROM fusion_profiles WHERE report_id IN ({_marks(len(part))})", tuple(part)))
        return out

    def band_hits(self, bands: Sequence[tuple[int, int]]) -> dict[str, bytes]:
        """(band, n) pairs: the ``n`` most recently fused reports under each band, with their MinHash.
        Each band is read newest first and stops at ``n`` (a template's band may hold thousands)."""
        recent = " UNION ALL ".join(
            "SELECT report_id FROM (SELECT report_id FROM fusion_bands WHERE band = ? ORDER BY rowid DESC LIMIT ?)"
            f" AS b{i}" for i in range(len(bands)))
        return {r[0]: r[1] for r in self.conn.execute(
            f"SELECT p.report_id, p.hv FROM fusion_profiles p WHERE p.report_id IN ({recent})",
            tuple(x for band, n in bands for x in (band, n)))}

    def postings(self, keys: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for part in _chunks(list(keys)):
            out.update((k, json.loads(s)) for k, s in self.conn.execute(
                f"SELECT key, stories FROM fusion_postings WHERE key IN ({_marks(len(part))})", tuple(part)))
        return out

    def redirects(self, story_ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for part in _chunks(list(story_ids)):
            out.update((a, b) for a, b in self.conn.execute(
                f"SELECT story_id, into_id FROM fusion_redirects WHERE story_id IN ({_marks(len(part))})", tuple(part)))
        return out

    def story(self, story_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT first_seen, size, data FROM fusion_stories WHERE story_id = ?",
                                (story_id,)).fetchone()
        if row is None:
            return None
        first = [r[0] for r in self.conn.execute(
            "SELECT report_id FROM fusion_profiles WHERE story_id = ? ORDER BY seen LIMIT 1", (story_id,))]
        last = [r[0] for r in self.conn.execute(
            "SELECT report_id FROM fusion_profiles WHERE story_id = ? ORDER BY seen DESC LIMIT ?",
            (story_id, max(0, self.sampled - 1)))]
        return {**json.loads(row[2]), "story_id": story_id, "first_seen": row[0], "size": row[1],
                "members": list(dict.fromkeys(first + last[::-1]))}

    def stories(self, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """``story`` for many stories at once: one query for their centroids and one for their
        sampled members (first and latest), not three per story, so a batch that meets many
        candidate stories pays per batch, not per story."""
        out: dict[str, dict[str, Any]] = {}
        k = max(0, self.sampled - 1)
        ids = list(dict.fromkeys(story_ids))
        # two selects a story in one compound query: SQLite allows 500 terms in one
        for part in [ids[i:i + 200] for i in range(0, len(ids), 200)]:
            rows = self.conn.execute(
                f"SELECT story_id, first_seen, size, data FROM fusion_stories WHERE story_id IN ({_marks(len(part))})",
                tuple(part)).fetchall()
            if not rows:
                continue
            held = [r[0] for r in rows]
            # each story's first member and its latest ones, each read by the index on (story_id, seen)
            # with its own LIMIT, as ``story`` reads them (a long story is not walked)
            ends = " UNION ALL ".join(
                f"SELECT * FROM (SELECT story_id, report_id, 0 AS latest, seen FROM fusion_profiles"
                f" WHERE story_id = ? ORDER BY seen LIMIT 1) AS f{i} UNION ALL"
                f" SELECT * FROM (SELECT story_id, report_id, 1 AS latest, seen FROM fusion_profiles"
                f" WHERE story_id = ? ORDER BY seen DESC LIMIT ?) AS l{i}" for i in range(len(held)))
            first: dict[str, list[str]] = {}
            last: dict[str, list[str]] = {}
            for sid, rid, latest, _seen in self.conn.execute(
                    ends + " ORDER BY 1, 3, 4", tuple(x for s in held for x in (s, s, k))):
                (last if latest else first).setdefault(sid, []).append(rid)
            for sid, first_seen, size, data in rows:
                members = list(dict.fromkeys(first.get(sid, []) + last.get(sid, [])))
                out[sid] = {**json.loads(data), "story_id": sid, "first_seen": first_seen, "size": size,
                            "members": members}
        return out

    def members(self, story_id: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT report_id FROM fusion_profiles WHERE story_id = ? ORDER BY seen", (story_id,))]

    def copies_of(self, original: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT report_id FROM fusion_profiles WHERE copy_of = ? ORDER BY seen", (original,))]

    # -- the one writer
    def write(self, changes: Any, reports_rowid: int | None = None) -> None:
        """Persist a batch's ``derive.stories.StoryChanges`` in one transaction: the fusion state, then
        the derived rows (stories, story_reports, disputes) of the stories it touched
        and of the stories merged away. ``reports_rowid``: every report up to it is fused."""
        c = self.conn
        with c:
            c.executemany(
                "INSERT OR REPLACE INTO fusion_profiles (report_id, seen, story_id, copy_of, data, hv)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(p.report_id, p.seen, p.story_id, p.copy_of, json.dumps(to_dict(p)), _hv(p.hashvalues))
                 for p in changes.profiles])
            c.executemany("UPDATE fusion_profiles SET story_id = ?, copy_of = ? WHERE report_id = ?",
                          [(story, copy_of, rid) for rid, story, copy_of in changes.links])
            c.executemany("INSERT INTO fusion_terms (space, term, id, df) VALUES (?, ?, ?, ?)"
                          " ON CONFLICT (space, term) DO UPDATE SET df = excluded.df", changes.terms)
            c.executemany("INSERT INTO fusion_bands (band, report_id) VALUES (?, ?)", changes.bands)
            c.executemany("INSERT OR REPLACE INTO fusion_postings (key, stories) VALUES (?, ?)",
                          [(k, json.dumps(list(s))) for k, s in changes.postings])
            c.executemany("INSERT OR REPLACE INTO fusion_redirects (story_id, into_id) VALUES (?, ?)",
                          changes.redirects)
            c.executemany(
                "INSERT OR REPLACE INTO fusion_stories (story_id, first_seen, size, data) VALUES (?, ?, ?, ?)",
                [(s.story_id, s.first_seen, s.size,
                  json.dumps({"terms": s.terms, "names": s.names, "events": s.events}, ensure_ascii=False))
                 for s in changes.centroids])
            meta = [("size", changes.size), *((f"next:{space}", n) for space, n in changes.next_ids)]
            if reports_rowid is not None:
                meta.append(("reports_rowid", reports_rowid))
            c.executemany("INSERT OR REPLACE INTO fusion_meta (key, value) VALUES (?, ?)", meta)
            gone = [*changes.dropped, *(s.id for s in changes.stories)]
            for part in _chunks(gone):
                for table in ("disputes", "story_reports"):
                    c.execute(f"DELETE FROM {table} WHERE story_id IN ({_marks(len(part))})", tuple(part))
                c.execute(f"DELETE FROM stories WHERE id IN ({_marks(len(part))})", tuple(part))
            for part in _chunks(list(changes.dropped)):
                c.execute(f"DELETE FROM fusion_stories WHERE story_id IN ({_marks(len(part))})", tuple(part))
            self._write_stories(changes)

    def _write_stories(self, changes: Any) -> None:
        c = self.conn
        copy_of = dict(changes.copies)
        for story in changes.stories:
            c.execute(
                "INSERT INTO stories (id, title, first_report, independent_outlets, reports, data)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (story.id, story.title, story.first_report, story.independent_outlets, len(story.report_ids),
                 json.dumps(to_dict(story), ensure_ascii=False)))
            c.executemany("INSERT INTO story_reports (story_id, report_id, copy_of) VALUES (?, ?, ?)",
                          [(story.id, rid, copy_of.get(rid)) for rid in story.report_ids])
        c.executemany(
            "INSERT INTO disputes (id, story_id, slot, hard, rank, data) VALUES (?, ?, ?, ?, ?, ?)",
            [(d.id, d.story, d.slot, int(d.hard), d.rank, json.dumps(to_dict(d), ensure_ascii=False))
             for d in changes.disputes])

    def counts(self) -> tuple[int, int]:
        """(stories, disputes not dismissed) in the store."""
        stories = self.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        status = dispute_status(self.store)
        dismissed = sum(1 for v in status.values() if v == "dismissed")
        disputes = self.conn.execute("SELECT count(*) FROM disputes").fetchone()[0]
        if dismissed:
            ids = [k for k, v in status.items() if v == "dismissed"]
            disputes -= sum(self.conn.execute(f"SELECT count(*) FROM disputes WHERE id IN ({_marks(len(p))})",
                                              tuple(p)).fetchone()[0] for p in _chunks(ids))
        return int(stories), int(disputes)


# --------------------------------------------------------------------------- disputes: read and review

DISPUTE_STATUS = {"accepted": "confirmed", "rejected": "dismissed"}
DISPUTE_ACTIONS = {"confirm": "accept", "dismiss": "reject"}


def dispute_status(store: Store) -> dict[str, str]:
    """Dispute id -> confirmed/dismissed, from the review state (absent: open)."""
    if not store.has_table("reviews"):
        return {}
    return {k: DISPUTE_STATUS.get(v["status"], "open") for k, v in store.review_decisions("disputes").items()}


def list_disputes(store: Store, story_id: str | None = None, hard: bool = False, include_dismissed: bool = False,
                  limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """A page of dispute cards, best ranked first: {"items", "total", "limit", "offset", "next_offset"}.
    Dismissed disputes stay hidden unless asked for; their ids are stable, so a re-ingest keeps them so."""
    if not store.has_table("disputes"):
        return {"items": [], "total": 0, "limit": limit, "offset": offset, "next_offset": None}
    where, params = [], []
    if story_id:
        where.append("story_id = ?")
        params.append(story_id)
    if hard:
        where.append("hard = 1")
    sql = ("SELECT id, data FROM disputes" + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY rank DESC, id")
    status = dispute_status(store)
    cards = []
    for did, data in store.conn.execute(sql, params):
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


def dispute_card(store: Store, dispute_id: str) -> dict[str, Any] | None:
    """One dispute card with its review status (dismissed ones too: an id asked for is shown)."""
    if not store.has_table("disputes"):
        return None
    row = store.conn.execute("SELECT data FROM disputes WHERE id = ?", (dispute_id,)).fetchone()
    if row is None:
        return None
    card = json.loads(row[0])
    card["status"] = dispute_status(store).get(dispute_id, "open")
    return card


def stories_of(store: Store, report_ids: Sequence[str] | set[str]) -> set[str]:
    """The stories these reports are in."""
    if not store.has_table("story_reports"):
        return set()
    ids = sorted(report_ids)
    return {r[0] for part in _chunks(ids) for r in store.conn.execute(
        f"SELECT DISTINCT story_id FROM story_reports WHERE report_id IN ({_marks(len(part))})", tuple(part))}


def open_dispute_counts(store: Store, story_ids: Sequence[str]) -> dict[str, int]:
    """Story id -> its disputes not dismissed (for story lists)."""
    if not store.has_table("disputes") or not story_ids:
        return {}
    dismissed = {k for k, v in dispute_status(store).items() if v == "dismissed"}
    out: dict[str, int] = {}
    for part in _chunks(list(story_ids)):
        for did, sid in store.conn.execute(f"SELECT id, story_id FROM disputes WHERE story_id IN ({_marks(len(part))})",
                                     tuple(part)):
            if did not in dismissed:
                out[sid] = out.get(sid, 0) + 1
    return out


def review_dispute(store: Store, dispute_id: str, action: str, who: str, why: str | None = None) -> int | None:
    """Confirm or dismiss a dispute: one audit row through the review writer. None if no such dispute."""
    from ..review import record_review

    if action not in DISPUTE_ACTIONS:
        raise FactfinderError(f"unknown dispute action {action!r}; use confirm or dismiss")
    if (not store.has_table("disputes")
            or store.conn.execute("SELECT 1 FROM disputes WHERE id = ?", (dispute_id,)).fetchone() is None):
        return None
    return record_review(store, who, DISPUTE_ACTIONS[action], "disputes", dispute_id, why)
