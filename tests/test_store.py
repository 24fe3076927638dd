"""What is SQLite's own in the store: WAL, foreign keys, the file, backup; and where SQL may live.
The behaviours both backends share are in tests/test_store_backends.py."""

from __future__ import annotations

import pytest

from factfinder.errors import StoreError
from factfinder.store import open_store



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
        record_review(restored, "ana", "accept", "events", event, why="checked in the restored copy")
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
