"""The browser tests' shared set-up: the hand-made world served on loopback, and a Chromium page."""

from __future__ import annotations

import pytest

from ..casework.builders import build_world
from ..livesite import chromium_page, serve


@pytest.fixture
def live_server(sqlite_database):
    """The two-municipality world of ``tests/casework/builders.py`` served on 127.0.0.1 (a module may override)."""
    world = build_world(sqlite_database)
    with serve(sqlite_database) as base:
        yield world, base


@pytest.fixture
def page():
    with chromium_page() as page:
        yield page
