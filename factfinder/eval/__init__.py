"""Evaluation: score extraction against gold files. The matching rules live here, once, and are
documented in docs/evaluation.md.

Predictions are first turned into the gold format (``factfinder.export.to_gold``), so what is scored
is exactly what `factfinder export --format gold` writes.

Text matching (``norm``) is lenient: Unicode NFKC, curly quotes/dashes made straight, whitespace
collapsed, case folded, surrounding quote marks and trailing punctuation dropped. A canonical name
matches when it equals (normalised) the predicted canonical or any alias of that actor.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..errors import EvalError

NULL_SCORES: dict[str, Any] = {
    "entities.precision": None,
    "entities.recall": None,
    "entities.f1": None,
    "quotes.recall": None,
    "quotes.speaker_accuracy": None,
    "dates.accuracy": None,
    "dates.recall": None,
    "events.type_f1": None,
    "events.actor_match": None,
    "events.attribution_accuracy": None,
    "magnitudes.accuracy": None,
    "places.country_accuracy": None,
    "places.acc_161km": None,
    "stories.pairwise_f1": None,
}

_TRANS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "\u00a0": " "})
_EDGE = r"[\s\"'.,;:!?()\-]+"
_STOP = {"of", "the", "and", "for", "de", "al", "el"}


def norm(text: str | None) -> str:
    """Lenient form of a phrase: NFKC, straight quotes and dashes, case folded, a leading article and
    surrounding punctuation dropped, whitespace collapsed."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKC", str(text)).translate(_TRANS).casefold().strip()
    t = re.sub(r"^(the|a|an)\s+", "", t)
    t = re.sub(f"^{_EDGE}|{_EDGE}$", "", t)
    return re.sub(r"\s+", " ", t)


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", norm(text)))


def _skeleton(word: str) -> str:
    """Transliteration-tolerant form: no vowels, y/j folded, kh ~ h (Sviatlana ~ Svetlana)."""
    return re.sub(r"[aeiouyj]", "", word.replace("kh", "h"))


def _same_word(x: str, y: str) -> bool:
    if x == y:
        return True
    n = min(len(x), len(y))
    if n >= 5 and x[:n - 1] == y[:n - 1]:  # demonym or inflection: lithuania ~ lithuanian
        return True
    return n >= 6 and _skeleton(x) == _skeleton(y)


def same_name(a: str | None, b: str | None) -> bool:
    """Names match when one's content words are all in the other's, allowing word order, demonyms
    and transliteration (Marek ~ Anton Marek; justice ministry of X ~ X's justice ministry)."""
    ta, tb = _words(a) - _STOP, _words(b) - _STOP
    if not ta or not tb:
        return norm(a) == norm(b)

    def within(xs: set[str], ys: set[str]) -> bool:
        return all(any(_same_word(x, y) for y in ys) for x in xs)

    return within(ta, tb) or within(tb, ta)


def _overlap(a: str | None, b: str | None, need: float) -> bool:
    ta, tb = _words(a), _words(b)
    return bool(ta and tb) and len(ta & tb) / min(len(ta), len(tb)) >= need


def _similarity(a: str | None, b: str | None) -> float:
    ta, tb = _words(a), _words(b)
    if not ta or not tb:
        return 1.0 if norm(a) == norm(b) else 0.0
    return len(ta & tb) / len(ta | tb) + (1.0 if norm(a) == norm(b) else 0.0)


def _best(text: str, cands: list[dict[str, Any]], key: str, used: set[int], need: float) -> dict[str, Any] | None:
    """The unused candidate most like ``text`` when it overlaps enough (one-to-one matching)."""
    ranked = sorted((c for c in cands if id(c) not in used and _overlap(text, c.get(key), need)),
                    key=lambda c: -_similarity(text, c.get(key)))
    if not ranked:
        return None
    used.add(id(ranked[0]))
    return ranked[0]


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_entities(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int, int]:
    """(true positives, predicted, gold) over distinct (text, type) items."""
    preds = {(norm(e.get("text")), e.get("type")) for e in pred.get("entities", [])}
    golds = {(norm(e["text"]), e["type"]) for e in gold.get("entities", [])}
    return len(preds & golds), len(preds), len(golds)


