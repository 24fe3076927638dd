"""One example per date rule family (sentences we wrote), parsed for real: each asserts the value its rule
exists for, so that removing or inverting the rule fails it."""

from __future__ import annotations

import pytest

from factfinder.extract import dates
from factfinder.records import Analysis, Report


def values(nlp, text: str, published: str | None = "2024-09-30") -> dict[str, str | None]:
    """Each dated phrase of ``text`` (lower-cased) with its value."""
    report = Report(id="t", text=text, published=published)
    return {v.span.text.lower(): v.value for v in dates.run(nlp(text), Analysis(report=report)).dates if v.span}


def _value(found: dict[str, str | None], words: str) -> str | None:
    hits = [v for k, v in found.items() if words in k]
    assert hits, f"{words!r} not dated: {found}"
    return hits[0]


def test_recurring_times_are_sets_of_their_unit_day_or_frequency(nlp):
    found = values(nlp, "Volunteers of the Marrow Street kitchen serve meals every Monday, check the stores "
                        "every week and audit the accounts annually.")
    assert _value(found, "every monday") == "XXXX-WXX-1"
    assert _value(found, "every week") == "P1W"
    assert _value(found, "annually") == "P1Y"


def test_a_bare_day_of_the_month_still_to_come_is_in_the_month_before(nlp):
    # No date earlier in the text: "the 28th" reported on the 5th has already passed, so last month's,
    # across the new year in January.
    assert _value(values(nlp, "The pumping station flooded on the 28th, engineers said.", "2025-01-05"),
                  "the 28th") == "2024-12-28"
    assert _value(values(nlp, "The pumping station flooded on the 28th, engineers said.", "2024-09-05"),
                  "the 28th") == "2024-08-28"
    assert _value(values(nlp, "The pumping station flooded on the 3rd, engineers said.", "2024-09-05"),
                  "the 3rd") == "2024-09-03"


def test_hours_ago_is_the_report_day_and_days_ago_count_back(nlp):
    # A span of hours (or a fraction of a unit) ago cannot move a day-precision date; whole days do.
    assert _value(values(nlp, "Gunmen opened fire on the market three hours ago."), "three hours ago") == "2024-09-30"
    assert _value(values(nlp, "The dam burst two days ago."), "two days ago") == "2024-09-28"


def test_a_clock_time_falls_on_the_report_day(nlp):
    # "at 8 p.m." with nothing else dated is that evening of the day the report is dated.
    found = values(nlp, "The ferry left the harbour at 8 p.m., the operator said.")
    assert _value(found, "8 p.m.") == "2024-09-30T20"


def test_next_season_is_the_coming_one_not_this_years(nlp):
    # "next summer" said in September is the summer of the following year; "last summer" the one gone by.
    found = values(nlp, "The council will review the budget next summer, the mayor said.")
    assert _value(found, "next summer") == "2025-SU"
    assert _value(values(nlp, "Harvests failed last summer.", "2024-03-10"), "last summer") == "2023-SU"


def test_next_weekday_is_the_coming_one_whatever_the_tense(nlp):
    # Reported on Monday 2024-09-30: "next Friday" is the coming Friday even in a sentence that reports,
    # and "next Monday" said on a Monday is a week ahead, not the report day.
    assert _value(values(nlp, "The ministry said the talks resume next Friday."), "next friday") == "2024-10-04"
    assert _value(values(nlp, "Union leaders say the strike ends next Wednesday."),
                  "next wednesday") == "2024-10-02"
    assert _value(values(nlp, "The port authority said the ferry returns next Monday."),
                  "next monday") == "2024-10-07"


def test_a_weekday_under_a_past_intention_verb_is_ahead_of_the_report(nlp):
    # "planned to vote on Friday": the vote, not the planning, is on Friday, so it is the coming one,
    # while the weekday of the act of threatening itself ("threatened on Friday to") is behind.
    assert _value(values(nlp, "The council planned to vote on Friday."), "friday") == "2024-10-04"
    assert _value(values(nlp, "Farmers vowed to march on Wednesday."), "wednesday") == "2024-10-02"
    assert _value(values(nlp, "The council threatened on Friday to close the market."), "friday") == "2024-09-27"


