"""Test fixture only: three tiny hand-annotated reports for unit-level tests of the web app.

The reports and their facts are made up by us (fictional places and people), annotated by hand with
exact character spans, so API behaviour (filters, pagination, review) can be pinned on a small,
deterministic store that does not move when the extractors change. They are NOT product data and
are never shipped or served: the app itself only shows what the real pipeline stored (see
tests/test_browser.py, which runs on the real corpus). One report carries markup and SQL in its text.
"""

from __future__ import annotations

from factfinder.records import (
    Actor,
    Analysis,
    Attribution,
    Claim,
    Event,
    Magnitude,
    Mention,
    Place,
    Quote,
    Report,
    Span,
    TimeValue,
)
from factfinder.store import Store

HOSTILE_TEXT = (
    "Officials said <script>alert('xss')</script> was found in a leaked memo. "
    "A second file held <img src=x onerror=alert(1)> and the line '; DROP TABLE reports; -- "
    "which investigators quoted in full."
)


def span(report: Report, needle: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``needle`` in the report text."""
    start = -1
    for _ in range(nth + 1):
        start = report.text.index(needle, start + 1)
    return Span(report.id, start, start + len(needle), needle)


def _report_one() -> Analysis:
    r = Report(
        id="sample-ministry-arrests", outlet="Tarnwick Ledger", published="2024-03-14", dateline="VALDORA",
        title="Interior ministry detains protest organisers in Valdora",
        text=("VALDORA — The interior ministry of Estland detained 37 protest organisers on Tuesday, "
              "the Civic Rights Watch said. \"These arrests are meant to silence dissent,\" said Mara Lind, "
              "the group's director. The ministry accused the organisers of planning unrest, "
              "which rights groups described as persecution."),
    )
    ministry, watch, lind = "Interior Ministry of Estland", "Civic Rights Watch", "Mara Lind"
    date = TimeValue(span(r, "Tuesday"), "2024-03-12", "day", anchor="2024-03-14", extractor="sample")
    place = Place(span(r, "VALDORA"), "dateline", "Valdora", "EE", 59.437, 24.7536, feature="city", extractor="sample")
    said = span(r, "said")
    return Analysis(
        report=r,
        mentions=(Mention(span(r, "interior ministry of Estland"), "ORG", "a1", "sample"),
                  Mention(span(r, "Civic Rights Watch"), "ORG", "a2", "sample"),
                  Mention(span(r, "Mara Lind"), "PERSON", "a3", "sample")),
        actors=(Actor("a1", r.id, ministry, "government", ("interior ministry",), country="EST", sector="government"),
                Actor("a2", r.id, watch, "organization", country="EST", sector="ngo"),
                Actor("a3", r.id, lind, "person", ("director of Civic Rights Watch",), affiliation=watch)),
        dates=(date,),
        places=(place,),
        magnitudes=(Magnitude(span(r, "37 protest organisers"), 37.0, unit="protest organisers", extractor="sample"),),
        quotes=(Quote(span(r, "These arrests are meant to silence dissent,"), lind, "a3", "said",
                      span(r, "said", 1), True, "sample"),),
        claims=(Claim(span(r, "persecution"), "legal_characterisation", "persecution",
                      Attribution("rights groups", "reported_speech", cue=span(r, "described")), "sample"),),
        events=(
            Event(span(r, "detained"), span(r, r.text[:r.text.index(". ") + 1]), "COERCE", "arrest",
                  sources=(ministry,), targets=("protest organisers",), source_countries=("EST",),
                  date=date, place=place, attribution=Attribution(watch, "reported_speech", "a2", said),
                  confidence=0.8, rule="sample", extractor="sample"),
            Event(span(r, "accused"), span(r, "The ministry accused the organisers of planning unrest"), "ACCUSE",
                  sources=(ministry,), targets=("protest organisers",), source_countries=("EST",),
                  date=date, place=place, attribution=Attribution(r.outlet or "", "outlet"),
                  confidence=0.6, rule="sample", extractor="sample"),
        ),
        versions={"sample": "1"},
    )


def _report_two() -> Analysis:
    r = Report(
        id="sample-court-referral", outlet="Harbour Times", published="2024-05-02", dateline="MERIDA",
        title="Neighbouring state refers officials to international court",
        text=("MERIDA — The government of Latvaria on Thursday referred officials of Estland to the "
              "International Criminal Court, saying more than 1,000 people had been forced to flee. "
              "Civic Rights Watch welcomed the referral and urged the court to act quickly."),
    )
    latv, est = "Government of Latvaria", "Interior Ministry of Estland"
    icc, watch = "International Criminal Court", "Civic Rights Watch"
    date = TimeValue(span(r, "Thursday"), "2024-05-02", "day", anchor="2024-05-02", extractor="sample")
    place = Place(span(r, "MERIDA"), "dateline", "Merida", "LV", 56.9496, 24.1052, feature="city", extractor="sample")
    return Analysis(
        report=r,
        mentions=(Mention(span(r, "Latvaria"), "GPE", "b1", "sample"),
                  Mention(span(r, "Estland"), "GPE", "b2", "sample"),
                  Mention(span(r, "International Criminal Court"), "ORG", "b3", "sample"),
                  Mention(span(r, "Civic Rights Watch"), "ORG", "b4", "sample")),
        actors=(Actor("b1", r.id, latv, "government", country="LVA", sector="government"),
                Actor("b2", r.id, est, "government", country="EST", sector="government"),
                Actor("b3", r.id, icc, "igo", sector="judiciary"),
                Actor("b4", r.id, watch, "organization", sector="ngo")),
        dates=(date,),
        places=(place,),
        magnitudes=(Magnitude(span(r, "more than 1,000 people"), 1000.0, "more than", "people forced to flee", True,
                              "sample"),),
        events=(
            Event(span(r, "referred"), span(r, r.text[:r.text.index(". ") + 1]), "ACCUSE", "legal",
                  sources=(latv,), targets=(est,), source_countries=("LVA",), target_countries=("EST",),
                  date=date, place=place, attribution=Attribution(r.outlet or "", "outlet"),
                  confidence=0.9, rule="sample", extractor="sample"),
            Event(span(r, "urged"),
                  span(r, "Civic Rights Watch welcomed the referral and urged the court to act quickly."),
                  "REQUEST", sources=(watch,), targets=(icc,), date=date, place=place,
                  attribution=Attribution(r.outlet or "", "outlet"), confidence=0.4, rule="sample", extractor="sample"),
        ),
        versions={"sample": "1"},
    )


def _report_hostile() -> Analysis:
    r = Report(id="sample-hostile-text", outlet="<b>Evil Outlet</b>", published="2024-06-01",
               title="<script>alert('title')</script> leaked memo", text=HOSTILE_TEXT)
    return Analysis(
        report=r,
        quotes=(Quote(span(r, "'; DROP TABLE reports; --"), "<img src=x onerror=alert(2)>", cue="quoted",
                      direct=True, extractor="sample"),),
        events=(Event(span(r, "found"), span(r, HOSTILE_TEXT[:HOSTILE_TEXT.index(". ") + 1]), "OTHER",
                      sources=("<script>alert('actor')</script>",), targets=("reports",),
                      attribution=Attribution("Officials", "reported_speech", cue=span(r, "said")),
                      confidence=0.2, rule="sample", extractor="sample"),),
        versions={"sample": "1"},
    )


def sample_analyses() -> list[Analysis]:
    return [_report_one(), _report_two(), _report_hostile()]


def write_sample(store: Store) -> int:
    """Write the sample analyses; returns how many were new."""
    return sum(store.write_analysis(a) for a in sample_analyses())
