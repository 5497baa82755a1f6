"""The dated rule for decisions on flex job and disability pension, on both sides of 1 February 2026: the
rehabilitation team is abolished by lov nr. 1750 af 29.12.2025 (L 66) and the health coordinator's advice
to the coordinated description takes its place (shared/docs/law-notes-2025-2027.md, 2026-02-01)."""

from datetime import date

from indsats.law.decisions import HEALTH_ADVICE, REHABILITATION_TEAM, decision_basis


def test_the_day_before_the_reform_the_rehabilitation_team_recommends():
    basis = decision_basis(date(2026, 1, 31))
    assert basis is not None and basis.required == REHABILITATION_TEAM
    assert "§ 9" in basis.source and basis.valid_from == date(2013, 1, 1)


def test_from_1_february_2026_the_health_coordinators_advice_is_required():
    basis = decision_basis(date(2026, 2, 1))
    assert basis is not None and basis.required == HEALTH_ADVICE
    assert "1750" in basis.source and basis.confidence == "2nd"


def test_before_the_2013_reform_the_rule_is_not_covered():
    assert decision_basis(date(2012, 12, 31)) is None
