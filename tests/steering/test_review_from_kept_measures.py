"""The result review reads the kept weekly measures (the dashboard's) instead of exporting the panel and
recomputing the KPI series: the same figures, on a small synthetic municipality."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from indsats.plan import load_plan
from indsats.reports.result_review import render_html
from indsats.services.steering import panel_export, result_review
from indsats.services.steering.measure_store import refresh_measures
from indsats.synth.build import build
from tests.steering.pdf_text import pdf_text

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 12, 1)


@pytest.fixture
def municipality(database, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", AS_OF.isoformat())
    build(database, seed=5, as_of=AS_OF, codes=("250",), citizens=300)
    refresh_measures(database, as_of=AS_OF, full=True)
    return database


def test_the_review_from_kept_measures_shows_the_figures_computed_from_the_panel(municipality, tmp_path):
    plan = load_plan(ROOT / "plans" / "demo-frederikssund.yaml")
    kept = result_review.kept_weekly(municipality, "250", 2026)
    assert kept is not None
    panel, persons = result_review._export(municipality, "250", plan, 2026, tmp_path)
    from_panel = result_review.build_review(plan, 2026, panel, persons, municipality, source="egne data", code="250",
                                            compute_effects=False)
    from_kept = result_review.build_review(plan, 2026, None, None, municipality, source="egne data", code="250",
                                           weekly=kept, compute_effects=False)

    assert [(v.goal.id, v.attainment, v.series) for v in from_kept.goals] == [
        (v.goal.id, v.attainment, v.series) for v in from_panel.goals]
    assert from_kept.groups == from_panel.groups
    assert from_kept.headline == from_panel.headline
    # the figures are real ones: goals measured from the panel, target groups with volumes and activation
    measured = [v for v in from_panel.goals if v.attainment.actual is not None and v.goal.measure in (
        "youth_on_public_support", "long_term_unemployed", "new_flexjobs", "disability_pension_inflow")]
    assert len(measured) >= 3
    assert len(from_panel.groups) >= 4 and any(g.activation_rate for g in from_panel.groups)
    assert render_html(from_kept) == render_html(from_panel)


def test_the_web_review_neither_exports_the_panel_nor_estimates_effects(municipality, monkeypatch):
    def no_export(*_args, **_kwargs):
        raise AssertionError("the review exported the panel although the weeks are kept")

    monkeypatch.setattr(panel_export, "export_panel", no_export)
    pdf = result_review.review_pdf_bytes(municipality, "250", "demo-frederikssund", 2026, fresh=True)
    text = pdf_text(pdf)
    assert "Målgrupper: volumen og aktivering" in text
    assert "er ikke beregnet endnu" in text  # the effects are read as kept; none are kept here


def test_a_year_whose_weeks_are_not_kept_is_computed_from_the_panel(municipality):
    assert result_review.kept_weekly(municipality, "250", 2025) is None  # 2024's weeks are older than those kept


def test_the_panel_exported_in_small_batches_is_the_panel_of_one_batch(municipality, monkeypatch):
    whole, persons = panel_export.export_panel(municipality, "250", date(2022, 1, 1), AS_OF)
    monkeypatch.setattr(panel_export, "BATCH_SPELLS", 7)  # many batches, a citizen's spells never split
    batched, _ = panel_export.export_panel(municipality, "250", date(2022, 1, 1), AS_OF)
    assert whole.num_rows > 1000 and batched.equals(whole)
