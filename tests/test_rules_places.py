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
