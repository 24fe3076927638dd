"""Event targets, events.rules.v6: a date is never whom an act is done to, and when the object of an act
names no one, whom the act (or the act its infinitive states, or the noun it calls for) goes to does.
Every sentence is invented; each mechanism has three sentences that must hold and one that must not."""

from __future__ import annotations

import pytest

from event_probe import events as _events, one as _one


# ---------------------------------------------------------------- 'on Friday' is not 'called on X'
@pytest.mark.parametrize("text, trigger, target", [
    ("The Ostland government on Friday demanded that the Verdant Front release the hostages.", "demanded",
     "Verdant Front"),
    ("The dockers' union on Monday demanded that the army withdraw from the port.", "demanded", "army"),
    ("Marta Kell on Sunday called for an embargo against the Harbour Pilots Guild.", "called",
     "Harbour Pilots Guild"),
])
def test_a_date_phrase_does_not_hide_the_addressee(text, trigger, target):
    ev = _one(text, trigger)
    assert any(target in t for t in ev.targets), ev.targets


def test_the_addressee_after_on_is_still_read():
    ev = _one("The farmers' union called on the Ostland government to cut fuel prices.", "called")
    assert any("Ostland" in t for t in ev.targets), ev.targets


# ---------------------------------------------------------------- the recipient of the act threatened or refused
@pytest.mark.parametrize("text, trigger, target", [
    ("Ostland threatened to halt gas deliveries to Veldania.", "threatened", "Veldania"),
    ("The Verdant Front threatened to stop water supplies to the Kestrel Port Authority.", "threatened",
     "Kestrel Port Authority"),
    ("Ostland said it would suspend all aid to the Harbour Pilots Guild.", "suspend", "Harbour Pilots Guild"),
])
def test_the_recipient_stands_in_for_an_object_that_names_no_one(text, trigger, target):
    ev = _one(text, trigger)
    assert any(target in t for t in ev.targets), ev.targets
    assert not {"water supplies", "gas deliveries", "aid"} & set(ev.targets), ev.targets


def test_an_object_that_names_someone_keeps_its_place():
    ev = _one("Ostland threatened to expel the Verdant Front's envoys to Veldania.", "threatened")
    assert "Veldania" not in ev.targets, ev.targets


# ---------------------------------------------------------------- a protest is against whom its demand is made of
@pytest.mark.parametrize("text, target", [
    ("Teachers marched through the capital demanding the resignation of the education minister.",
     "education minister"),
    ("Dock workers went on strike to press the Kestrel Port Authority for higher pay.", "Kestrel Port Authority"),
    ("Miners held a rally outside the ministry to demand the resignation of Marta Kell.", "Marta Kell"),
])
def test_a_protest_takes_the_target_of_its_purpose_clause(text, target):
    protests = [e for e in _events(text) if e.plover == "PROTEST"]
    assert protests and any(target in t for e in protests for t in e.targets), protests


def test_a_demand_in_another_clause_is_not_the_protest_purpose():
    evs = _events("Nurses marched on Monday after the union had urged the ministry to raise pay.")
    protests = [e for e in evs if e.plover == "PROTEST"]
    assert protests and not any("ministry" in t for e in protests for t in e.targets), protests


# ---------------------------------------------------------------- force against a thing is force against its place
@pytest.mark.parametrize("text, trigger, target", [
    ("Rebels shelled the airport outside Veldograd on Sunday.", "shelled", "Veldograd"),
    ("Government warplanes bombed a market in Aleppo, the monitor said.", "bombed", "Aleppo"),
    ("Artillery fire destroyed a school near the town of Marsk.", "destroyed", "Marsk"),
])
def test_an_assault_on_a_building_targets_the_place_it_stands_in(text, trigger, target):
    assert target in _one(text, trigger).targets


def test_people_struck_stay_the_target_of_an_assault():
    ev = _one("Soldiers shot two farmers in Marsk on Sunday.", "shot")
    assert "farmers" in ev.targets and "Marsk" not in ev.targets, ev.targets


# ---------------------------------------------------------------- 'both countries', 'the two sides'
@pytest.mark.parametrize("text, sources", [
    ("Chile accused Peru of moving troops to the border on Monday. Both countries later agreed to hold talks.",
     ("Chile", "Peru")),
    ("A truce between the army and the Kestrel Liberation Front collapsed in May. The two sides agreed to a "
     "new ceasefire on Friday.", ("army", "Kestrel Liberation Front")),
    ("Ostland and Veldania signed a fishing accord. The two governments also agreed to reopen the border.",
     ("Ostland", "Veldania")),
])
def test_both_parties_are_the_pair_named_before(text, sources):
    assert _one(text, "agreed").sources == sources


def test_three_named_together_are_not_both():
    ev = _one("Ostland, Veldania and Marsovia met in the capital. Both sides agreed to talks.", "agreed")
    assert len(ev.sources) != 2, ev.sources
