"""Events v2 on sentences written here (invented outlets, people and places; real countries only where the
mechanism is about the gazetteer): word sense from arguments, nominal events with their roles, actors
from modifiers, one event per happening, datelines never actors, the argument table's codes."""

from __future__ import annotations

from factfinder.records import Event

from event_probe import events as _events


def _by(events: tuple[Event, ...], trigger: str) -> Event:
    found = [e for e in events if e.trigger.text == trigger]
    assert found, f"no event triggered by {trigger!r} in {[(e.trigger.text, e.plover) for e in events]}"
    return found[0]


# ---------------------------------------------------------------- word sense from arguments
def test_weapon_or_force_striking_is_assault_workers_striking_is_protest():
    assert _by(_events("Russian missiles struck a fuel depot near the port overnight."), "struck").plover == "ASSAULT"
    assert _by(_events("A roadside bomb hit an army truck outside the town."), "hit").plover == "ASSAULT"
    assert _by(_events("Thousands of dock workers struck on Monday over unpaid wages."), "struck").plover == "PROTEST"
    deal = _by(_events("The two parties struck a deal on Friday after long talks."), "struck")
    assert deal.plover == "AGREE"


def test_nominal_strike_takes_its_sense_from_its_modifier():
    air = _by(_events("Drone strikes on the town killed six people, residents said."), "killed")
    assert air.plover == "ASSAULT"
    labour = _by(_events("A strike by bus drivers entered its second week on Monday."), "strike")
    assert labour.plover == "PROTEST" and labour.sources == ("bus drivers",)


def test_firing_staff_or_tear_gas_is_not_shooting():
    staff = _by(_events("The regional governor fired 40 nurses who had joined the walkout."), "fired")
    assert staff.plover == "COERCE"
    gas = _by(_events("Police fired tear gas at the marchers near the ministry."), "fired")
    assert gas.plover == "COERCE"
    shells = _by(_events("Soldiers fired mortar shells at the hills above the village."), "fired")
    assert shells.plover == "ASSAULT" and shells.mode == "heavy-weapons"


def test_charged_with_an_offence_is_an_arrest_charge():
    ev = _by(_events("Prosecutors charged the editor of a weekly paper with sedition."), "charged")
    assert (ev.plover, ev.cameo) == ("COERCE", "173")
    blame = _by(_events("The opposition charged that the vote had been rigged."), "charged")
    assert blame.plover == "ACCUSE"


def test_war_is_assault_never_cooperation():
    ev = _by(_events("The rebels waged war on the government for a decade."), "waged")
    assert ev.plover == "ASSAULT"
    assert all(e.plover != "COOPERATE" for e in _events("The war in the north has killed thousands."))


def test_anonymity_and_displacement_by_fighting_are_not_events():
    events = _events("A resident, who asked not to be named, said the fighting had displaced 30,000 people.")
    assert not [e for e in events if e.plover in ("REQUEST", "COERCE")]
    assert _by(_events("Militias displaced thousands of villagers."), "displaced").plover == "COERCE"


# ---------------------------------------------------------------- nominal events with roles
def test_possessor_of_an_arrest_is_the_one_arrested():
    ev = _by(_events("Her lawyer said Amira Tolvane's arrest was unlawful."), "arrest")
    assert ev.plover == "COERCE" and ev.targets == ("Amira Tolvane",) and ev.sources == ()


def test_detention_of_x_by_y():
    ev = _by(_events("The detention of two reporters by soldiers drew wide criticism."), "detention")
    assert ev.sources == ("soldiers",) and ev.targets == ("reporters",)


def test_talks_between_two_parties_consult_with_both():
    ev = _by(_events("Talks between Ecuador and Uruguay resumed in Vienna on Monday."), "Talks")
    assert ev.plover == "CONSULT"
    assert {"ECU", "URY"} <= set(ev.source_countries + ev.target_countries)


def test_participant_in_a_nominal_event_is_its_source():
    ev = _by(_events("A senior general was involved in the deportation of thousands of civilians."), "deportation")
    assert ev.plover == "COERCE" and ev.sources == ("senior general",) and ev.targets == ("civilians",)


