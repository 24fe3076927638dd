"""One example per event rule family (invented groups and places), parsed for real: each asserts the effect
its rule exists for, so that removing or inverting the rule fails it."""

from __future__ import annotations

import pytest

from event_probe import one
from factfinder.pipeline import analyse
from factfinder.records import Event, Report


def events(text: str) -> tuple[Event, ...]:
    return analyse(Report(id="t", text=text, published="2024-09-30", outlet="Test Wire")).events


def targets_of(text: str, trigger: str) -> tuple[str, ...]:
    found = [e for e in events(text) if e.trigger.text == trigger]
    assert found, f"no event triggered by {trigger!r}"
    return found[0].targets


def test_a_partitive_target_is_the_group_its_of_phrase_names():
    # "members of X", "supporters of X": the phrase runs on through "of", so the target names X.
    assert any("Ostrava Workers Union" in t for t in
               targets_of("Police arrested members of the Ostrava Workers Union on Tuesday.\n", "arrested"))
    assert any("Varn Liberation Front" in t for t in
               targets_of("Soldiers detained supporters of the Varn Liberation Front near the border.\n", "detained"))


def test_negation_on_the_governing_verb_negates_the_event_of_its_complement():
    # "did not try to arrest": nobody was arrested; "tried to arrest" is not negated.
    def arrest(text: str) -> Event:
        return next(e for e in events(text) if e.trigger.text == "arrest")

    assert arrest("Police did not try to arrest the protesters.\n").negated
    assert not arrest("Police tried to arrest the protesters.\n").negated


def test_a_name_apposed_to_the_head_of_a_group_and_what_is_coordinated_with_it_are_targets():
    # "the mayor of X, Y, and two aides": the tagger hangs Y on X as a conjunct, and the aides on Y; the
    # apposed name and everything coordinated with it were arrested.
    for text, trigger, name, more in (
            ("Police arrested the mayor of Orvik, Ilse Brandt, and two aides on Monday.\n", "arrested",
             "Ilse Brandt", "aides"),
            ("Soldiers detained the governor of Tessik, Jonas Petrak, and four guards at the border.\n", "detained",
             "Jonas Petrak", "guards")):
        targets = targets_of(text, trigger)
        assert any(name in t for t in targets) and any(more in t for t in targets), (text, targets)


def test_the_subject_of_an_experiencer_verb_is_the_target_never_the_source():
    # "X suffered attacks", "X faced threats": X undergoes the act.
    for text, who in (("Villagers in the north have suffered repeated attacks by militias.\n", "Villagers"),
                      ("Farmers faced threats from armed groups after the harvest.\n", "Farmers")):
        found = [e for e in events(text) if any(who in t for t in e.targets)]
        assert found and not any(who in s for e in events(text) for s in e.sources), text


def test_a_passive_participle_modifying_a_noun_takes_that_noun_as_its_patient():
    # "a journalist released by the authorities": the participle has no subject of its own; the noun it
    # modifies is who was released, the by-phrase who released them.
    found = [e for e in events("Relatives gathered outside the prison to greet a journalist released by the "
                               "authorities on Monday.\n") if e.trigger.text == "released"]
    assert found and any("journalist" in t for t in found[0].targets)
    assert any("authorities" in s for s in found[0].sources)


def test_two_words_for_one_kind_of_act_are_one_event_only_close_together():
    # 'detained ... were arrested' a sentence or two later restates one arrest; three sentences on, with other
    # news between, a different word for the same kind of act is another happening.
    filler = ["The square was quiet by evening.", "Shops stayed shut along the avenue.", "Rain fell overnight."]
    for first, later in [("Police detained dozens of students in Orlen Ford on Monday.",
                          "Dozens of students were arrested outside the court."),
                         ("Soldiers arrested six fishermen near the Kessel jetty on Friday.",
                          "Six fishermen were detained at the harbour.")]:
        counts = []
        for between in (1, 2):
            text = " ".join([first, *filler[:between], later]) + "\n"
            counts.append(len([e for e in events(text) if e.plover == "COERCE"]))
        assert counts == [1, 2], (first, counts)


def test_a_group_placed_in_a_country_acts_for_that_country():
    # "supporters in X", "students throughout X", "farmers across X": the place phrase gives the country.
    for text, trigger, country in [
            ("Opposition supporters in Zimbabwe marched on the parliament on Monday.", "marched", "ZWE"),
            ("Students throughout Indonesia protested against the fuel price rise.", "protested", "IDN"),
            ("Farmers across Kenya blocked highways to protest the new tax.", "blocked", "KEN")]:
        found = [e for e in events(text) if e.trigger.text == trigger]
        assert found and found[0].source_countries == (country,), (text, found)


