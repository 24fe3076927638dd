"""Magnitudes: the seed gold, and phrases on sentences written here."""

from __future__ import annotations

import pytest

from factfinder.eval import norm
from factfinder.extract import magnitudes
from factfinder.records import Analysis


def _extract(nlp, text: str):
    return magnitudes.extract(nlp(text), "t")


def _one(nlp, text: str):
    found = _extract(nlp, text)
    assert len(found) == 1, [m.span.text for m in found]
    return found[0]


def test_seed_magnitudes_match_gold(seed_doc, seed_report, seed_gold):
    analysis = magnitudes.run(seed_doc, Analysis(report=seed_report))
    gold = seed_gold["magnitudes"]
    assert gold
    for g in gold:
        hits = [m for m in analysis.magnitudes
                if norm(m.span.text) in norm(g["text"]) or norm(g["text"]) in norm(m.span.text)]
        assert hits, f"no magnitude overlaps gold {g['text']!r}"
        m = hits[0]
        assert m.quantity == g["quantity"]
        assert m.qualifier == g["qualifier"]
        assert m.unit == g["unit"]
        assert seed_report.text[m.span.start:m.span.end] == m.span.text
        assert m.extractor == magnitudes.NAME


@pytest.mark.parametrize("text, quantity, qualifier, unit, lower", [
    ("Police said more than 65,000 people arrested in the crackdown had been freed.", 65000, "more than",
     "people arrested", True),
    ("Hundreds of thousands of people fled the fighting.", 100000, "hundreds of thousands", "people fled", True),
    ("The army forcibly displaced hundreds of thousands of rural residents.", 100000, "hundreds of thousands",
     "residents displaced", True),
    ("Dozens killed as storms hit the coast.", 12, "dozens", "killed", True),
    ("At least 3 were injured in the blast.", 3, "at least", "injured", True),
    ("Nearly 200 protesters were detained on Sunday.", 200, "nearly", "protesters detained", False),
    ("About 1,500 soldiers were deployed to the border.", 1500, "about", "soldiers deployed", False),
    ("The war has forced 1.2 million refugees to leave.", 1.2e6, None, "refugees forced", False),
    ("Two soldiers died in the ambush.", 2, None, "soldiers died", False),
    ("Scores of homes were destroyed.", 20, "scores of", "homes destroyed", True),
    ("Thousands marched through the capital.", 1000, "thousands", "marched", True),
    ("Gunmen kidnapped twenty-five students.", 25, None, "students kidnapped", False),
])
def test_magnitude_phrases(nlp, text, quantity, qualifier, unit, lower):
    m = _one(nlp, text)
    assert m.quantity == pytest.approx(quantity)
    assert m.qualifier == qualifier
    assert m.unit == unit
    assert m.lower_bound is lower
    assert text[m.span.start:m.span.end] == m.span.text


@pytest.mark.parametrize("text", [
    "The talks opened on 1 May in Geneva.",
    "The referral invokes Articles 13(a) and 14 of the statute.",
    "Pursuant to Regulation 45 of the Regulations, the judges met.",
    "The ceasefire began at 6 a.m. on 3 March 2021.",
    "One of the guards said the gate was opened in 2019.",
    "The patients were moved to Ward 7 of the Central Hospital.",
])
def test_not_counts_are_skipped(nlp, text):
    assert _extract(nlp, text) == []


def test_number_parsing():
    assert magnitudes.parse_number("65,000") == 65000
    assert magnitudes.parse_number("1.2 million") == 1.2e6
    assert magnitudes.parse_number("twenty-five") == 25
    assert magnitudes.parse_number("two hundred thousand") == 200000
    assert magnitudes.parse_number("a dozen") == 12
    assert magnitudes.parse_number("several") is None


def test_corpus_spans_point_into_text(nlp, corpus_reports):
    for report in corpus_reports[:4]:
        for m in magnitudes.extract(nlp(report.text), report.id):
            assert report.text[m.span.start:m.span.end] == m.span.text
            assert m.quantity > 0


# ---------------------------------------------------------------- the quantity grammar (issue 11)


def _by_text(nlp, text: str) -> dict[str, object]:
    return {m.span.text: m for m in _extract(nlp, text)}


def _find(nlp, text: str, quantity: float):
    found = [m for m in _extract(nlp, text) if m.quantity == pytest.approx(quantity)]
    assert found, (quantity, [(m.span.text, m.quantity) for m in _extract(nlp, text)])
    return found[0]


@pytest.mark.parametrize("text, quantity, qualifier", [
    ("Fourteen miners were trapped underground.", 14, None),
    ("Two dozen fishermen were rescued off the coast.", 24, None),
    ("Dozens of shops were looted overnight.", 12, "dozens"),
    ("Hundreds gathered outside the court.", 100, "hundreds"),
    ("More than 1,200 people were evacuated from the valley.", 1200, "more than"),
    ("At least 14 soldiers were killed in the ambush.", 14, "at least"),
    ("About 200 families were displaced by the floods.", 200, "about"),
    ("Nearly forty students were detained after the march.", 40, "nearly"),
    ("Up to 300 migrants are feared missing.", 300, "up to"),
    ("Another 52 people were wounded in the second blast.", 52, "another"),
])
def test_counts_in_words_digits_and_vague_plurals(nlp, text, quantity, qualifier):
    m = _find(nlp, text, quantity)
    assert m.qualifier == qualifier


