"""In headless Chromium: the log-in page with OpenID Connect configured shows the MitID / NemLog-in
button, and the managers' Sletteregler page shows the rules; axe-core checks both (WCAG 2.1 A/AA)."""

from __future__ import annotations

import pytest

from ..casework.builders import PASSWORD, build_world
from ..livesite import assert_accessible, log_in, serve

pytestmark = pytest.mark.browser


def test_the_oidc_button_and_the_retention_rules_are_shown_and_accessible(sqlite_database, page, monkeypatch):
    monkeypatch.setenv("INDSATS_OIDC_ISSUER", "http://127.0.0.1:9")  # configured; not contacted by this page
    monkeypatch.setenv("INDSATS_OIDC_CLIENT_ID", "indsats")
    build_world(sqlite_database)
    with serve(sqlite_database) as base:
        page.goto(f"{base}/login")
        assert page.get_by_role("link", name="Log ind med MitID / NemLog-in (OIDC)").is_visible()
        assert_accessible(page, "log ind med OIDC-knap")
        log_in(page, base, "leder250", PASSWORD)
        page.goto(f"{base}/sletteregler")
        assert page.get_by_role("heading", name="Sletteregler").is_visible()
        assert page.get_by_text("Jobbet har ikke kørt endnu.").is_visible()
        assert page.get_by_role("rowheader", name="Log-ind-sessioner").is_visible()
        assert_accessible(page, "sletteregler")
        page.set_viewport_size({"width": 375, "height": 800})  # a manager on a phone: no sideways scroll
        for path in ("/sletteregler", "/brugere"):
            page.goto(f"{base}{path}")
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 375, path
        assert_accessible(page, "brugere at 375 px")
