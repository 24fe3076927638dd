"""Claims (derive/claims.py v9) on the classes a news-style dispute set showed missing or wrong:
states of custody however the place is named, counts of any people noun, causers and auxiliaries
before a count's cue, the rise a revised toll explains, the days of follow-ups and of reckoning,
clock times with no day, start days, doers told later in the sentence or by the means, police vs
military, and a reference city that only locates a town. Every sentence is invented."""

from __future__ import annotations

import pytest

from factfinder.derive.claims import report_claims
from factfinder.derive.disputes import ReportClaims, find_disputes
from factfinder.pipeline import analyse
from factfinder.records import Report


def _claims(text: str, published: str = "2026-09-10", rid: str = "r1"):
    return report_claims(analyse(Report(id=rid, outlet="Test Wire", published=published, text=text)))


def _slot(claims, slot: str, predicate: str | None = None):
    return [c for c in claims if c.slot == slot and (predicate is None or c.predicate == predicate)]


def _cards(*texts: str, published: str = "2026-09-10"):
    rows = []
    for k, text in enumerate(texts):
        rid = f"r{k + 1}"
        rows.append(ReportClaims(rid, "s", rid, f"Outlet {k}", tuple(_claims(text, published, rid))))
    return {d.about: d for d in find_disputes(rows)}


# --------------------------------------------------------------------------- status


@pytest.mark.parametrize("text", [
    "The reporter remains in a military detention facility in Varnok, his editor said.",
    "She is being held at a police station in the east of the country, her brother said.",
    "The two activists are still in jail, their lawyer said on Monday.",
])
def test_a_state_of_being_held_somewhere_is_custody(text):
    assert [c.value for c in _slot(_claims(text), "status")] == ["in custody"]


@pytest.mark.parametrize("text", [
    "Press freedom groups condemned the arrest of the reporter in Varnok.",
    "The minister remains in the capital for talks, his office said.",
    "She is held in high regard by her colleagues, the union said.",
])
def test_freedom_a_stay_in_a_city_and_esteem_are_no_status(text):
    assert _slot(_claims(text), "status") == []


def test_released_against_held_in_a_named_place_is_a_card():
    cards = _cards("Police detained the blogger Sela Marrow on Monday. She remains in a pre-trial detention "
                   "facility, her husband said.",
                   "The blogger Sela Marrow, detained on Monday, was released on Tuesday, her lawyer said.")
    card = cards["whether the people detained are free"]
    assert card.hard and {v.value for v in card.values} == {"in custody", "released"}


# --------------------------------------------------------------------------- numbers


def test_a_count_of_any_people_noun_is_a_count_of_people():
    [c] = _slot(_claims("Nine herders were killed in the raid on Tuesday, officials said."), "number")
    assert (c.subject, c.predicate, c.value) == ("people", "killed", "9")
    [c] = _slot(_claims("Fourteen inmates died when rival factions fought inside the jail, officials said."),
                "number")
    assert (c.subject, c.predicate, c.value) == ("people", "killed", "14")


def test_the_people_who_told_a_count_are_not_counted():
    claims = _slot(_claims("Two officials said 20 villagers were killed in the raid."), "number")
    assert [(c.value, c.predicate) for c in claims] == [("20", "killed")]


@pytest.mark.parametrize("text, predicate, value", [
    ("A cyclone drove more than 8,000 people from their homes, the agency said.", "displaced", "more than 8,000"),
    ("Fifteen miners have been declared dead after the tunnel flooded.", "killed", "15"),
    ("The fighting has driven some 5,000 residents from their homes.", "displaced", "some 5,000"),
])
def test_a_cue_right_after_the_count_says_what_it_counts(text, predicate, value):
    claims = _slot(_claims(text), "number")
    assert [(c.predicate, c.value) for c in claims] == [(predicate, value)]


def test_a_count_of_another_act_stays_out():
    assert _slot(_claims("About 300 people attended the funeral of those killed on Sunday."), "number") == []


def test_the_rise_a_revised_toll_explains_is_no_rival_count():
    claims = _slot(_claims("The death toll from the ferry sinking off the coast of Teluria, on the main "
                           "eastern route, rose to 31 on Friday after two more bodies were found, the "
                           "coastguard said."), "number")
    assert [(c.predicate, c.value) for c in claims] == [("killed", "revised 31")]


def test_a_series_of_acts_counts_overall():
    [c] = _slot(_claims("The region has seen a series of raids that have killed more than 300 villagers."),
                "number")
    assert c.predicate == "killed overall"


def test_hostages_are_not_housed():
    claims = _slot(_claims("Five aid workers taken hostage were released on Sunday."), "number")
    assert all(c.predicate != "housed" for c in claims)


