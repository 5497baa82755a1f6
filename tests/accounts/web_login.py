"""Helpers for the accounts tests that go through HTTP: an app over a database, log-in with CSRF."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from indsats.settings import get_settings
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD


def make_client(database, client_address: str = "testclient", base_url: str = "http://testserver",
                **settings) -> TestClient:
    app = create_app(database, secret_key="test", settings=get_settings(**settings))
    return TestClient(app, client=(client_address, 50000), base_url=base_url)


def csrf(client: TestClient, path: str = "/login") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def login(client: TestClient, username: str, password: str = PASSWORD):
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf(client)},
                       follow_redirects=False)
