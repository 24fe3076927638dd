"""The PostgreSQL dialect: every difference between the SQLite store and a PostgreSQL store.

``open_store("postgresql://...")`` returns a ``PgStore``: the same ``Store`` class API, its methods
the same SQL. What differs is in this module only:

* **The connection** (``PgConnection``) behaves as the ``sqlite3`` connection the store methods were
  written against: ``execute``/``executemany`` with ``?`` placeholders, rows readable by index and by
  name, ``in_transaction``, ``commit``/``rollback``, ``with conn:`` as one transaction. Reads run in
  autocommit (no transaction left open between statements); a write statement outside a transaction
  opens one, as sqlite3 does.
* **One writer at a time**, as SQLite's write lock: every write transaction (``BEGIN IMMEDIATE`` or
  an implicit one) first takes a transaction-level advisory lock, so the store's read-then-write
  steps (is this report stored? the next audit hash, fusion's counters) cannot interleave with
  another process's. Readers never wait (MVCC). Migrations take a second lock.
* **Statements** are rewritten once per distinct SQL text (``translate``): ``?`` → ``$n``,
  ``INSERT OR IGNORE`` → ``ON CONFLICT DO NOTHING``, ``INSERT OR REPLACE`` → ``ON CONFLICT (primary
  key) DO UPDATE``, ``INDEXED BY`` dropped, ``LIKE`` → ``ILIKE`` (SQLite's LIKE ignores ASCII case).
* **Functions SQLite has and PostgreSQL lacks** are defined in the database (``COMPAT``):
  ``instr``, ``json_extract`` (text result), ``group_concat`` (an aggregate), two-argument
  ``min``/``max``.
* **Schema** (``ddl``): the same numbered migrations, each statement translated: ``INTEGER`` →
  ``BIGINT``, ``INTEGER PRIMARY KEY`` → an identity column, ``REAL`` → ``DOUBLE PRECISION``, ``BLOB``
  → ``BYTEA``, ``WITHOUT ROWID`` dropped; every table gets a ``rowid`` identity column (insertion
  order, what ``ORDER BY rowid`` and "rows past mark N" read); FTS5 becomes a ``tsvector`` column kept
  by a trigger with a GIN index; SQLite's ``RAISE(ABORT)`` triggers become PL/pgSQL triggers.
* **Full-text search** reads ``websearch_to_tsquery`` (never a syntax error) and ``ts_headline``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError
from . import BUSY_SECONDS, MIGRATIONS, Store, _statements, is_store_url, now

try:  # the optional extra `postgres`; a SQLite store never imports it
    import psycopg
    from psycopg.adapt import Loader
    from psycopg.pq import TransactionStatus
except ImportError:  # pragma: no cover - exercised only without the extra
    psycopg = None  # type: ignore[assignment]
    Loader = object  # type: ignore[assignment,misc]

__all__ = ["is_url", "display", "translate", "ddl", "PgConnection", "connect", "migrate", "COMPAT"]

# Advisory lock keys (any two fixed 64-bit numbers): the one writer, and migrations.
WRITE_LOCK = 0x66616374_77726974  # "factwrit"
MIGRATE_LOCK = 0x66616374_6d696772  # "factmigr"
TEXT_SEARCH_CONFIG = "simple"  # as FTS5's default tokenizer: lower-cased words, no stemming, no stop words


is_url = is_store_url


def display(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


# --------------------------------------------------------------------------- statement translation

_LITERAL = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_MARK = re.compile("\x00(\\d+)\x00")
_OR_IGNORE = re.compile(r"\bINSERT\s+OR\s+IGNORE\s+INTO\b", re.I)
_OR_REPLACE = re.compile(r"\bINSERT\s+OR\s+REPLACE\s+INTO\s+(\w+)\s*\(([^)]*)\)", re.I)
_INDEXED_BY = re.compile(r"\s+INDEXED\s+BY\s+\w+", re.I)
_LIKE = re.compile(r"\bLIKE\b", re.I)
_RETURNING = re.compile(r"\bRETURNING\b", re.I)


def _masked(sql: str) -> tuple[str, list[str]]:
    """``sql`` with its string literals and quoted names replaced by markers (rewrites never touch them)."""
    literals: list[str] = []

    def keep(m: re.Match[str]) -> str:
        literals.append(m.group(0))
        return f"\x00{len(literals) - 1}\x00"

    return _LITERAL.sub(keep, sql), literals


def _unmasked(sql: str, literals: list[str]) -> str:
    return _MARK.sub(lambda m: literals[int(m.group(1))], sql)


def _append_conflict(sql: str, clause: str) -> str:
    """``clause`` after the VALUES of an INSERT (before a RETURNING)."""
    m = _RETURNING.search(sql)
    if m:
        return f"{sql[:m.start()].rstrip()} {clause} {sql[m.start():]}"
    return f"{sql.rstrip().rstrip(';')} {clause}"


def translate(sql: str, primary_keys: dict[str, tuple[str, ...]]) -> str:
    """One SQLite statement of the store as PostgreSQL (``primary_keys``: table -> its key columns)."""
    code, literals = _masked(sql)
    if _OR_IGNORE.search(code):
        code = _append_conflict(_OR_IGNORE.sub("INSERT INTO", code), "ON CONFLICT DO NOTHING")
    m = _OR_REPLACE.search(code)
    if m:
        table = m.group(1)
        cols = [_unmasked(c.strip(), literals).strip('"') for c in m.group(2).split(",")]
        key = primary_keys.get(table)
        if not key:
            raise StoreError(f"INSERT OR REPLACE into {table}: no primary key known (PostgreSQL needs the "
                             "conflict target)")
        rest = [c for c in cols if c not in key]
        target = ", ".join(f'"{k}"' for k in key)
        action = ("DO UPDATE SET " + ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in rest)) if rest else "DO NOTHING"
        code = _append_conflict(code[:m.start()] + f"INSERT INTO {table} ({m.group(2)})" + code[m.end():],
                                f"ON CONFLICT ({target}) {action}")
    code = _INDEXED_BY.sub("", code)
    code = _LIKE.sub("ILIKE", code)
    n = 0

    def number(_: re.Match[str]) -> str:
        nonlocal n
        n += 1
        return f"${n}"

    code = re.sub(r"\?", number, code)
    return _unmasked(code, literals)


# --------------------------------------------------------------------------- schema

# Functions the store's SQL uses that PostgreSQL lacks (IMMUTABLE: partial indexes use instr).
COMPAT: tuple[str, ...] = (
    "CREATE OR REPLACE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE"
    " AS 'SELECT strpos($1, $2)'",
    # SQLite's json_extract(doc, '$.a.b'); the value as text (callers convert numbers)
    "CREATE OR REPLACE FUNCTION json_extract(text, text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE"
    " AS $$SELECT ($1::jsonb) #>> string_to_array(substr($2, 3), '.')$$",
    "CREATE OR REPLACE FUNCTION max(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE"
    " AS 'SELECT greatest($1, $2)'",
    "CREATE OR REPLACE FUNCTION min(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE"
    " AS 'SELECT least($1, $2)'",
    "CREATE OR REPLACE FUNCTION group_concat_step(text, text) RETURNS text LANGUAGE sql IMMUTABLE"
    " AS $$SELECT CASE WHEN $2 IS NULL THEN $1 WHEN $1 IS NULL THEN $2 ELSE $1 || ',' || $2 END$$",
    "DROP AGGREGATE IF EXISTS group_concat(text)",
    "CREATE AGGREGATE group_concat(text) (SFUNC = group_concat_step, STYPE = text)",
)

# FTS5's external-content index over reports becomes a tsvector column the trigger keeps.
_FULL_TEXT = (
    "ALTER TABLE reports ADD COLUMN IF NOT EXISTS tsv tsvector",
    "CREATE OR REPLACE FUNCTION reports_tsv() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
    f" NEW.tsv := setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', coalesce(NEW.title, '')), 'A')"
    f" || setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', coalesce(NEW.text, '')), 'B'); RETURN NEW; END$$",
    "DROP TRIGGER IF EXISTS reports_tsv ON reports",
    "CREATE TRIGGER reports_tsv BEFORE INSERT OR UPDATE OF title, text ON reports"
    " FOR EACH ROW EXECUTE FUNCTION reports_tsv()",
    "CREATE INDEX IF NOT EXISTS reports_tsv_gin ON reports USING gin (tsv)",
)

_TRIGGER_RAISE = re.compile(
    r"CREATE\s+TRIGGER\s+(\w+)\s+BEFORE\s+(UPDATE|DELETE)\s+ON\s+(\w+)\s+BEGIN\s+"
    r"SELECT\s+RAISE\s*\(\s*ABORT\s*,\s*'([^']*)'\s*\)\s*;\s*END", re.I)
_CREATE_TABLE = re.compile(r"^\s*(?:--[^\n]*\n\s*)*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s*\(", re.I)
_COMMENT = re.compile(r"--[^\n]*")


def _refuse(name: str, when: str, table: str, message: str) -> list[str]:
    """A SQLite ``RAISE(ABORT, message)`` trigger as PL/pgSQL (SQLSTATE 23000: an integrity error, as in
    SQLite); a refused UPDATE/DELETE also refuses TRUNCATE, which bypasses row triggers."""
    fn = f"{name}_refuse"
    out = [f"CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN"
           f" RAISE EXCEPTION '{message}' USING ERRCODE = '23000'; END$$",
           f"CREATE TRIGGER {name} BEFORE {when.upper()} ON {table} FOR EACH ROW EXECUTE FUNCTION {fn}()"]
    if when.upper() == "DELETE":
        out.append(f"CREATE TRIGGER {name}_truncate BEFORE TRUNCATE ON {table}"
                   f" FOR EACH STATEMENT EXECUTE FUNCTION {fn}()")
    return out


def _column_types(statement: str) -> str:
    code, literals = _masked(statement)
    code = re.sub(r"\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?",
                  "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", code, flags=re.I)
    code = re.sub(r"\bINTEGER\b", "BIGINT", code, flags=re.I)
    code = re.sub(r"\bREAL\b", "DOUBLE PRECISION", code, flags=re.I)
    code = re.sub(r"\bBLOB\b", "BYTEA", code, flags=re.I)
    code = re.sub(r"\)\s*WITHOUT\s+ROWID", ")", code, flags=re.I)
    return _unmasked(code, literals)


_CREATE_INDEX = re.compile(r"^(CREATE\s+INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?\w+\s+ON\s+\w+\s*)\(", re.I)


def _top_level(text: str) -> list[str]:
    """``text`` split at the commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return [*parts, text[start:]]


