"""Event scores: the PLOVER gold-standard records (CAMEO manual sentences) and the seed gold events.

PLOVER GSR (``score_plover``)
    Each of the 322 coded sentences (record 0, the DOCUMENT header, is skipped) becomes a Report
    (id = record id, published = record date) and runs through the full pipeline. The predicted type of
    a sentence is the type of its *main event*: ``factfinder.extract.events.main_event`` — the most
    confident non-OTHER event, earliest on ties; no event counts as the type "NONE" (a miss).
    PLOVER 0.5 names are mapped to the 16 current types with ``gsr_legacy_types`` in
    ``ontology/plover.json``: DEMAND → REQUEST, DISAPPROVE → ACCUSE (mode disapprove), INVESTIGATE →
    ACCUSE (mode investigate), FIGHT → ASSAULT; and COERCE with mode "destroy" → ASSAULT, because the
    current manual moved property destruction to ASSAULT. Old mode names are aliased (demo-org →
    demo, riot-spon → riot, detain → arrest).
    ``events.type_f1`` is the macro-F1 over the 16 types; ``events.mode_accuracy`` is computed over the
    records with a non-empty gold mode; the country accuracies over the records whose gold
    source/target has a country code: right when any predicted country of the main event is one of
    the gold codes. ``events.actor_match`` scores actor NAMES the way the challenge scorer does, over the
    records whose gold names a source or target (``actorText``): right when the main event has the gold
    type and one of its sources names a gold source, or one of its targets a gold target
    (``factfinder.eval.same_name``: one name's words within the other's); ``events.source_match`` and
    ``events.target_match`` are the name agreement of each side alone, whatever the type.

Seed gold
    Scored by the general gold scorer, ``factfinder.eval.score_events`` (one set of matching rules).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..ontology.cameo import PLOVER_TYPES, plover
from ..records import Event, Report

_STOP = {"the", "of", "and", "a", "an", "in", "on", "to", "for", "with", "by", "at", "his", "her", "its", "their",
         "government", "other", "from", "as", "or"}


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in _STOP and len(w) > 2}


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").lower()).strip(" .,;:'\"")


def gold_type(record: dict[str, Any]) -> tuple[str, str | None]:
    """(current PLOVER type, mode) of a GSR record."""
    legacy = plover()["gsr_legacy_types"]
    aliases = plover()["mode_aliases"]
    event = str(record.get("event", "")).upper()
    mode = record.get("mode") or None
    if event in legacy:
        event, forced = legacy[event]
        mode = forced or mode
    if event == "COERCE" and mode == "destroy":
        event = "ASSAULT"
    if mode:
        mode = aliases.get(mode, mode)
    return event, mode


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def macro_f1(pairs: Sequence[tuple[str, str]], types: Iterable[str]) -> tuple[float, dict[str, dict[str, float]]]:
    """pairs = (gold, predicted). Macro-F1 over ``types`` and the per-type table."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for g, p in pairs:
        n_gold[g] += 1
        n_pred[p] += 1
        tp[g] += g == p
    per: dict[str, dict[str, float]] = {}
    for t in types:
        p, r, f = _prf(tp[t], n_pred[t], n_gold[t])
        per[t] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "n": n_gold[t]}
    scored = [v["f1"] for t, v in per.items() if n_gold[t] or n_pred[t]]
    return (sum(scored) / len(scored) if scored else 0.0), per


def load_gsr(path: str | Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"{path}: cannot read the PLOVER gold records ({exc}); expected PLOVER_GSR_CAMEO.json") from exc
    return [r for r in data if str(r.get("event", "")).upper() != "DOCUMENT"]


def predict_gsr(records: Sequence[dict[str, Any]]) -> list[Event | None]:
    """Main event of each record's sentence, through the full pipeline."""
    from ..extract.events import main_event
    from ..pipeline import analyse_many

    reports = (Report(id=str(r["id"]), text=str(r["text"]), published=r.get("date"), outlet="PLOVER GSR")
               for r in records)
    return [main_event(a.events) for a in analyse_many(reports, batch_size=64)]


