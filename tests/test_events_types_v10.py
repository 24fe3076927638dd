"""Event types, events.rules.v10, each class on three or more sentences written here: a named disease is no
doer of an assault; an act whose object is "no ..." did not happen, and the gold export lists no act that did
not happen; asking a question is no request; a news medium telling of an act accuses no one; goods and a
thing named by an act word are no acts by themselves; vaccinating people is aid."""

from __future__ import annotations

import json

import pytest

from factfinder.records import Event, Report


def _analysis(text: str):
    from factfinder.pipeline import analyse

    return analyse(Report(id="t", text=text, published="2031-03-05", outlet="Test Wire"))


def _events(text: str) -> tuple[Event, ...]:
    return _analysis(text).events


def _types(text: str) -> list[str]:
    return [e.plover for e in _events(text)]


@pytest.mark.parametrize("text", [
    "Ebola has killed more than 2,000 people in the region, health officials said.",
    "Dengue killed 14 children in the northern districts of Teluria last month.",
    "The H7N9 strain has killed 40 people in the province since March.",
    "Yellow fever killed nine people in Varnok this year.",
    "Cholera has killed 300 people since the rains began.",
])
def test_a_disease_killing_people_is_no_assault(text):
    assert "ASSAULT" not in _types(text)


@pytest.mark.parametrize("text", [
    "The anthrax attack on the Varnok post office killed three clerks.",
    "Gunmen killed nine villagers near Varnok on Sunday.",
    "Teluria's missiles killed 14 people in the port.",
])
def test_an_attack_named_by_its_weapon_or_a_doer_stays_an_assault(text):
    assert "ASSAULT" in _types(text)


@pytest.mark.parametrize("text", [
    "Police made no arrests after the march in Varnok.",
    "There were no clashes between the two groups on Sunday.",
    "Nobody was arrested during the vigil.",
    "No one was detained after the rally in the capital.",
])
def test_an_act_whose_object_is_none_did_not_happen(text):
    from factfinder.export import to_gold

    hostile = [e for e in _events(text) if e.plover in ("COERCE", "ASSAULT")]
    assert hostile and all(e.negated for e in hostile)
    gold = to_gold(_analysis(text))
    assert not [e for e in gold["events"] if e["plover"] in ("COERCE", "ASSAULT")]


@pytest.mark.parametrize("text", [
    "Police arrested no fewer than 40 people on Friday.",
    "Soldiers detained 12 men near the border.",
    "The guards arrested 12 people and no charges were filed.",
])
def test_an_act_on_some_people_happened(text):
    events = [e for e in _events(text) if e.plover == "COERCE" and e.mode == "arrest"]
    assert events and not any(e.negated for e in events)


@pytest.mark.parametrize("text", [
    "When asked about the shortage, the minister said supplies were on the way.",
    "The reporter asked the governor about the flooding.",
    "Asked to comment, a ministry spokeswoman said the file was closed.",
    "The committee asked why the funds had not been released.",
    "Journalists asked whether the border would reopen.",
])
def test_asking_a_question_is_no_request(text):
    assert "REQUEST" not in _types(text)


@pytest.mark.parametrize("text", [
    "The mayor asked residents to stay indoors.",
    "The government asked the United Nations for help.",
    "The envoy asked Teluria to release the prisoners.",
])
def test_asking_for_an_act_or_help_is_a_request(text):
    assert "REQUEST" in _types(text)


@pytest.mark.parametrize("text", [
    "Some 45 marchers were arrested by riot police, the news agency Varnok Press reported.",
    "Three journalists were beaten by soldiers, the newspaper said.",
    "Several villagers were shot by rebels, state television reported.",
])
def test_a_news_medium_telling_of_an_act_accuses_no_one(text):
    types = _types(text)
    assert "ACCUSE" not in types and ("COERCE" in types or "ASSAULT" in types)


@pytest.mark.parametrize("text", [
    "Four men were beaten by police, their lawyer said.",
    "The prisoners were tortured by guards, the opposition party said.",
    "Two guards were beaten by inmates, the agency said.",
])
def test_a_party_laying_an_act_on_a_doer_accuses_it(text):
    assert "ACCUSE" in _types(text)


@pytest.mark.parametrize("text", [
    "Customs officers are holding shipments of rice at the port.",
    "The pharmacy in Varnok has run out of its supply of insulin.",
    "The plant takes water from the river and filters it.",
    "The new filter makes drinkable water for villages.",
])
def test_goods_are_no_aid_by_themselves(text):
    assert "AID" not in _types(text)


