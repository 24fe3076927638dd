"""The loopback load test (bench/load.py) with tiny numbers: the real server under GET requests while
a concurrent `factfinder ingest` writes into the same store gives no 5xx and loses no write."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_load", ROOT / "bench" / "load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_synthetic_reports_are_distinct_and_grouped_into_happenings():
    bench = _bench()
    records = bench.synthetic_reports(9, seed=3, prefix="t")
    assert len({r["id"] for r in records}) == 9
    assert len({r["text"] for r in records}) == 9
    # three outlets tell each happening, so fusion has stories to find
    assert len({r["outlet"] for r in records[:3]}) == 3
    assert records == bench.synthetic_reports(9, seed=3, prefix="t")


def test_load_during_ingest_has_no_5xx_and_no_lost_writes():
    bench = _bench()
    result = bench.run(base_reports=6, ingest_reports=10, requests=30, seconds=30, threads=2, setup_timeout=120)
    assert result["load"]["responses_5xx"] == 0, json.dumps(result["routes"])
    assert result["load"]["failed_requests"] == 0, result["load"]["failures"]
    assert result["ingest"]["exit_code"] == 0, result["ingest"]["log_tail"]
    assert result["ingest"]["lost_writes"] == 0, result["ingest"]["missing"]
    assert result["ok"], result["checks"]
    assert result["load"]["requests"] == 30
    assert not result["routes_skipped"]  # the store has something behind every detail route
    assert json.loads(bench.render(result)) == result
