"""Event senses, events.rules.v13: what a verb of harm, release or visit means is read from its arguments.

- A thing failing by itself ('a mill caught fire', 'the ferry broke apart', 'a warehouse caught fire') does
  no one's act, and neither does what the failure did ('..., killing four'); a weapon or an armed force
  as the subject ('a bomb exploded', 'a shell fell') keeps the attack; 'explode' and 'fall'
  are not read as failures at all (in conflict news the thing that went off is mostly a weapon).
- A substance described by its harm ('tainted alcohol', 'toxic fumes') is no party that kills.
- Verbs coordinated before one object share it: a cull of animals told with several verbs is no assault.
- 'attack' by a publication, or of a policy, is criticism (CAMEO 111), not an assault.
- 'release' and 'free' of a substance ('releasing toxic chemicals') let something out: no one is freed.
- A visit is made to a party or a named place, not to a venue or a sight.

Every sentence is invented."""

from __future__ import annotations

import pytest

from event_probe import events, one


def _types(text: str) -> list[tuple[str, str]]:
    return [(e.trigger.text, e.plover) for e in events(text)]


def _coded(text: str, plover: str) -> bool:
    """Whether any event of ``text`` has this PLOVER type."""
    return any(t[1] == plover for t in _types(text))


@pytest.mark.parametrize("text", [
    "A textile mill in Varnok caught fire, killing four workers.",
    "The ferry broke apart in heavy seas off Teluria, killing 31 passengers.",
    "A warehouse caught fire near the port, killing two night guards.",
    "A weather balloon disintegrated over the square, injuring two vendors.",
    "Heavy monsoon rain brought a wall down onto a bus shelter, killing five commuters.",
    "The old footbridge gave way under the crowd, killing eleven pilgrims.",
])
def test_a_thing_failing_by_itself_does_no_act(text):
    assert not _coded(text, "ASSAULT"), _types(text)


@pytest.mark.parametrize("text, trigger", [
    ("A bomb exploded outside the court in Varnok, killing four guards.", "exploded"),
    ("An explosive device exploded beside a patrol, wounding three soldiers.", "exploded"),
    ("A drone crashed into a school in Teluria, killing two teachers.", "crashed"),
    ("The car exploded outside the barracks, killing three recruits.", "exploded"),
    ("A suicide bomber exploded near the gate of the stadium, killing 12.", "exploded"),
])
def test_a_weapon_going_off_is_still_an_attack(text, trigger):
    assert one(text, trigger).plover == "ASSAULT"


@pytest.mark.parametrize("text", [
    "Tainted alcohol killed 14 people in a village outside Dornick last week.",
    "Toxic fumes from a chemical plant killed three residents on Sunday.",
    "Contaminated milk powder has killed two infants, the ministry said.",
])
def test_a_harmful_substance_kills_no_one_as_a_party(text):
    assert not _coded(text, "ASSAULT"), _types(text)


def test_people_armed_with_poison_still_attack():
    # the substance is the means; the doer is a party
    assert one("Militiamen poisoned the village well and killed six herders.", "killed").plover == "ASSAULT"


@pytest.mark.parametrize("text", [
    "Rangers shot and buried 300 feral camels near the border.",
    "The inspectors killed and incinerated 12,000 hens at the farm.",
])
def test_a_cull_told_with_several_verbs_is_no_assault(text):
    assert not _coded(text, "ASSAULT"), _types(text)


@pytest.mark.parametrize("text, trigger", [
    ("The weekly magazine attacked the governor over the hospital closures.", "attacked"),
    ("An editorial in the Dornick Herald attacked the mayor for his silence.", "attacked"),
    ("The opposition leader attacked the government's tax plan in parliament.", "attacked"),
])
def test_an_attack_in_words_is_criticism(text, trigger):
    ev = one(text, trigger)
    assert (ev.plover, ev.mode) == ("ACCUSE", "disapprove"), (ev.plover, ev.mode)


def test_armed_men_attacking_a_convoy_assault_it():
    assert one("Armed men attacked an aid convoy near Varnok on Friday.", "attacked").plover == "ASSAULT"


@pytest.mark.parametrize("text", [
    "Two tanneries were caught releasing chromium into the river.",
    "The refinery has been releasing sulphur dioxide for weeks.",
    "The plant released a cloud of ammonia on Tuesday.",
])
def test_substances_released_are_no_release(text):
    assert not _coded(text, "RETREAT"), _types(text)


