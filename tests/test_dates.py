"""Dates stage: the seed gold, tense-resolved weekdays, durations, and the TempEval-3 platinum set."""

from __future__ import annotations

import re

import pytest

from conftest import EVAL, need_shared
from factfinder.extract import dates
from factfinder.records import Analysis, Report, TimeValue

ANCHOR = "2024-09-30"  # a Monday


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip(" .,;:").lower()


def _lenient(gold_text: str, pred_text: str) -> bool:
    """Same expression, give or take a leading preposition, case, spacing, trailing punctuation."""
    g, p = _norm(gold_text), _norm(pred_text)
    return g == p or g in p or p in g


def _run(nlp, text: str, published: str | None = ANCHOR) -> tuple[TimeValue, ...]:
    report = Report(id="t", text=text, published=published)
    return dates.run(nlp(text), Analysis(report=report)).dates


def _one(nlp, text: str, phrase: str, published: str | None = ANCHOR) -> TimeValue:
    found = [v for v in _run(nlp, text, published) if v.span and _lenient(phrase, v.span.text)]
    assert found, f"{phrase!r} not found in {text!r}: {_run(nlp, text, published)}"
    return found[0]


def test_stage_contract() -> None:
    assert dates.NAME == "factfinder.dates.rules.v7"
    assert dates.REQUIRES == ()
    assert dates.ASSIGNS == ("dates",)


def test_seed_gold_dates(seed_doc, seed_report, seed_gold) -> None:
    predicted = dates.run(seed_doc, Analysis(report=seed_report)).dates
    for v in predicted:
        assert v.span is not None and seed_report.text[v.span.start : v.span.end] == v.span.text
        assert v.extractor == dates.NAME and v.anchor == seed_report.published
    for gold in seed_gold["dates"]:
        hits = [v for v in predicted if _lenient(gold["text"], v.span.text)]
        assert hits, f"gold date {gold['text']!r} not found"
        v = hits[0]
        assert (v.value, v.precision) == (gold["value"], gold["precision"]), gold
        assert v.qualifier == gold.get("qualifier"), gold


def test_seed_spans_include_preposition(seed_doc, seed_report) -> None:
    texts = {v.span.text for v in dates.run(seed_doc, Analysis(report=seed_report)).dates}
    assert {"on Monday", "in 2020", "for more than four years", "over the last four years"} <= texts


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The government on Monday referred the case to the court.", "on Monday", "2024-09-30"),
        ("Protesters will gather on Tuesday outside the embassy.", "on Tuesday", "2024-10-01"),
        ("Protesters gathered on Tuesday outside the embassy.", "on Tuesday", "2024-09-24"),
        ("The court is scheduled to rule on Friday.", "on Friday", "2024-10-04"),
        ("The minister resigned on Friday.", "on Friday", "2024-09-27"),
        ("The summit opens next Tuesday.", "next Tuesday", "2024-10-01"),
        ("The talks collapsed last Monday.", "last Monday", "2024-09-23"),
        ("Police detained him yesterday.", "yesterday", "2024-09-29"),
        ("The verdict is expected tomorrow.", "tomorrow", "2024-10-01"),
        ("She will speak tonight.", "tonight", "2024-09-30"),
    ],
)
def test_weekdays_follow_tense(nlp, text: str, phrase: str, value: str) -> None:
    assert _one(nlp, text, phrase).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value", "precision"),
    [
        ("Elections are due next year.", "next year", "2025", "year"),
        ("Prices rose last month.", "last month", "2024-08", "month"),
        ("Talks continue this week.", "this week", "2024-W40", "week"),
        ("He was released last week.", "last week", "2024-W39", "week"),
        ("The law changed in 2020.", "in 2020", "2020", "year"),
        ("He was arrested in May.", "in May", "2024-05", "month"),
        ("The vote will be held in May.", "in May", "2025-05", "month"),
        ("It was announced on September 30 by the ministry.", "on September 30", "2024-09-30", "day"),
        ("The statement of 30 September 2024 was brief.", "30 September 2024", "2024-09-30", "day"),
        ("The group was founded in the 1990s.", "the 1990s", "199", "decade"),
        ("Nothing changed in the 20th century.", "the 20th century", "19", "century"),
        ("He has been in prison since 2020.", "since 2020", "2020/2024-09-30", "interval"),
        ("The party was banned three years ago.", "three years ago", "2021", "year"),
        ("The crisis continues now.", "now", "2024-09-30", "day"),
        ("Such raids happened recently.", "recently", "PAST_REF", "ref"),
        ("Nobody knows what the future holds.", "the future", "FUTURE_REF", "ref"),
        ("The meeting starts at 3 p.m. Friday.", "3 p.m. Friday", "2024-10-04", "day"),
    ],
)
def test_calendar_expressions(nlp, text: str, phrase: str, value: str, precision: str) -> None:
    v = _one(nlp, text, phrase)
    assert (v.value, v.precision) == (value, precision)


