"""Entities, entities.rules.v8: a disease's name is no place, person or body ("Lassa fever", "the Nipah
virus"), so it is neither a place on the map nor an antecedent that speaks. Sentences invented (the
diseases are real)."""

from __future__ import annotations

import pytest

from factfinder.extract import entities as E
from factfinder.pipeline import analyse
from factfinder.records import Analysis, Report


def run(nlp, text: str) -> Analysis:
    return E.run(nlp(text), Analysis(report=Report(id="t", text=text)))


@pytest.mark.parametrize("text, disease", [
    ("Cases of Lassa fever rose in the eastern districts of Varnok last week.", "Lassa"),
    ("The Zika virus spread from the coast to the capital within a month.", "Zika"),
    ("Nipah has killed forty people in the border towns, the agency said.", "Nipah"),
])
def test_a_disease_name_is_no_entity(nlp, text, disease):
    a = run(nlp, text)
    assert not [m for m in a.mentions if disease in m.span.text], [(m.span.text, m.label) for m in a.mentions]


def test_a_place_before_a_body_that_fights_disease_stays_a_place(nlp):
    a = run(nlp, "Kenya said its disease agency had sent teams to the coast.")
    assert any(m.span.text == "Kenya" for m in a.mentions)


def test_it_after_a_quote_about_a_disease_is_the_body_that_reported_it():
    text = ('The highly contagious Lassa virus was first detected in September, according to the Dornick Relief '
            'Fund. "As of Tuesday, 42 patients have been reported with suspected Lassa fever in the province," '
            'it said.')
    quotes = analyse(Report(id="t", text=text)).quotes
    assert [q.speaker for q in quotes if "42 patients" in q.span.text] == ["Dornick Relief Fund"]
