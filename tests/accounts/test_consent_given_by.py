"""Who gave the consent to share the candidate profile, and when: the citizen themself, or a named
caseworker on the citizen's behalf with a reason; who withdrew it — on Min sag, the candidate page
and the export, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.store.company_tables import CandidateProfileRow
from indsats.web.app import create_app
from tests.casework.builders import PASSWORD
from tests.web.audit_world import build_audit_world


def _login(client, username):
    client.cookies.clear()
    return client.post("/api/login", json={"username": username, "password": PASSWORD}).json()["csrf_token"]


def _row(database, citizen_id) -> CandidateProfileRow:
    with database.unit_of_work() as s:
        row = s.scalar(select(CandidateProfileRow).where(CandidateProfileRow.citizen_id == citizen_id))
        s.expunge(row)
        return row


def _profile_form(client, citizen_id, token, **extra):
    page = client.get(f"/kandidater/{citizen_id}").text
    occupations = re.search(r'name="occupations"[^>]*>([^<]*)<', page)
    data = {"csrf_token": token, "occupations": occupations.group(1) if occupations else "Lagerarbejder", **extra}
    return client.post(f"/kandidater/{citizen_id}", data=data, follow_redirects=False)


def test_consent_records_who_gave_and_withdrew_it_and_staff_must_give_a_reason(database):
    world = build_audit_world(database)
    anna = world.people.anna_id
    with TestClient(create_app(database, secret_key="test")) as client:
        token = _login(client, "anna")
        client.post("/min-sag/samtykke", data={"choice": "traek", "csrf_token": token})
        row = _row(database, anna)
        assert not row.consent and row.consent_withdrawn_by == "borgeren selv" and row.consent_withdrawn_at
        assert "det blev trukket tilbage den" in client.get("/min-sag/mine-data").text

        token = _login(client, "mette")
        refused = _profile_form(client, anna, token, consent="true")
        assert refused.status_code == 422 and "på borgerens vegne" in refused.text
        assert not _row(database, anna).consent  # nothing stored
        saved = _profile_form(client, anna, token, consent="true", consent_reason="Givet mundtligt ved samtalen")
        assert saved.status_code == 303, saved.text[:300]
        row = _row(database, anna)
        assert row.consent and "mette" in row.consent_given_by and row.consent_given_by != "borgeren selv"
        assert row.consent_on_behalf_reason == "Givet mundtligt ved samtalen" and row.consent_withdrawn_at is None
        recorded = f"af {row.consent_given_by} på borgerens vegne, begrundelse: Givet mundtligt ved samtalen"
        assert recorded in client.get(f"/kandidater/{anna}").text
        assert recorded in client.get(f"/borgere/{anna}/selvbetjening").text  # the case page's panel

        _login(client, "anna")
        page = client.get("/min-sag/mine-data").text
        assert "Dit samtykke blev registreret den" in page
        assert f"af {row.consent_given_by} på dine vegne. Begrundelse: Givet mundtligt ved samtalen" in page
        export = client.get("/min-sag/mine-data.json").json()["consent"]
        assert export["given"] is True and export["given_by"] == row.consent_given_by and export["on_behalf"] is True

        token = _login(client, "mette")  # the caseworker withdraws it: named, dated
        assert _profile_form(client, anna, token).status_code == 303
        row = _row(database, anna)
        assert not row.consent and "mette" in row.consent_withdrawn_by
        assert "Trukket tilbage" in client.get(f"/kandidater/{anna}").text

        token = _login(client, "anna")  # and the citizen gives it herself again
        client.post("/min-sag/samtykke", data={"choice": "giv", "csrf_token": token})
        row = _row(database, anna)
        assert row.consent and row.consent_given_by == "borgeren selv" and row.consent_on_behalf_reason is None
        assert "Du har givet samtykke den" in client.get("/min-sag/mine-data").text