@pytest.mark.parametrize(
    ("text", "phrase", "value", "qualifier", "interval"),
    [
        ("Authorities have persecuted civilians for more than four years.", "for more than four years",
         "P4Y", "more than", "2020-09-30/2024-09-30"),
        ("Thousands were arrested over the last four years.", "over the last four years",
         "P4Y", None, "2020-09-30/2024-09-30"),
        ("A hearing could be held in a year or more.", "in a year or more", "P1Y", "or more", None),
        ("He wants to extend his three-decade rule.", "three-decade", "P30Y", None, None),
        ("Months of protests followed.", "Months", "PXM", None, None),
        ("The programme will run for the next six months.", "for the next six months",
         "P6M", None, "2024-09-30/2025-03-30"),
        ("They waited almost seven years.", "almost seven years", "P7Y", "less than", None),
        ("The race lasted 3:07:35.", "3:07:35", "PT3H7M35S", None, None),
    ],
)
def test_durations(nlp, text: str, phrase: str, value: str, qualifier: str | None, interval: str | None) -> None:
    v = _one(nlp, text, phrase)
    assert (v.value, v.precision, v.qualifier, v.interval) == (value, "duration", qualifier, interval)


def test_no_false_times(nlp) -> None:
    found = _run(nlp, "A 14-year-old boy and children aged 6 months and older may attend. He may march.")
    assert [v.span.text for v in found] == []


def test_without_published_date_relative_values_are_none(nlp) -> None:
    text = "On Monday officials said the law passed in 2020 stays for four years."
    found = {v.span.text: v for v in _run(nlp, text, None)}
    assert found["On Monday"].value is None and found["On Monday"].anchor is None
    assert found["in 2020"].value == "2020"
    assert found["for four years"].value == "P4Y" and found["for four years"].interval is None


def test_timeml_parse_keeps_offsets() -> None:
    from factfinder.eval.timeml import parse_tml

    directory = need_shared(EVAL / "te3_platinum")
    docs = [parse_tml(p) for p in sorted(directory.glob("*.tml"))]
    assert len(docs) == 20
    assert sum(len(d.timexes) for d in docs) == 138  # the 20 DCTs are not gold
    for d in docs:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.dct)
        for g in d.timexes:
            assert d.text[g.start : g.end] == g.text


def test_timeml_platinum_scores() -> None:
    from factfinder.eval.timeml import score_timeml

    scores = score_timeml(need_shared(EVAL / "te3_platinum"))
    assert scores["dates.gold"] == 138
    # Measured: accuracy 0.931, recall 0.942, precision 0.956 (130 of 138 found, 136 predicted).
    assert scores["dates.accuracy"] >= 0.90
    assert scores["dates.recall"] >= 0.92
    assert scores["dates.precision"] >= 0.92
    halves = scores["dates.halves"]
    assert halves["tune"]["dates.gold"] + halves["check"]["dates.gold"] == 138
    assert halves["check"]["dates.accuracy"] >= 0.90  # measured .955 (tune .938)


@pytest.mark.parametrize("text, phrase, value", [
    ("Gunmen attacked the convoy in the early hours of Saturday.", "Saturday", "2024-09-28"),
    ("The blast struck in the small hours of 3 March, police said.", "3 March", "2024-03-03"),
    ("Soldiers entered the village in the early hours of Friday morning.", "Friday morning", "2024-09-27"),
])
def test_hours_of_a_day_are_that_day_not_a_duration(nlp, text: str, phrase: str, value: str) -> None:
    found = [(text[d.span.start:d.span.end], d.value) for d in dates.extract(nlp(text), "r", ANCHOR)]
    assert (phrase, value) in found
    assert not any(v and v.startswith("PT") for _, v in found)


