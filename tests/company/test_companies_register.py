"""Company register: CVR import (all or nothing), contacts and follow-ups, the company's history."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from indsats.services.company import companies
from indsats.services.company.cvr_import import CvrImportRefused, import_companies
from indsats.services.shared.errors import InvalidInput, NotFound
from indsats.store.company_tables import CompanyContactRow, CompanyRow, ProductionUnitRow

from .company_world import LAGER, PLEJE, build_company_world, cvr

NEW_A, NEW_B = cvr("4200000"), cvr("4200001")


def _csv(tmp_path, lines):
    path = tmp_path / "cvr.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_csv_import_makes_companies_of_their_production_units_and_updates_on_reimport(database, tmp_path):
    build_company_world(database)
    header = "cvr;name;address;postcode;city;industry_code;industry;employees;p_number;municipality_code"
    path = _csv(tmp_path, [header,
                           f"{NEW_A};Bageriet ApS;Havnevej 1;3600;Frederikssund;10.71.10;Bagerier;12;1000000001;250",
                           f"{NEW_A};Bageriet ApS;Torvet 2;3630;Jægerspris;10.71.10;Bagerier;5;1000000002;250",
                           f"{NEW_B};Tømreren;Skovvej 9;3650;Ølstykke;43.32.00;Tømrere;3;;"])
    report = import_companies(database, path, municipality_code="250")
    assert (report.companies_created, report.companies_updated, report.production_units) == (2, 0, 2)
    with database.unit_of_work() as s:
        bakery = s.get(CompanyRow, NEW_A)
        assert bakery.employees == 17 and bakery.municipality_code == "250"
        units = s.scalars(select(ProductionUnitRow).where(ProductionUnitRow.company_cvr == NEW_A)).all()
        assert sorted(u.city for u in units) == ["Frederikssund", "Jægerspris"]
    report = import_companies(database, path, municipality_code="250")
    assert (report.companies_created, report.companies_updated) == (0, 2)


def test_a_bad_row_refuses_the_whole_file_naming_line_and_field(database, tmp_path):
    build_company_world(database)
    path = _csv(tmp_path, ["cvr,name,postcode,employees",
                           f"{NEW_A},Bageriet ApS,3600,12",
                           "12345678,Forkert Kontrolciffer,3600,4"])
    with pytest.raises(CvrImportRefused) as error:
        import_companies(database, path, municipality_code="250")
    assert "cvr.csv, linje 3" in str(error.value) and "'cvr'" in str(error.value)
    with database.unit_of_work() as s:
        assert s.get(CompanyRow, NEW_A) is None


@pytest.mark.parametrize(("row", "field"), [
    (f"{NEW_A},Bageriet,36000,12", "postcode"),
    (f"{NEW_A},,3600,12", "name"),
    (f"{NEW_A},Bageriet,3600,mange", "employees"),
])
def test_each_bad_field_is_named(database, tmp_path, row, field):
    build_company_world(database)
    with pytest.raises(CvrImportRefused, match=f"linje 2: feltet '{field}'"):
        import_companies(database, _csv(tmp_path, ["cvr,name,postcode,employees", row]), municipality_code="250")


def test_an_unknown_municipality_is_refused(database, tmp_path):
    build_company_world(database)
    with pytest.raises(CvrImportRefused, match="ukendt kommune '999'"):
        import_companies(database, _csv(tmp_path, ["cvr,name", f"{NEW_A},Bageriet"]), municipality_code="999")


def test_json_import_with_production_units(database, tmp_path):
    build_company_world(database)
    path = tmp_path / "cvr.json"
    path.write_text(json.dumps([{"cvr": NEW_A, "name": "Bageriet ApS", "municipality_code": "250", "employees": 9,
                                 "production_units": [{"p_number": "1000000009", "city": "Slangerup",
                                                       "employees": 9}]}]), encoding="utf-8")
    report = import_companies(database, path)
    assert (report.companies_created, report.production_units) == (1, 1)


def test_contacts_follow_ups_and_the_history_page(database):
    world = build_company_world(database)
    consultant = world.consultant
    companies.record_contact(database, consultant, LAGER, date(2026, 10, 1), "visit", "Rekruttering",
                             ["company_internship", "wage_subsidy"], "Aftale om praktik", next_followup=date(2026, 10, 20))
    companies.record_contact(database, consultant, PLEJE, date(2026, 10, 5), "call", "Fleksjob", ["flexjob"],
                             next_followup=date(2026, 11, 20))
    todo = companies.followups(database, consultant, as_of=date(2026, 11, 2))
    assert [(f.company_cvr, f.overdue) for f in todo] == [(LAGER, True), (PLEJE, False)]
    # The next contact with the company is the follow-up.
    companies.record_contact(database, consultant, LAGER, date(2026, 11, 2), "meeting", "Opfølgning")
    assert [f.company_cvr for f in companies.followups(database, consultant, as_of=date(2026, 11, 2))] == [PLEJE]
    overview = companies.company_overview(database, consultant, LAGER)
    assert [c.kind for c in overview.contacts] == ["meeting", "visit"]
    assert overview.contacts[1].schemes == ["company_internship", "wage_subsidy"]
    assert overview.offers_by_type == {"company_internship": 1}


def test_contact_input_is_checked(database):
    world = build_company_world(database)
    with pytest.raises(InvalidInput, match="Ukendt ordning 'bonus'"):
        companies.record_contact(database, world.consultant, LAGER, date(2026, 10, 1), "visit", schemes=["bonus"])
    with pytest.raises(InvalidInput, match="Ukendt kontaktform"):
        companies.record_contact(database, world.consultant, LAGER, date(2026, 10, 1), "fax")
    with pytest.raises(InvalidInput, match="før kontakten"):
        companies.record_contact(database, world.consultant, LAGER, date(2026, 10, 1), "call",
                                 next_followup=date(2026, 9, 1))


def test_another_municipalitys_consultant_does_not_find_the_company(database):
    world = build_company_world(database)
    with pytest.raises(NotFound):
        companies.company_overview(database, world.consultant_766, LAGER)
    assert [c.cvr for c in companies.list_companies(database, world.consultant).items] == [LAGER, PLEJE]
    assert [c.name for c in companies.list_companies(database, world.consultant, q="pleje").items] == ["Plejecenter Fjorden"]


def test_persons_belong_to_their_company(database):
    world = build_company_world(database)
    person = companies.add_person(database, world.consultant, LAGER, "Lise Lager", "HR", "lise@lager.dk")
    with pytest.raises(InvalidInput, match="hører ikke til"):
        companies.record_contact(database, world.consultant, PLEJE, date(2026, 10, 1), "call", person_id=person)
    with pytest.raises(InvalidInput, match="e-mail"):
        companies.add_person(database, world.consultant, LAGER, "Ole", email="ole-at-lager")


def test_a_later_contact_recorded_elsewhere_also_counts_as_the_follow_up(database):
    world = build_company_world(database)
    companies.record_contact(database, world.consultant, LAGER, date(2026, 9, 1), "visit", next_followup=date(2026, 9, 15))
    with database.unit_of_work() as s:  # e.g. imported history, written without the service
        s.add(CompanyContactRow(company_cvr=LAGER, date=date(2026, 9, 20), kind="call", schemes=[]))
    assert companies.followups(database, world.consultant, as_of=date(2026, 11, 2)) == []
