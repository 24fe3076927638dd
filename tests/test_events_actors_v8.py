"""Event actors, events.rules.v8: a state force with no owner is the state of the country the report is
about; a singular person by lot or calling is whom an act befell; a building, settlement or vehicle struck
is the target when no named place is. Every sentence is invented; each mechanism has three sentences that
must hold and one that must not."""

from __future__ import annotations

import pytest

from event_probe import one as _one


# ---------------------------------------------------------------- 'police fired tear gas' -> the state
@pytest.mark.parametrize("text, trigger, force, code", [
    ("Police arrested four opposition activists in Nakuru and Kisumu on Friday.", "arrested", "Police", "KEN"),
    ("The riot police fired tear gas at students marching through Lahore and Multan.", "fired", "riot police",
     "PAK"),
    ("Soldiers shelled farms outside Kisangani and Bukavu overnight, residents said.", "shelled", "Soldiers", "COD"),
])
def test_an_unowned_state_force_is_the_state_the_report_is_about(text, trigger, force, code):
    # the force keeps the name the text gives it; its code is the state's
    ev = _one(text, trigger)
    assert ev.sources == (force,) and ev.source_countries == (code,), (ev.sources, ev.source_countries)


@pytest.mark.parametrize("text, trigger, source", [
    ("Rebel soldiers arrested four traders in Nakuru and Kisumu on Friday.", "arrested", "Rebel soldiers"),
    ("Foreign troops shelled farms outside Kisangani and Bukavu overnight.", "shelled", "Foreign troops"),
])
def test_a_force_someone_else_owns_keeps_its_name(text, trigger, source):
    ev = _one(text, trigger)
    assert ev.sources == (source,) and "KEN" not in ev.source_countries and "COD" not in ev.source_countries


def test_an_unowned_force_with_no_place_has_no_state():
    ev = _one("Police arrested four opposition activists on Friday.", "arrested")
    assert ev.sources == ("Police",) and ev.source_countries == ()


# ---------------------------------------------------------------- 'beat the shopkeeper'
@pytest.mark.parametrize("text, trigger, target", [
    ("Militiamen beat the shopkeeper outside his home.", "beat", "shopkeeper"),
    ("A sniper shot a bystander near the bridge on Tuesday.", "shot", "bystander"),
    ("Gunmen abducted a priest on the road north of the town.", "abducted", "priest"),
])
def test_a_singular_person_by_calling_is_whom_the_act_befell(text, trigger, target):
    assert target in _one(text, trigger).targets


# ---------------------------------------------------------------- 'shelled the market'
@pytest.mark.parametrize("text, trigger, target", [
    ("Artillery units shelled the market overnight.", "shelled", "market"),
    ("The hospital was bombed twice last week, doctors said.", "bombed", "hospital"),
    ("Insurgents attacked a bus on the main road at dawn.", "attacked", "bus"),
])
def test_a_struck_building_or_vehicle_is_the_target(text, trigger, target):
    assert _one(text, trigger).targets == (target,)


def test_a_named_place_the_struck_building_stands_in_wins():
    ev = _one("Artillery units shelled the market in Kandahar overnight.", "shelled")
    assert ev.targets == ("Kandahar",), ev.targets


# ---------------------------------------------------------------- 'police in <town>', 'the authorities'
@pytest.mark.parametrize("text, trigger, actor, code, side", [
    ("Police in Quito detained twelve students after the march.", "detained", "Police", "ECU", "source"),
    ("Human rights groups criticised the authorities in Sylhet for the mass arrests.", "criticised",
     "Bangladesh government", "BGD", "target"),
    ("The authorities banned the opposition rally planned for Saturday in Bulawayo.", "banned",
     "Zimbabwe government", "ZWE", "source"),
])
def test_a_state_force_or_the_authorities_in_a_place_are_that_states(text, trigger, actor, code, side):
    ev = _one(text, trigger)
    assert actor in getattr(ev, side + "s") and code in getattr(ev, side + "_countries")


# ---------------------------------------------------------------- a protest against no one named
@pytest.mark.parametrize("text, trigger, state", [
    ("Hundreds of nurses marched through Accra and Kumasi on Monday to demand higher pay.", "marched", "Ghana"),
    ("Thousands of students rallied through central Cusco on Friday.", "rallied", "Peru"),
    ("Angry residents rioted after a week of power cuts, officials in Lahore said.", "rioted", "Pakistan"),
])
def test_a_protest_naming_no_target_is_against_the_state_it_happens_in(text, trigger, state):
    ev = _one(text, trigger)
    assert ev.targets == (f"{state} government",) and "+state_target" in ev.rule


def test_a_protest_with_a_named_target_keeps_it():
    ev = _one("Hundreds of nurses protested against the health minister in Accra.", "protested")
    assert "Ghana government" not in ev.targets and ev.targets


# ---------------------------------------------------------------- 'blocked roads in X', 'lifted the curfew in X'
@pytest.mark.parametrize("text, trigger, place", [
    ("Protesters blocked roads in Cusco to denounce the tax.", "blocked", "Cusco"),
    ("The government lifted the curfew in Bulawayo after a week.", "lifted", "Bulawayo"),
    ("Truckers blocked highways near Lima on Monday.", "blocked", "Lima"),  # a capital struck stays the city
])
def test_an_act_done_to_a_thing_is_done_to_the_place_it_stands_in(text, trigger, place):
    ev = _one(text, trigger)
    assert ev.targets == (place,), (ev.targets, ev.rule)


def test_a_thing_that_says_whose_it_is_keeps_its_owner():
    ev = _one("Soldiers demolished Kurdish homes in Diyarbakir on Sunday.", "demolished")
    assert "Diyarbakir" not in ev.targets and ev.targets