def test_plural_hours_alone_stay_a_vague_duration(nlp) -> None:
    text = "After weeks of fighting, the talks lasted hours."
    values = [d.value for d in dates.extract(nlp(text), "r", ANCHOR)]
    assert "PTXH" in values and "PXW" in values


def test_ordinal_second_is_not_a_duration(nlp):
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    text = "Officials said a second file was found on Monday. They waited a second and then left."
    values = [(d.span.text, d.value) for d in analyse(Report(id="t", text=text, published="2024-09-30")).dates]
    assert ("a second", "PT1S") in values  # "waited a second": a time
    assert sum(v == "PT1S" for _, v in values) == 1  # "a second file": an ordinal


# ---------------------------------------------------------------- dates in context (issue 11)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # the part of day stays out of the value: an event is dated by its day
        ("Gunmen raided the market on Thursday evening, residents said.", "on Thursday evening", "2024-09-26"),
        ("The convoy was shelled late on Saturday night.", "Saturday night", "2024-09-28"),
        # future-in-the-past and complements of plans/agreements/requests look ahead
        ("The mayor said power would be restored by Friday.", "by Friday", "2024-10-04"),
        ("Both unions agreed to meet the employers on Wednesday.", "on Wednesday", "2024-10-02"),
        ("Lawyers said they would file an appeal on Thursday.", "on Thursday", "2024-10-03"),
        # the cue verb's own date keeps its tense
        ("The ministry on Friday threatened to expel the envoy.", "on Friday", "2024-09-27"),
        ("Villagers have given the company until Friday to pay, their leader said.", "until Friday", "2024-10-04"),
    ],
)
def test_weekdays_in_context(nlp, text: str, phrase: str, value: str) -> None:
    assert _one(nlp, text, phrase).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The festival ran on 4-6 August 2023 in the capital.", "4-6 August 2023", "2023-08-04/2023-08-06"),
        ("Talks were held June 10-12, 2022 in a lakeside hotel.", "June 10-12, 2022", "2022-06-10/2022-06-12"),
        ("Voting took place between 3 and 5 March 2021.", "between 3 and 5 March 2021", "2021-03-03/2021-03-05"),
        ("The camp was sealed from January to April 2022.", "from January to April 2022", "2022-01/2022-04"),
        ("He chaired the council from 2015 to 2019.", "from 2015 to 2019", "2015/2019"),
        ("Prices climbed between March and May 2023.", "between March and May 2023", "2023-03/2023-05"),
    ],
)
def test_ranges(nlp, text: str, phrase: str, value: str) -> None:
    assert _one(nlp, text, phrase).value == value


def test_two_days_are_not_a_range(nlp) -> None:
    found = [v.value for v in _run(nlp, "Rallies were held on May 3 and 5, 2021.")]
    assert "2021-05-03/2021-05-05" not in found


@pytest.mark.parametrize(
    ("text", "published", "phrase", "value"),
    [
        ("Prayers were held across the city for Eid al-Fitr.", "2023-04-24", "Eid al-Fitr", "2023-04-21"),
        ("Markets were crowded before Eid al-Adha.", "2022-07-11", "Eid al-Adha", "2022-07-09"),
        ("Shops closed early for Eid.", "2024-04-12", "Eid", "2024-04-10"),
        ("Curfews were eased during Ramadan in 2021.", "2024-09-30", "Ramadan in 2021", "2021-04"),
        ("The church was full on Palm Sunday.", "2023-04-05", "Palm Sunday", "2023-04-02"),
        ("The prisoners were freed on Good Friday.", "2019-04-23", "Good Friday", "2019-04-19"),
        ("Orthodox Easter fell quietly this year.", "2024-05-08", "Orthodox Easter", "2024-05-05"),
        ("A truce will hold over Christmas, the army said.", "2024-12-10", "Christmas", "2024-12-25"),
        ("The border stayed shut over Christmas.", "2025-01-03", "Christmas", "2024-12-25"),
    ],
)
def test_holidays(nlp, text: str, published: str, phrase: str, value: str) -> None:
    assert _one(nlp, text, phrase, published).value == value


