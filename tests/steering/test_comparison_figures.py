"""Comparison figures in the store: jobindsats import (all or nothing) and the demo cluster."""

from __future__ import annotations

import json
from datetime import date

import pytest

from indsats.analytics.jobindsats import JobindsatsError
from indsats.plan import parse_plan
from indsats.services.shared.errors import InvalidInput
from indsats.services.steering.comparison import import_jobindsats, stored_figures, synthesize_cluster
from indsats.store.tables import MunicipalityRow

EXPORT = {
    "Measurement": "Langtidsledige",
    "Variables": [{"Name": "area", "Label": "Område"}, {"Name": "period", "Label": "Periode"},
                  {"Name": "value", "Label": "Antal"}],
    "Data": [["Klynge 3", "2012M12", "400"], ["Klynge 3", "2014M12", "340"]],
}


def _municipality(db, code="250"):
    with db.unit_of_work() as s:
        s.add(MunicipalityRow(code=code, name="Frederikssund"))


def test_import_stores_figures_and_replaces_on_reimport(database, tmp_path):
    _municipality(database)
    path = tmp_path / "ji.json"
    path.write_text(json.dumps(EXPORT), encoding="utf-8")
    assert import_jobindsats(database, "250", path, "long_term_unemployed") == 2
    assert import_jobindsats(database, "250", path, "long_term_unemployed") == 2
    figures = stored_figures(database, "250")
    assert sorted((f.period, f.value) for f in figures) == [("2012M12", 400.0), ("2014M12", 340.0)]
    assert {f.indicator for f in figures} == {"long_term_unemployed"}


def test_bad_export_or_measure_loads_nothing(database, tmp_path):
    _municipality(database)
    bad = dict(EXPORT, Data=EXPORT["Data"] + [["Klynge 3", "2015M12"]])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(JobindsatsError, match="row 3"):
        import_jobindsats(database, "250", path, "long_term_unemployed")
    with pytest.raises(InvalidInput, match="ukendt målepunkt"):
        import_jobindsats(database, "250", path, "langtidsledige")
    assert stored_figures(database, "250") == []


def test_demo_cluster_gives_monthly_figures_for_the_plans_groups(sqlite_database):
    _municipality(sqlite_database)
    plan = parse_plan("""
municipality: {code: "250", name: "Frederikssund"}
title: "Demo"
year: 2026
comparison_groups: [{id: klynge, label: "Klynge"}]
result_goals:
  - {id: ltu, title: "LTU", measure: long_term_unemployed, baseline: {date: 2025-12-31},
     comparison: {group: klynge, kind: excess_decline}, better: lower, deadline: 2026-12-31}
""")
    n = synthesize_cluster(sqlite_database, "250", plan, date(2026, 11, 23), members=2, citizens=150)
    figures = stored_figures(sqlite_database, "250")
    assert n == len(figures) > 0
    ltu = [f for f in figures if f.indicator == "long_term_unemployed"]
    assert {f.area for f in ltu} == {"Klynge"} and len(ltu) == 25  # Nov 2024 .. Nov 2026, one per month
