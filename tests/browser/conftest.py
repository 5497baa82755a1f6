"""The browser tests' shared set-up: the hand-made world served on loopback, and a Chromium page."""

from __future__ import annotations

import pytest

from ..casework.builders import build_world
from ..livesite import chromium_page, serve_world


@pytest.fixture
def live_server(sqlite_database):
    """The two-municipality world of ``tests/casework/builders.py`` served on 127.0.0.1 (a module may override)."""
    with serve_world(sqlite_database, build_world) as site:
        yield site


@pytest.fixture
def page():
    with chromium_page() as page:
        yield page