@pytest.mark.parametrize("text, trigger, target", [
    ("The gunmen freed nine hostages on Sunday.", "freed", "hostages"),
    ("The junta released 40 detainees ahead of the talks.", "released", "detainees"),
    ("Kidnappers released a shepherd and his son.", "released", "shepherd"),
])
def test_people_released_are_a_release(text, trigger, target):
    ev = one(text, trigger)
    assert ev.plover == "RETREAT" and any(target in t for t in ev.targets), (ev.plover, ev.targets)


@pytest.mark.parametrize("text", [
    "The interior minister visited a brick kiln outside Dornick.",
    "The governor toured the burnt-out market on Sunday.",
    "A group of engineers visited a tannery near Varnok.",
])
def test_a_sight_toured_is_no_visit(text):
    assert not _coded(text, "CONSULT"), _types(text)


@pytest.mark.parametrize("text, trigger, target", [
    ("The foreign minister of Teluria visited Varnok on Monday.", "visited", "Varnok"),
    ("The envoy visited the rebel commander at his base.", "visited", "rebel"),
    ("A delegation toured Dornick and met the mayor.", "toured", "Dornick"),
    ("The foreign minister of Teluria visited the country in June.", "visited", "country"),
])
def test_a_party_visited_is_a_visit(text, trigger, target):
    ev = one(text, trigger)
    assert ev.plover in ("CONSULT",) and any(target.lower() in t.lower() for t in ev.targets), (ev.plover, ev.targets)


def test_every_harm_a_failure_did_is_no_act():
    text = "A gale brought down a crane onto the square, killing six and wounding 30."
    assert not _coded(text, "ASSAULT"), _types(text)


@pytest.mark.parametrize("text", [
    "Shells kept falling on the town, killing at least nine.",
    "Debris from an intercepted missile fell on a house in Dornick, killing two.",
])
def test_weapons_falling_still_attack(text):
    assert _coded(text, "ASSAULT"), _types(text)


def test_a_pronoun_that_went_off_may_be_a_weapon():
    # a verb a weapon can be the subject of, with its subject told elsewhere, stays an attack
    text = "Two bombs had been hidden in the market. Then the second one exploded, killing a trader."
    assert one(text, "exploded").plover == "ASSAULT"


def test_people_freed_after_a_dateline_are_a_release():
    ev = one("DORNICK, Teluria — Three nurses from a clinic in Dornick were freed late on Monday.", "freed")
    assert ev.plover == "RETREAT" and any("nurses" in t for t in ev.targets), ev.targets


@pytest.mark.parametrize("text", [
    "The new rules allow for longer shifts at the mine.",
    "Funding from the ministry allowed for two more nurses.",
    "The wider road will permit for faster convoys.",
])
def test_allowing_for_a_thing_is_no_concession(text):
    # 'allow for' is making room for something, no party easing its stance
    assert not _coded(text, "CONCEDE"), _types(text)


@pytest.mark.parametrize("text", [
    "The queue of lorries backed up into the town centre.",
    "The findings are backed up by two earlier surveys.",
    "The new data support the view that infections are falling.",
    "The cameras can recognise faces in a crowd.",
    "The ministry recognises that the outbreak is serious.",
    "The court recognised the marriage as valid.",
])
def test_support_and_recognition_come_from_parties(text):
    # a thing that 'backs' or 'supports' is evidence; recognising a thing or a fact is no diplomatic act
    assert not _coded(text, "SUPPORT"), _types(text)


@pytest.mark.parametrize("text, trigger", [
    ("The army backed the new council in Dornick.", "backed"),
    ("The plan was backed by the European Union.", "backed"),
    ("Teluria recognised the new government in Varnok.", "recognised"),
    ("Varnok recognized the breakaway region in March.", "recognized"),
])
def test_a_party_backing_or_recognising_supports(text, trigger):
    assert one(text, trigger).plover == "SUPPORT"


def test_a_news_agency_named_after_its_kind_tells_no_accusation():
    # "news" hangs on "agency", not on the agency's name: the medium is still a medium
    text = "About 40 people were detained by police for blocking roads, Teluria news agency Varnok Press reported."
    assert not _coded(text, "ACCUSE"), _types(text)
    text = "About 40 people were detained by police for blocking roads, the rights group Harlan Watch reported."
    assert ("reported", "ACCUSE") in _types(text)


@pytest.mark.parametrize("text", [
    "It was her first visit to the restaurant since the fire.",
    "The pupils fell ill during their trip to the coast.",
])
def test_a_visit_to_a_venue_as_a_noun_is_no_visit(text):
    assert not _coded(text, "CONSULT"), _types(text)


def test_a_visit_to_a_state_as_a_noun_is_a_visit():
    assert one("The envoy's visit to the capital ended on Monday.", "visit").plover == "CONSULT"
