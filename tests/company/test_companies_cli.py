"""``indsats companies import``: a municipality's CVR export in, all or nothing."""

from __future__ import annotations

from typer.testing import CliRunner

from indsats.cli import app
from indsats.store.company_tables import CompanyRow

from .company_world import build_company_world, cvr


def test_import_reports_counts_and_a_bad_file_exits_2_with_nothing_written(sqlite_database, tmp_path):
    build_company_world(sqlite_database)
    good, bad = cvr("5100000"), cvr("5100001")
    path = tmp_path / "virksomheder.csv"
    path.write_text(f"cvr;name;postcode;employees;p_number\n{good};Smedien ApS;3600;7;1234567890\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["companies", "import", str(path), "--kommune", "250", "--url", sqlite_database.url])
    assert result.exit_code == 0, result.output
    assert "1 nye virksomheder" in result.stdout and "1 produktionsenheder" in result.stdout

    path.write_text(f"cvr;name;postcode\n{bad};Ny ApS;3600\n{good};Smedien ApS;36\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["companies", "import", str(path), "--kommune", "250", "--url", sqlite_database.url])
    assert result.exit_code == 2
    assert "virksomheder.csv, linje 3: feltet 'postcode'" in result.stderr and "intet er importeret" in result.stderr
    with sqlite_database.unit_of_work() as s:
        assert s.get(CompanyRow, bad) is None
