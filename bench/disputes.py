"""Disputes at scale: time to derive disputes from the claims of 1k, 10k (and more) reports with copies.

Run: .venv/bin/python bench/disputes.py [--sizes 1000 10000] [--seed 7]

Claims are built by hand (the bench measures derive/disputes.py, not parsing): each synthetic story
has 1-6 independent reports, each telling the same slots (a death toll and sometimes a later one, a
wounded count, the day (sometimes counted), the release day (done or set) and status, two quotes and
their speakers, whether a source gave a figure, the place and the places the report names, who did
it and with what) with some values changed, and each report has 0-8 verbatim copies (wire
republications: same claims, same origin). Prints per size: claims, disputes, seconds, time per
claim, the ratio of time per claim between the largest and smallest size, and the log-log growth
exponent of time against the number of claims (1.0 is linear, 2.0 would be all pairs); plus a check
that the copies changed no dispute's existence, hardness or support counts.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factfinder.derive.disputes import ReportClaims, find_disputes  # noqa: E402
from factfinder.records import SlotClaim, Span  # noqa: E402

WORDS = ("we were told to leave the village before the soldiers came back with more trucks and guns "
         "nobody knew where the children had been taken and the roads were closed all night").split()


def _claims(
    rid: str, rng: random.Random, base: dict[str, float], quotes: list[str], speakers: list[str]
) -> tuple[SlotClaim, ...]:
    sent = Span(rid, 0, 80, "A sentence of the report.")
    out = []
    pos = 0

    def span() -> Span:
        nonlocal pos
        pos += 10
        return Span(rid, pos, pos + 5, "words")

    killed = base["killed"] + (rng.choice([0, 0, 0, 2, -1]))
    out.append(SlotClaim(rid, "people", "killed", "number", f"{killed:g}", f"{killed:g}-{killed:g}", span(), sent,
                         lo=killed, hi=killed, precision="exact"))
    wounded = base["wounded"] * rng.choice([1, 1, 1.5])
    out.append(SlotClaim(rid, "people", "wounded", "number", f"at least {wounded:g}", f"{wounded:g}-{wounded * 1.5:g}",
                         span(), sent, lo=wounded, hi=wounded * 1.5, precision="lower bound"))
    day = int(base["day"] + rng.choice([0, 0, 0, 1]))
    out.append(SlotClaim(rid, "happening", "date", "date", str(day), str(day), span(), sent,
                         lo=day, hi=day, precision="day", qualifier=rng.choice([None, None, None, "counted"])))
    # a later toll ("has risen to"), a release day set ("will be released on ...") or done
    if rng.random() < 0.2:
        later = killed + rng.randint(1, 9)
        out.append(SlotClaim(rid, "people", "killed", "number", f"revised {later:g}", f"{later:g}-{later:g}", span(),
                             sent, lo=later, hi=later, precision="revised", qualifier="revised"))
    freed = int(base["day"] + rng.choice([2, 2, 3]))
    planned = rng.random() < 0.3
    out.append(SlotClaim(rid, "release", "date", "date", f"{freed}" + (" (planned)" if planned else ""),
                         f"{freed}" + (" planned" if planned else ""), span(), sent, lo=freed, hi=freed,
                         precision="day", qualifier="planned" if planned else None))
    stage = rng.choice(["released", "released", "in custody"])
    out.append(SlotClaim(rid, "detained people", "release", "status", stage, stage, span(), sent, stage=stage))
    # the claim kinds whose subjects or values are matched across reports: whether a source gave a
    # figure, the place (with the places each report names), who did it and with what
    gave = rng.choice(["gave a figure", "gave a figure", "no figure"])
    out.append(SlotClaim(rid, f"figure from: {rng.choice(['interior ministry', 'Norland Interior Ministry'])}",
                         "killed", "attribution", gave, gave, span(), sent))
    town = int(base["town"] + rng.choice([0, 0, 0, 1]))
    for predicate, t in (("place", town), ("mentioned", town), ("mentioned", town + 7), ("mentioned", town + 9)):
        out.append(SlotClaim(rid, "happening", predicate, "place", f"Town {t}", str(t), span(), sent,
                             lo=float(t % 80), hi=float(t % 170), precision="city", ref=str(t), stage="NL"))
    doer = rng.choice(["state forces", "state forces", "armed group"])
    out.append(SlotClaim(rid, "happening", "perpetrator", "actor", doer, doer, span(), sent, stage=doer))
    means = rng.choice(["helicopter", "helicopter", "air strike", "ground fire"])
    out.append(SlotClaim(rid, "happening", "means", "actor", means, means, span(), sent,
                         stage="ground" if means == "ground fire" else "air"))
    for q, who in zip(quotes, speakers, strict=True):
        words = q.split()
        if rng.random() < 0.3:
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        text = " ".join(words)
        sp = span()
        out.append(SlotClaim(rid, "quote", "wording", "quote_wording", text, text, sp, sent))
        out.append(SlotClaim(rid, "quote", "speaker", "attribution", who, who, sp, sent))
    return tuple(out)


def corpus(n_reports: int, seed: int, copies: bool = True) -> list[ReportClaims]:
    rng = random.Random(seed)
    out: list[ReportClaims] = []
    s = 0
    while len(out) < n_reports:
        s += 1
        story = f"story-{s}"
        base = {"killed": rng.randint(3, 400), "wounded": rng.randint(5, 900), "day": 738000 + rng.randint(0, 900),
                "town": rng.randint(0, 100000)}
        quotes = [" ".join(rng.sample(WORDS, 12)) for _ in range(2)]
        speakers = [f"Speaker {s}-{k}" for k in range(2)]
        for i in range(rng.randint(1, 6)):
            rid = f"r{s}-{i}"
            claims = _claims(rid, rng, base, quotes, speakers)
            out.append(ReportClaims(rid, story, rid, f"Outlet {i}", claims))
            for c in range(rng.randint(0, 8) if copies else 0):
                out.append(ReportClaims(f"{rid}-c{c}", story, rid, f"Reposter {c}", claims))
    return out[:n_reports]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rows = []
    for n in args.sizes:
        reports = corpus(n, args.seed)
        n_claims = sum(len(r.claims) for r in reports)
        t0 = time.perf_counter()
        disputes = find_disputes(reports)
        secs = time.perf_counter() - t0
        originals = [r for r in reports if r.origin == r.report_id]
        alone = {d.id: d for d in find_disputes(originals)}
        # copies change no dispute's existence, hardness or support: only the reports listed
        same = alone.keys() == {d.id for d in disputes} and all(
            d.hard == alone[d.id].hard and [v.support for v in d.values] == [v.support for v in alone[d.id].values]
            for d in disputes)
        rows.append((n, n_claims, secs))
        print(f"{n:>7} reports ({len(originals)} independent)  {n_claims:>7} claims  {len(disputes):>6} disputes  "
              f"{secs:7.2f} s  {1e6 * secs / n_claims:6.1f} us/claim  copies change only support lists: {same}")
    if len(rows) > 1:
        (_, c0, t0), (_, c1, t1) = rows[0], rows[-1]
        print(f"cost per claim {c1 / c0:.1f}x the claims: {(t1 / c1) / (t0 / c0):.2f}x the time per claim; "
              f"time growth exponent against claims: {math.log(t1 / t0) / math.log(c1 / c0):.2f} "
              "(1.0 linear, 2.0 quadratic)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
