"""lookup: the date and the count of a clause, and sentence bounds, asked of a real parse."""

from __future__ import annotations

import pytest

from factfinder.extract import lookup
from factfinder.records import Report

PUB = "2024-09-30"  # a Monday


def _analysis(text: str, published: str | None = PUB):
    from factfinder.nlp import load
    from factfinder.pipeline import analyse_doc

    doc = load()(text)
    return doc, analyse_doc(doc, Report(id="t", text=text, published=published))


def _tok(doc, word: str):
    return next(t for t in doc if t.text == word)


def _date(text: str, trigger: str, published: str | None = PUB):
    doc, a = _analysis(text, published)
    tok = _tok(doc, trigger)
    lo, hi = lookup.sentence_bounds(tok)
    return lookup.date_of_clause(a, lo, hi, tok.idx, tok, extractor="test")


@pytest.mark.parametrize("text, trigger, value", [
    ("Soldiers detained the mayor on Friday.", "detained", "2024-09-27"),
    ("Rebels shelled the port on Saturday night, and the navy evacuated the crew.", "shelled", "2024-09-28"),
    ("The governor said on Sunday that militias had burned the depot on Thursday.", "burned", "2024-09-26"),
    ("The envoy will visit the camp next week.", "visit", "2024-W41"),
])
def test_date_from_the_events_own_clause(text, trigger, value):
    d = _date(text, trigger)
    assert d is not None and d.value == value


def test_date_of_another_clause_is_not_taken():
    text = "As the council prepares for elections in 2026, police are arresting opposition members."
    d = _date(text, "arresting")
    assert d is not None and d.value == PUB and d.span is None  # told in the present: the report date


def test_past_event_without_a_stated_date_carries_none():
    assert _date("Gunmen abducted three engineers near the dam.", "abducted") is None
    assert _date("Gunmen abducted three engineers near the dam.", "abducted", None) is None


@pytest.mark.parametrize("text, trigger", [
    ("Security forces have detained dozens of students, the group says.", "detained"),
    ("The army is blockading the northern towns.", "blockading"),
])
def test_present_tense_event_is_dated_by_the_report(text, trigger):
    d = _date(text, trigger)
    assert d is not None and d.value == PUB and d.extractor == "test"


def test_a_duration_dates_by_the_stretch_it_covers():
    d = _date("The regime has jailed critics for more than four years.", "jailed")
    assert d is not None and d.precision == "interval" and d.value == "2020-09-30/2024-09-30"


def _count(text: str, trigger: str):
    doc, a = _analysis(text)
    tok = _tok(doc, trigger)
    sub = list(tok.subtree)
    return lookup.magnitude_of_clause(a, sub[0].idx, sub[-1].idx + len(sub[-1].text), tok.idx)


def test_magnitude_is_the_nearest_count():
    m = _count("Fighters killed 14 villagers, including three children, in a raid.", "killed")
    assert m is not None and m.quantity == 14


@pytest.mark.parametrize("text, trigger", [
    ("Militants held the 52-year-old engineer for three weeks.", "held"),
    ("The court jailed the editor for six years.", "jailed"),
])
def test_ages_and_lengths_of_time_are_not_an_events_count(text, trigger):
    assert _count(text, trigger) is None


def test_sentence_bounds():
    doc, _ = _analysis("Troops withdrew. Villagers returned on Sunday.")
    lo, hi = lookup.sentence_bounds(_tok(doc, "returned"))
    assert doc.text[lo:hi] == "Villagers returned on Sunday."


def test_events_use_lookup():
    from factfinder.pipeline import analyse

    events = analyse(Report(id="t", text="Police arrested 12 protesters on Saturday. Gunmen later burned a bus.",
                            published=PUB)).events
    arrest = next(e for e in events if e.trigger.text == "arrested")
    assert arrest.date is not None and arrest.date.value == "2024-09-28"
    assert arrest.magnitude is not None and arrest.magnitude.quantity == 12
    burned = [e for e in events if e.trigger.text == "burned"]
    assert all(e.date is None for e in burned)


@pytest.mark.parametrize("text, trigger", [
    ("Security forces will detain the organisers, the group says.", "detain"),
    ("Security forces were detaining dozens of students.", "detaining"),
    ("Security forces could detain the organisers.", "detain"),
])
def test_future_modal_and_past_auxiliaries_are_not_the_present(text, trigger):
    assert _date(text, trigger) is None


def test_a_nouns_own_modifier_dates_it():
    d = _date("The arrest of the mayor on Friday angered residents.", "arrest")
    assert d is not None and d.value == "2024-09-27"


def test_now_dates_the_event_by_the_report():
    d = _date("Police are now holding 30 people in the stadium.", "holding")
    assert d is not None and (d.value, d.precision) == (PUB, "day")  # "now" is the report's day (dates v4)