def test_lowercase_holiday_words_are_not_holidays(nlp) -> None:
    assert not [v for v in _run(nlp, "The new year brought an easter egg hunt.") if v.value and "12-25" in v.value]


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("The bridge was blown up on Wednesday. Repairs began the next day.", "the next day", "2024-09-26"),
        ("Police raided the office on Friday. Staff had left the previous evening.", "the previous evening",
         "2024-09-26"),
        ("A militia attacked the depot on Tuesday night. Farmers found the bodies at dawn.", "at dawn", "2024-09-25"),
        ("Troops entered the town on Friday. They withdrew late in the evening.", "late in the evening", "2024-09-27"),
        ("Rebels shelled the port overnight, the governor said.", "overnight", "2024-09-29"),
        ("Rebels took the town on Friday. Overnight, they shelled the port.", "Overnight", "2024-09-27"),
        ("Officials said on Monday that rebels had shelled the port overnight.", "overnight", "2024-09-29"),
        ("The editor was freed on Thursday, a day after agents seized him.", "a day after", "2024-09-25"),
        ("The talks opened on Tuesday. Two days later the envoys walked out.", "Two days later", "2024-09-26"),
    ],
)
def test_anaphors_count_from_the_last_date(nlp, text: str, phrase: str, value: str) -> None:
    assert _one(nlp, text, phrase).value == value


def test_anaphor_without_an_earlier_date_is_dropped(nlp) -> None:
    assert not [v for v in _run(nlp, "The next day, the envoys walked out.") if "next day" in v.span.text]


def test_timeml_value_keeps_part_of_day_and_duration(nlp) -> None:
    text = "The editor was freed on Thursday evening, a day after agents seized him."
    pairs = {tv.span.text: timex for tv, timex in dates.extract_timex(nlp(text), "t", ANCHOR)}
    assert pairs["on Thursday evening"] == "2024-09-26TEV"
    assert pairs["a day after"] == "P1D"


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Mortars landed near the school over the weekend.", "over the weekend", "2024-W39-WE"),
        ("The group has held the valley since January last year.", "January last year", "2023-01/2024-09-30"),
        ("She was held for over three and a half years without trial.", "over three and a half years", "P3Y6M"),
    ],
)
def test_weekend_and_month_of_year(nlp, text: str, phrase: str, value: str) -> None:
    assert _one(nlp, text, phrase).value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Rights groups counted the dead after a December 6-8 sweep last year.", "December 6-8",
         "2023-12-06/2023-12-08"),
        ("Rights groups said the raid on December 6 in 2019 killed four.", "December 6", "2019-12-06"),
        ("The mine reopened on December 1 under a 2017 licence.", "on December 1", "2024-12-01"),
    ],
)
def test_yearless_date_takes_the_year_its_sentence_states(nlp, text: str, phrase: str, value: str) -> None:
    assert _one(nlp, text, phrase, "2024-12-10").value == value


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        # news tells what is scheduled in the present, what happened in the past
        ("The assembly meets on Thursday to elect a speaker.", "on Thursday", "2024-10-03"),
        ("The envoy is flying to Tunis on Friday.", "on Friday", "2024-10-04"),
        ("Officials say the convoy was ambushed on Saturday.", "on Saturday", "2024-09-28"),
        ("The hearing resumes on Wednesday, lawyers say.", "on Wednesday", "2024-10-02"),
        # parts of a day named relative to the report's
        ("Gunmen stormed the hotel last night.", "last night", "2024-09-29"),
        ("The ministry confirmed the deaths this morning.", "this morning", "2024-09-30"),
        # a day of the month the text last dated
        ("The walkout began on 2 September and ended on the 9th.", "on the 9th", "2024-09-09"),
        ("Troops crossed on the night of the 27th, witnesses said.", "the night of the 27th", "2024-09-27"),
        # a range of weekdays
        ("Between Monday and Wednesday, 30 people were arrested.", "Between Monday and Wednesday",
         "2024-09-23/2024-09-25"),
    ],
)
def test_present_schedules_day_parts_days_of_month(nlp, text: str, phrase: str, value: str) -> None:
    assert _one(nlp, text, phrase).value == value