def score_quotes(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int, int, int]:
    """(found, right speaker, gold quotes with a speaker among found, gold). A quote the text leaves
    unattributed has no speaker to score."""
    used: set[int] = set()
    found = right = asked = 0
    for g in gold.get("quotes", []):
        match = _best(g["quote"], pred.get("quotes", []), "quote", used, 0.6)
        if match is None:
            continue
        found += 1
        if g.get("speaker"):
            asked += 1
            right += any(same_name(s, match.get("speaker") or "") for s in g["speaker"].split(";"))
    return found, right, asked, len(gold.get("quotes", []))


def score_dates(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int, int]:
    """(found, right value among found, gold with a value). Gold dates without a value still take
    their match, so a prediction is not counted twice; an interval and its start agree."""
    used: set[int] = set()
    found = right = asked = 0
    for g in sorted(gold.get("dates", []), key=lambda d: d.get("value") is None):
        match = _best(g["text"], pred.get("dates", []), "text", used, 0.5)
        if g.get("value") is None:
            continue
        asked += 1
        if match is None:
            continue
        found += 1
        pv, gv = str(match.get("value")), str(g["value"])
        right += pv == gv or ("/" in pv + gv and pv.split("/")[0] == gv.split("/")[0])
    return found, right, asked


def score_magnitudes(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int]:
    """(right, gold): a gold magnitude is right when a predicted one with its quantity overlaps its text."""
    right = sum(any(float(p.get("quantity") or "nan") == float(g["quantity"])
                    and _overlap(g["text"], p.get("text"), 0.3)
                    for p in pred.get("magnitudes", [])) for g in gold.get("magnitudes", []))
    return right, len(gold.get("magnitudes", []))


def score_places(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int]:
    """(right, gold): a predicted place with the same text and the same ISO alpha-2 country."""
    right = sum(any(norm(p.get("text")) == norm(g["text"]) and (p.get("country") or "").upper()[:2] == g["country"]
                    for p in pred.get("places", [])) for g in gold.get("places", []))
    return right, len(gold.get("places", []))


def score_events(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Type counts per report (multisets: a repeated event is a false positive) and actor matches: a
    gold event is matched one-to-one by a predicted event of its type naming its source or its target;
    attribution is scored on matched events."""
    g_types = Counter(e["plover"] for e in gold.get("events", []) if e.get("plover"))
    p_types = Counter(e.get("plover") for e in pred.get("events", []) if e.get("plover"))
    counts = {t: [min(g_types[t], p_types[t]), p_types[t], g_types[t]] for t in set(g_types) | set(p_types)}
    used: set[int] = set()
    matched = attr_right = 0
    for g in gold.get("events", []):
        def names_one(p: dict[str, Any], g: dict[str, Any] = g) -> bool:
            return (same_name(g.get("source_actor") or "-", p.get("source_actor") or "+")
                    or same_name(g.get("target_actor") or "-", p.get("target_actor") or "+"))

        def fit(p: dict[str, Any], g: dict[str, Any] = g) -> float:
            return (same_name(g.get("source_actor") or "-", p.get("source_actor") or "+")
                    + same_name(g.get("target_actor") or "-", p.get("target_actor") or "+")
                    + _similarity(g.get("action") or "", p.get("action") or ""))

        cands = [p for p in pred.get("events", []) if id(p) not in used and p.get("plover") == g.get("plover")
                 and names_one(p)]
        if not cands:
            continue
        hit = max(cands, key=fit)
        used.add(id(hit))
        matched += 1
        attr_right += same_name(g.get("asserted_by") or "", hit.get("asserted_by") or "~")
    return {"counts": counts, "matched": matched, "attr_right": attr_right, "gold": len(gold.get("events", []))}


def load_gold(path: str | Path) -> dict[str, dict[str, Any]]:
    """Gold by report id, from JSONL or one JSON object (or a list of them)."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
        items = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        items = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise EvalError(f"{path}:{n}: not valid JSON ({exc.msg}); one object per line") from exc
    out = {}
    for item in items:
        if "id" not in item:
            raise EvalError(f"{path}: a gold object has no 'id'; each must name its report")
        out[item["id"]] = item
    return out


def load_reports_jsonl(path: str | Path) -> list[Any]:
    from ..records import Report

    reports = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}:{n}: not valid JSON ({exc.msg}); one report object per line") from exc
        if "id" not in d or "text" not in d:
            raise EvalError(f"{path}:{n}: a report needs 'id' and 'text'")
        reports.append(Report(id=d["id"], text=d["text"], url=d.get("url"), outlet=d.get("outlet"),
                              published=d.get("published"), dateline=d.get("dateline"), title=d.get("title"),
                              story=d.get("story")))
    return reports


