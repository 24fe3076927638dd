"""One example per date rule family (sentences we wrote), parsed for real: each asserts the value its rule
exists for, so that removing or inverting the rule fails it."""

from __future__ import annotations

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
