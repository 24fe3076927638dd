"""Claims v10 and disputes v10 on the classes a fresh invented dispute batch found missing: counts of
things an act or a disaster destroyed, damaged, looted or cut off; an earthquake's magnitude; a report's
word that no one suffered an act; counts of any noun told with an act only people undergo; "N of them";
a release told as a plan; and the order of reports (a count made since "no one has been arrested", a
release since "expected to be freed"). Every sentence is invented."""

from __future__ import annotations

import pytest

from factfinder.derive.claims import report_claims
from factfinder.derive.disputes import ReportClaims, find_disputes
from factfinder.pipeline import analyse
from factfinder.records import Report


def _claims(text: str, published: str = "2026-09-10", rid: str = "r1"):
    return report_claims(analyse(Report(id=rid, outlet="Test Wire", published=published, text=text)))


def _numbers(text: str, published: str = "2026-09-10"):
    return [(c.subject, c.predicate, c.value) for c in _claims(text, published) if c.slot == "number"]


def _cards(*told: tuple[str, str]):
    """Cards of one story told by reports (text, publication day), one outlet each."""
    rows = [ReportClaims(f"r{k}", "s", f"r{k}", f"Outlet {k}", tuple(_claims(text, day, f"r{k}")), day)
            for k, (text, day) in enumerate(told, start=1)]
    return {d.about: d for d in find_disputes(rows)}


DAY = "2026-09-10"

# --------------------------------------------------------------------------- things


@pytest.mark.parametrize("text, expected", [
    ("Rebels set fire to 30 huts in Varnok on Monday, residents said.", ("huts", "destroyed", "30")),
    ("Some 45 market stalls were gutted by the blaze.", ("stalls", "destroyed", "some 45")),
    ("The storm damaged 60 schools across the province.", ("schools", "damaged", "60")),
    ("Looters ransacked 12 pharmacies in Teluria overnight.", ("pharmacies", "looted", "12")),
    ("The landslide has cut off 9 villages, the governor said.", ("villages", "cut off", "9")),
    ("Raiders drove off the cattle, setting fire to four tractors.", ("tractors", "destroyed", "4")),
])
def test_a_count_of_things_is_keyed_by_the_things_and_what_was_done_to_them(text, expected):
    assert expected in _numbers(text)


def test_things_told_with_no_act_and_animals_are_no_count():
    assert _numbers("About 50 buses are parked at the depot every night.") == []
    assert _numbers("Veterinary teams culled 3,000 chickens and burned 40 sheds.") == [("sheds", "destroyed", "40")]


def test_homes_and_houses_meet_and_a_lesser_or_joined_state_is_another_count():
    cards = _cards(("Gunmen burned 80 houses in Dornick on Sunday.", DAY),
                   ("About 30 homes were torched in Dornick on Sunday, a priest said.", DAY),
                   ("Some 200 homes were damaged or destroyed in Dornick, the council said.", DAY))
    card = cards["homes destroyed"]
    assert card.hard and {v.value for v in card.values} == {"80", "about 30"}
    assert all("damaged" not in about for about in cards)  # the joined count meets no other


def test_things_destroyed_in_a_past_year_are_background():
    assert ("homes", "destroyed overall", "2,000") in _numbers(
        "The town was largely abandoned after soldiers burned 2,000 homes in 2019.")
    assert ("people", "detained overall", "more than 80") in _numbers(
        "In 2023, police detained more than 80 people at a similar march.")


# --------------------------------------------------------------------------- magnitude


def test_two_magnitudes_of_one_quake_are_a_card():
    cards = _cards(("A magnitude 6.2 earthquake struck the coast of Teluria on Friday.", DAY),
                   ("A 5.7-magnitude quake shook coastal Teluria on Friday, killing two people.", DAY))
    card = cards["magnitude of the earthquake"]
    assert card.hard and {v.value for v in card.values} == {"6.2", "5.7"}


def test_a_magnitude_needs_its_cue_beside_the_figure():
    assert all(s != "earthquake" for s, _, _ in _numbers("The quake killed 4 people and the magnitude was not known."))


def test_an_aftershock_or_another_magnitude_is_not_the_quakes():
    told = _numbers("A magnitude 6.1 earthquake hit the valley; a magnitude 4.7 aftershock followed at dawn.")
    assert [v for s, _, v in told if s == "earthquake"] == ["6.1"]
    assert _numbers("Officials said the magnitude 2 alert level was raised for the river.") == []


# --------------------------------------------------------------------------- none


@pytest.mark.parametrize("text", [
    "Nobody has been arrested over the looting yet, a police officer said.",
    "So far there have been no arrests, the prosecutor said.",
    "Nobody has been detained so far, the governor said.",
])
def test_no_one_arrested_is_a_count_of_none(text):
    assert ("people", "detained", "none") in _numbers(text)


