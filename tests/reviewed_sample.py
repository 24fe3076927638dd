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


# One invented person spelled two ways by two outlets (the identities stage links them); the second report
# is untitled; a release sentence with nobody named on either side gives a "? -> ?" event.
SPELLINGS = [
    {"id": "lk-1", "outlet": "Lowmere Herald", "published": "2024-05-06", "title": "Opposition leader detained",
     "text": "MINSK, Belarus — Police detained opposition leader Aleksandr Kharin in Minsk on Monday, his lawyer "
             "said. Aleksandr Kharin accused the Interior Ministry of torture. Many of those released said they "
             "were beaten in custody."},
    {"id": "ps-2", "outlet": "Pinewood Post", "published": "2024-05-07", "title": "",
     "text": "MINSK, Belarus — Security forces arrested Aleksandr Harin, an opposition leader, in Minsk on Monday, "
             "his party said. Aleksandr Harin criticised the Interior Ministry."},
]


def build_spellings(folder: Path) -> Path:
    """Ingest SPELLINGS into folder/spellings.db with the real pipeline; returns the database path."""
    from factfinder.ingest import ingest
    from factfinder.store import open_store

    src = folder / "spellings.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in SPELLINGS), encoding="utf-8")
    db = folder / "spellings.db"
    with open_store(db) as store:
        summary = ingest(store, [src], progress=False)
    assert summary.stored == len(SPELLINGS), summary.to_dict()
    return db


def spelling_identity(db: Path) -> tuple[str, str]:
    """(the identity's display name, the other spelling) of the person SPELLINGS names two ways."""
    import sqlite3

    rows = dict(sqlite3.connect(db).execute(
        "SELECT a.canonical, i.identity_id FROM actors a JOIN actor_identities i ON i.actor_id = a.id"
        " WHERE a.canonical IN ('Aleksandr Kharin', 'Aleksandr Harin')").fetchall())
    assert len(rows) == 2 and len(set(rows.values())) == 1, f"the two spellings are not one identity: {rows}"
    name = sqlite3.connect(db).execute("SELECT name FROM actor_identities WHERE identity_id = ? LIMIT 1",
                                       (next(iter(rows.values())),)).fetchone()[0]
    return name, ({"Aleksandr Kharin", "Aleksandr Harin"} - {name}).pop()
