"""The store: SQLite by default (WAL, foreign keys, FTS5, numbered migrations), or PostgreSQL when
opened with a ``postgresql://`` URL (the same class API and SQL; the differences are all in
``store/postgres.py``).

Each report and all its facts are written in one transaction keyed by the report id, so
re-ingesting is idempotent and a crash loses at most the report in flight. Several processes may
write one store at once (two ingests of overlapping inputs): every write transaction takes SQLite's
write lock up front (``BEGIN IMMEDIATE``) and waits up to ``BUSY_SECONDS`` for it, so the check "is
this report stored?" and the insert cannot interleave with another writer's, and a report another
process stored first counts as a duplicate, not an error. Migrations take the same lock.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ClassVar

from ..errors import StoreError
from ..records import (
    Actor,
    Analysis,
    CorefLink,
    Claim,
    Event,
    Magnitude,
    Mention,
    Place,
    Quarantined,
    Quote,
    Report,
    Span,
    TimeValue,
    from_dict,
    to_dict,
)
from .auth import AuthStore
from .cases import CaseStore
from .migrations import MIGRATIONS
from .reads import Reads
from .review import ReviewStore

__all__ = ["Store", "open_store", "is_store_url", "fact_id", "FACT_TABLES", "BUSY_SECONDS", "safe_text"]

# How long a writer waits for another process's write transaction before giving up (a one-line error).
BUSY_SECONDS = 300
_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(value: Any) -> Any:
    """Text SQLite can store: lone surrogates (non-UTF-8 file names, JSON escapes) become backslash
    escapes. Readers refuse report text holding them; this guards metadata and messages."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value

# Analysis field -> (table, record type). Order is the order facts are written and read.
FACT_TABLES: dict[str, tuple[str, type]] = {
    "mentions": ("mentions", Mention),
    "dates": ("dates", TimeValue),
    "places": ("places", Place),
    "magnitudes": ("magnitudes", Magnitude),
    "quotes": ("quotes", Quote),
    "claims": ("claims", Claim),
    "events": ("events", Event),
    "coref": ("coref", CorefLink),
}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _span_of(record: Any) -> Span | None:
    for name in ("span", "trigger"):
        span = getattr(record, name, None)
        if isinstance(span, Span):
            return span
    return None


