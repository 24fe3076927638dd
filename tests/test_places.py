"""Places: the seed gold, disambiguation by the report's other places, the dateline, GeoVirus."""

from __future__ import annotations

import pytest

from conftest import EVAL, need_shared
from factfinder.eval import norm
from factfinder.extract import entities, places
from factfinder.records import Analysis, Report


def _analyse(nlp, text: str, dateline: str | None = None) -> Analysis:
    """Places read the entity stage's corrected mentions, so both run, in pipeline order."""
    report = Report(id="t", text=text, dateline=dateline)
    doc = nlp(text)
    return places.run(doc, entities.run(doc, Analysis(report=report)))


def test_seed_places_match_gold(seed_doc, seed_report, seed_gold):
    analysis = places.run(seed_doc, entities.run(seed_doc, Analysis(report=seed_report)))
    gold = seed_gold["places"]
    assert len(gold) == 4
    for g in gold:
        assert any(norm(p.span.text) == norm(g["text"]) and p.country == g["country"] and p.role == g["role"]
                   for p in analysis.places if p.span), g
    for p in analysis.places:
        assert p.span is None or seed_report.text[p.span.start:p.span.end] == p.span.text
        assert p.extractor == places.NAME


def test_dateline_is_kept_apart(nlp):
    a = _analyse(nlp, "ELDORET, Kenya (AP) — Police in Eldoret said on Friday that 12 people were arrested.")
    datelines = [p for p in a.places if p.role == "dateline"]
    # the city and the country written with it are both dateline places, never event places
    assert [p.span.text for p in datelines] == ["ELDORET", "Kenya"] and {p.country for p in datelines} == {"KE"}
    assert all(p.span.start > datelines[-1].span.end for p in a.places if p.role != "dateline")
    start = a.report.text.index("arrested")
    event_place = places.event_place_for(a, start, start + 8)
    assert event_place is not None and event_place.role == "event" and event_place.span.text == "Eldoret"


def test_dateline_only_mention_is_never_event_place(nlp):
    a = _analyse(nlp, "KHARKIV — Officials said 12 people were arrested.", dateline="KHARKIV")
    assert [p.role for p in a.places] == ["dateline"]
    start = a.report.text.index("arrested")
    assert places.event_place_for(a, start, start + 8) is None


def test_event_place_is_in_the_same_sentence(nlp):
    text = "Troops entered Mosul on Monday. Later, protesters gathered in Basra and in Tikrit."
    a = _analyse(nlp, text)
    start = text.index("gathered")
    assert places.event_place_for(a, start, start + 8).span.text == "Basra"
    start = text.index("entered")
    assert places.event_place_for(a, start, start + 7).span.text == "Mosul"


@pytest.mark.parametrize("context, country", [("Texas", "US"), ("France", "FR")])
def test_paris_disambiguated_by_other_places(context, country):
    paris = places.resolve(["Paris", context])[0]
    assert paris is not None and paris.country == country


def test_country_beats_namesake_city_and_division_follows_context():
    assert places.resolve(["Mexico", "United States"])[0].feature == "country"
    assert places.resolve(["Georgia"])[0].country == "GE"
    assert places.resolve(["Georgia", "Atlanta", "U.S."])[0].country == "US"
    assert places.resolve(["Victoria", "Australia"])[0].feature == "admin1"
    austin = places.resolve(["Austin", "Indiana"])[0]
    assert austin.country == "US" and austin.admin1 == "IN"


def test_org_tagged_country_and_demonym_place(nlp):
    a = _analyse(nlp, "Shelling hit the Syrian border town, and Belarus authorities closed the crossing.")
    by_text = {p.span.text: p for p in a.places}
    assert by_text["Syrian"].country == "SY" and by_text["Syrian"].role == "mention"
    assert by_text["Belarus"].country == "BY" and by_text["Belarus"].role == "mention"