def test_ranges_give_both_ends(nlp):
    m1 = _find(nlp, "Between 20 and 30 villagers were abducted.", 20)
    m2 = _find(nlp, "Between 20 and 30 villagers were abducted.", 30)
    assert "villagers" in (m1.unit or "") and "villagers" in (m2.unit or "")
    assert m2.qualifier == "up to"
    assert _find(nlp, "Police arrested 10 to 15 youths near the stadium.", 10).unit.startswith("youths")


def test_total_and_its_part(nlp):
    text = "The shelling killed 14 people, including three children, and wounded 40."
    assert _find(nlp, text, 14).unit == "people killed"
    assert _find(nlp, text, 3).unit == "children killed"
    assert _find(nlp, text, 40).unit.endswith("wounded")


def test_numbers_standing_alone_count_what_came_before(nlp):
    text = "Rebels seized 30 hostages on Monday. Nine of them were later freed, and four escaped."
    assert _find(nlp, text, 9).unit is not None
    assert _find(nlp, text, 4).unit is not None
    assert _find(nlp, "The raid left five guards wounded, two of them critically.", 2)


def test_revisions_mark_new_and_earlier_figures(nlp):
    text = "The death toll has risen to 19 from 14, the health ministry said."
    assert _find(nlp, text, 19).qualifier == "revised"
    assert _find(nlp, text, 19).unit == "people killed"
    assert _find(nlp, text, 14).qualifier == "earlier figure"
    assert _find(nlp, "By evening the toll rose to 41.", 41).qualifier == "revised"


@pytest.mark.parametrize("text, quantity, unit", [
    ("Amir Tobal, 52, was released on bail.", 52, "years of age"),
    ("A 45-year-old man was arrested.", 45, "years of age"),
    ("The victims were aged 17 and 19.", 17, "years of age"),
    ("Turnout rose to 30 percent in 2019.", 30, "percent"),
    ("The court fined the company $5 million on Tuesday.", 5e6, "dollars"),
    ("Each family paid 300 shillings for water.", 300, "shillings"),
    ("The convoy stopped about 12 km from the border.", 12, "kilometres"),
    ("Rescuers searched a five-storey building.", 5, "storeys building"),
    ("It was the sixth round of talks, she said.", 6, "round"),
    ("It was the fourth such raid this year.", 4, "raid"),
])
def test_kinds_of_quantity_carry_their_unit(nlp, text, quantity, unit):
    m = _find(nlp, text, quantity)
    assert m.unit == unit
    assert magnitudes.is_count(m) is False


def test_durations_are_counted_in_their_unit(nlp):
    text = "The hostages were held for more than three weeks and questioned for six hours."
    assert _find(nlp, text, 3).unit == "weeks"
    assert _find(nlp, text, 3).qualifier == "more than"
    assert _find(nlp, text, 6).unit == "hours"
    assert not magnitudes.is_count(_find(nlp, text, 6))


def test_first_is_not_a_series(nlp):
    assert not [m for m in _extract(nlp, "For the first time, the first lady spoke.") if m.qualifier == "ordinal"]


def test_counts_are_counts(nlp):
    assert magnitudes.is_count(_find(nlp, "Gunmen kidnapped twenty-five students.", 25))


def test_glued_percent_and_multipliers(nlp):
    assert _find(nlp, "Prices rose 12% in March.", 12).unit == "percent"
    assert _find(nlp, "The floods affected 1.5m people.", 1.5e6)
    assert _find(nlp, "Donors pledged $2bn for the camps.", 2e9).unit == "dollars"
    assert _find(nlp, "The convoy stopped 40m from the gate.", 40).unit == "metres"


def test_coordinated_counts_share_the_verb(nlp):
    text = "Ten soldiers and three civilians died when their truck hit a mine."
    assert _find(nlp, text, 3).unit == "civilians died"


def test_a_number_after_a_part_counts_what_the_total_counts(nlp):
    text = "Mortars killed at least 12 people, including seven children, and wounded 25."
    assert _find(nlp, text, 7).unit == "children killed"
    assert _find(nlp, text, 25).unit == "people wounded"


@pytest.mark.parametrize("text, low, qualifier", [
    ("Between 200 and 300 households lost their homes.", 200, "between 200 and 300"),
    ("Police arrested 10 to 15 youths near the stadium.", 10, "10 to 15"),
])
def test_a_range_keeps_its_wording_as_the_qualifier(nlp, text, low, qualifier):
    assert _find(nlp, text, low).qualifier.casefold() == qualifier


def test_and_between_two_counts_is_a_range_only_after_between(nlp):
    m = _find(nlp, "Gunmen killed 12 villagers and 3 soldiers on Sunday.", 12)
    assert m.qualifier is None and "villagers" in (m.unit or "")
