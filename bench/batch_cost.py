"""Cost of adding one batch to a store that already holds many reports (issue 14 item 3).

Run: .venv/bin/python bench/batch_cost.py [--sizes 1000 10000] [--batch 100] [--repeat 3] [--together] [--out F]

Per size, in its own process: synthetic analyses as in bench/fusion.py (variants of the corpus texts
with fresh names, one event each, plus person and state actors so identity linking has work) are
written to a new store and derived (fusion + identities) in rounds of 1,000, as ingest does. Then a
batch of ``--batch`` new reports is added the way ingest adds it: one write transaction per report,
then ``ingest.derive`` fed with the fresh analyses. Parsing is left out (it costs the same whatever
the store holds), so what is timed is exactly the part that could grow with the store. The batch is
timed ``--repeat`` times (each a fresh batch on the grown store; the median is printed) with the
fusion and identity parts apart (CPU time of the process; wall time of the whole too), and the ratio
of the largest to the smallest size (goal: within 1.2). The filling rounds are a second measure of the
same thing: the CPU per report of each round of 1,000, by the size of the store it went into.

``--together`` builds every size in one process and times their batches in turn (``--repeat``
rounds), printing the median per size and the median of the paired ratios: on a shared machine the
separate processes run minutes apart under different load, so their ratio moves by more than the
effect measured; batches timed side by side share the load. ``--out FILE`` appends the lines.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from fusion import make_analyses  # noqa: E402

from factfinder.ingest import fuse_stored, link_identities  # noqa: E402
from factfinder.records import Actor, Analysis  # noqa: E402
from factfinder.store import open_store  # noqa: E402

COUNTRIES = ("ALB", "ARM", "BOL", "CMR", "DJI", "FJI", "GAB", "HND", "KGZ", "LSO", "MDG", "NPL")


def with_actors(a: Analysis, n: int) -> Analysis:
    """The event's actors as persons, plus one state actor, as entity extraction would give them."""
    rid = a.report.id
    people = [*a.events[0].sources, *a.events[0].targets] if a.events else []
    actors = [Actor(f"{rid}:a{i}", rid, f"{name} {name[::-1].capitalize()}", "person", extractor="bench")
              for i, name in enumerate(dict.fromkeys(people))]
    code = COUNTRIES[n % len(COUNTRIES)]
    actors.append(Actor(f"{rid}:s", rid, f"State {code}", "state", country=code, extractor="bench"))
    return Analysis(report=a.report, events=a.events, actors=tuple(actors))


def add(store, analyses: list[Analysis]) -> tuple[float, float, float, float]:
    """Write each analysis in its own transaction, then derive from the fresh analyses: CPU
    seconds of this process (write, fusion, identities; the machine is shared, so CPU time is the
    steadier measure) and the wall seconds of the whole."""
    w0, t0 = time.perf_counter(), time.process_time()
    fresh = {}
    for a in analyses:
        if store.write_analysis(a):
            fresh[a.report.id] = a
    t1 = time.process_time()
    with store.write():
        fuse_stored(store, fresh)
    t2 = time.process_time()
    with store.write():
        link_identities(store)
    t3 = time.process_time()
    return t1 - t0, t2 - t1, t3 - t2, time.perf_counter() - w0


def run_one(size: int, batch: int, repeat: int, seed: int) -> dict[str, float]:
    analyses, _ = make_analyses(size + batch * repeat, seed)
    analyses = [with_actors(a, i) for i, a in enumerate(analyses)]
    # the batches are the last reports in time order, as a daily batch would be
    base, extra = analyses[:size], analyses[size:]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        rounds = []  # CPU ms per report of each filling round of 1,000, by the store's size before it
        for i in range(0, size, 1000):
            write, fuse, ident, _ = add(store, base[i:i + 1000])
            rounds.append([i, round(1000 * (write + fuse + ident) / len(base[i:i + 1000]), 2)])
        build = time.perf_counter() - t0
        runs = [add(store, extra[k * batch:(k + 1) * batch]) for k in range(repeat)]
        store.close()
    med = lambda xs: statistics.median(xs)  # noqa: E731
    write, fuse, ident, wall = (med([r[i] for r in runs]) for i in range(4))
    return {"store_reports": size, "batch": batch, "build_s": round(build, 1),
            "batch_ms": round(1000 * (write + fuse + ident), 1), "wall_ms": round(1000 * wall, 1),
            "write_ms": round(1000 * write, 1),
            "fusion_ms": round(1000 * fuse, 1), "identities_ms": round(1000 * ident, 1),
            "ms_per_report": round(1000 * (write + fuse + ident) / batch, 2),
            "fill_ms_per_report_by_store_size": rounds}