def test_day_of_month_is_not_a_unit_ordinal(nlp) -> None:
    assert not [v for v in _run(nlp, "The 3rd Brigade and the 5th Regiment moved north.") if v.value]


def test_complement_of_a_past_act_is_near_the_act_not_ahead(nlp) -> None:
    # a weekday after an agreement lies ahead of the report; a month is read as the nearest one
    assert _one(nlp, "The firm agreed to sell its stake in July.", "in July").value == "2024-07"
    assert _one(nlp, "The firm plans to sell its stake in July.", "in July").value == "2025-07"


def test_holiday_in_a_proper_name_is_not_a_date(nlp) -> None:
    found = _run(nlp, "Tourism on Easter Island recovered after the Good Friday Agreement was signed.")
    assert not [v for v in found if "Easter" in v.span.text or "Good Friday" in v.span.text]


# --- rule families pinned by example (the mutation probe found no test noticing them) ---


def test_a_year_range_spans_at_most_a_century(nlp) -> None:
    assert _one(nlp, "The estate stayed in the family between 1920 and 2020.", "between 1920 and 2020").value \
        == "1920/2020"
    found = _run(nlp, "Records kept between 1919 and 2020 were lost.")
    assert not [v for v in found if v.precision == "interval"]


@pytest.mark.parametrize(("text", "phrase", "value", "precision"), [
    # a spanning preposition makes "the last <unit>" a stretch ending at the report
    ("Prices rose sharply over the last month, traders said.", "over the last month", "P1M", "duration"),
    ("She resigned last month.", "last month", "2024-08", "month"),
    ("Inflation doubled in the past year.", "in the past year", "P1Y", "duration"),
    ("Inflation doubled last year.", "last year", "2023", "year"),
    # "the next/coming <unit>" with no spanning preposition is the calendar unit, not a stretch
    ("Talks resume the next week, officials said.", "the next week", "2024-W41", "week"),
    # a spanning preposition before a bare "last" (a comparison base) keeps the calendar year
    ("Exports rose four percent over last year.", "over last year", "2023", "year"),
])
def test_the_last_month_is_a_stretch_only_after_a_spanning_preposition(nlp, text, phrase, value, precision) -> None:
    v = _one(nlp, text, phrase)
    assert (v.value, v.precision) == (value, precision)


def test_a_counted_duration_after_since_or_for_gets_an_interval(nlp) -> None:
    v = _one(nlp, "He has been held since May, for three months.", "for three months")
    assert (v.value, v.interval) == ("P3M", "2024-06-30/2024-09-30")


@pytest.mark.parametrize(("text", "phrase", "value"), [
    ("The polls closed on Sunday. Three days earlier, the envoys left.", "Three days earlier", "2024-09-26"),
    ("The talks opened on Tuesday. A week later the envoys walked out.", "A week later", "2024-10-01"),
])
def test_days_earlier_and_later_count_from_the_last_date(nlp, text, phrase, value) -> None:
    assert _one(nlp, text, phrase).value == value


def test_a_number_before_a_plural_noun_is_not_a_year(nlp) -> None:
    assert not [v for v in _run(nlp, "Some 1800 soldiers crossed the border.") if v.value == "1800"]
    assert _one(nlp, "The treaty was signed in 1800.", "in 1800").value == "1800"


def test_a_dollar_amount_is_not_a_year(nlp) -> None:
    assert not [v for v in _run(nlp, "The union paid $2020 in fees, the treasurer said.") if v.value == "2020"]
    assert _one(nlp, "The union was founded in 2020.", "in 2020").value == "2020"


def test_a_tabled_holiday_outside_the_tables_years_is_dropped(nlp) -> None:
    # Eid's dates come from a lunar table of a few decades; a present-tense mention in a report dated
    # outside it has no occurrence to pick and yields no date (not a crash), while one inside does
    assert not [v for v in _run(nlp, "Shops close for Eid.", "2040-05-01") if v.span and "Eid" in v.span.text]
    assert _one(nlp, "Shops close for Eid.", "Eid", "2024-04-12").value == "2024-04-10"
