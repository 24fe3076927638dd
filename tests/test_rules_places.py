"""One example per place rule family (the gazetteer is the point, so real places), each asserting the effect
its rule exists for, so that removing or inverting the rule fails it."""

from __future__ import annotations

from factfinder.extract import places


def test_an_alias_resolves_to_the_place_of_the_feature_it_names():
    # "D.C." is the capital city, not the state of Washington; "NSW" is the Australian state.
    for alias in ("Washington D.C.", "D.C."):
        capital = places.resolve([alias])[0]
        assert capital is not None and (capital.country, capital.feature) == ("US", "city")
        assert capital.lat < 40  # the city on the Potomac, not the state in the north-west
    state = places.resolve(["NSW"])[0]
    assert state is not None and (state.country, state.feature) == ("AU", "admin1")


def test_a_division_sits_where_the_division_is_not_at_its_countrys_centre():
    # The GeoNames division rows give each first-level division its own coordinates.
    for name, country, lat, lon in (("Bavaria", "DE", 48.8, 11.5), ("Hokkaido", "JP", 43.4, 142.3),
                                    ("Kerala", "IN", 10.5, 76.3)):
        place = places.resolve([name])[0]
        assert place is not None and place.country == country
        assert abs(place.lat - lat) < 1.5 and abs(place.lon - lon) < 1.5, (name, place.lat, place.lon)


def test_an_organisation_is_a_place_only_where_something_happens_at_its_site(nlp):
    # "taken to X Hospital": the hospital is where the wounded went; "X Hospital said" is the institution
    # speaking, not a place.
    from factfinder.extract import entities
    from factfinder.records import Analysis, Report

    def place_texts(text: str) -> set[str]:
        doc = nlp(text)
        a = places.run(doc, entities.run(doc, Analysis(report=Report(id="t", text=text))))
        return {p.span.text for p in a.places if p.span}

    assert "Harwick District Hospital" in place_texts(
        "The wounded were taken to Harwick District Hospital in Nairobi, the Red Lantern Society said.")
    assert "Harwick District Hospital" not in place_texts(
        "Harwick District Hospital said it had treated forty people. Officials in Nairobi confirmed the toll.")


def test_a_division_named_with_a_french_or_spanish_compass_word_is_found_in_english():
    # GeoNames writes "Nord-Ubangi" and "Sud-Ubangi"; English reports write "North Ubangi" and "South Ubangi".
    for name in ("North Ubangi", "South Ubangi"):
        place = places.resolve([name])[0]
        assert place is not None and (place.country, place.feature) == ("CD", "admin1"), (name, place)
    assert "North Varel" in places._division_names("Nord-Varel")
    assert "South Ostra" in places._division_names("Sud-Ostra")
    assert places._division_names("Nordmark") == ["Nordmark"]  # a compass word only as the first part


def test_a_word_after_the_dateline_is_its_own_clause_word_and_the_subject_acts(nlp):
    from factfinder.pipeline import analyse_doc
    from factfinder.records import Report

    for text in ("ORLEN FORD, Kenya — Police arrested two students on Monday, officials said.",
                 "Police arrested two students in Nairobi on Monday, officials said."):
        doc = nlp(text)
        a = analyse_doc(doc, Report(id="t", text=text, published="2024-09-30"))
        police = next(t for t in doc if t.text == "Police")
        assert places.past_dateline(police) is police
        assert [e.sources for e in a.events] == [("Police",)]


def test_two_ambiguous_city_names_take_the_namesakes_that_lie_together():
    # Each alone goes to its best-known namesake; named together, the pair of namesakes that are neighbours
    # wins ("Cambridge" beside "Boston" is the one in Massachusetts).
    for pair, country in ((["Cambridge", "Boston"], "US"), (["Hamilton", "Kingston"], "CA"),
                          (["Kingston", "Ottawa"], "CA")):
        got = places.resolve(pair)
        assert all(c is not None and (c.country, c.feature) == (country, "city") for c in got), (pair, got)
    assert places.resolve(["Cambridge"])[0].country == "GB"
    assert places.resolve(["Kingston"])[0].country == "JM"


def test_a_name_broken_across_lines_has_the_key_of_the_name_on_one_line():
    for name in ("Port\nLouis", "New\tYork", "San  Jose", "Cape\r\nTown"):
        assert places.key(name) == places.key(" ".join(name.split())), repr(name)


def test_a_name_that_is_a_country_and_its_capital_means_the_country_by_default():
    # "Singapore", "Djibouti", "Guatemala": without context the country wins over the city of its name,
    # even where the city's population is the same or larger.
    for name, country in (("Singapore", "SG"), ("Djibouti", "DJ"), ("Guatemala", "GT"), ("Luxembourg", "LU")):
        c = places._default_choice(places.gazetteer().lookup(name))
        assert (c.feature, c.country) == ("country", country), name


def test_a_small_territory_the_centres_table_lacks_is_a_country_at_its_capital():
    # Anguilla, Montserrat, Niue have no row in the country-centres table; each is still a country, placed
    # at its capital (The Valley, Plymouth, Alofi).
    for name, iso, lat, lon in (("Anguilla", "AI", 18.2, -63.1), ("Montserrat", "MS", 16.7, -62.2),
                                ("Niue", "NU", -19.1, -169.9)):
        place = places.resolve([name])[0]
        assert place is not None and (place.country, place.feature) == (iso, "country"), (name, place)
        assert abs(place.lat - lat) < 0.5 and abs(place.lon - lon) < 0.5, (name, place.lat, place.lon)


