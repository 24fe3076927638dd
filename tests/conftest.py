"""Shared fixtures: the real corpus and gold in ../shared (skipped cleanly when absent),
and one spaCy pipeline per test session."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "reports.jsonl"
SEED_GOLD = SHARED / "gold" / "seed.json"
EVAL = SHARED / "eval"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not found: clone the shared data beside this repo (../shared) to run this test")
    return path


@pytest.fixture(scope="session")
def nlp():
    from factfinder.nlp import load

    return load()


@pytest.fixture(scope="session")
def corpus_reports():
    """The 10 real reports of ../shared/corpus/reports.jsonl as Report records."""
    from factfinder.records import Report

    path = need_shared(CORPUS)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Report(**{k: d.get(k) for k in ("id", "text", "url", "outlet", "published", "dateline",
                                                       "title", "story")}))
    return out


@pytest.fixture(scope="session")
def seed_report(corpus_reports):
    return next(r for r in corpus_reports if r.id == "ap-2024-09-30-lithuania-icc")


@pytest.fixture(scope="session")
def seed_gold():
    return json.loads(need_shared(SEED_GOLD).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_doc(nlp, seed_report):
    return nlp(seed_report.text)


@pytest.fixture(scope="session")
def seed_analysis(seed_report):
    from factfinder.pipeline import analyse

    return analyse(seed_report)


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    """A store holding the 10 real corpus reports, ingested once per test session (read-only use)."""
    from factfinder.ingest import ingest
    from factfinder.store import open_store

    path = tmp_path_factory.mktemp("corpus-store") / "corpus.db"
    with open_store(path) as store:
        summary = ingest(store, [need_shared(CORPUS)], progress=False)
    assert summary.stored == 10, summary.to_dict()
    return path


# --------------------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server on 127.0.0.1 for this test session (tests/pg_server.py), with a
    template database already migrated, so each test's fresh database is a quick copy."""
    import pg_server as pg

    why = pg.unavailable()
    if why:
        if os.environ.get("FACTFINDER_REQUIRE_PG"):  # CI: a missing server is a failure, not a skip
            pytest.fail(f"FACTFINDER_REQUIRE_PG is set but no PostgreSQL server can start: {why}")
        pytest.skip(f"PostgreSQL tests need a server: {why}")
    server = pg.start()
    try:
        from factfinder.store import open_store

        server.admin("CREATE DATABASE factfinder_template")
        open_store(server.url("factfinder_template")).close()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server):
    """The URL of a fresh, migrated, empty PostgreSQL database (dropped after the test)."""
    import uuid

    name = f"t_{uuid.uuid4().hex[:12]}"
    pg_server.admin(f"CREATE DATABASE {name} TEMPLATE factfinder_template")
    yield pg_server.url(name)
    pg_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """Where a fresh store is, on each backend in turn: a SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "s.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store_backend(store_url):
    """A fresh, open store on each backend in turn (the shared store suite, tests/test_store_backends.py)."""
    from factfinder.store import open_store

    store = open_store(store_url)
    yield store
    store.release()


@pytest.fixture(scope="session")
def one_process(tmp_path_factory):
    """The bundled samples ingested by one process: (database, summary), the reference for runs
    spread over forked workers or a Dask cluster (tests/sample_counts.py counts their facts)."""
    from factfinder.ingest import ingest
    from factfinder.store import open_store

    from sample_counts import SAMPLES

    db = tmp_path_factory.mktemp("one") / "one.db"
    with open_store(str(db)) as store:
        summary = ingest(store, [SAMPLES], progress=False)
    assert summary.complete and summary.stored == 7
    return db, summary
