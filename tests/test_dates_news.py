"""Dates on real-news phrasing (invented sentences): the present as the report's day, the weekend just
past, durations written as modifiers or with a counting adjective, a stretch left undated, lost
apostrophes and editorial brackets."""

from __future__ import annotations

import pytest

from factfinder.extract import dates
from test_dates import ANCHOR, _one, _run  # ANCHOR is Monday 2024-09-30

TUESDAY = "2024-10-01"


def _timex(nlp, text: str, phrase: str, published: str = ANCHOR) -> str | None:
    found = [tx for tv, tx in dates.extract_timex(nlp(text), "t", published)
             if tv.span and phrase.lower() in tv.span.text.lower()]
    assert found, f"{phrase!r} not found in {text!r}"
    return found[0]


@pytest.mark.parametrize(("text", "phrase"), [
    ("The petition now has 900 names.", "now"),
    ("The firm currently employs 300 people.", "currently"),
    ("At present the bridge is closed.", "At present"),
])
def test_the_present_is_the_reports_day_and_timeml_keeps_present_ref(nlp, text, phrase) -> None:
    v = _one(nlp, text, phrase)
    assert (v.value, v.precision) == (ANCHOR, "day")
    assert _timex(nlp, text, phrase) == "PRESENT_REF"


def test_a_vague_past_stays_a_ref(nlp) -> None:
    assert _one(nlp, "Prices were recently higher.", "recently").value == "PAST_REF"


@pytest.mark.parametrize("text", [
    "The mayor spoke at the fair this weekend.",
    "Crowds gathered in the square this weekend.",
    "The team won its match this weekend.",
])
def test_this_weekend_told_in_the_past_is_the_one_just_past(nlp, text) -> None:
    assert _one(nlp, text, "this weekend", TUESDAY).value == "2024-W39-WE"


def test_this_weekend_told_ahead_is_the_coming_one(nlp) -> None:
    assert _one(nlp, "The band will play this weekend.", "this weekend", TUESDAY).value == "2024-W40-WE"


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("It was a 20 minute walk from the station.", "20 minute", "PT20M"),
    ("Officials review the case in a 12 month cycle.", "12 month", "P12M"),
    ("He served 10 year sentences.", "10 year", "P10Y"),
    ("They signed a thousand-year pact.", "thousand-year", "P1000Y"),
    ("She signed a billion-year contract.", "billion-year", "P1000000000Y"),
])
def test_a_duration_modifying_a_noun(nlp, text, phrase, value) -> None:
    assert _one(nlp, text, phrase).value == value


def test_a_singular_unit_alone_or_after_a_year_is_not_a_duration(nlp) -> None:
    assert not _run(nlp, "She was two year old.")
    assert not [v for v in _run(nlp, "The 2015 year budget passed.") if v.value == "P2015Y"]


@pytest.mark.parametrize("text", ["A 1500 year old tree fell.", "It is a 2000 year old custom."])
def test_a_number_before_year_old_is_an_age_not_a_year(nlp, text) -> None:
    assert not [v for v in _run(nlp, text) if v.precision == "year"]


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("Forms must be returned within ten working days.", "ten working days", "P10D"),
    ("They have five business days to reply.", "five business days", "P5D"),
    ("The shares fell for three trading days.", "three trading days", "P3D"),
])
def test_a_counting_adjective_keeps_the_unit(nlp, text, phrase, value) -> None:
    assert _one(nlp, text, phrase).value == value


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("[Three] years ago, the plant closed.", "[Three] years ago", "2021"),
    ("[Two] weeks ago, the plant closed.", "[Two] weeks ago", "2024-W38"),
    ("[Six] months ago we had nothing.", "[Six] months ago", "2024-03"),
])
def test_a_bracketed_number_in_a_quotation(nlp, text, phrase, value) -> None:
    assert _one(nlp, text, phrase).value == value


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("The backlog will be cleared by year end.", "by year end", "2024"),
    ("The bank aims to double lending by year-end.", "by year-end", "2024"),
    ("Sales fell sharply at year end, the firm said.", "at year end", "2023"),
])
def test_year_end(nlp, text, phrase, value) -> None:
    v = _one(nlp, text, phrase)
    assert (v.value, v.qualifier) == (value, "end")


