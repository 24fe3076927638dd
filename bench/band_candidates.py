"""Who are the copy candidates of a batch added to a grown store (issue 14)? The bench or the product?

Run: .venv/bin/python bench/band_candidates.py --db build/bench10k.db --size 10000

``--db``: a store built by ``batch_profile.py --size N --db FILE`` (same seed). Adds one batch of
100 reports to a copy of it and, for each, lists the stored reports sharing one of its MinHash bands
(what ``FusionTables.band_hits`` reads): how many, how many tell the same synthetic happening, how
many are copies (Jaccard at or above the copy threshold), and the Jaccard of the others.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from batch_cost import add, with_actors  # noqa: E402
from fusion import make_analyses  # noqa: E402

import factfinder.derive.stories as stories  # noqa: E402
from factfinder.store import open_store  # noqa: E402
from factfinder.store.fusion import FusionTables  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--size", type=int, required=True)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    # the reports batch_profile.py builds its store from (size + two batches), so ids and texts agree
    analyses, gold = make_analyses(args.size + 200, args.seed)
    analyses = [with_actors(a, i) for i, a in enumerate(analyses)]
    hits: dict[str, bytes] = {}
    band_hits, find_original = FusionTables.band_hits, stories.Fuser._find_original
    rows: list[tuple[float, bool]] = []

    def spy_hits(self, bands):  # type: ignore[no-untyped-def]
        hits.clear()
        hits.update(band_hits(self, bands))
        return hits

    def spy_find(self, entry):  # type: ignore[no-untyped-def]
        out = find_original(self, entry)
        rid = entry.profile.report_id
        rows.extend((float(np.mean(np.frombuffer(raw, dtype="<u8") == entry.hv)), gold[k] == gold[rid])
                    for k, raw in hits.items())
        hits.clear()
        return out

    FusionTables.band_hits, stories.Fuser._find_original = spy_hits, spy_find  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(args.db, Path(tmp) / "w.db")
        store = open_store(Path(tmp) / "w.db")
        add(store, analyses[args.size + 100:])  # batch_profile's profiled batch
        store.close()
    j = np.array([r[0] for r in rows])
    same = np.array([r[1] for r in rows], dtype=bool)
    other = j[~same]
    print({"store_reports": args.size, "batch": 100, "stored_candidates": len(rows),
           "same_happening": int(same.sum()), "copies": int((j >= stories.FuseOptions().copy_threshold).sum()),
           "jaccard_of_others_p10_p50_p90_p99": [round(float(q), 3) for q in np.quantile(other, [.1, .5, .9, .99])]
           if len(other) else None})


if __name__ == "__main__":
    main()
