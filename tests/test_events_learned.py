"""The learned event coder (factfinder.events.learned.v1): its model file, its decisions, its training recipe
(alignment of paraphrased gold actions to rule events, deterministic training) and its place in the registry."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from factfinder.errors import OntologyError, StageError
from factfinder.extract import events as rules
from factfinder.extract import events_learned as learned
from factfinder.records import Event, Report, Span


def _event(plover: str, start: int = 0, text: str = "shelled", mode: str | None = None) -> Event:
    return Event(trigger=Span("r", start, start + len(text), text), sentence=Span("r", 0, 40, "x"),
                 plover=plover, mode=mode, cameo="190", rule="verb")


def _model(**over: float) -> learned.Model:
    # two features: "lem=meet" pushes towards NONE, "lem=raid" towards ASSAULT
    classes = ("NONE", "ASSAULT", "CONSULT")
    weights = {"lem=meet": (3.0, 0.0, 0.0), "lem=raid": (0.0, 4.0, 0.0)}
    return learned.Model(classes, (0.0, 0.0, 0.5), weights, over.get("drop_at", 0.8), over.get("retype_at", 0.8))


def test_the_model_drops_only_when_sure_and_retypes_only_when_sure():
    m = _model()
    assert m.decide(["lem=meet"], "AGREE")[0] == "NONE"  # p(NONE) ~ .92
    assert m.decide(["lem=raid"], "COERCE")[0] == "ASSAULT"  # p(ASSAULT) ~ .97
    assert m.decide([], "AGREE")[0] == "AGREE"  # nothing known: the rules' type stands
    assert _model(drop_at=0.95).decide(["lem=meet"], "AGREE")[0] == "AGREE"


def test_recode_keeps_drops_or_retypes_and_says_so():
    e = _event("COERCE", mode="arrest")
    assert learned.recode(e, "NONE", 0.9) is None
    kept = learned.recode(e, "COERCE", 0.7)
    assert (kept.plover, kept.mode, kept.extractor) == ("COERCE", "arrest", learned.NAME)
    moved = learned.recode(e, "ASSAULT", 0.9)
    # the old mode and CAMEO code belong to the old type, so they go; the rule trail says what happened
    assert (moved.plover, moved.mode, moved.cameo) == ("ASSAULT", None, None)
    assert moved.rule.endswith("+learned:COERCE")


def test_a_broken_model_file_names_itself_and_the_fix(tmp_path):
    bad = tmp_path / "m.json"
    bad.write_text(json.dumps({"classes": ["NONE", "ASSAULT"], "bias": [0.0], "weights": {},
                               "drop_at": 0.5, "retype_at": 0.5}))
    with pytest.raises(OntologyError, match="m.json.*rebuild"):
        learned.load_model(bad)
    with pytest.raises(OntologyError, match="train-event-coder"):
        learned.load_model(tmp_path / "missing.json")


def test_the_shipped_model_loads_and_covers_every_plover_type():
    from factfinder import ontology

    m = learned.load_model()
    assert m.classes[0] == "NONE"
    assert set(ontology.load("plover")["types"]) <= set(m.classes)
    assert 0.5 <= m.drop_at <= 1.0 and 0.5 <= m.retype_at <= 1.0


def test_features_see_the_trigger_its_arguments_and_earlier_mentions(nlp):
    from factfinder.pipeline import analyse

    text = "Soldiers raided the village of Varnok on Monday. The soldiers raided it again on Tuesday."
    analysis = analyse(Report(id="t", text=text, published="2031-03-05"))
    doc = nlp(text)
    proposed = rules.extract(doc, analysis)
    feats = learned.candidate_features(doc, analysis, proposed)
    assert len(feats) == len(proposed) >= 1
    first = feats[0]
    assert "lem=raid" in first and f"type={proposed[0].plover}" == first[0]
    assert "repeat=0" in first
    if len(feats) > 1:  # a second raid told later is seen as a repeat of the type
        assert "repeat=1" in feats[1]


def test_alignment_labels_each_gold_event_once_and_leaves_the_rest_none():
    from factfinder.eval.train_events import align

    sentences = [(0, 40, "Police arrested twelve marchers in Teluria."), (41, 90, "The arrests drew criticism.")]
    arrests = [_event("COERCE", 7, "arrested"), _event("COERCE", 45, "arrests")]
    gold = [{"plover": "COERCE", "action": "arrested twelve marchers"}]
    assert align(sentences, gold, arrests) == ["COERCE", "NONE"]  # the second mention is no new event
    # a paraphrase sharing no word still takes a rule event of its type in the same report
    assert align(sentences, [{"plover": "COERCE", "action": "took into custody"}], arrests[:1]) == ["COERCE"]
    assert align(sentences, [{"plover": "ACCUSE", "action": "drew criticism"}], arrests) == ["NONE", "NONE"]


def test_training_is_deterministic_and_learns_a_separable_cue():
    from factfinder.eval.train_events import train

    rows = [(["lem=meet", "type=AGREE"], "NONE")] * 6 + [(["lem=sign", "type=AGREE"], "AGREE")] * 6
    a = train(rows, ["NONE", "AGREE"], steps=200)
    b = train(rows, ["NONE", "AGREE"], steps=200)
    assert a == b
    m = learned.Model(tuple(a["classes"]), tuple(a["bias"]), {f: tuple(w) for f, w in a["weights"].items()}, .5, .5)
    assert m.decide(["lem=meet", "type=AGREE"], "AGREE")[0] == "NONE"
    assert m.decide(["lem=sign", "type=AGREE"], "AGREE")[0] == "AGREE"


def test_training_refuses_a_check_half(tmp_path):
    from factfinder.errors import EvalError
    from factfinder.eval.train_events import collect

    with pytest.raises(EvalError, match="tune halves only"):
        collect([tmp_path / "gum_check"])


def test_the_learned_coder_is_registered_beside_the_rules_and_chosen_by_the_setting():
    from factfinder import pipeline

    assert learned.NAME in pipeline.REGISTRY and rules.NAME in pipeline.REGISTRY
    chosen = pipeline.select({"events": learned.NAME})
    assert chosen[-1] is learned
    with pytest.raises(StageError, match="events.learned.v1"):
        pipeline.select({"events": "factfinder.events.learned.v0"})


def test_the_learned_stage_codes_a_plain_report(nlp):
    from factfinder import pipeline

    text = ("Police in Teluria arrested 40 protesters on Friday, the interior ministry said. "
            "Rebels shelled a market in Varnok, killing six people.")
    report = Report(id="t", text=text, published="2031-03-07")
    doc = nlp(text)
    analysis = pipeline.Analysis(report=report)
    for stage in pipeline.select({"events": learned.NAME}):
        analysis = stage.run(doc, analysis)
    types = Counter(e.plover for e in analysis.events)
    assert types["ASSAULT"] >= 1 and types["COERCE"] >= 1
    assert all(e.extractor == learned.NAME for e in analysis.events)
