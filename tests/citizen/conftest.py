"""A client over the small two-municipality world (tests/casework/builders.py), logged in as whom a test asks."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from indsats.web.app import create_app
from tests.casework.builders import PASSWORD, build_world


@pytest.fixture
def world_client(database):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        yield world, client


def csrf(client, path="/login"):
    html = client.get(path).text
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def login(client, username, password=PASSWORD):
    token = csrf(client)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                       follow_redirects=False)


def logout(client):
    client.post("/logout", data={"csrf_token": csrf(client, "/")})
