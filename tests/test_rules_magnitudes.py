"""One example per magnitude rule family (sentences we wrote), parsed for real: each asserts the effect its
rule exists for, so that removing or inverting the rule fails it."""

from __future__ import annotations

from factfinder.extract import magnitudes


def counts(nlp, text: str) -> list[float]:
    return [m.quantity for m in magnitudes.extract(nlp(text), "t")]


def test_a_number_after_a_capitalised_noun_is_a_label_not_a_count(nlp):
    assert counts(nlp, "Gunmen stormed the Gate 3 checkpoint and wounded four guards.") == [4.0]
    assert 12.0 not in counts(nlp, "Police raided Cell 12 prisoners' quarters at dawn.")
