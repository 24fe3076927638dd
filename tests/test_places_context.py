"""Places in the light of the report: namesakes resolved together, countries stated by containment
("X village in Y district of Z province"), division names, blocs and directions, sites named as
organisations, datelines. Every sentence is invented; the places are real only where the mechanism
is about the gazetteer."""

from __future__ import annotations

import pytest

from factfinder.extract import entities, places
from factfinder.records import Analysis, Report


def _places(nlp, text: str) -> list[tuple[str, str | None, str]]:
    doc = nlp(text)
    a = places.run(doc, entities.run(doc, Analysis(report=Report(id="t", text=text))))
    return [(p.span.text if p.span else p.name, p.country, p.role) for p in a.places]


def _country(found: list[tuple[str, str | None, str]], name: str) -> set[str | None]:
    return {c for t, c, _ in found if t == name}


@pytest.mark.parametrize("names, country", [
    (["Cambridge", "Boston"], "US"),      # two ambiguous names: the pair of namesakes that lie together
    (["Kingston", "Ottawa"], "CA"),       # a foreign division named so does not outrank the pair
    (["Valencia", "Maracay"], "VE"),
    (["Santiago", "Valparaiso"], "CL"),
    (["Tripoli", "Sidon"], "LB"),
])
def test_neighbouring_cities_resolve_together(names, country):
    assert {c.country for c in places.resolve(names) if c} == {country}


def test_a_metropolis_is_not_moved_by_a_small_namesake_pair():
    # Paris, Ontario lies beside London, Ontario; a bare "Paris" beside "London" is still the French capital
    paris, london = places.resolve(["Paris", "London"])
    assert (paris.country, london.country) == ("FR", "GB")


@pytest.mark.parametrize("text, name, country", [
    ("Flooding closed the highway between Kingston and Ottawa on Tuesday, officials said.", "Kingston", "CA"),
    ("Thousands of students marched from Cambridge to Boston on Saturday to protest fees.", "Cambridge", "US"),
    ("Power cuts hit Santiago and Valparaíso after the storm, the utility said.", "Santiago", "CL"),
])
def test_neighbouring_cities_in_text(nlp, text, name, country):
    assert _country(_places(nlp, text), name) == {country}


@pytest.mark.parametrize("text, name, country", [
    ("Gunmen attacked Dolokana village in Wamba district of Kigoma province on Sunday, killing six.",
     "Dolokana", "TZ"),
    ("Clashes broke out in Hodvin district of Bari region overnight, officials said.", "Hodvin district", "SO"),
    ("Four inmates escaped from Kilele Prison in northern Uganda on Sunday.", "Kilele Prison", "UG"),
])
def test_unknown_place_takes_the_country_its_phrase_states(nlp, text, name, country):
    assert _country(_places(nlp, text), name) == {country}


def test_a_known_small_town_written_inside_another_country_moves_there(nlp):
    # "Wamba" is also a Nigerian town; "Wamba district of Kigoma province" is in Tanzania
    found = _places(nlp, "Gunmen attacked Dolokana village in Wamba district of Kigoma province on Sunday.")
    assert _country(found, "Wamba") == {"TZ"}


def test_one_unknown_name_one_country(nlp):
    text = ("Troops entered Korvalo, Kachin State, on Monday. By Tuesday most families had fled Korvalo, "
            "officials in India's Nagaland state said.")
    assert _country(_places(nlp, text), "Korvalo") == {"MM"}


def test_a_list_after_a_comma_does_not_contain_a_known_city(nlp):
    assert _country(_places(nlp, "Fighting was reported in Goma, Rwanda and Burundi."), "Goma") == {"CD"}


@pytest.mark.parametrize("text, whole, name, country", [
    ("Clashes broke out in Hodvin district of Bari region overnight.", "Hodvin district", "Hodvin", "SO"),
    ("Floods cut off Mbarali district in Tanzania, aid workers said.", "Mbarali district", "Mbarali", "TZ"),
    ("Officials in Kaduna state said the road had reopened.", "Kaduna state", "Kaduna", "NG"),
])
def test_name_inside_a_lower_case_division_phrase_is_a_place_too(nlp, text, whole, name, country):
    found = _places(nlp, text)
    assert _country(found, whole) == {country}
    assert (name, country, "mention") in found


