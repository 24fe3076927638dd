"""Wires the extraction stages. Each stage is a module in ``factfinder.extract`` exposing

    NAME: str            e.g. "factfinder.dates.rules.v1" (recorded on every fact it makes)
    REQUIRES: tuple[str] Analysis fields it reads (besides the report)
    ASSIGNS: tuple[str]  Analysis fields it fills
    run(doc, analysis) -> Analysis

The order is checked once at import time so a mis-wired pipeline fails fast with a clear message.
"""

from __future__ import annotations

import functools
import importlib
import time
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING

from .errors import StageError
from .records import Analysis, Report

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Order matters: later stages read what earlier ones assign.
STAGE_MODULES = (
    "entities",  # mentions, actors
    "coref",  # coref: pronouns, titles, descriptions, issued texts -> actors
    "dates",
    "places",
    "magnitudes",
    "quotes",  # quotes, claims
    "events",
)


def _load_stages() -> list[ModuleType]:
    return [importlib.import_module(f"factfinder.extract.{name}") for name in STAGE_MODULES]


def check_order(stages: list[ModuleType]) -> None:
    """Fail fast if a stage reads a field no earlier stage assigns."""
    available = {"report"}
    for stage in stages:
        missing = [f for f in stage.REQUIRES if f not in available]
        if missing:
            raise StageError(
                f"stage {stage.NAME} requires {missing}, which no earlier stage assigns; "
                f"reorder STAGE_MODULES in factfinder/pipeline.py"
            )
        available.update(stage.ASSIGNS)


STAGES = _load_stages()
check_order(STAGES)


@functools.lru_cache(maxsize=1)
def _versions() -> dict[str, str]:
    return versions()


def versions() -> dict[str, str]:
    from . import __version__
    from .nlp import model_version

    out = {"factfinder": __version__, "model": model_version()}
    out.update({s.__name__.rsplit(".", 1)[-1]: s.NAME for s in STAGES})
    return out


def analyse_doc(doc: "Doc", report: Report, timings: dict[str, float] | None = None) -> Analysis:
    """Run every stage on an already-parsed Doc. ``timings`` (stage name -> seconds) is filled when given."""
    analysis = Analysis(report=report, versions=dict(_versions()))
    for stage in STAGES:
        t0 = time.perf_counter() if timings is not None else 0.0
        try:
            analysis = stage.run(doc, analysis)
        except Exception as exc:  # a stage bug must name the stage and the report
            raise StageError(f"report {report.id}: stage {stage.NAME} failed: {exc!r}") from exc
        if timings is not None:
            timings[stage.NAME] = timings.get(stage.NAME, 0.0) + time.perf_counter() - t0
    return analysis


def analyse(report: Report) -> Analysis:
    """Parse and analyse one report."""
    from .nlp import load

    return analyse_doc(load()(report.text), report)


def analyse_many(
    reports: Iterable[Report], n_process: int = 1, batch_size: int = 16
) -> Iterator[Analysis]:
    """Stream analyses; ids stay attached via as_tuples. n_process > 1 uses spaCy's process pool."""
    from .nlp import load

    nlp = load()
    pairs = ((r.text, r) for r in reports)
    for doc, report in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
        yield analyse_doc(doc, report)


