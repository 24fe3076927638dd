"""Event actors, events.rules.v5: the name forms and argument classes of sources and targets, and the
actor-name agreement figure of the PLOVER GSR scorer. Every sentence is invented; each mechanism has three
sentences that must hold and at least one that must not."""

from __future__ import annotations

import pytest

from factfinder.records import Event, Span

from event_probe import events as _events, one as _one


# ---------------------------------------------------------------- a statement is not whom an act befell
@pytest.mark.parametrize("text, trigger, target", [
    ("The Ostland government on Thursday rejected calls by Amara Kell to resign.", "rejected", "Amara Kell"),
    ("The ministry dismissed claims from the Verdant Union that ballots were destroyed.", "dismissed",
     "Verdant Union"),
    ("The council rejected demands by the Harbour Pilots Guild for a pay rise.", "rejected", "Harbour Pilots Guild"),
])
def test_a_statement_object_gives_way_to_who_made_it(text, trigger, target):
    ev = _one(text, trigger)
    assert any(target in t for t in ev.targets), ev.targets
    assert not {"calls", "claims", "demands"} & set(ev.targets)


@pytest.mark.parametrize("text, target", [
    ("The mayor rejected the union's demands.", "union"),
    ("The junta rejected the Verdant Front's proposal for a truce.", "Verdant Front"),
    ("The ministry rejected the miners' appeal.", "miners"),
])
def test_a_possessor_is_named_without_its_case_marker(text, target):
    targets = [t for e in _events(text) for t in e.targets]
    assert target in targets and not any(t.endswith(("'s", "'")) for t in targets), targets


def test_plural_people_are_still_whom_an_agentless_act_befell():
    ev = _one("Two reporters were freed on Monday.", "freed")
    assert ev.targets == ("reporters",)


# ---------------------------------------------------------------- 'it' / 'the ministry' for a spokesperson
@pytest.mark.parametrize("text, trigger, source", [
    ("A ministry spokeswoman, Lena Varga, defended the raids. The ministry later said it would ask "
     "the auditors to review the footage.", "ask", "ministry"),
    ("Tomas Brel, a spokesman for the Kestrel Port Authority, said the gates would stay shut. It also "
     "rejected the dockers' demands.", "rejected", "Kestrel Port Authority"),
    ("An army spokesman, Major Ilse Rand, told reporters the convoy had turned back. The army said it "
     "would withdraw from the ridge.", "withdraw", "army"),
])
def test_a_non_person_word_resolved_to_a_spokesperson_is_their_body(text, trigger, source):
    ev = _one(text, trigger)
    assert source in " ".join(ev.sources), ev.sources
    assert not any(n in " ".join(ev.sources) for n in ("Varga", "Brel", "Rand"))


def test_a_named_spokesperson_heading_the_phrase_acts_as_themselves():
    ev = _one("Tomas Brel, a spokesman for the Kestrel Port Authority, denied the claims.", "denied")
    assert ev.sources == ("Tomas Brel",)


# ---------------------------------------------------------------- the GSR actor-name figure
def _event(sources: tuple[str, ...], targets: tuple[str, ...], plover: str) -> Event:
    span = Span("r", 0, 1, "x")
    return Event(trigger=span, sentence=span, plover=plover, sources=sources, targets=targets)


def test_gsr_actor_match_counts_type_and_a_name_on_either_side():
    from factfinder.eval.plover import score_predictions

    records = [
        {"id": "A-1", "event": "ACCUSE", "source": [{"actorText": "Ostland", "code": "OST"}],
         "target": [{"actorText": "Verdant Union rebels", "code": "OST"}]},
        {"id": "A-2", "event": "ACCUSE", "source": [{"actorText": "Kell", "code": "OST"}], "target": ""},
        {"id": "A-3", "event": "AGREE", "source": [{"actorText": "Brel", "code": "OST"}], "target": None},
    ]
    predicted = [
        _event(("Ostland government",), (), "ACCUSE"),  # source words within: right
        _event(("Amara Kell",), (), "REJECT"),  # the name is right but the type is not
        _event(("Tomas Brel",), (), "AGREE"),
    ]
    scores = score_predictions(records, predicted)
    assert scores["events.actor_match"] == round(2 / 3, 4)
    assert scores["events.source_match"] == 1.0
    assert scores["events.target_match"] == 0.0


# ---------------------------------------------------------------- nominal events: possessor and of-object
@pytest.mark.parametrize("text, trigger, source, target", [
    ("Velmark's expulsion of the Ostland ambassador was condemned.", "expulsion", "Velmark", "ambassador"),
    ("The army's detention of two reporters drew condemnation.", "detention", "army", "reporters"),
    ("Ostland's detention of two journalists drew criticism from rights groups.", "detention", "Ostland",
     "journalists"),
])
def test_with_an_of_object_the_possessor_of_a_patient_noun_is_the_agent(text, trigger, source, target):
    ev = _one(text, trigger)
    assert ev.sources == (source,) and any(target in t for t in ev.targets), (ev.sources, ev.targets)


def test_without_an_of_object_the_possessor_is_the_one_it_befell():
    ev = _one("Mara Kess's arrest sparked protests.", "arrest")
    assert ev.sources == () and ev.targets == ("Mara Kess",)


# ---------------------------------------------------------------- the means fired and whom it is aimed at
@pytest.mark.parametrize("text, trigger, target", [
    ("Police and soldiers fired tear gas at protesters.", "fired", "protesters"),
    ("Riot police fired rubber bullets at striking miners.", "fired", "miners"),
    ("Troops shot at villagers who tried to flee.", "shot", "villagers"),
])
def test_an_at_phrase_names_whom_a_directed_act_is_aimed_at(text, trigger, target):
    ev = _one(text, trigger)
    assert any(target in t for t in ev.targets), ev.targets
    assert not any(w in " ".join(ev.targets) for w in ("gas", "bullets"))


# ---------------------------------------------------------------- an offence's agent is whom the act answers
@pytest.mark.parametrize("text, trigger, target", [
    ("Velmark police opened an investigation into crimes committed by Ostland militias.", "opened",
     "Ostland militias"),
    ("Rights groups condemned killings committed by security forces.", "condemned", "security forces"),
    ("The envoy denounced abuses carried out by the Drava Brigade.", "denounced", "Drava Brigade"),
])
def test_an_offence_committed_by_someone_targets_them(text, trigger, target):
    ev = _one(text, trigger)
    assert any(target in t for t in ev.targets), ev.targets


# ---------------------------------------------------------------- a demanded act names whom it asks
@pytest.mark.parametrize("text, trigger, target", [
    ("Ostland demanded the withdrawal of Velmark troops from the border.", "demanded", "Velmark troops"),
    ("The opposition called for the resignation of the interior minister.", "called", "interior minister"),
    ("Rights groups demanded the release of Mara Kess.", "demanded", "Mara Kess"),
])
def test_the_roles_of_a_demanded_nominal_act_name_the_target(text, trigger, target):
    ev = _one(text, trigger)
    assert any(target in t for t in ev.targets), ev.targets
