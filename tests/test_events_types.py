"""Event TYPES that generalise (events.rules.v5), each mechanism on three or more sentences written here
with invented people, outlets and towns: sanctions as the instrument of a verb of striking, counted
event nouns after light verbs, one speech act for coordinated demands, conditions that are no event,
one event per happening within a report, and word sense from arguments."""

from __future__ import annotations

from collections import Counter

import pytest

from factfinder.records import Event, Report


def _events(text: str, published: str = "2025-03-04") -> tuple[Event, ...]:
    from factfinder.pipeline import analyse

    return analyse(Report(id="t", text=text, published=published, outlet="Test Wire")).events


def _types(text: str) -> Counter[str]:
    return Counter(e.plover for e in _events(text))


# ---------------------------------------------------------------- sanctions as an instrument (CAMEO 163)
@pytest.mark.parametrize("text", [
    "The European Union hit the Varkos Bank with sanctions on Friday.",
    "Washington slapped three shipping firms with new sanctions.",
    "The country was hit with fresh sanctions over its weapons programme.",
])
def test_struck_with_sanctions_is_sanction(text: str) -> None:
    types = _types(text)
    assert types["SANCTION"] == 1 and not types["ASSAULT"], types


def test_hit_by_a_weapon_is_still_an_assault() -> None:
    assert _types("A rocket hit the market in the old town on Sunday.")["ASSAULT"] == 1


# ---------------------------------------------------------------- light verb + counted event noun
@pytest.mark.parametrize(("text", "ptype"), [
    ("Police carried out dozens of arrests in the northern province.", "COERCE"),
    ("Troops carried out hundreds of raids across the region last year.", "ASSAULT"),
    ("Security forces made scores of arrests after the march.", "COERCE"),
    ("The army launched a wave of air strikes on the hills.", "ASSAULT"),
])
def test_light_verb_takes_the_counted_event_noun(text: str, ptype: str) -> None:
    found = [e for e in _events(text) if e.rule.startswith("light:")]
    assert [e.plover for e in found] == [ptype]
    assert not any(t.lower().startswith(("dozens", "hundreds", "scores", "a wave")) for e in found for t in e.targets)


# ---------------------------------------------------------------- one speech act for coordinated clauses
@pytest.mark.parametrize("text", [
    "The Halvard Foundation called on the police to halt the raids and to release the detained cooks.",
    "Rights groups called for the two reporters to be released without delay.",
    "The envoy pressed the junta to end the curfew and to release the students.",
])
def test_what_is_requested_is_no_second_event(text: str) -> None:
    types = _types(text)
    assert types["REQUEST"] == 1, types
    assert not types["RETREAT"] and not types["CONCEDE"], types


# ---------------------------------------------------------------- a condition is no event
@pytest.mark.parametrize(("text", "absent"), [
    ("The two men face up to ten years in prison if convicted.", "SANCTION"),
    ("The rebels threatened to attack the base if the army did not withdraw.", "REJECT"),
    ("Officials said the talks would resume unless the militia attacked again.", "ASSAULT"),
])
def test_a_condition_put_is_not_a_happening(text: str, absent: str) -> None:
    assert not _types(text)[absent]


# ---------------------------------------------------------------- one event per happening
@pytest.mark.parametrize(("text", "ptype"), [
    ("Police arrested four men on Monday in Velmora. Officials said the four had been detained after a "
     "search of a house. A court spokesman said the men were detained without a warrant. Relatives "
     "said they had not been told why the men were arrested.", "COERCE"),
    ("Two rockets struck a depot on Tuesday. Police said the rockets had been launched from a field. "
     "A local official said the depot had been struck before. Witnesses said the rockets were launched by the rebels.",
     "ASSAULT"),
    ("Dock workers walked out on Monday. The union said the strike would continue. Managers said "
     "the workers had struck without notice. The walkout halted the port.", "PROTEST"),
])
def test_later_mentions_of_one_happening_are_one_event(text: str, ptype: str) -> None:
    assert _types(text)[ptype] == 1, [(e.trigger.text, e.plover, e.rule) for e in _events(text)]