def _nulls_first(code: str) -> str:
    """An index sorted as SQLite sorts (NULLs smallest), so ``ORDER BY c DESC NULLS LAST`` and ``ORDER BY
    c NULLS FIRST`` -- SQLite's defaults, spelled out in the store's SQL -- walk it instead of sorting."""
    m = _CREATE_INDEX.match(code)
    if not m:
        return code
    depth, end = 0, m.end() - 1
    for end in range(m.end() - 1, len(code)):
        depth += (code[end] == "(") - (code[end] == ")")
        if depth == 0:
            break
    cols = [c.strip() if "NULLS" in c.upper() else f"{c.strip()} NULLS FIRST"
            for c in _top_level(code[m.end():end])]
    return f"{m.group(1)}({', '.join(cols)}){code[end + 1:]}"


def ddl(statement: str) -> list[str]:
    """One statement of a SQLite migration as the PostgreSQL statements doing the same."""
    code = _COMMENT.sub("", statement).strip().rstrip(";").strip()
    if not code:
        return []
    if "reports_fts" in code:
        # The FTS5 table, its triggers, its rebuild: all one tsvector column here (created once).
        return list(_FULL_TEXT) if re.match(r"CREATE\s+VIRTUAL\s+TABLE", code, re.I) else []
    m = _TRIGGER_RAISE.match(code)
    if m:
        return _refuse(*m.groups())
    if re.match(r"CREATE\s+TRIGGER\s+audit_no_replace\b", code, re.I):
        # PostgreSQL has no REPLACE, and INSERT ... ON CONFLICT DO UPDATE fires the UPDATE trigger.
        return []
    if re.match(r"CREATE\s+TRIGGER", code, re.I):
        raise StoreError(f"no PostgreSQL form for trigger: {code[:80]}")
    code = _nulls_first(_column_types(code))
    m = _CREATE_TABLE.match(code)
    if m:
        # rowid: insertion order, as SQLite's (last column, so later ADD COLUMNs need no care)
        close = code.rindex(")")
        code = f"{code[:close].rstrip()},\n    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE\n{code[close:]}"
    return [code]


