"""Where our stages spend their time once warm: cProfile over ``analyse_doc`` on already-parsed Docs.

Run: .venv/bin/python bench/stage_profile.py [--repeat N] [--top K] [--stage NAME]

Texts as bench/throughput.py (the corpus, else the samples). Parsing is done first and left out; a
warm-up pass over the distinct texts loads lexicons and the gazetteer; then every Doc is analysed
``--repeat`` times under cProfile. Prints the functions of factfinder with the most time of their own
(tottime) and with the most calls, and the re.compile / Doc.char_span call counts per report, which
is where mechanical hot spots (a regex compiled per call, a scan repeated per token) show. cProfile
slows Python calls more than C calls: read the ranking, not the milliseconds.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from throughput import texts  # noqa: E402

from factfinder.nlp import load  # noqa: E402
from factfinder.pipeline import analyse_doc  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--stage", help="only functions of this module, e.g. dates")
    args = ap.parse_args()
    base = texts(None)
    docs = list(load().pipe([r.text for r in base], batch_size=16))
    for doc, report in zip(docs, base, strict=True):
        analyse_doc(doc, report)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(args.repeat):
        for doc, report in zip(docs, base, strict=True):
            analyse_doc(doc, report)
    prof.disable()
    n = args.repeat * len(base)
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, func), (_cc, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((file, line, func, calls, tottime, cumtime))
    ours = [r for r in rows if "factfinder" in r[0] and (not args.stage or r[0].endswith(f"/{args.stage}.py"))]
    total = sum(r[4] for r in rows)
    print(f"{n} analyses; profiled time {1000 * total / n:.1f} ms/report")
    print("-- own time (tottime), factfinder functions")
    for file, line, func, calls, tottime, cumtime in sorted(ours, key=lambda r: -r[4])[: args.top]:
        print(f"{1000 * tottime / n:7.2f} ms/rep {calls / n:9.0f} calls/rep  cum {1000 * cumtime / n:7.2f}  "
              f"{file.split('factfinder/')[-1]}:{line} {func}")
    print("-- library calls (all callers)")
    for file, line, func, calls, tottime, cumtime in sorted(rows, key=lambda r: -r[5]):
        if "factfinder" in file or func in ("<module>",):
            continue
        named = any(k in func for k in ("compile", "char_span", "finditer", "search", "match", "sub"))
        if named or tottime / total > 0.01:
            print(f"{1000 * tottime / n:7.2f} ms/rep {calls / n:9.0f} calls/rep  cum {1000 * cumtime / n:7.2f}  "
                  f"{file.split('site-packages/')[-1]}:{line} {func}")


if __name__ == "__main__":
    main()
