"""Timeliness leaves the quota-exempted out like waived ones and shows the 75 % coverage beside it from 2026-07-01."""

from __future__ import annotations

from datetime import date

from indsats.services.casework.timeliness import compute_timeliness

from .quota_world import AS_OF, build
from .test_quota import LEADER, client, login  # noqa: F401  (the fixture)


def test_timeliness_leaves_exempt_by_quota_out(database):
    build(database)
    t = compute_timeliness(database, LEADER, date(2027, 1, 1), AS_OF)
    # Cohort 2026-08, deadline 2027-02-02: Dan met, Dorit and Ditte missed; Dina and Carl exempted (not counted).
    assert t.by_rule["contact.first_six_months"].to_dict() == {"met": 1, "met_late": 0, "overdue": 2, "total": 3,
                                                               "rate": 0.3333}
    assert t.by_rule["offer.right_and_duty"].total == 3 and t.overall.total == 6


def test_timeliness_page_shows_the_coverage_measure_beside(client):  # noqa: F811
    _world, c, _db = client
    login(c, "teamleder")
    page = c.get("/rettidighed?fra=2027-01-01&dato=2027-02-15").text
    # the quota duties whose deadline fell in the span (2027-02-02): the municipality's, with the exempted
    assert "Kvoteopfyldelse (75 %-kravet)" in page and "Her tælles de kvoteforpligtelser, hvis frist faldt" in page
    assert "Tilbud inden for 6 måneder – dagpengemodtagere og job- og uddannelsesparate" in page
    assert "Over grænsen" in page and "Nærmer sig grænsen" in page and 'href="/kvoter?dato=2027-02-15"' in page
    assert "– a-kassen</td>" not in page  # the fund's deadline (2026-11-02) is outside the span
    assert "– a-kassen</td>" in c.get("/rettidighed?fra=2026-11-01&dato=2027-02-15").text
    assert "Ingen kohorter med kvotekrav i perioden." in c.get("/rettidighed?fra=2027-02-03&dato=2027-02-15").text
    before = c.get("/rettidighed?fra=2026-01-01&dato=2026-06-30").text
    assert "Kvoteopfyldelse" not in before  # before the measure's start date
