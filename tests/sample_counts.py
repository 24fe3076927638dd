"""The bundled samples stored by one process, as the reference a distributed run (forked workers,
a Dask cluster) must reproduce fact for fact: shared by tests/test_ingest_workers.py and
tests/test_scale.py, which both compare against it."""

from __future__ import annotations

from pathlib import Path

from factfinder.store import open_store

SAMPLES = Path(__file__).resolve().parents[1] / "factfinder" / "samples"
FACT_TABLES = ("mentions", "actors", "coref", "dates", "places", "magnitudes", "quotes", "claims", "events")


def fact_counts(db: Path) -> dict[str, dict[str, int]]:
    """report id -> facts per table."""
    with open_store(str(db)) as store:
        out: dict[str, dict[str, int]] = {r["id"]: {} for r in store.rows("SELECT id FROM reports ORDER BY id")}
        for table in FACT_TABLES:
            for row in store.rows(f"SELECT report_id, count(*) AS n FROM {table} GROUP BY report_id"):
                out[row["report_id"]][table] = row["n"]
    return out
