"""Event actors, events.rules.v11: in the passive, a patient that names the act ("samples were sent",
"arms were supplied") is what was given, and whom it went to is the recipient phrase, as a consumed
object is in the active. Every sentence is invented."""

from __future__ import annotations

import pytest

from event_probe import one as _one


@pytest.mark.parametrize("text, trigger, target", [
    ("Blood samples from the patients were sent to the Dornick Institute.", "sent",
     "Dornick Institute"),
    ("Weapons were supplied to the rebels by a neighbouring army, the report said.", "supplied",
     "rebels"),
    ("Tents and blankets were delivered to the displaced families by the charity on Sunday.", "delivered",
     "families"),
])
def test_a_given_thing_in_the_passive_leaves_the_recipient_as_target(text, trigger, target):
    ev = _one(text, trigger)
    assert target in " ".join(ev.targets) and not any(
        w in " ".join(ev.targets).lower() for w in ("sample", "weapon", "tent")), ev.targets


def test_a_patient_who_undergoes_the_act_stays_the_target():
    ev = _one("The protesters were arrested by riot police outside the ministry.", "arrested")
    assert ev.targets == ("protesters",), ev.targets


# ---------------------------------------------------------------- 'X, the health minister, denied'
@pytest.mark.parametrize("text, trigger, role, party", [
    ("Harlan Obi, the health minister, denied the report on Tuesday.", "denied", "sources", "Harlan Obi"),
    ("Teluria, a neighbouring state, accused the rebels of shelling the town.", "accused", "sources", "Teluria"),
    ("Gunmen seized Sela Marrow, a nurse, outside the clinic in Varnok.", "seized", "targets", "Sela Marrow"),
])
def test_a_common_noun_apposed_to_a_name_is_no_second_party(text, trigger, role, party):
    assert getattr(_one(text, trigger), role) == (party,)


def test_a_conjunct_after_a_described_name_is_still_a_party():
    ev = _one("The rebels freed Harlan Obi, a nurse, and two engineers on Sunday.", "freed")
    assert "Harlan Obi" in ev.targets and "engineers" in ev.targets and "nurse" not in ev.targets
