"""Writing the synthetic municipality to the store, on SQLite and PostgreSQL, and the CLI."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from indsats.cli import app
from indsats.store.db import Database, make_engine
from indsats.store.migrations import upgrade
from indsats.store.schema import metadata
from indsats.store.tables import BenefitSpellRow, CaseEventRow, CitizenRow, MunicipalityRow, TeamRow
from indsats.synth.build import build
from indsats.synth.generator import generate_municipality, split_citizens
from indsats.synth.writer import SynthWriteError, write_municipalities

AS_OF = date(2025, 3, 31)
TABLES = ("municipalities", "teams", "caseworkers", "citizens", "benefit_spells", "conversations", "offers",
          "case_events", "citizen_plans", "companies", "company_contacts")


def _dump(db: Database) -> dict[str, list[tuple]]:
    """Every row of the tables synth writes, sorted, as plain tuples."""
    out = {}
    with db.engine.connect() as conn:
        for name in TABLES:
            table = metadata.tables[name]
            rows = conn.execute(select(table)).all()
            out[name] = sorted(tuple(repr(v) for v in row) for row in rows)
    return out


def _count(db: Database, row) -> int:
    with db.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(row)).scalar_one()


def test_streamed_build_writes_exactly_what_the_in_memory_generator_gives(database):
    summary = build(database, seed=3, as_of=AS_OF, citizens=900, workers=1)
    assert summary.citizens == 900 and summary.municipalities == ("250", "766")
    streamed = _dump(database)
    for table in reversed(metadata.sorted_tables):
        with database.engine.begin() as conn:
            conn.execute(table.delete())
    taken: set[str] = set()
    sizes = split_citizens(["250", "766"], 900)
    munis = [generate_municipality(code, 3, AS_OF, sizes[code], taken_cvr=taken) for code in ("250", "766")]
    assert sum(len(m.citizens) for m in munis) == 900
    write_municipalities(database, munis)
    assert _dump(database) == streamed
    assert len(streamed["municipalities"]) == 2
    assert len(streamed["citizens"]) == 900


def test_same_seed_gives_the_same_database_content(sqlite_url, tmp_path):
    urls = [f"sqlite:///{tmp_path / name}" for name in ("a.db", "b.db")]
    dumps = []
    for url in urls:
        upgrade(url)
        db = Database(url, engine=make_engine(url))
        build(db, seed=11, as_of=AS_OF, citizens=400, workers=2)
        dumps.append(_dump(db))
        db.engine.dispose()
    assert dumps[0] == dumps[1]


def test_a_second_build_of_the_same_municipality_is_refused_and_leaves_nothing(database):
    build(database, seed=1, as_of=AS_OF, codes=("766",), citizens=200)
    citizens = _count(database, CitizenRow)
    with pytest.raises(SynthWriteError, match="766"):
        build(database, seed=2, as_of=AS_OF, codes=("250", "766"), citizens=300)
    assert _count(database, CitizenRow) == citizens  # Frederikssund, written first, was rolled back
    assert _count(database, MunicipalityRow) == 1


def test_a_municipality_added_later_gets_fresh_ids_and_the_app_can_insert_after_it(database):
    build(database, seed=1, as_of=AS_OF, codes=("250",), citizens=150)
    build(database, seed=1, as_of=AS_OF, codes=("766",), citizens=150)
    assert _count(database, CitizenRow) == 300
    with database.engine.connect() as conn:
        by_muni = dict(conn.execute(select(CitizenRow.municipality_code, func.count())
                                    .group_by(CitizenRow.municipality_code)).all())
        assert by_muni == {"250": 150, "766": 150}
        cpr = conn.execute(select(func.count(func.distinct(CitizenRow.cpr)))).scalar_one()
        assert cpr == 300
    with database.unit_of_work() as session:  # ids continue after the generated ones (PostgreSQL sequences)
        session.add(TeamRow(name="Nyt team", municipality_code="250", target_groups=[]))
        session.add(CaseEventRow(citizen_id=1, date=AS_OF, type="first_contact", data={}))
    assert _count(database, TeamRow) == 15


def test_json_and_dates_round_trip_through_the_store(database):
    build(database, seed=5, as_of=AS_OF, codes=("250",), citizens=600)
    with database.unit_of_work() as session:
        asked = session.scalars(select(CaseEventRow).where(CaseEventRow.type == "joint_conversation_requested")).first()
        assert asked is not None and asked.data["by"] in ("citizen", "jobcenter", "fund")
        assert isinstance(asked.date, date) and asked.date <= AS_OF
        spell = session.scalars(select(BenefitSpellRow).where(BenefitSpellRow.end.is_(None))).first()
        assert spell.end is None and isinstance(spell.start, date)
        team = session.scalars(select(TeamRow).where(TeamRow.name == "Jobparate")).one()
        assert team.target_groups == ["unemployment_benefit", "cash_benefit"]
        citizen = session.scalars(select(CitizenRow)).first()
        assert citizen.synthetic is True
        stored = {(c.cpr, c.first_name, c.last_name, c.address, c.city, c.birth_date)
                  for c in session.scalars(select(CitizenRow))}
    generated = generate_municipality("250", 5, AS_OF, 600)
    assert stored == {(c.cpr, c.first_name, c.last_name, c.address, c.city, c.birth_date) for c in generated.citizens}
    assert any("ø" in s or "æ" in s or "å" in s for row in stored for s in row[1:5])  # Danish letters survive


runner = CliRunner()


def test_cli_builds_both_municipalities(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(app, ["synth", "--citizens", "300", "--seed", "4", "--as-of", "2025-01-31",
                                 "--database", url])
    assert result.exit_code == 0, result.output
    assert "300 borgere" in result.output and "Frederikssund (250)" in result.output
    db = Database(url, engine=make_engine(url))
    assert _count(db, MunicipalityRow) == 2
    db.engine.dispose()


def test_cli_writes_the_panel_and_calibration_figures(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    result = runner.invoke(app, ["synth", "--citizens", "300", "--municipality", "250", "--as-of", "2025-01-31",
                                 "--database", url, "--panel", str(tmp_path / "panel")])
    assert result.exit_code == 0, result.output
    header = (tmp_path / "panel" / "panel-250.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "person_id,week,benefit,readiness,offer"
    assert (tmp_path / "panel" / "persons-250.csv").exists()
    assert "gross_unemployed" in (tmp_path / "panel" / "calibration.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["--municipality", "999"], "999"),
    (["--as-of", "31-01-2025"], "YYYY-MM-DD"),
])
def test_cli_refuses_bad_input_with_status_2(tmp_path, args, message):
    url = f"sqlite:///{tmp_path / 'bad.db'}"
    result = runner.invoke(app, ["synth", "--citizens", "50", "--database", url, *args])
    assert result.exit_code == 2
    assert message in result.output


def test_cli_refuses_a_municipality_that_is_already_there(tmp_path):
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    args = ["synth", "--citizens", "60", "--municipality", "766", "--as-of", "2025-01-31", "--database", url]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 2
    assert "findes allerede" in again.output