# ---------------------------------------------------------------- actors of agentless sentences
def test_actor_from_a_national_modifier_but_never_invented():
    ev = _by(_events("Ukrainian drones hit an oil depot in the border region."), "hit")
    assert ev.source_countries == ("UKR",)
    bare = _by(_events("Three people were killed in the blast on Sunday."), "killed")
    assert bare.sources == ()


def test_dateline_is_not_the_subject():
    ev = _by(_events("KYIV, Ukraine — Russian drones hit a power station overnight, officials said."), "hit")
    assert ev.plover == "ASSAULT" and ev.source_countries == ("RUS",)
    assert all("Kyiv" not in " ".join(e.sources + e.targets) for e in _events(
        "KYIV, Ukraine — Russian drones hit a power station overnight, officials said."))


# ---------------------------------------------------------------- one event per happening
def test_repeated_mentions_are_one_event():
    events = _events("Police detained 30 protesters in Marvelle on Sunday. Among those detained was an "
                     "opposition leader. The ministry said the 30 had been detained for blocking a road.")
    assert [e.plover for e in events].count("COERCE") == 1
    attack = _events("Rebels stormed an army post on Sunday. At least nine soldiers were killed, officials said.")
    assert [e.plover for e in attack].count("ASSAULT") == 1
    assert _by(attack, "stormed").sources == ("Rebels",)


def test_distinct_happenings_stay_apart():
    events = _events("Rebels ambushed an army convoy on Monday. On Friday, soldiers shelled three villages "
                     "in the valley.")
    assert [e.plover for e in events].count("ASSAULT") == 2


# ---------------------------------------------------------------- tables
def test_argument_table_codes_agree_with_crosswalk():
    from factfinder.extract.events import arg_table
    from factfinder.ontology.cameo import plover_of_cameo

    tab = arg_table()
    rules = [r for table in (tab.verb_senses, tab.noun_senses) for rs in table.values() for r in rs]
    leaves = [r["t"] for r in rules if isinstance(r["t"], list)]
    assert leaves and all(plover_of_cameo(c) == t for t, _, c in leaves if c)
    used = {r[k] for r in rules for k in ("subj", "obj", "mod", "pobj") if k in r}
    assert used <= set(tab.classes)


def test_gsr_halves_follow_the_split():
    from factfinder.eval.plover import gsr_half

    assert gsr_half({"id": "PLOVER-GSR01-AGREE-0002"}) == "tune"
    assert gsr_half({"id": "PLOVER-GSR01-AGREE-0003"}) == "check"


def test_one_shelling_told_by_several_verbs_is_one_event():
    events = _events("Mortar shells fired by militants landed near a market in Dorvana on Friday. The rounds had "
                     "come from the ridge above the town, police said.")
    assault = [e for e in events if e.plover == "ASSAULT"]
    assert len(assault) == 1 and assault[0].sources == ("militants",)


def test_a_denied_act_is_not_coded_as_that_act():
    events = _events("The embassy rejected the accusation, saying its troops did not fire across the border.")
    assert [e.plover for e in events] == ["REJECT"]


def test_evaluations_regret_and_dismissal():
    ev = _by(_events("Relatives described the detentions as reprisals for the protests."), "described")
    assert (ev.plover, ev.mode) == ("ACCUSE", "disapprove")
    assert _by(_events("The minister called the reports malicious fabrications."), "called").plover == "REJECT"
    assert _by(_events("The charity said it deeply regretted the decision."), "regretted").plover == "ACCUSE"


# ---------------------------------------------------------------- actor names
def test_a_count_is_not_part_of_an_actors_name():
    ev = _by(_events("Soldiers detained at least 40 students outside the Dovrik campus on Friday."), "detained")
    assert ev.targets == ("students",)
    shelled = _by(_events("Militiamen shelled two villages near the river, residents said."), "shelled")
    assert shelled.targets == ("villages",)


def test_a_date_glued_before_the_subject_is_not_its_name():
    ev = _by(_events("MERVALE, Jan 9 \u2013 Police in the northern province detained a union leader."), "detained")
    assert ev.sources == ("Police",)


def test_a_question_about_who_names_nobody():
    ev = _by(_events("The ministry gave no word on how many people it had detained."), "detained")
    assert ev.targets == ()