def test_capitalised_division_is_one_name(nlp):
    found = _places(nlp, "Officials in Kachin State said the road had reopened.")
    assert [t for t, _, _ in found] == ["Kachin State"]


@pytest.mark.parametrize("text", [
    "Officials in the West have condemned the vote, diplomats said.",
    "Rebels advanced across the North toward the capital, while the South stayed calm.",
    "Leaders of the Global South met on Friday, the organisers said.",
])
def test_directions_and_blocs_are_never_geocoded(nlp, text):
    assert all(t.casefold() not in ("west", "north", "south", "global south") for t, _, _ in _places(nlp, text))


def test_the_gulf_is_a_region_not_a_province(nlp):
    found = _places(nlp, "Diplomats said the Gulf states would host the talks in Doha.")
    assert _country(found, "Gulf") == {None} and _country(found, "Doha") == {"QA"}


@pytest.mark.parametrize("text, name, country", [
    ("The wounded were taken to Aga Khan University Hospital in Nairobi, police said.",
     "Aga Khan University Hospital", "KE"),
    ("Relatives waited outside Mavuno Referral Hospital in Tanzania on Monday.", "Mavuno Referral Hospital", "TZ"),
    ("Two reporters were held at Kilele Central Prison in Uganda for a week.", "Kilele Central Prison", "UG"),
])
def test_a_site_named_as_an_organisation_is_a_place(nlp, text, name, country):
    assert _country(_places(nlp, text), name) == {country}


def test_a_known_city_the_model_types_otherwise_is_a_place_without_a_person_cue(nlp):
    assert _country(_places(nlp, "Mariupol said on Monday it had restored power to most districts."),
                    "Mariupol") == {"UA"}
    assert _places(nlp, "Mr Aleppo, a 43-year-old baker, said his shop was burned.") == []


def test_dateline_city_is_the_dateline_not_an_event_place(nlp):
    found = _places(nlp, "KHARTOUM, Sudan — Shelling in Omdurman killed nine civilians, medics said.")
    assert ("KHARTOUM", "SD", "dateline") in found and ("Omdurman", "SD", "event") in found
    assert all(role == "dateline" for t, _, role in found if t in ("KHARTOUM", "Sudan"))


@pytest.mark.parametrize("name, iso", [("Texas", "US"), ("Ontario", "CA"), ("Queensland", "AU")])
def test_a_division_is_one_point_not_several(name, iso):
    # a second copy from another table would carry a worse point that nearness then prefers by accident
    gaz = places.gazetteer()
    assert len([c for c in gaz.lookup(name) if c.country == iso and c.feature == "admin1"]) == 1


@pytest.mark.parametrize("names, city", [(["Kiev", "Ukraine"], "Kyiv"), (["Odessa"], "Odesa"),
                                         (["Kharkov", "Ukraine"], "Kharkiv")])
def test_an_old_spelling_means_the_city(names, city):
    found = places.resolve(names)[0]
    assert found is not None and (found.name, found.feature) == (city, "city")


def test_old_and_new_spellings_in_one_report_are_one_city(nlp):
    found = _places(nlp, "Shelling hit the outskirts of Kiev on Friday, and residents of Kyiv sheltered "
                         "in metro stations, the mayor said.")
    assert _country(found, "Kiev") == _country(found, "Kyiv") == {"UA"}


@pytest.mark.parametrize("text, name, word, country", [
    ("Soldiers were ambushed in Senegal's Matam province last week, survivors said.", "Matam", "province", "SN"),
    ("Floods hit Kenya's Garissa county on Tuesday, officials said.", "Garissa", "county", "KE"),
    ("Police said the bus overturned in Peru's Cusco region on Sunday.", "Cusco", "region", "PE"),
])
def test_a_division_phrase_gives_both_forms_whatever_the_entity_span(nlp, text, name, word, country):
    found = _places(nlp, text)
    assert _country(found, name) == _country(found, f"{name} {word}") == {country}


