"""CSV exports escape formula characters: a name like "=HYPERLINK(...)" opens as text in a spreadsheet."""

from __future__ import annotations

import csv
import io
from datetime import date

from indsats.domain import clock
from indsats.domain.formatting import csv_cell, spreadsheet_csv
from indsats.store.tables import AuditRow
from tests.casework.builders import build_world

from .web_login import login, make_client


def test_text_starting_a_formula_is_escaped_and_numbers_are_not():
    assert [csv_cell(v) for v in ["=1+1", "+45 1234", "-2", "@SUM(A1)", "\tx", "Anna", "a=b", ""]] == [
        "'=1+1", "'+45 1234", "'-2", "'@SUM(A1)", "'\tx", "Anna", "a=b", ""]
    assert [csv_cell(v) for v in [-3, -2.5, 0, date(2026, 6, 1), True, None]] == ["-3", "-2,5", "0", "2026-06-01",
                                                                                   "ja", ""]
    rows = list(csv.reader(io.StringIO(spreadsheet_csv(["navn", "dage"], [['=HYPERLINK("http://x")', -4]])),
                           delimiter=";"))
    assert rows[1] == ["'=HYPERLINK(\"http://x\")", "-4"]


def test_the_audit_log_download_escapes_what_a_user_could_have_typed(sqlite_database):
    build_world(sqlite_database)
    with sqlite_database.unit_of_work() as s:
        s.add(AuditRow(at=clock.now(), username="=HYPERLINK(\"http://x\")", role="caseworker", citizen_id=None,
                       action="søgning: +45 @navn", municipality_code="250", kind="read"))
    with make_client(sqlite_database) as client:
        login(client, "leder250")
        response = client.get("/logning.csv")
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    row = next(r for r in rows if "HYPERLINK" in r[1])
    assert row[1] == "'=HYPERLINK(\"http://x\")"
    assert all(not cell.startswith(("=", "+", "@", "-")) for r in rows for cell in r)
