"""Cross-report actor identities on the real corpus store and on small reports written here."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from factfinder.cli import main
from factfinder.derive.identities import StoredActor, assign_block, describe, fold_token
from factfinder.ingest import ingest, link_identities
from factfinder.store import open_store
from factfinder.store.identities import IdentityTables


def identities_by_name(db: Path) -> dict[str, set[str]]:
    """canonical name -> the identity ids its actors carry."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out: dict[str, set[str]] = {}
    for canonical, iid in conn.execute(
            "SELECT a.canonical, i.identity_id FROM actors a JOIN actor_identities i ON i.actor_id = a.id"):
        out.setdefault(canonical, set()).add(iid)
    conn.close()
    return out


def mapping(db: Path) -> dict[str, tuple[str, str]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT actor_id, identity_id, name FROM actor_identities")}
    conn.close()
    return rows


def one(ids: dict[str, set[str]], *names: str) -> str:
    found = set().union(*(ids[n] for n in names))
    assert len(found) == 1, {n: ids[n] for n in names}
    return found.pop()


@pytest.fixture
def store_copy(corpus_db, tmp_path):
    """A writable copy of the session corpus store (the fixture itself is only read)."""
    path = tmp_path / "copy.db"
    src = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return path


def test_every_corpus_actor_is_linked(corpus_db):
    conn = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    left = conn.execute("SELECT count(*) FROM actors WHERE id NOT IN (SELECT actor_id FROM actor_identities)")
    assert left.fetchone()[0] == 0
    conn.close()


def test_transliteration_variants_are_one_identity(corpus_db):
    ids = identities_by_name(corpus_db)
    luk = one(ids, "Alexander Lukashenko", "Aleksandr Lukashenka", "Alexandr Lukashenko", "Lukashenka", "Lukashenko")
    tsi = one(ids, "Sviatlana Tsikhanouskaya", "Svyatlana Tsikhanouskaya")
    husband = one(ids, "Siarhei Tsikhanouski")
    assert len({luk, tsi, husband}) == 3
    assert one(ids, "Vladimir Putin", "Putin") not in {luk, tsi, husband}
    # Governments named after their leader, spelled three ways, are one identity too.
    one(ids, "Alexander Lukashenko government", "Aleksandr Lukashenka government", "Alexandr Lukashenko government")


def test_states_and_governments_by_iso_code(corpus_db):
    conn = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    rows = conn.execute("SELECT a.kind, a.country, i.identity_id FROM actors a JOIN actor_identities i"
                        " ON i.actor_id = a.id WHERE a.kind IN ('state', 'state-government') AND a.country IS NOT NULL")
    by_key: dict[tuple[str, str], set[str]] = {}
    for kind, country, iid in rows:
        by_key.setdefault((kind, country), set()).add(iid)
    conn.close()
    assert len(by_key[("state", "BLR")]) == 1 and len(by_key[("state", "LTU")]) == 1
    assert all(len(v) == 1 for v in by_key.values())
    # One identity per (kind, code): a state and its government stay apart, as do two states.
    assert len({next(iter(v)) for v in by_key.values()}) == len(by_key)


def test_actors_command_lists_identities_with_variants(corpus_db):
    res = CliRunner().invoke(main, ["actors", "--db", str(corpus_db), "--json"], catch_exceptions=False)
    rows = json.loads(res.output)
    luk = [r for r in rows if "Aleksandr Lukashenka" in r["variants"]]
    assert len(luk) == 1 and luk[0]["canonical"] == "Alexander Lukashenko"  # the most frequent spelling
    assert {"Alexandr Lukashenko", "Lukashenka"} <= set(luk[0]["variants"]) and luk[0]["reports"] >= 7
    assert {"canonical", "kinds", "countries", "sectors", "reports", "roles", "identity_id"} <= set(luk[0])
    assert len({r["identity_id"] for r in rows}) == len(rows)
    assert not any("Siarhei Tsikhanouski" in r["variants"] and "Sviatlana Tsikhanouskaya" in r["variants"]
                   for r in rows)


def test_case_actor_filter_matches_every_spelling(corpus_db):
    from factfinder.cases.case import CaseSpec, _selected
    from factfinder.store.identities import identity_of

    with open_store(corpus_db) as store:
        spec = CaseSpec("c", "c", ("Lukashenka",))
        wanted = frozenset(identity_of(store, spec.actors))
        chosen = {a.report.id for a in store.analyses() if _selected(spec, a, wanted)}
        with_variant = {r["report_id"] for r in store.rows(
            "SELECT a.report_id FROM actors a JOIN actor_identities i ON i.actor_id = a.id"
            " WHERE i.identity_id IN (SELECT identity_id FROM actor_identities ai JOIN actors b"
            " ON b.id = ai.actor_id WHERE b.canonical = 'Aleksandr Lukashenka')")}
    assert len(with_variant) >= 7 and chosen >= with_variant


def test_folding_rules():
    assert fold_token("Aleksandr") == fold_token("Alexander") == fold_token("Alexandr")
    assert fold_token("Sviatlana") == fold_token("Svyatlana")
    assert fold_token("Dmitriy") == fold_token("Dmitry") == fold_token("Dmitrii")
    assert fold_token("Tatjana") == fold_token("Tatyana")
    assert fold_token("Żywalewski") == fold_token("Zywalewski")
    assert fold_token("Michał") == fold_token("Michal")


def people(*names: str) -> list:
    return [describe(f"r{n}:{name}", name, "person", None) for n, name in enumerate(names)]


def test_different_people_sharing_a_surname_stay_apart():
    ids = assign_block([], people("Ivan Petrov", "Anna Petrova", "Alexander Sokolov", "Alexandra Sokolova",
                                  "Oleg Sokolov"))
    assert len(set(ids.values())) == 5
    # A surname alone is ambiguous when two people carry it: it stays alone.
    ids = assign_block([], people("Ivan Petrov", "Petr Petrov", "Petrov"))
    assert len(set(ids.values())) == 3


def test_a_surname_alone_joins_its_full_name_whatever_the_order():
    first = people("Kovalenka")
    ids = assign_block([], first)
    existing = [(a, ids[a.actor_id]) for a in first]
    later = [describe(f"s{n}:{x}", x, "person", None) for n, x in enumerate(["Mikhail Kovalenka", "Mihail Kovalenko"])]
    ids2 = assign_block(existing, later)
    assert len(set(ids2.values())) == 1 and ids2[first[0].actor_id] == ids[first[0].actor_id]


def small_report(path: Path, rid: str, text: str) -> Path:
    path.write_text(json.dumps({"id": rid, "outlet": "Test Wire", "published": "2024-10-01", "text": text}) + "\n")
    return path


def test_no_merge_of_people_sharing_a_surname_through_ingest(tmp_path):
    db = tmp_path / "p.db"
    a = small_report(tmp_path / "a.jsonl", "t-petrova",
                     "Anna Petrova, a human rights lawyer, said on Monday that the police had detained 12 protesters "
                     "in the capital. Petrova said the detentions were unlawful.")
    b = small_report(tmp_path / "b.jsonl", "t-petrov",
                     "Interior Minister Ivan Petrov ordered the police to disperse the protest on Tuesday, "
                     "officials said. Petrov denied that anyone had been beaten.")
    with open_store(db) as store:
        ingest(store, [a, b], progress=False)
    ids = identities_by_name(db)
    assert "Anna Petrova" in ids and "Ivan Petrov" in ids
    assert ids["Anna Petrova"].isdisjoint(ids["Ivan Petrov"])


def test_identities_are_deterministic_and_stable(store_copy, tmp_path):
    from conftest import CORPUS

    before = mapping(store_copy)
    with open_store(store_copy) as store:
        IdentityTables(store, StoredActor).clear()
        assert link_identities(store) == len(before)
    assert mapping(store_copy) == before  # same inputs, same ids and names
    with open_store(store_copy) as store:
        ingest(store, [CORPUS], progress=False)  # re-ingest: all duplicates
    assert mapping(store_copy) == before
    luk = identities_by_name(store_copy)["Alexander Lukashenko"]
    new = small_report(tmp_path / "new.jsonl", "t-new-variant",
                       "Belarusian leader Aliaksandr Lukashenka pardoned 30 political prisoners on Friday, "
                       "the presidential press service said.")
    with open_store(store_copy) as store:
        ingest(store, [new], progress=False)
    after = mapping(store_copy)
    assert {k: v for k, v in after.items() if k in before} == before  # nothing old moved
    added = {k: v for k, v in after.items() if k.startswith("t-new-variant:")}
    ids = identities_by_name(store_copy)
    assert "Aliaksandr Lukashenka" in ids, added
    assert ids["Aliaksandr Lukashenka"] == luk


def test_api_read_model_groups_actor_pages_by_identity(corpus_db):
    """The pages and API show one actor for every spelling, with all its events."""
    from factfinder.store import open_store

    with open_store(corpus_db) as store:
        listed = {r["name"]: r for r in store.list_actors(limit=200).items}
        page = store.actor_detail("Alexander Lukashenko")
        only_variant = store.actor_detail("Aleksandr Lukashenka")
    assert "Aleksandr Lukashenka" in listed["Alexander Lukashenko"]["variants"]
    assert "Aleksandr Lukashenka" not in listed
    assert page is not None and "Aleksandr Lukashenka" in page["variants"]
    assert only_variant is not None and set(only_variant["reports"]) == set(page["reports"])
