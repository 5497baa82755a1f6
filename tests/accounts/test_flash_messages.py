"""Messages after a form are kept on the server with the log-in session, never in a cookie: the
pre-login cookie carries only the log-in form's CSRF token, and a message shows once."""

from __future__ import annotations

import base64
import json

from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.store.account_tables import LoginSessionRow
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD
from tests.web.audit_world import build_audit_world

MESSAGE = "Dit samtykke er trukket tilbage"


def _cookie_payload(client: TestClient) -> dict:
    value = client.cookies.get("indsats_prelogin")
    if not value:
        return {}
    data = value.split(".", 1)[0]
    return json.loads(base64.b64decode(data + "=" * (-len(data) % 4)))


def test_a_message_after_a_form_lives_in_the_session_row_not_in_a_cookie_and_shows_once(database):
    build_audit_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        client.get("/login")
        assert set(_cookie_payload(client)) == {"csrf"}  # before log-in: the form's token only
        token = client.post("/api/login", json={"username": "anna", "password": PASSWORD}).json()["csrf_token"]
        answer = client.post("/min-sag/samtykke", data={"choice": "traek", "csrf_token": token},
                             follow_redirects=False)
        assert answer.status_code == 303
        assert MESSAGE not in json.dumps(_cookie_payload(client), ensure_ascii=False)
        assert all(MESSAGE not in value for value in answer.headers.get_list("set-cookie"))
        with database.unit_of_work() as s:
            waiting = [r for r in s.scalars(select(LoginSessionRow.flashes)) if r]
        assert len(waiting) == 1 and MESSAGE in json.loads(waiting[0])[0]
        assert MESSAGE in client.get(answer.headers["location"]).text  # shown once
        assert MESSAGE not in client.get(answer.headers["location"]).text
        with database.unit_of_work() as s:
            assert [r for r in s.scalars(select(LoginSessionRow.flashes)) if r] == []
