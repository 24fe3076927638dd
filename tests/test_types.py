"""The public API type-checks: mypy --strict over the files named in pyproject.toml [tool.mypy]."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_public_api_type_checks():
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "No module named mypy" not in run.stderr, "mypy is pinned in requirements.lock: run scripts/bootstrap"
    assert run.returncode == 0, run.stdout + run.stderr