def _codes(actors: Any) -> set[str]:
    return {str(a.get("code")) for a in (actors or []) if isinstance(a, dict) and a.get("code")}


def _texts(actors: Any) -> list[str]:
    return [str(a["actorText"]) for a in (actors or []) if isinstance(a, dict) and a.get("actorText")]


def _names_any(predicted: Sequence[str], gold: Sequence[str]) -> bool:
    from . import same_name

    return any(same_name(p, g) for p in predicted for g in gold)


def score_predictions(records: Sequence[dict[str, Any]], predicted: Sequence[Event | None]) -> dict[str, Any]:
    pairs, mode_hits, mode_n = [], 0, 0
    src_hits = src_n = tgt_hits = tgt_n = 0
    actor_hits = actor_n = sname_hits = sname_n = tname_hits = tname_n = 0
    for rec, ev in zip(records, predicted, strict=False):
        gtype, gmode = gold_type(rec)
        ptype = ev.plover if ev is not None else "NONE"
        pairs.append((gtype, ptype))
        if gmode:
            mode_n += 1
            mode_hits += ev is not None and ev.mode == gmode
        gs, gt = _codes(rec.get("source")), _codes(rec.get("target"))
        if gs:
            src_n += 1
            src_hits += ev is not None and bool(set(ev.source_countries) & gs)
        if gt:
            tgt_n += 1
            tgt_hits += ev is not None and bool(set(ev.target_countries) & gt)
        gsn, gtn = _texts(rec.get("source")), _texts(rec.get("target"))
        s_ok = ev is not None and _names_any(ev.sources, gsn)
        t_ok = ev is not None and _names_any(ev.targets, gtn)
        if gsn or gtn:
            actor_n += 1
            actor_hits += ptype == gtype and (s_ok or t_ok)
        sname_n += bool(gsn)
        sname_hits += bool(gsn) and s_ok
        tname_n += bool(gtn)
        tname_hits += bool(gtn) and t_ok
    f1, per = macro_f1(pairs, PLOVER_TYPES)
    return {
        "events.type_f1": round(f1, 4),
        "events.per_type": per,
        "events.accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 4) if pairs else 0.0,
        "events.mode_accuracy": round(mode_hits / mode_n, 4) if mode_n else None,
        "events.source_country_accuracy": round(src_hits / src_n, 4) if src_n else None,
        "events.target_country_accuracy": round(tgt_hits / tgt_n, 4) if tgt_n else None,
        "events.actor_match": round(actor_hits / actor_n, 4) if actor_n else None,
        "events.source_match": round(sname_hits / sname_n, 4) if sname_n else None,
        "events.target_match": round(tname_hits / tname_n, 4) if tname_n else None,
        "events.n": len(pairs),
    }


def gsr_half(record: dict[str, Any]) -> str:
    """The record's development half (``eval/splits.json``, plover_gsr): the last number of its id even
    -> 'tune', odd -> 'check'."""
    digits = re.findall(r"\d+", str(record.get("id", "")))
    return "tune" if digits and int(digits[-1]) % 2 == 0 else "check"


def score_plover(path: str | Path, half: str | None = None) -> dict[str, Any]:
    """Score the events stage on the PLOVER GSR file (see the module docstring for the rules).

    ``half`` = 'tune' or 'check' scores that half only; without it the whole file is scored and
    ``events.halves`` gives the headline figures of each half as well (tune on 'tune' only)."""
    if half not in (None, "tune", "check"):
        raise EvalError(f"half must be 'tune' or 'check', not {half!r}")
    records = [r for r in load_gsr(path) if half is None or gsr_half(r) == half]
    predicted = predict_gsr(records)
    scores = score_predictions(records, predicted)
    if half is None:
        scores["events.halves"] = {}
        for h in ("tune", "check"):
            idx = [i for i, r in enumerate(records) if gsr_half(r) == h]
            part = score_predictions([records[i] for i in idx], [predicted[i] for i in idx])
            scores["events.halves"][h] = {k: v for k, v in part.items() if k != "events.per_type"}
    return scores


# ---------------------------------------------------------------- seed gold