def test_a_sector_noun_named_after_an_act_is_people_not_an_event():
    # "riot police", "strike leaders", "protest marshals": the modifier names an act, the noun people.
    for text, word in [("Riot police fired tear gas at the crowd on Friday.", "police"),
                       ("Strike leaders met the minister on Tuesday.", "leaders"),
                       ("Rebel troops shelled the port on Sunday.", "troops")]:
        assert not [e for e in events(text) if e.trigger.text == word], text


def test_strike_with_a_direct_object_is_an_assault():
    # "X struck the guard": no sense rule for the subject or the object holds, but a struck object makes
    # the verb a blow, never the labour strike the bare verb most often is.
    for text in ("A man struck the guard with a metal pipe.\n", "Youths struck a passing bus with stones on Sunday.\n",
                 "A policeman struck the boy with a baton outside the school.\n"):
        found = [e for e in events(text) if e.trigger.text == "struck"]
        assert found and (found[0].plover, found[0].cameo) == ("ASSAULT", "190"), (text, found)


def test_a_planned_attack_is_a_threat_of_violence_and_a_planned_accord_an_agreement():
    # "will attack": a future act of force is THREATEN with the violence mode and a CAMEO threat code (13x);
    # a future act of cooperation is AGREE with an agreement code (03x), never the threat's.
    for text, trigger in [("The rebels will attack the garrison at dawn.\n", "attack"),
                          ("The army will shell the northern villages, the commander said.\n", "shell"),
                          ("The militia would bomb the bridge if the talks failed.\n", "bomb")]:
        found = [e for e in events(text) if e.trigger.text == trigger]
        assert found and (found[0].plover, found[0].mode) == ("THREATEN", "violence"), (text, found)
        assert found[0].cameo.startswith("13"), (text, found[0].cameo)
    for text, trigger in [("The two ministers will sign the accord on Friday.\n", "sign"),
                          ("The mayor will meet the protest leaders on Tuesday.\n", "meet"),
                          ("The rival parties will cooperate on the budget.\n", "cooperate")]:
        found = [e for e in events(text) if e.trigger.text == trigger]
        assert found and found[0].plover == "AGREE" and found[0].cameo.startswith("03"), (text, found)


def test_a_bare_participle_after_its_noun_is_an_event_only_for_the_tables_participle_verbs():
    # "the students detained": a participle of the table's 'amod' verbs (arrest, violence) names an act done
    # to the noun; "the weapons seized", "the prisoners released" only describe the noun by an earlier act.
    found = [e for e in events("Families of the students detained waited outside the Varn prison.\n")
             if e.trigger.text == "detained"]
    assert found and found[0].plover == "COERCE" and any("students" in t for t in found[0].targets)
    for text, trigger in [("The weapons seized were shown to reporters on Monday.\n", "seized"),
                          ("The prisoners released returned to their villages.\n", "released"),
                          ("The documents confiscated were returned to the editor.\n", "confiscated")]:
        assert not [e for e in events(text) if e.trigger.text == trigger], text


def test_the_same_act_again_on_another_stated_day_is_a_second_event():
    # "detained 30 on Monday ... on Thursday police detained 12": the same word further on is one act told
    # again, unless a stated day tells the two apart.
    for text, trigger in (
            ("Police detained 30 protesters in Varnok on Monday. The city was calm later. Shops reopened in the "
             "evening. Schools stayed shut. On Thursday police detained 12 protesters.\n", "detained"),
            ("Soldiers arrested five farmers near Teluria on Tuesday. The harvest has been poor. Prices have "
             "risen. Markets were quiet. On Friday soldiers arrested three farmers.\n", "arrested"),
            ("Guards detained a reporter at the border on Sunday. The crossing was busy. Trucks waited for "
             "hours. Rain fell all day. On Wednesday guards detained a reporter again.\n", "detained")):
        assert len([e for e in events(text) if e.trigger.text == trigger]) == 2, text


def test_a_thing_struck_in_a_named_place_makes_that_place_the_target_not_another_place_named_earlier():
    # "shelled the airport outside X": the place the thing stands in is the target, named as the text names
    # it; a place named earlier in the sentence (where someone spoke) is not it.
    for text, trigger, place, other in (
            ("Speaking in Teluria, officials said rebels shelled the airport outside Varnok on Monday.\n",
             "shelled", "Varnok", "Teluria"),
            ("An official in Nordmark said militants bombed a market in Orvik on Friday.\n", "bombed", "Orvik",
             "Nordmark"),
            ("Visiting Tessik, the envoy said gunmen attacked the bridge near Halvor on Sunday.\n", "attacked",
             "Halvor", "Tessik")):
        targets = targets_of(text, trigger)
        assert any(place in t for t in targets) and not any(other in t for t in targets), (text, targets)


