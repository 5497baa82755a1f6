"""Kept local effect estimates: what the Effekter page, the result review and the economy's what-if
scenarios read (``services.evidence.effect_estimates.kept_effect_estimates``)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from indsats.services.evidence.effect_estimates import (
    EffectEstimate,
    keep,
    kept_effect_estimates,
    latest_window,
    refresh_effect_estimates,
    year_window,
)


def _estimate(offer: str, group: str, last: str, effect: float, starts: int = 120) -> EffectEstimate:
    return EffectEstimate(offer, group, 26, "2025-W01", last, starts, 0.4, effect, effect - 0.04, effect + 0.04,
                          effect + 0.15, datetime(2026, 11, 23, 6, 0, tzinfo=UTC))


def test_kept_estimates_read_back_newest_window_overall_first(database):
    with database.unit_of_work() as s:
        keep(s, "250", "2024-W01", "2024-W52", 26, [_estimate("wage_subsidy", "all", "2024-W52", 0.01)])
        keep(s, "250", "2025-W01", "2025-W21", 26, [
            _estimate("company_internship", "unemployment_benefit", "2025-W21", 0.08, starts=40),
            _estimate("company_internship", "all", "2025-W21", 0.061),
            _estimate("wage_subsidy", "all", "2025-W21", -0.02, starts=300)])
        keep(s, "320", "2025-W01", "2025-W21", 26, [_estimate("mentor", "all", "2025-W21", 0.03)])
    with database.unit_of_work() as s:
        found = kept_effect_estimates(s, "250")
        assert [(e.offer, e.target_group) for e in found] == [
            ("wage_subsidy", "all"), ("company_internship", "all"), ("company_internship", "unemployment_benefit")]
        internship = found[1]
        assert internship.last_week == "2025-W21" and internship.starts == 120
        assert internship.reading == ("Virksomhedspraktik: 6 procentpoint flere i selvforsørgelse efter et halvt år, "
                                      "usikkerhed 2–10")
        assert round(internship.comparison_rate, 3) == 0.339 and found[2].target_group_label == "Dagpengemodtagere"
        assert [e.offer for e in kept_effect_estimates(s, "250", last_week="2024-W52")] == ["wage_subsidy"]
        assert kept_effect_estimates(s, "101") == []
    with database.unit_of_work() as s:  # keeping a window again replaces it, never doubles it
        keep(s, "250", "2025-W01", "2025-W21", 26, [_estimate("mentor", "all", "2025-W21", 0.02)])
    with database.unit_of_work() as s:
        assert [e.offer for e in kept_effect_estimates(s, "250")] == ["mentor"]


def test_windows_end_where_the_outcome_is_known():
    assert latest_window(date(2026, 11, 23)) == ("2025-W22", "2026-W21")  # outcome by 2026-W47
    assert year_window(2025, date(2026, 11, 23)) == ("2025-W01", "2025-W52")
    assert year_window(2026, date(2026, 11, 23)) == ("2026-W01", "2026-W21")
    assert year_window(2026, date(2026, 6, 1)) is None


def test_refresh_keeps_the_store_panels_estimates(sqlite_database, monkeypatch, tmp_path):
    from indsats.synth.build import build

    monkeypatch.setenv("INDSATS_TODAY", "2026-11-23")
    build(sqlite_database, seed=5, as_of=date(2026, 11, 23), codes=("250",), citizens=1500)
    found = refresh_effect_estimates(sqlite_database, "250", as_of=date(2026, 11, 23))
    assert found and {e.first_week for e in found} == {"2025-W22"}
    assert any(e.target_group == "all" for e in found) and all(e.starts >= 30 for e in found)
    assert all(e.ci_low <= e.effect <= e.ci_high for e in found)
    with sqlite_database.unit_of_work() as s:
        kept = kept_effect_estimates(s, "250")
    assert sorted((e.offer, e.target_group, e.effect) for e in kept) == sorted(
        (e.offer, e.target_group, e.effect) for e in found)
    # the result review's section: the same table for the review's year (starts in 2025, kept as a window)
    from pathlib import Path

    from indsats.services.steering.result_review import write_result_review

    plan = Path(__file__).resolve().parents[2] / "plans" / "demo-frederikssund.yaml"
    html_path, _ = write_result_review(plan, 2025, Path(tmp_path) / "review", db=sqlite_database, code="250")
    html = html_path.read_text(encoding="utf-8")
    assert "<h2>Effekter af tilbud</h2>" in html and "Tilbudsstarter i 2025-W01–2025-W52" in html
    assert re.search(r"<td>Virksomhedspraktik: \d+ procentpoint (flere|færre) i selvforsørgelse efter et halvt år", html)
    with sqlite_database.unit_of_work() as s:
        assert kept_effect_estimates(s, "250", last_week="2025-W52")
    # the commands: keep a year's estimates, import the knowledge bank's figures (all or nothing)
    from typer.testing import CliRunner

    from indsats.cli import app
    from indsats.services.evidence.effect_references import reference_figures

    runner, url = CliRunner(), str(sqlite_database.url)
    res = runner.invoke(app, ["effect-estimates", "refresh", "--municipality", "250", "--year", "2025",
                              "--database", url])
    assert res.exit_code == 0, res.output
    assert "effektestimater gemt for kommune 250 (starter 2025-W01–2025-W52)" in res.output
    good = Path(tmp_path) / "jobeffekter.csv"
    good.write_text("indsats;målgruppe;effekt;nedre;øvre;kilde;år\nLøntilskud;Dagpengemodtagere;3;1;5;jobeffekter.dk;2022\n",
                    encoding="utf-8")
    res = runner.invoke(app, ["effect-estimates", "import-reference", str(good), "--municipality", "250",
                              "--database", url])
    assert res.exit_code == 0 and "1 tal fra vidensbanken indlæst" in res.output, res.output
    bad = Path(tmp_path) / "bad.csv"
    bad.write_text("indsats;målgruppe;effekt;nedre;øvre;kilde;år\nMentorstøtte;alle;1;;;x;2023\n"
                   "Løntilskud;alle;x;;;y;2023\n", encoding="utf-8")
    res = runner.invoke(app, ["effect-estimates", "import-reference", str(bad), "--municipality", "250",
                              "--database", url])
    assert res.exit_code == 2 and "bad.csv: linje 3, kolonne 'effekt': ikke et tal" in res.output
    with sqlite_database.unit_of_work() as s:
        assert list(reference_figures(s, "250")) == [("wage_subsidy", "unemployment_benefit")]
