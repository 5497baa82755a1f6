"""A third, independent reading: the synthetic generator's own calibration measure agrees
with the KPI engine on the panel of a generated municipality."""

from __future__ import annotations

from datetime import date

from indsats.analytics.engine import kpis_for_file
from indsats.synth.generator import generate_municipality
from indsats.synth.measure import measure
from indsats.synth.panel import write_panel


def test_engine_agrees_with_the_generators_measure(tmp_path):
    municipality = generate_municipality("766", seed=9, as_of=date(2026, 11, 23), citizens=400)
    expected = measure(municipality)
    panel, persons = write_panel(municipality, tmp_path)
    got = kpis_for_file(panel, persons, expected["week"])[0]
    for key, value in expected.items():
        if key == "by_benefit":
            assert {b: v["persons"] for b, v in got[key].items() if v["persons"]} == value
        else:
            assert got[key] == value, key
