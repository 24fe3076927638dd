"""The store opens in Datasette unchanged: tables browse, full-text search is detected."""

from __future__ import annotations

import asyncio

import pytest

datasette_app = pytest.importorskip("datasette.app", reason="datasette is a test dependency (requirements.lock)")


def test_store_opens_in_datasette(corpus_db):
    async def check():
        ds = datasette_app.Datasette([str(corpus_db)])
        name = corpus_db.stem
        tables = await ds.client.get(f"/{name}.json")
        assert tables.status_code == 200
        reports = await ds.client.get(f"/{name}/reports.json?_shape=array")
        assert reports.status_code == 200 and len(reports.json()) == 10
        hits = await ds.client.get(f"/{name}/reports.json?_search=crackdown&_shape=array")
        assert hits.status_code == 200 and any(r["id"] == "ap-2024-09-30-lithuania-icc" for r in hits.json())
        events = await ds.client.get(f"/{name}/events.json?plover=COERCE&_shape=array")
        assert events.status_code == 200 and events.json()

    asyncio.run(check())
