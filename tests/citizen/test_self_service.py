"""Joblog, Min Plan and messages: the citizen acts, the caseworker sees it on the case page, and back."""

from __future__ import annotations

import re

from sqlalchemy import select

from indsats.domain import clock
from indsats.store.tables import AuditRow
from tests.web_login import csrf, login, logout


def _post(client, path, page, **data):
    return client.post(path, data={**data, "csrf_token": csrf(client, page)}, follow_redirects=False)


def test_joblog_counts_the_month_against_the_plan_for_citizen_and_caseworker(world_client, database):
    world, client = world_client
    login(client, "anna")
    today = clock.today().isoformat()
    assert _post(client, "/joblog", "/joblog", employer="Lager A/S", job_title="Lagermedarbejder",
                 applied_on=today, how="online").status_code == 303
    page = client.get("/joblog").text
    assert "1 af 4" in page and "Lager A/S" in page and "Online eller e-mail" in page
    assert "(1 af 4 denne måned)" in client.get("/min-sag").text
    bad = _post(client, "/joblog", "/joblog", employer="", job_title="Truckfører", applied_on="2999-01-01", how="")
    assert bad.status_code == 422
    assert "Skriv navnet på arbejdsgiveren" in bad.text and "må ikke ligge i fremtiden" in bad.text
    assert 'value="Truckfører"' in bad.text
    logout(client)
    login(client, "mette")
    panel = client.get(f"/borgere/{world.anna_id}/selvbetjening").text
    assert "1 af 4" in panel and "Lager A/S" in panel
    with database.unit_of_work() as s:
        actions = set(s.scalars(select(AuditRow.action).where(AuditRow.citizen_id == world.anna_id,
                                                              AuditRow.username == "mette")))
    assert {"joblog", "beskeder", "cv"} <= actions


def test_the_citizen_accepts_or_comments_on_the_plan_and_the_caseworker_sees_the_answer(world_client):
    world, client = world_client
    login(client, "anna")
    assert "Din plan er ny eller ændret" in client.get("/min-sag").text
    assert "Job som lagerarbejder" in client.get("/min-plan").text
    assert _post(client, "/min-plan", "/min-plan", answer="comment", comment="").status_code == 422
    _post(client, "/min-plan", "/min-plan", answer="comment", comment="Jeg vil hellere køre truck")
    _post(client, "/min-plan", "/min-plan", answer="accepted", comment="")
    page = client.get("/min-plan").text
    assert "Accepteret" in page and "Jeg vil hellere køre truck" in page  # the history is kept
    assert "Din plan er ny eller ændret" not in client.get("/min-sag").text
    logout(client)
    login(client, "mette")
    panel = client.get(f"/borgere/{world.anna_id}/selvbetjening").text
    assert "Accepteret" in panel and "Tidligere svar (1)" in panel and "Jeg vil hellere køre truck" in panel


def test_messages_go_both_ways_with_read_receipts_and_unread_list(world_client):
    world, client = world_client
    login(client, "anna")
    assert _post(client, "/beskeder", "/beskeder", body="Hvornår er min næste samtale?").status_code == 303
    assert "Ikke læst endnu" in client.get("/beskeder").text
    logout(client)
    login(client, "mette")
    unread = client.get("/borgerbeskeder").text
    assert 'role="status">Viser 1–1 af 1</p>' in unread  # paged like every list
    assert "Anna Østergaard" in unread and "<strong>1</strong>" in unread
    token = csrf(client, f"/borgere/{world.anna_id}")
    panel = client.get(f"/borgere/{world.anna_id}/selvbetjening").text
    assert "Hvornår er min næste samtale?" in panel
    assert "Anna Østergaard" not in client.get("/borgerbeskeder").text  # read now
    response = client.post(f"/borgere/{world.anna_id}/selvbetjening/besked",
                           data={"body": "Den 3. december kl. 10.", "csrf_token": token}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Den 3. december kl. 10." in response.text
    logout(client)
    login(client, "anna")
    assert "1 ny besked fra jobcentret" in client.get("/min-sag").text
    page = client.get("/beskeder").text
    assert "Den 3. december kl. 10." in page and "Læst" in page and "Ikke læst endnu" not in page
    assert "ny besked" not in client.get("/min-sag").text


def test_citizen_pages_never_take_another_citizens_id(world_client):
    world, client = world_client
    login(client, "anna")
    for path in ("/mit-cv", "/joblog", "/min-plan", "/beskeder"):
        assert client.get(path).status_code == 200
    for path in (f"/borgere/{world.bo_id}/selvbetjening", f"/borgere/{world.carl_id}/selvbetjening",
                 "/borgerbeskeder", "/cv-tjek"):
        assert client.get(path).status_code == 403
    token = csrf(client, "/beskeder")
    assert client.post(f"/borgere/{world.bo_id}/selvbetjening/besked",
                       data={"body": "hej", "csrf_token": token}).status_code == 403
    logout(client)
    login(client, "hanne")  # another municipality's caseworker
    assert client.get(f"/borgere/{world.anna_id}/selvbetjening").status_code in (403, 404)
    assert client.get("/beskeder").status_code == 403


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_message_may_carry_a_pdf_or_image_that_the_caseworker_opens(world_client):
    world, client = world_client
    login(client, "anna")
    token = csrf(client, "/beskeder")
    refused = client.post("/beskeder", data={"body": "Se vedhæftede", "csrf_token": token},
                          files={"fil": ("noter.txt", b"bare tekst", "text/plain")})
    assert refused.status_code == 422 and "kun vedhæfte PDF-filer og billeder" in refused.text
    sent = client.post("/beskeder", data={"body": "Her er min lægeerklæring", "csrf_token": token},
                       files={"fil": ("erklaering.pdf", PDF, "application/pdf")}, follow_redirects=False)
    assert sent.status_code == 303
    page = client.get("/beskeder").text
    link = re.search(r'href="(/beskeder/bilag/\d+)">erklaering.pdf', page).group(1)
    assert client.get(link).content == PDF
    document_id = int(link.rsplit("/", 1)[1])
    logout(client)
    login(client, "mette")
    panel = client.get(f"/borgere/{world.anna_id}/selvbetjening").text
    assert f'href="/dokumenter/{document_id}">erklaering.pdf' in panel
    assert client.get(f"/dokumenter/{document_id}").content == PDF
    logout(client)
    login(client, "hanne")
    assert client.get(f"/dokumenter/{document_id}").status_code in (403, 404)