@pytest.mark.parametrize("text", [
    "The asylum system in Teluria will take six months.",
    "The city put warning signs on every beach in Teluria.",
    "The investigation service of Varnok opened a file.",
])
def test_a_thing_named_by_an_act_word_is_no_act(text):
    assert not {"AID", "THREATEN", "ACCUSE"} & set(_types(text))


@pytest.mark.parametrize("text", [
    "The government sent food and medicine to the region.",
    "The charity made a donation of 5,000 dollars to the clinic.",
    "Water deliveries to the district resumed on Monday.",
    "Health workers vaccinated two million children against measles last week.",
    "The ministry launched a national immunisation campaign on Monday.",
    "A vaccination drive for 40,000 children began in Varnok on Saturday.",
])
def test_giving_goods_and_vaccinating_people_are_aid(text):
    assert "AID" in _types(text)


def test_vaccinating_animals_is_no_aid():
    assert "AID" not in _types("Farmers in Teluria vaccinated their poultry against the virus.")


def test_gold_export_is_valid_json_with_negated_acts_left_out():
    from factfinder.export import to_gold

    gold = to_gold(_analysis("Police did not arrest anyone in Varnok. Soldiers detained 12 men near the border."))
    json.dumps(gold)
    assert [e["plover"] for e in gold["events"]] == ["COERCE"]


@pytest.mark.parametrize("text, verb, source", [
    ("The ministry said the report was false and demanded an apology from the newspaper.", "demanded", "ministry"),
    ("The council said the survey was flawed and demanded a new count.", "demanded", "council"),
    ("The firm said its own tests showed no leak and accused the activists of lying.", "accused", "firm"),
])
def test_a_verb_after_what_a_thing_shows_is_the_speakers_act(text, verb, source):
    # the parser hangs the second verb on the reported clause; a report or a test does not demand or accuse
    ev = next(e for e in _events(text) if e.trigger.text == verb)
    assert ev.sources == (source,)


@pytest.mark.parametrize("text", [
    "The visiting students fell ill in Varnok.",
    "Dozens of pupils visited the old fort in Varnok.",
    "The team visited Teluria for a friendly match.",
])
def test_a_private_or_sporting_visit_is_no_consultation(text):
    assert "CONSULT" not in _types(text)


def test_an_envoys_visit_is_a_consultation():
    assert "CONSULT" in _types("The foreign minister of Varnok visited Teluria on Monday.")


@pytest.mark.parametrize("text", [
    "The visiting team beat Teluria 3-1.",
    "The champion beat her rival in straight sets.",
    "Varnok beat the forecast for growth.",
])
def test_beating_a_rival_or_a_figure_is_no_assault(text):
    assert "ASSAULT" not in _types(text)


@pytest.mark.parametrize("text", [
    "Police beat the protesters with batons.",
    "Guards beat two prisoners in Varnok.",
])
def test_beating_people_stays_an_assault(text):
    assert "ASSAULT" in _types(text)


@pytest.mark.parametrize("text", [
    "The convoy was met by gunfire near Varnok.",
    "Marchers in Varnok were met with tear gas and batons.",
    "The plan was met with criticism from the opposition.",
    "The patrol was met by heavy shelling.",
])
def test_being_met_by_force_or_a_reaction_is_no_meeting(text):
    assert "CONSULT" not in _types(text)


@pytest.mark.parametrize("text", [
    "The minister was met by the mayor at the airport.",
    "The envoy met with rebel commanders in Varnok.",
])
def test_meeting_a_party_stays_a_consultation(text):
    assert "CONSULT" in _types(text)


@pytest.mark.parametrize("text", [
    "The candidate failed to win a seat in Varnok.",
    "The volunteer failed to become ill after the trial dose.",
    "The party failed to get its leader re-elected.",
])
def test_failing_to_win_or_become_is_no_refusal(text):
    assert "REJECT" not in _types(text)


@pytest.mark.parametrize("text", [
    "Teluria failed to release the prisoners by the deadline.",
    "The company failed to comply with the court order.",
    "The witness failed to appear in court on Monday.",
])
def test_failing_to_do_an_act_or_a_duty_is_a_refusal(text):
    assert "REJECT" in _types(text)


@pytest.mark.parametrize("text", [
    "The number of infections will decline to around 600.",
    "Exports declined sharply in May.",
    "Shares in the Varnok mining firm declined by four percent.",
])
def test_a_fall_is_no_refusal(text):
    assert "REJECT" not in _types(text)


@pytest.mark.parametrize("text", [
    "The witness declined to testify.",
    "Teluria declined the invitation.",
    "The offer was declined by the union.",
])
def test_declining_an_act_or_an_offer_is_a_refusal(text):
    assert "REJECT" in _types(text)
