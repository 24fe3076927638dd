"""Load test of the real web app over loopback while an ingest writes into the same store.

Run: .venv/bin/python bench/load.py [--base 300] [--ingest 100] [--requests 2000] [--seconds 60] [--threads 4]

Builds a store with `factfinder ingest` from the package's sample reports plus --base synthetic
reports (invented people, towns and outlets), creates an account with `factfinder user add` and a
case with `factfinder case new`, starts `factfinder serve` on 127.0.0.1 (a free port; never any other
address), then starts a second `factfinder ingest` of --ingest further synthetic reports into the same
store and, meanwhile, sends authenticated GET requests from --threads threads to every list, search
and detail route of the JSON API and to the main pages, until --requests have been sent or --seconds
have passed (whichever comes first). Afterwards it checks that no response was a 5xx and no request
failed, that the concurrent ingest exited 0 and that every report of its batch is in the store (no lost
write), prints one JSON object (p50/p95 per route, status counts, checks) and exits 0 only when every
check holds. The server and the ingest are stopped and the temporary folder removed also on error.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "factfinder" / "samples"
HOST = "127.0.0.1"  # loopback only, on purpose: this is not a tool for loading anyone else's server
ACCOUNT = "loadtest"

# Invented material for synthetic reports: syllables for names, towns and groups; real countries only.
SYLLABLES = "ka lo mi ren tas vel dor an is bre mar sol ten yor zu fal gri hed jon pek".split()
COUNTRIES = ["Portugal", "Norway", "Uruguay", "Ghana", "Vietnam", "Ecuador", "Nepal", "Laos"]
OUTLETS = ["Harbour Courier", "Ridge Post", "Lakeside Wire", "Northline Daily", "Civic Ledger", "Valley Monitor"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ACTIONS = [
    ("detained", "protesters"), ("arrested", "students"), ("beat", "marchers"),
    ("dispersed", "demonstrators"), ("detained", "journalists"), ("raided the homes of", "activists"),
]


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.sample(SYLLABLES, parts)).title()


@dataclass
class Happening:
    """One invented event that several outlets report, with slightly different figures."""

    town: str
    country: str
    verb: str
    victims: str
    count: int
    day: str
    weekday: str
    group: str
    director: str
    official: str
    ministry: str


def _happening(rng: random.Random) -> Happening:
    verb, victims = rng.choice(ACTIONS)
    day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return Happening(
        town=_name(rng), country=rng.choice(COUNTRIES), verb=verb, victims=victims, count=rng.randint(5, 400),
        day=day, weekday=rng.choice(WEEKDAYS), group=f"{_name(rng)} Rights Centre",
        director=f"{_name(rng)} {_name(rng, 3)}", official=f"{_name(rng)} {_name(rng, 3)}",
        ministry=rng.choice(["Interior Ministry", "Justice Ministry", "Defence Ministry"]))


def _report_text(h: Happening, rng: random.Random) -> tuple[str, str]:
    """(title, text) of one outlet's account of ``h``; the count differs a little between outlets."""
    count = max(1, h.count + rng.choice([0, 0, -3, 5, 12]))
    title = f"Police {h.verb} {count} {h.victims} in {h.town}"
    text = (
        f"{h.town.upper()}, {h.country} — Police {h.verb} {count} {h.victims} in the town of {h.town} on "
        f"{h.weekday}, according to the {h.group}, a group that documents arrests in {h.country}.\n"
        f"“They came at night and took people from their homes without a warrant,” said {h.director}, "
        f"the director of the {h.group}.\n"
        f"The {h.ministry} said in a statement that officers had acted within the law and accused the "
        f"organisers of calling an unauthorised rally. Spokesman {h.official} told reporters that "
        f"{rng.randint(2, 9)} officers were injured.\n"
        f"The {h.group} called the arrests persecution and urged the authorities to release everyone "
        f"held for peaceful protest. Lawyers said {rng.randint(2, 20)} of those detained were still held "
        f"on {h.weekday} evening.\n"
    )
    return title, text


