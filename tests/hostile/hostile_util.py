"""Shared helpers of the hostile suite: run the real CLI in a subprocess and check its contract
(exit code, one line per problem on stderr, never a traceback)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).with_name("factfinder")
ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def cli(*args: str | Path, timeout: float = 300, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``factfinder ARGS`` in a subprocess (bytes output, since some names are not UTF-8)."""
    return subprocess.run([str(BIN), *map(str, args)], capture_output=True, timeout=timeout, env=env or ENV,
                          check=False)


def assert_clean_stderr(proc: subprocess.CompletedProcess) -> list[str]:
    """No traceback; every stderr line is one `error:`/`note:`/`factfinder:` line. Returns the lines."""
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    for line in lines:
        assert line.startswith(("error: ", "note: ", "factfinder: ")), line
    return lines


def summary_of(proc: subprocess.CompletedProcess) -> dict[str, Any]:
    out = proc.stdout.decode("utf-8")
    return json.loads(out[out.index("{"):])


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def quarantine_messages(db: Path) -> list[str]:
    return [r[0] for r in rows(db, "SELECT message FROM quarantine ORDER BY id")]
