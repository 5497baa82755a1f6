"""The result review's sections for the programmes: sick-leave retention (Fastholdelse), youth and integration
(Programmer) and the company entry (Virksomhedsindgangen) — the pages' own figures for the review's year, and
"Ingen registreringer i året" for a municipality without any."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from indsats.services.steering.result_review import write_result_review
from indsats.store.company_tables import CompanyRow
from indsats.store.coordination_tables import SickLeaveRecordRow
from indsats.store.plan_tables import CompanyRequestRow
from indsats.store.programme_tables import EducationPlanRow, IntegrationStartRow, StaircaseStepRow
from indsats.store.tables import BenefitSpellRow
from tests.casework.quota_world import AS_OF, build
from tests.steering.pdf_text import pdf_text

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _review(db, tmp_path) -> tuple[str, str]:
    html, pdf = write_result_review(ROOT / "plans" / "demo-frederikssund.yaml", 2026, tmp_path / "review", db=db,
                                    code="250")
    return html.read_text(encoding="utf-8"), pdf_text(pdf.read_bytes())


def _sick_leave(s, a: int, b: int) -> None:
    for cid, outcome in ((a, "same_workplace"), (b, "other_work")):
        s.add(BenefitSpellRow(citizen_id=cid, benefit="sickness_benefit", start=date(2026, 3, 2), end=date(2026, 6, 1)))
        s.add(SickLeaveRecordRow(citizen_id=cid, kind="party", day=date(2026, 3, 5), party_role="employer",
                                 recorded_by="mette", created_at=NOW))
        s.add(SickLeaveRecordRow(citizen_id=cid, kind="return", day=date(2026, 6, 2), outcome=outcome,
                                 recorded_by="mette", created_at=NOW))


def _programmes(s, a: int, b: int) -> None:
    s.add(EducationPlanRow(citizen_id=a, made_on=date(2025, 6, 1), education="Tømrer", planned_start=date(2025, 8, 11),
                           started_on=date(2025, 8, 11)))
    s.add(EducationPlanRow(citizen_id=b, made_on=date(2025, 6, 1), education="Smed", planned_start=date(2025, 8, 11),
                           started_on=date(2025, 8, 11), dropped_on=date(2025, 10, 1)))
    s.add(IntegrationStartRow(citizen_id=a, responsibility_from=date(2026, 4, 1), first_offer_on=date(2026, 4, 8)))
    s.add(StaircaseStepRow(citizen_id=a, on=date(2026, 4, 6), position="language_school"))
    s.add(StaircaseStepRow(citizen_id=a, on=date(2026, 9, 7), position="wage_subsidy"))


def _company_entry(s) -> None:
    s.add(CompanyRow(cvr="31000008", name="Lagerhuset A/S", municipality_code="250"))
    s.flush()
    for received, respond_by, answered in ((date(2026, 5, 4), date(2026, 5, 6), date(2026, 5, 5)),
                                           (date(2026, 6, 1), date(2026, 6, 3), date(2026, 6, 9)),
                                           (date(2026, 7, 1), date(2026, 7, 3), date(2026, 7, 2))):
        s.add(CompanyRequestRow(municipality_code="250", company_cvr="31000008", kind="wage_subsidy",
                                description="Vi søger en medarbejder", received_on=received, respond_by=respond_by,
                                answered_on=answered, status="answered", posted_at=NOW))


@pytest.fixture
def world(sqlite_database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", AS_OF.isoformat())
    return build(sqlite_database)


def test_sick_leave_retention_in_the_review(sqlite_database, world, tmp_path):
    a, b = list(world.ids.values())[:2]
    with sqlite_database.unit_of_work() as s:
        _sick_leave(s, a, b)
    html, pdf = _review(sqlite_database, tmp_path)
    assert "<h2>Fastholdelse af sygemeldte</h2>" in html
    assert "tilbage på samme arbejdsplads: <strong>1</strong> (50 %)" in html
    assert "Fastholdelse af sygemeldte" in pdf and "Sygedagpenge ophørt for ansatte i 2026: 2" in pdf


def test_youth_and_integration_in_the_review(sqlite_database, world, tmp_path):
    a, b = list(world.ids.values())[:2]
    with sqlite_database.unit_of_work() as s:
        _programmes(s, a, b)
    html, pdf = _review(sqlite_database, tmp_path)
    assert "<h2>Unge og integration</h2>" in html
    assert "efter 3 måneder: 1 af 2" in html and "efter 12 måneder: 1 af 2" in html
    assert "inden for 2 uger: <strong>1</strong>" in html
    assert "<td>2026K2</td><td>Start</td><td>Danskuddannelse</td>" in html
    assert "Unge og integration" in pdf and "efter 3 måneder: 1 af 2" in pdf


def test_company_entry_in_the_review(sqlite_database, world, tmp_path):
    with sqlite_database.unit_of_work() as s:
        _company_entry(s)
    html, pdf = _review(sqlite_database, tmp_path)
    assert "<h2>Virksomhedsindgangen</h2>" in html
    assert "Henvendelser modtaget i 2026: <strong>3</strong>" in html
    assert "besvaret til tiden: <strong>2</strong> af 3 (67 %)" in html
    assert "Virksomhedsindgangen" in pdf and "Henvendelser modtaget i 2026: 3" in pdf


def test_a_municipality_without_registrations_renders_the_sections_empty(sqlite_database, world, tmp_path):
    html, pdf = _review(sqlite_database, tmp_path)
    for title in ("Fastholdelse af sygemeldte", "Unge og integration", "Virksomhedsindgangen"):
        assert f"<h2>{title}</h2>" in html and title in pdf
    assert html.count("Ingen registreringer i året.") == 3
    assert pdf.count("Ingen registreringer i året.") == 3