@pytest.mark.parametrize("text", [
    "Police detained 30 protesters on Monday. Officials said order had returned to the streets. "
    "The mayor appealed for calm. On Thursday police detained 12 more people.",
    "Militants attacked a checkpoint in Orvado on Sunday. Officials said the road was closed. "
    "Traders said business had stopped. Militants attacked a police post in Besk on Tuesday.",
    "Soldiers shot a farmer near the river on Friday. His family said he was unarmed. Neighbours "
    "gathered at the house. Soldiers shot a second man on Saturday.",
])
def test_mentions_told_apart_by_day_or_place_stay_two(text: str) -> None:
    types = _types(text)
    assert max(types.values()) >= 2, [(e.trigger.text, e.plover, e.date, e.place) for e in _events(text)]


# ---------------------------------------------------------------- codebook verbs that were missing
@pytest.mark.parametrize("text", [
    "The envoy travelled to Harlow for talks with the army chief.",
    "The foreign minister flew to Vienna on Monday for talks on the dispute.",
    "A delegation from the Ostrava council arrived in Riga for a two-day visit.",
])
def test_going_for_talks_is_a_visit(text: str) -> None:
    found = [e for e in _events(text) if e.plover == "CONSULT"]
    assert found and found[0].mode == "visit", [(e.trigger.text, e.plover, e.rule) for e in _events(text)]


@pytest.mark.parametrize("text", [
    "A court fined the editor $500 for defamation.",
    "Regulators fined the Brenner broadcaster 20,000 euros over its coverage.",
    "The magistrate fined each of the protesters 300 dollars.",
])
def test_a_fine_is_a_sanction(text: str) -> None:
    assert _types(text)["SANCTION"] == 1


@pytest.mark.parametrize("text", [
    "The United States voiced support for the transitional government.",
    "The bloc expressed its support for the talks.",
    "Several governments reiterated their support for the mediator.",
])
def test_voiced_support_is_support_not_aid(text: str) -> None:
    types = _types(text)
    assert types["SUPPORT"] >= 1 and not types["AID"], types


def test_material_support_stays_aid() -> None:
    assert _types("The Kalven Trust provided support to 4,000 displaced families.")["AID"] == 1


@pytest.mark.parametrize("text", [
    "The president warned of severe consequences if the attacks continued.",
    "Talks will resume only if the shelling stops, the envoy said.",
    "The union said it would call off the strike unless the arrests continued.",
])
def test_an_event_noun_inside_a_condition_is_no_event(text: str) -> None:
    types = _types(text)
    assert not types["ASSAULT"] and not types["COERCE"], [(e.trigger.text, e.plover) for e in _events(text)]


# ---------------------------------------------------------------- codebook verb classes (plover.json verb_classes)
@pytest.mark.parametrize(("text", "ptype"), [
    ("The court kept the editor in prison for another month.", "COERCE"),
    ("The government placed the army on alert.", "MOBILIZE"),
    ("Authorities sealed off the border crossing.", "COERCE"),
    ("The families brought the case to court.", "ACCUSE"),
    ("The army bolstered its troops along the frontier.", "MOBILIZE"),
    ("Police locked up the three organisers.", "COERCE"),
])
def test_class_members_share_the_class_pattern(text: str, ptype: str) -> None:
    assert _types(text)[ptype] >= 1, [(e.trigger.text, e.plover, e.rule) for e in _events(text)]


# ---------------------------------------------------------------- legal steps (DESIGN gold conventions)
@pytest.mark.parametrize("text", [
    "The tribunal indicted the former general for war crimes.",
    "A judge issued an arrest warrant for the opposition leader.",
    "The indictment of the three Corvel executives was announced on Monday.",
])
def test_indictments_and_warrants_are_coerce(text: str) -> None:
    types = _types(text)
    assert types["COERCE"] >= 1 and not types["ACCUSE"], types


@pytest.mark.parametrize("text", [
    "Prosecutors will charge the nine cooks with arson.",
    "The state attorney said she would charge the two officers with assault.",
    "Police plan to charge the driver with reckless endangerment.",
])
def test_a_planned_charge_stays_coerce(text: str) -> None:
    found = [e for e in _events(text) if e.trigger.text == "charge"]
    assert found and found[0].plover == "COERCE" and found[0].modality == "planned", \
        [(e.trigger.text, e.plover, e.modality) for e in _events(text)]


