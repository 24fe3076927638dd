"""Wires the extraction stages. Each stage is a module in ``factfinder.extract`` exposing

    NAME: str            e.g. "factfinder.dates.rules.v1" (recorded on every fact it makes)
    REQUIRES: tuple[str] Analysis fields it reads (besides the report)
    ASSIGNS: tuple[str]  Analysis fields it fills
    run(doc, analysis) -> Analysis

Stages are imported statically and kept in ``REGISTRY`` by their NAME, so two implementations of one
slot (the rule event coder and a learned one, say) stand side by side and the setting
``stages.<slot>`` (docs/settings.md) chooses which runs; unset, a slot runs its default. The chosen
order is checked once at import time, so a mis-wired pipeline fails fast with a clear message.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Protocol

from .errors import StageError
from .extract import coref, dates, entities, events, magnitudes, places, quotes
from .records import Analysis, Report
from .settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc


class Stage(Protocol):
    """What pipeline needs of a stage module (see the module docstring)."""

    NAME: str
    REQUIRES: tuple[str, ...]
    ASSIGNS: tuple[str, ...]

    def run(self, doc: Doc, analysis: Analysis) -> Analysis: ...


# Every implementation, by its versioned NAME. A second implementation of a slot is one more import
# and one more entry here; its NAME must be "factfinder.<slot>.<method>.<version>".
REGISTRY: dict[str, Stage] = {s.NAME: s for s in (entities, coref, dates, places, magnitudes, quotes, events)}

# The slots in order (later stages read what earlier ones assign), each with its default implementation.
SLOTS: tuple[tuple[str, str], ...] = (
    ("entities", entities.NAME),  # mentions, actors
    ("coref", coref.NAME),  # coref: pronouns, titles, descriptions, issued texts -> actors
    ("dates", dates.NAME),
    ("places", places.NAME),
    ("magnitudes", magnitudes.NAME),
    ("quotes", quotes.NAME),  # quotes, claims
    ("events", events.NAME),
)


def slot_of(name: str) -> str:
    """The slot an implementation NAME fills: ``factfinder.events.rules.v2`` -> ``events``."""
    parts = name.split(".")
    return parts[1] if len(parts) >= 3 and parts[0] == "factfinder" else ""


def select(choices: Mapping[str, str] | None = None, registry: Mapping[str, Stage] | None = None) -> list[Stage]:
    """The stages to run, in slot order: ``choices`` (slot -> NAME) where given, else each slot's default."""
    choices = dict(choices or {})
    registry = REGISTRY if registry is None else registry
    unknown_slots = sorted(set(choices) - {slot for slot, _ in SLOTS})
    if unknown_slots:
        raise StageError(f"setting stages.{unknown_slots[0]}: no such stage slot; slots: "
                         f"{', '.join(slot for slot, _ in SLOTS)}")
    stages = []
    for slot, default in SLOTS:
        name = choices.get(slot, default)
        if name not in registry or slot_of(name) != slot:
            known = sorted(n for n in registry if slot_of(n) == slot)
            raise StageError(f"setting stages.{slot} = {name!r} names no registered {slot} stage; "
                             f"choose one of {', '.join(known)} (factfinder.pipeline.REGISTRY)")
        stages.append(registry[name])
    check_order(stages)
    return stages


def check_order(stages: list[Stage]) -> None:
    """Fail fast if a stage reads a field no earlier stage assigns."""
    available = {"report"}
    for stage in stages:
        missing = [f for f in stage.REQUIRES if f not in available]
        if missing:
            raise StageError(
                f"stage {stage.NAME} requires {missing}, which no earlier stage assigns; "
                f"reorder SLOTS in factfinder/pipeline.py"
            )
        available.update(stage.ASSIGNS)


STAGES = select(Settings.load().stage_choices())


@functools.lru_cache(maxsize=1)
def _versions() -> dict[str, str]:
    return versions()


def versions() -> dict[str, str]:
    from . import __version__
    from .nlp import model_version

    out = {"factfinder": __version__, "model": model_version()}
    out.update({slot_of(s.NAME): s.NAME for s in STAGES})
    return out


def analyse_doc(doc: Doc, report: Report, timings: dict[str, float] | None = None) -> Analysis:
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
