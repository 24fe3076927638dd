"""Dates stage: the seed gold, tense-resolved weekdays, durations, and the TempEval-3 platinum set."""

from __future__ import annotations

import re
import time

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
    assert dates.NAME == "factfinder.dates.rules.v1"
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
        ("She will speak tonight.", "tonight", "2024-09-30TNI"),
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
        ("The crisis continues now.", "now", "PRESENT_REF", "ref"),
        ("Such raids happened recently.", "recently", "PAST_REF", "ref"),
        ("Nobody knows what the future holds.", "the future", "FUTURE_REF", "ref"),
        ("The meeting starts at 3 p.m. Friday.", "3 p.m. Friday", "2024-09-27T15", "time"),
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
    found = {v.span.text: v for v in _run(nlp, "On Monday officials said the law passed in 2020 stays for four years.", None)}
    assert found["On Monday"].value is None and found["On Monday"].anchor is None
    assert found["in 2020"].value == "2020"
    assert found["for four years"].value == "P4Y" and found["for four years"].interval is None


def test_stage_is_fast(nlp, corpus_reports) -> None:
    docs = [(nlp(r.text), r) for r in corpus_reports[:5]]
    dates.run(*docs[0][:1], Analysis(report=docs[0][1]))  # compile the patterns once
    t0 = time.perf_counter()
    for doc, report in docs:
        dates.run(doc, Analysis(report=report))
    per_report = (time.perf_counter() - t0) / len(docs)
    assert per_report < 0.05, f"{per_report * 1000:.1f} ms per report"


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


def test_ordinal_second_is_not_a_duration(nlp):
    from factfinder.pipeline import analyse
    from factfinder.records import Report

    text = "Officials said a second file was found on Monday. They waited a second and then left."
    values = [(d.span.text, d.value) for d in analyse(Report(id="t", text=text, published="2024-09-30")).dates]
    assert ("a second", "PT1S") in values  # "waited a second": a time
    assert sum(v == "PT1S" for _, v in values) == 1  # "a second file": an ordinal