def test_a_planned_curfew_is_still_a_threat() -> None:
    assert _types("The government plans to impose a curfew in the city.")["THREATEN"] == 1


# ---------------------------------------------------------------- speech is no event by itself
@pytest.mark.parametrize("text", [
    "The minister said the talks had been constructive.",
    "The prosecutor said the suspect had left the country.",
    "A spokeswoman for the Orlen Group said the company would publish its results on Friday.",
])
def test_saying_alone_is_no_event(text: str) -> None:
    assert not _events(text), [(e.trigger.text, e.plover, e.rule) for e in _events(text)]


# ---------------------------------------------------------------- word sense from arguments
@pytest.mark.parametrize(("text", "ptype"), [
    ("Missiles struck a fuel depot outside the port city overnight.", "ASSAULT"),
    ("Government troops struck rebel positions in the hills.", "ASSAULT"),
    ("Thousands of nurses struck for a third day over unpaid wages.", "PROTEST"),
    ("The bus drivers' union struck on Monday, halting services.", "PROTEST"),
    ("Airline pilots will strike next week over pay.", "PROTEST"),
    ("The two countries struck a deal on fishing rights.", "AGREE"),
])
def test_strike_takes_its_sense_from_who_strikes(text: str, ptype: str) -> None:
    found = [e for e in _events(text) if e.trigger.text.lower() in ("struck", "strike")]
    assert [e.plover for e in found] == [ptype]


@pytest.mark.parametrize("text", [
    "An earthquake struck the region on Sunday.",
    "Floods destroyed 200 homes along the river.",
    "The storm hit the coast overnight, killing three people.",
])
def test_a_disaster_is_no_ones_act(text: str) -> None:
    assert not _types(text)["ASSAULT"], [(e.trigger.text, e.plover) for e in _events(text)]


@pytest.mark.parametrize("text", [
    "A construction crane collapsed onto a street in Varlo on Tuesday, killing four pedestrians.",
    "A footbridge gave way under a crowd of commuters, injuring twelve people.",
    "The ferry capsized on the lake, drowning thirty passengers.",
    "Floods swept through the valley, killing 12 villagers.",
])
def test_what_a_failure_did_is_no_ones_attack(text: str) -> None:
    assert not _types(text)["ASSAULT"], [(e.trigger.text, e.plover) for e in _events(text)]


@pytest.mark.parametrize("text", [
    "Gunmen stormed the hotel, killing six guests.",
    "The militia collapsed the tunnel, killing the miners inside.",
])
def test_an_attack_that_kills_is_still_an_assault(text: str) -> None:
    assert _types(text)["ASSAULT"] >= 1


@pytest.mark.parametrize(("text", "ptype"), [
    ("The bus drivers walked off the job on Tuesday.", "PROTEST"),
    ("The union called a general strike for Friday.", "PROTEST"),
    ("Hundreds of miners walked off work at the Tarsk pit.", "PROTEST"),
])
def test_labour_idioms(text: str, ptype: str) -> None:
    types = _types(text)
    assert types[ptype] == 1 and not types["REQUEST"], types


def test_a_campaign_is_not_coercion_by_itself() -> None:
    assert not _events("The ministry launched a campaign against smoking.")
    assert _types("The air force launched a bombing campaign against the rebels.")["ASSAULT"] == 1


def test_an_arrest_and_a_later_charge_are_two_steps() -> None:
    text = ("Police arrested the treasurer of the Corvel cooperative on Monday. His lawyer said he was "
            "innocent. Colleagues said they were shocked. On Friday prosecutors charged him with fraud.")
    assert _types(text)["COERCE"] == 2, [(e.trigger.text, e.plover, e.rule) for e in _events(text)]


# ---------------------------------------------------------------- thin types: codebook phrasal verbs
@pytest.mark.parametrize(("text", "ptype"), [
    ("The government ruled out talks with the rebels.", "REJECT"),
    ("The council turned down the request for a recount.", "REJECT"),
    ("The junta brushed aside the criticism.", "REJECT"),
    ("The two agencies teamed up to track the smugglers.", "COOPERATE"),
    ("Police and the army joined forces against the gangs.", "COOPERATE"),
])
def test_phrasal_verbs_of_thin_types(text: str, ptype: str) -> None:
    assert _types(text)[ptype] == 1, [(e.trigger.text, e.plover, e.rule) for e in _events(text)]


