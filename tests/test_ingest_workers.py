"""ingest --workers N: a report that kills its forked worker process (as an out-of-memory kill or a crash
in C would) is stored without facts and quarantined with the reason; the dead worker is replaced and
every other report is stored with all its facts, as one process stores them. (The same on a Dask
cluster: tests/test_scale.py.)"""

from __future__ import annotations

import json
import os

from factfinder.ingest import ingest
from factfinder.store import open_store

from sample_counts import fact_counts


def test_a_report_that_kills_its_worker_is_quarantined_and_the_batch_goes_on(one_process, tmp_path, monkeypatch):
    """``workers=2``, one report that ends whichever worker analyses it."""
    import factfinder.pipeline as pipeline

    reference, _ = one_process
    with open_store(str(reference)) as store:
        rows = store.rows("SELECT id, url, outlet, published, dateline, title, text FROM reports ORDER BY id")
    reports = [dict(r) for r in rows]
    reports.insert(3, {"id": "poison-2", "text": "POISON Officials said on Monday that talks would resume."})
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in reports))
    real = pipeline.analyse_doc

    def analyse_doc(doc, report, timings=None):  # type: ignore[no-untyped-def]
        if report.text.startswith("POISON"):
            os._exit(9)  # as an out-of-memory kill would: no answer, no exception
        return real(doc, report, timings)

    monkeypatch.setattr(pipeline, "analyse_doc", analyse_doc)  # inherited by the forked workers
    db = tmp_path / "forked.db"
    with open_store(str(db)) as store:
        summary = ingest(store, [batch], workers=2, progress=False)
        quarantine = store.rows("SELECT stage, message FROM quarantine")
    assert summary.complete and summary.stored == 7 and summary.reasons["analyse"] == 1
    ((stage, message),) = [(q["stage"], q["message"]) for q in quarantine]
    assert stage == "analyse" and "batch.jsonl:4" in message and "gave no answer (it died or hung)" in message
    got = fact_counts(db)
    assert got.pop("poison-2") == {}
    assert got == fact_counts(reference)
