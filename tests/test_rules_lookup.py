"""One example per lookup rule family (sentences we wrote), asked of a real parse: each asserts the effect its
rule exists for, so that removing or inverting the rule fails it."""

from __future__ import annotations

import pytest

from factfinder.extract import lookup
from factfinder.nlp import load
from factfinder.pipeline import analyse_doc
from factfinder.records import Report


def date_of(text: str, trigger: str):
    doc = load()(text)
    a = analyse_doc(doc, Report(id="t", text=text, published="2024-09-30"))
    tok = next(t for t in doc if t.text == trigger)
    lo, hi = lookup.sentence_bounds(tok)
    return lookup.date_of_clause(a, lo, hi, tok.idx, tok, extractor="test")


@pytest.mark.parametrize("text, trigger", [
    ("The governor, who took office in 2019, said militias had burned the depot.", "burned"),
    ("Residents who fled in March said soldiers had looted the market.", "looted"),
    ("The mayor, elected in 2021, says the rebels destroyed the bridge.", "destroyed"),
])
def test_a_date_in_a_relative_clause_of_the_speaker_does_not_date_the_reported_event(text, trigger):
    # Only the event's own clause, or a clause governing it, dates it; the speaker's past is another clause.
    assert date_of(text, trigger) is None


@pytest.mark.parametrize("text, trigger", [
    ("Soldiers recently burned the depot near the river.", "burned"),
    ("Rebels in the past destroyed three bridges on the coast road.", "destroyed"),
    ("Militiamen recently looted two shops in the market.", "looted"),
])
def test_a_vague_past_reference_does_not_date_the_event(text, trigger):
    # "recently" or "in the past" says only that it happened before the report: no day to date it by.
    assert date_of(text, trigger) is None


@pytest.mark.parametrize("text, trigger, day", [
    ("Over the past two weeks, troops shelled the town on Friday.", "shelled", "2024-09-27"),
    ("In the last three days, police arrested the mayor on Sunday.", "arrested", "2024-09-29"),
    ("Throughout the past month, rebels blocked the road on Tuesday.", "blocked", "2024-09-24"),
])
def test_a_day_in_the_clause_dates_the_event_before_a_duration_does(text, trigger, day):
    d = date_of(text, trigger)
    assert d is not None and (d.value, d.precision) == (day, "day")


def test_an_event_told_in_the_present_has_no_date_when_the_report_has_none():
    for text, trigger in [("Police say they have detained the mayor.", "detained"),
                          ("Rebels are shelling the port, residents say.", "shelling")]:
        doc = load()(text)
        a = analyse_doc(doc, Report(id="t", text=text, published=None))
        tok = next(t for t in doc if t.text == trigger)
        lo, hi = lookup.sentence_bounds(tok)
        assert lookup.date_of_clause(a, lo, hi, tok.idx, tok, extractor="test") is None, text
        assert date_of(text, trigger).value == "2024-09-30", text