def test_joining_an_army_is_no_event() -> None:
    assert not _events("He joined the army in 2010.")


# ---------------------------------------------------------------- a verb's own event fits its object
@pytest.mark.parametrize(("text", "ptype"), [
    ("The young inventor received support by letter from strangers.", None),
    ("The mayor received the most votes in the ward.", None),
    ("The city hosted a delegation from Ghana.", "CONSULT"),
    ("Norway hosted talks between the two sides.", "CONSULT"),
    ("The ministry released a statement on Friday.", None),
    ("Images released of the crash site showed the wreck.", None),
    ("The rebels released twelve hostages on Thursday.", "RETREAT"),
    ("The two men were released on bail.", "RETREAT"),
    ("Investigators gathered evidence at the scene.", None),
    ("The teams assembled their robots in two weeks.", None),
    ("Protesters gathered outside parliament.", "PROTEST"),
    ("The deals are already yielding benefits.", None),
    ("The baby was battling the infection for weeks.", None),
])
def test_own_event_needs_a_fitting_object(text: str, ptype: str | None) -> None:
    types = _types(text)
    if ptype is None:
        assert not types, [(e.trigger.text, e.plover, e.rule) for e in _events(text)]
    else:
        assert types[ptype] == 1, [(e.trigger.text, e.plover, e.rule) for e in _events(text)]


# ---------------------------------------------------------------- claims that are no demand; signatures, no pact
@pytest.mark.parametrize("text", [
    "The minister insisted that the economy was recovering.",
    "The union insisted that its members had not been paid since March.",
    "The coach insists that the team is improving.",
])
def test_insisting_on_a_fact_is_no_demand(text: str) -> None:
    assert not _types(text)["REQUEST"], [(e.trigger.text, e.plover) for e in _events(text)]


@pytest.mark.parametrize("text", [
    "The opposition insisted that the minister resign.",
    "The protesters insisted that the government should withdraw the bill.",
    "The envoy insisted on a full ceasefire.",
])
def test_insisting_on_an_act_is_a_demand(text: str) -> None:
    assert _types(text)["REQUEST"] == 1


@pytest.mark.parametrize("text", [
    "The strike was over an employment bill signed by the labour minister.",
    "In a message signed with the embassy's name, it blamed the rebels for the blast.",
    "In a letter signed by forty lawmakers, the opposition demanded an inquiry.",
])
def test_a_signature_on_a_text_is_no_pact(text: str) -> None:
    assert not _types(text)["SUPPORT"], [(e.trigger.text, e.plover) for e in _events(text)]


@pytest.mark.parametrize("text", [
    "The two governments signed a border agreement on Friday.",
    "The leaders signed a treaty of friendship in Varlo.",
])
def test_signing_a_pact_is_support(text: str) -> None:
    assert _types(text)["SUPPORT"] == 1


# ---------------------------------------------------------------- a participle that says which thing
@pytest.mark.parametrize(("text", "ptype"), [
    ("The bakers' guild rejected a wage increase tabled by the mill owners.", "REJECT"),
    ("The teachers turned down the contract proposed by the ministry.", "REJECT"),
    ("The farmers refused the compensation promised by the provincial council.", "REJECT"),
])
def test_a_participle_after_the_thing_acted_on_is_no_second_act(text: str, ptype: str) -> None:
    assert _types(text) == Counter({ptype: 1}), [(e.trigger.text, e.plover) for e in _events(text)]


def test_a_participle_after_people_is_still_an_act() -> None:
    types = _types("Police freed the journalists detained last week.")
    assert types["RETREAT"] == 1 and types["COERCE"] == 1, types


# ---------------------------------------------------------------- shots fired at no one
@pytest.mark.parametrize("text", [
    "Soldiers fired into the air to scatter the crowd.",
    "The police said officers had fired in the air and no one was hurt.",
    "Guards fired warning shots over the heads of the protesters.",
])
def test_firing_into_the_air_is_no_assault(text: str) -> None:
    assert not _types(text)["ASSAULT"], [(e.trigger.text, e.plover) for e in _events(text)]


