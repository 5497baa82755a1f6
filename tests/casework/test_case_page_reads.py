"""The case page and its deadline page read in one transaction each, and the audit log still holds every
read a manager would look for: the case, its sick-leave panel, the deadlines and the availability cases."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.store.tables import AuditRow, OfferRow
from indsats.web.app import create_app
from tests.web_login import login

from .builders import build_world


def _reads(db, citizen_id: int) -> list[tuple[str, str, str]]:
    with db.unit_of_work() as s:
        return [(r.username, r.kind, r.action) for r in s.scalars(
            select(AuditRow).where(AuditRow.citizen_id == citizen_id).order_by(AuditRow.id))]


def test_the_case_page_records_the_case_and_the_sick_leave_panel_and_shows_the_case(database):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "mette")
        page = client.get(f"/borgere/{world.anna_id}")
    assert page.status_code == 200
    assert "Anna Østergaard" in page.text and "Job som lagerarbejder" in page.text and "Registrér på sagen" in page.text
    assert _reads(database, world.anna_id) == [
        ("mette", "read", f"side: /borgere/{world.anna_id}"),
        ("mette", "read", f"sygefravær og fastholdelse: borger {world.anna_id}")]


def test_the_deadline_page_records_the_deadlines_and_the_availability_cases(database):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "mette")
        page = client.get(f"/borgere/{world.anna_id}/frister")
        assert page.status_code == 200
        login(client, "leder250")  # a manager reads the deadlines, not the availability cases
        assert client.get(f"/borgere/{world.anna_id}/frister").status_code == 200
    assert _reads(database, world.anna_id) == [
        ("mette", "read", "frister"), ("mette", "read", "rådighedsfrister"), ("leder250", "read", "frister")]


def test_a_refused_case_page_is_recorded_as_refused_and_shows_nothing(database):
    world = build_world(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "hanne")  # Hedensted: Anna lives in Frederikssund
        page = client.get(f"/borgere/{world.anna_id}")
    assert page.status_code == 403 and "Østergaard" not in page.text
    assert [(u, k) for u, k, _a in _reads(database, world.anna_id)] == [("hanne", "refused")]


def test_an_offers_palette_reason_is_shown_beside_its_offer(database):
    from indsats.store.plan_tables import OfferPaletteReasonRow

    world = build_world(database)
    with database.unit_of_work() as s:
        offer = s.scalars(select(OfferRow).where(OfferRow.citizen_id == world.anna_id)).first()
        assert offer is not None
        s.add(OfferPaletteReasonRow(offer_id=offer.id, citizen_id=world.anna_id, target_group="dagpenge",
                                    offer_type=offer.offer_type, reason="Konkret job hos Lagerhuset",
                                    recorded_on=offer.start, by="mette"))
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "mette")
        assert "Konkret job hos Lagerhuset" in client.get(f"/borgere/{world.anna_id}").text
