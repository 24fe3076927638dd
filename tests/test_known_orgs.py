"""Organisations news names without defining them (ontology/organizations.json): an acronym or a variant
spelling files the mention under the body's one English name, so one body is one actor in a report and
across outlets; a report that defines an acronym itself keeps its own reading. Sentences invented; the
bodies are real (the table is knowledge of the world, like the countries table)."""

from __future__ import annotations

import pytest

from factfinder.extract import entities as E
from factfinder.records import Analysis, Report


def run(nlp, text: str) -> Analysis:
    return E.run(nlp(text), Analysis(report=Report(id="t", text=text)))


def canonical_of(a: Analysis, text: str) -> set[str]:
    names = {x.id: x.canonical for x in a.actors}
    return {names.get(m.actor_id, "") for m in a.mentions if m.span.text == text}


@pytest.mark.parametrize("text, mention, name", [
    ("The D.E.A. seized two tonnes of cocaine at the port, agents said.", "D.E.A.",
     "Drug Enforcement Administration"),
    ("ECOWAS leaders met in the capital on Sunday to discuss the coup.", "ECOWAS",
     "Economic Community of West African States"),
    ("UNRWA said its schools in the camp had been closed since Monday.", "UNRWA",
     "United Nations Relief and Works Agency for Palestine Refugees in the Near East"),
    ("A spokesman for the U.S. Drug Enforcement Administration declined to comment.",
     "U.S. Drug Enforcement Administration", "Drug Enforcement Administration"),
])
def test_an_undefined_acronym_or_a_country_prefixed_name_is_the_known_body(nlp, text, mention, name):
    a = run(nlp, text)
    assert canonical_of(a, mention) == {name}, [(m.span.text, m.label) for m in a.mentions]
    assert {m.label for m in a.mentions if m.span.text == mention} == {"ORG"}


def test_british_and_american_spellings_are_one_body(nlp):
    a = run(nlp, "The International Labour Organisation warned of job losses. Later the International Labour "
                 "Organization said the figures were provisional, and the World Meteorological Organisation "
                 "agreed.")
    ilo = [x for x in a.actors if x.canonical == "International Labour Organization"]
    assert len(ilo) == 1 and ilo[0].kind == "igo"
    assert any(x.canonical == "World Meteorological Organization" for x in a.actors)


def test_a_reports_own_definition_of_an_acronym_wins(nlp):
    a = run(nlp, "The International Cricket Council (ICC) fined the captain on Monday. The ICC said the "
                 "fine would stand.")
    assert canonical_of(a, "ICC") == {"International Cricket Council"}


def test_a_lower_case_word_is_no_acronym(nlp):
    a = run(nlp, "Those who fled the town on Monday said the bridge was down.")
    assert not any(x.kind == "igo" for x in a.actors)


@pytest.mark.parametrize("text, mention, name", [
    ("Police spokesman Harlan Obi denied that anyone had been hurt.", "Harlan Obi", "Harlan Obi"),
    ("Police spokesman Dovin Obi denied that anyone had been hurt.", "Dovin Obi", "Dovin Obi"),
    ("Police spokesman Tomas Tarn denied that anyone had been hurt.", "Tomas Tarn", "Tomas Tarn"),
])
def test_a_surname_that_is_also_a_small_towns_name_stays_in_the_name(nlp, text, mention, name):
    a = run(nlp, text)
    assert canonical_of(a, mention) == {name}, [(m.span.text, m.label) for m in a.mentions]


def test_a_place_in_capitals_is_named_as_the_gazetteer_names_it(nlp):
    a = run(nlp, "KYIV, Ukraine -- The mayor said the metro was closed.")
    assert canonical_of(a, "KYIV") == {"Kyiv"}, [(m.span.text, m.label) for m in a.mentions]


def test_a_short_abbreviation_in_capitals_keeps_its_capitals():
    # a dateline's city is title-cased, a three-letter region's abbreviation is not ("KZN", not "Kzn")
    assert (E._capitals_name("KZN"), E._capitals_name("LAGOS"), E._capitals_name("Lagos")) == ("KZN", "Lagos", "Lagos")
