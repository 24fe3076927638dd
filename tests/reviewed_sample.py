"""A small store built by the real pipeline from invented reports (outlets and people made up; real
cities, because the gazetteer is part of what the exports carry), for the export and review tests."""

from __future__ import annotations

import json
from pathlib import Path

REPORTS = [
    {"id": "nw-1", "outlet": "Northwind Courier", "published": "2024-03-12", "title": "Arrests after rally in Minsk",
     "text": "MINSK, Belarus — Police in Minsk arrested 40 protesters on Monday, the Interior Ministry said. "
             "Riot police killed three demonstrators near the city centre, witnesses said. "
             "The government accused the opposition of organising the rally."},
    {"id": "bay/2", "outlet": "Bayside Ledger", "published": "2024-03-13", "title": "Detentions in Grodno",
     "text": "GRODNO, Belarus — Police detained 12 activists holding signs that read <script>alert(1)</script> "
             "and [help](javascript:alert(2)) in Grodno on Tuesday, a rights group said. "
             "The European Union condemned the arrests."},
]


def build(folder: Path) -> Path:
    """Ingest REPORTS into folder/reviewed.db with the real pipeline; returns the database path."""
    from factfinder.ingest import ingest
    from factfinder.store import open_store

    src = folder / "reports.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    db = folder / "reviewed.db"
    with open_store(db) as store:
        summary = ingest(store, [src], progress=False)
    assert summary.stored == len(REPORTS), summary.to_dict()
    return db
