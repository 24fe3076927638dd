"""Shared fixtures: the real corpus and gold in ../shared (skipped cleanly when absent),
and one spaCy pipeline per test session."""

from __future__ import annotations

import json
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
