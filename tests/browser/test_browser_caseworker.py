"""In Debian's headless Chromium: a caseworker logs in, searches a citizen and opens the case."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest
import uvicorn

from indsats.web.app import create_app

from ..foundation.builders import PASSWORD, build_world

CHROMIUM = os.environ.get("INDSATS_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(sqlite_database):
    world = build_world(sqlite_database)
    port = _free_port()
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
            pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield browser.new_page()
        browser.close()


def test_caseworker_logs_in_searches_and_opens_the_case(live_server, page):
    world, base = live_server
    page.goto(f"{base}/sager")
    assert page.url.startswith(f"{base}/login")
    page.fill("input[name=username]", "mette")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/sager")
    assert page.locator("h1").inner_text() == "Min sagsstamme"

    page.click("nav >> text=Find borger")
    page.fill("input[name=q]", "Østergaard")
    page.locator("#results a", has_text="Anna Østergaard").wait_for()  # htmx live search
    page.click("#results >> text=Anna Østergaard")
    page.wait_for_url(f"{base}/borgere/{world.anna_id}")
    assert page.locator("h1").inner_text() == "Anna Østergaard"
    assert page.get_by_role("heading", name="Ydelseshistorik").is_visible()
    assert page.locator("text=Fællessamtale").first.is_visible()


def test_a_caseworker_of_another_municipality_is_shown_no_access(live_server, page):
    world, base = live_server
    page.goto(f"{base}/login")
    page.fill("input[name=username]", "hanne")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/sager")
    response = page.goto(f"{base}/borgere/{world.anna_id}")
    assert response.status == 403
    assert "Ingen adgang" in page.content() and "Østergaard" not in page.content()


def test_the_case_page_loads_the_citizens_legal_deadlines(live_server, page):
    world, base = live_server
    page.goto(f"{base}/login")
    page.fill("input[name=username]", "mette")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/sager")
    page.goto(f"{base}/borgere/{world.anna_id}")
    # Anna: unemployment benefit since 2026-05-04 — the four conversations of the first six months are due
    page.locator("table.list >> text=2026").first.wait_for()
    assert "Beregner frister" not in page.content()
    assert "LAB § 31" in page.content()
