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


# -- one validation for the CLI and the API (factfinder.review) -----------------------------------------
import sqlite3  # noqa: E402

import pytest  # noqa: E402

from reviewed_sample import build  # noqa: E402  (tests/: invented reports)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("validation"))


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def audit_rows(db) -> int:
    return sqlite3.connect(db).execute("SELECT count(*) FROM audit").fetchone()[0]


def test_unknown_event_type_is_an_error_with_a_suggestion(small_db):
    res = run("events", "--type", "COERSE", "--db", str(small_db))
    assert res.exit_code == 2 and "did you mean COERCE" in res.output
    assert run("events", "--type", "coerce", "--db", str(small_db)).exit_code == 0
    res = run("events", "--since", "2024-13", "--db", str(small_db))
    assert res.exit_code == 2 and "not a date" in res.output


def test_country_names_and_codes_resolve_alike(small_db):
    by_code = run("events", "--country", "BLR", "--db", str(small_db), "--json")
    by_name = run("events", "--country", "belarus", "--db", str(small_db), "--json")
    assert by_code.exit_code == by_name.exit_code == 0
    assert json.loads(by_code.stdout) == json.loads(by_name.stdout) and json.loads(by_code.stdout)
    res = run("events", "--country", "Belarsu", "--db", str(small_db))
    assert res.exit_code == 2 and "Belarus" in res.output


def test_case_new_resolves_a_country_name(small_db):
    res = run("case", "new", "Rallies", "--country", "Belarus", "--db", str(small_db))
    assert res.exit_code == 0, res.output
    case_id = res.stdout.strip().splitlines()[-1]
    row = sqlite3.connect(small_db).execute("SELECT data FROM cases WHERE id = ?", (case_id,)).fetchone()
    data = json.loads(row[0])
    assert data["countries"] == ["BLR"] and "covers 2 report(s)" in res.stdout


def test_review_checks_its_target_and_infers_the_table(small_db):
    db = str(small_db)
    before = audit_rows(db)
    res = run("review", "accept", "nope", "--who", "alice", "--db", db)
    assert res.exit_code == 2 and "not a fact id" in res.output
    res = run("review", "accept", "nw-1:events:99", "--who", "alice", "--db", db)
    assert res.exit_code == 2 and "no events row" in res.output
    res = run("review", "accept", "nw-1:events:0@7-1-zz", "--who", "alice", "--db", db)
    assert res.exit_code == 2  # no such Rome Statute element
    res = run("review", "amend", "nw-1:events:0", "--who", "alice", "--value", '{"plover": "NOTATYPE"}', "--db", db)
    assert res.exit_code == 2 and "unknown event type" in res.output
    res = run("review", "amend", "nw-1:events:0", "--who", "alice", "--value", '{"colour": "red"}', "--db", db)
    assert res.exit_code == 2 and "cannot amend colour" in res.output
    res = run("review", "amend", "nw-1:events:0@11", "--who", "alice", "--value", '{"element": "7-1-zz"}', "--db", db)
    assert res.exit_code == 2 and "unknown Rome Statute element" in res.output
    res = run("review", "accept", "nw-1:events:0", "--table", "quotes", "--who", "alice", "--db", db)
    assert res.exit_code == 2 and "names a fact of table events" in res.output
    assert audit_rows(db) == before  # nothing was recorded for any of these
    res = run("review", "accept", "nw-1:events:0", "--who", "alice", "--db", db)  # no --table: inferred
    assert res.exit_code == 0 and "events nw-1:events:0" in res.stdout
    row = sqlite3.connect(db).execute("SELECT target_table FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert row == ("events",)


def test_api_types_match_the_shared_list():
    from factfinder.api.routes_api import PLOVER_TYPES
    from factfinder.review import EVENT_TYPES

    assert set(PLOVER_TYPES) == set(EVENT_TYPES)


def test_type_filter_follows_amended_types(small_db):
    db = str(small_db)
    fact = sqlite3.connect(db).execute("SELECT id FROM events WHERE plover = 'PROTEST' LIMIT 1").fetchone()[0]

    def listed(plover: str) -> set[str]:
        res = run("events", "--type", plover, "--include-unknown", "--db", db, "--json")
        assert res.exit_code == 0, res.output
        return {r["id"] for r in json.loads(res.stdout)}

    assert fact in listed("PROTEST") and fact not in listed("MOBILIZE")
    res = run("review", "amend", fact, "--who", "alice", "--value", '{"plover": "mobilize"}', "--db", db)
    assert res.exit_code == 0, res.output
    assert fact in listed("MOBILIZE") and fact not in listed("PROTEST")


def test_network_folds_spellings_of_one_identity(tmp_path):
    """Two reports spell one person two ways; once linked as one identity, the network has one node."""
    from factfinder.store.reads import EventFilter
    from factfinder.records import Actor, Analysis, Event, Report, Span
    from factfinder.store import open_store

    db = tmp_path / "ids.db"
    with open_store(db) as store:
        for rid, name in (("r1", "Mara Lind"), ("r2", "M. Lind")):
            text = f"{name} accused Civic Watch."
            span = Span(rid, 0, len(text), text)
            store.write_analysis(Analysis(
                report=Report(id=rid, text=text, published="2024-01-02"),
                actors=(Actor(f"{rid}-a1", rid, name, "person"),
                        Actor(f"{rid}-a2", rid, "Civic Watch", "organization")),
                events=(Event(trigger=Span(rid, len(name) + 1, len(name) + 9, "accused"), sentence=span,
                              plover="ACCUSE", sources=(name,), targets=("Civic Watch",)),)))
        before = store.network(EventFilter())
        assert {n["id"] for n in before["nodes"]} == {"Mara Lind", "M. Lind", "Civic Watch"}
        with store.conn:
            store.conn.executemany(
                "INSERT INTO actor_identities (actor_id, identity_id, name, block) VALUES (?, ?, ?, ?)",
                [("r1-a1", "i1", "Mara Lind", "lind"), ("r2-a1", "i1", "Mara Lind", "lind")])
        after = store.network(EventFilter())
    assert {n["id"] for n in after["nodes"]} == {"Mara Lind", "Civic Watch"}
    assert after["edges"] == [{"source": "Mara Lind", "target": "Civic Watch", "weight": 2, "types": ["ACCUSE"]}]
