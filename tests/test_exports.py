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
    return res.output


def n_events(db) -> int:
    return sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone()[0]


def test_tabular_and_plover_exports(corpus_db):
    total = n_events(corpus_db)
    rows = list(csv.DictReader(io.StringIO(export(corpus_db, "csv"))))
    assert len(rows) == total and {"plover", "cameo", "sources", "targets", "asserted_by", "start", "end"} <= set(rows[0])
    plover = [json.loads(line) for line in export(corpus_db, "plover").splitlines()]
    assert len(plover) == total
    referral = next(p for p in plover if p.get("eventText") == "referred" or "referred" in json.dumps(p))
    assert referral["event"] == "ACCUSE"
    tsv = export(corpus_db, "cameo").splitlines()
    header = tsv[0].split("\t")
    assert len(tsv) == total + 1 and all(len(line.split("\t")) == len(header) for line in tsv[1:])
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
        q = f"SELECT id, data FROM {table} ORDER BY id" if table != "reports" else "SELECT id, text FROM reports ORDER BY id"
        assert one.execute(q).fetchall() == two.execute(q).fetchall(), table
