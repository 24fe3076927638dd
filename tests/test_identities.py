"""Cross-report actor identities, on small reports written here (invented people, real states)."""

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


# Six short reports written for these tests (invented people, real states): one president spelled three
# ways (most often "Alexander Kovalenko"), an opposition leader spelled in Belarusian and Russian
# romanisation, and her husband, who shares her surname.
REPORTS = [
    ("idt-1", "Harbour Wire", "2025-03-03",
     "Opposition leader Yuliya Marchenka said on Monday that the security service had detained 14 activists "
     "in the capital. Marchenka said her husband, Ihar Marchenka, remained in prison."),
    ("idt-2", "Lakeside Post", "2025-03-04",
     "President Alexander Kovalenko ordered police to break up a rally in Minsk on Tuesday, state media reported. "
     "Kovalenko accused Lithuania of sheltering opposition figures. Lithuania's foreign ministry rejected the claim."),
    ("idt-3", "Northern Tribune", "2025-03-05",
     "Belarusian opposition leader Yulia Marchenko called on the European Union to impose new sanctions on "
     "Wednesday. She said President Aleksandr Kovalenko had jailed more than 1,000 people."),
    ("idt-4", "Harbour Wire", "2025-03-06",
     "Police detained 20 people at a protest on Thursday, a rights group said. Yuliya Marchenka urged the "
     "United Nations to investigate."),
    ("idt-5", "Lakeside Post", "2025-03-07",
     "The Belarusian government of Alexandr Kovalenko expelled two Polish diplomats on Friday. Poland summoned "
     "the Belarusian ambassador in Warsaw, the Polish foreign ministry said."),
    ("idt-6", "Northern Tribune", "2025-03-08",
     "Ihar Marchenka, the jailed husband of the opposition leader, was moved to a prison hospital on Saturday, "
     "his lawyer said. Yulia Marchenko said President Alexander Kovalenko was responsible for his health."),
]
PRESIDENT = ("Alexander Kovalenko", "Aleksandr Kovalenko", "Alexandr Kovalenko")
LEADER = ("Yuliya Marchenka", "Yulia Marchenko")


def write_reports(path: Path, rows=REPORTS) -> Path:
    path.write_text("".join(json.dumps({"id": r, "outlet": o, "published": d, "text": t}) + "\n"
                            for r, o, d, t in rows))
    return path


@pytest.fixture(scope="module")
def variants_db(tmp_path_factory):
    """A store holding the six reports above (read-only for the tests that take it)."""
    tmp = tmp_path_factory.mktemp("identities")
    db = tmp / "variants.db"
    with open_store(db) as store:
        ingest(store, [write_reports(tmp / "reports.jsonl")], progress=False)
    return db


@pytest.fixture
def store_copy(variants_db, tmp_path):
    """A writable copy of the module's store."""
    path = tmp_path / "copy.db"
    src = sqlite3.connect(f"file:{variants_db}?mode=ro", uri=True)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.close()
    return path


def test_every_actor_is_linked(variants_db):
    conn = sqlite3.connect(f"file:{variants_db}?mode=ro", uri=True)
    left = conn.execute("SELECT count(*) FROM actors WHERE id NOT IN (SELECT actor_id FROM actor_identities)")
    assert left.fetchone()[0] == 0
    conn.close()


def test_transliteration_variants_are_one_identity(variants_db):
    ids = identities_by_name(variants_db)
    president = one(ids, *PRESIDENT)
    leader = one(ids, *LEADER)
    husband = one(ids, "Ihar Marchenka")  # shares her surname, not her given name: another person
    assert len({president, leader, husband}) == 3