# --------------------------------------------------------------------------- the connection


class _Numeric(Loader):  # type: ignore[misc,valid-type]
    """numeric (what sum() of integers gives) as int or float, as SQLite returns it."""

    def load(self, data: Any) -> int | float:
        text = bytes(data).decode()
        try:
            return int(text)
        except ValueError:
            return float(text)


class Row(tuple):  # type: ignore[type-arg]
    """A result row by index, by column name and as ``dict(row)``, as ``sqlite3.Row``."""

    __slots__ = ()
    _names: tuple[str, ...]

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._names.index(key))
            except ValueError:
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


_ROW_CLASSES: dict[tuple[str, ...], type] = {}


def _row_class(names: tuple[str, ...]) -> type:
    cls = _ROW_CLASSES.get(names)
    if cls is None:
        cls = _ROW_CLASSES[names] = type("Row", (Row,), {"__slots__": (), "_names": names})
    return cls


def _row_factory(cursor: Any) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    cls = _row_class(tuple(d.name for d in desc))
    return lambda values: cls(values)


class _Cursor:
    """The result of one statement: iterate, fetchone, fetchall, rowcount."""

    def __init__(self, cur: Any) -> None:
        self._cur = cur
        self.rowcount = cur.rowcount

    def fetchone(self) -> Any:
        return self._cur.fetchone() if self._cur.description is not None else None

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall() if self._cur.description is not None else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())

    @property
    def lastrowid(self) -> None:
        raise StoreError("lastrowid is SQLite's; use INSERT ... RETURNING id")