def test_a_compass_or_generic_word_a_division_is_called_by_is_no_place_name_alone():
    # Divisions called "Eastern", "Coast", "Capital" or "Nord" exist; the word alone, capitalised at the start
    # of a sentence or in a title, names none of them.
    for word in ("Eastern", "Western", "Coast", "Capital", "Nord"):
        assert places.resolve([word])[0] is None, word


def test_a_name_the_tagger_stopped_short_of_its_division_word_is_the_division_phrase_too(nlp):
    # "Idlib province" with the entity on "Idlib" only: the name and the lower-case division word after it
    # are a place mention of their own.
    from factfinder.extract import entities
    from factfinder.records import Analysis, Report

    for text, phrase in (("Troops moved into Idlib province at dawn.", "Idlib province"),
                         ("Troops moved into Aleppo province at dawn.", "Aleppo province"),
                         ("Aid convoys reached Herat province on Monday.", "Herat province")):
        doc = nlp(text)
        a = places.run(doc, entities.run(doc, Analysis(report=Report(id="t", text=text))))
        assert phrase in {p.span.text for p in a.places if p.span}, text


def test_the_country_the_text_states_for_an_unknown_place_holds_for_its_later_bare_mentions(nlp):
    # "Morvaska, a town in Kenya ... Residents of Morvaska": the gazetteer knows neither; the later mention
    # says nothing of where it is, and takes the country the first one states, not the report's main country.
    from factfinder.extract import entities
    from factfinder.records import Analysis, Report

    for text, name, country in (
            ("Uganda said on Monday that its troops were calm. Uganda sent more police to the north. Fighting "
             "reached Morvaska, a town in Kenya, on Sunday. Residents of Morvaska fled.", "Morvaska", "KE"),
            ("Peru said the border was calm. Peru sent envoys to Lima. Rebels seized Tamsuyo village in Bolivia. "
             "Soldiers later retook Tamsuyo.", "Tamsuyo", "BO"),
            ("Chile said the talks had failed. Chile recalled its envoy. Floods cut off Quellmar, a village in "
             "Argentina, on Friday. Aid reached Quellmar by boat.", "Quellmar", "AR")):
        doc = nlp(text)
        a = places.run(doc, entities.run(doc, Analysis(report=Report(id="t", text=text))))
        got = [p.country for p in a.places if p.span and p.span.text == name]
        assert len(got) == 2 and set(got) == {country}, (text, got)


def _places_of(text: str) -> tuple:
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    return analyse(Report(id="t", text=text, published="2024-05-01")).places


def _place_texts(text: str) -> list[str]:
    return [p.span.text for p in _places_of(text) if p.span]


def test_a_name_after_a_facility_word_and_at_is_a_place_a_name_after_a_person_is_not():
    # "the prison at X": a facility called by its own name, even when the small model takes X for a person;
    # "the ambassador at X" says nothing of the kind
    assert "Borislav Tarn" in _place_texts("The activists were held in the prison at Borislav Tarn in Lviv.")
    assert "Borislav Tarn" not in _place_texts("She met the ambassador at Borislav Tarn in Lviv.")


def test_a_building_named_before_in_and_a_place_is_a_place_bracket_or_not():
    # "the X Centre in Y", "the X Centre (XC) in Y": what follows the building says where it is; an acronym
    # or note in brackets between them does not break that
    assert "Kestrel Trade Centre" in _place_texts("The Kestrel Trade Centre in Mwanza was evacuated on Monday.")
    assert "Kestrel Trade Centre" in _place_texts(
        "The Kestrel Trade Centre (KTC) in Mwanza was evacuated on Monday.")


def test_an_organisations_seat_as_a_dateline_is_no_place():
    # "UNITED NATIONS (AP) —": where the wire filed from is a body's seat, nothing to map
    assert _place_texts("UNITED NATIONS (AP) — The council voted on Monday to extend the mission.") == []


def test_a_town_written_inside_a_region_of_another_country_is_that_countrys_namesake():
    # the gazetteer's best-known "Wamba" lies elsewhere; "a town in the Kigoma region" says which one
    places_ = _places_of("Floods cut Wamba, a town in the Kigoma region.")
    assert {p.country for p in places_ if p.span is not None and p.span.text == "Wamba"} == {"TZ"}


def test_a_two_word_name_led_by_an_arabic_article_folds_like_the_bare_name():
    # "Al Qurnah", "El Qurnah" and "Qurnah" are one name in three spellings
    assert places.fold("Al Qurnah") == places.fold("El Qurnah") == places.fold("Qurnah") is not None


def test_a_facility_found_by_two_routes_is_one_place():
    # a hospital after "taken to" is both an organisation's site and a building by its head noun
    found = _places_of("The injured were taken to the Kelmora District Hospital on Monday.")
    assert [p.span.text for p in found if p.span is not None] == ["Kelmora District Hospital"], found


def test_a_place_naming_a_site_is_where_things_happen():
    # "waited at the X crossing": the name modifies a site word, so it is the event's place, not a mention
    found = _places_of("Trucks waited at the Mwanza crossing for three days.")
    assert [(p.span.text, p.role) for p in found if p.span is not None] == [("Mwanza", "event")], found
