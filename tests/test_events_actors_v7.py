"""Event actors, events.rules.v7: a speaker laying a hostile act on a named party accuses it; the pronoun of
what a relative clause's speaker says is that speaker; a definite 'the rebels' the coreference stage left
open is the group named before as such; a quantifier is not part of a name. Every sentence is invented;
each mechanism has three sentences that must hold and one that must not."""

from __future__ import annotations

import pytest

from event_probe import events as _events, one as _one


def _accusations(text: str):
    return [e for e in _events(text) if e.plover == "ACCUSE" and e.rule.startswith("alleged:")]


# ---------------------------------------------------------------- 'who said they had been beaten by police'
@pytest.mark.parametrize("text, source, target", [
    ("Doctors treated dozens of students who said they had been beaten by soldiers in the square.",
     "students", "soldiers"),
    ("Reporters spoke to villagers who said they were driven from their homes by the militia last week.",
     "villagers", "militia"),
    ("Nurses met residents who say they were detained by police and held for two days.", "residents", "police"),
])
def test_a_victim_saying_who_did_it_accuses_them(text, source, target):
    found = _accusations(text)
    assert [(e.sources, e.targets) for e in found] == [((source,), (target,))]


@pytest.mark.parametrize("text, trigger, target", [
    ("Doctors treated dozens of students who said they had been beaten by soldiers in the square.", "beaten",
     "students"),
    ("Reporters spoke to villagers who said they were driven from their homes by the militia last week.", "driven",
     "villagers"),
    ("Nurses met residents who say they were detained by police and held for two days.", "detained", "residents"),
])
def test_the_pronoun_in_a_relative_speakers_report_is_the_speaker(text, trigger, target):
    ev = _one(text, trigger)
    assert ev.targets == (target,), ev.targets


# ---------------------------------------------------------------- 'fired from positions held by X'
@pytest.mark.parametrize("text, source, target", [
    ("A farmer told reporters that mortar rounds were fired from ridges above the river held by the rebels.", "farmer",
     "rebels"),
    ("The governor said the rockets had been fired from villages near the river controlled by the militia.",
     "governor", "militia"),
    ("A local official said the rockets were fired from positions held by the Liberation Front.",
     "local official", "Liberation Front"),
])
def test_a_speaker_placing_where_fire_came_from_accuses_who_holds_it(text, source, target):
    found = _accusations(text)
    assert [(e.sources, e.targets) for e in found] == [((source,), (target,))]


@pytest.mark.parametrize("text", [
    "A farmer told reporters that mortar rounds were fired into a camp held by the rebels.",  # where it landed
    "Rebels attacked the town, the army said.",  # the report of the act itself
    "Police said four suspects had been arrested on Monday.",  # nobody named
    "The students said they would be detained by the army if they marched.",  # expected, not laid on anyone
])
def test_no_accusation_without_a_party_the_speaker_lays_the_act_on(text):
    assert _accusations(text) == []


# ---------------------------------------------------------------- 'the gunmen' = the group named as such
@pytest.mark.parametrize("text, trigger, source", [
    ("Fighters of the Popular Resistance Army ambushed a convoy on Friday. The gunmen later killed two guards.",
     "killed", "Popular Resistance Army"),
    ("The Tarvel Liberation Front rebel alliance seized the town in March. The rebels later detained two teachers.",
     "detained", "Tarvel Liberation Front"),
    ("Hundreds of Northern Defence Movement militants seized Orla in March. The militants have since detained "
     "dozens of teachers.", "detained", "Northern Defence Movement"),
])
def test_the_armed_description_is_the_group_named_as_such_before(text, trigger, source):
    assert _one(text, trigger).sources == (source,)


def test_a_group_never_called_armed_is_not_the_armed_description():
    ev = _one("The Sahel Brotherhood seized a town on Friday. The militants later burned a school.", "burned")
    assert ev.sources == ("militants",)


# ---------------------------------------------------------------- 'several journalists' -> 'journalists'
@pytest.mark.parametrize("text, trigger, target", [
    ("Police detained several journalists in Varna on Monday.", "detained", ("journalists",)),
    ("Soldiers beat some protesters and many residents in the square.", "beat", ("protesters", "residents")),
    ("Guards abducted several nurses near the clinic.", "abducted", ("nurses",)),
])
def test_a_quantifier_is_not_part_of_the_name(text, trigger, target):
    assert _one(text, trigger).targets == target


def test_a_name_that_starts_with_a_quantifier_word_keeps_it():
    assert _one("Police raided the Several Rivers Council in Varna.", "raided").targets == ("Several Rivers Council",)


# ---------------------------------------------------------------- 'missiles were fired at X': X, not the missiles
@pytest.mark.parametrize("text, trigger, target", [
    ("The air force said two Kalibr cruise missiles had been fired at the port of Orla.", "fired", "Orla"),
    ("Officials said three Shahed drones had been launched at Varna overnight.", "launched", "Varna"),
    ("Police said two Kestrel rockets were fired at the Dorra garrison on Sunday.", "fired", "Dorra garrison"),
])
def test_a_weapon_fired_at_someone_is_not_the_target(text, trigger, target):
    targets = _one(text, trigger).targets
    assert any(target in t or t in target for t in targets) and not any(
        w in " ".join(targets) for w in ("Kalibr", "Shahed", "Kestrel", "missile", "drone", "rocket")), targets


# ---------------------------------------------------------------- 'with' after an act of force is the means
@pytest.mark.parametrize("text", [
    "Youths struck a bus with stones on Friday.",
    "Soldiers attacked the hamlet with mortars overnight.",
    "Officers struck the car with clubs after the chase.",
])
def test_what_an_act_of_force_was_done_with_is_not_its_target(text):
    found = [e for e in _events(text) if e.plover == "ASSAULT"]
    assert found and all(not set(" ".join(e.targets).lower().split()) & {"stones", "mortars", "clubs"}
                         for e in found), [(e.sources, e.targets) for e in found]


def test_the_other_side_of_a_clash_is_still_named_by_with():
    [e] = [e for e in _events("Police clashed with protesters outside the court.") if e.plover == "ASSAULT"]
    assert e.targets == ("protesters",)


# ---------------------------------------------------------------- a single victim named by lot or calling
@pytest.mark.parametrize("text, target", [
    ("Gunmen shot a vendor near the square.", "vendor"),
    ("Masked men beat a bystander outside the station.", "bystander"),
    ("Militants abducted a pilgrim on the mountain road.", "pilgrim"),
    ("Unknown attackers stabbed a councillor at his home.", "councillor"),
])
def test_one_person_named_by_lot_or_calling_is_the_target(text, target):
    found = [e for e in _events(text) if e.plover == "ASSAULT"]
    assert found and found[0].targets == (target,), [(e.sources, e.targets) for e in found]


def test_a_thing_done_to_is_still_no_target():
    found = [e for e in _events("Police seized the vehicle on Monday.") if e.plover == "COERCE"]
    assert found and found[0].targets == ()