_WRITE = re.compile(r"^\s*(?:INSERT|UPDATE|DELETE|REPLACE)\b", re.I)
_BEGIN = re.compile(r"^\s*BEGIN(\s+(IMMEDIATE|EXCLUSIVE|DEFERRED))?\s*;?\s*$", re.I)


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _param(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)  # SQLite stores booleans as integers
    if isinstance(value, str) and _UNSTORABLE.search(value):
        # PostgreSQL text holds neither NUL nor a lone surrogate (SQLite holds both): one U+FFFD each,
        # so every character offset (spans) stays where it was.
        return _UNSTORABLE.sub("\ufffd", value)
    return value


class PgConnection:
    """A psycopg connection behaving as the ``sqlite3.Connection`` the store's methods use."""

    # per database URL: table -> primary key columns (read after migrating; the schema is ours)
    _keys: ClassVar[dict[str, dict[str, tuple[str, ...]]]] = {}
    _sql: ClassVar[dict[tuple[str, str], str]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, raw: Any, url: str) -> None:
        self.raw = raw
        self.url = url

    # -- transactions, as sqlite3 (legacy isolation: writes open one, commit/rollback end it)
    @property
    def in_transaction(self) -> bool:
        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def begin(self) -> None:
        """Start a write transaction holding the one-writer lock (SQLite's BEGIN IMMEDIATE)."""
        self.raw.execute(f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})")  # one round trip

    def commit(self) -> None:
        if self.in_transaction:
            self.raw.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    def __enter__(self) -> "PgConnection":
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.rollback()

    def close(self) -> None:
        self.raw.close()

    # -- statements
    def primary_keys(self) -> dict[str, tuple[str, ...]]:
        keys = self._keys.get(self.url)
        if keys is None:
            found: dict[str, list[str]] = {}
            for table, col in self.raw.execute(
                    "SELECT t.relname, a.attname FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
                    " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)"
                    " WHERE i.indisprimary AND t.relnamespace = current_schema()::regnamespace"
                    " ORDER BY t.relname, array_position(i.indkey, a.attnum)").fetchall():
                found.setdefault(table, []).append(col)
            keys = self._keys[self.url] = {t: tuple(c) for t, c in found.items()}
        return keys

    def forget_schema(self) -> None:
        self._keys.pop(self.url, None)

    def _translated(self, sql: str) -> str:
        key = (self.url, sql)
        out = self._sql.get(key)
        if out is None:
            out = translate(sql, self.primary_keys())
            with self._lock:
                if len(self._sql) > 4096:
                    self._sql.clear()
                self._sql[key] = out
        return out

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> _Cursor:
        if _BEGIN.match(sql):
            self.begin()
            return _Cursor(self.raw.cursor())
        if not self.in_transaction and _WRITE.match(sql):
            self.begin()
        cur = self.raw.cursor()
        cur.execute(self._translated(sql), [_param(p) for p in params] if params else None)
        return _Cursor(cur)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> _Cursor:
        rows = [[_param(p) for p in r] for r in rows]
        if not self.in_transaction:
            self.begin()
        cur = self.raw.cursor()
        if rows:
            cur.executemany(self._translated(sql), rows)
        return _Cursor(cur)


