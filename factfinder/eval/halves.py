"""``python -m factfinder.eval.halves [OUT_DIR]``: write the challenge halves for the independent scorer."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .splits import challenge_halves

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "build" / "dev"
    src = ROOT.parent / "shared" / "dev" / "challenge"
    if not src.is_dir():
        print(f"dev-halves: {src} not found; clone shared/ beside the repository", file=sys.stderr)
        return 2
    for half, data in challenge_halves(src).items():
        d = out / half
        d.mkdir(parents=True, exist_ok=True)
        for name in ("articles", "gold", "contradictions"):
            rows = getattr(data, name)
            (d / f"{name}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                             encoding="utf-8")
        print(f"{d}: {len(data.articles)} reports, {len(data.contradictions)} disagreements")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
