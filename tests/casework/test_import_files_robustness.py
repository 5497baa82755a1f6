"""Malformed import files, through both commands: encodings found or named, binary junk, NUL
bytes, over-long fields, duplicate CPR numbers and empty files — each refused with file, line
(and field), exit 2, no traceback, nothing written."""

from __future__ import annotations

import random
from datetime import date

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from indsats.cli import app
from indsats.domain.cpr import synthetic
from indsats.store.company_tables import CompanyRow
from indsats.store.tables import CitizenRow
from tests.company.company_world import build_company_world, cvr

CPR_A = synthetic(date(1988, 5, 14), True, random.Random(1))
CPR_B = synthetic(date(2001, 2, 3), False, random.Random(2))
HEADER = "cpr;first_name;last_name;municipality_code;city\n"
ROWS = f"{CPR_A};Søren;Ærø;250;Frederikssund\n{CPR_B};Åse;Øster;250;Frederikssund\n"


def _citizens(tmp_path, content: bytes, name: str = "citizens.csv"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _import(db, *args):
    return CliRunner().invoke(app, ["import", *map(str, args), "--database", db.url])


def _names(db) -> list[str]:
    with db.unit_of_work() as s:
        return sorted(f"{c.first_name} {c.last_name}" for c in s.scalars(select(CitizenRow)))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_danish_letters_arrive_whatever_the_encoding(sqlite_database, tmp_path, encoding):
    path = _citizens(tmp_path, (HEADER + ROWS).encode(encoding))
    result = _import(sqlite_database, path)
    assert result.exit_code == 0, result.output
    assert _names(sqlite_database) == ["Søren Ærø", "Åse Øster"]


def test_a_named_encoding_is_used_and_a_wrong_one_is_refused_with_the_line(sqlite_database, tmp_path):
    path = _citizens(tmp_path, (HEADER + ROWS).encode("utf-16-le"))
    assert _import(sqlite_database, path, "--encoding", "utf-16-le").exit_code == 0
    assert _names(sqlite_database) == ["Søren Ærø", "Åse Øster"]
    other = _citizens(tmp_path, (HEADER + ROWS).encode("cp1252"), "more_citizens.csv")
    result = _import(sqlite_database, other, "--encoding", "utf-8")
    assert result.exit_code == 2 and "more_citizens.csv, linje 2" in result.stderr and "utf-8" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("content, expected", [
    (b"", "filen er tom"),
    (HEADER.encode(), "ingen rækker"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 20, "binær fil"),
    ((HEADER + f"{CPR_A};Sø\x00ren;Ærø;250;X\n").encode(), "linje 2: indeholder et NUL-tegn"),
    ((HEADER + f"{CPR_A};Søren;{'x' * 20_000};250;X\n").encode(), "linje 2, felt 'last_name': højst 10000 tegn"),
    ((HEADER + ROWS + f"{CPR_A};Søren;Igen;250;X\n").encode(), "linje 4, felt 'cpr': CPR"),
])
def test_malformed_citizen_files_are_refused_naming_file_line_and_field(sqlite_database, tmp_path, content,
                                                                        expected):
    result = _import(sqlite_database, _citizens(tmp_path, content))
    assert result.exit_code == 2, result.output
    assert "citizens.csv" in result.stderr and expected in result.stderr
    assert "Traceback" not in result.output and "intet er gemt" in result.stderr
    assert _names(sqlite_database) == []


def test_a_duplicate_cpr_names_both_lines(sqlite_database, tmp_path):
    path = _citizens(tmp_path, (HEADER + ROWS + f"{CPR_A};Søren;Igen;250;X\n").encode())
    result = _import(sqlite_database, path)
    assert "citizens.csv, linje 4, felt 'cpr'" in result.stderr and "står også i citizens.csv, linje 2" in result.stderr
    assert CPR_A not in result.output  # the CPR number is masked


def test_an_empty_json_document_is_an_error(sqlite_database, tmp_path):
    path = _citizens(tmp_path, b'{"citizens": []}', "data.json")
    result = _import(sqlite_database, path)
    assert result.exit_code == 2 and "ingen rækker at importere" in result.stderr


@pytest.mark.parametrize("content, expected", [
    (b"", "filen er tom"),
    (b"cvr;name\n", "ingen rækker"),
    (b"[]", "listen af virksomheder er tom"),
    (b"%PDF-1.4\n" + bytes(range(256)) * 10, "binær fil"),
    ("cvr;name;postcode\n{good};Sm\x00dien;3600\n", "linje 2: indeholder et NUL-tegn"),
    ("cvr;name;postcode\n{good};{long};3600\n", "linje 2, felt 'name': højst 10000 tegn"),
])
def test_malformed_company_files_are_refused(sqlite_database, tmp_path, content, expected):
    build_company_world(sqlite_database)
    if isinstance(content, str):
        content = content.format(good=cvr("5100000"), long="x" * 10_001).encode()
    path = tmp_path / ("virksomheder.json" if content.startswith(b"[") else "virksomheder.csv")
    path.write_bytes(content)
    result = CliRunner().invoke(app, ["companies", "import", str(path), "--kommune", "250",
                                      "--url", sqlite_database.url])
    assert result.exit_code == 2, result.output
    assert path.name in result.stderr and expected in result.stderr and "Traceback" not in result.output
    with sqlite_database.unit_of_work() as s:
        assert s.scalar(select(func.count()).select_from(CompanyRow).where(CompanyRow.cvr == cvr("5100000"))) == 0


def test_a_latin1_company_file_is_read_and_an_encoding_can_be_named(sqlite_database, tmp_path):
    build_company_world(sqlite_database)
    path = tmp_path / "virksomheder.csv"
    path.write_bytes(f"cvr;name;postcode\n{cvr('5100000')};Møllegården ApS;3600\n".encode("latin-1"))
    result = CliRunner().invoke(app, ["companies", "import", str(path), "--kommune", "250",
                                      "--url", sqlite_database.url, "--encoding", "latin-1"])
    assert result.exit_code == 0, result.output
    with sqlite_database.unit_of_work() as s:
        assert s.get(CompanyRow, cvr("5100000")).name == "Møllegården ApS"
