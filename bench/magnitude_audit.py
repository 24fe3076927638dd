"""Audit of the magnitudes stage on real text, without gold: every number-bearing phrase that no emitted
magnitude covers with the same quantity, counted by class.

    .venv/bin/python bench/magnitude_audit.py tune     # TE3 + even GeoVirus articles + corpus reports
    .venv/bin/python bench/magnitude_audit.py check    # odd GeoVirus articles
    add -v to print the uncovered phrases, -n N to cap documents per source

A number phrase is a spaCy CARDINAL/QUANTITY/MONEY/PERCENT entity, a like_num token, or a vague
plural / fraction phrase ("dozens of", "a third", "half of"); phrases inside the dates stage's time
expressions (points in time and durations) are left out. A phrase is covered when an emitted magnitude
overlaps it and (when the phrase's value can be read) has that value.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

from factfinder.extract import dates as dates_stage
from factfinder.extract import magnitudes
from factfinder.nlp import load

SHARED = Path(__file__).resolve().parents[2] / "shared"
ENTS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
VAGUE = re.compile(r"\b(?:dozens|hundreds|thousands|millions|billions|scores)\s+of\b"
                   r"|\b(?:a|one)\s+(?:third|quarter|fifth)\b|\bhalf\s+(?:of|the)\b"
                   r"|\btwo[- ]thirds\b|\bthree[- ]quarters\b", re.I)


def _te3() -> list[tuple[str, str]]:
    out = []
    for p in sorted((SHARED / "eval" / "te3_platinum").glob("*.tml")):
        raw = p.read_text()
        title = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S)
        body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        text = re.sub(r"<[^>]+>", "", body.group(1) if body else "")
        head = re.sub(r"<[^>]+>", "", title.group(1)).strip() + "\n\n" if title else ""
        out.append((p.stem, html.unescape(head + text.strip())))
    return out


def _geovirus(parity: int) -> list[tuple[str, str]]:
    raw = (SHARED / "eval" / "geovirus" / "GeoVirus.xml").read_text()
    texts = re.findall(r"<text>(.*?)</text>", raw, re.S)
    return [(f"geovirus-{i}", html.unescape(t)) for i, t in enumerate(texts) if i % 2 == parity]


def _reports() -> list[tuple[str, str]]:
    out = []
    for line in (SHARED / "corpus" / "reports.jsonl").read_text().splitlines():
        r = json.loads(line)
        out.append((r["id"], ((r.get("title") or "") + "\n\n" if r.get("title") else "") + r["text"]))
    return out


def _value(text: str) -> float | None:
    """The value of a number phrase when it can be read ("$2.5 billion" -> 2.5e9, "12%" -> 12)."""
    t = re.sub(r"^(?:about|some|nearly|almost|around|over|more than|at least|up to|roughly|only|just)\s+", "",
               text.strip(), flags=re.I)
    t = re.sub(r"^(?:US\$|\$|£|€|Rs\.?\s*)|\s*(?:%|percent|per cent)$", "", t, flags=re.I).strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s+(million|billion|thousand|hundred|trillion)", t, re.I)
    if m:
        return float(m[1]) * {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9,
                              "trillion": 1e12}[m[2].lower()]
    return magnitudes.parse_number(t) if re.fullmatch(r"[a-z -]+", t, re.I) else None


def classify(doc, s: int, e: int, text: str, label: str) -> str:
    phrase = text[s:e]
    after = text[e:e + 20].lower()
    before = text[max(0, s - 25):s].lower()
    first_line = "\n" in text and s < text.index("\n")
    if re.search(r"(?i)\b(?:half|halves|thirds?|quarters?|fifths?)\b", phrase):
        return "fraction"
    if re.search(r"[$£€]|\b(?:dollars?|euros?|pounds?|rupees?|yuan|yen)\b", phrase + after[:10], re.I) \
            or label == "MONEY":
        return "money"
    if re.search(r"%|percent|per cent", phrase + after[:9], re.I) or label == "PERCENT":
        return "percent"
    if re.match(r"\s*(?:to|-|–)\s*\d", after) or re.search(r"\d\s*(?:to|-|–)\s*$", before):
        return "range"
    if re.search(r"\bof\s+(?:whom|which|them|these|those)\s*$", before) \
            or re.match(r"\s+of\s+(?:them|whom|the)", after):
        return "partitive"
    if re.search(r"-year-old|years? old|aged?\s*$", after + " " + before):
        return "age"
    if re.match(r"-[a-z]", after):
        return "hyphen compound"
    if VAGUE.search(phrase) or re.fullmatch(r"(?i)(?:dozens|hundreds|thousands|millions|billions)", phrase):
        return "vague/fraction"
    if label == "QUANTITY" or re.match(r"\s*(?:km|kilomet|miles?|metres?|meters?|tonnes?|tons?|kg|feet|acres|hectares"
                                       r"|square|degrees|mph|barrels)\b", after):
        return "measure"
    if re.match(r"\s+(?:in|out\s+of)\s+(?:every\s+)?\d|\s+(?:in|out\s+of)\s+(?:every\s+)?[a-z]+\b", after) \
            and re.fullmatch(r"(?i)one|\d+|[a-z]+", phrase.strip().split()[-1]):
        return "ratio"
    if re.fullmatch(r"(?:1[89]|20)\d\d", phrase.strip()):
        return "year-like"
    if first_line:
        return "headline"
    if re.fullmatch(r"[\d,. ]+", phrase.strip()):
        return "digits"
    return "words"


def audit(docs: list[tuple[str, str]], verbose: bool) -> tuple[Counter, int, int]:
    nlp = load()
    classes: Counter = Counter()
    words = 0
    emitted = 0
    for rid, text in docs:
        doc = nlp(text)
        words += sum(1 for t in doc if not t.is_punct and not t.is_space)
        ds = dates_stage.extract(doc, rid, None)
        spans = [(d.span.start, d.span.end) for d in ds if d.span is not None]
        mags = magnitudes.extract(doc, rid, ds)
        emitted += len(mags)
        cands: list[tuple[int, int, str]] = [(x.start_char, x.end_char, x.label_) for x in doc.ents if x.label_ in ENTS]
        for t in doc:
            if (t.like_num or t.lower_ in magnitudes.table()["number_words"]) and not t.ent_type_ \
                    and not re.fullmatch(r"(?i)one|a|an", t.text):
                cands.append((t.idx, t.idx + len(t.text), "TOKEN"))
        cands += [(m.start(), m.end(), "VAGUE") for m in VAGUE.finditer(text)]
        seen: list[tuple[int, int]] = []
        for s, e, label in sorted(cands):
            if any(a < e and s < b for a, b in seen):
                continue
            seen.append((s, e))
            if any(a < e and s < b for a, b in spans):
                continue
            phrase = text[s:e]
            if not re.search(r"\d|[a-z]", phrase, re.I):
                continue
            val = _value(phrase)
            hit = any(m.span.start < e and s < m.span.end and (val is None or m.quantity == val
                      or label == "VAGUE") for m in mags)
            if hit:
                continue
            cls = classify(doc, s, e, text, label)
            classes[cls] += 1
            if verbose:
                ctx = text[max(0, s - 50):e + 40].replace("\n", " ")
                print(f"{cls:16} {phrase!r:24} val={val}  ...{ctx}...")
    return classes, words, emitted


def main(argv: list[str]) -> None:
    which = argv[0] if argv else "tune"
    verbose = "-v" in argv
    cap = int(argv[argv.index("-n") + 1]) if "-n" in argv else None
    if which == "tune":
        sources = {"te3": _te3(), "geovirus-even": _geovirus(0), "reports": _reports()}
    else:
        sources = {"geovirus-odd": _geovirus(1)}
    total: Counter = Counter()
    total_words = 0
    for name, docs in sources.items():
        classes, words, emitted = audit(docs[:cap] if cap else docs, verbose)
        total += classes
        total_words += words
        n = sum(classes.values())
        print(f"{name}: {len(docs[:cap] if cap else docs)} docs, {words} words, {emitted} magnitudes, {n} uncovered "
              f"= {1000 * n / max(words, 1):.1f} per 1000 words")
    n = sum(total.values())
    print(f"ALL {which}: {n} uncovered = {1000 * n / max(total_words, 1):.1f} per 1000 words")
    for cls, c in total.most_common():
        print(f"  {cls:16} {c:5}  {1000 * c / max(total_words, 1):.2f}/1000w")


if __name__ == "__main__":
    main(sys.argv[1:])
