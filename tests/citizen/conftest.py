"""A client over the small two-municipality world (tests/casework/builders.py); log in with ``tests/web_login.py``."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from indsats.web.app import create_app
from tests.casework.builders import build_world


@pytest.fixture
def world_client(database):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        yield world, client
