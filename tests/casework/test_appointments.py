"""Appointments, availability cases and the journal, through the pages and the API (SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from indsats.services.casework import appointments
from indsats.store.casework_tables import AppointmentSlotRow, AvailabilityCaseRow, DocumentRow
from indsats.store.tables import AuditRow, ConversationRow
from indsats.web.app import create_app
from tests.web_login import csrf, login

from .builders import build_world

MONDAY = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)  # 8.00 in Copenhagen
TUESDAY = date(2026, 12, 8)


@pytest.fixture
def world_client(database):
    world = build_world(database)
    with time_machine.travel(MONDAY, tick=False), TestClient(create_app(database, secret_key="test")) as client:
        yield world, client, database


def _book(client, citizen_id, time="09:00", minutes="30", day=TUESDAY, htmx=False):
    token = csrf(client, f"/borgere/{citizen_id}")
    return client.post(f"/borgere/{citizen_id}/registrer/appointment", follow_redirects=False,
                       headers={"HX-Request": "true"} if htmx else {},
                       data={"date": day.isoformat(), "time": time, "minutes": minutes, "channel": "attendance",
                             "place": "Jobcenter Frederikssund, Kocksvej 1", "purpose": "Plan for praktik",
                             "csrf_token": token})


def test_booking_takes_the_slot_and_a_second_booking_is_refused_409_in_danish(world_client):
    world, client, database = world_client
    login(client, "mette")
    assert _book(client, world.anna_id).status_code == 303
    clash = _book(client, world.anna_id, time="09:15", htmx=True)
    assert clash.status_code == 409
    assert "har allerede en aftale" in clash.text and 'value="09:15"' in clash.text
    with database.unit_of_work() as s:
        slots = s.scalars(select(AppointmentSlotRow.slot_start)).all()
        booked = s.scalars(select(ConversationRow.status).where(ConversationRow.citizen_id == world.anna_id,
                                                               ConversationRow.date == TUESDAY)).all()
    assert sorted(slots) == [datetime(2026, 12, 8, 9, 0), datetime(2026, 12, 8, 9, 15)]
    assert booked == ["booked"]
    assert _book(client, world.anna_id, time="09:30").status_code == 303  # right after is free


def test_the_database_itself_refuses_a_double_booked_quarter(world_client):
    world, client, database = world_client
    login(client, "mette")
    _book(client, world.anna_id)
    with database.unit_of_work() as s:
        taken = s.scalars(select(AppointmentSlotRow)).first()
        appointment_id, worker_id, slot = taken.appointment_id, taken.caseworker_id, taken.slot_start
    with pytest.raises(IntegrityError), database.unit_of_work() as s:  # e.g. two servers booking at once
        s.add(AppointmentSlotRow(appointment_id=appointment_id, caseworker_id=worker_id, slot_start=slot))


def test_outside_working_hours_and_in_the_past_are_refused(world_client):
    world, client, _ = world_client
    login(client, "mette")
    late = _book(client, world.anna_id, time="16:00")
    assert late.status_code == 409 and "uden for åbningstiden" in late.text
    saturday = _book(client, world.anna_id, day=date(2026, 12, 12))
    assert saturday.status_code == 409
    past = _book(client, world.anna_id, day=date(2026, 12, 4))
    assert past.status_code == 409 and "passeret" in past.text


def test_free_slots_leave_out_the_booked_time_and_the_closed_hours(world_client):
    world, client, database = world_client
    login(client, "mette")
    _book(client, world.anna_id, time="09:00", minutes="60")
    worker_id = 1
    with database.unit_of_work() as s:
        worker_id = s.scalar(select(ConversationRow.caseworker_id).where(ConversationRow.date == TUESDAY))
    slots = [s.starts_at for s in appointments.free_slots(database, worker_id, TUESDAY, date(2026, 12, 9))]
    assert datetime(2026, 12, 8, 8, 30) in slots and datetime(2026, 12, 8, 10, 0) in slots
    assert not {datetime(2026, 12, 8, 8, 45), datetime(2026, 12, 8, 9, 0), datetime(2026, 12, 8, 9, 30)} & set(slots)
    assert max(slots) == datetime(2026, 12, 8, 15, 0)  # the last half hour ends at 15.30
    api = client.get(f"/api/caseworkers/{worker_id}/free-slots", params={"from": "2026-12-08", "to": "2026-12-09"})
    assert api.status_code == 200 and len(api.json()) == len(slots)
    page = client.get("/kalender", params={"dato": "2026-12-08", "visning": "dag"}).text
    assert "Anna Østergaard" in page and "Plan for praktik" in page and "10.00" in page


def test_the_invitation_is_a_danish_pdf_and_is_kept_as_a_letter_sent(world_client):
    world, client, database = world_client
    login(client, "mette")
    _book(client, world.anna_id)
    case = client.get(f"/borgere/{world.anna_id}").text
    link = case.split('href="/aftaler/')[1].split('"')[0]
    pdf = client.get(f"/aftaler/{link}")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    journal = client.get(f"/borgere/{world.anna_id}/journal", params={"q": "udebliver"}).text
    assert "Indkaldelse til jobsamtale" in journal and "a-kasse" in journal  # Anna is on dagpenge
    with database.unit_of_work() as s:
        assert s.scalar(select(AuditRow).where(AuditRow.action.like("indkaldelse%"))) is not None


def test_a_missed_meeting_opens_an_availability_case_through_to_the_decision(world_client):
    world, client, database = world_client
    login(client, "mette")
    _book(client, world.anna_id)
    with database.unit_of_work() as s:
        appointment_id = s.scalar(select(AppointmentSlotRow.appointment_id))
    token = csrf(client, f"/borgere/{world.anna_id}")
    early = client.post(f"/aftaler/{appointment_id}/udfald", data={"outcome": "no_show", "citizen_id": world.anna_id,
                                                                  "csrf_token": token}, follow_redirects=True)
    assert "kun aflyses" in early.text
    with time_machine.travel(datetime(2026, 12, 8, 10, 0, tzinfo=UTC), tick=False):
        login(client, "mette")  # a new day, a new session
        token = csrf(client, f"/borgere/{world.anna_id}")
        page = client.post(f"/aftaler/{appointment_id}/udfald", follow_redirects=True,  # noqa
                           data={"outcome": "no_show", "citizen_id": world.anna_id, "csrf_token": token}).text
        assert "en rådighedssag er oprettet" in page and "Partshøring skal sendes" in page
        assert "Udeblevet fra samtale" in client.get("/raadighed").text
        with database.unit_of_work() as s:
            case_id = s.scalar(select(AvailabilityCaseRow.id))
        post = lambda step, **data: client.post(f"/raadighed/{case_id}/{step}", follow_redirects=True,  # noqa: E731
                                                data={"citizen_id": world.anna_id, "csrf_token": token, **data}).text
        assert "Ikke gemt: Send partshøringen" in post("afgoerelse", decision="no_consequence", reason="Syg")
        assert "Partshøringen er sendt" in post("partshoering")
        assert "Borgerens svar er registreret" in post("svar", answer="Jeg var syg", received_on="2026-12-08")
        refused = post("afgoerelse", decision="sanction", reason="Ingen rimelig grund", reduction_days="2")
        assert "træffer a-kassen afgørelsen" in refused  # Anna is insured: no municipal sanction
        assert ">Ingen rimelig grund</textarea>" in refused and '<option value="sanction" selected>' in refused
        long = "Udeblev uden at melde afbud. " * 150  # 4,350 characters: more than 4,000
        refused = client.post(f"/raadighed/{case_id}/afgoerelse", data={
            "citizen_id": world.anna_id, "csrf_token": token, "decision": "fund_referral", "reason": long})
        assert refused.status_code == 422
        kept = re.search(r'name="reason"[^>]*>([^<]*)</textarea><span class="field-error"[^>]*>([^<]*)<', refused.text)
        assert kept and kept.group(1) == long and "Begrundelsen må højst være 4000 tegn" in kept.group(2)
        done = post("afgoerelse", decision="fund_referral", reason="Udeblivelse uden rimelig grund")
        assert "Afgørelsen er registreret" in done and "Sendt til a-kassen" in done
    with database.unit_of_work() as s:
        row = s.get(AvailabilityCaseRow, case_id)
        assert (row.decision, row.answer) == ("fund_referral", "Jeg var syg")
        status = s.scalar(select(ConversationRow.status).where(ConversationRow.date == TUESDAY))
    assert status == "no_show"


def test_journal_notes_documents_and_an_audited_download(world_client):
    world, client, database = world_client
    login(client, "mette")
    token = csrf(client, f"/borgere/{world.anna_id}")
    client.post(f"/borgere/{world.anna_id}/journal", data={"title": "Telefonsamtale", "text": "Ringede om praktik",
                                                           "csrf_token": token})
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    ok = client.post(f"/borgere/{world.anna_id}/dokumenter", data={"title": "Lægeerklæring", "csrf_token": token},
                     files={"fil": ("erklæring.pdf", pdf, "application/pdf")}, follow_redirects=True)
    assert "Dokumentet er lagt på sagen" in ok.text and "Lægeerklæring" in ok.text and "Ringede om praktik" in ok.text
    fake = client.post(f"/borgere/{world.anna_id}/dokumenter", data={"csrf_token": token, "title": "Min titel"},
                       files={"fil": ("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")})
    assert fake.status_code == 422 and 'value="Min titel"' in fake.text
    assert re.search(r'name="fil"[^>]*><span class="field-error"[^>]*>Kun PDF og billeder', fake.text)
    with database.unit_of_work() as s:
        doc_id = s.scalar(select(DocumentRow.id))
    download = client.get(f"/dokumenter/{doc_id}")
    assert download.content == pdf and "attachment" in download.headers["content-disposition"]
    with database.unit_of_work() as s:
        assert s.scalar(select(AuditRow).where(AuditRow.action == f"hentede dokument {doc_id}: erklæring.pdf"))
    found = client.get(f"/borgere/{world.anna_id}/journal", params={"q": "praktik"}).text
    assert "Ringede om praktik" in found and "Lægeerklæring" not in found
    login(client, "hanne")
    assert client.get(f"/dokumenter/{doc_id}").status_code == 403