def test_a_division_word_modifying_a_noun_is_not_taken_in(nlp):
    found = _places(nlp, "Officials told Kenyan state television that the road had reopened.")
    assert all(not t.endswith("state") for t, _, _ in found)


@pytest.mark.parametrize("text, name, country", [
    ("Police searched homes in the San Telmo de Oruca sector of Maracaibo before dawn, residents said.",
     "San Telmo de Oruca", "VE"),
    ("Gunmen attacked a bus in the Kalindo sector of Maniema province on Tuesday, the army said.", "Kalindo", "CD"),
    ("Kenyan officials shut the Lokiriama crossing to traders on Friday, a customs officer in Kenya said.",
     "Lokiriama", "KE"),
    ("Aid workers reached the Wadi Tumsah refugee camp in Chad, where 4,000 people shelter.", "Wadi Tumsah", "TD"),
    ("The wounded were taken to the Bwindi Mission hospital, a nurse in Uganda said.", "Bwindi Mission hospital", "UG"),
    ("An air strike hit a school in the al-Tawahin refugee camp in Lebanon, medics said.", "al-Tawahin", "LB"),
    ("Shells landed in the el-Daein sector, residents said, as fighting spread in Sudan.", "el-Daein", "SD"),
])
def test_a_name_before_a_site_noun_is_a_place(nlp, text, name, country):
    assert _country(_places(nlp, text), name) == {country}


@pytest.mark.parametrize("text, absent", [
    ("Soldiers at the NATO base in Estonia were put on alert.", "NATO"),
    ("Staff at the UN camp in Juba said food had run out.", "UN"),
    ("Officers from the Kenyan camp crossed into Somalia on Monday.", "Kenyan"),
])
def test_an_acronym_or_demonym_before_a_site_noun_is_no_site(nlp, text, absent):
    assert all(t != absent for t, _, _ in _places(nlp, text))


@pytest.mark.parametrize("text, name, country", [
    ("Lawyers said the activist was held at a military prison at Ramo Verde in Los Teques for three weeks.",
     "Ramo Verde", "VE"),
    ("Detainees were moved to a camp at Dalhousie Farm near Harare, Zimbabwe, the group said.", "Dalhousie Farm", "ZW"),
    ("Families waited outside Casa Verdel, the military intelligence headquarters, in Maracaibo on Monday.",
     "Casa Verdel", "VE"),
])
def test_a_named_building_or_camp_is_a_place(nlp, text, name, country):
    assert _country(_places(nlp, text), name) == {country}


@pytest.mark.parametrize("text, place", [
    ("She worked at Google in London for ten years before joining the ministry.", "London"),
    ("According to Amina Diallo, the head doctor of the hospital in Kayes, five patients died.", "Kayes"),
])
def test_an_employer_or_a_person_after_a_preposition_is_no_place(nlp, text, place):
    assert [t for t, _, _ in _places(nlp, text)] == [place]


@pytest.mark.parametrize("text, name, country", [
    ("Protesters gathered at Casa Verde in Bogota, Colombia, on Sunday.", "Casa Verde", "CO"),
    ("Troops massed near Nueva Esperanza in San Salvador, El Salvador, on Monday.", "Nueva Esperanza", "SV"),
    ("Voters queued at San Isidro in Lima, Peru, for hours.", "San Isidro", "PE"),
])
def test_a_site_written_in_a_place_of_another_country_moves_there(nlp, text, name, country):
    assert _country(_places(nlp, text), name) == {country}


