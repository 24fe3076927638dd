"""Event types, events.rules.v9, each class on three or more sentences written here: harm from an accident or
a natural force is no one's act; wanting to thank or apologise, said by the speaker, is doing it; a thing that
will "allow" or "help" something states an effect, not an intention to cooperate."""

from __future__ import annotations

import pytest

from factfinder.records import Event, Report


def _events(text: str) -> tuple[Event, ...]:
    from factfinder.pipeline import analyse

    return analyse(Report(id="t", text=text, published="2031-03-05", outlet="Test Wire")).events


def _types(text: str) -> list[str]:
    return [e.plover for e in _events(text)]


@pytest.mark.parametrize("text", [
    "Nineteen passengers were killed in a train derailment outside Varnok.",
    "Three climbers were hurt during the storm on the Teluria pass.",
    "Twelve miners died and 30 were injured when a shaft collapsed in Varnok.",
    "Two farmers were injured when the dam burst after days of rain.",
    "Nine passengers were hurt as the ferry sank off the Teluria coast.",
])
def test_harm_from_an_accident_or_a_natural_force_is_no_assault(text):
    assert "ASSAULT" not in _types(text)


@pytest.mark.parametrize("text", [
    "Six people were killed in an attack on a bus in Varnok.",
    "Soldiers killed four protesters during the march.",
    "Five people were wounded when soldiers opened fire on the crowd.",
    "Eight villagers were killed when rebels stormed the town.",
])
def test_harm_with_a_doer_or_an_attack_as_its_cause_stays_an_assault(text):
    assert "ASSAULT" in _types(text)


@pytest.mark.parametrize("text, plover", [
    ('"I want to thank everyone who voted for us," the mayor of Varnok said.', "SUPPORT"),
    ('"We wish to apologise to the families," the Teluria Mining Company said.', "SUPPORT"),
    ('"We want to congratulate the Varnok team on its victory," the minister said.', "SUPPORT"),
])
def test_wanting_to_thank_said_by_the_speaker_is_the_act_not_a_plan(text, plover):
    events = _events(text)
    assert [e.plover for e in events] == [plover]
    assert events[0].modality != "planned"


def test_wanting_to_act_on_someone_else_is_still_a_plan():
    # the performative reading needs a speech act: wanting to attack is an intention (a threat)
    assert _types("The general wants to attack the town before winter.") == ["THREATEN"]


@pytest.mark.parametrize("text", [
    "The new bridge will allow farmers to reach the market in an hour.",
    "The grant will help families rebuild their homes.",
    "The system will enable voters to check their registration online.",
])
def test_what_a_thing_will_make_possible_is_no_intention_to_cooperate(text):
    assert "AGREE" not in _types(text)


def test_a_party_that_will_allow_something_states_an_intention():
    assert _types("The governor will allow aid convoys to enter the city.") == ["AGREE"]


@pytest.mark.parametrize("text", [
    "Inspectors in Varnok killed 8,000 ducks on two farms.",
    "Farmers in Teluria slaughtered their cattle on Monday.",
    "Some 5,000 geese were slaughtered on the island of Teluria.",
])
def test_harm_done_only_to_animals_is_no_assault(text):
    assert "ASSAULT" not in _types(text)


@pytest.mark.parametrize("text", [
    "Armed raiders shot 60 camels belonging to a rival clan.",
    "Militiamen slaughtered the herds of three villages.",
    "Forty goats were killed by gunmen near Varnok.",
])
def test_armed_doers_killing_livestock_attack_its_owners(text):
    assert "ASSAULT" in _types(text)


@pytest.mark.parametrize("text", [
    "The health ministry quarantined 40 travellers arriving from Varnok.",
    "Two apartment blocks in Varnok were quarantined on Friday.",
    "Officials imposed a lockdown on the city of Varnok.",
])
def test_quarantines_and_lockdowns_are_restrictions(text):
    events = _events(text)
    assert [(e.plover, e.mode) for e in events] == [("COERCE", "restrict")]


def test_lifting_a_quarantine_eases_a_restriction():
    assert _types("The authorities in Teluria lifted the quarantine on Monday.") == ["CONCEDE"]


