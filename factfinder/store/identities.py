"""Identity tables: actors not linked yet, a block's stored identities (each distinct actor
description once), name counts, and the one writer of a batch's links. SQL only; the linking rules
are ``derive/identities.py`` and ``ingest.py`` wires the two. Crash-safe like fusion: actors
without an ``actor_identities`` row are the work left, and a batch's links are one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from rapidfuzz import fuzz

from . import Store

_CHUNK = 500


def _marks(n: int) -> str:
    return ",".join("?" * n)


def variant_key(canonical: str, kind: str | None, country: str | None, aliases: Iterable[str]) -> str:
    """What identity linking reads of an actor: actors alike in all of it are compared once."""
    return json.dumps([canonical, kind, country, sorted(set(aliases))], ensure_ascii=False)


class IdentityTables:
    """Reads and writes of identity state for one store (implements ``derive.identities.IdentityTables``)."""

    def __init__(self, store: Store, actor_type: Any, further_blocks: Any = None) -> None:
        self.conn = store.conn
        self.actor = actor_type  # the record type rows are returned as (derive.identities.StoredActor)
        # actor -> the blocks besides its own its description is indexed under (``build`` reads it)
        self.further_blocks = further_blocks or (lambda actor: ())

    def built(self) -> bool:
        """True when the variant index matches the links (stores linked before migration 12 lack it,
        and migration 16 empties it: double surnames are indexed under a further block since)."""
        if self.conn.execute("SELECT 1 FROM identity_variants LIMIT 1").fetchone() is not None:
            return True
        return self.conn.execute("SELECT 1 FROM actor_identities LIMIT 1").fetchone() is None

    def build(self) -> None:
        """Build the variant index and name counts from the stored links (once, for an older store)."""
        with self.conn:
            rows = self.conn.execute(
                "SELECT a.rowid, a.id, a.canonical, a.kind, a.country, a.data, i.identity_id, i.block"
                " FROM actor_identities i JOIN actors a ON a.id = i.actor_id ORDER BY a.rowid").fetchall()
            for rowid, aid, canonical, kind, country, data, iid, block in rows:
                aliases = tuple(json.loads(data).get("aliases") or ())
                for b in (block, *self.further_blocks(self.actor(aid, canonical, kind, country, aliases, int(rowid)))):
                    self._add_variant(b, iid, rowid, aid, canonical, kind, country, aliases)
                self._count(iid, canonical, 1)

    def unlinked(self) -> list[Any]:
        """Actors stored but not linked yet, in store order (reads only actors past the last batch)."""
        row = self.conn.execute("SELECT value FROM fusion_meta WHERE key = 'actors_rowid'").fetchone()
        mark = int(row[0]) if row else 0
        return [self._actor(r) for r in self.conn.execute(
            "SELECT a.rowid, a.id, a.canonical, a.kind, a.country, a.data FROM actors a WHERE a.rowid > ?"
            " AND NOT EXISTS (SELECT 1 FROM actor_identities i WHERE i.actor_id = a.id) ORDER BY a.rowid", (mark,))]

    def _actor(self, r: Any) -> Any:
        aliases = tuple(json.loads(r[5]).get("aliases") or ())
        return self.actor(r[1], r[2], r[3], r[4], aliases, int(r[0]))

    def variants(self, block: str) -> list[tuple[Any, str]]:
        out = []
        for iid, variant, rowid, aid in self.conn.execute(
                "SELECT identity_id, variant, first_rowid, actor_id FROM identity_variants WHERE block = ?"
                " ORDER BY first_rowid", (block,)):
            canonical, kind, country, aliases = json.loads(variant)
            out.append((self.actor(aid, canonical, kind, country, tuple(aliases), int(rowid)), iid))
        return out

    def name_counts(self, identity_ids: Sequence[str]) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        ids = list(identity_ids)
        for i in range(0, len(ids), _CHUNK):
            part = ids[i:i + _CHUNK]
            for iid, canonical, n in self.conn.execute(
                    f"SELECT identity_id, canonical, n FROM identity_names WHERE identity_id IN ({_marks(len(part))})",
                    tuple(part)):
                out.setdefault(iid, {})[canonical] = int(n)
        return out

    def write(self, changes: Any, actors: Sequence[Any]) -> None:
        """Persist ``derive.identities.IdentityChanges`` for ``actors`` (the StoredActors linked) in one
        transaction; stored rows are rewritten only where an identity merged or its name changed."""
        c = self.conn
        by_id = {a.actor_id: a for a in actors}
        names = dict(changes.names)
        with c:
            for old, into in changes.merged:
                c.execute("UPDATE actor_identities SET identity_id = ? WHERE identity_id = ?", (into, old))
                for block, variant, rowid, aid in c.execute(
                        "SELECT block, variant, first_rowid, actor_id FROM identity_variants WHERE identity_id = ?",
                        (old,)).fetchall():
                    c.execute("DELETE FROM identity_variants WHERE block = ? AND identity_id = ? AND variant = ?",
                              (block, old, variant))
                    c.execute("INSERT INTO identity_variants (block, identity_id, variant, first_rowid, actor_id)"
                              " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
                              " first_rowid = min(identity_variants.first_rowid, excluded.first_rowid)",
                              (block, into, variant, rowid, aid))
                for canonical, n in c.execute("SELECT canonical, n FROM identity_names WHERE identity_id = ?",
                                              (old,)).fetchall():
                    self._count(into, canonical, n)
                c.execute("DELETE FROM identity_names WHERE identity_id = ?", (old,))
            for actor_id, iid, block in changes.assigned:
                a = by_id[actor_id]
                c.execute("INSERT OR REPLACE INTO actor_identities (actor_id, identity_id, name, block)"
                          " VALUES (?, ?, ?, ?)",
                          (actor_id, iid, names.get(iid, a.canonical), block))
                self._add_variant(block, iid, a.rowid, actor_id, a.canonical, a.kind, a.country, a.aliases)
                self._count(iid, a.canonical, 1)
            ident = {actor_id: iid for actor_id, iid, _block in changes.assigned}
            for actor_id, block in getattr(changes, "also", ()):
                a = by_id[actor_id]
                self._add_variant(block, ident[actor_id], a.rowid, actor_id, a.canonical, a.kind, a.country, a.aliases)
            for iid, name in changes.names:
                c.execute("UPDATE actor_identities SET name = ? WHERE identity_id = ? AND name != ?", (name, iid, name))
            if actors:
                c.execute("INSERT INTO fusion_meta (key, value) VALUES ('actors_rowid', ?) ON CONFLICT (key)"
                          " DO UPDATE SET value = max(fusion_meta.value, excluded.value)",
                          (max(a.rowid for a in actors),))

    def _add_variant(self, block: str, iid: str, rowid: int, actor_id: str, canonical: str, kind: str | None,
                     country: str | None, aliases: Iterable[str]) -> None:
        self.conn.execute(
            "INSERT INTO identity_variants (block, identity_id, variant, first_rowid, actor_id) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING", (block, iid, variant_key(canonical, kind, country, aliases), rowid, actor_id))

    def _count(self, iid: str, canonical: str, n: int) -> None:
        self.conn.execute("INSERT INTO identity_names (identity_id, canonical, n) VALUES (?, ?, ?)"
                          " ON CONFLICT (identity_id, canonical) DO UPDATE SET n = identity_names.n + excluded.n",
                          (iid, canonical, n))

    def clear(self) -> None:
        """Forget every link (the next run links every actor again, from scratch)."""
        with self.conn:
            for table in ("actor_identities", "identity_variants", "identity_names"):
                self.conn.execute(f"DELETE FROM {table}")
            self.conn.execute("DELETE FROM fusion_meta WHERE key = 'actors_rowid'")


def identity_of(store: Store, names: Iterable[str], threshold: int = 90) -> set[str]:
    """Ids of actors sharing an identity with any actor named like one of ``names`` (canonical or alias)."""
    wanted = [n for n in names if n.strip()]
    if not wanted:
        return set()
    ids: set[str] = set()
    for row in store.conn.execute(
            "SELECT a.canonical, a.data, i.identity_id FROM actors a JOIN actor_identities i ON i.actor_id = a.id"):
        variants = [row["canonical"], *(json.loads(row["data"]).get("aliases") or ())]
        if any(fuzz.token_set_ratio(w, v) >= threshold for w in wanted for v in variants):
            ids.add(row["identity_id"])
    if not ids:
        return set()
    marks = ",".join("?" for _ in ids)
    return {r[0] for r in store.conn.execute(
        f"SELECT actor_id FROM actor_identities WHERE identity_id IN ({marks})", tuple(sorted(ids)))}