@pytest.mark.parametrize("text, name, country", [
    ("The state of Washington sued the company in Seattle on Tuesday.", "Washington", "admin1"),
    ("The governor of Georgia, speaking in Macon, said the storm had cut power to 200,000 homes.", "Georgia", "admin1"),
    ("Lawyers for the state of Victoria said the ruling would be appealed.", "Victoria", "admin1"),
])
def test_a_name_written_as_a_division_is_the_division(nlp, text, name, country):
    doc = nlp(text)
    a = places.run(doc, entities.run(doc, Analysis(report=Report(id="t", text=text))))
    assert {p.feature for p in a.places if p.span and p.span.text == name} == {country}


@pytest.mark.parametrize("text, name, country", [
    ("ATLANTA (AP) — Georgia's election board voted on Tuesday to certify the results, officials said.",
     "Georgia", "US"),
    ("MACON, Ga. (AP) — Georgia lawmakers approved the budget on Thursday.", "Georgia", "US"),
    ("MOSCOW (AP) — Georgia's parliament passed the law on Tuesday despite protests, the Kremlin said.",
     "Georgia", "GE"),
])
def test_the_dateline_is_context_for_the_reports_places(nlp, text, name, country):
    assert _country(_places(nlp, text), name) == {country}


@pytest.mark.parametrize("names, name, country", [
    (["Georgia", "Atlanta", "Savannah"], "Savannah", "US"),     # not Ghana's Savannah Region
    (["Potosi", "Sucre"], "Sucre", "BO"),                       # not Colombia's department
    (["Victoria", "Vancouver", "Canada"], "Victoria", "CA"),     # not the Australian state
])
def test_a_foreign_division_does_not_outrank_a_city_of_the_reports_country(names, name, country):
    found = dict(zip(names, places.resolve(names), strict=True))
    assert found[name] is not None and found[name].country == country


def test_a_state_is_meant_when_another_place_lies_in_it_and_its_namesake_capital_far_away():
    seattle = places.resolve(["Seattle"])[0]
    assert seattle is not None
    found = places.resolve(["Washington"], known=[seattle])[0]
    assert found is not None and found.feature == "admin1"
    alone = places.resolve(["Washington"])[0]
    assert alone is not None and alone.feature == "city"  # bare, it is the capital


@pytest.mark.parametrize("text, name, country", [
    ("Drones struck a depot west of Donetsk, overnight.", "Donetsk", "UA"),
    ("Mines were found on a road south of Donetsk, officials said.", "Donetsk", "UA"),
    ("Troops dug in on the outskirts of Donetsk, overnight.", "Donetsk", "UA"),
])
def test_a_known_name_after_a_bearing_is_a_place(nlp, text, name, country):
    assert _country(_places(nlp, text), name) == {country}


def test_a_bearing_finds_only_names_the_gazetteer_knows(nlp):
    doc = nlp("The ball landed just west of Zxqvor, and a second one north of Mopti, the referee said.")
    assert [e.text for e in places.detect(doc, mentions=())] == ["Mopti"]


@pytest.mark.parametrize("name, dateline, country", [
    ("Cambridge", "Boston", "US"),
    ("Kingston", "Ottawa", "CA"),
    ("Valencia", "Maracay", "VE"),
])
def test_the_dateline_place_draws_a_namesake_beside_it(name, dateline, country):
    known = places.resolve([dateline])[0]
    assert known is not None
    found = places.resolve([name], known=[known])[0]
    assert found is not None and found.country == country


@pytest.mark.parametrize("text, name", [
    ("Airstrikes hit a market in Idlib province on Monday, killing nine.", "Idlib"),
    ("Rebels shelled a convoy in Herat province on Friday.", "Herat"),
    ("Rebels seized Ghazni province last week, the ministry said.", "Ghazni"),
])
def test_a_name_before_a_lower_case_division_word_is_the_division_where_things_happen(nlp, text, name):
    # the model stops at the name, which is also the division's capital: the phrase means the division
    text_of = {p.span.text: p for p in _analysis(nlp, text).places if p.span}
    phrase = text_of[f"{name} province"]
    assert (phrase.feature, phrase.role) == ("admin1", "event")
    assert (text_of[name].feature, text_of[name].role) == ("admin1", "mention")


