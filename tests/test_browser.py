"""The web app in a real browser, on the store the real pipeline builds: the 10 corpus reports of
../shared/corpus/reports.jsonl plus one untrusted report (markup and SQL in its text), both stored by
`factfinder.ingest.ingest`. Playwright (sync) drives Debian Chromium against uvicorn on a free
loopback port. Log in, search "crackdown", open the seed report, see entity/event/quote highlights,
open timeline, map and network, amend an event as an editor, see the audit row, be refused as a
viewer; hostile text stays inert. Targets (events, quotes, actors) are picked from the stored data,
not hard-coded ids. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import json
import re
import shutil
import socket
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SEED = "ap-2024-09-30-lithuania-icc"
HOSTILE_ID = "untrusted-hostile-memo"
HOSTILE = {
    "id": HOSTILE_ID,
    "outlet": "<b>Evil Outlet</b>",
    "published": "2024-10-01",
    "title": "<script>alert('title')</script> leaked memo",
    "text": ("Police detained 12 activists on Monday, the ministry said. Officials said "
             "<script>alert(1)</script> was found in a leaked memo. A second file held "
             "<img src=x onerror=alert(1)> and the line '; DROP TABLE reports; -- which investigators "
             "quoted in full. \"We found <script>alert(1)</script> in the memo,\" said the ministry spokesman."),
}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium not found: run scripts/install-chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(corpus_db: Path, tmp: Path) -> str:
    """A private copy of the session's corpus store (shared read-only) plus the untrusted report,
    ingested through the real path (JSONL reader, extractors, fusion)."""
    from factfinder.ingest import ingest
    from factfinder.store import open_store

    db = tmp / "web.db"
    shutil.copy(corpus_db, db)
    hostile = tmp / "untrusted.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    with open_store(db) as store:
        summary = ingest(store, [hostile], progress=False)
    assert summary.stored == 1, summary.to_dict()
    return str(db)


def pick_targets(db: str) -> dict[str, Any]:
    """What the journey looks for, read from the store: the seed's first event, quote and mention."""
    from factfinder.store.reads import EventFilter
    from factfinder.store import open_store

    with open_store(db) as store:
        seed = store.report_detail(SEED)
        points = store.event_points(EventFilter())
    assert seed and seed["events"] and seed["quotes"] and seed["mentions"], "the pipeline found no facts in the seed"
    event = seed["events"][0]
    return {"event": event, "quote": seed["quotes"][0], "mention": seed["mentions"][0], "points": len(points)}


@pytest.fixture(scope="module")
def server(corpus_db, tmp_path_factory):
    import uvicorn

    from factfinder.api import create_app
    from factfinder.api.auth import add_user
    from factfinder.store import open_store

    db = build_store(corpus_db, tmp_path_factory.mktemp("browser"))
    with open_store(db) as store:
        tokens = {role: add_user(store, role, role) for role in ("viewer", "editor")}
    targets = pick_targets(db)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "tokens": tokens, "db": db, **targets}
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def new_page(browser, problems: list[str]):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    return page


def log_in(page, server, role: str) -> None:
    page.goto(server["url"] + "/")
    assert "/login" in page.url
    page.fill("input[name=name]", role)
    page.fill("input[name=token]", server["tokens"][role])
    page.click("form.login button[type=submit]")
    page.wait_for_url(server["url"] + "/")
    assert page.locator("header .who").inner_text().startswith(role)


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def highlighted(page, kind: str) -> str:
    """The text of every highlight of one kind, in document order (a fact cut by overlaps is rejoined)."""
    return "".join(page.locator(f"#report-text .hl-{kind}").all_inner_texts())


def other_type(current: str) -> str:
    return "ASSAULT" if current != "ASSAULT" else "COERCE"


