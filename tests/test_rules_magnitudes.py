"""One example per magnitude rule family (sentences we wrote), parsed for real: each asserts the effect its
rule exists for, so that removing or inverting the rule fails it."""

from __future__ import annotations

from factfinder.extract import magnitudes


def counts(nlp, text: str) -> list[float]:
    return [m.quantity for m in magnitudes.extract(nlp(text), "t")]


def test_a_number_after_a_capitalised_noun_is_a_label_not_a_count(nlp):
    assert counts(nlp, "Gunmen stormed the Gate 3 checkpoint and wounded four guards.") == [4.0]
    assert 12.0 not in counts(nlp, "Police raided Cell 12 prisoners' quarters at dawn.")


def units(nlp, text: str) -> list[str | None]:
    return [m.unit for m in magnitudes.extract(nlp(text), "t")]


def test_a_planned_act_on_a_count_names_its_unit_by_the_participle_of_a_y_verb(nlp):
    # "will ferry 200 villagers": the unit is what is done to them, in the participle; a verb ending in a
    # consonant and "y" makes it with "-ied" ("ferried", not "ferryed").
    assert units(nlp, "Boats will ferry 200 villagers to the coast on Monday.") == ["villagers ferried"]
    assert units(nlp, "The army plans to occupy 12 villages near the border.") == ["villages occupied"]
    assert units(nlp, "Volunteers will bury 30 victims on Friday.") == ["victims buried"]