def _analysis(nlp, text: str):
    doc = nlp(text)
    return places.run(doc, entities.run(doc, Analysis(report=Report(id="t", text=text))))


@pytest.mark.parametrize("text, name", [
    # a small town the gazetteer knows only in India, stated to lie in Nepal once, then named bare
    ("Troops shelled villages in the Rangapara district of Nepal on Sunday, India said. "
     "Roads in Rangapara were closed.", "Rangapara"),
    ("Floods hit the Amlabad region of Nepal, India said. Villagers in Amlabad waited for help.", "Amlabad"),
    ("Landslides hit Rangapara in Nepal on Monday, India said. Later, aid reached Rangapara by road.",
     "Rangapara"),
])
def test_a_country_stated_once_holds_for_the_bare_names_later_mentions(nlp, text, name):
    assert _country(_places(nlp, text), name) == {"NP"}


def test_a_bare_in_before_a_town_does_not_move_a_town(nlp):
    # "X in Y" with Y a town says where something happened, not where X lies
    found = _places(nlp, "Students from Rangapara in Kathmandu marched on Monday, India said.")
    assert _country(found, "Kathmandu") == {"NP"}
    assert _country(found, "Rangapara") == {"IN"}


@pytest.mark.parametrize("text, name, country", [
    # a locative preposition before the building (with "the" or a place's possessive)
    ("The delegation was taken to the Marina Bay Towers, where officials met them, Singapore said.",
     "Marina Bay Towers", "SG"),
    ("Thousands of worshippers gathered at Istanbul's Blue Mosque on Friday, police said.", "Blue Mosque", "TR"),
    ("The fossils were moved to the Ditsong Natural History Museum, South Africa's ministry said.",
     "Ditsong Natural History Museum", "ZA"),
    # "in"/"at" and a name after it
    ("Officials said the Hanover Science Centre in Leipzig would close for a week.", "Hanover Science Centre", "DE"),
    ("The engines will go to the National Museum of the Royal Navy at Portsmouth.",
     "National Museum of the Royal Navy", "GB"),
    ("A panel visited the Museum of Glass in Tacoma on Monday.", "Museum of Glass", "US"),
])
def test_a_building_named_by_its_head_noun_is_a_place(nlp, text, name, country):
    assert _country(_places(nlp, text), name) == {country}


@pytest.mark.parametrize("text, names", [
    ("Commuters can walk from Riverside Station or Harbour Station to the fair in Osaka.",
     ("Riverside Station", "Harbour Station")),
    ("Pilgrims prayed near the Jama Masjid (Great Mosque) in Delhi on Sunday.", ("Great Mosque",)),
    ("The relics will go to the Aviation Heritage Museum of Dayton, Ohio, officials said.",
     ("Aviation Heritage Museum", "Dayton")),
])
def test_coordinated_glossed_and_located_buildings_are_places(nlp, text, names):
    found = _places(nlp, text)
    for name in names:
        assert _country(found, name) and None not in _country(found, name), (name, found)


@pytest.mark.parametrize("text", [
    "The Louvre Museum will reopen next week, the mayor of Paris said.",
    "The Science Museum said on Tuesday that ticket sales had doubled.",
    "The Embassy Hotel group declined to comment on the sale.",
])
def test_a_building_name_with_no_locative_cue_is_not_a_place(nlp, text):
    assert not [p for p in _places(nlp, text) if p[0].split()[-1] in ("Museum", "Hotel")]


@pytest.mark.parametrize("text, country", [
    ("Team Kenya won three gold medals in the relay, officials said.", "KE"),
    ("The coach of Team Canada praised the referees after the final.", "CA"),
    ("Team Japan arrived in the village on Tuesday with a new robot.", "JP"),
])
def test_a_country_ending_a_teams_name_is_a_place(nlp, text, country):
    found = _places(nlp, text)
    assert any(c == country and name.split()[-1] != "Team" for name, c, _ in found), found
