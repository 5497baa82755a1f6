"""Helpers for the accounts tests that go through HTTP: an app over a database, log-in with CSRF (``tests/web_login.py``)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from indsats.settings import get_settings
from indsats.web.app import create_app
from tests.web_login import csrf, login

__all__ = ["csrf", "login", "make_client"]


def make_client(database, client_address: str = "testclient", base_url: str = "http://testserver",
                **settings) -> TestClient:
    app = create_app(database, secret_key="test", settings=get_settings(**settings))
    return TestClient(app, client=(client_address, 50000), base_url=base_url)