@pytest.mark.parametrize("text", [
    "Troops fired on the crowd, killing three.",
    "Gunmen fired at a bus on the highway.",
    "Warplanes fired missiles at the convoy.",
])
def test_firing_at_someone_is_an_assault(text: str) -> None:
    assert _types(text)["ASSAULT"] == 1


# ---------------------------------------------------------------- events.rules.v7: rare types, sense by argument
def _of(text: str, ptype: str) -> list[tuple[str, str]]:
    return [(e.trigger.text, e.plover) for e in _events(text) if e.plover == ptype]


@pytest.mark.parametrize(("text", "ptype"), [
    ("Shares retreated after the announcement.", "RETREAT"),
    ("The glacier has retreated by two kilometres.", "RETREAT"),
    ("Shares rallied on Tuesday after the central bank decision.", "PROTEST"),
    ("The results demonstrate that the vaccine works.", "PROTEST"),
    ("The constitution guarantees freedom of speech.", "AGREE"),
    ("The museum offers free entry on Sundays.", "AGREE"),
])
def test_a_thing_as_doer_makes_no_event(text: str, ptype: str) -> None:
    assert not _of(text, ptype)


@pytest.mark.parametrize(("text", "ptype"), [
    ("Troops withdrew from the border town on Sunday.", "RETREAT"),
    ("Thousands of teachers marched through the capital on Saturday.", "PROTEST"),
    ("Hundreds rallied outside the town hall in Morvane.", "PROTEST"),
    ("The government promised to release the prisoners.", "AGREE"),
])
def test_people_as_doers_still_act(text: str, ptype: str) -> None:
    assert _of(text, ptype)


@pytest.mark.parametrize("text", [
    "Analysts agreed that the economy was slowing.",
    "Most residents agree that the bridge is unsafe.",
    "He accepted that mistakes had been made.",
])
def test_agreeing_that_something_is_so_is_an_opinion(text: str) -> None:
    assert not _of(text, "AGREE")


@pytest.mark.parametrize("text", [
    "The two sides agreed to a ceasefire on Tuesday.",
    "The unions agreed that the strike would end on Monday.",
    "Rebels accepted the peace proposal.",
])
def test_agreeing_to_an_act_is_agree(text: str) -> None:
    assert _of(text, "AGREE")


@pytest.mark.parametrize("text", [
    "She accepted the award at a ceremony in the capital.",
    "The governor offered his condolences to the families.",
    "She was sworn in as president on Monday.",
])
def test_an_honour_a_condolence_or_an_oath_of_office_is_no_agreement(text: str) -> None:
    assert not _of(text, "AGREE")


@pytest.mark.parametrize("text", [
    "She withdrew her candidacy for the party leadership.",
    "The senator withdrew his remarks after criticism.",
    "The firm withdrew the lawsuit against the newspaper.",
])
def test_withdrawing_a_statement_or_a_candidacy_is_no_retreat(text: str) -> None:
    assert not _of(text, "RETREAT")


@pytest.mark.parametrize("text", [
    "The army withdrew 500 soldiers from the valley.",
    "The government withdrew its tanks from the frontier.",
    "The rebels withdrew their fighters from the hills.",
])
def test_withdrawing_forces_or_envoys_is_a_retreat(text: str) -> None:
    assert _of(text, "RETREAT")


@pytest.mark.parametrize("text", [
    "The ambassador protested that the report was biased.",
    "The foreign ministry protested the detention of its citizen.",
    "The envoy protested that the visa rules broke the treaty.",
])
def test_protesting_a_statement_or_an_act_is_an_objection(text: str) -> None:
    types = _types(text)
    assert not types["PROTEST"] and types["ACCUSE"] == 1, types


@pytest.mark.parametrize("text", [
    "Students protested the fee rise outside parliament.",
    "Thousands protested against the new tax in the capital.",
    "Nurses protested outside the hospital on Monday.",
])
def test_crowds_protesting_demonstrate(text: str) -> None:
    assert _of(text, "PROTEST")


