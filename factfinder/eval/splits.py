"""The development sets' tune/check split, written down once in ``splits.json`` beside this file.

Tune on the tune half only; the check half is what the closing notes report and what the CI floors
gate (tests/eval_floors.json), so a growing gap between the two shows fitting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvalError

SPLITS: dict[str, Any] = json.loads(Path(__file__).with_name("splits.json").read_text(encoding="utf-8"))
HALVES = ("tune", "check")


@dataclass
class Half:
    """One half of the challenge set: report objects, gold objects and gold disagreements."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    gold: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)


def _rows(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def challenge_half_of(article: dict[str, Any]) -> str:
    """'tune' or 'check' for one challenge report: its story decides (a report without one is its own group)."""
    group = article.get("story") or article["id"]
    for half in HALVES:
        if group in SPLITS["challenge"][half]:
            return half
    raise EvalError(f"challenge group {group!r} is not in factfinder/eval/splits.json; the split is fixed, "
                    "so a new report needs a deliberate entry there")


def challenge_halves(challenge_dir: str | Path) -> dict[str, Half]:
    """Both halves of every week folder (articles.jsonl, gold.jsonl, contradictions.jsonl) under ``challenge_dir``."""
    out = {h: Half() for h in HALVES}
    weeks = sorted(p for p in Path(challenge_dir).iterdir() if p.is_dir())
    if not weeks:
        raise EvalError(f"{challenge_dir}: no week folders with articles.jsonl; point at shared/dev/challenge")
    for week in weeks:
        arts = _rows(week / "articles.jsonl")
        half_of = {a["id"]: challenge_half_of(a) for a in arts}
        for a in arts:
            out[half_of[a["id"]]].articles.append(a)
        for g in _rows(week / "gold.jsonl"):
            out[half_of[g["id"]]].gold.append(g)
        for c in _rows(week / "contradictions.jsonl"):
            out[half_of[c["sides"][0]["report"]]].contradictions.append(c)
    return out


def gsr_half(record_id: str) -> str:
    """PLOVER GSR: the last number of the record id, even -> tune, odd -> check."""
    digits = record_id.rsplit("-", 1)[-1]
    return "tune" if digits.isdigit() and int(digits) % 2 == 0 else "check"


def index_half(index: int) -> str:
    """GeoVirus: article index (0-based, document order), even -> tune, odd -> check."""
    return "tune" if index % 2 == 0 else "check"


def named_half(set_name: str, key: str) -> str:
    """GUM news and TempEval-3: by document name, as listed in splits.json."""
    for half in HALVES:
        if key in SPLITS[set_name][half]:
            return half
    raise EvalError(f"{set_name} document {key!r} is not in factfinder/eval/splits.json")
