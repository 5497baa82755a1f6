"""In headless Chromium: book a meeting and open its invitation; a missed meeting opens an availability case;
a document upload and its audited download. axe-core checks each page (WCAG 2.1 A/AA)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import select

from indsats.store.tables import AuditRow

from ..casework.builders import PASSWORD, build_world
from ..livesite import assert_accessible, log_in, serve

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(sqlite_database):
    world = build_world(sqlite_database)
    with time_machine.travel(datetime(2026, 12, 7, 7, 0, tzinfo=UTC), tick=True), serve(sqlite_database) as base:
        yield world, base, sqlite_database


def _book(page, base, citizen_id):
    page.goto(f"{base}/borgere/{citizen_id}")
    page.click("summary:has-text('Book møde')")
    page.fill("#f-appointment-date", "2026-12-08")
    page.fill("#f-appointment-time", "09:30")
    page.select_option("#f-appointment-channel", "attendance")
    page.fill("#f-appointment-place", "Jobcentret, Kocksvej 1")
    page.fill("#f-appointment-purpose", "Afklaring af praktikplads")
    page.click("#form-appointment button[type=submit]")
    page.locator("#form-appointment >> text=Mødet er booket").wait_for()


def test_book_a_meeting_see_it_in_the_calendar_and_open_the_invitation(live_server, page):
    world, base, _ = live_server
    log_in(page, base, "mette", PASSWORD)
    _book(page, base, world.anna_id)
    page.goto(f"{base}/kalender?dato=2026-12-08&visning=dag")
    assert "Afklaring af praktikplads" in page.content()
    assert_accessible(page, "kalenderen")
    page.goto(f"{base}/borgere/{world.anna_id}")
    assert_accessible(page, "sagen med et møde")
    href = page.get_attribute("#aftaler a:has-text('Indkaldelse (PDF)')", "href")
    pdf = page.request.get(f"{base}{href}")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"
    # the same time again: refused at the field, nothing lost
    _again = page.goto(f"{base}/borgere/{world.anna_id}")
    page.click("summary:has-text('Book møde')")
    page.fill("#f-appointment-date", "2026-12-08")
    page.fill("#f-appointment-time", "09:45")
    page.fill("#f-appointment-purpose", "Dobbeltbooking")
    page.click("#form-appointment button[type=submit]")
    page.locator("#f-appointment-time-fejl").wait_for()
    assert "har allerede en aftale" in page.inner_text("#f-appointment-time-fejl")
    assert page.input_value("#f-appointment-purpose") == "Dobbeltbooking"


def test_a_missed_meeting_opens_availability(live_server, page):
    world, base, _ = live_server
    log_in(page, base, "mette", PASSWORD)
    _book(page, base, world.anna_id)
    with time_machine.travel(datetime(2026, 12, 8, 10, 0, tzinfo=UTC), tick=True):
        log_in(page, base, "mette", PASSWORD)
        page.goto(f"{base}/borgere/{world.anna_id}")
        page.select_option("#aftaler select[name=outcome]", "no_show")
        page.click("#aftaler button:has-text('Gem udfald')")
        page.locator("text=en rådighedssag er oprettet").wait_for()
        assert "Partshøring skal sendes" in page.inner_text("#raadighed")
        page.click("#raadighed button:has-text('Send partshøring')")
        page.locator("text=Partshøringen er sendt").wait_for()
        assert "Afventer borgerens svar" in page.inner_text("#raadighed")
        assert_accessible(page, "rådighedssagen")
        page.goto(f"{base}/raadighed")
        assert "Anna Østergaard" in page.content()
        assert_accessible(page, "rådighedslisten")


def test_upload_a_document_and_its_download_is_audited(live_server, page, tmp_path):
    world, base, database = live_server
    log_in(page, base, "mette", PASSWORD)
    page.goto(f"{base}/borgere/{world.anna_id}")
    page.set_input_files("#dok-fil", files=[{"name": "attest.pdf", "mimeType": "application/pdf",
                                             "buffer": b"%PDF-1.4\n%%EOF"}])
    page.fill("#dok-titel", "Lægeattest")
    page.click("#journal button:has-text('Læg på sagen')")
    page.locator("text=Dokumentet er lagt på sagen").wait_for()
    assert_accessible(page, "journalen")
    with page.expect_download() as info:
        page.click("#journal a:has-text('Hent dokumentet')")
    path = tmp_path / "hentet.pdf"
    info.value.save_as(path)
    assert path.read_bytes() == b"%PDF-1.4\n%%EOF"
    with database.unit_of_work() as s:
        assert s.scalar(select(AuditRow.username).where(AuditRow.action.like("hentede dokument%"))) == "mette"