def test_geovirus_floor():
    from factfinder.eval.geovirus import score_geovirus

    scores = score_geovirus(need_shared(EVAL / "geovirus" / "GeoVirus.xml"), detect=False)
    assert scores["places.n"] == 2170
    assert scores["places.acc_161km"] >= 0.92


@pytest.mark.parametrize("text, country, lat", [
    ("LONDON, Ky. (AP) — Flooding closed roads.", "US", 37.1),
    ("LONDON (AP) — Flooding closed roads.", "GB", 51.5),
    ("PARIS, Texas — Flooding closed roads.", "US", 33.7),
])
def test_dateline_region_narrows_the_city(text, country, lat):
    found = places._dateline_places(Analysis(report=Report(id="t", text=text)), places.gazetteer())
    assert found and all(p.role == "dateline" for p in found)
    place = found[0]
    assert place.country == country and place.lat == pytest.approx(lat, abs=0.2)


def test_sentence_opening_is_not_a_dateline():
    text = "Police said — without evidence — that the march was illegal."
    assert places._dateline_places(Analysis(report=Report(id="t", text=text)), places.gazetteer()) == []


@pytest.mark.parametrize("text, city, country", [
    ("KAMPALA: Police dispersed a march by taxi drivers on Monday.", "KAMPALA", "UG"),
    ("Mombasa, 4 March —\n\nDock workers walked out on Monday.", "Mombasa", "KE"),
    ("Headline about a strike at the port\n\nDURBAN (Cape Wire) — Dock workers walked out.", "DURBAN", "ZA"),
    ("KHARKIV, Ukraine, Oct. 3 (Eastline) — Drones struck a depot.", "KHARKIV", "UA"),
])
def test_every_dateline_form_gives_a_dateline_place(nlp, text, city, country):
    a = _analyse(nlp, text)
    dl = [p for p in a.places if p.role == "dateline"]
    assert dl and dl[0].span.text == city and dl[0].country == country
    assert not any(p.role != "dateline" and p.span and p.span.text == city for p in a.places)


def test_city_tagged_as_a_person_is_still_a_place(nlp):
    # the small model tends to read a lone city name opening a sentence as a person
    a = _analyse(nlp, "Kisangani was held by rebels for months. Shells hit Kisangani again on Tuesday.")
    city = [p for p in a.places if p.span and p.span.text == "Kisangani"]
    assert city and all(p.country == "CD" for p in city)


def test_unknown_village_takes_the_country_of_the_report():
    # an invented village: no gazetteer knows it, its region and the report's other places do
    from factfinder.nlp import load

    nlp = load()
    text = ("Gunmen attacked the village of Ubakwenu in Kaduna State on Sunday, killing nine farmers. "
            "Survivors fled to Zaria, the nearest city.")
    a = _analyse(nlp, text)
    village = next(p for p in a.places if p.span and p.span.text == "Ubakwenu")
    assert village.country == "NG" and village.lat is None  # inferred: no coordinates claimed
    state = next(p for p in a.places if p.span and p.span.text == "Kaduna State")
    assert state.country == "NG"


def test_congo_follows_the_report_and_spelling_variants_resolve():
    assert places.resolve(["Congo", "Kisangani"])[0].country == "CD"
    assert places.resolve(["Congo", "Brazzaville"])[0].country == "CG"
    assert places.resolve(["Kharkov"])[0].country == "UA" and places.resolve(["Kharkiv"])[0].country == "UA"
    assert places.resolve(["North Kordofan"])[0].country == "SD"


def test_transliterated_spellings_resolve_only_near_the_report():
    assert places.resolve(["El Hasaka", "Syria"])[0].country == "SY"
    assert places.resolve(["Al Hasakah", "Syria"])[0].country == "SY"
    # a skeleton that only matches a far namesake is no answer: the village's country is inferred instead
    far = places.resolve(["Kavumbo", "Kisangani", "Congo"])[0]
    assert far is None or far.country == "CD"