def test_states_and_governments_by_iso_code(variants_db):
    conn = sqlite3.connect(f"file:{variants_db}?mode=ro", uri=True)
    rows = conn.execute("SELECT a.kind, a.country, i.identity_id FROM actors a JOIN actor_identities i"
                        " ON i.actor_id = a.id WHERE a.kind IN ('state', 'state-government') AND a.country IS NOT NULL")
    by_key: dict[tuple[str, str], set[str]] = {}
    for kind, country, iid in rows:
        by_key.setdefault((kind, country), set()).add(iid)
    conn.close()
    assert {("state", "LTU"), ("state", "POL")} <= set(by_key)
    assert all(len(v) == 1 for v in by_key.values())
    # One identity per (kind, code): a state and its government stay apart, as do two states.
    assert len({next(iter(v)) for v in by_key.values()}) == len(by_key)


def test_actors_command_lists_identities_with_variants(variants_db):
    res = CliRunner().invoke(main, ["actors", "--db", str(variants_db), "--json"], catch_exceptions=False)
    rows = json.loads(res.output)
    president = [r for r in rows if "Aleksandr Kovalenko" in r["variants"]]
    assert len(president) == 1 and set(PRESIDENT) <= set(president[0]["variants"])
    assert president[0]["reports"] >= 4
    assert {"canonical", "kinds", "countries", "sectors", "reports", "roles", "identity_id"} <= set(president[0])
    assert len({r["identity_id"] for r in rows}) == len(rows)
    assert not any("Ihar Marchenka" in r["variants"] and "Yuliya Marchenka" in r["variants"] for r in rows)


def test_case_actor_filter_matches_every_spelling(variants_db):
    from factfinder.cases.case import CaseSpec, _selected
    from factfinder.store.identities import identity_of

    with open_store(variants_db) as store:
        spec = CaseSpec("c", "c", ("Kovalenko",))
        wanted = frozenset(identity_of(store, spec.actors))
        chosen = {a.report.id for a in store.analyses() if _selected(spec, a, wanted)}
    assert {"idt-2", "idt-3", "idt-5", "idt-6"} <= chosen  # every report naming him, in any spelling
    assert "idt-4" not in chosen  # a report that does not name him


def test_folding_rules():
    assert fold_token("Aleksandr") == fold_token("Alexander") == fold_token("Alexandr")
    assert fold_token("Aliaksei") == fold_token("Aleksei") == fold_token("Alexei")
    assert fold_token("Dmitriy") == fold_token("Dmitry") == fold_token("Dmitrii")
    assert fold_token("Tatjana") == fold_token("Tatyana")
    assert fold_token("Żelazowski") == fold_token("Zelazowski")
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
    before = mapping(store_copy)
    with open_store(store_copy) as store:
        IdentityTables(store, StoredActor).clear()
        assert link_identities(store) == len(before)
    assert mapping(store_copy) == before  # same inputs, same ids and names
    with open_store(store_copy) as store:
        ingest(store, [write_reports(tmp_path / "again.jsonl")], progress=False)  # re-ingest: all duplicates
    assert mapping(store_copy) == before
    president = one(identities_by_name(store_copy), *PRESIDENT)
    new = small_report(tmp_path / "new.jsonl", "t-new-variant",
                       "President Aleksander Kovalenko pardoned 30 political prisoners on Friday, "
                       "the presidential press service said.")
    with open_store(store_copy) as store:
        ingest(store, [new], progress=False)
    after = mapping(store_copy)
    # Nothing old moved, and the rarer new spelling does not rename the identity (most frequent wins).
    assert {k: v for k, v in after.items() if k in before} == before
    ids = identities_by_name(store_copy)
    assert "Aleksander Kovalenko" in ids, {k: v for k, v in after.items() if k.startswith("t-new-variant:")}
    assert ids["Aleksander Kovalenko"] == {president}


