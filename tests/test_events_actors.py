"""Event actors that the sentence states only indirectly (events.rules.v4): the body behind a
representative, the reporting authority of its own agentless acts, participles, negated reports, owners
of weapons, and the like. Every sentence is invented; each mechanism has three."""

from __future__ import annotations

import pytest

from event_probe import events as _events, one as _one


# ---------------------------------------------------------------- an authority reports its own act
@pytest.mark.parametrize("text, trigger, source", [
    ("Police spokesman Inspector Daniel Okwemba said four suspects had been arrested in Lorvik.", "arrested", "Police"),
    ("Major Tomas Verel, a spokesman for the Lorvik Police Department, said the nine would be charged with rioting.",
     "charged", "Lorvik Police Department"),
    ("The rebel alliance said on Tuesday that the two engineers had been freed after questioning.", "freed",
     "rebel alliance"),
])
def test_an_authority_reporting_an_agentless_act_of_its_kind_did_it(text, trigger, source):
    ev = _one(text, trigger)
    assert ev.sources == (source,) and "+speaker_agent" in ev.rule


@pytest.mark.parametrize("text, trigger", [
    ("Witnesses said two students had been detained near the stadium.", "detained"),
    ("The rights group Open Ledger said at least nine reporters had been arrested since May.", "arrested"),
    ("Police said a man had been shot dead outside the bakery.", "shot"),  # not an act police report of themselves
])
def test_a_witness_a_rights_group_or_a_killing_gets_no_speaker_agent(text, trigger):
    ev = _one(text, trigger)
    assert ev.sources == () and "+speaker_agent" not in ev.rule


# ---------------------------------------------------------------- a representative acts for its body
@pytest.mark.parametrize("text, trigger, source", [
    ("A commander of the Drava Brigade denied the charge on Sunday.", "denied", "Drava Brigade"),
    ("An army spokesman rejected the report as false.", "rejected", "army"),
    ("A spokeswoman for the Venn Port Authority denied the claims.", "denied", "Venn Port Authority"),
])
def test_an_unnamed_representative_acts_as_its_body(text, trigger, source):
    assert _one(text, trigger).sources == (source,)


def test_a_named_representative_acts_as_themselves():
    ev = _one("An army spokesman, Colonel Pieter Malan, rejected the report.", "rejected")
    assert "Pieter Malan" in ev.sources


# ---------------------------------------------------------------- participles name their agent
@pytest.mark.parametrize("text, trigger, source", [
    ("Riot police dispersed striking dock workers in Varna.", "striking", "striking dock workers"),
    ("Troops opened fire on protesting farmers near the dam.", "protesting", "farmers"),
    ("On Thursday, police used water cannon on teachers marching to the education ministry.", "marching", "teachers"),
])
def test_a_participle_before_or_after_a_plural_of_people_has_them_as_agent(text, trigger, source):
    assert _one(text, trigger).sources == (source,)


def test_a_gerund_with_an_object_is_not_an_agent_participle():
    ev = _one("The union spent the week protesting the new shift rules.", "protesting")
    assert "rules" not in " ".join(ev.sources)


@pytest.mark.parametrize("text, trigger", [
    ("Riot police dispersed the crowd with batons.", "dispersed"),
    ("Soldiers broke up a rally outside the town hall.", "broke"),
    ("Gendarmes dispersed hundreds of farmers who had blocked the highway.", "dispersed"),
])
def test_dispersing_a_gathering_is_coercion(text, trigger):
    assert _one(text, trigger).plover == "COERCE"


# ---------------------------------------------------------------- places never act
@pytest.mark.parametrize("text, place", [
    ("Kutaisi, 5 March — Georgian riot police detained at least 20 demonstrators at dawn when they broke up a "
     "sit-in near city hall against a new tax.", "Kutaisi"),
    ("Yerevan, 5 March — Armenian police detained at least 20 people as they broke up a march outside "
     "parliament against a new tax.", "Yerevan"),
    ("Batumi, 8 May — Georgian police detained 12 dockers as they cleared a picket line at the port against "
     "new fees.", "Batumi"),
])
def test_a_pronoun_never_acts_as_the_dateline_place(text, place):
    events = _events(text)
    assert events and all(place not in e.sources for e in events)
    assert all("police" in " ".join(e.sources) for e in events if e.plover == "COERCE")


# ---------------------------------------------------------------- "said it had not done it" is a denial
@pytest.mark.parametrize("text, source", [
    ("Customs officials said they had not arrested anybody at the checkpoint.", "Customs"),  # Y officials speak for Y
    ("Major Tomas Verel said officers had not beaten the marchers.", "Tomas Verel"),
    ("The army said its units did not fire on the village.", "army"),
])
def test_saying_ones_own_side_did_not_act_is_a_denial_by_the_speaker(text, source):
    ev = _one(text, "said")
    assert (ev.plover, ev.sources) == ("REJECT", (source,)) and ev.rule.startswith("denial:")


@pytest.mark.parametrize("text", [
    "The union said the company had not paid the bonuses since March.",  # someone else's omission
    "'We will not be silenced,' the union leader said.",  # defiance
    "The farmers said they could not reach the market.",  # inability
])
def test_an_omission_of_others_defiance_or_inability_is_no_denial(text):
    assert not [e for e in _events(text) if e.rule.startswith("denial:")]


