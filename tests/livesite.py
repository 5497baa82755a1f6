"""Shared browser-test support: serve an app on a free loopback port; drive Debian's headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest
import uvicorn

from indsats.web.app import create_app

World = TypeVar("World")

CHROMIUM = os.environ.get("INDSATS_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@contextmanager
def serve(database) -> Iterator[str]:
    """Serve ``create_app(database)`` on 127.0.0.1 in a thread; yields the base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(database, secret_key="browser-test"),
                                          host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def serve_world(database, build: Callable[..., World]) -> Iterator[tuple[World, str]]:
    """``build(database)``'s hand-made world, then the app over it served on loopback: yields (world, base URL)."""
    world = build(database)
    with serve(database) as base:
        yield world, base


@contextmanager
def chromium_page():
    """A page in headless Chromium under the app's real CSP; skipped where Chromium is missing
    (a failure under CI)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}; ./run test installs Debian's chromium")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def log_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page, context: str = "") -> None:
    """Run axe-core on the page as it is now; fail on any WCAG 2.1 A/AA violation.

    ``./run test`` installs axe-core with npm; without it the check is skipped (a failure under CI).
    """
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"axe-core not found at {AXE}; ./run test installs it with npm")
        pytest.skip(f"axe-core not found at {AXE} (npm install)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP (no inline script) does
        # not govern, so the app's pages keep their real policy while axe-core checks them.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
                                                                 else str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]
    assert not violations, f"axe-core on {context or page.url}:\n" + "\n".join(violations)