@pytest.mark.parametrize("text", [
    "The senate blocked the bill on Thursday.",
    "The court blocked the deportation of the activist.",
    "Police blocked the road to the airport.",
])
def test_an_authority_blocking_is_no_protest(text: str) -> None:
    assert not _of(text, "PROTEST")


def test_people_blocking_a_road_protest() -> None:
    assert _of("Farmers blocked the main highway with tractors.", "PROTEST")


@pytest.mark.parametrize("text", [
    "Troops marched into the border town at dawn.",
    "Leaders gathered in the capital for talks on the crisis.",
    "The president rallied support for the bill.",
])
def test_forces_moving_or_leaders_meeting_are_no_protest(text: str) -> None:
    assert not _of(text, "PROTEST")


@pytest.mark.parametrize("text", [
    "She shared a photo of the damage on social media.",
    "The two countries share a long border.",
    "Many lawmakers share the view that the tax is unfair.",
])
def test_sharing_without_a_partner_is_no_cooperation(text: str) -> None:
    assert not _of(text, "COOPERATE")


@pytest.mark.parametrize("text", [
    "The ministry shared its data with the neighbouring country.",
    "Kelvara shared satellite images with its neighbour.",
    "Police in both countries cooperated in the investigation.",
])
def test_sharing_with_a_partner_is_cooperation(text: str) -> None:
    assert _of(text, "COOPERATE")


@pytest.mark.parametrize(("text", "ptype"), [
    ("The two armies exchanged fire along the frontier.", "ASSAULT"),
    ("The ministers exchanged views on trade.", "CONSULT"),
    ("The rivals exchanged insults during the debate.", "ACCUSE"),
])
def test_what_is_exchanged_decides_the_type(text: str, ptype: str) -> None:
    types = _types(text)
    assert types[ptype] == 1 and not types["COOPERATE"], types


@pytest.mark.parametrize("text", [
    "The council sanctioned the construction of a new road.",
    "The assembly sanctioned a decree on the elections.",
    "The bishop sanctioned the use of the old chapel.",
])
def test_sanctioning_a_text_or_a_plan_is_approval(text: str) -> None:
    assert not _of(text, "SANCTION")


@pytest.mark.parametrize("text", [
    "Doctors treated dozens of wounded at the hospital.",
    "Helicopters flew the injured to the capital.",
    "Volunteers cared for the wounded overnight.",
])
def test_a_participle_standing_for_people_is_no_act(text: str) -> None:
    assert not _of(text, "ASSAULT")


# ---------------------------------------------------------------- events.rules.v7: one event per happening
@pytest.mark.parametrize("text", [
    "A rocket launched by the militia hit a bus depot in Tarvosk, wounding seven passengers.",
    "Troops stormed the camp at dawn, killing four people.",
    "Protesters attacked a police post, and police fired back, killing three.",
])
def test_a_consequence_participle_is_no_new_assault(text: str) -> None:
    assert not [t for t, _ in _of(text, "ASSAULT") if t in ("injuring", "killing", "wounding")], _of(text, "ASSAULT")


def test_coordinated_acts_of_two_sides_stay_two() -> None:
    assert len(_of("Protesters attacked a police post, and police fired back, killing three.", "ASSAULT")) == 2


@pytest.mark.parametrize("text", [
    "Gunmen attacked a bus on the highway. Later, militants launched another attack on a school in the district.",
    "Soldiers raided a village in the north. Residents said soldiers carried out a second raid on a nearby farm.",
    "Rebels shelled the town. A second shelling struck the market two days later.",
])
def test_another_attack_is_a_new_happening(text: str) -> None:
    assert len(_of(text, "ASSAULT")) == 2, _of(text, "ASSAULT")


@pytest.mark.parametrize(("text", "ptype"), [
    ("The economy has shrunk under Western sanctions.", "SANCTION"),
    ("Our deals with neighbouring countries are already paying off, the minister said.", "AGREE"),
    ("The treaty bans the testing of nuclear weapons.", "COERCE"),
    ("Life in the valley has improved under the accord.", "AGREE"),
])
def test_a_standing_arrangement_is_no_event(text: str, ptype: str) -> None:
    assert not _of(text, ptype)


