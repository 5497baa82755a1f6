"""Both commands read CSV, Parquet, DREAM's wide layout and the panel of ``indsats panel-export``,
and refuse a malformed file naming its file, row and column."""

from __future__ import annotations

import csv
import json
from datetime import date

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from indsats.analytics.dream import DEFAULT_CODE_MAP
from indsats.cli import app
from indsats.evidence.weekmatrix import read_matrix
from indsats.services.evidence import PanelError
from indsats.services.evidence.files import offer_effects, screening

from .simulator import Simulation


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    sim = Simulation(persons=3000, weeks=170, burn_in=104, seed=11, offer_scale=2.0)
    folder = tmp_path_factory.mktemp("formats")
    return sim, folder, *sim.write(folder)


def _dream(panel, folder):
    """The same panel in DREAM's wide layout with a code map of its own."""
    table = pq.read_table(panel).to_pylist()
    combos = sorted({(r["benefit"], r["readiness"] or "", r["offer"] or "") for r in table})
    code = {c: str(300 + k) for k, c in enumerate(combos)}
    code_map = folder / "codes.csv"
    with code_map.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "benefit", "readiness", "offer"])
        writer.writerows([code[c], *c] for c in combos)
    weeks = sorted({r["week"] for r in table})
    column = {w: f"y_{w[2:4]}{w[6:]}" for w in weeks}
    wide: dict[str, dict[str, str]] = {}
    for r in table:
        wide.setdefault(r["person_id"], {})[column[r["week"]]] = code[(r["benefit"], r["readiness"] or "",
                                                                       r["offer"] or "")]
    path = folder / "dream.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person_id", *column.values()])
        for person, cells in wide.items():
            writer.writerow([person, *(cells.get(c, "") for c in column.values())])
    return path, code_map


def _same(a, b) -> None:
    assert list(a.person_ids) == list(b.person_ids) and a.first_idx == b.first_idx and a.offers == b.offers
    for name in ("benefit", "readiness", "offer"):
        assert (getattr(a, name) == getattr(b, name)).all(), name
    assert ((a.birth_ordinal == b.birth_ordinal) | (a.birth_ordinal != a.birth_ordinal)).all()


def test_csv_parquet_and_dream_are_read_alike(small):
    """Both commands compute only on the matrices, so equal matrices mean equal answers."""
    sim, folder, panel, persons = small
    expected = read_matrix(panel, persons)
    as_csv = folder / "panel.csv"
    pacsv.write_csv(pq.read_table(panel), as_csv)
    _same(read_matrix(as_csv, persons), expected)
    wide, code_map = _dream(panel, folder)
    _same(read_matrix(wide, persons, None, code_map), expected)


