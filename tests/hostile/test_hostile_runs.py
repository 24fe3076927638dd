"""Hostile conditions around a run: two ingests at once, a full disk, a killed ingest with workers,
a report that takes too long, a report too long for one piece."""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hostile_util import BIN, ENV, assert_clean_stderr, rows, summary_of

SENT = ("Soldiers from Norland shelled the border village of Tarn on Sunday, residents said, and "
        "police detained {n} people in the capital of Kestria.")


def _reports(folder: Path, numbers: range) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (folder / f"r{n:03d}.txt").write_text(f"Report {n}. " + SENT.format(n=n))
    return folder


def test_two_concurrent_ingests_of_overlapping_inputs_both_finish(tmp_path):
    a = _reports(tmp_path / "a", range(0, 8))
    b = _reports(tmp_path / "b", range(4, 12))
    for n in range(4, 8):  # the overlap: identical files in both folders
        (b / f"r{n:03d}.txt").write_bytes((a / f"r{n:03d}.txt").read_bytes())
    db = tmp_path / "shared.db"  # new: both also race to create and migrate it
    procs = [subprocess.Popen([str(BIN), "ingest", str(folder), "--db", str(db), "--no-progress", "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV) for folder in (a, b)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    for r in results:
        assert r.returncode == 0, r.stderr.decode()
        assert_clean_stderr(r)
        assert summary_of(r)["complete"]
    assert rows(db, "SELECT count(*) FROM reports")[0][0] == 12
    # Each overlapping report was stored once; the other run counted it as a duplicate or a sighting
    # (the same text read from the other folder).
    stored = sum(summary_of(r)["stored"] for r in results)
    assert stored == 12
    assert rows(db, "SELECT count(*) FROM stories")[0][0] >= 1
    fused = rows(db, "SELECT count(*) FROM fusion_profiles")[0][0]
    assert fused == 12  # fusion ran under the write lock: no report left unfused


def _cli(*args: str):  # type: ignore[no-untyped-def]
    from factfinder.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_full_database_is_a_one_line_error_with_exit_3(tmp_path, monkeypatch):
    import factfinder.cli.store as cli_module
    from factfinder.store import open_store

    folder = _reports(tmp_path / "in", range(0, 30))
    db = tmp_path / "full.db"
    open_store(db).close()

    def tiny_store(path, must_exist=True):  # type: ignore[no-untyped-def]
        store = open_store(path)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 3}")  # SQLite's 'database or disk is full'
        return store

    monkeypatch.setattr(cli_module, "open_db", tiny_store)
    res = _cli("ingest", str(folder), "--db", str(db), "--no-progress")
    assert res.exit_code == 3, res.output
    (line,) = [x for x in res.stderr.splitlines() if x.startswith("factfinder:")]
    assert "disk is full" in line and "run the same command again" in line and "Traceback" not in res.stderr
    # What was written stands; without the limit the same command resumes and finishes.
    monkeypatch.undo()
    res = _cli("ingest", str(folder), "--db", str(db), "--no-progress")
    assert res.exit_code == 0, res.output
    assert rows(db, "SELECT count(*) FROM reports")[0][0] == 30


def test_no_space_left_oserror_is_exit_3(tmp_path, monkeypatch):
    from factfinder.store import Store

    folder = _reports(tmp_path / "in", range(0, 2))

    def enospc(self, analysis, raw=None):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Store, "write_analysis", enospc)
    res = _cli("ingest", str(folder), "--db", str(tmp_path / "x.db"), "--no-progress")
    assert res.exit_code == 3 and "disk is full" in res.stderr and "Traceback" not in res.stderr


def _children(pid: int) -> set[int]:
    out = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.add(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killed_ingest_with_workers_leaves_no_worker_processes(tmp_path):
    folder = _reports(tmp_path / "in", range(0, 60))
    proc = subprocess.Popen([str(BIN), "ingest", str(folder), "--db", str(tmp_path / "w.db"), "--no-progress",
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    workers: set[int] = set()
    deadline = time.time() + 180
    while time.time() < deadline and proc.poll() is None and len(workers) < 2:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert proc.poll() is None and len(workers) >= 2, "the ingest ended before its workers could be seen"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 15
    while time.time() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not [w for w in workers if _alive(w)], "workers outlived the killed ingest"


def test_workers_give_the_same_store_as_one_process(tmp_path):
    from factfinder.ingest import ingest
    from factfinder.store import open_store

    folder = _reports(tmp_path / "in", range(0, 6))
    snaps = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            s = ingest(store, [folder], workers=workers, progress=False)
            assert s.stored == 6 and s.complete
            snaps.append(store.rows("SELECT id, data FROM events ORDER BY id"))
    assert snaps[0] == snaps[1] and snaps[0]


def test_report_over_the_time_bound_is_stored_without_facts_and_quarantined(tmp_path, monkeypatch):
    import factfinder.pipeline as pipeline
    from factfinder.ingest import ingest
    from factfinder.store import open_store

    folder = _reports(tmp_path / "in", range(0, 2))
    (folder / "slow.txt").write_text("SLOW " + SENT.format(n=99))
    real = pipeline.analyse_doc

    def slow(doc, report, timings=None):  # type: ignore[no-untyped-def]
        if report.text.startswith("SLOW"):
            while True:  # a stage that never ends on this report
                time.sleep(0.01)
        return real(doc, report, timings)

    monkeypatch.setattr(pipeline, "analyse_doc", slow)
    with open_store(tmp_path / "t.db") as store:
        t0 = time.time()
        s = ingest(store, [folder], progress=False, report_seconds=1.0)
        assert time.time() - t0 < 120
        assert s.stored == 2 and s.reasons["analyse"] == 1 and s.complete
        (msg,) = [m for m in s.failures if "slow.txt" in m]
        assert "longer than 1 s" in msg and "Split it" in msg
        assert store.has_report(next(r["id"] for r in store.rows("SELECT id FROM reports WHERE text LIKE 'SLOW%'")))


def test_long_report_is_split_not_refused(tmp_path):
    from factfinder.ingest import ingest
    from factfinder.store import open_store

    folder = tmp_path / "in"
    folder.mkdir()
    body = "\n\n".join(f"Paragraph {n}. " + SENT.format(n=n) for n in range(30))
    (folder / "long.jsonl").write_text(json.dumps({"id": "big", "text": body}) + "\n")
    with open_store(tmp_path / "l.db") as store:
        s = ingest(store, [folder], progress=False, section_chars=2000)
        assert s.complete and not s.quarantined and s.stored == s.sections + 1 > 1
        ids = [r["report_id"] for r in store.rows("SELECT report_id FROM report_sections ORDER BY n")]
        assert ids == [f"big#s{n}" for n in range(1, len(ids) + 1)]
        assert store.rows("SELECT count(*) AS n FROM events WHERE report_id LIKE 'big#s%'")[0]["n"] >= len(ids)


def test_sqlite_waits_for_a_busy_writer(tmp_path):
    from factfinder.store import BUSY_SECONDS, open_store

    assert BUSY_SECONDS >= 60
    db = tmp_path / "busy.db"
    open_store(db).close()
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock for a moment
    import threading

    threading.Timer(1.0, lambda: other.execute("COMMIT")).start()
    with open_store(db) as store:
        t0 = time.time()
        with store.write():
            store.conn.execute("INSERT INTO ingest_runs (started_at, inputs) VALUES ('x', '[]')")
        assert time.time() - t0 >= 0.5  # it waited instead of failing with 'database is locked'


@pytest.fixture(autouse=True)
def _no_stray_env(monkeypatch):
    monkeypatch.delenv("FACTFINDER_DB", raising=False)


def test_a_worker_that_dies_quarantines_its_report_and_the_batch_goes_on(tmp_path, monkeypatch):
    import factfinder.pipeline as pipeline
    from factfinder.ingest import ingest
    from factfinder.store import open_store

    folder = _reports(tmp_path / "in", range(0, 4))
    (folder / "r002.txt").write_text("DIE " + SENT.format(n=2))
    real = pipeline.analyse_doc

    def crash(doc, report, timings=None):  # type: ignore[no-untyped-def]
        if report.text.startswith("DIE"):
            os._exit(9)  # as an out-of-memory kill would: no answer, no exception
        return real(doc, report, timings)

    monkeypatch.setattr(pipeline, "analyse_doc", crash)  # inherited by the forked workers
    with open_store(tmp_path / "d.db") as store:
        s = ingest(store, [folder], workers=2, progress=False, report_seconds=1.0)
    assert s.stored == 3 and s.reasons["analyse"] == 1 and s.complete
    (msg,) = s.failures
    assert "r002.txt" in msg and "gave no answer" in msg and "--workers 1" in msg