# --------------------------------------------------------------------------- dates


def test_the_day_of_a_follow_up_is_not_the_disasters():
    claims = _slot(_claims("Rescue teams on Thursday recovered more bodies from the quarry, where a wall collapsed "
                           "onto a group of workers on Monday, the agency said.",
                           published="2026-09-11"), "date", "date")
    assert [c.key for c in claims if c.subject == "happening"] == ["2026-09-07"]


def test_the_day_a_revised_toll_was_told_is_not_the_happenings():
    claims = _slot(_claims("The toll from the train derailment rose to 19 on Wednesday, the police said.",
                           published="2026-09-10"), "date", "date")
    assert [c for c in claims if c.subject == "happening"] == []


def test_a_day_reckoned_from_dates_the_clause_it_belongs_to():
    held = _slot(_claims("Gunmen were still inside the compound on Friday, three days after the attack on the convoy.",
                         published="2026-09-12"), "date", "date")
    assert [c.key for c in held if c.subject == "happening"] == ["2026-09-08"]
    freed = _slot(_claims("Guards released 9 fishermen on Saturday, ten days after they were detained at sea.",
                          published="2026-09-13"), "date", "date")
    assert "2026-09-12" in [c.key for c in freed if c.subject == "release"]


def test_a_clock_time_with_no_day_is_no_date_of_the_happening():
    claims = _slot(_claims("The explosion hit the depot at about 11 p.m., the fire service said.",
                           published="2026-09-10"), "date", "date")
    assert [c for c in claims if c.subject == "happening"] == []


def test_a_process_started_on_a_day_is_a_start_day_and_a_later_said_day_is_not():
    claims = _slot(_claims("Landslides have cut off 30 villages in the valley since the storm began on Friday, "
                           "officials said on Monday.", published="2026-09-08"), "date", "date")
    assert [(c.subject, c.key) for c in claims if c.subject.startswith("start")] == [
        ("start of the disaster", "2026-09-04")]


def test_two_start_days_of_the_rains_are_a_card_and_one_day_told_twice_is_not():
    cards = _cards("The storm began on Saturday over the hills above the town.",
                   "The storm, which started on Friday, has cut the town off.", published="2026-09-09")
    assert any(c.slot == "date" and {v.value for v in c.values} == {"2026-09-04", "2026-09-05"}
               for c in cards.values())
    same = _cards("The storm began on Saturday over the hills above the town.",
                  "The storm started on Saturday, residents said.", published="2026-09-09")
    assert not any(c.slot == "date" for c in same.values())


def test_attacks_since_two_years_are_a_card():
    cards = _cards("Herders in the province have faced raids since 2016, officials said.",
                   "Villages in the province have faced raids since 2020, residents said.")
    assert any(c.slot == "date" and {v.value for v in c.values} == {"2016", "2020"} for c in cards.values())


# --------------------------------------------------------------------------- doers


def test_police_and_soldiers_are_two_doers_and_security_forces_either():
    police = "Police opened fire on the marchers in the square on Monday, killing four, witnesses said."
    troops = "Troops opened fire on the marchers in the square on Monday, killing four, witnesses said."
    forces = "Security forces opened fire on the marchers in the square on Monday, killing four, witnesses said."
    assert _cards(police, troops)["who did it"].hard
    assert "who did it" not in _cards(police, forces)
    assert "who did it" not in _cards(troops, forces)


def test_the_doer_told_later_in_the_sentence_is_the_happenings():
    [c] = _slot(_claims("Two traders were killed in the market as troops fired into the crowd in Varnok."),
                "actor", "perpetrator")
    assert c.key == "state forces: military"


def test_the_means_before_an_agentless_verb_classes_the_doer():
    [c] = _slot(_claims("Relatives said the two farmers shot in the field died after a military drone hit "
                        "their tractor."), "actor", "perpetrator")
    assert c.key == "state forces: military" and c.value == "military drone"


def test_a_doer_inferred_from_the_reporter_takes_no_part():
    assert _slot(_claims("Police said 40 people were arrested in the raids on Monday."), "actor", "perpetrator") == []


def test_a_doer_with_a_participle_phrase_after_a_verb_of_speech_is_the_doer():
    [c] = _slot(_claims("The mayor said soldiers stationed nearby fired on the protesters, killing two."),
                "actor", "perpetrator")
    assert c.key == "state forces: military"


# --------------------------------------------------------------------------- speakers, places


