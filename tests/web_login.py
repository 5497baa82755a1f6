"""Logging in through HTTP with the form's CSRF token, for every test that drives the pages with a TestClient.

Every hand-made world (``tests/casework/builders.py``, ``worklist_world``, ``quota_world``, ``company_world``,
``economy_world``) gives its logins the same password, ``PASSWORD``.
"""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.casework.builders import PASSWORD


def csrf(client: TestClient, path: str = "/login") -> str:
    """The CSRF token of the form on the page at ``path``."""
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def login(client: TestClient, username: str, password: str = PASSWORD):
    """Post the log-in form; the answer is returned unchecked (a test of a refused log-in reads it)."""
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf(client)},
                       follow_redirects=False)


def logged_in(client: TestClient, username: str, password: str = PASSWORD) -> None:
    """Log in and insist it worked (303 to the start page)."""
    response = login(client, username, password)
    assert response.status_code == 303, response.text


def logout(client: TestClient) -> None:
    client.post("/logout", data={"csrf_token": csrf(client, "/")})
