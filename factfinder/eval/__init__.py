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
from collections import defaultdict
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
    "events.recall": None,
    "events.attribution_accuracy": None,
    "magnitudes.accuracy": None,
    "places.country_accuracy": None,
    "places.acc_161km": None,
    "stories.pairwise_f1": None,
}

_TRANS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "—": "-", "–": "-", "\u00a0": " "})


def norm(text: str | None) -> str:
    if not text:
        return ""
    t = unicodedata.normalize("NFKC", text).translate(_TRANS).casefold()
    t = re.sub(r"\s+", " ", t).strip()
    return t.strip(" \"'.,;:!?")


def _near(a: str, b: str) -> bool:
    """Lenient phrase match: equal after norm, or one contains the other (≥ 60 % of the longer)."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) >= 0.6 * len(long_)


def _names(pred_actor_names: dict[str, set[str]], name: str | None) -> set[str]:
    """All normalised names a predicted canonical is known by (itself + aliases)."""
    n = norm(name)
    return pred_actor_names.get(n, set()) | {n}


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _alias_map(pred: dict[str, Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a in pred.get("actors", []):
        names = {norm(a["canonical"])} | {norm(x) for x in a.get("aliases", [])} | {
            norm(x) for x in a.get("mentions", [])}
        out[norm(a["canonical"])] = names
    return out


def _canon_ok(aliases: dict[str, set[str]], pred_canonical: str | None, gold_canonical: str | None) -> bool:
    if not gold_canonical:
        return True
    return norm(gold_canonical) in _names(aliases, pred_canonical)


def score_entities(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int, int]:
    """(true positives, predicted, gold) over unique (text, type, canonical) items."""
    aliases = _alias_map(pred)
    preds = {(norm(e["text"]), e["type"], e.get("canonical")) for e in pred.get("entities", [])}
    golds = {(norm(e["text"]), e["type"], e.get("canonical")) for e in gold.get("entities", [])}
    used: set[tuple[Any, ...]] = set()
    tp = 0
    for g in golds:
        for p in preds:
            if p in used or p[0] != g[0] or p[1] != g[1]:
                continue
            if _canon_ok(aliases, p[2], g[2]):
                used.add(p)
                tp += 1
                break
    return tp, len(preds), len(golds)


def score_quotes(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int, int]:
    """(found, right speaker among found, gold)."""
    aliases = _alias_map(pred)
    found = right = 0
    for g in gold.get("quotes", []):
        match = next((p for p in pred.get("quotes", []) if _near(p["quote"], g["quote"])), None)
        if match is None:
            continue
        found += 1
        right += _canon_ok(aliases, match.get("speaker"), g.get("speaker")) and bool(match.get("speaker"))
    return found, right, len(gold.get("quotes", []))


def score_dates(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int, int]:
    """(found, right value among found, gold). A gold date is found when a predicted span matches it."""
    found = right = 0
    for g in gold.get("dates", []):
        match = next((p for p in pred.get("dates", []) if _near(p.get("text") or "", g["text"])), None)
        if match is None:
            continue
        found += 1
        right += str(match.get("value")) == str(g.get("value"))
    return found, right, len(gold.get("dates", []))


def score_magnitudes(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int]:
    """(right, gold): a gold magnitude is right when an overlapping predicted phrase has its quantity."""
    right = 0
    for g in gold.get("magnitudes", []):
        gt = norm(g["text"])
        for p in pred.get("magnitudes", []):
            pt = norm(p["text"])
            if pt and (pt in gt or gt in pt) and float(p["quantity"]) == float(g["quantity"]):
                right += 1
                break
    return right, len(gold.get("magnitudes", []))


def score_places(pred: dict[str, Any], gold: dict[str, Any]) -> tuple[int, int]:
    """(right, gold): same text, same country (ISO alpha-2) and same role (dateline vs event)."""
    right = 0
    for g in gold.get("places", []):
        if any(norm(p["text"]) == norm(g["text"]) and (p.get("country") or "").upper() == g["country"].upper()
               and (p.get("role") == g.get("role") or g.get("role") is None) for p in pred.get("places", [])):
            right += 1
    return right, len(gold.get("places", []))


def _actors_overlap(aliases: dict[str, set[str]], pred_field: str | None, gold_field: str | None) -> bool:
    """Any gold actor (';'-separated) named by any predicted actor, by alias or word overlap."""
    if not gold_field:
        return True
    preds = [x.strip() for x in (pred_field or "").split(";") if x.strip()]
    for g in (x.strip() for x in gold_field.split(";")):
        for p in preds:
            names = _names(aliases, p)
            if norm(g) in names or any(_near(n, g) for n in names):
                return True
            gw, pw = set(norm(g).split()), set(norm(p).split())
            if gw & pw - {"the", "of", "and"}:
                return True
    return False


def _trigger_fits(pred_event: dict[str, Any], gold_event: dict[str, Any]) -> bool:
    """The predicted trigger shares its first five letters with a word of the gold action
    ("arrested" ~ "arrested more than 65,000 people")."""
    stem = norm(pred_event.get("action"))[:5]
    return bool(stem) and any(w[:5] == stem for w in re.findall(r"[a-z]+", norm(gold_event.get("action"))))


def score_events(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Per-type tp/fp/fn and attribution hits. A gold event is matched one-to-one by a predicted event
    of the same PLOVER type whose source or target actors overlap the gold's (aliases or shared words)
    or whose trigger fits the gold action (``_trigger_fits``)."""
    aliases = _alias_map(pred)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    used: set[int] = set()
    attr_right = matched = 0
    for g in gold.get("events", []):
        hit = None
        for i, p in enumerate(pred.get("events", [])):
            if i in used or p["plover"] != g["plover"]:
                continue
            if (_actors_overlap(aliases, p.get("source_actor"), g.get("source_actor"))
                    or _actors_overlap(aliases, p.get("target_actor"), g.get("target_actor"))
                    or _trigger_fits(p, g)):
                hit = i
                break
        if hit is None:
            counts[g["plover"]][2] += 1
            continue
        used.add(hit)
        counts[g["plover"]][0] += 1
        matched += 1
        p = pred["events"][hit]
        attr_right += _canon_ok(aliases, p.get("asserted_by"), g.get("asserted_by")) or _near(
            p.get("asserted_by") or "", g.get("asserted_by") or "")
    for i, p in enumerate(pred.get("events", [])):
        if i not in used and p["plover"] != "OTHER":
            counts[p["plover"]][1] += 1
    return {"counts": dict(counts), "matched": matched, "attr_right": attr_right,
            "gold": len(gold.get("events", []))}


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
    """Micro-averaged fact scores over reports that have gold; None where there is no gold."""
    ent = [0, 0, 0]
    quo = [0, 0, 0]
    dat = [0, 0, 0]
    mag = [0, 0]
    pla = [0, 0]
    ev_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    ev_matched = ev_attr = ev_gold = 0
    for rid, gold in golds.items():
        pred = preds.get(rid)
        if pred is None:
            continue
        for acc, part in ((ent, score_entities(pred, gold)), (quo, score_quotes(pred, gold)),
                          (dat, score_dates(pred, gold))):
            for i, v in enumerate(part):
                acc[i] += v
        for acc, part2 in ((mag, score_magnitudes(pred, gold)), (pla, score_places(pred, gold))):
            acc[0] += part2[0]
            acc[1] += part2[1]
        ev = score_events(pred, gold)
        for t, c in ev["counts"].items():
            for i in range(3):
                ev_counts[t][i] += c[i]
        ev_matched += ev["matched"]
        ev_attr += ev["attr_right"]
        ev_gold += ev["gold"]
    p, r, f = _prf(ent[0], ent[1], ent[2])
    per_type = {}
    for t, (tp, fp, fn) in sorted(ev_counts.items()):
        tp_, r_, f_ = _prf(tp, tp + fp, tp + fn)
        per_type[t] = {"precision": round(tp_, 4), "recall": round(r_, 4), "f1": round(f_, 4), "n": tp + fn}
    scored_types = list(per_type)  # macro-F1 over types present in gold or prediction

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "entities.precision": ratio(ent[0], ent[1]) if ent[2] else None,
        "entities.recall": ratio(ent[0], ent[2]),
        "entities.f1": round(f, 4) if ent[2] else None,
        "quotes.recall": ratio(quo[0], quo[2]),
        "quotes.speaker_accuracy": ratio(quo[1], quo[0]) if quo[2] else None,
        "dates.accuracy": ratio(dat[1], dat[0]) if dat[2] else None,
        "dates.recall": ratio(dat[0], dat[2]),
        "events.type_f1": round(sum(per_type[t]["f1"] for t in scored_types) / len(scored_types), 4)
        if ev_gold else None,
        "events.recall": ratio(ev_matched, ev_gold),
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
    from ..fuse import fuse, stories_pairwise_f1

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
