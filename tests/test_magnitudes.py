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
    ("Dozens killed as storms hit the coast.", 24, "dozens", "killed", True),
    ("At least 3 were injured in the blast.", 3, "at least", "injured", True),
    ("Nearly 200 protesters were detained on Sunday.", 200, "nearly", "protesters detained", False),
    ("About 1,500 soldiers were deployed to the border.", 1500, "about", "soldiers deployed", False),
    ("The war has forced 1.2 million refugees to leave.", 1.2e6, None, "refugees forced", False),
    ("Two soldiers died in the ambush.", 2, None, "soldiers died", False),
    ("Scores of homes were destroyed.", 40, "scores of", "homes destroyed", True),
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
    "The court fined the company $5 million on Tuesday.",
    "Turnout rose to 30 percent in 2019.",
    "A 45-year-old man was arrested.",
    "The talks opened on 1 May in Geneva.",
    "The referral invokes Articles 13(a) and 14 of the statute.",
    "Pursuant to Regulation 45 of the Regulations, the judges met.",
    "It was the sixth round of talks, she said.",
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
