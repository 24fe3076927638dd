"""The store opens in Datasette unchanged: tables browse, full-text search is detected."""

from __future__ import annotations

import asyncio

import pytest

datasette_app = pytest.importorskip("datasette.app", reason="datasette is a test dependency (requirements.lock)")


def test_store_opens_in_datasette(corpus_db):
    async def check():
        ds = datasette_app.Datasette([str(corpus_db)])
        name = corpus_db.stem
        tables = await ds.client.get(f"/{name}.json")
        assert tables.status_code == 200
        reports = await ds.client.get(f"/{name}/reports.json?_shape=array")
        assert reports.status_code == 200 and len(reports.json()) == 10
        hits = await ds.client.get(f"/{name}/reports.json?_search=crackdown&_shape=array")
        assert hits.status_code == 200 and any(r["id"] == "ap-2024-09-30-lithuania-icc" for r in hits.json())
        events = await ds.client.get(f"/{name}/events.json?plover=COERCE&_shape=array")
        assert events.status_code == 200 and events.json()

    asyncio.run(check())


def test_search_narrows_and_metadata_hides_secrets(tmp_path):
    """_search must narrow (the FTS table is detected), and with the shipped metadata the users table
    and ad-hoc SQL (which could read token hashes) are closed while canned queries work."""
    from factfinder.api.auth import add_user
    from factfinder.cli.web import datasette_metadata
    from reviewed_sample import build  # tests/: invented reports

    db = build(tmp_path)
    from factfinder.store import open_store

    with open_store(db) as store:
        add_user(store, "alice", "admin")

    async def check():
        ds = datasette_app.Datasette([str(db)], metadata=datasette_metadata(str(db)))
        name = db.stem
        every = (await ds.client.get(f"/{name}/reports.json?_shape=array")).json()
        hits = await ds.client.get(f"/{name}/reports.json?_search=Grodno&_shape=array")
        assert hits.status_code == 200
        assert [r["id"] for r in hits.json()] == ["bay/2"] and len(every) == 2
        assert (await ds.client.get(f"/{name}/users.json")).status_code == 403
        sql = await ds.client.get(f"/{name}.json?sql=select+token_hash+from+users")
        assert sql.status_code in (400, 403) and "argon2" not in sql.text
        tables = (await ds.client.get(f"/{name}.json")).json()["tables"]
        assert not any(t["name"] == "users" and not t["hidden"] for t in tables)
        canned = await ds.client.get(f"/{name}/events_by_type.json?_shape=array")
        assert canned.status_code == 200 and canned.json()
        reviewed = await ds.client.get(f"/{name}/reviewed_events.json?_shape=array")
        assert reviewed.status_code == 200 and {r["review"] for r in reviewed.json()} == {"unreviewed"}

    asyncio.run(check())


def test_migration_9_reindexes_an_existing_store(tmp_path):
    """A store made before migration 9 keeps its search, now declared the way Datasette reads it."""
    import sqlite3

    from factfinder.store import open_store
    from factfinder.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    for version, name, sql in MIGRATIONS:
        if version < 9:
            conn.executescript(sql)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'before')", (version, name))
    conn.execute("INSERT INTO reports (id, text, title, ingested_at, versions) VALUES"
                 " ('r1', 'Ferries stopped at the harbour.', 'Harbour', 'now', '{}')")
    conn.commit()
    conn.close()
    with open_store(path) as store:
        decl = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'reports_fts'").fetchone()[0]
        assert 'content="reports"' in decl
        assert [h["id"] for h in store.search("harbour")] == ["r1"]
