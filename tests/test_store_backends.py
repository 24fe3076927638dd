"""One store suite, run against both backends: a SQLite file and a PostgreSQL database (a real server
started for the session, tests/pg_server.py). What is SQLite's own (WAL, the file format, backup) is
in tests/test_store.py."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from factfinder.records import (
    Actor,
    Analysis,
    Attribution,
    Event,
    Place,
    Quarantined,
    Report,
    Span,
    TimeValue,
)
from factfinder.store import fact_id, open_store
from factfinder.store.reads import EventFilter

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "factfinder" / "samples"


def _analysis(rid: str = "r1", outlet: str = "Test Wire") -> Analysis:
    """An invented report with one arrest event, its actors and a geocoded place."""
    text = "Police detained 12 protesters in Ostrava on Monday, the ministry said."
    rep = Report(id=rid, text=text, outlet=outlet, published="2024-09-30", raw_sha256="ab" * 32)
    trig = Span(rid, 7, 15, text[7:15])
    place = Place(Span(rid, 33, 40, "Ostrava"), "event", "Ostrava", "CZ", 49.83, 18.28, extractor="test.v1")
    ev = Event(trigger=trig, sentence=Span(rid, 0, len(text), text), plover="COERCE", mode="arrest",
               sources=("Police",), targets=("protesters",), source_countries=("CZE",),
               date=TimeValue(Span(rid, 44, 50, text[44:50]), "2024-09-30", "day"), place=place,
               attribution=Attribution("ministry", kind="reported_speech"), extractor="test.v1")
    actors = (Actor(id=f"{rid}:a0", report_id=rid, canonical="Police", kind="organization", country="CZE",
                    extractor="test.v1"),
              Actor(id=f"{rid}:a1", report_id=rid, canonical="protesters", kind="group", extractor="test.v1"))
    return Analysis(report=rep, actors=actors, events=(ev,), places=(place,), versions={"test": "1"})


# --------------------------------------------------------------------------- schema and writes


def test_migrations_are_applied_once_and_recorded(store_url):
    from factfinder.store.migrations import MIGRATIONS

    with open_store(store_url) as store:
        assert store.schema_version() == max(v for v, _, _ in MIGRATIONS)
    with open_store(store_url) as again:  # re-opening runs nothing again
        versions = [r["version"] for r in again.rows("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [v for v, _, _ in MIGRATIONS]


def test_write_is_idempotent_and_round_trips(store_backend):
    store = store_backend
    a = _analysis()
    assert store.write_analysis(a, raw=b"original bytes") is True
    assert store.write_analysis(a, raw=b"original bytes") is False
    assert store.stats()["reports"] == 1 and store.stats()["events"] == 1
    back = store.load_analysis("r1")
    assert back is not None and back.events == a.events and back.actors == a.actors
    assert back.report.text == a.report.text and back.versions == {"test": "1"}
    assert store.original("ab" * 32) == b"original bytes"
    ev = store.rows("SELECT * FROM events")[0]
    assert (ev["start"], ev["end"], ev["text"]) == (7, 15, "detained")
    assert ev["extractor"] == "test.v1"
    assert store.get_report("r") is not None and store.get_report("R1").id == "r1"  # prefix, any case


def test_fact_without_report_is_refused(store_backend):
    store = store_backend
    with pytest.raises(store.integrity_errors):
        with store.conn:
            store.conn.execute(
                "INSERT INTO dates (id, report_id, extractor, data) VALUES ('x', 'missing', 'e', '{}')")
    assert store.stats()["dates"] == 0 and not store.conn.in_transaction


def test_sightings_and_sections_are_recorded_once(store_backend):
    store = store_backend
    a = _analysis()
    store.write_analysis(a)
    seen = Report(id="r1", text=a.report.text, outlet="Other Wire", url="https://example.org/x",
                  raw_sha256="cd" * 32)
    assert store.add_sighting("r1", seen, b"other bytes") is True
    assert store.add_sighting("r1", seen, b"other bytes") is False
    assert [s["outlet"] for s in store.sightings("r1")] == ["Other Wire"]
    store.add_section("r1", "r1-whole", 1, 2, 0, 70)
    store.add_section("r1", "r1-whole", 1, 2, 0, 70)
    assert store.rows('SELECT n, of, "end" FROM report_sections') == [{"n": 1, "of": 2, "end": 70}]


def test_full_text_search_and_bad_query(store_backend):
    store = store_backend
    store.write_analysis(_analysis())
    store.write_analysis(_analysis("r2"))
    assert {h["id"] for h in store.search("detained")} == {"r1", "r2"}
    assert store.search("nothing-like-this") == []
    assert store.search("DETAINED protesters")  # case-insensitive, every word
    # Stray syntax (a lone quote, a colon) searches the words instead of failing.
    assert {h["id"] for h in store.search('detained "')} == {"r1", "r2"}
    assert "[detained]" in store.search("detained")[0]["snippet"].lower()
    page = store.list_reports(q="protesters", limit=1)
    assert len(page.items) == 1 and page.has_more
    assert store.report_facets("protesters")["outlet"] == [{"value": "Test Wire", "n": 2}]


def test_quarantine_is_keyed_so_reruns_add_nothing(store_backend):
    store = store_backend
    q = Quarantined("in/bad.txt", "ingest", "BadInput", "in/bad.txt: empty file. Remove it.")
    store.quarantine(q)
    store.quarantine(q)
    assert store.stats()["quarantine"] == 1
    assert store.quarantined()[0]["source"] == "in/bad.txt"
    run = store.start_run(["in/"])
    assert store.start_run(["in/"]) == run + 1
    store.finish_run(run, {"stored": 0})


def test_fact_ids_are_minted_by_the_store(store_backend):
    """The writer, the reviewed view and the legal mappings give a fact the same id (store.fact_id)."""
    from factfinder.cases.mapping import map_analysis

    store = store_backend
    store.write_analysis(_analysis("r1"))
    assert store.fact_data("events", fact_id("r1", "events", 0))["plover"] == "COERCE"
    rv = store.reviewed_analysis("r1")
    assert [f.id for f in rv.events] == [fact_id("r1", "events", 0)]
    facts = [m.fact_id for m in map_analysis(rv.analysis) if m.fact_id is not None]
    assert facts and set(facts) == {fact_id("r1", "events", 0)}


# --------------------------------------------------------------------------- reads


def test_event_filters_and_aggregates(store_backend):
    store = store_backend
    store.write_analysis(_analysis("r1"))
    store.write_analysis(_analysis("r2", outlet="Second Wire"))
    both = {fact_id("r1", "events", 0), fact_id("r2", "events", 0)}
    assert {e["id"] for e in store.list_events(EventFilter()).items} == both
    assert {e["id"] for e in store.list_events(EventFilter(actor="Police")).items} == both
    assert {e["id"] for e in store.list_events(EventFilter(country="CZE", type="coerce")).items} == both
    assert store.list_events(EventFilter(actor="Poli")).items == []  # whole items only
    assert store.list_events(EventFilter(since="2024-10")).items == []
    assert len(store.list_events(EventFilter(until="2024-09"), order="rowid").items) == 2
    assert store.event_histogram(EventFilter()) == [{"month": "2024-09", "n": 2}]
    [point] = store.event_points(EventFilter())
    assert (point["name"], point["lat"], point["lon"], point["n"], point["types"]) == ("Ostrava", 49.83, 18.28,
                                                                                       2, "COERCE")
    assert store.network(EventFilter())["edges"]
    actors = {a["name"]: a for a in store.list_actors().items}
    assert actors["Police"]["reports"] == 2 and actors["Police"]["kinds"] == "organization"
    assert store.list_actors(name="poli").items[0]["name"] == "Police"
    summary = {a["canonical"]: a for a in store.actors_summary()}
    assert summary["Police"]["reports"] == 2 and summary["Police"]["countries"] == "CZE"


def test_undated_events_and_reports_list_last_newest_first(store_backend):
    import dataclasses

    store = store_backend
    a = _analysis("r1")
    undated = dataclasses.replace(a.events[0], date=None)
    store.write_analysis(dataclasses.replace(a, report=dataclasses.replace(a.report, id="r0", published=None),
                                             events=(undated,), actors=()))
    store.write_analysis(a)
    assert [e["id"] for e in store.list_events(EventFilter()).items] == ["r1:events:0", "r0:events:0"]
    assert [r["id"] for r in store.list_reports().items] == ["r1", "r0"]


def test_text_postgresql_cannot_hold_keeps_its_offsets(store_backend):
    """A NUL in a report (SQLite stores it; readers already refuse lone surrogates) is stored as one
    U+FFFD on PostgreSQL, so spans still point at the same characters."""
    store = store_backend
    text = "Police detained\x00 12 protesters in Ostrava."
    report = Report(id="odd", text=text, outlet="Test Wire")
    assert store.write_analysis(Analysis(report=report, versions={}))
    back = store.get_report("odd").text
    assert len(back) == len(text) and back[:15] == "Police detained" and back.endswith("in Ostrava.")


def test_review_amends_rejects_and_audits(store_backend):
    from factfinder.review import audit_log, record_review
    from factfinder.store.integrity import verify

    store = store_backend
    store.write_analysis(_analysis("r1"))
    store.write_analysis(_analysis("r2"))
    e1, e2 = fact_id("r1", "events", 0), fact_id("r2", "events", 0)
    assert record_review(store, "ana", "amend", "events", e1, value={"plover": "ASSAULT"}) is not None
    assert record_review(store, "ben", "reject", "events", e2, why="a duplicate") is not None
    assert record_review(store, "ana", "accept", "events", "r9:events:0") is None  # no such fact
    assert [e["id"] for e in store.list_events(EventFilter(type="ASSAULT")).items] == [e1]
    assert store.list_events(EventFilter(type="COERCE")).items == []
    assert [(r["who"], r["action"]) for r in audit_log(store)] == [("ana", "amend"), ("ben", "reject")]
    result = verify(store.conn)  # (the invented reports name originals they were not written with)
    assert result.audit_rows == 2 and not [p for p in result.problems if p.startswith("audit")]


def test_audit_rows_are_append_only(store_backend):
    from factfinder.review import record_review

    store = store_backend
    store.write_analysis(_analysis())
    record_review(store, "ana", "accept", "events", fact_id("r1", "events", 0))
    for sql in ("UPDATE audit SET who = 'mallory'", "DELETE FROM audit",
                "INSERT OR REPLACE INTO audit (id, at, who, action, target_table, target_id)"
                " VALUES (1, 'now', 'mallory', 'accept', 'events', 'x')"):
        with pytest.raises(store.integrity_errors, match="append-only"):
            with store.conn:
                store.conn.execute(sql)
    assert [r["who"] for r in store.rows("SELECT who FROM audit")] == ["ana"]


def test_accounts_sessions_and_the_app_secret(store_backend):
    from factfinder.api.auth import add_user, rotate_token, set_disabled, verify_token

    store = store_backend
    token = add_user(store, "dana", "editor")
    user = verify_token(store, token)
    assert user is not None and user.name == "dana" and user.can_write
    store.insert_session("s1", user.id, 2**40)
    assert store.live_session_user("s1", user.id, 1)["name"] == "dana"
    assert set_disabled(store, "dana", True) and verify_token(store, token) is None
    assert rotate_token(store, "nobody") is None
    assert store.app_secret("k", "first") == "first" and store.app_secret("k", "second") == "first"


def test_disputes_list_and_review_on_an_empty_store(store_backend):
    from factfinder.store.fusion import list_disputes, review_dispute

    assert list_disputes(store_backend)["items"] == []
    assert review_dispute(store_backend, "no-such-dispute", "confirm", "ana") is None


def test_stored_stories_read_at_once_are_those_read_one_by_one(store_backend):
    """FusionTables.stories (one read for a batch's candidate stories) gives what story gives for
    each: the centroid, the size, and the sampled members (the first and the latest two)."""
    from factfinder.ingest import fuse_stored
    from factfinder.store.fusion import FusionTables

    store = store_backend
    wire = [_analysis(f"w{i}", outlet=f"Desk {i}") for i in range(5)]  # one text: copies, one story
    other = Analysis(report=Report(id="q1", text="Floodwater closed the Varnok bridge on Tuesday, engineers said.",
                                   outlet="Teluria Post", published="2024-10-02"))
    for part in (wire[:3], [*wire[3:], other]):  # two batches: the story grows across them
        fresh = {a.report.id: a for a in part if store.write_analysis(a)}
        with store.write():
            fuse_stored(store, fresh)
    tables = FusionTables(store)
    sids = [r[0] for r in store.conn.execute("SELECT story_id FROM fusion_stories ORDER BY story_id")]
    assert len(sids) == 2
    got = tables.stories([*sids, "no-such-story", sids[0]])
    assert got == {sid: tables.story(sid) for sid in sids}
    big = max(got.values(), key=lambda s: s["size"])
    assert big["size"] == 5 and big["members"] == ["w0", "w3", "w4"]
    assert tables.stories([]) == {} and tables.stories(["no-such-story"]) == {}


# --------------------------------------------------------------------------- concurrency

_WRITER = """
import sys
sys.path.insert(0, {tests!r})
from test_store_backends import _analysis
from factfinder.store import open_store
store = open_store(sys.argv[1])
stored = sum(store.write_analysis(_analysis(f"r{{n}}")) for n in range(int(sys.argv[2]), int(sys.argv[3])))
print(stored)
"""


def test_two_processes_write_one_store_at_once(store_url):
    """Overlapping batches from two processes: every report stored once, none lost, no error."""
    open_store(store_url).close()  # migrated before the race (migrating at once is covered below)
    code = _WRITER.format(tests=str(Path(__file__).parent))
    procs = [subprocess.Popen([sys.executable, "-c", code, store_url, lo, hi], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for lo, hi in (("0", "30"), ("15", "45"))]
    outs = [p.communicate(timeout=240) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    assert sum(int(o[0]) for o in outs) == 45
    with open_store(store_url) as store:
        assert store.stats()["reports"] == 45 and store.stats()["events"] == 45


def test_threads_review_at_once_and_the_chain_holds(store_url):
    """Reviews from several connections at once: each audit row follows the one before (the writer
    lock spans reading the last hash and appending), and all are kept."""
    from factfinder.review import record_review
    from factfinder.store.integrity import verify

    with open_store(store_url) as store:
        for n in range(4):
            store.write_analysis(_analysis(f"r{n}"))
    errors: list[BaseException] = []

    def review(n: int) -> None:
        try:
            with open_store(store_url) as own:
                for k in range(5):
                    record_review(own, f"reviewer{n}", "accept" if k % 2 else "reject", "events",
                                  fact_id(f"r{n}", "events", 0), why=f"pass {k}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=review, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    with open_store(store_url) as store:
        result = verify(store.conn)
        assert result.audit_rows == 20 and not [p for p in result.problems if p.startswith("audit")], result.problems


def test_two_processes_open_a_new_store_at_once(store_url):
    code = ("import sys; from factfinder.store import open_store; s = open_store(sys.argv[1]);"
            " print(s.schema_version())")
    procs = [subprocess.Popen([sys.executable, "-c", code, store_url], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    assert len({o[0] for o in outs}) == 1


# --------------------------------------------------------------------------- a real ingest, both backends


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, pg_server):
    """The bundled samples ingested (parsed by the real pipeline) into a SQLite store and into a
    PostgreSQL database."""
    from factfinder.ingest import ingest

    path = str(tmp_path_factory.mktemp("samples") / "samples.db")
    pg_server.admin("CREATE DATABASE samples TEMPLATE factfinder_template")
    urls = {"sqlite": path, "postgresql": pg_server.url("samples")}
    summaries = {}
    for name, url in urls.items():
        with open_store(url) as store:
            summaries[name] = ingest(store, [SAMPLES], progress=False).to_dict()
    return urls, summaries


def _view(store) -> dict:
    """What the readers see of a store, in an order-free form."""
    events = store.list_events(EventFilter(), limit=200, order="rowid").items
    return {
        "stats": store.stats(),
        "reports": store.report_ids(),
        "events": sorted((e["id"], e["plover"], e["sources"], e["targets"]) for e in events),
        "analyses": [json.dumps(store.load_analysis(r).events[:3], default=repr) for r in store.report_ids()],
        "search": sorted(h["id"] for h in store.search("police")),
        "actors": sorted((a["name"], a["reports"]) for a in store.list_actors(limit=200).items),
        "stories": sorted(s["id"] for s in store.list_stories(limit=200).items),
        "facets": sorted(map(str, store.report_facets()["event_type"])),
        "types": store.event_types(),
    }


def test_a_real_ingest_reads_back_the_same_on_both(ingested):
    urls, summaries = ingested
    assert summaries["sqlite"]["stored"] > 3 and summaries["postgresql"] == summaries["sqlite"]
    with open_store(urls["sqlite"]) as lite, open_store(urls["postgresql"]) as pg:
        a, b = _view(lite), _view(pg)
        assert a["stats"]["events"] > 0 and a["search"]
        assert a == b


def test_a_real_ingest_reviews_and_audits_on_both(ingested):
    """The same rejection on both stores (so the module's later comparisons still compare like with like)."""
    from factfinder.review import record_review
    from factfinder.store.integrity import verify

    urls, _ = ingested
    with open_store(urls["sqlite"]) as lite:
        event = lite.list_events(EventFilter(), limit=1).items[0]["id"]
    for url in urls.values():
        with open_store(url) as store:
            before = store.stats()["events"]
            assert record_review(store, "ana", "reject", "events", event, why="not an arrest") is not None
            assert event not in {e["id"] for e in store.list_events(EventFilter(), limit=200).items}
            with pytest.raises(store.integrity_errors, match="append-only"):
                store.conn.execute("DELETE FROM audit")
            store.conn.rollback()
            result = verify(store.conn)
            assert result.audit_rows == 1 and result.originals > 0 and not result.problems
            assert store.stats()["events"] == before  # a rejection hides, never deletes


def test_the_cli_reads_a_postgresql_store(ingested):
    from click.testing import CliRunner

    from factfinder.cli import main

    urls, _ = ingested
    runner = CliRunner()
    for args in (["stats"], ["events", "--limit", "5"], ["search", "police"], ["stories"], ["verify"]):
        res = runner.invoke(main, [*args, "--db", urls["postgresql"], "--json"], catch_exceptions=False)
        assert res.exit_code == 0, (args, res.output)
        assert json.loads(res.output), args
    res = runner.invoke(main, ["backup", "copy.dump", "--db", urls["postgresql"]])
    assert res.exit_code != 0 and "pg_dump" in res.output


# --------------------------------------------------------------------------- the PostgreSQL dialect


def test_statements_translate_to_postgresql():
    from factfinder.store.postgres import display, translate

    keys = {"actors": ("id",), "pairs": ("a", "b")}
    assert translate("SELECT x FROM t WHERE a = ? AND b LIKE ? ESCAPE '\\'", keys) == \
        "SELECT x FROM t WHERE a = $1 AND b ILIKE $2 ESCAPE '\\'"
    # literals and quoted names are never rewritten
    assert translate("SELECT 'why? like this' FROM t WHERE \"end\" = ?", keys) == \
        "SELECT 'why? like this' FROM t WHERE \"end\" = $1"
    assert translate("INSERT OR IGNORE INTO t (a) VALUES (?)", keys) == \
        "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING"
    assert translate("INSERT OR REPLACE INTO actors (id, name) VALUES (?, ?)", keys) == \
        'INSERT INTO actors (id, name) VALUES ($1, $2) ON CONFLICT ("id") DO UPDATE SET "name" = EXCLUDED."name"'
    assert translate("INSERT OR REPLACE INTO pairs (a, b) VALUES (?, ?) RETURNING a", keys) == \
        'INSERT INTO pairs (a, b) VALUES ($1, $2) ON CONFLICT ("a", "b") DO NOTHING RETURNING a'
    assert translate("SELECT id FROM events INDEXED BY events_date WHERE 1 = 1", keys) == \
        "SELECT id FROM events WHERE 1 = 1"
    assert display("postgresql://ana:s3cret@db.example:5432/facts") == "postgresql://ana:***@db.example:5432/facts"


def test_a_server_that_is_not_there_is_a_clear_error():
    from factfinder.errors import StoreError

    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as err:
        open_store("postgresql://ana:s3cret@127.0.0.1:9/nothing?connect_timeout=2")
    assert "s3cret" not in str(err.value)


def test_the_web_app_keeps_its_session_key_in_a_postgresql_store(pg_url):
    from factfinder.api.auth import load_secret

    key = load_secret(pg_url)
    assert len(key) == 32 and load_secret(pg_url) == key  # every app server of the store signs alike


def test_the_web_app_serves_a_postgresql_store_as_it_serves_sqlite(ingested):
    """Every list of the JSON API, a detail of each, and every page, on both stores: the same items."""
    from fastapi.testclient import TestClient

    from factfinder.api.app import create_app
    from factfinder.api.auth import add_user

    urls, _ = ingested
    seen: dict[str, dict[str, object]] = {}
    for name, url in urls.items():
        with open_store(url) as store:
            auth = {"Authorization": f"Bearer {add_user(store, f'web-{name}', 'admin')}"}
        out: dict[str, object] = {}
        with TestClient(create_app(url)) as client:
            for path in ("/stats", "/reports", "/facets", "/actors", "/events", "/network", "/quotes", "/claims",
                         "/stories", "/contradictions", "/disputes", "/cases", "/audit", "/review-queue",
                         "/reports?q=police", "/events?country=France", "/events?type=COERCE", "/events?actor=police"):
                resp = client.get("/api" + path, headers=auth)
                assert resp.status_code == 200, (name, path, resp.text[:300])
                body = resp.json()
                items = body.get("items") if isinstance(body, dict) else None
                if isinstance(items, list):
                    keys = sorted(json.dumps(i.get("id", i.get("name")), default=str) for i in items)
                    out[path] = keys
                    if keys and path in ("/reports", "/actors", "/events", "/quotes", "/stories"):
                        first = items[0].get("id") or items[0].get("name")
                        detail = client.get(f"/api{path}/{first}", headers=auth)
                        assert detail.status_code == 200, (name, path, first, detail.text[:300])
            for page in ("/", "/events", "/actors", "/map", "/network", "/stories", "/cases", "/review", "/audit"):
                resp = client.get(page, headers=auth)
                assert resp.status_code == 200, (name, page, resp.text[:300])
        seen[name] = out
    assert seen["postgresql"] == seen["sqlite"]


def test_a_case_assembles_the_same_on_both(ingested, tmp_path):
    """A case over every sample report: created, selected through the legal cache, built, on both."""
    from click.testing import CliRunner

    from factfinder.cli import main

    urls, _ = ingested
    runner = CliRunner()
    built = {}
    for name, url in urls.items():
        res = runner.invoke(main, ["case", "new", "Samples", "--since", "1990-01-01", "--db", url],
                            catch_exceptions=False)
        assert res.exit_code == 0, res.output
        case_id = res.output.strip().splitlines()[-1]
        out = tmp_path / f"{name}.json"
        res = runner.invoke(main, ["case", "build", case_id, "--format", "json", "--out", str(out), "--db", url],
                            catch_exceptions=False)
        assert res.exit_code == 0, res.output
        built[name] = json.loads(out.read_text(encoding="utf-8"))
    for dossier in built.values():  # what differs by design: the case id and the time each store read its files
        dossier["case"].pop("id")
        for note in dossier["footnotes"]:
            note.pop("captured_at")
    assert built["sqlite"]["evidence"] and built["sqlite"]["footnotes"]
    assert built["postgresql"] == built["sqlite"]


def test_postgresql_refuses_truncating_the_audit(pg_url):
    from factfinder.review import record_review

    with open_store(pg_url) as store:
        store.write_analysis(_analysis())
        record_review(store, "ana", "accept", "events", fact_id("r1", "events", 0))
        with pytest.raises(store.integrity_errors, match="append-only"):
            with store.conn:
                store.conn.execute("TRUNCATE audit CASCADE")
        assert store.rows("SELECT count(*) AS n FROM audit") == [{"n": 1}]


def test_two_ingests_into_one_postgresql_store_at_once(ingested, pg_url):
    """Two `factfinder ingest` processes over the same samples, into one PostgreSQL store at once: every
    report once, and the stories fusion makes are the ones one ingest makes alone."""
    urls, _ = ingested
    cmd = [sys.executable, "-m", "factfinder.cli", "ingest", str(SAMPLES), "--db", pg_url]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1][-2000:] for o in outs]
    with open_store(pg_url) as both, open_store(urls["sqlite"]) as alone:
        assert both.stats() == alone.stats()
        assert sorted(s["reports"] for s in both.list_stories(limit=200).items) == \
            sorted(s["reports"] for s in alone.list_stories(limit=200).items)