@pytest.mark.parametrize(("text", "phrase"), [
    ("In the past few days, dozens of towns have asked for aid.", "In the past few days"),
    ("Over the last few days the river rose.", "Over the last few days"),
    ("In recent days, prices rose.", "In recent days"),
])
def test_the_past_few_days_are_the_week_of_those_days(nlp, text, phrase) -> None:
    v = _one(nlp, text, phrase)
    assert (v.value, v.precision) == ("2024-W39", "week")  # Saturday 28 September
    assert _timex(nlp, text, phrase) == "PXD"
    assert _one(nlp, text, phrase, "2024-10-03").value == "2024-W40"  # a Thursday: the same week


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("This years budget is larger.", "This years", "2024"),
    ("We met this weeks winners.", "this weeks", "2024-W40"),
    ("This months figures are out.", "This months", "2024-09"),
])
def test_this_with_a_plural_unit_is_a_lost_apostrophe(nlp, text, phrase, value) -> None:
    assert _one(nlp, text, phrase).value == value


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("The strike comes two days before the summit.", "two days before", "P2D"),
    ("The vote falls a week before the holiday.", "a week before", "P1W"),
    ("The blast came ten days after the ceasefire.", "ten days after", "P10D"),
])
def test_days_before_an_undated_event_keep_the_stretch(nlp, text, phrase, value) -> None:
    v = _one(nlp, text, phrase)
    assert (v.value, v.precision) == (value, "duration")


def test_days_before_a_dated_event_still_give_the_day(nlp) -> None:
    v = _one(nlp, "The envoys left on Friday, two days before the vote.", "two days before")
    assert v.value == "2024-09-29"  # the vote: Friday 27 September plus two days


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("The fine stems from the decision of the court on July 8.", "on July 8", "2024-07-08"),
    ("The protest stems from the arrest of the mayor on June 5.", "on June 5", "2024-06-05"),
    ("The fine results from the ruling of the court on August 2.", "on August 2", "2024-08-02"),
])
def test_a_present_verb_does_not_schedule_a_nouns_date(nlp, text, phrase, value) -> None:
    assert _one(nlp, text, phrase).value == value


def test_a_scheduling_present_still_looks_ahead(nlp) -> None:
    assert _one(nlp, "The council meets on Thursday.", "on Thursday").value == "2024-10-03"
    assert _one(nlp, "The summit opens in March.", "in March").value == "2025-03"


@pytest.mark.parametrize("text", [
    "They attacked our post two days after it ended.",
    "He died two days after leaving.",
    "The talks broke down a week after they began.",
])
def test_days_after_a_clause_about_a_told_event_are_not_a_bare_stretch(nlp, text) -> None:
    assert not [v for v in _run(nlp, text) if v.precision == "duration"]


def test_now_is_not_a_day_an_anaphor_counts_from(nlp) -> None:
    text = "The rebels struck on Thursday. The town is now quiet after shelling overnight."
    assert _one(nlp, text, "overnight").value == "2024-09-26"  # counted from Thursday, not the report


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("The dam opened in the summer of 2019.", "the summer of 2019", "2019-SU"),
    ("They met in autumn 2018.", "autumn 2018", "2018-FA"),
    ("It opened in the late spring of 2010.", "spring of 2010", "2010-SP"),
])
def test_a_season_of_a_stated_year(nlp, text, phrase, value) -> None:
    assert _one(nlp, text, phrase).value == value


def test_fall_before_a_number_without_a_preposition_is_the_verb(nlp) -> None:
    assert not [v for v in _run(nlp, "Prices fall 2019 percent.") if v.precision == "season"]
    assert _one(nlp, "It opened in fall 2019.", "fall 2019").value == "2019-FA"


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("The month-long siege ended.", "month-long", "P1M"),
    ("Workers began a week-long strike.", "week-long", "P1W"),
    ("A decade-long war ended.", "decade-long", "P10Y"),
    ("A two-week-long strike ended.", "two-week", "P2W"),
])
def test_a_unit_long_modifier_is_its_stretch(nlp, text, phrase, value) -> None:
    assert _one(nlp, text, phrase).value == value