def _attribution_card(lead: str, words: str, first: str, second: str) -> bool:
    """Two reports telling the same quote after the same lead, each with its own speaker tag: is
    there a card about who said it?"""
    texts = [f'{lead} "{words}," {tag}' for tag in (first, second)]
    return any(c.slot == "attribution" for c in _cards(*texts).values())


_RIOT = ("Nine inmates died in the unrest.", "Order has been restored on every block of the jail")


def test_a_minister_and_another_body_are_two_speakers():
    assert _attribution_card(*_RIOT, "said Justice Minister Dovin Tarn.",
                             "the National Prison Authority said in a statement.")


def test_a_spokesperson_and_the_body_are_one_speaker():
    assert not _attribution_card(*_RIOT, "said Harlan Obi, a spokesman for the National Prison Authority.",
                                 "the National Prison Authority said in a statement.")


def test_a_city_that_only_locates_a_town_is_not_the_happenings_place():
    claims = _slot(_claims("An explosion at a chemical plant in Thane, north of Mumbai, killed six workers."),
                   "place", "place")
    assert [c.value.replace("ā", "a") for c in claims] == ["Thane"]


# --------------------------------------------------------------------------- second batch


def test_a_count_whose_state_verb_is_completed_by_custody_counts_the_detained():
    claims = _slot(_claims("Six medics working at the district clinic remain in police custody, their union "
                           "said."), "number")
    assert [(c.predicate, c.value) for c in claims] == [("detained", "6")]


def test_attackers_are_counted_apart_from_the_people_they_killed():
    claims = _slot(_claims("Four assailants were shot dead by guards, and two guards were killed."), "number")
    assert {(c.subject, c.value) for c in claims} == {("attackers", "4"), ("security forces", "2")}


def test_a_start_told_with_since_and_a_day_is_a_start_day():
    claims = _slot(_claims("The boycott by dock workers began on June 2, halting exports.",
                           published="2026-06-20"), "date", "date")
    assert [(c.subject, c.key) for c in claims] == [("start of the protests", "2026-06-02")]


@pytest.mark.parametrize("text, key", [
    ("The epidemic reached six districts after it started in March.", "2026-03"),
    ("The epidemic, which began in May, has spread to four districts.", "2026-05"),
])
def test_a_pronoun_before_the_start_cue_stands_for_the_process(text, key):
    claims = _slot(_claims(text, published="2026-09-10"), "date", "date")
    assert [(c.subject, c.key) for c in claims if c.subject.startswith("start")] == [("start of the disease", key)]


def test_now_starts_nothing():
    claims = _slot(_claims("The outbreak, which began in May, has now spread to four districts.",
                           published="2026-09-10"), "date", "date")
    assert [c.key for c in claims if c.subject.startswith("start")] == ["2026-05"]


def test_the_missing_found_dead_are_no_dispute_and_a_rival_count_of_the_missing_is():
    first = "At least 12 people died when the barge sank on Sunday. Nine people are still missing, the coastguard said."
    later = ("The toll from the ferry that sank on Sunday has risen to 17. Four people are still missing, "
             "the coastguard said.")
    rival = ("The toll from the ferry that sank on Sunday has risen to 17. Eleven people are still missing, "
             "the coastguard said.")
    assert "people missing" not in _cards(first, later, published="2026-09-08")
    assert "people missing" in _cards(first, rival, published="2026-09-08")


# --------------------------------------------------------------------------- third batch


_MARCH = ("Four marchers were shot dead on Friday.", "Nobody ordered the police to use live rounds")


def test_a_body_told_by_a_description_and_its_named_official_are_one_speaker():
    assert not _attribution_card(*_MARCH, "said Tomas Tarn, director of the Dornick Rights Watch.",
                                 "the monitoring group said.")


def test_a_person_told_by_a_description_and_a_named_person_are_two_speakers():
    assert _attribution_card(*_MARCH, "said Tomas Tarn, a shopkeeper.", "a witness said.")


def test_people_treated_for_injuries_are_the_wounded():
    claims = _slot(_claims("Doctors said 40 demonstrators had been admitted with injuries."), "number")
    assert [(c.predicate, c.value) for c in claims] == [("wounded", "40")]


# --------------------------------------------------------------------------- fourth batch


def test_a_night_and_the_bare_next_day_may_be_one_night_but_not_its_afternoon():
    late = "Coastguards fired on the trawler late on Friday night, the navy said."
    night = "Coastguards fired on the trawler on Friday night, the navy said."
    bare = "Coastguards fired on the trawler on Saturday, the navy said."
    afternoon = "Coastguards fired on the trawler on Saturday afternoon, the navy said."
    evening = "Coastguards fired on the trawler on Friday evening, the navy said."
    assert "day of the happening" not in _cards(late, bare, published="2026-09-14")
    assert "day of the happening" not in _cards(night, bare, published="2026-09-14")
    assert "day of the happening" in _cards(night, afternoon, published="2026-09-14")
    assert "day of the happening" in _cards(evening, bare, published="2026-09-14")


