"""The import format (all-or-nothing, errors naming file, line and field) and recording casework."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest
import time_machine
from sqlalchemy import func, select

from indsats.domain.cpr import synthetic
from indsats.domain.enums import ConversationKind, ConversationStatus, OfferType
from indsats.services.accounts.auth import authenticate
from indsats.services.casework import citizens
from indsats.services.casework import recording as casework
from indsats.services.casework.imports import ImportRefused, import_files
from indsats.services.shared.errors import Forbidden, InvalidInput
from indsats.store.tables import BenefitSpellRow, CaseEventRow, CitizenRow, ConversationRow, OfferRow

from .builders import PASSWORD, WORLD_DAY, build_world


@pytest.fixture(autouse=True)
def _world_day():
    """The recorded dates below are fixed days of 2026: the clock is at the world's day."""
    with time_machine.travel(WORLD_DAY, tick=True):
        yield

CPR_A = synthetic(date(1988, 5, 14), True, random.Random(1))
CPR_B = synthetic(date(2001, 2, 3), False, random.Random(2))


def _write_csv_set(tmp_path, events_extra: str = ""):
    (tmp_path / "citizens.csv").write_text(
        "cpr;first_name;last_name;municipality_code;municipality_name;address;postcode;city;synthetic\n"
        f"{CPR_A};Sofie;Lind;250;Frederikssund;Havnegade 1;3600;Frederikssund;true\n"
        f"{CPR_B};Emil;Nørgaard;250;Frederikssund;Torvet 2;3600;Frederikssund;true\n", encoding="utf-8")
    (tmp_path / "benefit_spells.csv").write_text(
        "cpr;benefit;readiness;start;end;sickness_category\n"
        f"{CPR_A};unemployment_benefit;;2021-03-01;;\n"
        f"{CPR_B};education_benefit;education_ready;2022-05-02;2022-09-15;\n"
        f"{CPR_B};cash_benefit;job_ready;2022-09-15;;\n", encoding="utf-8")
    (tmp_path / "events.csv").write_text(
        "cpr;date;type;joint;offer;end;hours_per_week;by;reason;category\n"
        f"{CPR_A};2021-03-20;conversation;false;;;;;;\n"
        f"{CPR_A};2021-04-25;conversation;true;;;;;;\n"
        f"{CPR_A};2021-06-01;offer;;company_internship;2021-07-01;30;;;\n"
        f"{CPR_B};2022-05-02;first_contact;;;;;;;\n" + events_extra, encoding="utf-8")
    return [tmp_path / "citizens.csv", tmp_path / "benefit_spells.csv", tmp_path / "events.csv"]


def _count(db, table):
    with db.unit_of_work() as s:
        return s.scalar(select(func.count()).select_from(table))


def test_a_csv_set_is_imported_into_citizens_spells_conversations_offers_and_events(database, tmp_path):
    report = import_files(database, _write_csv_set(tmp_path))
    assert (report.citizens, report.benefit_spells, report.conversations, report.offers, report.events) == (2, 3, 2, 1, 1)
    with database.unit_of_work() as s:
        sofie = s.scalar(select(CitizenRow).where(CitizenRow.cpr == CPR_A))
        assert sofie.birth_date == date(1988, 5, 14)
        kinds = sorted(s.scalars(select(ConversationRow.kind).where(ConversationRow.citizen_id == sofie.id)))
        assert kinds == ["individual", "joint"]
        assert s.scalar(select(OfferRow.end)) == date(2021, 7, 1)


def test_a_bad_field_refuses_the_whole_import_and_names_file_line_and_field(database, tmp_path):
    paths = _write_csv_set(tmp_path, events_extra=f"{CPR_B};2022-13-01;conversation;;;;;;;\n")
    with pytest.raises(ImportRefused) as refused:
        import_files(database, paths)
    assert "events.csv, linje 6, felt 'date'" in str(refused.value)
    for table in (CitizenRow, BenefitSpellRow, ConversationRow, OfferRow, CaseEventRow):
        assert _count(database, table) == 0


