"""Scores the dates stage against TimeML (TempEval-3 platinum) TIMEX3 gold.

Matching rule (copied into docs/evaluation.md):

- Text: the content of each document's ``<TEXT>`` element with every tag removed and XML entities
  decoded; each in-text ``<TIMEX3>`` keeps its character offsets in that plain text. The document
  creation time (``<TIMEX3 functionInDocument="CREATION_TIME">``, inside ``<DCT>``) is the report's
  ``published`` date and is not part of the gold.
- Detection: the dates stage runs on the plain text (parsed once with ``factfinder.nlp.load()``).
  A prediction matches a gold TIMEX3 when their character spans overlap (our spans include a
  leading preposition, TimeML's do not). Matching is one-to-one: gold expressions are taken in
  text order and each takes the unmatched overlapping prediction with the largest overlap.
- Value: the stage's TimeML form (``dates.extract_timex``: where the project's gold convention differs,
  e.g. "Monday night" dated as the day, TIMEX3 keeps ``...TNI``; "two days after" stays ``P2D``),
  compared case-insensitively after canonicalisation: decades/centuries in durations are
  years (``P1DE`` = ``P10Y``, ``P1CE`` = ``P100Y``); a predicted interval ``A/B`` (from "since A")
  is compared by its start ``A``, because TimeML tags only "A". TIMEX3 ``mod`` is not compared.
- Scores: ``dates.accuracy`` = correct values / matched gold; ``dates.recall`` = matched gold /
  gold; ``dates.precision`` = matched predictions / predictions; plus the counts.
"""

from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..extract import dates
from ..records import TimeValue
from .splits import named_half

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str
    type: str


@dataclass(frozen=True, slots=True)
class TimemlDoc:
    name: str
    dct: str
    text: str
    timexes: tuple[GoldTimex, ...]


def _dct(source: str, name: str) -> str:
    for m in _TAG.finditer(source):
        attrs = dict(_ATTR.findall(m.group(3)))
        if m.group(2) == "TIMEX3" and attrs.get("functionInDocument") == "CREATION_TIME":
            return attrs.get("value", "")[:10]
    raise EvalError(f"{name}: no TIMEX3 with functionInDocument=\"CREATION_TIME\"; is it a TimeML file?")


def parse_tml(path: Path) -> TimemlDoc:
    """One .tml file -> plain text of <TEXT> with the offsets of its TIMEX3 tags."""
    source = path.read_text(encoding="utf-8")
    dct = _dct(source, path.name)
    body = re.search(r"<TEXT>(.*)</TEXT>", source, re.DOTALL)
    if body is None:
        raise EvalError(f"{path}: no <TEXT> element; expected a TimeML 1.2 document")
    raw = body.group(1)
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(raw):
        chunk = html.unescape(raw[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if not m.group(1):
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(parts)[start:length]
            timexes.append(GoldTimex(start, length, text, attrs.get("value", ""), attrs.get("type", "")))
            open_timex = None
    parts.append(html.unescape(raw[pos:]))
    return TimemlDoc(path.name, dct, "".join(parts), tuple(timexes))


def canonical_value(value: str | None) -> str:
    """Value in comparable form (see the module docstring)."""
    if not value:
        return ""
    v = value.strip().upper()
    if "/" in v:
        v = v.split("/", 1)[0]
    m = re.fullmatch(r"P(\d+)(DE|CE)", v)
    if m:
        v = f"P{int(m.group(1)) * (10 if m.group(2) == 'DE' else 100)}Y"
    return v


def _match(gold: tuple[GoldTimex, ...], pred: tuple[TimeValue, ...]) -> list[tuple[GoldTimex, TimeValue]]:
    used: set[int] = set()
    pairs = []
    for g in gold:
        best, best_overlap = None, 0
        for i, p in enumerate(pred):
            if i in used or p.span is None:
                continue
            overlap = min(g.end, p.span.end) - max(g.start, p.span.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, pred[best]))
    return pairs


def predict(doc: TimemlDoc) -> tuple[TimeValue, ...]:
    """Run the dates stage on one TimeML document, its DCT as the published date. Values are the
    stage's TimeML forms: where our gold convention differs (a day without its part of day, "two days
    after" dated as a day), TIMEX3 keeps the part of day and the duration."""
    from ..nlp import load

    found = dates.extract_timex(load()(doc.text), doc.name, doc.dct)
    return tuple(dataclasses.replace(tv, value=timex) for tv, timex in found)


def score_timeml(directory: str | Path, errors: bool = False) -> dict[str, Any]:
    """Dates scores over every *.tml file of ``directory`` (e.g. ../shared/eval/te3_platinum), with
    ``dates.halves`` giving each half of the documents (splits.json ``te3_platinum``; tune on 'tune' only).
    ``errors`` adds ``dates.errors``: the wrong values and missed expressions of the tune half, to read."""
    files = sorted(Path(directory).glob("*.tml"))
    if not files:
        raise EvalError(f"{directory}: no .tml files found; expected the TempEval-3 platinum set")
    total = [0, 0, 0, 0]  # gold, predicted, matched, correct
    halves = {"tune": [0, 0, 0, 0], "check": [0, 0, 0, 0]}
    wrong: list[dict[str, str]] = []
    for path in files:
        doc = parse_tml(path)
        pred = predict(doc)
        pairs = _match(doc.timexes, pred)
        counts = (len(doc.timexes), len(pred), len(pairs),
                  sum(canonical_value(g.value) == canonical_value(p.value) for g, p in pairs))
        half = named_half("te3_platinum", doc.name.removesuffix(".tml"))
        for acc in (total, halves[half]):
            for i, n in enumerate(counts):
                acc[i] += n
        if errors and half == "tune":
            wrong += _errors(doc, pairs)
    scores: dict[str, Any] = _figures(*total)
    scores["dates.halves"] = {h: _figures(*c) for h, c in halves.items()}
    if errors:
        scores["dates.errors"] = wrong
    return scores


def _figures(n_gold: int, n_pred: int, n_matched: int, n_correct: int) -> dict[str, Any]:
    return {
        "dates.accuracy": n_correct / n_matched if n_matched else 0.0,
        "dates.recall": n_matched / n_gold if n_gold else 0.0,
        "dates.precision": n_matched / n_pred if n_pred else 0.0,
        "dates.gold": n_gold,
        "dates.predicted": n_pred,
    }


def _errors(doc: TimemlDoc, pairs: list[tuple[GoldTimex, TimeValue]]) -> list[dict[str, str]]:
    matched = {id(g) for g, _ in pairs}

    def row(g: GoldTimex, ours: str) -> dict[str, str]:
        context = doc.text[max(0, g.start - 60):g.end + 40].replace("\n", " ")
        return {"doc": doc.name, "dct": doc.dct, "text": g.text, "gold": g.value, "ours": ours, "context": context}

    return ([row(g, p.value or "") for g, p in pairs if canonical_value(g.value) != canonical_value(p.value)]
            + [row(g, "(missed)") for g in doc.timexes if id(g) not in matched])
