"""Mit CV: the citizen's CV feeds the candidate profile; companies' consultants find it only with consent."""

from __future__ import annotations

import re

from sqlalchemy import select

from indsats.store.tables import AuditRow
from tests.web_login import csrf, login, logout

CV = {"occupations": ["lagermedarbejder"], "experience": "5 år på lager hos Lager A/S", "education": "Truckcertifikat",
      "skills": "truckkørsel, pluk", "languages": "dansk, engelsk", "driving_licence": "ja", "max_hours": "37",
      "max_commute_km": "30", "accommodation_needs": ["no_night_work"]}


def _save_cv(client, **changes):
    data = {**CV, **changes, "csrf_token": csrf(client, "/mit-cv")}
    return client.post("/mit-cv", data=data, follow_redirects=False)


def test_occupations_are_suggested_as_the_citizen_types(world_client):
    _, client = world_client
    login(client, "anna")
    html = client.get("/mit-cv/stillinger", params={"q": "lager"}).text
    assert 'value="lagermedarbejder"' in html
    assert "Ingen stillinger passer" in client.get("/mit-cv/stillinger", params={"q": "qqxx"}).text


def test_the_cv_feeds_the_candidate_profile_seen_only_with_consent(world_client):
    world, client = world_client
    login(client, "mette")
    check = client.get("/cv-tjek").text
    assert "Anna Østergaard" in check and re.search(r'role="status">Viser 1–\d+ af \d+</p>', check)  # paged like every list
    logout(client)
    login(client, "anna")
    assert _save_cv(client).status_code == 303
    page = client.get("/mit-cv").text
    assert "Dit CV er gemt." in page and "5 år på lager" in page and "Virksomheder kan ikke finde dit CV" in page
    logout(client)
    login(client, "konsulent250")
    assert "Østergaard" not in client.get("/kandidater").text
    logout(client)
    login(client, "anna")
    client.post("/mit-cv/samtykke", data={"consent": "ja", "csrf_token": csrf(client, "/mit-cv")})
    assert "Du gav samtykke den" in client.get("/mit-cv").text
    logout(client)
    login(client, "konsulent250")
    listing = client.get("/kandidater").text
    assert "Østergaard" in listing and "lagermedarbejder" in listing
    logout(client)
    login(client, "anna")
    response = client.post("/mit-cv/samtykke", data={"consent": "nej", "csrf_token": csrf(client, "/mit-cv")})
    assert "Du har trukket dit samtykke tilbage" in response.text and "Du trak dit samtykke tilbage den" in response.text
    logout(client)
    login(client, "konsulent250")
    assert "Østergaard" not in client.get("/kandidater").text
    logout(client)
    login(client, "mette")
    assert "Anna Østergaard" not in client.get("/cv-tjek").text


def test_bad_input_is_explained_at_the_field_and_kept(world_client):
    _, client = world_client
    login(client, "anna")
    response = _save_cv(client, max_hours="90", occupations=[], experience="Min erfaring")
    assert response.status_code == 422
    assert "Vælg mindst én stilling" in response.text and "må højst være 60" in response.text
    assert "Min erfaring" in response.text and 'value="90"' in response.text


def test_staff_reading_the_cv_is_audited_and_citizens_reach_only_their_own(world_client, database):
    world, client = world_client
    login(client, "anna")
    _save_cv(client)
    assert client.get(f"/borgere/{world.anna_id}/selvbetjening").status_code == 403
    logout(client)
    login(client, "mette")
    panel = client.get(f"/borgere/{world.anna_id}/selvbetjening")
    assert panel.status_code == 200 and "lagermedarbejder" in panel.text and "Kan ikke arbejde om natten" in panel.text
    with database.unit_of_work() as s:
        actions = s.scalars(select(AuditRow.action).where(AuditRow.citizen_id == world.anna_id,
                                                          AuditRow.username == "mette")).all()
    assert any("cv" in a for a in actions)
    logout(client)
    login(client, "hanne")  # another municipality
    assert client.get(f"/borgere/{world.anna_id}/selvbetjening").status_code in (403, 404)