def test_a_place_called_so_beats_a_bigger_place_known_by_that_old_name(nlp):
    # geonames lists the name as an alternate of a far bigger city elsewhere
    a = _analyse(nlp, "ISLAMABAD — Officials met on Monday to discuss the flooding.")
    assert a.places[0].role == "dateline" and a.places[0].country == "PK"


def test_village_with_only_a_far_small_namesake_takes_the_report_country(nlp):
    # "Lumaco" is only a small town in Chile in the gazetteer; the report is about Kenya
    text = "ELDORET, Kenya — Gunmen raided Lumaco village in Marsabit County on Tuesday, police said."
    a = _analyse(nlp, text)
    village = next(p for p in a.places if p.span and p.span.text == "Lumaco")
    assert village.country == "KE" and village.lat is None
    assert not any(p.span and p.span.text == "Gunmen" for p in a.places)  # the sentence's first word is no place


@pytest.mark.parametrize("text, place, date, outlet", [
    ("KHARKIV, Ukraine — Drones struck a depot.", "KHARKIV, Ukraine", None, None),
    ("KHARKIV, Ukraine (Eastline) - Drones struck a depot.", "KHARKIV, Ukraine", None, "Eastline"),
    ("KHARKIV: Drones struck a depot.", "KHARKIV", None, None),
    ("KISANGANI, Congo, Oct. 3 (Lakeshore Relay) — Shells fell.", "KISANGANI, Congo", "Oct. 3", "Lakeshore Relay"),
    ("BAMAKO (Sahara Desk) - Soldiers patrolled.", "BAMAKO", None, "Sahara Desk"),
    ("NEW YORK — Markets fell.", "NEW YORK", None, None),
    ("Arusha, 12 March —\n\nJudges met.", "Arusha", "12 March", None),
    ("By Amina Odhiambo\nELDORET, Kenya (Lake Wire) — Farmers protested.", "ELDORET, Kenya", None, "Lake Wire"),
    ("Police said — without evidence — that the march was illegal.", None, None, None),
    ("LIVE UPDATES: Drones struck a depot.", None, None, None),
    ("Update: the march was called off.", None, None, None),
])
def test_dateline_forms_are_recognised_once(text, place, date, outlet):
    from factfinder.sources.dateline import parse

    d = parse(text)
    assert (d.place if d else None) == place
    if d:
        assert (d.date.text if d.date else None) == date and (d.outlet.text if d.outlet else None) == outlet
        assert text[d.city.start:d.city.end] == d.city.text and d.end <= len(text)


@pytest.mark.parametrize("text", [
    "Police in Nairobi and Mombasa said gunmen had attacked Obakwe, Uganda, on Sunday.",
    "Police in Nairobi and Mombasa said gunmen had attacked Obakwe, a village in northern Uganda, on Sunday.",
    "Police in Nairobi and Mombasa said gunmen had attacked Uganda's Obakwe village on Sunday.",
])
def test_an_unknown_place_takes_the_country_its_phrase_names_over_the_reports(nlp, text):
    # an invented village named with its country ("X, Uganda", "X, a village in Uganda", "Uganda's X")
    # in a report whose other places are all in Kenya
    village = next(p for p in _analyse(nlp, text).places if p.span and p.span.text == "Obakwe")
    assert village.country == "UG" and village.lat is None


@pytest.mark.parametrize("name, context, country", [
    # the division word is the one the country's own subdivisions are called by (ISO 3166-2 types)
    ("Plateau State", [], "NG"),  # Benin's Plateau is a department
    ("Plateau Department", [], "BJ"),
    ("Kachin State", [], "MM"),
])
def test_a_division_word_picks_the_country_whose_divisions_are_called_so(name, context, country):
    found = places.resolve([name, *context])[0]
    assert found is not None and found.country == country and found.feature in ("admin1", "admin2")


