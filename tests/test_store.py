"""The SQLite store: migrations, WAL, foreign keys, FTS5, one transaction per report, round trips."""

from __future__ import annotations

import sqlite3

import pytest

from factfinder.errors import StoreError
from factfinder.records import Analysis, Attribution, Event, Quarantined, Report, Span, TimeValue
from factfinder.store import open_store


def _analysis(rid: str = "r1") -> Analysis:
    text = "Police detained 12 protesters in the capital on Monday, the ministry said."
    rep = Report(id=rid, text=text, outlet="Test Wire", published="2024-09-30", raw_sha256="ab" * 32)
    trig = Span(rid, 7, 15, text[7:15])
    ev = Event(trigger=trig, sentence=Span(rid, 0, len(text), text), plover="COERCE", mode="arrest",
               sources=("Police",), targets=("protesters",),
               date=TimeValue(Span(rid, 46, 55, text[46:55]), "2024-09-30", "day"),
               attribution=Attribution("ministry", kind="reported_speech"), extractor="test.v1")
    return Analysis(report=rep, events=(ev,), versions={"test": "1"})


def test_schema_is_migrated_with_wal_and_foreign_keys(tmp_path):
    store = open_store(tmp_path / "s.db")
    assert store.schema_version() >= 1
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    store.close()
    # Re-opening does not re-run migrations.
    again = open_store(tmp_path / "s.db")
    from factfinder.store.migrations import MIGRATIONS

    assert again.conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)
    assert again.schema_version() == max(v for v, _, _ in MIGRATIONS)


def test_write_is_idempotent_and_round_trips(tmp_path):
    store = open_store(tmp_path / "s.db")
    a = _analysis()
    assert store.write_analysis(a, raw=b"original bytes") is True
    assert store.write_analysis(a, raw=b"original bytes") is False
    assert store.stats()["reports"] == 1 and store.stats()["events"] == 1
    back = store.load_analysis("r1")
    assert back is not None and back.events == a.events and back.report.text == a.report.text
    assert store.original("ab" * 32) == b"original bytes"
    ev = store.rows("SELECT * FROM events")[0]
    assert (ev["start"], ev["end"], ev["text"]) == (7, 15, "detained")
    assert ev["extractor"] == "test.v1"


def test_fact_without_report_is_refused(tmp_path):
    store = open_store(tmp_path / "s.db")
    with pytest.raises(sqlite3.IntegrityError):
        with store.conn:
            store.conn.execute(
                "INSERT INTO dates (id, report_id, extractor, data) VALUES ('x', 'missing', 'e', '{}')")


def test_full_text_search_and_bad_query(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.write_analysis(_analysis())
    assert [h["id"] for h in store.search("detained")] == ["r1"]
    assert store.search("nothing-like-this") == []
    # FTS5 syntax errors fall back to a phrase search instead of failing.
    assert [h["id"] for h in store.search('detained "')] == ["r1"]


def test_quarantine_is_keyed_so_reruns_add_nothing(tmp_path):
    store = open_store(tmp_path / "s.db")
    q = Quarantined("in/bad.txt", "ingest", "BadInput", "in/bad.txt: empty file. Remove it.")
    store.quarantine(q)
    store.quarantine(q)
    assert store.stats()["quarantine"] == 1
    assert store.quarantined()[0]["source"] == "in/bad.txt"


def test_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(bad)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "dir.db")


def test_backup_is_a_whole_store_that_restores(corpus_db, tmp_path):
    """`factfinder backup` copies every table (reports, facts, originals, stories) into a file that opens
    as a store, takes new reviews and passes `verify`; it never overwrites an existing file."""
    import json
    import sqlite3

    from click.testing import CliRunner

    from factfinder.cli import main
    from factfinder.review import record_review

    copy = tmp_path / "backup.db"
    res = CliRunner().invoke(main, ["backup", str(copy), "--db", str(corpus_db)], catch_exceptions=False)
    assert res.exit_code == 0, res.output

    def tables(path):
        conn = sqlite3.connect(path)
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
        out = {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
        conn.close()
        return out

    original = tables(corpus_db)
    assert tables(copy) == original and original["reports"] == 10 and original["originals"] > 0
    with open_store(copy) as restored:
        event = restored.rows("SELECT id FROM events ORDER BY id LIMIT 1")[0]["id"]
        record_review(restored.conn, "ana", "accept", "events", event, why="checked in the restored copy")
        assert restored.search("Lithuania")  # the full-text index came along
    res = CliRunner().invoke(main, ["verify", "--db", str(copy), "--json"], catch_exceptions=False)
    assert res.exit_code == 0 and json.loads(res.output)["ok"], res.output
    again = CliRunner().invoke(main, ["backup", str(copy), "--db", str(corpus_db)])
    assert again.exit_code == 2 and "already exists" in again.output


# Modules whose SQL has moved into store/ (issue 15); the fusion, identity and ingest modules join
# this list when theirs has moved too.


def test_sql_lives_in_the_store():
    """No SQL statement and no sqlite3 outside factfinder/store/: every other module calls Store methods."""
    import re
    from pathlib import Path

    import factfinder

    root = Path(factfinder.__file__).parent
    files = [p for p in root.rglob("*.py") if p.relative_to(root).parts[0] != "store"]
    assert len(files) > 50
    sql = re.compile(r"\.execute(many)?\(|\bsqlite3\b|\.rows\(\s*[\"']|[\"'](SELECT|INSERT|UPDATE|DELETE) ")
    found = [f"{p.relative_to(root)}:{n}: {line.strip()}" for p in files
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if sql.search(line)]
    assert not found, "\n".join(found)


def test_fact_ids_are_minted_by_the_store(tmp_path):
    """The writer, the reviewed view and the legal mappings give a fact the same id (store.fact_id)."""
    from factfinder.cases.mapping import map_analysis
    from factfinder.store import fact_id

    with open_store(tmp_path / "s.db") as store:
        store.write_analysis(_analysis("r1"))
        assert store.fact_data("events", fact_id("r1", "events", 0))["plover"] == "COERCE"
        rv = store.reviewed_analysis("r1")
        assert [f.id for f in rv.events] == [fact_id("r1", "events", 0)]
        facts = [m.fact_id for m in map_analysis(rv.analysis) if m.fact_id is not None]
        assert facts and set(facts) == {fact_id("r1", "events", 0)}