def test_a_part_told_with_of_them_inside_its_count_leaves_the_sum_whole():
    [total] = [c for c in _slot(_claims("The ambush killed 15 rebels and six other people, two of them "
                                        "police officers."), "number") if c.part_of is None]
    assert (total.lo, total.hi) == (21.0, 21.0)


def test_an_accusation_of_the_act_names_its_doer_and_one_of_another_act_does_not():
    [c] = _slot(_claims("Eleven farmers were killed in the raid. Relatives accuse troops of the "
                        "killings."), "actor", "perpetrator")
    assert c.key == "state forces: military"
    assert _slot(_claims("Eleven farmers were killed in the raid. Relatives accuse soldiers of corruption."),
                 "actor", "perpetrator") == []


def test_a_count_over_nights_of_unrest_counts_overall():
    [c] = _slot(_claims("More than 80 people were arrested over three nights of rioting, the ministry said."),
                "number")
    assert c.predicate == "detained overall"


# --------------------------------------------------------------------------- seventh batch


def _dates(text: str, published: str):
    an = analyse(Report(id="d", outlet="Test Wire", published=published, text=text))
    return {t.span.text: t.value for t in an.dates if t.span}


def test_a_weekday_owning_an_unscheduled_act_is_past_whatever_the_clause():
    got = _dates("Shop owners warned on Tuesday that they would close the market after Friday's bombing of the depot.",
                 "2026-09-23")  # a Wednesday
    assert got.get("after Friday") == "2026-09-18"
    scheduled = _dates("Party leaders met on Tuesday to prepare for Friday's vote in parliament.", "2026-09-23")
    assert "2026-09-25" in scheduled.values()


def test_the_day_of_a_threat_or_a_burial_is_not_the_happenings():
    threat = _slot(_claims("Shop owners warned on Tuesday that they would close the market after Friday's bombing "
                           "of the depot.", published="2026-09-23"), "date", "date")
    assert [c.key for c in threat if c.subject == "happening"] == ["2026-09-18"]
    burial = _slot(_claims("Families mourned their dead on Sunday, three days after the shelling of the village on "
                           "Thursday.", published="2026-09-21"), "date", "date")
    assert {c.key for c in burial if c.subject == "happening"} == {"2026-09-17"}


# --------------------------------------------------------------------------- eighth batch


def test_the_state_of_a_named_person_no_act_took_is_not_the_detained_peoples():
    vigil = _slot(_claims("Police detained 20 students at a march for the lawyer Sela Marrow, who has been "
                          "missing since May. The students were released on Sunday."), "status")
    assert [c.value for c in vigil] == ["released"]
    appeal = _slot(_claims("Rights groups called for the release of the reporter Sela Marrow, who remains in "
                           "custody in the capital."), "status")
    assert [c.value for c in appeal] == ["in custody"]


def test_people_freed_with_no_taking_told_are_counted_as_released():
    claims = _slot(_claims("Rebels released about 200 inmates from the prison on Sunday, officials said."), "number")
    assert [(c.predicate, c.value) for c in claims] == [("released", "about 200")]
    cards = _cards("Rebels released about 200 inmates from the prison on Sunday, officials said.",
                   "Rebels released more than 450 inmates from the prison on Sunday, the warden said.")
    assert "people released" in cards


def test_counts_of_people_who_took_part_meet_and_a_scale_word_clashes_with_a_figure_below_it():
    organisers = "Organisers said tens of thousands of people rallied in the main square on Saturday."
    police = "Police said about 6,000 people rallied in the main square on Saturday."
    cards = _cards(organisers, police)
    card = cards["people took part"]
    assert card.hard
    assert _slot(_claims("About 300 people attended the funeral of those killed on Sunday."), "number") == []


def test_a_long_object_between_an_act_and_its_day_keeps_the_day_the_acts():
    a = ("Lawyers filed a petition with the Constitutional Court of the Republic of Teluria in the capital on "
         "Monday over the deaths of three farmers.")
    b = "Lawyers lodged a petition with the court on Tuesday over the deaths of three farmers."
    claims = _slot(_claims(a, published="2026-09-10"), "date", "date")
    assert [(c.subject, c.key) for c in claims] == [("submission", "2026-09-07")]
    assert "day of the submission (referral, complaint, filing)" in _cards(a, b, published="2026-09-10")
