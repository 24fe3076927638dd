"""The audit trail is append-only and tamper-evident: REPLACE is refused by a trigger, every row is
hash-chained, and `factfinder verify` re-computes the chain and re-hashes the stored originals."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from hostile_util import assert_clean_stderr, cli


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    from factfinder.ingest import ingest
    from factfinder.review import record_review
    from factfinder.store import open_store

    root = tmp_path_factory.mktemp("audit")
    (root / "a.txt").write_text("Police detained 40 students in the Norland capital on Friday, witnesses said.")
    (root / "b.txt").write_text("Troops of Kestria shelled the village of Lume on Sunday, the governor said.")
    db = root / "audit.db"
    with open_store(db) as store:
        ingest(store, [root], progress=False)
        facts = [r["id"] for r in store.rows("SELECT id FROM mentions ORDER BY id LIMIT 2")]
        event = store.rows("SELECT id FROM events ORDER BY id LIMIT 1")[0]["id"]
        assert len(facts) == 2
        record_review(store, "ana", "accept", "mentions", facts[0], why="checked against the source")
        record_review(store, "ben", "reject", "mentions", facts[1], why="not a person")
        record_review(store, "ana", "amend", "events", event, value={"negated": True})
    return db


def _copy(db, tmp_path):
    target = tmp_path / "copy.db"
    src = sqlite3.connect(db)
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


def test_rows_are_chained(reviewed):
    conn = sqlite3.connect(reviewed)
    rows = conn.execute("SELECT id, prev_hash, hash FROM audit ORDER BY id").fetchall()
    assert len(rows) == 3 and rows[0][1] == ""
    for (_, _, prev), (_, link, own) in zip(rows, rows[1:], strict=False):
        assert link == prev and own and own != prev


def test_verify_passes_on_an_untouched_store(reviewed):
    proc = cli("verify", "--db", reviewed, "--json")
    assert proc.returncode == 0, proc.stdout
    result = json.loads(proc.stdout)
    assert result["ok"] and result["audit_rows"] == 3 and result["originals"] == 2


def test_replace_into_and_insert_or_replace_are_refused(reviewed, tmp_path):
    db = _copy(reviewed, tmp_path)
    conn = sqlite3.connect(db)
    for verb in ("REPLACE INTO", "INSERT OR REPLACE INTO"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(f"{verb} audit (id, at, who, action, target_table, target_id) "
                         "VALUES (1, 'now', 'mallory', 'accept', 'mentions', 'x')")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit SET who = 'mallory' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit WHERE id = 1")
    assert conn.execute("SELECT who FROM audit WHERE id = 1").fetchone()[0] == "ana"


def test_verify_detects_an_altered_audit_row_and_an_altered_original(reviewed, tmp_path):
    db = _copy(reviewed, tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER audit_no_update")  # what an attacker with the file can do
    conn.execute("UPDATE audit SET why = 'never checked' WHERE id = 1")
    digest = conn.execute("SELECT raw_sha256 FROM originals ORDER BY raw_sha256 LIMIT 1").fetchone()[0]
    conn.execute("UPDATE originals SET bytes = ? WHERE raw_sha256 = ?", (b"forged words", digest))
    conn.commit()
    conn.close()
    proc = cli("verify", "--db", db)
    assert proc.returncode == 1
    assert_clean_stderr(proc)
    out = proc.stdout.decode()
    assert "audit row 1" in out and "altered" in out
    assert f"original {digest} was altered" in out and hashlib.sha256(b"forged words").hexdigest() in out
    assert "audit row 2" not in out and "audit row 3" not in out  # the chain names the row that changed


def test_verify_detects_a_removed_middle_row(reviewed, tmp_path):
    db = _copy(reviewed, tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM audit WHERE id = 2")
    conn.commit()
    conn.close()
    proc = cli("verify", "--db", db)
    assert proc.returncode == 1 and "audit row 3 does not follow" in proc.stdout.decode()