@pytest.mark.parametrize("text", [
    "Two clerks were charged for breach of the customs code in Teluria.",
    "He was charged under the anti-terror law in Teluria.",
    "Prosecutors charged three officers over the death of a detainee.",
])
def test_a_legal_charge_is_coercion_whatever_its_preposition(text):
    # DESIGN gold convention: charging and indicting are COERCE (CAMEO 173), accusing is ACCUSE
    assert [(e.plover, e.mode) for e in _events(text)] == [("COERCE", "arrest")]


def test_charging_that_something_happened_is_an_allegation():
    assert _types("The opposition charged that the vote had been rigged.") == ["ACCUSE"]


def test_charging_a_crowd_is_force_not_a_legal_charge():
    events = _events("Police charged the crowd with batons.")
    assert [(e.plover, e.mode) for e in events] == [("COERCE", None)]


@pytest.mark.parametrize("text", [
    "Police arrested at least 60 people on Tuesday. Officers had detained the protesters after a march.",
    "Police detained 40 students in Varnok. Officers arrested the students at the gate of the campus.",
    "Soldiers detained 25 villagers near Teluria on Sunday. The troops arrested the men at a checkpoint.",
])
def test_one_act_told_again_with_other_common_nouns_is_one_event(text):
    assert _types(text) == ["COERCE"]


@pytest.mark.parametrize("text", [
    "Police detained 40 students on Monday. On Friday, officers detained 30 more students in Varnok.",
    "Police arrested 12 people in Varnok. Soldiers arrested 20 people in Teluria the next day.",
    "Police arrested 12 people in Varnok on Monday. Officers arrested 15 people in Teluria.",
])
def test_acts_told_apart_by_day_place_count_or_force_stay_two(text):
    assert _types(text) == ["COERCE", "COERCE"]


def test_the_detained_named_after_their_detention_are_no_new_detention():
    text = ("Police in Varnok detained 30 marchers on Monday. Relatives said the detained marchers had "
            "been beaten.")
    assert [e.plover for e in _events(text)].count("COERCE") == 1


@pytest.mark.parametrize("text", [
    "The academy awarded the Varnok choir a gold medal for its concert.",
    "The jury awarded the prize to a reporter from Varnok.",
    "The council honoured the firefighters at a ceremony.",
])
def test_awards_and_honours_are_praise(text):
    assert [(e.plover, e.mode) for e in _events(text)] == [("SUPPORT", "praise")]


def test_awarding_a_contract_is_no_praise():
    assert _types("The ministry awarded the contract to a local firm.") == []


@pytest.mark.parametrize("text", [
    "The party expressed its backing for the new prime minister.",
    "The union voiced its solidarity with the dismissed drivers.",
    "The bishops expressed their endorsement of the peace plan.",
])
def test_support_stated_as_a_noun_is_support(text):
    assert _types(text) == ["SUPPORT"]


@pytest.mark.parametrize("text", [
    "The company contacted former employees about the case.",
    "The envoy contacted the rebel leaders by phone.",
    "The ombudsman contacted the families of the missing men.",
])
def test_contacting_a_party_is_consulting_it(text):
    assert _types(text) == ["CONSULT"]


@pytest.mark.parametrize("text, source", [
    ("The senator praised the court ruling.", "senator"),
    ("The ombudsman criticised the prison service.", "ombudsman"),
    ("The bishop condemned the killings in Varnok.", "bishop"),
])
def test_whoever_praises_or_condemns_is_its_source_though_no_table_lists_the_noun(text, source):
    events = _events(text)
    assert len(events) == 1 and events[0].sources == (source,)


@pytest.mark.parametrize("text", [
    "The ruling rejected the appeal.",
    "The study warned of rising costs.",
    "The verdict rejected the claims of the defence.",
])
def test_a_text_or_a_decision_is_no_source(text):
    assert all(not e.sources for e in _events(text))


@pytest.mark.parametrize("text", [
    "Several lawmakers spoke in support of the bill.",
    "The former minister wrote in defence of the accused officers.",
    "Two senators voted in favour of the motion.",
])
def test_a_stance_phrase_on_a_plain_verb_is_support(text):
    assert _types(text) == ["SUPPORT"]