@pytest.mark.parametrize(("text", "ptype"), [
    ("The two governments signed a border agreement on Friday.", "SUPPORT"),
    ("The European Union imposed sanctions on the oil company.", "SANCTION"),
    ("A deal was reached after three days of talks in Sorvik.", "AGREE"),
    ("The junta banned all public gatherings.", "COERCE"),
])
def test_making_or_imposing_an_arrangement_is_an_event(text: str, ptype: str) -> None:
    assert _of(text, ptype)


@pytest.mark.parametrize("text", [
    "Kelvara is supplying intelligence and training to the neighbouring army.",
    "The agency provided medical equipment to three hospitals.",
    "The United Nations sent peacekeepers to the border region.",
])
def test_equipment_intelligence_and_peacekeepers_given_are_aid(text: str) -> None:
    assert _of(text, "AID")


@pytest.mark.parametrize("text", [
    "The allies shared the burden of the patrols.",
    "Kelvara and Ostrel shared the water of the river under the old arrangement.",
    "The neighbouring police forces shared the cost of the operation.",
])
def test_sharing_among_several_doers_is_cooperation(text: str) -> None:
    assert _of(text, "COOPERATE")


@pytest.mark.parametrize("text", [
    "Police said they would arrest anyone who blocks the road.",
    "The new law punishes whoever organises an unauthorised rally.",
    "The governor vowed to jail anybody who stages a strike at the port.",
])
def test_an_act_of_anyone_who_is_no_happening(text: str) -> None:
    assert not _of(text, "PROTEST")


def test_an_act_of_people_who_did_it_stands() -> None:
    assert _of("Police arrested the men who blocked the road.", "PROTEST")


@pytest.mark.parametrize("text", [
    "He was released from hospital on Monday.",
    "The singer was released from her contract with the label.",
    "The government freed up funds for the new hospital.",
    "Two candidates withdrew from the race on Friday.",
    "The team pulled out of the tournament.",
    "The minister resigned himself to defeat.",
])
def test_leaving_care_a_contract_or_a_contest_is_no_retreat(text: str) -> None:
    assert not _of(text, "RETREAT")


@pytest.mark.parametrize("text", [
    "The activist was released on bail on Tuesday.",
    "Lawmakers voted to free the detained journalists.",
    "The battalion pulled out of the besieged town.",
    "The minister resigned on Friday.",
])
def test_release_from_custody_and_forces_leaving_are_retreats(text: str) -> None:
    assert _of(text, "RETREAT")


@pytest.mark.parametrize("text", [
    "Gunmen attacked a police station in Varnow on Monday, killing three officers. Witnesses said the assailants"
    " opened fire on the station from two cars.",
    "Militants bombed a market in Tessaly on Friday. The explosion destroyed several stalls.",
    "Soldiers shelled the village of Orlo overnight. Residents said the shells hit homes and a school.",
])
def test_a_doer_named_again_by_the_act_or_its_means_is_one_happening(text: str) -> None:
    assert len(_of(text, "ASSAULT")) == 1, _of(text, "ASSAULT")


@pytest.mark.parametrize("text", [
    "Gunmen ambushed a bus near Kessa on Monday. The gunmen later shot two passengers.",
    "Raiders attacked the village of Ubro at dawn. The attackers then burned the clinic.",
    "Militants bombed a depot outside Marren in May. The militants have since shelled the airport.",
])
def test_the_same_doers_acting_later_is_a_new_act(text: str) -> None:
    assert len(_of(text, "ASSAULT")) == 2, _of(text, "ASSAULT")


def test_a_new_doer_after_an_attack_is_a_new_act() -> None:
    text = "Rebels attacked an army post near Orlo. The next day soldiers shelled the rebels' camp."
    assert len(_of(text, "ASSAULT")) == 2, _of(text, "ASSAULT")


@pytest.mark.parametrize("text", [
    "Unknown attackers stabbed a councillor at his home.",
    "A guard punched the prisoner in the face.",
    "Two men were stabbed outside a bar on Saturday.",
])
def test_blows_with_a_blade_or_a_fist_are_assaults(text: str) -> None:
    assert _of(text, "ASSAULT")


def test_a_stab_at_something_is_no_assault() -> None:
    assert not _of("Critics said the plan was a stab in the dark.", "ASSAULT")
