"""The committee pack (udvalgspakke) as a manager downloads it from the goals page: a Danish PDF with
the goals and their status, budget against actuals and forecast, the local effects and the plan's status
— and a sane PDF for a municipality with no data at all. The download is an audited export."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from indsats.domain.enums import Role
from indsats.domain.models import User
from indsats.services.economy.budget_records import import_budget
from indsats.services.evidence.effect_estimates import ALL, EffectEstimate, keep
from indsats.services.steering import plan_versions
from indsats.services.steering.committee_pack import committee_pack_pdf
from indsats.store.tables import AuditRow, MunicipalityRow
from indsats.web.app import create_app
from tests.casework.builders import build_world
from tests.steering.pdf_text import pdf_text
from tests.steering.test_dashboard_and_review import login

ROOT = Path(__file__).resolve().parents[2]
MANAGER = User(id=None, username="leder250", role=Role.MANAGER, municipality_code="250")
BUDGET = "år;måned;område;beløb\n" + "".join(f"2026;{m};løn;100.000,00\n" for m in range(1, 13))


def _kept_effects(database):
    found = EffectEstimate("company_internship", ALL, 26, "2025-W01", "2025-W52", 412, 0.5, 0.042, 0.011, 0.073,
                           0.02, datetime(2026, 11, 30, 6, 0))
    with database.unit_of_work() as session:
        keep(session, "250", "2025-W01", "2025-W52", 26, [found])


def test_the_manager_downloads_a_pack_with_goals_budget_effects_and_the_plan_status(database):
    build_world(database)
    version = plan_versions.import_yaml(database, "250", (ROOT / "plans" / "demo-frederikssund.yaml").read_text(),
                                        "demo.yaml", "leder250")
    plan_versions.set_status(database, MANAGER, version, "sent", date(2026, 2, 1))
    plan_versions.set_status(database, MANAGER, version, "approved", date(2026, 2, 20), "Udvalget, pkt. 4")
    plan_versions.set_status(database, MANAGER, version, "in_force", date(2026, 3, 1))
    import_budget(database, MANAGER, BUDGET)
    _kept_effects(database)
    with TestClient(create_app(database, secret_key="test")) as client:
        login(client, "leder250")
        page = client.get("/styring")
        assert "Hent udvalgspakke (PDF)" in page.text
        response = client.get("/styring/udvalgspakke.pdf", params={"meeting": "2026-11-25"})
        assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
        text = pdf_text(response.content)
        assert "Udvalgspakke til mødet 25. november 2026" in text
        assert "Planens status" in text and "I kraft 20. feb. 2026 Udvalget, pkt. 4 1. mar. 2026" in text
        assert "Mål og status" in text and "Langtidsledigheden falder 10,3 pct." in text and "Ingen basis: 4" in text
        assert "Budget, forbrug og prognose 2026" in text and "Løn 1.200.000 0 0 -1.200.000" in text
        assert "Lokale effekter af tilbuddene" in text and "Virksomhedspraktik 412 4,2 1,1 til 7,3" in text
        assert "Ingen budget registreret" not in text and "Ingen effektmålinger" not in text
        bad = client.get("/styring/udvalgspakke.pdf", params={"meeting": "25-11-2026"})
        assert bad.status_code == 422 and "Mødedato" in bad.text and 'value="25-11-2026"' in bad.text
    with database.unit_of_work() as s:
        exports = s.scalars(select(AuditRow).where(AuditRow.kind == "export", AuditRow.username == "leder250")).all()
        assert [r.action for r in exports] == ["udvalgspakke til mødet 2026-11-25 (Beskæftigelsesplan 2026 (demo))"]


def test_a_municipality_without_data_still_gets_a_sane_pack(database):
    with database.unit_of_work() as s:
        s.add(MunicipalityRow(code="630", name="Vejle"))
    user = User(id=None, username="leder630", role=Role.MANAGER, municipality_code="630")
    text = pdf_text(committee_pack_pdf(database, user, date(2026, 12, 10)))
    assert "Udvalgspakke til mødet 10. december 2026" in text
    assert "Ingen planversioner i systemet" in text
    assert "Ingen budget registreret for 2026" in text and "Ingen effektmålinger" in text
    with database.unit_of_work() as s:
        assert s.scalars(select(AuditRow.kind).where(AuditRow.username == "leder630")).all() == ["export"]


def test_a_pack_with_more_plan_versions_than_it_shows_says_so(database):
    build_world(database)
    for _ in range(6):
        plan_versions.import_yaml(database, "250", (ROOT / "plans" / "demo-frederikssund.yaml").read_text(),
                                  "demo.yaml", "leder250")
    text = pdf_text(committee_pack_pdf(database, MANAGER, date(2026, 11, 25)))
    assert "De 5 nyeste af 6 planversioner" in text