def test_editor_journey(server, browser):
    problems: list[str] = []
    page = new_page(browser, problems)
    log_in(page, server, "editor")
    shot(page, "01-search")

    page.fill("input[name=q]", "crackdown")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r".*q=crackdown.*"))
    seed_link = page.locator(f'article.hit h3 a[href="/reports/{SEED}"]')
    assert seed_link.count() == 1
    assert page.locator("article.hit").count() >= 2  # the corpus has several crackdown reports
    seed_link.click()
    page.wait_for_url(re.compile(rf".*/reports/{SEED}$"))
    event, quote, mention = server["event"], server["quote"], server["mention"]
    assert event["data"]["trigger"]["text"] in page.locator("#report-text .hl-event").all_inner_texts()
    assert quote["data"]["span"]["text"] in highlighted(page, "quote")
    assert mention["data"]["span"]["text"] in highlighted(page, "mention")
    assert page.locator("#report-text").inner_text().startswith("BRUSSELS")
    assert page.locator("ul.legend li").count() == 8
    shot(page, "02-report-highlights")

    plover, place = event["data"]["plover"], (event["data"].get("place") or {}).get("name") or ""
    page.click("header nav a[href='/events']")
    page.wait_for_url(server["url"] + "/events")
    assert page.locator("svg.histogram rect").count() >= 1
    assert page.locator("table.events tbody tr").count() >= 10
    page.goto(server["url"] + "/events?" + urlencode({"type": plover, "place": place, "unknown": 1}))
    assert page.locator(f'table.events tr[data-id="{event["id"]}"]').count() == 1
    shot(page, "03-timeline")

    page.click("header nav a[href='/map']")
    page.wait_for_url(server["url"] + "/map")
    assert page.locator("svg.map circle").count() == server["points"] >= 3
    basemap = page.request.get(server["url"] + "/basemap.svg")
    assert basemap.ok and basemap.text().count("<path") > 150
    page.wait_for_load_state("networkidle")
    shot(page, "04-map")

    page.click("header nav a[href='/network']")
    page.wait_for_url(server["url"] + "/network")
    nodes = page.locator("svg.network g.node")
    assert nodes.count() >= 4  # drawn by network.js: the CSP allows it, nothing inline
    assert page.locator("svg.network line").count() >= 3
    shot(page, "05-network")
    name = nodes.first.get_attribute("data-name")
    nodes.first.locator("circle").click()
    page.wait_for_url(re.compile(r".*/actors/.+$"))
    assert page.locator("h1").inner_text() == name

    # Correct the seed's first event: another PLOVER type, from the report view.
    page.goto(server["url"] + f"/reports/{SEED}")
    row = page.locator(f'#events tr[data-id="{event["id"]}"]')
    assert row.locator(".badge").inner_text() == "unreviewed"
    new_type = other_type(plover)
    row.locator("select[name=plover]").select_option(new_type)
    row.locator("input[name=why]").fill("editor check: corrected type")
    row.locator("button[value=amend]").click()
    page.wait_for_url(re.compile(rf".*/reports/{SEED}$"))
    row = page.locator(f'#events tr[data-id="{event["id"]}"]')
    assert row.locator(".badge").inner_text() == "amended"
    assert row.locator("td").first.inner_text().startswith(new_type)
    shot(page, "06-report-after-correction")

    page.click("header nav a[href='/audit']")
    page.wait_for_url(server["url"] + "/audit")
    first = page.locator("#audit tbody tr").first
    cells = first.inner_text()
    assert "editor" in cells and "amend" in cells and event["id"] in cells
    assert plover in cells and new_type in cells and "corrected type" in cells
    shot(page, "07-audit")
    assert not problems, problems


