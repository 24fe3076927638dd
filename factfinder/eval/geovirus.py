"""GeoVirus (Gritta et al. 2018): toponym resolution and detection on WikiNews outbreak articles.

Resolution: for each article, the gold toponym names are geocoded together by
``factfinder.extract.places.resolve`` (each disambiguated by the article's other toponyms); a toponym
is right when the chosen point lies within 161 km (100 miles) of the gold point. Unresolved names
count as wrong.

Detection: the articles are parsed and our place spans compared with the gold spans; a gold toponym
is found when a detected span overlaps it. GeoVirus offsets are 1-based: surface = text[start-1:end-1].
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..extract import places

ACC_KM = 161.0


@dataclass(frozen=True, slots=True)
class Toponym:
    name: str
    start: int  # 0-based, into the article text
    end: int
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    toponyms: tuple[Toponym, ...]


def load(path: str | Path) -> list[Article]:
    path = Path(path)
    if not path.exists():
        raise EvalError(f"{path}: GeoVirus file not found. Expected ../shared/eval/geovirus/GeoVirus.xml.")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalError(f"{path}: not well-formed XML ({exc}).") from exc
    out = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for loc in art.iter("location"):
            name = (loc.findtext("name") or "").strip()
            start, end = int(loc.findtext("start") or 1) - 1, int(loc.findtext("end") or 1) - 1
            tops.append(Toponym(name, start, end, float(loc.findtext("lat") or "nan"),
                                float((loc.findtext("lon") or "nan").strip())))
        out.append(Article(text, tuple(tops)))
    return out


def _surface(article: Article, t: Toponym) -> str:
    """The text at the gold span, or the gold name when the offsets do not point at it."""
    s = article.text[t.start:t.end]
    return s if s.strip() and s.strip().casefold() == t.name.casefold() else t.name


def resolution_errors(articles: list[Article], half: str | None = None) -> list[float | None]:
    """Error in km per gold toponym (None when the name is not in the gazetteer); ``half`` "tune"
    (even article index) or "check" (odd), as eval/splits.json writes down."""
    gaz = places.gazetteer()
    errors: list[float | None] = []
    for i, art in enumerate(articles):
        if half is not None and (i % 2 == 0) != (half == "tune"):
            continue
        names = [_surface(art, t) for t in art.toponyms]
        for t, cand in zip(art.toponyms, places.resolve(names, gaz), strict=True):
            gold = places.Candidate(t.name, None, t.lat, t.lon, "city")
            errors.append(None if cand is None else places.km(cand, gold))
    return errors


def detection_recall(articles: list[Article]) -> float:
    """Share of gold toponym spans overlapped by a place span we detect."""
    from ..nlp import load as load_nlp

    from ..extract import entities
    from ..records import Analysis, Report

    nlp = load_nlp()
    gaz = places.gazetteer()
    found = total = 0
    for art, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=32), strict=True):
        # places are detected from the entity stage's corrected mentions, as in the pipeline
        mentions = entities.run(doc, Analysis(report=Report(id="geovirus", text=art.text))).mentions
        spans = [(e.start_char, e.end_char) for e in places.detect(doc, gaz, mentions)]
        for t in art.toponyms:
            total += 1
            found += any(s < t.end and t.start < e for s, e in spans)
    return found / total if total else 0.0


def score_geovirus(path: str | Path, detect: bool = True) -> dict[str, Any]:
    """{"places.acc_161km", "places.detect_recall", "places.n", "places.median_km", "places.unresolved"}."""
    articles = load(path)
    errors = resolution_errors(articles)
    known = [e for e in errors if e is not None]
    n = len(errors)
    halves = {}
    for half in ("tune", "check"):
        part = resolution_errors(articles, half)
        halves[f"places.acc_161km.{half}"] = (sum(e is not None and e <= ACC_KM for e in part) / len(part)
                                              if part else None)
    return {
        "places.acc_161km": sum(e <= ACC_KM for e in known) / n if n else None,
        **halves,
        "places.detect_recall": detection_recall(articles) if detect else None,
        "places.n": n,
        "places.median_km": statistics.median(known) if known else None,
        "places.unresolved": n - len(known),
    }
