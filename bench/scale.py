"""End-to-end throughput, one command, one run, the same texts: bare spaCy ``nlp.pipe`` (one core, in
this process) against ``factfinder ingest`` as a user runs it (read -> analyse -> store -> fusion ->
identities, a fresh store each time) on 1 process, on ``--workers 2`` and on a 2-worker local Dask
cluster (``--dask local:2``), with their ratios and the peak RSS of each process.

Run: .venv/bin/python bench/scale.py [--reports N] [--workers W] [--json]

Two rates per ingest: *whole command* (N / wall time, start-up included: model load in every process,
the cluster's start, fusion and identities at the end) and *steady* (reports stored per second between
the first and the last report written, from the store's ``ingested_at``; one-second resolution, so use
N large enough that this span is tens of seconds). Texts: ../shared/corpus/reports.jsonl when present,
else the package's sample reports, repeated under distinct ids up to N. CPU is the whole process tree's
(RUSAGE_CHILDREN), which on a shared machine moves less than wall time does.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def base_texts() -> list[dict]:
    corpus = ROOT.parent / "shared" / "corpus" / "reports.jsonl"
    if corpus.exists():
        return [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    from factfinder.sources import load

    keep = ("id", "url", "outlet", "published", "dateline", "title", "text")
    return [{k: getattr(i.report, k) for k in keep} for i in load([ROOT / "factfinder" / "samples"]) if i.report]


def batch(n: int) -> list[dict]:
    base = base_texts()
    return [{**base[i % len(base)], "id": f"{base[i % len(base)]['id']}-b{i // len(base)}"} for i in range(n)]


def bare_spacy(reports: list[dict]) -> tuple[float, float]:
    """Wall and CPU seconds for nlp.pipe over the texts, after the model is loaded and has seen each text once."""
    from factfinder.nlp import load

    nlp = load()
    for _ in nlp.pipe([r["text"] for r in reports[: len(base_texts())]]):
        pass
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in nlp.pipe([r["text"] for r in reports], batch_size=16):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


def run_ingest(path: Path, db: Path, extra: list[str]) -> dict:
    """Run one ingest as its own process; sample the RSS of its whole process tree every 0.2 s."""
    import psutil

    cmd = [str(Path(sys.executable).with_name("factfinder")), "ingest", str(path), "--db", str(db),
           "--no-progress", "--json", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    top = psutil.Process(proc.pid)
    peak: dict[int, tuple[str, int]] = {}
    writer_cpu = 0.0  # the writer's own CPU, last sampled (up to 0.2 s short): the single writer's cost
    while proc.poll() is None:
        try:
            tree = [top, *top.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in tree:
            try:
                rss = p.memory_info().rss
                role = "writer" if p.pid == proc.pid else _role(p)
            except psutil.Error:
                continue
            if p.pid == proc.pid:
                try:
                    times = p.cpu_times()
                    writer_cpu = times.user + times.system
                except psutil.Error:
                    pass
            if role and rss > peak.get(p.pid, ("", 0))[1]:
                peak[p.pid] = (role, rss)
        time.sleep(0.2)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    summary = json.loads(out)
    stamps = _stamps(db)
    span = (stamps[-1] - stamps[0]).total_seconds() if len(stamps) > 1 else 0.0
    workers = [rss for role, rss in peak.values() if role == "worker"]
    return {
        "wall_s": wall,
        "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "writer_cpu_s": writer_cpu,
        "db_mb": sum(f.stat().st_size for f in db.parent.glob(db.name + "*")) / 2**20,
        "stored": summary["stored"],
        "complete": summary["complete"],
        "steady_per_s": (len(stamps) - 1) / span if span > 0 else None,
        "writer_rss_mb": max((rss for role, rss in peak.values() if role == "writer"), default=0) / 2**20,
        "worker_rss_mb": [round(r / 2**20) for r in sorted(workers, reverse=True)],
    }


def _role(p) -> str:
    """"worker" for processes that analyse (forked --workers processes; Dask's worker processes, which
    LocalCluster's in-process nannies spawn); "" for multiprocessing's resource tracker."""
    cmdline = " ".join(p.cmdline())
    return "" if "resource_tracker" in cmdline or "semaphore_tracker" in cmdline else "worker"


def _stamps(db: Path) -> list[datetime]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT ingested_at FROM reports ORDER BY ingested_at").fetchall()
    return [datetime.fromisoformat(r[0]) for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=120, help="reports per run (default 120)")
    ap.add_argument("--workers", type=int, default=2, help="processes for --workers and Dask workers (default 2)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = ap.parse_args()
    reports = batch(args.reports)
    n, w = len(reports), args.workers
    results: dict = {"reports": n, "avg_chars": round(sum(len(r["text"]) for r in reports) / n)}
    with tempfile.TemporaryDirectory(prefix="factfinder-bench-scale-") as tmp:
        path = Path(tmp) / "batch.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
        bare, bare_cpu = bare_spacy(reports)
        results["bare_spacy"] = {"wall_s": bare, "cpu_s": bare_cpu, "per_s": n / bare, "per_cpu_s": n / bare_cpu}
        modes = {"ingest_1": [], f"ingest_workers_{w}": ["--workers", str(w)], f"ingest_dask_local_{w}":
                 ["--dask", f"local:{w}"]}
        for name, extra in modes.items():
            r = run_ingest(path, Path(tmp) / f"{name}.db", extra)
            r["per_s"], r["per_cpu_s"] = n / r["wall_s"], n / r["cpu_s"]
            results[name] = r
    one = results["ingest_1"]
    results["ratios"] = {
        "ingest_1 / bare (whole command)": one["per_s"] / results["bare_spacy"]["per_s"],
        "ingest_1 / bare (steady)": (one["steady_per_s"] or 0) / results["bare_spacy"]["per_s"],
        "ingest_1 / bare (per CPU-second, start-up included)": one["per_cpu_s"] / results["bare_spacy"]["per_cpu_s"],
        **{f"{name} / ingest_1 (whole command)": results[name]["per_s"] / one["per_s"] for name in modes if
           name != "ingest_1"},
        **{f"{name} / ingest_1 (steady)": (results[name]["steady_per_s"] or 0) / (one["steady_per_s"] or 1)
           for name in modes if name != "ingest_1"},
    }
    if args.json:
        print(json.dumps(results, indent=1))
        return
    print(f"reports: {n}, {results['avg_chars']} characters on average")
    print(f"{'bare spaCy nlp.pipe (1 core)':34} {results['bare_spacy']['per_s']:7.2f} reports/s "
          f"({bare:.1f} s wall, {bare_cpu:.1f} s CPU = {n / bare_cpu:.2f}/CPU-s; model loaded, in this process)")
    for name in modes:
        r = results[name]
        steady = f"{r['steady_per_s']:7.2f}" if r["steady_per_s"] else "    n/a"
        print(f"{name:34} {r['per_s']:7.2f} reports/s whole command ({r['wall_s']:.1f} s wall, "
              f"{r['cpu_s']:.1f} s CPU = {r['per_cpu_s']:.2f}/CPU-s, writer {r['writer_cpu_s']:.1f} s), "
              f"steady {steady}/s; "
              f"peak RSS writer {r['writer_rss_mb']:.0f} MB, workers {r['worker_rss_mb'] or '-'} MB; "
              f"store {r['db_mb']:.1f} MB; complete={r['complete']}")
    for label, value in results["ratios"].items():
        print(f"  {label:56} {value:6.2f}")


if __name__ == "__main__":
    main()