def run_together(sizes: list[int], batch: int, repeat: int, seed: int) -> dict[str, object]:
    """Every size's store built in this one process, then their batches timed in turn (size A, size
    B, size A, ...): on a machine others load, a slow minute slows every size alike, and each
    round's ratio pairs batches timed side by side. The median of those paired ratios is the
    steadier number; the medians per size are given too."""
    stores, extras = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            analyses, _ = make_analyses(n + batch * repeat, seed)
            analyses = [with_actors(a, i) for i, a in enumerate(analyses)]
            stores[n] = open_store(Path(tmp) / f"bench{n}.db")
            for i in range(0, n, 1000):
                add(stores[n], analyses[i:min(i + 1000, n)])
            extras[n] = analyses[n:]
        cpu: dict[int, list[float]] = {n: [] for n in sizes}
        parts: dict[int, list[tuple[float, float, float]]] = {n: [] for n in sizes}
        for k in range(repeat):
            for n in sizes:
                write, fuse, ident, _ = add(stores[n], extras[n][k * batch:(k + 1) * batch])
                cpu[n].append(write + fuse + ident)
                parts[n].append((write, fuse, ident))
        for store in stores.values():
            store.close()
    small = sizes[0]
    out: dict[str, object] = {"together": sizes, "batch": batch, "repeat": repeat,
                              "batch_ms": {n: round(1000 * statistics.median(cpu[n]), 1) for n in sizes},
                              "batch_ms_each": {n: [round(1000 * x, 1) for x in cpu[n]] for n in sizes},
                              **{f"{name}_ms": {n: round(1000 * statistics.median(p[i] for p in parts[n]), 1)
                                                for n in sizes}
                                 for i, name in enumerate(("write", "fusion", "identities"))}}
    for n in sizes[1:]:
        out[f"paired_ratio_{n}_to_{small}"] = round(statistics.median(
            [b / a for a, b in zip(cpu[small], cpu[n], strict=True)]), 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, help="also append the printed lines (JSON) to this file")
    ap.add_argument("--together", action="store_true",
                    help="build every size in one process and time their batches in turn (paired ratios)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.batch, args.repeat, args.seed)))
        return
    rows = []
    out_file = args.out.open("a", encoding="utf-8") if args.out else None

    def emit(line: dict) -> None:
        print(json.dumps(line), flush=True)
        if out_file:
            out_file.write(json.dumps(line) + "\n")
            out_file.flush()

    if out_file:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip()
        emit({"run": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": commit,
              "command": " ".join(["bench/batch_cost.py", *sys.argv[1:]])})
    if args.together:
        emit(run_together(args.sizes, args.batch, args.repeat, args.seed))
        if out_file:
            out_file.close()
        return
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--batch", str(args.batch),
                              "--repeat", str(args.repeat), "--seed", str(args.seed)],
                             check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        emit(rows[-1])
    if len(rows) > 1:
        emit({"batch_ms_ratio_largest_to_smallest": round(rows[-1]["batch_ms"] / rows[0]["batch_ms"], 3),
              **{f"batch_ms_ratio_{r['store_reports']}_to_{rows[0]['store_reports']}":
                 round(r["batch_ms"] / rows[0]["batch_ms"], 3) for r in rows[1:]}})
    if out_file:
        out_file.close()


if __name__ == "__main__":
    main()
