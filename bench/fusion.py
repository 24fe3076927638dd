"""Fusion at scale: time, peak memory and accuracy for 1k, 10k and 50k reports.

Run: .venv/bin/python bench/fusion.py [--sizes 1000 10000 50000] [--seed 7]

Reports are variants of the real corpus texts (../shared/corpus/reports.jsonl): each synthetic
happening takes one corpus text, gives its names fresh values and moves it to another day; each of
its 1-8 reports is a variant (sentence shuffles, synonym swaps, truncation, boilerplate, a changed
number or date, or a verbatim wire copy). Analyses are built by hand (one or two events with the
happening's actors and day), so the bench measures fusion, not parsing. Each size runs in its own
process so peak RSS is that size's alone. Prints per size: seconds, reports/s, peak RSS growth,
pairwise F1 against the happening labels, and the log-log growth exponent of time and memory.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factfinder.derive.stories import Fuser, stories_pairwise_f1  # noqa: E402
from factfinder.records import Analysis, Event, Report, Span, TimeValue  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "reports.jsonl"
SYNONYMS = {
    "said": "stated", "government": "authorities", "crimes": "offences", "people": "residents",
    "referred": "sent", "accused": "charged", "court": "tribunal", "opposition": "dissidents",
    "officials": "functionaries", "country": "nation", "investigate": "probe", "fled": "escaped",
    "statement": "communique", "announced": "declared", "president": "leader", "regime": "rulers",
}
BOILERPLATE = (
    "Copyright 2024. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Sign up for our newsletter to get the top stories of the day delivered to your inbox.",
    "Follow us on social media for live updates. Read more on our website.",
)
PLOVER = ("ACCUSE", "REQUEST", "COERCE", "SANCTION", "CONSULT", "PROTEST", "ASSAULT", "REJECT", "SUPPORT", "AGREE")
_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_SENT = re.compile(r"(?<=[.!?])\s+")


def corpus_texts() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def name_pool(rng: random.Random, n: int = 4000) -> list[str]:
    syl = ["ka", "lo", "mir", "van", "tse", "dor", "bel", "sha", "rin", "ost", "ul", "gra", "pen", "zo", "hav", "ich"]
    return sorted({"".join(rng.choice(syl) for _ in range(rng.randint(2, 4))).capitalize() for _ in range(n)})


def happening(h: int, texts: list[str], pool: list[str], rng: random.Random) -> tuple[str, list[str], str, str]:
    """A new happening from a corpus text: its names replaced, its day moved."""
    base = texts[h % len(texts)]
    names = {w: rng.choice(pool) for w in dict.fromkeys(_NAME.findall(base))}
    text = _NAME.sub(lambda m: names.get(m.group(0), m.group(0)), base)
    actors = list(dict.fromkeys(names.values()))[:2] or ["Someone", "Someone else"]
    day = 18000 + rng.randint(0, 1500)  # days since 1970: 2019..2023
    return text, actors, _iso(day), PLOVER[h % len(PLOVER)]


def variant(text: str, rng: random.Random) -> str:
    sents = [s for s in _SENT.split(text) if s]
    lede, rest = sents[:1], sents[1:]
    if rng.random() < 0.5:
        rng.shuffle(rest)
    keep = max(1, int(len(rest) * rng.uniform(0.6, 1.0)))
    out = " ".join(lede + rest[:keep])
    for word, syn in SYNONYMS.items():
        if rng.random() < 0.5:
            out = re.sub(rf"\b{word}\b", syn, out)
    if rng.random() < 0.2:
        out = re.sub(r"\b\d[\d,]*\b", lambda m: str(rng.randint(2, 90000)), out, count=1)
    if rng.random() < 0.5:
        out = out + "\n" + rng.choice(BOILERPLATE)
    return out


def _iso(day: int) -> str:
    import datetime

    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=day)).isoformat()


def _shift(iso: str, days: int) -> str:
    import datetime

    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)).isoformat()


def make_analyses(n: int, seed: int) -> tuple[list[Analysis], dict[str, str]]:
    rng = random.Random(seed)
    texts, pool = corpus_texts(), name_pool(rng)
    out: list[Analysis] = []
    gold: dict[str, str] = {}
    h = 0
    while len(out) < n:
        text, actors, day, plover = happening(h, texts, pool, rng)
        first_text = None
        for j in range(rng.randint(1, 8)):
            if first_text and rng.random() < 0.2:
                body = first_text + "\n" + rng.choice(BOILERPLATE)  # a wire copy
            else:
                body = variant(text, rng)
            first_text = first_text or body
            rid = f"h{h}-r{j}"
            ev_day = _shift(day, rng.choice([-200, 30])) if rng.random() < 0.05 else day
            out.append(analysis(rid, body, actors, day, ev_day, plover, rng))
            gold[rid] = f"h{h}"
            if len(out) >= n:
                break
        h += 1
    rng.shuffle(out)  # reports of one happening arrive interleaved with others
    out.sort(key=lambda a: a.report.published or "")
    return out, gold


def analysis(rid: str, body: str, actors: list[str], day: str, ev_day: str, plover: str,
             rng: random.Random) -> Analysis:
    published = _shift(day, rng.randint(0, 2))
    report = Report(id=rid, text=body, outlet=f"outlet-{rng.randint(0, 300)}", published=published)
    end = body.find(".") + 1 or len(body)
    sent = Span(rid, 0, end, body[:end])
    ev = Event(trigger=sent, sentence=sent, plover=plover, sources=(actors[0],), targets=tuple(actors[1:2]),
               date=TimeValue(span=None, value=ev_day, precision="day"))
    return Analysis(report=report, events=(ev,))


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run_one(n: int, seed: int) -> dict[str, float]:
    analyses, gold = make_analyses(n, seed)
    before = rss_kb()
    t0 = time.perf_counter()
    fuser = Fuser()
    for a in analyses:
        fuser.add(a)
    stories = fuser.stories()
    disputes = fuser.disputes()
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    pred = {rid: s.id for s in stories for rid in s.report_ids}
    scores = stories_pairwise_f1(pred, gold)
    return {
        "n": n, "seconds": round(seconds, 2), "per_s": round(n / seconds, 1),
        "peak_mb": round(max(peak - before, 0) / 1024, 1), "stories": len(stories),
        "gold_stories": len(set(gold.values())), "copies": len(fuser.copies()),
        "disputes": len(disputes), "p": round(scores["p"], 4), "r": round(scores["r"], 4),
        "f1": round(scores["f1"], 4),
    }


def slope(xs: list[float], ys: list[float]) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-9)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=False)) / sum((a - mx) ** 2 for a in lx)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed)))
        return
    rows = []
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
                             check=True, capture_output=True, text=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        rows.append(row)
        print(json.dumps(row), flush=True)
    if len(rows) > 1:
        ns = [r["n"] for r in rows]
        print(json.dumps({
            "time_exponent": round(slope(ns, [r["seconds"] for r in rows]), 3),
            "memory_exponent": round(slope(ns, [r["peak_mb"] for r in rows]), 3),
        }))


if __name__ == "__main__":
    main()
