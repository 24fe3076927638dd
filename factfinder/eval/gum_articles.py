"""GUM news (Wikinews CoNLL-U) -> reports in the DESIGN.md JSONL format, one per document.

The text is the one ``factfinder.eval.gum`` rebuilds from the tokens (so offsets agree with the
coreference and entity scorers); ``published`` is the date line Wikinews prints under the heading
("Friday, July 21, 2017": the date a reader resolves "on Tuesday" against), else the document's
``meta::dateCreated`` (which can lie days or years off the printed date); ``url`` is its
``meta::sourceURL``, ``title`` its ``meta::title``. Wikinews reports carry no dateline. The reports feed
``dev/gum_news/`` (our own events, quotes, places, dates and magnitudes gold over this real text) and any
tool that reads the shared report format.

Usage: ``python -m factfinder.eval.gum_articles ../shared/dev/gum_news OUT.jsonl [--half tune|check]``
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import EvalError
from .gum import documents, read_conllu

_DATE_LINE = re.compile(r"^[A-Z][a-z]+day, ([A-Z][a-z]+ \d{1,2}, \d{4})")
_META = {"dateCreated": "published", "sourceURL": "url", "title": "title"}


def _meta(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                break
            key, sep, value = line[2:].partition(" = ")
            if sep and key.startswith("meta::") and key[6:] in _META:
                found[_META[key[6:]]] = value.strip()
    return found


def _printed_date(text: str) -> str | None:
    lines = text.split("\n", 2)
    m = _DATE_LINE.match(lines[1]) if len(lines) > 1 else None
    if not m:
        return None
    try:
        return datetime.strptime(m.group(1), "%B %d, %Y").date().isoformat()
    except ValueError:
        return None


def article(path: str | Path) -> dict[str, Any]:
    """One GUM document -> one report record (id = the document's file stem)."""
    path = Path(path)
    text, _mentions = read_conllu(path)
    meta = _meta(path)
    if "published" not in meta:
        raise EvalError(f"{path}: no '# meta::dateCreated' line; expected a GUM news CoNLL-U file")
    return {"id": path.stem, "url": meta.get("url"), "outlet": "Wikinews",
            "published": _printed_date(text) or meta["published"][:10], "dateline": None,
            "title": meta.get("title", ""), "text": text}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder")
    ap.add_argument("out")
    ap.add_argument("--half", choices=("tune", "check"))
    args = ap.parse_args(argv)
    rows = [article(p) for p in documents(args.folder, args.half)]
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} reports -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
