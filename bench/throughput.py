"""Throughput: bare spaCy nlp.pipe vs the full factfinder analysis, on the same texts, in one run.

Run: .venv/bin/python bench/throughput.py [--repeat N] [--reports PATH]
Prints reports/s for both, their ratio (target >= 0.8), the per-stage share of our own stages'
time against each slot's budget (BUDGET_MS: ms per report; these were timed unit tests once, which
flaked on a loaded machine and proved nothing there), and peak RSS. Texts: the real corpus
(../shared/corpus/reports.jsonl) when present, else the package's own sample reports; repeated N
times so timings are stable.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factfinder.nlp import load  # noqa: E402
from factfinder.pipeline import SLOTS, STAGES, analyse_doc  # noqa: E402
from factfinder.records import Report  # noqa: E402


# Per-slot budgets, ms per report of our own stage time (parsing excluded), on one core.
BUDGET_MS = {"entities": 50.0, "dates": 50.0, "quotes": 250.0}


def texts(path: Path | None) -> list[Report]:
    candidates = [path] if path else [ROOT.parent / "shared" / "corpus" / "reports.jsonl"]
    for p in candidates:
        if p and p.exists():
            out = []
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    out.append(Report(id=d["id"], text=d["text"], outlet=d.get("outlet"), published=d.get("published")))
            return out
    from factfinder.sources import load as load_sources

    return [i.report for i in load_sources([ROOT / "factfinder" / "samples"]) if i.report]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--reports", type=Path)
    args = ap.parse_args()
    base = texts(args.reports)
    reports = [Report(id=f"{r.id}#{i}", text=r.text, outlet=r.outlet, published=r.published)
               for i in range(args.repeat) for r in base]
    nlp = load()
    # Warm-up outside the timings: the first analyses load lexicons and gazetteer parts once per
    # process (some lazily, on the first report that needs them), so every distinct text runs once.
    t0 = time.perf_counter()
    for doc, report in nlp.pipe(((r.text, r) for r in base), as_tuples=True):
        analyse_doc(doc, report)
    startup = time.perf_counter() - t0

    t0 = time.perf_counter()
    for _ in nlp.pipe([r.text for r in reports], batch_size=16):
        pass
    bare = time.perf_counter() - t0

    stage_time: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    for doc, report in nlp.pipe(((r.text, r) for r in reports), as_tuples=True, batch_size=16):
        analyse_doc(doc, report, timings=stage_time)
    full = time.perf_counter() - t0

    n = len(reports)
    chars = sum(len(r.text) for r in reports)
    print(f"reports: {n} ({len(base)} distinct x {args.repeat}), {chars / n:.0f} chars on average")
    print(f"bare spaCy nlp.pipe:   {n / bare:8.1f} reports/s")
    print(f"full factfinder:       {n / full:8.1f} reports/s")
    print(f"ratio full/bare:       {bare / full:8.3f}  (target >= 0.8)")
    slot_of = {impl: slot for slot, impl in SLOTS}
    for stage in STAGES:
        name = stage.NAME
        ms = 1000 * stage_time[name] / n
        budget = BUDGET_MS.get(slot_of.get(name, ""))
        verdict = "" if budget is None else f"  budget {budget:.0f} ms: {'ok' if ms <= budget else 'OVER'}"
        print(f"  {name:36} {ms:7.2f} ms/report  ({100 * stage_time[name] / bare:5.1f} % of parsing){verdict}")
    print(f"start-up (one pass over the distinct texts, lexicons + gazetteer load): {startup:.2f} s")
    print(f"peak RSS:              {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.1f} MB")


if __name__ == "__main__":
    main()