@pytest.mark.parametrize("bad_line, field", [
    ("0000000000;X;Y;250;;;;;", "cpr"),
    (f"{synthetic(date(1970, 1, 1), True, random.Random(3))};X;Y;25;;;;;", "municipality_code"),
    (f"{synthetic(date(1970, 1, 1), True, random.Random(3))};;Y;250;;;;;", "first_name"),
])
def test_citizen_rows_with_bad_fields_are_named(sqlite_database, tmp_path, bad_line, field):
    path = tmp_path / "citizens.csv"
    path.write_text("cpr;first_name;last_name;municipality_code;municipality_name;address;postcode;city;synthetic\n"
                    + bad_line + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match=f"citizens.csv, linje 2, felt '{field}'"):
        import_files(sqlite_database, [path])


def test_unknown_event_type_and_spell_for_unknown_citizen_are_refused(sqlite_database, tmp_path):
    paths = _write_csv_set(tmp_path, events_extra=f"{CPR_B};2022-06-01;party;;;;;;;\n")
    with pytest.raises(ImportRefused, match="ukendt hændelsestype 'party'"):
        import_files(sqlite_database, paths)
    spells = tmp_path / "x_benefit_spells.csv"
    spells.write_text(f"cpr;benefit;start\n{synthetic(date(1960, 1, 1), False, random.Random(5))};cash_benefit;2020-01-01\n")
    with pytest.raises(ImportRefused, match="ingen borger med CPR"):
        import_files(sqlite_database, [spells])


def test_json_document_imports_the_same_and_reports_element_numbers(sqlite_database, tmp_path):
    doc = {"citizens": [{"cpr": CPR_A, "first_name": "Sofie", "last_name": "Lind", "municipality_code": "250"}],
           "benefit_spells": [{"cpr": CPR_A, "benefit": "sickness_benefit", "start": "2020-09-07",
                               "sickness_category": 2}],
           "events": [{"cpr": CPR_A, "date": "2020-09-07", "type": "sick_leave_start", "category": 2}]}
    path = tmp_path / "data.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert import_files(sqlite_database, [path]).events == 1
    doc["citizens"][0]["cpr"] = CPR_B
    doc["events"] = [{"cpr": CPR_B, "date": "2020-09-07", "type": "sick_leave_start"}]
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ImportRefused, match="data.json, events element 1"):
        import_files(sqlite_database, [path])


def test_importing_an_existing_citizen_again_is_refused(sqlite_database, tmp_path):
    paths = _write_csv_set(tmp_path)
    import_files(sqlite_database, paths)
    with pytest.raises(ImportRefused, match="findes allerede"):
        import_files(sqlite_database, paths[:1])
    assert _count(sqlite_database, CitizenRow) == 2


def test_caseworker_records_a_conversation_and_an_offer_that_show_on_the_case(database):
    world = build_world(database)
    mette = authenticate(database, "mette", PASSWORD)
    casework.record_conversation(database, mette, world.anna_id, date(2026, 8, 3), ConversationKind.INDIVIDUAL,
                                 ConversationStatus.HELD)
    casework.record_offer(database, mette, world.anna_id, OfferType.WAGE_SUBSIDY, date(2026, 11, 2), None, 37)
    case = citizens.case_file(database, mette, world.anna_id, action="test")
    assert len(case.conversations) == 3
    assert {o.offer_type for o in case.offers} == {"company_internship", "wage_subsidy"}


def test_recording_is_refused_across_municipalities_and_for_bad_input(database):
    world = build_world(database)
    hanne = authenticate(database, "hanne", PASSWORD)
    with pytest.raises(Forbidden):
        casework.record_conversation(database, hanne, world.anna_id, date(2026, 8, 3),
                                     ConversationKind.INDIVIDUAL, ConversationStatus.HELD)
    mette = authenticate(database, "mette", PASSWORD)
    with pytest.raises(InvalidInput, match="Slutdatoen"):
        casework.record_offer(database, mette, world.anna_id, OfferType.MENTOR, date(2026, 9, 1), date(2026, 8, 1), 5)
    assert _count(database, ConversationRow) == 2