def test_both_commands_on_dream(small):
    sim, folder, panel, persons = small
    wide, code_map = _dream(panel, folder)
    runner = CliRunner()
    res = runner.invoke(app, ["screening", str(wide), "--persons", str(persons), "--as-of", sim.week(120),
                              "--code-map", str(code_map), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output) == screening(panel, persons, sim.week(120))
    res = runner.invoke(app, ["effects", str(wide), "--persons", str(persons), "--from", sim.week(60), "--to",
                              sim.week(100), "--code-map", str(code_map), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["offers"] and data == offer_effects(panel, persons, sim.week(60), sim.week(100), 26)


def test_both_commands_on_dream_with_the_shipped_code_map(small):
    """DREAM's wide layout with the shipped code list (analytics/dream_codes.csv, no --code-map): the
    combinations the list has no code for lose their offer; both commands then answer exactly as on
    the same panel in Parquet — and the answers are not empty."""
    sim, folder, panel, persons = small
    codes = {}
    with DEFAULT_CODE_MAP.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            codes.setdefault((row["benefit"], row["readiness"] or "", row["offer"] or ""), row["code"])
    rows = []
    for r in pq.read_table(panel).to_pylist():
        combo = (r["benefit"], r["readiness"] or "", r["offer"] or "")
        if combo not in codes:
            combo = (combo[0], combo[1], "")
        rows.append({"person_id": r["person_id"], "week": r["week"], "benefit": combo[0], "readiness": combo[1],
                     "offer": combo[2], "code": codes[combo]})
    narrow = folder / "dream-expressible.parquet"
    pq.write_table(pa.Table.from_pylist([{k: v for k, v in r.items() if k != "code"} for r in rows]), narrow)
    weeks_ = sorted({r["week"] for r in rows})
    column = {w: f"y_{w[2:4]}{w[6:]}" for w in weeks_}
    wide: dict[str, dict[str, str]] = {}
    for r in rows:
        wide.setdefault(r["person_id"], {})[column[r["week"]]] = r["code"]
    dream = folder / "dream-shipped-codes.csv"
    with dream.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["person_id", *column.values()])
        for person, cells in wide.items():
            writer.writerow([person, *(cells.get(c, "") for c in column.values())])
    runner = CliRunner()
    res = runner.invoke(app, ["screening", str(dream), "--persons", str(persons), "--as-of", sim.week(120), "--json"])
    assert res.exit_code == 0, res.output
    scored = json.loads(res.output)
    assert scored["persons"] and scored == screening(narrow, persons, sim.week(120))
    res = runner.invoke(app, ["effects", str(dream), "--persons", str(persons), "--from", sim.week(60), "--to",
                              sim.week(100), "--json"])
    assert res.exit_code == 0, res.output
    found = json.loads(res.output)
    assert {"wage_subsidy", "company_internship"} <= set(found["offers"])
    assert found == offer_effects(narrow, persons, sim.week(60), sim.week(100), 26)


def test_the_panel_exported_from_the_store(sqlite_database, tmp_path):
    """``indsats panel-export`` → both commands: the exported file is read into exactly the matrices of
    the synthetic municipality's own panel (a second route to the same weeks), and both commands answer."""
    from indsats.synth.build import build
    from indsats.synth.generator import generate_municipality
    from indsats.synth.panel import panel_rows

    as_of = date(2026, 11, 23)
    build(sqlite_database, seed=5, as_of=as_of, codes=("250",), citizens=3000)
    rows = [r for r in panel_rows(generate_municipality("250", seed=5, as_of=as_of, citizens=3000))
            if r["week"] <= "2026-W47"]
    first = min(r["week"] for r in rows)
    own = tmp_path / "synth-panel.parquet"
    pq.write_table(pa.Table.from_pylist(rows), own)
    out = tmp_path / "panel.parquet"
    runner = CliRunner()
    res = runner.invoke(app, ["panel-export", str(out), "--municipality", "250", "--from",
                              date.fromisocalendar(int(first[:4]), int(first[6:]), 1).isoformat(),
                              "--to", "2026-11-22", "--database", sqlite_database.url])
    assert res.exit_code == 0, res.output
    persons = tmp_path / "panel-persons.parquet"
    _same(read_matrix(out, persons, "2026-W47"), read_matrix(own, persons, "2026-W47"))
    res = runner.invoke(app, ["effects", str(out), "--persons", str(persons), "--from", "2024-W01",
                              "--to", "2025-W40", "--json"])
    assert res.exit_code == 0, res.output
    found = json.loads(res.output)
    assert found["horizon"] == 26 and found["offers"] and all(o["starts"] >= 30 for o in found["offers"].values())
    res = runner.invoke(app, ["screening", str(out), "--persons", str(persons), "--as-of", "2026-W40", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["as_of"] == "2026-W40" and data["model"]["trained_on"] >= 200 and data["persons"]


@pytest.mark.parametrize(
    ("body", "row", "column"),
    [
        ("a,2024-W01,unemployment_benefit,,\nb,2024-W60,unemployment_benefit,,\n", 2, "week"),
        ("a,2024-W01,dagpenge,,\n", 1, "benefit"),
        ("a,2024-W01,cash_benefit,ready,\n", 1, "readiness"),
    ],
)
def test_a_malformed_panel_is_refused_with_file_row_and_column(tmp_path, body, row, column):
    path, persons = tmp_path / "bad.csv", tmp_path / "persons.csv"
    path.write_text("person_id,week,benefit,readiness,offer\n" + body)
    persons.write_text("person_id,birth_date\na,1990-01-01\n")
    with pytest.raises(PanelError) as err:
        screening(path, persons, "2024-W01")
    assert str(path) in str(err.value) and f"row {row} " in str(err.value) and f"column '{column}'" in str(err.value)
    for args in (["screening", "--as-of", "2024-W01"], ["effects", "--from", "2024-W01", "--to", "2024-W02"]):
        res = CliRunner().invoke(app, [args[0], str(path), "--persons", str(persons), *args[1:]])
        assert res.exit_code == 2 and f"column '{column}'" in res.output


def test_a_bad_persons_file_is_refused(tmp_path):
    path, persons = tmp_path / "p.csv", tmp_path / "persons.csv"
    path.write_text("person_id,week,benefit,readiness,offer\na,2024-W01,cash_benefit,job_ready,\n")
    persons.write_text("person_id,birth_date\na,1990-02-30\n")
    res = CliRunner().invoke(app, ["screening", str(path), "--persons", str(persons), "--as-of", "2024-W01"])
    assert res.exit_code == 2 and "persons.csv: row 1" in res.output and "birth_date" in res.output
