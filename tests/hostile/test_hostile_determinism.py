"""Two runs of the same ingest under different PYTHONHASHSEED values give identical stores (every
table, every row; only wall-clock timestamps differ)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hostile_util import ENV, assert_clean_stderr, cli

# Invented reports: two happenings, several outlets each, with numbers and dates that disagree, so
# fusion builds stories with copies and disputes and identities link actors across reports.
REPORTS = [
    ("det-1", "Vesk Courier", "2025-03-10",
     "VESK, Norland — Police detained 40 students outside the Norland parliament on Friday, the interior "
     "ministry said. Interior Minister Arlo Brenn said the protesters had blocked the main road."),
    ("det-2", "Tarn Daily", "2025-03-10",
     "VESK, Norland — Police detained 65 students outside the Norland parliament on Friday, organisers said. "
     "Minister Brenn told reporters the protest was illegal."),
    ("det-3", "Kestria Wire", "2025-03-11",
     "VESK, Norland — Norland police arrested 40 students near parliament on Thursday, witnesses said. "
     "Arlo Brenn defended the arrests."),
    ("det-4", "Kestria Wire", "2025-03-12",
     "ODRAN, Kestria — Kestrian troops shelled the border village of Lume on Sunday, killing 3 civilians, "
     "the regional governor Mira Kask said."),
    ("det-5", "Vesk Courier", "2025-03-12",
     "ODRAN, Kestria — Kestrian artillery shelled the village of Lume on Sunday, killing 5 civilians, "
     "governor Mira Kask said on Monday."),
    ("det-6", "Tarn Daily", "2025-03-12",
     "ODRAN, Kestria — Kestrian troops shelled the border village of Lume on Sunday, killing 3 civilians, "
     "the regional governor Mira Kask said."),
]
TIMESTAMPS = {"ingested_at", "captured_at", "first_seen", "last_seen", "started_at", "finished_at", "applied_at",
              "seen_at"}


def _dump(db: Path) -> dict[str, list]:
    conn = sqlite3.connect(db)
    out = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        if table.startswith("reports_fts") or table == "ingest_runs":
            continue
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in TIMESTAMPS]
        names = ", ".join(f'"{c}"' for c in cols)
        # In stored order (rowid), not sorted: the order rows were written in must not depend on the seed.
        order = "rowid" if conn.execute(f"SELECT 1 FROM pragma_table_list WHERE name = '{table}' AND wr = 0")\
            .fetchone() else "1"
        out[table] = conn.execute(f"SELECT {names} FROM {table} ORDER BY {order}").fetchall()
    runs = conn.execute("SELECT summary FROM ingest_runs ORDER BY id").fetchall()
    out["ingest_runs.summary"] = [json.loads(r[0]) for r in runs]
    return out


def test_two_hash_seeds_give_identical_stores(tmp_path):
    src = tmp_path / "reports.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "outlet": o, "published": d, "text": t,
                                         "captured_at": "2025-03-13T00:00:00Z"}) for i, o, d, t in REPORTS) + "\n")
    dumps = []
    for seed in ("1", "2024"):
        db = tmp_path / f"seed{seed}.db"
        proc = cli("ingest", src, "--db", db, "--no-progress", env={**ENV, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr.decode()
        assert_clean_stderr(proc)
        dumps.append(_dump(db))
    a, b = dumps
    # the comparison covers derived tables
    assert a["stories"] and a["disputes"] and a["actor_identities"] and a["events"]
    for table in a:
        assert a[table] == b[table], table
