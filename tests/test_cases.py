"""Case files on the real referral reports: element grid, review with audit, dossiers (HTML/MD/JSON/PDF)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess

import pytest
from click.testing import CliRunner

from conftest import CORPUS, need_shared
from factfinder.cli import main


def run(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return res.exit_code, res.output


@pytest.fixture(scope="module")
def case_db(tmp_path_factory):
    need_shared(CORPUS)
    db = tmp_path_factory.mktemp("case") / "case.db"
    code, out = run("ingest", str(CORPUS), "--db", str(db), "--no-progress")
    assert code == 0, out
    code, out = run("case", "new", "Belarus crackdown", "--country", "BLR", "--since", "2024-01-01", "--db", str(db))
    assert code == 0, out
    case_id = out.strip().splitlines()[-1]
    assert re.fullmatch(r"c[0-9a-f]{10}", case_id)
    return db, case_id


def grid(db, case_id):
    code, out = run("case", "show", case_id, "--db", str(db), "--json")
    assert code == 0, out
    return {row["element"]: row for row in json.loads(out)["grid"]}, json.loads(out)


def test_grid_shows_characterisations_facts_and_referral(case_db):
    db, case_id = case_db
    g, shown = grid(db, case_id)
    assert "ap-2024-09-30-lithuania-icc" in shown["reports"]
    # Lithuania's own legal characterisations, as its claims (not the outlet's facts).
    for element in ("7-1-d", "7-1-h", "7-1-k", "7-chapeau-attack", "7-chapeau-knowledge"):
        assert g[element]["characterisations"] >= 1, element
        assert any("Lithuania" in s for s in g[element]["sources"]), (element, g[element]["sources"])
    # Imprisonment supported by a fact (the arrest count), asserted by the rights group.
    assert g["7-1-e"]["supporting_facts"] >= 1
    assert any("Viasna" in s for s in g["7-1-e"]["sources"]), g["7-1-e"]["sources"]
    # Referral by a State Party.
    assert g["13-a-14"]["jurisdiction"] >= 1
    # Gaps are reported: nothing in these reports speaks of apartheid or enslavement.
    assert g["7-1-j"]["status"] == "gap" and g["7-1-c"]["status"] == "gap"


def test_review_is_audited_and_rejected_items_leave_the_dossier(case_db, tmp_path):
    db, case_id = case_db
    out_json = tmp_path / "d.json"
    run("case", "build", case_id, "--format", "json", "--out", str(out_json), "--db", str(db))
    evidence = json.loads(out_json.read_text())["evidence"]
    assert evidence and all(e["status"] == "unreviewed" for e in evidence)
    first, second = evidence[0]["id"], evidence[1]["id"]
    code, out = run("review", "accept", first, "--who", "alice", "--why", "checked against source", "--db", str(db))
    assert code == 0, out
    code, out = run("review", "reject", second, "--who", "bob", "--why", "not about this case", "--db", str(db))
    assert code == 0, out
    code, out = run("audit", "--db", str(db), "--json")
    rows = json.loads(out)
    assert [(r["who"], r["action"], r["target_id"]) for r in rows[-2:]] == [
        ("alice", "accept", first), ("bob", "reject", second)]
    run("case", "build", case_id, "--format", "json", "--out", str(out_json), "--db", str(db))
    after = {e["id"]: e for e in json.loads(out_json.read_text())["evidence"]}
    assert after[first]["status"] == "accepted" and second not in after
    # The audit trail is append-only.
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE audit SET who = 'mallory'")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("DELETE FROM audit")


def test_html_and_markdown_footnote_every_quoted_sentence(case_db, tmp_path):
    db, case_id = case_db
    html_path, md_path = tmp_path / "d.html", tmp_path / "d.md"
    run("case", "build", case_id, "--format", "html", "--out", str(html_path), "--db", str(db))
    html = html_path.read_text()
    quotes = re.findall(r"<blockquote>(.*?)</blockquote>", html, flags=re.S)
    assert len(quotes) > 10
    assert all(re.search(r'<sup><a href="#fn\d+">\[\d+\]</a></sup>$', q.strip()) for q in quotes)
    n_notes = len(re.findall(r'<li id="fn\d+">', html))
    assert n_notes >= max(int(x) for x in re.findall(r'href="#fn(\d+)"', html))
    assert re.search(r"sha256 [0-9a-f]{64}", html) and "captured" in html
    assert "attributed to" in html and "UNREVIEWED" in html
    run("case", "build", case_id, "--format", "md", "--out", str(md_path), "--db", str(db))
    md = md_path.read_text()
    cited = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    defined = set(re.findall(r"^\[\^(\d+)\]:", md, flags=re.M))
    assert cited and cited <= defined


@pytest.mark.skipif(shutil.which("pdftoppm") is None,
                    reason="pdftoppm (poppler-utils) not installed; run scripts/install-system-deps")
def test_pdf_dossier_renders_to_images_and_text(case_db, tmp_path):
    db, case_id = case_db
    pdf = tmp_path / "d.pdf"
    code, out = run("case", "build", case_id, "--format", "pdf", "--out", str(pdf), "--db", str(db))
    assert code == 0, out
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 2 and all(p.stat().st_size > 1000 for p in pages)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Element-by-evidence grid" in text and "Art. 7(1)(d)" in text and "sha256" in text
    # Print layout: every page carries the case id and "Page n of N"; a table that runs onto the
    # next page repeats its header row there; nothing runs into the right margin.
    pages_text = text.split("\f")[:len(pages)]
    for n, page in enumerate(pages_text, 1):
        assert case_id in page and f"Page {n} of {len(pages)}" in page, n
    grid_pages = [p for p in pages_text if "Art. 13(b)" in p]  # a gap: named in the grid only
    assert grid_pages and all("Element" in p and "Status" in p for p in grid_pages)
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox))
    assert right <= width - 20, (right, width)  # within the page, short of its edge


def test_markdown_dossier_embeds_no_html_from_reports(tmp_path):
    """Report text holding a <script> (and Markdown link syntax) stays inert text in the .md dossier,
    rendered as CommonMark: no element from the report survives, the words do."""
    from reviewed_sample import build  # tests/: invented reports, one holding a <script>

    db = build(tmp_path)
    code, out = run("case", "new", "Rallies", "--country", "Belarus", "--db", str(db))
    assert code == 0, out
    case_id = out.strip().splitlines()[-1]
    md_path = tmp_path / "dossier.md"
    code, out = run("case", "build", case_id, "--format", "md", "--out", str(md_path), "--db", str(db))
    assert code == 0, out
    text = md_path.read_text(encoding="utf-8")
    assert "<script" not in text.lower() and "&lt;script&gt;" in text  # present, as text
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(text)
    assert "<script" not in html.lower() and "href=\"javascript" not in html.lower() and "alert(1)" in html


@pytest.fixture(scope="module")
def small_case_db(tmp_path_factory):
    from reviewed_sample import build  # tests/: invented reports

    return build(tmp_path_factory.mktemp("small-case"))


def _case(db, *args: str) -> dict:
    code, out = run("case", "new", "Rallies", *args, "--db", str(db))
    assert code == 0, out
    code, out = run("case", "show", out.strip().splitlines()[-1], "--db", str(db), "--json")
    assert code == 0, out
    return json.loads(out)


def test_corroboration_counts_outlets_not_speakers(small_case_db):
    one_outlet = _case(small_case_db, "--country", "BLR", "--until", "2024-03-12")  # Northwind's report only
    assert one_outlet["reports"] == ["nw-1"]
    art11 = next(r for r in one_outlet["grid"] if r["element"] == "11")
    assert len(art11["sources"]) >= 2  # the ministry and the witnesses, inside one outlet's report
    assert art11["status"] == "single source" and art11["independent_outlets"] == 1
    both = _case(small_case_db, "--country", "BLR")
    art11 = next(r for r in both["grid"] if r["element"] == "11")
    assert art11["status"] == "corroborated" and art11["independent_outlets"] == 2


def test_jurisdiction_from_dates_and_places(small_case_db):
    grid = {r["element"]: r for r in _case(small_case_db, "--country", "BLR")["grid"]}
    assert grid["11"]["jurisdiction"] >= 1  # conduct in 2024, after 1 July 2002
    assert grid["12-2-a"]["jurisdiction"] >= 1  # conduct placed in a country


def test_perpetrators_and_victims_have_fitting_kinds(small_case_db):
    shown = _case(small_case_db, "--country", "BLR")
    names = {p["name"] for p in shown["perpetrators"]}
    assert "Police" in names
    assert not names & {"Belarus", "Minsk", "Grodno", "European Union"}  # states, places, IGOs
    victims = {v["group"] for v in shown["victims"]}
    # the count is the magnitude, not part of the group's name (events.rules.v3): "12 activists" -> "activists"
    assert "activists" in victims and not victims & {"Belarus", "Belarus government", "Minsk"}


def test_a_rejected_event_leaves_the_dossier(small_case_db, tmp_path):
    db = small_case_db
    code, out = run("case", "new", "Rallies", "--country", "BLR", "--db", str(db))
    case_id = out.strip().splitlines()[-1]
    path = tmp_path / "d.json"
    run("case", "build", case_id, "--format", "json", "--out", str(path), "--db", str(db))
    timeline = json.loads(path.read_text())["timeline"]
    fact = next(t["fact_id"] for t in timeline if t["plover"] == "ASSAULT")
    code, out = run("review", "reject", fact, "--who", "alice", "--why", "misread", "--db", str(db))
    assert code == 0, out
    run("case", "build", case_id, "--format", "json", "--out", str(path), "--db", str(db))
    after = json.loads(path.read_text())
    assert fact not in {t["fact_id"] for t in after["timeline"]}
    assert not any(e.get("fact_id") == fact for e in after["evidence"])


MORE_REPORTS = [
    {"id": "hx-1", "outlet": "Hilltop Examiner", "published": "2023-11-02", "title": "Students held in Quito",
     "text": "QUITO, Ecuador — Soldiers detained 15 students outside the university on Thursday, said "
             "Marta Velandro, a spokeswoman for the rights group Open Door. Velandro called the detentions "
             "a persecution of the student movement."},
    {"id": "hx-2", "outlet": "Hilltop Examiner", "title": "Raid in Kathmandu",
     "text": "KATHMANDU, Nepal — Police raided the offices of the Valley Review newspaper and arrested "
             "two editors, the paper's owner, Dorin Kasvel, said."},
]


@pytest.fixture(scope="module")
def mixed_case_db(small_case_db, tmp_path_factory):
    """The small store plus reports of other countries, one without a publication date."""
    from factfinder.ingest import ingest
    from factfinder.store import open_store

    folder = tmp_path_factory.mktemp("mixed-case")
    db = folder / "mixed.db"
    shutil.copy(small_case_db, db)
    src = folder / "more.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in MORE_REPORTS), encoding="utf-8")
    with open_store(db) as store:
        assert ingest(store, [src], progress=False).stored == len(MORE_REPORTS)
    return db


SPECS = [
    {"countries": ("ECU",)}, {"countries": ("BY",)}, {"countries": ("NOR",)}, {"actors": ("Marta Velandro",)},
    {"actors": ("Velandro",)}, {"actors": ("Dorin Kasvel",), "since": "2024-01-01"},
    {"countries": ("NPL", "BLR"), "until": "2024-03-12"}, {"since": "2024-03-13"}, {},
]


def _by_definition(store, spec):
    from factfinder.cases.case import _selected
    from factfinder.store.identities import identity_of

    wanted = frozenset(identity_of(store, spec.actors))
    return [rv.analysis.report.id for rv in store.reviewed_analyses() if _selected(spec, rv.analysis, wanted)]


def test_cached_case_selection_is_the_defined_selection(mixed_case_db):
    """Case selection through the per-report cache picks exactly the reports _selected picks, also
    after a review decision changes a report (its cached keys are recomputed)."""
    from factfinder.cases.case import CaseSpec, _chosen, refresh_legal_cache
    from factfinder.store.identities import identity_of
    from factfinder.review import record_review
    from factfinder.store import open_store

    with open_store(mixed_case_db) as store:
        specs = [CaseSpec(f"c{i}", "spec", **s) for i, s in enumerate(SPECS)]
        refresh_legal_cache(store)
        for spec in specs:
            assert _chosen(store, spec, frozenset(identity_of(store, spec.actors))) == _by_definition(store, spec), spec
        picked = {spec.id: _by_definition(store, spec) for spec in specs}
        assert picked["c0"] == ["hx-1"] and picked["c3"] == ["hx-1"] and picked["c2"] == []
        assert "hx-2" in picked["c5"]  # no publication date: in every period
        for rv in store.reviewed_analyses():  # reject every event: event countries drop out
            for f in rv.events:
                record_review(store, "ana", "reject", "events", f.id, why="test")
        assert refresh_legal_cache(store) > 0
        for spec in specs:
            assert _chosen(store, spec, frozenset(identity_of(store, spec.actors))) == _by_definition(store, spec), spec


def test_case_assembly_maps_only_new_or_reviewed_reports(small_case_db, tmp_path):
    """After one assembly, the next maps nothing; a review decision makes only its report stale,
    and the case comes out as a fresh mapping of every report would make it."""
    from factfinder.cases.case import assemble, create_case, refresh_legal_cache
    from factfinder.cases.mapping import map_analysis
    from factfinder.review import record_review
    from factfinder.store import open_store

    db = tmp_path / "c.db"
    shutil.copy(small_case_db, db)
    with open_store(db) as store:
        spec = create_case(store, "Rallies", countries=("BLR",))
        first = assemble(store, spec)
        assert refresh_legal_cache(store) == 0
        event = next(f.id for rv in store.reviewed_analyses() for f in rv.events if rv.analysis.report.id == "nw-1")
        record_review(store, "ana", "amend", "events", event, value={"plover": "PROTEST"}, why="test")
        assert store.stale_legal_reports(*_cache_args(store)) == ["nw-1"]
        case = assemble(store, spec)
        fresh = {m.id for rv in store.reviewed_analyses() for m in map_analysis(rv.analysis, [f.id for f in rv.events])}
        assert {ev.mapping.id for ev in case.evidence} == fresh
        assert {ev.mapping.id for ev in case.evidence} != {ev.mapping.id for ev in first.evidence}


def _cache_args(store):
    from factfinder.cases.case import cache_version

    return cache_version(), store.review_marks()