def test_hostile_text_is_inert_in_the_browser(server, browser):
    problems: list[str] = []
    page = new_page(browser, problems)
    log_in(page, server, "viewer")
    page.fill("input[name=q]", "'; DROP TABLE reports; --")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r".*q=.*DROP.*"))
    assert page.locator(f'article.hit h3 a[href="/reports/{HOSTILE_ID}"]').count() == 1
    page.goto(server["url"] + f"/reports/{HOSTILE_ID}")
    text = page.locator("#report-text").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert "'; DROP TABLE reports; --" in text
    assert page.locator("#report-text script, #report-text img, main img").count() == 0
    assert page.title().startswith("<script>alert('title')</script>")
    assert "<b>Evil Outlet</b>" in page.locator("p.meta").first.inner_text()
    assert page.locator("#report-text .hl").count() >= 1  # the pipeline found facts in it
    shot(page, "08-hostile-text")
    for path in ("/review", "/events", "/network", "/actors", "/map"):
        page.goto(server["url"] + path)
    with sqlite3.connect(server["db"]) as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 11
    assert not [p for p in problems if p.startswith("dialog")], problems


def test_viewer_is_refused(server, browser):
    problems: list[str] = []
    page = new_page(browser, problems)
    log_in(page, server, "viewer")
    page.goto(server["url"] + "/review")
    assert page.locator("table.review tbody tr").count() >= 1
    assert page.locator("form.review-form").count() == 0  # no decision forms for viewers
    csrf = page.locator("input[name=csrf_token]").first.get_attribute("value")
    target = server["quote"]["id"]
    resp = page.request.post(server["url"] + f"/review/quotes/{target}",
                             form={"action": "reject", "csrf_token": csrf}, max_redirects=0)
    assert resp.status == 403
    api = page.request.post(server["url"] + f"/api/quotes/{target}/review",
                            data={"action": "reject"}, headers={
                                "Authorization": f"Bearer {server['tokens']['viewer']}"})
    assert api.status == 403 and api.json() == {
        "ok": False, "status": 403, "error": api.json()["error"]}
    page.goto(server["url"] + f"/reports/{SEED}")
    assert page.locator("form.review-form").count() == 0
    assert page.locator(f'#quotes tr[data-id="{target}"] .badge').inner_text() == "unreviewed"
    with sqlite3.connect(server["db"]) as conn:
        assert conn.execute("SELECT count(*) FROM audit WHERE who = 'viewer'").fetchone()[0] == 0
    shot(page, "09-viewer")


def test_timeline_hides_unknown_pairs_until_the_box_is_ticked(server, browser):
    """Events with neither actor nor recipient known ("? -> ?") are left out of the timeline until the
    reader ticks the box; then they are listed with the others."""
    with sqlite3.connect(server["db"]) as conn:
        reviewed = {r[0] for r in conn.execute("SELECT target_id FROM reviews")}
        rows = [r for r in conn.execute("SELECT id, plover, sources = '' AND targets = '' FROM events")
                if r[0] not in reviewed]
    counts: dict[str, int] = {}
    for _id, plover, _unknown in rows:
        counts[plover] = counts.get(plover, 0) + 1
    plover = next(p for _i, p, unknown in rows if unknown and counts[p] <= 50)  # one page of that type
    unknown = {i for i, p, u in rows if p == plover and u}
    known = {i for i, p, u in rows if p == plover and not u}
    problems: list[str] = []
    page = new_page(browser, problems)
    log_in(page, server, "viewer")
    page.goto(server["url"] + "/events?" + urlencode({"type": plover}))
    shown = set(page.locator("table.events tbody tr[data-id]").evaluate_all("rs => rs.map(r => r.dataset.id)"))
    assert known <= shown and not unknown & shown
    page.check("input[name=unknown]")
    page.click("form.filters button")
    page.wait_for_url(re.compile(r".*unknown=1.*"))
    shown = set(page.locator("table.events tbody tr[data-id]").evaluate_all("rs => rs.map(r => r.dataset.id)"))
    assert known | unknown <= shown
    row = page.locator(f'table.events tr[data-id="{next(iter(unknown))}"] td').nth(2).inner_text()
    assert re.fullmatch(r"\?\s*→\s*\?", row.strip()), row
    shot(page, "10-timeline-unknown-pairs")
    assert not problems, problems