def synthetic_reports(n: int, seed: int, prefix: str) -> list[dict[str, Any]]:
    """``n`` JSONL records (DESIGN.md report format), three outlets per invented happening, so the
    store gets stories and disputes as well as events, quotes and claims."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    while len(out) < n:
        h = _happening(rng)
        for outlet in rng.sample(OUTLETS, 3)[: n - len(out)]:
            title, text = _report_text(h, rng)
            rid = f"{prefix}-{len(out):05d}"
            out.append({"id": rid, "outlet": outlet, "published": h.day, "title": title, "text": text,
                        "url": f"https://{outlet.lower().replace(' ', '')}.example.org/{rid}"})
    return out


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# -- the processes --------------------------------------------------------------------------------
def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "factfinder.cli", *args]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_cli(*args: str, timeout: float) -> str:
    """Run one factfinder command to completion; its stdout, or RuntimeError with its stderr."""
    proc = subprocess.run(_cli(*args), capture_output=True, text=True, timeout=timeout, env=_env())
    if proc.returncode != 0:
        raise RuntimeError(f"factfinder {' '.join(args[:2])} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return proc.stdout


def start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    """A background process in its own process group (so stopping it also stops its workers)."""
    with log.open("wb") as out:
        return subprocess.Popen(_cli(*args), stdout=out, stderr=subprocess.STDOUT, env=_env(),
                                start_new_session=True)


def stop(proc: subprocess.Popen[bytes] | None, grace: float = 10.0) -> None:
    """SIGTERM to the process group, SIGKILL after ``grace`` seconds."""
    if proc is None or proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_healthy(base: str, proc: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=base, timeout=2.0, trust_env=False) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited {proc.returncode} before answering")
            try:
                if client.get("/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer /healthz within {timeout:.0f} s")


# -- the routes -----------------------------------------------------------------------------------
def _one(conn: sqlite3.Connection, sql: str) -> str | None:
    row = conn.execute(sql).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def routes(db: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(label, url) of every GET route to load, with ids taken from the store, and the labels left
    out because the store has nothing of that kind."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ids = {
            "report": _one(conn, "SELECT id FROM reports ORDER BY id LIMIT 1"),
            "event": _one(conn, "SELECT id FROM events ORDER BY id LIMIT 1"),
            "quote": _one(conn, "SELECT id FROM quotes ORDER BY id LIMIT 1"),
            "claim": _one(conn, "SELECT id FROM claims ORDER BY id LIMIT 1"),
            "story": _one(conn, "SELECT id FROM stories ORDER BY id LIMIT 1"),
            "dispute": _one(conn, "SELECT id FROM disputes ORDER BY id LIMIT 1"),
            "case": _one(conn, "SELECT id FROM cases ORDER BY id LIMIT 1"),
            "actor": _one(conn, "SELECT canonical FROM actors GROUP BY canonical ORDER BY count(*) DESC, canonical"
                                " LIMIT 1"),
            "speaker": _one(conn, "SELECT speaker FROM quotes WHERE speaker IS NOT NULL ORDER BY id LIMIT 1"),
        }
    finally:
        conn.close()
    q = "police detained"
    table: list[tuple[str, str, str | None]] = [
        ("/api/stats", "/api/stats", ""), ("/api/me", "/api/me", ""),
        ("/api/reports", "/api/reports?limit=50", ""), ("/api/reports?q=", f"/api/reports?q={q}", ""),
        ("/api/reports/{id}", "/api/reports/{report}", "report"),
        ("/api/facets", f"/api/facets?q={q}", ""),
        ("/api/actors", "/api/actors", ""), ("/api/actors?name=", "/api/actors?name=police", ""),
        ("/api/actors/{name}", "/api/actors/{actor}", "actor"),
        ("/api/events", "/api/events?limit=50", ""), ("/api/events?type=", "/api/events?type=COERCE", ""),
        ("/api/events?actor=", "/api/events?actor={actor}", "actor"),
        ("/api/events/{id}", "/api/events/{event}", "event"),
        ("/api/network", "/api/network", ""),
        ("/api/quotes?speaker=", "/api/quotes?speaker={speaker}", "speaker"),
        ("/api/quotes/{id}", "/api/quotes/{quote}", "quote"),
        ("/api/claims", "/api/claims", ""), ("/api/claims/{id}", "/api/claims/{claim}", "claim"),
        ("/api/stories", "/api/stories", ""), ("/api/stories/{id}", "/api/stories/{story}", "story"),
        ("/api/contradictions", "/api/contradictions", ""),
        ("/api/contradictions/{id}", "/api/contradictions/{dispute}", "dispute"),
        ("/api/disputes", "/api/disputes", ""), ("/api/disputes/{id}", "/api/disputes/{dispute}", "dispute"),
        ("/api/cases", "/api/cases", ""), ("/api/cases/{id}", "/api/cases/{case}", "case"),
        ("/api/audit", "/api/audit", ""), ("/api/review-queue", "/api/review-queue", ""),
        ("/api/users", "/api/users", ""),
        ("/", "/", ""), ("/?q=", f"/?q={q}", ""), ("/reports/{id}", "/reports/{report}", "report"),
        ("/actors", "/actors", ""), ("/actors/{name}", "/actors/{actor}", "actor"),
        ("/events", "/events", ""), ("/events/{id}", "/events/{event}", "event"),
        ("/map", "/map", ""), ("/basemap.svg", "/basemap.svg", ""), ("/network", "/network", ""),
        ("/stories", "/stories", ""), ("/stories/{id}", "/stories/{story}", "story"),
        ("/cases", "/cases", ""), ("/cases/{id}", "/cases/{case}", "case"),
        ("/cases/{id}/dossier", "/cases/{case}/dossier", "case"),
        ("/review", "/review", ""), ("/audit", "/audit", ""), ("/users", "/users", ""),
    ]
    out, skipped = [], []
    for label, url, need in table:
        if need and ids[need] is None:
            skipped.append(label)
            continue
        # Ids may hold "/" or spaces: quote each one as a path segment or query value.
        out.append((label, url.format(**{k: quote(v, safe="") for k, v in ids.items() if v is not None})))
    return out, skipped


# -- the load -------------------------------------------------------------------------------------
@dataclass
class Samples:
    """Per-route latencies and statuses, filled by the load threads."""

    ms: dict[str, list[float]] = field(default_factory=dict)
    ms_ingesting: dict[str, list[float]] = field(default_factory=dict)  # sent while the ingest ran
    status: dict[str, dict[int, int]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # transport errors: no response at all
    during_ingest: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, label: str, ms: float, status: int, ingesting: bool) -> None:
        with self.lock:
            self.ms.setdefault(label, []).append(ms)
            if ingesting:
                self.ms_ingesting.setdefault(label, []).append(ms)
            counts = self.status.setdefault(label, {})
            counts[status] = counts.get(status, 0) + 1
            self.during_ingest += ingesting


def load(base: str, token: str, table: list[tuple[str, str]], requests: int, seconds: float, threads: int,
         ingest: subprocess.Popen[bytes]) -> tuple[Samples, float]:
    """Send up to ``requests`` GETs (round-robin over ``table``) from ``threads`` threads for at most
    ``seconds``; (samples, wall seconds)."""
    samples, counter, lock = Samples(), iter(range(requests)), threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=headers, timeout=30.0, trust_env=False) as client:
            while time.monotonic() < deadline:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                label, url = table[i % len(table)]
                ingesting = ingest.poll() is None
                t0 = time.perf_counter()
                try:
                    status = client.get(url).status_code
                except httpx.HTTPError as exc:
                    with samples.lock:
                        samples.failures.append(f"{url}: {type(exc).__name__}: {exc}")
                    continue
                samples.add(label, (time.perf_counter() - t0) * 1000, status, ingesting)

    t0 = time.monotonic()
    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(seconds + 60)
    return samples, time.monotonic() - t0


def watch(proc: subprocess.Popen[bytes]) -> Any:
    """Start timing ``proc``; the returned function gives its run time in seconds (None if still running)."""
    t0, end = time.monotonic(), []

    def wait() -> None:
        proc.wait()
        end.append(time.monotonic())

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()

    def seconds() -> float | None:
        waiter.join(1.0)  # the process may have just ended: let the waiter note when
        return round(end[0] - t0, 1) if end else None

    return seconds


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def stored_ids(db: Path, wanted: list[str]) -> set[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            rows = conn.execute(f"SELECT id FROM reports WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            found.update(r[0] for r in rows)
        return found
    finally:
        conn.close()


@contextmanager
def workdir(keep: str | None) -> Iterator[Path]:
    if keep:
        path = Path(keep)
        path.mkdir(parents=True, exist_ok=True)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="factfinder-load-") as tmp:
        yield Path(tmp)


def run(base_reports: int = 300, ingest_reports: int = 100, requests: int = 2000, seconds: float = 60.0,
        threads: int = 4, seed: int = 11, keep: str | None = None, setup_timeout: float = 600.0) -> dict[str, Any]:
    """The whole test; returns the result (``ok`` says whether every check held)."""
    server = ingest = None
    with workdir(keep) as tmp:
        try:
            db = tmp / "load.db"
            base_file = write_jsonl(tmp / "base.jsonl", synthetic_reports(base_reports, seed, "load-base"))
            batch = synthetic_reports(ingest_reports, seed + 1, "load-batch")
            batch_file = write_jsonl(tmp / "batch.jsonl", batch)
            t0 = time.monotonic()
            run_cli("ingest", str(SAMPLES), str(base_file), "--db", str(db), "--no-progress", timeout=setup_timeout)
            build_s = time.monotonic() - t0
            token = run_cli("user", "add", ACCOUNT, "--role", "admin", "--db", str(db), timeout=60).split()[-1]
            run_cli("case", "new", "Load test case", "--country", COUNTRIES[0], "--db", str(db), timeout=60)
            table, skipped = routes(db)
            port = free_port()
            url = f"http://{HOST}:{port}"
            server = start(["serve", "--db", str(db), "--host", HOST, "--port", str(port)], tmp / "serve.log")
            wait_healthy(url, server, timeout=60)
            ingest = start(["ingest", str(batch_file), "--db", str(db), "--no-progress"], tmp / "ingest.log")
            ended = watch(ingest)
            samples, load_s = load(url, token, table, requests, seconds, threads, ingest)
            try:
                ingest_rc = ingest.wait(timeout=setup_timeout)
            except subprocess.TimeoutExpired:
                ingest_rc = None
            ingest_s = ended()
            server_alive = server.poll() is None
            stop(server)
            missing = sorted({r["id"] for r in batch} - stored_ids(db, [r["id"] for r in batch]))
            return summarise(samples, [label for label, _ in table], skipped, load_s, build_s, ingest_s, ingest_rc,
                             missing, server_alive, base_reports, ingest_reports,
                             (tmp / "ingest.log").read_text(errors="replace"))
        finally:
            stop(ingest)
            stop(server)


def summarise(samples: Samples, order: list[str], skipped: list[str], load_s: float, build_s: float,
              ingest_s: float | None, ingest_rc: int | None, missing: list[str], server_alive: bool,
              base_reports: int, ingest_reports: int, ingest_log: str) -> dict[str, Any]:
    sent = sum(len(v) for v in samples.ms.values())
    server_errors = sum(n for counts in samples.status.values() for s, n in counts.items() if s >= 500)
    per_route = {}
    for label in (label for label in order if label in samples.ms):
        ms, busy = samples.ms[label], samples.ms_ingesting.get(label)
        per_route[label] = {"n": len(ms), "p50_ms": round(percentile(ms, 0.5), 1),
                            "p95_ms": round(percentile(ms, 0.95), 1),
                            "p95_ms_during_ingest": round(percentile(busy, 0.95), 1) if busy else None,
                            "status": {str(s): n for s, n in sorted(samples.status[label].items())}}
    checks = {"no_5xx": server_errors == 0, "no_failed_requests": not samples.failures,
              "ingest_exit_0": ingest_rc == 0, "no_lost_writes": not missing, "server_survived": server_alive}
    return {
        "ok": all(checks.values()), "checks": checks,
        "store": {"base_reports": base_reports, "built_s": round(build_s, 1)},
        "ingest": {"reports": ingest_reports, "exit_code": ingest_rc, "seconds": ingest_s,
                   "lost_writes": len(missing), "missing": missing[:20],
                   "log_tail": ingest_log[-1500:] if ingest_rc != 0 else ""},
        "load": {"requests": sent, "seconds": round(load_s, 1), "rps": round(sent / load_s, 1) if load_s else 0,
                 "during_ingest": samples.during_ingest, "responses_5xx": server_errors,
                 "failed_requests": len(samples.failures), "failures": samples.failures[:10],
                 "p95_ms_max": max((r["p95_ms"] for r in per_route.values()), default=0.0)},
        "routes_skipped": skipped, "routes": per_route,
    }


def render(result: dict[str, Any]) -> str:
    """The result as JSON, one line per route so the table stays readable."""
    head = json.dumps({k: v for k, v in result.items() if k != "routes"}, indent=1)[:-2]
    rows = ",\n".join(f"  {json.dumps(label)}: {json.dumps(row)}" for label, row in result["routes"].items())
    return f'{head},\n "routes": {{\n{rows}\n }}\n}}'


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=int, default=300, help="Synthetic reports in the store before the load.")
    ap.add_argument("--ingest", type=int, default=100, help="Synthetic reports ingested during the load.")
    ap.add_argument("--requests", type=int, default=2000, help="At most this many requests.")
    ap.add_argument("--seconds", type=float, default=60.0, help="At most this long sending requests.")
    ap.add_argument("--threads", type=int, default=4, help="Client threads (at most 16).")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--keep", help="Work in this folder and keep it (store, logs) instead of a temporary one.")
    args = ap.parse_args()
    if not (1 <= args.threads <= 16 and 1 <= args.requests <= 100_000 and 0 < args.seconds <= 600):
        raise SystemExit("bounds: --threads 1..16, --requests 1..100000, --seconds up to 600")
    result = run(args.base, args.ingest, args.requests, args.seconds, args.threads, args.seed, args.keep)
    print(render(result))
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