def test_a_protest_in_support_of_someone_stays_a_protest():
    assert "PROTEST" in _types("Thousands of people rallied in support of the jailed journalist.")


@pytest.mark.parametrize("text, plover", [
    ("The guild called the new tariff reckless.", "ACCUSE"),
    ("Critics described the law as draconian.", "ACCUSE"),
    ("The envoy called the agreement a landmark.", "SUPPORT"),
])
def test_naming_a_thing_with_a_judgement_is_praise_or_criticism(text, plover):
    assert _types(text) == [plover]


@pytest.mark.parametrize("text", [
    "The agency is concerned about the rising river levels.",
    "We are disappointed in ourselves, the coach of the Varnok team said.",
    "The pilot said she was concerned about the weather over the pass.",
])
def test_worry_about_a_risk_or_oneself_is_no_disapproval(text):
    assert "ACCUSE" not in _types(text)


@pytest.mark.parametrize("text", [
    "The European Union said it was deeply concerned about the arrests of journalists in Teluria.",
    "The envoy said he was disappointed with the government of Teluria.",
    "The Teluria foreign ministry said it was gravely alarmed.",
])
def test_dismay_at_a_party_or_an_institutions_alarm_is_disapproval(text):
    assert "ACCUSE" in _types(text)


@pytest.mark.parametrize("text", [
    "Three backpackers visited Varnok in May.",
    "The girl was visiting her grandparents in Teluria.",
    "He visited the museum with his parents.",
])
def test_private_visits_are_no_consultations(text):
    assert "CONSULT" not in _types(text)


def test_an_officials_visit_is_a_consultation():
    assert _types("The foreign minister visited Varnok on Monday.") == ["CONSULT"]


@pytest.mark.parametrize("text", [
    "Influenza kills thousands of elderly people every winter.",
    "The new strain has killed 40 people in Varnok.",
    "Cholera killed 300 people in the camps last month.",
    "Food poisoning killed eleven guests at a wedding in Teluria.",
])
def test_disease_and_poison_kill_no_one_on_purpose(text):
    assert "ASSAULT" not in _types(text)


@pytest.mark.parametrize("text", [
    "Relief workers warn that cholera is a growing danger in the camps.",
    "The engineer warned that the risk of a second landslide is high.",
    "Health officials warned that the outbreak could reach the coast.",
])
def test_a_warning_of_a_danger_no_party_brings_is_no_event(text):
    assert _types(text) == []


def test_a_warning_about_a_partys_act_stays_criticism():
    assert _types("The opposition warned that the draft law breaches the constitution.") == ["ACCUSE"]


@pytest.mark.parametrize("text", [
    "Their whole operation employs forty people.",
    "Blood samples were examined by two laboratories.",
    "Doctors examined the samples on Monday.",
])
def test_business_operations_and_lab_examinations_are_no_events(text):
    assert _types(text) == []


def test_a_military_operation_against_a_party_is_an_assault():
    assert _types("The army launched a military operation against the rebels in Varnok.") == ["ASSAULT"]


@pytest.mark.parametrize("text", [
    "The union leader said he was disappointed with the ministry's refusal.",
    "Opposition parties are concerned the army will postpone the election.",
    "The mayor was dismayed by the council's vote.",
])
def test_dismay_at_a_partys_decision_or_plan_is_disapproval(text):
    assert "ACCUSE" in _types(text)


@pytest.mark.parametrize("text", [
    "The port authority issued restrictions on fishing boats after the spill.",
    "The governor closed the schools of three districts for a week.",
    "The governor shut the universities of Varnok for a month.",
])
def test_restrictions_issued_and_schools_closed_are_restrictions(text):
    assert [(e.plover, e.mode) for e in _events(text)] == [("COERCE", "restrict")]


@pytest.mark.parametrize("text", [
    "The coroner sent tissue samples to a laboratory in Teluria.",
    "The Teluria interior ministry is working with Interpol to trace the stolen paintings.",
    "Teluria is working with Varnok on a new trade deal.",
])
def test_sharing_material_and_working_with_a_party_is_cooperation(text):
    assert _types(text) == ["COOPERATE"]


def test_working_with_people_who_are_no_party_is_no_cooperation():
    assert _types("She worked with children for ten years.") == []