def _j(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _extra_columns(field: str, rec: Any) -> dict[str, Any]:
    """The indexed columns of each fact table (the full record is in ``data``)."""
    if field == "mentions":
        return {"label": rec.label, "actor_id": rec.actor_id}
    if field == "dates":
        return {"value": rec.value, "precision": rec.precision}
    if field == "places":
        return {"role": rec.role, "name": rec.name, "country": rec.country, "lat": rec.lat, "lon": rec.lon}
    if field == "magnitudes":
        return {"quantity": rec.quantity, "qualifier": rec.qualifier, "unit": rec.unit}
    if field == "quotes":
        return {"speaker": rec.speaker, "cue": rec.cue, "direct": int(rec.direct)}
    if field == "coref":
        return {"kind": rec.kind, "actor_id": rec.antecedent_actor_id}
    if field == "claims":
        return {"kind": rec.kind, "label": rec.label, "asserted_by": rec.attribution.asserted_by}
    if field == "events":
        return {
            "plover": rec.plover,
            "mode": rec.mode,
            "cameo": rec.cameo,
            "sources": "; ".join(rec.sources),
            "targets": "; ".join(rec.targets),
            "source_countries": " ".join(rec.source_countries),
            "target_countries": " ".join(rec.target_countries),
            "date": rec.date.value if rec.date else None,
            "place": rec.place.name if rec.place else None,
            "asserted_by": rec.attribution.asserted_by if rec.attribution else None,
            "negated": int(rec.negated),
            "modality": rec.modality,
            "confidence": rec.confidence,
        }
    raise StoreError(f"no columns defined for fact kind {field!r}")


def fact_id(report_id: str, kind: str, n: int) -> str:
    """The stored id of the ``n``-th fact of ``kind`` (an Analysis field) of a report: the one place
    fact ids are minted (the writer, the reviewed view and legal mappings all call it)."""
    return f"{report_id}:{kind}:{n}"


@dataclass
class Store(Reads, ReviewStore, CaseStore, AuthStore):
    """One handle on one store. Every SQL statement of the package is a method of this class or of
    the mixins it is built from: store/reads.py (the read model of the CLI, API and pages),
    store/review.py (review decisions and the reviewed view), store/cases.py (cases and the
    per-report legal cache), store/auth.py (accounts, sessions)."""

    path: str
    conn: sqlite3.Connection
    # What the database driver raises: callers outside store/ catch these without naming the driver
    # (a PostgreSQL store sets its own).
    driver_errors: ClassVar[tuple[type[Exception], ...]] = (sqlite3.Error,)
    integrity_errors: ClassVar[tuple[type[Exception], ...]] = (sqlite3.IntegrityError,)
    # Full-text search over reports (the PostgreSQL store sets its own): the FROM clause, naming the
    # reports ``r`` and taking the query as its first parameter (or leaving it to FTS_MATCH), the match
    # condition, the best-first order and the snippet of the text around the match.
    FTS_FROM: ClassVar[str] = "reports_fts JOIN reports r ON r.rowid = reports_fts.rowid"
    FTS_MATCH: ClassVar[str] = "reports_fts MATCH ?"
    FTS_RANK: ClassVar[str] = "rank"
    FTS_SNIPPET: ClassVar[str] = "snippet(reports_fts, 1, '[', ']', ' … ', 12)"

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def release(self) -> None:
        """Close from any thread: a connection another thread made is left to sqlite3, which closes
        it when it is collected (sqlite3 refuses to close it here)."""
        try:
            self.conn.close()
        except sqlite3.ProgrammingError:
            pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        """Where the store is, the same for every handle on it (what memoised answers are keyed by)."""
        return self.path if self.path == ":memory:" else str(Path(self.path).resolve())

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # -- writes ----------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the write lock from its start (BEGIN IMMEDIATE); nests."""
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.rollback()
            raise
        if self.conn.in_transaction:  # a nested `with conn:` may have committed already
            self.conn.commit()

    def _batched(self) -> AbstractContextManager[Any]:
        """Statements sent together (a PostgreSQL store pipelines them: one round trip per report)."""
        return nullcontext()

    def has_report(self, report_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is not None

    def report_identity(self, report_id: str) -> tuple[str, str | None, str | None, str | None] | None:
        """(text, outlet, url, source) of a stored report: what tells a copy from a different report."""
        row = self.conn.execute("SELECT text, outlet, url, source FROM reports WHERE id = ?", (report_id,)).fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3])

    def add_sighting(self, report_id: str, seen: Report, raw: bytes | None) -> bool:
        """Record that ``seen`` (same id and text as stored report ``report_id``) was read again from
        another outlet/URL/file. False when this very sighting was recorded before."""
        with self.write():
            if raw is not None and seen.raw_sha256:
                self.conn.execute("INSERT OR IGNORE INTO originals (raw_sha256, bytes) VALUES (?, ?)",
                                  (seen.raw_sha256, raw))
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO sightings (report_id, outlet, url, captured_at, source, raw_sha256, seen_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (report_id, *map(safe_text, (seen.outlet, seen.url, seen.captured_at, seen.source)),
                 seen.raw_sha256, now()))
        return cur.rowcount > 0

    def sightings(self, report_id: str) -> list[dict[str, Any]]:
        return self.rows("SELECT outlet, url, captured_at, source, raw_sha256 FROM sightings WHERE report_id = ?"
                         " ORDER BY id", (report_id,))

    def add_section(self, report_id: str, parent_id: str, n: int, of: int, start: int, end: int) -> None:
        with self.write():
            self.conn.execute(
                'INSERT OR IGNORE INTO report_sections (report_id, parent_id, n, of, start, "end")'
                " VALUES (?, ?, ?, ?, ?, ?)", (report_id, parent_id, n, of, start, end))

    def write_analysis(self, analysis: Analysis, raw: bytes | None = None) -> bool:
        """Write a report and every fact of it in one transaction. False if it was already stored
        (also when another process stored it first)."""
        report = analysis.report
        try:
            with self.write():  # one transaction; rolled back on any error
                if self.has_report(report.id):
                    return False
                with self._batched():
                    self._write_report(report, analysis, raw)
        except self.integrity_errors:
            if self.has_report(report.id):  # another process stored it between our check and insert
                return False
            raise
        return True

    def _write_report(self, report: Report, analysis: Analysis, raw: bytes | None) -> None:
        self._insert_report(report, analysis.versions, raw)
        # One executemany per table: one round trip per table on a database server, not one per fact.
        self.conn.executemany(
            "INSERT OR REPLACE INTO actors (id, report_id, canonical, kind, country, sector, extractor, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(actor.id, report.id, actor.canonical, actor.kind, actor.country, actor.sector, actor.extractor,
              _j(to_dict(actor))) for actor in analysis.actors],
        )
        for field, (table, _cls) in FACT_TABLES.items():
            rows = [self._fact_row(field, fact_id(report.id, field, n), report.id, rec)
                    for n, rec in enumerate(getattr(analysis, field))]
            if rows:
                names = ", ".join(f'"{c}"' for c in rows[0])
                marks = ", ".join("?" for _ in rows[0])
                self.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                                      [tuple(r.values()) for r in rows])

    def _insert_report(self, report: Report, versions: dict[str, str], raw: bytes | None) -> None:
        if raw is not None and report.raw_sha256:
            self.conn.execute(
                "INSERT OR IGNORE INTO originals (raw_sha256, bytes) VALUES (?, ?)", (report.raw_sha256, raw)
            )
        self.conn.execute(
            "INSERT INTO reports (id, url, outlet, published, dateline, title, text, raw_sha256, captured_at,"
            " language, source, story_label, ingested_at, versions) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (report.id, *map(safe_text, (report.url, report.outlet, report.published, report.dateline,
             report.title)), report.text, report.raw_sha256, *map(safe_text, (report.captured_at,
             report.language, report.source, report.story)), now(), _j(versions)),
        )

    @staticmethod
    def _fact_row(field: str, fact_id: str, report_id: str, rec: Any) -> dict[str, Any]:
        """The columns of one fact row (the same names, in the same order, for every fact of ``field``)."""
        span = _span_of(rec)
        return {
            "id": fact_id,
            "report_id": report_id,
            "start": span.start if span else None,
            "end": span.end if span else None,
            "text": span.text if span else None,
            "extractor": getattr(rec, "extractor", "") or "unknown",
            "data": _j(to_dict(rec)),
            **_extra_columns(field, rec),
        }

    def quarantine(self, item: Quarantined) -> None:
        """Record a failed input; the same failure seen again only updates last_seen."""
        ts = now()
        with self.write():
            self.conn.execute(
                "INSERT INTO quarantine (source, stage, error, message, raw_sha256, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(source, stage, message) DO UPDATE SET last_seen = excluded.last_seen",
                (safe_text(item.source), item.stage, item.error, safe_text(item.message), item.raw_sha256, ts, ts),
            )

    def start_run(self, inputs: list[str]) -> int:
        with self.write():
            row = self.conn.execute(
                "INSERT INTO ingest_runs (started_at, inputs) VALUES (?, ?) RETURNING id",
                (now(), _j([safe_text(i) for i in inputs])),
            ).fetchone()
        return int(row[0])

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        with self.write():
            self.conn.execute(
                "UPDATE ingest_runs SET finished_at = ?, summary = ? WHERE id = ?", (now(), _j(summary), run_id)
            )

    def backup(self, target: str | Path) -> Path:
        """A consistent copy of the whole store at ``target`` through SQLite's online backup, taken while
        other processes may go on writing (each step copies pages under a read lock). The copy is a
        store like any other: open it, or copy it back over a damaged one, to restore."""
        target = Path(target)
        if target.exists():
            raise StoreError(f"{target}: already exists; give a new file name for the backup (nothing is overwritten)")
        try:
            dest = sqlite3.connect(target)
        except sqlite3.Error as exc:
            raise StoreError(f"{target}: cannot create the backup file ({exc}); "
                             "check the folder exists and is writable") from exc
        try:
            with dest:
                self.conn.backup(dest, pages=1024)
        except sqlite3.Error as exc:
            dest.close()
            target.unlink(missing_ok=True)
            raise StoreError(f"{target}: backup failed ({exc}); no partial copy is left") from exc
        dest.close()
        return target

    # -- reads -----------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        tables = ["reports", "actors", *[t for t, _ in FACT_TABLES.values()], "quarantine"]
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}

    def report_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM reports ORDER BY rowid")]

    def get_report(self, report_id: str) -> Report | None:
        """A report by id, or by a unique id prefix."""
        row = self.conn.execute("SELECT * FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            rows = self.conn.execute(
                "SELECT * FROM reports WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                (report_id.replace("%", "\\%").replace("_", "\\_") + "%",),
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return self._report(row) if row else None

    @staticmethod
    def _report(row: sqlite3.Row) -> Report:
        return Report(
            id=row["id"], text=row["text"], url=row["url"], outlet=row["outlet"], published=row["published"],
            dateline=row["dateline"], title=row["title"], raw_sha256=row["raw_sha256"],
            captured_at=row["captured_at"], language=row["language"] or "en", source=row["source"],
            story=row["story_label"],
        )

    def original(self, raw_sha256: str) -> bytes | None:
        row = self.conn.execute("SELECT bytes FROM originals WHERE raw_sha256 = ?", (raw_sha256,)).fetchone()
        return bytes(row[0]) if row else None

    def load_analysis(self, report_id: str) -> Analysis | None:
        """Rebuild a report's Analysis from its stored rows."""
        report = self.get_report(report_id)
        if report is None:
            return None
        versions = json.loads(
            self.conn.execute("SELECT versions FROM reports WHERE id = ?", (report.id,)).fetchone()[0]
        )
        fields: dict[str, Any] = {}
        for field, (table, cls) in FACT_TABLES.items():
            rows = self.conn.execute(
                f"SELECT data FROM {table} WHERE report_id = ? ORDER BY rowid", (report.id,)
            ).fetchall()
            fields[field] = tuple(from_dict(cls, json.loads(r[0])) for r in rows)
        actors = tuple(
            from_dict(Actor, json.loads(r[0]))
            for r in self.conn.execute("SELECT data FROM actors WHERE report_id = ? ORDER BY rowid", (report.id,))
        )
        return Analysis(report=report, actors=actors, versions=versions, **fields)  # type: ignore[arg-type]

    def analyses(self) -> Iterator[Analysis]:
        for rid in self.report_ids():
            a = self.load_analysis(rid)
            if a is not None:
                yield a

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over titles and texts; plain words work, FTS5 syntax too."""
        query = query.replace("\x00", " ")  # FTS5 reads NUL as the end of the query
        sql = (f"SELECT r.id, r.outlet, r.published, r.title, {self.FTS_SNIPPET} AS snippet"
               f" FROM {self.FTS_FROM} WHERE {self.FTS_MATCH} ORDER BY {self.FTS_RANK} LIMIT ?")
        try:
            rows = self.conn.execute(sql, (query, limit)).fetchall()
        except self.driver_errors:
            # Not valid FTS5 syntax (e.g. a stray quote or colon): search the words as phrases.
            quoted = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
            rows = self.conn.execute(sql, (quoted, limit)).fetchall() if quoted else []
        return [dict(r) for r in rows]

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, params).fetchall()]

    def quarantined(self) -> list[dict[str, Any]]:
        return self.rows(
            "SELECT source, stage, error, message, raw_sha256, first_seen, last_seen FROM quarantine ORDER BY id"
        )

    def actors_summary(self, limit: int = 100) -> list[dict[str, Any]]:
        """Actors across reports, one row per identity (factfinder.identities): its display name
        (``canonical``), the variant names, kinds, countries, sectors, roles and how many reports name it.
        Actors not linked yet count as their own identity, by canonical name."""
        rows = self.rows(
            "SELECT coalesce(i.identity_id, 'a:' || a.canonical) AS identity_id,"
            " min(coalesce(i.name, a.canonical)) AS canonical,"
            " group_concat(DISTINCT a.kind) AS kinds, group_concat(DISTINCT a.country) AS countries,"
            " group_concat(DISTINCT a.sector) AS sectors, count(DISTINCT a.report_id) AS reports"
            " FROM actors a LEFT JOIN actor_identities i ON i.actor_id = a.id"
            " GROUP BY 1 ORDER BY reports DESC, canonical, identity_id LIMIT ?",
            (limit,),
        )
        # One indexed query for the members of every listed identity (not one scan per row).
        ids = [r["identity_id"] for r in rows if not r["identity_id"].startswith("a:")]
        loose = [r["identity_id"][2:] for r in rows if r["identity_id"].startswith("a:")]
        members: dict[str, list[tuple[str, str]]] = {}
        if rows:
            sql = ("SELECT coalesce(i.identity_id, 'a:' || a.canonical), a.canonical, a.data FROM actors a"
                   " LEFT JOIN actor_identities i ON i.actor_id = a.id"
                   f" WHERE i.identity_id IN ({', '.join('?' * len(ids)) or 'NULL'})"
                   f" OR (i.identity_id IS NULL AND a.canonical IN ({', '.join('?' * len(loose)) or 'NULL'}))"
                   " ORDER BY a.rowid")
            for key, canonical, data in self.conn.execute(sql, (*ids, *loose)):
                members.setdefault(key, []).append((canonical, data))
        for row in rows:
            roles: list[str] = []
            variants: list[str] = []
            for canonical, data in members.get(row["identity_id"], []):
                if canonical not in variants:
                    variants.append(canonical)
                for role in json.loads(data).get("roles") or []:
                    if role not in roles:
                        roles.append(role)
            row["roles"] = roles
            row["variants"] = variants
        return rows


def _connect(path: str) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level="DEFERRED")
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the database ({exc}). Check the path and its permissions.") from exc
    conn.row_factory = sqlite3.Row
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("SELECT 1 FROM sqlite_master").fetchall()
            return conn
        except sqlite3.DatabaseError as exc:
            # a second process switching a new file to WAL at the same moment gets "database is locked"
            # at once (SQLite does not wait on the busy timeout for that change): wait and try again
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc) and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            conn.close()
            raise StoreError(f"{path}: not a SQLite database ({exc}). Pass another --db FILE.") from exc


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations not applied yet, under the write lock (two processes may open a new store)."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
    )
    done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
    if all(version in done for version, _, _ in MIGRATIONS):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}  # as of holding the lock
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            try:
                for statement in _statements(sql):
                    conn.execute(statement)
            except sqlite3.Error as exc:
                raise StoreError(f"migration {version} ({name}) failed: {exc}") from exc
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, now()))
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def _statements(sql: str) -> Iterator[str]:
    """The statements of a migration script, one at a time (triggers' inner ';' kept together)."""
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip().strip(";").strip():
                yield buf
            buf = ""
    if buf.strip():
        yield buf


URL_SCHEMES = ("postgresql://", "postgres://")


def is_store_url(path: object) -> bool:
    """Whether ``path`` names a PostgreSQL database (``postgresql://...``) rather than a SQLite file
    (checked without importing the PostgreSQL driver)."""
    return isinstance(path, str) and path.startswith(URL_SCHEMES)


def open_store(path: str | Path = "factfinder.db") -> Store:
    """The store at ``path``: a SQLite file (created and migrated when new), ``:memory:``, or a
    PostgreSQL database named by a ``postgresql://`` URL (migrated the same way)."""
    path = str(path)
    if is_store_url(path):
        from .postgres import open_pg_store

        return open_pg_store(path)
    if path != ":memory:":
        parent = Path(path).resolve().parent
        if not parent.exists():
            raise StoreError(f"{path}: folder {parent} does not exist. Create it or pass another --db FILE.")
    conn = _connect(path)
    migrate(conn)
    return Store(path, conn)
