"""Exports from the store (JSONL, CSV, PLOVER JSON, CAMEO TSV, GeoJSON, GraphML) and parallel ingest."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import xml.etree.ElementTree as ET

from click.testing import CliRunner

from conftest import CORPUS
from factfinder.cli import main


def export(db, fmt: str) -> str:
    res = CliRunner().invoke(main, ["export", "--format", fmt, "--db", str(db)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.stdout


def n_events(db) -> int:
    return sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone()[0]


def test_tabular_and_plover_exports(corpus_db):
    total = n_events(corpus_db)
    rows = list(csv.DictReader(io.StringIO(export(corpus_db, "csv"))))
    assert len(rows) == total
    assert {"plover", "cameo", "sources", "targets", "asserted_by", "start", "end"} <= set(rows[0])
    plover = [json.loads(line) for line in export(corpus_db, "plover").splitlines()]
    assert 0 < len(plover) <= total  # records without PLOVER's required fields are left out
    referral = next(p for p in plover if "referred" in p["event_text"])
    assert referral["event"] == ["ACCUSE"]
    tsv = export(corpus_db, "cameo").splitlines()
    header = tsv[0].split("\t")
    assert 1 < len(tsv) <= total + 1 and all(len(line.split("\t")) == len(header) for line in tsv[1:])
    jsonl = [json.loads(line) for line in export(corpus_db, "jsonl").splitlines()]
    assert len(jsonl) == 10 and all(a["report"]["text"] for a in jsonl)


def test_geojson_and_graphml(corpus_db):
    geo = json.loads(export(corpus_db, "geojson"))
    assert geo["type"] == "FeatureCollection" and geo["features"]
    for f in geo["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and f["properties"]["report_id"]
    graph = ET.fromstring(export(corpus_db, "graphml"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = graph.findall(".//g:node", ns)
    edges = graph.findall(".//g:edge", ns)
    assert nodes and edges
    names = {n.find("g:data", ns).text for n in nodes}
    assert "Lithuania" in names


def test_parallel_ingest_gives_the_same_store(tmp_path, corpus_db):
    db = tmp_path / "parallel.db"
    res = CliRunner().invoke(main, ["ingest", str(CORPUS), "--db", str(db), "--workers", "2", "--no-progress"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    one, two = sqlite3.connect(corpus_db), sqlite3.connect(db)
    for table in ("reports", "mentions", "events", "quotes", "dates", "places"):
        q = (f"SELECT id, data FROM {table} ORDER BY id" if table != "reports"
             else "SELECT id, text FROM reports ORDER BY id")
        assert one.execute(q).fetchall() == two.execute(q).fetchall(), table


# -- the reviewed view, and each format loaded the way its users load it ------------------------------
from datetime import date  # noqa: E402

import pytest  # noqa: E402

from reviewed_sample import build  # noqa: E402  (tests/: invented reports)


def _event_id(db, report: str, plover: str) -> str:
    row = sqlite3.connect(db).execute("SELECT id FROM events WHERE report_id = ? AND plover = ? ORDER BY rowid",
                                      (report, plover)).fetchone()
    assert row, (report, plover)
    return row[0]


def _review(db, *args: str) -> None:
    res = CliRunner().invoke(main, ["review", *args, "--who", "alice", "--db", str(db)], catch_exceptions=False)
    assert res.exit_code == 0, res.output


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """A store with one event rejected, two amended (one to a formula-like name) and one accepted."""
    db = build(tmp_path_factory.mktemp("reviewed"))
    ids = {"rejected": _event_id(db, "nw-1", "ACCUSE"), "amended": _event_id(db, "nw-1", "ASSAULT"),
           "formula": _event_id(db, "bay/2", "ACCUSE"), "accepted": _event_id(db, "nw-1", "COERCE")}
    _review(db, "reject", ids["rejected"], "--why", "an opinion, not an accusation")
    _review(db, "amend", ids["amended"], "--value", '{"sources": ["Riot police"]}')
    _review(db, "amend", ids["formula"], "--value", '{"sources": ["=HYPERLINK(\\"http://x\\")"]}')
    _review(db, "accept", ids["accepted"])
    return db, ids


def _export(db, fmt: str, *extra: str):
    res = CliRunner().invoke(main, ["export", "--format", fmt, "--db", str(db), *extra], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res


def test_csv_is_acled_style_and_reviewed(reviewed):
    pd = pytest.importorskip("pandas")
    db, ids = reviewed
    df = pd.read_csv(io.StringIO(_export(db, "csv").stdout), keep_default_na=False, dtype=str)
    for col in ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
                "assoc_actor_1", "actor2", "assoc_actor_2", "iso", "country", "admin1", "location", "latitude",
                "longitude", "geo_precision", "source", "notes", "fatalities", "review"):
        assert col in df.columns, col
    assert ids["rejected"] not in set(df.fact_id)
    assert len(df) == n_events(db) - 1
    by_id = df.set_index("fact_id")
    assert by_id.loc[ids["amended"], "actor1"] == "Riot police"
    assert by_id.loc[ids["amended"], "review"] == "amended"
    assert by_id.loc[ids["accepted"], "review"] == "accepted"
    assert set(df.review) <= {"unreviewed", "accepted", "amended"}
    # A spreadsheet must not run an amended name as a formula.
    assert by_id.loc[ids["formula"], "actor1"].startswith("'=")
    # pandas parses every date (ISO, or empty when unknown) and every coordinate.
    dates = pd.to_datetime(df.event_date.replace("", None), format="%Y-%m-%d", errors="raise")
    assert dates.notna().any()
    pd.to_numeric(df.latitude.replace("", None), errors="raise")
    # The killing's toll is joined from its magnitude; the map point of Minsk knows its country.
    assert by_id.loc[ids["amended"], "fatalities"] == "3"
    minsk = df[df.location == "Minsk"]
    assert not minsk.empty and set(minsk.country) == {"Belarus"} and set(minsk.iso) == {"112"}
    assert set(df.time_precision) <= {"1", "2", "3"}


def test_reviewed_only(reviewed):
    db, ids = reviewed
    rows = list(csv.DictReader(io.StringIO(_export(db, "csv", "--reviewed-only").stdout)))
    assert {r["fact_id"] for r in rows} == {ids["amended"], ids["formula"], ids["accepted"]}


def test_plover_records_follow_the_manual(reviewed):
    db, ids = reviewed
    res = _export(db, "plover")
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert recs and ids["rejected"] not in {r["fact_id"] for r in recs}
    for r in recs:
        # PLOVER 0.7: id, date, actor and event are required; event is a list; recipient a list.
        assert r["id"] and r["actor"] and isinstance(r["event"], list) and isinstance(r["recipient"], list)
        date.fromisoformat(r["date"])
        assert {"start", "end"} <= set(r["text_info"]) and "publication" in r["cite_info"]
        assert isinstance(r["event_text"], list)
        assert not {"source", "target", "eventText", "eventLoc"} & set(r)
        for actor in r["actor"] + r["recipient"]:
            assert "actor_text" in actor
        if "event_loc" in r:
            loc = r["event_loc"]
            assert "geonameid" in loc and (loc["cc3"] is None or len(loc["cc3"]) == 3)
    amended = next(r for r in recs if r["fact_id"] == ids["amended"])
    assert amended["actor"][0]["actor_text"] == "Riot police" and amended["review"] == "amended"
    # Events without an actor are not written, and the CLI says how many and why.
    without_actor = sqlite3.connect(db).execute(
        "SELECT count(*) FROM events e LEFT JOIN reviews v ON v.target_id = e.id WHERE e.sources = ''"
        " AND coalesce(v.status, '') NOT IN ('rejected', 'amended')").fetchone()[0]
    assert without_actor and f"not written: {without_actor} (no actor)" in res.stderr


def test_gdelt_tsv_uses_fips_integer_ids_and_day_dates(reviewed):
    from factfinder.export_events import GDELT_COLUMNS

    db, _ids = reviewed
    lines = _export(db, "cameo").stdout.splitlines()
    assert lines[0].split("\t") == list(GDELT_COLUMNS) and len(GDELT_COLUMNS) == 61
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    assert rows
    for r in rows:
        int(r["GLOBALEVENTID"])
        assert len(r["SQLDATE"]) == 8 and date(int(r["SQLDATE"][:4]), int(r["SQLDATE"][4:6]), int(r["SQLDATE"][6:]))
        assert r["MonthYear"] == r["SQLDATE"][:6] and r["Year"] == r["SQLDATE"][:4]
        assert int(r["NumSources"]) >= 1 and int(r["NumArticles"]) >= int(r["NumSources"])
    geo = {r["ActionGeo_FullName"]: r["ActionGeo_CountryCode"] for r in rows if r["ActionGeo_FullName"]}
    assert geo["Minsk"] == "BO" and "BY" not in geo.values()  # Belarus is BO in FIPS 10-4 (BY is Burundi)


def test_fips_table():
    from factfinder.export_events import fips

    pairs = {"BY": "BO", "LT": "LH", "DE": "GM", "GB": "UK", "BI": "BY", "LS": "LT"}  # ISO -> FIPS
    assert {iso: fips(iso) for iso in pairs} == pairs
    assert fips("US") == "US" and fips("ZZ") == ""


def test_event_day_rules():
    from factfinder.export_events import event_day
    from factfinder.records import Event, Report, Span, TimeValue

    rep = Report(id="r", text="x", published="2024-05-20")
    span = Span("r", 0, 1, "x")

    def ev(value):
        return Event(trigger=span, sentence=span, plover="COERCE",
                     date=TimeValue(None, value, "day") if value else None)

    assert event_day(ev("2024-05-18"), rep)[0] == "2024-05-18"
    assert event_day(ev(None), rep)[0] == "2024-05-20"
    assert event_day(ev("2024-05"), rep)[0] == "2024-05-20"  # the publication day lies in the event's month
    assert event_day(ev("2019"), rep)[0] is None  # never the publication day for an older, coarse date


def test_geojson_carries_ids_country_precision_outlet_review(reviewed):
    db, ids = reviewed
    geo = json.loads(_export(db, "geojson").stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    for f in geo["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2
        p = f["properties"]
        assert f["id"] == p["fact_id"] and p["outlet"] and p["review"] in {"unreviewed", "accepted", "amended"}
        assert p["geo_precision"] in (1, 2, 3) and (p["country"] is None or len(p["country"]) == 3)
    assert "BLR" in {f["properties"]["country"] for f in geo["features"]}
    assert ids["rejected"] not in {f["id"] for f in geo["features"]}


def test_graphml_nodes_are_identities(reviewed):
    db, _ids = reviewed
    graph = ET.fromstring(_export(db, "graphml").stdout)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {k.get("id"): k.get("attr.name") for k in graph.findall("g:key", ns)}
    assert {"name", "identity", "kind", "country"} <= set(keys)
    nodes = graph.findall(".//g:node", ns)
    names = [next(d.text for d in n.findall("g:data", ns) if d.get("key") == "name") for n in nodes]
    assert len(names) == len(set(names)) and "Riot police" in names and "Riot" not in names
    ids = {n.get("id") for n in nodes}
    edges = graph.findall(".//g:edge", ns)
    assert edges and all(e.get("source") in ids and e.get("target") in ids for e in edges)
    assert len({(e.get("source"), e.get("target"), e.find("g:data", ns).text) for e in edges}) == len(edges)


def test_api_lists_are_reviewed(reviewed):
    from factfinder.store import open_store
    from factfinder.store.reads import EventFilter

    db, ids = reviewed
    store = open_store(db)
    items = store.list_events(EventFilter(), limit=200).items
    by_id = {r["id"]: r for r in items}
    assert ids["rejected"] not in by_id
    assert by_id[ids["amended"]]["sources"] == "Riot police"
    assert by_id[ids["amended"]]["review_status"] == "amended"
    assert by_id[ids["accepted"]]["review_status"] == "accepted"
    assert by_id[ids["accepted"]]["report_title"] == "Arrests after rally in Minsk"  # pages name reports so
    report = store.report_detail("nw-1")
    assert ids["rejected"] not in {e["id"] for e in report["events"]}
    edges = store.network(EventFilter())["edges"]
    assert any(e["source"] == "Riot police" for e in edges) and not any(e["source"] == "Riot" for e in edges)
    assert not any(e["target"] == "opposition" for e in edges)
    # The rejected event stays reachable by id, with its review, for the audit trail.
    assert store.event_detail(ids["rejected"])["review"]["status"] == "rejected"
    store.close()


# -- XLSX and pandas: the CSV's reviewed table, typed ---------------------------------------------------
def _with_rejected_quote(reviewed, tmp_path):
    """A copy of the reviewed store with its first quote rejected too (the shared store stays as it is)."""
    import shutil

    db, ids = reviewed
    copy = tmp_path / "quotes.db"
    shutil.copy(db, copy)
    quote = sqlite3.connect(copy).execute("SELECT id FROM quotes ORDER BY rowid").fetchone()[0]
    _review(copy, "reject", quote, "--why", "not a quote")
    return copy, ids, quote


def test_xlsx_is_the_reviewed_csv_typed(reviewed, tmp_path):
    from datetime import datetime

    openpyxl = pytest.importorskip("openpyxl")
    from factfinder.export import ACLED_COLUMNS

    db, ids, quote = _with_rejected_quote(reviewed, tmp_path)
    out = tmp_path / "facts.xlsx"
    res = _export(db, "xlsx", "--out", str(out))
    assert "events" in res.stderr and "quotes" in res.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["events", "quotes", "actors"]
    assert all(ws.freeze_panes == "A2" for ws in wb.worksheets)
    ws = wb["events"]
    header = [c.value for c in ws[1]]
    assert header == ACLED_COLUMNS  # the CSV's columns, in the CSV's order
    rows = [dict(zip(header, (c for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    csv_rows = {r["fact_id"]: r for r in csv.DictReader(io.StringIO(_export(db, "csv").stdout))}
    by_id = {r["fact_id"].value: r for r in rows}
    assert set(by_id) == set(csv_rows) and ids["rejected"] not in by_id
    amended = by_id[ids["amended"]]
    assert amended["actor1"].value == "Riot police" and amended["review"].value == "amended"
    assert by_id[ids["accepted"]]["review"].value == "accepted"
    assert amended["fatalities"].value == 3 and amended["fatalities"].data_type == "n"
    # A name that looks like a formula is a text cell holding the name itself.
    formula = by_id[ids["formula"]]["actor1"]
    assert formula.data_type == "s" and formula.value.startswith("=HYPERLINK")
    for fid, r in by_id.items():
        day = r["event_date"].value
        if csv_rows[fid]["event_date"]:
            assert isinstance(day, datetime) and day.date().isoformat() == csv_rows[fid]["event_date"]
        else:
            assert day is None
        assert isinstance(r["time_precision"].value, int)
        lat = r["latitude"].value
        assert lat is None or (isinstance(lat, float) and str(lat) == csv_rows[fid]["latitude"])
        assert r["notes"].value == csv_rows[fid]["notes"]
    quotes = wb["quotes"]
    qhead = [c.value for c in quotes[1]]
    qrows = [dict(zip(qhead, r, strict=True)) for r in quotes.iter_rows(min_row=2, values_only=True)]
    assert qrows and quote not in {q["fact_id"] for q in qrows}
    assert all(q["review"] == "unreviewed" and isinstance(q["direct"], bool) for q in qrows)
    actors = wb["actors"]
    ahead = [c.value for c in actors[1]]
    arows = {r[ahead.index("name")]: dict(zip(ahead, r, strict=True))
             for r in actors.iter_rows(min_row=2, values_only=True)}
    assert arows["Riot police"]["events_as_actor"] >= 1 and isinstance(arows["Riot police"]["reports"], int)


def test_to_pandas_gives_the_reviewed_view_with_parsed_dtypes(reviewed, tmp_path):
    pd = pytest.importorskip("pandas")
    import factfinder

    db, ids, quote = _with_rejected_quote(reviewed, tmp_path)
    frames = factfinder.to_pandas(db)
    events, quotes, actors = frames["events"], frames["quotes"], frames["actors"]
    assert pd.api.types.is_datetime64_any_dtype(events["event_date"])
    assert pd.api.types.is_datetime64_any_dtype(quotes["published"])
    assert str(events["fatalities"].dtype) == "Int64" and str(events["latitude"].dtype) == "Float64"
    assert str(events["negated"].dtype) == "boolean" and str(actors["reports"].dtype) == "Int64"
    assert ids["rejected"] not in set(events.fact_id) and quote not in set(quotes.fact_id)
    by_id = events.set_index("fact_id")
    assert by_id.loc[ids["amended"], "actor1"] == "Riot police" and by_id.loc[ids["amended"], "fatalities"] == 3
    assert by_id.loc[ids["accepted"], "review"] == "accepted"
    assert events["fatalities"].isna().any()  # unknown is missing, not 0
    minsk = events[events.location == "Minsk"]
    assert (minsk.event_date.dt.year == 2024).all() and set(minsk.iso3) == {"BLR"}
    only = factfinder.to_pandas(db, reviewed_only=True)["events"]
    assert set(only.fact_id) == {ids["amended"], ids["formula"], ids["accepted"]}


# -- identities in every view; "? -> ?" events hidden from the events list -------------------------------
@pytest.fixture(scope="module")
def spellings(tmp_path_factory):
    from reviewed_sample import build_spellings, spelling_identity

    db = build_spellings(tmp_path_factory.mktemp("spellings"))
    return db, *spelling_identity(db)


def _events_cli(db, *extra: str) -> list[str]:
    res = CliRunner().invoke(main, ["events", "--db", str(db), *extra], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.stdout.splitlines()


def test_events_list_shows_identities_and_hides_unknown_pairs(spellings):
    db, name, other = spellings
    shown = _events_cli(db)
    everything = _events_cli(db, "--include-unknown")
    # One name for the person in both outlets' events; the other spelling is not shown.
    assert not any(other in line for line in everything)
    assert {r for r in ("lk-1", "ps-2") if any(name in ln and f"[{r} " in ln for ln in shown)} == {"lk-1", "ps-2"}
    # Events with neither side known are left out unless asked for, and nothing else is.
    unknown = sqlite3.connect(db).execute(
        "SELECT count(*) FROM events WHERE sources = '' AND targets = ''").fetchone()[0]
    assert unknown and not any(" ? -> ? " in ln for ln in shown)
    assert len(everything) - len(shown) == unknown == sum(" ? -> ? " in ln for ln in everything)


def test_an_amended_unknown_pair_is_listed(spellings, tmp_path):
    import shutil

    db = tmp_path / "amend.db"
    shutil.copy(spellings[0], db)
    eid, rid, start, end = sqlite3.connect(db).execute(
        'SELECT id, report_id, start, "end" FROM events WHERE sources = \'\' AND targets = \'\'').fetchone()
    where = f"[{rid} {start}:{end}]"
    assert not any(where in ln for ln in _events_cli(db))
    _review(db, "amend", eid, "--value", '{"sources": ["Interior Ministry"]}')
    line = next(ln for ln in _events_cli(db) if where in ln)  # a reviewer named the actor: no longer "? -> ?"
    assert " Interior Ministry -> ?" in line


def test_network_and_graphml_fold_spellings(spellings):
    from factfinder.store import open_store
    from factfinder.store.reads import EventFilter

    db, name, other = spellings
    with open_store(db) as store:
        nodes = {n["id"] for n in store.network(EventFilter())["nodes"]}
    assert name in nodes and other not in nodes
    text = export(db, "graphml")
    try:
        import networkx as nx
    except ImportError:
        ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
        graph = ET.fromstring(text)
        names = [d.text for d in graph.iter(f"{{{ns['g']}}}data") if d.get("key") == "name"]
    else:
        g = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
        names = [d["name"] for _n, d in g.nodes(data=True)]
    assert names.count(name) == 1 and other not in names


def test_csv_xlsx_and_geojson_name_actors_as_identities(spellings, tmp_path):
    pd = pytest.importorskip("pandas")
    import factfinder

    db, name, other = spellings
    df = pd.read_csv(io.StringIO(export(db, "csv")), keep_default_na=False, dtype=str)
    spelled = df[df.sources.str.contains(other, regex=False)]
    assert not spelled.empty  # the report's own spelling stays in `sources` ...
    assert set(spelled.source_identities) == {name}  # ... and the identity is named one way
    assert not df.source_identities.str.contains(other, regex=False).any()
    frames = factfinder.to_pandas(db)
    assert not frames["events"].source_identities.str.contains(other, regex=False).any()
    actors = frames["actors"].set_index("name")
    assert other not in actors.index and set(actors.loc[name, "spellings"].split("; ")) == {name, other}
    assert actors.loc[name, "reports"] == 2
    for f in json.loads(export(db, "geojson"))["features"]:
        assert other not in f["properties"]["source_identities"] + f["properties"]["target_identities"]