def test_an_unknown_village_in_a_named_state_takes_that_states_country(nlp):
    a = _analyse(nlp, "Gunmen killed four farmers in Dorvenu Local Government Area of Plateau State, police said.")
    lga = next(p for p in a.places if p.span and p.span.text.startswith("Dorvenu"))
    assert lga.country == "NG" and lga.lat is None


@pytest.mark.parametrize("names", [["Madrid"], ["Nairobi", "Kisumu"], ["Berlin", "Warsaw"], ["Khartoum"], ["Kaduna"]])
def test_a_capital_or_large_city_is_the_city_not_its_namesake_province(names):
    found = places.resolve(names)[0]
    assert found is not None and found.feature == "city"


def test_a_small_town_gives_its_name_to_the_division():
    found = places.resolve(["Tillaberi"])[0]  # a small town; the region is what a bare name means
    assert found is not None and found.country == "NE" and found.feature == "admin1"


@pytest.mark.parametrize("names", [["Korvalo"], ["Tarvona", "Sarandib"], ["Mandara"]])
def test_an_unknown_name_is_no_misspelling_of_a_far_city_when_nothing_corroborates_it(names):
    # invented names whose transliteration skeleton happens to equal a real city's somewhere
    assert places.resolve(names)[0] is None


@pytest.mark.parametrize(("county", "state"), [
    ("Jackson County", "Oregon"), ("Jackson County", "Missouri"),
    ("Washington County", "Utah"), ("Washington County", "Pennsylvania"),
    ("Franklin County", "Ohio"), ("Franklin County", "Vermont"),
])
def test_a_county_named_like_counties_of_other_states_is_the_one_in_the_state_beside_it(county, state):
    # counties of one name in many states are each their own place, not one point between them all
    found, division = places.resolve([county, state])
    assert found is not None and found.feature == "admin2" and division is not None
    assert places.km(found, division) <= 400


@pytest.mark.parametrize(("county", "state"), [
    ("Texas County", "Missouri"), ("Iowa County", "Wisconsin"), ("Utah County", "Utah"), ("Washington County", "Maine"),
])
def test_a_county_named_after_a_state_is_the_county_not_the_state(county, state):
    found, division = places.resolve([county, state])
    assert found is not None and found.feature == "admin2" and places.km(found, division) <= 400


@pytest.mark.parametrize("names, name", [
    (["Poland", "Pulawy"], "Puławy"),              # ł has no decomposition: NFKD alone leaves it
    (["Norway", "Tromso"], "Tromsø"),
    (["Turkey", "Van", "Dogu Beyazit"], "Doğubayazıt"),  # dotless ı, and the name written in two words
])
def test_letters_without_a_decomposition_are_written_in_ascii(names, name):
    found = places.resolve(names)[-1]
    assert found is not None and found.name == name


def test_apostrophe_like_marks_are_one_apostrophe():
    assert places.key("Ta‘izz") == places.key("Ta'izz") == places.key("Taʿizz") == places.key("Ta’izz")


@pytest.mark.parametrize("names, country", [
    (["Seychelles", "Mauritious"], "MU"),  # a misspelt country, in a report of other countries
    (["Malawi", "Mozambiqe"], "MZ"),
    (["Kenya", "Tanzaniya"], "TZ"),
])
def test_a_misspelt_country_is_the_country(names, country):
    found = places.resolve(names)[-1]
    assert found is not None and (found.country, found.feature) == (country, "country")


@pytest.mark.parametrize("names, name, country", [
    (["Ukraine", "Zaporozhye"], "Zaporozhye", "UA"),  # the old spelling of the city, not a foreign village
    (["Ukraine", "Lugansk"], "Lugansk", "UA"),
    (["Kazakhstan", "Zaporozhye"], "Zaporozhye", "KZ"),  # in its own country the village called so wins
])
def test_an_alternate_name_in_the_reports_country_beats_a_foreign_town_called_so(names, name, country):
    found = dict(zip(names, places.resolve(names), strict=True))[name]
    assert found is not None and found.country == country
