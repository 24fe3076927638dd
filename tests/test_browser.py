"""The web app in a real browser: Playwright (sync) driving Debian Chromium against uvicorn on a free
loopback port. Log in, search, open a report, see highlights, open timeline, map and network,
correct an event as an editor, see the audit row, be refused as a viewer. Screenshots go to
artifacts/screenshots/."""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARRESTS = "sample-ministry-arrests"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium not found: run scripts/install-chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from factfinder.api import create_app
    from factfinder.api.auth import add_user
    from factfinder.api.sample import write_sample
    from factfinder.store import open_store

    db = str(tmp_path_factory.mktemp("browser") / "web.db")
    with open_store(db) as store:
        write_sample(store)
        tokens = {role: add_user(store.conn, role, role) for role in ("viewer", "editor")}
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "tokens": tokens, "db": db}
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


def test_editor_journey(server, browser):
    problems: list[str] = []
    page = new_page(browser, problems)
    log_in(page, server, "editor")
    shot(page, "01-search")

    page.fill("input[name=q]", "detained")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r".*q=detained.*"))
    hits = page.locator("article.hit h3 a")
    assert hits.count() == 1
    assert page.locator(".facets").get_by_text("Northern Ledger").count() == 1
    hits.first.click()
    page.wait_for_url(re.compile(rf".*/reports/{ARRESTS}$"))
    text = page.locator("#report-text")
    assert text.locator(".hl-event").first.inner_text() == "detained"
    assert "These arrests are meant to silence dissent" in text.locator(".hl-quote").first.inner_text()
    assert text.locator(".hl-attribution").count() >= 2 and text.locator(".hl-claim").count() == 1
    assert page.locator("ul.legend li").count() == 8
    shot(page, "02-report-highlights")

    page.goto(server["url"] + "/events?type=COERCE")
    assert page.locator("svg.histogram rect").count() >= 1
    assert page.locator("table.events tbody tr").count() == 1
    shot(page, "03-timeline")

    page.goto(server["url"] + "/map")
    assert page.locator("svg.map circle").count() == 2
    basemap = page.request.get(server["url"] + "/basemap.svg")
    assert basemap.ok and basemap.text().count("<path") > 150
    page.wait_for_load_state("networkidle")
    shot(page, "04-map")

    page.goto(server["url"] + "/network")
    nodes = page.locator("svg.network g.node")
    assert nodes.count() >= 4  # drawn by network.js: the CSP allows it, nothing inline
    assert page.locator("svg.network line").count() >= 3
    shot(page, "05-network")
    page.locator('svg.network g.node[data-name="Civic Rights Watch"] circle').click()
    page.wait_for_url(re.compile(r".*/actors/Civic%20Rights%20Watch$"))
    assert page.locator("h1").inner_text() == "Civic Rights Watch"

    # Correct an event: ACCUSE -> COERCE, from the report view.
    page.goto(server["url"] + f"/reports/{ARRESTS}")
    row = page.locator(f'#events tr[data-id="{ARRESTS}:events:1"]')
    assert row.locator(".badge").inner_text() == "unreviewed"
    row.locator("select[name=plover]").select_option("COERCE")
    row.locator("input[name=why]").fill("the ministry detained them; no accusation")
    row.locator("button[value=amend]").click()
    page.wait_for_url(re.compile(rf".*/reports/{ARRESTS}$"))
    row = page.locator(f'#events tr[data-id="{ARRESTS}:events:1"]')
    assert row.locator(".badge").inner_text() == "amended"
    assert row.locator("td").first.inner_text().startswith("COERCE")
    shot(page, "06-report-after-correction")

    page.goto(server["url"] + "/audit")
    first = page.locator("#audit tbody tr").first
    cells = first.inner_text()
    assert "editor" in cells and "amend" in cells and "ACCUSE" in cells and "COERCE" in cells
    assert "no accusation" in cells
    shot(page, "07-audit")
    assert not problems, problems


def test_hostile_text_is_inert_in_the_browser(server, browser):
    problems: list[str] = []
    page = new_page(browser, problems)
    log_in(page, server, "viewer")
    page.goto(server["url"] + "/reports/sample-hostile-text")
    text = page.locator("#report-text").inner_text()
    assert "<script>alert('xss')</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert "'; DROP TABLE reports; --" in text
    assert page.locator("#report-text script, #report-text img, main img").count() == 0
    assert page.title().startswith("<script>alert('title')</script>")
    shot(page, "08-hostile-text")
    page.goto(server["url"] + "/review")
    page.goto(server["url"] + "/network")
    assert page.locator("svg.network g.node").count() >= 1
    assert not [p for p in problems if p.startswith("dialog")], problems


def test_viewer_is_refused(server, browser):
    problems: list[str] = []
    page = new_page(browser, problems)
    log_in(page, server, "viewer")
    page.goto(server["url"] + "/review")
    assert page.locator("table.review tbody tr").count() >= 1
    assert page.locator("form.review-form").count() == 0  # no decision forms for viewers
    csrf = page.locator("input[name=csrf_token]").first.get_attribute("value")
    resp = page.request.post(server["url"] + f"/review/events/{ARRESTS}:events:0",
                             form={"action": "reject", "csrf_token": csrf}, max_redirects=0)
    assert resp.status == 403
    api = page.request.post(server["url"] + f"/api/events/{ARRESTS}:events:0/review",
                            data={"action": "reject"}, headers={
                                "Authorization": f"Bearer {server['tokens']['viewer']}"})
    assert api.status == 403 and api.json() == {
        "ok": False, "status": 403, "error": api.json()["error"]}
    page.goto(server["url"] + f"/reports/{ARRESTS}")
    assert page.locator("form.review-form").count() == 0
    shot(page, "09-viewer")