def score_gold(preds: dict[str, dict[str, Any]], golds: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Micro-averaged fact scores over reports that have gold (a report with gold but no prediction
    scores as empty); None where there is no gold to score."""
    ent = [0, 0, 0]
    quo = [0, 0, 0, 0]
    dat = [0, 0, 0]
    mag = [0, 0]
    pla = [0, 0]
    ev_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, predicted, gold
    ev_matched = ev_attr = ev_gold = 0
    for rid, gold in golds.items():
        pred = preds.get(rid, {})
        for acc, part in ((ent, score_entities(pred, gold)), (quo, score_quotes(pred, gold)),
                          (dat, score_dates(pred, gold)), (mag, score_magnitudes(pred, gold)),
                          (pla, score_places(pred, gold))):
            for i, v in enumerate(part):
                acc[i] += v
        ev = score_events(pred, gold)
        for t, c in ev["counts"].items():
            for i in range(3):
                ev_counts[t][i] += c[i]
        ev_matched += ev["matched"]
        ev_attr += ev["attr_right"]
        ev_gold += ev["gold"]
    p, r, f = _prf(ent[0], ent[1], ent[2])
    per_type = {}
    for t, (tp, n_pred, n_gold) in sorted(ev_counts.items()):
        tp_, r_, f_ = _prf(tp, n_pred, n_gold)
        per_type[t] = {"precision": round(tp_, 4), "recall": round(r_, 4), "f1": round(f_, 4), "n": n_gold}
    gold_types = [t for t in per_type if per_type[t]["n"]]  # macro-F1 over the types the gold holds

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "entities.precision": ratio(ent[0], ent[1]) if ent[2] else None,
        "entities.recall": ratio(ent[0], ent[2]),
        "entities.f1": round(f, 4) if ent[2] else None,
        "quotes.recall": ratio(quo[0], quo[3]),
        "quotes.speaker_accuracy": ratio(quo[1], quo[2]),
        "dates.accuracy": ratio(dat[1], dat[0]),
        "dates.recall": ratio(dat[0], dat[2]),
        "events.type_f1": round(sum(per_type[t]["f1"] for t in gold_types) / len(gold_types), 4)
        if gold_types else None,
        "events.actor_match": ratio(ev_matched, ev_gold),
        "events.attribution_accuracy": ratio(ev_attr, ev_matched) if ev_gold else None,
        "events.per_type": per_type or None,
        "magnitudes.accuracy": ratio(mag[0], mag[1]),
        "places.country_accuracy": ratio(pla[0], pla[1]),
    }


def evaluate_reports(reports_path: str, gold_path: str | None) -> dict[str, Any]:
    from ..export import to_gold
    from ..pipeline import analyse_many

    reports = load_reports_jsonl(reports_path)
    golds = load_gold(gold_path) if gold_path else {}
    analyses = list(analyse_many(reports))
    scores: dict[str, Any] = {}
    if golds:
        preds = {a.report.id: to_gold(a) for a in analyses}
        scores.update(score_gold(preds, golds))
    labelled = {r.id: r.story for r in reports if r.story}
    if labelled:
        scores["stories.pairwise_f1"] = _stories_f1(analyses, labelled)
    return scores


def _stories_f1(analyses: list[Any], labelled: dict[str, str]) -> float:
    from ..derive.stories import fuse, stories_pairwise_f1

    result = fuse(analyses)
    predicted = {rid: s.id for s in result.stories for rid in s.report_ids}
    return round(stories_pairwise_f1(predicted, labelled)["f1"], 4)


def evaluate(reports: str | None = None, gold: str | None = None, plover: str | None = None,
             timeml: str | None = None, geovirus: str | None = None) -> dict[str, Any]:
    """Run the requested evaluations; one JSON-able dict with every key (null where not measured)."""
    scores: dict[str, Any] = dict(NULL_SCORES)
    if reports:
        scores.update(evaluate_reports(reports, gold))
    if plover:
        from .plover import score_plover

        scores.update(score_plover(plover))
    if timeml:
        from .timeml import score_timeml

        scores.update(score_timeml(timeml))
    if geovirus:
        from .geovirus import score_geovirus

        scores.update(score_geovirus(geovirus))
    return scores
