"""A fresh demo has meetings that have begun, so a caseworker can mark one not attended and see availability."""

from __future__ import annotations

import re
from datetime import date

from fastapi.testclient import TestClient

from indsats.domain.enums import Role
from indsats.services.accounts.demo_accounts import ensure_demo_accounts
from indsats.services.demo.past_meetings import last_workday_before, seed_past_meetings
from indsats.web.app import create_app


def _token(text):
    return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)


def test_the_demo_caseworker_marks_a_past_meeting_not_attended(sqlite_database, monkeypatch):
    from indsats.synth.build import build

    monkeypatch.setenv("INDSATS_TODAY", "2026-11-23")
    build(sqlite_database, seed=5, as_of=date(2026, 11, 23), codes=("250",), citizens=600)
    assert last_workday_before(date(2026, 11, 23)) == date(2026, 11, 20)  # a Monday: the Friday before
    assert seed_past_meetings(sqlite_database, date(2026, 11, 23)) == 3
    caseworker = next(x for x in ensure_demo_accounts(sqlite_database) if x.role == Role.CASEWORKER)
    with TestClient(create_app(sqlite_database, secret_key="test")) as client:
        client.post("/login", data={"username": caseworker.username, "password": caseworker.password,
                                    "csrf_token": _token(client.get("/login").text)})
        calendar = client.get("/kalender", params={"dato": "2026-11-20"}).text
        case = re.search(r"href=\"/borgere/(\d+)#aftaler\"", calendar).group(1)
        page = client.get(f"/borgere/{case}").text
        appointment = re.search(r'action="/aftaler/(\d+)/udfald"', page).group(1)
        answer = client.post(f"/aftaler/{appointment}/udfald", data={
            "csrf_token": _token(page), "citizen_id": case, "outcome": "no_show", "note": ""})
        assert "markeret som udeblevet, og en rådighedssag er oprettet" in answer.text
        availability = client.get("/api/worklists/availability").json()
        assert availability["total"] == 1 and str(availability["items"][0]["citizen_id"]) == case
