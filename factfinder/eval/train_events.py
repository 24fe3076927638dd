"""Training recipe of the learned event coder (``factfinder.events.learned``).

    python -m factfinder.eval.train_events [--cv K] [--out PATH] HALF_DIR...

Each HALF_DIR holds ``articles.jsonl`` and ``gold.jsonl`` (the tune halves written by ``scripts/dev-halves``,
``scripts/gum-gold``, ``scripts/geovirus-gold``, ``scripts/te3-gold``; never a check half). Every report with
gold events is analysed with the rule coder; each rule event becomes one training row (its features, as
``events_learned.candidate_features`` computes them at run time) labelled with the PLOVER type of the gold
event it states, or ``NONE`` when it states none. Alignment, since gold ``action`` texts paraphrase the
report: a gold event belongs to the sentence sharing most of its action's words; a rule event states it
when it is in that sentence and its trigger is one of the action's words (or, failing that, has its type);
each gold event labels one rule event at most, so a second mention of one happening learns to be dropped.

The model is a multinomial logistic regression (L2, full-batch gradient descent from zeros, fixed steps),
so the same data gives the same weights. ``--cv K`` instead reports K-fold cross-validation over the given
reports (folds by report), to choose settings without touching a check half.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import EvalError

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
STOP = frozenset("the and for with that this from into over said says after have has had were was are its their "
                 "his her they them who which when while than about".split())


def _stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in _WORD.findall(text or "") if w.lower() not in STOP}


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def align(sentences: list[tuple[int, int, str]], gold_events: list[dict[str, Any]],
          rule_events: list[Any]) -> list[str]:
    """One label per rule event: the gold type it states, or NONE (see the module docstring)."""
    def sent_of(action: str) -> int:
        words = _stems(action)
        overlap = [len(words & _stems(text)) for _, _, text in sentences]
        return max(range(len(sentences)), key=lambda i: (overlap[i], -i)) if sentences and max(overlap) else -1

    gold = [(sent_of(g.get("action") or ""), _stems(g.get("action") or ""), g.get("plover")) for g in gold_events]
    used: set[int] = set()
    labels: list[str | None] = [None] * len(rule_events)
    where = [next((i for i, (a, b, _) in enumerate(sentences) if a <= e.trigger.start < b), -1) for e in rule_events]
    # passes, strictest first: same sentence and trigger among the action's words; same sentence and type;
    # same type anywhere in the report (the action paraphrased beyond recognition)
    tests = (lambda e, s, words, t, here: s == here and bool(_stems(e.trigger.text) & words),
             lambda e, s, words, t, here: s == here and t == e.plover,
             lambda e, s, words, t, here: t == e.plover)
    for test in tests:
        for n, e in enumerate(rule_events):
            if labels[n] is not None:
                continue
            pick = next((j for j, (s, words, t) in enumerate(gold) if j not in used and test(e, s, words, t, where[n])),
                        None)
            if pick is not None:
                used.add(pick)
                labels[n] = gold[pick][2] or "NONE"
    return [lab or "NONE" for lab in labels]


Collected = list[tuple[str, list[list[str]], list[str], Counter[str]]]


def collect(half_dirs: list[Path]) -> Collected:
    """(report id, feature lists, labels, gold type counts) for every report with gold events in the halves."""
    from .. import pipeline
    from ..extract import events as rule_events
    from ..extract import events_learned
    from ..nlp import load
    from . import load_reports_jsonl

    stages = pipeline.select({"events": rule_events.NAME})
    nlp = load()
    out = []
    for d in half_dirs:
        if "check" in d.name:
            raise EvalError(f"{d}: a check half; the event model is trained on tune halves only")
        golds = {g["id"]: g for g in _rows(d / "gold.jsonl") if "events" in g}
        for report in load_reports_jsonl(d / "articles.jsonl"):
            if report.id not in golds:
                continue
            doc = nlp(report.text)
            analysis = pipeline.Analysis(report=report)
            for stage in stages:
                analysis = stage.run(doc, analysis)
            sentences = [(s.start_char, s.end_char, s.text) for s in doc.sents]
            feats = events_learned.candidate_features(doc, analysis, analysis.events)
            labels = align(sentences, golds[report.id]["events"], list(analysis.events))
            gold_types = Counter(g["plover"] for g in golds[report.id]["events"] if g.get("plover"))
            out.append((f"{d.name}/{report.id}", feats, labels, gold_types))
    return out


def train(rows: list[tuple[list[str], str]], classes: list[str], l2: float = 1.0, steps: int = 400,
          rate: float = 0.5, min_count: int = 2) -> dict[str, Any]:
    counts = Counter(f for feats, _ in rows for f in set(feats))
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)))
    for r, (feats, _) in enumerate(rows):
        for f in feats:
            if f in index:
                x[r, index[f]] = 1.0
    y = np.zeros((len(rows), len(classes)))
    for r, (_, label) in enumerate(rows):
        y[r, classes.index(label)] = 1.0
    w = np.zeros((len(vocab), len(classes)))
    b = np.zeros(len(classes))
    n = max(len(rows), 1)
    for _ in range(steps):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = p - y
        w -= rate * (x.T @ g / n + l2 * w / n)
        b -= rate * g.mean(axis=0)
    keep = {f: [round(float(v), 5) for v in w[i]] for f, i in index.items() if np.abs(w[i]).max() >= 1e-4}
    return {"classes": classes, "bias": [round(float(v), 5) for v in b], "weights": keep}


def _classes(rows: list[tuple[list[str], str]]) -> list[str]:
    from .. import ontology

    types = sorted((set(ontology.load("plover")["types"]) | {label for _, label in rows}) - {"NONE"})
    return ["NONE", *types]


def _macro_f1(per_type: dict[str, list[int]]) -> float:
    """The scorer's events.type_f1: macro over gold types of per-report multiset counts."""
    f1s = []
    for tp, n_pred, n_gold in per_type.values():
        if n_gold:
            p = tp / n_pred if n_pred else 0.0
            r = tp / n_gold
            f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return round(sum(f1s) / len(f1s), 3) if f1s else 0.0