# ---------------------------------------------------------------- a country's body takes its adjective
@pytest.mark.parametrize("text, trigger, source", [
    ("Mali's armed forces denied the charges on Thursday.", "denied", "Malian armed forces"),
    ("Ukraine's air force shot down nine drones overnight.", "shot", "Ukrainian air force"),
    ("South Sudan's army denied the report.", "denied", "South Sudanese army"),
])
def test_a_possessive_country_becomes_its_adjective(text, trigger, source):
    assert _one(text, trigger).sources == (source,)


def test_an_adjective_unlike_the_name_keeps_the_possessive():
    ev = _one("Myanmar's army denied the report.", "denied")
    assert ev.sources and "Myanmar" in ev.sources[0]


# ---------------------------------------------------------------- a weapon that acts stands for its owner
@pytest.mark.parametrize("text, trigger, source", [
    ("Myanmar military aircraft dropped three bombs near a clinic in Kessa.", "dropped", "Myanmar military"),
    ("A Myanmar military helicopter fired two missiles at a clinic near Orla.", "fired", "Myanmar military"),
    ("Government warplanes bombed the town of Kessa on Sunday.", "bombed", "Government"),
])
def test_a_weapon_subject_is_coded_as_whoever_fields_it(text, trigger, source):
    assert _one(text, trigger).sources == (source,)


# ---------------------------------------------------------------- a part of a group is no second target
@pytest.mark.parametrize("text, trigger, target", [
    ("Army jets bombed a market in Kessa, killing 14 traders, among them three children.", "bombed", "traders"),
    ("Gunmen shot nine villagers, including two nurses, near Orla.", "shot", "villagers"),
    ("Militiamen killed 20 herders, among them four boys, at a well near Dorra.", "killed", "herders"),
])
def test_among_them_and_including_name_parts_not_targets(text, trigger, target):
    assert _one(text, trigger).targets == (target,)


# ---------------------------------------------------------------- a force mobilised in the passive is the actor
@pytest.mark.parametrize("text, trigger, source", [
    ("Extra troops were deployed along the northern border on Monday.", "deployed", "Extra troops"),
    ("Police in Varna were placed on high alert before the match.", "placed", "Police"),
    ("Soldiers were deployed to the capital after the vote.", "deployed", "Soldiers"),
])
def test_a_force_mobilised_with_no_agent_is_the_mobiliser(text, trigger, source):
    ev = _one(text, trigger)
    assert (ev.plover, ev.sources, ev.targets) == ("MOBILIZE", (source,), ())


def test_vehicles_deployed_are_not_a_force():
    ev = _one("Buses were deployed to carry voters to the polls.", "deployed")
    assert ev.sources == ()


# ---------------------------------------------------------------- "said X had done A and vowed B": B is the speaker's
@pytest.mark.parametrize("text, trigger, source", [
    ("The ministry said the convoy had been attacked and vowed to respond.", "vowed", "ministry"),
    ("A police spokesman said officers had fired warning shots and denied that anybody was hurt.", "denied", "police"),
    ("The army said rebels had shelled the town and promised to protect civilians.", "promised", "army"),
])
def test_a_simple_past_verb_after_a_past_perfect_report_continues_the_report(text, trigger, source):
    ev = _one(text, trigger)
    assert ev.sources == (source,) and ev.modality != "reported"


def test_a_verb_conjoined_within_the_report_keeps_the_reported_subject():
    ev = _one("The army said rebels had shelled the town and had detained two teachers.", "detained")
    assert ev.sources == ("rebels",)


# ---------------------------------------------------------------- a struck vehicle's passengers are the target
@pytest.mark.parametrize("text, trigger, target", [
    ("Gunmen ambushed a truck transporting soldiers on the Kessa road.", "ambushed", "soldiers"),
    ("Drones struck a boat ferrying fishermen off Orla.", "struck", "fishermen"),
    ("Rebels attacked a lorry carrying miners near Dorra on Friday.", "attacked", "miners"),
])
def test_the_people_a_struck_vehicle_carries_are_the_target(text, trigger, target):
    assert target in _one(text, trigger).targets


# ---------------------------------------------------------------- the same patients, the same hands
@pytest.mark.parametrize("text, trigger, source", [
    ("Soldiers executed at least 20 men near Orla on Sunday, residents said. The men were rounded up at the market.",
     "rounded", "Soldiers"),
    ("Police detained 30 students in Varna. The students were released on Monday.", "released", "Police"),
    ("Militiamen abducted 12 farmers near Dorra. The farmers were freed two days later.", "freed", "Militiamen"),
])
def test_an_agentless_act_on_patients_named_just_before_has_the_same_agent(text, trigger, source):
    ev = _one(text, trigger)
    assert ev.sources == (source,) and "+inherited_agent" in ev.rule


def test_other_patients_inherit_nothing():
    ev = _one("Rebels attacked a village near Orla. Three teachers were detained in Varna.", "detained")
    assert ev.sources == ()
