"""Our own gold over real reports (``dev/<set>/``): one ``gold/<id>.json`` per report, concatenated into
``gold.jsonl``, and each half's annotated reports written for ``../shared/tools/dev-scores``.

Usage: ``python -m factfinder.eval.devgold gum_news|geovirus|te3_platinum`` (what ``scripts/gum-gold``,
``scripts/geovirus-gold`` and ``scripts/te3-gold`` run).

GUM and GeoVirus ship their article text (``dev/<set>/articles.jsonl``, CC BY). TempEval-3's text has no
licence we may redistribute, so only our annotations ship and the articles are rebuilt from
``../shared/eval/te3_platinum`` (the plain text the TimeML scorer uses, the creation time as ``published``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import EvalError
from .splits import HALVES, index_half, named_half
from .timeml import parse_tml

TE3_DIR = Path("../shared/eval/te3_platinum")

# set name -> (halves' folder prefix under build/dev, the half of a report id)
SETS: dict[str, tuple[str, Callable[[str], str]]] = {
    "gum_news": ("gum", lambda rid: named_half("gum_news", rid)),
    "geovirus": ("geo", lambda rid: index_half(int(rid.rsplit("-", 1)[1]))),
    "te3_platinum": ("te3", lambda rid: named_half("te3_platinum", rid)),
}


def te3_articles(directory: Path = TE3_DIR) -> list[dict]:
    """The TempEval-3 platinum documents as reports: id = file stem, outlet from the name's prefix."""
    if not directory.is_dir():
        raise EvalError(f"{directory}: no TempEval-3 folder; the te3_platinum set needs ../shared/eval/te3_platinum")
    out = []
    for path in sorted(directory.glob("*.tml")):
        doc = parse_tml(path)
        out.append({"id": path.stem, "url": None, "outlet": path.stem.split("_", 1)[0].upper(),
                    "published": doc.dct, "dateline": None, "title": None, "text": doc.text})
    return out


def _articles(name: str, root: Path) -> list[dict]:
    if name == "te3_platinum":
        return te3_articles()
    return [json.loads(line) for line in (root / "articles.jsonl").read_text(encoding="utf-8").splitlines()]


def write_halves(name: str, dev: Path = Path("dev"), build: Path = Path("build/dev")) -> dict[str, int]:
    """Concatenate ``dev/<name>/gold/*.json`` and write ``build/dev/<prefix>_<half>/`` (articles, gold and an
    empty contradictions file) holding the annotated reports of each half; returns reports per half."""
    if name not in SETS:
        raise EvalError(f"unknown development set {name!r}; expected one of {', '.join(SETS)}")
    prefix, half_of = SETS[name]
    root = dev / name
    golds = {}
    for path in sorted((root / "gold").glob("*.json")):
        obj = json.loads(path.read_text(encoding="utf-8"))
        if obj.get("id") != path.stem:
            raise EvalError(f"{path}: id {obj.get('id')!r} differs from the file name; set id to {path.stem!r}")
        golds[path.stem] = obj
    (root / "gold.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in golds.values()),
                                     encoding="utf-8")
    reports = _articles(name, root)
    counts = {}
    for half in HALVES:
        out = build / f"{prefix}_{half}"
        out.mkdir(parents=True, exist_ok=True)
        rows = [r for r in reports if r["id"] in golds and half_of(r["id"]) == half]
        (out / "articles.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                            encoding="utf-8")
        (out / "gold.jsonl").write_text("".join(json.dumps(golds[r["id"]], ensure_ascii=False) + "\n"
                                                for r in rows), encoding="utf-8")
        (out / "contradictions.jsonl").write_text("", encoding="utf-8")
        counts[half] = len(rows)
    return counts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(f"usage: python -m factfinder.eval.devgold {'|'.join(SETS)}", file=sys.stderr)
        return 2
    prefix = SETS[args[0]][0] if args[0] in SETS else ""
    for half, n in write_halves(args[0]).items():
        print(f"{half}: {n} annotated reports -> build/dev/{prefix}_{half}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