def cross_validate(reports: Collected, k: int, drop_at: float = 0.5, retype_at: float = 0.5,
                   **opts: Any) -> dict[str, Any]:
    """Type F1 as the scorer takes it (per-report multisets, macro over gold types), rules vs model, K folds."""
    from ..extract.events_learned import Model

    tally: dict[str, dict[str, list[int]]] = {"rules": {}, "model": {}}
    for fold in range(k):
        train_rows = [(f, lab) for i, (_, fs, ls, _) in enumerate(reports) if i % k != fold
                      for f, lab in zip(fs, ls, strict=True)]
        obj = train(train_rows, _classes(train_rows), **opts)
        model = Model(tuple(obj["classes"]), tuple(obj["bias"]), {f: tuple(w) for f, w in obj["weights"].items()},
                      drop_at, retype_at)
        for i, (_, fs, _, gold) in enumerate(reports):
            if i % k != fold:
                continue
            rules = Counter(f[0].split("=", 1)[1] for f in fs)
            mine = Counter(lab for lab in (model.decide(f, f[0].split("=", 1)[1])[0] for f in fs) if lab != "NONE")
            for name, pred in (("rules", rules), ("model", mine)):
                for t in set(pred) | set(gold):
                    row = tally[name].setdefault(t, [0, 0, 0])
                    row[0] += min(gold[t], pred[t])
                    row[1] += pred[t]
                    row[2] += gold[t]
    return {name: {"type_f1": _macro_f1(per), "tp": sum(r[0] for r in per.values()),
                   "pred": sum(r[1] for r in per.values()), "gold": sum(r[2] for r in per.values())}
            for name, per in tally.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factfinder.eval.train_events")
    ap.add_argument("halves", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--cv", type=int, default=0)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--drop-at", type=float, default=0.8)
    ap.add_argument("--retype-at", type=float, default=0.8)
    args = ap.parse_args(argv)
    reports = collect(args.halves)
    if args.cv:
        print(json.dumps(cross_validate(reports, args.cv, drop_at=args.drop_at, retype_at=args.retype_at,
                                        l2=args.l2, min_count=args.min_count)))
        return 0
    rows = [(f, lab) for _, fs, ls, _ in reports for f, lab in zip(fs, ls, strict=True)]
    obj = train(rows, _classes(rows), l2=args.l2, min_count=args.min_count)
    obj = {"name": "factfinder.events.learned.v1", "trained_on": [str(h) for h in args.halves],
           "rows": len(rows), "labels": dict(sorted(Counter(lab for _, lab in rows).items())),
           "recipe": "scripts/train-event-coder", "l2": args.l2, "min_count": args.min_count,
           "drop_at": args.drop_at, "retype_at": args.retype_at, **obj}
    out = args.out or Path(__file__).resolve().parent.parent / "models" / "events.learned.v1.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(obj, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows from {len(reports)} reports -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