def connect(url: str, busy_seconds: int) -> PgConnection:
    if psycopg is None:
        raise StoreError(f"{display(url)}: a PostgreSQL store needs psycopg; install factfinder[postgres] "
                         "(pip install 'psycopg[binary]')")
    try:
        raw = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.RawCursor, row_factory=_row_factory,
                              connect_timeout=30,
                              options=f"-c lock_timeout={busy_seconds * 1000} -c client_encoding=UTF8")
    except psycopg.Error as exc:
        raise StoreError(f"{display(url)}: cannot connect to PostgreSQL ({str(exc).strip()}). Check the host, "
                         "port, database name and credentials in the URL, and that the server is running.") from exc
    raw.adapters.register_loader("numeric", _Numeric)
    return PgConnection(raw, url)


def migrate(conn: PgConnection, migrations: Sequence[tuple[int, str, str]], statements: Any, stamp: str) -> None:
    """Apply the migrations not applied yet, translated (``statements`` splits a SQLite script), in one
    transaction under the migration lock (two processes may open a new store at once)."""
    raw = conn.raw
    exists = raw.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()[0]
    if exists:
        done = {r[0] for r in raw.execute("SELECT version FROM schema_migrations").fetchall()}
        if all(v in done for v, _, _ in migrations):
            return
    with raw.transaction():
        raw.execute("SELECT pg_advisory_xact_lock($1)", (MIGRATE_LOCK,))
        raw.execute("CREATE TABLE IF NOT EXISTS schema_migrations"
                    " (version BIGINT PRIMARY KEY, name TEXT, applied_at TEXT)")
        done = {r[0] for r in raw.execute("SELECT version FROM schema_migrations").fetchall()}
        if not done:
            for sql in COMPAT:
                raw.execute(sql)
        for version, name, script in migrations:
            if version in done:
                continue
            try:
                for statement in statements(script):
                    for pg in ddl(statement):
                        raw.execute(pg)
            except psycopg.Error as exc:
                raise StoreError(f"migration {version} ({name}) failed on PostgreSQL: {exc}") from exc
            raw.execute("INSERT INTO schema_migrations VALUES ($1, $2, $3)", (version, name, stamp))
    conn.forget_schema()


# --------------------------------------------------------------------------- the store

@dataclass
class PgStore(Store):
    """A store in a PostgreSQL database: every ``Store`` method, on a ``PgConnection``."""

    driver_errors = (psycopg.Error,) if psycopg else ()  # type: ignore[assignment]
    integrity_errors = (psycopg.IntegrityError,) if psycopg else ()  # type: ignore[assignment]
    # websearch_to_tsquery reads any input (quotes, OR, -word) and never raises a syntax error
    FTS_FROM = f"reports r CROSS JOIN websearch_to_tsquery('{TEXT_SEARCH_CONFIG}', ?) AS fts(q)"
    FTS_MATCH = "r.tsv @@ fts.q"
    FTS_RANK = "ts_rank(r.tsv, fts.q) DESC, r.rowid"
    FTS_SNIPPET = (f"ts_headline('{TEXT_SEARCH_CONFIG}', r.text, fts.q, 'StartSel=[, StopSel=], MaxWords=12,"
                   " MinWords=4, MaxFragments=1, FragmentDelimiter=\" … \"')")

    @property
    def location(self) -> str:
        return self.path

    def release(self) -> None:
        try:
            self.conn.close()
        except psycopg.Error:
            pass

    def _batched(self) -> Any:
        return self.conn.raw.pipeline()

    def has_table(self, name: str) -> bool:
        return bool(self.conn.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0])

    def backup(self, target: str | Path) -> Path:
        raise StoreError(f"{display(self.path)}: back up a PostgreSQL store with the server's tools "
                         f"(pg_dump -Fc -f {target} DBNAME; restore with pg_restore); `factfinder backup` "
                         "copies SQLite files only")


def open_pg_store(url: str) -> PgStore:
    conn = connect(url, BUSY_SECONDS)
    try:
        migrate(conn, MIGRATIONS, _statements, now())
    except BaseException:
        conn.close()
        raise
    return PgStore(display(url), conn)  # type: ignore[arg-type]  # (path shows in messages: no password)
