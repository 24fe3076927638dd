"""Test-only Dask worker preload (``dask worker --preload tests/dask_poison.py``), for tests/test_scale.py:
a report whose text starts with POISON ends its worker process at once, as an out-of-memory kill or a
crash in C would (no answer, no exception). Loaded in every worker process the nanny starts, restarted
ones included, so the report kills whichever worker is given it."""

from __future__ import annotations

import os
from typing import Any

MARK = "POISON"


def dask_setup(worker: Any) -> None:
    import factfinder.pipeline as pipeline

    real = pipeline.analyse_doc

    def analyse_doc(doc: Any, report: Any, timings: Any = None) -> Any:
        if report.text.startswith(MARK):
            os._exit(9)
        return real(doc, report, timings)

    pipeline.analyse_doc = analyse_doc  # type: ignore[assignment]  # scale.analyse_partition looks it up per call
