"""API and page latency on a large synthetic store, in process (FastAPI TestClient, no network).

Run: .venv/bin/python bench/api_latency.py [--events 100000] [--repeat 40] [--db PATH]
Builds a store with N synthetic events (bulk row inserts: 20 events per report, actors drawn from a
pool of 600 names, 17 types, dates over 6 years, 300 places with coordinates, plus quotes and
claims), then times each list/search/detail endpoint and the main pages and prints p50/p95 in ms.
Target: p95 < 50 ms for every endpoint. "first ms" is the first call, which computes the memoised
aggregates (network, facets, histogram, actor list, map points) that later calls reuse until the
store changes. Every list is paginated (limit <= 200), so no response ever
carries the whole table.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from factfinder.api import create_app  # noqa: E402
from factfinder.api.auth import add_user  # noqa: E402
from factfinder.store import open_store  # noqa: E402

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER"]
WORDS = ("police ministry court protest arrest detained border refugees election opposition journalists "
         "sanctions army strike ceasefire negotiations prison activists crackdown tribunal verdict").split()
# Report texts draw from a Zipf-like vocabulary (a few common words, a long tail), as news text does.
VOCAB = WORDS + [f"w{i}" for i in range(3000)]
ZIPF = [1.0 / (rank + 1) for rank in range(len(VOCAB))]
OUTLETS = [f"Outlet {i}" for i in range(40)]
COUNTRIES = ["EST", "LVA", "LTU", "POL", "FIN", "SWE", "NOR", "DEU", "FRA", "UKR", "GEO", "ARM"]


def build(path: str, n_events: int, seed: int = 7) -> dict[str, str]:
    """Write the synthetic store; returns a few names to query for."""
    rng = random.Random(seed)
    actors = [f"Actor {i:03d} {rng.choice(WORDS).title()}" for i in range(600)]
    places = [(f"Place {i}", rng.uniform(-50, 65), rng.uniform(-120, 140)) for i in range(300)]
    n_reports = max(1, n_events // 20)
    store = open_store(path)
    conn = store.conn
    conn.execute("PRAGMA synchronous = OFF")
    reports, events, quotes, claims, actor_rows = [], [], [], [], []
    for r in range(n_reports):
        rid = f"rep-{r:06d}"
        day = f"{2019 + r % 6}-{1 + r % 12:02d}-{1 + r % 28:02d}"
        text = " ".join(rng.choices(VOCAB, weights=ZIPF, k=120))
        reports.append((rid, OUTLETS[r % len(OUTLETS)], day, f"Report {r} on {rng.choice(WORDS)}", text, "bench", day,
                        "{}"))
        for k in range(20):
            src, tgt = rng.sample(actors, 2)
            pname, lat, lon = rng.choice(places)
            data = {"plover": TYPES[(r + k) % len(TYPES)], "sources": [src], "targets": [tgt],
                    "trigger": {"report_id": rid, "start": 0, "end": 6, "text": text[:6]},
                    "place": {"name": pname, "country": "EE", "lat": lat, "lon": lon}, "date": {"value": day}}
            events.append((f"{rid}:events:{k}", rid, 0, 6, text[:6], "bench", json.dumps(data), data["plover"], src,
                           tgt, rng.choice(COUNTRIES), rng.choice(COUNTRIES), day, pname, "Outlet", rng.random()))
        for k in range(4):
            speaker = rng.choice(actors)
            quotes.append((f"{rid}:quotes:{k}", rid, 0, 10, text[:10], "bench", json.dumps({"speaker": speaker}),
                           speaker, "said", 1))
            actor_rows.append((f"{rid}:a{k}", rid, speaker, "person", rng.choice(COUNTRIES), "bench",
                               json.dumps({"roles": ["spokesperson"]})))
        claims.append((f"{rid}:claims:0", rid, 0, 10, text[:10], "bench", "{}", "legal_characterisation",
                       "persecution", rng.choice(actors)))
    with conn:
        conn.executemany("INSERT INTO reports (id, outlet, published, title, text, source, ingested_at, versions)"
                         " VALUES (?,?,?,?,?,?,?,?)", reports)
        conn.executemany('INSERT INTO events (id, report_id, start, "end", text, extractor, data, plover, sources,'
                         " targets, source_countries, target_countries, date, place, asserted_by, confidence)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", events)
        conn.executemany('INSERT INTO quotes (id, report_id, start, "end", text, extractor, data, speaker, cue, direct)'
                         " VALUES (?,?,?,?,?,?,?,?,?,?)", quotes)
        conn.executemany('INSERT INTO claims (id, report_id, start, "end", text, extractor, data, kind, label,'
                         " asserted_by) VALUES (?,?,?,?,?,?,?,?,?,?)", claims)
        conn.executemany("INSERT OR IGNORE INTO actors (id, report_id, canonical, kind, country, extractor, data)"
                         " VALUES (?,?,?,?,?,?,?)", actor_rows)
    conn.execute("ANALYZE")
    store.close()
    return {"actor": actors[5], "speaker": quotes[0][7], "report": "rep-000042", "event": events[777][0]}


def timed(client: TestClient, url: str, repeat: int, headers: dict[str, str]) -> tuple[float, float, float, int]:
    t0 = time.perf_counter()
    resp = client.get(url, headers=headers)  # first call: memoised aggregates are computed here
    cold = (time.perf_counter() - t0) * 1000
    for _ in range(2):  # warm-up: SQLite pages, token cache
        resp = client.get(url, headers=headers)
    if resp.status_code != 200:
        raise SystemExit(f"{url}: HTTP {resp.status_code} {resp.text[:200]}")
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        resp = client.get(url, headers=headers)
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return cold, statistics.median(samples), p95, len(resp.content)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--db", help="Keep the store at this path (default: a temporary file).")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "bench.db")
    if Path(db).exists():
        raise SystemExit(f"{db} exists; pass a new path")
    t0 = time.perf_counter()
    names = build(db, args.events)
    build_s = time.perf_counter() - t0
    with open_store(db) as store:
        token = add_user(store.conn, "bench", "viewer")
        counts = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reports", "events")}
    print(f"store: {counts['events']} events, {counts['reports']} reports, built in {build_s:.1f} s")
    actor, q = names["actor"], "crackdown tribunal"
    api = [
        "/api/reports?limit=50", f"/api/reports?q={q}", f"/api/reports?q={q}&outlet=Outlet 3",
        f"/api/reports/{names['report']}", "/api/facets", f"/api/facets?q={q}",
        "/api/events?limit=50", "/api/events?limit=200", "/api/events?type=ASSAULT", f"/api/events?actor={actor}",
        "/api/events?country=EST", "/api/events?since=2021-01-01&until=2021-06-30",
        f"/api/events?type=ACCUSE&actor={actor}", "/api/events?offset=10000", "/api/events?country=LTU&type=AID",
        f"/api/events/{names['event']}",
        "/api/actors", "/api/actors?name=Actor 12", f"/api/actors/{actor}", f"/api/quotes?speaker={names['speaker']}",
        "/api/claims?asserted_by=Actor 2", "/api/network", f"/api/network?actor={actor}", "/api/audit",
        "/api/review-queue", "/api/stories", "/api/cases",
    ]
    pages = ["/", f"/?q={q}", f"/reports/{names['report']}", "/events", "/events?type=PROTEST", "/map",
             "/network", f"/actors/{actor}", "/review", "/audit"]
    with TestClient(create_app(db)) as client:
        headers = {"Authorization": f"Bearer {token}"}
        client.post("/login", data={"name": "bench", "token": token})
        rows = [(u, *timed(client, u, args.repeat, headers)) for u in api]
        rows += [(u, *timed(client, u, args.repeat, {})) for u in pages]
    width = max(len(u) for u, *_ in rows)
    print(f"{'endpoint':{width}}  {'first ms':>8}  {'p50 ms':>7}  {'p95 ms':>7}  {'bytes':>8}")
    slow = 0
    for url, cold, p50, p95, size in rows:
        flag = "" if p95 < 50 else "  > 50 ms"
        slow += bool(flag)
        print(f"{url:{width}}  {cold:8.1f}  {p50:7.1f}  {p95:7.1f}  {size:8d}{flag}")
    print(f"{len(rows) - slow}/{len(rows)} endpoints with p95 < 50 ms ({args.repeat} requests each, in process)")


if __name__ == "__main__":
    main()