def test_no_one_hurt_is_no_count_of_the_happening():
    # mostly told of one part of it (a field the debris fell in): no rival of the wounded counted
    assert _numbers("Nobody was hurt when the debris landed on a farm near Kelmora.") == []


def test_no_one_in_another_incident_or_knowing_counts_nothing():
    assert _numbers("A second raid followed at dawn; no one was detained in that raid.") == []
    assert _numbers("No one knows how many people lived in the building.") == []


def test_none_against_a_count_the_same_day_is_a_card_but_a_count_made_since_is_not():
    none = ("Nobody has been detained over the riot in Kelmora, the mayor said on Monday.", "2026-09-07")
    same_day = ("Police arrested 15 people over the riot in Kelmora on Monday.", "2026-09-07")
    later = ("Police have arrested 15 people over Monday's riot in Kelmora.", "2026-09-09")
    assert {v.value for v in _cards(none, same_day)["people detained"].values} == {"none", "15"}
    assert "people detained" not in _cards(none, later)


# --------------------------------------------------------------------------- people


@pytest.mark.parametrize("text, value", [
    ("A ferry sank off Teluria and four deckhands were injured, the coastguard said.", "4"),
    ("Attackers set fire to the warehouse, injuring one watchman.", "1"),
])
def test_a_noun_counted_with_an_act_only_people_undergo_counts_people(text, value):
    assert ("people", "wounded", value) in _numbers(text)


def test_a_count_of_them_takes_the_people_named_before_and_is_no_part():
    [claim] = [c for c in _claims("Riot police charged at marching teachers near the ministry, hurting six of them.")
               if c.slot == "number"]
    assert (claim.subject, claim.predicate, claim.value, claim.part_of) == ("teachers", "wounded", "6", None)


def test_a_negated_act_counts_no_one():
    assert _numbers("The rebels said the three had not been detained but questioned.") == []


# --------------------------------------------------------------------------- release


def test_a_release_told_as_a_plan():
    statuses = [c.value for c in _claims("The militia will release the two pilots on Sunday, a mediator said.")
                if c.slot == "status"]
    assert statuses == ["release planned"]
    assert [c for c in _claims("The detainees would be free to leave once the court rules.")
            if c.slot == "status"] == []


def test_a_release_after_the_plan_or_the_custody_is_no_card_but_one_before_it_is():
    plan = ("The two surveyors seized near the dam are due to be freed on Friday, a mediator said.",
            "2026-09-08")
    freed = ("The two surveyors seized near the dam were freed on Friday, a mediator said.", "2026-09-12")
    assert "whether the people detained are free" not in _cards(plan, freed)
    held = ("The blogger Orla Venn, detained on Monday, remains in custody, her lawyer said.", "2026-09-10")
    freed_before = ("The blogger Orla Venn, who was detained on Monday, was released on Tuesday.", "2026-09-12")
    card = _cards(held, freed_before)["whether the people detained are free"]
    assert {v.value for v in card.values} == {"in custody", "released"}


def test_a_weekday_of_an_expected_passive_is_ahead():
    claims = [c for c in _claims("The pair are expected to be freed on Thursday, their lawyer said.",
                                 published="2026-09-07") if c.slot == "date"]
    assert [c.key for c in claims] == ["2026-09-10"]


# --------------------------------------------------------------------------- charges


@pytest.mark.parametrize("text, state", [
    ("The eleven dockers have been charged with arson, their lawyer said.", "charged"),
    ("The two editors were freed without charge on Sunday.", "not charged"),
    ("None of the marchers has been charged, the governor said.", "not charged"),
    ("The four guards will be charged with manslaughter, a prosecutor said.", "charge planned"),
])
def test_whether_the_people_held_were_charged(text, state):
    assert [c.value for c in _claims(text) if c.slot == "status" and c.predicate == "charged"] == [state]


def test_a_police_charge_is_no_charge_of_an_offence():
    assert [c for c in _claims("Riot police had not charged at the marchers, an officer said.")
            if c.slot == "status"] == []
    assert [c for c in _claims("Mounted officers charged the marchers with batons, witnesses said.")
            if c.slot == "status"] == []


def test_charged_against_not_charged_is_a_card_unless_the_charge_came_since():
    charged = ("Police have charged the nine cyclists with blocking a highway, their club said.", DAY)
    held = ("The nine cyclists held on Monday have not been charged, a police officer said.", DAY)
    card = _cards(charged, held)["whether the people detained were charged"]
    assert card.hard and {v.value for v in card.values} == {"charged", "not charged"}
    later = ("The nine cyclists were charged with blocking a highway on Thursday.", "2026-09-12")
    assert "whether the people detained were charged" not in _cards(held, later)