def test_api_read_model_groups_actor_pages_by_identity(variants_db):
    """The pages and API show one actor for every spelling, with all its events."""
    with open_store(variants_db) as store:
        listed = {r["name"]: r for r in store.list_actors(limit=200).items}
        shown = [n for n in PRESIDENT if n in listed]
        assert len(shown) == 1  # one row for the person, named by one spelling
        page = store.actor_detail(shown[0])
        other = next(n for n in PRESIDENT if n != shown[0])
        only_variant = store.actor_detail(other)
    assert all(n in listed[shown[0]]["variants"] for n in PRESIDENT if n != shown[0])
    assert page is not None and other in page["variants"]
    assert only_variant is not None and set(only_variant["reports"]) == set(page["reports"])


# -- surnames of several words ("Initial. Surname" and "Initial. Surname Surname2") ------------------
def test_a_double_surname_meets_its_first_word_used_alone():
    full, short, initial = people("Brisa Quintanar Olmedo", "Brisa Quintanar", "B. Quintanar Olmedo")
    assert full.block != short.block and short.block in full.blocks  # indexed under both words' blocks
    ids = assign_block([], [full, short, initial])
    assert len(set(ids.values())) == 1
    # another initial, or another given name, is another person
    other = people("M. Quintanar Olmedo", "Brisa Quintanar", "Rocio Quintanar")
    assert len(set(assign_block([], other).values())) == 3
    # one initial does not make two surnames one person: "Beatriz Olmedo" is not "Brisa Quintanar"'s
    ids = assign_block([], people("B. Quintanar Olmedo", "Brisa Quintanar", "Beatriz Olmedo"))
    assert ids["r0:B. Quintanar Olmedo"] == ids["r1:Brisa Quintanar"] != ids["r2:Beatriz Olmedo"]
    # a surname alone joins the double surname it begins when no one else carries it
    ids = assign_block([], people("Teodora Valmik Saarne", "Valmik"))
    assert len(set(ids.values())) == 1
    # middle initials are not surname words; a single surname stays in one block
    assert people("Arvo K. Lindqvist")[0].also == () and people("Arvo K. Lindqvist")[0].key == fold_token("Lindqvist")


DOUBLE = [("t-dbl-1", "Mayor Teodora Valmik Saarne said on Monday that 40 families had been moved from the flooded "
                      "district. Valmik Saarne said the army would send boats."),
          ("t-dbl-2", "About 40 families left the flooded district on Monday, said T. Valmik, the town's mayor. "
                      "Valmik said boats were on their way."),
          ("t-dbl-3", "The harbour master, Ilse Valmik, said on Tuesday that the port would stay closed.")]


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 0, 2), (2, 1, 0)])
def test_double_surname_forms_join_across_separate_ingests(tmp_path, order):
    db = tmp_path / "d.db"
    with open_store(db) as store:
        for i in order:  # one ingest (one linking batch) per report
            rid, text = DOUBLE[i]
            ingest(store, [small_report(tmp_path / f"{rid}.jsonl", rid, text)], progress=False)
    ids = identities_by_name(db)
    assert one(ids, "Teodora Valmik Saarne", "T. Valmik")
    assert ids["Ilse Valmik"].isdisjoint(ids["T. Valmik"])


def test_variant_index_emptied_by_migration_16_is_rebuilt_with_further_blocks(tmp_path):
    db = tmp_path / "m.db"
    rid, text = DOUBLE[0]
    with open_store(db) as store:
        ingest(store, [small_report(tmp_path / "a.jsonl", rid, text)], progress=False)
        store.conn.execute("DELETE FROM identity_variants")  # what migration 16 does to an older store
        store.conn.execute("DELETE FROM identity_names")
        store.conn.commit()
        rid2, text2 = DOUBLE[1]
        ingest(store, [small_report(tmp_path / "b.jsonl", rid2, text2)], progress=False)
        blocks = {r[0] for r in store.conn.execute("SELECT block FROM identity_variants")}
        counts = dict(store.conn.execute("SELECT canonical, n FROM identity_names").fetchall())
    assert {"person:sa", "person:va"} <= blocks
    assert counts.get("Teodora Valmik Saarne") == 1
    one(identities_by_name(db), "Teodora Valmik Saarne", "T. Valmik")