def test_people_an_act_befell_are_its_target_even_when_not_an_actor_noun():
    ev = _by(_events("TARNOW \u2014 Two reporters from a local weekly were freed late on Tuesday."), "freed")
    assert ev.plover == "RETREAT" and ev.targets == ("reporters",)
    # a singular abstract object is not a target
    assert _by(_events("The governor restricted access to the coastal road."), "restricted").targets == ()


# ---------------------------------------------------------------- aid: a transfer of relief goods
def test_sending_or_handing_out_relief_goods_is_aid():
    assert _by(_events("The county government sent water tankers to the settlement."), "sent").plover == "AID"
    out = _by(_events("Volunteers handed out relief parcels to 400 displaced families."), "handed")
    assert out.plover == "AID" and out.targets == ("displaced families",)
    assert _by(_events("The charity distributed blankets in the camps."), "distributed").plover == "AID"
    # handing out leaflets or sending a letter is no aid
    assert all(e.plover != "AID" for e in _events("Activists handed out leaflets near the station."))


# ---------------------------------------------------------------- what is not an event of its own
def test_declining_to_be_named_is_the_anonymity_formula():
    events = _events("A press officer, who declined to be named, said the convoy had left the base.")
    assert all(e.plover != "REJECT" for e in events)
    assert _by(_events("The rebels declined to join the talks."), "declined").plover == "REJECT"


def test_the_offence_an_arrest_is_for_is_not_a_second_event():
    events = _events("Police detained three men for blocking the highway near Corvallo.")
    assert [e.plover for e in events] == ["COERCE"]
    convicted = _events("He was convicted in 2023 of attempting to seize power.")
    assert all(e.trigger.text != "seize" for e in convicted)


def test_a_bare_gerund_after_a_time_preposition_marks_when():
    events = _events("The reporters were freed after questioning.")
    assert [e.plover for e in events] == ["RETREAT"]


def test_a_planned_passive_is_the_act_not_its_subjects_intention():
    released = _by(_events("The commander said the hostages would be released on Friday."), "released")
    assert released.plover == "RETREAT" and released.modality == "planned"
    charged = _by(_events("The magistrate said the nine dockers would be charged with rioting."), "charged")
    assert charged.plover == "COERCE"
    # the active planned act stays an intention
    assert _by(_events("The rebels said they would release the hostages."), "release").plover == "AGREE"
    assert not [e for e in _events("We will not be arrested, the editor said.") if e.trigger.text == "arrested"]
    assert _by(_events("The editor will be arrested."), "arrested").plover == "COERCE"


def test_arriving_troops_are_not_a_visit_or_a_mobilisation():
    assert not [e for e in _events("The column of soldiers arrived in armoured vehicles at dawn.")
                if e.trigger.text == "arrived"]


# ---------------------------------------------------------------- accusations the codebook names
def test_a_warning_about_the_present_is_criticism_a_warning_of_consequences_a_threat():
    crit = _by(_events("The Ostrava Council has warned that the draft law breaches the charter."), "warned")
    assert (crit.plover, crit.mode) == ("ACCUSE", "disapprove")
    assert _by(_events("The army warned that it would respond with force."), "warned").plover == "THREATEN"
    assert _by(_events("The minister warned the rebels to leave the town."), "warned").plover == "THREATEN"


def test_a_request_to_a_court_or_going_to_court_is_legal_action():
    ev = _by(_events("His lawyer said he would ask the Supreme Court to overturn the ban."), "ask")
    assert (ev.plover, ev.mode) == ("ACCUSE", "legal action")
    assert _by(_events("The union will go to the labour court on Monday."), "go").plover == "ACCUSE"
    took = _by(_events("The opposition took the government to court over the vote."), "took")
    assert took.plover == "ACCUSE" and took.targets == ("government",)
    assert _by(_events("She asked the governor to release the prisoners."), "asked").plover == "REQUEST"


def test_holding_someone_responsible_is_an_accusation_of_them():
    ev = _by(_events("The party holds the interior minister personally responsible for the beating."), "holds")
    assert ev.plover == "ACCUSE" and ev.targets == ("interior minister",)
    assert all(e.plover != "ACCUSE" for e in _events("Troops held the bridge for a week."))


