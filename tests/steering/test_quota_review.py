"""The result review's section "Kvoteopfyldelse (75 %-kravet)" for years from 2026."""

from __future__ import annotations

from pathlib import Path

from indsats.services.steering.result_review import quota_section, write_result_review
from tests.casework.quota_world import AS_OF, build

ROOT = Path(__file__).resolve().parents[2]


def test_quota_section_by_year(database):
    build(database)
    series = quota_section(database, "250", 2026, AS_OF)
    offers = next(s for s in series if s.measure == "offer")
    assert [(r.cohort, r.n, r.met, r.exempt_by_quota, r.not_met, r.open) for r in offers.rows] == [
        ("2026-08", 5, 1, 2, 2, 0), ("2026-09", 1, 0, 0, 0, 1)]
    assert offers.total.over_cap and offers.chart.startswith("<svg")
    assert quota_section(database, "250", 2027, AS_OF) == []  # no cohort entered in 2027 yet
    assert quota_section(database, "250", 2025, AS_OF) is None  # before the measure: no section


def test_result_review_html_has_the_section(sqlite_database, tmp_path, monkeypatch):
    monkeypatch.setenv("INDSATS_TODAY", AS_OF.isoformat())
    build(sqlite_database)
    html_path, pdf_path = write_result_review(ROOT / "plans" / "demo-frederikssund.yaml", 2026, tmp_path / "review",
                                              db=sqlite_database, code="250")
    html = html_path.read_text(encoding="utf-8")
    assert "<h2>Kvoteopfyldelse (75 %-kravet)</h2>" in html
    assert "Tilbud inden for 6 måneder – dagpengemodtagere og job- og uddannelsesparate" in html
    assert "40,0 % (over grænsen)" in html and "(under kravet)" in html
    assert pdf_path.read_bytes()[:4] == b"%PDF"
