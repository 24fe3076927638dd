"""Disputes against gold disagreements (``factfinder eval --contradictions FILE --reports R.jsonl``).

The gold lists the real disagreements between reports of one story: {story, slot, hard, sides:
[{report, value, text}]}. The reports are analysed and fused here, and their dispute cards scored
as the independent scorer (shared/tools/score_disputes.py) does: a gold item is found when one
dispute of its slot puts two of its sides' reports under different values (a side's numbers must
appear in the value it sits under); precision is the share of disputes that find some gold item.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..records import Dispute

# the gold's slot names and the names a card may use for them
SLOT_NAMES = {"date": {"date"}, "number": {"number"}, "place": {"place"}, "actor": {"actor"},
              "attribution": {"attribution"}, "status": {"status"}, "quote_wording": {"quote_wording"}}
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def _numbers(value: Any) -> set[int]:
    t = str(value).lower().replace(",", "")
    out = {int(x) for x in re.findall(r"\d+", t)}
    return out | {_MONTHS[w[:3]] for w in re.findall(r"[a-z]+", t) if len(w) >= 3 and w[:3] in _MONTHS}


def finds(d: Dispute, item: dict[str, Any]) -> bool:
    if d.slot not in SLOT_NAMES.get(item["slot"], {item["slot"]}):
        return False
    groups = [(v.value, {r.id for r in v.reports}) for v in d.values]
    where = []
    for side in item["sides"]:
        want = _numbers(side["value"])
        where.append((side, {k for k, (v, ids) in enumerate(groups)
                             if side["report"] in ids and (not want or want <= _numbers(v))}))
    return any(a["report"] != b["report"] and a["value"] != b["value"] and ka and kb and ka != kb
               for i, (a, ka) in enumerate(where) for b, kb in where[i + 1:])


def score(disputes: list[Dispute], gold: list[dict[str, Any]], known: set[str]) -> dict[str, Any]:
    pred = [d for d in disputes if any(r.id in known for v in d.values for r in v.reports)]
    found = [any(finds(d, g) for d in pred) for g in gold]
    useful = [any(finds(d, g) for g in gold) for d in pred]
    hard = [f for f, g in zip(found, gold, strict=True) if g.get("hard")]
    soft = [f for f, g in zip(found, gold, strict=True) if not g.get("hard")]
    ratio = lambda xs: round(sum(xs) / len(xs), 3) if xs else None  # noqa: E731
    return {"disputes.n": len(pred), "disputes.precision": ratio(useful), "disputes.recall_hard": ratio(hard),
            "disputes.recall_soft": ratio(soft), "disputes.gold": len(gold)}


def score_disputes(gold_path: str, reports_path: str) -> dict[str, Any]:
    from ..derive.stories import fuse
    from ..pipeline import analyse_many
    from . import load_reports_jsonl

    gold = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    reports = load_reports_jsonl(reports_path)
    result = fuse(analyse_many(reports))
    known = {r.id for r in reports} | {s["report"] for g in gold for s in g["sides"]}
    return score(list(result.disputes), gold, known)
