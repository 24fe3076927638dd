"""Ingest end to end through the CLI: real reports in, facts with provenance out; bad input is
quarantined without aborting the batch; re-ingest adds nothing; a SIGKILLed run, re-run, gives the
same store as an uninterrupted one."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from factfinder.cli import main

from conftest import CORPUS, need_shared

BIN = Path(sys.executable).with_name("factfinder")


def run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return res.exit_code, res.output


def stats(db: Path) -> dict[str, int]:
    code, out = run("stats", "--db", str(db), "--json")
    assert code == 0, out
    return json.loads(out)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    need_shared(CORPUS)
    db = tmp_path_factory.mktemp("ingest") / "corpus.db"
    code, out = run("ingest", str(CORPUS), "--db", str(db), "--no-progress", "--json")
    assert code == 0, out
    return db, json.loads(out[out.index("{"):])


def test_corpus_ingest_stores_every_report_with_provenance(corpus_db):
    db, summary = corpus_db
    assert summary["stored"] == 10 and summary["quarantined"] == 0 and summary["complete"]
    counts = stats(db)
    assert counts["reports"] == 10 and counts["mentions"] > 50 and counts["actors"] > 20
    conn = sqlite3.connect(db)
    raw = CORPUS.read_bytes()
    import hashlib

    line1 = raw.splitlines()[0]
    sha, source, captured = conn.execute(
        "SELECT raw_sha256, source, captured_at FROM reports WHERE id='ap-2024-09-30-lithuania-icc'").fetchone()
    assert sha == hashlib.sha256(line1).hexdigest() or sha == hashlib.sha256(line1 + b"\n").hexdigest()
    assert source.endswith("reports.jsonl:1") and captured
    # Every fact points into its report's text.
    for table in ("mentions", "dates", "places", "magnitudes", "quotes", "events"):
        for rid, start, end, text in conn.execute(f'SELECT report_id, start, "end", text FROM {table}'):
            body = conn.execute("SELECT text FROM reports WHERE id=?", (rid,)).fetchone()[0]
            assert body[start:end] == text, (table, rid, start, end, text)
    # Every fact records the extractor (and the report the model versions) that produced it.
    assert conn.execute("SELECT count(*) FROM mentions WHERE extractor = '' OR extractor IS NULL").fetchone()[0] == 0
    versions = json.loads(conn.execute("SELECT versions FROM reports LIMIT 1").fetchone()[0])
    assert versions["model"].startswith("en_core_web_sm") and "factfinder" in versions


def test_reingest_adds_nothing(corpus_db):
    db, _ = corpus_db
    before = stats(db)
    code, out = run("ingest", str(CORPUS), "--db", str(db), "--no-progress", "--json")
    summary = json.loads(out[out.index("{"):])
    assert code == 0 and summary["stored"] == 0 and summary["duplicates"] == 10
    assert stats(db) == before


def test_search_show_actors(corpus_db):
    db, _ = corpus_db
    code, out = run("search", "crackdown", "--db", str(db), "--json")
    hits = json.loads(out)
    assert code == 0 and any(h["id"] == "ap-2024-09-30-lithuania-icc" for h in hits)
    code, out = run("show", "ap-2024-09-30", "--db", str(db), "--json")
    shown = json.loads(out)
    assert shown["report"]["outlet"] == "Associated Press" and shown["mentions"]
    code, out = run("actors", "--db", str(db), "--json")
    names = [a["canonical"] for a in json.loads(out)]
    assert "International Criminal Court" in names
    code, out = run("show", "no-such-report", "--db", str(db))
    assert code != 0 and "no report" in out


def test_bad_inputs_are_quarantined_and_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Police detained 40 students in the capital on Friday, witnesses said.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "notes.xyz").write_text("what is this")
    (folder / "broken.jsonl").write_text(
        '{"id": "ok-1", "text": "Soldiers shelled the village on Sunday, residents said."}\n{not json\n')
    (folder / "nothing.html").write_text("<html><head><title>x</title></head><body><nav>menu</nav></body></html>")
    db = tmp_path / "bad.db"
    code, out = run("ingest", str(folder), "--db", str(db), "--no-progress")
    assert code == 1  # some inputs failed
    assert "stored: 2" in out and "all inputs accounted for" in out
    code, out = run("quarantine", "--db", str(db), "--json")
    rows = json.loads(out)
    sources = " ".join(r["source"] for r in rows)
    for name in ("empty.txt", "binary.txt", "notes.xyz", "broken.jsonl:2", "nothing.html"):
        assert name in sources, (name, rows)
    assert all(r["message"] for r in rows)
    # Running the same batch again adds nothing, neither reports nor quarantine rows.
    before = stats(db)
    run("ingest", str(folder), "--db", str(db), "--no-progress")
    assert stats(db) == before


def _snapshot(db: Path) -> dict[str, list]:
    """Store content without run-time timestamps."""
    conn = sqlite3.connect(db)
    out = {"reports": conn.execute(
        "SELECT id, text, outlet, published, raw_sha256, source FROM reports ORDER BY id").fetchall()}
    for table in ("mentions", "actors", "dates", "places", "magnitudes", "quotes", "claims", "events"):
        out[table] = conn.execute(f"SELECT id, data FROM {table} ORDER BY id").fetchall()
    out["quarantine"] = conn.execute("SELECT source, stage, message FROM quarantine ORDER BY source").fetchall()
    out["originals"] = conn.execute("SELECT raw_sha256 FROM originals ORDER BY 1").fetchall()
    # Derived at the end of each run (fusion, identities): a killed run's re-run must derive the same.
    out["stories"] = conn.execute("SELECT id, data FROM stories ORDER BY id").fetchall()
    out["story_reports"] = conn.execute(
        "SELECT story_id, report_id, copy_of FROM story_reports ORDER BY 1, 2").fetchall()
    out["disputes"] = conn.execute("SELECT id, data FROM disputes ORDER BY id").fetchall()
    out["identities"] = conn.execute("SELECT actor_id, identity_id, name FROM actor_identities ORDER BY 1").fetchall()
    return out


def test_sigkill_mid_batch_then_rerun_equals_uninterrupted(tmp_path):
    need_shared(CORPUS)
    folder = tmp_path / "batch"
    folder.mkdir()
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    for copy in range(4):  # 40 distinct reports, one file each
        for n, line in enumerate(lines):
            d = json.loads(line)
            (folder / f"{copy:02d}-{n:02d}.txt").write_text(f"Update {copy}. " + d["text"], encoding="utf-8")
    (folder / "zz-empty.txt").write_text("")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"
    cmd = [str(BIN), "ingest", str(folder), "--no-progress", "--published", "2024-09-30"]
    proc = subprocess.Popen(cmd + ["--db", str(killed_db)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            stored = sqlite3.connect(killed_db, timeout=1).execute("SELECT count(*) FROM reports").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 3:
            break
    assert proc.poll() is None, "ingest finished before it could be killed; make the batch larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 3 <= stored < 40
    subprocess.run(cmd + ["--db", str(killed_db)], env=env, capture_output=True, check=False)
    subprocess.run(cmd + ["--db", str(clean_db)], env=env, capture_output=True, check=False)
    a, b = _snapshot(killed_db), _snapshot(clean_db)
    assert len(a["reports"]) == 40
    assert a == b


def test_long_report_is_split_into_section_reports_with_honest_spans(tmp_path):
    from factfinder.ingest import ingest
    from factfinder.store import open_store

    folder = tmp_path / "long"
    folder.mkdir()
    paragraphs = [f"Police detained {n} students in the capital on Friday, witnesses said. "
                  f"The interior ministry of Norland confirmed {n + 2} arrests." for n in range(40)]
    text = "\n\n".join(paragraphs)
    (folder / "dump.txt").write_text(text)
    (folder / "ok.txt").write_text("Soldiers shelled the village on Sunday, residents said.")
    with open_store(tmp_path / "long.db") as store:
        summary = ingest(store, [folder], progress=False, section_chars=1000)
        assert summary.complete and not summary.quarantined
        rows = store.rows('SELECT s.report_id, s.n, s.of, s.start, s."end", r.text FROM report_sections s'
                          " JOIN reports r ON r.id = s.report_id ORDER BY s.n")
        assert len(rows) == summary.sections + 1 >= 5
        whole = " ".join(text.split())
        for row in rows:
            assert len(row["text"]) <= 1000
            assert row["report_id"].endswith(f"#s{row['n']}") and row["of"] == len(rows)
            assert text[row["start"]:row["end"]] == row["text"]  # the section is a slice of the whole
            assert row["text"].startswith("Police detained") and row["text"].endswith("arrests.")  # paragraph cuts
        assert " ".join(" ".join(r["text"] for r in rows).split()) == whole  # nothing dropped
        # Spans point into the section's own text.
        for fact in store.rows("SELECT m.start, m.\"end\", m.text, r.text AS body FROM mentions m"
                               " JOIN reports r ON r.id = m.report_id WHERE r.id LIKE '%#s%'"):
            assert fact["body"][fact["start"]:fact["end"]] == fact["text"]
        again = ingest(store, [folder], progress=False, section_chars=1000)
        assert again.stored == 0 and again.duplicates == again.reports_found + again.sections