def test_a_month_and_day_without_a_year_or_a_report_date_has_no_value(nlp):
    # Nothing to take the year from: the phrase is found, undated, rather than guessed.
    for text, words in [("The levee broke on September 30, engineers said.", "september 30"),
                        ("The bridge reopened on 12 March, officials said.", "12 march"),
                        ("Voting ends on Feb. 28.", "feb. 28")]:
        assert _value(values(nlp, text, None), words) is None


def test_a_number_and_a_singular_unit_before_a_noun_is_a_duration(nlp):
    # "a three year plan" (no plural, no hyphen) is the stretch "a three-year plan" names (gold convention:
    # durations are dates); a plural unit is a duration too.
    for text, words, value in [("The council approved a three year plan for the harbour.", "three year", "P3Y"),
                               ("A four month delay hit the ferry service.", "four month", "P4M"),
                               ("She began a five year term on the tribunal.", "five year", "P5Y")]:
        assert _value(values(nlp, text), words) == value, text
    assert _value(values(nlp, "The strike lasted two weeks."), "two weeks") == "P2W"


def test_a_year_number_after_a_currency_sign_is_money_even_at_the_start_of_the_text(nlp):
    # "$2030 was paid": the sign before the number makes an amount; the report's first token counts too.
    for text, year in (("$2030 was paid into the fund on Monday.", "2030"),
                       ("$2019 went missing from the till.", "2019"), ("$1850 bought the old mill.", "1850")):
        assert year not in values(nlp, text).values(), text


def test_the_end_or_start_of_the_year_without_a_publication_date_is_left_unvalued(nlp):
    # No anchor: the phrase is a year-part whose year nobody can tell; it is found, not guessed.
    for text, words in (("Talks will resume at the end of the year.", "end of the year"),
                        ("Prices rose at the start of the year.", "start of the year"),
                        ("The dam was finished by the middle of the year.", "middle of the year")):
        assert _value(values(nlp, text, published=None), words) is None, text


def test_a_decade_or_century_before_or_after_this_one_reads_as_a_duration(nlp):
    # TimeML: "last decade", "last century" span the unit; "this decade" is the calendar decade.
    assert _value(values(nlp, "The region grew fast last decade, officials said."), "last decade") == "P10Y"
    assert _value(values(nlp, "Output doubled last century."), "last century") == "P100Y"
    assert _value(values(nlp, "The plan covers this decade."), "this decade") == "202"


@pytest.mark.parametrize("text, words, value, published", [
    ("He died four days later in hospital.", "four days later", "P4D", "2024-09-30"),
    ("She had been admitted two weeks earlier after the birth of her son.", "two weeks earlier", "P2W", None),
    ("A day later the border crossing reopened.", "a day later", "P1D", "2024-09-30"),
])
def test_an_offset_with_no_day_told_before_is_a_duration(nlp, text, words, value, published):
    assert _value(values(nlp, text, published), words) == value


def test_an_offset_after_a_told_day_is_that_day_moved(nlp):
    found = values(nlp, "The clashes began on 3 May. Four days later the army withdrew.")
    assert _value(found, "four days later") == "2024-05-07"


@pytest.mark.parametrize("text, words, value", [
    ("The town keeps a 300 year old custom of lanterns.", "300 year old", "P300Y"),
    ("The 20 year old programme aims to end the famine.", "20 year old", "P20Y"),
    ("Drivers were told the 12-year-old bridge would close.", "12-year-old", "P12Y"),
])
def test_the_age_of_a_thing_is_a_duration(nlp, text, words, value):
    assert _value(values(nlp, text), words) == value


@pytest.mark.parametrize("text", ["A 41-year-old woman died in hospital.", "The 54-year-old farmer was shot.",
                                  "Police said the 17-year-old had fled."])
def test_a_persons_age_is_no_date(nlp, text):
    assert not [k for k in values(nlp, text) if "year" in k]


def test_a_month_named_in_its_own_month_is_this_years_unless_next_says_so(nlp):
    # published in March: "will resume in March" is this March, "next March" the year after
    found = values(nlp, "The talks will resume in March. The next round is due next March.", "2026-03-20")
    assert _value(found, "in march") == "2026-03", found
    assert _value(found, "next march") == "2027-03", found


def test_a_past_month_named_in_its_own_month_is_this_years_unless_last_says_so(nlp):
    # published in March: "closed in March" is this March, "last March" the year before
    found = values(nlp, "The clinic closed in March. It had opened last March.", "2026-03-20")
    assert _value(found, "in march") == "2026-03", found
    assert _value(found, "last march") == "2025-03", found
