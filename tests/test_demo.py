"""scripts/demo as a new user runs it: samples ingested, a case built with its dossier, next steps printed."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_demo_builds_a_case_and_its_dossier(tmp_path):
    db = tmp_path / "demo.db"
    env = {**os.environ, "FACTFINDER_DB": str(db), "SERVE": "0", "FACTFINDER_USER": "dana"}
    run = subprocess.run(["bash", str(ROOT / "scripts" / "demo")], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    cases = sqlite3.connect(db).execute("SELECT id, name FROM cases").fetchall()
    assert len(cases) == 1
    case_id = cases[0][0]
    dossier = tmp_path / f"dossier-{case_id}.html"
    assert dossier.exists() and "Art. 7" in dossier.read_text(encoding="utf-8")
    assert re.search(rf"/cases/{case_id}\b", run.stdout) and "factfinder export --format xlsx" in run.stdout
    assert "not serving" in run.stdout
    # Run again: the store and the case are reused, not doubled.
    again = subprocess.run(["bash", str(ROOT / "scripts" / "demo")], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=900)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert sqlite3.connect(db).execute("SELECT count(*) FROM cases").fetchone()[0] == 1
