"""In Debian's headless Chromium: a consultant registers a visit, orders and proposes a candidate;
the company sees the anonymous summary; another company's login does not get the order."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest
import uvicorn

from indsats.web.app import create_app

from .company_world import LAGER, PASSWORD, build_company_world

CHROMIUM = os.environ.get("INDSATS_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
pytestmark = pytest.mark.browser


@pytest.fixture
def site(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_EMBEDDER", "hashing")
    world = build_company_world(sqlite_database)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(sqlite_database, secret_key="browser-test"),
                                          host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield world, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield browser.new_page()
        browser.close()


def login(page, base, username):
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_consultant_to_company_in_the_browser(site, page):
    world, base = site
    login(page, base, "konsulent")
    page.click("nav >> text=Virksomheder")
    page.click("text=Lagerhuset A/S")
    page.wait_for_url(f"{base}/virksomheder/{LAGER}")
    page.fill("input[name=purpose]", "Besøg om rekruttering")
    page.check("input[name=schemes][value=company_internship]")
    page.fill("input[name=next_followup]", "2026-12-01")
    page.click("text=Gem kontakt")
    page.locator("p.notice", has_text="Kontakten er registreret").wait_for()
    assert page.locator("td", has_text="Besøg om rekruttering").is_visible()

    page.fill("input[name=title]", "Lagermedarbejder")
    page.fill("input[name=hours_per_week]", "37")
    page.click("text=Opret jobordre")
    page.locator("h1", has_text="Lagermedarbejder").wait_for()
    row = page.locator("tr", has_text="Anna Jensen")
    assert "same occupation: lagermedarbejder" in row.inner_text()
    row.locator("button", has_text="Foreslå").click()
    page.locator("p.notice", has_text="Kandidaten er foreslået").wait_for()
    job_url = page.url.split("?")[0]

    page.click("text=Log ud")
    login(page, base, "lagerhuset")
    page.goto(f"{base}/portal")
    page.click("text=Lagermedarbejder")
    page.locator("h2", has_text="Kandidat K-").wait_for()
    assert "Anna" not in page.content()
    page.click("text=Invitér til samtale")
    page.locator("p.notice", has_text="Svaret er sendt").wait_for()

    page.click("text=Log ud")
    login(page, base, "plejecentret")
    job_id = job_url.rsplit("/", 1)[1]
    response = page.goto(f"{base}/portal/jobordrer/{job_id}")
    assert response.status == 404 and "Lagermedarbejder" not in page.content()
