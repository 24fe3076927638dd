"""Regression check for batch-cost work: the derived state of a bench store must not change.

Run: .venv/bin/python bench/same_state.py OUT [--size 3000] [--batch 100] [--against BASE]

Builds a store of ``--size`` synthetic reports the way ``batch_cost.py`` does (rounds of 1,000),
adds batches of ``--batch`` on top (so incremental reads of stored state are exercised), then writes
every derived table (stories, story_reports, disputes, fusion profiles' story and copy links, actor
identities, identity variants and names) sorted, as JSON lines, to OUT. With ``--against BASE``,
compares OUT byte for byte with BASE. The challenge set (``same_gold.sh``) is small; this one has
stores of thousands of reports, the shape the batch-cost changes are about.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from batch_cost import add, with_actors  # noqa: E402
from fusion import make_analyses  # noqa: E402

from factfinder.store import open_store  # noqa: E402

TABLES = {
    "stories": "SELECT id, title, first_report, independent_outlets, reports, data FROM stories",
    "story_reports": "SELECT story_id, report_id, copy_of FROM story_reports",
    "disputes": "SELECT id, story_id, slot, hard, rank, data FROM disputes",
    "fusion_profiles": "SELECT report_id, seen, story_id, copy_of FROM fusion_profiles",
    "fusion_stories": "SELECT story_id, first_seen, size, data FROM fusion_stories",
    "fusion_postings": "SELECT key, stories FROM fusion_postings",
    "fusion_redirects": "SELECT story_id, into_id FROM fusion_redirects",
    "actor_identities": "SELECT actor_id, identity_id, name, block FROM actor_identities",
    "identity_variants": "SELECT block, identity_id, variant, first_rowid, actor_id FROM identity_variants",
    "identity_names": "SELECT identity_id, canonical, n FROM identity_names",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--batches", type=int, default=5)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--against", type=Path)
    args = ap.parse_args()
    analyses, _ = make_analyses(args.size + args.batch * args.batches, args.seed)
    analyses = [with_actors(a, i) for i, a in enumerate(analyses)]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "s.db")
        for i in range(0, args.size, 1000):
            add(store, analyses[i:min(i + 1000, args.size)])
        for k in range(args.batches):
            lo = args.size + k * args.batch
            add(store, analyses[lo:lo + args.batch])
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as f:
            for table, sql in TABLES.items():
                for row in sorted(tuple(r) for r in store.conn.execute(sql)):
                    f.write(json.dumps([table, *row], ensure_ascii=False) + "\n")
        store.close()
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]
    print(f"{args.out}: {sum(1 for _ in args.out.open())} rows, sha256 {digest}")
    if args.against:
        if args.against.read_bytes() == args.out.read_bytes():
            print(f"identical to {args.against}")
        else:
            print(f"DIFFERS from {args.against}")
            sys.exit(1)


if __name__ == "__main__":
    main()
