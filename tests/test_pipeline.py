"""The stage registry: implementations by NAME, one per slot chosen by `stages.<slot>`, order checked."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from factfinder import pipeline
from factfinder.errors import StageError


def _stub(name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ("events",)) -> SimpleNamespace:
    return SimpleNamespace(NAME=name, REQUIRES=requires, ASSIGNS=assigns, run=lambda doc, analysis: analysis)


def test_default_selection_is_one_stage_per_slot_in_order():
    stages = pipeline.select()
    assert [s.NAME for s in stages] == [name for _, name in pipeline.SLOTS] == [s.NAME for s in pipeline.STAGES]
    assert all(pipeline.slot_of(s.NAME) == slot for s, (slot, _) in zip(stages, pipeline.SLOTS, strict=True))
    assert set(pipeline.versions()) >= {slot for slot, _ in pipeline.SLOTS}


def test_a_second_event_coder_stands_beside_the_first_and_a_setting_chooses():
    other = _stub("factfinder.events.learned.v1", requires=("mentions", "actors"))
    registry = {**pipeline.REGISTRY, other.NAME: other}
    assert pipeline.select({}, registry)[-1] is pipeline.REGISTRY[dict(pipeline.SLOTS)["events"]]
    assert pipeline.select({"events": other.NAME}, registry)[-1] is other


def test_unknown_name_wrong_slot_and_unknown_slot_fail_with_the_choices():
    with pytest.raises(StageError, match="choose one of factfinder.events"):
        pipeline.select({"events": "factfinder.events.nope.v9"})
    with pytest.raises(StageError, match="no registered events stage"):
        pipeline.select({"events": dict(pipeline.SLOTS)["dates"]})  # a dates stage in the events slot
    with pytest.raises(StageError, match="no such stage slot"):
        pipeline.select({"sentiment": "factfinder.sentiment.rules.v1"})


def test_order_is_checked_for_the_chosen_stages():
    early = _stub("factfinder.coref.eager.v1", requires=("events",), assigns=("coref",))
    with pytest.raises(StageError, match=r"factfinder.coref.eager.v1 requires \['events'\]"):
        pipeline.select({"coref": early.NAME}, {**pipeline.REGISTRY, early.NAME: early})


def test_the_environment_setting_is_read_when_the_pipeline_loads():
    env = {**os.environ, "FACTFINDER_STAGES_EVENTS": "factfinder.events.missing.v1"}
    run = subprocess.run([sys.executable, "-c", "import factfinder.pipeline"], env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode != 0 and "stages.events = 'factfinder.events.missing.v1'" in run.stderr