def test_a_protest_note_is_a_formal_complaint():
    ev = _by(_events("The foreign ministry handed the ambassador a protest note."), "handed")
    assert ev.plover == "ACCUSE"


def test_two_accusations_in_one_sentence_stay_two():
    events = _events("In a statement, the embassy blamed Ukrainian drones for the crash and accused Moldovan "
                     "officials of hysteria.")
    assert [e.plover for e in events].count("ACCUSE") == 2


def test_a_signed_document_and_a_hosting_place_are_no_events():
    assert all(e.plover != "SUPPORT" for e in _events("In a letter signed by the embassy, it blamed the army."))
    assert _by(_events("The two ministers signed a trade agreement."), "signed").plover == "SUPPORT"
    assert not [e for e in _events("The camp hosts some 20,000 displaced people.") if e.trigger.text == "hosts"]
    assert _by(_events("Qatar hosted the talks in May."), "hosted").plover == "CONSULT"


# ---------------------------------------------------------------- sources from structure
def test_a_relative_pronoun_subject_is_the_noun_it_stands_for():
    ev = _by(_events("The junta, which seized power last spring after a coup, declined to comment."), "seized")
    assert ev.sources == ("junta",)


def test_a_speakers_own_forces_act_as_the_speaker():
    ev = _by(_events("The Dravenian army said its units had killed 20 militants near the border."), "killed")
    assert ev.sources and "army" in ev.sources[0]
    assert ev.sources != ("its units",)


def test_the_weapon_fired_is_not_the_target():
    ev = _by(_events("Ostravia fired two ballistic missiles at the port overnight."), "fired")
    assert ev.plover == "ASSAULT" and not any("missile" in t for t in ev.targets)


def test_a_light_verbs_subject_gives_a_bare_strike_its_sense():
    armed = _by(_events("The navy said its units had carried out a strike against a radar site."), "carried")
    assert armed.plover == "ASSAULT"
    labour = _by(_events("Dock workers carried out a strike at the port on Monday."), "carried")
    assert labour.plover == "PROTEST"


def test_a_hyphenated_participle_names_its_agent():
    events = _events("The Iran-backed militia attacked the base on Sunday.")
    ev = _by(events, "backed")
    assert ev.plover == "SUPPORT" and ev.sources == ("Iran",) and ev.targets
    assert _by(events, "attacked").plover == "ASSAULT"
    # a participle without a named agent before a hyphen is no such event
    assert not [e for e in _events("The well-armed militia attacked the base.") if e.trigger.text == "armed"]


def test_finding_or_saying_that_something_is_wrong_is_disapproval():
    ev = _by(_events("A UN panel found that his detention was arbitrary."), "found")
    assert (ev.plover, ev.mode) == ("ACCUSE", "disapprove")
    assert _by(_events("The lawyer said the arrest was unlawful."), "said").plover == "ACCUSE"
    assert not [e for e in _events("The minister said the vote was fair.") if e.plover == "ACCUSE"]
    assert not [e for e in _events("The lawyer said the arrest was not unlawful.") if e.trigger.text == "said"]


def test_a_source_declaring_itself_alarmed_disapproves():
    ev = _by(_events("The Corvan ombudsman's office said it was alarmed by accounts of unlawful arrests."), "alarmed")
    assert ev.plover == "ACCUSE" and ev.sources
    eu = _by(_events("The EU is deeply concerned about the arrests of journalists."), "concerned")
    # the acronym is filed under the body's name (ontology/organizations.json)
    assert eu.plover == "ACCUSE" and eu.sources == ("European Union",)
    assert not [e for e in _events("The EU is not concerned about the vote.") if e.plover == "ACCUSE"]


def test_a_question_put_is_not_a_request():
    assert not [e for e in _events("They asked me who was funding me, the driver said.") if e.plover == "REQUEST"]
    assert _by(_events("She asked the governor to release the prisoners."), "asked").plover == "REQUEST"


def test_a_purpose_clause_is_the_same_protest():
    events = _events("Hundreds of residents blocked the highway to protest against water shortages.")
    assert [e.plover for e in events].count("PROTEST") == 1
