"""`factfinder events`, `quotes`, `claims` on the real corpus store."""

from __future__ import annotations

import json

from click.testing import CliRunner

from factfinder.cli import main


def run_json(*args: str):
    res = CliRunner().invoke(main, [*args, "--json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return json.loads(res.output)


def test_events_filters(corpus_db):
    db = str(corpus_db)
    everything = run_json("events", "--db", db, "--limit", "200")
    coerce = run_json("events", "--db", db, "--type", "coerce", "--limit", "200")
    assert coerce and all(e["plover"] == "COERCE" for e in coerce) and len(coerce) < len(everything)
    blr = run_json("events", "--db", db, "--country", "BLR", "--limit", "200")
    assert blr and all("BLR" in (e["source_countries"] + " " + e["target_countries"]).split() for e in blr)
    window = run_json("events", "--db", db, "--since", "2024-09-01", "--until", "2024-10-31", "--limit", "200")
    assert window and all("2024-09-01" <= e["date"][:10] <= "2024-10-31" for e in window)
    referral = run_json("events", "--db", db, "--type", "ACCUSE", "--actor", "Lithuania")
    assert any(e["report_id"] == "ap-2024-09-30-lithuania-icc" and e["text"] == "referred" for e in referral)
    # Every listed event points at its source span.
    assert all(e["report_id"] and e["end"] > e["start"] for e in everything)


def test_quotes_and_claims_filters(corpus_db):
    db = str(corpus_db)
    quotes = run_json("quotes", "--db", db, "--speaker", "tsikhanouskaya")
    assert quotes and all("tsikhanouskaya" in q["speaker"].lower() for q in quotes)
    assert any(q["report_id"] == "ap-2024-09-30-lithuania-icc" and "monumental step" in q["text"] for q in quotes)
    claims = run_json("claims", "--db", db, "--asserted-by", "Lithuania")
    labels = {c["label"] for c in claims if c["report_id"] == "ap-2024-09-30-lithuania-icc"}
    assert {"deportation", "persecution"} <= labels
    # A legal characterisation is a claim of whoever makes it, never of the outlet in the seed.
    seed_claims = [c for c in run_json("claims", "--db", db, "--limit", "200")
                   if c["report_id"] == "ap-2024-09-30-lithuania-icc" and c["kind"] == "legal_characterisation"]
    assert seed_claims and all(c["asserted_by"] != "Associated Press" for c in seed_claims)