# ---------------------------------------------------------------- session 10: survivors of mutation seed 1202
@pytest.mark.parametrize("text, plover", [
    ("The assembly sanctioned a decree on Monday.", None),
    ("The senate sanctioned the budget plan after a long debate.", None),
    ("The council sanctioned three companies over the spill.", "SANCTION"),
])
def test_approving_a_text_is_no_sanction_punishing_a_party_is(text, plover):
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    types = [e.plover for e in analyse(Report(id="t", text=text, published="2031-03-05")).events]
    assert types == ([plover] if plover else [])


@pytest.mark.parametrize("text, agent", [
    ("Police spokesman Inspector Arlo Venn said 12 men were detained in Varnok.", "Police"),
    ("Ministry spokesman Karel Dostan said 12 men were detained in Varnok.", "Ministry"),
    ("Interior ministry spokesman Karel Dostan said 40 protesters were arrested in Varnok.", "ministry"),
])
def test_an_authoritys_spokesman_reporting_a_detention_names_its_body_as_the_agent(text, agent):
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    events = analyse(Report(id="t", text=text, published="2031-03-05")).events
    assert [e.sources for e in events if e.plover == "COERCE"] == [(agent,)]


def test_a_count_of_people_can_do_what_a_thing_cannot():
    # "thousands of teachers rallied": the doers are what is counted, who can act ("shares rallied" cannot)
    evs = events("Thousands of teachers rallied in Varnok on Friday.")
    assert [e.plover for e in evs if e.trigger.text == "rallied"] == ["PROTEST"]


def test_saying_ones_own_side_did_not_act_is_a_denial():
    # CAMEO 120 on the speech verb: "the army said its soldiers had not fired" denies the shooting
    evs = events("The army said its soldiers had not fired on the crowd.")
    assert any(e.plover == "REJECT" and e.trigger.text == "said" for e in evs)


def test_the_parties_of_a_between_phrase_are_its_sources():
    # "talks between X and Y": with no other actor, the first party acts and the others take part with it
    ev = one("Talks between Varnok and Teluria resumed on Monday.\n", "Talks")
    assert ev.sources == ("Varnok", "Teluria"), ev.sources


def test_a_part_played_by_an_owner_names_the_doer_of_a_nominal_act():
    # "the army's part in the deportations": the owner of the part is who deported
    assert one("The report detailed the army's part in the deportations.\n", "deportations").sources == (
        "army",)


def test_one_counted_is_no_denial():
    # "no one" denies there was any; "only one" counts one
    kinds = {(e.trigger.text, e.plover) for e in events("Only one was arrested, police said.\n")}
    assert ("arrested", "COERCE") in kinds and ("said", "REJECT") not in kinds, kinds


def test_an_intended_act_stands_as_the_threat_it_is():
    # "plans to attack": the intention verb gives way to the embedded act, marked planned
    ev = one("The army plans to attack the town next week.\n", "attack")
    assert (ev.plover, ev.modality) == ("THREATEN", "planned"), (ev.plover, ev.modality)


@pytest.mark.parametrize("text, trigger, target", [
    ("The 34 students, who had been quarantined in Dornick, were sent home on Monday.\n", "quarantined", "students"),
    ("The activist, who was arrested in Teluria in May, went on trial.\n", "arrested", "activist"),
    ("The convoy that was attacked near Varnok carried food.\n", "attacked", "convoy"),
])
def test_the_patient_of_a_passive_relative_clause_is_the_noun_it_describes(text, trigger, target):
    # "X, who was arrested in Y": the relative pronoun stands for X; Y is only where it happened
    assert target in targets_of(text, trigger), targets_of(text, trigger)


def test_a_place_the_parser_made_the_object_of_a_gathering_keeps_the_gathering():
    # "gathered outside parliament": the spatial word shows the object is where, not what was gathered
    assert one("Hundreds of farmers gathered outside parliament on Monday.\n", "gathered").plover == "PROTEST"


def test_a_day_after_a_preposition_is_when_not_what_for():
    # "called a strike for Friday": the strike is called; "for Friday" asks for nothing
    ev = one("The union called a strike for Friday.\n", "called")
    assert (ev.plover, ev.mode) == ("PROTEST", "strike-gen"), (ev.plover, ev.mode)


def test_insisting_on_a_past_fact_is_no_demand():
    # "insisted that they had not been warned": a tensed auxiliary makes the clause an assertion
    kinds = {(e.trigger.text, e.plover) for e in events("The drivers insisted that they had not been warned.\n")}
    assert ("insisted", "REQUEST") not in kinds, kinds
    kinds = {(e.trigger.text, e.plover) for e in events("The drivers insisted that they be paid in full.\n")}
    assert ("insisted", "REQUEST") in kinds, kinds
