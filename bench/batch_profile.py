"""Profile one batch added to a grown store (issue 14): where does the time go, and what grows?

Run: .venv/bin/python bench/batch_profile.py --size 10000 [--batch 100] [--db build/bench10k.db] [--top 40]

Builds (or reuses, with ``--db`` naming an existing file) a store of ``--size`` synthetic reports the
way ``batch_cost.py`` does, copies it, adds one batch of ``--batch`` new reports to the copy (imports
and first-use caches warm), then a second under cProfile, printing the top functions by cumulative
and by own time. The store file is kept so the next run (after a code change) profiles the same store.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from batch_cost import add, with_actors  # noqa: E402
from fusion import make_analyses  # noqa: E402

from factfinder.store import open_store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--db", type=Path, help="the grown store (built here if missing)")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--sort", default="cumulative,tottime")
    ap.add_argument("--dump", type=Path, help="also write the raw profile here (pstats), to compare two runs")
    args = ap.parse_args()
    analyses, _ = make_analyses(args.size + 2 * args.batch, args.seed)
    analyses = [with_actors(a, i) for i, a in enumerate(analyses)]
    base, warm, extra = (analyses[:args.size], analyses[args.size:args.size + args.batch],
                         analyses[args.size + args.batch:])
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "grown.db"
        if not db.exists():
            store = open_store(db)
            for i in range(0, args.size, 1000):
                add(store, base[i:i + 1000])
            store.close()
        work = Path(tmp) / "work.db"
        shutil.copy(db, work)
        store = open_store(work)
        add(store, warm)  # imports and first-use caches out of the profile, as in batch_cost's repeats
        prof = cProfile.Profile()
        prof.enable()
        parts = add(store, extra)
        prof.disable()
        store.close()
    print(f"write {1000 * parts[0]:.0f} ms, fusion {1000 * parts[1]:.0f} ms, identities {1000 * parts[2]:.0f} ms"
          f" (CPU; under the profiler)")
    if args.dump:
        prof.dump_stats(str(args.dump))
    for key in args.sort.split(","):
        pstats.Stats(prof).strip_dirs().sort_stats(key).print_stats(args.top)


if __name__ == "__main__":
    main()
