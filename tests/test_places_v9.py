"""Places, places.gazetteer.v9: a place written as a country's own ("X's North-West region") is in that
country; another country's namesake division is no answer, and the place keeps the owner's country
without coordinates. Every sentence is invented around real region names."""

from __future__ import annotations

import pytest

from factfinder.pipeline import analyse
from factfinder.records import Report


def _places(text: str):
    an = analyse(Report(id="p", outlet="Test Wire", published="2026-03-10", text=text))
    return [p for p in an.places if p.role != "dateline" and p.feature != "country"]


@pytest.mark.parametrize("text, country", [
    ("Fighting spread across Somalia's South-West State.", "SO"),
    ("Gunmen struck villages in Chad's South-West region on Sunday.", "TD"),
    ("Storms battered Sierra Leone's North-West Province.", "SL"),
])
def test_a_region_owned_by_a_country_is_in_that_country(text, country):
    found = _places(text)
    assert found and {p.country for p in found} == {country}, [(p.name, p.country) for p in found]


def test_a_known_region_of_the_owner_keeps_its_coordinates():
    [sonora, *_] = [p for p in _places("Floods hit Mexico's northern Sonora state on Monday.") if p.name == "Sonora"]
    assert (sonora.country, sonora.feature) == ("MX", "admin1") and sonora.lat is not None
