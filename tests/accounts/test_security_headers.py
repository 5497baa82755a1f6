"""Security headers on the pages with personal data, and pages that keep to the CSP (no inline
script, no inline style, no event-handler attributes) — checked on the HTML and in Chromium."""

from __future__ import annotations

import re

import pytest

from tests.casework.builders import PASSWORD, build_world
from tests.livesite import chromium_page, log_in, serve

from .web_login import login, make_client


def test_a_personal_page_has_every_security_header(sqlite_database):
    world = build_world(sqlite_database)
    with make_client(sqlite_database) as client:
        login(client, "mette")
        page = client.get(f"/borgere/{world.anna_id}")
        assert page.status_code == 200 and "Østergaard" in page.text
        h = page.headers
        csp = h["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "object-src 'none'" in csp and "style-src 'self'" in csp
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"] == "no-referrer"
        assert h["cache-control"] == "no-store" and "camera=()" in h["permissions-policy"]
        assert "strict-transport-security" not in h  # plain HTTP on the loopback: no HSTS
        assert client.get(f"/api/citizens/{world.anna_id}").headers["cache-control"] == "no-store"
        assert client.get("/login").headers["x-content-type-options"] == "nosniff"
        assert "no-store" not in client.get("/static/indsats.css").headers.get("cache-control", "")
    with make_client(sqlite_database, base_url="https://testserver", cookie_secure=True) as client:
        login(client, "mette")
        hsts = client.get(f"/borgere/{world.anna_id}").headers["strict-transport-security"]
        assert "max-age=31536000" in hsts


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event-handler attribute"),
    (re.compile(r"\shx-on", re.I), "hx-on (evaluated script)"),
]


@pytest.mark.parametrize("username, paths", [
    ("mette", ["/login", "/sager", "/borgere", "/borgere/{anna}", "/frister", "/kandidater"]),
    ("leder250", ["/styring", "/ledelsesinformation", "/logning", "/brugere", "/virksomheder"]),
    ("anna", ["/min-sag"]),
])
def test_pages_have_no_inline_script_style_or_handlers(sqlite_database, username, paths):
    world = build_world(sqlite_database)
    with make_client(sqlite_database) as client:
        login(client, username)
        for path in paths:
            response = client.get(path.format(anna=world.anna_id))
            assert response.status_code == 200, path
            for pattern, what in INLINE:
                match = pattern.search(response.text)
                assert match is None, f"{path}: {what}: {response.text[max(0, match.start() - 80):match.end() + 80]}"


@pytest.mark.browser
def test_the_case_page_runs_in_chromium_without_a_csp_violation(sqlite_database):
    world = build_world(sqlite_database)
    with serve(sqlite_database) as base, chromium_page() as page:
        messages: list[str] = []
        page.on("console", lambda m: messages.append(m.text))
        log_in(page, base, "mette", PASSWORD)
        page.goto(f"{base}/borgere")
        page.fill("input[name=q]", "Østergaard")  # htmx POST under the CSP
        page.locator("#results a", has_text="Anna Østergaard").wait_for()
        page.goto(f"{base}/borgere/{world.anna_id}")
        page.locator("#frister-panel table").first.wait_for()  # htmx GET under the CSP
        assert page.evaluate("() => window.top === window.self")
        assert [m for m in messages if "Content Security Policy" in m] == []
